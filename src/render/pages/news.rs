//! News (`/tin-tuc/`): the list, latest first, and each item.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::pagination::{Pagination, page_count, page_slice};
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope, intro_extra};
use serde::Serialize;

#[derive(Serialize)]
pub struct NewsListView {
    pub intro_html: Option<String>,
    /// The intro's `[extra]`, passed through to templates.
    pub intro_extra: Option<serde_json::Value>,
    pub items: Vec<NewsCard>,
    /// Every category (chuyên mục), with its page.
    pub categories: Vec<Link>,
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
    pub photo: Option<ImageView>,
    pub body_html: Option<String>,
    pub about: Vec<AboutLink>,
    pub category: Option<Link>,
    pub media: MediaView,
    pub extra: Option<&'a serde_json::Value>,
}
/// Page `n` of the news.
pub(crate) fn index(r: &Renderer<'_>, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        paths,
        size,
        ..
    } = r.scope();
    let url = urls.section(&paths.news);
    let view = NewsListView {
        intro_html: if n == 1 {
            r.intro(site.intro(Kind::News))?
        } else {
            None
        },
        intro_extra: intro_extra(site, Kind::News),
        items: page_slice(&site.news_order, size, n)
            .iter()
            .map(|x| ctx.news_card(*x))
            .collect(),
        categories: category_links(r),
    };
    let title = r.paged_title(r.section_title(Kind::News, "news"), n);
    let page = r.page(
        title,
        Urls::paged(&url, n),
        "news",
        vec![r.home_crumb()],
        Pagination::new(&url, n, page_count(site.news.len(), size)),
        view,
    );
    r.render_page("news_list.html", page)
}

/// A news item.
pub(crate) fn item(r: &Renderer<'_>, id: NewsId) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let n = &site.news[id.ix()];
    let view = NewsView {
        title: n.title.clone(),
        date: labels.date(n.date),
        date_long: labels.date_long(n.date),
        date_iso: n.date.to_string(),
        summary: n.summary.clone(),
        photo: n
            .photo
            .as_ref()
            .map(|f| r.ctx.image(f, crate::render::context::WIDE)),
        body_html: r.body(&n.meta)?,
        about: n
            .about
            .iter()
            .map(|a| {
                let (link, key) = match *a {
                    EntityRef::Person(p) => {
                        (ctx.exemplar_link(ExemplarId::Person(p)), "recipient.person")
                    }
                    EntityRef::Collective(c) => (
                        ctx.exemplar_link(ExemplarId::Collective(c)),
                        "recipient.collective",
                    ),
                    EntityRef::Unit(u) => (ctx.unit_link(u), "recipient.unit"),
                    EntityRef::Movement(m) => (ctx.movement_link(m), "nav.movements"),
                    EntityRef::Conference(c) => (ctx.conference_link(c), "nav.conferences"),
                    EntityRef::Plan(p) => (ctx.plan_link(p), "nav.plans"),
                };
                AboutLink {
                    link,
                    kind_label: labels.get(key),
                }
            })
            .collect(),
        category: n.category.as_ref().map(|c| Link {
            title: c.clone(),
            url: urls.category(&crate::vi::slugify(c)),
        }),
        media: r.ctx.media(&n.meta.media),
        extra: n.meta.extra.as_ref(),
    };
    let crumbs = r.section_crumbs("news", &paths.news);
    let mut page = r.page(
        n.title.clone(),
        urls.news(&n.meta.slug),
        "news",
        crumbs,
        None,
        view,
    );
    page.description = n.summary.clone();
    r.render_page("news.html", page)
}

/// The link to each category's page.
fn category_links(r: &Renderer<'_>) -> Vec<Link> {
    let Scope { site, urls, .. } = r.scope();
    site.categories
        .iter()
        .map(|c| Link {
            title: c.name.clone(),
            url: urls.category(&c.slug),
        })
        .collect()
}

/// Page `n` of a category's news (`/tin-tuc/chuyen-muc/<slug>/`).
pub(crate) fn category(r: &Renderer<'_>, i: usize, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        size,
        ..
    } = r.scope();
    let c = &site.categories[i];
    let url = urls.category(&c.slug);
    let view = NewsListView {
        intro_html: None,
        intro_extra: None,
        items: page_slice(&c.news, size, n)
            .iter()
            .map(|x| ctx.news_card(*x))
            .collect(),
        categories: category_links(r),
    };
    let title = r.paged_title(
        labels.strings.format("category.page", &[("name", &c.name)]),
        n,
    );
    let page = r.page(
        title,
        Urls::paged(&url, n),
        "news",
        r.section_crumbs("news", &paths.news),
        Pagination::new(&url, n, page_count(c.news.len(), size)),
        view,
    );
    r.render_page("news_list.html", page)
}
