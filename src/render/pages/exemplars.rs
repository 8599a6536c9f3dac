//! People and collectives: the paginated lists in roll order and each
//! profile, with its story, commendations and conferences.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::pagination::{Pagination, page_count, page_slice};
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use serde::Serialize;

/// People or collectives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    People,
    Collectives,
}

#[derive(Serialize)]
pub struct ExemplarsView<'a> {
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    /// `person` or `collective`.
    pub kind: &'static str,
    pub total: usize,
    pub items: Vec<&'a str>,
}
#[derive(Serialize)]
pub struct ConferenceRoleView {
    pub link: Link,
    pub date: String,
    pub roles: Vec<String>,
}
#[derive(Serialize)]
pub struct ProfileView<'a> {
    pub name: String,
    /// `person` or `collective`.
    pub kind: &'static str,
    pub position: Option<String>,
    pub unit: Link,
    /// The unit's ancestors, from the top.
    pub unit_path: Vec<Link>,
    pub fields: Vec<String>,
    pub movements: Vec<Link>,
    pub photo: Option<ImageView>,
    /// The letter drawn in place of a missing photo.
    pub initial: String,
    /// The highest award in force, shown under the name with its mark.
    pub top_award: Option<AwardView>,
    pub summary: Option<String>,
    pub body_html: Option<String>,
    pub commendations: Vec<&'a str>,
    pub active_count: usize,
    pub conferences: Vec<ConferenceRoleView>,
    pub media: MediaView,
    /// News about it, newest first.
    pub related: Vec<NewsCard>,
    pub extra: Option<&'a serde_json::Value>,
}
/// Page `n` of the people or of the collectives.
pub(crate) fn index(r: &Renderer<'_>, which: Which, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        paths,
        size,
        ..
    } = r.scope();
    let (kind, key, path, ids): (_, _, _, Vec<ExemplarId>) = if which == Which::People {
        (
            "person",
            "people",
            &paths.people,
            site.people_order
                .iter()
                .map(|p| ExemplarId::Person(*p))
                .collect(),
        )
    } else {
        (
            "collective",
            "collectives",
            &paths.collectives,
            site.collectives_order
                .iter()
                .map(|c| ExemplarId::Collective(*c))
                .collect(),
        )
    };
    let section_kind = if kind == "person" {
        Kind::Person
    } else {
        Kind::Collective
    };
    let url = urls.section(path);
    let total = page_count(ids.len(), size);
    let view = ExemplarsView {
        intro_html: if n == 1 {
            r.intro(site.intro(section_kind))?
        } else {
            None
        },
        intro_extra: intro_extra(site, section_kind),
        kind,
        total: ids.len(),
        items: page_slice(&ids, size, n)
            .iter()
            .map(|e| ctx.card(*e))
            .collect::<Result<_, _>>()?,
    };
    let title = r.paged_title(r.section_title(section_kind, key), n);
    let page = r.page(
        title,
        Urls::paged(&url, n),
        if kind == "person" {
            "people"
        } else {
            "collectives"
        },
        vec![r.home_crumb()],
        Pagination::new(&url, n, total),
        view,
    );
    r.render_page(
        if kind == "person" {
            "people.html"
        } else {
            "collectives.html"
        },
        page,
    )
}

/// The profile of a person or a collective.
pub(crate) fn profile(r: &Renderer<'_>, id: ExemplarId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx, site, labels, ..
    } = r.scope();
    let p = site.exemplar(id);
    let (kind, section, key, template) = match id {
        ExemplarId::Person(_) => ("person", "people", "people", "person.html"),
        ExemplarId::Collective(_) => (
            "collective",
            "collectives",
            "collectives",
            "collective.html",
        ),
    };
    let conferences = p
        .conferences
        .iter()
        .map(|c| {
            let conf = &site.conferences[c.ix()];
            let mut roles = Vec::new();
            if conf.honoured.contains(&id) {
                roles.push(labels.get("role.honoured"));
            }
            if conf.speakers.contains(&id) {
                roles.push(labels.get("role.speaker"));
            }
            if let ExemplarId::Person(pid) = id
                && conf.elected.contains(&pid)
            {
                roles.push(labels.get("role.elected"));
            }
            ConferenceRoleView {
                link: ctx.conference_link(*c),
                date: labels.when_planned(&conf.when, conf.tentative, false),
                roles,
            }
        })
        .collect();
    let view = ProfileView {
        name: p.name.clone(),
        kind,
        position: p.position.clone(),
        unit: ctx.unit_link(p.unit),
        unit_path: r.unit_path(p.unit),
        fields: p.fields.clone(),
        movements: p.movements.iter().map(|m| ctx.movement_link(*m)).collect(),
        photo: p
            .photo
            .as_ref()
            .map(|f| ctx.image(f, crate::render::context::PORTRAIT)),
        initial: crate::vi::monogram(&p.name, kind == "person"),
        top_award: ctx.top_award(id).map(|a| ctx.award_view(a)),
        summary: p.summary.clone(),
        body_html: r.body(&p.meta)?,
        commendations: ctx.own_rows(&p.commendations)?,
        active_count: p
            .commendations
            .iter()
            .filter(|c| site.commendation(**c).revoked.is_none())
            .count(),
        conferences,
        media: ctx.media(&p.meta.media),
        related: ctx.related_news(match id {
            ExemplarId::Person(x) => EntityRef::Person(x),
            ExemplarId::Collective(x) => EntityRef::Collective(x),
        }),
        extra: p.meta.extra.as_ref(),
    };
    let path = match id {
        ExemplarId::Person(_) => &site.config.paths.people,
        ExemplarId::Collective(_) => &site.config.paths.collectives,
    };
    let crumbs = r.section_crumbs(key, path);
    let mut page = r.page(
        ctx.profile_title(id).to_string(),
        ctx.exemplar_url(id),
        section,
        crumbs,
        None,
        view,
    );
    page.description = p.summary.clone();
    r.render_page(template, page)
}
