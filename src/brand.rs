//! The brand kit: an agency's name, the issuing body, a logo, two colours and hashtags, shared
//! by every product in the app. It is plain serde data that travels three ways, all checked by
//! [`BrandKit::validate`] with the same limits:
//!
//! - as a small JSON file (export/import, and the browser's localStorage): [`BrandKit::to_json`],
//!   [`BrandKit::from_json`];
//! - in a link's fragment (`#kit=…`: the JSON deflated and base64url-encoded, see `link.rs`), so a whole agency
//!   opens the same kit with no server: [`BrandKit::to_link_fragment`],
//!   [`BrandKit::from_link_fragment`]. A logo may make the link too long; it is then left out
//!   of the link and [`LinkFragment::logo_left_out`] says so;
//! - in memory, where [`decode_logo`] turns the logo (PNG, JPEG, or SVG drawn with `resvg`)
//!   into a [`Photo`] for the renderer.
//!
//! Nothing here names KASN: the issuing body is the user's text (campaign.md: KASN was dissolved
//! in 2024 and supervision moved to BKN).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::i18n::Lang;
use crate::link;
use crate::photo::Photo;
use crate::template::Color;

/// Largest kit JSON accepted from a file, from storage or after inflating a link (bytes).
pub const MAX_KIT_JSON: usize = 512 * 1024;
/// Largest logo file (bytes). A logo is small; a photo is not a logo.
pub const MAX_LOGO_BYTES: usize = 300 * 1024;
/// Longest agency or issuing-body name (characters).
pub const MAX_NAME_CHARS: usize = 160;
pub const MAX_HASHTAGS: usize = 6;
pub const MAX_HASHTAG_CHARS: usize = 40;
/// Longest link fragment we make (characters). Chat apps and QR codes cope with this; a logo
/// rarely fits, so it is left out of the link (and the user is told).
pub const MAX_LINK_FRAGMENT: usize = 6000;
/// Logos are decoded to at most this many pixels on the long side (A4 needs about 600).
pub const LOGO_MAX_SIDE: u32 = 1024;
/// Largest PNG or JPEG logo accepted, by its header, in pixels per side and in all: four times
/// what is ever drawn ([`LOGO_MAX_SIDE`]) on the long side, and at most ~4 MP, so a small file
/// (a link's logo is ~1 KB) cannot make every recipient decode 100 megapixels.
pub const LOGO_MAX_FILE_SIDE: u32 = 4096;
pub const LOGO_MAX_PIXELS: u64 = 2048 * 2048;

/// The fragment key: links look like `https://…/#kit=<base64url>`.
pub const FRAGMENT_KEY: &str = "kit=";

