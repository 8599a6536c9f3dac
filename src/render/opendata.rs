//! Every commendation as open data: `index.json` and `index.csv`.
//!
//! The plans demand that commendation be public and transparent (công khai,
//! minh bạch); journalists and citizens download these files. One record per
//! commendation, with a stable identifier (`<source folder>/<source
//! slug>/<n>`), the recipient and the unit with all its ancestors, the award
//! with its level, the decision, the movement and conference, and whether it
//! was awarded posthumously or revoked (revoked awards stay, marked). The CSV
//! is UTF-8 with a byte-order mark so that Excel opens Vietnamese correctly,
//! and a cell that would start a formula (`=`, `+`, `-`, `@`, a tab or a
//! carriage return: a recipient named `=HYPERLINK(…)`) starts with `'`, as
//! OWASP advises against formula injection; the JSON keeps every value as
//! written. Every URL points at a page that is built. Nothing from
//! `[private]`, and neither gender nor ethnicity, is included.

use crate::model::*;
use crate::render::urls::Urls;
use crate::render::views::decision_url;
use serde::Serialize;
use std::borrow::Cow;

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
        "Cấp khen: nha-nuoc, tinh, so-nganh, huyen, xa; với Giấy khen là cấp của đơn vị khen (conferred_by)",
        "Award level: nha-nuoc, tinh, so-nganh (provincial department), huyen, xa; for a Giấy khen, the level of the conferring unit",
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

impl Record<'_> {
    /// The record's cells for the CSV file, in the order of [`FIELDS`].
    fn cells(&self) -> [Cow<'_, str>; 28] {
        let text = |s: &str| Cow::Owned(s.to_string());
        let opt = |s: Option<&str>| s.map_or(Cow::Borrowed(""), |s| Cow::Owned(s.to_string()));
        let flag = |b: bool| Cow::Borrowed(if b { "true" } else { "false" });
        [
            text(self.id),
            text(self.recipient_name),
            text(self.recipient_kind),
            opt(self.recipient_slug),
            opt(self.recipient_url.as_deref()),
            opt(self.position),
            text(self.unit_slug),
            text(self.unit_name),
            text(&self.unit_path),
            text(self.award_slug),
            text(self.award_name),
            text(self.award_level),
            opt(self.authority),
            opt(self.conferred_by),
            opt(self.decision_number),
            opt(self.decision_url.as_deref()),
            opt(self.date.as_deref()),
            self.year
                .map_or(Cow::Borrowed(""), |y| Cow::Owned(y.to_string())),
            opt(self.movement_slug),
            opt(self.movement_title),
            opt(self.conference_slug),
            opt(self.conference_title),
            opt(self.citation),
            flag(self.posthumous),
            flag(self.revoked),
            opt(self.revoked_date.as_deref()),
            opt(self.revoked_decision),
            opt(self.revoked_reason),
        ]
    }
}

/// A cell that a spreadsheet would read as a formula, made plain text.
fn neutralise(cell: Cow<'_, str>) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
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
                    Recipient::Person(p) if !c.at_the_time => {
                        site.people[p.ix()].position.as_deref()
                    }
                    _ => None,
                }),
                unit_slug: &unit.meta.slug,
                unit_name: &unit.name,
                // The tree of the commendation's time.
                unit_path: {
                    let date = c.tree_date().unwrap_or(unit.as_of);
                    let mut path: Vec<&str> = lineage_on(&site.units, c.unit, date)
                        .skip(1)
                        .map(|a| site.units[a.ix()].name.as_str())
                        .collect();
                    path.reverse();
                    path.join(" > ")
                },
                award_slug: &award.slug,
                award_name: &award.name,
                award_level: c.level.slug(),
                authority: c.authority.as_deref(),
                conferred_by: c
                    .conferred_by
                    .map(|u| site.units[u.ix()].meta.slug.as_str()),
                decision_number: c
                    .decision_number
                    .as_deref()
                    .or(decision.and_then(|d| d.number.as_deref())),
                decision_url: c
                    .decision
                    .map(|d| urls.absolute(&decision_url(site, urls, d))),
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
        let _ = w.write_record(FIELDS.iter().map(|f| f.0));
        for r in records {
            let _ = w.write_record(r.cells().into_iter().map(neutralise).map(Cow::into_owned));
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

    fn record(name: &str) -> Record<'_> {
        Record {
            id: "people/a/1",
            recipient_name: name,
            recipient_kind: "person",
            recipient_slug: Some("a"),
            recipient_url: None,
            position: Some("+84 là mã vùng"),
            unit_slug: "xa-a",
            unit_name: "Xã A",
            unit_path: String::new(),
            award_slug: "giay-khen",
            award_name: "Giấy khen",
            award_level: "xa",
            authority: None,
            conferred_by: None,
            decision_number: Some("-1/QĐ"),
            decision_url: None,
            date: Some("2024-05-20".into()),
            year: Some(2024),
            movement_slug: None,
            movement_title: None,
            conference_slug: None,
            conference_title: None,
            citation: Some("@all"),
            posthumous: false,
            revoked: false,
            revoked_date: None,
            revoked_decision: None,
            revoked_reason: None,
        }
    }

    #[test]
    fn csv_cells_follow_the_json_keys_and_never_start_a_formula() {
        let r = record("=HYPERLINK(\"http://evil.example\",\"x\")");
        let json = serde_json::to_value(&r).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut documented: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
        documented.sort_unstable();
        keys.sort_unstable();
        assert_eq!(keys, documented, "every record field is documented");
        assert_eq!(r.cells().len(), FIELDS.len());
        let text = String::from_utf8(csv(&[r])).unwrap();
        let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
        assert_eq!(&row[1], "'=HYPERLINK(\"http://evil.example\",\"x\")");
        assert_eq!(&row[5], "'+84 là mã vùng");
        assert_eq!(&row[16], "2024-05-20");
        assert_eq!(
            json["recipient_name"],
            "=HYPERLINK(\"http://evil.example\",\"x\")"
        );
    }
}
