//! Free pages (`/gioi-thieu/`), the search page and the 404 page.

use super::units::TreeNode;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::urls::Urls;
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
    /// People by the first letter of their given name, in roll order.
    pub letters: Vec<LetterLink>,
}
/// A letter of the A–Z index: the page of the people list where it begins.
#[derive(Serialize)]
pub struct LetterLink {
    pub letter: String,
    pub url: String,
    pub count: usize,
}

/// The A–Z index of the people list: each initial of a given name (in roll
/// order, so letters come in the Vietnamese alphabet) with the page it starts on.
fn letters(site: &Site, people_url: &str, size: usize) -> Vec<LetterLink> {
    let mut out: Vec<LetterLink> = Vec::new();
    for (i, id) in site.people_order.iter().enumerate() {
        let letter = crate::vi::initial(crate::vi::given_name(&site.people[id.ix()].name));
        match out.last_mut() {
            Some(l) if l.letter == letter => l.count += 1,
            _ => out.push(LetterLink {
                letter,
                url: Urls::paged(people_url, i / size.max(1) + 1),
                count: 1,
            }),
        }
    }
    out
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
        site,
        urls,
        labels,
        paths,
        size,
        ..
    } = r.scope();
    let view = SearchView {
        tree: super::units::tree(r),
        letters: letters(site, &urls.section(&paths.people), size),
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
