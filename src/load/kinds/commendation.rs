//! Reads commendations: one written inline on a profile, and a decision
//! file (`content/decisions/*.toml`) whose fields every recipient inherits.
//! A recipient names exactly one of person, collective, unit or name.

use super::range_of;
use crate::diagnostics::Diagnostic;
use crate::load::fields::{At, Table};
use crate::load::raw::{Common, RawCommendation, RawDecision, RawRecipient, RawWho};
use crate::model::Revocation;

pub(super) fn read_commendation(t: &Table<'_, '_>, in_decision: bool) -> RawCommendation {
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
    // Where the recipient was at the time; in a decision, `unit` beside
    // `person` or `collective` (read with the recipient below).
    let unit = t.text_at("unit");
    let position = t.text("position");
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
        unit,
        position,
    }
}

pub(super) fn read_decision(t: &Table<'_, '_>, common: Common) -> RawDecision {
    let base = read_commendation(t, true);
    let number = base.decision.clone();
    let tables = t.tables("recipients");
    if tables.is_empty() && !t.has("recipients") {
        t.doc().push(
            Diagnostic::error("a decision needs at least one [[recipients]] block")
                .at(t.doc().locate(0..0))
                .field("recipients")
                .help("add\n[[recipients]]\nperson = \"nguyen-thi-hoa\""),
        );
    }
    let decision_has_award = t.has("award");
    let recipients = tables
        .into_iter()
        .filter_map(|r| read_recipient(r, &base, decision_has_award))
        .collect();
    RawDecision {
        common,
        number,
        recipients,
    }
}

/// One `[[recipients]]` block: who, and the decision's fields with this
/// recipient's overrides applied.
fn read_recipient(
    r: Table<'_, '_>,
    base: &RawCommendation,
    decision_has_award: bool,
) -> Option<RawRecipient> {
    let who = recipient_who(&r, base.unit.as_ref());
    let mut commendation = read_commendation(&r, true).inherit(base);
    if matches!(who, Some(RawWho::Unit(_) | RawWho::Named { .. })) {
        // Their `unit` is who they are, or where they belong: not a unit
        // at the time of a profile.
        commendation.unit = None;
    }
    if commendation.award.is_none() && !r.has("award") && !decision_has_award {
        r.doc().push(
            Diagnostic::error(format!(
                "`{}` has no award, and the decision sets none",
                r.field_path("").trim_end_matches('.')
            ))
            .at(r.doc().locate(range_of(&r, r.loc())))
            .field("award")
            .help("set award = \"<award slug>\" at the top of the decision, or on this recipient"),
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
    Some(RawRecipient {
        who: who?,
        commendation,
    })
}

/// Exactly one of person, collective, unit alone, or name with unit (the
/// decision's `unit` if the recipient gives none). Beside a person or a
/// collective, `unit` is where they were at the time.
fn recipient_who(r: &Table<'_, '_>, decision_unit: Option<&At<String>>) -> Option<RawWho> {
    let person = r.text_at("person");
    let collective = r.text_at("collective");
    let unit = r.text_at("unit");
    let name = r.text("name");
    let block = r.field_path("").trim_end_matches('.').to_string();
    let named: Vec<&str> = [
        (person.is_some(), "person"),
        (collective.is_some(), "collective"),
        (name.is_some(), "name"),
    ]
    .into_iter()
    .filter_map(|(present, field)| present.then_some(field))
    .collect();
    match (person, collective, name, unit) {
        (Some(p), None, None, _) => Some(RawWho::Person(p)),
        (None, Some(c), None, _) => Some(RawWho::Collective(c)),
        (None, None, Some(n), Some(u)) => Some(RawWho::Named {
            name: n,
            unit: u,
            collective: None,
        }),
        (None, None, Some(n), None) if decision_unit.is_some() => Some(RawWho::Named {
            name: n,
            unit: decision_unit.cloned()?,
            collective: None,
        }),
        (None, None, None, Some(u)) => Some(RawWho::Unit(u)),
        (None, None, Some(_), None) => {
            r.doc().push(
                Diagnostic::error(format!(
                    "`{}` names someone without a profile but no `unit`",
                    r.field_path("name")
                ))
                .at(r.doc().locate(range_of(r, r.loc_of("name"))))
                .field(r.field_path("unit"))
                .help("add unit = \"<unit slug>\" for the unit the recipient belongs to"),
            );
            None
        }
        (None, None, None, None) => {
            r.doc().push(
                Diagnostic::error(format!("`{block}` names nobody"))
                    .at(r.doc().locate(range_of(r, r.loc())))
                    .field(block)
                    .help("write exactly one of: person = \"slug\", collective = \"slug\", unit = \"slug\" (the unit itself), or name = \"…\" with unit = \"slug\""),
            );
            None
        }
        _ => {
            let both = named;
            r.doc().push(
                Diagnostic::error(format!(
                    "`{block}` names more than one recipient: {}",
                    both.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ")
                ))
                .at(r.doc().locate(range_of(r, r.loc())))
                .field(block)
                .help("write exactly one of person, collective, unit (alone), or name with unit; beside a person or a collective, `unit` says where they were at the time"),
            );
            None
        }
    }
}
