//! The analyzer's answers for every Vietnamese letter, pinned (see
//! `tests/golden/analysis.rs`); the browser test checks the same table in wasm.
//! `SOI_BLESS=1 cargo test -p soi-core --test analysis_golden` rewrites it.

#[path = "golden/analysis.rs"]
mod golden;

#[test]
fn the_golden_table_is_what_the_analyzer_answers() {
    let computed = golden::table();
    if std::env::var_os("SOI_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/analysis.tsv");
        std::fs::write(path, &computed).unwrap();
        return;
    }
    assert_eq!(golden::GOLDEN, computed, "the table changed: check the diff, then SOI_BLESS=1");
    assert!(golden::disagreements().is_empty());
}

#[test]
fn the_golden_table_covers_every_vietnamese_letter() {
    let letters = golden::vietnamese_letters();
    assert_eq!(letters.len(), 2 * (12 * 6 + 1), "12 vowels with 6 tones each, and đ");
    for c in letters {
        let line = golden::GOLDEN.lines().find(|l| l.split('\t').next() == Some(&c.to_string()));
        assert!(line.is_some(), "no line for {c:?}");
    }
}

#[test]
fn known_answers() {
    let find = |input: &str| golden::GOLDEN.lines().find(|l| l.split('\t').next() == Some(input)).unwrap().to_owned();
    assert_eq!(find("Ệ"), "Ệ\tỆ\te\tệ\tê\tU+0323");
    assert_eq!(find("hòa"), "hòa\thòa\thoa\thoà\thoa\tU+0300");
    assert_eq!(find("Ðại"), "Ðại\tÐại\tdai\tđại\tđai\tU+0323");
}
