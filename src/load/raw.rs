//! The entities as written: what each content file says, before any
//! reference between files is checked.
//!
//! References are kept as located slugs ([`At<String>`]) because they can
//! only be checked once every file is read; [`crate::resolve`] turns them
//! into ids. Values are already checked as far as one file allows (types,
//! enumerations, dates), so a raw entity is well formed on its own.
//! `[private]` never gets here: the readers drop it.

use crate::diagnostics::{FileId, Loc};
use crate::load::fields::At;
use crate::model::{Delegates, Gender, Kind, Revocation};
use crate::when::When;
use chrono::NaiveDate;
use std::ops::Range;

/// Fields every entity has.
#[derive(Clone, Debug)]
pub struct Common {
    /// The source file.
    pub file: FileId,
    /// The slug, from the file name or `slug = "…"`.
    pub slug: At<String>,
    /// `draft = true`.
    pub draft: bool,
    /// `[extra]`, passed to templates untouched.
    pub extra: Option<serde_json::Value>,
    /// The Markdown body's byte range in the file text (empty for `.toml`).
    pub body: Range<usize>,
    /// Folder of the file relative to `content/`, with `/` separators
    /// (`people/nguyen-thi-hoa` for a bundle), for relative paths.
    pub dir: String,
    /// Whether the file is a page bundle's `index.md`: the other files of
    /// its folder go with it.
    pub bundle: bool,
    /// `gallery` and `videos` (people, collectives, movements, conferences, news).
    pub media: RawMedia,
}

/// Photos and videos as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawMedia {
    pub gallery: Vec<RawPhoto>,
    pub videos: Vec<RawVideo>,
}

impl RawMedia {
    /// Every file it names.
    pub fn files(&self) -> impl Iterator<Item = &PathRef> {
        self.gallery.iter().map(|p| &p.file).chain(
            self.videos
                .iter()
                .flat_map(|v| std::iter::once(&v.file).chain(&v.poster).chain(&v.captions)),
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawPhoto {
    pub file: At<String>,
    pub caption: String,
    pub credit: Option<String>,
    pub date: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawVideo {
    pub title: String,
    pub file: At<String>,
    pub poster: Option<At<String>>,
    pub captions: Option<At<String>>,
    pub duration: Option<String>,
    pub credit: Option<String>,
}

/// A path written in a file (`photo`, `logo`, `documents.file`).
pub type PathRef = At<String>;

/// A unit as written.
#[derive(Clone, Debug)]
pub struct RawUnit {
    pub common: Common,
    pub name: String,
    pub kind: &'static str,
    /// Where `kind` was written (the whole file if it was not).
    pub kind_loc: Loc,
    /// `parents`, or `parent` as one undated entry.
    pub parents: Vec<RawParent>,
    pub members: Vec<At<String>>,
    pub scores: Vec<RawScore>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub logo: Option<PathRef>,
    pub order: Option<i64>,
    pub established: Option<At<NaiveDate>>,
    pub dissolved: Option<At<NaiveDate>>,
    /// `successors`, or `successor` as one entry without a part.
    pub successors: Vec<RawSuccessor>,
    pub change: Option<RawChange>,
    pub former_names: Vec<RawFormerName>,
    /// Where `members`/`scores` were written, for "clusters only" errors.
    pub members_loc: Option<Loc>,
    pub scores_loc: Option<Loc>,
}

/// One `parents` entry: the parent over a span of dates (`until` inclusive).
#[derive(Clone, Debug, PartialEq)]
pub struct RawParent {
    pub unit: At<String>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// One `successors` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSuccessor {
    pub unit: At<String>,
    pub part: Option<String>,
}

/// `change`: how the unit ended or changed.
#[derive(Clone, Debug, PartialEq)]
pub struct RawChange {
    pub date: Option<NaiveDate>,
    pub kind: &'static str,
    pub by: Option<String>,
}

/// One `former_names` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct RawFormerName {
    pub name: String,
    pub until: Option<NaiveDate>,
}

/// One member's score in a cluster's yearly scoring.
#[derive(Clone, Debug)]
pub struct RawScore {
    pub year: i32,
    pub unit: At<String>,
    pub score: f64,
    pub note: Option<String>,
}

/// An attached document.
#[derive(Clone, Debug)]
pub struct RawDocument {
    pub title: String,
    pub file: PathRef,
}

/// A movement as written.
#[derive(Clone, Debug)]
pub struct RawMovement {
    pub common: Common,
    pub title: String,
    pub slogan: Option<String>,
    pub launched_by: Option<At<String>>,
    pub launched: Option<When>,
    pub starts: Option<When>,
    pub ends: Option<When>,
    pub parent: Option<At<String>>,
    pub plan: Option<At<String>>,
    pub based_on: Vec<String>,
    pub goals: Vec<String>,
    pub awards: Vec<At<String>>,
    pub documents: Vec<RawDocument>,
}

/// A person or a collective as written.
#[derive(Clone, Debug)]
pub struct RawExemplar {
    pub common: Common,
    /// A person (from `people/`) rather than a collective.
    pub person: bool,
    pub name: String,
    pub unit: Option<At<String>>,
    pub position: Option<String>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub fields: Vec<String>,
    pub movements: Vec<At<String>>,
    pub photo: Option<PathRef>,
    pub summary: Option<String>,
    pub commendations: Vec<RawCommendation>,
}

/// Commendation fields as written, all optional so that a decision's
/// recipients can inherit them from the decision.
#[derive(Clone, Debug, Default)]
pub struct RawCommendation {
    pub award: Option<At<String>>,
    pub authority: Option<String>,
    pub conferred_by: Option<At<String>>,
    pub decision: Option<String>,
    pub date: Option<At<NaiveDate>>,
    pub year: Option<At<i32>>,
    pub movement: Option<At<String>>,
    pub conference: Option<At<String>>,
    pub citation: Option<String>,
    pub posthumous: Option<bool>,
    pub revoked: Option<Revocation>,
    /// Where the recipient was, and their position, when it was awarded.
    pub unit: Option<At<String>>,
    pub position: Option<String>,
}

impl Raw {
    /// The files of the site an entity names in its fields (photo, logo,
    /// documents), as written, with the folder they are relative to.
    pub fn file_refs(&self) -> (Option<&Common>, Vec<&PathRef>) {
        let (common, mut refs) = match self {
            Raw::Unit(u) => (Some(&u.common), u.logo.iter().collect()),
            Raw::Movement(m) => (
                Some(&m.common),
                m.documents.iter().map(|d| &d.file).collect(),
            ),
            Raw::Exemplar(e) => (Some(&e.common), e.photo.iter().collect()),
            Raw::Conference(c) => (
                Some(&c.common),
                c.documents.iter().map(|d| &d.file).collect(),
            ),
            Raw::News(n) => (Some(&n.common), n.photo.iter().collect()),
            Raw::Decision(d) => (Some(&d.common), Vec::new()),
            Raw::Page(p) => (Some(&p.common), Vec::new()),
            Raw::Plan(p) => (
                Some(&p.common),
                p.file
                    .iter()
                    .chain(p.attachments.iter().map(|d| &d.file))
                    .collect(),
            ),
            Raw::Intro(_) => (None, Vec::new()),
        };
        if let Some(c) = common {
            refs.extend(c.media.files());
        }
        (common, refs)
    }
}

impl RawCommendation {
    /// Fills every field missing here from `base` (a recipient inherits its decision's fields).
    pub fn inherit(mut self, base: &RawCommendation) -> RawCommendation {
        macro_rules! take {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = base.$f.clone(); } )* };
        }
        take!(
            award,
            authority,
            conferred_by,
            decision,
            date,
            year,
            movement,
            conference,
            citation,
            posthumous,
            revoked,
            unit,
            position
        );
        self
    }
}

