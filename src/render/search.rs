//! The client-side search index: static JSON files, sharded so that the first
//! query of a phone on a slow line downloads little.
//!
//! Every person, collective, unit, movement, conference, news item and plan is a
//! document: its name or title (weight 10), a context line (position and
//! unit, the launching unit, the organiser, the date; weight 3) and a summary
//! (a profile's summary, a slogan, a location; weight 1). Documents are
//! numbered in display order (people in roll order, so that namesakes sit
//! together) and stored in chunks of [`DOC_CHUNK`], about one page of results.
//! Words are folded (no diacritics, `đ` → `d`, lower case) and indexed in
//! shards by their first two folded letters (`t-ng.json` holds every word
//! starting with "ng"); each entry keeps the word as written when it differs
//! from its fold, so that exact diacritics can rank first, and its field: in
//! a name, the word's position and whether it is the last, so that the
//! client can rank a whole-name match first, then names beginning with the
//! query. `w.json` lists the folded words, for typo correction; the client
//! loads it only when a word of the query is not in its shard.
//!
//! Files (under the search section, `/tim-kiem/`): `index.json` (shard list,
//! counts, labels), `t-<key>.json` (terms), `d-<n>.json` (documents),
//! `w.json` (words).

use crate::model::*;
use crate::render::context::ViewContext;
use crate::render::urls::Urls;
use crate::vi;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Documents per chunk file.
pub const DOC_CHUNK: usize = 32;

/// Kind codes of documents, in the order of the labels in `index.json`.
const KINDS: [&str; 7] = [
    "person",
    "collective",
    "unit",
    "movement",
    "conference",
    "news",
    "plan",
];

struct Doc {
    title: String,
    url: String,
    kind: u8,
    context: String,
    /// Words indexed in the summary field, not shown (summary, slogan, location).
    extra_terms: String,
}

/// Splits text into lower-case words (letters and digits).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// The shard key of a folded word: its first two characters, made file-safe.
pub fn shard_key(folded: &str) -> String {
    let mut key = String::new();
    for c in folded.chars().take(2) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else {
            key.push_str(&format!("_{:x}", c as u32));
        }
    }
    key
}

fn documents(site: &Site, urls: &Urls, ctx: &ViewContext<'_>) -> Vec<Doc> {
    let labels = &ctx.labels;
    let mut docs = Vec::with_capacity(
        site.people.len()
            + site.collectives.len()
            + site.units.len()
            + site.movements.len()
            + site.conferences.len()
            + site.news.len()
            + site.plans.len(),
    );
    let strip = |url: String| {
        url.strip_prefix(&urls.base)
            .map(str::to_string)
            .unwrap_or(url)
    };
    let profile = |p: &Profile, url: String, kind: u8| {
        let unit = &site.units[p.unit.ix()];
        let context = match &p.position {
            Some(pos) => format!("{pos} · {}", unit.name),
            None => unit.name.clone(),
        };
        Doc {
            title: p.name.clone(),
            url: strip(url),
            kind,
            context,
            extra_terms: p.summary.clone().unwrap_or_default(),
        }
    };
    for id in &site.people_order {
        let p = &site.people[id.ix()];
        docs.push(profile(p, urls.person(&p.meta.slug), 0));
    }
    for id in &site.collectives_order {
        let c = &site.collectives[id.ix()];
        docs.push(profile(c, urls.collective(&c.meta.slug), 1));
    }
    for id in site.unit_order.iter().chain(&site.former_units) {
        let u = &site.units[id.ix()];
        let parent = u.parent.map(|p| site.units[p.ix()].name.clone());
        docs.push(Doc {
            title: u.name.clone(),
            url: strip(urls.unit(&u.meta.slug)),
            kind: 2,
            context: match parent {
                Some(p) => format!("{} · {p}", labels.unit_kind(u.kind)),
                None => labels.unit_kind(u.kind),
            },
            extra_terms: String::new(),
        });
    }
    for id in &site.movement_order {
        let m = &site.movements[id.ix()];
        docs.push(Doc {
            title: m.title.clone(),
            url: strip(urls.movement(&m.meta.slug)),
            kind: 3,
            context: format!(
                "{} · {}",
                labels.status(m.status),
                site.units[m.launched_by.ix()].name
            ),
            extra_terms: m.slogan.clone().unwrap_or_default(),
        });
    }
    for id in &site.conference_order {
        let c = &site.conferences[id.ix()];
        docs.push(Doc {
            title: c.title.clone(),
            url: strip(urls.conference(&c.meta.slug)),
            kind: 4,
            context: format!(
                "{} · {}",
                labels.when_planned(&c.when, c.tentative, false),
                site.units[c.organizer.ix()].name
            ),
            extra_terms: c.location.clone().unwrap_or_default(),
        });
    }
    for id in &site.news_order {
        let n = &site.news[id.ix()];
        docs.push(Doc {
            title: n.title.clone(),
            url: strip(urls.news(&n.meta.slug)),
            kind: 5,
            context: labels.date(n.date),
            extra_terms: String::new(),
        });
    }
    for id in &site.plan_order {
        let p = &site.plans[id.ix()];
        let kind = labels.get(&format!("plan_type.{}", p.kind));
        docs.push(Doc {
            title: p.title.clone(),
            url: strip(urls.plan(&p.meta.slug)),
            kind: 6,
            context: match &p.number {
                Some(n) => format!("{kind} {n} · {}", site.units[p.issuer.ix()].name),
                None => format!("{kind} · {}", site.units[p.issuer.ix()].name),
            },
            extra_terms: String::new(),
        });
    }
    docs
}

