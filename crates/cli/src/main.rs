//! `soi`: build a static search index of a folder of articles, and search it.
//!
//! ```text
//! soi build <CORPUS_DIR> --out <INDEX_DIR>
//! soi search <INDEX_DIR> <QUERY> [--limit N] [--offset N] [--json] [--filter F=V] [--from D] [--to D] [--sort S]
//! soi site <CORPUS_DIR> --out <SITE_DIR> [--app dist]
//! soi serve <SITE_DIR> [--port 8080] [--host ADDR]
//! ```
//!
//! Glue and I/O only: parsing, indexing and searching live in `soi-core`.

mod build;
mod files;
mod search;
mod serve;
mod site;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: a 100k-article build frees
/// hundreds of MB of terms before it compresses the store on other threads, and
/// glibc's per-thread arenas kept that memory (peak RSS about 1.05 GB against a
/// 0.71 GB heap); mimalloc gives it back and is no slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use soi_core::Sort;

#[derive(Parser)]
#[command(name = "soi", version, about = "Static, in-browser search for a folder of articles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Index every article under CORPUS_DIR (.txt, .md, .html, .json, .jsonl) into INDEX_DIR.
    ///
    /// Files that cannot be read are skipped and listed (with the reason) on stderr
    /// and in INDEX_DIR/build-report.json, which accounts for every file.
    Build {
        /// Folder of articles (read recursively).
        corpus: PathBuf,
        /// Folder to write manifest.json and the index files into (created if needed).
        #[arg(long, short)]
        out: PathBuf,
        /// Do not print the summary.
        #[arg(long, short)]
        quiet: bool,
        /// Fail (and write nothing) if any file or record cannot be read.
        #[arg(long)]
        strict: bool,
        /// Skip files larger than this (bytes; K, M or G suffixes allowed); in JSON
        /// Lines files, which are read record by record, records larger than this.
        #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
        max_file_size: u64,
        /// Which JSON field holds what, as ROLE=FIELD (repeat). Roles: title, body,
        /// date, url, author, source, category. Defaults cover common names.
        #[arg(long = "field", value_name = "ROLE=FIELD")]
        fields: Vec<String>,
    },
    /// Make a complete static site: the built app (Trunk's dist/) plus the index of CORPUS_DIR.
    ///
    /// The folder works from any static host, at its root or under a sub-path.
    Site {
        /// Folder of articles (read recursively).
        corpus: PathBuf,
        /// The site folder to write (created if needed).
        #[arg(long, short)]
        out: PathBuf,
        /// The built app: the folder `trunk build --release` wrote.
        #[arg(long, default_value = "dist")]
        app: PathBuf,
        /// Fail (and write nothing) if any file or record cannot be read.
        #[arg(long)]
        strict: bool,
    },
    /// Preview a site folder on http://127.0.0.1:PORT/ (GET and HEAD only; not for production).
    Serve {
        /// The site folder (from `soi site`).
        dir: PathBuf,
        #[arg(long, short, default_value_t = 8080)]
        port: u16,
        /// Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0 makes the
        /// site reachable from other machines; a warning says so).
        #[arg(long, value_name = "ADDR")]
        host: Option<std::net::IpAddr>,
    },
    /// Search an index built by `soi build`.
    Search {
        /// Folder holding manifest.json.
        index: PathBuf,
        /// The query, e.g. "dai hoi".
        query: String,
        /// Show at most this many hits.
        #[arg(long, short, default_value_t = 10)]
        limit: usize,
        /// Skip this many of the ranked hits first (the next page: --offset 10 --limit 10).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print one JSON object: {"total", "hits": [{"id", "title", "score", "snippet", "marks", …}], "facets", …}.
        #[arg(long)]
        json: bool,
        /// Only documents whose FACET has VALUE, as FACET=VALUE (repeat: OR within a
        /// facet, AND across facets). Facets: source, category, author, place, person, doc_ref.
        #[arg(long = "filter", value_name = "FACET=VALUE")]
        filters: Vec<String>,
        /// Only documents dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only documents dated on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Order of the hits: relevance, newest (alias: date) or oldest.
        #[arg(long, default_value = "relevance", value_parser = |s: &str| s.parse::<Sort>())]
        sort: Sort,
    },
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.chars().last() {
        Some('K' | 'k') => (&s[..s.len() - 1], 1024),
        Some('M' | 'm') => (&s[..s.len() - 1], 1024 * 1024),
        Some('G' | 'g') => (&s[..s.len() - 1], 1024 * 1024 * 1024),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .map(|n| n * mult)
        .map_err(|_| format!("{s:?} is not a size: use bytes, or a number with K, M or G"))
}

fn field_map(fields: &[String]) -> anyhow::Result<soi_core::ingest::FieldMap> {
    let mut map = soi_core::ingest::FieldMap::default();
    for f in fields {
        let Some((role, field)) = f.split_once('=') else {
            anyhow::bail!("--field {f:?} should be ROLE=FIELD, e.g. --field body=noi_dung");
        };
        map.set(role.trim(), field.trim()).map_err(anyhow::Error::msg)?;
    }
    Ok(map)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { corpus, out, quiet, strict, max_file_size, fields } => field_map(&fields).and_then(|fields| {
            build::run(&build::BuildArgs {
                corpus: &corpus,
                out: &out,
                quiet,
                strict,
                max_file_bytes: max_file_size,
                fields,
            })
        }),
        Command::Site { corpus, out, app, strict } => site::run(
            &app,
            &out,
            build::BuildArgs {
                corpus: &corpus,
                out: &out,
                quiet: false,
                strict,
                max_file_bytes: 20 * 1024 * 1024,
                fields: soi_core::ingest::FieldMap::default(),
            },
        ),
        Command::Serve { dir, port, host } => serve::run(&dir, host, port),
        Command::Search { index, query, limit, offset, json, filters, from, to, sort } => {
            search::options(limit, offset, &filters, from, to, sort)
                .and_then(|options| search::run(&index, &query, &options, json))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
