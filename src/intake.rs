//! Intake: user bytes in, an upright, bounded RGBA photo out — or a typed error, never a panic.
//!
//! Order matters for memory and speed:
//! 1. sniff the container from magic bytes, refusing what we cannot read (HEIC, AVIF, PDF…) with
//!    an error that tells the user what to do;
//! 2. read the header and check the pixel count and [`image::Limits`] *before* allocating pixels;
//! 3. decode, then halve (box filter) until the long side is at most [`MAX_WORKING_SIDE`] — a
//!    JPEG that needs halving is instead decoded at 1/2, 1/4 or 1/8 scale straight from its DCT
//!    coefficients (see [`decode_jpeg_scaled`]), which skips most of the work and memory;
//! 4. apply the EXIF orientation last, on the small image (it is a full copy).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbaImage};
use thiserror::Error;

use crate::i18n::Lang;

/// Largest accepted width or height in the file.
pub const MAX_SIDE: u32 = 16_384;
/// Largest accepted pixel count: 100 MP covers every phone camera (48–50 MP sensors too).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Memory the decoder may allocate. 100 MP of 8-bit RGBA plus headroom.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// After decoding, photos are halved until their long side is at most this. A 1080-px output
/// never needs more than ~2× this for zoom, and it keeps the pyramid small on phones.
pub const MAX_WORKING_SIDE: u32 = 3072;

/// Why a file could not become a photo. Each kind has a message that tells the user what to do.
// Serializable so the decode worker can hand it to the page unchanged.
#[derive(Clone, Debug, Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IntakeError {
    #[error("the file is empty")]
    Empty,
    #[error("HEIC/HEIF photos are not supported")]
    Heic,
    #[error("AVIF images are not supported")]
    Avif,
    #[error("PDF documents are not images")]
    Pdf,
    #[error("SVG drawings are not supported here")]
    Svg,
    #[error("not an image we can read (JPEG, PNG, WebP, GIF or BMP)")]
    Unsupported,
    #[error(
        "image too large: {width}×{height} pixels (limit {MAX_PIXELS} pixels, {MAX_SIDE} per side)"
    )]
    TooLarge { width: u32, height: u32 },
    #[error("decoding the image would need more memory than allowed ({MAX_ALLOC} bytes)")]
    OverLimit,
    #[error("the image has zero width or height")]
    ZeroSized,
    #[error("the image file is damaged or incomplete: {0}")]
    Corrupt(String),
}

