//! Whole-index behaviour on the bundled demo corpus (five Vietnamese articles).

use std::path::Path;

use soi_core::{Document, Index, IndexBuilder};

fn demo_docs() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/demo");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus/demo exists") {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let id = path.file_name().unwrap().to_string_lossy().into_owned();
        let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
        docs.push(Document::new(id, title, body));
    }
    docs
}

fn open(docs: Vec<Document>) -> Index {
    let mut b = IndexBuilder::new();
    for d in docs {
        b.add(d);
    }
    b.build().open().unwrap()
}

#[test]
fn demo_corpus_indexes_every_article() {
    let index = open(demo_docs());
    assert_eq!(index.doc_count(), 5);
    assert!(index.term_count() > 500, "{} terms", index.term_count());
}

#[test]
fn toneless_dai_hoi_finds_articles_about_dai_hoi() {
    let index = open(demo_docs());
    let r = index.response(&index.search("dai hoi", 10).unwrap());
    // Every seed is about a party congress (đại hội).
    assert_eq!(r.total, 5);
    for hit in &r.hits {
        assert!(!hit.marks.is_empty(), "{} has no marks", hit.id);
        for [s, e] in &hit.marks {
            // Adjacent query words are one mark ("Đại hội").
            for word in hit.snippet[*s..*e].split_whitespace().map(soi_core::analysis::fold) {
                assert!(word == "dai" || word == "hoi", "marked {word:?} in {}", hit.id);
            }
        }
    }
}
