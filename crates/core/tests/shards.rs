//! Postings in term-range shards: a query needs only the shards of its terms, an
//! index answers the same however it is sharded, and a shard that does not belong
//! is refused.

use soi_core::{BuiltIndex, ErrorKind, Index, IndexBuilder, SearchOptions};

fn demo(shard_bytes: usize) -> BuiltIndex {
    demo_with(IndexBuilder::new().shard_bytes(shard_bytes))
}

/// The demo corpus with its dictionary split as a large corpus's is: terms of one
/// document only in their shard's own dictionary.
fn demo_split(shard_bytes: usize) -> BuiltIndex {
    demo_with(IndexBuilder::new().shard_bytes(shard_bytes).whole_dict_bytes(0))
}

fn demo_with(mut b: IndexBuilder) -> BuiltIndex {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let id = p.file_name().unwrap().to_string_lossy().into_owned();
        b.add(soi_core::ingest::parse_text(&id, &std::fs::read_to_string(&p).unwrap()));
    }
    b.build()
}

/// The root only (dict, terms, docs) and every store pack.
fn root(built: &BuiltIndex) -> Index {
    let f = &built.manifest.files;
    let bytes = |name: &str| built.file(name).unwrap().bytes.clone();
    let mut index =
        Index::open(built.manifest.clone(), bytes(&f.dict.path), bytes(&f.terms.path), bytes(&f.docs.path)).unwrap();
    for (i, e) in f.store.iter().enumerate() {
        index.add_store_pack(i, &bytes(&e.path)).unwrap();
    }
    index
}

const QUERIES: [&str; 11] = [
    "dai hoi ",
    "đại h",
    "\"chi bộ\" nhiệm kỳ ",
    "kim son -huyện",
    "nguyn ",
    "ddaij hooij ",
    "35-CT/TW ",
    "xyzzy ",
    // Decided on postings of terms no word of the query matches as typed: two
    // syllables typed without the space (`joined.rs`), another tone of a word
    // typed right made likelier by the word next to it, a completion by the word
    // before (`context.rs`).
    "daihoi chibo ",
    "bảo cáo ",
    "chi bộ đại hộ",
];

/// Runs `plan` (of query `q`) on `index` and checks that it answers as `whole`
/// does (without the suggestion: `execute` alone does not suggest).
fn assert_answers_as(index: &Index, plan: soi_core::Plan, whole: &Index, q: &str) {
    let got = index.response(&index.execute(plan, &SearchOptions::default()).unwrap());
    let mut want = whole.response(&whole.search(q, 10).unwrap());
    want.suggestion = None;
    assert_eq!(got, want, "{q:?}");
}

/// Adds the lists of shard `s` as the browser does: their byte range of its
/// pack (a gzip member).
fn add_shard(built: &BuiltIndex, index: &mut Index, s: usize) {
    let (p, range) = index.shard_range(s).unwrap();
    let pack = &built.file(&built.manifest.files.postings[p].path).unwrap().bytes;
    index.add_shard_member(s, &pack[range.start as usize..range.end as usize]).unwrap();
}

/// Adds the positions of shard `s` as the browser does.
fn add_positions(built: &BuiltIndex, index: &mut Index, s: usize) {
    let (p, range) = index.positions_range(s).unwrap();
    let pack = &built.file(&built.manifest.files.postings[p].path).unwrap().bytes;
    index.add_positions_member(s, &pack[range.start as usize..range.end as usize]).unwrap();
}

/// Adds the followers of shard `s` as the browser does.
fn add_followers(built: &BuiltIndex, index: &mut Index, s: usize) {
    let (p, range) = index.followers_range(s).unwrap();
    let pack = &built.file(&built.manifest.files.postings[p].path).unwrap().bytes;
    index.add_followers_member(s, &pack[range.start as usize..range.end as usize]).unwrap();
}

/// Plans `q` on `index`, adding the lists of the shards it asks for (the lookups
/// first, planning again after them), and nothing more.
fn plan_with_lists(built: &BuiltIndex, index: &mut Index, q: &str) -> soi_core::Plan {
    loop {
        let plan = index.plan(q);
        let missing = index.missing_shards(&plan);
        if missing.is_empty() {
            return plan;
        }
        missing.into_iter().for_each(|s| add_shard(built, index, s));
    }
}

