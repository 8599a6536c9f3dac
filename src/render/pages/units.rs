//! The unit tree (`/don-vi/`) and each unit's page: breadcrumbs up the
//! tree, sub-units, its history after mergers, cluster scores, and the
//! exemplars and commendations of the unit and everything under it.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use serde::Serialize;

#[derive(Serialize)]
/// One unit of the tree, as a flat list in depth-first order that the
/// template nests with plain loops: any depth, no recursion.
pub struct TreeNode {
    pub link: Link,
    pub kind_label: String,
    pub count: u32,
    pub dissolved: bool,
    /// Whether its sub-units follow (it opens a nested list).
    pub opens: bool,
    /// How many nested lists end after it.
    pub closes: usize,
}
#[derive(Serialize)]
pub struct UnitsView {
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    pub tree: Vec<TreeNode>,
    pub count: usize,
}
#[derive(Serialize)]
pub struct ScoreRowView {
    pub rank: u32,
    pub unit: Link,
    pub score: String,
    pub note: Option<String>,
}
#[derive(Serialize)]
pub struct YearScoresView {
    pub year: i32,
    pub rows: Vec<ScoreRowView>,
}
#[derive(Serialize)]
pub struct PredecessorView {
    pub link: Link,
    pub dissolved: Option<String>,
    pub count: u32,
    pub exemplar_count: usize,
    pub award_counts: Vec<AwardCountView>,
}
#[derive(Serialize)]
pub struct UnitView<'a> {
    pub name: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub is_cluster: bool,
    pub body_html: Option<String>,
    pub address: Option<String>,
    pub website: Option<Link>,
    pub logo: Option<String>,
    pub established: Option<String>,
    pub dissolved: Option<String>,
    /// `ngày 1 tháng 7 năm 2025`.
    pub dissolved_long: Option<String>,
    pub successor: Option<Link>,
    pub predecessors: Vec<PredecessorView>,
    pub clusters: Vec<Link>,
    pub children: Vec<UnitCard>,
    pub members: Vec<UnitCard>,
    pub scores: Vec<YearScoresView>,
    pub award_counts: Vec<AwardCountView>,
    pub commendation_count: usize,
    pub active_count: u32,
    pub commendations: Vec<&'a str>,
    pub commendations_url: Option<String>,
    pub people: Vec<&'a str>,
    pub people_count: usize,
    pub collectives: Vec<&'a str>,
    pub collectives_count: usize,
    pub exemplars_url: Option<String>,
    pub movements: Vec<MovementCard>,
    pub conferences: Vec<ConferenceCard>,
    pub extra: Option<&'a serde_json::Value>,
}
/// `/don-vi/`: the tree of units.
pub(crate) fn index(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site, urls, paths, ..
    } = r.scope();
    let view = UnitsView {
        intro_html: r.intro(site.intro(Kind::Unit))?,
        intro_extra: intro_extra(site, Kind::Unit),
        tree: super::units::tree(r),
        count: site.units.len(),
    };
    let title = r.section_title(Kind::Unit, "units");
    let page = r.top_page(title, urls.section(&paths.units), "units", view);
    r.render_page("units.html", page)
}

