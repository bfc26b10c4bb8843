//! Fallback fonts: subset Noto fonts (OFL, `assets/fonts/fallback/`, made by
//! `tools/subset-fonts.sh`) for what the bundled Lato subsets lack — Latin Extended with
//! Vietnamese, Aksara Jawa, Sunda and Bali, symbols, and monochrome emoji.
//!
//! Native builds (the CLI, tests) embed them, so the CLI always draws everything it can. The
//! web app does not: its first visit must not grow by a megabyte of fonts most people never
//! need. The page asks [`super::fallbacks_needed`] which files a text needs, fetches them, and
//! hands the bytes to [`install_fallback`]; until then those characters are reported missing.

use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef};
use thiserror::Error;

use super::coverage;
use crate::i18n::Lang;
use crate::template::FontId;

/// One fallback font file. The weights follow Lato's: Black, Bold and Regular for Latin (Noto
/// Sans has all three); Bold (for Black and Bold) and Regular for the regional scripts; one
/// weight for symbols and emoji.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Fallback {
    LatinRegular,
    LatinBold,
    LatinBlack,
    JavaneseRegular,
    JavaneseBold,
    SundaneseRegular,
    SundaneseBold,
    BalineseRegular,
    BalineseBold,
    Symbols,
    Math,
    Emoji,
}

impl Fallback {
    pub const ALL: [Fallback; 12] = [
        Fallback::LatinRegular,
        Fallback::LatinBold,
        Fallback::LatinBlack,
        Fallback::JavaneseRegular,
        Fallback::JavaneseBold,
        Fallback::SundaneseRegular,
        Fallback::SundaneseBold,
        Fallback::BalineseRegular,
        Fallback::BalineseBold,
        Fallback::Symbols,
        Fallback::Math,
        Fallback::Emoji,
    ];

    /// The file's name in `assets/fonts/fallback/` (and in the web app's `fallback/` folder).
    pub fn file_name(self) -> &'static str {
        match self {
            Fallback::LatinRegular => "NotoSans-Regular.subset.ttf",
            Fallback::LatinBold => "NotoSans-Bold.subset.ttf",
            Fallback::LatinBlack => "NotoSans-Black.subset.ttf",
            Fallback::JavaneseRegular => "NotoSansJavanese-Regular.subset.ttf",
            Fallback::JavaneseBold => "NotoSansJavanese-Bold.subset.ttf",
            Fallback::SundaneseRegular => "NotoSansSundanese-Regular.subset.ttf",
            Fallback::SundaneseBold => "NotoSansSundanese-Bold.subset.ttf",
            Fallback::BalineseRegular => "NotoSansBalinese-Regular.subset.ttf",
            Fallback::BalineseBold => "NotoSansBalinese-Bold.subset.ttf",
            Fallback::Symbols => "NotoSansSymbols2-Regular.subset.ttf",
            Fallback::Math => "NotoSansMath-Regular.subset.ttf",
            Fallback::Emoji => "NotoEmoji-Regular.subset.ttf",
        }
    }

    /// The inverse of [`Self::file_name`] (for the batch worker's messages).
    pub fn from_file_name(name: &str) -> Option<Fallback> {
        Fallback::ALL.into_iter().find(|f| f.file_name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }

    pub(super) fn family(self) -> Family {
        match self {
            Fallback::LatinRegular | Fallback::LatinBold | Fallback::LatinBlack => Family::Latin,
            Fallback::JavaneseRegular | Fallback::JavaneseBold => Family::Javanese,
            Fallback::SundaneseRegular | Fallback::SundaneseBold => Family::Sundanese,
            Fallback::BalineseRegular | Fallback::BalineseBold => Family::Balinese,
            Fallback::Symbols => Family::Symbols,
            Fallback::Math => Family::Math,
            Fallback::Emoji => Family::Emoji,
        }
    }

    /// The embedded bytes (native builds only; see the module doc).
    #[cfg(not(target_arch = "wasm32"))]
    fn embedded(self) -> Option<&'static [u8]> {
        macro_rules! font {
            ($file:literal) => {
                include_bytes!(concat!("../../assets/fonts/fallback/", $file))
            };
        }
        Some(match self {
            Fallback::LatinRegular => font!("NotoSans-Regular.subset.ttf"),
            Fallback::LatinBold => font!("NotoSans-Bold.subset.ttf"),
            Fallback::LatinBlack => font!("NotoSans-Black.subset.ttf"),
            Fallback::JavaneseRegular => font!("NotoSansJavanese-Regular.subset.ttf"),
            Fallback::JavaneseBold => font!("NotoSansJavanese-Bold.subset.ttf"),
            Fallback::SundaneseRegular => font!("NotoSansSundanese-Regular.subset.ttf"),
            Fallback::SundaneseBold => font!("NotoSansSundanese-Bold.subset.ttf"),
            Fallback::BalineseRegular => font!("NotoSansBalinese-Regular.subset.ttf"),
            Fallback::BalineseBold => font!("NotoSansBalinese-Bold.subset.ttf"),
            Fallback::Symbols => font!("NotoSansSymbols2-Regular.subset.ttf"),
            Fallback::Math => font!("NotoSansMath-Regular.subset.ttf"),
            Fallback::Emoji => font!("NotoEmoji-Regular.subset.ttf"),
        })
    }

    /// The web app embeds none: they are fetched when a text needs them.
    #[cfg(target_arch = "wasm32")]
    fn embedded(self) -> Option<&'static [u8]> {
        None
    }
}

