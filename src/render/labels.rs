//! Labels in the site's language: dates written the Vietnamese way
//! (`20/5/2024`, `ngày 20 tháng 5 năm 2024`), numbers with the right
//! separators, and the names of unit kinds, statuses and award levels.

use crate::awards::Award;
use crate::load::i18n::Strings;
use crate::model::MovementStatus;
use crate::vi::{self, Lang};
use crate::when::When;
use chrono::NaiveDate;

/// Labels in the site's language.
pub struct Labels<'a> {
    /// The catalogue.
    pub strings: &'a Strings,
}

impl<'a> Labels<'a> {
    pub fn lang(&self) -> Lang {
        self.strings.lang()
    }
    /// `20/5/2024`.
    pub fn date(&self, d: NaiveDate) -> String {
        vi::format_date(d, self.lang())
    }
    /// `ngày 20 tháng 5 năm 2024`.
    pub fn date_long(&self, d: NaiveDate) -> String {
        vi::format_date_long(d, self.lang())
    }
    /// A date as plans write it: `20/5/2024`, or `quý I/2025` as written.
    pub fn when(&self, w: &When) -> String {
        w.display(self.lang())
    }
    /// The long form: `ngày 20 tháng 5 năm 2024`, or the text as written.
    pub fn when_long(&self, w: &When) -> String {
        w.display_long(self.lang())
    }
    /// A date marked as planned (`dự kiến …`) when `tentative`, unless
    /// its text already says so.
    pub fn when_planned(&self, w: &When, tentative: bool, long: bool) -> String {
        let shown = if long {
            self.when_long(w)
        } else {
            self.when(w)
        };
        if tentative && !w.tentative {
            self.strings.format("date.tentative", &[("date", &shown)])
        } else {
            shown
        }
    }
    /// A period of dates as written.
    pub fn period_when(&self, from: Option<&When>, to: Option<&When>) -> Option<String> {
        match (from, to) {
            (Some(a), Some(b)) => Some(format!("{} – {}", self.when(a), self.when(b))),
            (Some(a), None) => Some(
                self.strings
                    .format("movement.from", &[("date", &self.when(a))]),
            ),
            (None, Some(b)) => Some(
                self.strings
                    .format("movement.until", &[("date", &self.when(b))]),
            ),
            (None, None) => None,
        }
    }
    /// `1.234`.
    pub fn number(&self, n: i64) -> String {
        vi::format_number(n, self.lang())
    }
    pub fn unit_kind(&self, kind: &str) -> String {
        self.strings.get(&format!("unit_kind.{kind}")).to_string()
    }
    pub fn conference_kind(&self, kind: &str) -> String {
        self.strings
            .get(&format!("conference_kind.{kind}"))
            .to_string()
    }
    pub fn status(&self, s: MovementStatus) -> String {
        self.strings.get(&format!("status.{}", s.key())).to_string()
    }
    pub fn level(&self, award: &Award) -> String {
        self.level_slug(award.level.slug())
    }
    pub fn level_slug(&self, level: &str) -> String {
        self.strings.get(&format!("level.{level}")).to_string()
    }
    pub fn get(&self, key: &str) -> String {
        self.strings.get(key).to_string()
    }
    /// `lần thứ VI`.
    pub fn edition(&self, n: i64) -> String {
        self.strings.format(
            "conference.edition",
            &[("roman", &vi::roman(n)), ("number", &n.to_string())],
        )
    }
    /// A period from two optional dates.
    pub fn period(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
        match (from, to) {
            (Some(a), Some(b)) => Some(format!("{} – {}", self.date(a), self.date(b))),
            (Some(a), None) => Some(
                self.strings
                    .format("movement.from", &[("date", &self.date(a))]),
            ),
            (None, Some(b)) => Some(
                self.strings
                    .format("movement.until", &[("date", &self.date(b))]),
            ),
            (None, None) => None,
        }
    }
}

/// Percentages of a part, one decimal in Vietnamese style (`65,5%`).
pub fn percent(part: u32, total: u32, lang: Lang) -> String {
    if total == 0 {
        return "–".into();
    }
    let p = part as f64 * 100.0 / total as f64;
    format!("{}%", vi::format_decimal((p * 10.0).round() / 10.0, lang))
}
