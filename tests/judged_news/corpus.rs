//! The news corpus of `judged_news.rs`: about 300 Vietnamese news articles, generated
//! at test time from hand-written templates and vocabulary by a fixed-seed PRNG
//! (the same text on every run and machine), plus hand-written articles that carry
//! the traps (`special.rs`).
//!
//! Every article is built the way scraped news pages are: maybe a section label or
//! another article's headline above the title, a dateline under it (several
//! spellings), a lead, body paragraphs with image captions and historical dates,
//! then a byline or attribution, lists of related articles or of videos. The
//! generator records what it wrote: the article's own text (title and body, for
//! the relevance oracle) and the metadata a reader of the page would take from it
//! ([`MetaExpect`]), each value tied to the layout that produced it ([`Layout`]).

/// SplitMix64: tiny, fixed-seed, the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// Zipf-like: earlier entries are picked far more often (realistic document
    /// frequencies: a few provinces in many articles, most in few).
    pub fn skewed<T: Copy>(&mut self, v: &[T]) -> T {
        let a = self.below(v.len());
        let b = self.below(v.len());
        let c = self.below(v.len());
        v[a.min(b).min(c)]
    }
}

/// Which shape of page produced an article's metadata: the known gaps of the
/// metadata judgments are stated per layout and field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layout {
    /// A known section label above the title.
    CategoryLabel,
    /// Another article's headline (a "hot news" line) above the title.
    HeadlineAbove,
    /// The dateline spellings.
    DatelineWeekday,
    DatelinePosted,
    DatelineUpdated,
    DatelineGmt,
    /// No dateline, the body opening with a historical date.
    HistoryFirstNoDateline,
    /// A dateline, then a body opening with a historical date.
    HistoryFirstWithDateline,
    /// No dateline, no historical opening.
    NoDateline,
    /// Bylines.
    BylineName,
    BylineTheo,
    BylineTheoParen,
    BylineNameDashSource,
    BylineBaiVaAnh,
    BylineNameParenAgency,
    /// No byline: the text ends with an image caption.
    EndsWithCaption,
    /// No byline: the text ends with a list of video titles.
    EndsWithVideos,
    /// No byline: the text ends with a sentence.
    EndsWithSentence,
    /// Related articles after the byline: a "Tin liên quan:" block.
    RelatedBlock,
    /// … a "Xem thêm:" block.
    SeeAlsoBlock,
    /// … one inline "Xem thêm: <title>" line.
    SeeAlsoInline,
    /// … one inline "Tin liên quan: <title>" line.
    RelatedInline,
}

/// What a reader of the page would take as its metadata (`None`: must stay empty).
#[derive(Debug, Clone, Default)]
pub struct MetaExpect {
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub category: Option<String>,
}

pub struct Article {
    pub id: String,
    /// The page as a file (what the engine ingests).
    pub text: String,
    /// The article's own words: title, lead, body, captions (not the dateline,
    /// byline, related or video lists): what the relevance oracle reads.
    pub content: String,
    pub title: String,
    pub topic: &'static str,
    pub layouts: Vec<Layout>,
    pub meta: MetaExpect,
}

pub const PROVINCES: &[&str] = &[
    "Quảng Nam",
    "Nghệ An",
    "Thanh Hóa",
    "Nam Định",
    "Bình Dương",
    "Quảng Ninh",
    "Đồng Nai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Hải Dương",
    "Bắc Ninh",
    "Thừa Thiên Huế",
    "Quảng Ngãi",
    "Bình Định",
    "Gia Lai",
    "Đắk Lắk",
    "Kon Tum",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Lào Cai",
    "Sơn La",
    "Điện Biên",
    "Hà Giang",
    "Lạng Sơn",
    "Cao Bằng",
    "Thái Nguyên",
    "Ninh Bình",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Phú Yên",
    "Bến Tre",
    "Tiền Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Long An",
    "Tây Ninh",
    "Yên Bái",
    "Tuyên Quang",
    "Vĩnh Phúc",
    "Hưng Yên",
    "Thái Bình",
];

const COMMUNES: &[&str] = &[
    "Tân Lập",
    "Hòa Bình",
    "Đông Sơn",
    "Phú Mỹ",
    "Tân Phú",
    "An Khánh",
    "Xuân Lộc",
    "Thạch Thất",
    "Vĩnh Hòa",
    "Bình Minh",
    "Yên Thành",
    "Hương Sơn",
    "Cát Tiên",
    "Tam Kỳ",
    "Mường Tè",
    "Bảo Lộc",
];

const SURNAMES: &[&str] =
    &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
