//! `site.toml`: the site's title, address, language, URL sections and awards.
//!
//! Read with the same located field reader as front matter, so a typo in
//! `site.toml` is reported at its line with a "did you mean", and every
//! value is checked before any content is read: the base URL (which may
//! carry a sub-path that every link must keep), the section names (which
//! become folders of the output and so must be safe slugs), and the awards
//! a site adds to or renames in the built-in catalogue.

use crate::awards::{Award, AwardClass, AwardLevel, Catalogue, Eligible, RESERVED_SLUGS};
use crate::diagnostics::{Diagnostic, FileId};
use crate::load::fields::{Doc, Table};
use crate::vi::{self, Lang};

/// URL sections of the site, renamable under `[paths]`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Paths {
    /// Units: `don-vi`.
    pub units: String,
    /// Movements: `phong-trao`.
    pub movements: String,
    /// People: `ca-nhan`.
    pub people: String,
    /// Collectives: `tap-the`.
    pub collectives: String,
    /// Conferences: `hoi-nghi`.
    pub conferences: String,
    /// The commendation index: `khen-thuong`.
    pub commendations: String,
    /// News: `tin-tuc`.
    pub news: String,
    /// The search page: `tim-kiem`.
    pub search: String,
    /// The statistics page: `thong-ke`.
    pub statistics: String,
    /// The media library: `thu-vien`.
    pub library: String,
    /// Plans and other documents: `van-ban`.
    pub plans: String,
    /// The calendar of coming dates: `lich`.
    pub calendar: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            units: "don-vi".into(),
            movements: "phong-trao".into(),
            people: "ca-nhan".into(),
            collectives: "tap-the".into(),
            conferences: "hoi-nghi".into(),
            commendations: "khen-thuong".into(),
            news: "tin-tuc".into(),
            search: "tim-kiem".into(),
            statistics: "thong-ke".into(),
            library: "thu-vien".into(),
            plans: "van-ban".into(),
            calendar: "lich".into(),
        }
    }
}

impl Paths {
    /// Every section name, for collision checks with page slugs.
    pub fn all(&self) -> [&str; 12] {
        [
            &self.units,
            &self.movements,
            &self.people,
            &self.collectives,
            &self.conferences,
            &self.commendations,
            &self.news,
            &self.search,
            &self.statistics,
            &self.library,
            &self.plans,
            &self.calendar,
        ]
    }
}

/// `[paths]` keys: the content folder name (English) and the default
/// Vietnamese section name are both accepted.
const PATH_KEYS: &[(&str, &str)] = &[
    ("units", "don-vi"),
    ("movements", "phong-trao"),
    ("people", "ca-nhan"),
    ("collectives", "tap-the"),
    ("conferences", "hoi-nghi"),
    ("commendations", "khen-thuong"),
    ("news", "tin-tuc"),
    ("search", "tim-kiem"),
    ("statistics", "thong-ke"),
    ("library", "thu-vien"),
    ("plans", "van-ban"),
    ("calendar", "lich"),
];

/// The site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-sentence description (meta description, feeds).
    pub description: Option<String>,
    /// Absolute base URL with a trailing slash, or `/` when none was given.
    pub base_url: String,
    /// The path part of the base URL, with leading and trailing slash (`/vinh-danh/`).
    pub base_path: String,
    /// Interface language.
    pub language: Lang,
    /// Theme name.
    pub theme: String,
    /// Items per page in listings.
    pub page_size: usize,
    /// URL sections.
    pub paths: Paths,
    /// Whether raw HTML in Markdown is sanitised (the default) or passed through.
    pub sanitize_html: bool,
    /// Whether `.html` and `.js` files of `content/` are published (`[publish] html_and_js`).
    pub publish_html_and_js: bool,
    /// Free table for templates.
    pub extra: serde_json::Value,
    /// The awards catalogue: built in plus the site's `[[awards]]`.
    pub awards: Catalogue,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Bảng vàng".into(),
            description: None,
            base_url: "/".into(),
            base_path: "/".into(),
            language: Lang::Vi,
            theme: "default".into(),
            page_size: 50,
            paths: Paths::default(),
            sanitize_html: true,
            publish_html_and_js: false,
            extra: serde_json::Value::Object(Default::default()),
            awards: Catalogue::built_in(),
        }
    }
}

/// Result of normalising a base URL.
#[derive(Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// Full URL with trailing slash.
    pub url: String,
    /// Path with leading and trailing slash.
    pub path: String,
}

