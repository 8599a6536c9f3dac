//! Nothing hostile, private or wrong reaches the published site: one test
//! per class of attack or careless mistake, each on the small base site with
//! the offending files added, built (and checked) by the real binary.

use crate::helpers::*;
use std::path::{Path, PathBuf};

/// The base site in a temporary folder with `files` added (path, content).
fn site_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("invalid/_base"), &site);
    for (path, bytes) in files {
        let target = site.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    (tmp, site)
}

/// `build` into `<tmp>/public`, and `check`: both must agree on success.
fn build_and_check(site: &Path) -> (std::process::Output, PathBuf) {
    let out = site.parent().unwrap().join("public");
    let built = cli_build(site, &out, "2026-11-21");
    let checked = bin()
        .args(["check", "--now", "2026-11-21", "--root"])
        .arg(site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        built.status.code(),
        checked.status.code(),
        "build and check disagree:\n--- build\n{}\n--- check\n{}",
        String::from_utf8_lossy(&built.stderr),
        String::from_utf8_lossy(&checked.stderr)
    );
    (built, out)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every output file as text (binary files lossily), for "nowhere in the output" checks.
fn all_text(out: &Path) -> String {
    snapshot(out)
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

const PERSON: &str =
    "+++\nname = \"Lê Thị Bích\"\nunit = \"xa-c\"\n[private]\ncccd = \"001234567890\"\n+++\n";

#[test]
fn heading_attributes_cannot_carry_a_handler() {
    let body = format!("{PERSON}## Liên hệ {{tabindex=0 autofocus onfocus=alert(1)}}\n\nx\n");
    let (_tmp, site) = site_with(&[("content/people/le-thi-bich.md", body.as_bytes())]);
    let (run, out) = build_and_check(&site);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(out.join("ca-nhan/le-thi-bich/index.html")).unwrap();
    assert!(html.contains("<h2 id=\"lien-he\">Liên hệ</h2>"), "{html}");
    for bad in ["onfocus", "autofocus", "tabindex=\"0\""] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(html.contains("script-src 'self'") && html.contains("base-uri 'self'"));
}

#[test]
fn scripts_in_passed_through_files_do_not_run_on_the_site() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="4"/></svg>"#;
    let (_tmp, site) = site_with(&[
        ("content/people/anh.svg", svg),
        ("content/tai-lieu/trang.html", b"<script>alert(3)</script>"),
        ("content/tai-lieu/ma.js", b"alert(4)"),
        ("content/tai-lieu/x.xhtml", b"<x/>"),
    ]);
    let (run, out) = build_and_check(&site);
    assert!(run.status.success(), "{}", stderr(&run));
    let cleaned = std::fs::read_to_string(out.join("people/anh.svg")).unwrap();
    assert!(
        !cleaned.contains("alert") && cleaned.contains("<circle r=\"4\"/>"),
        "{cleaned}"
    );
    for f in ["tai-lieu/trang.html", "tai-lieu/ma.js", "tai-lieu/x.xhtml"] {
        assert!(!out.join(f).exists(), "{f} published");
    }
    let message = stderr(&run);
    assert!(
        message.contains("3 files in content/ are not published"),
        "{message}"
    );
    assert!(message.contains("html_and_js = true"), "{message}");
    // A site that says so publishes them.
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!("{toml}\n[publish]\nhtml_and_js = true\n"),
    )
    .unwrap();
    let (run, out) = build_and_check(&site);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(out.join("tai-lieu/ma.js").is_file());
}

#[test]
fn copies_backups_and_spreadsheets_never_reach_the_site() {
    let copy = format!("{PERSON}Bản sao.\n");
    let decision = b"number = \"9/QD\"\naward = \"giay-khen\"\n[[recipients]]\nname = \"A\"\nunit = \"xa-c\"\n[private]\nso = \"001234567890\"\n";
    let (_tmp, site) = site_with(&[
        ("content/people/le-thi-bich/index.md.bak", copy.as_bytes()),
        ("content/people/x.md.orig", copy.as_bytes()),
        ("content/people/x.markdown", copy.as_bytes()),
        ("content/people/index.md.txt", copy.as_bytes()),
        ("content/decisions/x.toml.bak", decision),
        (
            "content/decisions/ds.tsv",
            b"Ho va ten\tSo CCCD\nA\t001234567890\n",
        ),
        ("content/tai-lieu/danh-sach.xlsx", b"PK"),
    ]);
    let (run, out) = build_and_check(&site);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        !all_text(&out).contains("001234567890"),
        "a private number was published"
    );
    let message = stderr(&run);
    for f in [
        "content/people/le-thi-bich/index.md.bak",
        "content/people/x.md.orig",
        "content/people/x.markdown",
        "content/people/index.md.txt",
        "content/decisions/x.toml.bak",
        "content/decisions/ds.tsv",
        "content/tai-lieu/danh-sach.xlsx",
    ] {
        assert!(message.contains(f), "{f} not named:\n{message}");
        assert!(
            !out.join(f.trim_start_matches("content/")).exists(),
            "{f} published"
        );
    }
    assert_eq!(
        message.matches("not published").count(),
        1,
        "one warning:\n{message}"
    );
}

