//! Walks `content/` and says what each file is.
//!
//! The folder a file is in decides its kind (`people/…` is a person);
//! `index.md` makes its folder a page bundle whose other files are its
//! assets; every other file is published or left out by the rules of
//! [`super::publish`]. Files that look like content but sit where nothing
//! reads them (a Markdown file in `content/peple/`) are errors with a "did
//! you mean", because copying them raw would publish their front matter,
//! `[private]` table included. Hidden files and Excel's and LibreOffice's
//! lock files are skipped silently; symbolic links are skipped with a
//! warning, so that no file from outside the site is published. A file
//! name that cannot be a web address (`:`, `?`, control characters…) is an
//! error, its name shown with those characters escaped.

use super::publish::{self, AssetKind, Skip};
use crate::diagnostics::{Diagnostic, Location, did_you_mean, printable};
use crate::model::Kind;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Spreadsheet formats read as decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    /// Comma- or semicolon-separated text.
    Csv,
    /// An Excel or OpenDocument workbook.
    Workbook,
}

/// What a discovered file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// `content/_index.md`: the home page text.
    Home,
    /// `content/<section>/_index.md`: a section's title and intro.
    SectionIntro(Kind),
    /// A Markdown entity. `slug_from` is the file stem or the bundle folder name.
    Entity {
        kind: Kind,
        slug_from: String,
        bundle: bool,
    },
    /// `decisions/*.toml`.
    DecisionToml { slug_from: String },
    /// `decisions/*.csv|xlsx|xls|ods`.
    Spreadsheet(SheetFormat),
    /// A file published at the same path of the output.
    Asset(AssetKind),
    /// A file left out, and why.
    Skipped(Skip),
}

/// One file of `content/`.
#[derive(Clone, Debug)]
pub struct Discovered {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    /// What it is.
    pub role: Role,
    /// For a file of a page bundle, the bundle's folder (`people/nguyen-thi-hoa`).
    pub bundle: Option<String>,
}

impl Discovered {
    /// Path relative to the site root, for messages.
    pub fn display(&self) -> String {
        format!("content/{}", self.rel)
    }
}

/// Everything found in `content/`.
#[derive(Debug, Default)]
pub struct Inventory {
    /// The files, in a stable order (sorted by path).
    pub files: Vec<Discovered>,
    /// Problems found while walking.
    pub diagnostics: Vec<Diagnostic>,
    /// Files left out of the output, and why.
    pub skipped: Vec<(String, Skip)>,
}

/// Files that are no one's content: hidden files, lock files, system files.
fn skipped(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Characters a file name of the site cannot have: they break web
/// addresses or file systems, or could drive the officer's terminal.
fn bad_character(rel: &str) -> Option<char> {
    rel.chars().find(|c| {
        c.is_control() || matches!(c, '\\' | '?' | '#' | '"' | '<' | '>' | ':' | '*' | '|')
    })
}

/// What one path of `content/` turned out to be.
#[derive(Clone, Debug)]
pub enum Found {
    /// A file the site reads or publishes.
    File(Discovered),
    /// A file left out of the output, and why.
    Skipped(String, Skip),
    /// A file that is a mistake (a stray Markdown file, a bad name, a link).
    Problem(Diagnostic),
}

/// Every file under `content_dir`, in walking order (folder by folder, by
/// name), with what it is; and the folders that could not be read.
pub fn walk(content_dir: &Path, html_and_js: bool) -> (Vec<(String, Found)>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    if !content_dir.is_dir() {
        errors.push(
            Diagnostic::error("there is no content/ folder")
                .at(Location::file("content/"))
                .help(
                    "create content/ with folders units/, people/, movements/ … (see the README)",
                ),
        );
        return (found, errors);
    }
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| rel_display(content_dir, p))
                    .unwrap_or_else(|| "content/".into());
                errors.push(
                    Diagnostic::error(format!("cannot read this folder: {err}"))
                        .at(Location::file(path)),
                );
                continue;
            }
        };
        if entry.depth() == 0 || !(entry.file_type().is_file() || entry.path_is_symlink()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let rel = slash_path(rel);
        let what = examine(entry.path(), &rel, entry.path_is_symlink(), html_and_js);
        found.push((rel, what));
    }
    (found, errors)
}

