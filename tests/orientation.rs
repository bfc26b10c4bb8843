//! All eight EXIF orientations: a camera stores the pixels turned and/or mirrored and says so in
//! EXIF tag 0x0112; intake must hand back the upright picture.

use std::io::Cursor;

use campaign_kit::intake;
use campaign_kit::photo::Photo;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageEncoder, Rgb, RgbImage, RgbaImage};

const W: u32 = 64;
const H: u32 = 48;
/// Largest per-channel difference accepted at a quadrant's centre (JPEG at quality 95).
const TOLERANCE: i32 = 40;

const RED: [u8; 3] = [230, 20, 20];
const GREEN: [u8; 3] = [20, 200, 40];
const BLUE: [u8; 3] = [20, 40, 230];
const YELLOW: [u8; 3] = [240, 220, 20];

/// Upright test picture: red top-left, green top-right, blue bottom-left, yellow bottom-right.
fn upright() -> RgbImage {
    RgbImage::from_fn(W, H, |x, y| {
        Rgb(match (x < W / 2, y < H / 2) {
            (true, true) => RED,
            (false, true) => GREEN,
            (true, false) => BLUE,
            (false, false) => YELLOW,
        })
    })
}

/// The transform that undoes orientation `o` (rotations by 90° swap; the rest are involutions).
fn inverse(o: u8) -> u8 {
    match o {
        6 => 8,
        8 => 6,
        other => other,
    }
}

/// The pixels a camera would store for orientation `o`, so that applying `o` shows `upright()`.
fn stored(o: u8) -> RgbImage {
    let mut image = DynamicImage::ImageRgb8(upright());
    image.apply_orientation(Orientation::from_exif(inverse(o)).expect("1..=8"));
    image.into_rgb8()
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut out), 95)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// An APP1 "Exif" segment: a little-endian TIFF header and IFD0 with one entry, Orientation.
fn exif_app1(orientation: u8) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II");
    tiff.extend_from_slice(&42u16.to_le_bytes());
    tiff.extend_from_slice(&8u32.to_le_bytes()); // IFD0 right after this header
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes()); // count
    tiff.extend_from_slice(&u16::from(orientation).to_le_bytes());
    tiff.extend_from_slice(&[0, 0]); // value field padding
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD

    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// A JPEG of `stored(o)` carrying orientation `o` in an APP1 segment right after SOI.
fn oriented_jpeg(o: u8) -> Vec<u8> {
    let plain = jpeg(&stored(o));
    assert_eq!(&plain[..2], &[0xFF, 0xD8], "JPEG starts with SOI");
    let mut bytes = plain[..2].to_vec();
    bytes.extend_from_slice(&exif_app1(o));
    bytes.extend_from_slice(&plain[2..]);
    bytes
}

/// Checks size and each quadrant's centre colour of a decoded image.
fn assert_upright(image: &RgbaImage, what: &str) {
    assert_eq!(image.dimensions(), (W, H), "{what}: not upright");
    let quadrants = [
        ("top-left", W / 4, H / 4, RED),
        ("top-right", 3 * W / 4, H / 4, GREEN),
        ("bottom-left", W / 4, 3 * H / 4, BLUE),
        ("bottom-right", 3 * W / 4, 3 * H / 4, YELLOW),
    ];
    for (name, x, y, want) in quadrants {
        let got = image.get_pixel(x, y).0;
        let close = (0..3).all(|c| (i32::from(got[c]) - i32::from(want[c])).abs() <= TOLERANCE);
        assert!(
            close,
            "{what}: {name} centre is {got:?}, want about {want:?}"
        );
        assert_eq!(got[3], 255, "{what}: {name} is not opaque");
    }
}

