//! `bangvang init` and `bangvang new`: a new site, and a new content file.
//!
//! An officer starts from something that builds: `init` writes a complete
//! small site (every kind of file, `site.toml` and a short guide, all
//! commented in Vietnamese) into an empty folder; `new` writes one file at
//! its place with a folded slug, every field of its kind commented in
//! Vietnamese, required ones first, and references already filled with
//! real slugs of the site where one fits, so that the file builds as it is
//! and the officer only replaces what it says. Neither ever overwrites.

mod kinds;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::raw::Raw;
use crate::vi;
use std::path::{Path, PathBuf};

pub use kinds::NewKind;

/// The files of the starter site, embedded in the binary.
const STARTER: &[(&str, &str)] = &[
    ("README.md", include_str!("../../starter/README.md")),
    ("site.toml", include_str!("../../starter/site.toml")),
    (
        "content/_index.md",
        include_str!("../../starter/content/_index.md"),
    ),
    (
        "content/units/tinh-mau.md",
        include_str!("../../starter/content/units/tinh-mau.md"),
    ),
    (
        "content/units/xa-hoa-binh.md",
        include_str!("../../starter/content/units/xa-hoa-binh.md"),
    ),
    (
        "content/units/thon-trung-tam.md",
        include_str!("../../starter/content/units/thon-trung-tam.md"),
    ),
    (
        "content/movements/chung-suc-xay-dung-nong-thon-moi.md",
        include_str!("../../starter/content/movements/chung-suc-xay-dung-nong-thon-moi.md"),
    ),
    (
        "content/people/nguyen-van-binh.md",
        include_str!("../../starter/content/people/nguyen-van-binh.md"),
    ),
    (
        "content/collectives/hop-tac-xa-hoa-binh.md",
        include_str!("../../starter/content/collectives/hop-tac-xa-hoa-binh.md"),
    ),
    (
        "content/conferences/hoi-nghi-dien-hinh-tien-tien-xa-hoa-binh-2026.md",
        include_str!(
            "../../starter/content/conferences/hoi-nghi-dien-hinh-tien-tien-xa-hoa-binh-2026.md"
        ),
    ),
    (
        "content/decisions/qd-15-ubnd-2026.toml",
        include_str!("../../starter/content/decisions/qd-15-ubnd-2026.toml"),
    ),
    (
        "content/news/xa-hoa-binh-to-chuc-hoi-nghi-dien-hinh-tien-tien-2026.md",
        include_str!(
            "../../starter/content/news/xa-hoa-binh-to-chuc-hoi-nghi-dien-hinh-tien-tien-2026.md"
        ),
    ),
    (
        "content/plans/kh-12-xa-hoa-binh-2026.md",
        include_str!("../../starter/content/plans/kh-12-xa-hoa-binh-2026.md"),
    ),
    (
        "content/pages/gioi-thieu.md",
        include_str!("../../starter/content/pages/gioi-thieu.md"),
    ),
    (
        ".gitignore",
        "/public\n/.bangvang-cache\n/.public.bangvang-*\n",
    ),
];

/// Writes the starter site into `dir`, which must be empty or absent; the
/// files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(Diagnostic::error(format!(
            "{} is not empty: a new site goes into an empty folder",
            dir.display()
        ))
        .help("choose a new folder, such as `bangvang init bang-vang-xa`"));
    }
    let mut written = Vec::new();
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// A file written by `new`, and what is left to fill in.
pub struct Created {
    pub path: PathBuf,
    pub fill_in: Vec<&'static str>,
}

