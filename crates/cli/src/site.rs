//! `soi site`: a complete static site folder (the app + the index of a corpus),
//! which any static host serves as is, from its root or any sub-path.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::build::{self, BuildArgs};

/// Copies the built app from `app` (Trunk's `dist/`, without its `index/`) into
/// `out`, then builds the corpus's index into `out/index`.
pub fn run(app: &Path, out: &Path, args: BuildArgs<'_>) -> Result<()> {
    if !app.join("index.html").is_file() {
        bail!(
            "{} has no index.html: build the app first with `trunk build --release` (scripts/run.sh does), or pass --app with the folder it wrote",
            app.display()
        );
    }
    let index_dir = out.join("index");
    build::run(&BuildArgs { out: &index_dir, ..args })?;
    // App files of an earlier build (content-hashed names) go, so the site does
    // not accumulate them; anything else in the folder is left alone.
    for entry in fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_hashed_app_file(&name) && !app.join(&name).exists() {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the stale {}", entry.path().display()))?;
        }
    }
    let mut copied = 0;
    for entry in fs::read_dir(app).with_context(|| format!("cannot list {}", app.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        if name == "index" || !entry.file_type()?.is_file() {
            continue; // the app folder's own index (if any) is replaced by the new one
        }
        fs::copy(entry.path(), out.join(&name))
            .with_context(|| format!("cannot copy {} into {}", entry.path().display(), out.display()))?;
        copied += 1;
    }
    println!(
        "site ready in {}: {copied} app files + index/ — serve it with `soi serve {}`",
        out.display(),
        out.display()
    );
    Ok(())
}

/// `name-<16 hex>.js`, `name-<16 hex>_bg.wasm`, `name-<16 hex>.css`: Trunk's output.
fn is_hashed_app_file(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_trunk_outputs_count_as_app_files() {
        assert!(super::is_hashed_app_file("soi-web-4f0e01ca7cb258c2_bg.wasm"));
        assert!(super::is_hashed_app_file("style-79bbb1a0f9106147.css"));
        assert!(!super::is_hashed_app_file("my-notes.css"));
        assert!(!super::is_hashed_app_file("index.html"));
    }
}
