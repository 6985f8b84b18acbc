//! Where query words, phrases and clauses occur: the search's hot path.
//!
//! Everything here is flat arrays sorted by document, combined by merging sorted
//! lists, and a unit that is a single word borrows that word's occurrences instead
//! of copying them. The one table sized by the corpus is a word's sums when its
//! lists are long (at least an eighth of the documents in all, [`word_docs`]).

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use super::plan::Expansion;
use super::query::{Field, Unit};
use super::weights::{BM25_B, BM25_K1, TITLE_BOOST};
use crate::error::Result;
use crate::index::{DocCounts, FlatPostings, Index};
use crate::small_sort::sort_dedup;

/// One occurrence of a query word: position, the weight and class of the
/// expansion that matched there, and whether it is in the title.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Occ {
    pub pos: u32,
    pub weight: f32,
    pub class: u8,
    pub title: bool,
}

/// Rows of documents (increasing) with a slice of items each.
#[derive(Debug, Clone)]
pub(crate) struct Rows<T> {
    pub docs: Vec<u32>,
    offs: Vec<u32>,
    pub items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows { docs: Vec::new(), offs: vec![0], items: Vec::new() }
    }
}

impl<T> Rows<T> {
    /// Closes the row of `doc` after its items were pushed (an empty row is dropped).
    fn close(&mut self, doc: u32) {
        if self.items.len() as u32 == *self.offs.last().expect("offs starts with 0") {
            return;
        }
        self.docs.push(doc);
        self.offs.push(self.items.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn row(&self, r: usize) -> &[T] {
        &self.items[self.offs[r] as usize..self.offs[r + 1] as usize]
    }

    /// The row of `doc`, looking only at rows from `*from` on, and moving `*from`
    /// past the rows before `doc`: called with increasing documents, it walks the
    /// rows once (a merge).
    pub fn seek(&self, doc: u32, from: &mut usize) -> Option<usize> {
        let rest = &self.docs[(*from).min(self.docs.len())..];
        *from += rest.partition_point(|&d| d < doc);
        (self.docs.get(*from) == Some(&doc)).then_some(*from)
    }
}

/// Where a query word occurs: the union of its expansions' postings.
pub(crate) type WordMatches = Rows<Occ>;

/// Builds a word's matches from its expansions; `keep` filters expansions (by class).
/// A postings list that cannot be decoded is an error, not an empty list.
pub(crate) fn word_matches(
    index: &Index,
    expansions: &[Expansion],
    keep: impl Fn(&Expansion) -> bool,
    decoded: &mut super::context::Decoded,
) -> Result<WordMatches> {
    let mut lists: Vec<(std::sync::Arc<FlatPostings>, f32, u8)> = Vec::new();
    for e in expansions.iter().filter(|e| keep(e)) {
        let flat = decoded.one(index, e.ordinal)?;
        if !flat.docs.is_empty() {
            lists.push((flat, e.weight, e.class));
        }
    }
    let mut out = Rows::default();
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
            let title = list.title[c] as usize;
            let occ = |(k, &pos): (usize, &u32)| Occ { pos, weight: *weight, class: *class, title: k < title };
            out.items.extend(list.positions(c).iter().enumerate().map(occ));
            cursor[i] = c + 1;
            if let Some(&next) = list.docs.get(c + 1) {
                heap.push(Reverse((next, i)));
            }
            sources += 1;
        }
        if sources > 1 {
            // A position holds one word, and a word's expansions are distinct
            // terms, so items do not share a position; should two ever do, the
            // better match comes first. The order is total either way, and an
            // unstable sort keeps a stable sort's code out of the worker's wasm.
            out.items[first..].sort_unstable_by(|a, b| {
                a.pos.cmp(&b.pos).then(a.class.cmp(&b.class)).then(b.weight.total_cmp(&a.weight))
            });
        }
        out.close(doc);
    }
    Ok(out)
}

