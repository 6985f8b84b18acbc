//! Dictionary keys: how a term is spelled in the fst dictionaries (the root's and
//! each postings shard's) and in the terms file.
//!
//! A key is `fold ‖ 0x00 ‖ tones`: the word folded ([`fold`]: lowercase, no
//! marks, `đ` → `d`), so that all the ways of writing a folded word are one
//! contiguous key range, then what its surface form ([`surface`]) adds to the
//! folded letters. The surface itself is not repeated: on Vietnamese news text
//! the fold already spells most of it, and the marks form few distinct
//! patterns, which the fst shares between words. Writing only the marks made
//! the root dictionary of a 10,000-article corpus 46 % smaller (gzip) than
//! writing the surface after the fold did (format version 9).
//!
//! The `tones` half (every byte is ASCII, so a key is always valid UTF-8):
//!
//! ```text
//! (nothing)                the surface is the fold itself (`nam`, `hanoi`)
//! per letter that differs, in order:
//!   0x01 + i               its place i among the fold's characters (i < 47)
//!   then one or more of
//!     0x30                 `đ` (the letter is `d`)
//!     0x40 + (m - 0x300)   a combining mark m in U+0300..U+033F, in NFD order
//! or, when the surface is not the fold's letters with such marks:
//!   0x3F ‖ surface         the surface as it is (UTF-8)
//! ```
//!
//! The surface of a letter is the NFC of the fold's letter followed by its marks
//! (`ế` = `e` U+0302 U+0301). Only precomposed Latin letters are written as marks,
//! from a table that checks each one reads back; a word with any other letter
//! that differs from its fold is written whole, so every key reads back to the
//! word it was made from (a property test checks it).

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::analysis::{compose, compose_letter, decompose, fold, latin_letters, latin_slot, surface, MAX_TERM_BYTES};

/// The first byte of a place (`0x01 + i`); places are below [`D_STROKE`].
const PLACE: u8 = 0x01;
/// Places a key can name: letters `0..MAX_PLACES` of the fold.
const MAX_PLACES: usize = (D_STROKE - PLACE) as usize;
/// The letter is `đ`.
const D_STROKE: u8 = 0x30;
/// The surface follows as it is.
const WHOLE: u8 = 0x3F;
/// A combining mark: `MARK + (m - U+0300)`.
const MARK: u8 = 0x40;

/// The dictionary key of a word (`None`: nothing to index, or too long).
pub fn term_key(word: &str) -> Option<Vec<u8>> {
    let folded = fold(word);
    if folded.is_empty() || folded.len() > MAX_TERM_BYTES {
        return None;
    }
    let surface = surface(word);
    let mut key = Vec::with_capacity(folded.len() + 4);
    key.extend_from_slice(folded.as_bytes());
    key.push(0);
    if surface != folded {
        let at = key.len();
        if !push_tones(&folded, &surface, &mut key) {
            key.truncate(at);
            key.push(WHOLE);
            key.extend_from_slice(surface.as_bytes());
        }
    }
    Some(key)
}

/// Appends the `tones` half of a surface that is `folded`'s letters with marks;
/// `false` when it is not (what it appended is then to be dropped).
fn push_tones(folded: &str, surface: &str, out: &mut Vec<u8>) -> bool {
    let mut letters = folded.chars();
    let mut written = surface.chars();
    for place in 0.. {
        let (base, c) = match (letters.next(), written.next()) {
            (None, None) => return true,
            (Some(base), Some(c)) => (base, c),
            _ => return false,
        };
        if base == c {
            continue;
        }
        if place >= MAX_PLACES {
            return false;
        }
        out.push(PLACE + place as u8);
        if c == 'đ' && base == 'd' {
            out.push(D_STROKE);
            continue;
        }
        match Marked::of(c) {
            Some(marked) if marked.base == base => out.extend_from_slice(&marked.marks),
            _ => return false,
        }
    }
    unreachable!("a word has fewer than usize::MAX letters")
}

/// A precomposed Latin letter as its base letter and the codes of its marks.
struct Marked {
    base: char,
    marks: Vec<u8>,
}

impl Marked {
    /// The letter `c` as marks on a base letter, if it is a precomposed Latin
    /// letter (U+00C0–U+024F, U+1E00–U+1EFF: every Vietnamese letter) that is
    /// exactly that: its NFD is the base and marks in U+0300..U+033F, their NFC is
    /// `c` again, and its fold is the base. Each letter is checked once, when the
    /// table is made, so a key made from the table always reads back.
    fn of(c: char) -> Option<&'static Marked> {
        static TABLE: OnceLock<Vec<Option<Marked>>> = OnceLock::new();
        let table = TABLE.get_or_init(|| {
            latin_letters()
                .map(|c| {
                    let nfd = decompose(c.encode_utf8(&mut [0; 4]));
                    let mut parts = nfd.chars();
                    let base = parts.next()?;
                    let marks = parts
                        .map(|m| {
                            u32::from(m).checked_sub(0x300).filter(|&code| code < 0x40).map(|code| MARK + code as u8)
                        })
                        .collect::<Option<Vec<u8>>>()?;
                    let exact = !marks.is_empty() && compose(&nfd) == c.to_string() && fold(&nfd) == base.to_string();
                    exact.then_some(Marked { base, marks })
                })
                .collect()
        });
        table[latin_slot(c)?].as_ref()
    }
}

