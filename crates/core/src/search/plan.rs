//! Planning a query: each word is expanded once on the dictionary, into the
//! terms it matches and how ([`Expansion`], [`MatchKind`]), and the query becomes a
//! [`Plan`]. Searching, "did you mean" and highlighting all read the plan; making
//! one reads only the dictionary (no postings).
//!
//! A word expands to the tone variants of its folded form, completions of the word
//! being typed, the Telex/VNI reading of a word that is not itself in the
//! dictionary, and one-edit typos (a Levenshtein automaton over the folded half of
//! each key). Each expansion has a [`MatchKind`], which gives it a weight and a class.
//!
//! What only postings can decide is prepared here and decided when the plan is
//! executed (`context.rs`, `joined.rs`): a word typed with a tone carries its
//! likely other tones ([`PlannedWord::alternatives`]), and an unknown word the ways
//! to read it as two syllables typed without the space ([`PlannedWord::joined`]).
//! Their terms are part of the plan, so their postings shards are fetched with the
//! rest ([`Plan::ordinals`]).

use crate::small_sort::{smallest_by, sort_dedup, sort_small_by};
use std::collections::HashSet;
use std::ops::Range;

use fst::automaton::{Automaton, Levenshtein, Str};
use fst::{IntoStreamer, Streamer};

use super::damerau::OneEdit;
use super::highlight::Highlighter;
use super::query::{Field, Query, QueryTerm};
use super::weights::*;
use crate::analysis::{fold, has_diacritics, telex};
use crate::index::{split_key, Index};

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
    /// Another tone of a word typed with a tone that exists, because the word
    /// next to it makes this one far likelier (`kinh tê` → `kinh tế`; `context.rs`).
    Context,
    /// One of two syllables typed without the space between them, which stand side
    /// by side in many articles (`kinhte` → `kinh tế`; `joined.rs`).
    Joined,
}

/// A dictionary term a query word expanded to.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub ordinal: u64,
    /// The term's surface form (see [`crate::text::surface`]).
    pub surface: String,
    pub kind: MatchKind,
    pub weight: f32,
    /// Rank class: 0 exact (or toneless), 1 other tone, Telex or joined, 2 prefix,
    /// 3 typo.
    pub class: u8,
}

/// One way to read a word as two syllables typed without the space (`kinhte`):
/// where it splits, and each half's most frequent spellings.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinedReading {
    /// Byte offset of the second half in the word's folded form.
    pub at: usize,
    pub left: Vec<Expansion>,
    pub right: Vec<Expansion>,
}

/// One distinct word of a query (by surface form and whether it is a prefix),
/// with every dictionary term it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedWord {
    pub term: QueryTerm,
    pub expansions: Vec<Expansion>,
    /// The other tones of a word typed with a tone that exists that are far more
    /// frequent than it ([`CONTEXT_MIN_WORD_RATIO`]), or frequent and more frequent
    /// ([`CONTEXT_FREQUENT_WORD_SHARE`]): not matched, unless the word next to it
    /// says the typed one is a slip (`context.rs`).
    pub alternatives: Vec<Expansion>,
    /// For a word of a clause that the dictionary does not know (or knows from
    /// [`RARE_WORD_DF`] articles at most): the ways to read it as two known
    /// syllables typed without the space. Not matched, unless the two stand side by
    /// side in many articles (`joined.rs`).
    pub joined: Vec<JoinedReading>,
    /// Once the plan is executed: the two syllables the word was read as
    /// (`kinh tế` for `kinhte`), searched as a phrase next to the word itself (an
    /// alternative of its clause, made of two new words).
    pub apart: Option<String>,
}

impl PlannedWord {
    fn new(term: QueryTerm, expansions: Vec<Expansion>, alternatives: Vec<Expansion>) -> Self {
        PlannedWord { term, expansions, alternatives, joined: Vec::new(), apart: None }
    }

