//! Twibbon designs: a frame around the user's photo, made for a profile picture.
//!
//! A design is a poster template ([`PosterTemplate`], `assets/templates/twibbon/*.json`): it
//! takes the brand kit the way posters do (the kit's colours replace the palette, `{agency}` and
//! the logo appear where the design puts them) and its `fields` are the texts an agency edits
//! (slogan, sub-line). What makes it a twibbon:
//!
//! - **Sizes.** 1080×1080, 1080×1350, 1080×1440 and 1080×1920 ([`PosterSize::TWIBBON`]).
//! - **The profile circle.** WhatsApp, Instagram, Facebook, X and LinkedIn show a profile photo
//!   as the circle inscribed in its centred square. A design's texts and logo are laid out in
//!   that square (a `centred` group) and kept inside the circle; `tests/twibbon_designs.rs`
//!   renders every design at every size and fails on any text or logo pixel outside it.
//!
//! [`resolve`] turns a design into the plain [`Template`] the one renderer draws, so the
//! preview, the gallery, the export worker and the CLI draw the same pixels.

use std::sync::OnceLock;

use image::RgbaImage;

use crate::poster::{self, PosterInputs, PosterSize, PosterTemplate, Resolved};
use crate::template::{Template, TemplateError};

/// The built-in designs' data, in gallery order.
const DESIGN_SOURCES: &[&str] = &[
    include_str!("../assets/templates/twibbon/lingkar-oranye.json"),
    include_str!("../assets/templates/twibbon/pita-biru.json"),
    include_str!("../assets/templates/twibbon/merah-putih.json"),
];

/// Parse a twibbon design and check what a twibbon needs beyond a poster: a photo, and twibbon
/// sizes only, 1080×1080 among them.
pub fn parse(json: &str) -> Result<PosterTemplate, TemplateError> {
    let design = poster::parse(json)?;
    let fail = |message: &str| {
        Err(TemplateError::Invalid {
            id: design.id.clone(),
            message: message.into(),
        })
    };
    if !design.has_photo() {
        return fail("a twibbon design needs a photo layer");
    }
    if !design.supports(PosterSize::Square)
        || design
            .sizes
            .iter()
            .any(|s| !PosterSize::TWIBBON.contains(s))
    {
        return fail("a twibbon design supports 1080x1080 and twibbon sizes only");
    }
    Ok(design)
}

/// The built-in designs (compiled in and covered by tests: a parse failure is a build defect).
pub fn builtin_designs() -> &'static [PosterTemplate] {
    static DESIGNS: OnceLock<Vec<PosterTemplate>> = OnceLock::new();
    DESIGNS.get_or_init(|| {
        DESIGN_SOURCES
            .iter()
            .map(|src| parse(src).unwrap_or_else(|e| panic!("built-in twibbon is invalid: {e}")))
            .collect()
    })
}

pub fn design_by_id(id: &str) -> Option<&'static PosterTemplate> {
    builtin_designs().iter().find(|d| d.id == id)
}

/// What the page shows of a built-in design — its id, its name and the texts it edits — read
/// from the same JSON without its drawing (palette, background, layers are skipped unread).
/// The twibbon page lists designs and edits their texts but never draws one (its preview worker
/// does), so its wasm carries no template deserialiser and its start-up parses no drawing.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct DesignCard {
    pub id: String,
    pub name: crate::i18n::Localized,
    #[serde(default)]
    pub fields: Vec<poster::Field>,
}

impl DesignCard {
    pub fn field(&self, key: &str) -> Option<&poster::Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The built-in designs' cards, in gallery order (the order of [`builtin_designs`]).
pub fn design_cards() -> &'static [DesignCard] {
    static CARDS: OnceLock<Vec<DesignCard>> = OnceLock::new();
    CARDS.get_or_init(|| {
        DESIGN_SOURCES
            .iter()
            // Covered by tests (the cards are the designs'): a failure is a build defect.
            .map(|src| serde_json::from_str(src).expect("built-in twibbon card"))
            .collect()
    })
}

pub fn card_by_id(id: &str) -> Option<&'static DesignCard> {
    design_cards().iter().find(|d| d.id == id)
}

/// A design made concrete for one size and one set of inputs; an unsupported size falls back
/// to 1080×1080. Draw `template` with `values` as the placeholders' values.
pub fn resolve(design: &PosterTemplate, size: PosterSize, inputs: &PosterInputs<'_>) -> Resolved {
    let size = if design.supports(size) {
        size
    } else {
        PosterSize::Square
    };
    poster::resolve(design, size, inputs)
}

/// The built-in designs at 1080×1080 with their own texts, the default brand kit and no logo,
/// as self-contained templates (texts filled in): what `campaign-kit list` shows and what a
/// plain `twibbon --frame ID` draws.
pub fn default_frames() -> &'static [Template] {
    static FRAMES: OnceLock<Vec<Template>> = OnceLock::new();
    FRAMES.get_or_init(|| {
        let values = Default::default();
        let brand = Default::default();
        let inputs = PosterInputs {
            values: &values,
            brand: &brand,
            photo: None,
            transform: Default::default(),
            logo: None,
        };
        builtin_designs()
            .iter()
            .map(|d| resolve(d, PosterSize::Square, &inputs).filled())
            .collect()
    })
}

