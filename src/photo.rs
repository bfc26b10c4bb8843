//! A decoded photo kept as a small mip pyramid, so any render size samples from a level whose
//! scale is between ½ and 1 (bilinear sampling of a much larger image would alias).

use image::RgbaImage;
use tiny_skia::Pixmap;

use crate::intake::{self, IntakeError};

/// Levels stop when the long side gets this small; thumbnails never need less.
const MIN_LEVEL_SIDE: u32 = 48;

/// An upright photo (or overlay image) ready for rendering. Cheap to share behind an `Rc`.
#[derive(Clone, Debug, PartialEq)]
pub struct Photo {
    /// Level 0 is the full working size; each next level is half as wide and high.
    levels: Vec<Pixmap>,
}

impl Photo {
    /// Decode user bytes (see [`intake::decode`]) and build the pyramid.
    pub fn decode(bytes: &[u8]) -> Result<Photo, IntakeError> {
        Ok(Photo::from_rgba(intake::decode(
            bytes,
            intake::MAX_WORKING_SIDE,
        )?))
    }

    /// Build from an already upright RGBA image (must not be empty).
    pub fn from_rgba(image: RgbaImage) -> Photo {
        let mut levels = Vec::new();
        let mut current = image;
        loop {
            let next = (current.width().max(current.height()) / 2 >= MIN_LEVEL_SIDE
                && current.width() >= 2
                && current.height() >= 2)
                .then(|| intake::halve(&current));
            levels.push(crate::raster::premultiply(current));
            match next {
                Some(n) => current = n,
                None => break,
            }
        }
        Photo { levels }
    }

    pub fn width(&self) -> u32 {
        self.levels[0].width()
    }

    pub fn height(&self) -> u32 {
        self.levels[0].height()
    }

    /// The level to sample when drawing at `scale` output pixels per level-0 pixel, and the
    /// scale that applies to that level.
    pub fn level_for_scale(&self, scale: f32) -> (&Pixmap, f32) {
        let mut index = 0;
        let mut level_scale = scale;
        while level_scale < 0.5 && index + 1 < self.levels.len() {
            index += 1;
            level_scale *= 2.0;
        }
        (&self.levels[index], level_scale)
    }
}