    /// The terms the word matches and its alternatives (the other tones
    /// `context.rs` may promote).
    fn match_ordinals(&self) -> impl Iterator<Item = u64> + '_ {
        self.expansions.iter().chain(&self.alternatives).map(|e| e.ordinal)
    }

    /// A half of a word read apart (`kinh` or `tế` of `kinhte`): not typed as such.
    pub fn is_half(&self) -> bool {
        !self.expansions.is_empty() && self.expansions.iter().all(|e| e.kind == MatchKind::Joined)
    }
}

/// A query, read and expanded on the dictionary: what to match, and how to mark it.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub query: Query,
    /// Each distinct word once (a word typed twice is expanded once).
    pub words: Vec<PlannedWord>,
    /// Per clause, per alternative unit: its words, as indices into `words`.
    pub clauses: Vec<Vec<Vec<usize>>>,
    /// Per excluded unit: its words (never prefixes), as indices into `words`.
    pub excluded: Vec<Vec<usize>>,
    /// Postings shards whose own dictionary (the terms of one document, see
    /// `index/build.rs`) a word had to be looked up in, but which were not added
    /// when the plan was made: the plan may lack those terms. Add them and plan
    /// again; [`Index::execute`] refuses a plan with any left.
    pub unresolved: Vec<usize>,
    highlighter: Highlighter,
}

impl Plan {
    /// Marks the words of a text that the query matches (for snippets and the
    /// reader), built from the same expansions the search matches.
    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    /// Whether running the plan may read positions, not only which documents
    /// have its words and how often: for a phrase, a word sought in titles, an
    /// exclusion, or a word that may be two syllables typed without the space.
    /// Then the adjacency of its clauses is read from positions too (from
    /// followers where they happen to be loaded: both tell the same). A query of
    /// words alone reads none: one word (or words joined by OR), the commonest
    /// while typing, needs nothing more than its lists, and several words need
    /// their followers ([`Plan::needs_followers`]).
    pub fn needs_positions(&self) -> bool {
        let q = &self.query;
        !q.excluded.is_empty()
            || q.clauses.iter().flat_map(|c| &c.alternatives).any(|u| u.words.len() > 1 || u.field != Field::Any)
            || self.words.iter().any(|w| !w.joined.is_empty())
    }

    /// Whether running the plan reads followers (which terms stand right after
    /// which, and where): when it has more than one clause, for their adjacency
    /// (ranking) and the pair counts of the corrections (`context.rs`), unless
    /// it reads positions, which tell the same.
    pub fn needs_followers(&self) -> bool {
        self.query.clauses.len() > 1 && !self.needs_positions()
    }

    /// The terms whose followers the next keystroke will likely read: when the
    /// last word is complete (a space typed after it) in a query of words
    /// alone, the next word makes it a first word of a pair. Not read by this
    /// plan: the browser fetches them ahead, without waiting for them.
    pub fn ahead_follower_ordinals(&self) -> Vec<u64> {
        let complete =
            self.query.clauses.last().and_then(|c| c.alternatives.last()?.words.last()).is_some_and(|w| !w.prefix);
        if !complete || self.needs_positions() {
            return Vec::new();
        }
        let last = self.clauses.last().into_iter().flatten().flatten();
        last.flat_map(|&w| self.words[w].match_ordinals()).collect()
    }

