//! Splits a Markdown file into its TOML front matter and its body.
//!
//! The `+++` block is located by byte offsets into the file, so that errors
//! inside it can be reported at the line of the file and not of the block
//! (Zola's issue #1133). The common ways to get it wrong, a YAML `---` block
//! copied from another generator, no block, a block never closed, an empty
//! file, each get a message of their own.

use crate::diagnostics::{Diagnostic, Location};
use std::ops::Range;

/// Where the parts of a Markdown file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the `+++` lines.
    pub front_matter: Range<usize>,
    /// The Markdown after the closing line.
    pub body: Range<usize>,
}

/// Finds the front matter of `text` (already without BOM). `display` names
/// the file in errors.
pub fn split(display: &str, text: &str) -> Result<Split, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .at(Location::file(display))
            .help("a content file starts with a +++ block of fields, for example:\n+++\nname = \"Nguyễn Thị Hoa\"\nunit = \"xa-nhan-ly\"\n+++"));
    }
    let mut lines = LineIter::new(text);
    // Skip blank lines before the block.
    let first = loop {
        match lines.next() {
            Some(line) if line.text.trim().is_empty() => continue,
            Some(line) => break line,
            None => unreachable!("non-blank text has a non-blank line"),
        }
    };
    let opener = first.text.trim_end();
    if opener == "---" {
        return Err(Diagnostic::error("front matter must be TOML between +++ lines, not YAML between ---")
            .at(Location::in_text(display, text, first.range.clone()))
            .label("YAML block")
            .help("replace both --- lines with +++ and write fields as `name = \"…\"` instead of `name: …`"));
    }
    if opener != "+++" {
        return Err(Diagnostic::error(
            "the file has no front matter: it must start with a +++ line",
        )
        .at(Location::in_text(display, text, first.range.clone()))
        .label("expected +++ here")
        .help("put the fields first, between two +++ lines:\n+++\ntitle = \"…\"\n+++"));
    }
    let start = first.range.end + first.newline_len;
    for line in lines.by_ref() {
        if line.text.trim_end() == "+++" {
            let body_start = (line.range.end + line.newline_len).min(text.len());
            return Ok(Split {
                front_matter: start.min(line.range.start)..line.range.start,
                body: body_start..text.len(),
            });
        }
        if line.text.trim_end() == "---" && line.range.start > start {
            // Opened with +++, closed with ---: a common slip.
            return Err(
                Diagnostic::error("front matter opened with +++ is closed with ---")
                    .at(Location::in_text(display, text, line.range.clone()))
                    .label("should be +++")
                    .help("close the block with a +++ line"),
            );
        }
    }
    Err(
        Diagnostic::error("front matter is never closed: no +++ line after the opening one")
            .at(Location::in_text(display, text, first.range.clone()))
            .label("opened here")
            .help("add a line +++ after the last field, before the text"),
    )
}

struct Line<'a> {
    text: &'a str,
    range: Range<usize>,
    newline_len: usize,
}

struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str) -> Self {
        LineIter { text, pos: 0 }
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (len, newline_len) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => (i - 1, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        let line = Line {
            text: &rest[..len],
            range: self.pos..self.pos + len,
            newline_len,
        };
        self.pos += len + newline_len;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_block_and_body() {
        let text = "+++\nname = \"A\"\n+++\n# Body\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(&text[s.front_matter.clone()], "name = \"A\"\n");
        assert_eq!(&text[s.body.clone()], "# Body\n");
    }

    #[test]
    fn crlf_and_empty_block_and_no_body() {
        let text = "+++\r\nname = \"A\"\r\n+++\r\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(&text[s.front_matter.clone()], "name = \"A\"\r\n");
        assert_eq!(&text[s.body.clone()], "");
        let s = split("a.md", "+++\n+++").unwrap();
        assert_eq!(s.front_matter, 4..4);
    }

    #[test]
    fn each_mistake_has_its_message() {
        let e = split("a.md", "---\nname: A\n---\n").unwrap_err();
        assert!(e.message.contains("not YAML"), "{e}");
        let e = split("a.md", "name = \"A\"\n").unwrap_err();
        assert!(e.message.contains("no front matter"), "{e}");
        let e = split("a.md", "\n+++\nname = \"A\"\n").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
        assert_eq!(e.location.unwrap().line, 2);
        let e = split("a.md", "  \n").unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
        let e = split("a.md", "+++\nname = \"A\"\n---\nbody").unwrap_err();
        assert!(e.message.contains("closed with ---"), "{e}");
    }
}
