//! `window.soi`: the JavaScript API, for embedding and for browser tests.
//!
//! ```js
//! await window.soi.ready;                       // resolves once the dictionary is open
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
//! ([`soi_core::SearchOptions::validate`]). Searches run in the search worker, like
//! the explorer's (see [`crate::client::Client::call`]); each call gets its own
//! answer, whatever else is asked meanwhile.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::client::Client;
use crate::protocol::NOT_LOADED;

thread_local! {
    /// The client `window.soi.search` posts to: the app's, once its index is open.
    static CLIENT: RefCell<Weak<Client>> = const { RefCell::new(Weak::new()) };
}

/// Settles `window.soi.ready`.
pub struct Ready {
    resolve: Function,
    reject: Function,
}

impl Ready {
    /// Makes `client` the one `window.soi.search` uses, and resolves `ready`.
    pub fn resolve(&self, client: &Rc<Client>) {
        CLIENT.with(|c| *c.borrow_mut() = Rc::downgrade(client));
        let _ = self.resolve.call0(&JsValue::UNDEFINED);
    }

    pub fn reject(&self, message: &str) {
        let _ = self.reject.call1(&JsValue::UNDEFINED, &JsValue::from_str(message));
    }
}

/// Installs `window.soi` with a pending `ready` promise; returns its settler.
/// Until it resolves, `search` rejects (it does not reach a previous app's worker).
pub fn install() -> Ready {
    CLIENT.with(|c| *c.borrow_mut() = Weak::new());
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
    match CLIENT.with(|c| c.borrow().upgrade()) {
        Some(client) => client.call(&query, options),
        None => Promise::reject(&NOT_LOADED.into()),
    }
}