    /// The terms whose followers a plan reads: those of the words of every
    /// clause but the last (a pair is read from its first word's side).
    pub fn follower_ordinals(&self) -> impl Iterator<Item = u64> + '_ {
        let last = self.clauses.len().saturating_sub(1);
        self.clauses[..last].iter().flatten().flatten().flat_map(|&w| self.words[w].match_ordinals())
    }

    /// Every dictionary term the plan may read postings of (with repeats).
    pub fn ordinals(&self) -> impl Iterator<Item = u64> + '_ {
        self.words.iter().flat_map(|w| {
            let joined = w.joined.iter().flat_map(|j| j.left.iter().chain(&j.right));
            w.match_ordinals().chain(joined.map(|e| e.ordinal))
        })
    }

    /// Makes `e` (one of word `word`'s alternatives) a match of that word, and
    /// marks it in texts.
    pub(super) fn promote(&mut self, word: usize, e: Expansion) {
        let marks = self.highlighter.surfaces.entry(e.surface.clone()).or_default();
        if !marks.contains(&word) {
            marks.push(word);
        }
        self.words[word].alternatives.retain(|a| a.ordinal != e.ordinal);
        self.words[word].expansions.push(e);
    }

    /// Reads word `word` as the two syllables `left` and `right` (`joined.rs`): each
    /// unit holding it gets an alternative with the pair in its place, a phrase.
    pub(super) fn read_apart(&mut self, word: usize, left: Expansion, right: Expansion) {
        let apart = format!("{} {}", left.surface, right.surface);
        let halves = [self.words.len(), self.words.len() + 1];
        for (e, id) in [left, right].into_iter().zip(halves) {
            self.highlighter.surfaces.entry(e.surface.clone()).or_default().push(id);
            self.words.push(PlannedWord::new(QueryTerm::new(&e.surface), vec![e], Vec::new()));
        }
        let terms = [self.words[halves[0]].term.clone(), self.words[halves[1]].term.clone()];
        for (clause, units) in self.query.clauses.iter_mut().zip(&mut self.clauses) {
            for u in 0..units.len() {
                let Some(at) = units[u].iter().position(|&i| i == word) else { continue };
                let mut ids = units[u].clone();
                ids.splice(at..=at, halves);
                let mut unit = clause.alternatives[u].clone();
                unit.words.splice(at..=at, terms.iter().cloned());
                clause.alternatives.push(unit);
                self.highlighter.phrases.push(ids.clone());
                units.push(ids);
            }
        }
        self.words[word].apart = Some(apart);
    }

    /// The planned word of a query term.
    pub fn word(&self, term: &QueryTerm) -> Option<&PlannedWord> {
        self.words.iter().find(|w| w.term.surface == term.surface && w.term.prefix == term.prefix)
    }
}

/// Plans a parsed query: expands each distinct word once.
pub(super) fn plan(index: &Index, query: Query) -> Plan {
    let mut plan = Plan::default();
    let lone = matches!(&query.clauses[..], [c] if matches!(&c.alternatives[..], [u] if u.words.len() == 1));
    let word_id = |plan: &mut Plan, term: &QueryTerm| -> usize {
        if let Some(i) = plan.words.iter().position(|w| w.term.surface == term.surface && w.term.prefix == term.prefix)
        {
            return i;
        }
        let mut lookup = Lookup::new(index);
        lookup.lone = lone;
        let (expansions, alternatives) = expand_with_alternatives(&mut lookup, term);
        plan.unresolved.extend(lookup.unresolved);
        plan.words.push(PlannedWord::new(term.clone(), expansions, alternatives));
        plan.words.len() - 1
    };
    for clause in &query.clauses {
        let mut units = Vec::with_capacity(clause.alternatives.len());
        for unit in &clause.alternatives {
            let ids: Vec<usize> = unit.words.iter().map(|t| word_id(&mut plan, t)).collect();
            for &i in &ids {
                for e in &plan.words[i].expansions {
                    let marks = plan.highlighter.surfaces.entry(e.surface.clone()).or_default();
                    if !marks.contains(&i) {
                        marks.push(i);
                    }
                }
            }
            if ids.len() == 1 {
                plan.highlighter.add_single(ids[0]);
            } else {
                plan.highlighter.phrases.push(ids.clone());
            }
            units.push(ids);
        }
        plan.clauses.push(units);
    }
    // Words of clauses that may be two syllables typed without the space.
    for i in 0..plan.words.len() {
        plan.words[i].joined = joined_readings(index, &plan.words[i]);
    }
    for unit in &query.excluded {
        let ids = unit.words.iter().map(|w| word_id(&mut plan, &QueryTerm { prefix: false, ..w.clone() })).collect();
        plan.excluded.push(ids);
    }
    sort_dedup(&mut plan.unresolved);
    plan.query = query;
    plan
}

