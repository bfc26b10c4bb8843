//! The drawing primitives of a card: a pixmap with a design-unit scale, text fitted into
//! boxes (wrapping before shrinking), the QR with whole-pixel modules, photos, logos and the
//! signature. The card's sections (sections.rs) are written with these only.

use image::RgbaImage;
use tiny_skia::{
    FillRule, FilterQuality, Paint, PathBuilder, Pattern, Pixmap, Rect, SpreadMode, Transform,
};

use super::super::qr::Symbol;
use super::super::signature::crop_to_ink;
use super::super::Field;
use super::sections::INK;
use crate::photo::Photo;
use crate::template::{Align, Color, FontId};
use crate::text::{self, FitOptions, Fitted};

/// The canvas and its scale: `s` pixels per design unit, `h` the height in design units.
pub(super) struct Card {
    pub(super) pm: Pixmap,
    pub(super) s: f32,
    pub(super) h: f32,
    /// Fields cut with "…" so far.
    pub(super) cut: Vec<Field>,
    /// What the texts drawn so far could not draw (see [`text::Coverage`]).
    pub(super) coverage: text::Coverage,
}

/// A text style: font, (max, min) size in design units, tracking (em), colour, alignment.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) font: FontId,
    pub(super) max: f32,
    pub(super) min: f32,
    pub(super) tracking: f32,
    pub(super) color: Color,
    pub(super) align: Align,
}

impl Style {
    pub(super) const fn new(font: FontId, max: f32, min: f32, color: Color) -> Style {
        Style {
            font,
            max,
            min,
            tracking: 0.0,
            color,
            align: Align::Left,
        }
    }

    pub(super) const fn align(mut self, align: Align) -> Style {
        self.align = align;
        self
    }

    pub(super) const fn tracking(mut self, tracking: f32) -> Style {
        self.tracking = tracking;
        self
    }
}

