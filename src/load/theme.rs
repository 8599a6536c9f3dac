//! Loads the theme: templates, static assets and the language catalogue.
//!
//! The default theme is compiled into the binary, so a site written only
//! from the content model (with no `themes/` folder) builds as it is. A
//! theme folder on disk (`themes/<name>/`) and then the site's own
//! `templates/` override it file by file; a partial theme only needs the
//! files it changes. Every template keeps the path it came from, so that a
//! template error names the file and line the officer actually edited.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::config::Config;
use crate::load::i18n::Strings;
use crate::vi::Lang;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The files of the built-in default theme.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embed!(
    "templates/base.html",
    "templates/components.html",
    "templates/commendation_row.html",
    "templates/exemplar_card.html",
    "templates/index.html",
    "templates/units.html",
    "templates/unit.html",
    "templates/unit_history.html",
    "templates/board.html",
    "templates/roll.html",
    "templates/movements.html",
    "templates/movement.html",
    "templates/people.html",
    "templates/person.html",
    "templates/profile_facts.html",
    "templates/collectives.html",
    "templates/collective.html",
    "templates/conferences.html",
    "templates/conference.html",
    "templates/plans.html",
    "templates/plan.html",
    "templates/plan_components.html",
    "templates/calendar.html",
    "templates/upcoming.html",
    "templates/commendations.html",
    "templates/decisions.html",
    "templates/decision.html",
    "templates/news_list.html",
    "templates/news.html",
    "templates/page.html",
    "templates/search.html",
    "templates/stats.html",
    "templates/library.html",
    "templates/open_data.html",
    "templates/404.html",
    "templates/atom.xml",
    "static/style.css",
    "static/search.js",
    "static/favicon.svg",
    "static/insignia/huan-chuong.svg",
    "static/insignia/vinh-du.svg",
    "static/insignia/huy-chuong.svg",
    "static/insignia/giai-thuong.svg",
    "static/insignia/chien-si-thi-dua.svg",
    "static/insignia/co-thi-dua.svg",
    "static/insignia/bang-khen.svg",
    "static/insignia/giay-khen.svg",
    "static/insignia/ky-niem-chuong.svg",
    "static/insignia/van-hoa.svg",
    "static/insignia/danh-hieu.svg",
    "i18n/vi.toml",
    "i18n/en.toml",
);

/// One template with where it came from.
#[derive(Clone, Debug)]
pub struct TemplateSource {
    /// Name used by tera (`unit.html`, `partials/x.html`).
    pub name: String,
    /// The template text.
    pub text: String,
    /// The file it came from, for messages.
    pub origin: String,
}

/// Where a static file's bytes are.
#[derive(Clone, Debug)]
pub enum StaticSource {
    /// In the binary.
    Embedded(&'static [u8]),
    /// On disk.
    Disk(PathBuf),
}

/// A theme asset copied to the output root.
#[derive(Clone, Debug)]
pub struct StaticFile {
    /// Path relative to the output root.
    pub rel: String,
    /// Its bytes.
    pub source: StaticSource,
}

/// The loaded theme.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    pub static_files: Vec<StaticFile>,
    /// Language files from disk, merged over the built-in ones: (lang, display path, text).
    pub i18n_overlays: Vec<(Lang, String, String)>,
}

impl Theme {
    fn set_template(&mut self, name: String, text: String, origin: String) {
        match self.templates.iter_mut().find(|t| t.name == name) {
            Some(t) => {
                t.text = text;
                t.origin = origin;
            }
            None => self.templates.push(TemplateSource { name, text, origin }),
        }
    }

    fn set_static(&mut self, rel: String, source: StaticSource) {
        match self.static_files.iter_mut().find(|s| s.rel == rel) {
            Some(s) => s.source = source,
            None => self.static_files.push(StaticFile { rel, source }),
        }
    }

