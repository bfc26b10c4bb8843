//! The golden-image check of `tests/golden.rs`, shared by the poster goldens: the same
//! tolerances, the same `REGENERATE=1` switch, failures written to `target/golden-failures/`.
//! (A copy, so tests/golden.rs stays as it is; keep the two in step.)
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use image::{Rgba, RgbaImage};

// Tolerances. Renders are deterministic on one machine, but anti-aliasing, SIMD paths and float
// rounding may differ slightly between CPUs and compiler versions, so small differences pass:
/// A pixel "differs" when any channel differs by more than this.
const CHANNEL_TOLERANCE: u8 = 8;
/// The test fails when more than this fraction of pixels differ (0.1%).
const MAX_DIFFERING_FRACTION: f64 = 0.001;
/// ...or when the mean absolute difference over all channels of all pixels exceeds this.
const MAX_MEAN_ABS_DIFF: f64 = 0.5;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_path(name: &str) -> PathBuf {
    manifest_dir()
        .join("tests/golden")
        .join(format!("{name}.png"))
}

/// `target/golden-failures/`: the target directory is the first ancestor of this test binary
/// holding cargo's `CACHEDIR.TAG` (so `CARGO_TARGET_DIR` is respected).
fn failure_dir() -> PathBuf {
    let target = std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|dir| dir.join("CACHEDIR.TAG").is_file())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| manifest_dir().join("target"));
    target.join("golden-failures")
}

fn regenerate() -> bool {
    std::env::var_os("REGENERATE").is_some_and(|v| !v.is_empty() && v != "0")
}

fn save_png(image: &RgbaImage, path: &Path) {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    use image::ImageEncoder;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(path)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
    let encoder = PngEncoder::new_with_quality(
        std::io::BufWriter::new(file),
        CompressionType::Best,
        FilterType::Adaptive,
    );
    // Renders are opaque; store RGB to keep the files small.
    if image.pixels().all(|p| p[3] == 255) {
        let rgb = image::DynamicImage::ImageRgba8(image.clone()).into_rgb8();
        encoder
            .write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
    } else {
        encoder
            .write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgba8,
            )
            .unwrap();
    }
}

struct Comparison {
    differing: usize,
    mean_abs_diff: f64,
    max_diff: u8,
    diff: RgbaImage,
}

/// Compares two same-sized images. The diff image shows the expected image faded to grey, with
/// differing pixels in red (brighter for larger differences).
fn compare(actual: &RgbaImage, expected: &RgbaImage) -> Comparison {
    let mut differing = 0;
    let mut total: u64 = 0;
    let mut max_diff = 0u8;
    let mut diff = RgbaImage::new(actual.width(), actual.height());
    for ((a, e), d) in actual
        .pixels()
        .zip(expected.pixels())
        .zip(diff.pixels_mut())
    {
        let pixel_max = (0..4).map(|c| a[c].abs_diff(e[c])).max().unwrap();
        total += (0..4).map(|c| u64::from(a[c].abs_diff(e[c]))).sum::<u64>();
        max_diff = max_diff.max(pixel_max);
        *d = if pixel_max > CHANNEL_TOLERANCE {
            differing += 1;
            Rgba([128 + pixel_max / 2, 0, 0, 255])
        } else {
            let luma = (u16::from(e[0]) * 3 + u16::from(e[1]) * 6 + u16::from(e[2])) / 10;
            let faded = (192 + luma / 4) as u8;
            Rgba([faded, faded, faded, 255])
        };
    }
    let samples = actual.as_raw().len().max(1) as f64;
    Comparison {
        differing,
        mean_abs_diff: total as f64 / samples,
        max_diff,
        diff,
    }
}

/// Compares `actual` with `tests/golden/<name>.png`, or rewrites that file under REGENERATE=1.
pub fn check(name: &str, actual: &RgbaImage) {
    let path = golden_path(name);
    if regenerate() {
        save_png(actual, &path);
        eprintln!("golden: wrote {}", path.display());
        return;
    }
    if !path.is_file() {
        panic!(
            "golden image {} is missing; run `REGENERATE=1 cargo test --test golden` to create \
             it, look at it, and commit it",
            path.display()
        );
    }
    let expected = image::open(&path)
        .unwrap_or_else(|e| panic!("cannot read golden image {}: {e}", path.display()))
        .into_rgba8();
    let failures = failure_dir();
    let actual_path = failures.join(format!("{name}.actual.png"));
    let diff_path = failures.join(format!("{name}.diff.png"));
    if actual.dimensions() != expected.dimensions() {
        save_png(actual, &actual_path);
        panic!(
            "{name}: rendered {:?} but the golden image is {:?}\n  actual: {}\n  \
             expected: {}\n  (if the change is intended, rerun with REGENERATE=1)",
            actual.dimensions(),
            expected.dimensions(),
            actual_path.display(),
            path.display()
        );
    }
    let result = compare(actual, &expected);
    let pixels = (actual.width() * actual.height()) as f64;
    let fraction = result.differing as f64 / pixels;
    if fraction > MAX_DIFFERING_FRACTION || result.mean_abs_diff > MAX_MEAN_ABS_DIFF {
        save_png(actual, &actual_path);
        save_png(&result.diff, &diff_path);
        panic!(
            "{name}: differs from its golden image: {} pixels ({:.3}%, limit {:.3}%) differ by more \
             than {CHANNEL_TOLERANCE}; mean abs diff {:.3} (limit {MAX_MEAN_ABS_DIFF}); max \
             channel diff {}\n  actual:   {}\n  diff:     {}\n  expected: {}\n  (if the \
             change is intended, rerun with REGENERATE=1 and review the new images)",
            result.differing,
            fraction * 100.0,
            MAX_DIFFERING_FRACTION * 100.0,
            result.mean_abs_diff,
            result.max_diff,
            actual_path.display(),
            diff_path.display(),
            path.display()
        );
    }
    // A passing run removes stale failure files for this image.
    let _ = std::fs::remove_file(actual_path);
    let _ = std::fs::remove_file(diff_path);
}