/// How a decision's recipient is named.
#[derive(Clone, Debug)]
pub enum RawWho {
    /// A person with a profile.
    Person(At<String>),
    /// A collective with a profile.
    Collective(At<String>),
    /// A unit honoured as itself.
    Unit(At<String>),
    /// Listed by name only, with the unit they belong to.
    Named {
        name: String,
        unit: At<String>,
        /// Known to be a collective (a spreadsheet's `Tên tập thể` column).
        collective: Option<bool>,
    },
}

/// One recipient of a decision.
#[derive(Clone, Debug)]
pub struct RawRecipient {
    pub who: RawWho,
    /// The decision's fields with this recipient's overrides applied.
    pub commendation: RawCommendation,
}

/// A decision as written (a `.toml` file, or rows of a spreadsheet).
#[derive(Clone, Debug)]
pub struct RawDecision {
    pub common: Common,
    pub number: Option<String>,
    pub recipients: Vec<RawRecipient>,
}

/// An emulation covenant signed at a conference.
#[derive(Clone, Debug)]
pub struct RawCovenant {
    pub title: String,
    pub units: Vec<At<String>>,
}

/// A conference as written.
#[derive(Clone, Debug)]
pub struct RawConference {
    pub common: Common,
    pub title: String,
    pub kind: &'static str,
    pub organizer: Option<At<String>>,
    pub date: Option<When>,
    pub tentative: bool,
    pub plan: Option<At<String>>,
    pub milestones: Vec<RawMilestone>,
    pub location: Option<String>,
    pub edition: Option<i64>,
    pub period: Option<String>,
    pub next: Option<At<String>>,
    pub programme: Vec<String>,
    pub delegates: Option<Delegates>,
    pub delegates_loc: Option<Loc>,
    pub honoured: Vec<At<String>>,
    pub speakers: Vec<At<String>>,
    pub launched: Vec<At<String>>,
    pub elected: Vec<At<String>>,
    pub covenants: Vec<RawCovenant>,
    pub documents: Vec<RawDocument>,
}

