//! Resolves references and computes everything that needs the whole site.
//!
//! Input: the raw entities of every file. Output: the [`Site`] with typed ids
//! in place of slugs, or the list of everything wrong with it. Every
//! reference of the content model is checked here (with a "did you mean"
//! among the slugs of the right kind, and a hint when the slug belongs to
//! another kind or to a draft); duplicate slugs, parent and successor cycles,
//! looping congress chains and awards that do not fit their recipient are
//! errors; delegate compositions that break the 70% / 30% / ceiling rules of
//! the plans are warnings.
//!
//! All aggregation is linear in the content: commendations are sorted once,
//! newest first, and numbered in that order, so that every per-unit,
//! per-movement and per-year list is built by one pass that appends ids in
//! order; a commendation is added to its unit and to each ancestor (the tree
//! is a few levels deep), never by rescanning all commendations per unit.

use crate::awards::{AwardId, Catalogue};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, FileId, Loc, SourceMap, did_you_mean};
use crate::entities::{self as raw, Kind, Raw, RawCommendation, RawWho};
use crate::fields::At;
use crate::model::*;
use crate::vi::{self, CollationKey};
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Build settings that affect the model.
#[derive(Clone, Debug)]
pub struct Options {
    /// The date movement statuses are computed against.
    pub now: NaiveDate,
    /// Keep drafts.
    pub drafts: bool,
}

/// Everything the loading stage read.
pub struct Loaded {
    pub config: Config,
    pub sources: SourceMap,
    pub raws: Vec<Raw>,
    pub assets: Vec<AssetFile>,
    /// Entities whose file could not be read (already reported): references
    /// to them are not reported again as unknown.
    pub broken: Vec<(Kind, String)>,
}

/// Resolves the site. Returns the site if there were no errors, and all diagnostics.
pub fn resolve(loaded: Loaded, options: &Options) -> (Option<Site>, Vec<Diagnostic>) {
    let mut r = Resolver::new(&loaded.sources, &loaded.config.awards, &loaded.assets);
    for (kind, slug) in &loaded.broken {
        r.index(*kind).broken.insert(slug.clone());
    }
    let site = r.run(loaded.raws, &loaded.config, options);
    let diagnostics = r.diagnostics;
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let site = site
        .filter(|_| !has_errors)
        .map(|parts| parts.into_site(loaded.config, loaded.sources, loaded.assets, options.now));
    (site, diagnostics)
}

/// Slug index of one kind.
struct SlugIndex {
    map: HashMap<String, u32>,
    slugs: Vec<String>,
    drafts: HashMap<String, FileId>,
    broken: HashSet<String>,
}

impl SlugIndex {
    fn new() -> Self {
        SlugIndex {
            map: HashMap::new(),
            slugs: Vec::new(),
            drafts: HashMap::new(),
            broken: HashSet::new(),
        }
    }
}

struct Resolver<'a> {
    sources: &'a SourceMap,
    awards: &'a Catalogue,
    assets: HashSet<&'a str>,
    diagnostics: Vec<Diagnostic>,
    units: SlugIndex,
    movements: SlugIndex,
    people: SlugIndex,
    collectives: SlugIndex,
    conferences: SlugIndex,
    decisions: SlugIndex,
    news: SlugIndex,
    pages: SlugIndex,
}

/// A commendation before sorting.
struct Pending {
    recipient: Recipient,
    unit: UnitId,
    raw: RawCommendation,
    position: Option<String>,
    source: FileId,
    id: String,
    decision_file: Option<DecisionId>,
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
    home: Intro,
    intros: Vec<(Kind, Intro)>,
    commendations: Vec<Commendation>,
}

