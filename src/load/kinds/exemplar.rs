//! Reads a person or a collective (`content/people/`, `content/collectives/`):
//! the profile, and the commendations written inline on it.

use super::commendation::read_commendation;
use super::range_of;
use crate::diagnostics::Diagnostic;
use crate::load::fields::Table;
use crate::load::raw::{Common, RawExemplar};
use crate::model::Gender;

pub(super) fn read_exemplar(t: &Table<'_, '_>, mut common: Common, person: bool) -> RawExemplar {
    common.media = super::media::read_media(t);
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
