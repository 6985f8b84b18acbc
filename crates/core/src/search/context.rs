//! Real-word errors, decided by the neighbouring word: `kinh tê` is two real
//! syllables, but *tê* after *kinh* is rare where *tế* after *kinh* is common, so
//! the query also finds *kinh tế* and "did you mean" offers it. The slip may be in
//! the first word too (`tuyên sinh` → *tuyển sinh*, `cư tri` → *cử tri*). And the
//! word being typed: `Nam Đị` reads *đị* as *đi* (no *đị* exists), but *Nam đi*
//! stands in no article where *Nam Định* stands in many, so the completion
//! *định* ranks in the class of the reading *đi*, where adjacency decides.
//!
//! Runs when a plan is executed, on postings the plan fetched anyway: a word
//! typed with a tone that exists carries its likely other tones as
//! [`PlannedWord::alternatives`](super::plan::PlannedWord), whose shards are part
//! of the plan, and completions are the plan's own expansions. Only when the typed
//! pair is rare are the alternatives counted, so a common pair costs one count
//! that stops at [`CONTEXT_KNOWN_PAIR_DOCS`]; and the plan keeps as alternatives
//! only a few frequent tones (`CONTEXT_MIN_WORD_RATIO`,
//! `CONTEXT_FREQUENT_WORD_SHARE`, `CONTEXT_MAX_ALTERNATIVES` in `weights.rs`), so a
//! common word typed right usually fetches and counts nothing more.
//!
//! A correction ranks below the literal word (class 1) when the typed pair stands
//! in some article, and level with it (class 0) when it stands in none.

use crate::small_sort::{sort_dedup, sort_small_by};
use std::collections::HashMap;
use std::sync::Arc;

use super::plan::{Expansion, MatchKind, Plan};
use super::weights::{
    CONTEXT_KNOWN_PAIR_DOCS, CONTEXT_MAX_COMPLETIONS, CONTEXT_MIN_PAIR_DOCS, SHADOWING_RATIO, WEIGHT_PREFIX,
};
use crate::error::Result;
use crate::index::{FlatPostings, Index};

/// Pairs of query words that stand next to each other: inside a phrase, and the
/// last word of a one-unit clause with the first of the next.
fn neighbours(plan: &Plan) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for clause in &plan.clauses {
        for unit in clause {
            out.extend(unit.windows(2).map(|w| (w[0], w[1])));
        }
    }
    for pair in plan.clauses.windows(2) {
        if let ([a], [b]) = (&pair[0][..], &pair[1][..]) {
            if let (Some(&x), Some(&y)) = (a.last(), b.first()) {
                out.push((x, y));
            }
        }
    }
    out
}

/// Where some terms occur: their postings, each flat and sorted by document.
pub(super) struct Occurrences(Vec<Arc<FlatPostings>>);

/// The documents read from the head of each list to tell that a pair of words
/// is common ([`common_pair`]) before any list is read whole.
const HEAD_DOCS: u32 = 1024;

/// The postings decoded while executing one plan, each term's once: a pair is
/// looked at from both sides, a word stands in two pairs, and the matching after
/// the corrections reads the same lists again. Heads (the first [`HEAD_DOCS`]
/// documents, and whether that is the whole list) are kept apart.
pub(super) struct Decoded {
    whole: HashMap<u64, Arc<FlatPostings>>,
    heads: HashMap<u64, (Arc<FlatPostings>, bool)>,
    /// The documents a head holds: [`HEAD_DOCS`] (fewer in tests).
    head_docs: u32,
}

impl Default for Decoded {
    fn default() -> Self {
        Decoded { whole: HashMap::new(), heads: HashMap::new(), head_docs: HEAD_DOCS }
    }
}

impl Decoded {
    /// The postings of one term, decoded once (and kept by the index a while:
    /// [`Index::flat_postings`]).
    pub(super) fn one(&mut self, index: &Index, ordinal: u64) -> Result<Arc<FlatPostings>> {
        if let Some(flat) = self.whole.get(&ordinal) {
            return Ok(flat.clone());
        }
        if let Some((head, true)) = self.heads.get(&ordinal) {
            return Ok(head.clone());
        }
        let flat = index.flat_postings(ordinal)?;
        Ok(self.whole.entry(ordinal).or_insert(flat).clone())
    }

