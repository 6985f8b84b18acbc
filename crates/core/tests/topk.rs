//! The pruned ranking gives the page that scoring every hit gives.
//!
//! A search makes adjacency exact (which clauses stand side by side, from
//! followers or positions) only for the hits that can still enter the page
//! ([`Ranking::TopK`]); followers and positions must tell the same. These tests run the
//! same plans with every hit scored in full ([`Ranking::Exhaustive`]) and demand
//! the same page: the same documents, in the same order, with the same scores,
//! and the same total, on random corpora and queries built to be dense (a few
//! words in nearly every document, many adjacent pairs, long prefixes' lists),
//! and on the generated news corpus the benchmarks use.

#[path = "../benches/corpus_gen.rs"]
#[allow(dead_code)]
mod corpus_gen;

use proptest::prelude::*;
use soi_core::{Document, Index, IndexBuilder, Ranking, SearchOptions, Sort};

/// Words of the random corpora: the first few are in nearly every document,
/// several share prefixes (`th…`, `ng…`), two-syllable words repeat as pairs.
const WORDS: [&str; 24] = [
    "và", "của", "người", "thành", "phố", "thành", "phố", "hà", "nội", "thanh", "tra", "thể", "thao", "nguyễn", "ngày",
    "nghị", "quyết", "đại", "hội", "đảng", "bộ", "tỉnh", "kim", "sơn",
];

fn corpus(docs: &[(Vec<u8>, Vec<u8>, Option<u8>)]) -> Index {
    corpus_built(docs).open().expect("a built index opens")
}

fn corpus_built(docs: &[(Vec<u8>, Vec<u8>, Option<u8>)]) -> soi_core::BuiltIndex {
    let mut b = IndexBuilder::new().shard_bytes(512);
    for (i, (title, body, day)) in docs.iter().enumerate() {
        let text = |words: &[u8]| words.iter().map(|&w| WORDS[w as usize % WORDS.len()]).collect::<Vec<_>>().join(" ");
        let mut doc = Document::new(format!("d{i:03}.txt"), text(title), text(body));
        doc.meta.date = day.map(|d| format!("2024-01-{:02}", d % 28 + 1));
        b.add(doc);
    }
    b.build()
}

/// The index as a browser holds it after fetching every shard's lists and
/// either its positions or its followers (never both), and every text.
fn partly(built: &soi_core::BuiltIndex, positions: bool) -> Index {
    let f = &built.manifest.files;
    let bytes = |name: &str| built.file(name).unwrap().bytes.clone();
    let mut index =
        Index::open(built.manifest.clone(), bytes(&f.dict.path), bytes(&f.terms.path), bytes(&f.docs.path)).unwrap();
    for s in 0..index.shard_count() {
        let member = |(p, r): (usize, std::ops::Range<u64>)| {
            bytes(&f.postings[p].path)[r.start as usize..r.end as usize].to_vec()
        };
        index.add_shard_member(s, &member(index.shard_range(s).unwrap())).unwrap();
        if positions {
            index.add_positions_member(s, &member(index.positions_range(s).unwrap())).unwrap();
        } else {
            index.add_followers_member(s, &member(index.followers_range(s).unwrap())).unwrap();
        }
    }
    for (i, e) in f.store.iter().enumerate() {
        index.add_store_pack(i, &bytes(&e.path)).unwrap();
    }
    index
}

/// The page of both rankings, compared hit by hit (scores bit for bit).
fn same_page(index: &Index, query: &str, options: &SearchOptions) -> Result<(), TestCaseError> {
    let run = |ranking| index.execute_ranked(index.plan(query), options, ranking).expect("a valid search");
    let (pruned, full) = (run(Ranking::TopK), run(Ranking::Exhaustive));
    prop_assert_eq!(pruned.total, full.total, "{:?}", query);
    let key = |r: &soi_core::SearchResults| {
        r.hits.iter().map(|h| (h.doc, h.matched, h.class, h.score.to_bits())).collect::<Vec<_>>()
    };
    prop_assert_eq!(key(&pruned), key(&full), "{:?} {:?}", query, options);
    Ok(())
}

fn doc_strategy() -> impl Strategy<Value = (Vec<u8>, Vec<u8>, Option<u8>)> {
    doc_of_words(40)
}

/// A document of up to `words` words of body.
fn doc_of_words(words: usize) -> impl Strategy<Value = (Vec<u8>, Vec<u8>, Option<u8>)> {
    // Small numbers are frequent: the first words are dense.
    let word = prop_oneof![4 => 0u8..6, 3 => 0u8..24];
    (prop::collection::vec(word.clone(), 1..5), prop::collection::vec(word, 0..words), prop::option::of(any::<u8>()))
}

