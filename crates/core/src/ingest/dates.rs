//! Dates in article text: a full `D/M/YYYY` date, a `Ngày 8/10` opening, and
//! the common spellings of a date field.

use crate::analysis::{fold, tokens, Token};
use crate::document::{iso_date, valid_day};

/// A full date `D/M/YYYY` or `D-M-YYYY` (optionally followed by a time) in `text`,
/// as ISO. Only real calendar dates count.
pub fn find_full_date(text: &str) -> Option<String> {
    let toks: Vec<Token<'_>> = tokens(text).collect();
    for i in 0..toks.len().saturating_sub(2) {
        let (d, m, y) = (&toks[i], &toks[i + 1], &toks[i + 2]);
        let sep1 = &text[d.range.1..m.range.0];
        let sep2 = &text[m.range.1..y.range.0];
        if sep1 != sep2 || !matches!(sep1, "/" | "-" | ".") {
            continue;
        }
        if let Some(iso) = iso_date(d.text, m.text, y.text) {
            return Some(iso);
        }
    }
    None
}

/// `Ngày 8/10` (day and month only) at the start of `text`: (day, month).
pub fn find_day_month_opening(text: &str) -> Option<(u32, u32)> {
    let toks: Vec<Token<'_>> = tokens(text).take(3).collect();
    if toks.len() < 3 || fold(toks[0].text) != "ngay" || &text[toks[1].range.1..toks[2].range.0] != "/" {
        return None;
    }
    let next = tokens(text).nth(3);
    if next.is_some_and(|n| &text[toks[2].range.1..n.range.0] == "/") {
        return None; // a full date, not day/month
    }
    let d: u32 = toks[1].text.parse().ok()?;
    let m: u32 = toks[2].text.parse().ok()?;
    (valid_day(d, m, 2000)).then_some((d, m))
}

/// A date in any common spelling (`2020-10-08`, `2020-10-08T23:45:00Z`, `08/10/2020`), as ISO.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        let b = head.as_bytes();
        if b[4] == b'-' && b[7] == b'-' {
            if let Some(iso) = iso_date(&head[8..10], &head[5..7], &head[..4]) {
                return Some(iso);
            }
        }
    }
    find_full_date(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_must_be_real() {
        assert_eq!(find_full_date("Ngày đăng 08/10/2020 | 23:45").as_deref(), Some("2020-10-08"));
        assert_eq!(find_full_date("26-03-2020 16:25").as_deref(), Some("2020-03-26"));
        assert_eq!(find_full_date("31/02/2020"), None);
        assert_eq!(find_full_date("nhiệm kỳ 2020-2025"), None);
        assert_eq!(find_day_month_opening("Ngày 8/10, Quận ủy"), Some((8, 10)));
        assert_eq!(find_day_month_opening("Ngày 8/10/2020, Quận ủy"), None);
    }

    #[test]
    fn dates_in_common_spellings() {
        assert_eq!(normalize_date("2020-10-08T23:45:00+07:00").as_deref(), Some("2020-10-08"));
        assert_eq!(normalize_date("08/10/2020").as_deref(), Some("2020-10-08"));
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(normalize_date("2020-13-45"), None);
    }
}
