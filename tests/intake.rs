//! Intake through the public API: sniffing, refusal of unreadable containers, truncated files,
//! oversized headers (refused before pixels are allocated) and downscaling of large photos.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use campaign_kit::i18n::Lang;
use campaign_kit::intake::{self, IntakeError, MAX_WORKING_SIDE};
use campaign_kit::photo::Photo;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};

const CHELSEA: &[u8] = include_bytes!("fixtures/chelsea.jpg");

// ---------------------------------------------------------------------------------------------
// A global allocator that remembers, per thread, the largest single allocation requested. It
// lets the oversized-header test prove that no huge pixel buffer was even asked for.

struct Tracking;

thread_local! {
    static LARGEST_ALLOC: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    // `try_with` fails only while the thread is being torn down; nothing to record then.
    let _ = LARGEST_ALLOC.try_with(|largest| largest.set(largest.get().max(size)));
}

unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Tracking = Tracking;

// ---------------------------------------------------------------------------------------------

fn decode(bytes: &[u8]) -> Result<image::RgbaImage, IntakeError> {
    intake::decode(bytes, 4096)
}

#[test]
fn empty_bytes_are_empty() {
    assert_eq!(decode(b"").unwrap_err(), IntakeError::Empty);
}

#[test]
fn pdf_is_refused_as_pdf() {
    let pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    assert_eq!(decode(pdf).unwrap_err(), IntakeError::Pdf);
}

fn ftyp(brand: &[u8; 4]) -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftyp");
    bytes.extend_from_slice(brand);
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    bytes.extend_from_slice(b"mif1");
    bytes.extend_from_slice(brand);
    bytes.resize(256, 0);
    bytes
}

#[test]
fn avif_is_refused_as_avif() {
    assert_eq!(decode(&ftyp(b"avif")).unwrap_err(), IntakeError::Avif);
}

#[test]
fn heic_is_refused_as_heic() {
    assert_eq!(decode(&ftyp(b"heic")).unwrap_err(), IntakeError::Heic);
}

#[test]
fn svg_is_refused_as_svg() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>"#;
    assert_eq!(decode(svg).unwrap_err(), IntakeError::Svg);
    let with_prolog =
        b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    assert_eq!(decode(with_prolog).unwrap_err(), IntakeError::Svg);
}

#[test]
fn random_text_is_unsupported() {
    let text = b"Dear colleagues, please find attached the campaign photo.\n";
    assert_eq!(decode(text).unwrap_err(), IntakeError::Unsupported);
}

/// Decodes `bytes[..len]` for every `len` at `stride` (and the last few lengths): a panic fails
/// the test with the prefix length that caused it. Returns the lengths that decoded without error.
fn no_panic_on_prefixes(name: &str, bytes: &[u8], stride: usize) -> Vec<usize> {
    let tail = bytes.len().saturating_sub(3)..bytes.len();
    let mut decoded = Vec::new();
    for len in (0..bytes.len()).step_by(stride).chain(tail) {
        let result = catch_unwind(AssertUnwindSafe(|| decode(&bytes[..len])));
        match result {
            Ok(Ok(image)) => {
                assert!(image.width() > 0 && image.height() > 0);
                decoded.push(len);
            }
            Ok(Err(error)) => assert!(!error.message(Lang::En).is_empty()),
            Err(_) => panic!(
                "{name}: decoding the first {len} of {} bytes panicked",
                bytes.len()
            ),
        }
    }
    decoded
}

#[test]
fn jpeg_prefixes_never_panic() {
    let decoded = no_panic_on_prefixes("chelsea.jpg", CHELSEA, 97);
    // A cut-off JPEG is an error (the decoder alone would fill the missing part with grey).
    assert_eq!(
        decoded,
        Vec::<usize>::new(),
        "truncated JPEG prefixes decoded"
    );
    // The complete file must decode, of course.
    assert!(decode(CHELSEA).is_ok());
}

