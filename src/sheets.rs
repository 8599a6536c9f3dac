//! Decisions from spreadsheets (`decisions/*.csv`, `*.xlsx`, `*.xls`, `*.ods`).
//!
//! In real offices the list of people commended by a decision is an Excel
//! file prepared by the Home Affairs office; retyping it is where names get
//! lost. Here it is read as it is: CSV in UTF-8 with or without BOM, comma-
//! or semicolon-separated (a Vietnamese-locale Excel writes semicolons),
//! or a workbook through calamine (date cells included). The header row,
//! found among the first rows even below a title, names the columns in
//! Vietnamese or English, any order and case, with or without diacritics.
//! Awards may be slugs or their names as written on decisions; units slugs
//! or exact names. Rows with one decision number become one decision, just
//! like a `.toml` decision, so nothing downstream can tell them apart.
//!
//! Each sheet is also turned into a plain text whose line *n* is row *n* of
//! the sheet (cells joined by " │ "), registered as a source file, so that
//! every diagnostic about a cell, here or later in resolve, points at the
//! row as the spreadsheet numbers it and quotes it.

use crate::awards::Catalogue;
use crate::diagnostics::{Diagnostic, FileId, Loc, Location, SourceFile, SourceMap, did_you_mean};
use crate::discover::SheetFormat;
use crate::entities::{Common, Raw, RawCommendation, RawDecision, RawRecipient, RawWho};
use crate::fields::At;
use crate::vi;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What a spreadsheet is checked against while it is read.
pub struct SheetContext<'a> {
    /// The awards catalogue.
    pub awards: &'a Catalogue,
    /// Units as (slug, name).
    pub units: Vec<(String, String)>,
    /// Movements as (slug, title).
    pub movements: Vec<(String, String)>,
}

impl<'a> SheetContext<'a> {
    /// The context of a site: its awards, and the units and movements of the
    /// Markdown files read so far.
    pub fn new(awards: &'a Catalogue, raws: &[Raw]) -> Self {
        let mut units = Vec::new();
        let mut movements = Vec::new();
        for raw in raws {
            match raw {
                Raw::Unit(u) => units.push((u.common.slug.value.clone(), u.name.clone())),
                Raw::Movement(m) => movements.push((m.common.slug.value.clone(), m.title.clone())),
                _ => {}
            }
        }
        SheetContext {
            awards,
            units,
            movements,
        }
    }
}

/// The columns bangvang reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Number,
    Date,
    Authority,
    Award,
    Name,
    CollectiveName,
    Unit,
    Position,
    Person,
    Collective,
    Movement,
    Citation,
    ConferredBy,
    Year,
    Conference,
    Posthumous,
}

/// Header spellings, folded (no diacritics, lower case, single spaces).
const HEADERS: &[(&str, Column)] = &[
    ("so quyet dinh", Column::Number),
    ("so qd", Column::Number),
    ("quyet dinh so", Column::Number),
    ("quyet dinh", Column::Number),
    ("so hieu quyet dinh", Column::Number),
    ("number", Column::Number),
    ("decision", Column::Number),
    ("decision number", Column::Number),
    ("ngay", Column::Date),
    ("ngay quyet dinh", Column::Date),
    ("ngay ky", Column::Date),
    ("ngay ban hanh", Column::Date),
    ("date", Column::Date),
    ("cap khen", Column::Authority),
    ("nguoi ky", Column::Authority),
    ("co quan khen thuong", Column::Authority),
    ("authority", Column::Authority),
    ("hinh thuc", Column::Award),
    ("hinh thuc khen thuong", Column::Award),
    ("danh hieu", Column::Award),
    ("danh hieu thi dua", Column::Award),
    ("danh hieu hinh thuc", Column::Award),
    ("award", Column::Award),
    ("ho va ten", Column::Name),
    ("ho ten", Column::Name),
    ("ten ca nhan", Column::Name),
    ("ten", Column::Name),
    ("name", Column::Name),
    ("ten tap the", Column::CollectiveName),
    ("don vi", Column::Unit),
    ("don vi cong tac", Column::Unit),
    ("co quan don vi", Column::Unit),
    ("unit", Column::Unit),
    ("chuc vu", Column::Position),
    ("chuc danh", Column::Position),
    ("position", Column::Position),
    ("person", Column::Person),
    ("ma ca nhan", Column::Person),
    ("collective", Column::Collective),
    ("ma tap the", Column::Collective),
    ("phong trao", Column::Movement),
    ("phong trao thi dua", Column::Movement),
    ("movement", Column::Movement),
    ("thanh tich", Column::Citation),
    ("ly do", Column::Citation),
    ("citation", Column::Citation),
    ("don vi khen thuong", Column::ConferredBy),
    ("conferred by", Column::ConferredBy),
    ("conferred_by", Column::ConferredBy),
    ("nam", Column::Year),
    ("year", Column::Year),
    ("hoi nghi", Column::Conference),
    ("conference", Column::Conference),
    ("truy tang", Column::Posthumous),
    ("posthumous", Column::Posthumous),
];

