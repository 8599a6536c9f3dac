//! The resolved domain: units in their tree, movements, exemplars,
//! conferences in their chains, decisions and every commendation.
//!
//! These are plain data with typed ids in place of slugs, built once by
//! [`crate::resolve`] and then only read. Everything a page shows that
//! needs the whole site (a unit's roll-up of its subtree, a movement's
//! exemplars, a conference's awards) is computed there in one linear pass
//! and stored here, so that rendering a page never rescans the site and
//! pages can be rendered in any order, in parallel.

use crate::awards::{AwardId, AwardLevel};
use crate::diagnostics::{FileId, SourceMap};
use crate::load::config::Config;
use crate::vi::CollationKey;
use crate::when::When;
use chrono::NaiveDate;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The index into the site's list.
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

id_type!(
    /// A unit.
    UnitId,
    /// A movement.
    MovementId,
    /// A person.
    PersonId,
    /// A collective.
    CollectiveId,
    /// A conference.
    ConferenceId,
    /// A decision.
    DecisionId,
    /// A news item.
    NewsId,
    /// A free page.
    PageId,
    /// A plan or another document (`plans/`).
    PlanId,
    /// A commendation. Ids follow index order: newest first.
    CommendationId,
);

/// The Markdown body of an entity: a range of its source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// The file.
    pub file: FileId,
    /// The range of the body in the file's text.
    pub range: Range<usize>,
}

impl Body {
    /// The Markdown text.
    pub fn text<'a>(&self, sources: &'a SourceMap) -> &'a str {
        &sources.get(self.file).text[self.range.clone()]
    }
}

/// Fields every entity page has.
#[derive(Clone, Debug)]
pub struct Meta {
    /// URL slug.
    pub slug: String,
    /// Source file.
    pub file: FileId,
    /// Markdown body, if any.
    pub body: Option<Body>,
    /// `[extra]`.
    pub extra: Option<serde_json::Value>,
    /// Folder of the source file relative to `content/`, for relative links in the body.
    pub dir: String,
    /// Photos and videos (people, collectives, movements, conferences, news).
    pub media: Media,
}

/// An entity's photos and videos.
#[derive(Clone, Debug, Default)]
pub struct Media {
    pub gallery: Vec<Photo>,
    pub videos: Vec<Video>,
}

impl Media {
    pub fn is_empty(&self) -> bool {
        self.gallery.is_empty() && self.videos.is_empty()
    }
}

/// Whose media it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaOwner {
    Person(PersonId),
    Collective(CollectiveId),
    Movement(MovementId),
    Conference(ConferenceId),
    News(NewsId),
}

/// The group a photo or video is listed under in the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryGroup {
    Conference(ConferenceId),
    Movement(MovementId),
    /// The year of the photo (or of the news item); `None` if unknown.
    Year(Option<i32>),
}

/// One photo or video of the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LibraryEntry {
    pub group: LibraryGroup,
    pub owner: MediaOwner,
    /// Its place in the owner's `gallery` or `videos`.
    pub item: MediaItem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaItem {
    Photo(usize),
    Video(usize),
}

/// A photo of a gallery.
#[derive(Clone, Debug)]
pub struct Photo {
    /// A raster image of the site.
    pub file: FileRef,
    /// Its text alternative.
    pub caption: String,
    pub credit: Option<String>,
    pub date: Option<NaiveDate>,
}

/// A video clip: a file of the site, or an address shown as a link.
#[derive(Clone, Debug)]
pub struct Video {
    pub title: String,
    pub file: FileRef,
    pub poster: Option<FileRef>,
    /// WebVTT captions.
    pub captions: Option<FileRef>,
    /// `07:00`.
    pub duration: Option<String>,
    pub credit: Option<String>,
}

/// A person or a collective with a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExemplarId {
    /// A person.
    Person(PersonId),
    /// A collective.
    Collective(CollectiveId),
}

