//! The twibbon page: the user's photo in a frame. The photo is moved on the preview (drag,
//! pinch, wheel, keys) or with the controls; the gallery shows every frame with the photo in
//! it; the downloads and the share button hand over the full-size image. Every picture on the
//! page comes from the core's `render`, so the preview is the export.

pub mod state;

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::export::{self, Format};
use crate::i18n::Lang;
use crate::render::{render, Inputs};
use crate::template::{self, Template};
use crate::ui::browser;
use crate::ui::components::controls::Controls;
use crate::ui::components::download_bar::DownloadBar;
use crate::ui::components::error_banner::ErrorBanner;
use crate::ui::components::frame_gallery::FrameGallery;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::components::preview::Preview;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::hooks::decode::use_decode_file;
use crate::ui::share::Finished;
use crate::ui::state::UiError;
use crate::ui::strings::strings;
use crate::ui::worker::Kind;
use state::{TwibbonAction as Action, TwibbonState as State};

#[derive(Properties, PartialEq)]
pub struct TwibbonPageProps {
    pub lang: Lang,
    pub hidden: bool,
    /// The brand kit's hashtags, for the share caption.
    pub hashtags: Vec<String>,
}

#[function_component]
pub fn TwibbonPage(props: &TwibbonPageProps) -> Html {
    let state = use_reducer(State::default);
    let s = strings(props.lang);
    let frames = use_memo((), |_| {
        template::builtin_frames()
            .iter()
            .cloned()
            .map(Rc::new)
            .collect::<Vec<_>>()
    });
    let own_template = use_memo((), |_| Template::user_frame());
    // Decoding runs in workers (one for photos, one for frame PNGs) so the page never freezes.
    let photos = use_decode_file(Kind::Photo, true);
    let frame_pngs = use_decode_file(Kind::Photo, false);

    let d = state.dispatcher();
    let on_photo = {
        let d = d.clone();
        let photos = photos.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            d.dispatch(Action::PhotoLoading);
            photos.decode_photo(file, UiError::Photo, move |result| {
                d.dispatch(match result {
                    Ok(photo) => Action::PhotoLoaded(photo),
                    Err(e) => Action::PhotoFailed(e),
                })
            });
        })
    };
    let on_cancel = {
        let d = d.clone();
        let photos = photos.clone();
        Callback::from(move |()| {
            photos.cancel();
            d.dispatch(Action::PhotoCancelled);
        })
    };
    let on_own_frame = {
        let d = d.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            frame_pngs.decode_photo(file, UiError::Frame, move |result| {
                d.dispatch(match result {
                    Ok(frame) => Action::OwnFrameLoaded(frame),
                    Err(e) => Action::Failed(e),
                })
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
    let on_error = d.to_callback().reform(Action::Failed);
    let on_move = d.to_callback().reform(Action::Move);
    let on_select = d.to_callback().reform(Action::SelectFrame);
    let on_dismiss = d.to_callback().reform(|()| Action::DismissError);
    let no_photo = state.photo.is_none();

    html! {
        <main class="layout" hidden={props.hidden} data-photo={if no_photo { "none" } else { "loaded" }}>
            <section class="workspace" aria-label={s.step_adjust}>
                <Preview template={state.template()} photo={state.photo.clone()} own_frame={state.own_frame.clone()}
                    transform={state.transform} label={s.preview_label} hint={s.gesture_hint}
                    loading_label={s.loading_photo} loading={state.loading} cancel_label={s.cancel} {on_cancel}
                    on_move={on_move.clone()} on_file={on_photo.clone()} />
                <ErrorBanner message={state.error.as_ref().map(|e| AttrValue::from(e.message(props.lang)))}
                    dismiss_label={s.dismiss} {on_dismiss} />
                <FilePicker id="photo-input" accept="image/*" primary={true}
                    label={if no_photo { s.choose_photo } else { s.change_photo }} hint={s.drop_here}
                    on_file={on_photo} />
                <Controls strings={s} transform={state.transform} disabled={no_photo} {on_move} id_prefix="" />
            </section>
            <section class="sidebar">
                <FrameGallery lang={props.lang} title={s.frames} own_label={s.own_frame} frames={frames}
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
                <ShareBar lang={props.lang} disabled={no_photo || state.exporting} make={make_png} {on_error}
                    hashtags={props.hashtags.clone()} />
            </section>
        </main>
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