/// What the file at `path` (`rel` under `content/`) is.
pub fn examine(path: &Path, rel: &str, is_symlink: bool, html_and_js: bool) -> Found {
    if is_symlink {
        return Found::Problem(
            Diagnostic::warning(
                "symbolic link skipped: only real files inside content/ are published",
            )
            .at(Location::file(format!("content/{rel}"))),
        );
    }
    if let Some(c) = bad_character(rel) {
        return Found::Problem(
            Diagnostic::error(format!(
                "file name contains {}, which cannot be part of a web address",
                printable(&format!("\"{c}\""))
            ))
            .at(Location::file(format!("content/{rel}")))
            .help("rename it with letters, digits, - and _ only"),
        );
    }
    match classify(rel, html_and_js) {
        Ok(Role::Skipped(why)) => Found::Skipped(rel.to_string(), why),
        Ok(role) => Found::File(Discovered {
            path: path.to_path_buf(),
            rel: rel.to_string(),
            role,
            bundle: None,
        }),
        Err(d) => Found::Problem(d),
    }
}

/// Whether a path under `content/` is one a walk passes over (a hidden
/// file or folder, a lock file) at any level.
pub fn passed_over(rel: &str) -> bool {
    rel.split('/').any(skipped)
}

/// The inventory of what was found, in the order given.
pub fn inventory<'f>(found: impl Iterator<Item = &'f Found>) -> Inventory {
    let mut inv = Inventory::default();
    for f in found {
        match f {
            Found::File(d) => inv.files.push(d.clone()),
            Found::Skipped(rel, why) => inv.skipped.push((rel.clone(), *why)),
            Found::Problem(d) => inv.diagnostics.push(d.clone()),
        }
    }
    mark_bundles(&mut inv.files);
    inv
}

/// Gives each file of a page bundle its bundle's folder.
fn mark_bundles(files: &mut [Discovered]) {
    let bundles: std::collections::HashSet<String> = files
        .iter()
        .filter(|f| matches!(f.role, Role::Entity { bundle: true, .. }))
        .filter_map(|f| f.rel.rsplit_once('/').map(|(dir, _)| dir.to_string()))
        .collect();
    if bundles.is_empty() {
        return;
    }
    for f in files.iter_mut() {
        let mut dir = f.rel.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            if bundles.contains(parent) {
                f.bundle = Some(parent.to_string());
                break;
            }
            dir = parent;
        }
    }
}

fn rel_display(content_dir: &Path, path: &Path) -> String {
    match path.strip_prefix(content_dir) {
        Ok(r) => format!("content/{}", slash_path(r)),
        Err(_) => path.display().to_string(),
    }
}

/// A relative path with `/` separators.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// A file that is not content: published as its kind, or left out.
fn asset(name: &str, html_and_js: bool) -> Role {
    match publish::asset_kind(name, html_and_js) {
        Ok(kind) => Role::Asset(kind),
        Err(why) => Role::Skipped(why),
    }
}

