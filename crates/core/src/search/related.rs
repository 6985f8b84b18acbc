//! Related articles: the documents that share the most distinctive words with one.

use std::collections::HashMap;

use crate::analysis::tokens;
use crate::error::Result;
use crate::index::{term_key, DocCounts, Index};
use crate::small_sort::smallest_by;

/// Distinctive words of an article looked at (the ones with the highest tf·idf).
pub const RELATED_TERMS: usize = 24;

/// The distinctive words of `doc` (highest tf·idf), as (ordinal, tf·idf, df);
/// empty when the document's text is not loaded.
pub(super) fn distinctive_terms(index: &Index, doc: u32) -> Vec<(u64, f32, u32)> {
    let Some(stored) = index.stored(doc) else { return Vec::new() };
    let n = index.doc_count() as f32;
    // Term frequencies by dictionary key.
    let mut tf: HashMap<Vec<u8>, u32> = HashMap::new();
    for text in [&stored.title, &stored.body] {
        for t in tokens(text) {
            if let Some(key) = term_key(t.text) {
                *tf.entry(key).or_default() += 1;
            }
        }
    }
    // Weight: tf · idf, for words in at least two documents and at most half.
    let mut weighted: Vec<(u64, f32, u32)> = tf
        .into_iter()
        .filter_map(|(key, f)| {
            let ordinal = index.dict().get(&key)?;
            let df = index.term_info(ordinal)?.doc_freq;
            (df >= 2 && (df as f32) <= n / 2.0).then(|| {
                let idf = (n / df as f32).ln();
                (ordinal, f as f32 * idf, df)
            })
        })
        .collect();
    smallest_by(&mut weighted, RELATED_TERMS, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighted.truncate(RELATED_TERMS);
    weighted
}

/// Up to `k` documents sharing the most distinctive words with `doc`, best
/// first, as (document, score). Empty when the document's text is not loaded.
/// Needs the postings shards of [`distinctive_terms`].
pub(super) fn related(index: &Index, doc: u32, k: usize) -> Result<Vec<(u32, f32)>> {
    let n = index.doc_count() as f32;
    let weighted = distinctive_terms(index, doc);
    let mut scores: HashMap<u32, f32> = HashMap::new();
    let mut flat = DocCounts::default();
    for (ordinal, _, df) in weighted {
        index.counts_into(ordinal, &mut flat)?;
        let idf = (n / df as f32).ln();
        for &other in &flat.docs {
            if other != doc {
                *scores.entry(other).or_default() += idf;
            }
        }
    }
    let mut out: Vec<(u32, f32)> = scores.into_iter().collect();
    smallest_by(&mut out, k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(k);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::{Document, IndexBuilder};

    #[test]
    fn articles_sharing_rare_words_are_related() {
        let mut b = IndexBuilder::new();
        b.add(Document::new("a", "Lúa mùa", "Nông dân gặt lúa mùa ở đồng bằng sông Cửu Long."));
        b.add(Document::new("b", "Gặt lúa", "Mùa gặt lúa ở đồng bằng sông Cửu Long bắt đầu."));
        b.add(Document::new("c", "Bóng đá", "Đội tuyển thắng trận ở sân vận động."));
        b.add(Document::new("d", "Thời tiết", "Trời nắng ở miền Bắc."));
        b.add(Document::new("e", "Giao thông", "Đường sá ở thành phố."));
        let index = b.build().open().unwrap();
        let related = index.related(0, 3).unwrap();
        assert_eq!(related.first().map(|r| r.0), Some(1));
        assert!(related.iter().all(|r| r.0 != 0));
    }
}