const MIDDLES: &[&str] = &["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Đức", "Thu", "Xuân", "Hồng", "Anh"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Linh", "Long", "Mai", "Phong", "Quân", "Sơn", "Tâm",
    "Thảo", "Trang", "Tuấn", "Việt", "Yến", "Khánh", "Hiếu", "Thắng", "Nhung",
];
const PEN_NAMES: &[&str] = &[
    "Minh Châu",
    "Hoàng Hà",
    "Thu Hằng",
    "Quang Vinh",
    "Ngọc Ánh",
    "Văn Tài",
    "Đức Anh",
    "Hải Yến",
    "Trung Kiên",
    "Phương Thảo",
    "Lê Hoa",
    "Bảo Ngọc",
];
const PAPERS: &[&str] = &["Báo Lao Động", "Báo Nhân Dân", "Báo Thanh Niên", "Báo Tuổi Trẻ", "Báo Đầu tư"];
const THEO: &[&str] = &["TTXVN", "VOV", "Dân trí", "VnExpress", "Vietnamplus"];

/// Known section labels, by topic.
fn label(topic: &str, rng: &mut Rng) -> &'static str {
    match topic {
        "kinh-te" => rng.pick(&["Kinh tế", "Thị trường", "Tài chính"]),
        "the-thao" => rng.pick(&["Thể thao", "Bóng đá"]),
        "suc-khoe" => rng.pick(&["Sức khỏe", "Y tế"]),
        "giao-duc" => rng.pick(&["Giáo dục", "Tuyển sinh"]),
        "dia-phuong" => rng.pick(&["Địa phương", "Xã hội"]),
        _ => rng.pick(&["Thời sự", "Chính trị"]),
    }
}

/// Headlines of other articles, shown above the title on some pages.
const HOT_LINES: &[&str] = &[
    "Giá xăng giảm lần thứ ba liên tiếp",
    "Hà Nội rét đậm dưới 10 độ C",
    "Tăng lương cơ sở từ ngày 1/7",
    "Bão số 4 đổ bộ miền Trung",
    "Vàng miếng lập đỉnh mới",
    "U23 Việt Nam vào bán kết",
    "Điểm chuẩn đại học năm nay",
    "Cảnh báo lừa đảo qua mạng",
];

const GOODS: &[&str] = &["gạo", "cà phê", "thủy sản", "hồ tiêu", "hạt điều", "dệt may", "đồ gỗ", "trái cây", "cao su"];
const COUNTRIES: &[&str] =
    &["Thái Lan", "Indonesia", "Malaysia", "Philippines", "Singapore", "Campuchia", "Lào", "Myanmar"];
const CLUBS: &[&str] = &[
    "Hà Nội FC",
    "Hoàng Anh Gia Lai",
    "Sông Lam Nghệ An",
    "Becamex Bình Dương",
    "Thép Xanh Nam Định",
    "Công an Hà Nội",
    "Đông Á Thanh Hóa",
    "SHB Đà Nẵng",
];
const SPORTS: &[&str] = &["điền kinh", "bơi lội", "cử tạ", "vật", "karate", "bắn cung", "cờ vua", "cầu lông"];
const UNIVERSITIES: &[&str] = &[
    "Bách khoa Hà Nội",
    "Kinh tế Quốc dân",
    "Sư phạm Hà Nội",
    "Y Dược Huế",
    "Cần Thơ",
    "Đà Nẵng",
    "Ngoại thương",
    "Nông Lâm",
];
const FESTIVALS: &[&str] = &["hoa ban", "pháo hoa", "trà hoa vàng", "cà phê", "biển", "Lồng Tồng", "đua ghe ngo"];
const DISEASES: &[&str] = &["sốt xuất huyết", "tay chân miệng", "cúm A", "sởi", "bạch hầu"];

