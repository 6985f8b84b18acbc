//! "Did you mean": the query respelled, read off the [`Plan`] (no word is
//! expanded a second time).

use super::plan::{typo_keys, Expansion, MatchKind, Plan};
use super::weights::{RARE_WORD_DF, SHADOWING_RATIO};
use crate::analysis::normalize;
use crate::index::Index;

/// Words of at least this many letters (folded) that match nothing get a
/// two-edit suggestion.
const TWO_EDITS_MIN_LETTERS: usize = 5;

/// The query with each word that matched only through a typo or Telex, or not at
/// all, replaced by the most frequent known word close to it; `None` when no word
/// changes.
pub(super) fn suggest(index: &Index, input: &str, plan: &Plan) -> Option<String> {
    let mut text = normalize(input).into_owned();
    let mut changed = false;
    let df = |e: &Expansion| index.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
    for term in plan.query.terms() {
        let Some(word) = plan.word(term) else { continue };
        let direct: Vec<&Expansion> = word
            .expansions
            .iter()
            .filter(|e| matches!(e.kind, MatchKind::Exact | MatchKind::Folded | MatchKind::Prefix))
            .collect();
        let mut candidates: Vec<Expansion> =
            word.expansions.iter().filter(|e| matches!(e.kind, MatchKind::Telex | MatchKind::Typo)).cloned().collect();
        if !direct.is_empty() {
            // A word that matched as typed is respelled only when it is rare and a
            // neighbour is far more frequent (see `SHADOWING_RATIO`).
            let literal = direct.iter().map(|e| df(e)).max().unwrap_or(0);
            let floor = literal.max(1).saturating_mul(SHADOWING_RATIO);
            candidates.retain(|e| e.kind == MatchKind::Typo && literal <= RARE_WORD_DF && df(e) >= floor);
            if candidates.is_empty() {
                continue;
            }
        }
        if candidates.is_empty() && term.folded.chars().count() >= TWO_EDITS_MIN_LETTERS {
            candidates = typo_keys(index, &term.folded, 2)
                .into_iter()
                .map(|(surface, ordinal)| Expansion { ordinal, surface, kind: MatchKind::Typo, weight: 0.0, class: 3 })
                .collect();
        }
        let best = candidates
            .into_iter()
            .max_by(|a, b| a.kind.cmp(&b.kind).reverse().then(df(a).cmp(&df(b))).then(b.ordinal.cmp(&a.ordinal)));
        if let Some(best) = best {
            if let Some(at) = text.find(&term.text) {
                text.replace_range(at..at + term.text.len(), &best.surface);
                changed = true;
            }
        }
    }
    changed.then_some(text)
}
