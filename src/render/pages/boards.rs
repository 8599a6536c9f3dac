//! The honour board of a unit for a year (`…/bang-vang/<year>/`): every
//! person and collective of the unit (and of everything under it) honoured
//! in that year, grouped by award, the highest first, and in roll order
//! inside each group. It is made to be printed on A4 landscape and pinned
//! on the notice board of the commune office, so it carries only names,
//! the award and the address of the page.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer};
use serde::Serialize;
use std::collections::BTreeMap;

/// One name on the board.
#[derive(Serialize)]
pub struct BoardName {
    pub name: String,
    /// Position, and the unit when it is not the board's own.
    pub detail: Option<String>,
    pub posthumous: bool,
}

/// The names of one award.
#[derive(Serialize)]
pub struct BoardGroup {
    pub award: AwardView,
    pub count: usize,
    pub people: Vec<BoardName>,
    pub collectives: Vec<BoardName>,
}

#[derive(Serialize)]
pub struct BoardView {
    pub unit: Link,
    pub year: i32,
    pub groups: Vec<BoardGroup>,
    pub count: usize,
    /// The unit's boards, newest first.
    pub years: Vec<BoardYear>,
}

/// A link to one of a unit's boards.
#[derive(Serialize)]
pub struct BoardYear {
    pub year: i32,
    pub url: String,
    /// Whether it is the board shown.
    pub current: bool,
}

/// The years a unit has a board for: those of its commendations in
/// force, newest first.
pub fn years(site: &Site, u: &Unit) -> Vec<i32> {
    let mut years: Vec<i32> = u
        .roll
        .iter()
        .map(|c| site.commendation(*c))
        .filter(|c| c.revoked.is_none())
        .filter_map(|c| c.year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// The address of a unit's board for a year.
pub fn url(unit_url: &str, year: i32) -> String {
    format!("{unit_url}bang-vang/{year}/")
}

/// The links to a unit's boards.
pub fn links(r: &Renderer<'_>, id: UnitId) -> Vec<Link> {
    let site = r.ctx.site;
    let u = &site.units[id.ix()];
    let unit_url = r.ctx.urls.unit(&u.meta.slug);
    years(site, u)
        .into_iter()
        .map(|y| Link {
            title: y.to_string(),
            url: url(&unit_url, y),
        })
        .collect()
}

/// The board of a unit for a year.
pub(crate) fn board(r: &Renderer<'_>, id: UnitId, year: i32) -> Result<RenderedFile, Diagnostic> {
    let ctx = &r.ctx;
    let site = ctx.site;
    let u = &site.units[id.ix()];
    let awards = &site.config.awards;
    let mut by_award: BTreeMap<_, Vec<CommendationId>> = BTreeMap::new();
    for &cid in &u.roll {
        let c = site.commendation(cid);
        if c.revoked.is_none() && c.year == Some(year) {
            let rank = std::cmp::Reverse(awards.get(c.award).rank);
            by_award.entry((rank, c.award)).or_default().push(cid);
        }
    }
    let mut count = 0;
    let groups = by_award
        .into_iter()
        .map(|((_, award), list)| {
            let mut people = Vec::new();
            let mut collectives = Vec::new();
            for cid in list {
                let c = site.commendation(cid);
                let row = ctx.row(cid);
                let other_unit = c.unit != id;
                let detail = match (&row.position, other_unit) {
                    (Some(p), true) => Some(format!("{p}, {}", row.unit.title)),
                    (Some(p), false) => Some(p.clone()),
                    (None, true) if row.recipient.kind != "unit" => Some(row.unit.title.clone()),
                    _ => None,
                };
                let name = BoardName {
                    name: row.recipient.name.clone(),
                    detail,
                    posthumous: c.posthumous,
                };
                if row.recipient.kind == "person" {
                    people.push(name);
                } else {
                    collectives.push(name);
                }
            }
            people.sort_by_cached_key(|n| crate::vi::roll_key(&n.name));
            collectives.sort_by(|a, b| crate::vi::compare(&a.name, &b.name));
            count += people.len() + collectives.len();
            BoardGroup {
                award: ctx.award_view(award),
                count: people.len() + collectives.len(),
                people,
                collectives,
            }
        })
        .collect();
    let unit_url = ctx.urls.unit(&u.meta.slug);
    let view = BoardView {
        unit: ctx.unit_link(id),
        year,
        groups,
        count,
        years: years(site, u)
            .into_iter()
            .map(|y| BoardYear {
                year: y,
                url: url(&unit_url, y),
                current: y == year,
            })
            .collect(),
    };
    let mut crumbs = r.unit_crumbs(id);
    crumbs.push(ctx.unit_link(id));
    let title = format!(
        "{} – {}",
        ctx.labels
            .get("board.title")
            .replace("{year}", &year.to_string()),
        ctx.unit_title(id)
    );
    let page = r.page(title, url(&unit_url, year), "units", crumbs, None, view);
    r.render_page("board.html", page)
}
