//! The views shared by many pages: links, the rows of commendation tables
//! and the cards of exemplars, units, movements, conferences and news.
//!
//! Templates never see the model's internal types (ids, collation keys,
//! source locations): each view has exactly what it shows, with URLs
//! already made, dates already written the site's way and labels already
//! in the site's language. Gender and ethnicity are never in a view: the
//! content model reserves them for aggregate statistics.

use super::labels::Labels;
use super::urls::Urls;
use crate::awards::{AwardId, Catalogue};
use crate::model::*;
use serde::Serialize;

/// A link.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A recipient in a commendation row.
#[derive(Clone, Debug, Serialize)]
pub struct RecipientView {
    pub name: String,
    /// Profile or unit page; none for recipients listed by name only.
    pub url: Option<String>,
    /// `person`, `collective` or `unit`.
    pub kind: &'static str,
    pub kind_label: String,
}

/// An award as shown in rows and headings.
#[derive(Clone, Debug, Serialize)]
pub struct AwardView {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub level: String,
    pub level_label: String,
    /// Whether the level is that of the giver (a Giấy khen).
    pub by_giver: bool,
    pub rank: u32,
    /// The drawing of its family of award (`static/insignia/<slug>.svg`).
    pub insignia_url: String,
}

/// A revocation as shown.
#[derive(Clone, Debug, Serialize)]
pub struct RevokedView {
    pub date: Option<String>,
    pub decision: Option<String>,
    pub reason: Option<String>,
}

