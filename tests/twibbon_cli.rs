//! `campaign-kit campaign` and `campaign-kit twibbon`: the campaign file and link the CLI makes
//! are the library's, a twibbon from a campaign file is the same image as from the flags and as
//! the library's, and bad input is one line on stderr with exit 1 (usage errors exit 2).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/hostile_png.rs"]
mod hostile_png;
#[path = "support/kit.rs"]
mod kit;

use std::collections::BTreeMap;

use base64::Engine;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use campaign_kit::brand::decode_logo;
use campaign_kit::campaign::{Campaign, CampaignError, CampaignFrame};
use campaign_kit::finish::{finish_twibbon_design, Output as FinishOutput};
use campaign_kit::i18n::Lang;
use campaign_kit::photo::Photo;
use campaign_kit::poster::{PosterInputs, PosterSize};
use campaign_kit::render::PhotoTransform;
use campaign_kit::twibbon;
use cli::{describe, fixture, s, BIN};
use image::ImageFormat;
use kit::kit;

const SLOGAN: &str = "KAMI NETRAL";
const SUBLINE: &str = "Melayani tanpa memihak";
const CAPTION: &str = "Saya ASN, saya netral.";

fn scratch(test: &str) -> PathBuf {
    cli::scratch("twibbon", test)
}

/// Runs the binary in English (messages do not depend on the machine's locale).
fn run(args: &[&str]) -> Output {
    run_lang(args, Some("en_US.UTF-8"))
}

/// Runs the binary with `LANG` set to `lang`, or unset.
fn run_lang(args: &[&str], lang: Option<&str>) -> Output {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("LC_ALL").env_remove("LANG");
    if let Some(lang) = lang {
        command.env("LANG", lang);
    }
    command.output().expect("run campaign-kit")
}

fn assert_ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: {}", describe(o));
}

/// Exit 1 (not a panic, not a usage error) and exactly one non-empty stderr line; returns it.
fn assert_one_line_error(o: &Output, what: &str) -> String {
    assert_eq!(o.status.code(), Some(1), "{what}: {}", describe(o));
    let stderr = String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: want one line: {}", describe(o));
    assert!(!lines[0].trim().is_empty(), "{what}: empty message");
    assert!(!stderr.contains("panicked"), "{what}: {}", describe(o));
    lines[0].to_string()
}

/// The test kit (full, with the SVG logo) as a file in `dir`.
fn kit_file(dir: &Path) -> PathBuf {
    let path = dir.join("kit.json");
    std::fs::write(&path, kit().to_json()).unwrap();
    path
}

/// A 1080×1080 frame PNG: red, with a transparent circle in the middle for the photo.
fn frame_png_file(dir: &Path) -> PathBuf {
    let image = image::RgbaImage::from_fn(1080, 1080, |x, y| {
        let (dx, dy) = (x as f32 - 539.5, y as f32 - 539.5);
        if dx * dx + dy * dy < 400.0 * 400.0 {
            image::Rgba([0, 0, 0, 0])
        } else {
            image::Rgba([200, 20, 20, 255])
        }
    });
    let path = dir.join("bingkai.png");
    image.save_with_format(&path, ImageFormat::Png).unwrap();
    path
}

/// `campaign --brand KIT --design lingkar-oranye --text … --caption … --out OUT --link`.
fn make_campaign(dir: &Path, out: &Path) -> Output {
    let kit = kit_file(dir);
    run(&[
        "campaign",
        "--brand",
        s(&kit),
        "--design",
        "lingkar-oranye",
        "--text",
        &format!("slogan={SLOGAN}"),
        "--text",
        &format!("subline={SUBLINE}"),
        "--caption",
        CAPTION,
        "--out",
        s(out),
        "--link",
    ])
}

fn png_pixels(bytes: &[u8]) -> image::RgbaImage {
    assert_eq!(image::guess_format(bytes).unwrap(), ImageFormat::Png);
    image::load_from_memory_with_format(bytes, ImageFormat::Png)
        .unwrap()
        .into_rgba8()
}

