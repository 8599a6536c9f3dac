//! What each content file says: the raw entities, read from front matter.
//!
//! One reader per kind of the content model (units, movements, people,
//! collectives, conferences, decisions, news, pages, home). References are
//! kept as located slugs ([`At<String>`]) because they can only be checked
//! once every file is read; [`crate::resolve`] turns them into ids. Values
//! are checked here as far as one file allows: types, enumerations, dates,
//! `ends` before `starts`, a recipient that names exactly one of person,
//! collective, unit or name. `[private]` is read only to be dropped here, so
//! that no later stage can ever publish it.

use crate::diagnostics::{Diagnostic, FileId, Loc};
use crate::fields::{At, Doc, Table};
use crate::vi;
use chrono::NaiveDate;
use std::ops::Range;

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
}

impl Kind {
    /// All kinds.
    pub const ALL: [Kind; 8] = [
        Kind::Unit,
        Kind::Movement,
        Kind::Person,
        Kind::Collective,
        Kind::Conference,
        Kind::Decision,
        Kind::News,
        Kind::Page,
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
        }
    }
}

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
}

/// A path written in a file (`photo`, `logo`, `documents.file`).
pub type PathRef = At<String>;

/// Unit kinds of the content model.
pub const UNIT_KINDS: &[&str] = &[
    "quoc-gia",
    "tinh",
    "huyen",
    "xa",
    "phuong",
    "thi-tran",
    "thon",
    "co-quan",
    "doanh-nghiep",
    "truong-hoc",
    "cum-thi-dua",
    "khoi-thi-dua",
    "khac",
];

/// A unit as written.
#[derive(Clone, Debug)]
pub struct RawUnit {
    pub common: Common,
    pub name: String,
    pub kind: &'static str,
    pub parent: Option<At<String>>,
    pub members: Vec<At<String>>,
    pub scores: Vec<RawScore>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub logo: Option<PathRef>,
    pub order: Option<i64>,
    pub established: Option<At<NaiveDate>>,
    pub dissolved: Option<At<NaiveDate>>,
    pub successor: Option<At<String>>,
    /// Where `members`/`scores` were written, for "clusters only" errors.
    pub members_loc: Option<Loc>,
    pub scores_loc: Option<Loc>,
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
    pub launched: Option<NaiveDate>,
    pub starts: Option<NaiveDate>,
    pub ends: Option<NaiveDate>,
    pub parent: Option<At<String>>,
    pub based_on: Vec<String>,
    pub goals: Vec<String>,
    pub awards: Vec<At<String>>,
    pub documents: Vec<RawDocument>,
}

/// Gender, for aggregate statistics only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// nam
    Nam,
    /// nữ
    Nu,
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

/// The revocation of an award (thu hồi).
#[derive(Clone, Debug, PartialEq)]
pub struct Revocation {
    pub date: Option<NaiveDate>,
    pub decision: Option<String>,
    pub reason: Option<String>,
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
    /// Where the commendation is written.
    pub loc: Option<Loc>,
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
            revoked
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
    pub position: Option<String>,
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

/// Conference kinds of the content model.
pub const CONFERENCE_KINDS: &[&str] = &[
    "hoi-nghi-dien-hinh-tien-tien",
    "dai-hoi-thi-dua-yeu-nuoc",
    "hoi-nghi-tong-ket",
    "hoi-nghi-bieu-duong",
    "khac",
];

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
    pub date: Option<NaiveDate>,
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

/// A news item as written.
#[derive(Clone, Debug)]
pub struct RawNews {
    pub common: Common,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub about: Vec<At<String>>,
    pub photo: Option<PathRef>,
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
    Intro(RawIntro),
}

/// Where a file sits: its id, display path, folder and default slug.
pub struct FileInfo<'a> {
    pub file: FileId,
    pub display: &'a str,
    /// Folder relative to `content/`, `/`-separated.
    pub dir: String,
    /// The slug the file name gives (before `slug = …`).
    pub name_slug: String,
    /// The file name stem as written, for messages.
    pub stem: String,
}

