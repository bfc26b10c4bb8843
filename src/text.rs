//! Text: fitting a string into a box (shrink, then wrap, then ellipsize) and drawing it with
//! `ab_glyph` into a premultiplied pixmap. Fonts are subset Lato (OFL) under `assets/fonts/`,
//! and for what Lato lacks, fallback Noto fonts ([`Fallback`], `assets/fonts/fallback/`).
//!
//! Each grapheme cluster (a base and its marks, an emoji sequence, a flag) is drawn with Lato
//! when Lato has all of it, else with the first fallback that has all of it. Lato runs are drawn
//! exactly as before fallbacks existed (glyph by glyph with kerning); fallback runs are shaped
//! with harfrust ([`shape`]). A cluster no font can draw — or whose font the web app has not
//! loaded yet — takes no space and is reported ([`Fitted::missing`], [`coverage`]), never
//! dropped in silence.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use tiny_skia::Pixmap;
use unicode_segmentation::UnicodeSegmentation;

use crate::template::{Align, Color, FontId};

mod coverage;
mod fallback;
mod shape;

use fallback::Family;
pub use fallback::{install_fallback, is_installed, Fallback, FontError};

static BLACK: &[u8] = include_bytes!("../assets/fonts/Lato-Black.subset.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/Lato-Bold.subset.ttf");
static REGULAR: &[u8] = include_bytes!("../assets/fonts/Lato-Regular.subset.ttf");

/// The bundled font for an id. Bundled fonts are checked by tests; failing to parse one is a
/// build defect, so this panics rather than returning an error to the user.
pub fn font(id: FontId) -> &'static FontRef<'static> {
    static FONTS: OnceLock<[FontRef<'static>; 3]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let load = |bytes: &'static [u8]| FontRef::try_from_slice(bytes).expect("bundled font");
        [load(BLACK), load(BOLD), load(REGULAR)]
    });
    match id {
        FontId::Black => &fonts[0],
        FontId::Bold => &fonts[1],
        FontId::Regular => &fonts[2],
    }
}

/// How a text was fitted into its box.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// Font size in pixels.
    pub px: f32,
    pub lines: Vec<String>,
    /// True when even at the minimum size the text did not fit and was cut with "…".
    pub truncated: bool,
    /// Grapheme clusters of the text that are not drawn (see [`coverage`]), in order, once each.
    pub missing: Vec<String>,
    /// Fallback fonts not installed yet that would draw some of [`Self::missing`].
    pub needs: Vec<Fallback>,
}

/// Fit `text` in a `width`×`height` pixel box, from `max_px` down to `min_px`: first as one
/// shrinking line, then wrapped at spaces, and only at the minimum size, cut with an ellipsis.
pub fn fit(
    text: &str,
    font_id: FontId,
    tracking: f32,
    max_px: f32,
    min_px: f32,
    width: f32,
    height: f32,
) -> Fitted {
    // This older entry point treats newlines as spaces, as it always did.
    fit_with(
        &text.replace('\n', " "),
        font_id,
        tracking,
        (max_px, min_px),
        (width, height),
        FitOptions::default(),
    )
}

/// How [`fit_with`] goes about fitting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FitOptions {
    /// Skip the one-line shrink and wrap at the largest size that fits (body text, lists);
    /// otherwise a single line is shrunk first (headlines, slogans).
    pub prefer_wrap: bool,
}

