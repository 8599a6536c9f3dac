//! The complete fixture (tests/fixtures/complete): every kind of content and
//! every page type, built under the sub-path /vinh-danh/ with page_size 2.

use crate::helpers::*;
use std::collections::BTreeSet;

fn site() -> &'static Built {
    complete()
}

#[test]
fn every_page_of_the_spec_exists() {
    let s = site();
    for url in [
        "/vinh-danh/",
        "/vinh-danh/don-vi/",
        "/vinh-danh/don-vi/tinh-thu/",
        "/vinh-danh/don-vi/thon-ban-xam/",
        "/vinh-danh/don-vi/cum-1/",
        "/vinh-danh/phong-trao/",
        "/vinh-danh/phong-trao/pt-nay/",
        "/vinh-danh/ca-nhan/",
        "/vinh-danh/ca-nhan/trang/2/",
        "/vinh-danh/ca-nhan/trang/3/",
        "/vinh-danh/ca-nhan/nguyen-thi-hoa/",
        "/vinh-danh/tap-the/",
        "/vinh-danh/tap-the/htx-na/",
        "/vinh-danh/hoi-nghi/",
        "/vinh-danh/hoi-nghi/hn-huyen/",
        "/vinh-danh/tin-tuc/",
        "/vinh-danh/tin-tuc/tin-1/",
        "/vinh-danh/gioi-thieu/",
        "/vinh-danh/khen-thuong/",
        "/vinh-danh/khen-thuong/trang/2/",
        "/vinh-danh/khen-thuong/nam/2025/",
        "/vinh-danh/khen-thuong/nam/2023/",
        "/vinh-danh/khen-thuong/giay-khen/",
        "/vinh-danh/khen-thuong/giay-khen-cong-doan/",
        "/vinh-danh/khen-thuong/co-thi-dua-cap-tinh/",
        "/vinh-danh/khen-thuong/quyet-dinh/",
        "/vinh-danh/khen-thuong/quyet-dinh/qd-1125/",
        "/vinh-danh/khen-thuong/index.json",
        "/vinh-danh/khen-thuong/index.csv",
        "/vinh-danh/khen-thuong/atom.xml",
        "/vinh-danh/atom.xml",
        "/vinh-danh/sitemap.xml",
        "/vinh-danh/robots.txt",
        "/vinh-danh/404.html",
        "/vinh-danh/tim-kiem/",
        "/vinh-danh/tim-kiem/index.json",
        "/vinh-danh/style.css",
        "/vinh-danh/people/nguyen-thi-hoa/anh.svg",
        "/vinh-danh/tai-lieu/ke-hoach.pdf",
    ] {
        assert!(s.exists(url), "missing {url}");
    }
    // Drafts stay out.
    assert!(!s.exists("/vinh-danh/ca-nhan/nhap/"));
}

#[test]
fn every_html_page_has_one_h1_lang_title_and_landmarks() {
    let s = site();
    for (path, bytes) in s.all_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        assert_eq!(html.select(&sel("h1")).count(), 1, "{path}: one h1");
        assert_eq!(
            html.select(&sel("html[lang=vi]")).count(),
            1,
            "{path}: lang"
        );
        assert!(
            !text(html.select(&sel("title")).next().unwrap()).is_empty(),
            "{path}: title"
        );
        for landmark in ["header", "nav", "main", "footer"] {
            assert!(
                html.select(&sel(landmark)).next().is_some(),
                "{path}: {landmark}"
            );
        }
        for img in html.select(&sel("img")) {
            assert!(img.value().attr("alt").is_some(), "{path}: img without alt");
        }
        assert!(
            html.select(&sel("input[type=search]")).next().is_some(),
            "{path}: search box"
        );
    }
}

/// All commendation rows of a unit: its page, or its full paginated roll.
fn unit_roll(s: &Built, slug: &str) -> Vec<(String, String, String)> {
    let first = format!("/vinh-danh/don-vi/{slug}/khen-thuong/");
    if !s.exists(&first) {
        return rows(section(
            &s.page(&format!("/vinh-danh/don-vi/{slug}/")),
            "h-roll",
        ));
    }
    let mut all = Vec::new();
    for n in 1.. {
        let url = if n == 1 {
            first.clone()
        } else {
            format!("{first}trang/{n}/")
        };
        if !s.exists(&url) {
            break;
        }
        all.extend(rows(main_of(&s.page(&url))));
    }
    all
}

