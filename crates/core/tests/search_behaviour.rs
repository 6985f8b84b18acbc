//! Search behaviour on a small fixture: folding, exactness, adjacency, prefixes.

use soi_core::{Document, Index, IndexBuilder};

fn index(docs: &[(&str, &str, &str)]) -> Index {
    let mut b = IndexBuilder::new();
    for (id, title, body) in docs {
        b.add(Document::new(*id, *title, *body));
    }
    b.build().open().unwrap()
}

fn ids(index: &Index, q: &str) -> Vec<String> {
    index.response(&index.search(q, 10).unwrap()).hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn unaccented_query_matches_accented_text() {
    let ix = index(&[("a", "Tin", "Đại hội đảng bộ"), ("b", "Tin", "Hôm nay trời đẹp")]);
    assert_eq!(ids(&ix, "dai hoi"), ["a"]);
    assert_eq!(ids(&ix, "DAI HOI"), ["a"]);
    assert_eq!(ids(&ix, "Ðại hội"), ["a"]); // Latin Eth look-alike in the query
}

#[test]
fn nfd_query_gives_the_same_results_as_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let ix = index(&[("a", "Tin", "Đại hội đảng bộ huyện Kim Sơn"), ("b", "Tin", "Kim loại")]);
    let q = "kim sơn đại hội";
    let nfd: String = q.nfd().collect();
    assert_eq!(ix.response(&ix.search(q, 10).unwrap()), ix.response(&ix.search(&nfd, 10).unwrap()));
}

#[test]
fn exact_diacritic_form_ranks_above_other_tone_variants() {
    let ix = index(&[("ocean", "Biển", "đại dương dương dương"), ("road", "Đường", "con đường làng")]);
    assert_eq!(ids(&ix, "đường ")[0], "road");
    assert_eq!(ids(&ix, "dương ")[0], "ocean");
}

#[test]
fn adjacent_syllables_rank_above_scattered_ones() {
    let ix = index(&[
        ("scattered", "Tin", "Đại biểu Quốc hội họp bàn về ngân sách năm nay."),
        ("adjacent", "Tin", "Chuẩn bị đại hội chi bộ trong năm nay nhé."),
    ]);
    assert_eq!(ids(&ix, "đại hội "), ["adjacent", "scattered"]);
}

#[test]
fn last_word_matches_as_a_prefix_while_typing() {
    let ix = index(&[("a", "Tin", "nhiệm kỳ 2020-2025"), ("b", "Tin", "nhiệt độ cao")]);
    assert_eq!(ids(&ix, "nhiem"), ["a"]);
    let mut both = ids(&ix, "nhie");
    both.sort();
    assert_eq!(both, ["a", "b"]);
    assert!(ids(&ix, "nhi").len() == 2);
    assert!(ids(&ix, "nhi ").is_empty(), "a finished word is not a prefix");
}

#[test]
fn title_matches_rank_above_body_matches() {
    let ix =
        index(&[("body", "Tin tức", "Huyện Kim Sơn tổ chức lễ"), ("title", "Kim Sơn tổ chức lễ", "Huyện tổ chức lễ")]);
    assert_eq!(ids(&ix, "kim son ")[0], "title");
}

#[test]
fn every_query_word_must_match() {
    let ix = index(&[("a", "Tin", "đại hội"), ("b", "Tin", "đại biểu"), ("c", "Tin", "hội nghị")]);
    assert_eq!(ids(&ix, "đại hội "), ["a"]);
}

#[test]
fn a_word_that_matches_nothing_is_reported_and_the_rest_still_answers() {
    let ix = index(&[("a", "Tin", "đại hội"), ("b", "Tin", "đại biểu")]);
    let r = ix.response(&ix.search("đại qqqqqq ", 10).unwrap());
    assert_eq!(r.total, 2);
    assert_eq!(r.unmatched, ["qqqqqq"]);
    assert!(!r.partial);
}

