//! The safety net for changes that must not change the output: every file
//! that each fixture site builds, with its size and a hash of its bytes, is
//! snapshotted. A refactoring passes only if the manifests stay as they are;
//! a change meant to alter the output shows exactly which files it touched.

use crate::helpers::*;

/// One line per output file: path, size and the first 16 hex digits of its BLAKE3 hash.
fn manifest(built: &Built) -> String {
    let mut files = built.all_files();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .iter()
        .map(|(path, bytes)| {
            let hash = blake3::hash(bytes).to_hex();
            format!("{path} {} {}", bytes.len(), &hash[..16])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(name: &str, fixture_name: &str) {
    let built = build(fixture_name);
    assert!(
        !built.report.has_errors(),
        "{name}: {:#?}",
        built.report.diagnostics
    );
    insta::assert_snapshot!(format!("output_{name}"), manifest(&built));
}

#[test]
fn the_complete_fixture_builds_the_same_files() {
    check("complete", "complete");
}

#[test]
fn the_site_written_from_the_contract_builds_the_same_files() {
    check("spec_only", "spec-only");
}

#[test]
fn the_spreadsheet_site_builds_the_same_files() {
    check("sheets", "sheets");
}

#[test]
fn the_small_base_of_the_invalid_cases_builds_the_same_files() {
    check("invalid_base", "invalid/_base");
}

#[test]
fn the_example_site_builds_the_same_files() {
    // The repository root is the bundled example site.
    check("example", "../..");
}
