//! # soi-core
//!
//! Soi's search engine, with no I/O, compiled natively (CLI, tests) and to
//! `wasm32-unknown-unknown` (the browser app):
//!
//! - [`text`]: the one analyzer — NFC, words with byte ranges and positions, surface
//!   and folded forms (`đ`/`Đ`/`Ð` → `d`, tones removed).
//! - [`index`]: the index format. [`IndexBuilder`] turns [`Document`]s into bytes
//!   (an `fst` dictionary, postings with positions, a document table, text store
//!   chunks and a [`Manifest`]); [`Index`] opens them again.
//! - [`query`]: the query language ([`Query`]): words, phrases, `-`, `OR`, `title:`.
//! - [`search`]: expansion on the dictionary (folding, prefixes, typos, Telex/VNI
//!   via [`telex`]) and ranking.
//! - [`snippet`]: snippet windows and highlight ranges.
//! - [`response`]: the JSON shape of a search answer ([`SearchResponse`]).
//!
//! ```
//! use soi_core::{Document, Index, IndexBuilder};
//!
//! let mut builder = IndexBuilder::new();
//! builder.add(Document::new("a.txt", "Đại hội Chi bộ", "Chuẩn bị đại hội."));
//! builder.add(Document::new("b.txt", "Kế hoạch dài hạn", "Một câu chuyện dài."));
//! let built = builder.build();
//! let index = Index::open_all(built.manifest.clone(), |name| {
//!     built.files.iter().find(|f| f.name == name).map(|f| f.bytes.clone())
//! }).unwrap();
//!
//! let results = index.search("dai hoi", 10);
//! let response = index.response(&results);
//! assert_eq!(response.total, 1);
//! assert_eq!(response.hits[0].id, "a.txt");
//! let [start, end] = response.hits[0].marks[0];
//! assert_eq!(&response.hits[0].snippet[start..end], "đại hội"); // adjacent query words: one mark
//! ```

pub mod error;
pub mod facets;
pub mod formats;
mod html;
pub mod index;
pub mod ingest;
mod matching;
pub mod metadata;
pub mod query;
mod related;
pub mod response;
pub mod search;
pub mod snippet;
pub mod telex;
pub mod text;

pub use error::{Error, ErrorKind, Result};
pub use facets::{Filter, SearchOptions, Sort};
pub use index::{BuiltIndex, Document, Index, IndexBuilder, Manifest};
pub use query::Query;
pub use response::{ArticleView, HitView, RelatedView, SearchResponse};
pub use search::SearchResults;