/// A group of fallback files with the same characters (weights of one font).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    Latin,
    Javanese,
    Sundanese,
    Balinese,
    Symbols,
    Math,
    Emoji,
}

impl Family {
    /// The order in which fallbacks are tried after Lato. Symbols come before emoji so that
    /// text symbols (✓ ♥) look like text; emoji presentation (U+FE0F) asks for emoji first.
    pub(super) const ORDER: [Family; 7] = [
        Family::Latin,
        Family::Javanese,
        Family::Sundanese,
        Family::Balinese,
        Family::Symbols,
        Family::Math,
        Family::Emoji,
    ];

    /// The code point ranges the family's files map (generated, `coverage.rs`).
    pub(super) fn ranges(self) -> &'static [(u32, u32)] {
        match self {
            Family::Latin => coverage::LATIN,
            Family::Javanese => coverage::JAVANESE,
            Family::Sundanese => coverage::SUNDANESE,
            Family::Balinese => coverage::BALINESE,
            Family::Symbols => coverage::SYMBOLS,
            Family::Math => coverage::MATH,
            Family::Emoji => coverage::EMOJI,
        }
    }

    pub(super) fn covers(self, ch: char) -> bool {
        let c = ch as u32;
        self.ranges()
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    /// The file of this family for a Lato weight.
    pub(super) fn file(self, weight: FontId) -> Fallback {
        let bold = matches!(weight, FontId::Bold | FontId::Black);
        match (self, weight) {
            (Family::Latin, FontId::Black) => Fallback::LatinBlack,
            (Family::Latin, FontId::Bold) => Fallback::LatinBold,
            (Family::Latin, FontId::Regular) => Fallback::LatinRegular,
            (Family::Javanese, _) if bold => Fallback::JavaneseBold,
            (Family::Javanese, _) => Fallback::JavaneseRegular,
            (Family::Sundanese, _) if bold => Fallback::SundaneseBold,
            (Family::Sundanese, _) => Fallback::SundaneseRegular,
            (Family::Balinese, _) if bold => Fallback::BalineseBold,
            (Family::Balinese, _) => Fallback::BalineseRegular,
            (Family::Symbols, _) => Fallback::Symbols,
            (Family::Math, _) => Fallback::Math,
            (Family::Emoji, _) => Fallback::Emoji,
        }
    }
}

/// A fallback font ready to draw (ab_glyph); its bytes are what the shaper reads (see
/// `shape.rs`).
pub(super) struct Loaded {
    pub(super) glyphs: FontRef<'static>,
    pub(super) bytes: &'static [u8],
}

