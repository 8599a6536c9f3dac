//! `bangvang serve`: the site built in memory, served on this computer, and
//! rebuilt and reloaded in the open pages whenever a file of the site
//! changes, so that an officer sees an edit before publishing it.
//!
//! A watcher ([`watch`]) reports changes; the session ([`session`]) reads
//! the changed files again and resolves the site; the new snapshot
//! ([`snapshot`]) replaces the old one and the open pages reload. A build
//! that fails is printed in the terminal and shown over the open pages,
//! and the last good site keeps being served. The server ([`wire`] for the
//! connections, [`http`] for the answers) binds 127.0.0.1 unless told
//! otherwise and never writes `public/`.

mod http;
mod session;
mod snapshot;
mod watch;
mod wire;

pub use http::RELOAD_TAG;

use crate::diagnostics::{Diagnostic, Severity};
use session::Session;
use snapshot::Snapshot;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};

/// What `serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub drafts: bool,
    /// Open the site in the browser.
    pub open: bool,
    /// The build date, as for `build`.
    pub now: Option<chrono::NaiveDate>,
}

/// What the request threads share with the rebuild loop.
pub struct State {
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// The errors of the last build, when it failed, as JSON for the pages.
    errors: RwLock<Option<String>>,
    listeners: Mutex<Vec<Sender<String>>>,
    /// Builds attempted so far.
    builds: AtomicU64,
    /// Whether the last rebuild patched a profile's text into the last site.
    patched: std::sync::atomic::AtomicBool,
    /// The folders files may be read from (the site's, canonical).
    roots: Vec<PathBuf>,
}

impl State {
    fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot.read().expect("lock").clone()
    }

    fn errors_json(&self) -> Option<String> {
        self.errors.read().expect("lock").clone()
    }

    fn generation(&self) -> u64 {
        self.snapshot().map_or(0, |s| s.generation)
    }

    fn status_json(&self) -> String {
        serde_json::json!({
            "builds": self.builds.load(Ordering::SeqCst),
            "patched": self.patched.load(Ordering::SeqCst),
            "generation": self.generation(),
            "ok": self.errors_json().is_none(),
        })
        .to_string()
    }

    fn listen(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.listeners.lock().expect("lock").push(tx);
        rx
    }

    fn tell(&self, message: String) {
        self.listeners
            .lock()
            .expect("lock")
            .retain(|l| l.send(message.clone()).is_ok());
    }
}

/// Serves the site until the process is stopped (Ctrl-C). An error only if
/// the server cannot start.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let root = std::fs::canonicalize(&options.root).map_err(|e| {
        Diagnostic::error(format!(
            "cannot open the site folder {}: {e}",
            options.root.display()
        ))
    })?;
    let mut session = Session::new(root.clone(), options.drafts, options.now);
    let state = Arc::new(State {
        snapshot: RwLock::new(None),
        errors: RwLock::new(None),
        listeners: Mutex::new(Vec::new()),
        builds: AtomicU64::new(0),
        patched: std::sync::atomic::AtomicBool::new(false),
        roots: vec![root.clone()],
    });
    let started = std::time::Instant::now();
    rebuild(&mut session, &state, started, None);
    let address = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(address).map_err(|e| {
        Diagnostic::error(format!("cannot serve on {address}: {e}"))
            .help("another program uses this port: choose another with --port, such as --port 1112")
    })?;
    let bound = listener.local_addr().unwrap_or(address);
    let base = session.base_path().unwrap_or("/").to_string();
    let url = if bound.ip().is_unspecified() {
        // 0.0.0.0 is no address to open: this computer is 127.0.0.1, others use its own.
        let local = format!("http://127.0.0.1:{}{base}", bound.port());
        println!(
            "Serving the site at {local} (Ctrl-C stops); other computers open http://<this computer's address>:{}{base}. Watching {} for changes.",
            bound.port(),
            root.display()
        );
        local
    } else {
        let url = format!("http://{bound}{base}");
        println!(
            "Serving the site at {url} (Ctrl-C stops). Watching {} for changes.",
            root.display()
        );
        url
    };
    if options.open && !open_in_browser(&url) {
        println!("Could not open a web browser: open {url} in one.");
    }
    let changes = watch::watch(&root).map_err(|e| {
        Diagnostic::error(format!("cannot watch {} for changes: {e}", root.display()))
    })?;
    let serving = state.clone();
    std::thread::spawn(move || wire::accept(listener, serving));
    while let Some(changed) = changes.next() {
        let started = std::time::Instant::now();
        if let Some(first) = changed.first() {
            let shown = first
                .strip_prefix(&root)
                .unwrap_or(first)
                .display()
                .to_string();
            let more = changed.len().saturating_sub(1);
            if more > 0 {
                println!("Changed: {shown} and {more} more");
            } else {
                println!("Changed: {shown}");
            }
        }
        rebuild(&mut session, &state, started, Some(&changed));
    }
    Ok(())
}

/// Rebuilds the site and tells the open pages.
fn rebuild(
    session: &mut Session,
    state: &State,
    started: std::time::Instant,
    changed: Option<&[PathBuf]>,
) {
    let rebuilt = session.rebuild(changed);
    state.patched.store(rebuilt.patched, Ordering::SeqCst);
    state.builds.fetch_add(1, Ordering::SeqCst);
    let styled = crate::diagnostics::styled();
    for d in &rebuilt.diagnostics {
        eprintln!("{}\n", d.render(styled));
    }
    let errors: Vec<&Diagnostic> = rebuilt
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    match rebuilt.snapshot {
        Some(snapshot) if errors.is_empty() => {
            let old = state.snapshot.write().expect("lock").replace(snapshot);
            let first = old.is_none();
            // Freeing a large site takes a while: not on the way to the page.
            std::thread::spawn(move || drop(old));
            *state.errors.write().expect("lock") = None;
            let warnings = rebuilt.diagnostics.len();
            println!(
                "{} in {:.0} ms{}{}",
                if first { "Built" } else { "Rebuilt" },
                started.elapsed().as_secs_f64() * 1000.0,
                if warnings > 0 {
                    format!(
                        ", {warnings} warning{}",
                        if warnings == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                },
                if first {
                    "."
                } else {
                    "; the open pages reload."
                }
            );
            state.tell("event: reload\ndata: \n\n".into());
        }
        _ => {
            let json = errors_json(&rebuilt.diagnostics);
            *state.errors.write().expect("lock") = Some(json.clone());
            let still = if state.snapshot().is_some() {
                "the last good site is still served"
            } else {
                "nothing can be shown until it is fixed"
            };
            eprintln!(
                "The site has {} error{}: {still}. Fix the file and save it again.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            state.tell(format!("event: failed\ndata: {json}\n\n"));
        }
    }
}

/// The errors of a build, for the overlay of the open pages.
fn errors_json(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let location = d.location.as_ref();
            serde_json::json!({
                "file": location.map(|l| l.path.clone()),
                "line": location.map(|l| l.line).filter(|l| *l > 0),
                "column": location.map(|l| l.column).filter(|c| *c > 0),
                "excerpt": location.and_then(|l| l.excerpt.as_ref()).map(|e| e.text.clone()),
                "field": d.field,
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    serde_json::json!({ "errors": errors }).to_string()
}

/// Opens `url` in the web browser; false if no browser could be started.
fn open_in_browser(url: &str) -> bool {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
