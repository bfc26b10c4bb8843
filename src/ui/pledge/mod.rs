//! The pledge card page (issue 6): one card from a form — signer's fields, ikrar points, photo,
//! signature — with a live preview, PNG/PDF downloads and sharing; and below it a batch panel
//! that turns a spreadsheet into a ZIP of cards and a print PDF in a worker. Every picture on
//! the page comes from the core's `render_card`, so the preview is the export.

mod batch;
mod card;
mod form;
mod signature_pad;
mod state;

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use image::RgbaImage;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::brand::BrandKit;
use crate::export::{self, ExportError, Format};
use crate::i18n::{Lang, Localized};
use crate::photo::Photo;
use crate::pledge::{self, signature, CardInputs, CardSize};
use crate::ui::batch_worker::{localized, Settings};
use crate::ui::browser;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::fonts::{self, use_fallback_fonts};
use crate::ui::share::Finished;
use crate::ui::state::{PhotoRef, UiError};
use crate::ui::strings::pledge_text as text;
use crate::ui::worker::host::{DecodeError, DecodeWorker};
use crate::ui::worker::Kind;
use state::{PledgeAction, PledgeState, Shared, Signature, Strokes};

/// Preview width: sharp on a 360-px phone at 1.5×, quick to redraw while typing.
const PREVIEW_WIDTH: u32 = 540;
/// Wait this long after the last keystroke before redrawing the preview.
const PREVIEW_DELAY_MS: u32 = 60;

/// Shown under the preview.
#[derive(Clone, Debug, PartialEq)]
enum PreviewNote {
    Cut(Vec<pledge::Field>),
    /// No card can be drawn from the form as it is (e.g. every pledge point emptied).
    Error(Localized),
}

#[derive(Properties, PartialEq)]
pub struct PledgePageProps {
    pub lang: Lang,
    pub hidden: bool,
    pub kit: Rc<BrandKit>,
    /// The kit's logo, decoded (see ui/logo.rs).
    pub logo: Option<PhotoRef>,
    /// Go to the poster page, where the brand kit is edited.
    pub on_open_kit: Callback<()>,
}

