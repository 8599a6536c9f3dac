//! The commendation index (`/khen-thuong/`), newest first, and its lists
//! per year and per award kind, each paginated and filterable.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::pagination::{Pagination, page_count, page_slice};
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use serde::Serialize;

/// One list of the commendation index: all, a year, or an award.
struct Listing<'l> {
    kind: &'static str,
    ids: &'l [CommendationId],
    /// How many of `ids` are in force, computed once per list.
    active: u32,
    year: Option<i32>,
    award: Option<crate::awards::AwardId>,
}
#[derive(Serialize)]
pub struct FilterLink {
    pub title: String,
    pub url: String,
    pub count: String,
    pub current: bool,
}
#[derive(Serialize)]
pub struct CommendationsView<'a> {
    /// `all`, `year` or `award`.
    pub kind: &'static str,
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    pub year: Option<i32>,
    pub award: Option<AwardView>,
    /// Commendations in force in this listing.
    pub total: String,
    /// Revoked ones, listed but not counted.
    pub revoked: String,
    pub rows: Vec<&'a str>,
    pub years: Vec<FilterLink>,
    pub awards: Vec<FilterLink>,
}
/// Page `n` of every commendation.
pub(crate) fn all(r: &Renderer<'_>, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site, urls, paths, ..
    } = r.scope();
    let ids = &r.all_ids;
    let url = urls.section(&paths.commendations);
    let title = r.paged_title(r.section_title(Kind::Decision, "commendations"), n);
    let listing = Listing {
        kind: "all",
        ids,
        active: site.active_total,
        year: None,
        award: None,
    };
    listing_page(r, listing, title, url, vec![r.home_crumb()], n)
}

/// Page `n` of the commendations of the `i`-th year.
pub(crate) fn year(r: &Renderer<'_>, i: usize, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let (year, ids) = &site.by_year[i];
    let url = urls.year(*year);
    let title = r.paged_title(
        labels
            .strings
            .format("commendations.year_title", &[("year", &year.to_string())]),
        n,
    );
    let crumbs = r.section_crumbs("commendations", &paths.commendations);
    let listing = Listing {
        kind: "year",
        ids,
        active: site.active_by_year[i],
        year: Some(*year),
        award: None,
    };
    listing_page(r, listing, title, url, crumbs, n)
}

/// Page `n` of the commendations of the `i`-th award.
pub(crate) fn award(r: &Renderer<'_>, i: usize, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site, urls, paths, ..
    } = r.scope();
    let (award, ids) = &site.by_award[i];
    let a = site.config.awards.get(*award);
    let url = urls.award(&a.slug);
    let title = r.paged_title(a.name.clone(), n);
    let crumbs = r.section_crumbs("commendations", &paths.commendations);
    let listing = Listing {
        kind: "award",
        ids,
        active: site.active_by_award[i],
        year: None,
        award: Some(*award),
    };
    listing_page(r, listing, title, url, crumbs, n)
}

fn listing_page(
    r: &Renderer<'_>,
    listing: Listing<'_>,
    title: String,
    url: String,
    crumbs: Vec<Link>,
    n: usize,
) -> Result<RenderedFile, Diagnostic> {
    let Listing {
        kind,
        ids,
        active,
        year,
        award,
    } = listing;
    let Scope {
        ctx,
        site,
        labels,
        size,
        ..
    } = r.scope();
    let view = CommendationsView {
        kind,
        intro_html: if kind == "all" && n == 1 {
            r.intro(site.intro(Kind::Decision))?
        } else {
            None
        },
        intro_extra: intro_extra(site, Kind::Decision),
        year,
        award: award.map(|a| ctx.award_view(a)),
        total: labels.number(active as i64),
        revoked: labels.number((ids.len() - active as usize) as i64),
        rows: ctx.rows(page_slice(ids, size, n))?,
        years: site
            .by_year
            .iter()
            .zip(&site.active_by_year)
            .map(|((y, _), active)| FilterLink {
                title: y.to_string(),
                url: ctx.urls.year(*y),
                count: labels.number(*active as i64),
                current: Some(*y) == year,
            })
            .collect(),
        awards: site
            .by_award
            .iter()
            .zip(&site.active_by_award)
            .map(|((a, _), active)| FilterLink {
                title: site.config.awards.get(*a).name.clone(),
                url: ctx.urls.award(&site.config.awards.get(*a).slug),
                count: labels.number(*active as i64),
                current: Some(*a) == award,
            })
            .collect(),
    };
    let pagination = Pagination::new(&url, n, page_count(ids.len(), size));
    let page = r.page(
        title,
        Urls::paged(&url, n),
        "commendations",
        crumbs,
        pagination,
        view,
    );
    r.render_page("commendations.html", page)
}
