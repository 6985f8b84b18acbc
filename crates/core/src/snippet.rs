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
    tokens(text).filter(|t| hl.term_of(t.text).is_some()).map(|t| [t.range.0, t.range.1]).collect()
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
    let matched: Vec<usize> =
        (start..start + window).filter(|&i| term_at[i].is_some()).collect();
    if let (Some(&first), Some(&last)) = (matched.first(), matched.last()) {
        let lowest = (last + 1).saturating_sub(window);
        start = first.saturating_sub(window / 4).max(lowest).min(n - window);
    }
    let end = start + window;
    let from = if start == 0 { 0 } else { toks[start].range.0 };
    let to = if end == n { text.len() } else { toks[end - 1].range.1 };

    let mut out = String::new();
    if from > 0 {
        out.push_str("… ");
    }
    let offset = out.len();
    let body = text[from..to].trim_end();
    let leading_ws = body.len() - body.trim_start().len();
    out.push_str(body.trim_start());
    let shift = |b: usize| b - from - leading_ws + offset;
    let marks = toks[start..end]
        .iter()
        .zip(&term_at[start..end])
        .filter(|(_, t)| t.is_some())
        .map(|(tok, _)| [shift(tok.range.0), shift(tok.range.1)])
        .collect();
    if to < text.len() {
        out.push_str(" …");
    }
    Snippet { text: out, marks }
}