/// Where a single query word occurs, by document, without copying a position:
/// per document its title-boosted, weighted term frequency and its best class,
/// counted from its expansions' postings. The postings stay, so that when the
/// followers of its terms are not here (a query with a phrase), a document's
/// positions are read only when its adjacency to the next clause must be known
/// ([`ClauseMatches::spans`]), for the few documents that can still enter the
/// top results.
pub(crate) struct WordDocs {
    lists: Vec<(Arc<DocCounts>, f32, u8)>,
    /// The term of each of `lists`.
    ordinals: Vec<u64>,
    pub docs: Vec<u32>,
    tf: Vec<f32>,
    class: Vec<u8>,
}

impl WordDocs {
    /// The positions of the word in `doc` (one list per expansion found there).
    fn positions(&self, index: &Index, doc: u32, out: &mut Vec<u32>) -> Result<()> {
        for (list, _, _) in &self.lists {
            if let Ok(i) = list.docs.binary_search(&doc) {
                index.positions_at(list, i, out)?;
            }
        }
        Ok(())
    }
}

/// A word's documents from its expansions (see [`WordDocs`]). The frequency of
/// an expansion in a document is its weight times its occurrences, those in the
/// title counting [`TITLE_BOOST`] times; a document sums its expansions in the
/// order of the plan, whichever way the lists are merged.
pub(crate) fn word_docs(index: &Index, expansions: &[Expansion]) -> Result<WordDocs> {
    let mut lists: Vec<(Arc<DocCounts>, f32, u8)> = Vec::new();
    let mut ordinals = Vec::new();
    for e in expansions {
        let counts = index.doc_counts(e.ordinal)?;
        if !counts.docs.is_empty() {
            lists.push((counts, e.weight, e.class));
            ordinals.push(e.ordinal);
        }
    }
    let postings: usize = lists.iter().map(|(l, _, _)| l.docs.len()).sum();
    let mut out = WordDocs { docs: Vec::new(), tf: Vec::new(), class: Vec::new(), lists: Vec::new(), ordinals };
    // One expansion's frequency in the `i`-th document of its list.
    let tf_of = |list: &DocCounts, weight: f32, i: usize| {
        let title = list.title[i];
        weight * (title as f32 * TITLE_BOOST + (list.tf[i] - title) as f32)
    };
    match &lists[..] {
        [] => {}
        [(list, weight, class)] => {
            out.docs = list.docs.clone();
            out.tf = (0..list.docs.len()).map(|i| tf_of(list, *weight, i)).collect();
            out.class = vec![*class; list.docs.len()];
        }
        // Many postings: sums in a table by document, read back in order.
        _ if postings.saturating_mul(8) >= index.doc_count() => {
            let n = index.doc_count();
            let (mut tf, mut class) = (vec![0f32; n], vec![u8::MAX; n]);
            let most = postings.min(n);
            (out.docs, out.tf, out.class) =
                (Vec::with_capacity(most), Vec::with_capacity(most), Vec::with_capacity(most));
            for (list, weight, c) in &lists {
                for (i, &doc) in list.docs.iter().enumerate() {
                    let d = doc as usize;
                    tf[d] += tf_of(list, *weight, i);
                    class[d] = class[d].min(*c);
                }
            }
            for (d, &c) in class.iter().enumerate() {
                if c != u8::MAX {
                    out.docs.push(d as u32);
                    out.tf.push(tf[d]);
                    out.class.push(c);
                }
            }
        }
        // Few: merged by document, a heap of (next document, list); a document
        // sums its lists in their order.
        _ => {
            let mut heap: BinaryHeap<Reverse<(u32, usize)>> =
                lists.iter().enumerate().map(|(i, (l, _, _))| Reverse((l.docs[0], i))).collect();
            let mut cursor = vec![0usize; lists.len()];
            while let Some(Reverse((doc, i))) = heap.pop() {
                let (list, weight, c) = &lists[i];
                let tf = tf_of(list, *weight, cursor[i]);
                cursor[i] += 1;
                if let Some(&next) = list.docs.get(cursor[i]) {
                    heap.push(Reverse((next, i)));
                }
                if out.docs.last() == Some(&doc) {
                    *out.tf.last_mut().expect("a row per document") += tf;
                    let last = out.class.last_mut().expect("a row per document");
                    *last = (*last).min(*c);
                } else {
                    out.docs.push(doc);
                    out.tf.push(tf);
                    out.class.push(*c);
                }
            }
        }
    }
    out.lists = lists;
    Ok(out)
}

