//! `intake::probe` + a decode at the plan's scale + `intake::finish_jpeg` — the pieces a browser's
//! JPEG decoder slots into (the photo worker) — compose to exactly what `intake::decode` gives,
//! and `probe` refuses what `decode` refuses, before any pixel is decoded.

use std::path::Path;

use campaign_kit::intake::{self, IntakeError, JpegPlan, Probe, MAX_WORKING_SIDE};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn plan(bytes: &[u8], max_side: u32) -> JpegPlan {
    match intake::probe(bytes, max_side) {
        Ok(Probe::Jpeg(plan)) => plan,
        other => panic!("not a JPEG plan: {other:?}"),
    }
}

/// The pieces, with our own decoder doing the pixel step.
fn composed(bytes: &[u8], max_side: u32) -> image::RgbaImage {
    let plan = plan(bytes, max_side);
    let pixels =
        intake::decode_jpeg_scaled(bytes, plan.width, plan.height, plan.halvings).expect("decodes");
    intake::finish_jpeg(&plan, pixels, max_side)
}

const JPEGS: [&str; 9] = [
    "astronaut.jpg",
    "chelsea.jpg",
    "coffee.jpg",
    "corpus/baseline-420.jpg",
    "corpus/cmyk.jpg",
    "corpus/gray.jpg",
    "corpus/progressive.jpg",
    "corpus/ycck.jpg",
    "corpus/yuv444.jpg",
];

#[test]
fn the_pieces_compose_to_decode_for_every_fixture_jpeg_at_every_scale() {
    for name in JPEGS {
        let bytes = fixture(name);
        for max_side in [MAX_WORKING_SIDE, 300, 150, 64, 7] {
            let whole = intake::decode(&bytes, max_side).expect(name);
            assert!(
                composed(&bytes, max_side) == whole,
                "{name} at {max_side}: the pieces differ from decode"
            );
        }
    }
}

#[test]
fn the_plan_says_which_jpegs_a_browser_may_decode() {
    for name in JPEGS {
        let expected = !matches!(name, "corpus/cmyk.jpg" | "corpus/ycck.jpg");
        assert_eq!(
            plan(&fixture(name), MAX_WORKING_SIDE).browser_decodable,
            expected,
            "{name}"
        );
    }
}

#[test]
fn the_plan_sizes_are_the_reduced_idct_and_halving_sizes() {
    let bytes = fixture("chelsea.jpg"); // 451×300
    let mut plan = plan(&bytes, 100);
    assert_eq!((plan.width, plan.height, plan.halvings), (451, 300, 3));
    assert_eq!(plan.scaled_size(), (57, 38));
    assert_eq!(plan.decoded_size(), (56, 37));
    plan.halvings = 0;
    assert_eq!(plan.scaled_size(), (451, 300));
    assert_eq!(plan.decoded_size(), (451, 300));
}

#[test]
fn other_formats_are_probed_as_such() {
    assert_eq!(
        intake::probe(&fixture("corpus/lossy.webp"), MAX_WORKING_SIDE),
        Ok(Probe::Other(image::ImageFormat::WebP))
    );
}

/// A copy of `bytes` whose first SOF header says `width`×`height`.
fn with_size(bytes: &[u8], width: u16, height: u16) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let sof = (2..out.len() - 1)
        .find(|&i| out[i] == 0xFF && matches!(out[i + 1], 0xC0..=0xC2))
        .expect("a SOF marker");
    out[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    out[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    out
}

#[test]
fn probe_refuses_what_decode_refuses() {
    let jpeg = fixture("coffee.jpg");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("heic", fixture("corpus/photo.heic")),
        ("avif", fixture("corpus/photo.avif")),
        ("pdf", b"%PDF-1.7\n...".to_vec()),
        ("svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()),
        ("text", b"hello, not an image at all".to_vec()),
        ("truncated", jpeg[..jpeg.len() / 2].to_vec()),
        ("header only", jpeg[..jpeg.len().min(600)].to_vec()),
        ("too large", with_size(&jpeg, 16_000, 16_000)),
        ("too wide", with_size(&jpeg, 17_000, 10)),
        ("zero height", with_size(&jpeg, 400, 0)),
    ];
    for (what, bytes) in cases {
        let decoded = intake::decode(&bytes, MAX_WORKING_SIDE).map(|_| ());
        let probed = intake::probe(&bytes, MAX_WORKING_SIDE).map(|_| ());
        assert!(decoded.is_err(), "{what}: decode accepted it");
        assert_eq!(probed, decoded, "{what}: probe and decode disagree");
    }
    // Truncation is caught from the structure alone, as decode does.
    assert!(matches!(
        intake::probe(&jpeg[..jpeg.len() - 10], MAX_WORKING_SIDE),
        Err(IntakeError::Corrupt(_))
    ));
}