const TITLES: &[(&str, &[&str])] = &[
    (
        "kinh-te",
        &[
            "{P} thu hút hơn {M} tỷ đồng vốn đầu tư vào các khu công nghiệp",
            "Kim ngạch xuất khẩu {G} của {P} tăng mạnh trong {Q} tháng đầu năm",
            "Doanh nghiệp {P} gặp khó vì chi phí logistics tăng cao",
            "Startup fintech ở {P} gọi vốn thành công từ quỹ đầu tư nước ngoài",
            "Giá {G} tăng cao, nông dân {P} phấn khởi vì được mùa được giá",
            "Ngân hàng Nhà nước giữ nguyên lãi suất điều hành, thị trường tài chính ổn định",
            "Thương mại điện tử giúp hợp tác xã ở {P} bán hàng online hiệu quả",
        ],
    ),
    (
        "the-thao",
        &[
            "Đội tuyển Việt Nam thắng {S} trước {C} tại vòng loại World Cup",
            "{CLB} giành chiến thắng quan trọng ở vòng {N} V-League",
            "Huấn luyện viên trưởng công bố danh sách U23 Việt Nam dự SEA Games",
            "Vận động viên {P} giành huy chương vàng {SP} tại Đại hội Thể thao toàn quốc",
            "{P} đăng cai giải bóng đá thanh niên toàn quốc năm {Y}",
            "Cổ động viên {P} đổ ra đường ăn mừng chiến thắng của đội nhà",
        ],
    ),
    (
        "suc-khoe",
        &[
            "Bệnh viện Đa khoa tỉnh {P} cứu sống bệnh nhân ngừng tim nhiều giờ",
            "{P} ghi nhận hơn {M} ca {DIS}, cảnh báo nguy cơ bùng phát dịch",
            "Bộ Y tế khuyến cáo người dân tiêm đủ vắc xin phòng COVID-19",
            "Hàng chục người ở {P} nhập viện nghi ngộ độc thực phẩm sau đám cưới",
            "Bác sĩ trẻ tình nguyện về vùng cao {P} khám bệnh miễn phí cho người dân",
        ],
    ),
    (
        "giao-duc",
        &[
            "{P} có hơn {M} thí sinh đăng ký dự thi tốt nghiệp THPT năm {Y}",
            "Trường Đại học {U} công bố phương án tuyển sinh năm {Y}",
            "Giáo viên vùng cao {P} vượt khó đưa con chữ đến với học sinh",
            "Học sinh {P} giành huy chương tại Olympic Toán học quốc tế",
            "Nhiều trường học ở {P} thiếu phòng học trước thềm năm học mới",
        ],
    ),
    (
        "dia-phuong",
        &[
            "{P} đẩy mạnh xây dựng nông thôn mới gắn với phát triển du lịch",
            "Mưa lớn kéo dài gây ngập úng nhiều tuyến đường ở {P}",
            "{P} khởi công dự án nâng cấp đường tỉnh {N} với tổng vốn {M} tỷ đồng",
            "Lễ hội {F} thu hút hàng chục nghìn du khách đến {P}",
            "Người dân xã {X} tỉnh {P} hiến đất làm đường giao thông nông thôn",
        ],
    ),
    (
        "chinh-tri",
        &[
            "Đoàn đại biểu Quốc hội tỉnh {P} tiếp xúc cử tri trước kỳ họp thứ {K}",
            "Đại hội đại biểu Đảng bộ tỉnh {P} lần thứ {K} nhiệm kỳ 2020-2025 thành công tốt đẹp",
            "{P} triển khai thực hiện Chỉ thị 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp",
            "Kỷ niệm {N} năm Cách mạng tháng Tám và Quốc khánh 2/9 tại {P}",
            "Hội đồng nhân dân tỉnh {P} khai mạc kỳ họp thường lệ cuối năm",
        ],
    ),
];

/// Lead sentences (a long first paragraph ending with a period).
const LEADS: &[&str] = &[
    "{Buoi} ngày {dm}, tại trụ sở UBND tỉnh {P}, lãnh đạo tỉnh đã chủ trì hội nghị sơ kết {Q} tháng đầu năm, đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội và bàn giải pháp cho thời gian tới.",
    "Theo thông tin từ Sở Kế hoạch và Đầu tư tỉnh {P}, trong {Q} tháng đầu năm {Y}, địa phương đã đạt nhiều kết quả tích cực trên các lĩnh vực, đời sống người dân từng bước được cải thiện.",
    "{Buoi} ngày {dm}, ông {R}, Phó Chủ tịch UBND tỉnh {P}, đã chủ trì buổi làm việc với các sở, ngành và địa phương về tiến độ triển khai các nhiệm vụ trọng tâm của năm.",
    "Những ngày qua, người dân ở nhiều xã thuộc tỉnh {P} đặc biệt quan tâm đến thông tin này, bởi nó ảnh hưởng trực tiếp đến sinh kế và cuộc sống hằng ngày của hàng nghìn hộ gia đình.",
];

