//! The static first screen (`www/index.html`) shows `www/boot-preview.jpg` until the app's wasm
//! has loaded: it must be exactly what the core draws for the twibbon page before a photo is
//! chosen (the default design with its photo placeholder, at the preview's size), so the
//! picture the app replaces it with is the same. Byte for byte: the JPEG encoder is
//! deterministic, and any change to the default design, the placeholder or the fonts changes the
//! bytes. `REGENERATE=1 cargo test --test first_screen` rewrites the file.

mod support;

use campaign_kit::twibbon::{first_screen_jpeg, FIRST_SCREEN_SIDE};
use support::golden_check::regenerate;
use support::kit::manifest_dir;

#[test]
fn the_first_screen_picture_is_the_cores_render_of_the_default_design() {
    let path = manifest_dir().join("www/boot-preview.jpg");
    let made = first_screen_jpeg().unwrap();
    if regenerate() {
        std::fs::write(&path, &made).unwrap();
        eprintln!("wrote {}", path.display());
        return;
    }
    let committed = std::fs::read(&path).expect("www/boot-preview.jpg (REGENERATE=1 writes it)");
    let image = image::load_from_memory(&committed).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (FIRST_SCREEN_SIDE, FIRST_SCREEN_SIDE)
    );
    assert!(
        committed == made,
        "www/boot-preview.jpg is not the core's render of the default design: \
         REGENERATE=1 cargo test --test first_screen"
    );
    // Small enough not to cost the first visit what it saves.
    assert!(committed.len() < 80 * 1024, "{} bytes", committed.len());
}

/// `"key": "text"` from the app's Indonesian words (`src/ui/strings/id.rs`).
fn word(key: &str) -> String {
    let source = std::fs::read_to_string(manifest_dir().join("src/ui/strings/id.rs")).unwrap();
    let start = format!("    {key}: \"");
    let line = source
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no word {key}"));
    line[start.len()..line.rfind('"').unwrap()].to_string()
}

#[test]
fn the_first_screen_says_what_the_app_says() {
    let html = std::fs::read_to_string(manifest_dir().join("www/index.html")).unwrap();
    for key in ["title", "tagline", "privacy", "choose_photo", "drop_here"] {
        let text = word(key);
        assert!(
            html.contains(&text),
            "index.html lacks the app's {key}: {text:?}"
        );
    }
    assert!(html.contains(r#"src="boot-preview.jpg""#));
    assert!(html.contains(r#"<input type="file" id="boot-photo""#));
}

#[test]
fn the_cli_writes_the_first_screen_and_a_campaigns_differs() {
    let cli = env!("CARGO_BIN_EXE_campaign-kit");
    let dir =
        std::env::temp_dir().join(format!("campaign-kit-first-screen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = dir.join("plain.jpg");
    let status = std::process::Command::new(cli)
        .args(["first-screen", "--out"])
        .arg(&plain)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read(&plain).unwrap(), first_screen_jpeg().unwrap());

    let campaign = dir.join("campaign.jpg");
    let status = std::process::Command::new(cli)
        .args(["first-screen", "--campaign"])
        .arg(manifest_dir().join("tests/fixtures/campaign.json"))
        .arg("--out")
        .arg(&campaign)
        .status()
        .unwrap();
    assert!(status.success());
    let image = image::load_from_memory(&std::fs::read(&campaign).unwrap()).unwrap();
    assert_eq!(image.width(), FIRST_SCREEN_SIDE);
    assert_ne!(
        std::fs::read(&campaign).unwrap(),
        std::fs::read(&plain).unwrap()
    );

    let broken = dir.join("broken.json");
    std::fs::write(&broken, b"{\"design\": 3}").unwrap();
    let out = std::process::Command::new(cli)
        .args(["first-screen", "--campaign"])
        .arg(&broken)
        .args(["--out"])
        .arg(dir.join("never.jpg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("never.jpg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
