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

    /// The pyramid's levels, largest first, as premultiplied RGBA: what the page hands to the
    /// export worker, so the worker draws from exactly the pixels the preview drew from.
    pub fn levels(&self) -> impl Iterator<Item = (u32, u32, &[u8])> {
        self.levels
            .iter()
            .map(|l| (l.width(), l.height(), l.data()))
    }

    /// A photo from [`Photo::levels`]. `None` unless there is at least one level, each holds
    /// width × height RGBA pixels, and each next level is the previous one halved (rounded down).
    pub fn from_levels(levels: Vec<(u32, u32, Vec<u8>)>) -> Option<Photo> {
        let mut out: Vec<Pixmap> = Vec::with_capacity(levels.len());
        for (w, h, data) in levels {
            if let Some(prev) = out.last() {
                if (w, h) != (prev.width() / 2, prev.height() / 2) {
                    return None;
                }
            }
            let size = tiny_skia::IntSize::from_wh(w, h)?;
            if data.len() as u64 != u64::from(w) * u64::from(h) * 4 {
                return None;
            }
            out.push(Pixmap::from_vec(data, size)?);
        }
        (!out.is_empty()).then_some(Photo { levels: out })
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