/// Headers that are known not to be read (row numbers, notes); anything else
/// unknown is reported once per sheet so that a typo is noticed.
const IGNORED: &[&str] = &[
    "stt",
    "tt",
    "so tt",
    "so thu tu",
    "ghi chu",
    "note",
    "notes",
];

/// Words of headers that hold personal data: such a column is said to be
/// left out, and never offered a "did you mean" that would have it read
/// (Ngày sinh is a near miss of Ngày).
const PERSONAL: &[&str] = &[
    "sinh",
    "birth",
    "cccd",
    "cmnd",
    "can cuoc",
    "chung minh",
    "dinh danh",
    "dien thoai",
    "phone",
    "sdt",
    "dia chi",
    "address",
    "que quan",
    "noi o",
    "thuong tru",
    "tam tru",
    "email",
    "tai khoan",
    "bhxh",
    "ma so thue",
    "dan toc",
    "ton giao",
    "gioi tinh",
];

fn is_personal(header: &str) -> bool {
    let key = header_key(header);
    let words: Vec<&str> = key.split(' ').collect();
    PERSONAL.iter().any(|p| {
        let n = p.split(' ').count();
        words.windows(n).any(|w| w.join(" ") == *p)
    })
}

fn header_key(text: &str) -> String {
    vi::fold(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    HEADERS.iter().find(|(h, _)| *h == key).map(|(_, c)| *c)
}

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => {
                let t = vi::nfc(s.trim()).into_owned();
                (!t.is_empty()).then_some(t)
            }
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(vi::format_date(*d, vi::Lang::Vi)),
            Cell::Bool(b) => Some(b.to_string()),
        }
    }

    fn display(&self) -> String {
        self.text().unwrap_or_default().replace(['\r', '\n'], " ⏎ ")
    }
}

/// One sheet: rows as the spreadsheet numbers them (1-based).
struct Grid {
    /// Name for messages: the file, and the sheet for workbooks with several.
    display: String,
    rows: Vec<(u32, Vec<Cell>)>,
}

