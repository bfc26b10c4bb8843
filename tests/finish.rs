//! Finish: every product's file is its render encoded (PNG pixels equal to rendering directly,
//! JPEG and PDF the one encoder's bytes), named for the product, refused as a PDF off A4, and the
//! report says what was cut and which characters are missing. The CLI writes the same bytes.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/kit.rs"]
mod kit;

use kit::{fields, sig};

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use campaign_kit::brand::BrandKit;
use campaign_kit::export::{self, Format};
use campaign_kit::finish::{finish_pledge, finish_poster, finish_twibbon, FinishError, Output};
use campaign_kit::i18n::Lang;
use campaign_kit::photo::Photo;
use campaign_kit::pledge::{
    self, default_points, render_card, signature, CardInputs, CardSize, PledgeFields,
};
use campaign_kit::poster::{
    builtin_posters, overflowing_fields, poster_by_id, render_poster, PosterInputs, PosterSize,
};
use campaign_kit::render::{self, Inputs, PhotoTransform};
use campaign_kit::template::{builtin_frames, Template};
use image::RgbaImage;
use kit::{astronaut, logo};

/// The pixels of an encoded PNG or JPEG, as RGBA (an opaque PNG is stored as RGB: alpha 255).
fn decode(bytes: &[u8]) -> RgbaImage {
    image::load_from_memory(bytes).unwrap().into_rgba8()
}

fn card<'a>(
    fields: &'a PledgeFields,
    points: &'a [String],
    brand: &'a BrandKit,
    signature: Option<&'a RgbaImage>,
    size: CardSize,
    design: &'a str,
) -> CardInputs<'a> {
    CardInputs {
        fields,
        points,
        brand,
        logo: Some(logo()),
        photo: Some(astronaut()),
        signature,
        size,
        lang: Lang::Id,
        design,
    }
}

fn poster_inputs<'a>(
    values: &'a BTreeMap<String, String>,
    brand: &'a BrandKit,
) -> PosterInputs<'a> {
    PosterInputs {
        values,
        brand,
        photo: Some(astronaut()),
        transform: PhotoTransform::default(),
        logo: Some(logo()),
    }
}

// --- A small reader for the PDFs `pdf::PdfStream` writes --------------------------------------

