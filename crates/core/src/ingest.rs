//! Turning an article file's text into a [`Document`].
//!
//! For now only plain text (`.txt`, one article per file, as the seeds): the title
//! is the first meaningful line and the rest is the body. Lines that are site
//! furniture rather than the article's title are skipped: "skip to content" links,
//! "today is …" date banners, separator rules and a banner that repeats itself
//! (`TIN TỨC HOẠT ĐỘNG TIN TỨC HOẠT ĐỘNG`).

use crate::index::Document;
use crate::text::{fold, normalize, tokens};

/// Folded lines that are never a title (a site's "skip to content" link).
const SKIP_LINES: [&str; 4] = ["truy cap noi dung luon", "bo qua noi dung", "skip to content", "skip to main content"];

/// Folded line beginnings of page-date banners ("Hôm nay, Thứ bảy ngày 16/01/2021").
const SKIP_PREFIXES: [&str; 2] = ["hom nay", "today is"];

/// Builds a document from a plain-text article.
pub fn parse_text(id: &str, text: &str) -> Document {
    let text = normalize(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = text.lines();
    let mut title = String::new();
    let mut consumed = 0usize;
    for line in lines.by_ref() {
        consumed += line.len() + 1;
        if is_title_candidate(line) {
            title = line.trim().to_owned();
            break;
        }
    }
    let body = if title.is_empty() {
        // No line looked like a title: keep the whole text as the body.
        text.trim().to_owned()
    } else {
        text.get(consumed.min(text.len())..).unwrap_or("").trim().to_owned()
    };
    if title.is_empty() {
        title = id.rsplit('/').next().unwrap_or(id).to_owned();
    }
    Document { id: id.to_owned(), title, body }
}

fn is_title_candidate(line: &str) -> bool {
    let words: Vec<String> = tokens(line).map(|t| fold(t.text)).collect();
    if words.is_empty() {
        return false; // blank or only punctuation: "============"
    }
    let folded = words.join(" ");
    if SKIP_LINES.contains(&folded.as_str()) || SKIP_PREFIXES.iter().any(|p| folded.starts_with(p)) {
        return false;
    }
    // A banner repeated twice on one line.
    let half = words.len() / 2;
    if words.len() % 2 == 0 && half > 0 && words[..half] == words[half..] {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_meaningful_line_is_the_title() {
        let d = parse_text("a.txt", "Truy cập nội dung luôn\n\nĐảng bộ Khối sẵn sàng\n\nThân bài.\n");
        assert_eq!(d.title, "Đảng bộ Khối sẵn sàng");
        assert_eq!(d.body, "Thân bài.");
    }

    #[test]
    fn date_banner_and_repeated_banner_are_skipped() {
        let d = parse_text("a.txt", "Hôm nay, Thứ bảy ngày 16/01/2021\nTIN TỨC TIN TỨC\n=====\nTiêu đề thật\nThân");
        assert_eq!(d.title, "Tiêu đề thật");
        assert_eq!(d.body, "Thân");
    }

    #[test]
    fn text_without_a_title_line_keeps_everything_in_the_body() {
        let d = parse_text("dir/x.txt", "=====\n---\n");
        assert_eq!(d.title, "x.txt");
        assert_eq!(d.body, "=====\n---");
    }
}
