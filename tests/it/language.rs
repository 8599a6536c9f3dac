//! Vietnamese text handling end to end: decomposed (NFD) sources give the same
//! site as precomposed ones, and an English site shows no Vietnamese UI string.

use crate::helpers::*;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn copy_tree(from: &Path, to: &Path, transform: &dyn Fn(&str) -> String) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            continue;
        }
        let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
        if matches!(ext, "md" | "toml") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            std::fs::write(&target, transform(&text)).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn an_nfd_copy_of_the_example_site_builds_identical_output() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let (nfc, nfd) = (tmp.path().join("nfc"), tmp.path().join("nfd"));
    for (dir, f) in [
        (
            &nfc,
            &(|s: &str| s.nfc().collect::<String>()) as &dyn Fn(&str) -> String,
        ),
        (&nfd, &|s: &str| s.nfd().collect()),
    ] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::copy(example.join("site.toml"), dir.join("site.toml")).unwrap();
        let site_toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
        std::fs::write(dir.join("site.toml"), f(&site_toml)).unwrap();
        copy_tree(&example.join("content"), &dir.join("content"), f);
    }
    // The NFD copy really is decomposed.
    let sample = std::fs::read_to_string(nfd.join("content/_index.md")).unwrap();
    assert_ne!(sample, sample.nfc().collect::<String>());
    let mut outputs = Vec::new();
    for dir in [&nfc, &nfd] {
        let out = dir.join("public");
        cli_build_ok(dir, &out, "2026-11-21");
        outputs.push(snapshot(&out));
    }
    assert!(outputs[0].len() > 100);
    let differing: Vec<&String> = outputs[0]
        .keys()
        .filter(|k| outputs[0].get(*k) != outputs[1].get(*k))
        .collect();
    assert!(differing.is_empty(), "differ: {differing:?}");
    assert_eq!(outputs[0].len(), outputs[1].len());
}

fn catalogue_strings(path: &Path) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &toml::from_str::<toml::Value>(&std::fs::read_to_string(path).unwrap()).unwrap(),
        &mut out,
    );
    out
}

#[test]
fn an_english_site_shows_no_vietnamese_ui_string() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("complete"), &site, &|s| s.to_string());
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        toml.replace("language = \"vi\"", "language = \"en\""),
    )
    .unwrap();
    let out = tmp.path().join("public");
    cli_build_ok(&site, &out, "2026-11-21");
    // UI strings of the Vietnamese catalogue, except words the content itself uses.
    let content: String = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    // Award names are the official Vietnamese names: data, not interface.
    let content = format!(
        "{content}\n{}",
        bangvang::testing::built_in_award_names().join("\n")
    );
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    let english: Vec<String> = catalogue_strings(&theme.join("en.toml"));
    let vietnamese: Vec<String> = catalogue_strings(&theme.join("vi.toml"))
        .into_iter()
        .flat_map(|s| {
            s.split(['{', '}'])
                .map(str::trim)
                .filter(|p| p.chars().count() >= 4)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|s| {
            !content.contains(s.as_str())
                && !english.iter().any(|e| e.contains(s.as_str()))
                && !s.is_ascii()
        })
        .collect();
    assert!(vietnamese.len() > 100, "{}", vietnamese.len());
    let mut found = Vec::new();
    for (path, bytes) in snapshot(&out) {
        if !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for s in &vietnamese {
            if text.contains(s.as_str()) {
                found.push(format!("{path}: {s}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Vietnamese UI strings in the English site:\n{}",
        found.join("\n")
    );
    let html = std::fs::read_to_string(out.join("hoi-nghi/hn-huyen/index.html")).unwrap();
    assert!(html.contains("22 April 2025"), "English dates");
    assert!(html.contains("<html lang=\"en\">"));
}
