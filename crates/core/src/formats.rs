//! Article files in every format Soi reads, as [`Document`]s (no I/O: text in,
//! documents and problems out).
//!
//! | format | extension | one file is | title | metadata |
//! |---|---|---|---|---|
//! | text | `.txt` | one article | read from the page (see [`crate::ingest`]) | read from the text |
//! | Markdown | `.md`, `.markdown` | one article | front matter `title`, else the first `#` heading | front matter, then the text |
//! | HTML | `.html`, `.htm` | one article | `<h1>`, else `<title>` | `<meta>` tags, then the text |
//! | JSON | `.json` | an array of articles, or one object | field map | field map, then the text |
//! | JSON Lines | `.jsonl`, `.ndjson` | one article per line | field map | field map, then the text |
//!
//! Field names of JSON records are mapped by a [`FieldMap`] (defaults: `title`,
//! `body`/`content`/`text`, `date`, `url`, `author`, `source`, `category`, …). A record
//! that cannot be read is reported as a [`Problem`] with its line or index; the
//! others are kept.

use serde_json::Value;

use crate::index::Document;
use crate::ingest::{parse_text, with_text_metadata};
use crate::metadata::{find_full_date, Metadata};
use crate::text::normalize;

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

/// Which JSON field holds what: for each role, the field names tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub date: Vec<String>,
    pub url: Vec<String>,
    pub author: Vec<String>,
    pub source: Vec<String>,
    pub category: Vec<String>,
}

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
            author: names(&["author", "byline", "tac_gia"]),
            source: names(&["source", "site", "publisher", "nguon"]),
            category: names(&["category", "section", "chuyen_muc"]),
        }
    }
}

impl FieldMap {
    /// Sets the field name of a role (`title`, `body`, `date`, `url`, `author`,
    /// `source`, `category`) in front of the defaults. Errors on an unknown role.
    pub fn set(&mut self, role: &str, field: &str) -> Result<(), String> {
        let list = match role {
            "title" => &mut self.title,
            "body" => &mut self.body,
            "date" => &mut self.date,
            "url" => &mut self.url,
            "author" => &mut self.author,
            "source" => &mut self.source,
            "category" => &mut self.category,
            _ => {
                return Err(format!(
                    "unknown field role {role:?}: use title, body, date, url, author, source or category"
                ))
            }
        };
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
    match format {
        Format::Text => Parsed { docs: vec![parse_text(id, text)], problems: vec![] },
        Format::Markdown => Parsed { docs: vec![parse_markdown(id, text)], problems: vec![] },
        Format::Html => Parsed { docs: vec![crate::html::parse_html(id, text)], problems: vec![] },
        Format::Json => parse_json(id, text, fields),
        Format::JsonLines => parse_jsonl(id, text, fields),
    }
}

/// A date in any common spelling (`2020-10-08`, `2020-10-08T23:45:00Z`, `08/10/2020`), as ISO.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        let b = head.as_bytes();
        if b[4] == b'-' && b[7] == b'-' {
            if let Some(iso) = crate::metadata::iso_date(&head[8..10], &head[5..7], &head[..4]) {
                return Some(iso);
            }
        }
    }
    find_full_date(s)
}

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

/// Metadata from named fields (front matter, a `.meta.json` file, a JSON record).
pub fn metadata_from_fields(get: impl Fn(&str) -> Option<Value>) -> Metadata {
    let text = |keys: &[&str]| keys.iter().find_map(|k| get(k)).and_then(|v| value_text(&v));
    let list = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .find_map(|k| get(k))
            .map(|v| match v {
                Value::Array(items) => items.iter().filter_map(value_text).collect(),
                other => value_text(&other).into_iter().collect(),
            })
            .unwrap_or_default()
    };
    Metadata {
        date: text(&["date", "published", "published_at", "publishedAt", "pubDate"]).and_then(|d| normalize_date(&d)),
        author: text(&["author", "byline", "authors"]),
        source: text(&["source", "site", "publisher"]),
        category: text(&["category", "section", "categories"]),
        url: text(&["url", "link"]),
        places: list(&["places", "place"]),
        people: list(&["people", "person"]),
        doc_refs: list(&["doc_refs", "references"]),
    }
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(value_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// Markdown: front matter, a `#` title, and the text without markup characters.
pub fn parse_markdown(id: &str, text: &str) -> Document {
    let (fields, rest) = front_matter(text).unwrap_or((Vec::new(), text));
    let get = |k: &str| fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
    let plain = markdown_to_text(rest);
    let mut title = get("title").and_then(|v| value_text(&v));
    let mut body = plain.clone();
    if title.is_none() {
        // The first `# heading`.
        if let Some(line) = rest.lines().find(|l| l.starts_with("# ")) {
            let heading = markdown_to_text(line).trim().to_owned();
            if let Some(pos) = body.find(&heading) {
                body.replace_range(pos..pos + heading.len(), "");
            }
            title = Some(heading);
        }
    }
    let doc = match title {
        Some(t) => with_text_metadata(Document {
            id: id.to_owned(),
            title: t,
            body: body.trim().to_owned(),
            meta: Metadata::default(),
        }),
        None => parse_text(id, &plain),
    };
    let mut doc = doc;
    doc.meta.override_with(metadata_from_fields(get));
    doc
}

/// Markdown markup removed: heading hashes, emphasis, links and images (their
/// text kept), code fences, block quotes, list bullets, HTML comments.
fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            continue;
        }
        let t = t.trim_start_matches('#').trim_start_matches('>').trim_start();
        let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")).or_else(|| t.strip_prefix("+ ")).unwrap_or(t);
        let mut s = String::with_capacity(t.len());
        let chars: Vec<char> = t.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            // [text](url) and ![alt](src): keep the text.
            if c == '[' || (c == '!' && chars.get(i + 1) == Some(&'[')) {
                let open = if c == '!' { i + 1 } else { i };
                if let Some(close) = chars[open..].iter().position(|&x| x == ']').map(|p| open + p) {
                    if chars.get(close + 1) == Some(&'(') {
                        if let Some(end) = chars[close..].iter().position(|&x| x == ')').map(|p| close + p) {
                            s.extend(&chars[open + 1..close]);
                            i = end + 1;
                            continue;
                        }
                    }
                }
            }
            if matches!(c, '*' | '_' | '`') {
                i += 1;
                continue;
            }
            s.push(c);
            i += 1;
        }
        out.push_str(&s);
        out.push('\n');
    }
    out
}

