//! The pages of a site as a list of small jobs (a unit, a page of the
//! commendation index, a feed…), each rendered on its own, in any order.
//!
//! Adding a page kind: a `Job` variant, the line that lists its jobs in
//! [`jobs`], the line that renders it in [`Renderer::render_job`], and its
//! module in `pages/` with its view and template.

use super::pages;
use super::pagination::page_count;
use super::urls::Urls;
use super::{RenderedFile, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::*;

/// The kinds of pages, as the build summary counts them, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Units,
    Movements,
    People,
    Collectives,
    Conferences,
    CommendationIndex,
    Decisions,
    News,
    Pages,
    Plans,
    Feeds,
    Other,
}

impl PageKind {
    /// Every kind, in the order of the summary.
    pub const ALL: [PageKind; 13] = [
        PageKind::Home,
        PageKind::Units,
        PageKind::Movements,
        PageKind::People,
        PageKind::Collectives,
        PageKind::Conferences,
        PageKind::CommendationIndex,
        PageKind::Decisions,
        PageKind::News,
        PageKind::Pages,
        PageKind::Plans,
        PageKind::Feeds,
        PageKind::Other,
    ];

    /// How the summary names it.
    pub fn label(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Units => "units",
            PageKind::Movements => "movements",
            PageKind::People => "people",
            PageKind::Collectives => "collectives",
            PageKind::Conferences => "conferences",
            PageKind::CommendationIndex => "commendation index",
            PageKind::Decisions => "decisions",
            PageKind::News => "news",
            PageKind::Pages => "pages",
            PageKind::Plans => "plans",
            PageKind::Feeds => "feeds",
            PageKind::Other => "other",
        }
    }
}

/// One page to render.
#[derive(Clone, Copy, Debug)]
pub enum Job {
    Home,
    Units,
    UnitHistory,
    Unit(UnitId),
    UnitRoll(UnitId, usize),
    UnitExemplars(UnitId, usize),
    /// A unit's honour board for a year.
    UnitBoard(UnitId, i32),
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
    Category(usize, usize),
    News(NewsId),
    Page(PageId),
    Plans,
    Plan(PlanId),
    Calendar,
    CalendarIcs,
    Search,
    Stats,
    Library(usize),
    OpenData,
    NotFound,
    NewsFeed,
    CommendationsFeed,
}

impl Job {
    /// The kind of page it makes.
    pub fn kind(self) -> PageKind {
        match self {
            Job::Home => PageKind::Home,
            Job::Units
            | Job::UnitHistory
            | Job::Unit(_)
            | Job::UnitRoll(..)
            | Job::UnitExemplars(..)
            | Job::UnitBoard(..) => PageKind::Units,
            Job::Movements
            | Job::Movement(_)
            | Job::MovementRoll(..)
            | Job::MovementExemplars(..) => PageKind::Movements,
            Job::People(_) | Job::Person(_) => PageKind::People,
            Job::Collectives(_) | Job::Collective(_) => PageKind::Collectives,
            Job::Conferences | Job::Conference(_) => PageKind::Conferences,
            Job::Commendations(_) | Job::Year(..) | Job::Award(..) => PageKind::CommendationIndex,
            Job::Decisions(_) | Job::Decision(_) => PageKind::Decisions,
            Job::NewsList(_) | Job::News(_) | Job::Category(..) => PageKind::News,
            Job::Page(_) => PageKind::Pages,
            Job::Plans | Job::Plan(_) | Job::Calendar => PageKind::Plans,
            Job::CalendarIcs => PageKind::Feeds,
            Job::Search | Job::Stats | Job::Library(_) | Job::OpenData | Job::NotFound => {
                PageKind::Other
            }
            Job::NewsFeed | Job::CommendationsFeed => PageKind::Feeds,
        }
    }
}

/// Pages `1..=n` of a listing of `len` items.
fn pages_of(len: usize, size: usize) -> std::ops::RangeInclusive<usize> {
    1..=page_count(len, size)
}

