//! `soi build`: read the corpus folder, index it, write the index folder and a
//! build report that accounts for every file.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use indicatif::{HumanBytes, ProgressBar, ProgressStyle};
use serde::Serialize;
use soi_core::index::MANIFEST_FILE;
use soi_core::ingest::{self, FieldMap, Format};
use soi_core::{Document, IndexBuilder};

/// Corpora with at least this many files get a progress bar.
const PROGRESS_MIN_FILES: usize = 200;
/// The report's name inside the index folder.
pub const REPORT_FILE: &str = "build-report.json";

/// How `soi build` was asked to run.
pub struct BuildArgs<'a> {
    pub corpus: &'a Path,
    pub out: &'a Path,
    pub quiet: bool,
    pub strict: bool,
    pub max_file_bytes: u64,
    pub fields: FieldMap,
}

/// What became of one input file.
#[derive(Debug, Serialize, PartialEq)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// Indexed, giving this many documents (several for JSON and JSON Lines).
    Indexed {
        documents: usize,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        problems: Vec<ReportProblem>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        duplicates: Vec<Duplicate>,
    },
    /// Not indexed, and why.
    Skipped { reason: String },
    /// Same text as an earlier file: not indexed again.
    Duplicate { of: String },
    /// Metadata overrides for an article beside it (`NAME.meta.json`).
    Metadata { r#for: String },
    /// Not an article format Soi reads (by extension).
    Ignored { reason: String },
}

#[derive(Debug, Serialize, PartialEq)]
pub struct ReportProblem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    pub reason: String,
}

/// A record of a multi-record file that repeats an earlier document.
#[derive(Debug, Serialize, PartialEq)]
pub struct Duplicate {
    pub id: String,
    pub of: String,
}

#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub corpus: String,
    pub documents: usize,
    /// How many documents got each metadata field, so that what was found (and
    /// what was not) shows at a glance.
    pub metadata: BTreeMap<&'static str, usize>,
    pub files: usize,
    pub indexed_files: usize,
    pub skipped_files: usize,
    pub duplicate_files: usize,
    pub ignored_files: usize,
    pub problems: usize,
    pub details: Vec<FileReport>,
}

