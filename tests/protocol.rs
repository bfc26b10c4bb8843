//! The worker messages: every message survives the wire (write, then read, is the same value);
//! anything else is a `ProtocolError`, never some default job; the attached images come back as
//! the very pixels they left as; and an export run by the export worker is the finish function's
//! file, byte for byte.

#[path = "support/kit.rs"]
mod kit;

use kit::{fields, sig};

use std::collections::BTreeMap;

use campaign_kit::brand::BrandKit;
use campaign_kit::finish::{self, FinishError, Output};
use campaign_kit::i18n::{Lang, Localized};
use campaign_kit::intake::IntakeError;
use campaign_kit::photo::Photo;
use campaign_kit::pledge::{self, default_points, CardInputs, CardSize};
use campaign_kit::poster::{poster_by_id, PosterInputs, PosterSize};
use campaign_kit::protocol::{self, batch, decode, export, ProtocolError};
use campaign_kit::render::{self, Inputs, PhotoTransform};
use campaign_kit::template::{builtin_frames, frame_by_id, Template};
use campaign_kit::text::Fallback;
use image::RgbaImage;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trip<T>(message: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = protocol::write(message);
    let back: T = protocol::read(Some(&json)).unwrap_or_else(|e| panic!("{json}: {e}"));
    assert_eq!(&back, message, "{json}");
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(kit::manifest_dir().join("tests/fixtures").join(name)).unwrap()
}

fn transform() -> PhotoTransform {
    PhotoTransform {
        zoom: 1.5,
        offset_x: 0.125,
        offset_y: -0.0625,
        rotate: 12.5,
    }
}

/// A user's own frame PNG: an opaque border round a transparent window, with a soft edge.
fn own_frame() -> Photo {
    let mut png = RgbaImage::from_pixel(700, 700, image::Rgba([0, 90, 160, 255]));
    for y in 120..580 {
        for x in 120..580 {
            let edge = (x - 120).min(579 - x).min(y - 120).min(579 - y);
            let a = if edge < 16 { 255 - edge * 16 } else { 0 };
            png.put_pixel(x, y, image::Rgba([200, 30, 30, a as u8]));
        }
    }
    Photo::from_rgba(png)
}

// --- Every message round-trips ---------------------------------------------------------------

/// Fails to compile when a variant is added, so the lists below must grow with the enums.
fn decode_request_variants(r: &decode::Request) {
    match r {
        decode::Request::Decode { .. } => {}
    }
}

fn decode_reply_variants(r: &decode::Reply) {
    match r {
        decode::Reply::Ready
        | decode::Reply::Decoded { .. }
        | decode::Reply::Failed { .. }
        | decode::Reply::Elsewhere { .. } => {}
    }
}

fn batch_request_variants(r: &batch::Request) {
    match r {
        batch::Request::Parse { .. } | batch::Request::Run { .. } => {}
    }
}

fn batch_reply_variants(r: &batch::Reply) {
    match r {
        batch::Reply::Ready
        | batch::Reply::Parsed { .. }
        | batch::Reply::Progress { .. }
        | batch::Reply::Chunk { .. }
        | batch::Reply::Done { .. }
        | batch::Reply::Failed { .. } => {}
    }
}

fn export_request_variants(r: &export::Request) {
    match r {
        export::Request::Export { .. }
        | export::Request::Hold { .. }
        | export::Request::Preview { .. }
        | export::Request::DecodePhoto { .. } => {}
    }
}

fn export_reply_variants(r: &export::Reply) {
    match r {
        export::Reply::Ready
        | export::Reply::Exported { .. }
        | export::Reply::Previewed { .. }
        | export::Reply::Returned
        | export::Reply::PhotoHeld { .. }
        | export::Reply::PhotoElsewhere { .. }
        | export::Reply::PhotoFailed { .. }
        | export::Reply::Failed { .. } => {}
    }
}

#[test]
fn every_decode_request_and_reply_round_trips() {
    let requests: Vec<decode::Request> = [
        decode::Kind::Photo,
        decode::Kind::Logo,
        decode::Kind::Signature,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, kind)| decode::Request::Decode {
        id: i as u32 + 7,
        kind,
    })
    .collect();
    for r in &requests {
        decode_request_variants(r);
        round_trip(r);
    }
    let replies = [
        decode::Reply::Ready,
        decode::Reply::Decoded {
            id: 3,
            width: 4000,
            height: 3000,
            memory: 268_435_456.0,
            decoder: decode::Decoder::Browser,
        },
        decode::Reply::Decoded {
            id: 5,
            width: 40,
            height: 30,
            memory: 1_048_576.0,
            decoder: decode::Decoder::Wasm,
        },
        decode::Reply::Elsewhere { id: 6 },
        decode::Reply::Failed {
            id: Some(4),
            error: decode::Failure::Intake(IntakeError::TooLarge {
                width: 30_000,
                height: 20_000,
            }),
        },
        decode::Reply::Failed {
            id: Some(5),
            error: decode::Failure::Intake(IntakeError::Heic),
        },
        decode::Reply::Failed {
            id: Some(6),
            error: decode::Failure::Logo("unexpected \"<\" at line 1".into()),
        },
        decode::Reply::Failed {
            id: None,
            error: decode::Failure::Protocol(ProtocolError::Unknown("what?".into())),
        },
        decode::Reply::Failed {
            id: None,
            error: decode::Failure::Protocol(ProtocolError::Attachments {
                expected: 1,
                got: 0,
            }),
        },
        decode::Reply::Failed {
            id: None,
            error: decode::Failure::Protocol(ProtocolError::NotText),
        },
    ];
    for r in &replies {
        decode_reply_variants(r);
        round_trip(r);
    }
}

