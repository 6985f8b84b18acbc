//! The larger judged set of issue 10: about 300 Vietnamese news articles (generated
//! deterministically from hand-written templates, `judged_news/corpus.rs`, plus
//! hand-written trap articles, `judged_news/special.rs`) with the furniture of
//! real news pages, over 200 judged queries in classes, and metadata judgments.
//!
//! **Relevance** is decided by an oracle independent of the engine: a document is
//! relevant to a case when its own text (title, lead, body and captions, as the
//! generator wrote them; not its dateline, byline, related or video lists)
//! contains every *intent* phrase of the case (what the user meant, spelled right,
//! matched word by word, case-insensitively, never across a sentence or clause
//! boundary), plus any documents the case names. Each case may also demand a
//! `first` document, `not_top` documents (not in the top 3) and `absent` ones.
//!
//! Per case (floors): a relevant document within the top [`FLOOR_RANK`], recall@
//! [`K`] at least [`FLOOR_RECALL`] (recall is capped: the share of
//! min(relevant, K) found), and the `first`/`not_top`/`absent` demands. Per class:
//! mean recall@K and MRR at least [`MINIMUMS`] (what the engine achieved when the
//! suite was written, rounded down to 0.05). A case the engine honestly fails is
//! kept with `known_gap`: exempt from the floors, counted in its class, listed in
//! the output, and asserted to still fail (so an improvement must promote it).
//!
//! **Metadata**: every article's date, author, source and category as a reader of
//! the page would take them (empty when the page does not say), per field
//! precision and recall printed, every judgment asserted but the known gaps
//! ([`META_GAPS`], per page layout and field, also asserted to still fail).
//!
//! Run with `--nocapture` for the tables (markdown, for BENCHMARKS.md).

#[path = "judged_news/corpus.rs"]
mod corpus;
#[path = "judged_news/special.rs"]
mod special;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use corpus::{Article, Layout};
use soi_core::{ingest, Index, IndexBuilder};

/// Results looked at for recall.
const K: usize = 10;
/// Per case: some relevant document must be within this rank.
const FLOOR_RANK: usize = 3;
/// Per case: at least this capped recall@K.
const FLOOR_RECALL: f64 = 0.5;
/// Results asked for (ranks beyond are "not found").
const LIMIT: usize = 100;
/// Generated articles (the hand-written ones come on top).
const GENERATED: usize = 300;

/// Per class: (minimum mean recall@K, minimum MRR), from what the engine achieved
/// when the suite was written, rounded down to the nearest 0.05; raised since as
/// the engine improved (joined syllables, tone slips and prefixes read by the
/// neighbouring word).
const MINIMUMS: &[(&str, f64, f64)] = &[
    ("english", 1.0, 1.0),
    ("exact", 1.0, 1.0),
    ("identifier", 1.0, 1.0),
    ("joined", 1.0, 1.0),
    ("phrase", 1.0, 1.0),
    ("prefix", 0.95, 1.0),
    ("shadowing", 0.95, 1.0),
    ("telex", 1.0, 1.0),
    ("title", 1.0, 1.0),
    ("tone-slip", 0.95, 1.0),
    ("toneless", 1.0, 1.0),
    ("typo", 0.95, 1.0),
];

struct Corpus {
    articles: Vec<Article>,
    index: Index,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut articles = corpus::generate(GENERATED);
        articles.extend(special::pages());
        let mut builder = IndexBuilder::new();
        for a in &articles {
            builder.add(ingest::parse_text(&a.id, &a.text));
        }
        let index = builder.build().open().unwrap();
        Corpus { articles, index }
    })
}

// The relevance oracle.

/// Lowercase word sequences of a text, one per sentence or clause (split at a line
/// break and at `. , ; : ! ? … ( ) "` and a spaced dash; not inside `1.000`,
/// `35-CT/TW` or `19/8/1945`).
fn segments(text: &str) -> Vec<Vec<String>> {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut out = Vec::new();
    let mut seg = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let inner = |p: Option<char>, n: Option<char>| {
            p.is_some_and(char::is_alphanumeric) && n.is_some_and(char::is_alphanumeric)
        };
        let breaks = match c {
            '\n' | '!' | '?' | '…' | '(' | ')' | '"' | '“' | '”' | '–' => true,
            '.' | ',' | ';' | ':' => !inner(prev, next),
            '-' => prev == Some(' ') && next == Some(' '),
            _ => false,
        };
        if breaks {
            out.push(std::mem::take(&mut seg));
        } else {
            seg.push(c);
        }
    }
    out.push(seg);
    out.into_iter()
        .map(|s| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect())
        .filter(|v: &Vec<String>| !v.is_empty())
        .collect()
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

fn contains_phrase(segs: &[Vec<String>], phrase: &[String]) -> bool {
    segs.iter().any(|s| s.windows(phrase.len()).any(|w| w == phrase))
}

// The cases.

#[derive(Clone)]
struct Case {
    class: &'static str,
    query: String,
    /// What the user meant: a document is relevant when its text has all of them.
    intent: Vec<&'static str>,
    /// Relevant besides (e.g. the one article that has the misspelling typed).
    extra: &'static [&'static str],
    /// Relevant documents, when named rather than found by the oracle.
    named: Option<Vec<String>>,
    first: Option<String>,
    not_top: &'static [&'static str],
    absent: &'static [&'static str],
    /// Why the engine fails this case today.
    known_gap: Option<&'static str>,
}