pub fn run(args: &BuildArgs<'_>) -> Result<()> {
    let started = Instant::now();
    let files = find_files(args.corpus)?;
    pause_at("scanned");
    let bar = progress(files.len(), "reading");
    let mut builder = IndexBuilder::new();
    let mut details = Vec::with_capacity(files.len());
    let mut seen: HashMap<u64, String> = HashMap::new();
    // Ids of the files so far, to catch two names that read the same once their
    // invalid UTF-8 bytes are replaced (`t\xffn.txt` and `t\xfen.txt` are both `t�n.txt`).
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    // Files are read and parsed a batch at a time on every core, then added in
    // corpus order: the index is the same whatever the number of cores.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for batch in files.chunks(64 * threads) {
        let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(batch.len());
        let batch_ids: Vec<String> = batch.iter().map(|path| relative_id(args.corpus, path)).collect();
        for (path, id) in batch.iter().zip(&batch_ids) {
            let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            let outcome = if let Some(earlier) = ids.get(id) {
                Some(Outcome::Skipped {
                    reason: format!(
                        "its name {:?} and the name of {:?} read the same once invalid UTF-8 bytes are replaced, so both would be the document {id:?}: rename the file to UTF-8 (e.g. convmv -f WINDOWS-1258 -t UTF-8)",
                        path.strip_prefix(args.corpus).unwrap_or(path).as_os_str(),
                        earlier.strip_prefix(args.corpus).unwrap_or(earlier).as_os_str(),
                    ),
                })
            } else if is_link {
                Some(Outcome::Ignored {
                    reason: "a symbolic link, not followed: copy the article into the corpus folder instead".into(),
                })
            } else if let Some(article) = id.strip_suffix(".meta.json") {
                Some(Outcome::Metadata { r#for: article.to_owned() })
            } else if Format::from_path(id).is_none() {
                let ext = path.extension().map_or("no extension".to_owned(), |e| format!(".{}", e.to_string_lossy()));
                Some(Outcome::Ignored { reason: format!("not an article format ({ext})") })
            } else {
                None
            };
            ids.entry(id.clone()).or_insert_with(|| path.clone());
            outcomes.push(outcome);
        }
        // The articles of the batch, read and parsed in parallel.
        let todo: Vec<usize> = (0..batch.len()).filter(|&i| outcomes[i].is_none()).collect();
        let mut prepared: Vec<Option<Prepared>> = (0..batch.len()).map(|_| None).collect();
        let parsed = soi_core::parallel::par_map(&todo, threads, |&i| prepare(&batch[i], &batch_ids[i], args));
        for (i, p) in todo.into_iter().zip(parsed) {
            prepared[i] = Some(p);
        }
        for (i, (path, id)) in batch.iter().zip(batch_ids).enumerate() {
            let outcome = match (outcomes[i].take(), prepared[i].take()) {
                (Some(outcome), _) => outcome,
                (None, Some(p)) => commit(p, path, &id, args, &mut seen, &mut builder),
                (None, None) => unreachable!("every article of the batch was prepared"),
            };
            details.push(FileReport { path: id, outcome });
            bar.inc(1);
        }
    }
    bar.finish_and_clear();

    let mut report = summarize(args.corpus, builder.len(), details);
    report.metadata = metadata_counts(builder.documents());
    let trouble = report.skipped_files + report.problems;
    if args.strict && trouble > 0 {
        print_trouble(&report);
        bail!("--strict: {trouble} file(s) or record(s) could not be read (listed above); nothing was written");
    }
    if builder.is_empty() {
        print_trouble(&report);
        bail!(
            "no articles could be indexed from {}: put articles (.txt, .md, .html, .json, .jsonl; UTF-8) in that folder or its subfolders; nothing was written",
            args.corpus.display()
        );
    }

    let bar = progress(builder.len(), "indexing");
    let mut writer = FileWriter::new(args.out).map_err(unchanged(args.out))?;
    let manifest = builder
        .build_into(|file| writer.add(file), |done, _| bar.set_position(done as u64))
        .and_then(|manifest| writer.flush().map(|()| manifest))
        .map_err(unchanged(args.out))?;
    bar.finish_and_clear();
    write_index(args.out, &manifest, &report)?;

    if !args.quiet {
        let m = &manifest;
        let manifest_bytes = m.to_json().len() as u64;
        println!(
            "indexed {} documents from {} files, {} terms in {:.2} s → {}",
            m.documents,
            report.indexed_files,
            m.terms,
            started.elapsed().as_secs_f64(),
            args.out.display()
        );
        // Sizes on disk (gzip-compressed, packs as they are: their parts are),
        // which is what a browser fetches.
        let on_disk =
            |e: &soi_core::index::FileEntry| fs::metadata(args.out.join(&e.path)).map_or(e.bytes, |m| m.len());
        let line = |name: &str, bytes: u64| println!("  {name:<36} {:>10}", HumanBytes(bytes).to_string());
        line(MANIFEST_FILE, manifest_bytes);
        for e in m.root_entries() {
            line(&e.path, on_disk(e));
        }
        let sum = |entries: &[soi_core::index::FileEntry]| entries.iter().map(on_disk).sum::<u64>();
        let (shards, stores) = (&m.files.postings, &m.files.store);
        line(&format!("postings.*.bin ({} packs)", shards.len()), sum(shards));
        line(&format!("store.*.bin ({} packs)", stores.len()), sum(stores));
        line("total (gzip, as stored)", m.entries().map(on_disk).sum::<u64>() + manifest_bytes);
        let root: u64 = manifest_bytes + m.root_entries().into_iter().map(on_disk).sum::<u64>();
        println!("  fetched before any search: {} (manifest, dict, terms, docs)", HumanBytes(root));
        let found: Vec<String> = report.metadata.iter().map(|(field, n)| format!("{field} {n}")).collect();
        println!("  documents with each field: {}", found.join(", "));
        print_trouble(&report);
        println!("  report: {}", args.out.join(REPORT_FILE).display());
    }
    Ok(())
}

fn print_trouble(report: &Report) {
    for f in &report.details {
        let path = shown(&f.path);
        match &f.outcome {
            Outcome::Skipped { reason } => eprintln!("  skipped {path}: {reason}"),
            Outcome::Duplicate { of } => eprintln!("  duplicate {path} (same text as {})", shown(of)),
            Outcome::Metadata { .. } => {}
            Outcome::Ignored { reason } => eprintln!("  ignored {path}: {reason}"),
            Outcome::Indexed { problems, duplicates, .. } => {
                for p in problems {
                    eprintln!("  {path} {}: {} (record skipped)", p.at.as_deref().unwrap_or(""), p.reason);
                }
                for d in duplicates {
                    eprintln!("  duplicate {} (same text as {})", shown(&d.id), shown(&d.of));
                }
            }
        }
    }
}

/// A path for a one-line message: control characters (a newline in a file name)
/// escaped, so that each message stays one line.
fn shown(path: &str) -> std::borrow::Cow<'_, str> {
    if path.chars().any(char::is_control) {
        let mut out = String::with_capacity(path.len() + 8);
        for c in path.chars() {
            if c.is_control() {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
        out.into()
    } else {
        path.into()
    }
}

/// Why a listed file could not be read. A file that is gone was there when the
/// corpus folder was listed (moved or deleted while the build ran): the message
/// says so, instead of a bare "No such file or directory".
fn cannot_read(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "disappeared during the build (it was listed when the corpus folder was scanned, then moved or deleted before it was read): run the build again once the folder has stopped changing".into()
    } else {
        format!("cannot read: {e}")
    }
}

/// A test seam, in debug builds only (release builds compile it to nothing): with
/// `SOI_TEST_PAUSE_AT=POINT[,POINT…]` in the environment, the build stops at each
/// named point, prints `soi-test: paused at POINT` on stderr and waits for a line
/// on stdin. The points: `scanned` (the corpus listed, nothing read yet),
/// `files-written` (every new index file in place, the old manifest still current),
/// `manifest-written` (new manifest and report in place, old files not yet removed).
/// `tests/edge_inputs.rs` uses it to delete a listed file before it is read, and to
/// look at the index folder at each step of its replacement.
fn pause_at(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("SOI_TEST_PAUSE_AT").is_ok_and(|v| v.split(',').any(|p| p.trim() == point)) {
        eprintln!("soi-test: paused at {point}");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}

/// Per metadata field, the documents that have it.
fn metadata_counts(docs: &[Document]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    let count = |has: &dyn Fn(&soi_core::Metadata) -> bool| docs.iter().filter(|d| has(&d.meta)).count();
    out.insert("date", count(&|m| m.date.is_some()));
    out.insert("author", count(&|m| m.author.is_some()));
    out.insert("source", count(&|m| m.source.is_some()));
    out.insert("category", count(&|m| m.category.is_some()));
    out.insert("url", count(&|m| m.url.is_some()));
    out.insert("places", count(&|m| !m.places.is_empty()));
    out.insert("people", count(&|m| !m.people.is_empty()));
    out.insert("doc_refs", count(&|m| !m.doc_refs.is_empty()));
    out
}

fn summarize(corpus: &Path, documents: usize, details: Vec<FileReport>) -> Report {
    let count = |pred: fn(&Outcome) -> bool| details.iter().filter(|d| pred(&d.outcome)).count();
    Report {
        corpus: corpus.display().to_string(),
        documents,
        metadata: BTreeMap::new(),
        files: details.len(),
        indexed_files: count(|o| matches!(o, Outcome::Indexed { .. })),
        skipped_files: count(|o| matches!(o, Outcome::Skipped { .. })),
        duplicate_files: count(|o| matches!(o, Outcome::Duplicate { .. })),
        ignored_files: count(|o| matches!(o, Outcome::Ignored { .. })),
        problems: details
            .iter()
            .map(|d| if let Outcome::Indexed { problems, .. } = &d.outcome { problems.len() } else { 0 })
            .sum(),
        details,
    }
}

/// A fingerprint of a document's text, to find duplicates.
fn fingerprint(doc: &Document) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    soi_core::analysis::normalize(doc.title.trim()).hash(&mut h);
    soi_core::analysis::normalize(doc.body.trim()).hash(&mut h);
    h.finish()
}

/// A file read and parsed (on any thread), before its documents are added.
enum Prepared {
    /// Not read, or nothing in it: its outcome.
    Done(Outcome),
    /// JSON Lines, read record by record when its turn comes.
    JsonLines,
    Parsed {
        docs: Vec<Document>,
        problems: Vec<ReportProblem>,
        /// One article (not a JSON list of one): a duplicate is the file's outcome.
        single: bool,
    },
}

/// Reads and parses one article file; touches nothing shared, so files are
/// prepared on every core.
fn prepare(path: &Path, id: &str, args: &BuildArgs<'_>) -> Prepared {
    let skipped = |reason: String| Prepared::Done(Outcome::Skipped { reason });
    let Some(format) = Format::from_path(id) else { return skipped("not an article format".into()) };
    if format == Format::JsonLines {
        return Prepared::JsonLines;
    }
    let size = match fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return skipped(cannot_read(&e)),
    };
    if size > args.max_file_bytes {
        return skipped(format!(
            "{} is over the {} limit (--max-file-size)",
            HumanBytes(size),
            HumanBytes(args.max_file_bytes)
        ));
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return skipped(cannot_read(&e)),
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return skipped("binary data (a NUL byte), not text".into());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return skipped(format!(
                "not UTF-8 (first bad byte at offset {}): convert it, e.g. with iconv -f WINDOWS-1258 -t UTF-8",
                e.utf8_error().valid_up_to()
            ))
        }
    };
    if text.trim().is_empty() {
        return skipped("empty".into());
    }
    let mut parsed = ingest::parse(format, id, &text, &args.fields);
    if let Some(over) = sidecar(path) {
        match over {
            Ok(meta) => {
                for d in &mut parsed.docs {
                    d.meta.override_with(meta.clone());
                }
            }
            Err(reason) => parsed.problems.push(soi_core::ingest::Problem { at: Some("metadata file".into()), reason }),
        }
    }
    let single = parsed.docs.len() == 1 && format != Format::Json;
    let problems = parsed.problems.into_iter().map(|p| ReportProblem { at: p.at, reason: p.reason }).collect();
    Prepared::Parsed { docs: parsed.docs, problems, single }
}

