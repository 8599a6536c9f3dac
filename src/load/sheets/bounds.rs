//! A workbook is measured before it is read, so that a hostile or broken
//! one is a clear error and never a crash.
//!
//! A spreadsheet reader builds each sheet as a rectangle from its first to
//! its last used cell, and trusts the counts a file declares: a 2 KB file
//! with one cell at A1 and one at XFD1048576, or a shared-strings table that
//! claims a trillion entries, makes it ask for hundreds of gigabytes and the
//! process aborts; a zip bomb unpacks to gigabytes. So before calamine sees
//! a workbook, its container is walked here with limits: every part of an
//! `.xlsx` or `.ods` is unpacked with a ceiling on its real size, the cell
//! references of each sheet give the rectangle it will need, and an `.xls`
//! file's records give the same. A list of decisions is a few thousand
//! rows; the limits are far above that and far below what a machine
//! cannot hold.

use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// The largest workbook file read.
pub const MAX_FILE: usize = 50 << 20;
/// The largest unpacked size of one part of a workbook, and of all parts.
const MAX_PART: u64 = 64 << 20;
const MAX_TOTAL: u64 = 512 << 20;
/// The largest number of parts in a workbook.
const MAX_PARTS: usize = 10_000;
/// The largest rectangle of cells a sheet may need.
pub const MAX_CELLS: u64 = 4_000_000;
/// The most entries a shared-strings table may declare.
const MAX_STRINGS: u64 = 4_000_000;

/// What is wrong with a workbook, in a sentence for the officer.
pub type Problem = String;

/// Checks a workbook's bytes (`.xlsx`, `.xlsm`, `.ods`: a zip; `.xls`: an
/// OLE compound file) against the limits.
pub fn check(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.len() > MAX_FILE {
        return Err(format!(
            "the file is {} MB; a workbook of decisions is far smaller (at most {} MB is read)",
            bytes.len() >> 20,
            MAX_FILE >> 20
        ));
    }
    if bytes.starts_with(b"PK") {
        check_zip(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        check_xls(bytes)
    } else {
        // Not a workbook at all: the reader says so.
        Ok(())
    }
}

fn too_large(cells: u64, rows: u64, cols: u64) -> Problem {
    format!(
        "a sheet spans {rows} rows by {cols} columns ({cells} cells), more than the {MAX_CELLS} read; delete the cells far below or right of the list (Ctrl+End shows the last one) and save again"
    )
}

/// The rectangle of used cells of a sheet, from the references read.
#[derive(Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Extent {
    fn add(&mut self, row: u64, col_from: u64, col_to: u64) {
        let r = self.rows.get_or_insert((row, row));
        r.0 = r.0.min(row);
        r.1 = r.1.max(row);
        let c = self.cols.get_or_insert((col_from, col_to));
        c.0 = c.0.min(col_from);
        c.1 = c.1.max(col_to);
    }

    fn check(&self) -> Result<(), Problem> {
        let (Some(r), Some(c)) = (self.rows, self.cols) else {
            return Ok(());
        };
        let rows = r.1 - r.0 + 1;
        let cols = c.1 - c.0 + 1;
        let cells = rows.saturating_mul(cols);
        if cells > MAX_CELLS {
            return Err(too_large(cells, rows, cols));
        }
        Ok(())
    }
}

fn check_zip(bytes: &[u8]) -> Result<(), Problem> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("the file is damaged or incomplete ({e})"))?;
    if archive.len() > MAX_PARTS {
        return Err(format!(
            "the workbook has {} parts; a workbook has a few dozen",
            archive.len()
        ));
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut part = archive
            .by_index(i)
            .map_err(|e| format!("the file is damaged or incomplete ({e})"))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        // The real size is counted as the part unpacks; declared sizes can lie.
        let mut limited = (&mut part).take(MAX_PART + 1);
        let size = if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            scan_xlsx_sheet(&mut limited)?
        } else if name == "xl/sharedStrings.xml" {
            scan_shared_strings(&mut limited)?
        } else if name == "content.xml" {
            scan_ods_content(&mut limited)?
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| format!("the file is damaged or incomplete ({e})"))?
        };
        if size > MAX_PART {
            return Err(format!(
                "the part {name} unpacks to more than {} MB: this is not an ordinary workbook",
                MAX_PART >> 20
            ));
        }
        total += size;
        if total > MAX_TOTAL {
            return Err(format!(
                "the workbook unpacks to more than {} MB: this is not an ordinary workbook",
                MAX_TOTAL >> 20
            ));
        }
    }
    Ok(())
}

