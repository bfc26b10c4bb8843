//! Pixel primitives every drawing path shares: colours for tiny-skia, rounded rectangles, and
//! the conversions between straight RGBA (what `image` and our outputs use) and tiny-skia's
//! premultiplied pixels. One copy, so the renderer, photos, logos and signatures round alike.

use image::RgbaImage;
use tiny_skia::{IntSize, Paint, Path, PathBuilder, Pixmap, Rect};

use crate::template::Color;

/// A template colour as tiny-skia's.
pub fn sk_color(c: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
}

/// A solid paint, anti-aliased or not.
pub fn solid(c: Color, anti_alias: bool) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(sk_color(c));
    paint.anti_alias = anti_alias;
    paint
}

/// Add a rectangle with circular corners (cubic approximation of quarter circles) to `pb`.
/// The radius is clamped to half the shorter side; 0 gives a plain rectangle.
pub fn push_round_rect(pb: &mut PathBuilder, rect: Rect, radius: f32) {
    let r = radius
        .min(rect.width() / 2.0)
        .min(rect.height() / 2.0)
        .max(0.0);
    if r <= 0.0 {
        pb.push_rect(rect);
        return;
    }
    const K: f32 = 0.552_284_8; // control-point distance for a quarter circle
    let (l, t, rr, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    let k = r * K;
    pb.move_to(l + r, t);
    pb.line_to(rr - r, t);
    pb.cubic_to(rr - r + k, t, rr, t + r - k, rr, t + r);
    pb.line_to(rr, b - r);
    pb.cubic_to(rr, b - r + k, rr - r + k, b, rr - r, b);
    pb.line_to(l + r, b);
    pb.cubic_to(l + r - k, b, l, b - r + k, l, b - r);
    pb.line_to(l, t + r);
    pb.cubic_to(l, t + r - k, l + r - k, t, l + r, t);
    pb.close();
}

/// A rounded rectangle as a path (`None` for an empty or non-finite rectangle).
pub fn round_rect(rect: Rect, radius: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    push_round_rect(&mut pb, rect, radius);
    pb.finish()
}

/// Straight RGBA → premultiplied, in place.
pub fn premultiply_in_place(data: &mut [u8]) {
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        if a < 255 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * a + 127) / 255) as u8;
            }
        }
    }
}

/// Premultiplied → straight RGBA, in place.
pub fn unpremultiply_in_place(data: &mut [u8]) {
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        if a > 0 && a < 255 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
}

/// Straight RGBA image → tiny-skia pixmap (a zero-sized image gives a 1×1 transparent one).
pub fn premultiply(image: RgbaImage) -> Pixmap {
    let (w, h) = image.dimensions();
    let Some(size) = IntSize::from_wh(w, h) else {
        return Pixmap::new(1, 1).expect("1×1 pixmap");
    };
    let mut data = image.into_raw();
    premultiply_in_place(&mut data);
    Pixmap::from_vec(data, size).expect("data sized for w×h RGBA pixels")
}

/// tiny-skia pixmap → straight RGBA image.
pub fn unpremultiply(pixmap: Pixmap) -> RgbaImage {
    let (w, h) = (pixmap.width(), pixmap.height());
    let mut data = pixmap.take();
    unpremultiply_in_place(&mut data);
    RgbaImage::from_raw(w, h, data).expect("pixmap data is w×h RGBA")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn premultiply_and_back_keeps_opaque_and_clear_pixels() {
        let image = RgbaImage::from_raw(3, 1, vec![10, 20, 30, 255, 200, 100, 50, 128, 9, 9, 9, 0])
            .unwrap();
        let pm = premultiply(image.clone());
        assert_eq!(&pm.data()[..4], &[10, 20, 30, 255]);
        assert_eq!(&pm.data()[4..8], &[100, 50, 25, 128]);
        assert_eq!(&pm.data()[8..], &[0, 0, 0, 0]);
        let back = unpremultiply(pm);
        assert_eq!(back.get_pixel(0, 0), image.get_pixel(0, 0));
        let p = back.get_pixel(1, 0);
        assert!(p[0].abs_diff(200) <= 2 && p[1].abs_diff(100) <= 2 && p[3] == 128);
    }

    #[test]
    fn round_rect_clamps_the_radius() {
        let rect = Rect::from_xywh(0.0, 0.0, 10.0, 4.0).unwrap();
        let path = round_rect(rect, 100.0).unwrap();
        assert_eq!(path.bounds(), rect);
    }
}