impl<'a> Resolver<'a> {
    fn new(sources: &'a SourceMap, awards: &'a Catalogue, assets: &'a [AssetFile]) -> Self {
        Resolver {
            sources,
            awards,
            assets: assets.iter().map(|a| a.rel.as_str()).collect(),
            diagnostics: Vec::new(),
            units: SlugIndex::new(),
            movements: SlugIndex::new(),
            people: SlugIndex::new(),
            collectives: SlugIndex::new(),
            conferences: SlugIndex::new(),
            decisions: SlugIndex::new(),
            news: SlugIndex::new(),
            pages: SlugIndex::new(),
        }
    }

    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn error_at(&self, loc: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.sources.locate(loc))
    }

    fn index(&mut self, kind: Kind) -> &mut SlugIndex {
        match kind {
            Kind::Unit => &mut self.units,
            Kind::Movement => &mut self.movements,
            Kind::Person => &mut self.people,
            Kind::Collective => &mut self.collectives,
            Kind::Conference => &mut self.conferences,
            Kind::Decision => &mut self.decisions,
            Kind::News => &mut self.news,
            Kind::Page => &mut self.pages,
        }
    }

    fn index_ref(&self, kind: Kind) -> &SlugIndex {
        match kind {
            Kind::Unit => &self.units,
            Kind::Movement => &self.movements,
            Kind::Person => &self.people,
            Kind::Collective => &self.collectives,
            Kind::Conference => &self.conferences,
            Kind::Decision => &self.decisions,
            Kind::News => &self.news,
            Kind::Page => &self.pages,
        }
    }

    /// Registers an entity's slug; returns false (and reports) on a duplicate.
    fn register(
        &mut self,
        kind: Kind,
        common: &raw::Common,
        first_files: &mut HashMap<(Kind, String), FileId>,
    ) -> bool {
        let slug = common.slug.value.clone();
        if let Some(&first) = first_files.get(&(kind, slug.clone())) {
            let d = Diagnostic::error(format!("two {} have the slug `{slug}`", kind.plural()))
                .at(self.sources.locate(common.slug.loc))
                .related(self.sources.locate(Loc::whole(first)), "the other one")
                .help("every entity of one kind needs its own slug: rename one of the files or set slug = \"…\" in one of them");
            self.push(d);
            return false;
        }
        first_files.insert((kind, slug.clone()), common.file);
        let index = self.index(kind);
        let id = index.slugs.len() as u32;
        index.map.insert(slug.clone(), id);
        index.slugs.push(slug);
        true
    }

    /// Looks up a reference to an entity of `kind`.
    fn lookup(&mut self, kind: Kind, r: &At<String>, field: &str) -> Option<u32> {
        let slug = r.value.trim();
        if let Some(&id) = self.index_ref(kind).map.get(slug) {
            return Some(id);
        }
        if self.index_ref(kind).broken.contains(slug) {
            // Its file has errors of its own, already reported.
            return None;
        }
        let mut d = self
            .error_at(
                r.loc,
                format!("unknown {} `{slug}` in `{field}`", kind.noun()),
            )
            .field(field.to_string())
            .label(format!("no {} has this slug", kind.noun()));
        let index = self.index_ref(kind);
        if let Some(&file) = index.drafts.get(slug) {
            d = d.help(format!(
                "{} is a draft (draft = true in {}); publish it, build with --drafts, or remove this reference",
                slug,
                self.sources.display(file)
            ));
        } else if let Some(s) = did_you_mean(slug, index.slugs.iter().map(String::as_str)) {
            d = d.help(format!("did you mean `{s}`?"));
        } else if !vi::is_valid_slug(slug) && index.map.contains_key(&vi::slugify(slug)) {
            d = d.help(format!(
                "references use slugs: write `{}`",
                vi::slugify(slug)
            ));
        } else {
            for other in Kind::ALL {
                if other != kind && self.index_ref(other).map.contains_key(slug) {
                    d = d.help(format!("`{slug}` is {}, not {}", other.a(), kind.a()));
                    break;
                }
            }
            if d.help.is_empty() && index.slugs.is_empty() {
                d = d.help(format!(
                    "the site has no {}s yet: add content/{}/{slug}.md",
                    kind.noun(),
                    kind.folder()
                ));
            } else if d.help.is_empty() {
                d = d.help(format!(
                    "the slug of {} is its file name in content/{}/ without .md",
                    kind.a(),
                    kind.folder()
                ));
            }
        }
        self.push(d);
        None
    }

    fn unit(&mut self, r: &At<String>, field: &str) -> Option<UnitId> {
        self.lookup(Kind::Unit, r, field).map(UnitId)
    }

    fn movement(&mut self, r: &At<String>, field: &str) -> Option<MovementId> {
        self.lookup(Kind::Movement, r, field).map(MovementId)
    }

    fn person(&mut self, r: &At<String>, field: &str) -> Option<PersonId> {
        self.lookup(Kind::Person, r, field).map(PersonId)
    }

    fn collective(&mut self, r: &At<String>, field: &str) -> Option<CollectiveId> {
        self.lookup(Kind::Collective, r, field).map(CollectiveId)
    }

    fn conference(&mut self, r: &At<String>, field: &str) -> Option<ConferenceId> {
        self.lookup(Kind::Conference, r, field).map(ConferenceId)
    }

    /// A person or a collective, by slug or `person:slug` / `collective:slug`.
    fn exemplar(&mut self, r: &At<String>, field: &str) -> Option<ExemplarId> {
        let text = r.value.trim();
        if let Some((kind, slug)) = text.split_once(':') {
            let slug_at = At {
                value: slug.trim().to_string(),
                loc: r.loc,
            };
            return match kind.trim() {
                "person" | "ca-nhan" => self.person(&slug_at, field).map(ExemplarId::Person),
                "collective" | "tap-the" => {
                    self.collective(&slug_at, field).map(ExemplarId::Collective)
                }
                other => {
                    let d = self
                        .error_at(
                            r.loc,
                            format!(
                                "`{field}` lists \"{text}\": `{other}` is not person or collective"
                            ),
                        )
                        .field(field.to_string())
                        .suggest(did_you_mean(other, ["person", "collective"]));
                    self.push(d);
                    None
                }
            };
        }
        let person = self.people.map.get(text).copied();
        let collective = self.collectives.map.get(text).copied();
        if person.is_none()
            && collective.is_none()
            && (self.people.broken.contains(text) || self.collectives.broken.contains(text))
        {
            return None;
        }
        match (person, collective) {
            (Some(p), None) => Some(ExemplarId::Person(PersonId(p))),
            (None, Some(c)) => Some(ExemplarId::Collective(CollectiveId(c))),
            (Some(_), Some(_)) => {
                let d = self
                    .error_at(
                        r.loc,
                        format!("`{text}` in `{field}` is both a person and a collective"),
                    )
                    .field(field.to_string())
                    .help(format!("write \"person:{text}\" or \"collective:{text}\""));
                self.push(d);
                None
            }
            (None, None) => {
                let mut d = self
                    .error_at(
                        r.loc,
                        format!("unknown person or collective `{text}` in `{field}`"),
                    )
                    .field(field.to_string())
                    .label("no person or collective has this slug");
                let candidates = self
                    .people
                    .slugs
                    .iter()
                    .chain(&self.collectives.slugs)
                    .map(String::as_str);
                if let Some(s) = did_you_mean(text, candidates) {
                    d = d.help(format!("did you mean `{s}`?"));
                } else if let Some(&f) = self
                    .people
                    .drafts
                    .get(text)
                    .or_else(|| self.collectives.drafts.get(text))
                {
                    d = d.help(format!(
                        "{text} is a draft (draft = true in {})",
                        self.sources.display(f)
                    ));
                }
                self.push(d);
                None
            }
        }
    }

    fn award(&mut self, r: &At<String>, field: &str) -> Option<AwardId> {
        let text = r.value.trim();
        if let Some(id) = self.awards.by_slug(text) {
            return Some(id);
        }
        if let Some(id) = self.awards.by_name_or_slug(text) {
            // A name written where a slug is expected: accept it, but say the slug.
            let slug = self.awards.get(id).slug.clone();
            let d = Diagnostic::warning(format!(
                "`{field}` names the award \"{text}\"; its slug is `{slug}`"
            ))
            .at(self.sources.locate(r.loc))
            .field(field.to_string())
            .help(format!("write {field} = \"{slug}\""));
            self.push(d);
            return Some(id);
        }
        let folded = vi::slugify(text);
        let suggestion = did_you_mean(&folded, self.awards.slugs()).map(str::to_string);
        let mut d = self
            .error_at(r.loc, format!("unknown award `{text}` in `{field}`"))
            .field(field.to_string())
            .label("not in the awards catalogue");
        d = match suggestion {
            Some(s) => d.help(format!("did you mean `{s}` ({})?", self.awards.get(self.awards.by_slug(&s).expect("slug from catalogue")).name)),
            None => d.help("the README lists the award slugs; a site adds its own under [[awards]] in site.toml"),
        };
        self.push(d);
        None
    }

    /// Resolves a path written in `dir` (relative to the file, or to
    /// `content/` when it starts with `/`).
    fn file_ref(&mut self, dir: &str, r: &At<String>, field: &str) -> Option<FileRef> {
        let text = r.value.trim();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Some(FileRef::External(text.to_string()));
        }
        if lower.contains("://")
            || lower.starts_with("file:")
            || lower.starts_with("javascript:")
            || lower.starts_with("data:")
        {
            let d = self
                .error_at(
                    r.loc,
                    format!("`{field}` must be a file of the site or an https:// address"),
                )
                .field(field.to_string());
            self.push(d);
            return None;
        }
        let normalised = text.replace('\\', "/");
        let looks_absolute_os = normalised.len() > 2 && normalised.as_bytes()[1] == b':';
        let (base, path) = match normalised.strip_prefix('/') {
            Some(rest) => ("", rest),
            None => (dir, normalised.as_str()),
        };
        let mut parts: Vec<&str> = if base.is_empty() {
            Vec::new()
        } else {
            base.split('/').collect()
        };
        let mut escapes = looks_absolute_os;
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        escapes = true;
                    }
                }
                p => parts.push(p),
            }
        }
        if escapes {
            let d = self
                .error_at(r.loc, format!("`{field}` points outside the site: \"{text}\""))
                .field(field.to_string())
                .label("leaves content/")
                .help("put the file inside content/ (beside the Markdown file, or in a folder such as content/tai-lieu/) and write its path relative to the file");
            self.push(d);
            return None;
        }
        let rel = parts.join("/");
        if self.assets.contains(rel.as_str()) {
            return Some(FileRef::Local(rel));
        }
        let folder = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let siblings: Vec<&str> = self
            .assets
            .iter()
            .copied()
            .filter(|a| a.rsplit_once('/').map_or("", |(d, _)| d) == folder)
            .collect();
        let mut d = self
            .error_at(r.loc, format!("`{field}`: file not found: content/{rel}"))
            .field(field.to_string())
            .label("no such file");
        if let Some(s) = did_you_mean(&rel, siblings.iter().copied()) {
            let relative = s.strip_prefix(&format!("{dir}/")).unwrap_or(s);
            d = d.help(format!("did you mean \"{relative}\"?"));
        } else {
            d = d.help(format!("paths are relative to the file's folder (content/{dir}/); start with / for a path from content/"));
        }
        self.push(d);
        None
    }

    fn run(&mut self, raws: Vec<Raw>, config: &Config, options: &Options) -> Option<Parts> {
        // Sort raws by kind, dropping drafts.
        let mut units = Vec::new();
        let mut movements = Vec::new();
        let mut people = Vec::new();
        let mut collectives = Vec::new();
        let mut conferences = Vec::new();
        let mut decisions = Vec::new();
        let mut news = Vec::new();
        let mut pages = Vec::new();
        let mut home = Intro::default();
        let mut intros = Vec::new();
        let mut first_files = HashMap::new();
        for raw in raws {
            let (kind, common) = match &raw {
                Raw::Unit(u) => (Kind::Unit, &u.common),
                Raw::Movement(m) => (Kind::Movement, &m.common),
                Raw::Exemplar(e) => (
                    if e.person {
                        Kind::Person
                    } else {
                        Kind::Collective
                    },
                    &e.common,
                ),
                Raw::Conference(c) => (Kind::Conference, &c.common),
                Raw::Decision(d) => (Kind::Decision, &d.common),
                Raw::News(n) => (Kind::News, &n.common),
                Raw::Page(p) => (Kind::Page, &p.common),
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
                        None => home = intro,
                        Some(k) => intros.push((k, intro)),
                    }
                    continue;
                }
            };
            if common.draft && !options.drafts {
                let slug = common.slug.value.clone();
                let file = common.file;
                self.index(kind).drafts.insert(slug, file);
                continue;
            }
            if !self.register(kind, common, &mut first_files) {
                continue;
            }
            match raw {
                Raw::Unit(u) => units.push(u),
                Raw::Movement(m) => movements.push(m),
                Raw::Exemplar(e) if kind == Kind::Person => people.push(e),
                Raw::Exemplar(e) => collectives.push(e),
                Raw::Conference(c) => conferences.push(c),
                Raw::Decision(d) => decisions.push(d),
                Raw::News(n) => news.push(n),
                Raw::Page(p) => pages.push(p),
                Raw::Intro(_) => unreachable!("handled above"),
            }
        }
        // Pages live at the top of the site: their slugs must not take a section's place.
        for p in &pages {
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

        let mut out_units = self.resolve_units(units);
        let mut out_movements = self.resolve_movements(movements, options.now);
        let mut pending: Vec<Pending> = Vec::new();
        let mut out_people = self.resolve_profiles(people, Kind::Person, &mut pending);
        let mut out_collectives =
            self.resolve_profiles(collectives, Kind::Collective, &mut pending);
        let mut out_conferences = self.resolve_conferences(conferences);
        let mut out_decisions =
            self.resolve_decisions(decisions, &out_people, &out_collectives, &mut pending);
        let out_news = self.resolve_news(news);
        let out_pages: Vec<Page> = pages
            .into_iter()
            .map(|p| Page {
                meta: meta(&p.common),
                title: p.title,
                order: p.order,
            })
            .collect();

        let mut commendations = self.resolve_commendations(
            pending,
            &out_people,
            &out_collectives,
            &out_units,
            &mut out_decisions,
        );

        if self.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }

        link_everything(
            &mut out_units,
            &mut out_movements,
            &mut out_people,
            &mut out_collectives,
            &mut out_conferences,
            &mut out_decisions,
            &mut commendations,
            self.awards,
        );
        Some(Parts {
            units: out_units,
            movements: out_movements,
            people: out_people,
            collectives: out_collectives,
            conferences: out_conferences,
            decisions: out_decisions,
            news: out_news,
            pages: out_pages,
            home,
            intros,
            commendations,
        })
    }

    fn resolve_units(&mut self, raws: Vec<raw::RawUnit>) -> Vec<Unit> {
        let n = raws.len();
        let mut units: Vec<Unit> = Vec::with_capacity(n);
        let mut parents: Vec<Option<(UnitId, Loc)>> = Vec::with_capacity(n);
        let mut successors: Vec<Option<(UnitId, Loc)>> = Vec::with_capacity(n);
        let mut raw_scores = Vec::with_capacity(n);
        for (i, u) in raws.into_iter().enumerate() {
            let id = UnitId(i as u32);
            let is_cluster = matches!(u.kind, "cum-thi-dua" | "khoi-thi-dua");
            let parent = u
                .parent
                .as_ref()
                .and_then(|p| self.unit(p, "parent").map(|pid| (pid, p.loc)));
            if let Some((pid, loc)) = parent
                && pid == id
            {
                let d = self
                    .error_at(
                        loc,
                        format!("unit `{}` is its own parent", u.common.slug.value),
                    )
                    .field("parent");
                self.push(d);
            }
            let successor = u
                .successor
                .as_ref()
                .and_then(|s| self.unit(s, "successor").map(|sid| (sid, s.loc)));
            if let Some((sid, loc)) = successor
                && sid == id
            {
                let d = self
                    .error_at(
                        loc,
                        format!("unit `{}` is its own successor", u.common.slug.value),
                    )
                    .field("successor")
                    .help("`successor` is the unit that took this one over after a merger");
                self.push(d);
            }
            if !is_cluster && !u.members.is_empty() {
                let d = self
                    .error_at(u.members_loc.unwrap_or(Loc::whole(u.common.file)), format!("`members` is only for clusters; this unit's kind is `{}`", u.kind))
                    .field("members")
                    .help("set kind = \"cum-thi-dua\" or \"khoi-thi-dua\" for an emulation cluster, or use `parent` for the unit tree");
                self.push(d);
            }
            if !is_cluster && !u.scores.is_empty() {
                let d = self
                    .error_at(
                        u.scores_loc.unwrap_or(Loc::whole(u.common.file)),
                        format!(
                            "`scores` is only for clusters; this unit's kind is `{}`",
                            u.kind
                        ),
                    )
                    .field("scores");
                self.push(d);
            }
            let members: Vec<UnitId> = u
                .members
                .iter()
                .filter_map(|m| self.unit(m, "members"))
                .collect();
            let logo = u
                .logo
                .as_ref()
                .and_then(|l| self.file_ref(&u.common.dir, l, "logo"));
            if u.successor.is_some() && u.dissolved.is_none() {
                let d = Diagnostic::warning(format!(
                    "unit `{}` has a successor but no `dissolved` date",
                    u.common.slug.value
                ))
                .at(self.sources.locate(
                    u.successor
                        .as_ref()
                        .map_or(Loc::whole(u.common.file), |s| s.loc),
                ))
                .field("successor")
                .help("add dissolved = 2025-07-01 (the day of the merger)");
                self.push(d);
            }
            parents.push(parent);
            successors.push(successor);
            raw_scores.push((u.scores.clone(), members.clone()));
            units.push(Unit {
                sort_key: CollationKey::new(&u.name),
                meta: meta(&u.common),
                name: u.name,
                kind: u.kind,
                parent: None,
                children: Vec::new(),
                members,
                clusters: Vec::new(),
                scores: Vec::new(),
                address: u.address,
                website: u.website,
                logo,
                order: u.order,
                established: u.established.map(|d| d.value),
                dissolved: u.dissolved.map(|d| d.value),
                successor: None,
                predecessors: Vec::new(),
                ancestors: Vec::new(),
                roll: Vec::new(),
                exemplars: Vec::new(),
                award_counts: Vec::new(),
                active_count: 0,
                movements_launched: Vec::new(),
                conferences_organised: Vec::new(),
            });
        }
        // Parent cycles: follow each chain; a chain that comes back is reported once.
        let mut state = vec![0u8; n]; // 0 unvisited, 1 on path, 2 done
        for start in 0..n {
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(i) = cur {
                match state[i] {
                    2 => break,
                    1 => {
                        let pos = path.iter().position(|&p| p == i).unwrap_or(0);
                        let cycle: Vec<usize> = path[pos..].to_vec();
                        if cycle.len() > 1 {
                            let names: Vec<&str> = cycle
                                .iter()
                                .chain(std::iter::once(&i))
                                .map(|&c| units[c].meta.slug.as_str())
                                .collect();
                            let loc = parents[i].map_or(Loc::whole(units[i].meta.file), |(_, l)| l);
                            let d = self
                                .error_at(loc, format!("the units' parents form a cycle: {}", names.join(" → ")))
                                .field("parent")
                                .help("a unit's parent must be above it in the tree; remove `parent` from one of them");
                            self.push(d);
                        }
                        for &c in &cycle {
                            parents[c] = None;
                        }
                        break;
                    }
                    _ => {
                        state[i] = 1;
                        path.push(i);
                        cur = parents[i].map(|(p, _)| p.ix()).filter(|&p| p != i);
                    }
                }
            }
            for p in path {
                state[p] = 2;
            }
        }
        // Successor cycles.
        for start in 0..n {
            let mut seen = vec![start];
            let mut cur = successors[start].map(|(s, _)| s.ix());
            while let Some(i) = cur {
                if i == start {
                    if seen.len() > 1 {
                        let names: Vec<&str> = seen
                            .iter()
                            .chain(std::iter::once(&start))
                            .map(|&c| units[c].meta.slug.as_str())
                            .collect();
                        let loc = successors[start]
                            .map_or(Loc::whole(units[start].meta.file), |(_, l)| l);
                        let d = self
                            .error_at(
                                loc,
                                format!(
                                    "the units' successors form a cycle: {}",
                                    names.join(" → ")
                                ),
                            )
                            .field("successor");
                        self.push(d);
                    }
                    break;
                }
                if seen.contains(&i) || seen.len() > n {
                    break;
                }
                seen.push(i);
                cur = successors[i].map(|(s, _)| s.ix());
            }
        }
        for i in 0..n {
            units[i].parent = parents[i].map(|(p, _)| p).filter(|p| p.ix() != i);
            units[i].successor = successors[i].map(|(s, _)| s).filter(|s| s.ix() != i);
        }
        for i in 0..n {
            if let Some(p) = units[i].parent {
                units[p.ix()].children.push(UnitId(i as u32));
            }
            if let Some(s) = units[i].successor {
                units[s.ix()].predecessors.push(UnitId(i as u32));
            }
            for m in units[i].members.clone() {
                units[m.ix()].clusters.push(UnitId(i as u32));
            }
        }
        // Ancestors (cycles removed above, so the walks end).
        for i in 0..n {
            let mut ancestors = Vec::new();
            let mut cur = units[i].parent;
            while let Some(p) = cur {
                if ancestors.contains(&p) || ancestors.len() > n {
                    break;
                }
                ancestors.push(p);
                cur = units[p.ix()].parent;
            }
            units[i].ancestors = ancestors;
        }
        // Children in display order.
        let keys: Vec<(i64, CollationKey)> = units
            .iter()
            .map(|u| (u.order.unwrap_or(i64::MAX), u.sort_key.clone()))
            .collect();
        for u in &mut units {
            u.children.sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
            u.members.sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
            u.predecessors
                .sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
        }
        // Cluster scoring, ranked per year.
        for (i, (scores, members)) in raw_scores.into_iter().enumerate() {
            let mut by_year: Vec<YearRanking> = Vec::new();
            for s in scores {
                let Some(unit) = self.unit(&s.unit, "scores.unit") else {
                    continue;
                };
                if !members.contains(&unit) {
                    let d = self
                        .error_at(
                            s.unit.loc,
                            format!(
                                "`{}` is scored but is not a member of cluster `{}`",
                                s.unit.value, units[i].meta.slug
                            ),
                        )
                        .field("scores.unit")
                        .help(format!("add \"{}\" to `members`", s.unit.value));
                    self.push(d);
                    continue;
                }
                let entry = RankedScore {
                    unit,
                    score: s.score,
                    note: s.note,
                    rank: 0,
                };
                match by_year.iter_mut().find(|y| y.year == s.year) {
                    Some(y) => {
                        if y.entries.iter().any(|e| e.unit == unit) {
                            let d = self
                                .error_at(
                                    s.unit.loc,
                                    format!("`{}` is scored twice for {}", s.unit.value, s.year),
                                )
                                .field("scores.unit");
                            self.push(d);
                            continue;
                        }
                        y.entries.push(entry)
                    }
                    None => by_year.push(YearRanking {
                        year: s.year,
                        entries: vec![entry],
                    }),
                }
            }
            for y in &mut by_year {
                y.entries.sort_by(|a, b| {
                    b.score
                        .total_cmp(&a.score)
                        .then_with(|| keys[a.unit.ix()].cmp(&keys[b.unit.ix()]))
                });
                let mut rank = 0;
                let mut last: Option<f64> = None;
                for (pos, e) in y.entries.iter_mut().enumerate() {
                    if last != Some(e.score) {
                        rank = pos as u32 + 1;
                        last = Some(e.score);
                    }
                    e.rank = rank;
                }
            }
            by_year.sort_by_key(|y| std::cmp::Reverse(y.year));
            units[i].scores = by_year;
        }
        units
    }

    fn resolve_movements(&mut self, raws: Vec<raw::RawMovement>, now: NaiveDate) -> Vec<Movement> {
        let mut out = Vec::with_capacity(raws.len());
        let mut parent_locs = Vec::with_capacity(raws.len());
        for (i, m) in raws.into_iter().enumerate() {
            let launched_by = m
                .launched_by
                .as_ref()
                .and_then(|u| self.unit(u, "launched_by"));
            let parent = m.parent.as_ref().and_then(|p| self.movement(p, "parent"));
            if parent == Some(MovementId(i as u32)) {
                let d = self
                    .error_at(
                        m.parent
                            .as_ref()
                            .map_or(Loc::whole(m.common.file), |p| p.loc),
                        "a movement cannot be its own parent",
                    )
                    .field("parent");
                self.push(d);
            }
            parent_locs.push(m.parent.as_ref().map(|p| p.loc));
            let awards = m
                .awards
                .iter()
                .filter_map(|a| self.award(a, "awards"))
                .collect();
            let documents = self.documents(&m.common.dir, &m.documents);
            let start = m.starts.or(m.launched);
            let status = if start.is_some_and(|s| s > now) {
                MovementStatus::Upcoming
            } else if m.ends.is_some_and(|e| e < now) {
                MovementStatus::Ended
            } else {
                MovementStatus::Ongoing
            };
            out.push(Movement {
                meta: meta(&m.common),
                title: m.title,
                slogan: m.slogan,
                launched_by: launched_by.unwrap_or(UnitId(0)),
                launched: m.launched,
                starts: m.starts,
                ends: m.ends,
                parent: parent.filter(|p| p.ix() != i),
                children: Vec::new(),
                based_on: m.based_on,
                goals: m.goals,
                awards,
                documents,
                status,
                commendations: Vec::new(),
                active_count: 0,
                exemplars: Vec::new(),
                launched_at: Vec::new(),
            });
        }
        // Parent cycles among movements.
        let n = out.len();
        for start in 0..n {
            let mut seen = vec![start];
            let mut cur = out[start].parent.map(|p| p.ix());
            while let Some(i) = cur {
                if i == start {
                    let names: Vec<&str> = seen
                        .iter()
                        .chain(std::iter::once(&start))
                        .map(|&c| out[c].meta.slug.as_str())
                        .collect();
                    let d = self
                        .error_at(
                            parent_locs[start].unwrap_or(Loc::whole(out[start].meta.file)),
                            format!("the movements' parents form a cycle: {}", names.join(" → ")),
                        )
                        .field("parent");
                    self.push(d);
                    out[start].parent = None;
                    break;
                }
                if seen.contains(&i) {
                    break;
                }
                seen.push(i);
                cur = out[i].parent.map(|p| p.ix());
            }
        }
        for i in 0..n {
            if let Some(p) = out[i].parent {
                out[p.ix()].children.push(MovementId(i as u32));
            }
        }
        out
    }

    fn documents(&mut self, dir: &str, docs: &[raw::RawDocument]) -> Vec<Document> {
        docs.iter()
            .filter_map(|d| {
                let file = self.file_ref(dir, &d.file, "documents.file")?;
                Some(Document {
                    title: d.title.clone(),
                    file,
                })
            })
            .collect()
    }

    fn resolve_profiles(
        &mut self,
        raws: Vec<raw::RawExemplar>,
        kind: Kind,
        pending: &mut Vec<Pending>,
    ) -> Vec<Profile> {
        let mut out = Vec::with_capacity(raws.len());
        let folder = kind.folder();
        for (i, e) in raws.into_iter().enumerate() {
            let unit = e.unit.as_ref().and_then(|u| self.unit(u, "unit"));
            let movements = e
                .movements
                .iter()
                .filter_map(|m| self.movement(m, "movements"))
                .collect();
            let photo = e
                .photo
                .as_ref()
                .and_then(|p| self.file_ref(&e.common.dir, p, "photo"));
            let recipient = if kind == Kind::Person {
                Recipient::Person(PersonId(i as u32))
            } else {
                Recipient::Collective(CollectiveId(i as u32))
            };
            if let Some(unit) = unit {
                for (n, c) in e.commendations.into_iter().enumerate() {
                    pending.push(Pending {
                        recipient: recipient.clone(),
                        unit,
                        raw: c,
                        position: None,
                        source: e.common.file,
                        id: format!("{folder}/{}/{}", e.common.slug.value, n + 1),
                        decision_file: None,
                    });
                }
            }
            out.push(Profile {
                roll_key: if kind == Kind::Person {
                    vi::roll_key(&e.name)
                } else {
                    CollationKey::new(&e.name)
                },
                meta: meta(&e.common),
                name: e.name,
                unit: unit.unwrap_or(UnitId(0)),
                position: e.position,
                gender: e.gender,
                ethnicity: e.ethnicity,
                fields: e.fields,
                movements,
                photo,
                summary: e.summary,
                commendations: Vec::new(),
                conferences: Vec::new(),
            });
        }
        out
    }

    fn resolve_conferences(&mut self, raws: Vec<raw::RawConference>) -> Vec<Conference> {
        let mut out = Vec::with_capacity(raws.len());
        let mut next_locs = Vec::with_capacity(raws.len());
        for c in raws {
            let organizer = c.organizer.as_ref().and_then(|u| self.unit(u, "organizer"));
            let next = c.next.as_ref().and_then(|n| self.conference(n, "next"));
            next_locs.push(c.next.as_ref().map(|n| n.loc));
            let honoured = c
                .honoured
                .iter()
                .filter_map(|h| self.exemplar(h, "honoured"))
                .collect();
            let speakers = c
                .speakers
                .iter()
                .filter_map(|h| self.exemplar(h, "speakers"))
                .collect();
            let launched = c
                .launched
                .iter()
                .filter_map(|m| self.movement(m, "launched"))
                .collect();
            let elected = c
                .elected
                .iter()
                .filter_map(|p| self.person(p, "elected"))
                .collect();
            let covenants = c
                .covenants
                .iter()
                .map(|cov| Covenant {
                    title: cov.title.clone(),
                    units: cov
                        .units
                        .iter()
                        .filter_map(|u| self.unit(u, "covenants.units"))
                        .collect(),
                })
                .collect();
            let documents = self.documents(&c.common.dir, &c.documents);
            let mut delegate_issues = Vec::new();
            if let Some(d) = &c.delegates {
                delegate_issues = delegate_rules(d);
                for issue in &delegate_issues {
                    let (message, help) = describe_issue(issue);
                    let diagnostic = Diagnostic::warning(format!(
                        "conference `{}` ({}): {message}",
                        c.common.slug.value, c.title
                    ))
                    .at(self
                        .sources
                        .locate(c.delegates_loc.unwrap_or(Loc::whole(c.common.file))))
                    .field("delegates")
                    .help(help);
                    self.push(diagnostic);
                }
            }
            out.push(Conference {
                meta: meta(&c.common),
                title: c.title,
                kind: c.kind,
                organizer: organizer.unwrap_or(UnitId(0)),
                date: c.date.unwrap_or_default(),
                location: c.location,
                edition: c.edition,
                period: c.period,
                next,
                previous: Vec::new(),
                lower: Vec::new(),
                chain: Vec::new(),
                programme: c.programme,
                delegates: c.delegates,
                delegate_issues,
                honoured,
                speakers,
                launched,
                elected,
                covenants,
                documents,
                awards: Vec::new(),
            });
        }
        // `next` chains must not loop.
        let n = out.len();
        for start in 0..n {
            let mut seen = vec![start];
            let mut cur = out[start].next.map(|x| x.ix());
            while let Some(i) = cur {
                if i == start {
                    let names: Vec<&str> = seen
                        .iter()
                        .chain(std::iter::once(&start))
                        .map(|&c| out[c].meta.slug.as_str())
                        .collect();
                    let d = self
                        .error_at(next_locs[start].unwrap_or(Loc::whole(out[start].meta.file)), format!("the conferences' `next` chain loops: {}", names.join(" → ")))
                        .field("next")
                        .help("`next` points to the higher-level congress this one leads to; the chain must end at the highest");
                    self.push(d);
                    break;
                }
                if seen.contains(&i) {
                    break;
                }
                seen.push(i);
                cur = out[i].next.map(|x| x.ix());
            }
        }
        out
    }

    fn resolve_decisions(
        &mut self,
        raws: Vec<raw::RawDecision>,
        people: &[Profile],
        collectives: &[Profile],
        pending: &mut Vec<Pending>,
    ) -> Vec<Decision> {
        let mut out = Vec::with_capacity(raws.len());
        for (i, d) in raws.into_iter().enumerate() {
            let id = DecisionId(i as u32);
            let first = d.recipients.first().map(|r| &r.commendation);
            let date = first.and_then(|c| c.date.as_ref()).map(|d| d.value);
            let authority = first.and_then(|c| c.authority.clone());
            let conferred_by = first
                .and_then(|c| c.conferred_by.as_ref())
                .and_then(|u| self.units.map.get(u.value.trim()).copied().map(UnitId));
            for (n, r) in d.recipients.into_iter().enumerate() {
                let (recipient, unit) = match &r.who {
                    RawWho::Person(p) => match self.person(p, "person") {
                        Some(pid) => (Recipient::Person(pid), people[pid.ix()].unit),
                        None => continue,
                    },
                    RawWho::Collective(c) => match self.collective(c, "collective") {
                        Some(cid) => (Recipient::Collective(cid), collectives[cid.ix()].unit),
                        None => continue,
                    },
                    RawWho::Unit(u) => match self.unit(u, "unit") {
                        Some(uid) => (Recipient::Unit(uid), uid),
                        None => continue,
                    },
                    RawWho::Named {
                        name,
                        unit,
                        collective,
                    } => match self.unit(unit, "unit") {
                        Some(uid) => (
                            Recipient::Named {
                                name: name.clone(),
                                collective: collective.unwrap_or(false),
                            },
                            uid,
                        ),
                        None => continue,
                    },
                };
                pending.push(Pending {
                    recipient,
                    unit,
                    raw: r.commendation,
                    position: r.position,
                    source: d.common.file,
                    id: format!("decisions/{}/{}", d.common.slug.value, n + 1),
                    decision_file: Some(id),
                });
            }
            out.push(Decision {
                slug: d.common.slug.value,
                file: Some(d.common.file),
                number: d.number,
                date,
                authority,
                conferred_by,
                extra: d.common.extra,
                commendations: Vec::new(),
                page: true,
            });
        }
        out
    }

    fn resolve_news(&mut self, raws: Vec<raw::RawNews>) -> Vec<News> {
        let mut out = Vec::with_capacity(raws.len());
        for n in raws {
            let mut about = Vec::new();
            for a in &n.about {
                let text = a.value.trim();
                let Some((kind, slug)) = text.split_once(':') else {
                    let d = self
                        .error_at(a.loc, format!("`about` entry \"{text}\" does not say what it refers to"))
                        .field("about")
                        .help(format!("write \"person:{text}\", \"unit:{text}\", \"movement:…\", \"conference:…\" or \"collective:…\""));
                    self.push(d);
                    continue;
                };
                let slug_at = At {
                    value: slug.trim().to_string(),
                    loc: a.loc,
                };
                let r = match kind.trim() {
                    "person" | "ca-nhan" => self.person(&slug_at, "about").map(EntityRef::Person),
                    "collective" | "tap-the" => self
                        .collective(&slug_at, "about")
                        .map(EntityRef::Collective),
                    "unit" | "don-vi" => self.unit(&slug_at, "about").map(EntityRef::Unit),
                    "movement" | "phong-trao" => {
                        self.movement(&slug_at, "about").map(EntityRef::Movement)
                    }
                    "conference" | "hoi-nghi" => self
                        .conference(&slug_at, "about")
                        .map(EntityRef::Conference),
                    other => {
                        let kinds = ["person", "collective", "unit", "movement", "conference"];
                        let d = self
                            .error_at(
                                a.loc,
                                format!(
                                    "`about` entry \"{text}\": `{other}` is not a kind of page"
                                ),
                            )
                            .field("about")
                            .label(format!("expected one of: {}", kinds.join(", ")))
                            .suggest(did_you_mean(other, kinds));
                        self.push(d);
                        None
                    }
                };
                if let Some(r) = r {
                    about.push(r);
                }
            }
            let photo = n
                .photo
                .as_ref()
                .and_then(|p| self.file_ref(&n.common.dir, p, "photo"));
            out.push(News {
                meta: meta(&n.common),
                title: n.title,
                date: n.date.unwrap_or_default(),
                summary: n.summary,
                about,
                photo,
            });
        }
        out
    }

    fn resolve_commendations(
        &mut self,
        pending: Vec<Pending>,
        people: &[Profile],
        collectives: &[Profile],
        units: &[Unit],
        decisions: &mut Vec<Decision>,
    ) -> Vec<Commendation> {
        let mut out: Vec<Commendation> = Vec::with_capacity(pending.len());
        // Sort keys apart from the commendations, so that sorting moves small
        // keys, and collation keys are borrowed from the profiles, not copied.
        let mut keys: Vec<CommendationSortKey<'_>> = Vec::with_capacity(pending.len());
        // Decisions known by (number, date), for inline commendations to join.
        let mut by_key: HashMap<(String, Option<NaiveDate>), DecisionId> = HashMap::new();
        let mut taken: HashSet<String> = decisions.iter().map(|d| d.slug.clone()).collect();
        for (i, d) in decisions.iter().enumerate() {
            if let Some(n) = &d.number {
                by_key
                    .entry((vi::slugify(n), d.date))
                    .or_insert(DecisionId(i as u32));
            }
        }
        for p in pending {
            let c = p.raw;
            let Some(award_ref) = &c.award else { continue };
            let Some(award) = self.award(award_ref, "award") else {
                continue;
            };
            let a = self.awards.get(award);
            let mut recipient = p.recipient;
            if let Recipient::Named { name, collective } = &mut recipient
                && !*collective
                && (!a.eligible.individuals() || vi::looks_like_collective_name(name))
            {
                // A name receiving a collective-only award, or reading like a
                // collective's ("Tổ hợp tác…"), is a collective.
                *collective = true;
            }
            let (fits, who) = match &recipient {
                Recipient::Person(id) => (
                    a.eligible.individuals(),
                    format!("`{}` is a person", people[id.ix()].meta.slug),
                ),
                Recipient::Collective(id) => (
                    a.eligible.collectives(),
                    format!("`{}` is a collective", collectives[id.ix()].meta.slug),
                ),
                Recipient::Unit(id) => (
                    a.eligible.collectives(),
                    format!(
                        "`{}` is a unit, honoured as a collective",
                        units[id.ix()].meta.slug
                    ),
                ),
                Recipient::Named { name, collective } => (
                    if *collective {
                        a.eligible.collectives()
                    } else {
                        a.eligible.individuals()
                    },
                    format!(
                        "\"{name}\" is {}",
                        if *collective {
                            "a collective"
                        } else {
                            "an individual"
                        }
                    ),
                ),
            };
            if !fits {
                let for_whom = if a.eligible.individuals() {
                    "individuals"
                } else {
                    "collectives"
                };
                let d = self
                    .error_at(award_ref.loc, format!("{} (`{}`) is awarded to {for_whom} only, but {who}", a.name, a.slug))
                    .field("award")
                    .label("does not fit this recipient")
                    .help(if for_whom == "collectives" {
                        "a collective title (Tập thể lao động…, Cờ thi đua…) goes to a collective or a unit; for a person use e.g. lao-dong-tien-tien or chien-si-thi-dua-co-so"
                    } else {
                        "an individual title (Lao động tiên tiến, Chiến sĩ thi đua…) goes to a person; for a collective use e.g. tap-the-lao-dong-tien-tien"
                    });
                self.push(d);
                continue;
            }
            let conferred_by = c
                .conferred_by
                .as_ref()
                .and_then(|u| self.unit(u, "conferred_by"));
            let movement = c
                .movement
                .as_ref()
                .and_then(|m| self.movement(m, "movement"));
            let conference = c
                .conference
                .as_ref()
                .and_then(|x| self.conference(x, "conference"));
            let date = c.date.as_ref().map(|d| d.value);
            let year = c.year.as_ref().map(|y| y.value).or(date.map(|d| d.year()));
            // Link to a decision page: the decision file, or one made from the number.
            let decision = match (p.decision_file, &c.decision) {
                (Some(d), _) => Some(d),
                (None, Some(number)) => {
                    let key = (vi::slugify(number), date);
                    Some(*by_key.entry(key).or_insert_with(|| {
                        let base = {
                            let s = vi::slugify(number);
                            if s.is_empty() {
                                "quyet-dinh".to_string()
                            } else {
                                s
                            }
                        };
                        let mut slug = base.clone();
                        if taken.contains(&slug) {
                            slug = match date {
                                Some(d) => format!("{base}-{}", d.format("%Y-%m-%d")),
                                None => format!("{base}-khong-ngay"),
                            };
                            let mut k = 2;
                            while taken.contains(&slug) {
                                slug = format!("{base}-{k}");
                                k += 1;
                            }
                        }
                        taken.insert(slug.clone());
                        decisions.push(Decision {
                            slug,
                            file: None,
                            number: Some(number.clone()),
                            date,
                            authority: c.authority.clone(),
                            conferred_by,
                            extra: None,
                            commendations: Vec::new(),
                            page: true,
                        });
                        DecisionId(decisions.len() as u32 - 1)
                    }))
                }
                (None, None) => None,
            };
            let sort_date = date.or(year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)));
            let name_key = match &recipient {
                Recipient::Person(id) => Cow::Borrowed(&people[id.ix()].roll_key),
                Recipient::Collective(id) => Cow::Borrowed(&collectives[id.ix()].roll_key),
                Recipient::Unit(id) => Cow::Borrowed(&units[id.ix()].sort_key),
                Recipient::Named { name, collective } => Cow::Owned(if *collective {
                    CollationKey::new(name)
                } else {
                    vi::roll_key(name)
                }),
            };
            keys.push(CommendationSortKey {
                undated: sort_date.is_none(),
                date: std::cmp::Reverse(sort_date),
                rank: std::cmp::Reverse(a.rank),
                name: name_key,
                index: out.len() as u32,
            });
            out.push(Commendation {
                id: p.id,
                recipient,
                unit: p.unit,
                award,
                authority: c.authority,
                conferred_by,
                decision,
                decision_number: c.decision,
                date,
                year,
                movement,
                conference,
                citation: c.citation,
                posthumous: c.posthumous.unwrap_or(false),
                revoked: c.revoked,
                position: p.position,
                source: p.source,
            });
        }
        // Newest first; undated last. Ties: most prestigious, roll order, then file order.
        keys.sort_unstable();
        let mut slots: Vec<Option<Commendation>> = out.into_iter().map(Some).collect();
        keys.iter()
            .filter_map(|k| slots[k.index as usize].take())
            .collect()
    }
}

