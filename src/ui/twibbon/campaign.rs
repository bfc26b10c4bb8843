//! Agency campaigns on the twibbon page: opening one (from a `#campaign=` link, a campaign file
//! picked or dropped, or the site's own default written by `cargo xtask dist --campaign`), the
//! banner that says what was opened with a way back, and the panel that makes one from what is
//! on the page: a link, its QR code and a file. The data and its checks are the core's
//! (`crate::campaign`); this module only moves it between the page and the browser.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::{DragEvent, HtmlCanvasElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::bounded_read::FileKind;
use crate::campaign::{check_frame_photo, frame_intake_error, Campaign, MAX_CAPTION_CHARS};
use crate::i18n::Lang;
use crate::intake::IntakeError;
use crate::ui::components::link_box::LinkBox;
use crate::ui::components::photo_picker::{on_drop_file, FilePicker};
use crate::ui::hooks::decode::FileDecoder;
use crate::ui::logo::{self, LogoWorkers};
use crate::ui::state::UiError;
use crate::ui::strings::campaign_text as text;
use crate::ui::{brand_store, browser};

use super::state::{Open, Origin, TwibbonAction as Action};

/// The page's `<meta name="campaign-kit-campaign" content="…">`: the site's own campaign file.
const SITE_META: &str = "meta[name=campaign-kit-campaign]";

/// What opening a campaign decodes with: the frame PNG's decode worker and the logo workers.
#[derive(Clone, PartialEq)]
pub struct Openers {
    pub frames: FileDecoder,
    pub logos: LogoWorkers,
}

/// A frame PNG's decode error, named as the frame's (never "the photo's").
pub fn frame_error(e: IntakeError) -> UiError {
    UiError::Campaign(frame_intake_error(e))
}

/// Check a campaign and open it. Its own frame is decoded (in the decode worker, like any PNG)
/// and must show the photo somewhere, before anything changes, so a bad one changes nothing.
/// Its logo is drawn once in the logo worker: one that cannot be drawn is left out, and the
/// banner says so rather than claiming it was applied.
pub fn open(campaign: Campaign, origin: Origin, openers: &Openers, dispatch: Callback<Action>) {
    if let Err(e) = campaign.validate() {
        return dispatch.emit(Action::Failed(UiError::Campaign(e)));
    }
    let frames = openers.frames.clone();
    let with_frame = move |campaign: Campaign, logo_dropped: bool| {
        let campaign = Rc::new(campaign);
        match &campaign.frame {
            None => dispatch.emit(Action::OpenCampaign(campaign, origin, None, logo_dropped)),
            Some(png) => {
                let bytes = png.0.clone();
                frames.decode_bytes(bytes, frame_error, move |result| {
                    let checked = result.and_then(|frame| {
                        check_frame_photo(&frame).map_err(UiError::Campaign)?;
                        Ok(frame)
                    });
                    dispatch.emit(match checked {
                        Ok(frame) => {
                            Action::OpenCampaign(campaign, origin, Some(frame), logo_dropped)
                        }
                        Err(e) => Action::Failed(e),
                    })
                });
            }
        }
    };
    match campaign.kit.logo.clone() {
        None => with_frame(campaign, false),
        Some(logo) => logo::check(&openers.logos, logo, move |checked| match checked {
            Ok(_) => with_frame(campaign, false),
            Err(_) => {
                let mut campaign = campaign;
                campaign.kit.logo = None;
                with_frame(campaign, true)
            }
        }),
    }
}

/// Read a campaign file (picked or dropped) through the bounded reader: an oversized one is
/// refused before it is read.
pub fn open_file(file: web_sys::File, openers: Openers, dispatch: Callback<Action>) {
    spawn_local(async move {
        let bytes = match browser::read_file(file, FileKind::Campaign).await {
            Ok(bytes) => bytes,
            Err(e) => return dispatch.emit(Action::Failed(UiError::File(e))),
        };
        match Campaign::from_json(&bytes) {
            Ok(campaign) => open(campaign, Origin::File, &openers, dispatch),
            Err(e) => dispatch.emit(Action::Failed(UiError::Campaign(e))),
        }
    });
}

/// Is this dropped or picked file a campaign file rather than an image?
pub fn is_campaign_file(file: &web_sys::File) -> bool {
    file.type_() == "application/json" || file.name().to_ascii_lowercase().ends_with(".json")
}

