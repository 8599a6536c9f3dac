//! Bad input: every case in tests/fixtures/invalid/<case>/ is the small valid
//! site `_base` with the files of `<case>/files/` laid over it (and those in
//! `remove.txt` deleted). For each case the real binary must exit 1 without a
//! panic, print every line of `expected.txt` (file, line, field, hint), and
//! leave the output of the previous, good build byte for byte as it was.

use crate::helpers::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A site made of `_base` in a temporary folder, already built once into `public/`.
pub struct Prepared {
    pub tmp: tempfile::TempDir,
    pub site: PathBuf,
    pub out: PathBuf,
    pub before: BTreeMap<String, Vec<u8>>,
}

pub fn prepare_base() -> Prepared {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("invalid/_base"), &site);
    let out = tmp.path().join("public");
    let first = cli_build(&site, &out, "2026-01-01");
    assert!(
        first.status.success(),
        "the base site must build: {}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&out);
    assert!(before.len() > 20);
    Prepared {
        tmp,
        site,
        out,
        before,
    }
}

/// What one case printed (with the temporary folder written `[TMP]`), and
/// what was wrong with the run.
struct CaseRun {
    name: String,
    message: String,
    problems: Result<(), String>,
}

fn run_case(case: &Path) -> CaseRun {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let p = prepare_base();
    let files = case.join("files");
    if files.is_dir() {
        copy_dir(&files, &p.site);
    }
    if let Ok(remove) = std::fs::read_to_string(case.join("remove.txt")) {
        for line in remove.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::remove_file(p.site.join(line.trim())).unwrap();
        }
    }
    let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
    let run = cli_build(&p.site, &p.out, "2026-01-01");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let mut problems = Vec::new();
    if run.status.code() != Some(1) {
        problems.push(format!("exit status {:?}, expected 1", run.status.code()));
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        problems.push("panicked".into());
    }
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        if !stderr.contains(line) {
            problems.push(format!("missing in the message: {line}"));
        }
    }
    if !stderr.contains("the previous output is unchanged") {
        problems.push("no closing line saying the output is unchanged".into());
    }
    if snapshot(&p.out) != p.before {
        problems.push("the previous output changed".into());
    }
    let leftovers: Vec<String> = std::fs::read_dir(p.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site" && n != "public")
        .collect();
    if !leftovers.is_empty() {
        problems.push(format!("left behind: {leftovers:?}"));
    }
    let message = stderr.replace(&p.tmp.path().display().to_string(), "[TMP]");
    let problems = if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "case {name}:\n  {}\n--- stderr ---\n{stderr}",
            problems.join("\n  ")
        ))
    };
    CaseRun {
        name,
        message,
        problems,
    }
}

