//! Inputs at the edges, and replacing an index under a reader (issue 12): the real
//! `soi` binary on generated corpora nobody writes by hand.
//!
//! Each fixture is generated, deterministically (a fixed-seed generator, no
//! randomness), in a temporary folder. For each, the test asserts that the build
//! finishes (or fails with a sentence that names the file and the remedy), that
//! `build-report.json` accounts for every file, and that the peak memory of the
//! `soi build` process stays within a byte budget. The peak is the process's
//! maximum resident set size (see `wait_with_peak_rss`), printed for every run (`cargo test … -- --nocapture` shows it). Nothing here
//! asserts wall-clock time.
//!
//! Sizes. The heavy fixtures (a 60 MiB JSON Lines file, a 20 MiB article, 100,000
//! small files) are built at full size when this file is compiled with
//! optimisations: `scripts/test.sh` runs `cargo test --release -p soi --test
//! edge_inputs`, which also uses the release `soi`. The plain (debug) `cargo test`
//! builds them at a tenth of the size, with the limits scaled to match (the 2 MiB
//! article is exactly at a 2 MiB `--max-file-size`, as the 20 MiB one is at the
//! default 20 MiB), and says so on stdout: a debug `soi` is several times slower,
//! and the behaviour under test does not depend on the size.
//!
//! Where. The large corpora are written to `/dev/shm` when it is a tmpfs of at
//! least 2 GiB: on this project's machine the disk is mounted with `discard`, and
//! deleting 100,000 files after they have reached the disk took minutes (the
//! trimming, not soi). soi reads them the same way wherever they are.
//!
//! Seams. A file that disappears between the listing of the corpus and its reading,
//! and the index folder between the steps of its replacement, are caught at exactly
//! that moment through `SOI_TEST_PAUSE_AT` (see `pause_at` in `src/build.rs`): in
//! debug builds only, the build stops at a named point and waits for a line on
//! stdin. The tests that need it run in the debug suite and are ignored (with the
//! reason) in the release run. The reader test without a seam runs in both.
#![cfg(target_os = "linux")]

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

const MIB: u64 = 1024 * 1024;

/// How much smaller the heavy fixtures are in a debug build (see the file's doc).
fn scale() -> u64 {
    if cfg!(debug_assertions) {
        10
    } else {
        1
    }
}

fn say_scale(fixture: &str) {
    if scale() > 1 {
        println!(
            "{fixture}: debug build, so the fixture is 1/{} of its size; `cargo test --release -p soi --test edge_inputs` (scripts/test.sh) runs it at full size",
            scale()
        );
    }
}

// ---- running soi and measuring its peak memory

/// What a finished `soi` run gave.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    /// Maximum resident set size of the process, in bytes.
    peak_rss: u64,
    /// Wall time from spawn to exit: printed, never asserted.
    wall: std::time::Duration,
}

impl Finished {
    fn assert_ok(&self) {
        assert!(self.status.success(), "soi failed: {}\n{}", self.status, self.stderr);
    }

    /// Prints the peak memory and asserts it is within `budget` bytes.
    fn assert_peak_within(&self, what: &str, budget: u64) {
        println!(
            "{what}: soi ran {:.1} s (wall, not asserted), peak RSS {:.1} MiB (budget {:.0} MiB)",
            self.wall.as_secs_f64(),
            mib(self.peak_rss),
            mib(budget)
        );
        assert!(self.peak_rss > 0, "{what}: no peak memory measured");
        assert!(
            self.peak_rss <= budget,
            "{what}: peak RSS {:.1} MiB is over the budget of {:.0} MiB",
            mib(self.peak_rss),
            mib(budget)
        );
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / MIB as f64
}

/// A running `soi`, its output read as it comes (so that a test can wait for a
/// line), its stdin open (to resume it at a `SOI_TEST_PAUSE_AT` point).
struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    /// This process's peak memory just after the spawn (see `wait_with_peak_rss`).
    parent_hwm: u64,
    started: std::time::Instant,
    lines: mpsc::Receiver<String>,
    stderr: Arc<Mutex<String>>,
    stdout: Option<std::thread::JoinHandle<String>>,
    stderr_thread: Option<std::thread::JoinHandle<()>>,
    reaped: bool,
}

