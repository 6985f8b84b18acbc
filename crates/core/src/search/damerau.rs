//! An `fst::Automaton` for the words one edit away from a query word, where
//! swapping two neighbouring letters counts as one edit (Damerau–Levenshtein,
//! restricted). fst's own Levenshtein automaton counts a swap as two edits, and a
//! swap is how people mistype (`truogn` for `truong`, `hcoj` for `hocj`).
//!
//! It runs on the bytes of folded words, which are ASCII for Vietnamese; a
//! multi-byte letter elsewhere takes as many edits as it has bytes, so words in
//! other scripts simply get fewer typo matches. The automaton is a small NFA
//! simulated on the fly, its state three bit sets of word positions (no
//! allocation per byte, which matters: fst calls it for every dictionary edge it
//! explores).

use fst::Automaton;

/// Words longer than this many bytes are cut for matching (dictionary keys are at
/// most `MAX_TERM_BYTES`, 64).
const MAX_LEN: usize = 120;

/// Words within one edit (insertion, deletion, substitution or swap of two
/// neighbouring bytes) of `word`, including `word` itself.
#[derive(Debug, Clone)]
pub(crate) struct OneEdit {
    len: u32,
    /// Per byte value, the positions of the word holding it.
    at: Box<[u128; 256]>,
}

impl OneEdit {
    pub fn new(word: &str) -> Self {
        let bytes = &word.as_bytes()[..word.len().min(MAX_LEN)];
        let mut at = Box::new([0u128; 256]);
        for (i, &b) in bytes.iter().enumerate() {
            at[usize::from(b)] |= 1 << i;
        }
        OneEdit { len: bytes.len() as u32, at }
    }

    /// Positions before the end of the word.
    fn inside(&self) -> u128 {
        (1u128 << self.len) - 1
    }

    /// Adds the epsilon move: deleting the next byte of the word, once.
    fn closed(&self, mut s: States) -> States {
        s.edited |= (s.plain & self.inside()) << 1;
        s
    }
}

/// The live NFA states, as sets of word positions (bit `i`: `i` bytes consumed):
/// without an edit yet, with the edit used, and halfway through a swap (the byte
/// at `i + 1` was read; the byte at `i` must come next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct States {
    plain: u128,
    edited: u128,
    swap: u128,
}

impl Automaton for OneEdit {
    type State = States;

    fn start(&self) -> States {
        self.closed(States { plain: 1, ..States::default() })
    }

    fn is_match(&self, s: &States) -> bool {
        (s.plain | s.edited) >> self.len & 1 == 1
    }

    fn can_match(&self, s: &States) -> bool {
        s.plain | s.edited | s.swap != 0
    }

    fn accept(&self, s: &States, byte: u8) -> States {
        let same = self.at[usize::from(byte)];
        let plain = (s.plain & same) << 1;
        let edited = ((s.edited & same) << 1)          // a match after the edit
            | ((s.plain & self.inside()) << 1)           // substitution
            | s.plain                                   // an extra byte
            | ((s.swap & same) << 2); // the second half of a swap
                                      // The first half of a swap: the byte is the word's next-but-one, not its next.
        let swap = s.plain & (same >> 1) & !same;
        self.closed(States { plain, edited, swap })
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
