//! Decisions from spreadsheets written by LibreOffice (tests/fixtures/sheets,
//! see its README): every recipient listed in EXPECTED.md must reach the open
//! data and its unit's page; every case of tests/fixtures/sheets-invalid must
//! fail with the file, row and column its expected.txt names.

use crate::helpers::*;
use std::sync::OnceLock;

fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        let b = build("sheets");
        assert!(!b.report.has_errors(), "{:#?}", b.report.diagnostics);
        b
    })
}

/// Rows of the tables of EXPECTED.md: (file, row, name, unit, award, decision, date).
fn expected() -> Vec<(String, String, String, String, String, String, String)> {
    let text = std::fs::read_to_string(fixture("sheets/EXPECTED.md")).unwrap();
    let mut file = String::new();
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(f) = line.strip_prefix("## ") {
            file = f.trim().to_string();
        } else if line.starts_with("| ")
            && !line.starts_with("| sheet")
            && !line.starts_with("|---")
        {
            let cells: Vec<String> = line
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect();
            out.push((
                file.clone(),
                cells[1].clone(),
                cells[3].clone(),
                cells[4].clone(),
                cells[5].clone(),
                cells[6].clone(),
                cells[7].clone(),
            ));
        }
    }
    out
}

#[test]
fn every_recipient_of_every_format_reaches_the_open_data() {
    let s = site();
    let json: serde_json::Value = serde_json::from_str(&s.file("khen-thuong/index.json")).unwrap();
    let records = json["commendations"].as_array().unwrap();
    let expected = expected();
    assert_eq!(expected.len(), 29);
    assert_eq!(records.len(), 29);
    let files: std::collections::BTreeSet<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(files.len(), 6, "csv ×3, xlsx, ods, xls: {files:?}");
    for (file, row, name, unit, award, decision, date) in &expected {
        let found = records.iter().any(|r| {
            r["recipient_name"] == name.as_str()
                && r["unit_slug"] == unit.as_str()
                && r["award_slug"] == award.as_str()
                && r["decision_number"] == decision.as_str()
                && r["date"] == date.as_str()
        });
        assert!(
            found,
            "{file} row {row}: {name} / {unit} / {award} / {decision} / {date} not in the open data"
        );
    }
}

#[test]
fn rows_with_one_number_form_one_decision() {
    let s = site();
    // 1234/QĐ-UBND has rows 2, 3, 4 and 9 of ds-vi-excel.csv.
    let d = s.page("/kt/khen-thuong/quyet-dinh/1234-qd-ubnd-2024/");
    assert_eq!(rows(main_of(&d)).len(), 4);
    // The multi-line citation and the one with a semicolon survive.
    let text = text(main_of(&d));
    assert!(text.contains("vận động 45 hộ"), "{text}");
}

#[test]
fn spreadsheet_recipients_appear_on_their_units_pages() {
    let s = site();
    let village = s.page("/kt/don-vi/thon-na-bo/");
    let names: Vec<String> = rows(main_of(&village)).into_iter().map(|r| r.0).collect();
    assert!(
        names.iter().any(|n| n.starts_with("Giàng A Dế")),
        "{names:?}"
    );
    // …and two levels up, on the district (whose page lists the first page_size).
    let json: serde_json::Value = serde_json::from_str(&s.file("khen-thuong/index.json")).unwrap();
    let under_district = json["commendations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["unit_path"].as_str().unwrap().contains("Huyện Tam Đường")
                || r["unit_slug"] == "huyen-tam-duong"
        })
        .count();
    let district = s.page("/kt/don-vi/huyen-tam-duong/");
    let heading = texts(&district, "#h-roll")[0].clone();
    assert!(
        heading.ends_with(&format!("({under_district})")),
        "{heading} vs {under_district}"
    );
}

