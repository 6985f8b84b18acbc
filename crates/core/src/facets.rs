//! Facets: per value of a metadata field, the set of documents that have it, for
//! filtering any search and counting live. Derived from the document table when
//! the index is opened (no extra file): each document's values are stored once.
//!
//! Filters combine as AND across facets and OR within one; values compare folded
//! (`place=kim son` selects *Kim Sơn*). Dates filter by range and count by month.

use serde::{Deserialize, Serialize};

use crate::index::DocMeta;
use crate::metadata::days_from_iso;
use crate::text::fold;

/// The facet names, in display order.
pub const FACETS: [&str; 6] = ["source", "category", "author", "place", "person", "doc_ref"];

/// The values of one facet field of a document.
fn values_of(facet: usize, d: &DocMeta) -> Vec<&str> {
    let m = &d.meta;
    match facet {
        0 => m.source.as_deref().into_iter().collect(),
        1 => m.category.as_deref().into_iter().collect(),
        // A byline of several authors ("Dương Chiêm, Trịnh Sơn") counts for each.
        2 => m.author.as_deref().into_iter().flat_map(|a| a.split(", ")).collect(),
        3 => m.places.iter().map(String::as_str).collect(),
        4 => m.people.iter().map(String::as_str).collect(),
        _ => m.doc_refs.iter().map(String::as_str).collect(),
    }
}

/// One value of a facet and its documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// As first written in the corpus.
    pub value: String,
    /// Folded, for matching filters.
    pub key: String,
    /// Documents, increasing.
    pub docs: Vec<u32>,
}

/// Every facet's values, built from the document table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetIndex {
    /// Per facet (in [`FACETS`] order), its values sorted by key.
    pub facets: Vec<Vec<FacetValue>>,
}

impl FacetIndex {
    pub fn build(docs: &[DocMeta]) -> Self {
        let mut facets = Vec::with_capacity(FACETS.len());
        for f in 0..FACETS.len() {
            let mut values: std::collections::BTreeMap<String, FacetValue> = std::collections::BTreeMap::new();
            for (n, d) in docs.iter().enumerate() {
                for v in values_of(f, d) {
                    let key = fold(v);
                    let entry = values.entry(key.clone()).or_insert_with(|| FacetValue {
                        value: v.to_owned(),
                        key,
                        docs: Vec::new(),
                    });
                    if entry.docs.last() != Some(&(n as u32)) {
                        entry.docs.push(n as u32);
                    }
                }
            }
            facets.push(values.into_values().collect());
        }
        FacetIndex { facets }
    }
}

/// Select documents whose `facet` has any of `values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub facet: String,
    pub values: Vec<String>,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (the default).
    #[default]
    Relevance,
    /// Newest date first; undated documents last.
    Newest,
    /// Oldest date first; undated documents last.
    Oldest,
}

/// Everything a search can be asked besides the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// At most this many hits.
    pub limit: usize,
    /// AND across facets, OR within one (several filters on one facet merge).
    pub filters: Vec<Filter>,
    /// Inclusive date range, ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    /// Count facet values and months (on by default; a list that shows no facets
    /// saves the work).
    pub facets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, filters: Vec::new(), from: None, to: None, sort: Sort::Relevance, facets: true }
    }
}

/// A lenient date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` picks the last day.
pub fn date_bound(s: &str, end: bool) -> Option<i32> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let iso = match parts[..] {
        [y] => format!("{y}-{}", if end { "12-31" } else { "01-01" }),
        [y, m] => {
            let m: u32 = m.parse().ok()?;
            if !end {
                format!("{y}-{m:02}-01")
            } else {
                let next = if m == 12 {
                    format!("{}-01-01", y.parse::<i32>().ok()? + 1)
                } else {
                    format!("{y}-{:02}-01", m + 1)
                };
                return days_from_iso(&next).map(|d| d - 1);
            }
        }
        [_, _, _] => s.trim().to_owned(),
        _ => return None,
    };
    days_from_iso(&iso)
}

/// A facet value's count in an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// Documents per month (`YYYY-MM`) in an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub month: String,
    pub count: usize,
}

/// Compiled filters: per facet, the allowed documents (or no constraint).
pub(crate) struct Compiled {
    /// Per facet: `Some(bitset)` when filtered.
    per_facet: Vec<Option<Vec<u64>>>,
    date: Option<(i32, i32)>,
    /// A filter named a facet that does not exist.
    unknown: bool,
}

