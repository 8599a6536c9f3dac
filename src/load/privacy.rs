//! A lint for personal data written where the public will read it.
//!
//! `[private]` keeps phone numbers, addresses and citizen ID numbers out of
//! every output, but only if officers put them there. This lint warns when a
//! body or a text field of a person, collective, decision, news item or
//! conference contains what looks like a Vietnamese phone number or a
//! 12-digit citizen ID (số CCCD), and points to `[private]`. Units and free
//! pages are not linted: an office's phone number there is public contact.

use crate::diagnostics::Diagnostic;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;
use toml::de::{DeTable, DeValue};

/// What was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A phone number (mobile or landline, with or without +84).
    Phone,
    /// A 12-digit citizen identity number.
    CitizenId,
}

fn patterns() -> &'static (Regex, Regex) {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        (
            // 0 or +84, then 9 or 10 digits with optional single separators.
            // ASCII word boundaries and digits let the regex engine use its
            // fast DFA; a Unicode \b forces a slow backtracker on every body.
            Regex::new(r"(?-u:(?:\+84|\b0)(?:[ .\-]?[0-9]){9,10}\b)").expect("valid regex"),
            Regex::new(r"(?-u:\b[0-9]{12}\b)").expect("valid regex"),
        )
    })
}

/// Finds phone numbers and citizen IDs in `text`.
pub fn scan(text: &str) -> Vec<(Range<usize>, Finding)> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let (phone, id) = patterns();
    let mut out: Vec<(Range<usize>, Finding)> = id
        .find_iter(text)
        .map(|m| (m.range(), Finding::CitizenId))
        .collect();
    for m in phone.find_iter(text) {
        if !out
            .iter()
            .any(|(r, _)| r.start < m.end() && m.start() < r.end)
        {
            out.push((m.range(), Finding::Phone));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Spans (relative to the TOML document) of string values that look like
/// personal data, outside `[private]`.
pub fn scan_table(table: &DeTable<'_>) -> Vec<(Range<usize>, Finding)> {
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        if key.get_ref() == "private" || key.get_ref() == "extra" {
            continue;
        }
        scan_value(value, &mut out);
    }
    out
}

fn scan_value(value: &toml::Spanned<DeValue<'_>>, out: &mut Vec<(Range<usize>, Finding)>) {
    match value.get_ref() {
        DeValue::String(s) => {
            if let Some((_, f)) = scan(s).first() {
                out.push((value.span(), *f));
            }
        }
        DeValue::Array(items) => items.iter().for_each(|v| scan_value(v, out)),
        DeValue::Table(t) => {
            for (_, v) in t.iter() {
                scan_value(v, out);
            }
        }
        _ => {}
    }
}

/// The warning for a finding; the caller adds the location.
pub fn warning(finding: Finding) -> Diagnostic {
    let what = match finding {
        Finding::Phone => "a phone number",
        Finding::CitizenId => "a citizen ID number (số CCCD)",
    };
    Diagnostic::warning(format!("public text contains what looks like {what}"))
        .label("will be published")
        .help("personal contacts and ID numbers belong in the [private] table, which is never published: [private] phone = \"…\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phones_and_ids() {
        let kinds = |t: &str| scan(t).into_iter().map(|(_, f)| f).collect::<Vec<_>>();
        assert_eq!(kinds("Liên hệ 0912345678."), [Finding::Phone]);
        assert_eq!(kinds("ĐT: 0912 345 678"), [Finding::Phone]);
        assert_eq!(kinds("ĐT: 0912.345.678"), [Finding::Phone]);
        assert_eq!(kinds("(+84) gọi +84 912 345 678"), [Finding::Phone]);
        assert_eq!(kinds("máy bàn 0205 3851 234"), [Finding::Phone]);
        assert_eq!(kinds("CCCD 001234567890"), [Finding::CitizenId]);
    }

    #[test]
    fn ignores_ordinary_numbers() {
        assert!(scan("Quyết định số 1234/QĐ-UBND ngày 20/5/2024").is_empty());
        assert!(scan("thu nhập 120.000.000 đồng, 2.500 hộ, năm 2024").is_empty());
        assert!(scan("Kế hoạch 0113/KH-UBND").is_empty());
        assert!(scan("mã 1234567890123").is_empty());
    }
}