impl Running {
    fn start<S: AsRef<OsStr>>(args: &[S], pauses: &[&str]) -> Running {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_soi"));
        cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        if !pauses.is_empty() {
            cmd.env("SOI_TEST_PAUSE_AT", pauses.join(","));
        }
        let started = std::time::Instant::now();
        let mut child = cmd.spawn().expect("soi runs");
        let parent_hwm = vm_hwm("self").expect("/proc/self/status has VmHWM");
        let mut out = child.stdout.take().unwrap();
        let stdout = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = out.read_to_string(&mut s);
            s
        });
        let err = std::io::BufReader::new(child.stderr.take().unwrap());
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, lines) = mpsc::channel();
        let all = Arc::clone(&stderr);
        let stderr_thread = std::thread::spawn(move || {
            for line in err.split(b'\n') {
                let Ok(line) = line else { break };
                let line = String::from_utf8_lossy(&line).into_owned();
                all.lock().unwrap().push_str(&line);
                all.lock().unwrap().push('\n');
                let _ = tx.send(line);
            }
        });
        let stdin = child.stdin.take();
        Running {
            child,
            stdin,
            parent_hwm,
            started,
            lines,
            stderr,
            stdout: Some(stdout),
            stderr_thread: Some(stderr_thread),
            reaped: false,
        }
    }

    /// Waits until soi says it is paused at `point`.
    fn wait_for_pause(&self, point: &str) {
        let want = format!("soi-test: paused at {point}");
        loop {
            match self.lines.recv() {
                Ok(line) if line == want => return,
                Ok(_) => {}
                Err(_) => panic!(
                    "soi ended without pausing at {point} (is it a debug build?): {}",
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    fn resume(&mut self) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
    }

    fn finish(mut self) -> Finished {
        drop(self.stdin.take());
        let (status, peak_rss) = wait_with_peak_rss(&self.child, self.parent_hwm);
        let wall = self.started.elapsed();
        self.reaped = true;
        let stdout = self.stdout.take().unwrap().join().unwrap();
        self.stderr_thread.take().unwrap().join().unwrap();
        let stderr = self.stderr.lock().unwrap().clone();
        Finished { status, stdout, stderr, peak_rss, wall }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The high-water mark of resident memory (`VmHWM`) of process `pid`, in bytes.
fn vm_hwm(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kib| kib * 1024)
}

/// Waits for the child and returns its exit status and its peak RSS in bytes.
///
/// Two measures, because neither is right alone. `wait4`'s `ru_maxrss` sees the
/// whole life of the process, but Linux counts in it the memory of the test
/// process it was spawned from (the pre-`exec` image), so it is only exact when
/// it is above this process's own high-water mark, read after the spawn. Else
/// the peak is the child's own `VmHWM`, polled every millisecond while it runs
/// (a high-water mark, so a poll misses nothing but the last millisecond).
/// `struct rusage` on 64-bit Linux: two `timeval`s, then 14 `long`s, `ru_maxrss`
/// (KiB) first.
fn wait_with_peak_rss(child: &Child, parent_hwm: u64) -> (ExitStatus, u64) {
    use std::os::unix::process::ExitStatusExt;
    #[repr(C)]
    struct RUsage {
        times: [i64; 4],
        maxrss_kib: i64,
        rest: [i64; 13],
    }
    extern "C" {
        fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut RUsage) -> i32;
    }
    const WNOHANG: i32 = 1;
    assert_eq!(std::mem::size_of::<std::ffi::c_long>(), 8, "64-bit Linux layout of struct rusage");
    let pid = child.id() as i32;
    let pid_text = pid.to_string();
    let mut status = 0i32;
    let mut usage = RUsage { times: [0; 4], maxrss_kib: 0, rest: [0; 13] };
    let mut polled = 0;
    loop {
        // SAFETY: valid pointers to owned locals, of the layout the kernel writes.
        let r = unsafe { wait4(pid, &mut status, WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        if r == 0 {
            polled = polled.max(vm_hwm(&pid_text).unwrap_or(0));
            std::thread::sleep(std::time::Duration::from_millis(1));
            continue;
        }
        let e = std::io::Error::last_os_error();
        assert_eq!(e.kind(), std::io::ErrorKind::Interrupted, "wait4: {e}");
    }
    let whole_life = usage.maxrss_kib as u64 * 1024;
    let peak = if whole_life > parent_hwm { whole_life } else { polled };
    (ExitStatus::from_raw(status), peak)
}

fn soi<S: AsRef<OsStr>>(args: &[S]) -> Finished {
    Running::start(args, &[]).finish()
}

/// `soi build CORPUS --out OUT EXTRA…`.
fn build(corpus: &Path, out: &Path, extra: &[&str]) -> Finished {
    let mut args: Vec<OsString> = vec!["build".into(), corpus.into(), "--out".into(), out.into()];
    args.extend(extra.iter().map(OsString::from));
    soi(&args)
}

fn report(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("build-report.json")).expect("a build report"))
        .expect("the report is JSON")
}

fn details(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["details"].as_array().expect("details")
}

/// `soi search INDEX QUERY --json`.
fn search(index: &Path, query: &str) -> serde_json::Value {
    let o = soi(&[OsStr::new("search"), index.as_os_str(), OsStr::new(query), OsStr::new("--json")]);
    o.assert_ok();
    serde_json::from_str(&o.stdout).expect("search --json prints JSON")
}

/// A temporary folder for a large generated corpus: in `/dev/shm` when that is a
/// tmpfs of at least 2 GiB (see the file's doc), else where `tempfile` puts it.
fn scratch_dir() -> tempfile::TempDir {
    let big_tmpfs = std::fs::read_to_string("/proc/mounts").is_ok_and(|mounts| {
        mounts.lines().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 3
                && f[1] == "/dev/shm"
                && f[2] == "tmpfs"
                && f[3].split(',').any(|o| {
                    o.strip_prefix("size=")
                        .and_then(|v| v.strip_suffix('k'))
                        .and_then(|k| k.parse::<u64>().ok())
                        .is_some_and(|k| k >= 2 * 1024 * 1024)
                })
        })
    });
    if big_tmpfs {
        tempfile::Builder::new().prefix("soi-edge-").tempdir_in("/dev/shm").unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

// ---- generated text

/// A fixed-seed generator (SplitMix64): the same fixture on every run.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `n` words of Vietnamese-looking text, with a capital and a full stop now and then.
    fn words(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n * 6);
        let mut capital = true;
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            let w = if self.below(40) == 0 {
                format!("{}", self.below(10_000))
            } else {
                SYLLABLES[self.below(SYLLABLES.len())].to_owned()
            };
            if capital {
                let mut c = w.chars();
                s.extend(c.next().into_iter().flat_map(char::to_uppercase));
                s.push_str(c.as_str());
            } else {
                s.push_str(&w);
            }
            capital = self.below(12) == 0 && i + 1 < n;
            if capital {
                s.push('.');
            }
        }
        s.push('.');
        s
    }
}

