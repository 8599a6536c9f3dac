//! Decisions (quyết định khen thưởng) from `.toml` files and spreadsheets:
//! each recipient becomes a pending commendation with the decision's fields.

use super::Resolver;
use super::commendations::Pending;
use crate::load::raw::{RawDecision, RawWho};
use crate::model::*;

impl Resolver<'_> {
    /// The decision files and spreadsheet decisions; their recipients go to
    /// `pending`, to be sorted with all the other commendations.
    pub(super) fn decisions(
        &mut self,
        raws: Vec<RawDecision>,
        people: &[Profile],
        collectives: &[Profile],
        pending: &mut Vec<Pending>,
    ) -> Vec<Decision> {
        let mut out = Vec::with_capacity(raws.len());
        for (i, d) in raws.into_iter().enumerate() {
            let id = DecisionId(i as u32);
            let first = d.recipients.first().map(|r| &r.commendation);
            let date = first.and_then(|c| c.date.as_ref()).map(|d| d.value);
            let authority = first.and_then(|c| c.authority.clone());
            let conferred_by = first
                .and_then(|c| c.conferred_by.as_ref())
                .and_then(|u| self.units.map.get(u.value.trim()).copied().map(UnitId));
            for (n, r) in d.recipients.into_iter().enumerate() {
                let (recipient, unit) = match &r.who {
                    RawWho::Person(p) => match self.person(p, "person") {
                        Some(pid) => (Recipient::Person(pid), people[pid.ix()].unit),
                        None => continue,
                    },
                    RawWho::Collective(c) => match self.collective(c, "collective") {
                        Some(cid) => (Recipient::Collective(cid), collectives[cid.ix()].unit),
                        None => continue,
                    },
                    RawWho::Unit(u) => match self.unit(u, "unit") {
                        Some(uid) => (Recipient::Unit(uid), uid),
                        None => continue,
                    },
                    RawWho::Named {
                        name,
                        unit,
                        collective,
                    } => match self.unit(unit, "unit") {
                        Some(uid) => (
                            Recipient::Named {
                                name: name.clone(),
                                collective: collective.unwrap_or(false),
                            },
                            uid,
                        ),
                        None => continue,
                    },
                };
                pending.push(Pending {
                    recipient,
                    unit,
                    raw: r.commendation,
                    id: format!("decisions/{}/{}", d.common.slug.value, n + 1),
                    decision_file: Some(id),
                });
            }
            out.push(Decision {
                slug: d.common.slug.value,
                file: Some(d.common.file),
                number: d.number,
                date,
                authority,
                conferred_by,
                extra: d.common.extra,
                commendations: Vec::new(),
                page: true,
            });
        }
        out
    }
}
