//! The card layout: header with the brand kit's logo, issuing body and agency; the title; the
//! fields (Nama, NIP, Jabatan, Instansi) beside an optional photo; the numbered ikrar points;
//! then the QR, "Tempat, tanggal", the signature above the name and NIP.

use image::RgbaImage;

use super::{PledgeError, PledgeFields};
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::photo::Photo;

/// The three sizes one card is drawn at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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

    /// The size at `width` pixels wide, same aspect (for small previews).
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
    /// A transparent signature image ([`super::signature`]).
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
    let _ = (inputs, width);
    todo!("filled in by 02:05")
}
