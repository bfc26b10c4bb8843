//! Pledge-card designs: data under `assets/templates/pledge/`, compiled in.
//!
//! A design is a [`Template`]'s background and layers plus what makes it a card:
//! - `sizes`: its pixels at each [`CardSize`] (a portrait card and a landscape certificate
//!   differ). Layout is relative, as in every template, so one design draws every size.
//! - `palette`: its colours that stand for the brand kit's (see [`Palette`]).
//! - `words`: the card's own texts in both languages (title, labels…), used as `{key}`
//!   placeholders. The words live in the design rather than in Rust so that a design can word
//!   its card its own way (a certificate says more than a post) without code.
//!
//! Besides its words, a design's texts may use [`CARD_KEYS`], which the card fills in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{CardInputs, CardSize};
use crate::brand::BrandKit;
use crate::i18n::Localized;
use crate::pledge::Field;
use crate::poster::{Palette, Recolor};
use crate::render::Values;
use crate::template::{placeholders, visit_layers, Layer, Paint, Template, TemplateError};
use crate::text;

/// The design used when none is named.
pub const DEFAULT_DESIGN: &str = "potret";

/// The keys the card fills in, usable in any design's texts.
pub const CARD_KEYS: [&str; 12] = [
    "name",
    "nip",
    "nip_label",
    "nip_line",
    "position",
    "agency",
    "header_agency",
    "issuer",
    "hashtags",
    "place",
    "date",
    "place_date",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeDesign {
    pub id: String,
    pub name: Localized,
    pub sizes: Sizes,
    pub palette: Palette,
    pub words: BTreeMap<String, Localized>,
    pub background: Paint,
    pub layers: Vec<Layer>,
}

/// A design's pixels (width, height) at each [`CardSize`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sizes {
    pub share: [u32; 2],
    pub a4: [u32; 2],
    pub a4_batch: [u32; 2],
}

impl PledgeDesign {
    pub fn pixels(&self, size: CardSize) -> (u32, u32) {
        let [w, h] = match size {
            CardSize::Share => self.sizes.share,
            CardSize::A4 => self.sizes.a4,
            CardSize::A4Batch => self.sizes.a4_batch,
        };
        (w, h)
    }

    /// The template the renderer draws for one size and brand kit.
    pub fn resolve(&self, size: CardSize, brand: &BrandKit) -> Template {
        let recolor = Recolor::new(&self.palette, brand);
        let (w, h) = self.pixels(size);
        Template {
            id: self.id.clone(),
            name: self.name.clone(),
            size: [w, h],
            background: recolor.paint(&self.background),
            layers: self.layers.iter().map(|l| recolor.layer(l)).collect(),
        }
    }

    /// The placeholders' values for one card, and whether the place had to lose words so the
    /// date fits on its line (the date always shows whole).
    pub(super) fn values(
        &self,
        inputs: &CardInputs,
        template: &Template,
        width: u32,
    ) -> (Values, bool) {
        let lang = inputs.lang;
        let f = inputs.fields;
        let mut v = Values::new();
        for (key, word) in &self.words {
            v.insert(key.clone(), word.get(lang).to_string());
        }
        let dash = |s: &str| {
            let t = one_line(s);
            if t.is_empty() {
                "-".to_string()
            } else {
                t
            }
        };
        let brand = inputs.brand;
        let agency = [brand.agency.trim(), f.agency.trim()]
            .into_iter()
            .find(|a| !a.is_empty())
            .map(one_line)
            .or_else(|| self.words.get("slogan").map(|w| w.get(lang).to_string()))
            .unwrap_or_default();
        let date = f.date.long(lang);
        let (place_date, cut) = self.place_date(template, width, &one_line(&f.place), &date);
        let nip = f.nip.as_ref();
        for (key, value) in [
            ("name", one_line(&f.name)),
            ("nip", nip.map(|n| n.grouped()).unwrap_or_default()),
            (
                "nip_label",
                nip.map(|n| n.number_name().to_string()).unwrap_or_default(),
            ),
            (
                "nip_line",
                nip.map(|n| format!("{} {}", n.number_name(), n.grouped()))
                    .unwrap_or_default(),
            ),
            ("position", dash(&f.position)),
            ("agency", dash(&f.agency)),
            ("header_agency", agency),
            ("issuer", one_line(&brand.issuer)),
            ("hashtags", brand.hashtag_line()),
            ("place", one_line(&f.place)),
            ("date", date),
            ("place_date", place_date),
        ] {
            v.insert(key.to_string(), value);
        }
        (v, cut)
    }

    /// "Place, date" for the `{place_date}` text: a place too long for the line loses words
    /// (ending "…"), never the date.
    fn place_date(
        &self,
        template: &Template,
        width: u32,
        place: &str,
        date: &str,
    ) -> (String, bool) {
        let mut layer = None;
        visit_layers(&template.layers, &mut |l| {
            if let Layer::Text(t) = l {
                if layer.is_none() && placeholders(&t.text).iter().any(|k| k == "place_date") {
                    layer = Some(t);
                }
            }
        });
        let (w, h) = (width as f32, template.height_for(width) as f32);
        let unit = w.min(h);
        let fits = |text: &str| {
            layer.is_none_or(|t| {
                !text::fit_with(
                    text,
                    t.font,
                    t.tracking,
                    (t.size * unit, t.min_size * unit),
                    (t.bounds[2] * w, t.bounds[3] * h),
                    text::FitOptions {
                        prefer_wrap: t.prefer_wrap,
                    },
                )
                .truncated
            })
        };
        let mut words: Vec<&str> = place.split(' ').filter(|w| !w.is_empty()).collect();
        let mut cut = false;
        loop {
            let text = match (words.is_empty(), cut) {
                (true, _) => date.to_string(),
                (false, false) => format!("{}, {date}", words.join(" ")),
                (false, true) => format!("{}…, {date}", words.join(" ")),
            };
            if fits(&text) || words.is_empty() {
                return (text, cut);
            }
            words.pop();
            cut = true;
        }
    }

