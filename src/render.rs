//! Rendering: one pure function turns a template, the user's inputs and a pixel width into an
//! image. The preview (small width) and the export (full width) both come from here, so what the
//! user sees is what they download.

use std::collections::BTreeMap;

use image::RgbaImage;
use thiserror::Error;
use tiny_skia::{
    FillRule, FilterQuality, GradientStop, LinearGradient, Mask, Paint as SkPaint, Path,
    PathBuilder, Pixmap, PixmapPaint, Point, Rect, Shader, SpreadMode, Transform,
};

use crate::i18n::Lang;
use crate::photo::Photo;
use crate::raster::{push_round_rect, sk_color, unpremultiply};
use crate::template::{
    fill_placeholders, placeholders, Color, Geometry, ImageSource, Layer, Paint, Template,
};
use crate::text;

mod lists;
mod marks;

/// Largest output side we render (A4 at 300 dpi is 3508 px high; leave room for 600 dpi).
pub const MAX_OUTPUT_SIDE: u32 = 8192;

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RenderError {
    #[error("output size {width}×{height} is out of range (1..={MAX_OUTPUT_SIDE} per side)")]
    BadSize { width: u32, height: u32 },
    #[error("out of memory for a {width}×{height} image")]
    OutOfMemory { width: u32, height: u32 },
}

impl RenderError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RenderError::BadSize { width, height }, Lang::Id) => {
                format!("Ukuran keluaran {width}×{height} tidak didukung.")
            }
            (RenderError::BadSize { width, height }, Lang::En) => {
                format!("Output size {width}×{height} is not supported.")
            }
            (RenderError::OutOfMemory { .. }, Lang::Id) => {
                "Memori perangkat tidak cukup untuk membuat gambar ini.".into()
            }
            (RenderError::OutOfMemory { .. }, Lang::En) => {
                "Not enough memory on this device to make this image.".into()
            }
        }
    }
}

/// How the user placed the photo in its slot. The default is cover-fit and centred.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PhotoTransform {
    /// ≥ 1, relative to cover-fit.
    pub zoom: f32,
    /// Pan as a fraction of the canvas width (so it means the same at every output size).
    pub offset_x: f32,
    /// Pan as a fraction of the canvas height.
    pub offset_y: f32,
    /// Degrees clockwise.
    pub rotate: f32,
}

impl Default for PhotoTransform {
    fn default() -> Self {
        PhotoTransform {
            zoom: 1.0,
            offset_x: 0.0,
            offset_y: 0.0,
            rotate: 0.0,
        }
    }
}

impl PhotoTransform {
    pub const MIN_ZOOM: f32 = 1.0;
    pub const MAX_ZOOM: f32 = 5.0;

    /// The same transform with zoom clamped to its range and values made finite.
    pub fn sanitized(self) -> PhotoTransform {
        let finite = |v: f32, default: f32| if v.is_finite() { v } else { default };
        PhotoTransform {
            zoom: finite(self.zoom, 1.0).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM),
            offset_x: finite(self.offset_x, 0.0).clamp(-2.0, 2.0),
            offset_y: finite(self.offset_y, 0.0).clamp(-2.0, 2.0),
            rotate: finite(self.rotate, 0.0).rem_euclid(360.0),
        }
    }
}

/// One change to the photo's placement, from a gesture, a key or a control. The twibbon and
/// the poster pages apply the same moves with [`PhotoTransform::moved`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PhotoMove {
    /// Pan by a fraction of the canvas width and height.
    Pan(f32, f32),
    /// Multiply the zoom.
    ZoomBy(f32),
    SetZoom(f32),
    SetRotate(f32),
    RotateBy(f32),
    /// Back to cover-fit and centred.
    Reset,
}

impl PhotoTransform {
    /// The placement after `change`, sanitized (zoom in range, rotation in 0..360).
    pub fn moved(self, change: PhotoMove) -> PhotoTransform {
        let mut t = self;
        match change {
            PhotoMove::Pan(dx, dy) => {
                t.offset_x += dx;
                t.offset_y += dy;
            }
            PhotoMove::ZoomBy(factor) => t.zoom *= factor,
            PhotoMove::SetZoom(zoom) => t.zoom = zoom,
            PhotoMove::SetRotate(deg) => t.rotate = deg,
            PhotoMove::RotateBy(deg) => t.rotate += deg,
            PhotoMove::Reset => t = PhotoTransform::default(),
        }
        t.sanitized()
    }
}

