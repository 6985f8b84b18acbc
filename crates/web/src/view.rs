//! What the user is looking at, as data that round-trips through the page URL:
//! query, filters, date range, sort and open article. A link reproduces the view;
//! back and forward walk through views.
//!
//! `?q=dai+hoi&f=place%3AKim+S%C6%A1n&sort=newest&from=2020-01&to=2020-12&doc=004.txt`

use std::collections::BTreeMap;

use js_sys::{Array, Object, Reflect};
use soi_core::Sort;
use wasm_bindgen::JsValue;
use web_sys::UrlSearchParams;

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
    /// Search options for this view, as `window.soi.search` takes them (the
    /// worker reads both the same way): `{limit, filters: {facet: [values]},
    /// from, to, sort, facets: true}`.
    pub fn options(&self, offset: usize, limit: usize) -> JsValue {
        let options = Object::new();
        let set = |key: &str, value: &JsValue| {
            // Setting a field of a fresh plain object cannot fail.
            let _ = Reflect::set(&options, &key.into(), value);
        };
        set("limit", &JsValue::from(limit as f64));
        set("offset", &JsValue::from(offset as f64));
        let filters = Object::new();
        for (facet, values) in &self.filters {
            let values: Array = values.iter().map(|v| JsValue::from_str(v)).collect();
            let _ = Reflect::set(&filters, &facet.into(), &values);
        }
        set("filters", &filters);
        for (key, bound) in [("from", &self.from), ("to", &self.to)] {
            if let Some(bound) = bound {
                set(key, &bound.into());
            }
        }
        set("sort", &self.sort.name().into());
        set("facets", &JsValue::TRUE);
        options.into()
    }

    /// The question the view asks: everything but the open article. A search
    /// answers it; opening or closing an article does not change it.
    pub fn question(&self) -> View {
        View { doc: None, ..self.clone() }
    }

    /// Nothing typed and nothing filtered: the page shows the overview (counts
    /// and the timeline), not a list of hits.
    pub fn is_overview(&self) -> bool {
        self.query.trim().is_empty() && !self.has_filters()
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

    /// The URL query string (with the leading `?`, or empty), encoded by the
    /// browser's `URLSearchParams` (spaces as `+`).
    pub fn to_query_string(&self) -> String {
        let Ok(params) = UrlSearchParams::new() else { return String::new() };
        if !self.query.is_empty() {
            params.append("q", &self.query);
        }
        for (facet, values) in &self.filters {
            for v in values {
                params.append("f", &format!("{facet}:{v}"));
            }
        }
        if let Some(f) = &self.from {
            params.append("from", f);
        }
        if let Some(t) = &self.to {
            params.append("to", t);
        }
        if self.sort != Sort::default() {
            params.append("sort", self.sort.name());
        }
        if let Some(d) = &self.doc {
            params.append("doc", d);
        }
        let body = String::from(params.to_string());
        if body.is_empty() {
            body
        } else {
            format!("?{body}")
        }
    }

    /// Reads a URL query string (with or without `?`) as the browser does:
    /// unknown keys and sort orders are ignored, a malformed escape stays as text.
    pub fn from_query_string(s: &str) -> View {
        let Ok(params) = UrlSearchParams::new_with_str(s) else { return View::default() };
        let mut view = View {
            query: params.get("q").unwrap_or_default(),
            from: params.get("from"),
            to: params.get("to"),
            sort: params.get("sort").and_then(|s| s.parse().ok()).unwrap_or_default(),
            doc: params.get("doc"),
            ..View::default()
        };
        for f in params.get_all("f").iter().filter_map(|f| f.as_string()) {
            if let Some((facet, value)) = f.split_once(':') {
                view.toggle(facet, value);
            }
        }
        view
    }

    /// The view in the page's URL.
    pub fn from_location() -> View {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        View::from_query_string(&search)
    }
}

// Tests: `views_round_trip_through_the_query_string` in tests/browser.rs (wasm-bindgen-test:
// plain #[test]s are not run for wasm32).
