//! Any bytes as a content file: decoding, front-matter splitting and parsing
//! as every kind of entity (and as a decision file, and as site.toml) must
//! never panic, whatever the input; problems become diagnostics.
#![no_main]

use bangvang::diagnostics::FileId;
use bangvang::entities::{self, FileInfo, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = bangvang::fs::decode_text(data.to_vec(), "content/people/x.md") else {
        return;
    };
    let info = FileInfo {
        file: FileId(1),
        display: "content/people/x.md",
        dir: "people".into(),
        name_slug: "x".into(),
        stem: "x".into(),
    };
    if let Ok(split) = bangvang::front_matter::split(info.display, &text) {
        for kind in Kind::ALL {
            let _ = entities::parse_markdown(Some(kind), &info, &text, split.front_matter.clone(), split.body.clone());
        }
        let _ = entities::parse_markdown(None, &info, &text, split.front_matter.clone(), split.body.clone());
        // Render every diagnostic too: locating spans must not panic either.
        let (_, diagnostics) = entities::parse_markdown(Some(Kind::Person), &info, &text, split.front_matter, split.body);
        for d in diagnostics {
            let _ = d.render(false);
        }
    }
    let (_, diagnostics) = entities::parse_decision_toml(&info, &text);
    for d in diagnostics {
        let _ = d.render(false);
    }
    let (_, diagnostics) = bangvang::config::parse(FileId(0), "site.toml", &text, &Default::default());
    for d in diagnostics {
        let _ = d.render(false);
    }
});
