//! Everything page views are built from: the site, its URLs and labels, and
//! the parts many pages repeat, made once.
//!
//! Rows of the commendation tables, the most repeated part of the site, are
//! built once per commendation and rendered once to HTML (with and without
//! the recipient column), and so are the cards of exemplars; every page
//! that lists them takes the finished HTML. A build renders them all at the
//! start, on every core ([`ViewContext::prerender`]); `serve` renders each
//! the first time a page asks for it, so that a change shows at once.

use super::labels::Labels;
use super::templates::Templates;
use super::urls::Urls;
use super::views::*;
use crate::diagnostics::Diagnostic;
use crate::load::i18n::Strings;
use crate::model::*;
use std::sync::{Arc, OnceLock};

/// Widths (CSS pixels) images are shown at: card thumbnails, portraits
/// and logos, and page-wide photos.
pub const CARD: u32 = 64;
pub const PORTRAIT: u32 = 160;
pub const LOGO: u32 = 80;
pub const WIDE: u32 = 720;
pub const GRID: u32 = 320;
pub const POSTER: u32 = 480;

/// Everything views are built from.
pub struct ViewContext<'a> {
    pub site: &'a Site,
    pub urls: &'a Urls,
    pub labels: Labels<'a>,
    templates: Arc<Templates>,
    /// One row per commendation, by id, made when first asked for.
    /// Boxed: a site of 100,000 commendations makes this list at every
    /// `serve` rebuild, and most rows are never asked for there.
    rows: Vec<OnceLock<Box<CommendationRow>>>,
    /// Each row rendered as HTML (`commendation_row.html`), with and
    /// without the recipient column.
    row_html: Vec<OnceLock<Result<(String, String), Diagnostic>>>,
    /// Each exemplar's card as HTML (`exemplar_card.html`): people first,
    /// then collectives.
    card_html: Vec<OnceLock<Result<String, Diagnostic>>>,
    /// Each profile's page title, unique across the site.
    titles: OnceLock<Vec<String>>,
    unit_titles: OnceLock<Vec<String>>,
}

impl<'a> ViewContext<'a> {
    /// A context whose rows and cards are made when first asked for.
    pub fn new(
        site: &'a Site,
        urls: &'a Urls,
        strings: &'a Strings,
        templates: Arc<Templates>,
    ) -> Self {
        fn cells<T>(n: usize) -> Vec<OnceLock<T>> {
            (0..n).map(|_| OnceLock::new()).collect()
        }
        ViewContext {
            site,
            urls,
            labels: Labels { strings },
            templates,
            rows: cells(site.commendations.len()),
            row_html: cells(site.commendations.len()),
            card_html: cells(site.people.len() + site.collectives.len()),
            titles: OnceLock::new(),
            unit_titles: OnceLock::new(),
        }
    }

