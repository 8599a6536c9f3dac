//! File operations that always carry the path in their errors.
//!
//! Nobody has to remember to say which file failed: every read here returns
//! a [`Diagnostic`] naming it. Reading a text source also does what every
//! text needs before anything else looks at it: a byte-order mark (which
//! Windows editors add) is dropped, bytes that are not UTF-8 are reported
//! at their line and column, and the text is normalised to NFC, so that
//! content pasted from Word in decomposed form renders, sorts and searches
//! exactly like the rest. Writes (the output stage, `import`, `new`, `init`)
//! go through here too, so that their errors name the file as well.

use crate::diagnostics::{Diagnostic, Location};
use crate::vi;
use std::path::Path;

/// Reads a text source: UTF-8 (BOM dropped), in NFC. `display` names it in errors.
pub fn read_text(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the file: {e}")).at(Location::file(display))
    })?;
    decode_text(bytes, display)
}

/// Decodes bytes read from `display` as a text source.
pub fn decode_text(bytes: Vec<u8>, display: &str) -> Result<String, Diagnostic> {
    // simdutf8 validates Vietnamese text an order of magnitude faster than
    // the standard library, which matters when reading 50,000 files.
    let text = match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        Ok(_) => unsafe { String::from_utf8_unchecked(bytes) },
        Err(e) => {
            let valid = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let looks_utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
            let mut d = Diagnostic::error(format!(
                "the file is not UTF-8 text (invalid byte 0x{:02X} at line {line}, column {column})",
                bytes[valid]
            ))
            .at(Location {
                path: display.to_string(),
                line,
                column,
                excerpt: None,
            });
            d = if looks_utf16 {
                d.help("it was saved as UTF-16 (\"Unicode\"); save it again as \"UTF-8\"")
            } else {
                d.help("save the file again with the encoding \"UTF-8\" (old Vietnamese encodings such as TCVN3 or VNI are not supported)")
            };
            return Err(d);
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(match vi::nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(normalised) => normalised,
    })
}

/// Reads a binary file (a spreadsheet).
pub fn read_bytes(path: &Path, display: &str) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the file: {e}")).at(Location::file(display))
    })
}

/// An I/O error as a diagnostic: `cannot <what> <path>: <reason>`.
fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {what} {}: {e}", path.display()))
}

/// Writes a file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    std::fs::write(path, bytes).map_err(|e| io_error("write", path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| io_error("create", path, e))
}

/// Creates one folder, which must not exist yet.
pub fn create_dir(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir(path).map_err(|e| io_error("create", path, e))
}

/// Copies a file.
pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| io_error("copy", from, e))
}

/// A hard link to `from` at `to` (no bytes copied), or a copy where links
/// cannot be made (another file system).
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(_) => copy(from, to),
    }
}

/// Removes a folder and everything in it.
pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::remove_dir_all(path).map_err(|e| io_error("remove", path, e))
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::rename(from, to).map_err(|e| {
        Diagnostic::error(format!(
            "cannot move {} to {}: {e}",
            from.display(),
            to.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_text_normalised() {
        let nfd = "\u{feff}Nguye\u{302}\u{303}n".as_bytes().to_vec();
        assert_eq!(decode_text(nfd, "a.md").unwrap(), "Nguyễn");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let mut bytes = b"+++\nname = \"".to_vec();
        bytes.push(0xE0);
        bytes.extend_from_slice(b"x\"\n");
        let d = decode_text(bytes, "content/people/a.md").unwrap_err();
        let l = d.location.unwrap();
        assert_eq!((l.line, l.column), (2, 9));
        assert!(d.message.contains("not UTF-8"));
    }
}
