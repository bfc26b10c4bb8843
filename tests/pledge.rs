//! Pledge cards (issue 6): golden cards (short and very long names, with and without photo and
//! NIP, both languages, A4), the QR read back with `rqrr` as a phone would and its hash checked,
//! signatures, and the card never drawing outside itself.
//!
//! Goldens are the very same `render_card` output as the download, at full share size
//! (1080×1350) so small type and the QR can be judged, and the A4 page at its batch size.
//! `REGENERATE=1 cargo test --test pledge` rewrites them (tolerance: tests/support/golden_check.rs).

mod support;

use campaign_kit::i18n::Lang;
use campaign_kit::pledge::signature::{self, Stroke};
use campaign_kit::pledge::{
    default_points, nip, qr_text, render_card, render_card_at, render_card_checked, verify_qr_text,
    CardInputs, CardSize, Date, Field, PledgeFields, MAX_POINTS, MAX_POINT_CHARS,
};
use image::RgbaImage;
use support::golden_check::check;
use support::kit::{astronaut as photo, kit, logo};

const LONG_NAME: &str =
    "Prof. Dr. Ir. Hj. Raden Ajeng Sri Wahyuningsih Kusumawardhani Purbaningrum, S.H., M.Hum., M.Si., Ph.D., IPU";

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

/// A signature drawn on a 600×200 pad, sampled as pointer events would be: a looping cursive
/// stroke (a prolate cycloid, like joined "l"s) and an underline flourish.
fn drawn_signature() -> RgbaImage {
    let mut loop_pts = Vec::new();
    for i in 0..=160 {
        let t = i as f32 / 160.0;
        let a = t * std::f32::consts::TAU * 5.0;
        let x = 50.0 + 400.0 * t - 28.0 * a.sin();
        let y = 105.0 - 45.0 * (1.0 - t * 0.6) * a.cos() - 20.0 * t;
        loop_pts.push((x, y));
    }
    let flourish: Vec<(f32, f32)> = (0..=40)
        .map(|i| {
            let t = i as f32 / 40.0;
            (60.0 + 480.0 * t, 165.0 - 25.0 * (t * 3.1).sin())
        })
        .collect();
    signature::from_strokes(
        &[Stroke { points: loop_pts }, Stroke { points: flourish }],
        600,
        200,
    )
}

fn short_fields(with_nip: bool) -> PledgeFields {
    PledgeFields {
        name: "Budi Santoso, S.H.".into(),
        nip: with_nip.then(|| nip::parse("19850412 201001 1 003", today()).unwrap()),
        position: "Analis Kebijakan Ahli Muda".into(),
        agency: "Badan Kepegawaian dan Pengembangan SDM Kota Manado".into(),
        place: "Manado".into(),
        date: today(),
    }
}

fn long_fields(with_nip: bool) -> PledgeFields {
    PledgeFields {
        name: LONG_NAME.into(),
        nip: with_nip.then(|| nip::parse("197003152000032002", today()).unwrap()),
        position: "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian pada Sekretariat Daerah".into(),
        agency: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kepulauan Siau Tagulandang Biaro, Provinsi Sulawesi Utara".into(),
        place: "Ondong Siau".into(),
        date: today(),
    }
}

struct Case {
    fields: PledgeFields,
    photo: bool,
    signature: bool,
    lang: Lang,
    size: CardSize,
}

fn render(case: &Case) -> RgbaImage {
    let points = default_points(Lang::Id);
    let brand = kit();
    let sig = case.signature.then(drawn_signature);
    let inputs = CardInputs {
        fields: &case.fields,
        points: &points,
        brand: &brand,
        logo: Some(logo()),
        photo: case.photo.then(photo),
        signature: sig.as_ref(),
        size: case.size,
        lang: case.lang,
        design: "",
    };
    render_card(&inputs).unwrap()
}

