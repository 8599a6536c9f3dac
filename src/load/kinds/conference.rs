//! Reads a conference or congress (`content/conferences/*.md`): its
//! organiser, date, programme, delegates and who took part.

use super::{range_of, read_documents};
use crate::load::fields::Table;
use crate::load::raw::{Common, RawConference, RawCovenant};
use crate::model::{CONFERENCE_KINDS, Delegates};

pub(super) fn read_conference(t: &Table<'_, '_>, mut common: Common) -> RawConference {
    common.media = super::media::read_media(t);
    let title = t.req_text("title").unwrap_or_default();
    let kind = t.choice("kind", CONFERENCE_KINDS).unwrap_or("khac");
    let organizer = t.req_text_at("organizer");
    let date = t.req_when("date").map(|d| d.value);
    let tentative = t.bool("tentative").unwrap_or(false);
    let plan = t.text_at("plan");
    let milestones = super::read_milestones(t);
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
        tentative,
        plan,
        milestones,
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
