//! What of `content/` is published besides the pages: the publishing rules.
//!
//! Only files of the kinds a visitor views or downloads are published:
//! images, PDF and office documents, audio, video and subtitles. Nothing
//! that could run in a visitor's browser goes out as it is: an SVG is
//! cleaned ([`crate::svg`]), and `.html` and `.js` files are published only
//! when `site.toml` says `[publish] html_and_js = true`. Nothing that is a
//! copy of content (`*.bak`, `*.orig`, `x.md.txt`, editor backups, a
//! `.markdown` file) and no spreadsheet is ever published as a file: they
//! may hold what the content holds, `[private]` tables included. Every file
//! left out is named, with the reason, in one warning.

use crate::diagnostics::{Diagnostic, Location};

/// A kind of file that is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetKind {
    /// JPEG, PNG, GIF, WebP, AVIF, ICO.
    Image,
    /// Cleaned before it is published.
    Svg,
    /// PDF and office documents.
    Document,
    Audio,
    Video,
    /// WebVTT and SubRip captions.
    Subtitles,
    /// `.html`, `.js`: only with `[publish] html_and_js = true`.
    Active,
}

/// Why a file of `content/` is not published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A backup or copy of a content file.
    Copy,
    /// A spreadsheet outside `content/decisions/`, or one bangvang does not read.
    Spreadsheet,
    /// `.html` or `.js` without the site's consent.
    Active,
    /// An image format bangvang cannot re-encode (AVIF, HEIC): it could
    /// carry the camera's metadata, so it is not published.
    Unprocessed,
    /// A kind of file that visitors neither view nor download.
    Unknown,
}

impl Skip {
    /// The reason, as the warning gives it.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Copy => "a copy or backup of a content file",
            Skip::Spreadsheet => {
                "a spreadsheet: only those in content/decisions/ are read, and none is published"
            }
            Skip::Active => {
                "an .html or .js file runs in visitors' browsers: published only with [publish] html_and_js = true in site.toml"
            }
            Skip::Unprocessed => {
                "an AVIF or HEIC photo cannot be cleaned of its metadata (GPS position, camera): save it as JPEG"
            }
            Skip::Unknown => "not a kind of file visitors view or download",
        }
    }
}

/// The file name's extension, lower case.
fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether a file name is that of a copy or backup of content.
pub fn is_copy(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let ext = extension(&lower);
    lower.ends_with('~')
        || (lower.starts_with('#') && lower.ends_with('#'))
        || matches!(
            ext.as_str(),
            "bak" | "backup" | "orig" | "old" | "save" | "tmp" | "temp" | "rej" | "swp" | "swo"
                | "markdown" | "mdown" | "mkd" | "mdx"
        )
        // `x.md.txt`, `index.md.bak`, `qd.toml.orig`: anything that was a content file.
        || lower.contains(".md.")
        || lower.contains(".toml.")
        || lower.contains(".csv.")
        || lower.contains(".xlsx.")
}

/// What becomes of a file that is not content: published as a kind, or skipped.
pub fn asset_kind(name: &str, html_and_js: bool) -> Result<AssetKind, Skip> {
    if is_copy(name) {
        return Err(Skip::Copy);
    }
    match extension(name).as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "ico" => Ok(AssetKind::Image),
        "avif" | "heic" | "heif" => Err(Skip::Unprocessed),
        "svg" => Ok(AssetKind::Svg),
        "pdf" | "doc" | "docx" | "odt" | "rtf" | "ppt" | "pptx" | "odp" | "epub" => {
            Ok(AssetKind::Document)
        }
        "mp3" | "m4a" | "aac" | "ogg" | "oga" | "opus" | "wav" | "flac" => Ok(AssetKind::Audio),
        "mp4" | "m4v" | "webm" | "ogv" | "mov" => Ok(AssetKind::Video),
        "vtt" | "srt" => Ok(AssetKind::Subtitles),
        "csv" | "tsv" | "xlsx" | "xls" | "xlsm" | "xlsb" | "ods" | "numbers" => {
            Err(Skip::Spreadsheet)
        }
        "html" | "htm" | "xhtml" | "js" | "mjs" if html_and_js => Ok(AssetKind::Active),
        "html" | "htm" | "xhtml" | "js" | "mjs" => Err(Skip::Active),
        _ => Err(Skip::Unknown),
    }
}

/// The one warning that names every file left out, with its reason.
pub fn skipped_warning(skipped: &[(String, Skip)]) -> Option<Diagnostic> {
    if skipped.is_empty() {
        return None;
    }
    let mut sorted: Vec<&(String, Skip)> = skipped.iter().collect();
    sorted.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let n = sorted.len();
    let mut d = Diagnostic::warning(format!(
        "{n} file{} in content/ {} not published",
        if n == 1 { "" } else { "s" },
        if n == 1 { "is" } else { "are" }
    ))
    .at(Location::file("content/"));
    for (rel, why) in sorted {
        d = d.related(Location::file(format!("content/{rel}")), why.reason());
    }
    Some(d.help(
        "delete copies and backups from content/; keep spreadsheets of decisions in content/decisions/; publish other files as PDF",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_spreadsheets_and_scripts_are_not_published() {
        for name in [
            "index.md.bak",
            "x.md.orig",
            "index.md.txt",
            "x.markdown",
            "qd.toml.bak",
            "anh.jpg~",
            "#ghi-chu.md#",
            "bao-cao.docx.tmp",
        ] {
            assert_eq!(asset_kind(name, true), Err(Skip::Copy), "{name}");
        }
        for name in ["ds.tsv", "ds.csv", "danh-sach.xlsx", "a.ods"] {
            assert_eq!(asset_kind(name, false), Err(Skip::Spreadsheet), "{name}");
        }
        assert_eq!(asset_kind("a.html", false), Err(Skip::Active));
        assert_eq!(asset_kind("a.js", false), Err(Skip::Active));
        assert_eq!(asset_kind("a.js", true), Ok(AssetKind::Active));
        for name in ["a.exe", "a.zip", "ghi-chu.txt", "a.json", "Makefile"] {
            assert_eq!(asset_kind(name, true), Err(Skip::Unknown), "{name}");
        }
        assert_eq!(asset_kind("Anh.JPG", false), Ok(AssetKind::Image));
        assert_eq!(asset_kind("logo.svg", false), Ok(AssetKind::Svg));
        assert_eq!(asset_kind("ke-hoach.pdf", false), Ok(AssetKind::Document));
        assert_eq!(asset_kind("clip.mp4", false), Ok(AssetKind::Video));
        assert_eq!(asset_kind("clip.vi.vtt", false), Ok(AssetKind::Subtitles));
    }
}
