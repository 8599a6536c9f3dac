//! The home page: ongoing movements, recently honoured exemplars, upcoming
//! and recent conferences, latest news, and the totals of the site.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

#[derive(Serialize)]
pub struct HomeView<'a> {
    pub intro_title: Option<String>,
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    pub ongoing: Vec<MovementCard>,
    pub recent_exemplars: Vec<&'a str>,
    pub recent_commendations: Vec<&'a str>,
    pub upcoming_conferences: Vec<ConferenceCard>,
    pub recent_conferences: Vec<ConferenceCard>,
    pub latest_news: Vec<NewsCard>,
    pub totals: Totals,
    /// The next dates of the calendar: conferences, deadlines, movements.
    pub coming: Vec<super::calendar::EventView>,
    pub calendar_url: String,
    pub plans_url: String,
}
#[derive(Serialize)]
pub struct Totals {
    pub units: String,
    pub movements: String,
    pub people: String,
    pub collectives: String,
    pub conferences: String,
    pub commendations: String,
}
/// The home page.
pub(crate) fn render(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        ..
    } = r.scope();
    let mut seen = std::collections::HashSet::new();
    let mut recent_exemplars = Vec::new();
    for c in &site.commendations {
        if recent_exemplars.len() >= 8 {
            break;
        }
        if c.revoked.is_some() {
            continue;
        }
        let id = match c.recipient {
            Recipient::Person(p) => ExemplarId::Person(p),
            Recipient::Collective(x) => ExemplarId::Collective(x),
            _ => continue,
        };
        if seen.insert(id) {
            recent_exemplars.push(ctx.card(id)?);
        }
    }
    let mut upcoming: Vec<ConferenceId> = site
        .conference_order
        .iter()
        .copied()
        .filter(|c| site.conferences[c.ix()].date >= site.now)
        .collect();
    upcoming.reverse();
    let recent: Vec<ConferenceId> = site
        .conference_order
        .iter()
        .copied()
        .filter(|c| site.conferences[c.ix()].date < site.now)
        .take(4)
        .collect();
    let active = site
        .commendations
        .iter()
        .filter(|c| c.revoked.is_none())
        .count();
    let view = HomeView {
        intro_title: site.home.title.clone(),
        intro_html: r.intro(Some(&site.home))?,
        intro_extra: site.home.extra.clone(),
        ongoing: site
            .movement_order
            .iter()
            .filter(|m| site.movements[m.ix()].status == MovementStatus::Ongoing)
            .take(6)
            .map(|m| ctx.movement_card(*m))
            .collect(),
        coming: super::calendar::events(ctx)
            .iter()
            .take(6)
            .map(|e| ctx.event_view(e))
            .collect(),
        calendar_url: urls.section(&site.config.paths.calendar),
        plans_url: urls.section(&site.config.paths.plans),
        recent_exemplars,
        recent_commendations: site
            .commendations
            .iter()
            .enumerate()
            .filter(|(_, c)| c.revoked.is_none())
            .take(5)
            .map(|(i, _)| ctx.rows(&[CommendationId(i as u32)]).map(|r| r[0]))
            .collect::<Result<_, _>>()?,
        upcoming_conferences: upcoming
            .into_iter()
            .take(4)
            .map(|c| ctx.conference_card(c))
            .collect(),
        recent_conferences: recent.into_iter().map(|c| ctx.conference_card(c)).collect(),
        latest_news: site
            .news_order
            .iter()
            .take(5)
            .map(|n| ctx.news_card(*n))
            .collect(),
        totals: Totals {
            units: labels.number(site.units.len() as i64),
            movements: labels.number(site.movements.len() as i64),
            people: labels.number(site.people.len() as i64),
            collectives: labels.number(site.collectives.len() as i64),
            conferences: labels.number(site.conferences.len() as i64),
            commendations: labels.number(active as i64),
        },
    };
    let mut page = r.page(
        site.config.title.clone(),
        urls.home(),
        "home",
        Vec::new(),
        None,
        view,
    );
    page.description = site
        .home
        .description
        .clone()
        .or_else(|| site.config.description.clone());
    r.render_page("index.html", page)
}
