//! The resolve stage: references checked, everything that needs the whole
//! site computed, the [`Site`] made.
//!
//! Input: the raw entities of every file ([`crate::load::Content`]).
//! Output: the site with typed ids in place of slugs, or everything wrong
//! with it. Every reference of the content model is checked ([`refs`]: a
//! "did you mean" among the slugs of the right kind, a hint when the slug
//! belongs to another kind or to a draft); each kind is resolved in its own
//! module; duplicate slugs, cycles and awards that do not fit their
//! recipient are errors; delegate compositions that break the rules of the
//! plans are warnings ([`rules`]). Cross-references are then linked
//! ([`link`]) and the orders of the site computed ([`order`]).
//!
//! All aggregation is linear in the content: commendations are sorted once,
//! newest first, and numbered in that order, so that every per-unit,
//! per-movement and per-year list is built by one pass that appends ids in
//! order, never by rescanning all commendations per unit.

mod commendations;
mod conferences;
mod decisions;
mod graph;
mod library;
mod link;
mod movements;
mod news;
mod order;
mod plans;
mod profiles;
mod refs;
mod rules;
mod tree;
mod units;

use crate::diagnostics::{Diagnostic, FileId, Staged};
use crate::load::Content;
use crate::load::config::Config;
use crate::load::raw::{self, Raw};
use crate::model::*;
use chrono::NaiveDate;
use commendations::{Pending, Recipients};
pub use profiles::patch_text;
use refs::Resolver;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Build settings that affect the model.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The date movement statuses are computed against.
    pub now: NaiveDate,
    /// Keep drafts.
    pub drafts: bool,
}

/// Resolves the site: the site if there were no errors, and all diagnostics.
pub fn resolve(content: Content, settings: &Settings) -> Staged<Site> {
    let mut r = Resolver::new(&content.sources, &content.config.awards, &content.assets);
    for (kind, slug) in &content.broken {
        r.index(*kind).broken.insert(slug.clone());
    }
    let run = r.run(content.raws, &content.config, settings);
    let diagnostics = r.diagnostics;
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let site = run.filter(|_| !has_errors).map(|(parts, drafts)| {
        let mut site = parts.into_site(
            content.config,
            content.sources,
            content.assets,
            settings.now,
        );
        leave_out_drafts_files(&mut site, &drafts);
        site
    });
    Staged::new(site, diagnostics)
}

/// The files of drafts left out of the output: their bundles' files and the
/// files their fields name.
#[derive(Default)]
struct DraftFiles {
    bundles: HashSet<String>,
    named: HashSet<String>,
}

/// A draft's files are not published with it, unless a published entity
/// names them too.
fn leave_out_drafts_files(site: &mut Site, drafts: &DraftFiles) {
    if drafts.bundles.is_empty() && drafts.named.is_empty() {
        return;
    }
    let mut used: HashSet<String> = HashSet::default();
    let mut add = |f: &FileRef| {
        if let FileRef::Local(rel) = f {
            used.insert(rel.clone());
        }
    };
    site.units
        .iter()
        .filter_map(|u| u.logo.as_ref())
        .for_each(&mut add);
    site.people
        .iter()
        .chain(&site.collectives)
        .filter_map(|p| p.photo.as_ref())
        .for_each(&mut add);
    site.news
        .iter()
        .filter_map(|n| n.photo.as_ref())
        .for_each(&mut add);
    for m in site.media_of() {
        for p in &m.gallery {
            add(&p.file);
        }
        for v in &m.videos {
            add(&v.file);
            v.poster.iter().chain(&v.captions).for_each(&mut add);
        }
    }
    site.movements
        .iter()
        .flat_map(|m| &m.documents)
        .chain(site.conferences.iter().flat_map(|c| &c.documents))
        .chain(
            site.plans
                .iter()
                .flat_map(|p| p.file.iter().chain(&p.attachments)),
        )
        .for_each(|d| add(&d.file));
    site.assets.retain(|a| {
        let of_draft = a
            .bundle
            .as_ref()
            .is_some_and(|b| drafts.bundles.contains(b))
            || drafts.named.contains(&a.rel);
        !of_draft || used.contains(&a.rel)
    });
}

