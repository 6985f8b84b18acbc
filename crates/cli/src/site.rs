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
        if name == "index.html" {
            continue; // written below, locked down
        }
        fs::copy(entry.path(), out.join(&name))
            .with_context(|| format!("cannot copy {} into {}", entry.path().display(), out.display()))?;
        copied += 1;
    }
    let page_path = app.join("index.html");
    let page = fs::read_to_string(&page_path).with_context(|| format!("cannot read {}", page_path.display()))?;
    let manifest_path = index_dir.join(soi_core::index::MANIFEST_FILE);
    let manifest =
        fs::read_to_string(&manifest_path).with_context(|| format!("cannot read {}", manifest_path.display()))?;
    let locked = lock_down(&carry_manifest(&page, &manifest));
    for (name, script) in &locked.scripts {
        fs::write(out.join(name), script).with_context(|| format!("cannot write {name} into {}", out.display()))?;
    }
    fs::write(out.join("index.html"), &locked.page)
        .with_context(|| format!("cannot write index.html into {}", out.display()))?;
    copied += 1 + locked.scripts.len();
    println!(
        "site ready in {}: {copied} app files + index/ — serve it with `soi serve {}`",
        out.display(),
        out.display()
    );
    Ok(())
}

/// The page with the index's manifest in it, before its first script: the
/// worker's start script (www/soi-worker-start.js) then asks for the root of
/// the index without waiting for `manifest.json`, a round trip. The worker
/// still reads `manifest.json`, and a root the page names wrongly (the index
/// rebuilt by `soi build` alone, without `soi site`) is fetched again by the
/// names it gives. Data, not a script: `type="application/json"` never runs,
/// and `<` is escaped so that no text in it can close the element.
fn carry_manifest(page: &str, manifest: &str) -> String {
    let json = manifest.trim().replace('<', "\\u003c");
    let element = format!("<script type=\"application/json\" id=\"soi-manifest\">{json}</script>\n    ");
    match page.find("<script") {
        Some(at) => format!("{}{element}{}", &page[..at], &page[at..]),
        None => page.to_owned(),
    }
}

/// The Content-Security-Policy every site carries, as a `<meta>` tag (a host that
/// sets headers can send the same value as a `Content-Security-Policy` header, and
/// add `frame-ancestors 'none'`, which only a header can carry):
/// - scripts only from the site itself, and WebAssembly compiled from them
///   (`'wasm-unsafe-eval'`); no `eval`, and no inline script but the page's own,
///   each named by its hash (`'sha256-…'`, added by [`lock_down`]);
/// - everything else (styles, fetches, the search worker) from the site only;
///   the search worker also from a `blob:` the page makes of its own inline
///   start script (www/soi-worker-start.js), which spares it a round trip;
///   `data:` images for the empty favicon; inline style attributes are allowed,
///   for the month histogram's bar heights (styles cannot run code);
/// - no plugins, no `<base>`, no form submissions.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
object-src 'none'; base-uri 'none'; form-action 'none'";

/// A page made to run under [`CONTENT_SECURITY_POLICY`].
struct LockedPage {
    page: String,
    /// Inline modules moved out: (file name, contents).
    scripts: Vec<(String, String)>,
}

