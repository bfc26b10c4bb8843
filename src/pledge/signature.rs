//! Signatures: an uploaded photo or scan of a signature on paper, or strokes drawn on the pad.
//! Both become a transparent RGBA image with the ink kept; the card crops it to the ink
//! ([`ink_bounds`]) and scales it into the signature box above the name.

use image::{GrayImage, Luma, Rgba, RgbaImage};
use imageproc::contrast::{self, ThresholdType};
use imageproc::distance_transform::Norm;
use imageproc::filter;
use imageproc::morphology::{self, Mask};
use imageproc::region_labelling::{connected_components, Connectivity};
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

/// An uploaded signature: decoded through the same intake as photos; the paper (white, or grey
/// and unevenly lit as in a phone photo) becomes transparent, the ink keeps its colour, and the
/// result is cropped to the ink. A blank page gives a 1×1 transparent image ([`has_ink`] is
/// false).
pub fn from_upload(bytes: &[u8]) -> Result<RgbaImage, IntakeError> {
    let image = intake::decode(bytes, MAX_SIGNATURE_SIDE)?;
    Ok(from_image(&image))
}

/// [`from_upload`] for an image already decoded: halved to at most [`MAX_SIGNATURE_SIDE`], the
/// paper keyed out, cropped to the ink.
pub fn from_image(image: &RgbaImage) -> RgbaImage {
    let mut small;
    let mut image = image;
    while image.width().max(image.height()) > MAX_SIGNATURE_SIDE
        && image.width().min(image.height()) > 1
    {
        small = intake::halve(image);
        image = &small;
    }
    crop_to_ink(&key_out_paper(image))
}

/// The paper is estimated on a copy about this many pixels on its long side: the light on a page
/// changes slowly, and the estimate then costs a few milliseconds even in wasm on a phone.
const PAPER_GRID: u32 = 160;
/// The radius, in pixels of that copy, of the disk the paper estimate is closed with: dark marks
/// narrower than twice this (~7 % of the photo, far wider than any pen line) are ink, not paper,
/// and vanish from the estimate; darker areas larger than that are shadow. Larger would also
/// fill in more of a shadow's corners.
const PAPER_CLOSE_RADIUS: u8 = 6;
/// Ink must be at most this share of the paper's brightness apart from it (normalised levels,
/// 0–255), or the photo has no ink: noise, paper texture and a leftover shadow edge stay under it.
const MIN_INK_CONTRAST: f32 = 80.0;
/// The pixels within this distance of kept ink also get their (soft) alpha, so anti-aliased pen
/// edges are not cut where the hard threshold ends.
const EDGE_PX: u8 = 2;

/// Make the paper transparent. A phone photo of paper is unevenly lit (a lamp, the phone's own
/// shadow, vignetting), so no single level separates ink from paper: the paper is estimated
/// locally instead — the luminance reduced to [`PAPER_GRID`], closed with a disk (which removes
/// the ink) and blurred — and each pixel is divided by it, so paper is ~255 everywhere and ink
/// keeps its own darkness, in the shadow too. Otsu's level on that splits ink from paper; ink
/// specks smaller than a pen dot are dropped (connected components). The alpha ramps between the
/// ink and paper levels so pen edges stay soft, and the colour is un-blended from the paper so
/// thin blue ink stays blue rather than turning pale.
fn key_out_paper(image: &RgbaImage) -> RgbaImage {
    let (w, h) = image.dimensions();
    let mut out = RgbaImage::new(w, h);
    if w == 0 || h == 0 {
        return out;
    }
    let luma = GrayImage::from_fn(w, h, |x, y| {
        Luma([luminance(on_white(image.get_pixel(x, y))).round() as u8])
    });
    let paper = Paper::estimate(&luma);
    // Normalised luminance: 255 is the paper, wherever it is lit how.
    let norm = GrayImage::from_fn(w, h, |x, y| {
        let l = f32::from(luma.get_pixel(x, y)[0]);
        Luma([(255.0 * l / paper.at(x, y)).round().clamp(0.0, 255.0) as u8])
    });
    let Some(levels) = Levels::of(&norm) else {
        return out; // a blank page: no ink anywhere
    };
    let ink = ink_mask(&norm, levels.cut, min_speck_area(w, h));
    // Soft alpha only near kept ink (specks and paper noise stay clear).
    let near_ink = morphology::dilate(&ink, Norm::LInf, EDGE_PX);
    let paper_rgb = paper_colour(image, &norm, &paper, &near_ink, levels.paper);
    let span = levels.paper - levels.ink;
    // Anything within 20 % of the span from the paper is paper; within 45 % of the ink is solid.
    let (clear, solid) = (levels.paper - 0.20 * span, levels.ink + 0.45 * span);
    for (x, y, dst) in out.enumerate_pixels_mut() {
        if near_ink.get_pixel(x, y)[0] == 0 {
            continue;
        }
        let alpha = ((clear - f32::from(norm.get_pixel(x, y)[0])) / (clear - solid).max(1.0))
            .clamp(0.0, 1.0);
        if alpha <= 0.0 {
            continue;
        }
        // The colour as if lit like the paper at its brightest, then un-blended from the paper.
        let gain = 255.0 / paper.at(x, y);
        let c = on_white(image.get_pixel(x, y));
        let un_blend = |v: f32, p: f32| ((v * gain - (1.0 - alpha) * p) / alpha).clamp(0.0, 255.0);
        *dst = Rgba([
            un_blend(c[0], paper_rgb[0]) as u8,
            un_blend(c[1], paper_rgb[1]) as u8,
            un_blend(c[2], paper_rgb[2]) as u8,
            (alpha * 255.0).round() as u8,
        ]);
    }
    out
}

