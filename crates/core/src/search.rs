//! Query → ranked documents.
//!
//! 1. **Parse** ([`crate::query`]): clauses of words and phrases, exclusions, `OR`,
//!    `title:`, with the same analyzer as the articles.
//! 2. **Expand** every word on the fst dictionary ([`Index::expand`]): the tone
//!    variants of its folded form, completions of the word being typed, Telex/VNI
//!    readings of a word that is not itself in the dictionary, and one-edit typos
//!    (Levenshtein automaton over the folded half of each key). Each expansion has a
//!    [`MatchKind`], which gives it a weight and a class.
//! 3. **Match**: a word matches where any expansion occurs; a phrase where its words
//!    occur at consecutive positions; a clause where any alternative matches.
//! 4. **Rank** by, in order: the number of clauses matched (so a query with a word
//!    no document has still ranks the rest), the match class (exact and toneless
//!    before other-tone, before prefix, before typo), then the score: BM25 per clause
//!    over a weighted, title-boosted term frequency, summed, and multiplied up when
//!    consecutive query words stand adjacent in the document.
//!
//! All weights are the constants below, in one place.

use std::collections::{BTreeMap, HashMap, HashSet};

use fst::automaton::{Automaton, Levenshtein, Str};
use fst::{IntoStreamer, Streamer};

use crate::facets::{counts as facet_counts, Compiled, FacetCount, MonthCount, SearchOptions, Sort};
use crate::index::Index;
use crate::matching::{
    any_adjacent, clause_matches, unit_matches, word_matches, ClauseMatches, UnitMatches, WordMatches,
};
use crate::query::{Query, QueryTerm};
use crate::telex;
use crate::text::{fold, has_diacritics, surface, Token};

/// BM25 term-frequency saturation.
pub const BM25_K1: f32 = 1.2;
/// BM25 length normalisation.
pub const BM25_B: f32 = 0.75;
/// A word in the title counts as this many occurrences in the body.
pub const TITLE_BOOST: f32 = 3.0;
/// Weight of an expansion whose surface form is what was typed (both tone
/// placements count as the same form; see [`crate::text::surface`]).
pub const WEIGHT_EXACT: f32 = 1.0;
/// A tone variant when the user typed no diacritics (`dai` → `đại`): the user did
/// not choose, so nearly as good as exact, and in the same class. It is scaled by
/// how common the variant is among the word's variants (from ½ for the rarest to 1
/// for the most frequent), so `dai hoi` prefers *đại hội* to *dài hơi*.
pub const WEIGHT_FOLDED_TONELESS: f32 = 0.9;
/// Another tone variant when the user typed diacritics that no indexed word has
/// (a mistyped tone): a weak match in a lower class. When the typed form exists,
/// other variants do not match at all.
pub const WEIGHT_FOLDED_OTHER_TONE: f32 = 0.3;
/// The Telex/VNI reading of a word typed with the IME off (`ddaij` → `đại`).
pub const WEIGHT_TELEX: f32 = 0.9;
/// A longer word completing the word being typed (`hộ` → `hội`).
pub const WEIGHT_PREFIX: f32 = 0.5;
/// Extra factor on a completion whose diacritics disagree with what was typed.
pub const WEIGHT_PREFIX_OTHER_TONE: f32 = 0.5;
/// A word one edit away (on the folded form).
pub const WEIGHT_TYPO: f32 = 0.3;
/// When every pair of consecutive query clauses is adjacent in the document, the
/// score is multiplied by `1 + ADJACENCY_BOOST`; partially adjacent, pro rata.
pub const ADJACENCY_BOOST: f32 = 1.0;
/// A word expands to at most this many completions or typo variants (the most
/// frequent), so a one-letter prefix stays fast; the next keystroke narrows it.
pub const MAX_EXPANSIONS: usize = 32;
/// Typos are tried for a word the dictionary does not know (in no tone variant,
/// completion or Telex reading) from this many letters (folded)…
pub const TYPO_MIN_LETTERS: usize = 3;
/// …and for known words only from this many letters. Vietnamese syllables are
/// short (none folds to more than 7 letters) and densely packed: one edit away from
/// almost any syllable is another real word (`nhiem` → `nhiet`), so typos of known
/// syllables would only add noise. Longer words (`website` → `websile`) are loanwords,
/// names or English, where a typo is the likelier story.
pub const TYPO_MIN_LETTERS_KNOWN: usize = 8;

