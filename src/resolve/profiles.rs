//! People and collectives: their unit, movements and photo; their inline
//! commendations wait in [`Pending`] for the commendation index.

use super::Resolver;
use super::commendations::Pending;
use super::meta;
use crate::load::edit::TextEdit;
use crate::load::raw::RawExemplar;
use crate::model::*;
use crate::vi::{self, CollationKey};

impl Resolver<'_> {
    /// People or collectives (`kind`); their inline commendations go to
    /// `pending`, to be sorted with all the others.
    pub(super) fn profiles(
        &mut self,
        raws: Vec<RawExemplar>,
        kind: Kind,
        pending: &mut Vec<Pending>,
    ) -> Vec<Profile> {
        let mut out = Vec::with_capacity(raws.len());
        let folder = kind.folder();
        for (i, mut e) in raws.into_iter().enumerate() {
            let text = ProfileText::of(&mut e);
            let unit = e.unit.as_ref().and_then(|u| self.unit(u, "unit"));
            let movements = e
                .movements
                .iter()
                .filter_map(|m| self.movement(m, "movements"))
                .collect();
            let photo = e
                .photo
                .as_ref()
                .and_then(|p| self.file_ref(&e.common.dir, p, "photo", false));
            let recipient = if kind == Kind::Person {
                Recipient::Person(PersonId(i as u32))
            } else {
                Recipient::Collective(CollectiveId(i as u32))
            };
            if let Some(unit) = unit {
                for (n, c) in e.commendations.into_iter().enumerate() {
                    pending.push(Pending {
                        recipient: recipient.clone(),
                        unit,
                        raw: c,
                        id: format!("{folder}/{}/{}", e.common.slug.value, n + 1),
                        decision_file: None,
                    });
                }
            }
            let mut profile = Profile {
                roll_key: if kind == Kind::Person {
                    vi::roll_key(&e.name)
                } else {
                    CollationKey::new(&e.name)
                },
                meta: self.entity_meta(&e.common),
                name: e.name,
                unit: unit.unwrap_or(UnitId(0)),
                position: None,
                gender: None,
                ethnicity: None,
                fields: Vec::new(),
                movements,
                photo,
                summary: None,
                commendations: Vec::new(),
                conferences: Vec::new(),
            };
            text.put(&mut profile);
            out.push(profile);
        }
        out
    }
}

/// The fields of a profile that are its own text
/// ([`RawExemplar::differs_only_in_text`]; with the body and `[extra]` of
/// its [`Meta`]): taken from what is written as they are, by the full
/// resolve and by [`patch_text`] alike.
struct ProfileText {
    position: Option<String>,
    gender: Option<Gender>,
    ethnicity: Option<String>,
    fields: Vec<String>,
    summary: Option<String>,
}

impl ProfileText {
    fn of(e: &mut RawExemplar) -> ProfileText {
        ProfileText {
            position: e.position.take(),
            gender: e.gender,
            ethnicity: e.ethnicity.take(),
            fields: std::mem::take(&mut e.fields),
            summary: e.summary.take(),
        }
    }

    fn put(self, profile: &mut Profile) {
        profile.position = self.position;
        profile.gender = self.gender;
        profile.ethnicity = self.ethnicity;
        profile.fields = self.fields;
        profile.summary = self.summary;
    }
}

/// Puts a profile's new text into a resolved site, as resolving the site
/// again would: the profile's own fields and its file's text. False (and
/// the site unchanged) if the site has no profile from that file.
pub fn patch_text(site: &mut Site, edit: TextEdit) -> bool {
    let TextEdit {
        file,
        source,
        mut exemplar,
    } = edit;
    let profiles = if exemplar.person {
        &mut site.people
    } else {
        &mut site.collectives
    };
    let Some(profile) = profiles.iter_mut().find(|p| p.meta.file == file) else {
        return false;
    };
    // The site's copy of this profile only; the last site keeps its own.
    let profile = std::sync::Arc::make_mut(profile);
    // Media are the same (a text edit leaves them), and were checked.
    let media = std::mem::take(&mut profile.meta.media);
    profile.meta = meta(&exemplar.common);
    profile.meta.media = media;
    ProfileText::of(&mut exemplar).put(profile);
    site.sources.put(file, source);
    true
}
