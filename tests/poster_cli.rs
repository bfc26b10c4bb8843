//! `campaign-kit poster`: every output format, the PDF at A4, one-line errors, and the same
//! pixels as the library (and so as the app, which calls the same `render_poster`).

#[path = "support/cli.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use campaign_kit::brand::{decode_logo, BrandKit, Logo};
use campaign_kit::photo::Photo;
use campaign_kit::poster::{poster_by_id, render_poster, PosterInputs, PosterSize};
use campaign_kit::render::PhotoTransform;
use image::ImageFormat;
use support::{describe, fixture, s, BIN};

const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10"><rect x="1" y="1" width="8" height="8" rx="2" fill="#C0392B"/></svg>"##;

fn scratch(test: &str) -> PathBuf {
    support::scratch("poster", test)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("poster")
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run campaign-kit")
}

#[test]
fn writes_png_and_jpeg_at_each_size() {
    let dir = scratch("sizes");
    for (size, ext, dims) in [
        ("1080x1080", "png", (1080, 1080)),
        ("1080x1350", "jpg", (1080, 1350)),
        ("1080x1920", "png", (1080, 1920)),
        ("a4", "jpeg", (2480, 3508)),
    ] {
        let out = dir.join(format!("p-{size}.{ext}"));
        let o = run(&["--template", "larangan", "--size", size, "--out", s(&out)]);
        assert!(o.status.success(), "{size}: {}", describe(&o));
        let image = image::open(&out).unwrap();
        assert_eq!((image.width(), image.height()), dims, "{size}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn pdf_is_one_a4_page_with_the_300_dpi_image() {
    let dir = scratch("pdf");
    let out = dir.join("poster.pdf");
    let o = run(&[
        "--template",
        "sosialisasi",
        "--agency",
        "Dinas Komunikasi dan Informatika",
        "--field",
        "date=Senin, 7 Desember 2026",
        "--field",
        "place=Aula Serbaguna",
        "--out",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", describe(&o));
    let pdf = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        text.contains("/MediaBox [0 0 595.28 841.89]"),
        "A4 MediaBox"
    );
    assert!(
        text.contains("/Width 2480") && text.contains("/Height 3508"),
        "300-dpi image"
    );
    assert!(text.contains("/Filter /DCTDecode"));
    // A PDF at another size is refused in one line.
    let o = run(&[
        "--template",
        "slogan",
        "--size",
        "1080x1350",
        "--out",
        s(&dir.join("x.pdf")),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", describe(&o));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_output_equals_the_library_render() {
    let dir = scratch("same");
    let logo = dir.join("logo.svg");
    std::fs::write(&logo, LOGO_SVG).unwrap();
    let out = dir.join("ikrar.png");
    let photo = fixture("astronaut.jpg");
    let o = run(&[
        "--template",
        "ikrar",
        "--size",
        "1080x1350",
        "--photo",
        s(&photo),
        "--logo",
        s(&logo),
        "--agency",
        "Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe",
        "--headline",
        "KAMI NETRAL",
        "--body",
        "Netral itu profesional.",
        "--field",
        "name=Dr. Siti Aminah, M.Si.",
        "--out",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", describe(&o));
    let from_cli =
        image::load_from_memory_with_format(&std::fs::read(&out).unwrap(), ImageFormat::Png)
            .unwrap()
            .into_rgba8();

    let kit = BrandKit {
        agency: "Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe".into(),
        logo: Some(Logo::from_bytes(LOGO_SVG.as_bytes().to_vec()).unwrap()),
        ..BrandKit::default()
    };
    let logo = decode_logo(kit.logo.as_ref().unwrap()).unwrap();
    let photo = Photo::decode(&std::fs::read(photo).unwrap()).unwrap();
    let values = BTreeMap::from([
        ("headline".to_string(), "KAMI NETRAL".to_string()),
        ("body".to_string(), "Netral itu profesional.".to_string()),
        ("name".to_string(), "Dr. Siti Aminah, M.Si.".to_string()),
    ]);
    let inputs = PosterInputs {
        values: &values,
        brand: &kit,
        photo: Some(&photo),
        transform: PhotoTransform::default(),
        logo: Some(&logo),
    };
    let from_library = render_poster(
        poster_by_id("ikrar").unwrap(),
        PosterSize::Portrait,
        &inputs,
        1080,
    )
    .unwrap();
    assert_eq!(from_cli.dimensions(), from_library.dimensions());
    assert!(
        from_cli
            .pixels()
            .zip(from_library.pixels())
            .all(|(a, b)| a == b),
        "pixels differ"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn brand_kit_file_is_used_and_bad_input_gives_one_line() {
    let dir = scratch("errors");
    let kit = dir.join("kit.json");
    std::fs::write(
        &kit,
        BrandKit {
            agency: "Inspektorat Daerah".into(),
            ..BrandKit::default()
        }
        .to_json(),
    )
    .unwrap();
    let out = dir.join("x.png");
    let o = run(&["--template", "slogan", "--brand", s(&kit), "--out", s(&out)]);
    assert!(o.status.success(), "{}", describe(&o));

    let bad_kit = dir.join("bad.json");
    std::fs::write(&bad_kit, "{\"agency\": 12}").unwrap();
    let gif = dir.join("logo.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00").unwrap();
    let long_text = "Netral ".repeat(400);
    let gif_out = dir.join("x.gif");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--template", "nope", "--out", s(&out)], "slogan"),
        (vec!["--template", "slogan", "--out", s(&gif_out)], "x.gif"),
        (
            vec![
                "--template",
                "slogan",
                "--brand",
                s(&bad_kit),
                "--out",
                s(&out),
            ],
            "bad.json",
        ),
        (
            vec!["--template", "slogan", "--logo", s(&gif), "--out", s(&out)],
            "logo.gif",
        ),
        (
            vec![
                "--template",
                "slogan",
                "--field",
                "nope=1",
                "--out",
                s(&out),
            ],
            "nope",
        ),
        (
            vec!["--template", "slogan", "--size", "a3", "--out", s(&out)],
            "a3",
        ),
    ];
    for (args, needle) in cases {
        let o = run(&args);
        let code = o.status.code();
        assert!(
            code.is_some() && code != Some(0) && code != Some(101),
            "{args:?}: {}",
            describe(&o)
        );
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if code == Some(1) {
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        }
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    // Too-long text is made anyway, with a one-line warning naming the field.
    let o = run(&[
        "--template",
        "slogan",
        "--body",
        &long_text,
        "--out",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", describe(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("body"));
    let _ = std::fs::remove_dir_all(dir);
}
