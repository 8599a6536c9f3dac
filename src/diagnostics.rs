//! Located errors and warnings, collected over a whole run and printed like rustc.
//!
//! The people who write sites are communications officers, not programmers,
//! so every message names the file, the line and column, the field, what was
//! expected and what was found, and where it can, what they probably meant.
//! Stages never stop at the first problem: they push diagnostics into a
//! [`Report`] and carry on, and the command prints them all at the end.
//! A location is kept compact ([`Loc`]: file id and byte range) while the
//! pipeline runs and turned into line, column and quoted source line
//! ([`Location`]) only when a diagnostic is made.

use std::fmt;
use std::ops::Range;

/// Whether messages get colours: on a terminal, unless `NO_COLOR` is set
/// (<https://no-color.org>).
pub fn styled() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
use std::sync::Arc;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built as written.
    Error,
    /// The site builds, but something is probably wrong (`--strict` fails on it).
    Warning,
}

/// A position in a source file, resolved for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line, 0 when the diagnostic is about the whole file.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
    /// The quoted source line and the marked part of it.
    pub excerpt: Option<Excerpt>,
}

/// One quoted source line with the byte range to mark in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The text of the line, without its line break.
    pub text: String,
    /// Byte range within `text`.
    pub span: Range<usize>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            column: 0,
            excerpt: None,
        }
    }

    /// Resolves a byte range of `text` (the whole file) to line, column and excerpt.
    pub fn in_text(path: impl Into<String>, text: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].bytes().filter(|&b| b == b'\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        // A span may start on the line's '\r', which the quoted line drops.
        let mark_start = (start - line_start).min(line_text.len());
        let mut mark_end = (end.min(line_start + line_text.len()) - line_start).max(mark_start);
        if mark_end <= mark_start {
            // Mark at least one character, or the end of the line.
            mark_end = line_text[mark_start..]
                .chars()
                .next()
                .map_or(mark_start, |c| mark_start + c.len_utf8());
        }
        Location {
            path: path.into(),
            line,
            column,
            excerpt: Some(Excerpt {
                text: line_text.to_string(),
                span: mark_start..mark_end,
            }),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One error or warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when it is in a file.
    pub location: Option<Location>,
    /// The field concerned, with its path inside the file (`commendations[2].award`).
    pub field: Option<String>,
    /// A short label printed under the marked text.
    pub label: Option<String>,
    /// Help lines: how to fix it, "did you mean …".
    pub help: Vec<String>,
    /// Other places involved (the other file with the same slug, …).
    pub related: Vec<(Location, String)>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// A new warning.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Diagnostic {
            severity,
            message,
            location: None,
            field: None,
            label: None,
            help: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Sets where the problem is.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Names the field.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the label under the marker.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Adds a "did you mean" help line when there is a suggestion.
    pub fn suggest(self, suggestion: Option<&str>) -> Self {
        match suggestion {
            Some(s) => self.help(format!("did you mean `{s}`?")),
            None => self,
        }
    }

    /// Adds another place involved.
    pub fn related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related.push((location, note.into()));
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic with every text made printable ([`printable`]).
    fn printable(&self) -> Diagnostic {
        let location = |l: &Location| Location {
            path: printable(&l.path).into_owned(),
            line: l.line,
            column: l.column,
            excerpt: l.excerpt.as_ref().map(printable_excerpt),
        };
        Diagnostic {
            severity: self.severity,
            message: printable(&self.message).into_owned(),
            location: self.location.as_ref().map(location),
            field: self.field.as_deref().map(|f| printable(f).into_owned()),
            label: self.label.as_deref().map(|l| printable(l).into_owned()),
            help: self
                .help
                .iter()
                .map(|h| printable(h).into_owned())
                .collect(),
            related: self
                .related
                .iter()
                .map(|(l, n)| (location(l), printable(n).into_owned()))
                .collect(),
        }
    }

    /// Renders the diagnostic for a terminal, like rustc does; control
    /// characters from the content are shown escaped.
    pub fn render(&self, styled: bool) -> String {
        self.printable().render_printable(styled)
    }

    fn render_printable(&self, styled: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer};

        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut title = self.message.clone();
        if let Some(field) = &self.field
            && !title.contains(&format!("`{field}`"))
        {
            title = format!("{title} (field `{field}`)");
        }
        let mut group = Group::with_title(level.clone().primary_title(title.as_str()));
        let label = self.label.as_deref().unwrap_or("");
        let origin = self.location.as_ref().map(origin);
        if let (Some(location), Some(origin)) = (&self.location, &origin) {
            group = match quoted(location, origin, AnnotationKind::Primary, label) {
                Some(snippet) => group.element(snippet),
                None => group.element(annotate_snippets::Origin::path(origin.as_str())),
            };
        }
        let related: Vec<(String, &Location, &String)> = self
            .related
            .iter()
            .map(|(l, n)| (origin_of(l), l, n))
            .collect();
        for (origin, location, note) in &related {
            group = match quoted(location, origin, AnnotationKind::Context, note) {
                Some(snippet) => group.element(snippet),
                None => group.element(Level::NOTE.message(format!("{note}: {origin}"))),
            };
        }
        for help in &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// The quoted line of a location with its marked span, when it has one.
fn quoted<'a>(
    location: &'a Location,
    origin: &'a str,
    kind: annotate_snippets::AnnotationKind,
    label: &'a str,
) -> Option<annotate_snippets::Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let excerpt = location.excerpt.as_ref()?;
    Some(
        annotate_snippets::Snippet::source(excerpt.text.as_str())
            .line_start(location.line)
            .path(origin)
            .annotation(kind.span(excerpt.span.clone()).label(label)),
    )
}

