//! The Atom feeds: news (`/atom.xml`) and commendations, newest first
//! (`/khen-thuong/atom.xml`).

use crate::diagnostics::Diagnostic;
use crate::model::CommendationId;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

#[derive(Serialize)]
struct FeedView {
    feed_title: String,
    self_url: String,
    alternate: String,
    updated: String,
    entries: Vec<FeedEntry>,
}
#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    id: String,
    updated: String,
    summary: Option<String>,
}
fn rfc3339(d: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", d)
}
/// The news feed.
pub(crate) fn news(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let entries = site
        .news_order
        .iter()
        .take(30)
        .map(|id| {
            let n = &site.news[id.ix()];
            let url = urls.absolute(&urls.news(&n.meta.slug));
            FeedEntry {
                title: n.title.clone(),
                id: url.clone(),
                url,
                updated: rfc3339(n.date),
                summary: n.summary.clone(),
            }
        })
        .collect::<Vec<_>>();
    feed(
        r,
        labels.get("nav.news"),
        urls.root_file("atom.xml"),
        urls.section(&paths.news),
        entries,
    )
}

/// The commendations feed.
pub(crate) fn commendations(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let entries = site
        .commendations
        .iter()
        .enumerate()
        .take(50)
        .map(|(i, c)| {
            let row = ctx.row(CommendationId(i as u32));
            let target = row
                .recipient
                .url
                .clone()
                .or_else(|| row.decision.as_ref().map(|d| d.url.clone()))
                .unwrap_or_else(|| row.unit.url.clone());
            let mut summary = row.award.name.clone();
            if let Some(d) = &row.decision {
                summary.push_str(&format!(" – {}", d.title));
            }
            if let Some(cit) = &row.citation {
                summary.push_str(&format!(". {cit}"));
            }
            if row.revoked.is_some() {
                summary.push_str(&format!(" ({})", labels.get("commendation.revoked")));
            }
            FeedEntry {
                title: format!("{} – {}", row.recipient.name, row.award.name),
                url: urls.absolute(&target),
                id: format!(
                    "{}#{}",
                    urls.absolute(&urls.section(&paths.commendations)),
                    row.id
                ),
                updated: rfc3339(
                    c.date
                        .max(c.revoked.as_ref().and_then(|r| r.date))
                        .unwrap_or(site.now),
                ),
                summary: Some(summary),
            }
        })
        .collect::<Vec<_>>();
    feed(
        r,
        labels.get("nav.commendations"),
        urls.commendations_file("atom.xml"),
        urls.section(&paths.commendations),
        entries,
    )
}

/// A feed at `url` of the section at `alternate`, updated when its newest
/// entry was (entries come newest first).
fn feed(
    r: &Renderer<'_>,
    section_title: String,
    url: String,
    alternate: String,
    entries: Vec<FeedEntry>,
) -> Result<RenderedFile, Diagnostic> {
    let Scope { site, urls, .. } = r.scope();
    let updated = entries
        .first()
        .map(|e| e.updated.clone())
        .unwrap_or_else(|| rfc3339(site.now));
    let feed = FeedView {
        feed_title: format!("{} – {section_title}", site.config.title),
        self_url: urls.absolute(&url),
        alternate: urls.absolute(&alternate),
        updated,
        entries,
    };
    let page = r.page(
        feed.feed_title.clone(),
        url,
        "feeds",
        Vec::new(),
        None,
        feed,
    );
    r.render_page("atom.xml", page)
}