/// Why font bytes were not installed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FontError {
    #[error("{0:?}: not a font this app can read")]
    Unreadable(Fallback),
    #[error("{0:?}: the file lacks characters it should have")]
    WrongFile(Fallback),
}

impl FontError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FontError::Unreadable(f) | FontError::WrongFile(f), Lang::Id) => {
                format!("Berkas huruf {} rusak. Muat ulang halaman.", f.file_name())
            }
            (FontError::Unreadable(f) | FontError::WrongFile(f), Lang::En) => {
                format!("Font file {} is damaged. Reload the page.", f.file_name())
            }
        }
    }
}

static SLOTS: [OnceLock<Loaded>; 12] = [const { OnceLock::new() }; 12];

fn parse(fallback: Fallback, bytes: &'static [u8]) -> Result<Loaded, FontError> {
    let glyphs = FontRef::try_from_slice(bytes).map_err(|_| FontError::Unreadable(fallback))?;
    Ok(Loaded { glyphs, bytes })
}

/// The font, if it is available: embedded (native) or installed (web).
pub(super) fn loaded(fallback: Fallback) -> Option<&'static Loaded> {
    #[cfg(test)]
    if tests::AS_IN_THE_BROWSER.with(std::cell::Cell::get) {
        return None;
    }
    let slot = &SLOTS[fallback.index()];
    if let Some(l) = slot.get() {
        return Some(l);
    }
    let bytes = fallback.embedded()?;
    // Embedded fonts are checked by tests; failing to parse one is a build defect.
    Some(slot.get_or_init(|| parse(fallback, bytes).expect("embedded fallback font")))
}

/// Whether the font can be drawn with now.
pub fn is_installed(fallback: Fallback) -> bool {
    loaded(fallback).is_some()
}

