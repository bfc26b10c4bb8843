//! Shaping of fallback runs with harfrust (HarfBuzz's Rust port), from the font's own
//! GSUB/GPOS: Aksara Jawa, Bali and Sunda reorder and stack their signs (the Universal Shaping
//! Engine), Vietnamese marks are placed by `mark`/`mkmk`, flags and ZWJ emoji are ligatures.
//! Lato text never comes here (it is drawn as it always was, glyph by glyph with kerning).
//!
//! Shaping does not depend on the size, so a run is shaped once (in font units) and cached:
//! fitting measures the same words at many sizes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::fallback::{loaded, Fallback};

/// One positioned glyph, in font units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Shaped {
    pub(super) id: u16,
    pub(super) advance: i32,
    pub(super) dx: i32,
    pub(super) dy: i32,
    /// Byte offset of the glyph's cluster in the run's text.
    pub(super) cluster: u32,
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
    let shaped = shape_uncached(&font.shaper, text);
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

fn shape_uncached(font: &harfrust::Font, text: &str) -> Option<Rc<[Shaped]>> {
    let shaper = harfrust::ShaperFont::new(font);
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
        .collect::<Vec<_>>();
    Some(glyphs.into())
}

#[cfg(test)]
mod tests {
    use super::*;

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
