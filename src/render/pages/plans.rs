//! The plan library (`/van-ban/`: every plan by year, type and issuer) and
//! each plan's page: number, issuer, signer, purposes and requirements,
//! the plans above and below it, what it launched and organises, its
//! documents, and its timeline with overdue steps marked as of the build
//! date.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::context::ViewContext;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use chrono::Datelike;
use serde::Serialize;

/// A plan in a list.
#[derive(Serialize)]
pub struct PlanCard {
    pub link: Link,
    pub number: Option<String>,
    pub date: Option<String>,
    pub type_label: String,
    pub issuer: Link,
}
/// One step of a timeline.
#[derive(Serialize)]
pub struct MilestoneView {
    pub title: String,
    pub due: String,
    pub due_iso: String,
    pub owners: Vec<Link>,
    pub done: Option<String>,
    pub overdue: bool,
    pub note: Option<String>,
}
#[derive(Serialize)]
pub struct PlanGroup {
    pub title: String,
    pub plans: Vec<PlanCard>,
}
#[derive(Serialize)]
pub struct PlansView {
    pub intro_html: Option<String>,
    pub intro_extra: Option<serde_json::Value>,
    pub by_year: Vec<PlanGroup>,
    pub by_type: Vec<PlanGroup>,
    pub by_issuer: Vec<PlanGroup>,
}
#[derive(Serialize)]
pub struct PlanView<'a> {
    pub title: String,
    pub type_label: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub issuer: Link,
    pub signer: Option<String>,
    pub implements: Option<PlanCard>,
    pub implemented_by: Vec<PlanCard>,
    pub based_on: Vec<BasedOnView>,
    pub purposes: Vec<String>,
    pub requirements: Vec<String>,
    pub documents: Vec<DocumentView>,
    pub movements: Vec<MovementCard>,
    pub conferences: Vec<ConferenceCard>,
    pub timeline: Vec<MilestoneView>,
    pub as_of: String,
    pub body_html: Option<String>,
    pub related: Vec<NewsCard>,
    pub extra: Option<&'a serde_json::Value>,
}
/// A document a plan rests on: a link when it is a plan of the site.
#[derive(Serialize)]
pub struct BasedOnView {
    pub text: String,
    pub url: Option<String>,
}

impl ViewContext<'_> {
    pub fn plan_link(&self, id: PlanId) -> Link {
        let p = &self.site.plans[id.ix()];
        Link {
            title: p.title.clone(),
            url: self.urls.plan(&p.meta.slug),
        }
    }

    pub fn plan_card(&self, id: PlanId) -> PlanCard {
        let p = &self.site.plans[id.ix()];
        PlanCard {
            link: self.plan_link(id),
            number: p.number.clone(),
            date: p.date.as_ref().map(|d| self.labels.when(d)),
            type_label: self.labels.get(&format!("plan_type.{}", p.kind)),
            issuer: self.unit_link(p.issuer),
        }
    }

    /// The news about an entity, newest first (`Tin liên quan`).
    pub fn related_news(&self, about: EntityRef) -> Vec<NewsCard> {
        self.site
            .related_news
            .get(&about)
            .map(|ids| ids.iter().map(|n| self.news_card(*n)).collect())
            .unwrap_or_default()
    }

    /// A timeline as a table, overdue steps marked as of the build date.
    pub fn timeline(&self, milestones: &[Milestone]) -> Vec<MilestoneView> {
        milestones
            .iter()
            .map(|m| MilestoneView {
                title: m.title.clone(),
                due: self.labels.when_planned(&m.due, m.tentative, false),
                due_iso: m.due.iso(),
                owners: m.owners.iter().map(|u| self.unit_link(*u)).collect(),
                done: m.done.map(|d| {
                    self.labels
                        .strings
                        .format("plan.done_on", &[("date", &self.labels.date(d))])
                }),
                overdue: m.overdue(self.site.now),
                note: m.note.clone(),
            })
            .collect()
    }
}

