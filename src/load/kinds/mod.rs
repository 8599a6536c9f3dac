//! Reads what each content file says into raw entities ([`crate::load::raw`]).
//!
//! One reader per kind of the content model, each in its own module, all
//! called through [`parse_markdown`], [`parse_intro`] and
//! [`parse_decision_toml`], which share one way of reading a file's TOML:
//! parse it, read the fields every entity has, hand the table to the kind's
//! reader, report every field nobody asked for, and warn about personal
//! data in public fields. Values are checked as far as one file allows;
//! `[private]` is read only to be dropped here, so that no later stage can
//! ever publish it.

mod commendation;
mod conference;
mod exemplar;
mod media;
mod movement;
mod news;
mod plan;
mod unit;

use crate::diagnostics::{Diagnostic, Loc};
use crate::load::fields::{At, Doc, Table};
use crate::load::raw::{Common, FileInfo, Raw, RawDocument, RawIntro, RawMilestone};
use crate::model::Kind;
use crate::vi;
use std::ops::Range;

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

/// The longest slug: a part of a web address, and a file name in the output.
pub const MAX_SLUG: usize = 150;

/// What a file is read as.
#[derive(Clone, Copy, PartialEq)]
enum Reading {
    /// An entity of a kind; a decision file is `Entity(Kind::Decision)`.
    Entity(Kind),
    /// `content/_index.md`.
    Home,
    /// `content/<section>/_index.md`.
    Intro(Kind),
}

impl Reading {
    /// "a person", "the home page"…, for messages.
    fn what(self) -> &'static str {
        match self {
            Reading::Entity(k) => k.a(),
            Reading::Home => "the home page",
            Reading::Intro(_) => "a section intro",
        }
    }

    /// Whether the file's public fields are scanned for personal data: the
    /// kinds that write about people.
    fn scanned_for_privacy(self) -> bool {
        matches!(
            self,
            Reading::Entity(
                Kind::Person | Kind::Collective | Kind::Conference | Kind::News | Kind::Decision
            )
        )
    }
}

/// Parses the front matter of a Markdown file of `kind` (`None`: the home
/// page). `text` is the whole file; `toml` and `body` are the ranges found
/// by [`crate::load::front_matter`].
pub fn parse_markdown(
    kind: Option<Kind>,
    info: &FileInfo<'_>,
    text: &str,
    toml: Range<usize>,
    body: Range<usize>,
) -> (Option<Raw>, Vec<Diagnostic>) {
    let reading = kind.map_or(Reading::Home, Reading::Entity);
    read_document(reading, info, text, toml, Some(body))
}

/// Parses a section intro (`content/<section>/_index.md`).
pub fn parse_intro(
    section: Kind,
    info: &FileInfo<'_>,
    text: &str,
    toml: Range<usize>,
    body: Range<usize>,
) -> (Option<Raw>, Vec<Diagnostic>) {
    read_document(Reading::Intro(section), info, text, toml, Some(body))
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
    read_document(
        Reading::Entity(Kind::Decision),
        info,
        text,
        0..text.len(),
        None,
    )
}

/// Reads the TOML document at `toml` in `text` as `reading`. `body` is the
/// Markdown body after it, if the file has one.
fn read_document(
    reading: Reading,
    info: &FileInfo<'_>,
    text: &str,
    toml: Range<usize>,
    body: Option<Range<usize>>,
) -> (Option<Raw>, Vec<Diagnostic>) {
    let doc = Doc::new(info.file, info.display, text, toml.start);
    let Some(parsed) = doc.parse(&text[toml]) else {
        return (None, doc.into_diagnostics());
    };
    let root = doc.root(&parsed, reading.what());
    let body_range = body.clone().unwrap_or(0..0);
    let raw = read_raw(reading, &root, info, body_range);
    root.finish_with_synonyms(FIELD_SYNONYMS);
    if reading.scanned_for_privacy() {
        lint_privacy(&doc, parsed.get_ref(), body);
    }
    let failed = doc.has_errors();
    (if failed { None } else { raw }, doc.into_diagnostics())
}

