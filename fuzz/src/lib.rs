//! The logic of every fuzz target, shared with the regular test suite.
//!
//! Each target in `fuzz_targets/` is one line that calls a function here, and
//! `crates/core/tests/fuzz_seeds.rs` includes this file (`#[path]`) and replays every
//! seed in `fuzz/corpus/<target>/` through the same function on stable Rust. So this
//! file depends on nothing but `soi_core` and `std`: the structured inputs are
//! decoded by hand from the fuzzer's bytes (a small [`Bytes`] reader) instead of with
//! `arbitrary`, which the core crate's tests do not depend on.
//!
//! Every function must return normally for every input; a panic is a finding.

use std::sync::OnceLock;

use soi_core::index::Manifest;
use soi_core::ingest::{parse, parse_json_line, FieldMap, Format};
use soi_core::{BuiltIndex, Document, Index, IndexBuilder, SearchOptions};

/// The fuzz targets, by name (the folder of their seeds under `fuzz/corpus/`).
pub const TARGETS: [&str; 4] = ["index_open", "query", "formats", "manifest"];

/// Runs target `name` on `data` (for the seed replay test).
pub fn run(name: &str, data: &[u8]) {
    match name {
        "index_open" => index_open(data),
        "query" => query(data),
        "formats" => formats(data),
        "manifest" => manifest(data),
        _ => panic!("no fuzz target {name:?}"),
    }
}

// ---------------------------------------------------------------------------------
// The small fixed index every target searches.

const ARTICLES: [(&str, &str, &str, &str); 6] = [
    (
        "a.txt",
        "Đại hội Chi bộ nhiệm kỳ 2020-2025",
        "Ngày 8/10/2020, Chi bộ thôn Kim Sơn tổ chức đại hội. Đồng chí Nguyễn Văn An phát biểu chỉ đạo.",
        "2020-10-08",
    ),
    (
        "b.txt",
        "Kế hoạch 167-KH/HU về chuyển đổi số",
        "Thực hiện Chỉ thị 35-CT/TW, huyện Kim Sơn triển khai kế hoạch chuyển đổi số đến năm 2025.",
        "2021-03-26",
    ),
    (
        "c.txt",
        "Hà Nội và Đà Nẵng đẩy mạnh du lịch",
        "Hai thành phố phối hợp quảng bá du lịch; quốc hội xem xét nghị quyết mới về đầu tư công.",
        "2019-12-31",
    ),
    ("d.txt", "Lạng Sơn: mùa hoa đào", "Hoa đào nở sớm ở Lạng Sơn. Người dân đi chợ tết, giá hoa tăng nhẹ.", ""),
    (
        "e.txt",
        "Tuổi trẻ với an toàn giao thông",
        "Đoàn thanh niên xã tổ chức tuyên truyền an toàn giao thông cho học sinh, sinh viên.",
        "2022-02-28",
    ),
    ("f.txt", "Ngắn", "ả ẩ ẫ ậ đ Ð ĐĐ nguyen nguyễn NGUYỄN ddaij hooij 1.000.000 đồng", "2024-02-29"),
];

/// Queries run on every index a target opens.
const QUERIES: [&str; 6] = ["dai hoi ", "\"chi bộ\" kim", "35-CT/TW ", "title:kim OR hà -đào", "nguyn", "ddaij hooij "];

fn build_fixed() -> BuiltIndex {
    // Small shards and packs, so that the index has several of each.
    let mut b = IndexBuilder::new().shard_bytes(256).whole_dict_bytes(0).store_pack_bytes(512);
    for (id, title, body, date) in ARTICLES {
        let mut doc = soi_core::ingest::with_text_metadata(Document::new(id, title, body));
        if !date.is_empty() {
            doc.meta.date = Some(date.to_owned());
        }
        doc.meta.author = Some(format!("Tác giả {}", &id[..1]));
        doc.meta.category = Some(if id < "c" { "Chính trị" } else { "Xã hội" }.to_owned());
        b.add(doc);
    }
    b.build()
}

