//! Signatures: an uploaded photo or scan of a signature on paper, or strokes drawn on the pad.
//! Both become a transparent RGBA image with the ink kept; the card crops it to the ink
//! ([`ink_bounds`]) and scales it into the signature box above the name.

use image::{Rgba, RgbaImage};
use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke as SkStroke, Transform,
};

use crate::intake::{self, IntakeError};

/// Uploaded signatures are reduced to at most this long side: the A4 card's box is ~1100 px.
pub const MAX_SIGNATURE_SIDE: u32 = 1600;
/// Pad ink: a dark blue-black, like a ballpoint pen.
pub const INK: [u8; 3] = [0x12, 0x23, 0x5E];
/// Pixels with at most this alpha count as paper when cropping.
const INK_ALPHA: u8 = 24;

/// One pen-down-to-pen-up stroke in pad coordinates (CSS pixels of the pad, origin top-left).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stroke {
    pub points: Vec<(f32, f32)>,
}

/// An uploaded signature: decoded through the same intake as photos; the paper (white or
/// unevenly lit grey) becomes transparent, the ink keeps its colour, and the result is cropped
/// to the ink. A blank page gives a 1×1 transparent image ([`has_ink`] is false).
pub fn from_upload(bytes: &[u8]) -> Result<RgbaImage, IntakeError> {
    let image = intake::decode(bytes, MAX_SIGNATURE_SIDE)?;
    let keyed = key_out_paper(&image);
    Ok(crop_to_ink(&keyed))
}

/// Make the paper transparent. The paper level is a bright percentile of the luminance and the
/// ink level a dark one, so a photo taken under a lamp (grey paper) works as well as a scan; the
/// ramp between them keeps the anti-aliased pen edges soft. The colour is un-blended from the
/// paper so thin blue ink stays blue rather than turning pale.
fn key_out_paper(image: &RgbaImage) -> RgbaImage {
    // Transparent PNGs: what shows is the image over white.
    let on_white = |p: &Rgba<u8>| -> [f32; 3] {
        let a = f32::from(p[3]) / 255.0;
        [0, 1, 2].map(|c| f32::from(p[c]) * a + 255.0 * (1.0 - a))
    };
    let luma = |c: [f32; 3]| 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    let mut histogram = [0u32; 256];
    for p in image.pixels() {
        histogram[luma(on_white(p)).clamp(0.0, 255.0) as usize] += 1;
    }
    let total: u32 = histogram.iter().sum();
    let percentile = |q: f32| {
        let target = (total as f32 * q) as u32;
        let mut seen = 0;
        for (level, count) in histogram.iter().enumerate() {
            seen += count;
            if seen > target {
                return level as f32;
            }
        }
        255.0
    };
    let paper = percentile(0.90);
    let ink = percentile(0.005).min(paper - 1.0);
    let span = (paper - ink).max(1.0);
    // Anything within 20 % of the span from the paper is paper; within 45 % of the ink is solid.
    let (clear, solid) = (paper - 0.20 * span, ink + 0.45 * span);
    let faint = span < 40.0; // no real contrast: a blank page
    let mut out = RgbaImage::new(image.width(), image.height());
    for (src, dst) in image.pixels().zip(out.pixels_mut()) {
        let c = on_white(src);
        let l = luma(c);
        let alpha = if faint {
            0.0
        } else {
            ((clear - l) / (clear - solid).max(1.0)).clamp(0.0, 1.0)
        };
        let un_blend = |v: f32| {
            if alpha <= 0.0 {
                0.0
            } else {
                ((v - (1.0 - alpha) * paper) / alpha).clamp(0.0, 255.0)
            }
        };
        *dst = Rgba([
            un_blend(c[0]) as u8,
            un_blend(c[1]) as u8,
            un_blend(c[2]) as u8,
            (alpha * 255.0).round() as u8,
        ]);
    }
    out
}

