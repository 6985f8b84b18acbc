//! The UI's side of the search worker: it posts [`Request`]s and turns the
//! [`Reply`]s into the app's [`Action`]s, dropping every answer that a newer
//! request has superseded (see [`crate::protocol`]). The UI thread never runs a
//! search; it renders what arrives, in the task the message arrives in.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, MessagePort, Worker};
use yew::{AttrValue, UseReducerDispatcher};

use crate::answers;
use crate::js_api::Ready;
use crate::protocol::{Kind, Reply, Request};
use crate::state::{Action, Answer, State};
use crate::view::View;

/// The worker's script, beside the page (`www/soi-worker-start.js`): it imports
/// `soi-worker.js` and starts `soi-worker_bg.wasm`, which Trunk names after the
/// cargo binary, without a content hash, because the app must know the names
/// when it runs.
pub const WORKER_SCRIPT: &str = "soi-worker-start.js";

/// Where the searches run.
#[derive(Clone, PartialEq)]
pub enum Backend {
    /// A dedicated Web Worker started from this script URL, relative to the page
    /// (the app's: [`Backend::worker`]).
    Worker(AttrValue),
    /// A port whose other end speaks the protocol: the service run on this thread
    /// by [`crate::worker::serve_in_page`], for tests.
    Port(MessagePort),
}

impl Backend {
    /// Soi's search worker, as Trunk builds it beside the page.
    pub fn worker() -> Self {
        Backend::Worker(AttrValue::Static(WORKER_SCRIPT))
    }
}

/// The other end of the conversation.
enum Endpoint {
    Worker(Worker),
    Port(MessagePort),
}

impl Endpoint {
    fn target(&self) -> &web_sys::EventTarget {
        match self {
            Endpoint::Worker(worker) => worker,
            Endpoint::Port(port) => port,
        }
    }

    fn post(&self, message: &JsValue) -> Result<(), JsValue> {
        match self {
            Endpoint::Worker(worker) => worker.post_message(message),
            Endpoint::Port(port) => port.post_message(message),
        }
    }
}

/// The newest search asked: only its answer is shown.
struct NewestSearch {
    id: u32,
    view: View,
    /// The first hit asked for: 0, or the next page's.
    offset: usize,
    /// When it was posted, for "took … ms".
    posted: f64,
}

/// The app's connection to its search worker. Dropping it stops the worker
/// (the app's hook holds the one strong reference, so that happens on unmount).
pub struct Client {
    endpoint: Endpoint,
    dispatcher: UseReducerDispatcher<State>,
    /// Settles `window.soi.ready` once the worker says how loading went.
    ready: Ready,
    next_id: Cell<u32>,
    search: RefCell<Option<NewestSearch>>,
    /// The id of the newest article asked for: only its answer is shown.
    article: Cell<Option<u32>>,
    /// `window.soi.search` calls waiting for their answer: resolve, reject.
    calls: RefCell<HashMap<u32, (Function, Function)>>,
    _listeners: Vec<EventListener>,
}