/// The fixed index, built once.
pub fn fixed() -> &'static BuiltIndex {
    static BUILT: OnceLock<BuiltIndex> = OnceLock::new();
    BUILT.get_or_init(build_fixed)
}

/// The fixed index, opened once with every file.
fn fixed_open() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| fixed().open().expect("the fixed index opens"))
}

/// The fixed index's root only (dict, terms, docs): no shard, no stored text, as the
/// browser has it before its first fetch.
fn fixed_root() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let b = fixed();
        let f = &b.manifest.files;
        let bytes = |name: &str| b.file(name).expect("built file").bytes.clone();
        Index::open(b.manifest.clone(), bytes(&f.dict.path), bytes(&f.terms.path), bytes(&f.docs.path))
            .expect("the fixed root opens")
    })
}

/// Everything a reader does with an opened index: search, respond, show articles,
/// related ones. Errors are fine; panics are not.
fn exercise(index: &Index, queries: &[&str]) {
    for q in queries {
        let plan = index.plan(q);
        let _ = index.missing_shards(&plan);
        let _ = index.missing_positions(&plan);
        let _ = index.missing_followers(&plan);
        let hl = plan.highlighter().clone();
        if let Ok(results) = index.search(q, 10) {
            let response = index.response(&results);
            for hit in &response.hits {
                for &[s, e] in &hit.marks {
                    assert!(s <= e && e <= hit.snippet.len(), "mark {s}..{e} outside the snippet");
                    assert!(hit.snippet.is_char_boundary(s) && hit.snippet.is_char_boundary(e), "mark inside a char");
                }
            }
        }
        for doc in 0..index.doc_count().min(3) as u32 {
            let _ = index.missing_shards_for_article(doc);
            let _ = index.missing_texts_for_article(doc);
            let _ = index.article(doc, &hl);
            let _ = index.related(doc, 3);
        }
    }
}

// ---------------------------------------------------------------------------------
// A tiny reader of structured input from the fuzzer's bytes.

/// Reads choices from the front of the input; past its end every read gives 0.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }
}

// ---------------------------------------------------------------------------------
// Target `index_open`: every index file kind from mutated bytes, then search.

