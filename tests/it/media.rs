//! Images: every published raster image is re-encoded without metadata,
//! upright, in the sizes pages ask for, with width and height on every
//! `<img>`; the originals are never published; a second build takes every
//! image from the cache; a damaged image is an error naming the file.

use crate::helpers::*;
use image::{ImageEncoder, Rgb, RgbImage};
use std::path::{Path, PathBuf};

/// A JPEG `w` × `h` of noise (so it is large, like a phone photo) carrying
/// an EXIF block with an orientation, a GPS position and a camera make.
fn photo_with_exif(w: u32, h: u32, orientation: u16, quality: u8) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let img = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed & 0x3f) as u8;
        Rgb([(x % 256) as u8 / 2 + n, (y % 256) as u8 / 2 + n, 128 + n])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, quality)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    // TIFF, little-endian: IFD0 (orientation, make, GPS pointer), GPS IFD.
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value);
        e
    };
    tiff.extend(3u16.to_le_bytes());
    let o = orientation.to_le_bytes();
    tiff.extend(entry(0x0112, 3, 1, [o[0], o[1], 0, 0]));
    tiff.extend(entry(0x010f, 2, 4, *b"Nik\0"));
    let gps_at = 8 + 2 + 3 * 12 + 4;
    tiff.extend(entry(0x8825, 4, 1, (gps_at as u32).to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// The base site with `people` portraits (slug, JPEG bytes).
fn site_with_photos(people: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("invalid/_base"), &site);
    for (slug, bytes) in people {
        let dir = site.join("content/people").join(slug);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("anh.jpg"), bytes).unwrap();
        std::fs::write(
            dir.join("index.md"),
            format!("+++\nname = \"Người {slug}\"\nunit = \"xa-c\"\nphoto = \"anh.jpg\"\nsummary = \"Điển hình.\"\n[[commendations]]\naward = \"giay-khen\"\ndate = 2026-01-0{}\n+++\n", 1 + slug.len() % 9),
        )
        .unwrap();
    }
    (tmp, site)
}

