//! A twibbon campaign: the file and the link round-trip, a logo too big for a link is left out,
//! an own PNG frame is a file only, and every bad input is a typed `CampaignError` with a
//! message in both languages.

#[path = "support/hostile_png.rs"]
mod hostile_png;
#[path = "support/kit.rs"]
mod kit;

use std::collections::BTreeMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use campaign_kit::brand::{BrandError, BrandKit, Logo, MAX_LINK_FRAGMENT, MAX_LOGO_BYTES};
use campaign_kit::campaign::{
    Campaign, CampaignError, CampaignFrame, FramePng, MAX_CAMPAIGN_JSON, MAX_CAPTION_CHARS,
    MAX_FRAME_BYTES, OWN_FRAME,
};
use campaign_kit::i18n::Lang;
use campaign_kit::template::Template;
use campaign_kit::twibbon;
use kit::kit;

/// `n` bytes that deflate cannot shrink (a fixed LCG, so every run is the same).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 7;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

/// A real PNG (`png`) made exactly `total` bytes long with noise after its end (IEND), which
/// readers ignore: a file at a byte limit that is still a usable image.
fn padded(png: Vec<u8>, total: usize) -> Vec<u8> {
    let mut bytes = png;
    assert!(bytes.len() <= total);
    let more = total - bytes.len();
    bytes.extend(noise(more));
    bytes
}

/// A real PNG: a 64×64 frame, opaque at the edge with a transparent hole.
fn small_frame_png() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(64, 64, |x, y| {
        let (dx, dy) = (x as f32 - 31.5, y as f32 - 31.5);
        if dx * dx + dy * dy < 24.0 * 24.0 {
            image::Rgba([0, 0, 0, 0])
        } else {
            image::Rgba([200, 30, 30, 255])
        }
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

fn texts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A design campaign with every field set: texts, the full kit (SVG logo) and a caption.
fn design_campaign() -> Campaign {
    let mut c = Campaign::for_design(
        "lingkar-oranye",
        texts(&[
            ("slogan", "KAMI NETRAL"),
            ("subline", "Netral • Profesional • Berintegritas"),
        ]),
        kit(),
    );
    c.caption = "Saya ASN, saya netral. 🇮🇩".into();
    c
}

fn own_frame_campaign() -> Campaign {
    let mut c = Campaign::for_own_frame(FramePng::from_bytes(small_frame_png()).unwrap(), kit());
    c.caption = "Bingkai kami sendiri".into();
    c
}

/// A link fragment for any JSON, made the way `to_link_fragment` makes one.
fn link_for_json(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 9);
    format!("campaign={}", URL_SAFE_NO_PAD.encode(packed))
}

/// The error is the one expected, and it reads as a non-empty sentence in both languages.
fn assert_error(got: Result<Campaign, CampaignError>, want: &CampaignError, what: &str) {
    let e = got.expect_err(what);
    assert_eq!(&e, want, "{what}");
    assert_messages(&e, what);
}

fn assert_messages(e: &CampaignError, what: &str) {
    let (id, en) = (e.message(Lang::Id), e.message(Lang::En));
    assert!(
        !id.trim().is_empty(),
        "{what}: empty Bahasa Indonesia message"
    );
    assert!(!en.trim().is_empty(), "{what}: empty English message");
    assert_ne!(id, en, "{what}: the two languages say the same");
    assert!(!id.contains('\n') && !en.contains('\n'), "{what}: one line");
}

// ---- round trips ----

#[test]
fn file_round_trips_a_design_campaign() {
    let c = design_campaign();
    c.validate().unwrap();
    let json = c.to_json();
    assert_eq!(Campaign::from_json(json.as_bytes()).unwrap(), c);
}

#[test]
fn file_round_trips_an_own_frame_campaign_with_the_png_embedded() {
    let c = own_frame_campaign();
    let json = c.to_json();
    assert!(json.contains("\"image/png\""), "frame embedded as PNG");
    let back = Campaign::from_json(json.as_bytes()).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.frame.as_ref().unwrap().0, small_frame_png());
    assert!(matches!(back.frame(), Ok(CampaignFrame::Own(_))));
}

