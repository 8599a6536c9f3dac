//! Conferences (`/hoi-nghi/`) and each conference's page: programme,
//! delegate composition against the rules, who was honoured, awards
//! presented, movements launched, covenants, and the chain of congresses.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::context::ViewContext;
use crate::render::labels::percent;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use crate::vi;
use serde::Serialize;

#[derive(Serialize)]
pub struct ConferencesView {
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    pub upcoming: Vec<ConferenceCard>,
    pub past: Vec<ConferenceCard>,
}
#[derive(Serialize)]
pub struct ChainItem {
    pub link: Link,
    pub date: String,
    pub organizer: String,
    pub current: bool,
}
#[derive(Serialize)]
pub struct DelegatesView {
    pub total: Option<String>,
    pub exemplars: Option<String>,
    pub exemplars_percent: Option<String>,
    pub guests: Option<String>,
    pub guests_percent: Option<String>,
    pub women: Option<String>,
    pub women_percent: Option<String>,
    pub ethnic_minority: Option<String>,
    pub ethnic_minority_percent: Option<String>,
    pub cap: Option<String>,
    pub issues: Vec<String>,
}
#[derive(Serialize)]
pub struct CovenantView {
    pub title: String,
    pub units: Vec<Link>,
}
#[derive(Serialize)]
pub struct ConferenceView<'a> {
    pub title: String,
    pub kind_label: String,
    pub organizer: Link,
    pub date: String,
    pub date_long: String,
    pub date_iso: String,
    pub tentative: bool,
    pub upcoming: bool,
    pub location: Option<String>,
    pub edition: Option<String>,
    pub period: Option<String>,
    /// This conference and the congresses it leads to.
    pub chain: Vec<ChainItem>,
    /// Conferences leading to this one, at every level below.
    pub previous: Vec<ConferenceCard>,
    pub programme: Vec<String>,
    pub delegates: Option<DelegatesView>,
    pub honoured: Vec<&'a str>,
    pub speakers: Vec<&'a str>,
    pub launched: Vec<MovementCard>,
    pub elected: Vec<&'a str>,
    pub covenants: Vec<CovenantView>,
    pub documents: Vec<DocumentView>,
    pub awards: Vec<&'a str>,
    pub body_html: Option<String>,
    pub media: MediaView,
    /// News about it, before, during and after its date.
    pub related_groups: Vec<NewsGroup>,
    /// The plan that organises it.
    pub plan: Option<crate::render::pages::plans::PlanCard>,
    /// The steps before it.
    pub timeline: Vec<crate::render::pages::plans::MilestoneView>,
    pub as_of: String,
    pub extra: Option<&'a serde_json::Value>,
}
/// `/hoi-nghi/`.
pub(crate) fn index(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        paths,
        ..
    } = r.scope();
    let mut upcoming: Vec<ConferenceCard> = site
        .conference_order
        .iter()
        .filter(|c| site.conferences[c.ix()].date >= site.now)
        .map(|c| ctx.conference_card(*c))
        .collect();
    upcoming.reverse();
    let view = ConferencesView {
        intro_html: r.intro(site.intro(Kind::Conference))?,
        intro_extra: intro_extra(site, Kind::Conference),
        upcoming,
        past: site
            .conference_order
            .iter()
            .filter(|c| site.conferences[c.ix()].date < site.now)
            .map(|c| ctx.conference_card(*c))
            .collect(),
    };
    let title = r.section_title(Kind::Conference, "conferences");
    let page = r.top_page(title, urls.section(&paths.conferences), "conferences", view);
    r.render_page("conferences.html", page)
}

/// A conference's page.
pub(crate) fn conference(r: &Renderer<'_>, id: ConferenceId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let c = &site.conferences[id.ix()];
    let mut chain: Vec<ChainItem> = c
        .chain
        .iter()
        .map(|x| {
            let xc = &site.conferences[x.ix()];
            ChainItem {
                link: ctx.conference_link(*x),
                date: labels.when(&xc.when),
                organizer: site.units[xc.organizer.ix()].name.clone(),
                current: *x == id,
            }
        })
        .collect();
    if chain.len() == 1 && c.previous.is_empty() {
        chain.clear();
    }
    let view = ConferenceView {
        title: c.title.clone(),
        kind_label: labels.conference_kind(c.kind),
        organizer: ctx.unit_link(c.organizer),
        date: labels.when_planned(&c.when, c.tentative, false),
        date_long: labels.when_planned(&c.when, c.tentative, true),
        date_iso: c.date.to_string(),
        tentative: c.tentative,
        upcoming: c.date >= site.now,
        location: c.location.clone(),
        edition: c.edition.map(|e| labels.edition(e)),
        period: c.period.clone(),
        chain,
        previous: c.lower.iter().map(|p| ctx.conference_card(*p)).collect(),
        programme: c.programme.clone(),
        delegates: c
            .delegates
            .as_ref()
            .map(|d| delegates(ctx, d, &c.delegate_issues)),
        honoured: ctx.cards(c.honoured.iter().copied())?,
        speakers: ctx.cards(c.speakers.iter().copied())?,
        launched: c.launched.iter().map(|m| ctx.movement_card(*m)).collect(),
        elected: c
            .elected
            .iter()
            .map(|p| ctx.card(ExemplarId::Person(*p)))
            .collect::<Result<_, _>>()?,
        covenants: c
            .covenants
            .iter()
            .map(|cov| CovenantView {
                title: cov.title.clone(),
                units: cov.units.iter().map(|u| ctx.unit_link(*u)).collect(),
            })
            .collect(),
        documents: ctx.documents(&c.documents),
        awards: ctx.rows(&c.awards)?,
        body_html: r.body(&c.meta)?,
        media: ctx.media(&c.meta.media),
        related_groups: news_groups(ctx, id),
        plan: c.plan.map(|p| ctx.plan_card(p)),
        timeline: ctx.timeline(&c.milestones),
        as_of: labels
            .strings
            .format("plan.as_of", &[("date", &labels.date(site.now))]),
        extra: c.meta.extra.as_ref(),
    };
    let crumbs = r.section_crumbs("conferences", &paths.conferences);
    let page = r.page(
        c.title.clone(),
        urls.conference(&c.meta.slug),
        "conferences",
        crumbs,
        None,
        view,
    );
    r.render_page("conference.html", page)
}

