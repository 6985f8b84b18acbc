//! Properties of search over the relevance fixture corpus, for arbitrary queries.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
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
        let built = b.build();
        Index::open_all(built.manifest.clone(), |n| built.files.iter().find(|f| f.name == n).map(|f| f.bytes.clone()))
            .unwrap()
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_query_returns_without_panicking_and_marks_lie_on_char_boundaries(q in query()) {
        let r = index().response(&index().search(&q, 10));
        prop_assert!(r.hits.len() <= r.total);
        for h in &r.hits {
            for &[a, b] in &h.marks {
                prop_assert!(a < b && b <= h.snippet.len());
                prop_assert!(h.snippet.is_char_boundary(a) && h.snippet.is_char_boundary(b));
            }
            for &[a, b] in &h.title_marks {
                prop_assert!(a < b && b <= h.title.len());
                prop_assert!(h.title.is_char_boundary(a) && h.title.is_char_boundary(b));
            }
        }
    }

    #[test]
    fn nfd_and_nfc_queries_give_identical_results(q in query()) {
        let nfc: String = q.nfc().collect();
        let nfd: String = q.nfd().collect();
        let a = index().response(&index().search(&nfc, 10));
        let b = index().response(&index().search(&nfd, 10));
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
    ]);
    prop_oneof![prop::collection::vec(piece, 0..12).prop_map(|p| p.concat()), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_format_reads_any_text_without_panicking(text in article_text()) {
        use soi_core::formats::{parse, FieldMap, Format};
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::JsonLines] {
            let parsed = parse(format, "x", &text, &FieldMap::default());
            for d in &parsed.docs {
                // Whatever was read is indexable and valid metadata.
                if let Some(date) = &d.meta.date {
                    prop_assert!(soi_core::metadata::days_from_iso(date).is_some(), "{}", date);
                }
                prop_assert!(!d.id.is_empty());
            }
        }
    }
}
