//! Native query latency on a built index folder, to find where a query's time
//! goes before measuring it in the browser (BENCHMARKS.md). Times opening the
//! root of the index (dictionary, terms and document tables, as the browser
//! opens it before its first result), opens the whole index, then runs each
//! query REPS times (12 unless set) and prints the median time of its plan
//! (dictionary lookups and expansion), of running the plan (with the "did you
//! mean"), and of its response (snippets), each also for the
//! query's first run (the index keeps decoded lists and analysed texts between
//! searches, so later runs of the same query find them ready), with the query's
//! expansions, the postings they cover, and its total.
//!
//! ```text
//! cargo run --release -p soi-core --example time_queries -- target/bench/100000/soi/index "người" t "thành p"
//! ```

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

/// The queries timed when none are given: one or two of each benchmark class.
const DEFAULT: [&str; 11] =
    ["đại hội", "dai hoi", "người", "không", "t", "th", "thàn", "thành p", "\"hà nội\"", "nguyn", "ddaij hooij"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: time_queries INDEX_DIR [QUERY…]")?);
    let given: Vec<String> = args.collect();
    let queries: Vec<&str> =
        if given.is_empty() { DEFAULT.to_vec() } else { given.iter().map(String::as_str).collect() };
    let reps: usize = std::env::var("REPS").ok().and_then(|s| s.parse().ok()).unwrap_or(12).max(1);

    let manifest = soi_core::Manifest::parse(&std::fs::read_to_string(dir.join("manifest.json"))?)?;
    let load = |name: &str| {
        let raw = std::fs::read(dir.join(name)).ok()?;
        // Root files are stored gzip-compressed; packs are stored as they are.
        if !raw.starts_with(&[0x1f, 0x8b]) || name.starts_with("postings") || name.starts_with("store") {
            return Some(raw);
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).ok()?;
        Some(out)
    };
    let median = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let f = &manifest.files;
    let root = [&f.dict, &f.terms, &f.docs].map(|file| load(&file.path).ok_or(format!("cannot read {}", file.path)));
    let [dict, terms, docs] = root;
    let (dict, terms, docs) = (dict?, terms?, docs?);
    let opens: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            let opened = soi_core::Index::open(manifest.clone(), dict.clone(), terms.clone(), docs.clone());
            std::hint::black_box(opened.map(|_| ())).map(|()| t.elapsed().as_secs_f64() * 1e3)
        })
        .collect::<Result<_, _>>()?;
    println!("open (root) {:6.2} ms", median(opens));
    let index = soi_core::Index::open_all(manifest, load)?;
    let options = soi_core::SearchOptions { limit: 10, facets: true, ..Default::default() };
    for q in queries {
        let (mut plan, mut search, mut response) = (Vec::new(), Vec::new(), Vec::new());
        let mut last = None;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        for _ in 0..reps {
            let t0 = Instant::now();
            let planned = index.plan(q);
            let t1 = Instant::now();
            // As Index::search_with runs it.
            let mut results = index.execute(planned, &options)?;
            results.suggestion = index.suggestion(q, &results.plan);
            let t2 = Instant::now();
            std::hint::black_box(index.response(&results));
            plan.push(ms(t1 - t0));
            search.push(ms(t2 - t1));
            response.push(ms(t2.elapsed()));
            last = Some(results);
        }
        let (first_execute, first_response) = (search[0], response[0]);
        let results = last.expect("at least one repetition");
        let dfs = results.plan.words.iter().flat_map(|w| &w.expansions).map(|e| index.term_info(e.ordinal));
        let (expansions, postings) =
            dfs.fold((0, 0u64), |(n, p), info| (n + 1, p + info.map_or(0, |i| i.doc_freq as u64)));
        println!(
            "{q:14} plan {:6.2} ms  execute {:7.2} ms (first {first_execute:6.2} ms)  response {:6.2} ms (first {first_response:6.2} ms)  ({expansions} expansions, {postings} postings, {} results)",
            median(plan),
            median(search),
            median(response),
            results.total
        );
    }
    Ok(())
}
