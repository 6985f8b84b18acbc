//! Properties of search over the relevance fixture corpus, for arbitrary queries,
//! and of reading and indexing arbitrary article text in every format.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index as Pick;
use soi_core::analysis::{fold, is_word_char, normalize, tokens, MAX_TERM_BYTES};
use soi_core::{ingest, Index, IndexBuilder};
use unicode_normalization::UnicodeNormalization;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relevance");
        let mut b = IndexBuilder::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let id = path.file_name().unwrap().to_string_lossy().into_owned();
            b.add(ingest::parse_text(&id, &std::fs::read_to_string(&path).unwrap()));
        }
        b.build().open().unwrap()
    })
}

/// Queries made of the corpus's own words, query syntax and noise.
fn query() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "đại",
        "hội",
        "dai",
        "hoi",
        "Đường",
        "duong",
        "\"",
        "-",
        "OR",
        "title:",
        "35-CT/TW",
        "ddaij",
        "hooij",
        "nguyn",
        "Hà",
        "nội",
        "webs",
        "\u{0}",
        "…",
        "ÐẠI",
        "hòa",
        "uỷ",
        "2020-2025",
        " ",
        "d9a5i",
    ]);
    prop_oneof![prop::collection::vec(word, 0..8).prop_map(|w| w.join(" ")), "\\PC{0,40}", any::<String>(),]
}

/// Words that occur in the fixture corpus, with and without their marks.
fn corpus_word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "đại",
        "hội",
        "Đường",
        "dương",
        "nhiệm",
        "kỳ",
        "thôn",
        "Đông",
        "xã",
        "Hà",
        "Nội",
        "biển",
        "du",
        "lịch",
        "chi",
        "bộ",
        "thanh",
        "niên",
        "COVID",
        "19",
        "2020",
        "deadline",
        "window",
        "the",
        "nhân",
        "dân",
        "thể",
    ])
}

/// `[a, b)` ranges into `text` that are increasing, apart, on char boundaries, and
/// each whole words: starting and ending with a word character, with no word
/// character just outside.
fn check_marks(text: &str, marks: &[[usize; 2]]) -> Result<(), String> {
    let mut prev_end = None;
    for &[a, b] in marks {
        if !(a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)) {
            return Err(format!("[{a}, {b}) is not a range of {text:?}"));
        }
        if prev_end.is_some_and(|e| e >= a) {
            return Err(format!("[{a}, {b}) overlaps or touches the mark before it in {text:?}"));
        }
        prev_end = Some(b);
        let inside = &text[a..b];
        let whole = inside.chars().next().is_some_and(is_word_char)
            && inside.chars().next_back().is_some_and(is_word_char)
            && !text[..a].chars().next_back().is_some_and(is_word_char)
            && !text[b..].chars().next().is_some_and(is_word_char);
        if !whole {
            return Err(format!("[{a}, {b}) = {inside:?} is not whole words of {text:?}"));
        }
    }
    Ok(())
}

#[test]
fn the_mark_check_accepts_whole_words_and_rejects_the_rest() {
    let text = "… Đại hội, đại hội."; // words at 4..10, 11..16, 18..24, 25..30
    assert_eq!(check_marks(text, &[[4, 16], [18, 30]]), Ok(()));
    assert_eq!(check_marks(text, &[[4, 10], [11, 16]]), Ok(()));
    assert!(check_marks(text, &[[4, 9]]).is_err(), "part of a word");
    assert!(check_marks(text, &[[4, 11]]).is_err(), "a trailing space");
    assert!(check_marks(text, &[[5, 10]]).is_err(), "not a char boundary");
    assert!(check_marks(text, &[[11, 16], [4, 10]]).is_err(), "out of order");
    assert!(check_marks(text, &[[4, 16], [11, 16]]).is_err(), "overlapping");
    assert!(check_marks(text, &[[25, 40]]).is_err(), "past the end");
}