/// Counts the bytes read through it, so that a scan also measures a part.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// An element opening or closing, as a scan sees it.
enum Tag<'a, 'b> {
    Start(&'a BytesStart<'b>),
    /// The local name of the element that closes.
    End(&'a str),
}

/// Streams an XML part through `on` for each element; the part's size.
fn scan_xml(
    part: &mut dyn Read,
    mut on: impl FnMut(Tag<'_, '_>) -> Result<(), Problem>,
) -> Result<u64, Problem> {
    let mut counting = Counting {
        inner: part,
        count: 0,
    };
    {
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(&mut counting));
        let mut buf = Vec::new();
        // Malformed XML is for the reader to report; the size still counts.
        while let Ok(event) = reader.read_event_into(&mut buf) {
            match event {
                Event::Start(e) => on(Tag::Start(&e))?,
                Event::Empty(e) => {
                    on(Tag::Start(&e))?;
                    on(Tag::End(e.local_name().as_ref()))?;
                }
                Event::End(e) => on(Tag::End(e.local_name().as_ref()))?,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
            if reader.buffer_position() > MAX_PART {
                break;
            }
        }
    }
    Ok(counting.count)
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// `XFD1048576` → (row 1048576, column 16384), 1-based.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 4 {
        return None;
    }
    let col = r[..letters].bytes().fold(0u64, |acc, b| {
        acc * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u64
    });
    let row = r[letters..].parse::<u64>().ok()?;
    Some((row, col))
}

