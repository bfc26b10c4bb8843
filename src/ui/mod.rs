//! The Yew UI (wasm32 only): gathers input, shows the preview, hands bytes to the core.
//! It never touches pixels itself — rendering and encoding are the core's job.

pub mod batch_worker;
mod brand_kit;
mod brand_store;
mod browser;
mod components;
mod fonts;
mod logo;
mod offline;
mod pledge;
mod poster;
mod share;
mod state;
mod strings;
pub mod worker;

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::export::{self, Format};
use crate::photo::Photo;
use crate::render::{render, Inputs};
use crate::template::{self, Template};
use components::controls::Controls;
use components::download_bar::DownloadBar;
use components::error_banner::ErrorBanner;
use components::frame_gallery::FrameGallery;
use components::header::Header;
use components::photo_picker::FilePicker;
use components::preview::Preview;
use components::share_bar::{InAppNotice, ShareBar};
use components::update_banner::UpdateBanner;
use share::Finished;
use state::{Action, Product, State, UiError};
use strings::strings;
use worker::host::{DecodeError, DecodeWorker};

/// Mount the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        // The brand kit from storage, or from a `#kit=` link (which also opens the poster page).
        let (kit, link) = brand_store::initial();
        let state = Rc::new(State::new(browser::stored_lang().unwrap_or_default()));
        (*yew::Reducible::reduce(state, Action::BrandLoaded(Rc::new(kit), link))).clone()
    });
    use_effect_with(state.brand.clone(), |kit| brand_store::save(kit));
    let frames = use_memo((), |_| {
        template::builtin_frames()
            .iter()
            .cloned()
            .map(Rc::new)
            .collect::<Vec<_>>()
    });
    let own_template = use_memo((), |_| Template::user_frame());
    use_effect_with(state.lang, |lang| browser::apply_lang(*lang));
    // The kit's logo, decoded once for the poster and pledge pages, and only once one of them
    // has been opened (the twibbon page does not draw it).
    let logo = logo::use_logo(
        (state.poster_opened || state.pledge_opened)
            .then(|| state.brand.logo.clone())
            .flatten(),
    );

    let s = strings(state.lang);
    let d = state.dispatcher();
    // Decoding runs in workers (one for photos, one for frame PNGs) so the page never freezes.
    let photo_worker = use_memo((), |_| {
        let worker = DecodeWorker::default();
        worker.warm_up();
        worker
    });
    let frame_worker = use_memo((), |_| DecodeWorker::default());
    let on_photo = {
        let d = d.clone();
        let worker = photo_worker.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            let worker = worker.clone();
            d.dispatch(Action::PhotoLoading);
            spawn_local(async move {
                let bytes = browser::read_file(file).await.unwrap_or_default();
                worker.decode(bytes, move |result| match result {
                    Ok(image) => d.dispatch(Action::PhotoLoaded(Rc::new(Photo::from_rgba(image)))),
                    Err(e) => d.dispatch(Action::PhotoFailed(decode_error(e, UiError::Photo))),
                });
            });
        })
    };
    let on_cancel = {
        let d = d.clone();
        let worker = photo_worker.clone();
        Callback::from(move |()| {
            worker.cancel();
            d.dispatch(Action::PhotoCancelled);
        })
    };
    let on_own_frame = {
        let d = d.clone();
        let worker = frame_worker.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            let worker = worker.clone();
            spawn_local(async move {
                let bytes = browser::read_file(file).await.unwrap_or_default();
                worker.decode(bytes, move |result| match result {
                    Ok(image) => {
                        d.dispatch(Action::OwnFrameLoaded(Rc::new(Photo::from_rgba(image))))
                    }
                    Err(e) => d.dispatch(Action::Failed(decode_error(e, UiError::Frame))),
                });
            });
        })
    };
    let on_download = {
        let d = d.clone();
        let state = state.clone();
        Callback::from(move |format: Format| {
            let d = d.clone();
            let state = state.clone();
            spawn_local(async move {
                d.dispatch(Action::ExportStarted);
                browser::yield_to_browser().await;
                match export_twibbon(&state, format) {
                    Ok(()) => d.dispatch(Action::ExportDone),
                    Err(e) => d.dispatch(Action::Failed(e)),
                }
            });
        })
    };
    // Share renders synchronously inside the click (Web Share needs the user's activation).
    let make_png = {
        let state = state.clone();
        Callback::from(move |()| finish_twibbon(&state, Format::Png))
    };
    let on_error = {
        let d = d.clone();
        Callback::from(move |e| d.dispatch(Action::Failed(e)))
    };
    let on_move = {
        let d = d.clone();
        Callback::from(move |change| d.dispatch(Action::Move(change)))
    };
    let on_lang = {
        let d = d.clone();
        Callback::from(move |lang| d.dispatch(Action::SetLang(lang)))
    };
    let on_select = {
        let d = d.clone();
        Callback::from(move |choice| d.dispatch(Action::SelectFrame(choice)))
    };
    let on_dismiss = {
        let d = d.clone();
        Callback::from(move |()| d.dispatch(Action::DismissError))
    };
    let no_photo = state.photo.is_none();

    html! {
        <>
            <Header lang={state.lang} {on_lang} />
            <ProductTabs lang={state.lang} product={state.product} on_select={{
                let d = d.clone();
                Callback::from(move |p| d.dispatch(Action::SetProduct(p)))
            }} />
            <UpdateBanner lang={state.lang} />
            <InAppNotice lang={state.lang} />
            <main class="layout" hidden={state.product != Product::Twibbon} data-photo={if no_photo { "none" } else { "loaded" }}>
                <section class="workspace" aria-label={s.step_adjust}>
                    <Preview template={state.template()} photo={state.photo.clone()} own_frame={state.own_frame.clone()}
                        transform={state.transform} label={s.preview_label} hint={s.gesture_hint}
                        loading_label={s.loading_photo} loading={state.loading} cancel_label={s.cancel} {on_cancel}
                        on_move={on_move.clone()} on_file={on_photo.clone()} />
                    <ErrorBanner message={state.error.as_ref().map(|e| AttrValue::from(e.message(state.lang)))}
                        dismiss_label={s.dismiss} {on_dismiss} />
                    <FilePicker id="photo-input" accept="image/*" primary={true}
                        label={if no_photo { s.choose_photo } else { s.change_photo }} hint={s.drop_here}
                        on_file={on_photo} />
                    <Controls strings={s} transform={state.transform} disabled={no_photo} {on_move} id_prefix="" />
                </section>
                <section class="sidebar">
                    <FrameGallery lang={state.lang} title={s.frames} own_label={s.own_frame} frames={frames}
                        own_template={own_template} selected={state.frame} photo={state.photo.clone()}
                        own_frame={state.own_frame.clone()} {on_select}>
                        <FilePicker id="frame-input" accept="image/png" label={s.own_frame} hint={s.own_frame_hint}
                            on_file={on_own_frame} />
                    </FrameGallery>
                    <aside class="reminder" aria-labelledby="reminder-title">
                        <h2 id="reminder-title">{s.neutral_title}</h2>
                        <p>{s.neutral_body}</p>
                    </aside>
                    <DownloadBar strings={s} disabled={no_photo} busy={state.exporting} {on_download} />
                    <ShareBar lang={state.lang} disabled={no_photo || state.exporting} make={make_png} {on_error}
                        hashtags={state.brand.hashtags.clone()} />
                </section>
            </main>
            if state.poster_opened {
                <poster::PosterPage lang={state.lang} hidden={state.product != Product::Poster}
                    kit={state.brand.clone()} logo={logo.clone()} kit_link={state.kit_link.clone()}
                    on_kit={{
                        let d = d.clone();
                        Callback::from(move |kit| d.dispatch(Action::SetBrand(Rc::new(kit))))
                    }}
                    on_dismiss_link={{
                        let d = d.clone();
                        Callback::from(move |()| d.dispatch(Action::DismissKitLink))
                    }} />
            }
            if state.pledge_opened {
                <pledge::PledgePage lang={state.lang} hidden={state.product != Product::Pledge}
                    kit={state.brand.clone()} logo={logo.clone()}
                    on_open_kit={{
                        let d = d.clone();
                        Callback::from(move |()| d.dispatch(Action::SetProduct(Product::Poster)))
                    }} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProductTabsProps {
    lang: crate::i18n::Lang,
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

fn decode_error(error: DecodeError, kind: fn(crate::intake::IntakeError) -> UiError) -> UiError {
    match error {
        DecodeError::Intake(e) => kind(e),
        DecodeError::Crashed | DecodeError::Logo(_) => UiError::DecodeCrashed,
    }
}

/// Render at full size with the same code as the preview and encode: the one path behind both
/// the download buttons and the share button.
fn finish_twibbon(state: &State, format: Format) -> Result<Finished, UiError> {
    let template = state.template();
    let inputs = Inputs {
        photo: state.photo.as_ref().map(|p| &*p.0),
        transform: state.transform,
        frame: state.own_frame.as_ref().map(|p| &*p.0),
        ..Inputs::default()
    };
    let image = render(&template, &inputs, template.size[0]).map_err(UiError::Render)?;
    let bytes = export::encode(&image, format).map_err(UiError::Export)?;
    let name = format!(
        "twibbon-asn-pilih-netral-{}.{}",
        template.id,
        format.extension()
    );
    Ok(Finished {
        bytes,
        mime: format.mime(),
        name,
    })
}

/// Render, encode and hand to the browser as a download.
fn export_twibbon(state: &State, format: Format) -> Result<(), UiError> {
    let twibbon = finish_twibbon(state, format)?;
    browser::download(&twibbon.bytes, twibbon.mime, &twibbon.name)
        .map_err(|_| UiError::Export(export::ExportError::Encode("download".into())))
}
