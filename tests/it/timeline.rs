//! Units through time: the same site built before and after the 1/7/2025
//! reform shows each date's tree, breadcrumbs and rolls; commendations roll
//! up to the unit they were earned in and its ancestors on their date;
//! merged, split and renamed units keep their rolls; a Giấy khen takes the
//! level of its giver; anachronisms are warned about.

use crate::helpers::*;
use std::path::{Path, PathBuf};

/// The timeline fixture built on `now`: the output folder and stderr.
fn built_on(now: &str) -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = cli_build_ok(&fixture("timeline"), &out, now);
    (tmp, out, String::from_utf8_lossy(&run.stderr).into_owned())
}

fn page(out: &Path, url: &str) -> scraper::Html {
    let rel = url.trim_start_matches("/bv/");
    let path = out.join(rel).join("index.html");
    scraper::Html::parse_document(
        &std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path:?}")),
    )
}

fn crumbs(out: &Path, url: &str) -> Vec<String> {
    texts(&page(out, url), ".breadcrumbs li")
}

/// The recipients of the unit's own roll (the `h-roll` section).
fn roll(out: &Path, url: &str) -> Vec<String> {
    let p = page(out, url);
    rows(section(&p, "h-roll"))
        .into_iter()
        .map(|r| r.0)
        .collect()
}

fn mentions(rows: &[String], name: &str) -> usize {
    rows.iter().filter(|r| r.contains(name)).count()
}

#[test]
fn breadcrumbs_and_tree_follow_the_build_date() {
    let (_t, after, warnings) = built_on("2026-11-21");
    assert!(!warnings.contains("warning"), "{warnings}");
    assert_eq!(
        crumbs(&after, "/bv/don-vi/xa-song/"),
        ["Trang chủ", "Đơn vị", "Tỉnh A", "Xã Sống"]
    );
    assert_eq!(
        crumbs(&after, "/bv/don-vi/thon-x/"),
        ["Trang chủ", "Đơn vị", "Tỉnh A", "Xã Sống", "Thôn X"]
    );
    // A dissolved unit's page shows the tree of its time.
    assert_eq!(
        crumbs(&after, "/bv/don-vi/xa-cu/"),
        ["Trang chủ", "Đơn vị", "Tỉnh A", "Huyện B", "Xã Cũ"]
    );
    let province = page(&after, "/bv/don-vi/tinh-a/");
    assert_eq!(
        texts(&province, "section[aria-labelledby=h-children] li a"),
        ["Sở Y tế tỉnh A", "Xã Khác", "Xã Mới", "Xã Sống"]
    );
    assert_eq!(
        texts(&province, "section[aria-labelledby=h-former-children] li a"),
        ["Huyện B"]
    );
    let tree = page(&after, "/bv/don-vi/");
    let today = texts(&tree, "nav .tree a");
    assert!(!today.contains(&"Huyện B".to_string()), "{today:?}");
    assert!(today.contains(&"Thôn X".to_string()));
    let former = texts(&tree, "section[aria-labelledby=h-former] li > a");
    assert!(former.contains(&"Huyện B".to_string()) && former.contains(&"Xã Cũ".to_string()));

    let (_t, before, warnings) = built_on("2025-03-01");
    assert!(!warnings.contains("warning"), "{warnings}");
    assert_eq!(
        crumbs(&before, "/bv/don-vi/xa-song/"),
        ["Trang chủ", "Đơn vị", "Tỉnh A", "Huyện B", "Xã Sống"]
    );
    assert_eq!(
        crumbs(&before, "/bv/don-vi/thon-x/"),
        [
            "Trang chủ",
            "Đơn vị",
            "Tỉnh A",
            "Huyện B",
            "Xã Cũ",
            "Thôn X"
        ]
    );
    let district = page(&before, "/bv/don-vi/huyen-b/");
    assert_eq!(
        texts(&district, "section[aria-labelledby=h-children] li a"),
        ["Phòng Nội vụ huyện B", "Xã Cũ", "Xã Sống", "Xã Tách"]
    );
    let tree = page(&before, "/bv/don-vi/");
    assert!(texts(&tree, "nav .tree a").contains(&"Huyện B".to_string()));
}

