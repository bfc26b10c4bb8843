//! The Yew UI (wasm32 only): gathers input, shows the preview, hands bytes to the core.
//! It never touches pixels itself — rendering and encoding are the core's job.
//!
//! `App` is the frame around the pages: the header and language, the product tabs that switch
//! between the pages, the update banner and the in-app-browser notice, the brand kit (shared by
//! every page) and its logo. Each page — `twibbon`, `poster`, `pledge` — has its own component
//! and reducer; `hooks` holds what they share (decode a file, preview on a canvas) and
//! `strings` every word, per language.
//!
//! Two wasm modules run the pages: the page's own (`app`: the frame and the twibbon page, all
//! a first visit loads) and `studio` (the poster and pledge pages and the kit editor), which
//! [`studio::host`] loads the first time one of them is opened.

pub mod batch_worker;
mod boot;
mod brand_kit;
mod brand_store;
mod browser;
mod components;
pub mod export_worker;
mod fonts;
mod hooks;
mod logo;
mod offline;
mod pledge;
mod poster;
mod shaper;
mod share;
mod state;
mod strings;
pub mod studio;
mod twibbon;
pub mod worker;

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use components::header::Header;
use components::share_bar::InAppNotice;
use components::update_banner::UpdateBanner;
use state::{Action, KitSource, Product, State};
use strings::strings;
use studio::StudioEvent;

/// Mount the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    match boot::root() {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
    // In the same task as the app's first render, so no frame shows both screens: the app's
    // screen then appears in place of the static one instead of sliding up from below it
    // (a layout shift of most of the screen).
    boot::hide();
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        // The brand kit from storage, or from a `#kit=` link (which also opens the poster page).
        let (kit, link, offered) = brand_store::initial();
        let state = Rc::new(State::new(browser::stored_lang().unwrap_or_default()));
        let loaded = Action::BrandLoaded(Rc::new(kit), link, offered.map(Rc::new));
        (*yew::Reducible::reduce(state, loaded)).clone()
    });
    use_effect_with(state.brand.clone(), |kit| brand_store::save(kit));
    use_effect_with(state.lang, |lang| browser::apply_lang(*lang));
    // The kit's logo, decoded once (in a worker) for every page that draws it: the twibbon
    // designs, posters and pledge cards. A kit without a logo decodes nothing.
    let logo = logo::use_logo(state.brand.logo.clone());

    let d = state.dispatcher().to_callback();
    let on_lang = d.reform(Action::SetLang);
    let on_product = d.reform(Action::SetProduct);
    let on_studio = d.reform(|event: StudioEvent| match event {
        StudioEvent::Kit(kit) => Action::SetBrand(Rc::new(kit)),
        StudioEvent::DismissKitLink => Action::DismissKitLink,
        StudioEvent::OpenKit => Action::SetProduct(Product::Poster),
        StudioEvent::OfferKit(kit) => Action::OfferKit(Rc::new(kit), KitSource::File),
        StudioEvent::AcceptKit(kit) => Action::AcceptKit(Rc::new(kit)),
        StudioEvent::DeclineKit => Action::DeclineKit,
        StudioEvent::UndoKit => Action::UndoKit,
        StudioEvent::DismissKitChange => Action::DismissKitChange,
    });
    {
        // A kit link opened in this tab while the app is open (only the fragment changes, so
        // the page does not reload): offered like one the page was opened with.
        let d = d.clone();
        use_effect_with((), move |_| {
            if let Some(window) = web_sys::window() {
                // The app lives as long as the page: the listener is never removed.
                gloo_events::EventListener::new(&window, "hashchange", move |_| {
                    match brand_store::kit_in_address() {
                        Some(Ok(kit)) => d.emit(Action::OfferKit(Rc::new(kit), KitSource::Link)),
                        Some(Err(failed)) => d.emit(Action::KitLinkFailed(failed)),
                        None => {}
                    }
                })
                .forget();
            }
        });
    }

    html! {
        <>
            <Header lang={state.lang} {on_lang} />
            <ProductTabs lang={state.lang} product={state.product} on_select={on_product} />
            <UpdateBanner lang={state.lang} />
            <InAppNotice lang={state.lang} />
            <twibbon::TwibbonPage lang={state.lang} hidden={state.product != Product::Twibbon}
                kit={state.brand.clone()} logo={logo.clone()} />
            // The poster and pledge pages: a module of their own, loaded on first use.
            <studio::host::StudioHost lang={state.lang} product={state.product}
                kit={state.brand.clone()} kit_link={state.kit_link.clone()} offer={state.offer.clone()}
                kit_change={state.kit_change.clone()} on_event={on_studio} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProductTabsProps {
    lang: Lang,
    product: Product,
    on_select: Callback<Product>,
}

/// The products, as toggle buttons (the twibbon page is the default).
#[function_component]
fn ProductTabs(props: &ProductTabsProps) -> Html {
    let s = strings(props.lang);
    let tab = |product: Product, id: &'static str, label: &'static str| {
        let on_select = props.on_select.clone();
        html! {
            <button type="button" {id} class="product-tab" aria-pressed={(props.product == product).to_string()}
                onclick={move |_| on_select.emit(product)}>{label}</button>
        }
    };
    html! {
        <nav class="product-tabs" aria-label={s.products}>
            {tab(Product::Twibbon, "tab-twibbon", s.tab_twibbon)}
            {tab(Product::Poster, "tab-poster", s.tab_poster)}
            {tab(Product::Pledge, "tab-pledge", s.tab_pledge)}
        </nav>
    }
}
