//! The JSON shape shared by `soi search --json` and `window.soi.search`:
//!
//! ```json
//! {"total": 2, "hits": [{"id": "a.txt", "title": "…", "score": 1.23,
//!   "snippet": "…", "marks": [[0, 5]], "title_marks": [[0, 3]], "doc": 0,
//!   "date": "2020-10-08", "author": null, "source": "…", "category": "…", "places": ["Đống Đa"]}],
//!  "unmatched": [], "partial": false, "read_as": "…", "suggestion": null,
//!  "facets": {"place": [{"value": "Đống Đa", "count": 1}], …}, "months": [{"month": "2020-10", "count": 1}]}
//! ```
//! `marks` are byte ranges into `snippet`, `title_marks` into `title`. Fields may be
//! added; none will be renamed or removed without a major version.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::facets::{FacetCount, MonthCount};
use super::highlight::{highlight_of, snippet_of, Highlighter, SNIPPET_WORDS};
use super::rank::SearchResults;
use super::related::related;
use crate::document::Metadata;
use crate::error::Result;
use crate::index::Index;

/// One hit, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitView {
    /// The document id (its path relative to the corpus folder).
    pub id: String,
    /// The title, from the document's stored text (empty when it is not loaded).
    pub title: String,
    /// Relevance score (higher is better), rounded to 4 decimals.
    pub score: f64,
    /// A window of the body with `…` where it was cut; empty when the document's
    /// text is not loaded.
    pub snippet: String,
    /// Byte ranges of the matches in `snippet`.
    pub marks: Vec<[usize; 2]>,
    /// Byte ranges of the matches in `title`.
    pub title_marks: Vec<[usize; 2]>,
    /// Internal document number, for opening the article.
    pub doc: u32,
    /// Publication date, ISO `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub category: Option<String>,
    /// The article's own address, as written in its file (the UI links it only
    /// when it is http or https).
    pub url: Option<String>,
    pub places: Vec<String>,
    pub people: Vec<String>,
    /// Documents the article names (`Chỉ thị 35-CT/TW`).
    pub doc_refs: Vec<String>,
}

/// A search answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SearchResponse {
    /// Number of matching documents.
    pub total: usize,
    pub hits: Vec<HitView>,
    /// Query words that matched nothing (their part of the query was left out).
    pub unmatched: Vec<String>,
    /// True when no document matches the whole query and these are the documents
    /// that match the most of it.
    pub partial: bool,
    /// How the query was read, in the query language (`"đại hội" -huyện kim*`).
    pub read_as: String,
    /// "Did you mean": a respelling of the query, when a word matched only through
    /// a typo or Telex, or not at all.
    pub suggestion: Option<String>,
    /// Per facet (`source`, `category`, `author`, `place`, `person`, `doc_ref`),
    /// value counts among the answer (each facet ignoring its own filter).
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Dated documents of the answer per month, oldest first.
    pub months: Vec<MonthCount>,
}

/// Turns results into the response shape, with snippets from whatever store
/// text is loaded (see [`Index::missing_texts`]).
pub(super) fn response(index: &Index, results: &SearchResults) -> SearchResponse {
    let hl = results.plan.highlighter();
    let hits = results
        .hits
        .iter()
        .filter_map(|h| {
            let meta = index.doc(h.doc)?;
            let stored = index.stored(h.doc);
            let title = stored.map_or("", |s| s.title.as_str());
            let analysed = stored.map(|s| (s, index.text_tokens(h.doc, s)));
            let snip = analysed.as_ref().map(|(s, a)| snippet_of(&s.body, &a.body, hl, SNIPPET_WORDS));
            let snip = snip.unwrap_or_default();
            let title_marks = analysed.as_ref().map(|(s, a)| highlight_of(&s.title, &a.title, hl)).unwrap_or_default();
            Some(HitView {
                id: meta.id,
                title: title.to_owned(),
                score: (f64::from(h.score) * 10_000.0).round() / 10_000.0,
                snippet: snip.text,
                marks: snip.marks,
                title_marks,
                doc: h.doc,
                date: meta.meta.date,
                author: meta.meta.author,
                source: meta.meta.source,
                category: meta.meta.category,
                url: meta.meta.url,
                places: meta.meta.places,
                people: meta.meta.people,
                doc_refs: meta.meta.doc_refs,
            })
        })
        .collect();
    SearchResponse {
        total: results.total,
        hits,
        unmatched: results.unmatched.clone(),
        partial: results.partial,
        read_as: results.plan.query.read_as(),
        suggestion: results.suggestion.clone(),
        facets: results.facets.clone(),
        months: results.months.clone(),
    }
}

/// A whole article with every match marked, for the reader view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    pub doc: u32,
    pub id: String,
    pub meta: Metadata,
    pub title: String,
    pub title_marks: Vec<[usize; 2]>,
    pub body: String,
    /// Byte ranges of the matches in `body`.
    pub marks: Vec<[usize; 2]>,
    /// Articles sharing the most distinctive words with this one.
    pub related: Vec<RelatedView>,
}

/// A related article, for a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedView {
    pub doc: u32,
    pub id: String,
    pub title: String,
    pub date: Option<String>,
}

/// Related articles listed in the reader.
pub const RELATED_SHOWN: usize = 5;

/// The article `doc` with the matches of `hl` marked; `None` when the document
/// does not exist or its text is not loaded.
pub(super) fn article(index: &Index, doc: u32, hl: &Highlighter) -> Result<Option<ArticleView>> {
    let (Some(meta), Some(stored)) = (index.doc(doc), index.stored(doc)) else { return Ok(None) };
    let related = related(index, doc, RELATED_SHOWN)?
        .into_iter()
        .filter_map(|(d, _)| {
            let m = index.doc(d)?;
            // The title comes with the related article's text (see
            // `Index::missing_texts_for_article`); without it, the id stands in.
            let title = index.stored(d).map_or_else(|| m.id.clone(), |s| s.title.clone());
            Some(RelatedView { doc: d, id: m.id, title, date: m.meta.date })
        })
        .collect();
    let analysed = index.text_tokens(doc, stored);
    Ok(Some(ArticleView {
        doc,
        id: meta.id,
        meta: meta.meta,
        title: stored.title.clone(),
        title_marks: highlight_of(&stored.title, &analysed.title, hl),
        marks: highlight_of(&stored.body, &analysed.body, hl),
        body: stored.body.clone(),
        related,
    }))
}