/// The order of the commendation index; fields compare in this order.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct CommendationSortKey<'a> {
    /// Undated commendations go last.
    undated: bool,
    date: std::cmp::Reverse<Option<NaiveDate>>,
    rank: std::cmp::Reverse<u32>,
    name: Cow<'a, CollationKey>,
    /// Position in reading order: the final, unique tie-break.
    index: u32,
}

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
    }
}

/// Checks a conference's delegates against the rules of the plans.
pub fn delegate_rules(d: &raw::Delegates) -> Vec<DelegateIssue> {
    let mut issues = Vec::new();
    if let Some(total) = d.total {
        if let Some(exemplars) = d.exemplars {
            let required = (7 * total).div_ceil(10);
            if exemplars < required {
                issues.push(DelegateIssue::ExemplarsBelow {
                    exemplars,
                    total,
                    required,
                });
            }
        }
        if let Some(guests) = d.guests {
            let allowed = (3 * total) / 10;
            if guests > allowed {
                issues.push(DelegateIssue::GuestsAbove {
                    guests,
                    total,
                    allowed,
                });
            }
        }
        if let (Some(e), Some(g)) = (d.exemplars, d.guests)
            && e + g > total
        {
            issues.push(DelegateIssue::PartsExceedTotal {
                exemplars: e,
                guests: g,
                total,
            });
        }
        if let Some(cap) = d.cap
            && total > cap
        {
            issues.push(DelegateIssue::OverCap { total, cap });
        }
        for (group, count) in [("women", d.women), ("ethnic_minority", d.ethnic_minority)] {
            if let Some(count) = count
                && count > total
            {
                issues.push(DelegateIssue::GroupExceedsTotal {
                    group,
                    count,
                    total,
                });
            }
        }
    }
    issues
}

