//! Pledge-card designs are data (`assets/templates/pledge/*.json`) drawn by the one renderer:
//! every design draws every size without cutting a realistic row, the landscape certificate has
//! its own golden and a QR that reads back, and the renderer's logo layer honours its fit and
//! alignment. `REGENERATE=1 cargo test --test card_designs` rewrites the golden.

mod support;

use campaign_kit::i18n::{Lang, Localized};
use campaign_kit::photo::Photo;
use campaign_kit::pledge::signature::{self, Stroke};
use campaign_kit::pledge::{
    default_points, designs, nip, qr_text, render_card, render_card_checked, CardInputs, CardSize,
    Date, PledgeFields,
};
use campaign_kit::render::{render, Inputs};
use campaign_kit::template::{Align, Color, Fit, Layer, LogoLayer, Paint, Template};
use image::{Rgba, RgbaImage};
use support::golden_check::check;
use support::kit::{astronaut as photo, kit, logo};

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

fn signature() -> RgbaImage {
    let points = (0..=60)
        .map(|i| {
            let t = i as f32 / 60.0;
            (40.0 + 420.0 * t, 100.0 - 50.0 * (t * 12.0).sin())
        })
        .collect();
    signature::from_strokes(&[Stroke { points }], 500, 200)
}

/// A long but real row: a name with every title, a long position and agency.
fn realistic_row() -> PledgeFields {
    PledgeFields {
        name: "Prof. Dr. Ir. Hj. Raden Ajeng Sri Wahyuningsih Kusumawardhani Purbaningrum, S.H., M.Hum., M.Si., Ph.D., IPU".into(),
        nip: Some(nip::parse("197003152000032002", today()).unwrap()),
        position: "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian pada Sekretariat Daerah".into(),
        agency: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kepulauan Siau Tagulandang Biaro, Provinsi Sulawesi Utara".into(),
        place: "Ondong Siau".into(),
        date: today(),
    }
}

fn short_row() -> PledgeFields {
    PledgeFields {
        name: "Budi Santoso, S.H.".into(),
        nip: Some(nip::parse("19850412 201001 1 003", today()).unwrap()),
        position: "Analis Kebijakan Ahli Muda".into(),
        agency: "Badan Kepegawaian dan Pengembangan SDM Kota Manado".into(),
        place: "Manado".into(),
        date: today(),
    }
}

#[test]
fn every_design_draws_every_size_without_cutting_a_realistic_row() {
    let points = default_points(Lang::Id);
    let brand = kit();
    let sig = signature();
    let fields = realistic_row();
    assert!(designs().len() >= 2);
    for design in designs() {
        for size in [CardSize::Share, CardSize::A4Batch, CardSize::A4] {
            for (with_photo, lang) in [(true, Lang::Id), (false, Lang::En)] {
                let inputs = CardInputs {
                    fields: &fields,
                    points: &points,
                    brand: &brand,
                    logo: Some(logo()),
                    photo: with_photo.then(photo),
                    signature: Some(&sig),
                    size,
                    lang,
                    design: &design.id,
                };
                let (w, h) = design.pixels(size);
                let r = render_card_checked(&inputs, w).unwrap();
                assert_eq!(r.image.dimensions(), (w, h), "{} {size:?}", design.id);
                assert_eq!(r.cut, [], "{} {size:?} photo={with_photo}", design.id);
                assert!(r.coverage.missing.is_empty(), "{:?}", r.coverage.missing);
            }
        }
    }
}

#[test]
fn an_unknown_design_is_a_typed_error() {
    let points = default_points(Lang::Id);
    let brand = kit();
    let fields = short_row();
    let inputs = CardInputs {
        fields: &fields,
        points: &points,
        brand: &brand,
        logo: None,
        photo: None,
        signature: None,
        size: CardSize::Share,
        lang: Lang::Id,
        design: "tidak-ada",
    };
    assert_eq!(
        render_card(&inputs).unwrap_err(),
        campaign_kit::pledge::PledgeError::Design("tidak-ada".into())
    );
}

fn certificate(fields: &PledgeFields, size: CardSize) -> RgbaImage {
    let points = default_points(Lang::Id);
    let brand = kit();
    let sig = signature();
    render_card(&CardInputs {
        fields,
        points: &points,
        brand: &brand,
        logo: Some(logo()),
        photo: Some(photo()),
        signature: Some(&sig),
        size,
        lang: Lang::Id,
        design: "sertifikat",
    })
    .unwrap()
}

