//! What an index of adjacent word pairs would cost and save, measured on a
//! built index folder (read whole): from every term's positions it rebuilds
//! which term follows which in each document, then
//! - counts the distinct adjacent pairs and the (pair, document) entries;
//! - encodes, per postings shard, a "followers" part: for each term of the shard
//!   the terms that follow it somewhere, each with the documents where it does
//!   (varints, gzipped at the packs' level), and prints its size beside the shard's
//!   positions;
//! - for each query given, compares the positions a query fetches today (every
//!   shard of its terms, from an empty cache) with the followers parts of the
//!   shards of the words that have a word after them, and with the exact pair
//!   lists it would read.
//! Asserts nothing; the figures are for BENCHMARKS.md.
//!
//! ```text
//! cargo run --release -p soi-core --example pairs_estimate -- target/site-10k/index "việt nam" "thành p"
//! ```

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::PathBuf;

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn gz_len(raw: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    gz.write_all(raw).expect("writing to memory");
    gz.finish().expect("writing to memory").len()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: pairs_estimate INDEX_DIR [QUERY…]")?);
    let queries: Vec<String> = args.collect();
    let manifest = soi_core::Manifest::parse(&std::fs::read_to_string(dir.join("manifest.json"))?)?;
    let load = |name: &str| {
        let raw = std::fs::read(dir.join(name)).ok()?;
        if !raw.starts_with(&[0x1f, 0x8b]) || name.starts_with("postings") || name.starts_with("store") {
            return Some(raw);
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).ok()?;
        Some(out)
    };
    let index = soi_core::Index::open_all(manifest, load)?;
    let (terms, docs) = (index.term_count() as u64, index.doc_count());

    // (position, term) per document, then (a, b, doc) for each adjacency.
    let mut forward: Vec<Vec<(u32, u32)>> = vec![Vec::new(); docs];
    for t in 0..terms {
        for p in index.postings(t)? {
            forward[p.doc as usize].extend(p.positions.iter().map(|&pos| (pos, t as u32)));
        }
    }
    let mut triples: Vec<(u32, u32, u32)> = Vec::new();
    for (doc, words) in forward.iter_mut().enumerate() {
        words.sort_unstable();
        for w in words.windows(2) {
            if w[1].0 == w[0].0 + 1 {
                triples.push((w[0].1, w[1].1, doc as u32));
            }
        }
    }
    drop(forward);
    triples.sort_unstable();
    triples.dedup();
    let mut distinct = 0;
    for (i, t) in triples.iter().enumerate() {
        if i == 0 || (triples[i - 1].0, triples[i - 1].1) != (t.0, t.1) {
            distinct += 1;
        }
    }
    println!("{docs} documents, {terms} terms: {distinct} distinct adjacent pairs, {} (pair, document) entries", triples.len());

    // Followers parts, per shard.
    let shards = index.shard_count();
    let shard_of = |t: u64| index.term_info(t).map(|i| i.shard);
    let mut followers_gz = vec![0usize; shards];
    let mut raw_total = 0;
    let mut at = 0;
    let mut first_term = 0u64;
    for s in 0..shards {
        let mut raw = Vec::new();
        // Terms of shard s: those whose shard is s (ordinals are contiguous).
        let mut t = first_term;
        while t < terms && shard_of(t) == Some(s) {
            let start = at;
            while at < triples.len() && u64::from(triples[at].0) == t {
                at += 1;
            }
            let mine = &triples[start..at];
            // Directory: followers with their document counts, then the lists.
            let mut followers: Vec<(u32, usize)> = Vec::new();
            for x in mine {
                match followers.last_mut() {
                    Some((b, c)) if *b == x.1 => *c += 1,
                    _ => followers.push((x.1, 1)),
                }
            }
            varint(&mut raw, followers.len() as u64);
            let mut prev = 0;
            for &(b, c) in &followers {
                varint(&mut raw, u64::from(b - prev));
                varint(&mut raw, c as u64);
                prev = b;
            }
            let mut i = 0;
            for &(_, c) in &followers {
                let mut last = 0;
                for x in &mine[i..i + c] {
                    varint(&mut raw, u64::from(x.2 - last));
                    last = x.2;
                }
                i += c;
            }
            t += 1;
        }
        first_term = t;
        raw_total += raw.len();
        followers_gz[s] = gz_len(&raw);
    }
    let positions_gz: Vec<u64> =
        (0..shards).map(|s| index.positions_range(s).map_or(0, |(_, r)| r.end - r.start)).collect();
    let lists_gz: Vec<u64> = (0..shards).map(|s| index.shard_range(s).map_or(0, |(_, r)| r.end - r.start)).collect();
    let kb = |b: u64| b as f64 / 1024.0;
    println!(
        "all shards: lists {:.0} KB, positions {:.0} KB, followers {:.0} KB gzipped ({:.0} KB raw)",
        kb(lists_gz.iter().sum()),
        kb(positions_gz.iter().sum()),
        kb(followers_gz.iter().sum::<usize>() as u64),
        kb(raw_total as u64)
    );

    // Per query: positions of all its terms' shards, against the followers of
    // the shards of the words with a neighbour after them, and the exact lists.
    for q in &queries {
        let plan = index.plan(q);
        let ordinals: BTreeSet<u64> = plan.ordinals().collect();
        let pos_shards: BTreeSet<usize> = ordinals.iter().filter_map(|&o| shard_of(o)).collect();
        let positions: u64 = pos_shards.iter().map(|&s| positions_gz[s]).sum();
        // Words followed by another in the query (consecutive clauses' words).
        let words: Vec<&soi_core::search::PlannedWord> = plan
            .query
            .clauses
            .iter()
            .flat_map(|c| c.alternatives.first())
            .flat_map(|u| &u.words)
            .filter_map(|t| plan.word(t))
            .collect();
        let mut left_shards = BTreeSet::new();
        let mut exact = 0usize;
        for w in words.windows(2) {
            let left: Vec<u64> = w[0].expansions.iter().chain(&w[0].alternatives).map(|e| e.ordinal).collect();
            let right: BTreeSet<u64> = w[1].expansions.iter().chain(&w[1].alternatives).map(|e| e.ordinal).collect();
            for &a in &left {
                left_shards.extend(shard_of(a));
                let lo = triples.partition_point(|x| u64::from(x.0) < a);
                let hi = triples.partition_point(|x| u64::from(x.0) <= a);
                let mut raw = Vec::new();
                let mut last = 0;
                for x in &triples[lo..hi] {
                    if right.contains(&u64::from(x.1)) {
                        varint(&mut raw, u64::from(x.2.wrapping_sub(last)));
                        last = x.2;
                    }
                }
                exact += raw.len();
            }
        }
        let followers: u64 = left_shards.iter().map(|&s| followers_gz[s] as u64).sum();
        println!(
            "{q:24} positions {:3} parts {:7.1} KB   followers {:3} parts {:7.1} KB   exact pair lists {:7.1} KB raw",
            pos_shards.len(),
            kb(positions),
            left_shards.len(),
            kb(followers),
            kb(exact as u64)
        );
    }
    Ok(())
}