fn case(class: &'static str, query: &str, intent: &[&'static str]) -> Case {
    Case {
        class,
        query: query.to_owned(),
        intent: intent.to_vec(),
        extra: &[],
        named: None,
        first: None,
        not_top: &[],
        absent: &[],
        known_gap: None,
    }
}

impl Case {
    fn first(mut self, id: &str) -> Self {
        self.first = Some(id.to_owned());
        self
    }
    fn not_top(mut self, ids: &'static [&'static str]) -> Self {
        self.not_top = ids;
        self
    }
    fn absent(mut self, ids: &'static [&'static str]) -> Self {
        self.absent = ids;
        self
    }
    fn extra(mut self, ids: &'static [&'static str]) -> Self {
        self.extra = ids;
        self
    }
    fn gap(mut self, reason: &'static str) -> Self {
        self.known_gap = Some(reason);
        self
    }
}

const QUANGNAM: &str = "dac-biet-quangnam.txt";
const DAIBIEU: &str = "dac-biet-daibieu.txt";
const RELATED_ONLY: &str = "dac-biet-tinlienquan.txt";

fn written_cases() -> Vec<Case> {
    let c = case;
    vec![
        // exact: typed as written, with tones.
        c("exact", "Nam Định ", &["nam định"]).not_top(&[QUANGNAM]).absent(&[RELATED_ONLY]),
        c("exact", "Quảng Nam ", &["quảng nam"]),
        c("exact", "đại hội ", &["đại hội"]).not_top(&[DAIBIEU]),
        c("exact", "Quốc hội ", &["quốc hội"]),
        c("exact", "bệnh viện ", &["bệnh viện"]),
        c("exact", "nông thôn mới ", &["nông thôn mới"]),
        c("exact", "xuất khẩu ", &["xuất khẩu"]),
        c("exact", "giá vàng ", &["giá vàng"]),
        c("exact", "sốt xuất huyết ", &["sốt xuất huyết"]),
        c("exact", "tay chân miệng ", &["tay chân miệng"]),
        c("exact", "huy chương vàng ", &["huy chương vàng"]),
        c("exact", "tốt nghiệp THPT ", &["tốt nghiệp thpt"]),
        c("exact", "đại dương ", &["đại dương"]).first("dac-biet-daiduong.txt").not_top(&["dac-biet-miaduong.txt"]),
        c("exact", "giá đường ", &["giá đường"]).first("dac-biet-miaduong.txt"),
        c("exact", "mía đường ", &["mía đường"]).first("dac-biet-miaduong.txt"),
        c("exact", "dương ", &["dương"]).not_top(&["dac-biet-miaduong.txt"]),
        c("exact", "bồi dưỡng ", &["bồi dưỡng"]).first("dac-biet-boiduong.txt"),
        c("exact", "dinh dưỡng ", &["dinh dưỡng"]),
        c("exact", "Bình Dương ", &["bình dương"]),
        c("exact", "Hải Dương ", &["hải dương"]),
        c("exact", "Kon Tum ", &["kon tum"]),
        c("exact", "Tây Ninh ", &["tây ninh"]),
        c("exact", "thương mại điện tử ", &["thương mại điện tử"]),
        c("exact", "lãi suất ", &["lãi suất"]),
        c("exact", "cử tri ", &["cử tri"]),
        c("exact", "khởi nghĩa ", &["khởi nghĩa"]),
        c("exact", "Tuyên ngôn độc lập ", &["tuyên ngôn độc lập"]),
        c("exact", "an toàn thực phẩm ", &["an toàn thực phẩm"]),
        c("exact", "làng nghề ", &["làng nghề"]),
        c("exact", "sạt lở ", &["sạt lở"]),
        c("exact", "Hoài Đức ", &["hoài đức"]),
        c("exact", "Ba Đình ", &["ba đình"]),
        c("exact", "học bổng ", &["học bổng"]),
        c("exact", "giáo viên vùng cao ", &["giáo viên vùng cao"]),
        // toneless: typed without diacritics.
        c("toneless", "nam dinh ", &["nam định"]).not_top(&[QUANGNAM]).absent(&[RELATED_ONLY]),
        c("toneless", "quang nam ", &["quảng nam"]),
        c("toneless", "dai hoi ", &["đại hội"]).not_top(&[DAIBIEU]),
        c("toneless", "quoc hoi ", &["quốc hội"]),
        c("toneless", "benh vien ", &["bệnh viện"]),
        c("toneless", "nong thon moi ", &["nông thôn mới"]),
        c("toneless", "xuat khau ", &["xuất khẩu"]),
        c("toneless", "gia vang ", &["giá vàng"]),
        c("toneless", "sot xuat huyet ", &["sốt xuất huyết"]),
        c("toneless", "tay chan mieng ", &["tay chân miệng"]),
        c("toneless", "huy chuong vang ", &["huy chương vàng"]),
        c("toneless", "tot nghiep thpt ", &["tốt nghiệp thpt"]),
        c("toneless", "dai duong ", &["đại dương"]).first("dac-biet-daiduong.txt"),
        c("toneless", "mia duong ", &["mía đường"]).first("dac-biet-miaduong.txt"),
        c("toneless", "boi duong ", &["bồi dưỡng"]).first("dac-biet-boiduong.txt"),
        c("toneless", "binh duong ", &["bình dương"]),
        c("toneless", "hai duong ", &["hải dương"]),
        c("toneless", "kon tum ", &["kon tum"]),
        c("toneless", "thuong mai dien tu ", &["thương mại điện tử"]),
        c("toneless", "lai suat ", &["lãi suất"]),
        c("toneless", "cu tri ", &["cử tri"]),
        c("toneless", "khoi nghia ", &["khởi nghĩa"]),
        c("toneless", "an toan thuc pham ", &["an toàn thực phẩm"]),
        c("toneless", "lang nghe ", &["làng nghề"]),
        c("toneless", "sat lo ", &["sạt lở"]),
        c("toneless", "DAI DUONG ", &["đại dương"]),
        c("toneless", "Thua Thien Hue ", &["thừa thiên huế"]),
        c("toneless", "hoc bong ", &["học bổng"]),
        // prefix: the last word still being typed (no trailing space).
        c("prefix", "bệnh việ", &["bệnh viện"]),
        // Was a known gap: the typed 'đị' does not exist, so its other tone 'đi' (class 1)
        // ranked above its completions ('định', class 2). 'Nam đi' stands in no article
        // and 'Nam Định' in many: the completion ranks with the reading (context.rs).
        c("prefix", "Nam Đị", &["nam định"]),
        c("prefix", "nông thôn m", &["nông thôn mới"]),
        c("prefix", "xuất khẩ", &["xuất khẩu"]),
        // Was a known gap while an inline 'Xem thêm: <title>' line stayed in the body
        // ('Đội tuyển' there + 'bác sĩ' came first); links are furniture now.
        c("prefix", "tuyển si", &["tuyển sinh"]),
        c("prefix", "huấn luyện v", &["huấn luyện viên"]),
        c("prefix", "sốt xuất huy", &["sốt xuất huyết"]),
        c("prefix", "logist", &["logistics"]),
        c("prefix", "smartph", &["smartphone"]),
        c("prefix", "chatb", &["chatbot"]),
        c("prefix", "đại dươ", &["đại dương"]),
        c("prefix", "bồi dưỡ", &["bồi dưỡng"]),
        c("prefix", "thuong mai dien t", &["thương mại điện tử"]),
        c("prefix", "nong thon mo", &["nông thôn mới"]),
        c("prefix", "kon tu", &["kon tum"]),
        c("prefix", "vac xi", &["vắc xin"]),
        c("prefix", "Khánh Hò", &["khánh hòa"]),
        c("prefix", "cổ động vi", &["cổ động viên"]),
        c("prefix", "giao thông nông th", &["giao thông nông thôn"]),
        c("prefix", "Tuyên ngôn độc l", &["tuyên ngôn độc lập"]),
        c("prefix", "lãi su", &["lãi suất"]),
        // phrase: quoted words, adjacent and in order.
        c("phrase", "\"nam định\" ", &["nam định"]).absent(&[QUANGNAM, RELATED_ONLY]),
        c("phrase", "\"đại hội\" ", &["đại hội"]).absent(&[DAIBIEU]),
        c("phrase", "\"quốc hội\" ", &["quốc hội"]),
        c("phrase", "\"nông thôn mới\" ", &["nông thôn mới"]),
        c("phrase", "\"giá vàng\" ", &["giá vàng"]),
        c("phrase", "\"đại dương\" ", &["đại dương"]).absent(&["dac-biet-miaduong.txt"]),
        c("phrase", "\"mía đường\" ", &["mía đường"]),
        c("phrase", "\"bồi dưỡng\" ", &["bồi dưỡng"]),
        c("phrase", "\"kinh tế biển\" ", &["kinh tế biển"]),
        c("phrase", "\"thương mại điện tử\" ", &["thương mại điện tử"]),
        c("phrase", "\"an toàn thực phẩm\" ", &["an toàn thực phẩm"]),
        c("phrase", "\"giao thông nông thôn\" ", &["giao thông nông thôn"]),
        c("phrase", "\"dai hoi\" the thao ", &["đại hội", "thể thao"]),
        c("phrase", "\"huy chuong vang\" ", &["huy chương vàng"]),
        c("phrase", "\"tuyên ngôn độc lập\" ", &["tuyên ngôn độc lập"]),
        c("phrase", "\"Quảng Nam\" \"định hướng\" ", &["quảng nam", "định hướng"]).first(QUANGNAM),
        c("phrase", "\"cử tri\" \"quốc hội\" ", &["cử tri", "quốc hội"]),
        c("phrase", "\"hội nghị sơ kết\" ", &["hội nghị sơ kết"]),
        // typo: one edit inside a word (substitution, deletion, insertion, transposition).
        c("typo", "truogn học ", &["trường học"]),
        c("typo", "hcọ sinh ", &["học sinh"]),
        c("typo", "doanh nghep ", &["doanh nghiệp"]),
        c("typo", "xuat khua ", &["xuất khẩu"]),
        c("typo", "benh vein ", &["bệnh viện"]),
        c("typo", "giáo viene ", &["giáo viên"]),
        c("typo", "huan luyenn vien ", &["huấn luyện viên"]),
        c("typo", "logistic ", &["logistics"]),
        c("typo", "logsitics ", &["logistics"]),
        c("typo", "smartphnoe ", &["smartphone"]),
        c("typo", "chatbto ", &["chatbot"]),
        c("typo", "fintehc ", &["fintech"]),
        c("typo", "startpu ", &["startup"]),
        c("typo", "Kon Tun ", &["kon tum"]),
        c("typo", "Nghệ Na ", &["nghệ an"]),
        c("typo", "voucer ", &["voucher"]),
        c("typo", "shiper ", &["shipper"]),
        c("typo", "vắc xn ", &["vắc xin"]),
        c("typo", "xuất hyết ", &["xuất huyết"]),
        c("typo", "lãi xuất ", &["lãi suất"]),
        c("typo", "Bình Dươngg ", &["bình dương"]),
        c("typo", "dinh duogn ", &["dinh dưỡng"]),
        c("typo", "Tuyen ngon doc lapp ", &["tuyên ngôn độc lập"]),
        c("typo", "Kháhn Hòa ", &["khánh hòa"]),
        c("typo", "khai gaing ", &["khai giảng"]),
        // telex / VNI: typed with the input method off.
        c("telex", "kinh tees ", &["kinh tế"]),
        c("telex", "bongs ddas ", &["bóng đá"]),
        c("telex", "giaos vieen ", &["giáo viên"]),
        c("telex", "beenhj vieenj ", &["bệnh viện"]),
        c("telex", "Quangr Nam ", &["quảng nam"]),
        c("telex", "Nam DDinhj ", &["nam định"]).not_top(&[QUANGNAM]),
        c("telex", "ddaij hooij ", &["đại hội"]).not_top(&[DAIBIEU]),
        c("telex", "noong thoon mowis ", &["nông thôn mới"]),
        c("telex", "xuaats khaaur ", &["xuất khẩu"]),
        c("telex", "hocj sinh ", &["học sinh"]),
        c("telex", "tuyeenr sinh ", &["tuyển sinh"]),
        c("telex", "cuwr tri ", &["cử tri"]),
        c("telex", "ddaij duwowng ", &["đại dương"]),
        c("telex", "mias dduwowngf ", &["mía đường"]),
        c("telex", "booif duwowngx ", &["bồi dưỡng"]),
        c("telex", "laix suaats ", &["lãi suất"]),
        c("telex", "thuwowng maij ddieenj tuwr ", &["thương mại điện tử"]),
        c("telex", "kinh te61 ", &["kinh tế"]),
        c("telex", "be65nh vie65n ", &["bệnh viện"]),
        c("telex", "d9a5i ho65i ", &["đại hội"]),
        // tone slip: a real word typed with the wrong tone, the word before says which.
        c("tone-slip", "kinh tê ", &["kinh tế"]).extra(&["dac-biet-kinhtebien.txt"]),
        c("tone-slip", "bóng đa ", &["bóng đá"]),
        c("tone-slip", "gia vàng ", &["giá vàng"]),
        c("tone-slip", "thi trường ", &["thị trường"]),
        // Were known gaps: the typed first word is itself frequent ('tuyên' of Tuyên Quang,
        // 'cư' of dân cư), so its other tone was never considered; a frequent other tone
        // is now, and the pair counts decide (context.rs).
        c("tone-slip", "tuyên sinh ", &["tuyển sinh"]),
        c("tone-slip", "đâu tư ", &["đầu tư"]),
        c("tone-slip", "bênh viện ", &["bệnh viện"]),
        c("tone-slip", "sạt lỡ ", &["sạt lở"]),
        c("tone-slip", "cư tri ", &["cử tri"]),
        c("tone-slip", "huy chương vang ", &["huy chương vàng"]),
        c("tone-slip", "thương mai điện tử ", &["thương mại điện tử"]),
        c("tone-slip", "nông thôn mơi ", &["nông thôn mới"]),
        c("tone-slip", "kinh tê biển ", &["kinh tế biển"]).extra(&["dac-biet-kinhtebien.txt"]),
        // shadowing: a misspelling that one article has, of a far more frequent word.
        c("shadowing", "tinhh Kon Tum ", &["tỉnh kon tum"]).extra(&["dac-biet-tinhh.txt"]),
        c("shadowing", "tinhh ", &["tỉnh"]).extra(&["dac-biet-tinhh.txt"]),
        c("shadowing", "UBND tinhh ", &["ubnd tỉnh"]).extra(&["dac-biet-tinhh.txt"]),
        c("shadowing", "doanh ngiệp ", &["doanh nghiệp"]).extra(&["dac-biet-ngiep.txt"]),
        c("shadowing", "ngiệp ", &["nghiệp"]).extra(&["dac-biet-ngiep.txt"]),
        c("shadowing", "trườg học ", &["trường học"]).extra(&["dac-biet-truong.txt"]),
        c("shadowing", "trườg ", &["trường"]).extra(&["dac-biet-truong.txt"]),
        c("shadowing", "bệng viện ", &["bệnh viện"]).extra(&["dac-biet-bengvien.txt"]),
        // english: loanwords and English terms stay English.
        c("english", "logistics ", &["logistics"]),
        c("english", "startup ", &["startup"]),
        c("english", "fintech ", &["fintech"]),
        c("english", "smartphone ", &["smartphone"]),
        c("english", "chatbot ", &["chatbot"]),
        c("english", "machine learning ", &["machine learning"]),
        c("english", "Black Friday ", &["black friday"]).first("dac-biet-flashsale.txt"),
        c("english", "flash sale ", &["flash sale"]),
        c("english", "voucher ", &["voucher"]),
        c("english", "shipper ", &["shipper"]),
        c("english", "online ", &["online"]),
        c("english", "livestream ", &["livestream"]),
        c("english", "marketing ", &["marketing"]),
        c("english", "IELTS ", &["ielts"]),
        c("english", "STEM ", &["stem"]),
        c("english", "World Cup ", &["world cup"]),
        c("english", "penalty ", &["penalty"]),
        c("english", "VAR ", &["var"]),
        c("english", "FDI ", &["fdi"]),
        c("english", "cloud ", &["cloud"]),
        // joined: two syllables typed without the space. Were known gaps (only suggested,
        // by each half's most frequent spelling: 'bóng đã', 'năm đình'): now searched as
        // the pair that stands side by side in the most articles (joined.rs).
        c("joined", "kinhte ", &["kinh tế"]),
        c("joined", "bongda ", &["bóng đá"]),
        c("joined", "quochoi ", &["quốc hội"]),
        c("joined", "benhvien ", &["bệnh viện"]),
        c("joined", "namdinh ", &["nam định"]),
        c("joined", "xuatkhau ", &["xuất khẩu"]),
        c("joined", "daihoi ", &["đại hội"]),
        c("joined", "giaovien ", &["giáo viên"]),
        // identifier: document numbers, codes, dates, figures.
        c("identifier", "100/2019/NĐ-CP ", &["100/2019/nđ-cp"]).first("dac-biet-nghidinh.txt"),
        c("identifier", "1234/QĐ-UBND ", &["1234/qđ-ubnd"]).first("dac-biet-quyetdinh.txt"),
        c("identifier", "SARS-CoV-2 ", &["sars-cov-2"]),
        c("identifier", "H5N1 ", &["h5n1"]),
        c("identifier", "COVID-19 ", &["covid-19"]),
        c("identifier", "35-CT/TW ", &["35-ct/tw"]),
        c("identifier", "2020-2025 ", &["2020-2025"]),
        c("identifier", "U23 ", &["u23"]),
        c("identifier", "1900 9095 ", &["1900 9095"]),
        c("identifier", "Quốc lộ 14 ", &["quốc lộ 14"]),
        c("identifier", "Quốc lộ 1A ", &["quốc lộ 1a"]),
        c("identifier", "19/8/1945 ", &["19/8/1945"]),
        c("identifier", "2/9/1945 ", &["2/9/1945"]),
        c("identifier", "1954 ", &["1954"]),
        c("identifier", "30/4/1975 ", &["30/4/1975"]),
        c("identifier", "3/2/1930 ", &["3/2/1930"]),
        c("identifier", "2050 ", &["2050"]),
        c("identifier", "5 triệu USD ", &["5 triệu usd"]),
        c("identifier", "385 km ", &["385 km"]),
    ]
}

