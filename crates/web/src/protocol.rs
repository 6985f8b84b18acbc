//! The messages between the UI thread ([`crate::client`]) and the search worker
//! ([`crate::worker`]), as plain JS objects so that `postMessage` clones them
//! without a serialisation format of their own:
//!
//! ```js
//! // UI → worker: a Request. Ids increase; `options` is what window.soi.search takes.
//! {id: 7, kind: "search",  query: "dai hoi", options: {limit: 20, filters: {place: ["Kim Sơn"]}}}
//! {id: 8, kind: "article", query: "dai hoi", doc: "004_41a37cd57bca97c8.txt"}
//! {id: 9, kind: "api",     query: "dai hoi", options: {limit: 5}}   // window.soi.search
//!
//! // worker → UI: a Reply. First the index loads…
//! {kind: "progress", fetched: 4096, total: 65536}
//! {kind: "ready"}  or  {kind: "failed", error: "No search index was found (…)"}
//! // …then each request is answered, unless it was superseded (below).
//! {kind: "search", id: 7, value: {total, hits, …}}  or  {kind: "search", id: 7, error: "…"}
//! ```
//!
//! `value` is JSON-compatible: for `api` the `soi search --json` shape
//! ([`soi_core::SearchResponse`]), for `search` [`Results`], for `article` an
//! [`soi_core::ArticleView`].
//!
//! **Superseding.** For `search` and `article` only the newest request matters (it
//! follows the latest keystroke or click): the worker skips one that a newer
//! request of its kind has superseded, before it starts or when it ends, and the UI
//! drops any answer whose id is not the newest it asked for. `api` requests are
//! calls that each await their own answer: every one is answered.

use std::collections::BTreeMap;

use js_sys::{Object, Reflect};
use serde::{Deserialize, Serialize};
use soi_core::SearchResponse;
use wasm_bindgen::JsValue;

/// The answer to a search asked before the index is open.
pub const NOT_LOADED: &str = "the index is not loaded yet: await window.soi.ready";

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The results for the explorer's current view.
    Search,
    /// The article open in the reader, marked for the query.
    Article,
    /// A `window.soi.search` call.
    Api,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Search => "search",
            Kind::Article => "article",
            Kind::Api => "api",
        }
    }

    fn from_name(name: &str) -> Option<Kind> {
        [Kind::Search, Kind::Article, Kind::Api].into_iter().find(|k| k.name() == name)
    }

    /// Does a newer request of this kind make the older ones pointless? True for
    /// what the UI shows (one result list, one article); an API call is answered
    /// whatever comes after it.
    pub fn superseded_by_newer(self) -> bool {
        self != Kind::Api
    }
}

/// UI → worker.
#[derive(Debug, Clone)]
pub struct Request {
    /// Increasing per UI, so that "newer" is "larger".
    pub id: u32,
    pub kind: Kind,
    pub query: String,
    /// `search`, `api`: the options object as `window.soi.search` takes it (the
    /// worker reads and checks it, so that both paths share one reader).
    pub options: JsValue,
    /// `article`: the id of the article to open.
    pub doc: Option<String>,
}

/// Worker → UI.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Index bytes fetched so far, of `total` (known once the manifest is read).
    Progress { fetched: u64, total: u64 },
    /// The index is open: requests can be answered.
    Ready,
    /// The index could not be loaded; a sentence for the user.
    Failed(String),
    /// The answer to request `id`: a JSON-compatible value, or a sentence for the user.
    Answer { id: u32, kind: Kind, result: Result<JsValue, String> },
}

/// The answer to a `search`: the response, and per filtered facet the values of
/// `response.facets` that the filters select. Filters compare folded (`kim son`
/// selects *Kim Sơn*); the worker says which values that is, so that the UI can
/// show them pressed without carrying an analyzer (and its Unicode tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub response: SearchResponse,
    pub selected: BTreeMap<String, Vec<String>>,
}

/// A plain object with these fields.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in fields {
        // Setting a field of a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o.into()
}

/// A field of a message; `undefined` when absent.
fn field(message: &JsValue, key: &str) -> JsValue {
    Reflect::get(message, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text_field(message: &JsValue, key: &str) -> Option<String> {
    field(message, key).as_string()
}

/// Ids, byte counts: non-negative whole numbers below 2^53 travel as JS numbers.
fn number_field(message: &JsValue, key: &str) -> Option<u64> {
    field(message, key).as_f64().filter(|n| *n >= 0.0 && n.fract() == 0.0).map(|n| n as u64)
}

fn id_field(message: &JsValue) -> Result<u32, String> {
    number_field(message, "id").and_then(|id| u32::try_from(id).ok()).ok_or_else(|| "a message without an id".into())
}

fn kind_field(message: &JsValue) -> Result<Kind, String> {
    let name = text_field(message, "kind").unwrap_or_default();
    Kind::from_name(&name).ok_or_else(|| format!("a message of unknown kind {name:?}"))
}

impl Request {
    pub fn to_js(&self) -> JsValue {
        let mut fields = vec![
            ("id", JsValue::from(self.id)),
            ("kind", JsValue::from_str(self.kind.name())),
            ("query", JsValue::from_str(&self.query)),
            ("options", self.options.clone()),
        ];
        if let Some(doc) = &self.doc {
            fields.push(("doc", JsValue::from_str(doc)));
        }
        object(&fields)
    }

    /// Reads a request; the error names what is wrong with the message.
    pub fn from_js(message: &JsValue) -> Result<Request, String> {
        Ok(Request {
            id: id_field(message)?,
            kind: kind_field(message)?,
            query: text_field(message, "query").unwrap_or_default(),
            options: field(message, "options"),
            doc: text_field(message, "doc"),
        })
    }
}

impl Reply {
    pub fn to_js(&self) -> JsValue {
        match self {
            Reply::Progress { fetched, total } => object(&[
                ("kind", "progress".into()),
                ("fetched", JsValue::from(*fetched as f64)),
                ("total", JsValue::from(*total as f64)),
            ]),
            Reply::Ready => object(&[("kind", "ready".into())]),
            Reply::Failed(error) => object(&[("kind", "failed".into()), ("error", JsValue::from_str(error))]),
            Reply::Answer { id, kind, result } => {
                let (key, payload) = match result {
                    Ok(value) => ("value", value.clone()),
                    Err(error) => ("error", JsValue::from_str(error)),
                };
                object(&[("kind", JsValue::from_str(kind.name())), ("id", JsValue::from(*id)), (key, payload)])
            }
        }
    }

    /// Reads a reply; the error names what is wrong with the message.
    pub fn from_js(message: &JsValue) -> Result<Reply, String> {
        match text_field(message, "kind").as_deref() {
            Some("progress") => Ok(Reply::Progress {
                fetched: number_field(message, "fetched").unwrap_or(0),
                total: number_field(message, "total").unwrap_or(0),
            }),
            Some("ready") => Ok(Reply::Ready),
            Some("failed") => Ok(Reply::Failed(text_field(message, "error").unwrap_or_default())),
            _ => {
                let result = match text_field(message, "error") {
                    Some(error) => Err(error),
                    None => Ok(field(message, "value")),
                };
                Ok(Reply::Answer { id: id_field(message)?, kind: kind_field(message)?, result })
            }
        }
    }
}
