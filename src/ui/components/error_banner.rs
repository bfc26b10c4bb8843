use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// Each page has its own banner (`error` on the twibbon page).
    #[prop_or(AttrValue::Static("error"))]
    pub id: AttrValue,
    pub message: Option<AttrValue>,
    pub dismiss_label: AttrValue,
    pub on_dismiss: Callback<()>,
}

/// A readable error in the user's language, with a button to close it; the live region is always present so screen
/// readers announce a message as soon as it appears.
#[function_component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let on_dismiss = props.on_dismiss.clone();
    html! {
        <div id={props.id.clone()} class={classes!("error-banner", props.message.is_none().then_some("hidden"))} role="alert">
            if let Some(message) = &props.message {
                <p class="error-text">{message.clone()}</p>
                <button type="button" class="secondary" onclick={move |_| on_dismiss.emit(())}>
                    {props.dismiss_label.clone()}
                </button>
            }
        </div>
    }
}