/// Every page of the site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let size = site.config.page_size;
    let mut jobs = vec![
        Job::Home,
        Job::Units,
        Job::UnitHistory,
        Job::Movements,
        Job::Conferences,
        Job::Plans,
        Job::Calendar,
        Job::CalendarIcs,
        Job::Search,
        Job::Stats,
        Job::OpenData,
        Job::NotFound,
        Job::NewsFeed,
        Job::CommendationsFeed,
    ];
    jobs.extend(pages_of(site.library.len(), pages::library::PAGE).map(Job::Library));
    for (i, u) in site.units.iter().enumerate() {
        let id = UnitId(i as u32);
        jobs.push(Job::Unit(id));
        if super::pages::units::roll_folds(u.roll.len(), size) {
            jobs.extend(pages_of(u.roll.len(), size).map(|n| Job::UnitRoll(id, n)));
        }
        if super::pages::units::exemplars_fold(u.exemplars.len(), size) {
            jobs.extend(pages_of(u.exemplars.len(), size).map(|n| Job::UnitExemplars(id, n)));
        }
        jobs.extend(
            pages::boards::years(site, u)
                .into_iter()
                .map(|y| Job::UnitBoard(id, y)),
        );
    }
    for (i, m) in site.movements.iter().enumerate() {
        let id = MovementId(i as u32);
        jobs.push(Job::Movement(id));
        if m.commendations.len() > size {
            jobs.extend(pages_of(m.commendations.len(), size).map(|n| Job::MovementRoll(id, n)));
        }
        if super::pages::units::exemplars_fold(m.exemplars.len(), size) {
            jobs.extend(pages_of(m.exemplars.len(), size).map(|n| Job::MovementExemplars(id, n)));
        }
    }
    jobs.extend(pages_of(site.people.len(), size).map(Job::People));
    jobs.extend((0..site.people.len()).map(|i| Job::Person(PersonId(i as u32))));
    jobs.extend(pages_of(site.collectives.len(), size).map(Job::Collectives));
    jobs.extend((0..site.collectives.len()).map(|i| Job::Collective(CollectiveId(i as u32))));
    jobs.extend((0..site.conferences.len()).map(|i| Job::Conference(ConferenceId(i as u32))));
    jobs.extend(pages_of(site.commendations.len(), size).map(Job::Commendations));
    for (i, (_, ids)) in site.by_year.iter().enumerate() {
        jobs.extend(pages_of(ids.len(), size).map(|n| Job::Year(i, n)));
    }
    for (i, (_, ids)) in site.by_award.iter().enumerate() {
        jobs.extend(pages_of(ids.len(), size).map(|n| Job::Award(i, n)));
    }
    jobs.extend(pages_of(site.decision_order.len(), size).map(Job::Decisions));
    jobs.extend(
        (0..site.decisions.len())
            .filter(|&i| site.decisions[i].page)
            .map(|i| Job::Decision(DecisionId(i as u32))),
    );
    jobs.extend(pages_of(site.news.len(), size).map(Job::NewsList));
    jobs.extend((0..site.news.len()).map(|i| Job::News(NewsId(i as u32))));
    for (i, c) in site.categories.iter().enumerate() {
        jobs.extend(pages_of(c.news.len(), size).map(|n| Job::Category(i, n)));
    }
    jobs.extend((0..site.pages.len()).map(|i| Job::Page(PageId(i as u32))));
    jobs.extend((0..site.plans.len()).map(|i| Job::Plan(PlanId(i as u32))));
    jobs
}

