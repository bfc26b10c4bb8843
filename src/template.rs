//! Templates are data: serde types read from JSON files under `assets/templates/`, compiled in.
//! Adding a frame means adding a file, not code.
//!
//! Coordinates are relative: `x`/`w` are fractions of the canvas width, `y`/`h` of its height,
//! and radii, stroke widths and font sizes are fractions of the canvas's shorter side. So one
//! template renders at any pixel size (the preview and the export use the same numbers).

use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;

use crate::i18n::Localized;

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("template {id}: {message}")]
    Invalid { id: String, message: String },
}

/// One design: a canvas, a background and layers drawn in order (later layers on top).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub name: Localized,
    /// Reference size in pixels; also gives the aspect ratio.
    pub size: [u32; 2],
    pub background: Paint,
    pub layers: Vec<Layer>,
}

impl Template {
    /// Output height for a given output width, keeping the template's aspect ratio.
    pub fn height_for(&self, width: u32) -> u32 {
        scaled_height(self.size, width)
    }

    /// The photo slot, if the template has one (the first `photo` layer).
    pub fn photo_slot(&self) -> Option<&Geometry> {
        self.layers.iter().find_map(|layer| match layer {
            Layer::Photo { slot } => Some(slot),
            _ => None,
        })
    }

    /// A frame made from the user's own PNG: the photo fills the canvas and the PNG is drawn on
    /// top, so the photo shows through its transparent area.
    pub fn user_frame() -> Template {
        Template {
            id: "bingkai-sendiri".into(),
            name: Localized {
                id: "Bingkai sendiri".into(),
                en: "Your own frame".into(),
            },
            size: [1080, 1080],
            background: Paint::Solid(Color::rgb(0xEE, 0xEE, 0xEE)),
            layers: vec![
                Layer::Photo {
                    slot: Geometry::Rect {
                        x: 0.0,
                        y: 0.0,
                        w: 1.0,
                        h: 1.0,
                        radius: 0.0,
                    },
                },
                Layer::Image {
                    source: ImageSource::Frame,
                },
            ],
        }
    }

