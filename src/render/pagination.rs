//! Paginated listings: which items a page shows, and the links between pages
//! (`…/trang/2/`), with gaps (…) in long runs of page numbers.

use super::urls::Urls;
use serde::Serialize;

/// Links to the pages of a paginated listing.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page numbers to show; `None` marks a gap (…).
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pagination {
    /// Pagination of page `current` (1-based) of `total` pages under `url`.
    pub fn new(url: &str, current: usize, total: usize) -> Option<Pagination> {
        if total <= 1 {
            return None;
        }
        let mut pages = Vec::new();
        let mut last = 0;
        for n in 1..=total {
            let show = n == 1 || n == total || n.abs_diff(current) <= 2;
            if show {
                if n > last + 1 {
                    pages.push(None);
                }
                pages.push(Some(PageLink {
                    number: n,
                    url: Urls::paged(url, n),
                    current: n == current,
                }));
                last = n;
            }
        }
        Some(Pagination {
            current,
            total,
            prev: (current > 1).then(|| Urls::paged(url, current - 1)),
            next: (current < total).then(|| Urls::paged(url, current + 1)),
            pages,
        })
    }
}

/// Splits `len` items into pages of `size`: the number of pages (at least 1).
pub fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}

/// The items of page `n` (1-based).
pub fn page_slice<T>(items: &[T], size: usize, n: usize) -> &[T] {
    let start = (n - 1) * size;
    &items[start.min(items.len())..(start + size).min(items.len())]
}