    /// The head of one term's postings, and whether it is the whole list.
    fn head(&mut self, index: &Index, ordinal: u64) -> Result<(Arc<FlatPostings>, bool)> {
        if let Some(flat) = self.whole.get(&ordinal) {
            return Ok((flat.clone(), true));
        }
        if let Some(head) = self.heads.get(&ordinal) {
            return Ok(head.clone());
        }
        let mut flat = FlatPostings::default();
        let complete = index.postings_head_into(ordinal, self.head_docs, &mut flat)?;
        Ok(self.heads.entry(ordinal).or_insert((Arc::new(flat), complete)).clone())
    }

    /// The heads of some terms' postings, and the last document up to which
    /// every one of them is complete (`u32::MAX` when all are whole lists).
    fn heads(&mut self, index: &Index, ordinals: &[u64]) -> Result<(Occurrences, u32)> {
        let (mut lists, mut upto) = (Vec::new(), u32::MAX);
        for &ordinal in ordinals {
            let (flat, complete) = self.head(index, ordinal)?;
            if !complete {
                upto = upto.min(flat.docs.last().copied().unwrap_or(0));
            }
            if !flat.docs.is_empty() {
                lists.push(flat);
            }
        }
        Ok((Occurrences(lists), upto))
    }

    /// Where any of these terms occur.
    pub(super) fn read(&mut self, index: &Index, ordinals: impl IntoIterator<Item = u64>) -> Result<Occurrences> {
        let mut lists = Vec::new();
        for ordinal in ordinals {
            let flat = self.one(index, ordinal)?;
            if !flat.docs.is_empty() {
                lists.push(flat);
            }
        }
        Ok(Occurrences(lists))
    }
}

/// Documents where an occurrence of `before` is directly followed by one of
/// `after`, counted up to `stop`.
pub(super) fn adjacent_docs(before: &Occurrences, after: &Occurrences, stop: usize) -> usize {
    adjacent_docs_upto(before, after, stop, u32::MAX)
}

/// [`adjacent_docs`] among the documents up to `upto`.
///
/// Only documents in both sides can count, so the walk leaps: each side's
/// cursors gallop to the other side's next document. A dense completion after a
/// word it rarely follows (`thành phải`) then costs the documents of the
/// sparser side, not a lookup per document of the denser.
fn adjacent_docs_upto(before: &Occurrences, after: &Occurrences, stop: usize, upto: u32) -> usize {
    let (blists, alists) = (&before.0, &after.0);
    let mut bcur = vec![0usize; blists.len()];
    let mut acur = vec![0usize; alists.len()];
    let mut rows: Vec<&[u32]> = Vec::new();
    let mut n = 0;
    while n < stop {
        let Some(doc) = alists.iter().zip(&acur).filter_map(|(l, &c)| l.docs.get(c).copied()).min() else {
            break;
        };
        if doc > upto {
            break;
        }
        // The before side's next document from `doc` on.
        let mut next = u32::MAX;
        rows.clear();
        for (b, c) in blists.iter().zip(bcur.iter_mut()) {
            *c += gallop(&b.docs[(*c).min(b.docs.len())..], doc);
            match b.docs.get(*c) {
                Some(&d) if d == doc => {
                    rows.push(b.positions(*c));
                    next = doc;
                }
                Some(&d) => next = next.min(d),
                None => {}
            }
        }
        if next == u32::MAX {
            break;
        }
        if next > doc {
            for (l, c) in alists.iter().zip(acur.iter_mut()) {
                *c += gallop(&l.docs[(*c).min(l.docs.len())..], next);
            }
            continue;
        }
        let mut found = false;
        for (l, c) in alists.iter().zip(acur.iter_mut()) {
            if l.docs.get(*c) == Some(&doc) {
                found = found
                    || l.positions(*c).iter().any(|&p| p > 0 && rows.iter().any(|r| r.binary_search(&(p - 1)).is_ok()));
                *c += 1;
            }
        }
        n += usize::from(found);
    }
    n
}

/// How many of the leading documents of `docs` (sorted) are below `doc`: an
/// exponential search from the start, then a binary one, so that a cursor
/// moving through a list pays for the distance it moves, not the list's length.
fn gallop(docs: &[u32], doc: u32) -> usize {
    let mut end = 1;
    while end < docs.len() && docs[end - 1] < doc {
        end *= 2;
    }
    let end = end.min(docs.len());
    let start = end / 2;
    start + docs[start..end].partition_point(|&d| d < doc)
}

