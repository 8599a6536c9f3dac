//! Dates as plans write them before they are fixed: a month (`"02/2025"`,
//! `"tháng 02/2025"`, `"trong tháng 4 năm 2025"`), a quarter
//! (`"quý I/2025"`), a year (`"2025"`), part of a month
//! (`"cuối tháng 02/2025"`), a deadline (`"trước ngày 10/01/2025"`), with
//! or without `dự kiến` in front. A [`When`] keeps the text as written for
//! display, and the first and last day it can mean, so that listings sort
//! by the first day and a deadline is past only after its last day.

use crate::vi::{self, DateError, Lang};
use chrono::{Datelike, NaiveDate};

/// A date, exact or as a plan announces it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    /// The first day it can mean; the sort key.
    pub first: NaiveDate,
    /// The last day it can mean (the same day for an exact date).
    pub last: NaiveDate,
    /// The text as written, when it is not an exact date.
    pub written: Option<String>,
    /// Written with `dự kiến` (planned, not fixed).
    pub tentative: bool,
}

/// Why a text is not a date of any accepted form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhenError {
    /// A full date of an impossible day.
    Impossible { day: u32, month: u32, year: i32 },
    /// No form fits.
    Unreadable,
}

impl When {
    /// An exact day.
    pub fn exact(date: NaiveDate) -> Self {
        When {
            first: date,
            last: date,
            written: None,
            tentative: false,
        }
    }

    /// Whether it names one day.
    pub fn is_exact(&self) -> bool {
        self.written.is_none()
    }

    /// Reads a date in any accepted form; an exact date stays exact.
    pub fn parse(text: &str) -> Result<When, WhenError> {
        let original = vi::nfc(text.trim()).into_owned();
        let mut rest = original.to_lowercase();
        let mut tentative = false;
        // A parenthesised remark ("(thời gian cụ thể sẽ có thông báo sau)") is kept
        // in the text shown, not read.
        if let Some(i) = rest.find('(') {
            rest.truncate(i);
        }
        let mut words: Vec<&str> = rest
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', ';', '.']))
            .collect();
        if words.first() == Some(&"dự") && words.get(1) == Some(&"kiến") {
            tentative = true;
            words.drain(..2);
        }
        for filler in ["vào", "trong", "khoảng"] {
            if words.first() == Some(&filler) {
                words.remove(0);
            }
        }
        let body = words.join(" ");
        if let Some(day) = exact(&body)? {
            return Ok(When {
                written: tentative.then_some(original),
                tentative,
                ..When::exact(day)
            });
        }
        let (first, last) = range(&body).ok_or(WhenError::Unreadable)?;
        Ok(When {
            first,
            last,
            written: Some(original),
            tentative,
        })
    }

    /// As it is shown: the text as written, or the day in the site's style.
    pub fn display(&self, lang: Lang) -> String {
        match &self.written {
            Some(w) => w.clone(),
            None => vi::format_date(self.first, lang),
        }
    }

    /// The long form: `ngày 20 tháng 5 năm 2024`, or the text as written.
    pub fn display_long(&self, lang: Lang) -> String {
        match &self.written {
            Some(w) => w.clone(),
            None => vi::format_date_long(self.first, lang),
        }
    }

    /// The ISO form of the first day, for `<time datetime>`.
    pub fn iso(&self) -> String {
        self.first.to_string()
    }
}

/// An exact date, `Ok(None)` when the text is not a full date.
fn exact(body: &str) -> Result<Option<NaiveDate>, WhenError> {
    let body = body.strip_prefix("ngày ").unwrap_or(body);
    match vi::parse_date(body) {
        Ok(d) => Ok(Some(d)),
        Err(DateError::Impossible { day, month, year }) => {
            Err(WhenError::Impossible { day, month, year })
        }
        Err(DateError::Unreadable) => Ok(None),
    }
}