/// Install a fallback font from bytes the app fetched. Installing one already there does
/// nothing. The bytes live as long as the program (at most one copy per file: a dozen files).
pub fn install_fallback(fallback: Fallback, bytes: Vec<u8>) -> Result<(), FontError> {
    if is_installed(fallback) {
        return Ok(());
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let loaded = parse(fallback, bytes)?;
    // A file that parses but is not the one we asked for (a stale cache, a wrong name) would
    // draw boxes where the report says "drawn": refuse it unless it maps what the table says.
    let family = fallback.family();
    let probe = ['\u{25CC}', probe_char(family)];
    if probe
        .iter()
        .any(|&c| family.covers(c) && loaded.glyphs.glyph_id(c).0 == 0)
    {
        return Err(FontError::WrongFile(fallback));
    }
    // Two installs racing (two fetches of one file) both succeed; the first one stays.
    if SLOTS[fallback.index()].set(loaded).is_ok() {
        GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    Ok(())
}

/// Counts installs, so a cache of drawn text (render's `Renderer`) knows when text drawn
/// before may now draw differently.
static GENERATION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// How many fallback fonts have been installed at run time so far.
pub fn installed_generation() -> u32 {
    GENERATION.load(std::sync::atomic::Ordering::Relaxed)
}

/// A character each family's file must map.
fn probe_char(family: Family) -> char {
    match family {
        Family::Latin => 'ễ',
        Family::Javanese => 'ꦲ',
        Family::Sundanese => 'ᮃ',
        Family::Balinese => 'ᬅ',
        Family::Symbols => '✓',
        Family::Math => '→',
        Family::Emoji => '😀',
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::text::{coverage, fit_with, Coverage, FitOptions};

    thread_local! {
        /// Pretend no fallback is installed, as in the web app before it fetched any (for
        /// this test thread only; the fonts stay embedded for the others).
        pub(in crate::text) static AS_IN_THE_BROWSER: Cell<bool> = const { Cell::new(false) };
    }

    /// The generated table (what the browser decides to fetch by) is exactly each font's cmap.
    #[test]
    fn coverage_matches_the_fonts() {
        for fallback in Fallback::ALL {
            let font = &loaded(fallback).expect("embedded").glyphs;
            let family = fallback.family();
            let mut mapped = 0;
            for (id, ch) in font.codepoint_ids() {
                if id.0 != 0 {
                    assert!(
                        family.covers(ch),
                        "{fallback:?} maps {ch:?}, the table lacks it"
                    );
                    mapped += 1;
                }
            }
            let listed: u32 = family.ranges().iter().map(|(a, b)| b - a + 1).sum();
            assert_eq!(
                listed as usize, mapped,
                "{fallback:?}: table and cmap sizes"
            );
        }
    }

    #[test]
    fn file_names_round_trip() {
        for f in Fallback::ALL {
            assert_eq!(Fallback::from_file_name(f.file_name()), Some(f));
        }
        assert_eq!(Fallback::from_file_name("index.html"), None);
    }

    /// In the browser, before a fetch: the characters are reported, the files they wait for
    /// named (each once, in order), and nothing is drawn for them.
    #[test]
    fn before_a_font_is_installed_its_characters_are_reported_and_the_file_named() {
        AS_IN_THE_BROWSER.with(|b| b.set(true));
        let text = "Nguyễn ꦲꦤ 😀 \u{E000} ễ";
        assert_eq!(
            coverage(text, FontId::Bold),
            Coverage {
                missing: ["ễ", "ꦲ", "ꦤ", "😀", "\u{E000}"].map(String::from).to_vec(),
                needs: vec![Fallback::LatinBold, Fallback::JavaneseBold, Fallback::Emoji],
                // The Javanese letters wait for the shaper too.
                shaper: true,
            }
        );
        let fitted = fit_with(
            text,
            FontId::Bold,
            0.0,
            (40.0, 10.0),
            (2000.0, 100.0),
            FitOptions::default(),
        );
        assert_eq!(
            fitted.needs,
            [Fallback::LatinBold, Fallback::JavaneseBold, Fallback::Emoji]
        );
        assert_eq!(fitted.missing.len(), 5);
        // Plain Lato text needs nothing.
        assert_eq!(
            coverage("ASN “netral” …", FontId::Regular),
            Coverage::default()
        );
        AS_IN_THE_BROWSER.with(|b| b.set(false));
    }

    /// In the browser before the shaper is loaded: only what needs shaping asks for it (Aksara,
    /// a flag, a ZWJ emoji), with its font; a lone emoji or a Vietnamese letter asks for its font
    /// alone, so the shaper is never fetched for them.
    #[test]
    fn only_text_that_needs_shaping_asks_for_the_shaper() {
        AS_IN_THE_BROWSER.with(|b| b.set(true));
        for (text, font) in [
            ("ꦏ꧀ꦱ", Fallback::JavaneseRegular),
            ("ᮃᮞ", Fallback::SundaneseRegular),
            ("ᬅᬲ", Fallback::BalineseRegular),
            ("🇮🇩", Fallback::Emoji),
            ("👩\u{200D}💻", Fallback::Emoji),
        ] {
            let c = coverage(text, FontId::Regular);
            assert!(c.shaper, "{text} asks for the shaper");
            assert_eq!(c.needs, [font], "{text} asks for its font");
            assert!(!c.missing.is_empty(), "{text} is reported until then");
        }
        for (text, font) in [("😀", Fallback::Emoji), ("Đức", Fallback::LatinRegular)] {
            let c = coverage(text, FontId::Regular);
            assert!(!c.shaper, "{text} needs no shaper");
            assert_eq!(c.needs, [font]);
        }
        AS_IN_THE_BROWSER.with(|b| b.set(false));
    }

    #[test]
    fn bad_bytes_are_refused() {
        AS_IN_THE_BROWSER.with(|b| b.set(true));
        assert_eq!(
            install_fallback(Fallback::Emoji, b"<!doctype html>".to_vec()),
            Err(FontError::Unreadable(Fallback::Emoji))
        );
        // A real font, but not the one asked for (a stale or misnamed file).
        let javanese = Fallback::JavaneseRegular.embedded().unwrap().to_vec();
        assert_eq!(
            install_fallback(Fallback::Emoji, javanese),
            Err(FontError::WrongFile(Fallback::Emoji))
        );
        AS_IN_THE_BROWSER.with(|b| b.set(false));
    }
}