    /// Renders every row and card now, on every core; the first template
    /// error, if any.
    pub fn prerender(&self) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        (0..self.row_html.len())
            .into_par_iter()
            .try_for_each(|i| self.row_html_of(CommendationId(i as u32)).map(|_| ()))?;
        let people = self.site.people.len();
        (0..self.card_html.len()).into_par_iter().try_for_each(|i| {
            let id = if i < people {
                ExemplarId::Person(PersonId(i as u32))
            } else {
                ExemplarId::Collective(CollectiveId((i - people) as u32))
            };
            self.card(id).map(|_| ())
        })
    }

    /// The rows and cards made, the bulk of a large site's memory, to be
    /// freed elsewhere.
    #[allow(clippy::type_complexity)]
    pub fn into_caches(
        self,
    ) -> (
        Vec<OnceLock<Box<CommendationRow>>>,
        Vec<OnceLock<Result<(String, String), Diagnostic>>>,
        Vec<OnceLock<Result<String, Diagnostic>>>,
    ) {
        (self.rows, self.row_html, self.card_html)
    }

    /// The view of a commendation's row.
    pub fn row(&self, id: CommendationId) -> &CommendationRow {
        self.rows[id.ix()].get_or_init(|| {
            Box::new(commendation_row(
                self.site,
                self.urls,
                &self.labels,
                self.site.commendation(id),
            ))
        })
    }

    fn row_html_of(&self, id: CommendationId) -> Result<&(String, String), Diagnostic> {
        let cell = self.row_html[id.ix()].get_or_init(|| {
            let mut c = tera::Context::new();
            c.insert("r", self.row(id));
            c.insert("show_recipient", &true);
            let full = self
                .templates
                .render_fragment("commendation_row.html", &c)?;
            c.insert("show_recipient", &false);
            let own = self
                .templates
                .render_fragment("commendation_row.html", &c)?;
            Ok((full, own))
        });
        cell.as_ref().map_err(Clone::clone)
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
    pub fn rows(&self, ids: &[CommendationId]) -> Result<Vec<&str>, Diagnostic> {
        ids.iter()
            .map(|id| self.row_html_of(*id).map(|h| h.0.as_str()))
            .collect()
    }

    /// The rows of a recipient's own commendations, without the recipient column.
    pub fn own_rows(&self, ids: &[CommendationId]) -> Result<Vec<&str>, Diagnostic> {
        ids.iter()
            .map(|id| self.row_html_of(*id).map(|h| h.1.as_str()))
            .collect()
    }

    /// Where an exemplar is in lists of people then collectives.
    fn exemplar_ix(&self, id: ExemplarId) -> usize {
        match id {
            ExemplarId::Person(p) => p.ix(),
            ExemplarId::Collective(c) => self.site.people.len() + c.ix(),
        }
    }

    /// The title of a profile's page: its name, with the unit (and the
    /// position) when another profile has the same name.
    pub fn profile_title(&self, id: ExemplarId) -> &str {
        let titles = self
            .titles
            .get_or_init(|| super::titles::profile_titles(self.site));
        &titles[self.exemplar_ix(id)]
    }

    /// The title of a unit's pages: its name, with its parent's when
    /// another unit has the same name.
    pub fn unit_title(&self, id: UnitId) -> &str {
        let titles = self
            .unit_titles
            .get_or_init(|| super::titles::unit_titles(self.site));
        &titles[id.ix()]
    }

    /// The card of an exemplar, as HTML.
    pub fn card(&self, id: ExemplarId) -> Result<&str, Diagnostic> {
        let i = self.exemplar_ix(id);
        let cell = self.card_html[i].get_or_init(|| {
            let mut c = tera::Context::new();
            c.insert("e", &self.exemplar_card(id));
            self.templates.render_fragment("exemplar_card.html", &c)
        });
        cell.as_ref().map(String::as_str).map_err(Clone::clone)
    }

    /// The cards of exemplars, as HTML.
    pub fn cards(
        &self,
        ids: impl IntoIterator<Item = ExemplarId>,
    ) -> Result<Vec<&str>, Diagnostic> {
        ids.into_iter().map(|id| self.card(id)).collect()
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

    /// An exemplar's highest award not revoked.
    pub fn top_award(&self, id: ExemplarId) -> Option<crate::awards::AwardId> {
        self.site
            .exemplar(id)
            .commendations
            .iter()
            .map(|c| self.site.commendation(*c))
            .filter(|c| c.revoked.is_none())
            .map(|c| c.award)
            .max_by_key(|a| (self.site.config.awards.get(*a).rank, std::cmp::Reverse(*a)))
    }

    /// Exemplars grouped by their highest award, the highest group first
    /// and roll order (the order of `ids`) inside each; each group shows
    /// at most `per_group` cards and all groups together at most `budget`,
    /// the rest of each is counted. Those without an award come last.
    pub fn award_groups(
        &self,
        ids: &[ExemplarId],
        per_group: usize,
        budget: usize,
    ) -> Result<Vec<AwardGroupView<'_>>, Diagnostic> {
        use std::cmp::Reverse;
        let awards = &self.site.config.awards;
        let mut groups: std::collections::BTreeMap<_, Vec<ExemplarId>> = Default::default();
        for id in ids {
            let top = self.top_award(*id);
            let key = top.map(|a| (Reverse(awards.get(a).rank), a));
            // `None` sorts first in a BTreeMap: flip it with a flag.
            groups.entry((top.is_none(), key)).or_default().push(*id);
        }
        let mut left = budget;
        let mut out = Vec::with_capacity(groups.len());
        for ((_, key), members) in groups {
            let shown = members.len().min(per_group).min(left);
            left -= shown;
            out.push(AwardGroupView {
                award: key.map(|(_, a)| self.award_view(a)),
                count: members.len(),
                cards: self.cards(members[..shown].iter().copied())?,
                more: members.len() - shown,
            });
        }
        Ok(out)
    }

    pub fn exemplar_card(&self, id: ExemplarId) -> ExemplarCard {
        let p = self.site.exemplar(id);
        let active: Vec<&CommendationId> = p
            .commendations
            .iter()
            .filter(|c| self.site.commendation(**c).revoked.is_none())
            .collect();
        let top = self
            .top_award(id)
            .map(|a| self.site.config.awards.get(a).name.clone());
        let top_insignia_url = top.as_deref().map(|n| insignia_url(self.urls, n));
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
            photo: p.photo.as_ref().map(|f| self.image(f, CARD)),
            commendation_count: active.len(),
            top_award: top,
            top_insignia_url,
            initial: crate::vi::monogram(&p.name, matches!(id, ExemplarId::Person(_))),
        }
    }

    pub fn movement_card(&self, id: MovementId) -> MovementCard {
        let m = &self.site.movements[id.ix()];
        MovementCard {
            link: self.movement_link(id),
            status: m.status.key(),
            status_label: self.labels.status(m.status),
            period: self
                .labels
                .period_when(m.starts_when.as_ref(), m.ends_when.as_ref()),
            launched_by: self.unit_link(m.launched_by),
            slogan: m.slogan.clone(),
            commendation_count: m.active_count as usize,
        }
    }

    pub fn conference_card(&self, id: ConferenceId) -> ConferenceCard {
        let c = &self.site.conferences[id.ix()];
        ConferenceCard {
            link: self.conference_link(id),
            date: self.labels.when_planned(&c.when, c.tentative, false),
            date_iso: c.date.to_string(),
            tentative: c.tentative,
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
            photo: n.photo.as_ref().map(|f| self.image(f, CARD)),
        }
    }

    /// An image shown `shown` CSS pixels wide (never wider than it is).
    pub fn image(&self, f: &FileRef, shown: u32) -> ImageView {
        let src = self.urls.file(f);
        let processed = match f {
            FileRef::Local(rel) => self.site.images.get(rel).map(|p| (rel, p)),
            FileRef::External(_) => None,
        };
        let Some((rel, p)) = processed else {
            // An SVG (or an address): the box the theme gives it, so the
            // page does not shift; a wide photo of unknown size has none.
            let height = match shown {
                PORTRAIT => Some(PORTRAIT * 5 / 4),
                WIDE => None,
                other => Some(other),
            };
            return ImageView {
                src,
                srcset: None,
                webp_srcset: None,
                width: height.map(|_| shown),
                height,
            };
        };
        let set = |ext: &str| {
            p.widths
                .iter()
                .map(|&w| {
                    let url = self
                        .urls
                        .file(&FileRef::Local(crate::media::variant_path(rel, w, ext)));
                    format!("{url} {w}w")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let width = shown.min(p.width);
        // The fallback: the first size that covers a 2× screen.
        let fallback = p
            .widths
            .iter()
            .copied()
            .find(|&w| w >= width * 2)
            .or(p.widths.last().copied());
        ImageView {
            src: match fallback {
                Some(w) => self
                    .urls
                    .file(&FileRef::Local(crate::media::variant_path(rel, w, "jpg"))),
                None => src,
            },
            srcset: Some(set("jpg")),
            webp_srcset: Some(set("webp")),
            width: Some(width),
            height: Some(p.height_at(width)),
        }
    }

    /// Photos (shown in a grid of cells about 320 px wide) and videos.
    pub fn media(&self, m: &Media) -> MediaView {
        MediaView {
            photos: m.gallery.iter().map(|p| self.photo(p, GRID)).collect(),
            videos: m
                .videos
                .iter()
                .map(|v| {
                    let src = self.urls.file(&v.file);
                    let lower = src.to_ascii_lowercase();
                    let external = matches!(v.file, FileRef::External(_));
                    VideoView {
                        title: v.title.clone(),
                        mime: (!external).then(|| {
                            if lower.ends_with(".webm") {
                                "video/webm"
                            } else {
                                "video/mp4"
                            }
                        }),
                        src,
                        external,
                        // No srcset on a poster: a size that covers
                        // a phone at 2× and a desktop player at 1×.
                        poster: v.poster.as_ref().map(|p| self.image(p, POSTER)),
                        captions: v.captions.as_ref().map(|c| self.urls.file(c)),
                        duration: v.duration.clone(),
                        credit: v.credit.clone(),
                    }
                })
                .collect(),
        }
    }

    pub fn photo(&self, p: &Photo, shown: u32) -> PhotoView {
        PhotoView {
            image: self.image(&p.file, shown),
            full: self.urls.file(&p.file),
            caption: p.caption.clone(),
            credit: p.credit.clone(),
            date: p.date.map(|d| self.labels.date(d)),
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
                size: d
                    .size
                    .map(|b| crate::vi::format_size(b, self.site.config.language)),
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
