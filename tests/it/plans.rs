//! Plans and timelines (issue 16): fuzzy and tentative dates, plan pages
//! with their timeline as of two build dates, the plan library, the
//! calendar and its iCalendar file (parsed by a real parser), related news
//! on every page a news item is about, conference news before, during and
//! after, and news categories.

use crate::helpers::*;
use chrono::NaiveDate;
use scraper::Html;

fn built_on(y: i32, m: u32, d: u32) -> Built {
    build_with("plans", |o| o.now = NaiveDate::from_ymd_opt(y, m, d))
}

/// The rows of the timeline table: (due, step, owners, done).
fn timeline(html: &Html) -> Vec<[String; 4]> {
    let row = sel("table.timeline tbody tr");
    let cell = sel("td");
    html.select(&row)
        .map(|r| {
            let c: Vec<String> = r.select(&cell).map(text).collect();
            [c[0].clone(), c[1].clone(), c[2].clone(), c[3].clone()]
        })
        .collect()
}

#[test]
fn a_plan_page_shows_its_facts_links_and_documents() {
    let b = build("plans");
    assert!(!b.report.has_errors(), "{:#?}", b.report.diagnostics);
    let p = b.page("/bv/van-ban/kh-xa/");
    let main = main_html(&p);
    assert_eq!(
        texts(&p, "h1"),
        ["Tổ chức Hội nghị điển hình tiên tiến xã B năm 2025"]
    );
    let facts = texts(&p, "dl.facts dd");
    assert!(facts.contains(&"12/KH-UBND".to_string()), "{facts:?}");
    assert!(
        facts.contains(&"06/2024".to_string()),
        "a month is shown as written: {facts:?}"
    );
    assert!(facts.contains(&"Xã B".to_string()));
    assert!(facts.contains(&"Chủ tịch Lương Văn Tùng".to_string()));
    // The higher plan it carries out, and back.
    assert!(main.contains("href=\"/bv/van-ban/kh-tinh/\""));
    let up = b.page("/bv/van-ban/kh-tinh/");
    assert_eq!(
        texts(&up, "section[aria-labelledby=h-implemented-by] li a"),
        ["Kế hoạch số 12/KH-UBND"]
    );
    // Movements and conferences that name the plan.
    assert_eq!(
        texts(&up, "section[aria-labelledby=h-movements] .card-title"),
        ["Thi đua đổi mới, sáng tạo giai đoạn 2025 - 2030"]
    );
    assert_eq!(
        texts(&up, "section[aria-labelledby=h-conferences] .card-title"),
        ["Đại hội thi đua yêu nước tỉnh A lần thứ VII"]
    );
    assert_eq!(
        texts(&p, "section[aria-labelledby=h-conferences] .card-title"),
        ["Hội nghị điển hình tiên tiến xã B năm 2025"]
    );
    // Based on: a plan of the site is a link, text stays text.
    let based = texts(&p, "section[aria-labelledby=h-based-on] li");
    assert_eq!(based.len(), 2);
    assert!(
        based[0].starts_with("Kế hoạch số 138/KH-UBND ngày 10/6/2024"),
        "{based:?}"
    );
    assert_eq!(texts(&p, "section[aria-labelledby=h-purposes] li").len(), 2);
    assert_eq!(
        texts(&p, "section[aria-labelledby=h-docs] li a"),
        ["12/KH-UBND", "Phụ lục: mẫu báo cáo"]
    );
    // Files stay at their path under content/.
    assert!(main.contains("href=\"/bv/plans/kh-xa.pdf\""));
    assert!(b.exists("/bv/plans/kh-xa.pdf"));
    // The movement and the conference say which plan they follow.
    let m = b.page("/bv/phong-trao/pt-a/");
    assert!(main_html(&m).contains("href=\"/bv/van-ban/kh-tinh/\""));
    let period = texts(&m, "dl.facts dd");
    assert!(
        period.contains(&"quý I/2025 – cuối tháng 12/2030".to_string()),
        "{period:?}"
    );
}