/// Where a unit (a word or a phrase) occurs: per document the positions where an
/// occurrence starts, with its weight and class; and the unit's length in words.
/// A single word anywhere is its word's matches, borrowed.
pub(crate) struct UnitMatches<'a> {
    pub rows: Cow<'a, Rows<Occ>>,
    pub len: u32,
}

/// Finds a unit's occurrences from its words' matches (in the unit's order).
pub(crate) fn unit_matches<'a>(unit: &Unit, words: &[&'a WordMatches]) -> UnitMatches<'a> {
    let len = words.len() as u32;
    let Some((first, rest)) = words.split_first() else {
        return UnitMatches { rows: Cow::Owned(Rows::default()), len };
    };
    if rest.is_empty() && unit.field == Field::Any {
        return UnitMatches { rows: Cow::Borrowed(*first), len };
    }
    let mut out = Rows::default();
    let mut cursors = vec![0usize; rest.len()];
    let mut others: Vec<&[Occ]> = Vec::with_capacity(rest.len());
    'docs: for r in 0..first.len() {
        let doc = first.docs[r];
        others.clear();
        for (w, cursor) in rest.iter().zip(cursors.iter_mut()) {
            match w.seek(doc, cursor) {
                Some(row) => others.push(w.row(row)),
                None => continue 'docs,
            }
        }
        for o in first.row(r) {
            // A phrase that starts in the title ends there: the title's last
            // position is followed by a gap, never by a word.
            if unit.field == Field::Title && !o.title {
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
    UnitMatches { rows: Cow::Owned(out), len }
}

/// A clause's match in one document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClauseDoc {
    pub score: f32,
    pub class: u8,
}

/// One alternative of a clause, as matched: a single word anywhere, by document
/// only; or a phrase (or a word in the title), with its occurrences.
pub(crate) enum UnitSource<'a> {
    Word(&'a WordDocs),
    Occurrences(UnitMatches<'a>),
}

impl UnitSource<'_> {
    fn docs(&self) -> &[u32] {
        match self {
            UnitSource::Word(w) => &w.docs,
            UnitSource::Occurrences(u) => &u.rows.docs,
        }
    }
}

/// Where a clause (alternatives joined by OR) matches: per document (increasing)
/// its score and class. Where its occurrences start and end in a document (for
/// adjacency with the clauses before and after it) is read on demand
/// ([`ClauseMatches::spans`]).
#[derive(Default)]
pub(crate) struct ClauseMatches<'a> {
    pub docs: Vec<u32>,
    pub best: Vec<ClauseDoc>,
    units: Vec<UnitSource<'a>>,
}

impl ClauseMatches<'_> {
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The row of `doc`, if the clause matches it.
    pub fn row_of(&self, doc: u32) -> Option<usize> {
        self.docs.binary_search(&doc).ok()
    }

    /// The terms of a clause of single words (sorted, each once): which of
    /// them stand right after another clause's, or before, tells its adjacency
    /// ([`Index::followed_docs`]). `None` when it has a phrase or a field.
    pub fn word_ordinals(&self) -> Option<Vec<u64>> {
        let mut out = Vec::new();
        for unit in &self.units {
            match unit {
                UnitSource::Word(w) => out.extend_from_slice(&w.ordinals),
                UnitSource::Occurrences(_) => return None,
            }
        }
        sort_dedup(&mut out);
        Some(out)
    }

    /// The start and the end positions (first and last word) of the clause's
    /// occurrences in `doc`, each sorted increasing, into `starts` and `ends`.
    pub fn spans(&self, index: &Index, doc: u32, starts: &mut Vec<u32>, ends: &mut Vec<u32>) -> Result<()> {
        starts.clear();
        ends.clear();
        for unit in &self.units {
            match unit {
                UnitSource::Word(w) => {
                    let from = starts.len();
                    w.positions(index, doc, starts)?;
                    ends.extend_from_slice(&starts[from..]);
                }
                UnitSource::Occurrences(u) => {
                    if let Ok(r) = u.rows.docs.binary_search(&doc) {
                        for o in u.rows.row(r) {
                            starts.push(o.pos);
                            ends.push(o.pos.saturating_add(u.len - 1));
                        }
                    }
                }
            }
        }
        starts.sort_unstable();
        ends.sort_unstable();
        Ok(())
    }
}

