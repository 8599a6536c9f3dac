//! Typed, located reading of TOML tables: front matter, decisions and `site.toml`.
//!
//! serde stops at the first bad field and reports lines inside the `+++`
//! block. Here a table is read field by field from toml's spanned `DeTable`,
//! every problem becomes a [`Diagnostic`] pointing at the real line of the
//! file (the block's offset is added to toml's spans), and reading carries on,
//! so one run lists every mistake of every file. Each accessor records the
//! field names it was asked for; [`Table::finish`] then reports the fields
//! nobody asked for as unknown, with a "did you mean" among the known ones.

use crate::diagnostics::{Diagnostic, FileId, Loc, Location, did_you_mean};
use crate::vi;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// A value with the place it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Loc,
}

/// The TOML document being read: where it sits in its file, and the
/// diagnostics found so far.
pub struct Doc<'a> {
    /// The file's id in the source map.
    pub file: FileId,
    /// The file's path for messages.
    pub display: &'a str,
    /// The whole file text.
    pub text: &'a str,
    /// Byte offset of the TOML document within `text`.
    pub offset: usize,
    diagnostics: RefCell<Vec<Diagnostic>>,
}

impl<'a> Doc<'a> {
    /// A document at `offset` in `text`.
    pub fn new(file: FileId, display: &'a str, text: &'a str, offset: usize) -> Self {
        Doc {
            file,
            display,
            text,
            offset,
            diagnostics: RefCell::new(Vec::new()),
        }
    }

    /// Parses the TOML document `toml` (a slice of the file at `offset`).
    /// A syntax error is recorded and `None` returned.
    pub fn parse<'i>(&self, toml: &'i str) -> Option<toml::Spanned<DeTable<'i>>> {
        match DeTable::parse(toml) {
            Ok(table) => Some(table),
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                let message = err.message().trim_end().to_string();
                let mut d = Diagnostic::error(format!("invalid TOML: {message}"))
                    .at(self.locate(span.clone()));
                if let Some(hint) = toml_hint(&message, toml, span) {
                    d = d.help(hint);
                }
                self.push(d);
                None
            }
        }
    }

    /// Turns a span relative to the TOML document into a file location.
    pub fn locate(&self, span: Range<usize>) -> Location {
        Location::in_text(
            self.display,
            self.text,
            span.start + self.offset..span.end + self.offset,
        )
    }

    /// A compact location for a span of the document.
    pub fn loc(&self, span: Range<usize>) -> Loc {
        Loc {
            file: self.file,
            start: (span.start + self.offset) as u32,
            end: (span.end + self.offset) as u32,
        }
    }

    /// Records a diagnostic.
    pub fn push(&self, d: Diagnostic) {
        self.diagnostics.borrow_mut().push(d);
    }

    /// Records an error at a span.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.locate(span))
    }

    /// The diagnostics recorded.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics.into_inner()
    }

    /// Whether an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.borrow().iter().any(Diagnostic::is_error)
    }

    /// Reads the root table.
    pub fn root<'d, 'i>(
        &'d self,
        table: &'d toml::Spanned<DeTable<'i>>,
        what: &'static str,
    ) -> Table<'d, 'i> {
        Table {
            doc: self,
            table: table.get_ref(),
            span: table.span(),
            path: String::new(),
            what,
            asked: RefCell::new(Vec::new()),
        }
    }
}

