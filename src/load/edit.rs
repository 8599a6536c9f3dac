//! The quick way through for the edit an officer makes most: the text of
//! one profile (its body, summary, position…) changed and nothing else.
//!
//! Reading the whole site again and resolving it takes a fifth of a second
//! at 10,000 people; such an edit cannot change anything but the profile's
//! own page, card and data. So when the watcher reports exactly one
//! changed file, and that file is a profile that reads without a problem
//! before and after and differs only in its own text
//! ([`RawExemplar::differs_only_in_text`]), the loader hands back just that
//! profile, and `serve` patches it into the site it has. Anything else,
//! or any doubt, takes the full way.

use super::discover::{self, Found, Role};
use super::raw::{Raw, RawExemplar};
use super::{Cached, Fingerprint, Loader, read_one, walk_key};
use crate::diagnostics::{FileId, SourceFile};
use crate::model::Kind;
use std::path::{Path, PathBuf};

/// A profile whose own text changed.
pub struct TextEdit {
    pub file: FileId,
    /// The file's new text.
    pub source: SourceFile,
    /// The profile as now written.
    pub exemplar: RawExemplar,
}

impl Loader {
    /// If the only change in `changed` is the text of one profile, that
    /// profile as now written; the loader then holds it as if the site had
    /// been read again. `None` leaves the loader as it was, for a full read.
    pub fn text_edit(&mut self, root: &Path, changed: &[PathBuf]) -> Option<TextEdit> {
        let [path] = changed else { return None };
        if self.walked.is_none() || self.theme.is_none() || self.check_all || !self.dirty.is_empty()
        {
            return None;
        }
        let rel = discover::slash_path(path.strip_prefix(root.join("content")).ok()?);
        let Some(Found::File(f)) = self.found.get(&walk_key(&rel)) else {
            return None;
        };
        if !matches!(
            f.role,
            Role::Entity {
                kind: Kind::Person | Kind::Collective,
                ..
            }
        ) {
            return None;
        }
        let cached = self.files.get(&rel)?;
        let old = single_exemplar(&cached.read.raws)?;
        if !cached.read.diagnostics.is_empty() {
            return None;
        }
        let fingerprint = Fingerprint::of(&f.path);
        let read = read_one(cached.id, f);
        let new = single_exemplar(&read.raws)?;
        if !read.diagnostics.is_empty() || !old.differs_only_in_text(new) {
            return None;
        }
        let edit = TextEdit {
            file: cached.id,
            source: read.source.clone(),
            exemplar: new.clone(),
        };
        let id = cached.id;
        self.files.insert(
            rel,
            Cached {
                id,
                fingerprint,
                read,
            },
        );
        Some(edit)
    }
}

fn single_exemplar(raws: &[Raw]) -> Option<&RawExemplar> {
    match raws {
        [Raw::Exemplar(e)] => Some(e),
        _ => None,
    }
}
