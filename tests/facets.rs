//! Facet filters and counts, checked against brute force over the documents.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use soi_core::analysis::fold;
use soi_core::index::DocMeta;
use soi_core::index::FACETS;
use soi_core::{ingest, Filter, Index, IndexBuilder, SearchOptions, Sort};

fn index() -> Index {
    let mut b = IndexBuilder::new();
    for dir in ["corpus/demo", "tests/fixtures/relevance"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let id = p.file_name().unwrap().to_string_lossy().into_owned();
            let mut d = ingest::parse_text(&id, &std::fs::read_to_string(&p).unwrap());
            // Give the fixture articles dates and sources so every facet has values.
            if d.meta.date.is_none() && id.len() % 3 == 0 {
                d.meta.date = Some(format!("2019-{:02}-15", id.len() % 12 + 1));
            }
            if d.meta.source.is_none() && id.contains('o') {
                d.meta.source = Some(if id.len() % 2 == 0 { "Báo Đông".into() } else { "Tin Tây".into() });
            }
            b.add(d);
        }
    }
    b.build().open().unwrap()
}

fn values(facet: &str, d: &DocMeta) -> Vec<String> {
    let m = &d.meta;
    match facet {
        "source" => m.source.iter().cloned().collect(),
        "category" => m.category.iter().cloned().collect(),
        "author" => m.author.iter().flat_map(|a| a.split(", ").map(str::to_owned)).collect(),
        "place" => m.places.clone(),
        "person" => m.people.clone(),
        _ => m.doc_refs.clone(),
    }
}

fn passes(d: &DocMeta, filters: &[Filter], skip: Option<&str>) -> bool {
    let mut by_facet: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in filters {
        by_facet.entry(f.facet.as_str()).or_default().extend(f.values.iter().map(|v| fold(v)));
    }
    by_facet
        .iter()
        .filter(|(f, _)| Some(**f) != skip)
        .all(|(f, wanted)| values(f, d).iter().any(|v| wanted.contains(&fold(v))))
}

#[test]
fn filter_by_place_selects_exactly_the_documents_naming_it() {
    let ix = index();
    let opts = |v: &str| SearchOptions {
        filters: vec![Filter { facet: "place".into(), values: vec![v.into()] }],
        limit: 100,
        ..SearchOptions::default()
    };
    let r = ix.response(&ix.search_with("", &opts("Kim Sơn")).unwrap());
    assert_eq!(r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["004_41a37cd57bca97c8.txt"]);
    // Folded match: toneless value works too.
    assert_eq!(ix.search_with("", &opts("kim son")).unwrap().total, 1);
    // With a query: đại hội in Lạng Sơn.
    let r = ix.search_with("đại hội ", &opts("Lạng Sơn")).unwrap();
    assert_eq!(r.total, 1);
}

#[test]
fn date_range_and_sort_by_date() {
    let ix = index();
    let o = SearchOptions {
        from: Some("2020".into()),
        to: Some("2020-10".into()),
        sort: Sort::Newest,
        limit: 100,
        ..SearchOptions::default()
    };
    let r = ix.response(&ix.search_with("", &o).unwrap());
    let dates: Vec<&str> = r.hits.iter().map(|h| h.date.as_deref().unwrap()).collect();
    assert_eq!(dates, ["2020-10-08", "2020-03-26"]);
    let o = SearchOptions { sort: Sort::Oldest, limit: 100, ..SearchOptions::default() };
    let r = ix.response(&ix.search_with("", &o).unwrap());
    let dated: Vec<&str> = r.hits.iter().filter_map(|h| h.date.as_deref()).collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted);
    assert!(r.hits.last().unwrap().date.is_none(), "undated documents come last");
    assert!(r.months.iter().any(|m| m.month == "2020-10" && m.count == 1));
}

#[test]
fn unknown_facet_is_an_error_naming_it_and_the_known_ones() {
    let ix = index();
    let o = SearchOptions {
        filters: vec![Filter { facet: "colour".into(), values: vec!["red".into()] }],
        ..SearchOptions::default()
    };
    let e = ix.search_with("", &o).unwrap_err();
    assert!(matches!(e.kind(), soi_core::ErrorKind::InvalidOption { option: "facet", .. }), "{e:?}");
    let message = e.to_string();
    assert!(message.contains("\"colour\"") && FACETS.iter().all(|f| message.contains(f)), "{message}");
}

fn arb_filters(ix: &Index) -> impl Strategy<Value = Vec<Filter>> {
    // Values that exist (and one that does not), per facet.
    let mut pool: Vec<(String, String)> = Vec::new();
    for (f, name) in FACETS.iter().enumerate() {
        for v in ix.facets().unwrap().facets[f].iter().take(6) {
            pool.push(((*name).to_owned(), v.value.clone()));
        }
        pool.push(((*name).to_owned(), "không có".into()));
    }
    prop::collection::vec(prop::sample::select(pool), 0..4)
        .prop_map(|picks| picks.into_iter().map(|(facet, v)| Filter { facet, values: vec![v] }).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn counts_and_hits_agree_with_brute_force(
        (filters, q) in {
            let ix = index();
            (arb_filters(&ix), prop::sample::select(vec!["", "đại hội ", "dai ", "chi bộ ", "hà nội ", "-huyện "]))
        }
    ) {
        let ix = index();
        let opts = SearchOptions { filters: filters.clone(), limit: 1000, ..SearchOptions::default() };
        let r = ix.search_with(q, &opts).unwrap();
        // The unfiltered answer gives the pool the filters apply to.
        let pool: Vec<u32> = ix.search_with(q, &SearchOptions { limit: 1000, ..SearchOptions::default() }).unwrap().hits.iter().map(|h| h.doc).collect();
        let docs: Vec<_> = ix.docs().collect();
        let want: Vec<u32> = pool.iter().copied().filter(|&d| passes(&docs[d as usize], &filters, None)).collect();
        let mut got: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
        got.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        prop_assert_eq!(got, want_sorted);
        prop_assert_eq!(r.total, want.len());
        for (facet, counts) in &r.facets {
            for c in counts {
                let brute = pool.iter().filter(|&&d| {
                    let m = &docs[d as usize];
                    passes(m, &filters, Some(facet)) && values(facet, m).iter().any(|v| fold(v) == fold(&c.value))
                }).count();
                prop_assert_eq!(c.count, brute, "{} = {}", facet, c.value);
            }
        }
    }
}

#[test]
fn facet_counting_can_be_skipped_without_changing_hits() {
    let ix = index();
    let with = ix.search_with("đại hội ", &SearchOptions { limit: 100, ..SearchOptions::default() }).unwrap();
    let without =
        ix.search_with("đại hội ", &SearchOptions { limit: 100, facets: false, ..SearchOptions::default() }).unwrap();
    assert_eq!(with.hits, without.hits);
    assert!(!with.facets["place"].is_empty() && !with.months.is_empty());
    assert!(without.facets.is_empty() && without.months.is_empty());
}
