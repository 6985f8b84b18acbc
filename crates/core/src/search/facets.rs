//! Facet filters and live counts over an answer. Filters combine as AND across
//! facets and OR within one; values compare folded (`place=kim son` selects *Kim
//! Sơn*). Dates filter by range and count by month.

use serde::{Deserialize, Serialize};

use super::options::{date_bound, SearchOptions};
use crate::analysis::fold;
use crate::index::{FacetIndex, FACETS, NO_MONTH};
use crate::small_sort::{heap_sort_by, smallest_by};

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
    /// The facet whose values are found by text, and the folded text.
    find: Option<(usize, String)>,
    /// Per facet, the folded values the filters select.
    selected: Vec<Vec<String>>,
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
        let mut selected: Vec<Vec<String>> = vec![Vec::new(); FACETS.len()];
        for filter in &opts.filters {
            // Options are validated before they get here: every facet exists.
            let Some(f) = FACETS.iter().position(|n| *n == filter.facet) else { continue };
            let bits = per_facet[f].get_or_insert_with(|| bitset(n_docs));
            for v in &filter.values {
                let key = fold(v.trim());
                selected[f].push(key.clone());
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
        let find =
            opts.find.as_ref().and_then(|f| Some((FACETS.iter().position(|n| *n == f.facet)?, fold(f.text.trim()))));
        Compiled { per_facet, date, find, selected }
    }

    /// Whether no filter and no date range is set: every document passes.
    pub(crate) fn is_empty(&self) -> bool {
        self.date.is_none() && self.per_facet.iter().all(Option::is_none)
    }

    /// Does `doc` pass every filter but `skip_facet`'s, and (unless `skip_date`) the date range?
    pub(crate) fn passes(&self, doc: u32, days: Option<i32>, skip_facet: Option<usize>, skip_date: bool) -> bool {
        let facets_ok = self
            .per_facet
            .iter()
            .enumerate()
            .all(|(f, bits)| Some(f) == skip_facet || bits.as_ref().is_none_or(|b| has(b, doc)));
        let date_ok = skip_date || self.date.is_none_or(|(lo, hi)| days.is_some_and(|d| lo <= d && d <= hi));
        facets_ok && date_ok
    }
}

/// Values listed per facet in an answer: the most frequent, plus any selected by a filter.
pub const MAX_FACET_VALUES: usize = 50;

