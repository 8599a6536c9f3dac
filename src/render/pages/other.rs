//! Free pages (`/gioi-thieu/`), the search page and the 404 page.

use super::units::TreeNode;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

#[derive(Serialize)]
pub struct FreePageView<'a> {
    pub body_html: Option<String>,
    pub extra: Option<&'a serde_json::Value>,
}
#[derive(Serialize)]
pub struct SearchView {
    pub tree: Vec<TreeNode>,
}
/// A free page.
pub(crate) fn free_page(r: &Renderer<'_>, id: PageId) -> Result<RenderedFile, Diagnostic> {
    let Scope { site, urls, .. } = r.scope();
    let p = &site.pages[id.ix()];
    let view = FreePageView {
        body_html: r.body(&p.meta)?,
        extra: p.meta.extra.as_ref(),
    };
    let page = r.top_page(p.title.clone(), urls.page(&p.meta.slug), "pages", view);
    r.render_page("page.html", page)
}

/// The search page, with the unit tree for browsers without JavaScript.
pub(crate) fn search(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let view = SearchView {
        tree: super::units::tree(r),
    };
    let page = r.top_page(
        labels.get("search.title"),
        urls.section(&paths.search),
        "search",
        view,
    );
    r.render_page("search.html", page)
}

/// The 404 page.
pub(crate) fn not_found(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let ctx = &r.ctx;
    let _site = ctx.site;
    let Scope { urls, labels, .. } = r.scope();
    let mut page = r.page(
        labels.get("not_found.title"),
        urls.root_file("404.html"),
        "other",
        Vec::new(),
        None,
        (),
    );
    page.canonical = urls.absolute(&urls.home());
    r.render_page("404.html", page)
}