impl Renderer<'_> {
    /// The URL of the page a job renders, without rendering it (`serve`
    /// finds the job of a requested page through it).
    pub fn job_url(&self, job: Job) -> String {
        let site = self.ctx.site;
        let urls = self.ctx.urls;
        let paths = &site.config.paths;
        let unit = |id: UnitId| urls.unit(&site.units[id.ix()].meta.slug);
        let movement = |id: MovementId| urls.movement(&site.movements[id.ix()].meta.slug);
        match job {
            Job::Home => urls.home(),
            Job::Units => urls.section(&paths.units),
            Job::UnitHistory => urls.unit_history(),
            Job::Unit(id) => unit(id),
            Job::UnitRoll(id, n) => Urls::paged(&format!("{}khen-thuong/", unit(id)), n),
            Job::UnitExemplars(id, n) => Urls::paged(&format!("{}dien-hinh/", unit(id)), n),
            Job::UnitBoard(id, y) => pages::boards::url(&unit(id), y),
            Job::Movements => urls.section(&paths.movements),
            Job::Movement(id) => movement(id),
            Job::MovementRoll(id, n) => Urls::paged(&format!("{}khen-thuong/", movement(id)), n),
            Job::MovementExemplars(id, n) => Urls::paged(&format!("{}dien-hinh/", movement(id)), n),
            Job::People(n) => Urls::paged(&urls.section(&paths.people), n),
            Job::Person(id) => urls.person(&site.people[id.ix()].meta.slug),
            Job::Collectives(n) => Urls::paged(&urls.section(&paths.collectives), n),
            Job::Collective(id) => urls.collective(&site.collectives[id.ix()].meta.slug),
            Job::Conferences => urls.section(&paths.conferences),
            Job::Conference(id) => urls.conference(&site.conferences[id.ix()].meta.slug),
            Job::Commendations(n) => Urls::paged(&urls.section(&paths.commendations), n),
            Job::Year(i, n) => Urls::paged(&urls.year(site.by_year[i].0), n),
            Job::Award(i, n) => {
                let award = site.config.awards.get(site.by_award[i].0);
                Urls::paged(&urls.award(&award.slug), n)
            }
            Job::Decisions(n) => Urls::paged(&urls.decisions(), n),
            Job::Decision(id) => urls.decision(&site.decisions[id.ix()].slug),
            Job::NewsList(n) => Urls::paged(&urls.section(&paths.news), n),
            Job::News(id) => urls.news(&site.news[id.ix()].meta.slug),
            Job::Category(i, n) => Urls::paged(&urls.category(&site.categories[i].slug), n),
            Job::Page(id) => urls.page(&site.pages[id.ix()].meta.slug),
            Job::Plans => urls.section(&paths.plans),
            Job::Plan(id) => urls.plan(&site.plans[id.ix()].meta.slug),
            Job::Calendar => urls.section(&paths.calendar),
            Job::CalendarIcs => urls.root_file(&format!("{}.ics", paths.calendar)),
            Job::Search => urls.section(&paths.search),
            Job::Stats => urls.section(&paths.statistics),
            Job::Library(n) => Urls::paged(&urls.section(&paths.library), n),
            Job::OpenData => urls.open_data(),
            Job::NotFound => urls.root_file("404.html"),
            Job::NewsFeed => urls.root_file("atom.xml"),
            Job::CommendationsFeed => urls.commendations_file("atom.xml"),
        }
    }

    /// Renders one page.
    pub fn render_job(&self, job: Job) -> Result<RenderedFile, Diagnostic> {
        use pages::*;
        match job {
            Job::Home => home::render(self),
            Job::Units => units::index(self),
            Job::UnitHistory => units::history(self),
            Job::Unit(id) => units::unit(self, id),
            Job::UnitRoll(id, n) => rolls::unit(self, id, rolls::List::Commendations, n),
            Job::UnitExemplars(id, n) => rolls::unit(self, id, rolls::List::Exemplars, n),
            Job::UnitBoard(id, y) => boards::board(self, id, y),
            Job::Movements => movements::index(self),
            Job::Movement(id) => movements::movement(self, id),
            Job::MovementRoll(id, n) => rolls::movement(self, id, rolls::List::Commendations, n),
            Job::MovementExemplars(id, n) => rolls::movement(self, id, rolls::List::Exemplars, n),
            Job::People(n) => exemplars::index(self, exemplars::Which::People, n),
            Job::Person(id) => exemplars::profile(self, ExemplarId::Person(id)),
            Job::Collectives(n) => exemplars::index(self, exemplars::Which::Collectives, n),
            Job::Collective(id) => exemplars::profile(self, ExemplarId::Collective(id)),
            Job::Conferences => conferences::index(self),
            Job::Conference(id) => conferences::conference(self, id),
            Job::Commendations(n) => commendations::all(self, n),
            Job::Year(i, n) => commendations::year(self, i, n),
            Job::Award(i, n) => commendations::award(self, i, n),
            Job::Decisions(n) => decisions::index(self, n),
            Job::Decision(id) => decisions::decision(self, id),
            Job::NewsList(n) => news::index(self, n),
            Job::News(id) => news::item(self, id),
            Job::Category(i, n) => news::category(self, i, n),
            Job::Page(id) => other::free_page(self, id),
            Job::Plans => plans::index(self),
            Job::Plan(id) => plans::plan(self, id),
            Job::Calendar => calendar::page(self),
            Job::CalendarIcs => calendar::ics(self),
            Job::Search => other::search(self),
            Job::Stats => stats::render(self),
            Job::Library(n) => library::index(self, n),
            Job::OpenData => open_data::render(self),
            Job::NotFound => other::not_found(self),
            Job::NewsFeed => feeds::news(self),
            Job::CommendationsFeed => feeds::commendations(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Loader;
    use crate::resolve::{Settings, resolve};

    #[test]
    fn every_job_renders_at_the_url_it_announces() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/complete");
        let loaded = Loader::default()
            .load(&root, &Default::default())
            .value
            .unwrap();
        let settings = Settings {
            now: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            drafts: false,
        };
        let site = resolve(loaded.content, &settings).value.unwrap();
        let urls = Urls::new(
            &site.config.base_path,
            &site.config.base_url,
            &site.config.paths,
        );
        let r = Renderer::new(&site, &loaded.theme, &loaded.strings, &urls).unwrap();
        let all = jobs(&site);
        assert!(all.len() > 50);
        for job in all {
            let (path, _) = r.render_job(job).unwrap();
            assert_eq!(path, urls.output_path(&r.job_url(job)), "{job:?}");
        }
    }
}