fn query_strategy() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        6 => (0..WORDS.len()).prop_map(|w| WORDS[w].to_owned()),
        // A prefix, as while typing.
        2 => (0..WORDS.len(), 1usize..3).prop_map(|(w, n)| WORDS[w].chars().take(n).collect()),
        1 => (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("\"{} {}\"", WORDS[a], WORDS[b])),
        1 => (0..WORDS.len()).prop_map(|w| format!("-{}", WORDS[w])),
        1 => (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("{} OR {}", WORDS[a], WORDS[b])),
        1 => (0..WORDS.len()).prop_map(|w| format!("title:{}", WORDS[w])),
    ];
    prop::collection::vec(part, 1..5).prop_map(|parts| parts.join(" "))
}

fn options_strategy() -> impl Strategy<Value = SearchOptions> {
    (1usize..15, 0usize..6, 0..3u8, any::<bool>()).prop_map(|(limit, offset, sort, facets)| SearchOptions {
        limit,
        offset,
        sort: [Sort::Relevance, Sort::Newest, Sort::Oldest][sort as usize],
        facets,
        ..SearchOptions::default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_pruned_page_is_the_exhaustive_page(
        docs in prop::collection::vec(doc_strategy(), 1..80),
        queries in prop::collection::vec(query_strategy(), 1..6),
        options in options_strategy(),
    ) {
        let index = corpus(&docs);
        for q in &queries {
            same_page(&index, q, &options)?;
            // With the last word complete, too.
            same_page(&index, &format!("{q} "), &options)?;
        }
    }
}

/// Generated news (the benchmarks' corpus, calibrated on real news): dense words,
/// prefixes, phrases and many-word queries, first pages and later ones.
#[test]
fn the_pruned_page_is_the_exhaustive_page_on_generated_news() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut seeds: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    seeds.sort();
    let model = corpus_gen::Model::learn(&seeds);
    let mut rng = corpus_gen::Rng::new(0x70_9c);
    let mut b = IndexBuilder::new();
    for i in 0..1500 {
        let (title, body) = model.article(&mut rng);
        b.add(Document::new(format!("gen/{i:05}.txt"), title, body));
    }
    let index = b.build().open().unwrap();
    let queries = [
        "và ",
        "người ",
        "t",
        "th",
        "thành p",
        "của người ",
        "đại hội đảng bộ ",
        "dai hoi dang bo tinh nhiem ky moi",
        "\"chi bộ\" nhiệm kỳ ",
        "việt nam ",
        "kinh tế xã hội ",
        "và của người là có ",
        "nguyn ",
        "ddaij hooij ",
        "người -và ",
    ];
    let mut pruned_everything = 0;
    for q in queries {
        for (limit, offset) in [(10, 0), (10, 10), (1, 0), (25, 3)] {
            let options = SearchOptions { limit, offset, ..SearchOptions::default() };
            same_page(&index, q, &options).unwrap();
            let total = index.execute_ranked(index.plan(q), &options, Ranking::TopK).unwrap().total;
            pruned_everything += usize::from(total > 200);
        }
    }
    assert!(pruned_everything > 20, "the queries have long lists of hits to prune ({pruned_everything})");
}

/// Words alone (no phrase, field or exclusion): what a browser fetches for
/// them, with and without a word being typed.
fn words_strategy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        6 => (0..WORDS.len()).prop_map(|w| WORDS[w].to_owned()),
        2 => (0..WORDS.len(), 1usize..3).prop_map(|(w, n)| WORDS[w].chars().take(n).collect()),
        1 => (0..WORDS.len()).prop_map(|w| soi_core::analysis::fold(WORDS[w])),
        1 => (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("{} OR {}", WORDS[a], WORDS[b])),
    ];
    (prop::collection::vec(word, 2..5), any::<bool>())
        .prop_map(|(words, typing)| words.join(" ") + if typing { "" } else { " " })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Which words stand side by side, read from followers (as a query of words
    /// alone does in the browser) or from positions (as before followers, and
    /// as a query with a phrase does), gives the same answer: the same hits in
    /// the same order with the same scores, the same corrections and totals.
    #[test]
    fn followers_and_positions_rank_alike(
        docs in prop::collection::vec(doc_of_words(40), 1..40),
        queries in prop::collection::vec(words_strategy(), 1..6),
    ) {
        let built = corpus_built(&docs);
        let (by_positions, by_followers) = (partly(&built, true), partly(&built, false));
        let whole = built.open().unwrap();
        let options = SearchOptions { limit: 15, ..SearchOptions::default() };
        for q in &queries {
            let plan = by_followers.plan(q);
            prop_assert!(!plan.needs_positions(), "{:?}", q);
            let run = |index: &Index| index.search_with(q, &options).expect("a valid search");
            let (p, f, w) = (run(&by_positions), run(&by_followers), run(&whole));
            let key = |r: &soi_core::SearchResults| {
                let hits: Vec<_> = r.hits.iter().map(|h| (h.doc, h.matched, h.class, h.score.to_bits())).collect();
                (r.total, hits, r.suggestion.clone(), format!("{:?}", r.plan.words))
            };
            prop_assert_eq!(key(&p), key(&f), "{:?}", q);
            prop_assert_eq!(key(&w), key(&f), "{:?}", q);
        }
    }

    /// Counting a term's occurrences without decoding its positions agrees with
    /// decoding them, for every term; a document's positions read alone are the
    /// ones decoded with the whole list.
    #[test]
    fn counts_without_positions_agree_with_the_positions(docs in prop::collection::vec(doc_of_words(600), 1..30)) {
        // Bodies long enough for gaps of two bytes (positions past 127).
        let index = corpus(&docs);
        let mut counts = soi_core::index::DocCounts::default();
        let mut flat = soi_core::index::FlatPostings::default();
        for ordinal in 0..index.term_count() as u64 {
            index.counts_into(ordinal, &mut counts).unwrap();
            index.postings_into(ordinal, &mut flat).unwrap();
            prop_assert_eq!(&counts.docs, &flat.docs);
            for (i, &doc) in flat.docs.iter().enumerate() {
                let positions = flat.positions(i);
                // Document `doc` is `docs[doc]` (ids in order); a title word is one position.
                let title_words = docs[doc as usize].0.len() as u32;
                prop_assert_eq!(counts.tf[i] as usize, positions.len());
                prop_assert_eq!(counts.title[i] as usize, positions.iter().filter(|&&p| p < title_words).count());
                prop_assert_eq!(counts.title[i], flat.title[i]);
                let mut alone = Vec::new();
                index.positions_at(&counts, i, &mut alone).unwrap();
                prop_assert_eq!(&alone[..], positions);
            }
        }
    }
}

