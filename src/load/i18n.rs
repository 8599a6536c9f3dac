//! The interface language: every UI string of the theme, in Vietnamese and English.
//!
//! Strings live in the theme (`i18n/vi.toml`, `i18n/en.toml`) so that a
//! theme or a site can reword them without touching code. Templates see the
//! whole catalogue as `t` (`{{ t.nav.units }}`); the few labels computed in
//! Rust (unit kinds, statuses, award levels, delegate rule messages) are
//! looked up by dotted key. A theme's catalogue is merged over the built-in
//! one key by key, so a partial file only changes what it names.

use crate::diagnostics::{Diagnostic, Location};
use crate::vi::Lang;
use std::collections::HashMap;

/// The UI strings of one language.
#[derive(Clone, Debug)]
pub struct Strings {
    tree: serde_json::Value,
    flat: HashMap<String, String>,
    lang: Lang,
}

impl Strings {
    /// Reads a catalogue: `base` (built in), then `overlay` merged over it.
    pub fn load(
        lang: Lang,
        base: &str,
        overlay: Option<(&str, &str)>,
    ) -> Result<Strings, Diagnostic> {
        let mut tree: serde_json::Value = toml::from_str::<toml::Table>(base)
            .map(|t| serde_json::to_value(t).unwrap_or_default())
            .map_err(|e| Diagnostic::error(format!("built-in language file is invalid: {e}")))?;
        if let Some((display, text)) = overlay {
            let table: toml::Table = toml::from_str(text).map_err(|e| {
                let span = e.span().unwrap_or(0..0);
                Diagnostic::error(format!("invalid language file: {}", e.message().trim_end()))
                    .at(Location::in_text(display, text, span))
            })?;
            merge(&mut tree, serde_json::to_value(table).unwrap_or_default());
        }
        let mut flat = HashMap::new();
        flatten("", &tree, &mut flat);
        Ok(Strings { tree, flat, lang })
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The catalogue as nested data, for templates.
    pub fn tree(&self) -> &serde_json::Value {
        &self.tree
    }

    /// The string at a dotted key; the key itself if missing, so that a
    /// missing string shows up on the page instead of breaking the build.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.flat.get(key).map_or(key, String::as_str)
    }

    /// The string at `key` with `{name}` placeholders filled.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// All dotted keys.
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.flat.keys().map(String::as_str)
    }
}

fn merge(base: &mut serde_json::Value, overlay: serde_json::Value) {
    match (base, overlay) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

fn flatten(prefix: &str, value: &serde_json::Value, out: &mut HashMap<String, String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        serde_json::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}
