//! The poster page: a gallery of designs (live thumbnails), the size switch, the texts, the
//! preview and the downloads, with the brand kit panel. Every picture on it — thumbnails,
//! preview, PNG/JPEG/PDF — comes from the core's `render_poster`, so the preview is the export.

mod form;
mod gallery;
mod report;
pub mod state;

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::brand::BrandKit;
use crate::finish::Output;
use crate::i18n::Lang;
use crate::poster::{self, PosterInputs, PosterSize, PosterTemplate};
use crate::protocol::export::{Images, Product};
use crate::render::Renderer;
use crate::ui::brand_kit::BrandKitPanel;
use crate::ui::components::controls::Controls;
use crate::ui::components::error_banner::ErrorBanner;
use crate::ui::components::photo_transform::PhotoCanvas;
use crate::ui::components::share_bar::ShareBar;
use crate::ui::hooks::decode::use_decode_file;
use crate::ui::hooks::download::use_download;
use crate::ui::hooks::preview::use_preview;
use crate::ui::state::{KitLink, PhotoRef, UiError};
use crate::ui::strings::{poster_text as text, strings};
use crate::ui::worker::Kind;
use state::{PosterAction, PosterState};

/// Preview width: sharp on a 360-px phone at 1.5×, quick to redraw while typing.
const PREVIEW_WIDTH: u32 = 540;

#[derive(Properties, PartialEq)]
pub struct PosterPageProps {
    pub lang: Lang,
    pub hidden: bool,
    pub kit: Rc<BrandKit>,
    /// The kit's logo, decoded (see ui/logo.rs).
    pub logo: Option<PhotoRef>,
    pub kit_link: Option<KitLink>,
    pub on_kit: Callback<BrandKit>,
    /// A kit file imported in the kit panel: offered by the page, not applied.
    pub on_offer_kit: Callback<BrandKit>,
    pub on_dismiss_link: Callback<()>,
}

