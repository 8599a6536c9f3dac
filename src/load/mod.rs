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
pub mod edit;
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
    Loader::default().load(root, overrides)
}

/// A file's identity on disk: when it changes, the file is read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    modified: Option<std::time::SystemTime>,
    len: u64,
}

impl Fingerprint {
    fn of(path: &Path) -> Option<Fingerprint> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Fingerprint {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// An SVG as last cleaned.
type CleanedSvg = (Option<Fingerprint>, Result<AssetFile, Diagnostic>);

/// A content file as last read.
struct Cached {
    id: FileId,
    fingerprint: Option<Fingerprint>,
    read: ReadFile,
}

/// Reads sites, keeping what each file gave, so that reading the same site
/// again (as `serve` does after every change) reads only the files that
/// changed. A build uses a fresh one; both go through the same code, so
/// what is served is what is built. File ids stay the same for a path
/// across reads; no output depends on their values.
#[derive(Default)]
pub struct Loader {
    /// What each path of `content/` is, in walking order (the key is the
    /// path with `/` written as NUL, so that it sorts folder by folder).
    found: std::collections::BTreeMap<String, discover::Found>,
    /// The folders a walk could not read, and whether `.html`/`.js` were
    /// published when it walked.
    walked: Option<(Vec<Diagnostic>, bool)>,
    /// The theme and its strings, for the theme name and language it was
    /// read for; read again when a file of it changes.
    theme: Option<((String, crate::vi::Lang), Theme, Strings)>,
    /// Files known to have changed since the last read; when the last walk
    /// was not followed file by file, every file's fingerprint is checked.
    dirty: std::collections::HashSet<String>,
    check_all: bool,
    files: std::collections::HashMap<String, Cached>,
    /// Cleaned SVGs, by path.
    svgs: std::collections::HashMap<String, CleanedSvg>,
    next_id: u32,
}

impl Loader {
    /// Reads the site at `root`.
    pub fn load(&mut self, root: &Path, overrides: &Overrides) -> Staged<Loaded> {
        self.walked = None;
        self.theme = None;
        self.load_changed(root, overrides)
    }

    /// Reads the site at `root` again after the files at `changed` changed
    /// (were edited, made or removed); anything else is as last read.
    /// `serve` knows the paths from its watcher; a change it cannot follow
    /// file by file (a folder made, moved or removed, `site.toml`) makes the
    /// next read walk `content/` again.
    pub fn load_after(
        &mut self,
        root: &Path,
        overrides: &Overrides,
        changed: &[std::path::PathBuf],
    ) -> Staged<Loaded> {
        let content = root.join("content");
        for path in changed {
            if path == root {
                // The watcher lost track: read everything again.
                self.walked = None;
                self.theme = None;
            } else if let Ok(rel) = path.strip_prefix(&content) {
                self.note_content_change(path, &discover::slash_path(rel));
            } else if let Ok(rel) = path.strip_prefix(root) {
                let first = discover::slash_path(rel);
                let first = first.split('/').next().unwrap_or("");
                match first {
                    "site.toml" => {
                        self.walked = None;
                        self.theme = None;
                    }
                    "themes" | "templates" | "i18n" => self.theme = None,
                    _ => {}
                }
            }
        }
        self.load_changed(root, overrides)
    }

    /// Follows one change under `content/`.
    fn note_content_change(&mut self, path: &Path, rel: &str) {
        let Some((_, html_and_js)) = &self.walked else {
            return;
        };
        if rel.is_empty() || discover::passed_over(rel) {
            return;
        }
        let key = walk_key(rel);
        self.dirty.insert(rel.to_string());
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => self.walked = None,
            Ok(meta) => {
                let found =
                    discover::examine(path, rel, meta.file_type().is_symlink(), *html_and_js);
                // A new bundle's index.md changes the bundle of its folder's files.
                let bundles = rel.ends_with("/index.md") || rel == "index.md";
                self.found.insert(key, found);
                if bundles {
                    self.walked = None;
                }
            }
            Err(_) => {
                // Gone: a file is forgotten; a folder, or a bundle's
                // index.md, changes what the files under it are.
                let inside = format!("{key}\0");
                let was_folder = self
                    .found
                    .range(inside.clone()..)
                    .next()
                    .is_some_and(|(k, _)| k.starts_with(&inside));
                let was_file = self.found.remove(&key).is_some();
                if (!was_file && was_folder) || rel.ends_with("/index.md") || rel == "index.md" {
                    self.walked = None;
                }
            }
        }
    }

    fn load_changed(&mut self, root: &Path, overrides: &Overrides) -> Staged<Loaded> {
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
        let config_text = match fs::read_text(&site_toml, "site.toml") {
            Ok(t) => t,
            Err(d) => return Staged::failed(vec![d]),
        };
        // site.toml is file 0; content files follow.
        self.next_id = self.next_id.max(1);
        let mut sources = SourceMap::default();
        let config_id = sources.add(SourceFile {
            display: "site.toml".into(),
            text: Arc::from(config_text.as_str()),
        });
        let (config, config_diagnostics) =
            config::parse(config_id, "site.toml", &config_text, overrides);
        diagnostics.extend(config_diagnostics);
        let content = self.read_content(root, config, sources, &mut diagnostics);
        let key = (content.config.theme.clone(), content.config.language);
        let (theme, strings) = match &self.theme {
            Some((k, theme, strings)) if *k == key => (theme.clone(), strings.clone()),
            _ => {
                let (theme, theme_diagnostics) = theme::load(root, &content.config);
                let failed = !theme_diagnostics.is_empty();
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
                // A theme with problems is read again next time, so that they are said again.
                if !failed {
                    self.theme = Some((key, theme.clone(), strings.clone()));
                }
                (theme, strings)
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

    /// Reads every file of `content/`: Markdown and decision files in
    /// parallel (only those new or changed since the last read), then
    /// spreadsheets, which name units by their names, known only then.
    fn read_content(
        &mut self,
        root: &Path,
        config: Config,
        mut sources: SourceMap,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Content {
        let html_and_js = config.publish_html_and_js;
        if self.walked.as_ref().is_none_or(|(_, h)| *h != html_and_js) {
            self.check_all = true;
            let (found, errors) = discover::walk(&root.join("content"), html_and_js);
            self.found = found
                .into_iter()
                .map(|(rel, f)| (walk_key(&rel), f))
                .collect();
            self.walked = Some((errors, html_and_js));
        }
        let mut inventory = discover::inventory(self.found.values());
        if let Some((errors, _)) = &self.walked {
            inventory.diagnostics.splice(0..0, errors.iter().cloned());
        }
        diagnostics.extend(inventory.diagnostics);
        diagnostics.extend(publish::skipped_warning(&inventory.skipped));
        let (asset_files, source_files): (Vec<_>, Vec<_>) = inventory
            .files
            .into_iter()
            .partition(|f| matches!(f.role, Role::Asset(_)));
        let (sheet_files, source_files): (Vec<_>, Vec<_>) = source_files
            .into_iter()
            .partition(|f| matches!(f.role, Role::Spreadsheet(_)));
        self.refresh(&source_files);
        sources.reserve(self.next_id as usize);
        let mut raws = Vec::with_capacity(source_files.len());
        let mut broken = Vec::new();
        for f in &source_files {
            let cached = &self.files[&f.rel];
            sources.put(cached.id, cached.read.source.clone());
            raws.extend(cached.read.raws.iter().cloned());
            diagnostics.extend(cached.read.diagnostics.iter().cloned());
            broken.extend(cached.read.failed.clone());
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
        let assets = self.read_assets(asset_files, diagnostics);
        self.dirty.clear();
        self.check_all = false;
        Content {
            config,
            sources,
            raws,
            assets,
            broken,
        }
    }

    /// Reads the files that are new or changed since the last read (in
    /// parallel), and forgets those that are gone.
    fn refresh(&mut self, files: &[discover::Discovered]) {
        let present: std::collections::HashSet<&str> =
            files.iter().map(|f| f.rel.as_str()).collect();
        self.files.retain(|rel, _| present.contains(rel.as_str()));
        let mut to_read = Vec::new();
        for f in files {
            let cached = self.files.get(&f.rel);
            // Followed change by change, a file not said to have changed is
            // as it was; otherwise its fingerprint says.
            if cached.is_some() && !self.check_all && !self.dirty.contains(&f.rel) {
                continue;
            }
            let fingerprint = Fingerprint::of(&f.path);
            match cached {
                Some(c) if c.fingerprint.is_some() && c.fingerprint == fingerprint => {}
                Some(c) => to_read.push((c.id, f, fingerprint)),
                None => {
                    to_read.push((FileId(self.next_id), f, fingerprint));
                    self.next_id += 1;
                }
            }
        }
        let read: Vec<(String, Cached)> = to_read
            .into_par_iter()
            .map(|(id, f, fingerprint)| {
                let read = read_one(id, f);
                (
                    f.rel.clone(),
                    Cached {
                        id,
                        fingerprint,
                        read,
                    },
                )
            })
            .collect();
        self.files.extend(read);
    }

    /// The files published as they are, but SVGs, which are read and
    /// cleaned here (in parallel, and again only when they change); an SVG
    /// that cannot be cleaned is an error.
    fn read_assets(
        &mut self,
        files: Vec<discover::Discovered>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<AssetFile> {
        let present: std::collections::HashSet<&str> =
            files.iter().map(|f| f.rel.as_str()).collect();
        self.svgs.retain(|rel, _| present.contains(rel.as_str()));
        let changed: Vec<(&discover::Discovered, Option<Fingerprint>)> = files
            .iter()
            .filter(|f| matches!(f.role, Role::Asset(publish::AssetKind::Svg)))
            .filter(|f| {
                self.check_all || self.dirty.contains(&f.rel) || !self.svgs.contains_key(&f.rel)
            })
            .map(|f| (f, Fingerprint::of(&f.path)))
            .filter(|(f, fp)| {
                self.svgs
                    .get(&f.rel)
                    .is_none_or(|(old, _)| old.is_none() || old != fp)
            })
            .collect();
        let cleaned: Vec<(String, CleanedSvg)> = changed
            .into_par_iter()
            .map(|(f, fp)| (f.rel.clone(), (fp, read_svg(f))))
            .collect();
        self.svgs.extend(cleaned);
        let mut assets = Vec::with_capacity(files.len());
        for f in files {
            if matches!(f.role, Role::Asset(publish::AssetKind::Svg)) {
                match &self.svgs[&f.rel].1 {
                    Ok(a) => assets.push(a.clone()),
                    Err(d) => diagnostics.push(d.clone()),
                }
            } else {
                let size = std::fs::metadata(&f.path).map_or(0, |m| m.len());
                assets.push(AssetFile {
                    rel: f.rel,
                    source: AssetSource::Copy(f.path),
                    bundle: f.bundle,
                    size,
                });
            }
        }
        assets
    }
}

/// A path under `content/` as a key that sorts like a walk: folder by
/// folder, names in order.
fn walk_key(rel: &str) -> String {
    rel.replace('/', "\0")
}

/// An SVG read and cleaned.
fn read_svg(f: &discover::Discovered) -> Result<AssetFile, Diagnostic> {
    let display = f.display();
    let bytes = fs::read_bytes(&f.path, &display)?;
    let clean = crate::svg::clean(&bytes).map_err(|e| {
        let location = Location {
            path: display.clone(),
            line: e.line.unwrap_or(0) as usize,
            column: 0,
            excerpt: None,
        };
        Diagnostic::error(e.message)
            .at(location)
            .help("open it in an editor and export it again as plain SVG, or use a PNG")
    })?;
    Ok(AssetFile {
        rel: f.rel.clone(),
        size: clean.len() as u64,
        source: AssetSource::Bytes(clean.into()),
        bundle: f.bundle.clone(),
    })
}

/// One source file read: its text, what it defines, its problems, and,
/// when it defines nothing because of them, the entity it was meant to be.
#[derive(Clone)]
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
