//! The card's optional photo: choose, change or remove it.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::strings::pledge_text as text;

#[derive(Properties, PartialEq)]
pub struct PhotoSectionProps {
    pub lang: Lang,
    pub has_photo: bool,
    pub on_photo: Callback<web_sys::File>,
    pub on_remove: Callback<()>,
}

#[function_component]
pub fn PhotoSection(props: &PhotoSectionProps) -> Html {
    let t = text(props.lang);
    html! {
        <section class="card pledge-photo" aria-labelledby="pledge-photo-title">
            <h2 id="pledge-photo-title">{t.photo_title}</h2>
            <p class="hint">{t.photo_hint}</p>
            <FilePicker id="pledge-photo-input" accept="image/*"
                label={if props.has_photo { t.change_photo } else { t.choose_photo }} on_file={props.on_photo.clone()} />
            if props.has_photo {
                <button type="button" id="pledge-photo-remove" class="secondary"
                    onclick={props.on_remove.reform(|_: MouseEvent| ())}>{t.remove_photo}</button>
            }
        </section>
    }
}