/// Body sentences per topic.
const SENTENCES: &[(&str, &[&str])] = &[
    (
        "kinh-te",
        &[
            "Tổng kim ngạch xuất khẩu của tỉnh ước đạt {M} triệu USD, tăng {N}% so với cùng kỳ năm trước.",
            "Mặt hàng {G} tiếp tục là thế mạnh, chiếm tỷ trọng lớn trong cơ cấu hàng xuất khẩu.",
            "Nhiều doanh nghiệp cho biết chi phí logistics và giá nguyên liệu đầu vào tăng khiến lợi nhuận giảm sút.",
            "Lãi suất cho vay của các ngân hàng thương mại đã giảm nhẹ, giúp doanh nghiệp dễ tiếp cận vốn hơn.",
            "Tỉnh đã cấp mới giấy chứng nhận đầu tư cho {N} dự án với tổng vốn đăng ký hơn {M} tỷ đồng.",
            "Các khu công nghiệp trên địa bàn đã thu hút thêm nhiều nhà đầu tư FDI đến từ Hàn Quốc và Nhật Bản.",
            "Giá {G} trên thị trường thế giới biến động mạnh, ảnh hưởng đến thu nhập của nông dân.",
            "Theo các chuyên gia, thị trường bất động sản đang có dấu hiệu phục hồi sau thời gian dài trầm lắng.",
            "Nhiều hợp tác xã đã ứng dụng thương mại điện tử, livestream bán hàng trên mạng xã hội.",
            "Một số startup công nghệ tài chính phát triển ví điện tử và dịch vụ thanh toán online cho người dân nông thôn.",
            "Tăng trưởng kinh tế của tỉnh ước đạt {N}%, cao hơn mức bình quân chung của cả nước.",
            "Giá vàng trong nước hôm nay tăng nhẹ theo xu hướng của thị trường thế giới.",
            "Chỉ số giá tiêu dùng tháng này tăng nhẹ so với tháng trước, chủ yếu do giá xăng dầu và thực phẩm.",
            "Doanh nghiệp được khuyến khích đầu tư vào marketing và xây dựng thương hiệu cho sản phẩm.",
        ],
    ),
    (
        "the-thao",
        &[
            "Ngay từ những phút đầu, đội khách đã chủ động dâng cao đội hình và tạo ra nhiều cơ hội nguy hiểm.",
            "Bàn thắng duy nhất của trận đấu đến ở phút {N} sau một pha phối hợp đẹp mắt bên cánh trái.",
            "Huấn luyện viên trưởng cho biết các cầu thủ đã thi đấu đúng tinh thần và chiến thuật đề ra.",
            "Trọng tài đã sử dụng công nghệ VAR để kiểm tra tình huống trước khi cho hưởng quả penalty.",
            "Hàng nghìn cổ động viên đã có mặt trên sân để cổ vũ cho đội nhà.",
            "Với kết quả này, đội bóng vươn lên vị trí thứ {K} trên bảng xếp hạng.",
            "Đoàn thể thao của tỉnh đặt mục tiêu giành ít nhất {N} huy chương vàng tại giải năm nay.",
            "Vận động viên trẻ này đã phá kỷ lục quốc gia ở nội dung {SP} sau nhiều năm tập luyện.",
            "Liên đoàn Bóng đá Việt Nam sẽ tổ chức lễ bốc thăm chia bảng vào tuần tới.",
            "Ban tổ chức cho biết giải đấu được phát sóng trực tiếp và livestream trên nhiều nền tảng.",
            "Sau trận đấu, nhiều fan đã ở lại sân để chụp ảnh cùng các cầu thủ.",
        ],
    ),
    (
        "suc-khoe",
        &[
            "Bệnh nhân được đưa vào viện trong tình trạng nguy kịch, các bác sĩ đã kích hoạt quy trình báo động đỏ.",
            "Từ đầu năm đến nay, toàn tỉnh đã ghi nhận {M} ca mắc {DIS}, tăng so với cùng kỳ.",
            "Ngành y tế khuyến cáo người dân chủ động diệt lăng quăng, vệ sinh môi trường sống.",
            "Trung tâm Kiểm soát bệnh tật tỉnh đã tổ chức tiêm vắc xin cho trẻ em dưới 5 tuổi.",
            "Các bác sĩ cho biết bệnh viện đang quá tải, nhiều bệnh nhân phải nằm ghép.",
            "Đoàn kiểm tra an toàn thực phẩm đã lấy mẫu tại các bếp ăn tập thể và cơ sở chế biến.",
            "Sau khi được cấp cứu kịp thời, sức khỏe của các bệnh nhân đã ổn định.",
            "Người dân có thể đặt lịch khám bệnh online qua ứng dụng của bệnh viện.",
            "Bộ Y tế đề nghị các địa phương tăng cường giám sát, phát hiện sớm các ca bệnh.",
            "Bệnh viện đã triển khai thành công kỹ thuật can thiệp tim mạch hiện đại.",
            "Bệnh nhân được gây tê tại chỗ trước khi các bác sĩ tiến hành thủ thuật.",
            "Luật sư của gia đình bệnh nhân cho biết sẽ bênh vực quyền lợi của người bệnh đến cùng.",
        ],
    ),
    (
        "giao-duc",
        &[
            "Năm nay, toàn tỉnh có {M} thí sinh đăng ký dự thi tốt nghiệp THPT tại {N} điểm thi.",
            "Sở Giáo dục và Đào tạo đã chỉ đạo các trường ôn tập cho học sinh lớp 12.",
            "Nhiều giáo viên vùng cao phải vượt hàng chục cây số đường đèo dốc để đến điểm trường.",
            "Nhà trường đã tổ chức các lớp học STEM và câu lạc bộ tiếng Anh để học sinh luyện thi IELTS.",
            "Phương án tuyển sinh năm nay có nhiều điểm mới, thí sinh cần theo dõi kỹ thông tin.",
            "Tỉnh còn thiếu hàng trăm giáo viên, nhất là giáo viên tiếng Anh và tin học.",
            "Các em học sinh đã đạt thành tích cao tại kỳ thi chọn học sinh giỏi quốc gia.",
            "Trường đã trao học bổng cho {N} sinh viên có hoàn cảnh khó khăn, học tập tốt.",
            "Trong thời gian dịch bệnh, nhiều trường chuyển sang dạy học online.",
            "Phụ huynh mong muốn ngành giáo dục giảm tải chương trình và áp lực thi cử cho con em.",
        ],
    ),
    (
        "dia-phuong",
        &[
            "Đến nay, toàn tỉnh có {N} xã đạt chuẩn nông thôn mới, {K} xã đạt chuẩn nông thôn mới nâng cao.",
            "Người dân đã tự nguyện hiến đất, góp công để mở rộng đường giao thông nông thôn.",
            "Mưa lớn kéo dài khiến nhiều tuyến đường bị ngập sâu, giao thông gần như tê liệt.",
            "Lực lượng chức năng đã sơ tán hàng trăm hộ dân ra khỏi vùng nguy hiểm.",
            "Dự án nâng cấp đường tỉnh có chiều dài hơn {N} km, dự kiến hoàn thành trong hai năm.",
            "Lễ hội năm nay có nhiều hoạt động văn hóa, thể thao đặc sắc, thu hút đông đảo du khách.",
            "Tỉnh đang tập trung phát triển du lịch cộng đồng gắn với bảo tồn văn hóa truyền thống.",
            "Nhiều mô hình trồng trọt, chăn nuôi hiệu quả đã giúp người dân thoát nghèo bền vững.",
            "Chính quyền địa phương đã hỗ trợ người dân khắc phục hậu quả sau cơn bão.",
            "Xã {X} là địa phương đi đầu trong phong trào xây dựng đời sống văn hóa ở khu dân cư.",
            "Tuyến Quốc lộ 1A đoạn qua địa bàn đang được nâng cấp, mở rộng.",
        ],
    ),
    (
        "chinh-tri",
        &[
            "Tại buổi tiếp xúc, cử tri đã kiến nghị nhiều vấn đề về đất đai, môi trường và an sinh xã hội.",
            "Đại biểu Quốc hội đã tiếp thu, giải trình và hứa sẽ chuyển các kiến nghị đến cơ quan có thẩm quyền.",
            "Đại hội đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới gồm {N} đồng chí.",
            "Đại hội thông qua Nghị quyết với các chỉ tiêu phát triển kinh tế - xã hội giai đoạn 2020-2025.",
            "Thực hiện Chỉ thị 35-CT/TW của Bộ Chính trị, các cấp ủy đã chuẩn bị chu đáo văn kiện và nhân sự.",
            "Kỳ họp xem xét, thông qua nhiều nghị quyết quan trọng về ngân sách và đầu tư công.",
            "Lãnh đạo tỉnh nhấn mạnh yêu cầu đẩy mạnh cải cách hành chính, nâng cao chỉ số năng lực cạnh tranh.",
            "Hội nghị đã quán triệt các văn bản mới của Trung ương đến cán bộ, đảng viên.",
            "Đồng chí Bí thư Tỉnh ủy đề nghị các cấp, các ngành tập trung tháo gỡ khó khăn cho doanh nghiệp.",
            "Cách mạng tháng Tám năm 1945 thành công đã mở ra kỷ nguyên độc lập, tự do cho dân tộc.",
        ],
    ),
];