/// Runs an automaton over the folded half of `folded ‖ 0x00 ‖ tones` keys and
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

/// Dictionary lookups for one word, remembering the shards they needed.
pub(super) struct Lookup<'a> {
    pub index: &'a Index,
    /// Shards whose own dictionary a lookup needed and which are not added.
    pub unresolved: Vec<usize>,
    /// The word is the whole query: a word being typed keeps fewer completions
    /// ([`LONE_PREFIX_DOC_SHARE`]).
    pub lone: bool,
}

impl<'a> Lookup<'a> {
    pub fn new(index: &'a Index) -> Self {
        Lookup { index, unresolved: Vec::new(), lone: false }
    }
}

/// Terms whose folded half is `folded`: one word's tone variants, in key order.
/// Looks in the root dictionary and in the own dictionaries of the shards that
/// hold this key range (the terms of one document); a shard not added yet is
/// noted in `lookup.unresolved`. Exact lookups only: completions, typos and
/// Telex readings lead to root terms alone, so a plan never depends on which
/// shards happen to be loaded.
fn folded_range(lookup: &mut Lookup<'_>, folded: &str) -> Vec<(String, u64)> {
    let index = lookup.index;
    let (lo, hi) = fold_bounds(folded);
    let mut found = root_range(index, &lo, &hi);
    for shard in index.shards_with_prefix(&lo) {
        match index.shard_terms_in(shard, &lo, &hi) {
            Some(terms) => found.extend(terms),
            None => lookup.unresolved.push(shard),
        }
    }
    sort_small_by(&mut found, |a, b| a.1.cmp(&b.1));
    found.into_iter().filter_map(|(key, ordinal)| Some((split_key(&key)?.1.into_owned(), ordinal))).collect()
}

/// The key range of one folded word: `folded ‖ 0x00 ‖ …` up to `folded ‖ 0x01`.
fn fold_bounds(folded: &str) -> (Vec<u8>, Vec<u8>) {
    let mut lo = folded.as_bytes().to_vec();
    lo.push(0);
    let mut hi = folded.as_bytes().to_vec();
    hi.push(1);
    (lo, hi)
}

/// The root dictionary's keys in `lo..hi`, with their ordinals, in order.
fn root_range(index: &Index, lo: &[u8], hi: &[u8]) -> Vec<(Vec<u8>, u64)> {
    let mut out = Vec::new();
    let mut stream = index.dict().range().ge(lo).lt(hi).into_stream();
    while let Some((key, ordinal)) = stream.next() {
        out.push((key.to_vec(), ordinal));
    }
    out
}

/// The root dictionary's terms whose folded half is `folded` (words of at least
/// two documents), most frequent first.
pub(super) fn root_variants(index: &Index, folded: &str) -> Vec<(String, u64)> {
    let (lo, hi) = fold_bounds(folded);
    let mut out: Vec<(String, u64)> = root_range(index, &lo, &hi)
        .into_iter()
        .filter_map(|(key, ordinal)| Some((split_key(&key)?.1.into_owned(), ordinal)))
        .collect();
    let df = |o: u64| index.term_info(o).map_or(0, |i| i.doc_freq);
    sort_small_by(&mut out, |a, b| df(b.1).cmp(&df(a.1)).then(a.1.cmp(&b.1)));
    out
}

/// Keys within `distance` edits of `folded` (on the folded half), excluding
/// `folded` itself.
/// One edit counts a swap of neighbouring letters as one (see `damerau.rs`); two
/// edits are plain Levenshtein (for "did you mean" only).
pub(super) fn typo_keys(index: &Index, folded: &str, distance: u32) -> Vec<(String, u64)> {
    if distance == 1 {
        return keys_matching(index, folded, FoldedHalf(OneEdit::new(folded)));
    }
    match Levenshtein::new(folded, distance) {
        Ok(lev) => keys_matching(index, folded, FoldedHalf(lev)),
        Err(_) => Vec::new(),
    }
}