#[function_component]
pub fn PosterPage(props: &PosterPageProps) -> Html {
    let t = text(props.lang);
    let state = use_reducer(PosterState::default);
    let posters = poster::builtin_posters();
    let index = state.template.min(posters.len() - 1);
    let template: &'static PosterTemplate = &posters[index];
    let values: Rc<BTreeMap<String, String>> =
        Rc::new(state.values.get(&template.id).cloned().unwrap_or_default());
    let logo: Option<PhotoRef> = props.logo.clone();
    let photos = use_decode_file(Kind::Photo, false);
    let downloader = use_download(!props.hidden);
    let report = report::use_text_report(
        props.lang,
        index,
        state.size,
        values.clone(),
        props.kit.clone(),
        (state.photo.clone(), logo.clone()),
    );

    // The preview. The renderer keeps the layers around the photo, so dragging the photo
    // redraws only the photo (as on the twibbon page).
    let renderer = use_mut_ref(Renderer::default);
    let deps = (
        index,
        state.size,
        values.clone(),
        props.kit.clone(),
        state.photo.clone(),
        state.transform,
        logo.clone(),
        report.fonts_generation,
    );
    let canvas = use_preview(
        deps,
        Some("poster-preview-render"),
        move |(index, size, values, kit, photo, transform, logo, _)| {
            let inputs = poster_inputs(values, kit, photo, *transform, logo);
            let template = &poster::builtin_posters()[*index];
            let mut renderer = renderer.borrow_mut();
            poster::render_poster_with(&mut renderer, template, *size, &inputs, PREVIEW_WIDTH).ok()
        },
    );
    let d = state.dispatcher();
    let on_error = {
        let d = d.clone();
        Callback::from(move |e| d.dispatch(PosterAction::Failed(e)))
    };
    let on_photo = {
        let d = d.clone();
        Callback::from(move |file: web_sys::File| {
            let d = d.clone();
            d.dispatch(PosterAction::PhotoLoading);
            photos.decode_photo(file, UiError::Photo, move |result| match result {
                Ok(photo) => d.dispatch(PosterAction::PhotoLoaded(photo)),
                Err(e) => d.dispatch(PosterAction::Failed(e)),
            });
        })
    };
    // What the poster is, for the export worker; the photo and logo travel beside it.
    let product = {
        let kit = props.kit.clone();
        let values = values.clone();
        let (id, size, transform) = (template.id.clone(), state.size, state.transform);
        move || Product::Poster {
            poster: id.clone(),
            size,
            values: (*values).clone(),
            // Without the logo file: its decoded pixels are attached.
            brand: BrandKit {
                logo: None,
                ..(*kit).clone()
            },
            transform,
        }
    };
    let images = {
        let photo = state.photo.clone();
        let logo = logo.clone();
        move |with: &dyn Fn(Images<'_>)| {
            with(Images {
                photo: photo.as_ref().map(|p| &*p.0),
                logo: logo.as_ref().map(|l| &*l.0),
                ..Images::default()
            })
        }
    };
    let on_download = {
        let d = d.clone();
        let downloader = downloader.clone();
        let (product, images) = (product.clone(), images.clone());
        Callback::from(move |output: Output| {
            d.dispatch(PosterAction::ExportStarted);
            let d = d.clone();
            images(&|images| {
                let d = d.clone();
                downloader.download(product(), output, images, move |result| match result {
                    Ok(_) => d.dispatch(PosterAction::ExportDone),
                    Err(e) => d.dispatch(PosterAction::Failed(e)),
                });
            });
        })
    };
    let share_make = Callback::from(move |done: Callback<Result<_, UiError>>| {
        images(&|images| {
            let done = done.clone();
            downloader.make(product(), Output::Png, images, move |r| {
                done.emit(r.map(|exported| exported.file))
            });
        });
    });

    let on_field = {
        let d = d.clone();
        let template_id = template.id.clone();
        Callback::from(move |(key, value)| {
            d.dispatch(PosterAction::SetField(template_id.clone(), key, value))
        })
    };
    let on_reset = {
        let d = d.clone();
        let id = template.id.clone();
        Callback::from(move |()| d.dispatch(PosterAction::ResetFields(id.clone())))
    };
    let cut_notice = report.notice;
    let link_message = props
        .kit_link
        .as_ref()
        .map(|KitLink::Failed(e)| (true, e.get(props.lang).to_string()));
    let on_dismiss_link = {
        let cb = props.on_dismiss_link.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let on_dismiss = {
        let d = d.clone();
        Callback::from(move |()| d.dispatch(PosterAction::DismissError))
    };
    // A good kit change also clears an earlier error about the kit.
    let on_kit = {
        let d = d.clone();
        let cb = props.on_kit.clone();
        Callback::from(move |kit| {
            d.dispatch(PosterAction::DismissError);
            cb.emit(kit);
        })
    };
    let busy = state.exporting;
    // The photo can be moved when this design shows one and one is chosen.
    let movable = template.has_photo() && state.photo.is_some();
    let on_move = {
        let d = d.clone();
        Callback::from(move |change| d.dispatch(PosterAction::MovePhoto(change)))
    };
    let download = |format: Output, id: &'static str, label: &'static str, primary: bool| {
        let cb = on_download.clone();
        html! {
            <button type="button" {id} class={if primary { "primary" } else { "secondary" }}
                disabled={busy} onclick={move |_| cb.emit(format)}>
                {if busy { t.preparing } else { label }}
            </button>
        }
    };

    html! {
        <main class="layout poster-page" id="poster-page" hidden={props.hidden}
            data-poster={template.id.clone()} data-size={state.size.key()}>
            <section class="workspace" aria-label={t.preview_label}>
                if let Some((is_error, message)) = link_message {
                    <div id="kit-link-message" class={if is_error { "error-banner" } else { "notice-banner" }}
                        role={if is_error { "alert" } else { "status" }}>
                        <p>{message}</p>
                        <button type="button" class="secondary" onclick={on_dismiss_link}>{t.dismiss}</button>
                    </div>
                }
                <div class={classes!("preview", "poster-preview", movable.then_some("has-photo"))}>
                    <PhotoCanvas id="poster-preview" canvas_ref={canvas} class="poster-canvas"
                        label={if movable { t.preview_label_photo } else { t.preview_label }}
                        transform={state.transform} {movable} on_move={on_move.clone()} />
                    if state.loading {
                        <div class="busy" role="status"><span class="spinner" aria-hidden="true"></span>{t.loading_photo}</div>
                    }
                    if movable {
                        <p class="gesture-hint" aria-hidden="true">{strings(props.lang).gesture_hint}</p>
                    }
                </div>
                <ErrorBanner id="poster-error" message={state.error.as_ref().map(|e| AttrValue::from(e.message(props.lang)))}
                    dismiss_label={t.dismiss} {on_dismiss} />
                <p id="poster-cut" class={classes!("notice", cut_notice.is_none().then_some("hidden"))} role="status">
                    {cut_notice.unwrap_or_default()}
                </p>
                if template.has_photo() {
                    <Controls strings={strings(props.lang)} transform={state.transform} disabled={!movable}
                        {on_move} id_prefix="poster-photo-" />
                }
                <form::SizeSwitch lang={props.lang} size={state.size} on_size={d.to_callback().reform(PosterAction::SetSize)} />
                <div class="card download-bar poster-downloads" role="group" aria-label={t.download}>
                    {download(Output::Png, "poster-png", t.download_png, true)}
                    {download(Output::Jpeg, "poster-jpeg", t.download_jpeg, false)}
                    if state.size == PosterSize::A4 {
                        {download(Output::Pdf, "poster-pdf", t.download_pdf, false)}
                    } else {
                        <p class="hint">{t.pdf_hint}</p>
                    }
                </div>
                <ShareBar lang={props.lang} disabled={busy} make={share_make} on_error={on_error.clone()}
                    id_prefix="poster-" image_alt={t.share_alt} image_size={state.size.pixels()}
                    hashtags={props.kit.hashtags.clone()} />
            </section>
            <section class="sidebar">
                <section class="frames" aria-labelledby="posters-title">
                    <h2 id="posters-title">{t.templates}</h2>
                    <gallery::PosterGallery lang={props.lang} selected={index} size={state.size}
                        values={state.values.clone()} kit={props.kit.clone()} photo={state.photo.clone()}
                        transform={state.transform} logo={logo.clone()}
                        on_select={d.to_callback().reform(PosterAction::SelectTemplate)} />
                </section>
                <form::PosterTexts lang={props.lang} {index} values={values.clone()} has_photo={state.photo.is_some()}
                    {on_photo} {on_field} {on_reset} />
                <BrandKitPanel lang={props.lang} kit={props.kit.clone()} on_change={on_kit}
                    on_offer={props.on_offer_kit.clone()} {on_error} />
                <aside class="reminder" aria-labelledby="guidance-title">
                    <h2 id="guidance-title">{t.guidance_title}</h2>
                    <p>{t.guidance_body}</p>
                </aside>
            </section>
        </main>
    }
}

/// The core's poster inputs from the page's handles: the preview, the thumbnails and the cut
/// report all draw from the same values, kit, photo and logo.
fn poster_inputs<'a>(
    values: &'a BTreeMap<String, String>,
    kit: &'a BrandKit,
    photo: &'a Option<PhotoRef>,
    transform: crate::render::PhotoTransform,
    logo: &'a Option<PhotoRef>,
) -> PosterInputs<'a> {
    PosterInputs {
        values,
        brand: kit,
        photo: photo.as_ref().map(|p| &*p.0),
        transform,
        logo: logo.as_ref().map(|l| &*l.0),
    }
}