/// Whether `before` directly followed by one of `after` stands in at least
/// `stop` documents, told from the heads of their lists when it does: a common
/// pair (most pairs typed) then never has its lists read whole. False means
/// the heads could not tell; [`adjacent_docs`] over the whole lists does.
fn common_pair(index: &Index, decoded: &mut Decoded, before: &[u64], after: &[u64], stop: usize) -> Result<bool> {
    if index.followers_of_all(before) {
        // The followers tell at once, and as [`pair_docs`] counts.
        return Ok(pair_docs(index, decoded, before, Side::Before, after, stop)? >= stop);
    }
    let (b, b_upto) = decoded.heads(index, before)?;
    let (a, a_upto) = decoded.heads(index, after)?;
    Ok(adjacent_docs_upto(&b, &a, stop, b_upto.min(a_upto)) >= stop)
}

/// The terms of a word's expansions of at most `class` (what it matches as typed:
/// exact, toneless, other tones, Telex).
fn ordinals_up_to(expansions: &[Expansion], class: u8) -> Vec<u64> {
    expansions.iter().filter(|e| e.class <= class).map(|e| e.ordinal).collect()
}

/// Which side of a pair the fixed neighbour stands on.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
}

/// Articles where one of `neighbour` and one of `terms` (term ordinals) stand
/// side by side (the neighbour on its `side`), up to `stop`: counted once, from
/// the followers of the first when they are here, else over both postings with
/// their positions, then kept by the index ([`Index::pair_count`]).
fn pair_docs(
    index: &Index,
    decoded: &mut Decoded,
    neighbour: &[u64],
    side: Side,
    terms: &[u64],
    stop: usize,
) -> Result<usize> {
    let (before, after) = match side {
        Side::Before => (neighbour, terms),
        Side::After => (terms, neighbour),
    };
    index.pair_count(before, after, stop, |stop| {
        if index.followers_of_all(before) {
            let mut after = after.to_vec();
            sort_dedup(&mut after);
            return Ok(index.followed_docs(before, &after)?.len().min(stop));
        }
        let b = decoded.read(index, before.iter().copied())?;
        let a = decoded.read(index, after.iter().copied())?;
        Ok(adjacent_docs(&b, &a, stop))
    })
}

/// Another tone of word `word`, made far likelier by its neighbour `other` (on
/// `side` of it), joins the word's matches. True when one did.
fn promote_tone(
    index: &Index,
    decoded: &mut Decoded,
    plan: &mut Plan,
    word: usize,
    other: usize,
    side: Side,
) -> Result<bool> {
    let w = &plan.words[word];
    if w.alternatives.is_empty() || w.expansions.iter().any(|e| e.kind == MatchKind::Context) {
        return Ok(false);
    }
    let fixed = ordinals_up_to(&plan.words[other].expansions, 1);
    if fixed.is_empty() {
        return Ok(false);
    }
    let typed = ordinals_up_to(&w.expansions, 0);
    let (before, after) = if side == Side::Before { (&fixed, &typed) } else { (&typed, &fixed) };
    if common_pair(index, decoded, before, after, CONTEXT_KNOWN_PAIR_DOCS)? {
        return Ok(false);
    }
    let literal = pair_docs(index, decoded, &fixed, side, &typed, CONTEXT_KNOWN_PAIR_DOCS)?;
    if literal >= CONTEXT_KNOWN_PAIR_DOCS {
        return Ok(false);
    }
    let need = CONTEXT_MIN_PAIR_DOCS.max(literal * SHADOWING_RATIO as usize);
    let mut best = None;
    for (k, alt) in w.alternatives.iter().enumerate() {
        let n = pair_docs(index, decoded, &fixed, side, &[alt.ordinal], usize::MAX)?;
        if n >= need && best.is_none_or(|(_, m)| n > m) {
            best = Some((k, n));
        }
    }
    let Some((k, _)) = best else { return Ok(false) };
    let mut alt = plan.words[word].alternatives[k].clone();
    alt.class = u8::from(literal > 0);
    plan.promote(word, alt);
    Ok(true)
}

