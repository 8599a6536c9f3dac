//! Watching the site's folder for changes, the way editors make them.
//!
//! An editor saves a file in several steps (a temporary file, a rename, a
//! change of its times), and an officer may save several files at once, so
//! events are gathered until the folder has been quiet for a moment, and
//! one rebuild follows. Only what the site is made of counts: `site.toml`,
//! `content/`, `templates/`, `themes/` and `i18n/`; the output folder,
//! hidden folders and editors' backup files do not.

use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long the folder must be quiet before a rebuild.
const QUIET: Duration = Duration::from_millis(15);
/// The longest a rebuild waits for the folder to be quiet.
const AT_MOST: Duration = Duration::from_millis(250);

/// A running watcher and the changes it reports.
pub struct Changes {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

/// Starts watching the site at `root`.
pub fn watch(root: &Path) -> notify::Result<Changes> {
    let (tx, events) = channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    Ok(Changes {
        _watcher: watcher,
        events,
        root: root.to_path_buf(),
    })
}

impl Changes {
    /// Waits for a change of the site and for the folder to be quiet again;
    /// the paths that changed (the root itself when the watcher lost track
    /// of them). `None` when the watcher has stopped.
    pub fn next(&self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        // The first relevant event.
        loop {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
            if !changed.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        loop {
            let left = AT_MOST.saturating_sub(started.elapsed());
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
            if started.elapsed() >= AT_MOST {
                break;
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<notify::Event>, into: &mut Vec<PathBuf>) {
        // An error or an overflow of the watcher's queue loses changes:
        // the root stands for "anything may have changed".
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            _ => return into.push(self.root.clone()),
        };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        into.extend(event.paths.into_iter().filter(|p| relevant(&self.root, p)));
    }
}

/// Whether a change at `path` can change the site.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let Some(first) = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy())
    else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
    {
        return false;
    }
    match first.as_ref() {
        "site.toml" => true,
        "content" | "templates" | "themes" | "i18n" => !rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_site_is_made_of_counts() {
        let root = Path::new("/s");
        for yes in [
            "/s/site.toml",
            "/s/content/people/a.md",
            "/s/themes/default/templates/unit.html",
            "/s/i18n/vi.toml",
            "/s/templates/x.html",
        ] {
            assert!(relevant(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/s/public/index.html",
            "/s/.git/index",
            "/s/content/.git/x",
            "/s/content/people/a.md~",
            "/s/content/people/.a.md.swp",
            "/s/README.md",
            "/t/site.toml",
            "/s/.public.bangvang-1-2/x",
        ] {
            assert!(!relevant(root, Path::new(no)), "{no}");
        }
    }
}
