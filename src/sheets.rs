//! Decisions from spreadsheets (`decisions/*.csv`, `*.xlsx`, `*.xls`, `*.ods`).
//!
//! The seam where spreadsheet rows become [`RawDecision`]s, exactly like
//! `.toml` decisions, so that the rest of the pipeline cannot tell them apart.

use crate::awards::Catalogue;
use crate::diagnostics::{Diagnostic, FileId, Location};
use crate::discover::SheetFormat;
use crate::entities::Raw;

/// Reads the decisions of one spreadsheet file.
pub fn read(
    _file: FileId,
    display: &str,
    _rel: &str,
    _format: SheetFormat,
    _bytes: &[u8],
    _awards: &Catalogue,
) -> (Vec<Raw>, Vec<Diagnostic>) {
    (
        Vec::new(),
        vec![
            Diagnostic::error("spreadsheet decisions are not supported yet")
                .at(Location::file(display)),
        ],
    )
}
