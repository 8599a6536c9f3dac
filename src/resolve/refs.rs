//! References between files: every slug of every kind, and the lookups that
//! turn a written slug into an id or into a located error.
//!
//! A reference that finds nothing says why, in the order an officer would
//! look: the slug is a draft's, or a near miss of a real one ("did you
//! mean"), or written with diacritics, or the slug of another kind, or the
//! site has no such entities yet. An entity whose own file failed to read
//! is not reported again where others refer to it. Paths to files (photos,
//! documents) are references too: they must stay inside `content/` and
//! name a file that is there.

use crate::awards::{AwardId, Catalogue};
use crate::diagnostics::{Diagnostic, FileId, Loc, SourceMap, did_you_mean};
use crate::load::fields::At;
use crate::load::raw;
use crate::model::*;
use crate::vi;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Slug index of one kind.
/// The slugs of one kind.
pub(super) struct SlugIndex {
    pub(super) map: HashMap<String, u32>,
    pub(super) slugs: Vec<String>,
    pub(super) drafts: HashMap<String, FileId>,
    pub(super) broken: HashSet<String>,
}

impl SlugIndex {
    pub(super) fn new() -> Self {
        SlugIndex {
            map: HashMap::default(),
            slugs: Vec::new(),
            drafts: HashMap::default(),
            broken: HashSet::default(),
        }
    }
}

