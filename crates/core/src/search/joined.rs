//! Two syllables typed without the space between them (`kinhte`, `bongda`): a
//! word the dictionary does not know, or knows from a few articles only, that
//! splits into two known syllables standing side by side in many articles is
//! searched as that pair too (the phrase *kinh tế*, an alternative of its clause,
//! below any literal match), and "did you mean" offers the pair.
//!
//! The plan lists a few ways to split such a word, each half in its most frequent
//! spellings ([`PlannedWord::joined`](super::plan::PlannedWord)), so their postings
//! shards are fetched with the rest. Where to split and which spellings are chosen
//! here, when the plan is executed, by how many articles have the two halves side
//! by side: `bongda` is *bóng đá*, though *đã* is far more frequent than *đá*.

use super::context::{adjacent_docs, Decoded};
use super::plan::{literal_df, Expansion, Plan};
use super::weights::{CONTEXT_MIN_PAIR_DOCS, SHADOWING_RATIO};
use crate::error::Result;
use crate::index::Index;

/// Reads apart each word of the plan that is two syllables typed without the
/// space: the pair of spellings standing side by side in the most articles, when
/// that is at least [`CONTEXT_MIN_PAIR_DOCS`] articles and [`SHADOWING_RATIO`]
/// times as many as have the word as typed.
pub(super) fn read_apart(index: &Index, decoded: &mut Decoded, plan: &mut Plan) -> Result<()> {
    for word in 0..plan.words.len() {
        if plan.words[word].joined.is_empty() {
            continue;
        }
        let literal = literal_df(index, &plan.words[word].expansions) as usize;
        let need = CONTEXT_MIN_PAIR_DOCS.max(literal * SHADOWING_RATIO as usize);
        let mut best: Option<(usize, &Expansion, &Expansion)> = None;
        for reading in &plan.words[word].joined {
            let mut read = |e: &Expansion| decoded.read(index, [e.ordinal]);
            let lefts = reading.left.iter().map(&mut read).collect::<Result<Vec<_>>>()?;
            let rights = reading.right.iter().map(&mut read).collect::<Result<Vec<_>>>()?;
            for (l, before) in reading.left.iter().zip(&lefts) {
                for (r, after) in reading.right.iter().zip(&rights) {
                    let n = adjacent_docs(before, after, usize::MAX);
                    if n >= need && best.is_none_or(|(m, _, _)| n > m) {
                        best = Some((n, l, r));
                    }
                }
            }
        }
        if let Some((_, l, r)) = best {
            let (l, r) = (l.clone(), r.clone());
            plan.read_apart(word, l, r);
        }
    }
    Ok(())
}