/// What shows of a pixel: transparent PNGs are seen over white.
fn on_white(p: &Rgba<u8>) -> [f32; 3] {
    let a = f32::from(p[3]) / 255.0;
    [0, 1, 2].map(|c| f32::from(p[c]) * a + 255.0 * (1.0 - a))
}

fn luminance(c: [f32; 3]) -> f32 {
    0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
}

/// The local brightness of the paper: a small image of it, read back with bilinear
/// interpolation (so a shadow's edge stays smooth, with no blocks).
struct Paper {
    small: GrayImage,
    /// Full-size pixels per pixel of `small`.
    step: f32,
}

impl Paper {
    fn estimate(luma: &GrayImage) -> Paper {
        let (w, h) = luma.dimensions();
        let step = w.max(h).div_ceil(PAPER_GRID).max(1);
        let (sw, sh) = (w.div_ceil(step), h.div_ceil(step));
        // Block means: each small pixel averages its block (edge blocks may be partial).
        let mut sums = vec![(0u32, 0u32); (sw * sh) as usize];
        for (x, y, p) in luma.enumerate_pixels() {
            let cell = &mut sums[((y / step) * sw + x / step) as usize];
            cell.0 += u32::from(p[0]);
            cell.1 += 1;
        }
        // The border is repeated outwards first: a shadow's edge meeting the photo's border
        // at a slant would otherwise leave a narrow dark wedge there that the closing fills in
        // as if it were ink (then paper in that corner reads as ink). Repeated, the wedge
        // continues straight out and stays wider than the disk.
        let pad = u32::from(PAPER_CLOSE_RADIUS) + 4;
        let means = GrayImage::from_fn(sw + 2 * pad, sh + 2 * pad, |x, y| {
            let x = x.saturating_sub(pad).min(sw - 1);
            let y = y.saturating_sub(pad).min(sh - 1);
            let (sum, n) = sums[(y * sw + x) as usize];
            Luma([((sum + n / 2) / n.max(1)) as u8])
        });
        let closed = morphology::grayscale_close(&means, &Mask::disk(PAPER_CLOSE_RADIUS));
        // A light blur: the closing leaves flat plateaus and the grid's steps.
        let blurred = filter::gaussian_blur_f32(&closed, 1.5);
        Paper {
            small: image::imageops::crop_imm(&blurred, pad, pad, sw, sh).to_image(),
            step: step as f32,
        }
    }

    /// The paper's brightness at full-size pixel (x, y), at least 1.
    fn at(&self, x: u32, y: u32) -> f32 {
        let (sw, sh) = self.small.dimensions();
        let fx = ((x as f32 + 0.5) / self.step - 0.5).clamp(0.0, (sw - 1) as f32);
        let fy = ((y as f32 + 0.5) / self.step - 0.5).clamp(0.0, (sh - 1) as f32);
        let (x0, y0) = (fx as u32, fy as u32);
        let (x1, y1) = ((x0 + 1).min(sw - 1), (y0 + 1).min(sh - 1));
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let p = |x, y| f32::from(self.small.get_pixel(x, y)[0]);
        let top = p(x0, y0) * (1.0 - tx) + p(x1, y0) * tx;
        let bottom = p(x0, y1) * (1.0 - tx) + p(x1, y1) * tx;
        (top * (1.0 - ty) + bottom * ty).max(1.0)
    }
}

/// The levels of a normalised image: where ink ends (Otsu's level), the ink's and the paper's
/// brightness.
struct Levels {
    cut: u8,
    ink: f32,
    paper: f32,
}

impl Levels {
    /// None when nothing is clearly darker than the paper (a blank page).
    fn of(norm: &GrayImage) -> Option<Levels> {
        let cut = contrast::otsu_level(norm);
        let mut histogram = [0u64; 256];
        for p in norm.pixels() {
            histogram[usize::from(p[0])] += 1;
        }
        let cut_i = usize::from(cut);
        let (ink_hist, paper_hist) = histogram.split_at(cut_i + 1);
        // The ink's level is a dark percentile of the ink side (its core, not its soft edges);
        // the paper's is the median of the paper side.
        let ink = percentile(ink_hist, 0, 0.10)?;
        let paper = percentile(paper_hist, cut_i + 1, 0.50)?;
        if paper - ink < MIN_INK_CONTRAST {
            return None;
        }
        Some(Levels { cut, ink, paper })
    }
}

