//! Snippets and highlights: byte ranges, never markup.
//!
//! The stored text is re-tokenised with the same analyzer as at index time, and a
//! word is marked when the [`Highlighter`] says the query matched it. Only the UI
//! turns ranges into `<mark>` elements, around text nodes.

use crate::search::Highlighter;
use crate::text::tokens;

/// Words in a snippet window.
pub const SNIPPET_WORDS: usize = 28;

/// A piece of text with the byte ranges of its matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    /// `[start, end)` byte ranges into `text`, increasing, on char boundaries.
    pub marks: Vec<[usize; 2]>,
}

/// Byte ranges of every matched word in `text`.
pub fn highlight(text: &str, hl: &Highlighter) -> Vec<[usize; 2]> {
    if hl.is_empty() {
        return Vec::new();
    }
    tokens(text)
        .filter(|t| hl.term_of(t.text).is_some())
        .map(|t| [t.range.0, t.range.1])
        .collect()
}

/// The window of about [`SNIPPET_WORDS`] words of `text` that covers the most
/// distinct query words (then the most matches, then the earliest), with `…` where
/// text was cut. Without matches, the start of the text.
pub fn snippet(text: &str, hl: &Highlighter) -> Snippet {
    snippet_with(text, hl, SNIPPET_WORDS)
}

/// [`snippet`] with a window of `words` words.
pub fn snippet_with(text: &str, hl: &Highlighter, words: usize) -> Snippet {
    let words = words.max(1);
    let toks: Vec<_> = tokens(text).collect();
    if toks.is_empty() {
        return Snippet::default();
    }
    let term_at: Vec<Option<usize>> = toks.iter().map(|t| hl.term_of(t.text)).collect();

    // Slide a window of `words` tokens; score = (distinct terms, matches).
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, start)
    let n = toks.len();
    let window = words.min(n);
    for start in 0..=n - window {
        let slice = &term_at[start..start + window];
        let count = slice.iter().filter(|t| t.is_some()).count();
        if count == 0 {
            continue;
        }
        let mut distinct: Vec<usize> = slice.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if (distinct.len(), count) > (best.0, best.1) {
            best = (distinct.len(), count, start);
        }
    }
    let mut start = best.2;
    // Put a little context before the first match while keeping every match of the
    // chosen window inside it.
    let matched: Vec<usize> = (start..start + window)
        .filter(|&i| term_at[i].is_some())
        .collect();
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
    let mut marks = Vec::new();
    let mut prev_end = if start == 0 { 0 } else { toks[start].range.0 };
    for (tok, term) in toks[start..end].iter().zip(&term_at[start..end]) {
        push_collapsed(&mut out, &text[prev_end..tok.range.0]);
        let at = out.len();
        out.push_str(tok.text);
        if term.is_some() {
            marks.push([at, out.len()]);
        }
        prev_end = tok.range.1;
    }
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

    fn marked(s: &Snippet) -> Vec<&str> {
        s.marks.iter().map(|&[a, b]| &s.text[a..b]).collect()
    }

    #[test]
    fn snippet_marks_the_matched_words_only() {
        let hl = Highlighter::from_words(["đại", "hội"]);
        let s = snippet("Chuẩn bị Đại hội chi bộ, đại biểu và hội nghị.", &hl);
        assert_eq!(marked(&s), ["Đại", "hội", "đại", "hội"]);
    }

    #[test]
    fn snippet_picks_the_window_with_the_most_distinct_words() {
        let hl = Highlighter::from_words(["kim", "sơn"]);
        let filler = "lorem ".repeat(60);
        let text = format!("kim {filler} sơn {filler} huyện Kim Sơn tổ chức {filler}");
        let s = snippet_with(&text, &hl, 10);
        assert_eq!(marked(&s), ["Kim", "Sơn"]);
        assert!(
            s.text.starts_with("… ") && s.text.ends_with(" …"),
            "{:?}",
            s.text
        );
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
            assert_eq!(crate::text::fold(&text[a..b]), "ha");
        }
    }

    proptest::proptest! {
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