/// Adds a prepared file's documents, in corpus order (duplicates are decided
/// here, so the first of two copies is the one indexed, whatever the threads).
fn commit(
    prepared: Prepared,
    path: &Path,
    id: &str,
    args: &BuildArgs<'_>,
    seen: &mut HashMap<u64, String>,
    builder: &mut IndexBuilder,
) -> Outcome {
    match prepared {
        Prepared::Done(outcome) => outcome,
        // Read record by record: the size limit is per record, and memory holds one line.
        Prepared::JsonLines => read_json_lines(path, id, args, seen, builder),
        Prepared::Parsed { docs, problems, single } => {
            let mut added = Added::default();
            for doc in docs {
                if let Some(of) = added.add(doc, seen, builder) {
                    if single {
                        return Outcome::Duplicate { of };
                    }
                }
            }
            added.outcome(problems)
        }
    }
}

/// Documents of one file added to the index, and those that repeated an earlier one.
#[derive(Default)]
struct Added {
    documents: usize,
    duplicates: Vec<Duplicate>,
}

impl Added {
    /// Adds `doc` unless its text was seen before; returns the earlier id then.
    fn add(&mut self, doc: Document, seen: &mut HashMap<u64, String>, builder: &mut IndexBuilder) -> Option<String> {
        let fp = fingerprint(&doc);
        if let Some(of) = seen.get(&fp) {
            self.duplicates.push(Duplicate { id: doc.id.clone(), of: of.clone() });
            return Some(of.clone());
        }
        seen.insert(fp, doc.id.clone());
        builder.add(doc);
        self.documents += 1;
        None
    }

