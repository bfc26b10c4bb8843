//! Signatures: an uploaded photo or scan of a signature on paper, or strokes drawn on the pad.
//! Both become a transparent RGBA image with dark ink, cropped to the ink, that the card scales
//! into its signature box above the name.

use image::RgbaImage;

use crate::intake::IntakeError;

/// One pen-down-to-pen-up stroke in pad coordinates (CSS pixels of the pad, origin top-left).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stroke {
    pub points: Vec<(f32, f32)>,
}

/// An uploaded signature: decoded through the same intake as photos; the white (or light grey,
/// unevenly lit) paper becomes transparent, the ink is kept, and the result is cropped to the ink.
pub fn from_upload(bytes: &[u8]) -> Result<RgbaImage, IntakeError> {
    let _ = bytes;
    todo!("filled in by 02:05")
}

/// Drawn strokes, smoothed with quadratic curves through the midpoints, on a transparent
/// `width`×`height` image (the pad's size), not cropped (so undo keeps the layout stable).
pub fn from_strokes(strokes: &[Stroke], width: u32, height: u32) -> RgbaImage {
    let _ = (strokes, width, height);
    todo!("filled in by 02:05")
}
