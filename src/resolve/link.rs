//! Every cross-reference list, built in linear passes once all entities are
//! resolved: a profile's commendations, a unit's roll (its own and those of
//! everything under it), a movement's exemplars, a conference's awards,
//! chains and participants. Commendations are already in index order, so
//! appending their ids keeps every list newest first.

use super::Parts;
use crate::awards::{AwardId, Catalogue};
use crate::model::*;
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

/// Links everything.
pub(super) fn link(parts: &mut Parts, awards: &Catalogue) {
    let dates: Vec<NaiveDate> = parts
        .commendations
        .iter()
        .map(|c| c.tree_date().unwrap_or(parts.units[c.unit.ix()].as_of))
        .collect();
    let mut movement_exemplars = link_commendations(parts, &dates);
    decide_decision_pages(&mut parts.decisions, &parts.commendations);
    count_awards(&mut parts.units, &parts.commendations, awards);
    let mut stamps = Stamps::new(parts.units.len());
    let roll = Roll {
        commendations: &parts.commendations,
        dates: &dates,
    };
    let person_rank = roll_up_exemplars(
        &mut parts.units,
        &roll,
        &mut stamps,
        &parts.people,
        |i| ExemplarId::Person(PersonId(i as u32)),
        &mut movement_exemplars,
    );
    let collective_rank = roll_up_exemplars(
        &mut parts.units,
        &roll,
        &mut stamps,
        &parts.collectives,
        |i| ExemplarId::Collective(CollectiveId(i as u32)),
        &mut movement_exemplars,
    );
    let exemplar_key = |e: &ExemplarId| match e {
        ExemplarId::Person(p) => (0, person_rank[p.ix()]),
        ExemplarId::Collective(c) => (1, collective_rank[c.ix()]),
    };
    for (m, mut list) in parts.movements.iter_mut().zip(movement_exemplars) {
        list.sort_by_key(exemplar_key);
        list.dedup();
        m.exemplars = list;
    }
    for (i, m) in parts.movements.iter().enumerate() {
        parts.units[m.launched_by.ix()]
            .movements_launched
            .push(MovementId(i as u32));
    }
    link_conferences(parts);
}

/// Each commendation into the lists of its recipient, of the unit it was
/// earned in and that unit's ancestors on its date (`dates`), of its
/// movement, conference and decision. Returns, per movement, the exemplars
/// who earned a commendation in it.
fn link_commendations(parts: &mut Parts, dates: &[NaiveDate]) -> Vec<Vec<ExemplarId>> {
    let mut movement_exemplars: Vec<Vec<ExemplarId>> = vec![Vec::new(); parts.movements.len()];
    let units = &mut parts.units;
    for (i, c) in parts.commendations.iter().enumerate() {
        let id = CommendationId(i as u32);
        let exemplar = match c.recipient {
            Recipient::Person(p) => {
                parts.people[p.ix()].commendations.push(id);
                Some(ExemplarId::Person(p))
            }
            Recipient::Collective(x) => {
                parts.collectives[x.ix()].commendations.push(id);
                Some(ExemplarId::Collective(x))
            }
            _ => None,
        };
        let mut cur = Some(c.unit);
        while let Some(u) = cur {
            units[u.ix()].roll.push(id);
            cur = units[u.ix()].parent_on(dates[i]);
        }
        if let Some(m) = c.movement {
            let movement = &mut parts.movements[m.ix()];
            movement.commendations.push(id);
            if c.revoked.is_none() {
                movement.active_count += 1;
            }
            movement_exemplars[m.ix()].extend(exemplar);
        }
        if let Some(x) = c.conference {
            parts.conferences[x.ix()].awards.push(id);
        }
        if let Some(d) = c.decision {
            parts.decisions[d.ix()].commendations.push(id);
        }
    }
    movement_exemplars
}

/// A decision written inline on one commendation of a profile needs no page of its own.
fn decide_decision_pages(decisions: &mut [Decision], commendations: &[Commendation]) {
    for d in decisions.iter_mut() {
        if d.file.is_none() && d.commendations.len() == 1 {
            let c = &commendations[d.commendations[0].ix()];
            d.page = !matches!(c.recipient, Recipient::Person(_) | Recipient::Collective(_));
        }
    }
}

/// Counts by award over each unit's roll, most prestigious first; revoked
/// awards leave every count.
fn count_awards(units: &mut [Unit], commendations: &[Commendation], awards: &Catalogue) {
    for u in units.iter_mut() {
        let mut counts: HashMap<AwardId, u32> = HashMap::default();
        let mut active = 0;
        for &id in &u.roll {
            let c = &commendations[id.ix()];
            if c.revoked.is_none() {
                *counts.entry(c.award).or_default() += 1;
                active += 1;
            }
        }
        let mut counts: Vec<AwardCount> = counts
            .into_iter()
            .map(|(award, count)| AwardCount { award, count })
            .collect();
        counts.sort_by(|a, b| {
            awards
                .get(b.award)
                .rank
                .cmp(&awards.get(a.award).rank)
                .then(a.award.cmp(&b.award))
        });
        u.award_counts = counts;
        u.active_count = active;
    }
}

