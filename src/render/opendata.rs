//! Every commendation as open data: `index.json` and `index.csv`.
//!
//! The plans demand that commendation be public and transparent (công khai,
//! minh bạch); journalists and citizens download these files. One record per
//! commendation, with a stable identifier (`<source folder>/<source
//! slug>/<n>`), the recipient and the unit with all its ancestors, the award
//! with its level, the decision, the movement and conference, and whether it
//! was awarded posthumously or revoked (revoked awards stay, marked). The CSV
//! is UTF-8 with a byte-order mark so that Excel opens Vietnamese correctly.
//! Nothing from `[private]`, and neither gender nor ethnicity, is included.

use crate::model::*;
use crate::render::urls::Urls;
use serde::Serialize;

/// The fields, in order, with their meaning; shown on the open data page.
pub const FIELDS: &[(&str, &str, &str)] = &[
    (
        "id",
        "Mã định danh ổn định của khen thưởng",
        "Stable identifier of the commendation",
    ),
    (
        "recipient_name",
        "Tên người hoặc tập thể được khen",
        "Name of the recipient",
    ),
    (
        "recipient_kind",
        "person (cá nhân), collective (tập thể) hoặc unit (đơn vị)",
        "person, collective or unit",
    ),
    (
        "recipient_slug",
        "Mã trang của người, tập thể hoặc đơn vị (trống nếu chỉ ghi tên)",
        "Slug of the recipient's page (empty when listed by name only)",
    ),
    (
        "recipient_url",
        "Địa chỉ trang của người được khen",
        "URL of the recipient's page",
    ),
    ("position", "Chức vụ", "Position"),
    ("unit_slug", "Mã đơn vị", "Unit slug"),
    ("unit_name", "Tên đơn vị", "Unit name"),
    (
        "unit_path",
        "Các đơn vị cấp trên, từ cao xuống thấp, ngăn bởi \" > \"",
        "The unit's ancestors, top first, separated by \" > \"",
    ),
    (
        "award_slug",
        "Mã danh hiệu, hình thức khen thưởng",
        "Award slug",
    ),
    (
        "award_name",
        "Tên danh hiệu, hình thức khen thưởng",
        "Award name",
    ),
    (
        "award_level",
        "Cấp khen: nha-nuoc, tinh, huyen, xa",
        "Award level: nha-nuoc, tinh, huyen, xa",
    ),
    ("authority", "Cấp khen, người ký", "Conferring authority"),
    (
        "conferred_by",
        "Mã đơn vị ban hành quyết định",
        "Slug of the conferring unit",
    ),
    ("decision_number", "Số quyết định", "Decision number"),
    (
        "decision_url",
        "Địa chỉ trang quyết định",
        "URL of the decision page",
    ),
    (
        "date",
        "Ngày quyết định (YYYY-MM-DD)",
        "Decision date (YYYY-MM-DD)",
    ),
    ("year", "Năm của danh hiệu", "Year the title is for"),
    ("movement_slug", "Mã phong trào thi đua", "Movement slug"),
    ("movement_title", "Tên phong trào thi đua", "Movement title"),
    (
        "conference_slug",
        "Mã hội nghị nơi trao tặng",
        "Slug of the conference where it was presented",
    ),
    ("conference_title", "Tên hội nghị", "Conference title"),
    ("citation", "Thành tích", "Citation"),
    (
        "posthumous",
        "Truy tặng (true/false)",
        "Awarded posthumously (true/false)",
    ),
    (
        "revoked",
        "Đã bị thu hồi (true/false); khen thưởng bị thu hồi không được tính",
        "Revoked (true/false); revoked awards are not counted",
    ),
    ("revoked_date", "Ngày thu hồi", "Revocation date"),
    (
        "revoked_decision",
        "Số quyết định thu hồi",
        "Revoking decision",
    ),
    ("revoked_reason", "Lý do thu hồi", "Reason for revocation"),
];

/// One commendation as open data.
#[derive(Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub recipient_name: &'a str,
    pub recipient_kind: &'static str,
    pub recipient_slug: Option<&'a str>,
    pub recipient_url: Option<String>,
    pub position: Option<&'a str>,
    pub unit_slug: &'a str,
    pub unit_name: &'a str,
    pub unit_path: String,
    pub award_slug: &'a str,
    pub award_name: &'a str,
    pub award_level: &'static str,
    pub authority: Option<&'a str>,
    pub conferred_by: Option<&'a str>,
    pub decision_number: Option<&'a str>,
    pub decision_url: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub movement_slug: Option<&'a str>,
    pub movement_title: Option<&'a str>,
    pub conference_slug: Option<&'a str>,
    pub conference_title: Option<&'a str>,
    pub citation: Option<&'a str>,
    pub posthumous: bool,
    pub revoked: bool,
    pub revoked_date: Option<String>,
    pub revoked_decision: Option<&'a str>,
    pub revoked_reason: Option<&'a str>,
}