#[test]
fn the_largest_own_frame_campaign_fits_the_file_limit() {
    // Every limit at once: a frame and a logo at their byte limits, names and caption at their
    // character limits in 4-byte characters, and the most hashtags.
    let frame = padded(small_frame_png(), MAX_FRAME_BYTES);
    let logo = padded(small_frame_png(), MAX_LOGO_BYTES);
    let kit = BrandKit {
        agency: "😀".repeat(campaign_kit::brand::MAX_NAME_CHARS),
        issuer: "😀".repeat(campaign_kit::brand::MAX_NAME_CHARS),
        hashtags: (0..campaign_kit::brand::MAX_HASHTAGS)
            .map(|i| {
                format!(
                    "{i}{}",
                    "x".repeat(campaign_kit::brand::MAX_HASHTAG_CHARS - 1)
                )
            })
            .collect(),
        logo: Some(Logo::from_bytes(logo).unwrap()),
        ..BrandKit::default()
    };
    let mut c = Campaign::for_own_frame(FramePng::from_bytes(frame).unwrap(), kit);
    c.caption = "😀".repeat(MAX_CAPTION_CHARS);
    c.validate().unwrap();
    let json = c.to_json();
    assert!(json.len() <= MAX_CAMPAIGN_JSON, "{} bytes", json.len());
    assert_eq!(Campaign::from_json(json.as_bytes()).unwrap(), c);
}

#[test]
fn link_round_trips_with_or_without_the_hash() {
    let c = design_campaign();
    let link = c.to_link_fragment().unwrap();
    assert!(!link.logo_left_out, "the small SVG logo stays");
    assert!(link.fragment.starts_with("campaign="));
    assert!(link.fragment.len() <= MAX_LINK_FRAGMENT);
    assert!(link
        .fragment
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)));
    assert!(Campaign::fragment_has_campaign(&link.fragment));
    assert!(Campaign::fragment_has_campaign(&format!(
        "#{}",
        link.fragment
    )));
    assert_eq!(Campaign::from_link_fragment(&link.fragment).unwrap(), c);
    assert_eq!(
        Campaign::from_link_fragment(&format!("#{}", link.fragment)).unwrap(),
        c
    );
}

#[test]
fn a_logo_too_big_for_a_link_is_left_out_and_a_small_one_stays() {
    let big = padded(small_frame_png(), 20_000);
    let mut c = design_campaign();
    c.kit.logo = Some(Logo::from_bytes(big).unwrap());
    let link = c.to_link_fragment().unwrap();
    assert!(link.logo_left_out);
    assert!(link.fragment.len() <= MAX_LINK_FRAGMENT);
    let back = Campaign::from_link_fragment(&link.fragment).unwrap();
    assert_eq!(back.kit.logo, None);
    let mut without = c.clone();
    without.kit.logo = None;
    assert_eq!(back, without, "everything but the logo survives");

    let small = design_campaign();
    assert!(small.kit.logo.is_some());
    let link = small.to_link_fragment().unwrap();
    assert!(!link.logo_left_out);
    assert_eq!(
        Campaign::from_link_fragment(&link.fragment)
            .unwrap()
            .kit
            .logo,
        small.kit.logo
    );
}

#[test]
fn an_own_frame_campaign_refuses_a_link() {
    let e = own_frame_campaign().to_link_fragment().unwrap_err();
    assert_eq!(e, CampaignError::FrameNeedsFile);
    assert_messages(&e, "FrameNeedsFile");
}

// ---- bad links ----

#[test]
fn every_truncation_of_a_link_is_a_bad_link() {
    let good = design_campaign().to_link_fragment().unwrap().fragment;
    for end in "campaign=".len()..good.len() {
        assert_error(
            Campaign::from_link_fragment(&good[..end]),
            &CampaignError::BadLink,
            &format!("cut at {end} of {}", good.len()),
        );
    }
}

