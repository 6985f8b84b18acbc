//! Snippets and highlights: byte ranges, never markup.
//!
//! The stored text is re-tokenised with the same analyzer as at index time, and a
//! word is marked when the [`Highlighter`] says the query matched it. Only the UI
//! turns ranges into `<mark>` elements, around text nodes.

use std::collections::HashMap;

use crate::analysis::{surface, tokens, Token};
use crate::hash::WordMap;

/// Knows which words of a text are matches of a query, for snippets and
/// highlights. It is built from the dictionary terms the query expanded to, so a
/// word is marked exactly when the index matched it (also through folding, a
/// prefix, a typo or Telex); words of a phrase only where the whole phrase stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlighter {
    /// surface form → the query words (by index) it matches.
    pub(crate) surfaces: WordMap<String, Vec<usize>>,
    /// Query words that count on their own, in increasing order (a query has
    /// a few words: a sorted list is all a lookup needs).
    singles: Vec<usize>,
    /// Phrases as sequences of query word indices.
    pub(crate) phrases: Vec<Vec<usize>>,
}

impl Highlighter {
    /// A highlighter for the given words (each its own query word), for tests and
    /// for callers that highlight without searching.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut h = Highlighter::default();
        for (i, w) in words.into_iter().enumerate() {
            h.surfaces.entry(surface(w)).or_default().push(i);
            h.add_single(i);
        }
        h
    }

    /// Makes query word `id` count on its own.
    pub(crate) fn add_single(&mut self, id: usize) {
        if let Err(at) = self.singles.binary_search(&id) {
            self.singles.insert(at, id);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.surfaces.is_empty()
    }

    /// For each token of `toks`, the query word it counts for, if any. Phrase
    /// words count only inside a whole occurrence of their phrase.
    pub fn token_matches(&self, toks: &[Token<'_>]) -> Vec<Option<usize>> {
        let analysed = Tokenized::from_tokens(toks);
        self.matches_of(toks, &analysed)
    }

    /// [`Highlighter::token_matches`] for the tokens of `analysed` (`toks`): each
    /// distinct surface form of the text is looked up once.
    fn matches_of(&self, toks: &[Token<'_>], analysed: &Tokenized) -> Vec<Option<usize>> {
        if self.is_empty() {
            return vec![None; toks.len()];
        }
        let per_surface: Vec<Option<&Vec<usize>>> = analysed.surfaces.iter().map(|s| self.surfaces.get(s)).collect();
        let words: Vec<Option<&Vec<usize>>> = analysed.surface_of.iter().map(|&k| per_surface[k as usize]).collect();
        let mut marked: Vec<Option<usize>> = vec![None; toks.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(ids) = w {
                if let Some(&id) = ids.iter().find(|id| self.singles.binary_search(id).is_ok()) {
                    marked[i] = Some(id);
                }
            }
        }
        for phrase in &self.phrases {
            if phrase.is_empty() || phrase.len() > toks.len() {
                continue;
            }
            for start in 0..=toks.len() - phrase.len() {
                // Word after word, as the index has them: no sentence boundary between.
                let whole = phrase.iter().enumerate().all(|(k, id)| {
                    words[start + k].is_some_and(|ids| ids.contains(id))
                        && toks[start + k].position == toks[start].position + k as u32
                });
                if whole {
                    for (k, &id) in phrase.iter().enumerate() {
                        marked[start + k] = Some(id);
                    }
                }
            }
        }
        marked
    }
}

/// A text's words analysed once, for the snippets of every query that shows it:
/// each token's byte range and position, and its surface form, as a number into
/// the text's own list of distinct surface forms.
#[derive(Debug, Default)]
pub struct Tokenized {
    tokens: Vec<(u32, u32, u32)>,
    surface_of: Vec<u32>,
    surfaces: Vec<String>,
}

impl Tokenized {
    /// Analyses `text` (as [`tokens`] reads it).
    pub fn new(text: &str) -> Self {
        Self::from_tokens(&tokens(text).collect::<Vec<_>>())
    }

    fn from_tokens(toks: &[Token<'_>]) -> Self {
        // Texts repeat their words: each distinct spelling's surface is made once.
        let mut by_text: HashMap<&str, u32> = HashMap::new();
        let mut by_surface: HashMap<String, u32> = HashMap::new();
        let mut out = Tokenized::default();
        for t in toks {
            let k = *by_text.entry(t.text).or_insert_with(|| {
                *by_surface.entry(surface(t.text)).or_insert_with_key(|s| {
                    out.surfaces.push(s.clone());
                    out.surfaces.len() as u32 - 1
                })
            });
            out.tokens.push((t.range.0 as u32, t.range.1 as u32, t.position));
            out.surface_of.push(k);
        }
        out
    }

    /// The tokens of `text`, which must be the text this was made from.
    fn tokens<'t>(&self, text: &'t str) -> Vec<Token<'t>> {
        let token = |&(s, e, position): &(u32, u32, u32)| {
            let range = (s as usize, e as usize);
            Token { text: &text[range.0..range.1], range, position }
        };
        self.tokens.iter().map(token).collect()
    }
}

/// Words in a snippet window.
pub const SNIPPET_WORDS: usize = 28;

/// A piece of text with the byte ranges of its matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    /// `[start, end)` byte ranges into `text`, increasing, on char boundaries.
    pub marks: Vec<[usize; 2]>,
}

