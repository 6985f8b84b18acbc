//! A plain-text article (`.txt`) — usually a scraped web page — as a [`Document`]: title, body and metadata.
//!
//! Plain text (`.txt`, one article per file, as the seeds) is scraped web pages as
//! often as not, so the text is read as a page: site furniture at the top (a "skip
//! to content" link, a "today is …" date banner, a slogan, a section banner that
//! repeats itself, separator rules) is dropped; the title is the longest headline-like
//! line near the top, and a known section label just before it is the category
//! (another article's headline there is not); a date line under the title is the
//! publication date; links to other articles ("Xem thêm: <title>") are dropped; at
//! the bottom, "Tin liên quan" or a video heading and what follows, a source host
//! and the byline (author, organisation) are taken out of the body.
//! Places, people and document references are found in the whole text.
//!
//! Metadata is filled only on strong structural evidence (precision before
//! recall): a field left empty is better than a wrong value.

use super::dates::{find_day_month_opening, find_full_date};
use super::metadata::find_all;
use crate::analysis::{fold, normalize, surface, tokens, Token};
use crate::document::{Document, Metadata};

/// Folded lines that are never content (a site's "skip to content" link).
const SKIP_LINES: [&str; 4] = ["truy cap noi dung luon", "bo qua noi dung", "skip to content", "skip to main content"];
/// Folded beginnings of page-date banners ("Hôm nay, Thứ bảy ngày 16/01/2021").
const PAGE_DATE_PREFIXES: [&str; 2] = ["hom nay", "today is"];
/// Folded beginnings of site slogans shown above every article.
const SLOGAN_PREFIXES: [&str; 1] = ["chu de cong tac"];
/// Folded labels of links to other articles: alone on a line near the end of a
/// page, one starts the related-links block; followed by a colon and a title
/// ("Xem thêm: Giá lúa gạo tăng mạnh"), the line is one link.
const RELATED_LINES: [&str; 9] = [
    "tin lien quan",
    "tin khac",
    "bai lien quan",
    "xem them",
    "doc them",
    "tin cung chuyen muc",
    "bai viet lien quan",
    "related articles",
    "read more",
];
/// A link to another article has at most this many words after its label.
const RELATED_LINK_MAX_WORDS: usize = 30;
/// Folded beginnings of a date line under the title.
const DATE_LINE_PREFIXES: [&str; 4] = ["ngay dang", "dang ngay", "cap nhat", "ngay"];
/// Folded byline labels naming authors ("Thực hiện: Dương Chiêm - Trịnh Sơn"): the
/// whole text before the colon, never just its first word ("Tin liên quan: …" is
/// not "Tin: …").
const AUTHOR_PREFIXES: [&str; 7] = ["thuc hien", "bai va anh", "bai anh", "bai", "tin va anh", "tin anh", "tin"];
/// A title has at least this many words, unless no line qualifies.
const TITLE_MIN_WORDS: usize = 9;
/// A category line has at most this many words.
const CATEGORY_MAX_WORDS: usize = 10;
/// A byline has at most this many words.
const BYLINE_MAX_WORDS: usize = 14;

fn words(line: &str) -> Vec<String> {
    tokens(line).map(|t| fold(t.text)).collect()
}

/// Whether `line` has at most `max` words (without analysing more than `max + 1`).
fn at_most_words(line: &str, max: usize) -> bool {
    tokens(line).take(max + 1).count() <= max
}

/// [`words`] of a line of at most `max` words; `None` for a longer line, which
/// is not analysed (the end of a page is checked for labels line by line, and
/// its paragraphs can be long).
fn short_words(line: &str, max: usize) -> Option<Vec<String>> {
    at_most_words(line, max).then(|| words(line))
}

