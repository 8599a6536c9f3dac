//! The media stage, between resolve and render: every raster image of the
//! site (portraits, logos, gallery photos, posters, images of Markdown
//! bodies) is decoded, turned upright by its EXIF orientation, stripped of
//! all metadata (EXIF, GPS, XMP, camera serials: nothing is copied over),
//! resized to the widths the theme shows it at and encoded as JPEG and
//! WebP. The originals are never published: the image at the original path
//! is a clean re-encoding, at most [`FULL`] pixels wide.
//!
//! Work is cached under `.bangvang-cache/images/` in the site, keyed by the
//! hash of the source bytes and [`VERSION`] of the parameters, so a rebuild
//! with no new photo decodes nothing; images are processed on every core.

mod cache;
mod encode;

use crate::diagnostics::{Diagnostic, Loc, Staged};
use crate::model::*;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

/// Widths made for `srcset`, smallest first: card thumbnails at 1× and 2×,
/// portraits, and page and full views. Never above the image's own width.
pub const WIDTHS: [u32; 6] = [96, 192, 320, 640, 1024, 1600];

/// The widest image published.
pub const FULL: u32 = 1600;

/// Changes whenever the output of processing would change, so that older
/// cache entries are not used.
const VERSION: &str = "bangvang-images-2:q80:w75";

/// Extensions of raster images that are processed.
pub const RASTER: &[&str] = &["jpg", "jpeg", "png", "webp", "gif"];

/// One processed image: its size upright, and its variants.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    /// Widths of the variants, smallest first; each has a JPEG and a WebP.
    pub widths: Vec<u32>,
}

impl Processed {
    /// The height of the variant `width` wide.
    pub fn height_at(&self, width: u32) -> u32 {
        ((self.height as u64 * width as u64 + self.width as u64 / 2) / self.width.max(1) as u64)
            .max(1) as u32
    }
}

/// The site path of a variant: `people/hoa/anh.jpg` → `people/hoa/anh-320.webp`.
pub fn variant_path(rel: &str, width: u32, ext: &str) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    format!("{stem}-{width}.{ext}")
}

/// What the stage did, for `--timings` and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MediaStats {
    /// Images decoded and encoded in this run.
    pub processed: usize,
    /// Images found in the cache.
    pub cached: usize,
}

