//! Unicode normalisation for the analyzer, without shipping Unicode tables to the
//! browser.
//!
//! The analyzer needs three things from Unicode: NFC ([`compose`]), NFD
//! ([`decompose`]) and "is this a combining mark" ([`is_mark`]). A backend provides
//! them for any text:
//!
//! - natively (the CLI, the tests), the `unicode-normalization` crate;
//! - in the browser (wasm32), the browser's own `String.prototype.normalize` and a
//!   `\p{M}` regular expression, so the worker's wasm carries no normalisation
//!   tables (they were about a quarter of it).
//!
//! Crossing into JavaScript costs about a microsecond, and the analyzer folds every
//! word of every snippet, so the letters Vietnamese is written with never go to the
//! backend: ASCII, and the precomposed Latin letters (U+00C0–U+024F and
//! U+1E00–U+1EFF, which hold every Vietnamese letter) are decomposed and composed
//! with a small table ([`Latin`]). That table is not shipped either: it is computed
//! once, at first use, by asking the backend for the NFD of those 848 letters
//! (all in one call, and the NFC of their decompositions in another). Both builds therefore run the same code on Vietnamese text, with the
//! same answers; `tests/analysis_golden.txt` pins those answers for every
//! Vietnamese letter, and the native and browser test suites both check them.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The precomposed Latin letters handled without the backend.
fn is_latin_block(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// The precomposed Latin letters (U+00C0–U+024F, U+1E00–U+1EFF: every Vietnamese
/// letter), in the order of [`latin_slot`].
pub(crate) fn latin_letters() -> impl Iterator<Item = char> {
    ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}')
}

/// A precomposed Latin letter's place among [`latin_letters`], for tables
/// indexed by letter; `None` for any other character.
pub(crate) fn latin_slot(c: char) -> Option<usize> {
    is_latin_block(c).then(|| Latin::slot(c))
}

/// The combining marks Vietnamese (and most Latin-script text) uses.
fn is_latin_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// NFD of each precomposed Latin letter, and the way back.
struct Latin {
    /// Indexed by [`Latin::slot`]: the letter's canonical decomposition.
    decomposed: Vec<String>,
    /// A canonical decomposition → its precomposed letter.
    composed: HashMap<String, char>,
}

impl Latin {
    fn get() -> &'static Latin {
        static LATIN: OnceLock<Latin> = OnceLock::new();
        LATIN.get_or_init(|| {
            let letters: Vec<char> = latin_letters().collect();
            // All the letters go to the backend at once, each on its own line, and
            // come back the same way: in the browser a call costs a crossing into
            // JavaScript and back, and one per letter, 1,700 in all, took the
            // first search in a fresh worker 20 ms. A line break is a starter
            // that composes with nothing, so no letter's marks reorder or
            // compose across it, and each line is that letter's own NFD (and,
            // back, its decomposition's own NFC).
            let decomposed = backend_lines(backend::nfd, letters.iter().map(|&c| String::from(c)));
            let multi: Vec<usize> = (0..letters.len()).filter(|&i| decomposed[i].chars().count() > 1).collect();
            let recomposed = backend_lines(backend::nfc, multi.iter().map(|&i| decomposed[i].clone()));
            let mut composed = HashMap::with_capacity(multi.len());
            for (&i, back) in multi.iter().zip(&recomposed) {
                if back.chars().eq([letters[i]]) {
                    composed.insert(decomposed[i].clone(), letters[i]);
                }
            }
            Latin { decomposed, composed }
        })
    }

    fn slot(c: char) -> usize {
        let c = c as usize;
        if c <= 0x24F {
            c - 0xC0
        } else {
            0x24F - 0xC0 + 1 + (c - 0x1E00)
        }
    }

    fn decomposition(&self, c: char) -> &str {
        &self.decomposed[Self::slot(c)]
    }
}