/// `/van-ban/`.
pub(crate) fn index(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let mut by_year: Vec<PlanGroup> = Vec::new();
    let mut last_year: Option<Option<i32>> = None;
    for id in &site.plan_order {
        let year = site.plans[id.ix()].date.as_ref().map(|d| d.first.year());
        if last_year != Some(year) {
            by_year.push(PlanGroup {
                title: match year {
                    Some(y) => labels
                        .strings
                        .format("plan.year", &[("year", &y.to_string())]),
                    None => labels.get("plan.undated"),
                },
                plans: Vec::new(),
            });
            last_year = Some(year);
        }
        by_year
            .last_mut()
            .expect("pushed")
            .plans
            .push(ctx.plan_card(*id));
    }
    let by_type = PLAN_TYPES
        .iter()
        .filter_map(|t| {
            let plans: Vec<PlanCard> = site
                .plan_order
                .iter()
                .filter(|id| site.plans[id.ix()].kind == *t)
                .map(|id| ctx.plan_card(*id))
                .collect();
            (!plans.is_empty()).then(|| PlanGroup {
                title: labels.get(&format!("plan_type.{t}")),
                plans,
            })
        })
        .collect();
    let by_issuer = site
        .unit_order
        .iter()
        .chain(&site.former_units)
        .filter_map(|u| {
            let plans: Vec<PlanCard> = site
                .plan_order
                .iter()
                .filter(|id| site.plans[id.ix()].issuer == *u)
                .map(|id| ctx.plan_card(*id))
                .collect();
            (!plans.is_empty()).then(|| PlanGroup {
                title: site.units[u.ix()].name.clone(),
                plans,
            })
        })
        .collect();
    let view = PlansView {
        intro_html: r.intro(site.intro(Kind::Plan))?,
        intro_extra: intro_extra(site, Kind::Plan),
        by_year,
        by_type,
        by_issuer,
    };
    let title = r.section_title(Kind::Plan, "plans");
    let page = r.top_page(title, urls.section(&paths.plans), "plans", view);
    r.render_page("plans.html", page)
}

/// A plan's page.
pub(crate) fn plan(r: &Renderer<'_>, id: PlanId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let p = &site.plans[id.ix()];
    let signer = p.signer.as_ref().map(|s| {
        [s.title.as_deref(), s.name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let based_on = p
        .based_on
        .iter()
        .map(|b| match b {
            BasedOn::Text(t) => BasedOnView {
                text: t.clone(),
                url: None,
            },
            BasedOn::Plan(x) => {
                let q = &site.plans[x.ix()];
                let name = labels.get(&format!("plan_type.{}", q.kind));
                let mut text = match &q.number {
                    Some(n) => format!("{name} số {n}"),
                    None => name,
                };
                if let Some(d) = &q.date {
                    text = format!("{text} ngày {}", labels.when(d));
                }
                BasedOnView {
                    text: format!("{text}: {}", q.title),
                    url: Some(urls.plan(&q.meta.slug)),
                }
            }
        })
        .collect();
    let mut documents: Vec<DocumentView> = Vec::new();
    if let Some(f) = &p.file {
        documents.extend(ctx.documents(std::slice::from_ref(f)));
    }
    documents.extend(ctx.documents(&p.attachments));
    let view = PlanView {
        title: p.title.clone(),
        type_label: labels.get(&format!("plan_type.{}", p.kind)),
        number: p.number.clone(),
        date: p.date.as_ref().map(|d| labels.when_long(d)),
        date_iso: p.date.as_ref().map(|d| d.iso()),
        issuer: ctx.unit_link(p.issuer),
        signer,
        implements: p.implements.map(|x| ctx.plan_card(x)),
        implemented_by: p.implemented_by.iter().map(|x| ctx.plan_card(*x)).collect(),
        based_on,
        purposes: p.purposes.clone(),
        requirements: p.requirements.clone(),
        documents,
        movements: p.movements.iter().map(|m| ctx.movement_card(*m)).collect(),
        conferences: p
            .conferences
            .iter()
            .map(|c| ctx.conference_card(*c))
            .collect(),
        timeline: ctx.timeline(&p.milestones),
        as_of: labels
            .strings
            .format("plan.as_of", &[("date", &labels.date(site.now))]),
        body_html: r.body(&p.meta)?,
        related: ctx.related_news(EntityRef::Plan(id)),
        extra: p.meta.extra.as_ref(),
    };
    let crumbs = r.section_crumbs("plans", &paths.plans);
    let page = r.page(
        p.title.clone(),
        urls.plan(&p.meta.slug),
        "plans",
        crumbs,
        None,
        view,
    );
    r.render_page("plan.html", page)
}
