//! The unit tree (`/don-vi/`) and each unit's page: breadcrumbs up the
//! tree, sub-units, its history after mergers, cluster scores, and the
//! exemplars and commendations of the unit and everything under it.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use chrono::NaiveDate;
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
    /// Today's tree.
    pub tree: Vec<TreeNode>,
    pub count: usize,
    /// Units outside today's tree, latest dissolved first.
    pub former: Vec<FormerUnitView>,
    pub history_url: String,
}
/// A unit that no longer exists (or not yet), and where it went.
#[derive(Serialize)]
pub struct FormerUnitView {
    pub card: UnitCard,
    pub change: Option<ChangeView>,
    pub successors: Vec<SuccessorView>,
}
/// `/don-vi/lich-su/`.
#[derive(Serialize)]
pub struct HistoryView {
    pub events: Vec<ChangeEvent>,
}
/// One change on one date: the units it ended or changed, the units that
/// took them over, and its legal act.
#[derive(Serialize)]
pub struct ChangeEvent {
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub kind: &'static str,
    pub kind_label: String,
    pub units: Vec<Link>,
    pub into: Vec<SuccessorView>,
    /// For a renaming: `Đổi tên từ … thành …`.
    pub note: Option<String>,
    pub by: Option<String>,
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
/// A unit this one took over (in whole or in part), with its roll by name.
#[derive(Serialize)]
pub struct PredecessorView<'a> {
    pub link: Link,
    pub kind_label: String,
    /// The part of it that came over, when only a part did.
    pub part: Option<String>,
    pub change: Option<ChangeView>,
    pub count: u32,
    pub exemplar_count: usize,
    pub award_counts: Vec<AwardCountView>,
    /// Its exemplars (cards), the first of them.
    pub exemplars: Vec<&'a str>,
    /// Its commendations (rows), the latest of them.
    pub commendations: Vec<&'a str>,
    /// Its own page, when the roll shown here is not all of it.
    pub more_url: Option<String>,
}
/// A unit that took this one over, with the part it took.
#[derive(Serialize)]
pub struct SuccessorView {
    pub link: Link,
    pub part: Option<String>,
}
/// How a unit ended or changed.
#[derive(Serialize)]
pub struct ChangeView {
    pub kind: &'static str,
    pub kind_label: String,
    pub date: Option<String>,
    pub date_long: Option<String>,
    pub by: Option<String>,
}
/// A unit that belonged to this one before, and when.
#[derive(Serialize)]
pub struct FormerChildView {
    pub card: UnitCard,
    pub period: Option<String>,
}
#[derive(Serialize)]
pub struct FormerNameView {
    pub name: String,
    pub until: Option<String>,
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
    pub logo: Option<ImageView>,
    pub established: Option<String>,
    pub dissolved: Option<String>,
    /// `ngày 1 tháng 7 năm 2025`.
    pub dissolved_long: Option<String>,
    /// Whether it has ended by the build date (its page shows its time).
    pub ended: bool,
    /// Whether it is still to be established.
    pub not_yet: bool,
    /// The date the tree on the page is of, `30/6/2025`.
    pub as_of: String,
    pub change: Option<ChangeView>,
    pub successors: Vec<SuccessorView>,
    pub predecessors: Vec<PredecessorView<'a>>,
    pub former_names: Vec<FormerNameView>,
    pub former_children: Vec<FormerChildView>,
    pub clusters: Vec<Link>,
    pub children: Vec<UnitCard>,
    pub members: Vec<UnitCard>,
    pub scores: Vec<YearScoresView>,
    pub award_counts: Vec<AwardCountView>,
    pub commendation_count: usize,
    pub active_count: u32,
    pub commendations: Vec<&'a str>,
    pub commendations_url: Option<String>,
    /// People and collectives by their highest award.
    pub groups: Vec<AwardGroupView<'a>>,
    pub people_count: usize,
    pub collectives_count: usize,
    /// The unit's printable honour boards, one per year, newest first.
    pub boards: Vec<Link>,
    /// The sub-units shown before the rest are folded away.
    pub children_shown: usize,
    pub exemplars_url: Option<String>,
    /// The first movements it launched, as cards.
    pub movements: Vec<MovementCard>,
    /// The rest, as links folded under "more".
    pub movements_more: Vec<Link>,
    pub conferences: Vec<ConferenceCard>,
    /// News about it, newest first.
    pub related: Vec<NewsCard>,
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
        former: site
            .former_units
            .iter()
            .map(|&id| {
                let u = &site.units[id.ix()];
                FormerUnitView {
                    card: r.ctx.unit_card(id),
                    change: u.change.as_ref().map(|c| change_view(r, c)),
                    successors: successors(r, u),
                }
            })
            .collect(),
        history_url: urls.unit_history(),
    };
    let title = r.section_title(Kind::Unit, "units");
    let page = r.top_page(title, urls.section(&paths.units), "units", view);
    r.render_page("units.html", page)
}