#[test]
fn golden_short_name_with_nip_photo_and_signature() {
    let image = render(&Case {
        fields: short_fields(true),
        photo: true,
        signature: true,
        lang: Lang::Id,
        size: CardSize::Share,
    });
    assert_eq!(image.dimensions(), (1080, 1350));
    check("pledge/short-nip-photo", &image);
}

#[test]
fn golden_very_long_name_without_nip_or_photo() {
    let image = render(&Case {
        fields: long_fields(false),
        photo: false,
        signature: false,
        lang: Lang::Id,
        size: CardSize::Share,
    });
    check("pledge/long-no-nip-no-photo", &image);
}

#[test]
fn golden_very_long_name_with_nip_and_photo() {
    let image = render(&Case {
        fields: long_fields(true),
        photo: true,
        signature: true,
        lang: Lang::Id,
        size: CardSize::Share,
    });
    check("pledge/long-nip-photo", &image);
}

#[test]
fn golden_english_short_without_photo() {
    let image = render(&Case {
        fields: short_fields(true),
        photo: false,
        signature: true,
        lang: Lang::En,
        size: CardSize::Share,
    });
    check("pledge/short-nip-en", &image);
}

#[test]
fn golden_a4_print_page() {
    let image = render(&Case {
        fields: long_fields(true),
        photo: true,
        signature: true,
        lang: Lang::Id,
        size: CardSize::A4Batch,
    });
    assert_eq!(image.dimensions(), (1240, 1754));
    check("pledge/long-nip-photo-a4", &image);
}

/// Read the card's QR back the way a phone would (rqrr on the rendered pixels, greyscale).
fn decode_qr(image: &RgbaImage) -> String {
    let grey = image::DynamicImage::ImageRgba8(image.clone()).into_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(grey);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code on the card");
    let (_meta, content) = grids[0].decode().expect("the QR decodes");
    content
}

#[test]
fn qr_decodes_to_the_exact_text_and_the_hash_verifies() {
    let points = default_points(Lang::Id);
    for (fields, size) in [
        (short_fields(true), CardSize::Share),
        (long_fields(true), CardSize::Share),
        (long_fields(false), CardSize::A4Batch),
        (short_fields(false), CardSize::A4),
    ] {
        let image = render(&Case {
            fields: fields.clone(),
            photo: true,
            signature: true,
            lang: Lang::Id,
            size,
        });
        let read = decode_qr(&image);
        assert_eq!(read, qr_text(&fields, &points), "{size:?}");
        assert!(verify_qr_text(&read));
        assert!(read.contains(&format!("Nama: {}", fields.name)));
        // Change any field and the hash no longer matches.
        let nip_line = fields.nip.as_ref().map(|n| n.grouped());
        for (from, to) in [
            (fields.name.as_str(), "Orang Lain"),
            (fields.agency.as_str(), "Instansi Lain"),
            ("26 November 2026", "27 November 2026"),
            (
                nip_line.as_deref().unwrap_or("NIP: -"),
                "NIP: 19900101 201501 1 001",
            ),
        ] {
            let forged = read.replacen(from, to, 1);
            assert_ne!(forged, read);
            assert!(!verify_qr_text(&forged), "forged {from:?} still verifies");
        }
    }
}

#[test]
fn uploaded_signature_on_white_paper_becomes_transparent_ink() {
    // A "scan": the drawn signature flattened onto slightly grey paper, saved as JPEG.
    let drawn = drawn_signature();
    let mut paper = RgbaImage::from_pixel(
        drawn.width(),
        drawn.height(),
        image::Rgba([238, 236, 230, 255]),
    );
    image::imageops::overlay(&mut paper, &drawn, 0, 0);
    let jpeg = campaign_kit::export::encode(&paper, campaign_kit::export::Format::Jpeg).unwrap();
    let sig = signature::from_upload(&jpeg).unwrap();
    assert!(signature::has_ink(&sig));
    // Cropped to the ink (the pad was 600×200; the ink spans less).
    assert!(
        sig.width() < 600 && sig.height() < 200,
        "{:?}",
        sig.dimensions()
    );
    let clear = sig.pixels().filter(|p| p[3] == 0).count();
    let ink = sig.pixels().filter(|p| p[3] > 200).count();
    assert!(
        clear > ink,
        "paper is transparent: {clear} clear, {ink} ink"
    );
    assert!(ink > 500, "ink kept: {ink}");
    // Not an image at all: a typed error, no panic.
    assert!(signature::from_upload(b"not an image").is_err());
    assert!(signature::from_upload(&[]).is_err());
}