/// The smallest rectangle holding all the ink: (x, y, width, height), or None if there is none.
pub fn ink_bounds(image: &RgbaImage) -> Option<(u32, u32, u32, u32)> {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for (x, y, p) in image.enumerate_pixels() {
        if p[3] > INK_ALPHA {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
    }
    (x0 <= x1 && y0 <= y1).then(|| (x0, y0, x1 - x0 + 1, y1 - y0 + 1))
}

/// True when the image has any visible ink.
pub fn has_ink(image: &RgbaImage) -> bool {
    ink_bounds(image).is_some()
}

/// Crop to the ink with a margin of 2 % of the ink's size (so pen edges are not cut).
pub fn crop_to_ink(image: &RgbaImage) -> RgbaImage {
    let Some((x, y, w, h)) = ink_bounds(image) else {
        return RgbaImage::new(1, 1);
    };
    let m = (w.max(h) / 50).max(1);
    let (x0, y0) = (x.saturating_sub(m), y.saturating_sub(m));
    let x1 = (x + w + m).min(image.width());
    let y1 = (y + h + m).min(image.height());
    image::imageops::crop_imm(image, x0, y0, x1 - x0, y1 - y0).to_image()
}

/// Drawn strokes on a transparent `width`×`height` image (the pad's size), not cropped, so
/// undo keeps the drawing where it was. Strokes are smoothed with quadratic curves through the
/// midpoints of successive points (the pad's samples become a pen line, not a polyline); a
/// single tap is a dot.
pub fn from_strokes(strokes: &[Stroke], width: u32, height: u32) -> RgbaImage {
    let (w, h) = (width.clamp(1, 4096), height.clamp(1, 4096));
    let Some(mut pixmap) = Pixmap::new(w, h) else {
        return RgbaImage::new(1, 1);
    };
    // About a ballpoint line at the pad's size; thicker on a big pad.
    let pen = (w.min(h) as f32 / 60.0).clamp(2.0, 8.0);
    let mut paint = Paint::default();
    paint.set_color_rgba8(INK[0], INK[1], INK[2], 255);
    paint.anti_alias = true;
    let line = SkStroke {
        width: pen,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..SkStroke::default()
    };
    for stroke in strokes {
        let pts: Vec<(f32, f32)> = stroke
            .points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        match pts.as_slice() {
            [] => {}
            [(x, y)] => {
                if let Some(dot) = PathBuilder::from_circle(*x, *y, pen / 2.0) {
                    pixmap.fill_path(&dot, &paint, FillRule::Winding, Transform::identity(), None);
                }
            }
            [first, rest @ ..] => {
                let mut pb = PathBuilder::new();
                pb.move_to(first.0, first.1);
                for pair in rest.windows(2) {
                    let (p, q) = (pair[0], pair[1]);
                    pb.quad_to(p.0, p.1, (p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
                }
                if let Some(last) = rest.last() {
                    pb.line_to(last.0, last.1);
                }
                if let Some(path) = pb.finish() {
                    pixmap.stroke_path(&path, &paint, &line, Transform::identity(), None);
                }
            }
        }
    }
    unpremultiply(pixmap)
}

/// tiny-skia's premultiplied pixels to straight RGBA.
pub(crate) fn unpremultiply(pixmap: Pixmap) -> RgbaImage {
    let (w, h) = (pixmap.width(), pixmap.height());
    let mut data = pixmap.take();
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        if a > 0 && a < 255 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
    RgbaImage::from_raw(w, h, data).unwrap_or_else(|| RgbaImage::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_draw_ink_and_taps_make_dots() {
        let img = from_strokes(
            &[
                Stroke {
                    points: vec![(10.0, 50.0), (40.0, 20.0), (80.0, 60.0), (120.0, 30.0)],
                },
                Stroke {
                    points: vec![(150.0, 40.0)],
                },
                Stroke { points: vec![] },
                Stroke {
                    points: vec![(f32::NAN, 1.0)],
                },
            ],
            200,
            100,
        );
        assert_eq!(img.dimensions(), (200, 100));
        let (x, _, w, _) = ink_bounds(&img).unwrap();
        assert!(x < 12 && x + w > 148, "{x} {w}");
        assert_eq!(img.get_pixel(0, 99)[3], 0);
    }

    #[test]
    fn paper_turns_transparent_and_ink_stays() {
        // Grey paper (a phone photo under a lamp) with a blue stroke.
        let mut img = RgbaImage::from_pixel(100, 60, Rgba([205, 200, 190, 255]));
        for x in 20..80 {
            for y in 28..32 {
                img.put_pixel(x, y, Rgba([20, 40, 140, 255]));
            }
        }
        let keyed = crop_to_ink(&key_out_paper(&img));
        assert!(
            keyed.width() <= 64 && keyed.height() <= 8,
            "{:?}",
            keyed.dimensions()
        );
        let mid = keyed.get_pixel(keyed.width() / 2, keyed.height() / 2);
        assert_eq!(mid[3], 255);
        assert!(mid[2] > mid[0] + 60, "ink stays blue: {mid:?}");
        assert_eq!(keyed.get_pixel(0, 0)[3], 0);
    }

    #[test]
    fn blank_page_has_no_ink() {
        let img = RgbaImage::from_pixel(50, 50, Rgba([250, 250, 250, 255]));
        assert!(!has_ink(&crop_to_ink(&key_out_paper(&img))));
    }
}
