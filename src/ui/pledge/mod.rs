//! The pledge card page (issue 6): one card from a form — signer's fields, ikrar points, photo,
//! signature — with a live preview, PNG/PDF downloads and sharing; and below it a batch panel
//! that turns a spreadsheet into a ZIP of cards and a print PDF in a worker. Every picture on
//! the page comes from the core's `render_card`, so the preview is the export.

mod batch;
mod card;
mod form;
mod photo;
mod preview;
mod signature_pad;
mod state;

use std::rc::Rc;

use image::RgbaImage;
use yew::prelude::*;

use crate::brand::BrandKit;
use crate::finish::Output;
use crate::i18n::{Lang, Localized};
use crate::photo::Photo;
use crate::pledge::{self, signature, CardSize};
use crate::protocol::export::{Images, Product};
use crate::protocol::localized;
use crate::ui::components::error_banner::ErrorBanner;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::hooks::decode::{decode_error, use_decode_file};
use crate::ui::hooks::download::use_download;
use crate::ui::state::{PhotoRef, UiError};
use crate::ui::strings::pledge_text as text;
use crate::ui::worker::Kind;
use state::{PledgeAction, PledgeState, Shared, Signature, Strokes};

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
    let photos = use_decode_file(Kind::Photo, false);
    let downloader = use_download(!props.hidden);

    let failed = {
        let d = d.clone();
        Callback::from(move |e: Localized| d.dispatch(PledgeAction::Failed(e)))
    };
    let on_photo = {
        let d = d.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            d.dispatch(PledgeAction::PhotoLoading);
            photos.decode_photo(file, UiError::Photo, move |result| match result {
                Ok(photo) => d.dispatch(PledgeAction::PhotoLoaded(photo)),
                Err(e) => d.dispatch(PledgeAction::Failed(localized(|l| e.message(l)))),
            });
        })
    };
    // A signature photo is decoded in a worker of its own (a photo decode in flight is not
    // interrupted), so the decoders stay out of the page's wasm.
    let signatures = use_decode_file(Kind::Signature, false);
    let on_signature_file = {
        let d = d.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            d.dispatch(PledgeAction::SignatureLoading);
            signatures.decode(file, move |result| {
                d.dispatch(match result {
                    Ok(image) if signature::has_ink(&image) => {
                        PledgeAction::SignatureUploaded(Rc::new(image))
                    }
                    Ok(_) => PledgeAction::Failed(localized(|l| text(l).signature_no_ink.into())),
                    Err(e) => {
                        let e = decode_error(e, UiError::Photo);
                        PledgeAction::Failed(localized(|l| e.message(l)))
                    }
                })
            });
        })
    };
    // Check the form here (instantly, in the page's words), then make the card in the worker:
    // PNG at the share size, a one-page PDF at A4.
    let make = {
        let state = state.clone();
        let kit = props.kit.clone();
        let logo = logo.clone();
        let signature = signature.clone();
        let downloader = downloader.clone();
        move |size: CardSize,
              save: bool,
              done: Callback<Result<crate::ui::share::Finished, Localized>>| {
            let card = CardState {
                state: &state,
                kit: &kit,
                logo: logo.as_ref().map(|l| &*l.0),
                signature: signature.as_ref().map(|s| &*s.0),
                lang,
                today,
            };
            let product = match card.product(size) {
                Ok(product) => product,
                Err(e) => return done.emit(Err(e)),
            };
            let output = if size == CardSize::A4 {
                Output::Pdf
            } else {
                Output::Png
            };
            downloader.make(product, output, card.images(), move |result| {
                let result = result.and_then(|exported| {
                    if save {
                        crate::ui::hooks::download::save(&exported.file)?;
                    }
                    Ok(exported.file)
                });
                done.emit(result.map_err(|e| localized(|l| e.message(l))))
            });
        }
    };
    let on_download = {
        let d = d.clone();
        let failed = failed.clone();
        let make = make.clone();
        Callback::from(move |size: CardSize| {
            d.dispatch(PledgeAction::ExportStarted);
            let (d, failed) = (d.clone(), failed.clone());
            make(
                size,
                true,
                Callback::from(move |result: Result<_, Localized>| match result {
                    Ok(_) => d.dispatch(PledgeAction::ExportDone),
                    Err(e) => failed.emit(e),
                }),
            );
        })
    };
    let share_make = {
        let make = make.clone();
        Callback::from(move |done: Callback<Result<_, UiError>>| {
            make(
                CardSize::Share,
                false,
                done.reform(|r: Result<_, Localized>| r.map_err(UiError::Message)),
            )
        })
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
        Callback::from(move |()| d.dispatch(PledgeAction::DismissError))
    };
    let on_remove_photo = {
        let d = d.clone();
        Callback::from(move |()| d.dispatch(PledgeAction::RemovePhoto))
    };
    let on_open_kit = {
        let cb = props.on_open_kit.clone();
        Callback::from(move |_| cb.emit(()))
    };

    let settings = use_memo(
        (
            state.form.clone(),
            points.clone(),
            props.kit.clone(),
            lang,
            state.design.clone(),
        ),
        move |(form, points, kit, lang, design)| {
            Rc::new(batch::settings(form, points, kit, *lang, today, design))
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
    let design = pledge::design_by_id(&state.design).unwrap_or(&pledge::designs()[0]);
    let (share_w, share_h) = design.pixels(CardSize::Share);
    let on_design = d.to_callback().reform(PledgeAction::SetDesign);

    // One column on a phone, in the order of the work: see the card, fill it in, sign, then
    // download or share. On a wide screen the preview stays in view beside the rest.
    html! {
        <main class="layout pledge-page" id="pledge-page" hidden={props.hidden}>
            <section class="workspace" aria-label={t.preview_label}>
                <preview::CardPreview {lang} form={state.form.clone()} points={points.clone()} kit={props.kit.clone()}
                    logo={logo.clone()} photo={state.photo.clone()} signature={signature.clone()} {today}
                    loading={state.loading} design={state.design.clone()} />
            </section>
            <section class="sidebar">
                <form::DesignSwitch {lang} design={state.design.clone()} {on_design} />
                <form::SignerForm lang={lang} form={state.form.clone()} kit_agency={props.kit.agency.clone()}
                    {today} {on_field} />
                <signature_pad::SignaturePad lang={lang} strokes={signature_strokes} uploaded={signature_upload}
                    loading={state.signature_loading}
                    {on_strokes} on_upload={on_signature_file} on_clear={on_clear_signature} />
                <photo::PhotoSection {lang} has_photo={state.photo.is_some()} {on_photo} on_remove={on_remove_photo} />
                <form::PointsEditor lang={lang} points={points.clone()} edited={state.points.is_some()}
                    {on_point} on_reset={on_reset_points} />
                // Errors right above the buttons that raise most of them.
                <ErrorBanner id="pledge-error" message={state.error.as_ref().map(|e| AttrValue::from(e.get(lang).to_string()))}
                    dismiss_label={t.dismiss} {on_dismiss} />
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

impl<'a> CardState<'a> {
    /// Check the form and say what card to make: the first problem is the error to show.
    fn product(&self, size: CardSize) -> Result<Product, Localized> {
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
        fields
            .validate(&points)
            .map_err(|e| localized(|l| e.message(l)))?;
        Ok(Product::Pledge {
            fields,
            points,
            // Without the logo file: its decoded pixels are attached.
            brand: BrandKit {
                logo: None,
                ..self.kit.clone()
            },
            size,
            lang: self.lang,
            design: self.state.design.clone(),
        })
    }

    /// The images the preview draws from.
    fn images(&self) -> Images<'a> {
        Images {
            photo: self.state.photo.as_ref().map(|p| &*p.0),
            logo: self.logo,
            signature: self.signature,
            ..Images::default()
        }
    }
}
