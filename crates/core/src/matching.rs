//! Where query words, phrases and clauses occur: the search's hot path.
//!
//! Everything here is flat arrays sorted by document, with a dense document → row
//! table for lookups, so a query over thousands of matching documents does a few
//! allocations rather than a few per document.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::index::{FlatPostings, Index};
use crate::query::{Field, Unit};
use crate::search::{Expansion, BM25_B, BM25_K1, TITLE_BOOST};

/// One occurrence of a query word: position, the weight and class of the
/// expansion that matched there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Occ {
    pub pos: u32,
    pub weight: f32,
    pub class: u8,
}

/// Rows of documents (increasing) with a slice of items each, and a dense
/// document → row table.
#[derive(Debug, Default)]
pub(crate) struct Rows<T> {
    pub docs: Vec<u32>,
    offs: Vec<u32>,
    pub items: Vec<T>,
    row_of: Vec<u32>,
}

const NO_ROW: u32 = u32::MAX;

impl<T> Rows<T> {
    fn new(n_docs: usize) -> Self {
        Rows { docs: Vec::new(), offs: vec![0], items: Vec::new(), row_of: vec![NO_ROW; n_docs] }
    }

    /// Closes the row of `doc` after its items were pushed (an empty row is dropped).
    fn close(&mut self, doc: u32) {
        if self.items.len() as u32 == *self.offs.last().expect("offs starts with 0") {
            return;
        }
        self.row_of[doc as usize] = self.docs.len() as u32;
        self.docs.push(doc);
        self.offs.push(self.items.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn row(&self, r: usize) -> &[T] {
        &self.items[self.offs[r] as usize..self.offs[r + 1] as usize]
    }

    pub fn of(&self, doc: u32) -> Option<&[T]> {
        match self.row_of.get(doc as usize) {
            Some(&r) if r != NO_ROW => Some(self.row(r as usize)),
            _ => None,
        }
    }
}

/// Where a query word occurs: the union of its expansions' postings.
pub(crate) type WordMatches = Rows<Occ>;

/// Builds a word's matches from its expansions; `keep` filters expansions (by class).
pub(crate) fn word_matches(index: &Index, expansions: &[Expansion], keep: impl Fn(&Expansion) -> bool) -> WordMatches {
    let mut lists: Vec<(FlatPostings, f32, u8)> = Vec::new();
    for e in expansions.iter().filter(|e| keep(e)) {
        let mut flat = FlatPostings::default();
        if index.postings_into(e.ordinal, &mut flat).is_ok() && !flat.docs.is_empty() {
            lists.push((flat, e.weight, e.class));
        }
    }
    let mut out = Rows::new(index.doc_count());
    // k-way merge by document with a heap of (next document, list).
    let mut heap: BinaryHeap<Reverse<(u32, usize)>> =
        lists.iter().enumerate().map(|(i, (l, _, _))| Reverse((l.docs[0], i))).collect();
    let mut cursor = vec![0usize; lists.len()];
    while let Some(&Reverse((doc, _))) = heap.peek() {
        let first = out.items.len();
        let mut sources = 0;
        while let Some(&Reverse((d, i))) = heap.peek() {
            if d != doc {
                break;
            }
            heap.pop();
            let (list, weight, class) = &lists[i];
            let c = cursor[i];
            out.items.extend(list.positions(c).iter().map(|&pos| Occ { pos, weight: *weight, class: *class }));
            cursor[i] = c + 1;
            if let Some(&next) = list.docs.get(c + 1) {
                heap.push(Reverse((next, i)));
            }
            sources += 1;
        }
        if sources > 1 {
            out.items[first..].sort_by_key(|o| o.pos);
        }
        out.close(doc);
    }
    out
}

/// Where a unit (a word or a phrase) occurs: per document the positions where an
/// occurrence starts, with its weight and class; and the unit's length in words.
pub(crate) struct UnitMatches {
    pub rows: Rows<Occ>,
    pub len: u32,
}

/// Finds a unit's occurrences from its words' matches (in the unit's order).
pub(crate) fn unit_matches(index: &Index, unit: &Unit, words: &[&WordMatches]) -> UnitMatches {
    let len = words.len() as u32;
    let mut out = Rows::new(index.doc_count());
    let Some((first, rest)) = words.split_first() else { return UnitMatches { rows: out, len } };
    'docs: for r in 0..first.len() {
        let doc = first.docs[r];
        let mut others: Vec<&[Occ]> = Vec::with_capacity(rest.len());
        for w in rest {
            match w.of(doc) {
                Some(occ) => others.push(occ),
                None => continue 'docs,
            }
        }
        let title_words = index.doc(doc).map_or(0, |m| m.title_words);
        for o in first.row(r) {
            if unit.field == Field::Title && o.pos + len > title_words {
                continue;
            }
            let mut occ = *o;
            let whole = others.iter().enumerate().all(|(k, ps)| {
                let want = o.pos + 1 + k as u32;
                match ps.binary_search_by_key(&want, |p| p.pos) {
                    Ok(i) => {
                        occ.weight = occ.weight.min(ps[i].weight);
                        occ.class = occ.class.max(ps[i].class);
                        true
                    }
                    Err(_) => false,
                }
            });
            if whole {
                out.items.push(occ);
            }
        }
        out.close(doc);
    }
    UnitMatches { rows: out, len }
}

/// A clause's match in one document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClauseDoc {
    pub score: f32,
    pub class: u8,
}

