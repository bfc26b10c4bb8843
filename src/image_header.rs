//! What a PNG or JPEG header says, read without a decoder: its size and whether it can be
//! transparent. A kit's logo and a campaign's frame are checked with it wherever they come in —
//! the page included, which links no image decoder (decoding is the workers' job; linking the
//! decoders for a header check would put ~200 KB back into a first visit). JPEG sizes come from
//! `imagesize` (already in the tree through usvg), PNG's from its IHDR chunk, read here because
//! the colour type and the `tRNS` chunk are needed too.

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
        let size = imagesize::blob_size(bytes)
            .map_err(|_| HeaderError::Unreadable("no JPEG frame header"))?;
        let side = |n: usize| u32::try_from(n).map_err(|_| HeaderError::Unreadable("size"));
        Header {
            width: side(size.width)?,
            height: side(size.height)?,
            has_alpha: false,
        }
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
        let mut zero = rgba.clone();
        zero[16..20].copy_from_slice(&[0, 0, 0, 0]);
        assert_eq!(read(&zero), Err(HeaderError::ZeroSized));
    }
}
