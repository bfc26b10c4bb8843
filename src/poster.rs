//! Agency posters: templates as data that render at every supported size from one file.
//!
//! A poster template (`assets/templates/poster/*.json`) is a twibbon-style [`Template`] with
//! four additions, all resolved by [`resolve`] into a plain [`Template`] that the one
//! [`render`](crate::render::render) draws:
//!
//! - **Sizes.** `sizes` lists the [`PosterSize`]s it supports (all four by default). Layout is
//!   relative (x and widths to the canvas width, y and heights to its height, font sizes and
//!   radii to the shorter side), so the same numbers stretch from 1:1 to 9:16 and A4; boxes get
//!   taller, text keeps its size and is centred in its box.
//! - **Groups.** Where stretching alone is not enough, a layer can be a group
//!   `{"only": ["square"], "layers": [...]}` (drawn only at those sizes) and/or
//!   `{"if": "logo", "layers": [...]}` (drawn only when that field is non-empty; `logo` is true
//!   when the brand kit has a logo). Groups nest.
//! - **Fields.** `fields` declares the texts the user can edit (key, label in both languages,
//!   default). Text layers say where they go with `{key}` placeholders; the brand kit adds
//!   `{agency}`, `{issuer}` and `{hashtags}`. A text layer that comes out empty is dropped.
//! - **Brand colours and logo.** `palette` names the template's own colours for the brand's
//!   roles (`primary`, `secondary`, and optionally `on_primary` / `on_secondary` for text on
//!   them). Every use of those exact colours takes the brand kit's colours instead (alpha kept);
//!   text on them turns dark when a light brand colour needs it. `{"logo": {"box": [x, y, w,
//!   h], "align": "left"}}` places the kit's logo, contain-fitted; logos are drawn last, over
//!   everything else.
//!
//! [`render_poster`] is the one function behind the preview, the thumbnails, the downloads and
//! the CLI; [`overflowing_fields`] tells which user texts had to be cut with "…".

use std::collections::BTreeMap;

use image::RgbaImage;
use serde::{Deserialize, Serialize};

use crate::brand::BrandKit;
use crate::i18n::{Lang, Localized};
use crate::photo::Photo;
use crate::render::{Inputs, PhotoTransform, RenderError, Renderer, Values};
use crate::template::{
    fill_placeholders, placeholders, Color, Geometry, Layer, LogoLayer, Paint, PointsLayer,
    QrLayer, SignatureLayer, TableLayer, Template, TemplateError, TextLayer, TextStyle, WhenLayer,
};
use crate::text;

/// The sizes a poster comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PosterSize {
    /// 1080 × 1080: Instagram and Facebook posts.
    Square,
    /// 1080 × 1350: Instagram portrait posts.
    Portrait,
    /// 1080 × 1440: Instagram's 3:4 profile grid (twibbons).
    Tall,
    /// 1080 × 1920: stories, WhatsApp status, reels.
    Story,
    /// 2480 × 3508: A4 portrait at 300 dpi, for print (also as PDF).
    A4,
}

impl PosterSize {
    /// A poster's sizes (the default of a poster template).
    pub const ALL: [PosterSize; 4] = [
        PosterSize::Square,
        PosterSize::Portrait,
        PosterSize::Story,
        PosterSize::A4,
    ];

    /// A twibbon's sizes: social formats only (a twibbon is not printed).
    pub const TWIBBON: [PosterSize; 4] = [
        PosterSize::Square,
        PosterSize::Portrait,
        PosterSize::Tall,
        PosterSize::Story,
    ];

    const EVERY: [PosterSize; 5] = [
        PosterSize::Square,
        PosterSize::Portrait,
        PosterSize::Tall,
        PosterSize::Story,
        PosterSize::A4,
    ];

