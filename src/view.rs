//! What templates see: serialisable views of the site, one struct per kind of page.
//!
//! Templates never see the model's internal types (ids, collation keys,
//! source locations): each page gets a view with exactly what it shows,
//! with URLs already made (under the base path, so that every link works
//! from a sub-path), dates already written the site's way (`20/5/2024`) and
//! labels already in the site's language. Rows of the commendation tables,
//! the most repeated part of the site, are built once per commendation and
//! shared by every page that lists them. Gender and ethnicity are never in
//! a view: the content model reserves them for aggregate statistics.

use crate::awards::Award;
use crate::config::Paths;
use crate::entities::Delegates;
use crate::i18n::Strings;
use crate::model::*;
use crate::resolve::describe_issue;
use crate::vi::{self, Lang};
use chrono::NaiveDate;
use serde::Serialize;

/// Makes the site's URLs. Every URL is a path under the base path.
#[derive(Clone, Debug)]
pub struct Urls {
    /// `/` or `/vinh-danh/`.
    pub base: String,
    /// Absolute base URL (`https://…/vinh-danh/`), or the base path when none is known.
    pub absolute_base: String,
    /// Section names.
    pub paths: Paths,
}

impl Urls {
    /// URLs for a site.
    pub fn new(base_path: &str, base_url: &str, paths: &Paths) -> Self {
        Urls {
            base: base_path.to_string(),
            absolute_base: base_url.to_string(),
            paths: paths.clone(),
        }
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.base.clone()
    }

    /// A section's index.
    pub fn section(&self, section: &str) -> String {
        format!("{}{section}/", self.base)
    }

    fn item(&self, section: &str, slug: &str) -> String {
        format!("{}{section}/{slug}/", self.base)
    }

    pub fn unit(&self, slug: &str) -> String {
        self.item(&self.paths.units, slug)
    }
    pub fn movement(&self, slug: &str) -> String {
        self.item(&self.paths.movements, slug)
    }
    pub fn person(&self, slug: &str) -> String {
        self.item(&self.paths.people, slug)
    }
    pub fn collective(&self, slug: &str) -> String {
        self.item(&self.paths.collectives, slug)
    }
    pub fn conference(&self, slug: &str) -> String {
        self.item(&self.paths.conferences, slug)
    }
    pub fn news(&self, slug: &str) -> String {
        self.item(&self.paths.news, slug)
    }
    /// A free page, at the top of the site.
    pub fn page(&self, slug: &str) -> String {
        format!("{}{slug}/", self.base)
    }
    /// The commendations of one award kind.
    pub fn award(&self, slug: &str) -> String {
        self.item(&self.paths.commendations, slug)
    }
    /// The commendations of one year.
    pub fn year(&self, year: i32) -> String {
        format!("{}{}/nam/{year}/", self.base, self.paths.commendations)
    }
    /// The index of decisions.
    pub fn decisions(&self) -> String {
        format!("{}{}/quyet-dinh/", self.base, self.paths.commendations)
    }
    /// A decision.
    pub fn decision(&self, slug: &str) -> String {
        format!(
            "{}{}/quyet-dinh/{slug}/",
            self.base, self.paths.commendations
        )
    }
    /// The open data description page.
    pub fn open_data(&self) -> String {
        format!("{}{}/du-lieu/", self.base, self.paths.commendations)
    }
    /// A file under the commendation section (`index.json`, `atom.xml`).
    pub fn commendations_file(&self, name: &str) -> String {
        format!("{}{}/{name}", self.base, self.paths.commendations)
    }
    /// A file at the top of the site.
    pub fn root_file(&self, name: &str) -> String {
        format!("{}{name}", self.base)
    }
    /// A content file copied through (`people/nguyen-thi-hoa/anh.jpg`).
    pub fn asset(&self, rel: &str) -> String {
        let encoded: Vec<String> = rel.split('/').map(encode_segment).collect();
        format!("{}{}", self.base, encoded.join("/"))
    }
    /// A file reference.
    pub fn file(&self, f: &FileRef) -> String {
        match f {
            FileRef::Local(rel) => self.asset(rel),
            FileRef::External(url) => url.clone(),
        }
    }
    /// Page `n` of a paginated listing at `url` (page 1 is `url` itself).
    pub fn paged(url: &str, n: usize) -> String {
        if n <= 1 {
            url.to_string()
        } else {
            format!("{url}trang/{n}/")
        }
    }
    /// The absolute form of a site URL, for feeds, sitemaps and canonical links.
    pub fn absolute(&self, url: &str) -> String {
        match url.strip_prefix(&self.base) {
            Some(rest) => format!("{}{rest}", self.absolute_base),
            None => url.to_string(),
        }
    }
    /// The output file of a page URL (`ca-nhan/x/index.html`).
    pub fn output_path(&self, url: &str) -> String {
        let rel = url.strip_prefix(&self.base).unwrap_or(url);
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }
}

fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Labels in the site's language.
pub struct Labels<'a> {
    /// The catalogue.
    pub strings: &'a Strings,
}

impl<'a> Labels<'a> {
    fn lang(&self) -> Lang {
        self.strings.lang()
    }
    /// `20/5/2024`.
    pub fn date(&self, d: NaiveDate) -> String {
        vi::format_date(d, self.lang())
    }
    /// `ngày 20 tháng 5 năm 2024`.
    pub fn date_long(&self, d: NaiveDate) -> String {
        vi::format_date_long(d, self.lang())
    }
    /// `1.234`.
    pub fn number(&self, n: i64) -> String {
        vi::format_number(n, self.lang())
    }
    pub fn unit_kind(&self, kind: &str) -> String {
        self.strings.get(&format!("unit_kind.{kind}")).to_string()
    }
    pub fn conference_kind(&self, kind: &str) -> String {
        self.strings
            .get(&format!("conference_kind.{kind}"))
            .to_string()
    }
    pub fn status(&self, s: MovementStatus) -> String {
        self.strings.get(&format!("status.{}", s.key())).to_string()
    }
    pub fn level(&self, award: &Award) -> String {
        self.strings
            .get(&format!("level.{}", award.level.slug()))
            .to_string()
    }
    pub fn get(&self, key: &str) -> String {
        self.strings.get(key).to_string()
    }
    /// `lần thứ VI`.
    pub fn edition(&self, n: i64) -> String {
        self.strings.format(
            "conference.edition",
            &[("roman", &vi::roman(n)), ("number", &n.to_string())],
        )
    }
    /// A period from two optional dates.
    pub fn period(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
        match (from, to) {
            (Some(a), Some(b)) => Some(format!("{} – {}", self.date(a), self.date(b))),
            (Some(a), None) => Some(
                self.strings
                    .format("movement.from", &[("date", &self.date(a))]),
            ),
            (None, Some(b)) => Some(
                self.strings
                    .format("movement.until", &[("date", &self.date(b))]),
            ),
            (None, None) => None,
        }
    }
}

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
    pub rank: u32,
}

/// A revocation as shown.
#[derive(Clone, Debug, Serialize)]
pub struct RevokedView {
    pub date: Option<String>,
    pub decision: Option<String>,
    pub reason: Option<String>,
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

/// One row of a commendation table.
#[derive(Clone, Debug, Serialize)]
pub struct CommendationRow {
    pub id: String,
    /// The row's `id` attribute, so that links can point at it.
    pub anchor: String,
    pub recipient: RecipientView,
    pub position: Option<String>,
    pub unit: Link,
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

/// Everything views are built from.
pub struct ViewContext<'a> {
    pub site: &'a Site,
    pub urls: &'a Urls,
    pub labels: Labels<'a>,
    /// One row per commendation, by id.
    pub rows: Vec<CommendationRow>,
    /// Each row rendered once as HTML (`commendation_row.html`), with and
    /// without the recipient column; filled in by the renderer.
    pub row_html: Vec<(String, String)>,
    /// Each exemplar's card rendered once as HTML (`exemplar_card.html`):
    /// people first, then collectives; filled in by the renderer.
    pub card_html: Vec<String>,
}

impl<'a> ViewContext<'a> {
    /// Builds the shared rows.
    pub fn new(site: &'a Site, urls: &'a Urls, strings: &'a Strings) -> Self {
        let labels = Labels { strings };
        let rows = {
            use rayon::prelude::*;
            site.commendations
                .par_iter()
                .map(|c| commendation_row(site, urls, &labels, c))
                .collect()
        };
        ViewContext {
            site,
            urls,
            labels,
            rows,
            row_html: Vec::new(),
            card_html: Vec::new(),
        }
    }