const SYLLABLES: &[&str] = &[
    "đại",
    "hội",
    "chi",
    "bộ",
    "nhiệm",
    "kỳ",
    "huyện",
    "xã",
    "tỉnh",
    "thành",
    "phố",
    "người",
    "dân",
    "cán",
    "đảng",
    "viên",
    "kinh",
    "tế",
    "phát",
    "triển",
    "nông",
    "nghiệp",
    "công",
    "giáo",
    "dục",
    "y",
    "văn",
    "hóa",
    "thể",
    "thao",
    "an",
    "ninh",
    "quốc",
    "phòng",
    "biển",
    "đảo",
    "môi",
    "trường",
    "nước",
    "sạch",
    "điện",
    "đường",
    "trạm",
    "sông",
    "núi",
    "rừng",
    "lúa",
    "gạo",
    "cà",
    "phê",
    "hồ",
    "tiêu",
    "thủy",
    "sản",
    "du",
    "lịch",
    "và",
    "của",
    "có",
    "trong",
    "được",
    "đã",
    "với",
    "cho",
    "là",
    "một",
    "các",
    "không",
    "khi",
    "này",
    "ra",
    "tại",
    "theo",
    "đó",
    "để",
    "vào",
    "trên",
    "về",
    "đến",
    "ở",
    "từ",
    "hiện",
    "ngày",
    "cũng",
    "năm",
    "tháng",
    "những",
    "nhiều",
    "mới",
    "việc",
    "làm",
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Hà",
    "Nội",
    "Sài",
    "Gòn",
    "Huế",
    "Đà",
    "Nẵng",
    "Cần",
    "Thơ",
    "Kim",
    "Sơn",
    "Lạng",
    "Ninh",
    "Bình",
    "Quảng",
];

/// Every file in `dir` (not recursive) and its bytes, sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

fn names(snapshot: &[(String, Vec<u8>)]) -> Vec<&str> {
    snapshot.iter().map(|(n, _)| n.as_str()).collect()
}

// ---- 1. a 60 MiB JSON Lines file

