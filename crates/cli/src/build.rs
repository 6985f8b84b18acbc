//! `soi build`: read the corpus folder, index it, write the index folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use soi_core::index::MANIFEST_FILE;
use soi_core::{ingest, IndexBuilder};

/// Corpora with at least this many files get a progress bar.
const PROGRESS_MIN_FILES: usize = 200;

pub fn run(corpus: &Path, out: &Path, quiet: bool) -> Result<()> {
    let started = Instant::now();
    let files = find_articles(corpus)?;
    if files.is_empty() {
        bail!(
            "no articles found in {}: put one article per .txt file (UTF-8) in that folder or its subfolders",
            corpus.display()
        );
    }

    let bar = progress(files.len(), "reading");
    let mut builder = IndexBuilder::new();
    let mut skipped = Vec::new();
    for path in &files {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => bail!(
                "{} is not valid UTF-8 (first bad byte at offset {}): convert it to UTF-8 (for example with iconv) or move it out of the corpus folder; nothing was written",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        };
        let id = relative_id(corpus, path);
        if text.trim().is_empty() {
            skipped.push(format!("{id}: empty"));
        } else {
            builder.add(ingest::parse_text(&id, &text));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if builder.is_empty() {
        bail!("every article file in {} is empty; nothing was written", corpus.display());
    }

    let bar = progress(builder.len(), "indexing");
    let built = builder.build_with_progress(|done, _| bar.set_position(done as u64));
    bar.finish_and_clear();

    write_index(out, &built)?;

    if !quiet {
        let m = &built.manifest;
        let manifest_bytes = m.to_json().len() as u64;
        println!(
            "indexed {} documents, {} terms in {:.2} s → {}",
            m.documents,
            m.terms,
            started.elapsed().as_secs_f64(),
            out.display()
        );
        println!("  {:<36} {:>10}", MANIFEST_FILE, human_bytes(manifest_bytes));
        for f in &built.files {
            println!("  {:<36} {:>10}", f.name, human_bytes(f.bytes.len() as u64));
        }
        println!("  {:<36} {:>10}", "total", human_bytes(m.total_bytes() + manifest_bytes));
        for s in &skipped {
            println!("  skipped {s}");
        }
    }
    Ok(())
}

fn progress(len: usize, what: &'static str) -> ProgressBar {
    if len < PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(what);
    bar
}

/// Every `.txt` file under `corpus`, in a stable order.
fn find_articles(corpus: &Path) -> Result<Vec<PathBuf>> {
    let meta = fs::metadata(corpus)
        .with_context(|| format!("cannot open the corpus folder {}: check the path", corpus.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a folder: pass the folder that holds your articles", corpus.display());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read inside {}", corpus.display()))?;
        let is_txt = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if entry.file_type().is_file() && is_txt {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The document id: the path relative to the corpus folder, with `/` separators.
fn relative_id(corpus: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(corpus).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Writes every file (each through a temporary name and a rename), the manifest
/// last, then removes index files of earlier builds that the manifest no longer names.
fn write_index(out: &Path, built: &soi_core::BuiltIndex) -> Result<()> {
    fs::create_dir_all(out).with_context(|| format!("cannot create the index folder {}", out.display()))?;
    for f in &built.files {
        write_atomic(&out.join(&f.name), &f.bytes)?;
    }
    write_atomic(&out.join(MANIFEST_FILE), built.manifest.to_json().as_bytes())?;
    let keep: Vec<&str> = built.files.iter().map(|f| f.name.as_str()).collect();
    for entry in fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_index_file_name(&name) && !keep.contains(&name.as_str()) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the stale {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `kind.<16 hex>.bin`, as written by `soi build`.
fn is_index_file_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    matches!(parts[..], [kind, hash, "bin"]
        if ["dict", "postings", "docs", "store"].contains(&kind)
            && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    f.write_all(bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    f.sync_all().ok();
    fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

pub fn human_bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_index_files_count_as_stale() {
        assert!(is_index_file_name("dict.0123456789abcdef.bin"));
        assert!(!is_index_file_name("dict.0123456789abcdef.bin.tmp"));
        assert!(!is_index_file_name("photo.0123456789abcdef.bin"));
        assert!(!is_index_file_name("manifest.json"));
    }
}
