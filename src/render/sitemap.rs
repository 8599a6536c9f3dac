//! `sitemap.xml` and `robots.txt`, from the list of pages actually written.
//!
//! A sitemap may hold at most 50,000 addresses; a bigger site gets a sitemap
//! index at `sitemap.xml` pointing to `sitemap-1.xml`, `sitemap-2.xml`, ….
//! Addresses are absolute (the base URL with its sub-path), as the protocol
//! requires.

use crate::render::urls::Urls;

const MAX_URLS: usize = 50_000;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn urlset(urls: &[String]) -> Vec<u8> {
    let mut out = String::with_capacity(urls.len() * 80 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        out.push_str("<url><loc>");
        out.push_str(&escape(u));
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

/// The sitemap files for the HTML pages at `page_paths` (output paths such
/// as `ca-nhan/x/index.html`), as (output path, bytes).
pub fn sitemaps(urls: &Urls, page_paths: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut locs: Vec<String> = page_paths
        .iter()
        .filter(|p| p.ends_with(".html") && p.as_str() != "404.html")
        .map(|p| {
            let dir = p.strip_suffix("index.html").unwrap_or(p);
            urls.absolute(&format!("{}{dir}", urls.base))
        })
        .collect();
    locs.sort();
    if locs.len() <= MAX_URLS {
        return vec![("sitemap.xml".into(), urlset(&locs))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in locs.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&urls.absolute(&urls.root_file(&name)))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(urls: &Urls) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute(&urls.root_file("sitemap.xml"))
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::config::Paths;

    #[test]
    fn absolute_urls_under_the_sub_path() {
        let urls = Urls::new(
            "/vinh-danh/",
            "https://example.gov.vn/vinh-danh/",
            &Paths::default(),
        );
        let files = sitemaps(
            &urls,
            &[
                "index.html".into(),
                "ca-nhan/a/index.html".into(),
                "404.html".into(),
                "x.json".into(),
            ],
        );
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(text.contains("<loc>https://example.gov.vn/vinh-danh/</loc>"));
        assert!(text.contains("<loc>https://example.gov.vn/vinh-danh/ca-nhan/a/</loc>"));
        assert!(!text.contains("404"));
        assert_eq!(text.matches("<url>").count(), 2);
        let robots = String::from_utf8(robots(&urls)).unwrap();
        assert!(robots.contains("Sitemap: https://example.gov.vn/vinh-danh/sitemap.xml"));
    }

    #[test]
    fn big_sites_get_a_sitemap_index() {
        let urls = Urls::new("/", "https://x.vn/", &Paths::default());
        let pages: Vec<String> = (0..MAX_URLS + 10)
            .map(|i| format!("p/{i}/index.html"))
            .collect();
        let files = sitemaps(&urls, &pages);
        assert_eq!(files.len(), 3);
        assert_eq!(files[2].0, "sitemap.xml");
        assert!(
            String::from_utf8(files[2].1.clone())
                .unwrap()
                .contains("sitemap-2.xml")
        );
    }
}