/// Everything the user supplies to a render. Layers that need an input that is not given draw
/// nothing (a logo layer without a logo, a QR layer without modules).
#[derive(Clone, Copy, Debug, Default)]
pub struct Inputs<'a> {
    pub photo: Option<&'a Photo>,
    pub transform: PhotoTransform,
    /// The user's own frame PNG, for templates with an `image` layer of source `frame`.
    pub frame: Option<&'a Photo>,
    /// What the texts' `{key}` placeholders stand for. `None` leaves texts as written.
    pub values: Option<&'a Values>,
    /// The brand kit's logo, decoded (see [`crate::brand::decode_logo`]).
    pub logo: Option<&'a Photo>,
    /// A QR symbol: dark modules row by row, and the number of modules per side.
    pub qr: Option<(&'a [bool], u32)>,
    /// A transparent signature image (see [`crate::pledge::signature`]).
    pub signature: Option<&'a RgbaImage>,
    /// The items of a `points` layer, in order.
    pub points: &'a [String],
}

/// Placeholder values by key.
pub type Values = BTreeMap<String, String>;

impl Inputs<'_> {
    /// `text` with its placeholders filled (see [`fill_placeholders`]).
    pub fn fill(&self, text: &str) -> String {
        match self.values {
            Some(values) => fill_placeholders(text, |key| values.get(key).map(String::as_str)),
            None => text.to_string(),
        }
    }

    /// Does a `when` condition hold (see [`crate::template::WhenLayer`])?
    pub fn holds(&self, condition: &str) -> bool {
        let (negate, key) = match condition.strip_prefix('!') {
            Some(key) => (true, key),
            None => (false, condition),
        };
        let given = match key {
            "photo" => self.photo.is_some(),
            "logo" => self.logo.is_some(),
            "signature" => self
                .signature
                .is_some_and(crate::pledge::signature::has_ink),
            "qr" => self.qr.is_some(),
            "points" => !self.points.is_empty(),
            key => self
                .values
                .and_then(|v| v.get(key))
                .is_some_and(|v| !v.trim().is_empty()),
        };
        given != negate
    }
}

/// What a render could not do: the texts cut with "…" (by the placeholder keys they show, in
/// drawing order, once each; `points` for the points layer) and the characters not drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub cut: Vec<String>,
    pub coverage: text::Coverage,
}

impl Report {
    fn cut_keys(&mut self, text: &str) {
        for key in placeholders(text) {
            if !self.cut.contains(&key) {
                self.cut.push(key);
            }
        }
    }

    fn note(&mut self, fitted: &text::Fitted) {
        self.coverage.merge(text::Coverage {
            missing: fitted.missing.clone(),
            needs: fitted.needs.clone(),
            shaper: fitted.shaper,
        });
    }
}

/// Render `template` at `width` pixels wide (height follows the template's aspect ratio).
///
/// The same as `Renderer::default().render(..)`: one-off renders (export, CLI) and the cached
/// preview go through exactly the same drawing code.
pub fn render(
    template: &Template,
    inputs: &Inputs<'_>,
    width: u32,
) -> Result<RgbaImage, RenderError> {
    Renderer::default().render(template, inputs, width)
}

/// [`render`], also telling what could not be drawn (texts cut, characters missing).
pub fn render_report(
    template: &Template,
    inputs: &Inputs<'_>,
    width: u32,
) -> Result<(RgbaImage, Report), RenderError> {
    Renderer::default().render_report(template, inputs, width)
}

/// Renders repeatedly while only the photo's placement changes (dragging, pinching): the
/// template's own layers under and over the photo are drawn once per template, size and frame
/// PNG and kept, so a re-render is one photo resample plus one blend.
#[derive(Default)]
pub struct Renderer {
    cache: Option<(LayerKey, Layers)>,
}

