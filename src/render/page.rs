//! The frame every page is rendered in: title, canonical URL, navigation
//! section, breadcrumbs and pagination around the page's own view.

use super::Renderer;
use super::pagination::Pagination;
use super::views::Link;
use crate::model::{Kind, UnitId};
use serde::Serialize;

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

impl Renderer<'_> {
    pub(super) fn page<T: Serialize>(
        &self,
        title: String,
        url: String,
        section: &'static str,
        breadcrumbs: Vec<Link>,
        pagination: Option<Pagination>,
        page: T,
    ) -> PageContext<T> {
        PageContext {
            canonical: self.ctx.urls.absolute(&url),
            description: None,
            title,
            url,
            section,
            breadcrumbs,
            pagination,
            page,
        }
    }

    /// A page directly under the home page, without pagination.
    pub(super) fn top_page<T: Serialize>(
        &self,
        title: String,
        url: String,
        section: &'static str,
        page: T,
    ) -> PageContext<T> {
        self.page(title, url, section, vec![self.home_crumb()], None, page)
    }

    pub(super) fn home_crumb(&self) -> Link {
        Link {
            title: self.ctx.labels.get("nav.home"),
            url: self.ctx.urls.home(),
        }
    }

    /// The breadcrumbs down to a section (`key` names it in `nav.*`).
    pub(super) fn section_crumbs(&self, key: &str, path: &str) -> Vec<Link> {
        vec![
            self.home_crumb(),
            Link {
                title: self.ctx.labels.get(&format!("nav.{key}")),
                url: self.ctx.urls.section(path),
            },
        ]
    }

    pub(super) fn unit_crumbs(&self, id: UnitId) -> Vec<Link> {
        let site = self.ctx.site;
        let mut crumbs = self.section_crumbs("units", &site.config.paths.units);
        crumbs.extend(self.unit_path(id));
        crumbs
    }

    /// Links to a unit's ancestors, from the top. A tree deeper than any
    /// administration (a mistake, or a test of limits) shows its top and
    /// the levels nearest the unit, so that a page stays small at any depth.
    pub(super) fn unit_path(&self, id: UnitId) -> Vec<Link> {
        const NEAREST: usize = 5;
        let ancestors = &self.ctx.site.units[id.ix()].ancestors;
        let shown: Vec<UnitId> = if ancestors.len() <= NEAREST + 2 {
            ancestors.iter().rev().copied().collect()
        } else {
            let top = ancestors[ancestors.len() - 1];
            std::iter::once(top)
                .chain(ancestors[..NEAREST].iter().rev().copied())
                .collect()
        };
        shown.into_iter().map(|a| self.ctx.unit_link(a)).collect()
    }

    pub(super) fn paged_title(&self, title: String, n: usize) -> String {
        if n <= 1 {
            title
        } else {
            format!(
                "{title} – {}",
                self.ctx
                    .labels
                    .strings
                    .format("pagination.page_n", &[("n", &n.to_string())])
            )
        }
    }

    pub(super) fn section_title(&self, kind: Kind, key: &str) -> String {
        self.ctx
            .site
            .intro(kind)
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| self.ctx.labels.get(&format!("nav.{key}")))
    }
}