/// An attached document or a file path resolved against the content folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileRef {
    /// A file of the site, by path relative to `content/` (copied to the same path of the output).
    Local(String),
    /// An external address (`https://…`).
    External(String),
}

/// A titled document.
#[derive(Clone, Debug)]
pub struct Document {
    /// Title.
    pub title: String,
    /// Where it is.
    pub file: FileRef,
    /// Its size in bytes, for a file of the site.
    pub size: Option<u64>,
}

/// One member's result in a cluster's scoring of a year.
#[derive(Clone, Debug)]
pub struct RankedScore {
    /// The member.
    pub unit: UnitId,
    /// Its score.
    pub score: f64,
    /// A remark.
    pub note: Option<String>,
    /// 1 for the highest; equal scores share a rank.
    pub rank: u32,
}

/// A cluster's scoring of one year, highest first.
#[derive(Clone, Debug)]
pub struct YearRanking {
    /// The year.
    pub year: i32,
    /// The members' scores, highest first.
    pub entries: Vec<RankedScore>,
}

/// Counts of commendations by award.
#[derive(Clone, Debug)]
pub struct AwardCount {
    /// The award.
    pub award: AwardId,
    /// How many (revoked awards excluded).
    pub count: u32,
}

/// A unit: province, district, commune, village, agency, school, cluster…
#[derive(Clone, Debug)]
pub struct Unit {
    pub meta: Meta,
    pub name: String,
    /// One of [`UNIT_KINDS`].
    pub kind: &'static str,
    /// Every parent it had, as written (`parents`, or `parent` for its
    /// whole life), earliest first.
    pub parents: Vec<Membership>,
    /// The parent as of [`Unit::as_of`].
    pub parent: Option<UnitId>,
    /// The date the unit's page shows the tree of: the build date, the
    /// last day of a dissolved unit, or the first day of one not yet
    /// established.
    pub as_of: NaiveDate,
    /// Sub-units as of [`Unit::as_of`], in display order.
    pub children: Vec<UnitId>,
    /// Units that belonged to it before (or only while they existed), with
    /// the dates they belonged to it, earliest first.
    pub former_children: Vec<Membership>,
    /// For clusters: the member units.
    pub members: Vec<UnitId>,
    /// The clusters this unit is a member of.
    pub clusters: Vec<UnitId>,
    /// For clusters: the scoring per year, latest year first.
    pub scores: Vec<YearRanking>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub logo: Option<FileRef>,
    pub order: Option<i64>,
    pub established: Option<NaiveDate>,
    pub dissolved: Option<NaiveDate>,
    /// The units that took it over, with the part each took.
    pub successors: Vec<Succession>,
    /// The units it took over (in whole or in part), in display order.
    pub predecessors: Vec<Succession>,
    /// How it ended or changed: as written, or inferred from its
    /// successors and `dissolved`.
    pub change: Option<UnitChange>,
    /// The names it had before, earliest first.
    pub former_names: Vec<FormerName>,
    /// The unit that carries it on today: itself while it exists, else its
    /// (first) successor's, followed to one that exists.
    pub today: Option<UnitId>,
    /// Ancestors as of [`Unit::as_of`], from the parent up to the root.
    pub ancestors: Vec<UnitId>,
    /// Commendations earned in the unit and in everything under it at the
    /// time, newest first.
    pub roll: Vec<CommendationId>,
    /// Exemplars (people and collectives) of the unit and everything under it, in roll order.
    pub exemplars: Vec<ExemplarId>,
    /// Counts by award over `roll`, most prestigious first; revoked awards excluded.
    pub award_counts: Vec<AwardCount>,
    /// Commendations in `roll` that are not revoked.
    pub active_count: u32,
    pub movements_launched: Vec<MovementId>,
    pub conferences_organised: Vec<ConferenceId>,
    /// Sort key among siblings.
    pub sort_key: CollationKey,
}