impl IntakeError {
    /// The message shown to the user, in their language, saying what to do next.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (IntakeError::Empty, Lang::Id) => "Berkas kosong (0 byte). Pilih foto lain.".into(),
            (IntakeError::Empty, Lang::En) => "The file is empty (0 bytes). Choose another photo.".into(),
            (IntakeError::Heic, Lang::Id) => "Foto HEIC (iPhone) belum bisa dibaca. Bagikan foto sebagai JPEG dari aplikasi Foto, atau atur Kamera › Format › \"Paling Kompatibel\", lalu pilih lagi.".into(),
            (IntakeError::Heic, Lang::En) => "HEIC photos (iPhone) cannot be read yet. Share the photo as JPEG from the Photos app, or set Camera › Formats › \"Most Compatible\", then choose it again.".into(),
            (IntakeError::Avif, Lang::Id) => "Gambar AVIF belum didukung. Simpan sebagai JPEG atau PNG, lalu pilih lagi.".into(),
            (IntakeError::Avif, Lang::En) => "AVIF images are not supported yet. Save it as JPEG or PNG, then choose it again.".into(),
            (IntakeError::Pdf, Lang::Id) => "Ini berkas PDF, bukan foto. Pilih foto JPEG, PNG atau WebP.".into(),
            (IntakeError::Pdf, Lang::En) => "This is a PDF document, not a photo. Choose a JPEG, PNG or WebP photo.".into(),
            (IntakeError::Svg, Lang::Id) => "Gambar SVG tidak bisa dipakai sebagai foto. Pilih foto JPEG, PNG atau WebP.".into(),
            (IntakeError::Svg, Lang::En) => "SVG drawings cannot be used as a photo. Choose a JPEG, PNG or WebP photo.".into(),
            (IntakeError::Unsupported, Lang::Id) => "Berkas ini bukan gambar yang bisa dibaca. Pilih foto JPEG, PNG, WebP, GIF atau BMP.".into(),
            (IntakeError::Unsupported, Lang::En) => "This file is not an image we can read. Choose a JPEG, PNG, WebP, GIF or BMP photo.".into(),
            (IntakeError::TooLarge { width, height }, Lang::Id) => format!("Gambar terlalu besar ({width}×{height} piksel). Batasnya {} megapiksel dan {MAX_SIDE} piksel per sisi; kecilkan dulu lalu coba lagi.", MAX_PIXELS / 1_000_000),
            (IntakeError::TooLarge { width, height }, Lang::En) => format!("The image is too large ({width}×{height} pixels). The limit is {} megapixels and {MAX_SIDE} pixels per side; make it smaller and try again.", MAX_PIXELS / 1_000_000),
            (IntakeError::OverLimit, Lang::Id) => format!("Gambar terlalu besar untuk diproses di perangkat ini (batas memori {} MB). Kecilkan dulu lalu coba lagi.", MAX_ALLOC / 1024 / 1024),
            (IntakeError::OverLimit, Lang::En) => format!("The image is too large to process on this device (memory limit {} MB). Make it smaller and try again.", MAX_ALLOC / 1024 / 1024),
            (IntakeError::ZeroSized, Lang::Id) => "Gambar tidak berukuran (lebar atau tinggi 0). Pilih foto lain.".into(),
            (IntakeError::ZeroSized, Lang::En) => "The image has no size (zero width or height). Choose another photo.".into(),
            (IntakeError::Corrupt(_), Lang::Id) => "Berkas gambar rusak atau belum terunduh penuh. Unduh ulang atau pilih foto lain.".into(),
            (IntakeError::Corrupt(_), Lang::En) => "The image file is damaged or incomplete. Download it again or choose another photo.".into(),
        }
    }
}

/// What the bytes look like, from their first bytes only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Readable(image::ImageFormat),
    Heic,
    Avif,
    Pdf,
    Svg,
    Unknown,
}

/// Identify a file from its magic bytes (never from its name: phones and chat apps lie).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    use image::ImageFormat as F;
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return sniff_ftyp(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::Pdf;
    }
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<svg") || (trimmed.starts_with("<?xml") && text.contains("<svg")) {
        return Sniffed::Svg;
    }
    match image::guess_format(bytes) {
        Ok(f @ (F::Jpeg | F::Png | F::WebP | F::Gif | F::Bmp)) => Sniffed::Readable(f),
        Ok(F::Avif) => Sniffed::Avif,
        _ => Sniffed::Unknown,
    }
}

/// HEIC or AVIF from an ISO-BMFF `ftyp` box. The major brand decides; when it is only the
/// generic HEIF brand (`mif1`/`msf1`, as some phones and encoders write), the compatible brands
/// do: an AVIF lists `avif`, a phone HEIC lists `heic`.
fn sniff_ftyp(bytes: &[u8]) -> Sniffed {
    const AVIF: [&[u8]; 2] = [b"avif", b"avis"];
    const HEIC: [&[u8]; 6] = [b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"];
    const HEIF: [&[u8]; 2] = [b"mif1", b"msf1"];
    let major = &bytes[8..12];
    let box_end = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let compatible: Vec<&[u8]> = bytes
        .get(16..box_end.clamp(16, 1024).min(bytes.len()))
        .unwrap_or_default()
        .chunks_exact(4)
        .collect();
    let lists = |family: &[&[u8]]| compatible.iter().any(|b| family.contains(b));
    if AVIF.contains(&major) {
        Sniffed::Avif
    } else if HEIC.contains(&major) {
        Sniffed::Heic
    } else if HEIF.contains(&major) && lists(&AVIF) {
        Sniffed::Avif
    } else if HEIF.contains(&major) || lists(&HEIC) {
        Sniffed::Heic
    } else if lists(&AVIF) {
        Sniffed::Avif
    } else {
        Sniffed::Unknown
    }
}

/// The decoder limits we use everywhere (checked against the header before pixels are allocated).
pub fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// What the first bytes and the header say, before any pixel is decoded: a JPEG's plan (which a
/// browser's decoder may carry out, see [`JpegPlan`]), or another readable format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Probe {
    Jpeg(JpegPlan),
    Other(image::ImageFormat),
}

