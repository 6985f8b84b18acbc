//! `soi search`: open an index folder and answer one query.

use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result};
use soi_core::index::MANIFEST_FILE;
use soi_core::{Index, Manifest};

pub fn run(dir: &Path, query: &str, limit: usize, json: bool) -> Result<()> {
    let index = open(dir)?;
    let results = index.search(query, limit);
    let response = index.response(&results);
    if json {
        println!("{}", serde_json::to_string(&response)?);
        return Ok(());
    }
    let color = std::io::stdout().is_terminal();
    match response.total {
        0 => println!("no results for {query:?}"),
        1 => println!("1 result for {query:?}"),
        n => println!("{n} results for {query:?}"),
    }
    if !response.unmatched.is_empty() {
        println!("no document contains: {}", response.unmatched.join(", "));
    }
    for (i, hit) in response.hits.iter().enumerate() {
        println!();
        println!("{:>2}. {}  [{}]  score {:.3}", i + 1, marked(&hit.title, &hit.title_marks, color), hit.id, hit.score);
        println!("    {}", marked(&hit.snippet, &hit.marks, color));
    }
    Ok(())
}

/// Opens an index folder, checking every file's header, size and checksum.
pub fn open(dir: &Path) -> Result<Index> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let json = fs::read_to_string(&manifest_path).with_context(|| {
        format!("cannot read {}: is {} an index folder written by `soi build`?", manifest_path.display(), dir.display())
    })?;
    let manifest = Manifest::parse(&json).with_context(|| format!("in {}", manifest_path.display()))?;
    let index = Index::open_all(manifest, |name| fs::read(dir.join(name)).ok())
        .with_context(|| format!("cannot open the index in {}", dir.display()))?;
    Ok(index)
}

/// The text with its marks shown: bold reverse video on a terminal, `[…]` otherwise.
fn marked(text: &str, marks: &[[usize; 2]], color: bool) -> String {
    let (open, close) = if color { ("\x1b[1;7m", "\x1b[0m") } else { ("[", "]") };
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut at = 0;
    for &[s, e] in marks {
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(open);
        out.push_str(&text[s..e]);
        out.push_str(close);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}