/// The folded words a document is indexed under: title, body and the searchable
/// metadata values.
fn indexed_folds(ix: &Index, doc: u32) -> BTreeSet<String> {
    let meta = &ix.doc(doc).unwrap().meta;
    let stored = ix.stored(doc).unwrap();
    let m = [&meta.author, &meta.source, &meta.category].into_iter().flatten();
    let values = m.chain(&meta.places).chain(&meta.people).chain(&meta.doc_refs);
    [&stored.title, &stored.body].into_iter().chain(values).flat_map(|t| tokens(t).map(|w| fold(w.text))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hits_are_distinct_documents_with_whole_word_marks_in_order(q in query()) {
        let ix = index();
        let r = ix.response(&ix.search(&q, 10).unwrap());
        let mut docs = BTreeSet::new();
        for h in &r.hits {
            prop_assert!(docs.insert(h.doc), "{} twice for {:?}", h.id, q);
            prop_assert_eq!(&ix.doc(h.doc).unwrap().id, &h.id);
            if let Err(e) = check_marks(&h.snippet, &h.marks) {
                prop_assert!(false, "{:?}, {} snippet: {}", q, h.id, e);
            }
            if let Err(e) = check_marks(&h.title, &h.title_marks) {
                prop_assert!(false, "{:?}, {} title: {}", q, h.id, e);
            }
        }
    }

    #[test]
    fn the_limit_only_cuts_the_full_ranking_and_total_counts_it(q in query(), limit in 0usize..12) {
        let ix = index();
        let all = ix.search(&q, usize::MAX).unwrap();
        let distinct: BTreeSet<u32> = all.hits.iter().map(|h| h.doc).collect();
        prop_assert_eq!(all.total, distinct.len(), "total of {:?} is not the number of documents", q);
        prop_assert_eq!(all.hits.len(), distinct.len());
        let cut = ix.search(&q, limit).unwrap();
        prop_assert_eq!(cut.total, all.total, "total of {:?} depends on the limit", q);
        prop_assert_eq!(&cut.hits[..], &all.hits[..limit.min(all.hits.len())], "{:?} limit {}", q, limit);
        let (cut, all) = (ix.response(&cut), ix.response(&all));
        prop_assert_eq!(&cut.hits[..], &all.hits[..limit.min(all.hits.len())]);
    }

    #[test]
    fn the_same_query_gives_the_same_answer(q in query()) {
        let ix = index();
        let a = ix.response(&ix.search(&q, 10).unwrap());
        let b = ix.response(&ix.search(&q, 10).unwrap());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn an_exclusion_removes_exactly_the_documents_with_that_word(include in corpus_word(), exclude in corpus_word()) {
        // Toneless, the excluded word stands for all its tone variants.
        let ix = index();
        let exclude = fold(exclude);
        let docs = |q: &str| -> BTreeSet<u32> { ix.search(q, usize::MAX).unwrap().hits.iter().map(|h| h.doc).collect() };
        let with = docs(&format!("{include} "));
        prop_assert!(!with.is_empty(), "{} is a word of the corpus", include);
        let without = docs(&format!("{include} -{exclude} "));
        let expected: BTreeSet<u32> =
            with.iter().copied().filter(|&d| !indexed_folds(ix, d).contains(&exclude)).collect();
        prop_assert_eq!(without, expected, "{} -{}", include, exclude);
    }

    #[test]
    fn nfd_and_nfc_queries_give_identical_results(q in query()) {
        let nfc: String = q.nfc().collect();
        let nfd: String = q.nfd().collect();
        let a = index().response(&index().search(&nfc, 10).unwrap());
        let b = index().response(&index().search(&nfd, 10).unwrap());
        prop_assert_eq!(a, b);
    }
}

/// Text that looks like the pieces articles are made of, and noise.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Truy cập nội dung luôn\n",
        "Hôm nay, Thứ bảy ngày 16/01/2021\n",
        "TIN TỨC TIN TỨC\n",
        "=====\n",
        "\n",
        "Đại hội Chi bộ thôn Đông nhiệm kỳ 2020-2025 diễn ra sáng nay\n",
        "Ngày đăng 08/10/2020 | 23:45\n",
        "Ngày 8/10, đồng chí Trần Đình Cảnh dự.\n",
        "huyện Kim Sơn, tỉnh ",
        "Chỉ thị số 35-CT/TW ",
        "Tin liên quan\n",
        "thanhtra.com.vn\n",
        "Quốc Nghị – Trung tâm TT&VH\n",
        "---\ntitle: x\n---\n",
        "# Tiêu đề\n",
        "<script>x</script>",
        "<h1>T</h1><p>a</p>",
        "{\"title\": \"a\", \"body\": \"b\"}\n",
        "[{\"body\": 1}]",
        "{oops\n",
        "31/02/2020 ",
        "\u{feff}",
        "Ðại",
        "ĐẠI HỘI",
        "  ",
        "…",
        "\u{0}",
        "OR ",
    ]);
    prop_oneof![prop::collection::vec(piece, 0..12).prop_map(|p| p.concat()), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn whatever_any_format_reads_is_indexed_as_read_and_found_by_its_words(
        text in article_text(),
        pick in any::<Pick>(),
    ) {
        use soi_core::ingest::{parse, FieldMap, Format};
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::JsonLines] {
            let parsed = parse(format, "x", &text, &FieldMap::default());
            for d in &parsed.docs {
                // Valid metadata.
                if let Some(date) = &d.meta.date {
                    prop_assert!(soi_core::document::days_from_iso(date).is_some(), "{}", date);
                }
            }
            let ids: BTreeSet<&str> = parsed.docs.iter().map(|d| d.id.as_str()).collect();
            prop_assert_eq!(ids.len(), parsed.docs.len(), "{:?}: ids repeat", format);
            if parsed.docs.is_empty() {
                continue;
            }

            // Indexable: the index opens and verifies, and holds every document as read.
            let mut builder = IndexBuilder::new();
            for d in &parsed.docs {
                builder.add(d.clone());
            }
            let ix = match builder.build().open() {
                Ok(ix) => ix,
                Err(e) => return Err(TestCaseError::fail(format!("{format:?}: {e}"))),
            };
            prop_assert!(ix.verify().is_ok(), "{:?}", format);
            prop_assert_eq!(ix.doc_count(), parsed.docs.len());
            for d in &parsed.docs {
                let doc = ix.doc_number(&d.id).unwrap();
                let title = normalize(d.title.trim()).into_owned();
                let body = normalize(&d.body).into_owned();
                prop_assert_eq!(&ix.stored(doc).unwrap().title, &title);
                let stored = ix.stored(doc).unwrap();
                prop_assert_eq!((&stored.title, &stored.body), (&title, &body), "{:?} {}", format, d.id);

                // Found: a word of its title or body (folded, as searched) finds it.
                let words: Vec<&str> = tokens(&title)
                    .chain(tokens(&body))
                    .map(|t| t.text)
                    .filter(|w| {
                        let f = fold(w);
                        !f.is_empty() && f.len() <= MAX_TERM_BYTES
                    })
                    .collect();
                if words.is_empty() {
                    continue;
                }
                let word = *pick.get(&words);
                // A trailing space: the word as typed, not a prefix; `OR` alone is
                // the operator, quoted it is the word.
                let query = if word == "OR" { "\"OR\" ".to_owned() } else { format!("{word} ") };
                let r = ix.response(&ix.search(&query, usize::MAX).unwrap());
                prop_assert!(
                    r.hits.iter().any(|h| h.id == d.id),
                    "{:?}: {:?} does not find {} (got {:?})",
                    format, query, d.id, r.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
                );
            }
        }
    }
}
