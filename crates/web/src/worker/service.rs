//! The worker's side of the [protocol](crate::protocol): it owns the [`Engine`],
//! reports how loading goes, and answers requests, skipping those a newer request
//! of their kind has superseded.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde::Serialize;
use soi_core::analysis::fold;
use soi_core::{SearchOptions, SearchResponse};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::after_queued_tasks;
use super::engine::{Engine, Source, Stale};
use super::options::options_from_js;
use crate::protocol::{Kind, Reply, Request, Results, NOT_LOADED};

/// Where loading the index stands.
enum Phase {
    Loading,
    Ready(Rc<Engine>),
    Failed(String),
}

/// Answers the requests of one UI.
pub struct Service {
    phase: RefCell<Phase>,
    /// The id of the newest request of each kind that newer requests supersede,
    /// and what tells it that a newer one came.
    newest: RefCell<HashMap<Kind, (u32, Rc<Stale>)>>,
    /// Sends a message to the UI.
    post: Box<dyn Fn(JsValue)>,
}

impl Service {
    /// Starts loading the index from `source`, posting [`Reply::Progress`], then
    /// [`Reply::Ready`] or [`Reply::Failed`], through `post`.
    pub fn start(source: Source, post: impl Fn(JsValue) + 'static) -> Rc<Service> {
        let service =
            Rc::new(Service { phase: RefCell::new(Phase::Loading), newest: RefCell::default(), post: Box::new(post) });
        let loading = service.clone();
        spawn_local(async move {
            let progress = |fetched, total| loading.send(&Reply::Progress { fetched, total });
            let (phase, reply) = match Engine::load(source, progress).await {
                Ok(engine) => (Phase::Ready(engine), Reply::Ready),
                Err(message) => (Phase::Failed(message.clone()), Reply::Failed(message)),
            };
            *loading.phase.borrow_mut() = phase;
            loading.send(&reply);
        });
        service
    }

    fn send(&self, reply: &Reply) {
        (self.post)(reply.to_js());
    }

    /// Takes one message from the UI and answers it when its turn comes.
    pub fn receive(self: &Rc<Self>, message: &JsValue) {
        let request = match Request::from_js(message) {
            Ok(request) => request,
            // Only Soi's UI posts here; anything else is worth a warning, not an answer.
            Err(problem) => {
                web_sys::console::warn_1(&format!("Soi's search worker ignored {problem}").into());
                return;
            }
        };
        let stale = Rc::new(Stale::default());
        if request.kind.superseded_by_newer() {
            let older = self.newest.borrow_mut().insert(request.kind, (request.id, stale.clone()));
            // The older request stops waiting for the network now.
            if let Some((_, older)) = older {
                older.mark();
            }
        }
        let service = self.clone();
        spawn_local(async move { service.answer(request, &stale).await });
    }

    async fn answer(&self, request: Request, stale: &Stale) {
        if request.kind.superseded_by_newer() {
            // Keystrokes that arrived while the previous search ran are queued
            // as messages: let them all be received first, so that only the
            // newest of them is searched.
            after_queued_tasks().await;
            if !stale.wanted() {
                return;
            }
        }
        // `None`: superseded on the way (the UI would drop the answer).
        let Some(result) = self.run(&request, stale).await.transpose() else { return };
        if !stale.wanted() {
            return;
        }
        self.send(&Reply::Answer { id: request.id, kind: request.kind, result });
    }

    /// The answer to `request`, or `None` when a newer request superseded it
    /// before it was done (`stale` is marked then): a stale keystroke stops
    /// waiting for the network at once instead of running a search nobody
    /// will see.
    async fn run(&self, request: &Request, stale: &Stale) -> Result<Option<JsValue>, String> {
        let engine = match &*self.phase.borrow() {
            Phase::Ready(engine) => engine.clone(),
            Phase::Loading => return Err(NOT_LOADED.into()),
            Phase::Failed(message) => return Err(message.clone()),
        };
        match request.kind {
            Kind::Search => {
                let options = options_from_js(&request.options)?;
                let Some(response) = engine.search_while(&request.query, &options, stale).await? else {
                    return Ok(None);
                };
                to_json(&Results { selected: selected(&response, &options), response }).map(Some)
            }
            Kind::Api => {
                let options = options_from_js(&request.options)?;
                to_json(&engine.search(&request.query, &options).await?).map(Some)
            }
            Kind::Article => {
                let id = request.doc.as_deref().unwrap_or_default();
                let number =
                    engine.doc_number(id).await?.ok_or_else(|| format!("there is no article {id:?} in this index"))?;
                let Some(article) = engine.article_while(number, &request.query, stale).await? else {
                    return Ok(None);
                };
                to_json(&article).map(Some)
            }
        }
    }
}

/// Per filtered facet, the values of the response's counts that the filters
/// select, compared folded as the core compares them.
fn selected(response: &SearchResponse, options: &SearchOptions) -> BTreeMap<String, Vec<String>> {
    // Inserted one by one: collecting into a map would sort the pairs with a
    // stable sort, whose code the worker's wasm has no other use for.
    let mut out = BTreeMap::new();
    for filter in &options.filters {
        let wanted: Vec<String> = filter.values.iter().map(|v| fold(v.trim())).collect();
        let counts = response.facets.get(&filter.facet).into_iter().flatten();
        let values = counts.filter(|c| wanted.contains(&fold(&c.value))).map(|c| c.value.clone()).collect();
        out.insert(filter.facet.clone(), values);
    }
    out
}

/// The `soi search --json` shape: maps as objects, numbers as numbers.
fn to_json(value: &impl Serialize) -> Result<JsValue, String> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| e.to_string())
}