#[test]
fn every_bad_input_is_reported_with_its_location_and_changes_nothing() {
    let root = fixture("invalid");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let runs: Vec<CaseRun> = std::thread::scope(|s| {
        let chunks: Vec<&[PathBuf]> = cases.chunks(cases.len().div_ceil(4)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| s.spawn(move || chunk.iter().map(|c| run_case(c)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let failures: Vec<&String> = runs
        .iter()
        .filter_map(|r| r.problems.as_ref().err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    // The whole message of every case, so that a change of wording or of a
    // location is seen, not only the lines that expected.txt asks for.
    for run in &runs {
        insta::assert_snapshot!(format!("invalid_{}", run.name), run.message);
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        vec!["build", "--no-such-flag"],
        vec!["build", "--now", "2024-13-01"],
        vec!["frobnicate"],
        vec![],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn warnings_fail_only_with_strict() {
    let p = prepare_base();
    std::fs::write(
        p.site.join("content/conferences/hn-huyen.md"),
        "+++\ntitle = \"Hội nghị huyện B\"\norganizer = \"huyen-b\"\ndate = 2025-04-20\n[delegates]\ntotal = 100\nexemplars = 60\n+++\n",
    )
    .unwrap();
    let ok = bin()
        .args(["check", "--now", "2026-01-01", "--root"])
        .arg(&p.site)
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("exemplars are 60 of 100 delegates"));
    let strict = bin()
        .args(["check", "--strict", "--now", "2026-01-01", "--root"])
        .arg(&p.site)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn check_writes_nothing() {
    let p = prepare_base();
    let other = p.tmp.path().join("never");
    let out = bin()
        .args(["check", "--now", "2026-01-01", "--root"])
        .arg(&p.site)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!other.exists());
    assert!(!p.site.join("public").exists());
    assert_eq!(snapshot(&p.out), p.before);
}

#[test]
fn a_folder_not_made_by_bangvang_is_refused() {
    let p = prepare_base();
    let foreign = p.tmp.path().join("tai-lieu-quan-trong");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("bao-cao.docx"), "x").unwrap();
    let out = bin()
        .args(["build", "--root"])
        .arg(&p.site)
        .arg("--output")
        .arg(&foreign)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("was not made by bangvang"));
    assert!(foreign.join("bao-cao.docx").is_file());
    let forced = bin()
        .args(["build", "--force", "--root"])
        .arg(&p.site)
        .arg("--output")
        .arg(&foreign)
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert!(!foreign.join("bao-cao.docx").exists());
    assert!(foreign.join(".bangvang").is_file());
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let p = prepare_base();
    // Make the site big enough that a build takes a while.
    let people = p.site.join("content/people");
    for i in 0..3000 {
        std::fs::write(
            people.join(format!("nguoi-{i:04}.md")),
            format!("+++\nname = \"Nguyễn Văn Số {i}\"\nunit = \"xa-c\"\n[[commendations]]\naward = \"giay-khen\"\ndecision = \"{i}/QĐ-UBND\"\ndate = 2024-01-01\n+++\n{}\n", "Câu chuyện điển hình. ".repeat(40)),
        )
        .unwrap();
    }
    // Kill each build as soon as it has started writing its temporary folder.
    let writing = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.contains(".bangvang-")
                    && std::fs::read_dir(e.path())
                        .map(|mut d| d.next().is_some())
                        .unwrap_or(false)
            })
    };
    let mut killed_midway = 0;
    for _ in 0..3 {
        let mut child = bin()
            .args(["build", "--now", "2026-01-01", "--root"])
            .arg(&p.site)
            .arg("--output")
            .arg(&p.out)
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while !writing(p.tmp.path()) && started.elapsed() < std::time::Duration::from_secs(60) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            killed_midway += 1;
        }
        assert_eq!(snapshot(&p.out), p.before, "output changed after a kill");
    }
    assert!(
        killed_midway > 0,
        "no kill landed while the build was writing"
    );
    // The next build sweeps what the killed ones left and succeeds.
    cli_build_ok(&p.site, &p.out, "2026-01-01");
    let names: Vec<String> = std::fs::read_dir(p.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n == "site" || n == "public"),
        "{names:?}"
    );
    assert!(p.out.join("ca-nhan/nguoi-2999/index.html").is_file());
}

#[test]
fn accepted_quirks_bom_crlf_nfd_and_excel_lock_files() {
    let p = prepare_base();
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Trần Thị Bích").collect();
    let text =
        format!("\u{feff}+++\r\nname = \"{nfd}\"\r\nunit = \"xa-c\"\r\n+++\r\nCâu chuyện.\r\n");
    std::fs::write(p.site.join("content/people/tran-thi-bich.md"), text).unwrap();
    std::fs::write(p.site.join("content/decisions/~$ds.xlsx"), "lock").unwrap();
    std::fs::write(p.site.join("content/people/.DS_Store"), "x").unwrap();
    cli_build_ok(&p.site, &p.out, "2026-01-01");
    let html = std::fs::read_to_string(p.out.join("ca-nhan/tran-thi-bich/index.html")).unwrap();
    assert!(
        html.contains("<h1 itemprop=\"name\">Trần Thị Bích</h1>"),
        "NFC on output"
    );
    assert!(!p.out.join("decisions/~$ds.xlsx").exists());
    assert!(!p.out.join("people/.DS_Store").exists());
}
