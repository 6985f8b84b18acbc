//! Running a [`Plan`]: match every clause, combine the clauses per document,
//! filter, count facets, and keep the best `limit` documents in the asked order.
//!
//! Documents are ranked by, in order: the number of clauses matched (so a query
//! with a word no document has still ranks the rest), the match class (exact and
//! toneless before other-tone, before prefix, before typo), then the score: BM25
//! per clause over a weighted, title-boosted term frequency, summed, and multiplied
//! up when consecutive query clauses stand adjacent in the document.

use std::collections::BTreeMap;

use super::facets::{counts as facet_counts, Compiled, FacetCount, MonthCount};
use super::matching::{
    any_adjacent, clause_matches, unit_matches, word_docs, word_matches, ClauseMatches, UnitSource, WordDocs,
    WordMatches,
};
use super::options::{SearchOptions, Sort};
use super::plan::Plan;
use super::query::Query;
use super::weights::ADJACENCY_BOOST;
use crate::error::{Error, ErrorKind, Result};
use crate::index::Index;

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

/// What a search returns: the plan it ran, and the ranked answer.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The query as read and expanded; its highlighter marks snippets.
    pub plan: Plan,
    /// Number of documents in the answer (hits holds at most `limit` of them).
    pub total: usize,
    pub hits: Vec<Hit>,
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
}

/// A comparison of hits (one sort order).
type HitOrder<'a> = dyn Fn(&Hit, &Hit) -> std::cmp::Ordering + 'a;

/// A hit's exact score, from the hit with its bound.
type Exact<'a> = dyn FnMut(&Hit) -> Result<f32> + 'a;

/// One document's sums over the clauses it matches.
#[derive(Clone, Copy)]
struct Acc {
    doc: u32,
    matched: u16,
    class: u32,
    score: f32,
    /// Pairs of consecutive clauses both matched here (which may stand adjacent).
    pairs: u16,
}

/// The longest page chosen best bound first ([`top`] inserts into the page);
/// a longer one is scored and sorted whole.
const TOP_K_MAX: usize = 256;

/// How the page of hits is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// Adjacency (from followers or positions) is made exact only for the hits
    /// that can still enter the page: the way searches run.
    TopK,
    /// Every hit scored in full, then sorted: the reference the pruned ranking
    /// is tested against (the same page, always).
    Exhaustive,
}