#[test]
fn when_no_document_has_every_word_the_best_partial_matches_come_back() {
    let ix = index(&[("a", "Tin", "đại hội"), ("b", "Tin", "chi bộ"), ("c", "Tin", "đại hội chi")]);
    let r = ix.response(&ix.search("đại chi bộ ", 10).unwrap());
    assert!(r.partial);
    assert_eq!(r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
}

#[test]
fn hostile_queries_return_without_panicking() {
    let ix = index(&[("a", "Tin", "đại hội")]);
    for q in [
        "",
        "   ",
        "\"",
        "-",
        "((((",
        "\u{0}\u{1b}[31m",
        &"đ".repeat(10_000),
        &"a ".repeat(5_000),
        "<script>alert(1)</script>",
    ] {
        let r = ix.response(&ix.search(q, 10).unwrap());
        assert!(r.total <= 1);
    }
}

#[test]
fn a_swap_of_two_neighbouring_letters_is_one_typo() {
    let ix = index(&[("school", "Trường học", "Học sinh đến trường."), ("other", "Thời tiết", "Trời nắng nóng.")]);
    // `truogn` and `hcọ` are two Levenshtein edits from `truong` and `học`.
    assert_eq!(ids(&ix, "truogn "), ["school"]);
    assert_eq!(ids(&ix, "hcọ "), ["school"]);
    let r = ix.search("truogn ", 10).unwrap();
    assert_eq!(r.suggestion.as_deref(), Some("trường "));
}

#[test]
fn a_rare_word_does_not_shadow_its_frequent_neighbour() {
    // `tinhh` is a misspelling found in one article; `tinh` is in many.
    let mut docs: Vec<(String, String, String)> =
        (0..30).map(|i| (format!("n{i:02}"), format!("Tin {i}"), format!("Chính sách của tỉnh số {i}."))).collect();
    docs.push(("typo".into(), "Lỗi".into(), "Bài viết về tỉnhh nhà.".into()));
    let refs: Vec<(&str, &str, &str)> = docs.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    let ix = index(&refs);
    let found = ids(&ix, "tinhh ");
    assert_eq!(found[0], "typo", "the literal match ranks first: {found:?}");
    assert!(found.len() > 5, "the frequent neighbour is searched too: {found:?}");
    let r = ix.search("tinhh ", 10).unwrap();
    assert_eq!(r.suggestion.as_deref(), Some("tỉnh "));
    // A frequent word is not respelled, and a rare one without a far more
    // frequent neighbour is left alone.
    assert_eq!(ix.search("tỉnh ", 10).unwrap().suggestion, None);
    assert_eq!(ix.search("lỗi ", 10).unwrap().suggestion, None);
}

#[test]
fn a_facet_value_beyond_the_top_ones_is_found_by_what_it_contains() {
    use soi_core::search::{FacetFind, MAX_FACET_VALUES};
    use soi_core::SearchOptions;
    let mut b = IndexBuilder::new();
    for i in 0..80 {
        let mut d = Document::new(format!("d{i:02}"), "Hợp tác xã", "Hợp tác xã tổng kết vụ mùa.");
        // Two places named often, and one place per article named once.
        d.meta.places = vec![if i % 2 == 0 { "Kim Sơn" } else { "Đống Đa" }.to_owned(), format!("Xã Sơn Hà {i:02}")];
        b.add(d);
    }
    // Two places whose order by value (`Y` < `Đ`) is not their order by key
    // (`da phuc` < `yen bai`), named once each, after the others.
    for (id, place) in [("e1", "Đa Phúc"), ("e2", "Yên Bái")] {
        let mut d = Document::new(id.to_owned(), "Hợp tác xã", "Hợp tác xã tổng kết vụ mùa.");
        d.meta.places = vec![place.to_owned()];
        b.add(d);
    }
    let ix = b.build().open().unwrap();
    let places = |options: &SearchOptions| -> Vec<String> {
        ix.search_with("hop tac xa", options).unwrap().facets["place"].iter().map(|c| c.value.clone()).collect()
    };
    let all = places(&SearchOptions::default());
    assert_eq!(all.len(), MAX_FACET_VALUES, "84 values, the top ones listed");
    assert!(!all.contains(&"Xã Sơn Hà 79".to_owned()), "beyond the top ones");
    // Most frequent first, then by value: the two places of 40 articles, then
    // the first 48 of those named once.
    let mut expected = vec!["Kim Sơn".to_owned(), "Đống Đa".to_owned()];
    expected.extend((0..48).map(|i| format!("Xã Sơn Hà {i:02}")));
    assert_eq!(all, expected);
    // Typed without tones and in another case, the value is found.
    let find = |text: &str| SearchOptions {
        find: Some(FacetFind { facet: "place".into(), text: text.into() }),
        ..SearchOptions::default()
    };
    assert_eq!(places(&find("SON HA 79")), ["Xã Sơn Hà 79"]);
    assert_eq!(places(&find("son")).len(), MAX_FACET_VALUES, "still at most the top ones, most frequent first");
    assert_eq!(places(&find("son"))[0], "Kim Sơn");
    assert_eq!(places(&find("đống đa")), ["Đống Đa"]);
    assert!(places(&find("xyz")).is_empty());
    // A value chosen beyond the top ones is listed after them, chosen.
    let mut chosen = SearchOptions::default();
    chosen.add_filter("place", "xa son ha 79");
    let listed = places(&chosen);
    assert_eq!(listed.len(), MAX_FACET_VALUES + 1);
    assert_eq!(listed.last().map(String::as_str), Some("Xã Sơn Hà 79"));
    // More chosen beyond them: after the top ones, in the same order.
    for place in ["da phuc", "xa son ha 60", "yen bai"] {
        chosen.add_filter("place", place);
    }
    let listed = places(&chosen);
    assert_eq!(listed[..MAX_FACET_VALUES], expected[..]);
    assert_eq!(listed[MAX_FACET_VALUES..], ["Xã Sơn Hà 60", "Xã Sơn Hà 79", "Yên Bái", "Đa Phúc"]);
    // Other facets are unchanged, and the hits too.
    let r = ix.search_with("hop tac xa", &find("79")).unwrap();
    assert_eq!(r.total, 82);
    // A facet that does not exist is an error that names it.
    let bad = SearchOptions {
        find: Some(FacetFind { facet: "planet".into(), text: "x".into() }),
        ..SearchOptions::default()
    };
    assert!(ix.search_with("hop tac xa", &bad).unwrap_err().to_string().contains("planet"));
}

#[test]
fn pages_of_results_follow_each_other_whatever_the_order() {
    use soi_core::{SearchOptions, Sort};
    let docs: Vec<(String, String, String)> = (0..57)
        .map(|i| {
            (format!("d{i:02}"), "Hợp tác xã".to_owned(), format!("Hợp tác xã số {i} {}", "mùa vụ ".repeat(i % 7)))
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = docs.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    let ix = index(&refs);
    for sort in [Sort::Relevance, Sort::Newest] {
        let all = ix.search_with("hop tac", &SearchOptions { limit: 100, sort, ..SearchOptions::default() }).unwrap();
        assert_eq!(all.total, 57);
        let mut paged = Vec::new();
        for offset in (0..70).step_by(20) {
            let page = ix
                .search_with("hop tac", &SearchOptions { limit: 20, offset, sort, ..SearchOptions::default() })
                .unwrap();
            assert_eq!(page.total, 57, "the total is the whole answer's on every page");
            assert_eq!(page.hits.len(), 20.min(57usize.saturating_sub(offset)));
            paged.extend(page.hits.iter().map(|h| h.doc));
        }
        assert_eq!(paged, all.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), "{sort:?}: pages are the list, in order");
    }
}

#[test]
fn a_sentence_or_clause_boundary_breaks_adjacency() {
    // `nam dinh`: the province *Nam Định*, not "… Quảng Nam. Định hướng …".
    let ix = index(&[
        ("across", "Tin tức", "Đoàn công tác về Quảng Nam. Định hướng phát triển được bàn kỹ, Nam cũng vậy."),
        ("word", "Tin tức", "Nông dân Nam Định thu hoạch lúa, định giá bán."),
    ]);
    assert_eq!(ids(&ix, "nam dinh"), ["word", "across"]);
    // A quoted phrase does not span the full stop.
    assert_eq!(ids(&ix, "\"quảng nam định\""), Vec::<String>::new());
    assert_eq!(ids(&ix, "\"nam định\""), ["word"]);
    // The highlighter agrees: a phrase is marked only where it stands whole.
    let plan = ix.plan("\"nam dinh\"");
    let across = ix.article(0, plan.highlighter()).unwrap().unwrap();
    assert_eq!(across.id, "across");
    assert!(across.marks.is_empty(), "{:?}", across.marks);
    let word = ix.article(1, plan.highlighter()).unwrap().unwrap();
    assert_eq!(word.marks.iter().map(|&[a, b]| &word.body[a..b]).collect::<Vec<_>>(), ["Nam Định"]);
    // Numbers and codes written without spaces stay one run of words.
    let ix = index(&[("a", "Tin", "Giá 1.000.000 đồng theo Chỉ thị 35-CT/TW."), ("b", "Tin", "Có 1 000 người.")]);
    assert_eq!(ids(&ix, "\"1.000.000\""), ["a"]);
    assert_eq!(ids(&ix, "\"35-CT/TW\""), ["a"]);
}

#[test]
fn the_query_as_a_phrase_in_a_title_ranks_above_its_words_scattered() {
    // Issue 10: a title holding the query as a phrase comes first, even against a
    // long article that repeats the syllables apart.
    let ix = index(&[
        (
            "scattered",
            "Hội nghị tổng kết",
            "Đại biểu dự hội nghị. Đại diện hội phụ nữ phát biểu. Đại biểu hỏi, hội trường nghe. Đại ý của hội nghị.",
        ),
        ("title", "Đại hội Đảng bộ xã", "Xã tổ chức thành công, bầu ban chấp hành mới."),
    ]);
    assert_eq!(ids(&ix, "dai hoi"), ["title", "scattered"]);
    assert_eq!(ids(&ix, "đại hội"), ["title", "scattered"]);
}

#[test]
fn the_word_being_typed_next_to_the_previous_one_ranks_first() {
    // Issue 10: while `hội` is being typed (`dai ho`), the document with *đại hội*
    // comes before one with another completion far from `đại`.
    let ix = index(&[
        ("far", "Tin tức", "Đại diện nhà trường cho biết học sinh được nghỉ. Hoàng hôn buông xuống, hoa nở."),
        ("next", "Tin tức", "Chuẩn bị đại hội chi bộ nhiệm kỳ mới."),
        ("other", "Tin tức", "Hôm nay trời đẹp, học sinh đi học."),
    ]);
    for typed in ["dai h", "dai ho", "đại hộ"] {
        assert_eq!(ids(&ix, typed).first().map(String::as_str), Some("next"), "{typed:?}");
    }
}

#[test]
fn a_wrong_tone_that_makes_another_real_word_is_corrected_by_the_word_before() {
    // Issue 10: `kinh tê` — `tê` is a real syllable, but after `kinh` it is rare
    // and `tế` is common.
    let mut docs: Vec<(String, &str, String)> = (0..25)
        .map(|i| {
            (
                format!("econ{i}"),
                "Tin kinh tế",
                format!("Tăng trưởng kinh tế quý {i} đạt cao, kinh tế tư nhân khởi sắc."),
            )
        })
        .collect();
    docs.push(("numb".into(), "Sức khỏe", "Chân tay tê buốt khi trời lạnh.".into()));
    docs.push(("odd".into(), "Chuyện lạ", "Ông kể chuyện kinh tê tái của mình.".into()));
    let refs: Vec<(&str, &str, &str)> = docs.iter().map(|(a, b, c)| (a.as_str(), *b, c.as_str())).collect();
    let ix = index(&refs);
    let r = ix.search("kinh tê", 30).unwrap();
    let found: Vec<String> = ix.response(&r).hits.into_iter().map(|h| h.id).collect();
    // The literal pair comes first, then the articles about *kinh tế* (25 of
    // them: over 20 times the one literal pair).
    assert_eq!(found[0], "odd");
    assert_eq!(found.iter().filter(|id| id.starts_with("econ")).count(), 25, "{found:?}");
    assert!(!found.contains(&"numb".to_owned()));
    assert_eq!(r.suggestion.as_deref(), Some("kinh tế"));
    // The right tone is left alone.
    let right = ix.search("kinh tế", 30).unwrap();
    assert_eq!((right.total, right.suggestion), (25, None));
    // Fewer than 20 times the literal pair: the typed tone stands.
    let few: Vec<(String, &str, String)> = docs.iter().skip(20).cloned().collect();
    let refs: Vec<(&str, &str, &str)> = few.iter().map(|(a, b, c)| (a.as_str(), *b, c.as_str())).collect();
    let small = index(&refs);
    assert_eq!(ids(&small, "kinh tê"), ["odd"]);
    // Without the word before, `tê` means tê.
    assert_eq!(ids(&ix, "tê"), ["numb", "odd"]);
}

#[test]
fn syllables_typed_without_the_space_are_suggested_apart() {
    // Issue 10: `kinhte` → did you mean `kinh tế`.
    let docs: Vec<(String, String)> =
        (0..4).map(|i| (format!("e{i}"), format!("Kinh tế quý {i} tăng trưởng, kinh doanh khởi sắc"))).collect();
    let refs: Vec<(&str, &str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), "Tin kinh tế", b.as_str())).collect();
    let ix = index(&refs);
    assert_eq!(ix.search("kinhte", 10).unwrap().suggestion.as_deref(), Some("kinh tế"));
    assert_eq!(ix.search("tang kinhte ", 10).unwrap().suggestion.as_deref(), Some("tang kinh tế "));
    // A word that is found is not split, nor is one whose halves are not words.
    assert_eq!(ix.search("kinh", 10).unwrap().suggestion, None);
    assert_eq!(ix.search("xqzwv", 10).unwrap().suggestion, None);
}

