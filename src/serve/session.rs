//! Rebuilding the site in memory after a change.
//!
//! The loader keeps what each content file gave, so a rebuild reads only
//! the files that changed; the site is then resolved again whole (every
//! list, roll-up and count is right after any change) and the templates
//! compiled again only if the theme changed. An edit of one profile's own
//! text alone is patched into the last site instead
//! ([`crate::load::edit`]): nothing else can change. The result is a new
//! [`Snapshot`]; a rebuild that fails leaves the last good one in place.

use super::snapshot::Snapshot;
use crate::diagnostics::{Diagnostic, Report};
use crate::load::Loader;
use crate::load::config::Overrides;
use crate::render::{Templates, Urls};
use crate::resolve::{self, Settings};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;

/// What a rebuild gave: the new snapshot (if the site has no error) and
/// every diagnostic, sorted.
pub struct Rebuilt {
    pub snapshot: Option<Arc<Snapshot>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether it was a profile's text patched into the last site.
    pub patched: bool,
}

/// The state kept between rebuilds.
pub struct Session {
    root: PathBuf,
    drafts: bool,
    now: Option<NaiveDate>,
    loader: Loader,
    generation: u64,
    /// The last good snapshot, and the diagnostics of the rebuild that made it.
    last: Option<(Arc<Snapshot>, Vec<Diagnostic>)>,
    /// The base path of the site as last read, even if it had errors.
    base_path: Option<String>,
}

impl Session {
    pub fn new(root: PathBuf, drafts: bool, now: Option<NaiveDate>) -> Session {
        Session {
            root,
            drafts,
            now,
            loader: Loader::default(),
            generation: 0,
            last: None,
            base_path: None,
        }
    }

    /// Loads and resolves the site again, after the files at `changed`
    /// changed (`None`: read everything).
    pub fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Rebuilt {
        if let Some(rebuilt) = changed.and_then(|paths| self.patch(paths)) {
            return rebuilt;
        }
        let mut report = Report::default();
        let snapshot = self.try_rebuild(&mut report, changed).map(Arc::new);
        let diagnostics = report.into_sorted();
        if let Some(s) = &snapshot
            && !diagnostics.iter().any(Diagnostic::is_error)
        {
            self.last = Some((s.clone(), diagnostics.clone()));
        }
        Rebuilt {
            snapshot,
            diagnostics,
            patched: false,
        }
    }

    /// The last site with one profile's new text, if that is all that changed.
    fn patch(&mut self, changed: &[PathBuf]) -> Option<Rebuilt> {
        let t = Stopwatch::new();
        let (last, diagnostics) = self.last.as_ref()?;
        if self.settings().now != last.site().now {
            return None;
        }
        // A message about the file would have to be placed again.
        let shown = changed.first()?.strip_prefix(&self.root).ok()?;
        let shown = crate::load::discover::slash_path(shown);
        if diagnostics
            .iter()
            .any(|d| d.location.as_ref().is_some_and(|l| l.path == shown))
        {
            return None;
        }
        let edit = self.loader.text_edit(&self.root, changed)?;
        let mut site = last.site().clone();
        if !resolve::patch_text(&mut site, edit) {
            return None;
        }
        t.lap("patch");
        self.generation += 1;
        let snapshot = Arc::new(last.with_site(site, self.generation).ok()?);
        t.lap("snapshot");
        let diagnostics = diagnostics.clone();
        self.last = Some((snapshot.clone(), diagnostics.clone()));
        Some(Rebuilt {
            snapshot: Some(snapshot),
            diagnostics,
            patched: true,
        })
    }

    /// The base path of the site (`/vinh-danh/`), if its `site.toml` could be read.
    pub fn base_path(&self) -> Option<&str> {
        self.base_path.as_deref()
    }

    /// The settings a build now would have.
    fn settings(&self) -> Settings {
        Settings {
            now: self
                .now
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            drafts: self.drafts,
        }
    }

    fn try_rebuild(
        &mut self,
        report: &mut Report,
        changed: Option<&[PathBuf]>,
    ) -> Option<Snapshot> {
        let t = Stopwatch::new();
        let overrides = Overrides::default();
        let loaded = match changed {
            Some(paths) => self.loader.load_after(&self.root, &overrides, paths),
            None => self.loader.load(&self.root, &overrides),
        };
        let loaded = report.take(loaded)?;
        self.base_path = Some(loaded.content.config.base_path.clone());
        t.lap("load");
        let mut site = report.take(resolve::resolve(loaded.content, &self.settings()))?;
        t.lap("resolve");
        report.clean()?;
        report.take(crate::media::process(&mut site, &self.root, true))?;
        t.lap("images");
        report.clean()?;
        let urls = Urls::new(
            &site.config.base_path,
            &site.config.base_url,
            &site.config.paths,
        );
        let templates =
            Arc::new(report.take(Templates::new(&loaded.theme, &site, &loaded.strings, &urls))?);
        t.lap("templates");
        self.generation += 1;
        let snapshot = report.take(Snapshot::new(
            site,
            &loaded.theme,
            loaded.strings,
            templates,
            self.generation,
        ));
        t.lap("snapshot");
        snapshot
    }
}

/// Stage times of a rebuild, printed with `BANGVANG_TIMINGS=1`.
struct Stopwatch {
    on: bool,
    last: std::cell::Cell<std::time::Instant>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            on: std::env::var_os("BANGVANG_TIMINGS").is_some_and(|v| v != "0"),
            last: std::cell::Cell::new(std::time::Instant::now()),
        }
    }

    fn lap(&self, stage: &str) {
        if self.on {
            let now = std::time::Instant::now();
            eprintln!(
                "  {stage:<10} {:>7.1} ms",
                (now - self.last.get()).as_secs_f64() * 1000.0
            );
            self.last.set(now);
        }
    }
}