/// A JPEG whose header passed every check [`decode`] makes (size limits, zero size, truncation):
/// how large it is, how many 2× halvings its decode needs and how to turn it upright.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JpegPlan {
    /// The stored size (before orientation).
    pub width: u32,
    pub height: u32,
    /// How many times [`decode`] halves it (0–3: at 1/2^n scale straight from the DCT).
    pub halvings: u32,
    /// From EXIF ("as stored" if missing or broken); applied by [`finish`].
    pub orientation: image::metadata::Orientation,
    /// YCbCr/RGB or grayscale: what a browser's decoder turns into the same colours as ours
    /// (no colour management on either side). `false` for CMYK/YCCK (our conversion is naive
    /// and a browser's is not) and 16-bit lossless JPEGs.
    pub browser_decodable: bool,
}

impl JpegPlan {
    /// The size the reduced-size IDCT gives at 1/2^`halvings` (odd sides round up): what to ask
    /// a browser's decoder for, whose DCT scaling gives the same (libjpeg-turbo's 4/8 and 2/8).
    pub fn scaled_size(&self) -> (u32, u32) {
        let divisor = 1u32 << self.halvings;
        (self.width.div_ceil(divisor), self.height.div_ceil(divisor))
    }

    /// The pixels' size once decoded, as halving gives it (odd last rows/columns dropped).
    pub fn decoded_size(&self) -> (u32, u32) {
        halved_size(self.width, self.height, self.halvings)
    }

    /// Crop pixels decoded at [`JpegPlan::scaled_size`] to [`JpegPlan::decoded_size`], so both
    /// paths agree on size and the bound on the long side holds.
    pub fn crop(&self, image: DynamicImage) -> DynamicImage {
        crop_to(image, self.decoded_size())
    }
}

/// Sniff `bytes` and, for a JPEG, read and check its header: every refusal [`decode`] makes
/// before decoding pixels, and nothing allocated for pixels. A browser may then decode a
/// [`Probe::Jpeg`] itself and hand the pixels to [`finish_jpeg`].
pub fn probe(bytes: &[u8], max_side: u32) -> Result<Probe, IntakeError> {
    match sniff_readable(bytes)? {
        image::ImageFormat::Jpeg => jpeg_header(bytes, max_side).map(|(plan, _)| Probe::Jpeg(plan)),
        other => Ok(Probe::Other(other)),
    }
}

/// The readable format of `bytes`, or why there is none.
fn sniff_readable(bytes: &[u8]) -> Result<image::ImageFormat, IntakeError> {
    if bytes.is_empty() {
        return Err(IntakeError::Empty);
    }
    match sniff(bytes) {
        Sniffed::Readable(f) => Ok(f),
        Sniffed::Heic => Err(IntakeError::Heic),
        Sniffed::Avif => Err(IntakeError::Avif),
        Sniffed::Pdf => Err(IntakeError::Pdf),
        Sniffed::Svg => Err(IntakeError::Svg),
        Sniffed::Unknown => Err(IntakeError::Unsupported),
    }
}