/// Plans `q` on `index`, adding the shards the plan asks for (the lookups first,
/// planning again after them), then the positions or followers it says it
/// needs, as the browser fetches them; returns the final plan and how many
/// shards' lists were added.
fn plan_and_fetch(built: &BuiltIndex, index: &mut Index, q: &str) -> (soi_core::Plan, usize) {
    let mut added = 0;
    loop {
        let plan = index.plan(q);
        let missing = index.missing_shards(&plan);
        if missing.is_empty() {
            for s in index.missing_positions(&plan) {
                add_positions(built, index, s);
            }
            for s in index.missing_followers(&plan) {
                add_followers(built, index, s);
            }
            return (plan, added);
        }
        // Running the plan before its shards are added is refused, never a silent miss.
        let err = index.execute(plan.clone(), &SearchOptions::default()).unwrap_err();
        let file = match err.kind() {
            ErrorKind::NotLoaded { file } | ErrorKind::PositionsNotLoaded { file, .. } => file,
            other => panic!("{q:?}: {other:?}"),
        };
        assert!(file.contains(" of postings."), "{err}");
        let replan = !plan.unresolved.is_empty();
        for s in missing {
            add_shard(built, index, s);
            added += 1;
        }
        if !replan {
            let plan_again = index.plan(q);
            assert!(index.missing_shards(&plan_again).is_empty(), "{q:?}: the shards of the terms are enough");
        }
    }
}

#[test]
fn a_query_fetches_only_the_shards_of_its_terms_and_then_answers_as_the_whole_index() {
    for built in [demo(1024), demo_split(1024)] {
        let shards = root(&built).shard_count();
        assert!(shards >= 10, "the demo corpus in 1 KB shards makes many shards ({shards})");
        let whole = built.open().unwrap();
        for q in QUERIES {
            let mut index = root(&built);
            let (plan, added) = plan_and_fetch(&built, &mut index, q);
            assert!(added < shards / 2, "{q:?} needs {added} of {shards} shards");
            assert_answers_as(&index, plan, &whole, q);
        }
    }
}

#[test]
fn a_query_of_one_word_reads_no_position_and_one_of_more_says_which_it_lacks() {
    for built in [demo(1024), demo_split(1024)] {
        let whole = built.open().unwrap();
        let nothing_more = |index: &Index, q: &str| {
            assert!((0..index.shard_count()).all(|s| !index.has_positions(s)), "{q:?}: no positions fetched");
        };
        // One word, typed or being typed, or words joined by OR: lists only.
        for q in ["huyện ", "huy", "kim OR sơn ", "nguyn "] {
            let mut index = root(&built);
            let (plan, _) = plan_and_fetch(&built, &mut index, q);
            assert!(!plan.needs_positions() && !plan.needs_followers(), "{q:?}");
            assert!(index.missing_positions(&plan).is_empty(), "{q:?}");
            nothing_more(&index, q);
            assert!((0..index.shard_count()).all(|s| !index.has_followers(s)), "{q:?}: no followers fetched");
            assert_answers_as(&index, plan, &whole, q);
        }
        // Words alone: the followers of every word but the last, no position.
        // Without them the plan is refused, never answered wrong.
        for q in ["đại hội ", "kim sơn huyện ", "chi bộ đại hộ", "bảo cáo "] {
            let mut index = root(&built);
            let plan = plan_with_lists(&built, &mut index, q);
            assert!(!plan.needs_positions() && plan.needs_followers(), "{q:?}");
            assert!(index.missing_positions(&plan).is_empty(), "{q:?}");
            let wanted = index.missing_followers(&plan);
            assert!(!wanted.is_empty(), "{q:?}");
            assert!(index.execute(plan.clone(), &SearchOptions::default()).is_err(), "{q:?}");
            wanted.into_iter().for_each(|s| add_followers(&built, &mut index, s));
            assert!(index.missing_followers(&plan).is_empty());
            nothing_more(&index, q);
            assert_answers_as(&index, plan, &whole, q);
        }
        // A phrase, an exclusion, a field: the plan names the positions it
        // needs, and running it without them is refused, naming the shard.
        for q in ["\"chi bộ\" ", "kim son -huyện", "title:huyện ", "\"chi bộ\" đại hội "] {
            let mut index = root(&built);
            let plan = plan_with_lists(&built, &mut index, q);
            assert!(plan.needs_positions(), "{q:?}");
            let wanted = index.missing_positions(&plan);
            assert!(!wanted.is_empty(), "{q:?}");
            let err = index.execute(plan.clone(), &SearchOptions::default()).unwrap_err();
            match err.kind() {
                ErrorKind::PositionsNotLoaded { shard, file } => {
                    assert!(wanted.contains(shard), "{q:?}: shard {shard} is one the plan named");
                    assert!(file.contains("positions of shard") && file.contains("postings."), "{file}");
                }
                other => panic!("{q:?}: {other:?}"),
            }
            wanted.into_iter().for_each(|s| add_positions(&built, &mut index, s));
            assert!(index.missing_positions(&plan).is_empty());
            assert_answers_as(&index, plan, &whole, q);
        }
    }
}

