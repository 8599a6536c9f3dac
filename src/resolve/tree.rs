//! The unit tree through time. Units are merged, split, renamed and moved
//! (on 1/7/2025 the whole district level went), so a unit's parent is the
//! `parents` entry in force on a date. Each unit is shown as of its own
//! date ([`Unit::as_of`]): the build date while it exists, its last day
//! once dissolved. From that date come its parent, its ancestors (the
//! breadcrumbs), its sub-units now and the units that belonged to it
//! before; and the unit that carries it on today.
//!
//! Every step is one pass over the units and their entries, plus walks up
//! the tree that make the lists they fill; cycles were cut before.

use super::Resolver;
use crate::diagnostics::{Diagnostic, Loc};
use crate::model::*;
use chrono::{Datelike, NaiveDate};

/// The day the district level was abolished and communes merged.
pub const REFORM: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Kinds that the 1/7/2025 reform abolished.
const ABOLISHED_KINDS: &[&str] = &["huyen", "quan", "thi-xa", "thi-tran"];

/// Dates the tree: each unit's date, parent and ancestors, children and
/// former children, predecessors, clusters, change and today's unit.
pub(super) fn date_the_tree(units: &mut [Unit], now: NaiveDate) {
    for u in units.iter_mut() {
        u.as_of = as_of(u, now);
        u.parent = u.parent_on(u.as_of);
        if u.change.is_none() {
            u.change = inferred_change(u, now);
        }
    }
    for i in 0..units.len() {
        let (date, parent) = (units[i].as_of, units[i].parent);
        units[i].ancestors = match parent {
            Some(p) => lineage_on(units, p, date).collect(),
            None => Vec::new(),
        };
    }
    link_back(units);
    set_today(units, now);
}

/// The date a unit's page shows the tree of.
fn as_of(u: &Unit, now: NaiveDate) -> NaiveDate {
    match (u.established, u.dissolved) {
        (Some(e), _) if now < e => e,
        (_, Some(d)) if d <= now => d.pred_opt().unwrap_or(d),
        _ => now,
    }
}

/// A change not written out: one successor is a merger, several a split,
/// none a dissolution.
fn inferred_change(u: &Unit, now: NaiveDate) -> Option<UnitChange> {
    let dissolved = u.dissolved.filter(|&d| d <= now)?;
    let kind = match u.successors.len() {
        0 => "giai-the",
        1 => "sap-nhap",
        _ => "chia-tach",
    };
    Some(UnitChange {
        date: Some(dissolved),
        kind,
        by: None,
    })
}

/// The lists that point back: each parent's children (as of the parent's
/// date) and former children, each successor's predecessors, each member's
/// clusters.
fn link_back(units: &mut [Unit]) {
    for i in 0..units.len() {
        let id = UnitId(i as u32);
        for k in 0..units[i].parents.len() {
            let m = units[i].parents[k].clone();
            let parent_date = units[m.unit.ix()].as_of;
            let child = &units[i];
            if m.covers(parent_date) && child.alive_on(parent_date) {
                units[m.unit.ix()].children.push(id);
                continue;
            }
            // Belonged to it before the parent's date; a membership still
            // to come is not shown.
            let from = latest(m.from, child.established);
            if from.is_some_and(|f| f > parent_date) {
                continue;
            }
            let until = earliest(m.until, child.dissolved.and_then(|d| d.pred_opt()));
            units[m.unit.ix()].former_children.push(Membership {
                unit: id,
                from,
                until,
            });
        }
        for k in 0..units[i].successors.len() {
            let s = units[i].successors[k].clone();
            units[s.unit.ix()].predecessors.push(Succession {
                unit: id,
                part: s.part,
            });
        }
        for k in 0..units[i].members.len() {
            let m = units[i].members[k];
            units[m.ix()].clusters.push(id);
        }
    }
}