fn bm25(index: &Index, tf: f32, doc: u32, idf: f32) -> f32 {
    let len = if (doc as usize) < index.doc_count() { index.doc_words(doc) as f32 } else { 1.0 };
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
pub(crate) fn clause_matches<'a>(index: &Index, units: Vec<UnitSource<'a>>) -> ClauseMatches<'a> {
    let mut out = ClauseMatches::default();
    let idfs: Vec<f32> = units.iter().map(|u| idf(index, u.docs().len())).collect();
    if let [UnitSource::Word(w)] = &units[..] {
        // One word alone (most clauses): its documents as they are.
        out.docs = w.docs.clone();
        let scored = w.docs.iter().zip(&w.tf).zip(&w.class);
        out.best =
            scored.map(|((&doc, &tf), &class)| ClauseDoc { score: bm25(index, tf, doc, idfs[0]), class }).collect();
        out.units = units;
        return out;
    }
    let mut cursor = vec![0usize; units.len()];
    while let Some(doc) = units.iter().zip(&cursor).filter_map(|(u, &c)| u.docs().get(c).copied()).min() {
        let mut best: Option<ClauseDoc> = None;
        for (k, (u, c)) in units.iter().zip(cursor.iter_mut()).enumerate() {
            if u.docs().get(*c) != Some(&doc) {
                continue;
            }
            let r = *c;
            *c += 1;
            let (score, class) = match u {
                UnitSource::Word(w) => (bm25(index, w.tf[r], doc, idfs[k]), w.class[r]),
                UnitSource::Occurrences(u) => {
                    let mut tf = 0.0;
                    let mut class = u8::MAX;
                    for o in u.rows.row(r) {
                        tf += o.weight * if o.title { TITLE_BOOST } else { 1.0 };
                        class = class.min(o.class);
                    }
                    (bm25(index, tf, doc, idfs[k]) * u.len as f32, class)
                }
            };
            let better = best.is_none_or(|b| (class, -score) < (b.class, -b.score));
            if better {
                best = Some(ClauseDoc { score, class });
            }
        }
        let Some(b) = best else { continue };
        out.docs.push(doc);
        out.best.push(b);
    }
    out.units = units;
    out
}

/// True when some position in `ends` is directly followed by one in `starts`
/// (both sorted).
pub(crate) fn any_adjacent(ends: &[u32], starts: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < ends.len() && j < starts.len() {
        let want = ends[i].saturating_add(1);
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
    fn rows_drop_empty_documents_and_seek_forward() {
        let mut r: Rows<u32> = Rows::default();
        r.items.push(5);
        r.close(2);
        r.close(3);
        r.items.extend([1, 2]);
        r.close(7);
        r.items.push(9);
        r.close(12);
        assert_eq!(r.docs, [2, 7, 12]);
        let mut at = 0;
        assert_eq!(r.seek(3, &mut at), None);
        assert_eq!(at, 1, "the cursor stops before the next larger document");
        assert_eq!(r.seek(7, &mut at).map(|i| r.row(i)), Some(&[1u32, 2][..]));
        assert_eq!(r.seek(99, &mut at), None);
        assert_eq!(at, 3);
        assert_eq!(r.seek(100, &mut at), None, "a cursor past the end stays there");
    }
}
