//! One successful build of the site, held in memory for `serve`.
//!
//! The loaded and resolved site is kept whole; pages are rendered when they
//! are first asked for (through the same page code as a build) and kept,
//! the data files (search index, open data, sitemaps) are made together the
//! first time one is asked for, and theme and content files are read from
//! where they are. So a change is visible as soon as the site is resolved
//! again, and what is served is byte for byte what a build writes.

use crate::diagnostics::Diagnostic;
use crate::load::i18n::Strings;
use crate::load::theme::{StaticSource, Theme};
use crate::model::{AssetSource, Site};
use crate::render::{Job, Renderer, Shared, Templates, Urls};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// What a renderer borrows.
pub struct Parts {
    pub site: Site,
    pub strings: Strings,
    pub urls: Urls,
    pub templates: Arc<Templates>,
}

self_cell::self_cell!(
    /// A site and the renderer of its pages.
    struct Rendering {
        owner: Parts,
        #[covariant]
        dependent: Renderer,
    }
);

/// A file the server can answer with.
pub enum Found {
    /// A page or data file made from the site.
    Made(Arc<[u8]>),
    /// A file of the theme or of `content/`, read when asked for.
    File(PathBuf),
}

/// A built site, ready to answer requests.
pub struct Snapshot {
    rendering: Rendering,
    /// Output path (`ca-nhan/x/index.html`) → the job that makes it.
    pages: Arc<HashMap<String, Job>>,
    made: Mutex<HashMap<String, Arc<[u8]>>>,
    data: OnceLock<HashMap<String, Arc<[u8]>>>,
    statics: Arc<HashMap<String, StaticSource>>,
    assets: Arc<HashMap<String, AssetSource>>,
    /// The number of the build that made it.
    pub generation: u64,
}

impl Snapshot {
    /// A snapshot of `site`, whose pages are rendered on demand.
    pub fn new(
        site: Site,
        theme: &Theme,
        strings: Strings,
        templates: Arc<Templates>,
        generation: u64,
    ) -> Result<Snapshot, Vec<Diagnostic>> {
        let urls = Urls::new(
            &site.config.base_path,
            &site.config.base_url,
            &site.config.paths,
        );
        let assets: HashMap<String, AssetSource> = site
            .assets
            .iter()
            .map(|a| (a.rel.clone(), a.source.clone()))
            .collect();
        let parts = Parts {
            site,
            strings,
            urls,
            templates,
        };
        let rendering = renderer(parts)?;
        let pages = rendering.with_dependent(|parts, r| {
            crate::render::jobs(&parts.site)
                .into_iter()
                .map(|job| (parts.urls.output_path(&r.job_url(job)), job))
                .collect()
        });
        let statics = theme
            .static_files
            .iter()
            .map(|s| (s.rel.clone(), s.source.clone()))
            .collect();
        Ok(Snapshot {
            rendering,
            pages: Arc::new(pages),
            made: Mutex::new(HashMap::new()),
            data: OnceLock::new(),
            statics: Arc::new(statics),
            assets: Arc::new(assets),
            generation,
        })
    }

    /// The site this snapshot serves.
    pub fn site(&self) -> &Site {
        &self.rendering.borrow_owner().site
    }

    /// A snapshot of `site`, which has the same pages, files and theme as
    /// this one's (only the text of its pages changed).
    pub fn with_site(&self, site: Site, generation: u64) -> Result<Snapshot, Vec<Diagnostic>> {
        let old = self.rendering.borrow_owner();
        let parts = Parts {
            site,
            strings: old.strings.clone(),
            urls: old.urls.clone(),
            templates: old.templates.clone(),
        };
        Ok(Snapshot {
            rendering: renderer(parts)?,
            pages: self.pages.clone(),
            made: Mutex::new(HashMap::new()),
            data: OnceLock::new(),
            statics: self.statics.clone(),
            assets: self.assets.clone(),
            generation,
        })
    }

    /// The base path pages are served under (`/vinh-danh/`).
    pub fn base_path(&self) -> &str {
        &self.rendering.borrow_owner().site.config.base_path
    }

    /// Whether `rel` is a page of the site.
    pub fn has_page(&self, rel: &str) -> bool {
        self.pages.contains_key(rel)
    }

    /// The file at `rel` (relative to the output root), if the site has one.
    pub fn find(&self, rel: &str) -> Result<Option<Found>, Diagnostic> {
        if let Some(job) = self.pages.get(rel) {
            return self.page(rel, *job).map(|b| Some(Found::Made(b)));
        }
        // Theme files and photos first: a page's stylesheet, marks and
        // portraits must not wait for the search index and open data.
        match self.statics.get(rel) {
            Some(StaticSource::Embedded(bytes)) => return Ok(Some(Found::Made(Arc::from(*bytes)))),
            Some(StaticSource::Disk(path)) => return Ok(Some(Found::File(path.clone()))),
            None => {}
        }
        match self.assets.get(rel) {
            Some(AssetSource::Bytes(bytes)) => return Ok(Some(Found::Made(bytes.clone()))),
            Some(AssetSource::Copy(path) | AssetSource::Cached(path)) => {
                return Ok(Some(Found::File(path.clone())));
            }
            None => {}
        }
        Ok(self.data().get(rel).map(|bytes| Found::Made(bytes.clone())))
    }

    fn page(&self, rel: &str, job: Job) -> Result<Arc<[u8]>, Diagnostic> {
        if let Some(b) = self.made.lock().expect("lock").get(rel) {
            return Ok(b.clone());
        }
        let (_, bytes) = self.rendering.borrow_dependent().render_job(job)?;
        let bytes: Arc<[u8]> = bytes.into();
        self.made
            .lock()
            .expect("lock")
            .insert(rel.to_string(), bytes.clone());
        Ok(bytes)
    }

    /// The search index, the open data and the sitemaps, made the first
    /// time one of them is asked for.
    fn data(&self) -> &HashMap<String, Arc<[u8]>> {
        self.data.get_or_init(|| {
            let r = self.rendering.borrow_dependent();
            let mut html: Vec<String> = self
                .pages
                .keys()
                .filter(|p| p.ends_with(".html"))
                .cloned()
                .collect();
            html.sort_unstable();
            r.data_files()
                .into_iter()
                .chain(crate::render::sitemap_files(r.urls(), &html))
                .map(|(path, bytes)| (path, Arc::from(bytes)))
                .collect()
        })
    }
}

/// The renderer of a site's pages, rendering each when first asked for.
fn renderer(parts: Parts) -> Result<Rendering, Vec<Diagnostic>> {
    Rendering::try_new(parts, |p| {
        Renderer::with_templates(
            &p.site,
            p.templates.clone(),
            &p.strings,
            &p.urls,
            Shared::OnDemand,
        )
    })
}