fn record_document(id: String, record: &Value, fields: &FieldMap) -> Result<Document, String> {
    let Value::Object(map) = record else { return Err("not a JSON object".into()) };
    let pick = |names: &[String]| names.iter().find_map(|n| map.get(n)).and_then(value_text);
    let body = pick(&fields.body).ok_or_else(|| format!("no body field (tried {})", fields.body.join(", ")))?;
    let title = pick(&fields.title);
    let mut doc = match title {
        Some(title) => with_text_metadata(Document { id, title, body, meta: Metadata::default() }),
        None => parse_text(&id, &body),
    };
    let get = |k: &str| {
        let names: &[String] = match k {
            "date" | "published" | "published_at" | "publishedAt" | "pubDate" => &fields.date,
            "author" | "byline" | "authors" => &fields.author,
            "source" | "site" | "publisher" => &fields.source,
            "category" | "section" | "categories" => &fields.category,
            "url" | "link" => &fields.url,
            other => return map.get(other).cloned(),
        };
        names.iter().find_map(|n| map.get(n)).cloned()
    };
    doc.meta.override_with(metadata_from_fields(get));
    Ok(doc)
}

fn parse_json(id: &str, text: &str, fields: &FieldMap) -> Parsed {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Parsed {
                docs: vec![],
                problems: vec![Problem {
                    at: Some(format!("line {}", e.line())),
                    reason: format!("invalid JSON: {e}"),
                }],
            }
        }
    };
    let mut out = Parsed::default();
    match value {
        Value::Array(records) => {
            for (i, r) in records.iter().enumerate() {
                match record_document(format!("{id}#{i}"), r, fields) {
                    Ok(d) => out.docs.push(d),
                    Err(reason) => out.problems.push(Problem { at: Some(format!("item {i}")), reason }),
                }
            }
        }
        other => match record_document(id.to_owned(), &other, fields) {
            Ok(d) => out.docs.push(d),
            Err(reason) => out.problems.push(Problem { at: None, reason }),
        },
    }
    out
}

fn parse_jsonl(id: &str, text: &str, fields: &FieldMap) -> Parsed {
    let mut out = Parsed::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let at = Some(format!("line {line_no}"));
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match record_document(format!("{id}#{line_no}"), &v, fields) {
                Ok(d) => out.docs.push(d),
                Err(reason) => out.problems.push(Problem { at, reason }),
            },
            Err(e) => out.problems.push(Problem { at, reason: format!("invalid JSON: {e}") }),
        }
    }
    out
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
    fn json_records_with_default_and_mapped_fields() {
        let json = r#"[{"title": "Một", "content": "Bài một.", "published_at": "2021-02-03T10:00:00Z", "author": "An"},
                       {"headline": "Hai", "body": "Bài hai."},
                       {"title": "Không có thân"},
                       42]"#;
        let p = parse(Format::Json, "x.json", json, &FieldMap::default());
        assert_eq!(p.docs.len(), 2);
        assert_eq!(p.docs[0].id, "x.json#0");
        assert_eq!(p.docs[0].meta.date.as_deref(), Some("2021-02-03"));
        assert_eq!(p.docs[0].meta.author.as_deref(), Some("An"));
        assert_eq!(p.docs[1].title, "Hai");
        assert_eq!(p.problems.len(), 2);
        assert_eq!(p.problems[0].at.as_deref(), Some("item 2"));
        let mut map = FieldMap::default();
        map.set("body", "noidung").unwrap();
        let p = parse(Format::Json, "y.json", r#"{"title": "Ba", "noidung": "Bài ba."}"#, &map);
        assert_eq!(p.docs[0].body, "Bài ba.");
        assert!(map.set("colour", "x").is_err());
    }

    #[test]
    fn json_lines_report_bad_lines_and_keep_the_rest() {
        let text = "{\"title\": \"A\", \"body\": \"x\"}\n\n{broken\n{\"title\": \"B\", \"body\": \"y\"}\n";
        let p = parse(Format::JsonLines, "f.jsonl", text, &FieldMap::default());
        let ids: Vec<&str> = p.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["f.jsonl#1", "f.jsonl#4"]);
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].at.as_deref(), Some("line 3"));
    }

    #[test]
    fn dates_in_common_spellings() {
        assert_eq!(normalize_date("2020-10-08T23:45:00+07:00").as_deref(), Some("2020-10-08"));
        assert_eq!(normalize_date("08/10/2020").as_deref(), Some("2020-10-08"));
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(normalize_date("2020-13-45"), None);
    }
}