/// Byte ranges of every match in `text`. Consecutive query words found next to
/// each other (`Kim Sơn` for `kim son`, or a phrase) are one range.
pub fn highlight(text: &str, hl: &Highlighter) -> Vec<[usize; 2]> {
    highlight_of(text, &Tokenized::new(text), hl)
}

/// [`highlight`] of a text already analysed (`analysed` is `text`'s).
pub fn highlight_of(text: &str, analysed: &Tokenized, hl: &Highlighter) -> Vec<[usize; 2]> {
    let toks = analysed.tokens(text);
    let term_at = hl.matches_of(&toks, analysed);
    merged_marks(text, &toks, &term_at, 0, toks.len()).into_iter().map(|(a, b)| [a, b]).collect()
}

/// Marks of tokens `from..to` as byte ranges into `text`, merging a match with the
/// next when that next token is the next query word and only whitespace lies between.
fn merged_marks(
    text: &str,
    toks: &[Token<'_>],
    term_at: &[Option<usize>],
    from: usize,
    to: usize,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<(usize, usize)> = None; // (token index, word)
    for i in from..to {
        let Some(word) = term_at[i] else {
            prev = None;
            continue;
        };
        let (s, e) = toks[i].range;
        let joins = prev.is_some_and(|(pi, pw)| {
            pi + 1 == i && word == pw + 1 && text[toks[pi].range.1..s].chars().all(char::is_whitespace)
        });
        match out.last_mut() {
            Some(last) if joins => last.1 = e,
            _ => out.push((s, e)),
        }
        prev = Some((i, word));
    }
    out
}

/// The window of about [`SNIPPET_WORDS`] words of `text` that covers the most
/// distinct query words (then the most matches, then the earliest), with `…` where
/// text was cut. Without matches, the start of the text.
pub fn snippet(text: &str, hl: &Highlighter) -> Snippet {
    snippet_with(text, hl, SNIPPET_WORDS)
}

/// [`snippet`] with a window of `words` words.
pub fn snippet_with(text: &str, hl: &Highlighter, words: usize) -> Snippet {
    snippet_of(text, &Tokenized::new(text), hl, words)
}

/// [`snippet_with`] for a text already analysed (`analysed` must be made from
/// `text`): what the search's responses use, each article analysed once.
pub fn snippet_of(text: &str, analysed: &Tokenized, hl: &Highlighter, words: usize) -> Snippet {
    let words = words.max(1);
    let toks: Vec<Token<'_>> = analysed.tokens(text);
    if toks.is_empty() {
        return Snippet::default();
    }
    let term_at = hl.matches_of(&toks, analysed);

    // Slide a window of `words` tokens; score = (distinct terms, matches), the
    // earliest window first among equals. Counts per query word are kept as the
    // window moves, so each token is looked at twice, whatever the window.
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, start)
    let n = toks.len();
    let window = words.min(n);
    let mut per_word = vec![0usize; term_at.iter().flatten().max().map_or(0, |&w| w + 1)];
    let (mut distinct, mut count) = (0usize, 0usize);
    for (i, t) in term_at.iter().enumerate() {
        if let Some(w) = *t {
            per_word[w] += 1;
            distinct += usize::from(per_word[w] == 1);
            count += 1;
        }
        if i >= window {
            if let Some(w) = term_at[i - window] {
                per_word[w] -= 1;
                distinct -= usize::from(per_word[w] == 0);
                count -= 1;
            }
        }
        if i + 1 >= window && count > 0 && (distinct, count) > (best.0, best.1) {
            best = (distinct, count, i + 1 - window);
        }
    }
    let mut start = best.2;
    // Put a little context before the first match while keeping every match of the
    // chosen window inside it.
    let matched: Vec<usize> = (start..start + window).filter(|&i| term_at[i].is_some()).collect();
    if let (Some(&first), Some(&last)) = (matched.first(), matched.last()) {
        let lowest = (last + 1).saturating_sub(window);
        start = first.saturating_sub(window / 4).max(lowest).min(n - window);
    }
    let end = start + window;

    // Copy the window word by word; runs of whitespace (line breaks, indents)
    // between words become one space, so a snippet reads as one line.
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    // Output offset of each token of the window, to map the marks.
    let mut at_out = Vec::with_capacity(end - start);
    let mut prev_end = if start == 0 { 0 } else { toks[start].range.0 };
    for tok in &toks[start..end] {
        push_collapsed(&mut out, &text[prev_end..tok.range.0]);
        at_out.push(out.len() as isize - tok.range.0 as isize);
        out.push_str(tok.text);
        prev_end = tok.range.1;
    }
    let shift = |i: usize, b: usize| (b as isize + at_out[i - start]) as usize;
    let marks = merged_marks(text, &toks, &term_at, start, end)
        .into_iter()
        .map(|(a, b)| {
            let first = toks[start..end].iter().position(|t| t.range.0 == a).map_or(start, |k| start + k);
            let last = toks[start..end].iter().position(|t| t.range.1 == b).map_or(start, |k| start + k);
            // Whitespace inside a merged mark may have been collapsed: map its ends separately.
            [shift(first, a), shift(last, b)]
        })
        .collect();
    if end == n {
        push_collapsed(&mut out, &text[prev_end..]);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if end < n {
        out.push_str(" …");
    }
    Snippet { text: out, marks }
}

/// Appends `sep` with every run of whitespace replaced by one space (none at the
/// very start of `out`).
fn push_collapsed(out: &mut String, sep: &str) {
    let mut in_space = out.is_empty() || out.ends_with(' ');
    for c in sep.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_words_are_marked_only_where_the_phrase_stands() {
        let mut hl = Highlighter::default();
        hl.surfaces.insert("đại".into(), vec![0]);
        hl.surfaces.insert("hội".into(), vec![1]);
        hl.phrases.push(vec![0, 1]);
        let text = "Đại biểu Quốc hội và đại hội";
        let toks: Vec<_> = tokens(text).collect();
        let marked: Vec<&str> =
            toks.iter().zip(hl.token_matches(&toks)).filter(|(_, m)| m.is_some()).map(|(t, _)| t.text).collect();
        assert_eq!(marked, ["đại", "hội"]);
    }

    fn marked(s: &Snippet) -> Vec<&str> {
        s.marks.iter().map(|&[a, b]| &s.text[a..b]).collect()
    }

    #[test]
    fn snippet_marks_the_matched_words_and_joins_adjacent_query_words() {
        let hl = Highlighter::from_words(["đại", "hội"]);
        let s = snippet("Chuẩn bị Đại hội chi bộ, đại biểu và hội nghị.", &hl);
        assert_eq!(marked(&s), ["Đại hội", "đại", "hội"]);
    }

    #[test]
    fn snippet_picks_the_window_with_the_most_distinct_words() {
        let hl = Highlighter::from_words(["kim", "sơn"]);
        let filler = "lorem ".repeat(60);
        let text = format!("kim {filler} sơn {filler} huyện Kim Sơn tổ chức {filler}");
        let s = snippet_with(&text, &hl, 10);
        assert_eq!(marked(&s), ["Kim Sơn"]);
        assert!(s.text.starts_with("… ") && s.text.ends_with(" …"), "{:?}", s.text);
    }

    #[test]
    fn whitespace_runs_collapse_and_marks_stay_exact() {
        let hl = Highlighter::from_words(["hai"]);
        let s = snippet("một\n\n   hai\tba", &hl);
        assert_eq!(s.text, "một hai ba");
        assert_eq!(marked(&s), ["hai"]);
    }

    #[test]
    fn no_match_gives_the_start_of_the_text() {
        let s = snippet_with("một hai ba bốn", &Highlighter::from_words(["xyz"]), 2);
        assert_eq!(s.text, "một hai …");
        assert!(s.marks.is_empty());
        assert_eq!(snippet("", &Highlighter::default()), Snippet::default());
    }

    #[test]
    fn highlight_covers_every_occurrence() {
        let hl = Highlighter::from_words(["hà"]);
        let text = "Hà Nội, Đầm Hà, hà";
        let marks = highlight(text, &hl);
        assert_eq!(marks.len(), 3);
        for [a, b] in marks {
            assert_eq!(crate::analysis::fold(&text[a..b]), "ha");
        }
    }

    /// The window as first written: every start scored from scratch.
    fn best_window_by_brute_force(term_at: &[Option<usize>], window: usize) -> Option<usize> {
        let mut best = (0, 0, None);
        for start in 0..=term_at.len() - window {
            let slice = &term_at[start..start + window];
            let count = slice.iter().flatten().count();
            let mut distinct: Vec<usize> = slice.iter().flatten().copied().collect();
            distinct.sort_unstable();
            distinct.dedup();
            if count > 0 && (distinct.len(), count) > (best.0, best.1) {
                best = (distinct.len(), count, Some(start));
            }
        }
        best.2
    }

    proptest::proptest! {
        /// The sliding counts choose the window that scoring every window from
        /// scratch chooses (its matches are the snippet's).
        #[test]
        fn the_sliding_window_is_the_best_window(words in proptest::collection::vec(0u8..5, 1..80), w in 1usize..12) {
            let vocab = ["kim", "sơn", "hà", "nội", "và"];
            let text = words.iter().map(|&i| vocab[i as usize]).collect::<Vec<_>>().join(" ");
            let hl = Highlighter::from_words(["kim", "sơn", "hà"]);
            let toks: Vec<_> = tokens(&text).collect();
            let term_at = hl.token_matches(&toks);
            let window = w.min(toks.len());
            let s = snippet_with(&text, &hl, w);
            let want: Vec<&str> = match best_window_by_brute_force(&term_at, window) {
                Some(start) => (start..start + window).filter(|&i| term_at[i].is_some()).map(|i| toks[i].text).collect(),
                None => Vec::new(),
            };
            proptest::prop_assert_eq!(s.marks.iter().map(|&[a, b]| &s.text[a..b]).flat_map(|m| m.split(' ')).collect::<Vec<_>>(), want);
        }

        #[test]
        fn marks_lie_on_char_boundaries_inside_the_snippet(text in "\\PC{0,200}", w in "\\PC{1,4}") {
            let hl = Highlighter::from_words([w.as_str()]);
            let s = snippet_with(&text, &hl, 7);
            for [a, b] in &s.marks {
                proptest::prop_assert!(a < b && *b <= s.text.len());
                proptest::prop_assert!(s.text.is_char_boundary(*a) && s.text.is_char_boundary(*b));
            }
        }
    }
}
