//! QR codes of page addresses, drawn at build time as small inline SVG, for
//! print: a printed profile, unit page or honour board carries a code that
//! a phone opens the page from. No script and no image file: the code is a
//! single `<path>` of the dark runs of each row (about 1–2 KB), and only
//! print shows it.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// The SVG of the QR code of `text`, or nothing if it cannot be encoded
/// (longer than a QR code holds).
pub fn svg(text: &str) -> String {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    // A quiet zone of 4 modules around the code, as the standard asks.
    let size = width + 8;
    // Each run of dark modules is a 1-unit-wide horizontal stroke through
    // the middle of its row, reached by a relative move from the end of
    // the previous run: about 6 bytes a run.
    let mut path = String::with_capacity(width * width / 2);
    let (mut pen_x, mut pen_y) = (0_i64, 0_i64);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let (sx, sy) = (start as i64 + 4, y as i64 + 4);
            if path.is_empty() {
                let _ = write!(path, "M{sx} {sy}.5");
            } else {
                let _ = write!(path, "m{} {}", sx - pen_x, sy - pen_y);
            }
            let _ = write!(path, "h{}", x - start);
            (pen_x, pen_y) = (x as i64 + 4, sy);
        }
    }
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"96\" height=\"96\" aria-hidden=\"true\" focusable=\"false\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" stroke=\"#000\" stroke-width=\"1\" fill=\"none\"/></svg>"
    )
}

/// The template filter `qr_svg`: `{{ canonical | qr_svg }}`.
pub fn filter(text: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    tera::Value::safe_string(&svg(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_dark_module_once() {
        let url = "https://example.gov.vn/vinh-danh/ca-nhan/nguyen-thi-hoa/";
        let out = svg(url);
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
        let colors = code.to_colors();
        let w = code.width() as i64;
        let d = out.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        // Replay the path: every run lands on dark modules only, and the
        // runs together cover them all.
        let (mut x, mut y) = (0_i64, 0_i64);
        let mut drawn = 0;
        for (i, seg) in d.split(['M', 'm']).filter(|s| !s.is_empty()).enumerate() {
            let (mv, run) = seg.split_once('h').unwrap();
            let (dx, dy) = mv.split_once(' ').unwrap();
            let dx: i64 = dx.parse().unwrap();
            let dy = dy.trim_end_matches(".5").parse::<i64>().unwrap();
            if i == 0 {
                (x, y) = (dx, dy);
            } else {
                (x, y) = (x + dx, y + dy);
            }
            let run: i64 = run.parse().unwrap();
            for k in 0..run {
                let (cx, cy) = (x + k - 4, y - 4);
                assert_eq!(colors[(cy * w + cx) as usize], Color::Dark, "{cx},{cy}");
            }
            x += run;
            drawn += run as usize;
        }
        let dark = colors.iter().filter(|c| **c == Color::Dark).count();
        assert_eq!(drawn, dark);
        assert!(out.starts_with("<svg class=\"qr\""));
        let size = code.width() + 8;
        assert!(out.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
    }

    #[test]
    fn too_long_a_text_draws_nothing() {
        assert_eq!(svg(&"x".repeat(5000)), "");
    }
}
