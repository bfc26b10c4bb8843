//! An agency's twibbon campaign: the frame its staff should wear, ready in one link or one file.
//!
//! A campaign is plain serde data: a twibbon design (a built-in design's id, or the agency's own
//! PNG artwork), the design's texts, the brand kit that colours it and gives it a name and logo,
//! and the caption for the share panel. It travels two ways, both checked by
//! [`Campaign::validate`] with the same limits:
//!
//! - in a link's fragment, `#campaign=<base64url(deflate(json))>` like the kit's `#kit=`, so it
//!   needs no server and the fragment never reaches one: [`Campaign::to_link_fragment`],
//!   [`Campaign::from_link_fragment`]. A logo that would make the link too long is left out
//!   ([`LinkFragment::logo_left_out`]); a campaign with its own PNG frame cannot be a link at all
//!   ([`CampaignError::FrameNeedsFile`]);
//! - as a `.json` file with the frame PNG embedded ([`Campaign::to_json`],
//!   [`Campaign::from_json`]), opened from the app's file picker or by drag-and-drop, given to
//!   `campaign-kit twibbon --campaign`, or built into a self-hosted site by `cargo xtask dist
//!   --campaign`.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::brand::{BrandError, BrandKit, LinkFragment, MAX_KIT_JSON};
use crate::i18n::Lang;
use crate::link;
use crate::poster::PosterTemplate;
use crate::template::Template;
use crate::twibbon;

