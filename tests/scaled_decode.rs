//! A JPEG decoded at reduced scale straight from its DCT (src/intake.rs) must look like the full
//! decode followed by box-filter halving, and must never be blurrier.
//!
//! Floor and why: the two paths low-pass with different filters (the truncated IDCT keeps the
//! block's lowest frequencies exactly; a 2×2 box averages in the pixel domain) and round at
//! different points, so they cannot match bit for bit. Measured (printed by the test): 32.9–42.1 dB
//! on the real photos and 35–37 dB on the small synthetic corpus files.
//! The floor is 30 dB; the test also checks that the same photo shifted by one pixel falls
//! under it, so the floor does catch a misplaced, mis-scaled or miscoloured decode. Sharpness (mean absolute Laplacian of luma)
//! must be at least 95% of the full path's: "no blurrier", with 5% for rounding.

use campaign_kit::intake;
use image::{GrayImage, RgbaImage};

const FLOOR_DB: f64 = 30.0;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The reference: full decode, then `halvings` 2×2 box-filter steps.
fn full_then_halved(bytes: &[u8], halvings: u32) -> RgbaImage {
    let mut image = image::load_from_memory(bytes).unwrap().into_rgba8();
    for _ in 0..halvings {
        image = intake::halve(&image);
    }
    image
}

fn psnr(a: &RgbaImage, b: &RgbaImage) -> f64 {
    let (w, h) = a.dimensions();
    let mut sum = 0.0f64;
    for y in 0..h {
        for x in 0..w {
            let (p, q) = (a.get_pixel(x, y).0, b.get_pixel(x, y).0);
            for c in 0..3 {
                let d = f64::from(p[c]) - f64::from(q[c]);
                sum += d * d;
            }
        }
    }
    let mse = sum / f64::from(w * h * 3);
    10.0 * (255.0f64 * 255.0 / mse.max(1e-9)).log10()
}

fn sharpness(image: &RgbaImage) -> f64 {
    let (w, h) = image.dimensions();
    let luma: GrayImage = image::DynamicImage::ImageRgba8(image.clone()).into_luma8();
    let at = |x: u32, y: u32| f64::from(luma.get_pixel(x, y).0[0]);
    let mut sum = 0.0;
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            sum +=
                (4.0 * at(x, y) - at(x - 1, y) - at(x + 1, y) - at(x, y - 1) - at(x, y + 1)).abs();
        }
    }
    sum / f64::from((w - 2) * (h - 2))
}

fn compare(name: &str, bytes: &[u8]) {
    let (w, h) = image::load_from_memory(bytes)
        .unwrap()
        .into_rgba8()
        .dimensions();
    // Outputs under 48 px are thumbnails of thumbnails (ours never go below 1080): skip them.
    for halvings in (1..=3u32).filter(|k| w.max(h) >> k >= 48) {
        // A bound just under the halved long side makes intake take exactly `halvings` steps.
        let max_side = w.max(h) >> halvings;
        let scaled = intake::decode(bytes, max_side).unwrap();
        let reference = full_then_halved(bytes, halvings);
        // The same size as halving gives (intake crops the DCT path's rounded-up odd sides).
        assert_eq!(
            scaled.dimensions(),
            reference.dimensions(),
            "{name} 1/{}",
            1 << halvings
        );
        let db = psnr(&scaled, &reference);
        let (s, r) = (sharpness(&scaled), sharpness(&reference));
        println!(
            "{name} 1/{}: {}×{} PSNR {db:.1} dB, sharpness {s:.2} vs full path {r:.2}",
            1 << halvings,
            scaled.width(),
            scaled.height()
        );
        assert!(
            db >= FLOOR_DB,
            "{name} at 1/{}: PSNR {db:.1} dB < {FLOOR_DB} dB",
            1 << halvings
        );
        assert!(
            s >= 0.95 * r,
            "{name} at 1/{}: blurrier than full decode + halving ({s:.2} < 0.95 × {r:.2})",
            1 << halvings
        );
    }
}

#[test]
fn scaled_decode_matches_full_decode_and_halving() {
    for name in [
        "astronaut.jpg",
        "chelsea.jpg",
        "coffee.jpg",
        "corpus/progressive.jpg",
        "corpus/yuv444.jpg",
        "corpus/gray.jpg",
        "corpus/baseline-420.jpg",
    ] {
        compare(name, &fixture(name));
    }
}

/// The floor is not loose: the full path against itself moved by one pixel fails it.
#[test]
fn one_pixel_shift_fails_the_floor() {
    for name in ["astronaut.jpg", "chelsea.jpg", "coffee.jpg"] {
        let reference = full_then_halved(&fixture(name), 1);
        let (w, h) = reference.dimensions();
        let shifted = image::imageops::crop_imm(&reference, 1, 0, w - 1, h).to_image();
        let cut = image::imageops::crop_imm(&reference, 0, 0, w - 1, h).to_image();
        let db = psnr(&shifted, &cut);
        println!("{name}: shifted by one pixel, PSNR {db:.1} dB");
        assert!(db < FLOOR_DB, "{name}: a one-pixel shift scores {db:.1} dB");
    }
}

/// The scaled path really is taken (not silently the fallback) and the result is the size
/// halving would give: a large baseline JPEG decodes straight to ≤ the working side.
#[test]
fn scaled_path_is_used_for_large_jpegs() {
    let bytes = fixture("astronaut.jpg");
    let direct = intake::decode_jpeg_scaled(&bytes, 512, 512, 2).expect("baseline RGB JPEG scales");
    assert_eq!((direct.width(), direct.height()), (128, 128));
}

/// CMYK photos scale too (converted to RGB after the reduced IDCT), and look like the full path.
#[test]
fn cmyk_scales_too() {
    let bytes = fixture("corpus/cmyk.jpg");
    let (w, h) = image::load_from_memory(&bytes)
        .unwrap()
        .into_rgba8()
        .dimensions();
    let scaled = intake::decode(&bytes, w.max(h) / 2).unwrap();
    let reference = full_then_halved(&bytes, 1);
    assert_eq!(scaled.dimensions(), reference.dimensions());
    let db = psnr(&scaled, &reference);
    println!("corpus/cmyk.jpg 1/2: PSNR {db:.1} dB");
    assert!(db >= FLOOR_DB, "cmyk.jpg at 1/2: PSNR {db:.1} dB");
}
