//! The brand kit, logo and photo that the poster and pledge tests draw with.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use campaign_kit::brand::{decode_logo, BrandKit, Logo};
use campaign_kit::photo::Photo;
use campaign_kit::pledge::{nip, signature, Date, PledgeFields};
use image::RgbaImage;

/// A real agency name long enough to wrap on every size.
pub const LONG_AGENCY: &str = "Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe";

/// Our own test logo (a gold disc with a navy check mark), as a user would upload an SVG.
pub const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100"><circle cx="50" cy="50" r="46" fill="#FFC400" stroke="#FFFFFF" stroke-width="6"/><path d="M28 52 L44 68 L74 34" fill="none" stroke="#0B2D5B" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/></svg>"##;

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The public-domain astronaut portrait from tests/fixtures, decoded once.
pub fn astronaut() -> &'static Photo {
    static PHOTO: OnceLock<Photo> = OnceLock::new();
    PHOTO.get_or_init(|| {
        let bytes = std::fs::read(manifest_dir().join("tests/fixtures/astronaut.jpg")).unwrap();
        Photo::decode(&bytes).expect("fixture decodes")
    })
}

/// A full kit: long agency name, issuer, hashtags and the SVG logo.
pub fn kit() -> BrandKit {
    BrandKit {
        agency: LONG_AGENCY.into(),
        issuer: "Badan Kepegawaian Negara".into(),
        hashtags: vec!["NetralitasASN".into(), "PemiluDamai".into()],
        logo: Some(Logo::from_bytes(LOGO_SVG.as_bytes().to_vec()).unwrap()),
        ..BrandKit::default()
    }
}

/// The kit's logo, decoded once.
pub fn logo() -> &'static Photo {
    static LOGO: OnceLock<Photo> = OnceLock::new();
    LOGO.get_or_init(|| decode_logo(kit().logo.as_ref().unwrap()).unwrap())
}

/// One signer's card fields: a PNS with a NIP, dated 26 November 2026.
pub fn fields() -> PledgeFields {
    let date = Date::new(2026, 11, 26).unwrap();
    PledgeFields {
        name: "Dra. Siti Rahmawati, M.Si.".into(),
        nip: Some(nip::parse("19780521 200212 2 004", date).unwrap()),
        position: "Auditor Ahli Madya".into(),
        agency: "Inspektorat Daerah".into(),
        place: "Bitung".into(),
        date,
    }
}

/// A drawn signature: one wavy stroke across the pad, through the core's stroke renderer.
pub fn sig() -> RgbaImage {
    let strokes = [signature::Stroke {
        points: (0..60)
            .map(|i| {
                let t = i as f32 / 60.0;
                (20.0 + 300.0 * t, 60.0 + 30.0 * (t * 12.0).sin())
            })
            .collect(),
    }];
    signature::from_strokes(&strokes, 340, 120)
}