#[test]
fn every_bad_spreadsheet_names_file_row_and_column() {
    let root = fixture("sheets-invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 16);
    let mut failures = Vec::new();
    let mut messages = Vec::new();
    for case in cases {
        let run = bin()
            .args(["check", "--now", "2026-11-21", "--root"])
            .arg(&case)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        messages.push((
            name.clone(),
            stderr.replace(&case.display().to_string(), "[CASE]"),
        ));
        if run.status.code() != Some(1) || stderr.contains("panicked") {
            failures.push(format!("{name}: status {:?}\n{stderr}", run.status.code()));
            continue;
        }
        for line in std::fs::read_to_string(case.join("expected.txt"))
            .unwrap()
            .lines()
        {
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            let ok = value.split(" | ").any(|alt| match key {
                "row" => {
                    stderr.contains(&format!("row {alt}")) && stderr.contains(&format!(":{alt}:"))
                }
                "column" => stderr.contains(&format!("`{alt}`")) || stderr.contains(alt),
                _ => stderr.contains(alt),
            });
            if !ok {
                failures.push(format!("{name}: missing {key} {value}\n{stderr}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    for (name, message) in &messages {
        insta::assert_snapshot!(format!("sheet_invalid_{name}"), message);
    }
}

#[test]
fn columns_nobody_reads_are_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    for e in walkdir::WalkDir::new(fixture("sheets"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(fixture("sheets")).unwrap();
        let target = site.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    std::fs::write(
        site.join("content/decisions/ds-rieng-tu.csv"),
        "STT;Số quyết định;Ngày;Hình thức;Họ và tên;Ngày sinh;Số CCCD;Đơn vị\n1;77/QĐ-UBND;1/3/2024;Giấy khen;Lò Văn Bí;12/08/1985;011085001234;xa-ban-giang\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    let run = cli_build(&site, &out, "2026-11-21");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("column `Ngày sinh` is not read, and not published"),
        "{stderr}"
    );
    assert!(stderr.contains("column `Số CCCD` is not read"), "{stderr}");
    assert!(
        !stderr.contains("`STT`"),
        "row numbers are expected, not warned about"
    );
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("011085001234") && !text.contains("12/08/1985"),
            "{}",
            e.path().display()
        );
    }
    let json = std::fs::read_to_string(out.join("khen-thuong/index.json")).unwrap();
    assert!(json.contains("Lò Văn Bí"));
}

#[test]
fn import_writes_decision_files_once_and_they_build_the_same_roll() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let sheets = tmp.path().join("sheets");
    std::fs::create_dir_all(&sheets).unwrap();
    for e in walkdir::WalkDir::new(fixture("sheets"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(fixture("sheets")).unwrap();
        let in_decisions = rel.starts_with("content/decisions") && e.file_type().is_file();
        let target = if in_decisions {
            sheets.join(rel.file_name().unwrap())
        } else {
            site.join(rel)
        };
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    let mut files: Vec<_> = std::fs::read_dir(&sheets)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in &files {
        let dry = bin()
            .args(["import", "--dry-run", "--root"])
            .arg(&site)
            .arg(f)
            .output()
            .unwrap();
        assert!(
            dry.status.success(),
            "{}",
            String::from_utf8_lossy(&dry.stderr)
        );
        assert!(String::from_utf8_lossy(&dry.stdout).contains("nothing was written"));
    }
    assert_eq!(
        std::fs::read_dir(site.join("content/decisions"))
            .unwrap()
            .count(),
        0,
        "--dry-run writes nothing"
    );
    for f in &files {
        let run = bin()
            .args(["import", "--root"])
            .arg(&site)
            .arg(f)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let written = snapshot(&site.join("content/decisions"));
    assert_eq!(written.len(), 10, "{:?}", written.keys());
    // A second import changes nothing.
    for f in &files {
        let again = bin()
            .args(["import", "--root"])
            .arg(&site)
            .arg(f)
            .output()
            .unwrap();
        assert!(again.status.success());
        assert!(
            String::from_utf8_lossy(&again.stdout)
                .lines()
                .all(|l| l.starts_with("unchanged")),
            "{}",
            String::from_utf8_lossy(&again.stdout)
        );
    }
    assert_eq!(snapshot(&site.join("content/decisions")), written);
    // An edited file is not overwritten without --force.
    let (name, original) = written.iter().next().unwrap();
    let edited = site.join("content/decisions").join(name);
    std::fs::write(&edited, "# sửa tay\n").unwrap();
    let refusals: Vec<String> = files
        .iter()
        .map(|f| {
            bin()
                .args(["import", "--root"])
                .arg(&site)
                .arg(f)
                .output()
                .unwrap()
        })
        .filter(|o| o.status.code() == Some(1))
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(refusals[0].contains("not overwritten") && refusals[0].contains("--force"));
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), "# sửa tay\n");
    std::fs::write(&edited, original).unwrap();
    // The imported site has the same commendations as the spreadsheets gave.
    let out = tmp.path().join("public");
    cli_build_ok(&site, &out, "2026-11-21");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("khen-thuong/index.json")).unwrap())
            .unwrap();
    let key = |r: &serde_json::Value| {
        format!(
            "{}|{}|{}|{}|{}",
            r["recipient_name"], r["unit_slug"], r["award_slug"], r["decision_number"], r["date"]
        )
    };
    let mut imported: Vec<String> = json["commendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    let direct: serde_json::Value =
        serde_json::from_str(&self::site().file("khen-thuong/index.json")).unwrap();
    let mut direct: Vec<String> = direct["commendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    imported.sort();
    direct.sort();
    assert_eq!(imported, direct);
}
