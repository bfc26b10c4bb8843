//! Posters: golden images for every template at every size, text that always fits (the longest
//! real names included), brand colours and logos, and the A4 PDF read back.
//!
//! Goldens are rendered at a reduced width to keep the repository small — 540 px wide for the
//! 1080-px sizes, 496 px for A4 (2480 × 3508 → 496 × 702) — by the very same `render_poster`
//! as the full-size export (layout is relative, so only the pixel count changes). They live in
//! `tests/golden/poster/`; `REGENERATE=1 cargo test --test poster` rewrites them, with the
//! tolerance of `tests/golden.rs` (see tests/support/golden_check.rs).

mod support;

use std::collections::BTreeMap;

use campaign_kit::brand::BrandKit;
use campaign_kit::pdf::{a4_pdf, A4_POINTS};
use campaign_kit::poster::{
    builtin_posters, overflowing_fields, poster_by_id, render_poster, resolve, PosterInputs,
    PosterSize,
};
use campaign_kit::render::{render, Inputs, PhotoTransform};
use campaign_kit::template::{Align, Color, FontId, Layer, Paint, Template, TextLayer};
use campaign_kit::text::{fit_with, font, line_height_for, measure, FitOptions};
use image::RgbaImage;
use support::golden_check::check;
use support::kit::{astronaut, kit, logo, LONG_AGENCY};

const LONG_NAME: &str =
    "Prof. Dr. Ir. H. Muhammad Abdurrahman Wahyudiningrat, S.T., M.Sc., M.Kom., Ph.D., IPU";

fn golden_width(size: PosterSize) -> u32 {
    match size {
        PosterSize::A4 => 496,
        _ => 540,
    }
}

fn golden(id: &str, size: PosterSize) {
    let poster = poster_by_id(id).unwrap_or_else(|| panic!("poster {id} is missing"));
    let values = BTreeMap::new();
    let brand = kit();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: poster.has_photo().then(astronaut),
        transform: PhotoTransform::default(),
        logo: Some(logo()),
    };
    let width = golden_width(size);
    let image = render_poster(poster, size, &inputs, width).unwrap();
    let (fw, fh) = size.pixels();
    let height = ((u64::from(width) * u64::from(fh) + u64::from(fw) / 2) / u64::from(fw)) as u32;
    assert_eq!(image.dimensions(), (width, height));
    // The default texts fit everywhere: nothing had to be cut.
    assert_eq!(
        overflowing_fields(poster, size, &inputs),
        Vec::<String>::new(),
        "{id} {size:?}"
    );
    check(&format!("poster/{id}-{}", size.key()), &image);
}

#[test]
fn golden_set_covers_every_poster() {
    let ids: Vec<&str> = builtin_posters().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["slogan", "larangan", "ikrar", "sosialisasi"]);
}

macro_rules! goldens {
    ($($name:ident: $id:literal),* $(,)?) => {$(
        mod $name {
            use super::*;
            #[test] fn square() { golden($id, PosterSize::Square) }
            #[test] fn portrait() { golden($id, PosterSize::Portrait) }
            #[test] fn story() { golden($id, PosterSize::Story) }
            #[test] fn a4() { golden($id, PosterSize::A4) }
        }
    )*};
}

goldens! {
    slogan: "slogan",
    larangan: "larangan",
    ikrar: "ikrar",
    sosialisasi: "sosialisasi",
}

/// A brand with other colours (a light primary) and no logo: colours follow the brand, text on
/// the light colour turns dark, and the layout without a logo moves the agency name left.
#[test]
fn brand_colours_without_logo() {
    let poster = poster_by_id("slogan").unwrap();
    let values = BTreeMap::new();
    let brand = BrandKit {
        primary: Color::rgb(0xF2, 0xC9, 0x4C),
        secondary: Color::rgb(0x7A, 0x1F, 0x2B),
        logo: None,
        ..kit()
    };
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: None,
        transform: PhotoTransform::default(),
        logo: None,
    };
    let image = render_poster(poster, PosterSize::Portrait, &inputs, 540).unwrap();
    // The top-left corner is the brand primary (under a faint shade), not the default navy.
    let p = image.get_pixel(4, 4);
    assert!(p[0] > 200 && p[1] > 160 && p[2] < 120, "{p:?}");
    check("poster/slogan-brand-colours-1080x1350", &image);
}

