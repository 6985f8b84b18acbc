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

use std::collections::{HashMap, HashSet};

use fst::automaton::{Automaton, Levenshtein, Str};
use fst::{IntoStreamer, Streamer};

use crate::index::Index;
use crate::query::{Field, Query, QueryTerm, Unit};
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
/// frequent), so a one-letter prefix stays fast.
pub const MAX_EXPANSIONS: usize = 64;
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
        let words: Vec<Option<&Vec<usize>>> = toks.iter().map(|t| self.surfaces.get(&surface(t.text))).collect();
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
}

/// A query word's matches in one document.
#[derive(Default, Clone)]
struct WordDoc {
    /// (position, weight, class), by position.
    positions: Vec<(u32, f32, u8)>,
}

/// A unit's (or clause's) match in one document.
#[derive(Default, Clone)]
struct UnitDoc {
    score: f32,
    class: u8,
    /// Positions where the unit's occurrences start and end.
    starts: Vec<u32>,
    ends: Vec<u32>,
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
        let mut results = self.search_query(Query::parse(query), limit);
        results.suggestion = self.suggest(query, &results);
        results
    }

    /// Where each query word occurs, per document, and the expansions it used.
    fn word_docs(&self, term: &QueryTerm) -> (HashMap<u32, WordDoc>, Vec<Expansion>) {
        let expansions = self.expand(term);
        let mut docs: HashMap<u32, WordDoc> = HashMap::new();
        for e in &expansions {
            let Ok(postings) = self.postings(e.ordinal) else {
                continue;
            };
            for p in postings {
                let entry = docs.entry(p.doc).or_default();
                entry.positions.extend(p.positions.iter().map(|&pos| (pos, e.weight, e.class)));
            }
        }
        for d in docs.values_mut() {
            d.positions.sort_by_key(|&(pos, _, _)| pos);
        }
        (docs, expansions)
    }

    fn bm25(&self, tf: f32, doc: u32, df: usize) -> f32 {
        let n = self.doc_count() as f32;
        let df = df as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let len = self.doc(doc).map_or(1.0, |m| (m.title_words + m.body_words) as f32);
        let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * len / self.avg_doc_words());
        idf * tf * (BM25_K1 + 1.0) / (tf + norm)
    }

    /// Where a unit (word or phrase) matches, per document.
    fn unit_docs(&self, unit: &Unit, words: &[&HashMap<u32, WordDoc>]) -> HashMap<u32, UnitDoc> {
        let mut raw: Vec<(u32, f32, u8, Vec<u32>)> = Vec::new(); // doc, tf, class, starts
        let Some((first, rest)) = words.split_first() else {
            return HashMap::new();
        };
        let len = words.len() as u32;
        for (&doc, wd) in first.iter() {
            if !rest.iter().all(|w| w.contains_key(&doc)) {
                continue;
            }
            let Some(meta) = self.doc(doc) else { continue };
            let in_field = |pos: u32| unit.field == Field::Any || pos + len <= meta.title_words;
            let mut tf = 0.0;
            let mut class = u8::MAX;
            let mut starts = Vec::new();
            for &(pos, weight, c) in &wd.positions {
                if !in_field(pos) {
                    continue;
                }
                let mut w = weight;
                let mut cl = c;
                let mut whole = true;
                for (k, other) in rest.iter().enumerate() {
                    let want = pos + 1 + k as u32;
                    let ps = &other[&doc].positions;
                    match ps.binary_search_by_key(&want, |&(p, _, _)| p) {
                        Ok(i) => {
                            w = w.min(ps[i].1);
                            cl = cl.max(ps[i].2);
                        }
                        Err(_) => {
                            whole = false;
                            break;
                        }
                    }
                }
                if whole {
                    tf += w * if pos < meta.title_words { TITLE_BOOST } else { 1.0 };
                    class = class.min(cl);
                    starts.push(pos);
                }
            }
            if !starts.is_empty() {
                raw.push((doc, tf, class, starts));
            }
        }
        let df = raw.len();
        raw.into_iter()
            .map(|(doc, tf, class, starts)| {
                let ends = starts.iter().map(|s| s + len - 1).collect();
                // A phrase counts like its words together.
                let score = self.bm25(tf, doc, df) * len as f32;
                (doc, UnitDoc { score, class, starts, ends })
            })
            .collect()
    }

    /// Searches with an already parsed query.
    pub fn search_query(&self, query: Query, limit: usize) -> SearchResults {
        // Each distinct word once: its documents and, for highlighting, its expansions.
        let mut word_index: HashMap<(String, bool), usize> = HashMap::new();
        let mut word_hits: Vec<HashMap<u32, WordDoc>> = Vec::new();
        let mut highlighter = Highlighter::default();
        let mut unit_ids: Vec<Vec<Vec<usize>>> = Vec::new(); // clause → unit → word ids
        for clause in &query.clauses {
            let mut units = Vec::new();
            for unit in &clause.alternatives {
                let mut ids = Vec::new();
                for t in &unit.words {
                    let key = (t.surface.clone(), t.prefix);
                    let id = *word_index.entry(key).or_insert_with(|| {
                        let (docs, expansions) = self.word_docs(t);
                        let i = word_hits.len();
                        for e in expansions {
                            highlighter.surfaces.entry(e.surface).or_default().push(i);
                        }
                        word_hits.push(docs);
                        i
                    });
                    ids.push(id);
                }
                if ids.len() == 1 {
                    highlighter.singles.insert(ids[0]);
                } else {
                    highlighter.phrases.push(ids.clone());
                }
                units.push(ids);
            }
            unit_ids.push(units);
        }

        // Clauses: OR of units, per document the best unit.
        let mut clause_docs: Vec<HashMap<u32, UnitDoc>> = Vec::new();
        for (clause, units) in query.clauses.iter().zip(&unit_ids) {
            let mut docs: HashMap<u32, UnitDoc> = HashMap::new();
            for (unit, ids) in clause.alternatives.iter().zip(units) {
                let maps: Vec<&HashMap<u32, WordDoc>> = ids.iter().map(|&i| &word_hits[i]).collect();
                for (doc, ud) in self.unit_docs(unit, &maps) {
                    let slot = docs.entry(doc).or_insert_with(|| UnitDoc { class: u8::MAX, ..UnitDoc::default() });
                    slot.score = slot.score.max(ud.score);
                    slot.class = slot.class.min(ud.class);
                    slot.starts.extend(ud.starts);
                    slot.ends.extend(ud.ends);
                }
            }
            for d in docs.values_mut() {
                d.starts.sort_unstable();
                d.ends.sort_unstable();
            }
            clause_docs.push(docs);
        }

        // Exclusions: exact, folded or Telex matches only (never prefix or typo).
        let mut excluded: HashSet<u32> = HashSet::new();
        for unit in &query.excluded {
            let maps: Vec<HashMap<u32, WordDoc>> = unit
                .words
                .iter()
                .map(|w| {
                    let (mut docs, _) = self.word_docs(&QueryTerm { prefix: false, ..w.clone() });
                    for d in docs.values_mut() {
                        d.positions.retain(|&(_, _, c)| c <= 1);
                    }
                    docs.retain(|_, d| !d.positions.is_empty());
                    docs
                })
                .collect();
            let refs: Vec<&HashMap<u32, WordDoc>> = maps.iter().collect();
            excluded.extend(self.unit_docs(unit, &refs).into_keys());
        }

        // A clause that matched nothing is reported (as read) and set aside.
        let unmatched: Vec<String> = query
            .clauses
            .iter()
            .zip(&clause_docs)
            .filter(|(_, docs)| docs.is_empty())
            .map(|(clause, _)| Query { clauses: vec![clause.clone()], ..Query::default() }.read_as())
            .collect();
        let live: Vec<usize> = (0..clause_docs.len()).filter(|&c| !clause_docs[c].is_empty()).collect();

        let mut candidates: HashSet<u32> = HashSet::new();
        for &c in &live {
            candidates.extend(clause_docs[c].keys().copied());
        }
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter(|d| !excluded.contains(d))
            .map(|doc| {
                let present: Vec<Option<&UnitDoc>> = live.iter().map(|&c| clause_docs[c].get(&doc)).collect();
                let matched = present.iter().flatten().count();
                let class = present.iter().flatten().map(|u| u32::from(u.class)).sum();
                let mut score: f32 = present.iter().flatten().map(|u| u.score).sum();
                if live.len() > 1 {
                    let adjacent = present
                        .windows(2)
                        .filter(|w| match (w[0], w[1]) {
                            (Some(a), Some(b)) => any_adjacent(&a.ends, &b.starts),
                            _ => false,
                        })
                        .count();
                    score *= 1.0 + ADJACENCY_BOOST * adjacent as f32 / (live.len() - 1) as f32;
                }
                Hit { doc, score, matched, class }
            })
            .collect();
        let best = hits.iter().map(|h| h.matched).max().unwrap_or(0);
        hits.retain(|h| h.matched == best);
        let partial = best > 0 && best < live.len();
        hits.sort_by(|a, b| {
            b.matched
                .cmp(&a.matched)
                .then(a.class.cmp(&b.class))
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        });
        let total = hits.len();
        hits.truncate(limit);
        SearchResults { query, total, hits, highlighter, unmatched, partial, suggestion: None }
    }

    /// "Did you mean": the query with each word that matched only through a typo
    /// or Telex, or not at all, replaced by the most frequent known word close to it.
    fn suggest(&self, input: &str, results: &SearchResults) -> Option<String> {
        let mut text = crate::text::normalize(input).into_owned();
        let mut changed = false;
        for term in results.query.terms() {
            let expansions = self.expand(term);
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

/// True when some position in `ends` is directly followed by one in `starts`
/// (both sorted).
fn any_adjacent(ends: &[u32], starts: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < ends.len() && j < starts.len() {
        let want = ends[i] + 1;
        match starts[j].cmp(&want) {
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
    fn adjacency_is_detected_in_order_only() {
        assert!(any_adjacent(&[3, 10], &[11]));
        assert!(!any_adjacent(&[11], &[10]));
        assert!(!any_adjacent(&[], &[1]));
    }

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
