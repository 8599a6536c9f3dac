//! Markdown bodies to HTML: pulldown-cmark with tables, footnotes,
//! strikethrough and heading anchors.
//!
//! Three things are adjusted on the way, because a page's body lives inside
//! a page that is not where its file is:
//! - a `#` heading becomes `<h2>`: the page title is the one `<h1>`;
//! - links and images that start with `/` are put under the site's base
//!   path, and relative ones (a photo beside a bundle's `index.md`) point to
//!   where the file is copied, since the page's URL is elsewhere;
//! - raw HTML is sanitised with ammonia unless the site opts out. Bodies
//!   without raw HTML skip the (costly) sanitiser: pulldown-cmark escapes
//!   their text, links with a script scheme are neutralised here, and the
//!   attributes a heading may carry (`## A {#id .class key=value}`) are
//!   allow-listed to ids and classes of plain characters, so that no
//!   attribute of a body reaches the page unless it is known to be safe.
//!
//! Raw HTML nested deeper than [`MAX_HTML_DEPTH`] is refused before it is
//! sanitised: an HTML tree builder does work in proportion to the depth for
//! every tag, so a body of 100,000 nested `<div>` would take minutes, and no
//! real page nests that deep. Table alignment is written as classes, not
//! `style` attributes, because the pages' Content-Security-Policy allows no
//! inline style.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How to render bodies of one site.
#[derive(Clone, Debug)]
pub struct MarkdownOptions {
    /// The site's base path, `/` or `/vinh-danh/`.
    pub base_path: String,
    /// Sanitise raw HTML (the default).
    pub sanitize: bool,
}

/// How deep raw HTML may nest in a body.
pub const MAX_HTML_DEPTH: usize = 64;

/// A body that cannot be rendered: what is wrong, and where in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyError {
    /// Byte offset in the Markdown text.
    pub offset: usize,
    pub message: String,
}