#[test]
fn a_60_mib_json_lines_file_is_read_record_by_record() {
    say_scale("60 MiB JSON Lines");
    let target = 60 * MIB / scale();
    let generated = std::time::Instant::now();
    let corpus = scratch_dir();
    let mut file = std::io::BufWriter::new(std::fs::File::create(corpus.path().join("articles.jsonl")).unwrap());
    let mut g = Gen(1);
    let (mut written, mut lines, mut broken) = (0u64, 0usize, Vec::new());
    while written < target {
        lines += 1;
        // One broken record in 2,000: reported with its line, the rest read on.
        let line = if lines % 2_000 == 1_000 {
            broken.push(lines);
            format!("{{\"title\": \"Hỏng {lines}\", \"body\": ")
        } else {
            let title = format!("Bài {lines}: {}", g.words(8));
            let n = 160 + g.below(20);
            let body = format!("{} Mã{lines}.", g.words(n));
            let date = format!("20{:02}-{:02}-{:02}", 10 + g.below(15), 1 + g.below(12), 1 + g.below(28));
            let author = format!("{} {}", SYLLABLES[95 + g.below(15)], SYLLABLES[g.below(95)]);
            let source = ["Báo Thử", "Tin Nhanh", "Thời Sự"][g.below(3)];
            serde_json::json!({
                "title": title,
                "body": body,
                "date": date,
                "author": author,
                "source": source,
                "url": format!("https://example.vn/bai/{lines}"),
            })
            .to_string()
        };
        file.write_all(line.as_bytes()).unwrap();
        file.write_all(b"\n").unwrap();
        written += line.len() as u64 + 1;
    }
    file.flush().unwrap();
    drop(file);
    println!(
        "JSON Lines: {lines} records, {:.1} MiB, generated in {:.1} s",
        mib(written),
        generated.elapsed().as_secs_f64()
    );

    let out = tempfile::tempdir().unwrap();
    let o = build(corpus.path(), out.path(), &[]);
    o.assert_ok();
    let r = report(out.path());
    assert_eq!((r["files"].as_u64(), r["indexed_files"].as_u64()), (Some(1), Some(1)), "{}", r["files"]);
    assert_eq!(r["documents"].as_u64(), Some((lines - broken.len()) as u64), "every good record is a document");
    let problems = details(&r)[0]["problems"].as_array().unwrap();
    let at: Vec<String> = problems.iter().map(|p| p["at"].as_str().unwrap().to_owned()).collect();
    let want: Vec<String> = broken.iter().map(|n| format!("line {n}")).collect();
    assert_eq!(at, want, "each broken record, by line");
    assert!(o.stderr.contains(&format!("articles.jsonl line {}: invalid JSON", broken[0])), "{}", o.stderr);
    // The last record made it into the index.
    let v = search(out.path(), &format!("mã{lines}"));
    assert_eq!(v["hits"][0]["id"], format!("articles.jsonl#{lines}"), "{v}");
    // 16 bytes of memory per byte of input (measured: about 8), plus the program.
    o.assert_peak_within("60 MiB JSON Lines", 64 * MIB + 16 * written);
}

// ---- 2. one article of 20 MiB

/// An article of exactly `bytes` bytes: a title, paragraphs, a last unique word.
fn long_article(bytes: u64) -> Vec<u8> {
    let mut g = Gen(2);
    let mut text = String::from("Một bài viết rất dài\n\n");
    let end = " Hết bài: zyxkết.\n";
    while (text.len() + end.len()) as u64 + 2_000 < bytes {
        let n = 150 + g.below(100);
        text.push_str(&g.words(n));
        text.push_str("\n\n");
    }
    while (text.len() + end.len()) as u64 + 1 < bytes {
        text.push_str("x ");
    }
    while ((text.len() + end.len()) as u64) < bytes {
        text.push(' ');
    }
    text.push_str(end);
    assert_eq!(text.len() as u64, bytes);
    text.into_bytes()
}

#[test]
fn a_20_mib_article_is_indexed_whole_and_one_byte_more_is_skipped_with_the_reason() {
    say_scale("20 MiB article");
    let limit = 20 * MIB / scale();
    let corpus = scratch_dir();
    let article = long_article(limit);
    std::fs::write(corpus.path().join("long.txt"), &article).unwrap();
    let mut over = article;
    over.insert(0, b' ');
    std::fs::write(corpus.path().join("over.md"), &over).unwrap();
    drop(over);

    let out = tempfile::tempdir().unwrap();
    // The default --max-file-size is 20M: the debug run passes its scaled limit.
    let limit_flag = format!("{}M", limit / MIB);
    let extra: &[&str] = if scale() == 1 { &[] } else { &["--max-file-size", &limit_flag] };
    let o = build(corpus.path(), out.path(), extra);
    o.assert_ok();
    let r = report(out.path());
    assert_eq!(r["files"], 2, "{r}");
    assert_eq!(r["indexed_files"], 1, "{r}");
    assert_eq!(r["skipped_files"], 1, "{r}");
    let skipped = details(&r).iter().find(|d| d["path"] == "over.md").unwrap();
    let reason = skipped["reason"].as_str().unwrap();
    assert!(reason.contains("over the") && reason.contains("--max-file-size"), "{reason}");
    assert!(o.stderr.contains("skipped over.md:") && o.stderr.contains("--max-file-size"), "{}", o.stderr);
    // The whole article, to its last word.
    let v = search(out.path(), "zyxket");
    assert_eq!(v["hits"][0]["id"], "long.txt", "{v}");
    assert_eq!(v["hits"][0]["title"], "Một bài viết rất dài", "{v}");
    // 32 bytes per byte of the article (measured: about 19), plus the program.
    o.assert_peak_within("20 MiB article", 64 * MIB + 32 * limit);
}

// ---- 3. 100,000 tiny files in nested folders

