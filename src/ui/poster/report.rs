//! What the poster cannot show as typed, said under the preview: texts cut with "…" at the
//! full export size, and characters no font draws (whose fallback fonts are fetched on demand).

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::poster::{self, PosterSize};
use crate::render::PhotoTransform;
use crate::ui::fonts::{self, use_fallback_fonts};
use crate::ui::state::PhotoRef;
use crate::ui::strings::poster_text as text;

/// The note to show (if any), and the fallback fonts' generation for the preview to redraw on.
pub struct TextReport {
    pub notice: Option<String>,
    pub fonts_generation: u32,
}

/// Measures the texts of design `index` at `size` whenever they or what they depend on change.
/// The photo's place does not change what is cut, so a drag does not measure the texts again.
#[hook]
pub fn use_text_report(
    lang: Lang,
    index: usize,
    size: PosterSize,
    values: Rc<BTreeMap<String, String>>,
    kit: Rc<BrandKit>,
    // The photo and the kit's logo, which take room from the texts.
    images: (Option<PhotoRef>, Option<PhotoRef>),
) -> TextReport {
    let (photo, logo) = images;
    let cut = use_state(Vec::<String>::new);
    let coverage = use_state(crate::text::Coverage::default);
    let fonts = use_fallback_fonts(coverage.needs.clone(), coverage.shaper);
    {
        let (cut, coverage) = (cut.clone(), coverage.clone());
        let deps = (index, size, values, kit, photo, logo, fonts.generation);
        use_effect_with(deps, move |(index, size, values, kit, photo, logo, _)| {
            let template = &poster::builtin_posters()[*index];
            let inputs = super::poster_inputs(values, kit, photo, PhotoTransform::default(), logo);
            cut.set(poster::overflowing_fields(template, *size, &inputs));
            coverage.set(poster::text_coverage(template, *size, &inputs));
        });
    }
    let t = text(lang);
    let template = &poster::builtin_posters()[index];
    let field_label = |key: &str| -> String {
        match key {
            "agency" => t.agency.to_string(),
            "issuer" => t.issuer.to_string(),
            "hashtags" => t.hashtags.to_string(),
            _ => template
                .field(key)
                .map(|f| f.label.get(lang).to_string())
                .unwrap_or_else(|| key.to_string()),
        }
    };
    let cut_notice = (!cut.is_empty()).then(|| {
        let names: Vec<String> = cut.iter().map(|k| field_label(k)).collect();
        t.cut_notice.replace("{fields}", &names.join(", "))
    });
    // Characters no font draws share the note: both are "your text is not all on the poster".
    let missing_note = fonts::missing_note(&coverage.missing, fonts, lang);
    let notice = match (cut_notice, missing_note) {
        (Some(c), Some(m)) => Some(format!("{c} {m}")),
        (c, m) => c.or(m),
    };
    TextReport {
        notice,
        fonts_generation: fonts.generation,
    }
}
