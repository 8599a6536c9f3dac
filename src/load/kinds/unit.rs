//! Reads a unit (`content/units/*.md`): its place in the tree, its
//! lifetime and, for emulation clusters, its members and their scores.

use super::range_of;
use crate::diagnostics::Diagnostic;
use crate::load::fields::Table;
use crate::load::raw::{Common, RawScore, RawUnit};
use crate::model::UNIT_KINDS;

pub(super) fn read_unit(t: &Table<'_, '_>, common: Common) -> RawUnit {
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
    if let Some(d) = t.misordered(
        ("established", established.as_ref()),
        ("dissolved", dissolved.as_ref()),
    ) {
        t.doc().push(d);
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