/// How a dictionary term matched a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Same surface form.
    Exact,
    /// Same folded form, other diacritics.
    Folded,
    /// The Telex/VNI reading of the typed word.
    Telex,
    /// The typed word is a prefix of the term's folded form.
    Prefix,
    /// One edit away from the typed word's folded form.
    Typo,
}

/// A dictionary term a query word expanded to.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub ordinal: u64,
    /// The term's surface form (see [`crate::text::surface`]).
    pub surface: String,
    pub kind: MatchKind,
    pub weight: f32,
    /// Rank class: 0 exact (or toneless), 1 other tone or Telex, 2 prefix, 3 typo.
    pub class: u8,
}

/// A comparison of hits (one sort order).
type HitOrder<'a> = dyn Fn(&Hit, &Hit) -> std::cmp::Ordering + 'a;

/// A ranked document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
    /// Clauses of the query it matches.
    pub matched: usize,
    /// Sum of the match classes of its clauses (lower is better).
    pub class: u32,
}

/// Knows which words of a text are matches of a query, for snippets and
/// highlights. It is built from the dictionary terms the query expanded to, so a
/// word is marked exactly when the index matched it (also through folding, a
/// prefix, a typo or Telex); words of a phrase only where the whole phrase stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlighter {
    /// surface form → the query words (by index) it matches.
    surfaces: HashMap<String, Vec<usize>>,
    /// Query words that count on their own.
    singles: HashSet<usize>,
    /// Phrases as sequences of query word indices.
    phrases: Vec<Vec<usize>>,
}

impl Highlighter {
    /// A highlighter for the given words (each its own query word), for tests and
    /// for callers that highlight without searching.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut h = Highlighter::default();
        for (i, w) in words.into_iter().enumerate() {
            h.surfaces.entry(surface(w)).or_default().push(i);
            h.singles.insert(i);
        }
        h
    }

    pub fn is_empty(&self) -> bool {
        self.surfaces.is_empty()
    }

    /// For each token of `toks`, the query word it counts for, if any. Phrase
    /// words count only inside a whole occurrence of their phrase.
    pub fn token_matches(&self, toks: &[Token<'_>]) -> Vec<Option<usize>> {
        if self.is_empty() {
            return vec![None; toks.len()];
        }
        // Texts repeat their words: compute each distinct spelling's surface once.
        let mut memo: HashMap<&str, Option<&Vec<usize>>> = HashMap::new();
        let words: Vec<Option<&Vec<usize>>> =
            toks.iter().map(|t| *memo.entry(t.text).or_insert_with(|| self.surfaces.get(&surface(t.text)))).collect();
        let mut marked: Vec<Option<usize>> = vec![None; toks.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(ids) = w {
                if let Some(&id) = ids.iter().find(|id| self.singles.contains(id)) {
                    marked[i] = Some(id);
                }
            }
        }
        for phrase in &self.phrases {
            if phrase.is_empty() || phrase.len() > toks.len() {
                continue;
            }
            for start in 0..=toks.len() - phrase.len() {
                let whole =
                    phrase.iter().enumerate().all(|(k, id)| words[start + k].is_some_and(|ids| ids.contains(id)));
                if whole {
                    for (k, &id) in phrase.iter().enumerate() {
                        marked[start + k] = Some(id);
                    }
                }
            }
        }
        marked
    }
}

/// What [`Index::search`] returns.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub query: Query,
    /// Number of documents in the answer (hits holds at most `limit` of them).
    pub total: usize,
    pub hits: Vec<Hit>,
    pub highlighter: Highlighter,
    /// Parts of the query (as read, e.g. `xyzzy` or `title:kim`) that match no
    /// document; they are left out of the answer.
    pub unmatched: Vec<String>,
    /// True when no document matches every clause and the answer is the documents
    /// that match the most.
    pub partial: bool,
    /// A better spelling of the query ("did you mean"), when a word matched only
    /// through a typo or Telex, or not at all but is close to a known word.
    pub suggestion: Option<String>,
    /// Per facet, its values' counts among the answer's documents (each facet's
    /// counts apply every filter but its own).
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Dated documents of the answer per month (every filter but the date range).
    pub months: Vec<MonthCount>,
    /// The expansions of each query word, by (surface, prefix), kept for the
    /// suggestion so that it does not expand the words a second time.
    expansions: HashMap<(String, bool), Vec<Expansion>>,
}

