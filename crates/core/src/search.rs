//! Query → matching documents, ranked.
//!
//! 1. **Parse**: the query goes through the same analyzer as the articles
//!    ([`crate::text`]); each word becomes a [`QueryTerm`]. The last word is matched
//!    as a prefix while the user is still typing it (no trailing space).
//! 2. **Expand** each term on the fst dictionary: all keys whose folded half equals
//!    the term's folded form (every tone variant), plus, for a prefix term, keys whose
//!    folded half starts with it. Each expansion gets a weight by how it matched
//!    ([`MatchKind`]).
//! 3. **Score**: terms are ANDed. Per term and document, BM25 over a term frequency
//!    that sums the expansions' occurrences times their weights (title occurrences
//!    count [`TITLE_BOOST`] times), with the word's document frequency over all its
//!    expansions. The sum over terms is multiplied up when consecutive query words
//!    stand adjacent in the document.
//!
//! All ranking weights are the constants below, in one place.

use std::collections::HashMap;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use crate::index::Index;
use crate::text::{fold, has_diacritics, is_word_char, normalize, surface, tokens, MAX_TERM_BYTES};

/// BM25 term-frequency saturation.
pub const BM25_K1: f32 = 1.2;
/// BM25 length normalisation.
pub const BM25_B: f32 = 0.75;
/// A word in the title counts as this many occurrences in the body.
pub const TITLE_BOOST: f32 = 3.0;
/// Weight of an expansion whose surface form is exactly the typed word
/// (both tone placements count as exact; see [`crate::text::surface`]).
pub const WEIGHT_EXACT: f32 = 1.0;
/// Weight of another tone variant when the user typed no diacritics (`dai` → `đại`):
/// the user did not choose, so nearly as good as exact.
pub const WEIGHT_FOLDED_TONELESS: f32 = 0.9;
/// Weight of another tone variant when the user typed diacritics (`đường` → `dương`):
/// the typed diacritic was meaningful, so this is a weak match.
pub const WEIGHT_FOLDED_OTHER_TONE: f32 = 0.25;
/// Weight of a longer word matched by the prefix being typed (`hộ` → `hội`).
pub const WEIGHT_PREFIX: f32 = 0.5;
/// Extra factor on a prefix match whose diacritics disagree with what was typed.
pub const WEIGHT_PREFIX_OTHER_TONE: f32 = 0.5;
/// When every pair of consecutive query words is adjacent in the document, the
/// score is multiplied by `1 + ADJACENCY_BOOST`; partially adjacent, pro rata.
pub const ADJACENCY_BOOST: f32 = 1.0;
/// A prefix expands to at most this many dictionary terms (the most frequent), so
/// a one-letter prefix stays fast.
pub const MAX_PREFIX_EXPANSIONS: usize = 64;
/// Words of a query beyond this many are ignored (and reported as such).
pub const MAX_QUERY_TERMS: usize = 32;

/// How a dictionary term matched a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Same surface form.
    Exact,
    /// Same folded form, other diacritics.
    Folded,
    /// The query word is a prefix of the folded form.
    Prefix,
}

/// One word of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// As typed (NFC).
    pub text: String,
    pub surface: String,
    pub folded: String,
    /// Matched as a prefix (the last word, still being typed).
    pub prefix: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<QueryTerm>,
    /// Words dropped because the query had more than [`MAX_QUERY_TERMS`].
    pub dropped_terms: usize,
}

impl Query {
    /// Parses a query. Never fails: anything that is not a word is a separator.
    pub fn parse(input: &str) -> Query {
        let text = normalize(input);
        let ends_in_word = text.chars().last().is_some_and(is_word_char);
        let mut terms: Vec<QueryTerm> = tokens(&text)
            .filter(|t| {
                let f = fold(t.text);
                !f.is_empty() && f.len() <= MAX_TERM_BYTES
            })
            .map(|t| QueryTerm {
                text: t.text.to_owned(),
                surface: surface(t.text),
                folded: fold(t.text),
                prefix: false,
            })
            .collect();
        let dropped_terms = terms.len().saturating_sub(MAX_QUERY_TERMS);
        terms.truncate(MAX_QUERY_TERMS);
        if ends_in_word && dropped_terms == 0 {
            if let Some(last) = terms.last_mut() {
                last.prefix = true;
            }
        }
        Query {
            terms,
            dropped_terms,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A dictionary term a query word expanded to.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub ordinal: u64,
    /// The term's surface form (see [`crate::text::surface`]).
    pub surface: String,
    pub kind: MatchKind,
    pub weight: f32,
}

/// A ranked document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// Knows which words of a text are matches of a query, for snippets and highlights.
/// Built from the dictionary terms the query expanded to, so a word is highlighted
/// exactly when it is one the index matched (also through folding or a prefix).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlighter {
    /// surface form → index of the query term it matches.
    surfaces: HashMap<String, usize>,
}

impl Highlighter {
    /// A highlighter for the given words (each its own query term), for tests and
    /// for callers that highlight without searching.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let surfaces = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| (surface(w), i))
            .collect();
        Self { surfaces }
    }

