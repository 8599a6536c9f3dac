//! The orders the site is shown in: the commendation index per year and
//! per award, the unit tree depth first, people in Vietnamese roll order,
//! movements by status, conferences and news latest first. Each is one
//! sort, done once, so that pages only slice them.

use super::Parts;
use crate::awards::{AwardId, Catalogue};
use crate::diagnostics::SourceMap;
use crate::load::config::Config;
use crate::model::*;
use crate::vi::{self, CollationKey};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// The ids `0..n`, as typed ids, sorted by `cmp`.
fn sorted<I>(
    n: usize,
    id: impl Fn(u32) -> I,
    cmp: impl FnMut(&I, &I) -> std::cmp::Ordering,
) -> Vec<I> {
    let mut ids: Vec<I> = (0..n as u32).map(id).collect();
    ids.sort_by(cmp);
    ids
}

impl Parts {
    /// The resolved parts put into a site, with every order computed.
    pub(super) fn into_site(
        self,
        config: Config,
        sources: SourceMap,
        assets: Vec<AssetFile>,
        now: NaiveDate,
    ) -> Site {
        let (by_year, by_award) = index_lists(&self.commendations, &self.movements, &config.awards);
        let tree = unit_tree_order(&self.units, now);
        let people_order = sorted(self.people.len(), PersonId, |a, b| {
            self.people[a.ix()]
                .roll_key
                .cmp(&self.people[b.ix()].roll_key)
        });
        let collectives_order = sorted(self.collectives.len(), CollectiveId, |a, b| {
            self.collectives[a.ix()]
                .roll_key
                .cmp(&self.collectives[b.ix()].roll_key)
        });
        let movement_order = movement_order(&self.movements);
        let conference_order = sorted(self.conferences.len(), ConferenceId, |a, b| {
            self.conferences[b.ix()]
                .date
                .cmp(&self.conferences[a.ix()].date)
                .then(a.cmp(b))
        });
        let news_order = sorted(self.news.len(), NewsId, |a, b| {
            self.news[b.ix()]
                .date
                .cmp(&self.news[a.ix()].date)
                .then(a.cmp(b))
        });
        let page_order = sorted(self.pages.len(), PageId, |a, b| {
            let (pa, pb) = (&self.pages[a.ix()], &self.pages[b.ix()]);
            pa.order
                .unwrap_or(i64::MAX)
                .cmp(&pb.order.unwrap_or(i64::MAX))
                .then(vi::compare(&pa.title, &pb.title))
        });
        // The index of decisions lists those with a page of their own; a
        // number on a single commendation is shown by its row.
        let mut decision_order = sorted(self.decisions.len(), DecisionId, |a, b| {
            let (da, db) = (&self.decisions[a.ix()], &self.decisions[b.ix()]);
            db.date.cmp(&da.date).then(da.slug.cmp(&db.slug))
        });
        decision_order.retain(|d| self.decisions[d.ix()].page);
        let mut related_news: HashMap<EntityRef, Vec<NewsId>> = HashMap::default();
        for id in &news_order {
            for r in &self.news[id.ix()].about {
                let list = related_news.entry(*r).or_default();
                if list.last() != Some(id) {
                    list.push(*id);
                }
            }
        }
        let mut categories: Vec<Category> = Vec::new();
        let mut category_ix: HashMap<String, usize> = HashMap::default();
        for id in &news_order {
            let Some(name) = &self.news[id.ix()].category else {
                continue;
            };
            let slug = vi::slugify(name);
            let i = *category_ix.entry(slug.clone()).or_insert_with(|| {
                categories.push(Category {
                    name: name.clone(),
                    slug,
                    news: Vec::new(),
                });
                categories.len() - 1
            });
            categories[i].news.push(*id);
        }
        categories.sort_by(|a, b| vi::compare(&a.name, &b.name));
        let plan_order = sorted(self.plans.len(), PlanId, |a, b| {
            let (pa, pb) = (&self.plans[a.ix()], &self.plans[b.ix()]);
            let key = |p: &Plan| p.date.as_ref().map(|d| d.first);
            key(pb).cmp(&key(pa)).then(a.cmp(b))
        });
        let active = |ids: &[CommendationId]| {
            ids.iter()
                .filter(|id| self.commendations[id.ix()].revoked.is_none())
                .count() as u32
        };
        let active_by_year = by_year.iter().map(|(_, ids)| active(ids)).collect();
        let active_by_award = by_award.iter().map(|(_, ids)| active(ids)).collect();
        let active_total = self
            .commendations
            .iter()
            .filter(|c| c.revoked.is_none())
            .count() as u32;
        let mut site = Site {
            config,
            now,
            sources,
            units: self.units.into(),
            movements: self.movements.into(),
            people: self.people.into_iter().map(Arc::new).collect(),
            collectives: self.collectives.into_iter().map(Arc::new).collect(),
            conferences: self.conferences.into(),
            decisions: self.decisions.into(),
            news: self.news.into(),
            pages: self.pages.into(),
            plans: self.plans.into(),
            home: self.home,
            intros: self.intros,
            commendations: self.commendations.into(),
            active_by_year,
            active_by_award,
            active_total,
            by_year: by_year.into(),
            by_award: by_award.into(),
            roots: tree.roots,
            unit_order: tree.order,
            unit_depths: tree.depths,
            former_units: tree.former,
            people_order,
            collectives_order,
            movement_order,
            conference_order,
            news_order,
            page_order,
            decision_order,
            plan_order,
            related_news,
            categories,
            assets,
            images: Default::default(),
            library: Vec::new(),
        };
        site.library = super::library::entries(&site);
        site
    }
}