#[test]
fn preview_and_export_are_the_same_drawing() {
    // The 540-px preview is the full-size export scaled: compare the export shrunk to 540.
    let poster = poster_by_id("sosialisasi").unwrap();
    let values = BTreeMap::new();
    let brand = kit();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: None,
        transform: PhotoTransform::default(),
        logo: Some(logo()),
    };
    let full = render_poster(poster, PosterSize::Square, &inputs, 1080).unwrap();
    let small = render_poster(poster, PosterSize::Square, &inputs, 540).unwrap();
    let shrunk = image::imageops::resize(&full, 540, 540, image::imageops::FilterType::Triangle);
    let mean: f64 = shrunk
        .as_raw()
        .iter()
        .zip(small.as_raw())
        .map(|(a, b)| f64::from(a.abs_diff(*b)))
        .sum::<f64>()
        / small.as_raw().len() as f64;
    assert!(mean < 4.0, "preview differs from the export: mean {mean}");
}

// ---------------------------------------------------------------------------------------------
// Text that always fits.

/// Fit `text` in a `w`×`h` box and check: every line inside the width, the block inside the
/// height, the size between floor and maximum, and nothing lost unless it says it was cut.
fn assert_fits(
    text: &str,
    font_id: FontId,
    max: f32,
    min: f32,
    w: f32,
    h: f32,
    prefer_wrap: bool,
) -> bool {
    let fitted = fit_with(
        text,
        font_id,
        0.0,
        (max, min),
        (w, h),
        FitOptions { prefer_wrap },
    );
    let what = format!("{text:?} in {w}×{h} ({max}..{min} px)");
    assert!(
        fitted.px >= min && fitted.px <= max,
        "{what}: size {}",
        fitted.px
    );
    for line in &fitted.lines {
        let lw = measure(font(font_id), line, fitted.px, 0.0);
        assert!(lw <= w + 0.01, "{what}: {line:?} is {lw} wide");
    }
    let block = fitted.lines.len() as f32 * line_height_for(font_id, fitted.px);
    assert!(
        block <= h + 0.01 || fitted.lines.len() == 1,
        "{what}: block {block} high"
    );
    let ink = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if fitted.truncated {
        assert_eq!(fitted.px, min, "{what}: cut above the floor");
        assert!(fitted.lines.last().unwrap().ends_with('…'), "{what}");
    } else {
        assert_eq!(ink(&fitted.lines.concat()), ink(text), "{what}: text lost");
    }
    fitted.truncated
}

#[test]
fn the_longest_real_names_fit_without_being_cut() {
    // The agency line of every poster at every size, and the pledge's name line.
    for poster in builtin_posters() {
        for size in PosterSize::ALL {
            let values = BTreeMap::from([("name".to_string(), LONG_NAME.to_string())]);
            let brand = kit();
            let inputs = PosterInputs {
                values: &values,
                brand: &brand,
                photo: None,
                transform: PhotoTransform::default(),
                logo: Some(logo()),
            };
            let cut = overflowing_fields(poster, size, &inputs);
            assert!(cut.is_empty(), "{} {size:?}: cut {cut:?}", poster.id);
        }
    }
}

#[test]
fn words_are_kept_whole_and_wrapped_before_shrinking_further() {
    // At 60 px the name needs two lines; no word may be broken.
    let f = fit_with(
        LONG_AGENCY,
        FontId::Bold,
        0.0,
        (60.0, 20.0),
        (700.0, 200.0),
        FitOptions { prefer_wrap: true },
    );
    assert!(!f.truncated && f.lines.len() > 1, "{f:?}");
    let words: Vec<&str> = LONG_AGENCY.split(' ').collect();
    for line in &f.lines {
        for word in line.split(' ') {
            assert!(words.contains(&word), "broken word {word:?} in {f:?}");
        }
    }
    // A long Indonesian word in a narrow box: the size drops until it fits whole.
    let f = fit_with(
        "Penyelenggaraan Pemberitahuan",
        FontId::Black,
        0.0,
        (80.0, 10.0),
        (300.0, 300.0),
        FitOptions { prefer_wrap: true },
    );
    assert_eq!(f.lines, ["Penyelenggaraan", "Pemberitahuan"], "{f:?}");
}

