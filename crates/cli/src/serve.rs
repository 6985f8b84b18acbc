//! `soi serve`: previews a site folder on 127.0.0.1 (a small static file server;
//! for production, any static host will do).
//!
//! It serves the regular files inside the folder and nothing else: a request
//! path is split on `/`, each segment percent-decoded exactly once and refused
//! if it could name anything but a file name (`..`, a separator, NUL, a drive
//! or stream `:`), and the file found is canonicalized and refused unless it is
//! still inside the canonicalized folder (a symlink out of the site). Only GET
//! and HEAD are answered. A single byte range is served (the explorer fetches an
//! article's text out of a store pack that way), as static hosts do.
//!
//! HTTP/1.1 with keep-alive, one thread per connection (std only). A browser
//! keeps six connections open to a host and sends a page's requests over them
//! side by side; the `tiny_http` server used before handed connections to a
//! pool of threads that could leave a new connection unread while idle ones
//! held its threads, and the page then waited for its index forever (about one
//! fresh page in four, after another had been served).

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, bail, Result};

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

/// The path (relative to the site folder) a request target names, or `None`
/// when it is refused. Pure: no file system access.
///
/// The target must be origin-form (`/…`). Its path (before `?`/`#`) is split
/// on `/` *before* decoding, and each segment is decoded once, so `%2f` cannot
/// make a separator and `%252e%252e` stays the file name `%2e%2e`. Refused:
/// an empty segment other than the last (`//etc/passwd` is an absolute path in
/// disguise), a segment of only dots and spaces other than `.` (`..`, and the
/// `...`/`.. ` that Windows would trim to `..`), a segment holding `/`, `\`,
/// NUL or `:` (a drive `C:` or an NTFS stream), and bytes that are not UTF-8.
fn url_path(url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    let mut out = PathBuf::new();
    for (i, raw) in segments.iter().enumerate() {
        // A URL path decodes `%XX` only (`+` is a plus sign there, not a space).
        let seg = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
        if seg.is_empty() {
            if i + 1 == segments.len() {
                continue; // a trailing slash: the folder itself
            }
            return None;
        }
        if seg == "." {
            continue;
        }
        if seg.trim_end_matches(['.', ' ']).is_empty() || seg.contains(['/', '\\', '\0', ':']) {
            return None;
        }
        // Whatever the platform makes of it, it must be exactly one plain name.
        let mut parts = Path::new(&*seg).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(name)), None) if name == std::ffi::OsStr::new(&*seg) => out.push(name),
            _ => return None,
        }
    }
    Some(out)
}

/// What a request path names inside the site folder.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file inside the folder: its canonical path.
    File(PathBuf),
    /// Nothing there (404).
    Missing,
    /// A path that is refused (403): a traversal, or a symlink out of the
    /// folder. Says nothing about what exists outside.
    Forbidden,
}

/// What `path` (lexically inside the canonical `root`) is, judged after
/// following symlinks.
enum Found {
    File(PathBuf),
    Dir(PathBuf),
    Missing,
    Forbidden,
}

fn locate(root: &Path, path: &Path) -> Found {
    // The deepest entry of `path` that exists (a final symlink not followed):
    // a missing file under a symlink that leaves the site is refused like an
    // existing one, so nothing tells whether a file exists outside.
    let mut existing = path;
    while existing != root && fs::symlink_metadata(existing).is_err() {
        match existing.parent() {
            Some(parent) => existing = parent,
            None => return Found::Forbidden,
        }
    }
    let Ok(canonical) = existing.canonicalize() else {
        return Found::Forbidden; // a dangling symlink or a loop: where it points is not ours to say
    };
    if !canonical.starts_with(root) {
        return Found::Forbidden;
    }
    if existing != path {
        return Found::Missing;
    }
    match fs::metadata(&canonical) {
        Ok(m) if m.is_file() => Found::File(canonical),
        Ok(m) if m.is_dir() => Found::Dir(canonical),
        Ok(_) => Found::Forbidden, // a FIFO, socket or device is not a page
        Err(_) => Found::Missing,
    }
}