/// The campaign link in the address, if there is one: `None` when there is none.
fn open_link(openers: &Openers, dispatch: &Callback<Action>) -> Option<()> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if !Campaign::fragment_has_campaign(&hash) {
        return None;
    }
    match Campaign::from_link_fragment(&hash) {
        Ok(campaign) => open(campaign, Origin::Link, openers, dispatch.clone()),
        Err(e) => dispatch.emit(Action::Failed(UiError::Campaign(e))),
    }
    Some(())
}

/// At start-up: the campaign in the link the page was opened with, else the site's own; later,
/// a campaign link opened in this tab while the app is already open (only the fragment changes,
/// so the page does not reload).
#[hook]
pub fn use_start_campaign(openers: Openers, dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        if let Some(window) = web_sys::window() {
            let (openers, dispatch) = (openers.clone(), dispatch.clone());
            // The page lives as long as the app: the listener is never removed.
            gloo_events::EventListener::new(&window, "hashchange", move |_| {
                let _ = open_link(&openers, &dispatch);
            })
            .forget();
        }
        let from_link = open_link(&openers, &dispatch).is_some();
        if let (false, Some(url)) = (from_link, site_campaign_url()) {
            spawn_local(async move {
                // Same origin and precached by the service worker, so it opens offline too.
                match browser::fetch_bytes(&url, FileKind::Campaign).await {
                    Ok(bytes) => match Campaign::from_json(&bytes) {
                        Ok(campaign) => open(campaign, Origin::Site, &openers, dispatch),
                        Err(e) => dispatch.emit(Action::Failed(UiError::Campaign(e))),
                    },
                    Err(_) => dispatch.emit(Action::Failed(UiError::Read)),
                }
            });
        }
    });
}

/// The campaign file a site built with one names in its `<meta>` (a file beside the page).
pub(crate) fn site_campaign_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector(SITE_META).ok()??;
    let url = meta.get_attribute("content")?;
    // Only a file beside the page: never another origin.
    let plain = !url.is_empty()
        && url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    plain.then_some(url)
}

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub lang: Lang,
    /// The open campaign, if any (the banner shows while `banner` is set).
    pub open: Option<Open>,
    pub on_keep: Callback<()>,
    pub on_leave: Callback<()>,
}

