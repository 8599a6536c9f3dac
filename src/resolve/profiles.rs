//! People and collectives: their unit, movements and photo; their inline
//! commendations wait in [`Pending`] for the commendation index.

use super::Resolver;
use super::commendations::Pending;
use super::meta;
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
        for (i, e) in raws.into_iter().enumerate() {
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
                        position: None,
                        id: format!("{folder}/{}/{}", e.common.slug.value, n + 1),
                        decision_file: None,
                    });
                }
            }
            out.push(Profile {
                roll_key: if kind == Kind::Person {
                    vi::roll_key(&e.name)
                } else {
                    CollationKey::new(&e.name)
                },
                meta: meta(&e.common),
                name: e.name,
                unit: unit.unwrap_or(UnitId(0)),
                position: e.position,
                gender: e.gender,
                ethnicity: e.ethnicity,
                fields: e.fields,
                movements,
                photo,
                summary: e.summary,
                commendations: Vec::new(),
                conferences: Vec::new(),
            });
        }
        out
    }
}
