//! The golden-image check shared by every golden test (twibbon frames, posters, pledge cards):
//! one tolerance by tiles, one `REGENERATE=1` switch, failures written to
//! `target/golden-failures/` (the actual image and a diff with the failing tiles outlined).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use image::{Rgba, RgbaImage};

// Tolerance, by tiles. Renders are deterministic on one machine, but anti-aliasing, SIMD paths
// and float rounding may differ slightly between CPUs and compiler versions: that noise is
// spread thinly along edges. A wrong digit or word is the opposite: many large differences packed
// into a few tiles. So the image is cut into TILE×TILE squares and the check fails when any
// square's mean absolute difference (over its pixels and RGBA channels) exceeds TILE_MEAN_LIMIT.
// tests/golden_metric.rs proves both halves: an erased NIP digit group, word or date digit fails,
// simulated rounding noise and a sub-pixel shift pass.
/// Side of a tile, in pixels (a 1080-px card's smallest digit is ~10×14 px).
pub const TILE: u32 = 16;
/// The largest mean absolute channel difference a tile may have (0–255 scale).
pub const TILE_MEAN_LIMIT: f64 = 3.0;

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

/// `REGENERATE=1` rewrites the goldens; unset (or empty) compares. Any other value is a
/// mistake (REGENERATE=true, =yes…) and so is regenerating under CI, where a rewrite would
/// pass whatever was rendered: both panic instead of silently choosing.
pub fn regenerate() -> bool {
    match std::env::var("REGENERATE").as_deref() {
        Err(std::env::VarError::NotPresent) | Ok("") => false,
        Ok("1") => {
            assert!(
                std::env::var_os("CI").is_none(),
                "REGENERATE=1 is refused when CI is set: goldens are rewritten by a person, \
                 who looks at them before committing"
            );
            true
        }
        Ok(other) => panic!("REGENERATE must be 1 (or unset), not {other:?}"),
        Err(e) => panic!("REGENERATE is not valid text: {e}"),
    }
}

pub fn save_png(image: &RgbaImage, path: &Path) {
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

/// How two same-sized images differ, tile by tile.
pub struct Comparison {
    /// The worst tile: its mean absolute channel difference and its top-left corner.
    pub worst_tile_mean: f64,
    pub worst_tile_at: (u32, u32),
    /// Tiles over [`TILE_MEAN_LIMIT`].
    pub failing_tiles: usize,
    /// The largest single channel difference anywhere (for the message).
    pub max_diff: u8,
    /// The expected image faded to grey, differing pixels in red, failing tiles outlined.
    pub diff: RgbaImage,
}

impl Comparison {
    pub fn passes(&self) -> bool {
        self.failing_tiles == 0
    }
}

/// Compares two same-sized images by tiles (see [`TILE_MEAN_LIMIT`]).
pub fn compare(actual: &RgbaImage, expected: &RgbaImage) -> Comparison {
    assert_eq!(actual.dimensions(), expected.dimensions());
    let (w, h) = actual.dimensions();
    let mut diff = RgbaImage::new(w, h);
    let mut max_diff = 0u8;
    let (mut worst_tile_mean, mut worst_tile_at, mut failing_tiles) = (0.0f64, (0, 0), 0);
    let mut failing = Vec::new();
    for ty in (0..h).step_by(TILE as usize) {
        for tx in (0..w).step_by(TILE as usize) {
            let (tw, th) = (TILE.min(w - tx), TILE.min(h - ty));
            let mut total = 0u64;
            for y in ty..ty + th {
                for x in tx..tx + tw {
                    let (a, e) = (actual.get_pixel(x, y), expected.get_pixel(x, y));
                    let pixel_max = (0..4).map(|c| a[c].abs_diff(e[c])).max().unwrap_or(0);
                    total += (0..4).map(|c| u64::from(a[c].abs_diff(e[c]))).sum::<u64>();
                    max_diff = max_diff.max(pixel_max);
                    let luma = (u16::from(e[0]) * 3 + u16::from(e[1]) * 6 + u16::from(e[2])) / 10;
                    let faded = (192 + luma / 4) as u8;
                    diff.put_pixel(
                        x,
                        y,
                        if pixel_max > 0 {
                            Rgba([128 + pixel_max / 2, 0, 0, 255])
                        } else {
                            Rgba([faded, faded, faded, 255])
                        },
                    );
                }
            }
            let mean = total as f64 / f64::from(tw * th * 4);
            if mean > worst_tile_mean {
                worst_tile_mean = mean;
                worst_tile_at = (tx, ty);
            }
            if mean > TILE_MEAN_LIMIT {
                failing_tiles += 1;
                failing.push((tx, ty, tw, th));
            }
        }
    }
    for (tx, ty, tw, th) in failing {
        for x in tx..tx + tw {
            diff.put_pixel(x, ty, Rgba([0, 90, 255, 255]));
            diff.put_pixel(x, ty + th - 1, Rgba([0, 90, 255, 255]));
        }
        for y in ty..ty + th {
            diff.put_pixel(tx, y, Rgba([0, 90, 255, 255]));
            diff.put_pixel(tx + tw - 1, y, Rgba([0, 90, 255, 255]));
        }
    }
    Comparison {
        worst_tile_mean,
        worst_tile_at,
        failing_tiles,
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
    if !result.passes() {
        save_png(actual, &actual_path);
        save_png(&result.diff, &diff_path);
        panic!(
            "{name}: differs from its golden image: {} tile(s) of {TILE}×{TILE} px over the \
             limit; worst tile at {:?} has mean abs diff {:.2} (limit {TILE_MEAN_LIMIT}); max \
             channel diff {}\n  actual:   {}\n  diff:     {} (failing tiles outlined in blue)\n  \
             expected: {}\n  (if the change is intended, rerun with REGENERATE=1 and review the \
             new images)",
            result.failing_tiles,
            result.worst_tile_at,
            result.worst_tile_mean,
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
