//! The typed values of a table: text, numbers, dates, lists, choices and
//! free tables, each checked where it is read, with "expected …, found …".

use super::{At, Table, type_name};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::did_you_mean;
use crate::vi;
use crate::when::{When, WhenError};
use chrono::NaiveDate;
use toml::de::DeValue;

impl<'d, 'i> Table<'d, 'i> {
    /// Plain text; empty text counts as absent.
    pub fn text(&self, key: &'static str) -> Option<String> {
        self.text_at(key).map(|t| t.value)
    }

    /// Plain text with its location.
    pub fn text_at(&self, key: &'static str) -> Option<At<String>> {
        let value = self.ask(key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    None
                } else {
                    Some(At {
                        value: s.to_string(),
                        loc: self.doc.loc(value.span()),
                    })
                }
            }
            _ => {
                self.wrong_type(key, value, "text");
                None
            }
        }
    }

    /// Required plain text.
    pub fn req_text(&self, key: &'static str) -> Option<String> {
        self.req_text_at(key).map(|t| t.value)
    }

    /// Required plain text with its location.
    pub fn req_text_at(&self, key: &'static str) -> Option<At<String>> {
        let present = self.table.get(key).is_some();
        let t = self.text_at(key);
        if t.is_none() {
            if !present {
                self.missing(key, "\"…\"");
            } else if let Some(v) = self.table.get(key)
                && matches!(v.get_ref(), DeValue::String(_))
            {
                self.doc.push(
                    self.doc
                        .error_at(
                            v.span(),
                            format!("`{}` must not be empty", self.field_path(key)),
                        )
                        .field(self.field_path(key)),
                );
            }
        }
        t
    }

    /// An integer.
    pub fn int(&self, key: &'static str) -> Option<i64> {
        let value = self.ask(key)?;
        match value.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.doc.push(
                        self.doc
                            .error_at(
                                value.span(),
                                format!("`{}` is too large", self.field_path(key)),
                            )
                            .field(self.field_path(key)),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, value, "an integer");
                None
            }
        }
    }

    /// A non-negative integer that fits in u32.
    pub fn count(&self, key: &'static str) -> Option<u32> {
        let n = self.int(key)?;
        match u32::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                let value = self.table.get(key).expect("asked");
                self.doc.push(
                    self.doc
                        .error_at(
                            value.span(),
                            format!("`{}` must be zero or more, found {n}", self.field_path(key)),
                        )
                        .field(self.field_path(key)),
                );
                None
            }
        }
    }

    /// A number, integer or decimal.
    pub fn number(&self, key: &'static str) -> Option<f64> {
        let value = self.ask(key)?;
        match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => {
                let x = f.as_str().replace('_', "").parse::<f64>().ok();
                if x.is_some_and(f64::is_finite) {
                    return x;
                }
                // TOML allows nan and inf; a score of either is a mistake.
                self.doc.push(
                    self.doc
                        .error_at(
                            value.span(),
                            format!(
                                "`{}` must be a number, found {}",
                                self.field_path(key),
                                f.as_str()
                            ),
                        )
                        .field(self.field_path(key))
                        .label("not a finite number")
                        .help("write the number itself, such as 95.5"),
                );
                None
            }
            _ => {
                self.wrong_type(key, value, "a number");
                None
            }
        }
    }

    /// true or false.
    pub fn bool(&self, key: &'static str) -> Option<bool> {
        let value = self.ask(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, "true or false");
                None
            }
        }
    }

    /// A date: a TOML date (`2024-05-20`) or text in Vietnamese order (`"20/5/2024"`).
    pub fn date(&self, key: &'static str) -> Option<At<NaiveDate>> {
        let value = self.ask(key)?;
        let loc = self.doc.loc(value.span());
        let field = self.field_path(key);
        let date = match value.get_ref() {
            DeValue::Datetime(dt) => match dt.date {
                Some(d) => {
                    match NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32) {
                        Some(date) => Some(date),
                        None => {
                            self.doc.push(
                                self.doc
                                    .error_at(value.span(), format!("`{field}` is not a real day"))
                                    .field(field),
                            );
                            None
                        }
                    }
                }
                None => {
                    self.doc.push(
                        self.doc
                            .error_at(value.span(), format!("`{field}` is a time without a date"))
                            .field(field)
                            .help("write a date: 2024-05-20 or \"20/5/2024\""),
                    );
                    None
                }
            },
            DeValue::String(s) => match vi::parse_date(s) {
                Ok(d) => Some(d),
                Err(vi::DateError::Impossible { day, month, year }) => {
                    self.doc.push(
                        self.doc
                            .error_at(
                                value.span(),
                                format!("`{field}` is an impossible date: there is no day {day} in month {month} of {year}"),
                            )
                            .field(field)
                            .label("no such day")
                            .help("dates are day/month/year: \"20/5/2024\""),
                    );
                    None
                }
                Err(vi::DateError::Unreadable) if When::parse(s).is_ok() => {
                    self.doc.push(
                        self.doc
                            .error_at(
                                value.span(),
                                format!("`{field}` must be a full date (day/month/year), found \"{s}\""),
                            )
                            .field(field)
                            .label("a month, quarter or year is not a day")
                            .help("only plans, movements, conferences and milestones may give a month, quarter or year; a commendation's or decision's date is the day the decision was signed: write it as \"20/5/2024\" or 2024-05-20"),
                    );
                    None
                }
                Err(vi::DateError::Unreadable) => {
                    self.doc.push(
                        self.doc
                            .error_at(value.span(), format!("`{field}` is not a date: \"{s}\""))
                            .field(field)
                            .label("expected a date")
                            .help("write the date as \"20/5/2024\" (day/month/year) or 2024-05-20"),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, value, "a date (\"20/5/2024\" or 2024-05-20)");
                None
            }
        }?;
        Some(At { value: date, loc })
    }

    /// A date as plans write it: a full date, or a month, quarter, year,
    /// part of a month or deadline (`"cuối tháng 02/2025"`), see [`When`].
    pub fn when(&self, key: &'static str) -> Option<At<When>> {
        let value = self.ask(key)?;
        let loc = self.doc.loc(value.span());
        let field = self.field_path(key);
        let when = match value.get_ref() {
            DeValue::Datetime(_) => self.date(key).map(|d| When::exact(d.value)),
            DeValue::String(s) => match When::parse(s) {
                Ok(w) => Some(w),
                Err(WhenError::Impossible { day, month, year }) => {
                    self.doc.push(
                        self.doc
                            .error_at(
                                value.span(),
                                format!("`{field}` is an impossible date: there is no day {day} in month {month} of {year}"),
                            )
                            .field(field)
                            .label("no such day")
                            .help("dates are day/month/year: \"20/5/2024\""),
                    );
                    None
                }
                Err(WhenError::Unreadable) => {
                    self.doc.push(
                        self.doc
                            .error_at(value.span(), format!("`{field}` is not a date: \"{s}\""))
                            .field(field)
                            .label("expected a date, a month, a quarter or a year")
                            .help("write \"20/5/2025\", \"02/2025\", \"tháng 02/2025\", \"quý I/2025\", \"cuối tháng 02/2025\", \"trước ngày 10/01/2025\" or \"2025\""),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(
                    key,
                    value,
                    "a date (\"20/5/2024\", \"02/2025\" or 2024-05-20)",
                );
                None
            }
        }?;
        Some(At { value: when, loc })
    }

    /// A required [`Table::when`].
    pub fn req_when(&self, key: &'static str) -> Option<At<When>> {
        let present = self.table.get(key).is_some();
        let d = self.when(key);
        if !present {
            self.missing(key, "2024-05-20");
        }
        d
    }

    /// An error at `later` when it is before `earlier` (`ends` before
    /// `starts`); both are fields of this table.
    pub fn misordered(
        &self,
        (earlier_key, earlier): (&str, Option<&At<NaiveDate>>),
        (later_key, later): (&str, Option<&At<NaiveDate>>),
    ) -> Option<Diagnostic> {
        let (earlier, later) = (earlier?, later?);
        if later.value >= earlier.value {
            return None;
        }
        let span =
            later.loc.start as usize - self.doc.offset..later.loc.end as usize - self.doc.offset;
        Some(
            self.doc
                .error_at(
                    span,
                    format!(
                        "`{later_key}` ({}) is before `{earlier_key}` ({})",
                        vi::format_date(later.value, vi::Lang::Vi),
                        vi::format_date(earlier.value, vi::Lang::Vi)
                    ),
                )
                .field(self.field_path(later_key)),
        )
    }

    /// A required date.
    pub fn req_date(&self, key: &'static str) -> Option<At<NaiveDate>> {
        let present = self.table.get(key).is_some();
        let d = self.date(key);
        if !present {
            self.missing(key, "2024-05-20");
        }
        d
    }

    /// A list of texts. A single text is accepted as a list of one.
    pub fn text_list(&self, key: &'static str) -> Vec<String> {
        self.text_list_at(key)
            .into_iter()
            .map(|t| t.value)
            .collect()
    }

    /// A list of texts with their locations.
    pub fn text_list_at(&self, key: &'static str) -> Vec<At<String>> {
        let Some(value) = self.ask(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    Vec::new()
                } else {
                    vec![At {
                        value: s.to_string(),
                        loc: self.doc.loc(value.span()),
                    }]
                }
            }
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.trim().is_empty() => out.push(At {
                            value: s.trim().to_string(),
                            loc: self.doc.loc(item.span()),
                        }),
                        DeValue::String(_) => {}
                        other => {
                            let field = format!("{}[{}]", self.field_path(key), i);
                            self.doc.push(
                                self.doc
                                    .error_at(
                                        item.span(),
                                        format!(
                                            "`{field}` must be text, found {}",
                                            type_name(other)
                                        ),
                                    )
                                    .field(field)
                                    .help("put each item in double quotes"),
                            );
                        }
                    }
                }
                out
            }
            _ => {
                self.wrong_type(key, value, "a list of texts");
                Vec::new()
            }
        }
    }

    /// One of a fixed set of values, compared without case or diacritics.
    pub fn choice(&self, key: &'static str, choices: &[&'static str]) -> Option<&'static str> {
        let text = self.text_at(key)?;
        let folded = vi::slugify(&text.value);
        if let Some(c) = choices.iter().find(|c| **c == folded) {
            return Some(c);
        }
        let suggestion = did_you_mean(&text.value, choices.iter().copied());
        let value = self.table.get(key).expect("asked");
        self.doc.push(
            self.doc
                .error_at(
                    value.span(),
                    format!("`{}` cannot be \"{}\"", self.field_path(key), text.value),
                )
                .field(self.field_path(key))
                .label(format!("expected one of: {}", choices.join(", ")))
                .suggest(suggestion),
        );
        None
    }

    /// A free table, passed through to templates (`[extra]`).
    pub fn free_table(&self, key: &'static str) -> Option<serde_json::Value> {
        let value = self.ask(key)?;
        match value.get_ref() {
            DeValue::Table(_) => Some(to_json(value.get_ref())),
            _ => {
                self.wrong_type(key, value, "a table");
                None
            }
        }
    }

    /// Accepts and ignores a table: `[private]` is read only to be dropped,
    /// so that it can never reach any output.
    pub fn discard_table(&self, key: &'static str) {
        if let Some(value) = self.ask(key)
            && !matches!(value.get_ref(), DeValue::Table(_))
        {
            self.wrong_type(key, value, "a table");
        }
    }
}

/// Converts a TOML value to JSON for templates.
fn to_json(value: &DeValue<'_>) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(J::from)
            .unwrap_or(J::Null),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(J::Number)
            .unwrap_or(J::Null),
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(dt) => J::String(dt.to_string()),
        DeValue::Array(items) => J::Array(items.iter().map(|v| to_json(v.get_ref())).collect()),
        DeValue::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref())))
                .collect(),
        ),
    }
}
