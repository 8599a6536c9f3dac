//! Any text as a Markdown body, with and without sanitising, under a base
//! path and inside a bundle folder: rendering must never panic, and the
//! sanitised output must never contain a script.
#![no_main]

use bangvang::testing::render_markdown;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A real tag (text cannot contain a raw `<`) with a script URL in an attribute.
fn script_url_in_a_tag() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r#"(?i)<[a-z][^<>]*\b(href|src)\s*=\s*"\s*(javascript|vbscript|data):"#).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(safe) = render_markdown(text, "people/nguyen-thi-hoa", "/vinh-danh/", true) else {
        return;
    };
    let lower = safe.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script survived sanitising: {safe}");
    assert!(!script_url_in_a_tag().is_match(&safe), "script URL survived in a tag: {safe}");
    let _ = render_markdown(text, "", "/", false);
});
