//! Toneless matching for the UI's own lists (a facet's values): a value is found
//! by typing it without tones, in any case. The UI's wasm does not link the
//! core's analyzer and its Unicode tables ([`soi_core::analysis::fold`] is the
//! worker's): the browser decomposes (`String.prototype.normalize("NFD")`) and
//! lowercases, and the marks it leaves as separate characters are dropped here.

use js_sys::JsString;

/// Combining marks (tones, the circumflex, the breve, the horn and their kin):
/// what NFD splits off a Vietnamese letter, and the other combining blocks.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// `text` lowercased, without marks, đ as d, runs of white space as one space
/// and none at the ends: `"  Kim  Sơn"` → `"kim son"`, `"ĐỐNG ĐA"` → `"dong da"`.
pub fn fold(text: &str) -> String {
    let decomposed = String::from(JsString::from(text).normalize("NFD").to_lower_case());
    let mut out = String::with_capacity(decomposed.len());
    for word in decomposed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| !is_mark(c)).map(|c| match c {
            // Not decomposed by NFD: the Vietnamese đ, and its look-alikes (as the
            // core's fold maps them).
            'đ' | 'ð' | 'ɖ' => 'd',
            c => c,
        }));
    }
    out
}

/// Does `value` contain `needle`, both folded? An empty needle is in everything.
/// `needle` is expected folded already (fold it once for a whole list).
pub fn contains_folded(value: &str, needle: &str) -> bool {
    needle.is_empty() || fold(value).contains(needle)
}
