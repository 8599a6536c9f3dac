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
    let mut path = String::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + 4,
                    y + 4,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"96\" height=\"96\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
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
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        let d = out.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let drawn: usize = d
            .split('h')
            .skip(1)
            .filter(|run| !run.starts_with('-'))
            .map(|run| run.split('v').next().unwrap().parse::<usize>().unwrap())
            .sum();
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