#[test]
fn a_hundred_thousand_tiny_files_in_nested_folders_are_each_accounted_for() {
    say_scale("100,000 tiny files");
    let n = 100_000 / scale() as usize;
    let generated = std::time::Instant::now();
    let corpus = scratch_dir();
    let mut g = Gen(3);
    for i in 0..n {
        let dir = corpus.path().join(format!("{:02}/{:02}", i / 10_000, (i / 100) % 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        std::fs::write(dir.join(format!("tin-{i}.txt")), format!("Tin {i}\n\n{} số{i}", g.words(4))).unwrap();
    }
    println!("tiny files: {n} written in {:.1} s", generated.elapsed().as_secs_f64());
    let out = tempfile::tempdir().unwrap();
    let o = build(corpus.path(), out.path(), &[]);
    o.assert_ok();
    assert!(o.stdout.contains(&format!("indexed {n} documents from {n} files")), "{}", o.stdout);
    let r = report(out.path());
    assert_eq!(r["files"].as_u64(), Some(n as u64));
    assert_eq!(r["indexed_files"].as_u64(), Some(n as u64));
    assert_eq!(r["documents"].as_u64(), Some(n as u64));
    let paths: std::collections::HashSet<&str> = details(&r).iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), n, "every file once");
    let last = n - 1;
    assert!(paths.contains(format!("{:02}/{:02}/tin-{last}.txt", last / 10_000, (last / 100) % 100).as_str()));
    let v = search(out.path(), &format!("số{last}"));
    assert_eq!(v["total"], 1, "{v}");
    // 4 KiB per file (measured: about 1), plus the program.
    o.assert_peak_within("100,000 tiny files", 64 * MIB + 4096 * n as u64);
}

// ---- 4 and 5. odd file names and symbolic-link loops
//
// `tests/cli.rs` (`links_and_odd_file_names_are_accounted_for`) already builds a
// corpus with a name in invalid UTF-8, one with a newline and a folder link loop,
// and checks that the build succeeds with the right documents. This adds what it
// does not check: that every file has its entry, two invalid names that read the
// same once made lossless, a message about a file with a newline kept on one line,
// and loops of file links.