/// Counts per facet value and per month over `docs` (the documents matching the
/// query): a facet's counts apply every filter but its own, so choosing a second
/// value of the same facet stays possible; months apply every filter but dates.
pub(crate) fn counts(
    index: &FacetIndex,
    docs: &[u32],
    compiled: &Compiled,
) -> (std::collections::BTreeMap<String, Vec<FacetCount>>, Vec<MonthCount>) {
    let n = index.doc_count();
    let mut out = std::collections::BTreeMap::new();
    // Without any filter every document of the answer counts (no pool); without
    // facet filters every facet counts over the same pool: built once.
    let everyone = compiled.is_empty();
    let unfiltered = compiled.per_facet.iter().all(Option::is_none);
    let pool_for = |skip: Option<usize>| {
        let mut pool = bitset(n);
        for &d in docs {
            if compiled.passes(d, index.day(d), skip, false) {
                pool[(d / 64) as usize] |= 1 << (d % 64);
            }
        }
        pool
    };
    let shared = (unfiltered && !everyone).then(|| pool_for(None));
    for (f, name) in FACETS.iter().enumerate() {
        if index.facets[f].is_empty() {
            out.insert((*name).to_owned(), Vec::new());
            continue;
        }
        let own;
        let pool = match &shared {
            _ if everyone => None,
            Some(p) => Some(p),
            None => {
                own = pool_for(Some(f));
                Some(&own)
            }
        };
        let wanted = compiled.find.as_ref().filter(|(ff, _)| *ff == f).map(|(_, text)| text.as_str());
        // Counted over the answer's own documents (each value once per document).
        let all = &index.facets[f];
        let mut count = vec![0usize; all.len()];
        for &d in docs {
            if pool.is_none_or(|p| has(p, d)) {
                for &v in index.by_doc[f].of(d) {
                    count[v as usize] += 1;
                }
            }
        }
        // (value index, count, selected) of the values counted, most frequent
        // first, then by value (then as listed, for equal values).
        let mut values: Vec<(usize, usize, bool)> = (0..all.len())
            .filter(|&i| count[i] > 0 && wanted.is_none_or(|text| all[i].key.contains(text)))
            .map(|i| (i, count[i], compiled.selected[f].contains(&all[i].key)))
            .collect();
        let order = |a: &(usize, usize, bool), b: &(usize, usize, bool)| {
            b.1.cmp(&a.1).then_with(|| all[a.0].value.cmp(&all[b.0].value)).then(a.0.cmp(&b.0))
        };
        // The most frequent values, and any value the filters select after them:
        // a chosen value is always listed, to be seen chosen and unchosen. A
        // facet may count tens of thousands of values (people, document
        // references): only the first page is put in order.
        smallest_by(&mut values, MAX_FACET_VALUES, order);
        let first = values.len().min(MAX_FACET_VALUES);
        let mut chosen_after: Vec<_> = values.split_off(first).into_iter().filter(|v| v.2).collect();
        heap_sort_by(&mut chosen_after, order);
        values.extend(chosen_after);
        let values: Vec<FacetCount> =
            values.into_iter().map(|(i, count, _)| FacetCount { value: all[i].value.clone(), count }).collect();
        out.insert((*name).to_owned(), values);
    }
    let mut per_month = vec![0usize; index.months().len()];
    for &d in docs {
        let month = index.month_of(d);
        if month != NO_MONTH && (everyone || compiled.passes(d, index.day(d), None, true)) {
            per_month[month as usize] += 1;
        }
    }
    let months = index.months().iter().zip(per_month).filter(|&(_, count)| count > 0);
    (out, months.map(|(month, count)| MonthCount { month: month.clone(), count }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;
    use crate::index::DocMeta;
    use crate::search::options::Filter;
    use proptest::prelude::*;

    /// Counts as they were made before documents listed their values: every
    /// value's documents tested against the answer, all values sorted.
    fn reference(index: &FacetIndex, metas: &[DocMeta], docs: &[u32], compiled: &Compiled) -> Vec<Vec<FacetCount>> {
        let mut out = Vec::new();
        for f in 0..FACETS.len() {
            let mut pool = bitset(metas.len());
            for &d in docs {
                if compiled.passes(d, metas[d as usize].days, Some(f), false) {
                    pool[(d / 64) as usize] |= 1 << (d % 64);
                }
            }
            let wanted = compiled.find.as_ref().filter(|(ff, _)| *ff == f).map(|(_, t)| t.as_str());
            let mut values: Vec<(FacetCount, bool)> = index.facets[f]
                .iter()
                .filter(|v| wanted.is_none_or(|t| v.key.contains(t)))
                .map(|v| {
                    let count = v.docs.iter().filter(|&&d| has(&pool, d)).count();
                    (FacetCount { value: v.value.clone(), count }, compiled.selected[f].contains(&v.key))
                })
                .filter(|(c, _)| c.count > 0)
                .collect();
            values.sort_by(|(a, _), (b, _)| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            let mut rank = 0;
            values.retain(|&(_, selected)| {
                rank += 1;
                rank <= MAX_FACET_VALUES || selected
            });
            out.push(values.into_iter().map(|(c, _)| c).collect());
        }
        out
    }

    /// Months as they were counted before documents had a month index: each
    /// dated document's date string cut to its month, in a map.
    fn reference_months(metas: &[DocMeta], docs: &[u32], compiled: &Compiled) -> Vec<MonthCount> {
        let mut months = std::collections::BTreeMap::<String, usize>::new();
        for &d in docs {
            let m = &metas[d as usize];
            if let (Some(date), true) = (&m.meta.date, compiled.passes(d, m.days, None, true)) {
                *months.entry(date[..7].to_owned()).or_default() += 1;
            }
        }
        months.into_iter().map(|(month, count)| MonthCount { month, count }).collect()
    }

    fn meta(places: Vec<u8>, author: Option<u8>, date: Option<(u8, u8)>) -> DocMeta {
        let date = date.map(|(m, d)| format!("2024-{:02}-{:02}", m % 12 + 1, d % 28 + 1));
        DocMeta::with_meta(Metadata {
            places: places.iter().map(|p| format!("Xã {p}")).collect(),
            author: author.map(|a| format!("Tác giả {}, Người {}", a % 7, a)),
            date,
            ..Metadata::default()
        })
    }

    proptest! {
        #[test]
        fn counts_over_the_answer_are_the_counts_over_every_value(
            docs in proptest::collection::vec(
                (
                    proptest::collection::vec(0u8..120, 0..4),
                    proptest::option::of(0u8..40),
                    proptest::option::of((any::<u8>(), any::<u8>())),
                ),
                1..200),
            answer in proptest::collection::vec(any::<proptest::sample::Index>(), 0..150),
            chosen in proptest::collection::vec(0u8..120, 0..3),
            find in proptest::option::of(0u8..12),
            range in proptest::option::of((1u8..13, 1u8..13)),
        ) {
            let metas: Vec<DocMeta> = docs.into_iter().map(|(p, a, d)| meta(p, a, d)).collect();
            let index = FacetIndex::build(&crate::index::DocColumns::from_metas(&metas));
            let mut answer: Vec<u32> = answer.iter().map(|i| i.index(metas.len()) as u32).collect();
            answer.sort_unstable();
            answer.dedup();
            let mut opts = SearchOptions::default();
            if !chosen.is_empty() {
                opts.filters.push(Filter {
                    facet: "place".into(),
                    values: chosen.iter().map(|p| format!("xa {p}")).collect(),
                });
            }
            if let Some(t) = find {
                opts.find = Some(crate::search::options::FacetFind { facet: "place".into(), text: t.to_string() });
            }
            if let Some((a, b)) = range {
                opts.from = Some(format!("2024-{:02}", a.min(b)));
                opts.to = Some(format!("2024-{:02}", a.max(b)));
            }
            let compiled = Compiled::new(&index, metas.len(), &opts);
            let (counts, months) = counts(&index, &answer, &compiled);
            let expected = reference(&index, &metas, &answer, &compiled);
            for (f, name) in FACETS.iter().enumerate() {
                prop_assert_eq!(&counts[*name], &expected[f], "{}", name);
            }
            prop_assert_eq!(months, reference_months(&metas, &answer, &compiled));
            for (d, m) in metas.iter().enumerate() {
                prop_assert_eq!(index.day(d as u32), m.days);
            }
        }
    }
}
