//! The order of the media library (`/thu-vien/`): the photos and videos of
//! each conference (latest first), then of each movement (in the order of
//! the movements page), then the rest (people, collectives, news) by year,
//! latest first, undated last. Computed once, so that each page of the
//! library is a slice.

use crate::model::*;
use chrono::Datelike;
use std::collections::BTreeMap;

pub(super) fn entries(site: &Site) -> Vec<LibraryEntry> {
    let mut out = Vec::new();
    let push_all =
        |group: LibraryGroup, owner: MediaOwner, media: &Media, out: &mut Vec<LibraryEntry>| {
            for i in 0..media.gallery.len() {
                out.push(LibraryEntry {
                    group,
                    owner,
                    item: MediaItem::Photo(i),
                });
            }
            for i in 0..media.videos.len() {
                out.push(LibraryEntry {
                    group,
                    owner,
                    item: MediaItem::Video(i),
                });
            }
        };
    for &c in &site.conference_order {
        let media = &site.conferences[c.ix()].meta.media;
        push_all(
            LibraryGroup::Conference(c),
            MediaOwner::Conference(c),
            media,
            &mut out,
        );
    }
    for &m in &site.movement_order {
        let media = &site.movements[m.ix()].meta.media;
        push_all(
            LibraryGroup::Movement(m),
            MediaOwner::Movement(m),
            media,
            &mut out,
        );
    }
    // The rest by year: a photo's own date, else the news item's date.
    let mut by_year: BTreeMap<std::cmp::Reverse<Option<i32>>, Vec<LibraryEntry>> = BTreeMap::new();
    let mut add = |owner: MediaOwner, media: &Media, fallback: Option<i32>| {
        for (i, p) in media.gallery.iter().enumerate() {
            let year = p.date.map(|d| d.year()).or(fallback);
            by_year
                .entry(std::cmp::Reverse(year))
                .or_default()
                .push(LibraryEntry {
                    group: LibraryGroup::Year(year),
                    owner,
                    item: MediaItem::Photo(i),
                });
        }
        for i in 0..media.videos.len() {
            by_year
                .entry(std::cmp::Reverse(fallback))
                .or_default()
                .push(LibraryEntry {
                    group: LibraryGroup::Year(fallback),
                    owner,
                    item: MediaItem::Video(i),
                });
        }
    };
    for &n in &site.news_order {
        let news = &site.news[n.ix()];
        add(
            MediaOwner::News(n),
            &news.meta.media,
            Some(news.date.year()),
        );
    }
    for &p in &site.people_order {
        add(MediaOwner::Person(p), &site.people[p.ix()].meta.media, None);
    }
    for &c in &site.collectives_order {
        add(
            MediaOwner::Collective(c),
            &site.collectives[c.ix()].meta.media,
            None,
        );
    }
    // Undated (`None`) sorts first under `Reverse`: put it last.
    let undated = by_year.remove(&std::cmp::Reverse(None));
    out.extend(by_year.into_values().flatten());
    out.extend(undated.into_iter().flatten());
    out
}