const FIELD_SYNONYMS: &[(&str, &str)] = &[
    ("title", "name"),
    ("name", "title"),
    ("ten", "name"),
    ("decision", "number"),
    ("number", "decision"),
    ("so", "number"),
    ("unit", "organizer"),
    ("organiser", "organizer"),
    ("image", "photo"),
    ("anh", "photo"),
    ("avatar", "photo"),
    ("start", "starts"),
    ("end", "ends"),
    ("don_vi", "unit"),
    ("chuc_vu", "position"),
    ("private_", "private"),
    ("rieng", "private"),
];

/// Parses the front matter of a Markdown file of `kind`. `text` is the whole
/// file; `toml` and `body` are the ranges found by [`crate::front_matter`].
pub fn parse_markdown(
    kind: Option<Kind>,
    info: &FileInfo<'_>,
    text: &str,
    toml: Range<usize>,
    body: Range<usize>,
) -> (Option<Raw>, Vec<Diagnostic>) {
    let doc = Doc::new(info.file, info.display, text, toml.start);
    let Some(parsed) = doc.parse(&text[toml]) else {
        return (None, doc.into_diagnostics());
    };
    let what = match kind {
        Some(k) => k.a(),
        None => "the home page",
    };
    let root = doc.root(&parsed, what);
    let body_range = body.clone();
    let raw = match kind {
        None => Some(Raw::Intro(read_intro(&root, info, body, None))),
        Some(Kind::Unit) => read_common(&root, info, body).map(|c| Raw::Unit(read_unit(&root, c))),
        Some(Kind::Movement) => {
            read_common(&root, info, body).map(|c| Raw::Movement(read_movement(&root, c)))
        }
        Some(k @ (Kind::Person | Kind::Collective)) => read_common(&root, info, body)
            .map(|c| Raw::Exemplar(read_exemplar(&root, c, k == Kind::Person))),
        Some(Kind::Conference) => {
            read_common(&root, info, body).map(|c| Raw::Conference(read_conference(&root, c)))
        }
        Some(Kind::News) => read_common(&root, info, body).map(|c| Raw::News(read_news(&root, c))),
        Some(Kind::Page) => read_common(&root, info, body).map(|c| Raw::Page(read_page(&root, c))),
        Some(Kind::Decision) => {
            read_common(&root, info, body).map(|c| Raw::Decision(read_decision(&root, c)))
        }
    };
    root.finish_with_synonyms(FIELD_SYNONYMS);
    if matches!(
        kind,
        Some(Kind::Person | Kind::Collective | Kind::Conference | Kind::News)
    ) {
        lint_privacy(&doc, parsed.get_ref(), Some(body_range));
    }
    let failed = doc.has_errors();
    (if failed { None } else { raw }, doc.into_diagnostics())
}

/// Warns about phone numbers and ID numbers in public fields and in the body.
fn lint_privacy(doc: &Doc<'_>, table: &toml::de::DeTable<'_>, body: Option<Range<usize>>) {
    for (span, finding) in crate::privacy::scan_table(table) {
        doc.push(privacy_warning(doc, doc.loc(span), finding));
    }
    if let Some(body) = body {
        for (span, finding) in crate::privacy::scan(&doc.text[body.clone()]) {
            let loc = Loc {
                file: doc.file,
                start: (body.start + span.start) as u32,
                end: (body.start + span.end) as u32,
            };
            doc.push(privacy_warning(doc, loc, finding));
        }
    }
}

fn privacy_warning(doc: &Doc<'_>, loc: Loc, finding: crate::privacy::Finding) -> Diagnostic {
    crate::privacy::warning(finding).at(crate::diagnostics::Location::in_text(
        doc.display,
        doc.text,
        loc.range(),
    ))
}

/// Parses a section intro (`content/<section>/_index.md`).
pub fn parse_intro(
    section: Kind,
    info: &FileInfo<'_>,
    text: &str,
    toml: Range<usize>,
    body: Range<usize>,
) -> (Option<Raw>, Vec<Diagnostic>) {
    let doc = Doc::new(info.file, info.display, text, toml.start);
    let Some(parsed) = doc.parse(&text[toml]) else {
        return (None, doc.into_diagnostics());
    };
    let root = doc.root(&parsed, "a section intro");
    let raw = read_intro(&root, info, body, Some(section));
    root.finish_with_synonyms(FIELD_SYNONYMS);
    let failed = doc.has_errors();
    (
        if failed { None } else { Some(Raw::Intro(raw)) },
        doc.into_diagnostics(),
    )
}