impl Unit {
    /// Whether the unit exists on `date`: established on or before it,
    /// dissolved after it.
    pub fn alive_on(&self, date: NaiveDate) -> bool {
        self.established.is_none_or(|e| e <= date) && self.dissolved.is_none_or(|d| date < d)
    }

    /// The parent on `date`: the `parents` entry in force then.
    pub fn parent_on(&self, date: NaiveDate) -> Option<UnitId> {
        self.parents.iter().find(|m| m.covers(date)).map(|m| m.unit)
    }

    /// Whether the unit has ended (dissolved on or before `now`).
    pub fn ended(&self, now: NaiveDate) -> bool {
        self.dissolved.is_some_and(|d| d <= now)
    }
}

/// The unit and its ancestors on `date`, from the unit up. Parent cycles
/// are cut in resolve, so the walk ends.
pub fn lineage_on(
    units: &[Unit],
    unit: UnitId,
    date: NaiveDate,
) -> impl Iterator<Item = UnitId> + '_ {
    std::iter::successors(Some(unit), move |u| units[u.ix()].parent_on(date))
}

/// A unit's membership of another over a span of dates (`until` inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub unit: UnitId,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Membership {
    /// Whether `date` is within the span.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// One side of a merger or split: the other unit, and the part that went over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Succession {
    pub unit: UnitId,
    pub part: Option<String>,
}

/// The slug of the unit history page under the units section
/// (`/don-vi/lich-su/`); no unit may take it.
pub const UNIT_HISTORY: &str = "lich-su";

/// Kinds of change of a unit (`change.kind`).
pub const CHANGE_KINDS: &[&str] = &["sap-nhap", "giai-the", "chia-tach", "doi-ten", "dieu-chinh"];

/// How a unit ended or changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitChange {
    pub date: Option<NaiveDate>,
    /// One of [`CHANGE_KINDS`].
    pub kind: &'static str,
    /// The legal act: `Nghị quyết số 1672/NQ-UBTVQH15`.
    pub by: Option<String>,
}

/// A name the unit had before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormerName {
    pub name: String,
    /// The last day it bore the name.
    pub until: Option<NaiveDate>,
}

/// A movement's status on the build date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MovementStatus {
    /// sắp diễn ra
    Upcoming,
    /// đang diễn ra
    Ongoing,
    /// đã kết thúc
    Ended,
}

impl MovementStatus {
    /// The key of its label in the language catalogue.
    pub fn key(self) -> &'static str {
        match self {
            MovementStatus::Upcoming => "upcoming",
            MovementStatus::Ongoing => "ongoing",
            MovementStatus::Ended => "ended",
        }
    }
}

/// An emulation movement (phong trào thi đua).
#[derive(Clone, Debug)]
pub struct Movement {
    pub meta: Meta,
    pub title: String,
    pub slogan: Option<String>,
    pub launched_by: UnitId,
    /// The first day of `launched` and `starts`.
    pub launched: Option<NaiveDate>,
    pub starts: Option<NaiveDate>,
    /// The same dates as written (a month or quarter stays one).
    pub launched_when: Option<When>,
    pub starts_when: Option<When>,
    pub ends_when: Option<When>,
    /// The plan that launched it.
    pub plan: Option<PlanId>,
    pub parent: Option<MovementId>,
    pub children: Vec<MovementId>,
    pub based_on: Vec<String>,
    pub goals: Vec<String>,
    pub awards: Vec<AwardId>,
    pub documents: Vec<Document>,
    pub status: MovementStatus,
    /// Commendations earned in it, newest first.
    pub commendations: Vec<CommendationId>,
    /// How many of them are in force (not revoked).
    pub active_count: u32,
    /// Exemplars who stand for it or earned a commendation in it, in roll order.
    pub exemplars: Vec<ExemplarId>,
    /// Conferences where it was launched.
    pub launched_at: Vec<ConferenceId>,
}