/// Commendations per year (latest first) and per award (most prestigious
/// first), each in index order. Awards a movement offers get a list too,
/// even before anyone earns them.
#[allow(clippy::type_complexity)]
fn index_lists(
    commendations: &[Commendation],
    movements: &[Movement],
    awards: &Catalogue,
) -> (
    Vec<(i32, Vec<CommendationId>)>,
    Vec<(AwardId, Vec<CommendationId>)>,
) {
    let mut by_year: HashMap<i32, Vec<CommendationId>> = HashMap::default();
    let mut by_award: HashMap<AwardId, Vec<CommendationId>> = HashMap::default();
    for (i, c) in commendations.iter().enumerate() {
        let id = CommendationId(i as u32);
        if let Some(y) = c.year {
            by_year.entry(y).or_default().push(id);
        }
        by_award.entry(c.award).or_default().push(id);
    }
    for m in movements {
        for a in &m.awards {
            by_award.entry(*a).or_default();
        }
    }
    let mut by_year: Vec<_> = by_year.into_iter().collect();
    by_year.sort_by_key(|y| std::cmp::Reverse(y.0));
    let mut by_award: Vec<_> = by_award.into_iter().collect();
    by_award.sort_by(|a, b| {
        awards
            .get(b.0)
            .rank
            .cmp(&awards.get(a.0).rank)
            .then(a.0.cmp(&b.0))
    });
    (by_year, by_award)
}

/// Today's unit tree, and the units outside it.
struct TreeOrder {
    roots: Vec<UnitId>,
    order: Vec<UnitId>,
    depths: Vec<u32>,
    former: Vec<UnitId>,
}

/// Today's tree: the units that exist on `now`, from the roots (units
/// with no parent that exists now) depth first, each with its depth; and
/// the units that no longer (or not yet) exist, latest dissolved first.
fn unit_tree_order(units: &[Unit], now: NaiveDate) -> TreeOrder {
    let keys: Vec<(i64, &CollationKey)> = units
        .iter()
        .map(|u| (u.order.unwrap_or(i64::MAX), &u.sort_key))
        .collect();
    let alive = |i: usize| units[i].alive_on(now);
    let mut roots: Vec<UnitId> = (0..units.len())
        .filter(|&i| alive(i) && !units[i].parent.is_some_and(|p| alive(p.ix())))
        .map(|i| UnitId(i as u32))
        .collect();
    roots.sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
    let mut order = Vec::with_capacity(units.len());
    let mut depths = Vec::with_capacity(units.len());
    let mut stack: Vec<(UnitId, u32)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((u, depth)) = stack.pop() {
        order.push(u);
        depths.push(depth);
        stack.extend(units[u.ix()].children.iter().rev().map(|&c| (c, depth + 1)));
    }
    let mut former: Vec<UnitId> = (0..units.len())
        .filter(|&i| !alive(i))
        .map(|i| UnitId(i as u32))
        .collect();
    former.sort_by(|a, b| {
        let (ua, ub) = (&units[a.ix()], &units[b.ix()]);
        ub.dissolved
            .cmp(&ua.dissolved)
            .then_with(|| ua.sort_key.cmp(&ub.sort_key))
    });
    TreeOrder {
        roots,
        order,
        depths,
        former,
    }
}

/// Ongoing movements first, then upcoming, then ended; latest start first.
fn movement_order(movements: &[Movement]) -> Vec<MovementId> {
    let status_rank = |s: MovementStatus| match s {
        MovementStatus::Ongoing => 0,
        MovementStatus::Upcoming => 1,
        MovementStatus::Ended => 2,
    };
    sorted(movements.len(), MovementId, |a, b| {
        let (ma, mb) = (&movements[a.ix()], &movements[b.ix()]);
        status_rank(ma.status)
            .cmp(&status_rank(mb.status))
            .then(mb.starts.or(mb.launched).cmp(&ma.starts.or(ma.launched)))
            .then(vi::compare(&ma.title, &mb.title))
    })
}