/// A unit's page.
pub(crate) fn unit(r: &Renderer<'_>, id: UnitId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        size,
        ..
    } = r.scope();
    let u = &site.units[id.ix()];
    let people: Vec<ExemplarId> = u
        .exemplars
        .iter()
        .copied()
        .filter(|e| matches!(e, ExemplarId::Person(_)))
        .collect();
    let collectives: Vec<ExemplarId> = u
        .exemplars
        .iter()
        .copied()
        .filter(|e| matches!(e, ExemplarId::Collective(_)))
        .collect();
    let shown_people: Vec<&str> = ctx.cards(people.iter().take(size).copied())?;
    let room = size.saturating_sub(shown_people.len()).max(size.min(12));
    let url = urls.unit(&u.meta.slug);
    let view = UnitView {
        name: u.name.clone(),
        kind: u.kind,
        kind_label: labels.unit_kind(u.kind),
        is_cluster: matches!(u.kind, "cum-thi-dua" | "khoi-thi-dua"),
        body_html: r.body(&u.meta)?,
        address: u.address.clone(),
        website: u.website.as_ref().map(|w| Link {
            title: w.clone(),
            url: if w.starts_with("http://") || w.starts_with("https://") {
                w.clone()
            } else {
                format!("https://{w}")
            },
        }),
        logo: u.logo.as_ref().map(|f| urls.file(f)),
        established: u.established.map(|d| labels.date(d)),
        dissolved: u.dissolved.map(|d| labels.date(d)),
        dissolved_long: u.dissolved.map(|d| labels.date_long(d)),
        successor: u.successor.map(|s| ctx.unit_link(s)),
        predecessors: u
            .predecessors
            .iter()
            .map(|p| {
                let pu = &site.units[p.ix()];
                PredecessorView {
                    link: ctx.unit_link(*p),
                    dissolved: pu.dissolved.map(|d| labels.date(d)),
                    count: pu.active_count,
                    exemplar_count: pu.exemplars.len(),
                    award_counts: ctx.award_counts(&pu.award_counts),
                }
            })
            .collect(),
        clusters: u.clusters.iter().map(|c| ctx.unit_link(*c)).collect(),
        children: u.children.iter().map(|c| ctx.unit_card(*c)).collect(),
        members: u.members.iter().map(|c| ctx.unit_card(*c)).collect(),
        scores: u
            .scores
            .iter()
            .map(|y| YearScoresView {
                year: y.year,
                rows: y
                    .entries
                    .iter()
                    .map(|e| ScoreRowView {
                        rank: e.rank,
                        unit: ctx.unit_link(e.unit),
                        score: crate::vi::format_decimal(e.score, site.config.language),
                        note: e.note.clone(),
                    })
                    .collect(),
            })
            .collect(),
        award_counts: ctx.award_counts(&u.award_counts),
        commendation_count: u.roll.len(),
        active_count: u.active_count,
        commendations: ctx.rows(&u.roll[..u.roll.len().min(size)])?,
        commendations_url: (u.roll.len() > size).then(|| format!("{url}khen-thuong/")),
        people_count: people.len(),
        people: shown_people,
        collectives_count: collectives.len(),
        collectives: collectives
            .iter()
            .take(room)
            .map(|e| ctx.card(*e))
            .collect::<Result<_, _>>()?,
        exemplars_url: (u.exemplars.len() > size).then(|| format!("{url}dien-hinh/")),
        movements: u
            .movements_launched
            .iter()
            .map(|m| ctx.movement_card(*m))
            .collect(),
        conferences: u
            .conferences_organised
            .iter()
            .map(|c| ctx.conference_card(*c))
            .collect(),
        extra: u.meta.extra.as_ref(),
    };
    let page = r.page(u.name.clone(), url, "units", r.unit_crumbs(id), None, view);
    r.render_page("unit.html", page)
}

/// The unit tree from the roots, for the units and search pages: every
/// unit in tree order, with where nested lists open and close.
pub(super) fn tree(r: &Renderer<'_>) -> Vec<TreeNode> {
    let site = r.ctx.site;
    let order = &site.unit_order;
    let depth = |i: usize| {
        order
            .get(i)
            .map_or(0, |u| site.units[u.ix()].ancestors.len())
    };
    order
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let u = &site.units[id.ix()];
            let (here, next) = (depth(i), depth(i + 1));
            TreeNode {
                link: r.ctx.unit_link(id),
                kind_label: r.ctx.labels.unit_kind(u.kind),
                count: u.active_count,
                dissolved: u.dissolved.is_some_and(|d| d <= site.now),
                opens: next > here,
                closes: here.saturating_sub(next),
            }
        })
        .collect()
}