/// Hide a JPEG's EXIF blocks (their `Exif` identifier becomes `Xxif`), so a decoder that would
/// turn the pixels by their orientation itself (a browser's `createImageBitmap`) hands them over
/// as stored: the orientation is the core's to apply, once ([`JpegPlan::orientation`], read by
/// [`probe`] before). Only the segments before the first scan are touched.
pub fn hide_exif(jpeg: &mut [u8]) {
    let mut i = 2; // after SOI
    while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
        let marker = jpeg[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        // A stray SOI, EOI or the first scan (SOS): no more header segments.
        if matches!(marker, 0xD8..=0xDA) {
            return;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        if marker == 0xE1 && jpeg.get(i + 4..i + 9) == Some(b"Exif\0") {
            jpeg[i + 4] = b'X';
        }
        i += 2 + len;
    }
}

/// The last step of every decode: halve to `max_side`, turn upright, RGBA.
pub fn finish(
    image: DynamicImage,
    orientation: image::metadata::Orientation,
    max_side: u32,
) -> RgbaImage {
    let mut image = shrink_to(image, max_side);
    image.apply_orientation(orientation);
    image.into_rgba8()
}

/// Pixels of the JPEG `plan` describes, decoded at [`JpegPlan::scaled_size`] (by us or by a
/// browser), to the upright RGBA [`decode`] gives.
pub fn finish_jpeg(plan: &JpegPlan, image: DynamicImage, max_side: u32) -> RgbaImage {
    finish(plan.crop(image), plan.orientation, max_side)
}

/// Decode user bytes into an upright RGBA image whose long side is at most `max_side` (a sliver
/// one pixel across keeps its length: halving stops there).
pub fn decode(bytes: &[u8], max_side: u32) -> Result<RgbaImage, IntakeError> {
    let format = sniff_readable(bytes)?;
    if format == image::ImageFormat::Jpeg {
        return decode_jpeg(bytes, max_side);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // The sides are checked just below, from the same header, so that an oversized image is
    // reported as `TooLarge` with its size (the decoders would only say "limit exceeded").
    // The allocation limit stays on: nothing large is allocated before that check.
    let mut header_limits = limits();
    header_limits.max_image_width = None;
    header_limits.max_image_height = None;
    reader.limits(header_limits);
    let mut decoder = reader.into_decoder().map_err(map_image_error)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(IntakeError::ZeroSized);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(IntakeError::TooLarge { width, height });
    }
    // A broken EXIF block must not cost the user their photo: fall back to "as stored".
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(map_image_error)?;
    Ok(finish(image, orientation, max_side))
}

/// How many 2× halvings bring the long side of `width`×`height` to at most `max_side` (what
/// [`shrink_to`] would do).
fn halvings_needed(width: u32, height: u32, max_side: u32) -> u32 {
    let mut long = width.max(height);
    let mut short = width.min(height);
    let mut n = 0;
    while long > max_side && short > 1 && n < 3 {
        long /= 2;
        short /= 2;
        n += 1;
    }
    n
}

/// A JPEG, with `jpeg-decoder` (the only JPEG decoder in the app: `image`'s own, zune-jpeg,
/// cannot decode at reduced scale, and two decoders would cost a first visit ~80 KB gzipped):
/// header and limits first ([`probe`]), then the pixels at 1/2, 1/4 or 1/8 scale straight from
/// the DCT coefficients when the photo is larger than `max_side` (see [`decode_jpeg_scaled`]),
/// then [`finish_jpeg`]: box-filter halving for what is left, then the EXIF orientation.
/// [`decode`]'s JPEG path on its own (what a JPEG-only worker links: no PNG/WebP/GIF/BMP).
pub fn decode_jpeg(bytes: &[u8], max_side: u32) -> Result<RgbaImage, IntakeError> {
    let (plan, decoder) = jpeg_header(bytes, max_side)?;
    let image = scaled_pixels(decoder, plan.width, plan.height, plan.halvings)?;
    Ok(finish_jpeg(&plan, image, max_side))
}

/// A `jpeg-decoder` reading from memory.
type JpegDecoder<'a> = jpeg_decoder::Decoder<Cursor<&'a [u8]>>;

/// A JPEG's header, checked, and the decoder that read it (ready to decode the pixels).
fn jpeg_header(bytes: &[u8], max_side: u32) -> Result<(JpegPlan, JpegDecoder<'_>), IntakeError> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    decoder.read_info().map_err(map_jpeg_error)?;
    let info = decoder
        .info()
        .ok_or_else(|| IntakeError::Corrupt("no JPEG frame header".into()))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    if width == 0 || height == 0 {
        return Err(IntakeError::ZeroSized);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(IntakeError::TooLarge { width, height });
    }
    // A half-downloaded photo must be an error, not a photo with a grey bottom.
    if !jpeg_reaches_end(bytes) {
        return Err(IntakeError::Corrupt(
            "the JPEG data ends before its end-of-image marker".into(),
        ));
    }
    // A broken EXIF block must not cost the user their photo: fall back to "as stored".
    let orientation = decoder
        .exif_data()
        .and_then(image::metadata::Orientation::from_exif_chunk)
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let browser_decodable = matches!(
        info.pixel_format,
        jpeg_decoder::PixelFormat::RGB24 | jpeg_decoder::PixelFormat::L8
    ) && !info
        .coding_process
        .eq(&jpeg_decoder::CodingProcess::Lossless);
    let plan = JpegPlan {
        width,
        height,
        halvings: halvings_needed(width, height, max_side),
        orientation,
        browser_decodable,
    };
    Ok((plan, decoder))
}

/// Decode a JPEG at 1/2^`halvings` scale (at most 1/8) straight from its DCT coefficients with
/// `jpeg-decoder`'s reduced-size IDCT: entropy decoding still reads every block, but the IDCT,
/// upsampling and colour conversion run on the small image, and the full-size pixels are never
/// allocated (a 48 MP photo decodes into 9 MB instead of 144 MB). The result is as sharp as a
/// full decode plus box-filter halving (tests/scaled_decode.rs compares the two with a PSNR
/// floor). `None` if the data cannot be decoded.
pub fn decode_jpeg_scaled(
    bytes: &[u8],
    width: u32,
    height: u32,
    halvings: u32,
) -> Option<DynamicImage> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    decoder.read_info().ok()?;
    scaled_pixels(decoder, width, height, halvings).ok()
}