/// Title queries: a user pastes (or retypes without tones) a headline.
fn title_cases(articles: &[Article]) -> Vec<Case> {
    let mut out = Vec::new();
    // Every 19th generated article's title, as written.
    for a in articles.iter().filter(|a| a.topic != "dac-biet").step_by(19) {
        let same: Vec<String> = articles
            .iter()
            .filter(|b| b.title.to_lowercase() == a.title.to_lowercase())
            .map(|b| b.id.clone())
            .collect();
        let mut c = case("title", &format!("{} ", a.title), &[]);
        if same.len() == 1 {
            c.first = Some(a.id.clone());
        }
        c.named = Some(same);
        out.push(c);
    }
    let named = |q: &str, id: &str| {
        let mut c = case("title", q, &[]).first(id);
        c.named = Some(vec![id.to_owned()]);
        c
    };
    out.extend([
        named("quang nam cong bo quy hoach vung ven bien ", QUANGNAM),
        named("nam dinh phat trien lang nghe det truyen thong ", "dac-biet-namdinh.txt"),
        named("Cử tri gửi gắm nhiều tâm tư đến đại biểu ", DAIBIEU),
        named("UBND tỉnh Kon Tum chỉ đạo khắc phục sạt lở ", "dac-biet-tinhh.txt"),
        named("khanh hoa phat trien kinh te bien ", "dac-biet-kinhtebien.txt"),
        named("hiệp hội doanh nghiệp nhỏ và vừa kiến nghị gia hạn thuế ", "dac-biet-ngiep.txt"),
        named("ngay dai duong the gioi rac thai nhua ", "dac-biet-daiduong.txt"),
        named("giá đường giảm sâu người trồng mía lao đao ", "dac-biet-miaduong.txt"),
        named("giao vien nghe an boi duong chuong trinh moi ", "dac-biet-boiduong.txt"),
        named("Khai mạc Đại hội Thể dục thể thao huyện Hoài Đức ", "dac-biet-daihoi-tdtt.txt"),
        named("hai phong khanh thanh cau hoang van thu ", RELATED_ONLY),
    ]);
    out
}

