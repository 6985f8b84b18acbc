//! What the user is looking at, as data that round-trips through the page URL:
//! query, filters, date range, sort and open article. A link reproduces the view;
//! back and forward walk through views.
//!
//! `?q=dai%20hoi&f=place%3AKim%20S%C6%A1n&sort=newest&from=2020-01&to=2020-12&doc=004.txt`

use std::collections::BTreeMap;

use soi_core::{Filter, SearchOptions, Sort};

/// A view of the explorer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub query: String,
    /// facet → selected values (OR within a facet, AND across).
    pub filters: BTreeMap<String, Vec<String>>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    /// The id of the article open in the reader.
    pub doc: Option<String>,
}

impl View {
    /// Search options for this view.
    pub fn options(&self, limit: usize) -> SearchOptions {
        SearchOptions {
            limit,
            filters: self
                .filters
                .iter()
                .map(|(facet, values)| Filter { facet: facet.clone(), values: values.clone() })
                .collect(),
            from: self.from.clone(),
            to: self.to.clone(),
            sort: self.sort,
            facets: true,
        }
    }

    /// Anything selected besides the query?
    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty() || self.from.is_some() || self.to.is_some()
    }

    /// Adds or removes one facet value.
    pub fn toggle(&mut self, facet: &str, value: &str) {
        let values = self.filters.entry(facet.to_owned()).or_default();
        if let Some(i) = values.iter().position(|v| v == value) {
            values.remove(i);
        } else {
            values.push(value.to_owned());
        }
        if values.is_empty() {
            self.filters.remove(facet);
        }
    }

    /// The URL query string (with the leading `?`, or empty).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("q".into(), self.query.clone()));
        }
        for (facet, values) in &self.filters {
            for v in values {
                pairs.push(("f".into(), format!("{facet}:{v}")));
            }
        }
        if let Some(f) = &self.from {
            pairs.push(("from".into(), f.clone()));
        }
        if let Some(t) = &self.to {
            pairs.push(("to".into(), t.clone()));
        }
        match self.sort {
            Sort::Relevance => {}
            Sort::Newest => pairs.push(("sort".into(), "newest".into())),
            Sort::Oldest => pairs.push(("sort".into(), "oldest".into())),
        }
        if let Some(d) = &self.doc {
            pairs.push(("doc".into(), d.clone()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        format!("?{}", body.join("&"))
    }

    /// Reads a URL query string (with or without `?`); unknown keys are ignored.
    pub fn from_query_string(s: &str) -> View {
        let mut view = View::default();
        for pair in s.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(v) = decode(v) else { continue };
            match k {
                "q" => view.query = v,
                "f" => {
                    if let Some((facet, value)) = v.split_once(':') {
                        view.toggle(facet, value);
                    }
                }
                "from" => view.from = Some(v),
                "to" => view.to = Some(v),
                "sort" => {
                    view.sort = match v.as_str() {
                        "newest" => Sort::Newest,
                        "oldest" => Sort::Oldest,
                        _ => Sort::Relevance,
                    }
                }
                "doc" => view.doc = Some(v),
                _ => {}
            }
        }
        view
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

// Tests: `views_round_trip_through_the_query_string` in tests/browser.rs (wasm-bindgen-test:
// plain #[test]s are not run for wasm32).
