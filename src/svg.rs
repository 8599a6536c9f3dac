//! SVG files cleaned before they are published.
//!
//! An SVG is a document that can carry scripts, event handlers, embedded
//! HTML (`foreignObject`), animations that rewrite links, and references
//! that load files from other sites; opened from the site's own address, a
//! script in it runs with the site's authority. So an SVG is parsed with a
//! real XML parser (roxmltree) and written out again keeping only what
//! draws a picture: an allow-list of SVG elements, their attributes except
//! handlers and foreign-namespace metadata (which also drops the editor's
//! records of who made the file where), links only to `#fragments` of the
//! file itself or to embedded raster images, and styles that load nothing.
//! A file that is not well-formed XML, or has no `<svg>` root, is refused.

use roxmltree::{Document, Node, NodeType, ParsingOptions};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Elements that only draw.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "switch",
    "a",
    "view",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "image",
    "style",
    "marker",
    "pattern",
    "clipPath",
    "mask",
    "linearGradient",
    "radialGradient",
    "stop",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// Why an SVG could not be cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgError {
    pub message: String,
    /// 1-based line, when the parser knows it.
    pub line: Option<u32>,
}

/// The SVG `bytes` rewritten with only what draws.
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, SvgError> {
    let text = std::str::from_utf8(bytes).map_err(|_| SvgError {
        message: "the SVG file is not UTF-8 text".into(),
        line: None,
    })?;
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text.trim_start_matches('\u{feff}'), options).map_err(
        |e| SvgError {
            message: format!("the SVG file is not well-formed XML: {e}"),
            line: Some(e.pos().row),
        },
    )?;
    let root = doc.root_element();
    if !is_svg(&root, "svg") {
        return Err(SvgError {
            message: format!(
                "the file's root element is <{}>, not <svg>",
                root.tag_name().name()
            ),
            line: Some(doc.text_pos_at(root.range().start).row),
        });
    }
    let mut out = String::with_capacity(text.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_element(&root, &mut out, true);
    out.push('\n');
    Ok(out.into_bytes())
}

fn is_svg(node: &Node<'_, '_>, name: &str) -> bool {
    node.tag_name().namespace() == Some(SVG_NS) && node.tag_name().name() == name
}

/// Writes an allowed element and its allowed content; anything else is left out.
fn write_element(node: &Node<'_, '_>, out: &mut String, root: bool) {
    // An explicit stack instead of recursion: any depth, no stack overflow.
    enum Step<'a, 'i> {
        Open(Node<'a, 'i>),
        Close(&'a str),
    }
    let mut stack = vec![Step::Open(*node)];
    let mut first = root;
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(name) => {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            Step::Open(n) => match n.node_type() {
                NodeType::Text => escape_text(n.text().unwrap_or(""), out),
                NodeType::Element => {
                    let name = n.tag_name().name();
                    if n.tag_name().namespace() != Some(SVG_NS) || !ELEMENTS.contains(&name) {
                        continue;
                    }
                    if name == "style" && !style_is_safe(n.text().unwrap_or_default()) {
                        continue;
                    }
                    out.push('<');
                    out.push_str(name);
                    if first {
                        out.push_str(" xmlns=\"");
                        out.push_str(SVG_NS);
                        out.push_str("\" xmlns:xlink=\"");
                        out.push_str(XLINK_NS);
                        out.push('"');
                        first = false;
                    }
                    write_attributes(&n, out);
                    if !n.has_children() {
                        out.push_str("/>");
                        continue;
                    }
                    out.push('>');
                    stack.push(Step::Close(name));
                    let children: Vec<Node<'_, '_>> = n.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push(Step::Open(child));
                    }
                }
                // Comments, processing instructions (a stylesheet link): left out.
                _ => {}
            },
        }
    }
}

fn write_attributes(n: &Node<'_, '_>, out: &mut String) {
    let element = n.tag_name().name();
    for a in n.attributes() {
        let name = a.name();
        let value = a.value();
        let qualified = match a.namespace() {
            None => name.to_string(),
            Some(XLINK_NS) if name == "href" => "xlink:href".to_string(),
            Some(XML_NS) if name == "space" || name == "lang" => format!("xml:{name}"),
            // Editors' metadata (inkscape:, sodipodi:, …) and anything else.
            Some(_) => continue,
        };
        // Names compare without case: an HTML parser would lower `Href`.
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("on") {
            continue;
        }
        if lower == "href" && !href_is_safe(element, value) {
            continue;
        }
        if !value_loads_nothing(value) {
            continue;
        }
        out.push(' ');
        out.push_str(&qualified);
        out.push_str("=\"");
        escape_attribute(value, out);
        out.push('"');
    }
}