    fn validate(&self) -> Result<(), TemplateError> {
        let fail = |message: String| {
            Err(TemplateError::Invalid {
                id: self.id.clone(),
                message,
            })
        };
        for size in [CardSize::Share, CardSize::A4, CardSize::A4Batch] {
            let (w, h) = self.pixels(size);
            if w == 0
                || h == 0
                || w > crate::render::MAX_OUTPUT_SIDE
                || h > crate::render::MAX_OUTPUT_SIDE
            {
                return fail(format!("size {size:?} is out of range"));
            }
        }
        if let Some(key) = self.words.keys().find(|k| CARD_KEYS.contains(&k.as_str())) {
            return fail(format!("word {key} would hide the card's own value"));
        }
        let known = |key: &str| CARD_KEYS.contains(&key) || self.words.contains_key(key);
        let mut problem = None;
        visit_layers(&self.layers, &mut |layer| {
            let texts: Vec<&str> = match layer {
                Layer::Text(t) => vec![&t.text],
                Layer::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|r| [r.label.as_str(), r.value.as_str()])
                    .collect(),
                Layer::When(w) => w
                    .conditions
                    .iter()
                    .map(|c| c.trim_start_matches('!'))
                    .filter(|c| !matches!(*c, "photo" | "logo" | "signature" | "qr" | "points"))
                    .collect(),
                _ => Vec::new(),
            };
            for text in texts {
                let keys = if matches!(layer, Layer::When(_)) {
                    vec![text.to_string()]
                } else {
                    placeholders(text)
                };
                if let Some(key) = keys.into_iter().find(|k| !known(k)) {
                    problem.get_or_insert(format!("unknown key {{{key}}}"));
                }
            }
        });
        if let Some(p) = problem {
            return fail(p);
        }
        // The layers themselves, as the renderer checks any template.
        self.resolve(CardSize::Share, &BrandKit::default())
            .validate()
    }
}

/// Which field a cut placeholder shows (the design's own words are never "the user's" cut).
pub(super) fn field_of(key: &str) -> Option<Field> {
    Some(match key {
        "name" => Field::Name,
        "nip" | "nip_line" => Field::Nip,
        "position" => Field::Position,
        "agency" | "header_agency" => Field::Agency,
        "place" | "place_date" => Field::Place,
        "date" => Field::Date,
        "points" => Field::Point,
        _ => return None,
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The built-in designs' data, default first.
const DESIGN_SOURCES: &[&str] = &[
    include_str!("../../../assets/templates/pledge/potret.json"),
    include_str!("../../../assets/templates/pledge/sertifikat.json"),
];

/// Parse a design from JSON and check it.
pub fn parse(json: &str) -> Result<PledgeDesign, TemplateError> {
    let design: PledgeDesign = serde_json::from_str(json).map_err(|e| TemplateError::Invalid {
        id: "?".into(),
        message: e.to_string(),
    })?;
    design.validate()?;
    Ok(design)
}

/// The built-in designs (compiled in and covered by tests: a parse failure is a build defect).
pub fn designs() -> &'static [PledgeDesign] {
    static DESIGNS: std::sync::OnceLock<Vec<PledgeDesign>> = std::sync::OnceLock::new();
    DESIGNS.get_or_init(|| {
        DESIGN_SOURCES
            .iter()
            .map(|src| {
                parse(src).unwrap_or_else(|e| panic!("built-in pledge design is invalid: {e}"))
            })
            .collect()
    })
}

/// A built-in design by id; the empty id is [`DEFAULT_DESIGN`].
pub fn design_by_id(id: &str) -> Option<&'static PledgeDesign> {
    let id = if id.trim().is_empty() {
        DEFAULT_DESIGN
    } else {
        id.trim()
    };
    designs().iter().find(|d| d.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_designs_parse_with_unique_ids_and_the_default_first() {
        let all = designs();
        assert_eq!(all[0].id, DEFAULT_DESIGN);
        assert_eq!(design_by_id(""), Some(&all[0]));
        for (i, d) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|e| e.id != d.id));
            assert_eq!(design_by_id(&d.id), Some(d));
        }
        assert_eq!(design_by_id("nope"), None);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let mut json: serde_json::Value = serde_json::from_str(DESIGN_SOURCES[0]).unwrap();
        json["layers"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!(
                {"text": {"text": "{nope}", "box": [0, 0, 1, 1], "size": 0.1, "min_size": 0.05,
                          "color": "#000000"}}
            ));
        assert!(parse(&json.to_string()).is_err());
        let mut json: serde_json::Value = serde_json::from_str(DESIGN_SOURCES[0]).unwrap();
        json["words"]["name"] = serde_json::json!({"id": "x", "en": "y"});
        assert!(parse(&json.to_string()).is_err());
        let mut json: serde_json::Value = serde_json::from_str(DESIGN_SOURCES[0]).unwrap();
        json["extra"] = serde_json::json!(1);
        assert!(parse(&json.to_string()).is_err());
    }
}