/// Resolves the raw entities: the slug indexes, the files of the site, and
/// the diagnostics found so far. Its methods are spread over the modules
/// of this stage, one per kind.
pub(super) struct Resolver<'a> {
    pub(super) sources: &'a SourceMap,
    pub(super) awards: &'a Catalogue,
    /// The files of the site, with their sizes.
    pub(super) assets: HashMap<&'a str, u64>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) units: SlugIndex,
    pub(super) movements: SlugIndex,
    pub(super) people: SlugIndex,
    pub(super) collectives: SlugIndex,
    pub(super) conferences: SlugIndex,
    pub(super) decisions: SlugIndex,
    pub(super) news: SlugIndex,
    pub(super) pages: SlugIndex,
    pub(super) plans: SlugIndex,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(
        sources: &'a SourceMap,
        awards: &'a Catalogue,
        assets: &'a [AssetFile],
    ) -> Self {
        Resolver {
            sources,
            awards,
            assets: assets.iter().map(|a| (a.rel.as_str(), a.size)).collect(),
            diagnostics: Vec::new(),
            units: SlugIndex::new(),
            movements: SlugIndex::new(),
            people: SlugIndex::new(),
            collectives: SlugIndex::new(),
            conferences: SlugIndex::new(),
            decisions: SlugIndex::new(),
            news: SlugIndex::new(),
            pages: SlugIndex::new(),
            plans: SlugIndex::new(),
        }
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub(super) fn error_at(&self, loc: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.sources.locate(loc))
    }

    pub(super) fn index(&mut self, kind: Kind) -> &mut SlugIndex {
        match kind {
            Kind::Unit => &mut self.units,
            Kind::Movement => &mut self.movements,
            Kind::Person => &mut self.people,
            Kind::Collective => &mut self.collectives,
            Kind::Conference => &mut self.conferences,
            Kind::Decision => &mut self.decisions,
            Kind::News => &mut self.news,
            Kind::Page => &mut self.pages,
            Kind::Plan => &mut self.plans,
        }
    }

    pub(super) fn index_ref(&self, kind: Kind) -> &SlugIndex {
        match kind {
            Kind::Unit => &self.units,
            Kind::Movement => &self.movements,
            Kind::Person => &self.people,
            Kind::Collective => &self.collectives,
            Kind::Conference => &self.conferences,
            Kind::Decision => &self.decisions,
            Kind::News => &self.news,
            Kind::Page => &self.pages,
            Kind::Plan => &self.plans,
        }
    }

    /// Registers an entity's slug; returns false (and reports) on a duplicate.
    pub(super) fn register(
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
    pub(super) fn lookup(&mut self, kind: Kind, r: &At<String>, field: &str) -> Option<u32> {
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

    pub(super) fn unit(&mut self, r: &At<String>, field: &str) -> Option<UnitId> {
        self.lookup(Kind::Unit, r, field).map(UnitId)
    }

    pub(super) fn movement(&mut self, r: &At<String>, field: &str) -> Option<MovementId> {
        self.lookup(Kind::Movement, r, field).map(MovementId)
    }

    pub(super) fn person(&mut self, r: &At<String>, field: &str) -> Option<PersonId> {
        self.lookup(Kind::Person, r, field).map(PersonId)
    }

    pub(super) fn collective(&mut self, r: &At<String>, field: &str) -> Option<CollectiveId> {
        self.lookup(Kind::Collective, r, field).map(CollectiveId)
    }

    pub(super) fn conference(&mut self, r: &At<String>, field: &str) -> Option<ConferenceId> {
        self.lookup(Kind::Conference, r, field).map(ConferenceId)
    }

    pub(super) fn plan(&mut self, r: &At<String>, field: &str) -> Option<PlanId> {
        self.lookup(Kind::Plan, r, field).map(PlanId)
    }

    /// A person or a collective, by slug or `person:slug` / `collective:slug`.
    pub(super) fn exemplar(&mut self, r: &At<String>, field: &str) -> Option<ExemplarId> {
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

    pub(super) fn award(&mut self, r: &At<String>, field: &str) -> Option<AwardId> {
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
    /// `content/` when it starts with `/`) to a published file of the site,
    /// or, where `addresses` allows it (documents), an `https://` address.
    pub(super) fn file_ref(
        &mut self,
        dir: &str,
        r: &At<String>,
        field: &str,
        addresses: bool,
    ) -> Option<FileRef> {
        let text = r.value.trim();
        let rel = match content_path(dir, text) {
            PathTarget::Site(rel) => rel,
            PathTarget::Address(url) if addresses => return Some(FileRef::External(url)),
            PathTarget::Address(_) => {
                let d = self
                    .error_at(r.loc, format!("`{field}` must be a file of the site, not an address on another site"))
                    .field(field.to_string())
                    .label("a file from another site")
                    .help("an image from another site is a request to it on every visit, and it can change or vanish: download it into content/ (beside the Markdown file) and write its file name");
                self.push(d);
                return None;
            }
            PathTarget::Unsafe => {
                let d = self
                    .error_at(
                        r.loc,
                        format!("`{field}` must be a file of the site or an https:// address"),
                    )
                    .field(field.to_string());
                self.push(d);
                return None;
            }
            PathTarget::Outside => {
                let d = self
                    .error_at(r.loc, format!("`{field}` points outside the site: \"{text}\""))
                    .field(field.to_string())
                    .label("leaves content/")
                    .help("put the file inside content/ (beside the Markdown file, or in a folder such as content/tai-lieu/) and write its path relative to the file");
                self.push(d);
                return None;
            }
        };
        if self.assets.contains_key(rel.as_str()) {
            return Some(FileRef::Local(rel));
        }
        let folder = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let siblings: Vec<&str> = self
            .assets
            .keys()
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

    pub(super) fn documents(&mut self, dir: &str, docs: &[raw::RawDocument]) -> Vec<Document> {
        docs.iter()
            .filter_map(|d| {
                let file = self.file_ref(dir, &d.file, "documents.file", true)?;
                let size = match &file {
                    FileRef::Local(rel) => self.assets.get(rel.as_str()).copied(),
                    FileRef::External(_) => None,
                };
                Some(Document {
                    title: d.title.clone(),
                    file,
                    size,
                })
            })
            .collect()
    }
}

/// Where a path written in a file leads.
pub(super) enum PathTarget {
    /// A file of `content/`, by its path relative to it.
    Site(String),
    /// An `http(s)://` address.
    Address(String),
    /// A `file:`, `javascript:`, `data:` or other such address.
    Unsafe,
    /// A path that leaves `content/` (`../../x`, `C:\\x`).
    Outside,
}

/// The file a path written in the content folder `dir` names: relative to
/// that folder, or to `content/` when it starts with `/`.
pub(super) fn content_path(dir: &str, text: &str) -> PathTarget {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return PathTarget::Address(text.to_string());
    }
    if lower.contains("://")
        || lower.starts_with("file:")
        || lower.starts_with("javascript:")
        || lower.starts_with("data:")
    {
        return PathTarget::Unsafe;
    }
    let normalised = text.replace('\\', "/");
    if normalised.len() > 2 && normalised.as_bytes()[1] == b':' {
        return PathTarget::Outside;
    }
    let (base, path) = match normalised.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (dir, normalised.as_str()),
    };
    let mut parts: Vec<&str> = if base.is_empty() {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return PathTarget::Outside;
                }
            }
            p => parts.push(p),
        }
    }
    PathTarget::Site(parts.join("/"))
}
