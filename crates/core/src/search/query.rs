//! The query language, read leniently: no input is an error.
//!
//! ```text
//! đại hội            words: every one must match (ANDed); adjacent ones rank higher
//! "đại hội" chi bộ   a quoted phrase: its words must stand next to each other, in order
//! 35-CT/TW 2020-2025 words joined by - / . : _ are a phrase too, found as written
//! -huyện -"quốc hội" exclusion: no result contains it
//! hà nội OR đà nẵng  either side (OR binds the unit before and after it)
//! title:kim title:"kim sơn"   only in the title
//! ```
//!
//! The last word is matched as a prefix while it is being typed (no trailing space
//! or quote). Whatever cannot be read as written is read the nearest sensible way
//! (an unclosed quote runs to the end, a lone `-` or `OR` is ignored, control
//! characters separate words), and [`Query::read_as`] shows the reading.

use crate::analysis::{fold, is_word_char, normalize, surface, tokens, MAX_TERM_BYTES};

/// Clauses (AND-ed groups) beyond this many are ignored and reported.
pub const MAX_CLAUSES: usize = 32;
/// Words in one phrase beyond this many are ignored.
pub const MAX_PHRASE_WORDS: usize = 16;

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// As typed (NFC).
    pub text: String,
    pub surface: String,
    pub folded: String,
    /// Matched as a prefix (the last word, still being typed).
    pub prefix: bool,
}

impl QueryTerm {
    pub(super) fn new(text: &str) -> Self {
        QueryTerm { text: text.to_owned(), surface: surface(text), folded: fold(text), prefix: false }
    }
}

/// Where a unit must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field {
    #[default]
    Any,
    Title,
}

/// A word or a phrase (words that must be adjacent, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub words: Vec<QueryTerm>,
    /// Quoted by the user (shown with quotes when read back).
    pub quoted: bool,
    pub field: Field,
}

impl Unit {
    /// A phrase: more than one word that must stand together.
    pub fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }
}

/// Alternatives joined by `OR`; a document matches the clause if it matches any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<Unit>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// All must match (in the best case; see the search for partial matches).
    pub clauses: Vec<Clause>,
    /// No result may match any of these.
    pub excluded: Vec<Unit>,
    /// Clauses dropped because the query had more than [`MAX_CLAUSES`].
    pub dropped: usize,
}

/// A lexical piece of the raw query.
#[derive(Debug)]
enum Piece {
    Words { text: String, quoted: bool, negated: bool, field: Field, open_end: bool },
    Or,
}

impl Query {
    /// Parses a query. Never fails.
    pub fn parse(input: &str) -> Query {
        let text = normalize(input);
        let pieces = lex(&text);
        let mut query = Query::default();
        let mut pending_or = false;
        let mut last_open_end = false;
        for piece in pieces {
            match piece {
                Piece::Or => pending_or = !query.clauses.is_empty(),
                Piece::Words { text, quoted, negated, field, open_end } => {
                    let units = units_of(&text, quoted, field);
                    if units.is_empty() {
                        continue;
                    }
                    if negated {
                        query.excluded.extend(units);
                        pending_or = false;
                        last_open_end = false;
                        continue;
                    }
                    last_open_end = open_end && !quoted;
                    let mut units = units.into_iter();
                    if pending_or {
                        if let (Some(clause), Some(first)) = (query.clauses.last_mut(), units.next()) {
                            clause.alternatives.push(first);
                        }
                        pending_or = false;
                    }
                    for unit in units {
                        query.clauses.push(Clause { alternatives: vec![unit] });
                    }
                }
            }
        }
        if query.clauses.len() > MAX_CLAUSES {
            query.dropped = query.clauses.len() - MAX_CLAUSES;
            query.clauses.truncate(MAX_CLAUSES);
            last_open_end = false;
        }
        query.excluded.truncate(MAX_CLAUSES);
        // The word being typed is a prefix.
        if last_open_end {
            if let Some(unit) = query.clauses.last_mut().and_then(|c| c.alternatives.last_mut()) {
                if !unit.quoted {
                    if let Some(word) = unit.words.last_mut() {
                        word.prefix = true;
                    }
                }
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Every word of the query (clauses first, then exclusions), in order.
    pub fn terms(&self) -> impl Iterator<Item = &QueryTerm> {
        self.clauses.iter().flat_map(|c| c.alternatives.iter()).chain(self.excluded.iter()).flat_map(|u| u.words.iter())
    }

    /// How the query was read, in the query language (`"đại hội" -huyện kim*`):
    /// prefixes end in `*`, phrases are quoted.
    pub fn read_as(&self) -> String {
        let unit = |u: &Unit, neg: bool| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            if u.field == Field::Title {
                s.push_str("title:");
            }
            let words: Vec<String> =
                u.words.iter().map(|w| if w.prefix { format!("{}*", w.text) } else { w.text.clone() }).collect();
            if u.is_phrase() || u.quoted {
                s.push('"');
                s.push_str(&words.join(" "));
                s.push('"');
            } else {
                s.push_str(&words.join(" "));
            }
            s
        };
        let mut parts: Vec<String> = self
            .clauses
            .iter()
            .map(|c| c.alternatives.iter().map(|u| unit(u, false)).collect::<Vec<_>>().join(" OR "))
            .collect();
        parts.extend(self.excluded.iter().map(|u| unit(u, true)));
        parts.join(" ")
    }
}

/// Splits the raw query into quoted/unquoted pieces, `-` and `field:` prefixes and `OR`.
fn lex(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        // Prefixes: `-` then `title:`.
        let mut negated = false;
        let mut field = Field::Any;
        let mut j = i;
        if chars[j].1 == '-' && chars.get(j + 1).is_some_and(|&(_, n)| n == '"' || is_word_char(n)) {
            negated = true;
            j += 1;
        }
        let rest = &text[chars[j].0..];
        if rest.len() > 6 && rest.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("title:")) {
            field = Field::Title;
            j += 6;
        }
        if j >= chars.len() {
            break;
        }
        if chars[j].1 == '"' {
            // A quoted phrase, to the closing quote or the end.
            let start = j + 1;
            let mut k = start;
            while k < chars.len() && chars[k].1 != '"' {
                k += 1;
            }
            let from = chars.get(start).map_or(text.len(), |&(b, _)| b);
            let to = chars.get(k).map_or(text.len(), |&(b, _)| b);
            pieces.push(Piece::Words {
                text: text[from..to].to_owned(),
                quoted: true,
                negated,
                field,
                open_end: false,
            });
            i = k + 1;
            continue;
        }
        // A bare word: up to whitespace or a quote.
        let mut k = j;
        while k < chars.len() && !chars[k].1.is_whitespace() && !chars[k].1.is_control() && chars[k].1 != '"' {
            k += 1;
        }
        let from = chars[j].0;
        let to = chars.get(k).map_or(text.len(), |&(b, _)| b);
        let word = &text[from..to];
        if word == "OR" && !negated && field == Field::Any {
            pieces.push(Piece::Or);
        } else {
            let open_end = k == chars.len() && word.chars().last().is_some_and(is_word_char);
            pieces.push(Piece::Words { text: word.to_owned(), quoted: false, negated, field, open_end });
        }
        i = k;
    }
    pieces
}