fn latest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    a.max(b)
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The unit that carries each one on today: itself while it exists, else
/// its first successor's. Each unit is settled once (a walk stops at a
/// settled one), so it is linear along any chain of mergers.
fn set_today(units: &mut [Unit], now: NaiveDate) {
    let mut settled = vec![false; units.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..units.len() {
        let mut cur = start;
        let found = loop {
            if settled[cur] {
                break units[cur].today;
            }
            settled[cur] = true;
            path.push(cur);
            let u = &units[cur];
            if u.alive_on(now) {
                break Some(UnitId(cur as u32));
            }
            match u.successors.first() {
                // Successor cycles were cut; a settled unit ends the walk.
                Some(s) => cur = s.unit.ix(),
                None => break None,
            }
        };
        for p in path.drain(..) {
            units[p].today = found;
        }
    }
}

impl Resolver<'_> {
    /// A `parents` entry outside the lifetime of the unit or of its parent.
    pub(super) fn warn_about_parents(
        &mut self,
        units: &[Unit],
        i: usize,
        entries: &[(Membership, Loc)],
    ) {
        let child = &units[i];
        for (m, loc) in entries {
            let parent = &units[m.unit.ix()];
            // The days the entry is in force while the child exists.
            let from = latest(m.from, child.established);
            let until = earliest(m.until, child.dissolved.and_then(|d| d.pred_opt()));
            let problem = if let (Some(f), Some(u)) = (from, until)
                && f > u
            {
                Some(format!(
                    "`{}` belongs to `{}` only on days when `{}` does not exist",
                    child.meta.slug, parent.meta.slug, child.meta.slug
                ))
            } else if let Some(d) = parent.dissolved
                && until.is_none_or(|u| u >= d)
            {
                Some(format!(
                    "`{}` belongs to `{}` {}, but `{}` was dissolved on {}",
                    child.meta.slug,
                    parent.meta.slug,
                    match until {
                        Some(u) => format!("until {}", show(u)),
                        None => "with no end date".to_string(),
                    },
                    parent.meta.slug,
                    show(d)
                ))
            } else if let Some(e) = parent.established
                && from.is_none_or(|f| f < e)
            {
                Some(format!(
                    "`{}` belongs to `{}` {}, but `{}` was established on {}",
                    child.meta.slug,
                    parent.meta.slug,
                    match from {
                        Some(f) => format!("from {}", show(f)),
                        None => "with no start date".to_string(),
                    },
                    parent.meta.slug,
                    show(e)
                ))
            } else {
                None
            };
            if let Some(message) = problem {
                let mut d = Diagnostic::warning(message)
                    .at(self.sources.locate(*loc))
                    .field("parents");
                if parent.dissolved == Some(REFORM) || parent.established == Some(REFORM) {
                    d = d.help(format!(
                        "on 1/7/2025 the district level was abolished and communes came directly under the province: write parents = [{{ unit = \"{}\", until = 2025-06-30 }}, {{ unit = \"<the province>\", from = 2025-07-01 }}]",
                        parent.meta.slug
                    ));
                } else {
                    d = d.help("give the entry `from`/`until` dates within both units' lifetimes");
                }
                self.push(d);
            }
        }
    }

    /// A district-level unit or a thị trấn still alive after the reform.
    pub(super) fn warn_about_reform(&mut self, units: &[Unit], kind_locs: &[Loc], now: NaiveDate) {
        if now < REFORM {
            return;
        }
        for (u, loc) in units.iter().zip(kind_locs) {
            if ABOLISHED_KINDS.contains(&u.kind) && u.dissolved.is_none() {
                let what = if u.kind == "thi-tran" {
                    "thị trấn ceased to exist"
                } else {
                    "the district level (huyện, quận, thị xã) was abolished"
                };
                let d = Diagnostic::warning(format!(
                    "unit `{}` (kind `{}`) has no `dissolved` date, but on 1/7/2025 {what}",
                    u.meta.slug, u.kind
                ))
                .at(self.sources.locate(*loc))
                .field("dissolved")
                .help("add dissolved = 2025-07-01, and `successor`/`successors` naming the units that took it over (Nghị quyết of the Standing Committee of the National Assembly on the province's arrangement)");
                self.push(d);
            }
        }
    }

    /// A date of a commendation, movement or conference outside the
    /// lifetime of the unit it belongs to or is given by; returns the
    /// warning, to be placed by the caller.
    pub(super) fn outside_lifetime(
        &self,
        unit: &Unit,
        date: NaiveDate,
        what: &str,
    ) -> Option<Diagnostic> {
        let (message, help) = if let Some(d) = unit.dissolved
            && date >= d
        {
            (
                format!(
                    "{what} is dated {}, but `{}` ceased to exist on {}",
                    show(date),
                    unit.meta.slug,
                    show(d)
                ),
                if d == REFORM {
                    "on 1/7/2025 districts were abolished and communes merged: name the unit that existed on that date (its successor), or check the date".to_string()
                } else {
                    "name the unit that existed on that date (its successor), or check the date"
                        .to_string()
                },
            )
        } else if let Some(e) = unit.established
            && date < e
        {
            (
                format!(
                    "{what} is dated {}, but `{}` was established only on {}",
                    show(date),
                    unit.meta.slug,
                    show(e)
                ),
                if e == REFORM {
                    "units established on 1/7/2025 took over merged communes: name the unit of that time (a predecessor), e.g. unit = \"<former commune>\" beside the person".to_string()
                } else {
                    "name the unit of that time, or check the date".to_string()
                },
            )
        } else {
            return None;
        };
        Some(Diagnostic::warning(message).help(help))
    }
}

/// `1/7/2025`, for messages.
fn show(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}