pub const DEFAULT_PRIMARY: Color = Color::rgb(0x0B, 0x2D, 0x5B);
pub const DEFAULT_SECONDARY: Color = Color::rgb(0xFF, 0x7A, 0x00);

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum BrandError {
    #[error("brand kit is {bytes} bytes, more than the {limit}-byte limit")]
    TooLarge { bytes: usize, limit: usize },
    #[error("brand kit is not valid JSON for a kit: {0}")]
    NotAKit(String),
    #[error("brand kit version {0} is not supported")]
    Version(u32),
    #[error("{field} is longer than {limit} characters")]
    TooLong { field: &'static str, limit: usize },
    #[error("too many hashtags (at most {MAX_HASHTAGS})")]
    TooManyHashtags,
    #[error("hashtag {0:?} may only hold letters, digits and _")]
    BadHashtag(String),
    #[error("logo is {bytes} bytes, more than the {MAX_LOGO_BYTES}-byte limit")]
    LogoTooLarge { bytes: usize },
    #[error("logo is not a PNG, JPEG or SVG image")]
    LogoFormat,
    #[error("logo cannot be read: {0}")]
    LogoBroken(String),
    #[error("logo is {width}×{height} pixels, more than a logo needs")]
    LogoPixels { width: u32, height: u32 },
    #[error("the brand kit link is damaged or incomplete")]
    BadLink,
}

impl BrandError {
    pub fn message(&self, lang: Lang) -> String {
        let kb = |b: usize| b.div_ceil(1024);
        match (self, lang) {
            (BrandError::TooLarge { bytes, limit }, Lang::Id) => format!(
                "Berkas kit merek terlalu besar ({} KB; maksimal {} KB).",
                kb(*bytes),
                kb(*limit)
            ),
            (BrandError::TooLarge { bytes, limit }, Lang::En) => format!(
                "The brand kit file is too large ({} KB; at most {} KB).",
                kb(*bytes),
                kb(*limit)
            ),
            (BrandError::NotAKit(_), Lang::Id) => {
                "Berkas ini bukan kit merek yang valid (JSON dari tombol Ekspor).".into()
            }
            (BrandError::NotAKit(_), Lang::En) => {
                "This file is not a valid brand kit (the JSON from the Export button).".into()
            }
            (BrandError::Version(v), Lang::Id) => {
                format!("Versi kit merek {v} belum didukung aplikasi ini.")
            }
            (BrandError::Version(v), Lang::En) => {
                format!("Brand kit version {v} is not supported by this app.")
            }
            (BrandError::TooLong { field, limit }, Lang::Id) => {
                format!(
                    "{} terlalu panjang (maksimal {limit} karakter).",
                    field_id(field)
                )
            }
            (BrandError::TooLong { field, limit }, Lang::En) => {
                format!(
                    "{} is too long (at most {limit} characters).",
                    field_en(field)
                )
            }
            (BrandError::TooManyHashtags, Lang::Id) => {
                format!("Terlalu banyak tagar (maksimal {MAX_HASHTAGS}).")
            }
            (BrandError::TooManyHashtags, Lang::En) => {
                format!("Too many hashtags (at most {MAX_HASHTAGS}).")
            }
            (BrandError::BadHashtag(t), Lang::Id) => {
                format!("Tagar \"{t}\" hanya boleh berisi huruf, angka dan _ (maks. {MAX_HASHTAG_CHARS}).")
            }
            (BrandError::BadHashtag(t), Lang::En) => {
                format!("Hashtag \"{t}\" may only hold letters, digits and _ (max. {MAX_HASHTAG_CHARS}).")
            }
            (BrandError::LogoTooLarge { bytes }, Lang::Id) => format!(
                "Logo terlalu besar ({} KB; maksimal {} KB). Perkecil atau gunakan SVG.",
                kb(*bytes),
                kb(MAX_LOGO_BYTES)
            ),
            (BrandError::LogoTooLarge { bytes }, Lang::En) => format!(
                "The logo is too large ({} KB; at most {} KB). Make it smaller or use SVG.",
                kb(*bytes),
                kb(MAX_LOGO_BYTES)
            ),
            (BrandError::LogoFormat, Lang::Id) => "Logo harus berupa PNG, JPEG atau SVG.".into(),
            (BrandError::LogoFormat, Lang::En) => "The logo must be a PNG, JPEG or SVG.".into(),
            (BrandError::LogoBroken(_), Lang::Id) => {
                "Logo tidak bisa dibaca; berkasnya mungkin rusak.".into()
            }
            (BrandError::LogoBroken(_), Lang::En) => {
                "The logo cannot be read; the file may be damaged.".into()
            }
            (BrandError::LogoPixels { width, height }, Lang::Id) => format!(
                "Logo terlalu besar ({width}×{height} piksel; maksimal {LOGO_MAX_FILE_SIDE} piksel per sisi dan {} megapiksel). Perkecil logonya.",
                LOGO_MAX_PIXELS / 1_000_000
            ),
            (BrandError::LogoPixels { width, height }, Lang::En) => format!(
                "The logo is too large ({width}×{height} pixels; at most {LOGO_MAX_FILE_SIDE} pixels per side and {} megapixels). Make it smaller.",
                LOGO_MAX_PIXELS / 1_000_000
            ),
            (BrandError::BadLink, Lang::Id) => {
                "Tautan kit merek rusak atau terpotong. Minta tautan baru dari pengirimnya.".into()
            }
            (BrandError::BadLink, Lang::En) => {
                "The brand kit link is damaged or cut off. Ask the sender for a new link.".into()
            }
        }
    }
}

fn field_id(field: &str) -> &'static str {
    match field {
        "agency" => "Nama instansi",
        "issuer" => "Nama lembaga penerbit",
        _ => "Isian",
    }
}