fn scan_xlsx_sheet(part: &mut dyn Read) -> Result<u64, Problem> {
    let mut extent = Extent::default();
    let mut row = 0u64;
    let mut col = 0u64;
    let size = scan_xml(part, |tag| {
        if let Tag::Start(e) = tag {
            match e.local_name().as_ref() {
                "row" => {
                    row = match attribute(e, "r").and_then(|r| r.parse().ok()) {
                        Some(r) => r,
                        None => row + 1,
                    };
                    col = 0;
                }
                "c" => {
                    match attribute(e, "r").as_deref().and_then(cell_ref) {
                        Some((r, c)) => {
                            row = r;
                            col = c;
                        }
                        None => col += 1,
                    }
                    extent.add(row, col, col);
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    extent.check()?;
    Ok(size)
}

fn scan_shared_strings(part: &mut dyn Read) -> Result<u64, Problem> {
    scan_xml(part, |tag| {
        if let Tag::Start(e) = tag
            && e.local_name().as_ref() == "sst"
        {
            {
                for key in ["count", "uniqueCount"] {
                    let n = attribute(e, key).and_then(|v| v.trim().parse::<u64>().ok());
                    if n.is_some_and(|n| n > MAX_STRINGS) {
                        return Err(format!(
                            "the workbook declares {} texts, more than the {MAX_STRINGS} read: it is damaged or was made to break readers",
                            n.unwrap_or_default()
                        ));
                    }
                }
            }
        }
        Ok(())
    })
}

/// OpenDocument: repeated rows and cells count as often as they repeat,
/// when they hold something.
fn scan_ods_content(part: &mut dyn Read) -> Result<u64, Problem> {
    // Per sheet: the rows holding something, and the widest such row.
    let mut filled_rows = 0u64;
    let mut widest = 0u64;
    let mut row_repeat = 1u64;
    let mut col = 0u64;
    let mut row_width = 0u64;
    let check_sheet = |filled: u64, wide: u64| -> Result<(), Problem> {
        let cells = filled.saturating_mul(wide);
        if cells > MAX_CELLS {
            return Err(too_large(cells, filled, wide));
        }
        Ok(())
    };
    let size = scan_xml(part, |tag| {
        let e = match tag {
            Tag::End(name) => {
                if name == "table-row" && row_width > 0 {
                    filled_rows = filled_rows.saturating_add(row_repeat);
                    widest = widest.max(row_width);
                    check_sheet(filled_rows, widest)?;
                }
                return Ok(());
            }
            Tag::Start(e) => e,
        };
        let repeat = |key: &str| {
            attribute(e, key)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(1)
                .max(1)
        };
        match e.local_name().as_ref() {
            "table" => {
                check_sheet(filled_rows, widest)?;
                filled_rows = 0;
                widest = 0;
            }
            "table-row" => {
                row_repeat = repeat("table:number-rows-repeated");
                col = 0;
                row_width = 0;
            }
            "table-cell" | "covered-table-cell" => {
                let n = repeat("table:number-columns-repeated");
                let filled = attribute(e, "office:value-type").is_some();
                col = col.saturating_add(n);
                if filled {
                    row_width = col;
                }
            }
            // Text in a cell fills it too.
            "p" if row_width < col => row_width = col,
            _ => {}
        }
        Ok(())
    })?;
    check_sheet(filled_rows, widest)?;
    Ok(size)
}

/// Excel 97–2003: the records of the workbook stream give each sheet's
/// declared dimensions and every cell's place.
fn check_xls(bytes: &[u8]) -> Result<(), Problem> {
    let damaged = |e: std::io::Error| format!("the file is damaged or incomplete ({e})");
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|p| file.is_stream(p))
        .ok_or_else(|| "the file has no workbook in it".to_string())?;
    let mut data = Vec::new();
    file.open_stream(stream)
        .map_err(damaged)?
        .take(MAX_FILE as u64 * 4)
        .read_to_end(&mut data)
        .map_err(damaged)?;
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    let mut extent = Extent::default();
    let mut at = 0;
    while at + 4 <= data.len() {
        let kind = u16_at(&data, at).unwrap_or(0);
        let len = u16_at(&data, at + 2).unwrap_or(0) as usize;
        let body = &data[(at + 4).min(data.len())..(at + 4 + len).min(data.len())];
        at += 4 + len;
        match kind {
            // BOF of a sheet: a new rectangle.
            0x0809 => {
                extent.check()?;
                extent = Extent::default();
            }
            // DIMENSIONS: BIFF8 has 32-bit rows.
            0x0200 => {
                let (first, last, c0, c1) = if body.len() >= 14 {
                    (
                        u32_at(body, 0),
                        u32_at(body, 4),
                        u16_at(body, 8),
                        u16_at(body, 10),
                    )
                } else {
                    (
                        u16_at(body, 0),
                        u16_at(body, 2),
                        u16_at(body, 4),
                        u16_at(body, 6),
                    )
                };
                if let (Some(first), Some(last), Some(c0), Some(c1)) = (first, last, c0, c1) {
                    let rows = last.saturating_sub(first);
                    let cols = c1.saturating_sub(c0);
                    if rows.saturating_mul(cols) > MAX_CELLS {
                        return Err(too_large(rows * cols, rows, cols));
                    }
                }
            }
            // Cells: row, column (and for MULRK/MULBLANK the last column at the end).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 | 0x0004
            | 0x0003 | 0x0002 => {
                if let (Some(row), Some(col)) = (u16_at(body, 0), u16_at(body, 2)) {
                    extent.add(row, col, col);
                }
            }
            0x00BD | 0x00BE => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(body, 0),
                    u16_at(body, 2),
                    u16_at(body, body.len().saturating_sub(2)),
                ) {
                    extent.add(row, first, last.max(first));
                }
            }
            _ => {}
        }
    }
    extent.check()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, bytes) in parts {
                w.start_file(*name, options).unwrap();
                w.write_all(bytes).unwrap();
            }
            w.finish().unwrap();
        }
        out.into_inner()
    }

    #[test]
    fn cell_references_read_as_spreadsheets_number_them() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref("1"), None);
    }

    #[test]
    fn a_far_cell_is_refused_before_anything_is_allocated() {
        let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>"#;
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", sheet)]);
        let e = check(&bytes).unwrap_err();
        assert!(e.contains("1048576 rows by 16384 columns"), "{e}");
        let fine = br#"<worksheet><sheetData><row r="1"><c r="A1"/><c r="K1"/></row><row r="500"><c r="C500"/></row></sheetData></worksheet>"#;
        assert!(check(&zip_of(&[("xl/worksheets/sheet1.xml", fine)])).is_ok());
    }

    #[test]
    fn a_huge_string_count_is_refused() {
        let sst =
            br#"<sst count="999999999999" uniqueCount="999999999999"><si><t>x</t></si></sst>"#;
        let e = check(&zip_of(&[("xl/sharedStrings.xml", sst)])).unwrap_err();
        assert!(e.contains("declares 999999999999 texts"), "{e}");
    }

    #[test]
    fn a_zip_bomb_is_stopped_at_the_ceiling() {
        let zeros = vec![b'0'; (MAX_PART + 1024) as usize];
        let bytes = zip_of(&[("xl/media/big.bin", &zeros)]);
        assert!(
            bytes.len() < (1 << 20),
            "deflate packs it small: {}",
            bytes.len()
        );
        let e = check(&bytes).unwrap_err();
        assert!(e.contains("unpacks to more than"), "{e}");
    }

    #[test]
    fn repeated_filled_cells_of_a_spreadsheet_count_as_often_as_they_repeat() {
        let content = br#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        let e = check(&zip_of(&[("content.xml", content)])).unwrap_err();
        assert!(e.contains("1000000 rows by 1000 columns"), "{e}");
        // Empty rows repeated to the end of the sheet, as LibreOffice writes them, are fine.
        let ok = br#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert!(check(&zip_of(&[("content.xml", ok)])).is_ok());
    }
}