fn percent(part: u32, total: u32) -> String {
    if total == 0 {
        return "0%".into();
    }
    let p = part as f64 * 100.0 / total as f64;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p)
    } else {
        format!("{:.1}%", p)
    }
}

/// The warning text and help for a delegate issue.
pub fn describe_issue(issue: &DelegateIssue) -> (String, String) {
    match *issue {
        DelegateIssue::ExemplarsBelow { exemplars, total, required } => (
            format!(
                "exemplars are {exemplars} of {total} delegates ({}), below the 70% the plans require: at least {required}, {} short",
                percent(exemplars, total),
                required - exemplars
            ),
            "the plans require exemplars (người trực tiếp sản xuất, công tác…) to be at least 70% of delegates".into(),
        ),
        DelegateIssue::GuestsAbove { guests, total, allowed } => (
            format!(
                "guests are {guests} of {total} delegates ({}), above the 30% the plans allow: at most {allowed}, {} too many",
                percent(guests, total),
                guests - allowed
            ),
            "guests and leaders may be at most 30% of delegates".into(),
        ),
        DelegateIssue::OverCap { total, cap } => (
            format!("{total} delegates exceed the ceiling of {cap} by {}", total - cap),
            "the plan sets the ceiling in `cap`; reduce `total` or check the figures".into(),
        ),
        DelegateIssue::PartsExceedTotal { exemplars, guests, total } => (
            format!("exemplars ({exemplars}) and guests ({guests}) add up to {}, more than the {total} delegates", exemplars + guests),
            "check `total`, `exemplars` and `guests`".into(),
        ),
        DelegateIssue::GroupExceedsTotal { group, count, total } => (
            format!("`{group}` ({count}) is more than the {total} delegates"),
            format!("check `{group}` and `total`"),
        ),
    }
}

