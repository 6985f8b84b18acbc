//! Finding metadata in article text: places, people and document references
//! (dates are in `dates.rs`).
//!
//! The finders work on the analyzer's tokens (so NFC/NFD and case do not matter
//! for the keywords) and return values as written, tidied: places as their proper
//! name (`huyện Kim Sơn` → `Kim Sơn`), people in title case (`Trần ngọc Oanh` →
//! `Trần Ngọc Oanh`), references as `type number-CODE` (`Chỉ thị số 35-CT/TW` →
//! `Chỉ thị 35-CT/TW`).

use crate::analysis::{fold, surface, tokens, Token};

/// Vietnamese administrative units (surface forms: diacritics count, so that
/// *cơ quan* is not *quận* and *xa* is not *xã*), longest first.
const ADMIN_UNITS: [&[&str]; 8] =
    [&["thành", "phố"], &["thị", "xã"], &["thị", "trấn"], &["tỉnh"], &["huyện"], &["quận"], &["xã"], &["phường"]];

/// Kinds of official documents (surface forms) and how they are written.
const DOC_KINDS: [(&[&str], &str); 12] = [
    (&["chỉ", "thị"], "Chỉ thị"),
    (&["nghị", "quyết"], "Nghị quyết"),
    (&["kế", "hoạch"], "Kế hoạch"),
    (&["quyết", "định"], "Quyết định"),
    (&["thông", "tư"], "Thông tư"),
    (&["nghị", "định"], "Nghị định"),
    (&["công", "văn"], "Công văn"),
    (&["thông", "báo"], "Thông báo"),
    (&["hướng", "dẫn"], "Hướng dẫn"),
    (&["kết", "luận"], "Kết luận"),
    (&["quy", "định"], "Quy định"),
    (&["tờ", "trình"], "Tờ trình"),
];

/// Common Vietnamese family names (surface forms): a name after *đồng chí* must
/// start with one, so titles (*đồng chí Bí thư Chi bộ*) are not taken for people.
const SURNAMES: [&str; 64] = [
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương",
    "lý", "lương", "đinh", "trịnh", "đào", "mai", "tô", "hà", "cao", "chu", "lưu", "lâm", "quách", "tạ", "thái",
    "kiều", "văn", "đoàn", "vương", "triệu", "tống", "phùng", "la", "lại", "nông", "mạc", "hứa", "châu", "giang",
    "lục", "mã", "nghiêm", "quan", "tăng", "thân", "từ", "tôn", "vi", "đàm", "đồng", "ninh", "lò", "lã", "khúc",
    "khương", "kim", "doãn", "diệp", "trương",
];

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn only_spaces(text: &str, from: usize, to: usize) -> bool {
    from <= to && text[from..to].chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Proper-name words starting at token `i`: capitalized words separated by single
/// spaces (a lowercase word is allowed between two capitalized ones when
/// `allow_lower_inside`), at most `max` words. Returns the token index range.
fn proper_name(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    max: usize,
    allow_lower_inside: bool,
) -> Option<(usize, usize)> {
    let mut end = i;
    while end < toks.len() && end - i < max {
        if end > i && !only_spaces(text, toks[end - 1].range.1, toks[end].range.0) {
            break;
        }
        let w = toks[end].text;
        let word_ok = is_capitalized(w) && !w.chars().all(|c| c.is_ascii_digit());
        let inner_lower = allow_lower_inside
            && end > i
            && !is_capitalized(w)
            && toks
                .get(end + 1)
                .is_some_and(|n| is_capitalized(n.text) && only_spaces(text, toks[end].range.1, n.range.0));
        if !(word_ok || inner_lower) {
            break;
        }
        end += 1;
    }
    // Do not end on a lowercase word.
    while end > i && !is_capitalized(toks[end - 1].text) {
        end -= 1;
    }
    (end > i).then_some((i, end))
}

/// A text's words, each with its surface form, computed once for all the
/// finders (and once for each word as written: an article repeats most).
struct Words<'a> {
    text: &'a str,
    toks: Vec<Token<'a>>,
    /// The surface forms of the words as written, in order of first use.
    forms: Vec<String>,
    /// Each token's surface form, an index into `forms`.
    form_of: Vec<usize>,
}

