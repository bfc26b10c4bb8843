//! Golden images: each built-in frame rendered with a fixture photo, without a photo (the
//! placeholder), with a non-default photo transform, and the user-frame template with a
//! generated overlay. Expected images live in `tests/golden/<name>.png`.
//!
//! Run with `REGENERATE=1 cargo test --test golden` to rewrite them after an intended change,
//! then look at the new files before committing them. The tolerance (by tiles) is in
//! tests/support/golden_check.rs.

mod support;

use std::path::Path;
use std::sync::OnceLock;

use campaign_kit::photo::Photo;
use campaign_kit::render::{render, Inputs, PhotoTransform};
use campaign_kit::template::{builtin_frames, frame_by_id, Template};
use image::{Rgba, RgbaImage};
use support::golden_check::check;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn astronaut() -> &'static Photo {
    static PHOTO: OnceLock<Photo> = OnceLock::new();
    PHOTO.get_or_init(|| {
        let bytes = std::fs::read(manifest_dir().join("tests/fixtures/astronaut.jpg")).unwrap();
        Photo::decode(&bytes).expect("fixture decodes")
    })
}

fn frame(id: &str) -> &'static Template {
    frame_by_id(id).unwrap_or_else(|| panic!("built-in frame {id} is missing"))
}

fn with_photo(transform: PhotoTransform) -> Inputs<'static> {
    Inputs {
        photo: Some(astronaut()),
        transform,
        ..Inputs::default()
    }
}

#[test]
fn golden_set_covers_every_builtin_frame() {
    // The per-frame tests below name frames explicitly (one test each, so they run in parallel
    // and fail separately); a new frame must get its own golden tests.
    let ids: Vec<&str> = builtin_frames().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["lingkar-oranye", "pita-biru", "merah-putih"]);
}

fn photo_golden(id: &str) {
    let image = render(frame(id), &with_photo(PhotoTransform::default()), 1080).unwrap();
    check(&format!("{id}-photo-1080"), &image);
}

fn placeholder_golden(id: &str) {
    let image = render(frame(id), &Inputs::default(), 540).unwrap();
    check(&format!("{id}-placeholder-540"), &image);
}

#[test]
fn lingkar_oranye_photo() {
    photo_golden("lingkar-oranye");
}

#[test]
fn pita_biru_photo() {
    photo_golden("pita-biru");
}

#[test]
fn merah_putih_photo() {
    photo_golden("merah-putih");
}

#[test]
fn lingkar_oranye_placeholder() {
    placeholder_golden("lingkar-oranye");
}

#[test]
fn pita_biru_placeholder() {
    placeholder_golden("pita-biru");
}

#[test]
fn merah_putih_placeholder() {
    placeholder_golden("merah-putih");
}

#[test]
fn zoomed_panned_rotated_photo() {
    let transform = PhotoTransform {
        zoom: 1.5,
        offset_x: 0.08,
        offset_y: -0.05,
        rotate: 15.0,
    };
    let image = render(frame("lingkar-oranye"), &with_photo(transform), 1080).unwrap();
    check("lingkar-oranye-transformed-1080", &image);
}

/// A 720×720 frame PNG as a user would make it: a teal border with a gold band at the bottom
/// and a round transparent hole (with a soft, anti-aliased edge) where the photo shows through.
fn user_overlay() -> RgbaImage {
    let size = 720u32;
    let (cx, cy, r) = (360.0f32, 330.0f32, 250.0f32);
    RgbaImage::from_fn(size, size, |x, y| {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        let distance = ((fx - cx).powi(2) + (fy - cy).powi(2)).sqrt();
        // 0 inside the hole, 1 outside, a 3-px ramp across the edge.
        let coverage = ((distance - r) / 3.0 + 0.5).clamp(0.0, 1.0);
        let base = if y >= 620 {
            [0xF2, 0xB7, 0x05]
        } else if (x / 40 + y / 40) % 2 == 0 {
            [0x00, 0x6D, 0x77]
        } else {
            [0x00, 0x83, 0x8F]
        };
        Rgba([base[0], base[1], base[2], (coverage * 255.0).round() as u8])
    })
}

#[test]
fn user_frame_with_overlay() {
    let overlay = Photo::from_rgba(user_overlay());
    let inputs = Inputs {
        photo: Some(astronaut()),
        transform: PhotoTransform::default(),
        frame: Some(&overlay),
        ..Inputs::default()
    };
    let image = render(&Template::user_frame(), &inputs, 1080).unwrap();
    check("bingkai-sendiri-overlay-1080", &image);
}