fn field_en(field: &str) -> &'static str {
    match field {
        "agency" => "The agency name",
        "issuer" => "The issuing body's name",
        _ => "A field",
    }
}

/// What kind of image a logo is, told from its bytes (never from a file name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Svg,
}

impl LogoKind {
    pub fn mime(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Jpeg => "image/jpeg",
            LogoKind::Svg => "image/svg+xml",
        }
    }

    fn from_mime(mime: &str) -> Option<LogoKind> {
        [LogoKind::Png, LogoKind::Jpeg, LogoKind::Svg]
            .into_iter()
            .find(|k| k.mime() == mime)
    }

    /// Sniff the format from magic bytes (SVG: an `<svg` element near the start).
    pub fn sniff(bytes: &[u8]) -> Option<LogoKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(LogoKind::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(LogoKind::Jpeg);
        }
        let head = &bytes[..bytes.len().min(4096)];
        let text = String::from_utf8_lossy(head);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        (trimmed.starts_with('<') && text.contains("<svg")).then_some(LogoKind::Svg)
    }
}

/// A logo file as the user gave it, checked for size and format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
}

impl Logo {
    /// Check a file the user picked: size first, then the format from its bytes, then (PNG and
    /// JPEG) the header: readable, and not more pixels than a logo can use.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Logo, BrandError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(BrandError::LogoTooLarge { bytes: bytes.len() });
        }
        let kind = LogoKind::sniff(&bytes).ok_or(BrandError::LogoFormat)?;
        let logo = Logo { kind, bytes };
        logo.check()?;
        Ok(logo)
    }

    /// The checks [`Logo::from_bytes`] makes, for a logo however it was made: every way in (a
    /// picked file, a kit file, a link, a campaign, the CLI) checks the same. An SVG has no
    /// pixels to count: it is drawn at [`LOGO_MAX_SIDE`] whatever it says.
    pub fn check(&self) -> Result<(), BrandError> {
        if self.bytes.len() > MAX_LOGO_BYTES {
            return Err(BrandError::LogoTooLarge {
                bytes: self.bytes.len(),
            });
        }
        if LogoKind::sniff(&self.bytes) != Some(self.kind) {
            return Err(BrandError::LogoFormat);
        }
        if self.kind == LogoKind::Svg {
            return Ok(());
        }
        let header = crate::image_header::read(&self.bytes).map_err(|e| match e {
            crate::image_header::HeaderError::Format => BrandError::LogoFormat,
            e => BrandError::LogoBroken(e.to_string()),
        })?;
        let (width, height) = (header.width, header.height);
        if width > LOGO_MAX_FILE_SIDE
            || height > LOGO_MAX_FILE_SIDE
            || u64::from(width) * u64::from(height) > LOGO_MAX_PIXELS
        {
            return Err(BrandError::LogoPixels { width, height });
        }
        Ok(())
    }
}

/// In JSON: `{"type": "image/png", "data": "<base64>"}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogoJson {
    #[serde(rename = "type")]
    mime: String,
    data: String,
}

impl Serialize for Logo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        LogoJson {
            mime: self.kind.mime().into(),
            data: STANDARD.encode(&self.bytes),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Logo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Logo, D::Error> {
        use serde::de::Error;
        let json = LogoJson::deserialize(d)?;
        let declared = LogoKind::from_mime(&json.mime)
            .ok_or_else(|| D::Error::custom(format!("logo type {:?}", json.mime)))?;
        if json.data.len() > MAX_LOGO_BYTES * 4 / 3 + 4 {
            return Err(D::Error::custom("logo too large"));
        }
        let bytes = STANDARD
            .decode(json.data.as_bytes())
            .map_err(|e| D::Error::custom(format!("logo data: {e}")))?;
        // The bytes decide; a mismatching declared type is refused rather than trusted.
        match LogoKind::sniff(&bytes) {
            // Its header is checked by `BrandKit::validate` (`Logo::check`), which every way
            // in calls: a typed error there, not serde's message.
            Some(kind) if kind == declared => Ok(Logo { kind, bytes }),
            _ => Err(D::Error::custom("logo data does not match its type")),
        }
    }
}

