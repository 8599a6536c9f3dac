//! The grid of a spreadsheet: CSV text or a workbook's sheets as rows of
//! cells, numbered as the spreadsheet numbers them.
//!
//! CSV may be UTF-8 with or without BOM, comma- or semicolon-separated (a
//! Vietnamese-locale Excel writes semicolons); workbooks are read through
//! calamine, date cells included.

use crate::diagnostics::{Diagnostic, Location};
use crate::vi;
use chrono::NaiveDate;

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    pub(super) fn text(&self) -> Option<String> {
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

    pub(super) fn display(&self) -> String {
        self.text().unwrap_or_default().replace(['\r', '\n'], " ⏎ ")
    }
}

/// One sheet: rows as the spreadsheet numbers them (1-based).
pub(super) struct Grid {
    /// Name for messages: the file, and the sheet for workbooks with several.
    pub display: String,
    pub rows: Vec<(u32, Vec<Cell>)>,
}

pub(super) fn csv_grid(display: &str, bytes: &[u8]) -> Result<Grid, Diagnostic> {
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

thread_local! {
    /// Whether this thread is inside [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic in it without the panic message: the caller
/// reports it in its own words. The panic hook that stays silent inside is
/// installed once, around the one already set.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

pub(super) fn workbook_grids(display: &str, bytes: &[u8]) -> Result<Vec<Grid>, Diagnostic> {
    use calamine::{Data, Reader};
    let unreadable = |detail: String| {
        Diagnostic::error(format!("cannot read the workbook: {detail}"))
            .at(Location::file(display))
            .help("open it in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV UTF-8")
    };
    // Measured first: calamine trusts the sizes a file declares.
    super::bounds::check(bytes).map_err(unreadable)?;
    // calamine parses untrusted files; a panic there must not end the build,
    // nor print a backtrace at the officer: it is caught and said as damage.
    let opened = quietly(|| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("\"x;y;z\",b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
    }
}
