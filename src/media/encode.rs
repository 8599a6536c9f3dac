//! Decoding, orienting, resizing and encoding one image. Only pixels go
//! from the source to the output: the encoders are given a bare pixel
//! buffer, so no EXIF, GPS, XMP or ICC block of the source can follow.
//! `image` decodes (JPEG, PNG, WebP, GIF) under limits that bound memory;
//! `fast_image_resize` resizes with SIMD (Lanczos3), several times faster
//! than `image`'s own filters; `webp` (libwebp) encodes lossy WebP, which
//! `image` cannot.

use super::{FULL, Processed, WIDTHS};
use fast_image_resize::{self as fr, images::Image as FrImage};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbImage, RgbaImage};
use std::io::Cursor;

/// The largest image accepted, in pixels (a 100-megapixel photo).
const MAX_PIXELS: u64 = 100_000_000;

/// JPEG and WebP quality.
const JPEG_QUALITY: u8 = 80;
const WEBP_QUALITY: f32 = 75.0;

/// The files of a processed image: `full.<ext>`, `<w>.jpg`, `<w>.webp`.
pub struct Made {
    pub processed: Processed,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Processes the bytes of an image whose file ends in `ext`.
pub fn process(bytes: &[u8], ext: &str) -> Result<Made, String> {
    let image = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if width <= FULL && widths.last() != Some(&width) {
        widths.push(width);
    }
    let processed = Processed {
        width,
        height,
        widths: widths.clone(),
    };
    let mut files = Vec::with_capacity(widths.len() * 2 + 1);
    let rgba = image.to_rgba8();
    drop(image);
    // The largest size from the source; the smaller ones from it (Lanczos
    // from 1600 px is indistinguishable at these sizes, and reading a
    // 12-megapixel source once instead of six times is most of the work).
    let largest = match widths.last() {
        Some(&w) if w < width => resize(&rgba, w, processed.height_at(w))?,
        _ => rgba,
    };
    for &w in widths.iter().rev() {
        let resized = if w == largest.width() {
            largest.clone()
        } else {
            resize(&largest, w, processed.height_at(w))?
        };
        files.push((format!("{w}.jpg"), jpeg(&flatten(&resized))?));
        files.push((format!("{w}.webp"), webp(&resized, alpha)));
    }
    // The clean copy at the original path: for a JPEG, the largest JPEG
    // size already made (it is encoded from the same pixels alike).
    let full = match ext {
        "jpg" | "jpeg" => files[0].1.clone(),
        _ => encode_as(&largest, ext, alpha)?,
    };
    files.push((format!("full.{ext}"), full));
    Ok(Made { processed, files })
}

/// Whether a JPEG ends: an end-of-image marker after its last scan.
/// Decoders fill a cut-off photo with grey rather than fail; a photo cut
/// short in copying must not be published so.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xff, 0xda]);
    match last_scan {
        Some(at) => bytes[at..].windows(2).any(|w| w == [0xff, 0xd9]),
        None => false,
    }
}

/// Decodes under limits, upright.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    if bytes.starts_with(&[0xff, 0xd8]) && !jpeg_is_whole(bytes) {
        return Err(
            "the file is cut short (the JPEG has no end); copy it again from the camera or phone"
                .to_string(),
        );
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(40_000);
    limits.max_image_height = Some(40_000);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let (w, h) = decoder.dimensions();
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(format!(
            "it is {w} × {h} pixels, more than the {} megapixels accepted",
            MAX_PIXELS / 1_000_000
        ));
    }
    let orientation = decoder.orientation().map_err(describe)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn describe(e: image::ImageError) -> String {
    match e {
        image::ImageError::Unsupported(_) => {
            "it is not an image bangvang can read (JPEG, PNG, WebP or GIF)".to_string()
        }
        image::ImageError::Limits(_) => "it is too large to process".to_string(),
        other => format!("the file is damaged or cut short ({other})"),
    }
}

fn resize(src: &RgbaImage, w: u32, h: u32) -> Result<RgbaImage, String> {
    let from = FrImage::from_vec_u8(
        src.width(),
        src.height(),
        src.as_raw().clone(),
        fr::PixelType::U8x4,
    )
    .map_err(|e| e.to_string())?;
    let mut to = FrImage::new(w, h, fr::PixelType::U8x4);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&from, &mut to, &options)
        .map_err(|e| e.to_string())?;
    RgbaImage::from_raw(w, h, to.into_vec()).ok_or_else(|| "resize failed".to_string())
}

/// Transparent pixels on white, for JPEG.
fn flatten(src: &RgbaImage) -> RgbImage {
    let mut out = RgbImage::new(src.width(), src.height());
    for (o, p) in out.pixels_mut().zip(src.pixels()) {
        let a = p[3] as u32;
        for c in 0..3 {
            o[c] = ((p[c] as u32 * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

fn jpeg(rgb: &RgbImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    rgb.write_with_encoder(encoder).map_err(|e| e.to_string())?;
    Ok(out)
}

fn webp(rgba: &RgbaImage, alpha: bool) -> Vec<u8> {
    if alpha {
        webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
            .encode(WEBP_QUALITY)
            .to_vec()
    } else {
        let rgb = DynamicImage::ImageRgba8(rgba.clone()).to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
            .encode(WEBP_QUALITY)
            .to_vec()
    }
}

/// The clean image at the original path, in the original's format.
fn encode_as(img: &RgbaImage, ext: &str, alpha: bool) -> Result<Vec<u8>, String> {
    match ext {
        "png" | "gif" => {
            let mut out = Vec::new();
            let dynamic = if alpha {
                DynamicImage::ImageRgba8(img.clone())
            } else {
                DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(img.clone()).to_rgb8())
            };
            let format = if ext == "png" {
                image::ImageFormat::Png
            } else {
                image::ImageFormat::Gif
            };
            dynamic
                .write_to(&mut Cursor::new(&mut out), format)
                .map_err(|e| e.to_string())?;
            Ok(out)
        }
        "webp" => Ok(webp(img, alpha)),
        _ => jpeg(&flatten(img)),
    }
}