/// The units of a piece of text: a quoted piece is one phrase; an unquoted piece
/// is one unit per word, except that words joined by `-`, `/`, `.`, `:` or `_`
/// with no space (`35-CT/TW`) form one phrase.
fn units_of(text: &str, quoted: bool, field: Field) -> Vec<Unit> {
    let toks: Vec<_> = tokens(text)
        .filter(|t| {
            let f = fold(t.text);
            !f.is_empty() && f.len() <= MAX_TERM_BYTES
        })
        .collect();
    if toks.is_empty() {
        return Vec::new();
    }
    if quoted {
        let words = toks.iter().take(MAX_PHRASE_WORDS).map(|t| QueryTerm::new(t.text)).collect();
        return vec![Unit { words, quoted: true, field }];
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for t in toks {
        let joined = prev_end.is_some_and(|end| {
            let gap = &text[end..t.range.0];
            !gap.is_empty() && gap.chars().all(|c| matches!(c, '-' | '/' | '.' | ':' | '_' | '–'))
        });
        let word = QueryTerm::new(t.text);
        match units.last_mut() {
            Some(unit) if joined && unit.words.len() < MAX_PHRASE_WORDS => unit.words.push(word),
            _ => units.push(Unit { words: vec![word], quoted: false, field }),
        }
        prev_end = Some(t.range.1);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(q: &str) -> String {
        Query::parse(q).read_as()
    }

    #[test]
    fn words_phrases_exclusions_or_and_fields() {
        assert_eq!(read("đại hội "), "đại hội");
        assert_eq!(read("đại hộ"), "đại hộ*");
        assert_eq!(read("\"đại hội\" chi bộ"), "\"đại hội\" chi bộ*");
        assert_eq!(read("chi bộ \"đại hội\""), "chi bộ \"đại hội\"");
        assert_eq!(read("đại hội -huyện "), "đại hội -huyện");
        assert_eq!(read("hà nội OR đà nẵng "), "hà nội OR đà nẵng");
        assert_eq!(read("title:kim sơn "), "title:kim sơn");
        assert_eq!(read("title:\"kim sơn\" "), "title:\"kim sơn\"");
        assert_eq!(read("-\"quốc hội\" đảng "), "đảng -\"quốc hội\"");
    }

    #[test]
    fn identifiers_are_phrases_of_their_parts() {
        let q = Query::parse("35-CT/TW 2020-2025 ");
        assert_eq!(q.clauses.len(), 2);
        assert_eq!(q.clauses[0].alternatives[0].words.len(), 3);
        assert_eq!(q.read_as(), "\"35 CT TW\" \"2020 2025\"");
    }

    #[test]
    fn malformed_input_is_read_leniently() {
        assert_eq!(read("\"đại hội"), "\"đại hội\"");
        assert_eq!(read("- đại"), "đại*");
        assert_eq!(read("OR đại OR "), "đại");
        assert_eq!(read("\"\""), "");
        assert_eq!(read("a\u{0}b\u{7}c "), "a b c");
        assert_eq!(read("title:"), "title");
        let long = Query::parse(&"từ ".repeat(5000));
        assert_eq!(long.clauses.len(), MAX_CLAUSES);
        assert_eq!(long.dropped, 5000 - MAX_CLAUSES);
    }

    #[test]
    fn the_word_being_typed_is_a_prefix_only_at_the_end() {
        let q = Query::parse("kim sơ");
        assert!(!q.clauses[0].alternatives[0].words[0].prefix);
        assert!(q.clauses[1].alternatives[0].words[0].prefix);
        assert!(!Query::parse("kim sơ ").clauses[1].alternatives[0].words[0].prefix);
        assert!(!Query::parse("\"kim sơ").clauses[0].alternatives[0].words[1].prefix);
    }
}