/// The file a request target names inside `root` (`index.html` for a folder),
/// refusing anything that would leave it.
fn resolve(root: &Path, url: &str) -> Target {
    let Some(relative) = url_path(url) else {
        return Target::Forbidden;
    };
    let Ok(root) = root.canonicalize() else {
        return Target::Missing;
    };
    let found = match locate(&root, &root.join(relative)) {
        Found::Dir(dir) => locate(&root, &dir.join("index.html")),
        other => other,
    };
    match found {
        Found::File(file) => Target::File(file),
        Found::Dir(_) | Found::Missing => Target::Missing,
        Found::Forbidden => Target::Forbidden,
    }
}

/// A request method, as far as this server tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Head,
    Other,
}

/// What a response carries after its head.
enum Body {
    Text(&'static str),
    Bytes(Vec<u8>),
    /// A whole file of this many bytes.
    File(fs::File, u64),
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Text(t) => t.len() as u64,
            Body::Bytes(b) => b.len() as u64,
            Body::File(_, len) => *len,
        }
    }
}

/// One response: its status, its headers (besides the length and the
/// connection's), and its body.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

impl Reply {
    fn text(status: u16, text: &'static str) -> Reply {
        Reply { status, headers: vec![("Content-Type", "text/plain; charset=utf-8".into())], body: Body::Text(text) }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    #[cfg(test)]
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        _ => "",
    }
}

/// What a `Range` header asks of a file of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    /// The whole file: no range, or one this server ignores (several ranges, or
    /// not a valid header, which RFC 9110 lets a server ignore).
    Whole,
    /// Bytes `start..end`.
    Part(u64, u64),
    /// A range that starts past the end: HTTP 416.
    Unsatisfiable,
}

fn wanted(range: Option<&str>, len: u64) -> Wanted {
    let Some(spec) = range.and_then(|r| r.trim().strip_prefix("bytes=")) else { return Wanted::Whole };
    let Some((a, b)) = spec.trim().split_once('-') else { return Wanted::Whole };
    let number =
        |s: &str| (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse::<u64>().ok()).flatten();
    match (a.is_empty(), number(a), number(b)) {
        // "-n": the last n bytes.
        (true, _, Some(n)) if n > 0 && len > 0 => Wanted::Part(len - n.min(len), len),
        (true, _, Some(_)) => Wanted::Unsatisfiable,
        (false, Some(start), end) if b.is_empty() || end.is_some_and(|e| e >= start) => {
            if start >= len {
                Wanted::Unsatisfiable
            } else {
                Wanted::Part(start, end.map_or(len, |e| e.saturating_add(1).min(len)))
            }
        }
        _ => Wanted::Whole,
    }
}

/// Bytes `start..end` of `file`.
fn read_part(mut file: fs::File, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(start))?;
    let mut part = Vec::with_capacity((end - start) as usize);
    file.take(end - start).read_to_end(&mut part)?;
    Ok(part)
}

/// The response to one request (a HEAD's body is not sent: see [`write_reply`]).
/// `range` is the request's `Range` header.
fn respond(root: &Path, method: Method, url: &str, range: Option<&str>) -> Reply {
    if method == Method::Other {
        return Reply::text(405, "method not allowed\n").with("Allow", "GET, HEAD");
    }
    let not_found = || Reply::text(404, "not found\n");
    match resolve(root, url) {
        Target::File(path) => {
            let Ok(file) = fs::File::open(&path) else { return not_found() };
            let len = file.metadata().map_or(0, |m| m.len());
            let typed = |status, body| Reply {
                status,
                headers: vec![("Content-Type", content_type(&path).into()), ("Accept-Ranges", "bytes".into())],
                body,
            };
            match wanted(range, len) {
                Wanted::Whole => typed(200, Body::File(file, len)),
                Wanted::Part(start, end) => match read_part(file, start, end) {
                    Ok(part) => {
                        typed(206, Body::Bytes(part)).with("Content-Range", format!("bytes {start}-{}/{len}", end - 1))
                    }
                    Err(_) => not_found(),
                },
                Wanted::Unsatisfiable => {
                    Reply::text(416, "range not satisfiable\n").with("Content-Range", format!("bytes */{len}"))
                }
            }
        }
        Target::Missing => not_found(),
        Target::Forbidden => Reply::text(403, "forbidden\n"),
    }
}

