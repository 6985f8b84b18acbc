//! Markdown: front matter for metadata, a `#` heading for the title, and the
//! text as CommonMark renders it (through `pulldown-cmark`), without markup.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::Value;

use super::fields::FieldMap;
use super::json::{metadata_from_fields, value_text};
use super::page::{parse_text, with_text_metadata};
use crate::document::{Document, Metadata};

fn front_matter(text: &str) -> Option<(Vec<(String, Value)>, &str)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n"))?;
    let end = rest.find("\n---")?;
    let (head, tail) = rest.split_at(end);
    let tail = tail["\n---".len()..].trim_start_matches(['-']).trim_start_matches(['\r', '\n']);
    let mut fields: Vec<(String, Value)> = Vec::new();
    for line in head.lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            // A list item under the previous key.
            if let Some((_, Value::Array(list))) = fields.last_mut() {
                list.push(Value::String(unquote(item).to_owned()));
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        let value = if value.is_empty() {
            Value::Array(vec![])
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Value::Array(
                inner.split(',').map(|s| Value::String(unquote(s.trim()).to_owned())).filter(|v| v != "").collect(),
            )
        } else {
            Value::String(unquote(value).to_owned())
        };
        fields.push((key.trim().to_owned(), value));
    }
    Some((fields, tail))
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(s)
}

/// Markdown: front matter, a `#` title, and the text without markup characters.
pub fn parse_markdown(id: &str, text: &str) -> Document {
    let (fields, rest) = front_matter(text).unwrap_or((Vec::new(), text));
    let get = |k: &str| fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
    let front_title = get("title").and_then(|v| value_text(&v));
    let text = markdown_to_text(rest, front_title.is_none());
    let mut doc = match (front_title, text.heading) {
        (Some(title), _) => with_text_metadata(Document {
            id: id.to_owned(),
            title,
            body: text.plain.trim().to_owned(),
            meta: Metadata::default(),
        }),
        (None, Some(heading)) => with_text_metadata(Document {
            id: id.to_owned(),
            title: heading,
            body: text.plain.trim().to_owned(),
            meta: Metadata::default(),
        }),
        (None, None) => parse_text(id, &text.plain),
    };
    doc.meta.override_with(metadata_from_fields(&FieldMap::default(), get));
    doc
}

/// A Markdown text as plain text.
struct PlainText {
    /// The text: each block on its own line; link, image and code text kept;
    /// markup, HTML and comments dropped.
    plain: String,
    /// The first level-1 heading, taken out of `plain` (when asked for).
    heading: Option<String>,
}

fn markdown_to_text(md: &str, take_heading: bool) -> PlainText {
    let mut plain = String::with_capacity(md.len());
    let mut heading: Option<String> = None;
    let mut in_heading = false;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) if take_heading && heading.is_none() => {
                heading = Some(String::new());
                in_heading = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_heading => in_heading = false,
            Event::Text(t) | Event::Code(t) => match &mut heading {
                Some(h) if in_heading => h.push_str(&t),
                _ => plain.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => {
                if in_heading {
                    heading.as_mut().expect("in a heading").push(' ');
                } else {
                    plain.push('\n');
                }
            }
            // A block ends: start a new line (once).
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableRow,
            )
            | Event::Rule
                if !plain.ends_with('\n') && !plain.is_empty() =>
            {
                plain.push('\n');
            }
            Event::End(TagEnd::TableCell) => plain.push(' '),
            _ => {}
        }
    }
    PlainText { plain, heading: heading.map(|h| h.trim().to_owned()).filter(|h| !h.is_empty()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_front_matter_and_heading() {
        let md = "---\ntitle: \"Đại hội Chi bộ\"\ndate: 2020-10-08\nplaces: [Kim Sơn, Lạng Sơn]\npeople:\n  - Nguyễn Văn An\n---\n\n**Sáng nay**, chi bộ [thôn Đông](http://x) họp.\n";
        let d = parse_markdown("a.md", md);
        assert_eq!(d.title, "Đại hội Chi bộ");
        assert_eq!(d.body, "Sáng nay, chi bộ thôn Đông họp.");
        assert_eq!(d.meta.date.as_deref(), Some("2020-10-08"));
        assert_eq!(d.meta.places, ["Kim Sơn", "Lạng Sơn"]);
        assert_eq!(d.meta.people, ["Nguyễn Văn An"]);
        let d = parse_markdown("b.md", "# Tiêu đề bài\n\nNội dung ![ảnh](a.png) ở huyện Kim Sơn.\n");
        assert_eq!(d.title, "Tiêu đề bài");
        assert_eq!(d.body, "Nội dung ảnh ở huyện Kim Sơn.");
        assert_eq!(d.meta.places, ["Kim Sơn"]);
    }

    #[test]
    fn underscores_and_asterisks_in_words_are_text() {
        let d = parse_markdown("c.md", "# Mã số_thuế\n\nBiến snake_case và 2 * 3 = 6, **đậm** và _nghiêng_.\n");
        assert_eq!(d.title, "Mã số_thuế");
        assert_eq!(d.body, "Biến snake_case và 2 * 3 = 6, đậm và nghiêng.");
    }
}
