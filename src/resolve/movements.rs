//! Movements: who launched them, their status on the build date, and the
//! tree of higher movements they carry out.

use super::{Resolver, graph};
use crate::diagnostics::Loc;
use crate::load::raw::RawMovement;
use crate::model::*;
use chrono::NaiveDate;

impl Resolver<'_> {
    /// The movements, with their status on the build date and their tree.
    pub(super) fn movements(
        &mut self,
        raws: Vec<RawMovement>,
        units: &[Unit],
        now: NaiveDate,
    ) -> Vec<Movement> {
        let mut out = Vec::with_capacity(raws.len());
        let mut parent_locs = Vec::with_capacity(raws.len());
        for (i, m) in raws.into_iter().enumerate() {
            let launched_by = m
                .launched_by
                .as_ref()
                .and_then(|u| self.unit(u, "launched_by"));
            let launched = m.launched.as_ref().map(|w| w.first);
            let starts = m.starts.as_ref().map(|w| w.first);
            let ends = m.ends.as_ref().map(|w| w.last);
            if let (Some(u), Some(at), Some(date)) =
                (launched_by, m.launched_by.as_ref(), launched.or(starts))
                && let Some(w) = self.outside_lifetime(
                    &units[u.ix()],
                    date,
                    &format!("the movement launched by `{}`", at.value),
                )
            {
                let w = w.at(self.sources.locate(at.loc)).field("launched_by");
                self.push(w);
            }
            let parent = m.parent.as_ref().and_then(|p| self.movement(p, "parent"));
            if parent == Some(MovementId(i as u32)) {
                let d = self
                    .error_at(
                        m.parent
                            .as_ref()
                            .map_or(Loc::whole(m.common.file), |p| p.loc),
                        "a movement cannot be its own parent",
                    )
                    .field("parent");
                self.push(d);
            }
            parent_locs.push(m.parent.as_ref().map(|p| p.loc));
            let awards = m
                .awards
                .iter()
                .filter_map(|a| self.award(a, "awards"))
                .collect();
            let documents = self.documents(&m.common.dir, &m.documents);
            let start = starts.or(launched);
            let status = if start.is_some_and(|s| s > now) {
                MovementStatus::Upcoming
            } else if ends.is_some_and(|e| e < now) {
                MovementStatus::Ended
            } else {
                MovementStatus::Ongoing
            };
            out.push(Movement {
                meta: self.entity_meta(&m.common),
                title: m.title,
                slogan: m.slogan,
                launched_by: launched_by.unwrap_or(UnitId(0)),
                launched,
                starts,
                launched_when: m.launched,
                starts_when: m.starts,
                ends_when: m.ends,
                plan: m.plan.as_ref().and_then(|p| self.plan(p, "plan")),
                parent: parent.filter(|p| p.ix() != i),
                children: Vec::new(),
                based_on: m.based_on,
                goals: m.goals,
                awards,
                documents,
                status,
                commendations: Vec::new(),
                active_count: 0,
                exemplars: Vec::new(),
                launched_at: Vec::new(),
            });
        }
        // Parent cycles among movements: each reported once, and cut. A
        // movement that is its own parent is reported above.
        let n = out.len();
        let next: Vec<Option<usize>> = out.iter().map(|m| m.parent.map(|p| p.ix())).collect();
        for cycle in graph::cycles(n, |i| next[i].as_slice()) {
            let first = cycle[0];
            let d = self
                .error_at(
                    parent_locs[first].unwrap_or(Loc::whole(out[first].meta.file)),
                    format!(
                        "the movements' parents form a cycle: {}",
                        graph::names(&cycle, |i| &out[i].meta.slug)
                    ),
                )
                .field("parent")
                .help("`parent` is the higher-level movement this one carries out; remove it from one of them");
            self.push(d);
            for &c in &cycle {
                out[c].parent = None;
            }
        }
        for i in 0..n {
            if let Some(p) = out[i].parent {
                out[p.ix()].children.push(MovementId(i as u32));
            }
        }
        out
    }
}
