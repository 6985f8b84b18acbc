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
mod fields;
mod format;
#[cfg(feature = "html")]
mod html;
mod json;
mod markdown;
mod metadata;
mod page;

pub use dates::{find_full_date, normalize_date};
pub use fields::{FieldMap, FIELD_ROLES};
pub use format::{Format, Parsed, Problem};
pub use json::{metadata_from_object, parse_json_line};
pub use metadata::{find_doc_refs, find_people, find_places};
pub use page::{parse_text, with_text_metadata};

use crate::analysis::normalize;

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