#[test]
fn stored_pixels_are_really_transformed() {
    // Guards the test itself: orientations 5–8 store a portrait, and 2–8 differ from upright.
    for o in 1..=8u8 {
        let s = stored(o);
        let expected = if o >= 5 { (H, W) } else { (W, H) };
        assert_eq!(s.dimensions(), expected, "orientation {o}");
        if o > 1 {
            assert_ne!(s, upright(), "orientation {o}");
        }
    }
}

#[test]
fn every_exif_orientation_decodes_upright() {
    for o in 1..=8u8 {
        let bytes = oriented_jpeg(o);
        let image = intake::decode(&bytes, 4096).unwrap_or_else(|e| panic!("orientation {o}: {e}"));
        assert_upright(&image, &format!("JPEG with EXIF orientation {o}"));
    }
}

/// The photo worker's path: the core's probe, a decode at the plan's scale (a browser's, there),
/// the core's finish — the orientation comes from the probe and is applied once, by finish.
#[test]
fn every_exif_orientation_is_upright_through_probe_and_finish() {
    for o in 1..=8u8 {
        let bytes = oriented_jpeg(o);
        let Ok(intake::Probe::Jpeg(plan)) = intake::probe(&bytes, 4096) else {
            panic!("orientation {o}: not a JPEG plan");
        };
        assert_eq!(plan.orientation, Orientation::from_exif(o).expect("1..=8"));
        let stored = intake::decode_jpeg_scaled(&bytes, plan.width, plan.height, plan.halvings)
            .expect("decodes");
        let image = intake::finish_jpeg(&plan, stored, 4096);
        assert_upright(&image, &format!("probe + finish, EXIF orientation {o}"));
    }
}

/// What the photo worker hands `createImageBitmap`: the same JPEG with its EXIF hidden, so the
/// browser gives the stored pixels and the core turns them, once.
#[test]
fn hidden_exif_gives_the_stored_pixels_and_nothing_else_changes() {
    for o in 1..=8u8 {
        let bytes = oriented_jpeg(o);
        let mut hidden = bytes.clone();
        intake::hide_exif(&mut hidden);
        assert_eq!(hidden.len(), bytes.len());
        let Ok(intake::Probe::Jpeg(plan)) = intake::probe(&hidden, 4096) else {
            panic!("orientation {o}: not a JPEG plan");
        };
        assert_eq!(
            plan.orientation,
            Orientation::NoTransforms,
            "orientation {o}"
        );
        let as_stored = intake::decode(&hidden, 4096).expect("decodes");
        let mut turned = image::DynamicImage::ImageRgba8(as_stored);
        turned.apply_orientation(Orientation::from_exif(o).expect("1..=8"));
        assert_upright(
            &turned.into_rgba8(),
            &format!("hidden EXIF {o}, turned after"),
        );
    }
}

#[test]
fn every_exif_orientation_is_upright_through_photo_decode() {
    for o in 1..=8u8 {
        let photo =
            Photo::decode(&oriented_jpeg(o)).unwrap_or_else(|e| panic!("orientation {o}: {e}"));
        assert_eq!(
            (photo.width(), photo.height()),
            (W, H),
            "Photo::decode, orientation {o}"
        );
    }
}

#[test]
fn jpeg_without_exif_is_taken_as_stored() {
    let image = intake::decode(&jpeg(&upright()), 4096).unwrap();
    assert_upright(&image, "JPEG without EXIF");
}

#[test]
fn png_without_exif_is_taken_as_stored() {
    let picture = upright();
    let mut png = Vec::new();
    PngEncoder::new(Cursor::new(&mut png))
        .write_image(picture.as_raw(), W, H, ExtendedColorType::Rgb8)
        .unwrap();
    let image = intake::decode(&png, 4096).unwrap();
    assert_upright(&image, "PNG");
    // PNG is lossless: every pixel survives exactly.
    assert_eq!(image, DynamicImage::ImageRgb8(picture).into_rgba8());
    let photo = Photo::decode(&png).unwrap();
    assert_eq!((photo.width(), photo.height()), (W, H));
}