/// The paper's normalised colour: the mean of the paper at its usual brightness, away from the
/// ink. Tinted paper (or a warm lamp) keeps its tint after normalising the luminance, so ink is
/// un-blended from this colour rather than from grey; `level` when there is no such paper.
fn paper_colour(
    image: &RgbaImage,
    norm: &GrayImage,
    paper: &Paper,
    near_ink: &GrayImage,
    level: f32,
) -> [f32; 3] {
    let (mut sum, mut n) = ([0.0f64; 3], 0u32);
    // Every third row and column: plenty for a mean, at a ninth of the cost.
    for y in (0..image.height()).step_by(3) {
        for x in (0..image.width()).step_by(3) {
            let v = f32::from(norm.get_pixel(x, y)[0]);
            if near_ink.get_pixel(x, y)[0] != 0 || (v - level).abs() > 12.0 {
                continue;
            }
            let gain = 255.0 / paper.at(x, y);
            for (s, c) in sum.iter_mut().zip(on_white(image.get_pixel(x, y))) {
                *s += f64::from(c * gain);
            }
            n += 1;
        }
    }
    if n == 0 {
        return [level; 3];
    }
    sum.map(|s| (s / f64::from(n)) as f32)
}

/// The level below which `share` of the counts lie, `first` being the level of `counts[0]`.
fn percentile(counts: &[u64], first: usize, share: f64) -> Option<f32> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let target = (total as f64 * share) as u64;
    let mut seen = 0;
    for (i, c) in counts.iter().enumerate() {
        seen += c;
        if seen > target {
            return Some((first + i) as f32);
        }
    }
    Some((first + counts.len() - 1) as f32)
}

/// The smallest ink mark kept, in pixels: about a full stop of a fine pen at this size; dust,
/// paper grain and noise that pass the threshold are smaller.
fn min_speck_area(w: u32, h: u32) -> u32 {
    let long = w.max(h) as f32;
    ((long * long / 100_000.0).round() as u32).max(4)
}

/// Ink where the normalised image is at most `cut`, without components smaller than `min_area`.
fn ink_mask(norm: &GrayImage, cut: u8, min_area: u32) -> GrayImage {
    let mut mask = contrast::threshold(norm, cut, ThresholdType::BinaryInverted);
    let labels = connected_components(&mask, Connectivity::Eight, Luma([0u8]));
    let mut areas: Vec<u32> = Vec::new();
    for l in labels.pixels() {
        let l = l[0] as usize;
        if l > 0 {
            if areas.len() <= l {
                areas.resize(l + 1, 0);
            }
            areas[l] += 1;
        }
    }
    for (m, l) in mask.pixels_mut().zip(labels.pixels()) {
        let l = l[0] as usize;
        if l > 0 && areas[l] < min_area {
            m[0] = 0;
        }
    }
    mask
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
    crate::raster::unpremultiply(pixmap)
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
    fn specks_are_dropped_and_a_pen_dot_is_kept() {
        // 400×300 paper: a stroke, a 5×5 pen dot, and single dark pixels (dust, noise) far
        // from both, which would otherwise widen the crop to the whole page.
        let mut img = RgbaImage::from_pixel(400, 300, Rgba([235, 235, 230, 255]));
        for x in 100..300 {
            for y in 148..154 {
                img.put_pixel(x, y, Rgba([20, 25, 60, 255]));
            }
        }
        for x in 200..205 {
            for y in 120..125 {
                img.put_pixel(x, y, Rgba([20, 25, 60, 255]));
            }
        }
        for (x, y) in [(5, 5), (390, 290), (20, 280), (380, 10), (60, 150)] {
            img.put_pixel(x, y, Rgba([30, 30, 30, 255]));
        }
        let keyed = key_out_paper(&img);
        let (x, y, w, h) = ink_bounds(&keyed).unwrap();
        assert!(
            (97..=100).contains(&x) && (117..=120).contains(&y) && w <= 206 && h <= 40,
            "{:?}",
            (x, y, w, h)
        );
        assert_eq!(keyed.get_pixel(202, 122)[3], 255, "the dot stays");
        assert_eq!(keyed.get_pixel(5, 5)[3], 0, "the speck goes");
    }

    #[test]
    fn blank_page_has_no_ink() {
        let img = RgbaImage::from_pixel(50, 50, Rgba([250, 250, 250, 255]));
        assert!(!has_ink(&crop_to_ink(&key_out_paper(&img))));
    }
}