#[test]
fn commendations_roll_up_the_tree_of_their_date() {
    for now in ["2026-11-21", "2025-03-01"] {
        let (_t, out, _) = built_on(now);
        // 2023: Thôn X was under Xã Cũ, under Huyện B.
        let district = roll(&out, "/bv/don-vi/huyen-b/");
        let province = roll(&out, "/bv/don-vi/tinh-a/");
        let survivor = roll(&out, "/bv/don-vi/xa-song/");
        let merged = roll(&out, "/bv/don-vi/xa-cu/");
        assert_eq!(
            mentions(&district, "Trần Thị Bình"),
            1,
            "{now}: {district:?}"
        );
        assert_eq!(mentions(&merged, "Trần Thị Bình"), 1, "{now}");
        // 2026: Thôn X is under Xã Sống, directly under the province.
        assert_eq!(
            mentions(&survivor, "Trần Thị Bình"),
            1,
            "{now}: {survivor:?}"
        );
        assert_eq!(mentions(&province, "Trần Thị Bình"), 2, "{now}");
        assert_eq!(
            mentions(&roll(&out, "/bv/don-vi/thon-x/"), "Trần Thị Bình"),
            2
        );
    }
}

#[test]
fn an_award_counts_where_the_recipient_was_at_the_time() {
    let (_t, out, _) = built_on("2026-11-21");
    let office = roll(&out, "/bv/don-vi/phong-x/");
    assert_eq!(mentions(&office, "Nguyễn Văn An"), 1, "{office:?}");
    assert_eq!(
        mentions(&roll(&out, "/bv/don-vi/huyen-b/"), "Nguyễn Văn An"),
        1
    );
    // The new commune has only the award earned there.
    let commune = roll(&out, "/bv/don-vi/xa-moi/");
    assert_eq!(mentions(&commune, "Nguyễn Văn An"), 1, "{commune:?}");
    let profile = page(&out, "/bv/ca-nhan/an/");
    let then = texts(&profile, "main .then");
    assert_eq!(
        then,
        ["khi đó: Chuyên viên Phòng Nội vụ, Phòng Nội vụ huyện B"],
        "the profile says where he was then"
    );
    // The district's exemplars include him, through that award.
    let district = page(&out, "/bv/don-vi/huyen-b/");
    assert!(
        texts(
            &district,
            "section[aria-labelledby=h-exemplars] .card-title"
        )
        .contains(&"Nguyễn Văn An".to_string())
    );
}

#[test]
fn successors_list_their_predecessors_rolls_and_a_split_goes_to_both() {
    let (_t, out, _) = built_on("2026-11-21");
    let new = page(&out, "/bv/don-vi/xa-moi/");
    let pred = text(section(&new, "h-predecessors"));
    assert!(
        pred.contains("Xã Cũ") && pred.contains("Sáp nhập"),
        "{pred}"
    );
    assert!(pred.contains("Nghị quyết số 1/NQ-UBTVQH15"), "{pred}");
    // The predecessor's roll by name, not as counts.
    assert!(pred.contains("Trần Thị Bình"), "{pred}");
    assert!(
        pred.contains("Xã Tách") && pred.contains("thôn Một"),
        "{pred}"
    );
    assert!(pred.contains("Hoàng Thị Dung"), "{pred}");
    let other = page(&out, "/bv/don-vi/xa-khac/");
    let pred = text(section(&other, "h-predecessors"));
    assert!(
        pred.contains("Xã Tách") && pred.contains("thôn Hai, thôn Ba"),
        "{pred}"
    );
    assert!(
        pred.contains("Chia tách") && pred.contains("Hoàng Thị Dung"),
        "{pred}"
    );
    // The split unit says where each part went.
    let split = text(main_of(&page(&out, "/bv/don-vi/xa-tach/")));
    assert!(split.contains("Xã Mới (phần: thôn Một)"), "{split}");
    assert!(
        split.contains("Xã Khác (phần: thôn Hai, thôn Ba)"),
        "{split}"
    );
}

