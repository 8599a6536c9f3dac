//! Any bytes as an SVG to publish: cleaning must never panic, and what it
//! writes must be well-formed XML with no script, handler, foreign content
//! or external reference left.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(clean) = bangvang::testing::clean_svg(data) else {
        return;
    };
    let text = std::str::from_utf8(&clean).expect("cleaned SVG is UTF-8");
    let doc = roxmltree::Document::parse(text).expect("cleaned SVG is well-formed");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !matches!(name, "script" | "foreignObject" | "animate" | "set" | "iframe"),
            "<{name}> left in {text}"
        );
        for a in node.attributes() {
            let n = a.name().to_ascii_lowercase();
            // Browsers strip the spaces around a URL.
            let v = a.value().trim().to_ascii_lowercase();
            assert!(!n.starts_with("on"), "handler {n} left in {text}");
            assert!(!v.contains("javascript:"), "javascript: left in {text}");
            if n == "href" && name != "a" {
                assert!(v.starts_with('#') || v.starts_with("data:image/"), "href {v} left in {text}");
            }
        }
    }
});
