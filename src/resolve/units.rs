//! Units: the tree of parents, successors after mergers, emulation
//! clusters with their members and yearly scores.

use super::meta;
use super::{Resolver, graph};
use crate::diagnostics::{Diagnostic, Loc};
use crate::load::raw::{RawScore, RawUnit};
use crate::model::*;
use crate::vi::CollationKey;

/// The references between units, read before they can be linked.
#[derive(Default)]
struct UnitLinks {
    parents: Vec<Option<(UnitId, Loc)>>,
    successors: Vec<Option<(UnitId, Loc)>>,
    /// Each cluster's scores as written, and its members.
    scores: Vec<(Vec<RawScore>, Vec<UnitId>)>,
}

/// Display order among siblings: `order`, then the name.
type SortKey = (i64, CollationKey);

impl Resolver<'_> {
    /// The units, in file order, linked into their tree.
    pub(super) fn units(&mut self, raws: Vec<RawUnit>) -> Vec<Unit> {
        let mut links = UnitLinks::default();
        let mut units: Vec<Unit> = Vec::with_capacity(raws.len());
        for (i, u) in raws.into_iter().enumerate() {
            let unit = self.unit_entity(UnitId(i as u32), u, &mut links);
            units.push(unit);
        }
        self.break_parent_cycles(&units, &mut links.parents);
        self.break_successor_cycles(&units, &mut links.successors);
        link_units(&mut units, &links);
        set_ancestors(&mut units);
        let keys = order_siblings(&mut units);
        for (i, (scores, members)) in std::mem::take(&mut links.scores).into_iter().enumerate() {
            units[i].scores = self.rank_scores(&units[i].meta.slug, scores, &members, &keys);
        }
        units
    }

    /// One unit with its own references checked; links come later.
    fn unit_entity(&mut self, id: UnitId, u: RawUnit, links: &mut UnitLinks) -> Unit {
        let is_cluster = matches!(u.kind, "cum-thi-dua" | "khoi-thi-dua");
        let parent = u
            .parent
            .as_ref()
            .and_then(|p| self.unit(p, "parent").map(|pid| (pid, p.loc)));
        if let Some((pid, loc)) = parent
            && pid == id
        {
            let d = self
                .error_at(
                    loc,
                    format!("unit `{}` is its own parent", u.common.slug.value),
                )
                .field("parent");
            self.push(d);
        }
        let successor = u
            .successor
            .as_ref()
            .and_then(|s| self.unit(s, "successor").map(|sid| (sid, s.loc)));
        if let Some((sid, loc)) = successor
            && sid == id
        {
            let d = self
                .error_at(
                    loc,
                    format!("unit `{}` is its own successor", u.common.slug.value),
                )
                .field("successor")
                .help("`successor` is the unit that took this one over after a merger");
            self.push(d);
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
        if u.successor.is_some() && u.dissolved.is_none() {
            let d = Diagnostic::warning(format!(
                "unit `{}` has a successor but no `dissolved` date",
                u.common.slug.value
            ))
            .at(self.sources.locate(
                u.successor
                    .as_ref()
                    .map_or(Loc::whole(u.common.file), |s| s.loc),
            ))
            .field("successor")
            .help("add dissolved = 2025-07-01 (the day of the merger)");
            self.push(d);
        }
        links.parents.push(parent);
        links.successors.push(successor);
        links.scores.push((u.scores.clone(), members.clone()));
        Unit {
            sort_key: CollationKey::new(&u.name),
            meta: meta(&u.common),
            name: u.name,
            kind: u.kind,
            parent: None,
            children: Vec::new(),
            members,
            clusters: Vec::new(),
            scores: Vec::new(),
            address: u.address,
            website: u.website,
            logo,
            order: u.order,
            established: u.established.map(|d| d.value),
            dissolved: u.dissolved.map(|d| d.value),
            successor: None,
            predecessors: Vec::new(),
            ancestors: Vec::new(),
            roll: Vec::new(),
            exemplars: Vec::new(),
            award_counts: Vec::new(),
            active_count: 0,
            movements_launched: Vec::new(),
            conferences_organised: Vec::new(),
        }
    }

    /// Parent cycles: each is reported once, and its members lose their
    /// parent, so that every walk up the tree ends.
    fn break_parent_cycles(&mut self, units: &[Unit], parents: &mut [Option<(UnitId, Loc)>]) {
        let next: Vec<Option<usize>> = parents.iter().map(|p| p.map(|(u, _)| u.ix())).collect();
        // A unit that is its own parent is reported where it is read.
        for cycle in graph::cycles(next.len(), |i| next[i].as_slice()) {
            if cycle.len() > 1 {
                let first = cycle[0];
                let loc = parents[first].map_or(Loc::whole(units[first].meta.file), |(_, l)| l);
                let d = self
                    .error_at(
                        loc,
                        format!(
                            "the units' parents form a cycle: {}",
                            graph::names(&cycle, |i| &units[i].meta.slug)
                        ),
                    )
                    .field("parent")
                    .help("a unit's parent must be above it in the tree; remove `parent` from one of them");
                self.push(d);
            }
            for &c in &cycle {
                parents[c] = None;
            }
        }
    }

    /// Successor cycles: each is reported once, and cut.
    fn break_successor_cycles(&mut self, units: &[Unit], successors: &mut [Option<(UnitId, Loc)>]) {
        let next: Vec<Option<usize>> = successors.iter().map(|s| s.map(|(u, _)| u.ix())).collect();
        for cycle in graph::cycles(next.len(), |i| next[i].as_slice()) {
            if cycle.len() > 1 {
                let first = cycle[0];
                let loc = successors[first].map_or(Loc::whole(units[first].meta.file), |(_, l)| l);
                let d = self
                    .error_at(
                        loc,
                        format!(
                            "the units' successors form a cycle: {}",
                            graph::names(&cycle, |i| &units[i].meta.slug)
                        ),
                    )
                    .field("successor")
                    .help("`successor` is the unit that took this one over; it cannot lead back to the unit itself");
                self.push(d);
            }
            for &c in &cycle {
                successors[c] = None;
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

/// Sets parents and successors (a unit is never its own), and the lists
/// that point back: children, predecessors, the clusters of each member.
fn link_units(units: &mut [Unit], links: &UnitLinks) {
    let n = units.len();
    for (i, u) in units.iter_mut().enumerate() {
        u.parent = links.parents[i].map(|(p, _)| p).filter(|p| p.ix() != i);
        u.successor = links.successors[i].map(|(s, _)| s).filter(|s| s.ix() != i);
    }
    for i in 0..n {
        let id = UnitId(i as u32);
        if let Some(p) = units[i].parent {
            units[p.ix()].children.push(id);
        }
        if let Some(s) = units[i].successor {
            units[s.ix()].predecessors.push(id);
        }
        for m in units[i].members.clone() {
            units[m.ix()].clusters.push(id);
        }
    }
}

/// Each unit's ancestors, from its parent up to the root. Parent cycles
/// are broken before, so every walk ends; no membership test is needed, so
/// it is linear in the length of the lists it makes.
fn set_ancestors(units: &mut [Unit]) {
    for i in 0..units.len() {
        let mut ancestors = Vec::new();
        let mut cur = units[i].parent;
        while let Some(p) = cur {
            ancestors.push(p);
            cur = units[p.ix()].parent;
        }
        units[i].ancestors = ancestors;
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
            .sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
    }
    keys
}