/// Sentences any article may carry: the words found in most articles.
const GENERIC: &[&str] = &[
    "Đây là kết quả đáng ghi nhận, tạo tiền đề để địa phương phát triển kinh tế - xã hội trong thời gian tới.",
    "Theo lãnh đạo địa phương, thời gian tới sẽ tiếp tục tháo gỡ khó khăn, tạo điều kiện thuận lợi cho người dân và doanh nghiệp.",
    "Người dân rất phấn khởi và mong muốn chính quyền tiếp tục quan tâm, hỗ trợ.",
    "Các sở, ngành liên quan được giao phối hợp chặt chẽ để triển khai thực hiện có hiệu quả.",
    "Năm nay, tỉnh phấn đấu hoàn thành vượt mức các chỉ tiêu đã đề ra.",
    "Tuy nhiên, bên cạnh những kết quả đạt được, vẫn còn một số hạn chế cần sớm khắc phục.",
];

/// Historical sentences, some to open a body.
const HISTORY: &[&str] = &[
    "Ngày 2/9/1945, tại Quảng trường Ba Đình, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập, khai sinh nước Việt Nam Dân chủ Cộng hòa.",
    "Ngày 19/8/1945, hàng vạn người dân Hà Nội xuống đường khởi nghĩa giành chính quyền, mở đầu cho thắng lợi của Cách mạng tháng Tám.",
    "Năm 1954, sau chiến thắng Điện Biên Phủ, miền Bắc bước vào thời kỳ khôi phục và xây dựng.",
    "Ngày 30/4/1975, đất nước hoàn toàn thống nhất, non sông thu về một mối.",
    "Ngày 3/2/1930, Đảng Cộng sản Việt Nam ra đời, đánh dấu bước ngoặt của cách mạng Việt Nam.",
    "Từ năm 1986, công cuộc Đổi mới đã đưa đất nước thoát khỏi khủng hoảng kinh tế - xã hội.",
];