    /// The query term a word (as written in a text) matches, if any.
    pub fn term_of(&self, word: &str) -> Option<usize> {
        if self.surfaces.is_empty() {
            return None;
        }
        self.surfaces.get(&surface(word)).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.surfaces.is_empty()
    }
}

/// What [`Index::search`] returns.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub query: Query,
    /// Number of matching documents (hits holds at most `limit` of them).
    pub total: usize,
    pub hits: Vec<Hit>,
    pub highlighter: Highlighter,
    /// Query words that match no document at all.
    pub unmatched: Vec<String>,
}

/// Per query term and document: weighted frequency, then score; and the union of
/// matched positions.
#[derive(Default)]
struct TermDoc {
    score: f32,
    positions: Vec<u32>,
}

impl Index {
    /// Every dictionary term a query word matches, with its weight.
    pub fn expand(&self, term: &QueryTerm) -> Vec<Expansion> {
        let typed_diacritics = has_diacritics(&term.text);
        let mut out = Vec::new();
        let mut prefixed = Vec::new();
        let mut classify = |key: &[u8], ordinal: u64| {
            let Some(sep) = key.iter().position(|&b| b == 0) else {
                return;
            };
            let (folded, surf) = (&key[..sep], &key[sep + 1..]);
            let Ok(surf) = std::str::from_utf8(surf) else {
                return;
            };
            if folded == term.folded.as_bytes() {
                let (kind, weight) = if surf == term.surface {
                    (MatchKind::Exact, WEIGHT_EXACT)
                } else if typed_diacritics {
                    (MatchKind::Folded, WEIGHT_FOLDED_OTHER_TONE)
                } else {
                    (MatchKind::Folded, WEIGHT_FOLDED_TONELESS)
                };
                out.push(Expansion {
                    ordinal,
                    surface: surf.to_owned(),
                    kind,
                    weight,
                });
            } else {
                let agrees = !typed_diacritics || surf.starts_with(&term.surface);
                let weight = if agrees {
                    WEIGHT_PREFIX
                } else {
                    WEIGHT_PREFIX * WEIGHT_PREFIX_OTHER_TONE
                };
                prefixed.push(Expansion {
                    ordinal,
                    surface: surf.to_owned(),
                    kind: MatchKind::Prefix,
                    weight,
                });
            }
        };
        if term.prefix {
            let mut stream = self
                .dict()
                .search(Str::new(&term.folded).starts_with())
                .into_stream();
            while let Some((key, ordinal)) = stream.next() {
                classify(key, ordinal);
            }
        } else {
            // Every key `folded ‖ 0x00 ‖ …`: the tone variants of the word.
            let mut lo = term.folded.as_bytes().to_vec();
            lo.push(0);
            let mut hi = term.folded.as_bytes().to_vec();
            hi.push(1);
            let mut stream = self.dict().range().ge(lo).lt(hi).into_stream();
            while let Some((key, ordinal)) = stream.next() {
                classify(key, ordinal);
            }
        }
        if prefixed.len() > MAX_PREFIX_EXPANSIONS {
            // Keep the most frequent (then the better-weighted, then dictionary order).
            prefixed.sort_by(|a, b| {
                let df = |e: &Expansion| self.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
                df(b)
                    .cmp(&df(a))
                    .then(b.weight.total_cmp(&a.weight))
                    .then(a.ordinal.cmp(&b.ordinal))
            });
            prefixed.truncate(MAX_PREFIX_EXPANSIONS);
            prefixed.sort_by_key(|e| e.ordinal);
        }
        out.extend(prefixed);
        out
    }