/// The most bytes a request's head may take (its line and headers).
const MAX_HEAD: usize = 16 * 1024;

/// How long a kept-alive connection may stay idle before it is closed.
const IDLE: Duration = Duration::from_secs(30);

/// A request's head: its method, its target, its `Range` header, and whether
/// the connection is to be closed after the answer.
struct Head {
    method: Method,
    target: String,
    range: Option<String>,
    close: bool,
}

/// Reads one request's head. `Ok(None)`: the client closed the connection (or
/// let it idle too long) before sending one. `Err`: not a request this server
/// can read, answered with `status`.
fn read_head(reader: &mut impl BufRead) -> std::result::Result<Option<Head>, u16> {
    let mut lines = Vec::new();
    let mut size = 0;
    loop {
        let mut line = Vec::new();
        let n = (&mut *reader).take((MAX_HEAD - size + 1) as u64).read_until(b'\n', &mut line);
        match n {
            Ok(0) if lines.is_empty() => return Ok(None),
            Err(_) if lines.is_empty() => return Ok(None),
            Ok(0) | Err(_) => return Err(400),
            Ok(n) => size += n,
        }
        if size > MAX_HEAD {
            return Err(431);
        }
        let line = String::from_utf8(line).map_err(|_| 400u16)?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if lines.is_empty() {
                continue; // a stray empty line before a request (RFC 9112, 2.2)
            }
            break;
        }
        lines.push(line.to_owned());
    }
    let mut first = lines[0].split(' ');
    let (Some(method), Some(target), Some(version), None) = (first.next(), first.next(), first.next(), first.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(400);
    }
    let header = |name: &str| {
        lines[1..].iter().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    };
    let connection = header("Connection").unwrap_or_default().to_ascii_lowercase();
    let close = connection.contains("close") || (version == "HTTP/1.0" && !connection.contains("keep-alive"));
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    Ok(Some(Head { method, target: target.to_owned(), range: header("Range"), close }))
}

/// Writes `reply` (its body unless the request was a HEAD).
fn write_reply(out: &mut impl Write, reply: Reply, head_only: bool, close: bool) -> std::io::Result<()> {
    let mut text = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    text.push_str(if close { "Connection: close\r\n\r\n" } else { "Connection: keep-alive\r\n\r\n" });
    out.write_all(text.as_bytes())?;
    if !head_only {
        match reply.body {
            Body::Text(t) => out.write_all(t.as_bytes())?,
            Body::Bytes(b) => out.write_all(&b)?,
            Body::File(file, len) => {
                std::io::copy(&mut file.take(len), out)?;
            }
        }
    }
    out.flush()
}

/// Answers the requests of one connection, one after another, until the client
/// closes it, asks to, or leaves it idle for [`IDLE`].
fn serve_connection(root: &Path, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut out = std::io::BufWriter::new(stream.try_clone()?);
    let mut reader = BufReader::new(stream);
    loop {
        match read_head(&mut reader) {
            Ok(None) => return Ok(()),
            Ok(Some(head)) => {
                let reply = respond(root, head.method, &head.target, head.range.as_deref());
                // Another method may carry a body, which is not read: the
                // connection ends with its answer.
                let close = head.close || head.method == Method::Other;
                write_reply(&mut out, reply, head.method == Method::Head, close)?;
                if close {
                    return Ok(());
                }
            }
            Err(status) => {
                return write_reply(&mut out, Reply::text(status, "bad request\n"), false, true);
            }
        }
    }
}

/// The warning printed when the server listens beyond this machine.
fn exposure_warning(addr: SocketAddr) -> Option<String> {
    (!addr.ip().is_loopback()).then(|| {
        format!(
            "warning: listening on {addr}: the site is reachable from other machines on the network. \
             soi serve is a preview server, not for production; publish the site folder on a static host."
        )
    })
}

