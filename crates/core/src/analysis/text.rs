//! The one text pipeline, used at index time and at query time.
//!
//! Text → [`normalize`] (Unicode NFC) → [`tokens`] (words with byte ranges into the
//! normalised text and word positions) → per word a [`surface`] form (lowercase NFC,
//! what the user sees, diacritics kept) and a [`fold`]ed form (what retrieval
//! compares: no tones, no marks, `đ`/`Đ`/`Ð` → `d`).
//!
//! Because the indexer, the query parser and the highlighter all call these same
//! functions, they cannot disagree about what a word is.
//!
//! ```
//! use soi_core::analysis::{fold, normalize, surface, tokens};
//! let text = normalize("Ðại hội Chi bộ");
//! let words: Vec<_> = tokens(&text).map(|t| fold(t.text)).collect();
//! assert_eq!(words, ["dai", "hoi", "chi", "bo"]);
//! assert_eq!(surface("hoà"), surface("hòa"));
//! ```

use std::borrow::Cow;
use std::ops::Range;

use super::tones::is_tone_mark;
use super::unicode::{self, is_mark};

/// Words longer than this many bytes (folded) are kept in the text but not indexed:
/// they are hashes, URLs glued together or garbage, and would bloat the dictionary.
pub const MAX_TERM_BYTES: usize = 64;

/// One word of a normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as written (a slice of the normalised text).
    pub text: &'a str,
    /// Byte range of `text` inside the normalised text; always on char boundaries.
    pub range: (usize, usize),
    /// Word position: 0 for the first word, counting every word.
    pub position: u32,
}

impl Token<'_> {
    /// The byte range as a `Range`.
    pub fn byte_range(&self) -> Range<usize> {
        self.range.0..self.range.1
    }
}

/// Unicode NFC. Borrowed when the text already is NFC (the common case).
pub fn normalize(text: &str) -> Cow<'_, str> {
    if unicode::is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(unicode::compose(text))
    }
}

/// Letters, digits and combining marks make words; everything else separates them.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Fast path for the Latin blocks Vietnamese lives in (all letters but × and ÷).
    if matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || is_mark(c)
}

/// The words of `text` (which should be NFC: see [`normalize`]).
///
/// A word is a maximal run of letters, digits and combining marks; everything else
/// (spaces, punctuation, symbols) separates words. `35-CT/TW` is three words.
///
/// Positions count words, and skip one where a sentence or clause ends between two
/// words ([`is_boundary`]: `Quảng Nam. Định hướng`, `Hà Nội, Việt Nam`, a line
/// break): words on either side are not next to each other, so neither a phrase
/// nor adjacency spans the boundary.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0, position: 0 }
}

/// Iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
    position: u32,
}

/// True when the text between two words ends a sentence or a clause: a line break,
/// or `. , ; : ! ? …` with a space after (not `1.000.000`, `35-CT/TW` or `a,b`).
pub fn is_boundary(between: &str) -> bool {
    between.contains('\n')
        || (between.chars().any(char::is_whitespace) && between.contains(['.', ',', ';', ':', '!', '?', '…']))
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.text[self.at..];
        let start_rel = rest.char_indices().find(|&(_, c)| is_word_char(c))?.0;
        let start = self.at + start_rel;
        if self.position > 0 && is_boundary(&rest[..start_rel]) {
            self.position += 1;
        }
        let end = self.text[start..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(self.text.len(), |(i, _)| start + i);
        self.at = end;
        let token = Token { text: &self.text[start..end], range: (start, end), position: self.position };
        self.position += 1;
        Some(token)
    }
}

/// The surface form of a word: lowercase NFC, diacritics kept, the d-with-stroke
/// look-alikes (`ð`, `ɖ`) written as `đ`, and the tone in one canonical place.
///
/// Vietnamese has two tone-placement conventions for `oa`, `oe` and `uy` without a
/// final consonant (`hòa`/`hoà`, `khỏe`/`khoẻ`, `ủy`/`uỷ`) that spell the same
/// syllable; the surface form always puts the tone on the second vowel (`hoà`, `uỷ`),
/// so both spellings are one surface form.
pub fn surface(word: &str) -> String {
    surface_fast(word).unwrap_or_else(|| surface_full(word))
}

