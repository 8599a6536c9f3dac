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
