//! Facet values → documents, derived from the document table when the index is
//! opened (no extra file): each document's values are stored once, in the table.
//! Values compare folded (`kim son` is *Kim Sơn*).

use std::collections::HashMap;

use super::doc_table::{DocColumns, OneValue, ValueLists};
use crate::analysis::fold;
use crate::document::days_from_iso;
use crate::small_sort::{heap_sort_by, sort_dedup};

/// The facet names, in display order.
pub const FACETS: [&str; 6] = ["source", "category", "author", "place", "person", "doc_ref"];

/// The column a facet's values come from.
enum Column<'a> {
    One(&'a OneValue),
    Lists(&'a ValueLists),
}

impl<'a> Column<'a> {
    fn of(facet: usize, docs: &'a DocColumns) -> Self {
        match facet {
            0 => Column::One(&docs.source),
            1 => Column::One(&docs.category),
            2 => Column::One(&docs.author),
            3 => Column::Lists(&docs.places),
            4 => Column::Lists(&docs.people),
            _ => Column::Lists(&docs.doc_refs),
        }
    }

    /// Its distinct spellings.
    fn spellings(&self) -> &'a [String] {
        match self {
            Column::One(c) => &c.values,
            Column::Lists(c) => &c.values,
        }
    }

    /// Document `doc`'s spelling numbers.
    fn doc(&self, doc: usize) -> &'a [u32] {
        match self {
            Column::One(c) => c.of(doc),
            Column::Lists(c) => c.of(doc),
        }
    }
}

/// The facet values one spelling of a field counts for.
fn split(facet: usize, spelling: &str) -> Vec<&str> {
    match facet {
        // A byline of several authors ("Dương Chiêm, Trịnh Sơn") counts for each.
        2 => spelling.split(", ").collect(),
        _ => vec![spelling],
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
    /// Per facet, each document's values (indices into its `facets` list),
    /// so that an answer's counts visit only its own documents.
    pub(crate) by_doc: Vec<DocValues>,
    /// Each document's date as days since 1970-01-01 (`None`: undated). Filtering
    /// and sorting an answer of 100,000 documents reads these 8 bytes a document,
    /// not the whole table's entries.
    days: Vec<Option<i32>>,
    /// The months (`YYYY-MM`, increasing) of the dated documents, and each
    /// document's month as an index into them ([`NO_MONTH`] when undated).
    months: Vec<String>,
    month_of: Vec<u32>,
}

/// The month of an undated document.
pub(crate) const NO_MONTH: u32 = u32::MAX;

/// Each document's values of one facet, one list after another: document
/// `d`'s are `values[start[d]..start[d + 1]]`, increasing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocValues {
    start: Vec<u32>,
    values: Vec<u32>,
}

impl DocValues {
    /// The values (indices) of document `doc`.
    pub fn of(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        match (self.start.get(d), self.start.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.values[a as usize..b as usize],
            _ => &[],
        }
    }

    fn build(values: &[FacetValue], n_docs: usize) -> DocValues {
        if values.is_empty() {
            return DocValues::default(); // `of` is empty for every document
        }
        let mut start = vec![0u32; n_docs + 1];
        for v in values {
            for &d in &v.docs {
                start[d as usize + 1] += 1;
            }
        }
        for d in 0..n_docs {
            start[d + 1] += start[d];
        }
        let mut next = start.clone();
        let mut out = vec![0u32; start[n_docs] as usize];
        // Values in index order, so each document's list is increasing.
        for (i, v) in values.iter().enumerate() {
            for &d in &v.docs {
                out[next[d as usize] as usize] = i as u32;
                next[d as usize] += 1;
            }
        }
        DocValues { start, values: out }
    }
}

