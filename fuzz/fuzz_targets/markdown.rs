//! Any text as a Markdown body, with and without sanitising, under a base
//! path and inside a bundle folder: rendering must never panic, and the
//! sanitised output must never contain a script.
#![no_main]

use bangvang::markdown::{MarkdownOptions, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let safe = render(text, "people/nguyen-thi-hoa", &MarkdownOptions { base_path: "/vinh-danh/".into(), sanitize: true });
    let lower = safe.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script survived sanitising: {safe}");
    assert!(!lower.contains("href=\"javascript:"), "javascript link survived: {safe}");
    let _ = render(text, "", &MarkdownOptions { base_path: "/".into(), sanitize: false });
});