    pub fn unit_link(&self, id: UnitId) -> Link {
        let u = &self.site.units[id.ix()];
        Link {
            title: u.name.clone(),
            url: self.urls.unit(&u.meta.slug),
        }
    }
    pub fn movement_link(&self, id: MovementId) -> Link {
        let m = &self.site.movements[id.ix()];
        Link {
            title: m.title.clone(),
            url: self.urls.movement(&m.meta.slug),
        }
    }
    pub fn conference_link(&self, id: ConferenceId) -> Link {
        let c = &self.site.conferences[id.ix()];
        Link {
            title: c.title.clone(),
            url: self.urls.conference(&c.meta.slug),
        }
    }
    pub fn exemplar_link(&self, id: ExemplarId) -> Link {
        let p = self.site.exemplar(id);
        Link {
            title: p.name.clone(),
            url: self.exemplar_url(id),
        }
    }
    pub fn exemplar_url(&self, id: ExemplarId) -> String {
        match id {
            ExemplarId::Person(p) => self.urls.person(&self.site.people[p.ix()].meta.slug),
            ExemplarId::Collective(c) => self
                .urls
                .collective(&self.site.collectives[c.ix()].meta.slug),
        }
    }
    /// The rows of commendations, as HTML with the recipient column.
    pub fn rows(&self, ids: &[CommendationId]) -> Vec<&str> {
        ids.iter()
            .map(|id| self.row_html[id.ix()].0.as_str())
            .collect()
    }

    /// The rows of a recipient's own commendations, without the recipient column.
    pub fn own_rows(&self, ids: &[CommendationId]) -> Vec<&str> {
        ids.iter()
            .map(|id| self.row_html[id.ix()].1.as_str())
            .collect()
    }

    /// The card of an exemplar, as HTML.
    pub fn card(&self, id: ExemplarId) -> &str {
        let i = match id {
            ExemplarId::Person(p) => p.ix(),
            ExemplarId::Collective(c) => self.site.people.len() + c.ix(),
        };
        &self.card_html[i]
    }

    /// The cards of exemplars, as HTML.
    pub fn cards(&self, ids: &[ExemplarId]) -> Vec<&str> {
        ids.iter().map(|id| self.card(*id)).collect()
    }

    pub fn unit_card(&self, id: UnitId) -> UnitCard {
        let u = &self.site.units[id.ix()];
        UnitCard {
            link: self.unit_link(id),
            kind_label: self.labels.unit_kind(u.kind),
            count: u.active_count,
            exemplar_count: u.exemplars.len(),
            dissolved: u.dissolved.map(|d| self.labels.date(d)),
        }
    }

    pub fn exemplar_card(&self, id: ExemplarId) -> ExemplarCard {
        let p = self.site.exemplar(id);
        let active: Vec<&CommendationId> = p
            .commendations
            .iter()
            .filter(|c| self.site.commendation(**c).revoked.is_none())
            .collect();
        let top = active
            .iter()
            .map(|c| self.site.commendation(**c).award)
            .max_by_key(|a| self.site.config.awards.get(*a).rank)
            .map(|a| self.site.config.awards.get(a).name.clone());
        let (kind, kind_label) = match id {
            ExemplarId::Person(_) => ("person", self.labels.get("recipient.person")),
            ExemplarId::Collective(_) => ("collective", self.labels.get("recipient.collective")),
        };
        ExemplarCard {
            name: p.name.clone(),
            url: self.exemplar_url(id),
            kind,
            kind_label,
            unit: self.unit_link(p.unit),
            position: p.position.clone(),
            summary: p.summary.clone(),
            photo: p.photo.as_ref().map(|f| self.urls.file(f)),
            commendation_count: active.len(),
            top_award: top,
        }
    }

    pub fn movement_card(&self, id: MovementId) -> MovementCard {
        let m = &self.site.movements[id.ix()];
        MovementCard {
            link: self.movement_link(id),
            status: m.status.key(),
            status_label: self.labels.status(m.status),
            period: self.labels.period(m.starts, m.ends),
            launched_by: self.unit_link(m.launched_by),
            slogan: m.slogan.clone(),
            commendation_count: m.active_count as usize,
        }
    }

    pub fn conference_card(&self, id: ConferenceId) -> ConferenceCard {
        let c = &self.site.conferences[id.ix()];
        ConferenceCard {
            link: self.conference_link(id),
            date: self.labels.date(c.date),
            date_iso: c.date.to_string(),
            kind_label: self.labels.conference_kind(c.kind),
            organizer: self.unit_link(c.organizer),
            location: c.location.clone(),
            edition: c.edition.map(|e| self.labels.edition(e)),
            upcoming: c.date >= self.site.now,
        }
    }

    pub fn news_card(&self, id: NewsId) -> NewsCard {
        let n = &self.site.news[id.ix()];
        NewsCard {
            link: Link {
                title: n.title.clone(),
                url: self.urls.news(&n.meta.slug),
            },
            date: self.labels.date(n.date),
            date_iso: n.date.to_string(),
            summary: n.summary.clone(),
            photo: n.photo.as_ref().map(|f| self.urls.file(f)),
        }
    }