fn origin(location: &Location) -> String {
    origin_of(location)
}

fn origin_of(location: &Location) -> String {
    if location.line == 0 {
        location.path.clone()
    } else if location.excerpt.is_some() {
        // annotate-snippets appends line:column itself.
        location.path.clone()
    } else if location.column > 0 {
        format!("{}:{}:{}", location.path, location.line, location.column)
    } else {
        format!("{}:{}", location.path, location.line)
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `path:line:column: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.location {
            write!(f, "{}", printable(&l.path))?;
            if l.line > 0 {
                write!(f, ":{}:{}", l.line, l.column)?;
            }
            write!(f, ": ")?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", printable(&self.message))?;
        if let Some(field) = &self.field
            && !self.message.contains(&format!("`{field}`"))
        {
            write!(f, " (field `{field}`)")?;
        }
        for help in &self.help {
            write!(f, "; {}", printable(help))?;
        }
        Ok(())
    }
}

/// What a stage produced, and the problems it found on the way. `value` is
/// `None` when the stage could not produce anything the next one can use;
/// it may be `Some` despite errors, so that later stages still check what
/// they can and one run reports every mistake.
#[derive(Debug)]
pub struct Staged<T> {
    /// What the stage produced.
    pub value: Option<T>,
    /// Errors and warnings, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Staged<T> {
    /// A result with its diagnostics.
    pub fn new(value: Option<T>, diagnostics: Vec<Diagnostic>) -> Self {
        Staged { value, diagnostics }
    }

    /// A stage that produced `value` without a word.
    pub fn ok(value: T) -> Self {
        Staged::new(Some(value), Vec::new())
    }

    /// A stage that produced nothing.
    pub fn failed(diagnostics: Vec<Diagnostic>) -> Self {
        Staged::new(None, diagnostics)
    }
}

impl<T> From<Result<T, Diagnostic>> for Staged<T> {
    fn from(result: Result<T, Diagnostic>) -> Self {
        match result {
            Ok(v) => Staged::ok(v),
            Err(d) => Staged::failed(vec![d]),
        }
    }
}

impl<T> From<Result<T, Vec<Diagnostic>>> for Staged<T> {
    fn from(result: Result<T, Vec<Diagnostic>>) -> Self {
        match result {
            Ok(v) => Staged::ok(v),
            Err(ds) => Staged::failed(ds),
        }
    }
}

/// The diagnostics of a run, gathered stage by stage.
#[derive(Clone, Debug, Default)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Keeps a stage's diagnostics and hands on what it produced.
    pub fn take<T>(&mut self, staged: impl Into<Staged<T>>) -> Option<T> {
        let staged = staged.into();
        self.diagnostics.extend(staged.diagnostics);
        staged.value
    }

    /// `Some(())` while no error has been reported: the gate before output.
    pub fn clean(&self) -> Option<()> {
        (!self.diagnostics.iter().any(Diagnostic::is_error)).then_some(())
    }

    /// The diagnostics, errors first, then by file and line, keeping the
    /// order of diagnostics at one place, so output is stable between runs;
    /// a diagnostic repeated word for word at the same place (a decision's
    /// field inherited by each recipient) is kept once.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.severity,
                    d.location
                        .as_ref()
                        .map(|l| (l.path.clone(), l.line, l.column)),
                )
            };
            key(a).cmp(&key(b))
        });
        let mut seen = std::collections::HashSet::new();
        self.diagnostics.retain(|d| seen.insert(d.to_string()));
        self.diagnostics
    }
}

// ---------------------------------------------------------------- sources

/// Index of a loaded source file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A compact location kept on parsed data: file and byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    /// Which file.
    pub file: FileId,
    /// Byte range in the file's text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
}

impl Loc {
    /// A location for a whole file, with no line.
    pub fn whole(file: FileId) -> Self {
        Loc {
            file,
            start: u32::MAX,
            end: u32::MAX,
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One loaded source file.
#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, for messages.
    pub display: String,
    /// The text, in NFC, without a byte-order mark.
    pub text: Arc<str>,
}

/// All loaded source files, so that compact [`Loc`]s can be shown with their lines.
/// Each file is shared, so that a copy of the map (`serve` patching one
/// file into a copy of the site) copies pointers, not texts and names.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(Arc::new(file));
        FileId(self.files.len() as u32 - 1)
    }

    /// Room for ids below `n`.
    pub fn reserve(&mut self, n: usize) {
        if self.files.len() < n {
            self.files.resize_with(n, Arc::default);
        }
    }

    /// Sets the file of an id given before ([`Self::reserve`]).
    pub fn put(&mut self, id: FileId, file: SourceFile) {
        self.reserve(id.0 as usize + 1);
        self.files[id.0 as usize] = Arc::new(file);
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Resolves a compact location for display.
    pub fn locate(&self, loc: Loc) -> Location {
        let file = self.get(loc.file);
        if loc.start == u32::MAX {
            Location::file(file.display.clone())
        } else {
            Location::in_text(file.display.clone(), &file.text, loc.range())
        }
    }

    /// The display path of a file.
    pub fn display(&self, id: FileId) -> &str {
        &self.get(id).display
    }
}

/// Text made safe for a terminal: control characters (which could move the
/// cursor, recolour or clear the officer's terminal when a file name or a
/// field holds them) are written escaped, `\u{1b}`; line breaks stay.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(escape_unprintable(text))
}

fn is_unprintable(c: char) -> bool {
    c.is_control() && c != '\n'
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape_unprintable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unprintable(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A quoted line made printable, with its marked byte range moved to match.
fn printable_excerpt(excerpt: &Excerpt) -> Excerpt {
    if !excerpt.text.chars().any(is_unprintable) {
        return excerpt.clone();
    }
    let moved = |at: usize| escape_unprintable(&excerpt.text[..at]).len();
    Excerpt {
        text: escape_unprintable(&excerpt.text),
        span: moved(excerpt.span.start)..moved(excerpt.span.end),
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = crate::vi::fold(word);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let c = crate::vi::fold(candidate);
        if c == folded {
            return Some(candidate);
        }
        let score = strsim::normalized_damerau_levenshtein(&folded, &c)
            .max(strsim::jaro_winkler(&folded, &c) - 0.1);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.7).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "+++\nname = \"Nguyễn\"\nnam = 1\n+++\n";
        let at = text.find("nam =").unwrap();
        let l = Location::in_text("a.md", text, at..at + 3);
        assert_eq!((l.line, l.column), (3, 1));
        assert_eq!(l.excerpt.unwrap().text, "nam = 1");
        let at = text.find("\"Nguy").unwrap() + 1;
        let l = Location::in_text("a.md", text, at..at + 1);
        assert_eq!((l.line, l.column), (2, 9));
    }

    #[test]
    fn spans_on_a_carriage_return_do_not_panic() {
        // Found by the fuzzer (fuzz/artifacts): an error located on the '\r' of a CRLF line.
        let text = "number = \"11/4\"\r\n\ngender = x\r\n";
        for at in 0..text.len() {
            for len in [0, 1, 5, 100] {
                let l = Location::in_text("a.toml", text, at..at + len);
                let e = l.excerpt.unwrap();
                assert!(
                    e.span.start <= e.span.end && e.span.end <= e.text.len(),
                    "{at}+{len}: {e:?}"
                );
                let _ = Diagnostic::error("x")
                    .at(Location::in_text("a.toml", text, at..at + len))
                    .render(false);
            }
        }
    }

    #[test]
    fn rendering_quotes_the_line_and_the_hint() {
        let text = "+++\nnam = \"x\"\n+++\n";
        let d = Diagnostic::error("unknown field `nam`")
            .at(Location::in_text("content/people/a.md", text, 4..7))
            .label("not a field of a person")
            .suggest(Some("name"));
        let out = d.render(false);
        assert!(out.contains("content/people/a.md:2:1"), "{out}");
        assert!(out.contains("nam = \"x\""), "{out}");
        assert!(out.contains("did you mean `name`?"), "{out}");
        assert_eq!(
            d.to_string(),
            "content/people/a.md:2:1: error: unknown field `nam`; did you mean `name`?"
        );
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let fields = ["name", "unit", "position", "movements"];
        assert_eq!(did_you_mean("nam", fields), Some("name"));
        assert_eq!(did_you_mean("postion", fields), Some("position"));
        assert_eq!(did_you_mean("movement", fields), Some("movements"));
        assert_eq!(did_you_mean("zzzz", fields), None);
    }
}
