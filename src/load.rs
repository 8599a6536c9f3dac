//! Reads a site from disk: `site.toml`, every file of `content/`, the theme.
//!
//! With discovery, this is the only stage that reads the disk. Files are
//! read, decoded and parsed in parallel (each one on its own: a file's
//! problems never stop the others from being checked), and the results are
//! put back in path order so that ids and messages are the same on every
//! run. Spreadsheets go through [`crate::sheets`]; everything else that is
//! not content is listed as an asset to copy.

use crate::config::{self, Overrides};
use crate::diagnostics::{Diagnostic, FileId, Location, SourceFile, SourceMap};
use crate::discover::{self, Role};
use crate::entities::{self, FileInfo, Kind, Raw};
use crate::model::AssetFile;
use crate::resolve::Loaded;
use crate::theme::{self, Theme};
use crate::{front_matter, fs, sheets, vi};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// Reads the site at `root`. Returns what could be read and every problem found.
pub fn load(root: &Path, overrides: &Overrides) -> (Option<(Loaded, Theme)>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let site_toml = root.join("site.toml");
    if !site_toml.is_file() {
        diagnostics.push(
            Diagnostic::error(format!("there is no site.toml in {}", root.display()))
                .at(Location::file("site.toml"))
                .help("run bangvang in the folder of the site, or pass --root DIR; a site has site.toml and content/"),
        );
        return (None, diagnostics);
    }
    let mut sources = SourceMap::default();
    let config_text = match fs::read_text(&site_toml, "site.toml") {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            return (None, diagnostics);
        }
    };
    let config_id = sources.add(SourceFile {
        display: "site.toml".into(),
        path: site_toml,
        text: Arc::from(config_text.as_str()),
    });
    let (config, config_diagnostics) =
        config::parse(config_id, "site.toml", &config_text, overrides);
    diagnostics.extend(config_diagnostics);

    let inventory = discover::discover(&root.join("content"));
    diagnostics.extend(inventory.diagnostics);
    let (source_files, asset_files): (Vec<_>, Vec<_>) = inventory
        .files
        .into_iter()
        .partition(|f| f.role != Role::Asset);
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
    // Spreadsheets come last: they name units by their names, known only now.
    let ctx = sheets::SheetContext::new(&config.awards, &raws);
    let mut sheet_raws = Vec::new();
    for f in &sheet_files {
        let Role::Spreadsheet(format) = f.role else {
            continue;
        };
        let display = f.display();
        match fs::read_bytes(&f.path, &display) {
            Ok(bytes) => {
                let result = sheets::read(&f.path, &display, format, &bytes, &ctx, &mut sources);
                sheet_raws.extend(result.raws);
                diagnostics.extend(result.diagnostics);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    raws.extend(sheet_raws);
    let assets = asset_files
        .into_iter()
        .map(|f| AssetFile {
            path: f.path,
            rel: f.rel,
        })
        .collect();
    let (theme, theme_diagnostics) = theme::load(root, &config);
    diagnostics.extend(theme_diagnostics);
    (
        Some((
            Loaded {
                config,
                sources,
                raws,
                assets,
                broken,
            },
            theme,
        )),
        diagnostics,
    )
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
        path: f.path.clone(),
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
        name_slug: vi::slugify(&slug_from),
        stem: slug_from.clone(),
    };
    let (raw, diagnostics) = match &f.role {
        Role::DecisionToml { .. } => entities::parse_decision_toml(&info, &text),
        Role::Home | Role::SectionIntro(_) | Role::Entity { .. } => {
            match front_matter::split(&display, &text) {
                Ok(split) => match f.role {
                    Role::SectionIntro(section) => {
                        entities::parse_intro(section, &info, &text, split.front_matter, split.body)
                    }
                    Role::Home => {
                        entities::parse_markdown(None, &info, &text, split.front_matter, split.body)
                    }
                    _ => {
                        entities::parse_markdown(kind, &info, &text, split.front_matter, split.body)
                    }
                },
                Err(d) => (None, vec![d]),
            }
        }
        Role::Spreadsheet(_) | Role::Asset => (None, Vec::new()),
    };
    let source = SourceFile {
        display,
        path: f.path.clone(),
        text: Arc::from(text),
    };
    (source, raw.into_iter().collect(), diagnostics)
}
