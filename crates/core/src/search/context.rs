//! Real-word errors, decided by the word before: `kinh tê` is two real syllables,
//! but *tê* after *kinh* is rare where *tế* after *kinh* is common, so the query
//! also finds *kinh tế* (below any literal match) and "did you mean" offers it.
//!
//! Runs when a plan is executed, on the postings the plan fetched anyway: a word
//! typed with a tone that exists carries its other tones as
//! [`PlannedWord::alternatives`](super::plan::PlannedWord), whose shards are part
//! of the plan. Only when the typed pair is rare are the alternatives counted, so
//! a common pair costs one count that stops at [`CONTEXT_KNOWN_PAIR_DOCS`]; and
//! the plan keeps as alternatives only tones several times as frequent as the
//! typed word ([`CONTEXT_MIN_WORD_RATIO`](super::weights::CONTEXT_MIN_WORD_RATIO)),
//! so a common word typed right fetches and counts nothing more.

use std::collections::HashMap;

use super::plan::Plan;
use super::weights::{CONTEXT_KNOWN_PAIR_DOCS, CONTEXT_MIN_PAIR_DOCS, SHADOWING_RATIO};
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

/// Where the first word of a pair occurs: its postings, flat and sorted by
/// document (one term, the common case: no copy), or merged from several terms.
enum First {
    One(FlatPostings),
    Many(HashMap<u32, Vec<u32>>),
}

impl First {
    fn read(index: &Index, ordinals: &[u64]) -> Result<First> {
        let mut flat = FlatPostings::default();
        if let [one] = ordinals {
            index.postings_into(*one, &mut flat)?;
            return Ok(First::One(flat));
        }
        let mut out: HashMap<u32, Vec<u32>> = HashMap::new();
        for &o in ordinals {
            index.postings_into(o, &mut flat)?;
            for (i, &doc) in flat.docs.iter().enumerate() {
                out.entry(doc).or_default().extend_from_slice(flat.positions(i));
            }
        }
        for p in out.values_mut() {
            p.sort_unstable();
        }
        Ok(First::Many(out))
    }
}

/// Documents where a position of `first` is followed by one of term `second`,
/// counted up to `stop` (a merge of the two lists when `first` is one term).
fn pair_docs(index: &Index, first: &First, second: u64, stop: usize) -> Result<usize> {
    let mut flat = FlatPostings::default();
    index.postings_into(second, &mut flat)?;
    let follows =
        |before: &[u32], after: &[u32]| after.iter().any(|&p| p > 0 && before.binary_search(&(p - 1)).is_ok());
    let mut n = 0;
    match first {
        First::One(a) => {
            let mut j = 0;
            for (i, &doc) in flat.docs.iter().enumerate() {
                while j < a.docs.len() && a.docs[j] < doc {
                    j += 1;
                }
                if j < a.docs.len() && a.docs[j] == doc && follows(a.positions(j), flat.positions(i)) {
                    n += 1;
                    if n >= stop {
                        break;
                    }
                }
            }
        }
        First::Many(map) => {
            for (i, doc) in flat.docs.iter().enumerate() {
                if map.get(doc).is_some_and(|before| follows(before, flat.positions(i))) {
                    n += 1;
                    if n >= stop {
                        break;
                    }
                }
            }
        }
    }
    Ok(n)
}

/// Promotes, for each rare typed pair, the other tone of its second word that
/// the first word makes far likelier.
pub(super) fn correct(index: &Index, plan: &mut Plan) -> Result<()> {
    for (prev, word) in neighbours(plan) {
        if plan.words[word].alternatives.is_empty() || plan.words[prev].expansions.is_empty() {
            continue;
        }
        let before: Vec<u64> = plan.words[prev].expansions.iter().filter(|e| e.class <= 1).map(|e| e.ordinal).collect();
        let first = First::read(index, &before)?;
        let mut literal = 0;
        for e in plan.words[word].expansions.iter().filter(|e| e.class == 0) {
            literal += pair_docs(index, &first, e.ordinal, CONTEXT_KNOWN_PAIR_DOCS)?;
        }
        if literal >= CONTEXT_KNOWN_PAIR_DOCS {
            continue;
        }
        let need = CONTEXT_MIN_PAIR_DOCS.max(literal * SHADOWING_RATIO as usize);
        let mut best = None;
        for (k, alt) in plan.words[word].alternatives.iter().enumerate() {
            let n = pair_docs(index, &first, alt.ordinal, usize::MAX)?;
            if n >= need && best.is_none_or(|(_, m)| n > m) {
                best = Some((k, n));
            }
        }
        if let Some((k, _)) = best {
            let alt = plan.words[word].alternatives[k].clone();
            plan.promote(word, alt);
        }
    }
    Ok(())
}