#[test]
fn units_roll_up_commendations_from_every_level_below() {
    let s = site();
    let province = unit_roll(s, "tinh-thu");
    let names: BTreeSet<&str> = province
        .iter()
        .map(|(who, _, _)| who.split(" Cá nhân").next().unwrap())
        .collect();
    // Thôn Bản Xâm is three levels below the province, Xã Nhân Lý two.
    for name in [
        "Đinh Thị Ánh",
        "Nguyễn Thị Hoa",
        "Lương Văn Tùng",
        "Thôn Bản Xâm",
        "Trần Văn Đức",
        "Phạm Văn Dũng",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(name)),
            "{name} missing from the province roll: {names:?}"
        );
    }
    assert_eq!(
        province.len(),
        9,
        "every commendation of the fixture is under the province"
    );
    // The commune sees its own and its village's, not its district's.
    let commune = unit_roll(s, "xa-nhan-ly");
    assert!(
        commune
            .iter()
            .any(|(w, _, _)| w.starts_with("Đinh Thị Ánh"))
    );
    assert!(
        !commune
            .iter()
            .any(|(w, _, _)| w.starts_with("Phạm Văn Dũng"))
    );
    // Counts by award leave revoked awards out.
    let page = s.page("/vinh-danh/don-vi/tinh-thu/");
    let counts: Vec<String> = section(&page, "h-counts")
        .select(&sel("tbody tr"))
        .map(text)
        .collect();
    assert!(
        counts
            .iter()
            .any(|c| c.starts_with("Giấy khen") && c.ends_with(" 3")),
        "{counts:?}"
    );
    let total = texts(&page, ".facts dd").last().cloned().unwrap();
    assert_eq!(total, "8", "9 commendations, one revoked");
}

#[test]
fn unit_page_shows_breadcrumbs_children_exemplars_and_history() {
    let s = site();
    let village = s.page("/vinh-danh/don-vi/thon-ban-xam/");
    assert_eq!(
        texts(&village, ".breadcrumbs li"),
        [
            "Trang chủ",
            "Đơn vị",
            "Tỉnh Thử",
            "Huyện Một",
            "Xã Nhân Lý",
            "Thôn Bản Xâm"
        ]
    );
    let district = s.page("/vinh-danh/don-vi/huyen-mot/");
    let children = texts(&district, "section[aria-labelledby=h-children] li a");
    assert_eq!(children, ["Cụm thi đua số 1", "Xã Nhân Lý"]);
    // Xã Cũ was merged on 1/7/2025: it belonged to the district before.
    let former = texts(&district, "section[aria-labelledby=h-former-children] li a");
    assert_eq!(former, ["Xã Cũ"]);
    // Grouped by highest award; page_size is 2: two cards a group, then the
    // full list a click away.
    assert_eq!(
        texts(
            &district,
            "section[aria-labelledby=h-exemplars] .card-title"
        ),
        [
            "Đinh Thị Ánh",
            "Hợp tác xã Na",
            "Nguyễn Thị Hoa",
            "Lương Văn Bình",
            "Phạm Văn Dũng",
            "Trần Văn Đức"
        ]
    );
    let all = s.page("/vinh-danh/don-vi/huyen-mot/dien-hinh/trang/3/");
    assert_eq!(
        texts(&all, ".card-title"),
        ["Nguyễn Thị Hoa", "Hợp tác xã Na"]
    );
    assert!(
        texts(
            &district,
            "section[aria-labelledby=h-movements] .card-title"
        )
        .contains(&"Phong trào sắp tới".to_string())
    );
    assert!(
        texts(
            &district,
            "section[aria-labelledby=h-conferences] .card-title"
        )
        .contains(&"Hội nghị điển hình tiên tiến huyện Một".to_string())
    );
    // A merged unit says where it went; its successor lists it with its roll.
    let old = s.page("/vinh-danh/don-vi/xa-cu/");
    assert!(text(main_of(&old)).contains("không còn từ ngày 1 tháng 7 năm 2025"));
    assert!(
        old.select(&sel("main a[href=\"/vinh-danh/don-vi/xa-moi/\"]"))
            .next()
            .is_some()
    );
    let new = s.page("/vinh-danh/don-vi/xa-moi/");
    let pred = text(section(&new, "h-predecessors"));
    assert!(
        pred.contains("Xã Cũ") && pred.contains("0 khen thưởng, 1 điển hình"),
        "{pred}"
    );
}

