//! A plain-text article (`.txt`) — usually a scraped web page — as a [`Document`]: title, body and metadata.
//!
//! Plain text (`.txt`, one article per file, as the seeds) is scraped web pages as
//! often as not, so the text is read as a page: site furniture at the top (a "skip
//! to content" link, a "today is …" date banner, a slogan, a section banner that
//! repeats itself, separator rules) is dropped; the title is the longest headline-like
//! line near the top, a short line just before it is the category; a date line under the title
//! is the publication date; at the bottom, "Tin liên quan" and what follows, a
//! source host and the byline (author, organisation) are taken out of the body.
//! Places, people and document references are found in the whole text.

use super::dates::{find_day_month_opening, find_full_date};
use super::metadata::{find_doc_refs, find_people, find_places};
use crate::analysis::{fold, normalize, surface, tokens};
use crate::document::{Document, Metadata};

/// Folded lines that are never content (a site's "skip to content" link).
const SKIP_LINES: [&str; 4] = ["truy cap noi dung luon", "bo qua noi dung", "skip to content", "skip to main content"];
/// Folded beginnings of page-date banners ("Hôm nay, Thứ bảy ngày 16/01/2021").
const PAGE_DATE_PREFIXES: [&str; 2] = ["hom nay", "today is"];
/// Folded beginnings of site slogans shown above every article.
const SLOGAN_PREFIXES: [&str; 1] = ["chu de cong tac"];
/// Folded lines that start the related-links block at the end of a page.
const RELATED_LINES: [&str; 5] = ["tin lien quan", "tin khac", "bai lien quan", "xem them", "related articles"];
/// Folded beginnings of a date line under the title.
const DATE_LINE_PREFIXES: [&str; 4] = ["ngay dang", "dang ngay", "cap nhat", "ngay"];
/// Folded byline prefixes naming authors ("Thực hiện: Dương Chiêm - Trịnh Sơn").
const AUTHOR_PREFIXES: [&str; 4] = ["thuc hien", "bai va anh", "bai", "tin"];
/// A title has at least this many words, unless no line qualifies.
const TITLE_MIN_WORDS: usize = 9;
/// A category line has at most this many words.
const CATEGORY_MAX_WORDS: usize = 10;
/// A byline has at most this many words.
const BYLINE_MAX_WORDS: usize = 14;

fn words(line: &str) -> Vec<String> {
    tokens(line).map(|t| fold(t.text)).collect()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', '…', ';'])
}

/// A line that is only a date (and time), or a short one that starts like
/// "Ngày đăng 08/10/2020". A sentence that opens with a date ("Ngày 19/8/1945,
/// nhân dân Hà Nội …") is text about history, not the article's date.
fn is_date_line(line: &str) -> bool {
    let Some(_) = find_full_date(line) else { return false };
    let w = words(line);
    let folded = w.join(" ");
    let numeric = w.iter().filter(|x| x.chars().all(|c| c.is_ascii_digit())).count();
    let short = w.len() <= DATE_LINE_MAX_WORDS && !ends_sentence(line);
    numeric * 2 >= w.len() || (short && DATE_LINE_PREFIXES.iter().any(|p| folded.starts_with(p)))
}

/// A date line under a title has at most this many words ("Cập nhật lúc 14:30
/// Thứ Hai, 08/10/2020" has 9).
const DATE_LINE_MAX_WORDS: usize = 10;

/// A host name alone on a line (`thanhtra.com.vn`).
fn is_host_line(line: &str) -> bool {
    let l = line.trim();
    let l = l.strip_prefix("https://").or_else(|| l.strip_prefix("http://")).unwrap_or(l);
    let l = l.strip_prefix("www.").unwrap_or(l).trim_end_matches('/');
    let labels: Vec<&str> = l.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()) && tld.len() >= 2)
}

fn is_person_name(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&ws.len())
        && ws.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_lowercase())
                && w.chars().all(char::is_alphabetic)
        })
}

/// First words that name an organisation, a publication or an agency, with their
/// tones (`Ban` is a committee, `Bàn` a table or a goal): a last line starting so
/// is a source (`Báo Nhân Dân`, `Chi bộ Cục thi hành án …`).
const SOURCE_HEADS: [&str; 30] = [
    "báo",
    "tạp chí",
    "đài",
    "cổng",
    "trung tâm",
    "ban",
    "chi bộ",
    "sở",
    "phòng",
    "ủy ban",
    "ubnd",
    "hội",
    "công ty",
    "văn phòng",
    "cục",
    "bộ",
    "viện",
    "trường",
    "đảng ủy",
    "huyện ủy",
    "tỉnh ủy",
    "thành ủy",
    "quận ủy",
    "ttxvn",
    "vov",
    "vtv",
    "thông tấn xã",
    "kênh",
    "tập đoàn",
    "nhà xuất bản",
];