/// Parses a decision file (`decisions/*.toml`): the whole file is TOML.
pub fn parse_decision_toml(info: &FileInfo<'_>, text: &str) -> (Option<Raw>, Vec<Diagnostic>) {
    let doc = Doc::new(info.file, info.display, text, 0);
    if text.trim().is_empty() {
        doc.push(
            Diagnostic::error("the decision file is empty")
                .at(crate::diagnostics::Location::file(info.display))
                .help("write number, date, award and [[recipients]]; see the README"),
        );
        return (None, doc.into_diagnostics());
    }
    if text.trim_start().starts_with("+++") {
        doc.push(
            doc.error_at(0..3, "a decision file is plain TOML, without +++ lines")
                .help("remove the +++ lines: the whole .toml file is the decision"),
        );
        return (None, doc.into_diagnostics());
    }
    let Some(parsed) = doc.parse(text) else {
        return (None, doc.into_diagnostics());
    };
    let root = doc.root(&parsed, "a decision");
    let raw = read_common(&root, info, 0..0).map(|c| Raw::Decision(read_decision(&root, c)));
    root.finish_with_synonyms(FIELD_SYNONYMS);
    lint_privacy(&doc, parsed.get_ref(), None);
    let failed = doc.has_errors();
    (if failed { None } else { raw }, doc.into_diagnostics())
}

fn read_intro(
    root: &Table<'_, '_>,
    info: &FileInfo<'_>,
    body: Range<usize>,
    section: Option<Kind>,
) -> RawIntro {
    let title = root.text("title");
    let description = root.text("description");
    let extra = root.free_table("extra");
    root.discard_table("private");
    RawIntro {
        file: info.file,
        title,
        description,
        extra,
        body,
        section,
    }
}

fn read_common(root: &Table<'_, '_>, info: &FileInfo<'_>, body: Range<usize>) -> Option<Common> {
    let draft = root.bool("draft").unwrap_or(false);
    let extra = root.free_table("extra");
    root.discard_table("private");
    let slug = match root.text_at("slug") {
        Some(s) => {
            if vi::is_valid_slug(&s.value) {
                s
            } else {
                let fixed = vi::slugify(&s.value);
                let mut d = root
                    .doc()
                    .error_at(
                        range_of(root, s.loc),
                        format!(
                            "slug \"{}\" may only use a-z, 0-9 and single hyphens",
                            s.value
                        ),
                    )
                    .field("slug")
                    .label("not a valid slug");
                if !fixed.is_empty() {
                    d = d.help(format!("write slug = \"{fixed}\""));
                }
                root.doc().push(d);
                return None;
            }
        }
        None => {
            if info.name_slug.is_empty() {
                root.doc().push(
                    Diagnostic::error(format!(
                        "cannot make a slug from the file name \"{}\"",
                        info.stem
                    ))
                    .at(crate::diagnostics::Location::file(info.display))
                    .help("rename the file with Latin letters, or set slug = \"…\""),
                );
                return None;
            }
            At {
                value: info.name_slug.clone(),
                loc: Loc::whole(info.file),
            }
        }
    };
    Some(Common {
        file: info.file,
        slug,
        draft,
        extra,
        body,
        dir: info.dir.clone(),
    })
}

fn range_of(root: &Table<'_, '_>, loc: Loc) -> Range<usize> {
    let offset = root.doc().offset;
    loc.start as usize - offset..loc.end as usize - offset
}