/// The fragment key: campaign links look like `https://…/#campaign=<base64url>`.
pub const FRAGMENT_KEY: &str = "campaign=";
/// Largest campaign file (bytes): a frame PNG as base64 plus a kit.
pub const MAX_CAMPAIGN_JSON: usize = MAX_FRAME_BYTES / 3 * 4 + MAX_KIT_JSON + 16 * 1024;
/// Largest frame PNG a campaign carries (bytes).
pub const MAX_FRAME_BYTES: usize = 2 * 1024 * 1024;
/// Longest share caption (characters).
pub const MAX_CAPTION_CHARS: usize = 600;
/// A campaign's design id when the frame is the agency's own PNG.
pub const OWN_FRAME: &str = "bingkai-sendiri";
/// Largest own frame, by its PNG header, per side and in all. The frame is drawn at 1080×1080:
/// up to ~4× that in each direction is accepted (a designer's 2× or 3× export), no more, so a
/// 2 MB file cannot make every recipient decode a 20000×20000 image.
pub const MAX_FRAME_SIDE: u32 = 4096;
pub const MAX_FRAME_PIXELS: u64 = 4096 * 4096;

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum CampaignError {
    #[error("campaign file is {bytes} bytes, more than the {limit}-byte limit")]
    TooLarge { bytes: usize, limit: usize },
    #[error("not a campaign file: {0}")]
    NotACampaign(String),
    #[error("campaign version {0} is not supported")]
    Version(u32),
    #[error("unknown twibbon design {0:?}")]
    UnknownDesign(String),
    #[error("the design has no text {0:?}")]
    UnknownText(String),
    #[error("text {key:?} is longer than {limit} characters")]
    TextTooLong { key: String, limit: usize },
    #[error("the caption is longer than {MAX_CAPTION_CHARS} characters")]
    CaptionTooLong,
    #[error("the frame PNG is {bytes} bytes, more than the {MAX_FRAME_BYTES}-byte limit")]
    FrameTooLarge { bytes: usize },
    #[error("the frame is not a PNG image")]
    FrameNotPng,
    #[error("the frame is {width}×{height} pixels, more than a twibbon can use")]
    FramePixels { width: u32, height: u32 },
    #[error("the frame has no transparent area for the photo")]
    FrameOpaque,
    #[error("the frame PNG is damaged or incomplete: {0}")]
    FrameBroken(String),
    #[error("an own-frame campaign needs its frame PNG, and a built-in design takes none")]
    FrameMismatch,
    #[error("a campaign with its own frame is too big for a link: share the campaign file")]
    FrameNeedsFile,
    #[error("the campaign link is damaged or incomplete")]
    BadLink,
    #[error("brand kit: {0}")]
    Brand(#[from] BrandError),
}

impl CampaignError {
    pub fn message(&self, lang: Lang) -> String {
        let kb = |b: usize| b.div_ceil(1024);
        match (self, lang) {
            (CampaignError::TooLarge { bytes, limit }, Lang::Id) => format!(
                "Berkas kampanye terlalu besar ({} KB; maksimal {} KB).",
                kb(*bytes),
                kb(*limit)
            ),
            (CampaignError::TooLarge { bytes, limit }, Lang::En) => format!(
                "The campaign file is too large ({} KB; at most {} KB).",
                kb(*bytes),
                kb(*limit)
            ),
            (CampaignError::NotACampaign(_), Lang::Id) => {
                "Berkas ini bukan berkas kampanye twibbon (JSON dari tombol Simpan berkas kampanye).".into()
            }
            (CampaignError::NotACampaign(_), Lang::En) => {
                "This file is not a twibbon campaign (the JSON from Save campaign file).".into()
            }
            (CampaignError::Version(v), Lang::Id) => {
                format!("Versi kampanye {v} belum didukung aplikasi ini. Muat ulang halaman untuk versi terbaru.")
            }
            (CampaignError::Version(v), Lang::En) => {
                format!("Campaign version {v} is not supported by this app. Reload the page for the latest version.")
            }
            (CampaignError::UnknownDesign(d), Lang::Id) => {
                format!("Desain twibbon \"{d}\" tidak dikenal aplikasi ini.")
            }
            (CampaignError::UnknownDesign(d), Lang::En) => {
                format!("This app does not know the twibbon design \"{d}\".")
            }
            (CampaignError::UnknownText(k), Lang::Id) => {
                format!("Kampanye ini berisi teks \"{k}\" yang tidak ada pada desainnya.")
            }
            (CampaignError::UnknownText(k), Lang::En) => {
                format!("The campaign has a text \"{k}\" that its design does not have.")
            }
            (CampaignError::TextTooLong { limit, .. }, Lang::Id) => {
                format!("Teks kampanye terlalu panjang (maksimal {limit} karakter).")
            }
            (CampaignError::TextTooLong { limit, .. }, Lang::En) => {
                format!("A campaign text is too long (at most {limit} characters).")
            }
            (CampaignError::CaptionTooLong, Lang::Id) => {
                format!("Keterangan terlalu panjang (maksimal {MAX_CAPTION_CHARS} karakter).")
            }
            (CampaignError::CaptionTooLong, Lang::En) => {
                format!("The caption is too long (at most {MAX_CAPTION_CHARS} characters).")
            }
            (CampaignError::FrameTooLarge { bytes }, Lang::Id) => format!(
                "Bingkai PNG terlalu besar ({} KB; maksimal {} KB).",
                kb(*bytes),
                kb(MAX_FRAME_BYTES)
            ),
            (CampaignError::FrameTooLarge { bytes }, Lang::En) => format!(
                "The frame PNG is too large ({} KB; at most {} KB).",
                kb(*bytes),
                kb(MAX_FRAME_BYTES)
            ),
            (CampaignError::FramePixels { width, height }, Lang::Id) => format!(
                "Bingkai PNG terlalu besar ({width}×{height} piksel; maksimal {MAX_FRAME_SIDE}×{MAX_FRAME_SIDE}). Twibbon dibuat 1080×1080: simpan bingkainya dalam ukuran itu."
            ),
            (CampaignError::FramePixels { width, height }, Lang::En) => format!(
                "The frame PNG is too large ({width}×{height} pixels; at most {MAX_FRAME_SIDE}×{MAX_FRAME_SIDE}). Twibbons are 1080×1080: save the frame at that size."
            ),
            (CampaignError::FrameOpaque, Lang::Id) => {
                "Bingkai PNG tidak punya bagian transparan untuk foto. Simpan bingkai dengan latar transparan di tempat foto.".into()
            }
            (CampaignError::FrameOpaque, Lang::En) => {
                "The frame PNG has no transparent area for the photo. Save the frame with a transparent background where the photo goes.".into()
            }
            (CampaignError::FrameBroken(_), Lang::Id) => {
                "Bingkai PNG rusak atau tidak lengkap. Simpan ulang bingkainya dari aplikasi desain, lalu coba lagi.".into()
            }
            (CampaignError::FrameBroken(_), Lang::En) => {
                "The frame PNG is damaged or incomplete. Save the frame again from the design app, then try again.".into()
            }
            (CampaignError::FrameNotPng, Lang::Id) => "Bingkai kampanye harus berupa PNG.".into(),
            (CampaignError::FrameNotPng, Lang::En) => "A campaign frame must be a PNG.".into(),
            (CampaignError::FrameMismatch, Lang::Id) => {
                "Berkas kampanye ini tidak lengkap: bingkainya tidak cocok dengan desainnya.".into()
            }
            (CampaignError::FrameMismatch, Lang::En) => {
                "This campaign file is incomplete: its frame does not match its design.".into()
            }
            (CampaignError::FrameNeedsFile, Lang::Id) => {
                "Bingkai PNG sendiri terlalu besar untuk tautan: bagikan berkas kampanyenya.".into()
            }
            (CampaignError::FrameNeedsFile, Lang::En) => {
                "Your own PNG frame is too big for a link: share the campaign file.".into()
            }
            (CampaignError::BadLink, Lang::Id) => {
                "Tautan kampanye rusak atau terpotong. Minta tautan baru dari pengirimnya.".into()
            }
            (CampaignError::BadLink, Lang::En) => {
                "The campaign link is damaged or cut off. Ask the sender for a new link.".into()
            }
            (CampaignError::Brand(e), lang) => e.message(lang),
        }
    }
}

/// The agency's own frame artwork: a PNG whose transparent area shows the photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FramePng(pub Vec<u8>);

impl FramePng {
    /// Check a file: size first, then the PNG signature, then its header (see
    /// [`FramePng::check`]). Decoding it all is [`FramePng::decode`]'s job.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<FramePng, CampaignError> {
        let frame = FramePng(bytes);
        frame.check()?;
        Ok(frame)
    }

    /// The checks every way in makes (the `campaign` command, the campaign panel, a campaign
    /// file or the site's own, `xtask dist`), from the bytes and the PNG header alone: not too
    /// many bytes, a PNG, a readable header, not more pixels than a twibbon can use, and pixels
    /// that can be transparent (an opaque frame would hide the photo).
    pub fn check(&self) -> Result<(), CampaignError> {
        let bytes = &self.0;
        if bytes.len() > MAX_FRAME_BYTES {
            return Err(CampaignError::FrameTooLarge { bytes: bytes.len() });
        }
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(CampaignError::FrameNotPng);
        }
        let header = crate::image_header::read(bytes)
            .map_err(|e| CampaignError::FrameBroken(e.to_string()))?;
        let (width, height) = (header.width, header.height);
        if width > MAX_FRAME_SIDE
            || height > MAX_FRAME_SIDE
            || u64::from(width) * u64::from(height) > MAX_FRAME_PIXELS
        {
            return Err(CampaignError::FramePixels { width, height });
        }
        if !header.has_alpha {
            return Err(CampaignError::FrameOpaque);
        }
        Ok(())
    }

    /// Decode the frame (as the app's decode worker does) and check that some of it is
    /// transparent: a file that only starts like a PNG, or whose alpha is opaque everywhere,
    /// is refused here, when the campaign is made, not later by whoever opens it.
    pub fn decode(&self) -> Result<image::RgbaImage, CampaignError> {
        self.check()?;
        let image = crate::intake::decode(&self.0, crate::intake::MAX_WORKING_SIDE)
            .map_err(frame_intake_error)?;
        check_frame_rgba(image.as_raw())?;
        Ok(image)
    }
}

