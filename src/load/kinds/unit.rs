//! Reads a unit (`content/units/*.md`): its place in the tree over time
//! (dated parents), its lifetime and how it ended (successors, change,
//! former names) and, for emulation clusters, its members and their scores.

use super::range_of;
use crate::diagnostics::Diagnostic;
use crate::load::fields::At;
use crate::load::fields::Table;
use crate::load::raw::{
    Common, RawChange, RawFormerName, RawParent, RawScore, RawSuccessor, RawUnit,
};
use crate::model::{CHANGE_KINDS, UNIT_KINDS};

pub(super) fn read_unit(t: &Table<'_, '_>, common: Common) -> RawUnit {
    let name = t.req_text("name").unwrap_or_default();
    let kind = t.choice("kind", UNIT_KINDS).unwrap_or("khac");
    let kind_loc = if t.has("kind") {
        t.loc_of("kind")
    } else {
        t.loc()
    };
    let parents = read_parents(t);
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
    if let Some(d) = t.misordered(
        ("established", established.as_ref()),
        ("dissolved", dissolved.as_ref()),
    ) {
        t.doc().push(d);
    }
    let successors = read_successors(t);
    let change = read_change(t);
    let former_names = read_former_names(t);
    RawUnit {
        common,
        name,
        kind,
        kind_loc,
        parents,
        members,
        scores,
        address,
        website,
        logo,
        order,
        established,
        dissolved,
        successors,
        change,
        former_names,
        members_loc,
        scores_loc,
    }
}

/// `parents = [{ unit, from, until }]`, or `parent` for the whole life; not both.
fn read_parents(t: &Table<'_, '_>) -> Vec<RawParent> {
    let parent = t.text_at("parent");
    if parent.is_some() && t.has("parents") {
        t.doc().push(
            t.doc()
                .error_at(range_of(t, t.loc_of("parents")), "write either `parent` or `parents`, not both")
                .field("parents")
                .help("`parent = \"slug\"` is one parent for the unit's whole life; `parents = [{ unit = \"…\", until = 2025-06-30 }, { unit = \"…\", from = 2025-07-01 }]` gives dates"),
        );
    }
    if let Some(unit) = parent {
        return vec![RawParent {
            unit,
            from: None,
            until: None,
        }];
    }
    t.tables("parents")
        .into_iter()
        .filter_map(|p| {
            let unit = p.req_text_at("unit");
            let from = p.date("from");
            let until = p.date("until");
            if let Some(d) = p.misordered(("from", from.as_ref()), ("until", until.as_ref())) {
                p.doc().push(d);
            }
            p.finish_with_synonyms(&[
                ("parent", "unit"),
                ("to", "until"),
                ("den", "until"),
                ("tu", "from"),
            ]);
            Some(RawParent {
                unit: unit?,
                from: from.map(|d| d.value),
                until: until.map(|d| d.value),
            })
        })
        .collect()
}

/// `successors = [{ unit, part }]`, or `successor` for the whole unit; not both.
fn read_successors(t: &Table<'_, '_>) -> Vec<RawSuccessor> {
    let successor = t.text_at("successor");
    if successor.is_some() && t.has("successors") {
        t.doc().push(
            t.doc()
                .error_at(range_of(t, t.loc_of("successors")), "write either `successor` or `successors`, not both")
                .field("successors")
                .help("`successor` is one unit that took over the whole unit; `successors` lists several, each with the `part` it took"),
        );
    }
    if let Some(unit) = successor {
        return vec![RawSuccessor { unit, part: None }];
    }
    t.tables("successors")
        .into_iter()
        .filter_map(|s| {
            let unit = s.req_text_at("unit");
            let part = s.text("part");
            s.finish_with_synonyms(&[("successor", "unit"), ("phan", "part")]);
            Some(RawSuccessor { unit: unit?, part })
        })
        .collect()
}

/// `change = { date, kind, by }`.
fn read_change(t: &Table<'_, '_>) -> Option<RawChange> {
    let c = t.table("change")?;
    let date = c.date("date");
    let kind = c.choice("kind", CHANGE_KINDS);
    if kind.is_none() && !c.has("kind") {
        c.doc().push(
            Diagnostic::error("`change` needs a `kind`")
                .at(c.doc().locate(range_of(&c, c.loc())))
                .field("change.kind")
                .help(format!("one of: {}", CHANGE_KINDS.join(", "))),
        );
    }
    let by = c.text("by");
    c.finish_with_synonyms(&[("act", "by"), ("decision", "by"), ("type", "kind")]);
    Some(RawChange {
        date: date.map(|d| d.value),
        kind: kind?,
        by,
    })
}

/// `former_names = [{ name, until }]`.
fn read_former_names(t: &Table<'_, '_>) -> Vec<RawFormerName> {
    t.tables("former_names")
        .into_iter()
        .filter_map(|f| {
            let name = f.req_text("name");
            let until = f.date("until").map(|d: At<_>| d.value);
            f.finish();
            Some(RawFormerName { name: name?, until })
        })
        .collect()
}