#[test]
fn garbage_links_are_bad_links() {
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 10 << 20], 9);
    let cases = [
        String::new(),
        "campaign=".into(),
        "campaign=!!!!".into(),
        "campaign=AAAA".into(),
        "#campaign=%7B%7D".into(),
        format!("campaign={}", URL_SAFE_NO_PAD.encode(b"not deflate")),
        link_for_json(b"[1,2]"),
        link_for_json(b"{\"design\": 5}"),
        format!("campaign={}", URL_SAFE_NO_PAD.encode(bomb)),
    ];
    for case in cases {
        let what = format!("{:?}", &case[..case.len().min(40)]);
        assert_error(
            Campaign::from_link_fragment(&case),
            &CampaignError::BadLink,
            &what,
        );
    }
}

#[test]
fn a_kit_link_is_not_a_campaign_link() {
    let kit_link = kit().to_link_fragment().fragment;
    assert!(!Campaign::fragment_has_campaign(&kit_link));
    assert_error(
        Campaign::from_link_fragment(&kit_link),
        &CampaignError::BadLink,
        "kit=",
    );
    assert_error(
        Campaign::from_link_fragment(&format!("#{kit_link}")),
        &CampaignError::BadLink,
        "#kit=",
    );
}

#[test]
fn a_link_carrying_a_frame_is_refused() {
    // Valid as a file, but a link never carries a frame PNG.
    let json = own_frame_campaign().to_json();
    Campaign::from_json(json.as_bytes()).unwrap();
    assert_error(
        Campaign::from_link_fragment(&link_for_json(json.as_bytes())),
        &CampaignError::BadLink,
        "frame in link",
    );
}

#[test]
fn a_link_from_a_newer_version_says_version() {
    let json = r#"{"version": 2, "design": "lingkar-oranye", "future": true}"#;
    assert_error(
        Campaign::from_link_fragment(&link_for_json(json.as_bytes())),
        &CampaignError::Version(2),
        "version 2 link",
    );
}

// ---- bad files ----

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    // Valid JSON for a campaign, padded past the limit: the size alone refuses it.
    let mut json = design_campaign().to_json().into_bytes();
    json.resize(MAX_CAMPAIGN_JSON + 1, b' ');
    assert_error(
        Campaign::from_json(&json),
        &CampaignError::TooLarge {
            bytes: MAX_CAMPAIGN_JSON + 1,
            limit: MAX_CAMPAIGN_JSON,
        },
        "padded",
    );
    // Not JSON at all, and still "too large" rather than "not a campaign".
    let garbage = vec![b'x'; MAX_CAMPAIGN_JSON + 1];
    assert!(matches!(
        Campaign::from_json(&garbage),
        Err(CampaignError::TooLarge { .. })
    ));
}

#[test]
fn not_a_campaign_files_are_refused() {
    for bad in [
        &b""[..],
        b"not json",
        b"[]",
        b"{}",
        b"{\"design\": \"lingkar-oranye\", \"colour\": 1}",
        b"{\"design\": \"lingkar-oranye\", \"texts\": [1]}",
    ] {
        let what = String::from_utf8_lossy(bad).into_owned();
        let e = Campaign::from_json(bad).expect_err(&what);
        assert!(matches!(e, CampaignError::NotACampaign(_)), "{what}: {e:?}");
        assert_messages(&e, &what);
    }
}

#[test]
fn a_newer_version_says_version_not_not_a_campaign() {
    // Fields this version does not know: a newer app's file. The version is what to report.
    let json = r#"{"version": 2, "design": "lingkar-oranye", "stickers": []}"#;
    assert_error(
        Campaign::from_json(json.as_bytes()),
        &CampaignError::Version(2),
        "version 2 file",
    );
    let mut c = design_campaign();
    c.version = 0;
    assert_eq!(c.validate(), Err(CampaignError::Version(0)));
}