/// Where a clause (alternatives joined by OR) matches: per document its score and
/// class, and the start and end positions of its occurrences (for adjacency).
pub(crate) struct ClauseMatches {
    pub rows: Rows<ClauseDoc>,
    pub starts: Rows<u32>,
    pub ends: Rows<u32>,
}

fn bm25(index: &Index, tf: f32, doc: u32, idf: f32) -> f32 {
    let len = index.doc(doc).map_or(1.0, |m| (m.title_words + m.body_words) as f32);
    let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * len / index.avg_doc_words());
    idf * tf * (BM25_K1 + 1.0) / (tf + norm)
}

fn idf(index: &Index, df: usize) -> f32 {
    let n = index.doc_count() as f32;
    let df = df as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Scores a clause's units per document: BM25 over the occurrences' weights (title
/// occurrences count [`TITLE_BOOST`] times), a phrase counting like its words
/// together; a document's best unit counts.
pub(crate) fn clause_matches(index: &Index, units: &[UnitMatches]) -> ClauseMatches {
    let n = index.doc_count();
    let mut rows = Rows::new(n);
    let mut starts = Rows::new(n);
    let mut ends = Rows::new(n);
    let idfs: Vec<f32> = units.iter().map(|u| idf(index, u.rows.len())).collect();
    let mut cursor = vec![0usize; units.len()];
    let mut occ_buf: Vec<(u32, u32)> = Vec::new();
    let mut end_buf: Vec<u32> = Vec::new();
    while let Some(doc) = units.iter().zip(&cursor).filter_map(|(u, &c)| u.rows.docs.get(c).copied()).min() {
        let title_words = index.doc(doc).map_or(0, |m| m.title_words);
        let mut best: Option<ClauseDoc> = None;
        occ_buf.clear();
        for (k, (u, c)) in units.iter().zip(cursor.iter_mut()).enumerate() {
            if u.rows.docs.get(*c) != Some(&doc) {
                continue;
            }
            let occs = u.rows.row(*c);
            *c += 1;
            let mut tf = 0.0;
            let mut class = u8::MAX;
            for o in occs {
                tf += o.weight * if o.pos < title_words { TITLE_BOOST } else { 1.0 };
                class = class.min(o.class);
                occ_buf.push((o.pos, o.pos + u.len - 1));
            }
            let score = bm25(index, tf, doc, idfs[k]) * u.len as f32;
            let better = best.is_none_or(|b| (class, -score) < (b.class, -b.score));
            if better {
                best = Some(ClauseDoc { score, class });
            }
        }
        if let Some(b) = best {
            rows.items.push(b);
            rows.close(doc);
            if units.len() > 1 {
                occ_buf.sort_unstable();
            }
            starts.items.extend(occ_buf.iter().map(|o| o.0));
            starts.close(doc);
            end_buf.clear();
            end_buf.extend(occ_buf.iter().map(|o| o.1));
            if units.len() > 1 {
                end_buf.sort_unstable();
            }
            ends.items.extend_from_slice(&end_buf);
            ends.close(doc);
        }
    }
    ClauseMatches { rows, starts, ends }
}

/// True when some position in `ends` is directly followed by one in `starts`
/// (both sorted).
pub(crate) fn any_adjacent(ends: &[u32], starts: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < ends.len() && j < starts.len() {
        let want = ends[i] + 1;
        match starts[j].cmp(&want) {
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacency_is_detected_in_order_only() {
        assert!(any_adjacent(&[3, 10], &[11]));
        assert!(!any_adjacent(&[11], &[10]));
        assert!(!any_adjacent(&[], &[1]));
    }

    #[test]
    fn rows_drop_empty_documents_and_find_by_document() {
        let mut r: Rows<u32> = Rows::new(10);
        r.items.push(5);
        r.close(2);
        r.close(3);
        r.items.extend([1, 2]);
        r.close(7);
        assert_eq!(r.docs, [2, 7]);
        assert_eq!(r.of(7), Some(&[1u32, 2][..]));
        assert_eq!(r.of(3), None);
        assert_eq!(r.of(99), None);
    }
}
