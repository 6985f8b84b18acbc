//! `window.soi`: the JavaScript API, for embedding and for browser tests.
//!
//! ```js
//! await window.soi.ready;                       // resolves once the index is open
//! const r = await window.soi.search("dai hoi", {
//!   limit: 5,                                   // default 10
//!   filters: { place: ["Kim Sơn"] },            // AND across facets, OR within
//!   from: "2020-01", to: "2020-12",             // YYYY, YYYY-MM or YYYY-MM-DD
//!   sort: "newest",                             // "relevance" (default), "newest", "oldest"
//!   facets: false,                              // skip facet counts (default true)
//! });
//! // r: {total, hits: [{id, title, score, snippet, marks, title_marks, doc, date, …}],
//! //     unmatched, partial, read_as, suggestion, facets, months}
//! ```
//! `ready` rejects with the error message when the index cannot be loaded; the
//! search answer has the same shape as `soi search --json`, and a search with
//! options it cannot use rejects with the sentence the CLI prints for them
//! ([`SearchOptions::validate`]).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use soi_core::{SearchOptions, Sort};

use crate::engine::Engine;

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

/// Settles `window.soi.ready`.
pub struct Ready {
    resolve: Function,
    reject: Function,
}

impl Ready {
    /// Makes `engine` the one `window.soi.search` uses, and resolves `ready`.
    pub fn resolve(&self, engine: Rc<Engine>) {
        ENGINE.with(|e| *e.borrow_mut() = Some(engine));
        let _ = self.resolve.call0(&JsValue::UNDEFINED);
    }

    pub fn reject(&self, message: &str) {
        let _ = self.reject.call1(&JsValue::UNDEFINED, &JsValue::from_str(message));
    }
}

/// Installs `window.soi` with a pending `ready` promise; returns its settler.
pub fn install() -> Ready {
    let mut settle = None;
    let ready = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.expect("the Promise executor runs synchronously");
    // A rejection nobody awaits must not be reported as an unhandled error.
    let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    let _ = ready.catch(&ignore);
    ignore.forget();

    let api = Object::new();
    let _ = Reflect::set(&api, &"ready".into(), &ready);
    let search = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(search);
    let _ = Reflect::set(&api, &"search".into(), search.as_ref());
    search.forget(); // lives as long as the page
    if let Some(window) = web_sys::window() {
        let _ = Reflect::set(&window, &"soi".into(), &api);
    }
    Ready { resolve, reject }
}

/// Reads `{limit, filters: {place: ["Kim Sơn"], …}, from, to, sort}`; every field
/// optional. Which facets, dates and sort orders exist is the core's to say.
fn options_from_js(options: &JsValue) -> Result<SearchOptions, String> {
    let mut out = SearchOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    let get = |k: &str| Reflect::get(options, &k.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    if let Some(limit) = get("limit") {
        let l = limit.as_f64().filter(|l| l.is_finite() && *l >= 0.0).ok_or("limit must be a number ≥ 0")?;
        out.limit = l.min(1000.0) as usize;
    }
    if let Some(filters) = get("filters") {
        let map: std::collections::BTreeMap<String, Vec<String>> =
            serde_wasm_bindgen::from_value(filters).map_err(|e| format!("filters must be {{facet: [values]}}: {e}"))?;
        for (facet, values) in map {
            for value in values {
                out.add_filter(&facet, &value);
            }
        }
    }
    out.from = get("from").map(|v| text(&v));
    out.to = get("to").map(|v| text(&v));
    if let Some(facets) = get("facets") {
        out.facets = facets.as_bool().ok_or("facets must be true or false")?;
    }
    if let Some(sort) = get("sort") {
        out.sort = text(&sort).parse::<Sort>().map_err(|e| e.to_string())?;
    }
    out.validate().map_err(|e| e.to_string())?;
    Ok(out)
}

/// A string as it is, anything else as JSON (`2020` → `"2020"`), so that the
/// core's checks see, and name, what was passed.
fn text(value: &JsValue) -> String {
    value.as_string().or_else(|| js_sys::JSON::stringify(value).ok().map(String::from)).unwrap_or_default()
}

fn search(query: JsValue, options: JsValue) -> Promise {
    let query = query.as_string().unwrap_or_default();
    let options = options_from_js(&options);
    let engine = ENGINE.with(|e| e.borrow().clone());
    future_to_promise(async move {
        let options = options.map_err(|e| JsValue::from_str(&e))?;
        let engine = engine.ok_or_else(|| JsValue::from_str("the index is not loaded yet: await window.soi.ready"))?;
        let response = engine.search(&query, &options).await.map_err(|e| JsValue::from_str(&e))?;
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&response, &serializer).map_err(|e| JsValue::from_str(&e.to_string()))
    })
}
