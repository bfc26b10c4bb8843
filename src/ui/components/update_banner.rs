//! Registers the service worker once and, when a new version of the app has been installed
//! in the background, offers to reload into it (nothing changes under the user's hands).

use yew::prelude::*;

use crate::i18n::Lang;
use crate::ui::offline;
use crate::ui::strings::strings;

#[derive(Properties, PartialEq)]
pub struct UpdateBannerProps {
    pub lang: Lang,
}

#[function_component]
pub fn UpdateBanner(props: &UpdateBannerProps) -> Html {
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| offline::register(move || ready.set(true)));
    }
    let s = strings(props.lang);
    let (message, action) = (s.update_ready, s.update_reload);
    // The live region is always there, so the message is announced when it appears.
    html! {
        <div id="update-banner" class={classes!(ready.then_some("update-banner"))} role="status">
            if *ready {
                <p>{message}</p>
                <button type="button" id="reload-update" class="primary"
                    onclick={|_| offline::apply_update()}>{action}</button>
            }
        </div>
    }
}
