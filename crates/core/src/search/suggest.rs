//! "Did you mean": the query respelled, read off the [`Plan`] (no word is
//! expanded a second time).

use super::plan::{root_variants, typo_keys, Expansion, MatchKind, Plan};
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
/// all, replaced by the most frequent known word close to it, and each word whose
/// tone the word before it corrected (`context.rs`) by that tone; `None` when no
/// word changes. Read off an executed plan ([`super::SearchResults::plan`]).
pub(super) fn suggest(index: &Index, input: &str, plan: &Plan) -> Option<String> {
    let mut text = normalize(input).into_owned();
    let mut changed = false;
    let mut two_edit_searches = 0;
    let df = |e: &Expansion| index.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
    for term in plan.query.terms() {
        let Some(word) = plan.word(term) else { continue };
        // Another tone the word before made far likelier (`kinh tê` → `kinh tế`).
        if let Some(context) = word.expansions.iter().find(|e| e.kind == MatchKind::Context) {
            if let Some(at) = text.find(&term.text) {
                text.replace_range(at..at + term.text.len(), &context.surface);
                changed = true;
            }
            continue;
        }
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
        // No known word one edit away: two words typed without the space
        // (`kinhte`), else a word two edits away.
        let joined = if candidates.is_empty() { split_joined(index, &term.folded) } else { None };
        let letters = term.folded.chars().count();
        if candidates.is_empty()
            && joined.is_none()
            && (TWO_EDITS_MIN_LETTERS..=TWO_EDITS_MAX_LETTERS).contains(&letters)
            && two_edit_searches < TWO_EDITS_MAX_WORDS
        {
            two_edit_searches += 1;
            candidates = typo_keys(index, &term.folded, 2)
                .into_iter()
                .map(|(surface, ordinal)| Expansion { ordinal, surface, kind: MatchKind::Typo, weight: 0.0, class: 3 })
                .collect();
        }
        let best = candidates
            .into_iter()
            .max_by(|a, b| a.kind.cmp(&b.kind).reverse().then(df(a).cmp(&df(b))).then(b.ordinal.cmp(&a.ordinal)))
            .map(|e| e.surface)
            .or(joined);
        if let Some(best) = best {
            if let Some(at) = text.find(&term.text) {
                text.replace_range(at..at + term.text.len(), &best);
                changed = true;
            }
        }
    }
    changed.then_some(text)
}

/// Joined syllables typed without the space (`kinhte`): the split into two words
/// of the root dictionary whose rarer half is the most frequent, each in its most
/// frequent spelling (`kinh tế`). Only for a word that matched nothing, of
/// [`JOINED_MIN_LETTERS`] to [`JOINED_MAX_LETTERS`] ASCII letters.
fn split_joined(index: &Index, folded: &str) -> Option<String> {
    if !(JOINED_MIN_LETTERS..=JOINED_MAX_LETTERS).contains(&folded.len())
        || !folded.bytes().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    let df = |o: u64| index.term_info(o).map_or(0, |i| i.doc_freq);
    let mut best: Option<(u32, String)> = None;
    for k in 1..folded.len() {
        let (Some(left), Some(right)) = (
            root_variants(index, &folded[..k]).into_iter().next(),
            root_variants(index, &folded[k..]).into_iter().next(),
        ) else {
            continue;
        };
        let score = df(left.1).min(df(right.1));
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, format!("{} {}", left.0, right.0)));
        }
    }
    best.map(|(_, words)| words)
}

/// A joined pair of syllables has at least this many letters…
const JOINED_MIN_LETTERS: usize = 4;
/// …and at most this many (two of the longest Vietnamese syllables).
const JOINED_MAX_LETTERS: usize = 14;

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
