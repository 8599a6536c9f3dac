//! Renders the resolved site into pages, in memory, in parallel.
//!
//! The templates are compiled once into one tera environment; the site
//! title, the navigation and the language catalogue go into its global
//! context once. The site then becomes a list of small page jobs (a unit, a
//! page of the commendation index, a feed…), each rendered independently on
//! rayon's pool into bytes handed to a [`Sink`]. Rendering does no I/O of its
//! own: the output stage supplies a sink that writes files, `check` supplies
//! one that discards them, and tests supply one that keeps them in memory.

use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::Strings;
use crate::markdown::{self, MarkdownOptions};
use crate::model::*;
use crate::theme::Theme;
use crate::view::*;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where rendered files go. `path` is relative to the output root, `/`-separated.
pub trait Sink: Sync {
    /// Stores one file.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
}

/// A sink that keeps files in memory (tests, `check`).
#[derive(Default)]
pub struct MemorySink {
    /// When false, files are counted and dropped.
    pub keep: bool,
    files: Mutex<Vec<(String, Vec<u8>)>>,
    count: AtomicUsize,
}

impl MemorySink {
    /// A sink keeping every file.
    pub fn keeping() -> Self {
        MemorySink {
            keep: true,
            ..Default::default()
        }
    }

    /// The files written, sorted by path.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.files.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// How many files were written.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.count.fetch_add(1, Ordering::Relaxed);
        if self.keep {
            self.files
                .lock()
                .expect("sink lock")
                .push((path.to_string(), bytes.to_vec()));
        }
        Ok(())
    }
}

/// How many pages of each kind were rendered.
#[derive(Clone, Debug, Default)]
pub struct RenderStats {
    /// (kind label, count), in a fixed order.
    pub pages: Vec<(&'static str, usize)>,
    /// Total files written by the render stage.
    pub files: usize,
    /// Output paths of the HTML pages, for the sitemap.
    pub html_paths: Vec<String>,
}

/// One page to render.
#[derive(Clone, Copy, Debug)]
enum Job {
    Home,
    Units,
    Unit(UnitId),
    UnitRoll(UnitId, usize),
    UnitExemplars(UnitId, usize),
    Movements,
    Movement(MovementId),
    MovementRoll(MovementId, usize),
    MovementExemplars(MovementId, usize),
    People(usize),
    Person(PersonId),
    Collectives(usize),
    Collective(CollectiveId),
    Conferences,
    Conference(ConferenceId),
    Commendations(usize),
    Year(usize, usize),
    Award(usize, usize),
    Decisions(usize),
    Decision(DecisionId),
    NewsList(usize),
    News(NewsId),
    Page(PageId),
    Search,
    Stats,
    OpenData,
    NotFound,
    NewsFeed,
    CommendationsFeed,
}

impl Job {
    fn kind(self) -> &'static str {
        match self {
            Job::Home => "home",
            Job::Units | Job::Unit(_) | Job::UnitRoll(..) | Job::UnitExemplars(..) => "units",
            Job::Movements
            | Job::Movement(_)
            | Job::MovementRoll(..)
            | Job::MovementExemplars(..) => "movements",
            Job::People(_) | Job::Person(_) => "people",
            Job::Collectives(_) | Job::Collective(_) => "collectives",
            Job::Conferences | Job::Conference(_) => "conferences",
            Job::Commendations(_) | Job::Year(..) | Job::Award(..) => "commendation index",
            Job::Decisions(_) | Job::Decision(_) => "decisions",
            Job::NewsList(_) | Job::News(_) => "news",
            Job::Page(_) => "pages",
            Job::Search | Job::Stats | Job::OpenData | Job::NotFound => "other",
            Job::NewsFeed | Job::CommendationsFeed => "feeds",
        }
    }
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
    open_data: String,
    json: String,
    csv: String,
    feed: String,
    commendations_feed: String,
    stylesheet: String,
    script: String,
    favicon: String,
}

