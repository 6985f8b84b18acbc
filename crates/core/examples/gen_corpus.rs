//! Writes the benchmark corpus as files, for `soi build` and the browser benchmark:
//!
//! ```sh
//! cargo run --release -p soi-core --example gen_corpus -- 10000 target/gen-corpus
//! ```
//!
//! Same generator as the Criterion benchmark (`benches/corpus_gen.rs`): the same
//! articles, byte for byte, on every run.

#[path = "../benches/corpus_gen.rs"]
mod corpus_gen;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/gen-corpus".into()));
    std::fs::create_dir_all(&out)?;
    let seeds_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut seeds: Vec<String> =
        std::fs::read_dir(seeds_dir)?.map(|e| std::fs::read_to_string(e?.path())).collect::<Result<_, _>>()?;
    seeds.sort();
    let model = corpus_gen::Model::learn(&seeds);
    let mut rng = corpus_gen::Rng::new(0x5017);
    for i in 0..n {
        let (title, body) = model.article(&mut rng);
        std::fs::write(out.join(format!("{i:05}.txt")), format!("{title}\n\n{body}\n"))?;
    }
    eprintln!("wrote {n} articles to {}", out.display());
    Ok(())
}