    /// Full export size in pixels.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            PosterSize::Square => (1080, 1080),
            PosterSize::Portrait => (1080, 1350),
            PosterSize::Tall => (1080, 1440),
            PosterSize::Story => (1080, 1920),
            PosterSize::A4 => (2480, 3508),
        }
    }

    /// The name used on the command line and in file names.
    pub fn key(self) -> &'static str {
        match self {
            PosterSize::Square => "1080x1080",
            PosterSize::Portrait => "1080x1350",
            PosterSize::Tall => "1080x1440",
            PosterSize::Story => "1080x1920",
            PosterSize::A4 => "a4",
        }
    }

    /// From a CLI value ("1080x1350", "a4") or a template name ("portrait").
    pub fn parse(text: &str) -> Option<PosterSize> {
        let text = text.trim().to_ascii_lowercase().replace('×', "x");
        PosterSize::EVERY.into_iter().find(|s| {
            s.key() == text || serde_json::to_string(s).is_ok_and(|j| j.trim_matches('"') == text)
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PosterSize::Square, Lang::Id) => "Persegi · 1080×1080 · unggahan IG/FB",
            (PosterSize::Square, Lang::En) => "Square · 1080×1080 · IG/FB post",
            (PosterSize::Portrait, Lang::Id) => "Potret · 1080×1350 · unggahan IG",
            (PosterSize::Portrait, Lang::En) => "Portrait · 1080×1350 · IG post",
            (PosterSize::Tall, Lang::Id) => "Potret 3:4 · 1080×1440 · grid IG",
            (PosterSize::Tall, Lang::En) => "Portrait 3:4 · 1080×1440 · IG grid",
            (PosterSize::Story, Lang::Id) => "Story · 1080×1920 · status WA",
            (PosterSize::Story, Lang::En) => "Story · 1080×1920 · WA status",
            (PosterSize::A4, Lang::Id) => "A4 cetak · 2480×3508 · 300 dpi",
            (PosterSize::A4, Lang::En) => "A4 print · 2480×3508 · 300 dpi",
        }
    }
}

/// A text the user can edit on a poster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub key: String,
    pub label: Localized,
    /// The text used until the user types their own (Bahasa Indonesia: posters are for an
    /// Indonesian audience whatever the UI language).
    #[serde(default)]
    pub default: String,
    /// A textarea (newlines start new lines on the poster) rather than one line.
    #[serde(default)]
    pub multiline: bool,
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
}

fn default_max_chars() -> usize {
    160
}

/// Hard cap for any one text, whatever a template says (input is cut here, not refused).
pub const MAX_FIELD_CHARS: usize = 1000;

/// The template's colours that stand for the brand's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palette {
    pub primary: Color,
    pub secondary: Color,
    #[serde(default)]
    pub on_primary: Option<Color>,
    #[serde(default)]
    pub on_secondary: Option<Color>,
    /// A colour that stands for "the primary colour where it reads on white paper, else ink"
    /// (a title on a white card).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_on_paper: Option<Color>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PosterTemplate {
    pub id: String,
    pub name: Localized,
    #[serde(default = "all_sizes")]
    pub sizes: Vec<PosterSize>,
    pub palette: Palette,
    #[serde(default)]
    pub fields: Vec<Field>,
    pub background: Paint,
    pub layers: Vec<PosterLayer>,
}

fn all_sizes() -> Vec<PosterSize> {
    PosterSize::ALL.to_vec()
}

/// A layer of a poster: a group or any template [`Layer`] (a `logo` layer included).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PosterLayer {
    Group(Group),
    Layer(Layer),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Drawn only at these sizes (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<PosterSize>,
    /// Drawn only when this field (or `logo`) is non-empty; with a leading `!`, only when it
    /// is empty.
    #[serde(default, rename = "if", skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The layers are laid out in the canvas's centred square (the square a profile photo is
    /// cropped to, and the circle inside it) instead of the whole canvas: `[0, 0]` is that
    /// square's top left and `1` its side. So a twibbon design keeps its texts inside the profile
    /// circle at 1080×1350 and 1080×1920 as it does at 1080×1080.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub centred: bool,
    pub layers: Vec<PosterLayer>,
}

/// Where a poster's logo goes (a template `logo` layer).
pub type LogoSlot = LogoLayer;

/// Keys the brand kit fills in, usable in any template.
pub const BRAND_KEYS: [&str; 3] = ["agency", "issuer", "hashtags"];

