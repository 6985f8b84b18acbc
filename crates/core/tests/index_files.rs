//! Behaviour of the index files: round trips, determinism, and the errors a
//! damaged, truncated or foreign file gives.

use soi_core::index::{FileKind, FORMAT_VERSION};
use soi_core::{BuiltIndex, Document, ErrorKind, Index, IndexBuilder, Manifest};

fn doc(id: &str, title: &str, body: &str) -> Document {
    Document::new(id, title, body)
}

fn fixture() -> Vec<Document> {
    vec![
        doc("b/duong.txt", "Con đường mới", "Con đường làng được mở rộng. Đường đẹp."),
        doc("a/daihoi.txt", "Đại hội Chi bộ", "Chuẩn bị đại hội chi bộ nhiệm kỳ 2020-2025."),
        doc("c/quochoi.txt", "Đại biểu Quốc hội", "Các đại biểu Quốc hội thảo luận về hội nhập."),
        doc("d/duong2.txt", "Đại dương xanh", "Biển và đại dương. Dương cầm."),
        doc("e/english.txt", "Deadline", "The deadline for the report is Friday."),
    ]
}

fn build(docs: Vec<Document>) -> BuiltIndex {
    let mut b = IndexBuilder::new();
    for d in docs {
        b.add(d);
    }
    b.build()
}

fn open(built: &BuiltIndex) -> Result<Index, soi_core::Error> {
    Index::open_all(built.manifest.clone(), |name| built.files.iter().find(|f| f.name == name).map(|f| f.bytes.clone()))
}

fn with_file(built: &BuiltIndex, kind: FileKind, edit: impl Fn(&mut Vec<u8>)) -> BuiltIndex {
    let mut b = built.clone();
    for f in &mut b.files {
        if f.kind == kind {
            edit(&mut f.bytes);
        }
    }
    b
}

#[test]
fn every_file_round_trips_documents_terms_and_text() {
    let built = build(fixture());
    let index = open(&built).unwrap();
    assert_eq!(index.doc_count(), 5);
    // Documents are ordered by id; titles and text come back as written.
    let ids: Vec<&str> = index.docs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a/daihoi.txt", "b/duong.txt", "c/quochoi.txt", "d/duong2.txt", "e/english.txt"]);
    assert_eq!(index.doc(0).unwrap().title, "Đại hội Chi bộ");
    assert_eq!(index.stored(3).unwrap().body, "Biển và đại dương. Dương cầm.");
    assert_eq!(index.doc(0).unwrap().title_words, 4);
    // Every term's postings decode and point at real positions of that word.
    for ordinal in 0..index.term_count() as u64 {
        for p in index.postings(ordinal).unwrap() {
            assert!((p.doc as usize) < index.doc_count());
            assert!(!p.positions.is_empty());
            assert!(p.positions.windows(2).all(|w| w[0] < w[1]));
        }
    }
}

#[test]
fn same_corpus_builds_byte_identical_files_in_any_order() {
    let a = build(fixture());
    let mut reversed = fixture();
    reversed.reverse();
    let b = build(reversed);
    assert_eq!(a.manifest.to_json(), b.manifest.to_json());
    assert_eq!(a.files, b.files);
}

#[test]
fn nfd_corpus_builds_the_same_index_as_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: Vec<Document> = fixture()
        .into_iter()
        .map(|d| Document::new(d.id, d.title.nfd().collect::<String>(), d.body.nfd().collect::<String>()))
        .collect();
    assert_eq!(build(nfd).files, build(fixture()).files);
}

#[test]
fn file_names_are_content_hashed() {
    let built = build(fixture());
    for f in &built.files {
        let parts: Vec<&str> = f.name.split('.').collect();
        assert_eq!(parts.len(), 3, "{}", f.name);
        assert_eq!(parts[0], f.kind.name());
        assert_eq!(parts[1].len(), 16);
    }
    let other = build(vec![doc("x.txt", "Khác", "Nội dung khác")]);
    assert_ne!(built.files[0].name, other.files[0].name);
}

#[test]
fn corrupt_file_reports_checksum_error() {
    let built = build(fixture());
    for kind in [FileKind::Dict, FileKind::Postings, FileKind::Docs, FileKind::Store] {
        let bad = with_file(&built, kind, |b| {
            let mid = b.len() / 2;
            b[mid] ^= 0x55;
        });
        let err = open(&bad).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Checksum { .. }), "{kind:?}: {err}");
        assert!(err.to_string().contains("soi build"), "the message says what to do: {err}");
    }
}