#[test]
fn cluster_ranks_members_per_year() {
    let page = site().page("/vinh-danh/don-vi/cum-1/");
    let tables: Vec<Vec<String>> = section(&page, "h-scores")
        .select(&sel("table"))
        .map(|t| t.select(&sel("tbody tr")).map(text).collect())
        .collect();
    assert_eq!(tables[0], ["1 Xã Nhân Lý 95,5 Dẫn đầu", "2 Xã Cũ 90 Khá"]);
    assert_eq!(
        tables[1],
        ["1 Xã Cũ 88", "1 Xã Nhân Lý 88"],
        "ties share a rank"
    );
    assert_eq!(
        texts(&page, "section[aria-labelledby=h-members] li a"),
        ["Xã Cũ", "Xã Nhân Lý"]
    );
}

#[test]
fn people_are_listed_in_vietnamese_roll_order() {
    let s = site();
    let mut names = Vec::new();
    for url in [
        "/vinh-danh/ca-nhan/",
        "/vinh-danh/ca-nhan/trang/2/",
        "/vinh-danh/ca-nhan/trang/3/",
    ] {
        names.extend(texts(&s.page(url), ".card-title"));
    }
    assert_eq!(
        names,
        [
            "Đinh Thị Ánh",
            "Lương Văn Bình",
            "Phạm Văn Dũng",
            "Trần Văn Đức",
            "Nguyễn Thị Hoa"
        ]
    );
    let page2 = s.page("/vinh-danh/ca-nhan/trang/2/");
    assert_eq!(texts(&page2, ".pagination a[rel=prev]"), ["‹ Trang trước"]);
    assert_eq!(texts(&page2, ".pagination [aria-current=page]"), ["2"]);
}

#[test]
fn movement_statuses_follow_the_build_date() {
    let s = site();
    let status = |slug: &str| {
        texts(
            &s.page(&format!("/vinh-danh/phong-trao/{slug}/")),
            ".facts .status",
        )[0]
        .clone()
    };
    assert_eq!(status("pt-cu"), "Đã kết thúc");
    assert_eq!(status("pt-nay"), "Đang diễn ra");
    assert_eq!(status("pt-con"), "Sắp diễn ra");
    let m = s.page("/vinh-danh/phong-trao/pt-nay/");
    assert_eq!(
        texts(&m, "section[aria-labelledby=h-children] .card-title"),
        ["Phong trào sắp tới"]
    );
    assert_eq!(
        texts(&m, "section[aria-labelledby=h-based] li"),
        ["Kế hoạch số 113/KH-UBND ngày 09/3/2023"]
    );
    assert_eq!(texts(&m, "section[aria-labelledby=h-goals] li").len(), 2);
    assert_eq!(
        texts(&m, "section[aria-labelledby=h-docs] a"),
        ["Kế hoạch phát động"]
    );
    let exemplars = texts(&m, "section[aria-labelledby=h-exemplars] .card-title");
    assert_eq!(
        exemplars,
        ["Đinh Thị Ánh", "Hợp tác xã Na", "Nguyễn Thị Hoa"],
        "by highest award (Bằng khen of the province, Tập thể lao động xuất sắc, \
         Chiến sĩ thi đua cơ sở), roll order within each"
    );
    // A later build date moves the status on.
    let later = build_with("complete", |o| {
        o.now = chrono::NaiveDate::from_ymd_opt(2028, 1, 1)
    });
    let m = later.page("/vinh-danh/phong-trao/pt-nay/");
    assert_eq!(texts(&m, ".facts .status")[0], "Đã kết thúc");
}