fn all_cases(articles: &[Article]) -> Vec<Case> {
    let mut cases = written_cases();
    cases.extend(title_cases(articles));
    cases
}

/// The relevant documents of a case, by the oracle.
fn relevant(c: &Case, articles: &[Article], segs: &[Vec<Vec<String>>]) -> Vec<String> {
    if let Some(named) = &c.named {
        return named.clone();
    }
    let phrases: Vec<Vec<String>> = c.intent.iter().map(|p| words_of(p)).collect();
    articles
        .iter()
        .zip(segs)
        .filter(|(a, s)| c.extra.contains(&a.id.as_str()) || phrases.iter().all(|p| contains_phrase(s, p)))
        .map(|(a, _)| a.id.clone())
        .collect()
}

/// One case's answer, measured and checked against its floors.
struct Judged<'c> {
    case: &'c Case,
    relevant: Vec<String>,
    ids: Vec<String>,
    recall: f64,
    rr: f64,
    problems: Vec<String>,
}

impl Judged<'_> {
    fn describe(&self) -> String {
        let top: Vec<&str> = self.ids.iter().take(5).map(String::as_str).collect();
        format!(
            "[{}] {:?}: {} relevant, recall@{K} {:.2}, RR {:.2}, top 5 {top:?}",
            self.case.class,
            self.case.query,
            self.relevant.len(),
            self.recall,
            self.rr
        )
    }
}