fn scaled_pixels(
    mut decoder: JpegDecoder<'_>,
    width: u32,
    height: u32,
    halvings: u32,
) -> Result<DynamicImage, IntakeError> {
    let halvings = halvings.min(3);
    if halvings > 0 {
        let divisor = 1u32 << halvings;
        // Sides were checked against MAX_SIDE (< 2^16) by the caller or come from the header.
        let want = |side: u32| u16::try_from(side.div_ceil(divisor)).unwrap_or(u16::MAX);
        decoder
            .scale(want(width), want(height))
            .map_err(map_jpeg_error)?;
    }
    let pixels = decoder.decode().map_err(map_jpeg_error)?;
    let info = decoder
        .info()
        .ok_or_else(|| IntakeError::Corrupt("no JPEG frame header".into()))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let short = || IntakeError::Corrupt("the JPEG decoder returned too few pixels".into());
    let image = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, pixels).ok_or_else(short)?)
        }
        jpeg_decoder::PixelFormat::L8 => {
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, pixels).ok_or_else(short)?)
        }
        jpeg_decoder::PixelFormat::L16 => {
            // Lossless 16-bit JPEG, big-endian samples.
            let samples = pixels
                .chunks_exact(2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
                .collect();
            DynamicImage::ImageLuma16(
                image::ImageBuffer::from_raw(w, h, samples).ok_or_else(short)?,
            )
        }
        jpeg_decoder::PixelFormat::CMYK32 => DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(w, h, cmyk_to_rgb(&pixels)).ok_or_else(short)?,
        ),
    };
    // The reduced IDCT rounds odd sides up, halving drops the odd last row/column: crop to what
    // halving gives, so both paths agree on size and the bound on the long side holds.
    Ok(crop_to(image, halved_size(width, height, halvings)))
}

/// `width`×`height` after `halvings` box-filter halvings (odd last rows/columns dropped; a
/// side never below 1): the size both decode paths crop to.
fn halved_size(width: u32, height: u32, halvings: u32) -> (u32, u32) {
    ((width >> halvings).max(1), (height >> halvings).max(1))
}

/// The top-left `width`×`height` of `image` if it is larger (a reduced-size decode's rounded-up
/// odd sides), else `image` as it is.
fn crop_to(image: DynamicImage, (width, height): (u32, u32)) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    if (w, h) != (width, height) && w >= width && h >= height {
        image.crop_imm(0, 0, width, height)
    } else {
        image
    }
}

/// CMYK as Adobe writes it (jpeg-decoder hands it over inverted, as stored) to RGB, the same
/// naive conversion `image` used with this decoder; there is no colour management here.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for px in cmyk.chunks_exact(4) {
        let k = 255 - u16::from(px[3]);
        for &v in &px[..3] {
            rgb.push(((255 - u16::from(v)) * k / 255) as u8);
        }
    }
    rgb
}

