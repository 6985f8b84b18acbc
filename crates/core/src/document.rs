//! What an article is, for every stage: a [`Document`] (id, title, body) and its
//! [`Metadata`], as the formats read them, the index stores them and answers
//! show them; and calendar dates as ISO strings and day numbers.

use serde::{Deserialize, Serialize};

/// An article to index. Text may be NFC or NFD; it is stored as NFC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier, e.g. the path relative to the corpus folder.
    pub id: String,
    pub title: String,
    pub body: String,
    /// Date, author, source, category, places, people, references.
    pub meta: Metadata,
}

impl Document {
    /// A document without metadata.
    pub fn new(id: impl Into<String>, title: impl Into<String>, body: impl Into<String>) -> Self {
        Document { id: id.into(), title: title.into(), body: body.into(), meta: Metadata::default() }
    }
}

/// What is known about an article besides its title and text. Every field is
/// optional: a value that cannot be found for sure is left empty, not guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// Publication date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Author(s) or byline, e.g. `Quốc Nghị`.
    pub author: Option<String>,
    /// Where it comes from: a host (`thanhtra.com.vn`) or an organisation.
    pub source: Option<String>,
    /// The site's section, e.g. `Tin tức trong Huyện`.
    pub category: Option<String>,
    /// The original address, when known.
    pub url: Option<String>,
    /// Administrative places named in the text (`Kim Sơn`, `Lạng Sơn`).
    pub places: Vec<String>,
    /// People named as `đồng chí …`.
    pub people: Vec<String>,
    /// Document references (`Chỉ thị 35-CT/TW`, `Kế hoạch 167-KH/HU`).
    pub doc_refs: Vec<String>,
}

impl Metadata {
    /// Fills every field that `other` sets (an override: front matter, a
    /// metadata file beside the article).
    pub fn override_with(&mut self, other: Metadata) {
        let Metadata { date, author, source, category, url, places, people, doc_refs } = other;
        if date.is_some() {
            self.date = date;
        }
        if author.is_some() {
            self.author = author;
        }
        if source.is_some() {
            self.source = source;
        }
        if category.is_some() {
            self.category = category;
        }
        if url.is_some() {
            self.url = url;
        }
        if !places.is_empty() {
            self.places = places;
        }
        if !people.is_empty() {
            self.people = people;
        }
        if !doc_refs.is_empty() {
            self.doc_refs = doc_refs;
        }
    }
}

pub(crate) fn valid_day(d: u32, m: u32, y: i32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// ISO date from day, month, year strings, if they form a real date (1900–2100).
pub fn iso_date(d: &str, m: &str, y: &str) -> Option<String> {
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    ((1900..=2100).contains(&y) && valid_day(d, m, y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of an ISO date (for ranges and sorting); `None` if invalid.
pub fn days_from_iso(iso: &str) -> Option<i32> {
    let mut parts = iso.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    // Years beyond 4 digits are not dates (and would overflow the arithmetic below).
    if parts.next().is_some() || !(0..=9999).contains(&y) || !valid_day(d, m, y) {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant's algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (`fuzz/corpus/query/crash-date-year-overflow`): a `from`
    /// of `20220210-01` overflowed i32 (a panic in debug builds, a wrong range in
    /// release).
    #[test]
    fn huge_years_are_not_dates() {
        assert_eq!(days_from_iso("20220210-01-01"), None);
        assert_eq!(days_from_iso("2147483647-12-31"), None);
        assert_eq!(days_from_iso("-5-01-01"), None);
        assert_eq!(days_from_iso("9999-12-31"), Some(2_932_896));
    }

    #[test]
    fn days_from_iso_counts_from_the_epoch() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2000-03-01"), Some(11_017));
        assert_eq!(days_from_iso("2020-02-30"), None);
    }

    #[test]
    fn overrides_replace_only_what_they_set() {
        let mut m = Metadata { author: Some("A".into()), places: vec!["X".into()], ..Metadata::default() };
        m.override_with(Metadata { date: Some("2020-01-02".into()), ..Metadata::default() });
        assert_eq!(m.author.as_deref(), Some("A"));
        assert_eq!(m.date.as_deref(), Some("2020-01-02"));
        assert_eq!(m.places, ["X"]);
    }
}
