//! The twibbon page: the user's photo in a frame. The photo is moved on the preview (drag,
//! pinch, wheel, keys) or with the controls; the gallery shows every frame with the photo in
//! it; the downloads and the share button hand over the full-size image. Every picture on the
//! page comes from the core's `render`, so the preview is the export.

pub mod state;

use std::rc::Rc;

use yew::prelude::*;

use crate::export::Format;
use crate::finish::Output;
use crate::i18n::Lang;
use crate::protocol::export::{Images, Product};
use crate::template::{self, Template};
use crate::ui::components::controls::Controls;
use crate::ui::components::download_bar::DownloadBar;
use crate::ui::components::error_banner::ErrorBanner;
use crate::ui::components::frame_gallery::FrameGallery;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::components::preview::Preview;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::hooks::decode::use_decode_file;
use crate::ui::hooks::download::{use_download, Downloader};
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
    // Started once a photo is chosen, not with the page: a first visit on a weak connection does
    // not wait for it (the service worker has it cached by then; tests/e2e/privacy.test.mjs).
    let downloader = use_download(state.photo.is_some());

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
        let downloader = downloader.clone();
        Callback::from(move |format: Format| {
            d.dispatch(Action::ExportStarted);
            let d = d.clone();
            export_twibbon(&downloader, &state, Output::from(format), move |result| {
                d.dispatch(match result {
                    Ok(()) => Action::ExportDone,
                    Err(e) => Action::Failed(e),
                })
            });
        })
    };
    let make_png = {
        let state = state.clone();
        Callback::from(move |done: Callback<Result<_, UiError>>| {
            downloader.make(twibbon(&state), Output::Png, images(&state), move |r| {
                done.emit(r.map(|exported| exported.file))
            });
        })
    };
    let on_error = d.to_callback().reform(Action::Failed);
    let on_move = d.to_callback().reform(Action::Move);
    let on_select = d.to_callback().reform(Action::SelectFrame);
    let on_dismiss = d.to_callback().reform(|()| Action::DismissError);
    let no_photo = state.photo.is_none();
    // The circle view is a way of looking, not part of the twibbon: kept out of its state.
    let circle = use_state(|| false);
    let on_circle = {
        let circle = circle.clone();
        Callback::from(move |_: MouseEvent| circle.set(!*circle))
    };

    html! {
        <main class="layout" hidden={props.hidden} data-photo={if no_photo { "none" } else { "loaded" }}>
            <section class="workspace" aria-label={s.step_adjust}>
                <Preview template={state.template()} photo={state.photo.clone()} own_frame={state.own_frame.clone()}
                    transform={state.transform} label={s.preview_label} hint={s.gesture_hint}
                    loading_label={s.loading_photo} loading={state.loading} cancel_label={s.cancel} {on_cancel}
                    on_move={on_move.clone()} on_file={on_photo.clone()} circle={*circle} />
                <button type="button" id="circle-toggle" class="secondary circle-toggle" aria-pressed={circle.to_string()}
                    aria-controls="preview" onclick={on_circle}>{s.circle_toggle}</button>
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
                    hashtags={props.hashtags.clone()} note={AttrValue::from(s.circle_note)} />
            </section>
        </main>
    }
}

/// What the twibbon is: the frame and the photo's placement (the images travel beside it).
fn twibbon(state: &State) -> Product {
    Product::Twibbon {
        frame: state.template().id.clone(),
        transform: state.transform,
    }
}

/// The images the preview draws from: the photo and the user's own frame PNG.
fn images(state: &State) -> Images<'_> {
    Images {
        photo: state.photo.as_ref().map(|p| &*p.0),
        frame: state.own_frame.as_ref().map(|p| &*p.0),
        ..Images::default()
    }
}

/// Make the file in the export worker, with the same core render as the preview, and download it.
fn export_twibbon(
    downloader: &Downloader,
    state: &State,
    output: Output,
    done: impl FnOnce(Result<(), UiError>) + 'static,
) {
    downloader.download(twibbon(state), output, images(state), move |r| {
        done(r.map(|_| ()))
    });
}