/// Hands the root table to the reader of its kind.
fn read_raw(
    reading: Reading,
    root: &Table<'_, '_>,
    info: &FileInfo<'_>,
    body: Range<usize>,
) -> Option<Raw> {
    let kind = match reading {
        Reading::Home => return Some(Raw::Intro(read_intro(root, info, body, None))),
        Reading::Intro(section) => {
            return Some(Raw::Intro(read_intro(root, info, body, Some(section))));
        }
        Reading::Entity(kind) => kind,
    };
    // A file whose slug cannot be made is still read through, so that its
    // other fields are checked and not all reported as unknown.
    let common = read_common(root, info, body.clone());
    let readable = common.is_some();
    let common = common.unwrap_or_else(|| Common {
        file: info.file,
        slug: At {
            value: String::new(),
            loc: Loc::whole(info.file),
        },
        draft: false,
        extra: None,
        body,
        dir: info.dir.clone(),
        bundle: info.bundle,
        media: Default::default(),
    });
    let raw = match kind {
        Kind::Unit => Raw::Unit(unit::read_unit(root, common)),
        Kind::Movement => Raw::Movement(movement::read_movement(root, common)),
        Kind::Person | Kind::Collective => {
            Raw::Exemplar(exemplar::read_exemplar(root, common, kind == Kind::Person))
        }
        Kind::Conference => Raw::Conference(conference::read_conference(root, common)),
        Kind::News => Raw::News(news::read_news(root, common)),
        Kind::Page => Raw::Page(news::read_page(root, common)),
        Kind::Plan => Raw::Plan(plan::read_plan(root, common)),
        Kind::Decision => Raw::Decision(commendation::read_decision(root, common)),
    };
    readable.then_some(raw)
}

/// Warns about phone numbers and ID numbers in public fields and in the body.
fn lint_privacy(doc: &Doc<'_>, table: &toml::de::DeTable<'_>, body: Option<Range<usize>>) {
    for (span, finding) in crate::load::privacy::scan_table(table) {
        doc.push(privacy_warning(doc, doc.loc(span), finding));
    }
    if let Some(body) = body {
        for (span, finding) in crate::load::privacy::scan(&doc.text[body.clone()]) {
            let loc = Loc {
                file: doc.file,
                start: (body.start + span.start) as u32,
                end: (body.start + span.end) as u32,
            };
            doc.push(privacy_warning(doc, loc, finding));
        }
    }
}

fn privacy_warning(doc: &Doc<'_>, loc: Loc, finding: crate::load::privacy::Finding) -> Diagnostic {
    crate::load::privacy::warning(finding).at(crate::diagnostics::Location::in_text(
        doc.display,
        doc.text,
        loc.range(),
    ))
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
    if slug.value.len() > MAX_SLUG {
        let d = Diagnostic::error(format!(
            "the slug \"{}…\" is {} characters long; a web address part may have at most {MAX_SLUG}",
            &slug.value[..40],
            slug.value.len()
        ));
        let d = if root.has("slug") {
            d.at(root.doc().locate(range_of(root, slug.loc)))
                .field("slug")
        } else {
            d.at(crate::diagnostics::Location::file(info.display))
        };
        root.doc()
            .push(d.help("give it a shorter file name, or set a short slug = \"…\""));
        return None;
    }
    Some(Common {
        file: info.file,
        slug,
        draft,
        extra,
        body,
        dir: info.dir.clone(),
        bundle: info.bundle,
        media: Default::default(),
    })
}

/// The span of `loc` relative to the table's TOML document.
fn range_of(root: &Table<'_, '_>, loc: Loc) -> Range<usize> {
    let offset = root.doc().offset;
    loc.start as usize - offset..loc.end as usize - offset
}

/// `documents = [{ title, file }]`, on movements and conferences.
/// The timeline of a plan or a conference (`[[milestones]]`).
pub(super) fn read_milestones(t: &Table<'_, '_>) -> Vec<RawMilestone> {
    t.tables("milestones")
        .into_iter()
        .filter_map(|m| {
            let title = m.req_text("title");
            let due = m.req_when("due");
            let tentative = m.bool("tentative").unwrap_or(false);
            let owners = m.text_list_at("owner");
            let done = m.date("done").map(|d| d.value);
            let note = m.text("note");
            m.finish_with_synonyms(&[
                ("owners", "owner"),
                ("deadline", "due"),
                ("date", "due"),
                ("han", "due"),
                ("step", "title"),
                ("name", "title"),
            ]);
            let due = due?;
            Some(RawMilestone {
                title: title?,
                tentative: tentative || due.value.tentative,
                due: due.value,
                owners,
                done,
                note,
            })
        })
        .collect()
}

pub(super) fn read_documents(t: &Table<'_, '_>) -> Vec<RawDocument> {
    read_documents_of(t, "documents")
}

/// A list of `{ title, file }` under `key`.
pub(super) fn read_documents_of(t: &Table<'_, '_>, key: &'static str) -> Vec<RawDocument> {
    t.tables(key)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::FileId;
    use crate::load::front_matter;
    use crate::model::Gender;

    fn parse(kind: Kind, text: &str) -> (Option<Raw>, Vec<Diagnostic>) {
        let info = FileInfo {
            file: FileId(0),
            display: "content/x/a.md",
            dir: "x".into(),
            bundle: false,
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
            bundle: false,
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
