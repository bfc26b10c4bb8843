//! What a PNG or JPEG header says, read without a decoder: its size and whether it can be
//! transparent. A kit's logo and a campaign's frame are checked with it wherever they come in —
//! the page included, which links no image decoder (decoding is the workers' job; linking the
//! decoders for a header check would put ~200 KB back into a first visit). PNG: its IHDR chunk
//! and any `tRNS` before the pixels; JPEG: its first frame header (SOFn). Written here rather
//! than taken from `imagesize` (in the tree through usvg), whose one entry point dispatches over
//! every format usvg enables and cost the page ~30 KB for the two formats a logo can be.

use thiserror::Error;

/// A header's facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    /// An alpha channel, or a PNG `tRNS` chunk (JPEG: never).
    pub has_alpha: bool,
}

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum HeaderError {
    #[error("not a PNG or JPEG")]
    Format,
    #[error("the header cannot be read: {0}")]
    Unreadable(&'static str),
    #[error("zero width or height")]
    ZeroSized,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Read a PNG's or a JPEG's header.
pub fn read(bytes: &[u8]) -> Result<Header, HeaderError> {
    let header = if bytes.starts_with(PNG_SIGNATURE) {
        png(bytes)?
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)?
    } else {
        return Err(HeaderError::Format);
    };
    if header.width == 0 || header.height == 0 {
        return Err(HeaderError::ZeroSized);
    }
    Ok(header)
}

/// The IHDR chunk (which must come first), then the chunks before the first IDAT, looking for
/// `tRNS` (transparency for a palette, grey or RGB PNG).
fn png(bytes: &[u8]) -> Result<Header, HeaderError> {
    let be32 = |at: usize| -> Result<u32, HeaderError> {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or(HeaderError::Unreadable("the PNG ends inside its header"))
    };
    if be32(8)? != 13 || bytes.get(12..16) != Some(b"IHDR") {
        return Err(HeaderError::Unreadable("the PNG does not start with IHDR"));
    }
    let (width, height) = (be32(16)?, be32(20)?);
    let colour_type = *bytes
        .get(25)
        .ok_or(HeaderError::Unreadable("the PNG ends inside its header"))?;
    // 4: grey + alpha, 6: RGBA.
    let mut has_alpha = matches!(colour_type, 4 | 6);
    // After IHDR (8 + 4 + 4 + 13 + 4 bytes): each chunk is length, type, data, CRC.
    let mut at = 33usize;
    while !has_alpha && at + 8 <= bytes.len() {
        let length = be32(at)? as usize;
        match &bytes[at + 4..at + 8] {
            b"tRNS" => has_alpha = true,
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at = at.saturating_add(12).saturating_add(length);
    }
    Ok(Header {
        width,
        height,
        has_alpha,
    })
}

/// The segments after SOI, each `FF xx` and a big-endian length that counts itself, up to the
/// first frame header: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). Its height and width
/// follow the sample precision byte.
fn jpeg(bytes: &[u8]) -> Result<Header, HeaderError> {
    const TRUNCATED: HeaderError = HeaderError::Unreadable("no JPEG frame header");
    let mut at = 2usize;
    loop {
        // Fill bytes (FF FF …) may stand before a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let segment = bytes.get(at..at + 4).ok_or(TRUNCATED)?;
        if segment[0] != 0xFF {
            return Err(TRUNCATED);
        }
        let marker = segment[1];
        let length = usize::from(u16::from_be_bytes([segment[2], segment[3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let f = bytes.get(at + 4..at + 9).ok_or(TRUNCATED)?;
            return Ok(Header {
                height: u32::from(u16::from_be_bytes([f[1], f[2]])),
                width: u32::from(u16::from_be_bytes([f[3], f[4]])),
                has_alpha: false,
            });
        }
        // The pixels (or the end) before any frame header, or a length too short to be one.
        if marker == 0xDA || marker == 0xD9 || length < 2 {
            return Err(TRUNCATED);
        }
        at += 2 + length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(image: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
        let mut bytes = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn sizes_and_alpha_are_the_encoders() {
        use image::{DynamicImage as D, ImageFormat as F};
        let rgba = encoded(D::new_rgba8(300, 200), F::Png);
        assert_eq!(
            read(&rgba),
            Ok(Header {
                width: 300,
                height: 200,
                has_alpha: true
            })
        );
        let rgb = encoded(D::new_rgb8(30, 20), F::Png);
        assert!(!read(&rgb).unwrap().has_alpha);
        let grey_alpha = encoded(D::new_luma_a8(5, 7), F::Png);
        assert_eq!(read(&grey_alpha).unwrap().width, 5);
        assert!(read(&grey_alpha).unwrap().has_alpha);
        let jpeg = encoded(D::new_rgb8(641, 479), F::Jpeg);
        assert_eq!(
            read(&jpeg),
            Ok(Header {
                width: 641,
                height: 479,
                has_alpha: false
            })
        );
    }

    #[test]
    fn a_palette_png_with_trns_can_be_transparent() {
        // A 1×1 palette PNG: IHDR (colour type 3), PLTE, tRNS, IDAT, IEND.
        let mut png = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png, 1, 1);
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(vec![0, 0, 0]);
            encoder.set_trns(vec![0]);
            encoder
                .write_header()
                .unwrap()
                .write_image_data(&[0])
                .unwrap();
        }
        assert!(read(&png).unwrap().has_alpha);
    }

    #[test]
    fn broken_headers_are_errors_never_panics() {
        assert_eq!(read(b"GIF89a"), Err(HeaderError::Format));
        assert!(matches!(
            read(PNG_SIGNATURE),
            Err(HeaderError::Unreadable(_))
        ));
        assert!(matches!(
            read(b"\x89PNG\r\n\x1a\nnot a header at all, really"),
            Err(HeaderError::Unreadable(_))
        ));
        assert!(matches!(
            read(&[0xFF, 0xD8, 0xFF]),
            Err(HeaderError::Unreadable(_))
        ));
        let rgba = encoded(
            image::DynamicImage::new_rgba8(3, 3),
            image::ImageFormat::Png,
        );
        for end in 0..rgba.len() {
            let _ = read(&rgba[..end]);
        }
        let jpeg = encoded(
            image::DynamicImage::new_rgb8(9, 9),
            image::ImageFormat::Jpeg,
        );
        for end in 0..jpeg.len() {
            let _ = read(&jpeg[..end]);
        }
        // Pixels before any frame header; a segment whose length cannot be one.
        assert!(read(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 8, 1, 2, 3, 4, 5, 6]).is_err());
        assert!(read(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xE0, 0, 0]).is_err());
        // Fill bytes before a marker, and a baseline frame header after an APP segment.
        let mut by_hand = vec![0xFF, 0xD8, 0xFF, 0xFF, 0xE1, 0, 4, 0xAB, 0xCD];
        by_hand.extend([0xFF, 0xC0, 0, 11, 8, 0x01, 0x2C, 0x02, 0x58, 3]);
        assert_eq!(
            read(&by_hand),
            Ok(Header {
                width: 600,
                height: 300,
                has_alpha: false
            })
        );
        let mut zero = rgba.clone();
        zero[16..20].copy_from_slice(&[0, 0, 0, 0]);
        assert_eq!(read(&zero), Err(HeaderError::ZeroSized));
    }
}