#[test]
fn golden_landscape_certificate() {
    let image = certificate(&short_row(), CardSize::Share);
    assert_eq!(image.dimensions(), (1754, 1240));
    check("pledge/sertifikat-short-nip-photo", &image);
}

#[test]
fn the_certificate_qr_reads_back_as_the_cards_text() {
    let fields = realistic_row();
    let image = certificate(&fields, CardSize::Share);
    let grey = image::DynamicImage::ImageRgba8(image).into_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(grey);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code on the card");
    let (_, content) = grids[0].decode().expect("the QR decodes");
    assert_eq!(content, qr_text(&fields, &default_points(Lang::Id)));
}

/// A 20×10 red logo in a box spanning the canvas's width, drawn with `fit` and `align`.
fn logo_at(fit: Fit, align: Align) -> RgbaImage {
    let red = Photo::from_rgba(RgbaImage::from_pixel(20, 10, Rgba([255, 0, 0, 255])));
    let template = Template {
        id: "logo-test".into(),
        name: Localized {
            id: "t".into(),
            en: "t".into(),
        },
        size: [300, 300],
        background: Paint::Solid(Color::rgb(255, 255, 255)),
        layers: vec![Layer::Logo(LogoLayer {
            bounds: [0.0, 0.4, 1.0, 0.2],
            fit,
            align,
        })],
    };
    let inputs = Inputs {
        logo: Some(&red),
        ..Inputs::default()
    };
    render(&template, &inputs, 300).unwrap()
}

/// (first, last) columns with red ink, and the number of red pixels.
fn red_span(image: &RgbaImage) -> (u32, u32, usize) {
    let red: Vec<(u32, u32)> = image
        .enumerate_pixels()
        .filter(|(_, _, p)| p[0] > 200 && p[1] < 60)
        .map(|(x, y, _)| (x, y))
        .collect();
    let first = red.iter().map(|p| p.0).min().unwrap_or(u32::MAX);
    let last = red.iter().map(|p| p.0).max().unwrap_or(0);
    (first, last, red.len())
}

#[test]
fn a_logo_layer_honours_fit_and_alignment() {
    // Contain: 2:1 logo in a 300×60 box is 120×60, at the left, centre or right.
    let (l0, l1, _) = red_span(&logo_at(Fit::Contain, Align::Left));
    let (c0, c1, _) = red_span(&logo_at(Fit::Contain, Align::Center));
    let (r0, r1, _) = red_span(&logo_at(Fit::Contain, Align::Right));
    assert!(l0 <= 1 && (118..=121).contains(&l1), "left {l0}..{l1}");
    assert!(
        (89..=91).contains(&c0) && (208..=210).contains(&c1),
        "centre {c0}..{c1}"
    );
    assert!((179..=181).contains(&r0) && r1 >= 298, "right {r0}..{r1}");
    // Cover fills the whole box and no more (the logo's overflow is clipped to it).
    let cover = logo_at(Fit::Cover, Align::Center);
    let (_, _, n) = red_span(&cover);
    assert!((300 * 60 - 300..=300 * 60 + 300).contains(&n), "{n}");
    assert_eq!(
        cover.get_pixel(150, 115)[1],
        255,
        "above the box stays white"
    );
    assert_eq!(
        cover.get_pixel(150, 185)[1],
        255,
        "below the box stays white"
    );
}

#[path = "support/cli.rs"]
mod cli_support;

#[test]
fn the_cli_draws_the_design_it_is_given_and_refuses_an_unknown_one() {
    let dir = cli_support::scratch("card-designs", "cli-design");
    let out = dir.join("kartu.png");
    let run = |design: &str| {
        std::process::Command::new(cli_support::BIN)
            .args(["pledge", "--name", "Budi Santoso", "--date", "2026-11-26"])
            .args(["--design", design, "--out", cli_support::s(&out)])
            .output()
            .expect("run campaign-kit")
    };
    let ok = run("sertifikat");
    assert!(ok.status.success(), "{}", cli_support::describe(&ok));
    let image = image::open(&out).unwrap();
    assert_eq!((image.width(), image.height()), (1754, 1240));
    let bad = run("tidak-ada");
    assert_eq!(
        bad.status.code(),
        Some(2),
        "{}",
        cli_support::describe(&bad)
    );
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("sertifikat"), "{stderr}");
}