/// [`surface`] for the common case, without normalising: NFC text of ASCII and the
/// precomposed Latin letters Vietnamese uses, lowercased, when there is no tone to
/// move and no d-with-stroke look-alike. `None` when the full path is needed.
fn surface_fast(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(lower) = latin(c).filter(|_| !matches!(c, 'ð' | 'Ð' | 'ɖ' | 'Ɖ')).map(|l| l.lower.as_str())
        {
            out.push_str(lower);
        } else {
            return None;
        }
    }
    let mut rev = out.chars().rev();
    if let (Some(last), Some(prev)) = (rev.next(), rev.next()) {
        let toned_o = matches!(prev, 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ') && matches!(last, 'a' | 'e');
        let toned_u = matches!(prev, 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ') && last == 'y';
        if toned_o || toned_u {
            return None;
        }
    }
    Some(out)
}

fn surface_full(word: &str) -> String {
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    let mut chars: Vec<char> = unicode::decompose(&lower)
        .chars()
        .map(|c| match c {
            'ð' | 'ɖ' => 'đ',
            other => other,
        })
        .collect();
    let tones: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| is_tone_mark(**c)).map(|(i, _)| i).collect();
    if let [i] = tones[..] {
        // `o` + tone + `a`/`e`, or `u` + tone + `y`, at the end of the word.
        let moves = i >= 1
            && i + 2 == chars.len()
            && matches!((chars[i - 1], chars[i + 1]), ('o', 'a' | 'e') | ('u', 'y'))
            && !(chars[i - 1] == 'u' && i >= 2 && chars[i - 2] == 'q');
        if moves {
            let tone = chars.remove(i);
            chars.push(tone);
        }
    }
    unicode::compose(&chars.into_iter().collect::<String>())
}

/// The folded form of a word: lowercase, tones and other marks removed, and the
/// d-with-stroke letters (`đ` U+0111, `Đ` U+0110, and the look-alikes `Ð` U+00D0 /
/// `ð` U+00F0, `Ɖ` U+0189 / `ɖ` U+0256) mapped to `d`. NFD alone would keep `đ`,
/// which has no decomposition. Idempotent: `fold(fold(w)) == fold(w)`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(l) = latin(c) {
            out.push_str(&l.folded);
        } else {
            push_folded(c, &mut out);
        }
    }
    out
}

/// Appends the folded form of one character. Folding goes character by
/// character (lowercase, then marks off), so a word's fold is its characters'.
fn push_folded(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        match c {
            'đ' | 'ð' | 'ɖ' => out.push('d'),
            c => unicode::push_without_marks(c, out),
        }
    }
}

/// A precomposed Latin letter's lowercase and folded forms.
struct LatinForms {
    lower: String,
    folded: String,
}

/// The forms of `c` when it is one of the precomposed Latin letters every
/// Vietnamese letter is among (U+00C0–U+024F, U+1E00–U+1EFF); `None` otherwise.
/// Computed once, at first use, by the general path: the analyzer folds every
/// word it indexes or highlights, and this saves a Unicode table search per letter.
fn latin(c: char) -> Option<&'static LatinForms> {
    static FORMS: std::sync::OnceLock<Vec<LatinForms>> = std::sync::OnceLock::new();
    let slot = match c {
        '\u{C0}'..='\u{24F}' => c as usize - 0xC0,
        '\u{1E00}'..='\u{1EFF}' => 0x24F - 0xC0 + 1 + (c as usize - 0x1E00),
        _ => return None,
    };
    let forms = FORMS.get_or_init(|| {
        ('\u{C0}'..='\u{24F}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .map(|c| {
                let mut folded = String::new();
                push_folded(c, &mut folded);
                LatinForms { lower: c.to_lowercase().collect(), folded }
            })
            .collect()
    });
    forms.get(slot)
}

