//! The card layout: a header band with the brand kit's logo, issuing body and agency; the
//! title; the fields (Nama, NIP, Jabatan, Instansi) beside an optional photo; the numbered ikrar
//! points; then the QR on the left and, on the right, "Tempat, tanggal", the signature above the
//! name and the NIP; a footer band with the slogan.
//!
//! Everything is laid out in design units on a canvas 1080 units wide (its height follows the
//! size's aspect), then scaled, so the preview, the share PNG and the A4 page are the same card.
//! The top and the bottom are fixed blocks; the points take the space between them, shrinking
//! (down to a floor) to fit, so the taller A4 page simply gets roomier points.
//!
//! `canvas.rs` holds the drawing primitives, `sections.rs` the layout of each part.

use image::RgbaImage;
use tiny_skia::Pixmap;

use super::{qr, Field, PledgeError, PledgeFields};
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::photo::Photo;
use crate::render::MAX_OUTPUT_SIDE;

mod canvas;
mod sections;

use canvas::{sk, Card};
use sections::{BOTTOM_H, DESIGN_W, FOOTER_H, PAPER, POINT_COMFORT};

/// The three sizes one card is drawn at.
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
    pub fields: &'a PledgeFields,
    /// The ikrar points, in order ([`super::default_points`] unless the agency edited them).
    pub points: &'a [String],
    pub brand: &'a BrandKit,
    /// The brand kit's logo, already decoded ([`crate::brand::decode_logo`]), so a batch decodes
    /// it once.
    pub logo: Option<&'a Photo>,
    pub photo: Option<&'a Photo>,
    /// A transparent signature image ([`super::signature`]); cropped to its ink here.
    pub signature: Option<&'a RgbaImage>,
    pub size: CardSize,
    /// The language of the card's labels; the ikrar points are printed as given.
    pub lang: Lang,
}

/// Draw the card at `inputs.size`.
pub fn render_card(inputs: &CardInputs) -> Result<RgbaImage, PledgeError> {
    let (w, _) = inputs.size.pixels();
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

/// [`render_card_at`], also telling which fields were cut.
pub fn render_card_checked(inputs: &CardInputs, width: u32) -> Result<Rendered, PledgeError> {
    inputs.fields.validate(inputs.points)?;
    let height = inputs.size.scaled_height(width);
    if !(16..=MAX_OUTPUT_SIDE).contains(&width) || height > MAX_OUTPUT_SIDE {
        return Err(PledgeError::Render(format!("size {width}×{height}")));
    }
    let pixmap = Pixmap::new(width, height).ok_or_else(|| PledgeError::Render("canvas".into()))?;
    let mut card = Card {
        pm: pixmap,
        s: width as f32 / DESIGN_W,
        h: DESIGN_W * height as f32 / width as f32,
        cut: Vec::new(),
        coverage: crate::text::Coverage::default(),
    };
    let qr_text = qr::qr_text(inputs.fields, inputs.points);
    let qr = qr::qr_modules(&qr_text)?;
    let bottom = card.h - FOOTER_H - BOTTOM_H;
    // The field table and the points share the middle: when long values leave the points too
    // little room, draw again with the table's type a step smaller (rare: very long texts).
    let mut table_scale = 1.0;
    let layout = loop {
        card.pm.fill(sk(PAPER));
        card.cut.clear();
        card.coverage = crate::text::Coverage::default();
        card.header(inputs);
        let top = card.title_and_fields(inputs, table_scale);
        let layout = card.layout_points(inputs, top, bottom);
        if layout.px >= POINT_COMFORT || table_scale <= 0.75 {
            break layout;
        }
        table_scale -= 0.083;
    };
    card.draw_points(inputs, &layout);
    if layout.cut {
        card.cut.push(Field::Point);
    }
    card.bottom(inputs, bottom, &qr);
    card.footer(inputs.brand);
    let mut cut = std::mem::take(&mut card.cut);
    cut.sort_by_key(|f| *f as u8);
    cut.dedup();
    Ok(Rendered {
        image: super::signature::unpremultiply(card.pm),
        cut,
        coverage: card.coverage,
    })
}
