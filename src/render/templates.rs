//! The theme's templates, compiled once into one tera environment, and the
//! values every template sees: `site` (title, navigation, URLs of the
//! sections and assets) and `t` (the language catalogue).
//!
//! A template error is located in the file it came from (the built-in
//! theme, a theme folder or the site's own `templates/`), at its line, and
//! says which page was being rendered.

use super::Renderer;
use super::labels::Labels;
use super::page::PageContext;
use super::urls::Urls;
use super::views::Link;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::i18n::Strings;
use crate::load::theme::Theme;
use crate::model::Site;
use serde::Serialize;
use std::collections::HashMap;

/// Every page may load scripts, styles, images, media and data only from
/// the site itself, with no inline script, handler or style, no plugin and
/// no other base: an injection missed anywhere still cannot run. (A
/// `<meta>` policy cannot forbid framing; a web host's header can.)
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'self'";

/// Compiled templates, with where each came from.
pub struct Templates {
    pub tera: tera::Tera,
    /// Template name → (file it came from, its text), for error locations.
    pub origins: HashMap<String, (String, String)>,
}

/// The site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    base_path: &'a str,
    lang: &'static str,
    generator: &'static str,
    /// The policy of every page (a `<meta>` in `base.html`).
    content_security_policy: &'static str,
    build_date: String,
    build_date_iso: String,
    nav: Vec<NavItem>,
    pages: Vec<Link>,
    urls: SiteUrls,
    extra: &'a serde_json::Value,
}

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct SiteUrls {
    home: String,
    units: String,
    movements: String,
    people: String,
    collectives: String,
    conferences: String,
    commendations: String,
    decisions: String,
    news: String,
    search: String,
    search_index: String,
    statistics: String,
    library: String,
    open_data: String,
    json: String,
    csv: String,
    feed: String,
    commendations_feed: String,
    stylesheet: String,
    script: String,
    favicon: String,
}

impl Templates {
    /// Compiles the theme's templates and installs the global context.
    pub fn new(
        theme: &Theme,
        site: &Site,
        strings: &Strings,
        urls: &Urls,
    ) -> Result<Templates, Diagnostic> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        tera.register_filter("qr_svg", super::qr::filter);
        // `{{ n | number }}`: counts with the language's thousands separator (21.496).
        let lang = strings.lang();
        tera.register_filter("number", move |n: i64, _: tera::Kwargs, _: &tera::State| {
            crate::vi::format_number(n, lang)
        });
        let mut origins = HashMap::new();
        let mut sources: Vec<(&str, &str)> = Vec::new();
        for t in &theme.templates {
            origins.insert(t.name.clone(), (t.origin.clone(), t.text.clone()));
            sources.push((t.name.as_str(), t.text.as_str()));
        }
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(template_error(&e, &origins));
        }
        let config = &site.config;
        let nav_keys: [(&'static str, &str); 7] = [
            ("units", &config.paths.units),
            ("movements", &config.paths.movements),
            ("people", &config.paths.people),
            ("collectives", &config.paths.collectives),
            ("conferences", &config.paths.conferences),
            ("commendations", &config.paths.commendations),
            ("news", &config.paths.news),
        ];
        let labels = Labels { strings };
        let site_view = SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            base_url: &config.base_url,
            base_path: &config.base_path,
            lang: config.language.code(),
            generator: concat!("bangvang ", env!("CARGO_PKG_VERSION")),
            content_security_policy: CONTENT_SECURITY_POLICY,
            build_date: labels.date(site.now),
            build_date_iso: site.now.to_string(),
            nav: nav_keys
                .iter()
                .map(|(key, path)| NavItem {
                    key,
                    title: strings.get(&format!("nav.{key}")).to_string(),
                    url: urls.section(path),
                })
                .collect(),
            pages: site
                .page_order
                .iter()
                .map(|p| {
                    let p = &site.pages[p.ix()];
                    Link {
                        title: p.title.clone(),
                        url: urls.page(&p.meta.slug),
                    }
                })
                .collect(),
            urls: SiteUrls {
                home: urls.home(),
                units: urls.section(&config.paths.units),
                movements: urls.section(&config.paths.movements),
                people: urls.section(&config.paths.people),
                collectives: urls.section(&config.paths.collectives),
                conferences: urls.section(&config.paths.conferences),
                commendations: urls.section(&config.paths.commendations),
                decisions: urls.decisions(),
                news: urls.section(&config.paths.news),
                search: urls.section(&config.paths.search),
                search_index: urls.section(&config.paths.search),
                statistics: urls.section(&config.paths.statistics),
                library: urls.section(&config.paths.library),
                open_data: urls.open_data(),
                json: urls.commendations_file("index.json"),
                csv: urls.commendations_file("index.csv"),
                feed: urls.root_file("atom.xml"),
                commendations_feed: urls.commendations_file("atom.xml"),
                stylesheet: urls.root_file("style.css"),
                script: urls.root_file("search.js"),
                favicon: urls.root_file("favicon.svg"),
            },
            extra: &config.extra,
        };
        tera.global_context().insert("site", &site_view);
        tera.global_context().insert("t", strings.tree());
        Ok(Templates { tera, origins })
    }

    /// Renders a template to a string kept for the whole build (rows, cards).
    pub fn render_fragment(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<String, Diagnostic> {
        let mut html = self
            .tera
            .render(template, context)
            .map_err(|e| template_error(&e, &self.origins))?;
        // Keep only the bytes, not tera's buffer.
        html.shrink_to_fit();
        Ok(html)
    }
}

impl Renderer<'_> {
    pub(super) fn render_page<T: Serialize>(
        &self,
        template: &str,
        page: PageContext<T>,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let path = self.ctx.urls.output_path(&page.url);
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error(format!("cannot prepare page {}: {e}", page.url)))?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.templates
            .tera
            .render_to(template, &context, &mut out)
            .map_err(|e| self.render_error(&e, template, &page.url))?;
        Ok((path, out))
    }

    fn render_error(&self, e: &tera::Error, template: &str, url: &str) -> Diagnostic {
        let mut d = template_error(e, &self.templates.origins);
        if d.location.is_none() {
            let origin = self
                .templates
                .origins
                .get(template)
                .map_or_else(|| template.to_string(), |(o, _)| o.clone());
            d = d.at(Location::file(origin));
        }
        d.help(format!("while rendering the page {url}"))
    }
}

/// Turns a tera error into a diagnostic naming the template file and line.
pub fn template_error(e: &tera::Error, origins: &HashMap<String, (String, String)>) -> Diagnostic {
    use std::error::Error as _;
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    if let Some(r) = report {
        let name = r.filename();
        let span = r.span();
        let location = match origins.get(name) {
            Some((origin, text)) => Location::in_text(origin.clone(), text, span.range.clone()),
            None => Location {
                path: name.to_string(),
                line: span.start_line,
                column: span.start_col + 1,
                excerpt: None,
            },
        };
        let mut d = Diagnostic::error(format!("template error: {}", r.message())).at(location);
        if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
            d = d.help("check that every {% if %}, {% for %} and {% block %} is closed by its {% end… %}, in this template or the one it extends");
        }
        return d;
    }
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostic::error(format!("template error: {message}"))
}