/// The word being typed (`word`, after `prev`): its completions that follow
/// `prev` in far more articles than its readings do rank in the readings' class
/// (one below when the readings' pair stands in some article).
fn promote_completions(index: &Index, decoded: &mut Decoded, plan: &mut Plan, prev: usize, word: usize) -> Result<()> {
    let w = &plan.words[word];
    let Some(reading_class) = w.expansions.iter().filter(|e| e.class <= 1).map(|e| e.class).min() else {
        return Ok(());
    };
    if !w.term.prefix {
        return Ok(());
    }
    let df = |e: &Expansion| index.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
    let mut completions: Vec<&Expansion> = w.expansions.iter().filter(|e| e.kind == MatchKind::Prefix).collect();
    if completions.is_empty() {
        return Ok(());
    }
    // Completions agreeing with the typed tones first, then the most frequent.
    sort_small_by(&mut completions, |a, b| {
        (b.weight >= WEIGHT_PREFIX)
            .cmp(&(a.weight >= WEIGHT_PREFIX))
            .then(df(b).cmp(&df(a)))
            .then(a.ordinal.cmp(&b.ordinal))
    });
    completions.truncate(CONTEXT_MAX_COMPLETIONS);
    let fixed = ordinals_up_to(&plan.words[prev].expansions, 1);
    if fixed.is_empty() {
        return Ok(());
    }
    let readings = ordinals_up_to(&w.expansions, 1);
    if common_pair(index, decoded, &fixed, &readings, CONTEXT_KNOWN_PAIR_DOCS)? {
        return Ok(());
    }
    let literal = pair_docs(index, decoded, &fixed, Side::Before, &readings, CONTEXT_KNOWN_PAIR_DOCS)?;
    let class = reading_class + u8::from(literal > 0);
    if literal >= CONTEXT_KNOWN_PAIR_DOCS || class >= 2 {
        return Ok(());
    }
    let need = CONTEXT_MIN_PAIR_DOCS.max(literal * SHADOWING_RATIO as usize);
    let mut likely = Vec::new();
    for c in completions {
        if pair_docs(index, decoded, &fixed, Side::Before, &[c.ordinal], need)? >= need {
            likely.push(c.ordinal);
        }
    }
    for e in plan.words[word].expansions.iter_mut().filter(|e| likely.contains(&e.ordinal)) {
        e.class = class;
    }
    Ok(())
}

