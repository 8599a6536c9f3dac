//! The render stage: the resolved site becomes pages, in memory, in parallel.
//!
//! The templates are compiled once ([`templates`]); the site title, the
//! navigation and the language catalogue go into their global context
//! once. The site then becomes a list of small page jobs ([`jobs`]), each
//! rendered independently on rayon's pool by its module in [`pages`] into
//! bytes handed to a [`Sink`]. Rendering does no I/O of its own: the
//! output stage supplies a sink that writes files, `check` one that
//! discards them, and tests one that keeps them in memory. The data files
//! of the site (the search index, open data, sitemaps) are made here too,
//! from the same views.

mod context;
mod jobs;
mod labels;
mod opendata;
mod page;
mod pages;
mod pagination;
mod qr;
mod search;
mod sitemap;
mod templates;
mod titles;
mod urls;
mod views;

pub use jobs::{Job, jobs};
pub use templates::Templates;
pub use urls::Urls;

use crate::diagnostics::Diagnostic;
use crate::load::i18n::Strings;
use crate::load::theme::Theme;
use crate::markdown::{self, MarkdownOptions};
use crate::model::*;
use context::ViewContext;
use jobs::PageKind;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A rendered file: its path relative to the output root, and its bytes.
pub type RenderedFile = (String, Vec<u8>);

/// Where rendered files go. `path` is relative to the output root, `/`-separated.
pub trait Sink: Sync {
    /// Stores one file.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
}

/// How many pages of each kind were rendered.
#[derive(Clone, Debug, Default)]
pub struct RenderStats {
    /// (kind label, count), in a fixed order.
    pub pages: Vec<(&'static str, usize)>,
    /// Total files written by the render stage.
    pub files: usize,
    /// Output paths of the HTML pages, for the sitemap.
    pub html_paths: Vec<String>,
}

/// What the code of a page reads, under short names.
pub struct Scope<'s, 'a> {
    pub ctx: &'s ViewContext<'a>,
    pub site: &'a Site,
    pub urls: &'a Urls,
    pub labels: &'s labels::Labels<'a>,
    pub paths: &'a crate::load::config::Paths,
    /// Items per page of a listing.
    pub size: usize,
}

/// Compiled templates plus everything needed to render pages of one site.
pub struct Renderer<'a> {
    templates: Arc<Templates>,
    ctx: ViewContext<'a>,
    markdown: MarkdownOptions,
    /// Every commendation id, in index order (the index pages slice it).
    all_ids: Vec<CommendationId>,
}