/// Responses take their snippets from each article's analysis kept by the index
/// (made once, emptied when 512 are kept): query after query, over more articles
/// than it keeps, every snippet is the one made from the text itself.
#[test]
fn kept_analyses_give_the_snippets_of_the_text() {
    let docs: Vec<(Vec<u8>, Vec<u8>, Option<u8>)> = (0..700u32)
        .map(|i| (vec![(i % 24) as u8, 3], (0..30).map(|k| ((i * 7 + k * 3) % 24) as u8).collect(), None))
        .collect();
    let index = corpus(&docs);
    for round in 0..2 {
        for q in ["thành phố ", "hà nội ", "kim ", "và ", "nguyễn ", "đảng bộ tỉnh "] {
            let options = SearchOptions { limit: 300, ..SearchOptions::default() };
            let results = index.execute(index.plan(q), &options).unwrap();
            let hl = results.plan.highlighter().clone();
            for hit in index.response(&results).hits {
                let body = &index.stored(hit.doc).unwrap().body;
                let want = soi_core::search::snippet(body, &hl);
                assert_eq!((&hit.snippet, &hit.marks), (&want.text, &want.marks), "{q:?} round {round}");
            }
        }
    }
}

/// A page found past the first batch of bounds: about 200 articles have both
/// words four times, never side by side (their bound, as if adjacent, is the
/// highest; their exact score is half of it), and 33 have them once, side by
/// side (the best exact scores). Ranking must read bounds batch after batch,
/// the hits kept whole between batches.
#[test]
fn the_pruned_page_is_the_exhaustive_page_past_the_first_batch() {
    let (ha, noi, filler) = (7u8, 8u8, 10u8);
    let adjacent = |i: usize| i % 7 == 3;
    let docs: Vec<(Vec<u8>, Vec<u8>, Option<u8>)> = (0..230)
        .map(|i| {
            let body = if adjacent(i) {
                [vec![ha, noi], vec![filler; 10]].concat()
            } else {
                (0..4).flat_map(|_| [ha, filler, noi]).collect()
            };
            (vec![filler], body, None)
        })
        .collect();
    let index = corpus(&docs);
    for (limit, offset) in [(10, 0), (20, 5), (1, 0)] {
        let options = SearchOptions { limit, offset, ..SearchOptions::default() };
        same_page(&index, "hà nội ", &options).unwrap();
        let page = index.execute_ranked(index.plan("hà nội "), &options, Ranking::TopK).unwrap();
        assert_eq!(page.hits.len(), limit);
        for hit in &page.hits {
            let i: usize = index.doc(hit.doc).unwrap().id[1..4].parse().unwrap();
            assert!(adjacent(i), "article {i} (words apart) ranks in the page {limit}+{offset}");
        }
    }
}