/// What the cached layers depend on. Anything else that changes a non-photo layer (e.g. text
/// bound to user input) must be added here.
#[derive(Clone, PartialEq)]
struct LayerKey {
    template: Template,
    width: u32,
    frame: Option<*const Photo>,
    /// The other inputs non-photo layers draw (images by address, like the frame).
    values: Option<Values>,
    logo: Option<*const Photo>,
    qr: Option<(Vec<bool>, u32)>,
    signature: Option<*const RgbaImage>,
    points: Vec<String>,
    /// `when` groups may test for the photo.
    has_photo: bool,
    /// Fallback fonts installed since: texts drawn before one arrived lack its characters.
    fonts: u32,
}

/// The template drawn without the photo: everything under the slot, the slot's mask, and
/// everything over it (premultiplied, transparent where the photo shows through).
struct Layers {
    report: Report,
    under: Pixmap,
    slot: Option<Slot>,
    over: Option<Pixmap>,
}

struct Slot {
    path: Path,
    rule: FillRule,
    mask: Mask,
    bounds: Rect,
    circle: bool,
}

impl Renderer {
    pub fn render(
        &mut self,
        template: &Template,
        inputs: &Inputs<'_>,
        width: u32,
    ) -> Result<RgbaImage, RenderError> {
        self.render_report(template, inputs, width)
            .map(|(image, _)| image)
    }

    /// [`Renderer::render`], also telling what could not be drawn.
    pub fn render_report(
        &mut self,
        template: &Template,
        inputs: &Inputs<'_>,
        width: u32,
    ) -> Result<(RgbaImage, Report), RenderError> {
        let height = template.height_for(width);
        if width == 0 || width > MAX_OUTPUT_SIDE || height > MAX_OUTPUT_SIDE {
            return Err(RenderError::BadSize { width, height });
        }
        let key = LayerKey {
            template: template.clone(),
            width,
            frame: inputs.frame.map(|f| f as *const Photo),
            values: inputs.values.cloned(),
            logo: inputs.logo.map(|l| l as *const Photo),
            qr: inputs.qr.map(|(m, n)| (m.to_vec(), n)),
            signature: inputs.signature.map(|s| s as *const RgbaImage),
            points: inputs.points.to_vec(),
            has_photo: inputs.photo.is_some(),
            fonts: crate::text::installed_generation(),
        };
        let fresh = !matches!(&self.cache, Some((k, _)) if *k == key);
        if fresh {
            self.cache = None; // free the old layers before allocating new ones
            let layers = draw_layers(template, inputs, width, height)?;
            self.cache = Some((key, layers));
        }
        let Some((_, layers)) = &self.cache else {
            unreachable!("cache filled above")
        };
        let mut pixmap = layers.under.clone();
        let canvas = Canvas {
            w: width as f32,
            h: height as f32,
        };
        if let Some(slot) = &layers.slot {
            match inputs.photo {
                Some(photo) => draw_photo(&mut pixmap, &canvas, slot, photo, inputs.transform),
                None => {
                    draw_placeholder(&mut pixmap, &slot.path, slot.rule, slot.bounds, &slot.mask)
                }
            }
        }
        if let Some(over) = &layers.over {
            pixmap.draw_pixmap(
                0,
                0,
                over.as_ref(),
                &PixmapPaint::default(),
                Transform::identity(),
                None,
            );
        }
        Ok((unpremultiply(pixmap), layers.report.clone()))
    }
}

fn draw_layers(
    template: &Template,
    inputs: &Inputs<'_>,
    width: u32,
    height: u32,
) -> Result<Layers, RenderError> {
    let oom = RenderError::OutOfMemory { width, height };
    let canvas = Canvas {
        w: width as f32,
        h: height as f32,
    };
    let mut under = Pixmap::new(width, height).ok_or(oom.clone())?;
    let full = Rect::from_xywh(0.0, 0.0, canvas.w, canvas.h).expect("positive size");
    under.fill_rect(
        full,
        &canvas.paint(&template.background),
        Transform::identity(),
        None,
    );
    let mut slot = None;
    let mut over: Option<Pixmap> = None;
    let mut report = Report::default();
    let mut visible = Vec::new();
    visible_layers(&template.layers, inputs, &mut visible);
    for layer in visible {
        if let Layer::Photo { slot: geometry } = layer {
            if slot.is_none() && over.is_none() {
                slot = photo_slot(&canvas, geometry, width, height);
                over = Some(Pixmap::new(width, height).ok_or(oom.clone())?);
            }
            continue;
        }
        let target = over.as_mut().unwrap_or(&mut under);
        draw_layer(target, &canvas, layer, inputs, &mut report);
    }
    Ok(Layers {
        report,
        under,
        slot,
        over,
    })
}