/// What the user supplies to a poster.
#[derive(Clone, Copy, Debug)]
pub struct PosterInputs<'a> {
    /// Texts by field key; a missing key takes the field's default.
    pub values: &'a BTreeMap<String, String>,
    pub brand: &'a BrandKit,
    pub photo: Option<&'a Photo>,
    pub transform: PhotoTransform,
    /// The brand kit's logo, decoded (see [`crate::brand::decode_logo`]).
    pub logo: Option<&'a Photo>,
}

/// A poster template made concrete for one size and one set of inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// Texts keep their `{key}` placeholders; [`Resolved::values`] fills them when drawn.
    pub template: Template,
    /// The logo layers placed (also the last layers of `template`: logos go over everything).
    pub logos: Vec<LogoSlot>,
    /// Every field's and brand key's value, for the placeholders.
    pub values: Values,
    /// For each text layer of `template` (by layer index), the user fields it shows.
    pub bindings: Vec<(usize, Vec<String>)>,
}

impl Resolved {
    /// What the resolved design is drawn from: the photo, its placement and the logo, with the
    /// design's texts and kit as the placeholders' values (the export's, the preview's and the
    /// twibbon worker's inputs alike).
    pub fn inputs<'a>(
        &'a self,
        photo: Option<&'a Photo>,
        transform: PhotoTransform,
        logo: Option<&'a Photo>,
    ) -> Inputs<'a> {
        Inputs {
            photo,
            transform,
            values: Some(&self.values),
            logo,
            ..Inputs::default()
        }
    }

    /// The template with its texts' placeholders filled: it draws the same without `values`.
    pub fn filled(&self) -> Template {
        fn fill(layers: &[Layer], values: &Values) -> Vec<Layer> {
            layers
                .iter()
                .map(|layer| match layer {
                    Layer::Text(t) => Layer::Text(TextLayer {
                        text: fill_placeholders(&t.text, |k| values.get(k).map(String::as_str)),
                        ..t.clone()
                    }),
                    Layer::When(w) => Layer::When(WhenLayer {
                        conditions: w.conditions.clone(),
                        layers: fill(&w.layers, values),
                    }),
                    other => other.clone(),
                })
                .collect()
        }
        Template {
            layers: fill(&self.template.layers, &self.values),
            ..self.template.clone()
        }
    }
}

impl PosterTemplate {
    pub fn supports(&self, size: PosterSize) -> bool {
        self.sizes.contains(&size)
    }

