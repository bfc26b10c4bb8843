//! The poster's photo placement: it reaches the render (the photo moves), the preview's cached
//! renderer gives the very pixels of a fresh render whatever changes between frames, and the
//! CLI's `--zoom/--offset-x/--offset-y/--rotate` mean what they mean for `twibbon`.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/kit.rs"]
mod kit;

use std::collections::BTreeMap;
use std::process::Command;

use campaign_kit::brand::BrandKit;
use campaign_kit::photo::Photo;
use campaign_kit::poster::{
    poster_by_id, render_poster, render_poster_with, PosterInputs, PosterSize,
};
use campaign_kit::render::{PhotoMove, PhotoTransform, Renderer};
use cli::{describe, fixture, s, BIN};
use kit::astronaut;

fn inputs<'a>(
    values: &'a BTreeMap<String, String>,
    brand: &'a BrandKit,
    photo: &'a Photo,
    transform: PhotoTransform,
) -> PosterInputs<'a> {
    PosterInputs {
        values,
        brand,
        photo: Some(photo),
        transform,
        logo: None,
    }
}

fn differing(a: &image::RgbaImage, b: &image::RgbaImage) -> usize {
    assert_eq!(a.dimensions(), b.dimensions());
    a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count()
}

#[test]
fn the_placement_moves_the_photo_and_the_cached_preview_equals_a_fresh_render() {
    let poster = poster_by_id("ikrar").unwrap();
    let brand = BrandKit::default();
    let mut values = BTreeMap::new();
    let size = PosterSize::Portrait;
    let moved = PhotoTransform::default()
        .moved(PhotoMove::Pan(0.1, -0.05))
        .moved(PhotoMove::ZoomBy(1.5))
        .moved(PhotoMove::RotateBy(90.0));

    let centred = render_poster(
        poster,
        size,
        &inputs(&values, &brand, astronaut(), PhotoTransform::default()),
        360,
    )
    .unwrap();
    let fresh_moved = render_poster(
        poster,
        size,
        &inputs(&values, &brand, astronaut(), moved),
        360,
    )
    .unwrap();
    // The photo slot is a circle of radius 0.2 × 360 px: moving the photo changes most of it.
    let slot = (std::f32::consts::PI * 72.0 * 72.0) as usize;
    let changed = differing(&centred, &fresh_moved);
    assert!(
        changed > slot / 2,
        "{changed} pixels changed, slot ≈ {slot}"
    );
    // ... and nothing far outside it (the bottom half is text and colour only).
    let (w, h) = centred.dimensions();
    for y in h * 3 / 4..h {
        for x in 0..w {
            assert_eq!(
                centred.get_pixel(x, y),
                fresh_moved.get_pixel(x, y),
                "({x},{y})"
            );
        }
    }

    // The preview's renderer, reused across a drag and then a text edit, draws what a fresh
    // render draws each time.
    let mut renderer = Renderer::default();
    for (transform, headline) in [
        (PhotoTransform::default(), None),
        (moved, None),
        (moved, Some("KAMI NETRAL")),
        (PhotoTransform::default(), Some("KAMI NETRAL")),
    ] {
        if let Some(h) = headline {
            values.insert("headline".to_string(), h.to_string());
        }
        let i = inputs(&values, &brand, astronaut(), transform);
        let cached = render_poster_with(&mut renderer, poster, size, &i, 360).unwrap();
        let fresh = render_poster(poster, size, &i, 360).unwrap();
        assert_eq!(differing(&cached, &fresh), 0, "{transform:?} {headline:?}");
    }
}

#[test]
fn cli_placement_flags_match_the_library_and_bad_zoom_is_one_line() {
    let dir = cli::scratch("poster-photo", "flags");
    let out = dir.join("ikrar.png");
    let photo = fixture("astronaut.jpg");
    let o = Command::new(BIN)
        .args([
            "poster",
            "--template",
            "ikrar",
            "--size",
            "1080x1350",
            "--photo",
            s(&photo),
            "--zoom",
            "1.3",
            "--offset-x",
            "108",
            "--offset-y",
            "-135",
            "--rotate",
            "15",
            "--out",
            s(&out),
        ])
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", describe(&o));
    let from_cli = image::open(&out).unwrap().into_rgba8();

    let photo = Photo::decode(&std::fs::read(photo).unwrap()).unwrap();
    let values = BTreeMap::new();
    let brand = BrandKit::default();
    // Offsets in output pixels are fractions of the poster's width and height.
    let transform = PhotoTransform {
        zoom: 1.3,
        offset_x: 108.0 / 1080.0,
        offset_y: -135.0 / 1350.0,
        rotate: 15.0,
    };
    let poster = poster_by_id("ikrar").unwrap();
    let size = PosterSize::Portrait;
    let expected = render_poster(
        poster,
        size,
        &inputs(&values, &brand, &photo, transform),
        1080,
    )
    .unwrap();
    assert_eq!(differing(&from_cli, &expected), 0, "CLI and library differ");
    let centred = render_poster(
        poster,
        size,
        &inputs(&values, &brand, &photo, PhotoTransform::default()),
        1080,
    )
    .unwrap();
    assert!(
        differing(&from_cli, &centred) > 10_000,
        "the flags moved the photo"
    );

    for zoom in ["0.5", "6"] {
        let o = Command::new(BIN)
            .args([
                "poster",
                "--template",
                "ikrar",
                "--zoom",
                zoom,
                "--out",
                s(&out),
            ])
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{}", describe(&o));
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("zoom"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
