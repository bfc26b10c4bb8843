//! Laying out fallback runs. Two kinds:
//! - **Simple** runs (Latin Extended, symbols, math, single emoji): one glyph per character from
//!   the font's cmap, advances and kerning — as Lato is drawn — on every build.
//! - **Complex** runs need a shaper: Aksara Jawa, Bali and Sunda reorder and stack their signs
//!   (the Universal Shaping Engine), flags and ZWJ emoji are ligatures. They are shaped with
//!   harfrust (HarfBuzz's Rust port) from the font's own GSUB/GPOS, by [`harfrust_shape`]
//!   everywhere. Native builds (the CLI) link it. In the web app it would add ~380 KiB gzipped
//!   to every first visit, so there it is a wasm of its own (`src/bin/shaper.rs`), fetched with
//!   the font the first time a text needs it and installed here as a [`Shaper`] (see
//!   `src/ui/shaper.rs`); until then a complex run is reported as not drawn and as wanting the
//!   shaper ([`super::Coverage::shaper`]), never drawn unshaped.
//!
//! Lato text never comes here (it is drawn as it always was, glyph by glyph with kerning).
//!
//! Shaping does not depend on the size, so a run is shaped once (in font units) and cached:
//! fitting measures the same words at many sizes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ab_glyph::Font as _;
use unicode_segmentation::UnicodeSegmentation;

use super::fallback::{loaded, Fallback, Family};

/// Shapes complex runs where this build does not link harfrust (the web app): the UI installs
/// one once the shaper's own wasm is loaded. It must give what [`harfrust_shape`] gives (it runs
/// that very function), so the browser draws what the CLI draws.
pub trait Shaper {
    /// `text` shaped with `font` (whose bytes are `bytes`), or `None` if shaping failed.
    fn shape(&self, font: Fallback, bytes: &'static [u8], text: &str) -> Option<Vec<Shaped>>;
}

thread_local! {
    static INSTALLED: RefCell<Option<Box<dyn Shaper>>> = const { RefCell::new(None) };
}

/// Install the shaper for complex runs (the web app, once its wasm is loaded).
pub fn install_shaper(shaper: Box<dyn Shaper>) {
    INSTALLED.with(|s| *s.borrow_mut() = Some(shaper));
    // Nothing complex was shaped before (it was reported instead), but start clean anyway.
    CACHE.with(|c| c.borrow_mut().clear());
}

/// Whether complex runs can be shaped now: always in native builds, once installed in the web
/// app.
pub fn has_shaper() -> bool {
    let installed = || INSTALLED.with(|s| s.borrow().is_some());
    #[cfg(test)]
    if super::fallback::tests::AS_IN_THE_BROWSER.with(std::cell::Cell::get) {
        return installed();
    }
    cfg!(not(target_arch = "wasm32")) || installed()
}

/// Whether `text` in `family` is drawn glyph by glyph (no shaper needed): Latin, symbols and
/// math always; emoji when every cluster is one character (plus at most a variation selector).
pub(super) fn is_simple(family: Family, text: &str) -> bool {
    match family {
        Family::Latin | Family::Symbols | Family::Math => true,
        Family::Emoji => text.graphemes(true).all(|g| {
            g.chars()
                .filter(|&c| c != '\u{FE0F}' && c != '\u{FE0E}')
                .count()
                <= 1
        }),
        Family::Javanese | Family::Sundanese | Family::Balinese => false,
    }
}

/// Whether `text` in `family` can be laid out now (see the module docs).
pub(super) fn can_lay_out(family: Family, text: &str) -> bool {
    is_simple(family, text) || has_shaper()
}

/// One positioned glyph, in font units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shaped {
    pub id: u16,
    pub advance: i32,
    pub dx: i32,
    pub dy: i32,
    /// Byte offset of the glyph's cluster in the run's text.
    pub cluster: u32,
}

type Cache = HashMap<(Fallback, String), Option<Rc<[Shaped]>>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
}

/// `text` shaped with `fallback`, or `None` if the font is not installed or shaping failed
/// (the caller then reports the text as not drawn rather than drawing it unshaped).
pub(super) fn shape(fallback: Fallback, text: &str) -> Option<Rc<[Shaped]>> {
    let key = (fallback, text.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let font = loaded(fallback)?;
    let shaped = if is_simple(fallback.family(), text) {
        Some(simple(&font.glyphs, text))
    } else {
        complex(fallback, font.bytes, text)
    };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        // Bounded: a user typing a long text produces many prefixes; start again when full.
        if c.len() > 2048 {
            c.clear();
        }
        c.insert(key, shaped.clone());
    });
    shaped
}