/// Builds an index from (id, title, body) triples made at run time.
fn index_of(docs: &[(String, String, String)]) -> Index {
    let refs: Vec<(&str, &str, &str)> = docs.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    index(&refs)
}

#[test]
fn syllables_typed_without_the_space_are_searched_as_the_pair_that_stands_together() {
    // `bongda`: the split and the tones are chosen by how often the two stand
    // side by side: *bóng đá*, though *đã* is in far more articles than *đá*.
    let mut docs: Vec<(String, String, String)> = (0..4)
        .map(|i| (format!("ball{i}"), "Thể thao".into(), format!("Giải bóng đá vòng {i} đã khởi tranh sôi nổi.")))
        .collect();
    docs.extend((0..8).map(|i| (format!("past{i}"), "Tin".into(), format!("Dự án {i} đã xong, bóng râm phủ kín."))));
    docs.push(("apart".into(), "Tin".into(), "Bóng râm mát, đá lát đường.".into()));
    let ix = index_of(&docs);
    let r = ix.search("bongda ", 20).unwrap();
    let found: Vec<String> = ix.response(&r).hits.into_iter().map(|h| h.id).collect();
    assert_eq!(found.len(), 4, "the phrase only, not its words apart: {found:?}");
    assert!(found.iter().all(|id| id.starts_with("ball")), "{found:?}");
    assert_eq!(r.suggestion.as_deref(), Some("bóng đá "));
    assert_eq!(r.plan.query.read_as(), "bongda OR \"bóng đá\"");
    // Typed in a phrase, and while being typed.
    assert_eq!(ids(&ix, "\"bongda vòng\"").len(), 4);
    assert_eq!(ids(&ix, "giải bongda").len(), 4);
    // A word the articles have, even rarely, is searched as typed first; it is
    // read apart too only when the pair is far more frequent (`SHADOWING_RATIO`).
    docs.push(("handle".into(), "Tin".into(), "Tài khoản bongda và bongda2 trên mạng.".into()));
    let ix = index_of(&docs);
    assert_eq!(ids(&ix, "bongda "), ["handle"]);
    let many: Vec<(String, String, String)> = (0..40)
        .map(|i| (format!("ball{i}"), "Thể thao".into(), format!("Giải bóng đá vòng {i} khởi tranh.")))
        .chain([("handle".into(), "Tin".into(), "Tài khoản bongda và bongda2 trên mạng.".into())])
        .chain([("other".into(), "Tin".into(), "Tài khoản bongda khác.".into())])
        .collect();
    let ix = index_of(&many);
    let mut found = ids(&ix, "bongda ");
    found[..2].sort();
    assert_eq!(found[..2], ["handle", "other"], "the literal word first");
    assert_eq!(found.len(), 10);
    // Halves that never stand side by side are not a reading.
    assert!(ids(&ix, "khoanmang ").is_empty());
}

