//! The card: a template (`assets/templates/pledge/<design>.json`) drawn by the one renderer,
//! [`crate::render`], like twibbons and posters. This module only turns a card's inputs into the
//! renderer's: the values of the placeholders (the fields, the brand kit's texts, and the
//! design's own words in the card's language), the QR modules, the signature and the points.
//!
//! The built-in design `potret` is a header band with the brand kit's logo, issuing body and
//! agency; the title; the fields (Nama, NIP, Jabatan, Instansi) beside an optional photo; the
//! numbered ikrar points; then the QR on the left and, on the right, "Tempat, tanggal", the
//! signature above the name and the NIP; a footer band with the slogan. `sertifikat` is the same
//! card as a landscape certificate. Adding a design is adding a JSON file (see [`design`]).

use image::RgbaImage;

use super::{qr, Field, PledgeError};
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::photo::Photo;
use crate::render::{self, Inputs, MAX_OUTPUT_SIDE};

pub mod design;

pub use design::{design_by_id, designs, PledgeDesign, DEFAULT_DESIGN};

/// The three sizes one card is drawn at (in the default design's pixels; a design lists its
/// own, see [`PledgeDesign::pixels`]).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum CardSize {
    /// 1080×1350, the Instagram portrait post; the ZIP's PNGs.
    #[default]
    Share,
    /// 2480×3508, A4 at 300 dpi, for a single printed card.
    A4,
    /// 1240×1754, A4 at 150 dpi: the batch PDF's pages (a thousand 300-dpi pages would make a
    /// PDF of over a gigabyte; 150 dpi prints text and the QR cleanly).
    A4Batch,
}

impl CardSize {
    /// The default design's pixels at this size.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            CardSize::Share => (1080, 1350),
            CardSize::A4 => (2480, 3508),
            CardSize::A4Batch => (1240, 1754),
        }
    }

    /// The height at `width` pixels wide, same aspect (for small previews).
    pub fn scaled_height(self, width: u32) -> u32 {
        let (w, h) = self.pixels();
        ((u64::from(width) * u64::from(h) + u64::from(w) / 2) / u64::from(w)) as u32
    }
}

/// Everything one card is drawn from.
#[derive(Clone, Copy, Debug)]
pub struct CardInputs<'a> {
    pub fields: &'a super::PledgeFields,
    /// The ikrar points, in order ([`super::default_points`] unless the agency edited them).
    pub points: &'a [String],
    pub brand: &'a BrandKit,
    /// The brand kit's logo, already decoded ([`crate::brand::decode_logo`]), so a batch decodes
    /// it once.
    pub logo: Option<&'a Photo>,
    pub photo: Option<&'a Photo>,
    /// A transparent signature image ([`super::signature`]); cropped to its ink when drawn.
    pub signature: Option<&'a RgbaImage>,
    pub size: CardSize,
    /// The language of the card's labels; the ikrar points are printed as given.
    pub lang: Lang,
    /// The design's id ([`designs`]); empty for the default ([`DEFAULT_DESIGN`]).
    pub design: &'a str,
}

/// Draw the card at `inputs.size`.
pub fn render_card(inputs: &CardInputs) -> Result<RgbaImage, PledgeError> {
    let (w, _) = design_of(inputs)?.pixels(inputs.size);
    render_card_at(inputs, w)
}

/// Draw the card at `width` pixels wide (the preview), with the layout of `inputs.size`: the
/// preview is the export, scaled.
pub fn render_card_at(inputs: &CardInputs, width: u32) -> Result<RgbaImage, PledgeError> {
    render_card_checked(inputs, width).map(|r| r.image)
}

/// A drawn card and the fields whose text did not fit even at the smallest size and was cut
/// with "…" (so the app and the CLI can say so; realistic names and agencies never are).
#[derive(Clone, Debug)]
pub struct Rendered {
    pub image: RgbaImage,
    pub cut: Vec<Field>,
    /// Characters of the card's texts that are not drawn, and the fallback fonts that would
    /// draw some of them (the app fetches those; see [`crate::text::Coverage`]).
    pub coverage: crate::text::Coverage,
}

fn design_of(inputs: &CardInputs) -> Result<&'static PledgeDesign, PledgeError> {
    design_by_id(inputs.design).ok_or_else(|| PledgeError::Design(inputs.design.to_string()))
}

/// [`render_card_at`], also telling which fields were cut.
pub fn render_card_checked(inputs: &CardInputs, width: u32) -> Result<Rendered, PledgeError> {
    inputs.fields.validate(inputs.points)?;
    let design = design_of(inputs)?;
    let template = design.resolve(inputs.size, inputs.brand);
    let height = template.height_for(width);
    if !(16..=MAX_OUTPUT_SIDE).contains(&width) || height > MAX_OUTPUT_SIDE {
        return Err(PledgeError::Render(format!("size {width}×{height}")));
    }
    let (dark, modules) = qr::qr_modules(&qr::qr_text(inputs.fields, inputs.points))?;
    let (values, place_cut) = design.values(inputs, &template, width);
    let drawn = Inputs {
        photo: inputs.photo,
        values: Some(&values),
        logo: inputs.logo,
        qr: Some((&dark, modules)),
        signature: inputs.signature,
        points: inputs.points,
        ..Inputs::default()
    };
    let (image, report) = render::render_report(&template, &drawn, width)
        .map_err(|e| PledgeError::Render(e.to_string()))?;
    let mut cut: Vec<Field> = report
        .cut
        .iter()
        .filter_map(|key| design::field_of(key))
        .collect();
    if place_cut {
        cut.push(Field::Place);
    }
    cut.sort_by_key(|f| *f as u8);
    cut.dedup();
    Ok(Rendered {
        image,
        cut,
        coverage: report.coverage,
    })
}