/// A decoded frame (RGBA bytes) must let the photo show somewhere: some pixel less than fully
/// opaque.
fn check_frame_rgba(rgba: &[u8]) -> Result<(), CampaignError> {
    if rgba.chunks_exact(4).any(|p| p[3] < 255) {
        Ok(())
    } else {
        Err(CampaignError::FrameOpaque)
    }
}

/// [`check_frame_rgba`] for a frame already decoded into a [`crate::photo::Photo`] (the app's
/// decode worker's): its largest level.
pub fn check_frame_photo(photo: &crate::photo::Photo) -> Result<(), CampaignError> {
    let (_, _, pixels) = photo.levels().next().ok_or(CampaignError::FrameOpaque)?;
    check_frame_rgba(pixels)
}

/// A frame's intake error as the frame's, never "a photo's".
pub fn frame_intake_error(e: crate::intake::IntakeError) -> CampaignError {
    use crate::intake::IntakeError;
    match e {
        IntakeError::TooLarge { width, height } => CampaignError::FramePixels { width, height },
        IntakeError::Heic
        | IntakeError::Avif
        | IntakeError::Pdf
        | IntakeError::Svg
        | IntakeError::Unsupported => CampaignError::FrameNotPng,
        e => CampaignError::FrameBroken(e.to_string()),
    }
}