/// Fit `text` into a `box_px` = (width, height) pixel box with sizes `sizes` = (max, min) px.
///
/// The order is always: (1) unless `prefer_wrap`, one line shrunk towards the minimum;
/// (2) wrapped at word boundaries, from the largest size down in 4 % steps — a word is never
/// broken at this stage, so a long name moves to its own line before anything else happens;
/// (3) at the minimum size, a word wider than the whole line is broken between characters;
/// (4) only if the lines are still too many, the last one that fits is cut with "…" and
/// [`Fitted::truncated`] is set so the UI can tell the user. A newline in `text` starts a new
/// paragraph (a list item); other whitespace is collapsed.
pub fn fit_with(
    text: &str,
    font_id: FontId,
    tracking: f32,
    (max_px, min_px): (f32, f32),
    (width, height): (f32, f32),
    options: FitOptions,
) -> Fitted {
    let f = font(font_id);
    let line_height = |px: f32| line_height(f, px);
    let text = compose(text);
    let Coverage { missing, needs } = coverage(&text, font_id);
    let done = |px: f32, lines: Vec<String>, truncated: bool| Fitted {
        px,
        lines,
        truncated,
        missing: missing.clone(),
        needs: needs.clone(),
    };
    let measure = |text: &str, px: f32, tracking: f32| measure_line(font_id, text, px, tracking);
    let paragraphs: Vec<String> = text
        .split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let text = paragraphs.join(" ");
    // 1. One line, shrunk in proportion (width is linear in the size).
    if paragraphs.len() <= 1 && !options.prefer_wrap {
        let w_at_max = measure(&text, max_px, tracking);
        let px = if w_at_max <= width {
            max_px
        } else {
            (max_px * width / w_at_max).max(min_px)
        };
        if measure(&text, px, tracking) <= width + 0.01 && line_height(px) <= height + 0.01 {
            return done(px, vec![text], false);
        }
    }
    let wrap_all = |px: f32, break_words: bool| {
        let mut broke = false;
        let mut lines = Vec::new();
        for p in &paragraphs {
            let (mut l, b) = wrap(font_id, p, px, tracking, width, break_words);
            broke |= b;
            lines.append(&mut l);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        (lines, broke)
    };
    let fits = |lines: &[String], px: f32| {
        lines
            .iter()
            .all(|l| measure(l, px, tracking) <= width + 0.01)
            && lines.len() as f32 * line_height(px) <= height + 0.01
    };
    // 2. Wrapped at word boundaries, trying sizes from the largest down in 4% steps.
    let mut px = max_px;
    loop {
        let (lines, _) = wrap_all(px, false);
        if fits(&lines, px) {
            return done(px, lines, false);
        }
        if px <= min_px {
            break;
        }
        px = (px * 0.96).max(min_px);
    }
    // 3. At the minimum size, words wider than the line are broken between characters.
    let px = min_px;
    let (mut lines, broke) = wrap_all(px, true);
    if broke && fits(&lines, px) {
        return done(px, lines, false);
    }
    // 4. As many lines as fit, the last one cut with an ellipsis.
    let max_lines = ((height / line_height(px)).floor() as usize).max(1);
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        *last = ellipsize(font_id, last, px, tracking, width);
    }
    done(px, lines, true)
}

/// The distance between baselines of fitted lines at `px` (what [`draw`] uses).
pub fn line_height_for(font_id: FontId, px: f32) -> f32 {
    line_height(font(font_id), px)
}

fn line_height(f: &FontRef<'_>, px: f32) -> f32 {
    let s = f.as_scaled(PxScale::from(px));
    (s.ascent() - s.descent() + s.line_gap()).max(px)
}

/// Advance width of a single line in pixels in one font only (kerning and tracking included);
/// characters the font lacks count with its .notdef advance. For text as drawn, with fallback
/// fonts, use [`measure_line`].
pub fn measure(f: &FontRef<'_>, text: &str, px: f32, tracking: f32) -> f32 {
    let s = f.as_scaled(PxScale::from(px));
    let mut width = 0.0;
    let mut previous = None;
    for (i, ch) in text.chars().enumerate() {
        let id = s.glyph_id(ch);
        if let Some(p) = previous {
            width += s.kern(p, id);
        }
        width += s.h_advance(id);
        if i > 0 {
            width += tracking * px;
        }
        previous = Some(id);
    }
    width
}

/// Greedy word wrap. A word longer than the line is broken between characters only when
/// `break_words` is set (otherwise it overflows and the caller tries a smaller size); the flag
/// returned says whether a word was broken or overflows.
fn wrap(
    font_id: FontId,
    text: &str,
    px: f32,
    tracking: f32,
    width: f32,
    break_words: bool,
) -> (Vec<String>, bool) {
    let measure = |text: &str, px: f32, tracking: f32| measure_line(font_id, text, px, tracking);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut broke = false;
    for word in text.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if measure(&candidate, px, tracking) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if measure(word, px, tracking) <= width {
            current = word.to_string();
            continue;
        }
        broke = true;
        if !break_words {
            current = word.to_string();
            continue;
        }
        // The word alone is wider than the line: break it between grapheme clusters (never
        // between a letter and its marks, nor inside an emoji sequence or a flag).
        let mut piece = String::new();
        for cluster in word.graphemes(true) {
            let before = piece.len();
            piece.push_str(cluster);
            if measure(&piece, px, tracking) > width && before > 0 {
                piece.truncate(before);
                lines.push(std::mem::take(&mut piece));
                piece.push_str(cluster);
            }
        }
        current = piece;
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    (lines, broke)
}

