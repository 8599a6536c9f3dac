//! Everything page views are built from: the site, its URLs and labels, and
//! the parts many pages repeat, made once.
//!
//! Rows of the commendation tables, the most repeated part of the site, are
//! built once per commendation and rendered once to HTML (with and without
//! the recipient column), and so are the cards of exemplars; every page
//! that lists them takes the finished HTML.

use super::labels::Labels;
use super::urls::Urls;
use super::views::*;
use crate::load::i18n::Strings;
use crate::model::*;

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
