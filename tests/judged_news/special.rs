//! Hand-written articles of the news corpus: the traps of issue 10 (a name split
//! across a full stop, syllables of a word scattered, one-off misspellings of
//! frequent words, tone variants of one folded syllable, English words, official
//! identifiers), each a page with the same furniture as the generated ones.

use super::corpus::{Article, Layout, MetaExpect};

struct Page {
    id: &'static str,
    above: Option<&'static str>,
    title: &'static str,
    dateline: Option<&'static str>,
    body: &'static str,
    tail: &'static str,
    date: Option<&'static str>,
    author: Option<&'static str>,
    source: Option<&'static str>,
    category: Option<&'static str>,
}

const fn page(id: &'static str, title: &'static str, body: &'static str) -> Page {
    Page {
        id,
        above: None,
        title,
        dateline: None,
        body,
        tail: "",
        date: None,
        author: None,
        source: None,
        category: None,
    }
}

const PAGES: &[Page] = &[
    Page {
        dateline: Some("Thứ Hai, 12/9/2016 08:15"),
        date: Some("2016-09-12"),
        tail: "Minh Châu - Báo Lao Động",
        author: Some("Minh Châu"),
        source: Some("Báo Lao Động"),
        above: Some("Địa phương"),
        category: Some("Địa phương"),
        ..page(
            "dac-biet-quangnam.txt",
            "Quảng Nam công bố quy hoạch vùng ven biển và phát triển đô thị Tam Kỳ",
            "Chiều 11/9, UBND tỉnh đã tổ chức hội nghị công bố quy hoạch vùng ven biển, với sự tham gia của đông đảo doanh nghiệp và nhà đầu tư trong, ngoài tỉnh.\n\nQuy hoạch mới mở ra nhiều cơ hội cho các huyện ven biển của tỉnh Quảng Nam. Định hướng đến năm 2030, vùng ven biển sẽ trở thành trung tâm du lịch, dịch vụ chất lượng cao của khu vực miền Trung.\n\nLãnh đạo tỉnh cam kết tạo mọi điều kiện thuận lợi về thủ tục hành chính và mặt bằng cho nhà đầu tư. Định kỳ hằng quý, tỉnh sẽ tổ chức đối thoại với doanh nghiệp để tháo gỡ vướng mắc.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 18/08/2016 | 09:15"),
        date: Some("2016-08-18"),
        tail: "Theo TTXVN",
        source: Some("TTXVN"),
        ..page(
            "dac-biet-namdinh.txt",
            "Nam Định phát triển làng nghề dệt truyền thống gắn với du lịch trải nghiệm",
            "Những năm gần đây, nhiều làng nghề dệt ở Nam Định đã đổi mới mẫu mã, đưa sản phẩm lên các sàn thương mại điện tử và đón khách du lịch đến tham quan, trải nghiệm.\n\nÔng Trần Văn Hùng, chủ một cơ sở dệt ở huyện Ý Yên, cho biết mỗi tháng cơ sở đón hàng trăm lượt khách. Tỉnh Nam Định hiện có hơn 90 làng nghề được công nhận.",
        )
    },
    Page {
        dateline: Some("Cập nhật: 10:20 ngày 05/03/2021"),
        date: Some("2021-03-05"),
        tail: "Bài và ảnh: Quang Vinh",
        author: Some("Quang Vinh"),
        ..page(
            "dac-biet-daibieu.txt",
            "Cử tri gửi gắm nhiều tâm tư đến đại biểu trước kỳ họp cuối nhiệm kỳ",
            "Đại biểu HĐND tỉnh và đại diện các hội đoàn thể đã có buổi gặp gỡ cử tri tại nhà văn hóa thôn, ghi nhận nhiều ý kiến xác đáng của bà con về đất đai, môi trường.\n\nĐại biểu cho biết các ý kiến sẽ được tổng hợp, gửi đến Quốc hội và các bộ, ngành. Cử tri đề nghị Hội Nông dân, Hội Phụ nữ tăng cường hỗ trợ hội viên vay vốn sản xuất. Nhiều đại biểu cũng trao đổi về công tác chuẩn bị bầu cử đại biểu Quốc hội, đại biểu Hội đồng nhân dân các cấp.",
        )
    },
    Page {
        dateline: Some("Thứ Sáu, 7/10/2022 15:40"),
        date: Some("2022-10-07"),
        tail: "Hoàng Hà",
        author: Some("Hoàng Hà"),
        ..page(
            "dac-biet-tinhh.txt",
            "UBND tỉnh Kon Tum chỉ đạo khẩn trương khắc phục sạt lở trên các tuyến đường miền núi",
            "Ngày 6/10, UBND tinhh Kon Tum đã có văn bản chỉ đạo các sở, ngành và địa phương khẩn trương khắc phục các điểm sạt lở trên tuyến đường giao thông miền núi, bảo đảm an toàn cho người dân.\n\nMưa lớn nhiều ngày qua đã gây sạt lở nghiêm trọng tại huyện Tu Mơ Rông và Đăk Glei, nhiều thôn bị cô lập.",
        )
    },
    Page {
        dateline: Some("20/05/2019 07:30 GMT+7"),
        date: Some("2019-05-20"),
        tail: "(Theo VnExpress)",
        source: Some("VnExpress"),
        ..page(
            "dac-biet-kinhtebien.txt",
            "Khánh Hòa tập trung phát triển kinh tế biển thành động lực tăng trưởng của tỉnh",
            "Với hơn 385 km bờ biển và hàng trăm hòn đảo lớn nhỏ, Khánh Hòa xác định phát triển kinh tê biển là nhiệm vụ trọng tâm trong giai đoạn tới, gắn với bảo vệ chủ quyền biển đảo.\n\nTỉnh ưu tiên phát triển du lịch biển, nuôi trồng thủy sản công nghệ cao và dịch vụ cảng biển, logistics.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 02/11/2020 | 14:05"),
        date: Some("2020-11-02"),
        tail: "Thu Hằng - Báo Đầu tư",
        author: Some("Thu Hằng"),
        source: Some("Báo Đầu tư"),
        ..page(
            "dac-biet-ngiep.txt",
            "Hiệp hội Doanh nghiệp nhỏ và vừa kiến nghị gia hạn thuế cho các doanh nghiệp bị ảnh hưởng",
            "Trong văn bản gửi Bộ Tài chính, hiệp hội cho biết nhiều doanh ngiệp nhỏ và vừa đang gặp khó khăn về dòng tiền do đơn hàng sụt giảm mạnh trong năm.\n\nHiệp hội đề xuất gia hạn nộp thuế giá trị gia tăng, thuế thu nhập và tiền thuê đất thêm sáu tháng.",
        )
    },
    Page {
        dateline: Some("Thứ Tư, 5/9/2018 09:00"),
        date: Some("2018-09-05"),
        tail: "Phương Thảo",
        author: Some("Phương Thảo"),
        ..page(
            "dac-biet-truong.txt",
            "Học sinh huyện miền núi Sơn La háo hức trong ngày khai giảng năm học mới",
            "Sáng 5/9, hơn 3.000 học sinh của huyện đã dự lễ khai giảng năm học mới. Nhiều trườg học được xây mới, khang trang hơn nhờ sự chung tay của các nhà hảo tâm.\n\nCác thầy cô giáo đã đến từng bản vận động học sinh ra lớp đầy đủ, không để em nào phải bỏ học.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 14/02/2021 | 20:10"),
        date: Some("2021-02-14"),
        tail: "Theo VOV",
        source: Some("VOV"),
        ..page(
            "dac-biet-bengvien.txt",
            "Bệnh nhân ở Lạng Sơn được cứu sống nhờ hội chẩn từ xa với bệnh viện tuyến trung ương",
            "Nhờ hệ thống hội chẩn từ xa, các bác sĩ của bệnh viện tỉnh đã kịp thời xin ý kiến chuyên gia tuyến trên và cứu sống một bệnh nhân bị nhồi máu cơ tim cấp.\n\nGia đình bệnh nhân gửi lời cảm ơn các y bác sĩ của bệng viện đã tận tình cứu chữa.",
        )
    },
    Page {
        dateline: Some("Thứ Bảy, 8/6/2019 10:00"),
        date: Some("2019-06-08"),
        tail: "Bảo Ngọc",
        author: Some("Bảo Ngọc"),
        ..page(
            "dac-biet-daiduong.txt",
            "Ngày Đại dương thế giới: chung tay giảm rác thải nhựa ra biển",
            "Hưởng ứng Ngày Đại dương thế giới, hàng nghìn đoàn viên thanh niên đã tham gia thu gom rác thải nhựa dọc bờ biển. Mỗi năm, hàng triệu tấn rác thải nhựa đổ ra đại dương, đe dọa hệ sinh thái biển.\n\nCác chuyên gia cảnh báo đến năm 2050, lượng nhựa trong đại dương có thể nhiều hơn lượng cá nếu không có hành động quyết liệt.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 21/01/2020 | 08:45"),
        date: Some("2020-01-21"),
        ..page(
            "dac-biet-miaduong.txt",
            "Giá đường trong nước giảm sâu, người trồng mía ở Tây Ninh lao đao",
            "Giá đường bán lẻ trên thị trường đã giảm mạnh do đường nhập lậu tràn vào, khiến các nhà máy đường thu mua mía với giá thấp. Nhiều hộ trồng mía đã chuyển sang trồng cây khác.\n\nHiệp hội Mía đường kiến nghị tăng cường chống buôn lậu đường qua biên giới.",
        )
    },
    Page {
        dateline: Some("Thứ Ba, 15/8/2017 16:20"),
        date: Some("2017-08-15"),
        tail: "Nguyễn Thị Lan",
        author: Some("Nguyễn Thị Lan"),
        ..page(
            "dac-biet-boiduong.txt",
            "Hơn 2.000 giáo viên Nghệ An tham gia bồi dưỡng chương trình giáo dục phổ thông mới",
            "Sở Giáo dục và Đào tạo tỉnh đã tổ chức các lớp bồi dưỡng chuyên môn trong dịp hè cho giáo viên tiểu học và trung học cơ sở.\n\nNội dung bồi dưỡng tập trung vào phương pháp dạy học tích cực và đánh giá năng lực học sinh. Ngoài ra, giáo viên được hướng dẫn về dinh dưỡng học đường.",
        )
    },
    Page {
        dateline: Some("Cập nhật: 11:00 ngày 20/03/2023"),
        date: Some("2023-03-20"),
        tail: "(Theo Dân trí)",
        source: Some("Dân trí"),
        above: Some("Công nghệ"),
        category: Some("Công nghệ"),
        ..page(
            "dac-biet-ai.txt",
            "Doanh nghiệp Việt ứng dụng AI và chatbot để chăm sóc khách hàng",
            "Nhiều doanh nghiệp đã đưa chatbot sử dụng trí tuệ nhân tạo (AI) vào chăm sóc khách hàng, trả lời tự động trên website và smartphone suốt 24 giờ.\n\nTheo các chuyên gia, machine learning và điện toán đám mây (cloud) giúp doanh nghiệp giảm chi phí vận hành. Tuy vậy, việc bảo vệ dữ liệu cá nhân vẫn là thách thức lớn.",
        )
    },
    Page {
        dateline: Some("Thứ Sáu, 24/11/2023 21:00"),
        date: Some("2023-11-24"),
        tail: "Ngọc Ánh",
        author: Some("Ngọc Ánh"),
        ..page(
            "dac-biet-flashsale.txt",
            "Mua sắm Black Friday: người tiêu dùng săn flash sale và voucher giảm giá",
            "Dịp Black Friday năm nay, các sàn thương mại điện tử tung ra hàng loạt chương trình flash sale, voucher miễn phí vận chuyển. Đội ngũ shipper làm việc xuyên đêm để giao hàng.\n\nChuyên gia khuyến cáo người mua cần tỉnh táo trước các chiêu trò giảm giá ảo và kiểm tra kỹ thông tin người bán.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 01/01/2020 | 06:00"),
        date: Some("2020-01-01"),
        tail: "Theo TTXVN",
        source: Some("TTXVN"),
        ..page(
            "dac-biet-nghidinh.txt",
            "Từ hôm nay Nghị định 100/2019/NĐ-CP về xử phạt vi phạm giao thông chính thức có hiệu lực",
            "Nghị định 100/2019/NĐ-CP quy định mức phạt rất nặng đối với người điều khiển phương tiện có nồng độ cồn, kể cả xe đạp. Người vi phạm có thể bị tước giấy phép lái xe đến 24 tháng.\n\nTrên tuyến Quốc lộ 14 qua Tây Nguyên, lực lượng cảnh sát giao thông đã lập chốt kiểm tra nồng độ cồn từ sáng sớm.",
        )
    },
    Page {
        dateline: Some("Thứ Năm, 9/4/2020 18:30"),
        date: Some("2020-04-09"),
        tail: "Văn Tài (TTXVN)",
        author: Some("Văn Tài"),
        source: Some("TTXVN"),
        ..page(
            "dac-biet-sarscov2.txt",
            "Viện Vệ sinh dịch tễ Trung ương giải mã thành công gen virus SARS-CoV-2",
            "Các nhà khoa học đã giải trình tự toàn bộ hệ gen của virus SARS-CoV-2 phân lập từ bệnh nhân COVID-19 tại Việt Nam. Trước đó, viện cũng từng nghiên cứu thành công virus cúm A/H5N1.\n\nKết quả này giúp theo dõi sự biến đổi của virus và phục vụ phát triển vắc xin, sinh phẩm chẩn đoán.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 10/05/2022 | 09:30"),
        date: Some("2022-05-10"),
        tail: "Trung Kiên",
        author: Some("Trung Kiên"),
        ..page(
            "dac-biet-quyetdinh.txt",
            "Bình Định phê duyệt Quyết định số 1234/QĐ-UBND về danh mục dự án thu hút đầu tư năm 2022",
            "Theo Quyết định số 1234/QĐ-UBND, tỉnh Bình Định công bố 56 dự án kêu gọi đầu tư thuộc các lĩnh vực du lịch, công nghiệp chế biến và năng lượng tái tạo.\n\nNhà đầu tư có thể liên hệ đường dây nóng 1900 9095 để được hướng dẫn thủ tục.",
        )
    },
    Page {
        dateline: Some("Thứ Hai, 21/9/2020 08:00"),
        date: Some("2020-09-21"),
        tail: "Hải Yến",
        author: Some("Hải Yến"),
        above: Some("Thể thao"),
        category: Some("Thể thao"),
        ..page(
            "dac-biet-daihoi-tdtt.txt",
            "Khai mạc Đại hội Thể dục thể thao huyện Hoài Đức lần thứ IX năm 2020",
            "Đại hội Thể dục thể thao năm nay thu hút hơn 1.500 vận động viên tranh tài ở 12 môn thi đấu. Đây là dịp đánh giá phong trào rèn luyện thân thể theo gương Bác Hồ vĩ đại.\n\nĐại hội sẽ kéo dài đến hết tháng 10.",
        )
    },
    page(
        "dac-biet-lichsu.txt",
        "Kỷ niệm 75 năm Cách mạng tháng Tám và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Ngày 2/9/1945, tại Quảng trường Ba Đình lịch sử, Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn độc lập, khai sinh nước Việt Nam Dân chủ Cộng hòa, nay là nước Cộng hòa xã hội chủ nghĩa Việt Nam.\n\nTrước đó, ngày 19/8/1945, nhân dân Hà Nội đã vùng lên khởi nghĩa giành chính quyền. Năm 1954, thủ đô được giải phóng.\n\nHôm nay, nhiều hoạt động kỷ niệm trang trọng diễn ra trên cả nước.",
    ),
    Page {
        dateline: Some("Thứ Bảy, 3/10/2020 19:00"),
        date: Some("2020-10-03"),
        tail: "Đức Anh\n\nTin liên quan:\nNam Định tổ chức lễ khai ấn đền Trần đầu xuân\nThái Bình đón nhận bằng di tích quốc gia đặc biệt",
        author: Some("Đức Anh"),
        ..page(
            "dac-biet-tinlienquan.txt",
            "Hải Phòng khánh thành cầu Hoàng Văn Thụ bắc qua sông Cấm sau hai năm thi công",
            "Cây cầu dài hơn 1,2 km, có vốn đầu tư gần 2.000 tỷ đồng, được kỳ vọng giảm tải giao thông cho trung tâm thành phố và kết nối khu đô thị mới Bắc sông Cấm.\n\nĐây là công trình chào mừng Đại hội Đảng bộ thành phố lần thứ XVI.",
        )
    },
    Page {
        dateline: Some("Ngày đăng 15/07/2021 | 17:00"),
        date: Some("2021-07-15"),
        tail: "Lê Hoa",
        author: Some("Lê Hoa"),
        ..page(
            "dac-biet-startup.txt",
            "Startup logistics Việt nhận vốn đầu tư triệu USD để mở rộng mạng lưới giao hàng",
            "Công ty khởi nghiệp chuyên về logistics chặng cuối vừa công bố gọi vốn thành công 5 triệu USD. Startup này đang vận hành hơn 2.000 shipper tại các thành phố lớn.\n\nNguồn vốn mới sẽ được dùng để đầu tư kho bãi và phát triển phần mềm quản lý đơn hàng.",
        )
    },
];

/// The hand-written articles, with their layouts for the metadata judgments.
pub fn pages() -> Vec<Article> {
    PAGES
        .iter()
        .map(|p| {
            let mut lines: Vec<&str> = Vec::new();
            lines.extend(p.above);
            lines.push(p.title);
            lines.extend(p.dateline);
            lines.push("");
            lines.push(p.body);
            lines.push("");
            lines.push(p.tail);
            let mut layouts = Vec::new();
            if p.above.is_some() {
                layouts.push(Layout::CategoryLabel);
            }
            if p.tail.ends_with("(TTXVN)") {
                layouts.push(Layout::BylineNameParenAgency);
            }
            if p.dateline.is_none() {
                layouts.push(Layout::NoDateline);
            }
            let own = |s: Option<&str>| s.map(str::to_owned);
            Article {
                id: p.id.to_owned(),
                text: lines.join("\n"),
                content: format!("{}\n{}", p.title, p.body),
                title: p.title.to_owned(),
                topic: "dac-biet",
                layouts,
                meta: MetaExpect {
                    date: own(p.date),
                    author: own(p.author),
                    source: own(p.source),
                    category: own(p.category),
                },
            }
        })
        .collect()
}