/// One glyph per character (variation selectors dropped), with the font's advances and kerning.
fn simple(font: &ab_glyph::FontRef<'static>, text: &str) -> Rc<[Shaped]> {
    let mut out: Vec<Shaped> = Vec::new();
    let mut previous = None;
    for (at, ch) in text.char_indices() {
        if ch == '\u{FE0F}' || ch == '\u{FE0E}' {
            continue;
        }
        let id = font.glyph_id(ch);
        if let (Some(p), Some(last)) = (previous, out.last_mut()) {
            last.advance += font.kern_unscaled(p, id).round() as i32;
        }
        out.push(Shaped {
            id: id.0,
            advance: font.h_advance_unscaled(id).round() as i32,
            dx: 0,
            dy: 0,
            cluster: at as u32,
        });
        previous = Some(id);
    }
    out.into()
}

/// A complex run: harfrust linked in (native), else the installed [`Shaper`].
fn complex(fallback: Fallback, bytes: &'static [u8], text: &str) -> Option<Rc<[Shaped]>> {
    let linked = cfg!(not(target_arch = "wasm32"));
    #[cfg(test)]
    let linked = linked && !super::fallback::tests::AS_IN_THE_BROWSER.with(std::cell::Cell::get);
    let glyphs = if linked {
        harfrust_shape(bytes, text)
    } else {
        INSTALLED.with(|s| s.borrow().as_ref()?.shape(fallback, bytes, text))
    };
    glyphs.map(Into::into)
}

/// `text` shaped by harfrust with the font `bytes` (script and direction guessed from the text,
/// no features beyond the defaults): what the CLI does in-process and the web app's shaper wasm
/// does for its workers and pages.
pub fn harfrust_shape(bytes: &'static [u8], text: &str) -> Option<Vec<Shaped>> {
    let font = harfrust::Font::new(bytes, 0)?;
    let shaper = harfrust::ShaperFont::new(&font);
    let mut buffer = harfrust::Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    harfrust::shape(&shaper, &mut buffer, harfrust::ShapeOptions::new()).ok()?;
    let glyphs = buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .map(|(info, pos)| Shaped {
            // Our subsets have far fewer than 65 536 glyphs; anything larger is not ours.
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance,
            dx: pos.x_offset,
            dy: pos.y_offset,
            cluster: info.cluster,
        })
        .collect();
    Some(glyphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the web app (no shaper) draws glyph by glyph and what it must report instead.
    #[test]
    fn simple_and_complex_runs() {
        for (family, text) in [
            (Family::Latin, "Nguyễn Đức Anh"),
            (Family::Symbols, "✓★"),
            (Family::Math, "→"),
            (Family::Emoji, "😀❤\u{FE0F}"),
        ] {
            assert!(is_simple(family, text), "{text} should be simple");
        }
        for (family, text) in [
            (Family::Javanese, "ꦲꦤ"),
            (Family::Sundanese, "ᮃᮞ"),
            (Family::Balinese, "ᬅᬲ"),
            (Family::Emoji, "🇮🇩"),
            (Family::Emoji, "👩\u{200D}💻"),
        ] {
            assert!(!is_simple(family, text), "{text} needs the shaper");
        }
    }

    /// A simple run is the cmap's glyphs with the font's advances: the same ids harfrust
    /// gives for plain Vietnamese letters.
    #[test]
    fn simple_layout_maps_each_character() {
        let font = &loaded(Fallback::LatinRegular).unwrap().glyphs;
        let text = "Đức";
        let laid = simple(font, text);
        let ids: Vec<u16> = laid.iter().map(|g| g.id).collect();
        let nominal: Vec<u16> = text.chars().map(|c| font.glyph_id(c).0).collect();
        assert_eq!(ids, nominal);
        assert!(ids.iter().all(|&g| g != 0));
        assert!(laid.iter().all(|g| g.advance > 0));
    }

    /// The shaper really runs: a Javanese syllable with a pangkon (virama) and a following
    /// consonant is not the glyph-for-character sequence the cmap alone would give.
    #[test]
    fn javanese_is_shaped_not_mapped() {
        use ab_glyph::Font as _;
        let text = "ꦏ꧀ꦱ"; // ka + pangkon + sa: sa becomes a pasangan below ka.
        let shaped = shape(Fallback::JavaneseRegular, text).expect("shaped");
        let font = &loaded(Fallback::JavaneseRegular).unwrap().glyphs;
        let nominal: Vec<u16> = text.chars().map(|c| font.glyph_id(c).0).collect();
        assert!(
            nominal.iter().all(|&g| g != 0),
            "the font maps each character"
        );
        let ids: Vec<u16> = shaped.iter().map(|g| g.id).collect();
        assert_ne!(ids, nominal, "shaping changed nothing: {ids:?}");
        assert!(!ids.contains(&0), "a .notdef in {ids:?}");
    }
}