#[test]
fn the_history_lists_every_change_in_date_order() {
    let (_t, out, _) = built_on("2026-11-21");
    let history = page(&out, "/bv/don-vi/lich-su/");
    let events = texts(&history, "ol.history > li");
    assert_eq!(events.len(), 5, "{events:?}");
    assert!(events[0].starts_with("1/9/1997 Đổi tên"), "{events:?}");
    assert!(
        events[0].contains("Đổi tên từ Trường Phổ thông cơ sở Y thành Trường THCS Y")
            && events[0].contains("Quyết định số 9/QĐ-UB"),
        "{}",
        events[0]
    );
    assert!(
        events.iter().skip(1).all(|e| e.starts_with("1/7/2025")),
        "{events:?}"
    );
    let merger = events.iter().find(|e| e.contains("Sáp nhập")).unwrap();
    assert!(merger.contains("Xã Cũ → Xã Mới"), "{merger}");
    // Dissolved at once by one act: one event.
    let dissolved = events.iter().find(|e| e.contains("Giải thể")).unwrap();
    assert!(dissolved.contains("Huyện B"), "{dissolved}");
    let school = text(main_of(&page(&out, "/bv/don-vi/truong-y/")));
    assert!(
        school.contains("Trường Phổ thông cơ sở Y (đến 31/8/1997)"),
        "{school}"
    );
}

#[test]
fn a_giay_khen_takes_the_level_of_its_giver_and_statistics_count_today() {
    let (_t, out, _) = built_on("2026-11-21");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("khen-thuong/index.json")).unwrap())
            .unwrap();
    let records = data["commendations"]
        .as_array()
        .or(data.as_array())
        .unwrap();
    let level = |decision: &str| {
        records
            .iter()
            .find(|r| r["decision_number"] == decision)
            .map(|r| r["award_level"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(level("10/QĐ-UBND"), "huyen");
    assert_eq!(level("30/QĐ-UBND"), "xa");
    assert_eq!(level("50/QĐ-SYT"), "so-nganh");
    assert_eq!(level("20/QĐ-UBND"), "tinh");
    let stats = page(&out, "/bv/thong-ke/");
    let by_unit = section(&stats, "h-by-unit");
    assert!(text(by_unit).contains("đơn vị kế thừa hiện nay"));
    let rows: Vec<String> = by_unit.select(&sel("tbody tr")).map(text).collect();
    // Thôn X lives on, under Xã Sống today: its two awards count there
    // (one earned under Xã Cũ), with Lê Văn Chí's. Xã Mới: its own award and
    // Xã Cũ's two from the spreadsheet and the split unit's (counted under
    // its first successor). The office and
    // the district, with no successor, count under the province.
    assert!(rows.contains(&"Xã Sống 3".to_string()), "{rows:?}");
    assert!(rows.contains(&"Xã Mới 4".to_string()), "{rows:?}");
    assert!(
        rows.contains(&"Tỉnh A (trực tiếp) 1".to_string()),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains("Huyện B")), "{rows:?}");
}

#[test]
fn anachronisms_are_warned_about_with_the_file_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("timeline"), &site);
    let write = |rel: &str, text: &str| {
        let p = site.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "content/movements/m.md",
        "+++\ntitle = \"Phong trào 2026\"\nlaunched_by = \"huyen-b\"\nlaunched = 2026-02-01\n+++\n",
    );
    write(
        "content/people/dao.md",
        "+++\nname = \"Phạm Thị Đào\"\nunit = \"xa-moi\"\n[[commendations]]\naward = \"giay-khen\"\ndate = 2023-04-04\n+++\n",
    );
    write(
        "content/units/huyen-c.md",
        "+++\nname = \"Huyện C\"\nkind = \"huyen\"\nparent = \"tinh-a\"\n+++\n",
    );
    write(
        "content/units/xa-d.md",
        "+++\nname = \"Xã D\"\nkind = \"xa\"\nparent = \"huyen-b\"\n+++\n",
    );
    let out = tmp.path().join("public");
    let run = cli_build_ok(&site, &out, "2026-11-21");
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "warning: the movement launched by `huyen-b` is dated 1/2/2026, but `huyen-b` ceased to exist on 1/7/2025 (field `launched_by`)",
        "content/movements/m.md:3:15",
        "warning: a commendation earned in `xa-moi` is dated 4/4/2023, but `xa-moi` was established only on 1/7/2025 (field `date`)",
        "one of the units `xa-moi` took over: xa-cu, xa-tach",
        "warning: unit `huyen-c` (kind `huyen`) has no `dissolved` date, but on 1/7/2025 the district level (huyện, quận, thị xã) was abolished",
        "warning: `xa-d` belongs to `huyen-b` with no end date, but `huyen-b` was dissolved on 1/7/2025 (field `parents`)",
        "content/units/xa-d.md:4:10",
        "content/units/huyen-c.md:3:8",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert_eq!(err.matches("warning: ").count(), 4, "{err}");
    // Before the reform, none of these is wrong yet except the dates.
    let run = cli_build_ok(&site, &tmp.path().join("p2"), "2025-03-01");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(!err.contains("has no `dissolved` date"), "{err}");
}