    /// The language catalogue for `lang`.
    pub fn strings(&self, lang: Lang) -> Result<Strings, Diagnostic> {
        let name = match lang {
            Lang::Vi => "i18n/vi.toml",
            Lang::En => "i18n/en.toml",
        };
        let base = DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == name)
            .map(|(_, b)| std::str::from_utf8(b).unwrap_or_default())
            .unwrap_or_default();
        let mut strings = Strings::load(lang, base, None)?;
        for (l, display, text) in &self.i18n_overlays {
            if *l == lang {
                let merged_base = toml::to_string(strings.tree()).unwrap_or_default();
                strings = Strings::load(lang, &merged_base, Some((display, text)))?;
            }
        }
        Ok(strings)
    }
}

/// The built-in default theme alone.
pub fn built_in() -> Theme {
    let mut theme = Theme::default();
    for (path, bytes) in DEFAULT_THEME {
        if let Some(name) = path.strip_prefix("templates/") {
            theme.set_template(
                name.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
                format!("themes/default/{path} (built in)"),
            );
        } else if let Some(rel) = path.strip_prefix("static/") {
            theme.set_static(rel.to_string(), StaticSource::Embedded(bytes));
        }
    }
    theme
}

/// Loads the theme of a site at `root`.
pub fn load(root: &Path, config: &Config) -> (Theme, Vec<Diagnostic>) {
    let mut theme = built_in();
    let mut diagnostics = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        let display = format!("themes/{}", config.theme);
        load_templates(
            &mut theme,
            &theme_dir.join("templates"),
            &format!("{display}/templates"),
            &mut diagnostics,
        );
        let static_dir = theme_dir.join("static");
        for (rel, path) in files_under(&static_dir) {
            theme.set_static(rel, StaticSource::Disk(path));
        }
        load_i18n(
            &mut theme,
            &theme_dir.join("i18n"),
            &format!("{display}/i18n"),
            &mut diagnostics,
        );
    } else if config.theme != "default" {
        diagnostics.push(
            Diagnostic::error(format!(
                "theme \"{}\" not found: there is no folder themes/{}/",
                config.theme, config.theme
            ))
            .at(Location::file("site.toml"))
            .field("theme")
            .help("remove `theme` to use the built-in default theme, or create the folder"),
        );
    }
    load_templates(
        &mut theme,
        &root.join("templates"),
        "templates",
        &mut diagnostics,
    );
    load_i18n(&mut theme, &root.join("i18n"), "i18n", &mut diagnostics);
    (theme, diagnostics)
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            Some((
                crate::load::discover::slash_path(rel),
                e.path().to_path_buf(),
            ))
        })
        .collect()
}

fn load_templates(theme: &mut Theme, dir: &Path, display: &str, diagnostics: &mut Vec<Diagnostic>) {
    for (rel, path) in files_under(dir) {
        let origin = format!("{display}/{rel}");
        match crate::fs::read_text(&path, &origin) {
            Ok(text) => theme.set_template(rel, text, origin),
            Err(d) => diagnostics.push(d),
        }
    }
}

fn load_i18n(theme: &mut Theme, dir: &Path, display: &str, diagnostics: &mut Vec<Diagnostic>) {
    for (lang, file) in [(Lang::Vi, "vi.toml"), (Lang::En, "en.toml")] {
        let path = dir.join(file);
        if path.is_file() {
            let origin = format!("{display}/{file}");
            match crate::fs::read_text(&path, &origin) {
                Ok(text) => theme.i18n_overlays.push((lang, origin, text)),
                Err(d) => diagnostics.push(d),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_default_theme_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = files_under(&dir).into_iter().map(|(rel, _)| rel).collect();
        let mut embedded: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(
            on_disk, embedded,
            "list every file of themes/default in DEFAULT_THEME"
        );
    }

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let theme = built_in();
        let vi = theme.strings(Lang::Vi).unwrap();
        let en = theme.strings(Lang::En).unwrap();
        let mut a: Vec<&str> = vi.keys().collect();
        let mut b: Vec<&str> = en.keys().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }
}