/// Image captions (a line without a final period, inside or at the end of the text).
const CAPTIONS: &[&str] = &[
    "Quang cảnh hội nghị tại hội trường UBND tỉnh {P}",
    "Bộ trưởng Bộ Y tế kiểm tra công tác phòng chống dịch tại {P}",
    "Sở Giáo dục và Đào tạo {P} kiểm tra điểm thi",
    "Người dân {P} tham gia lễ hội đông vui",
    "Học sinh vùng cao {P} trong giờ học",
    "Lãnh đạo tỉnh {P} thăm mô hình sản xuất của nông dân",
    "Trường Tiểu học xã {X} trong ngày khai giảng",
    "Hội viên nông dân {P} thu hoạch lúa",
    "Các cầu thủ ăn mừng bàn thắng",
    "Ảnh minh họa",
];

/// Titles of videos listed after some articles.
const VIDEOS: &[&str] = &[
    "Bàn thắng của Công Phượng vào lưới Thái Lan",
    "Hội An rực rỡ đêm rằm tháng Giêng",
    "Trường học vùng cao đón học sinh sau lũ",
    "Toàn cảnh lễ khai mạc SEA Games",
    "Cận cảnh cây cầu dài nhất miền Tây",
    "Bộ đội giúp dân thu hoạch lúa chạy lũ",
    "Khoảnh khắc cổ động viên vỡ òa cảm xúc",
    "Sở Y tế khuyến cáo phòng bệnh mùa mưa",
];

/// Titles of related articles (block and inline lists).
const RELATED: &[&str] = &[
    "Giá lúa gạo tăng mạnh sau mùa lũ",
    "Học sinh miền núi đến trường bằng thuyền",
    "Nâng cao chất lượng khám chữa bệnh tuyến cơ sở",
    "Đội tuyển nữ Việt Nam tập trung chuẩn bị cho Asian Cup",
    "Cử tri kiến nghị xử lý dứt điểm các dự án chậm tiến độ",
    "Phát triển du lịch xanh gắn với bảo vệ môi trường",
    "Bình Dương thu hút vốn FDI dẫn đầu cả nước",
    "Trường Đại học Cần Thơ mở ngành đào tạo mới",
];

const WEEKDAYS: &[&str] = &["Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư"];

/// Leap years of 1970–2099 (every fourth).
fn leap(y: usize) -> bool {
    y & 3 == 0
}

fn days_in_month(m: usize, y: usize) -> usize {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (for the weekday of a dateline).
fn days_since_epoch(d: usize, m: usize, y: usize) -> usize {
    let mut n = 0;
    for yy in 1970..y {
        n += if leap(yy) { 366 } else { 365 };
    }
    for mm in 1..m {
        n += days_in_month(mm, y);
    }
    n + d - 1
}

/// A person's full name.
fn person(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(SURNAMES), rng.pick(MIDDLES), rng.pick(GIVEN))
}

/// The values of one article's slots.
struct Slots {
    province: &'static str,
    commune: &'static str,
    person: String,
    year: usize,
    day: usize,
    month: usize,
    goods: &'static str,
    disease: &'static str,
}

