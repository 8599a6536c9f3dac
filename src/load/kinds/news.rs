//! Reads a news item (`content/news/*.md`) and a free page (`content/pages/*.md`).

use crate::load::fields::Table;
use crate::load::raw::{Common, RawNews, RawPage};

pub(super) fn read_news(t: &Table<'_, '_>, mut common: Common) -> RawNews {
    common.media = super::media::read_media(t);
    let title = t.req_text("title").unwrap_or_default();
    let date = t.req_date("date").map(|d| d.value);
    let summary = t.text("summary");
    let about = t.text_list_at("about");
    let photo = t.text_at("photo");
    let category = t.text_at("category");
    RawNews {
        common,
        title,
        date,
        summary,
        about,
        photo,
        category,
    }
}

pub(super) fn read_page(t: &Table<'_, '_>, common: Common) -> RawPage {
    let title = t.req_text("title").unwrap_or_default();
    let order = t.int("order");
    RawPage {
        common,
        title,
        order,
    }
}