impl FacetIndex {
    /// Works on the table's value numbers: each distinct spelling is folded
    /// once, and each date read once, however many documents share it.
    pub(crate) fn build(docs: &DocColumns) -> Self {
        let n = docs.len();
        let mut facets = Vec::with_capacity(FACETS.len());
        for f in 0..FACETS.len() {
            let column = Column::of(f, docs);
            let spellings = column.spellings();
            if spellings.is_empty() {
                // A field no document has (a corpus without bylines, say).
                facets.push(Vec::new());
                continue;
            }
            // Per spelling, the values it counts for, once a document has it:
            // values are made in the order documents first name them, so each
            // keeps the spelling it was first written in.
            let mut counts_for: Vec<Option<Vec<usize>>> = vec![None; spellings.len()];
            let mut by_key: HashMap<String, usize> = HashMap::new();
            let mut values: Vec<FacetValue> = Vec::new();
            for d in 0..n {
                for &s in column.doc(d) {
                    let at = counts_for[s as usize].get_or_insert_with(|| {
                        split(f, &spellings[s as usize])
                            .into_iter()
                            .map(|v| {
                                let key = fold(v);
                                *by_key.entry(key.clone()).or_insert_with(|| {
                                    values.push(FacetValue { value: v.to_owned(), key, docs: Vec::new() });
                                    values.len() - 1
                                })
                            })
                            .collect()
                    });
                    for &at in at.iter() {
                        let docs = &mut values[at].docs;
                        if docs.last() != Some(&(d as u32)) {
                            docs.push(d as u32);
                        }
                    }
                }
            }
            heap_sort_by(&mut values, |a, b| a.key.cmp(&b.key));
            facets.push(values);
        }
        let by_doc = facets.iter().map(|values| DocValues::build(values, n)).collect();
        // Dates: each distinct one read once.
        let dates = &docs.date.values;
        let date_of = |d: usize| docs.date.of(d).first().map(|&v| v as usize);
        let mut used = vec![false; dates.len()];
        (0..n).filter_map(date_of).for_each(|v| used[v] = true);
        let day_of: Vec<Option<i32>> = dates.iter().map(|date| days_from_iso(date)).collect();
        let mut months: Vec<&str> =
            dates.iter().zip(&used).filter(|(_, &used)| used).filter_map(|(date, _)| date.get(..7)).collect();
        sort_dedup(&mut months);
        let month_at: Vec<u32> = dates
            .iter()
            .map(|date| date.get(..7).map_or(NO_MONTH, |m| months.binary_search(&m).map_or(NO_MONTH, |i| i as u32)))
            .collect();
        let days = (0..n).map(|d| date_of(d).and_then(|v| day_of[v])).collect();
        let month_of = (0..n).map(|d| date_of(d).map_or(NO_MONTH, |v| month_at[v])).collect();
        let months = months.into_iter().map(str::to_owned).collect();
        FacetIndex { facets, by_doc, days, months, month_of }
    }

    /// Document `doc`'s date as days since 1970-01-01.
    #[inline]
    pub fn day(&self, doc: u32) -> Option<i32> {
        self.days.get(doc as usize).copied().flatten()
    }

    /// Document `doc`'s month (an index into [`Self::months`]), [`NO_MONTH`] when undated.
    #[inline]
    pub(crate) fn month_of(&self, doc: u32) -> u32 {
        self.month_of.get(doc as usize).copied().unwrap_or(NO_MONTH)
    }

    /// The months of the dated documents, `YYYY-MM`, increasing.
    pub(crate) fn months(&self) -> &[String] {
        &self.months
    }

    /// Number of documents.
    pub(crate) fn doc_count(&self) -> usize {
        self.days.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    use crate::index::DocMeta;

    fn doc(places: &[&str], author: Option<&str>) -> DocMeta {
        DocMeta::with_meta(Metadata {
            places: places.iter().map(|p| p.to_string()).collect(),
            author: author.map(str::to_owned),
            ..Metadata::default()
        })
    }

    #[test]
    fn values_are_grouped_folded_sorted_and_keep_their_first_spelling() {
        let docs = [
            doc(&["Kim Sơn", "Hà Nội"], Some("Văn Tài, Minh Châu")),
            doc(&["ha noi"], None),
            doc(&["Hà Nội", "HÀ NỘI", "Ân Thi"], Some("Minh Châu")),
        ];
        let index = FacetIndex::build(&DocColumns::from_metas(&docs));
        let place = &index.facets[3];
        let found: Vec<(&str, &str, &[u32])> =
            place.iter().map(|v| (v.key.as_str(), v.value.as_str(), v.docs.as_slice())).collect();
        assert_eq!(
            found,
            [("an thi", "Ân Thi", &[2][..]), ("ha noi", "Hà Nội", &[0, 1, 2][..]), ("kim son", "Kim Sơn", &[0][..])]
        );
        let authors: Vec<(&str, &[u32])> =
            index.facets[2].iter().map(|v| (v.value.as_str(), v.docs.as_slice())).collect();
        assert_eq!(authors, [("Minh Châu", &[0, 2][..]), ("Văn Tài", &[0][..])]);
        assert_eq!(index.by_doc[3].of(2), [0, 1]);
    }
}
