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
//!   their text, and links with a script scheme are neutralised here.

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

/// Renders a Markdown body written in the content folder `dir` (relative to
/// `content/`, for relative links).
pub fn render(markdown: &str, dir: &str, options: &MarkdownOptions) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, opts).collect();
    let mut has_raw_html = false;
    let mut used_ids: HashMap<String, u32> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        match &mut events[i] {
            Event::Html(_) | Event::InlineHtml(_) => has_raw_html = true,
            Event::Start(Tag::Heading { level, id, .. }) => {
                if *level == HeadingLevel::H1 {
                    *level = HeadingLevel::H2;
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
        sanitizer().clean(&out).to_string()
    } else {
        out
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
        );
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
        );
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
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_unless_the_site_opts_out() {
        let md = "<script>alert(1)</script>\n\n<b onclick=\"x()\">đậm</b> <img src=x onerror=y>\n";
        let clean = render(md, "", &opts("/"));
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
        );
        assert!(raw.contains("<script>"), "{raw}");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_survive_sanitising() {
        let md = "| Năm | Kết quả |\n| --- | ---: |\n| 2024 | 120% |\n\nText[^1] ~~cũ~~ <i>x</i>\n\n[^1]: Ghi chú\n";
        let html = render(md, "", &opts("/"));
        assert!(html.contains("style=\"text-align:right\""), "{html}");
        assert!(html.contains("<del>cũ</del>"), "{html}");
        assert!(html.contains("class=\"footnote-definition\""), "{html}");
        assert!(html.contains("<i>x</i>"), "{html}");
    }
}
