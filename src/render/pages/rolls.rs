//! The full lists of a unit or a movement, paginated: all its commendations
//! (`…/khen-thuong/`) or all its exemplars (`…/dien-hinh/`).

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::pagination::{Pagination, page_count, page_slice};
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

/// Which full list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// `…/khen-thuong/`
    Commendations,
    /// `…/dien-hinh/`
    Exemplars,
}

/// The full lists of a unit or movement, for its roll pages.
struct Roll<'r> {
    ids: &'r [CommendationId],
    /// How many of `ids` are in force, computed once.
    active: u32,
    exemplars: &'r [ExemplarId],
    /// The owner's name in the page title (unique among the site's pages).
    title: &'r str,
}

/// A full list page of a unit or movement: its commendations or its exemplars.
#[derive(Serialize)]
pub struct RollView<'a> {
    /// The unit or movement.
    pub owner: Link,
    /// `commendations` or `exemplars`.
    pub list: &'static str,
    /// Items in force.
    pub total: usize,
    /// Revoked commendations: listed, not counted.
    pub revoked_count: usize,
    pub rows: Vec<&'a str>,
    pub exemplars: Vec<&'a str>,
}
/// A full list of a unit.
pub(crate) fn unit(
    r: &Renderer<'_>,
    id: UnitId,
    list: List,
    n: usize,
) -> Result<RenderedFile, Diagnostic> {
    let ctx = &r.ctx;
    let u = &ctx.site.units[id.ix()];
    let owner = ctx.unit_link(id);
    let mut crumbs = r.unit_crumbs(id);
    crumbs.push(owner.clone());
    let roll = Roll {
        ids: &u.roll,
        active: u.active_count,
        exemplars: &u.exemplars,
        title: ctx.unit_title(id),
    };
    roll_page(r, list, owner, crumbs, "units", roll, n)
}

/// A full list of a movement.
pub(crate) fn movement(
    r: &Renderer<'_>,
    id: MovementId,
    list: List,
    n: usize,
) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx, site, paths, ..
    } = r.scope();
    let m = &site.movements[id.ix()];
    let owner = ctx.movement_link(id);
    let mut crumbs = r.section_crumbs("movements", &paths.movements);
    crumbs.push(owner.clone());
    let roll = Roll {
        ids: &m.commendations,
        active: m.active_count,
        exemplars: &m.exemplars,
        title: &m.title,
    };
    roll_page(r, list, owner, crumbs, "movements", roll, n)
}

#[allow(clippy::too_many_arguments)]
fn roll_page(
    r: &Renderer<'_>,
    which: List,
    owner: Link,
    crumbs: Vec<Link>,
    section: &'static str,
    roll: Roll<'_>,
    n: usize,
) -> Result<RenderedFile, Diagnostic> {
    let Roll {
        ids: roll,
        active,
        exemplars,
        title: owner_title,
    } = roll;
    let ctx = &r.ctx;
    let size = ctx.site.config.page_size;
    let is_roll = which == List::Commendations;
    let (list, sub, title_key, total) = if is_roll {
        (
            "commendations",
            "khen-thuong/",
            "roll.commendations_of",
            roll.len(),
        )
    } else {
        (
            "exemplars",
            "dien-hinh/",
            "roll.exemplars_of",
            exemplars.len(),
        )
    };
    let revoked_count = if is_roll {
        roll.len() - active as usize
    } else {
        0
    };
    let url = format!("{}{sub}", owner.url);
    let view = RollView {
        list,
        total: total - revoked_count,
        revoked_count,
        rows: if is_roll {
            ctx.rows(page_slice(roll, size, n))?
        } else {
            Vec::new()
        },
        exemplars: if is_roll {
            Vec::new()
        } else {
            page_slice(exemplars, size, n)
                .iter()
                .map(|e| ctx.card(*e))
                .collect::<Result<_, _>>()?
        },
        owner: owner.clone(),
    };
    let title = r.paged_title(
        ctx.labels
            .strings
            .format(title_key, &[("name", owner_title)]),
        n,
    );
    let page = r.page(
        title,
        Urls::paged(&url, n),
        section,
        crumbs,
        Pagination::new(&url, n, page_count(total, size)),
        view,
    );
    r.render_page("roll.html", page)
}
