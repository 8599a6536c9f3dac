//! The load stage: reads a site from disk into plain data.
//!
//! `site.toml` ([`config`]), every file of `content/` ([`discover`], split by
//! [`front_matter`], read field by field with [`fields`] into the raw
//! entities of [`raw`] by the readers in [`kinds`], spreadsheets through
//! [`sheets`]), and the theme with its language catalogue ([`theme`],
//! [`i18n`]). With output, this is the only stage that touches the disk.
//! Files are read, decoded and parsed in parallel (each one on its own: a
//! file's problems never stop the others from being checked), and the
//! results are put back in path order so that ids and messages are the same
//! on every run. Everything that is not content is listed as an asset.

pub mod config;
pub mod discover;
pub mod fields;
pub mod front_matter;
pub mod i18n;
pub mod kinds;
pub mod privacy;
pub mod publish;
pub mod raw;
pub mod sheets;
pub mod theme;

use crate::diagnostics::{Diagnostic, FileId, Location, SourceFile, SourceMap, Staged};
use crate::fs;
use crate::model::{AssetFile, AssetSource, Kind};
use crate::vi;
use config::{Config, Overrides};
use discover::Role;
use i18n::Strings;
use raw::{FileInfo, Raw};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use theme::Theme;

/// Everything the content says, for the resolve stage.
pub struct Content {
    pub config: Config,
    pub sources: SourceMap,
    pub raws: Vec<Raw>,
    pub assets: Vec<AssetFile>,
    /// Entities whose file could not be read (already reported): references
    /// to them are not reported again as unknown.
    pub broken: Vec<(Kind, String)>,
}

/// A site as read from disk.
pub struct Loaded {
    pub content: Content,
    pub theme: Theme,
    /// The interface strings in the site's language.
    pub strings: Strings,
}

/// Reads the site at `root`: what could be read, and every problem found.
pub fn load(root: &Path, overrides: &Overrides) -> Staged<Loaded> {
    let mut diagnostics = Vec::new();
    let site_toml = root.join("site.toml");
    if !site_toml.is_file() {
        diagnostics.push(
            Diagnostic::error(format!("there is no site.toml in {}", root.display()))
                .at(Location::file("site.toml"))
                .help("run bangvang in the folder of the site, or pass --root DIR; a site has site.toml and content/"),
        );
        return Staged::failed(diagnostics);
    }
    let mut sources = SourceMap::default();
    let config_text = match fs::read_text(&site_toml, "site.toml") {
        Ok(t) => t,
        Err(d) => return Staged::failed(vec![d]),
    };
    let config_id = sources.add(SourceFile {
        display: "site.toml".into(),
        text: Arc::from(config_text.as_str()),
    });
    let (config, config_diagnostics) =
        config::parse(config_id, "site.toml", &config_text, overrides);
    diagnostics.extend(config_diagnostics);
    let content = read_content(root, config, sources, &mut diagnostics);
    let (theme, theme_diagnostics) = theme::load(root, &content.config);
    diagnostics.extend(theme_diagnostics);
    let language = content.config.language;
    let strings = match theme.strings(language) {
        Ok(s) => s,
        Err(d) => {
            // Reported; the built-in catalogue stands in, so that content
            // errors are still found. The error stops the build before output.
            diagnostics.push(d);
            match theme::built_in().strings(language) {
                Ok(s) => s,
                Err(d) => return Staged::failed(vec![d]),
            }
        }
    };
    Staged::new(
        Some(Loaded {
            content,
            theme,
            strings,
        }),
        diagnostics,
    )
}

