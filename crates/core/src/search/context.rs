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

use std::collections::HashMap;
use std::rc::Rc;

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
pub(super) struct Occurrences(Vec<Rc<FlatPostings>>);

/// The postings decoded while executing one plan, each term's once: a pair is
/// looked at from both sides, a word stands in two pairs, and the matching after
/// the corrections reads the same lists again.
#[derive(Default)]
pub(super) struct Decoded(HashMap<u64, Rc<FlatPostings>>);

impl Decoded {
    /// The postings of one term, decoded once.
    pub(super) fn one(&mut self, index: &Index, ordinal: u64) -> Result<Rc<FlatPostings>> {
        if let Some(flat) = self.0.get(&ordinal) {
            return Ok(flat.clone());
        }
        let mut flat = FlatPostings::default();
        index.postings_into(ordinal, &mut flat)?;
        Ok(self.0.entry(ordinal).or_insert(Rc::new(flat)).clone())
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
    let lists = &after.0;
    let mut cursor = vec![0usize; lists.len()];
    let mut rows: Vec<&[u32]> = Vec::new();
    let mut n = 0;
    while n < stop {
        let Some(doc) = lists.iter().zip(&cursor).filter_map(|(l, &c)| l.docs.get(c).copied()).min() else {
            break;
        };
        rows.clear();
        for b in &before.0 {
            if let Ok(i) = b.docs.binary_search(&doc) {
                rows.push(b.positions(i));
            }
        }
        let mut found = false;
        for (l, c) in lists.iter().zip(cursor.iter_mut()) {
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

/// Articles where `neighbour` and one of `terms` stand side by side (the
/// neighbour on its `side`), up to `stop`.
fn pair_docs(neighbour: &Occurrences, side: Side, terms: &Occurrences, stop: usize) -> usize {
    match side {
        Side::Before => adjacent_docs(neighbour, terms, stop),
        Side::After => adjacent_docs(terms, neighbour, stop),
    }
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
    let neighbour = decoded.read(index, fixed)?;
    let typed = decoded.read(index, ordinals_up_to(&w.expansions, 0))?;
    let literal = pair_docs(&neighbour, side, &typed, CONTEXT_KNOWN_PAIR_DOCS);
    if literal >= CONTEXT_KNOWN_PAIR_DOCS {
        return Ok(false);
    }
    let need = CONTEXT_MIN_PAIR_DOCS.max(literal * SHADOWING_RATIO as usize);
    let mut best = None;
    for (k, alt) in w.alternatives.iter().enumerate() {
        let n = pair_docs(&neighbour, side, &decoded.read(index, [alt.ordinal])?, usize::MAX);
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
    completions.sort_by(|a, b| {
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
    let before = decoded.read(index, fixed)?;
    let readings = decoded.read(index, ordinals_up_to(&w.expansions, 1))?;
    let literal = adjacent_docs(&before, &readings, CONTEXT_KNOWN_PAIR_DOCS);
    let class = reading_class + u8::from(literal > 0);
    if literal >= CONTEXT_KNOWN_PAIR_DOCS || class >= 2 {
        return Ok(());
    }
    let need = CONTEXT_MIN_PAIR_DOCS.max(literal * SHADOWING_RATIO as usize);
    let mut likely = Vec::new();
    for c in completions {
        if adjacent_docs(&before, &decoded.read(index, [c.ordinal])?, need) >= need {
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