/// Checks and normalises a base URL: `https://host/sub/path` gets a trailing
/// slash; a bare path (`/vinh-danh/`) is accepted for sites without a host.
pub fn parse_base_url(text: &str) -> Result<BaseUrl, String> {
    let text = text.trim();
    if text.starts_with('/') {
        let mut path = text.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        if path.contains("//") || path.contains("/../") || path.contains("/./") {
            return Err(format!("\"{text}\" is not a clean path"));
        }
        return Ok(BaseUrl {
            url: path.clone(),
            path,
        });
    }
    let url = url::Url::parse(text).map_err(|e| format!("\"{text}\" is not a URL ({e})"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!("\"{text}\" must start with https:// or http://"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("\"{text}\" must not have a ?query or #fragment"));
    }
    let mut full = url.to_string();
    if !full.ends_with('/') {
        full.push('/');
    }
    let mut path = url.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(BaseUrl { url: full, path })
}

/// Command-line settings that override `site.toml`.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
}

/// Parses `site.toml`. Returns the configuration (with defaults where a
/// value was wrong, so that content can still be checked) and the diagnostics.
pub fn parse(
    file: FileId,
    display: &str,
    text: &str,
    overrides: &Overrides,
) -> (Config, Vec<Diagnostic>) {
    let doc = Doc::new(file, display, text, 0);
    let mut config = Config::default();
    if let Some(parsed) = doc.parse(text) {
        let root = doc.root(&parsed, "site.toml");
        read_root(&root, &mut config);
        root.finish_with_synonyms(&[
            ("name", "title"),
            ("lang", "language"),
            ("baseurl", "base_url"),
            ("url", "base_url"),
            ("paginate", "page_size"),
            ("paginate_by", "page_size"),
        ]);
    }
    let mut diagnostics = doc.into_diagnostics();
    if let Some(url) = &overrides.base_url {
        match parse_base_url(url) {
            Ok(b) => {
                config.base_url = b.url;
                config.base_path = b.path;
            }
            Err(e) => diagnostics.push(Diagnostic::error(format!("--base-url {e}"))),
        }
    }
    (config, diagnostics)
}

fn read_root(root: &Table<'_, '_>, config: &mut Config) {
    if let Some(title) = root.text("title") {
        config.title = title;
    }
    config.description = root.text("description");
    if let Some(url) = root.text_at("base_url") {
        match parse_base_url(&url.value) {
            Ok(b) => {
                config.base_url = b.url;
                config.base_path = b.path;
            }
            Err(e) => root.doc().push(
                root.doc()
                    .error_at(span_of(root, "base_url"), format!("`base_url` {e}"))
                    .field("base_url")
                    .help("for example: base_url = \"https://example.gov.vn/vinh-danh/\""),
            ),
        }
    }
    if let Some(lang) = root.choice("language", &["vi", "en"]) {
        config.language = if lang == "en" { Lang::En } else { Lang::Vi };
    }
    if let Some(theme) = root.text_at("theme") {
        if vi::is_valid_slug(&theme.value)
            || theme
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            config.theme = theme.value;
        } else {
            root.doc().push(
                root.doc()
                    .error_at(
                        span_of(root, "theme"),
                        "`theme` must be the name of a folder in themes/",
                    )
                    .field("theme"),
            );
        }
    }
    if let Some(n) = root.int("page_size") {
        if (1..=10_000).contains(&n) {
            config.page_size = n as usize;
        } else {
            root.doc().push(
                root.doc()
                    .error_at(
                        span_of(root, "page_size"),
                        format!("`page_size` must be between 1 and 10000, found {n}"),
                    )
                    .field("page_size"),
            );
        }
    }
    if let Some(paths) = root.table("paths") {
        read_paths(paths, &mut config.paths);
    }
    if let Some(md) = root.table("markdown") {
        if let Some(s) = md.bool("sanitize") {
            config.sanitize_html = s;
        }
        md.finish();
    }
    if let Some(publish) = root.table("publish") {
        if let Some(b) = publish.bool("html_and_js") {
            config.publish_html_and_js = b;
        }
        publish.finish_with_synonyms(&[("html", "html_and_js"), ("js", "html_and_js")]);
    }
    if let Some(extra) = root.free_table("extra") {
        config.extra = extra;
    }
    for award in root.tables("awards") {
        read_award(&award, &mut config.awards);
        award.finish_with_synonyms(&[
            ("title", "name"),
            ("kind", "class"),
            ("recipients", "recipient"),
        ]);
    }
}

fn span_of(table: &Table<'_, '_>, key: &str) -> std::ops::Range<usize> {
    let loc = table.loc_of(key);
    let offset = table.doc().offset;
    loc.start as usize - offset..loc.end as usize - offset
}