/// A line that can only be a source: all capitals (a banner, an agency), or
/// starting with the name of an organisation. Anything else in the last line (a
/// caption, a list of video titles, a sentence cut short) is not taken as one.
fn is_source_name(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let spelled = |text: &str| tokens(text).map(|t| surface(t.text)).collect::<Vec<_>>().join(" ");
    let line = spelled(line);
    capitals
        || SOURCE_HEADS.iter().any(|h| {
            let head = spelled(h);
            line.strip_prefix(&head).is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })
}

/// The source an attribution line names: `Theo TTXVN`, `(Theo VnExpress)`,
/// `Nguồn: Báo Lao Động` → `TTXVN`, `VnExpress`, `Báo Lao Động`.
fn attribution(line: &str) -> Option<String> {
    let inner = line.trim().trim_start_matches('(').trim_end_matches([')', '.']).trim();
    let folded = words(inner).join(" ");
    let rest = if folded.starts_with("theo ") {
        inner.split_once(char::is_whitespace).map(|(_, r)| r)
    } else if folded.starts_with("nguon") && inner.contains(':') {
        inner.split_once(':').map(|(_, r)| r)
    } else {
        None
    }?;
    let rest = rest.trim().trim_start_matches(':').trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// Reads a byline into (author, source): only what its shape says. A line that is
/// neither a name, an attribution, a name and a source, nor an organisation's
/// name gives nothing (precision before recall).
fn parse_byline(line: &str) -> (Option<String>, Option<String>) {
    let line = line.trim();
    if let Some(source) = attribution(line) {
        return (None, Some(source));
    }
    let folded = words(line).join(" ");
    if AUTHOR_PREFIXES.iter().any(|p| folded.starts_with(p)) && line.contains(':') {
        let rest = line.split_once(':').map_or("", |(_, r)| r.trim());
        let names: Vec<&str> = rest.split([',', '-', '–']).map(str::trim).filter(|s| !s.is_empty()).collect();
        return ((!names.is_empty()).then(|| names.join(", ")), None);
    }
    for sep in [" – ", " - ", ", "] {
        if let Some((first, rest)) = line.split_once(sep) {
            if is_person_name(first.trim()) {
                return (Some(first.trim().to_owned()), Some(rest.trim().to_owned()));
            }
        }
    }
    if is_person_name(line) {
        (Some(line.to_owned()), None)
    } else if is_source_name(line) {
        (None, Some(line.to_owned()))
    } else {
        (None, None)
    }
}

/// Builds a document (title, body, metadata) from a plain-text article.
pub fn parse_text(id: &str, text: &str) -> Document {
    let text = normalize(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut meta = Metadata::default();
    let mut keep = vec![true; lines.len()];
    let mut page_date: Option<String> = None;

    // Top: drop furniture; collect candidate lines until the first body paragraph.
    let mut candidates: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let w = words(line);
        if w.is_empty() {
            if !line.trim().is_empty() {
                keep[i] = false; // a separator rule
            }
            continue;
        }
        let folded = w.join(" ");
        if SKIP_LINES.contains(&folded.as_str()) || SLOGAN_PREFIXES.iter().any(|p| folded.starts_with(p)) {
            keep[i] = false;
            continue;
        }
        if PAGE_DATE_PREFIXES.iter().any(|p| folded.starts_with(p)) {
            page_date = find_full_date(line);
            keep[i] = false;
            continue;
        }
        let half = w.len() / 2;
        if half > 0 && half * 2 == w.len() && w[..half] == w[half..] {
            // A section banner printed twice: "TIN TỨC HOẠT ĐỘNG TIN TỨC HOẠT ĐỘNG".
            let toks: Vec<_> = tokens(line).collect();
            meta.category.get_or_insert_with(|| line[toks[0].range.0..toks[half - 1].range.1].to_owned());
            keep[i] = false;
            continue;
        }
        let body_like = w.len() >= 60 || (ends_sentence(line) && w.len() >= 20 && !next_is_date(&lines, i));
        if body_like || candidates.len() == 4 {
            break;
        }
        candidates.push(i);
    }

    // The title: the longest headline-like candidate (long enough, not a sentence
    // unless a date line follows); else the first candidate.
    let headline = candidates
        .iter()
        .enumerate()
        .filter(|&(_, &i)| {
            let n = words(lines[i]).len();
            n >= TITLE_MIN_WORDS && (!ends_sentence(lines[i]) || next_is_date(&lines, i))
        })
        .max_by_key(|&(k, &i)| (words(lines[i]).len(), std::cmp::Reverse(k)))
        .map(|(k, _)| k);
    let title_at = headline.map(|k| candidates[k]).or(candidates.first().copied());
    let mut title = String::new();
    if let Some(t) = title_at {
        title = lines[t].trim().to_owned();
        keep[t] = false;
        if let Some(k) = headline.filter(|&k| k > 0) {
            let c = candidates[k - 1];
            if words(lines[c]).len() <= CATEGORY_MAX_WORDS && meta.category.is_none() {
                meta.category = Some(lines[c].trim().to_owned());
                keep[c] = false;
            }
        }
        // A date line (and separator rules) right under the title.
        let mut j = t + 1;
        while j < lines.len() {
            let w = words(lines[j]);
            if lines[j].trim().is_empty() {
                j += 1;
                continue;
            }
            if w.is_empty() {
                keep[j] = false; // "============"
                j += 1;
                continue;
            }
            if meta.date.is_none() && is_date_line(lines[j]) {
                meta.date = find_full_date(lines[j]);
                keep[j] = false;
                j += 1;
                continue;
            }
            break;
        }
    }

    // Bottom: related links, a host, the byline.
    let mut end = lines.len();
    let tail_from = lines.len().saturating_sub(12);
    if let Some(r) =
        (tail_from..lines.len()).find(|&i| keep[i] && RELATED_LINES.contains(&words(lines[i]).join(" ").as_str()))
    {
        end = r;
    }
    let mut host = None;
    let mut byline = None;
    let mut i = end;
    while i > 0 {
        i -= 1;
        let line = lines[i].trim();
        if line.is_empty() || !keep[i] {
            end = i;
            continue;
        }
        if host.is_none() && byline.is_none() && is_host_line(line) {
            host = Some(line.to_owned());
            end = i;
            continue;
        }
        let n = words(line).len();
        // A short last line is a byline only when its shape names an author or a
        // source; otherwise it is text, and stays in the body.
        let shaped = byline.is_none()
            && n > 0
            && n <= BYLINE_MAX_WORDS
            && !ends_sentence(line)
            && Some(i) != title_at
            && i > title_at.unwrap_or(0) + 1;
        if let (true, (author, source)) = (shaped, parse_byline(line)) {
            if author.is_some() || source.is_some() {
                (meta.author, meta.source) = (author, source);
                byline = Some(line.to_owned());
                end = i;
                continue;
            }
        }
        break;
    }
    if host.is_some() {
        meta.source = host;
    }

    // Everything not taken as title, metadata or furniture is body.
    let body: String =
        (0..end).filter(|&i| keep[i] || lines[i].trim().is_empty()).map(|i| lines[i]).collect::<Vec<_>>().join("\n");
    let mut body = body.trim().to_owned();
    if title.is_empty() {
        body = text.trim().to_owned();
        title = id.rsplit('/').next().unwrap_or(id).to_owned();
    }

    // "Ngày 8/10, …" opening the body: the year from the page's date banner.
    if meta.date.is_none() {
        if let (Some((d, m)), Some(page)) = (find_day_month_opening(&body), page_date.as_deref()) {
            let year: i32 = page[..4].parse().unwrap_or(0);
            let page_md: (u32, u32) = (page[5..7].parse().unwrap_or(0), page[8..10].parse().unwrap_or(0));
            let y = if (m, d) > page_md { year - 1 } else { year };
            meta.date = crate::document::iso_date(&d.to_string(), &m.to_string(), &y.to_string());
        }
    }

    meta.places = find_places(text);
    meta.people = find_people(text);
    meta.doc_refs = find_doc_refs(text);
    Document { id: id.to_owned(), title, body, meta }
}

/// Fills the places, people and references of a document that already has its
/// title and body (from a structured format), found in its title and body.
pub fn with_text_metadata(mut doc: Document) -> Document {
    let all = format!("{}\n{}", doc.title, doc.body);
    doc.meta.places = find_places(&all);
    doc.meta.people = find_people(&all);
    doc.meta.doc_refs = find_doc_refs(&all);
    doc
}

fn next_is_date(lines: &[&str], i: usize) -> bool {
    lines[i + 1..].iter().find(|l| !l.trim().is_empty()).is_some_and(|l| is_date_line(l))
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
    fn banners_become_category_and_date_line_becomes_date() {
        let d = parse_text(
            "a.txt",
            "Hôm nay, Thứ bảy ngày 16/01/2021\nTIN TỨC TIN TỨC\n=====\nTiêu đề thật của bài viết này khá dài đấy nhé\nNgày đăng 08/10/2020 | 23:45\n====\nThân bài có nội dung.",
        );
        assert_eq!(d.title, "Tiêu đề thật của bài viết này khá dài đấy nhé");
        assert_eq!(d.meta.category.as_deref(), Some("TIN TỨC"));
        assert_eq!(d.meta.date.as_deref(), Some("2020-10-08"));
        assert_eq!(d.body, "Thân bài có nội dung.");
    }

    #[test]
    fn text_without_a_title_line_keeps_everything_in_the_body() {
        let d = parse_text("dir/x.txt", "=====\n---\n");
        assert_eq!(d.title, "x.txt");
        assert_eq!(d.body, "=====\n---");
    }

    #[test]
    fn bylines_split_into_author_and_source() {
        assert_eq!(
            parse_byline("Quốc Nghị – Trung tâm TT&VH Đầm Hà"),
            (Some("Quốc Nghị".into()), Some("Trung tâm TT&VH Đầm Hà".into()))
        );
        assert_eq!(parse_byline("Thực hiện: Dương Chiêm - Trịnh Sơn"), (Some("Dương Chiêm, Trịnh Sơn".into()), None));
        assert_eq!(parse_byline("BAN TUYÊN GIÁO QUẬN ỦY"), (None, Some("BAN TUYÊN GIÁO QUẬN ỦY".into())));
        assert_eq!(parse_byline("Trung Hà"), (Some("Trung Hà".into()), None));
    }

    #[test]
    fn attributions_give_the_source_they_name() {
        // Issue 10: "Theo TTXVN" is the source TTXVN.
        assert_eq!(parse_byline("Theo TTXVN"), (None, Some("TTXVN".into())));
        assert_eq!(parse_byline("(Theo VnExpress)"), (None, Some("VnExpress".into())));
        assert_eq!(parse_byline("Nguồn: Báo Lao Động"), (None, Some("Báo Lao Động".into())));
        assert_eq!(
            parse_byline("Chi bộ Cục thi hành án dân sự tỉnh Lạng Sơn"),
            (None, Some("Chi bộ Cục thi hành án dân sự tỉnh Lạng Sơn".into()))
        );
    }

    #[test]
    fn a_sentence_opening_with_a_historical_date_is_text_not_the_date() {
        // Issue 10: dates came from historical mentions at the top of the body.
        let text = "Kỷ niệm 75 năm Cách mạng tháng Tám và Quốc khánh 2/9 tại thủ đô Hà Nội\n\nNgày 19/8/1945, nhân dân Hà Nội khởi nghĩa giành chính quyền, mở đầu Cách mạng tháng Tám.\n\nHôm nay, thành phố tổ chức nhiều hoạt động kỷ niệm trang trọng.";
        let d = parse_text("t.txt", text);
        assert_eq!(d.meta.date, None);
        assert!(d.body.starts_with("Ngày 19/8/1945, nhân dân Hà Nội"), "{:?}", d.body);
        // A real dateline still is one.
        let d = parse_text("t.txt", "Kỷ niệm 75 năm Cách mạng tháng Tám và Quốc khánh 2/9 tại thủ đô Hà Nội\n\nNgày đăng 18/08/2020 | 09:15\n\nNgày 19/8/1945, nhân dân Hà Nội khởi nghĩa.");
        assert_eq!(d.meta.date.as_deref(), Some("2020-08-18"));
        assert!(d.body.starts_with("Ngày 19/8/1945"));
    }

    #[test]
    fn a_short_last_line_that_is_no_byline_stays_in_the_body() {
        let d = parse_text("t.txt", "Tin 1999\n\nmột hai ba bốn số1999");
        assert_eq!(d.title, "Tin 1999");
        assert_eq!(d.body, "một hai ba bốn số1999");
        assert_eq!((d.meta.author, d.meta.source), (None, None));
        let d = parse_text("t.txt", "Tin 1999\n\nMột đoạn văn dài hơn một chút để làm thân bài.\n\nTheo TTXVN");
        assert_eq!(d.body, "Một đoạn văn dài hơn một chút để làm thân bài.");
        assert_eq!(d.meta.source.as_deref(), Some("TTXVN"));
    }

    #[test]
    fn a_last_line_that_is_not_a_byline_gives_no_source() {
        // Issue 10: captions and video lists at the end of real articles.
        for line in [
            "Bàn thắng của Mandzukic Bàn thắng của Alves",
            "Ảnh minh họa",
            "Người dân tham gia lễ hội đông vui",
            "Video đang được xem nhiều",
        ] {
            assert_eq!(parse_byline(line), (None, None), "{line:?}");
        }
    }

    #[test]
    fn hosts_are_recognised() {
        assert!(is_host_line("thanhtra.com.vn"));
        assert!(is_host_line("https://www.example.org/"));
        assert!(!is_host_line("Trung Hà"));
        assert!(!is_host_line("3.5"));
    }
}