/// Runs a plan. Errors when the options are invalid or a postings list cannot
/// be decoded.
pub(super) fn execute(
    index: &Index,
    mut plan: Plan,
    options: &SearchOptions,
    ranking: Ranking,
) -> Result<SearchResults> {
    options.validate()?;
    // Ranking reads the documents' lengths, filters and facets their values.
    let facet_index = index.facets()?;
    // A plan made before the shards its words are looked up in were added may
    // lack terms: it must be made again, never run (no silently missing term).
    if let Some(&shard) = plan.unresolved.first() {
        return Err(Error::new(ErrorKind::NotLoaded { file: index.shard_file(shard) }));
    }
    // A rare pair of words may be a slip of tone: the likely word joins the plan.
    // The postings it reads are kept for the matching below (decoded once).
    let mut decoded = super::context::Decoded::default();
    super::context::correct(index, &mut plan, &mut decoded)?;
    let query = &plan.query;

    // Each word of a clause once: by document for a word standing alone, with its
    // occurrences for a word of a phrase or of a title-only part.
    let alone = |unit: &super::query::Unit, ids: &[usize]| ids.len() == 1 && unit.field == super::query::Field::Any;
    let mut by_doc: Vec<Option<WordDocs>> = (0..plan.words.len()).map(|_| None).collect();
    let mut words: Vec<Option<WordMatches>> = (0..plan.words.len()).map(|_| None).collect();
    for (clause, unit_ids) in query.clauses.iter().zip(&plan.clauses) {
        for (unit, ids) in clause.alternatives.iter().zip(unit_ids) {
            for &i in ids {
                if alone(unit, ids) && by_doc[i].is_none() {
                    by_doc[i] = Some(word_docs(index, &plan.words[i].expansions)?);
                } else if !alone(unit, ids) && words[i].is_none() {
                    words[i] = Some(word_matches(index, &plan.words[i].expansions, |_| true, &mut decoded)?);
                }
            }
        }
    }
    let clauses: Vec<ClauseMatches> = query
        .clauses
        .iter()
        .zip(&plan.clauses)
        .map(|(clause, unit_ids)| {
            let units: Vec<UnitSource> = clause
                .alternatives
                .iter()
                .zip(unit_ids)
                .map(|(unit, ids)| {
                    if alone(unit, ids) {
                        return UnitSource::Word(by_doc[ids[0]].as_ref().expect("every lone word was matched"));
                    }
                    let maps: Vec<&WordMatches> =
                        ids.iter().map(|&i| words[i].as_ref().expect("every clause word was matched")).collect();
                    UnitSource::Occurrences(unit_matches(unit, &maps))
                })
                .collect();
            clause_matches(index, units)
        })
        .collect();

    // Exclusions: exact, folded or Telex matches only (never prefix or typo).
    let mut excluded: Vec<u32> = Vec::new();
    for (unit, ids) in query.excluded.iter().zip(&plan.excluded) {
        let maps = ids
            .iter()
            .map(|&i| word_matches(index, &plan.words[i].expansions, |e| e.class <= 1, &mut decoded))
            .collect::<Result<Vec<WordMatches>>>()?;
        let refs: Vec<&WordMatches> = maps.iter().collect();
        excluded.extend_from_slice(&unit_matches(unit, &refs).rows.docs);
    }
    excluded.sort_unstable();
    excluded.dedup();
    let is_excluded = |doc: u32| excluded.binary_search(&doc).is_ok();

    // A clause that matched nothing is reported (as read) and set aside.
    let unmatched: Vec<String> = query
        .clauses
        .iter()
        .zip(&clauses)
        .filter(|(_, m)| m.is_empty())
        .map(|(clause, _)| Query { clauses: vec![clause.clone()], ..Query::default() }.read_as())
        .collect();
    let live: Vec<&ClauseMatches> = clauses.iter().filter(|m| !m.is_empty()).collect();

    // Combine the live clauses per document, merging their sorted document lists.
    // Whether consecutive clauses stand adjacent is left for the ranking, which
    // asks only for documents that can still enter the page.
    let accs = combine(&live, &excluded);
    let best = accs.iter().map(|a| a.matched).max().unwrap_or(0);
    let pairs = live.len().saturating_sub(1).max(1) as f32;
    let boosted = |score: f32, adjacent: u16| score * (1.0 + ADJACENCY_BOOST * f32::from(adjacent) / pairs);

    // The documents answering the query, before filters: those matching the most
    // clauses; with no query words, every document not excluded. Each scored as
    // if all its pairs of clauses stood adjacent: a bound on its score, made
    // exact when it is ranked ([`top`]).
    let answer: Vec<Hit> = if query.is_empty() {
        (0..index.doc_count() as u32)
            .filter(|&d| !is_excluded(d))
            .map(|doc| Hit { doc, score: 0.0, matched: 0, class: 0 })
            .collect()
    } else {
        accs.iter()
            .filter(|a| a.matched == best)
            .map(|a| Hit {
                doc: a.doc,
                score: boosted(a.score, a.pairs),
                matched: usize::from(a.matched),
                class: a.class,
            })
            .collect()
    };
    // The score before adjacency of the hits whose bound is not exact, by document.
    let bases: Vec<(u32, f32)> =
        accs.iter().filter(|a| a.matched == best && a.pairs > 0).map(|a| (a.doc, a.score)).collect();
    let filters = Compiled::new(facet_index, index.doc_count(), options);
    let (facets, months) = if options.facets {
        let docs: Vec<u32> = answer.iter().map(|h| h.doc).collect();
        facet_counts(facet_index, &docs, &filters)
    } else {
        (BTreeMap::new(), Vec::new())
    };
    let days = |d: u32| facet_index.day(d);
    let hits: Vec<Hit> = if filters.is_empty() {
        answer
    } else {
        answer.into_iter().filter(|h| filters.passes(h.doc, days(h.doc), None, false)).collect()
    };
    let partial = best > 0 && usize::from(best) < live.len();

    let relevance = |a: &Hit, b: &Hit| {
        b.matched.cmp(&a.matched).then(a.class.cmp(&b.class)).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
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
    // The page asked for: the best `offset + limit`, sorted, less the first `offset`.
    let end = options.offset.saturating_add(options.limit);
    // Two consecutive clauses of single words stand adjacent where a term of
    // the first stands right before a term of the second: read from the first
    // one's followers when they are here (the documents where they do), else
    // from both clauses' positions, per document ranked.
    let followed: Vec<Option<Vec<u32>>> = if bases.is_empty() {
        Vec::new()
    } else {
        let terms: Vec<Option<Vec<u64>>> = live.iter().map(|m| m.word_ordinals()).collect();
        terms
            .windows(2)
            .map(|w| match (&w[0], &w[1]) {
                (Some(before), Some(after)) if index.followers_of_all(before) => {
                    index.followed_docs(before, after).map(Some)
                }
                _ => Ok(None),
            })
            .collect::<Result<_>>()?
    };
    let (mut starts, mut ends, mut prev_ends) = (Vec::new(), Vec::new(), Vec::new());
    let mut exact = |hit: &Hit| {
        let (doc, bound) = (hit.doc, hit.score);
        let Ok(b) = bases.binary_search_by_key(&doc, |b| b.0) else { return Ok(bound) };
        let mut adjacent = 0;
        for (c, m) in live.iter().enumerate().skip(1) {
            if live[c - 1].row_of(doc).is_some() && m.row_of(doc).is_some() {
                let side_by_side = match &followed[c - 1] {
                    Some(docs) => docs.binary_search(&doc).is_ok(),
                    None => {
                        live[c - 1].spans(index, doc, &mut starts, &mut prev_ends)?;
                        m.spans(index, doc, &mut starts, &mut ends)?;
                        any_adjacent(&prev_ends, &starts)
                    }
                };
                adjacent += u16::from(side_by_side);
            }
        }
        Ok(boosted(bases[b].1, adjacent))
    };
    let mut hits = match ranking {
        // A long page (an API asking for thousands) is sorted whole.
        Ranking::TopK if end <= TOP_K_MAX && end < hits.len() => top(hits, end, &order, &mut exact)?,
        _ => every(hits, end, &order, &mut exact)?,
    };
    hits.drain(..options.offset.min(hits.len()));
    Ok(SearchResults { plan, total, hits, unmatched, partial, suggestion: None, facets, months })
}

/// Combines the live clauses per document, merging their sorted document lists,
/// less the `excluded` documents (sorted).
fn combine(live: &[&ClauseMatches], excluded: &[u32]) -> Vec<Acc> {
    let is_excluded = |doc: u32| !excluded.is_empty() && excluded.binary_search(&doc).is_ok();
    if let [only] = live {
        // One clause (most queries typed): its documents as they are.
        let rows = only.docs.iter().zip(&only.best).filter(|(&doc, _)| !is_excluded(doc));
        return rows
            .map(|(&doc, cd)| Acc { doc, matched: 1, class: u32::from(cd.class), score: cd.score, pairs: 0 })
            .collect();
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut cursor = vec![0usize; live.len()];
    let mut row_here: Vec<Option<usize>> = vec![None; live.len()];
    while let Some(doc) = live.iter().zip(&cursor).filter_map(|(m, &c)| m.docs.get(c).copied()).min() {
        for (c, m) in live.iter().enumerate() {
            row_here[c] = (m.docs.get(cursor[c]) == Some(&doc)).then_some(cursor[c]);
            if row_here[c].is_some() {
                cursor[c] += 1;
            }
        }
        if is_excluded(doc) {
            continue;
        }
        let mut a = Acc { doc, matched: 0, class: 0, score: 0.0, pairs: 0 };
        for (c, m) in live.iter().enumerate() {
            let Some(r) = row_here[c] else { continue };
            let cd = m.best[r];
            a.matched += 1;
            a.class += u32::from(cd.class);
            a.score += cd.score;
            if c > 0 && row_here[c - 1].is_some() {
                a.pairs += 1;
            }
        }
        accs.push(a);
    }
    accs
}

/// The first `end` hits in `order`, every hit scored exactly first.
fn every(mut hits: Vec<Hit>, end: usize, order: &HitOrder<'_>, exact: &mut Exact<'_>) -> Result<Vec<Hit>> {
    for hit in &mut hits {
        hit.score = exact(hit)?;
    }
    hits.sort_unstable_by(order);
    hits.truncate(end);
    Ok(hits)
}

/// The longest batch [`top`] keeps sorted as it reads the hits (inserting into
/// it); a longer one is selected, then sorted.
const SMALL_BATCH: usize = 256;

/// The first `end` hits in `order`, sorted, with exact scores. A hit's score
/// comes as a bound: what it would be if every pair of its clauses stood
/// adjacent. Hits are taken best bound first and made exact (`exact`, which reads
/// followers or positions) until the next bound ranks below the `end`-th exact
/// hit: no hit after it can enter the page, so the page is what scoring every
/// hit gives.
fn top(mut hits: Vec<Hit>, end: usize, order: &HitOrder<'_>, exact: &mut Exact<'_>) -> Result<Vec<Hit>> {
    if end == 0 {
        return Ok(Vec::new());
    }
    // Bounds are looked at best first, a batch at a time: most queries need
    // the first batch only.
    let mut batch = end.saturating_mul(4).max(64);
    loop {
        let take = batch.min(hits.len());
        let best: Vec<Hit>;
        let candidates = if take <= SMALL_BATCH && take < hits.len() {
            // The best `take`, kept sorted in one pass (most hits lose to the
            // last kept in one comparison); `hits` stay as they are.
            let mut kept: Vec<Hit> = Vec::with_capacity(take + 1);
            for hit in &hits {
                if kept.len() == take && order(hit, &kept[take - 1]) != std::cmp::Ordering::Less {
                    continue;
                }
                let at = kept.partition_point(|h| order(h, hit) == std::cmp::Ordering::Less);
                kept.insert(at, hit.clone());
                kept.truncate(take);
            }
            best = kept;
            &best[..]
        } else {
            if take < hits.len() {
                hits.select_nth_unstable_by(take - 1, order);
            }
            hits[..take].sort_unstable_by(order);
            &hits[..take]
        };
        let mut page: Vec<Hit> = Vec::with_capacity(end.min(take) + 1);
        let mut done = take == hits.len();
        for hit in candidates {
            if page.len() == end && order(hit, &page[end - 1]) == std::cmp::Ordering::Greater {
                done = true;
                break;
            }
            let mut hit = hit.clone();
            hit.score = exact(&hit)?;
            let at = page.partition_point(|h| order(h, &hit) == std::cmp::Ordering::Less);
            page.insert(at, hit);
            page.truncate(end);
        }
        if done {
            return Ok(page);
        }
        batch = batch.saturating_mul(4);
    }
}
