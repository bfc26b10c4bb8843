//! Layers that place a picture in a box: the brand kit's logo, the QR symbol, the signature,
//! and a text's underline.

use image::RgbaImage;
use tiny_skia::{
    FillRule, FilterQuality, Paint, PathBuilder, Pattern, Pixmap, PixmapRef, Rect, SpreadMode,
    Transform,
};

use crate::photo::Photo;
use crate::raster::{premultiply, solid};
use crate::template::{Align, Color, Fit, TextLayer};
use crate::text;

type Box4 = (f32, f32, f32, f32);

/// The logo fitted into the box, aligned horizontally and centred vertically.
pub(super) fn logo(pixmap: &mut Pixmap, bounds: Box4, logo: &Photo, fit: Fit, align: Align) {
    let (_, _, bw, bh) = bounds;
    let (iw, ih) = (logo.width() as f32, logo.height() as f32);
    let Some(scale) = fit_scale(fit, (bw, bh), (iw, ih)) else {
        return;
    };
    // The mip level closest above the drawn size, so a big logo drawn small does not alias.
    let (level, _) = logo.level_for_scale(scale);
    place(
        pixmap,
        level.as_ref(),
        (iw * scale, ih * scale),
        bounds,
        align,
        false,
    );
}

/// The signature cropped to its ink, contain-fitted, centred and standing on the box's bottom.
pub(super) fn signature(pixmap: &mut Pixmap, bounds: Box4, image: &RgbaImage) {
    if !crate::pledge::signature::has_ink(image) {
        return;
    }
    let ink = crate::pledge::signature::crop_to_ink(image);
    let (iw, ih) = (ink.width() as f32, ink.height() as f32);
    let Some(mut scale) = fit_scale(Fit::Contain, (bounds.2, bounds.3), (iw, ih)) else {
        return;
    };
    // Halve big uploads first so bilinear sampling does not alias.
    let mut img = ink;
    while scale < 0.5 && img.width() >= 4 && img.height() >= 4 {
        img = crate::intake::halve(&img);
        scale *= 2.0;
    }
    let drawn = (img.width() as f32 * scale, img.height() as f32 * scale);
    let src = premultiply(img);
    place(pixmap, src.as_ref(), drawn, bounds, Align::Center, true);
}

/// Scale that fits `(iw, ih)` into `(bw, bh)`, if it is a usable number.
fn fit_scale(fit: Fit, (bw, bh): (f32, f32), (iw, ih): (f32, f32)) -> Option<f32> {
    let (sx, sy) = (bw / iw, bh / ih);
    let scale = match fit {
        Fit::Contain => sx.min(sy),
        Fit::Cover => sx.max(sy),
    };
    (scale.is_finite() && scale > 0.0).then_some(scale)
}

/// Draw `src` at `drawn` pixels, aligned in the box (vertically centred, or on its bottom
/// edge), clipped to the box (a cover-fitted image overflows it).
fn place(
    pixmap: &mut Pixmap,
    src: PixmapRef<'_>,
    (dw, dh): (f32, f32),
    (bx, by, bw, bh): Box4,
    align: Align,
    bottom: bool,
) {
    let left = match align {
        Align::Left => bx,
        Align::Center => bx + (bw - dw) / 2.0,
        Align::Right => bx + bw - dw,
    };
    let top = if bottom {
        by + bh - dh
    } else {
        by + (bh - dh) / 2.0
    };
    let (sx, sy) = (dw / src.width() as f32, dh / src.height() as f32);
    let paint = Paint {
        shader: Pattern::new(
            src,
            SpreadMode::Pad,
            FilterQuality::Bilinear,
            1.0,
            Transform::from_row(sx, 0.0, 0.0, sy, left, top),
        ),
        anti_alias: true,
        ..Paint::default()
    };
    let l = left.max(bx);
    let t = top.max(by);
    let r = (left + dw).min(bx + bw);
    let b = (top + dh).min(by + bh);
    if let Some(rect) = Rect::from_ltrb(l, t, r, b) {
        pixmap.fill_rect(rect, &paint, Transform::identity(), None);
    }
}

/// The QR symbol as the largest square in the box, centred, with one module of margin (the
/// standard quiet zone is the paper around the box).
pub(super) fn qr(
    pixmap: &mut Pixmap,
    (x, y, w, h): Box4,
    dark: &[bool],
    modules: u32,
    color: Color,
) {
    if modules == 0 {
        return;
    }
    let side = w.min(h);
    let (x, y) = (x + (w - side) / 2.0, y + (h - side) / 2.0);
    let total = modules + 2;
    // Whole pixels per module whenever there are at least 2: scanners find the finder
    // patterns reliably only when all modules are the same size. Small previews scale, with
    // module edges snapped to pixels so they stay crisp.
    let fit = side / total as f32;
    // Relative boxes come back from pixels with float error (252 px as 251.99): a hair of
    // slack keeps a whole module that fits exactly.
    let m = if fit >= 2.0 {
        (fit + 1e-3).floor()
    } else {
        fit
    };
    let drawn = m * total as f32;
    let ox = (x + (side - drawn) / 2.0).round() + m;
    let oy = (y + (side - drawn) / 2.0).round() + m;
    let edge = |origin: f32, k: u32| (origin + k as f32 * m).round();
    let mut pb = PathBuilder::new();
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (mx, my) = (i as u32 % modules, i as u32 / modules);
        let (x0, x1) = (edge(ox, mx), edge(ox, mx + 1));
        let (y0, y1) = (edge(oy, my), edge(oy, my + 1));
        if let Some(r) = Rect::from_ltrb(x0, y0, x1.max(x0 + 1.0), y1.max(y0 + 1.0)) {
            pb.push_rect(r);
        }
    }
    if let Some(path) = pb.finish() {
        pixmap.fill_path(
            &path,
            &solid(color, false),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

/// A rule under the fitted text, as wide as its widest line, in the text's colour.
pub(super) fn underline(
    pixmap: &mut Pixmap,
    fitted: &text::Fitted,
    t: &TextLayer,
    (x, y, w, h): Box4,
    unit: f32,
) {
    let widest = fitted
        .lines
        .iter()
        .map(|l| text::measure_line(t.font, l, fitted.px, t.tracking))
        .fold(0.0, f32::max);
    if widest <= 0.0 {
        return;
    }
    let block = fitted.lines.len() as f32 * text::line_height_for(t.font, fitted.px);
    // text::draw centres the block vertically in its box.
    let below = y + (h - block) / 2.0 + block + unit * 0.002;
    let left = match t.align {
        Align::Left => x,
        Align::Center => x + (w - widest) / 2.0,
        Align::Right => x + w - widest,
    };
    let thick = (unit * 0.002).max(1.0);
    if let Some(rect) = Rect::from_xywh(left, below, widest, thick) {
        pixmap.fill_rect(rect, &solid(t.color, false), Transform::identity(), None);
    }
}