/// True when the word (as typed) carries any diacritic, i.e. folding changes it
/// beyond lowercasing. Used to decide whether the user meant an exact form.
pub fn has_diacritics(word: &str) -> bool {
    fold(word) != word.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn folded_words(s: &str) -> Vec<String> {
        let n = normalize(s);
        tokens(&n).map(|t| fold(t.text)).collect()
    }

    #[test]
    fn d_with_stroke_and_eth_fold_to_d() {
        assert_eq!(fold("đại"), "dai");
        assert_eq!(fold("ĐẠI"), "dai");
        assert_eq!(fold("Ðại"), "dai"); // U+00D0 Latin capital Eth, as in seed 000
        assert_eq!(fold("ðại"), "dai");
        assert_eq!(fold("Ɖại"), "dai");
    }

    #[test]
    fn tones_and_vowel_marks_are_removed() {
        assert_eq!(fold("Nguyễn"), "nguyen");
        assert_eq!(fold("đường"), "duong");
        assert_eq!(fold("dương"), "duong");
        assert_eq!(fold("Ủy"), "uy");
        assert_eq!(fold("hoà"), fold("hòa"));
    }

    #[test]
    fn both_tone_placements_have_one_surface_form() {
        assert_eq!(surface("hoà"), surface("hòa"));
        assert_eq!(surface("uỷ"), surface("ủy"));
        assert_eq!(surface("Thuỷ"), surface("thủy"));
        assert_ne!(surface("hoà"), surface("hoá"));
    }

    #[test]
    fn nfd_input_behaves_exactly_like_nfc() {
        let nfc = "Đại hội Đảng bộ huyện Kim Sơn lần thứ XXIV";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        let a = normalize(nfc);
        let b = normalize(&nfd);
        assert_eq!(a, b);
        let ta: Vec<_> = tokens(&a).collect();
        let tb: Vec<_> = tokens(&b).collect();
        assert_eq!(ta, tb);
    }

    #[test]
    fn tokens_carry_byte_ranges_and_positions() {
        let text = "Chỉ thị số 35-CT/TW, ngày 30-5-2019";
        let toks: Vec<_> = tokens(text).collect();
        let words: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Chỉ", "thị", "số", "35", "CT", "TW", "ngày", "30", "5", "2019"]);
        // The comma ends a clause: one position is skipped after `TW`.
        let positions: Vec<u32> = toks.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4, 5, 7, 8, 9, 10]);
        for t in &toks {
            assert_eq!(&text[t.byte_range()], t.text);
        }
    }

    #[test]
    fn sentence_and_clause_ends_are_boundaries_and_codes_are_not() {
        for between in [". ", ", ", "; ", ": ", "! ", "? ", "… ", "\n", ".\" ", ") . "] {
            assert!(is_boundary(between), "{between:?}");
        }
        for between in [" ", ".", ",", "-", "/", " - ", " (", "” "] {
            assert!(!is_boundary(between), "{between:?}");
        }
    }

    #[test]
    fn punctuation_only_text_has_no_tokens() {
        assert_eq!(tokens(" -- … ?!").count(), 0);
        assert_eq!(tokens("").count(), 0);
    }

    #[test]
    fn surface_keeps_diacritics_and_lowercases() {
        assert_eq!(surface("ĐẠI"), "đại");
        assert_eq!(surface("Ðại"), surface("đại"));
        assert_ne!(surface("đường"), surface("dương"));
        assert_ne!(surface("đại"), surface("dai"));
        assert!(has_diacritics("đại"));
        assert!(!has_diacritics("Dai"));
    }

    #[test]
    fn toneless_and_accented_queries_fold_alike() {
        assert_eq!(folded_words("dai hoi"), folded_words("Đại Hội"));
    }

    /// The analyzer as it was written directly over the `unicode-normalization`
    /// crate, before [`super::unicode`] took the tables out of the browser build.
    mod reference {
        use crate::analysis::tones::is_tone_mark;
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;

        pub fn normalize(text: &str) -> String {
            text.nfc().collect()
        }

        pub fn fold(word: &str) -> String {
            word.chars()
                .flat_map(char::to_lowercase)
                .nfd()
                .filter(|&c| !is_combining_mark(c))
                .map(|c| if matches!(c, 'đ' | 'ð' | 'ɖ') { 'd' } else { c })
                .collect()
        }

        pub fn surface(word: &str) -> String {
            let mut chars: Vec<char> = word
                .chars()
                .flat_map(char::to_lowercase)
                .nfd()
                .map(|c| if matches!(c, 'ð' | 'ɖ') { 'đ' } else { c })
                .collect();
            let tones: Vec<usize> =
                chars.iter().enumerate().filter(|(_, c)| is_tone_mark(**c)).map(|(i, _)| i).collect();
            if let [i] = tones[..] {
                let moves = i >= 1
                    && i + 2 == chars.len()
                    && matches!((chars[i - 1], chars[i + 1]), ('o', 'a' | 'e') | ('u', 'y'))
                    && !(chars[i - 1] == 'u' && i >= 2 && chars[i - 2] == 'q');
                if moves {
                    let tone = chars.remove(i);
                    chars.push(tone);
                }
            }
            chars.into_iter().nfc().collect()
        }
    }

    const VIETNAMESE_TEXT: &str = "[ a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31B}ðÐɖƉ,.“”–]{0,40}";

    proptest::proptest! {
        #[test]
        fn the_analyzer_agrees_with_the_reference_on_any_text(s in "\\PC{0,40}") {
            proptest::prop_assert_eq!(normalize(&s).into_owned(), reference::normalize(&s));
            proptest::prop_assert_eq!(fold(&s), reference::fold(&s));
            proptest::prop_assert_eq!(surface(&s), reference::surface(&s));
        }

        #[test]
        fn the_analyzer_agrees_with_the_reference_on_vietnamese(s in VIETNAMESE_TEXT) {
            proptest::prop_assert_eq!(normalize(&s).into_owned(), reference::normalize(&s));
            let n = normalize(&s);
            for t in tokens(&n) {
                proptest::prop_assert_eq!(fold(t.text), reference::fold(t.text));
                proptest::prop_assert_eq!(surface(t.text), reference::surface(t.text));
            }
            proptest::prop_assert_eq!(fold(&s), reference::fold(&s));
            proptest::prop_assert_eq!(surface(&s), reference::surface(&s));
        }

        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn fast_surface_agrees_with_the_full_one(w in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐÀÁẢÃẠÂẦẤỘƠỜỚỦŨỤƯỪỨÝ]{1,8}") {
            if let Some(fast) = surface_fast(&w) {
                proptest::prop_assert_eq!(fast, surface_full(&w));
            }
        }

        #[test]
        fn token_ranges_are_char_boundaries(s in "\\PC{0,60}") {
            let n = normalize(&s);
            for t in tokens(&n) {
                proptest::prop_assert!(n.is_char_boundary(t.range.0));
                proptest::prop_assert!(n.is_char_boundary(t.range.1));
                proptest::prop_assert!(t.range.0 < t.range.1);
            }
        }
    }
}
