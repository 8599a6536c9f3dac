//! The statistics page: commendations by year, award level, top-level unit
//! and movement, and the shares of women and of ethnic minorities among
//! exemplars and conference delegates, which the plans ask to be represented.
//!
//! Charts are HTML bar lists made at build time, with no JavaScript: the
//! labels are text that wraps at any width (a phone shows them whole and at
//! the page's size, never cut or shrunk), each bar a one-rectangle SVG
//! sized by attribute (the content security policy forbids inline styles),
//! and the page shows the same figures as a table. Revoked awards are not counted. Gender and ethnicity,
//! which never appear on a person's page, are used here only as totals.

use crate::awards::AwardLevel;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::labels::{Labels, percent};
use crate::render::urls::Urls;
use crate::render::{RenderedFile, Renderer, Scope};
use crate::vi;
use serde::Serialize;
use std::collections::BTreeMap;

/// One bar of a chart, and one row of its table.
#[derive(Clone, Debug, Serialize)]
pub struct ChartRow {
    pub label: String,
    pub value: u64,
    pub value_text: String,
    pub url: Option<String>,
    /// The bar's length in thousandths of the longest.
    pub per_mille: u64,
}

/// A chart with its accessible description and its figures.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rows: Vec<ChartRow>,
    /// How the figures were counted, when that needs saying.
    pub note: Option<String>,
}

/// A share of a population.
#[derive(Clone, Debug, Serialize)]
pub struct Share {
    pub label: String,
    pub count: String,
    pub known: String,
    pub percent: String,
}

/// Delegate figures of one conference.
#[derive(Clone, Debug, Serialize)]
pub struct ConferenceShares {
    pub title: String,
    pub url: String,
    pub total: String,
    pub women: String,
    pub ethnic_minority: String,
}

/// Everything on the statistics page.
#[derive(Clone, Debug, Serialize)]
pub struct StatsView {
    pub total: String,
    pub revoked: String,
    pub charts: Vec<Chart>,
    pub exemplar_shares: Vec<Share>,
    pub delegate_shares: Vec<Share>,
    pub conferences: Vec<ConferenceShares>,
}

/// A bar's length in thousandths of the longest; a bar of any count above
/// zero stays visible.
fn per_mille(value: u64, max: u64) -> u64 {
    if value == 0 {
        0
    } else {
        (value * 1000 / max.max(1)).max(8)
    }
}

/// A chart's input row: label, value and the page it links to.
type Bar = (String, u64, Option<String>);

/// Largest first; equal values in Vietnamese alphabetical order.
fn largest_first(mut rows: Vec<Bar>) -> Vec<Bar> {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| vi::compare(&a.0, &b.0)));
    rows
}

fn chart(id: &str, title: String, labels: &Labels<'_>, rows: Vec<Bar>) -> Chart {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let rows: Vec<ChartRow> = rows
        .into_iter()
        .map(|(label, value, url)| ChartRow {
            value_text: labels.number(value as i64),
            label,
            value,
            url,
            per_mille: per_mille(value, max),
        })
        .collect();
    let description = rows
        .iter()
        .map(|r| format!("{}: {}", r.label, r.value_text))
        .collect::<Vec<_>>()
        .join("; ");
    Chart {
        id: id.to_string(),
        title,
        description,
        rows,
        note: None,
    }
}

