//! `soi`: build a static search index of a folder of articles, and search it.
//!
//! ```text
//! soi build <CORPUS_DIR> --out <INDEX_DIR>
//! soi search <INDEX_DIR> <QUERY> [--limit N] [--json]
//! ```
//!
//! Glue and I/O only: parsing, indexing and searching live in `soi-core`.

mod build;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "soi", version, about = "Static, in-browser search for a folder of articles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Index every .txt article under CORPUS_DIR into INDEX_DIR.
    Build {
        /// Folder of articles (read recursively).
        corpus: PathBuf,
        /// Folder to write manifest.json and the index files into (created if needed).
        #[arg(long, short)]
        out: PathBuf,
        /// Do not print the summary.
        #[arg(long, short)]
        quiet: bool,
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
        /// Order of the hits.
        #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
        sort: SortArg,
    },
}

/// `--sort` values.
#[derive(Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Relevance,
    /// Newest first (alias: date).
    #[value(alias = "date")]
    Newest,
    Oldest,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { corpus, out, quiet } => build::run(&corpus, &out, quiet),
        Command::Search { index, query, limit, json, filters, from, to, sort } => {
            let sort = match sort {
                SortArg::Relevance => soi_core::Sort::Relevance,
                SortArg::Newest => soi_core::Sort::Newest,
                SortArg::Oldest => soi_core::Sort::Oldest,
            };
            search::options(limit, &filters, from, to, sort)
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
