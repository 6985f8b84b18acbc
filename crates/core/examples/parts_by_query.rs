//! The postings parts each query fetches, natively: opens the root of a built
//! index folder (as a browser does), then for each query adds the shards'
//! lists, positions and followers its plan asks for, as the search worker
//! would, and prints how many parts of each kind and their bytes (gzip members,
//! as fetched). Each
//! query starts from the root alone. Asserts nothing (figures go to
//! BENCHMARKS.md); `tests/e2e/bytes-by-query.mjs` measures the same in a browser,
//! texts included.
//!
//! ```text
//! cargo run --release -p soi-core --example parts_by_query -- target/site-10k/index t "thành p" "việt nam"
//! ```

use std::io::Read;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: parts_by_query INDEX_DIR QUERY…")?);
    let queries: Vec<String> = args.collect();
    let manifest = soi_core::Manifest::parse(&std::fs::read_to_string(dir.join("manifest.json"))?)?;
    let load = |name: &str| -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let raw = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        // Root files are stored gzip-compressed; packs are stored as they are.
        if !raw.starts_with(&[0x1f, 0x8b]) || name.starts_with("postings") || name.starts_with("store") {
            return Ok(raw);
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    };
    let f = &manifest.files;
    let packs = f.postings.iter().map(|p| load(&p.path)).collect::<Result<Vec<_>, _>>()?;
    let (dict, terms, docs) = (load(&f.dict.path)?, load(&f.terms.path)?, load(&f.docs.path)?);
    let (mut all_lists, mut all_positions, mut all_followers) = (0, 0, 0);
    for q in &queries {
        let mut index = soi_core::Index::open(manifest.clone(), dict.clone(), terms.clone(), docs.clone())?;
        // Per kind: parts and bytes.
        let (mut lists, mut positions, mut followers) = ((0, 0), (0, 0), (0, 0));
        // Planned again after each round, as a plan may find more terms in the
        // shards it looked words up in.
        loop {
            let plan = index.plan(q);
            let shards = index.missing_shards(&plan);
            let (pos, next) = (index.missing_positions(&plan), index.missing_followers(&plan));
            if shards.is_empty() && pos.is_empty() && next.is_empty() {
                break;
            }
            let count = |(n, bytes): &mut (u64, u64), r: &std::ops::Range<u64>| {
                (*n, *bytes) = (*n + 1, *bytes + r.end - r.start)
            };
            for i in shards {
                let (p, r) = index.shard_range(i).ok_or("no such shard")?;
                count(&mut lists, &r);
                index.add_shard_member(i, &packs[p][r.start as usize..r.end as usize])?;
            }
            for i in pos {
                let (p, r) = index.positions_range(i).ok_or("no such shard")?;
                count(&mut positions, &r);
                index.add_positions_member(i, &packs[p][r.start as usize..r.end as usize])?;
            }
            for i in next {
                let (p, r) = index.followers_range(i).ok_or("no such shard")?;
                count(&mut followers, &r);
                index.add_followers_member(i, &packs[p][r.start as usize..r.end as usize])?;
            }
        }
        let plan = index.plan(q);
        let expansions: usize = plan.words.iter().map(|w| w.expansions.len()).sum();
        let kb = |b: u64| b as f64 / 1024.0;
        println!(
            "{q:24} lists {:3} parts {:7.1} KB   positions {:3} parts {:7.1} KB   followers {:3} parts {:7.1} KB   {expansions} expansions",
            lists.0,
            kb(lists.1),
            positions.0,
            kb(positions.1),
            followers.0,
            kb(followers.1)
        );
        all_lists += lists.1;
        all_positions += positions.1;
        all_followers += followers.1;
    }
    let kb = |b: u64| b as f64 / 1024.0;
    println!(
        "{:24} lists {:17.1} KB   positions {:17.1} KB   followers {:17.1} KB",
        "total",
        kb(all_lists),
        kb(all_positions),
        kb(all_followers)
    );
    Ok(())
}