#[test]
fn positions_that_do_not_belong_are_refused() {
    let built = demo(1024);
    let mut index = root(&built);
    let pack = &built.manifest.files.postings[0].path;
    let bytes = &built.file(pack).unwrap().bytes;
    let inflate = |range: std::ops::Range<u64>| {
        let mut out = Vec::new();
        let member = &bytes[range.start as usize..range.end as usize];
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(member), &mut out).unwrap();
        out
    };
    // Shard 1's positions as shard 0's, and shard 0's lists as its positions:
    // size, kind, CRC or terms disagree.
    let other = inflate(index.positions_range(1).unwrap().1);
    assert!(index.add_positions(0, other).unwrap_err().to_string().contains(pack.as_str()));
    let lists = inflate(index.shard_range(0).unwrap().1);
    assert!(index.add_positions(0, lists).is_err());
    assert!(index.add_positions(index.shard_count(), Vec::new()).is_err());
    assert!(index.add_positions_member(0, b"not gzip").unwrap_err().to_string().contains(pack.as_str()));
    assert!(!index.has_positions(0));
    add_positions(&built, &mut index, 0);
    assert!(index.has_positions(0));
}

#[test]
fn what_is_decided_on_postings_is_decided_alike_whatever_shards_are_loaded() {
    // The rules of QUERIES' last three fire on the demo corpus: the terms they
    // count pairs of are fetched with the plan's, before it is executed.
    for built in [demo(1024), demo_split(1024)] {
        let whole = built.open().unwrap();
        for (q, fired) in
            [("daihoi chibo ", "read apart"), ("bảo cáo ", "tone corrected"), ("chi bộ đại hộ", "completion promoted")]
        {
            let mut index = root(&built);
            let (plan, _) = plan_and_fetch(&built, &mut index, q);
            let results = index.execute(plan, &SearchOptions::default()).unwrap();
            let plan = &results.plan;
            let did = match fired {
                "read apart" => {
                    plan.words.iter().filter_map(|w| w.apart.as_deref()).collect::<Vec<_>>() == ["đại hội", "chi bộ"]
                }
                "tone corrected" => plan.words[0].expansions.iter().any(|e| e.surface == "báo" && e.class == 0),
                _ => plan.words[3].expansions.iter().any(|e| e.surface == "hội" && e.class <= 1),
            };
            assert!(did, "{q:?}: {fired}: {:?}", plan.words);
            let mut want = whole.search(q, 10).unwrap();
            assert!(want.suggestion.is_some() || fired == "completion promoted", "{q:?}");
            want.suggestion = None;
            assert_eq!(index.response(&results), whole.response(&want), "{q:?}");
        }
    }
}

#[test]
fn words_of_one_document_are_looked_up_in_their_shard() {
    let whole_dict = demo(1024);
    let split = demo_split(1024);
    let size = |b: &BuiltIndex| b.manifest.files.dict.bytes;
    assert!(size(&split) * 3 < size(&whole_dict) * 2, "{} vs {}: the root is smaller", size(&split), size(&whole_dict));
    assert!(split.manifest.terms == whole_dict.manifest.terms);
    // `thanhtra` is in one article of the demo: not in the split root dictionary.
    let mut index = root(&split);
    let plan = index.plan("thanhtra");
    assert!(!plan.unresolved.is_empty(), "the word must be looked up in a shard");
    let son = |plan: &soi_core::Plan| plan.words[0].expansions.iter().any(|e| e.surface == "thanhtra");
    assert!(!son(&plan), "not found before its shard is added");
    let (plan, _) = plan_and_fetch(&split, &mut index, "thanhtra");
    assert!(plan.unresolved.is_empty());
    assert!(son(&plan));
    let r = index.response(&index.execute(plan, &SearchOptions::default()).unwrap());
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, "004_41a37cd57bca97c8.txt");
    // Whatever is loaded, completions lead to root terms only: the same answer
    // with one shard loaded or all of them.
    let all = split.open().unwrap();
    for q in ["kim s", "nhiệm k", "huyen kim so"] {
        let mut some = root(&split);
        let (plan, _) = plan_and_fetch(&split, &mut some, q);
        assert_answers_as(&some, plan, &all, q);
    }
}