/// Builds every cross-reference list in one pass over the commendations and
/// the exemplars. Commendations are already in index order, so appending
/// their ids keeps every list newest first.
#[allow(clippy::too_many_arguments)]
fn link_everything(
    units: &mut [Unit],
    movements: &mut [Movement],
    people: &mut [Profile],
    collectives: &mut [Profile],
    conferences: &mut [Conference],
    decisions: &mut [Decision],
    commendations: &mut [Commendation],
    awards: &Catalogue,
) {
    let mut movement_exemplars: Vec<Vec<ExemplarId>> = vec![Vec::new(); movements.len()];
    for (i, c) in commendations.iter().enumerate() {
        let id = CommendationId(i as u32);
        match c.recipient {
            Recipient::Person(p) => people[p.ix()].commendations.push(id),
            Recipient::Collective(x) => collectives[x.ix()].commendations.push(id),
            _ => {}
        }
        units[c.unit.ix()].roll.push(id);
        for k in 0..units[c.unit.ix()].ancestors.len() {
            let a = units[c.unit.ix()].ancestors[k];
            units[a.ix()].roll.push(id);
        }
        if let Some(m) = c.movement {
            movements[m.ix()].commendations.push(id);
            if c.revoked.is_none() {
                movements[m.ix()].active_count += 1;
            }
            match c.recipient {
                Recipient::Person(p) => movement_exemplars[m.ix()].push(ExemplarId::Person(p)),
                Recipient::Collective(x) => {
                    movement_exemplars[m.ix()].push(ExemplarId::Collective(x))
                }
                _ => {}
            }
        }
        if let Some(x) = c.conference {
            conferences[x.ix()].awards.push(id);
        }
        if let Some(d) = c.decision {
            decisions[d.ix()].commendations.push(id);
        }
    }
    // A decision written inline on one commendation of a profile needs no page of its own.
    for d in decisions.iter_mut() {
        if d.file.is_none() && d.commendations.len() == 1 {
            let c = &commendations[d.commendations[0].ix()];
            d.page = !matches!(c.recipient, Recipient::Person(_) | Recipient::Collective(_));
        }
    }
    // Counts by award over each unit's roll.
    for u in units.iter_mut() {
        let mut counts: HashMap<AwardId, u32> = HashMap::new();
        let mut active = 0;
        for &id in &u.roll {
            let c = &commendations[id.ix()];
            if c.revoked.is_none() {
                *counts.entry(c.award).or_default() += 1;
                active += 1;
            }
        }
        let mut counts: Vec<AwardCount> = counts
            .into_iter()
            .map(|(award, count)| AwardCount { award, count })
            .collect();
        counts.sort_by(|a, b| {
            awards
                .get(b.award)
                .rank
                .cmp(&awards.get(a.award).rank)
                .then(a.award.cmp(&b.award))
        });
        u.award_counts = counts;
        u.active_count = active;
    }
    // Exemplars roll up to every ancestor, in roll order.
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by(|&a, &b| people[a].roll_key.cmp(&people[b].roll_key));
    let mut person_rank = vec![0usize; people.len()];
    for (rank, &p) in order.iter().enumerate() {
        person_rank[p] = rank;
        let u = people[p].unit;
        units[u.ix()]
            .exemplars
            .push(ExemplarId::Person(PersonId(p as u32)));
        for k in 0..units[u.ix()].ancestors.len() {
            let a = units[u.ix()].ancestors[k];
            units[a.ix()]
                .exemplars
                .push(ExemplarId::Person(PersonId(p as u32)));
        }
        for m in &people[p].movements {
            movement_exemplars[m.ix()].push(ExemplarId::Person(PersonId(p as u32)));
        }
    }
    let mut corder: Vec<usize> = (0..collectives.len()).collect();
    corder.sort_by(|&a, &b| collectives[a].roll_key.cmp(&collectives[b].roll_key));
    let mut collective_rank = vec![0usize; collectives.len()];
    for (rank, &c) in corder.iter().enumerate() {
        collective_rank[c] = rank;
        let u = collectives[c].unit;
        units[u.ix()]
            .exemplars
            .push(ExemplarId::Collective(CollectiveId(c as u32)));
        for k in 0..units[u.ix()].ancestors.len() {
            let a = units[u.ix()].ancestors[k];
            units[a.ix()]
                .exemplars
                .push(ExemplarId::Collective(CollectiveId(c as u32)));
        }
        for m in &collectives[c].movements {
            movement_exemplars[m.ix()].push(ExemplarId::Collective(CollectiveId(c as u32)));
        }
    }
    let exemplar_key = |e: &ExemplarId| match e {
        ExemplarId::Person(p) => (0, person_rank[p.ix()]),
        ExemplarId::Collective(c) => (1, collective_rank[c.ix()]),
    };
    for (m, mut list) in movements.iter_mut().zip(movement_exemplars) {
        list.sort_by_key(exemplar_key);
        list.dedup();
        m.exemplars = list;
    }
    for (i, m) in movements.iter().enumerate() {
        units[m.launched_by.ix()]
            .movements_launched
            .push(MovementId(i as u32));
    }
    // Conferences: organisers, chains, who took part, movements launched there.
    for i in 0..conferences.len() {
        let id = ConferenceId(i as u32);
        units[conferences[i].organizer.ix()]
            .conferences_organised
            .push(id);
        if let Some(n) = conferences[i].next {
            conferences[n.ix()].previous.push(id);
        }
        for m in conferences[i].launched.clone() {
            movements[m.ix()].launched_at.push(id);
        }
        let mut taking_part: Vec<ExemplarId> = conferences[i].honoured.clone();
        taking_part.extend(conferences[i].speakers.iter().copied());
        taking_part.extend(
            conferences[i]
                .elected
                .iter()
                .map(|p| ExemplarId::Person(*p)),
        );
        for e in taking_part {
            let list = match e {
                ExemplarId::Person(p) => &mut people[p.ix()].conferences,
                ExemplarId::Collective(c) => &mut collectives[c.ix()].conferences,
            };
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }
    for i in 0..conferences.len() {
        let mut chain = vec![ConferenceId(i as u32)];
        let mut cur = conferences[i].next;
        while let Some(n) = cur {
            if chain.contains(&n) {
                break;
            }
            chain.push(n);
            cur = conferences[n.ix()].next;
        }
        conferences[i].chain = chain;
    }
    let dates: Vec<NaiveDate> = conferences.iter().map(|c| c.date).collect();
    for list in units.iter_mut().map(|u| &mut u.conferences_organised) {
        list.sort_by(|a, b| dates[b.ix()].cmp(&dates[a.ix()]));
    }
    for c in conferences.iter_mut() {
        c.previous.sort_by(|a, b| dates[a.ix()].cmp(&dates[b.ix()]));
    }
    for i in 0..conferences.len() {
        let mut lower: Vec<ConferenceId> = Vec::new();
        let mut stack = conferences[i].previous.clone();
        while let Some(c) = stack.pop() {
            if c.ix() != i && !lower.contains(&c) {
                lower.push(c);
                stack.extend(conferences[c.ix()].previous.iter().copied());
            }
        }
        lower.sort_by(|a, b| dates[a.ix()].cmp(&dates[b.ix()]).then(a.cmp(b)));
        conferences[i].lower = lower;
    }
    for p in people.iter_mut().chain(collectives.iter_mut()) {
        p.conferences
            .sort_by(|a, b| dates[a.ix()].cmp(&dates[b.ix()]));
    }
}

impl Parts {
    fn into_site(
        self,
        config: Config,
        sources: SourceMap,
        assets: Vec<AssetFile>,
        now: NaiveDate,
    ) -> Site {
        let awards = &config.awards;
        // Per year and per award, in index order.
        let mut by_year: HashMap<i32, Vec<CommendationId>> = HashMap::new();
        let mut by_award: HashMap<AwardId, Vec<CommendationId>> = HashMap::new();
        for (i, c) in self.commendations.iter().enumerate() {
            let id = CommendationId(i as u32);
            if let Some(y) = c.year {
                by_year.entry(y).or_default().push(id);
            }
            by_award.entry(c.award).or_default().push(id);
        }
        // Awards a movement offers get a page too, even before anyone earns them.
        for m in &self.movements {
            for a in &m.awards {
                by_award.entry(*a).or_default();
            }
        }
        let mut by_year: Vec<_> = by_year.into_iter().collect();
        by_year.sort_by_key(|y| std::cmp::Reverse(y.0));
        let mut by_award: Vec<_> = by_award.into_iter().collect();
        by_award.sort_by(|a, b| {
            awards
                .get(b.0)
                .rank
                .cmp(&awards.get(a.0).rank)
                .then(a.0.cmp(&b.0))
        });

        let keys: Vec<(i64, &CollationKey)> = self
            .units
            .iter()
            .map(|u| (u.order.unwrap_or(i64::MAX), &u.sort_key))
            .collect();
        let mut roots: Vec<UnitId> = (0..self.units.len())
            .filter(|&i| self.units[i].parent.is_none())
            .map(|i| UnitId(i as u32))
            .collect();
        roots.sort_by(|a, b| keys[a.ix()].cmp(&keys[b.ix()]));
        let mut unit_order = Vec::with_capacity(self.units.len());
        let mut stack: Vec<UnitId> = roots.iter().rev().copied().collect();
        while let Some(u) = stack.pop() {
            unit_order.push(u);
            stack.extend(self.units[u.ix()].children.iter().rev().copied());
        }

        let mut people_order: Vec<PersonId> =
            (0..self.people.len()).map(|i| PersonId(i as u32)).collect();
        people_order.sort_by(|a, b| {
            self.people[a.ix()]
                .roll_key
                .cmp(&self.people[b.ix()].roll_key)
        });
        let mut collectives_order: Vec<CollectiveId> = (0..self.collectives.len())
            .map(|i| CollectiveId(i as u32))
            .collect();
        collectives_order.sort_by(|a, b| {
            self.collectives[a.ix()]
                .roll_key
                .cmp(&self.collectives[b.ix()].roll_key)
        });

        let status_rank = |s: MovementStatus| match s {
            MovementStatus::Ongoing => 0,
            MovementStatus::Upcoming => 1,
            MovementStatus::Ended => 2,
        };
        let mut movement_order: Vec<MovementId> = (0..self.movements.len())
            .map(|i| MovementId(i as u32))
            .collect();
        movement_order.sort_by(|a, b| {
            let (ma, mb) = (&self.movements[a.ix()], &self.movements[b.ix()]);
            status_rank(ma.status)
                .cmp(&status_rank(mb.status))
                .then(mb.starts.or(mb.launched).cmp(&ma.starts.or(ma.launched)))
                .then(vi::compare(&ma.title, &mb.title))
        });
        let mut conference_order: Vec<ConferenceId> = (0..self.conferences.len())
            .map(|i| ConferenceId(i as u32))
            .collect();
        conference_order.sort_by(|a, b| {
            self.conferences[b.ix()]
                .date
                .cmp(&self.conferences[a.ix()].date)
                .then(a.cmp(b))
        });
        let mut news_order: Vec<NewsId> = (0..self.news.len()).map(|i| NewsId(i as u32)).collect();
        news_order.sort_by(|a, b| {
            self.news[b.ix()]
                .date
                .cmp(&self.news[a.ix()].date)
                .then(a.cmp(b))
        });
        let mut page_order: Vec<PageId> = (0..self.pages.len()).map(|i| PageId(i as u32)).collect();
        page_order.sort_by(|a, b| {
            let (pa, pb) = (&self.pages[a.ix()], &self.pages[b.ix()]);
            pa.order
                .unwrap_or(i64::MAX)
                .cmp(&pb.order.unwrap_or(i64::MAX))
                .then(vi::compare(&pa.title, &pb.title))
        });
        // The index of decisions lists those with a page of their own; a
        // number on a single commendation is shown by its row.
        let mut decision_order: Vec<DecisionId> = (0..self.decisions.len())
            .filter(|&i| self.decisions[i].page)
            .map(|i| DecisionId(i as u32))
            .collect();
        decision_order.sort_by(|a, b| {
            let (da, db) = (&self.decisions[a.ix()], &self.decisions[b.ix()]);
            db.date.cmp(&da.date).then(da.slug.cmp(&db.slug))
        });

        let active = |ids: &[CommendationId]| {
            ids.iter()
                .filter(|id| self.commendations[id.ix()].revoked.is_none())
                .count() as u32
        };
        let active_by_year = by_year.iter().map(|(_, ids)| active(ids)).collect();
        let active_by_award = by_award.iter().map(|(_, ids)| active(ids)).collect();
        let active_total = self
            .commendations
            .iter()
            .filter(|c| c.revoked.is_none())
            .count() as u32;
        Site {
            config,
            now,
            sources,
            units: self.units,
            movements: self.movements,
            people: self.people,
            collectives: self.collectives,
            conferences: self.conferences,
            decisions: self.decisions,
            news: self.news,
            pages: self.pages,
            home: self.home,
            intros: self.intros,
            commendations: self.commendations,
            active_by_year,
            active_by_award,
            active_total,
            by_year,
            by_award,
            roots,
            unit_order,
            people_order,
            collectives_order,
            movement_order,
            conference_order,
            news_order,
            page_order,
            decision_order,
            assets,
        }
    }
}