/// Computes the statistics of a site.
pub fn stats(site: &Site, urls: &Urls, labels: &Labels<'_>) -> StatsView {
    let s = labels.strings;
    let lang = s.lang();
    let active: Vec<&Commendation> = site
        .commendations
        .iter()
        .filter(|c| c.revoked.is_none())
        .collect();
    let mut by_year: BTreeMap<i32, u64> = BTreeMap::new();
    let mut by_level: BTreeMap<AwardLevel, u64> = BTreeMap::new();
    let mut by_movement: BTreeMap<Option<MovementId>, u64> = BTreeMap::new();
    for c in &active {
        if let Some(y) = c.year {
            *by_year.entry(y).or_default() += 1;
        }
        *by_level.entry(c.level).or_default() += 1;
        *by_movement.entry(c.movement).or_default() += 1;
    }
    let mut charts = Vec::new();
    charts.push(chart(
        "by-year",
        s.get("stats.by_year").to_string(),
        labels,
        by_year
            .iter()
            .map(|(y, n)| (y.to_string(), *n, Some(urls.year(*y))))
            .collect(),
    ));
    charts.push(chart(
        "by-level",
        s.get("stats.by_level").to_string(),
        labels,
        AwardLevel::ALL
            .iter()
            .filter_map(|l| {
                by_level
                    .get(l)
                    .map(|n| (s.get(&format!("level.{}", l.slug())).to_string(), *n, None))
            })
            .collect(),
    ));
    let unit_rows = top_unit_rows(site, urls, labels);
    let mut by_unit = chart(
        "by-unit",
        s.get("stats.by_unit").to_string(),
        labels,
        largest_first(unit_rows),
    );
    by_unit.note = Some(s.get("stats.by_unit_note").to_string());
    charts.push(by_unit);
    let movement_rows: Vec<Bar> = by_movement
        .iter()
        .map(|(m, n)| match m {
            Some(m) => {
                let mv = &site.movements[m.ix()];
                (mv.title.clone(), *n, Some(urls.movement(&mv.meta.slug)))
            }
            None => (s.get("stats.no_movement").to_string(), *n, None),
        })
        .collect();
    charts.push(chart(
        "by-movement",
        s.get("stats.by_movement").to_string(),
        labels,
        largest_first(movement_rows),
    ));

    let share = |label: &str, count: u64, known: u64| Share {
        label: label.to_string(),
        count: labels.number(count as i64),
        known: labels.number(known as i64),
        percent: percent(count as u32, known as u32, lang),
    };
    let gender_known = site.people.iter().filter(|p| p.gender.is_some()).count() as u64;
    let women = site
        .people
        .iter()
        .filter(|p| p.gender == Some(Gender::Nu))
        .count() as u64;
    let ethnicity_known = site.people.iter().filter(|p| p.ethnicity.is_some()).count() as u64;
    let minority = site
        .people
        .iter()
        .filter(|p| p.ethnicity.as_deref().is_some_and(is_minority))
        .count() as u64;
    let exemplar_shares = vec![
        share(s.get("stats.women"), women, gender_known),
        share(s.get("stats.ethnic_minority"), minority, ethnicity_known),
    ];
    let (conferences, delegate_shares) = delegate_shares(site, urls, labels, &share);
    StatsView {
        total: labels.number(active.len() as i64),
        revoked: labels.number((site.commendations.len() - active.len()) as i64),
        charts,
        exemplar_shares,
        delegate_shares,
        conferences,
    }
}

/// Whether an ethnicity is a minority: anything but Kinh (Việt).
pub fn is_minority(ethnicity: &str) -> bool {
    !matches!(
        vi::fold(ethnicity.trim()).as_str(),
        "kinh" | "viet" | "kinh (viet)"
    )
}