#[test]
fn conference_page_has_its_chain_delegates_and_outcomes() {
    let s = site();
    let c = s.page("/vinh-danh/hoi-nghi/hn-huyen/");
    assert_eq!(
        texts(&c, ".chain li a, .chain li strong"),
        [
            "Hội nghị điển hình tiên tiến huyện Một",
            "Đại hội Thi đua yêu nước tỉnh Thử lần thứ VI"
        ]
    );
    assert_eq!(
        texts(&c, "section[aria-labelledby=h-chain] .card-title"),
        ["Hội nghị điển hình tiên tiến xã Nhân Lý"]
    );
    let delegates: Vec<String> = section(&c, "h-delegates")
        .select(&sel("tbody tr"))
        .map(text)
        .collect();
    assert_eq!(
        delegates[1], "Đại biểu điển hình 200 62,5%",
        "{delegates:?}"
    );
    assert_eq!(delegates[2], "Khách mời, lãnh đạo 120 37,5%");
    // Breaches of the plan are warnings for the officers, not notices to the public.
    assert!(
        section(&c, "h-delegates")
            .select(&sel(".notice"))
            .next()
            .is_none()
    );
    assert_eq!(
        texts(&c, "section[aria-labelledby=h-programme] li"),
        ["Chào cờ", "Báo cáo tổng kết", "Khen thưởng"]
    );
    assert_eq!(
        texts(&c, "section[aria-labelledby=h-honoured] .card-title"),
        ["Nguyễn Thị Hoa", "Hợp tác xã Na"]
    );
    assert_eq!(
        texts(&c, "section[aria-labelledby=h-speakers] .card-title"),
        ["Hợp tác xã Na"]
    );
    assert_eq!(
        texts(&c, "section[aria-labelledby=h-launched] .card-title"),
        ["Phong trào sắp tới"]
    );
    assert_eq!(
        rows(section(&c, "h-awards")).len(),
        4,
        "the decision's four recipients were presented there"
    );
    assert_eq!(
        texts(&c, "section[aria-labelledby=h-covenants] li a"),
        ["Xã Nhân Lý", "Xã Cũ"]
    );
    let top = s.page("/vinh-danh/hoi-nghi/dh-tinh/");
    // The highest congress lists every conference leading to it, at every level.
    assert_eq!(
        texts(&top, "section[aria-labelledby=h-chain] .card-title"),
        [
            "Hội nghị điển hình tiên tiến xã Nhân Lý",
            "Hội nghị điển hình tiên tiến huyện Một"
        ]
    );
    assert!(texts(&top, ".lead")[0].contains("lần thứ VI"));
    // The warnings of the build name the conference and the figures.
    let warnings: Vec<String> = s.report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("hn-huyen") && w.contains("200 of 320") && w.contains("70%")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(
            |w| w.contains("hn-huyen") && w.contains("320 delegates exceed the ceiling of 300")
        )
    );
    assert!(
        !warnings.iter().any(|w| w.contains("hn-xa")),
        "56/80 is exactly 70%"
    );
}

#[test]
fn revoked_and_posthumous_awards_are_marked() {
    let s = site();
    let duc = s.page("/vinh-danh/ca-nhan/tran-van-duc/");
    let tr = main_of(&duc)
        .select(&sel("table.commendations tbody tr"))
        .next()
        .unwrap();
    assert_eq!(tr.value().attr("class"), Some("revoked"));
    let t = text(tr);
    assert!(
        t.contains("Đã thu hồi theo Quyết định số 9/QĐ-UBND ngày 1/2/2024: Kê khai sai thành tích"),
        "{t}"
    );
    let binh = s.page("/vinh-danh/ca-nhan/luong-van-binh/");
    assert_eq!(
        texts(&binh, "table.commendations .badge.posthumous"),
        ["Truy tặng"]
    );
    // Revoked awards stay in the index, marked.
    let index = unit_roll(s, "xa-cu");
    assert_eq!(index.len(), 1);
    assert!(index[0].2.contains("revoked"));
}