struct Pdf {
    pages: usize,
    count: Option<f64>,
    media_box: Vec<f64>,
    image: (u32, u32),
    /// The image XObject's stream: the page's JPEG.
    jpeg: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The number after `key` in `dict` (PDF dictionaries are ASCII).
fn number_after(dict: &[u8], key: &str) -> Option<f64> {
    let at = find(dict, key.as_bytes())? + key.len();
    let rest = String::from_utf8_lossy(&dict[at..(at + 32).min(dict.len())]).into_owned();
    rest.split_whitespace().next()?.parse().ok()
}

/// `startxref` points at the table, and every entry of the table at its object's "N 0 obj".
fn check_xref(bytes: &[u8]) {
    let xref_at = rfind(bytes, b"xref\n0 ").expect("an xref table");
    let tail = std::str::from_utf8(&bytes[xref_at..]).expect("the tail is ASCII");
    let start: usize = tail
        .rsplit("startxref\n")
        .next()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    assert_eq!(start, xref_at, "startxref");
    let size: usize = tail["xref\n0 ".len()..]
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // `lines` would eat the "\r" of each entry's "\r\n": split on "\n" only.
    let entries: Vec<&str> = tail.split('\n').skip(2).take(size).collect();
    assert_eq!(entries[0], "0000000000 65535 f\r");
    for (id, entry) in entries.iter().enumerate().skip(1) {
        // 20 bytes per entry, the line end included.
        assert_eq!(entry.len(), 19, "{entry:?}");
        let offset: usize = entry[..10].parse().unwrap();
        let head = format!("{id} 0 obj");
        assert!(bytes[offset..].starts_with(head.as_bytes()), "object {id}");
    }
    assert!(tail.contains(&format!("/Size {size} ")), "trailer size");
}

/// Every offset is a byte offset in the file: the header's binary comment and the JPEG are not
/// UTF-8, so no lossy string stands in for the bytes.
fn read_pdf(bytes: &[u8]) -> Pdf {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert!(bytes.ends_with(b"%%EOF\n"), "no EOF marker");
    check_xref(bytes);
    // The image XObject's dictionary: from its "obj" to its "stream".
    let subtype_at = find(bytes, b"/Subtype /Image").expect("an image XObject");
    let obj_at = rfind(&bytes[..subtype_at], b" obj").expect("the image object");
    let stream_at = obj_at + find(&bytes[obj_at..], b"stream\n").expect("the image stream");
    let dict = &bytes[obj_at..stream_at];
    let image = (
        number_after(dict, "/Width").unwrap() as u32,
        number_after(dict, "/Height").unwrap() as u32,
    );
    let length = number_after(dict, "/Length").unwrap() as usize;
    let start = stream_at + "stream\n".len();
    assert_eq!(&bytes[start + length..start + length + 10], b"\nendstream");
    let jpeg = bytes[start..start + length].to_vec();
    // The rest of the file is ASCII: the page, its content, the tree, catalog, info and xref.
    let rest = &bytes[start + length..];
    let text = String::from_utf8_lossy(rest);
    // "/Type /Page" but not "/Type /Pages".
    let pages = text
        .match_indices("/Type /Page")
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count();
    let mb_at = text.find("/MediaBox [").expect("a MediaBox") + "/MediaBox [".len();
    let media_box = text[mb_at..mb_at + text[mb_at..].find(']').unwrap()]
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    Pdf {
        pages,
        count: number_after(rest, "/Count"),
        media_box,
        image,
        jpeg,
    }
}

// --- Twibbon --------------------------------------------------------------------------------

#[test]
fn twibbon_png_is_the_render_named_for_the_frame() {
    for frame in builtin_frames() {
        let inputs = Inputs {
            photo: Some(astronaut()),
            transform: PhotoTransform {
                zoom: 1.3,
                offset_x: 0.05,
                offset_y: -0.02,
                rotate: 4.0,
            },
            ..Inputs::default()
        };
        let finished = finish_twibbon(frame, &inputs, Output::Png).unwrap();
        let (direct, report) = render::render_report(frame, &inputs, frame.size[0]).unwrap();
        assert_eq!(decode(&finished.bytes), direct, "{}", frame.id);
        assert_eq!(
            finished.file_name,
            format!("twibbon-asn-pilih-netral-{}.png", frame.id)
        );
        assert_eq!(finished.mime, "image/png");
        assert_eq!(finished.report.cut, report.cut);
        assert_eq!(finished.report.missing, report.coverage.missing);
    }
}

#[test]
fn twibbon_jpeg_is_the_one_jpeg_encoder_of_the_render() {
    let frame = &builtin_frames()[0];
    let inputs = Inputs {
        photo: Some(astronaut()),
        ..Inputs::default()
    };
    let finished = finish_twibbon(frame, &inputs, Output::Jpeg).unwrap();
    let direct = render::render(frame, &inputs, frame.size[0]).unwrap();
    assert_eq!(
        finished.bytes,
        export::encode(&direct, Format::Jpeg).unwrap()
    );
    assert_eq!(
        finished.file_name,
        format!("twibbon-asn-pilih-netral-{}.jpg", frame.id)
    );
    assert_eq!(finished.mime, "image/jpeg");
}

#[test]
fn own_frame_twibbon_png_is_the_render() {
    // The user's own PNG frame: opaque border, transparent middle.
    let mut png = RgbaImage::from_pixel(600, 600, image::Rgba([0, 90, 160, 255]));
    for y in 100..500 {
        for x in 100..500 {
            png.put_pixel(x, y, image::Rgba([0, 0, 0, 0]));
        }
    }
    let own = Photo::from_rgba(png);
    let template = Template::user_frame();
    let inputs = Inputs {
        photo: Some(astronaut()),
        frame: Some(&own),
        ..Inputs::default()
    };
    let finished = finish_twibbon(&template, &inputs, Output::Png).unwrap();
    let direct = render::render(&template, &inputs, template.size[0]).unwrap();
    assert_eq!(decode(&finished.bytes), direct);
    assert_eq!(
        finished.file_name,
        "twibbon-asn-pilih-netral-bingkai-sendiri.png"
    );
}

#[test]
fn a_twibbon_is_never_a_pdf() {
    let inputs = Inputs {
        photo: Some(astronaut()),
        ..Inputs::default()
    };
    for frame in builtin_frames() {
        assert_eq!(
            finish_twibbon(frame, &inputs, Output::Pdf),
            Err(FinishError::PdfNeedsA4),
            "{}",
            frame.id
        );
    }
    assert_eq!(
        finish_twibbon(&Template::user_frame(), &inputs, Output::Pdf),
        Err(FinishError::PdfNeedsA4)
    );
}

// --- Poster ---------------------------------------------------------------------------------

#[test]
fn poster_png_is_the_render_named_for_poster_and_size() {
    let brand = kit::kit();
    let values = BTreeMap::from([("headline".to_string(), "Netral Itu Pilihan".to_string())]);
    let inputs = poster_inputs(&values, &brand);
    for poster in builtin_posters() {
        let size = PosterSize::Portrait;
        let finished = finish_poster(poster, size, &inputs, Output::Png).unwrap();
        let direct = render_poster(poster, size, &inputs, 1080).unwrap();
        assert_eq!(direct.dimensions(), (1080, 1350));
        assert_eq!(decode(&finished.bytes), direct, "{}", poster.id);
        assert_eq!(
            finished.file_name,
            format!("poster-asn-pilih-netral-{}-1080x1350.png", poster.id)
        );
        assert_eq!(finished.mime, "image/png");
    }
}

#[test]
fn poster_jpeg_names_carry_the_size_key() {
    let brand = kit::kit();
    let values = BTreeMap::new();
    let inputs = poster_inputs(&values, &brand);
    let poster = poster_by_id("slogan").unwrap();
    for size in [PosterSize::Square, PosterSize::Story] {
        let finished = finish_poster(poster, size, &inputs, Output::Jpeg).unwrap();
        assert_eq!(
            finished.file_name,
            format!("poster-asn-pilih-netral-slogan-{}.jpg", size.key())
        );
        assert_eq!(finished.mime, "image/jpeg");
        let direct = render_poster(poster, size, &inputs, size.pixels().0).unwrap();
        assert_eq!(
            finished.bytes,
            export::encode(&direct, Format::Jpeg).unwrap(),
            "{size:?}"
        );
    }
    assert_eq!(PosterSize::Square.key(), "1080x1080");
    assert_eq!(PosterSize::Story.key(), "1080x1920");
}

#[test]
fn a_poster_pdf_needs_a4() {
    let brand = kit::kit();
    let values = BTreeMap::new();
    let inputs = poster_inputs(&values, &brand);
    let poster = poster_by_id("ikrar").unwrap();
    for size in [PosterSize::Square, PosterSize::Portrait, PosterSize::Story] {
        assert_eq!(
            finish_poster(poster, size, &inputs, Output::Pdf),
            Err(FinishError::PdfNeedsA4),
            "{size:?}"
        );
    }
}

#[test]
fn an_a4_poster_pdf_is_one_portrait_a4_page_of_the_render() {
    let brand = kit::kit();
    let values = BTreeMap::new();
    let inputs = poster_inputs(&values, &brand);
    let poster = poster_by_id("sosialisasi").unwrap();
    let finished = finish_poster(poster, PosterSize::A4, &inputs, Output::Pdf).unwrap();
    assert_eq!(
        finished.file_name,
        "poster-asn-pilih-netral-sosialisasi-a4.pdf"
    );
    assert_eq!(finished.mime, "application/pdf");
    let pdf = read_pdf(&finished.bytes);
    assert_eq!(pdf.pages, 1);
    assert_eq!(pdf.count, Some(1.0));
    assert_eq!(pdf.media_box, [0.0, 0.0, 595.28, 841.89]);
    assert_eq!(pdf.image, (2480, 3508));
    let direct = render_poster(poster, PosterSize::A4, &inputs, 2480).unwrap();
    assert!(
        pdf.jpeg == export::encode(&direct, Format::Jpeg).unwrap(),
        "the page is not the render's JPEG"
    );
}

#[test]
fn a_far_too_long_headline_is_reported_as_cut() {
    let brand = kit::kit();
    let long = "Aparatur Sipil Negara wajib menjaga netralitas ".repeat(40);
    let values = BTreeMap::from([("headline".to_string(), long)]);
    let inputs = poster_inputs(&values, &brand);
    for poster in builtin_posters() {
        let size = PosterSize::Square;
        let finished = finish_poster(poster, size, &inputs, Output::Png).unwrap();
        assert!(
            finished.report.cut.iter().any(|k| k == "headline"),
            "{}: {:?}",
            poster.id,
            finished.report.cut
        );
        assert_eq!(
            finished.report.cut,
            overflowing_fields(poster, size, &inputs)
        );
    }
    // The default texts fit: nothing is reported.
    let values = BTreeMap::new();
    let inputs = poster_inputs(&values, &brand);
    let finished = finish_poster(
        &builtin_posters()[0],
        PosterSize::Square,
        &inputs,
        Output::Png,
    )
    .unwrap();
    assert_eq!(finished.report, Default::default());
}

// --- Pledge card ----------------------------------------------------------------------------

#[test]
fn pledge_png_is_the_render_named_for_the_person() {
    let (fields, points, brand, sig) = (fields(), default_points(Lang::Id), kit::kit(), sig());
    for design in ["", "potret", "sertifikat"] {
        let inputs = card(
            &fields,
            &points,
            &brand,
            Some(&sig),
            CardSize::Share,
            design,
        );
        let finished = finish_pledge(&inputs, Output::Png).unwrap();
        let direct = render_card(&inputs).unwrap();
        assert_eq!(decode(&finished.bytes), direct, "{design:?}");
        assert_eq!(
            finished.file_name,
            format!("{}.png", pledge::file_stem(&fields))
        );
        assert_eq!(
            finished.file_name,
            "ikrar-dra-siti-rahmawati-m-si-197805212002122004.png"
        );
        assert_eq!(finished.mime, "image/png");
        assert_eq!(finished.report, Default::default(), "{design:?}");
    }
}

#[test]
fn a_pledge_pdf_needs_a4() {
    let (fields, points, brand) = (fields(), default_points(Lang::Id), kit::kit());
    for size in [CardSize::Share, CardSize::A4Batch] {
        for design in ["potret", "sertifikat"] {
            let inputs = card(&fields, &points, &brand, None, size, design);
            assert_eq!(
                finish_pledge(&inputs, Output::Pdf),
                Err(FinishError::PdfNeedsA4),
                "{size:?} {design}"
            );
        }
    }
}

#[test]
fn an_a4_card_pdf_is_one_portrait_a4_page_named_for_the_person() {
    let (fields, points, brand, sig) = (fields(), default_points(Lang::Id), kit::kit(), sig());
    let inputs = card(&fields, &points, &brand, Some(&sig), CardSize::A4, "");
    let finished = finish_pledge(&inputs, Output::Pdf).unwrap();
    assert_eq!(
        finished.file_name,
        format!("{}.pdf", pledge::file_stem(&fields))
    );
    assert_eq!(finished.mime, "application/pdf");
    let pdf = read_pdf(&finished.bytes);
    assert_eq!(pdf.pages, 1);
    assert_eq!(pdf.count, Some(1.0));
    assert_eq!(pdf.media_box, [0.0, 0.0, 595.28, 841.89]);
    assert_eq!(pdf.image, (2480, 3508));
    let direct = render_card(&inputs).unwrap();
    assert!(
        pdf.jpeg == export::encode(&direct, Format::Jpeg).unwrap(),
        "the page is not the render's JPEG"
    );
}

#[test]
fn the_landscape_certificate_at_a4_is_a_landscape_page() {
    let (fields, points, brand) = (fields(), default_points(Lang::Id), kit::kit());
    let inputs = card(&fields, &points, &brand, None, CardSize::A4, "sertifikat");
    let finished = finish_pledge(&inputs, Output::Pdf).unwrap();
    let pdf = read_pdf(&finished.bytes);
    assert_eq!(pdf.pages, 1);
    assert_eq!(pdf.media_box, [0.0, 0.0, 841.89, 595.28]);
    assert_eq!(
        (pdf.media_box[2].round(), pdf.media_box[3].round()),
        (842.0, 595.0)
    );
    assert_eq!(pdf.image, (3508, 2480));
}

#[test]
fn a_character_no_font_draws_is_reported_missing() {
    let (points, brand) = (default_points(Lang::Id), kit::kit());
    let fields = PledgeFields {
        name: "Budi \u{E000} Santoso".into(),
        ..fields()
    };
    let inputs = card(&fields, &points, &brand, None, CardSize::Share, "");
    let finished = finish_pledge(&inputs, Output::Png).unwrap();
    assert_eq!(finished.report.missing, ["\u{E000}"]);
    assert_eq!(finished.report.cut, Vec::<String>::new());
}

// --- Output ---------------------------------------------------------------------------------

#[test]
fn output_from_path_reads_the_extension() {
    for (path, want) in [
        ("kartu.png", Some(Output::Png)),
        ("KARTU.PNG", Some(Output::Png)),
        ("a/b.c/poster.jpg", Some(Output::Jpeg)),
        ("poster.jpeg", Some(Output::Jpeg)),
        ("poster.JPEG", Some(Output::Jpeg)),
        ("cetak.pdf", Some(Output::Pdf)),
        ("cetak.PDF", Some(Output::Pdf)),
        ("anim.gif", None),
        ("no-extension", None),
        ("dir.png/no-extension", None),
        ("", None),
    ] {
        assert_eq!(Output::from_path(path), want, "{path:?}");
    }
    for (output, ext, mime) in [
        (Output::Png, "png", "image/png"),
        (Output::Jpeg, "jpg", "image/jpeg"),
        (Output::Pdf, "pdf", "application/pdf"),
    ] {
        assert_eq!(output.extension(), ext);
        assert_eq!(output.mime(), mime);
        // The name a file gets is read back as the same output.
        assert_eq!(Output::from_path(&format!("x.{ext}")), Some(output));
    }
}

// --- The CLI writes the finish function's bytes ----------------------------------------------

fn signature_png(dir: &Path) -> std::path::PathBuf {
    let mut paper = RgbaImage::from_pixel(340, 120, image::Rgba([255, 255, 255, 255]));
    image::imageops::overlay(&mut paper, &sig(), 0, 0);
    let path = dir.join("ttd.png");
    paper.save(&path).unwrap();
    path
}

fn cli_pledge_equals_finish(out_name: &str, size: CardSize, output: Output) {
    let dir = cli::scratch("finish", out_name);
    let kit_path = dir.join("kit.json");
    let brand = BrandKit {
        agency: "Inspektorat Daerah Kota Bitung".into(),
        issuer: "Badan Kepegawaian Negara".into(),
        ..BrandKit::default()
    };
    std::fs::write(&kit_path, brand.to_json()).unwrap();
    let sig_path = signature_png(&dir);
    let out = dir.join(out_name);
    let photo_path = cli::fixture("astronaut.jpg");
    let o = Command::new(cli::BIN)
        .args([
            "pledge",
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
            cli::s(&photo_path),
            "--signature",
            cli::s(&sig_path),
            "--brand",
            cli::s(&kit_path),
            "--out",
            cli::s(&out),
        ])
        .env("LANG", "id_ID.UTF-8")
        .output()
        .expect("run campaign-kit");
    assert!(o.status.success(), "{}", cli::describe(&o));
    assert!(o.stderr.is_empty(), "{}", cli::describe(&o));
    let from_cli = std::fs::read(&out).unwrap();

    let fields = fields();
    let points = default_points(Lang::Id);
    let photo = Photo::decode(&std::fs::read(&photo_path).unwrap()).unwrap();
    let signature = signature::from_upload(&std::fs::read(&sig_path).unwrap()).unwrap();
    let inputs = CardInputs {
        fields: &fields,
        points: &points,
        brand: &brand,
        logo: None,
        photo: Some(&photo),
        signature: Some(&signature),
        size,
        lang: Lang::Id,
        design: "",
    };
    let finished = finish_pledge(&inputs, output).unwrap();
    assert!(from_cli == finished.bytes, "the CLI's {out_name} differs");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_pledge_png_is_byte_identical_to_finish_pledge() {
    cli_pledge_equals_finish("kartu.png", CardSize::Share, Output::Png);
}

#[test]
fn cli_pledge_pdf_is_byte_identical_to_finish_pledge() {
    cli_pledge_equals_finish("kartu.pdf", CardSize::A4, Output::Pdf);
}
