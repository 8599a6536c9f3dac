//! bangvang ("bảng vàng", the golden honour roll): a static site generator
//! for Vietnamese honour rolls and emulation campaigns.
//!
//! A communications centre writes Markdown and TOML about units, emulation
//! movements, exemplary people and collectives, conferences and commendation
//! decisions; bangvang checks it all and compiles it into a static website
//! that any web host can serve. [`build`] is the pipeline, one call per
//! stage, each a folder or module of its own:
//!
//! 1. [`load`]: `site.toml`, every file of `content/` and the theme, read
//!    into plain data;
//! 2. [`resolve`]: references, the unit tree, roll-ups, rules → [`model::Site`];
//! 3. [`render`]: pages from views through tera, Markdown via [`markdown`],
//!    the search index, open data and sitemaps, all in memory;
//! 4. [`output`]: the only writer, swapping the new site in atomically.
//!
//! Every stage reports problems as located [`diagnostics`] and carries on,
//! so that one run lists every mistake.

// A Diagnostic carries the file, line, quoted source, field and hints an
// officer needs; it is only ever built on the failure path, so its size does
// not matter and boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

mod awards;
mod diagnostics;
mod fs;
mod import;
mod load;
mod markdown;
mod media;
pub use media::MediaStats;
mod model;
mod output;
mod render;
mod resolve;
mod scaffold;
mod serve;
mod svg;
mod vi;
mod when;

#[doc(hidden)]
pub mod testing;

pub use diagnostics::{Diagnostic, styled};
pub use import::{Action, Planned, plan as plan_import, write as write_import};
pub use scaffold::{Created, NewKind, init, new_file};
pub use serve::{RELOAD_TAG, ServeOptions, serve};

use chrono::NaiveDate;
use diagnostics::Report;
use load::Loaded;
use model::Site;
use output::Target;
use render::{Renderer, Sink, Urls};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder (with `site.toml` and `content/`).
    pub root: PathBuf,
    /// The output folder; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Keep drafts.
    pub drafts: bool,
    /// The build date for movement statuses; today by default.
    pub now: Option<NaiveDate>,
    /// Replace an output folder bangvang did not make.
    pub force: bool,
    /// Write the output (`build`); `check` does everything else.
    pub write: bool,
}

impl BuildOptions {
    /// Options to build the site at `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            now: None,
            force: false,
            write: true,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }

    fn overrides(&self) -> load::config::Overrides {
        load::config::Overrides {
            base_url: self.base_url.clone(),
        }
    }

    fn settings(&self) -> resolve::Settings {
        resolve::Settings {
            now: self
                .now
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            drafts: self.drafts,
        }
    }
}

/// What a build did.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    /// Every error and warning, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages by kind, when rendering happened.
    pub pages: Vec<(&'static str, usize)>,
    /// All files written (pages, data, assets).
    pub files: usize,
    /// Time per stage, and resident memory after it (MiB, where the system tells).
    pub timings: Vec<(&'static str, Duration, Option<u64>)>,
    /// Whether the output was replaced.
    pub written: bool,
    /// Images processed, and found in the cache.
    pub images: MediaStats,
}

impl BuildReport {
    /// Whether there was an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds (or with `write = false`, checks) a site. Never panics on bad
/// input: every problem is in the report, and on any error the previous
/// output is left untouched.
pub fn build(options: &BuildOptions) -> BuildReport {
    let mut diagnostics = Report::default();
    let mut report = BuildReport::default();
    let mut timer = Timer::new();
    run(options, &mut diagnostics, &mut report, &mut timer);
    report.diagnostics = diagnostics.into_sorted();
    report.timings = timer.timings;
    report
}

/// The pipeline. Each stage's diagnostics go into `diagnostics`; a stage
/// that produced nothing ends the run there.
fn run(
    options: &BuildOptions,
    diagnostics: &mut Report,
    report: &mut BuildReport,
    timer: &mut Timer,
) -> Option<()> {
    let Loaded {
        content,
        theme,
        strings,
    } = diagnostics.take(load::load(&options.root, &options.overrides()))?;
    timer.lap("load");
    let mut site = diagnostics.take(resolve::resolve(content, &options.settings()))?;
    timer.lap("resolve");
    diagnostics.clean()?;
    report.images = diagnostics.take(media::process(&mut site, &options.root, options.write))?;
    timer.lap("images");
    diagnostics.clean()?;
    let urls = Urls::new(
        &site.config.base_path,
        &site.config.base_url,
        &site.config.paths,
    );
    let renderer = diagnostics.take(Renderer::new(&site, &theme, &strings, &urls))?;
    timer.lap("templates");
    let target = diagnostics.take(Target::open(
        &options.root,
        &options.output_dir(),
        options.force,
        options.write,
    ))?;
    let written = diagnostics.take(write_site(&site, &theme, &renderer, &target, timer));
    let succeeded = written.is_some();
    if let Some((pages, files)) = written {
        report.pages = pages;
        report.files = files;
    }
    report.written = diagnostics.take(target.finish(succeeded)).unwrap_or(false);
    timer.lap("commit");
    // Freeing a large site's memory takes a noticeable share of a build; the
    // command exits right after, so let another thread do it.
    let caches = renderer.into_caches();
    free_in_background(caches, site);
    Some(())
}

fn free_in_background<T: Send + 'static>(caches: T, site: Site) {
    std::thread::spawn(move || drop((caches, site)));
}

/// Pages by kind, and the number of files written.
type Written = (Vec<(&'static str, usize)>, usize);

/// Renders every page and data file into `target` and copies the theme's
/// assets and the content's files.
fn write_site(
    site: &Site,
    theme: &load::theme::Theme,
    renderer: &Renderer<'_>,
    target: &Target,
    timer: &mut Timer,
) -> Result<Written, Vec<Diagnostic>> {
    // Pages render on every core; meanwhile one core writes the search
    // index and the open data, which need no page.
    let (stats, data) = rayon::join(
        || renderer.render_all(target),
        || -> Result<usize, Diagnostic> {
            let files = renderer.data_files();
            for (path, bytes) in &files {
                target.write(path, bytes)?;
            }
            Ok(files.len())
        },
    );
    let stats = stats?;
    let mut files = stats.files + data.map_err(|d| vec![d])?;
    timer.lap("render");
    let sitemaps = render::sitemap_files(renderer.urls(), &stats.html_paths);
    for (path, bytes) in &sitemaps {
        target.write(path, bytes).map_err(|d| vec![d])?;
    }
    files += sitemaps.len();
    timer.lap("sitemap");
    // Theme assets and content files, copied as they are.
    let mut errors = Vec::new();
    for s in &theme.static_files {
        let r = match &s.source {
            load::theme::StaticSource::Embedded(bytes) => target.write(&s.rel, bytes),
            load::theme::StaticSource::Disk(path) => target.copy(path, &s.rel),
        };
        errors.extend(r.err());
        files += 1;
    }
    {
        use rayon::prelude::*;
        errors.extend(
            site.assets
                .par_iter()
                .filter_map(|a| target.publish(a).err())
                .collect::<Vec<_>>(),
        );
    }
    files += site.assets.len();
    timer.lap("copy");
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((stats.pages, files))
}

/// Time per stage, and resident memory after it.
struct Timer {
    last: Instant,
    timings: Vec<(&'static str, Duration, Option<u64>)>,
}

impl Timer {
    fn new() -> Self {
        Timer {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last, resident_mib()));
        self.last = now;
    }
}

/// Resident memory of this process in MiB (Linux only).
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