#[test]
fn an_unknown_design_is_refused() {
    let c = Campaign::for_design("pelangi", BTreeMap::new(), BrandKit::default());
    assert_eq!(
        c.validate(),
        Err(CampaignError::UnknownDesign("pelangi".into()))
    );
    assert_error(
        Campaign::from_json(c.to_json().as_bytes()),
        &CampaignError::UnknownDesign("pelangi".into()),
        "unknown design file",
    );
}

#[test]
fn an_unknown_text_key_is_refused() {
    let c = Campaign::for_design(
        "pita-biru",
        texts(&[("slogan", "OK"), ("judul", "x")]),
        BrandKit::default(),
    );
    assert_error(
        Campaign::from_json(c.to_json().as_bytes()),
        &CampaignError::UnknownText("judul".into()),
        "unknown text",
    );
    // An own frame has no texts at all.
    let mut own = own_frame_campaign();
    own.texts = texts(&[("slogan", "x")]);
    assert_eq!(
        own.validate(),
        Err(CampaignError::UnknownText("slogan".into()))
    );
}

#[test]
fn texts_are_limited_to_each_fields_max_chars() {
    for design in twibbon::builtin_designs() {
        for field in &design.fields {
            // Exactly the limit, in multi-byte characters, is fine: the limit counts characters.
            let at = Campaign::for_design(
                &design.id,
                texts(&[(field.key.as_str(), "é".repeat(field.max_chars).as_str())]),
                BrandKit::default(),
            );
            assert_eq!(at.validate(), Ok(()), "{} {}", design.id, field.key);
            let over = Campaign::for_design(
                &design.id,
                texts(&[(field.key.as_str(), "é".repeat(field.max_chars + 1).as_str())]),
                BrandKit::default(),
            );
            assert_error(
                Campaign::from_json(over.to_json().as_bytes()),
                &CampaignError::TextTooLong {
                    key: field.key.clone(),
                    limit: field.max_chars,
                },
                &format!("{} {}", design.id, field.key),
            );
        }
    }
}

#[test]
fn the_caption_is_limited_to_max_caption_chars() {
    let mut c = design_campaign();
    c.caption = "ü".repeat(MAX_CAPTION_CHARS);
    assert_eq!(c.validate(), Ok(()));
    c.caption.push('!');
    assert_error(
        Campaign::from_json(c.to_json().as_bytes()),
        &CampaignError::CaptionTooLong,
        "caption",
    );
}

#[test]
fn a_frame_must_be_a_png() {
    let e = FramePng::from_bytes(b"GIF89a\x01\x00\x01\x00".to_vec()).unwrap_err();
    assert_eq!(e, CampaignError::FrameNotPng);
    assert_messages(&e, "FrameNotPng");
    assert_eq!(
        FramePng::from_bytes(Vec::new()),
        Err(CampaignError::FrameNotPng)
    );
    // The same bytes inside a file are refused too.
    let json = own_frame_campaign().to_json().replace(
        &base64::engine::general_purpose::STANDARD.encode(small_frame_png()),
        &base64::engine::general_purpose::STANDARD.encode(b"GIF89a\x01\x00\x01\x00"),
    );
    assert!(Campaign::from_json(json.as_bytes()).is_err());
}

#[test]
fn a_frame_over_max_frame_bytes_is_refused() {
    let mut at = padded(small_frame_png(), MAX_FRAME_BYTES);
    assert!(
        FramePng::from_bytes(at.clone()).is_ok(),
        "exactly the limit"
    );
    at.push(0);
    let e = FramePng::from_bytes(at.clone()).unwrap_err();
    assert_eq!(
        e,
        CampaignError::FrameTooLarge {
            bytes: MAX_FRAME_BYTES + 1
        }
    );
    assert_messages(&e, "FrameTooLarge");
    // Inside a file (still under the file limit) it is refused as well.
    let json = serde_json::json!({
        "design": OWN_FRAME,
        "frame": {
            "type": "image/png",
            "data": base64::engine::general_purpose::STANDARD.encode(&at),
        },
    })
    .to_string();
    assert!(json.len() <= MAX_CAMPAIGN_JSON);
    assert_eq!(
        Campaign::from_json(json.as_bytes()),
        Err(CampaignError::FrameTooLarge {
            bytes: MAX_FRAME_BYTES + 1
        }),
        "the frame's own reason, not \"not a campaign\""
    );
}