fn current_version() -> u32 {
    BrandKit::VERSION
}
fn default_primary() -> Color {
    DEFAULT_PRIMARY
}
fn default_secondary() -> Color {
    DEFAULT_SECONDARY
}

/// An agency's brand. Every field has a default, so a kit with only a name is valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandKit {
    #[serde(default = "current_version")]
    pub version: u32,
    /// E.g. "Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe". Read from a file
    /// or link without control or bidi characters (see `text::clean`), like every text here.
    #[serde(default, deserialize_with = "crate::text::clean::de_line")]
    pub agency: String,
    /// The body issuing the campaign (editable: KASN no longer exists), e.g. "Badan
    /// Kepegawaian Negara". Empty hides it on posters.
    #[serde(default, deserialize_with = "crate::text::clean::de_line")]
    pub issuer: String,
    #[serde(default = "default_primary")]
    pub primary: Color,
    #[serde(default = "default_secondary")]
    pub secondary: Color,
    /// Without the '#'. None by default: no official hashtag is confirmed.
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Logo>,
}

impl Default for BrandKit {
    fn default() -> Self {
        BrandKit {
            version: BrandKit::VERSION,
            agency: String::new(),
            issuer: String::new(),
            primary: DEFAULT_PRIMARY,
            secondary: DEFAULT_SECONDARY,
            hashtags: Vec::new(),
            logo: None,
        }
    }
}

pub use crate::link::LinkFragment;

impl BrandKit {
    pub const VERSION: u32 = 1;

    /// Check the limits. Every way in (file, storage, link, form) goes through here.
    pub fn validate(&self) -> Result<(), BrandError> {
        if self.version != BrandKit::VERSION {
            return Err(BrandError::Version(self.version));
        }
        for (field, value) in [("agency", &self.agency), ("issuer", &self.issuer)] {
            if value.chars().count() > MAX_NAME_CHARS {
                return Err(BrandError::TooLong {
                    field,
                    limit: MAX_NAME_CHARS,
                });
            }
        }
        if self.hashtags.len() > MAX_HASHTAGS {
            return Err(BrandError::TooManyHashtags);
        }
        for tag in &self.hashtags {
            let ok = !tag.is_empty()
                && tag.chars().count() <= MAX_HASHTAG_CHARS
                && tag.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !ok {
                return Err(BrandError::BadHashtag(tag.clone()));
            }
        }
        if let Some(logo) = &self.logo {
            logo.check()?;
        }
        Ok(())
    }

    /// Split what a user typed ("#ASNNetral, #Pemilu2029 Kominfo") into hashtags without '#'.
    /// The result still goes through [`BrandKit::validate`].
    pub fn parse_hashtags(text: &str) -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .map(|t| t.trim_start_matches('#'))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The hashtags as shown on a poster: "#A #B".
    pub fn hashtag_line(&self) -> String {
        self.hashtags
            .iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Pretty JSON, for the export file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a kit always serializes")
    }

    /// Read a kit from JSON (a file, storage), refusing oversized input before parsing.
    pub fn from_json(bytes: &[u8]) -> Result<BrandKit, BrandError> {
        if bytes.len() > MAX_KIT_JSON {
            return Err(BrandError::TooLarge {
                bytes: bytes.len(),
                limit: MAX_KIT_JSON,
            });
        }
        // Read the version first, so a newer kit says "version" rather than "not a kit".
        #[derive(Deserialize)]
        struct Probe {
            version: Option<u32>,
        }
        if let Ok(Probe { version: Some(v) }) = serde_json::from_slice::<Probe>(bytes) {
            if v != BrandKit::VERSION {
                return Err(BrandError::Version(v));
            }
        }
        let kit: BrandKit =
            serde_json::from_slice(bytes).map_err(|e| BrandError::NotAKit(e.to_string()))?;
        kit.validate()?;
        Ok(kit)
    }