fn bitset(n: usize) -> Vec<u64> {
    vec![0; n.div_ceil(64)]
}

fn has(bits: &[u64], d: u32) -> bool {
    bits[(d / 64) as usize] >> (d % 64) & 1 == 1
}

impl Compiled {
    pub(crate) fn new(index: &FacetIndex, n_docs: usize, opts: &SearchOptions) -> Self {
        let mut per_facet: Vec<Option<Vec<u64>>> = vec![None; FACETS.len()];
        let mut unknown = false;
        for filter in &opts.filters {
            // A facet that does not exist selects nothing (the CLI and the JS API
            // reject unknown names before they get here).
            let Some(f) = FACETS.iter().position(|n| *n == filter.facet) else {
                unknown = true;
                continue;
            };
            let bits = per_facet[f].get_or_insert_with(|| bitset(n_docs));
            for v in &filter.values {
                let key = fold(v.trim());
                if let Ok(i) = index.facets[f].binary_search_by(|fv| fv.key.as_str().cmp(&key)) {
                    for &d in &index.facets[f][i].docs {
                        bits[(d / 64) as usize] |= 1 << (d % 64);
                    }
                }
            }
        }
        let from = opts.from.as_deref().and_then(|s| date_bound(s, false));
        let to = opts.to.as_deref().and_then(|s| date_bound(s, true));
        let date =
            (opts.from.is_some() || opts.to.is_some()).then(|| (from.unwrap_or(i32::MIN), to.unwrap_or(i32::MAX)));
        Compiled { per_facet, date, unknown }
    }

    /// Does `doc` pass every filter but `skip_facet`'s, and (unless `skip_date`) the date range?
    pub(crate) fn passes(&self, doc: u32, days: Option<i32>, skip_facet: Option<usize>, skip_date: bool) -> bool {
        let facets_ok = self
            .per_facet
            .iter()
            .enumerate()
            .all(|(f, bits)| Some(f) == skip_facet || bits.as_ref().is_none_or(|b| has(b, doc)));
        let date_ok = skip_date || self.date.is_none_or(|(lo, hi)| days.is_some_and(|d| lo <= d && d <= hi));
        !self.unknown && facets_ok && date_ok
    }
}

/// Maximum values listed per facet in an answer.
pub const MAX_FACET_VALUES: usize = 50;

/// Counts per facet value and per month over `docs` (the documents matching the
/// query): a facet's counts apply every filter but its own, so choosing a second
/// value of the same facet stays possible; months apply every filter but dates.
pub(crate) fn counts(
    index: &FacetIndex,
    metas: &[DocMeta],
    docs: &[u32],
    compiled: &Compiled,
) -> (std::collections::BTreeMap<String, Vec<FacetCount>>, Vec<MonthCount>) {
    let n = metas.len();
    let mut out = std::collections::BTreeMap::new();
    // Without facet filters every facet counts over the same pool: build it once.
    let unfiltered = compiled.per_facet.iter().all(Option::is_none);
    let pool_for = |skip: Option<usize>| {
        let mut pool = bitset(n);
        for &d in docs {
            if compiled.passes(d, metas[d as usize].days, skip, false) {
                pool[(d / 64) as usize] |= 1 << (d % 64);
            }
        }
        pool
    };
    let shared = unfiltered.then(|| pool_for(None));
    for (f, name) in FACETS.iter().enumerate() {
        if index.facets[f].is_empty() {
            out.insert((*name).to_owned(), Vec::new());
            continue;
        }
        let own;
        let pool = match &shared {
            Some(p) => p,
            None => {
                own = pool_for(Some(f));
                &own
            }
        };
        let mut values: Vec<FacetCount> = index.facets[f]
            .iter()
            .map(|v| FacetCount { value: v.value.clone(), count: v.docs.iter().filter(|&&d| has(pool, d)).count() })
            .filter(|c| c.count > 0)
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        values.truncate(MAX_FACET_VALUES);
        out.insert((*name).to_owned(), values);
    }
    let mut months: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for &d in docs {
        let m = &metas[d as usize];
        if let (Some(date), true) = (&m.meta.date, compiled.passes(d, m.days, None, true)) {
            *months.entry(date[..7].to_owned()).or_default() += 1;
        }
    }
    (out, months.into_iter().map(|(month, count)| MonthCount { month, count }).collect())
}
