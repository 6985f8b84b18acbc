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
    built.open()
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
    let ids: Vec<String> = index.docs().map(|d| d.id).collect();
    assert_eq!(ids, ["a/daihoi.txt", "b/duong.txt", "c/quochoi.txt", "d/duong2.txt", "e/english.txt"]);
    assert_eq!(index.stored(0).unwrap().title, "Đại hội Chi bộ");
    assert_eq!(index.stored(3).unwrap().body, "Biển và đại dương. Dương cầm.");
    // Its length for BM25: 3 title positions and 6 body words (exact below 16).
    assert_eq!(index.doc(3).unwrap().words, 9);
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
fn postings_kept_decoded_are_each_terms_own() {
    // `Index::flat_postings` keeps lists decoded between searches: asked for in
    // any order, again and again, it gives each term its own list, as decoded
    // afresh.
    let index = open(&build(fixture())).unwrap();
    let n = index.term_count() as u64;
    let fresh = |ordinal| {
        let mut flat = soi_core::index::FlatPostings::default();
        index.postings_into(ordinal, &mut flat).unwrap();
        flat
    };
    let order: Vec<u64> = (0..n).chain((0..n).rev()).chain((0..n).step_by(3)).chain((0..n).rev().step_by(2)).collect();
    for ordinal in order {
        assert_eq!(*index.flat_postings(ordinal).unwrap(), fresh(ordinal), "term {ordinal}");
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
fn same_corpus_builds_byte_identical_files_whatever_the_thread_count() {
    // More documents than one analysis batch, so that batches and threads split them.
    let docs = |n: usize| -> Vec<Document> {
        (0..n)
            .map(|i| {
                let words = ["đại", "hội", "chi", "bộ", "Kim", "Sơn", "nhiệm", "kỳ", "xã", "huyện", "tỉnh", "năm"];
                let body: Vec<&str> = (0..40).map(|k| words[(i * 7 + k * k) % words.len()]).collect();
                doc(
                    &format!("d{i:04}"),
                    &format!("Tin số {i}"),
                    &format!("{}. Số {i}, năm {}.", body.join(" "), 2000 + i % 25),
                )
            })
            .collect()
    };
    let with = |threads: usize| {
        let mut b = IndexBuilder::new().threads(threads).shard_bytes(4096).whole_dict_bytes(0).store_pack_bytes(2048);
        for d in docs(1300) {
            b.add(d);
        }
        b.build()
    };
    let one = with(1);
    for threads in [2, 3, 8] {
        let many = with(threads);
        assert_eq!(one.manifest.to_json(), many.manifest.to_json(), "{threads} threads");
        assert_eq!(one.files, many.files, "{threads} threads");
    }
    assert!(one.open().unwrap().shard_count() > 3);
    let (postings, store) = (one.manifest.files.postings.len(), one.manifest.files.store.len());
    assert!(postings > 1 && store > 1, "several packs of each: {postings} and {store}");
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
        (name != store).then(|| built.file(name).unwrap().bytes.clone())
    })
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MissingFile { file: store });
}

/// Changes byte `i` of the `kind` file and fixes its CRC (and the manifest's), so
/// that the structural checks are what has to catch it. Opening may succeed (the
/// change can be a valid, different index) or fail; searching and showing the
/// results must not panic, and every failure must be an error naming the file.
fn open_and_search_with_byte_changed_and_crc_fixed(built: &BuiltIndex, kind: FileKind, i: usize) {
    let bad = with_file(built, kind, |b| {
        b[i] = b[i].wrapping_add(0x41);
        let crc = crc32fast::hash(&b[..b.len() - 4]);
        let n = b.len();
        b[n - 4..].copy_from_slice(&crc.to_le_bytes());
    });
    let manifest = bad.manifest.clone();
    let damaged = &bad.files.iter().find(|f| f.kind == kind).unwrap().name;
    match Index::open_all(manifest, |name| bad.file(name).map(|f| f.bytes.clone())) {
        Ok(index) => {
            for q in ["đại hội", "dai hoi ", "\"con đường\" -biển", "title:deadline OR dương", "ddaij webzite"]
            {
                match index.search(q, 10) {
                    Ok(results) => {
                        let _ = index.response(&results);
                    }
                    // Postings are decoded while searching: a damaged list is an error.
                    Err(e) => assert!(
                        matches!(e.kind(), ErrorKind::Corrupt { file, .. } if file == damaged),
                        "{kind:?} byte {i}, {q:?}: {e}"
                    ),
                }
            }
        }
        Err(e) => assert_eq!(file_named(&e), Some(damaged.as_str()), "{kind:?} byte {i}: {e}"),
    }
}

