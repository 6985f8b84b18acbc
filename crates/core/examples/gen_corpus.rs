//! Writes the benchmark corpus as files, for `soi build` and the browser benchmark:
//!
//! ```sh
//! cargo run --release -p soi-core --example gen_corpus -- 10000 target/gen-corpus
//! # the same articles as minimal HTML pages too (for Pagefind, scripts/bench.sh):
//! cargo run --release -p soi-core --example gen_corpus -- 10000 target/gen-corpus --html target/gen-html
//! # measure the generated corpus and print its figures next to the real corpus's:
//! cargo run --release -p soi-core --example gen_corpus -- 10000 - --profile
//! ```
//!
//! Same generator as the Criterion benchmark (`benches/corpus_gen.rs`): the same
//! articles, byte for byte, on every run. `DIR` = `-` writes no text files.
//!
//! `--profile` measures what `../shared/corpus-profile.json` measures on a real
//! corpus of 10,000 Vietnamese news articles, with the same definitions: tokens are
//! `\w+` runs of title and body, lowercased, NFC; folded = tones and marks removed,
//! đ → d; adjacent pairs are folded tokens next to each other in an article.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use unicode_normalization::UnicodeNormalization;

#[path = "../benches/corpus_gen.rs"]
mod corpus_gen;

/// Figures of the real corpus (`corpus-profile.json`, 10,000 articles).
mod real {
    pub const TOKENS_PCT: [(f64, u64); 7] =
        [(5.0, 187), (25.0, 330), (50.0, 485), (75.0, 748), (95.0, 1306), (99.0, 1916), (100.0, 6662)];
    pub const BYTES_PCT: [(f64, u64); 7] =
        [(5.0, 1094), (25.0, 1949), (50.0, 2866), (75.0, 4441), (95.0, 7720), (99.0, 11427), (100.0, 41700)];
    pub const TITLE_PCT: [(f64, u64); 3] = [(5.0, 8), (50.0, 13), (95.0, 18)];
    pub const DF_PCT: [(f64, u64); 6] = [(50.0, 1), (75.0, 5), (90.0, 39), (99.0, 2080), (99.9, 6369), (100.0, 9464)];
    pub const TOKENS_TOTAL: u64 = 5_916_503;
    pub const TEXT_BYTES: u64 = 35_074_669;
    pub const DISTINCT: u64 = 33_163;
    pub const DISTINCT_FOLDED: u64 = 28_011;
    pub const HAPAX: u64 = 16_873;
    pub const OVER_10: u64 = 662;
    pub const OVER_50: u64 = 71;
    pub const PAIRS: u64 = 560_056;
    pub const PAIRS_2: u64 = 258_230;
    pub const PAIRS_20: u64 = 40_384;
}

fn fold(term: &str) -> String {
    term.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' | 'Ð' | 'ð' => 'd',
            c => c,
        })
        .collect()
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase().nfc().collect::<String>())
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn row(out: &mut String, what: &str, real: u64, generated: u64, scale: f64) {
    let expected = real as f64 * scale;
    let dev = if expected > 0.0 { (generated as f64 - expected) / expected * 100.0 } else { 0.0 };
    out.push_str(&format!("| {what} | {real} | {generated} | {dev:+.1}% |\n"));
}

struct Profile {
    docs: usize,
    tokens: Vec<u64>,
    bytes: Vec<u64>,
    titles: Vec<u64>,
    text_bytes: u64,
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    folded_ids: HashMap<String, u32>,
    pairs: HashMap<(u32, u32), u32>,
}

impl Profile {
    fn new() -> Self {
        Profile {
            docs: 0,
            tokens: vec![],
            bytes: vec![],
            titles: vec![],
            text_bytes: 0,
            ids: HashMap::new(),
            df: vec![],
            folded_ids: HashMap::new(),
            pairs: HashMap::new(),
        }
    }

    fn add(&mut self, title: &str, body: &str) {
        self.docs += 1;
        let text = format!("{title}\n\n{body}");
        self.text_bytes += text.len() as u64;
        self.bytes.push(text.len() as u64);
        self.titles.push(tokens(title).count() as u64);
        let mut terms = HashSet::new();
        let mut pairs = HashSet::new();
        let mut prev: Option<u32> = None;
        let mut n = 0;
        for t in tokens(&text) {
            n += 1;
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(t.clone()).or_insert(next);
            if id == next {
                self.df.push(0);
            }
            if terms.insert(id) {
                self.df[id as usize] += 1;
            }
            let f = fold(&t);
            let next = self.folded_ids.len() as u32;
            let fid = *self.folded_ids.entry(f).or_insert(next);
            if let Some(p) = prev {
                pairs.insert((p, fid));
            }
            prev = Some(fid);
        }
        for p in pairs {
            *self.pairs.entry(p).or_insert(0) += 1;
        }
        self.tokens.push(n);
    }