#[test]
fn realistic_long_texts_are_never_cut() {
    let points = default_points(Lang::Id);
    let brand = kit();
    for size in [CardSize::Share, CardSize::A4Batch, CardSize::A4] {
        for fields in [long_fields(true), long_fields(false)] {
            let inputs = CardInputs {
                fields: &fields,
                points: &points,
                brand: &brand,
                logo: Some(logo()),
                photo: Some(photo()),
                signature: None,
                size,
                lang: Lang::Id,
                design: "",
            };
            let r = render_card_checked(&inputs, size.pixels().0).unwrap();
            assert_eq!(r.cut, [], "{size:?}");
        }
    }
}

#[test]
fn overlong_texts_are_cut_inside_their_boxes_and_reported() {
    let mut fields = long_fields(true);
    fields.name = "Nama Sangat Panjang ".repeat(10).trim().into(); // 199 characters
    fields.agency = "Dinas ".repeat(33).trim().into();
    fields.place = "Kota ".repeat(39).trim().into();
    let long_points: Vec<String> = (0..MAX_POINTS)
        .map(|i| {
            format!(
                "{} Butir {i}.",
                "Menjaga netralitas dalam setiap tugas. ".repeat(10)
            )
            .chars()
            .take(MAX_POINT_CHARS)
            .collect()
        })
        .collect();
    let brand = kit();
    let draw = |points: &[String]| {
        let inputs = CardInputs {
            fields: &fields,
            points,
            brand: &brand,
            logo: None,
            photo: None,
            signature: None,
            size: CardSize::Share,
            lang: Lang::Id,
            design: "",
        };
        render_card_checked(&inputs, 1080).unwrap()
    };
    let long = draw(&long_points);
    assert_eq!(long.cut, [Field::Name, Field::Place, Field::Point]);
    // The signature column (right of the QR, above the footer) is exactly as with the default
    // points: the clipped points never run into it. (Share layout: it spans x ≥ 372,
    // 950 ≤ y < 1286 in design units = pixels at 1080 wide.)
    let short = draw(&default_points(Lang::Id));
    for y in 950..1286 {
        for x in 372..1080 {
            assert_eq!(
                long.image.get_pixel(x, y),
                short.image.get_pixel(x, y),
                "({x}, {y})"
            );
        }
    }
}

#[test]
fn preview_is_the_export_scaled() {
    let fields = short_fields(true);
    let points = default_points(Lang::Id);
    let brand = kit();
    let inputs = CardInputs {
        fields: &fields,
        points: &points,
        brand: &brand,
        logo: Some(logo()),
        photo: Some(photo()),
        signature: None,
        size: CardSize::Share,
        lang: Lang::Id,
        design: "",
    };
    let small = render_card_at(&inputs, 360).unwrap();
    assert_eq!(small.dimensions(), (360, 450));
    let big = render_card(&inputs).unwrap();
    let scaled = image::imageops::resize(&big, 360, 450, image::imageops::FilterType::Triangle);
    // Same layout: the mean difference is small (anti-aliasing and hinting differ a little).
    let diff: u64 = small
        .as_raw()
        .iter()
        .zip(scaled.as_raw())
        .map(|(a, b)| u64::from(a.abs_diff(*b)))
        .sum();
    let mean = diff as f64 / small.as_raw().len() as f64;
    assert!(mean < 6.0, "mean difference {mean}");
    assert!(render_card_at(&inputs, 8).is_err());
    assert!(render_card_at(&inputs, 100_000).is_err());
}
