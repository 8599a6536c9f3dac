//! Rebuilding the site in memory after a change.
//!
//! The loader keeps what each content file gave, so a rebuild reads only
//! the files that changed; the site is then resolved again whole (every
//! list, roll-up and count is right after any change) and the templates
//! compiled again only if the theme changed. The result is a new
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
    pub snapshot: Option<Snapshot>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The state kept between rebuilds.
pub struct Session {
    root: PathBuf,
    drafts: bool,
    now: Option<NaiveDate>,
    loader: Loader,
    generation: u64,
}

impl Session {
    pub fn new(root: PathBuf, drafts: bool, now: Option<NaiveDate>) -> Session {
        Session {
            root,
            drafts,
            now,
            loader: Loader::default(),
            generation: 0,
        }
    }

    /// Loads and resolves the site again.
    pub fn rebuild(&mut self) -> Rebuilt {
        let mut report = Report::default();
        let snapshot = self.try_rebuild(&mut report);
        Rebuilt {
            snapshot,
            diagnostics: report.into_sorted(),
        }
    }

    fn try_rebuild(&mut self, report: &mut Report) -> Option<Snapshot> {
        let t = Stopwatch::new();
        let loaded = report.take(self.loader.load(&self.root, &Overrides::default()))?;
        t.lap("load");
        let settings = Settings {
            now: self
                .now
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            drafts: self.drafts,
        };
        let site = report.take(resolve::resolve(loaded.content, &settings))?;
        t.lap("resolve");
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
