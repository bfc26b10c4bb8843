//! The twibbon page: the user's photo in a frame. The frame is a design (coloured and named by
//! the brand kit, its texts editable, in four sizes), the user's own PNG, or an agency's
//! campaign opened from a link or a file. The photo is moved on the preview (drag, pinch,
//! wheel, keys) or with the controls; the gallery shows every design with the photo in it; the
//! downloads and the share button hand over the full-size image. Every picture on the page
//! comes from the core's `render`, so the preview is the export.

pub mod campaign;
pub mod state;

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::bounded_read::FileKind;
use crate::brand::BrandKit;
use crate::campaign::{check_frame_photo, Campaign, FramePng};
use crate::export::Format;
use crate::finish::Output;
use crate::i18n::Lang;
use crate::poster::PosterSize;
use crate::protocol::export::Product;
use crate::twibbon;
use crate::ui::components::controls::Controls;
use crate::ui::components::deferred::Deferred;
use crate::ui::components::download_bar::DownloadBar;
use crate::ui::components::error_banner::ErrorBanner;
use crate::ui::components::frame_gallery::FrameGallery;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::components::preview::Preview;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::export_worker::host::Exported;
use crate::ui::export_worker::previews::{self, Sources};
use crate::ui::hooks::decode::use_decode_file;
use crate::ui::hooks::download::save;
use crate::ui::logo::use_logo;
use crate::ui::state::{PhotoRef, UiError};
use crate::ui::strings::{campaign_text, strings};
use crate::ui::worker::Kind;
use campaign::{CampaignBanner, CampaignPanel};
use state::{TwibbonAction as Action, TwibbonState as State};

#[derive(Properties, PartialEq)]
pub struct TwibbonPageProps {
    pub lang: Lang,
    pub hidden: bool,
    /// The user's brand kit: its name, colours and logo on the designs, its hashtags in the
    /// caption (an open campaign brings its own kit instead, and leaves this one alone).
    pub kit: Rc<BrandKit>,
    /// That kit's logo, decoded (by the app, once for every page).
    pub logo: Option<PhotoRef>,
}