    /// `kit=<base64url(deflate(json))>`; the logo is left out if the link would be too long.
    pub fn to_link_fragment(&self) -> LinkFragment {
        link::pack_fitting(FRAGMENT_KEY, self, || {
            self.logo.as_ref().map(|_| BrandKit {
                logo: None,
                ..self.clone()
            })
        })
    }

    /// Does this URL fragment (with or without '#') carry a kit?
    pub fn fragment_has_kit(fragment: &str) -> bool {
        link::has(fragment, FRAGMENT_KEY)
    }

    /// Read a kit from a link fragment made by [`BrandKit::to_link_fragment`].
    pub fn from_link_fragment(fragment: &str) -> Result<BrandKit, BrandError> {
        let json = link::unpack(fragment, FRAGMENT_KEY).ok_or(BrandError::BadLink)?;
        BrandKit::from_json(&json).map_err(|e| match e {
            // A damaged link that still inflates is most likely not JSON: say "link".
            BrandError::NotAKit(_) => BrandError::BadLink,
            other => other,
        })
    }
}

/// Decode a logo for drawing: PNG/JPEG through the same intake as photos, SVG with `resvg`
/// (no fonts: text in an SVG logo should be converted to paths), at most
/// [`LOGO_MAX_SIDE`] pixels on its long side.
pub fn decode_logo(logo: &Logo) -> Result<Photo, BrandError> {
    decode_logo_rgba(logo).map(Photo::from_rgba)
}

/// [`decode_logo`]'s pixels, straight RGBA.
pub fn decode_logo_rgba(logo: &Logo) -> Result<image::RgbaImage, BrandError> {
    match logo.kind {
        LogoKind::Png | LogoKind::Jpeg => decode_raster_logo(logo),
        LogoKind::Svg => render_svg_logo(logo),
    }
}

/// A PNG or JPEG logo through intake. Separate from [`render_svg_logo`] so the app's two
/// workers each link only their own decoders (resvg is not part of a first visit).
pub fn decode_raster_logo(logo: &Logo) -> Result<image::RgbaImage, BrandError> {
    match logo.kind {
        LogoKind::Png | LogoKind::Jpeg => crate::intake::decode(&logo.bytes, LOGO_MAX_SIDE)
            .map_err(|e| BrandError::LogoBroken(e.to_string())),
        LogoKind::Svg => Err(BrandError::LogoFormat),
    }
}

/// An SVG logo drawn with resvg (see [`decode_raster_logo`]).
pub fn render_svg_logo(logo: &Logo) -> Result<image::RgbaImage, BrandError> {
    match logo.kind {
        LogoKind::Svg => render_svg(&logo.bytes, LOGO_MAX_SIDE),
        LogoKind::Png | LogoKind::Jpeg => Err(BrandError::LogoFormat),
    }
}