fn read_unit(t: &Table<'_, '_>, common: Common) -> RawUnit {
    let name = t.req_text("name").unwrap_or_default();
    let kind = t.choice("kind", UNIT_KINDS).unwrap_or("khac");
    let parent = t.text_at("parent");
    let members_loc = t.has("members").then(|| t.loc_of("members"));
    let members = t.text_list_at("members");
    let scores_loc = t.has("scores").then(|| t.loc_of("scores"));
    let scores = t
        .tables("scores")
        .into_iter()
        .filter_map(|s| {
            let year = s.int("year");
            let unit = s.req_text_at("unit");
            let score = s.number("score");
            let note = s.text("note");
            if year.is_none() && !s.has("year") {
                s.doc().push(
                    Diagnostic::error(
                        format!("`{}` needs a `year`", s.field_path("")).replace(".`", "`"),
                    )
                    .at(s.doc().locate(range_of(&s, s.loc())))
                    .field(s.field_path("year")),
                );
            }
            if score.is_none() && !s.has("score") {
                s.doc().push(
                    Diagnostic::error("a score needs `score`")
                        .at(s.doc().locate(range_of(&s, s.loc())))
                        .field(s.field_path("score")),
                );
            }
            s.finish();
            Some(RawScore {
                year: i32::try_from(year?).ok()?,
                unit: unit?,
                score: score?,
                note,
            })
        })
        .collect();
    let address = t.text("address");
    let website = t.text("website");
    let logo = t.text_at("logo");
    let order = t.int("order");
    let established = t.date("established");
    let dissolved = t.date("dissolved");
    if let (Some(e), Some(d)) = (&established, &dissolved)
        && d.value < e.value
    {
        t.doc().push(
            t.doc()
                .error_at(
                    range_of(t, d.loc),
                    format!(
                        "`dissolved` ({}) is before `established` ({})",
                        vi::format_date(d.value, vi::Lang::Vi),
                        vi::format_date(e.value, vi::Lang::Vi)
                    ),
                )
                .field("dissolved"),
        );
    }
    let successor = t.text_at("successor");
    RawUnit {
        common,
        name,
        kind,
        parent,
        members,
        scores,
        address,
        website,
        logo,
        order,
        established,
        dissolved,
        successor,
        members_loc,
        scores_loc,
    }
}

fn read_documents(t: &Table<'_, '_>) -> Vec<RawDocument> {
    t.tables("documents")
        .into_iter()
        .filter_map(|d| {
            let title = d.req_text("title");
            let file = d.req_text_at("file");
            d.finish_with_synonyms(&[("path", "file"), ("url", "file"), ("name", "title")]);
            Some(RawDocument {
                title: title?,
                file: file?,
            })
        })
        .collect()
}

fn read_movement(t: &Table<'_, '_>, common: Common) -> RawMovement {
    let title = t.req_text("title").unwrap_or_default();
    let slogan = t.text("slogan");
    let launched_by = t.req_text_at("launched_by");
    let launched = t.date("launched").map(|d| d.value);
    let starts = t.date("starts");
    let ends = t.date("ends");
    if let (Some(s), Some(e)) = (&starts, &ends)
        && e.value < s.value
    {
        t.doc().push(
            t.doc()
                .error_at(
                    range_of(t, e.loc),
                    format!(
                        "`ends` ({}) is before `starts` ({})",
                        vi::format_date(e.value, vi::Lang::Vi),
                        vi::format_date(s.value, vi::Lang::Vi)
                    ),
                )
                .field("ends")
                .label("the emulation period ends before it starts")
                .help("check the order of day and month: dates are day/month/year"),
        );
    }
    let parent = t.text_at("parent");
    let based_on = t.text_list("based_on");
    let goals = t.text_list("goals");
    let awards = t.text_list_at("awards");
    let documents = read_documents(t);
    RawMovement {
        common,
        title,
        slogan,
        launched_by,
        launched,
        starts: starts.map(|d| d.value),
        ends: ends.map(|d| d.value),
        parent,
        based_on,
        goals,
        awards,
        documents,
    }
}

fn read_exemplar(t: &Table<'_, '_>, common: Common, person: bool) -> RawExemplar {
    let name = t.req_text("name").unwrap_or_default();
    let unit = t.req_text_at("unit");
    let position = t.text("position");
    let (gender, ethnicity) = if person {
        let gender = t
            .choice("gender", &["nam", "nu"])
            .map(|g| if g == "nam" { Gender::Nam } else { Gender::Nu });
        (gender, t.text("ethnicity"))
    } else {
        (None, None)
    };
    let fields = t.text_list("fields");
    let movements = t.text_list_at("movements");
    let photo = t.text_at("photo");
    let summary = t.text("summary");
    let commendations = t
        .tables("commendations")
        .into_iter()
        .map(|c| {
            let raw = read_commendation(&c, false);
            if raw.award.is_none() && !c.has("award") {
                c.doc().push(
                    Diagnostic::error(format!(
                        "`{}` has no `award`",
                        c.field_path("").trim_end_matches('.')
                    ))
                    .at(c.doc().locate(range_of(&c, c.loc())))
                    .field(c.field_path("award"))
                    .help(
                        "add award = \"<award slug>\", for example award = \"bang-khen-cap-tinh\"",
                    ),
                );
            }
            c.finish_with_synonyms(&[
                ("number", "decision"),
                ("so", "decision"),
                ("reason", "citation"),
                ("ly_do", "citation"),
            ]);
            raw
        })
        .collect();
    RawExemplar {
        common,
        person,
        name,
        unit,
        position,
        gender,
        ethnicity,
        fields,
        movements,
        photo,
        summary,
        commendations,
    }
}

