//! Movements (`/phong-trao/`) by status, and each movement's page: status,
//! period, parent and children, what it offers, its exemplars and
//! commendations.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use serde::Serialize;

#[derive(Serialize)]
pub struct MovementsView {
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    pub ongoing: Vec<MovementCard>,
    pub upcoming: Vec<MovementCard>,
    pub ended: Vec<MovementCard>,
}
#[derive(Serialize)]
pub struct MovementView<'a> {
    pub title: String,
    pub slogan: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub period: Option<String>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub launched: Option<String>,
    pub launched_by: Link,
    pub parent: Option<Link>,
    pub children: Vec<MovementCard>,
    pub based_on: Vec<String>,
    pub goals: Vec<String>,
    pub awards: Vec<AwardView>,
    pub documents: Vec<DocumentView>,
    /// Its exemplars by their highest award.
    pub groups: Vec<AwardGroupView<'a>>,
    pub exemplar_count: usize,
    pub exemplars_url: Option<String>,
    pub commendations: Vec<&'a str>,
    /// In force.
    pub commendation_count: usize,
    /// Revoked: listed, not counted.
    pub revoked_count: usize,
    pub commendations_url: Option<String>,
    pub launched_at: Vec<ConferenceCard>,
    pub body_html: Option<String>,
    pub media: MediaView,
    /// The plan that launched it.
    pub plan: Option<crate::render::pages::plans::PlanCard>,
    /// News about it, newest first.
    pub related: Vec<NewsCard>,
    pub extra: Option<&'a serde_json::Value>,
}
/// `/phong-trao/`.
pub(crate) fn index(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        paths,
        ..
    } = r.scope();
    let by = |s: MovementStatus| {
        site.movement_order
            .iter()
            .filter(|m| site.movements[m.ix()].status == s)
            .map(|m| ctx.movement_card(*m))
            .collect()
    };
    let view = MovementsView {
        intro_html: r.intro(site.intro(Kind::Movement))?,
        intro_extra: intro_extra(site, Kind::Movement),
        ongoing: by(MovementStatus::Ongoing),
        upcoming: by(MovementStatus::Upcoming),
        ended: by(MovementStatus::Ended),
    };
    let title = r.section_title(Kind::Movement, "movements");
    let page = r.top_page(title, urls.section(&paths.movements), "movements", view);
    r.render_page("movements.html", page)
}

/// A movement's page.
pub(crate) fn movement(r: &Renderer<'_>, id: MovementId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        size,
    } = r.scope();
    let m = &site.movements[id.ix()];
    let url = urls.movement(&m.meta.slug);
    let view = MovementView {
        title: m.title.clone(),
        slogan: m.slogan.clone(),
        status: m.status.key(),
        status_label: labels.status(m.status),
        period: labels.period_when(m.starts_when.as_ref(), m.ends_when.as_ref()),
        starts: m.starts_when.as_ref().map(|d| labels.when(d)),
        ends: m.ends_when.as_ref().map(|d| labels.when(d)),
        launched: m.launched_when.as_ref().map(|d| labels.when(d)),
        launched_by: ctx.unit_link(m.launched_by),
        parent: m.parent.map(|p| ctx.movement_link(p)),
        children: m.children.iter().map(|c| ctx.movement_card(*c)).collect(),
        based_on: m.based_on.clone(),
        goals: m.goals.clone(),
        awards: m.awards.iter().map(|a| ctx.award_view(*a)).collect(),
        documents: ctx.documents(&m.documents),
        groups: {
            let (per_group, budget) = super::units::group_cards(size);
            ctx.award_groups(&m.exemplars, per_group, budget)?
        },
        exemplar_count: m.exemplars.len(),
        exemplars_url: super::units::exemplars_fold(m.exemplars.len(), size)
            .then(|| format!("{url}dien-hinh/")),
        commendations: ctx.rows(&m.commendations[..m.commendations.len().min(size)])?,
        commendation_count: site.active_count(&m.commendations) as usize,
        revoked_count: m.commendations.len() - site.active_count(&m.commendations) as usize,
        commendations_url: (m.commendations.len() > size).then(|| format!("{url}khen-thuong/")),
        launched_at: m
            .launched_at
            .iter()
            .map(|c| ctx.conference_card(*c))
            .collect(),
        body_html: r.body(&m.meta)?,
        media: ctx.media(&m.meta.media),
        related: ctx.related_news(EntityRef::Movement(id)),
        plan: m.plan.map(|p| ctx.plan_card(p)),
        extra: m.meta.extra.as_ref(),
    };
    let mut crumbs = r.section_crumbs("movements", &paths.movements);
    if let Some(p) = m.parent {
        crumbs.push(ctx.movement_link(p));
    }
    let mut page = r.page(m.title.clone(), url, "movements", crumbs, None, view);
    page.description = m.slogan.clone();
    r.render_page("movement.html", page)
}
