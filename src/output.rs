//! The only stage that writes: a new site goes into a temporary folder and
//! replaces the published one only when everything succeeded.
//!
//! A build writes into `.<output>.bangvang-<pid>` beside the output folder.
//! When rendering and copying succeeded, the two folders are exchanged in
//! one atomic `renameat2(RENAME_EXCHANGE)` (two renames where the system
//! lacks it) and the old one is deleted; a failed or killed build leaves the
//! previous output byte for byte as it was, and its leftover temporary
//! folder is swept by the next build. The output folder is only ever
//! replaced when bangvang made it (it holds a `.bangvang` marker) or it is
//! empty, unless `--force`. Every path written is checked to stay inside
//! the temporary folder, and two outputs at one path are an error, not a
//! silent overwrite. `check` goes through the same [`Target`], which then
//! writes nothing.

use crate::diagnostics::{Diagnostic, Location};
use crate::fs;
use crate::render::Sink;
use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The paths of a build's files: each checked to be one the output can
/// hold, and claimed once. `build` and `check` claim alike, so that `check`
/// finds every clash `build` would.
#[derive(Default)]
pub struct Claims {
    taken: Mutex<HashSet<String>>,
}

/// The longest name of one file or folder most file systems allow.
const MAX_NAME: usize = 255;

impl Claims {
    /// Claims `rel` (relative to the output, `/`-separated).
    fn claim(&self, rel: &str) -> Result<(), Diagnostic> {
        self.claim_for(rel, None)
    }

    /// Claims `rel` for the file `content/<rel>` when `from_content`: a
    /// clash then names that file, which is the one to rename.
    fn claim_for(&self, rel: &str, from_content: Option<&str>) -> Result<(), Diagnostic> {
        if let Some(content) = from_content
            && self.taken.lock().expect("lock").contains(rel)
        {
            return Err(Diagnostic::error(format!(
                "content/{content} would be written where the site puts its own {rel}"
            ))
            .at(Location::file(format!("content/{content}")))
            .help("rename or move this file: the site makes a page or file of the same name"));
        }
        check_path(rel)?;
        if !self.taken.lock().expect("lock").insert(rel.to_string()) {
            return Err(Diagnostic::error(format!(
                "two files of the site would be written to the same path: {rel}"
            ))
            .help("a page's slug, a section name and a file in content/ are clashing; rename one of them"));
        }
        Ok(())
    }
}

/// Refuses a path that could leave the output folder or that no file system holds.
fn check_path(rel: &str) -> Result<(), Diagnostic> {
    let bad = |why: &str| Diagnostic::error(format!("cannot write \"{rel}\": {why}"));
    if rel.is_empty() || rel.starts_with('/') || rel.contains('\\') || rel.contains('\0') {
        return Err(bad("it is not a path inside the output folder"));
    }
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(bad("it is not a path inside the output folder"));
        }
        if part.contains(':') {
            return Err(bad("a file name cannot contain \":\""));
        }
        if part.len() > MAX_NAME {
            return Err(bad(&format!(
                "a part of it is {} bytes long, and a file name may have at most {MAX_NAME}",
                part.len()
            )));
        }
    }
    Ok(())
}

/// Where a build's files go: a new output folder, or nowhere (`check`).
pub enum Target {
    /// Written into a temporary folder, swapped in at the end.
    Disk(Output),
    /// Claimed, checked and dropped.
    Nowhere(Claims),
}

impl Target {
    /// The output folder `output` of the site at `root`, checked and begun;
    /// with `write` false, nowhere.
    pub fn open(
        root: &Path,
        output: &Path,
        force: bool,
        write: bool,
    ) -> Result<Target, Diagnostic> {
        if !write {
            return Ok(Target::Nowhere(Claims::default()));
        }
        check_target(root, output, force)?;
        Output::begin(output).map(Target::Disk)
    }

    /// Copies a theme's file to `rel`.
    pub fn copy(&self, source: &Path, rel: &str) -> Result<(), Diagnostic> {
        match self {
            Target::Disk(o) => o.copy(source, rel),
            Target::Nowhere(claims) => claims.claim(rel),
        }
    }

    /// Publishes a file of `content/` at its path; written after every page,
    /// so that a clash with one names the content file.
    pub fn publish(&self, asset: &crate::model::AssetFile) -> Result<(), Diagnostic> {
        use crate::model::AssetSource;
        let rel = asset.rel.as_str();
        match self {
            Target::Disk(o) => {
                let target = o.claim_for(rel, Some(rel))?;
                match &asset.source {
                    AssetSource::Copy(path) => fs::copy(path, &target),
                    AssetSource::Bytes(bytes) => fs::write(&target, bytes),
                    AssetSource::Cached(path) => fs::link_or_copy(path, &target),
                }
            }
            Target::Nowhere(claims) => claims.claim_for(rel, Some(rel)),
        }
    }

