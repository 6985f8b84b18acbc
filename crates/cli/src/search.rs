//! `soi search`: open an index folder and answer one query.

use std::fmt::Write as _;
use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Context, Result};
use soi_core::index::MANIFEST_FILE;
use soi_core::{Index, Manifest, SearchOptions, Sort};

/// Builds search options from the command line; [`SearchOptions::validate`]
/// checks them, in the same words as the JS API.
pub fn options(
    limit: usize,
    offset: usize,
    filters: &[String],
    from: Option<String>,
    to: Option<String>,
    sort: Sort,
) -> Result<SearchOptions> {
    let mut options = SearchOptions { limit, offset, from, to, sort, ..SearchOptions::default() };
    for f in filters {
        let Some((facet, value)) = f.split_once('=') else {
            bail!("--filter {f:?} should be FACET=VALUE, e.g. --filter \"place=Kim Sơn\"");
        };
        options.add_filter(facet, value);
    }
    options.validate()?;
    Ok(options)
}

pub fn run(dir: &Path, query: &str, options: &SearchOptions, json: bool) -> Result<()> {
    let mut out = String::new();
    // Writing to a String cannot fail.
    macro_rules! say {
        () => { out.push('\n') };
        ($($arg:tt)*) => {{ let _ = writeln!(out, $($arg)*); }};
    }
    let index = open(dir)?;
    let results = index.search_with(query, options)?;
    let response = index.response(&results);
    if json {
        say!("{}", serde_json::to_string(&response)?);
        return emit(&out);
    }
    let color = std::io::stdout().is_terminal();
    match response.total {
        0 => say!("no results for {query:?}"),
        1 => say!("1 result for {query:?}"),
        n => say!("{n} results for {query:?}"),
    }
    if !response.unmatched.is_empty() {
        say!("no document contains: {}", response.unmatched.join(", "));
    }
    if let Some(s) = &response.suggestion {
        say!("did you mean: {s}");
    }
    if response.partial {
        say!("no document matches every word; showing those that match the most");
    }
    for (i, hit) in response.hits.iter().enumerate() {
        say!();
        say!(
            "{:>2}. {}  [{}]  score {:.3}",
            options.offset + i + 1,
            marked(&hit.title, &hit.title_marks, color),
            hit.id,
            hit.score
        );
        let about: Vec<String> = [hit.date.clone(), hit.source.clone(), hit.author.clone()]
            .into_iter()
            .flatten()
            .chain((!hit.places.is_empty()).then(|| hit.places.join(", ")))
            .collect();
        if !about.is_empty() {
            say!("    {}", about.join(" · "));
        }
        say!("    {}", marked(&hit.snippet, &hit.marks, color));
    }
    emit(&out)
}

/// Writes the answer to standard output. A reader that stops early (`soi search
/// … | head`) closes the pipe: that ends the output, it is not an error.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Opens an index folder, checking every file's header, size and checksum.
pub fn open(dir: &Path) -> Result<Index> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let json = fs::read_to_string(&manifest_path).with_context(|| {
        format!("cannot read {}: is {} an index folder written by `soi build`?", manifest_path.display(), dir.display())
    })?;
    let manifest = Manifest::parse(&json).with_context(|| format!("in {}", manifest_path.display()))?;
    let sizes: std::collections::HashMap<String, u64> = manifest.entries().map(|e| (e.path.clone(), e.bytes)).collect();
    let mut unreadable: Option<anyhow::Error> = None;
    let index = Index::open_all(manifest, |name| {
        let limit = sizes.get(name).copied().unwrap_or(0);
        match crate::files::read(&dir.join(name), limit) {
            Ok(bytes) => bytes,
            Err(e) => {
                unreadable.get_or_insert(e);
                None
            }
        }
    });
    if let Some(e) = unreadable {
        return Err(e);
    }
    index.with_context(|| format!("cannot open the index in {}", dir.display()))
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
