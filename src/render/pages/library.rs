//! The media library (`/thu-vien/`): every photo and video of the site,
//! by conference, by movement and by year (see `resolve::library`), paged,
//! each linking back to the page it belongs to.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::pagination::{Pagination, page_count, page_slice};
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

/// Photos and videos per page of the library.
pub const PAGE: usize = 48;

#[derive(Serialize)]
pub struct LibraryView {
    pub groups: Vec<LibraryGroupView>,
    pub total: usize,
}

/// A run of items of one group on a page.
#[derive(Serialize)]
pub struct LibraryGroupView {
    pub title: String,
    pub link: Option<Link>,
    pub photos: Vec<LibraryPhoto>,
    pub videos: Vec<LibraryVideo>,
}

#[derive(Serialize)]
pub struct LibraryPhoto {
    pub photo: PhotoView,
    /// The page it belongs to.
    pub from: Link,
}

#[derive(Serialize)]
pub struct LibraryVideo {
    pub video: VideoView,
    pub from: Link,
}

/// Page `n` of the library.
pub(crate) fn index(r: &Renderer<'_>, n: usize) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        paths,
        labels,
        ..
    } = r.scope();
    let mut groups: Vec<LibraryGroupView> = Vec::new();
    let mut last: Option<LibraryGroup> = None;
    for e in page_slice(&site.library, PAGE, n) {
        if last != Some(e.group) {
            let (title, link) = match e.group {
                LibraryGroup::Conference(c) => {
                    let l = ctx.conference_link(c);
                    (l.title.clone(), Some(l))
                }
                LibraryGroup::Movement(m) => {
                    let l = ctx.movement_link(m);
                    (l.title.clone(), Some(l))
                }
                LibraryGroup::Year(Some(y)) => (
                    labels
                        .strings
                        .format("media.year", &[("year", &y.to_string())]),
                    None,
                ),
                LibraryGroup::Year(None) => (labels.get("media.undated"), None),
            };
            groups.push(LibraryGroupView {
                title,
                link,
                photos: Vec::new(),
                videos: Vec::new(),
            });
            last = Some(e.group);
        }
        let (meta, from) = owner(r, e.owner);
        let group = groups.last_mut().expect("pushed above");
        match e.item {
            MediaItem::Photo(i) => group.photos.push(LibraryPhoto {
                photo: ctx.photo(&meta.media.gallery[i], crate::render::context::GRID),
                from,
            }),
            MediaItem::Video(i) => {
                let one = Media {
                    gallery: Vec::new(),
                    videos: vec![meta.media.videos[i].clone()],
                };
                if let Some(video) = ctx.media(&one).videos.pop() {
                    group.videos.push(LibraryVideo { video, from });
                }
            }
        }
    }
    let url = urls.section(&paths.library);
    let title = r.paged_title(labels.get("nav.library"), n);
    let view = LibraryView {
        groups,
        total: site.library.len(),
    };
    let page = r.page(
        title,
        Urls::paged(&url, n),
        "library",
        vec![r.home_crumb()],
        Pagination::new(&url, n, page_count(site.library.len(), PAGE)),
        view,
    );
    r.render_page("library.html", page)
}

/// The entity a photo or video belongs to, and a link to its page.
fn owner<'a>(r: &Renderer<'a>, o: MediaOwner) -> (&'a Meta, Link) {
    let ctx = &r.ctx;
    let site = ctx.site;
    match o {
        MediaOwner::Person(p) => (
            &site.people[p.ix()].meta,
            ctx.exemplar_link(ExemplarId::Person(p)),
        ),
        MediaOwner::Collective(c) => (
            &site.collectives[c.ix()].meta,
            ctx.exemplar_link(ExemplarId::Collective(c)),
        ),
        MediaOwner::Movement(m) => (&site.movements[m.ix()].meta, ctx.movement_link(m)),
        MediaOwner::Conference(c) => (&site.conferences[c.ix()].meta, ctx.conference_link(c)),
        MediaOwner::News(n) => {
            let news = &site.news[n.ix()];
            (
                &news.meta,
                Link {
                    title: news.title.clone(),
                    url: ctx.urls.news(&news.meta.slug),
                },
            )
        }
    }
}