/// Commendations in force by top-level unit of today's tree (the units
/// under the single root, and the root's own; or the roots). Each counts
/// under today's successor of the unit it was earned in, so a merged
/// commune's awards count for the commune that took it over.
fn top_unit_rows(site: &Site, urls: &Urls, labels: &Labels<'_>) -> Vec<Bar> {
    let s = labels.strings;
    let single_root = match site.roots.as_slice() {
        [root] => Some(*root),
        _ => None,
    };
    // Each unit of today's tree, its top-level unit; walked in tree order,
    // so a unit's parent is settled before it.
    let mut top: Vec<Option<UnitId>> = vec![None; site.units.len()];
    for (&u, &depth) in site.unit_order.iter().zip(&site.unit_depths) {
        top[u.ix()] = match (depth, single_root) {
            (0, _) => Some(u),
            (1, Some(_)) => Some(u),
            _ => site.units[u.ix()].parent.and_then(|p| top[p.ix()]),
        };
    }
    let mut counts = vec![0u64; site.units.len()];
    for c in site.commendations.iter().filter(|c| c.revoked.is_none()) {
        // A unit dissolved with no successor (a district) counts under the
        // nearest unit above it, at the time, that lives on.
        let date = c.tree_date().unwrap_or(site.units[c.unit.ix()].as_of);
        let today = lineage_on(&site.units, c.unit, date).find_map(|u| site.units[u.ix()].today);
        if let Some(t) = today.and_then(|t| top[t.ix()]) {
            counts[t.ix()] += 1;
        }
    }
    let shown: Vec<UnitId> = match single_root {
        Some(root) => site.units[root.ix()].children.clone(),
        None => site.roots.clone(),
    };
    let mut unit_rows: Vec<Bar> = shown
        .iter()
        .map(|u| {
            let unit = &site.units[u.ix()];
            (
                unit.name.clone(),
                counts[u.ix()],
                Some(urls.unit(&unit.meta.slug)),
            )
        })
        .filter(|r| r.1 > 0)
        .collect();
    if let Some(root) = single_root
        && counts[root.ix()] > 0
    {
        let unit = &site.units[root.ix()];
        unit_rows.push((
            s.format("stats.own", &[("name", &unit.name)]),
            counts[root.ix()],
            Some(urls.unit(&unit.meta.slug)),
        ));
    }
    unit_rows
}

/// The composition of each conference's delegates, and the shares of women
/// and of ethnic minorities over all of them.
fn delegate_shares(
    site: &Site,
    urls: &Urls,
    labels: &Labels<'_>,
    share: &dyn Fn(&str, u64, u64) -> Share,
) -> (Vec<ConferenceShares>, Vec<Share>) {
    let s = labels.strings;
    let lang = s.lang();
    let mut total = (0u64, 0u64, 0u64, 0u64); // delegates with women known, women, with minorities known, minorities
    let mut conferences = Vec::new();
    for id in &site.conference_order {
        let c = &site.conferences[id.ix()];
        let Some(d) = &c.delegates else { continue };
        let Some(t) = d.total else { continue };
        if let Some(w) = d.women {
            total.0 += t as u64;
            total.1 += w as u64;
        }
        if let Some(m) = d.ethnic_minority {
            total.2 += t as u64;
            total.3 += m as u64;
        }
        conferences.push(ConferenceShares {
            title: c.title.clone(),
            url: urls.conference(&c.meta.slug),
            total: labels.number(t as i64),
            women: d.women.map_or_else(
                || "–".into(),
                |w| format!("{} ({})", labels.number(w as i64), percent(w, t, lang)),
            ),
            ethnic_minority: d.ethnic_minority.map_or_else(
                || "–".into(),
                |m| format!("{} ({})", labels.number(m as i64), percent(m, t, lang)),
            ),
        });
    }
    let delegate_shares = vec![
        share(s.get("stats.women"), total.1, total.0),
        share(s.get("stats.ethnic_minority"), total.3, total.2),
    ];
    (conferences, delegate_shares)
}

/// The statistics page.
pub(crate) fn render(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let view = stats(site, urls, labels);
    let page = r.top_page(
        labels.get("stats.title"),
        urls.section(&paths.statistics),
        "statistics",
        view,
    );
    r.render_page("stats.html", page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_in_thousandths_of_the_longest() {
        assert_eq!(per_mille(12, 12), 1000);
        assert_eq!(per_mille(3, 12), 250);
        assert_eq!(per_mille(0, 12), 0);
        assert_eq!(per_mille(1, 100_000), 8);
        assert_eq!(per_mille(0, 0), 0);
    }

    #[test]
    fn minorities() {
        assert!(!is_minority("Kinh"));
        assert!(is_minority("Tày"));
        assert!(is_minority("Nùng"));
    }
}