/// The raw entities of each kind that are published (drafts left out,
/// duplicates reported), and the intros.
#[derive(Default)]
struct ByKind {
    units: Vec<raw::RawUnit>,
    movements: Vec<raw::RawMovement>,
    people: Vec<raw::RawExemplar>,
    collectives: Vec<raw::RawExemplar>,
    conferences: Vec<raw::RawConference>,
    decisions: Vec<raw::RawDecision>,
    news: Vec<raw::RawNews>,
    pages: Vec<raw::RawPage>,
    plans: Vec<raw::RawPlan>,
    home: Intro,
    intros: Vec<(Kind, Intro)>,
    draft_files: DraftFiles,
}

/// The resolved parts, before they are put into a [`Site`].
struct Parts {
    units: Vec<Unit>,
    movements: Vec<Movement>,
    people: Vec<Profile>,
    collectives: Vec<Profile>,
    conferences: Vec<Conference>,
    decisions: Vec<Decision>,
    news: Vec<News>,
    pages: Vec<Page>,
    plans: Vec<Plan>,
    home: Intro,
    intros: Vec<(Kind, Intro)>,
    commendations: Vec<Commendation>,
}

impl Resolver<'_> {
    fn run(
        &mut self,
        raws: Vec<Raw>,
        config: &Config,
        settings: &Settings,
    ) -> Option<(Parts, DraftFiles)> {
        let mut by_kind = self.sort_by_kind(raws, settings.drafts);
        let drafts = std::mem::take(&mut by_kind.draft_files);
        self.check_page_slugs(&by_kind.pages, config);
        let units = self.units(by_kind.units, settings.now);
        let movements = self.movements(by_kind.movements, &units, settings.now);
        let mut pending: Vec<Pending> = Vec::new();
        let people = self.profiles(by_kind.people, Kind::Person, &mut pending);
        let collectives = self.profiles(by_kind.collectives, Kind::Collective, &mut pending);
        let conferences = self.conferences(by_kind.conferences, &units);
        let mut decisions = self.decisions(by_kind.decisions, &people, &collectives, &mut pending);
        let news = self.news(by_kind.news);
        let plans = self.plans(by_kind.plans, &units);
        let pages: Vec<Page> = by_kind
            .pages
            .into_iter()
            .map(|p| Page {
                meta: meta(&p.common),
                title: p.title,
                order: p.order,
            })
            .collect();
        let recipients = Recipients {
            people: &people,
            collectives: &collectives,
            units: &units,
        };
        let commendations = self.commendations(pending, &recipients, &mut decisions);
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        let mut parts = Parts {
            units,
            movements,
            people,
            collectives,
            conferences,
            decisions,
            news,
            pages,
            plans,
            home: by_kind.home,
            intros: by_kind.intros,
            commendations,
        };
        link::link(&mut parts, self.awards);
        plans::link_plans(&mut parts);
        Some((parts, drafts))
    }

    /// Sorts the raw entities by kind, registering every slug; drafts are
    /// kept aside (so that a reference to one can say so) unless wanted.
    fn sort_by_kind(&mut self, raws: Vec<Raw>, drafts: bool) -> ByKind {
        let mut out = ByKind::default();
        let mut first_files: HashMap<(Kind, String), FileId> = HashMap::default();
        for raw in raws {
            let (kind, common) = match &raw {
                Raw::Unit(u) => (Kind::Unit, &u.common),
                Raw::Movement(m) => (Kind::Movement, &m.common),
                Raw::Exemplar(e) if e.person => (Kind::Person, &e.common),
                Raw::Exemplar(e) => (Kind::Collective, &e.common),
                Raw::Conference(c) => (Kind::Conference, &c.common),
                Raw::Decision(d) => (Kind::Decision, &d.common),
                Raw::News(n) => (Kind::News, &n.common),
                Raw::Page(p) => (Kind::Page, &p.common),
                Raw::Plan(p) => (Kind::Plan, &p.common),
                Raw::Intro(i) => {
                    let intro = Intro {
                        title: i.title.clone(),
                        description: i.description.clone(),
                        body: Some(Body {
                            file: i.file,
                            range: i.body.clone(),
                        }),
                        extra: i.extra.clone(),
                    };
                    match i.section {
                        None => out.home = intro,
                        Some(k) => out.intros.push((k, intro)),
                    }
                    continue;
                }
            };
            if common.draft && !drafts {
                let slug = common.slug.value.clone();
                let file = common.file;
                self.index(kind).drafts.insert(slug, file);
                if common.bundle {
                    out.draft_files.bundles.insert(common.dir.clone());
                }
                for path in raw.file_refs().1 {
                    if let refs::PathTarget::Site(rel) =
                        refs::content_path(&common.dir, &path.value)
                    {
                        out.draft_files.named.insert(rel);
                    }
                }
                continue;
            }
            if !self.register(kind, common, &mut first_files) {
                continue;
            }
            match raw {
                Raw::Unit(u) => out.units.push(u),
                Raw::Movement(m) => out.movements.push(m),
                Raw::Exemplar(e) if kind == Kind::Person => out.people.push(e),
                Raw::Exemplar(e) => out.collectives.push(e),
                Raw::Conference(c) => out.conferences.push(c),
                Raw::Decision(d) => out.decisions.push(d),
                Raw::News(n) => out.news.push(n),
                Raw::Page(p) => out.pages.push(p),
                Raw::Plan(p) => out.plans.push(p),
                Raw::Intro(_) => unreachable!("handled above"),
            }
        }
        out
    }

    /// Pages live at the top of the site: their slugs must not take a section's place.
    fn check_page_slugs(&mut self, pages: &[raw::RawPage], config: &Config) {
        for p in pages {
            let slug = &p.common.slug.value;
            if config.paths.all().contains(&slug.as_str()) {
                let d = Diagnostic::error(format!(
                    "the page slug `{slug}` is also the name of a section of the site"
                ))
                .at(self.sources.locate(p.common.slug.loc))
                .help("rename the page file, or set slug = \"…\"");
                self.push(d);
            }
        }
    }
}