#[test]
fn png_prefixes_never_panic() {
    let image = image::RgbaImage::from_fn(40, 30, |x, y| {
        image::Rgba([(x * 6) as u8, (y * 8) as u8, ((x + y) * 3) as u8, 200])
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(Cursor::new(&mut png))
        .write_image(image.as_raw(), 40, 30, image::ExtendedColorType::Rgba8)
        .unwrap();
    let decoded = no_panic_on_prefixes("generated.png", &png, 7);
    // Only a file cut inside the closing IEND chunk may still decode: its pixels are complete.
    let iend = png.len() - 12;
    for len in decoded {
        assert!(len >= iend, "a PNG cut at {len} of {} decoded", png.len());
        assert_eq!(decode(&png[..len]).unwrap(), image);
    }
    assert_eq!(decode(&png).unwrap(), image);
}

/// A CRC-32 (ISO-HDLC, as PNG uses) computed bit by bit; fast enough for a few chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A well-formed PNG header for a `width`×`height` 8-bit grayscale image, whose IDAT holds only
/// one row's worth of a tiny stored zlib stream (the decoder must refuse before it gets there).
fn huge_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // depth 8, grayscale, deflate, filter 0, no interlace
    png_chunk(&mut png, b"IHDR", &ihdr);
    // zlib header, one final stored block with a single 0 byte, Adler-32 of [0].
    let zlib = [
        0x78, 0x01, 0x01, 0x01, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x01, 0x00, 0x01,
    ];
    png_chunk(&mut png, b"IDAT", &zlib);
    png_chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn crc32_matches_the_png_iend_constant() {
    // Every PNG ends with IEND and this CRC; it checks our helper against the spec.
    assert_eq!(crc32(b"IEND"), 0xAE42_6082);
}

#[test]
fn allocation_tracker_sees_large_blocks() {
    LARGEST_ALLOC.with(|largest| largest.set(0));
    let block = std::hint::black_box(vec![0u8; 32 << 20]);
    drop(block);
    assert!(LARGEST_ALLOC.with(Cell::get) >= 32 << 20);
}

#[test]
fn huge_png_header_is_refused_quickly_without_allocating() {
    let png = huge_png(30_000, 30_000);
    LARGEST_ALLOC.with(|largest| largest.set(0));
    let start = Instant::now();
    let result = decode(&png);
    let elapsed = start.elapsed();
    let largest = LARGEST_ALLOC.with(Cell::get);
    match result {
        Err(IntakeError::TooLarge {
            width: 30_000,
            height: 30_000,
        })
        | Err(IntakeError::OverLimit) => {}
        other => panic!("expected TooLarge or OverLimit, got {other:?}"),
    }
    assert!(
        elapsed < Duration::from_secs(1),
        "refusing a header took {elapsed:?}"
    );
    assert!(
        largest < 16 << 20,
        "refusing a header allocated a {largest}-byte block"
    );
}

#[test]
fn header_over_the_pixel_count_is_too_large() {
    // Each side is allowed (≤ 16 384) but the product is 256 MP, over the 100 MP limit.
    let png = huge_png(16_000, 16_000);
    LARGEST_ALLOC.with(|largest| largest.set(0));
    let result = decode(&png);
    let largest = LARGEST_ALLOC.with(Cell::get);
    assert!(
        matches!(
            result,
            Err(IntakeError::TooLarge { .. }) | Err(IntakeError::OverLimit)
        ),
        "got {result:?}"
    );
    assert!(largest < 16 << 20, "allocated a {largest}-byte block");
}

#[test]
fn large_jpeg_is_shrunk_to_the_working_size() {
    let (w, h) = (5000u32, 4000u32);
    let image = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x / 20) as u8, (y / 16) as u8, ((x + y) / 36) as u8])
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut jpeg), 80)
        .write_image(image.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    drop(image);
    let photo = Photo::decode(&jpeg).expect("a 20 MP JPEG is within limits");
    let long = photo.width().max(photo.height());
    assert!(long <= MAX_WORKING_SIDE, "long side {long}");
    // Halving keeps the aspect ratio: 5000×4000 → 2500×2000.
    assert_eq!((photo.width(), photo.height()), (2500, 2000));
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    let all = [
        IntakeError::Empty,
        IntakeError::Heic,
        IntakeError::Avif,
        IntakeError::Pdf,
        IntakeError::Svg,
        IntakeError::Unsupported,
        IntakeError::TooLarge {
            width: 30_000,
            height: 20_000,
        },
        IntakeError::OverLimit,
        IntakeError::ZeroSized,
        IntakeError::Corrupt("unexpected end of file".into()),
    ];
    for error in &all {
        let id = error.message(Lang::Id);
        let en = error.message(Lang::En);
        assert!(!id.trim().is_empty(), "{error:?} has no Indonesian message");
        assert!(!en.trim().is_empty(), "{error:?} has no English message");
        assert_ne!(id, en, "{error:?} has the same message in both languages");
        assert!(
            !id.contains('\n') && !en.contains('\n'),
            "{error:?}: one line"
        );
        assert!(!error.to_string().is_empty());
    }
    // Different kinds tell the user different things.
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a.message(Lang::En), b.message(Lang::En), "{a:?} vs {b:?}");
        }
    }
}

/// Damaged JPEGs, as a bad download or a broken card reader leaves them: a few bytes changed
/// in real files (baseline, progressive, 4:4:4, grey, CMYK, YCCK), decoded at full size and at
/// the reduced DCT scales. Deterministic (xorshift), so a failure names a reproducible case.
/// Every one must be an image or a typed error with a message — never a panic.
#[test]
fn damaged_jpegs_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in [
        "chelsea.jpg",
        "corpus/baseline-420.jpg",
        "corpus/progressive.jpg",
        "corpus/yuv444.jpg",
        "corpus/gray.jpg",
        "corpus/cmyk.jpg",
        "corpus/ycck.jpg",
    ] {
        let original = std::fs::read(format!("{dir}{name}")).unwrap();
        for case in 0..150 {
            let mut bytes = original.clone();
            // Keep SOI so the file is still sniffed as a JPEG; change 1–8 bytes anywhere else.
            for _ in 0..=(next() % 8) {
                let at = 2 + (next() as usize) % (bytes.len() - 2);
                bytes[at] = next() as u8;
            }
            for max_side in [4096, 64, 16] {
                let result = catch_unwind(AssertUnwindSafe(|| intake::decode(&bytes, max_side)));
                match result {
                    // Within the bound, or a sliver one pixel across that halving cannot shrink.
                    Ok(Ok(image)) => assert!(
                        image.width().max(image.height()) <= max_side
                            || image.width().min(image.height()) == 1,
                        "{name}, case {case}, max side {max_side}: {:?}",
                        image.dimensions()
                    ),
                    Ok(Err(error)) => assert!(!error.message(Lang::Id).is_empty()),
                    Err(_) => panic!("{name}, case {case}, max side {max_side}: panicked"),
                }
            }
        }
    }
}