#[function_component]
pub fn TwibbonPage(props: &TwibbonPageProps) -> Html {
    let state = use_reducer(State::default);
    let s = strings(props.lang);
    let c = campaign_text(props.lang);
    // The kit drawn: an open campaign's, else the user's own.
    let kit = use_memo(
        (state.campaign.clone(), props.kit.clone()),
        |(open, own)| {
            open.as_ref()
                .map_or_else(|| own.clone(), |o| Rc::new(o.campaign.kit.clone()))
        },
    );
    // An open campaign's logo is decoded here; the user's own comes decoded from the app.
    let campaign_logo = use_logo(
        state
            .campaign
            .as_ref()
            .and_then(|o| o.campaign.kit.logo.clone()),
    );
    let logo = match state.campaign {
        Some(_) => campaign_logo,
        None => props.logo.clone(),
    };
    // The photo is decoded, and the preview and thumbnails drawn, in one worker: started at
    // the first gesture, so it is running by the time a photo has been picked.
    use_effect_with((), |_| {
        crate::ui::browser::at_first_gesture(crate::ui::export_worker::previews::warm_up)
    });
    // Decoding runs in workers so the page never freezes: JPEG photos in the preview worker
    // (see `decode_twibbon_photo`), other photos and frame PNGs in full decode workers, which
    // start only when needed.
    let photos = use_decode_file(Kind::Photo, false);
    let frame_pngs = use_decode_file(Kind::Photo, false);
    let logo_check = use_memo((), |_| crate::ui::logo::LogoWorkers::new());
    let openers = campaign::Openers {
        frames: frame_pngs.clone(),
        logos: (*logo_check).clone(),
    };

    let d = state.dispatcher();
    let dispatch = d.to_callback();
    campaign::use_start_campaign(openers.clone(), dispatch.clone());
    let on_campaign_file = {
        let (openers, dispatch) = (openers.clone(), dispatch.clone());
        Callback::from(move |file: web_sys::File| {
            campaign::open_file(file, openers.clone(), dispatch.clone())
        })
    };
    let on_photo = {
        let d = d.clone();
        let photos = photos.clone();
        let on_campaign_file = on_campaign_file.clone();
        Callback::from(move |file: web_sys::File| {
            // A campaign file dropped on the preview opens as a campaign, not as a photo.
            if campaign::is_campaign_file(&file) {
                return on_campaign_file.emit(file);
            }
            let d = d.clone();
            d.dispatch(Action::PhotoLoading);
            photos.decode_twibbon_photo(file, UiError::Photo, move |result| {
                d.dispatch(match result {
                    Ok(photo) => Action::PhotoLoaded(photo),
                    Err(e) => Action::PhotoFailed(e),
                })
            });
        })
    };
    {
        // A photo chosen on the static first screen, before the app had started.
        let on_photo = on_photo.clone();
        use_effect_with((), move |_| crate::ui::boot::take_photo(on_photo));
    }
    let on_cancel = {
        let d = d.clone();
        let photos = photos.clone();
        Callback::from(move |()| {
            photos.cancel();
            // And the photo with the preview worker, which decodes JPEGs.
            crate::ui::export_worker::previews::cancel_photo();
            d.dispatch(Action::PhotoCancelled);
        })
    };
    let on_own_frame = {
        let d = d.clone();
        let frame_pngs = frame_pngs.clone();
        Callback::from(move |file: web_sys::File| {
            let (d, frame_pngs) = (d.clone(), frame_pngs.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Kept as picked: a campaign file carries the PNG itself, not its pixels.
                let bytes = match crate::ui::browser::read_file(file, FileKind::Frame).await {
                    Ok(bytes) => bytes,
                    Err(e) => return d.dispatch(Action::Failed(UiError::File(e))),
                };
                // The campaign's own checks (the same as `campaign --frame-png` and a campaign
                // file's), so a frame the panel would put in a campaign can be opened by all.
                let png = match FramePng::from_bytes(bytes) {
                    Ok(png) => Rc::new(png.0),
                    Err(e) => return d.dispatch(Action::Failed(UiError::Campaign(e))),
                };
                frame_pngs.decode_bytes(png.to_vec(), campaign::frame_error, move |result| {
                    d.dispatch(
                        match result.and_then(|frame| {
                            check_frame_photo(&frame).map_err(UiError::Campaign)?;
                            Ok(frame)
                        }) {
                            Ok(frame) => Action::OwnFrameLoaded(frame, png),
                            Err(e) => Action::Failed(e),
                        },
                    )
                });
            });
        })
    };
    let job = Job {
        state: state.clone(),
        kit: (*kit).clone(),
        logo: logo.clone(),
    };
    let on_download = {
        let d = d.clone();
        let job = job.clone();
        Callback::from(move |format: Format| {
            d.dispatch(Action::ExportStarted);
            let d = d.clone();
            job.make(Output::from(format), move |result| {
                d.dispatch(match result.and_then(|exported| save(&exported.file)) {
                    Ok(()) => Action::ExportDone,
                    Err(e) => Action::Failed(e),
                })
            });
        })
    };
    let make_png = {
        let job = job.clone();
        Callback::from(move |done: Callback<Result<_, UiError>>| {
            job.make(Output::Png, move |r| {
                done.emit(r.map(|exported| exported.file))
            });
        })
    };
    let on_error = d.to_callback().reform(Action::Failed);
    let on_move = d.to_callback().reform(Action::Move);
    let on_select = d.to_callback().reform(Action::SelectFrame);
    let on_dismiss = d.to_callback().reform(|()| Action::DismissError);
    let on_keep = d.to_callback().reform(|()| Action::KeepCampaign);
    let on_leave = {
        let d = d.clone();
        Callback::from(move |()| {
            // Going back: a reload must not open the campaign again.
            crate::ui::brand_store::clear_fragment();
            d.dispatch(Action::LeaveCampaign)
        })
    };
    let on_caption = d.to_callback().reform(Action::SetCaption);
    let no_photo = state.photo.is_none();
    // The circle view is a way of looking, not part of the twibbon: kept out of its state.
    let circle = use_state(|| false);
    let on_circle = {
        let circle = circle.clone();
        Callback::from(move |_: MouseEvent| circle.set(!*circle))
    };
    // A user's own frame with art where the profile circle cuts gets a gentle note.
    let frame_cut = use_memo(state.own_frame.clone(), |frame| {
        frame
            .as_ref()
            .is_some_and(|f| twibbon::frame_outside_circle(&f.0) > twibbon::CIRCLE_CUT_NOTE)
    });
    let campaign_now = use_memo(
        (
            state.design_index(),
            state.own_png.clone(),
            state.texts.clone(),
            kit.clone(),
        ),
        |(index, png, texts, kit)| match index {
            Some(i) => {
                let design = &twibbon::design_cards()[*i];
                let texts = texts
                    .iter()
                    .filter(|(k, _)| design.field(k).is_some())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Some(Rc::new(Campaign::for_design(
                    &design.id,
                    texts,
                    (***kit).clone(),
                )))
            }
            None => png.as_ref().and_then(|png| {
                FramePng::from_bytes(png.to_vec())
                    .ok()
                    .map(|f| Rc::new(Campaign::for_own_frame(f, (***kit).clone())))
            }),
        },
    );
    let caption = crate::sharing::campaign_caption(&state.caption, &kit.hashtags);
    let (w, h) = state.size().pixels();

    html! {
        <main class="layout" hidden={props.hidden} data-photo={if no_photo { "none" } else { "loaded" }}>
            <section class="workspace" aria-label={s.step_adjust}>
                <CampaignBanner lang={props.lang} open={state.campaign.clone()} {on_keep} {on_leave} />
                <Preview product={job.product()} images={job.images()}
                    transform={state.transform} label={s.preview_label} hint={s.gesture_hint}
                    loading_label={s.loading_photo} loading={state.loading} cancel_label={s.cancel} {on_cancel}
                    on_move={on_move.clone()} on_file={on_photo.clone()} circle={*circle} />
                <button type="button" id="circle-toggle" class="secondary circle-toggle" aria-pressed={circle.to_string()}
                    aria-controls="preview" onclick={on_circle}>{s.circle_toggle}</button>
                if *frame_cut && state.design_index().is_none() {
                    <p class="notice" id="frame-circle-note">{c.frame_cut}</p>
                }
                <ErrorBanner message={state.error.as_ref().map(|e| AttrValue::from(e.message(props.lang)))}
                    dismiss_label={s.dismiss} {on_dismiss} />
                <FilePicker id="photo-input" accept="image/*" primary={true}
                    label={if no_photo { s.choose_photo } else { s.change_photo }} hint={s.drop_here}
                    on_file={on_photo} />
                <Controls strings={s} transform={state.transform} disabled={no_photo} {on_move} id_prefix="" />
            </section>
            <section class="sidebar">
              // Below the preview on a phone: each part mounts in a task of its own, after the
              // page's (see Deferred).
              <Deferred>
                <FrameGallery lang={props.lang} title={s.frames} own_label={s.own_frame} texts={state.texts.clone()}
                    kit={(*kit).clone()} selected={state.frame} images={job.images()} {on_select}>
                    <FilePicker id="frame-input" accept="image/png" label={s.own_frame} hint={s.own_frame_hint}
                        on_file={on_own_frame} />
                </FrameGallery>
              </Deferred>
              <Deferred>
                if let Some(index) = state.design_index() {
                    <DesignTexts lang={props.lang} {index} texts={state.texts.clone()} size={state.size}
                        dispatch={dispatch.clone()} />
                }
              </Deferred>
                <aside class="reminder" aria-labelledby="reminder-title">
                    <h2 id="reminder-title">{s.neutral_title}</h2>
                    <p>{s.neutral_body}</p>
                </aside>
              <Deferred>
                <DownloadBar strings={s} disabled={no_photo} busy={state.exporting} {on_download} />
              </Deferred>
              <Deferred>
                <ShareBar lang={props.lang} disabled={no_photo || state.exporting} make={make_png} on_error={on_error.clone()}
                    hashtags={kit.hashtags.clone()} note={AttrValue::from(s.circle_note)} image_size={(w, h)}
                    caption={caption.map(AttrValue::from)} />
              </Deferred>
              <Deferred>
                <CampaignPanel lang={props.lang} campaign={(*campaign_now).clone()} caption={AttrValue::from(state.caption.to_string())}
                    {on_caption} on_file={on_campaign_file} {on_error} />
              </Deferred>
            </section>
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct DesignTextsProps {
    lang: Lang,
    /// The design, by its place in `twibbon::design_cards()`.
    index: usize,
    texts: Rc<BTreeMap<String, String>>,
    size: PosterSize,
    dispatch: Callback<Action>,
}

/// The design's texts (slogan, sub-line) and its size.
#[function_component]
fn DesignTexts(props: &DesignTextsProps) -> Html {
    let c = campaign_text(props.lang);
    let design = &twibbon::design_cards()[props.index];
    let fields = design.fields.iter().map(|field| {
        let dispatch = props.dispatch.clone();
        let key = field.key.clone();
        let value = props
            .texts
            .get(&field.key)
            .cloned()
            .unwrap_or_else(|| field.default.clone());
        let id = format!("twibbon-text-{}", field.key);
        let oninput = Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.emit(Action::SetText(key.clone(), value));
        });
        html! {
            <div class="field">
                <label for={id.clone()}>{field.label.get(props.lang)}</label>
                <input {id} type="text" maxlength={field.max_chars.to_string()} {value} {oninput} />
            </div>
        }
    });
    let sizes = PosterSize::TWIBBON.iter().map(|&size| {
        let dispatch = props.dispatch.clone();
        let id = format!("twibbon-size-{}", size.key());
        html! {
            <label class="size-option" for={id.clone()}>
                <input type="radio" name="twibbon-size" {id} value={size.key()} checked={props.size == size}
                    onchange={move |_| dispatch.emit(Action::SetSize(size))} />
                <span>{size.label(props.lang)}</span>
            </label>
        }
    });
    let on_reset = props.dispatch.reform(|_: MouseEvent| Action::ResetTexts);
    html! {
        <>
            <section class="card twibbon-texts" aria-labelledby="twibbon-texts-title">
                <h2 id="twibbon-texts-title">{c.texts}</h2>
                { for fields }
                <p class="hint">{c.kit_hint}</p>
                if !props.texts.is_empty() {
                    <button type="button" id="twibbon-texts-reset" class="secondary" onclick={on_reset}>{c.reset_texts}</button>
                }
            </section>
            <fieldset class="card size-switch">
                <legend>{c.size}</legend>
                { for sizes }
            </fieldset>
        </>
    }
}

/// What an export needs from the page: the state, the kit drawn and its decoded logo.
#[derive(Clone)]
struct Job {
    state: UseReducerHandle<State>,
    kit: Rc<BrandKit>,
    logo: Option<PhotoRef>,
}

impl Job {
    /// What the twibbon is: the design (or own frame), its size, texts and kit, and the photo's
    /// placement. The images travel beside it.
    fn product(&self) -> Product {
        self.state.product(&self.kit)
    }

    /// The images the preview draws from: the photo, the user's own frame PNG and the logo.
    fn images(&self) -> Sources {
        Sources {
            photo: self.state.photo.clone(),
            frame: self.state.own_frame.clone(),
            logo: self.logo.clone(),
        }
    }

    /// Make the file in the worker that draws the preview, with the same core render, from the
    /// images it already holds.
    fn make(&self, output: Output, done: impl FnOnce(Result<Exported, UiError>) + 'static) {
        previews::export(self.product(), output, self.images(), move |result| {
            done(result.map_err(UiError::from))
        });
    }
}
