//! Postings in term-range shards: a query needs only the shards of its terms, an
//! index answers the same however it is sharded, and a shard that does not belong
//! is refused.

use soi_core::{BuiltIndex, ErrorKind, Index, IndexBuilder, SearchOptions};

fn demo(shard_bytes: usize) -> BuiltIndex {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut b = IndexBuilder::new().shard_bytes(shard_bytes);
    for p in paths {
        let id = p.file_name().unwrap().to_string_lossy().into_owned();
        b.add(soi_core::ingest::parse_text(&id, &std::fs::read_to_string(&p).unwrap()));
    }
    b.build()
}

/// The root only (dict, terms, docs) and every store chunk, as the browser opens it.
fn root(built: &BuiltIndex) -> Index {
    let f = &built.manifest.files;
    let bytes = |name: &str| built.file(name).unwrap().bytes.clone();
    let mut index =
        Index::open(built.manifest.clone(), bytes(&f.dict.path), bytes(&f.terms.path), bytes(&f.docs.path)).unwrap();
    for (i, e) in f.store.iter().enumerate() {
        index.add_store_chunk(i, bytes(&e.path)).unwrap();
    }
    index
}

const QUERIES: [&str; 8] =
    ["dai hoi ", "đại h", "\"chi bộ\" nhiệm kỳ ", "kim son -huyện", "nguyn ", "ddaij hooij ", "35-CT/TW ", "xyzzy "];

#[test]
fn a_query_fetches_only_the_shards_of_its_terms_and_then_answers_as_the_whole_index() {
    let built = demo(1024);
    let shards = built.manifest.files.postings.len();
    assert!(shards >= 10, "the demo corpus in 1 KB shards makes many shards ({shards})");
    let whole = built.open().unwrap();
    for q in QUERIES {
        let mut index = root(&built);
        let plan = index.plan(q);
        let missing = index.missing_shards(&plan);
        assert!(missing.len() < shards / 2, "{q:?} needs {} of {shards} shards", missing.len());
        if !missing.is_empty() {
            let err = index.execute(plan.clone(), &SearchOptions::default()).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::NotLoaded { file } if file.starts_with("postings.")), "{err}");
        }
        for s in missing {
            let e = &built.manifest.files.postings[s];
            index.add_shard(s, built.file(&e.path).unwrap().bytes.clone()).unwrap();
        }
        assert!(index.missing_shards(&plan).is_empty());
        let got = index.response(&index.execute(plan, &SearchOptions::default()).unwrap());
        let mut want = whole.response(&whole.search(q, 10).unwrap());
        want.suggestion = None; // execute() alone does not suggest
        assert_eq!(got, want, "{q:?}");
    }
}

#[test]
fn the_answers_do_not_depend_on_the_shard_size() {
    let one = demo(usize::MAX).open().unwrap();
    let many = demo(200).open().unwrap();
    assert_eq!(one.manifest().files.postings.len(), 1);
    assert!(many.manifest().files.postings.len() > 20);
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
        let e = &built.manifest.files.postings[s];
        index.add_shard(s, built.file(&e.path).unwrap().bytes.clone()).unwrap();
    }
    assert_eq!(index.article(0, &hl).unwrap(), whole.article(0, &hl).unwrap());
}

#[test]
fn a_shard_that_does_not_belong_is_refused() {
    let built = demo(1024);
    let mut index = root(&built);
    let f = &built.manifest.files.postings;
    let other = built.file(&f[1].path).unwrap().bytes.clone();
    // Another shard's bytes under shard 0's name: size, CRC or range disagree.
    let err = index.add_shard(0, other).unwrap_err();
    assert!(err.to_string().contains(&f[0].path), "{err}");
    assert!(index.add_shard(f.len(), Vec::new()).is_err());
}