/// The layers to draw, in order: `when` groups opened where their conditions hold.
fn visible_layers<'t>(layers: &'t [Layer], inputs: &Inputs<'_>, out: &mut Vec<&'t Layer>) {
    for layer in layers {
        match layer {
            Layer::When(w) => {
                if w.conditions.iter().all(|c| inputs.holds(c)) {
                    visible_layers(&w.layers, inputs, out);
                }
            }
            other => out.push(other),
        }
    }
}

/// What the template's texts cannot draw now (no font has it, or its fallback font is not
/// installed yet) and which fallback fonts would draw it: see [`text::coverage`].
pub fn text_coverage(template: &Template) -> text::Coverage {
    text_coverage_with(template, &Inputs::default())
}

/// [`text_coverage`] of the texts as `inputs` fill them (visible layers only).
pub fn text_coverage_with(template: &Template, inputs: &Inputs<'_>) -> text::Coverage {
    let mut total = text::Coverage::default();
    let mut visible = Vec::new();
    visible_layers(&template.layers, inputs, &mut visible);
    for layer in visible {
        match layer {
            Layer::Text(t) => total.merge(text::coverage(&inputs.fill(&t.text), t.font)),
            Layer::Table(t) => {
                for row in &t.rows {
                    total.merge(text::coverage(&inputs.fill(&row.label), t.label.font));
                    let style = if row.strong { &t.strong } else { &t.value };
                    total.merge(text::coverage(&inputs.fill(&row.value), style.font));
                }
            }
            Layer::Points(p) => {
                for point in inputs.points {
                    total.merge(text::coverage(point, p.text.font));
                }
            }
            _ => {}
        }
    }
    total
}

fn photo_slot(canvas: &Canvas, geometry: &Geometry, width: u32, height: u32) -> Option<Slot> {
    let (path, rule) = canvas.path(geometry)?;
    let mut mask = Mask::new(width, height)?;
    mask.fill_path(&path, rule, true, Transform::identity());
    Some(Slot {
        bounds: path.bounds(),
        path,
        rule,
        mask,
        circle: matches!(geometry, Geometry::Circle { .. }),
    })
}