fn read_paths(paths: Table<'_, '_>, out: &mut Paths) {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (english, vietnamese) in PATH_KEYS {
        for key in [*english, *vietnamese] {
            let Some(value) = paths.text_at(key) else {
                continue;
            };
            if !vi::is_valid_slug(&value.value) {
                paths.doc().push(
                    paths
                        .doc()
                        .error_at(
                            span_of(&paths, key),
                            format!("`paths.{key}` must be a slug of a-z, 0-9 and -"),
                        )
                        .field(format!("paths.{key}"))
                        .suggest(
                            Some(&vi::slugify(&value.value))
                                .filter(|s| !s.is_empty())
                                .map(String::as_str),
                        ),
                );
                continue;
            }
            if let Some((_, other)) = seen.iter().find(|(v, _)| *v == value.value) {
                paths.doc().push(
                    paths
                        .doc()
                        .error_at(
                            span_of(&paths, key),
                            format!(
                                "`paths.{key}` is \"{}\", already used by `paths.{other}`",
                                value.value
                            ),
                        )
                        .field(format!("paths.{key}")),
                );
                continue;
            }
            seen.push((value.value.clone(), key));
            let slot = match *english {
                "units" => &mut out.units,
                "movements" => &mut out.movements,
                "people" => &mut out.people,
                "collectives" => &mut out.collectives,
                "conferences" => &mut out.conferences,
                "commendations" => &mut out.commendations,
                "news" => &mut out.news,
                "search" => &mut out.search,
                "library" => &mut out.library,
                "plans" => &mut out.plans,
                "calendar" => &mut out.calendar,
                _ => &mut out.statistics,
            };
            *slot = value.value;
        }
    }
    // Sections left at their default must not collide with renamed ones.
    let all = out.all().map(str::to_string);
    for (i, a) in all.iter().enumerate() {
        if all[..i].contains(a) {
            paths.doc().push(
                Diagnostic::error(format!("two URL sections are both named \"{a}\""))
                    .at(paths.doc().locate(0..0))
                    .help("give each section under [paths] its own name"),
            );
        }
    }
    paths.finish_with_synonyms(&[
        ("person", "people"),
        ("unit", "units"),
        ("decisions", "commendations"),
        ("awards", "commendations"),
    ]);
}

