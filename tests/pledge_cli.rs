//! `campaign-kit pledge`: PNG, JPEG and A4 PDF, the same pixels as the library (so as the app),
//! and one-line errors that name what is wrong (the NIP part, the date, the file).

#[path = "support/kit.rs"]
mod kit;
#[path = "support/cli.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use campaign_kit::brand::BrandKit;
use campaign_kit::i18n::Lang;
use campaign_kit::photo::Photo;
use campaign_kit::pledge::{
    default_points, nip, render_card, signature, CardInputs, CardSize, Date, PledgeFields,
};
use support::{describe, fixture, s, BIN};

fn scratch(test: &str) -> PathBuf {
    support::scratch("pledge", test)
}

fn run(args: &[&str], lang: &str) -> Output {
    Command::new(BIN)
        .arg("pledge")
        .args(args)
        .env("LANG", lang)
        .output()
        .expect("run campaign-kit")
}

/// A signature "scan": pad strokes flattened on white paper, as a PNG file.
fn signature_png(dir: &Path) -> PathBuf {
    let ink = kit::sig();
    let mut paper = image::RgbaImage::from_pixel(340, 120, image::Rgba([255, 255, 255, 255]));
    image::imageops::overlay(&mut paper, &ink, 0, 0);
    let path = dir.join("ttd.png");
    paper.save(&path).unwrap();
    path
}