#[test]
fn the_answers_do_not_depend_on_the_shard_size() {
    let one = demo(usize::MAX).open().unwrap();
    let many = demo(200).open().unwrap();
    assert_eq!(one.shard_count(), 1);
    assert!(many.shard_count() > 20);
    for q in QUERIES {
        assert_eq!(one.response(&one.search(q, 10).unwrap()), many.response(&many.search(q, 10).unwrap()), "{q:?}");
    }
}

#[test]
fn the_reader_names_the_shards_its_related_articles_need() {
    let built = demo(1024);
    let whole = built.open().unwrap();
    let mut index = root(&built);
    let hl = index.plan("dai hoi ").highlighter().clone();
    assert!(matches!(index.article(0, &hl).unwrap_err().kind(), ErrorKind::NotLoaded { .. }));
    for s in index.missing_shards_for_article(0) {
        add_shard(&built, &mut index, s);
    }
    assert_eq!(index.article(0, &hl).unwrap(), whole.article(0, &hl).unwrap());
}

#[test]
fn a_shard_that_does_not_belong_is_refused() {
    let built = demo(1024);
    let mut index = root(&built);
    let pack = &built.manifest.files.postings[0].path;
    let (_, range) = index.shard_range(1).unwrap();
    let member = &built.file(pack).unwrap().bytes[range.start as usize..range.end as usize];
    let mut other = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(member), &mut other).unwrap();
    // Another shard's bytes as shard 0: size, CRC or range disagree.
    let err = index.add_shard(0, other).unwrap_err();
    assert!(err.to_string().contains(pack.as_str()), "{err}");
    assert!(index.add_shard(index.shard_count(), Vec::new()).is_err());
    assert!(index.add_shard_member(0, b"not gzip").unwrap_err().to_string().contains(pack.as_str()));
}

#[test]
fn lists_kept_between_queries_answer_as_fresh_ones() {
    let built = demo(4096);
    let kept = built.open().unwrap();
    let options = SearchOptions { limit: 10, ..SearchOptions::default() };
    for q in QUERIES {
        let first = kept.response(&kept.search_with(q, &options).unwrap());
        let again = kept.response(&kept.search_with(q, &options).unwrap());
        let fresh = built.open().unwrap();
        let new = fresh.response(&fresh.search_with(q, &options).unwrap());
        assert_eq!(again, first, "{q}: asked twice");
        assert_eq!(new, first, "{q}: a new reader");
    }
    // Each term's kept list is the one its postings hold, and asking again
    // gives the kept one.
    for ordinal in 0..u64::from(built.manifest.terms) {
        let once = kept.doc_counts(ordinal).unwrap();
        let twice = kept.doc_counts(ordinal).unwrap();
        assert!(std::sync::Arc::ptr_eq(&once, &twice), "term {ordinal} is decoded once");
        let mut decoded = soi_core::index::DocCounts::default();
        kept.counts_into(ordinal, &mut decoded).unwrap();
        assert_eq!((&once.docs, &once.tf, &once.title), (&decoded.docs, &decoded.tf, &decoded.title));
    }
}

/// The demo index as a browser holds it after fetching every shard's lists and
/// either its positions or its followers, and every text.
fn with_all(built: &BuiltIndex, positions: bool) -> Index {
    let mut index = root(built);
    for s in 0..index.shard_count() {
        add_shard(built, &mut index, s);
        if positions {
            add_positions(built, &mut index, s);
        } else {
            add_followers(built, &mut index, s);
        }
    }
    index
}