/// Input layout (all bytes optional; missing ones read as 0):
///
/// ```text
/// 0    which file: 0 dict, 1 terms, 2 docs, 3 a postings pack, 4 a store pack (mod 5)
/// 1    which shard or pack (mod their count)
/// 2    flags: 1 fix the CRC after mutating; 2 set the manifest's size to the new
///      length; 4 the body is the rest of the input (no edits); 8 take the manifest's
///      term and document counts from the next 4 bytes
/// ...  edits until the input ends, 4 bytes each: op, position (u16, mod the body
///      length + 1), value. op mod 5: 0 set, 1 xor, 2 insert, 3 remove, 4 truncate
/// ```
///
/// The header (magic, version, kind) stays valid, so the decoders behind it are what
/// the fuzzer reaches; the CRC is fixed or not, and the size in the manifest follows
/// or not, so both the checks and the decoding after them are exercised.
pub fn index_open(data: &[u8]) {
    let built = fixed();
    let mut input = Bytes::new(data);
    let which = input.u8() % 5;
    let nth = input.u8() as usize;
    let flags = input.u8();
    let mut manifest = built.manifest.clone();
    if flags & 8 != 0 {
        manifest.terms = u32::from(input.u16());
        manifest.documents = u32::from(input.u16());
    }
    let mut files: Vec<(String, Vec<u8>)> = built.files.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
    let f = &manifest.files;
    let name = match which {
        0 => f.dict.path.clone(),
        1 => f.terms.path.clone(),
        2 => f.docs.path.clone(),
        3 => f.postings[nth % f.postings.len()].path.clone(),
        _ => f.store[nth % f.store.len()].path.clone(),
    };
    let slot = files.iter_mut().find(|(n, _)| *n == name).expect("file of the manifest");
    let kind = built.file(&name).expect("built file").kind;
    let original = &slot.1;
    let mut body = original[8..original.len() - 4].to_vec();
    if flags & 4 != 0 {
        body = input.rest().to_vec();
    }
    while !input.is_empty() {
        let op = input.u8() % 5;
        let pos = input.u16() as usize % (body.len() + 1);
        let value = input.u8();
        match op {
            0 if pos < body.len() => body[pos] = value,
            1 if pos < body.len() => body[pos] ^= value,
            2 => body.insert(pos, value),
            3 if pos < body.len() => {
                body.remove(pos);
            }
            4 => body.truncate(pos),
            _ => {}
        }
    }
    let mut bytes = soi_core::index::format::frame(kind, &body);
    if flags & 1 == 0 {
        // Keep the original CRC: the file is damaged after it was written.
        let n = bytes.len();
        bytes[n - 4..].copy_from_slice(&original[original.len() - 4..]);
    }
    slot.1 = bytes;
    if flags & 2 != 0 {
        let len = slot.1.len() as u64;
        let f = &mut manifest.files;
        for e in [&mut f.dict, &mut f.terms, &mut f.docs].into_iter().chain(&mut f.postings).chain(&mut f.store) {
            if e.path == name {
                e.bytes = len;
            }
        }
    }
    let get = |n: &str| files.iter().find(|(m, _)| m == n).map(|(_, b)| b.clone());
    let f = &manifest.files;
    let (dict, terms, docs) = (get(&f.dict.path).unwrap(), get(&f.terms.path).unwrap(), get(&f.docs.path).unwrap());
    // As the browser does: the root without CRC checks, then shards and slots.
    if let Ok(mut index) = Index::open(manifest.clone(), dict, terms, docs) {
        let _ = index.verify();
        exercise(&index, &QUERIES[..2]);
        let m = index.manifest().clone();
        // Each shard, as a range request brings it.
        for (p, e) in m.files.postings.iter().enumerate() {
            let bytes = get(&e.path).unwrap();
            for i in index.pack_shards(p) {
                let Some((_, r)) = index.shard_range(i) else { continue };
                if let Some(member) = bytes.get(r.start as usize..r.end as usize) {
                    let _ = index.add_shard_member(i, member);
                }
                let Some((_, r)) = index.positions_range(i) else { continue };
                if let Some(member) = bytes.get(r.start as usize..r.end as usize) {
                    let _ = index.add_positions_member(i, member);
                }
                let Some((_, r)) = index.followers_range(i) else { continue };
                if let Some(member) = bytes.get(r.start as usize..r.end as usize) {
                    let _ = index.add_followers_member(i, member);
                }
            }
        }
        // Each document's slot, as a range request brings it.
        for (i, e) in m.files.store.iter().enumerate() {
            let bytes = get(&e.path).unwrap();
            for doc in index.pack_docs(i) {
                let Some((_, r)) = index.store_slot(doc) else { continue };
                if let Some(slot) = bytes.get(r.start as usize..r.end as usize) {
                    let _ = index.add_slot(doc, slot);
                }
            }
        }
        // Out-of-range shard and document numbers are errors.
        let _ = index.add_shard(index.shard_count(), Vec::new());
        let _ = index.add_positions(index.shard_count(), Vec::new());
        let _ = index.add_followers(index.shard_count(), Vec::new());
        let _ = index.add_record(index.doc_count() as u32, &[]);
        assert!(index.store_slot(index.doc_count() as u32).is_none());
        exercise(&index, &QUERIES);
    }
    // As the CLI does: every file, CRCs checked first.
    if let Ok(index) = Index::open_all(manifest, get) {
        exercise(&index, &QUERIES[..2]);
    }
}

// ---------------------------------------------------------------------------------
// Target `query`: any string as a query, with options, on the fixed index.