fn read_award(t: &Table<'_, '_>, catalogue: &mut Catalogue) {
    let Some(slug) = t.req_text_at("slug") else {
        // Still read the other fields so their errors are reported too.
        let _ = (
            t.text("name"),
            t.choice("recipient", Eligible::CHOICES),
            t.choice("level", AwardLevel::CHOICES),
            t.int("rank"),
            t.choice("class", &["danh-hieu", "hinh-thuc"]),
            t.text_list("aliases"),
        );
        return;
    };
    let slug_span = span_of(t, "slug");
    if !vi::is_valid_slug(&slug.value) {
        t.doc().push(
            t.doc()
                .error_at(
                    slug_span,
                    format!("award slug \"{}\" must use only a-z, 0-9 and -", slug.value),
                )
                .field(t.field_path("slug"))
                .suggest(Some(vi::slugify(&slug.value).as_str()).filter(|s| !s.is_empty())),
        );
        return;
    }
    if RESERVED_SLUGS.contains(&slug.value.as_str()) {
        t.doc().push(
            t.doc()
                .error_at(slug_span, format!("\"{}\" cannot be an award slug: the commendation index uses it for its own pages", slug.value))
                .field(t.field_path("slug")),
        );
        return;
    }
    let name = t.text("name");
    let eligible = t
        .choice("recipient", Eligible::CHOICES)
        .and_then(Eligible::from_slug);
    let level = t
        .choice("level", AwardLevel::CHOICES)
        .and_then(AwardLevel::from_slug);
    let rank = t.int("rank");
    let class = t.choice("class", &["danh-hieu", "hinh-thuc"]);
    let aliases = t.text_list("aliases");
    if let Some(r) = rank
        && !(0..=100_000).contains(&r)
    {
        t.doc().push(
            t.doc()
                .error_at(
                    span_of(t, "rank"),
                    format!("award rank must be between 0 and 100000, found {r}"),
                )
                .field(t.field_path("rank")),
        );
    }
    let existing = catalogue
        .by_slug(&slug.value)
        .map(|id| catalogue.get(id).clone());
    let award = match existing {
        Some(mut a) => {
            if let Some(n) = name {
                a.name = n;
            }
            if let Some(e) = eligible {
                a.eligible = e;
            }
            if let Some(l) = level {
                a.level = l;
            }
            if let Some(r) = rank {
                a.rank = r.clamp(0, 100_000) as u32;
            }
            if let Some(c) = class {
                a.class = if c == "danh-hieu" {
                    AwardClass::DanhHieu
                } else {
                    AwardClass::HinhThuc
                };
            }
            a.aliases.extend(aliases);
            a
        }
        None => {
            let mut missing = Vec::new();
            if name.is_none() {
                missing.push("name");
            }
            if eligible.is_none() && !t.has("recipient") {
                missing.push("recipient");
            }
            if level.is_none() && !t.has("level") {
                missing.push("level");
            }
            if !missing.is_empty() {
                t.doc().push(
                    Diagnostic::error(format!(
                        "new award \"{}\" needs {}",
                        slug.value,
                        missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                    ))
                    .at(t.doc().locate(slug_span))
                    .field(t.field_path("slug"))
                    .help("for example: name = \"Giấy khen của …\", recipient = \"ca-nhan\" | \"tap-the\" | \"ca-hai\", level = \"nha-nuoc\" | \"tinh\" | \"huyen\" | \"xa\"")
                    .suggest(crate::diagnostics::did_you_mean(&slug.value, catalogue.slugs())),
                );
                return;
            }
            let (Some(name), Some(eligible), Some(level)) = (name, eligible, level) else {
                return;
            };
            Award {
                slug: slug.value,
                name,
                class: match class {
                    Some("danh-hieu") => AwardClass::DanhHieu,
                    _ => AwardClass::HinhThuc,
                },
                eligible,
                level,
                rank: rank.map_or(Catalogue::default_rank(level), |r| {
                    r.clamp(0, 100_000) as u32
                }),
                aliases,
            }
        }
    };
    catalogue.upsert(award);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Config, Vec<Diagnostic>) {
        parse(FileId(0), "site.toml", text, &Overrides::default())
    }

    #[test]
    fn base_urls_keep_their_sub_path() {
        assert_eq!(
            parse_base_url("https://example.gov.vn/vinh-danh").unwrap(),
            BaseUrl {
                url: "https://example.gov.vn/vinh-danh/".into(),
                path: "/vinh-danh/".into()
            }
        );
        assert_eq!(parse_base_url("https://example.gov.vn").unwrap().path, "/");
        assert_eq!(parse_base_url("/sub").unwrap().path, "/sub/");
        assert!(parse_base_url("ftp://x").is_err());
        assert!(parse_base_url("example.gov.vn").is_err());
    }

    #[test]
    fn reads_every_field() {
        let (c, ds) = parse_str(
            r#"
title = "Bảng vàng Chi Lăng"
description = "Vinh danh"
base_url = "https://example.gov.vn/vinh-danh/"
language = "en"
theme = "default"
page_size = 20
[paths]
people = "nguoi"
don-vi = "units"
[markdown]
sanitize = false
[extra]
logo = "x.png"
[[awards]]
slug = "giay-khen-cong-doan"
name = "Giấy khen của Liên đoàn Lao động huyện"
recipient = "ca-hai"
level = "huyen"
rank = 190
[[awards]]
slug = "giay-khen"
name = "Giấy khen của Chủ tịch UBND huyện Chi Lăng"
"#,
        );
        assert!(ds.is_empty(), "{ds:#?}");
        assert_eq!(c.title, "Bảng vàng Chi Lăng");
        assert_eq!(c.base_path, "/vinh-danh/");
        assert_eq!(c.language, Lang::En);
        assert_eq!(c.page_size, 20);
        assert_eq!(c.paths.people, "nguoi");
        assert_eq!(c.paths.units, "units");
        assert!(!c.sanitize_html);
        assert_eq!(c.extra["logo"], "x.png");
        let id = c.awards.by_slug("giay-khen-cong-doan").unwrap();
        assert_eq!(c.awards.get(id).rank, 190);
        let id = c.awards.by_slug("giay-khen").unwrap();
        assert_eq!(
            c.awards.get(id).name,
            "Giấy khen của Chủ tịch UBND huyện Chi Lăng"
        );
    }

    #[test]
    fn mistakes_are_located() {
        let (_, ds) = parse_str(
            "titel = \"x\"\nbase_url = \"ftp://x\"\npage_size = 0\n[paths]\npeople = \"Người\"\n[[awards]]\nslug = \"moi\"\n",
        );
        let msgs: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
        assert_eq!(ds.len(), 5, "{msgs:#?}");
        assert!(
            msgs[0].contains("site.toml:2:") && msgs[0].contains("base_url"),
            "{msgs:#?}"
        );
        assert!(msgs.iter().any(|m| m.contains("page_size")));
        assert!(
            msgs.iter()
                .any(|m| m.contains("paths.people") && m.contains("nguoi"))
        );
        assert!(msgs.iter().any(|m| m.contains("new award \"moi\" needs")));
        assert!(
            msgs.iter()
                .any(|m| m.contains("unknown field `titel`") && m.contains("did you mean `title`"))
        );
    }
}