/// Runs an automaton over the folded half of `folded ‖ 0x00 ‖ surface` keys and
/// accepts any surface after it.
struct FoldedHalf<A>(A);

#[derive(Clone)]
enum HalfState<S> {
    Folded(S),
    Surface,
    Dead,
}

impl<A: Automaton> Automaton for FoldedHalf<A> {
    type State = HalfState<A::State>;

    fn start(&self) -> Self::State {
        HalfState::Folded(self.0.start())
    }

    fn is_match(&self, state: &Self::State) -> bool {
        matches!(state, HalfState::Surface)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        match state {
            HalfState::Folded(s) => self.0.can_match(s),
            HalfState::Surface => true,
            HalfState::Dead => false,
        }
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        match state {
            HalfState::Folded(s) if byte == 0 => {
                if self.0.is_match(s) {
                    HalfState::Surface
                } else {
                    HalfState::Dead
                }
            }
            HalfState::Folded(s) => HalfState::Folded(self.0.accept(s, byte)),
            HalfState::Surface => HalfState::Surface,
            HalfState::Dead => HalfState::Dead,
        }
    }
}

fn split_key(key: &[u8]) -> Option<(&[u8], &str)> {
    let sep = key.iter().position(|&b| b == 0)?;
    Some((&key[..sep], std::str::from_utf8(&key[sep + 1..]).ok()?))
}

impl Index {
    /// Keys of the dictionary whose folded half is `folded`: one word's tone variants.
    fn folded_range(&self, folded: &str) -> Vec<(String, u64)> {
        let mut lo = folded.as_bytes().to_vec();
        lo.push(0);
        let mut hi = folded.as_bytes().to_vec();
        hi.push(1);
        let mut stream = self.dict().range().ge(lo).lt(hi).into_stream();
        let mut out = Vec::new();
        while let Some((key, ordinal)) = stream.next() {
            if let Some((_, surf)) = split_key(key) {
                out.push((surf.to_owned(), ordinal));
            }
        }
        out
    }

    /// Keys within `distance` edits of `folded` (on the folded half), excluding
    /// `folded` itself.
    fn typo_keys(&self, folded: &str, distance: u32) -> Vec<(String, u64)> {
        let Ok(lev) = Levenshtein::new(folded, distance) else {
            return Vec::new();
        };
        let mut stream = self.dict().search(FoldedHalf(lev)).into_stream();
        let mut out = Vec::new();
        while let Some((key, ordinal)) = stream.next() {
            if let Some((f, surf)) = split_key(key) {
                if f != folded.as_bytes() {
                    out.push((surf.to_owned(), ordinal));
                }
            }
        }
        out
    }

    /// Keeps the `n` most frequent expansions (then the best weighted).
    fn most_frequent(&self, mut v: Vec<Expansion>, n: usize) -> Vec<Expansion> {
        if v.len() > n {
            let df = |e: &Expansion| self.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
            v.sort_by(|a, b| df(b).cmp(&df(a)).then(b.weight.total_cmp(&a.weight)).then(a.ordinal.cmp(&b.ordinal)));
            v.truncate(n);
        }
        v
    }