/// When the parts many pages share are rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shared {
    /// All at once, before the pages (a build).
    Now,
    /// Each when a page first needs it (`serve`).
    OnDemand,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates for `site`.
    pub fn new(
        site: &'a Site,
        theme: &Theme,
        strings: &'a Strings,
        urls: &'a Urls,
    ) -> Result<Self, Vec<Diagnostic>> {
        let templates = Templates::new(theme, site, strings, urls).map_err(|d| vec![d])?;
        Self::with_templates(site, Arc::new(templates), strings, urls, Shared::Now)
    }

    /// A renderer with templates compiled before (`serve` compiles them
    /// again only when they change).
    pub fn with_templates(
        site: &'a Site,
        templates: Arc<Templates>,
        strings: &'a Strings,
        urls: &'a Urls,
        shared: Shared,
    ) -> Result<Self, Vec<Diagnostic>> {
        let ctx = ViewContext::new(site, urls, strings, templates.clone());
        if shared == Shared::Now {
            ctx.prerender().map_err(|d| vec![d])?;
        }
        Ok(Renderer {
            templates,
            ctx,
            all_ids: (0..site.commendations.len())
                .map(|i| CommendationId(i as u32))
                .collect(),
            markdown: MarkdownOptions {
                base_path: site.config.base_path.clone(),
                sanitize: site.config.sanitize_html,
            },
        })
    }

    /// Renders every page into `sink`. All template errors are reported together.
    pub fn render_all(&self, sink: &dyn Sink) -> Result<RenderStats, Vec<Diagnostic>> {
        let jobs = jobs::jobs(self.ctx.site);
        let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        let html_paths: Mutex<Vec<String>> = Mutex::new(Vec::with_capacity(jobs.len()));
        let counts: Vec<AtomicUsize> = PageKind::ALL.iter().map(|_| AtomicUsize::new(0)).collect();
        jobs.par_iter().with_min_len(16).for_each(|&job| {
            let result = self.render_job(job).and_then(|(path, bytes)| {
                sink.write(&path, &bytes)?;
                if path.ends_with(".html") {
                    html_paths.lock().expect("paths lock").push(path);
                }
                Ok(())
            });
            match result {
                Ok(()) => {
                    let kind = PageKind::ALL.iter().position(|k| *k == job.kind());
                    if let Some(i) = kind {
                        counts[i].fetch_add(1, Ordering::Relaxed);
                    }
                }
                Err(d) => {
                    let mut errors = errors.lock().expect("errors lock");
                    if errors.len() < 20 && !errors.iter().any(|e| e.message == d.message) {
                        errors.push(d);
                    }
                }
            }
        });
        let errors = errors.into_inner().unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        let pages: Vec<(&'static str, usize)> = PageKind::ALL
            .iter()
            .zip(counts)
            .map(|(k, c)| (k.label(), c.into_inner()))
            .filter(|(_, c)| *c > 0)
            .collect();
        let files = pages.iter().map(|(_, c)| c).sum();
        let mut html_paths = html_paths.into_inner().unwrap_or_default();
        html_paths.sort_unstable();
        Ok(RenderStats {
            pages,
            files,
            html_paths,
        })
    }

    /// Gives up the renderer, keeping its rows and cards (the bulk of its
    /// memory) so that they can be freed on another thread.
    pub fn into_caches(self) -> impl Send + use<> {
        self.ctx.into_caches()
    }

    /// The parts of the site a page reads.
    pub fn scope(&self) -> Scope<'_, 'a> {
        let site = self.ctx.site;
        Scope {
            ctx: &self.ctx,
            site,
            urls: self.ctx.urls,
            labels: &self.ctx.labels,
            paths: &site.config.paths,
            size: site.config.page_size,
        }
    }

    /// The site's URLs.
    pub fn urls(&self) -> &Urls {
        self.ctx.urls
    }

    /// The data files of the site that need no page: the search index and
    /// the open data.
    pub fn data_files(&self) -> Vec<RenderedFile> {
        let site = self.ctx.site;
        let urls = self.ctx.urls;
        let mut files = search::index_files(site, urls, &self.ctx);
        let records = opendata::records(site, urls);
        let data_dir = &site.config.paths.commendations;
        files.push((
            format!("{data_dir}/index.json"),
            opendata::json(site, urls, &records),
        ));
        files.push((format!("{data_dir}/index.csv"), opendata::csv(&records)));
        files
    }

    /// An entity's Markdown body as HTML, if it has one.
    pub(super) fn body(&self, meta: &Meta) -> Result<Option<String>, Diagnostic> {
        match &meta.body {
            Some(body) => self.markdown(body, &meta.dir),
            None => Ok(None),
        }
    }

    /// A section intro's or the home page's Markdown as HTML, if it has one.
    pub(super) fn intro(&self, intro: Option<&Intro>) -> Result<Option<String>, Diagnostic> {
        match intro.and_then(|i| i.body.as_ref()) {
            Some(body) => self.markdown(body, ""),
            None => Ok(None),
        }
    }

    /// Renders a body written in the content folder `dir`; a body that
    /// cannot be rendered is an error at its place in the file.
    fn markdown(&self, body: &Body, dir: &str) -> Result<Option<String>, Diagnostic> {
        let sources = &self.ctx.site.sources;
        let text = body.text(sources);
        if text.trim().is_empty() {
            return Ok(None);
        }
        markdown::render(text, dir, &self.markdown)
            .map(Some)
            .map_err(|e| {
                let at = (body.range.start + e.offset) as u32;
                Diagnostic::error(e.message)
                    .at(sources.locate(crate::diagnostics::Loc {
                        file: body.file,
                        start: at,
                        end: at,
                    }))
                    .help("remove the nesting, or write the content in Markdown")
            })
    }
}

/// The `[extra]` of a section's intro (`content/<section>/_index.md`).
fn intro_extra(site: &Site, kind: Kind) -> Option<serde_json::Value> {
    site.intro(kind).and_then(|i| i.extra.clone())
}

/// The fields of the open data, in their order.
pub fn open_data_fields() -> Vec<&'static str> {
    opendata::FIELDS.iter().map(|f| f.0).collect()
}

/// The sitemaps and `robots.txt`, once the pages are known.
pub fn sitemap_files(urls: &Urls, html_paths: &[String]) -> Vec<RenderedFile> {
    let mut files = sitemap::sitemaps(urls, html_paths);
    files.push(("robots.txt".into(), sitemap::robots(urls)));
    files
}