fn read_commendation(t: &Table<'_, '_>, in_decision: bool) -> RawCommendation {
    let award = t.text_at("award");
    let authority = t.text("authority");
    let conferred_by = t.text_at("conferred_by");
    let decision = if in_decision {
        t.text("number")
    } else {
        t.text("decision")
    };
    let date = t.date("date");
    let year = t.int("year").and_then(|y| {
        if (1900..=2200).contains(&y) {
            Some(At {
                value: y as i32,
                loc: t.loc_of("year"),
            })
        } else {
            t.doc().push(
                t.doc()
                    .error_at(
                        range_of(t, t.loc_of("year")),
                        format!(
                            "`{}` must be a year like 2024, found {y}",
                            t.field_path("year")
                        ),
                    )
                    .field(t.field_path("year")),
            );
            None
        }
    });
    let movement = t.text_at("movement");
    let conference = t.text_at("conference");
    let citation = t.text("citation");
    let posthumous = t.bool("posthumous");
    let revoked = t.table("revoked").map(|r| {
        let rev = Revocation {
            date: r.date("date").map(|d| d.value),
            decision: r.text("decision"),
            reason: r.text("reason"),
        };
        r.finish_with_synonyms(&[("number", "decision"), ("ly_do", "reason")]);
        rev
    });
    RawCommendation {
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
        loc: Some(t.loc()),
    }
}

fn read_decision(t: &Table<'_, '_>, common: Common) -> RawDecision {
    let base = read_commendation(t, true);
    let number = base.decision.clone();
    let mut recipients = Vec::new();
    let tables = t.tables("recipients");
    if tables.is_empty() && !t.has("recipients") {
        t.doc().push(
            Diagnostic::error("a decision needs at least one [[recipients]] block")
                .at(t.doc().locate(0..0))
                .field("recipients")
                .help("add\n[[recipients]]\nperson = \"nguyen-thi-hoa\""),
        );
    }
    for r in tables {
        let person = r.text_at("person");
        let collective = r.text_at("collective");
        let unit = r.text_at("unit");
        let name = r.text("name");
        let position = r.text("position");
        let overrides = read_commendation(&r, true);
        let mut named: Vec<&str> = Vec::new();
        if person.is_some() {
            named.push("person");
        }
        if collective.is_some() {
            named.push("collective");
        }
        if name.is_some() {
            named.push("name");
        }
        let who = match (person, collective, name, unit) {
            (Some(p), None, None, None) => Some(RawWho::Person(p)),
            (None, Some(c), None, None) => Some(RawWho::Collective(c)),
            (None, None, Some(n), Some(u)) => Some(RawWho::Named {
                name: n,
                unit: u,
                collective: None,
            }),
            (None, None, None, Some(u)) => Some(RawWho::Unit(u)),
            (None, None, Some(_), None) => {
                r.doc().push(
                    Diagnostic::error(format!(
                        "`{}` names someone without a profile but no `unit`",
                        r.field_path("name")
                    ))
                    .at(r.doc().locate(range_of(&r, r.loc_of("name"))))
                    .field(r.field_path("unit"))
                    .help("add unit = \"<unit slug>\" for the unit the recipient belongs to"),
                );
                None
            }
            (None, None, None, None) => {
                r.doc().push(
                    Diagnostic::error(format!("`{}` names nobody", r.field_path("").trim_end_matches('.')))
                        .at(r.doc().locate(range_of(&r, r.loc())))
                        .field(r.field_path("").trim_end_matches('.').to_string())
                        .help("write exactly one of: person = \"slug\", collective = \"slug\", unit = \"slug\" (the unit itself), or name = \"…\" with unit = \"slug\""),
                );
                None
            }
            _ => {
                let mut both = named.clone();
                if both.len() == 1 {
                    both.push("unit");
                }
                r.doc().push(
                    Diagnostic::error(format!(
                        "`{}` names more than one recipient: {}",
                        r.field_path("").trim_end_matches('.'),
                        both.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ")
                    ))
                    .at(r.doc().locate(range_of(&r, r.loc())))
                    .field(r.field_path("").trim_end_matches('.').to_string())
                    .help("write exactly one of person, collective, unit (alone), or name with unit; a profile already knows its unit"),
                );
                None
            }
        };
        if let Some(p) = &position
            && matches!(
                who,
                Some(RawWho::Person(_)) | Some(RawWho::Collective(_)) | Some(RawWho::Unit(_))
            )
        {
            let _ = p; // A position on a profile recipient is shown for this decision only.
        }
        let commendation = overrides.inherit(&base);
        if commendation.award.is_none() && !r.has("award") && !t.has("award") {
            r.doc().push(
                Diagnostic::error(format!(
                    "`{}` has no award, and the decision sets none",
                    r.field_path("").trim_end_matches('.')
                ))
                .at(r.doc().locate(range_of(&r, r.loc())))
                .field("award")
                .help(
                    "set award = \"<award slug>\" at the top of the decision, or on this recipient",
                ),
            );
        }
        r.finish_with_synonyms(&[
            ("decision", "number"),
            ("ten", "name"),
            ("ho_ten", "name"),
            ("chuc_vu", "position"),
            ("don_vi", "unit"),
            ("people", "person"),
            ("profile", "person"),
        ]);
        if let Some(who) = who {
            recipients.push(RawRecipient {
                who,
                position,
                commendation,
            });
        }
    }
    RawDecision {
        common,
        number,
        recipients,
    }
}

