//! The search worker: everything that runs a search, off the UI thread.
//!
//! The `soi-worker` binary (`src/bin/worker.rs`, built by Trunk as a Web Worker)
//! calls [`serve_this_worker`]: a [`Service`] loads the index with the
//! [`Engine`] and answers the UI over `postMessage` (see [`crate::protocol`]).
//! The UI's binary never calls into this module, so none of the search code is
//! linked into it.
//!
//! [`serve_in_page`] runs the same service on the calling thread behind a
//! `MessagePort`, for the browser tests, which cannot start the worker binary.

mod engine;
mod options;
mod service;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort};

pub use engine::{Engine, Source, Stale};
pub use service::Service;

/// Where the worker finds the index: `index/` beside its script, which Trunk
/// puts beside the page (so this is the page's `index/`, on any sub-path).
const INDEX: &str = "index/";

/// The index's address for this worker: `index/` under the site's address that
/// the page gave a worker started from a Blob (`self.__soiBoot.base`, see
/// www/soi-worker-start.js), which has no address of its own; else `index/`
/// beside the worker's script.
fn index_here() -> String {
    let base = js_sys::Reflect::get(&js_sys::global(), &"__soiBoot".into())
        .ok()
        .filter(JsValue::is_object)
        .and_then(|boot| js_sys::Reflect::get(&boot, &"base".into()).ok())
        .and_then(|base| base.as_string());
    format!("{}{INDEX}", base.unwrap_or_default())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `setTimeout`, in a worker and in a page alike.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, millis: i32);
}

/// Resolves once the tasks already queued for this thread have run, as a timer
/// set now fires after them in practice (HTML leaves the order of task sources
/// open; Chromium runs them in the order they were queued). Among those tasks:
/// the UI's messages (each posted message queues one), and the browser's own
/// work for the requests this thread has just made.
async fn after_queued_tasks() {
    let timer = js_sys::Promise::new(&mut |resolve, _| set_timeout(&resolve, 0));
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// Serves the UI that started this worker: loads the index and answers its
/// messages for as long as the worker lives. Fails outside a dedicated worker.
pub fn serve_this_worker() -> Result<(), JsValue> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let to_ui = scope.clone();
    let service = Service::start(Source::early(&index_here()), move |reply| {
        // A reply is a plain object of strings, numbers and arrays: it always clones.
        let _ = to_ui.post_message(&reply);
    });
    listen(&scope, service);
    Ok(())
}

/// Serves a UI on this thread: returns the port the UI talks to
/// ([`crate::client::Backend::Port`]).
pub fn serve_in_page(source: Source) -> Result<MessagePort, JsValue> {
    let channel = MessageChannel::new()?;
    let here = channel.port2();
    let to_ui = here.clone();
    let service = Service::start(source, move |reply| {
        let _ = to_ui.post_message(&reply);
    });
    listen(&here, service);
    here.start();
    Ok(channel.port1())
}

/// Hands every message arriving at `target` to `service`. The listener lives as
/// long as the thread (or the page) does, as a worker's does.
fn listen(target: &web_sys::EventTarget, service: std::rc::Rc<Service>) {
    EventListener::new(target, "message", move |event| {
        if let Some(event) = event.dyn_ref::<MessageEvent>() {
            service.receive(&event.data());
        }
    })
    .forget();
}