#[test]
fn a_frequent_word_typed_in_the_wrong_tone_is_corrected_by_the_word_after() {
    // `tuyên sinh`: *tuyên* is itself common (Tuyên Quang), so *tuyển* is not many
    // times as frequent; but *tuyển sinh* stands in many articles and *tuyên sinh*
    // in none.
    let mut docs: Vec<(String, String, String)> = (0..6)
        .map(|i| (format!("admit{i}"), "Giáo dục".into(), format!("Trường công bố chỉ tiêu tuyển sinh năm học {i}.")))
        .collect();
    docs.extend(
        (0..5).map(|i| {
            (format!("place{i}"), "Địa phương".into(), format!("Tỉnh Tuyên Quang thăm học sinh vùng cao {i}."))
        }),
    );
    docs.push(("team".into(), "Thể thao".into(), "Đội tuyển tập huấn.".into()));
    let ix = index_of(&docs);
    let r = ix.search("tuyên sinh ", 20).unwrap();
    let found: Vec<String> = ix.response(&r).hits.into_iter().map(|h| h.id).collect();
    assert_eq!(found.len(), 11, "{found:?}");
    // The typed pair stands nowhere: its words apart are no better than the pair
    // corrected, and adjacency puts the pair first.
    assert!(found[..6].iter().all(|id| id.starts_with("admit")), "{found:?}");
    assert_eq!(r.suggestion.as_deref(), Some("tuyển sinh "));
    // A pair typed right is left alone.
    assert_eq!(ix.search("Tuyên Quang ", 20).unwrap().total, 5);
    assert_eq!(ix.search("Tuyên Quang ", 20).unwrap().suggestion, None);
    assert_eq!(ix.search("tuyển sinh ", 20).unwrap().total, 6);
}