    /// Does the poster show the user's photo?
    pub fn has_photo(&self) -> bool {
        fn any(layers: &[PosterLayer]) -> bool {
            layers.iter().any(|l| match l {
                PosterLayer::Layer(Layer::Photo { .. }) => true,
                PosterLayer::Group(g) => any(&g.layers),
                _ => false,
            })
        }
        any(&self.layers)
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The value of a field: the user's text (cut to [`MAX_FIELD_CHARS`]) or the default; the
    /// brand keys come from the kit.
    pub fn value(&self, key: &str, inputs: &PosterInputs<'_>) -> String {
        let text = match key {
            "agency" => inputs.brand.agency.clone(),
            "issuer" => inputs.brand.issuer.clone(),
            "hashtags" => inputs.brand.hashtag_line(),
            "logo" => (if inputs.logo.is_some() { "logo" } else { "" }).to_string(),
            _ => match inputs.values.get(key) {
                Some(v) => v.clone(),
                None => self
                    .field(key)
                    .map(|f| f.default.clone())
                    .unwrap_or_default(),
            },
        };
        text.chars().take(MAX_FIELD_CHARS).collect()
    }

    fn validate(&self) -> Result<(), TemplateError> {
        let fail = |message: String| {
            Err(TemplateError::Invalid {
                id: self.id.clone(),
                message,
            })
        };
        if self.sizes.is_empty() {
            return fail("no sizes".into());
        }
        for (i, f) in self.fields.iter().enumerate() {
            if self.fields[..i].iter().any(|g| g.key == f.key) || BRAND_KEYS.contains(&&*f.key) {
                return fail(format!("field {} is declared twice", f.key));
            }
        }
        let known =
            |key: &str| key == "logo" || BRAND_KEYS.contains(&key) || self.field(key).is_some();
        let mut problem = None;
        visit(&self.layers, &mut |layer| match layer {
            PosterLayer::Group(g) => {
                if let Some(key) = &g.when {
                    if !known(key.trim_start_matches('!')) {
                        problem = Some(format!("group condition on unknown field {key}"));
                    }
                }
            }
            PosterLayer::Layer(Layer::Text(t)) => {
                if !(t.min_size > 0.0 && t.min_size <= t.size) {
                    problem = Some("text min_size must be > 0 and <= size".into());
                }
                for key in crate::template::placeholders(&t.text) {
                    if !known(&key) {
                        problem = Some(format!("text uses unknown field {{{key}}}"));
                    }
                }
            }
            _ => {}
        });
        match problem {
            Some(p) => fail(p),
            None => Ok(()),
        }
    }
}

fn visit<'a>(layers: &'a [PosterLayer], f: &mut impl FnMut(&'a PosterLayer)) {
    for layer in layers {
        f(layer);
        if let PosterLayer::Group(g) = layer {
            visit(&g.layers, f);
        }
    }
}

/// Resolve a template for one size and one set of inputs (see the module docs).
pub fn resolve(poster: &PosterTemplate, size: PosterSize, inputs: &PosterInputs<'_>) -> Resolved {
    let (w, h) = size.pixels();
    let recolor = Recolor::new(&poster.palette, inputs.brand);
    let mut out = Resolved {
        template: Template {
            id: poster.id.clone(),
            name: poster.name.clone(),
            size: [w, h],
            background: recolor.paint(&poster.background),
            layers: Vec::new(),
        },
        logos: Vec::new(),
        values: Values::new(),
        bindings: Vec::new(),
    };
    for key in BRAND_KEYS
        .iter()
        .copied()
        .chain(poster.fields.iter().map(|f| f.key.as_str()))
    {
        out.values
            .insert(key.to_string(), poster.value(key, inputs));
    }
    let place = Place::Canvas;
    flatten(
        poster,
        &poster.layers,
        size,
        inputs,
        (&recolor, place),
        &mut out,
    );
    out.template
        .layers
        .extend(out.logos.iter().cloned().map(Layer::Logo));
    out
}

fn flatten(
    poster: &PosterTemplate,
    layers: &[PosterLayer],
    size: PosterSize,
    inputs: &PosterInputs<'_>,
    (recolor, place): (&Recolor, Place),
    out: &mut Resolved,
) {
    let draw = |layer: &Layer| place.layer(&recolor.layer(layer), size);
    for layer in layers {
        match layer {
            PosterLayer::Group(g) => {
                let size_ok = g.only.is_empty() || g.only.contains(&size);
                let when_ok = g
                    .when
                    .as_ref()
                    .is_none_or(|key| match key.strip_prefix('!') {
                        Some(key) => poster.value(key, inputs).trim().is_empty(),
                        None => !poster.value(key, inputs).trim().is_empty(),
                    });
                let place = if g.centred {
                    Place::CentredSquare
                } else {
                    place
                };
                if size_ok && when_ok {
                    flatten(poster, &g.layers, size, inputs, (recolor, place), out);
                }
            }
            PosterLayer::Layer(Layer::Logo(l)) => {
                if inputs.logo.is_some() {
                    if let Layer::Logo(l) = place.layer(&Layer::Logo(l.clone()), size) {
                        out.logos.push(l);
                    }
                }
            }
            PosterLayer::Layer(Layer::Text(t)) => {
                let keys = placeholders(&t.text);
                let filled = fill_placeholders(&t.text, |k| out.values.get(k).map(String::as_str));
                if filled.trim().is_empty() {
                    continue;
                }
                out.bindings.push((
                    out.template.layers.len(),
                    keys.into_iter()
                        .filter(|k| poster.field(k).is_some() || BRAND_KEYS.contains(&&**k))
                        .collect(),
                ));
                out.template.layers.push(draw(&Layer::Text(t.clone())));
            }
            PosterLayer::Layer(other) => out.template.layers.push(draw(other)),
        }
    }
}

/// Which area a layer's relative coordinates refer to (see [`Group::centred`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Canvas,
    CentredSquare,
}