/// One row of a commendation table.
#[derive(Clone, Debug, Serialize)]
pub struct CommendationRow {
    pub id: String,
    /// The row's `id` attribute, so that links can point at it.
    pub anchor: String,
    pub recipient: RecipientView,
    pub position: Option<String>,
    pub unit: Link,
    /// Whether unit and position are those of the time of the award
    /// (`khi đó`), not the recipient's of today.
    pub at_the_time: bool,
    pub award: AwardView,
    pub authority: Option<String>,
    /// The conferring unit's page.
    pub conferred_by: Option<Link>,
    pub decision: Option<Link>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub year: Option<i32>,
    /// The year the title is for, when it differs from the decision's year.
    pub year_note: Option<i32>,
    pub movement: Option<Link>,
    pub conference: Option<Link>,
    pub citation: Option<String>,
    pub posthumous: bool,
    pub revoked: Option<RevokedView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnitCard {
    pub link: Link,
    pub kind_label: String,
    pub count: u32,
    pub exemplar_count: usize,
    pub dissolved: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExemplarCard {
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub unit: Link,
    pub position: Option<String>,
    pub summary: Option<String>,
    pub photo: Option<ImageView>,
    pub commendation_count: usize,
    pub top_award: Option<String>,
    /// The drawing of the top award's family.
    pub top_insignia_url: Option<String>,
    /// The first letter of the given name, drawn when there is no photo.
    pub initial: String,
}

/// Exemplars who share a highest award, as a unit or a movement shows
/// them: a few cards and how many more.
#[derive(Clone, Debug, Serialize)]
pub struct AwardGroupView<'a> {
    /// None for those with no award in force.
    pub award: Option<AwardView>,
    pub count: usize,
    pub cards: Vec<&'a str>,
    /// How many of the group are not shown as cards.
    pub more: usize,
}

/// An image as a page shows it: a fallback `src`, the JPEG and WebP sizes
/// for `srcset`, and the width and height it takes, so nothing shifts
/// while it loads. An image that is not processed (SVG, an address) has
/// only `src`.
#[derive(Clone, Debug, Serialize)]
pub struct ImageView {
    pub src: String,
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// An entity's photos and videos as a page shows them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MediaView {
    pub photos: Vec<PhotoView>,
    pub videos: Vec<VideoView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PhotoView {
    pub image: ImageView,
    /// The full view: the largest size, opened by the link (no script).
    pub full: String,
    pub caption: String,
    pub credit: Option<String>,
    pub date: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VideoView {
    pub title: String,
    pub src: String,
    /// `video/mp4`, `video/webm`; none for an address of another site.
    pub mime: Option<&'static str>,
    pub external: bool,
    pub poster: Option<ImageView>,
    pub captions: Option<String>,
    pub duration: Option<String>,
    pub credit: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MovementCard {
    pub link: Link,
    pub status: &'static str,
    pub status_label: String,
    pub period: Option<String>,
    pub launched_by: Link,
    pub slogan: Option<String>,
    pub commendation_count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ConferenceCard {
    pub link: Link,
    pub date: String,
    pub date_iso: String,
    /// The date is planned, not fixed (`dự kiến`).
    pub tentative: bool,
    pub kind_label: String,
    pub organizer: Link,
    pub location: Option<String>,
    pub edition: Option<String>,
    pub upcoming: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct NewsCard {
    pub link: Link,
    pub date: String,
    pub date_iso: String,
    pub summary: Option<String>,
    pub photo: Option<ImageView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub url: String,
    pub external: bool,
    pub kind: String,
    /// `1,2 MB`, for a file of the site.
    pub size: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AwardCountView {
    pub award: AwardView,
    pub count: u32,
}

/// The `id` of a commendation's row in a table, for links to it.
pub fn row_anchor(id: &str) -> String {
    format!("kt-{}", id.replace('/', "-"))
}

/// Where a decision is shown: its page, or, for a number written on a single
/// commendation of a profile, that commendation's row on the profile.
pub fn decision_url(site: &Site, urls: &Urls, id: DecisionId) -> String {
    let d = &site.decisions[id.ix()];
    if d.page {
        return urls.decision(&d.slug);
    }
    let c = &site.commendations[d.commendations[0].ix()];
    let profile = match c.recipient {
        Recipient::Person(p) => urls.person(&site.people[p.ix()].meta.slug),
        Recipient::Collective(x) => urls.collective(&site.collectives[x.ix()].meta.slug),
        _ => return urls.decision(&d.slug),
    };
    format!("{profile}#{}", row_anchor(&c.id))
}

/// An award as rows and headings show it.
pub fn award_view(
    catalogue: &Catalogue,
    urls: &Urls,
    labels: &Labels<'_>,
    id: AwardId,
) -> AwardView {
    let a = catalogue.get(id);
    AwardView {
        slug: a.slug.clone(),
        name: a.name.clone(),
        url: urls.award(&a.slug),
        level: a.level.slug().to_string(),
        // A Giấy khen has no level of its own: each row says the giver's.
        level_label: if a.level_follows_giver() {
            String::new()
        } else {
            labels.level(a)
        },
        by_giver: a.level_follows_giver(),
        rank: a.rank,
        insignia_url: insignia_url(urls, &a.name),
    }
}

/// The address of the drawing of an award's family.
pub fn insignia_url(urls: &Urls, award_name: &str) -> String {
    let mark = crate::awards::Insignia::of_name(award_name);
    urls.root_file(&format!("insignia/{}.svg", mark.slug()))
}

/// The row of one commendation.
pub fn commendation_row(
    site: &Site,
    urls: &Urls,
    labels: &Labels<'_>,
    c: &Commendation,
) -> CommendationRow {
    let named = site.recipient(&c.recipient);
    let recipient = RecipientView {
        name: named.name.to_string(),
        url: named.slug.map(|slug| urls.recipient(named.kind, slug)),
        kind: named.kind,
        kind_label: labels.get(&format!("recipient.{}", named.kind)),
    };
    let unit = &site.units[c.unit.ix()];
    let decision = c.decision.map(|d| {
        let dd = &site.decisions[d.ix()];
        Link {
            title: dd
                .number
                .clone()
                .or_else(|| c.decision_number.clone())
                .unwrap_or_else(|| dd.slug.clone()),
            url: decision_url(site, urls, d),
        }
    });
    CommendationRow {
        id: c.id.clone(),
        anchor: row_anchor(&c.id),
        recipient,
        // A profile's position of today, unless the row is of another time.
        position: c.position.clone().or_else(|| match c.recipient {
            Recipient::Person(p) if !c.at_the_time => site.people[p.ix()].position.clone(),
            _ => None,
        }),
        unit: Link {
            title: unit.name.clone(),
            url: urls.unit(&unit.meta.slug),
        },
        at_the_time: c.at_the_time,
        award: AwardView {
            level: c.level.slug().to_string(),
            level_label: labels.level_slug(c.level.slug()),
            ..award_view(&site.config.awards, urls, labels, c.award)
        },
        authority: c.authority.clone(),
        conferred_by: c.conferred_by.map(|u| {
            let u = &site.units[u.ix()];
            Link {
                title: u.name.clone(),
                url: urls.unit(&u.meta.slug),
            }
        }),
        decision,
        date: c.date.map(|d| labels.date(d)),
        date_iso: c.date.map(|d| d.to_string()),
        year: c.year,
        year_note: c
            .year
            .filter(|y| c.date.is_some_and(|d| chrono::Datelike::year(&d) != *y)),
        movement: c.movement.map(|m| {
            let m = &site.movements[m.ix()];
            Link {
                title: m.title.clone(),
                url: urls.movement(&m.meta.slug),
            }
        }),
        conference: c.conference.map(|x| {
            let x = &site.conferences[x.ix()];
            Link {
                title: x.title.clone(),
                url: urls.conference(&x.meta.slug),
            }
        }),
        citation: c.citation.clone(),
        posthumous: c.posthumous,
        revoked: c.revoked.as_ref().map(|r| RevokedView {
            date: r.date.map(|d| labels.date(d)),
            decision: r.decision.clone(),
            reason: r.reason.clone(),
        }),
    }
}
