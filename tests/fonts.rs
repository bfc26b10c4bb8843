//! No character vanishes: what Lato lacks is drawn with a fallback font (and shaped where the
//! script needs it), and what no font has is reported — in the core, the poster and pledge
//! reports, and the CLI's one-line warning.

#[path = "support/cli.rs"]
mod support;

use std::collections::BTreeMap;
use std::process::Command;

use campaign_kit::brand::BrandKit;
use campaign_kit::poster::{poster_by_id, text_coverage, PosterInputs, PosterSize};
use campaign_kit::render::PhotoTransform;
use campaign_kit::template::{Align, Color, FontId};
use campaign_kit::text::{self, FitOptions, Fitted};
use support::{describe, s, BIN};
use tiny_skia::Pixmap;

const W: u32 = 900;
const H: u32 = 120;

fn fit(text: &str, font: FontId) -> Fitted {
    text::fit_with(
        text,
        font,
        0.0,
        (64.0, 24.0),
        (W as f32 - 20.0, H as f32 - 10.0),
        FitOptions::default(),
    )
}

/// `text` drawn black on transparent, left-aligned at a fixed size (so that swapping one
/// character moves nothing else), and what the fit reported.
fn render(text: &str, font: FontId) -> (Pixmap, Fitted) {
    let mut fitted = fit(text, font);
    fitted.px = 48.0;
    let mut pixmap = Pixmap::new(W, H).unwrap();
    text::draw(
        &mut pixmap,
        &fitted,
        font,
        0.0,
        Color::rgb(0, 0, 0),
        Align::Left,
        (10.0, 5.0, W as f32 - 20.0, H as f32 - 10.0),
    );
    (pixmap, fitted)
}

/// Pixels with any ink, and their bounding box's x range.
fn ink(p: &Pixmap) -> (usize, Option<(u32, u32)>) {
    let mut n = 0;
    let mut range: Option<(u32, u32)> = None;
    for (i, px) in p.data().chunks_exact(4).enumerate() {
        if px[3] > 64 {
            n += 1;
            let x = i as u32 % p.width();
            range = Some(range.map_or((x, x), |(a, b)| (a.min(x), b.max(x))));
        }
    }
    (n, range)
}

fn differing(a: &Pixmap, b: &Pixmap) -> usize {
    a.data()
        .chunks_exact(4)
        .zip(b.data().chunks_exact(4))
        .filter(|(x, y)| x != y)
        .count()
}

/// The text draws: nothing is reported, the character alone leaves ink, the text with it has
/// more ink than the text without it (the ink is where the character is: right of the rest),
/// and swapping it for another of its script changes the picture.
fn assert_draws(before: &str, ch: &str, after: &str, swap: &str, font: FontId) {
    let text = format!("{before}{ch}{after}");
    let (full, fitted) = render(&text, font);
    assert!(
        fitted.missing.is_empty(),
        "{text:?}: reported {:?}",
        fitted.missing
    );
    assert!(
        fitted.needs.is_empty(),
        "{text:?}: needs {:?}",
        fitted.needs
    );

    let (alone, _) = render(ch, font);
    let (alone_ink, _) = ink(&alone);
    assert!(
        alone_ink > 40,
        "{ch:?} alone leaves {alone_ink} inked pixels"
    );

    if after.is_empty() && !before.is_empty() {
        // Drawn at the end: the full text's ink reaches further right than the rest alone.
        let (_, rest_range) = ink(&render(before.trim_end(), font).0);
        let (_, full_range) = ink(&full);
        let (rest_right, full_right) = (rest_range.unwrap().1, full_range.unwrap().1);
        assert!(
            full_right > rest_right + 10,
            "{text:?}: no ink right of {before:?} ({full_right} vs {rest_right})"
        );
    }

    let swapped = format!("{before}{swap}{after}");
    let (other, other_fit) = render(&swapped, font);
    assert!(
        other_fit.missing.is_empty(),
        "{swapped:?}: {:?}",
        other_fit.missing
    );
    let changed = differing(&full, &other);
    assert!(
        changed > 20,
        "{text:?} → {swapped:?} changed only {changed} pixels"
    );
}

#[test]
fn vietnamese_name_draws() {
    assert_draws("Nguy", "ễ", "n Đức Anh", "ế", FontId::Regular);
    assert_draws("Nguyễn Đức Anh ", "Đ", "", "Ŧ", FontId::Bold);
}

#[test]
fn latin_extended_draws_in_every_weight() {
    for font in [FontId::Regular, FontId::Bold, FontId::Black] {
        assert_draws("ASN ", "Đ", "", "Ŧ", font);
        assert_draws("Kılıç ", "Ş", "", "Ţ", font);
    }
}

#[test]
fn typographic_quotes_draw() {
    assert_draws("Ikrar ", "“", "netral”", "‘", FontId::Regular);
}

#[test]
fn check_marks_draw() {
    assert_draws("Netral ", "✓", "", "✗", FontId::Regular);
    assert_draws("Netral ", "✔", "", "★", FontId::Black);
}

#[test]
fn javanese_draws() {
    assert_draws("", "ꦲ", "ꦤꦕꦫꦏ", "ꦩ", FontId::Regular);
    assert_draws("ꦲꦤꦕꦫ", "ꦏ", "", "ꦒ", FontId::Bold);
}

#[test]
fn sundanese_draws() {
    assert_draws("ᮃ", "ᮞ", "ᮔ᮪", "ᮊ", FontId::Regular);
}