/// Whether a site path is a raster image.
pub fn is_raster(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| RASTER.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Processes every raster image of `site`, replacing its published files
/// by the processed ones. `write_cache` is false for `check`, which writes
/// nothing (it still uses what the cache holds).
pub fn process(site: &mut Site, root: &Path, write_cache: bool) -> Staged<MediaStats> {
    let cache = cache::Cache::new(root, write_cache);
    let who = references(site);
    let jobs: Vec<(usize, std::path::PathBuf)> = site
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| is_raster(&a.rel))
        .filter_map(|(i, a)| match &a.source {
            AssetSource::Copy(path) => Some((i, path.clone())),
            AssetSource::Bytes(_) | AssetSource::Cached(_) => None,
        })
        .collect();
    // Hash every source first, so that one photo used twice (or copied
    // under two names) is processed once; bytes are not kept between the
    // passes, so memory does not grow with the number of photos.
    let keys: Vec<(usize, std::path::PathBuf, Result<String, String>)> = jobs
        .into_par_iter()
        .map(|(i, path)| {
            let key = cache.key(&path, &site.assets[i].rel);
            (i, path, key)
        })
        .collect();
    let mut first_of: HashMap<String, usize> = HashMap::default();
    let mut unique: Vec<(usize, std::path::PathBuf, String)> = Vec::new();
    for (i, path, key) in &keys {
        if let Ok(k) = key
            && !first_of.contains_key(k)
        {
            first_of.insert(k.clone(), *i);
            unique.push((*i, path.clone(), k.clone()));
        }
    }
    let made: HashMap<String, Result<cache::Entry, String>> = unique
        .into_par_iter()
        .map(|(i, path, key)| {
            let entry = cache.get_or_make(&key, &path, &site.assets[i].rel);
            (key, entry)
        })
        .collect();
    let results: Vec<(usize, Result<cache::Entry, String>)> = keys
        .into_iter()
        .map(|(i, _, key)| {
            let entry = key.and_then(|k| match &made[&k] {
                Ok(e) => Ok(cache::Entry {
                    dir: e.dir.clone(),
                    full: e.full.with_extension(
                        site.assets[i]
                            .rel
                            .rsplit_once('.')
                            .map_or("", |(_, x)| x)
                            .to_ascii_lowercase(),
                    ),
                    processed: e.processed.clone(),
                    // A second use of one photo is no work.
                    cached: e.cached || first_of[&k] != i,
                }),
                Err(reason) => Err(reason.clone()),
            });
            (i, entry)
        })
        .collect();
    let mut stats = MediaStats::default();
    let mut diagnostics = Vec::new();
    let mut images: HashMap<String, Arc<Processed>> = HashMap::default();
    let mut added: Vec<AssetFile> = Vec::new();
    let mut failed: Vec<usize> = Vec::new();
    for (i, result) in results {
        let rel = site.assets[i].rel.clone();
        match result {
            Ok(entry) => {
                if entry.cached {
                    stats.cached += 1;
                } else {
                    stats.processed += 1;
                }
                let bundle = site.assets[i].bundle.clone();
                site.assets[i].source = AssetSource::Cached(entry.full);
                for &w in &entry.processed.widths {
                    for ext in ["jpg", "webp"] {
                        added.push(AssetFile {
                            rel: variant_path(&rel, w, ext),
                            source: AssetSource::Cached(entry.dir.join(format!("{w}.{ext}"))),
                            bundle: bundle.clone(),
                            size: 0,
                        });
                    }
                }
                images.insert(rel, Arc::new(entry.processed));
            }
            Err(reason) => {
                failed.push(i);
                diagnostics.push(image_error(site, &who, &rel, &reason));
            }
        }
    }
    // A variant's path may be a file of the site too (`anh-320.jpg` next to
    // `anh.jpg`): the site's own file wins, and its name is reported.
    let taken: rustc_hash::FxHashSet<String> = site.assets.iter().map(|a| a.rel.clone()).collect();
    for a in added {
        if taken.contains(&a.rel) {
            diagnostics.push(Diagnostic::warning(format!(
                "`{}` is both a file of the site and a size bangvang makes of an image; the site's file is published",
                a.rel
            )));
            continue;
        }
        site.assets.push(a);
    }
    for i in failed.into_iter().rev() {
        site.assets.remove(i);
    }
    cache.save();
    site.images = Arc::new(images);
    Staged::new(Some(stats), diagnostics)
}

/// For each image path, the entity files and fields that name it.
fn references(site: &Site) -> HashMap<String, Vec<(crate::diagnostics::FileId, &'static str)>> {
    let mut out: HashMap<String, Vec<_>> = HashMap::default();
    let mut add = |f: &FileRef, file, field: &'static str| {
        if let FileRef::Local(rel) = f {
            out.entry(rel.clone()).or_default().push((file, field));
        }
    };
    for u in site.units.iter() {
        if let Some(l) = &u.logo {
            add(l, u.meta.file, "logo");
        }
    }
    for p in site.people.iter().chain(&site.collectives) {
        if let Some(f) = &p.photo {
            add(f, p.meta.file, "photo");
        }
    }
    for n in site.news.iter() {
        if let Some(f) = &n.photo {
            add(f, n.meta.file, "photo");
        }
    }
    let metas = site
        .people
        .iter()
        .chain(&site.collectives)
        .map(|p| &p.meta)
        .chain(site.movements.iter().map(|m| &m.meta))
        .chain(site.conferences.iter().map(|c| &c.meta))
        .chain(site.news.iter().map(|n| &n.meta));
    for meta in metas {
        for p in &meta.media.gallery {
            add(&p.file, meta.file, "gallery.file");
        }
        for v in &meta.media.videos {
            if let Some(p) = &v.poster {
                add(p, meta.file, "videos.poster");
            }
        }
    }
    out
}

/// A damaged image, named with the fields that use it.
fn image_error(
    site: &Site,
    who: &HashMap<String, Vec<(crate::diagnostics::FileId, &'static str)>>,
    rel: &str,
    reason: &str,
) -> Diagnostic {
    let d = Diagnostic::error(format!("cannot read the image `content/{rel}`: {reason}"))
        .help("open it in an image editor and save it again as JPEG or PNG, or replace it");
    match who.get(rel).and_then(|w| w.first()) {
        Some(&(file, field)) => d.at(site.sources.locate(Loc::whole(file))).field(field),
        None => d,
    }
}