/// A PNG of `width`×`height` with `alpha` everywhere, as its encoder writes it.
fn png(width: u32, height: u32, alpha: Option<u8>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let cursor = &mut std::io::Cursor::new(&mut bytes);
    match alpha {
        Some(a) => image::RgbaImage::from_pixel(width, height, image::Rgba([9, 9, 9, a]))
            .write_to(cursor, image::ImageFormat::Png),
        None => image::RgbImage::from_pixel(width, height, image::Rgb([9, 9, 9]))
            .write_to(cursor, image::ImageFormat::Png),
    }
    .unwrap();
    bytes
}

#[test]
fn a_frame_with_more_pixels_than_a_twibbon_can_use_is_refused_from_its_header() {
    // 5000×5000 of one colour compresses to a few KB: the header decides, before any decode.
    let huge = png(5000, 5000, Some(0));
    assert!(huge.len() < MAX_FRAME_BYTES);
    let e = FramePng::from_bytes(huge.clone()).unwrap_err();
    assert_eq!(
        e,
        CampaignError::FramePixels {
            width: 5000,
            height: 5000
        }
    );
    assert_messages(&e, "FramePixels");
    assert!(e.message(Lang::Id).contains("Bingkai"), "names the frame");
    assert!(
        FramePng::from_bytes(png(2160, 2160, Some(0))).is_ok(),
        "a 2× export"
    );
    // The same refusal inside a campaign file.
    let json = serde_json::json!({
        "design": OWN_FRAME,
        "frame": {"type": "image/png", "data": base64::engine::general_purpose::STANDARD.encode(&huge)},
    })
    .to_string();
    assert_eq!(Campaign::from_json(json.as_bytes()), Err(e));
}

#[test]
fn a_frame_that_cannot_show_the_photo_or_only_starts_like_a_png_is_refused() {
    // No alpha channel at all: refused from the header.
    let e = FramePng::from_bytes(png(64, 64, None)).unwrap_err();
    assert_eq!(e, CampaignError::FrameOpaque);
    assert_messages(&e, "FrameOpaque");
    // An alpha channel that is opaque everywhere: refused when decoded.
    let opaque = FramePng::from_bytes(png(64, 64, Some(255))).unwrap();
    assert_eq!(opaque.decode().unwrap_err(), CampaignError::FrameOpaque);
    // A good header followed by garbage: the header passes, the decode names the frame.
    let mut broken = small_frame_png();
    broken.truncate(60);
    let frame = FramePng::from_bytes(broken).unwrap();
    let e = frame.decode().unwrap_err();
    assert!(matches!(e, CampaignError::FrameBroken(_)), "{e:?}");
    assert_messages(&e, "FrameBroken");
    for lang in [Lang::Id, Lang::En] {
        let m = e.message(lang).to_lowercase();
        assert!(!m.contains("foto") && !m.contains("photo"), "{m}");
    }
    assert_eq!(
        FramePng::from_bytes(small_frame_png())
            .unwrap()
            .decode()
            .unwrap()
            .dimensions(),
        (64, 64)
    );
}

