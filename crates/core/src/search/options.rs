//! What a search can be asked besides the query: filters, a date range, a sort
//! order, a limit; and [`SearchOptions::validate`], the one place that says what is
//! wrong with them (the CLI and the JS API show its sentences as they are).

use serde::{Deserialize, Serialize};

use crate::document::days_from_iso;
use crate::error::{Error, ErrorKind, Result};
use crate::index::FACETS;

/// Select documents whose `facet` has any of `values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub facet: String,
    pub values: Vec<String>,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (the default).
    #[default]
    Relevance,
    /// Newest date first; undated documents last.
    Newest,
    /// Oldest date first; undated documents last.
    Oldest,
}

/// Everything a search can be asked besides the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// At most this many hits.
    pub limit: usize,
    /// Skip this many of the ranked hits first: the next page of a list.
    pub offset: usize,
    /// AND across facets, OR within one (several filters on one facet merge).
    pub filters: Vec<Filter>,
    /// Inclusive date range, ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    /// Count facet values and months (on by default; a list that shows no facets
    /// saves the work).
    pub facets: bool,
    /// Values of one facet to find by what they contain, ignoring tones and case:
    /// that facet's counts list only such values (still the most frequent
    /// [`super::MAX_FACET_VALUES`]), so a value beyond the top ones can be found.
    pub find: Option<FacetFind>,
}

/// Which facet's values [`SearchOptions::find`] looks in, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetFind {
    pub facet: String,
    pub text: String,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            filters: Vec::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            facets: true,
            find: None,
        }
    }
}

/// A lenient date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` picks the last day.
pub fn date_bound(s: &str, end: bool) -> Option<i32> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let iso = match parts[..] {
        [y] => format!("{y}-{}", if end { "12-31" } else { "01-01" }),
        [y, m] => {
            let m: u32 = m.parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            if !end {
                format!("{y}-{m:02}-01")
            } else {
                let next = if m == 12 {
                    format!("{}-01-01", y.parse::<i32>().ok()?.checked_add(1)?)
                } else {
                    format!("{y}-{:02}-01", m + 1)
                };
                return days_from_iso(&next).map(|d| d - 1);
            }
        }
        [_, _, _] => s.trim().to_owned(),
        _ => return None,
    };
    days_from_iso(&iso)
}

/// The sort orders by name, as the CLI, the JS API and page links spell them.
pub const SORT_NAMES: [&str; 3] = ["relevance", "newest", "oldest"];

impl Sort {
    /// The name of the order (`relevance`, `newest`, `oldest`).
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => SORT_NAMES[0],
            Sort::Newest => SORT_NAMES[1],
            Sort::Oldest => SORT_NAMES[2],
        }
    }
}

impl std::fmt::Display for Sort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads a sort order by name; `date` is another name for `newest`.
impl std::str::FromStr for Sort {
    type Err = Error;

    fn from_str(s: &str) -> Result<Sort> {
        match s.trim() {
            "relevance" => Ok(Sort::Relevance),
            "newest" | "date" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            other => Err(invalid("sort", other, &format!("{}, {} or {}", SORT_NAMES[0], SORT_NAMES[1], SORT_NAMES[2]))),
        }
    }
}

fn invalid(option: &'static str, value: &str, expected: &str) -> Error {
    Error::new(ErrorKind::InvalidOption { option, value: value.to_owned(), expected: expected.to_owned() })
}

/// What a date bound must look like.
const DATE_FORMS: &str = "a date as YYYY, YYYY-MM or YYYY-MM-DD";

impl SearchOptions {
    /// Adds a filter on `facet` (values of one facet are ORed). Checked by
    /// [`SearchOptions::validate`].
    pub fn add_filter(&mut self, facet: &str, value: &str) {
        let (facet, value) = (facet.trim(), value.trim().to_owned());
        match self.filters.iter_mut().find(|f| f.facet == facet) {
            Some(f) => f.values.push(value),
            None => self.filters.push(Filter { facet: facet.to_owned(), values: vec![value] }),
        }
    }

    /// Checks the options: every filter names a known facet, and the date bounds
    /// are dates. The error says which option is wrong and what it should be, in the
    /// same words for the CLI and the JS API.
    pub fn validate(&self) -> Result<()> {
        let facets = self.filters.iter().map(|f| &f.facet).chain(self.find.iter().map(|f| &f.facet));
        for facet in facets {
            if !FACETS.contains(&facet.as_str()) {
                let names = FACETS.join(", ");
                return Err(invalid("facet", facet, &format!("one of {names}")));
            }
        }
        for (option, bound, end) in [("from", &self.from, false), ("to", &self.to, true)] {
            if let Some(d) = bound {
                if date_bound(d, end).is_none() {
                    return Err(invalid(option, d, DATE_FORMS));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (seeds `fuzz/corpus/query/date-bound-*`): the year after
    /// `i32::MAX` and the month after `u32::MAX` overflowed.
    #[test]
    fn date_bounds_with_huge_numbers_are_not_dates() {
        assert_eq!(date_bound("2147483647-12", true), None);
        assert_eq!(date_bound("2020-4294967295", true), None);
        assert_eq!(date_bound("20220210-01", false), None);
        assert_eq!(date_bound("2020-12", true), days_from_iso("2020-12-31"));
        assert_eq!(date_bound("2020-02", true), days_from_iso("2020-02-29"));
    }

    #[test]
    fn sort_names_read_back() {
        for name in SORT_NAMES {
            assert_eq!(name.parse::<Sort>().unwrap().name(), name);
        }
        let e = "best".parse::<Sort>().unwrap_err().to_string();
        assert_eq!(e, "invalid sort \"best\": use relevance, newest or oldest");
    }

    #[test]
    fn validation_names_the_option_and_the_remedy() {
        let mut o = SearchOptions::default();
        o.add_filter("place", "Kim Sơn");
        o.add_filter(" place ", "Hà Nội");
        assert_eq!(o.filters.len(), 1);
        assert!(o.validate().is_ok());
        o.add_filter("colour", "red");
        assert!(o.validate().unwrap_err().to_string().starts_with("invalid facet \"colour\": use one of source,"));
        let o = SearchOptions { to: Some("2020-13".into()), ..SearchOptions::default() };
        assert_eq!(
            o.validate().unwrap_err().to_string(),
            "invalid to \"2020-13\": use a date as YYYY, YYYY-MM or YYYY-MM-DD"
        );
        let o = SearchOptions { from: Some("2020".into()), to: Some("2021-02".into()), ..SearchOptions::default() };
        assert!(o.validate().is_ok());
    }
}
