//! Reads a movement (`content/movements/*.md`): who launched it, its
//! emulation period, the movement it carries out and what it offers.

use super::read_documents;
use crate::load::fields::{At, Table};
use crate::load::raw::{Common, RawMovement};
use crate::when::When;

pub(super) fn read_movement(t: &Table<'_, '_>, mut common: Common) -> RawMovement {
    common.media = super::media::read_media(t);
    let title = t.req_text("title").unwrap_or_default();
    let slogan = t.text("slogan");
    let launched_by = t.req_text_at("launched_by");
    let launched = t.when("launched").map(|d| d.value);
    let starts = t.when("starts");
    let ends = t.when("ends");
    let first = |w: &At<When>| At {
        value: w.value.first,
        loc: w.loc,
    };
    let last = |w: &At<When>| At {
        value: w.value.last,
        loc: w.loc,
    };
    if let Some(d) = t.misordered(
        ("starts", starts.as_ref().map(first).as_ref()),
        ("ends", ends.as_ref().map(last).as_ref()),
    ) {
        t.doc().push(
            d.label("the emulation period ends before it starts")
                .help("check the order of day and month: dates are day/month/year"),
        );
    }
    let parent = t.text_at("parent");
    let plan = t.text_at("plan");
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
        plan,
        based_on,
        goals,
        awards,
        documents,
    }
}