/// "This campaign was opened": what it is, that the user's own kit is untouched, keep or go back.
#[function_component]
pub fn CampaignBanner(props: &BannerProps) -> Html {
    let t = text(props.lang);
    let Some(open) = props.open.as_ref().filter(|o| o.banner) else {
        return html! {};
    };
    let said = match open.origin {
        Origin::File => t.opened_file,
        _ => t.opened_link,
    };
    // Only what was really applied: the logo is named when one is drawn, and a logo that could
    // not be drawn is said to be left out.
    let body = match (open.campaign.kit.logo.is_some(), open.logo_dropped) {
        (true, _) => t.opened_body,
        (false, false) => t.opened_body_no_logo,
        (false, true) => t.opened_body_logo_dropped,
    };
    html! {
        <section class="notice campaign-banner" id="campaign-banner" role="status" aria-labelledby="campaign-banner-title">
            <h2 id="campaign-banner-title">{said.replace("{title}", &open.campaign.title(props.lang))}</h2>
            // Anyone can write any agency's name into a link or file (until campaigns can be
            // signed): say so wherever that name is shown.
            <p class="unverified" id="campaign-unverified">{t.unverified}</p>
            <p id="campaign-applied">{body}</p>
            <div class="button-row">
                <button type="button" id="campaign-keep" class="primary" onclick={props.on_keep.reform(|_| ())}>{t.keep}</button>
                <button type="button" id="campaign-leave" class="secondary" onclick={props.on_leave.reform(|_| ())}>{t.leave}</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub lang: Lang,
    /// The campaign made from what the page shows now (design, texts, kit, own frame); `None`
    /// while an own frame's file is still being read.
    pub campaign: Option<Rc<Campaign>>,
    /// The caption typed here (empty: the app's default).
    pub caption: AttrValue,
    pub on_caption: Callback<String>,
    pub on_file: Callback<web_sys::File>,
    pub on_error: Callback<UiError>,
}

/// The campaign as shared (link or file): what the page shows, with the caption typed in the
/// panel. Built on a click, not on every keystroke (an own frame's PNG is copied into it).
fn shared(campaign: &Option<Rc<Campaign>>, caption: &AttrValue) -> Option<Campaign> {
    campaign.as_deref().map(|c| Campaign {
        caption: caption.to_string(),
        ..c.clone()
    })
}

/// Make a campaign from the page: the link (with its QR code) and the file; open a file.
#[function_component]
pub fn CampaignPanel(props: &PanelProps) -> Html {
    let t = text(props.lang);
    // The link made, whether its logo was left out; cleared when the campaign changes.
    let link = use_state_eq(|| None::<(String, bool)>);
    let qr = use_node_ref();
    let has_qr = use_state_eq(|| false);
    {
        let link = link.clone();
        use_effect_with(props.campaign.clone(), move |_| link.set(None));
    }
    {
        let (qr, has_qr) = (qr.clone(), has_qr.clone());
        use_effect_with((*link).clone(), move |link| {
            let image = link
                .as_ref()
                .and_then(|(url, _)| crate::campaign::link_qr(url));
            has_qr.set(image.is_some());
            if let (Some(image), Some(canvas)) = (image, qr.cast::<HtmlCanvasElement>()) {
                let _ = browser::paint(&canvas, &image);
            }
        });
    }
    let on_make = {
        let (campaign, link, on_error) =
            (props.campaign.clone(), link.clone(), props.on_error.clone());
        let caption = props.caption.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(campaign) = shared(&campaign, &caption) else {
                return;
            };
            match campaign.to_link_fragment() {
                Ok(made) => link.set(Some((
                    brand_store::link_for(&made.fragment),
                    made.logo_left_out,
                ))),
                Err(e) => on_error.emit(UiError::Campaign(e)),
            }
        })
    };
    let on_save = {
        let campaign = props.campaign.clone();
        let caption = props.caption.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(campaign) = shared(&campaign, &caption) else {
                return;
            };
            let _ = browser::download(
                campaign.to_json().as_bytes(),
                "application/json",
                "kampanye-twibbon-asn-pilih-netral.json",
            );
        })
    };
    let on_qr_download = {
        let qr = qr.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(canvas) = qr.cast::<HtmlCanvasElement>() else {
                return;
            };
            // The canvas already holds the core's QR pixels: let the browser encode the PNG.
            let Ok(url) = canvas.to_data_url_with_type("image/png") else {
                return;
            };
            let data = url.split_once(',').map(|(_, d)| d).unwrap_or_default();
            use base64::Engine;
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(data) {
                let _ = browser::download(&bytes, "image/png", "qr-kampanye-twibbon.png");
            }
        })
    };
    let on_caption = props.on_caption.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        on_caption.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = on_drop_file(props.on_file.clone());

    html! {
        <section class="card campaign-panel" id="campaign-panel" aria-labelledby="campaign-title" {ondragover} {ondrop}>
            <h2 id="campaign-title">{t.title}</h2>
            <p class="hint">{t.body}</p>
            <div class="field">
                <label for="campaign-caption">{t.caption}</label>
                <textarea id="campaign-caption" rows="3" maxlength={MAX_CAPTION_CHARS.to_string()}
                    placeholder={t.caption_placeholder} value={props.caption.clone()} {oninput} />
            </div>
            <div class="button-row">
                <button type="button" id="campaign-make" class="primary" disabled={props.campaign.is_none()}
                    onclick={on_make}>{t.make_link}</button>
                <button type="button" id="campaign-save" class="secondary" disabled={props.campaign.is_none()}
                    onclick={on_save}>{t.save_file}</button>
            </div>
            if let Some((url, logo_left_out)) = (*link).clone() {
                <LinkBox id="campaign-link" url={url} label={t.link_label}
                    logo_note={logo_left_out.then_some(AttrValue::from(t.link_no_logo))} copy_label={t.copy_link}
                    copied={t.link_copied} selected={t.link_selected} />
            }
            <div class="campaign-qr" hidden={!*has_qr || link.is_none()}>
                <canvas id="campaign-qr" ref={qr} role="img" aria-label={t.qr_alt} width="1" height="1" />
                <button type="button" id="campaign-qr-download" class="secondary" onclick={on_qr_download}>{t.qr_download}</button>
            </div>
            if link.is_some() && !*has_qr {
                <p class="notice" id="campaign-qr-note">{t.qr_too_long}</p>
            }
            <FilePicker id="campaign-input" accept=".json,application/json" label={t.open_file}
                hint={Some(AttrValue::from(t.open_hint))} on_file={props.on_file.clone()} />
        </section>
    }
}
