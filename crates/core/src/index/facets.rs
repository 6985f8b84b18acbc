//! Facet values → documents, derived from the document table when the index is
//! opened (no extra file): each document's values are stored once, in the table.
//! Values compare folded (`kim son` is *Kim Sơn*).

use std::collections::HashMap;

use super::doc_table::DocMeta;
use crate::analysis::fold;

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
    pub fn build(docs: &[DocMeta]) -> Self {
        let mut facets = Vec::with_capacity(FACETS.len());
        for f in 0..FACETS.len() {
            // Each distinct spelling is folded once: a facet has a few hundred
            // values and a corpus may repeat each in thousands of documents.
            let mut spelled: HashMap<&str, usize> = HashMap::new();
            let mut by_key: HashMap<String, usize> = HashMap::new();
            let mut values: Vec<FacetValue> = Vec::new();
            for (n, d) in docs.iter().enumerate() {
                for v in values_of(f, d) {
                    let at = *spelled.entry(v).or_insert_with(|| {
                        let key = fold(v);
                        *by_key.entry(key.clone()).or_insert_with(|| {
                            values.push(FacetValue { value: v.to_owned(), key, docs: Vec::new() });
                            values.len() - 1
                        })
                    });
                    let docs = &mut values[at].docs;
                    if docs.last() != Some(&(n as u32)) {
                        docs.push(n as u32);
                    }
                }
            }
            values.sort_unstable_by(|a, b| a.key.cmp(&b.key));
            facets.push(values);
        }
        let by_doc = facets.iter().map(|values| DocValues::build(values, docs.len())).collect();
        let days = docs.iter().map(|d| d.days).collect();
        fn month(d: &DocMeta) -> Option<&str> {
            d.meta.date.as_deref().and_then(|date| date.get(..7))
        }
        let mut dated: Vec<&str> = docs.iter().filter_map(month).collect();
        dated.sort_unstable();
        dated.dedup();
        let months: Vec<String> = dated.into_iter().map(str::to_owned).collect();
        let month_of = docs
            .iter()
            .map(|d| month(d).map_or(NO_MONTH, |m| months.binary_search_by(|x| x.as_str().cmp(m)).unwrap_or(0) as u32))
            .collect();
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
        let index = FacetIndex::build(&docs);
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