/// A person or a collective with a profile page.
#[derive(Clone, Debug)]
pub struct Profile {
    pub meta: Meta,
    pub name: String,
    pub unit: UnitId,
    pub position: Option<String>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub fields: Vec<String>,
    pub movements: Vec<MovementId>,
    pub photo: Option<FileRef>,
    pub summary: Option<String>,
    /// Commendations received, newest first (inline and from decisions).
    pub commendations: Vec<CommendationId>,
    /// Conferences where they were honoured, spoke or were elected.
    pub conferences: Vec<ConferenceId>,
    /// Vietnamese roll order key.
    pub roll_key: CollationKey,
}

/// An emulation covenant (giao ước thi đua).
#[derive(Clone, Debug)]
pub struct Covenant {
    pub title: String,
    pub units: Vec<UnitId>,
}

/// Which delegate rule a conference breaks, with the figures.
#[derive(Clone, Debug, PartialEq)]
pub enum DelegateIssue {
    /// Exemplars below 70% of the total.
    ExemplarsBelow {
        exemplars: u32,
        total: u32,
        required: u32,
    },
    /// Guests above 30% of the total.
    GuestsAbove {
        guests: u32,
        total: u32,
        allowed: u32,
    },
    /// Total above the ceiling.
    OverCap { total: u32, cap: u32 },
    /// Exemplars and guests add up to more than the total.
    PartsExceedTotal {
        exemplars: u32,
        guests: u32,
        total: u32,
    },
    /// A group (women, ethnic minorities) larger than the total.
    GroupExceedsTotal {
        group: &'static str,
        count: u32,
        total: u32,
    },
}

/// A conference or congress (hội nghị, đại hội).
#[derive(Clone, Debug)]
pub struct Conference {
    pub meta: Meta,
    pub title: String,
    /// One of [`CONFERENCE_KINDS`].
    pub kind: &'static str,
    pub organizer: UnitId,
    /// The first day of `when`.
    pub date: NaiveDate,
    /// The date as written.
    pub when: When,
    /// The date is planned, not fixed (`dự kiến`).
    pub tentative: bool,
    /// The plan that organises it.
    pub plan: Option<PlanId>,
    /// The steps before it.
    pub milestones: Vec<Milestone>,
    pub location: Option<String>,
    pub edition: Option<i64>,
    pub period: Option<String>,
    pub next: Option<ConferenceId>,
    /// Conferences that lead directly to this one.
    pub previous: Vec<ConferenceId>,
    /// Every conference that leads to this one, at any level below, by date.
    pub lower: Vec<ConferenceId>,
    /// This conference and the higher-level congresses it leads to, up to
    /// the highest (tiến tới …).
    pub chain: Vec<ConferenceId>,
    pub programme: Vec<String>,
    pub delegates: Option<Delegates>,
    pub delegate_issues: Vec<DelegateIssue>,
    pub honoured: Vec<ExemplarId>,
    pub speakers: Vec<ExemplarId>,
    pub launched: Vec<MovementId>,
    pub elected: Vec<PersonId>,
    pub covenants: Vec<Covenant>,
    pub documents: Vec<Document>,
    /// Commendations presented there, newest first.
    pub awards: Vec<CommendationId>,
}

/// Plan types of the content model (`type`).
pub const PLAN_TYPES: &[&str] = &[
    "ke-hoach",
    "chi-thi",
    "huong-dan",
    "quy-che",
    "quyet-dinh",
    "thong-bao",
    "bao-cao",
    "khac",
];

/// A plan, directive or guidance (kế hoạch, chỉ thị, hướng dẫn…).
#[derive(Clone, Debug)]
pub struct Plan {
    pub meta: Meta,
    pub title: String,
    /// One of [`PLAN_TYPES`].
    pub kind: &'static str,
    pub number: Option<String>,
    pub date: Option<When>,
    pub issuer: UnitId,
    pub signer: Option<Signer>,
    /// The higher plan it carries out.
    pub implements: Option<PlanId>,
    /// Plans that carry this one out, by date.
    pub implemented_by: Vec<PlanId>,
    pub based_on: Vec<BasedOn>,
    pub purposes: Vec<String>,
    pub requirements: Vec<String>,
    /// The signed document.
    pub file: Option<Document>,
    pub attachments: Vec<Document>,
    /// The timeline, by due date.
    pub milestones: Vec<Milestone>,
    /// Movements it launched.
    pub movements: Vec<MovementId>,
    /// Conferences it organises.
    pub conferences: Vec<ConferenceId>,
}

