//! Conferences and congresses: organiser, who took part, covenants, and
//! the `next` chain to the higher-level congress; the delegate rules of the
//! plans are checked in [`super::rules`].

use super::rules::{delegate_rules, describe_issue};
use super::{Resolver, graph};
use crate::diagnostics::{Diagnostic, Loc};
use crate::load::raw::RawConference;
use crate::model::*;
use chrono::NaiveDate;

impl Resolver<'_> {
    /// The conferences, with the delegate rules checked.
    pub(super) fn conferences(
        &mut self,
        raws: Vec<RawConference>,
        units: &[Unit],
    ) -> Vec<Conference> {
        let mut out = Vec::with_capacity(raws.len());
        let mut next_locs = Vec::with_capacity(raws.len());
        for c in raws {
            let organizer = c.organizer.as_ref().and_then(|u| self.unit(u, "organizer"));
            let date = c.date.as_ref().map(|w| w.first);
            if let (Some(u), Some(at), Some(date)) = (organizer, c.organizer.as_ref(), date)
                && let Some(w) = self.outside_lifetime(
                    &units[u.ix()],
                    date,
                    &format!("the conference organised by `{}`", at.value),
                )
            {
                let w = w.at(self.sources.locate(at.loc)).field("organizer");
                self.push(w);
            }
            let next = c.next.as_ref().and_then(|n| self.conference(n, "next"));
            next_locs.push(c.next.as_ref().map(|n| n.loc));
            let honoured = c
                .honoured
                .iter()
                .filter_map(|h| self.exemplar(h, "honoured"))
                .collect();
            let speakers = c
                .speakers
                .iter()
                .filter_map(|h| self.exemplar(h, "speakers"))
                .collect();
            let launched = c
                .launched
                .iter()
                .filter_map(|m| self.movement(m, "launched"))
                .collect();
            let elected = c
                .elected
                .iter()
                .filter_map(|p| self.person(p, "elected"))
                .collect();
            let covenants = c
                .covenants
                .iter()
                .map(|cov| Covenant {
                    title: cov.title.clone(),
                    units: cov
                        .units
                        .iter()
                        .filter_map(|u| self.unit(u, "covenants.units"))
                        .collect(),
                })
                .collect();
            let documents = self.documents(&c.common.dir, &c.documents);
            let mut delegate_issues = Vec::new();
            if let Some(d) = &c.delegates {
                delegate_issues = delegate_rules(d);
                for issue in &delegate_issues {
                    let (message, help) = describe_issue(issue);
                    let diagnostic = Diagnostic::warning(format!(
                        "conference `{}` ({}): {message}",
                        c.common.slug.value, c.title
                    ))
                    .at(self
                        .sources
                        .locate(c.delegates_loc.unwrap_or(Loc::whole(c.common.file))))
                    .field("delegates")
                    .help(help);
                    self.push(diagnostic);
                }
            }
            out.push(Conference {
                meta: self.entity_meta(&c.common),
                title: c.title,
                kind: c.kind,
                organizer: organizer.unwrap_or(UnitId(0)),
                date: date.unwrap_or_default(),
                when: c
                    .date
                    .clone()
                    .unwrap_or_else(|| crate::when::When::exact(NaiveDate::default())),
                tentative: c.tentative || c.date.as_ref().is_some_and(|w| w.tentative),
                plan: c.plan.as_ref().and_then(|p| self.plan(p, "plan")),
                milestones: self.milestones(&c.milestones),
                location: c.location,
                edition: c.edition,
                period: c.period,
                next,
                previous: Vec::new(),
                lower: Vec::new(),
                chain: Vec::new(),
                programme: c.programme,
                delegates: c.delegates,
                delegate_issues,
                honoured,
                speakers,
                launched,
                elected,
                covenants,
                documents,
                awards: Vec::new(),
            });
        }
        // `next` chains must not loop: each loop reported once, and cut.
        let next: Vec<Option<usize>> = out.iter().map(|c| c.next.map(|x| x.ix())).collect();
        for cycle in graph::cycles(out.len(), |i| next[i].as_slice()) {
            let first = cycle[0];
            let d = self
                .error_at(next_locs[first].unwrap_or(Loc::whole(out[first].meta.file)), format!("the conferences' `next` chain loops: {}", graph::names(&cycle, |i| &out[i].meta.slug)))
                .field("next")
                .help("`next` points to the higher-level congress this one leads to; the chain must end at the highest");
            self.push(d);
            for &c in &cycle {
                out[c].next = None;
            }
        }
        out
    }
}
