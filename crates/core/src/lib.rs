//! # soi-core
//!
//! Soi's search engine, with no I/O, compiled natively (CLI, tests) and to
//! `wasm32-unknown-unknown` (the browser app). The folders follow the pipeline:
//!
//! | module | runs | what it holds |
//! |---|---|---|
//! | [`analysis`] | build time and every keystroke | the one analyzer: NFC, words with byte ranges and positions, surface and folded forms, tone marks, Telex/VNI |
//! | [`ingest`] | build time only | article formats (txt, md, html, json, jsonl) → [`Document`]s, metadata found in text |
//! | [`index`] | build (writer) and open (reader) | the bytes on disk: [`IndexBuilder`] → files + [`Manifest`] → [`Index`] |
//! | [`search`] | every keystroke | query language → [`Plan`] → matching, ranking, facets → [`SearchResponse`]; highlights, snippets, "did you mean", related articles |
//!
//! [`document`] is the data model all of them share ([`Document`], [`Metadata`],
//! dates), and [`Error`] the one error type, whose messages say what to do.
//!
//! ```
//! use soi_core::{Document, IndexBuilder, SearchOptions};
//!
//! let mut builder = IndexBuilder::new();
//! builder.add(Document::new("a.txt", "Đại hội Chi bộ", "Chuẩn bị đại hội."));
//! builder.add(Document::new("b.txt", "Kế hoạch dài hạn", "Một câu chuyện dài."));
//! let index = builder.build().open()?;
//!
//! // A query is planned once (read, expanded on the dictionary), then run.
//! let plan = index.plan("dai hoi");
//! let results = index.execute(plan, &SearchOptions::default())?;
//! let response = index.response(&results);
//! assert_eq!(response.total, 1);
//! assert_eq!(response.hits[0].id, "a.txt");
//! let [start, end] = response.hits[0].marks[0];
//! assert_eq!(&response.hits[0].snippet[start..end], "đại hội"); // adjacent query words: one mark
//!
//! // The reader needs only the plan's highlighter: no postings are decoded.
//! let plan = index.plan("dai hoi");
//! let article = index.article(0, plan.highlighter())?.expect("document 0 is loaded");
//! assert_eq!((article.title_marks.len(), article.marks.len()), (1, 1));
//! # Ok::<(), soi_core::Error>(())
//! ```

pub mod analysis;
pub mod document;
mod error;
mod hash;
pub mod index;
pub mod ingest;
pub mod parallel;
pub mod search;
pub mod small_sort;

pub use document::{Document, Metadata};
pub use error::{Error, ErrorKind, Result};
pub use index::{BuiltIndex, Index, IndexBuilder, Manifest};
pub use search::{
    ArticleView, Filter, HitView, Plan, Query, Ranking, RelatedView, SearchOptions, SearchResponse, SearchResults, Sort,
};
