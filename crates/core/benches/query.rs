//! Query latency per query class on 10,000 generated Vietnamese-like articles,
//! and the time to build their index. Figures go to BENCHMARKS.md.
//!
//! `cargo bench -p soi-core --bench query` (`-- search/` for the query groups only,
//! `-- reader/` for opening an article)

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use soi_core::{Document, Index, IndexBuilder, Ranking, SearchOptions};

#[path = "corpus_gen.rs"]
mod corpus_gen;

const ARTICLES: usize = 10_000;

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus/demo")
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    texts
}

pub fn generated_docs(n: usize) -> Vec<Document> {
    let model = corpus_gen::Model::learn(&seeds());
    let mut rng = corpus_gen::Rng::new(0x5017);
    (0..n)
        .map(|i| {
            let (title, body) = model.article(&mut rng);
            Document::new(format!("gen/{i:05}.txt"), title, body)
        })
        .collect()
}

fn open(docs: Vec<Document>) -> (Index, u64) {
    let mut b = IndexBuilder::new();
    for d in docs {
        b.add(d);
    }
    let built = b.build();
    let bytes = built.manifest.total_bytes();
    let index = built.open().unwrap();
    (index, bytes)
}

/// (class, query): one per query class of the relevance suite.
const QUERIES: [(&str, &str); 9] = [
    ("exact", "đại hội "),
    ("toneless", "dai hoi "),
    ("dense", "người "),
    ("prefix-one-letter", "t"),
    ("prefix-typing", "đại h"),
    ("phrase", "\"chi bộ\" nhiệm kỳ "),
    ("typo", "nguyn "),
    ("telex", "ddaij hooij "),
    ("three-words", "đảng bộ huyện "),
];

fn demo_docs() -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let id = p.file_name().unwrap().to_string_lossy().into_owned();
            soi_core::ingest::parse_text(&id, &std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// The demo corpus, for comparison with the browser benchmark (same queries).
fn bench_demo(c: &mut Criterion) {
    let (index, _) = open(demo_docs());
    let mut g = c.benchmark_group("demo");
    for (class, q) in QUERIES {
        g.bench_with_input(BenchmarkId::new("rank+snippets", class), q, |b, q| {
            b.iter(|| index.response(&index.search(q, 10).unwrap()))
        });
    }
    // The pruned ranking (what searches run) against scoring every hit, the peer
    // it must equal (tests/topk.rs), in the same run.
    let options = SearchOptions { limit: 10, ..SearchOptions::default() };
    for (class, q) in QUERIES {
        for (name, ranking) in [("rank top-k", Ranking::TopK), ("rank exhaustive", Ranking::Exhaustive)] {
            g.bench_with_input(BenchmarkId::new(name, class), q, |b, q| {
                b.iter(|| index.execute_ranked(index.plan(q), &options, ranking).unwrap())
            });
        }
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let docs = generated_docs(ARTICLES);
    let text_bytes: usize = docs.iter().map(|d| d.title.len() + d.body.len()).sum();
    let (index, bytes) = open(docs.clone());
    eprintln!(
        "corpus: {ARTICLES} articles, {text_bytes} bytes of text; index: {} terms, {bytes} bytes",
        index.term_count()
    );
    for (class, q) in QUERIES {
        let r = index.search(q, 10).unwrap();
        eprintln!("  {class:<14} {q:?}: {} results", r.total);
    }

    let mut g = c.benchmark_group("search");
    for (class, q) in QUERIES {
        g.bench_with_input(BenchmarkId::new("rank", class), q, |b, q| b.iter(|| index.search(q, 10).unwrap()));
    }
    for (class, q) in QUERIES {
        g.bench_with_input(BenchmarkId::new("rank+snippets", class), q, |b, q| {
            b.iter(|| index.response(&index.search(q, 10).unwrap()))
        });
    }
    // The pruned ranking (what searches run) against scoring every hit, the peer
    // it must equal (tests/topk.rs), in the same run.
    let options = SearchOptions { limit: 10, ..SearchOptions::default() };
    for (class, q) in QUERIES {
        for (name, ranking) in [("rank top-k", Ranking::TopK), ("rank exhaustive", Ranking::Exhaustive)] {
            g.bench_with_input(BenchmarkId::new(name, class), q, |b, q| {
                b.iter(|| index.execute_ranked(index.plan(q), &options, ranking).unwrap())
            });
        }
    }
    g.finish();

    // Opening an article in the reader: it needs only the query's highlighter.
    // Before the plan existed, the app ran a whole search (limit 0, no facets) to
    // get one; both are measured here in the same run.
    let shown: u32 = 4_321;
    let mut g = c.benchmark_group("reader");
    for (class, q) in QUERIES {
        g.bench_with_input(BenchmarkId::new("highlighter: plan", class), q, |b, q| b.iter(|| index.plan(q)));
        g.bench_with_input(BenchmarkId::new("highlighter: search limit 0 (before)", class), q, |b, q| {
            let opts = SearchOptions { limit: 0, facets: false, ..SearchOptions::default() };
            b.iter(|| index.search_with(q, &opts).unwrap())
        });
    }
    g.bench_function("article: marks + related", |b| {
        let plan = index.plan("dai hoi ");
        b.iter(|| index.article(shown, plan.highlighter()).unwrap().expect("loaded"))
    });
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("index 10k articles", |b| b.iter(|| open(docs.clone())));
    g.finish();
}

criterion_group!(benches, bench_demo, bench);
criterion_main!(benches);