#[test]
fn text_fitting_stays_in_the_box_and_above_the_floor() {
    let texts = [
        LONG_AGENCY,
        LONG_NAME,
        "ASN PILIH NETRAL",
        "Menjadi peserta kampanye\nMemakai atribut partai atau calon\nBerkampanye dengan fasilitas negara",
        "Pertanggungjawabannya-keanekaragamannya-ketidakberpihakannya",
        "",
    ];
    let boxes = [
        (972.0, 120.0),
        (500.0, 90.0),
        (300.0, 300.0),
        (120.0, 40.0),
        (40.0, 12.0),
    ];
    let mut cut = 0;
    for text in texts {
        for font_id in [FontId::Black, FontId::Bold, FontId::Regular] {
            for (w, h) in boxes {
                for prefer_wrap in [false, true] {
                    cut += usize::from(assert_fits(text, font_id, 64.0, 14.0, w, h, prefer_wrap));
                }
            }
        }
    }
    // The tiny boxes must have forced some cuts, so the ellipsis path was exercised too.
    assert!(cut > 0);
}

#[test]
fn too_long_text_is_cut_with_an_ellipsis_and_reported() {
    let poster = poster_by_id("slogan").unwrap();
    let long = "Netral ".repeat(120);
    let values = BTreeMap::from([("body".to_string(), long)]);
    let brand = BrandKit::default();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: None,
        transform: PhotoTransform::default(),
        logo: None,
    };
    assert_eq!(
        overflowing_fields(poster, PosterSize::Square, &inputs),
        ["body"]
    );
    assert!(overflowing_fields(
        poster,
        PosterSize::Square,
        &PosterInputs {
            values: &BTreeMap::new(),
            ..inputs
        }
    )
    .is_empty());
}

/// Rendered ink never leaves the text box: a box on white, the text in black; everything
/// outside the box (plus a 1-px anti-aliasing margin) stays white.
#[test]
fn rendered_text_never_leaves_its_box() {
    let cases = [
        (LONG_AGENCY, FontId::Bold, [0.1, 0.1, 0.5, 0.12], false),
        (LONG_NAME, FontId::Black, [0.05, 0.4, 0.9, 0.1], false),
        ("Äŷ “Jąg” — ÉÎÕ Üg¸ pqj", FontId::Black, [0.2, 0.7, 0.6, 0.08], false),
        ("Menjadi peserta kampanye\nMemakai atribut partai atau calon\nBerkampanye dengan fasilitas negara dan menguntungkan calon", FontId::Regular, [0.1, 0.55, 0.4, 0.12], true),
    ];
    for (text, font_id, bounds, prefer_wrap) in cases {
        let template = Template {
            id: "t".into(),
            name: Default::default(),
            size: [800, 800],
            background: Paint::Solid(Color::rgb(255, 255, 255)),
            layers: vec![Layer::Text(TextLayer {
                text: text.into(),
                bounds,
                font: font_id,
                size: 0.08,
                min_size: 0.02,
                color: Color::rgb(0, 0, 0),
                align: Align::Center,
                tracking: 0.0,
                prefer_wrap,
                underline: false,
            })],
        };
        let image = render(&template, &Inputs::default(), 800).unwrap();
        let [x, y, w, h] = bounds.map(|v| v * 800.0);
        let inside = |px: u32, py: u32| {
            let (px, py) = (px as f32 + 0.5, py as f32 + 0.5);
            px >= x - 1.0 && px <= x + w + 1.0 && py >= y - 1.0 && py <= y + h + 1.0
        };
        let mut ink = 0;
        for (px, py, p) in image.enumerate_pixels() {
            if p[0] < 250 {
                assert!(
                    inside(px, py),
                    "{text:?}: ink at {px},{py} outside {bounds:?}"
                );
                ink += 1;
            }
        }
        assert!(ink > 100, "{text:?}: nothing drawn");
    }
}

// ---------------------------------------------------------------------------------------------
// PDF.

/// The value after `key` in a PDF dictionary, e.g. `/Width 2480`.
fn dict_number(pdf: &str, key: &str) -> Option<f64> {
    let at = pdf.find(key)? + key.len();
    pdf[at..]
        .split_whitespace()
        .next()?
        .trim_end_matches(['/', '>'])
        .parse()
        .ok()
}

