//! The card preview: drawn by the core's `render_card` at preview width shortly after the last
//! change (a burst of typing draws once), with the note under it when the card cannot show
//! everything as typed — fields cut with "…", characters no font draws — or cannot be drawn.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use image::RgbaImage;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::card;
use super::state::{Form, Shared};
use crate::brand::BrandKit;
use crate::i18n::{Lang, Localized};
use crate::pledge::{self, CardInputs, CardSize, Date};
use crate::ui::browser;
use crate::ui::fonts::{self, use_fallback_fonts};
use crate::ui::state::PhotoRef;
use crate::ui::strings::pledge_text as text;

/// Preview width: sharp on a 360-px phone at 1.5×, quick to redraw while typing.
const PREVIEW_WIDTH: u32 = 540;
/// Wait this long after the last keystroke before redrawing the preview.
const PREVIEW_DELAY_MS: u32 = 60;

/// Shown under the preview.
#[derive(Clone, Debug, PartialEq)]
enum PreviewNote {
    Cut(Vec<pledge::Field>),
    /// No card can be drawn from the form as it is (e.g. every pledge point emptied).
    Error(Localized),
}

#[derive(Properties, PartialEq)]
pub struct CardPreviewProps {
    pub lang: Lang,
    pub form: Form,
    pub points: Rc<Vec<String>>,
    pub kit: Rc<BrandKit>,
    pub logo: Option<PhotoRef>,
    pub photo: Option<PhotoRef>,
    pub signature: Option<Shared<RgbaImage>>,
    pub today: Date,
    /// A photo is being decoded.
    pub loading: bool,
    /// The card design's id.
    pub design: String,
}

#[function_component]
pub fn CardPreview(props: &CardPreviewProps) -> Html {
    let (t, lang, today) = (text(props.lang), props.lang, props.today);
    let canvas = use_node_ref();
    let timer = use_mut_ref(|| None::<Timeout>);
    // What the preview could not show as typed: fields cut with "…", or why no card.
    let note = use_state(|| None::<PreviewNote>);
    // What the card's texts cannot draw yet, and the fallback fonts that would (fetched on demand).
    let coverage = use_state(crate::text::Coverage::default);
    let fonts = use_fallback_fonts(coverage.needs.clone(), coverage.shaper);
    {
        let canvas = canvas.clone();
        let note = note.clone();
        let coverage = coverage.clone();
        let deps = (
            props.form.clone(),
            props.points.clone(),
            props.kit.clone(),
            props.logo.clone(),
            props.photo.clone(),
            props.signature.clone(),
            lang,
            fonts.generation,
            props.design.clone(),
        );
        use_effect_with(deps, move |deps| {
            let (form, points, kit, logo, photo, signature, lang, _, design) = deps.clone();
            let draw = move || {
                let (mut fields, _) = card::fields(&form, &kit, today);
                if fields.name.is_empty() {
                    fields.name = text(lang).preview_name.to_string();
                }
                let points = card::points(&points);
                let inputs = CardInputs {
                    fields: &fields,
                    points: &points,
                    brand: &kit,
                    logo: logo.as_ref().map(|l| &*l.0),
                    photo: photo.as_ref().map(|p| &*p.0),
                    signature: signature.as_ref().map(|s| &*s.0),
                    size: CardSize::Share,
                    lang,
                    design: &design,
                };
                let start = browser::now();
                match card::render_at(&inputs, PREVIEW_WIDTH) {
                    Ok(rendered) => {
                        if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                            let _ = browser::paint(&el, &rendered.image);
                        }
                        note.set(
                            (!rendered.cut.is_empty()).then_some(PreviewNote::Cut(rendered.cut)),
                        );
                        coverage.set(rendered.coverage);
                    }
                    Err(e) => note.set(Some(PreviewNote::Error(e))),
                }
                browser::measure("pledge-preview-render", start);
            };
            // Replacing the timer cancels the one before: a burst of typing draws once.
            *timer.borrow_mut() = Some(Timeout::new(PREVIEW_DELAY_MS, draw));
        });
    }
    let missing_note = fonts::missing_note(&coverage.missing, fonts, lang);
    // The canvas has the design's shape (a portrait card, a landscape certificate).
    let (width, height) = pledge::design_by_id(&props.design)
        .map_or(CardSize::Share.pixels(), |d| d.pixels(CardSize::Share));
    let preview_height =
        (u64::from(PREVIEW_WIDTH) * u64::from(height) + u64::from(width) / 2) / u64::from(width);

    html! {
        <>
            <div class="preview pledge-preview">
                <canvas ref={canvas} id="pledge-preview" class="pledge-canvas" role="img" aria-label={t.preview_label}
                    width={PREVIEW_WIDTH.to_string()} height={preview_height.to_string()} />
                if props.loading {
                    <div class="busy" role="status"><span class="spinner" aria-hidden="true"></span>{t.loading_photo}</div>
                }
            </div>
            <p id="pledge-note" class={classes!("notice", (note.is_none() && missing_note.is_none()).then_some("hidden"))} role="status">
                {match &*note {
                    Some(PreviewNote::Cut(fields)) => {
                        let names: Vec<&str> = fields.iter().map(|f| f.label(lang)).collect();
                        t.cut_notice.replace("{fields}", &names.join(", "))
                    }
                    Some(PreviewNote::Error(e)) => e.get(lang).to_string(),
                    None => String::new(),
                }}
                // Characters no font draws: "your text is not all on the card" too.
                if let Some(m) = &missing_note {
                    {if note.is_some() { " " } else { "" }}{m}
                }
            </p>
        </>
    }
}
