//! The site's URLs: every page and file under the base path, so that every
//! link works when the site is served from a sub-path
//! (`https://example.gov.vn/vinh-danh/`), and the output file of each page.

use crate::load::config::Paths;
use crate::model::FileRef;

/// Makes the site's URLs. Every URL is a path under the base path.
#[derive(Clone, Debug)]
pub struct Urls {
    /// `/` or `/vinh-danh/`.
    pub base: String,
    /// Absolute base URL (`https://…/vinh-danh/`), or the base path when none is known.
    pub absolute_base: String,
    /// Section names.
    pub paths: Paths,
}

impl Urls {
    /// URLs for a site.
    pub fn new(base_path: &str, base_url: &str, paths: &Paths) -> Self {
        Urls {
            base: base_path.to_string(),
            absolute_base: base_url.to_string(),
            paths: paths.clone(),
        }
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.base.clone()
    }

    /// A section's index.
    pub fn section(&self, section: &str) -> String {
        format!("{}{section}/", self.base)
    }

    fn item(&self, section: &str, slug: &str) -> String {
        format!("{}{section}/{slug}/", self.base)
    }

    pub fn unit(&self, slug: &str) -> String {
        self.item(&self.paths.units, slug)
    }
    /// `/don-vi/lich-su/`: every change of the units, in date order.
    pub fn unit_history(&self) -> String {
        self.item(&self.paths.units, crate::model::UNIT_HISTORY)
    }
    pub fn movement(&self, slug: &str) -> String {
        self.item(&self.paths.movements, slug)
    }
    pub fn person(&self, slug: &str) -> String {
        self.item(&self.paths.people, slug)
    }
    pub fn collective(&self, slug: &str) -> String {
        self.item(&self.paths.collectives, slug)
    }
    pub fn conference(&self, slug: &str) -> String {
        self.item(&self.paths.conferences, slug)
    }
    pub fn plan(&self, slug: &str) -> String {
        self.item(&self.paths.plans, slug)
    }
    /// A news category: `/tin-tuc/chuyen-muc/<slug>/`.
    pub fn category(&self, slug: &str) -> String {
        format!("{}chuyen-muc/{slug}/", self.section(&self.paths.news))
    }
    pub fn news(&self, slug: &str) -> String {
        self.item(&self.paths.news, slug)
    }
    /// The page of a recipient of kind `person`, `collective` or `unit`.
    pub fn recipient(&self, kind: &str, slug: &str) -> String {
        match kind {
            "person" => self.person(slug),
            "collective" => self.collective(slug),
            _ => self.unit(slug),
        }
    }
    /// A free page, at the top of the site.
    pub fn page(&self, slug: &str) -> String {
        format!("{}{slug}/", self.base)
    }
    /// The commendations of one award kind.
    pub fn award(&self, slug: &str) -> String {
        self.item(&self.paths.commendations, slug)
    }
    /// The commendations of one year.
    pub fn year(&self, year: i32) -> String {
        format!("{}{}/nam/{year}/", self.base, self.paths.commendations)
    }
    /// The index of decisions.
    pub fn decisions(&self) -> String {
        format!("{}{}/quyet-dinh/", self.base, self.paths.commendations)
    }
    /// A decision.
    pub fn decision(&self, slug: &str) -> String {
        format!(
            "{}{}/quyet-dinh/{slug}/",
            self.base, self.paths.commendations
        )
    }
    /// The open data description page.
    pub fn open_data(&self) -> String {
        format!("{}{}/du-lieu/", self.base, self.paths.commendations)
    }
    /// A file under the commendation section (`index.json`, `atom.xml`).
    pub fn commendations_file(&self, name: &str) -> String {
        format!("{}{}/{name}", self.base, self.paths.commendations)
    }
    /// A file at the top of the site.
    pub fn root_file(&self, name: &str) -> String {
        format!("{}{name}", self.base)
    }
    /// A content file copied through (`people/nguyen-thi-hoa/anh.jpg`).
    pub fn asset(&self, rel: &str) -> String {
        let encoded: Vec<String> = rel.split('/').map(encode_segment).collect();
        format!("{}{}", self.base, encoded.join("/"))
    }
    /// A file reference.
    pub fn file(&self, f: &FileRef) -> String {
        match f {
            FileRef::Local(rel) => self.asset(rel),
            FileRef::External(url) => url.clone(),
        }
    }
    /// Page `n` of a paginated listing at `url` (page 1 is `url` itself).
    pub fn paged(url: &str, n: usize) -> String {
        if n <= 1 {
            url.to_string()
        } else {
            format!("{url}trang/{n}/")
        }
    }
    /// The absolute form of a site URL, for feeds, sitemaps and canonical links.
    pub fn absolute(&self, url: &str) -> String {
        match url.strip_prefix(&self.base) {
            Some(rest) => format!("{}{rest}", self.absolute_base),
            None => url.to_string(),
        }
    }
    /// The output file of a page URL (`ca-nhan/x/index.html`).
    pub fn output_path(&self, url: &str) -> String {
        let rel = url.strip_prefix(&self.base).unwrap_or(url);
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }
}

fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