#[test]
fn commendation_index_is_newest_first_and_split_by_year_and_award() {
    let s = site();
    let mut dates = Vec::new();
    for n in 1..=5 {
        let url = if n == 1 {
            "/vinh-danh/khen-thuong/".to_string()
        } else {
            format!("/vinh-danh/khen-thuong/trang/{n}/")
        };
        if s.exists(&url) {
            dates.extend(
                s.page(&url)
                    .select(&sel("main table.commendations time"))
                    .map(|t| t.value().attr("datetime").unwrap().to_string()),
            );
        }
    }
    assert_eq!(dates.len(), 9);
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let y2023 = s.page("/vinh-danh/khen-thuong/nam/2023/");
    // Phạm Văn Dũng's title is for 2023 although decided on 5/1/2024.
    let r = rows(main_of(&y2023));
    assert!(
        r.iter()
            .any(|(w, a, _)| w.starts_with("Phạm Văn Dũng") && a.contains("(Năm 2023)")),
        "{r:?}"
    );
    let award = s.page("/vinh-danh/khen-thuong/giay-khen-cong-doan/");
    assert_eq!(rows(main_of(&award)).len(), 1);
    let row = main_of(&award)
        .select(&sel("table.commendations tbody tr"))
        .next()
        .unwrap();
    // A row leads with the recipient's link; the decision and the
    // conference stay reachable; unit, award and giver are text.
    let hrefs: Vec<&str> = row
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/vinh-danh/tap-the/htx-na/",
            "/vinh-danh/khen-thuong/quyet-dinh/qd-1125/",
            "/vinh-danh/hoi-nghi/hn-huyen/"
        ]
    );
}

#[test]
fn decisions_list_every_recipient_shape() {
    let d = site().page("/vinh-danh/khen-thuong/quyet-dinh/qd-1125/");
    let r = rows(main_of(&d));
    let who: Vec<&str> = r.iter().map(|(w, _, _)| w.as_str()).collect();
    assert_eq!(who.len(), 4);
    assert!(
        who.iter()
            .any(|w| w.starts_with("Lương Văn Tùng Cá nhân Trưởng thôn Nà Hoa Xã Nhân Lý")),
        "{who:?}"
    );
    assert!(
        who.iter().any(|w| w.starts_with("Thôn Bản Xâm Đơn vị")),
        "{who:?}"
    );
    assert!(
        who.iter().any(|w| w.starts_with("Hợp tác xã Na Tập thể")),
        "{who:?}"
    );
    // A number written on one commendation of a profile is that row on the
    // profile: the link goes there, and no page repeats it.
    assert!(!site().exists("/vinh-danh/khen-thuong/quyet-dinh/12-qd-ubnd/"));
    let year = site().page("/vinh-danh/khen-thuong/nam/2024/");
    let hrefs: Vec<&str> = year
        .select(&sel("main td a"))
        .filter(|a| text(*a) == "12/QĐ-UBND")
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        ["/vinh-danh/ca-nhan/nguyen-thi-hoa/#kt-people-nguyen-thi-hoa-1"]
    );
    // The index of decisions lists the decisions that have a page.
    let index = site().page("/vinh-danh/khen-thuong/quyet-dinh/");
    assert_eq!(texts(&index, "main td a"), ["1125/QĐ-UBND"]);
    // Numbers shared by several commendations still get their page.
    assert!(site().exists("/vinh-danh/khen-thuong/quyet-dinh/qd-1125/"));
}

#[test]
fn profiles_show_photo_story_and_links() {
    let s = site();
    let p = s.page("/vinh-danh/ca-nhan/nguyen-thi-hoa/");
    let img = p.select(&sel("main img.portrait")).next().unwrap();
    assert_eq!(
        img.value().attr("src"),
        Some("/vinh-danh/people/nguyen-thi-hoa/anh.svg")
    );
    assert_eq!(img.value().attr("alt"), Some("Ảnh Nguyễn Thị Hoa"));
    // The body's relative image points to where the bundle's file is copied, and its # heading is an h2.
    assert!(
        p.select(&sel(
            "main .prose img[src=\"/vinh-danh/people/nguyen-thi-hoa/anh.svg\"]"
        ))
        .next()
        .is_some()
    );
    assert!(p.select(&sel("main .prose h2#cau-chuyen")).next().is_some());
    assert_eq!(
        texts(&p, "section[aria-labelledby=h-conferences] li a"),
        [
            "Hội nghị điển hình tiên tiến xã Nhân Lý",
            "Hội nghị điển hình tiên tiến huyện Một"
        ]
    );
    // Gender and ethnicity are for statistics only.
    let main = text(main_of(&p));
    assert!(!main.contains("Tày") && !main.contains("Nữ"), "{main}");
}

#[test]
fn private_data_and_drafts_never_reach_any_output_file() {
    let s = site();
    let files = s.all_files();
    assert!(files.len() > 100);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for secret in [
            "PRIVATE-",
            "0912345678",
            "001234567890",
            "Số 9 ngõ 9",
            "DRAFT-BODY",
            "Người Nháp",
        ] {
            assert!(!text.contains(secret), "{secret} leaked into {path}");
        }
    }
}