#[test]
fn a_campaigns_texts_from_a_file_or_link_lose_their_control_and_bidi_characters() {
    let mut c = design_campaign();
    let key = c.texts.keys().next().unwrap().clone();
    c.texts
        .insert(key.clone(), "Coblos\u{202E}2 on\u{7}\u{1b}".into());
    c.caption = "\u{202E}NKB resmi\r\nbaris\u{0}".into();
    c.kit.agency = "\u{202E}NKB".into();
    for back in [
        Campaign::from_json(c.to_json().as_bytes()).unwrap(),
        Campaign::from_link_fragment(&c.to_link_fragment().unwrap().fragment).unwrap(),
    ] {
        assert_eq!(back.texts[&key], "Coblos2 on");
        assert_eq!(back.caption, "NKB resmi\nbaris");
        assert_eq!(back.kit.agency, "NKB");
        assert_eq!(back.title(Lang::Id), "NKB");
    }
}

#[test]
fn own_frame_without_a_frame_and_a_design_with_one_mismatch() {
    let no_frame = Campaign::for_design(OWN_FRAME, BTreeMap::new(), kit());
    assert_error(
        Campaign::from_json(no_frame.to_json().as_bytes()),
        &CampaignError::FrameMismatch,
        "bingkai-sendiri without frame",
    );
    let mut with_frame = design_campaign();
    with_frame.frame = Some(FramePng::from_bytes(small_frame_png()).unwrap());
    assert_error(
        Campaign::from_json(with_frame.to_json().as_bytes()),
        &CampaignError::FrameMismatch,
        "built-in design with frame",
    );
    assert_eq!(with_frame.frame(), Err(CampaignError::FrameMismatch));
}

#[test]
fn kit_errors_surface_as_brand_errors() {
    let cases: Vec<(BrandKit, BrandError)> = vec![
        (
            BrandKit {
                hashtags: vec!["bukan tagar".into()],
                ..kit()
            },
            BrandError::BadHashtag("bukan tagar".into()),
        ),
        (
            BrandKit {
                hashtags: vec!["a".into(); campaign_kit::brand::MAX_HASHTAGS + 1],
                ..kit()
            },
            BrandError::TooManyHashtags,
        ),
        (
            BrandKit {
                agency: "x".repeat(campaign_kit::brand::MAX_NAME_CHARS + 1),
                ..kit()
            },
            BrandError::TooLong {
                field: "agency",
                limit: campaign_kit::brand::MAX_NAME_CHARS,
            },
        ),
        (
            BrandKit {
                version: 9,
                ..kit()
            },
            BrandError::Version(9),
        ),
    ];
    for (kit, brand_error) in cases {
        let c = Campaign::for_design("merah-putih", BTreeMap::new(), kit);
        let want = CampaignError::Brand(brand_error.clone());
        assert_eq!(c.validate(), Err(want.clone()));
        let got = Campaign::from_json(c.to_json().as_bytes());
        assert_error(got, &want, &format!("{brand_error:?}"));
        // The message is the kit's own.
        assert_eq!(want.message(Lang::En), brand_error.message(Lang::En));
    }
}

// ---- title ----

#[test]
fn title_is_the_agency_or_else_the_design_name() {
    let mut c = design_campaign();
    c.kit.agency = "  Dinas Kominfo  ".into();
    assert_eq!(c.title(Lang::Id), "Dinas Kominfo");
    assert_eq!(c.title(Lang::En), "Dinas Kominfo");

    c.kit.agency = "   ".into();
    let design = twibbon::design_by_id("lingkar-oranye").unwrap();
    assert_eq!(c.title(Lang::Id), design.name.id);
    assert_eq!(c.title(Lang::En), design.name.en);
    assert_ne!(
        design.name.id, design.name.en,
        "the test tells languages apart"
    );

    let mut own = own_frame_campaign();
    own.kit.agency.clear();
    assert_eq!(own.title(Lang::En), Template::user_frame().name.en);
    assert_eq!(own.title(Lang::Id), Template::user_frame().name.id);
}