/// The first and last day of a fuzzy form.
fn range(body: &str) -> Option<(NaiveDate, NaiveDate)> {
    for deadline in ["trước ngày ", "chậm nhất ngày ", "hạn chót ", "trước "] {
        if let Some(d) = body.strip_prefix(deadline) {
            let d = d.strip_prefix("ngày ").unwrap_or(d);
            let date = vi::parse_date(d).ok()?;
            return Some((date, date));
        }
    }
    for (part, days) in [("đầu ", (1, 10)), ("giữa ", (11, 20)), ("cuối ", (21, 31))] {
        if let Some(m) = body.strip_prefix(part) {
            let (first, last) = month(m)?;
            let from = first.with_day(days.0)?;
            let to = first.with_day(days.1).unwrap_or(last);
            return Some((from, to));
        }
    }
    if let Some(q) = body.strip_prefix("quý ") {
        let (q, y) = q.split_once('/').or_else(|| q.split_once(" năm "))?;
        let q = match q.trim() {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            "iv" | "4" => 4,
            _ => return None,
        };
        let y = year(y)?;
        let first = NaiveDate::from_ymd_opt(y, q * 3 - 2, 1)?;
        let last = last_of_month(y, q * 3)?;
        return Some((first, last));
    }
    if let Some(m) = month(body) {
        return Some(m);
    }
    let y = year(body.strip_prefix("năm ").unwrap_or(body))?;
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

/// `02/2025`, `tháng 02/2025`, `tháng 4 năm 2025`.
fn month(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let text = text.trim();
    let text = text.strip_prefix("tháng ").unwrap_or(text);
    let (m, y) = text.split_once('/').or_else(|| text.split_once(" năm "))?;
    let m: u32 = m.trim().parse().ok().filter(|m| (1..=12).contains(m))?;
    let y = year(y)?;
    Some((NaiveDate::from_ymd_opt(y, m, 1)?, last_of_month(y, m)?))
}

fn year(text: &str) -> Option<i32> {
    let t = text.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    next.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(text: &str) -> (NaiveDate, NaiveDate) {
        let w = When::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        (w.first, w.last)
    }

    #[test]
    fn every_form_the_seeds_use() {
        assert_eq!(span("02/2025"), (d(2025, 2, 1), d(2025, 2, 28)));
        assert_eq!(span("tháng 02/2025"), (d(2025, 2, 1), d(2025, 2, 28)));
        assert_eq!(
            span("trong tháng 4 năm 2025"),
            (d(2025, 4, 1), d(2025, 4, 30))
        );
        assert_eq!(span("quý I/2027"), (d(2027, 1, 1), d(2027, 3, 31)));
        assert_eq!(span("Quý IV năm 2025"), (d(2025, 10, 1), d(2025, 12, 31)));
        assert_eq!(span("2025"), (d(2025, 1, 1), d(2025, 12, 31)));
        assert_eq!(span("năm 2025"), (d(2025, 1, 1), d(2025, 12, 31)));
        assert_eq!(span("cuối tháng 02/2027"), (d(2027, 2, 21), d(2027, 2, 28)));
        assert_eq!(span("đầu tháng 3/2025"), (d(2025, 3, 1), d(2025, 3, 10)));
        assert_eq!(span("giữa tháng 3/2025"), (d(2025, 3, 11), d(2025, 3, 20)));
        assert_eq!(
            span("trước ngày 10/01/2025"),
            (d(2025, 1, 10), d(2025, 1, 10))
        );
        let w =
            When::parse("dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau)")
                .unwrap();
        assert!(w.tentative);
        assert_eq!((w.first, w.last), (d(2025, 2, 21), d(2025, 2, 28)));
        assert_eq!(
            w.display(Lang::Vi),
            "dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau)"
        );
    }

    #[test]
    fn exact_dates_stay_exact_and_are_shown_in_site_style() {
        let w = When::parse("20/05/2024").unwrap();
        assert!(w.is_exact());
        assert_eq!(w.display(Lang::Vi), "20/5/2024");
        assert!(When::parse("ngày 20/5/2024").unwrap().written.is_none());
        assert!(When::parse("dự kiến 20/5/2024").unwrap().tentative);
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "sắp tới",
            "13/2025",
            "quý V/2025",
            "tháng 2",
            "31/02/2025",
            "25",
        ] {
            assert!(When::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            When::parse("31/02/2025"),
            Err(WhenError::Impossible {
                day: 31,
                month: 2,
                year: 2025
            })
        );
    }

    #[test]
    fn fuzzy_dates_sort_by_their_first_day() {
        let mut all: Vec<When> = ["cuối tháng 02/2027", "quý I/2027", "02/2027", "10/01/2027"]
            .iter()
            .map(|t| When::parse(t).unwrap())
            .collect();
        all.sort_by_key(|w| w.first);
        let shown: Vec<String> = all.iter().map(|w| w.display(Lang::Vi)).collect();
        assert_eq!(
            shown,
            ["quý I/2027", "10/1/2027", "02/2027", "cuối tháng 02/2027"]
        );
    }
}