    /// Ends the build: the new site replaces the old one if everything
    /// succeeded (`succeeded`), else it is thrown away. Whether the output
    /// was replaced.
    pub fn finish(self, succeeded: bool) -> Result<bool, Diagnostic> {
        match self {
            Target::Disk(o) if succeeded => o.commit().map(|()| true),
            Target::Disk(o) => {
                o.abort();
                Ok(false)
            }
            Target::Nowhere(_) => Ok(false),
        }
    }
}

impl Sink for Target {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        match self {
            Target::Disk(o) => o.write(path, bytes),
            Target::Nowhere(claims) => claims.claim(path),
        }
    }
}

/// Name of the marker file that says a folder was made by bangvang.
pub const MARKER: &str = ".bangvang";

const MARKER_TEXT: &str = "This folder is generated by bangvang and replaced on every build.\nDo not edit it: edit content/ and build again.\n";

/// A build in progress into a temporary folder.
pub struct Output {
    final_dir: PathBuf,
    temp_dir: PathBuf,
    claims: Claims,
}

/// Checks that `output` may be replaced: it is not the site itself, not a
/// source folder, and either absent, empty or made by bangvang.
pub fn check_target(root: &Path, output: &Path, force: bool) -> Result<(), Diagnostic> {
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(output);
    if root_abs.starts_with(&out_abs) {
        return Err(Diagnostic::error(format!(
            "refusing to write the site into {}: it contains the site's own files",
            output.display()
        ))
        .help("choose an output folder of its own, such as public/"));
    }
    for source in ["content", "themes", "templates", "i18n"] {
        if out_abs.starts_with(root_abs.join(source)) {
            return Err(Diagnostic::error(format!(
                "refusing to write the site into {}: it is inside the source folder {source}/",
                output.display()
            ))
            .help("choose an output folder of its own, such as public/"));
        }
    }
    match std::fs::symlink_metadata(output) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::error(format!(
            "the output {} exists and is not a folder",
            output.display()
        ))),
        Ok(_) => {
            if force || output.join(MARKER).is_file() {
                return Ok(());
            }
            let empty = std::fs::read_dir(output)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if empty {
                Ok(())
            } else {
                Err(Diagnostic::error(format!(
                    "the folder {} exists and was not made by bangvang: refusing to replace it",
                    output.display()
                ))
                .at(Location::file(output.display().to_string()))
                .help("move its files elsewhere, choose another --output, or pass --force to replace it anyway"))
            }
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    // Not there yet: canonicalise the parent and append the name.
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(out.clone()),
        _ => out,
    }
}

fn temp_prefix(final_dir: &Path) -> OsString {
    let name = final_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    OsString::from(format!(".{name}.bangvang-"))
}

impl Output {
    /// Starts a build of `final_dir`: sweeps temporary folders left by killed
    /// builds and creates a fresh one.
    pub fn begin(final_dir: &Path) -> Result<Output, Diagnostic> {
        let final_dir = absolute(final_dir);
        let parent = final_dir
            .parent()
            .ok_or_else(|| Diagnostic::error("the output folder cannot be the root of the disk"))?
            .to_path_buf();
        fs::create_dir_all(&parent)?;
        let prefix = temp_prefix(&final_dir);
        let prefix = prefix.to_string_lossy();
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(rest) = name.strip_prefix(prefix.as_ref()) {
                    let pid: u32 = rest
                        .split('-')
                        .next()
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(0);
                    let alive = pid != 0
                        && Path::new(&format!("/proc/{pid}")).exists()
                        && pid != std::process::id();
                    if !alive {
                        let _ = std::fs::remove_dir_all(entry.path());
                    }
                }
            }
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let temp_dir = parent.join(format!("{prefix}{}-{nanos}", std::process::id()));
        fs::create_dir(&temp_dir)?;
        Ok(Output {
            final_dir,
            temp_dir,
            claims: Claims::default(),
        })
    }

    fn claim(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        self.claim_for(rel, None)
    }

    fn claim_for(&self, rel: &str, from_content: Option<&str>) -> Result<PathBuf, Diagnostic> {
        self.claims.claim_for(rel, from_content)?;
        let target = self.temp_dir.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(target)
    }

    /// Copies a file into the output at `rel`.
    pub fn copy(&self, source: &Path, rel: &str) -> Result<(), Diagnostic> {
        let target = self.claim(rel)?;
        fs::copy(source, &target)
    }

    /// Replaces the published output with the new one.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let result = self.swap();
        if let Err(d) = result {
            // The new site never replaced the old one: take it away, so that
            // no full copy of the site is left beside the output.
            let _ = std::fs::remove_dir_all(&self.temp_dir);
            return Err(if is_mount_point(&self.final_dir) {
                d.help(format!(
                    "{} is a mount point (or a folder of another disk), which cannot be replaced as a whole: build into a folder inside it, such as --output {}",
                    self.final_dir.display(),
                    self.final_dir.join("site").display()
                ))
            } else {
                d
            });
        }
        Ok(())
    }

    /// Puts the new site in place of the old one.
    fn swap(&self) -> Result<(), Diagnostic> {
        let marker = self.temp_dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT.as_bytes())?;
        if std::fs::symlink_metadata(&self.final_dir).is_err() {
            return fs::rename(&self.temp_dir, &self.final_dir);
        }
        if exchange(&self.temp_dir, &self.final_dir).is_err() {
            // No atomic exchange here: two renames, with a short moment without output.
            let old = self.temp_dir.with_extension("old");
            fs::rename(&self.final_dir, &old)?;
            if let Err(d) = fs::rename(&self.temp_dir, &self.final_dir) {
                let _ = std::fs::rename(&old, &self.final_dir);
                return Err(d);
            }
            let _ = std::fs::remove_dir_all(&old);
            return Ok(());
        }
        // After the exchange the temporary path holds the old site.
        remove_in_background(&self.temp_dir);
        Ok(())
    }

    /// Gives up: removes the temporary folder, leaving the output untouched.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.temp_dir);
    }
}