/// Compiled templates plus everything needed to render pages of one site.
pub struct Renderer<'a> {
    tera: tera::Tera,
    /// Template name → (file it came from, its text), for error locations.
    origins: HashMap<String, (String, String)>,
    ctx: ViewContext<'a>,
    markdown: MarkdownOptions,
    /// Every commendation id, in index order (the index pages slice it).
    all_ids: Vec<CommendationId>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates for `site`.
    pub fn new(
        site: &'a Site,
        theme: &Theme,
        strings: &'a Strings,
        urls: &'a Urls,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        let mut origins = HashMap::new();
        let mut sources: Vec<(&str, &str)> = Vec::new();
        for t in &theme.templates {
            origins.insert(t.name.clone(), (t.origin.clone(), t.text.clone()));
            sources.push((t.name.as_str(), t.text.as_str()));
        }
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![template_error(&e, &origins)]);
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
        let mut ctx = ViewContext::new(site, urls, strings);
        // Rows and cards appear on many pages each: render them once.
        let render_one = |template: &str, context: tera::Context| -> Result<String, Diagnostic> {
            // Kept for the whole build: keep only the bytes, not tera's buffer.
            let mut html = tera
                .render(template, &context)
                .map_err(|e| template_error(&e, &origins))?;
            html.shrink_to_fit();
            Ok(html)
        };
        let row_html: Result<Vec<(String, String)>, Diagnostic> = ctx
            .rows
            .par_iter()
            .map(|row| {
                let mut c = tera::Context::new();
                c.insert("r", row);
                c.insert("show_recipient", &true);
                let full = render_one("commendation_row.html", c.clone())?;
                c.insert("show_recipient", &false);
                let own = render_one("commendation_row.html", c)?;
                Ok((full, own))
            })
            .collect();
        let ids: Vec<ExemplarId> = (0..site.people.len())
            .map(|i| ExemplarId::Person(PersonId(i as u32)))
            .chain(
                (0..site.collectives.len()).map(|i| ExemplarId::Collective(CollectiveId(i as u32))),
            )
            .collect();
        let card_html: Result<Vec<String>, Diagnostic> = ids
            .par_iter()
            .map(|id| {
                let mut c = tera::Context::new();
                c.insert("e", &ctx.exemplar_card(*id));
                render_one("exemplar_card.html", c)
            })
            .collect();
        match (row_html, card_html) {
            (Ok(rows), Ok(cards)) => {
                ctx.row_html = rows;
                ctx.card_html = cards;
            }
            (Err(d), _) | (_, Err(d)) => return Err(vec![d]),
        }
        Ok(Renderer {
            tera,
            origins,
            ctx,
            all_ids: (0..site.commendations.len())
                .map(|i| CommendationId(i as u32))
                .collect(),
            markdown: MarkdownOptions {
                base_path: config.base_path.clone(),
                sanitize: config.sanitize_html,
            },
        })
    }

    /// The shared view context (rows, links).
    pub fn view_context(&self) -> &ViewContext<'a> {
        &self.ctx
    }

    /// Takes out the rows and cards, the bulk of the renderer's memory, so
    /// that they can be freed on another thread.
    pub fn take_caches(&mut self) -> (Vec<CommendationRow>, Vec<(String, String)>, Vec<String>) {
        (
            std::mem::take(&mut self.ctx.rows),
            std::mem::take(&mut self.ctx.row_html),
            std::mem::take(&mut self.ctx.card_html),
        )
    }

    fn jobs(&self) -> Vec<Job> {
        let site = self.ctx.site;
        let size = site.config.page_size;
        let mut jobs = vec![
            Job::Home,
            Job::Units,
            Job::Movements,
            Job::Conferences,
            Job::Search,
            Job::Stats,
            Job::OpenData,
            Job::NotFound,
            Job::NewsFeed,
            Job::CommendationsFeed,
        ];
        for (i, u) in site.units.iter().enumerate() {
            let id = UnitId(i as u32);
            jobs.push(Job::Unit(id));
            if u.roll.len() > size {
                jobs.extend((1..=page_count(u.roll.len(), size)).map(|n| Job::UnitRoll(id, n)));
            }
            if u.exemplars.len() > size {
                jobs.extend(
                    (1..=page_count(u.exemplars.len(), size)).map(|n| Job::UnitExemplars(id, n)),
                );
            }
        }
        for (i, m) in site.movements.iter().enumerate() {
            let id = MovementId(i as u32);
            jobs.push(Job::Movement(id));
            if m.commendations.len() > size {
                jobs.extend(
                    (1..=page_count(m.commendations.len(), size)).map(|n| Job::MovementRoll(id, n)),
                );
            }
            if m.exemplars.len() > size {
                jobs.extend(
                    (1..=page_count(m.exemplars.len(), size))
                        .map(|n| Job::MovementExemplars(id, n)),
                );
            }
        }
        jobs.extend((1..=page_count(site.people.len(), size)).map(Job::People));
        jobs.extend((0..site.people.len()).map(|i| Job::Person(PersonId(i as u32))));
        jobs.extend((1..=page_count(site.collectives.len(), size)).map(Job::Collectives));
        jobs.extend((0..site.collectives.len()).map(|i| Job::Collective(CollectiveId(i as u32))));
        jobs.extend((0..site.conferences.len()).map(|i| Job::Conference(ConferenceId(i as u32))));
        jobs.extend((1..=page_count(site.commendations.len(), size)).map(Job::Commendations));
        for (i, (_, ids)) in site.by_year.iter().enumerate() {
            jobs.extend((1..=page_count(ids.len(), size)).map(|n| Job::Year(i, n)));
        }
        for (i, (_, ids)) in site.by_award.iter().enumerate() {
            jobs.extend((1..=page_count(ids.len(), size)).map(|n| Job::Award(i, n)));
        }
        jobs.extend((1..=page_count(site.decision_order.len(), size)).map(Job::Decisions));
        jobs.extend(
            (0..site.decisions.len())
                .filter(|&i| site.decisions[i].page)
                .map(|i| Job::Decision(DecisionId(i as u32))),
        );
        jobs.extend((1..=page_count(site.news.len(), size)).map(Job::NewsList));
        jobs.extend((0..site.news.len()).map(|i| Job::News(NewsId(i as u32))));
        jobs.extend((0..site.pages.len()).map(|i| Job::Page(PageId(i as u32))));
        jobs
    }

    /// Renders every page into `sink`. All template errors are reported together.
    pub fn render_all(&self, sink: &dyn Sink) -> Result<RenderStats, Vec<Diagnostic>> {
        let jobs = self.jobs();
        let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        let html_paths: Mutex<Vec<String>> = Mutex::new(Vec::with_capacity(jobs.len()));
        let counts: Vec<(&'static str, AtomicUsize)> = [
            "home",
            "units",
            "movements",
            "people",
            "collectives",
            "conferences",
            "commendation index",
            "decisions",
            "news",
            "pages",
            "feeds",
            "other",
        ]
        .into_iter()
        .map(|k| (k, AtomicUsize::new(0)))
        .collect();
        jobs.par_iter().with_min_len(16).for_each(|&job| {
            let result = self.render_job(job).and_then(|(path, bytes)| {
                sink.write(&path, &bytes)?;
                if path.ends_with(".html") {
                    html_paths.lock().expect("paths lock").push(path);
                }
                Ok(())
            });
            match result {
                Ok(()) => {
                    if let Some((_, c)) = counts.iter().find(|(k, _)| *k == job.kind()) {
                        c.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Err(d) => {
                    let mut errors = errors.lock().expect("errors lock");
                    if errors.len() < 20 && !errors.iter().any(|e| e.message == d.message) {
                        errors.push(d);
                    }
                }
            }
        });
        let errors = errors.into_inner().unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        let pages: Vec<(&'static str, usize)> = counts
            .into_iter()
            .map(|(k, c)| (k, c.into_inner()))
            .filter(|(_, c)| *c > 0)
            .collect();
        let files = pages.iter().map(|(_, c)| c).sum();
        let mut html_paths = html_paths.into_inner().unwrap_or_default();
        html_paths.sort_unstable();
        Ok(RenderStats {
            pages,
            files,
            html_paths,
        })
    }

    fn body(&self, meta: &Meta) -> Option<String> {
        let body = meta.body.as_ref()?;
        let text = body.text(&self.ctx.site.sources);
        if text.trim().is_empty() {
            return None;
        }
        Some(markdown::render(text, &meta.dir, &self.markdown))
    }

    fn intro(&self, intro: Option<&Intro>) -> Option<String> {
        let intro = intro?;
        let body = intro.body.as_ref()?;
        let text = body.text(&self.ctx.site.sources);
        if text.trim().is_empty() {
            return None;
        }
        let dir = "";
        Some(markdown::render(text, dir, &self.markdown))
    }

    fn render_page<T: Serialize>(
        &self,
        template: &str,
        page: PageContext<T>,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let path = self.ctx.urls.output_path(&page.url);
        let context = tera::Context::from_serialize(&page)
            .map_err(|e| Diagnostic::error(format!("cannot prepare page {}: {e}", page.url)))?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut out)
            .map_err(|e| self.render_error(&e, template, &page.url))?;
        Ok((path, out))
    }

    fn render_error(&self, e: &tera::Error, template: &str, url: &str) -> Diagnostic {
        let mut d = template_error(e, &self.origins);
        if d.location.is_none() {
            let origin = self
                .origins
                .get(template)
                .map_or_else(|| template.to_string(), |(o, _)| o.clone());
            d = d.at(Location::file(origin));
        }
        d.help(format!("while rendering the page {url}"))
    }

    fn page<T: Serialize>(
        &self,
        title: String,
        url: String,
        section: &'static str,
        breadcrumbs: Vec<Link>,
        pagination: Option<Pagination>,
        page: T,
    ) -> PageContext<T> {
        PageContext {
            canonical: self.ctx.urls.absolute(&url),
            description: None,
            title,
            url,
            section,
            breadcrumbs,
            pagination,
            page,
        }
    }

    /// A page directly under the home page, without pagination.
    fn top_page<T: Serialize>(
        &self,
        title: String,
        url: String,
        section: &'static str,
        page: T,
    ) -> PageContext<T> {
        self.page(title, url, section, vec![self.home_crumb()], None, page)
    }

    fn home_crumb(&self) -> Link {
        Link {
            title: self.ctx.labels.get("nav.home"),
            url: self.ctx.urls.home(),
        }
    }

    fn section_crumb(&self, key: &str, path: &str) -> Link {
        Link {
            title: self.ctx.labels.get(&format!("nav.{key}")),
            url: self.ctx.urls.section(path),
        }
    }

    fn unit_crumbs(&self, id: UnitId) -> Vec<Link> {
        let site = self.ctx.site;
        let mut crumbs = vec![
            self.home_crumb(),
            self.section_crumb("units", &site.config.paths.units),
        ];
        for a in site.units[id.ix()].ancestors.iter().rev() {
            crumbs.push(self.ctx.unit_link(*a));
        }
        crumbs
    }

    fn paged_title(&self, title: String, n: usize) -> String {
        if n <= 1 {
            title
        } else {
            format!(
                "{title} – {}",
                self.ctx
                    .labels
                    .strings
                    .format("pagination.page_n", &[("n", &n.to_string())])
            )
        }
    }

    fn render_job(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        let ctx = &self.ctx;
        let site = ctx.site;
        let urls = ctx.urls;
        let labels = &ctx.labels;
        let paths = &site.config.paths;
        let size = site.config.page_size;
        match job {
            Job::Home => {
                let mut seen = std::collections::HashSet::new();
                let mut recent_exemplars = Vec::new();
                for c in &site.commendations {
                    if recent_exemplars.len() >= 8 {
                        break;
                    }
                    if c.revoked.is_some() {
                        continue;
                    }
                    let id = match c.recipient {
                        Recipient::Person(p) => ExemplarId::Person(p),
                        Recipient::Collective(x) => ExemplarId::Collective(x),
                        _ => continue,
                    };
                    if seen.insert(id) {
                        recent_exemplars.push(ctx.card(id));
                    }
                }
                let mut upcoming: Vec<ConferenceId> = site
                    .conference_order
                    .iter()
                    .copied()
                    .filter(|c| site.conferences[c.ix()].date >= site.now)
                    .collect();
                upcoming.reverse();
                let recent: Vec<ConferenceId> = site
                    .conference_order
                    .iter()
                    .copied()
                    .filter(|c| site.conferences[c.ix()].date < site.now)
                    .take(4)
                    .collect();
                let active = site
                    .commendations
                    .iter()
                    .filter(|c| c.revoked.is_none())
                    .count();
                let view = HomeView {
                    intro_title: site.home.title.clone(),
                    intro_html: self.intro(Some(&site.home)),
                    ongoing: site
                        .movement_order
                        .iter()
                        .filter(|m| site.movements[m.ix()].status == MovementStatus::Ongoing)
                        .take(6)
                        .map(|m| ctx.movement_card(*m))
                        .collect(),
                    recent_exemplars,
                    recent_commendations: site
                        .commendations
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.revoked.is_none())
                        .take(5)
                        .map(|(i, _)| ctx.row_html[i].0.as_str())
                        .collect(),
                    upcoming_conferences: upcoming
                        .into_iter()
                        .take(4)
                        .map(|c| ctx.conference_card(c))
                        .collect(),
                    recent_conferences: recent
                        .into_iter()
                        .map(|c| ctx.conference_card(c))
                        .collect(),
                    latest_news: site
                        .news_order
                        .iter()
                        .take(5)
                        .map(|n| ctx.news_card(*n))
                        .collect(),
                    totals: Totals {
                        units: labels.number(site.units.len() as i64),
                        movements: labels.number(site.movements.len() as i64),
                        people: labels.number(site.people.len() as i64),
                        collectives: labels.number(site.collectives.len() as i64),
                        conferences: labels.number(site.conferences.len() as i64),
                        commendations: labels.number(active as i64),
                    },
                };
                let mut page = self.page(
                    site.config.title.clone(),
                    urls.home(),
                    "home",
                    Vec::new(),
                    None,
                    view,
                );
                page.description = site
                    .home
                    .description
                    .clone()
                    .or_else(|| site.config.description.clone());
                self.render_page("index.html", page)
            }
            Job::Units => {
                let view = UnitsView {
                    intro_html: self.intro(site.intro(crate::entities::Kind::Unit)),
                    tree: self.tree(),
                    count: site.units.len(),
                };
                let title = self.section_title(crate::entities::Kind::Unit, "units");
                let page = self.top_page(title, urls.section(&paths.units), "units", view);
                self.render_page("units.html", page)
            }
            Job::Unit(id) => {
                let u = &site.units[id.ix()];
                let people: Vec<ExemplarId> = u
                    .exemplars
                    .iter()
                    .copied()
                    .filter(|e| matches!(e, ExemplarId::Person(_)))
                    .collect();
                let collectives: Vec<ExemplarId> = u
                    .exemplars
                    .iter()
                    .copied()
                    .filter(|e| matches!(e, ExemplarId::Collective(_)))
                    .collect();
                let shown_people: Vec<&str> =
                    people.iter().take(size).map(|e| ctx.card(*e)).collect();
                let room = size.saturating_sub(shown_people.len()).max(size.min(12));
                let url = urls.unit(&u.meta.slug);
                let view = UnitView {
                    name: u.name.clone(),
                    kind: u.kind,
                    kind_label: labels.unit_kind(u.kind),
                    is_cluster: matches!(u.kind, "cum-thi-dua" | "khoi-thi-dua"),
                    body_html: self.body(&u.meta),
                    address: u.address.clone(),
                    website: u.website.as_ref().map(|w| Link {
                        title: w.clone(),
                        url: if w.starts_with("http://") || w.starts_with("https://") {
                            w.clone()
                        } else {
                            format!("https://{w}")
                        },
                    }),
                    logo: u.logo.as_ref().map(|f| urls.file(f)),
                    established: u.established.map(|d| labels.date(d)),
                    dissolved: u.dissolved.map(|d| labels.date(d)),
                    dissolved_long: u.dissolved.map(|d| labels.date_long(d)),
                    successor: u.successor.map(|s| ctx.unit_link(s)),
                    predecessors: u
                        .predecessors
                        .iter()
                        .map(|p| {
                            let pu = &site.units[p.ix()];
                            PredecessorView {
                                link: ctx.unit_link(*p),
                                dissolved: pu.dissolved.map(|d| labels.date(d)),
                                count: pu.active_count,
                                exemplar_count: pu.exemplars.len(),
                                award_counts: ctx.award_counts(&pu.award_counts),
                            }
                        })
                        .collect(),
                    clusters: u.clusters.iter().map(|c| ctx.unit_link(*c)).collect(),
                    children: u.children.iter().map(|c| ctx.unit_card(*c)).collect(),
                    members: u.members.iter().map(|c| ctx.unit_card(*c)).collect(),
                    scores: u
                        .scores
                        .iter()
                        .map(|y| YearScoresView {
                            year: y.year,
                            rows: y
                                .entries
                                .iter()
                                .map(|e| ScoreRowView {
                                    rank: e.rank,
                                    unit: ctx.unit_link(e.unit),
                                    score: crate::vi::format_decimal(e.score, site.config.language),
                                    note: e.note.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                    award_counts: ctx.award_counts(&u.award_counts),
                    commendation_count: u.roll.len(),
                    active_count: u.active_count,
                    commendations: ctx.rows(&u.roll[..u.roll.len().min(size)]),
                    commendations_url: (u.roll.len() > size).then(|| format!("{url}khen-thuong/")),
                    people_count: people.len(),
                    people: shown_people,
                    collectives_count: collectives.len(),
                    collectives: collectives
                        .iter()
                        .take(room)
                        .map(|e| ctx.card(*e))
                        .collect(),
                    exemplars_url: (u.exemplars.len() > size).then(|| format!("{url}dien-hinh/")),
                    movements: u
                        .movements_launched
                        .iter()
                        .map(|m| ctx.movement_card(*m))
                        .collect(),
                    conferences: u
                        .conferences_organised
                        .iter()
                        .map(|c| ctx.conference_card(*c))
                        .collect(),
                    extra: u.meta.extra.as_ref(),
                };
                let page = self.page(
                    u.name.clone(),
                    url,
                    "units",
                    self.unit_crumbs(id),
                    None,
                    view,
                );
                self.render_page("unit.html", page)
            }
            Job::UnitRoll(id, n) | Job::UnitExemplars(id, n) => {
                let u = &site.units[id.ix()];
                let owner = ctx.unit_link(id);
                let mut crumbs = self.unit_crumbs(id);
                crumbs.push(owner.clone());
                let roll = Roll {
                    ids: &u.roll,
                    active: u.active_count,
                    exemplars: &u.exemplars,
                };
                self.roll_page(job, owner, crumbs, "units", roll, n)
            }
            Job::MovementRoll(id, n) | Job::MovementExemplars(id, n) => {
                let m = &site.movements[id.ix()];
                let owner = ctx.movement_link(id);
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("movements", &paths.movements),
                    owner.clone(),
                ];
                let roll = Roll {
                    ids: &m.commendations,
                    active: m.active_count,
                    exemplars: &m.exemplars,
                };
                self.roll_page(job, owner, crumbs, "movements", roll, n)
            }
            Job::Movements => {
                let by = |s: MovementStatus| {
                    site.movement_order
                        .iter()
                        .filter(|m| site.movements[m.ix()].status == s)
                        .map(|m| ctx.movement_card(*m))
                        .collect()
                };
                let view = MovementsView {
                    intro_html: self.intro(site.intro(crate::entities::Kind::Movement)),
                    ongoing: by(MovementStatus::Ongoing),
                    upcoming: by(MovementStatus::Upcoming),
                    ended: by(MovementStatus::Ended),
                };
                let title = self.section_title(crate::entities::Kind::Movement, "movements");
                let page = self.top_page(title, urls.section(&paths.movements), "movements", view);
                self.render_page("movements.html", page)
            }
            Job::Movement(id) => {
                let m = &site.movements[id.ix()];
                let url = urls.movement(&m.meta.slug);
                let view = MovementView {
                    title: m.title.clone(),
                    slogan: m.slogan.clone(),
                    status: m.status.key(),
                    status_label: labels.status(m.status),
                    period: labels.period(m.starts, m.ends),
                    starts: m.starts.map(|d| labels.date(d)),
                    ends: m.ends.map(|d| labels.date(d)),
                    launched: m.launched.map(|d| labels.date(d)),
                    launched_by: ctx.unit_link(m.launched_by),
                    parent: m.parent.map(|p| ctx.movement_link(p)),
                    children: m.children.iter().map(|c| ctx.movement_card(*c)).collect(),
                    based_on: m.based_on.clone(),
                    goals: m.goals.clone(),
                    awards: m.awards.iter().map(|a| ctx.award_view(*a)).collect(),
                    documents: ctx.documents(&m.documents),
                    exemplars: m
                        .exemplars
                        .iter()
                        .take(size)
                        .map(|e| ctx.card(*e))
                        .collect(),
                    exemplar_count: m.exemplars.len(),
                    exemplars_url: (m.exemplars.len() > size).then(|| format!("{url}dien-hinh/")),
                    commendations: ctx.rows(&m.commendations[..m.commendations.len().min(size)]),
                    commendation_count: site.active_count(&m.commendations) as usize,
                    revoked_count: m.commendations.len()
                        - site.active_count(&m.commendations) as usize,
                    commendations_url: (m.commendations.len() > size)
                        .then(|| format!("{url}khen-thuong/")),
                    launched_at: m
                        .launched_at
                        .iter()
                        .map(|c| ctx.conference_card(*c))
                        .collect(),
                    body_html: self.body(&m.meta),
                    extra: m.meta.extra.as_ref(),
                };
                let mut crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("movements", &paths.movements),
                ];
                if let Some(p) = m.parent {
                    crumbs.push(ctx.movement_link(p));
                }
                let mut page = self.page(m.title.clone(), url, "movements", crumbs, None, view);
                page.description = m.slogan.clone();
                self.render_page("movement.html", page)
            }
            Job::People(n) | Job::Collectives(n) => {
                let (kind, key, path, ids): (_, _, _, Vec<ExemplarId>) = if let Job::People(_) = job
                {
                    (
                        "person",
                        "people",
                        &paths.people,
                        site.people_order
                            .iter()
                            .map(|p| ExemplarId::Person(*p))
                            .collect(),
                    )
                } else {
                    (
                        "collective",
                        "collectives",
                        &paths.collectives,
                        site.collectives_order
                            .iter()
                            .map(|c| ExemplarId::Collective(*c))
                            .collect(),
                    )
                };
                let section_kind = if kind == "person" {
                    crate::entities::Kind::Person
                } else {
                    crate::entities::Kind::Collective
                };
                let url = urls.section(path);
                let total = page_count(ids.len(), size);
                let view = ExemplarsView {
                    intro_html: if n == 1 {
                        self.intro(site.intro(section_kind))
                    } else {
                        None
                    },
                    kind,
                    total: ids.len(),
                    items: page_slice(&ids, size, n)
                        .iter()
                        .map(|e| ctx.card(*e))
                        .collect(),
                };
                let title = self.paged_title(self.section_title(section_kind, key), n);
                let page = self.page(
                    title,
                    Urls::paged(&url, n),
                    if kind == "person" {
                        "people"
                    } else {
                        "collectives"
                    },
                    vec![self.home_crumb()],
                    Pagination::new(&url, n, total),
                    view,
                );
                self.render_page(
                    if kind == "person" {
                        "people.html"
                    } else {
                        "collectives.html"
                    },
                    page,
                )
            }
            Job::Person(id) => self.profile_page(ExemplarId::Person(id)),
            Job::Collective(id) => self.profile_page(ExemplarId::Collective(id)),
            Job::Conferences => {
                let mut upcoming: Vec<ConferenceCard> = site
                    .conference_order
                    .iter()
                    .filter(|c| site.conferences[c.ix()].date >= site.now)
                    .map(|c| ctx.conference_card(*c))
                    .collect();
                upcoming.reverse();
                let view = ConferencesView {
                    intro_html: self.intro(site.intro(crate::entities::Kind::Conference)),
                    upcoming,
                    past: site
                        .conference_order
                        .iter()
                        .filter(|c| site.conferences[c.ix()].date < site.now)
                        .map(|c| ctx.conference_card(*c))
                        .collect(),
                };
                let title = self.section_title(crate::entities::Kind::Conference, "conferences");
                let page =
                    self.top_page(title, urls.section(&paths.conferences), "conferences", view);
                self.render_page("conferences.html", page)
            }
            Job::Conference(id) => {
                let c = &site.conferences[id.ix()];
                let mut chain: Vec<ChainItem> = c
                    .chain
                    .iter()
                    .map(|x| {
                        let xc = &site.conferences[x.ix()];
                        ChainItem {
                            link: ctx.conference_link(*x),
                            date: labels.date(xc.date),
                            organizer: site.units[xc.organizer.ix()].name.clone(),
                            current: *x == id,
                        }
                    })
                    .collect();
                if chain.len() == 1 && c.previous.is_empty() {
                    chain.clear();
                }
                let view = ConferenceView {
                    title: c.title.clone(),
                    kind_label: labels.conference_kind(c.kind),
                    organizer: ctx.unit_link(c.organizer),
                    date: labels.date(c.date),
                    date_long: labels.date_long(c.date),
                    date_iso: c.date.to_string(),
                    upcoming: c.date >= site.now,
                    location: c.location.clone(),
                    edition: c.edition.map(|e| labels.edition(e)),
                    period: c.period.clone(),
                    chain,
                    previous: c.lower.iter().map(|p| ctx.conference_card(*p)).collect(),
                    programme: c.programme.clone(),
                    delegates: c
                        .delegates
                        .as_ref()
                        .map(|d| ctx.delegates(d, &c.delegate_issues)),
                    honoured: c.honoured.iter().map(|e| ctx.card(*e)).collect(),
                    speakers: c.speakers.iter().map(|e| ctx.card(*e)).collect(),
                    launched: c.launched.iter().map(|m| ctx.movement_card(*m)).collect(),
                    elected: c
                        .elected
                        .iter()
                        .map(|p| ctx.card(ExemplarId::Person(*p)))
                        .collect(),
                    covenants: c
                        .covenants
                        .iter()
                        .map(|cov| CovenantView {
                            title: cov.title.clone(),
                            units: cov.units.iter().map(|u| ctx.unit_link(*u)).collect(),
                        })
                        .collect(),
                    documents: ctx.documents(&c.documents),
                    awards: ctx.rows(&c.awards),
                    body_html: self.body(&c.meta),
                    extra: c.meta.extra.as_ref(),
                };
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("conferences", &paths.conferences),
                ];
                let page = self.page(
                    c.title.clone(),
                    urls.conference(&c.meta.slug),
                    "conferences",
                    crumbs,
                    None,
                    view,
                );
                self.render_page("conference.html", page)
            }
            Job::Commendations(n) => {
                let ids = &self.all_ids;
                let url = urls.section(&paths.commendations);
                let title = self.paged_title(
                    self.section_title(crate::entities::Kind::Decision, "commendations"),
                    n,
                );
                let listing = Listing {
                    kind: "all",
                    ids,
                    active: site.active_total,
                    year: None,
                    award: None,
                };
                self.commendations_page(listing, title, url, vec![self.home_crumb()], n)
            }
            Job::Year(i, n) => {
                let (year, ids) = &site.by_year[i];
                let url = urls.year(*year);
                let title = self.paged_title(
                    labels
                        .strings
                        .format("commendations.year_title", &[("year", &year.to_string())]),
                    n,
                );
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("commendations", &paths.commendations),
                ];
                let listing = Listing {
                    kind: "year",
                    ids,
                    active: site.active_by_year[i],
                    year: Some(*year),
                    award: None,
                };
                self.commendations_page(listing, title, url, crumbs, n)
            }
            Job::Award(i, n) => {
                let (award, ids) = &site.by_award[i];
                let a = site.config.awards.get(*award);
                let url = urls.award(&a.slug);
                let title = self.paged_title(a.name.clone(), n);
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("commendations", &paths.commendations),
                ];
                let listing = Listing {
                    kind: "award",
                    ids,
                    active: site.active_by_award[i],
                    year: None,
                    award: Some(*award),
                };
                self.commendations_page(listing, title, url, crumbs, n)
            }
            Job::Decisions(n) => {
                let url = urls.decisions();
                let items: Vec<DecisionItem> = page_slice(&site.decision_order, size, n)
                    .iter()
                    .map(|id| {
                        let d = &site.decisions[id.ix()];
                        DecisionItem {
                            link: Link {
                                title: d.number.clone().unwrap_or_else(|| d.slug.clone()),
                                url: decision_url(site, urls, *id),
                            },
                            date: d.date.map(|x| labels.date(x)),
                            authority: d.authority.clone(),
                            count: site.active_count(&d.commendations) as usize,
                        }
                    })
                    .collect();
                let view = DecisionsView {
                    total: site.decision_order.len(),
                    items,
                };
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("commendations", &paths.commendations),
                ];
                let title = self.paged_title(labels.get("decision.list_title"), n);
                let page = self.page(
                    title,
                    Urls::paged(&url, n),
                    "commendations",
                    crumbs,
                    Pagination::new(&url, n, page_count(site.decision_order.len(), size)),
                    view,
                );
                self.render_page("decisions.html", page)
            }
            Job::Decision(id) => {
                let d = &site.decisions[id.ix()];
                let view = DecisionView {
                    number: d.number.clone(),
                    date: d.date.map(|x| labels.date(x)),
                    date_long: d.date.map(|x| labels.date_long(x)),
                    authority: d.authority.clone(),
                    conferred_by: d.conferred_by.map(|u| ctx.unit_link(u)),
                    rows: ctx.rows(&d.commendations),
                    count: site.active_count(&d.commendations) as usize,
                    revoked_count: d.commendations.len()
                        - site.active_count(&d.commendations) as usize,
                    extra: d.extra.as_ref(),
                };
                let title = match &d.number {
                    Some(n) => labels.strings.format("decision.title", &[("number", n)]),
                    None => labels.get("decision.untitled"),
                };
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("commendations", &paths.commendations),
                    Link {
                        title: labels.get("decision.list_title"),
                        url: urls.decisions(),
                    },
                ];
                let page = self.page(
                    title,
                    urls.decision(&d.slug),
                    "commendations",
                    crumbs,
                    None,
                    view,
                );
                self.render_page("decision.html", page)
            }
            Job::NewsList(n) => {
                let url = urls.section(&paths.news);
                let view = NewsListView {
                    intro_html: if n == 1 {
                        self.intro(site.intro(crate::entities::Kind::News))
                    } else {
                        None
                    },
                    items: page_slice(&site.news_order, size, n)
                        .iter()
                        .map(|x| ctx.news_card(*x))
                        .collect(),
                };
                let title =
                    self.paged_title(self.section_title(crate::entities::Kind::News, "news"), n);
                let page = self.page(
                    title,
                    Urls::paged(&url, n),
                    "news",
                    vec![self.home_crumb()],
                    Pagination::new(&url, n, page_count(site.news.len(), size)),
                    view,
                );
                self.render_page("news_list.html", page)
            }
            Job::News(id) => {
                let n = &site.news[id.ix()];
                let view = NewsView {
                    title: n.title.clone(),
                    date: labels.date(n.date),
                    date_long: labels.date_long(n.date),
                    date_iso: n.date.to_string(),
                    summary: n.summary.clone(),
                    photo: n.photo.as_ref().map(|f| urls.file(f)),
                    body_html: self.body(&n.meta),
                    about: n
                        .about
                        .iter()
                        .map(|a| {
                            let (link, key) = match *a {
                                EntityRef::Person(p) => {
                                    (ctx.exemplar_link(ExemplarId::Person(p)), "recipient.person")
                                }
                                EntityRef::Collective(c) => (
                                    ctx.exemplar_link(ExemplarId::Collective(c)),
                                    "recipient.collective",
                                ),
                                EntityRef::Unit(u) => (ctx.unit_link(u), "recipient.unit"),
                                EntityRef::Movement(m) => (ctx.movement_link(m), "nav.movements"),
                                EntityRef::Conference(c) => {
                                    (ctx.conference_link(c), "nav.conferences")
                                }
                            };
                            AboutLink {
                                link,
                                kind_label: labels.get(key),
                            }
                        })
                        .collect(),
                    extra: n.meta.extra.as_ref(),
                };
                let crumbs = vec![self.home_crumb(), self.section_crumb("news", &paths.news)];
                let mut page = self.page(
                    n.title.clone(),
                    urls.news(&n.meta.slug),
                    "news",
                    crumbs,
                    None,
                    view,
                );
                page.description = n.summary.clone();
                self.render_page("news.html", page)
            }
            Job::Page(id) => {
                let p = &site.pages[id.ix()];
                let view = FreePageView {
                    body_html: self.body(&p.meta),
                    extra: p.meta.extra.as_ref(),
                };
                let page = self.top_page(p.title.clone(), urls.page(&p.meta.slug), "pages", view);
                self.render_page("page.html", page)
            }
            Job::Search => {
                let view = SearchView { tree: self.tree() };
                let page = self.top_page(
                    labels.get("search.title"),
                    urls.section(&paths.search),
                    "search",
                    view,
                );
                self.render_page("search.html", page)
            }
            Job::Stats => {
                let view = crate::stats::stats(site, urls, labels);
                let page = self.top_page(
                    labels.get("stats.title"),
                    urls.section(&paths.statistics),
                    "statistics",
                    view,
                );
                self.render_page("stats.html", page)
            }
            Job::OpenData => {
                let english = site.config.language == crate::vi::Lang::En;
                let view = OpenDataView {
                    count: labels.number(site.commendations.len() as i64),
                    fields: crate::opendata::FIELDS
                        .iter()
                        .map(|(name, vi, en)| FieldView {
                            name,
                            meaning: if english { en } else { vi },
                        })
                        .collect(),
                };
                let crumbs = vec![
                    self.home_crumb(),
                    self.section_crumb("commendations", &paths.commendations),
                ];
                let page = self.page(
                    labels.get("open_data.title"),
                    urls.open_data(),
                    "commendations",
                    crumbs,
                    None,
                    view,
                );
                self.render_page("open_data.html", page)
            }
            Job::NotFound => {
                let mut page = self.page(
                    labels.get("not_found.title"),
                    urls.root_file("404.html"),
                    "other",
                    Vec::new(),
                    None,
                    (),
                );
                page.canonical = urls.absolute(&urls.home());
                self.render_page("404.html", page)
            }
            Job::NewsFeed => {
                let entries = site
                    .news_order
                    .iter()
                    .take(30)
                    .map(|id| {
                        let n = &site.news[id.ix()];
                        let url = urls.absolute(&urls.news(&n.meta.slug));
                        FeedEntry {
                            title: n.title.clone(),
                            id: url.clone(),
                            url,
                            updated: rfc3339(n.date),
                            summary: n.summary.clone(),
                        }
                    })
                    .collect::<Vec<_>>();
                let updated = site
                    .news_order
                    .first()
                    .map(|n| rfc3339(site.news[n.ix()].date))
                    .unwrap_or_else(|| rfc3339(site.now));
                let feed = FeedView {
                    feed_title: format!("{} – {}", site.config.title, labels.get("nav.news")),
                    self_url: urls.absolute(&urls.root_file("atom.xml")),
                    alternate: urls.absolute(&urls.section(&paths.news)),
                    updated,
                    entries,
                };
                let page = self.page(
                    feed.feed_title.clone(),
                    urls.root_file("atom.xml"),
                    "feeds",
                    Vec::new(),
                    None,
                    feed,
                );
                self.render_page("atom.xml", page)
            }
            Job::CommendationsFeed => {
                let entries = site
                    .commendations
                    .iter()
                    .enumerate()
                    .take(50)
                    .map(|(i, c)| {
                        let row = &ctx.rows[i];
                        let target = row
                            .recipient
                            .url
                            .clone()
                            .or_else(|| row.decision.as_ref().map(|d| d.url.clone()))
                            .unwrap_or_else(|| row.unit.url.clone());
                        let mut summary = row.award.name.clone();
                        if let Some(d) = &row.decision {
                            summary.push_str(&format!(" – {}", d.title));
                        }
                        if let Some(cit) = &row.citation {
                            summary.push_str(&format!(". {cit}"));
                        }
                        if row.revoked.is_some() {
                            summary.push_str(&format!(" ({})", labels.get("commendation.revoked")));
                        }
                        FeedEntry {
                            title: format!("{} – {}", row.recipient.name, row.award.name),
                            url: urls.absolute(&target),
                            id: format!(
                                "{}#{}",
                                urls.absolute(&urls.section(&paths.commendations)),
                                row.id
                            ),
                            updated: rfc3339(
                                c.date
                                    .max(c.revoked.as_ref().and_then(|r| r.date))
                                    .unwrap_or(site.now),
                            ),
                            summary: Some(summary),
                        }
                    })
                    .collect::<Vec<_>>();
                let updated = entries
                    .first()
                    .map(|e| e.updated.clone())
                    .unwrap_or_else(|| rfc3339(site.now));
                let feed = FeedView {
                    feed_title: format!(
                        "{} – {}",
                        site.config.title,
                        labels.get("nav.commendations")
                    ),
                    self_url: urls.absolute(&urls.commendations_file("atom.xml")),
                    alternate: urls.absolute(&urls.section(&paths.commendations)),
                    updated,
                    entries,
                };
                let page = self.page(
                    feed.feed_title.clone(),
                    urls.commendations_file("atom.xml"),
                    "feeds",
                    Vec::new(),
                    None,
                    feed,
                );
                self.render_page("atom.xml", page)
            }
        }
    }

    fn section_title(&self, kind: crate::entities::Kind, key: &str) -> String {
        self.ctx
            .site
            .intro(kind)
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| self.ctx.labels.get(&format!("nav.{key}")))
    }

    fn tree(&self) -> Vec<TreeNode> {
        fn node(r: &Renderer<'_>, id: UnitId) -> TreeNode {
            let u = &r.ctx.site.units[id.ix()];
            TreeNode {
                link: r.ctx.unit_link(id),
                kind_label: r.ctx.labels.unit_kind(u.kind),
                count: u.active_count,
                dissolved: u.dissolved.is_some_and(|d| d <= r.ctx.site.now),
                children: u.children.iter().map(|c| node(r, *c)).collect(),
            }
        }
        self.ctx.site.roots.iter().map(|r| node(self, *r)).collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn roll_page(
        &self,
        job: Job,
        owner: Link,
        crumbs: Vec<Link>,
        section: &'static str,
        roll: Roll<'_>,
        n: usize,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let Roll {
            ids: roll,
            active,
            exemplars,
        } = roll;
        let ctx = &self.ctx;
        let size = ctx.site.config.page_size;
        let is_roll = matches!(job, Job::UnitRoll(..) | Job::MovementRoll(..));
        let (list, sub, title_key, total) = if is_roll {
            (
                "commendations",
                "khen-thuong/",
                "roll.commendations_of",
                roll.len(),
            )
        } else {
            (
                "exemplars",
                "dien-hinh/",
                "roll.exemplars_of",
                exemplars.len(),
            )
        };
        let revoked_count = if is_roll {
            roll.len() - active as usize
        } else {
            0
        };
        let url = format!("{}{sub}", owner.url);
        let view = RollView {
            list,
            total: total - revoked_count,
            revoked_count,
            rows: if is_roll {
                ctx.rows(page_slice(roll, size, n))
            } else {
                Vec::new()
            },
            exemplars: if is_roll {
                Vec::new()
            } else {
                page_slice(exemplars, size, n)
                    .iter()
                    .map(|e| ctx.card(*e))
                    .collect()
            },
            owner: owner.clone(),
        };
        let title = self.paged_title(
            ctx.labels
                .strings
                .format(title_key, &[("name", &owner.title)]),
            n,
        );
        let page = self.page(
            title,
            Urls::paged(&url, n),
            section,
            crumbs,
            Pagination::new(&url, n, page_count(total, size)),
            view,
        );
        self.render_page("roll.html", page)
    }

    fn profile_page(&self, id: ExemplarId) -> Result<(String, Vec<u8>), Diagnostic> {
        let ctx = &self.ctx;
        let site = ctx.site;
        let labels = &ctx.labels;
        let p = site.exemplar(id);
        let (kind, section, key, template) = match id {
            ExemplarId::Person(_) => ("person", "people", "people", "person.html"),
            ExemplarId::Collective(_) => (
                "collective",
                "collectives",
                "collectives",
                "collective.html",
            ),
        };
        let unit = &site.units[p.unit.ix()];
        let conferences = p
            .conferences
            .iter()
            .map(|c| {
                let conf = &site.conferences[c.ix()];
                let mut roles = Vec::new();
                if conf.honoured.contains(&id) {
                    roles.push(labels.get("role.honoured"));
                }
                if conf.speakers.contains(&id) {
                    roles.push(labels.get("role.speaker"));
                }
                if let ExemplarId::Person(pid) = id
                    && conf.elected.contains(&pid)
                {
                    roles.push(labels.get("role.elected"));
                }
                ConferenceRoleView {
                    link: ctx.conference_link(*c),
                    date: labels.date(conf.date),
                    roles,
                }
            })
            .collect();
        let view = ProfileView {
            name: p.name.clone(),
            kind,
            position: p.position.clone(),
            unit: ctx.unit_link(p.unit),
            unit_path: unit
                .ancestors
                .iter()
                .rev()
                .map(|a| ctx.unit_link(*a))
                .collect(),
            fields: p.fields.clone(),
            movements: p.movements.iter().map(|m| ctx.movement_link(*m)).collect(),
            photo: p.photo.as_ref().map(|f| ctx.urls.file(f)),
            summary: p.summary.clone(),
            body_html: self.body(&p.meta),
            commendations: ctx.own_rows(&p.commendations),
            active_count: p
                .commendations
                .iter()
                .filter(|c| site.commendation(**c).revoked.is_none())
                .count(),
            conferences,
            extra: p.meta.extra.as_ref(),
        };
        let path = match id {
            ExemplarId::Person(_) => &site.config.paths.people,
            ExemplarId::Collective(_) => &site.config.paths.collectives,
        };
        let crumbs = vec![self.home_crumb(), self.section_crumb(key, path)];
        let mut page = self.page(
            p.name.clone(),
            ctx.exemplar_url(id),
            section,
            crumbs,
            None,
            view,
        );
        page.description = p.summary.clone();
        self.render_page(template, page)
    }

    fn commendations_page(
        &self,
        listing: Listing<'_>,
        title: String,
        url: String,
        crumbs: Vec<Link>,
        n: usize,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let Listing {
            kind,
            ids,
            active,
            year,
            award,
        } = listing;
        let ctx = &self.ctx;
        let site = ctx.site;
        let size = site.config.page_size;
        let labels = &ctx.labels;
        let view = CommendationsView {
            kind,
            intro_html: if kind == "all" && n == 1 {
                self.intro(site.intro(crate::entities::Kind::Decision))
            } else {
                None
            },
            year,
            award: award.map(|a| ctx.award_view(a)),
            total: labels.number(active as i64),
            revoked: labels.number((ids.len() - active as usize) as i64),
            rows: ctx.rows(page_slice(ids, size, n)),
            years: site
                .by_year
                .iter()
                .zip(&site.active_by_year)
                .map(|((y, _), active)| FilterLink {
                    title: y.to_string(),
                    url: ctx.urls.year(*y),
                    count: labels.number(*active as i64),
                    current: Some(*y) == year,
                })
                .collect(),
            awards: site
                .by_award
                .iter()
                .zip(&site.active_by_award)
                .map(|((a, _), active)| FilterLink {
                    title: site.config.awards.get(*a).name.clone(),
                    url: ctx.urls.award(&site.config.awards.get(*a).slug),
                    count: labels.number(*active as i64),
                    current: Some(*a) == award,
                })
                .collect(),
        };
        let pagination = Pagination::new(&url, n, page_count(ids.len(), size));
        let page = self.page(
            title,
            Urls::paged(&url, n),
            "commendations",
            crumbs,
            pagination,
            view,
        );
        self.render_page("commendations.html", page)
    }
}

/// The full lists of a unit or movement, for its roll pages.
struct Roll<'r> {
    ids: &'r [CommendationId],
    /// How many of `ids` are in force, computed once.
    active: u32,
    exemplars: &'r [ExemplarId],
}

/// One list of the commendation index: all, a year, or an award.
struct Listing<'l> {
    kind: &'static str,
    ids: &'l [CommendationId],
    /// How many of `ids` are in force, computed once per list.
    active: u32,
    year: Option<i32>,
    award: Option<crate::awards::AwardId>,
}

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

#[derive(Serialize)]
struct FeedView {
    feed_title: String,
    self_url: String,
    alternate: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    id: String,
    updated: String,
    summary: Option<String>,
}

fn rfc3339(d: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", d)
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
