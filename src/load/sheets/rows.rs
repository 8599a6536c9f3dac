//! The rows of a sheet become decisions: each row one recipient, rows with
//! one decision number one decision, exactly like a `.toml` decision, so
//! that nothing downstream can tell them apart.
//!
//! Every cell is checked where it is read: a date cell or `20/5/2024` text,
//! an award by slug or by its name as written on decisions, a unit by slug
//! or exact name. A bad cell is an error naming the row and the column and
//! quoting the row; a row with an error is left out, and the others go on.

use super::SheetContext;
use super::columns::{Column, HEADERS, Header, IGNORED, column_of, header_key, is_personal};
use super::grid::{Cell, Grid};
use crate::diagnostics::{Diagnostic, FileId, Loc, SourceMap, did_you_mean};
use crate::load::fields::At;
use crate::load::raw::{Common, Raw, RawCommendation, RawDecision, RawRecipient, RawWho};
use crate::vi;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Line text and the byte range of every cell: (row, column) → range.
pub(super) type Spans = HashMap<(u32, usize), std::ops::Range<usize>>;

/// Reads the rows of one sheet below its header.
pub(super) struct SheetReader<'a> {
    pub grid: &'a Grid,
    pub ctx: &'a SheetContext<'a>,
    pub header: &'a Header,
    /// The sheet's synthetic source, and where each cell is in it.
    pub file: FileId,
    pub spans: &'a Spans,
    pub sources: &'a SourceMap,
}

/// One row read: its decision number and its recipient.
struct Row {
    number: Option<String>,
    /// Where the row starts, to name the decision in messages.
    loc: Loc,
    recipient: RawRecipient,
}

impl<'a> SheetReader<'a> {
    /// The decisions of the sheet. `stem` names decisions without a number;
    /// `sheet` is the sheet's index in a workbook with several.
    pub(super) fn decisions(
        &self,
        stem: &str,
        sheet: Option<usize>,
    ) -> (Vec<Raw>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let unknown = self.unknown_columns(&mut diagnostics);
        if !self.header.columns.contains_key(&Column::Award) {
            diagnostics.push(self.missing_award_column(&unknown));
            return (Vec::new(), diagnostics);
        }
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, (Option<String>, Loc, Vec<RawRecipient>)> = HashMap::new();
        for (row, cells) in self.grid.rows.iter().filter(|(r, _)| *r > self.header.row) {
            let Some(read) = self.row(*row, cells, &mut diagnostics) else {
                continue;
            };
            let key = read.number.clone().unwrap_or_default();
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups
                .entry(key)
                .or_insert_with(|| (read.number, read.loc, Vec::new()))
                .2
                .push(read.recipient);
        }
        let raws = order
            .into_iter()
            .filter_map(|key| {
                let (number, loc, recipients) = groups.remove(&key)?;
                Some(self.decision(number, loc, recipients, stem, sheet))
            })
            .collect();
        (raws, diagnostics)
    }

    /// A decision from its rows, with a slug made from its number and year.
    fn decision(
        &self,
        number: Option<String>,
        loc: Loc,
        recipients: Vec<RawRecipient>,
        stem: &str,
        sheet: Option<usize>,
    ) -> Raw {
        let year = recipients
            .first()
            .and_then(|r| r.commendation.date.as_ref())
            .map(|d| d.value.year());
        let mut slug = vi::shorten_slug(
            &match &number {
                Some(n) => vi::slugify(n),
                None => vi::slugify(stem),
            },
            100,
        );
        if slug.is_empty() {
            slug = "quyet-dinh".into();
        }
        if let (Some(_), Some(y)) = (&number, year) {
            slug = format!("{slug}-{y}");
        }
        if let Some(i) = sheet
            && number.is_none()
        {
            slug = format!("{slug}-{}", i + 1);
        }
        Raw::Decision(RawDecision {
            common: Common {
                file: self.file,
                slug: At { value: slug, loc },
                draft: false,
                extra: None,
                body: 0..0,
                dir: "decisions".into(),
                bundle: false,
                media: Default::default(),
            },
            number,
            recipients,
        })
    }

