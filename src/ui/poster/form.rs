//! What the user sets on a poster besides the photo's place: the size, and the design's texts
//! (with the photo picker, for designs that show one).

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::poster::{self, PosterSize};
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::strings::poster_text as text;

#[derive(Properties, PartialEq)]
pub struct SizeSwitchProps {
    pub lang: Lang,
    pub size: PosterSize,
    pub on_size: Callback<PosterSize>,
}

#[function_component]
pub fn SizeSwitch(props: &SizeSwitchProps) -> Html {
    let sizes = PosterSize::ALL.iter().map(|&size| {
        let on_size = props.on_size.clone();
        let id = format!("size-{}", size.key());
        html! {
            <label class="size-option" for={id.clone()}>
                <input type="radio" name="poster-size" id={id} value={size.key()} checked={props.size == size}
                    onchange={move |_| on_size.emit(size)} />
                <span>{size.label(props.lang)}</span>
            </label>
        }
    });
    html! {
        <fieldset class="card size-switch">
            <legend>{text(props.lang).size}</legend>
            { for sizes }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct PosterTextsProps {
    pub lang: Lang,
    /// The design, by its place in `poster::builtin_posters()`.
    pub index: usize,
    /// The texts typed for this design (a field not typed shows its default).
    pub values: Rc<BTreeMap<String, String>>,
    pub has_photo: bool,
    pub on_photo: Callback<web_sys::File>,
    /// (field key, text)
    pub on_field: Callback<(String, String)>,
    pub on_reset: Callback<()>,
}

#[function_component]
pub fn PosterTexts(props: &PosterTextsProps) -> Html {
    let t = text(props.lang);
    let template = &poster::builtin_posters()[props.index];
    let fields = template.fields.iter().map(|field| {
        let on_field = props.on_field.clone();
        let key = field.key.clone();
        let value = props.values.get(&field.key).cloned().unwrap_or_else(|| field.default.clone());
        let id = format!("field-{}", field.key);
        let oninput = Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            on_field.emit((key.clone(), value));
        });
        html! {
            <div class="field">
                <label for={id.clone()}>{field.label.get(props.lang)}</label>
                if field.multiline {
                    <textarea id={id} rows="3" maxlength={field.max_chars.to_string()} {value} {oninput} />
                } else {
                    <input id={id} type="text" maxlength={field.max_chars.to_string()} {value} {oninput} />
                }
            </div>
        }
    });
    html! {
        <section class="card poster-texts" aria-labelledby="texts-title">
            <h2 id="texts-title">{t.texts}</h2>
            if template.has_photo() {
                <FilePicker id="poster-photo-input" accept="image/*"
                    label={if props.has_photo { t.change_photo } else { t.choose_photo }} on_file={props.on_photo.clone()} />
            }
            { for fields }
            <button type="button" id="poster-reset" class="secondary" onclick={props.on_reset.reform(|_: MouseEvent| ())}>{t.reset_texts}</button>
        </section>
    }
}
