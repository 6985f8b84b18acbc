//! JSON (an array of articles, or one object) and JSON Lines (one article per
//! line): fields found through a [`FieldMap`], metadata from named fields.

use serde_json::{Map, Value};

use super::dates::normalize_date;
use super::fields::FieldMap;
use super::format::{Parsed, Problem};
use super::page::{parse_text, with_text_metadata};
use crate::analysis::normalize;
use crate::document::{Document, Metadata};

/// Metadata from a record's named fields (a JSON record, front matter, a
/// `.meta.json` file), each role's names tried in order. `get` looks a name up.
pub(super) fn metadata_from_fields(fields: &FieldMap, get: impl Fn(&str) -> Option<Value>) -> Metadata {
    let first = |names: &[String]| names.iter().find_map(|k| get(k));
    let text = |names: &[String]| first(names).and_then(|v| value_text(&v));
    let list = |names: &[String]| -> Vec<String> {
        first(names)
            .map(|v| match v {
                Value::Array(items) => items.iter().filter_map(value_text).collect(),
                other => value_text(&other).into_iter().collect(),
            })
            .unwrap_or_default()
    };
    Metadata {
        date: text(&fields.date).and_then(|d| normalize_date(&d)),
        author: text(&fields.author),
        source: text(&fields.source),
        category: text(&fields.category),
        url: text(&fields.url),
        places: list(&fields.places),
        people: list(&fields.people),
        doc_refs: list(&fields.doc_refs),
    }
}

/// Metadata from a JSON object (a `.meta.json` file beside an article).
pub fn metadata_from_object(map: &Map<String, Value>, fields: &FieldMap) -> Metadata {
    metadata_from_fields(fields, |k| map.get(k).cloned())
}

pub(super) fn value_text(v: &Value) -> Option<String> {
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

fn record_document(id: String, record: &Value, fields: &FieldMap) -> Result<Document, String> {
    let Value::Object(map) = record else { return Err("not a JSON object".into()) };
    let pick = |names: &[String]| names.iter().find_map(|n| map.get(n)).and_then(value_text);
    let body = pick(&fields.body).ok_or_else(|| format!("no body field (tried {})", fields.body.join(", ")))?;
    let title = pick(&fields.title);
    let mut doc = match title {
        Some(title) => with_text_metadata(Document { id, title, body, meta: Metadata::default() }),
        None => parse_text(&id, &body),
    };
    doc.meta.override_with(metadata_from_object(map, fields));
    Ok(doc)
}

pub(super) fn parse_json(id: &str, text: &str, fields: &FieldMap) -> Parsed {
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

pub(super) fn parse_jsonl(id: &str, text: &str, fields: &FieldMap) -> Parsed {
    let mut out = Parsed::default();
    for (n, line) in text.lines().enumerate() {
        match parse_json_line(id, n + 1, line, fields) {
            Some(Ok(doc)) => out.docs.push(doc),
            Some(Err(problem)) => out.problems.push(problem),
            None => {}
        }
    }
    out
}

/// One line of a JSON Lines file (`line_no` from 1) as the document `id#line_no`;
/// `None` for a blank line. Lets a caller read a large file record by record.
pub fn parse_json_line(id: &str, line_no: usize, line: &str, fields: &FieldMap) -> Option<Result<Document, Problem>> {
    let line = normalize(line);
    let line = line.trim_start_matches('\u{feff}');
    if line.trim().is_empty() {
        return None;
    }
    let at = Some(format!("line {line_no}"));
    Some(match serde_json::from_str::<Value>(line) {
        Ok(v) => record_document(format!("{id}#{line_no}"), &v, fields).map_err(|reason| Problem { at, reason }),
        Err(e) => Err(Problem { at, reason: format!("invalid JSON: {e}") }),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Format};
    use super::*;

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
}