#[test]
fn campaign_writes_a_file_and_prints_a_link_that_read_back() {
    let dir = scratch("campaign");
    let out = dir.join("c.json");
    let o = make_campaign(&dir, &out);
    assert_ok(&o, "campaign");
    assert!(o.stderr.is_empty(), "no warning: {}", describe(&o));

    let file = Campaign::from_json(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(file.design, "lingkar-oranye");
    assert_eq!(file.texts.get("slogan").map(String::as_str), Some(SLOGAN));
    assert_eq!(file.texts.get("subline").map(String::as_str), Some(SUBLINE));
    assert_eq!(file.texts.len(), 2);
    assert_eq!(file.caption, CAPTION);
    assert_eq!(file.kit, kit());
    assert_eq!(file.frame, None);

    let stdout = String::from_utf8(o.stdout).unwrap();
    let links: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("#campaign="))
        .collect();
    assert_eq!(links.len(), 1, "one #campaign= line in:\n{stdout}");
    let from_link = Campaign::from_link_fragment(links[0]).unwrap();
    assert_eq!(
        from_link, file,
        "the link carries everything, logo included"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn twibbon_from_a_campaign_equals_the_flags_and_the_library() {
    let dir = scratch("same");
    let campaign = dir.join("c.json");
    assert_ok(&make_campaign(&dir, &campaign), "campaign");
    let photo = fixture("astronaut.jpg");

    let from_file = dir.join("o.png");
    let o = run(&[
        "twibbon",
        "--campaign",
        s(&campaign),
        "--photo",
        s(&photo),
        "--out",
        s(&from_file),
    ]);
    assert_ok(&o, "twibbon --campaign");

    let kit_path = kit_file(&dir);
    let from_flags = dir.join("o2.png");
    let o = run(&[
        "twibbon",
        "--frame",
        "lingkar-oranye",
        "--brand",
        s(&kit_path),
        "--text",
        &format!("slogan={SLOGAN}"),
        "--text",
        &format!("subline={SUBLINE}"),
        "--photo",
        s(&photo),
        "--out",
        s(&from_flags),
    ]);
    assert_ok(&o, "twibbon --frame");

    let a = std::fs::read(&from_file).unwrap();
    let b = std::fs::read(&from_flags).unwrap();
    assert!(a == b, "--campaign and the flags give different PNG bytes");

    // The library, with the same inputs.
    let design = twibbon::design_by_id("lingkar-oranye").unwrap();
    let kit = kit();
    let values: BTreeMap<String, String> = [("slogan", SLOGAN), ("subline", SUBLINE)]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let photo = Photo::decode(&std::fs::read(&photo).unwrap()).unwrap();
    let logo = decode_logo(kit.logo.as_ref().unwrap()).unwrap();
    let inputs = PosterInputs {
        values: &values,
        brand: &kit,
        photo: Some(&photo),
        transform: PhotoTransform::default(),
        logo: Some(&logo),
    };
    let library =
        finish_twibbon_design(design, PosterSize::Square, &inputs, FinishOutput::Png).unwrap();
    let cli = png_pixels(&a);
    let lib = png_pixels(&library.bytes);
    assert_eq!(cli.dimensions(), (1080, 1080));
    assert!(cli == lib, "CLI and library pixels differ");

    // And the texts and kit matter: the default design without them is a different image.
    let plain = dir.join("plain.png");
    let o = run(&[
        "twibbon",
        "--frame",
        "lingkar-oranye",
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--out",
        s(&plain),
    ]);
    assert_ok(&o, "plain");
    assert!(png_pixels(&std::fs::read(&plain).unwrap()) != cli);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn size_1080x1440_writes_a_1080_by_1440_png() {
    let dir = scratch("size");
    let campaign = dir.join("c.json");
    assert_ok(&make_campaign(&dir, &campaign), "campaign");
    let out = dir.join("tinggi.png");
    let o = run(&[
        "twibbon",
        "--campaign",
        s(&campaign),
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--size",
        "1080x1440",
        "--out",
        s(&out),
    ]);
    assert_ok(&o, "--size 1080x1440");
    let image = png_pixels(&std::fs::read(&out).unwrap());
    assert_eq!(image.dimensions(), (1080, 1440));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn size_a4_is_a_usage_error() {
    let dir = scratch("a4");
    let out = dir.join("x.png");
    let o = run(&[
        "twibbon",
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--size",
        "a4",
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", describe(&o));
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unknown_design_is_one_line_and_exit_1() {
    let dir = scratch("unknown");
    let out = dir.join("c.json");
    let o = run(&["campaign", "--design", "pelangi", "--out", s(&out)]);
    let line = assert_one_line_error(&o, "campaign --design pelangi");
    assert!(line.contains("pelangi"), "{line}");
    assert!(!out.exists(), "no file for a failed campaign");

    let png = dir.join("x.png");
    let o = run(&[
        "twibbon",
        "--frame",
        "pelangi",
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--out",
        s(&png),
    ]);
    let line = assert_one_line_error(&o, "twibbon --frame pelangi");
    assert!(line.contains("pelangi"), "{line}");
    assert!(!png.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unknown_text_key_is_one_line_and_exit_1() {
    let dir = scratch("text");
    let png = dir.join("x.png");
    let o = run(&[
        "twibbon",
        "--frame",
        "pita-biru",
        "--text",
        "nope=x",
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--out",
        s(&png),
    ]);
    let line = assert_one_line_error(&o, "twibbon --text nope=x");
    assert!(line.contains("nope"), "{line}");
    // It names the design, never an empty path ("campaign-kit: : …") or the kit file.
    assert!(line.starts_with("campaign-kit: pita-biru: "), "{line}");
    assert!(!png.exists());
    let kit_path = kit_file(&dir);
    let o = run(&[
        "twibbon",
        "--frame",
        "pita-biru",
        "--brand",
        s(&kit_path),
        "--text",
        "nope=x",
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--out",
        s(&png),
    ]);
    let line = assert_one_line_error(&o, "twibbon --brand --text nope=x");
    assert!(line.starts_with("campaign-kit: pita-biru: "), "{line}");

    let out = dir.join("c.json");
    let o = run(&[
        "campaign",
        "--design",
        "pita-biru",
        "--text",
        "nope=x",
        "--out",
        s(&out),
    ]);
    assert_one_line_error(&o, "campaign --text nope=x");
    assert!(!out.exists());

    // Not KEY=TEXT at all.
    let o = run(&[
        "campaign",
        "--design",
        "pita-biru",
        "--text",
        "slogan",
        "--out",
        s(&out),
    ]);
    assert_one_line_error(&o, "campaign --text slogan");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_own_frame_campaign_makes_a_twibbon_but_no_link() {
    let dir = scratch("own");
    let frame = frame_png_file(&dir);
    let campaign = dir.join("c.json");
    let o = run(&["campaign", "--frame-png", s(&frame), "--out", s(&campaign)]);
    assert_ok(&o, "campaign --frame-png");
    let c = Campaign::from_json(&std::fs::read(&campaign).unwrap()).unwrap();
    match c.frame().unwrap() {
        CampaignFrame::Own(png) => assert_eq!(png.0, std::fs::read(&frame).unwrap()),
        other => panic!("want the own frame, got {other:?}"),
    }

    let out = dir.join("o.png");
    let o = run(&[
        "twibbon",
        "--campaign",
        s(&campaign),
        "--photo",
        s(&fixture("astronaut.jpg")),
        "--out",
        s(&out),
    ]);
    assert_ok(&o, "twibbon --campaign (own frame)");
    let image = png_pixels(&std::fs::read(&out).unwrap());
    assert_eq!(image.dimensions(), (1080, 1080));
    // The frame's red is on top in the corner; the photo shows through the hole.
    let corner = image.get_pixel(10, 10);
    assert!(
        corner[0] > 180 && corner[1] < 50 && corner[2] < 50,
        "{corner:?}"
    );
    let centre = image.get_pixel(540, 540);
    assert!(
        !(centre[0] > 180 && centre[1] < 50 && centre[2] < 50),
        "{centre:?}"
    );

    // The same frame as a link: refused in one line, and no file is left behind.
    let linked = dir.join("linked.json");
    let o = run(&[
        "campaign",
        "--frame-png",
        s(&frame),
        "--out",
        s(&linked),
        "--link",
    ]);
    let line = assert_one_line_error(&o, "campaign --frame-png --link");
    assert!(
        line.contains(&CampaignError::FrameNeedsFile.message(Lang::En)),
        "{line}"
    );
    assert!(o.stdout.is_empty(), "no link printed");
    assert!(!linked.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_corrupt_campaign_file_is_one_line_in_the_users_language() {
    let dir = scratch("corrupt");
    let campaign = dir.join("rusak.json");
    std::fs::write(&campaign, b"{\"design\": \"lingkar-oranye\", \"texts\": ").unwrap();
    let out = dir.join("x.png");
    let photo = fixture("astronaut.jpg");
    let args = [
        "twibbon",
        "--campaign",
        s(&campaign),
        "--photo",
        s(&photo),
        "--out",
        s(&out),
    ];
    let not_a_campaign = CampaignError::NotACampaign(String::new());

    let id = assert_one_line_error(&run_lang(&args, None), "LANG unset");
    assert!(
        id.contains(&not_a_campaign.message(Lang::Id)),
        "Bahasa Indonesia by default: {id}"
    );
    let en = assert_one_line_error(&run_lang(&args, Some("en_US.UTF-8")), "LANG=en_US");
    assert!(
        en.contains(&not_a_campaign.message(Lang::En)),
        "English: {en}"
    );
    let id = assert_one_line_error(&run_lang(&args, Some("id_ID.UTF-8")), "LANG=id_ID");
    assert!(id.contains(&not_a_campaign.message(Lang::Id)), "{id}");
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn list_prints_the_three_design_ids() {
    let o = run(&["list"]);
    assert_ok(&o, "list");
    let stdout = String::from_utf8(o.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(ids, ["lingkar-oranye", "pita-biru", "merah-putih"]);
    let builtin: Vec<&str> = twibbon::builtin_designs()
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, builtin);
}

// ---- files from strangers (issue 28) ----

/// `/dev/zero` never ends: every file flag reads through the bounded reader and is refused at
/// its kind's limit, at once and in little memory, with the app's message.
#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_at_its_limit_for_every_file_flag() {
    use campaign_kit::bounded_read::{FileKind, ReadError};
    let dir = scratch("endless");
    let out = dir.join("x.png");
    let photo = fixture("astronaut.jpg");
    let cases: [(&[&str], FileKind); 4] = [
        (
            &[
                "twibbon",
                "--campaign",
                "/dev/zero",
                "--photo",
                s(&photo),
                "--out",
                s(&out),
            ],
            FileKind::Campaign,
        ),
        (
            &["twibbon", "--photo", "/dev/zero", "--out", s(&out)],
            FileKind::Photo,
        ),
        (
            &[
                "campaign",
                "--brand",
                "/dev/zero",
                "--design",
                "lingkar-oranye",
                "--out",
                s(&out),
            ],
            FileKind::Kit,
        ),
        (
            &["campaign", "--frame-png", "/dev/zero", "--out", s(&out)],
            FileKind::Frame,
        ),
    ];
    for (args, kind) in cases {
        let started = std::time::Instant::now();
        let o = run(args);
        let line = assert_one_line_error(&o, &args.join(" "));
        assert!(
            line.ends_with(&ReadError::TooLarge { kind }.message(Lang::En)),
            "{line}"
        );
        assert!(line.contains("/dev/zero"), "names the file: {line}");
        // Generous for a debug build on a busy machine; unbounded, this read never ends.
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(dir);
}

/// [`hostile_png::png_claiming`] as a file in `dir`.
fn png_claiming(dir: &Path, name: &str, width: u32, height: u32) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, hostile_png::png_claiming(width, height)).unwrap();
    path
}

#[test]
fn campaign_refuses_a_frame_that_could_never_be_opened() {
    let dir = scratch("unusable-frame");
    let out = dir.join("kampanye.json");
    // Far more pixels than a twibbon can use (a few KB of file).
    let huge = png_claiming(&dir, "besar.png", 20_000, 20_000);
    let o = run(&["campaign", "--frame-png", s(&huge), "--out", s(&out)]);
    let line = assert_one_line_error(&o, "a 20000×20000 frame");
    assert!(
        line.contains(
            &CampaignError::FramePixels {
                width: 20_000,
                height: 20_000
            }
            .message(Lang::En)
        ),
        "{line}"
    );
    // A file that only starts like a PNG: its header passes, its pixels do not.
    let good = frame_png_file(&dir);
    let mut bytes = std::fs::read(&good).unwrap();
    bytes.truncate(200);
    bytes.extend(b"not the rest of a PNG".repeat(20));
    let fake = dir.join("palsu.png");
    std::fs::write(&fake, bytes).unwrap();
    let o = run(&["campaign", "--frame-png", s(&fake), "--out", s(&out)]);
    let line = assert_one_line_error(&o, "a PNG that only starts like one");
    assert!(
        line.contains("frame PNG is damaged"),
        "names the frame: {line}"
    );
    assert!(!line.to_lowercase().contains("photo"), "{line}");
    // And one with no transparent area for the photo.
    let opaque = dir.join("tertutup.png");
    image::RgbImage::from_pixel(1080, 1080, image::Rgb([200, 20, 20]))
        .save_with_format(&opaque, ImageFormat::Png)
        .unwrap();
    let o = run(&["campaign", "--frame-png", s(&opaque), "--out", s(&out)]);
    let line = assert_one_line_error(&o, "an opaque frame");
    assert!(
        line.contains(&CampaignError::FrameOpaque.message(Lang::En)),
        "{line}"
    );
    assert!(
        !out.exists(),
        "no campaign that cannot be opened is written"
    );
    // `twibbon --frame-png` says the same of the same file, in Indonesian by default.
    let png = dir.join("x.png");
    let photo = fixture("astronaut.jpg");
    let o = run_lang(
        &[
            "twibbon",
            "--frame-png",
            s(&fake),
            "--photo",
            s(&photo),
            "--out",
            s(&png),
        ],
        None,
    );
    let line = assert_one_line_error(&o, "twibbon --frame-png with a fake PNG");
    assert!(line.contains("Bingkai PNG rusak"), "{line}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_right_to_left_override_in_a_campaign_file_never_reaches_the_image() {
    let dir = scratch("bidi");
    let photo = fixture("astronaut.jpg");
    // The same campaign twice: its slogan "NETRAL" plain, and spelled backwards under a
    // right-to-left override (which would show "NETRAL") with a BEL and an ESC in it.
    let mut plain = Campaign::for_design(
        "lingkar-oranye",
        BTreeMap::from([("slogan".to_string(), "LARTEN".to_string())]),
        kit(),
    );
    plain.kit.agency = "NKB".into();
    let mut spoofed = plain.clone();
    spoofed
        .texts
        .insert("slogan".into(), "\u{202E}LAR\u{7}TEN\u{1b}\u{202C}".into());
    spoofed.kit.agency = "\u{202E}NKB\u{202C}".into();
    let mut images = Vec::new();
    for (name, c) in [("plain", &plain), ("spoofed", &spoofed)] {
        let file = dir.join(format!("{name}.json"));
        std::fs::write(&file, c.to_json()).unwrap();
        let out = dir.join(format!("{name}.png"));
        let o = run(&[
            "twibbon",
            "--campaign",
            s(&file),
            "--photo",
            s(&photo),
            "--out",
            s(&out),
        ]);
        assert_ok(&o, name);
        assert!(
            o.stderr.is_empty(),
            "no character reported missing: {}",
            describe(&o)
        );
        images.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(
        images[0], images[1],
        "the marks are gone, not drawn as boxes"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn campaign_refuses_a_kit_whose_logo_cannot_be_drawn() {
    let dir = scratch("broken-logo");
    // A PNG logo with a good header and nonsense for pixels: it passes the header check that a
    // link or file gets, and `campaign` — which decodes it — refuses it by name.
    let mut logo = Vec::new();
    image::RgbaImage::from_pixel(64, 64, image::Rgba([0, 80, 160, 255]))
        .write_to(&mut std::io::Cursor::new(&mut logo), ImageFormat::Png)
        .unwrap();
    logo.truncate(45);
    logo.extend(b"not the rest".repeat(4));
    let kit_json = serde_json::json!({
        "agency": "Inspektorat Daerah",
        "logo": {"type": "image/png", "data": base64::engine::general_purpose::STANDARD.encode(&logo)},
    });
    let kit_file = dir.join("kit.json");
    std::fs::write(&kit_file, kit_json.to_string()).unwrap();
    let out = dir.join("kampanye.json");
    let o = run(&[
        "campaign",
        "--brand",
        s(&kit_file),
        "--design",
        "pita-biru",
        "--out",
        s(&out),
    ]);
    let line = assert_one_line_error(&o, "a kit with a broken logo");
    assert!(line.contains("kit.json") && line.contains("logo"), "{line}");
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(dir);
}