fn map_jpeg_error(error: jpeg_decoder::Error) -> IntakeError {
    match error {
        jpeg_decoder::Error::Unsupported(_) => IntakeError::Unsupported,
        other => IntakeError::Corrupt(other.to_string()),
    }
}

/// Whether a JPEG stream reaches its end-of-image (EOI) marker. Segments are skipped by their
/// length (so an EXIF thumbnail's own EOI does not count), entropy-coded data is scanned for the
/// next marker, and anything after EOI (phone makers append trailers) is ignored.
fn jpeg_reaches_end(bytes: &[u8]) -> bool {
    let mut i = 2; // after SOI (the sniffer checked it)
    while let Some(ff) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
    {
        i += ff;
        let Some(&marker) = bytes.get(i + 1) else {
            return false;
        };
        match marker {
            0xD9 => return true,
            // Fill byte: the marker starts at the next 0xFF.
            0xFF => i += 1,
            // Stuffed 0xFF in scan data, restart markers, TEM and a stray SOI have no length.
            0x00 | 0x01 | 0xD0..=0xD8 => i += 2,
            _ => {
                let Some(len) = bytes.get(i + 2..i + 4) else {
                    return false;
                };
                i += 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
            }
        }
    }
    false
}

fn map_image_error(error: image::ImageError) -> IntakeError {
    use image::error::ImageError as E;
    match error {
        E::Limits(_) => IntakeError::OverLimit,
        E::Unsupported(_) => IntakeError::Unsupported,
        other => IntakeError::Corrupt(other.to_string()),
    }
}

/// Halve with a 2×2 box filter until the long side is at most `max_side`. Halving keeps 8-bit
/// RGB/gray data in its own layout (a 48 MP RGB photo is 144 MB; as RGBA it would be 192 MB).
fn shrink_to(image: DynamicImage, max_side: u32) -> DynamicImage {
    use DynamicImage as D;
    let mut image = image;
    while image.width().max(image.height()) > max_side && image.width() > 1 && image.height() > 1 {
        image = match image {
            D::ImageRgb8(buf) => D::ImageRgb8(halve(&buf)),
            D::ImageRgba8(buf) => D::ImageRgba8(halve(&buf)),
            D::ImageLuma8(buf) => D::ImageLuma8(halve(&buf)),
            D::ImageLumaA8(buf) => D::ImageLumaA8(halve(&buf)),
            // 16-bit PNGs halve straight to 8 bits in their own layout, so no full-size 8-bit
            // copy is made (48 MP of 16-bit RGB is 288 MB; a full 8-bit RGBA copy adds 192 MB).
            D::ImageRgb16(buf) => D::ImageRgb8(halve_16_to_8(&buf)),
            D::ImageRgba16(buf) => D::ImageRgba8(halve_16_to_8(&buf)),
            D::ImageLuma16(buf) => D::ImageLuma8(halve_16_to_8(&buf)),
            D::ImageLumaA16(buf) => D::ImageLumaA8(halve_16_to_8(&buf)),
            other => D::ImageRgba8(halve(&other.into_rgba8())),
        };
    }
    image
}

/// One 2×2 box-filter halving step from 16-bit to 8-bit samples (`P` and `Q` have the same
/// channels; odd last rows/columns are dropped).
fn halve_16_to_8<P, Q>(src: &image::ImageBuffer<P, Vec<u16>>) -> image::ImageBuffer<Q, Vec<u8>>
where
    P: image::Pixel<Subpixel = u16>,
    Q: image::Pixel<Subpixel = u8>,
{
    let channels = usize::from(P::CHANNEL_COUNT);
    assert_eq!(channels, usize::from(Q::CHANNEL_COUNT));
    let (w, h) = (src.width() / 2, src.height() / 2);
    let src_stride = src.width() as usize * channels;
    let raw = src.as_raw();
    let mut out = vec![0u8; w as usize * h as usize * channels];
    for (y, row) in out.chunks_exact_mut(w as usize * channels).enumerate() {
        let top = &raw[2 * y * src_stride..];
        let bottom = &raw[(2 * y + 1) * src_stride..];
        for (x, px) in row.chunks_exact_mut(channels).enumerate() {
            for (c, out) in px.iter_mut().enumerate() {
                let i = 2 * x * channels + c;
                let sum = u32::from(top[i])
                    + u32::from(top[i + channels])
                    + u32::from(bottom[i])
                    + u32::from(bottom[i + channels]);
                // The mean of four samples, 65535 → 255 (257 per 8-bit step), rounded.
                *out = ((sum + 514) / 1028) as u8;
            }
        }
    }
    image::ImageBuffer::from_raw(w, h, out).expect("buffer sized for w×h pixels")
}