#[test]
fn truncated_file_reports_truncation() {
    let built = build(fixture());
    let bad = with_file(&built, FileKind::Postings, |b| b.truncate(b.len() - 10));
    let err = open(&bad).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Truncated { .. }), "{err}");
    let empty = with_file(&built, FileKind::Dict, |b| b.clear());
    assert!(matches!(open(&empty).unwrap_err().kind(), ErrorKind::NotAnIndexFile { .. }));
}

#[test]
fn file_of_another_format_version_reports_version() {
    let built = build(fixture());
    let bad = with_file(&built, FileKind::Docs, |b| b[4..6].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes()));
    let err = open(&bad).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UnsupportedVersion {
            file: built.manifest.files.docs.path.clone(),
            expected: FORMAT_VERSION,
            got: FORMAT_VERSION + 1
        }
    );
}

#[test]
fn files_swapped_between_roles_report_wrong_kind() {
    let built = build(fixture());
    let mut swapped = built.clone();
    let docs = swapped.files.iter().find(|f| f.kind == FileKind::Docs).unwrap().bytes.clone();
    let dict = swapped.files.iter_mut().find(|f| f.kind == FileKind::Dict).unwrap();
    dict.bytes = docs;
    swapped.manifest.files.dict.bytes = dict.bytes.len() as u64;
    assert!(matches!(open(&swapped).unwrap_err().kind(), ErrorKind::WrongKind { .. }));
}

#[test]
fn stale_file_from_another_build_is_detected() {
    // A host that kept the old manifest but got new files (or the reverse).
    let old = build(fixture());
    let new = build(vec![doc("x.txt", "Bài mới", "Nội dung mới hoàn toàn")]);
    let err = Index::open_all(old.manifest.clone(), |name| {
        let kind = name.split('.').next().unwrap().to_owned();
        new.files.iter().find(|f| f.kind.name() == kind).map(|f| f.bytes.clone())
    })
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Truncated { .. } | ErrorKind::Checksum { .. }), "{err}");
}

#[test]
fn missing_file_is_named() {
    let built = build(fixture());
    let store = built.manifest.files.store[0].path.clone();
    let err = Index::open_all(built.manifest.clone(), |name| {
        (name != store).then(|| built.files.iter().find(|f| f.name == name).unwrap().bytes.clone())
    })
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MissingFile { file: store });
}

#[test]
fn random_garbage_never_panics_the_reader() {
    let built = build(fixture());
    // Flip every byte of the docs and postings bodies one at a time, fixing the
    // CRC so the structural checks are what has to catch it.
    for kind in [FileKind::Docs, FileKind::Postings] {
        let len = built.files.iter().find(|f| f.kind == kind).unwrap().bytes.len();
        for i in 8..len - 4 {
            let bad = with_file(&built, kind, |b| {
                b[i] = b[i].wrapping_add(0x41);
                let crc = crc32fast::hash(&b[..b.len() - 4]);
                let n = b.len();
                b[n - 4..].copy_from_slice(&crc.to_le_bytes());
            });
            let mut manifest = bad.manifest.clone();
            for f in &bad.files {
                let crc = u32::from_le_bytes(f.bytes[f.bytes.len() - 4..].try_into().unwrap());
                for e in [&mut manifest.files.dict, &mut manifest.files.postings, &mut manifest.files.docs] {
                    if e.path == f.name {
                        e.crc32 = crc;
                    }
                }
            }
            if let Ok(index) =
                Index::open_all(manifest, |name| bad.files.iter().find(|f| f.name == name).map(|f| f.bytes.clone()))
            {
                let _ = index.response(&index.search("đại hội", 10));
            }
        }
    }
}

#[test]
fn manifest_golden_file_matches() {
    // The index bytes of this fixture are part of format version 1: a change here
    // means the format changed, and FORMAT_VERSION must be bumped with it. To
    // regenerate after a deliberate change: SOI_BLESS=1 cargo test -p soi-core.
    let built = build(fixture());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/fixture-manifest.json");
    let json = built.manifest.to_json();
    if std::env::var_os("SOI_BLESS").is_some() {
        std::fs::write(path, &json).unwrap();
    }
    let golden = std::fs::read_to_string(path).expect("golden file exists (SOI_BLESS=1 to create)");
    assert_eq!(json, golden);
    assert_eq!(Manifest::parse(&golden).unwrap(), built.manifest);
}
