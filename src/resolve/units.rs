//! Units: the tree of parents, successors after mergers, emulation
//! clusters with their members and yearly scores.

use super::meta;
use super::{Resolver, graph};
use crate::diagnostics::{Diagnostic, Loc};
use crate::load::raw::{RawScore, RawUnit};
use crate::model::*;
use crate::vi::CollationKey;
use chrono::NaiveDate;

/// The references between units, read before they can be linked.
#[derive(Default)]
struct UnitLinks {
    /// Each unit's `parents` entries, with where their `unit` was written.
    parents: Vec<Vec<(Membership, Loc)>>,
    successors: Vec<Vec<(Succession, Loc)>>,
    /// Where each unit's `kind` was written.
    kind_locs: Vec<Loc>,
    /// Each cluster's scores as written, and its members.
    scores: Vec<(Vec<RawScore>, Vec<UnitId>)>,
}

/// Display order among siblings: `order`, then the name.
type SortKey = (i64, CollationKey);

impl Resolver<'_> {
    /// The units, in file order, linked into their tree as of each unit's
    /// date (see [`super::tree`]).
    pub(super) fn units(&mut self, raws: Vec<RawUnit>, now: NaiveDate) -> Vec<Unit> {
        let mut links = UnitLinks::default();
        let mut units: Vec<Unit> = Vec::with_capacity(raws.len());
        for (i, u) in raws.into_iter().enumerate() {
            let unit = self.unit_entity(UnitId(i as u32), u, &mut links);
            units.push(unit);
        }
        self.break_cycles(&units, &mut links.parents, "parents", "parent");
        self.break_cycles(&units, &mut links.successors, "successors", "successor");
        for (i, entries) in links.parents.iter().enumerate() {
            self.check_overlaps(&units[i], entries);
            self.warn_about_parents(&units, i, entries);
        }
        self.warn_about_reform(&units, &links.kind_locs, now);
        for (u, entries) in units.iter_mut().zip(links.parents) {
            u.parents = entries.into_iter().map(|(m, _)| m).collect();
            u.parents.sort_by_key(|m| m.from);
        }
        for (u, entries) in units.iter_mut().zip(links.successors) {
            u.successors = entries.into_iter().map(|(s, _)| s).collect();
        }
        super::tree::date_the_tree(&mut units, now);
        let keys = order_siblings(&mut units);
        for (i, (scores, members)) in std::mem::take(&mut links.scores).into_iter().enumerate() {
            units[i].scores = self.rank_scores(&units[i].meta.slug, scores, &members, &keys);
        }
        units
    }

    /// One unit with its own references checked; links come later.
    fn unit_entity(&mut self, id: UnitId, u: RawUnit, links: &mut UnitLinks) -> Unit {
        let is_cluster = matches!(u.kind, "cum-thi-dua" | "khoi-thi-dua");
        if u.common.slug.value == UNIT_HISTORY {
            let d = self
                .error_at(
                    u.common.slug.loc,
                    format!(
                        "the unit slug `{UNIT_HISTORY}` is taken by the page of the units' history"
                    ),
                )
                .help("rename the file, or set slug = \"…\"");
            self.push(d);
        }
        let mut parents = Vec::with_capacity(u.parents.len());
        for p in &u.parents {
            let Some(pid) = self.unit(&p.unit, "parent") else {
                continue;
            };
            if pid == id {
                let d = self
                    .error_at(
                        p.unit.loc,
                        format!("unit `{}` is its own parent", u.common.slug.value),
                    )
                    .field("parent");
                self.push(d);
                continue;
            }
            let m = Membership {
                unit: pid,
                from: p.from,
                until: p.until,
            };
            parents.push((m, p.unit.loc));
        }
        let mut successors = Vec::with_capacity(u.successors.len());
        for s in &u.successors {
            let Some(sid) = self.unit(&s.unit, "successor") else {
                continue;
            };
            if sid == id {
                let d = self
                    .error_at(
                        s.unit.loc,
                        format!("unit `{}` is its own successor", u.common.slug.value),
                    )
                    .field("successor")
                    .help("`successor` is the unit that took this one over after a merger");
                self.push(d);
                continue;
            }
            let entry = Succession {
                unit: sid,
                part: s.part.clone(),
            };
            successors.push((entry, s.unit.loc));
        }
        if !is_cluster && !u.members.is_empty() {
            let d = self
                    .error_at(u.members_loc.unwrap_or(Loc::whole(u.common.file)), format!("`members` is only for clusters; this unit's kind is `{}`", u.kind))
                    .field("members")
                    .help("set kind = \"cum-thi-dua\" or \"khoi-thi-dua\" for an emulation cluster, or use `parent` for the unit tree");
            self.push(d);
        }
        if !is_cluster && !u.scores.is_empty() {
            let d = self
                .error_at(
                    u.scores_loc.unwrap_or(Loc::whole(u.common.file)),
                    format!(
                        "`scores` is only for clusters; this unit's kind is `{}`",
                        u.kind
                    ),
                )
                .field("scores");
            self.push(d);
        }
        let members: Vec<UnitId> = u
            .members
            .iter()
            .filter_map(|m| self.unit(m, "members"))
            .collect();
        let logo = u
            .logo
            .as_ref()
            .and_then(|l| self.file_ref(&u.common.dir, l, "logo", false));
        if let Some(first) = u.successors.first()
            && u.dissolved.is_none()
        {
            let d = Diagnostic::warning(format!(
                "unit `{}` has a successor but no `dissolved` date",
                u.common.slug.value
            ))
            .at(self.sources.locate(first.unit.loc))
            .field("successor")
            .help("add dissolved = 2025-07-01 (the day of the merger)");
            self.push(d);
        }
        links.parents.push(parents);
        links.kind_locs.push(u.kind_loc);
        links.successors.push(successors);
        links.scores.push((u.scores.clone(), members.clone()));
        Unit {
            sort_key: CollationKey::new(&u.name),
            meta: meta(&u.common),
            name: u.name,
            kind: u.kind,
            parents: Vec::new(),
            parent: None,
            as_of: NaiveDate::MIN,
            children: Vec::new(),
            former_children: Vec::new(),
            members,
            clusters: Vec::new(),
            scores: Vec::new(),
            address: u.address,
            website: u.website,
            logo,
            order: u.order,
            established: u.established.map(|d| d.value),
            dissolved: u.dissolved.map(|d| d.value),
            successors: Vec::new(),
            predecessors: Vec::new(),
            change: u.change.map(|c| UnitChange {
                date: c.date,
                kind: c.kind,
                by: c.by,
            }),
            former_names: {
                let mut names: Vec<FormerName> = u
                    .former_names
                    .into_iter()
                    .map(|f| FormerName {
                        name: f.name,
                        until: f.until,
                    })
                    .collect();
                names.sort_by_key(|f| f.until.is_none());
                names.sort_by_key(|f| f.until);
                names
            },
            today: None,
            ancestors: Vec::new(),
            roll: Vec::new(),
            exemplars: Vec::new(),
            award_counts: Vec::new(),
            active_count: 0,
            movements_launched: Vec::new(),
            conferences_organised: Vec::new(),
        }
    }

    /// Cycles among parents (over all dates) or successors: each is
    /// reported once, and its members lose their links of that kind, so
    /// that every walk up the tree or along successors ends.
    fn break_cycles<T>(
        &mut self,
        units: &[Unit],
        links: &mut [Vec<(T, Loc)>],
        what: &str,
        field: &'static str,
    ) where
        T: Linked,
    {
        let next: Vec<Vec<usize>> = links
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.target().ix()).collect())
            .collect();
        for cycle in graph::cycles(next.len(), |i| next[i].as_slice()) {
            let first = cycle[0];
            let loc = links[first]
                .first()
                .map_or(Loc::whole(units[first].meta.file), |(_, l)| *l);
            let help = if field == "parent" {
                "a unit's parent must be above it in the tree at every date; remove the entry from one of them"
            } else {
                "a successor took the unit over; it cannot lead back to the unit itself"
            };
            let d = self
                .error_at(
                    loc,
                    format!(
                        "the units' {what} form a cycle: {}",
                        graph::names(&cycle, |i| &units[i].meta.slug)
                    ),
                )
                .field(field)
                .help(help);
            self.push(d);
            for &c in &cycle {
                links[c].clear();
            }
        }
    }

    /// Two `parents` entries in force on one day: the tree would fork.
    fn check_overlaps(&mut self, unit: &Unit, entries: &[(Membership, Loc)]) {
        let mut sorted: Vec<&(Membership, Loc)> = entries.iter().collect();
        sorted.sort_by_key(|(m, _)| m.from);
        for pair in sorted.windows(2) {
            let (a, b) = (&pair[0].0, &pair[1].0);
            let overlap = match (a.until, b.from) {
                (Some(until), Some(from)) => from <= until,
                _ => true,
            };
            if overlap {
                let d = self
                    .error_at(
                        pair[1].1,
                        format!(
                            "unit `{}` has two parents at once: the `parents` entries overlap",
                            unit.meta.slug
                        ),
                    )
                    .field("parents")
                    .help("give the earlier entry an `until` date before the later one's `from`, e.g. until = 2025-06-30 and from = 2025-07-01");
                self.push(d);
            }
        }
    }

    /// A cluster's scoring, ranked per year, latest year first.
    fn rank_scores(
        &mut self,
        cluster: &str,
        scores: Vec<RawScore>,
        members: &[UnitId],
        keys: &[SortKey],
    ) -> Vec<YearRanking> {
        let mut by_year: Vec<YearRanking> = Vec::new();
        for s in scores {
            let Some(unit) = self.unit(&s.unit, "scores.unit") else {
                continue;
            };
            if !members.contains(&unit) {
                let d = self
                    .error_at(
                        s.unit.loc,
                        format!(
                            "`{}` is scored but is not a member of cluster `{}`",
                            s.unit.value, cluster
                        ),
                    )
                    .field("scores.unit")
                    .help(format!("add \"{}\" to `members`", s.unit.value));
                self.push(d);
                continue;
            }
            let entry = RankedScore {
                unit,
                score: s.score,
                note: s.note,
                rank: 0,
            };
            match by_year.iter_mut().find(|y| y.year == s.year) {
                Some(y) => {
                    if y.entries.iter().any(|e| e.unit == unit) {
                        let d = self
                            .error_at(
                                s.unit.loc,
                                format!("`{}` is scored twice for {}", s.unit.value, s.year),
                            )
                            .field("scores.unit");
                        self.push(d);
                        continue;
                    }
                    y.entries.push(entry)
                }
                None => by_year.push(YearRanking {
                    year: s.year,
                    entries: vec![entry],
                }),
            }
        }
        for y in &mut by_year {
            y.entries.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| keys[a.unit.ix()].cmp(&keys[b.unit.ix()]))
            });
            let mut rank = 0;
            let mut last: Option<f64> = None;
            for (pos, e) in y.entries.iter_mut().enumerate() {
                if last != Some(e.score) {
                    rank = pos as u32 + 1;
                    last = Some(e.score);
                }
                e.rank = rank;
            }
        }
        by_year.sort_by_key(|y| std::cmp::Reverse(y.year));
        by_year
    }
}

/// Sorts children, members and predecessors in display order; returns the
/// sort key of every unit.
fn order_siblings(units: &mut [Unit]) -> Vec<SortKey> {
    let keys: Vec<SortKey> = units
        .iter()
        .map(|u| (u.order.unwrap_or(i64::MAX), u.sort_key.clone()))
        .collect();
    for u in units.iter_mut() {
        u.children.sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
        u.members.sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
        u.predecessors
            .sort_by(|a, b| keys[a.unit.ix()].cmp(&keys[b.unit.ix()]));
        u.former_children.sort_by(|a, b| {
            (a.from, a.until)
                .cmp(&(b.from, b.until))
                .then_with(|| keys[a.unit.ix()].cmp(&keys[b.unit.ix()]))
        });
    }
    keys
}

/// A link from one unit to another.
trait Linked {
    fn target(&self) -> UnitId;
}

impl Linked for Membership {
    fn target(&self) -> UnitId {
        self.unit
    }
}

impl Linked for Succession {
    fn target(&self) -> UnitId {
        self.unit
    }
}