/// What reading one spreadsheet file gave.
#[derive(Default)]
pub struct SheetResult {
    pub raws: Vec<Raw>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one spreadsheet file, registering a source per sheet in `sources`.
pub fn read(
    path: &Path,
    display: &str,
    format: SheetFormat,
    bytes: &[u8],
    ctx: &SheetContext<'_>,
    sources: &mut SourceMap,
) -> SheetResult {
    let grids = match format {
        SheetFormat::Csv => csv_grid(display, bytes).map(|g| vec![g]),
        SheetFormat::Workbook => workbook_grids(display, bytes),
    };
    let grids = match grids {
        Ok(g) => g,
        Err(d) => {
            return SheetResult {
                raws: Vec::new(),
                diagnostics: vec![d],
            };
        }
    };
    let stem = Path::new(display)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut result = SheetResult::default();
    let several = grids.len() > 1;
    let mut matched = 0;
    for (i, grid) in grids.into_iter().enumerate() {
        let first = i == 0;
        let reader = SheetReader::new(&grid, ctx);
        let Some(header) = reader.find_header() else {
            if first {
                result.diagnostics.push(
                    Diagnostic::error("no header row found: expected columns such as Số quyết định, Ngày, Hình thức, Họ và tên, Đơn vị")
                        .at(Location::file(grid.display.clone()))
                        .help("the first row (or one of the first ten) must name the columns; see the README for the accepted headers"),
                );
            }
            continue;
        };
        matched += 1;
        let (text, spans) = synthetic_text(&grid);
        let file = sources.add(SourceFile {
            display: grid.display.clone(),
            path: path.to_path_buf(),
            text: Arc::from(text),
        });
        let (raws, diagnostics) =
            reader.decisions(&header, file, &spans, sources, &stem, several.then_some(i));
        result.raws.extend(raws);
        result.diagnostics.extend(diagnostics);
    }
    let _ = matched;
    result
}

/// Line text and the byte range of every cell: (row, column) → range.
type Spans = HashMap<(u32, usize), std::ops::Range<usize>>;

fn synthetic_text(grid: &Grid) -> (String, Spans) {
    let mut text = String::new();
    let mut spans = HashMap::new();
    let mut line = 1u32;
    for (row, cells) in &grid.rows {
        while line < *row {
            text.push('\n');
            line += 1;
        }
        for (c, cell) in cells.iter().enumerate() {
            if c > 0 {
                text.push_str(" │ ");
            }
            let start = text.len();
            let shown = cell.display();
            text.push_str(if shown.is_empty() { "∅" } else { &shown });
            spans.insert((*row, c), start..text.len());
        }
    }
    (text, spans)
}

fn csv_grid(display: &str, bytes: &[u8]) -> Result<Grid, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Diagnostic::error(format!("the CSV file is not UTF-8 text (invalid byte at line {line})"))
                .at(Location {
                    path: display.to_string(),
                    line,
                    column: 0,
                    excerpt: None,
                })
                .help("in Excel: File › Save As › \"CSV UTF-8 (Comma delimited) (*.csv)\"; in LibreOffice: Save As CSV with the character set \"Unicode (UTF-8)\""));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => rows.push((
                (i + 1) as u32,
                r.iter()
                    .map(|c| {
                        if c.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c.to_string())
                        }
                    })
                    .collect(),
            )),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                return Err(
                    Diagnostic::error(format!("cannot read the CSV file: {e}")).at(Location {
                        path: display.to_string(),
                        line,
                        column: 0,
                        excerpt: None,
                    }),
                );
            }
        }
    }
    Ok(Grid {
        display: display.to_string(),
        rows,
    })
}

/// Comma, semicolon or tab: whichever the first line has most of, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

fn workbook_grids(display: &str, bytes: &[u8]) -> Result<Vec<Grid>, Diagnostic> {
    use calamine::{Data, Reader};
    let unreadable = |detail: String| {
        Diagnostic::error(format!("cannot read the workbook: {detail}"))
            .at(Location::file(display))
            .help("open it in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV UTF-8")
    };
    // calamine parses untrusted files; a panic there must not end the build.
    let opened = std::panic::catch_unwind(|| {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
            .map_err(|e| e.to_string())?;
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
            sheets.push((name, range));
        }
        Ok::<_, String>(sheets)
    });
    let sheets = match opened {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            // Say what the file looks like: a workbook starts with a zip (xlsx, ods) or OLE (xls) signature.
            let detail = if bytes.starts_with(b"PK\x03\x04")
                || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
            {
                format!("the file is damaged or incomplete ({e})")
            } else if std::str::from_utf8(&bytes[..bytes.len().min(512)]).is_ok() {
                "it is not a workbook but a text file with a workbook's extension".to_string()
            } else {
                format!("it is not an Excel or OpenDocument workbook ({e})")
            };
            return Err(unreadable(detail));
        }
        Err(_) => return Err(unreadable("the file is damaged".into())),
    };
    if sheets.is_empty() {
        return Err(unreadable("it has no sheet".into()));
    }
    let several = sheets.len() > 1;
    Ok(sheets
        .into_iter()
        .map(|(name, range)| {
            let (row0, col0) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .enumerate()
                .map(|(i, cells)| {
                    let mut row: Vec<Cell> = vec![Cell::Empty; col0 as usize];
                    row.extend(cells.iter().map(|c| {
                        match c {
                            Data::Empty | Data::Error(_) => Cell::Empty,
                            Data::String(s) => Cell::Text(s.clone()),
                            Data::Int(n) => Cell::Number(*n as f64),
                            Data::Float(f) => Cell::Number(*f),
                            Data::Bool(b) => Cell::Bool(*b),
                            Data::DateTime(dt) => dt
                                .as_datetime()
                                .map_or(Cell::Empty, |d| Cell::Date(d.date())),
                            Data::DateTimeIso(s) => s
                                .get(..10)
                                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                                .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
                            Data::DurationIso(s) => Cell::Text(s.clone()),
                        }
                    }));
                    (row0 + i as u32 + 1, row)
                })
                .collect();
            Grid {
                display: if several {
                    format!("{display} (sheet \"{name}\")")
                } else {
                    display.to_string()
                },
                rows,
            }
        })
        .collect())
}