/// One 2×2 box-filter halving step (odd last rows/columns are dropped).
pub fn halve<P>(src: &image::ImageBuffer<P, Vec<u8>>) -> image::ImageBuffer<P, Vec<u8>>
where
    P: image::Pixel<Subpixel = u8>,
{
    let channels = usize::from(P::CHANNEL_COUNT);
    let (w, h) = (src.width() / 2, src.height() / 2);
    let src_stride = src.width() as usize * channels;
    let raw = src.as_raw();
    let mut out = vec![0u8; w as usize * h as usize * channels];
    for (y, row) in out.chunks_exact_mut(w as usize * channels).enumerate() {
        let top = &raw[2 * y * src_stride..];
        let bottom = &raw[(2 * y + 1) * src_stride..];
        for x in 0..w as usize {
            for c in 0..channels {
                let i = 2 * x * channels + c;
                let sum = u16::from(top[i])
                    + u16::from(top[i + channels])
                    + u16::from(bottom[i])
                    + u16::from(bottom[i + channels]);
                row[x * channels + c] = ((sum + 2) / 4) as u8;
            }
        }
    }
    image::ImageBuffer::from_raw(w, h, out).expect("buffer sized for w×h pixels")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an APP1 whose payload holds a thumbnail's own EOI, a progressive-style sequence of
    /// two scans (with stuffed bytes, a restart marker and a fill byte), then EOI and a trailer.
    fn jpeg_structure() -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x08, b'E', b'x', 0xFF, 0xD9, 0x00, 0x00]);
        j.extend_from_slice(&[0xFF, 0xC2, 0x00, 0x03, 0x08]);
        j.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x03, 0x01]);
        j.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0x00]);
        j.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x04, 0xFF, 0xD9]);
        j.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x03, 0x01, 0x78, 0x9A]);
        j.extend_from_slice(&[0xFF, 0xFF, 0xD9]);
        j
    }

    #[test]
    fn halving_16_bit_matches_halving_its_8_bit_version() {
        let eight = image::RgbImage::from_fn(7, 5, |x, y| {
            image::Rgb([(x * 36) as u8, (y * 60) as u8, 255])
        });
        let sixteen = DynamicImage::ImageRgb8(eight.clone()).into_rgb16();
        let halved: image::RgbImage = halve_16_to_8(&sixteen);
        assert_eq!(halved, halve(&eight));
    }

    #[test]
    fn complete_jpeg_structure_reaches_its_end() {
        let mut j = jpeg_structure();
        assert!(jpeg_reaches_end(&j));
        j.extend_from_slice(b"MPF trailer \xFF\xD8 with stray markers");
        assert!(jpeg_reaches_end(&j));
    }

    #[test]
    fn hiding_exif_renames_only_exif_blocks_and_never_panics() {
        let j = jpeg_structure(); // its own APP1 is not EXIF: left alone
        let mut exif = vec![
            0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, b'E', b'x', b'i', b'f', 0, 0,
        ];
        exif.extend_from_slice(&j[2..]);
        let mut hidden = exif.clone();
        hide_exif(&mut hidden);
        assert_eq!(&hidden[6..10], b"Xxif");
        assert_eq!(hidden[10..], exif[10..]);
        for len in 0..exif.len() {
            hide_exif(&mut exif[..len].to_vec());
        }
    }

    #[test]
    fn every_cut_jpeg_structure_is_incomplete() {
        let j = jpeg_structure();
        for len in 0..j.len() {
            assert!(!jpeg_reaches_end(&j[..len]), "cut at {len}");
        }
    }
}
