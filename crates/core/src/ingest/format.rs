//! The formats Soi reads, and what reading a file gives: documents and problems.

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
}
