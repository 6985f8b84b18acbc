//! The worker's answers, read on the UI thread field by field into the core's
//! types.
//!
//! The worker builds each answer with serde ([`crate::protocol`]: plain objects,
//! `soi search --json`'s shape). Reading them back through serde's deserializer
//! linked about 50 KB of the UI's wasm (20 KB gzipped): a visitor per type, and
//! the float formatting its error messages carry. These readers are a few
//! kilobytes. They are as strict as the derived `Deserialize`: every field the
//! type has must be there with its type (text, a whole number, a list…), but
//! [`soi_core::Metadata`]'s, which are optional there (`#[serde(default)]`), and
//! so here in a hit too, which carries the same fields. An error names the first
//! field, in the type's order, that is not as it should be
//! (`response.hits[3].marks[0] is not a pair of offsets`); the client puts it in
//! a sentence for the user.
//!
//! `wasm_bindgen_test`s in `tests/browser.rs` read back what the worker's
//! serializer writes, every field set, and check that broken answers are refused.

use std::collections::BTreeMap;

use js_sys::{Array, Object, Reflect};
use soi_core::search::{FacetCount, HitView, MonthCount, RelatedView};
use soi_core::{ArticleView, Metadata, SearchResponse};
use wasm_bindgen::{JsCast, JsValue};

use crate::protocol::Results;

/// A value read, or where the answer is not what it should be: the error is
/// the path below the value read and what is wrong there (`[3].marks[0] is
/// not a pair of offsets`), completed by each reader on the way out, so that
/// reading a good answer makes no message.
type Read<T> = Result<T, String>;

/// `key` of object `o` (undefined when `o` is not an object or has no `key`).
fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `problem`, found below `step` (a field's name, or `[i]`).
fn below(step: &str, problem: String) -> String {
    if problem.starts_with([' ', '[']) {
        format!("{step}{problem}")
    } else {
        format!("{step}.{problem}")
    }
}

/// Field `key` of `o`, read by `read`.
fn field<T>(o: &JsValue, key: &str, read: fn(&JsValue) -> Read<T>) -> Read<T> {
    read(&get(o, key)).map_err(|problem| below(key, problem))
}

fn text(v: &JsValue) -> Read<String> {
    v.as_string().ok_or_else(|| " is not text".into())
}

/// A whole number from 0 to 2^32 - 1: counts, document numbers, offsets.
fn whole(v: &JsValue) -> Read<usize> {
    v.as_f64()
        .filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n as usize)
        .ok_or_else(|| " is not a whole number".into())
}

fn doc(v: &JsValue) -> Read<u32> {
    whole(v).map(|d| d as u32)
}

fn number(v: &JsValue) -> Read<f64> {
    v.as_f64().ok_or_else(|| " is not a number".into())
}

fn flag(v: &JsValue) -> Read<bool> {
    v.as_bool().ok_or_else(|| " is not true or false".into())
}

/// Text, or nothing (`null` or absent).
fn maybe_text(v: &JsValue) -> Read<Option<String>> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        text(v).map(Some)
    }
}

/// A list, each item read by `item`.
fn list<T>(v: &JsValue, item: fn(&JsValue) -> Read<T>) -> Read<Vec<T>> {
    let items = v.dyn_ref::<Array>().ok_or(" is not a list")?;
    let mut out = Vec::with_capacity(items.length() as usize);
    for (i, v) in items.iter().enumerate() {
        out.push(item(&v).map_err(|problem| below(&format!("[{i}]"), problem))?);
    }
    Ok(out)
}

fn texts(v: &JsValue) -> Read<Vec<String>> {
    list(v, text)
}

/// Match ranges: `[[start, end], …]`, byte offsets.
fn marks(v: &JsValue) -> Read<Vec<[usize; 2]>> {
    list(v, |pair| match pair.dyn_ref::<Array>() {
        Some(pair) if pair.length() == 2 => Ok([whole(&pair.get(0))?, whole(&pair.get(1))?]),
        _ => Err(" is not a pair of offsets".into()),
    })
}