fn ellipsize(font_id: FontId, line: &str, px: f32, tracking: f32, width: f32) -> String {
    let mut clusters: Vec<&str> = line.graphemes(true).collect();
    loop {
        let candidate: String = clusters.concat().trim_end().to_string() + "…";
        if measure_line(font_id, &candidate, px, tracking) <= width || clusters.is_empty() {
            return candidate;
        }
        clusters.pop();
    }
}

/// Draw fitted lines into the box at (`x`, `y`, `width`, `height`) pixels, vertically centred.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    pixmap: &mut Pixmap,
    fitted: &Fitted,
    font_id: FontId,
    tracking: f32,
    color: Color,
    align: Align,
    bounds: (f32, f32, f32, f32),
) {
    let f = font(font_id);
    let (x, y, width, height) = bounds;
    let px = fitted.px;
    let s = f.as_scaled(PxScale::from(px));
    let lh = line_height(f, px);
    let block = lh * fitted.lines.len() as f32;
    // Centre on the ink of capitals/x-height rather than the full ascent+descent box, which
    // looks too high for all-caps slogans.
    let mut top = y + (height - block) / 2.0;
    let mut paint = |glyph: ab_glyph::Glyph, font: &FontRef<'_>| {
        if let Some(outlined) = font.outline_glyph(glyph) {
            let b = outlined.px_bounds();
            outlined.draw(|gx, gy, coverage| {
                blend(
                    pixmap,
                    b.min.x as i32 + gx as i32,
                    b.min.y as i32 + gy as i32,
                    color,
                    coverage,
                );
            });
        }
    };
    for line in &fitted.lines {
        let line_width = measure_line(font_id, line, px, tracking);
        let mut pen_x = match align {
            Align::Left => x,
            Align::Center => x + (width - line_width) / 2.0,
            Align::Right => x + width - line_width,
        };
        let baseline = top + (lh - (s.ascent() - s.descent())) / 2.0 + s.ascent();
        for run in segment(line, font_id).runs {
            match run.face {
                // Exactly the drawing of Lato text before fallbacks (the goldens hold it).
                Face::Lato => {
                    let mut previous = None;
                    for ch in run.text.chars() {
                        let id = s.glyph_id(ch);
                        if let Some(p) = previous {
                            pen_x += s.kern(p, id);
                        }
                        paint(
                            id.with_scale_and_position(px, ab_glyph::point(pen_x, baseline)),
                            f,
                        );
                        pen_x += s.h_advance(id) + tracking * px;
                        previous = Some(id);
                    }
                }
                Face::Fallback(fb) => {
                    let (Some(glyphs), Some(loaded)) =
                        (shape::shape(fb, &run.text), fallback::loaded(fb))
                    else {
                        continue;
                    };
                    let m = FallbackMetrics::new(font_id, px, &loaded.glyphs);
                    let mut cluster = None;
                    for g in glyphs.iter() {
                        if cluster.is_some() && cluster != Some(g.cluster) {
                            pen_x += tracking * px;
                        }
                        cluster = Some(g.cluster);
                        let glyph = ab_glyph::Glyph {
                            id: ab_glyph::GlyphId(g.id),
                            scale: m.scale,
                            position: ab_glyph::point(
                                pen_x + g.dx as f32 * m.unit,
                                baseline - g.dy as f32 * m.unit,
                            ),
                        };
                        paint(glyph, &loaded.glyphs);
                        pen_x += g.advance as f32 * m.unit;
                    }
                    pen_x += tracking * px;
                }
                Face::Missing => {}
            }
        }
        top += lh;
    }
}

