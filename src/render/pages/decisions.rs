//! Decisions (`/khen-thuong/quyet-dinh/`): the list, and each decision's
//! page with every recipient.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::pagination::{Pagination, page_count, page_slice};
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

#[derive(Serialize)]
pub struct DecisionItem {
    pub link: Link,
    pub date: Option<String>,
    pub authority: Option<String>,
    pub count: usize,
}
#[derive(Serialize)]
pub struct DecisionsView {
    pub total: usize,
    pub items: Vec<DecisionItem>,
}
#[derive(Serialize)]
pub struct DecisionView<'a> {
    pub number: Option<String>,
    pub date: Option<String>,
    pub date_long: Option<String>,
    pub authority: Option<String>,
    pub conferred_by: Option<Link>,
    pub rows: Vec<&'a str>,
    /// In force.
    pub count: usize,
    /// Revoked: listed, not counted.
    pub revoked_count: usize,
    pub extra: Option<&'a serde_json::Value>,
}
/// Page `n` of the decisions.
pub(crate) fn index(r: &Renderer<'_>, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site,
        urls,
        labels,
        paths,
        size,
        ..
    } = r.scope();
    let url = urls.decisions();
    let items: Vec<DecisionItem> = page_slice(&site.decision_order, size, n)
        .iter()
        .map(|id| {
            let d = &site.decisions[id.ix()];
            DecisionItem {
                link: Link {
                    title: d.number.clone().unwrap_or_else(|| d.slug.clone()),
                    url: decision_url(site, urls, *id),
                },
                date: d.date.map(|x| labels.date(x)),
                authority: d.authority.clone(),
                count: site.active_count(&d.commendations) as usize,
            }
        })
        .collect();
    let view = DecisionsView {
        total: site.decision_order.len(),
        items,
    };
    let crumbs = r.section_crumbs("commendations", &paths.commendations);
    let title = r.paged_title(labels.get("decision.list_title"), n);
    let page = r.page(
        title,
        Urls::paged(&url, n),
        "commendations",
        crumbs,
        Pagination::new(&url, n, page_count(site.decision_order.len(), size)),
        view,
    );
    r.render_page("decisions.html", page)
}

/// A decision's page.
pub(crate) fn decision(r: &Renderer<'_>, id: DecisionId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let d = &site.decisions[id.ix()];
    let view = DecisionView {
        number: d.number.clone(),
        date: d.date.map(|x| labels.date(x)),
        date_long: d.date.map(|x| labels.date_long(x)),
        authority: d.authority.clone(),
        conferred_by: d.conferred_by.map(|u| ctx.unit_link(u)),
        rows: ctx.rows(&d.commendations)?,
        count: site.active_count(&d.commendations) as usize,
        revoked_count: d.commendations.len() - site.active_count(&d.commendations) as usize,
        extra: d.extra.as_ref(),
    };
    let title = match &d.number {
        Some(n) => labels.strings.format("decision.title", &[("number", n)]),
        None => labels.get("decision.untitled"),
    };
    let mut crumbs = r.section_crumbs("commendations", &paths.commendations);
    crumbs.push(Link {
        title: labels.get("decision.list_title"),
        url: urls.decisions(),
    });
    let page = r.page(
        title,
        urls.decision(&d.slug),
        "commendations",
        crumbs,
        None,
        view,
    );
    r.render_page("decision.html", page)
}