#[test]
fn a_drafts_files_stay_with_the_draft() {
    let draft =
        b"+++\nname = \"Ma Van Nhap\"\nunit = \"xa-c\"\ndraft = true\nphoto = \"anh.jpg\"\n+++\n";
    let named = b"+++\nname = \"Ma Van Hai\"\nunit = \"xa-c\"\ndraft = true\nphoto = \"/tai-lieu/chan-dung-hai.jpg\"\n+++\n";
    // A real (tiny) JPEG: images are decoded when published.
    let mut jpeg = Vec::new();
    image::RgbImage::new(8, 8)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let (_tmp, site) = site_with(&[
        ("content/people/ma-van-nhap/index.md", draft),
        ("content/people/ma-van-nhap/anh.jpg", &jpeg),
        ("content/people/ma-van-nhap/ho-so.pdf", b"%PDF"),
        ("content/people/ma-van-hai.md", named),
        ("content/tai-lieu/chan-dung-hai.jpg", &jpeg),
    ]);
    let (run, out) = build_and_check(&site);
    assert!(run.status.success(), "{}", stderr(&run));
    for f in [
        "people/ma-van-nhap/anh.jpg",
        "people/ma-van-nhap/ho-so.pdf",
        "tai-lieu/chan-dung-hai.jpg",
    ] {
        assert!(!out.join(f).exists(), "{f} of a draft published");
    }
    // With --drafts they are published with it.
    let drafts = bin()
        .args(["build", "--drafts", "--now", "2026-11-21", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(drafts.status.success());
    assert!(out.join("people/ma-van-nhap/ho-so.pdf").is_file());
}

#[test]
fn images_from_other_sites_are_refused() {
    let p = b"+++\nname = \"Le Van Anh\"\nunit = \"xa-c\"\nphoto = \"https://tracker.example/a.jpg\"\n+++\n";
    let (_tmp, site) = site_with(&[("content/people/le-van-anh.md", p)]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("`photo` must be a file of the site") && m.contains("le-van-anh.md:4:"),
        "{m}"
    );
}

#[test]
fn file_names_that_cannot_be_web_addresses_are_errors_in_check_too() {
    let (_tmp, site) = site_with(&[("content/tai-lieu/bao:cao.pdf", b"%PDF")]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("content/tai-lieu/bao:cao.pdf") && m.contains("\":\""),
        "{m}"
    );
    assert!(!m.contains("outside the output folder"), "{m}");
    // Control characters in a name are shown escaped, never sent to the terminal.
    let (_tmp, site) = site_with(&[("content/tai-lieu/a\u{1b}[31mb.pdf", b"%PDF")]);
    let (run, _) = build_and_check(&site);
    let m = stderr(&run);
    assert!(!m.contains('\u{1b}'), "raw escape echoed: {m:?}");
    assert!(m.contains("a\\u{1b}[31mb.pdf"), "{m}");
}

#[test]
fn a_content_file_where_the_site_writes_its_own_is_named() {
    let (_tmp, site) = site_with(&[(
        "content/favicon.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("content/favicon.svg would be written where the site puts its own favicon.svg"),
        "{m}"
    );
    // With .html published, content/index.html clashes with the home page.
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!("{toml}\n[publish]\nhtml_and_js = true\n"),
    )
    .unwrap();
    std::fs::remove_file(site.join("content/favicon.svg")).unwrap();
    std::fs::write(site.join("content/index.html"), "<p>x</p>").unwrap();
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run)
            .contains("content/index.html would be written where the site puts its own index.html")
    );
}

#[test]
fn slugs_and_decision_numbers_too_long_for_a_file_name() {
    let long_slug = format!(
        "+++\nname = \"A\"\nunit = \"xa-c\"\nslug = \"{}\"\n+++\n",
        "a".repeat(300)
    );
    let long_number = format!(
        "+++\nname = \"Le Van So\"\nunit = \"xa-c\"\n[[commendations]]\naward = \"giay-khen\"\ndecision = \"{}/QĐ-UBND\"\ndate = 2024-01-01\n[[commendations]]\naward = \"lao-dong-tien-tien\"\ndecision = \"{}/QĐ-UBND\"\ndate = 2024-01-01\n+++\n",
        "1".repeat(300),
        "1".repeat(300)
    );
    let (_tmp, site) = site_with(&[("content/people/dai.md", long_slug.as_bytes())]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("300 characters long") && m.contains("content/people/dai.md:4:"),
        "{m}"
    );
    assert!(!m.contains(".bangvang-"), "names the temporary folder: {m}");
    // A long decision number gets a shortened slug for its page: it builds.
    let (_tmp, site) = site_with(&[("content/people/le-van-so.md", long_number.as_bytes())]);
    let (run, out) = build_and_check(&site);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        std::fs::read_dir(out.join("khen-thuong/quyet-dinh"))
            .unwrap()
            .any(|e| e.unwrap().file_name().len() <= 100)
    );
}