    fn outcome(self, problems: Vec<ReportProblem>) -> Outcome {
        if self.documents == 0 && self.duplicates.is_empty() {
            let reason = problems.first().map_or_else(|| "no article in it".to_owned(), |p| p.reason.clone());
            return Outcome::Skipped { reason };
        }
        Outcome::Indexed { documents: self.documents, problems, duplicates: self.duplicates }
    }
}

/// A JSON Lines file, one record at a time: a record over `--max-file-size` or
/// not in UTF-8 is a problem of its line, and the rest of the file is read.
fn read_json_lines(
    path: &Path,
    id: &str,
    args: &BuildArgs<'_>,
    seen: &mut HashMap<u64, String>,
    builder: &mut IndexBuilder,
) -> Outcome {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Outcome::Skipped { reason: cannot_read(&e) },
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut added = Added::default();
    let mut problems: Vec<ReportProblem> = Vec::new();
    let mut line = Vec::new();
    let (mut line_no, mut offset) = (0usize, 0u64);
    loop {
        line.clear();
        line_no += 1;
        let at = Some(format!("line {line_no}"));
        let (read, complete) = match read_line_capped(&mut reader, &mut line, args.max_file_bytes) {
            Ok(r) => r,
            Err(e) => {
                problems.push(ReportProblem { at, reason: format!("cannot read: {e}") });
                break;
            }
        };
        if read == 0 {
            break;
        }
        let start = offset;
        offset += read;
        if !complete {
            problems.push(ReportProblem {
                at,
                reason: format!(
                    "the record is over the {} limit (--max-file-size applies to each record)",
                    HumanBytes(args.max_file_bytes)
                ),
            });
            continue;
        }
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t,
            Err(e) => {
                let reason = format!("not UTF-8 (bad byte at file offset {})", start + e.valid_up_to() as u64);
                problems.push(ReportProblem { at, reason });
                continue;
            }
        };
        match ingest::parse_json_line(id, line_no, text, &args.fields) {
            Some(Ok(doc)) => {
                added.add(doc, seen, builder);
            }
            Some(Err(p)) => problems.push(ReportProblem { at: p.at, reason: p.reason }),
            None => {}
        }
    }
    if offset == 0 {
        return Outcome::Skipped { reason: "empty".into() };
    }
    added.outcome(problems)
}