#[test]
fn raw_html_is_sanitised() {
    let p = site().page("/vinh-danh/gioi-thieu/");
    assert!(p.select(&sel("main script")).next().is_none());
    assert!(p.select(&sel("main [onclick]")).next().is_none());
    assert_eq!(texts(&p, ".prose p")[1], "Đoạn văn");
}

#[test]
fn every_internal_link_resolves_under_the_sub_path() {
    let s = site();
    let mut checked = 0;
    for (path, bytes) in s.all_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
            ("form[action]", "action"),
        ] {
            for e in html.select(&sel(selector)) {
                let url = e.value().attr(attr).unwrap();
                if url.starts_with("https://") || url.starts_with('#') || url.starts_with("mailto:")
                {
                    continue;
                }
                assert!(
                    url.starts_with("/vinh-danh/"),
                    "{path}: link {url} is outside the sub-path"
                );
                assert!(s.exists(url), "{path}: broken link {url}");
                if let Some((target, fragment)) = url.split_once('#') {
                    let page = s.page(target);
                    let found = page
                        .select(&sel(&format!("[id=\"{fragment}\"]")))
                        .next()
                        .is_some();
                    assert!(found, "{path}: link {url} points to no element");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// Every URL in the open data is a page or file of the built site (the
/// example site had 13 of 41 decision links pointing at pages never built).
fn open_data_urls_resolve(b: &Built, absolute_base: &str) {
    let json: serde_json::Value = serde_json::from_str(&b.file("khen-thuong/index.json")).unwrap();
    let mut checked = 0;
    for r in json["commendations"].as_array().unwrap() {
        for key in ["recipient_url", "decision_url"] {
            let Some(url) = r[key].as_str() else { continue };
            let path = url
                .strip_prefix(absolute_base)
                .unwrap_or_else(|| panic!("{key} {url} is not under {absolute_base}"));
            let (page, fragment) = path.split_once('#').unwrap_or((path, ""));
            assert!(b.exists(page), "{key} {url}: no such page");
            if !fragment.is_empty() {
                let html = b.file(&b.output_path(page));
                assert!(
                    html.contains(&format!("id=\"{fragment}\"")),
                    "{key} {url}: no such row"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 5, "{checked} URLs checked");
}

#[test]
fn every_url_of_the_open_data_points_at_a_built_page() {
    open_data_urls_resolve(site(), "https://example.gov.vn/vinh-danh/");
    let example = build("../..");
    assert!(!example.report.has_errors());
    open_data_urls_resolve(&example, "https://example.gov.vn/vinh-danh/");
}

#[test]
fn open_data_has_every_commendation() {
    let s = site();
    let json: serde_json::Value = serde_json::from_str(&s.file("khen-thuong/index.json")).unwrap();
    let records = json["commendations"].as_array().unwrap();
    assert_eq!(json["count"], 9);
    assert_eq!(records.len(), 9);
    let duc = records
        .iter()
        .find(|r| r["recipient_name"] == "Trần Văn Đức")
        .unwrap();
    assert_eq!(duc["revoked"], true);
    assert_eq!(duc["revoked_reason"], "Kê khai sai thành tích");
    assert_eq!(duc["unit_path"], "Tỉnh Thử > Huyện Một");
    assert_eq!(duc["id"], "people/tran-van-duc/1");
    let binh = records
        .iter()
        .find(|r| r["recipient_name"] == "Lương Văn Bình")
        .unwrap();
    assert_eq!(binh["posthumous"], true);
    assert_eq!(
        binh["decision_url"],
        "https://example.gov.vn/vinh-danh/khen-thuong/quyet-dinh/qd-1125/"
    );
    for r in records {
        assert!(r.get("gender").is_none() && r.get("ethnicity").is_none());
    }
    let csv = s.file("khen-thuong/index.csv");
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.headers().unwrap().get(0), Some("id"));
    assert_eq!(reader.records().count(), 9);
}

#[test]
fn feeds_sitemap_and_robots_are_valid() {
    let s = site();
    for feed in ["atom.xml", "khen-thuong/atom.xml"] {
        let text = s.file(feed);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let entries: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert!(!entries.is_empty(), "{feed}");
        for e in entries {
            let href = e
                .descendants()
                .find(|n| n.has_tag_name("link"))
                .unwrap()
                .attribute("href")
                .unwrap();
            let path = href.strip_prefix("https://example.gov.vn").unwrap();
            assert!(s.exists(path), "{feed}: {href}");
        }
    }
    let sitemap = s.file("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let html_pages = s
        .all_files()
        .iter()
        .filter(|(p, _)| p.ends_with("index.html"))
        .count();
    assert_eq!(locs.len(), html_pages);
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.gov.vn/vinh-danh/"))
    );
    assert!(
        s.file("robots.txt")
            .contains("Sitemap: https://example.gov.vn/vinh-danh/sitemap.xml")
    );
    assert_eq!(
        s.page("/vinh-danh/404.html")
            .select(&sel("h1"))
            .map(text)
            .next()
            .unwrap(),
        "Không tìm thấy trang"
    );
}

#[test]
fn drafts_are_built_with_the_flag() {
    let b = build_with("complete", |o| o.drafts = true);
    assert!(!b.report.has_errors(), "{:#?}", b.report.diagnostics);
    assert!(b.exists("/vinh-danh/ca-nhan/nhap/"));
}

#[test]
fn main_of_key_pages_snapshot() {
    let s = site();
    for (name, url) in [
        ("person", "/vinh-danh/ca-nhan/nguyen-thi-hoa/"),
        ("unit", "/vinh-danh/don-vi/xa-nhan-ly/"),
        ("conference", "/vinh-danh/hoi-nghi/hn-huyen/"),
        ("movement", "/vinh-danh/phong-trao/pt-nay/"),
        ("decision", "/vinh-danh/khen-thuong/quyet-dinh/qd-1125/"),
        ("home", "/vinh-danh/"),
    ] {
        insta::assert_snapshot!(name, main_html(&s.page(url)));
    }
}

#[test]
fn statistics_page_has_accessible_charts_with_the_same_figures() {
    let s = site();
    let page = s.page("/vinh-danh/thong-ke/");
    // Each chart is a figure named by its heading: labels as text, bars
    // drawn, hidden from screen readers (the labels and figures are read).
    let charts: Vec<_> = page.select(&sel("main figure.chart")).collect();
    assert_eq!(charts.len(), 4);
    for chart in &charts {
        assert!(chart.value().attr("aria-labelledby").is_some());
        let bars: Vec<_> = chart.select(&sel("li")).collect();
        assert!(!bars.is_empty());
        for bar in bars {
            assert!(bar.select(&sel(".bar-label")).next().is_some());
            let svg = bar.select(&sel("svg.bar")).next().unwrap();
            assert_eq!(svg.value().attr("aria-hidden"), Some("true"));
        }
    }
    // By year: 2025 has the four of the decision and the two inline ones; revoked 2023 is out.
    let years: Vec<String> = section(&page, "h-by-year")
        .select(&sel("tbody tr"))
        .map(text)
        .collect();
    assert_eq!(
        years,
        ["2023 1", "2024 1", "2025 6"],
        "Phạm Văn Dũng's title is for 2023; Đức's revoked 2023 award is not counted"
    );
    let shares: Vec<String> = section(&page, "h-shares")
        .select(&sel("tbody tr"))
        .map(text)
        .collect();
    // People with gender: Hoa (nữ), Ánh (nữ), Bình, Dũng, Đức (nam); with ethnicity: Hoa (Tày), Ánh (Nùng), Bình (Kinh).
    assert_eq!(shares[0], "Nữ 2 5 40%");
    assert_eq!(shares[1], "Dân tộc thiểu số 2 3 66,7%");
    assert_eq!(shares[2], "Nữ 100 320 31,3%", "delegates of hn-huyen");
}

#[test]
fn open_data_page_documents_every_field() {
    let page = site().page("/vinh-danh/khen-thuong/du-lieu/");
    let fields = texts(&page, "main tbody code");
    let documented: Vec<&str> = bangvang::testing::open_data_fields();
    assert_eq!(fields, documented);
    let header = site()
        .file("khen-thuong/index.csv")
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_string();
    assert_eq!(header, documented.join(","));
}