#[test]
fn odd_names_and_link_loops_are_each_accounted_for() {
    use std::os::unix::fs::symlink;
    let corpus = tempfile::tempdir().unwrap();
    let p = |name: &[u8]| corpus.path().join(OsStr::from_bytes(name));
    std::fs::write(p(b"ok.txt"), "Bài một\n\nNội dung một.").unwrap();
    std::fs::write(p(b"t\xffn.txt"), "Bài hai\n\nNội dung hai.").unwrap();
    std::fs::write(p(b"t\xfen.txt"), "Bài ba\n\nNội dung ba.").unwrap();
    std::fs::write(p(b"new\nline.txt"), b"Ti\xeau \xff").unwrap(); // not UTF-8 inside: reported
    std::fs::write(p(b"tab\tname.md"), "# Bài bốn\n\nNội dung bốn.").unwrap();
    symlink("loop-b.txt", p(b"loop-a.txt")).unwrap();
    symlink("loop-a.txt", p(b"loop-b.txt")).unwrap();
    symlink("self.txt", p(b"self.txt")).unwrap();
    std::fs::create_dir_all(p(b"deep/a/b")).unwrap();
    symlink("../../..", p(b"deep/a/b/back")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = build(corpus.path(), out.path(), &[]);
    o.assert_ok();
    let r = report(out.path());
    assert_eq!(r["files"], 9, "{r}");
    assert_eq!(r["documents"], 3, "{r}");
    assert_eq!((r["indexed_files"].as_u64(), r["skipped_files"].as_u64()), (Some(3), Some(2)), "{r}");
    assert_eq!(r["ignored_files"], 4, "{r}");
    let d = details(&r);
    let status_of = |path: &str| -> Vec<&serde_json::Value> { d.iter().filter(|x| x["path"] == path).collect() };
    for link in ["loop-a.txt", "loop-b.txt", "self.txt", "deep/a/b/back"] {
        let e = status_of(link);
        assert_eq!(e.len(), 1, "{link}: {r}");
        assert_eq!(e[0]["status"], "ignored", "{link}");
        assert!(e[0]["reason"].as_str().unwrap().contains("symbolic link, not followed"), "{link}");
    }
    // Both invalid names are `t�n.txt` once lossy: the first is indexed, the
    // second skipped with both names spelled out, not indexed under the same id.
    let twins = status_of("t\u{fffd}n.txt");
    assert_eq!(twins.len(), 2, "{r}");
    assert_eq!(twins[0]["status"], "indexed");
    assert_eq!(twins[1]["status"], "skipped");
    let reason = twins[1]["reason"].as_str().unwrap();
    assert!(reason.contains(r"t\xFFn.txt") && reason.contains(r"t\xFEn.txt") && reason.contains("rename"), "{reason}");
    assert_eq!(status_of("tab\tname.md")[0]["status"], "indexed");
    let newline = status_of("new\nline.txt");
    assert_eq!(newline[0]["status"], "skipped");
    assert!(newline[0]["reason"].as_str().unwrap().contains("not UTF-8"));
    // On stderr, the message about it is one line, the newline escaped.
    assert!(o.stderr.lines().any(|l| l.starts_with("  skipped new\\nline.txt: not UTF-8")), "{}", o.stderr);
    o.assert_peak_within("odd names and link loops", 64 * MIB);
}

// ---- 6. a file that disappears during the build

#[test]
#[cfg_attr(not(debug_assertions), ignore = "needs the SOI_TEST_PAUSE_AT seam of a debug soi; the debug run covers it")]
fn a_file_that_disappears_during_the_build_is_reported_and_the_build_goes_on() {
    let corpus = tempfile::tempdir().unwrap();
    let p = |name: &str| corpus.path().join(name);
    std::fs::write(p("a.txt"), "Bài còn lại\n\nNội dung vẫn ở đây.").unwrap();
    std::fs::write(p("gone.txt"), "Bài sẽ mất\n\nNội dung này bị xóa.").unwrap();
    std::fs::write(p("gone.jsonl"), "{\"title\": \"Dòng\", \"body\": \"Thân.\"}\n").unwrap();
    std::fs::write(p("z.md"), "# Bài cuối\n\nNội dung cuối.").unwrap();
    for strict in [false, true] {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec!["build", corpus.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()];
        if strict {
            args.push("--strict");
        }
        let mut run = Running::start(&args, &["scanned"]);
        run.wait_for_pause("scanned");
        // Listed, not yet read: now they go.
        for name in ["gone.txt", "gone.jsonl"] {
            std::fs::rename(p(name), corpus.path().parent().unwrap().join(format!("{name}-{strict}"))).unwrap();
        }
        run.resume();
        let o = run.finish();
        for name in ["gone.txt", "gone.jsonl"] {
            std::fs::rename(corpus.path().parent().unwrap().join(format!("{name}-{strict}")), p(name)).unwrap();
            let line = o.stderr.lines().find(|l| l.starts_with(&format!("  skipped {name}: "))).unwrap_or_else(|| {
                panic!("no message about {name}: {}", o.stderr);
            });
            assert!(line.contains("disappeared during the build") && line.contains("run the build again"), "{line}");
        }
        if strict {
            assert!(!o.status.success());
            assert!(
                o.stderr.contains("--strict: 2 file(s)") && o.stderr.contains("nothing was written"),
                "{}",
                o.stderr
            );
            assert!(!out.path().join("manifest.json").exists());
            continue;
        }
        o.assert_ok();
        let r = report(out.path());
        assert_eq!(r["files"], 4, "{r}");
        assert_eq!((r["indexed_files"].as_u64(), r["skipped_files"].as_u64()), (Some(2), Some(2)), "{r}");
        for d in details(&r).iter().filter(|d| d["path"].as_str().unwrap().starts_with("gone.")) {
            assert_eq!(d["status"], "skipped");
            assert!(d["reason"].as_str().unwrap().starts_with("disappeared during the build"), "{d}");
        }
        assert_eq!(search(out.path(), "")["total"], 2);
        o.assert_peak_within("a file that disappears", 64 * MIB);
    }
}

// ---- nothing indexed before is lost when a new build fails

fn small_corpus(dir: &Path, tag: &str, n: usize) {
    let mut g = Gen(tag.len() as u64 + n as u64);
    for i in 0..n {
        std::fs::write(dir.join(format!("{tag}-{i:03}.txt")), format!("{tag} bài {i}\n\n{} {tag}{i}", g.words(60)))
            .unwrap();
    }
}

#[test]
fn a_failed_build_leaves_the_previous_index_whole_and_searchable() {
    let good = tempfile::tempdir().unwrap();
    small_corpus(good.path(), "cu", 40);
    let out = tempfile::tempdir().unwrap();
    build(good.path(), out.path(), &["--quiet"]).assert_ok();
    let before = snapshot(out.path());
    let intact = |after: &str| {
        assert_eq!(snapshot(out.path()), before, "after {after}: the old index changed");
        let v = search(out.path(), "cu7");
        assert_eq!(v["hits"][0]["id"], "cu-007.txt", "after {after}: {v}");
    };

    // --strict with a file that cannot be read.
    let broken = tempfile::tempdir().unwrap();
    small_corpus(broken.path(), "moi", 10);
    std::fs::write(broken.path().join("latin1.txt"), b"Ti\xeau \xff").unwrap();
    let o = build(broken.path(), out.path(), &["--strict"]);
    assert!(!o.status.success());
    assert!(o.stderr.contains("latin1.txt") && o.stderr.contains("nothing was written"), "{}", o.stderr);
    intact("a --strict build that failed");

    // A corpus with nothing to index.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.csv"), "a,b\n").unwrap();
    let o = build(empty.path(), out.path(), &[]);
    assert!(!o.status.success());
    assert!(o.stderr.contains("no articles could be indexed"), "{}", o.stderr);
    intact("a build of a corpus with no articles");

    // A write that fails half way: a folder where one of the new files' temporary
    // file goes (its name is known from building the same corpus elsewhere).
    let elsewhere = tempfile::tempdir().unwrap();
    build(broken.path(), elsewhere.path(), &["--quiet"]).assert_ok();
    let new_names: Vec<String> = names(&snapshot(elsewhere.path())).into_iter().map(str::to_owned).collect();
    let last_store = new_names.iter().rfind(|n| n.starts_with("store.")).unwrap();
    let blocker = out.path().join(last_store.replace(".bin", ".tmp"));
    std::fs::create_dir(&blocker).unwrap();
    let o = build(broken.path(), out.path(), &["--quiet"]);
    assert!(!o.status.success());
    let err = o.stderr.trim();
    assert!(
        err.contains(&blocker.display().to_string())
            && err.contains("nothing was replaced")
            && err.contains("build again"),
        "{err}"
    );
    std::fs::remove_dir(&blocker).unwrap();
    // The files of the failed build that were written stay beside the old ones
    // (unnamed by the manifest, removed by the next build); the old ones are whole.
    let after = snapshot(out.path());
    for (name, bytes) in &before {
        let now = after.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} is gone"));
        assert_eq!(&now.1, bytes, "{name} changed");
    }
    assert!(after.iter().all(|(n, _)| !n.ends_with(".tmp")), "no temporary file left: {:?}", names(&after));
    let v = search(out.path(), "cu7");
    assert_eq!(v["hits"][0]["id"], "cu-007.txt", "{v}");
    // The next good build replaces it all.
    build(broken.path(), out.path(), &["--quiet"]).assert_ok();
    assert_eq!(names(&snapshot(out.path())), names(&snapshot(elsewhere.path())));
}

