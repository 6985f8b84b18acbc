//! What the analyzer answers for every Vietnamese letter, in both builds.
//!
//! `analysis.tsv` (beside this file) pins, for each input word: its NFC
//! ([`normalize`]), [`fold`], [`surface`] and [`telex::split_tone`] of the surface.
//! The native test (`tests/analysis_golden.rs`) and the browser test
//! (`crates/web/tests/browser.rs`, wasm in headless Chromium) both include this
//! file and check every line: the native analyzer normalises with the
//! `unicode-normalization` crate, the browser's with `String.prototype.normalize`,
//! and they must agree.
//!
//! Inputs are written with `\u{…}` escapes for combining marks, so that NFD input
//! survives editors that normalise.

use soi_core::analysis::{fold, normalize, surface, telex};

/// The golden table.
pub const GOLDEN: &str = include_str!("analysis.tsv");

/// Every Vietnamese letter, lower and upper case: the vowels with each tone, and `đ`.
pub fn vietnamese_letters() -> Vec<char> {
    let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    lower.chars().flat_map(|c| std::iter::once(c).chain(c.to_uppercase())).collect()
}

/// The inputs of the table: every letter alone, each with a consonant before it,
/// both tone placements of `oa`/`oe`/`uy`, d-with-stroke look-alikes, and NFD text.
pub fn inputs() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in vietnamese_letters() {
        out.push(c.to_string());
        out.push(format!("ng{c}"));
    }
    for w in [
        "hoà",
        "hòa",
        "HOÀ",
        "khoẻ",
        "khỏe",
        "thuỷ",
        "thủy",
        "Uỷ",
        "quý",
        "quỳnh",
        "Ðại",
        "ðại",
        "Ɖại",
        "ɖại",
        "a\u{301}",
        "e\u{302}\u{301}",
        "e\u{301}\u{302}",
        "o\u{31B}\u{300}",
        "D\u{323}",
        "nguye\u{302}\u{303}n",
        "đường",
        "dương",
        "Nguyễn",
        "ĐẠI HỘI",
        "deadline",
        "COVID-19",
        "Ελληνικά",
        "한국어",
    ] {
        out.push(w.to_owned());
    }
    out
}

fn escape(s: &str) -> String {
    s.chars()
        .map(|c| if ('\u{300}'..='\u{36F}').contains(&c) { format!("\\u{{{:X}}}", c as u32) } else { c.to_string() })
        .collect()
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}').expect("closed escape") + i;
        let code = u32::from_str_radix(&rest[i + 3..end], 16).expect("hex escape");
        out.push(char::from_u32(code).expect("a char"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// One line of the table, as the analyzer of this build computes it.
pub fn line(input: &str) -> String {
    let s = surface(input);
    let (base, tone) = telex::split_tone(&s);
    let tone = tone.map_or("-".to_owned(), |t| format!("U+{:04X}", t as u32));
    [escape(input), escape(&normalize(input)), escape(&fold(input)), escape(&s), escape(&base), tone].join("\t")
}

/// The whole table as this build computes it.
pub fn table() -> String {
    inputs().iter().map(|w| line(w) + "\n").collect()
}

/// The lines of the golden table this build disagrees with: `(golden, computed)`.
pub fn disagreements() -> Vec<(String, String)> {
    GOLDEN
        .lines()
        .filter_map(|golden| {
            let input = unescape(golden.split('\t').next().unwrap_or(""));
            let computed = line(&input);
            (computed != golden).then(|| (golden.to_owned(), computed))
        })
        .collect()
}