#[test]
fn a_score_that_is_not_a_number_is_an_error() {
    let cluster = b"+++\nname = \"Cum 1\"\nkind = \"cum-thi-dua\"\nparent = \"huyen-b\"\nmembers = [\"xa-c\"]\n[[scores]]\nyear = 2024\nunit = \"xa-c\"\nscore = nan\n[[scores]]\nyear = 2025\nunit = \"xa-c\"\nscore = inf\n+++\n";
    let (_tmp, site) = site_with(&[("content/units/cum-1.md", cluster)]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("`scores[1].score` must be a number, found nan"),
        "{m}"
    );
    assert!(
        m.contains("`scores[2].score` must be a number, found inf"),
        "{m}"
    );
}

#[test]
fn a_name_without_a_slug_is_one_error_not_a_cascade() {
    let p =
        b"+++\nname = \"Ai\"\nunit = \"xa-c\"\nposition = \"Truong thon\"\nsummary = \"x\"\n+++\n";
    let (_tmp, site) = site_with(&[("content/people/….md", p)]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(m.contains("cannot make a slug from the file name"), "{m}");
    assert!(
        !m.contains("unknown field"),
        "valid fields reported as unknown: {m}"
    );
    assert!(m.contains("1 error"), "{m}");
}

#[test]
fn nested_raw_html_is_a_located_error_not_a_hang() {
    let body = format!("{PERSON}Mở đầu.\n\n{}\n", "<div>".repeat(100_000));
    let (_tmp, site) = site_with(&[("content/people/le-thi-bich.md", body.as_bytes())]);
    let (run, _) = build_and_check(&site);
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("raw HTML nested more than 64 levels deep") && m.contains("le-thi-bich.md:9:"),
        "{m}"
    );
}

#[test]
fn import_never_overwrites_one_decision_with_another() {
    let (tmp, site) = site_with(&[]);
    let sheet = tmp.path().join("ds.csv");
    std::fs::write(
        &sheet,
        "Số quyết định,Ngày,Hình thức,Họ và tên,Đơn vị\n1/QĐ-UBND,20/5/2024,giay-khen,Lê Văn A,xa-c\n1-QĐ-UBND,20/5/2024,giay-khen,Lê Văn B,xa-c\n",
    )
    .unwrap();
    let run = bin()
        .args(["import", "--root"])
        .arg(&site)
        .arg(&sheet)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let m = stderr(&run);
    assert!(
        m.contains("would be written to the same file content/decisions/1-qd-ubnd-2024.toml"),
        "{m}"
    );
    assert!(
        m.contains(":3:") && m.contains(":2:"),
        "both rows named: {m}"
    );
    assert!(
        !site.join("content/decisions/1-qd-ubnd-2024.toml").exists(),
        "nothing written"
    );
}

#[test]
fn a_failed_swap_leaves_no_copy_and_explains_a_mount_point() {
    let tmp = tempfile::tempdir().unwrap();
    let mount = tmp.path().join("web");
    std::fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("cannot mount a tmpfs here: the mount-point case is not exercised");
        return;
    }
    let site = fixture("invalid/_base");
    let first = cli_build(&site, &mount, "2026-11-21");
    let second = cli_build(&site, &mount, "2026-11-21");
    let _ = std::process::Command::new("umount").arg(&mount).status();
    for run in [&first, &second] {
        if !run.status.success() {
            let m = stderr(run);
            assert!(m.contains("is a mount point"), "{m}");
        }
    }
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec!["web".to_string()],
        "a copy of the site was left beside it"
    );
}