fn settings() -> batch::Settings {
    batch::Settings {
        lang: Lang::En,
        today: "2026-11-26".into(),
        place: "Bitung".into(),
        date: "2026-11-27".into(),
        agency: "Inspektorat Daerah".into(),
        points: default_points(Lang::En),
        brand: kit::kit(),
        design: "sertifikat".into(),
    }
}

fn export_jobs() -> Vec<export::ExportJob> {
    let frame = own_frame();
    let s = sig();
    let images = export::Images {
        photo: Some(kit::astronaut()),
        frame: Some(&frame),
        logo: Some(kit::logo()),
        signature: Some(&s),
    };
    let (attached, _) = images.attach();
    vec![
        export::ExportJob {
            product: export::Product::Twibbon {
                frame: builtin_frames()[0].id.clone(),
                size: PosterSize::Square,
                values: BTreeMap::new(),
                brand: BrandKit::default(),
                transform: transform(),
            },
            output: Output::Png,
            images: export::Attached {
                photo: attached.photo.clone(),
                ..export::Attached::default()
            },
            fonts: Vec::new(),
            shaper: false,
            held: false,
        },
        export::ExportJob {
            product: export::Product::Poster {
                poster: "ikrar".into(),
                size: PosterSize::A4,
                values: BTreeMap::from([
                    ("headline".to_string(), "Netral Itu Pilihan".to_string()),
                    (
                        "body".to_string(),
                        "Baris satu\nbaris dua \u{E000}".to_string(),
                    ),
                ]),
                brand: kit::kit(),
                transform: transform(),
            },
            output: Output::Pdf,
            images: export::Attached {
                photo: attached.photo.clone(),
                logo: attached.logo.clone(),
                ..export::Attached::default()
            },
            fonts: vec![Fallback::LatinBold, Fallback::Symbols],
            shaper: false,
            held: false,
        },
        export::ExportJob {
            product: export::Product::Pledge {
                fields: fields(),
                points: default_points(Lang::Id),
                brand: BrandKit::default(),
                size: CardSize::Share,
                lang: Lang::Id,
                design: "sertifikat".into(),
            },
            output: Output::Jpeg,
            images: attached,
            fonts: vec![Fallback::JavaneseRegular],
            shaper: false,
            held: false,
        },
    ]
}

#[test]
fn every_batch_and_export_message_round_trips() {
    let requests = [
        batch::Request::Parse {
            settings: settings(),
        },
        batch::Request::Run {
            settings: batch::Settings {
                brand: BrandKit::default(),
                points: vec!["Satu.".into()],
                ..settings()
            },
        },
    ];
    for r in &requests {
        batch_request_variants(r);
        round_trip(r);
    }
    for (i, job) in export_jobs().into_iter().enumerate() {
        let r = export::Request::Export {
            id: i as u32,
            job: Box::new(job),
        };
        export_request_variants(&r);
        round_trip(&r);
    }
    let previews = [
        export::Request::Hold {
            images: export::Held {
                photo: export::Slot::Set(vec![(451, 300), (225, 150)]),
                frame: export::Slot::Clear,
                logo: export::Slot::Keep,
            },
        },
        export::Request::Hold {
            images: export::Held {
                photo: export::Slot::Upright(4000, 3000),
                frame: export::Slot::Keep,
                logo: export::Slot::Clear,
            },
        },
        export::Request::Preview {
            id: 7,
            product: Box::new(export_jobs()[0].product.clone()),
            width: 720,
            live: true,
        },
        export::Request::DecodePhoto { id: 3 },
    ];
    for r in &previews {
        export_request_variants(r);
        round_trip(r);
    }

    let localized = Localized {
        id: "Gagal \"dibuat\".".into(),
        en: "Could not be made.".into(),
    };
    let replies = [
        batch::Reply::Ready,
        batch::Reply::Parsed {
            parsed: batch::Parsed {
                columns: vec![
                    batch::ColumnMatch {
                        field: "name".into(),
                        header: Some("Nama Lengkap".into()),
                    },
                    batch::ColumnMatch {
                        field: "nip".into(),
                        header: None,
                    },
                ],
                preview_headers: vec!["Nama Lengkap".into()],
                preview_rows: vec![vec!["Budi".into()], vec!["Rénaldi, S.H.".into()]],
                rows: 12,
                valid: 11,
                invalid: vec![batch::Skipped {
                    line: 4,
                    name: String::new(),
                    reason: localized.clone(),
                }],
            },
        },
        batch::Reply::Progress {
            made: 5,
            total: 1000,
        },
        batch::Reply::Chunk {
            file: batch::BatchFile::Zip,
        },
        batch::Reply::Chunk {
            file: batch::BatchFile::Pdf,
        },
        batch::Reply::Done {
            done: batch::Done {
                made: 11,
                skipped: 1,
                memory: 134_217_728.0,
                missing: vec!["\u{E000}".into()],
                fonts_failed: true,
            },
        },
        batch::Reply::Failed {
            message: localized.clone(),
        },
    ];
    for r in &replies {
        batch_reply_variants(r);
        round_trip(r);
    }
    let replies = [
        export::Reply::Ready,
        export::Reply::Exported {
            id: 9,
            file_name: "ikrar-budi-198504122010011003.pdf".into(),
            report: finish::Report {
                cut: vec!["name".into(), "place".into()],
                missing: vec!["\u{E000}".into()],
            },
        },
        export::Reply::Previewed {
            id: 7,
            width: 720,
            height: 900,
            ms: 12.25,
        },
        export::Reply::Returned,
        export::Reply::PhotoHeld {
            id: 3,
            width: 3000,
            height: 4000,
            memory: 67_108_864.0,
            decoder: decode::Decoder::Browser,
        },
        export::Reply::PhotoElsewhere { id: 4 },
        export::Reply::PhotoFailed {
            id: 5,
            error: IntakeError::Empty,
        },
        export::Reply::Failed {
            id: Some(10),
            message: localized,
        },
        export::Reply::Failed {
            id: None,
            message: ProtocolError::NotText.localized(),
        },
    ];
    for r in &replies {
        export_reply_variants(r);
        round_trip(r);
    }
}