fn read_conference(t: &Table<'_, '_>, common: Common) -> RawConference {
    let title = t.req_text("title").unwrap_or_default();
    let kind = t.choice("kind", CONFERENCE_KINDS).unwrap_or("khac");
    let organizer = t.req_text_at("organizer");
    let date = t.req_date("date").map(|d| d.value);
    let location = t.text("location");
    let edition = t.int("edition").filter(|e| {
        if *e < 1 {
            t.doc().push(
                t.doc()
                    .error_at(
                        range_of(t, t.loc_of("edition")),
                        format!("`edition` must be 1 or more, found {e}"),
                    )
                    .field("edition"),
            );
        }
        *e >= 1
    });
    let period = t.text("period");
    let next = t.text_at("next");
    let programme = t.text_list("programme");
    let delegates_loc = t.has("delegates").then(|| t.loc_of("delegates"));
    let delegates = t.table("delegates").map(|d| {
        let out = Delegates {
            total: d.count("total"),
            exemplars: d.count("exemplars"),
            guests: d.count("guests"),
            women: d.count("women"),
            ethnic_minority: d.count("ethnic_minority"),
            cap: d.count("cap"),
        };
        d.finish_with_synonyms(&[
            ("nu", "women"),
            ("dan_toc", "ethnic_minority"),
            ("max", "cap"),
            ("limit", "cap"),
        ]);
        out
    });
    let honoured = t.text_list_at("honoured");
    let speakers = t.text_list_at("speakers");
    let launched = t.text_list_at("launched");
    let elected = t.text_list_at("elected");
    let covenants = t
        .tables("covenants")
        .into_iter()
        .filter_map(|c| {
            let title = c.req_text("title");
            let units = c.text_list_at("units");
            c.finish_with_synonyms(&[("members", "units"), ("name", "title")]);
            Some(RawCovenant {
                title: title?,
                units,
            })
        })
        .collect();
    let documents = read_documents(t);
    RawConference {
        common,
        title,
        kind,
        organizer,
        date,
        location,
        edition,
        period,
        next,
        programme,
        delegates,
        delegates_loc,
        honoured,
        speakers,
        launched,
        elected,
        covenants,
        documents,
    }
}