/// The fields every entity page has, from the raw common fields.
fn meta(common: &raw::Common) -> Meta {
    Meta {
        slug: common.slug.value.clone(),
        file: common.file,
        body: if common.body.is_empty() {
            None
        } else {
            Some(Body {
                file: common.file,
                range: common.body.clone(),
            })
        },
        extra: common.extra.clone(),
        dir: common.dir.clone(),
        media: Media::default(),
    }
}

impl Resolver<'_> {
    /// The fields every entity page has, with its photos and videos
    /// checked: each file must exist, a gallery photo must be an image.
    fn entity_meta(&mut self, common: &raw::Common) -> Meta {
        let mut m = meta(common);
        let dir = &common.dir;
        for p in &common.media.gallery {
            let Some(file) = self.file_ref(dir, &p.file, "gallery.file", false) else {
                continue;
            };
            if let FileRef::Local(rel) = &file
                && !crate::media::is_raster(rel)
            {
                let d = self
                    .error_at(p.file.loc, format!("`gallery.file` must be a photo (JPEG, PNG, WebP or GIF), found content/{rel}"))
                    .field("gallery.file")
                    .help("a video goes under `videos`, a document under `documents`");
                self.push(d);
                continue;
            }
            m.media.gallery.push(Photo {
                file,
                caption: p.caption.clone(),
                credit: p.credit.clone(),
                date: p.date,
            });
        }
        for v in &common.media.videos {
            let Some(file) = self.file_ref(dir, &v.file, "videos.file", true) else {
                continue;
            };
            let poster = v
                .poster
                .as_ref()
                .and_then(|p| self.file_ref(dir, p, "videos.poster", false));
            let captions = v
                .captions
                .as_ref()
                .and_then(|c| self.file_ref(dir, c, "videos.captions", false));
            m.media.videos.push(Video {
                title: v.title.clone(),
                file,
                poster,
                captions,
                duration: v.duration.clone(),
                credit: v.credit.clone(),
            });
        }
        m
    }
}