#[test]
fn balinese_draws() {
    assert_draws("ᬅ", "ᬲ", "᭄ᬦ", "ᬓ", FontId::Regular);
    assert_draws("ᬅᬲ᭄ᬦ ", "ᬫ", "", "ᬓ", FontId::Bold);
    // Shaped: after the adeg-adeg (virama) "na" becomes a gantungan under "sa", so the word
    // ends no further right than without it (drawn one glyph after another, it would).
    let right = |t: &str| ink(&render(t, FontId::Regular).0).1.unwrap().1;
    assert!(right("ᬅᬲ᭄ᬦ") <= right("ᬅᬲ᭄"), "ᬦ was not stacked");
}

#[test]
fn emoji_and_flags_draw() {
    assert_draws("ASN Netral ", "😀", "", "😃", FontId::Black);
    // A flag is one cluster of two regional indicators; swap it for another flag.
    assert_draws("ASN Netral ", "🇮🇩", "", "🇮🇹", FontId::Black);
    // Emoji presentation and ZWJ sequences stay one cluster.
    assert_draws("Cinta ", "❤\u{FE0F}", "", "★", FontId::Regular);
}

#[test]
fn a_flag_the_emoji_font_lacks_is_reported_not_drawn_as_two_letters() {
    let fitted = fit("ASN 🇽🇽", FontId::Bold);
    assert_eq!(fitted.missing, ["🇽🇽"]);
}

#[test]
fn what_no_font_has_is_reported() {
    // Private use, unassigned, and Arabic (no font of ours has it).
    let text = "ASN \u{E000} netral \u{0378} ب";
    let fitted = fit(text, FontId::Regular);
    assert_eq!(fitted.missing, ["\u{E000}", "\u{0378}", "ب"]);
    assert!(fitted.needs.is_empty());
    assert_eq!(
        text::coverage(text, FontId::Regular).missing,
        fitted.missing
    );
    // The rest still draws.
    let (p, _) = render(text, FontId::Regular);
    assert!(ink(&p).0 > 200);
    let message = text::cannot_draw_message(&fitted.missing, campaign_kit::i18n::Lang::Id);
    assert!(
        message.starts_with("Karakter tidak dapat digambar: "),
        "{message}"
    );
    assert!(message.contains("U+E000"), "{message}");
    let message = text::cannot_draw_message(&fitted.missing, campaign_kit::i18n::Lang::En);
    assert!(message.starts_with("Cannot draw: "), "{message}");
}

#[test]
fn a_combining_mark_stays_with_its_letter_when_words_are_broken() {
    // "e" + U+0302 + U+0301 (ế typed with combining marks), in a word far too wide for the box:
    // every line break falls between clusters, so no line starts with a lone mark.
    let word = "ne\u{0302}\u{0301}".repeat(30);
    let fitted = text::fit_with(
        &word,
        FontId::Regular,
        0.0,
        (20.0, 20.0),
        (120.0, 400.0),
        FitOptions::default(),
    );
    assert!(fitted.lines.len() > 2, "{:?}", fitted.lines);
    for line in &fitted.lines {
        let first = line.chars().next().unwrap();
        assert!(
            !('\u{0300}'..='\u{036F}').contains(&first),
            "a line starts with a mark: {line:?}"
        );
    }
    assert!(fitted.missing.is_empty(), "{:?}", fitted.missing);
}

#[test]
fn plain_lato_text_reports_nothing() {
    let fitted = fit("ASN PILIH NETRAL — “Ä é” …", FontId::Black);
    assert!(
        fitted.missing.is_empty() && fitted.needs.is_empty(),
        "{fitted:?}"
    );
}

#[test]
fn poster_report_names_what_cannot_be_drawn() {
    let poster = poster_by_id("slogan").unwrap();
    let mut values = BTreeMap::new();
    values.insert("headline".to_string(), "ASN Netral 🇮🇩 \u{E000}".to_string());
    let kit = BrandKit::default();
    let inputs = PosterInputs {
        values: &values,
        brand: &kit,
        photo: None,
        transform: PhotoTransform::default(),
        logo: None,
    };
    let coverage = text_coverage(poster, PosterSize::Square, &inputs);
    assert_eq!(coverage.missing, ["\u{E000}"]);
}

#[test]
fn cli_poster_warns_in_one_line_and_still_makes_the_poster() {
    let dir = support::scratch("fonts", "cli");
    let out = dir.join("p.png");
    for (lang, start) in [
        ("en_US.UTF-8", "campaign-kit: warning: cannot draw: "),
        (
            "id_ID.UTF-8",
            "campaign-kit: peringatan: karakter tidak dapat digambar: ",
        ),
    ] {
        let o = Command::new(BIN)
            .args(["poster", "--template", "slogan", "--headline"])
            .arg("ASN Netral 🇮🇩 \u{E000}")
            .args(["--out", s(&out)])
            .env("LANG", lang)
            .output()
            .expect("run campaign-kit");
        assert!(o.status.success(), "{}", describe(&o));
        let stderr = String::from_utf8_lossy(&o.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].starts_with(start), "{stderr}");
        assert!(lines[0].contains("U+E000"), "{stderr}");
        // The flag draws (the CLI embeds the emoji font): it is not named.
        assert!(!lines[0].contains("1F1EE"), "{stderr}");
        assert!(image::open(&out).is_ok());
    }
    // A headline that draws completely says nothing.
    let o = Command::new(BIN)
        .args([
            "poster",
            "--template",
            "slogan",
            "--headline",
            "Nguyễn Đức Anh ✓ ꦲꦤꦕꦫꦏ 🇮🇩",
        ])
        .args(["--out", s(&out)])
        .output()
        .expect("run campaign-kit");
    assert!(o.status.success(), "{}", describe(&o));
    assert!(o.stderr.is_empty(), "{}", describe(&o));
    let _ = std::fs::remove_dir_all(dir);
}
