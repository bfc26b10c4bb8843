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
        let [w, h] = self.size;
        ((u64::from(width) * u64::from(h) + u64::from(w) / 2) / u64::from(w.max(1))).max(1) as u32
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

    fn validate(&self) -> Result<(), TemplateError> {
        let fail = |message: &str| {
            Err(TemplateError::Invalid {
                id: self.id.clone(),
                message: message.into(),
            })
        };
        if self.size[0] == 0 || self.size[1] == 0 {
            return fail("size must be positive");
        }
        for layer in &self.layers {
            if let Layer::Text(text) = layer {
                if !(text.min_size > 0.0 && text.min_size <= text.size) {
                    return fail("text min_size must be > 0 and <= size");
                }
            }
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
    /// A line of text fitted into a box.
    Text(TextLayer),
    /// A bitmap supplied at render time (the user's own frame PNG), stretched over the canvas.
    Image { source: ImageSource },
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

/// The built-in twibbon frames' data, in gallery order.
const FRAME_SOURCES: &[&str] = &[
    include_str!("../assets/templates/twibbon/lingkar-oranye.json"),
    include_str!("../assets/templates/twibbon/pita-biru.json"),
    include_str!("../assets/templates/twibbon/merah-putih.json"),
];

/// Parse a template from JSON and check it.
pub fn parse(json: &str) -> Result<Template, TemplateError> {
    let template: Template = serde_json::from_str(json).map_err(|e| TemplateError::Invalid {
        id: "?".into(),
        message: e.to_string(),
    })?;
    template.validate()?;
    Ok(template)
}

/// The built-in twibbon frames. They are compiled in and covered by tests, so a parse failure
/// is a build defect, not a user error.
pub fn builtin_frames() -> &'static [Template] {
    static FRAMES: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    FRAMES.get_or_init(|| {
        FRAME_SOURCES
            .iter()
            .map(|src| parse(src).unwrap_or_else(|e| panic!("built-in frame is invalid: {e}")))
            .collect()
    })
}

/// Look up a built-in frame by id.
pub fn frame_by_id(id: &str) -> Option<&'static Template> {
    builtin_frames().iter().find(|t| t.id == id)
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
    fn height_follows_the_aspect_ratio() {
        let mut t = Template::user_frame();
        assert_eq!(t.height_for(540), 540);
        t.size = [1080, 1350];
        assert_eq!(t.height_for(1080), 1350);
        assert_eq!(t.height_for(1), 1);
        assert_eq!(t.height_for(0), 1);
    }
}