fn render_svg(bytes: &[u8], max_side: u32) -> Result<image::RgbaImage, BrandError> {
    let options = resvg::usvg::Options::default();
    let tree = resvg::usvg::Tree::from_data(bytes, &options)
        .map_err(|e| BrandError::LogoBroken(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(BrandError::LogoBroken("empty SVG".into()));
    }
    let scale = max_side as f32 / w.max(h);
    let (pw, ph) = (
        (w * scale).round().clamp(1.0, max_side as f32) as u32,
        (h * scale).round().clamp(1.0, max_side as f32) as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(pw, ph).ok_or_else(|| BrandError::LogoBroken("SVG size".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(pw as f32 / w, ph as f32 / h),
        &mut pixmap.as_mut(),
    );
    // tiny-skia is premultiplied; the photo pipeline takes straight alpha.
    let mut data = pixmap.take();
    crate::raster::unpremultiply_in_place(&mut data);
    image::RgbaImage::from_raw(pw, ph, data)
        .ok_or_else(|| BrandError::LogoBroken("SVG buffer".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    const SVG: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="20" height="20" fill="#FF0000"/><circle cx="30" cy="10" r="10" fill="#0000FF"/></svg>"##;

    fn kit() -> BrandKit {
        BrandKit {
            agency: "Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe".into(),
            issuer: "Badan Kepegawaian Negara".into(),
            primary: Color::rgb(0x12, 0x34, 0x56),
            secondary: Color::rgb(0xAB, 0xCD, 0xEF),
            hashtags: vec!["NetralitasASN".into(), "Pemilu_Damai".into()],
            logo: Some(Logo::from_bytes(SVG.to_vec()).unwrap()),
            ..BrandKit::default()
        }
    }

    #[test]
    fn json_round_trips() {
        let kit = kit();
        assert_eq!(BrandKit::from_json(kit.to_json().as_bytes()).unwrap(), kit);
        // Every field has a default.
        assert_eq!(BrandKit::from_json(b"{}").unwrap(), BrandKit::default());
    }

    #[test]
    fn link_round_trips_and_is_compressed() {
        let kit = kit();
        let link = kit.to_link_fragment();
        assert!(!link.logo_left_out);
        assert!(link.fragment.starts_with("kit="));
        assert!(link
            .fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)));
        assert!(link.fragment.len() < kit.to_json().len());
        assert_eq!(BrandKit::from_link_fragment(&link.fragment).unwrap(), kit);
        assert_eq!(
            BrandKit::from_link_fragment(&format!("#{}", link.fragment)).unwrap(),
            kit
        );
    }

    #[test]
    fn a_large_logo_is_left_out_of_the_link() {
        // A real PNG of incompressible noise: a ~160 KB "photo-like" logo.
        let mut x: u32 = 1;
        let noise = image::RgbaImage::from_fn(200, 200, |_, _| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            image::Rgba((x >> 8).to_le_bytes())
        });
        let mut bytes = Vec::new();
        noise
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        assert!(bytes.len() > 100_000 && bytes.len() <= MAX_LOGO_BYTES);
        let kit = BrandKit {
            logo: Some(Logo::from_bytes(bytes).unwrap()),
            ..kit()
        };
        let link = kit.to_link_fragment();
        assert!(link.logo_left_out);
        assert!(link.fragment.len() <= MAX_LINK_FRAGMENT);
        let back = BrandKit::from_link_fragment(&link.fragment).unwrap();
        assert_eq!(back.logo, None);
        assert_eq!(back.agency, kit.agency);
    }

    #[test]
    fn bad_links_are_typed_errors() {
        let good = kit().to_link_fragment().fragment;
        let cases = [
            "".to_string(),
            "kit=".to_string(),
            "kit=!!!!".to_string(),
            "kit=AAAA".to_string(),
            good[..good.len() / 2].to_string(),
            format!("{}x", &good[..good.len() - 3]),
            format!("kit={}", URL_SAFE_NO_PAD.encode(b"not deflate")),
            format!(
                "kit={}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2]", 6))
            ),
        ];
        for case in cases {
            assert_eq!(
                BrandKit::from_link_fragment(&case),
                Err(BrandError::BadLink),
                "{case:?}"
            );
        }
        // A deflate bomb: 10 MB of spaces inflates past the limit and is refused.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 10 << 20], 9);
        let fragment = format!("kit={}", URL_SAFE_NO_PAD.encode(bomb));
        assert_eq!(
            BrandKit::from_link_fragment(&fragment),
            Err(BrandError::BadLink)
        );
    }

    #[test]
    fn bad_kits_are_refused_with_a_reason() {
        let huge = vec![b' '; MAX_KIT_JSON + 1];
        assert!(matches!(
            BrandKit::from_json(&huge),
            Err(BrandError::TooLarge { .. })
        ));
        assert!(matches!(
            BrandKit::from_json(b"not json"),
            Err(BrandError::NotAKit(_))
        ));
        assert!(matches!(
            BrandKit::from_json(br#"{"agency": 5}"#),
            Err(BrandError::NotAKit(_))
        ));
        assert!(matches!(
            BrandKit::from_json(br#"{"unknown": 1}"#),
            Err(BrandError::NotAKit(_))
        ));
        assert_eq!(
            BrandKit::from_json(br#"{"version": 2}"#),
            Err(BrandError::Version(2))
        );
        let long = format!(r#"{{"agency": "{}"}}"#, "x".repeat(MAX_NAME_CHARS + 1));
        assert!(matches!(
            BrandKit::from_json(long.as_bytes()),
            Err(BrandError::TooLong {
                field: "agency",
                ..
            })
        ));
        assert!(matches!(
            BrandKit::from_json(br##"{"primary": "blue"}"##),
            Err(BrandError::NotAKit(_))
        ));
        assert!(matches!(
            BrandKit::from_json(br#"{"hashtags": ["a b"]}"#),
            Err(BrandError::BadHashtag(_))
        ));
        let many = format!(r#"{{"hashtags": [{}]}}"#, ["\"a\""; 7].join(","));
        assert_eq!(
            BrandKit::from_json(many.as_bytes()),
            Err(BrandError::TooManyHashtags)
        );
        // A logo whose bytes are not what its type says.
        let lying = format!(
            r#"{{"logo": {{"type": "image/png", "data": "{}"}}}}"#,
            STANDARD.encode(SVG)
        );
        assert!(matches!(
            BrandKit::from_json(lying.as_bytes()),
            Err(BrandError::NotAKit(_))
        ));
        // Every error has a message in both languages.
        for e in [
            BrandError::BadLink,
            BrandError::TooManyHashtags,
            BrandError::LogoFormat,
        ] {
            assert!(!e.message(Lang::Id).is_empty() && !e.message(Lang::En).is_empty());
            assert_ne!(e.message(Lang::Id), e.message(Lang::En));
        }
    }

    #[test]
    fn logos_are_checked_and_decoded() {
        assert_eq!(
            Logo::from_bytes(b"GIF89a....".to_vec()),
            Err(BrandError::LogoFormat)
        );
        assert_eq!(
            Logo::from_bytes(vec![0xFF; MAX_LOGO_BYTES + 1]),
            Err(BrandError::LogoTooLarge {
                bytes: MAX_LOGO_BYTES + 1
            })
        );
        let svg = decode_logo(&Logo::from_bytes(SVG.to_vec()).unwrap()).unwrap();
        assert_eq!(
            (svg.width(), svg.height()),
            (LOGO_MAX_SIDE, LOGO_MAX_SIDE / 2)
        );
        let broken = Logo::from_bytes(b"<svg><rect".to_vec()).unwrap();
        assert!(matches!(
            decode_logo(&broken),
            Err(BrandError::LogoBroken(_))
        ));
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(30, 10, image::Rgba([1, 2, 3, 255]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let photo = decode_logo(&Logo::from_bytes(png).unwrap()).unwrap();
        assert_eq!((photo.width(), photo.height()), (30, 10));
    }

    #[test]
    fn names_from_a_file_or_link_lose_their_control_and_bidi_characters() {
        let json =
            "{\"agency\": \"\\u202eNKB\\u202c\", \"issuer\": \"Badan\\u0007\\u001b Negara\\n\"}";
        let kit = BrandKit::from_json(json.as_bytes()).unwrap();
        assert_eq!(kit.agency, "NKB");
        assert_eq!(kit.issuer, "Badan Negara ");
        let link = BrandKit::from_link_fragment(
            &BrandKit {
                agency: "\u{202E}NKB".into(),
                ..BrandKit::default()
            }
            .to_link_fragment()
            .fragment,
        )
        .unwrap();
        assert_eq!(link.agency, "NKB");
        // A hashtag cannot hide one either: it is refused.
        assert!(matches!(
            BrandKit::from_json("{\"hashtags\": [\"ASN\\u202eNetral\"]}".as_bytes()),
            Err(BrandError::BadHashtag(_))
        ));
    }

    #[test]
    fn hashtags_are_parsed_from_free_text() {
        assert_eq!(
            BrandKit::parse_hashtags(" #ASNNetral, #Pemilu2029;Kominfo  "),
            ["ASNNetral", "Pemilu2029", "Kominfo"]
        );
        let kit = BrandKit {
            hashtags: BrandKit::parse_hashtags("#A B"),
            ..BrandKit::default()
        };
        assert_eq!(kit.hashtag_line(), "#A #B");
    }
}
