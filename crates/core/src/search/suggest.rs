//! "Did you mean": the query respelled, read off the [`Plan`] (no word is
//! expanded a second time).

use super::plan::{typo_keys, Expansion, MatchKind, Plan};
use super::weights::{RARE_WORD_DF, SHADOWING_RATIO};
use crate::analysis::normalize;
use crate::index::Index;

/// Words of at least this many letters (folded) that match nothing get a
/// two-edit suggestion.
const TWO_EDITS_MIN_LETTERS: usize = 5;
/// ... and at most this many: the two-edit automaton of a long word is large and
/// slow to build (tens of milliseconds for 60 letters, per word and keystroke), and
/// no syllable or common word is this long.
const TWO_EDITS_MAX_LETTERS: usize = 20;
/// At most this many words of one query get a two-edit search, so that a long
/// query of unknown words stays fast (each search builds an automaton).
const TWO_EDITS_MAX_WORDS: usize = 4;

/// The query with each word that matched only through a typo or Telex, or not at
/// all, replaced by the most frequent known word close to it, each word whose
/// tone the word next to it corrected (`context.rs`) by that tone, and each word
/// read apart (`joined.rs`) by its two syllables; `None` when no word changes.
/// Read off an executed plan ([`super::SearchResults::plan`]).
pub(super) fn suggest(index: &Index, input: &str, plan: &Plan) -> Option<String> {
    let mut text = normalize(input).into_owned();
    let mut changed = false;
    let mut two_edit_searches = 0;
    let df = |e: &Expansion| index.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
    // The words as typed (not the halves of a word read apart), with their plans.
    let units = plan.query.clauses.iter().flat_map(|c| &c.alternatives).zip(plan.clauses.iter().flatten());
    let typed = units.chain(plan.query.excluded.iter().zip(&plan.excluded));
    for (unit, ids) in typed {
        for (term, &id) in unit.words.iter().zip(ids) {
            let word = &plan.words[id];
            if word.is_half() {
                continue;
            }
            // Read apart (`kinhte` → `kinh tế`), or another tone the word next
            // to it made far likelier (`kinh tê` → `kinh tế`).
            let respelled = word
                .apart
                .clone()
                .or_else(|| word.expansions.iter().find(|e| e.kind == MatchKind::Context).map(|e| e.surface.clone()));
            if let Some(respelled) = respelled {
                if let Some(at) = text.find(&term.text) {
                    text.replace_range(at..at + term.text.len(), &respelled);
                    changed = true;
                }
                continue;
            }
            let direct: Vec<&Expansion> = word
                .expansions
                .iter()
                .filter(|e| matches!(e.kind, MatchKind::Exact | MatchKind::Folded | MatchKind::Prefix))
                .collect();
            let mut candidates: Vec<Expansion> = word
                .expansions
                .iter()
                .filter(|e| matches!(e.kind, MatchKind::Telex | MatchKind::Typo))
                .cloned()
                .collect();
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
            // No known word one edit away: a word two edits away.
            let letters = term.folded.chars().count();
            if candidates.is_empty()
                && (TWO_EDITS_MIN_LETTERS..=TWO_EDITS_MAX_LETTERS).contains(&letters)
                && two_edit_searches < TWO_EDITS_MAX_WORDS
            {
                two_edit_searches += 1;
                candidates = typo_keys(index, &term.folded, 2)
                    .into_iter()
                    .map(|(surface, ordinal)| Expansion {
                        ordinal,
                        surface,
                        kind: MatchKind::Typo,
                        weight: 0.0,
                        class: 3,
                    })
                    .collect();
            }
            let best = candidates
                .into_iter()
                .max_by(|a, b| a.kind.cmp(&b.kind).reverse().then(df(a).cmp(&df(b))).then(b.ordinal.cmp(&a.ordinal)))
                .map(|e| e.surface);
            if let Some(best) = best {
                if let Some(at) = text.find(&term.text) {
                    text.replace_range(at..at + term.text.len(), &best);
                    changed = true;
                }
            }
        }
    }
    changed.then_some(text)
}

#[cfg(test)]
mod tests {
    use crate::{Document, IndexBuilder};

    /// Found by fuzzing (`fuzz/corpus/query/slow-30-long-words`): every unknown word
    /// of 5+ letters built a two-edit automaton, whose size grows with the word, so
    /// 30 words of 60 letters took 0.9 s per keystroke (native, release). The
    /// time is not asserted (the fuzz target's 1 s timeout guards it): what is
    /// tested is which words get a two-edit search.
    #[test]
    fn long_unknown_words_do_not_make_suggestions_slow() {
        let mut b = IndexBuilder::new();
        b.add(Document::new("a", "Đại hội Chi bộ", "Trường học tỉnh Kim Sơn."));
        // Corrections lead to words of at least two documents.
        b.add(Document::new("b", "Trường học", "Trường học ở Kim Sơn."));
        let index = b.build().open().unwrap();
        let long: Vec<String> = (0..30u32)
            .map(|i| {
                (0..60u32).map(|j| char::from_u32(u32::from(b'b') + (i * 7 + j * 3) % 24).unwrap()).collect::<String>()
            })
            .collect();
        let query = format!("{} ", long.join(" "));
        let r = index.search(&query, 10).unwrap();
        assert_eq!(r.suggestion, None, "no two-edit suggestion for words over 20 letters");
        // Many unknown words of ordinary length: only the first few are searched,
        // and a typo among them is still respelled.
        let query = format!("trxonx {} ", ["qwrtpsdfg"; 30].join(" "));
        let r = index.search(&query, 10).unwrap();
        assert!(r.suggestion.unwrap().starts_with("trường "));
    }
}