/// The commendations, with the date each counts on in the tree.
struct Roll<'a> {
    commendations: &'a [Commendation],
    dates: &'a [NaiveDate],
}

/// Which profile last reached each unit, so that a profile is listed once
/// per unit however many of its paths lead there.
struct Stamps(Vec<u32>);

impl Stamps {
    fn new(n: usize) -> Self {
        Stamps(vec![u32::MAX; n])
    }

    /// Whether `unit` is new for the profile of stamp `stamp`.
    fn first(&mut self, unit: UnitId, stamp: u32) -> bool {
        std::mem::replace(&mut self.0[unit.ix()], stamp) != stamp
    }
}

/// People (or collectives) roll up, in roll order, to their unit and its
/// ancestors as of the unit's date, and to each unit they earned a
/// commendation in and its ancestors on that commendation's date; and into
/// the movements they stand for. Returns each profile's rank in roll order.
fn roll_up_exemplars(
    units: &mut [Unit],
    roll: &Roll<'_>,
    stamps: &mut Stamps,
    profiles: &[Profile],
    id_of: impl Fn(usize) -> ExemplarId,
    movement_exemplars: &mut [Vec<ExemplarId>],
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..profiles.len()).collect();
    order.sort_by(|&a, &b| profiles[a].roll_key.cmp(&profiles[b].roll_key));
    let mut rank_of = vec![0usize; profiles.len()];
    for (rank, &p) in order.iter().enumerate() {
        rank_of[p] = rank;
        let id = id_of(p);
        // Stamps of people and of collectives differ by the top bit.
        let stamp = p as u32
            | if matches!(id, ExemplarId::Collective(_)) {
                1 << 31
            } else {
                0
            };
        let home = profiles[p].unit;
        let paths = std::iter::once((home, units[home.ix()].as_of)).chain(
            profiles[p]
                .commendations
                .iter()
                .map(|c| (&roll.commendations[c.ix()], roll.dates[c.ix()]))
                .filter(|(c, _)| c.revoked.is_none() && c.unit != home)
                .map(|(c, date)| (c.unit, date)),
        );
        for (start, date) in paths {
            let mut cur = Some(start);
            while let Some(u) = cur {
                if stamps.first(u, stamp) {
                    units[u.ix()].exemplars.push(id);
                }
                cur = units[u.ix()].parent_on(date);
            }
        }
        for m in &profiles[p].movements {
            movement_exemplars[m.ix()].push(id);
        }
    }
    rank_of
}

/// Conferences: organisers, the congress chains, who took part, movements
/// launched there.
fn link_conferences(parts: &mut Parts) {
    let conferences = &mut parts.conferences;
    for i in 0..conferences.len() {
        let id = ConferenceId(i as u32);
        parts.units[conferences[i].organizer.ix()]
            .conferences_organised
            .push(id);
        if let Some(n) = conferences[i].next {
            conferences[n.ix()].previous.push(id);
        }
        for m in conferences[i].launched.clone() {
            parts.movements[m.ix()].launched_at.push(id);
        }
        let mut taking_part: Vec<ExemplarId> = conferences[i].honoured.clone();
        taking_part.extend(conferences[i].speakers.iter().copied());
        taking_part.extend(
            conferences[i]
                .elected
                .iter()
                .map(|p| ExemplarId::Person(*p)),
        );
        for e in taking_part {
            let list = match e {
                ExemplarId::Person(p) => &mut parts.people[p.ix()].conferences,
                ExemplarId::Collective(c) => &mut parts.collectives[c.ix()].conferences,
            };
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }
    // Loops in `next` are cut in resolve, so each walk ends at the highest
    // congress.
    for i in 0..conferences.len() {
        let mut chain = vec![ConferenceId(i as u32)];
        let mut cur = conferences[i].next;
        while let Some(n) = cur {
            chain.push(n);
            cur = conferences[n.ix()].next;
        }
        conferences[i].chain = chain;
    }
    let dates: Vec<NaiveDate> = conferences.iter().map(|c| c.date).collect();
    for list in parts.units.iter_mut().map(|u| &mut u.conferences_organised) {
        list.sort_by(|a, b| dates[b.ix()].cmp(&dates[a.ix()]));
    }
    for c in conferences.iter_mut() {
        c.previous.sort_by(|a, b| dates[a.ix()].cmp(&dates[b.ix()]));
    }
    // Each conference has one `next`, so the conferences below one form a
    // tree: a walk down it meets each of them once.
    for i in 0..conferences.len() {
        let mut lower: Vec<ConferenceId> = Vec::new();
        let mut stack = conferences[i].previous.clone();
        while let Some(c) = stack.pop() {
            lower.push(c);
            stack.extend(conferences[c.ix()].previous.iter().copied());
        }
        lower.sort_by(|a, b| dates[a.ix()].cmp(&dates[b.ix()]).then(a.cmp(b)));
        conferences[i].lower = lower;
    }
    for p in parts.people.iter_mut().chain(parts.collectives.iter_mut()) {
        p.conferences
            .sort_by(|a, b| dates[a.ix()].cmp(&dates[b.ix()]));
    }
}