/// Advance width of a line as [`draw`] draws it: Lato where Lato has the characters, shaped
/// fallback runs elsewhere, nothing for what is not drawn (kerning and tracking included).
pub fn measure_line(font_id: FontId, text: &str, px: f32, tracking: f32) -> f32 {
    let f = font(font_id);
    let s = f.as_scaled(PxScale::from(px));
    let mut width = 0.0;
    // Tracking goes between characters (Lato) or clusters (fallbacks), never before the first.
    let mut first = true;
    for run in segment(text, font_id).runs {
        match run.face {
            // The same sums, in the same order, as `measure` (what Lato text always measured).
            Face::Lato => {
                let mut previous = None;
                for ch in run.text.chars() {
                    let id = s.glyph_id(ch);
                    if let Some(p) = previous {
                        width += s.kern(p, id);
                    }
                    width += s.h_advance(id);
                    if !first {
                        width += tracking * px;
                    }
                    first = false;
                    previous = Some(id);
                }
            }
            Face::Fallback(fb) => {
                let (Some(glyphs), Some(loaded)) =
                    (shape::shape(fb, &run.text), fallback::loaded(fb))
                else {
                    continue;
                };
                let m = FallbackMetrics::new(font_id, px, &loaded.glyphs);
                let mut cluster = None;
                for g in glyphs.iter() {
                    if cluster != Some(g.cluster) {
                        if !first {
                            width += tracking * px;
                        }
                        first = false;
                    }
                    cluster = Some(g.cluster);
                    width += g.advance as f32 * m.unit;
                }
            }
            Face::Missing => {}
        }
    }
    width
}

/// How a fallback font is sized next to Lato at `px`: the same em (so x-heights and capitals
/// match as the type designers intended), not the same ascent-to-descent height.
struct FallbackMetrics {
    /// ab_glyph's scale for the fallback font.
    scale: PxScale,
    /// Pixels per font unit of the fallback font (for the shaper's positions).
    unit: f32,
}

impl FallbackMetrics {
    fn new(font_id: FontId, px: f32, fallback: &FontRef<'_>) -> FallbackMetrics {
        let lato = font(font_id);
        let em_px = px * lato.units_per_em().unwrap_or(1000.0) / lato.height_unscaled();
        let upem = fallback.units_per_em().unwrap_or(1000.0);
        FallbackMetrics {
            scale: PxScale::from(em_px * fallback.height_unscaled() / upem),
            unit: em_px / upem,
        }
    }
}

/// Which font draws a grapheme cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Face {
    Lato,
    Fallback(Fallback),
    /// No font has it, or its fallback is not installed: not drawn, reported.
    Missing,
}

/// A stretch of a line drawn with one face.
struct Run {
    face: Face,
    text: String,
}

struct Segmented {
    runs: Vec<Run>,
    missing: Vec<String>,
    needs: Vec<Fallback>,
}

/// Characters that are not drawn by themselves and take no space: joiners, variation selectors,
/// tags, the soft hyphen. They never make a cluster "missing"; fallback runs keep them for the
/// shaper (ZWJ emoji, Javanese ZWNJ), Lato runs drop them.
fn ignorable(ch: char) -> bool {
    matches!(
        ch as u32,
        0x00AD | 0x034F | 0x180B..=0x180F | 0x200B..=0x200F | 0x2060..=0x2064
            | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE0FFF
    )
}

fn is_regional_indicator(ch: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&ch)
}

/// The face for one grapheme cluster, and the fallback file it waits for, if any.
fn choose(cluster: &str, font_id: FontId) -> (Face, Option<Fallback>) {
    let lato = font(font_id);
    let mut chars = cluster.chars().filter(|&c| !ignorable(c));
    if chars.clone().all(|c| lato.glyph_id(c).0 != 0) {
        return (Face::Lato, None);
    }
    let emoji_first = cluster.contains('\u{FE0F}');
    let order = std::iter::once(Family::Emoji)
        .filter(|_| emoji_first)
        .chain(Family::ORDER);
    for family in order {
        if !chars.clone().all(|c| family.covers(c)) {
            continue;
        }
        let file = family.file(font_id);
        if !is_installed(file) {
            return (Face::Missing, Some(file));
        }
        // A flag is drawn only if the emoji font has it: Noto Emoji turns a pair it has no
        // flag for into one generic flag glyph (what "🇦🇦", no country, gives), which would
        // not be the flag the user typed.
        if chars.clone().count() == 2 && chars.all(is_regional_indicator) {
            let single = |text: &str| {
                shape::shape(file, text).and_then(|g| (g.len() == 1).then(|| g[0].id))
            };
            let glyph = single(cluster);
            if glyph.is_none() || glyph == single("\u{1F1E6}\u{1F1E6}") {
                return (Face::Missing, None);
            }
        }
        return (Face::Fallback(file), None);
    }
    (Face::Missing, None)
}