/// Decides the role of a file from its path relative to `content/`.
pub fn classify(rel: &str, html_and_js: bool) -> Result<Role, Diagnostic> {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = *parts.last().expect("non-empty path");
    let ext = extension(name);
    let display = format!("content/{rel}");
    if publish::is_copy(name) {
        return Ok(Role::Skipped(Skip::Copy));
    }
    if parts.len() == 1 {
        return match (name, ext.as_str()) {
            ("_index.md", _) => Ok(Role::Home),
            (_, "md") => Err(Diagnostic::error("Markdown file at the top of content/: nothing reads it")
                .at(Location::file(display))
                .help(format!("free pages go in content/pages/ (content/pages/{name}); the home page text is content/_index.md"))),
            _ => Ok(asset(name, html_and_js)),
        };
    }
    let folder = parts[0];
    let Some(kind) = Kind::from_folder(folder) else {
        if ext == "md" {
            let known = Kind::ALL.map(Kind::folder);
            let mut d = Diagnostic::error(format!(
                "Markdown file in content/{folder}/, which is not a content section"
            ))
            .at(Location::file(display))
            .help(format!("the sections are: {}", known.join(", ")));
            if let Some(s) = did_you_mean(folder, known) {
                d = d.help(format!("did you mean content/{s}/?"));
            }
            return Err(d);
        }
        return Ok(asset(name, html_and_js));
    };
    if kind == Kind::Decision {
        return match ext.as_str() {
            "toml" => Ok(Role::DecisionToml {
                slug_from: stem(name).to_string(),
            }),
            "csv" => Ok(Role::Spreadsheet(SheetFormat::Csv)),
            "xlsx" | "xls" | "ods" | "xlsm" | "xlsb" => {
                Ok(Role::Spreadsheet(SheetFormat::Workbook))
            }
            "md" => Err(Diagnostic::error(
                "a decision is a .toml file (or a spreadsheet), not Markdown",
            )
            .at(Location::file(display))
            .help("rename it to .toml and remove the +++ lines")),
            _ => Ok(asset(name, html_and_js)),
        };
    }
    match ext.as_str() {
        "md" if name == "_index.md" && parts.len() == 2 => Ok(Role::SectionIntro(kind)),
        "md" if name == "_index.md" => Err(Diagnostic::error("_index.md is only read at the top of a section")
            .at(Location::file(display))),
        "md" if name == "index.md" => {
            if parts.len() < 3 {
                return Err(Diagnostic::error(format!("index.md directly in content/{folder}/ has no bundle folder to name it"))
                    .at(Location::file(display))
                    .help(format!("name the file after its slug (content/{folder}/<slug>.md), or put it in a folder content/{folder}/<slug>/index.md")));
            }
            Ok(Role::Entity {
                kind,
                slug_from: parts[parts.len() - 2].to_string(),
                bundle: true,
            })
        }
        "md" => Ok(Role::Entity {
            kind,
            slug_from: stem(name).to_string(),
            bundle: false,
        }),
        "toml" => Err(Diagnostic::error(format!("{} are Markdown files with a +++ block, not .toml", folder))
            .at(Location::file(display))
            .help("rename it to .md and put its fields between +++ lines; only content/decisions/ holds .toml files")),
        _ => Ok(asset(name, html_and_js)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_folders() {
        assert_eq!(classify("_index.md", false).unwrap(), Role::Home);
        assert_eq!(
            classify("people/_index.md", false).unwrap(),
            Role::SectionIntro(Kind::Person)
        );
        assert_eq!(
            classify("people/nguyen-thi-hoa.md", false).unwrap(),
            Role::Entity {
                kind: Kind::Person,
                slug_from: "nguyen-thi-hoa".into(),
                bundle: false
            }
        );
        assert_eq!(
            classify("people/nguyen-thi-hoa/index.md", false).unwrap(),
            Role::Entity {
                kind: Kind::Person,
                slug_from: "nguyen-thi-hoa".into(),
                bundle: true
            }
        );
        assert_eq!(
            classify("people/nguyen-thi-hoa/anh.jpg", false).unwrap(),
            Role::Asset(AssetKind::Image)
        );
        assert_eq!(
            classify("people/2024/a.md", false).unwrap(),
            Role::Entity {
                kind: Kind::Person,
                slug_from: "a".into(),
                bundle: false
            }
        );
        assert_eq!(
            classify("decisions/qd-1.toml", false).unwrap(),
            Role::DecisionToml {
                slug_from: "qd-1".into()
            }
        );
        assert_eq!(
            classify("decisions/ds.CSV", false).unwrap(),
            Role::Spreadsheet(SheetFormat::Csv)
        );
        assert_eq!(
            classify("decisions/ds.xlsx", false).unwrap(),
            Role::Spreadsheet(SheetFormat::Workbook)
        );
        assert_eq!(
            classify("files/ke-hoach.pdf", false).unwrap(),
            Role::Asset(AssetKind::Document)
        );
        assert_eq!(
            classify("logo.png", false).unwrap(),
            Role::Asset(AssetKind::Image)
        );
        assert_eq!(
            classify("decisions/ds.tsv", false).unwrap(),
            Role::Skipped(Skip::Spreadsheet)
        );
        assert_eq!(
            classify("people/a.md.bak", false).unwrap(),
            Role::Skipped(Skip::Copy)
        );
    }

    #[test]
    fn stray_markdown_is_an_error_with_a_hint() {
        let d = classify("peple/a.md", false).unwrap_err();
        assert!(
            d.help.iter().any(|h| h.contains("content/people/")),
            "{d:#?}"
        );
        let d = classify("about.md", false).unwrap_err();
        assert!(d.help[0].contains("content/pages/about.md"));
        assert!(classify("units/a.toml", false).is_err());
        assert!(classify("decisions/a.md", false).is_err());
    }
}