impl Place {
    /// `layer` with its points and boxes moved from this area to the whole canvas. Sizes,
    /// radii and widths are relative to the shorter side, which is the square's side: they stay.
    fn layer(self, layer: &Layer, size: PosterSize) -> Layer {
        let (w, h) = size.pixels();
        if self == Place::Canvas || w == h {
            return layer.clone();
        }
        let (w, h) = (w as f32, h as f32);
        let side = w.min(h);
        let (sx, sy) = (side / w, side / h);
        let (ox, oy) = ((1.0 - sx) / 2.0, (1.0 - sy) / 2.0);
        let point = |[x, y]: [f32; 2]| [ox + x * sx, oy + y * sy];
        let bounds = |[x, y, bw, bh]: [f32; 4]| [ox + x * sx, oy + y * sy, bw * sx, bh * sy];
        let geometry = |g: &Geometry| match g {
            Geometry::Rect { x, y, w, h, radius } => {
                let [x, y, w, h] = bounds([*x, *y, *w, *h]);
                Geometry::Rect {
                    x,
                    y,
                    w,
                    h,
                    radius: *radius,
                }
            }
            Geometry::Circle { cx, cy, r } => {
                let [cx, cy] = point([*cx, *cy]);
                Geometry::Circle { cx, cy, r: *r }
            }
            Geometry::Ring { cx, cy, r, width } => {
                let [cx, cy] = point([*cx, *cy]);
                Geometry::Ring {
                    cx,
                    cy,
                    r: *r,
                    width: *width,
                }
            }
            Geometry::Polygon { points } => Geometry::Polygon {
                points: points.iter().copied().map(point).collect(),
            },
        };
        let paint = |p: &Paint| match p {
            Paint::Linear { from, to, stops } => Paint::Linear {
                from: point(*from),
                to: point(*to),
                stops: stops.clone(),
            },
            solid => solid.clone(),
        };
        match layer {
            Layer::Photo { slot } => Layer::Photo {
                slot: geometry(slot),
            },
            Layer::Shape {
                geometry: g,
                paint: p,
            } => Layer::Shape {
                geometry: geometry(g),
                paint: paint(p),
            },
            Layer::Text(t) => Layer::Text(TextLayer {
                bounds: bounds(t.bounds),
                ..t.clone()
            }),
            Layer::Logo(l) => Layer::Logo(LogoLayer {
                bounds: bounds(l.bounds),
                ..l.clone()
            }),
            Layer::Qr(q) => Layer::Qr(QrLayer {
                bounds: bounds(q.bounds),
                ..q.clone()
            }),
            Layer::Signature(s) => Layer::Signature(SignatureLayer {
                bounds: bounds(s.bounds),
            }),
            Layer::Points(p) => Layer::Points(PointsLayer {
                bounds: bounds(p.bounds),
                ..p.clone()
            }),
            Layer::Table(t) => Layer::Table(TableLayer {
                bounds: bounds(t.bounds),
                ..t.clone()
            }),
            Layer::When(wl) => Layer::When(WhenLayer {
                conditions: wl.conditions.clone(),
                layers: wl.layers.iter().map(|l| self.layer(l, size)).collect(),
            }),
            // A frame image covers the whole canvas whatever the group says.
            Layer::Image { .. } => layer.clone(),
        }
    }
}

/// Swaps the template's palette colours for the brand's (posters and pledge cards).
pub(crate) struct Recolor {
    pairs: Vec<(Color, Color)>,
    /// [`Palette::primary_on_paper`] and the colour it becomes.
    on_paper: Option<(Color, Color)>,
}

impl Recolor {
    pub(crate) fn new(palette: &Palette, brand: &BrandKit) -> Recolor {
        let mut pairs = vec![
            (palette.primary, brand.primary),
            (palette.secondary, brand.secondary),
        ];
        // Text on a brand colour keeps the template's colour for the template's own palette,
        // and turns dark or white for other brand colours, whichever reads better.
        for (on, base, brand_base) in [
            (palette.on_primary, palette.primary, brand.primary),
            (palette.on_secondary, palette.secondary, brand.secondary),
        ] {
            if let Some(on) = on {
                let same = (base.r, base.g, base.b) == (brand_base.r, brand_base.g, brand_base.b);
                pairs.push((on, if same { on } else { readable_on(brand_base) }));
            }
        }
        let on_paper = palette.primary_on_paper.map(|c| {
            let to = if readable_on(brand.primary) == Color::rgb(0xFF, 0xFF, 0xFF) {
                brand.primary
            } else {
                Color::rgb(0x1A, 0x1D, 0x23)
            };
            (c, to)
        });
        Recolor { pairs, on_paper }
    }