#[test]
fn a_unit_with_two_parents_at_once_or_the_history_slug_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("timeline"), &site);
    std::fs::write(
        site.join("content/units/xa-song.md"),
        "+++\nname = \"Xã Sống\"\nkind = \"xa\"\nparents = [\n  { unit = \"huyen-b\", until = 2025-07-01 },\n  { unit = \"tinh-a\", from = 2025-07-01 },\n]\nparent = \"tinh-a\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/units/lich-su.md"),
        "+++\nname = \"Lịch sử\"\nkind = \"khac\"\n+++\n",
    )
    .unwrap();
    let run = cli_build(&site, &tmp.path().join("public"), "2026-11-21");
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "write either `parent` or `parents`, not both",
        "the unit slug `lich-su` is taken by the page of the units' history",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    std::fs::write(
        site.join("content/units/xa-song.md"),
        "+++\nname = \"Xã Sống\"\nkind = \"xa\"\nparents = [\n  { unit = \"huyen-b\", until = 2025-07-01 },\n  { unit = \"tinh-a\", from = 2025-07-01 },\n]\n+++\n",
    )
    .unwrap();
    std::fs::remove_file(site.join("content/units/lich-su.md")).unwrap();
    let run = cli_build(&site, &tmp.path().join("public"), "2026-11-21");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("unit `xa-song` has two parents at once: the `parents` entries overlap"),
        "{err}"
    );
}

#[test]
fn a_spreadsheet_and_import_keep_the_unit_at_the_time() {
    let (_t, out, _) = built_on("2026-11-21");
    // The row names the profile and, in `Đơn vị`, where she was in 2024.
    let merged = roll(&out, "/bv/don-vi/xa-cu/");
    assert_eq!(mentions(&merged, "Lê Văn Chí"), 1, "{merged:?}");
    assert_eq!(
        mentions(&roll(&out, "/bv/don-vi/xa-song/"), "Lê Văn Chí"),
        1
    );
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("timeline"), &site);
    let run = bin()
        .args(["import", "--dry-run", "--root"])
        .arg(&site)
        .arg(site.join("content/decisions/ds-2024.csv"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(
        printed.contains("person = \"chi\"\nunit = \"xa-cu\"\nposition = \"Y sĩ Trạm Y tế xã Cũ\""),
        "{printed}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