/// Whether `line` is a related-links label on its own ("Tin liên quan").
fn is_related_label(line: &str) -> bool {
    let longest = RELATED_LINES.iter().map(|l| l.split(' ').count()).max().unwrap_or(0);
    short_words(line, longest).is_some_and(|w| RELATED_LINES.contains(&w.join(" ").as_str()))
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

/// First words of the name of an organisation, a publication or an agency, with
/// their tones (`Ban` is a committee, `Bàn` a table or a goal). Each is also the
/// first syllable of common words (`Bộ đội`, `Trường học`, `Hội viên`, `Báo cáo`),
/// so the organisation's own name must follow, capitalised (`Bộ Y tế`, `Báo Lao
/// Động`, `Sở GD&ĐT`).
const SOURCE_HEADS: [&str; 12] =
    ["báo", "đài", "cổng", "ban", "sở", "phòng", "hội", "cục", "bộ", "viện", "trường", "kênh"];

/// Kinds of organisations that are words of their own, with their tones: anything
/// may follow (`Ủy ban nhân dân tỉnh …`, `Công ty cổ phần …`, `Chi bộ Cục …`).
const SOURCE_KINDS: [&str; 19] = [
    "tạp chí",
    "trung tâm",
    "chi bộ",
    "ủy ban",
    "ubnd",
    "công ty",
    "văn phòng",
    "đảng ủy",
    "huyện ủy",
    "tỉnh ủy",
    "thành ủy",
    "quận ủy",
    "ttxvn",
    "vov",
    "vtv",
    "thông tấn xã",
    "tập đoàn",
    "nhà xuất bản",
    "cổng thông tin",
];

/// Words of a clause, never of an organisation's name: a line with one is a
/// caption or a sentence (`Bộ trưởng … kiểm tra công tác phòng dịch tại Nghệ An`).
const CLAUSE_WORDS: [&str; 9] = ["tại", "trong", "đang", "đã", "sẽ", "được", "bị", "khi", "vừa"];

/// An organisation's name ends with at most this many lowercase words after its
/// last capitalised one (`Bộ Nông nghiệp và Phát triển nông thôn`: 3); a caption
/// ends with what its subject does (`Sở Y tế Nghệ An kiểm tra điểm thi`: 4).
const SOURCE_MAX_LOWER_TAIL: usize = 3;

/// The words of `text` as spelled (lowercase, tones kept).
fn spelled(text: &str) -> Vec<String> {
    tokens(text).map(|t| surface(t.text)).collect()
}

fn capitalised(t: &Token<'_>) -> bool {
    t.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A line that can only be an organisation's name: an all-capitals acronym
/// (`TTXVN`), or the name of an organisation (`Báo Nhân Dân`, `Chi bộ Cục thi hành
/// án …`, `BAN TUYÊN GIÁO QUẬN ỦY`): a head and the organisation's own name, no
/// word of a clause, no verb phrase at its end. Anything else in the last line (a
/// caption, a video title, a sentence cut short) is not taken as one.
fn is_source_name(line: &str) -> bool {
    let toks: Vec<Token<'_>> = tokens(line).collect();
    let words = spelled(line);
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    if shouting && toks.len() == 1 {
        return true; // an acronym: TTXVN, VOV
    }
    let starts = |name: &&str| {
        let w = spelled(name);
        words.starts_with(&w).then_some(w.len())
    };
    let kind = SOURCE_KINDS.iter().filter_map(starts).max();
    let head = SOURCE_HEADS.iter().filter_map(starts).max().filter(|&n| toks.get(n).is_some_and(capitalised));
    let Some(n) = kind.max(head) else { return false };
    let lower_tail = toks.iter().rev().take_while(|t| !capitalised(t)).count();
    let clause = CLAUSE_WORDS.iter().any(|c| words.contains(&surface(c)));
    toks.len() > n && lower_tail <= SOURCE_MAX_LOWER_TAIL && !clause && !ends_sentence(line)
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

/// Names listed in a byline (`Dương Chiêm - Trịnh Sơn`, `Minh Châu, Hoàng Hà`),
/// joined by `, `: only when every one is a person's name.
fn name_list(text: &str) -> Option<String> {
    let names: Vec<&str> = text.split([',', '-', '–']).map(str::trim).filter(|s| !s.is_empty()).collect();
    (!names.is_empty() && names.iter().all(|n| is_person_name(n))).then(|| names.join(", "))
}

/// Reads a byline into (author, source): only what its shape says. A line that is
/// neither a name, an attribution, a name and a source, nor an organisation's
/// name gives nothing (precision before recall).
fn parse_byline(line: &str) -> (Option<String>, Option<String>) {
    let line = line.trim();
    if let Some(source) = attribution(line) {
        return (None, Some(source));
    }
    // "Bài và ảnh: Quang Vinh": the whole label before the colon names authors
    // ("Tin liên quan: <title>" is a link, not "Tin: <author>").
    if let Some((label, rest)) = line.split_once(':') {
        if AUTHOR_PREFIXES.contains(&words(label).join(" ").as_str()) {
            return (name_list(rest), None);
        }
    }
    // "Văn Tài (TTXVN)", "Minh Châu (Theo VnExpress)": names, then the organisation
    // in parentheses.
    if let Some((names, org)) = line.strip_suffix(')').and_then(|l| l.rsplit_once('(')) {
        let org = org.trim();
        let source = attribution(org).or_else(|| is_source_name(org).then(|| org.to_owned()));
        if let (Some(authors), Some(source)) = (name_list(names), source) {
            return (Some(authors), Some(source));
        }
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

/// A link to another article: a related-links label, a colon (or `>>`, `»`) and a
/// short title (`Xem thêm: Giá lúa gạo tăng mạnh sau mùa lũ`). Page furniture: not
/// the article's text, and never its byline.
fn is_related_link(line: &str) -> bool {
    // A paragraph of the body is longer than any such link: its first words suffice.
    let longest = RELATED_LINES.iter().map(|l| l.split(' ').count()).max().unwrap_or(0);
    let toks: Vec<Token<'_>> = tokens(line).take(longest + RELATED_LINK_MAX_WORDS + 1).collect();
    RELATED_LINES.iter().any(|label| {
        let n = label.split(' ').count();
        toks.len() > n
            && toks.len() - n <= RELATED_LINK_MAX_WORDS
            && toks[..n].iter().map(|t| fold(t.text)).eq(label.split(' '))
            && line[toks[n - 1].range.1..toks[n].range.0].trim_start().starts_with([':', '>', '»'])
    })
}

/// The heading of a list of videos at the end of a page (`Video đang được xem
/// nhiều`, `VIDEO NỔI BẬT`, `Video:`), followed by the list: short lines, not
/// sentences. What follows it is furniture, as after "Tin liên quan".
fn is_video_list(lines: &[&str], i: usize) -> bool {
    let heading = short_words(lines[i], 6).is_some_and(|w| w.first().is_some_and(|f| f == "video"))
        && !lines[i].trim_end().ends_with(['.', '!', '?', '…', ';']);
    if !heading {
        return false;
    }
    let items: Vec<&str> = lines[i + 1..].iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    !items.is_empty() && items.iter().all(|l| at_most_words(l, BYLINE_MAX_WORDS * 2) && !ends_sentence(l))
}

/// Known section labels of news sites, with their tones: a short line just above
/// the title is the category only when it is one of them (another article's
/// headline shown there is not).
const SECTION_LABELS: [&str; 50] = [
    "thời sự",
    "chính trị",
    "xã hội",
    "kinh tế",
    "kinh doanh",
    "tài chính",
    "thị trường",
    "chứng khoán",
    "bất động sản",
    "đầu tư",
    "thể thao",
    "bóng đá",
    "giáo dục",
    "tuyển sinh",
    "du học",
    "sức khỏe",
    "y tế",
    "pháp luật",
    "an ninh",
    "quốc phòng",
    "quân sự",
    "thế giới",
    "quốc tế",
    "văn hóa",
    "giải trí",
    "du lịch",
    "đời sống",
    "gia đình",
    "khoa học",
    "công nghệ",
    "số hóa",
    "xe",
    "địa phương",
    "môi trường",
    "nông nghiệp",
    "giao thông",
    "việc làm",
    "bạn đọc",
    "ý kiến",
    "góc nhìn",
    "phóng sự",
    "tin tức",
    "tin mới",
    "tin nóng",
    "tin trong nước",
    "trong nước",
    "tin quốc tế",
    "tin hoạt động",
    "xây dựng đảng",
    "thời tiết",
];

/// Section names of government and party sites that say whose news they hold:
/// `Tin tức trong Huyện`, `Hoạt động của các tổ chức Đảng cơ sở`.
const SECTION_HEADS: [&str; 2] = ["tin tức", "hoạt động"];

/// A known section label (`Thể thao`, `THỜI SỰ`), a qualified section name (`Tin
/// tức trong Huyện`), or a breadcrumb of labels (`Thời sự > Chính trị`,
/// `Văn hóa - Xã hội`).
fn is_section_label(line: &str) -> bool {
    let crumbs = line.replace(" - ", "|").replace(" – ", "|");
    let parts: Vec<&str> = crumbs.split(['>', '»', '›', '/', '|']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let label = |p: &&str| {
        let w = spelled(p);
        let is = |l: &&str| spelled(l) == w;
        let qualified = |h: &&str| {
            let h = spelled(h);
            w.len() > h.len() && w.starts_with(&h) && !p.chars().any(|c| c.is_ascii_digit())
        };
        SECTION_LABELS.iter().any(is) || SECTION_HEADS.iter().any(qualified)
    };
    !parts.is_empty() && words(line).len() <= CATEGORY_MAX_WORDS && !ends_sentence(line) && parts.iter().all(label)
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
        // A short line just above the title is not the article's text; it is its
        // category only when it is a known section label, not when it is another
        // article's headline.
        if let Some(k) = headline.filter(|&k| k > 0) {
            let c = candidates[k - 1];
            if words(lines[c]).len() <= CATEGORY_MAX_WORDS {
                if meta.category.is_none() && is_section_label(lines[c]) {
                    meta.category = Some(lines[c].trim().to_owned());
                }
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

    // Links to other articles below the title ("Xem thêm: <title>"): furniture.
    for i in title_at.map_or(lines.len(), |t| t + 1)..lines.len() {
        if keep[i] && is_related_link(lines[i]) {
            keep[i] = false;
        }
    }

    // Bottom: related links or videos, a host, the byline.
    let mut end = lines.len();
    let tail_from = lines.len().saturating_sub(12);
    if let Some(r) =
        (tail_from..lines.len()).find(|&i| keep[i] && (is_related_label(lines[i]) || is_video_list(&lines, i)))
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

    (meta.places, meta.people, meta.doc_refs) = find_all(text);
    Document { id: id.to_owned(), title, body, meta }
}

/// Fills the places, people and references of a document that already has its
/// title and body (from a structured format), found in its title and body.
pub fn with_text_metadata(mut doc: Document) -> Document {
    let all = format!("{}\n{}", doc.title, doc.body);
    (doc.meta.places, doc.meta.people, doc.meta.doc_refs) = find_all(&all);
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

    /// An article page: a title, a dateline, a body paragraph, then `tail`.
    fn page_ending(tail: &str) -> Document {
        let text = format!(
            "Tỉnh Nghệ An đẩy mạnh xây dựng nông thôn mới gắn với phát triển du lịch\nNgày đăng 08/10/2020 | 23:45\n\nNgười dân rất phấn khởi và mong muốn chính quyền tiếp tục quan tâm, hỗ trợ.\n\n{tail}"
        );
        parse_text("t.txt", &text)
    }

    #[test]
    fn links_to_other_articles_are_furniture_not_bylines() {
        // Issue 10: an inline "Xem thêm: <title>" last line hid the byline above it.
        for link in [
            "Xem thêm: Giá lúa gạo tăng mạnh sau mùa lũ",
            "Tin liên quan: Học sinh miền núi đến trường bằng thuyền",
            "Đọc thêm >> Phát triển du lịch xanh gắn với bảo vệ môi trường",
            "BÀI LIÊN QUAN: Cử tri kiến nghị xử lý dứt điểm các dự án chậm tiến độ",
        ] {
            assert!(is_related_link(link), "{link:?}");
            let d = page_ending(&format!("Minh Châu - Báo Lao Động\n{link}"));
            assert_eq!(d.meta.author.as_deref(), Some("Minh Châu"), "{link:?}");
            assert_eq!(d.meta.source.as_deref(), Some("Báo Lao Động"), "{link:?}");
            assert!(d.body.ends_with("quan tâm, hỗ trợ."), "{link:?}: {:?}", d.body);
        }
        // Under the title too, a link is not the article's text.
        let d = page_ending("Xem thêm: Giá lúa gạo tăng mạnh sau mùa lũ\n\nĐây là đoạn cuối của bài viết.");
        assert!(!d.body.contains("Giá lúa gạo"), "{:?}", d.body);
        // A label without a colon, or a sentence about related news, is no link.
        assert!(!is_related_link("Xem thêm"));
        assert!(!is_related_link("Xem thêm các thông tin trên website của Sở."));
    }

    #[test]
    fn a_byline_label_is_the_whole_text_before_its_colon() {
        // Issue 10: "Tin liên quan: <title>" was read as "Tin: <author>".
        assert_eq!(parse_byline("Tin liên quan: Giá lúa gạo tăng mạnh sau mùa lũ"), (None, None));
        assert_eq!(parse_byline("Bài liên quan: Võ Nguyên Giáp"), (None, None));
        assert_eq!(parse_byline("Tin: Hoàng Hà"), (Some("Hoàng Hà".into()), None));
        assert_eq!(parse_byline("Tin, ảnh: Hoàng Hà - Thu Hằng"), (Some("Hoàng Hà, Thu Hằng".into()), None));
        // What follows the label must be names.
        assert_eq!(parse_byline("Bài: tổng hợp từ nhiều nguồn"), (None, None));
    }

    #[test]
    fn a_name_then_the_organisation_in_parentheses_gives_both() {
        // Issue 10: "Văn Tài (TTXVN)" gave neither author nor source.
        assert_eq!(parse_byline("Văn Tài (TTXVN)"), (Some("Văn Tài".into()), Some("TTXVN".into())));
        assert_eq!(parse_byline("Minh Châu (Theo VnExpress)"), (Some("Minh Châu".into()), Some("VnExpress".into())));
        assert_eq!(
            parse_byline("Hoàng Hà - Thu Hằng (Báo Nhân Dân)"),
            (Some("Hoàng Hà, Thu Hằng".into()), Some("Báo Nhân Dân".into()))
        );
        // Parentheses that name no organisation give nothing.
        assert_eq!(parse_byline("Văn Tài (tổng hợp)"), (None, None));
        let d = page_ending("Văn Tài (TTXVN)");
        assert_eq!((d.meta.author.as_deref(), d.meta.source.as_deref()), (Some("Văn Tài"), Some("TTXVN")));
    }

    #[test]
    fn a_source_looks_like_an_organisation_not_a_caption() {
        // Issue 10: captions and video titles starting "Trường", "Hội", "Bộ", "Sở"
        // were taken as the source.
        for line in [
            "Trường học vùng cao đón học sinh sau lũ",
            "Bộ đội giúp dân thu hoạch lúa chạy lũ",
            "Hội viên nông dân Nghệ An thu hoạch lúa",
            "Bộ trưởng Bộ Y tế kiểm tra công tác phòng chống dịch tại Nghệ An",
            "Sở Y tế khuyến cáo phòng bệnh mùa mưa",
            "Trường Tiểu học xã Tân Lập trong ngày khai giảng",
            "Báo cáo của Ban chỉ đạo",
            // Each rejected by one rule only: no name after the head, a clause
            // word, a verb phrase at the end.
            "Phòng chống dịch COVID-19",
            "Sở Y tế kiểm tra an toàn thực phẩm tại Nghệ An",
            "Sở Giáo dục và Đào tạo Nghệ An kiểm tra điểm thi",
            "VIDEO NỔI BẬT",
        ] {
            assert!(!is_source_name(line), "{line:?}");
            assert_eq!(parse_byline(line), (None, None), "{line:?}");
        }
        for line in [
            "TTXVN",
            "Sở Y tế Nghệ An",
            "Báo Đầu tư",
            "Bộ Nông nghiệp và Phát triển nông thôn",
            "Ủy ban nhân dân tỉnh Nghệ An",
            "UBND tỉnh Lạng Sơn",
            "Trường THPT chuyên Lê Quý Đôn",
            "BAN TUYÊN GIÁO QUẬN ỦY",
        ] {
            assert!(is_source_name(line), "{line:?}");
        }
        let d = page_ending("Trường Tiểu học xã Tân Lập trong ngày khai giảng");
        assert_eq!(d.meta.source, None);
        assert!(d.body.ends_with("trong ngày khai giảng"), "a caption stays in the body: {:?}", d.body);
    }

    #[test]
    fn a_list_of_videos_at_the_end_is_furniture() {
        // Issue 10: the last video title ("Hội An …", "Sở Y tế …") was the source.
        for heading in ["Video đang được xem nhiều", "VIDEO NỔI BẬT", "Video:"] {
            let d = page_ending(&format!(
                "{heading}\nToàn cảnh lễ khai mạc SEA Games\nHội An rực rỡ đêm rằm tháng Giêng\nSở Y tế Nghệ An"
            ));
            assert_eq!(d.meta.source, None, "{heading:?}");
            assert!(d.body.ends_with("quan tâm, hỗ trợ."), "{heading:?}: {:?}", d.body);
        }
        // A paragraph that opens with "Video" is text.
        let d = page_ending("Video ghi lại cảnh người dân đổ ra đường.\n\nĐoạn cuối của bài.");
        assert!(d.body.contains("Video ghi lại"), "{:?}", d.body);
    }

    #[test]
    fn the_category_is_a_known_section_label_not_another_headline() {
        // Issue 10: another article's headline above the title became the category.
        let title = "Tỉnh Nghệ An đẩy mạnh xây dựng nông thôn mới gắn với phát triển du lịch";
        let above = |line: &str| {
            parse_text(
                "t.txt",
                &format!(
                    "{line}\n{title}\n\nNgười dân rất phấn khởi và mong muốn chính quyền tiếp tục quan tâm, hỗ trợ."
                ),
            )
        };
        for headline in ["Giá xăng giảm lần thứ ba liên tiếp", "U23 Việt Nam vào bán kết", "Kinh tế biển bứt phá"]
        {
            let d = above(headline);
            assert_eq!(d.title, title);
            assert_eq!(d.meta.category, None, "{headline:?}");
        }
        for label in
            ["Thể thao", "THỜI SỰ", "Sức khoẻ", "Văn hóa - Xã hội", "Kinh tế > Thị trường", "Tin tức trong Huyện"]
        {
            assert_eq!(above(label).meta.category.as_deref(), Some(label), "{label:?}");
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
