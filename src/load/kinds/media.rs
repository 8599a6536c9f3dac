//! Reads `gallery` and `videos`, the media of people, collectives,
//! movements, conferences and news. A photo's `caption` is required: it is
//! the image's text alternative. A video is a self-hosted `.mp4`/`.webm`
//! (or an `https://` address, shown as a link) with its poster, WebVTT
//! captions and duration.

use super::range_of;
use crate::diagnostics::Diagnostic;
use crate::load::fields::Table;
use crate::load::raw::{RawMedia, RawPhoto, RawVideo};

pub(super) fn read_media(t: &Table<'_, '_>) -> RawMedia {
    RawMedia {
        gallery: t.tables("gallery").into_iter().filter_map(photo).collect(),
        videos: t.tables("videos").into_iter().filter_map(video).collect(),
    }
}

fn photo(g: Table<'_, '_>) -> Option<RawPhoto> {
    let file = g.req_text_at("file");
    let caption = g.text("caption");
    if caption.is_none() && !g.has("caption") {
        g.doc().push(
            Diagnostic::error(format!(
                "`{}` needs a `caption`: it is what a blind reader hears instead of the photo",
                g.field_path("").trim_end_matches('.')
            ))
            .at(g.doc().locate(range_of(&g, g.loc())))
            .field(g.field_path("caption"))
            .help("add caption = \"…\", one sentence on who and what the photo shows"),
        );
    }
    let credit = g.text("credit");
    let date = g.date("date").map(|d| d.value);
    g.finish_with_synonyms(&[
        ("alt", "caption"),
        ("title", "caption"),
        ("author", "credit"),
        ("photo", "file"),
    ]);
    Some(RawPhoto {
        file: file?,
        caption: caption?,
        credit,
        date,
    })
}

fn video(v: Table<'_, '_>) -> Option<RawVideo> {
    let title = v.req_text("title");
    let file = v.req_text_at("file");
    let poster = v.text_at("poster");
    let captions = v.text_at("captions");
    let duration = v.text_at("duration");
    let credit = v.text("credit");
    if let Some(d) = &duration
        && !is_duration(&d.value)
    {
        v.doc().push(
            v.doc()
                .error_at(
                    range_of(&v, d.loc),
                    format!(
                        "`{}` must be minutes and seconds like \"07:00\" (or \"1:02:30\"), found \"{}\"",
                        v.field_path("duration"),
                        d.value
                    ),
                )
                .field(v.field_path("duration")),
        );
    }
    if let Some(c) = &captions
        && !c.value.to_ascii_lowercase().ends_with(".vtt")
    {
        v.doc().push(
            v.doc()
                .error_at(
                    range_of(&v, c.loc),
                    format!("`{}` must be a WebVTT file (.vtt)", v.field_path("captions")),
                )
                .field(v.field_path("captions"))
                .help("browsers show only WebVTT captions; convert an .srt file with any subtitle editor"),
        );
    }
    if let Some(f) = &file {
        let lower = f.value.to_ascii_lowercase();
        let address = lower.starts_with("https://") || lower.starts_with("http://");
        if !(address || lower.ends_with(".mp4") || lower.ends_with(".webm")) {
            v.doc().push(
                v.doc()
                    .error_at(
                        range_of(&v, f.loc),
                        format!(
                            "`{}` must be an .mp4 or .webm video of the site, or an https:// address",
                            v.field_path("file")
                        ),
                    )
                    .field(v.field_path("file"))
                    .help("export the clip as MP4 (H.264) so every phone can play it"),
            );
        }
    }
    v.finish_with_synonyms(&[
        ("subtitles", "captions"),
        ("name", "title"),
        ("thumbnail", "poster"),
        ("url", "file"),
    ]);
    Some(RawVideo {
        title: title?,
        file: file?,
        poster,
        captions,
        duration: duration.map(|d| d.value),
        credit,
    })
}

/// `07:00`, `1:02:30`.
fn is_duration(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..]
            .iter()
            .all(|p| p.len() == 2 && p.parse::<u32>().is_ok_and(|n| n < 60))
}