fn fill(template: &str, s: &Slots, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        let key = &rest[open + 1..close];
        let value: String = match key {
            "P" => s.province.to_owned(),
            "X" => s.commune.to_owned(),
            "R" => s.person.clone(),
            "Y" => s.year.to_string(),
            "dm" => format!("{}/{}", s.day, s.month),
            "Q" => rng.pick(&["3", "6", "9"]).to_string(),
            "N" => rng.range(2, 60).to_string(),
            "M" => rng.range(120, 4800).to_string(),
            "K" => rng.range(2, 19).to_string(),
            "S" => rng.pick(&["1-0", "2-0", "2-1", "3-1", "3-0"]).to_string(),
            "C" => rng.pick(COUNTRIES).to_string(),
            "CLB" => rng.pick(CLUBS).to_string(),
            "SP" => rng.pick(SPORTS).to_string(),
            "U" => rng.pick(UNIVERSITIES).to_string(),
            "F" => rng.pick(FESTIVALS).to_string(),
            "G" => s.goods.to_owned(),
            "DIS" => s.disease.to_owned(),
            "Buoi" => rng.pick(&["Sáng", "Chiều"]).to_string(),
            other => panic!("unknown slot {other}"),
        };
        out.push_str(&value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn fill_one(list: &[&str], s: &Slots, rng: &mut Rng) -> String {
    let t = rng.pick(list);
    fill(t, s, rng)
}

fn topic_list<'a>(table: &'a [(&str, &'a [&'a str])], topic: &str) -> &'a [&'a str] {
    table.iter().find(|(t, _)| *t == topic).map(|(_, v)| *v).unwrap()
}

pub const TOPICS: &[&str] = &["kinh-te", "the-thao", "suc-khoe", "giao-duc", "dia-phuong", "chinh-tri"];