#[test]
fn a_completion_next_to_the_word_before_outranks_a_reading_apart_from_it() {
    // `Nam Đị`: no word is *đị*, so *đi* is read (another tone, class 1) before
    // any completion (class 2), but *Nam đi* stands nowhere and *Nam Định* in many
    // articles. Likewise `tuyển si`: *sĩ* (toneless reading) against *sinh*.
    let mut docs: Vec<(String, String, String)> = (0..4)
        .map(|i| (format!("city{i}"), "Địa phương".into(), format!("Tỉnh Nam Định khởi công dự án {i}.")))
        .collect();
    docs.extend((0..6).map(|i| {
        (
            format!("walk{i}"),
            "Tin".into(),
            format!("Người Việt Nam thích đi bộ. Bác sĩ khuyên tập {i}. Đội tuyển thắng."),
        )
    }));
    docs.extend((0..4).map(|i| (format!("admit{i}"), "Giáo dục".into(), format!("Mùa tuyển sinh năm {i} bắt đầu."))));
    let ix = index_of(&docs);
    let found = ids(&ix, "Nam Đị");
    assert!(found[..4].iter().all(|id| id.starts_with("city")), "{found:?}");
    let found = ids(&ix, "tuyển si");
    assert!(found[..4].iter().all(|id| id.starts_with("admit")), "{found:?}");
    // Without the word before, the reading comes first.
    assert!(ids(&ix, "đị")[0].starts_with("walk"));
}