#[test]
fn the_timeline_is_in_date_order_and_overdue_steps_follow_the_build_date() {
    let early = built_on(2025, 1, 20);
    let rows = timeline(&early.page("/bv/van-ban/kh-xa/"));
    let due: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // Sorted by first day: quý I (1/1), before 10/1, February, February 2027.
    assert_eq!(
        due,
        [
            "dự kiến quý I/2025",
            "trước ngày 10/01/2025",
            "trong tháng 02/2025",
            "cuối tháng 02/2027"
        ]
    );
    assert_eq!(rows[2][2].replace(" ,", ","), "Xã B, Sở Nội vụ tỉnh A");
    assert_eq!(rows[1][3], "✓ Đã xong ngày 8/1/2025");
    assert_eq!(rows[0][3], "Chưa đến hạn");
    assert_eq!(rows[2][3], "Chưa đến hạn");
    assert!(rows[3][1].contains("Thời gian cụ thể sẽ có thông báo sau"));

    let later = built_on(2025, 3, 10);
    let rows = timeline(&later.page("/bv/van-ban/kh-xa/"));
    assert_eq!(rows[2][3], "quá hạn", "February is past on 10/3/2025");
    assert_eq!(rows[0][3], "Chưa đến hạn", "the quarter runs to 31/3");
    assert_eq!(rows[3][3], "Chưa đến hạn");
    let p = later.page("/bv/van-ban/kh-xa/");
    assert_eq!(texts(&p, "tr.overdue").len(), 1);
    assert!(main_html(&p).contains("Tình trạng tính đến ngày 10/3/2025."));

    let late = built_on(2027, 4, 1);
    let rows = timeline(&late.page("/bv/van-ban/kh-xa/"));
    let overdue: Vec<&str> = rows
        .iter()
        .filter(|r| r[3] == "quá hạn")
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(overdue.len(), 3, "{rows:?}");
}

#[test]
fn the_plan_library_lists_plans_by_year_type_and_issuer() {
    let b = build("plans");
    let p = b.page("/bv/van-ban/");
    assert_eq!(texts(&p, "main h2")[0], "Năm 2024");
    let items = texts(&p, "section[aria-labelledby=h-year-1] li");
    assert_eq!(items.len(), 2);
    let issuers = texts(&p, "section[aria-labelledby=h-by-issuer] h3");
    assert_eq!(issuers, ["Tỉnh A", "Xã B"]);
}

#[test]
fn a_tentative_fuzzy_conference_date_is_shown_as_planned() {
    let b = build_with("plans", |o| o.now = NaiveDate::from_ymd_opt(2026, 11, 21));
    let c = b.page("/bv/hoi-nghi/hn-tinh/");
    let facts = texts(&c, "dl.facts dd");
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("dự kiến cuối tháng 03/2027")),
        "{facts:?}"
    );
    let steps = timeline(&c);
    assert_eq!(steps[0][0], "02/2027");
    assert_eq!(steps[1][0], "trước ngày 10/03/2027");
}

#[test]
fn the_calendar_lists_coming_dates_by_month() {
    let b = built_on(2027, 1, 15);
    let p = b.page("/bv/lich/");
    let months = texts(&p, "main h2");
    assert_eq!(months, ["Tháng 2/2027", "Tháng 3/2027", "Tháng 12/2030"]);
    let events = texts(&p, "ul.events li");
    assert!(
        events[0].contains("Hoàn thành hội nghị điển hình tiên tiến cấp xã"),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.contains("dự kiến cuối tháng 03/2027"))
    );
    assert!(events.iter().any(|e| e.contains("Kết thúc phong trào")));
    // Done and past steps are not coming.
    assert!(
        !events
            .iter()
            .any(|e| e.contains("Đăng ký danh sách điển hình"))
    );
    // The home page shows what comes next.
    let home = b.page("/bv/");
    let coming = texts(&home, "section[aria-labelledby=h-coming] li");
    assert!(!coming.is_empty() && coming.len() <= 6);
    assert!(main_html(&home).contains("href=\"/bv/lich/\""));
}

#[test]
fn the_ics_file_parses_with_stable_uids_and_date_only_events() {
    let b = built_on(2027, 1, 15);
    let raw = b.file("lich.ics");
    for line in raw.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "unfolded line: {line:?}");
        assert!(!line.contains('\n'), "a bare LF: {line:?}");
    }
    let reader = ical::IcalParser::new(raw.as_bytes());
    let calendars: Vec<_> = reader.map(|c| c.expect("a valid calendar")).collect();
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert_eq!(events.len(), 5, "{events:#?}");
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    for e in events {
        assert!(
            prop(e, "URL").starts_with("https://example.gov.vn/bv/"),
            "{e:?}"
        );
        let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        let params = format!("{:?}", start.params);
        assert!(params.contains("DATE"), "date-only: {params}");
        assert!(prop(e, "UID").ends_with("@example.gov.vn"));
    }
    let congress = events
        .iter()
        .find(|e| prop(e, "SUMMARY").starts_with("Đại hội thi đua yêu nước tỉnh A"))
        .expect("the congress");
    assert_eq!(prop(congress, "DTSTART"), "20270321");
    assert_eq!(prop(congress, "DTEND"), "20270401");
    assert_eq!(prop(congress, "STATUS"), "TENTATIVE");
    assert_eq!(prop(congress, "UID"), "hoi-nghi-hn-tinh@example.gov.vn");
    // The same content gives the same file on another run.
    assert_eq!(built_on(2027, 1, 15).file("lich.ics"), raw);
}