/// `www/index.html`'s first-screen script writes this request by hand (the app's wasm has not
/// arrived), and waits for the worker's ready reply by its text.
#[test]
fn the_first_screens_photo_request_and_the_ready_reply_are_what_index_html_writes() {
    let request: export::Request =
        protocol::read(Some(r#"{"type":"decode_photo","id":0}"#)).unwrap();
    assert_eq!(request, export::Request::DecodePhoto { id: 0 });
    assert!(protocol::write(&export::Reply::Ready).contains(r#""ready""#));
    let page = std::fs::read_to_string("www/index.html").unwrap();
    assert!(page.contains(r#"'{"type":"decode_photo","id":0}'"#));
    assert!(page.contains(r#"includes('"ready"')"#));
}

#[test]
fn photo_placements_cross_the_wire_exactly() {
    // The worker must draw the photo exactly where the preview drew it: every f32 survives.
    let mut bits: u32 = 0x9E37_79B9;
    for i in 0..20_000 {
        bits ^= bits << 13;
        bits ^= bits >> 17;
        bits ^= bits << 5;
        let unit = (bits >> 8) as f32 / (1u32 << 24) as f32;
        let t = PhotoTransform {
            zoom: 1.0 + 4.0 * unit,
            offset_x: unit - 0.5,
            offset_y: (i as f32 - 10_000.0) / 7_919.0,
            rotate: 360.0 * unit,
        };
        let back: PhotoTransform = protocol::read(Some(&protocol::write(&t))).unwrap();
        assert_eq!(
            [back.zoom, back.offset_x, back.offset_y, back.rotate].map(f32::to_bits),
            [t.zoom, t.offset_x, t.offset_y, t.rotate].map(f32::to_bits),
            "{t:?}"
        );
    }
}

// --- Anything else is an error, never a default job -----------------------------------------

/// `text` is no `T`: a `ProtocolError::Unknown`, not some default message.
fn refused<T: DeserializeOwned + std::fmt::Debug>(text: &str) {
    let got = protocol::read::<T>(Some(text));
    assert!(
        matches!(got, Err(ProtocolError::Unknown(_))),
        "{text} as {}: {got:?}",
        std::any::type_name::<T>()
    );
}

fn refused_by_all(text: &str) {
    refused::<decode::Request>(text);
    refused::<decode::Reply>(text);
    refused::<batch::Request>(text);
    refused::<batch::Reply>(text);
    refused::<export::Request>(text);
    refused::<export::Reply>(text);
}

#[test]
fn an_unknown_type_tag_is_a_protocol_error() {
    refused_by_all(r#"{"type":"explode","id":1,"kind":"photo"}"#);
    refused_by_all(r#"{"type":"format_disk"}"#);
    refused_by_all(r#"{"type":"Decode","id":1,"kind":"photo"}"#);
    refused_by_all(r#"{"id":1,"kind":"photo"}"#);
    // A value of the wrong enum inside a known message.
    refused::<decode::Request>(r#"{"type":"decode","id":1,"kind":"video"}"#);
    refused::<export::Request>(
        r#"{"type":"export","id":1,"job":{"product":{"product":"mug"},"output":"png","images":{"photo":[],"frame":[],"logo":[],"signature":null}}}"#,
    );
    refused::<export::Request>(
        r#"{"type":"export","id":1,"job":{"product":{"product":"twibbon","frame":"x","transform":{"zoom":1.0,"offset_x":0.0,"offset_y":0.0,"rotate":0.0}},"output":"gif","images":{"photo":[],"frame":[],"logo":[],"signature":null}}}"#,
    );
    // One side's message is not the other side's.
    refused::<decode::Request>(r#"{"type":"ready"}"#);
    refused::<batch::Request>(r#"{"type":"ready"}"#);
    refused::<export::Request>(r#"{"type":"ready"}"#);
    refused::<batch::Request>(r#"{"type":"export","id":1}"#);
    refused::<export::Reply>(r#"{"type":"progress","made":1,"total":2}"#);
}

#[test]
fn a_message_written_as_an_array_is_refused() {
    // serde alone would read these as `Decode { id: 1, kind: Photo }` and `Ready`.
    refused::<decode::Request>(r#"["decode",1,"photo"]"#);
    refused_by_all(r#"["ready"]"#);
    refused_by_all(r#"  ["ready"]"#);
    // The same messages as objects are read.
    assert!(
        protocol::read::<decode::Request>(Some(r#"{"type":"decode","id":1,"kind":"photo"}"#))
            .is_ok()
    );
    assert!(protocol::read::<decode::Reply>(Some(r#" {"type":"ready"}"#)).is_ok());
}

#[test]
fn a_missing_field_is_a_protocol_error() {
    refused::<decode::Request>(r#"{"type":"decode","id":1}"#);
    refused::<decode::Request>(r#"{"type":"decode","kind":"photo"}"#);
    refused::<decode::Reply>(r#"{"type":"decoded","id":1,"width":2,"height":2}"#);
    refused::<batch::Request>(r#"{"type":"parse"}"#);
    refused::<batch::Request>(
        r#"{"type":"run","settings":{"lang":"id","today":"2026-11-26","place":"","date":"","agency":"","points":[]}}"#,
    );
    refused::<batch::Reply>(r#"{"type":"progress","made":1}"#);
    refused::<export::Request>(r#"{"type":"export","id":1}"#);
    // The job's twibbon has no transform.
    refused::<export::Request>(
        r#"{"type":"export","id":1,"job":{"product":{"product":"twibbon","frame":"x"},"output":"png","images":{"photo":[],"frame":[],"logo":[],"signature":null}}}"#,
    );
    refused::<export::Reply>(
        r#"{"type":"exported","id":1,"file_name":"a.png","mime":"image/png"}"#,
    );
    // The complete message parses: the errors above are about the missing fields.
    assert_eq!(
        protocol::read::<decode::Request>(Some(r#"{"type":"decode","id":1,"kind":"photo"}"#)),
        Ok(decode::Request::Decode {
            id: 1,
            kind: decode::Kind::Photo
        })
    );
}

#[test]
fn text_that_is_not_json_is_a_protocol_error() {
    for text in [
        "",
        " ",
        "decode photo",
        "{",
        r#"{"type":"decode","id":1,"kind":"photo""#,
        "{type: 'decode', id: 1, kind: 'photo'}",
        "null",
        "{}",
        "[]",
        "42",
        r#""decode""#,
    ] {
        refused_by_all(text);
    }
}

#[test]
fn a_message_that_is_not_text_is_a_protocol_error() {
    fn not_text<T: DeserializeOwned + std::fmt::Debug>() {
        let read = protocol::read::<T>(None);
        assert!(
            matches!(read, Err(ProtocolError::NotText)),
            "{}: {read:?}",
            std::any::type_name::<T>()
        );
    }
    not_text::<decode::Request>();
    not_text::<batch::Request>();
    not_text::<export::Request>();
    not_text::<decode::Reply>();
    not_text::<batch::Reply>();
    not_text::<export::Reply>();
}

// --- Attached images ------------------------------------------------------------------------

struct Fixture {
    photo: Photo,
    frame: Photo,
    logo: Photo,
    signature: RgbaImage,
}

fn images() -> Fixture {
    // chelsea.jpg is 451 × 300: odd sides, so every level halves with rounding down.
    let photo = Photo::decode(&fixture("chelsea.jpg")).unwrap();
    assert!(photo.levels().count() > 1);
    Fixture {
        photo,
        frame: own_frame(),
        logo: kit::logo().clone(),
        signature: sig(),
    }
}

/// Attach, send the sizes as JSON and the buffers as copies, receive.
fn send(images: &export::Images<'_>) -> (export::Attached, Vec<Vec<u8>>) {
    let (attached, buffers) = images.attach();
    assert_eq!(attached.count(), buffers.len());
    let wire: export::Attached = protocol::read(Some(&protocol::write(&attached))).unwrap();
    assert_eq!(wire, attached);
    (wire, buffers.into_iter().map(<[u8]>::to_vec).collect())
}

#[test]
fn attached_images_come_back_as_the_same_pixels() {
    let f = images();
    let sent = export::Images {
        photo: Some(&f.photo),
        frame: Some(&f.frame),
        logo: Some(&f.logo),
        signature: Some(&f.signature),
    };
    let (attached, buffers) = send(&sent);
    assert_eq!(
        attached.photo,
        f.photo.levels().map(|(w, h, _)| (w, h)).collect::<Vec<_>>()
    );
    assert_eq!(attached.signature, Some(f.signature.dimensions()));
    let got = attached.receive(buffers).unwrap();
    assert_eq!(got.photo.as_ref(), Some(&f.photo));
    assert_eq!(got.frame.as_ref(), Some(&f.frame));
    assert_eq!(got.logo.as_ref(), Some(&f.logo));
    assert_eq!(got.signature.as_ref(), Some(&f.signature));

    // The photo and the own frame: a twibbon, drawn at the export size and at a preview size
    // (a different pyramid level).
    let template = Template::user_frame();
    let inputs = |photo, frame| Inputs {
        photo,
        frame,
        transform: transform(),
        ..Inputs::default()
    };
    for width in [1080, 300] {
        let a = render::render(&template, &inputs(Some(&f.photo), Some(&f.frame)), width).unwrap();
        let b = render::render(
            &template,
            &inputs(got.photo.as_ref(), got.frame.as_ref()),
            width,
        )
        .unwrap();
        assert!(a.as_raw() == b.as_raw(), "twibbon at {width} differs");
    }
    // The logo, photo and signature: a pledge card (the renderer draws all three).
    let (fields, points, brand) = (fields(), default_points(Lang::Id), kit::kit());
    let card = |logo, photo, signature| CardInputs {
        fields: &fields,
        points: &points,
        brand: &brand,
        logo,
        photo,
        signature,
        size: CardSize::Share,
        lang: Lang::Id,
        design: "",
    };
    let a = pledge::render_card(&card(Some(&f.logo), Some(&f.photo), Some(&f.signature))).unwrap();
    let b = pledge::render_card(&card(
        got.logo.as_ref(),
        got.photo.as_ref(),
        got.signature.as_ref(),
    ))
    .unwrap();
    assert!(a.as_raw() == b.as_raw(), "card differs");
}

#[test]
fn no_images_attach_nothing() {
    let (attached, buffers) = send(&export::Images::default());
    assert_eq!(attached, export::Attached::default());
    assert!(buffers.is_empty());
    let got = attached.receive(Vec::new()).unwrap();
    assert!(got.photo.is_none() && got.frame.is_none() && got.logo.is_none());
    assert!(got.signature.is_none());
}

#[test]
fn a_missing_or_extra_attachment_is_an_error() {
    let f = images();
    let sent = export::Images {
        photo: Some(&f.photo),
        frame: None,
        logo: Some(&f.logo),
        signature: Some(&f.signature),
    };
    let (attached, buffers) = send(&sent);
    let n = buffers.len();
    for drop in 0..n {
        let mut fewer = buffers.clone();
        fewer.remove(drop);
        assert_eq!(
            attached.receive(fewer).err(),
            Some(ProtocolError::Attachments {
                expected: n,
                got: n - 1
            }),
            "without buffer {drop}"
        );
    }
    let mut more = buffers.clone();
    more.push(vec![0; 16]);
    assert_eq!(
        attached.receive(more).err(),
        Some(ProtocolError::Attachments {
            expected: n,
            got: n + 1
        })
    );
    assert!(attached.receive(Vec::new()).is_err());
}

#[test]
fn a_buffer_of_the_wrong_length_is_an_error() {
    let f = images();
    let sent = export::Images {
        photo: Some(&f.photo),
        frame: Some(&f.frame),
        logo: Some(&f.logo),
        signature: Some(&f.signature),
    };
    let (attached, buffers) = send(&sent);
    // Every buffer, one pixel short and one pixel long (the signature is the last one).
    for i in 0..buffers.len() {
        for change in [-4i64, 4, -1] {
            let mut wrong = buffers.clone();
            let len = (wrong[i].len() as i64 + change) as usize;
            wrong[i].resize(len, 0);
            assert_eq!(
                attached.receive(wrong).err(),
                Some(ProtocolError::Image),
                "buffer {i} of {} changed by {change}",
                buffers.len()
            );
        }
    }
    // Sizes that do not halve from one level to the next.
    let mut bad = attached.clone();
    bad.photo[1].0 += 1;
    assert_eq!(
        bad.receive(buffers.clone()).err(),
        Some(ProtocolError::Image)
    );
    // A zero-sized image.
    let mut zero = attached.clone();
    zero.signature = Some((0, 120));
    assert!(zero.receive(buffers).is_err());
}

// --- An export in the worker is the finish function's file ----------------------------------

fn run(
    job: &export::ExportJob,
    images: &export::Images<'_>,
) -> Result<finish::Finished, export::ExportError> {
    run_with(export::run_export, job, images)
}

type Run =
    fn(&export::ExportJob, &export::OwnedImages) -> Result<finish::Finished, export::ExportError>;

fn run_with(
    run: Run,
    job: &export::ExportJob,
    images: &export::Images<'_>,
) -> Result<finish::Finished, export::ExportError> {
    // As the page sends it: the job as JSON, the images as attachments.
    let request = export::Request::Export {
        id: 1,
        job: Box::new(job.clone()),
    };
    let back: export::Request = protocol::read(Some(&protocol::write(&request))).unwrap();
    assert_eq!(back, request);
    let export::Request::Export { job, .. } = back else {
        unreachable!("an export was sent")
    };
    let (attached, buffers) = send(images);
    assert_eq!(job.images, attached);
    let owned = job.images.receive(buffers).unwrap();
    run(&job, &owned)
}

#[test]
fn the_twibbon_pages_worker_makes_the_same_twibbons_and_refuses_posters_and_pledge_cards() {
    let f = images();
    let images = export::Images {
        photo: Some(&f.photo),
        logo: Some(&f.logo),
        ..export::Images::default()
    };
    let twibbon = export::ExportJob {
        product: export::Product::Twibbon {
            frame: "pita-biru".into(),
            size: PosterSize::Portrait,
            values: BTreeMap::from([("slogan".to_string(), "ASN NETRAL".to_string())]),
            brand: kit::kit(),
            transform: transform(),
        },
        output: Output::Jpeg,
        images: images.attach().0,
        fonts: Vec::new(),
        shaper: false,
        held: false,
    };
    let all = run_with(export::run_export, &twibbon, &images).unwrap();
    let twibbon_only = run_with(export::run_twibbon_export, &twibbon, &images).unwrap();
    assert!(all == twibbon_only);
    // What that worker hands to the browser's encoder: the pixels, name and report of the same
    // twibbon, before encoding (a lossless PNG of them is the PNG download, pixel for pixel).
    let png_job = export::ExportJob {
        output: Output::Png,
        ..twibbon.clone()
    };
    let (_, buffers) = send(&images);
    let owned = png_job.images.receive(buffers).unwrap();
    let drawn = export::run_twibbon_draw(&png_job, &owned).unwrap();
    let png = export::run_twibbon_export(&png_job, &owned).unwrap();
    let decoded = image::load_from_memory(&png.bytes).unwrap().to_rgba8();
    assert!(decoded == drawn.image, "the drawn pixels are the PNG's");
    assert_eq!(drawn.file_name, png.file_name);
    assert_eq!(drawn.report, png.report);

    let poster = export::ExportJob {
        product: export::Product::Poster {
            poster: "ikrar".into(),
            size: PosterSize::Square,
            values: BTreeMap::new(),
            brand: kit::kit(),
            transform: transform(),
        },
        ..twibbon.clone()
    };
    assert!(run_with(export::run_export, &poster, &images).is_ok());
    let refused = run_with(export::run_twibbon_export, &poster, &images).unwrap_err();
    assert!(
        matches!(refused, export::ExportError::NotHere("poster")),
        "{refused:?}"
    );
    // Said in both languages, like every protocol error.
    let message = refused.localized();
    assert!(!message.id.is_empty() && !message.en.is_empty());
}

#[test]
fn a_twibbon_export_with_a_kit_texts_and_a_size_is_finish_twibbon_design() {
    let f = images();
    let brand = BrandKit {
        agency: "Dinas Komunikasi dan Informatika".into(),
        ..BrandKit::default()
    };
    let values = BTreeMap::from([("slogan".to_string(), "NETRAL ITU KEREN".to_string())]);
    let design = campaign_kit::twibbon::design_by_id("merah-putih").unwrap();
    let images = export::Images {
        photo: Some(&f.photo),
        ..export::Images::default()
    };
    let job = export::ExportJob {
        product: export::Product::Twibbon {
            frame: design.id.clone(),
            size: PosterSize::Tall,
            values: values.clone(),
            brand: brand.clone(),
            transform: transform(),
        },
        output: Output::Png,
        images: images.attach().0,
        fonts: Vec::new(),
        shaper: false,
        held: false,
    };
    let got = run(&job, &images).unwrap();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: Some(&f.photo),
        transform: transform(),
        logo: None,
    };
    let want =
        finish::finish_twibbon_design(design, PosterSize::Tall, &inputs, Output::Png).unwrap();
    assert_eq!(
        got.file_name,
        "twibbon-asn-pilih-netral-merah-putih-1080x1440.png"
    );
    assert!(got == want);
    let image = image::load_from_memory(&got.bytes).unwrap();
    assert_eq!((image.width(), image.height()), (1080, 1440));
}

#[test]
fn a_twibbon_export_is_finish_twibbon() {
    let f = images();
    for frame in builtin_frames() {
        let images = export::Images {
            photo: Some(&f.photo),
            ..export::Images::default()
        };
        let job = export::ExportJob {
            product: export::Product::Twibbon {
                frame: frame.id.clone(),
                size: PosterSize::Square,
                values: BTreeMap::new(),
                brand: BrandKit::default(),
                transform: transform(),
            },
            output: Output::Jpeg,
            images: images.attach().0,
            fonts: Vec::new(),
            shaper: false,
            held: false,
        };
        let got = run(&job, &images).unwrap();
        let inputs = Inputs {
            photo: Some(&f.photo),
            transform: transform(),
            ..Inputs::default()
        };
        let want = finish::finish_twibbon(frame, &inputs, Output::Jpeg).unwrap();
        assert_eq!(got.file_name, want.file_name);
        assert_eq!(got.report, want.report);
        assert!(got == want, "{}", frame.id);
    }
    // The user's own frame.
    let images = export::Images {
        photo: Some(&f.photo),
        frame: Some(&f.frame),
        ..export::Images::default()
    };
    let job = export::ExportJob {
        product: export::Product::Twibbon {
            frame: Template::user_frame().id,
            size: PosterSize::Square,
            values: BTreeMap::new(),
            brand: BrandKit::default(),
            transform: transform(),
        },
        output: Output::Png,
        images: images.attach().0,
        fonts: Vec::new(),
        shaper: false,
        held: false,
    };
    let got = run(&job, &images).unwrap();
    let inputs = Inputs {
        photo: Some(&f.photo),
        frame: Some(&f.frame),
        transform: transform(),
        ..Inputs::default()
    };
    let want = finish::finish_twibbon(&Template::user_frame(), &inputs, Output::Png).unwrap();
    assert_eq!(got.file_name, want.file_name);
    assert_eq!(got.report, want.report);
    assert!(got == want, "the export differs");
    // And a twibbon PDF is refused there too.
    let pdf = export::ExportJob {
        output: Output::Pdf,
        ..job
    };
    assert_eq!(
        run(&pdf, &images).err(),
        Some(export::ExportError::Finish(FinishError::PdfNeedsA4))
    );
}

#[test]
fn a_poster_export_is_finish_poster() {
    let f = images();
    let images = export::Images {
        photo: Some(&f.photo),
        logo: Some(&f.logo),
        ..export::Images::default()
    };
    let values = BTreeMap::from([
        ("headline".to_string(), "Netral Itu Pilihan".to_string()),
        ("body".to_string(), "Pegawai ".repeat(200) + "\u{E000}"),
    ]);
    let brand = kit::kit();
    for (size, output) in [
        (PosterSize::Story, Output::Png),
        (PosterSize::A4, Output::Pdf),
    ] {
        let job = export::ExportJob {
            product: export::Product::Poster {
                poster: "ikrar".into(),
                size,
                values: values.clone(),
                brand: brand.clone(),
                transform: transform(),
            },
            output,
            images: images.attach().0,
            fonts: Vec::new(),
            shaper: false,
            held: false,
        };
        let got = run(&job, &images).unwrap();
        let inputs = PosterInputs {
            values: &values,
            brand: &brand,
            photo: Some(&f.photo),
            transform: transform(),
            logo: Some(&f.logo),
        };
        let want =
            finish::finish_poster(poster_by_id("ikrar").unwrap(), size, &inputs, output).unwrap();
        assert_eq!(got.file_name, want.file_name);
        assert_eq!(got.report, want.report);
        assert!(got == want, "{size:?}");
    }
}

#[test]
fn a_pledge_export_is_finish_pledge() {
    let f = images();
    let images = export::Images {
        photo: Some(&f.photo),
        logo: Some(&f.logo),
        signature: Some(&f.signature),
        ..export::Images::default()
    };
    let (fields, points, brand) = (fields(), default_points(Lang::En), kit::kit());
    for (design, size, output) in [
        ("", CardSize::Share, Output::Png),
        ("sertifikat", CardSize::A4, Output::Pdf),
    ] {
        let job = export::ExportJob {
            product: export::Product::Pledge {
                fields: fields.clone(),
                points: points.clone(),
                brand: brand.clone(),
                size,
                lang: Lang::En,
                design: design.into(),
            },
            output,
            images: images.attach().0,
            fonts: Vec::new(),
            shaper: false,
            held: false,
        };
        let got = run(&job, &images).unwrap();
        let inputs = CardInputs {
            fields: &fields,
            points: &points,
            brand: &brand,
            logo: Some(&f.logo),
            photo: Some(&f.photo),
            signature: Some(&f.signature),
            size,
            lang: Lang::En,
            design,
        };
        let want = finish::finish_pledge(&inputs, output).unwrap();
        assert_eq!(got.file_name, want.file_name);
        assert_eq!(got.report, want.report);
        assert!(got == want, "{design:?}");
    }
}

#[test]
fn an_unknown_frame_or_poster_is_an_unknown_error() {
    let images = export::Images::default();
    let twibbon = export::ExportJob {
        product: export::Product::Twibbon {
            frame: "tidak-ada".into(),
            size: PosterSize::Square,
            values: BTreeMap::new(),
            brand: BrandKit::default(),
            transform: PhotoTransform::default(),
        },
        output: Output::Png,
        images: export::Attached::default(),
        fonts: Vec::new(),
        shaper: false,
        held: false,
    };
    assert!(frame_by_id("tidak-ada").is_none());
    assert_eq!(
        run(&twibbon, &images).err(),
        Some(export::ExportError::Unknown("frame", "tidak-ada".into()))
    );
    let poster = export::ExportJob {
        product: export::Product::Poster {
            poster: "tidak-ada".into(),
            size: PosterSize::Square,
            values: BTreeMap::new(),
            brand: BrandKit::default(),
            transform: PhotoTransform::default(),
        },
        output: Output::Png,
        images: export::Attached::default(),
        fonts: Vec::new(),
        shaper: false,
        held: false,
    };
    assert_eq!(
        run(&poster, &images).err(),
        Some(export::ExportError::Unknown("poster", "tidak-ada".into()))
    );
    // Both are told to the user as the app's fault, not theirs.
    let message = export::ExportError::Unknown("poster", "x".into()).localized();
    assert_eq!(message, ProtocolError::NotText.localized());
}

/// An image as the page hands it to the preview worker: an own frame's or a logo's pyramid,
/// or a photo as the decode worker made it (the worker builds its pyramid).
#[derive(Clone, Copy)]
enum Sent<'a> {
    Pyramid(&'a Photo),
    Upright(&'a RgbaImage),
}

impl Sent<'_> {
    fn at(self) -> *const () {
        match self {
            Sent::Pyramid(p) => p as *const Photo as *const (),
            Sent::Upright(i) => i as *const RgbaImage as *const (),
        }
    }
}

/// Hold images as the page does: the change as JSON, the new pixels as copies.
fn hold(
    held: &mut export::OwnedImages,
    from: [Option<*const ()>; 3],
    to: [Option<Sent<'_>>; 3],
) -> export::Held {
    let change = export::Held::change(
        from,
        to.map(|t| {
            t.map(|sent| {
                let slot = match sent {
                    Sent::Pyramid(p) => export::Slot::pyramid(p),
                    Sent::Upright(i) => export::Slot::Upright(i.width(), i.height()),
                };
                (sent.at(), slot)
            })
        }),
    );
    let request = export::Request::Hold {
        images: change.clone(),
    };
    round_trip(&request);
    let mut copies = Vec::new();
    for (sends, sent) in change.sends().into_iter().zip(to) {
        match (sends, sent) {
            (true, Some(Sent::Pyramid(p))) => copies.extend(p.levels().map(|(_, _, d)| d.to_vec())),
            (true, Some(Sent::Upright(i))) => copies.push(i.as_raw().clone()),
            _ => {}
        }
    }
    change.apply(held, copies).unwrap();
    change
}

/// A photo as the decode worker sends it: upright straight RGBA (what `Photo::decode` builds
/// its pyramid from).
fn upright(name: &str) -> RgbaImage {
    campaign_kit::intake::decode(&fixture(name), campaign_kit::intake::MAX_WORKING_SIDE).unwrap()
}

#[test]
fn held_images_are_sent_once_then_kept_replaced_or_cleared() {
    let f = images();
    let first_photo = upright("chelsea.jpg");
    let other = upright("chelsea.jpg");
    let mut held = export::OwnedImages::default();
    let none = [None; 3];

    // A first photo and a logo: the photo's pixels once (the worker builds the same pyramid the
    // page would have), the logo with every pyramid level.
    let first = hold(
        &mut held,
        none,
        [
            Some(Sent::Upright(&first_photo)),
            None,
            Some(Sent::Pyramid(&f.logo)),
        ],
    );
    assert_eq!(first.photo, export::Slot::Upright(451, 300));
    assert!(matches!(&first.logo, export::Slot::Set(l) if l.len() == f.logo.levels().count()));
    assert_eq!(first.frame, export::Slot::Keep);
    assert_eq!(held.photo.as_ref(), Some(&f.photo));
    assert_eq!(held.logo.as_ref(), Some(&f.logo));

    // The same images again (a drag): nothing to send.
    let now = [
        Some(Sent::Upright(&first_photo).at()),
        None,
        Some(Sent::Pyramid(&f.logo).at()),
    ];
    let same = export::Held::change(
        now,
        [
            Some((now[0].unwrap(), export::Slot::Upright(451, 300))),
            None,
            Some((now[2].unwrap(), export::Slot::pyramid(&f.logo))),
        ],
    );
    assert!(same.is_keep());
    assert_eq!(same.sends(), [false; 3]);

    // Another photo (equal pixels, another image), an own frame, no logo any more.
    let change = hold(
        &mut held,
        now,
        [
            Some(Sent::Upright(&other)),
            Some(Sent::Pyramid(&f.frame)),
            None,
        ],
    );
    assert!(matches!(change.photo, export::Slot::Upright(..)));
    assert!(matches!(change.frame, export::Slot::Set(_)));
    assert_eq!(change.logo, export::Slot::Clear);
    assert_eq!(change.sends(), [true, true, false]);
    assert_eq!(held.photo.as_ref(), Some(&f.photo));
    assert_eq!(held.frame.as_ref(), Some(&f.frame));
    assert!(held.logo.is_none());

    // Pixels that do not match their sizes are refused, and what was held stays: too few
    // attachments, a photo one pixel short, a level of the wrong size.
    let kept = held.photo.clone();
    let photo = |slot| export::Held {
        photo: slot,
        ..export::Held::default()
    };
    let err = photo(export::Slot::pyramid(&f.photo))
        .apply(&mut held, vec![vec![0; 4]])
        .unwrap_err();
    assert!(matches!(err, ProtocolError::Attachments { .. }), "{err:?}");
    let short = vec![0; 451 * 300 * 4 - 4];
    let err = photo(export::Slot::Upright(451, 300))
        .apply(&mut held, vec![short])
        .unwrap_err();
    assert_eq!(err, ProtocolError::Image);
    let err = photo(export::Slot::Upright(0, 300))
        .apply(&mut held, vec![Vec::new()])
        .unwrap_err();
    assert_eq!(err, ProtocolError::Image);
    let err = export::Held {
        frame: export::Slot::Set(vec![(4, 4), (3, 3)]),
        ..export::Held::default()
    }
    .apply(&mut held, vec![vec![0; 64], vec![0; 36]])
    .unwrap_err();
    assert_eq!(err, ProtocolError::Image);
    assert_eq!(held.photo, kept);
    assert_eq!(held.frame.as_ref(), Some(&f.frame));
}

#[test]
fn a_download_from_the_held_images_is_the_download_from_attached_ones() {
    // The twibbon page downloads from the worker that holds its preview's images: the job
    // names no attachments and says so.
    let f = images();
    let photo = upright("chelsea.jpg");
    let mut held = export::OwnedImages::default();
    hold(
        &mut held,
        [None; 3],
        [
            Some(Sent::Upright(&photo)),
            None,
            Some(Sent::Pyramid(&f.logo)),
        ],
    );
    let images = export::Images {
        photo: Some(&f.photo),
        logo: Some(&f.logo),
        ..export::Images::default()
    };
    let product = export::Product::Twibbon {
        frame: "pita-biru".into(),
        size: PosterSize::Square,
        values: BTreeMap::from([("slogan".to_string(), "NETRAL 2029".to_string())]),
        brand: kit::kit(),
        transform: transform(),
    };
    for output in [Output::Png, Output::Jpeg] {
        let attached = export::ExportJob {
            product: product.clone(),
            output,
            images: images.attach().0,
            fonts: Vec::new(),
            shaper: false,
            held: false,
        };
        let from_held = export::ExportJob {
            images: export::Attached::default(),
            held: true,
            ..attached.clone()
        };
        round_trip(&export::Request::Export {
            id: 7,
            job: Box::new(from_held.clone()),
        });
        let want = run_with(export::run_twibbon_export, &attached, &images).unwrap();
        let got = export::run_twibbon_export(&from_held, &held).unwrap();
        assert_eq!(got.file_name, want.file_name);
        assert!(got.bytes == want.bytes, "{output:?}: the same file");
    }
}

/// The export's pixels, decoded from its PNG.
fn exported_pixels(job: &export::ExportJob, images: &export::Images<'_>) -> RgbaImage {
    let file = run_with(export::run_twibbon_export, job, images).unwrap();
    image::load_from_memory(&file.bytes).unwrap().to_rgba8()
}

#[test]
fn a_twibbon_preview_is_the_export_drawn_at_the_preview_width() {
    let f = images();
    let mut held = export::OwnedImages::default();
    // The photo as the page sends it now: upright pixels, its pyramid built by the worker.
    let photo = upright("chelsea.jpg");
    hold(
        &mut held,
        [None; 3],
        [
            Some(Sent::Upright(&photo)),
            Some(Sent::Pyramid(&f.frame)),
            Some(Sent::Pyramid(&f.logo)),
        ],
    );
    let images = export::Images {
        photo: Some(&f.photo),
        frame: Some(&f.frame),
        logo: Some(&f.logo),
        ..export::Images::default()
    };
    let design = export::Product::Twibbon {
        frame: "pita-biru".into(),
        size: PosterSize::Portrait,
        values: BTreeMap::from([("slogan".to_string(), "NETRAL 2029".to_string())]),
        brand: kit::kit(),
        transform: transform(),
    };
    let own = export::Product::Twibbon {
        frame: Template::user_frame().id,
        size: PosterSize::Square,
        values: BTreeMap::new(),
        brand: BrandKit::default(),
        transform: transform(),
    };
    let mut renderer = render::Renderer::default();
    for product in [design.clone(), own] {
        let job = export::ExportJob {
            product: product.clone(),
            output: Output::Png,
            images: images.attach().0,
            fonts: Vec::new(),
            shaper: false,
            held: false,
        };
        let want = exported_pixels(&job, &images);
        // At the export's width: the very same pixels, twice (the second from the kept layers).
        for _ in 0..2 {
            let got = export::twibbon_preview(&product, &held, want.width(), &mut renderer)
                .unwrap()
                .0;
            assert!(got == want, "{product:?}");
        }
        // At the page's preview width: the export's shape.
        let small = export::twibbon_preview(&product, &held, 720, &mut renderer)
            .unwrap()
            .0;
        assert_eq!(small.width(), 720);
        assert_eq!(
            u64::from(small.height()) * u64::from(want.width()),
            u64::from(want.height()) * 720
        );
    }
    // A different text is a different preview (the texts reach the drawing).
    let plain = export::Product::Twibbon {
        frame: "pita-biru".into(),
        size: PosterSize::Portrait,
        values: BTreeMap::new(),
        brand: kit::kit(),
        transform: transform(),
    };
    let a = export::twibbon_preview(&plain, &held, 360, &mut renderer)
        .unwrap()
        .0;
    let b = export::twibbon_preview(&design, &held, 360, &mut renderer)
        .unwrap()
        .0;
    assert!(a != b);
    // Posters are not drawn here.
    let poster = export::Product::Poster {
        poster: "ikrar".into(),
        size: PosterSize::Square,
        values: BTreeMap::new(),
        brand: kit::kit(),
        transform: transform(),
    };
    assert!(export::twibbon_preview(&poster, &held, 360, &mut renderer).is_err());
}