/// The input, as UTF-8 (lossily), is split into lines: the query, then optionally
/// `from`, `to`, a `facet=value` filter and a sort (`n`ewest, `o`ldest). It is run on
/// the whole index and on the root alone (no shard or text loaded).
pub fn query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let q = lines.next().unwrap_or("");
    let mut options = SearchOptions { limit: 10, ..SearchOptions::default() };
    if let Some(from) = lines.next().filter(|s| !s.is_empty()) {
        options.from = Some(from.to_owned());
    }
    if let Some(to) = lines.next().filter(|s| !s.is_empty()) {
        options.to = Some(to.to_owned());
    }
    if let Some((facet, value)) = lines.next().and_then(|s| s.split_once('=')) {
        options.add_filter(facet, value);
    }
    match lines.next() {
        Some(s) if s.starts_with('n') => options.sort = soi_core::Sort::Newest,
        Some(s) if s.starts_with('o') => options.sort = soi_core::Sort::Oldest,
        _ => {}
    }
    let query = soi_core::Query::parse(q);
    let _ = query.read_as();
    for index in [fixed_open(), fixed_root()] {
        let plan = index.plan(q);
        let _ = index.missing_shards(&plan);
        let _ = index.suggestion(q, &plan);
        let hl = plan.highlighter().clone();
        if let Ok(results) = index.execute(plan, &options) {
            let response = index.response(&results);
            assert!(response.hits.len() <= options.limit, "more hits than the limit");
            for hit in &response.hits {
                let _ = index.article(hit.doc, &hl);
            }
        }
        if let Ok(results) = index.search_with(q, &options) {
            let _ = index.response(&results);
        }
    }
}

// ---------------------------------------------------------------------------------
// Target `formats`: any text in every article format.

fn check_doc(doc: &Document) {
    if let Some(date) = &doc.meta.date {
        assert!(
            date.len() == 10 && soi_core::document::days_from_iso(date).is_some(),
            "{}: date {date:?} is not a valid ISO date",
            doc.id
        );
    }
}

/// The input (UTF-8, lossily) is read as txt, md, html, json and jsonl, and each of
/// its lines as a JSON Lines record. Dates found must be real ISO dates. When the
/// input is small, the documents read are also indexed, opened and searched.
pub fn formats(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let fields = FieldMap::default();
    let mut all = Vec::new();
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::JsonLines] {
        let parsed = parse(format, "x", &text, &fields);
        for doc in &parsed.docs {
            check_doc(doc);
        }
        all.extend(parsed.docs);
    }
    for (n, line) in text.lines().take(64).enumerate() {
        if let Some(Ok(doc)) = parse_json_line("x.jsonl", n + 1, line, &fields) {
            check_doc(&doc);
        }
    }
    if data.len() <= 2048 {
        let mut b = IndexBuilder::new().shard_bytes(128).whole_dict_bytes(0);
        for doc in all {
            b.add(doc);
        }
        let index = b.build().open().expect("an index just built opens");
        let words: Vec<String> = text.split_whitespace().take(3).map(str::to_owned).collect();
        let q = words.join(" ");
        exercise(&index, &[q.as_str(), "a"]);
    }
}

// ---------------------------------------------------------------------------------
// Target `manifest`: any string as manifest.json.

/// Parses the input as a manifest. One that parses must write back to JSON that
/// parses to the same manifest; and opening the fixed index's files under it (found
/// by name) must fail cleanly or work.
pub fn manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(manifest) = Manifest::parse(&text) else { return };
    let again = Manifest::parse(&manifest.to_json()).expect("a manifest written back parses");
    assert_eq!(again, manifest, "the manifest does not round-trip");
    let built = fixed();
    if let Ok(index) = Index::open_all(manifest, |name| built.file(name).map(|f| f.bytes.clone())) {
        exercise(&index, &QUERIES[..2]);
    }
}
