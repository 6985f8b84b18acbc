//! Build time: article files in every format Soi reads, as [`Document`]s (no I/O:
//! text in, documents and problems out). Nothing here runs in the browser.
//!
//! | format | extension | one file is | title | metadata | module |
//! |---|---|---|---|---|---|
//! | text | `.txt` | one article | read from the page | read from the text | `page.rs` |
//! | Markdown | `.md`, `.markdown` | one article | front matter `title`, else the first `#` heading | front matter, then the text | `markdown.rs` |
//! | HTML | `.html`, `.htm` | one article | `<h1>`, else `<title>` | `<meta>` tags, then the text | `html.rs` (feature `html`) |
//! | JSON | `.json` | an array of articles, or one object | field map | field map, then the text | `json.rs` |
//! | JSON Lines | `.jsonl`, `.ndjson` | one article per line | field map | field map, then the text | `json.rs` |
//!
//! Metadata found in the text (places, people, document references) comes from
//! `metadata.rs`, dates from `dates.rs`. Field names of records are mapped by a
//! [`FieldMap`]. A record that cannot be read is reported as a [`Problem`] with its
//! line or index; the others are kept.

mod dates;
#[cfg(feature = "html")]
mod html;
mod json;
mod markdown;
mod metadata;
mod page;

pub use dates::{find_full_date, normalize_date};
pub use json::metadata_from_object;
pub use metadata::{find_doc_refs, find_people, find_places};
pub use page::{parse_text, with_text_metadata};

use crate::analysis::normalize;
use crate::document::Document;

/// The formats Soi reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
}

impl Format {
    /// The format of a file by its extension (case-insensitive), if Soi reads it.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".meta.json") {
            return None; // metadata beside an article, not an article
        }
        let ext = lower.rsplit_once('.')?.1;
        Some(match ext {
            "txt" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        })
    }
}

/// Which field of a record (JSON, front matter, a `.meta.json` file) holds what:
/// for each role, the field names tried in order. The defaults are the one list
/// of accepted names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub date: Vec<String>,
    pub url: Vec<String>,
    pub author: Vec<String>,
    pub source: Vec<String>,
    pub category: Vec<String>,
    pub places: Vec<String>,
    pub people: Vec<String>,
    pub doc_refs: Vec<String>,
}

/// The roles a field can be mapped to, as `--field ROLE=NAME` spells them.
pub const FIELD_ROLES: [&str; 10] =
    ["title", "body", "date", "url", "author", "source", "category", "places", "people", "doc_refs"];

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            title: names(&["title", "headline", "name", "tieu_de"]),
            body: names(&["body", "content", "text", "article", "noi_dung"]),
            date: names(&["date", "published", "published_at", "publishedAt", "pubDate", "ngay"]),
            url: names(&["url", "link", "href"]),
            author: names(&["author", "byline", "authors", "tac_gia"]),
            source: names(&["source", "site", "publisher", "nguon"]),
            category: names(&["category", "section", "categories", "chuyen_muc"]),
            places: names(&["places", "place"]),
            people: names(&["people", "person"]),
            doc_refs: names(&["doc_refs", "references"]),
        }
    }
}

impl FieldMap {
    fn role_mut(&mut self, role: &str) -> Option<&mut Vec<String>> {
        Some(match role {
            "title" => &mut self.title,
            "body" => &mut self.body,
            "date" => &mut self.date,
            "url" => &mut self.url,
            "author" => &mut self.author,
            "source" => &mut self.source,
            "category" => &mut self.category,
            "places" => &mut self.places,
            "people" => &mut self.people,
            "doc_refs" => &mut self.doc_refs,
            _ => return None,
        })
    }

    /// Sets the field name of a role (one of [`FIELD_ROLES`]) in front of the
    /// defaults. Errors on an unknown role.
    pub fn set(&mut self, role: &str, field: &str) -> Result<(), String> {
        let list = self
            .role_mut(role)
            .ok_or_else(|| format!("unknown field role {role:?}: use one of {}", FIELD_ROLES.join(", ")))?;
        list.insert(0, field.to_owned());
        Ok(())
    }
}

/// Something in a file that could not be read; the rest of the file was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (JSON Lines) or 0-based array index (JSON), when it applies.
    pub at: Option<String>,
    pub reason: String,
}

/// What a file gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub docs: Vec<Document>,
    pub problems: Vec<Problem>,
}

/// Reads one file's text. `id` is the file's path relative to the corpus folder;
/// documents of a multi-record file get `id#N`.
pub fn parse(format: Format, id: &str, text: &str, fields: &FieldMap) -> Parsed {
    let text = normalize(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let one = |doc| Parsed { docs: vec![doc], problems: vec![] };
    match format {
        Format::Text => one(parse_text(id, text)),
        Format::Markdown => one(markdown::parse_markdown(id, text)),
        #[cfg(feature = "html")]
        Format::Html => one(html::parse_html(id, text)),
        // Without an HTML parser (the browser build), a page is read as text.
        #[cfg(not(feature = "html"))]
        Format::Html => one(parse_text(id, text)),
        Format::Json => json::parse_json(id, text, fields),
        Format::JsonLines => json::parse_jsonl(id, text, fields),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(Format::from_path("a/b.TXT"), Some(Format::Text));
        assert_eq!(Format::from_path("x.ndjson"), Some(Format::JsonLines));
        assert_eq!(Format::from_path("a.txt.meta.json"), None);
        assert_eq!(Format::from_path("photo.jpg"), None);
        assert_eq!(Format::from_path("README"), None);
    }

    #[test]
    fn field_roles_are_one_list() {
        let mut map = FieldMap::default();
        for role in FIELD_ROLES {
            map.set(role, "x").unwrap();
        }
        assert!(map.set("colour", "x").unwrap_err().contains("doc_refs"));
    }
}