#[test]
fn related_news_on_a_person_a_plan_a_unit_and_a_movement() {
    let b = build("plans");
    let related = |url: &str| {
        texts(
            &b.page(url),
            "section[aria-labelledby=h-related] .card-title",
        )
    };
    assert_eq!(
        related("/bv/ca-nhan/nguyen-van-a/"),
        [
            "Anh Nguyễn Văn A, người nông dân sáng tạo",
            "Khai mạc hội nghị điển hình tiên tiến xã B"
        ]
    );
    assert_eq!(
        related("/bv/van-ban/kh-xa/"),
        ["Xã B chuẩn bị hội nghị điển hình tiên tiến"]
    );
    assert_eq!(
        related("/bv/don-vi/xa-b/"),
        ["Anh Nguyễn Văn A, người nông dân sáng tạo"]
    );
    assert_eq!(
        related("/bv/phong-trao/pt-a/"),
        ["Anh Nguyễn Văn A, người nông dân sáng tạo"]
    );
    assert!(related("/bv/don-vi/tinh-a/").is_empty());
}

#[test]
fn a_conference_groups_its_news_before_during_and_after() {
    let b = build("plans");
    let p = b.page("/bv/hoi-nghi/hn-xa/");
    let s = section(&p, "h-related");
    let h3: Vec<String> = s.select(&sel("h3")).map(text).collect();
    assert_eq!(
        h3,
        ["Sau hội nghị", "Trong ngày hội nghị", "Trước hội nghị"]
    );
    let titles: Vec<String> = s.select(&sel(".card-title")).map(text).collect();
    assert_eq!(
        titles,
        [
            "Anh Nguyễn Văn A, người nông dân sáng tạo",
            "Khai mạc hội nghị điển hình tiên tiến xã B",
            "Xã B chuẩn bị hội nghị điển hình tiên tiến"
        ]
    );
}

#[test]
fn news_categories_have_pages() {
    let b = build("plans");
    let p = b.page("/bv/tin-tuc/chuyen-muc/thi-dua-yeu-nuoc/");
    assert_eq!(texts(&p, "h1"), ["Chuyên mục: Thi đua yêu nước"]);
    assert_eq!(
        texts(&p, "main .card-title"),
        [
            "Khai mạc hội nghị điển hình tiên tiến xã B",
            "Xã B chuẩn bị hội nghị điển hình tiên tiến"
        ]
    );
    assert!(b.exists("/bv/tin-tuc/chuyen-muc/guong-nguoi-tot-viec-tot/"));
    let list = b.page("/bv/tin-tuc/");
    assert_eq!(
        texts(&list, "nav[aria-labelledby=h-categories] a"),
        ["Gương người tốt, việc tốt", "Thi đua yêu nước"]
    );
    let item = b.page("/bv/tin-tuc/guong-a/");
    assert!(main_html(&item).contains("href=\"/bv/tin-tuc/chuyen-muc/guong-nguoi-tot-viec-tot/\""));
}

#[test]
fn new_plan_in_the_officers_loop_writes_a_plan_with_a_commented_timeline_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let init = bin().arg("init").arg(&site).output().unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let run = bin()
        .args([
            "new",
            "plan",
            "Kế hoạch tổ chức Hội nghị tổng kết năm 2026",
            "--root",
        ])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let path = site.join("content/plans/ke-hoach-to-chuc-hoi-nghi-tong-ket-nam-2026.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("issuer = \"tinh-mau\"") || text.contains("issuer = \""),
        "{text}"
    );
    assert!(text.contains("# [[milestones]]"), "{text}");
    assert!(text.contains("# due = \"trước ngày 10/01/2025\""), "{text}");
    assert!(text.contains("quá hạn"), "{text}");
    let out = tmp.path().join("public");
    cli_build_ok(&site, &out, "2026-06-01");
    let page = std::fs::read_to_string(
        out.join("van-ban/ke-hoach-to-chuc-hoi-nghi-tong-ket-nam-2026/index.html"),
    )
    .unwrap();
    assert!(page.contains("Kế hoạch tổ chức Hội nghị tổng kết năm 2026"));
    // The starter's own plan, with its timeline, and the conference it organises.
    let starter =
        std::fs::read_to_string(out.join("van-ban/kh-12-xa-hoa-binh-2026/index.html")).unwrap();
    assert!(starter.contains("table class=\"timeline\""));
    assert!(starter.contains("hoi-nghi-dien-hinh-tien-tien-xa-hoa-binh-2026"));
}
