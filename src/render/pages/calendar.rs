//! The calendar of coming dates as of the build date: conferences, the
//! steps of plans and conferences not yet done, and the starts and ends of
//! movements; as a page by month (`/lich/`) and as iCalendar (`/lich.ics`,
//! RFC 5545: CRLF lines folded at 75 octets, stable UIDs, date-only events,
//! the page's address in each event), so that an officer's calendar
//! program shows what comes next.

use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::render::context::ViewContext;
use crate::render::views::Link;
use crate::render::{RenderedFile, Renderer, Scope};
use crate::vi;
use crate::when::When;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// One coming date.
pub struct Event {
    pub when: When,
    pub tentative: bool,
    /// `conference`, `milestone`, `starts`, `ends`.
    pub kind: &'static str,
    pub title: String,
    /// The page it belongs to.
    pub page: Link,
    /// Stable across builds: the kind, the slug and, for a step, its title.
    pub uid: String,
}

/// Every coming date as of the build date, by first day then title.
pub fn events(ctx: &ViewContext<'_>) -> Vec<Event> {
    let site = ctx.site;
    let now = site.now;
    let mut out = Vec::new();
    let steps = |milestones: &[Milestone], page: Link, slug: &str, out: &mut Vec<Event>| {
        for m in milestones {
            if m.done.is_none() && m.due.last >= now {
                out.push(Event {
                    when: m.due.clone(),
                    tentative: m.tentative,
                    kind: "milestone",
                    title: m.title.clone(),
                    uid: format!(
                        "buoc-{slug}-{}",
                        vi::shorten_slug(&vi::slugify(&m.title), 60)
                    ),
                    page: page.clone(),
                });
            }
        }
    };
    for (i, c) in site.conferences.iter().enumerate() {
        let id = ConferenceId(i as u32);
        let link = ctx.conference_link(id);
        if c.when.last >= now {
            out.push(Event {
                when: c.when.clone(),
                tentative: c.tentative,
                kind: "conference",
                title: c.title.clone(),
                page: link.clone(),
                uid: format!("hoi-nghi-{}", c.meta.slug),
            });
        }
        steps(&c.milestones, link, &c.meta.slug, &mut out);
    }
    for (i, p) in site.plans.iter().enumerate() {
        let link = ctx.plan_link(PlanId(i as u32));
        steps(&p.milestones, link, &p.meta.slug, &mut out);
    }
    for (i, m) in site.movements.iter().enumerate() {
        let link = ctx.movement_link(MovementId(i as u32));
        for (kind, when) in [("starts", &m.starts_when), ("ends", &m.ends_when)] {
            if let Some(w) = when
                && w.last >= now
            {
                out.push(Event {
                    when: w.clone(),
                    tentative: w.tentative,
                    kind,
                    title: m.title.clone(),
                    page: link.clone(),
                    uid: format!("phong-trao-{}-{kind}", m.meta.slug),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.when.first, a.when.last)
            .cmp(&(b.when.first, b.when.last))
            .then_with(|| vi::compare(&a.title, &b.title))
            .then_with(|| a.uid.cmp(&b.uid))
    });
    // Two steps of one plan with the same title keep distinct UIDs.
    let mut seen = rustc_hash::FxHashMap::<String, u32>::default();
    for e in &mut out {
        let n = seen.entry(e.uid.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            e.uid = format!("{}-{n}", e.uid);
        }
    }
    out
}

#[derive(Serialize)]
pub struct EventView {
    pub date: String,
    pub date_iso: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub title: String,
    pub page: Link,
}
#[derive(Serialize)]
pub struct MonthView {
    pub title: String,
    pub events: Vec<EventView>,
}
#[derive(Serialize)]
pub struct CalendarView {
    pub intro: String,
    pub ics_url: String,
    pub months: Vec<MonthView>,
}

impl ViewContext<'_> {
    pub fn event_view(&self, e: &Event) -> EventView {
        EventView {
            date: self.labels.when_planned(&e.when, e.tentative, false),
            date_iso: e.when.iso(),
            kind: e.kind,
            kind_label: self.labels.get(&format!("calendar.{}", e.kind)),
            title: e.title.clone(),
            page: e.page.clone(),
        }
    }
}

/// `/lich/`.
pub(crate) fn page(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let mut months: Vec<MonthView> = Vec::new();
    let mut last = None;
    for e in events(ctx) {
        let key = (e.when.first.year(), e.when.first.month());
        if last != Some(key) {
            months.push(MonthView {
                title: labels.strings.format(
                    "calendar.month",
                    &[("month", &key.1.to_string()), ("year", &key.0.to_string())],
                ),
                events: Vec::new(),
            });
            last = Some(key);
        }
        months
            .last_mut()
            .expect("pushed")
            .events
            .push(ctx.event_view(&e));
    }
    let view = CalendarView {
        intro: labels
            .strings
            .format("calendar.intro", &[("date", &labels.date(site.now))]),
        ics_url: urls.root_file(&format!("{}.ics", paths.calendar)),
        months,
    };
    let title = labels.get("calendar.title");
    let page = r.top_page(title, urls.section(&paths.calendar), "calendar", view);
    r.render_page("calendar.html", page)
}

/// `/lich.ics`.
pub(crate) fn ics(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        ctx,
        site,
        urls,
        paths,
        ..
    } = r.scope();
    let host = url::Url::parse(&site.config.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "bangvang.local".into());
    let stamp = format!("{}T000000Z", site.now.format("%Y%m%d"));
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//bangvang//lich//VI".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(&site.config.title)),
    ];
    for e in events(ctx) {
        let url = urls.absolute(&e.page.url);
        let kind = ctx.labels.get(&format!("calendar.{}", e.kind));
        let shown = ctx.labels.when_planned(&e.when, e.tentative, false);
        let summary = match e.kind {
            "conference" => e.title.clone(),
            _ => format!("{kind}: {}", e.title),
        };
        let mut description = format!("{kind} · {shown}");
        if e.kind == "milestone" {
            description = format!("{description}\n{}", e.page.title);
        }
        description = format!("{description}\n{url}");
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}@{host}", e.uid),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", ics_date(e.when.first)),
            format!(
                "DTEND;VALUE=DATE:{}",
                ics_date(e.when.last.succ_opt().unwrap_or(e.when.last))
            ),
            format!("SUMMARY:{}", text(&summary)),
            format!("DESCRIPTION:{}", text(&description)),
            format!("URL:{url}"),
            format!(
                "STATUS:{}",
                if e.tentative || !e.when.is_exact() {
                    "TENTATIVE"
                } else {
                    "CONFIRMED"
                }
            ),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    let url = urls.root_file(&format!("{}.ics", paths.calendar));
    Ok((urls.output_path(&url), out.into_bytes()))
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A TEXT value: backslash, semicolon, comma and newline escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (never inside a UTF-8
/// character), each physical line ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        fold(
            &format!("SUMMARY:{}", "Hội nghị điển hình tiên tiến ".repeat(5)),
            &mut out,
        );
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded,
            format!("SUMMARY:{}\r\n", "Hội nghị điển hình tiên tiến ".repeat(5))
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
