//! bangvang ("bảng vàng", the golden honour roll): a static site generator
//! for Vietnamese honour rolls and emulation campaigns.
//!
//! A communications centre writes Markdown and TOML about units, emulation
//! movements, exemplary people and collectives, conferences and commendation
//! decisions; bangvang checks it all and compiles it into a static website
//! that any web host can serve. The pipeline reads in one function,
//! [`build`], one call per stage:
//!
//! 1. [`load`]: `site.toml`, every file of `content/` ([`discover`],
//!    [`front_matter`], [`fields`], [`entities`], [`sheets`]) and the
//!    [`theme`];
//! 2. [`resolve`]: references, the unit tree, roll-ups, rules → [`model::Site`];
//! 3. [`render`]: pages from [`view`]s through tera, Markdown via [`markdown`];
//!    plus [`search`], [`opendata`] and [`sitemap`] files;
//! 4. [`output`]: the only writer, swapping the new site in atomically.
//!
//! Every stage reports problems as located [`diagnostics`] and carries on,
//! so that one run lists every mistake.

// A Diagnostic carries the file, line, quoted source, field and hints an
// officer needs; it is only ever built on the failure path, so its size does
// not matter and boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod awards;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod entities;
pub mod fields;
pub mod front_matter;
pub mod fs;
pub mod i18n;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod opendata;
pub mod output;
pub mod privacy;
pub mod render;
pub mod resolve;
pub mod search;
pub mod sheets;
pub mod sitemap;
pub mod stats;
pub mod theme;
pub mod vi;
pub mod view;

use chrono::NaiveDate;
use diagnostics::Diagnostic;
use render::Sink;
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
}

impl BuildReport {
    /// Whether there was an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

struct Timer {
    last: Instant,
    timings: Vec<(&'static str, Duration, Option<u64>)>,
}

/// Resident memory of this process in MiB (Linux only).
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
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

fn finish(mut report: BuildReport, diagnostics: Vec<Diagnostic>, timer: Timer) -> BuildReport {
    let mut r = diagnostics::Report::new();
    r.extend(diagnostics);
    r.sort();
    report.diagnostics = r.into_diagnostics();
    report.timings = timer.timings;
    report
}

/// Builds (or with `write = false`, checks) a site. Never panics on bad
/// input: every problem is in the report, and on any error the previous
/// output is left untouched.
pub fn build(options: &BuildOptions) -> BuildReport {
    let mut timer = Timer::new();
    let mut report = BuildReport::default();
    let mut diagnostics = Vec::new();
    let overrides = config::Overrides {
        base_url: options.base_url.clone(),
    };
    let (loaded, load_diagnostics) = load::load(&options.root, &overrides);
    diagnostics.extend(load_diagnostics);
    timer.lap("load");
    let Some((loaded, theme)) = loaded else {
        return finish(report, diagnostics, timer);
    };
    let now = options
        .now
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let (site, resolve_diagnostics) = resolve::resolve(
        loaded,
        &resolve::Options {
            now,
            drafts: options.drafts,
        },
    );
    diagnostics.extend(resolve_diagnostics);
    timer.lap("resolve");
    let Some(site) = site else {
        return finish(report, diagnostics, timer);
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return finish(report, diagnostics, timer);
    }
    let strings = match theme.strings(site.config.language) {
        Ok(s) => s,
        Err(d) => {
            diagnostics.push(d);
            return finish(report, diagnostics, timer);
        }
    };
    let urls = view::Urls::new(
        &site.config.base_path,
        &site.config.base_url,
        &site.config.paths,
    );
    let mut renderer = match render::Renderer::new(&site, &theme, &strings, &urls) {
        Ok(r) => r,
        Err(ds) => {
            diagnostics.extend(ds);
            return finish(report, diagnostics, timer);
        }
    };
    timer.lap("templates");

    let output_dir = options.output_dir();
    let output = if options.write {
        if let Err(d) = output::check_target(&options.root, &output_dir, options.force) {
            diagnostics.push(d);
            return finish(report, diagnostics, timer);
        }
        match output::Output::begin(&output_dir) {
            Ok(o) => Some(o),
            Err(d) => {
                diagnostics.push(d);
                return finish(report, diagnostics, timer);
            }
        }
    } else {
        None
    };
    let memory = render::MemorySink::default();
    let sink: &dyn Sink = match &output {
        Some(o) => o,
        None => &memory,
    };
    let result = write_site(
        &site,
        &theme,
        &renderer,
        &urls,
        sink,
        output.as_ref(),
        &mut timer,
        &mut report,
    );
    match (result, output) {
        (Ok(()), Some(o)) => match o.commit() {
            Ok(()) => report.written = true,
            Err(d) => diagnostics.push(d),
        },
        (Ok(()), None) => {}
        (Err(ds), o) => {
            diagnostics.extend(ds);
            if let Some(o) = o {
                o.abort();
            }
        }
    }
    timer.lap("commit");
    // Freeing a large site's memory takes a noticeable share of a build; the
    // command exits right after, so let another thread do it.
    let caches = renderer.take_caches();
    drop(renderer);
    std::thread::spawn(move || drop((caches, site)));
    finish(report, diagnostics, timer)
}

#[allow(clippy::too_many_arguments)]
fn write_site(
    site: &model::Site,
    theme: &theme::Theme,
    renderer: &render::Renderer<'_>,
    urls: &view::Urls,
    sink: &dyn Sink,
    output: Option<&output::Output>,
    timer: &mut Timer,
    report: &mut BuildReport,
) -> Result<(), Vec<Diagnostic>> {
    // Pages render on every core; meanwhile one core writes the search
    // index and the open data, which need no page.
    let (stats, data) = rayon::join(
        || renderer.render_all(sink),
        || -> Result<usize, Diagnostic> {
            let mut extra: Vec<(String, Vec<u8>)> =
                search::index_files(site, urls, renderer.view_context());
            let records = opendata::records(site, urls);
            let data_dir = &site.config.paths.commendations;
            extra.push((
                format!("{data_dir}/index.json"),
                opendata::json(site, urls, &records),
            ));
            extra.push((format!("{data_dir}/index.csv"), opendata::csv(&records)));
            for (path, bytes) in &extra {
                sink.write(path, bytes)?;
            }
            Ok(extra.len())
        },
    );
    let stats = stats?;
    let mut files = stats.files + data.map_err(|d| vec![d])?;
    timer.lap("render");
    let mut extra = sitemap::sitemaps(urls, &stats.html_paths);
    extra.push(("robots.txt".into(), sitemap::robots(urls)));
    for (path, bytes) in &extra {
        sink.write(path, bytes).map_err(|d| vec![d])?;
    }
    files += extra.len();
    timer.lap("sitemap");
    // Theme assets and content files, copied as they are.
    let mut errors = Vec::new();
    for s in &theme.static_files {
        let r = match &s.source {
            theme::StaticSource::Embedded(bytes) => sink.write(&s.rel, bytes),
            theme::StaticSource::Disk(path) => match output {
                Some(o) => o.copy(path, &s.rel),
                None => Ok(()),
            },
        };
        if let Err(d) = r {
            errors.push(d);
        }
        files += 1;
    }
    if let Some(o) = output {
        use rayon::prelude::*;
        errors.extend(
            site.assets
                .par_iter()
                .filter_map(|a| o.copy(&a.path, &a.rel).err())
                .collect::<Vec<_>>(),
        );
    }
    files += site.assets.len();
    timer.lap("copy");
    if !errors.is_empty() {
        return Err(errors);
    }
    report.pages = stats.pages;
    report.files = files;
    Ok(())
}