impl Card {
    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let s = self.s;
        if let Some(r) = Rect::from_xywh(x * s, y * s, w * s, h * s) {
            let paint = solid(color);
            self.pm.fill_rect(r, &paint, Transform::identity(), None);
        }
    }

    pub(super) fn round_rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        paint: &Paint,
    ) {
        let s = self.s;
        if let Some(path) = round_rect_path(x * s, y * s, w * s, h * s, radius * s) {
            self.pm
                .fill_path(&path, paint, FillRule::Winding, Transform::identity(), None);
        }
    }

    /// Fit `text` into a `w`-wide box of at most `max_h` (design units), draw it top-aligned
    /// at (`x`, `y`), and return the fitted lines and the height used (design units).
    pub(super) fn text(
        &mut self,
        text: &str,
        st: Style,
        x: f32,
        y: f32,
        w: f32,
        max_h: f32,
    ) -> (Fitted, f32) {
        let s = self.s;
        let fitted = self.fit_in_range(text, st, w, max_h);
        self.note_coverage(&fitted);
        let used = fitted.lines.len() as f32 * text::line_height_for(st.font, fitted.px);
        text::draw(
            &mut self.pm,
            &fitted,
            st.font,
            st.tracking,
            st.color,
            st.align,
            (x * s, y * s, w * s, used),
        );
        (fitted, used / s)
    }

    /// A box for `lines` lines: that many at the style's smallest size, and never less than
    /// one line at its largest (design units).
    pub(super) fn lines_h(&self, st: Style, lines: f32) -> f32 {
        let lh = |px: f32| text::line_height_for(st.font, px * self.s) / self.s;
        (lines * lh(st.min)).max(lh(st.max))
    }

    /// The largest size (design units, from the style's max down in 4 % steps to its min) at
    /// which `text` wraps into at most `lines` lines of width `w`.
    pub(super) fn best_px(&self, text: &str, st: Style, w: f32, lines: f32) -> f32 {
        let mut px = st.max;
        while px > st.min {
            let (fitted, _) = self.fit_at(text, st, w, f32::MAX, px);
            if fitted.lines.len() as f32 <= lines && !fitted.truncated {
                return px;
            }
            px = (px * 0.96).max(st.min);
        }
        st.min
    }

    /// `text` wrapped at exactly `px` (design units) into at most `lines` lines (the last cut
    /// with "…" only if even that is too few). Returns the fit and its height (design units).
    pub(super) fn fit_at(
        &self,
        text: &str,
        st: Style,
        w: f32,
        lines: f32,
        px: f32,
    ) -> (Fitted, f32) {
        let s = self.s;
        let lh = text::line_height_for(st.font, px * s);
        let max_h = if lines.is_finite() && lines < 1e6 {
            lines * lh + 0.5
        } else {
            f32::MAX / 4.0
        };
        let fitted = text::fit_with(
            text,
            st.font,
            st.tracking,
            (px * s, px * s),
            (w * s, max_h),
            FitOptions { prefer_wrap: true },
        );
        let h = fitted.lines.len() as f32 * lh / s;
        (fitted, h)
    }

    /// Remember what a drawn text could not draw, for [`super::Rendered::coverage`].
    pub(super) fn note_coverage(&mut self, fitted: &Fitted) {
        self.coverage.merge(text::Coverage {
            missing: fitted.missing.clone(),
            needs: fitted.needs.clone(),
        });
    }

    pub(super) fn draw_fitted(&mut self, fitted: &Fitted, st: Style, x: f32, y: f32, w: f32) {
        self.note_coverage(fitted);
        let s = self.s;
        let h = fitted.lines.len() as f32 * text::line_height_for(st.font, fitted.px);
        text::draw(
            &mut self.pm,
            fitted,
            st.font,
            st.tracking,
            st.color,
            st.align,
            (x * s, y * s, w * s, h),
        );
    }

    /// The height `text` would take (design units) without drawing it.
    pub(super) fn fit_h(&self, text: &str, st: Style, w: f32, max_h: f32) -> f32 {
        let fitted = self.fit_in_range(text, st, w, max_h);
        fitted.lines.len() as f32 * text::line_height_for(st.font, fitted.px) / self.s
    }

    /// `text` fitted between the style's largest and smallest size into a `w` × `max_h` box
    /// (design units): what [`Self::text`] draws and [`Self::fit_h`] measures, so they agree.
    fn fit_in_range(&self, text: &str, st: Style, w: f32, max_h: f32) -> Fitted {
        let s = self.s;
        text::fit_with(
            text,
            st.font,
            st.tracking,
            (st.max * s, st.min * s),
            (w * s, max_h * s),
            FitOptions::default(),
        )
    }

    /// The QR symbol, filling a square `side` design units wide (see the comments inside).
    pub(super) fn qr(&mut self, (dark, modules): &Symbol, x: f32, y: f32, side: f32) {
        // One module of margin inside the box; the standard 4-module quiet zone is the card's
        // white paper around it (the box sits ≥ 20 units from anything else).
        let total = modules + 2;
        let side_px = side * self.s;
        // Whole pixels per module whenever there are at least 2: scanners (and rqrr) find the
        // finder patterns reliably only when all modules are the same size. Small previews
        // scale, with module edges snapped to pixels so they stay crisp.
        let fit = side_px / total as f32;
        let m = if fit >= 2.0 { fit.floor() } else { fit };
        let drawn = m * total as f32;
        let ox = (x * self.s + (side_px - drawn) / 2.0).round() + m;
        let oy = (y * self.s + (side_px - drawn) / 2.0).round() + m;
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
            let paint = solid(INK);
            self.pm.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// `photo` cover-fitted into a rounded rectangle.
    pub(super) fn photo_cover(
        &mut self,
        photo: &Photo,
        (x, y, w, h): (f32, f32, f32, f32),
        radius: f32,
    ) {
        let s = self.s;
        let (bx, by, bw, bh) = (x * s, y * s, w * s, h * s);
        let scale = (bw / photo.width() as f32).max(bh / photo.height() as f32);
        let (level, level_scale) = photo.level_for_scale(scale);
        let (dw, dh) = (
            level.width() as f32 * level_scale,
            level.height() as f32 * level_scale,
        );
        let t = Transform::from_row(
            level_scale,
            0.0,
            0.0,
            level_scale,
            bx + (bw - dw) / 2.0,
            by + (bh - dh) / 2.0,
        );
        let paint = Paint {
            shader: Pattern::new(
                level.as_ref(),
                SpreadMode::Pad,
                FilterQuality::Bilinear,
                1.0,
                t,
            ),
            anti_alias: true,
            ..Paint::default()
        };
        if let Some(path) = round_rect_path(bx, by, bw, bh, radius * s) {
            self.pm.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// A logo contain-fitted and centred in a box, sampled from the pyramid level that suits
    /// the scale.
    pub(super) fn image_contain(&mut self, photo: &Photo, (x, y, w, h): (f32, f32, f32, f32)) {
        let s = self.s;
        let scale = (w * s / photo.width() as f32).min(h * s / photo.height() as f32);
        let (level, level_scale) = photo.level_for_scale(scale);
        self.pixmap_at(level, level_scale, (x * s, y * s, w * s, h * s), false);
    }

    /// The signature cropped to its ink, contain-fitted, sitting on the bottom of its box.
    pub(super) fn signature(&mut self, sig: &RgbaImage, (x, y, w, h): (f32, f32, f32, f32)) {
        let s = self.s;
        let ink = crop_to_ink(sig);
        let scale = (w * s / ink.width() as f32).min(h * s / ink.height() as f32);
        // Downscale big uploads first so bilinear sampling does not alias.
        let mut img = ink;
        let mut scale = scale;
        while scale < 0.5 && img.width() >= 4 && img.height() >= 4 {
            img = crate::intake::halve(&img);
            scale *= 2.0;
        }
        let Some(pixmap) = premultiplied(&img) else {
            return;
        };
        self.pixmap_at(&pixmap, scale, (x * s, y * s, w * s, h * s), true);
    }

    /// Draw `src` scaled by `scale`, centred horizontally in the pixel box, vertically centred
    /// or on its bottom edge.
    fn pixmap_at(
        &mut self,
        src: &Pixmap,
        scale: f32,
        (bx, by, bw, bh): (f32, f32, f32, f32),
        bottom: bool,
    ) {
        if !(scale.is_finite() && scale > 0.0) {
            return;
        }
        let (dw, dh) = (src.width() as f32 * scale, src.height() as f32 * scale);
        let left = bx + (bw - dw) / 2.0;
        let top = if bottom {
            by + bh - dh
        } else {
            by + (bh - dh) / 2.0
        };
        let paint = Paint {
            shader: Pattern::new(
                src.as_ref(),
                SpreadMode::Pad,
                FilterQuality::Bilinear,
                1.0,
                Transform::from_row(scale, 0.0, 0.0, scale, left, top),
            ),
            anti_alias: true,
            ..Paint::default()
        };
        if let Some(r) = Rect::from_xywh(left, top, dw, dh) {
            self.pm.fill_rect(r, &paint, Transform::identity(), None);
        }
    }
}

/// Where [`text::draw`] puts the first baseline below a line's top, in pixels at `px`.
pub(super) fn baseline(font: FontId, px: f32) -> f32 {
    use ab_glyph::{Font, PxScale, ScaleFont};
    let scaled = text::font(font).as_scaled(PxScale::from(px));
    let lh = text::line_height_for(font, px);
    (lh - (scaled.ascent() - scaled.descent())) / 2.0 + scaled.ascent()
}

pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn dash(s: &str) -> String {
    let t = one_line(s);
    if t.is_empty() {
        "-".into()
    } else {
        t
    }
}

pub(super) fn sk(c: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
}

pub(super) fn solid(c: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(sk(c));
    paint.anti_alias = false;
    paint
}

fn round_rect_path(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<tiny_skia::Path> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    // Cubic arcs: 0.5523 is the standard circle-approximation constant.
    let k = r * (1.0 - 0.552_284_8);
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - k, y, x + w, y + k, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + k, y + h, x, y + h - k, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + k, x + k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// Straight RGBA to a premultiplied pixmap.
fn premultiplied(image: &RgbaImage) -> Option<Pixmap> {
    let mut data = image.as_raw().clone();
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        if a < 255 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * a + 127) / 255) as u8;
            }
        }
    }
    Pixmap::from_vec(
        data,
        tiny_skia::IntSize::from_wh(image.width(), image.height())?,
    )
}
