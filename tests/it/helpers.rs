//! Building fixture sites and reading their output.

use bangvang::{BuildOptions, BuildReport};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixed build date of every test, so that statuses do not change with the calendar.
pub fn test_now() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A built site in a temporary folder.
pub struct Built {
    pub _tmp: tempfile::TempDir,
    pub out: PathBuf,
    pub report: BuildReport,
    pub base: String,
}

impl Built {
    /// Reads an output file by its path relative to the output folder.
    pub fn file(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Parses the page at a site URL (`/vinh-danh/ca-nhan/x/` or `ca-nhan/x/`).
    pub fn page(&self, url: &str) -> Html {
        Html::parse_document(&self.file(&self.output_path(url)))
    }

    pub fn output_path(&self, url: &str) -> String {
        let rel = url
            .strip_prefix(&self.base)
            .unwrap_or(url.trim_start_matches('/'));
        let rel = rel.split(['#', '?']).next().unwrap();
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }

    pub fn exists(&self, url: &str) -> bool {
        self.out.join(self.output_path(url)).is_file()
    }

    /// Every file of the output, as (relative path, bytes).
    pub fn all_files(&self) -> Vec<(String, Vec<u8>)> {
        walkdir::WalkDir::new(&self.out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&self.out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }
}

/// Builds a fixture site (read in place) into a temporary output folder.
pub fn build_with(name: &str, f: impl FnOnce(&mut BuildOptions)) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut options = BuildOptions::new(fixture(name));
    options.output = Some(out.clone());
    options.now = Some(test_now());
    f(&mut options);
    let report = bangvang::build(&options);
    let base =
        url_path(&std::fs::read_to_string(fixture(name).join("site.toml")).unwrap_or_default());
    Built {
        _tmp: tmp,
        out,
        report,
        base,
    }
}

fn url_path(site_toml: &str) -> String {
    let value: toml::Table = toml::from_str(site_toml).unwrap_or_default();
    let url = value
        .get("base_url")
        .and_then(|v| v.as_str())
        .unwrap_or("/");
    let after_host = url
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| "/".into());
    if after_host.ends_with('/') {
        after_host
    } else {
        format!("{after_host}/")
    }
}

pub fn build(name: &str) -> Built {
    build_with(name, |_| {})
}

/// The `complete` fixture, built once for every test that reads it.
pub fn complete() -> &'static Built {
    static SITE: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let b = build("complete");
        assert!(!b.report.has_errors(), "{:#?}", b.report.diagnostics);
        b
    })
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// Whitespace-normalised text of an element.
pub fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<main>` element.
pub fn main_of(html: &Html) -> ElementRef<'_> {
    html.select(&sel("main")).next().expect("a <main>")
}

/// Texts of all elements matching `selector` inside `<main>`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    main_of(html).select(&sel(selector)).map(text).collect()
}

/// The section of `<main>` whose heading id is `heading_id` (`h-roll`).
pub fn section<'a>(html: &'a Html, heading_id: &str) -> ElementRef<'a> {
    main_of(html)
        .select(&sel(&format!("section[aria-labelledby=\"{heading_id}\"]")))
        .next()
        .unwrap_or_else(|| panic!("no section {heading_id}"))
}

/// Rows of the commendation tables inside `scope`: (recipient cell text, award cell text, row classes).
pub fn rows(scope: ElementRef<'_>) -> Vec<(String, String, String)> {
    scope
        .select(&sel("table.commendations tbody tr"))
        .map(|tr| {
            let cell = |label: &str| {
                tr.select(&sel(&format!("td[data-label=\"{label}\"]")))
                    .next()
                    .map(text)
                    .unwrap_or_default()
            };
            (
                cell("Được khen thưởng"),
                cell("Danh hiệu, hình thức"),
                tr.value().attr("class").unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// `<main>` as normalised HTML, for snapshots.
pub fn main_html(html: &Html) -> String {
    let inner = main_of(html).inner_html();
    inner
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The bangvang binary, deleting replaced outputs before it exits so that
/// tests can look beside them.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bangvang"));
    // Delete replaced outputs before exiting, so that tests can look beside them.
    c.env("BANGVANG_SYNC_CLEANUP", "1");
    c
}

/// Copies a folder.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file of a folder with its bytes, to compare outputs exactly.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Runs `bangvang build` on a site folder into `out`, with a fixed date.
pub fn cli_build(site: &Path, out: &Path, now: &str) -> Output {
    bin()
        .args(["build", "--now", now, "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Like [`cli_build`], and the build must succeed.
pub fn cli_build_ok(site: &Path, out: &Path, now: &str) -> Output {
    let run = cli_build(site, out, now);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}