fn judge<'c>(c: &'c Case, relevant: Vec<String>, ids: Vec<String>) -> Judged<'c> {
    let rank_of = |d: &str| ids.iter().position(|i| i == d).map(|p| p + 1);
    let found = relevant.iter().filter(|d| rank_of(d).is_some_and(|r| r <= K)).count();
    let recall = if relevant.is_empty() { 0.0 } else { found as f64 / relevant.len().min(K) as f64 };
    let best = relevant.iter().filter_map(|d| rank_of(d)).min();
    let rr = best.map_or(0.0, |r| 1.0 / r as f64);
    let mut problems = Vec::new();
    match best {
        Some(r) if r <= FLOOR_RANK => {}
        Some(r) => problems.push(format!("first relevant document at rank {r}, below {FLOOR_RANK}")),
        None => problems.push("no relevant document".to_owned()),
    }
    if recall < FLOOR_RECALL {
        problems.push(format!("recall@{K} {recall:.2} < {FLOOR_RECALL}"));
    }
    if let Some(first) = &c.first {
        if ids.first() != Some(first) {
            problems.push(format!("first should be {first}"));
        }
    }
    for d in c.not_top {
        if ids.iter().take(3).any(|i| i == d) {
            problems.push(format!("{d} in the top 3"));
        }
    }
    for d in c.absent {
        if ids.iter().any(|i| i == d) {
            problems.push(format!("{d} should not match"));
        }
    }
    Judged { case: c, relevant, ids, recall, rr, problems }
}