/// The side of the first screen's preview picture: the app's preview size, so the picture and
/// the canvas that replaces it have the same pixels.
pub const FIRST_SCREEN_SIDE: u32 = 720;

/// The twibbon page's first screen as a picture: the default design with its photo placeholder,
/// as the app's preview draws it before a photo is chosen, as a JPEG (quality 82). It is
/// committed as `www/boot-preview.jpg` and shown by the static page before the app's wasm has
/// loaded, so a phone on a weak connection sees the twibbon at once (`tests/first_screen.rs`
/// checks the file is exactly this).
pub fn first_screen_jpeg() -> Result<Vec<u8>, crate::finish::FinishError> {
    first_screen_of(&default_frames()[0], &crate::render::Inputs::default())
}

/// The first screen's picture of any frame (no photo): a campaign site's (`cargo xtask dist
/// --campaign` writes it through `campaign-kit first-screen`), so what the page shows before
/// its wasm has loaded is the campaign's frame, not the default one.
pub fn first_screen_of(
    template: &Template,
    inputs: &crate::render::Inputs<'_>,
) -> Result<Vec<u8>, crate::finish::FinishError> {
    let inputs = crate::render::Inputs {
        photo: None,
        ..*inputs
    };
    let image = crate::render::render(template, &inputs, FIRST_SCREEN_SIDE)?;
    Ok(crate::export::encode_jpeg(&image, 82)?)
}

/// How much of an image (a user's own frame PNG) the profile circle cuts: the share of the
/// pixels outside the inscribed circle that are clearly opaque (alpha ≥ 128). A frame drawn for
/// a square, with art in its corners, scores high; a frame made for the circle scores near 0.
pub fn opaque_outside_circle(image: &RgbaImage) -> f32 {
    let (w, h) = image.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let r = w.min(h) as f32 / 2.0;
    let (mut outside, mut opaque) = (0u64, 0u64);
    for (x, y, px) in image.enumerate_pixels() {
        let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
        if dx * dx + dy * dy > r * r {
            outside += 1;
            opaque += u64::from(px[3] >= 128);
        }
    }
    if outside == 0 {
        0.0
    } else {
        opaque as f32 / outside as f32
    }
}

/// [`opaque_outside_circle`] of a decoded frame, measured on its smallest pyramid level (the
/// share does not need every pixel, and the page asks on every frame it loads).
pub fn frame_outside_circle(frame: &crate::photo::Photo) -> f32 {
    let Some((w, h, data)) = frame.levels().last() else {
        return 0.0;
    };
    RgbaImage::from_raw(w, h, data.to_vec()).map_or(0.0, |image| opaque_outside_circle(&image))
}

/// Above this share of opaque pixels outside the circle (see [`opaque_outside_circle`]), the
/// app tells the user the circle will cut their frame's art.
pub const CIRCLE_CUT_NOTE: f32 = 0.05;

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's cards say what the full designs say: same order, ids, names and texts.
    #[test]
    fn the_cards_are_the_designs_without_their_drawing() {
        let (cards, designs) = (design_cards(), builtin_designs());
        assert_eq!(cards.len(), designs.len());
        for (card, design) in cards.iter().zip(designs) {
            assert_eq!(card.id, design.id);
            assert_eq!(card.name, design.name);
            assert_eq!(card.fields, design.fields);
            assert_eq!(card_by_id(&design.id), Some(card));
        }
        assert_eq!(card_by_id("nope"), None);
    }

    #[test]
    fn builtin_designs_parse_with_twibbon_sizes_and_editable_texts() {
        let designs = builtin_designs();
        assert!(designs.len() >= 3);
        for d in designs {
            assert_eq!(d.sizes, PosterSize::TWIBBON, "{}", d.id);
            assert!(
                d.field("slogan").is_some() && d.field("subline").is_some(),
                "{}",
                d.id
            );
            assert_eq!(design_by_id(&d.id), Some(d));
        }
        assert_eq!(default_frames().len(), designs.len());
    }

    #[test]
    fn a_design_without_a_photo_or_with_print_sizes_is_refused() {
        let poster = include_str!("../assets/templates/poster/slogan.json");
        assert!(parse(poster).is_err(), "no photo layer");
        let a4 = include_str!("../assets/templates/twibbon/pita-biru.json")
            .replace(r#""story"]"#, r#""story", "a4"]"#);
        assert!(parse(&a4).is_err());
    }

    #[test]
    fn opaque_corners_are_measured_and_a_round_frame_is_not() {
        let square = RgbaImage::from_pixel(100, 100, image::Rgba([200, 0, 0, 255]));
        assert!(opaque_outside_circle(&square) > 0.99);
        let mut round = RgbaImage::new(100, 100);
        for (x, y, px) in round.enumerate_pixels_mut() {
            let (dx, dy) = (x as f32 - 49.5, y as f32 - 49.5);
            if dx * dx + dy * dy < 45.0 * 45.0 {
                *px = image::Rgba([0, 0, 200, 255]);
            }
        }
        assert_eq!(opaque_outside_circle(&round), 0.0);
    }
}