fn images_in(out: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| {
            [".jpg", ".jpeg", ".png", ".webp", ".gif"]
                .iter()
                .any(|e| p.ends_with(e))
        })
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn published_images_carry_no_metadata_and_stand_upright() {
    // 600 × 300 as stored, orientation 6: upright it is 300 × 600.
    let (tmp, site) = site_with_photos(&[("an", photo_with_exif(600, 300, 6, 90))]);
    let out = tmp.path().join("public");
    let run = cli_build_ok(&site, &out, "2026-11-21");
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(
        printed.contains("Images: 1 processed, 0 from the cache"),
        "{printed}"
    );
    let images = images_in(&out);
    let names: Vec<&str> = images.iter().map(|(p, _)| p.as_str()).collect();
    assert!(
        names.contains(&"people/an/anh.jpg")
            && names.contains(&"people/an/anh-96.webp")
            && names.contains(&"people/an/anh-300.jpg"),
        "{names:?}"
    );
    for (path, bytes) in &images {
        for marker in [
            &b"Exif\0\0"[..],
            b"Nik\0",
            b"http://ns.adobe.com/xap",
            b"<x:xmpmeta",
        ] {
            assert!(!contains(bytes, marker), "{path} still carries {marker:?}");
        }
        let img = image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            img.height() > img.width(),
            "{path} is not upright: {}x{}",
            img.width(),
            img.height()
        );
    }
    let original = photo_with_exif(600, 300, 6, 90);
    assert!(
        images.iter().all(|(_, b)| *b != original),
        "the original is published"
    );
    // Every <img> of the profile has a width and height and a srcset.
    let page = std::fs::read_to_string(out.join("ca-nhan/an/index.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let img = html
        .select(&sel("main img.portrait"))
        .next()
        .expect("a portrait");
    assert_eq!(img.value().attr("width"), Some("160"));
    assert_eq!(img.value().attr("height"), Some("320"));
    assert!(
        img.value()
            .attr("srcset")
            .unwrap()
            .contains("anh-300.jpg 300w")
    );
    let source = html.select(&sel("main picture source")).next().unwrap();
    assert_eq!(source.value().attr("type"), Some("image/webp"));
    // The second build decodes nothing.
    let again = cli_build_ok(&site, &out, "2026-11-21");
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("Images: 0 processed, 1 from the cache"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(
        images_in(&out),
        images,
        "the cached build publishes the same images"
    );
    assert!(site.join(".bangvang-cache/.gitignore").exists());
}

#[test]
fn twelve_phone_photos_make_a_light_home_page() {
    let photo = photo_with_exif(2400, 3200, 1, 97);
    let people: Vec<(String, Vec<u8>)> = (0..12)
        .map(|i| (format!("p{i:02}"), photo.clone()))
        .collect();
    let heavy: usize = people.iter().map(|(_, b)| b.len()).sum();
    assert!(
        heavy > 12 * 3_000_000,
        "the test photos are phone-sized: {heavy}"
    );
    let refs: Vec<(&str, Vec<u8>)> = people
        .iter()
        .map(|(s, b)| (s.as_str(), b.clone()))
        .collect();
    let (tmp, site) = site_with_photos(&refs);
    let out = tmp.path().join("public");
    cli_build_ok(&site, &out, "2026-11-21");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let html = scraper::Html::parse_document(&home);
    // What a phone loads: the page, its stylesheet, and each image's
    // fallback (a browser with WebP takes the smaller WebP of that width).
    let mut bytes = home.len()
        + std::fs::metadata(out.join("static/style.css")).map_or(0, |m| m.len() as usize);
    let mut shown = 0;
    for img in html.select(&sel("img")) {
        assert!(img.value().attr("width").is_some() && img.value().attr("height").is_some());
        let src = img.value().attr("src").unwrap().trim_start_matches("/bv/");
        bytes += std::fs::metadata(out.join(src)).unwrap().len() as usize;
        shown += 1;
    }
    assert!(
        shown >= 6,
        "the home page shows the recent exemplars: {shown}"
    );
    eprintln!(
        "home page with {shown} portraits of {} bytes each: {bytes} bytes",
        photo.len()
    );
    assert!(bytes < 500_000, "the home page weighs {bytes} bytes");
}

#[test]
fn a_damaged_image_is_an_error_naming_the_file_and_field() {
    let mut cut = photo_with_exif(400, 300, 1, 80);
    cut.truncate(cut.len() / 3);
    let (tmp, site) = site_with_photos(&[("an", cut), ("binh", b"not an image at all".to_vec())]);
    let run = cli_build(&site, &tmp.path().join("public"), "2026-11-21");
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "cannot read the image `content/people/an/anh.jpg`",
        "cannot read the image `content/people/binh/anh.jpg`: it is not an image bangvang can read",
        "content/people/binh/index.md",
        "(field `photo`)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
}

/// The base site with a conference that has a gallery, a self-hosted video
/// with captions and a poster, a video on another site, and a document.
fn site_with_media(conference: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = site_with_photos(&[]);
    let dir = site.join("content/conferences");
    std::fs::write(
        dir.join("hoi-truong.jpg"),
        photo_with_exif(1200, 800, 1, 85),
    )
    .unwrap();
    std::fs::write(
        dir.join("phong-su.mp4"),
        b"\x00\x00\x00\x18ftypmp42 not a real clip",
    )
    .unwrap();
    std::fs::write(
        dir.join("phong-su.vtt"),
        "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n",
    )
    .unwrap();
    std::fs::write(dir.join("ke-hoach.pdf"), vec![b'%'; 1_258_291]).unwrap();
    std::fs::write(dir.join("hn-2026.md"), conference).unwrap();
    (tmp, site)
}

const CONFERENCE: &str = r#"+++
title = "Hội nghị biểu dương 2026"
organizer = "tinh-a"
date = 2026-05-20
documents = [{ title = "Kế hoạch tổ chức", file = "ke-hoach.pdf" }]
gallery = [{ file = "hoi-truong.jpg", caption = "Quang cảnh hội trường", credit = "Trung tâm Truyền thông", date = 2026-05-20 }]
videos = [
  { title = "Phóng sự hội nghị", file = "phong-su.mp4", poster = "hoi-truong.jpg", captions = "phong-su.vtt", duration = "07:00" },
  { title = "Bản tin truyền hình", file = "https://truyenhinh.example.vn/ban-tin", duration = "1:02:30" },
]
+++
"#;

#[test]
fn galleries_videos_and_documents_show_without_script_or_third_parties() {
    let (tmp, site) = site_with_media(CONFERENCE);
    let out = tmp.path().join("public");
    cli_build_ok(&site, &out, "2026-11-21");
    let page = std::fs::read_to_string(out.join("hoi-nghi/hn-2026/index.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let figure = html
        .select(&sel(".gallery figure"))
        .next()
        .expect("a gallery figure");
    let img = figure.select(&sel("img")).next().unwrap();
    assert_eq!(img.value().attr("alt"), Some("Quang cảnh hội trường"));
    assert!(img.value().attr("width").is_some() && img.value().attr("height").is_some());
    // The full view is a link to the large image: no script needed.
    let full = figure
        .select(&sel("a"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(full, "/bv/conferences/hoi-truong.jpg");
    assert!(text(figure).contains("Trung tâm Truyền thông") && text(figure).contains("20/5/2026"));
    let video = html.select(&sel("video")).next().expect("a video");
    assert!(video.value().attr("controls").is_some());
    assert_eq!(video.value().attr("preload"), Some("none"));
    assert!(
        video
            .value()
            .attr("poster")
            .unwrap()
            .contains("hoi-truong-")
    );
    let track = video.select(&sel("track")).next().unwrap();
    assert_eq!(
        track.value().attr("src"),
        Some("/bv/conferences/phong-su.vtt")
    );
    assert_eq!(track.value().attr("kind"), Some("captions"));
    assert!(
        out.join("conferences/phong-su.mp4").is_file()
            && out.join("conferences/phong-su.vtt").is_file()
    );
    // Another site's video is a link, never an embed.
    assert!(html.select(&sel("iframe, embed, object")).next().is_none());
    assert!(
        html.select(&sel("a[href=\"https://truyenhinh.example.vn/ban-tin\"]"))
            .next()
            .is_some(),
        "the external video is a link"
    );
    assert!(
        page.contains("Kế hoạch tổ chức</a> <span class=\"muted\">(PDF, 1,2 MB)</span>"),
        "{page}"
    );
    // The library lists them under the conference, linking back.
    let library = std::fs::read_to_string(out.join("thu-vien/index.html")).unwrap();
    let lib = scraper::Html::parse_document(&library);
    let heading = texts(&lib, "main h2");
    assert_eq!(heading, ["Hội nghị biểu dương 2026"], "{library}");
    assert!(
        lib.select(&sel("main .gallery img[alt=\"Quang cảnh hội trường\"]"))
            .next()
            .is_some()
    );
    assert_eq!(
        lib.select(&sel("main a[href=\"/bv/hoi-nghi/hn-2026/\"]"))
            .count(),
        4
    );
}

#[test]
fn media_fields_are_checked() {
    let bad = r#"+++
title = "Hội nghị biểu dương 2026"
organizer = "tinh-a"
date = 2026-05-20
gallery = [{ file = "hoi-truong.jpg" }, { file = "phong-su.mp4", caption = "Không phải ảnh" }, { file = "khong-co.jpg", caption = "Thiếu tệp" }]
videos = [{ title = "Phóng sự", file = "phong-su.avi", captions = "phong-su.srt", duration = "7 phút" }]
+++
"#;
    let (tmp, site) = site_with_media(bad);
    let run = cli_build(&site, &tmp.path().join("public"), "2026-11-21");
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "`gallery[1]` needs a `caption`",
        "content/conferences/hn-2026.md:5:",
        "`videos[1].file` must be an .mp4 or .webm video",
        "`videos[1].captions` must be a WebVTT file (.vtt)",
        "`videos[1].duration` must be minutes and seconds like \"07:00\"",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    // Once the file reads, the files it names are checked.
    let files = bad.replace("{ file = \"hoi-truong.jpg\" }, ", "").replace(
        "file = \"phong-su.avi\", captions = \"phong-su.srt\", duration = \"7 phút\"",
        "file = \"phong-su.mp4\"",
    );
    std::fs::write(site.join("content/conferences/hn-2026.md"), files).unwrap();
    let run = cli_build(&site, &tmp.path().join("public"), "2026-11-21");
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "`gallery.file` must be a photo (JPEG, PNG, WebP or GIF), found content/conferences/phong-su.mp4",
        "`gallery.file`: file not found: content/conferences/khong-co.jpg",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
}
