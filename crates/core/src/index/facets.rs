//! Facet values → documents, derived from the document table when the index is
//! opened (no extra file): each document's values are stored once, in the table.
//! Values compare folded (`kim son` is *Kim Sơn*).

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