    /// A layer with its colours swapped (texts' colours as text, see [`Recolor::text`]).
    pub(crate) fn layer(&self, layer: &Layer) -> Layer {
        let style = |s: &TextStyle| TextStyle {
            color: self.text(s.color),
            ..s.clone()
        };
        match layer {
            Layer::Shape { geometry, paint } => Layer::Shape {
                geometry: geometry.clone(),
                paint: self.paint(paint),
            },
            Layer::Text(t) => Layer::Text(TextLayer {
                color: self.text(t.color),
                ..t.clone()
            }),
            Layer::Qr(q) => Layer::Qr(QrLayer {
                color: self.color(q.color),
                ..q.clone()
            }),
            Layer::Points(p) => Layer::Points(PointsLayer {
                text: style(&p.text),
                badge: self.color(p.badge),
                badge_text: self.text(p.badge_text),
                ..p.clone()
            }),
            Layer::Table(t) => Layer::Table(TableLayer {
                label: style(&t.label),
                value: style(&t.value),
                strong: style(&t.strong),
                ..t.clone()
            }),
            Layer::When(w) => Layer::When(WhenLayer {
                conditions: w.conditions.clone(),
                layers: w.layers.iter().map(|l| self.layer(l)).collect(),
            }),
            other => other.clone(),
        }
    }

    fn color(&self, c: Color) -> Color {
        self.on_paper
            .iter()
            .chain(&self.pairs)
            .find(|(from, _)| (from.r, from.g, from.b) == (c.r, c.g, c.b))
            .map_or(c, |(_, to)| Color { a: c.a, ..*to })
    }

    /// Text colours: the `on_` colours first (they may equal a palette colour by accident).
    fn text(&self, c: Color) -> Color {
        self.on_paper
            .iter()
            .chain(&self.pairs[2..])
            .chain(&self.pairs[..2])
            .find(|(from, _)| (from.r, from.g, from.b) == (c.r, c.g, c.b))
            .map_or(c, |(_, to)| Color { a: c.a, ..*to })
    }

    pub(crate) fn paint(&self, paint: &Paint) -> Paint {
        match paint {
            Paint::Solid(c) => Paint::Solid(self.color(*c)),
            Paint::Linear { from, to, stops } => Paint::Linear {
                from: *from,
                to: *to,
                stops: stops.iter().map(|(o, c)| (*o, self.color(*c))).collect(),
            },
        }
    }
}

/// White or near-black, whichever contrasts more with `background` (WCAG relative luminance).
pub fn readable_on(background: Color) -> Color {
    let lin = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(background.r) + 0.7152 * lin(background.g) + 0.0722 * lin(background.b);
    let dark_l = 0.0106; // #1A1D23
    if (1.05) / (l + 0.05) >= (l + 0.05) / (dark_l + 0.05) {
        Color::rgb(0xFF, 0xFF, 0xFF)
    } else {
        Color::rgb(0x1A, 0x1D, 0x23)
    }
}

/// Render a poster at `width` pixels wide (the height follows the size's aspect ratio).
/// Preview, thumbnails, downloads and the CLI all call this.
pub fn render_poster(
    poster: &PosterTemplate,
    size: PosterSize,
    inputs: &PosterInputs<'_>,
    width: u32,
) -> Result<RgbaImage, RenderError> {
    render_poster_with(&mut Renderer::default(), poster, size, inputs, width)
}

/// [`render_poster`] keeping the layers around the photo in `renderer` between calls: while the
/// photo is dragged in the preview only the photo is redrawn (the texts, brand and size are
/// part of the cache key, so any other change redraws everything). Same pixels either way.
pub fn render_poster_with(
    renderer: &mut Renderer,
    poster: &PosterTemplate,
    size: PosterSize,
    inputs: &PosterInputs<'_>,
    width: u32,
) -> Result<RgbaImage, RenderError> {
    let resolved = resolve(poster, size, inputs);
    let base = resolved.inputs(inputs.photo, inputs.transform, inputs.logo);
    renderer.render(&resolved.template, &base, width)
}