/// Two-letter tails `aa`, `ab`, … `az`, `ba`, …: `n` distinct toneless words.
fn tails(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{}{}", (b'a' + (i / 26) as u8) as char, (b'a' + (i % 26) as u8) as char)).collect()
}

fn completions(ix: &Index, q: &str) -> Vec<String> {
    let plan = ix.plan(q);
    let word = plan.words.last().unwrap();
    word.expansions
        .iter()
        .filter(|e| e.kind == soi_core::search::MatchKind::Prefix)
        .map(|e| e.surface.clone())
        .collect()
}

#[test]
fn a_short_prefix_completes_to_its_most_frequent_words() {
    // 40 completions of `k`: word i is in i + 2 articles, so the most frequent
    // are the last ones, and more than the 32 a word expands to.
    let words: Vec<String> = tails(40).into_iter().map(|t| format!("k{t}")).collect();
    let bodies: Vec<String> = (0..41)
        .map(|d| {
            words.iter().enumerate().filter(|&(i, _)| d < i + 2).map(|(_, w)| w.as_str()).collect::<Vec<_>>().join(" ")
        })
        .collect();
    let docs: Vec<(String, &str)> = bodies.iter().enumerate().map(|(d, b)| (format!("d{d}"), b.as_str())).collect();
    let ix = index(&docs.iter().map(|(id, b)| (id.as_str(), "Tin", *b)).collect::<Vec<_>>());
    // After another word (every title is `Tin`), where adjacency may single out
    // any of them.
    let expected: Vec<String> = words.iter().rev().take(32).cloned().collect();
    assert_eq!(completions(&ix, "tin k"), expected, "most frequent first");
    // `kb`: 14 completions, all kept, as the dictionary orders them.
    assert_eq!(completions(&ix, "tin kb"), words[26..], "in dictionary order");
}