/// The records of every commendation, newest first.
pub fn records<'a>(site: &'a Site, urls: &Urls) -> Vec<Record<'a>> {
    site.commendations
        .iter()
        .map(|c| {
            let named = site.recipient(&c.recipient);
            let (name, kind, slug) = (named.name, named.kind, named.slug);
            let url = slug.map(|slug| urls.absolute(&urls.recipient(kind, slug)));
            let unit = &site.units[c.unit.ix()];
            let award = site.config.awards.get(c.award);
            let decision = c.decision.map(|d| &site.decisions[d.ix()]);
            let movement = c.movement.map(|m| &site.movements[m.ix()]);
            let conference = c.conference.map(|x| &site.conferences[x.ix()]);
            Record {
                id: &c.id,
                recipient_name: name,
                recipient_kind: kind,
                recipient_slug: slug,
                recipient_url: url,
                position: c.position.as_deref().or(match c.recipient {
                    Recipient::Person(p) => site.people[p.ix()].position.as_deref(),
                    _ => None,
                }),
                unit_slug: &unit.meta.slug,
                unit_name: &unit.name,
                unit_path: unit
                    .ancestors
                    .iter()
                    .rev()
                    .map(|a| site.units[a.ix()].name.as_str())
                    .collect::<Vec<_>>()
                    .join(" > "),
                award_slug: &award.slug,
                award_name: &award.name,
                award_level: award.level.slug(),
                authority: c.authority.as_deref(),
                conferred_by: c
                    .conferred_by
                    .map(|u| site.units[u.ix()].meta.slug.as_str()),
                decision_number: c
                    .decision_number
                    .as_deref()
                    .or(decision.and_then(|d| d.number.as_deref())),
                decision_url: decision.map(|d| urls.absolute(&urls.decision(&d.slug))),
                date: c.date.map(|d| d.to_string()),
                year: c.year,
                movement_slug: movement.map(|m| m.meta.slug.as_str()),
                movement_title: movement.map(|m| m.title.as_str()),
                conference_slug: conference.map(|x| x.meta.slug.as_str()),
                conference_title: conference.map(|x| x.title.as_str()),
                citation: c.citation.as_deref(),
                posthumous: c.posthumous,
                revoked: c.revoked.is_some(),
                revoked_date: c
                    .revoked
                    .as_ref()
                    .and_then(|r| r.date)
                    .map(|d| d.to_string()),
                revoked_decision: c.revoked.as_ref().and_then(|r| r.decision.as_deref()),
                revoked_reason: c.revoked.as_ref().and_then(|r| r.reason.as_deref()),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct JsonFile<'a> {
    title: &'a str,
    source: String,
    generated: String,
    fields: Vec<&'static str>,
    count: usize,
    commendations: &'a [Record<'a>],
}

/// `index.json`.
pub fn json(site: &Site, urls: &Urls, records: &[Record<'_>]) -> Vec<u8> {
    let file = JsonFile {
        title: &site.config.title,
        source: urls.absolute(&urls.section(&site.config.paths.commendations)),
        generated: site.now.to_string(),
        fields: FIELDS.iter().map(|f| f.0).collect(),
        count: records.len(),
        commendations: records,
    };
    // Compact: a tenth of a large site's build went into pretty-printing.
    let mut out = serde_json::to_vec(&file).unwrap_or_default();
    out.push(b'\n');
    out
}

/// `index.csv`: UTF-8 with BOM, comma-separated, one header row of field names.
pub fn csv(records: &[Record<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * 400 + 3);
    out.extend_from_slice("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .has_headers(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for r in records {
            // serialize() writes the header from the field names before the first record.
            let _ = w.serialize(r);
        }
        if records.is_empty() {
            let _ = w.write_record(FIELDS.iter().map(|f| f.0));
        }
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_fields_are_the_record_fields() {
        let csv = csv(&[]);
        let text = String::from_utf8(csv).unwrap();
        let header = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_string();
        let documented: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
        assert_eq!(header, documented.join(","));
    }
}