/// A plan as written (`content/plans/*.md`).
#[derive(Clone, Debug)]
pub struct RawPlan {
    pub common: Common,
    pub title: String,
    pub kind: &'static str,
    pub number: Option<String>,
    pub date: Option<When>,
    pub issuer: Option<At<String>>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub implements: Option<At<String>>,
    /// Text, or `plan:slug`.
    pub based_on: Vec<At<String>>,
    pub purposes: Vec<String>,
    pub requirements: Vec<String>,
    pub file: Option<PathRef>,
    pub attachments: Vec<RawDocument>,
    pub milestones: Vec<RawMilestone>,
}

/// A step of a timeline (tiến độ) as written.
#[derive(Clone, Debug)]
pub struct RawMilestone {
    pub title: String,
    pub due: When,
    pub tentative: bool,
    pub owners: Vec<At<String>>,
    pub done: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A news item as written.
#[derive(Clone, Debug)]
pub struct RawNews {
    pub common: Common,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub about: Vec<At<String>>,
    pub photo: Option<PathRef>,
    pub category: Option<At<String>>,
}

/// A free page as written.
#[derive(Clone, Debug)]
pub struct RawPage {
    pub common: Common,
    pub title: String,
    pub order: Option<i64>,
}

/// The home page text (`content/_index.md`) or a section's intro
/// (`content/people/_index.md`).
#[derive(Clone, Debug)]
pub struct RawIntro {
    pub file: FileId,
    pub title: Option<String>,
    pub description: Option<String>,
    pub extra: Option<serde_json::Value>,
    pub body: Range<usize>,
    /// The section folder, or `None` for the home page.
    pub section: Option<Kind>,
}

/// Any parsed entity.
#[derive(Clone, Debug)]
pub enum Raw {
    Unit(RawUnit),
    Movement(RawMovement),
    Exemplar(RawExemplar),
    Conference(RawConference),
    Decision(RawDecision),
    News(RawNews),
    Page(RawPage),
    Plan(RawPlan),
    Intro(RawIntro),
}

/// Where a file sits: its id, display path, folder and default slug.
pub struct FileInfo<'a> {
    pub file: FileId,
    pub display: &'a str,
    /// Folder relative to `content/`, `/`-separated.
    pub dir: String,
    /// Whether the file is a page bundle's `index.md`.
    pub bundle: bool,
    /// The slug the file name gives (before `slug = …`).
    pub name_slug: String,
    /// The file name stem as written, for messages.
    pub stem: String,
}

/// Whether two values read from files are the same, wherever they were written.
fn same<T: PartialEq>(a: &Option<At<T>>, b: &Option<At<T>>) -> bool {
    a.as_ref().map(|a| &a.value) == b.as_ref().map(|b| &b.value)
}

fn same_all<T: PartialEq>(a: &[At<T>], b: &[At<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.value == b.value)
}

impl RawExemplar {
    /// Whether `other` is this profile with only its own text changed:
    /// its body, summary, position, gender, ethnicity, fields and
    /// `[extra]`, which are shown on its page and card and in the data of
    /// the site but decide nothing else (see `resolve::patch_text`).
    /// Every field is named here, so that a new one must be placed.
    pub fn differs_only_in_text(&self, other: &RawExemplar) -> bool {
        let RawExemplar {
            common:
                Common {
                    file,
                    slug,
                    draft,
                    extra: _,
                    body: _,
                    dir,
                    bundle,
                    media,
                },
            person,
            name,
            unit,
            position: _,
            gender: _,
            ethnicity: _,
            fields: _,
            movements,
            photo,
            summary: _,
            commendations,
        } = self;
        let c = &other.common;
        *file == c.file
            && slug.value == c.slug.value
            && *draft == c.draft
            && *dir == c.dir
            && *bundle == c.bundle
            // The library lists the photos: a change there is not text only.
            && *media == c.media
            && *person == other.person
            && *name == other.name
            && same(unit, &other.unit)
            && same_all(movements, &other.movements)
            && same(photo, &other.photo)
            && commendations.len() == other.commendations.len()
            && commendations
                .iter()
                .zip(&other.commendations)
                .all(|(a, b)| a.same_as(b))
    }
}

impl RawCommendation {
    /// Whether `other` says the same, wherever it was written.
    fn same_as(&self, other: &RawCommendation) -> bool {
        let RawCommendation {
            award,
            authority,
            conferred_by,
            decision,
            date,
            year,
            movement,
            conference,
            citation,
            posthumous,
            revoked,
            unit,
            position,
        } = self;
        same(award, &other.award)
            && *authority == other.authority
            && same(conferred_by, &other.conferred_by)
            && *decision == other.decision
            && same(date, &other.date)
            && same(year, &other.year)
            && same(movement, &other.movement)
            && same(conference, &other.conference)
            && *citation == other.citation
            && *posthumous == other.posthumous
            && *revoked == other.revoked
            && same(unit, &other.unit)
            && *position == other.position
    }
}