/// Who signed a plan.
#[derive(Clone, Debug)]
pub struct Signer {
    pub title: Option<String>,
    pub name: Option<String>,
}

/// A document a plan rests on (căn cứ): text, or another plan of the site.
#[derive(Clone, Debug)]
pub enum BasedOn {
    Text(String),
    Plan(PlanId),
}

/// A step of a timeline (tiến độ): what is due when, and who owns it.
#[derive(Clone, Debug)]
pub struct Milestone {
    pub title: String,
    pub due: When,
    pub tentative: bool,
    pub owners: Vec<UnitId>,
    pub done: Option<NaiveDate>,
    pub note: Option<String>,
}

impl Milestone {
    /// Past its due date (its last day) on `now` and not done.
    pub fn overdue(&self, now: NaiveDate) -> bool {
        self.done.is_none() && self.due.last < now
    }
}

/// A commendation decision (quyết định khen thưởng).
#[derive(Clone, Debug)]
pub struct Decision {
    /// Slug: the file name for decision files; made from the number otherwise.
    pub slug: String,
    /// The file that defines it, if it has one of its own.
    pub file: Option<FileId>,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub authority: Option<String>,
    pub conferred_by: Option<UnitId>,
    pub extra: Option<serde_json::Value>,
    /// Its commendations, in index order.
    pub commendations: Vec<CommendationId>,
    /// Whether it gets a page of its own: a decision file, or a number
    /// shared by several commendations. A number written on one commendation
    /// of a profile is shown by that row on the profile instead.
    pub page: bool,
}

/// Who received a commendation.
#[derive(Clone, Debug, PartialEq)]
pub enum Recipient {
    Person(PersonId),
    Collective(CollectiveId),
    /// A unit honoured as itself.
    Unit(UnitId),
    /// Listed by name only.
    Named {
        name: String,
        collective: bool,
    },
}

/// A recipient as lists show it: its name, what it is, and the slug of its
/// page if it has one.
#[derive(Clone, Copy, Debug)]
pub struct RecipientName<'s> {
    pub name: &'s str,
    /// `person`, `collective` or `unit`.
    pub kind: &'static str,
    /// The profile or unit page; none for recipients listed by name only.
    pub slug: Option<&'s str>,
}

/// One award to one recipient.
#[derive(Clone, Debug)]
pub struct Commendation {
    /// Stable identifier for open data: `<source kind>/<source slug>/<n>`.
    pub id: String,
    pub recipient: Recipient,
    /// The unit it was earned in: the commendation's `unit` (where the
    /// recipient was at the time), else the recipient's unit (the unit
    /// itself for a unit).
    pub unit: UnitId,
    /// Whether `unit` or `position` were written for the time of the award,
    /// so that a profile shows them as "khi đó".
    pub at_the_time: bool,
    /// The level it was conferred at: the award's, or for a Giấy khen the
    /// level of the conferring unit.
    pub level: AwardLevel,
    pub award: AwardId,
    pub authority: Option<String>,
    pub conferred_by: Option<UnitId>,
    pub decision: Option<DecisionId>,
    pub decision_number: Option<String>,
    pub date: Option<NaiveDate>,
    /// The year it is for: `year`, or the date's year.
    pub year: Option<i32>,
    pub movement: Option<MovementId>,
    pub conference: Option<ConferenceId>,
    pub citation: Option<String>,
    pub posthumous: bool,
    pub revoked: Option<Revocation>,
    /// The recipient's position as the decision gives it.
    pub position: Option<String>,
}