// ---- B. replacing an index under a reader

/// The files a manifest names, with their sizes (uncompressed): `[name, bytes]`
/// entries anywhere under `files`.
fn manifest_entries(manifest: &[u8]) -> Vec<(String, u64)> {
    fn walk(v: &serde_json::Value, out: &mut Vec<(String, u64)>) {
        match v {
            serde_json::Value::Array(a) if a.len() == 2 && a[0].is_string() && a[1].is_u64() => {
                out.push((a[0].as_str().unwrap().to_owned(), a[1].as_u64().unwrap()));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let v: serde_json::Value = serde_json::from_slice(manifest).expect("the manifest is whole JSON");
    let mut out = Vec::new();
    walk(&v["files"], &mut out);
    assert!(out.len() >= 5, "dict, terms, docs, a shard, a chunk: {v}");
    out
}

/// What is wrong with the index in `dir` as `manifest` describes it: a file it
/// names that is missing, or does not decompress to the size it gives (a pack
/// is stored as it is: it must be that size).
fn check_files(dir: &Path, manifest: &[u8]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (name, bytes) in manifest_entries(manifest) {
        match std::fs::read(dir.join(&name)) {
            Err(e) => wrong.push(format!("{name}: {e}")),
            Ok(raw) if name.starts_with("store.") || name.starts_with("postings.") => {
                if raw.len() as u64 != bytes {
                    wrong.push(format!("{name}: {} bytes, the manifest says {bytes}", raw.len()));
                }
            }
            Ok(raw) => {
                let mut out = Vec::new();
                match flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out) {
                    Ok(_) if out.len() as u64 == bytes => {}
                    Ok(_) => wrong.push(format!("{name}: {} bytes, the manifest says {bytes}", out.len())),
                    Err(e) => wrong.push(format!("{name}: {e}")),
                }
            }
        }
    }
    wrong
}

/// The folder holds exactly the index its manifest names, the manifest and the report.
fn assert_only_current_files(dir: &Path) {
    let manifest = std::fs::read(dir.join("manifest.json")).unwrap();
    let mut want: Vec<String> = manifest_entries(&manifest).into_iter().map(|(n, _)| n).collect();
    want.extend(["build-report.json".to_owned(), "manifest.json".to_owned()]);
    want.sort();
    let mut have: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    have.sort();
    assert_eq!(have, want);
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "needs the SOI_TEST_PAUSE_AT seam of a debug soi; the debug run covers it")]
fn rebuilding_replaces_the_index_in_order_new_files_then_manifest_then_old_files_go() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    small_corpus(a.path(), "truoc", 60);
    small_corpus(b.path(), "sau", 70);
    let out = tempfile::tempdir().unwrap();
    build(a.path(), out.path(), &["--quiet"]).assert_ok();
    let old = snapshot(out.path());
    let old_manifest = std::fs::read(out.path().join("manifest.json")).unwrap();
    assert_eq!(check_files(out.path(), &old_manifest), Vec::<String>::new());

    let args = [OsStr::new("build"), b.path().as_os_str(), OsStr::new("--out"), out.path().as_os_str()];
    let mut run = Running::start(&args, &["files-written", "manifest-written"]);

    // 1. Every new file is written; the manifest and every old file are as they were.
    run.wait_for_pause("files-written");
    let now = snapshot(out.path());
    for (name, bytes) in &old {
        assert_eq!(now.iter().find(|(n, _)| n == name).map(|(_, b)| b), Some(bytes), "{name} while writing");
    }
    assert!(now.len() > old.len(), "the new files are there beside the old");
    assert!(names(&now).iter().all(|n| !n.ends_with(".tmp")), "{:?}", names(&now));
    assert_eq!(check_files(out.path(), &old_manifest), Vec::<String>::new());
    run.resume();

    // 2. The manifest is the new one and everything it names is whole; the old files
    //    are still there for a reader that started before.
    run.wait_for_pause("manifest-written");
    let new_manifest = std::fs::read(out.path().join("manifest.json")).unwrap();
    assert_ne!(new_manifest, old_manifest);
    assert_eq!(check_files(out.path(), &new_manifest), Vec::<String>::new());
    assert_eq!(check_files(out.path(), &old_manifest), Vec::<String>::new());
    assert_eq!(report(out.path())["documents"], 70, "the report is the new build's");
    run.resume();

    // 3. Only the new index remains.
    let o = run.finish();
    o.assert_ok();
    assert_only_current_files(out.path());
    assert_eq!(std::fs::read(out.path().join("manifest.json")).unwrap(), new_manifest);
    let old_only: Vec<&str> = manifest_entries(&old_manifest)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| manifest_entries(&new_manifest).iter().all(|(m, _)| m != n))
        .map(|n| names(&old).into_iter().find(|o| *o == n).unwrap())
        .collect();
    assert!(!old_only.is_empty());
    assert!(old_only.iter().all(|n| !out.path().join(n).exists()), "old files removed: {old_only:?}");
    assert_eq!(search(out.path(), "sau69")["hits"][0]["id"], "sau-069.txt");
}

