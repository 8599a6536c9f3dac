//! Typed, located reading of TOML tables: front matter, decisions and `site.toml`.
//!
//! serde stops at the first bad field and reports lines inside the `+++`
//! block. Here a table is read field by field from toml's spanned `DeTable`,
//! every problem becomes a [`Diagnostic`] pointing at the real line of the
//! file (the block's offset is added to toml's spans), and reading carries on,
//! so one run lists every mistake of every file. Each accessor records the
//! field names it was asked for; [`Table::finish`] then reports the fields
//! nobody asked for as unknown, with a "did you mean" among the known ones.
//! The accessors of typed values are in [`values`].

mod values;

use crate::diagnostics::{Diagnostic, FileId, Loc, Location, did_you_mean};
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
