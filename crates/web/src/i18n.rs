//! The UI's words in Vietnamese and English. The language follows the browser
//! (`vi…` → Vietnamese, anything else → English) and can be switched.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// From `navigator.language`.
    pub fn from_browser() -> Lang {
        let lang = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
        if lang.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// Every piece of UI text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    SearchLabel,
    Placeholder,
    Loading,
    LoadFailed,
    Result,
    Results,
    NoResults,
    LeftOut,
    Partial,
    DidYouMean,
    Back,
    Matches,
    Match,
    Prev,
    Next,
    Sort,
    Relevance,
    Newest,
    Oldest,
    Filters,
    CloseFilters,
    Show,
    ClearAll,
    Remove,
    Dates,
    Articles,
    TopPlaces,
    TopSources,
    Related,
    Original,
    Language,
    Hint,
    Took,
    Overview,
    TopPeople,
    TopDocRefs,
    Timeline,
    OnlyOnce,
    ShowAll,
    ShowFewer,
    FindIn,
    FindPlaceholder,
    NothingMatches,
    TopListed,
    Showing,
    Of,
    LoadingMore,
    Searching,
    LoadingIndex,
    Opening,
    SlowLoad,
    SlowSearch,
    NothingYet,
    From,
    To,
    Facet(&'static str),
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    let (vi, en) = match key {
        SearchLabel => ("Tìm kiếm bài viết", "Search articles"),
        Placeholder => ("Tìm kiếm… (ví dụ: dai hoi, Kim Sơn)", "Search… (e.g. dai hoi, Kim Sơn)"),
        Loading => ("Đang tải chỉ mục…", "Loading the index…"),
        LoadFailed => ("Không mở được chỉ mục tìm kiếm", "The search index could not be opened"),
        Result => ("kết quả", "result"),
        Results => ("kết quả", "results"),
        NoResults => ("Không tìm thấy kết quả cho", "No results for"),
        LeftOut => ("Không bài nào chứa (đã bỏ qua):", "No article contains (left out):"),
        Partial => (
            "Không bài nào khớp mọi từ; đây là các bài khớp nhiều từ nhất.",
            "No article matches every word; these match the most.",
        ),
        DidYouMean => ("Có phải bạn muốn tìm:", "Did you mean:"),
        Back => ("← Kết quả", "← Results"),
        Matches => ("chỗ khớp", "matches"),
        Match => ("Chỗ khớp", "Match"),
        Prev => ("← Trước", "← Previous"),
        Next => ("Sau →", "Next →"),
        Sort => ("Sắp xếp", "Sort"),
        Relevance => ("Liên quan nhất", "Relevance"),
        Newest => ("Mới nhất", "Newest"),
        Oldest => ("Cũ nhất", "Oldest"),
        Filters => ("Bộ lọc", "Filters"),
        CloseFilters => ("Đóng", "Close"),
        Show => ("Xem", "Show"),
        ClearAll => ("Xoá tất cả", "Clear all"),
        Remove => ("Bỏ lọc", "Remove filter"),
        Dates => ("Thời gian", "Dates"),
        Articles => ("bài viết", "articles"),
        TopPlaces => ("Địa danh nhiều nhất", "Most frequent places"),
        TopSources => ("Nguồn nhiều nhất", "Most frequent sources"),
        Related => ("Bài liên quan", "Related articles"),
        Original => ("Xem bài gốc", "Original article"),
        Language => ("English", "Tiếng Việt"),
        Hint => (
            "Gõ để tìm — có dấu hay không dấu đều được. Phím / để tìm.",
            "Type to search, with or without diacritics. Press / to search.",
        ),
        Took => ("trong", "in"),
        Overview => ("Tổng quan", "Overview"),
        TopPeople => ("Nhân vật nhiều nhất", "Most frequent people"),
        TopDocRefs => ("Văn bản được nhắc nhiều nhất", "Most cited documents"),
        Timeline => ("Số bài theo tháng", "Articles per month"),
        OnlyOnce => ("Mỗi giá trị chỉ có trong một bài.", "Each value is in one article only."),
        ShowAll => ("Xem tất cả", "Show all"),
        ShowFewer => ("Thu gọn", "Show fewer"),
        FindIn => ("Tìm trong", "Find in"),
        FindPlaceholder => ("Tìm…", "Find…"),
        NothingMatches => ("Không giá trị nào khớp", "Nothing matches"),
        TopListed => ("Chỉ liệt kê {n} giá trị nhiều nhất.", "Only the {n} most frequent are listed."),
        Showing => ("Đang hiện", "Showing"),
        Of => ("trên", "of"),
        LoadingMore => ("Đang tải thêm…", "Loading more…"),
        Searching => ("Đang tìm…", "Searching…"),
        LoadingIndex => ("Tải chỉ mục tìm kiếm", "Loading the search index"),
        Opening => ("Đang kiểm tra và mở chỉ mục…", "Checking and opening the index…"),
        SlowLoad => (
            "Việc tải lâu hơn thường lệ: chỉ mục lớn hoặc mạng chậm. Kết quả sẽ hiện ngay khi tải xong.",
            "This is taking longer than usual: the index is large or the connection slow. Results show as soon as it has loaded.",
        ),
        SlowSearch => (
            "Việc tải lâu hơn thường lệ: chỉ mục lớn hoặc mạng chậm. Kết quả sẽ hiện ngay khi phần còn lại của chỉ mục tải xong.",
            "This is taking longer than usual: the index is large or the connection slow. Results show as soon as the rest of the index has loaded.",
        ),
        NothingYet => (
            "Máy chủ chưa gửi gì. Nếu mãi không tải xong, hãy tải lại trang.",
            "Nothing has arrived from the server yet. If it never finishes, reload the page.",
        ),
        From => ("Từ", "From"),
        To => ("Đến", "To"),
        Facet(name) => match name {
            "source" => ("Nguồn", "Source"),
            "category" => ("Chuyên mục", "Category"),
            "author" => ("Tác giả", "Author"),
            "place" => ("Địa danh", "Place"),
            "person" => ("Nhân vật", "Person"),
            "doc_ref" => ("Văn bản", "Document"),
            _ => ("Khác", "Other"),
        },
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// `n` with the thousands grouped as `lang` writes them: `10.000` in Vietnamese,
/// `10,000` in English.
pub fn number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Vi => ".",
        Lang::En => ",",
    };
    // Groups of three from the right; the digits are ASCII.
    let groups: Vec<&str> = digits.as_bytes().rchunks(3).rev().map(|g| std::str::from_utf8(g).unwrap_or("")).collect();
    groups.join(sep)
}

/// `x` (not negative) to one decimal, with the decimal mark `lang` writes:
/// `1,5` in Vietnamese, `1.5` in English. By whole numbers of tenths, so the
/// app's wasm carries no float formatting.
pub fn tenths(lang: Lang, x: f64) -> String {
    // `as` saturates: NaN is 0, an absurdly large value the largest.
    let t = (x.max(0.0) * 10.0).round() as u64;
    let mark = match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    };
    format!("{}{mark}{}", t / 10, t % 10)
}

/// The "show more" button: how many more results it shows.
pub fn show_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("Xem thêm {} kết quả", number(lang, n)),
        Lang::En => format!("Show {} more", number(lang, n)),
    }
}