#[test]
fn a4_pdf_has_the_paper_size_and_a_300_dpi_image() {
    let poster = poster_by_id("sosialisasi").unwrap();
    let values = BTreeMap::new();
    let brand = kit();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: None,
        transform: PhotoTransform::default(),
        logo: Some(logo()),
    };
    let (w, _) = PosterSize::A4.pixels();
    let image = render_poster(poster, PosterSize::A4, &inputs, w).unwrap();
    assert_eq!(image.dimensions(), (2480, 3508));
    let pdf = a4_pdf(&image, "Sosialisasi Netralitas ASN").unwrap();
    let (page, jpeg) = read_back(&pdf);
    assert_eq!(page.media_box, [0.0, 0.0, 595.28, 841.89]);
    assert_eq!(A4_POINTS, (595.28, 841.89));
    // 595.28 pt = 210 mm, 841.89 pt = 297 mm.
    assert!((page.media_box[2] / 72.0 * 25.4 - 210.0).abs() < 0.05);
    assert!((page.media_box[3] / 72.0 * 25.4 - 297.0).abs() < 0.05);
    assert_eq!((page.image_w, page.image_h), (2480, 3508));
    // 2480 px across 8.27 in is 300 dpi.
    assert!((f64::from(page.image_w) / (page.media_box[2] / 72.0) - 300.0).abs() < 0.5);
    let decoded = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (2480, 3508));
    // The embedded picture is the poster (compare a downscaled version).
    let a = image::imageops::thumbnail(&decoded.to_rgba8(), 124, 175);
    let b = image::imageops::thumbnail(&image, 124, 175);
    let mean = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| f64::from(x.abs_diff(*y)))
        .sum::<f64>()
        / a.as_raw().len() as f64;
    assert!(mean < 3.0, "embedded image differs: {mean}");
    // Small enough to send: roughly the JPEG's size.
    assert!(
        pdf.len() < jpeg.len() + 2048,
        "{} vs {}",
        pdf.len(),
        jpeg.len()
    );
}

pub struct PageInfo {
    pub media_box: [f64; 4],
    pub image_w: u32,
    pub image_h: u32,
}

/// Read back what a viewer needs from our PDF: one page, its MediaBox, the image XObject's size
/// and its DCT (JPEG) stream. A small parser for the structure `a4_pdf` writes.
pub fn read_back(pdf: &[u8]) -> (PageInfo, Vec<u8>) {
    assert!(pdf.starts_with(b"%PDF-1."), "not a PDF");
    assert!(
        pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"),
        "no EOF marker"
    );
    let text = String::from_utf8_lossy(pdf);
    assert_eq!(
        text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page ").count()
            + text.matches("/Type /Page>").count(),
        1,
        "one page"
    );
    assert_eq!(dict_number(&text, "/Count"), Some(1.0));
    let mb_at = text.find("/MediaBox [").expect("MediaBox") + "/MediaBox [".len();
    let mb: Vec<f64> = text[mb_at..text[mb_at..].find(']').unwrap() + mb_at]
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(mb.len(), 4);
    assert!(text.contains("/Subtype /Image"), "image XObject");
    assert!(text.contains("/Filter /DCTDecode"), "JPEG embedded as DCT");
    let image_w = dict_number(&text, "/Width").unwrap() as u32;
    let image_h = dict_number(&text, "/Height").unwrap() as u32;
    let length = dict_number(&text, "/Length").unwrap() as usize;
    // The first stream is the image (a4_pdf writes it before the page content).
    let start = pdf.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    let jpeg = pdf[start..start + length].to_vec();
    assert!(
        jpeg.starts_with(&[0xFF, 0xD8]) && jpeg.ends_with(&[0xFF, 0xD9]),
        "stream is a JPEG"
    );
    (
        PageInfo {
            media_box: [mb[0], mb[1], mb[2], mb[3]],
            image_w,
            image_h,
        },
        jpeg,
    )
}

#[test]
fn every_size_renders_at_full_size() {
    // The export path: the real pixel sizes, once each (goldens cover the looks).
    let poster = poster_by_id("ikrar").unwrap();
    let values = BTreeMap::new();
    let brand = kit();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: Some(astronaut()),
        transform: PhotoTransform::default(),
        logo: Some(logo()),
    };
    for size in PosterSize::ALL {
        let (w, h) = size.pixels();
        let image: RgbaImage = render_poster(poster, size, &inputs, w).unwrap();
        assert_eq!(image.dimensions(), (w, h), "{size:?}");
        let resolved = resolve(poster, size, &inputs);
        assert_eq!(resolved.template.size, [w, h]);
        assert_eq!(resolved.logos.len(), 1);
    }
}