/// Per class: (cases, mean recall@K, MRR, known gaps).
fn class_means(judged: &[Judged<'_>]) -> BTreeMap<&'static str, (usize, f64, f64, usize)> {
    let mut sums: BTreeMap<&'static str, (usize, f64, f64, usize)> = BTreeMap::new();
    for j in judged {
        let e = sums.entry(j.case.class).or_default();
        e.0 += 1;
        e.1 += j.recall;
        e.2 += j.rr;
        e.3 += usize::from(j.case.known_gap.is_some());
    }
    sums.into_iter().map(|(c, (n, r, rr, g))| (c, (n, r / n as f64, rr / n as f64, g))).collect()
}

fn class_shortfalls(judged: &[Judged<'_>], minimums: &[(&str, f64, f64)]) -> Vec<String> {
    let mut out = Vec::new();
    for (class, (_, recall, mrr, _)) in class_means(judged) {
        let Some(&(_, min_recall, min_mrr)) = minimums.iter().find(|m| m.0 == class) else {
            out.push(format!("{class}: no minimums in MINIMUMS"));
            continue;
        };
        let mut below = Vec::new();
        if recall < min_recall {
            below.push(format!("recall@{K} {recall:.3} < {min_recall}"));
        }
        if mrr < min_mrr {
            below.push(format!("MRR {mrr:.3} < {min_mrr}"));
        }
        if !below.is_empty() {
            let cases: Vec<String> = judged
                .iter()
                .filter(|j| j.case.class == class && (j.recall < 1.0 || j.rr < 1.0))
                .map(|j| format!("\n    {}", j.describe()))
                .collect();
            out.push(format!("{class}: {}{}", below.join(", "), cases.concat()));
        }
    }
    out
}

/// Floors broken by cases that are not known gaps, and known gaps that pass.
fn case_failures(judged: &[Judged<'_>]) -> (Vec<String>, Vec<String>) {
    let mut failures = Vec::new();
    let mut promoted = Vec::new();
    for j in judged {
        match (j.case.known_gap, j.problems.is_empty()) {
            (None, false) => failures.push(format!("{} — {}", j.describe(), j.problems.join(", "))),
            (Some(why), true) => promoted.push(format!("{} (known gap: {why}) now passes: promote it", j.describe())),
            _ => {}
        }
    }
    (failures, promoted)
}

#[test]
fn judged_news_queries() {
    let corpus = corpus();
    let index = &corpus.index;
    let segs: Vec<Vec<Vec<String>>> = corpus.articles.iter().map(|a| segments(&a.content)).collect();
    let cases = all_cases(&corpus.articles);
    let mut judged = Vec::new();
    for c in &cases {
        let rel = relevant(c, &corpus.articles, &segs);
        assert!(!rel.is_empty(), "case {:?} has no relevant document: fix the case", c.query);
        let r = index.search(&c.query, LIMIT).unwrap();
        let ids = r.hits.iter().map(|h| index.doc(h.doc).unwrap().id.clone()).collect();
        judged.push(judge(c, rel, ids));
    }

    println!("\n{} articles, {} judged queries\n", corpus.articles.len(), judged.len());
    println!("| class | cases | recall@{K} | MRR | min recall | min MRR | known gaps |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (class, (n, recall, mrr, gaps)) in class_means(&judged) {
        let (_, min_r, min_m) = MINIMUMS.iter().find(|m| m.0 == class).copied().unwrap_or((class, 1.0, 1.0));
        println!("| {class} | {n} | {recall:.3} | {mrr:.3} | {min_r:.2} | {min_m:.2} | {gaps} |");
    }
    let n = judged.len() as f64;
    let (recall, mrr) = judged.iter().fold((0.0, 0.0), |(r, rr), j| (r + j.recall, rr + j.rr));
    let gaps = judged.iter().filter(|j| j.case.known_gap.is_some()).count();
    println!("| **all** | {} | {:.3} | {:.3} | | | {gaps} |", judged.len(), recall / n, mrr / n);

    println!("\nKnown gaps:");
    for j in judged.iter().filter(|j| j.case.known_gap.is_some()) {
        let suggestion = index.search(&j.case.query, 1).unwrap().suggestion;
        println!(
            "- {} — {} [{}; suggestion {suggestion:?}]",
            j.describe(),
            j.case.known_gap.unwrap(),
            j.problems.join(", ")
        );
    }

    let (failures, promoted) = case_failures(&judged);
    let shortfalls = class_shortfalls(&judged, MINIMUMS);
    for f in &failures {
        println!("FAIL {f}");
    }
    for p in &promoted {
        println!("PROMOTE {p}");
    }
    for s in &shortfalls {
        println!("BELOW MINIMUM {s}");
    }
    assert!(failures.is_empty(), "{} judged queries broke their floors:\n{}", failures.len(), failures.join("\n"));
    assert!(promoted.is_empty(), "known gaps that now pass:\n{}", promoted.join("\n"));
    assert!(shortfalls.is_empty(), "classes below their minimums:\n{}", shortfalls.join("\n"));
    assert!(judged.len() >= 200 && corpus.articles.len() >= 300);
}

// Metadata.

const FIELDS: [&str; 4] = ["date", "author", "source", "category"];

/// Known metadata gaps: (layout, field, why). A judgment of an article with that
/// layout on that field is exempt, and must still fail.
const META_GAPS: &[(Layout, &str, &str)] = &[
    // None today. Promoted (issue 10): inline 'Xem thêm: <title>' and 'Tin liên
    // quan: <title>' last lines (links are furniture, a byline label is the whole
    // text before its colon), 'Văn Tài (TTXVN)' (a name, then the organisation in
    // parentheses), captions and video titles starting 'Trường', 'Hội', 'Bộ', 'Sở'
    // taken as the source (a source must look like an organisation's name; a video
    // list is furniture), another article's headline above the title taken as the
    // category (only a known section label is one).
];

fn expected(a: &Article, field: &str) -> Option<String> {
    match field {
        "date" => a.meta.date.clone(),
        "author" => a.meta.author.clone(),
        "source" => a.meta.source.clone(),
        _ => a.meta.category.clone(),
    }
}

fn got(m: &soi_core::Metadata, field: &str) -> Option<String> {
    match field {
        "date" => m.date.clone(),
        "author" => m.author.clone(),
        "source" => m.source.clone(),
        _ => m.category.clone(),
    }
}

#[test]
fn judged_news_metadata() {
    let corpus = corpus();
    let index = &corpus.index;
    let mut failures = Vec::new();
    let mut promoted = Vec::new();
    let mut gap_count: BTreeMap<String, usize> = BTreeMap::new();
    println!();
    for field in FIELDS {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for a in &corpus.articles {
            let meta = &index.doc(index.doc_number(&a.id).unwrap()).unwrap().meta;
            let (want, have) = (expected(a, field), got(meta, field));
            let ok = want == have;
            match (&want, &have) {
                (Some(w), Some(h)) if w == h => tp += 1,
                (Some(_), Some(_)) => {
                    fp += 1;
                    fn_ += 1;
                }
                (Some(_), None) => fn_ += 1,
                (None, Some(_)) => fp += 1,
                (None, None) => {}
            }
            let gap = META_GAPS.iter().find(|(l, f, _)| *f == field && a.layouts.contains(l));
            match (gap, ok) {
                (None, false) => {
                    failures.push(format!("{} {field}: want {want:?}, got {have:?} ({:?})", a.id, a.layouts))
                }
                (Some((l, _, _)), false) => *gap_count.entry(format!("{l:?} {field}")).or_default() += 1,
                _ => {}
            }
        }
        let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
        let recall = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
        println!(
            "metadata {field:<8} precision {precision:.3} recall {recall:.3} ({tp} right, {fp} wrong or unwanted, {fn_} missed; {} articles)",
            corpus.articles.len()
        );
    }
    // A known gap (layout, field) must still fail for some article of its layout.
    for (l, f, why) in META_GAPS {
        if !gap_count.contains_key(&format!("{l:?} {f}")) {
            promoted.push(format!("{l:?} {f} ({why}) no longer fails: promote it"));
        }
    }
    for (k, n) in &gap_count {
        println!("known metadata gap: {k}: {n} articles");
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} metadata judgments failed:\n{}", failures.len(), failures.join("\n"));
    assert!(promoted.is_empty(), "{}", promoted.join("\n"));
}

// The judge itself: each kind of assertion can trip.

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn judge_a_case_below_its_floors_fails_on_its_own() {
    let problems = |c: &Case, rel: &[&str], got: &[&str]| judge(c, ids(rel), ids(got)).problems;
    let plain = case("c", "q", &[]);
    assert!(problems(&plain, &["a"], &["a"]).is_empty());
    assert_eq!(problems(&plain, &["a"], &["1", "2", "3", "a"]), ["first relevant document at rank 4, below 3"]);
    assert_eq!(problems(&plain, &["a"], &["1"]), ["no relevant document", "recall@10 0.00 < 0.5"]);
    // Four relevant, one in the top 10: recall 0.25.
    assert_eq!(problems(&plain, &["a", "b", "c", "d"], &["a"]), ["recall@10 0.25 < 0.5"]);
    // Recall is capped: 10 of 30 relevant in the top 10 is recall 1.
    let many: Vec<String> = (0..30).map(|i| format!("r{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(judge(&plain, ids(&many), ids(&many[..10])).recall, 1.0);
    let first = case("c", "q", &[]).first("b");
    assert_eq!(problems(&first, &["a", "b"], &["a", "b"]), ["first should be b"]);
    let not_top = case("c", "q", &[]).not_top(&["t"]);
    assert_eq!(problems(&not_top, &["a"], &["a", "1", "t"]), ["t in the top 3"]);
    assert!(problems(&not_top, &["a"], &["a", "1", "2", "t"]).is_empty());
    let absent = case("c", "q", &[]).absent(&["t"]);
    let far: Vec<String> = ["a"].into_iter().map(str::to_owned).chain((0..40).map(|i| i.to_string())).collect();
    let mut far = far;
    far.push("t".to_owned());
    assert_eq!(judge(&absent, ids(&["a"]), far).problems, ["t should not match"]);
}

#[test]
fn judge_known_gaps_are_exempt_but_must_still_fail() {
    let gap = case("c", "q", &[]).gap("why");
    let failing = [judge(&gap, ids(&["a"]), ids(&["1"]))];
    assert_eq!(case_failures(&failing), (vec![], vec![]));
    let passing = [judge(&gap, ids(&["a"]), ids(&["a"]))];
    let (failures, promoted) = case_failures(&passing);
    assert!(failures.is_empty());
    assert!(promoted.len() == 1 && promoted[0].contains("known gap: why") && promoted[0].ends_with("promote it"));
    // Without the mark, the same failing answer is a failure.
    let plain = case("c", "q", &[]);
    assert_eq!(case_failures(&[judge(&plain, ids(&["a"]), ids(&["1"]))]).0.len(), 1);
    // A known gap still counts in its class: recall 0 pulls the class below 1.
    let s = class_shortfalls(&failing, &[("c", 1.0, 0.0)]);
    assert!(s.len() == 1 && s[0].starts_with("c: recall@10 0.000 < 1"), "{s:?}");
}

#[test]
fn judge_a_class_below_its_minimum_fails_though_its_cases_pass() {
    let one = case("c", "q", &[]);
    // Relevant at rank 2: the case passes its floors; the class MRR 0.5 does not.
    let j = [judge(&one, ids(&["a"]), ids(&["x", "a"]))];
    assert!(j[0].problems.is_empty(), "{:?}", j[0].problems);
    let s = class_shortfalls(&j, &[("c", 1.0, 1.0)]);
    assert!(s.len() == 1 && s[0].starts_with("c: MRR 0.500 < 1"), "{s:?}");
    assert!(class_shortfalls(&j, &[("c", 1.0, 0.5)]).is_empty());
    assert_eq!(class_shortfalls(&j, &[]), ["c: no minimums in MINIMUMS"]);
}

#[test]
fn the_oracle_respects_sentence_boundaries_and_identifiers() {
    let segs = segments("Tỉnh Quảng Nam. Định hướng đến năm 2030, Quyết định số 1234/QĐ-UBND ngày 2/9/1945 - xong");
    assert!(!contains_phrase(&segs, &words_of("nam định")));
    assert!(contains_phrase(&segs, &words_of("quảng nam")));
    assert!(contains_phrase(&segs, &words_of("1234/qđ-ubnd")));
    assert!(contains_phrase(&segs, &words_of("2/9/1945")));
    assert!(!contains_phrase(&segs, &words_of("1945 xong")));
    assert!(contains_phrase(&segments("giá 1.200 tỷ đồng"), &words_of("1.200 tỷ")));
}