fn toml_hint(message: &str, toml: &str, span: Range<usize>) -> Option<String> {
    let line_start = toml[..span.start.min(toml.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = toml[line_start..].lines().next().unwrap_or("");
    if let Some((key, value)) = line.split_once(['=', ':']) {
        let value = value.trim();
        if line.contains(':') && !line.contains('=') {
            return Some(format!(
                "front matter is TOML: write `{} = …` with `=`, not `:`",
                key.trim()
            ));
        }
        let looks_unquoted = !value.is_empty()
            && !value.starts_with(['"', '\'', '[', '{'])
            && !value.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
            && value != "true"
            && value != "false";
        if looks_unquoted {
            return Some(format!(
                "text must be in double quotes: {} = \"{}\"",
                key.trim(),
                value
            ));
        }
        if value.starts_with(|c: char| c.is_ascii_digit()) && value.contains('/') {
            return Some(format!(
                "a date in Vietnamese order must be quoted: {} = \"{}\", or written 2024-05-20",
                key.trim(),
                value
            ));
        }
    }
    if message.contains("duplicate key") {
        return Some("each field may appear only once; remove one of them".into());
    }
    None
}

/// A TOML table being read.
pub struct Table<'d, 'i> {
    doc: &'d Doc<'d>,
    table: &'d DeTable<'i>,
    span: Range<usize>,
    path: String,
    what: &'static str,
    asked: RefCell<Vec<&'static str>>,
}

/// Human name of a TOML value's type, for "expected …, found …".
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'d, 'i> Table<'d, 'i> {
    /// The field path of `key` for messages (`commendations[2].award`).
    pub fn field_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The document.
    pub fn doc(&self) -> &'d Doc<'d> {
        self.doc
    }

    /// The location of the whole table.
    pub fn loc(&self) -> Loc {
        self.doc.loc(self.span.clone())
    }

    /// The location of a key's value, or of the table when it is absent.
    pub fn loc_of(&self, key: &str) -> Loc {
        match self.table.get(key) {
            Some(v) => self.doc.loc(v.span()),
            None => self.loc(),
        }
    }

    fn ask(&self, key: &'static str) -> Option<&'d toml::Spanned<DeValue<'i>>> {
        self.asked.borrow_mut().push(key);
        self.table.get(key)
    }

    /// Whether the table has `key` (and records it as known).
    pub fn has(&self, key: &'static str) -> bool {
        self.ask(key).is_some()
    }

    fn wrong_type(&self, key: &str, value: &toml::Spanned<DeValue<'i>>, expected: &str) {
        let found = type_name(value.get_ref());
        let mut d = self
            .doc
            .error_at(
                value.span(),
                format!(
                    "`{}` must be {expected}, found {found}",
                    self.field_path(key)
                ),
            )
            .field(self.field_path(key))
            .label(format!("expected {expected}"));
        if expected == "text" && matches!(value.get_ref(), DeValue::Integer(_) | DeValue::Float(_))
        {
            d = d.help(format!("put the value in double quotes: {key} = \"…\""));
        }
        if expected.starts_with("a list") && matches!(value.get_ref(), DeValue::String(_)) {
            d = d.help(format!("write a list in brackets: {key} = [\"…\", \"…\"]"));
        }
        self.doc.push(d);
    }

    fn missing(&self, key: &str, expected: &str) {
        let d = Diagnostic::error(format!(
            "{} is missing the required field `{}`",
            self.what,
            self.field_path(key)
        ))
        .at(self.header_location())
        .field(self.field_path(key))
        .help(format!("add `{key} = {expected}`"));
        self.doc.push(d);
    }

    fn header_location(&self) -> Location {
        // The start of the table: for the root, the first line of the block.
        let start = self.span.start;
        self.doc.locate(start..start)
    }

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
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite()),
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

    /// A sub-table.
    pub fn table(&self, key: &'static str) -> Option<Table<'d, 'i>> {
        let value = self.ask(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some(Table {
                doc: self.doc,
                table: t,
                span: value.span(),
                path: self.field_path(key),
                what: self.what,
                asked: RefCell::new(Vec::new()),
            }),
            _ => {
                self.wrong_type(key, value, "a table");
                None
            }
        }
    }

    /// A list of tables (`[[key]]` blocks or an array of inline tables).
    pub fn tables(&self, key: &'static str) -> Vec<Table<'d, 'i>> {
        let Some(value) = self.ask(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item.get_ref() {
                        DeValue::Table(t) => out.push(Table {
                            doc: self.doc,
                            table: t,
                            span: item.span(),
                            path: format!("{}[{}]", self.field_path(key), i + 1),
                            what: self.what,
                            asked: RefCell::new(Vec::new()),
                        }),
                        other => {
                            let field = format!("{}[{}]", self.field_path(key), i + 1);
                            self.doc.push(
                                self.doc
                                    .error_at(
                                        item.span(),
                                        format!(
                                            "`{field}` must be a table, found {}",
                                            type_name(other)
                                        ),
                                    )
                                    .field(field)
                                    .help(format!(
                                        "write `[[{key}]]` blocks or `{key} = [{{ … }}, {{ … }}]`"
                                    )),
                            );
                        }
                    }
                }
                out
            }
            DeValue::Table(t) => {
                // `[key]` written for `[[key]]`: accept it as a list of one.
                vec![Table {
                    doc: self.doc,
                    table: t,
                    span: value.span(),
                    path: format!("{}[1]", self.field_path(key)),
                    what: self.what,
                    asked: RefCell::new(Vec::new()),
                }]
            }
            _ => {
                self.wrong_type(key, value, "a list of tables");
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

    /// Reports every field nobody asked for, with a "did you mean".
    pub fn finish(self) {
        self.finish_with_synonyms(&[]);
    }

    /// Like [`finish`](Self::finish), with known confusions (`title` for `name`).
    pub fn finish_with_synonyms(self, synonyms: &[(&str, &str)]) {
        let asked = self.asked.borrow().clone();
        for (key, value) in self.table.iter() {
            let name: &str = key.get_ref();
            if asked.contains(&name) {
                continue;
            }
            let suggestion = synonyms
                .iter()
                .find(|(wrong, right)| *wrong == name && asked.contains(right))
                .map(|(_, right)| *right)
                .or_else(|| did_you_mean(name, asked.iter().copied()));
            let mut d = self
                .doc
                .error_at(
                    key.span(),
                    format!("unknown field `{}` in {}", self.field_path(name), self.what),
                )
                .field(self.field_path(name))
                .label("not a field here")
                .suggest(suggestion);
            if suggestion.is_none() {
                let mut known: Vec<&str> = asked.clone();
                known.sort_unstable();
                known.dedup();
                d = d.help(format!("known fields: {}", known.join(", ")));
                if !matches!(value.get_ref(), DeValue::Table(_)) {
                    d = d.help("free fields go under [extra]; private records under [private]");
                }
            }
            self.doc.push(d);
        }
    }
}

/// Converts a TOML value to JSON for templates.
pub fn to_json(value: &DeValue<'_>) -> serde_json::Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, f: impl FnOnce(&Table<'_, '_>)) -> Vec<Diagnostic> {
        let doc = Doc::new(FileId(0), "x.md", text, 4);
        let toml = &text[4..];
        if let Some(t) = doc.parse(toml) {
            let table = doc.root(&t, "a person");
            f(&table);
            table.finish();
        }
        doc.into_diagnostics()
    }

    #[test]
    fn reports_every_problem_with_file_lines() {
        let text = "+++\nname = 12\nborn = \"31/02/2024\"\nnam = \"x\"\n";
        let ds = read(text, |t| {
            assert_eq!(t.req_text("name"), None);
            assert_eq!(t.date("born"), None);
            assert_eq!(t.text("unit"), None);
        });
        let lines: Vec<_> = ds
            .iter()
            .map(|d| d.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [2, 3, 4], "{ds:#?}");
        assert!(ds[0].message.contains("must be text, found an integer"));
        assert!(ds[1].message.contains("impossible date"));
        assert!(ds[2].message.contains("unknown field `nam`"));
        assert_eq!(ds[2].help, ["did you mean `name`?"]);
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let text = "+++\nname = \"ok\"\nunit = xa nhan ly\n";
        let ds = read(text, |_| {});
        assert_eq!(ds.len(), 1);
        let l = ds[0].location.as_ref().unwrap();
        assert_eq!(l.line, 3, "{ds:#?}");
        assert!(
            ds[0].help.iter().any(|h| h.contains("double quotes")),
            "{ds:#?}"
        );
    }

    #[test]
    fn dates_in_both_forms() {
        let text = "+++\na = 2024-05-20\nb = \"20/5/2024\"\nc = \"hôm qua\"\n";
        let ds = read(text, |t| {
            let want = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
            assert_eq!(t.date("a").unwrap().value, want);
            assert_eq!(t.date("b").unwrap().value, want);
            assert!(t.date("c").is_none());
        });
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.contains("is not a date"));
    }

    #[test]
    fn choices_fold_case_and_diacritics() {
        let text = "+++\nkind = \"Xã\"\ngender = \"nữ\"\nother = \"xaa\"\n";
        let ds = read(text, |t| {
            assert_eq!(t.choice("kind", &["tinh", "xa"]), Some("xa"));
            assert_eq!(t.choice("gender", &["nam", "nu"]), Some("nu"));
            assert_eq!(t.choice("other", &["tinh", "xa"]), None);
        });
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].help, ["did you mean `xa`?"]);
    }
}