struct Header {
    row: u32,
    columns: HashMap<Column, usize>,
    /// Column index → header text as written.
    names: Vec<String>,
}

struct SheetReader<'a> {
    grid: &'a Grid,
    ctx: &'a SheetContext<'a>,
}

impl<'a> SheetReader<'a> {
    fn new(grid: &'a Grid, ctx: &'a SheetContext<'a>) -> Self {
        SheetReader { grid, ctx }
    }

    fn find_header(&self) -> Option<Header> {
        for (row, cells) in self.grid.rows.iter().take(10) {
            let mut columns = HashMap::new();
            let names: Vec<String> = cells.iter().map(|c| c.text().unwrap_or_default()).collect();
            for (i, name) in names.iter().enumerate() {
                if let Some(col) = column_of(name) {
                    columns.entry(col).or_insert(i);
                }
            }
            let recipient = [
                Column::Name,
                Column::CollectiveName,
                Column::Person,
                Column::Collective,
                Column::Unit,
            ]
            .iter()
            .any(|c| columns.contains_key(c));
            if columns.len() >= 2 && (columns.contains_key(&Column::Award) || recipient) {
                return Some(Header {
                    row: *row,
                    columns,
                    names,
                });
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn decisions(
        &self,
        header: &Header,
        file: FileId,
        spans: &Spans,
        sources: &SourceMap,
        stem: &str,
        sheet: Option<usize>,
    ) -> (Vec<Raw>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let loc = |row: u32, col: usize| match spans.get(&(row, col)) {
            Some(r) => Loc {
                file,
                start: r.start as u32,
                end: r.end as u32,
            },
            None => Loc::whole(file),
        };
        let col_name = |col: usize| header.names.get(col).cloned().unwrap_or_default();
        // Columns nobody reads are said once: they are not published.
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
                    .at(sources.locate(loc(header.row, col)))
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
        if !header.columns.contains_key(&Column::Award) {
            let mut d = Diagnostic::error("the award column (Hình thức / award) is missing")
                .at(sources.locate(Loc {
                    file,
                    start: spans.get(&(header.row, 0)).map_or(0, |r| r.start as u32),
                    end: spans.get(&(header.row, 0)).map_or(0, |r| r.end as u32),
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
            diagnostics.push(d);
            return (Vec::new(), diagnostics);
        }
        fn get<'c>(header: &Header, cells: &'c [Cell], col: Column) -> Option<(usize, &'c Cell)> {
            header
                .columns
                .get(&col)
                .and_then(|&i| cells.get(i).map(|c| (i, c)))
        }
        let get = |cells: &'a [Cell], col: Column| get(header, cells, col);
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, (Option<String>, Vec<RawRecipient>)> = HashMap::new();
        for (row, cells) in self.grid.rows.iter().filter(|(r, _)| *r > header.row) {
            let row = *row;
            if header
                .columns
                .values()
                .all(|&i| cells.get(i).is_none_or(|c| c.text().is_none()))
            {
                continue;
            }
            let mut errors = Vec::new();
            let cell_error = |col: usize, message: String| {
                Diagnostic::error(format!("row {row}, column `{}`: {message}", col_name(col)))
                    .at(sources.locate(loc(row, col)))
                    .field(col_name(col))
            };
            let text_of = |col: Column| {
                get(cells, col).and_then(|(i, c)| {
                    c.text().map(|t| At {
                        value: t,
                        loc: loc(row, i),
                    })
                })
            };
            let number = text_of(Column::Number).map(|t| t.value);
            let date = match get(cells, Column::Date) {
                Some((i, Cell::Date(d))) => Some(At {
                    value: *d,
                    loc: loc(row, i),
                }),
                Some((i, c @ (Cell::Text(_) | Cell::Number(_) | Cell::Bool(_)))) => {
                    let t = c.text().unwrap_or_default();
                    match vi::parse_date(&t) {
                        Ok(d) => Some(At {
                            value: d,
                            loc: loc(row, i),
                        }),
                        Err(vi::DateError::Impossible { day, month, year }) => {
                            errors.push(cell_error(i, format!("\"{t}\" is an impossible date: there is no day {day} in month {month} of {year}")).label("no such day"));
                            None
                        }
                        Err(vi::DateError::Unreadable) => {
                            errors.push(cell_error(i, format!("\"{t}\" is not a date")).label("expected a date").help("write dates as 20/5/2024 (day/month/year) or use a date cell"));
                            None
                        }
                    }
                }
                _ => None,
            };
            let award = match get(cells, Column::Award) {
                Some((i, c)) => match c.text() {
                    Some(t) => match self.ctx.awards.by_name_or_slug(&t) {
                        Some(id) => Some(At {
                            value: self.ctx.awards.get(id).slug.clone(),
                            loc: loc(row, i),
                        }),
                        None => {
                            let mut d = cell_error(i, format!("unknown award \"{t}\""))
                                .label("not in the awards catalogue");
                            let names: Vec<&str> = self
                                .ctx
                                .awards
                                .names()
                                .chain(self.ctx.awards.slugs())
                                .collect();
                            if let Some(s) = did_you_mean(&t, names) {
                                d = d.help(format!("did you mean \"{s}\"?"));
                            }
                            errors.push(d.help("write the award's name as in the catalogue (see the README) or its slug; a site adds awards under [[awards]] in site.toml"));
                            None
                        }
                    },
                    None => {
                        errors.push(
                            cell_error(i, "the award is empty".into())
                                .help("every row needs its award (Hình thức)"),
                        );
                        None
                    }
                },
                None => None,
            };
            let unit = match get(cells, Column::Unit) {
                Some((i, c)) => match c.text() {
                    Some(t) => match self.unit_slug(&t) {
                        Ok(slug) => Some(At {
                            value: slug,
                            loc: loc(row, i),
                        }),
                        Err(d) => {
                            errors.push(
                                cell_error(i, d.0)
                                    .label("no such unit")
                                    .suggest(d.1.as_deref()),
                            );
                            None
                        }
                    },
                    None => None,
                },
                None => None,
            };
            let movement = text_of(Column::Movement).map(|t| At {
                value: self.movement_slug(&t.value),
                loc: t.loc,
            });
            let year = match get(cells, Column::Year) {
                Some((i, c)) => match c.text().map(|t| t.parse::<i32>()) {
                    Some(Ok(y)) if (1900..=2200).contains(&y) => Some(At {
                        value: y,
                        loc: loc(row, i),
                    }),
                    Some(_) => {
                        errors.push(cell_error(i, "the year must be a number like 2024".into()));
                        None
                    }
                    None => None,
                },
                None => None,
            };
            let posthumous = get(cells, Column::Posthumous).and_then(|(_, c)| match c {
                Cell::Bool(b) => Some(*b),
                c => c.text().map(|t| {
                    matches!(
                        header_key(&t).as_str(),
                        "x" | "co" | "true" | "1" | "yes" | "truy tang"
                    )
                }),
            });
            let person = text_of(Column::Person);
            let collective = text_of(Column::Collective);
            let (name, named_collective) =
                match (text_of(Column::Name), text_of(Column::CollectiveName)) {
                    (Some(n), _) => (Some(n), None),
                    (None, Some(n)) => (Some(n), Some(true)),
                    (None, None) => (None, None),
                };
            let who = match (&person, &collective) {
                (Some(_), Some(_)) => {
                    let (pi, ci) = (
                        header.columns[&Column::Person],
                        header.columns[&Column::Collective],
                    );
                    errors.push(
                        Diagnostic::error(format!("row {row} names both a person (column `{}`) and a collective (column `{}`)", col_name(pi), col_name(ci)))
                            .at(sources.locate(loc(row, pi)))
                            .help("a row is one recipient: keep either the person or the collective"),
                    );
                    None
                }
                (Some(p), None) => Some(RawWho::Person(p.clone())),
                (None, Some(c)) => Some(RawWho::Collective(c.clone())),
                (None, None) => match (&name, &unit) {
                    (Some(n), Some(u)) => Some(RawWho::Named {
                        name: n.value.clone(),
                        unit: u.clone(),
                        collective: named_collective,
                    }),
                    (Some(n), None) => {
                        if header.columns.contains_key(&Column::Unit)
                            && get(cells, Column::Unit)
                                .and_then(|(_, c)| c.text())
                                .is_some()
                        {
                            None // the unit's own error is already reported
                        } else {
                            errors.push(
                                Diagnostic::error(format!("row {row}: \"{}\" has no unit (Đơn vị)", n.value))
                                    .at(sources.locate(n.loc))
                                    .help("give the unit the recipient belongs to, by its slug or its exact name"),
                            );
                            None
                        }
                    }
                    (None, Some(u)) => Some(RawWho::Unit(u.clone())),
                    (None, None) => {
                        if get(cells, Column::Unit)
                            .and_then(|(_, c)| c.text())
                            .is_none()
                        {
                            errors.push(
                                Diagnostic::error(format!("row {row} names no recipient"))
                                    .at(sources.locate(loc(row, 0)))
                                    .help("fill in Họ và tên (or Tên tập thể) and Đơn vị, or the person or collective slug"),
                            );
                        }
                        None
                    }
                },
            };
            if !errors.is_empty() {
                diagnostics.extend(errors);
                continue;
            }
            let Some(who) = who else { continue };
            let commendation = RawCommendation {
                award,
                authority: text_of(Column::Authority).map(|t| t.value),
                conferred_by: text_of(Column::ConferredBy).map(|t| {
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
                conference: text_of(Column::Conference),
                citation: text_of(Column::Citation).map(|t| t.value),
                posthumous,
                revoked: None,
                loc: Some(loc(row, 0)),
            };
            let key = number.clone().unwrap_or_default();
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups
                .entry(key)
                .or_insert_with(|| (number.clone(), Vec::new()))
                .1
                .push(RawRecipient {
                    who,
                    position: text_of(Column::Position).map(|t| t.value),
                    commendation,
                });
        }
        let raws = order
            .into_iter()
            .filter_map(|key| {
                let (number, recipients) = groups.remove(&key)?;
                let year = recipients
                    .first()
                    .and_then(|r| r.commendation.date.as_ref())
                    .map(|d| d.value.year());
                let mut slug = match &number {
                    Some(n) => vi::slugify(n),
                    None => vi::slugify(stem),
                };
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
                Some(Raw::Decision(RawDecision {
                    common: Common {
                        file,
                        slug: At {
                            value: slug,
                            loc: Loc::whole(file),
                        },
                        draft: false,
                        extra: None,
                        body: 0..0,
                        dir: "decisions".into(),
                    },
                    number,
                    recipients,
                }))
            })
            .collect();
        (raws, diagnostics)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_any_case_with_or_without_diacritics() {
        assert_eq!(column_of("Số quyết định"), Some(Column::Number));
        assert_eq!(column_of("SO QUYET DINH"), Some(Column::Number));
        assert_eq!(column_of(" Hình thức khen thưởng "), Some(Column::Award));
        assert_eq!(column_of("ĐƠN VỊ"), Some(Column::Unit));
        assert_eq!(column_of("Họ và tên"), Some(Column::Name));
        assert_eq!(column_of("Tên tập thể"), Some(Column::CollectiveName));
        assert_eq!(column_of("number"), Some(Column::Number));
        assert_eq!(column_of("Ngày sinh"), None);
        assert!(
            is_personal("Ngày sinh")
                && is_personal("Số CCCD")
                && is_personal("Điện thoại")
                && is_personal("Địa chỉ thường trú")
        );
        assert!(!is_personal("Hình thức") && !is_personal("Đơn vị") && !is_personal("Ngày"));
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("\"x;y;z\",b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
    }
}
