//! `bangvang import FILE`: a spreadsheet turned into decision `.toml` files.
//!
//! Centres that keep their site under version control want text files they
//! can review, not a workbook. The spreadsheet is read exactly as a build
//! reads it (same headers, same unit and award matching, same errors), then
//! each decision is written as `content/decisions/<slug>.toml`, with the
//! fields every recipient shares lifted to the top of the decision. The text
//! depends only on the spreadsheet, so importing the same file twice changes
//! nothing; a decision file that was edited since is not overwritten without
//! `--force`.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::config::Overrides;
use crate::load::discover::SheetFormat;
use crate::load::raw::{Raw, RawCommendation, RawDecision, RawWho};
use crate::load::{self, sheets};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What an import would do or did for one decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A new file.
    Create,
    /// The file exists with the same text.
    Unchanged,
    /// The file exists with other text (written only with `--force`).
    Replace,
}

/// One decision file of an import.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: PathBuf,
    pub text: String,
    pub action: Action,
}

/// Reads `file` against the site at `root` and plans the decision files.
pub fn plan(root: &Path, file: &Path) -> Result<Vec<Planned>, Vec<Diagnostic>> {
    let display = file.display().to_string();
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let format = match ext.as_str() {
        "csv" => SheetFormat::Csv,
        "xlsx" | "xls" | "ods" | "xlsm" | "xlsb" => SheetFormat::Workbook,
        _ => {
            return Err(vec![
                Diagnostic::error("import reads .csv, .xlsx, .xls or .ods files")
                    .at(Location::file(display)),
            ]);
        }
    };
    let staged = load::load(root, &Overrides::default());
    let Some(loaded) = staged.value else {
        return Err(staged.diagnostics);
    };
    let mut content = loaded.content;
    // Import needs the site's units; problems elsewhere in the site are for `check`.
    let bytes = crate::fs::read_bytes(file, &display).map_err(|d| vec![d])?;
    let ctx = sheets::SheetContext::new(&content.config.awards, &content.raws);
    let result = sheets::read(&display, format, &bytes, &ctx, &mut content.sources);
    if result.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(result.diagnostics);
    }
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = root.join("content/decisions");
    let mut planned = Vec::new();
    let mut errors = Vec::new();
    let mut first_of: std::collections::HashMap<String, crate::diagnostics::Loc> =
        std::collections::HashMap::new();
    for raw in result.raws {
        let Raw::Decision(d) = raw else { continue };
        // Two decisions whose numbers fold to one file name would overwrite each other.
        if let Some(first) = first_of.get(&d.common.slug.value) {
            errors.push(
                Diagnostic::error(format!(
                    "two decisions of the spreadsheet would be written to the same file content/decisions/{}.toml",
                    d.common.slug.value
                ))
                .at(content.sources.locate(d.common.slug.loc))
                .related(content.sources.locate(*first), "the other decision starts here")
                .help("their numbers differ only in punctuation, case or diacritics: check the Số quyết định column"),
            );
            continue;
        }
        first_of.insert(d.common.slug.value.clone(), d.common.slug.loc);
        let path = dir.join(format!("{}.toml", d.common.slug.value));
        let text = decision_toml(&d, &source);
        let action = match std::fs::read_to_string(&path) {
            Ok(existing) if existing == text => Action::Unchanged,
            Ok(_) => Action::Replace,
            Err(_) => Action::Create,
        };
        planned.push(Planned { path, text, action });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(planned)
}

/// Writes the planned files. Refuses to replace edited files unless `force`.
pub fn write(planned: &[Planned], force: bool) -> Result<(), Diagnostic> {
    if !force && let Some(p) = planned.iter().find(|p| p.action == Action::Replace) {
        return Err(Diagnostic::error(format!(
            "{} exists with other content: not overwritten",
            p.path.display()
        ))
        .help(
            "it was edited since the last import; pass --force to replace it, or remove it first",
        ));
    }
    for p in planned {
        if p.action == Action::Unchanged {
            continue;
        }
        if let Some(parent) = p.path.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write(&p.path, p.text.as_bytes())?;
    }
    Ok(())
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The fields of a commendation as (key, TOML value) pairs, in a fixed order.
fn fields(c: &RawCommendation) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(d) = &c.date {
        out.push(("date", d.value.to_string()));
    }
    if let Some(a) = &c.authority {
        out.push(("authority", quote(a)));
    }
    if let Some(u) = &c.conferred_by {
        out.push(("conferred_by", quote(&u.value)));
    }
    if let Some(a) = &c.award {
        out.push(("award", quote(&a.value)));
    }
    if let Some(y) = &c.year {
        out.push(("year", y.value.to_string()));
    }
    if let Some(m) = &c.movement {
        out.push(("movement", quote(&m.value)));
    }
    if let Some(x) = &c.conference {
        out.push(("conference", quote(&x.value)));
    }
    if let Some(t) = &c.citation {
        out.push(("citation", quote(t)));
    }
    if let Some(p) = c.posthumous {
        out.push(("posthumous", p.to_string()));
    }
    out
}

/// The TOML text of a decision.
pub fn decision_toml(d: &RawDecision, source: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Nhập từ {source} bằng bangvang import.");
    if let Some(n) = &d.number {
        let _ = writeln!(out, "number = {}", quote(n));
    }
    let per_recipient: Vec<Vec<(&'static str, String)>> = d
        .recipients
        .iter()
        .map(|r| fields(&r.commendation))
        .collect();
    // Fields every recipient has with the same value go to the top.
    let shared: Vec<(&'static str, String)> = per_recipient
        .first()
        .map(|first| {
            first
                .iter()
                .filter(|f| per_recipient.iter().all(|fs| fs.contains(f)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    for (k, v) in &shared {
        let _ = writeln!(out, "{k} = {v}");
    }
    for (r, fs) in d.recipients.iter().zip(&per_recipient) {
        out.push_str("\n[[recipients]]\n");
        match &r.who {
            RawWho::Person(p) => {
                let _ = writeln!(out, "person = {}", quote(&p.value));
            }
            RawWho::Collective(c) => {
                let _ = writeln!(out, "collective = {}", quote(&c.value));
            }
            RawWho::Unit(u) => {
                let _ = writeln!(out, "unit = {}", quote(&u.value));
            }
            RawWho::Named { name, unit, .. } => {
                let _ = writeln!(out, "name = {}", quote(name));
                let _ = writeln!(out, "unit = {}", quote(&unit.value));
            }
        }
        if let (RawWho::Person(_) | RawWho::Collective(_), Some(u)) = (&r.who, &r.commendation.unit)
        {
            let _ = writeln!(out, "unit = {}", quote(&u.value));
        }
        if let Some(p) = &r.commendation.position {
            let _ = writeln!(out, "position = {}", quote(p));
        }
        for (k, v) in fs.iter().filter(|f| !shared.contains(f)) {
            let _ = writeln!(out, "{k} = {v}");
        }
    }
    out
}