#[test]
fn a_prefix_typed_alone_completes_only_until_its_completions_cover_the_corpus() {
    // 100 articles. `k…` completions: `kaa` in 60, `kab` in 30, `kac` in 20 (all
    // the articles between them), then 40 words in 2 each: the first three are
    // in 110 articles together, the first two in 90.
    let mut bodies: Vec<Vec<String>> = vec![Vec::new(); 100];
    for (word, docs) in [("kaa", 0..60), ("kab", 60..90), ("kac", 80..100)] {
        docs.for_each(|d| bodies[d].push(word.to_string()));
    }
    let rare: Vec<String> = tails(40).into_iter().map(|t| format!("kz{t}")).collect();
    for (i, w) in rare.iter().enumerate() {
        bodies[2 * i].push(w.clone());
        bodies[2 * i + 1].push(w.clone());
    }
    // `m…` completions, each in 2 articles: together far fewer than 100.
    let few: Vec<String> = tails(20).into_iter().map(|t| format!("m{t}")).collect();
    for (i, w) in few.iter().enumerate() {
        bodies[80 + i % 20].push(w.clone());
        bodies[i % 20].push(w.clone());
    }
    let docs: Vec<(String, String)> = bodies.iter().enumerate().map(|(d, b)| (format!("d{d}"), b.join(" "))).collect();
    let ix = index(&docs.iter().map(|(id, b)| (id.as_str(), "Tin", b.as_str())).collect::<Vec<_>>());
    let mut alone = completions(&ix, "k");
    alone.sort();
    assert_eq!(alone, ["kaa", "kab", "kac"], "alone: the most frequent, until they hold 100 articles");
    assert_eq!(completions(&ix, "tin k").len(), 32, "after a word: as many as a word expands to");
    assert_eq!(completions(&ix, "m").len(), 20, "rarer completions: all of them");
    // What was kept still answers: every article with one of them.
    assert_eq!(ix.search("k", 200).unwrap().total, 100);
}