#[test]
fn followers_and_positions_decide_the_corrections_alike() {
    // The corrections count how many articles have two words side by side: from
    // followers when a query has words alone, from positions otherwise. On the
    // demo corpus these queries fire them (tone, completion, counted pairs), and
    // the two counts must decide alike, as must the adjacency that ranks.
    for built in [demo(1024), demo_split(1024)] {
        let (by_positions, by_followers) = (with_all(&built, true), with_all(&built, false));
        for q in ["bảo cáo ", "chi bộ đại hộ", "kinh tê ", "tuyên sinh ", "nam đị", "đại hội đảng ", "dai hoi dang bo "]
        {
            let (p, f) = (by_positions.search(q, 10).unwrap(), by_followers.search(q, 10).unwrap());
            assert_eq!(format!("{:?}", p.plan.words), format!("{:?}", f.plan.words), "{q:?}: the same corrections");
            assert_eq!(by_positions.response(&p), by_followers.response(&f), "{q:?}");
        }
        let corrected = by_followers.search("bảo cáo ", 10).unwrap();
        assert!(corrected.plan.words[0].expansions.iter().any(|e| e.surface == "báo" && e.class == 0));
    }
}

#[test]
fn a_space_after_the_last_word_names_the_followers_the_next_word_will_need() {
    for built in [demo(1024), demo_split(1024)] {
        let mut index = root(&built);
        let (plan, _) = plan_and_fetch(&built, &mut index, "đại hội ");
        // Still being typed, or in a phrase: nothing ahead.
        assert!(index.plan("đại hộ").ahead_follower_ordinals().is_empty());
        assert!(index.plan("\"đại hội\" ").ahead_follower_ordinals().is_empty());
        let ahead = plan.ahead_follower_ordinals();
        let hoi = &plan.words[1];
        assert!(!ahead.is_empty() && hoi.expansions.iter().all(|e| ahead.contains(&e.ordinal)), "{ahead:?}");
        // Fetched ahead, they are what the next word needs.
        let next = index.missing_followers_of(ahead);
        assert!(!next.is_empty(), "the last word's followers are not read by its own plan");
        for s in next {
            add_followers(&built, &mut index, s);
        }
        let typing = plan_with_lists(&built, &mut index, "đại hội đ");
        assert!(typing.needs_followers());
        assert!(index.missing_followers(&typing).is_empty(), "the next word needs no more followers");
    }
}

#[test]
fn queries_are_planned_before_the_document_table_arrives_and_run_once_it_has() {
    // The browser opens the dictionary and the terms file first and plans the
    // first query (fetching its shards) while the document table, the largest
    // root file, is still on its way.
    let built = demo(1024);
    let whole = built.open().unwrap();
    let f = &built.manifest.files;
    let bytes = |name: &str| built.file(name).unwrap().bytes.clone();
    for q in QUERIES {
        let mut index =
            Index::open_without_docs(built.manifest.clone(), bytes(&f.dict.path), bytes(&f.terms.path)).unwrap();
        assert!(!index.has_docs());
        assert_eq!(index.doc_count(), whole.doc_count());
        let plan = plan_with_lists(&built, &mut index, q);
        for s in index.missing_positions(&plan) {
            add_positions(&built, &mut index, s);
        }
        for s in index.missing_followers(&plan) {
            add_followers(&built, &mut index, s);
        }
        // Before the table: refused with the file's name, and no document is found.
        let err = index.execute(plan.clone(), &SearchOptions::default()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::NotLoaded { file } if file == &f.docs.path), "{q:?}: {err}");
        assert_eq!(
            (index.doc(0), index.doc_number("000_4739a6fcc71160b2.txt"), index.store_slot(0)),
            (None, None, None)
        );
        assert_eq!(index.docs().len(), 0);
        assert_eq!(index.missing_texts([0, 1]), Vec::<u32>::new(), "{q:?}: no slot is known yet");
        let err = index.add_store_pack(0, &bytes(&f.store[0].path)).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::NotLoaded { .. }), "{err}");
        index.add_docs(bytes(&f.docs.path)).unwrap();
        index.verify().unwrap();
        for (i, e) in f.store.iter().enumerate() {
            index.add_store_pack(i, &bytes(&e.path)).unwrap();
        }
        assert_answers_as(&index, plan, &whole, q);
    }
    // A table cut short is refused when it is added, naming its file.
    let mut index =
        Index::open_without_docs(built.manifest.clone(), bytes(&f.dict.path), bytes(&f.terms.path)).unwrap();
    let mut cut = bytes(&f.docs.path);
    cut.truncate(cut.len() - 10);
    let err = index.add_docs(cut).unwrap_err();
    assert!(err.to_string().contains(&f.docs.path), "{err}");
    assert!(!index.has_docs());
}