/// The generated part of the corpus: `n` articles, the same on every run.
pub fn generate(n: usize) -> Vec<Article> {
    let mut rng = Rng::new(0x5011_2016);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let topic = TOPICS[i % TOPICS.len()];
        let year = rng.range(2015, 2023);
        let month = rng.range(1, 12);
        let day = rng.range(1, days_in_month(month, year));
        let s = Slots {
            province: rng.skewed(PROVINCES),
            commune: rng.pick(COMMUNES),
            person: person(&mut rng),
            year,
            day,
            month,
            goods: rng.pick(GOODS),
            disease: rng.pick(DISEASES),
        };
        let mut layouts = Vec::new();
        let mut meta = MetaExpect::default();
        let mut lines: Vec<String> = Vec::new();

        // Above the title.
        match rng.below(10) {
            0..=2 => {
                let l = label(topic, &mut rng);
                lines.push(l.to_owned());
                meta.category = Some(l.to_owned());
                layouts.push(Layout::CategoryLabel);
            }
            3 => {
                lines.push(rng.pick(HOT_LINES).to_string());
                layouts.push(Layout::HeadlineAbove);
            }
            _ => {}
        }
        let title = fill_one(topic_list(TITLES, topic), &s, &mut rng);
        lines.push(title.clone());

        // The dateline.
        let (hh, mm) = (rng.range(6, 22), rng.range(0, 59));
        let iso = format!("{year:04}-{month:02}-{day:02}");
        let history_first = rng.chance(12);
        let dateline = match rng.below(10) {
            0..=2 => {
                let wd = WEEKDAYS[days_since_epoch(day, month, year) % 7];
                layouts.push(Layout::DatelineWeekday);
                Some(format!("{wd}, {day}/{month}/{year} {hh:02}:{mm:02}"))
            }
            3..=4 => {
                layouts.push(Layout::DatelinePosted);
                Some(format!("Ngày đăng {day:02}/{month:02}/{year} | {hh:02}:{mm:02}"))
            }
            5 => {
                layouts.push(Layout::DatelineUpdated);
                Some(format!("Cập nhật: {hh:02}:{mm:02} ngày {day:02}/{month:02}/{year}"))
            }
            6 => {
                layouts.push(Layout::DatelineGmt);
                Some(format!("{day:02}/{month:02}/{year} {hh:02}:{mm:02} GMT+7"))
            }
            _ => None,
        };
        if let Some(d) = dateline {
            lines.push(d);
            meta.date = Some(iso);
            if history_first {
                layouts.push(Layout::HistoryFirstWithDateline);
            }
        } else if history_first {
            layouts.push(Layout::HistoryFirstNoDateline);
        } else {
            layouts.push(Layout::NoDateline);
        }
        lines.push(String::new());

        // The body: lead, paragraphs, captions, history.
        let mut content = vec![title.clone()];
        let mut paragraphs: Vec<String> = Vec::new();
        let lead = fill_one(LEADS, &s, &mut rng);
        if history_first {
            let h = if topic == "chinh-tri" || rng.chance(50) { rng.pick(HISTORY) } else { HISTORY[0] };
            paragraphs.push(format!("{h} {lead}"));
        } else {
            paragraphs.push(lead);
        }
        if rng.chance(40) {
            paragraphs.push(fill_one(CAPTIONS, &s, &mut rng));
        }
        let sentences = topic_list(SENTENCES, topic);
        let wanted = rng.range(3, 16);
        let mut para = Vec::new();
        for k in 0..wanted {
            let t = if rng.chance(20) { rng.pick(GENERIC) } else { rng.pick(sentences) };
            para.push(fill(t, &s, &mut rng));
            if topic == "chinh-tri" && k == 1 && rng.chance(40) {
                para.push(rng.pick(HISTORY).to_string());
            }
            if para.len() >= rng.range(2, 4) {
                paragraphs.push(para.join(" "));
                para.clear();
            }
        }
        if !para.is_empty() {
            paragraphs.push(para.join(" "));
        }

        // The end: a byline, or a caption, videos or a sentence with nothing after.
        let mut tail: Vec<String> = Vec::new();
        match rng.below(12) {
            0..=2 => {
                let name = if rng.chance(50) { rng.pick(PEN_NAMES).to_string() } else { person(&mut rng) };
                tail.push(name.clone());
                meta.author = Some(name);
                layouts.push(Layout::BylineName);
            }
            3 => {
                let src = rng.pick(THEO);
                tail.push(format!("Theo {src}"));
                meta.source = Some(src.to_owned());
                layouts.push(Layout::BylineTheo);
            }
            4 => {
                let src = rng.pick(THEO);
                tail.push(format!("(Theo {src})"));
                meta.source = Some(src.to_owned());
                layouts.push(Layout::BylineTheoParen);
            }
            5 => {
                let (name, paper) = (rng.pick(PEN_NAMES), rng.pick(PAPERS));
                tail.push(format!("{name} - {paper}"));
                meta.author = Some(name.to_owned());
                meta.source = Some(paper.to_owned());
                layouts.push(Layout::BylineNameDashSource);
            }
            6 => {
                let name = rng.pick(PEN_NAMES);
                tail.push(format!("Bài và ảnh: {name}"));
                meta.author = Some(name.to_owned());
                layouts.push(Layout::BylineBaiVaAnh);
            }
            7 => {
                let name = rng.pick(PEN_NAMES);
                tail.push(format!("{name} (TTXVN)"));
                meta.author = Some(name.to_owned());
                meta.source = Some("TTXVN".to_owned());
                layouts.push(Layout::BylineNameParenAgency);
            }
            8 => {
                paragraphs.push(fill_one(CAPTIONS, &s, &mut rng));
                layouts.push(Layout::EndsWithCaption);
            }
            9 => {
                layouts.push(Layout::EndsWithVideos);
            }
            _ => layouts.push(Layout::EndsWithSentence),
        }
        let ends_with_videos = layouts.contains(&Layout::EndsWithVideos);
        if !ends_with_videos && !layouts.contains(&Layout::EndsWithCaption) {
            // Related articles (only after a byline or the text).
            match rng.below(8) {
                0 | 1 => {
                    tail.push(String::new());
                    tail.push("Tin liên quan:".to_owned());
                    for _ in 0..rng.range(2, 4) {
                        tail.push(rng.pick(RELATED).to_string());
                    }
                    layouts.push(Layout::RelatedBlock);
                }
                2 => {
                    tail.push(String::new());
                    tail.push("Xem thêm:".to_owned());
                    for _ in 0..rng.range(2, 3) {
                        tail.push(rng.pick(RELATED).to_string());
                    }
                    layouts.push(Layout::SeeAlsoBlock);
                }
                3 => {
                    tail.push(format!("Xem thêm: {}", rng.pick(RELATED)));
                    layouts.push(Layout::SeeAlsoInline);
                }
                4 => {
                    tail.push(format!("Tin liên quan: {}", rng.pick(RELATED)));
                    layouts.push(Layout::RelatedInline);
                }
                _ => {}
            }
        }
        if ends_with_videos {
            tail.push(String::new());
            tail.push(rng.pick(&["Video đang được xem nhiều", "VIDEO NỔI BẬT", "Video:"]).to_string());
            for _ in 0..rng.range(2, 4) {
                tail.push(rng.pick(VIDEOS).to_string());
            }
        }

        content.extend(paragraphs.iter().cloned());
        for p in &paragraphs {
            lines.push(p.clone());
            lines.push(String::new());
        }
        lines.extend(tail);
        let id = format!("{}-{:03}.txt", topic, i);
        out.push(Article { id, text: lines.join("\n"), content: content.join("\n"), title, topic, layouts, meta });
    }
    out
}