/// Puts the security policy in the head of the page. Trunk's inline module (it
/// starts the app) moves into a file named by its content's hash: a module runs
/// after parsing anyway, and its imports are preloaded. A classic inline script
/// (`index.html`'s, which starts the search worker while the page loads) stays
/// inline, allowed by its SHA-256 in the policy: as a file it would hold the
/// parser, or wait for its own round trip if deferred, before the worker starts.
fn lock_down(page: &str) -> LockedPage {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let mut out = String::with_capacity(page.len() + 512);
    let mut scripts = Vec::new();
    let mut hashes = String::new();
    let mut rest = page;
    while let Some(open) = rest.find("<script") {
        let Some(tag_end) = rest[open..].find('>').map(|i| open + i + 1) else { break };
        let tag = &rest[open..tag_end];
        let Some(close) = rest[tag_end..].find("</script>").map(|i| tag_end + i) else { break };
        let body = &rest[tag_end..close];
        out.push_str(&rest[..open]);
        if tag.contains(" src=") || tag.contains("type=\"application/json\"") || body.trim().is_empty() {
            out.push_str(&rest[open..close + "</script>".len()]);
        } else if tag.contains("type=\"module\"") {
            let hash: String = Sha256::digest(body.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
            let name = format!("start-{hash}.js");
            out.push_str(&format!("<script type=\"module\" src=\"./{name}\"></script>"));
            scripts.push((name, body.to_owned()));
        } else {
            // The hash is of the text between the tags as the browser reads it:
            // with its line ends made LF (a page checked out with CRLF).
            let text = body.replace("\r\n", "\n").replace('\r', "\n");
            let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()));
            hashes.push_str(&format!(" 'sha256-{digest}'"));
            out.push_str(&rest[open..close + "</script>".len()]);
        }
        rest = &rest[close + "</script>".len()..];
    }
    out.push_str(rest);
    let policy = CONTENT_SECURITY_POLICY.replacen("'wasm-unsafe-eval'", &format!("'wasm-unsafe-eval'{hashes}"), 1);
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let page = match out.find("<head>") {
        Some(at) => format!("{}\n    {meta}{}", &out[..at + "<head>".len()], &out[at + "<head>".len()..]),
        None => format!("{meta}\n{out}"),
    };
    LockedPage { page, scripts }
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
    fn inline_modules_move_to_files_boot_scripts_stay_by_hash_and_the_policy_goes_in_the_head() {
        let page = "<!doctype html><html><head><meta charset=\"utf-8\" /><script>\nwindow.boot = 1;\n</script><script type=\"module\">\nimport init from './a.js';\nawait init();\n</script><script src=\"x.js\"></script></head><body></body></html>";
        let locked = super::lock_down(page);
        assert_eq!(locked.scripts.len(), 1);
        let (name, body) = &locked.scripts[0];
        assert!(name.starts_with("start-") && name.ends_with(".js"));
        assert!(body.contains("await init();"));
        assert!(locked.page.contains(&format!("<script type=\"module\" src=\"./{name}\"></script>")));
        assert!(locked.page.contains("<script src=\"x.js\"></script>"), "external scripts stay");
        assert!(!locked.page.contains("await init"), "no inline module is left");
        // The boot script stays inline, allowed by its hash: SHA-256 of
        // "\nwindow.boot = 1;\n" (`printf '\nwindow.boot = 1;\n' | openssl dgst -sha256 -binary | base64`).
        assert!(locked.page.contains("<script>\nwindow.boot = 1;\n</script>"));
        assert!(locked.page.contains(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-ZSPUuDqDIsjHGqjRHn0vwh4aPOr/qvr5aK4SQKPkj/k='; style-src"
        ));
        let head = locked.page.find("<head>").unwrap();
        let csp = locked.page.find("Content-Security-Policy").unwrap();
        assert!(csp > head && csp < locked.page.find("<script").unwrap(), "the policy comes before any script");
        assert_eq!(super::lock_down(page).scripts, locked.scripts, "same page, same file");
        // The same page with CRLF line ends: the browser hashes it with LF ends.
        let crlf = super::lock_down(&page.replace('\n', "\r\n"));
        assert!(crlf.page.contains("'sha256-ZSPUuDqDIsjHGqjRHn0vwh4aPOr/qvr5aK4SQKPkj/k='"), "{}", crlf.page);
    }

    #[test]
    fn the_page_carries_the_manifest_as_data_before_its_first_script() {
        let page = "<html><head><script>\nwindow.boot = 1;\n</script></head></html>";
        let manifest = "{\"format\":\"soi-index\",\"note\":\"</script><script>alert(1)\"}\n";
        let locked = super::lock_down(&super::carry_manifest(page, manifest));
        let data = locked.page.find("<script type=\"application/json\" id=\"soi-manifest\">").unwrap();
        let boot = locked.page.find("<script>\nwindow.boot").unwrap();
        assert!(data < boot, "the start script finds the manifest when it runs: {}", locked.page);
        assert!(
            locked.page.contains(r#"{"format":"soi-index","note":"\u003c/script>\u003cscript>alert(1)"}</script>"#),
            "no text in the manifest closes its element: {}",
            locked.page
        );
        // Only the boot script is allowed by hash: data needs no permission to run.
        assert_eq!(locked.page.matches("'sha256-").count(), 1, "{}", locked.page);
        assert!(locked.page.contains("worker-src 'self' blob:;"), "the worker may start from the page's Blob");
    }

    #[test]
    fn only_trunk_outputs_count_as_app_files() {
        assert!(super::is_hashed_app_file("soi-web-4f0e01ca7cb258c2_bg.wasm"));
        assert!(super::is_hashed_app_file("style-79bbb1a0f9106147.css"));
        assert!(!super::is_hashed_app_file("my-notes.css"));
        assert!(!super::is_hashed_app_file("index.html"));
    }
}