    /// Columns nobody reads are said once: they are not published.
    fn unknown_columns(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<&'a String> {
        let header = self.header;
        let unknown: Vec<&String> = header
            .names
            .iter()
            .filter(|n| {
                !n.trim().is_empty()
                    && column_of(n).is_none()
                    && !IGNORED.contains(&header_key(n).as_str())
            })
            .collect();
        for name in &unknown {
            let col = header.names.iter().position(|n| &n == name).unwrap_or(0);
            let known: Vec<&str> = HEADERS.iter().map(|(h, _)| *h).collect();
            let mut d =
                Diagnostic::warning(format!("column `{name}` is not read, and not published"))
                    .at(self.sources.locate(self.loc(header.row, col)))
                    .label("unknown column");
            if is_personal(name) {
                d = d.help("it looks like personal data: it is left out of the site; better still, delete the column before sharing the file");
            } else if let Some(s) = did_you_mean(&header_key(name), known) {
                d = d.help(format!(
                    "if it is meant to be read, name it as bangvang expects: did you mean `{s}`?"
                ));
            }
            diagnostics.push(d);
        }
        unknown
    }

    fn missing_award_column(&self, unknown: &[&String]) -> Diagnostic {
        let header = self.header;
        let first = self.spans.get(&(header.row, 0));
        let mut d = Diagnostic::error("the award column (Hình thức / award) is missing")
            .at(self.sources.locate(Loc {
                file: self.file,
                start: first.map_or(0, |r| r.start as u32),
                end: first.map_or(0, |r| r.end as u32),
            }))
            .label("header row")
            .help(format!(
                "columns found: {}",
                header
                    .names
                    .iter()
                    .filter(|n| !n.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        if let Some(s) = unknown
            .iter()
            .find(|n| did_you_mean(&header_key(n), ["hinh thuc", "award"]).is_some())
        {
            d = d.help(format!(
                "did you mean `{s}` to be the award column? name it `Hình thức`"
            ));
        }
        d
    }

    /// One row: `None` for an empty row or one with errors (reported).
    fn row(&self, row: u32, cells: &[Cell], diagnostics: &mut Vec<Diagnostic>) -> Option<Row> {
        if self
            .header
            .columns
            .values()
            .all(|&i| cells.get(i).is_none_or(|c| c.text().is_none()))
        {
            return None;
        }
        let mut errors = Vec::new();
        let number = self.text(row, cells, Column::Number).map(|t| t.value);
        let date = self.date(row, cells, &mut errors);
        let award = self.award(row, cells, &mut errors);
        let unit = self.unit(row, cells, &mut errors);
        let movement = self.text(row, cells, Column::Movement).map(|t| At {
            value: self.movement_slug(&t.value),
            loc: t.loc,
        });
        let year = self.year(row, cells, &mut errors);
        let who = self.who(row, cells, &unit, &mut errors);
        if !errors.is_empty() {
            diagnostics.extend(errors);
            return None;
        }
        let commendation = RawCommendation {
            award,
            authority: self.text(row, cells, Column::Authority).map(|t| t.value),
            conferred_by: self.text(row, cells, Column::ConferredBy).map(|t| {
                match self.unit_slug(&t.value) {
                    Ok(slug) => At {
                        value: slug,
                        loc: t.loc,
                    },
                    Err(_) => t,
                }
            }),
            decision: number.clone(),
            date,
            year,
            movement,
            conference: self.text(row, cells, Column::Conference),
            citation: self.text(row, cells, Column::Citation).map(|t| t.value),
            posthumous: self.posthumous(cells),
            revoked: None,
            // Beside a profile, the unit column is where they were then.
            unit: match &who {
                Some(RawWho::Person(_) | RawWho::Collective(_)) => unit.clone(),
                _ => None,
            },
            position: self.text(row, cells, Column::Position).map(|t| t.value),
        };
        Some(Row {
            number,
            loc: self.loc(row, 0),
            recipient: RawRecipient {
                who: who?,
                commendation,
            },
        })
    }

    // ------------------------------------------------------------ cells

    fn loc(&self, row: u32, col: usize) -> Loc {
        match self.spans.get(&(row, col)) {
            Some(r) => Loc {
                file: self.file,
                start: r.start as u32,
                end: r.end as u32,
            },
            None => Loc::whole(self.file),
        }
    }

    fn col_name(&self, col: usize) -> String {
        self.header.names.get(col).cloned().unwrap_or_default()
    }

    fn cell_error(&self, row: u32, col: usize, message: String) -> Diagnostic {
        Diagnostic::error(format!(
            "row {row}, column `{}`: {message}",
            self.col_name(col)
        ))
        .at(self.sources.locate(self.loc(row, col)))
        .field(self.col_name(col))
    }

    /// The cell of a column in a row, with its column index.
    fn get<'c>(&self, cells: &'c [Cell], col: Column) -> Option<(usize, &'c Cell)> {
        self.header
            .columns
            .get(&col)
            .and_then(|&i| cells.get(i).map(|c| (i, c)))
    }

    /// A cell's text with its location; empty cells are absent.
    fn text(&self, row: u32, cells: &[Cell], col: Column) -> Option<At<String>> {
        self.get(cells, col).and_then(|(i, c)| {
            c.text().map(|t| At {
                value: t,
                loc: self.loc(row, i),
            })
        })
    }

    fn date(
        &self,
        row: u32,
        cells: &[Cell],
        errors: &mut Vec<Diagnostic>,
    ) -> Option<At<NaiveDate>> {
        match self.get(cells, Column::Date) {
            Some((i, Cell::Date(d))) => Some(At {
                value: *d,
                loc: self.loc(row, i),
            }),
            Some((i, c @ (Cell::Text(_) | Cell::Number(_) | Cell::Bool(_)))) => {
                let t = c.text().unwrap_or_default();
                match vi::parse_date(&t) {
                    Ok(d) => Some(At {
                        value: d,
                        loc: self.loc(row, i),
                    }),
                    Err(vi::DateError::Impossible { day, month, year }) => {
                        errors.push(self.cell_error(row, i, format!("\"{t}\" is an impossible date: there is no day {day} in month {month} of {year}")).label("no such day"));
                        None
                    }
                    Err(vi::DateError::Unreadable) => {
                        errors.push(
                            self.cell_error(row, i, format!("\"{t}\" is not a date"))
                                .label("expected a date")
                                .help(
                                    "write dates as 20/5/2024 (day/month/year) or use a date cell",
                                ),
                        );
                        None
                    }
                }
            }
            _ => None,
        }
    }

    fn award(&self, row: u32, cells: &[Cell], errors: &mut Vec<Diagnostic>) -> Option<At<String>> {
        let (i, c) = self.get(cells, Column::Award)?;
        let Some(t) = c.text() else {
            errors.push(
                self.cell_error(row, i, "the award is empty".into())
                    .help("every row needs its award (Hình thức)"),
            );
            return None;
        };
        let awards = self.ctx.awards;
        if let Some(id) = awards.by_name_or_slug(&t) {
            return Some(At {
                value: awards.get(id).slug.clone(),
                loc: self.loc(row, i),
            });
        }
        let mut d = self
            .cell_error(row, i, format!("unknown award \"{t}\""))
            .label("not in the awards catalogue");
        let names: Vec<&str> = awards.names().chain(awards.slugs()).collect();
        if let Some(s) = did_you_mean(&t, names) {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        errors.push(d.help("write the award's name as in the catalogue (see the README) or its slug; a site adds awards under [[awards]] in site.toml"));
        None
    }

    fn unit(&self, row: u32, cells: &[Cell], errors: &mut Vec<Diagnostic>) -> Option<At<String>> {
        let (i, c) = self.get(cells, Column::Unit)?;
        let t = c.text()?;
        match self.unit_slug(&t) {
            Ok(slug) => Some(At {
                value: slug,
                loc: self.loc(row, i),
            }),
            Err((message, suggestion)) => {
                errors.push(
                    self.cell_error(row, i, message)
                        .label("no such unit")
                        .suggest(suggestion.as_deref()),
                );
                None
            }
        }
    }

    fn year(&self, row: u32, cells: &[Cell], errors: &mut Vec<Diagnostic>) -> Option<At<i32>> {
        let (i, c) = self.get(cells, Column::Year)?;
        match c.text().map(|t| t.parse::<i32>()) {
            Some(Ok(y)) if (1900..=2200).contains(&y) => Some(At {
                value: y,
                loc: self.loc(row, i),
            }),
            Some(_) => {
                errors.push(self.cell_error(row, i, "the year must be a number like 2024".into()));
                None
            }
            None => None,
        }
    }

    fn posthumous(&self, cells: &[Cell]) -> Option<bool> {
        self.get(cells, Column::Posthumous)
            .and_then(|(_, c)| match c {
                Cell::Bool(b) => Some(*b),
                c => c.text().map(|t| {
                    matches!(
                        header_key(&t).as_str(),
                        "x" | "co" | "true" | "1" | "yes" | "truy tang"
                    )
                }),
            })
    }

    /// Who the row honours: a profile, a unit, or a name with its unit.
    fn who(
        &self,
        row: u32,
        cells: &[Cell],
        unit: &Option<At<String>>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<RawWho> {
        let person = self.text(row, cells, Column::Person);
        let collective = self.text(row, cells, Column::Collective);
        let (name, named_collective) = match (
            self.text(row, cells, Column::Name),
            self.text(row, cells, Column::CollectiveName),
        ) {
            (Some(n), _) => (Some(n), None),
            (None, Some(n)) => (Some(n), Some(true)),
            (None, None) => (None, None),
        };
        let unit_written = self
            .get(cells, Column::Unit)
            .and_then(|(_, c)| c.text())
            .is_some();
        match (person, collective) {
            (Some(_), Some(_)) => {
                let (pi, ci) = (
                    self.header.columns[&Column::Person],
                    self.header.columns[&Column::Collective],
                );
                errors.push(
                    Diagnostic::error(format!("row {row} names both a person (column `{}`) and a collective (column `{}`)", self.col_name(pi), self.col_name(ci)))
                        .at(self.sources.locate(self.loc(row, pi)))
                        .help("a row is one recipient: keep either the person or the collective"),
                );
                None
            }
            (Some(p), None) => Some(RawWho::Person(p)),
            (None, Some(c)) => Some(RawWho::Collective(c)),
            (None, None) => match (name, unit) {
                (Some(n), Some(u)) => Some(RawWho::Named {
                    name: n.value,
                    unit: u.clone(),
                    collective: named_collective,
                }),
                (Some(n), None) => {
                    // A unit that was written but not found is reported already.
                    if !unit_written {
                        errors.push(
                            Diagnostic::error(format!("row {row}: \"{}\" has no unit (Đơn vị)", n.value))
                                .at(self.sources.locate(n.loc))
                                .help("give the unit the recipient belongs to, by its slug or its exact name"),
                        );
                    }
                    None
                }
                (None, Some(u)) => Some(RawWho::Unit(u.clone())),
                (None, None) => {
                    if !unit_written {
                        errors.push(
                            Diagnostic::error(format!("row {row} names no recipient"))
                                .at(self.sources.locate(self.loc(row, 0)))
                                .help("fill in Họ và tên (or Tên tập thể) and Đơn vị, or the person or collective slug"),
                        );
                    }
                    None
                }
            },
        }
    }

    // ------------------------------------------------------------ names

    /// A unit by slug or exact name (case and spacing aside).
    fn unit_slug(&self, text: &str) -> Result<String, (String, Option<String>)> {
        let t = text.trim();
        if let Some((slug, _)) = self.ctx.units.iter().find(|(s, _)| s == t) {
            return Ok(slug.clone());
        }
        let key = name_key(t);
        let matches: Vec<&(String, String)> = self
            .ctx
            .units
            .iter()
            .filter(|(_, n)| name_key(n) == key)
            .collect();
        match matches.as_slice() {
            [one] => Ok(one.0.clone()),
            [] => {
                let names = self
                    .ctx
                    .units
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .chain(self.ctx.units.iter().map(|(s, _)| s.as_str()));
                Err((
                    format!("unknown unit \"{t}\""),
                    did_you_mean(t, names).map(str::to_string),
                ))
            }
            many => Err((
                format!(
                    "\"{t}\" is the name of several units ({}): write the slug",
                    many.iter()
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None,
            )),
        }
    }

    /// A movement by slug or exact title; anything else is left for resolve to report.
    fn movement_slug(&self, text: &str) -> String {
        let key = name_key(text);
        self.ctx
            .movements
            .iter()
            .find(|(s, t)| s == text || name_key(t) == key)
            .map_or_else(|| text.to_string(), |(s, _)| s.clone())
    }
}

fn name_key(s: &str) -> String {
    vi::nfc(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
