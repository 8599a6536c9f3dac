//! QR codes of page addresses, drawn at build time as small inline SVG, for
//! print: a printed profile, unit page or honour board carries a code that
//! a phone opens the page from. No script and no image file: the code is a
//! single `<path>` of the dark runs of each row (about 1–2 KB), and only
//! print shows it.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};
use std::fmt::Write;

/// The eight masks of a QR code, in the order `qrcode` tries them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of the QR code of `text` (row by row) and its width: what
/// `QrCode::with_error_correction_level` makes, module for module, but with
/// the mask chosen by [`penalty`] below. `qrcode`'s own scoring allocates
/// for every module it tests and took two thirds of a 10,000-people build.
pub fn modules(text: &str) -> Option<(Vec<Color>, usize)> {
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let width = version.width() as usize;
    if width > 128 {
        // Longer than any page address: the crate's own (slower) choice.
        let code = qrcode::QrCode::with_bits(bits, EcLevel::M).ok()?;
        return Some((code.to_colors(), width));
    }
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let mut best: Option<(u32, Vec<Color>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let colors = masked.into_colors();
        let score = penalty(&colors, width);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, colors));
        }
    }
    best.map(|(_, colors)| (colors, width))
}

/// The penalty of a masked code (ISO/IEC 18004 §7.8.3, as `qrcode` counts
/// it): runs of 5 or more, 2×2 blocks, finder-like patterns without 4 light
/// modules on a side, and the dark/light balance. Lower is better. Rows and
/// columns are bit sets (bit j is module j), so a line costs a few word
/// operations, not one test per module.
fn penalty(m: &[Color], w: usize) -> u32 {
    debug_assert!(w <= 128);
    let rows: Vec<u128> = m
        .chunks_exact(w)
        .map(|row| {
            row.iter()
                .rev()
                .fold(0, |bits, c| (bits << 1) | u128::from(*c == Color::Dark))
        })
        .collect();
    let mut columns = vec![0_u128; w];
    for (y, row) in rows.iter().enumerate() {
        let mut dark = *row;
        while dark != 0 {
            columns[dark.trailing_zeros() as usize] |= 1 << y;
            dark &= dark - 1;
        }
    }
    let full = if w == 128 { u128::MAX } else { (1 << w) - 1 };
    let mut score = 0;
    for line in rows.iter().chain(&columns) {
        score += runs(*line, full) + finders(*line, w);
    }
    for pair in rows.windows(2) {
        let (top, bottom) = (pair[0], pair[1]);
        // Bit x: modules x and x + 1 of both rows are of one colour.
        let same = !(top ^ (top >> 1)) & !(bottom ^ (bottom >> 1)) & !(top ^ bottom);
        score += 3 * (same & (full >> 1)).count_ones();
    }
    let dark: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let ratio = dark as usize * 200 / m.len();
    score + ratio.abs_diff(100) as u32
}

/// Runs of 5 or more modules of one colour: 3 for 5, one more per module.
fn runs(line: u128, full: u128) -> u32 {
    // Bit j: modules j and j + 1 are of one colour; a run of n modules is
    // n - 1 such bits in a row, and scores n - 2: its bits less one.
    let same = !(line ^ (line >> 1)) & (full >> 1);
    // Bit j: bits j to j + 3 are all set (a run of 5 modules starts at j).
    let long = same & (same >> 1) & (same >> 2) & (same >> 3);
    let members = long | (long << 1) | (long << 2) | (long << 3);
    let starts = long & !(long << 1);
    members.count_ones() - starts.count_ones()
}

/// Dark-light-dark-dark-dark-light-dark without 4 light modules before or
/// after it (outside the code counts as light): 40 each.
fn finders(line: u128, w: usize) -> u32 {
    // A QR code is at least 21 modules wide: every line has room for one.
    let starts =
        line & !(line >> 1) & (line >> 2) & (line >> 3) & (line >> 4) & !(line >> 5) & (line >> 6);
    let mut starts = starts & ((1 << (w - 6)) - 1);
    let mut score = 0;
    while starts != 0 {
        let j = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        let from = j.saturating_sub(4);
        let before = (line >> from) & ((1 << (j - from)) - 1) != 0;
        let after = (line >> (j + 7)) & 0xF != 0;
        if !before || !after {
            score += 40;
        }
    }
    score
}

/// The SVG of the QR code of `text`, or nothing if it cannot be encoded
/// (longer than a QR code holds).
pub fn svg(text: &str) -> String {
    let Some((colors, width)) = modules(text) else {
        return String::new();
    };
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
    use qrcode::QrCode;

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
    fn the_code_is_the_one_qrcode_makes() {
        // Addresses of every length a site has (versions 2 to 11) and a few
        // far longer (to version 25, 117 modules): the same modules, so the
        // same mask was chosen.
        for i in 0..400 {
            let long = if i % 40 == 0 { i / 10 } else { 0 };
            let slug = "nguyen-thi-hoa-".repeat(i % 12 + long);
            let url = format!("https://example.gov.vn/vinh-danh/ca-nhan/{slug}{i}/");
            let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
            assert_eq!(
                modules(&url),
                Some((code.to_colors(), code.width())),
                "{url}"
            );
        }
    }

    #[test]
    fn too_long_a_text_draws_nothing() {
        assert_eq!(svg(&"x".repeat(5000)), "");
    }
}