fn read_news(t: &Table<'_, '_>, common: Common) -> RawNews {
    let title = t.req_text("title").unwrap_or_default();
    let date = t.req_date("date").map(|d| d.value);
    let summary = t.text("summary");
    let about = t.text_list_at("about");
    let photo = t.text_at("photo");
    RawNews {
        common,
        title,
        date,
        summary,
        about,
        photo,
    }
}

fn read_page(t: &Table<'_, '_>, common: Common) -> RawPage {
    let title = t.req_text("title").unwrap_or_default();
    let order = t.int("order");
    RawPage {
        common,
        title,
        order,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter;

    fn parse(kind: Kind, text: &str) -> (Option<Raw>, Vec<Diagnostic>) {
        let info = FileInfo {
            file: FileId(0),
            display: "content/x/a.md",
            dir: "x".into(),
            name_slug: "a".into(),
            stem: "a".into(),
        };
        let split = front_matter::split(info.display, text).unwrap();
        parse_markdown(Some(kind), &info, text, split.front_matter, split.body)
    }

    #[test]
    fn a_person_with_everything() {
        let text = r#"+++
name = "Nguyễn Thị Hoa"
unit = "xa-nhan-ly"
position = "Chủ nhiệm HTX"
gender = "nu"
ethnicity = "Tày"
fields = ["nông nghiệp"]
movements = ["nong-thon-moi"]
photo = "hoa.jpg"
summary = "Điển hình"
[extra]
x = 1
[private]
phone = "0912345678"
[[commendations]]
award = "bang-khen-cap-tinh"
decision = "1/QĐ-UBND"
date = "20/5/2024"
posthumous = true
revoked = { date = 2025-01-02, decision = "2/QĐ-UBND", reason = "sai" }
+++
Body
"#;
        let (raw, ds) = parse(Kind::Person, text);
        assert!(ds.is_empty(), "{ds:#?}");
        let Some(Raw::Exemplar(p)) = raw else {
            panic!()
        };
        assert_eq!(p.name, "Nguyễn Thị Hoa");
        assert_eq!(p.gender, Some(Gender::Nu));
        assert_eq!(p.commendations.len(), 1);
        let c = &p.commendations[0];
        assert_eq!(c.decision.as_deref(), Some("1/QĐ-UBND"));
        assert_eq!(c.posthumous, Some(true));
        assert_eq!(c.revoked.as_ref().unwrap().reason.as_deref(), Some("sai"));
        assert_eq!(&text[p.common.body.clone()], "Body\n");
        // [private] is dropped: nothing of it is kept anywhere in the entity.
        assert!(!format!("{p:?}").contains("0912345678"));
    }

    #[test]
    fn ends_before_starts_is_an_error() {
        let (raw, ds) = parse(
            Kind::Movement,
            "+++\ntitle = \"A\"\nlaunched_by = \"x\"\nstarts = \"1/6/2024\"\nends = \"1/5/2024\"\n+++\n",
        );
        assert!(raw.is_none());
        assert_eq!(ds.len(), 1);
        assert!(
            ds[0]
                .message
                .contains("`ends` (1/5/2024) is before `starts` (1/6/2024)"),
            "{ds:#?}"
        );
        assert_eq!(ds[0].location.as_ref().unwrap().line, 5);
    }

    #[test]
    fn recipients_name_exactly_one() {
        let info = FileInfo {
            file: FileId(0),
            display: "content/decisions/a.toml",
            dir: "decisions".into(),
            name_slug: "a".into(),
            stem: "a".into(),
        };
        let text = r#"number = "1/QĐ-UBND"
award = "giay-khen"
[[recipients]]
person = "a"
collective = "b"
[[recipients]]
position = "x"
[[recipients]]
name = "Lương Văn Tùng"
[[recipients]]
name = "Lương Văn Tùng"
unit = "xa-nhan-ly"
"#;
        let (raw, ds) = parse_decision_toml(&info, text);
        assert!(raw.is_none());
        let msgs: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
        assert_eq!(ds.len(), 3, "{msgs:#?}");
        assert!(
            msgs[0].contains("more than one recipient") && msgs[0].contains(":3:"),
            "{msgs:#?}"
        );
        assert!(msgs[1].contains("names nobody"), "{msgs:#?}");
        assert!(msgs[2].contains("no `unit`"), "{msgs:#?}");
    }
}