/// Every layer but the photo.
fn draw_layer(
    pixmap: &mut Pixmap,
    canvas: &Canvas,
    layer: &Layer,
    inputs: &Inputs<'_>,
    report: &mut Report,
) {
    match layer {
        Layer::Photo { .. } | Layer::When(_) => {}
        Layer::Shape { geometry, paint } => {
            if let Some((path, rule)) = canvas.path(geometry) {
                pixmap.fill_path(
                    &path,
                    &canvas.paint(paint),
                    rule,
                    Transform::identity(),
                    None,
                );
            }
        }
        Layer::Text(t) => {
            let filled = inputs.fill(&t.text);
            if filled.trim().is_empty() {
                return;
            }
            let (x, y, w, h) = canvas.rect(t.bounds);
            let unit = canvas.unit();
            let fitted = text::fit_with(
                &filled,
                t.font,
                t.tracking,
                (t.size * unit, t.min_size * unit),
                (w, h),
                text::FitOptions {
                    prefer_wrap: t.prefer_wrap,
                },
            );
            report.note(&fitted);
            if fitted.truncated {
                report.cut_keys(&t.text);
            }
            text::draw(
                pixmap,
                &fitted,
                t.font,
                t.tracking,
                t.color,
                t.align,
                (x, y, w, h),
            );
            if t.underline {
                marks::underline(pixmap, &fitted, t, (x, y, w, h), canvas.unit());
            }
        }
        Layer::Logo(l) => {
            if let Some(logo) = inputs.logo {
                marks::logo(pixmap, canvas.rect(l.bounds), logo, l.fit, l.align);
            }
        }
        Layer::Qr(q) => {
            if let Some((dark, modules)) = inputs.qr {
                marks::qr(pixmap, canvas.rect(q.bounds), dark, modules, q.color);
            }
        }
        Layer::Signature(sig) => {
            if let Some(image) = inputs.signature {
                marks::signature(pixmap, canvas.rect(sig.bounds), image);
            }
        }
        Layer::Points(p) => {
            let frame = lists::Frame {
                bounds: canvas.rect(p.bounds),
                unit: canvas.unit(),
                width: canvas.w,
            };
            lists::points(pixmap, &frame, p, inputs.points, report);
        }
        Layer::Table(t) => {
            let frame = lists::Frame {
                bounds: canvas.rect(t.bounds),
                unit: canvas.unit(),
                width: canvas.w,
            };
            lists::table(pixmap, &frame, t, inputs, report);
        }
        Layer::Image {
            source: ImageSource::Frame,
        } => {
            if let Some(frame) = inputs.frame {
                let sx = canvas.w / frame.width() as f32;
                let sy = canvas.h / frame.height() as f32;
                let (level, _) = frame.level_for_scale(sx.min(sy));
                let lx = canvas.w / level.width() as f32;
                let ly = canvas.h / level.height() as f32;
                let paint = PixmapPaint {
                    quality: FilterQuality::Bilinear,
                    ..PixmapPaint::default()
                };
                pixmap.draw_pixmap(
                    0,
                    0,
                    level.as_ref(),
                    &paint,
                    Transform::from_scale(lx, ly),
                    None,
                );
            }
        }
    }
}

/// The photo, cover-fitted into the slot then zoomed, rotated and panned, clipped to the slot.
fn draw_photo(pixmap: &mut Pixmap, canvas: &Canvas, slot: &Slot, photo: &Photo, t: PhotoTransform) {
    let t = t.sanitized();
    let bounds = slot.bounds;
    let (cx, cy) = (
        bounds.x() + bounds.width() / 2.0,
        bounds.y() + bounds.height() / 2.0,
    );
    // Cover-fit for the rotated slot: the slot turned by −θ must fit inside the photo.
    let (sw, sh) = (bounds.width(), bounds.height());
    let theta = t.rotate.to_radians();
    let (sin, cos) = (theta.sin().abs(), theta.cos().abs());
    let (need_w, need_h) = if slot.circle {
        (sw, sh)
    } else {
        (sw * cos + sh * sin, sw * sin + sh * cos)
    };
    let cover = (need_w / photo.width() as f32).max(need_h / photo.height() as f32);
    let scale = cover * t.zoom;
    let (level, level_scale) = photo.level_for_scale(scale);
    let transform = Transform::from_translate(
        -(level.width() as f32) / 2.0,
        -(level.height() as f32) / 2.0,
    )
    .post_scale(level_scale, level_scale)
    .post_rotate(t.rotate)
    .post_translate(cx + t.offset_x * canvas.w, cy + t.offset_y * canvas.h);
    resample_into(pixmap, level, transform, &slot.mask, bounds);
}