/// A key's two halves: the folded word's bytes and the surface form. `None` for
/// bytes that are not a key (no separator, or a `tones` half that does not
/// read).
pub fn split_key(key: &[u8]) -> Option<(&[u8], Cow<'_, str>)> {
    let sep = key.iter().position(|&b| b == 0)?;
    let (folded, tones) = (&key[..sep], &key[sep + 1..]);
    let folded_str = std::str::from_utf8(folded).ok()?;
    match tones.first() {
        None => return Some((folded, Cow::Borrowed(folded_str))),
        Some(&WHOLE) => return Some((folded, Cow::Borrowed(std::str::from_utf8(&tones[1..]).ok()?))),
        Some(_) => {}
    }
    // One pass over the fold's letters, without an allocation per letter: a
    // prefix's completions read thousands of keys while a word is typed.
    let mut letters = folded_str.chars();
    let mut out = String::with_capacity(key.len() + 8);
    let mut next = 0; // the place of the first letter not written yet
    let mut rest = tones;
    while let Some((&place, tail)) = rest.split_first() {
        let i = usize::from(place.checked_sub(PLACE).filter(|_| place < D_STROKE)?);
        if i < next {
            return None;
        }
        for _ in next..i {
            out.push(letters.next()?);
        }
        let letter = letters.next()?; // none: a place past the fold's end
        let end = tail.iter().position(|&b| b < D_STROKE).unwrap_or(tail.len());
        let (marks, after) = tail.split_at(end);
        let mark =
            |m: &u8| m.checked_sub(MARK).filter(|&c| c < 0x40).and_then(|c| char::from_u32(0x300 + u32::from(c)));
        match marks {
            [] => return None,
            [D_STROKE] if letter == 'd' => out.push('đ'),
            _ if marks.iter().any(|m| mark(m).is_none()) => return None,
            _ => match compose_letter(letter, marks.iter().filter_map(mark)) {
                Some(c) => out.push(c),
                // Marks no precomposed letter has: as the analyzer composes them.
                None => out.push_str(&compose(
                    &std::iter::once(letter).chain(marks.iter().filter_map(mark)).collect::<String>(),
                )),
            },
        }
        next = i + 1;
        rest = after;
    }
    out.extend(letters);
    Some((folded, Cow::Owned(out)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_toneless_word_is_its_fold_and_a_separator() {
        assert_eq!(term_key("Nam").unwrap(), b"nam\0");
        assert_eq!(split_key(b"nam\0").unwrap(), (&b"nam"[..], Cow::Borrowed("nam")));
    }

    #[test]
    fn vietnamese_letters_are_written_as_their_marks() {
        // `việt`: letter 2 (e) takes a circumflex and a dot below.
        let key = term_key("Việt").unwrap();
        assert_eq!(key, [&b"viet\0"[..], &[PLACE + 2, MARK + 0x23, MARK + 0x02]].concat());
        assert_eq!(split_key(&key).unwrap().1, "việt");
        // `đường`: đ, then ư with a horn, ơ with a horn and a grave accent.
        let key = term_key("đường").unwrap();
        assert_eq!(
            key,
            [&b"duong\0"[..], &[PLACE, D_STROKE, PLACE + 1, MARK + 0x1B, PLACE + 2, MARK + 0x1B, MARK]].concat()
        );
        assert_eq!(split_key(&key).unwrap().1, "đường");
    }

    #[test]
    fn a_surface_that_is_not_marks_on_the_fold_is_written_whole() {
        // İ lowercases to i + U+0307: the surface has a letter more than the fold.
        let key = term_key("İstanbul").unwrap();
        assert_eq!(key[..key.iter().position(|&b| b == 0).unwrap() + 2].last(), Some(&WHOLE));
        assert_eq!(split_key(&key).unwrap().1, surface("İstanbul"));
    }

    #[test]
    fn malformed_tones_are_not_a_key() {
        assert!(split_key(b"viet").is_none(), "no separator");
        assert!(split_key(&[&b"viet\0"[..], &[PLACE + 9, MARK]].concat()).is_none(), "a place past the word");
        assert!(split_key(&[&b"viet\0"[..], &[PLACE + 2]].concat()).is_none(), "a place with no mark");
        assert!(
            split_key(&[&b"viet\0"[..], &[PLACE + 2, MARK, PLACE + 1, MARK]].concat()).is_none(),
            "places out of order"
        );
        assert!(split_key(&[&b"viet\0"[..], &[PLACE, D_STROKE]].concat()).is_none(), "đ on a letter that is not d");
    }

    #[test]
    fn every_vietnamese_letter_reads_back() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        for c in letters.chars() {
            for word in [format!("{c}"), format!("ng{c}"), format!("{c}nh"), format!("th{c}{c}")] {
                let key = term_key(&word).unwrap();
                assert_eq!(split_key(&key).unwrap().1, surface(&word), "{word}");
                assert!(std::str::from_utf8(&key).is_ok(), "{word}: a key is UTF-8");
                let tones = &key[key.iter().position(|&b| b == 0).unwrap() + 1..];
                assert!(tones.len() <= 2 * 3, "{word}: written as marks, not whole ({tones:?})");
            }
        }
    }

    proptest! {
        /// Any word's key reads back to the word's fold and surface, and keys
        /// group a fold's spellings together (the fold is the key's prefix).
        #[test]
        fn keys_read_back(word in "[a-zA-ZàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐÀÉİß0-9\u{0300}-\u{0323}]{1,12}") {
            if let Some(key) = term_key(&word) {
                let (folded, back) = split_key(&key).expect("a key");
                let expected = fold(&word);
                prop_assert_eq!(folded, expected.as_bytes());
                prop_assert_eq!(back, surface(&word));
                prop_assert!(std::str::from_utf8(&key).is_ok());
            }
        }
    }
}