/// The corrections that need postings, made when a plan is executed: for each
/// rare pair of neighbouring words, the other tone of the second word (then of
/// the first) that the other word makes far likelier joins the plan, or else the
/// completions of the word being typed that follow the word before rank with its
/// readings; then words typed without the space are read apart (`joined.rs`).
/// `decoded` keeps the postings read, for the matching that follows.
pub(super) fn correct(index: &Index, plan: &mut Plan, decoded: &mut Decoded) -> Result<()> {
    for (prev, word) in neighbours(plan) {
        if plan.words[prev].expansions.is_empty() || plan.words[word].expansions.is_empty() {
            continue;
        }
        if promote_tone(index, decoded, plan, word, prev, Side::Before)?
            || promote_tone(index, decoded, plan, prev, word, Side::After)?
        {
            continue;
        }
        promote_completions(index, decoded, plan, prev, word)?;
    }
    super::joined::read_apart(index, decoded, plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, IndexBuilder};
    use proptest::prelude::*;

    /// The ordinal of a word's exact term.
    fn ordinal(index: &Index, word: &str) -> Vec<u64> {
        let key = crate::index::term_key(word).expect("a word");
        index.dict().get(&key).into_iter().collect()
    }

    /// The words of the generated documents.
    const WORDS: [&str; 4] = ["nam", "việt", "hà", "nội"];

    /// An index of documents given as numbers of [`WORDS`], one document each.
    fn index_of(docs: &[Vec<usize>]) -> Index {
        let mut b = IndexBuilder::new();
        for (i, words) in docs.iter().enumerate() {
            let body: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
            b.add(Document::new(format!("d{i:03}"), "Tin", body.join(" ")));
        }
        b.build().open().unwrap()
    }

    /// Postings from `(doc, positions)` pairs (documents increasing).
    fn flat(entries: &[(u32, Vec<u32>)]) -> Arc<FlatPostings> {
        let mut f = FlatPostings { docs: Vec::new(), offs: vec![0], pos: Vec::new(), title: Vec::new() };
        for (doc, positions) in entries {
            f.docs.push(*doc);
            f.title.push(0);
            f.pos.extend(positions);
            f.offs.push(f.pos.len() as u32);
        }
        Arc::new(f)
    }

    /// Lists of up to 60 documents below 200, each with positions below 24.
    fn lists() -> impl Strategy<Value = Vec<Vec<(u32, Vec<u32>)>>> {
        let list = proptest::collection::btree_map(0u32..200, proptest::collection::btree_set(0u32..24, 1..5), 0..60)
            .prop_map(|m| m.into_iter().map(|(d, p)| (d, p.into_iter().collect())).collect());
        proptest::collection::vec(list, 0..4)
    }

    proptest! {
        /// The leaping walk counts what looking at every document counts.
        #[test]
        fn adjacent_docs_counts_every_adjacent_document(
            before in lists(),
            after in lists(),
            stop in 1usize..80,
            upto in prop_oneof![Just(u32::MAX), 0u32..200],
        ) {
            let docs_of = |ls: &[Vec<(u32, Vec<u32>)>], doc: u32| -> Vec<u32> {
                ls.iter().flat_map(|l| l.iter().filter(|(d, _)| *d == doc).flat_map(|(_, p)| p.clone())).collect()
            };
            let expected = (0u32..200)
                .filter(|&doc| doc <= upto)
                .filter(|&doc| {
                    let b = docs_of(&before, doc);
                    docs_of(&after, doc).iter().any(|&p| p > 0 && b.contains(&(p - 1)))
                })
                .count()
                .min(stop);
            let occurrences = |ls: &[Vec<(u32, Vec<u32>)>]| Occurrences(ls.iter().map(|l| flat(l)).collect());
            prop_assert_eq!(adjacent_docs_upto(&occurrences(&before), &occurrences(&after), stop, upto), expected);
        }

        /// A pair's count kept by the index answers as a fresh count would,
        /// whatever limits were asked for before, and from either side.
        #[test]
        fn kept_pair_counts_are_fresh_counts(
            docs in proptest::collection::vec(proptest::collection::vec(0usize..4, 1..12), 1..40),
            asks in proptest::collection::vec((0usize..4, 0usize..4, 1usize..8, any::<bool>()), 1..24),
        ) {
            let index = index_of(&docs);
            for (x, y, stop, after) in asks {
                let (x, y) = (ordinal(&index, WORDS[x]), ordinal(&index, WORDS[y]));
                let side = if after { Side::After } else { Side::Before };
                let kept = pair_docs(&index, &mut Decoded::default(), &x, side, &y, stop).unwrap();
                let mut fresh = Decoded::default();
                let (before, after) = if after { (y, x) } else { (x, y) };
                let (before, after) = (fresh.read(&index, before).unwrap(), fresh.read(&index, after).unwrap());
                prop_assert_eq!(kept, adjacent_docs(&before, &after, stop));
            }
        }

        /// The heads say "common" only of a pair that stands in at least `stop`
        /// documents, and always say it when the heads are the whole lists.
        #[test]
        fn heads_tell_a_common_pair_only_when_it_is(
            docs in proptest::collection::vec(proptest::collection::vec(0usize..4, 1..12), 1..60),
            stop in 1usize..8,
            head_docs in 1u32..12,
            pair in (0usize..4, 0usize..4),
        ) {
            let index = index_of(&docs);
            let (before, after) = (ordinal(&index, WORDS[pair.0]), ordinal(&index, WORDS[pair.1]));
            let mut whole = Decoded::default();
            let full = adjacent_docs(&whole.read(&index, before.clone()).unwrap(), &whole.read(&index, after.clone()).unwrap(), stop);
            let mut heads = Decoded { head_docs, ..Decoded::default() };
            let said = common_pair(&index, &mut heads, &before, &after, stop).unwrap();
            prop_assert!(!said || full >= stop, "heads said common, the whole lists count {}", full);
            let longest = docs.len() as u32;
            let mut whole = Decoded { head_docs: longest, ..Decoded::default() };
            let told = common_pair(&index, &mut whole, &before, &after, stop).unwrap();
            prop_assert_eq!(told, full >= stop);
        }
    }
}
