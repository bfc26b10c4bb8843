use yew::prelude::*;

use crate::i18n::Lang;
use crate::ui::strings::strings;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
}

/// Title, the privacy promise and the language switch.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let s = strings(props.lang);
    let button = |lang: Lang, label: &'static str, id: &'static str| {
        let on_lang = props.on_lang.clone();
        html! {
            <button type="button" {id} class="lang-button" aria-pressed={(props.lang == lang).to_string()}
                lang={lang.tag()} onclick={move |_| on_lang.emit(lang)}>{label}</button>
        }
    };
    html! {
        <header class="app-header">
            <div class="title-row">
                <h1>{s.title}</h1>
                <div class="lang-switch" role="group" aria-label={s.language}>
                    {button(Lang::Id, "ID", "lang-id")}
                    {button(Lang::En, "EN", "lang-en")}
                </div>
            </div>
            <p class="tagline">{s.tagline}</p>
            <p class="privacy" id="privacy-note">{s.privacy}</p>
        </header>
    }
}
