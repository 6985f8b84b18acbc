//! What `soi build` reads from each of the five seed articles, checked against the
//! seeds themselves (each expected value was read off the file by hand).

use std::path::Path;

use soi_core::ingest::parse_text;
use soi_core::Document;
use soi_core::Metadata;

fn seed(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/demo").join(name);
    parse_text(name, &std::fs::read_to_string(path).unwrap())
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn seed_000_slogan_banner_is_dropped_and_byline_splits() {
    let d = seed("000_4739a6fcc71160b2.txt");
    assert_eq!(d.title, "Trung tâm TT&VH tích cực chuẩn bị đại hội chi bộ nhiệm kỳ 2020 – 2025");
    assert_eq!(
        d.meta,
        Metadata {
            // Only "trung tuần tháng 3/2020" (a planned month) is in the text: no date.
            date: None,
            author: some("Quốc Nghị"),
            source: some("Trung tâm TT&VH Đầm Hà"),
            category: None,
            url: None,
            places: strings(&["Đầm Hà"]), // "Huyện Đầm Hà" in the slogan
            people: vec![],
            doc_refs: strings(&["Chỉ thị 35-CT/TW"]),
        }
    );
    assert!(!d.body.contains("Chủ đề công tác"), "the site slogan is not body");
    assert!(!d.body.contains("Quốc Nghị"), "the byline is not body");
    assert!(d.body.starts_with("Thực hiện chỉ đạo của Ban Thường vụ Huyện ủy"));
}

#[test]
fn seed_001_skip_link_dropped_and_authors_listed() {
    let d = seed("001_a2f285b68495f139.txt");
    assert_eq!(d.title, "Đảng bộ Khối Chính quyền huyện sẵn sàng tổ chức Đại hội");
    assert_eq!(d.meta.author, some("Dương Chiêm, Trịnh Sơn")); // "Thực hiện: Dương Chiêm - Trịnh Sơn"
    assert_eq!(d.meta.source, None);
    assert_eq!(d.meta.date, None);
    assert_eq!(d.meta.category, None);
    assert_eq!(d.meta.people, strings(&["Lương Văn Ngân"]));
    assert!(!d.body.contains("Truy cập nội dung luôn"));
    assert!(!d.body.contains("Thực hiện: Dương Chiêm"));
}

#[test]
fn seed_002_repeated_banner_is_category_and_date_line_is_date() {
    let d = seed("002_1c149590d83d7c3a.txt");
    assert!(d.title.starts_with("ĐỐNG ĐA TỔ CHỨC HỘI NGHỊ TỔNG KẾT"));
    assert_eq!(d.meta.category, some("TIN TỨC HOẠT ĐỘNG"));
    assert_eq!(d.meta.date, some("2020-10-08")); // "Ngày đăng 08/10/2020 | 23:45"
    assert_eq!(d.meta.source, some("BAN TUYÊN GIÁO QUẬN ỦY"));
    assert_eq!(d.meta.author, None);
    assert_eq!(d.meta.places, strings(&["Đống Đa", "Hà Nội"])); // "quận Đống Đa", "Thành phố Hà Nội"
    assert_eq!(d.meta.people, strings(&["Trần Đình Cảnh", "Nguyễn Duy Huệ", "Trần Ngọc Oanh", "Hà Minh Hải"]));
    assert_eq!(d.meta.doc_refs, strings(&["Chỉ thị 35-CT/TW"]));
    assert!(d.body.starts_with("Ngày 8/10, Quận ủy Đống Đa"));
    assert!(!d.body.contains("Lượt xem") && !d.body.contains("====="));
}

#[test]
fn seed_003_category_line_and_dash_date() {
    let d = seed("003_23009b3945b9407f.txt");
    assert!(d.title.starts_with("Chi bộ Cục Thi hành án dân sự tỉnh Lạng Sơn thực hiện tốt"));
    assert_eq!(d.meta.category, some("Hoạt động của các tổ chức Đảng cơ sở"));
    assert_eq!(d.meta.date, some("2020-03-26")); // "26-03-2020 16:25", not the directive's 30-5-2019
    assert_eq!(d.meta.author, some("Lê Thị Nguyệt"));
    assert_eq!(d.meta.source, some("Chi bộ Cục thi hành án dân sự tỉnh Lạng Sơn"));
    assert_eq!(d.meta.places, strings(&["Lạng Sơn"]));
    assert_eq!(d.meta.people, strings(&["Phạm Văn Dũng"]));
    assert_eq!(d.meta.doc_refs, strings(&["Chỉ thị 35-CT/TW"]));
    assert!(!d.body.contains("Tin liên quan"));
    assert!(!d.body.contains("Lê Thị Nguyệt"));
}

#[test]
fn seed_004_page_date_is_not_the_article_date_and_host_is_source() {
    let d = seed("004_41a37cd57bca97c8.txt");
    assert_eq!(d.title, "100% chi bộ trực thuộc các Đảng bộ cơ sở đã tổ chức xong đại hội");
    assert_eq!(d.meta.category, some("Tin tức trong Huyện"));
    // "Hôm nay, Thứ bảy ngày 16/01/2021" is the page's date, not the article's.
    assert_eq!(d.meta.date, None);
    assert_eq!(d.meta.author, some("Trung Hà"));
    assert_eq!(d.meta.source, some("thanhtra.com.vn"));
    assert_eq!(d.meta.places, strings(&["Kim Sơn", "Thượng Kiệm"])); // "huyện Kim Sơn", "xã Thượng Kiệm"
    assert_eq!(d.meta.doc_refs, strings(&["Chỉ thị 35-CT/TW", "Kế hoạch 167-KH/HU"]));
    assert!(!d.body.contains("Hôm nay") && !d.body.contains("thanhtra.com.vn"));
}

#[test]
fn no_text_is_lost_but_furniture() {
    // Every line of a seed is in the title, the body or a metadata value, or is
    // one of the furniture lines the parser drops.
    for name in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/demo")).unwrap() {
        let name = name.unwrap().file_name().to_string_lossy().into_owned();
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/demo").join(&name)).unwrap();
        let d = seed(&name);
        let m = &d.meta;
        let mut known: Vec<&str> = [m.source.as_deref(), m.category.as_deref()].into_iter().flatten().collect();
        known.extend(m.author.iter().flat_map(|a| a.split(", ")));
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let placed = d.title == line
                || d.body.contains(line)
                || known.iter().any(|k| line.contains(k))
                || line.chars().all(|c| !c.is_alphanumeric())
                || ["Truy cập nội dung luôn", "Hôm nay", "Chủ đề công tác", "Tin liên quan", "Ngày đăng", "26-03-2020"]
                    .iter()
                    .any(|f| line.starts_with(f));
            assert!(placed, "{name}: line lost: {line:?}");
        }
    }
}
