//! An `fst::Automaton` for the words one edit away from a query word, where
//! swapping two neighbouring letters counts as one edit (Damerau–Levenshtein,
//! restricted). fst's own Levenshtein automaton counts a swap as two edits, and a
//! swap is how people mistype (`truogn` for `truong`, `hcoj` for `hocj`).
//!
//! It runs on the bytes of folded words, which are ASCII for Vietnamese; a
//! multi-byte letter elsewhere takes as many edits as it has bytes, so words in
//! other scripts simply get fewer typo matches. The automaton is a small NFA
//! simulated on the fly: its state is the set of live (position, edits) pairs.

use fst::Automaton;

/// Words within one edit (insertion, deletion, substitution or swap of two
/// neighbouring bytes) of `word`, including `word` itself.
#[derive(Debug, Clone)]
pub(crate) struct OneEdit<'a> {
    word: &'a [u8],
}

impl<'a> OneEdit<'a> {
    pub fn new(word: &'a str) -> Self {
        OneEdit { word: word.as_bytes() }
    }
}

/// An NFA state: `at` bytes of the word consumed; `edited` once an edit was used;
/// `swap` while the second half of a swap is expected (the byte at `at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Live {
    at: u8,
    edited: bool,
    swap: bool,
}

/// The live NFA states (sorted, no repeats); empty when nothing can match.
pub(crate) type States = Vec<Live>;

impl OneEdit<'_> {
    fn len(&self) -> u8 {
        self.word.len().min(u8::MAX as usize - 2) as u8
    }

    /// Adds `s` and, while no edit was used, the state after deleting the next
    /// byte of the word (an epsilon move).
    fn push_closed(&self, out: &mut States, s: Live) {
        out.push(s);
        if !s.edited && !s.swap && s.at < self.len() {
            out.push(Live { at: s.at + 1, edited: true, swap: false });
        }
    }
}

impl Automaton for OneEdit<'_> {
    type State = States;

    fn start(&self) -> States {
        let mut out = Vec::with_capacity(4);
        self.push_closed(&mut out, Live { at: 0, edited: false, swap: false });
        out
    }

    fn is_match(&self, state: &States) -> bool {
        state.iter().any(|s| !s.swap && s.at == self.len())
    }

    fn can_match(&self, state: &States) -> bool {
        !state.is_empty()
    }

    fn accept(&self, state: &States, byte: u8) -> States {
        let n = self.len();
        let w = |i: u8| self.word.get(usize::from(i)).copied();
        let mut out: States = Vec::with_capacity(state.len() * 2);
        for &s in state {
            if s.swap {
                // The second half of a swap: the byte the first half skipped.
                if w(s.at) == Some(byte) {
                    out.push(Live { at: s.at + 2, edited: true, swap: false });
                }
                continue;
            }
            if w(s.at) == Some(byte) {
                self.push_closed(&mut out, Live { at: s.at + 1, ..s });
            }
            if s.edited {
                continue;
            }
            // Substitution, insertion of an extra byte, first half of a swap.
            if s.at < n {
                out.push(Live { at: s.at + 1, edited: true, swap: false });
            }
            out.push(Live { at: s.at, edited: true, swap: false });
            if s.at + 1 < n && w(s.at + 1) == Some(byte) && w(s.at) != Some(byte) {
                out.push(Live { at: s.at, edited: true, swap: true });
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(word: &str, other: &str) -> bool {
        let a = OneEdit::new(word);
        let mut s = a.start();
        for &b in other.as_bytes() {
            s = a.accept(&s, b);
            if !a.can_match(&s) {
                return false;
            }
        }
        a.is_match(&s)
    }

    /// Optimal-string-alignment distance, written plainly, as the reference.
    fn distance(a: &[u8], b: &[u8]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert!(matches("truogn", "truong"));
        assert!(matches("hco", "hoc"));
        assert!(matches("truong", "truong"));
        assert!(matches("truong", "truon"), "deletion");
        assert!(matches("truong", "truongg"), "insertion");
        assert!(matches("truong", "truung"), "substitution");
        assert!(!matches("truong", "turogn"), "two swaps are two edits");
        assert!(!matches("hoc", "cho"), "a swap over a letter is not one swap");
        assert!(!matches("abc", "ab cd"));
    }

    #[test]
    fn agrees_with_the_reference_distance_on_every_short_word() {
        let alphabet = [b'a', b'b', b'c'];
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=4 {
            let mut more = Vec::new();
            for w in words.iter().filter(|w| w.len() == len - 1) {
                for &c in &alphabet {
                    let mut x = w.clone();
                    x.push(c);
                    more.push(x);
                }
            }
            words.extend(more);
        }
        for a in &words {
            for b in &words {
                let (sa, sb) = (std::str::from_utf8(a).unwrap(), std::str::from_utf8(b).unwrap());
                assert_eq!(matches(sa, sb), distance(a, b) <= 1, "{sa:?} vs {sb:?}");
            }
        }
    }
}