/// Reads one line (through `\n`) into `out`, keeping at most `cap` bytes of it.
/// Returns the bytes consumed and whether the whole line fit.
fn read_line_capped(reader: &mut impl std::io::BufRead, out: &mut Vec<u8>, cap: u64) -> std::io::Result<(u64, bool)> {
    let mut consumed = 0u64;
    let mut fits = true;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((consumed, fits));
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        if fits && out.len() as u64 + n as u64 <= cap.saturating_add(1) {
            out.extend_from_slice(chunk);
        } else {
            fits = false;
            out.clear();
        }
        reader.consume(n);
        consumed += n as u64;
        if done {
            return Ok((consumed, fits));
        }
    }
}

/// Metadata overrides beside an article: `NAME.meta.json` (for `NAME.txt` etc.).
fn sidecar(path: &Path) -> Option<Result<soi_core::Metadata, String>> {
    let mut name = path.file_name()?.to_os_string();
    name.push(".meta.json");
    let side = path.with_file_name(name);
    let text = fs::read_to_string(&side).ok()?;
    Some(match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => Ok(ingest::metadata_from_object(&map, &FieldMap::default())),
        Ok(_) => Err(format!("{} is not a JSON object", side.display())),
        Err(e) => Err(format!("{} is not valid JSON: {e}", side.display())),
    })
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