#[function_component]
pub fn PledgePage(props: &PledgePageProps) -> Html {
    let t = text(props.lang);
    let lang = props.lang;
    let today = *use_memo((), |_| card::today());
    let state = use_reducer(move || PledgeState::new(today.iso()));
    let d = state.dispatcher();
    let logo: Option<PhotoRef> = props.logo.clone();
    // The signature as the card gets it: drawn strokes through the same core call as the pad.
    let signature = use_memo(state.signature.clone(), |s| match s {
        Signature::None => None,
        Signature::Drawn(strokes) => Some(Shared::new(signature::from_strokes(
            &strokes.0,
            signature_pad::PAD_WIDTH,
            signature_pad::PAD_HEIGHT,
        ))),
        Signature::Uploaded(image) => Some(image.clone()),
    });
    let signature: Option<Shared<RgbaImage>> = (*signature).clone();
    let points = state.points(lang);
    let worker = use_memo((), |_| DecodeWorker::default());

    // The preview, redrawn shortly after the last change.
    let canvas = use_node_ref();
    let timer = use_mut_ref(|| None::<Timeout>);
    // What the preview could not show as typed: fields cut with "…", or why no card.
    let note = use_state(|| None::<PreviewNote>);
    // What the card's texts cannot draw yet, and the fallback fonts that would (fetched on demand).
    let coverage = use_state(crate::text::Coverage::default);
    let fonts = use_fallback_fonts(coverage.needs.clone());
    {
        let canvas = canvas.clone();
        let note = note.clone();
        let coverage = coverage.clone();
        let deps = (
            state.form.clone(),
            points.clone(),
            props.kit.clone(),
            logo.clone(),
            state.photo.clone(),
            signature.clone(),
            lang,
            fonts.generation,
        );
        use_effect_with(deps, move |deps| {
            let (form, points, kit, logo, photo, signature, lang, _) = deps.clone();
            let draw = move || {
                let (mut fields, _) = card::fields(&form, &kit, today);
                if fields.name.is_empty() {
                    fields.name = text(lang).preview_name.to_string();
                }
                let points = card::points(&points);
                let inputs = CardInputs {
                    fields: &fields,
                    points: &points,
                    brand: &kit,
                    logo: logo.as_ref().map(|l| &*l.0),
                    photo: photo.as_ref().map(|p| &*p.0),
                    signature: signature.as_ref().map(|s| &*s.0),
                    size: CardSize::Share,
                    lang,
                    design: "",
                };
                let start = browser::now();
                match card::render_at(&inputs, PREVIEW_WIDTH) {
                    Ok(rendered) => {
                        if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                            let _ = browser::paint(&el, &rendered.image);
                        }
                        note.set(
                            (!rendered.cut.is_empty()).then_some(PreviewNote::Cut(rendered.cut)),
                        );
                        coverage.set(rendered.coverage);
                    }
                    Err(e) => note.set(Some(PreviewNote::Error(e))),
                }
                browser::measure("pledge-preview-render", start);
            };
            // Replacing the timer cancels the one before: a burst of typing draws once.
            *timer.borrow_mut() = Some(Timeout::new(PREVIEW_DELAY_MS, draw));
        });
    }

    let failed = {
        let d = d.clone();
        Callback::from(move |e: Localized| d.dispatch(PledgeAction::Failed(e)))
    };
    let on_photo = {
        let d = d.clone();
        let worker = worker.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            d.dispatch(PledgeAction::PhotoLoading);
            worker.decode_photo(file, move |result| match result {
                Ok(photo) => d.dispatch(PledgeAction::PhotoLoaded(Rc::new(photo))),
                Err(e) => d.dispatch(PledgeAction::Failed(localized(|l| e.message(l)))),
            });
        })
    };
    // A signature photo is decoded in a worker of its own (a photo decode in flight is not
    // interrupted), so the decoders stay out of the page's wasm.
    let signature_worker = use_memo((), |_| DecodeWorker::default());
    let on_signature_file = {
        let d = d.clone();
        let worker = signature_worker.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            let worker = worker.clone();
            d.dispatch(PledgeAction::SignatureLoading);
            spawn_local(async move {
                let bytes = browser::read_file(file).await.unwrap_or_default();
                worker.decode_as(Kind::Signature, bytes, move |result| {
                    d.dispatch(match result {
                        Ok(image) if signature::has_ink(&image) => {
                            PledgeAction::SignatureUploaded(Rc::new(image))
                        }
                        Ok(_) => {
                            PledgeAction::Failed(localized(|l| text(l).signature_no_ink.into()))
                        }
                        Err(DecodeError::Intake(e)) => {
                            PledgeAction::Failed(localized(|l| e.message(l)))
                        }
                        Err(DecodeError::Crashed | DecodeError::Logo(_)) => {
                            PledgeAction::Failed(localized(|l| UiError::DecodeCrashed.message(l)))
                        }
                    })
                });
            });
        })
    };
    let make = {
        let state = state.clone();
        let kit = props.kit.clone();
        let logo = logo.clone();
        let signature = signature.clone();
        move |size: CardSize| {
            let card_state = CardState {
                state: &state,
                kit: &kit,
                logo: logo.as_ref().map(|l| &*l.0),
                signature: signature.as_ref().map(|s| &*s.0),
                lang,
                today,
            };
            card_state.finish(size)
        }
    };
    let on_download = {
        let d = d.clone();
        let failed = failed.clone();
        let make = make.clone();
        Callback::from(move |size: CardSize| {
            let (d, failed, make) = (d.clone(), failed.clone(), make.clone());
            spawn_local(async move {
                d.dispatch(PledgeAction::ExportStarted);
                browser::yield_to_browser().await;
                let saved = make(size).and_then(|f| {
                    browser::download(&f.bytes, f.mime, &f.name).map_err(|_| {
                        localized(|l| ExportError::Encode("download".into()).message(l))
                    })
                });
                match saved {
                    Ok(()) => d.dispatch(PledgeAction::ExportDone),
                    Err(e) => failed.emit(e),
                }
            });
        })
    };
    // The share bar renders synchronously in the click (Web Share needs the user's activation).
    let share_make = {
        let make = make.clone();
        Callback::from(move |()| make(CardSize::Share).map_err(UiError::Message))
    };
    let share_error = {
        let failed = failed.clone();
        Callback::from(move |e: UiError| failed.emit(localized(|l| e.message(l))))
    };

    let on_field = {
        let d = d.clone();
        Callback::from(move |(field, value)| d.dispatch(PledgeAction::SetField(field, value)))
    };
    let on_point = {
        let d = d.clone();
        Callback::from(move |(i, text)| d.dispatch(PledgeAction::SetPoint(i, text, lang)))
    };
    let on_reset_points = {
        let d = d.clone();
        Callback::from(move |()| d.dispatch(PledgeAction::ResetPoints))
    };
    let on_strokes = {
        let d = d.clone();
        Callback::from(move |s: Strokes| d.dispatch(PledgeAction::SetStrokes(s)))
    };
    let on_clear_signature = {
        let d = d.clone();
        Callback::from(move |()| d.dispatch(PledgeAction::ClearSignature))
    };
    let on_dismiss = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(PledgeAction::DismissError))
    };
    let on_remove_photo = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(PledgeAction::RemovePhoto))
    };
    let on_open_kit = {
        let cb = props.on_open_kit.clone();
        Callback::from(move |_| cb.emit(()))
    };

    // What the batch is made with: the form's place, date and agency as fallbacks.
    let settings = use_memo(
        (state.form.clone(), points.clone(), props.kit.clone(), lang),
        move |(form, points, kit, lang)| {
            Rc::new(Settings {
                lang: *lang,
                today: today.iso(),
                place: form.place.trim().to_string(),
                date: pledge::Date::parse_iso(&form.date).unwrap_or(today).iso(),
                agency: if form.agency.trim().is_empty() {
                    kit.agency.trim().to_string()
                } else {
                    form.agency.trim().to_string()
                },
                points: card::points(points),
                brand: (**kit).clone(),
            })
        },
    );

    let (signature_strokes, signature_upload) = match &state.signature {
        Signature::Drawn(s) => (s.clone(), None),
        Signature::Uploaded(image) => (Strokes::default(), Some(image.clone())),
        Signature::None => (Strokes::default(), None),
    };
    let busy = state.exporting;
    let download = |size: CardSize, id: &'static str, label: &'static str, primary: bool| {
        let cb = on_download.clone();
        html! {
            <button type="button" {id} class={if primary { "primary" } else { "secondary" }}
                disabled={busy} onclick={move |_| cb.emit(size)}>
                {if busy { t.preparing } else { label }}
            </button>
        }
    };
    let (share_w, share_h) = CardSize::Share.pixels();
    let missing_note = fonts::missing_note(&coverage.missing, fonts, lang);

    // One column on a phone, in the order of the work: see the card, fill it in, sign, then
    // download or share. On a wide screen the preview stays in view beside the rest.
    html! {
        <main class="layout pledge-page" id="pledge-page" hidden={props.hidden}>
            <section class="workspace" aria-label={t.preview_label}>
                <div class="preview pledge-preview">
                    <canvas ref={canvas} id="pledge-preview" class="pledge-canvas" role="img" aria-label={t.preview_label}
                        width={PREVIEW_WIDTH.to_string()} height={CardSize::Share.scaled_height(PREVIEW_WIDTH).to_string()} />
                    if state.loading {
                        <div class="busy" role="status"><span class="spinner" aria-hidden="true"></span>{t.loading_photo}</div>
                    }
                </div>
                <p id="pledge-note" class={classes!("notice", (note.is_none() && missing_note.is_none()).then_some("hidden"))} role="status">
                    {match &*note {
                        Some(PreviewNote::Cut(fields)) => {
                            let names: Vec<&str> = fields.iter().map(|f| f.label(lang)).collect();
                            t.cut_notice.replace("{fields}", &names.join(", "))
                        }
                        Some(PreviewNote::Error(e)) => e.get(lang).to_string(),
                        None => String::new(),
                    }}
                    // Characters no font draws: "your text is not all on the card" too.
                    if let Some(m) = &missing_note {
                        {if note.is_some() { " " } else { "" }}{m}
                    }
                </p>
            </section>
            <section class="sidebar">
                <form::SignerForm lang={lang} form={state.form.clone()} kit_agency={props.kit.agency.clone()}
                    {today} {on_field} />
                <signature_pad::SignaturePad lang={lang} strokes={signature_strokes} uploaded={signature_upload}
                    loading={state.signature_loading}
                    {on_strokes} on_upload={on_signature_file} on_clear={on_clear_signature} />
                <section class="card pledge-photo" aria-labelledby="pledge-photo-title">
                    <h2 id="pledge-photo-title">{t.photo_title}</h2>
                    <p class="hint">{t.photo_hint}</p>
                    <FilePicker id="pledge-photo-input" accept="image/*"
                        label={if state.photo.is_some() { t.change_photo } else { t.choose_photo }} on_file={on_photo} />
                    if state.photo.is_some() {
                        <button type="button" id="pledge-photo-remove" class="secondary" onclick={on_remove_photo}>{t.remove_photo}</button>
                    }
                </section>
                <form::PointsEditor lang={lang} points={points.clone()} edited={state.points.is_some()}
                    {on_point} on_reset={on_reset_points} />
                // Errors right above the buttons that raise most of them.
                <div id="pledge-error" class={classes!("error-banner", state.error.is_none().then_some("hidden"))} role="alert">
                    if let Some(e) = &state.error {
                        <p class="error-text">{e.get(lang).to_string()}</p>
                        <button type="button" class="secondary" onclick={on_dismiss}>{t.dismiss}</button>
                    }
                </div>
                <div class="card download-bar pledge-downloads" role="group" aria-label={t.download_title}>
                    {download(CardSize::Share, "pledge-png", t.download_png, true)}
                    {download(CardSize::A4, "pledge-pdf", t.download_pdf, false)}
                </div>
                <ShareBar lang={lang} disabled={busy} make={share_make} on_error={share_error}
                    id_prefix="pledge-" image_alt={t.share_alt} image_size={(share_w, share_h)}
                    hashtags={props.kit.hashtags.clone()} />
                <aside class="reminder" aria-labelledby="pledge-kit-title">
                    <h2 id="pledge-kit-title">{t.kit_title}</h2>
                    <p>{t.kit_note}</p>
                    <button type="button" id="pledge-open-kit" class="secondary" onclick={on_open_kit}>{t.open_kit}</button>
                </aside>
                <batch::BatchPanel lang={lang} settings={(*settings).clone()} />
            </section>
        </main>
    }
}

