//! Anything a stranger can send → the kit and campaign readers (links and files) and the logo
//! and frame header checks: they must
//! never panic, hang or blow memory, and whatever they accept must be what the app and the CLI
//! can use — valid, free of control and bidi characters, and the same after a round trip.
//! Run: `cargo +nightly fuzz run links -- -max_total_time=1800 -rss_limit_mb=2048
//! -max_len=65536` (see fuzz/README.md).
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use campaign_kit::brand::{BrandKit, Logo, LOGO_MAX_FILE_SIDE};
use campaign_kit::campaign::{Campaign, FramePng, MAX_FRAME_SIDE};
use campaign_kit::image_header;
use campaign_kit::i18n::Lang;
use campaign_kit::text::clean::is_clean_text;
use libfuzzer_sys::fuzz_target;

/// What every accepted kit must be.
fn check_kit(kit: &BrandKit) {
    kit.validate().expect("an accepted kit is valid");
    for text in [&kit.agency, &kit.issuer] {
        assert!(is_clean_text(text) && !text.contains('\n'), "{text:?}");
    }
    let again = BrandKit::from_json(kit.to_json().as_bytes()).expect("its own JSON reads back");
    assert_eq!(&again, kit);
    let link = kit.to_link_fragment();
    let back = BrandKit::from_link_fragment(&link.fragment).expect("its own link reads back");
    if !link.logo_left_out {
        assert_eq!(&back, kit);
    }
}

/// What every accepted campaign must be.
fn check_campaign(campaign: &Campaign) {
    campaign.validate().expect("an accepted campaign is valid");
    check_kit(&campaign.kit);
    assert!(is_clean_text(&campaign.caption), "{:?}", campaign.caption);
    for text in campaign.texts.values() {
        assert!(is_clean_text(text), "{text:?}");
    }
    for lang in [Lang::Id, Lang::En] {
        assert!(is_clean_text(&campaign.title(lang)));
    }
    let again = Campaign::from_json(campaign.to_json().as_bytes()).expect("its JSON reads back");
    assert_eq!(&again, campaign);
    if campaign.frame.is_none() {
        let link = campaign.to_link_fragment().expect("a campaign without a frame is a link");
        let back = Campaign::from_link_fragment(&link.fragment).expect("its link reads back");
        if !link.logo_left_out {
            assert_eq!(&back, campaign);
        }
    }
}

/// `key=<base64url(deflate(bytes))>`: the fuzzer's bytes as a link would carry them, so the
/// JSON readers are reached through the link path too.
fn packed(key: &str, bytes: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(bytes, 1);
    format!("{key}{}", URL_SAFE_NO_PAD.encode(deflated))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match mode % 8 {
        // A fragment as typed into the address bar.
        0 => {
            if let Ok(kit) = BrandKit::from_link_fragment(&format!("kit={text}")) {
                check_kit(&kit);
            }
        }
        1 => {
            if let Ok(c) = Campaign::from_link_fragment(&format!("campaign={text}")) {
                check_campaign(&c);
            }
        }
        // A file.
        2 => {
            if let Ok(kit) = BrandKit::from_json(rest) {
                check_kit(&kit);
            }
        }
        3 => {
            if let Ok(c) = Campaign::from_json(rest) {
                check_campaign(&c);
            }
        }
        // A well-formed link around any JSON.
        4 => {
            if let Ok(kit) = BrandKit::from_link_fragment(&packed("kit=", rest)) {
                check_kit(&kit);
            }
        }
        5 => {
            if let Ok(c) = Campaign::from_link_fragment(&packed("campaign=", rest)) {
                check_campaign(&c);
            }
        }
        // A logo or a frame file as picked: its header read by hand (src/image_header.rs).
        6 => {
            if let Ok(logo) = Logo::from_bytes(rest.to_vec()) {
                if let Ok(h) = image_header::read(&logo.bytes) {
                    assert!(h.width <= LOGO_MAX_FILE_SIDE && h.height <= LOGO_MAX_FILE_SIDE);
                }
            }
        }
        _ => {
            if let Ok(frame) = FramePng::from_bytes(rest.to_vec()) {
                let h = image_header::read(&frame.0).expect("an accepted frame has a header");
                assert!(h.has_alpha && h.width <= MAX_FRAME_SIDE && h.height <= MAX_FRAME_SIDE);
            }
        }
    }
});