    /// Every dictionary term a query word matches, with its weight and class.
    pub fn expand(&self, term: &QueryTerm) -> Vec<Expansion> {
        let typed_diacritics = has_diacritics(&term.text);
        let mut out: Vec<Expansion> = Vec::new();
        let variants = self.folded_range(&term.folded);
        let df = |ordinal: u64| self.term_info(ordinal).map_or(0, |i| i.doc_freq);
        let max_df = variants.iter().map(|&(_, o)| df(o)).max().unwrap_or(0).max(1) as f32;
        // A typed diacritic constrains: when the typed form exists, other tone
        // variants are not matches (`dương` does not find `đường`). When it does not
        // exist, the tone was probably mistyped, and the variants come back, weakly.
        let exact_exists = variants.iter().any(|(surf, _)| *surf == term.surface);
        for (surf, ordinal) in variants {
            let (kind, weight, class) = if surf == term.surface {
                (MatchKind::Exact, WEIGHT_EXACT, 0)
            } else if typed_diacritics {
                if exact_exists {
                    continue;
                }
                (MatchKind::Folded, WEIGHT_FOLDED_OTHER_TONE, 1)
            } else {
                // Toneless: every reading is possible; the common ones are likelier.
                let prior = 0.5 + 0.5 * df(ordinal) as f32 / max_df;
                (MatchKind::Folded, WEIGHT_FOLDED_TONELESS * prior, 0)
            };
            out.push(Expansion { ordinal, surface: surf, kind, weight, class });
        }
        let known = !out.is_empty();

        if term.prefix {
            let mut completions = Vec::new();
            let mut stream = self.dict().search(Str::new(&term.folded).starts_with()).into_stream();
            while let Some((key, ordinal)) = stream.next() {
                let Some((f, surf)) = split_key(key) else {
                    continue;
                };
                if f == term.folded.as_bytes() {
                    continue; // the word itself: already above
                }
                let agrees = !typed_diacritics || surf.starts_with(&term.surface);
                let weight = if agrees { WEIGHT_PREFIX } else { WEIGHT_PREFIX * WEIGHT_PREFIX_OTHER_TONE };
                completions.push(Expansion {
                    ordinal,
                    surface: surf.to_owned(),
                    kind: MatchKind::Prefix,
                    weight,
                    class: 2,
                });
            }
            out.extend(self.most_frequent(completions, MAX_EXPANSIONS));
        }

        // Telex / VNI, only for a word the dictionary does not know as typed.
        if !known {
            if let Some((base, tone)) = telex::decode(&term.text) {
                for (surf, ordinal) in self.folded_range(&fold(&base)) {
                    if telex::split_tone(&surf) == (base.clone(), tone) {
                        out.push(Expansion {
                            ordinal,
                            surface: surf,
                            kind: MatchKind::Telex,
                            weight: WEIGHT_TELEX,
                            class: 1,
                        });
                    }
                }
            }
        }

        let letters = term.folded.chars().count();
        let try_typos = letters >= TYPO_MIN_LETTERS_KNOWN || (letters >= TYPO_MIN_LETTERS && out.is_empty());
        if try_typos {
            let seen: HashSet<u64> = out.iter().map(|e| e.ordinal).collect();
            let typos: Vec<Expansion> = self
                .typo_keys(&term.folded, 1)
                .into_iter()
                .filter(|(_, o)| !seen.contains(o))
                .map(|(surf, ordinal)| Expansion {
                    ordinal,
                    surface: surf,
                    kind: MatchKind::Typo,
                    weight: WEIGHT_TYPO,
                    class: 3,
                })
                .collect();
            out.extend(self.most_frequent(typos, MAX_EXPANSIONS));
        }
        out
    }