/// `form` (the backend's NFD or NFC) of each of `texts`, asked for in one call:
/// the texts joined by line breaks (none of them holds one), the answer split
/// at them. Should the answer not split into as many lines, each text is asked
/// for on its own.
fn backend_lines(form: fn(&str) -> String, texts: impl Iterator<Item = String>) -> Vec<String> {
    let texts: Vec<String> = texts.collect();
    let answer = form(&texts.join("\n"));
    let lines: Vec<String> = answer.split('\n').map(str::to_owned).collect();
    if lines.len() == texts.len() {
        lines
    } else {
        texts.iter().map(|t| form(t)).collect()
    }
}

/// Canonical decomposition (NFD).
pub fn decompose(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    if !s.chars().all(|c| c.is_ascii() || is_latin_block(c)) {
        return backend::nfd(s);
    }
    // Each precomposed letter decomposes to a starter and marks already in
    // canonical order, and nothing reorders across a starter: so the NFD of the
    // text is the NFD of its letters, one after another.
    let latin = Latin::get();
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(latin.decomposition(c));
        }
    }
    out
}

/// Appends the letters of the canonical decomposition of `c`, without its marks:
/// what is left of `c` when its diacritics are taken off.
pub fn push_without_marks(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
    } else if is_latin_block(c) {
        out.extend(Latin::get().decomposition(c).chars().filter(|&d| !is_latin_mark(d)));
    } else if !is_mark(c) {
        // Marks never change the letters around them in NFD (only their own
        // order), so one character at a time gives the same letters.
        out.extend(backend::nfd(c.encode_utf8(&mut [0; 4])).chars().filter(|&d| !is_mark(d)));
    }
}

/// The precomposed Latin letter that ASCII `base` followed by `marks` composes
/// to, if it is one: what [`compose`] makes of them, without allocating.
pub(crate) fn compose_letter(base: char, marks: impl Iterator<Item = char>) -> Option<char> {
    let mut nfd = [0u8; 16];
    nfd[0] = u8::try_from(base).ok().filter(u8::is_ascii)?;
    let mut len = 1;
    for m in marks {
        if !is_latin_mark(m) || len + m.len_utf8() > nfd.len() {
            return None;
        }
        len += m.encode_utf8(&mut nfd[len..]).len();
    }
    Latin::get().composed.get(std::str::from_utf8(&nfd[..len]).ok()?).copied()
}

/// Canonical composition (NFC).
pub fn compose(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    compose_latin(s).unwrap_or_else(|| backend::nfc(s))
}

/// [`compose`] for text of ASCII, precomposed Latin letters and the Latin combining
/// marks, when every letter with its marks is one precomposed letter. `None` when
/// the backend is needed.
fn compose_latin(s: &str) -> Option<String> {
    let latin = Latin::get();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut key = String::new();
    while let Some(c) = chars.next() {
        if is_latin_mark(c) {
            return None; // a mark with no letter before it
        }
        if !(c.is_ascii() || is_latin_block(c)) {
            return None;
        }
        if !chars.peek().is_some_and(|&n| is_latin_mark(n)) {
            out.push(c);
            continue;
        }
        key.clear();
        if c.is_ascii() {
            key.push(c);
        } else {
            key.push_str(latin.decomposition(c));
        }
        while let Some(&m) = chars.peek().filter(|&&n| is_latin_mark(n)) {
            key.push(m);
            chars.next();
        }
        out.push(*latin.composed.get(&key)?);
    }
    Some(out)
}

/// True when the text is NFC. Quick for ASCII and precomposed Latin letters without
/// combining marks after them (all of those are NFC on their own, and none of them
/// composes with the next); anything else is checked by the backend.
pub fn is_nfc(s: &str) -> bool {
    if s.chars().all(|c| c.is_ascii() || is_latin_block(c)) {
        return true;
    }
    backend::nfc(s) == s
}

/// True for a combining mark (General Category M).
pub fn is_mark(c: char) -> bool {
    if c.is_ascii() || is_latin_block(c) {
        return false;
    }
    if is_latin_mark(c) {
        return true;
    }
    // General punctuation, currency, letterlike and number forms, arrows,
    // mathematical and technical symbols, boxes, shapes, dingbats: no marks
    // (the combining marks for symbols, U+20D0–U+20FF, are outside these).
    if matches!(c, '\u{2000}'..='\u{20CF}' | '\u{2100}'..='\u{2BFF}') {
        return false;
    }
    backend::is_mark(c)
}