/// Reads every file of `content/`: Markdown and decision files in parallel,
/// then spreadsheets, which name units by their names, known only then.
fn read_content(
    root: &Path,
    config: Config,
    mut sources: SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Content {
    let inventory = discover::discover(&root.join("content"), config.publish_html_and_js);
    diagnostics.extend(inventory.diagnostics);
    diagnostics.extend(publish::skipped_warning(&inventory.skipped));
    let (asset_files, source_files): (Vec<_>, Vec<_>) = inventory
        .files
        .into_iter()
        .partition(|f| matches!(f.role, Role::Asset(_)));
    let (sheet_files, source_files): (Vec<_>, Vec<_>) = source_files
        .into_iter()
        .partition(|f| matches!(f.role, Role::Spreadsheet(_)));
    let first_id = sources.len() as u32;
    let parsed: Vec<ReadFile> = source_files
        .par_iter()
        .enumerate()
        .map(|(i, f)| read_one(FileId(first_id + i as u32), f))
        .collect();
    let mut raws = Vec::with_capacity(parsed.len());
    let mut broken = Vec::new();
    for file in parsed {
        sources.add(file.source);
        raws.extend(file.raws);
        diagnostics.extend(file.diagnostics);
        broken.extend(file.failed);
    }
    let ctx = sheets::SheetContext::new(&config.awards, &raws);
    let mut sheet_raws = Vec::new();
    for f in &sheet_files {
        let Role::Spreadsheet(format) = f.role else {
            continue;
        };
        let display = f.display();
        match fs::read_bytes(&f.path, &display) {
            Ok(bytes) => {
                let result = sheets::read(&display, format, &bytes, &ctx, &mut sources);
                sheet_raws.extend(result.raws);
                diagnostics.extend(result.diagnostics);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    raws.extend(sheet_raws);
    let assets = read_assets(asset_files, diagnostics);
    Content {
        config,
        sources,
        raws,
        assets,
        broken,
    }
}

/// The files published as they are, but SVGs, which are read and cleaned
/// here (in parallel); an SVG that cannot be cleaned is an error.
fn read_assets(
    files: Vec<discover::Discovered>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<AssetFile> {
    let read: Vec<Result<AssetFile, Diagnostic>> = files
        .into_par_iter()
        .map(|f| {
            let source = match f.role {
                Role::Asset(publish::AssetKind::Svg) => {
                    let display = f.display();
                    let bytes = fs::read_bytes(&f.path, &display)?;
                    let clean = crate::svg::clean(&bytes).map_err(|e| {
                        let location = Location {
                            path: display.clone(),
                            line: e.line.unwrap_or(0) as usize,
                            column: 0,
                            excerpt: None,
                        };
                        Diagnostic::error(e.message).at(location).help(
                            "open it in an editor and export it again as plain SVG, or use a PNG",
                        )
                    })?;
                    AssetSource::Bytes(clean.into())
                }
                _ => AssetSource::Copy(f.path),
            };
            Ok(AssetFile {
                rel: f.rel,
                source,
                bundle: f.bundle,
            })
        })
        .collect();
    let mut assets = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(a) => assets.push(a),
            Err(d) => diagnostics.push(d),
        }
    }
    assets
}

/// One source file read: its text, what it defines, its problems, and,
/// when it defines nothing because of them, the entity it was meant to be.
struct ReadFile {
    source: SourceFile,
    raws: Vec<Raw>,
    diagnostics: Vec<Diagnostic>,
    failed: Option<(Kind, String)>,
}

fn read_one(id: FileId, f: &discover::Discovered) -> ReadFile {
    let (source, raws, diagnostics) = read_and_parse(id, f);
    let failed = match &f.role {
        Role::Entity {
            kind, slug_from, ..
        } if raws.is_empty() => Some((*kind, vi::slugify(slug_from))),
        Role::DecisionToml { slug_from } if raws.is_empty() => {
            Some((Kind::Decision, vi::slugify(slug_from)))
        }
        _ => None,
    };
    ReadFile {
        source,
        raws,
        diagnostics,
        failed,
    }
}

fn read_and_parse(id: FileId, f: &discover::Discovered) -> (SourceFile, Vec<Raw>, Vec<Diagnostic>) {
    let display = f.display();
    let empty = |display: String| SourceFile {
        display,
        text: Arc::from(""),
    };
    let text = match fs::read_text(&f.path, &display) {
        Ok(t) => t,
        Err(d) => return (empty(display), Vec::new(), vec![d]),
    };
    let dir = f
        .rel
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string());
    let (slug_from, kind) = match &f.role {
        Role::Entity {
            kind, slug_from, ..
        } => (slug_from.clone(), Some(*kind)),
        Role::DecisionToml { slug_from } => (slug_from.clone(), Some(Kind::Decision)),
        _ => (String::new(), None),
    };
    let info = FileInfo {
        file: id,
        display: &display,
        dir,
        bundle: matches!(f.role, Role::Entity { bundle: true, .. }),
        name_slug: vi::slugify(&slug_from),
        stem: slug_from.clone(),
    };
    let (raw, diagnostics) = match &f.role {
        Role::DecisionToml { .. } => kinds::parse_decision_toml(&info, &text),
        Role::Home | Role::SectionIntro(_) | Role::Entity { .. } => {
            match front_matter::split(&display, &text) {
                Ok(split) => match f.role {
                    Role::SectionIntro(section) => {
                        kinds::parse_intro(section, &info, &text, split.front_matter, split.body)
                    }
                    Role::Home => {
                        kinds::parse_markdown(None, &info, &text, split.front_matter, split.body)
                    }
                    _ => kinds::parse_markdown(kind, &info, &text, split.front_matter, split.body),
                },
                Err(d) => (None, vec![d]),
            }
        }
        Role::Spreadsheet(_) | Role::Asset(_) | Role::Skipped(_) => (None, Vec::new()),
    };
    let source = SourceFile {
        display,
        text: Arc::from(text),
    };
    (source, raw.into_iter().collect(), diagnostics)
}