/// The user-facing fields (and brand keys) whose text did not fit at the full export size and
/// was cut with "…", in the template's order.
pub fn overflowing_fields(
    poster: &PosterTemplate,
    size: PosterSize,
    inputs: &PosterInputs<'_>,
) -> Vec<String> {
    let resolved = resolve(poster, size, inputs);
    let (w, h) = size.pixels();
    let (w, h) = (w as f32, h as f32);
    let unit = w.min(h);
    let mut keys: Vec<String> = Vec::new();
    for (index, bound) in &resolved.bindings {
        let Some(Layer::Text(t)) = resolved.template.layers.get(*index) else {
            continue;
        };
        let [_, _, bw, bh] = t.bounds;
        let filled = fill_placeholders(&t.text, |k| resolved.values.get(k).map(String::as_str));
        let fitted = text::fit_with(
            &filled,
            t.font,
            t.tracking,
            (t.size * unit, t.min_size * unit),
            (bw * w, bh * h),
            text::FitOptions {
                prefer_wrap: t.prefer_wrap,
            },
        );
        if fitted.truncated {
            for key in bound {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
    }
    keys
}

/// What the poster's texts (the user's, the brand kit's and the template's) cannot draw now, and
/// which fallback fonts would draw it (the app fetches those, the CLI warns about the rest).
pub fn text_coverage(
    poster: &PosterTemplate,
    size: PosterSize,
    inputs: &PosterInputs<'_>,
) -> text::Coverage {
    let resolved = resolve(poster, size, inputs);
    let base = Inputs {
        photo: inputs.photo,
        values: Some(&resolved.values),
        logo: inputs.logo,
        ..Inputs::default()
    };
    crate::render::text_coverage_with(&resolved.template, &base)
}

/// The built-in posters' data, in gallery order.
const POSTER_SOURCES: &[&str] = &[
    include_str!("../assets/templates/poster/slogan.json"),
    include_str!("../assets/templates/poster/larangan.json"),
    include_str!("../assets/templates/poster/ikrar.json"),
    include_str!("../assets/templates/poster/sosialisasi.json"),
];

/// Parse a poster template from JSON and check it.
pub fn parse(json: &str) -> Result<PosterTemplate, TemplateError> {
    // Untagged layers give vague serde errors; parse as a generic value first for the id.
    let poster: PosterTemplate =
        serde_json::from_str(json).map_err(|e| TemplateError::Invalid {
            id: serde_json::from_str::<serde_json::Value>(json)
                .ok()
                .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
                .unwrap_or_else(|| "?".into()),
            message: e.to_string(),
        })?;
    poster.validate()?;
    Ok(poster)
}

/// The built-in posters (compiled in and covered by tests: a parse failure is a build defect).
pub fn builtin_posters() -> &'static [PosterTemplate] {
    static POSTERS: std::sync::OnceLock<Vec<PosterTemplate>> = std::sync::OnceLock::new();
    POSTERS.get_or_init(|| {
        POSTER_SOURCES
            .iter()
            .map(|src| parse(src).unwrap_or_else(|e| panic!("built-in poster is invalid: {e}")))
            .collect()
    })
}

pub fn poster_by_id(id: &str) -> Option<&'static PosterTemplate> {
    builtin_posters().iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_from_cli_and_template_names() {
        assert_eq!(PosterSize::parse("1080x1080"), Some(PosterSize::Square));
        assert_eq!(PosterSize::parse("1080×1350"), Some(PosterSize::Portrait));
        assert_eq!(PosterSize::parse("story"), Some(PosterSize::Story));
        assert_eq!(PosterSize::parse("A4"), Some(PosterSize::A4));
        assert_eq!(PosterSize::parse("a3"), None);
        for s in PosterSize::ALL {
            assert_eq!(PosterSize::parse(s.key()), Some(s));
        }
    }

    #[test]
    fn builtin_posters_parse_and_support_every_size() {
        let posters = builtin_posters();
        assert!(posters.len() >= 4);
        for (i, p) in posters.iter().enumerate() {
            assert_eq!(p.sizes, PosterSize::ALL, "{}", p.id);
            assert!(posters[i + 1..].iter().all(|q| q.id != p.id));
            assert_eq!(poster_by_id(&p.id), Some(p));
        }
        assert!(poster_by_id("ikrar").unwrap().has_photo());
        assert!(!poster_by_id("slogan").unwrap().has_photo());
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("{a} x {bc}{d"), ["a", "bc"]);
        assert!(placeholders("none").is_empty());
    }

    #[test]
    fn unknown_fields_and_bad_groups_are_refused() {
        let base = |layer: &str| {
            format!(
                r##"{{"id":"t","name":{{"id":"a","en":"b"}},
                "palette":{{"primary":"#000000","secondary":"#FFFFFF"}},
                "fields":[{{"key":"headline","label":{{"id":"J","en":"H"}}}}],
                "background":{{"solid":"#FFFFFF"}},"layers":[{layer}]}}"##
            )
        };
        let text = |t: &str| {
            format!(
                r##"{{"text":{{"text":"{t}","box":[0,0,1,1],"size":0.1,"min_size":0.05,"color":"#000000"}}}}"##
            )
        };
        assert!(parse(&base(&text("{headline} {agency}"))).is_ok());
        assert!(parse(&base(&text("{nope}"))).is_err());
        let group = format!(r#"{{"if":"nope","layers":[{}]}}"#, text("x"));
        assert!(parse(&base(&group)).is_err());
        let group = format!(r#"{{"only":["square"],"layers":[{}]}}"#, text("x"));
        assert!(parse(&base(&group)).is_ok());
        let group = format!(r#"{{"only":["a3"],"layers":[{}]}}"#, text("x"));
        assert!(parse(&base(&group)).is_err());
    }

    #[test]
    fn fields_and_brand_fill_the_text_and_empty_text_is_dropped() {
        let poster = poster_by_id("slogan").unwrap();
        // The user typed a placeholder: it is printed as typed, never filled.
        let values = BTreeMap::from([("headline".to_string(), "HALO {agency}".to_string())]);
        let brand = BrandKit {
            agency: "Dinas Kominfo".into(),
            ..BrandKit::default()
        };
        let inputs = PosterInputs {
            values: &values,
            brand: &brand,
            photo: None,
            transform: PhotoTransform::default(),
            logo: None,
        };
        let resolved = resolve(poster, PosterSize::Square, &inputs);
        let texts: Vec<String> = resolved
            .template
            .layers
            .iter()
            .filter_map(|l| match l {
                Layer::Text(t) => Some(fill_placeholders(&t.text, |k| {
                    resolved.values.get(k).map(String::as_str)
                })),
                _ => None,
            })
            .collect();
        assert!(texts.iter().any(|t| t == "HALO {agency}"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "Dinas Kominfo"), "{texts:?}");
        assert!(
            texts.iter().filter(|t| t.contains('{')).count() == 1,
            "{texts:?}"
        );
        assert!(resolved.logos.is_empty());
        assert_eq!(resolved.template.size, [1080, 1080]);
    }

    #[test]
    fn brand_colours_replace_the_palette_and_text_stays_readable() {
        let poster = poster_by_id("slogan").unwrap();
        let values = BTreeMap::new();
        let yellow = Color::rgb(0xFF, 0xE0, 0x40);
        let brand = BrandKit {
            primary: yellow,
            ..BrandKit::default()
        };
        let inputs = PosterInputs {
            values: &values,
            brand: &brand,
            photo: None,
            transform: PhotoTransform::default(),
            logo: None,
        };
        let resolved = resolve(poster, PosterSize::Square, &inputs);
        let on = poster.palette.on_primary.unwrap();
        let all_text: Vec<Color> = resolved
            .template
            .layers
            .iter()
            .filter_map(|l| match l {
                Layer::Text(t) => Some(t.color),
                _ => None,
            })
            .collect();
        assert!(!all_text.contains(&on), "white text stayed on yellow");
        assert_eq!(readable_on(yellow), Color::rgb(0x1A, 0x1D, 0x23));
        assert_eq!(
            readable_on(brand::DEFAULT_PRIMARY),
            Color::rgb(255, 255, 255)
        );
    }

    use crate::brand;
}