impl Sink for Output {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.claim(path)?;
        fs::write(&target, bytes)
    }
}

/// Whether `dir` is on another file system than its parent folder.
fn is_mount_point(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Some(parent), Ok(meta)) = (dir.parent(), std::fs::metadata(dir)) else {
            return false;
        };
        std::fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Deletes the previous site without making the user wait for it.
///
/// The new site is already in place; deleting tens of thousands of old files
/// can take seconds on a disk that discards blocks as it deletes, so a
/// detached `rm -rf` does it. If it is interrupted, the next build sweeps
/// the leftover folder (its name marks it as bangvang's). With
/// `BANGVANG_SYNC_CLEANUP=1`, or where `rm` cannot be started, it is deleted
/// before returning.
fn remove_in_background(dir: &Path) {
    let sync = std::env::var_os("BANGVANG_SYNC_CLEANUP").is_some_and(|v| v != "0");
    if !sync && cfg!(unix) {
        let spawned = std::process::Command::new("rm")
            .arg("-rf")
            .arg("--")
            .arg(dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_or_overflow_a_file_name() {
        assert!(check_path("a/b/index.html").is_ok());
        for bad in [
            "../a",
            "a/../../b",
            "/etc/passwd",
            "a//b",
            "",
            "a\\b",
            "c:/x",
            "./a",
        ] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        let long = format!("ca-nhan/{}/index.html", "a".repeat(300));
        let e = check_path(&long).unwrap_err();
        assert!(e.message.contains("300 bytes long"), "{}", e.message);
        assert!(check_path("a:b/x").unwrap_err().message.contains("\":\""));
        let claims = Claims::default();
        claims.claim("index.html").unwrap();
        assert!(claims.claim("index.html").is_err(), "claimed twice");
    }

    #[test]
    fn commit_replaces_and_abort_keeps() {
        // SAFETY: set before any thread of this test reads the environment.
        unsafe { std::env::set_var("BANGVANG_SYNC_CLEANUP", "1") };
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let o = Output::begin(&out).unwrap();
        o.write("index.html", b"one").unwrap();
        o.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        assert!(out.join(MARKER).is_file());

        let o = Output::begin(&out).unwrap();
        o.write("index.html", b"two").unwrap();
        o.abort();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");

        let o = Output::begin(&out).unwrap();
        o.write("new.html", b"three").unwrap();
        assert!(o.write("new.html", b"again").is_err());
        o.commit().unwrap();
        assert!(!out.join("index.html").exists());
        assert_eq!(std::fs::read(out.join("new.html")).unwrap(), b"three");
        // Nothing is left beside the output.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn foreign_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        assert!(
            check_target(dir.path(), &out, false).is_ok(),
            "empty is fine"
        );
        std::fs::write(out.join("mine.txt"), "x").unwrap();
        assert!(check_target(dir.path(), &out, false).is_err());
        assert!(check_target(dir.path(), &out, true).is_ok());
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_target(dir.path(), &out, false).is_ok());
        assert!(
            check_target(dir.path(), dir.path(), true).is_err(),
            "never the site itself"
        );
        assert!(check_target(dir.path(), &dir.path().join("content/x"), true).is_err());
    }
}