/// Milliseconds since the page loaded.
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl Client {
    /// Starts the worker (or connects to the port) and listens to it. The index
    /// loads right away: [`Action::Progress`], then [`Action::Loaded`] or
    /// [`Action::LoadFailed`], which also settle `window.soi.ready`.
    pub fn connect(backend: &Backend, dispatcher: UseReducerDispatcher<State>) -> Result<Rc<Client>, String> {
        let (endpoint, early) =
            match backend {
                Backend::Worker(script) => match started_early(script) {
                    Some((worker, early)) => (Endpoint::Worker(worker), early),
                    None => (
                        Endpoint::Worker(Worker::new(script).map_err(|e| {
                            format!("the search worker {script} could not be started: {}", describe(&e))
                        })?),
                        Vec::new(),
                    ),
                },
                Backend::Port(port) => (Endpoint::Port(port.clone()), Vec::new()),
            };
        let ready = crate::js_api::install();
        let client = Rc::new_cyclic(|me: &Weak<Client>| {
            let on_message = {
                let me = me.clone();
                EventListener::new(endpoint.target(), "message", move |event| {
                    if let (Some(client), Some(event)) = (me.upgrade(), event.dyn_ref::<MessageEvent>()) {
                        client.receive(&event.data());
                    }
                })
            };
            // A worker script that is missing, or a worker that panicked: no
            // answer will come, and the user must be told.
            let on_error = {
                let me = me.clone();
                EventListener::new(endpoint.target(), "error", move |event| {
                    if let Some(client) = me.upgrade() {
                        client.stopped(event);
                    }
                })
            };
            if let Endpoint::Port(port) = &endpoint {
                // A port listened to with addEventListener delivers only once started.
                port.start();
            }
            Client {
                endpoint,
                dispatcher,
                ready,
                next_id: Cell::new(0),
                search: RefCell::default(),
                article: Cell::new(None),
                calls: RefCell::default(),
                _listeners: vec![on_message, on_error],
            }
        });
        // What the worker said before the app was there, in order.
        for event in early {
            match event.dyn_ref::<MessageEvent>() {
                Some(message) => client.clone().receive(&message.data()),
                None => client.stopped(&event),
            }
        }
        Ok(client)
    }

    /// The worker's `error` event: it stopped, or never started.
    fn stopped(&self, event: &web_sys::Event) {
        let detail = event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message).unwrap_or_default();
        let detail = if detail.is_empty() { detail } else { format!(" ({detail})") };
        self.failed(format!(
            "The search worker stopped{detail}. Reload the page; if it stops again, rebuild the app with `trunk build --release` and copy all of dist/ into the site."
        ));
    }

    /// Posts a request with the next id; the error is a sentence for the user.
    fn post(&self, kind: Kind, query: &str, options: JsValue, doc: Option<String>) -> Result<u32, String> {
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        let request = Request { id, kind, query: query.to_owned(), options, doc };
        self.endpoint.post(&request.to_js()).map_err(|e| describe(&e))?;
        Ok(id)
    }

    /// Asks for `limit` results of `view` from the `offset`-th (0, or the next
    /// page's); any answer to an earlier search is dropped.
    pub fn search(&self, view: View, offset: usize, limit: usize) {
        match self.post(Kind::Search, &view.query, view.options(offset, limit), None) {
            Ok(id) => *self.search.borrow_mut() = Some(NewestSearch { id, view, offset, posted: now() }),
            Err(message) => self.dispatcher.dispatch(Action::Failed(message)),
        }
    }

    /// Asks for the article `doc`, marked for `query`; any answer to an earlier
    /// article request is dropped.
    pub fn article(&self, doc: &str, query: &str) {
        match self.post(Kind::Article, query, JsValue::UNDEFINED, Some(doc.to_owned())) {
            Ok(id) => self.article.set(Some(id)),
            Err(message) => self.dispatcher.dispatch(Action::Failed(message)),
        }
    }

    /// `window.soi.search`: a promise of the `soi search --json` answer, or of
    /// the sentence that says what is wrong.
    pub fn call(&self, query: &str, options: JsValue) -> Promise {
        let mut settle = None;
        let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
        let Some((resolve, reject)) = settle else { return promise };
        match self.post(Kind::Api, query, options, None) {
            Ok(id) => {
                self.calls.borrow_mut().insert(id, (resolve, reject));
            }
            // Options that cannot be posted (a function, say) are refused here.
            Err(message) => {
                let _ = reject.call1(&JsValue::UNDEFINED, &message.into());
            }
        }
        promise
    }

    fn failed(&self, message: String) {
        self.ready.reject(&message);
        self.dispatcher.dispatch(Action::LoadFailed(message));
    }

    /// One message from the worker, acted on at once: an answer is rendered in
    /// the task it arrives in.
    fn receive(self: Rc<Self>, message: &JsValue) {
        let reply = match Reply::from_js(message) {
            Ok(reply) => reply,
            Err(problem) => {
                return self.dispatcher.dispatch(Action::Failed(format!("the search worker sent {problem}")))
            }
        };
        match reply {
            Reply::Progress { fetched, total } => self.dispatcher.dispatch(Action::Progress { fetched, total }),
            Reply::Ready => {
                self.ready.resolve(&self);
                self.dispatcher.dispatch(Action::Loaded);
            }
            Reply::Failed(message) => self.failed(message),
            Reply::Answer { id, kind: Kind::Search, result } => {
                // Superseded (or already answered): never shown.
                let newest = self.search.borrow_mut().take_if(|newest| newest.id == id);
                let Some(NewestSearch { view, offset, posted, .. }) = newest else { return };
                let action = result.and_then(|v| read(v, answers::results)).map_or_else(Action::Failed, |results| {
                    Action::Answered(Answer {
                        view,
                        offset,
                        response: Rc::new(results.response),
                        selected: Rc::new(results.selected),
                        millis: now() - posted,
                    })
                });
                self.dispatcher.dispatch(action);
            }
            Reply::Answer { id, kind: Kind::Article, result } => {
                if self.article.get() != Some(id) {
                    return; // superseded: never shown
                }
                self.article.set(None);
                let action = result.and_then(|v| read(v, answers::article)).map_or_else(Action::Failed, Action::Opened);
                self.dispatcher.dispatch(action);
            }
            Reply::Answer { id, kind: Kind::Api, result } => {
                let Some((resolve, reject)) = self.calls.borrow_mut().remove(&id) else { return };
                let _ = match result {
                    Ok(value) => resolve.call1(&JsValue::UNDEFINED, &value),
                    Err(message) => reject.call1(&JsValue::UNDEFINED, &message.into()),
                };
            }
        }
    }
}

impl Drop for Client {
    /// The worker, and the index it holds, go with the app.
    fn drop(&mut self) {
        match &self.endpoint {
            Endpoint::Worker(worker) => worker.terminate(),
            Endpoint::Port(port) => port.close(),
        }
    }
}

/// The worker `index.html`'s inline script started while the page was still loading (so
/// that the worker's wasm and the root of the index load beside the app's own
/// wasm), with the events it sent until now; `None` when there is none for
/// `script`. It is handed over once.
fn started_early(script: &str) -> Option<(Worker, Vec<web_sys::Event>)> {
    let window = web_sys::window()?;
    let boot = js_sys::Reflect::get(&window, &"__soiWorker".into()).ok().filter(|b| b.is_object())?;
    let field = |name: &str| js_sys::Reflect::get(&boot, &name.into()).ok();
    if field("script")?.as_string().as_deref() != Some(script) {
        return None;
    }
    let take = field("take")?.dyn_into::<Function>().ok()?;
    let worker = field("worker")?.dyn_into::<Worker>().ok()?;
    let early = take.call0(&boot).ok()?.dyn_into::<js_sys::Array>().ok()?;
    Some((worker, early.iter().filter_map(|e| e.dyn_into::<web_sys::Event>().ok()).collect()))
}

/// Reads an answer the worker serialised, with `reader` (see [`crate::answers`]).
fn read<T>(value: JsValue, reader: fn(&JsValue) -> Result<T, String>) -> Result<T, String> {
    reader(&value).map_err(|problem| format!("the search worker sent an unreadable answer: {problem}"))
}

/// A thrown JS value as text: an error's message, or the value itself.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