/// Every file and symbolic link under `corpus` (hidden ones aside), in a stable order.
fn find_files(corpus: &Path) -> Result<Vec<PathBuf>> {
    let meta = fs::metadata(corpus)
        .with_context(|| format!("cannot open the corpus folder {}: check the path", corpus.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a folder: pass the folder that holds your articles", corpus.display());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read inside {}", corpus.display()))?;
        let name = entry.file_name().to_string_lossy();
        // Symbolic links are listed (the report accounts for them) but never
        // followed: a link may point out of the corpus or round in a loop.
        let kind = entry.file_type();
        if (kind.is_file() || kind.is_symlink()) && !name.starts_with('.') {
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

/// The cause first, then what it means for the folder: nothing was replaced.
fn unchanged(out: &Path) -> impl Fn(anyhow::Error) -> anyhow::Error + '_ {
    move |e| {
        anyhow::anyhow!(
            "{e:#}; nothing was replaced: the index that was in {} (if any) is still whole and in use; fix the cause and build again",
            out.display()
        )
    }
}

/// Writes the index files as the build makes them (the build never holds the
/// whole index): compressed on every core, a batch at a time, each written under
/// its content-hashed name.
///
/// With [`write_index`], it replaces the index in `out` so that a reader never sees half of it:
/// 1. every index file is written under its content-hashed name, each through a
///    temporary name and a rename (gzip-compressed or not: see `files.rs`); the names are
///    new unless the content is the same, so the old manifest still names complete
///    files of the old build;
/// 2. the manifest, the one file a reader starts from, is replaced by a rename, in
///    one step from the old build to the new; then the report;
/// 3. only then are the index files of earlier builds removed.
///
/// A failure in 1 or 2 leaves the old index as it was (and says so).
struct FileWriter<'a> {
    out: &'a Path,
    batch: Vec<soi_core::index::IndexFile>,
    threads: usize,
}

impl<'a> FileWriter<'a> {
    fn new(out: &'a Path) -> Result<Self> {
        fs::create_dir_all(out).with_context(|| format!("cannot create the index folder {}", out.display()))?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(FileWriter { out, batch: Vec::new(), threads })
    }

    fn add(&mut self, file: soi_core::index::IndexFile) -> Result<()> {
        // A pack (up to 16 MiB, nothing to compress) is written at once, so that
        // the batch never holds several of them.
        if crate::files::is_pack(&file) {
            return write_atomic(&self.out.join(&file.name), &file.bytes);
        }
        self.batch.push(file);
        if self.batch.len() >= self.threads * 8 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        let compressed = soi_core::parallel::par_map(&batch, self.threads, |f| crate::files::compress(&f.bytes));
        for (f, bytes) in batch.iter().zip(&compressed) {
            write_atomic(&self.out.join(&f.name), bytes)?;
        }
        Ok(())
    }
}

/// Finishes an index whose files are written: the manifest (the one file that
/// names the others, so the new index is in use from here), the report, then the
/// old files no manifest names any more.
fn write_index(out: &Path, manifest: &soi_core::Manifest, report: &Report) -> Result<()> {
    let then = |what: String| move |e: anyhow::Error| anyhow::anyhow!("{e:#}; {what}");
    let stale = then(format!("the new index is in place in {}, but files of the old one remain", out.display()));
    pause_at("files-written");
    write_atomic(&out.join(MANIFEST_FILE), manifest.to_json().as_bytes()).map_err(unchanged(out))?;
    let mut json = serde_json::to_string_pretty(report)?;
    json.push('\n');
    write_atomic(&out.join(REPORT_FILE), json.as_bytes())
        .map_err(then(format!("the new index is in place in {}, but its report is not", out.display())))?;
    pause_at("manifest-written");
    let keep: std::collections::HashSet<&str> = manifest.entries().map(|f| f.path.as_str()).collect();
    for entry in fs::read_dir(out).with_context(|| format!("cannot list {}", out.display())).map_err(&stale)? {
        let entry = entry.with_context(|| format!("cannot list {}", out.display())).map_err(&stale)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_index_file_name(&name) && !keep.contains(name.as_str()) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the stale {}: remove it by hand", entry.path().display()))
                .map_err(&stale)?;
        }
    }
    Ok(())
}

/// `kind.<16 hex>.bin`, as written by `soi build`.
fn is_index_file_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    matches!(parts[..], [kind, hash, "bin"]
        if ["dict", "terms", "postings", "docs", "store"].contains(&kind)
            && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Writes `path` through `path` with the extension `.tmp` and a rename, so that
/// `path` is at any moment either absent, its old content, or its whole new
/// content. The temporary file is removed when the write fails.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let written = fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all().ok(); // best effort: some file systems cannot sync
        Ok(())
    });
    if let Err(e) = written {
        if tmp.is_file() {
            let _ = fs::remove_file(&tmp);
        }
        return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
    }
    fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
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
        assert!(!is_index_file_name(REPORT_FILE));
    }
}