/// An object's own fields, each value read by `value`.
fn map<T>(v: &JsValue, value: fn(&JsValue) -> Read<T>) -> Read<BTreeMap<String, T>> {
    if !v.is_object() || Array::is_array(v) {
        return Err(" is not an object".into());
    }
    let mut out = BTreeMap::new();
    for entry in Object::entries(v.unchecked_ref()).iter() {
        let entry: Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        let read = value(&entry.get(1)).map_err(|problem| below(&key, problem))?;
        out.insert(key, read);
    }
    Ok(out)
}

/// A `search` answer: the response and the values its filters select.
pub fn results(v: &JsValue) -> Read<Results> {
    Ok(Results { response: field(v, "response", search_response)?, selected: field(v, "selected", |s| map(s, texts))? })
}

/// A [`SearchResponse`] (also what `window.soi.search` resolves to).
pub fn search_response(v: &JsValue) -> Read<SearchResponse> {
    Ok(SearchResponse {
        total: field(v, "total", whole)?,
        hits: field(v, "hits", |h| list(h, hit))?,
        unmatched: field(v, "unmatched", texts)?,
        partial: field(v, "partial", flag)?,
        read_as: field(v, "read_as", text)?,
        suggestion: field(v, "suggestion", maybe_text)?,
        facets: field(v, "facets", |f| map(f, facet_counts))?,
        months: field(v, "months", |m| {
            list(m, |m| Ok(MonthCount { month: field(m, "month", text)?, count: field(m, "count", whole)? }))
        })?,
    })
}

/// One facet's values with their counts: `[{value, count}, …]`.
pub fn facet_counts(v: &JsValue) -> Read<Vec<FacetCount>> {
    list(v, |c| Ok(FacetCount { value: field(c, "value", text)?, count: field(c, "count", whole)? }))
}

fn hit(v: &JsValue) -> Read<HitView> {
    let (id, title, score) = (field(v, "id", text)?, field(v, "title", text)?, field(v, "score", number)?);
    let (snippet, marks, title_marks) =
        (field(v, "snippet", text)?, field(v, "marks", marks)?, field(v, "title_marks", marks)?);
    let doc = field(v, "doc", doc)?;
    let meta = metadata(v)?;
    Ok(HitView {
        id,
        title,
        score,
        snippet,
        marks,
        title_marks,
        doc,
        date: meta.date,
        author: meta.author,
        source: meta.source,
        category: meta.category,
        url: meta.url,
        places: meta.places,
        people: meta.people,
        doc_refs: meta.doc_refs,
    })
}

/// The metadata fields of `v` (a hit, or an article's `meta`); absent ones are
/// empty, as `Metadata`'s `#[serde(default)]` reads them.
fn metadata(v: &JsValue) -> Read<Metadata> {
    let many = |v: &JsValue| if v.is_undefined() { Ok(Vec::new()) } else { texts(v) };
    Ok(Metadata {
        date: field(v, "date", maybe_text)?,
        author: field(v, "author", maybe_text)?,
        source: field(v, "source", maybe_text)?,
        category: field(v, "category", maybe_text)?,
        url: field(v, "url", maybe_text)?,
        places: field(v, "places", many)?,
        people: field(v, "people", many)?,
        doc_refs: field(v, "doc_refs", many)?,
    })
}

/// An `article` answer.
pub fn article(v: &JsValue) -> Read<ArticleView> {
    Ok(ArticleView {
        doc: field(v, "doc", doc)?,
        id: field(v, "id", text)?,
        meta: field(v, "meta", |m| if m.is_object() { metadata(m) } else { Err(" is not an object".into()) })?,
        title: field(v, "title", text)?,
        title_marks: field(v, "title_marks", marks)?,
        body: field(v, "body", text)?,
        marks: field(v, "marks", marks)?,
        related: field(v, "related", |r| {
            list(r, |r| {
                Ok(RelatedView {
                    doc: field(r, "doc", doc)?,
                    id: field(r, "id", text)?,
                    title: field(r, "title", text)?,
                    date: field(r, "date", maybe_text)?,
                })
            })
        })?,
    })
}
