//! The look of the honour roll as pages carry it: award marks, honourees
//! grouped by their highest award, one leading link per row, unique titles
//! of namesakes, the printed address with its QR code, the honour board of
//! a unit and year, and charts as text.

use crate::helpers::*;

fn site() -> &'static Built {
    complete()
}

#[test]
fn every_award_mark_is_published_and_rows_show_theirs() {
    let s = site();
    for mark in [
        "huan-chuong",
        "vinh-du",
        "huy-chuong",
        "giai-thuong",
        "chien-si-thi-dua",
        "co-thi-dua",
        "bang-khen",
        "giay-khen",
        "ky-niem-chuong",
        "van-hoa",
        "danh-hieu",
    ] {
        let svg = s.file(&format!("insignia/{mark}.svg"));
        assert!(svg.starts_with("<svg"), "{mark}");
    }
    let page = s.page("/vinh-danh/ca-nhan/dinh-thi-anh/");
    let marks: Vec<String> = page
        .select(&sel("table.commendations td.award img.insignia"))
        .map(|i| i.value().attr("src").unwrap().to_string())
        .collect();
    assert_eq!(marks, vec!["/vinh-danh/insignia/bang-khen.svg"]);
    // Under the name, the highest honour with its mark.
    assert_eq!(
        texts(&page, ".top-honour"),
        vec!["Bằng khen của Chủ tịch UBND tỉnh"]
    );
}

#[test]
fn a_row_leads_with_one_link_and_keeps_decision_numbers_whole() {
    let s = site();
    let page = s.page("/vinh-danh/khen-thuong/");
    for row in page.select(&sel("table.commendations tbody tr")) {
        let leading: Vec<_> = row.select(&sel("a:not(.sub)")).collect();
        assert!(leading.len() <= 1, "{}", row.html());
        // Unit and award are text, not links.
        assert_eq!(row.select(&sel("td.award a")).count(), 0, "{}", row.html());
        for number in row.select(&sel("td.decision a")) {
            assert!(number.value().classes().any(|c| c == "decision-no"));
        }
    }
    let css = s.file("style.css");
    assert!(
        css.contains(".decision-no"),
        "decision numbers keep together"
    );
    assert!(
        !css.contains("overflow-wrap: anywhere; }\ntime"),
        "no break anywhere in body"
    );
}

#[test]
fn a_unit_groups_its_honourees_by_highest_award() {
    let s = site();
    let page = s.page("/vinh-danh/don-vi/tinh-thu/");
    let headings = texts(&page, ".award-group h3");
    assert!(!headings.is_empty());
    // Highest first: a Bằng khen of the province before any Giấy khen or title.
    let first = headings.first().unwrap();
    assert!(
        first.starts_with("Bằng khen của Chủ tịch UBND tỉnh"),
        "{headings:?}"
    );
    // With page_size 2, each group shows at most two cards and links to the rest.
    for group in page.select(&sel(".award-group")) {
        assert!(group.select(&sel("li.card")).count() <= 2);
    }
    assert!(s.exists("/vinh-danh/don-vi/tinh-thu/dien-hinh/"));
}

#[test]
fn printed_profiles_and_units_carry_their_address_and_a_qr_code() {
    let s = site();
    for url in [
        "/vinh-danh/ca-nhan/dinh-thi-anh/",
        "/vinh-danh/tap-the/htx-na/",
        "/vinh-danh/don-vi/xa-nhan-ly/",
    ] {
        let page = s.page(url);
        let aside = page
            .select(&sel("aside.print-address"))
            .next()
            .unwrap_or_else(|| panic!("{url}"));
        let address = format!("https://example.gov.vn{url}");
        assert!(text(aside).contains(&address), "{url}");
        let qr = aside.select(&sel("svg.qr path")).next().expect("qr");
        assert!(qr.value().attr("d").unwrap().len() > 200);
    }
    let css = s.file("style.css");
    assert!(css.contains("@page { size: A4;"));
    assert!(css.contains("thead { display: table-header-group; }"));
}