/// One occurrence list: the word as written ("" when equal to its fold),
/// the field ([`field_code`]) and the documents, delta-encoded.
#[derive(Serialize)]
struct Postings(String, u8, Vec<u32>);

/// Field code of the context line (position, unit).
pub const FIELD_CONTEXT: u8 = 0;
/// Field code of the summary.
pub const FIELD_SUMMARY: u8 = 1;
/// Name positions above this one share a code (no prefix test reaches them).
const MAX_POSITION: usize = 15;

/// The field code of the word at `position` of a name of `len` words:
/// `2 + 2 × position + (1 if it is the last word)`.
pub fn field_code(position: usize, len: usize) -> u8 {
    let last = u8::from(position + 1 == len);
    2 + 2 * position.min(MAX_POSITION) as u8 + last
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    chunk: usize,
    docs: usize,
    shards: Vec<&'a str>,
    kinds: Vec<String>,
    labels: BTreeMap<&'static str, String>,
}

/// The search files, as (output path, bytes).
pub fn index_files(site: &Site, urls: &Urls, ctx: &ViewContext<'_>) -> Vec<(String, Vec<u8>)> {
    let docs = documents(site, urls, ctx);
    // folded word → (variant, field) → doc ids (ascending, since docs are visited in order)
    let mut terms: HashMap<String, Vec<(String, u8, Vec<u32>)>> = HashMap::new();
    let mut add = |word: String, field: u8, id: u32| {
        let folded = vi::fold(&word);
        let variant = if word == folded { String::new() } else { word };
        let entries = terms.entry(folded).or_default();
        match entries
            .iter_mut()
            .find(|(v, f, _)| *v == variant && *f == field)
        {
            Some((_, _, ids)) => {
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
            None => entries.push((variant, field, vec![id])),
        }
    };
    for (i, d) in docs.iter().enumerate() {
        let id = i as u32;
        let name: Vec<String> = words(&d.title).collect();
        let len = name.len();
        for (position, word) in name.into_iter().enumerate() {
            add(word, field_code(position, len), id);
        }
        for word in words(&d.context) {
            add(word, FIELD_CONTEXT, id);
        }
        for word in words(&d.extra_terms) {
            add(word, FIELD_SUMMARY, id);
        }
    }
    // The words for typo correction: folded, at least 4 letters, no digit.
    let mut vocabulary: Vec<&str> = terms
        .keys()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= 4 && !w.chars().any(|c| c.is_numeric()))
        .collect();
    vocabulary.sort_unstable();
    let vocabulary = serde_json::to_vec(&vocabulary.join(" ")).unwrap_or_default();
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<Postings>>> = BTreeMap::new();
    for (folded, entries) in terms {
        let postings = entries
            .into_iter()
            .map(|(variant, field, ids)| {
                let mut prev = 0;
                let deltas = ids
                    .into_iter()
                    .map(|id| {
                        let d = id - prev;
                        prev = id;
                        d
                    })
                    .collect();
                Postings(variant, field, deltas)
            })
            .collect();
        shards
            .entry(shard_key(&folded))
            .or_default()
            .insert(folded, postings);
    }
    let dir = &site.config.paths.search;
    let mut files = Vec::with_capacity(shards.len() + docs.len() / DOC_CHUNK + 2);
    for (key, words) in &shards {
        files.push((
            format!("{dir}/t-{key}.json"),
            serde_json::to_vec(words).unwrap_or_default(),
        ));
    }
    for (n, chunk) in docs.chunks(DOC_CHUNK).enumerate() {
        let rows: Vec<(&str, &str, u8, &str)> = chunk
            .iter()
            .map(|d| (d.title.as_str(), d.url.as_str(), d.kind, d.context.as_str()))
            .collect();
        files.push((
            format!("{dir}/d-{n}.json"),
            serde_json::to_vec(&rows).unwrap_or_default(),
        ));
    }
    let s = ctx.labels.strings;
    let labels: BTreeMap<&'static str, String> = [
        ("results", "search.results"),
        ("none", "search.no_results"),
        ("more", "search.more"),
        ("loading", "search.loading"),
        ("error", "search.error"),
        ("short", "search.short"),
        ("suggest", "search.suggest"),
    ]
    .into_iter()
    .map(|(k, key)| (k, s.get(key).to_string()))
    .collect();
    let meta = Meta {
        version: 2,
        chunk: DOC_CHUNK,
        docs: docs.len(),
        shards: shards.keys().map(String::as_str).collect(),
        kinds: KINDS
            .iter()
            .map(|k| s.get(&format!("search.kinds.{k}")).to_string())
            .collect(),
        labels,
    };
    files.push((format!("{dir}/w.json"), vocabulary));
    files.push((
        format!("{dir}/index.json"),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_shards() {
        let w: Vec<String> = words("Nguyễn Thị Hoa, Trưởng thôn Bản Xâm (2024)").collect();
        assert_eq!(
            w,
            [
                "nguyễn",
                "thị",
                "hoa",
                "trưởng",
                "thôn",
                "bản",
                "xâm",
                "2024"
            ]
        );
        assert_eq!(shard_key(&vi::fold("Đức")), "du");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("中国"), "_4e2d_56fd");
    }
}