/// Without a seam: rebuilds one after another while a reader keeps opening the
/// index. Whenever the manifest it read was still the current one after it had
/// checked every file (so no later build had taken over in between), every file
/// it names must have been there and whole. Each build indexes a different corpus,
/// so a manifest never comes back.
#[test]
fn a_reader_never_sees_a_torn_index_while_rebuilds_run() {
    let out = tempfile::tempdir().unwrap();
    let corpora: Vec<tempfile::TempDir> = (0..12)
        .map(|i| {
            let c = tempfile::tempdir().unwrap();
            small_corpus(c.path(), &format!("ban{i}x"), 30 + 5 * i);
            c
        })
        .collect();
    build(corpora[0].path(), out.path(), &["--quiet"]).assert_ok();

    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (dir, stop) = (out.path().to_owned(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let (mut whole, mut superseded, mut torn) = (0usize, 0usize, Vec::new());
            let mut seen = std::collections::HashSet::new();
            loop {
                let last = stop.load(Ordering::SeqCst);
                let first = std::fs::read(dir.join("manifest.json")).expect("a manifest is always there");
                let wrong = check_files(&dir, &first);
                let again = std::fs::read(dir.join("manifest.json")).unwrap();
                if again != first {
                    superseded += 1; // a new build took over while we read: retry
                } else if wrong.is_empty() {
                    whole += 1;
                    seen.insert(first);
                } else {
                    torn.push(wrong);
                }
                if last {
                    return (whole, superseded, torn, seen.len());
                }
            }
        })
    };
    for c in &corpora[1..] {
        build(c.path(), out.path(), &["--quiet"]).assert_ok();
        std::thread::sleep(std::time::Duration::from_millis(20)); // let the reader see each build
    }
    stop.store(true, Ordering::SeqCst);
    let (whole, superseded, torn, builds_seen) = reader.join().unwrap();
    println!("reader: {whole} whole reads of {builds_seen} builds, {superseded} superseded while reading");
    assert!(torn.is_empty(), "torn reads: {torn:?}");
    assert!(builds_seen >= 2, "the reader saw the first and the last build at least");
    assert_only_current_files(out.path());
    assert_eq!(report(out.path())["documents"], 30 + 5 * 11);
}