#[test]
fn a_unit_has_an_honour_board_per_year() {
    let s = site();
    let unit = s.page("/vinh-danh/don-vi/tinh-thu/");
    let years = texts(&unit, ".board-links a");
    assert!(years.contains(&"2025".to_string()), "{years:?}");
    let board = s.page("/vinh-danh/don-vi/tinh-thu/bang-vang/2025/");
    assert_eq!(texts(&board, "h1"), vec!["Bảng vàng năm 2025"]);
    let groups = texts(&board, ".board-group h2");
    assert!(
        groups[0].starts_with("Bằng khen của Chủ tịch UBND tỉnh"),
        "{groups:?}"
    );
    let names = texts(&board, ".board-name");
    assert!(names.contains(&"Đinh Thị Ánh".to_string()), "{names:?}");
    // A revoked award is never on a board; a year without awards has none.
    assert!(!names.iter().any(|n| n == "Trần Văn Đức"));
    assert!(!s.exists("/vinh-danh/don-vi/tinh-thu/bang-vang/2019/"));
    assert!(board.select(&sel("body.board")).next().is_some());
}

#[test]
fn charts_are_text_that_wraps() {
    let s = site();
    let page = s.page("/vinh-danh/thong-ke/");
    let labels = texts(&page, ".bars .bar-label");
    assert!(!labels.is_empty());
    assert!(labels.iter().all(|l| !l.ends_with('…')), "{labels:?}");
    let widths: Vec<u32> = page
        .select(&sel(".bars svg.bar rect"))
        .map(|r| r.value().attr("width").unwrap().parse().unwrap())
        .collect();
    assert!(widths.contains(&1000), "{widths:?}");
}

#[test]
fn namesakes_have_titles_of_their_own() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("complete"), &root);
    let person = |unit: &str, position: &str| {
        format!(
            "+++\nname = \"Lương Văn Bình\"\nunit = \"{unit}\"\nposition = \"{position}\"\n\n[[commendations]]\naward = \"lao-dong-tien-tien\"\nyear = 2024\ndate = \"5/1/2025\"\n+++\n"
        )
    };
    let people = root.join("content/people");
    std::fs::write(
        people.join("luong-van-binh-2.md"),
        person("xa-cu", "Nông dân"),
    )
    .unwrap();
    std::fs::write(
        people.join("luong-van-binh-3.md"),
        person("xa-cu", "Giáo viên"),
    )
    .unwrap();
    // A second Xã Nhân Lý, straight under the province.
    std::fs::write(
        root.join("content/units/xa-nhan-ly-2.md"),
        "+++\nname = \"Xã Nhân Lý\"\nkind = \"xa\"\nparent = \"tinh-thu\"\n+++\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    cli_build_ok(&root, &out, "2026-11-21");
    let title_of = |path: &str| {
        let html = std::fs::read_to_string(out.join(path).join("index.html")).unwrap();
        let doc = scraper::Html::parse_document(&html);
        text(doc.select(&sel("title")).next().unwrap())
    };
    // Namesake units carry their parent, on the unit page and its lists.
    assert_eq!(
        [
            title_of("don-vi/xa-nhan-ly"),
            title_of("don-vi/xa-nhan-ly-2")
        ],
        [
            "Xã Nhân Lý – Huyện Một – Bảng vàng thử nghiệm",
            "Xã Nhân Lý – Tỉnh Thử – Bảng vàng thử nghiệm",
        ]
    );
    assert_eq!(
        title_of("don-vi/xa-nhan-ly/khen-thuong"),
        "Khen thưởng: Xã Nhân Lý – Huyện Một – Bảng vàng thử nghiệm"
    );
    assert_eq!(
        title_of("don-vi/huyen-mot"),
        "Huyện Một – Bảng vàng thử nghiệm"
    );
    let title = |slug: &str| {
        let html = std::fs::read_to_string(out.join(format!("ca-nhan/{slug}/index.html"))).unwrap();
        let doc = scraper::Html::parse_document(&html);
        text(doc.select(&sel("title")).next().unwrap())
    };
    let titles = [
        title("luong-van-binh"),
        title("luong-van-binh-2"),
        title("luong-van-binh-3"),
    ];
    assert_eq!(
        titles,
        [
            "Lương Văn Bình – Xã Nhân Lý – Bảng vàng thử nghiệm",
            "Lương Văn Bình – Nông dân, Xã Cũ – Bảng vàng thử nghiệm",
            "Lương Văn Bình – Giáo viên, Xã Cũ – Bảng vàng thử nghiệm",
        ]
    );
    // A name no one else has is its own title.
    assert_eq!(title("dinh-thi-anh"), "Đinh Thị Ánh – Bảng vàng thử nghiệm");
}