/// Keys whose folded half the automaton accepts, but `folded` itself.
fn keys_matching<A: Automaton>(index: &Index, folded: &str, automaton: FoldedHalf<A>) -> Vec<(String, u64)> {
    let mut stream = index.dict().search(automaton).into_stream();
    let mut out = Vec::new();
    while let Some((key, ordinal)) = stream.next() {
        if let Some((f, surf)) = split_key(key) {
            if f != folded.as_bytes() {
                out.push((surf.into_owned(), ordinal));
            }
        }
    }
    out
}

/// Keeps the `n` most frequent expansions (then the best weighted).
fn most_frequent(index: &Index, v: Vec<Expansion>, n: usize) -> Vec<Expansion> {
    if v.len() <= n {
        return v;
    }
    let mut ranked: Vec<(u32, Expansion)> =
        v.into_iter().map(|e| (index.term_info(e.ordinal).map_or(0, |i| i.doc_freq), e)).collect();
    smallest_by(&mut ranked, n, |(da, a), (db, b)| {
        db.cmp(da).then(b.weight.total_cmp(&a.weight)).then(a.ordinal.cmp(&b.ordinal))
    });
    ranked.into_iter().take(n).map(|(_, e)| e).collect()
}

/// The [`MAX_EXPANSIONS`] most frequent root terms that complete a word typed
/// last (`thành p` → `phố`, `phát`, …), as [`most_frequent`] would keep them from
/// all of them, in key order when there are no more. A one-letter prefix has
/// thousands: their keys are kept as bytes, and only those kept are read back
/// into surface forms. A word that is the whole query (`lone`) keeps fewer: see
/// [`LONE_PREFIX_DOC_SHARE`].
fn completions(index: &Index, term: &QueryTerm, typed_diacritics: bool, lone: bool) -> Vec<Expansion> {
    /// (df, agrees with the typed tones, ordinal, where its key is in `keys`)
    type Found = (u32, bool, u64, Range<usize>);
    // most_frequent's order: df, then weight (agreeing first), then ordinal.
    let before = |a: &Found, b: &Found| (b.0, b.1, a.2) < (a.0, a.1, b.2);
    let mut all: Vec<Found> = Vec::new();
    let mut best: Vec<Found> = Vec::with_capacity(MAX_EXPANSIONS + 1); // in that order
    let mut keys: Vec<u8> = Vec::new();
    let mut stream = index.dict().search(Str::new(&term.folded).starts_with()).into_stream();
    while let Some((key, ordinal)) = stream.next() {
        let Some(sep) = key.iter().position(|&b| b == 0) else { continue };
        if key[..sep] == *term.folded.as_bytes() {
            continue; // the word itself: already expanded
        }
        let agrees = if typed_diacritics {
            let Some((_, surface)) = split_key(key) else { continue };
            surface.starts_with(&term.surface)
        } else {
            true
        };
        let found =
            (index.term_info(ordinal).map_or(0, |i| i.doc_freq), agrees, ordinal, keys.len()..keys.len() + key.len());
        let first = all.len() <= MAX_EXPANSIONS;
        // Most completions are rarer than the last of the best: one comparison,
        // and their keys are not kept.
        let among_best = best.len() < MAX_EXPANSIONS || before(&found, &best[MAX_EXPANSIONS - 1]);
        if !(first || among_best) {
            continue;
        }
        keys.extend_from_slice(key);
        if first {
            all.push(found.clone());
        }
        if among_best {
            let at = best.partition_point(|b| before(b, &found));
            best.insert(at, found);
            best.truncate(MAX_EXPANSIONS);
        }
    }
    // No more than the limit: all of them, in key order.
    let mut kept = if all.len() <= MAX_EXPANSIONS { all } else { best };
    if lone {
        // The most frequent until they hold the corpus's articles (and those as
        // frequent as the last of them).
        let mut dfs: Vec<u32> = kept.iter().map(|k| k.0).collect();
        dfs.sort_unstable();
        let budget = u64::from(LONE_PREFIX_DOC_SHARE) * index.doc_count() as u64;
        let mut sum = 0;
        let least = dfs.iter().rev().find(|&&df| {
            sum += u64::from(df);
            sum >= budget
        });
        kept.retain(|k| k.0 >= least.copied().unwrap_or(0));
    }
    kept.into_iter()
        .filter_map(|(_, agrees, ordinal, at)| {
            let (_, surface) = split_key(&keys[at])?;
            let weight = if agrees { WEIGHT_PREFIX } else { WEIGHT_PREFIX * WEIGHT_PREFIX_OTHER_TONE };
            Some(Expansion { ordinal, surface: surface.into_owned(), kind: MatchKind::Prefix, weight, class: 2 })
        })
        .collect()
}