#[test]
fn random_garbage_never_panics_the_reader() {
    let built = build(fixture());
    // Every byte of the docs, postings and store bodies, one at a time.
    for kind in [FileKind::Docs, FileKind::Postings, FileKind::Store] {
        let len = built.files.iter().find(|f| f.kind == kind).unwrap().bytes.len();
        for i in 8..len - 4 {
            open_and_search_with_byte_changed_and_crc_fixed(&built, kind, i);
        }
    }
}

#[test]
fn damaged_dictionary_with_a_valid_crc_never_panics_the_reader() {
    let built = build(fixture());
    let len = built.files[0].bytes.len();
    let panicked: Vec<usize> = (8..len - 4)
        .filter(|&i| {
            let run = || open_and_search_with_byte_changed_and_crc_fixed(&built, FileKind::Dict, i);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).is_err()
        })
        .collect();
    assert!(panicked.is_empty(), "{} of {} dict body bytes panic: {panicked:?}", panicked.len(), len - 12);
}

/// The file an error names, for the errors about one file.
fn file_named(e: &soi_core::Error) -> Option<&str> {
    match e.kind() {
        ErrorKind::NotAnIndexFile { file }
        | ErrorKind::UnsupportedVersion { file, .. }
        | ErrorKind::WrongKind { file, .. }
        | ErrorKind::Truncated { file, .. }
        | ErrorKind::Checksum { file, .. }
        | ErrorKind::Corrupt { file, .. }
        | ErrorKind::MissingFile { file } => Some(file),
        _ => None,
    }
}

