//! The page that documents the open data (`/khen-thuong/du-lieu/`): every
//! field of `index.json` and `index.csv` with its meaning.

use crate::diagnostics::Diagnostic;
use crate::render::{RenderedFile, Renderer, Scope};
use serde::Serialize;

#[derive(Serialize)]
struct OpenDataView {
    count: String,
    fields: Vec<FieldView>,
}
#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    meaning: &'static str,
}
/// The open data page.
pub(crate) fn render(r: &Renderer<'_>) -> Result<RenderedFile, Diagnostic> {
    let Scope {
        site,
        urls,
        labels,
        paths,
        ..
    } = r.scope();
    let english = site.config.language == crate::vi::Lang::En;
    let view = OpenDataView {
        count: labels.number(site.commendations.len() as i64),
        fields: crate::render::opendata::FIELDS
            .iter()
            .map(|(name, vi, en)| FieldView {
                name,
                meaning: if english { en } else { vi },
            })
            .collect(),
    };
    let crumbs = r.section_crumbs("commendations", &paths.commendations);
    let page = r.page(
        labels.get("open_data.title"),
        urls.open_data(),
        "commendations",
        crumbs,
        None,
        view,
    );
    r.render_page("open_data.html", page)
}
