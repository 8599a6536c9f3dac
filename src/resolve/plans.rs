//! Plans (`plans/`): their issuer, the higher plan each carries out (a
//! chain that must not loop), what they rest on, their documents and their
//! timelines; then the links back from plans to the plans that carry them
//! out and to the movements and conferences that name them.

use super::{Parts, Resolver, graph};
use crate::diagnostics::Loc;
use crate::load::fields::At;
use crate::load::raw::{RawMilestone, RawPlan};
use crate::model::*;
use chrono::NaiveDate;

impl Resolver<'_> {
    /// The plans, their references checked.
    pub(super) fn plans(&mut self, raws: Vec<RawPlan>, units: &[Unit]) -> Vec<Plan> {
        let mut out = Vec::with_capacity(raws.len());
        let mut implements_locs = Vec::with_capacity(raws.len());
        for (i, p) in raws.into_iter().enumerate() {
            let issuer = p.issuer.as_ref().and_then(|u| self.unit(u, "issuer"));
            if let (Some(u), Some(at), Some(date)) = (issuer, p.issuer.as_ref(), p.date.as_ref())
                && let Some(w) = self.outside_lifetime(
                    &units[u.ix()],
                    date.first,
                    &format!("the plan issued by `{}`", at.value),
                )
            {
                let w = w.at(self.sources.locate(at.loc)).field("issuer");
                self.push(w);
            }
            let implements = p
                .implements
                .as_ref()
                .and_then(|x| self.plan(x, "implements"));
            if implements == Some(PlanId(i as u32)) {
                let loc = p
                    .implements
                    .as_ref()
                    .map_or(Loc::whole(p.common.file), |x| x.loc);
                let d = self
                    .error_at(loc, "a plan cannot carry out itself")
                    .field("implements")
                    .help("`implements` names the higher plan this one carries out");
                self.push(d);
            }
            implements_locs.push(p.implements.as_ref().map(|x| x.loc));
            let based_on = p
                .based_on
                .iter()
                .filter_map(|b| match b.value.strip_prefix("plan:") {
                    Some(slug) => self
                        .plan(
                            &At {
                                value: slug.trim().to_string(),
                                loc: b.loc,
                            },
                            "based_on",
                        )
                        .map(BasedOn::Plan),
                    None => Some(BasedOn::Text(b.value.clone())),
                })
                .collect();
            let file = p.file.as_ref().and_then(|f| {
                let file = self.file_ref(&p.common.dir, f, "file", true)?;
                let size = match &file {
                    FileRef::Local(rel) => self.assets.get(rel.as_str()).copied(),
                    FileRef::External(_) => None,
                };
                Some(Document {
                    title: p.number.clone().unwrap_or_else(|| p.title.clone()),
                    file,
                    size,
                })
            });
            let attachments = self.documents(&p.common.dir, &p.attachments);
            let milestones = self.milestones(&p.milestones);
            out.push(Plan {
                meta: self.entity_meta(&p.common),
                title: p.title,
                kind: p.kind,
                number: p.number,
                date: p.date,
                issuer: issuer.unwrap_or(UnitId(0)),
                signer: (p.signer_title.is_some() || p.signer_name.is_some()).then_some(Signer {
                    title: p.signer_title,
                    name: p.signer_name,
                }),
                implements: implements.filter(|x| x.ix() != i),
                implemented_by: Vec::new(),
                based_on,
                purposes: p.purposes,
                requirements: p.requirements,
                file,
                attachments,
                milestones,
                movements: Vec::new(),
                conferences: Vec::new(),
            });
        }
        let next: Vec<Option<usize>> = out.iter().map(|p| p.implements.map(|x| x.ix())).collect();
        for cycle in graph::cycles(out.len(), |i| next[i].as_slice()) {
            let first = cycle[0];
            let d = self
                .error_at(
                    implements_locs[first].unwrap_or(Loc::whole(out[first].meta.file)),
                    format!(
                        "the plans' `implements` form a cycle: {}",
                        graph::names(&cycle, |i| &out[i].meta.slug)
                    ),
                )
                .field("implements")
                .help("`implements` names the higher plan this one carries out; remove it from one of them");
            self.push(d);
            out[first].implements = None;
        }
        out
    }

    /// A timeline: owners checked, steps in order of their due dates
    /// (first day, then file order).
    pub(super) fn milestones(&mut self, raws: &[RawMilestone]) -> Vec<Milestone> {
        let mut out: Vec<Milestone> = raws
            .iter()
            .map(|m| Milestone {
                title: m.title.clone(),
                due: m.due.clone(),
                tentative: m.tentative,
                owners: m
                    .owners
                    .iter()
                    .filter_map(|o| self.unit(o, "milestones.owner"))
                    .collect(),
                done: m.done,
                note: m.note.clone(),
            })
            .collect();
        out.sort_by_key(|m| m.due.first);
        out
    }
}

/// The lists back from plans: plans that carry each out, the movements it
/// launched and the conferences it organises, by date.
pub(super) fn link_plans(parts: &mut Parts) {
    for i in 0..parts.plans.len() {
        if let Some(up) = parts.plans[i].implements {
            parts.plans[up.ix()].implemented_by.push(PlanId(i as u32));
        }
    }
    for (i, m) in parts.movements.iter().enumerate() {
        if let Some(p) = m.plan {
            parts.plans[p.ix()].movements.push(MovementId(i as u32));
        }
    }
    for (i, c) in parts.conferences.iter().enumerate() {
        if let Some(p) = c.plan {
            parts.plans[p.ix()].conferences.push(ConferenceId(i as u32));
        }
    }
    let plan_dates: Vec<Option<NaiveDate>> = parts
        .plans
        .iter()
        .map(|p| p.date.as_ref().map(|d| d.first))
        .collect();
    for p in &mut parts.plans {
        p.implemented_by.sort_by_key(|x| (plan_dates[x.ix()], *x));
        p.movements
            .sort_by_key(|m| (parts.movements[m.ix()].starts, *m));
        p.conferences
            .sort_by_key(|c| (parts.conferences[c.ix()].date, *c));
    }
}