/// Split a line into runs of one face each, with what is missing and what it waits for.
fn segment(line: &str, font_id: FontId) -> Segmented {
    let lato = font(font_id);
    // Most text is plain Lato: one run, no clustering (fitting measures lines very often).
    if line.chars().all(|c| !ignorable(c) && lato.glyph_id(c).0 != 0) {
        return Segmented {
            runs: vec![Run {
                face: Face::Lato,
                text: line.to_string(),
            }],
            missing: Vec::new(),
            needs: Vec::new(),
        };
    }
    let mut out = Segmented {
        runs: Vec::new(),
        missing: Vec::new(),
        needs: Vec::new(),
    };
    for cluster in line.graphemes(true) {
        let (mut face, wanted) = choose(cluster, font_id);
        if let Some(w) = wanted {
            if !out.needs.contains(&w) {
                out.needs.push(w);
            }
        }
        // A run the shaper cannot shape is reported, not drawn unshaped.
        if let Face::Fallback(fb) = face {
            if shape::shape(fb, cluster).is_none() {
                face = Face::Missing;
            }
        }
        if face == Face::Missing && !out.missing.iter().any(|m| m == cluster) {
            out.missing.push(cluster.to_string());
        }
        let piece: String = match face {
            Face::Lato => cluster.chars().filter(|&c| !ignorable(c)).collect(),
            _ => cluster.to_string(),
        };
        match out.runs.last_mut() {
            Some(run) if run.face == face => run.text.push_str(&piece),
            _ => out.runs.push(Run { face, text: piece }),
        }
    }
    out
}

/// What of a text cannot be drawn now, and which fallback fonts would draw some of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Grapheme clusters not drawn, in order, once each: no font has them, or (in the web app)
    /// their fallback is not installed yet.
    pub missing: Vec<String>,
    /// Fallbacks not installed yet that would draw some of `missing`, in order, once each.
    pub needs: Vec<Fallback>,
}

impl Coverage {
    /// Add another text's coverage (several fields of one card or poster).
    pub fn merge(&mut self, other: Coverage) {
        for m in other.missing {
            if !self.missing.contains(&m) {
                self.missing.push(m);
            }
        }
        for n in other.needs {
            if !self.needs.contains(&n) {
                self.needs.push(n);
            }
        }
    }
}

/// [`Coverage`] of `text` drawn in `font_id` (as [`fit_with`] would draw it).
pub fn coverage(text: &str, font_id: FontId) -> Coverage {
    let mut total = Coverage::default();
    for line in compose(text).split('\n') {
        let s = segment(line, font_id);
        total.merge(Coverage {
            missing: s.missing,
            needs: s.needs,
        });
    }
    total
}

