//! Any bytes as a spreadsheet of decisions, as CSV and as a workbook
//! (xlsx, xls, ods are told apart by their content): reading must never
//! panic, abort or run out of memory, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    bangvang::testing::read_spreadsheet(data, true);
    bangvang::testing::read_spreadsheet(data, false);
});
