//! Movements: who launched them, their status on the build date, and the
//! tree of higher movements they carry out.

use super::Resolver;
use super::meta;
use crate::diagnostics::Loc;
use crate::load::raw::RawMovement;
use crate::model::*;
use chrono::NaiveDate;

impl Resolver<'_> {
    /// The movements, with their status on the build date and their tree.
    pub(super) fn movements(&mut self, raws: Vec<RawMovement>, now: NaiveDate) -> Vec<Movement> {
        let mut out = Vec::with_capacity(raws.len());
        let mut parent_locs = Vec::with_capacity(raws.len());
        for (i, m) in raws.into_iter().enumerate() {
            let launched_by = m
                .launched_by
                .as_ref()
                .and_then(|u| self.unit(u, "launched_by"));
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
            let start = m.starts.or(m.launched);
            let status = if start.is_some_and(|s| s > now) {
                MovementStatus::Upcoming
            } else if m.ends.is_some_and(|e| e < now) {
                MovementStatus::Ended
            } else {
                MovementStatus::Ongoing
            };
            out.push(Movement {
                meta: meta(&m.common),
                title: m.title,
                slogan: m.slogan,
                launched_by: launched_by.unwrap_or(UnitId(0)),
                launched: m.launched,
                starts: m.starts,
                ends: m.ends,
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
        // Parent cycles among movements.
        let n = out.len();
        for start in 0..n {
            let mut seen = vec![start];
            let mut cur = out[start].parent.map(|p| p.ix());
            while let Some(i) = cur {
                if i == start {
                    let names: Vec<&str> = seen
                        .iter()
                        .chain(std::iter::once(&start))
                        .map(|&c| out[c].meta.slug.as_str())
                        .collect();
                    let d = self
                        .error_at(
                            parent_locs[start].unwrap_or(Loc::whole(out[start].meta.file)),
                            format!("the movements' parents form a cycle: {}", names.join(" → ")),
                        )
                        .field("parent");
                    self.push(d);
                    out[start].parent = None;
                    break;
                }
                if seen.contains(&i) {
                    break;
                }
                seen.push(i);
                cur = out[i].parent.map(|p| p.ix());
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