#[test]
fn png_equals_the_library_render() {
    let dir = scratch("same");
    let kit_path = dir.join("kit.json");
    let kit = BrandKit {
        agency: "Inspektorat Daerah Kota Bitung".into(),
        issuer: "Badan Kepegawaian Negara".into(),
        ..BrandKit::default()
    };
    std::fs::write(&kit_path, kit.to_json()).unwrap();
    let sig_path = signature_png(&dir);
    let out = dir.join("kartu.png");
    let astronaut = fixture("astronaut.jpg");
    let args = [
        "--name",
        "Dra. Siti Rahmawati, M.Si.",
        "--nip",
        "19780521 200212 2 004",
        "--position",
        "Auditor Ahli Madya",
        "--agency",
        "Inspektorat Daerah",
        "--place",
        "Bitung",
        "--date",
        "2026-11-26",
        "--photo",
        s(&astronaut),
        "--signature",
        s(&sig_path),
        "--brand",
        s(&kit_path),
        "--out",
        s(&out),
    ];
    let o = run(&args, "id_ID.UTF-8");
    assert!(o.status.success(), "{}", describe(&o));
    let from_cli = image::open(&out).unwrap().into_rgba8();
    assert_eq!(from_cli.dimensions(), (1080, 1350));

    let date = Date::new(2026, 11, 26).unwrap();
    let fields = PledgeFields {
        name: "Dra. Siti Rahmawati, M.Si.".into(),
        nip: Some(nip::parse("197805212002122004", date).unwrap()),
        position: "Auditor Ahli Madya".into(),
        agency: "Inspektorat Daerah".into(),
        place: "Bitung".into(),
        date,
    };
    let points = default_points(Lang::Id);
    let photo = Photo::decode(&std::fs::read(fixture("astronaut.jpg")).unwrap()).unwrap();
    let sig = signature::from_upload(&std::fs::read(&sig_path).unwrap()).unwrap();
    let inputs = CardInputs {
        fields: &fields,
        points: &points,
        brand: &kit,
        logo: None,
        photo: Some(&photo),
        signature: Some(&sig),
        size: CardSize::Share,
        lang: Lang::Id,
        design: "",
    };
    let from_lib = render_card(&inputs).unwrap();
    // PNG is lossless, and the library drops alpha for opaque images: compare RGB.
    let rgb = |i: &image::RgbaImage| image::DynamicImage::ImageRgba8(i.clone()).into_rgb8();
    assert!(
        rgb(&from_cli) == rgb(&from_lib),
        "CLI and library renders differ"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The text of the one QR code on a card, read from its pixels as a phone would.
fn read_qr(image: &image::RgbaImage) -> String {
    let grey = image::DynamicImage::ImageRgba8(image.clone()).into_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(grey);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code on the card");
    grids[0].decode().expect("the QR decodes").1
}

#[test]
fn a_pppk_number_makes_a_card_labelled_ni_pppk() {
    // The PPPK teacher, typed without spaces: the card is made (exit 0, nothing on
    // stderr), carries her number grouped under its own name, and equals the library's card.
    let dir = scratch("pppk");
    let out = dir.join("kartu.png");
    let o = run(
        &[
            "--name",
            "Sri Wahyuni, S.Pd.",
            "--nip",
            "198507032023212012",
            "--position",
            "Guru Ahli Pertama",
            "--date",
            "2026-11-26",
            "--out",
            s(&out),
        ],
        "id_ID.UTF-8",
    );
    assert!(o.status.success(), "{}", describe(&o));
    assert!(o.stderr.is_empty(), "{}", describe(&o));
    let card = image::open(&out).unwrap().into_rgba8();
    let qr = read_qr(&card);
    assert!(
        qr.contains("\nNI PPPK: 19850703 202321 2 012\n"),
        "the QR names the NI PPPK: {qr}"
    );

    let date = Date::new(2026, 11, 26).unwrap();
    let number = nip::parse("19850703 202321 2 012", date).unwrap();
    assert_eq!(number.kind(), nip::Kind::Pppk);
    let fields = PledgeFields {
        name: "Sri Wahyuni, S.Pd.".into(),
        nip: Some(number),
        position: "Guru Ahli Pertama".into(),
        agency: String::new(),
        place: String::new(),
        date,
    };
    let points = default_points(Lang::Id);
    let kit = BrandKit::default();
    let from_lib = render_card(&CardInputs {
        fields: &fields,
        points: &points,
        brand: &kit,
        logo: None,
        photo: None,
        signature: None,
        size: CardSize::Share,
        lang: Lang::Id,
        design: "",
    })
    .unwrap();
    let rgb = |i: &image::RgbaImage| image::DynamicImage::ImageRgba8(i.clone()).into_rgb8();
    assert!(
        rgb(&card) == rgb(&from_lib),
        "CLI and library renders differ"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn edited_points_are_printed_and_hashed() {
    let dir = scratch("points");
    let (a, b) = (dir.join("a.png"), dir.join("b.png"));
    let base = ["--name", "Budi", "--date", "2026-11-26"];
    let o = run(&[&base[..], &["--out", s(&a)]].concat(), "en_US.UTF-8");
    assert!(o.status.success(), "{}", describe(&o));
    let o = run(
        &[
            &base[..],
            &[
                "--point",
                "Bersikap netral.",
                "--point",
                "Menolak politik uang.",
                "--out",
                s(&b),
            ],
        ]
        .concat(),
        "en_US.UTF-8",
    );
    assert!(o.status.success(), "{}", describe(&o));
    let (a, b) = (
        image::open(&a).unwrap().into_rgb8(),
        image::open(&b).unwrap().into_rgb8(),
    );
    assert_ne!(a, b, "two points instead of the default four");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn text_cut_to_fit_is_a_one_line_warning_not_an_error() {
    let dir = scratch("cut");
    let out = dir.join("k.png");
    let name = "Nama Sangat Panjang ".repeat(10);
    let o = run(&["--name", name.trim(), "--out", s(&out)], "en_US.UTF-8");
    assert!(o.status.success(), "{}", describe(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("warning") && stderr.contains("Name"),
        "{stderr}"
    );
    assert!(out.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn jpeg_a4_and_pdf() {
    let dir = scratch("formats");
    let jpg = dir.join("k.jpg");
    let o = run(
        &["--name", "Budi", "--size", "a4", "--out", s(&jpg)],
        "en_US.UTF-8",
    );
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(
        image::open(&jpg).unwrap().into_rgb8().dimensions(),
        (2480, 3508)
    );

    let pdf = dir.join("k.pdf");
    let o = run(
        &["--name", "Budi", "--lang", "en", "--out", s(&pdf)],
        "en_US.UTF-8",
    );
    assert!(o.status.success(), "{}", describe(&o));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/Width 2480") && text.contains("/Height 3508"),
        "A4 at 300 dpi"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_input_gives_one_line_naming_the_problem() {
    let dir = scratch("errors");
    let out = dir.join("k.png");
    let junk = dir.join("junk.png");
    std::fs::write(&junk, b"not a picture").unwrap();
    let (gif, pdf) = (dir.join("k.gif"), dir.join("k.pdf"));
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec![
                "--name",
                "Budi",
                "--nip",
                "19851312 201001 1 003",
                "--out",
                s(&out),
            ],
            "id_ID.UTF-8",
            "Tanggal lahir pada NIP tidak valid",
        ),
        (
            vec![
                "--name",
                "Budi",
                "--nip",
                "19851312 201001 1 003",
                "--out",
                s(&out),
            ],
            "en_US.UTF-8",
            "birth date in the NIP",
        ),
        (
            vec![
                "--name",
                "Budi",
                "--nip",
                "19850412 201001 5 003",
                "--out",
                s(&out),
            ],
            "en_US.UTF-8",
            "gender digit",
        ),
        // A PPPK's NI PPPK is named as such, with the part that is wrong.
        (
            vec![
                "--name",
                "Budi",
                "--nip",
                "19850703 201821 2 012",
                "--out",
                s(&out),
            ],
            "id_ID.UTF-8",
            "Tahun pengangkatan pada NI PPPK harus 2019",
        ),
        (
            vec![
                "--name",
                "Budi",
                "--nip",
                "19850703 202321 5 012",
                "--out",
                s(&out),
            ],
            "en_US.UTF-8",
            "gender digit in the NI PPPK",
        ),
        (
            vec![
                "--name",
                "Budi",
                "--nip",
                "19850703 209921 2 012",
                "--out",
                s(&out),
            ],
            "en_US.UTF-8",
            "year of appointment in the NI PPPK is in the future",
        ),
        (
            vec!["--name", "Budi", "--nip", "1985", "--out", s(&out)],
            "en_US.UTF-8",
            "18 digits",
        ),
        (
            vec!["--name", "Budi", "--date", "26-11-2026", "--out", s(&out)],
            "en_US.UTF-8",
            "YYYY-MM-DD",
        ),
        (
            vec!["--name", "  ", "--out", s(&out)],
            "en_US.UTF-8",
            "name is required",
        ),
        (
            vec!["--name", "Budi", "--signature", s(&junk), "--out", s(&out)],
            "en_US.UTF-8",
            "junk.png",
        ),
        (
            vec!["--name", "Budi", "--out", s(&gif)],
            "en_US.UTF-8",
            "k.gif",
        ),
        (
            vec!["--name", "Budi", "--size", "share", "--out", s(&pdf)],
            "en_US.UTF-8",
            "A4",
        ),
    ];
    for (args, lang, needle) in cases {
        let o = run(&args, lang);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", describe(&o));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    let o = run(
        &[
            "--name",
            "Budi",
            "--point",
            "Satu.",
            "--point",
            " ",
            "--out",
            s(&out),
        ],
        "en_US.UTF-8",
    );
    assert_eq!(o.status.code(), Some(1), "{}", describe(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("none of them empty"));
    assert!(!out.exists(), "nothing is written on error");
    let _ = std::fs::remove_dir_all(dir);
}