    pub(crate) fn validate(&self) -> Result<(), TemplateError> {
        let fail = |message: &str| {
            Err(TemplateError::Invalid {
                id: self.id.clone(),
                message: message.into(),
            })
        };
        if self.size[0] == 0 || self.size[1] == 0 {
            return fail("size must be positive");
        }
        let mut problem = None;
        visit_layers(&self.layers, &mut |layer| {
            if let Some(p) = layer.problem() {
                problem.get_or_insert(p);
            }
        });
        if let Some(p) = problem {
            return fail(p);
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Layer {
    /// Where the user's photo goes (cover-fitted, then zoomed, panned and rotated by the user).
    Photo { slot: Geometry },
    /// A filled shape.
    Shape { geometry: Geometry, paint: Paint },
    /// A text fitted into a box; `{key}` placeholders are filled from the render's values.
    Text(TextLayer),
    /// A bitmap supplied at render time (the user's own frame PNG), stretched over the canvas.
    Image { source: ImageSource },
    /// The brand kit's logo (the render's `logo`), fitted into a box.
    Logo(LogoLayer),
    /// The render's QR modules in a square, centred in a box.
    Qr(QrLayer),
    /// The render's signature, cropped to its ink, contain-fitted, centred and standing on the
    /// box's bottom edge (like a signature above a printed name).
    Signature(SignatureLayer),
    /// The render's points as a numbered list with round badges.
    Points(PointsLayer),
    /// Label / value rows (a form's filled-in fields).
    Table(TableLayer),
    /// Layers drawn only when every condition holds.
    When(WhenLayer),
}

/// How an image is fitted into its box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// Whole image inside the box (letterboxed).
    #[default]
    Contain,
    /// The box filled, the image's overflow cut off.
    Cover,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoLayer {
    /// `[x, y, w, h]` relative; the logo is vertically centred in it.
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
    #[serde(default)]
    pub fit: Fit,
    #[serde(default)]
    pub align: Align,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrLayer {
    /// `[x, y, w, h]` relative; the symbol is the largest square inside, centred.
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
    pub color: Color,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureLayer {
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
}

/// A text style for the layers that draw several texts (points, tables).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextStyle {
    #[serde(default)]
    pub font: FontId,
    /// Largest and smallest size, relative to the canvas's shorter side.
    pub size: f32,
    pub min_size: f32,
    pub color: Color,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsLayer {
    /// `[x, y, w, h]` relative. The points take the largest size (4 % steps) at which all of
    /// them fit, wrapped; at the smallest size the last lines that do not fit are cut with "…".
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
    pub text: TextStyle,
    /// The numbered badge's fill and its digits' colour.
    pub badge: Color,
    pub badge_text: Color,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableLayer {
    /// `[x, y, w, h]` relative; the rows are vertically centred in it.
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
    pub rows: Vec<TableRow>,
    pub label: TextStyle,
    pub value: TextStyle,
    /// The style of rows marked `strong` (the name).
    pub strong: TextStyle,
    /// Width of the label column (before the colon), relative to the canvas width.
    pub label_w: f32,
    /// Space between rows, relative to the shorter side.
    #[serde(default)]
    pub gap: f32,
}

/// One row; a row whose value comes out empty is left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    pub label: String,
    pub value: String,
    /// Lines the value may wrap to before it is cut.
    #[serde(default = "one_line")]
    pub lines: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
}

fn one_line() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenLayer {
    /// Conditions, all of which must hold: `photo`, `logo`, `signature`, `qr` (that input is
    /// given) or a value key (that value is not blank); a leading `!` negates.
    #[serde(rename = "if")]
    pub conditions: Vec<String>,
    pub layers: Vec<Layer>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageSource {
    Frame,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Geometry {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        #[serde(default)]
        radius: f32,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
    },
    /// A circle outline: `r` is the middle of the band, `width` its thickness.
    Ring {
        cx: f32,
        cy: f32,
        r: f32,
        width: f32,
    },
    /// Points as `[x, y]` pairs in relative units (ribbons, diagonal bands, chevrons).
    Polygon {
        points: Vec<[f32; 2]>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Paint {
    Solid(Color),
    /// A linear gradient from `from` to `to` (relative points) through `stops` (offset, colour).
    Linear {
        from: [f32; 2],
        to: [f32; 2],
        stops: Vec<(f32, Color)>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextLayer {
    pub text: String,
    /// `[x, y, w, h]` in relative units; the text never leaves this box.
    #[serde(rename = "box")]
    pub bounds: [f32; 4],
    #[serde(default)]
    pub font: FontId,
    /// Largest size (cap height follows the font), relative to the canvas's shorter side.
    pub size: f32,
    /// Text shrinks down to this size before it wraps.
    pub min_size: f32,
    pub color: Color,
    #[serde(default)]
    pub align: Align,
    /// Extra space between letters, in em.
    #[serde(default)]
    pub tracking: f32,
    /// Body text and lists: wrap at the largest size that fits instead of first shrinking the
    /// text onto one line (see [`crate::text::fit_with`]). A `\n` in `text` starts a new line.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prefer_wrap: bool,
    /// Underline the text as wide as its widest line (a name on a signed letter).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub underline: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontId {
    Black,
    #[default]
    Bold,
    Regular,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    #[default]
    Center,
    Right,
}

/// Call `f` on every layer, depth first (the layers inside `when` groups too).
pub fn visit_layers<'a>(layers: &'a [Layer], f: &mut impl FnMut(&'a Layer)) {
    for layer in layers {
        f(layer);
        if let Layer::When(w) = layer {
            visit_layers(&w.layers, f);
        }
    }
}

fn sizes_ok(size: f32, min_size: f32) -> bool {
    min_size > 0.0 && min_size <= size
}

fn box_ok([x, y, w, h]: [f32; 4]) -> bool {
    [x, y, w, h].iter().all(|v| v.is_finite()) && w > 0.0 && h > 0.0
}

impl Layer {
    /// What is wrong with this layer itself (not its children), if anything.
    fn problem(&self) -> Option<&'static str> {
        match self {
            Layer::Text(t) if !sizes_ok(t.size, t.min_size) => {
                Some("text min_size must be > 0 and <= size")
            }
            Layer::Text(t) if !box_ok(t.bounds) => Some("text box must have a positive size"),
            Layer::Points(p) if !sizes_ok(p.text.size, p.text.min_size) || !box_ok(p.bounds) => {
                Some("points need a positive box and 0 < min_size <= size")
            }
            Layer::Table(t)
                if [&t.label, &t.value, &t.strong]
                    .iter()
                    .any(|s| !sizes_ok(s.size, s.min_size))
                    || !box_ok(t.bounds)
                    || !(t.label_w > 0.0 && t.label_w < t.bounds[2]) =>
            {
                Some("table needs a positive box, 0 < label_w < its width and 0 < min_size <= size")
            }
            Layer::Logo(LogoLayer { bounds, .. })
            | Layer::Qr(QrLayer { bounds, .. })
            | Layer::Signature(SignatureLayer { bounds })
                if !box_ok(*bounds) =>
            {
                Some("box must have a positive size")
            }
            Layer::When(w)
                if w.conditions
                    .iter()
                    .any(|c| c.trim_start_matches('!').is_empty()) =>
            {
                Some("empty condition")
            }
            _ => None,
        }
    }
}

/// Fill the `{key}` placeholders of a template's `text` in one pass: each `{key}` for which
/// `value` gives something is replaced by it; anything else (an unknown key, a lone brace) is
/// kept as written. The values are never scanned themselves, so a user who types `{agency}`
/// gets exactly those characters.
pub fn fill_placeholders<'v>(text: &str, mut value: impl FnMut(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match placeholder_key(after).and_then(|key| Some((key, value(key)?))) {
            Some((key, v)) => {
                // Whatever a value came from (typed, a file, a link, a spreadsheet), no
                // control or bidi character reaches the canvas (see `text::clean`).
                out.push_str(&crate::text::clean::clean_text(v));
                rest = &after[key.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{key}`s in a text, in order (as [`fill_placeholders`] reads them).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if let Some(key) = placeholder_key(rest) {
            keys.push(key.to_string());
            rest = &rest[key.len() + 1..];
        }
    }
    keys
}

/// The key at the start of `after` (the text after a `{`) when it is closed by `}`: letters,
/// digits, `_`, `-` and `.`.
fn placeholder_key(after: &str) -> Option<&str> {
    let end = after.find('}')?;
    let key = &after[..end];
    let ok = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    ok.then_some(key)
}

/// An sRGB colour, written in templates as `"#RRGGBB"` or `"#RRGGBBAA"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 255 }
    }

    pub fn parse(hex: &str) -> Option<Color> {
        let hex = hex.strip_prefix('#')?;
        // `from_str_radix` alone would also take a sign ("#+F+F+F").
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        match hex.len() {
            6 => Some(Color::rgb(byte(0)?, byte(2)?, byte(4)?)),
            8 => Some(Color {
                r: byte(0)?,
                g: byte(2)?,
                b: byte(4)?,
                a: byte(6)?,
            }),
            _ => None,
        }
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let hex = if self.a == 255 {
            format!("#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
        } else {
            format!("#{:02X}{:02X}{:02X}{:02X}", self.r, self.g, self.b, self.a)
        };
        s.serialize_str(&hex)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Color, D::Error> {
        let text = String::deserialize(d)?;
        Color::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("bad colour {text:?}, want #RRGGBB")))
    }
}

/// Parse a template from JSON and check it.
pub fn parse(json: &str) -> Result<Template, TemplateError> {
    let template: Template = serde_json::from_str(json).map_err(|e| TemplateError::Invalid {
        id: "?".into(),
        message: e.to_string(),
    })?;
    template.validate()?;
    Ok(template)
}

/// The built-in twibbon designs at 1080×1080 with their own texts and the default brand kit
/// (see [`crate::twibbon::default_frames`]).
pub fn builtin_frames() -> &'static [Template] {
    crate::twibbon::default_frames()
}

/// Look up a built-in frame by id.
pub fn frame_by_id(id: &str) -> Option<&'static Template> {
    builtin_frames().iter().find(|t| t.id == id)
}

/// The height of a `[w, h]` design drawn `width` pixels wide (rounded, at least 1): what
/// [`Template::height_for`] gives, for a page that sizes a canvas before anything is drawn.
pub fn scaled_height([w, h]: [u32; 2], width: u32) -> u32 {
    ((u64::from(width) * u64::from(h) + u64::from(w) / 2) / u64::from(w.max(1))).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colors_parse_from_hex() {
        assert_eq!(Color::parse("#FF8000"), Some(Color::rgb(255, 128, 0)));
        assert_eq!(Color::parse("#0b2d5b"), Some(Color::rgb(0x0B, 0x2D, 0x5B)));
        assert_eq!(
            Color::parse("#0B2D5BF0"),
            Some(Color {
                r: 0x0B,
                g: 0x2D,
                b: 0x5B,
                a: 0xF0
            })
        );
        for bad in [
            "", "#", "FF8000", "#FFF", "#FF800", "#FF80001", "#GG0000", "#+F+F+F", "#ééé",
            "#FF 000",
        ] {
            assert_eq!(Color::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn colors_round_trip_through_json() {
        for color in [
            Color::rgb(0, 0, 0),
            Color::rgb(0xFF, 0xC4, 0x00),
            Color {
                r: 1,
                g: 2,
                b: 3,
                a: 4,
            },
        ] {
            let json = serde_json::to_string(&color).unwrap();
            assert_eq!(serde_json::from_str::<Color>(&json).unwrap(), color);
        }
        assert_eq!(
            serde_json::to_string(&Color::rgb(255, 0, 16)).unwrap(),
            "\"#FF0010\""
        );
        assert!(serde_json::from_str::<Color>("\"red\"").is_err());
    }

    #[test]
    fn builtin_frames_parse_with_unique_ids_and_a_photo_slot() {
        let frames = builtin_frames();
        assert!(!frames.is_empty());
        for (i, frame) in frames.iter().enumerate() {
            assert!(
                frame.photo_slot().is_some(),
                "{} has no photo slot",
                frame.id
            );
            assert!(!frame.name.id.is_empty() && !frame.name.en.is_empty());
            assert!(
                frames[i + 1..].iter().all(|f| f.id != frame.id),
                "duplicate {}",
                frame.id
            );
            assert_eq!(frame_by_id(&frame.id), Some(frame));
        }
        assert_eq!(frame_by_id("nope"), None);
    }

    #[test]
    fn invalid_templates_are_refused() {
        let base = |size: &str, min: &str| {
            format!(
                r##"{{"id":"t","name":{{"id":"a","en":"b"}},"size":{size},
                "background":{{"solid":"#FFFFFF"}},
                "layers":[{{"text":{{"text":"x","box":[0,0,1,1],"size":0.1,"min_size":{min},
                "color":"#000000"}}}}]}}"##
            )
        };
        assert!(parse(&base("[100, 100]", "0.05")).is_ok());
        assert!(parse(&base("[0, 100]", "0.05")).is_err());
        assert!(parse(&base("[100, 100]", "0.2")).is_err());
        assert!(parse(&base("[100, 100]", "0")).is_err());
        assert!(parse(r#"{"id":"t"}"#).is_err());
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_never_rescanned() {
        let values = |key: &str| match key {
            "name" => Some("{agency}"),
            "agency" => Some("Dinas"),
            _ => None,
        };
        // The user typed "{agency}" as their name: they get those characters, not "Dinas".
        assert_eq!(
            fill_placeholders("Nama: {name} ({agency})", values),
            "Nama: {agency} (Dinas)"
        );
        // Unknown keys, lone and unbalanced braces stay as written.
        assert_eq!(
            fill_placeholders("{x} { } {{name}} {name", values),
            "{x} { } {{agency}} {name"
        );
        assert_eq!(
            placeholders("{a}{b c}{{d}}{e"),
            ["a".to_string(), "d".to_string()]
        );
    }

    #[test]
    fn height_follows_the_aspect_ratio() {
        let mut t = Template::user_frame();
        assert_eq!(t.height_for(540), 540);
        t.size = [1080, 1350];
        assert_eq!(t.height_for(1080), 1350);
        assert_eq!(t.height_for(1), 1);
        assert_eq!(t.height_for(0), 1);
    }
}