impl<'a> Words<'a> {
    fn of(text: &'a str) -> Words<'a> {
        let toks: Vec<Token<'a>> = tokens(text).collect();
        let mut seen: crate::hash::WordMap<&str, usize> =
            crate::hash::WordMap::with_capacity_and_hasher(toks.len() / 2, Default::default());
        let mut forms = Vec::new();
        let form_of = toks
            .iter()
            .map(|t| {
                *seen.entry(t.text).or_insert_with(|| {
                    forms.push(surface(t.text));
                    forms.len() - 1
                })
            })
            .collect();
        Words { text, toks, forms, form_of }
    }

    /// Each token's surface form.
    fn surfaces(&self) -> Vec<&str> {
        self.form_of.iter().map(|&f| self.forms[f].as_str()).collect()
    }

    /// Per token, whether its surface form is one of `firsts`: each distinct
    /// form is compared once, not each of its hundreds of uses.
    fn one_of(&self, firsts: &[&str]) -> Vec<bool> {
        let form_is: Vec<bool> = self.forms.iter().map(|f| firsts.contains(&f.as_str())).collect();
        self.form_of.iter().map(|&f| form_is[f]).collect()
    }
}

/// The places, people and document references of `text`, in that order, as
/// [`find_places`], [`find_people`] and [`find_doc_refs`] give them (its words
/// are analysed once for the three).
pub fn find_all(text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let words = Words::of(text);
    (places(&words), people(&words), doc_refs(&words))
}

fn joined(text: &str, toks: &[Token<'_>], (a, b): (usize, usize)) -> String {
    text[toks[a].range.0..toks[b - 1].range.1].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.iter().any(|v| fold(v) == fold(&value)) {
        list.push(value);
    }
}

/// Places named after an administrative unit (`huyện Kim Sơn`, `tỉnh Lạng Sơn`,
/// `thành phố Hà Nội`): the proper names, in order of first mention.
pub fn find_places(text: &str) -> Vec<String> {
    places(&Words::of(text))
}

fn places(words: &Words<'_>) -> Vec<String> {
    let (text, toks, folded) = (words.text, &words.toks, words.surfaces());
    let mut out = Vec::new();
    let may_start = words.one_of(&ADMIN_UNITS.map(|u| u[0]));
    let mut i = 0;
    while i < toks.len() {
        let unit = ADMIN_UNITS.iter().filter(|_| may_start[i]).find(|u| {
            u.iter().enumerate().all(|(k, w)| folded.get(i + k).is_some_and(|f| f == w))
                && (1..u.len()).all(|k| only_spaces(text, toks[i + k - 1].range.1, toks[i + k].range.0))
        });
        if let Some(unit) = unit {
            let after = i + unit.len();
            if after < toks.len() && only_spaces(text, toks[after - 1].range.1, toks[after].range.0) {
                if let Some(range) = proper_name(text, toks, after, 3, false) {
                    // In ALL-CAPS text every word looks like a name: skip it.
                    let shouting = (range.0..range.1).all(|k| !toks[k].text.chars().any(char::is_lowercase));
                    if !shouting {
                        push_unique(&mut out, joined(text, toks, range));
                    }
                    i = range.1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// People named as `đồng chí Trần Đình Cảnh` (two to four name words), in title
/// case, in order of first mention.
pub fn find_people(text: &str) -> Vec<String> {
    people(&Words::of(text))
}

fn people(words: &Words<'_>) -> Vec<String> {
    let (text, toks, surfaces) = (words.text, &words.toks, words.surfaces());
    let mut out = Vec::new();
    for i in 0..toks.len().saturating_sub(2) {
        if surfaces[i] == "đồng"
            && surfaces[i + 1] == "chí"
            && only_spaces(text, toks[i].range.1, toks[i + 1].range.0)
            && only_spaces(text, toks[i + 1].range.1, toks[i + 2].range.0)
        {
            if let Some((a, b)) = proper_name(text, toks, i + 2, 4, true) {
                if b - a >= 2 && SURNAMES.contains(&surfaces[a]) {
                    push_unique(&mut out, title_case(&joined(text, toks, (a, b))));
                }
            }
        }
    }
    out
}

/// A document code such as `35-CT/TW` or `167-KH/HU` starting at token `i`:
/// a number, `-`, then upper-case letter groups joined by `/` or `-`.
fn doc_code(text: &str, toks: &[Token<'_>], i: usize) -> Option<(usize, String)> {
    let number = toks.get(i)?;
    if !number.text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut end = i + 1;
    let mut code = number.text.to_owned();
    while let Some(t) = toks.get(end) {
        let sep = &text[toks[end - 1].range.1..t.range.0];
        let upper =
            t.text.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && t.text.chars().any(char::is_uppercase);
        if !(matches!(sep, "-" | "/") && upper) {
            break;
        }
        code.push_str(sep);
        code.push_str(t.text);
        end += 1;
    }
    (end > i + 1 && code.contains('-')).then_some((end, code))
}

/// References to official documents: `Chỉ thị (số) 35-CT/TW` → `Chỉ thị 35-CT/TW`,
/// and bare codes such as `35-CT/TW` when no kind precedes them.
pub fn find_doc_refs(text: &str) -> Vec<String> {
    doc_refs(&Words::of(text))
}

fn doc_refs(words: &Words<'_>) -> Vec<String> {
    let (text, toks, folded) = (words.text, &words.toks, words.surfaces());
    let mut typed: Vec<(String, String)> = Vec::new(); // (code, "Kind code")
    let mut bare: Vec<String> = Vec::new();
    let may_start = words.one_of(&DOC_KINDS.map(|(kind, _)| kind[0]));
    let mut i = 0;
    while i < toks.len() {
        let kind = DOC_KINDS.iter().filter(|_| may_start[i]).find(|(words, _)| {
            words.iter().enumerate().all(|(k, w)| folded.get(i + k).is_some_and(|f| f == w))
                && is_capitalized(toks[i].text)
        });
        if let Some((words, written)) = kind {
            let mut j = i + words.len();
            if folded.get(j).is_some_and(|f| *f == "số") {
                j += 1;
            }
            if let Some((end, code)) = doc_code(text, toks, j) {
                if !typed.iter().any(|(c, _)| *c == code) {
                    typed.push((code.clone(), format!("{written} {code}")));
                }
                i = end;
                continue;
            }
        }
        if let Some((end, code)) = doc_code(text, toks, i) {
            if code.contains('/') && !bare.contains(&code) {
                bare.push(code);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    let mut out: Vec<String> = typed.iter().map(|(_, r)| r.clone()).collect();
    out.extend(bare.into_iter().filter(|c| !typed.iter().any(|(t, _)| t == c)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_the_names_after_administrative_units() {
        let t = "Đại hội Đảng bộ huyện Kim Sơn lần thứ XXIV; Cục Thi hành án tỉnh Lạng Sơn; quận Đống Đa, thành phố Hà Nội và xã Yên Hòa.";
        assert_eq!(find_places(t), ["Kim Sơn", "Lạng Sơn", "Đống Đa", "Hà Nội", "Yên Hòa"]);
        assert!(find_places("Trưởng phòng Quận, huyện, thị").is_empty());
        assert!(find_places("QUẬN ĐỐNG ĐA LẦN THỨ XXVIII").is_empty(), "all caps is ambiguous");
        assert!(find_places("các cơ quan THADS tỉnh; ở xa Hà Nội").is_empty(), "cơ quan is not quận, xa is not xã");
    }

    #[test]
    fn people_follow_dong_chi_and_come_out_in_title_case() {
        let t = "có đồng chí Trần Đình Cảnh - TUV, đồng chí Trần ngọc Oanh - Phó trưởng phòng; Đồng chí Phạm Văn Dũng, Bí thư; từng đồng chí đảng ủy viên; đồng chí Bí thư Chi bộ.";
        assert_eq!(find_people(t), ["Trần Đình Cảnh", "Trần Ngọc Oanh", "Phạm Văn Dũng"]);
    }

    #[test]
    fn document_references_keep_their_kind_and_code() {
        let t = "quán triệt Chỉ thị số 35-CT/TW, ngày 30-5-2019; Kế hoạch số 167-KH/HU; theo 35-CT/TW và 12-NQ/TW; nhiệm kỳ 2020-2025.";
        assert_eq!(find_doc_refs(t), ["Chỉ thị 35-CT/TW", "Kế hoạch 167-KH/HU", "12-NQ/TW"]);
    }
}