    fn report(mut self, seconds: f64) -> String {
        let scale = self.docs as f64 / 10_000.0;
        self.tokens.sort_unstable();
        self.bytes.sort_unstable();
        self.titles.sort_unstable();
        let mut df: Vec<u64> = self.df.iter().map(|&d| d as u64).collect();
        df.sort_unstable();
        let mut s = format!(
            "Generated corpus: {} articles in {seconds:.1} s. Real corpus: 10,000 articles (corpus-profile.json).\n\
             Counts that grow with the corpus are compared with the real figure × {scale} (articles / 10,000);\n\
             frequency counts (df, terms over 10%/50%) use the same fraction of articles.\n\n\
             | figure | real corpus | generated | deviation |\n|---|---:|---:|---:|\n",
            self.docs
        );
        for (p, v) in real::TOKENS_PCT {
            row(&mut s, &format!("tokens per article, p{p}"), v, percentile(&self.tokens, p), 1.0);
        }
        for (p, v) in real::BYTES_PCT {
            row(&mut s, &format!("bytes per article, p{p}"), v, percentile(&self.bytes, p), 1.0);
        }
        for (p, v) in real::TITLE_PCT {
            row(&mut s, &format!("title tokens, p{p}"), v, percentile(&self.titles, p), 1.0);
        }
        row(&mut s, "tokens, total", real::TOKENS_TOTAL, self.tokens.iter().sum(), scale);
        row(&mut s, "text bytes, total", real::TEXT_BYTES, self.text_bytes, scale);
        row(&mut s, "distinct terms (lowercase NFC)", real::DISTINCT, self.ids.len() as u64, 1.0);
        row(&mut s, "distinct terms (folded)", real::DISTINCT_FOLDED, self.folded_ids.len() as u64, 1.0);
        row(&mut s, "terms in exactly one article", real::HAPAX, df.iter().filter(|&&d| d == 1).count() as u64, 1.0);
        for (p, v) in real::DF_PCT {
            let g = percentile(&df, p);
            row(&mut s, &format!("document frequency over terms, p{p}"), v, g, if p >= 99.0 { scale } else { 1.0 });
        }
        let over = |frac: f64| df.iter().filter(|&&d| d as f64 > frac * self.docs as f64).count() as u64;
        row(&mut s, "terms in > 10% of articles", real::OVER_10, over(0.1), 1.0);
        row(&mut s, "terms in > 50% of articles", real::OVER_50, over(0.5), 1.0);
        row(&mut s, "distinct folded adjacent pairs", real::PAIRS, self.pairs.len() as u64, 1.0);
        row(
            &mut s,
            "folded pairs in ≥ 2 articles",
            real::PAIRS_2,
            self.pairs.values().filter(|&&c| c >= 2).count() as u64,
            1.0,
        );
        row(
            &mut s,
            "folded pairs in ≥ 20 articles",
            real::PAIRS_20,
            self.pairs.values().filter(|&&c| c >= 20).count() as u64,
            1.0,
        );
        for (term, per10k) in corpus_gen::TOP30 {
            let g = self.ids.get(term).map(|&i| self.df[i as usize] as u64).unwrap_or(0);
            row(&mut s, &format!("df of `{term}`"), per10k as u64, g, scale);
        }
        for term in ["đại hội", "chi bộ", "nhiệm kỳ", "đảng bộ", "huyện", "nguyễn", "nguyn"] {
            // Multi-syllable words: articles with the adjacent (folded) pair.
            let parts: Vec<String> = term.split(' ').map(fold).collect();
            let g = if parts.len() == 2 {
                match (self.folded_ids.get(&parts[0]), self.folded_ids.get(&parts[1])) {
                    (Some(&a), Some(&b)) => self.pairs.get(&(a, b)).copied().unwrap_or(0) as u64,
                    _ => 0,
                }
            } else {
                self.ids.get(term).map(|&i| self.df[i as usize] as u64).unwrap_or(0)
            };
            s.push_str(&format!("| articles with `{term}` (query words; not in the profile) | — | {g} | |\n"));
        }
        s
    }
}

fn main() -> std::io::Result<()> {
    let mut positional = Vec::new();
    let mut html: Option<std::path::PathBuf> = None;
    let mut profile = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--profile" => profile = true,
            "--html" => html = args.next().map(Into::into),
            _ => positional.push(a),
        }
    }
    let n: usize = positional.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let out_arg = positional.get(1).cloned().unwrap_or_else(|| "target/gen-corpus".into());
    let out = (out_arg != "-").then(|| std::path::PathBuf::from(&out_arg));
    if let Some(out) = &out {
        std::fs::create_dir_all(out)?;
    }
    if let Some(h) = &html {
        std::fs::create_dir_all(h)?;
    }
    let seeds_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/demo");
    let mut seeds: Vec<String> =
        std::fs::read_dir(seeds_dir)?.map(|e| std::fs::read_to_string(e?.path())).collect::<Result<_, _>>()?;
    seeds.sort();
    let started = std::time::Instant::now();
    let model = corpus_gen::Model::learn(&seeds);
    let mut rng = corpus_gen::Rng::new(0x5017);
    let mut stats = profile.then(Profile::new);
    for i in 0..n {
        let (title, body) = model.article(&mut rng);
        if let Some(out) = &out {
            std::fs::write(out.join(format!("{i:05}.txt")), format!("{title}\n\n{body}\n"))?;
        }
        if let Some(h) = &html {
            let mut page = std::io::BufWriter::new(std::fs::File::create(h.join(format!("{i:05}.html")))?);
            write!(
                page,
                "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
                 <body><main data-pagefind-body><h1>{}</h1>\n",
                escape(&title),
                escape(&title)
            )?;
            for p in body.split("\n\n") {
                writeln!(page, "<p>{}</p>", escape(p))?;
            }
            writeln!(page, "</main></body></html>")?;
        }
        if let Some(s) = &mut stats {
            s.add(&title, &body);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "wrote {n} articles{} in {seconds:.1} s",
        out.map(|o| format!(" to {}", o.display())).unwrap_or_default()
    );
    if let Some(s) = stats {
        print!("{}", s.report(seconds));
    }
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