    pub fn documents(&self, docs: &[Document]) -> Vec<DocumentView> {
        docs.iter()
            .map(|d| DocumentView {
                title: d.title.clone(),
                url: self.urls.file(&d.file),
                external: matches!(d.file, FileRef::External(_)),
                kind: match &d.file {
                    FileRef::Local(p) | FileRef::External(p) => p
                        .rsplit('.')
                        .next()
                        .filter(|e| e.len() <= 4)
                        .unwrap_or("")
                        .to_ascii_uppercase(),
                },
            })
            .collect()
    }

    pub fn award_view(&self, award: crate::awards::AwardId) -> AwardView {
        award_view(&self.site.config.awards, self.urls, &self.labels, award)
    }

    pub fn award_counts(&self, counts: &[AwardCount]) -> Vec<AwardCountView> {
        counts
            .iter()
            .map(|c| AwardCountView {
                award: self.award_view(c.award),
                count: c.count,
            })
            .collect()
    }
}

fn award_view(
    catalogue: &crate::awards::Catalogue,
    urls: &Urls,
    labels: &Labels<'_>,
    id: crate::awards::AwardId,
) -> AwardView {
    let a = catalogue.get(id);
    AwardView {
        slug: a.slug.clone(),
        name: a.name.clone(),
        url: urls.award(&a.slug),
        level: a.level.slug().to_string(),
        level_label: labels.level(a),
        rank: a.rank,
    }
}

fn commendation_row(
    site: &Site,
    urls: &Urls,
    labels: &Labels<'_>,
    c: &Commendation,
) -> CommendationRow {
    let recipient = match &c.recipient {
        Recipient::Person(p) => {
            let p = &site.people[p.ix()];
            RecipientView {
                name: p.name.clone(),
                url: Some(urls.person(&p.meta.slug)),
                kind: "person",
                kind_label: labels.get("recipient.person"),
            }
        }
        Recipient::Collective(x) => {
            let x = &site.collectives[x.ix()];
            RecipientView {
                name: x.name.clone(),
                url: Some(urls.collective(&x.meta.slug)),
                kind: "collective",
                kind_label: labels.get("recipient.collective"),
            }
        }
        Recipient::Unit(u) => {
            let u = &site.units[u.ix()];
            RecipientView {
                name: u.name.clone(),
                url: Some(urls.unit(&u.meta.slug)),
                kind: "unit",
                kind_label: labels.get("recipient.unit"),
            }
        }
        Recipient::Named { name, collective } => RecipientView {
            name: name.clone(),
            url: None,
            kind: if *collective { "collective" } else { "person" },
            kind_label: labels.get(if *collective {
                "recipient.collective"
            } else {
                "recipient.person"
            }),
        },
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
        position: c.position.clone().or_else(|| match c.recipient {
            Recipient::Person(p) => site.people[p.ix()].position.clone(),
            _ => None,
        }),
        unit: Link {
            title: unit.name.clone(),
            url: urls.unit(&unit.meta.slug),
        },
        award: award_view(&site.config.awards, urls, labels, c.award),
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

// ---------------------------------------------------------------- cards

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
    pub photo: Option<String>,
    pub commendation_count: usize,
    pub top_award: Option<String>,
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
    pub photo: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub url: String,
    pub external: bool,
    pub kind: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AwardCountView {
    pub award: AwardView,
    pub count: u32,
}

/// Links to the pages of a paginated listing.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page numbers to show; `None` marks a gap (…).
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pagination {
    /// Pagination of page `current` (1-based) of `total` pages under `url`.
    pub fn new(url: &str, current: usize, total: usize) -> Option<Pagination> {
        if total <= 1 {
            return None;
        }
        let mut pages = Vec::new();
        let mut last = 0;
        for n in 1..=total {
            let show = n == 1 || n == total || n.abs_diff(current) <= 2;
            if show {
                if n > last + 1 {
                    pages.push(None);
                }
                pages.push(Some(PageLink {
                    number: n,
                    url: Urls::paged(url, n),
                    current: n == current,
                }));
                last = n;
            }
        }
        Some(Pagination {
            current,
            total,
            prev: (current > 1).then(|| Urls::paged(url, current - 1)),
            next: (current < total).then(|| Urls::paged(url, current + 1)),
            pages,
        })
    }
}

/// Splits `len` items into pages of `size`: the number of pages (at least 1).
pub fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}

/// The items of page `n` (1-based).
pub fn page_slice<T>(items: &[T], size: usize, n: usize) -> &[T] {
    let start = (n - 1) * size;
    &items[start.min(items.len())..(start + size).min(items.len())]
}

// ---------------------------------------------------------------- pages

/// The wrapper every page is rendered with.
#[derive(Serialize)]
pub struct PageContext<T: Serialize> {
    /// `<title>` and `<h1>`.
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// The page's URL (path).
    pub url: String,
    /// The absolute URL.
    pub canonical: String,
    /// The navigation section it belongs to (`units`, `people`…), for highlighting.
    pub section: &'static str,
    /// Breadcrumbs, from the home page to the parent.
    pub breadcrumbs: Vec<Link>,
    /// Pagination, for listings.
    pub pagination: Option<Pagination>,
    /// The page's own data.
    pub page: T,
}

#[derive(Serialize)]
pub struct HomeView<'a> {
    pub intro_title: Option<String>,
    pub intro_html: Option<String>,
    pub ongoing: Vec<MovementCard>,
    pub recent_exemplars: Vec<&'a str>,
    pub recent_commendations: Vec<&'a str>,
    pub upcoming_conferences: Vec<ConferenceCard>,
    pub recent_conferences: Vec<ConferenceCard>,
    pub latest_news: Vec<NewsCard>,
    pub totals: Totals,
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

#[derive(Serialize)]
pub struct TreeNode {
    pub link: Link,
    pub kind_label: String,
    pub count: u32,
    pub dissolved: bool,
    pub children: Vec<TreeNode>,
}

#[derive(Serialize)]
pub struct UnitsView {
    pub intro_html: Option<String>,
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

/// A full list page of a unit or movement: its commendations or its exemplars.
#[derive(Serialize)]
pub struct RollView<'a> {
    /// The unit or movement.
    pub owner: Link,
    /// `commendations` or `exemplars`.
    pub list: &'static str,
    /// Items in force.
    pub total: usize,
    /// Revoked commendations: listed, not counted.
    pub revoked_count: usize,
    pub rows: Vec<&'a str>,
    pub exemplars: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct MovementsView {
    pub intro_html: Option<String>,
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
    pub exemplars: Vec<&'a str>,
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
    pub extra: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
pub struct ExemplarsView<'a> {
    pub intro_html: Option<String>,
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
    pub photo: Option<String>,
    pub summary: Option<String>,
    pub body_html: Option<String>,
    pub commendations: Vec<&'a str>,
    pub active_count: usize,
    pub conferences: Vec<ConferenceRoleView>,
    pub extra: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
pub struct ConferencesView {
    pub intro_html: Option<String>,
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
    pub extra: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
pub struct FilterLink {
    pub title: String,
    pub url: String,
    pub count: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct CommendationsView<'a> {
    /// `all`, `year` or `award`.
    pub kind: &'static str,
    pub intro_html: Option<String>,
    pub year: Option<i32>,
    pub award: Option<AwardView>,
    /// Commendations in force in this listing.
    pub total: String,
    /// Revoked ones, listed but not counted.
    pub revoked: String,
    pub rows: Vec<&'a str>,
    pub years: Vec<FilterLink>,
    pub awards: Vec<FilterLink>,
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
pub struct NewsListView {
    pub intro_html: Option<String>,
    pub items: Vec<NewsCard>,
}

#[derive(Serialize)]
pub struct AboutLink {
    pub link: Link,
    pub kind_label: String,
}

#[derive(Serialize)]
pub struct NewsView<'a> {
    pub title: String,
    pub date: String,
    pub date_long: String,
    pub date_iso: String,
    pub summary: Option<String>,
    pub photo: Option<String>,
    pub body_html: Option<String>,
    pub about: Vec<AboutLink>,
    pub extra: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
pub struct FreePageView<'a> {
    pub body_html: Option<String>,
    pub extra: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
pub struct SearchView {
    pub tree: Vec<TreeNode>,
}

/// Percentages of a part, one decimal in Vietnamese style (`65,5%`).
pub fn percent(part: u32, total: u32, lang: Lang) -> String {
    if total == 0 {
        return "–".into();
    }
    let p = part as f64 * 100.0 / total as f64;
    format!("{}%", vi::format_decimal((p * 10.0).round() / 10.0, lang))
}

impl<'a> ViewContext<'a> {
    /// The delegate figures of a conference, with the rules it breaks.
    pub fn delegates(&self, d: &Delegates, issues: &[DelegateIssue]) -> DelegatesView {
        let lang = self.labels.lang();
        let n = |x: Option<u32>| x.map(|v| self.labels.number(v as i64));
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
            issues: issues.iter().map(|i| self.issue_text(i)).collect(),
        }
    }

    fn issue_text(&self, issue: &DelegateIssue) -> String {
        let s = self.labels.strings;
        let lang = self.labels.lang();
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
            _ => describe_issue(issue).0,
        }
    }
}
