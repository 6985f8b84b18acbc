//! `soi serve`: previews a site folder on 127.0.0.1 (a small static file server;
//! for production, any static host will do).

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use tiny_http::{Header, Response, Server};

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The file a request path names inside `root`, refusing anything that would
/// leave it (`..`, absolute parts).
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    // A URL path decodes `%XX` only (`+` is a plus sign there, not a space).
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains('\\') {
        return None; // a Windows separator is never part of a file name we serve
    }
    let mut out = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

pub fn run(dir: &Path, port: u16) -> Result<()> {
    if !dir.join("index.html").is_file() {
        bail!(
            "{} has no index.html: make a site with `soi site <CORPUS> --out {}` first",
            dir.display(),
            dir.display()
        );
    }
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}; try another --port"))?;
    println!("Serving {} on http://127.0.0.1:{port}/ (Ctrl-C to stop)", dir.display());
    for request in server.incoming_requests() {
        let file = resolve(dir, request.url());
        let response = match file.as_deref().map(|f| (f, fs::read(f))) {
            Some((f, Ok(bytes))) => {
                let header = Header::from_bytes("Content-Type", content_type(f)).expect("valid header");
                Response::from_data(bytes).with_header(header).with_status_code(200)
            }
            Some((_, Err(_))) => Response::from_string("not found").with_status_code(404),
            None => Response::from_string("forbidden").with_status_code(403),
        };
        let _ = request.respond(response);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/index/manifest.json?x=1"), Some(root.join("index/manifest.json")));
        assert_eq!(resolve(root, "/a%20b.txt"), Some(root.join("a b.txt")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/index/%2e%2e/%2e%2e/etc"), None);
        assert_eq!(resolve(root, "/a+b.txt"), Some(root.join("a+b.txt")), "+ is not a space in a path");
        assert_eq!(resolve(root, "/..%5c..%5cetc"), None, "backslashes are refused");
        assert_eq!(resolve(root, "/%C6%A1.txt"), Some(root.join("ơ.txt")));
    }
}