#[test]
fn among_equally_frequent_completions_those_in_the_typed_tone_come_first() {
    // 40 toneless completions of `hô`, each in two articles, sorting before
    // `hôm`, which alone agrees with the typed tone.
    let mut words: Vec<String> = tails(40).into_iter().map(|t| format!("hoa{t}")).collect();
    words.push("hôm".into());
    let body = words.join(" ");
    let ix = index(&[("a", "Tin", &body), ("b", "Tin", &body)]);
    let found = completions(&ix, "tin hô");
    assert_eq!(found.len(), 32);
    assert_eq!(found[0], "hôm", "{found:?}");
    assert_eq!(found[1..], words[..31], "then in dictionary order");
}

#[test]
fn marks_follow_each_query_when_a_text_is_shown_again() {
    // The index keeps each shown article's words analysed between searches:
    // the marks of the next query must be that query's own, in title and body.
    let ix = index(&[("a", "Đại hội Đảng bộ tỉnh", "Kinh tế tỉnh phát triển. Đại hội bầu ban chấp hành.")]);
    let marked = |q: &str| {
        let hit = ix.response(&ix.search(q, 10).unwrap()).hits.remove(0);
        let words = |text: &str, marks: &[[usize; 2]]| marks.iter().map(|m| text[m[0]..m[1]].to_owned()).collect();
        let (title, snippet): (Vec<String>, Vec<String>) =
            (words(&hit.title, &hit.title_marks), words(&hit.snippet, &hit.marks));
        (title, snippet)
    };
    for _ in 0..2 {
        assert_eq!(marked("đại hội"), (vec!["Đại hội".to_owned()], vec!["Đại hội".to_owned()]));
        assert_eq!(marked("tinh"), (vec!["tỉnh".to_owned()], vec!["tỉnh".to_owned()]));
    }
}

/// A title occurrence is told by the postings alone (the document table keeps
/// no title length): `title:` keeps only the articles with the words in their
/// title, a phrase as well, and a phrase in a title outranks the same phrase in
/// a body of the same length.
#[test]
fn title_words_are_told_from_body_words() {
    let ix = index(&[
        ("body", "Tin mới", "Đại hội chi bộ nhiệm kỳ mới"),
        ("title", "Đại hội chi bộ", "Tin mới nhiệm kỳ mới"),
        ("split", "Tin đại", "Hội chi bộ nhiệm kỳ mới"),
    ]);
    assert_eq!(ids(&ix, "title:hội "), ["title"]);
    assert_eq!(ids(&ix, "title:\"đại hội\" "), ["title"]);
    // The title's last word and the body's first are not a phrase either.
    assert_eq!(ids(&ix, "\"đại hội\" ")[..2], ["title", "body"]);
    assert!(!ids(&ix, "\"đại hội\" ").contains(&"split".to_owned()));
    assert_eq!(ids(&ix, "title:mới "), ["body"]);
}
