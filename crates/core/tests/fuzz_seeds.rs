//! Replays every committed seed of every fuzz target (`fuzz/corpus/<target>/*`)
//! through the same code the targets run (`fuzz/src/lib.rs`, included here), so
//! that the normal test suite, on stable Rust, proves on every run that none of
//! them panics. Crashes the fuzzer found are among the seeds (`crash-*` files).
//! Fuzzing itself needs nightly: see FUZZING.md.

#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz;

use std::path::PathBuf;

fn corpus(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target)
}

fn replay(target: &str) {
    let dir = corpus(target);
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    for seed in &seeds {
        let data = std::fs::read(seed).unwrap();
        let outcome = std::panic::catch_unwind(|| fuzz::run(target, &data));
        assert!(outcome.is_ok(), "fuzz target {target} panics on seed {}", seed.display());
    }
}

#[test]
fn every_target_has_a_seed_folder() {
    for target in fuzz::TARGETS {
        assert!(corpus(target).is_dir(), "fuzz/corpus/{target} is missing");
    }
}

#[test]
fn index_open_seeds() {
    replay("index_open");
}

#[test]
fn query_seeds() {
    replay("query");
}

#[test]
fn formats_seeds() {
    replay("formats");
}

#[test]
fn manifest_seeds() {
    replay("manifest");
}

/// The seeds reach what they are meant to: the fixed index opens unchanged, and a
/// valid manifest seed opens it.
#[test]
fn seeds_reach_the_interesting_code() {
    let built = fuzz::fixed();
    assert!(built.open().unwrap().shard_count() >= 2, "the fixed index has several postings shards");
    assert!(built.manifest.files.postings.len() >= 2 && built.manifest.files.store.len() >= 2, "and several packs");
    if std::env::var_os("SOI_BLESS").is_some() {
        std::fs::write(corpus("manifest").join("valid"), built.manifest.to_json()).unwrap();
    }
    let valid = std::fs::read_to_string(corpus("manifest").join("valid")).unwrap();
    let manifest = soi_core::Manifest::parse(&valid).unwrap();
    assert_eq!(
        manifest,
        built.manifest,
        "fuzz/corpus/manifest/valid must be the fixed index's manifest; after a format change, write this into it:\n{}",
        built.manifest.to_json()
    );
}