/// In JSON: `{"type": "image/png", "data": "<base64>"}`, like the kit's logo.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameJson {
    #[serde(rename = "type")]
    mime: String,
    data: String,
}

impl Serialize for FramePng {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FrameJson {
            mime: "image/png".into(),
            data: STANDARD.encode(&self.0),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for FramePng {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FramePng, D::Error> {
        use serde::de::Error;
        let json = FrameJson::deserialize(d)?;
        if json.mime != "image/png" {
            return Err(D::Error::custom(format!("frame type {:?}", json.mime)));
        }
        if json.data.len() > MAX_FRAME_BYTES / 3 * 4 + 4 {
            return Err(D::Error::custom("frame too large"));
        }
        let bytes = STANDARD
            .decode(json.data.as_bytes())
            .map_err(|e| D::Error::custom(format!("frame data: {e}")))?;
        // Checked by `Campaign::validate` (`FramePng::check`), which every way in calls: a
        // typed error there, not serde's message.
        Ok(FramePng(bytes))
    }
}

fn current_version() -> u32 {
    Campaign::VERSION
}

fn clean_texts<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let mut texts = BTreeMap::<String, String>::deserialize(d)?;
    // In place: the map is not rebuilt (smaller code in the page, which reads campaign links).
    for text in texts.values_mut() {
        if let std::borrow::Cow::Owned(clean) = crate::text::clean::clean_text(text) {
            *text = clean;
        }
    }
    Ok(texts)
}

/// What a campaign's frame is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CampaignFrame<'a> {
    /// A built-in design, drawn with the campaign's texts and kit.
    Design(&'static PosterTemplate),
    /// The agency's own PNG over the photo ([`Template::user_frame`]).
    Own(&'a FramePng),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    #[serde(default = "current_version")]
    pub version: u32,
    /// A built-in twibbon design's id, or [`OWN_FRAME`] with `frame`.
    pub design: String,
    /// The design's texts by field key (a missing key keeps the design's default), read without
    /// control or bidi characters (see `text::clean`).
    #[serde(default, deserialize_with = "clean_texts")]
    pub texts: BTreeMap<String, String>,
    /// The agency's kit: its name, colours and logo on the frame, and its hashtags in the
    /// share panel.
    #[serde(default)]
    pub kit: BrandKit,
    /// The share caption; empty for the app's default caption.
    #[serde(default, deserialize_with = "crate::text::clean::de_text")]
    pub caption: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<FramePng>,
}

impl Campaign {
    pub const VERSION: u32 = 1;

    /// A campaign for a built-in design.
    pub fn for_design(design: &str, texts: BTreeMap<String, String>, kit: BrandKit) -> Campaign {
        Campaign {
            version: Campaign::VERSION,
            design: design.into(),
            texts,
            kit,
            caption: String::new(),
            frame: None,
        }
    }

    /// A campaign around the agency's own PNG frame.
    pub fn for_own_frame(frame: FramePng, kit: BrandKit) -> Campaign {
        Campaign {
            frame: Some(frame),
            ..Campaign::for_design(OWN_FRAME, BTreeMap::new(), kit)
        }
    }

    /// The frame this campaign draws (valid campaigns only have one of the two).
    pub fn frame(&self) -> Result<CampaignFrame<'_>, CampaignError> {
        match (&self.frame, self.design.as_str()) {
            (Some(png), OWN_FRAME) => Ok(CampaignFrame::Own(png)),
            (None, OWN_FRAME) | (Some(_), _) => Err(CampaignError::FrameMismatch),
            (None, id) => twibbon::design_by_id(id)
                .map(CampaignFrame::Design)
                .ok_or_else(|| CampaignError::UnknownDesign(id.to_string())),
        }
    }

    /// The name to show for it: the agency's, else the design's.
    pub fn title(&self, lang: Lang) -> String {
        if !self.kit.agency.trim().is_empty() {
            return self.kit.agency.trim().to_string();
        }
        // The design's card, not the design: the page shows titles and draws nothing.
        match (&self.frame, twibbon::card_by_id(&self.design)) {
            (None, Some(card)) => card.name.get(lang).to_string(),
            _ => Template::user_frame().name.get(lang).to_string(),
        }
    }

    /// Check the limits. Every way in (file, link, the app's form, the CLI) goes through here.
    pub fn validate(&self) -> Result<(), CampaignError> {
        if self.version != Campaign::VERSION {
            return Err(CampaignError::Version(self.version));
        }
        self.kit.validate()?;
        if self.caption.chars().count() > MAX_CAPTION_CHARS {
            return Err(CampaignError::CaptionTooLong);
        }
        // Checked against the design's card (its texts), not its drawing: the page validates
        // every campaign it opens and never draws one itself.
        enum Checked<'a> {
            Design(&'static twibbon::DesignCard),
            Own(&'a FramePng),
        }
        let frame = match (&self.frame, self.design.as_str()) {
            (Some(png), OWN_FRAME) => Checked::Own(png),
            (None, OWN_FRAME) | (Some(_), _) => return Err(CampaignError::FrameMismatch),
            (None, id) => twibbon::card_by_id(id)
                .map(Checked::Design)
                .ok_or_else(|| CampaignError::UnknownDesign(id.to_string()))?,
        };
        match frame {
            Checked::Design(design) => {
                for (key, text) in &self.texts {
                    let field = design
                        .field(key)
                        .ok_or_else(|| CampaignError::UnknownText(key.clone()))?;
                    if text.chars().count() > field.max_chars {
                        return Err(CampaignError::TextTooLong {
                            key: key.clone(),
                            limit: field.max_chars,
                        });
                    }
                }
            }
            Checked::Own(png) => {
                // `FramePng`'s bytes are public: a frame built in code is checked here too.
                png.check()?;
                if let Some(key) = self.texts.keys().next() {
                    return Err(CampaignError::UnknownText(key.clone()));
                }
            }
        }
        Ok(())
    }

    /// Pretty JSON, for the campaign file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a campaign always serializes")
    }

    /// Read a campaign file, refusing oversized input before parsing.
    pub fn from_json(bytes: &[u8]) -> Result<Campaign, CampaignError> {
        if bytes.len() > MAX_CAMPAIGN_JSON {
            return Err(CampaignError::TooLarge {
                bytes: bytes.len(),
                limit: MAX_CAMPAIGN_JSON,
            });
        }
        // The version first, so a newer campaign says "version" rather than "not a campaign".
        #[derive(Deserialize)]
        struct Probe {
            version: Option<u32>,
        }
        if let Ok(Probe { version: Some(v) }) = serde_json::from_slice::<Probe>(bytes) {
            if v != Campaign::VERSION {
                return Err(CampaignError::Version(v));
            }
        }
        let campaign: Campaign = serde_json::from_slice(bytes)
            .map_err(|e| CampaignError::NotACampaign(e.to_string()))?;
        campaign.validate()?;
        Ok(campaign)
    }

    /// `campaign=<base64url(deflate(json))>`, without its logo if the link would be too long.
    pub fn to_link_fragment(&self) -> Result<LinkFragment, CampaignError> {
        if self.frame.is_some() {
            return Err(CampaignError::FrameNeedsFile);
        }
        Ok(link::pack_fitting(FRAGMENT_KEY, self, || {
            self.kit.logo.as_ref().map(|_| {
                let mut without = self.clone();
                without.kit.logo = None;
                without
            })
        }))
    }

    /// Does this URL fragment (with or without '#') carry a campaign?
    pub fn fragment_has_campaign(fragment: &str) -> bool {
        link::has(fragment, FRAGMENT_KEY)
    }

    /// Read a campaign from a link fragment made by [`Campaign::to_link_fragment`].
    pub fn from_link_fragment(fragment: &str) -> Result<Campaign, CampaignError> {
        let json = link::unpack(fragment, FRAGMENT_KEY).ok_or(CampaignError::BadLink)?;
        let campaign = Campaign::from_json(&json).map_err(|e| match e {
            CampaignError::NotACampaign(_) => CampaignError::BadLink,
            other => other,
        })?;
        // A link never carries a frame PNG (see `to_link_fragment`).
        if campaign.frame.is_some() {
            return Err(CampaignError::BadLink);
        }
        Ok(campaign)
    }
}

/// The campaign link as a QR code (black on white, 8 px per module, with the quiet zone), for
/// printed posters and screens. `None` when the link is too long for a QR symbol (a link with a
/// large logo): the page then offers the link and the file only.
pub fn link_qr(link: &str) -> Option<image::RgbaImage> {
    crate::pledge::qr::qr_image(link, 8).ok()
}