/// Renders a Markdown body written in the content folder `dir` (relative to
/// `content/`, for relative links).
pub fn render(markdown: &str, dir: &str, options: &MarkdownOptions) -> Result<String, BodyError> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut html_depth = HtmlDepth::default();
    for (event, range) in Parser::new_ext(markdown, opts).into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = &event
            && html_depth.read(html) > MAX_HTML_DEPTH
        {
            return Err(BodyError {
                offset: range.start,
                message: format!(
                    "raw HTML nested more than {MAX_HTML_DEPTH} levels deep; a page body needs far fewer"
                ),
            });
        }
        events.push(event);
    }
    let has_raw_html = html_depth.seen;
    let mut used_ids: HashMap<String, u32> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        match &mut events[i] {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if *level == HeadingLevel::H1 {
                    *level = HeadingLevel::H2;
                }
                // Only ids and classes of plain characters: `{onfocus=…}` and
                // the like never reach the page.
                attrs.clear();
                classes.retain(|c| is_plain_name(c));
                if id.as_ref().is_some_and(|id| !is_plain_name(id)) {
                    *id = None;
                }
                if id.is_none() {
                    let text = heading_text(&events[i + 1..]);
                    let mut slug = crate::vi::slugify(&text);
                    if slug.is_empty() {
                        slug = "muc".into();
                    }
                    let n = used_ids.entry(slug.clone()).or_insert(0);
                    *n += 1;
                    let unique = if *n == 1 {
                        slug
                    } else {
                        format!("{slug}-{}", *n - 1)
                    };
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                        *id = Some(CowStr::from(unique));
                    }
                }
            }
            Event::End(TagEnd::Heading(level)) if *level == HeadingLevel::H1 => {
                *level = HeadingLevel::H2;
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(new) = rewrite_url(dest_url, dir, &options.base_path) {
                    *dest_url = CowStr::from(new);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if has_raw_html && options.sanitize {
        out = sanitizer().clean(&out).to_string();
    }
    Ok(alignment_as_classes(out))
}

/// An id or class name of letters, digits, `-` and `_`, starting with a letter.
fn is_plain_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Table cells aligned by `style` (as pulldown-cmark and ammonia write them)
/// get a class instead, which the theme's stylesheet aligns.
fn alignment_as_classes(html: String) -> String {
    if !html.contains("style=\"text-align") {
        return html;
    }
    let mut out = html;
    for align in ["left", "center", "right"] {
        let class = format!("class=\"align-{align}\"");
        out = out
            .replace(&format!("style=\"text-align: {align}\""), &class)
            .replace(&format!("style=\"text-align:{align}\""), &class);
    }
    out
}

/// The nesting depth of the raw HTML of a body, read fragment by fragment:
/// start tags open a level (but void and self-closing ones), end tags close one.
#[derive(Default)]
struct HtmlDepth {
    depth: usize,
    deepest: usize,
    /// Whether the body has raw HTML at all.
    seen: bool,
}

impl HtmlDepth {
    /// Reads one fragment; returns the deepest nesting so far.
    fn read(&mut self, html: &str) -> usize {
        self.seen = true;
        let bytes = html.as_bytes();
        let mut i = 0;
        while let Some(at) = html[i..].find('<') {
            let start = i + at + 1;
            let end = html[start..].find('>').map_or(html.len(), |e| start + e);
            let tag = &html[start..end];
            i = end.min(html.len());
            if tag.starts_with('/') {
                self.depth = self.depth.saturating_sub(1);
                continue;
            }
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let void = matches!(
                name.as_str(),
                "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "param"
                    | "source"
                    | "track"
                    | "wbr"
            );
            if !name.is_empty() && !void && !tag.ends_with('/') {
                self.depth += 1;
                self.deepest = self.deepest.max(self.depth);
            }
            if i >= bytes.len() {
                break;
            }
        }
        self.deepest
    }
}

fn heading_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// Rewrites a link target; `None` leaves it unchanged.
fn rewrite_url(url: &str, dir: &str, base_path: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_end = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    if let Some(colon) = scheme_end
        && colon < path_end
    {
        let scheme = &lower[..colon];
        let safe = matches!(scheme, "http" | "https" | "mailto" | "tel" | "ftp");
        return if safe { None } else { Some("#".into()) };
    }
    if trimmed.starts_with('#')
        || trimmed.starts_with('?')
        || trimmed.starts_with("//")
        || trimmed.is_empty()
    {
        return None;
    }
    if let Some(rest) = trimmed.strip_prefix('/') {
        if base_path == "/" || trimmed.starts_with(base_path) {
            return None;
        }
        return Some(format!("{base_path}{rest}"));
    }
    // Relative to the file: resolve against its content folder.
    let (path, suffix) = match trimmed.find(['?', '#']) {
        Some(i) => (&trimmed[..i], &trimmed[i..]),
        None => (trimmed, ""),
    };
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let trailing = if path.ends_with('/') { "/" } else { "" };
    Some(format!("{base_path}{}{trailing}{suffix}", parts.join("/")))
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id"]);
        b.add_tag_attributes("th", ["style"]);
        b.add_tag_attributes("td", ["style"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled"]);
        b.add_tags(["input"]);
        b.filter_style_properties(HashSet::from(["text-align"]));
        b.allowed_classes(HashMap::from([
            ("div", HashSet::from(["footnote-definition"])),
            (
                "sup",
                HashSet::from(["footnote-definition-label", "footnote-reference"]),
            ),
        ]));
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(base: &str) -> MarkdownOptions {
        MarkdownOptions {
            base_path: base.into(),
            sanitize: true,
        }
    }

    #[test]
    fn headings_get_anchors_and_h1_becomes_h2() {
        let html = render(
            "# Thành tích nổi bật\n\n## Thành tích nổi bật\n",
            "people",
            &opts("/"),
        )
        .unwrap();
        assert_eq!(
            html,
            "<h2 id=\"thanh-tich-noi-bat\">Thành tích nổi bật</h2>\n<h2 id=\"thanh-tich-noi-bat-1\">Thành tích nổi bật</h2>\n"
        );
    }

    #[test]
    fn links_follow_the_base_path_and_the_file() {
        let html = render(
            "[a](/don-vi/x/) [b](anh.jpg) [c](../../tai-lieu/a.pdf#p2) [d](https://x.vn) [e](#h)",
            "people/nguyen-thi-hoa",
            &opts("/vinh-danh/"),
        )
        .unwrap();
        assert!(html.contains("href=\"/vinh-danh/don-vi/x/\""), "{html}");
        assert!(
            html.contains("href=\"/vinh-danh/people/nguyen-thi-hoa/anh.jpg\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"/vinh-danh/tai-lieu/a.pdf#p2\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://x.vn\""), "{html}");
        assert!(html.contains("href=\"#h\""), "{html}");
    }

    #[test]
    fn script_links_are_neutralised_without_raw_html() {
        let html = render(
            "[x](javascript:alert(1)) [y](JavaScript:alert(1))",
            "",
            &opts("/"),
        )
        .unwrap();
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_unless_the_site_opts_out() {
        let md = "<script>alert(1)</script>\n\n<b onclick=\"x()\">đậm</b> <img src=x onerror=y>\n";
        let clean = render(md, "", &opts("/")).unwrap();
        assert!(!clean.contains("<script"), "{clean}");
        assert!(!clean.contains("onclick"), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(clean.contains("<b>đậm</b>"), "{clean}");
        let raw = render(
            md,
            "",
            &MarkdownOptions {
                base_path: "/".into(),
                sanitize: false,
            },
        )
        .unwrap();
        assert!(raw.contains("<script>"), "{raw}");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_survive_sanitising() {
        let md = "| Năm | Kết quả |\n| --- | ---: |\n| 2024 | 120% |\n\nText[^1] ~~cũ~~ <i>x</i>\n\n[^1]: Ghi chú\n";
        let html = render(md, "", &opts("/")).unwrap();
        assert!(html.contains("class=\"align-right\""), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<del>cũ</del>"), "{html}");
        assert!(html.contains("class=\"footnote-definition\""), "{html}");
        assert!(html.contains("<i>x</i>"), "{html}");
    }

    #[test]
    fn heading_attributes_are_only_ids_and_plain_classes() {
        let html = render(
            "## Liên hệ {tabindex=0 autofocus onfocus=alert(1)}\n\n## B {#ok .note .x\"y data-a=1}\n",
            "",
            &opts("/"),
        )
        .unwrap();
        for bad in ["onfocus", "autofocus", "tabindex", "data-a", "x\""] {
            assert!(!html.contains(bad), "{bad}: {html}");
        }
        assert!(html.contains("id=\"lien-he\""), "{html}");
        assert!(
            html.contains("id=\"ok\"") && html.contains("class=\"note\""),
            "{html}"
        );
    }

    #[test]
    fn deep_raw_html_is_refused_where_it_gets_too_deep() {
        let md = format!("Mở đầu\n\n{}", "<div>".repeat(100_000));
        let e = render(&md, "", &opts("/")).unwrap_err();
        assert!(e.message.contains("nested more than"), "{e:?}");
        assert_eq!(e.offset, "Mở đầu\n\n".len());
        // Within the limit, nesting is rendered and sanitised.
        let ok = format!(
            "{}x{}",
            "<div>".repeat(MAX_HTML_DEPTH),
            "</div>".repeat(MAX_HTML_DEPTH)
        );
        assert!(render(&ok, "", &opts("/")).is_ok());
    }
}