impl Commendation {
    /// The date it counts on in the unit tree (see [`tree_date`]).
    pub fn tree_date(&self) -> Option<NaiveDate> {
        tree_date(self.date, self.year)
    }
}

/// The date a commendation counts on in the tree: its date, else the last
/// day of the year it is for; an undated one counts on its unit's date.
pub fn tree_date(date: Option<NaiveDate>, year: Option<i32>) -> Option<NaiveDate> {
    date.or(year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)))
}

/// A news item.
#[derive(Clone, Debug)]
pub struct News {
    pub meta: Meta,
    pub title: String,
    pub date: NaiveDate,
    pub summary: Option<String>,
    pub about: Vec<EntityRef>,
    pub photo: Option<FileRef>,
    /// The category (chuyên mục) as written.
    pub category: Option<String>,
}

/// A news category (chuyên mục) and its news, newest first.
#[derive(Clone, Debug)]
pub struct Category {
    pub name: String,
    pub slug: String,
    pub news: Vec<NewsId>,
}

/// A reference from a news item to what it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityRef {
    Person(PersonId),
    Collective(CollectiveId),
    Unit(UnitId),
    Movement(MovementId),
    Conference(ConferenceId),
    Plan(PlanId),
}

/// A free page.
#[derive(Clone, Debug)]
pub struct Page {
    pub meta: Meta,
    pub title: String,
    pub order: Option<i64>,
}

/// The home page text or a section's intro.
#[derive(Clone, Debug, Default)]
pub struct Intro {
    pub title: Option<String>,
    pub description: Option<String>,
    pub body: Option<Body>,
    pub extra: Option<serde_json::Value>,
}

/// A file copied to the output as it is.
#[derive(Clone, Debug)]
pub struct AssetFile {
    /// Path relative to `content/` and to the output, `/`-separated.
    pub rel: String,
    /// Where its bytes come from.
    pub source: AssetSource,
    /// For a file of a page bundle, the bundle's folder: it is published
    /// only if the bundle's entity is.
    pub bundle: Option<String>,
    /// Its size in bytes, as read (for "PDF, 1,2 MB").
    pub size: u64,
}

/// The bytes of a published file.
#[derive(Clone, Debug)]
pub enum AssetSource {
    /// Copied from this absolute path.
    Copy(PathBuf),
    /// Made at load time (a cleaned SVG).
    Bytes(std::sync::Arc<[u8]>),
    /// A processed image in the cache, which nobody edits: published as a
    /// hard link where the file system allows, else copied.
    Cached(PathBuf),
}