#[test]
fn a_logo_with_more_pixels_than_a_logo_needs_is_refused_from_its_header() {
    // A ~60-byte file that would decode to 100 megapixels in every recipient's browser.
    let huge = hostile_png::png_claiming(10_000, 10_000);
    assert_eq!(
        Logo::from_bytes(huge.clone()),
        Err(BrandError::LogoPixels {
            width: 10_000,
            height: 10_000
        })
    );
    assert!(
        Logo::from_bytes(hostile_png::png_claiming(5000, 100)).is_err(),
        "a side over the limit"
    );
    assert!(
        Logo::from_bytes(hostile_png::png_claiming(2048, 2049)).is_err(),
        "over 4 MP"
    );
    assert!(
        Logo::from_bytes(hostile_png::png_claiming(4096, 1024)).is_ok(),
        "a wide logo"
    );
    // Inside a kit file and a link, the same refusal with the same reason.
    let json = format!(
        r#"{{"logo": {{"type": "image/png", "data": "{}"}}}}"#,
        base64::engine::general_purpose::STANDARD.encode(&huge)
    );
    let e = BrandKit::from_json(json.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        BrandError::LogoPixels {
            width: 10_000,
            height: 10_000
        }
    );
    assert!(
        e.message(Lang::Id).contains("10000×10000"),
        "{}",
        e.message(Lang::Id)
    );
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let fragment = format!("kit={}", URL_SAFE_NO_PAD.encode(packed));
    assert!(fragment.len() < 1200, "a ~1 KB link");
    assert_eq!(BrandKit::from_link_fragment(&fragment).unwrap_err(), e);
    // And inside a campaign link, before anyone decodes it.
    let campaign = format!(r#"{{"design": "pita-biru", "kit": {}}}"#, json);
    let packed = miniz_oxide::deflate::compress_to_vec(campaign.as_bytes(), 9);
    let fragment = format!("campaign={}", URL_SAFE_NO_PAD.encode(packed));
    assert_eq!(
        Campaign::from_link_fragment(&fragment).unwrap_err(),
        CampaignError::Brand(e)
    );
    // A logo whose header cannot be read is refused, not carried along.
    assert!(matches!(
        Logo::from_bytes(b"\x89PNG\r\n\x1a\nnot a header".to_vec()),
        Err(BrandError::LogoBroken(_))
    ));
}

// `CORPUS_SEEDS=$PWD/fuzz/corpus/links cargo test --test campaign -- --ignored
// write_link_fuzz_seeds` seeds the `links` fuzz target (fuzz/README.md): each kit and campaign
// below in each of the target's link and file modes, and a frame PNG as a logo and as a frame
// (a mode byte, then the input).
#[test]
#[ignore = "writes files; run by hand to seed fuzz/corpus/links"]
fn write_link_fuzz_seeds() {
    let dir = std::path::PathBuf::from(
        std::env::var("CORPUS_SEEDS").expect("set CORPUS_SEEDS to a folder"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let mut spoofed = design_campaign();
    spoofed.kit.agency = "\u{202E}NKB\u{202C}\u{7}".into();
    spoofed.caption = "baris\r\nbaris\u{0}".into();
    let kits = [kit(), spoofed.kit.clone(), BrandKit::default()];
    let campaigns = [design_campaign(), spoofed, own_frame_campaign()];
    let fragment_data = |f: String| f.split_once('=').unwrap().1.as_bytes().to_vec();
    let mut seeds: Vec<(u8, Vec<u8>)> = Vec::new();
    for k in &kits {
        seeds.push((0, fragment_data(k.to_link_fragment().fragment)));
        seeds.push((2, k.to_json().into_bytes()));
        seeds.push((4, k.to_json().into_bytes()));
    }
    for c in &campaigns {
        if let Ok(link) = c.to_link_fragment() {
            seeds.push((1, fragment_data(link.fragment)));
        }
        seeds.push((3, c.to_json().into_bytes()));
        seeds.push((5, c.to_json().into_bytes()));
    }
    seeds.push((6, small_frame_png()));
    seeds.push((7, small_frame_png()));
    for (i, (mode, input)) in seeds.into_iter().enumerate() {
        let mut bytes = vec![mode];
        bytes.extend(input);
        std::fs::write(dir.join(format!("seed-{i:02}")), bytes).unwrap();
    }
}