/// Links stay inside the file, but for links a visitor follows (`<a>`) and
/// raster images embedded in the file itself.
fn href_is_safe(element: &str, value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if v.starts_with('#') {
        return true;
    }
    match element {
        "a" => {
            lower.starts_with("https://")
                || lower.starts_with("http://")
                || lower.starts_with("mailto:")
        }
        "image" | "feImage" => ["png", "jpeg", "jpg", "gif", "webp"]
            .iter()
            .any(|t| lower.starts_with(&format!("data:image/{t};base64,"))),
        _ => false,
    }
}

/// Whether a value (a `fill`, a `style`, a `filter`…) refers to nothing
/// outside the file.
fn value_loads_nothing(value: &str) -> bool {
    let lower: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.contains("javascript:") || lower.contains("expression(") || lower.contains("@import") {
        return false;
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        let target = rest[at + 4..].trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return false;
        }
        rest = &rest[at + 4..];
    }
    true
}

fn style_is_safe(css: &str) -> bool {
    value_loads_nothing(css)
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(svg: &str) -> String {
        String::from_utf8(clean(svg.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn scripts_handlers_and_foreign_content_are_removed() {
        let svg = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" onload="alert(1)" inkscape:export-filename="/home/anh/Desktop/logo.png">
  <script>alert(2)</script>
  <foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(3)</script></body></foreignObject>
  <a href="javascript:alert(4)"><circle r="4" fill="url(#g)" onclick="alert(5)"/></a>
  <image Href="https://tracker.example/q.png" ONLOAD="alert(8)"/>
  <a xlink:href="https://example.gov.vn/">x</a>
  <use href="https://evil.example/x.svg#a"/>
  <use xlink:href="#c"/>
  <animate attributeName="href" to="javascript:alert(6)"/>
  <set attributeName="onload" to="alert(7)"/>
  <image href="http://tracker.example/p.png"/>
  <rect style="fill: url(http://evil.example/x)" width="2"/>
  <style>@import url(http://evil.example/a.css);</style>
  <style>.a { fill: red }</style>
  <?xml-stylesheet href="http://evil.example/s.css"?>
  <!-- made by Nguyễn Văn A -->
</svg>"##;
        let out = cleaned(svg);
        for bad in [
            "script",
            "alert",
            "foreignObject",
            "javascript",
            "onload",
            "onclick",
            "evil",
            "tracker",
            "animate",
            "<set",
            "inkscape",
            "Desktop",
            "Nguyễn",
        ] {
            assert!(!out.contains(bad), "{bad} left in:\n{out}");
        }
        for kept in [
            "<circle r=\"4\" fill=\"url(#g)\"/>",
            "xlink:href=\"#c\"",
            "xlink:href=\"https://example.gov.vn/\"",
            ".a { fill: red }",
            "viewBox=\"0 0 10 10\"",
        ] {
            assert!(out.contains(kept), "{kept} missing in:\n{out}");
        }
        // The cleaned file is well-formed SVG again.
        let again = Document::parse(&out).unwrap();
        assert!(is_svg(&again.root_element(), "svg"));
    }

    #[test]
    fn what_is_not_svg_is_refused_with_its_line() {
        let e = clean(b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>").unwrap_err();
        assert_eq!(e.line, Some(3), "{e:?}");
        assert!(clean(b"<html><script>alert(1)</script></html>").is_err());
        assert!(clean(b"\xff\xfe<svg/>").is_err());
    }

    #[test]
    fn entity_bombs_are_bounded() {
        let mut svg =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"aaaaaaaaaa\">\n");
        for i in 1..10 {
            svg.push_str(&format!(
                "<!ENTITY {} \"{}\">\n",
                (b'a' + i) as char,
                format!("&{};", (b'a' + i - 1) as char).repeat(10)
            ));
        }
        svg.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&j;</text></svg>");
        // Ten levels of tenfold expansion: refused or bounded, never unbounded.
        if let Ok(out) = clean(svg.as_bytes()) {
            assert!(out.len() < 50_000_000);
        }
    }

    #[test]
    fn deep_nesting_needs_no_recursion() {
        let depth = 200_000;
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>",
            "<g>".repeat(depth),
            "</g>".repeat(depth)
        );
        // roxmltree refuses very deep documents; either way nothing overflows.
        let _ = clean(svg.as_bytes());
    }
}
