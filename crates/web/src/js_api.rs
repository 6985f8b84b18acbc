//! `window.soi`: the JavaScript API, for embedding and for browser tests.
//!
//! ```js
//! await window.soi.ready;                       // resolves once the index is open
//! const r = await window.soi.search("dai hoi", { limit: 5 });
//! // r: {total, hits: [{id, title, score, snippet, marks, title_marks, doc}], unmatched}
//! ```
//! `ready` rejects with the error message when the index cannot be loaded; the
//! search answer has the same shape as `soi search --json`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

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

fn search(query: JsValue, options: JsValue) -> Promise {
    let query = query.as_string().unwrap_or_default();
    let limit = Reflect::get(&options, &"limit".into())
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|l| l.is_finite() && *l >= 0.0)
        .map_or(10, |l| l.min(1000.0) as usize);
    let engine = ENGINE.with(|e| e.borrow().clone());
    future_to_promise(async move {
        let engine = engine.ok_or_else(|| JsValue::from_str("the index is not loaded yet: await window.soi.ready"))?;
        let response = engine.search(&query, limit).await.map_err(|e| JsValue::from_str(&e))?;
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&response, &serializer).map_err(|e| JsValue::from_str(&e.to_string()))
    })
}
