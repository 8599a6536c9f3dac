//! Sizes and depths that real sites never reach but a mistake or an
//! attacker can: a build stays linear and succeeds, or says what is wrong.

use crate::helpers::*;

/// A site with a chain of `depth` units, each under the one before, and a
/// person at the bottom.
fn deep_chain(depth: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    std::fs::write(site.join("site.toml"), "title = \"Sâu\"\n").unwrap();
    let units = site.join("content/units");
    std::fs::create_dir_all(&units).unwrap();
    for i in 0..depth {
        let parent = if i == 0 {
            String::new()
        } else {
            format!("parent = \"cap-{}\"\n", i - 1)
        };
        std::fs::write(
            units.join(format!("cap-{i}.md")),
            format!("+++\nname = \"Cấp {i}\"\nkind = \"khac\"\n{parent}+++\n"),
        )
        .unwrap();
    }
    let people = site.join("content/people");
    std::fs::create_dir_all(&people).unwrap();
    std::fs::write(
        people.join("nguyen-van-sau.md"),
        format!(
            "+++\nname = \"Nguyễn Văn Sâu\"\nunit = \"cap-{}\"\n[[commendations]]\naward = \"giay-khen\"\ndate = 2024-05-20\n+++\n",
            depth - 1
        ),
    )
    .unwrap();
    tmp
}

#[test]
fn a_unit_tree_thousands_of_levels_deep_builds_with_small_pages() {
    let depth = 3000;
    let tmp = deep_chain(depth);
    let out = tmp.path().join("public");
    let mut options = bangvang::BuildOptions::new(tmp.path());
    options.output = Some(out.clone());
    options.now = Some(test_now());
    let report = bangvang::build(&options);
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    // The deepest unit's page names its top and nearest levels, not all 3,000.
    let page =
        std::fs::read_to_string(out.join(format!("don-vi/cap-{}/index.html", depth - 1))).unwrap();
    assert!(page.len() < 40_000, "{} bytes", page.len());
    assert!(page.contains("Cấp 0") && page.contains(&format!("Cấp {}", depth - 2)));
    // The top unit rolls up the commendation earned 2,999 levels below.
    let top = std::fs::read_to_string(out.join("don-vi/cap-0/index.html")).unwrap();
    assert!(top.contains("Nguyễn Văn Sâu"));
    // The tree page nests every level (no template recursion limit).
    let tree = std::fs::read_to_string(out.join("don-vi/index.html")).unwrap();
    assert_eq!(tree.matches("<ul class=\"tree\">").count(), depth);
}