/// Draw `src` through the affine map `to_canvas` with bilinear sampling, weighted by the slot
/// mask's coverage, onto `dst` (both premultiplied). Written out by hand because it is the
/// one per-pixel loop that runs on every drag event: fixed-point weights, an incremental
/// inverse map, and only the slot's bounding rows and columns are visited. It is ~3× faster
/// than a general pipeline in wasm, which is what keeps dragging smooth on phones.
fn resample_into(dst: &mut Pixmap, src: &Pixmap, to_canvas: Transform, mask: &Mask, bounds: Rect) {
    let Some(inv) = to_canvas.invert() else {
        return;
    };
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let (sw, sh) = (src.width() as i32, src.height() as i32);
    let x0 = (bounds.left().floor() as i32).clamp(0, dw);
    let x1 = (bounds.right().ceil() as i32).clamp(0, dw);
    let y0 = (bounds.top().floor() as i32).clamp(0, dh);
    let y1 = (bounds.bottom().ceil() as i32).clamp(0, dh);
    let src_data = src.data();
    let mask_data = mask.data();
    let stride = dw as usize;
    let src_stride = sw as usize;
    let dst_data = dst.data_mut();
    let (max_u, max_v) = (sw as f32 - 0.5, sh as f32 - 0.5);
    for y in y0..y1 {
        let (px, py) = (x0 as f32 + 0.5, y as f32 + 0.5);
        // Source position of this pixel's centre, in texel-centre coordinates.
        let mut u = inv.sx * px + inv.kx * py + inv.tx - 0.5;
        let mut v = inv.ky * px + inv.sy * py + inv.ty - 0.5;
        let row = y as usize * stride;
        for x in x0..x1 {
            let i = row + x as usize;
            let coverage = u32::from(mask_data[i]);
            if coverage != 0 && u >= -1.0 && v >= -1.0 && u <= max_u && v <= max_v {
                let (fu, fv) = (u.floor(), v.floor());
                let wx = ((u - fu) * 256.0) as u32;
                let wy = ((v - fv) * 256.0) as u32;
                let xa = (fu as i32).clamp(0, sw - 1) as usize;
                let xb = (fu as i32 + 1).clamp(0, sw - 1) as usize;
                let ya = (fv as i32).clamp(0, sh - 1) as usize * src_stride;
                let yb = (fv as i32 + 1).clamp(0, sh - 1) as usize * src_stride;
                let (a, b, c, d) = ((ya + xa) * 4, (ya + xb) * 4, (yb + xa) * 4, (yb + xb) * 4);
                let mut out = [0u32; 4];
                for (k, o) in out.iter_mut().enumerate() {
                    let top =
                        u32::from(src_data[a + k]) * (256 - wx) + u32::from(src_data[b + k]) * wx;
                    let bottom =
                        u32::from(src_data[c + k]) * (256 - wx) + u32::from(src_data[d + k]) * wx;
                    *o = (top * (256 - wy) + bottom * wy + 32_768) >> 16;
                }
                let p = i * 4;
                if coverage == 255 && out[3] == 255 {
                    for k in 0..4 {
                        dst_data[p + k] = out[k] as u8;
                    }
                } else {
                    // Source-over with the coverage folded into the (premultiplied) source.
                    let sa = (out[3] * coverage + 127) / 255;
                    for k in 0..4 {
                        let s = (out[k] * coverage + 127) / 255;
                        let dv = u32::from(dst_data[p + k]);
                        dst_data[p + k] = (s + (dv * (255 - sa) + 127) / 255).min(255) as u8;
                    }
                }
            }
            u += inv.sx;
            v += inv.ky;
        }
    }
}

fn draw_placeholder(pixmap: &mut Pixmap, path: &Path, rule: FillRule, bounds: Rect, mask: &Mask) {
    let mut paint = SkPaint::default();
    paint.set_color_rgba8(0xD9, 0xDE, 0xE4, 255);
    pixmap.fill_path(path, &paint, rule, Transform::identity(), None);
    // A simple head-and-shoulders figure, so the slot reads as "your photo goes here".
    paint.set_color_rgba8(0xB4, 0xBC, 0xC6, 255);
    let (x, y, w, h) = (bounds.x(), bounds.y(), bounds.width(), bounds.height());
    let unit = w.min(h);
    let mut pb = PathBuilder::new();
    pb.push_circle(x + w / 2.0, y + h * 0.40, unit * 0.17);
    if let Some(oval) = Rect::from_xywh(
        x + w / 2.0 - unit * 0.32,
        y + h * 0.62,
        unit * 0.64,
        unit * 0.55,
    ) {
        pb.push_oval(oval);
    }
    if let Some(figure) = pb.finish() {
        pixmap.fill_path(
            &figure,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            Some(mask),
        );
    }
}

/// Converts relative template units into pixel geometry and paints.
struct Canvas {
    w: f32,
    h: f32,
}

impl Canvas {
    fn unit(&self) -> f32 {
        self.w.min(self.h)
    }

    /// A relative `[x, y, w, h]` box in pixels.
    fn rect(&self, [x, y, w, h]: [f32; 4]) -> (f32, f32, f32, f32) {
        (x * self.w, y * self.h, w * self.w, h * self.h)
    }