/// Everything a full-size card is made from, for the downloads and the share button.
struct CardState<'a> {
    state: &'a PledgeState,
    kit: &'a BrandKit,
    logo: Option<&'a Photo>,
    signature: Option<&'a RgbaImage>,
    lang: Lang,
    today: pledge::Date,
}

impl CardState<'_> {
    /// Check the form, draw the card at full size and encode it: PNG for the share size, a
    /// one-page PDF for A4.
    fn finish(&self, size: CardSize) -> Result<Finished, Localized> {
        let (fields, nip_error) = card::fields(&self.state.form, self.kit, self.today);
        if fields.name.is_empty() {
            return Err(localized(|l| text(l).need_name.to_string()));
        }
        if let Some(e) = nip_error {
            return Err(localized(|l| {
                text(l).nip_blocks.replace("{reason}", &e.message(l))
            }));
        }
        let points = card::points(&self.state.points(self.lang));
        let image = card::render(&CardInputs {
            fields: &fields,
            points: &points,
            brand: self.kit,
            logo: self.logo,
            photo: self.state.photo.as_ref().map(|p| &*p.0),
            signature: self.signature,
            size,
            lang: self.lang,
            design: "",
        })?;
        let stem = pledge::file_stem(&fields);
        let encoded = match size {
            CardSize::A4 => {
                crate::pdf::a4_pdf(&image, &format!("Kartu ikrar netralitas – {}", fields.name))
                    .map(|bytes| (bytes, "application/pdf", "pdf"))
            }
            _ => export::encode(&image, Format::Png).map(|bytes| (bytes, "image/png", "png")),
        };
        let (bytes, mime, ext) = encoded.map_err(|e| localized(|l| e.message(l)))?;
        Ok(Finished {
            bytes,
            mime,
            name: format!("{stem}.{ext}"),
        })
    }
}