/// Byte offsets to damage in a file of `len` bytes: the whole 8-byte header, the
/// whole 4-byte CRC footer, and the body: every byte of it when it is at most
/// `body_samples` long, else `body_samples` offsets spread evenly over it
/// (always its first and last byte).
fn offsets(len: usize, body_samples: usize) -> Vec<usize> {
    let body = 8..len - 4;
    let mut out: Vec<usize> = (0..8).chain(len - 4..len).collect();
    if body.len() <= body_samples {
        out.extend(body);
    } else {
        out.extend((0..body_samples).map(|k| body.start + k * (body.len() - 1) / (body_samples - 1)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// What the header check or the CRC must report when byte `at` of a file was
/// changed, giving the bytes `now`: the magic, version and kind bytes are read by
/// the header check; everything else (the reserved header byte, the body, the
/// footer) only the CRC covers.
fn expected_by_open_all(file: &str, kind: FileKind, at: usize, now: &[u8]) -> ErrorKind {
    let file = file.to_owned();
    match at {
        0..=3 => ErrorKind::NotAnIndexFile { file },
        4 | 5 => {
            ErrorKind::UnsupportedVersion { file, expected: FORMAT_VERSION, got: u16::from_le_bytes([now[4], now[5]]) }
        }
        6 => ErrorKind::WrongKind { file, expected: kind.name(), got: now[6] },
        _ => {
            let n = now.len();
            let expected = u32::from_le_bytes(now[n - 4..].try_into().unwrap());
            ErrorKind::Checksum { file, expected, got: crc32fast::hash(&now[..n - 4]) }
        }
    }
}

/// Changes to try at one offset: single bits at both ends of the byte, a nibble,
/// the whole byte, and in the header every other value of the byte.
fn changes(at: usize) -> Vec<u8> {
    if at < 8 {
        (1..=255).collect()
    } else {
        vec![0x01, 0x80, 0x0f, 0xff]
    }
}

/// What [`check_every_byte_change`] saw.
#[derive(Default)]
struct Checked {
    /// Changes tried.
    changes: usize,
    /// Changes to a pack that reading its slots or shards did not see (and that
    /// changed nothing read).
    unseen_by_slots: usize,
    /// Changes the browser's reader reported as an error of another file than the
    /// damaged one: (what was changed, the error).
    misnamed_by_open_verify: Vec<(String, soi_core::Error)>,
}

/// Every change of one byte in any file is reported, by the reader the CLI uses
/// (`open_all`: header, size and CRC of every file before decoding; asserted
/// exactly) and by the one the browser uses (`Index::open`, which decodes without
/// reading the CRC, then `verify`; a pack slot by slot or shard by shard, as
/// fetched by range: [`read_slots`]). Which file the browser's reader names is returned, not
/// asserted. The browser reads only the slots of a pack, so a change elsewhere in
/// it (its header, its CRC, a slot's padding, a gzip header's time) may go unseen
/// there, but then it must not change any text.
fn check_every_byte_change(built: &BuiltIndex, body_samples: usize) -> Checked {
    let clean = open(built).expect("the undamaged index opens");
    clean.verify().unwrap();
    let bytes_of = |b: &BuiltIndex, name: &str| b.file(name).unwrap().bytes.clone();
    let m = &built.manifest;
    let mut checked = Checked::default();
    for (n, file) in built.files.iter().enumerate() {
        for at in offsets(file.bytes.len(), body_samples) {
            for mask in changes(at) {
                let mut bad = built.clone();
                bad.files[n].bytes[at] ^= mask;
                let now = &bad.files[n].bytes;
                let what = format!("{} byte {at} ^ {mask:#04x}", file.name);
                let expected = expected_by_open_all(&file.name, file.kind, at, now);

                // The CLI's reader: exactly the header or checksum error, naming the file.
                let err = open(&bad).err().unwrap_or_else(|| panic!("{what}: open_all accepted it"));
                assert_eq!(err.kind(), &expected, "{what}: {err}");

                // The browser's reader.
                let tables = || {
                    Index::open(
                        m.clone(),
                        bytes_of(&bad, &m.files.dict.path),
                        bytes_of(&bad, &m.files.terms.path),
                        bytes_of(&bad, &m.files.docs.path),
                    )
                };
                if file.kind == FileKind::Store {
                    let pack = m.files.store.iter().position(|e| e.path == file.name).unwrap();
                    let mut index = tables().unwrap();
                    match read_slots(&mut index, pack, now) {
                        Err(message) => assert!(message.contains(&file.name), "{what}: {message}"),
                        Ok(()) => {
                            for doc in index.pack_docs(pack) {
                                assert_eq!(index.stored(doc), clean.stored(doc), "{what}: a text changed unseen");
                            }
                            checked.unseen_by_slots += 1;
                        }
                    }
                    checked.changes += 1;
                    continue;
                }
                if file.kind == FileKind::Postings {
                    // Each shard by its range: a shard that is added passed its own
                    // CRC, so a change it does not see changed nothing.
                    let pack = m.files.postings.iter().position(|e| e.path == file.name).unwrap();
                    let mut index = tables().unwrap();
                    let read = index.pack_shards(pack).try_for_each(|i| {
                        let (_, r) = index.shard_range(i).unwrap();
                        index.add_shard_member(i, &now[r.start as usize..r.end as usize])?;
                        let (_, r) = index.positions_range(i).unwrap();
                        index.add_positions_member(i, &now[r.start as usize..r.end as usize])
                    });
                    match read {
                        Err(err) => assert!(err.to_string().contains(&file.name), "{what}: {err}"),
                        Ok(()) => checked.unseen_by_slots += 1,
                    }
                    checked.changes += 1;
                    continue;
                }
                let err = tables().and_then(|index| index.verify()).err();
                let err = err.unwrap_or_else(|| panic!("{what}: open + verify accepted it"));
                match (at, err.kind()) {
                    // The header is read first, so it is reported as the CLI reports it.
                    (0..=6, kind) => assert_eq!(kind, &expected, "{what}: {err}"),
                    // Elsewhere: the checksum, unless decoding the body failed first.
                    (_, ErrorKind::Checksum { .. }) => assert_eq!(err.kind(), &expected, "{what}: {err}"),
                    (_, ErrorKind::Corrupt { .. } | ErrorKind::Truncated { .. }) => {}
                    (_, other) => panic!("{what}: unexpected {other:?}"),
                }
                if file_named(&err) != Some(file.name.as_str()) {
                    checked.misnamed_by_open_verify.push((what, err));
                }
                checked.changes += 1;
            }
        }
    }
    checked
}

/// Adds the text of store pack `pack` as the browser does: each document's slot
/// (its byte range), its gzip member inflated, the record added. Errors are
/// messages, as the browser shows them.
fn read_slots(index: &mut Index, pack: usize, bytes: &[u8]) -> Result<(), String> {
    for doc in index.pack_docs(pack) {
        let (p, range) = index.store_slot(doc).unwrap();
        assert_eq!(p, pack);
        index.add_slot(doc, &bytes[range.start as usize..range.end as usize]).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn assert_none_misnamed(checked: &Checked) {
    let misnamed: Vec<String> =
        checked.misnamed_by_open_verify.iter().map(|(what, err)| format!("{what}: {err}")).collect();
    assert!(misnamed.is_empty(), "open + verify named another file than the damaged one:\n{}", misnamed.join("\n"));
}

#[test]
fn every_single_byte_change_in_every_file_is_reported() {
    let built = build(fixture());
    let kinds: Vec<FileKind> = built.files.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [FileKind::Dict, FileKind::Terms, FileKind::Docs, FileKind::Postings, FileKind::Store]);
    // The fixture's files are small: every byte of every file.
    let largest = built.files.iter().map(|f| f.bytes.len()).max().unwrap();
    let checked = check_every_byte_change(&built, largest);
    let bytes: usize = built.files.iter().map(|f| f.bytes.len()).sum();
    assert!(checked.changes >= 4 * bytes, "{} changes over {bytes} bytes", checked.changes);
    assert_none_misnamed(&checked);
}

/// `words` words that compress little (a store slot's size follows the text's).
fn varied(seed: u64, words: usize) -> String {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..words)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            format!("{:x}", x >> 40)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn byte_changes_in_a_later_store_pack_are_reported_naming_that_pack() {
    // Three articles in packs of at most 1 KB: several packs; sampled body offsets.
    let mut builder = IndexBuilder::new().store_pack_bytes(1024);
    for d in [doc("a.txt", "Một", &varied(1, 300)), doc("b.txt", "Hai", &varied(2, 300)), doc("c.txt", "Ba", "ngắn")]
    {
        builder.add(d);
    }
    let built = builder.build();
    assert!(built.manifest.files.store.len() >= 2, "{} packs", built.manifest.files.store.len());
    let checked = check_every_byte_change(&built, 64);
    assert_none_misnamed(&checked);
}

#[test]
fn each_document_text_is_read_from_its_own_slot_in_any_pack() {
    // Documents of varied sizes over packs of at most 2 KB (a larger slot is a
    // pack of its own): a document's slot alone gives its text, as a range
    // request does, and it equals what the whole pack gives.
    let mut builder = IndexBuilder::new().store_pack_bytes(2048);
    for i in 0..12 {
        let body = varied(i as u64, 1 + i * i * 3);
        builder.add(doc(&format!("{i:02}.txt"), &format!("Tiêu đề {i}"), &body));
    }
    let built = builder.build();
    assert!(built.manifest.files.store.len() > 3, "{} packs", built.manifest.files.store.len());
    let whole = open(&built).unwrap();
    let m = &built.manifest;
    let bytes = |name: &str| built.file(name).unwrap().bytes.clone();
    let mut by_slot =
        Index::open(m.clone(), bytes(&m.files.dict.path), bytes(&m.files.terms.path), bytes(&m.files.docs.path))
            .unwrap();
    let mut covered = 0;
    for (pack, entry) in m.files.store.iter().enumerate() {
        let docs = by_slot.pack_docs(pack);
        assert!(!docs.is_empty());
        for doc in docs {
            assert_eq!(by_slot.missing_texts([doc, doc]), [doc]);
            let (p, range) = by_slot.store_slot(doc).unwrap();
            assert_eq!(p, pack);
            covered += range.end - range.start;
            let slot = bytes(&entry.path)[range.start as usize..range.end as usize].to_vec();
            let member = by_slot.slot_record(doc, &slot).unwrap().to_vec();
            // Another document's slot is refused.
            let other = (doc + 1) % 12;
            if by_slot.store_slot(other).unwrap().1.end - by_slot.store_slot(other).unwrap().1.start
                != range.end - range.start
            {
                assert!(by_slot.slot_record(other, &slot).is_err());
            }
            let mut record = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&member[..]), &mut record).unwrap();
            assert!(by_slot.add_record(other, &record).is_err(), "a record is refused for another document");
            by_slot.add_record(doc, &record).unwrap();
            assert_eq!(by_slot.stored(doc), whole.stored(doc));
            assert!(by_slot.missing_texts([doc]).is_empty());
        }
    }
    let bodies: u64 = m.files.store.iter().map(|e| e.bytes - 12).sum();
    assert_eq!(covered, bodies, "the slots fill the packs");
}

#[test]
fn manifest_golden_file_matches() {
    // The index bytes of this fixture are part of the format version: a change here
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
