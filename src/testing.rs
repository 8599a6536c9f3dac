//! Narrow entry points for the fuzz targets and the integration tests. Not
//! the library's API: internals stay private to the crate, so that the
//! compiler shows dead code; what outside code must reach is listed here.

use crate::diagnostics::FileId;
use crate::load::raw::FileInfo;
use crate::model::Kind;

/// Reads `bytes` as a content file of every kind, as a decision file and as
/// `site.toml`, rendering every diagnostic: none of it may panic.
pub fn read_content_file(bytes: &[u8]) {
    let Ok(text) = crate::fs::decode_text(bytes.to_vec(), "content/people/x.md") else {
        return;
    };
    let info = FileInfo {
        file: FileId(1),
        display: "content/people/x.md",
        dir: "people".into(),
        bundle: false,
        name_slug: "x".into(),
        stem: "x".into(),
    };
    let mut all = Vec::new();
    if let Ok(split) = crate::load::front_matter::split(info.display, &text) {
        for kind in Kind::ALL {
            let parsed = crate::load::kinds::parse_markdown(
                Some(kind),
                &info,
                &text,
                split.front_matter.clone(),
                split.body.clone(),
            );
            all.extend(parsed.1);
        }
        let home = crate::load::kinds::parse_markdown(
            None,
            &info,
            &text,
            split.front_matter.clone(),
            split.body.clone(),
        );
        all.extend(home.1);
        let intro = crate::load::kinds::parse_intro(
            Kind::Person,
            &info,
            &text,
            split.front_matter,
            split.body,
        );
        all.extend(intro.1);
    }
    all.extend(crate::load::kinds::parse_decision_toml(&info, &text).1);
    all.extend(crate::load::config::parse(FileId(0), "site.toml", &text, &Default::default()).1);
    for d in all {
        let _ = d.render(false);
    }
}

/// Renders a Markdown body inside the bundle folder `dir` of a site under
/// `base_path`, sanitised or not.
pub fn render_markdown(text: &str, dir: &str, base_path: &str, sanitize: bool) -> Option<String> {
    crate::markdown::render(
        text,
        dir,
        &crate::markdown::MarkdownOptions {
            base_path: base_path.into(),
            sanitize,
        },
    )
    .ok()
}

/// The names of the built-in awards (legal titles, shown as they are in
/// every language).
pub fn built_in_award_names() -> Vec<String> {
    crate::awards::Catalogue::built_in()
        .names()
        .map(str::to_string)
        .collect()
}

/// The fields of the open data, in their order.
pub fn open_data_fields() -> Vec<&'static str> {
    crate::render::open_data_fields()
}

/// Reads `bytes` as a spreadsheet of decisions (`csv`: text, otherwise a
/// workbook) in an empty site, rendering every diagnostic: none of it may
/// panic or abort, whatever the bytes.
pub fn read_spreadsheet(bytes: &[u8], csv: bool) {
    let awards = crate::awards::Catalogue::built_in();
    let ctx = crate::load::sheets::SheetContext::new(&awards, &[]);
    let format = if csv {
        crate::load::discover::SheetFormat::Csv
    } else {
        crate::load::discover::SheetFormat::Workbook
    };
    let mut sources = crate::diagnostics::SourceMap::default();
    let result =
        crate::load::sheets::read("content/decisions/x", format, bytes, &ctx, &mut sources);
    for d in result.diagnostics {
        let _ = d.render(false);
    }
}

/// Cleans `bytes` as an SVG; the cleaned file, if it is one.
pub fn clean_svg(bytes: &[u8]) -> Option<Vec<u8>> {
    crate::svg::clean(bytes).ok()
}