/// The native backend: the `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
mod backend {
    use unicode_normalization::UnicodeNormalization;

    pub fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    pub fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    pub fn is_mark(c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }
}

/// The browser backend: `String.prototype.normalize` and `/\p{M}/u`.
#[cfg(target_arch = "wasm32")]
mod backend {
    use js_sys::{JsString, RegExp};

    fn normalize(s: &str, form: &str) -> String {
        String::from(JsString::from(s).normalize(form))
    }

    pub fn nfd(s: &str) -> String {
        normalize(s, "NFD")
    }

    pub fn nfc(s: &str) -> String {
        normalize(s, "NFC")
    }

    pub fn is_mark(c: char) -> bool {
        thread_local! {
            static MARK: RegExp = RegExp::new("^\\p{M}$", "u");
        }
        MARK.with(|re| re.test(c.encode_utf8(&mut [0; 4])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::{char::compose as compose_pair, is_nfc as crate_is_nfc, UnicodeNormalization};

    fn latin_letters() -> impl Iterator<Item = char> {
        ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}')
    }

    #[test]
    fn the_table_asked_for_at_once_is_each_letters_own() {
        // The table is made from two calls of the backend on all the letters
        // at once: each entry must be what the letter alone would give.
        let latin = Latin::get();
        for c in latin_letters() {
            let nfd = backend::nfd(&c.to_string());
            assert_eq!(latin.decomposition(c), nfd, "{c:?}");
            let composes = nfd.chars().count() > 1 && backend::nfc(&nfd) == c.to_string();
            assert_eq!(latin.composed.get(&nfd) == Some(&c), composes, "{c:?}");
        }
        assert!(latin.composed.len() > 400, "{} letters compose", latin.composed.len());
    }

    #[test]
    fn the_quick_nfc_check_is_sound() {
        // Every letter it trusts is NFC on its own...
        for c in latin_letters() {
            assert!(crate_is_nfc(&c.to_string()), "{c:?} is not NFC");
        }
        // ...and no two of them (or an ASCII character) compose.
        let trusted: Vec<char> = (' '..='~').chain(latin_letters()).collect();
        for &a in &trusted {
            for &b in &trusted {
                assert_eq!(compose_pair(a, b), None, "{a:?} + {b:?} compose");
            }
        }
    }

    #[test]
    fn the_latin_table_agrees_with_the_crate() {
        for c in latin_letters() {
            let s = c.to_string();
            assert_eq!(decompose(&s), s.nfd().collect::<String>(), "NFD of {c:?}");
            let nfd: String = s.nfd().collect();
            assert_eq!(compose(&nfd), s, "NFC of the NFD of {c:?}");
            let upper_lower: String = c.to_uppercase().chain(c.to_lowercase()).collect();
            assert_eq!(decompose(&upper_lower), upper_lower.nfd().collect::<String>());
        }
    }

    #[test]
    fn other_text_goes_to_the_backend_and_agrees() {
        for s in [
            "e\u{302}\u{301}",  // marks with no precomposed letter chain: ế
            "a\u{301}\u{302}",  // non-canonical order
            "\u{301}a",         // a mark first
            "Ελληνικά ά",       // Greek
            "한국어",           // Hangul
            "q\u{307}\u{323}",  // q with two marks: no precomposed letter
            "“Đại hội” – 100%", // punctuation
            "ﬁ ℌ",              // compatibility only: NFC keeps them
        ] {
            assert_eq!(compose(s), s.nfc().collect::<String>(), "NFC of {s:?}");
            assert_eq!(decompose(s), s.nfd().collect::<String>(), "NFD of {s:?}");
            assert_eq!(is_nfc(s), crate_is_nfc(s), "is_nfc({s:?})");
        }
    }

    #[test]
    fn marks_are_general_category_m() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_mark(c), unicode_normalization::char::is_combining_mark(c), "{c:?} U+{:04X}", c as u32);
        }
    }
}
