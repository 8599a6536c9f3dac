//! Reads a plan, directive or guidance (`content/plans/*.md`): its number,
//! issuer and signer, what it rests on and carries out, its purposes and
//! requirements, its documents and its timeline of steps.

use super::{read_documents_of, read_milestones};
use crate::load::fields::Table;
use crate::load::raw::{Common, RawPlan};
use crate::model::PLAN_TYPES;

pub(super) fn read_plan(t: &Table<'_, '_>, common: Common) -> RawPlan {
    let title = t.req_text("title").unwrap_or_default();
    let kind = t.choice("type", PLAN_TYPES).unwrap_or("ke-hoach");
    let number = t.text("number");
    let date = t.when("date").map(|d| d.value);
    let issuer = t.req_text_at("issuer");
    let (signer_title, signer_name) = t
        .table("signer")
        .map(|s| {
            let out = (s.text("title"), s.text("name"));
            s.finish_with_synonyms(&[("position", "title"), ("chuc_vu", "title")]);
            out
        })
        .unwrap_or_default();
    let implements = t.text_at("implements");
    let based_on = t.text_list_at("based_on");
    let purposes = t.text_list("purposes");
    let requirements = t.text_list("requirements");
    let file = t.text_at("file");
    let attachments = read_documents_of(t, "attachments");
    let milestones = read_milestones(t);
    RawPlan {
        common,
        title,
        kind,
        number,
        date,
        issuer,
        signer_title,
        signer_name,
        implements,
        based_on,
        purposes,
        requirements,
        file,
        attachments,
        milestones,
    }
}