/// Writes a new content file of `kind` named `name` in the site at `root`.
/// `bundle` makes a folder (`people/<slug>/index.md`) with room for a photo.
pub fn new_file(
    root: &Path,
    kind: NewKind,
    name: &str,
    bundle: bool,
) -> Result<Created, Diagnostic> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Diagnostic::error(
            "the new file needs a name: bangvang new person \"Nguyễn Thị Hoa\"",
        ));
    }
    let slug = vi::shorten_slug(&vi::slugify(name), 100);
    if slug.is_empty() {
        return Err(Diagnostic::error(format!(
            "cannot make a file name from \"{name}\": write it with letters or digits"
        )));
    }
    if !root.join("site.toml").is_file() {
        return Err(Diagnostic::error(format!("there is no site.toml in {}", root.display()))
            .help("run bangvang new in the folder of the site, or pass --root DIR; `bangvang init DIR` makes a new site"));
    }
    let folder = root.join("content").join(kind.folder());
    let path = if bundle && kind.bundles() {
        folder.join(&slug).join("index.md")
    } else {
        folder.join(format!("{slug}.{}", kind.extension()))
    };
    let taken = [
        folder.join(format!("{slug}.{}", kind.extension())),
        folder.join(&slug),
    ];
    if let Some(existing) = taken.iter().find(|p| p.exists()) {
        return Err(Diagnostic::error(format!(
            "{} already exists: bangvang new never overwrites a file",
            existing.display()
        ))
        .at(Location::file(existing.display().to_string()))
        .help("edit that file, or choose another name"));
    }
    let site = SiteSlugs::read(root);
    if kind != NewKind::Unit
        && kind != NewKind::Page
        && kind != NewKind::News
        && site.unit().is_none()
    {
        return Err(Diagnostic::error(format!(
            "the site has no unit yet, and {} belongs to one",
            kind.folder()
        ))
        .help("make the unit first: bangvang new unit \"Xã …\""));
    }
    let text = kinds::text(kind, name, &site, chrono::Local::now().date_naive());
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    crate::fs::write(&path, text.as_bytes())?;
    Ok(Created {
        path,
        fill_in: kinds::fill_in(kind),
    })
}

/// The slugs a new file can refer to, from the site as it is.
#[derive(Default)]
pub struct SiteSlugs {
    /// Units as (slug, kind), communes first.
    pub units: Vec<(String, &'static str)>,
    pub movements: Vec<String>,
    pub people: Vec<String>,
    pub collectives: Vec<String>,
    pub conferences: Vec<String>,
}

impl SiteSlugs {
    /// Reads the site; a site with errors still gives what it could read.
    fn read(root: &Path) -> SiteSlugs {
        let mut out = SiteSlugs::default();
        let Some(loaded) = crate::load::load(root, &Default::default()).value else {
            return out;
        };
        for raw in &loaded.content.raws {
            match raw {
                Raw::Unit(u) if !u.common.draft => {
                    out.units.push((u.common.slug.value.clone(), u.kind))
                }
                Raw::Movement(m) if !m.common.draft => {
                    out.movements.push(m.common.slug.value.clone())
                }
                Raw::Exemplar(e) if !e.common.draft && e.person => {
                    out.people.push(e.common.slug.value.clone())
                }
                Raw::Exemplar(e) if !e.common.draft => {
                    out.collectives.push(e.common.slug.value.clone())
                }
                Raw::Conference(c) if !c.common.draft => {
                    out.conferences.push(c.common.slug.value.clone())
                }
                _ => {}
            }
        }
        // Communes and wards are where most people and collectives belong.
        let rank = |kind: &str| match kind {
            "xa" | "phuong" | "dac-khu" => 0,
            "thon" | "co-quan" | "truong-hoc" | "doanh-nghiep" => 1,
            "tinh" | "thanh-pho" => 3,
            "cum-thi-dua" | "khoi-thi-dua" => 4,
            _ => 2,
        };
        out.units.sort_by_key(|(_, k)| rank(k));
        out
    }

    /// The unit a new person or collective most likely belongs to.
    pub fn unit(&self) -> Option<&str> {
        self.units
            .iter()
            .find(|(_, k)| !matches!(*k, "cum-thi-dua" | "khoi-thi-dua"))
            .map(|(s, _)| s.as_str())
    }

    /// The unit a new movement or conference most likely comes from: the
    /// highest level there is.
    pub fn top_unit(&self) -> Option<&str> {
        self.units
            .iter()
            .rev()
            .find(|(_, k)| !matches!(*k, "cum-thi-dua" | "khoi-thi-dua"))
            .map(|(s, _)| s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_lists_every_file_of_the_starter_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = STARTER
            .iter()
            .map(|(p, _)| p.to_string())
            .filter(|p| p != ".gitignore")
            .collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "list every file of starter/ in STARTER");
    }
}