/// Cards shown per award group on a unit's page, and in all.
const GROUP_CARDS: usize = 6;
const GROUP_BUDGET: usize = 24;
/// Sub-units listed before the rest are folded under "more".
const CHILDREN_SHOWN: usize = 12;
/// Movements a unit's page shows as cards; the rest are folded links.
const MOVEMENT_CARDS: usize = 6;
/// Commendations a unit's page lists before linking to its full roll.
const RECENT_ROWS: usize = 10;

/// How many commendations a unit's page lists (never more than a page of
/// the site's listings).
pub(crate) fn recent_rows(size: usize) -> usize {
    RECENT_ROWS.min(size)
}

/// How many cards an award group shows, and all groups together.
pub(crate) fn group_cards(size: usize) -> (usize, usize) {
    (
        GROUP_CARDS.min(size),
        GROUP_BUDGET.min(size.max(GROUP_CARDS)),
    )
}

/// Whether a unit's commendations are more than its page lists, and so
/// have pages of their own (`…/khen-thuong/`).
pub(crate) fn roll_folds(len: usize, size: usize) -> bool {
    len > recent_rows(size)
}

/// Whether the exemplars of a unit or a movement may be more than its
/// page shows, and so have pages of their own (`…/dien-hinh/`).
pub(crate) fn exemplars_fold(len: usize, size: usize) -> bool {
    len > group_cards(size).0
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
    let people_count = u
        .exemplars
        .iter()
        .filter(|e| matches!(e, ExemplarId::Person(_)))
        .count();
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
        logo: u
            .logo
            .as_ref()
            .map(|f| ctx.image(f, crate::render::context::LOGO)),
        established: u.established.map(|d| labels.date(d)),
        dissolved: u.dissolved.map(|d| labels.date(d)),
        dissolved_long: u.dissolved.map(|d| labels.date_long(d)),
        ended: u.ended(site.now),
        not_yet: u.established.is_some_and(|e| e > site.now),
        as_of: labels.date(u.as_of),
        change: u.change.as_ref().map(|c| change_view(r, c)),
        successors: successors(r, u),
        predecessors: u
            .predecessors
            .iter()
            .map(|p| predecessor(r, p))
            .collect::<Result<_, _>>()?,
        former_names: u
            .former_names
            .iter()
            .map(|f| FormerNameView {
                name: f.name.clone(),
                until: f.until.map(|d| labels.date(d)),
            })
            .collect(),
        former_children: u
            .former_children
            .iter()
            .map(|m| FormerChildView {
                card: ctx.unit_card(m.unit),
                period: labels.period(m.from, m.until),
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
        commendations: ctx.rows(&u.roll[..u.roll.len().min(recent_rows(size))])?,
        commendations_url: roll_folds(u.roll.len(), size).then(|| format!("{url}khen-thuong/")),
        people_count,
        collectives_count: u.exemplars.len() - people_count,
        groups: {
            let (per_group, budget) = group_cards(size);
            ctx.award_groups(&u.exemplars, per_group, budget)?
        },
        children_shown: CHILDREN_SHOWN,
        boards: super::boards::links(r, id),
        exemplars_url: exemplars_fold(u.exemplars.len(), size).then(|| format!("{url}dien-hinh/")),
        movements: u
            .movements_launched
            .iter()
            .take(MOVEMENT_CARDS)
            .map(|m| ctx.movement_card(*m))
            .collect(),
        movements_more: u
            .movements_launched
            .iter()
            .skip(MOVEMENT_CARDS)
            .map(|m| ctx.movement_link(*m))
            .collect(),
        conferences: u
            .conferences_organised
            .iter()
            .map(|c| ctx.conference_card(*c))
            .collect(),
        related: ctx.related_news(EntityRef::Unit(id)),
        extra: u.meta.extra.as_ref(),
    };
    let title = r.ctx.unit_title(id).to_string();
    let page = r.page(title, url, "units", r.unit_crumbs(id), None, view);
    r.render_page("unit.html", page)
}

fn successors(r: &Renderer<'_>, u: &Unit) -> Vec<SuccessorView> {
    u.successors
        .iter()
        .map(|s| SuccessorView {
            link: r.ctx.unit_link(s.unit),
            part: s.part.clone(),
        })
        .collect()
}

/// `/don-vi/lich-su/`: every change of every unit in date order. Units
/// that ended on one date into the same units by the same act are one
/// event (three communes merged into one).
pub(crate) fn history(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope { site, urls, .. } = r.scope();
    let events = change_events(r);
    let title = r.ctx.labels.get("unit.history");
    let crumbs = r.section_crumbs("units", &site.config.paths.units);
    let page = r.page(
        title,
        urls.unit_history(),
        "units",
        crumbs,
        None,
        HistoryView { events },
    );
    r.render_page("unit_history.html", page)
}

/// The events of [`history`], earliest first, undated last.
fn change_events(r: &Renderer<'_>) -> Vec<ChangeEvent> {
    let Scope {
        ctx, site, labels, ..
    } = r.scope();
    type Key = (Option<NaiveDate>, &'static str, Vec<UnitId>, Option<String>);
    let mut events: Vec<(Key, ChangeEvent)> = Vec::new();
    let mut by_key: rustc_hash::FxHashMap<Key, usize> = Default::default();
    let event = |date: Option<NaiveDate>, kind: &'static str, by: Option<String>| ChangeEvent {
        date: date.map(|d| labels.date(d)),
        date_iso: date.map(|d| d.to_string()),
        kind,
        kind_label: labels.get(&format!("change.{kind}")),
        units: Vec::new(),
        into: Vec::new(),
        note: None,
        by,
    };
    for (i, u) in site.units.iter().enumerate() {
        let id = UnitId(i as u32);
        let renamed_by = u.change.as_ref().filter(|c| c.kind == "doi-ten");
        // Each former name ends in a renaming, the day after its `until`.
        for (k, f) in u.former_names.iter().enumerate() {
            let date = f.until.and_then(|d| d.succ_opt());
            let new = u.former_names.get(k + 1).map_or(&u.name, |n| &n.name);
            let last = k + 1 == u.former_names.len();
            let mut e = event(
                date,
                "doi-ten",
                renamed_by.filter(|_| last).and_then(|c| c.by.clone()),
            );
            e.units.push(ctx.unit_link(id));
            e.note = Some(
                labels
                    .strings
                    .format("unit.history_renamed", &[("old", &f.name), ("new", new)]),
            );
            events.push(((date, "doi-ten", vec![id], None), e));
        }
        let Some(c) = &u.change else { continue };
        if c.kind == "doi-ten" && !u.former_names.is_empty() {
            continue;
        }
        let date = c.date.or(u.dissolved);
        let into: Vec<UnitId> = u.successors.iter().map(|s| s.unit).collect();
        let key: Key = (date, c.kind, into, c.by.clone());
        let at = match by_key.get(&key) {
            // A split is one event per unit split, with the parts.
            Some(&at) if c.kind != "chia-tach" => at,
            _ => {
                let mut e = event(date, c.kind, c.by.clone());
                e.into = successors(r, u);
                events.push((key.clone(), e));
                by_key.insert(key, events.len() - 1);
                events.len() - 1
            }
        };
        events[at].1.units.push(ctx.unit_link(id));
    }
    events.sort_by_key(|(k, _)| (k.0.is_none(), k.0));
    events.into_iter().map(|(_, e)| e).collect()
}

/// How many exemplars and commendations of a predecessor its successor's
/// page lists by name; the rest are on the predecessor's own page.
const PREDECESSOR_ROLL: usize = 12;

/// A predecessor with its roll by name.
fn predecessor<'s>(r: &'s Renderer<'_>, p: &Succession) -> Result<PredecessorView<'s>, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        ..
    } = r.scope();
    let pu = &site.units[p.unit.ix()];
    let exemplars = ctx.cards(pu.exemplars.iter().take(PREDECESSOR_ROLL).copied())?;
    let commendations = ctx.rows(&pu.roll[..pu.roll.len().min(PREDECESSOR_ROLL)])?;
    let more = pu.exemplars.len() > PREDECESSOR_ROLL || pu.roll.len() > PREDECESSOR_ROLL;
    Ok(PredecessorView {
        link: ctx.unit_link(p.unit),
        kind_label: labels.unit_kind(pu.kind),
        part: p.part.clone(),
        change: pu.change.as_ref().map(|c| change_view(r, c)),
        count: pu.active_count,
        exemplar_count: pu.exemplars.len(),
        award_counts: ctx.award_counts(&pu.award_counts),
        exemplars,
        commendations,
        more_url: more.then(|| urls.unit(&pu.meta.slug)),
    })
}

pub(super) fn change_view(r: &Renderer<'_>, c: &UnitChange) -> ChangeView {
    let labels = &r.ctx.labels;
    ChangeView {
        kind: c.kind,
        kind_label: labels.get(&format!("change.{}", c.kind)),
        date: c.date.map(|d| labels.date(d)),
        date_long: c.date.map(|d| labels.date_long(d)),
        by: c.by.clone(),
    }
}

/// Today's unit tree, for the units and search pages: every unit that
/// exists on the build date in tree order, with where nested lists open
/// and close.
pub(super) fn tree(r: &Renderer<'_>) -> Vec<TreeNode> {
    let site = r.ctx.site;
    let order = &site.unit_order;
    let depth = |i: usize| site.unit_depths.get(i).map_or(0, |d| *d as usize);
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