/// Serves `dir` on `host` (127.0.0.1 unless given) and `port` until stopped.
pub fn run(dir: &Path, host: Option<IpAddr>, port: u16) -> Result<()> {
    if !dir.join("index.html").is_file() {
        bail!(
            "{} has no index.html: make a site with `soi site <CORPUS> --out {}` first",
            dir.display(),
            dir.display()
        );
    }
    let wanted = SocketAddr::new(host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)), port);
    let listener =
        TcpListener::bind(wanted).map_err(|e| anyhow!("cannot listen on {wanted}: {e}; try another --port"))?;
    let addr = listener.local_addr().unwrap_or(wanted);
    if let Some(warning) = exposure_warning(addr) {
        eprintln!("{warning}");
    }
    println!("Serving {} on http://{addr}/ (Ctrl-C to stop)", dir.display());
    serve_on(listener, dir.to_owned());
    Ok(())
}

/// Accepts connections on `listener` for as long as it lives, each served by a
/// thread of its own.
fn serve_on(listener: TcpListener, dir: PathBuf) {
    let dir: std::sync::Arc<Path> = dir.into();
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait for connections to close
            // instead of spinning on the same error.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let dir = dir.clone();
        // A connection that fails (the client went away) ends its thread only.
        let _ = std::thread::Builder::new().spawn(move || serve_connection(&dir, stream));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder and, beside it, a folder outside the site.
    struct Fixture {
        site: tempfile::TempDir,
        outside: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Self {
            let site = tempfile::tempdir().unwrap();
            let outside = tempfile::tempdir().unwrap();
            let s = site.path();
            fs::write(s.join("index.html"), "home").unwrap();
            fs::create_dir_all(s.join("index")).unwrap();
            fs::write(s.join("index/manifest.json"), "{}").unwrap();
            fs::create_dir_all(s.join("sub")).unwrap();
            fs::write(s.join("sub/index.html"), "sub").unwrap();
            fs::create_dir_all(s.join("empty")).unwrap();
            fs::write(s.join("a b.txt"), "").unwrap();
            fs::write(s.join("a+b.txt"), "").unwrap();
            fs::write(s.join("ơ.txt"), "").unwrap();
            fs::write(outside.path().join("secret.txt"), "secret").unwrap();
            fs::create_dir_all(outside.path().join("dir")).unwrap();
            fs::write(outside.path().join("dir/index.html"), "secret").unwrap();
            Fixture { site, outside }
        }

        fn resolve(&self, url: &str) -> Target {
            resolve(self.site.path(), url)
        }

        /// The canonical path of a file in the site.
        fn file(&self, rel: &str) -> Target {
            Target::File(self.site.path().canonicalize().unwrap().join(rel))
        }
    }

    #[test]
    fn normal_requests_resolve_as_before() {
        let f = Fixture::new();
        assert_eq!(f.resolve("/"), f.file("index.html"));
        assert_eq!(f.resolve("/index.html"), f.file("index.html"));
        assert_eq!(f.resolve("/index/manifest.json?x=1"), f.file("index/manifest.json"));
        assert_eq!(f.resolve("/index/manifest.json#top"), f.file("index/manifest.json"));
        assert_eq!(f.resolve("/sub"), f.file("sub/index.html"), "a folder serves its index.html");
        assert_eq!(f.resolve("/sub/"), f.file("sub/index.html"));
        assert_eq!(f.resolve("/./sub/./index.html"), f.file("sub/index.html"));
        assert_eq!(f.resolve("/a%20b.txt"), f.file("a b.txt"));
        assert_eq!(f.resolve("/a+b.txt"), f.file("a+b.txt"), "+ is not a space in a path");
        assert_eq!(f.resolve("/%C6%A1.txt"), f.file("ơ.txt"));
        assert_eq!(f.resolve("/nothing.html"), Target::Missing);
        assert_eq!(f.resolve("/empty/"), Target::Missing, "a folder without index.html");
        assert_eq!(f.resolve("/index.html/x"), Target::Missing);
    }

    #[test]
    fn literal_dot_dot_is_refused() {
        let f = Fixture::new();
        assert_eq!(f.resolve("/../etc/passwd"), Target::Forbidden);
        assert_eq!(f.resolve("/index/../../etc/passwd"), Target::Forbidden);
        assert_eq!(f.resolve("/index/.."), Target::Forbidden, "even when it would stay inside");
        assert_eq!(f.resolve("/..?x=1"), Target::Forbidden);
    }

    #[test]
    fn percent_encoded_dot_dot_is_refused_in_any_case() {
        let f = Fixture::new();
        for url in ["/%2e%2e/etc/passwd", "/%2E%2E/etc/passwd", "/%2E%2e/etc/passwd", "/.%2e/x", "/%2e./x"] {
            assert_eq!(f.resolve(url), Target::Forbidden, "{url}");
        }
        assert_eq!(f.resolve("/index/%2e%2e/%2e%2e/etc"), Target::Forbidden);
        assert_eq!(f.resolve("/.../x"), Target::Forbidden, "Windows trims `...` to `..`");
        assert_eq!(f.resolve("/..%20/x"), Target::Forbidden, "Windows trims `.. ` to `..`");
        assert_eq!(f.resolve("/%2e/index.html"), f.file("index.html"), "`.` is the folder itself");
    }

    #[test]
    fn double_encoding_is_decoded_once_into_a_plain_file_name() {
        let f = Fixture::new();
        assert_eq!(url_path("/%252e%252e/x"), Some(PathBuf::from("%2e%2e/x")));
        assert_eq!(f.resolve("/%252e%252e/x"), Target::Missing, "no file named %2e%2e, and no parent");
        assert_eq!(f.resolve("/%252e%252e/index.html"), Target::Missing);
        // When such a file exists, it is that file, never the parent folder.
        fs::create_dir_all(f.site.path().join("%2e%2e")).unwrap();
        fs::write(f.site.path().join("%2e%2e/x"), "literal").unwrap();
        assert_eq!(f.resolve("/%252e%252e/x"), f.file("%2e%2e/x"));
    }

    #[test]
    fn backslashes_are_refused_literal_or_encoded() {
        let f = Fixture::new();
        assert_eq!(f.resolve("/..%5c..%5cetc"), Target::Forbidden);
        assert_eq!(f.resolve("/..%5Cx"), Target::Forbidden);
        assert_eq!(f.resolve("/..\\x"), Target::Forbidden);
        assert_eq!(f.resolve("/index\\manifest.json"), Target::Forbidden, "even when it would stay inside");
        assert_eq!(f.resolve("/%255c/x"), Target::Missing, "double-encoded: the file name %5c");
    }

    #[test]
    fn nul_bytes_are_refused() {
        let f = Fixture::new();
        assert_eq!(f.resolve("/index.html%00"), Target::Forbidden);
        assert_eq!(f.resolve("/index.html%00.png"), Target::Forbidden);
        assert_eq!(f.resolve("/%00/x"), Target::Forbidden);
    }

    #[test]
    fn absolute_paths_and_drive_prefixes_are_refused() {
        let f = Fixture::new();
        let secret = f.outside.path().join("secret.txt");
        let secret = secret.to_str().unwrap();
        assert_eq!(f.resolve("//etc/passwd"), Target::Forbidden);
        assert_eq!(f.resolve(&format!("/{secret}")), Target::Forbidden, "//tmp/…/secret.txt");
        assert_eq!(f.resolve("/%2fetc/passwd"), Target::Forbidden);
        assert_eq!(f.resolve("/%2Fetc/passwd"), Target::Forbidden);
        assert_eq!(f.resolve("/index%2fmanifest.json"), Target::Forbidden, "%2f is not a separator");
        assert_eq!(f.resolve("/index//manifest.json"), Target::Forbidden);
        assert_eq!(f.resolve("/C:/Windows/win.ini"), Target::Forbidden);
        assert_eq!(f.resolve("/C%3a/Windows/win.ini"), Target::Forbidden);
        assert_eq!(f.resolve("/c:%5cwindows"), Target::Forbidden);
        assert_eq!(f.resolve("/index.html::$DATA"), Target::Forbidden, "an NTFS stream");
        // Not origin-form: an absolute URL or an empty target.
        assert_eq!(f.resolve("http://x/index.html"), Target::Forbidden);
        assert_eq!(f.resolve("etc/passwd"), Target::Forbidden);
        assert_eq!(f.resolve(""), Target::Forbidden);
        assert_eq!(f.resolve("/%ff.txt"), Target::Forbidden, "not UTF-8");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused() {
        use std::os::unix::fs::symlink;
        let f = Fixture::new();
        let (s, o) = (f.site.path(), f.outside.path());
        symlink(o.join("secret.txt"), s.join("secret.txt")).unwrap();
        symlink(o, s.join("out")).unwrap();
        symlink(o.join("nothing"), s.join("dangling")).unwrap();
        symlink("../", s.join("sub/up")).unwrap();
        fs::create_dir_all(s.join("leaky")).unwrap();
        symlink(o.join("dir/index.html"), s.join("leaky/index.html")).unwrap();
        assert_eq!(f.resolve("/secret.txt"), Target::Forbidden);
        assert_eq!(f.resolve("/out/secret.txt"), Target::Forbidden);
        assert_eq!(f.resolve("/out/dir/"), Target::Forbidden);
        assert_eq!(f.resolve("/out"), Target::Forbidden);
        // Missing files behind the link answer the same: nothing tells what exists outside.
        assert_eq!(f.resolve("/out/no-such-file"), Target::Forbidden);
        assert_eq!(f.resolve("/dangling"), Target::Forbidden);
        assert_eq!(f.resolve("/dangling/x"), Target::Forbidden);
        assert_eq!(f.resolve("/leaky/"), Target::Forbidden, "a folder whose index.html leaves");
        // A link to the site folder itself stays inside; its parent does not.
        assert_eq!(f.resolve("/sub/up/index.html"), f.file("index.html"));
        symlink("../..", s.join("sub/upup")).unwrap();
        assert_eq!(f.resolve("/sub/upup/"), Target::Forbidden);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_that_stay_inside_the_site_are_served() {
        use std::os::unix::fs::symlink;
        let f = Fixture::new();
        let s = f.site.path();
        symlink("index/manifest.json", s.join("latest.json")).unwrap();
        symlink(s.join("sub"), s.join("alias")).unwrap();
        assert_eq!(f.resolve("/latest.json"), f.file("index/manifest.json"));
        assert_eq!(f.resolve("/alias/"), f.file("sub/index.html"));
        assert_eq!(f.resolve("/alias/index.html"), f.file("sub/index.html"));
        assert_eq!(f.resolve("/alias/missing.html"), Target::Missing);
    }

    #[cfg(unix)]
    #[test]
    fn a_site_folder_reached_through_a_symlink_still_serves() {
        let f = Fixture::new();
        let link = f.outside.path().join("site-link");
        std::os::unix::fs::symlink(f.site.path(), &link).unwrap();
        assert_eq!(resolve(&link, "/index/manifest.json"), f.file("index/manifest.json"));
        assert_eq!(resolve(&link, "/../site-link/index.html"), Target::Forbidden);
    }

    #[test]
    fn only_get_and_head_are_served() {
        let f = Fixture::new();
        let status = |m: Method| respond(f.site.path(), m, "/index.html", None).status;
        assert_eq!(status(Method::Get), 200);
        assert_eq!(status(Method::Head), 200);
        let r = respond(f.site.path(), Method::Other, "/index.html", None);
        assert_eq!(r.status, 405);
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
        assert_eq!(respond(f.site.path(), Method::Get, "/../x", None).status, 403);
        assert_eq!(respond(f.site.path(), Method::Get, "/nothing", None).status, 404);
    }

    /// Sends `request` on `stream` and reads one response: its head and body.
    fn exchange(stream: &mut BufReader<TcpStream>, request: &str) -> (String, Vec<u8>) {
        stream.get_mut().write_all(request.as_bytes()).unwrap();
        let mut head = String::new();
        loop {
            let mut line = String::new();
            stream.read_line(&mut line).unwrap();
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let len: usize =
            head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).map_or(0, |n| n.trim().parse().unwrap());
        let mut body = vec![0; if request.starts_with("HEAD") { 0 } else { len }];
        stream.read_exact(&mut body).unwrap();
        (head, body)
    }

    #[test]
    fn connections_are_served_side_by_side_and_kept_alive() {
        let f = Fixture::new();
        fs::write(f.site.path().join("pack.bin"), b"0123456789").unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let dir = f.site.path().to_owned();
        std::thread::spawn(move || serve_on(listener, dir));
        // Idle connections, held open as a browser holds its six: they must not
        // keep new ones from being answered.
        let idle: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let clients: Vec<_> = (0..16)
            .map(|i| {
                let i = i % 10;
                std::thread::spawn(move || {
                    let mut s = BufReader::new(TcpStream::connect(addr).unwrap());
                    s.get_ref().set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    // Three requests on one connection, kept alive between them.
                    for _ in 0..3 {
                        let (head, body) = exchange(
                            &mut s,
                            &format!("GET /pack.bin HTTP/1.1\r\nHost: x\r\nRange: bytes={i}-\r\n\r\n"),
                        );
                        assert!(head.starts_with("HTTP/1.1 206 "), "{head}");
                        assert!(head.contains(&format!("Content-Range: bytes {i}-9/10\r\n")), "{head}");
                        assert!(head.contains("Connection: keep-alive\r\n"), "{head}");
                        assert_eq!(body, &b"0123456789"[i..]);
                    }
                    let (head, body) = exchange(&mut s, "HEAD /pack.bin HTTP/1.1\r\nConnection: close\r\n\r\n");
                    assert!(head.starts_with("HTTP/1.1 200 ") && head.contains("Content-Length: 10\r\n"), "{head}");
                    assert!(head.contains("Connection: close\r\n") && body.is_empty(), "{head}");
                    // Closed after the answer it asked to close.
                    let mut rest = Vec::new();
                    assert_eq!(s.read_to_end(&mut rest).unwrap(), 0);
                })
            })
            .collect();
        for c in clients {
            c.join().unwrap();
        }
        drop(idle);
        // Not HTTP: a 400, and the connection closed.
        let mut s = BufReader::new(TcpStream::connect(addr).unwrap());
        let (head, _) = exchange(&mut s, "hello\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
    }

    #[test]
    fn byte_ranges_are_read_as_rfc_9110_says() {
        use Wanted::*;
        let w = |r: &str| wanted(Some(r), 100);
        assert_eq!(wanted(None, 100), Whole);
        assert_eq!(w("bytes=0-9"), Part(0, 10));
        assert_eq!(w("bytes=90-"), Part(90, 100));
        assert_eq!(w("bytes=90-200"), Part(90, 100), "an end past the file is the file's end");
        assert_eq!(w("bytes=-10"), Part(90, 100));
        assert_eq!(w("bytes=-200"), Part(0, 100));
        assert_eq!(w("bytes=99-99"), Part(99, 100));
        assert_eq!(w("bytes=100-"), Unsatisfiable);
        assert_eq!(w("bytes=-0"), Unsatisfiable);
        for ignored in ["bytes=0-1,5-6", "bytes=9-2", "items=0-1", "bytes=a-b", "bytes=-", "bytes=+1-2", ""] {
            assert_eq!(w(ignored), Whole, "{ignored}");
        }
        assert_eq!(wanted(Some("bytes=0-"), 0), Unsatisfiable);
    }

    #[test]
    fn a_range_of_a_file_is_served_with_its_place_in_the_file() {
        let f = Fixture::new();
        fs::write(f.site.path().join("pack.bin"), b"0123456789").unwrap();
        let r = respond(f.site.path(), Method::Get, "/pack.bin", Some("bytes=2-4"));
        assert_eq!(r.status, 206);
        assert_eq!(r.header("Content-Range"), Some("bytes 2-4/10"));
        assert!(matches!(&r.body, Body::Bytes(b) if b == b"234"));
        let whole = respond(f.site.path(), Method::Get, "/pack.bin", None);
        assert_eq!(whole.status, 200);
        assert_eq!(whole.header("Accept-Ranges"), Some("bytes"));
        assert_eq!(whole.body.len(), 10);
        let past = respond(f.site.path(), Method::Get, "/pack.bin", Some("bytes=10-"));
        assert_eq!((past.status, past.header("Content-Range")), (416, Some("bytes */10")));
    }

    #[test]
    fn only_non_loopback_addresses_warn() {
        assert_eq!(exposure_warning("127.0.0.1:8080".parse().unwrap()), None);
        assert_eq!(exposure_warning("[::1]:8080".parse().unwrap()), None);
        let w = exposure_warning("0.0.0.0:8080".parse().unwrap()).unwrap();
        assert!(w.contains("other machines") && w.contains("not for production"), "{w}");
        assert!(exposure_warning("192.168.1.2:80".parse().unwrap()).is_some());
    }
}