/// A list of the site that its copies share: a copy of the site (`serve`
/// patching one profile's text into one) copies a pointer, not the list.
#[derive(Debug)]
pub struct Shared<T>(Arc<Vec<T>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(list: Vec<T>) -> Self {
        Shared(Arc::new(list))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The whole resolved site.
#[derive(Clone, Debug)]
pub struct Site {
    pub config: Config,
    /// The build date that movement statuses are computed against.
    pub now: NaiveDate,
    pub sources: SourceMap,
    pub units: Shared<Unit>,
    pub movements: Shared<Movement>,
    /// Each profile shared on its own, so that `serve` can patch one into
    /// a copy of the site.
    pub people: Vec<Arc<Profile>>,
    pub collectives: Vec<Arc<Profile>>,
    pub conferences: Shared<Conference>,
    pub decisions: Shared<Decision>,
    pub news: Shared<News>,
    pub pages: Shared<Page>,
    pub plans: Shared<Plan>,
    pub home: Intro,
    /// Intros of sections, by kind.
    pub intros: Vec<(Kind, Intro)>,
    /// Every commendation, newest first.
    pub commendations: Shared<Commendation>,
    /// Commendations per year, latest year first.
    pub by_year: Shared<(i32, Vec<CommendationId>)>,
    /// Commendations per award, most prestigious first; only awards with any.
    pub by_award: Shared<(AwardId, Vec<CommendationId>)>,
    /// Commendations not revoked, for each entry of `by_year`.
    pub active_by_year: Vec<u32>,
    /// Commendations not revoked, for each entry of `by_award`.
    pub active_by_award: Vec<u32>,
    /// Commendations not revoked, in all.
    pub active_total: u32,
    /// Units of today's tree without a parent, in display order.
    pub roots: Vec<UnitId>,
    /// Today's tree in order (depth first, siblings in display order),
    /// each unit with its depth.
    pub unit_order: Vec<UnitId>,
    pub unit_depths: Vec<u32>,
    /// Units that no longer exist (or not yet), outside today's tree:
    /// latest dissolved first.
    pub former_units: Vec<UnitId>,
    /// People in roll order.
    pub people_order: Vec<PersonId>,
    /// Collectives in roll order.
    pub collectives_order: Vec<CollectiveId>,
    /// Movements: ongoing first, then upcoming, then ended; latest start first.
    pub movement_order: Vec<MovementId>,
    /// Conferences, latest first.
    pub conference_order: Vec<ConferenceId>,
    /// News, latest first.
    pub news_order: Vec<NewsId>,
    /// Pages by `order`, then title.
    pub page_order: Vec<PageId>,
    /// Decisions, latest first.
    pub decision_order: Vec<DecisionId>,
    /// Plans, latest first.
    pub plan_order: Vec<PlanId>,
    /// The news about each entity, newest first.
    pub related_news: rustc_hash::FxHashMap<EntityRef, Vec<NewsId>>,
    /// News categories in Vietnamese order of their names.
    pub categories: Vec<Category>,
    /// Files copied through.
    pub assets: Vec<AssetFile>,
    /// Every photo and video, in the order of the library (`/thu-vien/`).
    pub library: Vec<LibraryEntry>,
    /// The raster images, by site path, as the media stage processed them.
    pub images: Arc<rustc_hash::FxHashMap<String, Arc<crate::media::Processed>>>,
}

impl Site {
    /// The intro of a section, if it has one.
    pub fn intro(&self, kind: Kind) -> Option<&Intro> {
        self.intros.iter().find(|(k, _)| *k == kind).map(|(_, i)| i)
    }

    /// The media of every entity that has some (people, collectives,
    /// movements, conferences, news).
    pub fn media_of(&self) -> impl Iterator<Item = &Media> {
        self.people
            .iter()
            .chain(&self.collectives)
            .map(|p| &p.meta)
            .chain(self.movements.iter().map(|m| &m.meta))
            .chain(self.conferences.iter().map(|c| &c.meta))
            .chain(self.news.iter().map(|n| &n.meta))
            .map(|m| &m.media)
            .filter(|m| !m.is_empty())
    }

    /// A commendation.
    pub fn commendation(&self, id: CommendationId) -> &Commendation {
        &self.commendations[id.ix()]
    }

    /// How many of `ids` are not revoked: revoked awards stay visible but
    /// leave every count.
    pub fn active_count(&self, ids: &[CommendationId]) -> u32 {
        ids.iter()
            .filter(|id| self.commendations[id.ix()].revoked.is_none())
            .count() as u32
    }

    /// How a recipient is named, whatever kind it is.
    pub fn recipient<'s>(&'s self, r: &'s Recipient) -> RecipientName<'s> {
        let (name, kind, slug) = match r {
            Recipient::Person(p) => {
                let p = &self.people[p.ix()];
                (p.name.as_str(), "person", Some(p.meta.slug.as_str()))
            }
            Recipient::Collective(x) => {
                let x = &self.collectives[x.ix()];
                (x.name.as_str(), "collective", Some(x.meta.slug.as_str()))
            }
            Recipient::Unit(u) => {
                let u = &self.units[u.ix()];
                (u.name.as_str(), "unit", Some(u.meta.slug.as_str()))
            }
            Recipient::Named { name, collective } => (
                name.as_str(),
                if *collective { "collective" } else { "person" },
                None,
            ),
        };
        RecipientName { name, kind, slug }
    }

    /// The profile of an exemplar.
    pub fn exemplar(&self, id: ExemplarId) -> &Profile {
        match id {
            ExemplarId::Person(p) => &self.people[p.ix()],
            ExemplarId::Collective(c) => &self.collectives[c.ix()],
        }
    }
}

// ---------------------------------------------------------------- vocabulary

/// The kinds of content, one per folder of `content/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `units/`
    Unit,
    /// `movements/`
    Movement,
    /// `people/`
    Person,
    /// `collectives/`
    Collective,
    /// `conferences/`
    Conference,
    /// `decisions/`
    Decision,
    /// `news/`
    News,
    /// `pages/`
    Page,
    /// `plans/`
    Plan,
}

impl Kind {
    /// All kinds.
    pub const ALL: [Kind; 9] = [
        Kind::Unit,
        Kind::Movement,
        Kind::Person,
        Kind::Collective,
        Kind::Conference,
        Kind::Decision,
        Kind::News,
        Kind::Page,
        Kind::Plan,
    ];

    /// The content folder.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Unit => "units",
            Kind::Movement => "movements",
            Kind::Person => "people",
            Kind::Collective => "collectives",
            Kind::Conference => "conferences",
            Kind::Decision => "decisions",
            Kind::News => "news",
            Kind::Page => "pages",
            Kind::Plan => "plans",
        }
    }

    /// The kind of a content folder.
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// "a unit", "a person"…, for messages.
    pub fn a(self) -> &'static str {
        match self {
            Kind::Unit => "a unit",
            Kind::Movement => "a movement",
            Kind::Person => "a person",
            Kind::Collective => "a collective",
            Kind::Conference => "a conference",
            Kind::Decision => "a decision",
            Kind::News => "a news item",
            Kind::Plan => "a plan",
            Kind::Page => "a page",
        }
    }

    /// "units", "people"…, for messages.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Unit => "units",
            Kind::Movement => "movements",
            Kind::Person => "people",
            Kind::Collective => "collectives",
            Kind::Conference => "conferences",
            Kind::Decision => "decisions",
            Kind::News => "news items",
            Kind::Page => "pages",
            Kind::Plan => "plans",
        }
    }

    /// "unit", "person"…, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Unit => "unit",
            Kind::Movement => "movement",
            Kind::Person => "person",
            Kind::Collective => "collective",
            Kind::Conference => "conference",
            Kind::Decision => "decision",
            Kind::News => "news item",
            Kind::Page => "page",
            Kind::Plan => "plan",
        }
    }
}