/// Every dictionary term a query word matches, with its weight and class.
pub(super) fn expand(lookup: &mut Lookup<'_>, term: &QueryTerm) -> Vec<Expansion> {
    expand_with_alternatives(lookup, term).0
}

/// [`expand`], and the word's other tones when its typed tone exists (see
/// [`PlannedWord::alternatives`]).
fn expand_with_alternatives(lookup: &mut Lookup<'_>, term: &QueryTerm) -> (Vec<Expansion>, Vec<Expansion>) {
    let index = lookup.index;
    let typed_diacritics = has_diacritics(&term.text);
    let mut out: Vec<Expansion> = Vec::new();
    let mut alternatives: Vec<Expansion> = Vec::new();
    let variants = folded_range(lookup, &term.folded);
    let df = |ordinal: u64| index.term_info(ordinal).map_or(0, |i| i.doc_freq);
    let max_df = variants.iter().map(|&(_, o)| df(o)).max().unwrap_or(0).max(1) as f32;
    // A typed diacritic constrains: when the typed form exists, other tone
    // variants are not matches (`dương` does not find `đường`). When it does not
    // exist, the tone was probably mistyped, and the variants come back, weakly.
    let exact_exists = variants.iter().any(|(surf, _)| *surf == term.surface);
    let typed_df = variants.iter().filter(|(surf, _)| *surf == term.surface).map(|&(_, o)| df(o)).max().unwrap_or(0);
    // Kept aside for `context.rs`: far more frequent than the typed form (a slip
    // of tone makes a rarer word, not a likelier one), or frequent and more so.
    let frequent = ((index.doc_count() as f32 * CONTEXT_FREQUENT_WORD_SHARE) as u32).max(CONTEXT_MIN_PAIR_DOCS as u32);
    let likely_slip = |d: u32| {
        d >= CONTEXT_MIN_PAIR_DOCS as u32
            && (d >= typed_df.max(1).saturating_mul(CONTEXT_MIN_WORD_RATIO) || (d >= typed_df && d >= frequent))
    };
    for (surf, ordinal) in variants {
        let (kind, weight, class) = if surf == term.surface {
            (MatchKind::Exact, WEIGHT_EXACT, 0)
        } else if typed_diacritics {
            if exact_exists {
                if likely_slip(df(ordinal)) {
                    let (kind, weight, class) = (MatchKind::Context, WEIGHT_CONTEXT_TONE, 1);
                    alternatives.push(Expansion { ordinal, surface: surf, kind, weight, class });
                }
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
        out.extend(completions(index, term, typed_diacritics, lookup.lone));
    }

    // Telex / VNI, only for a word the dictionary does not know as typed.
    if !known {
        if let Some((base, tone)) = telex::decode(&term.text) {
            for (surf, ordinal) in folded_range(lookup, &fold(&base)) {
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
    // A word the dictionary knows only from a few articles may itself be a
    // misspelling there (`tinhh`, `goverment`): its far more frequent neighbours
    // are searched too, ranked below it (typo class), and offered as "did you mean".
    let literal_df = out.iter().map(|e| df(e.ordinal)).max();
    let rare = literal_df.is_some_and(|d| d <= RARE_WORD_DF) && letters >= TYPO_MIN_LETTERS;
    let try_typos = letters >= TYPO_MIN_LETTERS_KNOWN || (letters >= TYPO_MIN_LETTERS && out.is_empty()) || rare;
    if try_typos {
        let seen: HashSet<u64> = out.iter().map(|e| e.ordinal).collect();
        let shadow_floor =
            if rare && letters < TYPO_MIN_LETTERS_KNOWN { literal_df.unwrap_or(0).max(1) * SHADOWING_RATIO } else { 0 };
        let typos: Vec<Expansion> = typo_keys(index, &term.folded, 1)
            .into_iter()
            .filter(|(_, o)| !seen.contains(o) && df(*o) >= shadow_floor)
            .map(|(surf, ordinal)| Expansion {
                ordinal,
                surface: surf,
                kind: MatchKind::Typo,
                weight: WEIGHT_TYPO,
                class: 3,
            })
            .collect();
        out.extend(most_frequent(index, typos, MAX_EXPANSIONS));
    }
    (out, most_frequent(index, alternatives, CONTEXT_MAX_ALTERNATIVES))
}

/// A joined pair of syllables has at least this many letters…
const JOINED_MIN_LETTERS: usize = 4;
/// …and at most this many (two of the longest Vietnamese syllables).
const JOINED_MAX_LETTERS: usize = 14;

/// The articles of the most frequent term a word matched as typed (exactly,
/// toneless, in another tone, by Telex or as a completion): 0 when unknown.
pub(super) fn literal_df(index: &Index, expansions: &[Expansion]) -> u32 {
    expansions
        .iter()
        .filter(|e| matches!(e.kind, MatchKind::Exact | MatchKind::Folded | MatchKind::Telex | MatchKind::Prefix))
        .map(|e| index.term_info(e.ordinal).map_or(0, |i| i.doc_freq))
        .max()
        .unwrap_or(0)
}

/// The ways to read a word the dictionary does not know, or knows from a few
/// articles only, as two syllables typed without the space (`kinhte`): splits
/// into two words of the root dictionary (words of at least two articles), those
/// whose halves' most frequent spellings are the most frequent first, each half in
/// its most frequent spellings ([`JOINED_MAX_SPLITS`], [`JOINED_MAX_TONES`]). Only
/// for [`JOINED_MIN_LETTERS`] to [`JOINED_MAX_LETTERS`] ASCII letters (folded); the
/// tones typed, if any, are left to the pair counts.
fn joined_readings(index: &Index, word: &PlannedWord) -> Vec<JoinedReading> {
    let folded = word.term.folded.as_str();
    if !(JOINED_MIN_LETTERS..=JOINED_MAX_LETTERS).contains(&folded.len())
        || !folded.bytes().all(|b| b.is_ascii_lowercase())
        || literal_df(index, &word.expansions) > RARE_WORD_DF
    {
        return Vec::new();
    }
    let df = |o: u64| index.term_info(o).map_or(0, |i| i.doc_freq);
    let half = |v: Vec<(String, u64)>| -> Vec<Expansion> {
        v.into_iter()
            .take(JOINED_MAX_TONES)
            .map(|(surface, ordinal)| Expansion {
                ordinal,
                surface,
                kind: MatchKind::Joined,
                weight: WEIGHT_JOINED,
                class: 1,
            })
            .collect()
    };
    let mut splits: Vec<(u32, JoinedReading)> = Vec::new();
    for at in 1..folded.len() {
        let left = root_variants(index, &folded[..at]);
        let Some(l) = left.first() else { continue };
        let right = root_variants(index, &folded[at..]);
        let Some(r) = right.first() else { continue };
        // Halves too rare to stand side by side in enough articles are not tried.
        let score = df(l.1).min(df(r.1));
        if score >= CONTEXT_MIN_PAIR_DOCS as u32 {
            splits.push((score, JoinedReading { at, left: half(left), right: half(right) }));
        }
    }
    sort_small_by(&mut splits, |a, b| b.0.cmp(&a.0).then(a.1.at.cmp(&b.1.at)));
    splits.into_iter().take(JOINED_MAX_SPLITS).map(|(_, j)| j).collect()
}
