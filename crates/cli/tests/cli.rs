//! The real `soi` binary, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn soi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soi")).args(args).output().expect("soi runs")
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_demo(out: &Path) {
    let o = soi(&["build", demo().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn build_prints_a_summary_and_writes_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let o = soi(&["build", demo().to_str().unwrap(), "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("indexed 5 documents from 5 files"), "{out}");
    assert!(out.contains("manifest.json") && out.contains("dict.") && out.contains("total"), "{out}");
    assert!(dir.path().join("manifest.json").is_file());
}

#[test]
fn the_build_report_counts_the_documents_with_each_metadata_field() {
    // Issue 10: what was found, at a glance; checked against every hit's own
    // metadata as `soi search --json` lists it.
    let dir = tempfile::tempdir().unwrap();
    let o = soi(&["build", demo().to_str().unwrap(), "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("documents with each field: author "),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("build-report.json")).unwrap()).unwrap();
    let o = soi(&["search", dir.path().to_str().unwrap(), "", "--json", "--limit", "100"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = all["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    let mut nonzero = 0;
    for field in ["date", "author", "source", "category", "url", "places", "people", "doc_refs"] {
        let has = |h: &serde_json::Value| match &h[field] {
            serde_json::Value::Null => false,
            serde_json::Value::Array(a) => !a.is_empty(),
            serde_json::Value::String(_) => true,
            other => panic!("{field}: {other}"),
        };
        let expected = hits.iter().filter(|h| has(h)).count();
        assert_eq!(report["metadata"][field], expected, "{field}");
        nonzero += usize::from(expected > 0);
    }
    assert!(nonzero >= 4, "the seeds have dates, sources, places, people…");
}

#[test]
fn search_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path());
    let o = soi(&["search", dir.path().to_str().unwrap(), "kim son", "--json", "--limit", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "exactly one JSON object: {stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["total"], 1);
    let hit = &v["hits"][0];
    assert_eq!(hit["id"], "004_41a37cd57bca97c8.txt");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    let snippet = hit["snippet"].as_str().unwrap();
    let marks = hit["marks"].as_array().unwrap();
    assert!(!marks.is_empty());
    for m in marks {
        let (s, e) = (m[0].as_u64().unwrap() as usize, m[1].as_u64().unwrap() as usize);
        // Adjacent query words are one mark ("Kim Sơn").
        for word in snippet[s..e].split_whitespace() {
            let word = soi_core_fold(word);
            assert!(word == "kim" || word == "son", "marked {:?}", &snippet[s..e]);
        }
    }
}

/// The folded form, spelled out here so this test does not trust the code under test.
fn soi_core_fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' | 'ó' | 'ò' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' => {
                'o'
            }
            'đ' => 'd',
            c => c,
        })
        .collect()
}

#[test]
fn search_limit_caps_hits_but_not_total() {
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path());
    let o = soi(&["search", dir.path().to_str().unwrap(), "dai hoi", "--json", "--limit", "2"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"], 5);
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_without_an_error() {
    // `soi search … | head -1`: the pipe closes before the answer is written.
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(["search", dir.path().to_str().unwrap(), "dai hoi", "--limit", "5"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // closed before anything is read
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn rebuilding_the_same_corpus_gives_identical_files_and_removes_stale_ones() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_demo(a.path());
    std::fs::write(b.path().join("dict.00000000000000ff.bin"), b"stale").unwrap();
    std::fs::write(b.path().join("notes.txt"), b"mine").unwrap();
    build_demo(b.path());
    let list = |p: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name() != "notes.txt")
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(list(a.path()), list(b.path()));
    assert!(b.path().join("notes.txt").exists(), "files that are not ours are left alone");
}

/// A corpus with every format, and every kind of bad input.
fn mixed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::fs::create_dir_all(p("sub")).unwrap();
    std::fs::write(p("good.txt"), "Tiêu đề bài viết đầu tiên của kho dữ liệu thử\n\nNội dung ở huyện Kim Sơn.\n")
        .unwrap();
    std::fs::write(p("good.txt.meta.json"), r#"{"date": "2021-05-06", "source": "Báo Thử"}"#).unwrap();
    std::fs::write(p("z-copy.txt"), "Tiêu đề bài viết đầu tiên của kho dữ liệu thử\n\nNội dung ở huyện Kim Sơn.\n")
        .unwrap();
    std::fs::write(p("latin1.txt"), b"Ti\xeau \xff\xfe").unwrap();
    std::fs::write(p("empty.txt"), b"").unwrap();
    std::fs::write(p("binary.txt"), b"abc\0\x01\x02").unwrap();
    std::fs::write(p("notes.csv"), "a,b\n").unwrap();
    std::fs::write(
        p("sub/page.html"),
        "<html><head><title>T</title><script>alert('x')</script></head><body><nav>Menu</nav><h1>Trang HTML</h1><p>Đoạn văn HTML.</p></body></html>",
    )
    .unwrap();
    std::fs::write(p("sub/post.md"), "---\ntitle: Bài Markdown\nauthor: Lan\n---\nNội dung **đậm**.\n").unwrap();
    std::fs::write(p("records.json"), r#"[{"title": "Bản ghi một", "body": "Thân một."}, {"title": "Thiếu thân"}]"#)
        .unwrap();
    std::fs::write(p("lines.jsonl"), "{\"title\": \"Dòng một\", \"text\": \"Thân dòng.\"}\n{oops\n").unwrap();
    std::fs::write(p("broken.json"), "{\"title\": ").unwrap();
    dir
}

#[test]
fn build_reads_every_format_and_reports_every_file() {
    let corpus = mixed_corpus();
    let out = tempfile::tempdir().unwrap();
    let o = soi(&["build", corpus.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("latin1.txt") && err.contains("offset 2"), "{err}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("build-report.json")).unwrap()).unwrap();
    let status = |path: &str| -> serde_json::Value {
        report["details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == path)
            .cloned()
            .unwrap_or_else(|| panic!("{path} not in report"))
    };
    assert_eq!(status("good.txt")["status"], "indexed");
    assert_eq!(status("good.txt.meta.json")["status"], "metadata");
    assert_eq!(status("z-copy.txt")["status"], "duplicate");
    assert_eq!(status("z-copy.txt")["of"], "good.txt");
    assert_eq!(status("latin1.txt")["status"], "skipped");
    assert!(status("latin1.txt")["reason"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(status("empty.txt")["reason"], "empty");
    assert!(status("binary.txt")["reason"].as_str().unwrap().contains("binary"));
    assert_eq!(status("notes.csv")["status"], "ignored");
    assert_eq!(status("sub/page.html")["status"], "indexed");
    assert_eq!(status("sub/post.md")["status"], "indexed");
    assert_eq!(status("records.json")["documents"], 1);
    assert_eq!(status("records.json")["problems"][0]["at"], "item 1");
    assert_eq!(status("lines.jsonl")["problems"][0]["at"], "line 2");
    assert_eq!(status("broken.json")["status"], "skipped");
    assert_eq!(report["files"], 12);
    assert_eq!(report["documents"], 5);

    // The sidecar's metadata and each format's title reached the index.
    let o = soi(&["search", out.path().to_str().unwrap(), "", "--json", "--limit", "10"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    let good = hits.iter().find(|h| h["id"] == "good.txt").unwrap();
    assert_eq!(good["date"], "2021-05-06");
    assert_eq!(good["source"], "Báo Thử");
    let titles: Vec<&str> = hits.iter().map(|h| h["title"].as_str().unwrap()).collect();
    for t in ["Trang HTML", "Bài Markdown", "Bản ghi một", "Dòng một"] {
        assert!(titles.contains(&t), "{t} in {titles:?}");
    }
    // Article text from HTML never carries the page's script.
    let o = soi(&["search", out.path().to_str().unwrap(), "alert", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"], 0);
}

#[test]
fn strict_build_fails_on_any_unreadable_file_and_writes_nothing() {
    let corpus = mixed_corpus();
    let out = tempfile::tempdir().unwrap();
    let o = soi(&["build", corpus.path().to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--strict"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("--strict") && err.contains("latin1.txt"), "{err}");
    assert!(!out.path().join("manifest.json").exists());
}

#[test]
fn a_corpus_with_nothing_readable_fails_and_names_the_files() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("bad.txt"), b"Ti\xeau \xff\xfe").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = soi(&["build", corpus.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("bad.txt") && err.contains("UTF-8") && err.contains("offset 2"), "{err}");
    assert!(!out.path().join("manifest.json").exists());
}

/// `soi build` of `corpus` with `--max-file-size 1K`, into a new folder.
fn build_with_1k_limit(corpus: &Path) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let args = ["build", corpus.to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--max-file-size", "1K"];
    let o = soi(&args);
    (out, o)
}

#[test]
fn oversized_files_are_skipped_with_the_limit() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("big.txt"), "Bài lớn\n".repeat(200)).unwrap();
    std::fs::write(corpus.path().join("small.txt"), "Bài nhỏ\nNội dung.").unwrap();
    let (_out, o) = build_with_1k_limit(corpus.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("big.txt") && stderr(&o).contains("--max-file-size"), "{}", stderr(&o));
}

#[test]
fn json_lines_are_read_record_by_record_with_the_size_limit_per_record() {
    let corpus = tempfile::tempdir().unwrap();
    // 300 small records (far over a 1 KiB file limit in all), one record over the
    // limit, and one line that is not UTF-8: only those two are left out.
    let mut text = Vec::new();
    for i in 0..300 {
        text.extend_from_slice(format!("{{\"title\": \"Bản ghi {i}\", \"body\": \"Nội dung số {i}.\"}}\n").as_bytes());
    }
    text.extend_from_slice(format!("{{\"title\": \"Quá lớn\", \"body\": \"{}\"}}\n", "chữ ".repeat(600)).as_bytes());
    text.extend_from_slice(b"{\"title\": \"Ti\xeau\", \"body\": \"x\"}\n");
    text.extend_from_slice("{\"title\": \"Cuối cùng\", \"body\": \"Dòng cuối.\"}".as_bytes());
    std::fs::write(corpus.path().join("big.jsonl"), &text).unwrap();
    let (out, o) = build_with_1k_limit(corpus.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("build-report.json")).unwrap()).unwrap();
    let file = &report["details"][0];
    assert_eq!(file["status"], "indexed", "{file}");
    assert_eq!(file["documents"], 301);
    let problems = file["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{file}");
    assert_eq!(problems[0]["at"], "line 301");
    assert!(problems[0]["reason"].as_str().unwrap().contains("--max-file-size"));
    assert_eq!(problems[1]["at"], "line 302");
    let offset = text.iter().position(|&b| b == 0xea).unwrap();
    assert!(problems[1]["reason"].as_str().unwrap().contains(&format!("offset {offset}")), "{}", problems[1]);
    let o = soi(&["search", out.path().to_str().unwrap(), "cuoi cung", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["hits"][0]["id"], "big.jsonl#303");
}

#[cfg(unix)]
#[test]
fn links_and_odd_file_names_are_accounted_for() {
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), "Bài một\n\nNội dung một.").unwrap();
    std::fs::create_dir(corpus.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", corpus.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", corpus.path().join("outside.txt")).unwrap();
    std::fs::write(corpus.path().join(std::ffi::OsStr::from_bytes(b"t\xffn.txt")), "Bài hai\n\nNội dung hai.").unwrap();
    std::fs::write(corpus.path().join("new\nline.txt"), "Bài ba\n\nNội dung ba.").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = soi(&["build", corpus.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("build-report.json")).unwrap()).unwrap();
    assert_eq!(report["documents"], 3, "{report}");
    let details = report["details"].as_array().unwrap();
    for link in ["outside.txt", "sub/loop"] {
        let d = details.iter().find(|d| d["path"] == link).unwrap_or_else(|| panic!("{link} in {report}"));
        assert_eq!(d["status"], "ignored");
        assert!(d["reason"].as_str().unwrap().contains("symbolic link"));
    }
}

#[test]
fn missing_or_empty_corpus_folder_is_a_clear_error() {
    let o = soi(&["build", "/definitely/not/here", "--out", "/tmp/soi-never"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("/definitely/not/here"), "{}", stderr(&o));
    let empty = tempfile::tempdir().unwrap();
    let o = soi(&["build", empty.path().to_str().unwrap(), "--out", "/tmp/soi-never"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no articles could be indexed"), "{}", stderr(&o));
}

#[test]
fn corrupt_index_file_is_reported_with_the_remedy() {
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path());
    let postings = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("postings."))
        .unwrap();
    let mut bytes = std::fs::read(&postings).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&postings, bytes).unwrap();
    let o = soi(&["search", dir.path().to_str().unwrap(), "dai"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("postings.") && err.contains("corrupt") && err.contains("soi build"), "{err}");
}

#[test]
fn unknown_flag_is_rejected_with_usage() {
    let o = soi(&["build", "--frobnicate"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--frobnicate"), "{}", stderr(&o));
}

#[test]
fn search_filters_sort_and_facets() {
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path());
    let idx = dir.path().to_str().unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["search", idx];
        all.extend_from_slice(args);
        all.push("--json");
        let o = soi(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let v = json(&["dai hoi", "--filter", "place=Kim Sơn"]);
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "004_41a37cd57bca97c8.txt");
    assert_eq!(v["hits"][0]["source"], "thanhtra.com.vn");
    // OR within a facet.
    let v = json(&["dai hoi", "--filter", "place=Kim Sơn", "--filter", "place=lang son"]);
    assert_eq!(v["total"], 2);
    // Facet counts ignore their own facet's filter, so other places stay choosable.
    let places: Vec<&str> =
        v["facets"]["place"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert!(places.contains(&"Đống Đa"), "{places:?}");
    // Dates: range and order.
    let v = json(&["", "--from", "2020-01", "--to", "2020-12", "--sort", "date"]);
    let dates: Vec<&str> = v["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2020-10-08", "2020-03-26"]);
    assert_eq!(v["months"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_filter_and_date_flags_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    build_demo(dir.path());
    let idx = dir.path().to_str().unwrap();
    let o = soi(&["search", idx, "x", "--filter", "colour=red"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("invalid facet") && stderr(&o).contains("place"), "{}", stderr(&o));
    let o = soi(&["search", idx, "x", "--filter", "place"]);
    assert!(stderr(&o).contains("FACET=VALUE"), "{}", stderr(&o));
    let o = soi(&["search", idx, "x", "--to", "yesterday"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}

#[test]
fn site_combines_the_app_and_the_index_and_serve_serves_it() {
    let app = tempfile::tempdir().unwrap();
    std::fs::write(
        app.path().join("index.html"),
        "<!doctype html><html><head><title>Soi</title><script>window.boot = 1;</script><script type=\"module\">import init from './soi-web-0123456789abcdef.js'; await init();</script></head></html>",
    )
    .unwrap();
    std::fs::write(app.path().join("soi-web-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("soi-web-fedcba9876543210.js"), "old build").unwrap();
    std::fs::write(site.path().join("CNAME"), "example.org").unwrap();
    let o = soi(&[
        "site",
        demo().to_str().unwrap(),
        "--out",
        site.path().to_str().unwrap(),
        "--app",
        app.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.path().join("index/manifest.json").is_file());
    assert!(site.path().join("soi-web-0123456789abcdef_bg.wasm").is_file());
    assert!(!site.path().join("soi-web-fedcba9876543210.js").exists(), "stale app files go");
    assert!(site.path().join("CNAME").exists(), "other files stay");
    // The page runs under a Content-Security-Policy: no inline script but its own
    // boot script, allowed by its SHA-256 (of "window.boot = 1;", by openssl).
    let page = std::fs::read_to_string(site.path().join("index.html")).unwrap();
    assert!(
        page.contains("Content-Security-Policy") && page.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{page}"
    );
    let script_src = page.split("script-src").nth(1).and_then(|r| r.split(';').next()).unwrap();
    assert_eq!(
        script_src.trim(),
        "'self' 'wasm-unsafe-eval' 'sha256-Y6ks+ziXz68Es9YXAxxkwDRBk0JY2cxIvZ+tSawA5c4='",
        "only the page's own inline script, no eval, no other origin"
    );
    assert!(page.contains("<script>window.boot = 1;</script>"), "{page}");
    let start = page.split("src=\"./").nth(1).and_then(|r| r.split('"').next()).expect("a script file");
    assert!(std::fs::read_to_string(site.path().join(start)).unwrap().contains("await init()"));
    assert!(!page.contains("await init()"), "{page}");

    // Without a built app: a clear error.
    let o = soi(&["site", demo().to_str().unwrap(), "--out", site.path().to_str().unwrap(), "--app", "/no/such/dist"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("trunk build --release"), "{}", stderr(&o));

    // serve: the files with their types, nothing outside the folder.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(["serve", site.path().to_str().unwrap(), "--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let get = |path: &str| -> String {
        use std::io::{Read, Write};
        for _ in 0..50 {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                write!(s, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
                let mut out = String::new();
                let _ = s.read_to_string(&mut out);
                return out;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("soi serve did not start");
    };
    let wasm = get("/soi-web-0123456789abcdef_bg.wasm");
    let manifest = get("/index/manifest.json");
    let escape = get("/index/%2e%2e/%2e%2e/etc/passwd");
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        wasm.starts_with("HTTP/1.") && wasm.contains(" 200 ") && wasm.to_lowercase().contains("application/wasm"),
        "{wasm}"
    );
    assert!(manifest.contains("\"format\":\"soi-index\""), "{manifest}");
    assert!(escape.contains(" 403 "), "{escape}");
}

// ---- soi serve: what it refuses and how it answers (raw HTTP over TcpStream, so
// nothing normalises the request path on the client side).

/// A port nobody listens on (the same trick as the test above).
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A running `soi serve`, killed when dropped.
struct Served {
    child: std::process::Child,
    port: u16,
    /// The line it printed once listening ("Serving … on http://…/").
    banner: String,
}

impl Served {
    /// Starts `soi serve SITE --port <free> EXTRA…` and waits until it says it is listening.
    fn start(site: &Path, extra: &[&str]) -> Served {
        use std::io::BufRead;
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_soi"))
            .args(["serve", site.to_str().unwrap(), "--port", &port.to_string()])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut banner = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut banner).unwrap();
        let served = Served { child, port, banner };
        if !served.banner.starts_with("Serving ") {
            let (banner, err) = served.stop();
            panic!("soi serve did not start: {banner:?} {err}");
        }
        served
    }

    /// Sends `request` verbatim and returns the whole raw response.
    fn raw(&self, request: &str) -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    fn send(&self, method: &str, path: &str) -> HttpResponse {
        HttpResponse::parse(&self.raw(&format!("{method} {path} HTTP/1.0\r\nHost: x\r\nContent-Length: 0\r\n\r\n")))
    }

    /// Stops the server and returns what it printed (its banner, its stderr).
    fn stop(mut self) -> (String, String) {
        use std::io::Read;
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut err = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        (std::mem::take(&mut self.banner), err)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct HttpResponse {
    status: u16,
    /// Lower-cased names.
    headers: Vec<(String, String)>,
    body: String,
    raw: String,
}

impl HttpResponse {
    fn parse(raw: &str) -> HttpResponse {
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no header end: {raw:?}"));
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap();
        assert!(status_line.starts_with("HTTP/1."), "{raw}");
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        HttpResponse { status, headers, body: body.to_string(), raw: raw.to_string() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// `top/site/index.html` (the site) beside `top/x` (a secret outside it).
fn site_beside_a_secret() -> (tempfile::TempDir, PathBuf) {
    let top = tempfile::tempdir().unwrap();
    let site = top.path().join("site");
    std::fs::create_dir_all(site.join("index")).unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>Soi</title>").unwrap();
    std::fs::write(site.join("index/manifest.json"), "{}").unwrap();
    std::fs::write(top.path().join("x"), "TOP-SECRET").unwrap();
    (top, site)
}

#[test]
fn serve_refuses_traversal_in_every_encoding() {
    let (_top, site) = site_beside_a_secret();
    let server = Served::start(&site, &[]);
    for path in [
        "/../x",
        "/%2e%2e/x",
        "/%2E%2e/x",
        "/.%2e/x",
        "/index/../../x",
        "/..%5cx",
        "/..\\x",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/index.html%00",
        "/C:/x",
    ] {
        let r = server.send("GET", path);
        assert_eq!(r.status, 403, "{path}: {}", r.raw);
        assert!(!r.raw.contains("TOP-SECRET"), "{path}: {}", r.raw);
    }
    // Decoded once: `%252e%252e` is the (missing) file name `%2e%2e`, not a parent.
    let r = server.send("GET", "/%252e%252e/x");
    assert_eq!(r.status, 404, "{}", r.raw);
    assert!(!r.raw.contains("TOP-SECRET"), "{}", r.raw);
    // Normal requests still work.
    let r = server.send("GET", "/index/manifest.json");
    assert_eq!((r.status, r.header("content-type"), r.body.as_str()), (200, Some("application/json"), "{}"));
    let r = server.send("GET", "/");
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(server.send("GET", "/missing.html").status, 404);
}

#[cfg(unix)]
#[test]
fn serve_refuses_symlinks_out_of_the_site_and_follows_those_inside() {
    use std::os::unix::fs::symlink;
    let (top, site) = site_beside_a_secret();
    symlink(top.path().join("x"), site.join("leak.txt")).unwrap();
    symlink(top.path(), site.join("up")).unwrap();
    symlink("index/manifest.json", site.join("latest.json")).unwrap();
    let server = Served::start(&site, &[]);
    for path in ["/leak.txt", "/up/x", "/up/no-such-file"] {
        let r = server.send("GET", path);
        assert_eq!(r.status, 403, "{path}: {}", r.raw);
        assert!(!r.raw.contains("TOP-SECRET"), "{path}: {}", r.raw);
    }
    let r = server.send("GET", "/latest.json");
    assert_eq!((r.status, r.header("content-type"), r.body.as_str()), (200, Some("application/json"), "{}"));
}

#[test]
fn serve_answers_only_get_and_head() {
    let (_top, site) = site_beside_a_secret();
    let server = Served::start(&site, &[]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = server.send(method, "/");
        assert_eq!(r.status, 405, "{method}: {}", r.raw);
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}: {}", r.raw);
    }
    let get = server.send("GET", "/index.html");
    let head = server.send("HEAD", "/index.html");
    assert_eq!(head.status, 200, "{}", head.raw);
    assert_eq!(head.body, "", "HEAD has no body");
    assert_eq!(head.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(head.header("content-length"), Some(get.body.len().to_string().as_str()));
    assert_eq!(get.body, "<!doctype html><title>Soi</title>");
}

#[test]
fn serve_binds_loopback_unless_host_is_given_and_then_warns() {
    let (_top, site) = site_beside_a_secret();
    let server = Served::start(&site, &[]);
    let port = server.port;
    // Linux routes all of 127.0.0.0/8 to loopback: a server on 0.0.0.0 would answer on 127.0.0.2.
    #[cfg(target_os = "linux")]
    assert!(std::net::TcpStream::connect(("127.0.0.2", port)).is_err(), "listens beyond 127.0.0.1");
    let (out, err) = server.stop();
    assert!(out.contains(&format!("http://127.0.0.1:{port}/")), "{out}");
    assert!(!err.contains("warning"), "{err}");

    let server = Served::start(&site, &["--host", "0.0.0.0"]);
    let port = server.port;
    let (out, err) = server.stop();
    assert!(out.contains(&format!("http://0.0.0.0:{port}/")), "{out}");
    assert!(err.contains("reachable from other machines"), "{err}");
    assert!(err.contains("not for production"), "{err}");

    let o = soi(&["serve", site.to_str().unwrap(), "--host", "not-an-address"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--host"), "{}", stderr(&o));
}