    /// Searches the index; returns at most `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        self.search_query(Query::parse(query), limit)
    }

    /// Searches with an already parsed query.
    pub fn search_query(&self, query: Query, limit: usize) -> SearchResults {
        let n_docs = self.doc_count() as f32;
        let avg = self.avg_doc_words();
        let mut highlighter = Highlighter::default();
        let mut per_term: Vec<HashMap<u32, TermDoc>> = Vec::with_capacity(query.terms.len());
        let mut unmatched = Vec::new();
        for (qi, term) in query.terms.iter().enumerate() {
            // Weighted, title-boosted term frequency per document, summed over the
            // expansions: every tone variant or completion is a synonym of the word.
            let mut docs: HashMap<u32, TermDoc> = HashMap::new();
            for e in self.expand(term) {
                let Ok(postings) = self.postings(e.ordinal) else {
                    continue;
                };
                highlighter.surfaces.entry(e.surface.clone()).or_insert(qi);
                for p in postings {
                    let Some(meta) = self.doc(p.doc) else {
                        continue;
                    };
                    let in_title = p
                        .positions
                        .iter()
                        .take_while(|&&pos| pos < meta.title_words)
                        .count() as f32;
                    let in_body = p.positions.len() as f32 - in_title;
                    let entry = docs.entry(p.doc).or_default();
                    entry.score += e.weight * (in_body + TITLE_BOOST * in_title);
                    entry.positions.extend_from_slice(&p.positions);
                }
            }
            // BM25 with the word's document frequency (documents matching any expansion).
            let df = docs.len() as f32;
            let idf = (1.0 + (n_docs - df + 0.5) / (df + 0.5)).ln();
            for (&doc, entry) in docs.iter_mut() {
                let Some(meta) = self.doc(doc) else { continue };
                let tf = entry.score;
                let len = (meta.title_words + meta.body_words) as f32;
                let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * len / avg);
                entry.score = idf * tf * (BM25_K1 + 1.0) / (tf + norm);
            }
            if docs.is_empty() {
                unmatched.push(term.text.clone());
            }
            per_term.push(docs);
        }

        let mut hits = Vec::new();
        if let Some((first, rest)) = per_term.split_first() {
            for (&doc, td) in first {
                if !rest.iter().all(|m| m.contains_key(&doc)) {
                    continue;
                }
                let mut score = td.score + rest.iter().map(|m| m[&doc].score).sum::<f32>();
                if per_term.len() > 1 {
                    let adjacent = per_term
                        .windows(2)
                        .filter(|w| any_adjacent(&w[0][&doc].positions, &w[1][&doc].positions))
                        .count();
                    score *= 1.0 + ADJACENCY_BOOST * adjacent as f32 / (per_term.len() - 1) as f32;
                }
                hits.push(Hit { doc, score });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        let total = hits.len();
        hits.truncate(limit);
        SearchResults {
            query,
            total,
            hits,
            highlighter,
            unmatched,
        }
    }
}

/// True when some position in `a` is directly followed by one in `b`.
fn any_adjacent(a: &[u32], b: &[u32]) -> bool {
    let mut a: Vec<u32> = a.to_vec();
    let mut b: Vec<u32> = b.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let want = a[i] + 1;
        match b[j].cmp(&want) {
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_word_is_a_prefix_only_while_typing() {
        let q = Query::parse("đại hộ");
        assert!(!q.terms[0].prefix);
        assert!(q.terms[1].prefix);
        let q = Query::parse("đại hộ ");
        assert!(!q.terms[1].prefix);
    }

    #[test]
    fn hostile_queries_parse_leniently() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("\"\"-- ((( \u{0}\u{7}").is_empty());
        let long = "ab ".repeat(5000);
        let q = Query::parse(&long);
        assert_eq!(q.terms.len(), MAX_QUERY_TERMS);
        assert_eq!(q.dropped_terms, 5000 - MAX_QUERY_TERMS);
    }

    #[test]
    fn adjacency_is_detected_in_order_only() {
        assert!(any_adjacent(&[3, 10], &[11]));
        assert!(!any_adjacent(&[11], &[10]));
        assert!(!any_adjacent(&[], &[1]));
    }
}