    fn point(&self, [x, y]: [f32; 2]) -> Point {
        Point::from_xy(x * self.w, y * self.h)
    }

    fn path(&self, geometry: &Geometry) -> Option<(Path, FillRule)> {
        let u = self.unit();
        let mut pb = PathBuilder::new();
        let rule = match *geometry {
            Geometry::Rect { x, y, w, h, radius } => {
                let rect = Rect::from_xywh(x * self.w, y * self.h, w * self.w, h * self.h)?;
                push_round_rect(&mut pb, rect, radius * u);
                FillRule::Winding
            }
            Geometry::Circle { cx, cy, r } => {
                pb.push_circle(cx * self.w, cy * self.h, r * u);
                FillRule::Winding
            }
            Geometry::Ring { cx, cy, r, width } => {
                pb.push_circle(cx * self.w, cy * self.h, (r + width / 2.0) * u);
                pb.push_circle(cx * self.w, cy * self.h, (r - width / 2.0).max(0.0) * u);
                FillRule::EvenOdd
            }
            Geometry::Polygon { ref points } => {
                let (first, rest) = points.split_first()?;
                let p = self.point(*first);
                pb.move_to(p.x, p.y);
                for point in rest {
                    let p = self.point(*point);
                    pb.line_to(p.x, p.y);
                }
                pb.close();
                FillRule::Winding
            }
        };
        pb.finish().map(|path| (path, rule))
    }

    fn paint(&self, paint: &Paint) -> SkPaint<'static> {
        let mut sk = SkPaint {
            anti_alias: true,
            ..SkPaint::default()
        };
        match paint {
            Paint::Solid(c) => sk.set_color(sk_color(*c)),
            Paint::Linear { from, to, stops } => {
                let stops = stops
                    .iter()
                    .map(|(offset, c)| GradientStop::new(*offset, sk_color(*c)))
                    .collect();
                let shader = LinearGradient::new(
                    self.point(*from),
                    self.point(*to),
                    stops,
                    SpreadMode::Pad,
                    Transform::identity(),
                );
                match shader {
                    Some(shader) => sk.shader = shader,
                    // A degenerate gradient (from == to or one stop) falls back to its first colour.
                    None => {
                        let first = stops_first(paint).unwrap_or(Color::rgb(0, 0, 0));
                        sk.shader = Shader::SolidColor(sk_color(first));
                    }
                }
            }
        }
        sk
    }
}

fn stops_first(paint: &Paint) -> Option<Color> {
    match paint {
        Paint::Linear { stops, .. } => stops.first().map(|(_, c)| *c),
        Paint::Solid(c) => Some(*c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_moves_pan_zoom_rotate_and_reset() {
        let t = PhotoTransform::default()
            .moved(PhotoMove::Pan(0.2, -0.1))
            .moved(PhotoMove::ZoomBy(1.1))
            .moved(PhotoMove::ZoomBy(1.1))
            .moved(PhotoMove::RotateBy(-90.0));
        assert!((t.offset_x - 0.2).abs() < 1e-6 && (t.offset_y + 0.1).abs() < 1e-6);
        assert!((t.zoom - 1.21).abs() < 1e-5, "{t:?}");
        // Rotation stays in 0..360: a quarter turn left is 270° clockwise.
        assert_eq!(t.rotate, 270.0);
        // Zoom stays in its range whichever way it is set.
        assert_eq!(
            t.moved(PhotoMove::SetZoom(9.0)).zoom,
            PhotoTransform::MAX_ZOOM
        );
        assert_eq!(
            t.moved(PhotoMove::ZoomBy(0.1)).zoom,
            PhotoTransform::MIN_ZOOM
        );
        assert_eq!(t.moved(PhotoMove::SetRotate(-30.0)).rotate, 330.0);
        assert_eq!(t.moved(PhotoMove::Reset), PhotoTransform::default());
        // A NaN from a broken gesture does not poison the placement.
        assert_eq!(t.moved(PhotoMove::ZoomBy(f32::NAN)).zoom, 1.0);
    }
}
