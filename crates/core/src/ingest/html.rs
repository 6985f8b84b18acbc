//! HTML articles: the page's main text and title, with scripts, styles,
//! navigation and markup dropped, and metadata from `<meta>` tags.
//!
//! Parsing is html5ever's (through `scraper`), so malformed pages are read the way
//! browsers read them. Only text is taken from the page: nothing of its markup
//! survives into the index.

use super::dates::normalize_date;
use super::page::{parse_text, with_text_metadata};
use crate::document::{Document, Metadata};

/// Elements whose content is never article text.
const SKIP: [&str; 14] = [
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "head",
];

/// Elements that end a line of text.
const BLOCK: [&str; 22] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "tr",
    "table",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
];

fn text_of(node: scraper::ElementRef<'_>, out: &mut String) {
    use scraper::Node;
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(el) = scraper::ElementRef::wrap(child) {
                    text_of(el, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Collapses spaces inside lines and runs of blank lines.
fn tidy(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    out.join("\n").trim().to_owned()
}

/// Reads an HTML page as one article.
pub fn parse_html(id: &str, html: &str) -> Document {
    use scraper::{Html, Selector};

    let page = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("valid selector");
    let meta = |names: &[&str]| {
        names.iter().find_map(|n| {
            let s = sel(&format!("meta[property=\"{n}\"], meta[name=\"{n}\"]"));
            page.select(&s)
                .find_map(|m| m.value().attr("content"))
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
        })
    };
    let root = ["article", "main", "[role=main]", "body"].iter().find_map(|s| page.select(&sel(s)).next());
    let mut text = String::new();
    if let Some(root) = root {
        text_of(root, &mut text);
    }
    let text = tidy(&text);
    let one_line = |e: scraper::ElementRef<'_>| {
        e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let h1 = root.and_then(|r| r.select(&sel("h1")).next()).or_else(|| page.select(&sel("h1")).next()).map(one_line);
    let title = h1
        .filter(|t| !t.is_empty())
        .or_else(|| page.select(&sel("title")).next().map(one_line).filter(|t| !t.is_empty()));

    let mut doc = match title {
        Some(title) => {
            let body = match text.find(&title) {
                Some(at) if at < 200 => format!("{}{}", &text[..at], &text[at + title.len()..]).trim().to_owned(),
                _ => text.clone(),
            };
            with_text_metadata(Document { id: id.to_owned(), title, body, meta: Metadata::default() })
        }
        None => parse_text(id, &text),
    };
    let canonical = page.select(&sel("link[rel=canonical]")).find_map(|l| l.value().attr("href")).map(str::to_owned);
    doc.meta.override_with(Metadata {
        date: meta(&["article:published_time", "date", "pubdate", "dc.date"]).and_then(|d| normalize_date(&d)),
        author: meta(&["author", "article:author"]),
        source: meta(&["og:site_name", "publisher"]),
        category: meta(&["article:section"]),
        url: meta(&["og:url"]).or(canonical),
        ..Metadata::default()
    });
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_without_scripts_navigation_or_markup() {
        let html = r#"<!doctype html><html><head><title>Trang - Báo X</title>
            <meta property="article:published_time" content="2021-03-04T08:00:00+07:00">
            <meta name="author" content="Nguyễn An"><meta property="og:site_name" content="Báo X">
            <script>alert("x")</script><style>p{}</style></head>
            <body><nav>Trang chủ | Tin tức</nav>
            <article><h1>Đại hội  Chi bộ <b>thôn</b> Đông</h1>
            <p>Sáng nay, chi bộ ở huyện Kim Sơn <a href="javascript:alert(1)">họp</a>.</p>
            <script>document.write("no")</script><p>Đại hội &amp; bầu cử &lt;b&gt;</p></article>
            <footer>© Báo X</footer></body></html>"#;
        let d = parse_html("a.html", html);
        assert_eq!(d.title, "Đại hội Chi bộ thôn Đông");
        assert_eq!(d.body, "Sáng nay, chi bộ ở huyện Kim Sơn họp.\n\nĐại hội & bầu cử <b>");
        assert_eq!(d.meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(d.meta.author.as_deref(), Some("Nguyễn An"));
        assert_eq!(d.meta.source.as_deref(), Some("Báo X"));
        assert_eq!(d.meta.places, ["Kim Sơn"]);
        assert!(!d.body.contains("alert") && !d.body.contains("Trang chủ") && !d.body.contains("©"));
    }

    #[test]
    fn page_without_h1_uses_its_title_and_broken_markup_is_read() {
        let d = parse_html("b.html", "<title>Tiêu đề</title><p>Thân <i>bài <p>tiếp");
        assert_eq!(d.title, "Tiêu đề");
        assert_eq!(d.body, "Thân bài\n\ntiếp");
    }
}
