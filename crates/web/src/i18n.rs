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
    Language,
    Hint,
    Took,
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
        Language => ("English", "Tiếng Việt"),
        Hint => (
            "Gõ để tìm — có dấu hay không dấu đều được. Phím / để tìm.",
            "Type to search, with or without diacritics. Press / to search.",
        ),
        Took => ("trong", "in"),
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
