//! Loading an index into the browser and querying it.
//!
//! [`Engine::load`] fetches `manifest.json`, then the dictionary, postings and
//! document table, verifies them (header, size, CRC) and opens the [`Index`].
//! Article text lives in store chunks that are fetched the first time a result
//! from them is shown ([`Engine::search`], [`Engine::article`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use soi_core::index::MANIFEST_FILE;
use soi_core::{ArticleView, Index, Manifest, SearchOptions, SearchResponse};

/// Where the index files come from.
#[derive(Clone)]
pub enum Source {
    /// A URL prefix ending in `/` (relative to the page, e.g. `index/`).
    Url(Rc<str>),
    /// Files by name, already in memory (tests, embedding).
    Memory(Rc<HashMap<String, Vec<u8>>>),
}

impl Source {
    pub fn url(prefix: &str) -> Self {
        let mut p = prefix.to_owned();
        if !p.is_empty() && !p.ends_with('/') {
            p.push('/');
        }
        Source::Url(p.into())
    }

    /// Fetches one file. Errors are sentences for the user.
    pub async fn fetch(&self, name: &str) -> Result<Vec<u8>, String> {
        match self {
            Source::Memory(files) => {
                files.get(name).cloned().ok_or_else(|| format!("the index file {name} is missing"))
            }
            Source::Url(prefix) => {
                let url = format!("{prefix}{name}");
                let response = gloo::net::http::Request::get(&url)
                    .send()
                    .await
                    .map_err(|e| format!("could not fetch {url}: {e}"))?;
                if !response.ok() {
                    return Err(format!("{url} answered HTTP {} {}", response.status(), response.status_text()));
                }
                response.binary().await.map_err(|e| format!("could not read {url}: {e}"))
            }
        }
    }
}

/// An opened index and where to fetch the rest of it from.
pub struct Engine {
    index: RefCell<Index>,
    source: Source,
}

impl Engine {
    /// Fetches, verifies and opens the index. `progress` gets the bytes fetched so
    /// far and the bytes to fetch in all (known once the manifest is read).
    pub async fn load(source: Source, progress: impl Fn(u64, u64)) -> Result<Rc<Engine>, String> {
        let manifest_bytes = source.fetch(MANIFEST_FILE).await.map_err(|e| {
            format!("No search index was found ({e}). Build one with `soi build <corpus> --out <site>/index`.")
        })?;
        let json = String::from_utf8(manifest_bytes).map_err(|_| "index/manifest.json is not UTF-8 text".to_owned())?;
        let manifest = parse_manifest(&json)?;
        let f = &manifest.files;
        let total = f.dict.bytes + f.postings.bytes + f.docs.bytes;
        let mut fetched = 0;
        progress(fetched, total);
        let mut parts = Vec::with_capacity(3);
        for entry in [&f.dict, &f.postings, &f.docs] {
            let bytes = source.fetch(&entry.path).await?;
            fetched += bytes.len() as u64;
            progress(fetched, total);
            parts.push(bytes);
        }
        let docs = parts.pop().expect("three parts");
        let postings = parts.pop().expect("three parts");
        let dict = parts.pop().expect("three parts");
        let index = Index::open(manifest, dict, postings, docs).map_err(|e| e.to_string())?;
        index.verify().map_err(|e| e.to_string())?;
        Ok(Rc::new(Engine { index: RefCell::new(index), source }))
    }

    /// The internal number of the document with this id.
    pub fn doc_number(&self, id: &str) -> Option<u32> {
        self.index.borrow().docs().iter().position(|d| d.id == id).map(|n| n as u32)
    }

    /// Number of documents in the index.
    pub fn doc_count(&self) -> usize {
        self.index.borrow().doc_count()
    }

    /// Fetches the store chunks these documents need, if not loaded yet.
    async fn ensure_chunks(&self, docs: impl IntoIterator<Item = u32>) -> Result<(), String> {
        let missing = self.index.borrow().missing_chunks(docs);
        for chunk in missing {
            let name = self.index.borrow().manifest().files.store[chunk].path.clone();
            let bytes = self.source.fetch(&name).await?;
            self.index.borrow_mut().add_store_chunk(chunk, bytes).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Searches and returns hits with snippets (fetching their text if needed).
    pub async fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResponse, String> {
        let results = self.index.borrow().search_with(query, options);
        self.ensure_chunks(results.hits.iter().map(|h| h.doc)).await?;
        Ok(self.index.borrow().response(&results))
    }

    /// The whole article with the query's matches marked.
    pub async fn article(&self, doc: u32, query: &str) -> Result<ArticleView, String> {
        self.ensure_chunks([doc]).await?;
        let index = self.index.borrow();
        // Only the highlighter is needed: no hits, no facet counts.
        let results = index.search_with(query, &SearchOptions { limit: 0, facets: false, ..SearchOptions::default() });
        index.article(doc, &results).ok_or_else(|| format!("there is no article number {doc} in this index"))
    }
}

/// Parses `manifest.json` with the browser's JSON parser (keeping a JSON library
/// out of the wasm), with the same checks as [`Manifest::parse`].
fn parse_manifest(json: &str) -> Result<Manifest, String> {
    let invalid =
        |detail: String| format!("the index manifest is invalid: {detail}; rebuild the index with `soi build`");
    let value = js_sys::JSON::parse(json).map_err(|_| invalid("it is not JSON".into()))?;
    let field = |k: &str| js_sys::Reflect::get(&value, &k.into()).ok();
    let format = field("format").and_then(|v| v.as_string());
    let version = field("format_version").and_then(|v| v.as_f64()).filter(|v| *v >= 0.0).map(|v| v as u64);
    Manifest::check_format(format.as_deref(), version).map_err(|e| e.to_string())?;
    let manifest: Manifest = serde_wasm_bindgen::from_value(value).map_err(|e| invalid(e.to_string()))?;
    manifest.check_paths().map_err(|e| e.to_string())
}