    /// Searches the index; returns at most `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        self.search_with(query, &SearchOptions { limit, ..SearchOptions::default() })
    }

    /// Searches with filters, a date range and a sort order. An empty query with
    /// filters lists the documents that pass them.
    pub fn search_with(&self, query: &str, options: &SearchOptions) -> SearchResults {
        let mut results = self.search_query(Query::parse(query), options);
        results.suggestion = self.suggest(query, &results);
        results
    }

    /// Searches with an already parsed query.
    pub fn search_query(&self, query: Query, options: &SearchOptions) -> SearchResults {
        let limit = options.limit;
        // Each distinct word once: where it occurs and, for highlighting, its expansions.
        let mut word_index: HashMap<(String, bool), usize> = HashMap::new();
        let mut expansion_of: HashMap<(String, bool), Vec<Expansion>> = HashMap::new();
        let mut words: Vec<WordMatches> = Vec::new();
        let mut highlighter = Highlighter::default();
        let mut clauses: Vec<ClauseMatches> = Vec::with_capacity(query.clauses.len());
        for clause in &query.clauses {
            let mut unit_ids: Vec<Vec<usize>> = Vec::with_capacity(clause.alternatives.len());
            for unit in &clause.alternatives {
                let mut ids = Vec::with_capacity(unit.words.len());
                for t in &unit.words {
                    let key = (t.surface.clone(), t.prefix);
                    let id = *word_index.entry(key).or_insert_with(|| {
                        let expansions = self.expand(t);
                        let i = words.len();
                        words.push(word_matches(self, &expansions, |_| true));
                        for e in &expansions {
                            highlighter.surfaces.entry(e.surface.clone()).or_default().push(i);
                        }
                        expansion_of.insert((t.surface.clone(), t.prefix), expansions);
                        i
                    });
                    ids.push(id);
                }
                if ids.len() == 1 {
                    highlighter.singles.insert(ids[0]);
                } else {
                    highlighter.phrases.push(ids.clone());
                }
                unit_ids.push(ids);
            }
            let units: Vec<UnitMatches> = clause
                .alternatives
                .iter()
                .zip(&unit_ids)
                .map(|(unit, ids)| {
                    let maps: Vec<&WordMatches> = ids.iter().map(|&i| &words[i]).collect();
                    unit_matches(self, unit, &maps)
                })
                .collect();
            clauses.push(clause_matches(self, &units));
        }

        // Exclusions: exact, folded or Telex matches only (never prefix or typo).
        let mut excluded = vec![false; self.doc_count()];
        for unit in &query.excluded {
            let maps: Vec<WordMatches> = unit
                .words
                .iter()
                .map(|w| {
                    let expansions = expansion_of
                        .entry((w.surface.clone(), false))
                        .or_insert_with(|| self.expand(&QueryTerm { prefix: false, ..w.clone() }));
                    word_matches(self, expansions, |e| e.class <= 1)
                })
                .collect();
            let refs: Vec<&WordMatches> = maps.iter().collect();
            for &doc in &unit_matches(self, unit, &refs).rows.docs {
                excluded[doc as usize] = true;
            }
        }

        // A clause that matched nothing is reported (as read) and set aside.
        let unmatched: Vec<String> = query
            .clauses
            .iter()
            .zip(&clauses)
            .filter(|(_, m)| m.rows.is_empty())
            .map(|(clause, _)| Query { clauses: vec![clause.clone()], ..Query::default() }.read_as())
            .collect();
        let live: Vec<&ClauseMatches> = clauses.iter().filter(|m| !m.rows.is_empty()).collect();

        // Accumulate per document over the live clauses.
        #[derive(Clone, Copy, Default)]
        struct Acc {
            matched: u16,
            class: u32,
            score: f32,
            adjacent: u16,
        }
        let mut acc = vec![Acc::default(); self.doc_count()];
        let mut touched: Vec<u32> = Vec::new();
        for (c, m) in live.iter().enumerate() {
            for (r, &doc) in m.rows.docs.iter().enumerate() {
                if excluded[doc as usize] {
                    continue;
                }
                let cd = m.rows.row(r)[0];
                let a = &mut acc[doc as usize];
                if a.matched == 0 {
                    touched.push(doc);
                }
                a.matched += 1;
                a.class += u32::from(cd.class);
                a.score += cd.score;
                if c > 0 {
                    if let (Some(ends), Some(starts)) = (live[c - 1].ends.of(doc), m.starts.of(doc)) {
                        if any_adjacent(ends, starts) {
                            a.adjacent += 1;
                        }
                    }
                }
            }
        }
        let best = touched.iter().map(|&d| acc[d as usize].matched).max().unwrap_or(0);
        let pairs = live.len().saturating_sub(1).max(1) as f32;
        // The documents answering the query, before filters: those matching the
        // most clauses; with no query words, every document not excluded.
        let matching: Vec<u32> = if query.is_empty() {
            (0..self.doc_count() as u32).filter(|&d| !excluded[d as usize]).collect()
        } else {
            touched.iter().copied().filter(|&d| acc[d as usize].matched == best).collect()
        };
        let filters = Compiled::new(self.facets(), self.doc_count(), options);
        let (facets, months) = if options.facets {
            facet_counts(self.facets(), self.docs(), &matching, &filters)
        } else {
            (BTreeMap::new(), Vec::new())
        };
        let days = |d: u32| self.doc(d).and_then(|m| m.days);
        let mut hits: Vec<Hit> = matching
            .iter()
            .copied()
            .filter(|&d| filters.passes(d, days(d), None, false))
            .map(|doc| {
                let a = acc[doc as usize];
                let score = a.score * (1.0 + ADJACENCY_BOOST * f32::from(a.adjacent) / pairs);
                Hit { doc, score, matched: usize::from(a.matched), class: a.class }
            })
            .collect();
        let partial = best > 0 && usize::from(best) < live.len();
        let relevance = |a: &Hit, b: &Hit| {
            b.matched
                .cmp(&a.matched)
                .then(a.class.cmp(&b.class))
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        };
        // Dated documents by date (undated last), ties by relevance.
        let by_date = |newest: bool| {
            move |a: &Hit, b: &Hit| {
                let (da, db) = (days(a.doc), days(b.doc));
                let dates = match (da, db) {
                    (Some(x), Some(y)) if newest => y.cmp(&x),
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                dates.then_with(|| relevance(a, b))
            }
        };
        let order: Box<HitOrder<'_>> = match options.sort {
            Sort::Relevance => Box::new(relevance),
            Sort::Newest => Box::new(by_date(true)),
            Sort::Oldest => Box::new(by_date(false)),
        };
        let total = hits.len();
        if limit < hits.len() {
            if limit > 0 {
                hits.select_nth_unstable_by(limit - 1, &order);
            }
            hits.truncate(limit);
        }
        hits.sort_by(&order);
        SearchResults {
            query,
            total,
            hits,
            highlighter,
            unmatched,
            partial,
            suggestion: None,
            facets,
            months,
            expansions: expansion_of,
        }
    }

    /// "Did you mean": the query with each word that matched only through a typo
    /// or Telex, or not at all, replaced by the most frequent known word close to it.
    fn suggest(&self, input: &str, results: &SearchResults) -> Option<String> {
        let mut text = crate::text::normalize(input).into_owned();
        let mut changed = false;
        for term in results.query.terms() {
            let key = (term.surface.clone(), term.prefix);
            let expansions = results.expansions.get(&key).cloned().unwrap_or_else(|| self.expand(term));
            let direct =
                expansions.iter().any(|e| matches!(e.kind, MatchKind::Exact | MatchKind::Folded | MatchKind::Prefix));
            if direct {
                continue;
            }
            let mut candidates: Vec<Expansion> =
                expansions.into_iter().filter(|e| matches!(e.kind, MatchKind::Telex | MatchKind::Typo)).collect();
            if candidates.is_empty() && term.folded.chars().count() >= 5 {
                candidates = self
                    .typo_keys(&term.folded, 2)
                    .into_iter()
                    .map(|(surface, ordinal)| Expansion {
                        ordinal,
                        surface,
                        kind: MatchKind::Typo,
                        weight: 0.0,
                        class: 3,
                    })
                    .collect();
            }
            let best = candidates.into_iter().max_by(|a, b| {
                let df = |e: &Expansion| self.term_info(e.ordinal).map_or(0, |i| i.doc_freq);
                a.kind.cmp(&b.kind).reverse().then(df(a).cmp(&df(b))).then(b.ordinal.cmp(&a.ordinal))
            });
            if let Some(best) = best {
                if let Some(at) = text.find(&term.text) {
                    text.replace_range(at..at + term.text.len(), &best.surface);
                    changed = true;
                }
            }
        }
        changed.then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_words_are_marked_only_where_the_phrase_stands() {
        let mut hl = Highlighter::default();
        hl.surfaces.insert("đại".into(), vec![0]);
        hl.surfaces.insert("hội".into(), vec![1]);
        hl.phrases.push(vec![0, 1]);
        let text = "Đại biểu Quốc hội và đại hội";
        let toks: Vec<_> = crate::text::tokens(text).collect();
        let marked: Vec<&str> =
            toks.iter().zip(hl.token_matches(&toks)).filter(|(_, m)| m.is_some()).map(|(t, _)| t.text).collect();
        assert_eq!(marked, ["đại", "hội"]);
    }
}