/// News about a conference, before, during and after its date.
#[derive(Serialize)]
pub struct NewsGroup {
    pub title: String,
    pub items: Vec<NewsCard>,
}

/// The news about a conference in three groups by date: before its first
/// day, during it (a fuzzy date spans its days), after its last day; each
/// newest first, empty groups left out.
fn news_groups(ctx: &ViewContext<'_>, id: ConferenceId) -> Vec<NewsGroup> {
    let site = ctx.site;
    let c = &site.conferences[id.ix()];
    let mut groups: [Vec<NewsCard>; 3] = Default::default();
    for n in site
        .related_news
        .get(&EntityRef::Conference(id))
        .into_iter()
        .flatten()
    {
        let date = site.news[n.ix()].date;
        let g = if date < c.when.first {
            0
        } else if date <= c.when.last {
            1
        } else {
            2
        };
        groups[g].push(ctx.news_card(*n));
    }
    let keys = ["related.before", "related.during", "related.after"];
    let mut out: Vec<NewsGroup> = groups
        .into_iter()
        .zip(keys)
        .filter(|(items, _)| !items.is_empty())
        .map(|(items, key)| NewsGroup {
            title: ctx.labels.get(key),
            items,
        })
        .collect();
    // Newest group first, like every list of news.
    out.reverse();
    out
}

/// The delegate figures of a conference, with the rules it breaks.
fn delegates(ctx: &ViewContext<'_>, d: &Delegates, issues: &[DelegateIssue]) -> DelegatesView {
    let lang = ctx.labels.lang();
    let n = |x: Option<u32>| x.map(|v| ctx.labels.number(v as i64));
    let pct = |x: Option<u32>| match (x, d.total) {
        (Some(v), Some(t)) => Some(percent(v, t, lang)),
        _ => None,
    };
    DelegatesView {
        total: n(d.total),
        exemplars: n(d.exemplars),
        exemplars_percent: pct(d.exemplars),
        guests: n(d.guests),
        guests_percent: pct(d.guests),
        women: n(d.women),
        women_percent: pct(d.women),
        ethnic_minority: n(d.ethnic_minority),
        ethnic_minority_percent: pct(d.ethnic_minority),
        cap: n(d.cap),
        issues: issues.iter().map(|i| issue_text(ctx, i)).collect(),
    }
}

/// A broken delegate rule, said on the page in the site's language.
fn issue_text(ctx: &ViewContext<'_>, issue: &DelegateIssue) -> String {
    let s = ctx.labels.strings;
    let lang = ctx.labels.lang();
    let num = |v: u32| vi::format_number(v as i64, lang);
    match *issue {
        DelegateIssue::ExemplarsBelow {
            exemplars,
            total,
            required,
        } => s.format(
            "delegates.exemplars_below",
            &[
                ("percent", &percent(exemplars, total, lang)),
                ("required", &num(required)),
                ("exemplars", &num(exemplars)),
                ("total", &num(total)),
            ],
        ),
        DelegateIssue::GuestsAbove {
            guests,
            total,
            allowed,
        } => s.format(
            "delegates.guests_above",
            &[
                ("percent", &percent(guests, total, lang)),
                ("allowed", &num(allowed)),
                ("guests", &num(guests)),
                ("total", &num(total)),
            ],
        ),
        DelegateIssue::OverCap { total, cap } => s.format(
            "delegates.over_cap",
            &[("total", &num(total)), ("cap", &num(cap))],
        ),
        DelegateIssue::PartsExceedTotal {
            exemplars,
            guests,
            total,
        } => s.format(
            "delegates.parts_exceed_total",
            &[
                ("exemplars", &num(exemplars)),
                ("guests", &num(guests)),
                ("total", &num(total)),
            ],
        ),
        DelegateIssue::GroupExceedsTotal {
            group,
            count,
            total,
        } => s.format(
            "delegates.group_exceeds_total",
            &[
                ("group", &s.format(&format!("delegates.{group}"), &[])),
                ("count", &num(count)),
                ("total", &num(total)),
            ],
        ),
    }
}
