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

mod bounds;
mod columns;
mod grid;
mod rows;

use crate::awards::Catalogue;
use crate::diagnostics::{Diagnostic, Location, SourceFile, SourceMap};
use crate::load::discover::SheetFormat;
use crate::load::raw::Raw;
use grid::Grid;
use rows::{SheetReader, Spans};
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

/// What reading one spreadsheet file gave.
#[derive(Default)]
pub struct SheetResult {
    pub raws: Vec<Raw>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one spreadsheet file, registering a source per sheet in `sources`.
pub fn read(
    display: &str,
    format: SheetFormat,
    bytes: &[u8],
    ctx: &SheetContext<'_>,
    sources: &mut SourceMap,
) -> SheetResult {
    let grids = match format {
        SheetFormat::Csv => grid::csv_grid(display, bytes).map(|g| vec![g]),
        SheetFormat::Workbook => grid::workbook_grids(display, bytes),
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
    for (i, grid) in grids.into_iter().enumerate() {
        let first = i == 0;
        let Some(header) = columns::find_header(&grid) else {
            if first {
                result.diagnostics.push(
                    Diagnostic::error("no header row found: expected columns such as Số quyết định, Ngày, Hình thức, Họ và tên, Đơn vị")
                        .at(Location::file(grid.display.clone()))
                        .help("the first row (or one of the first ten) must name the columns; see the README for the accepted headers"),
                );
            }
            continue;
        };
        let (text, spans) = synthetic_text(&grid);
        let file = sources.add(SourceFile {
            display: grid.display.clone(),
            text: Arc::from(text),
        });
        let reader = SheetReader {
            grid: &grid,
            ctx,
            header: &header,
            file,
            spans: &spans,
            sources,
        };
        let (raws, diagnostics) = reader.decisions(&stem, several.then_some(i));
        result.raws.extend(raws);
        result.diagnostics.extend(diagnostics);
    }
    result
}

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
