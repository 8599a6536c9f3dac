//! The cache of processed images: one folder per source, named by the hash
//! of its bytes and the processing version, holding the variants and a
//! small manifest. An entry is written in a temporary folder and renamed
//! into place, so a build stopped midway never leaves half an entry.

use super::{Processed, VERSION, encode};
use std::path::{Path, PathBuf};

/// The cache folder of a site.
pub struct Cache {
    dir: PathBuf,
    write: bool,
    /// The key of each source last seen, by site path, with the size and
    /// modification time it had: a file that has neither changed is not
    /// read again to be hashed, so a build with no new photo reads no photo.
    seen: std::sync::Mutex<HashMap<String, Seen>>,
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Seen {
    size: u64,
    modified_ns: u128,
    key: String,
}

type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A processed image in the cache.
pub struct Entry {
    pub dir: PathBuf,
    /// The clean image published at the original path.
    pub full: PathBuf,
    pub processed: Processed,
    /// Whether it was found, not made.
    pub cached: bool,
}

impl Cache {
    pub fn new(root: &Path, write: bool) -> Self {
        let dir = root.join(".bangvang-cache").join("images");
        if write {
            let _ = crate::fs::create_dir_all(&dir);
            let ignore = root.join(".bangvang-cache").join(".gitignore");
            if !ignore.exists() {
                let _ = crate::fs::write(
                    &ignore,
                    b"# Made by bangvang: processed images, safe to delete.\n*\n",
                );
            }
        }
        let seen = crate::fs::read_bytes(&dir.join(index_name()), "index.json")
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Cache {
            dir,
            write,
            seen: std::sync::Mutex::new(seen),
        }
    }

    /// Writes down the keys seen, for the next build.
    pub fn save(&self) {
        if !self.write {
            return;
        }
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Ok(bytes) = serde_json::to_vec(&*seen) {
            let tmp = self.dir.join(format!("index.json.{}", std::process::id()));
            if crate::fs::write(&tmp, &bytes).is_ok() {
                let _ = crate::fs::rename(&tmp, &self.dir.join(index_name()));
            }
        }
    }

    /// The cache key of the image at `path` (site path `rel`): the hash of
    /// its bytes, its extension and the processing version.
    pub fn key(&self, path: &Path, rel: &str) -> Result<String, String> {
        let stamp = std::fs::metadata(path).ok().map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (m.len(), modified)
        });
        if let Some((size, modified_ns)) = stamp {
            let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = seen.get(rel)
                && s.size == size
                && s.modified_ns == modified_ns
                && modified_ns != 0
                && self.dir.join(&s.key).join("manifest.json").exists()
            {
                return Ok(s.key.clone());
            }
        }
        let key = self.hash(path, rel)?;
        if let Some((size, modified_ns)) = stamp {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            seen.insert(
                rel.to_string(),
                Seen {
                    size,
                    modified_ns,
                    key: key.clone(),
                },
            );
        }
        Ok(key)
    }

    fn hash(&self, path: &Path, rel: &str) -> Result<String, String> {
        let bytes = crate::fs::read_bytes(path, rel).map_err(|d| d.to_string())?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(VERSION.as_bytes());
        hasher.update(extension(rel).as_bytes());
        hasher.update(&bytes);
        Ok(hasher.finalize().to_hex()[..32].to_string())
    }

    /// The entry of `key` (the image at `path`, site path `rel`), made if needed.
    pub fn get_or_make(&self, key: &str, path: &Path, rel: &str) -> Result<Entry, String> {
        let dir = self.dir.join(key);
        let full = dir.join(format!("full.{}", extension(rel)));
        if let Some(processed) = read_manifest(&dir) {
            return Ok(Entry {
                dir,
                full,
                processed,
                cached: true,
            });
        }
        let bytes = crate::fs::read_bytes(path, rel).map_err(|d| d.to_string())?;
        let made = encode::process(&bytes, &extension(rel))?;
        drop(bytes);
        // `check` writes nothing: the image was read and encoded, which
        // is the check; the output that would name these files is not written.
        if self.write {
            self.store(&dir, &made)?;
        }
        Ok(Entry {
            dir,
            full,
            processed: made.processed,
            cached: false,
        })
    }

    fn store(&self, dir: &Path, made: &encode::Made) -> Result<(), String> {
        // Unique to this process and call: two copies of one photo may be
        // processed at once, each into its own folder.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.with_extension(format!("tmp{}-{n}", std::process::id()));
        self.store_at(&tmp, made)?;
        match crate::fs::rename(&tmp, dir) {
            Ok(()) => Ok(()),
            // Another build made it meanwhile: theirs is the same.
            Err(_) if read_manifest(dir).is_some() => {
                let _ = crate::fs::remove_dir_all(&tmp);
                Ok(())
            }
            Err(d) => Err(d.to_string()),
        }
    }

    fn store_at(&self, dir: &Path, made: &encode::Made) -> Result<(), String> {
        let io = |d: crate::diagnostics::Diagnostic| d.to_string();
        crate::fs::create_dir_all(dir).map_err(io)?;
        for (name, bytes) in &made.files {
            crate::fs::write(&dir.join(name), bytes).map_err(io)?;
        }
        let manifest = serde_json::to_vec(&made.processed).map_err(|e| e.to_string())?;
        crate::fs::write(&dir.join("manifest.json"), &manifest).map_err(io)
    }
}

/// The index of keys, one per processing version (a key names an entry
/// of its version only).
fn index_name() -> String {
    format!("index-{}.json", VERSION.replace(':', "-"))
}

fn read_manifest(dir: &Path) -> Option<Processed> {
    let path = dir.join("manifest.json");
    let bytes = crate::fs::read_bytes(&path, "manifest.json").ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn extension(rel: &str) -> String {
    rel.rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}