/// Unit kinds of the content model.
pub const UNIT_KINDS: &[&str] = &[
    "quoc-gia",
    "tinh",
    "thanh-pho",
    "huyen",
    "quan",
    "thi-xa",
    "xa",
    "phuong",
    "dac-khu",
    "thi-tran",
    "thon",
    "co-quan",
    "doanh-nghiep",
    "truong-hoc",
    "cum-thi-dua",
    "khoi-thi-dua",
    "khac",
];

/// Conference kinds of the content model.
pub const CONFERENCE_KINDS: &[&str] = &[
    "hoi-nghi-dien-hinh-tien-tien",
    "dai-hoi-thi-dua-yeu-nuoc",
    "hoi-nghi-tong-ket",
    "hoi-nghi-bieu-duong",
    "khac",
];

/// Gender, for aggregate statistics only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// nam
    Nam,
    /// nữ
    Nu,
}

/// The revocation of an award (thu hồi).
#[derive(Clone, Debug, PartialEq)]
pub struct Revocation {
    pub date: Option<NaiveDate>,
    pub decision: Option<String>,
    pub reason: Option<String>,
}

/// Delegate figures of a conference.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Delegates {
    pub total: Option<u32>,
    pub exemplars: Option<u32>,
    pub guests: Option<u32>,
    pub women: Option<u32>,
    pub ethnic_minority: Option<u32>,
    pub cap: Option<u32>,
}