/// The characters of [`Coverage::missing`] as a user can read them, even when their screen cannot
/// show them either: each with its code points, e.g. `🇮🇩 (U+1F1EE U+1F1E9)`.
pub fn describe_missing(missing: &[String]) -> String {
    missing
        .iter()
        .map(|cluster| {
            let codes: Vec<String> = cluster
                .chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            format!("{cluster} ({})", codes.join(" "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The note shown where text could not be drawn, in the user's language.
pub fn cannot_draw_message(missing: &[String], lang: crate::i18n::Lang) -> String {
    let list = describe_missing(missing);
    match lang {
        crate::i18n::Lang::Id => format!("Karakter tidak dapat digambar: {list}."),
        crate::i18n::Lang::En => format!("Cannot draw: {list}."),
    }
}

/// Canonical composition inside each grapheme cluster (`e` + U+0301 → `é`), so that a letter
/// typed with a combining mark is drawn with Lato when Lato has the composed letter.
fn compose(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for cluster in text.graphemes(true) {
        let mut chars = cluster.chars();
        let Some(mut current) = chars.next() else {
            continue;
        };
        for next in chars {
            match harfrust::unicode::compose(current as u32, next as u32).and_then(char::from_u32) {
                Some(c) => current = c,
                None => {
                    out.push(current);
                    current = next;
                }
            }
        }
        out.push(current);
    }
    out
}

/// Source-over of one colour with the given coverage onto a premultiplied pixel.
fn blend(pixmap: &mut Pixmap, x: i32, y: i32, color: Color, coverage: f32) {
    if x < 0 || y < 0 || x >= pixmap.width() as i32 || y >= pixmap.height() as i32 {
        return;
    }
    let alpha = coverage.clamp(0.0, 1.0) * f32::from(color.a) / 255.0;
    if alpha <= 0.0 {
        return;
    }
    let i = (y as usize * pixmap.width() as usize + x as usize) * 4;
    let data = pixmap.data_mut();
    let src = [color.r, color.g, color.b];
    for c in 0..3 {
        let d = f32::from(data[i + c]);
        data[i + c] = (f32::from(src[c]) * alpha + d * (1.0 - alpha)).round() as u8;
    }
    let da = f32::from(data[i + 3]);
    data[i + 3] = (255.0 * alpha + da * (1.0 - alpha)).round() as u8;
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONTS: [FontId; 3] = [FontId::Black, FontId::Bold, FontId::Regular];

    /// Every line fits the box width, the size stays within [min, max], and unless the text had
    /// to be cut, the lines fit the box height too.
    fn assert_fits(text: &str, font_id: FontId, tracking: f32, max: f32, min: f32, w: f32, h: f32) {
        let fitted = fit(text, font_id, tracking, max, min, w, h);
        let what = format!("{text:?} {font_id:?} in {w}×{h}");
        assert!(
            fitted.px >= min && fitted.px <= max,
            "{what}: size {}",
            fitted.px
        );
        assert!(!fitted.lines.is_empty(), "{what}: no lines");
        for line in &fitted.lines {
            let width = measure_line(font_id, line, fitted.px, tracking);
            assert!(width <= w + 0.01, "{what}: {line:?} is {width} wide");
        }
        if !fitted.truncated {
            let block = fitted.lines.len() as f32 * line_height(font(font_id), fitted.px);
            assert!(block <= h + 0.01, "{what}: {block} high");
            // Nothing is lost: the lines hold every non-space character, in order.
            let ink = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(ink(&fitted.lines.concat()), ink(text), "{what}");
        } else {
            assert!(fitted.lines.last().unwrap().ends_with('…'), "{what}");
            assert_eq!(
                fitted.px, min,
                "{what}: cut before reaching the minimum size"
            );
        }
    }

    #[test]
    fn short_text_keeps_the_largest_size_on_one_line() {
        let fitted = fit("ASN", FontId::Black, 0.0, 40.0, 20.0, 500.0, 60.0);
        assert_eq!(fitted.px, 40.0);
        assert_eq!(fitted.lines, ["ASN"]);
        assert!(!fitted.truncated);
    }

    #[test]
    fn whitespace_is_collapsed() {
        let fitted = fit(
            "  ASN \n PILIH\tNETRAL ",
            FontId::Bold,
            0.0,
            30.0,
            10.0,
            900.0,
            60.0,
        );
        assert_eq!(fitted.lines, ["ASN PILIH NETRAL"]);
    }

    #[test]
    fn fitted_text_stays_inside_its_box() {
        let texts = [
            "",
            "ASN PILIH NETRAL",
            "Netral, profesional, dan berintegritas dalam Pemilu",
            "Menjaga netralitas, melayani dengan integritas, menolak politik praktis di kantor",
            "Supercalifragilisticexpialidocious-tanpa-spasi-sama-sekali",
            "Ä é — “kutipan” …",
        ];
        let boxes = [
            (900.0, 120.0),
            (300.0, 80.0),
            (120.0, 40.0),
            (60.0, 200.0),
            (20.0, 10.0),
        ];
        for text in texts {
            for font_id in FONTS {
                for tracking in [0.0, 0.1] {
                    for (w, h) in boxes {
                        assert_fits(text, font_id, tracking, 48.0, 12.0, w, h);
                    }
                }
            }
        }
    }

    #[test]
    fn long_text_shrinks_before_it_wraps() {
        let text = "Netral, profesional, dan berintegritas dalam Pemilu";
        let one_line = fit(text, FontId::Bold, 0.0, 40.0, 10.0, 600.0, 200.0);
        assert_eq!(one_line.lines.len(), 1);
        assert!(one_line.px < 40.0 && one_line.px >= 10.0);
        // With a minimum too large for one line, it wraps instead.
        let wrapped = fit(text, FontId::Bold, 0.0, 40.0, 30.0, 600.0, 200.0);
        assert!(wrapped.lines.len() > 1, "{wrapped:?}");
        assert!(!wrapped.truncated);
    }

    #[test]
    fn bundled_fonts_load_and_have_latin_glyphs() {
        for font_id in FONTS {
            let f = font(font_id);
            for ch in "ASN Pilih Netral 2024 …".chars() {
                assert_ne!(f.glyph_id(ch).0, 0, "{font_id:?} lacks {ch:?}");
            }
        }
    }
}
