//! Share the finished twibbon: Web Share with the image file where the browser has it, a
//! download where it has not, and in in-app browsers the image itself to long-press. Below it,
//! a ready caption to edit and copy.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::sharing::{self, InApp};
use crate::ui::browser;
use crate::ui::share::{self, Finished, ShareEnd};
use crate::ui::state::UiError;
use crate::ui::strings::share_text as text;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Shared,
    Downloaded,
    Failed,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum CopyStatus {
    Copied,
    Selected,
}

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub lang: Lang,
    pub disabled: bool,
    /// Make the image to share (the same path as the download buttons, in the export worker):
    /// called with the callback that receives it.
    pub make: Callback<Callback<Result<Finished, UiError>>>,
    pub on_error: Callback<UiError>,
    /// Put before every element id, so a second share bar (the pledge page's) can sit in the
    /// same document as the twibbon page's without duplicate ids.
    #[prop_or_default]
    pub id_prefix: AttrValue,
    /// The long-press image's alt text and size, when it is not a twibbon.
    #[prop_or_default]
    pub image_alt: Option<AttrValue>,
    #[prop_or((1080, 1080))]
    pub image_size: (u32, u32),
    /// The brand kit's hashtags (without '#'): the caption uses them instead of the suggested
    /// ones when there are any.
    #[prop_or_default]
    pub hashtags: Vec<String>,
    /// A note under the share button (the twibbon's: profile photos are shown in a circle).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// A campaign's own caption, offered instead of the ready one.
    #[prop_or_default]
    pub caption: Option<AttrValue>,
}

/// The share button, the long-press image where needed, and the caption.
#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let t = text(props.lang);
    let in_app = use_memo((), |_| share::in_app());
    let status = use_state(|| None::<Status>);
    // A `data:` URL: long-press "save image" works on it where `blob:` URLs fail.
    let image = use_state(|| None::<String>);
    let image_ref = use_node_ref();
    let preparing = use_state(|| false);

    {
        // Bring the image into view (and to screen readers) when it appears.
        let image_ref = image_ref.clone();
        use_effect_with(image.is_some(), move |shown| {
            if *shown {
                if let Some(el) = image_ref.cast::<web_sys::HtmlElement>() {
                    el.scroll_into_view();
                    let _ = el.focus();
                }
            }
        });
    }

    // The file is made in the export worker, so the share sheet opens a moment after the
    // click. Browsers keep the click's activation for a few seconds (Chromium: 5 s), which a
    // worker's export fits in; if it has lapsed, `navigator.share` fails and the image is shown
    // to save instead, as in in-app browsers.
    let proceed = {
        let on_error = props.on_error.clone();
        let in_app = *in_app;
        let status = status.clone();
        let image = image.clone();
        let preparing = preparing.clone();
        Callback::from(move |made: Result<Finished, UiError>| {
            preparing.set(false);
            let finished = match made {
                Ok(finished) => finished,
                Err(e) => return on_error.emit(e),
            };
            if in_app.is_some() {
                image.set(Some(sharing::data_url(finished.mime, &finished.bytes)));
                status.set(None);
                return;
            }
            let started = share::to_file(&finished)
                .ok()
                .and_then(|file| share::start_share(&file));
            match started {
                Some(promise) => {
                    let status = status.clone();
                    let image = image.clone();
                    spawn_local(async move {
                        match share::finish_share(promise).await {
                            ShareEnd::Shared => status.set(Some(Status::Shared)),
                            ShareEnd::Cancelled => status.set(None),
                            ShareEnd::Failed => {
                                image.set(Some(sharing::data_url(finished.mime, &finished.bytes)));
                                status.set(Some(Status::Failed));
                            }
                        }
                    });
                }
                None => {
                    let _ = browser::download(&finished.bytes, finished.mime, &finished.name);
                    status.set(Some(Status::Downloaded));
                }
            }
        })
    };
    let onclick = {
        let make = props.make.clone();
        let preparing = preparing.clone();
        Callback::from(move |_: MouseEvent| {
            preparing.set(true);
            make.emit(proceed.clone());
        })
    };
    let close = {
        let image = image.clone();
        Callback::from(move |_: MouseEvent| image.set(None))
    };
    let id = |name: &str| format!("{}{name}", props.id_prefix);
    let (image_width, image_height) = props.image_size;
    let message = (*status).map(|s| match s {
        Status::Shared => t.shared,
        Status::Downloaded => t.downloaded,
        Status::Failed => t.share_failed,
    });

    html! {
        <section class="share" aria-labelledby={id("share-title")}>
            <h2 id={id("share-title")}>{t.title}</h2>
            <button type="button" id={id("share")} class="primary" disabled={props.disabled || *preparing} {onclick}>
                {if *preparing { t.preparing } else if in_app.is_some() { t.share_in_app } else { t.share }}
            </button>
            <p id={id("share-status")} class="status" role="status">{message.unwrap_or_default()}</p>
            if let Some(note) = &props.note {
                <p id={id("share-note")} class="hint">{note.clone()}</p>
            }
            if let Some(url) = &*image {
                <figure id={id("share-view")} class="share-view">
                    <img id={id("share-image")} ref={image_ref} src={url.clone()}
                        alt={props.image_alt.clone().unwrap_or_else(|| t.image_alt.into())}
                        width={image_width.to_string()} height={image_height.to_string()} tabindex="-1" />
                    <figcaption>{if in_app.is_some() { t.long_press } else { t.right_click }}</figcaption>
                    <button type="button" id={id("close-share-view")} class="secondary" onclick={close}>{t.close_image}</button>
                </figure>
            }
            <Caption lang={props.lang} id_prefix={props.id_prefix.clone()} hashtags={props.hashtags.clone()}
                campaign={props.caption.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CaptionProps {
    lang: Lang,
    id_prefix: AttrValue,
    hashtags: Vec<String>,
    campaign: Option<AttrValue>,
}

/// The ready caption in an editable box with a copy button. Until edited it follows the
/// language and the brand kit's hashtags; once edited it is the user's and stays.
#[function_component]
fn Caption(props: &CaptionProps) -> Html {
    let t = text(props.lang);
    let edited = use_state(|| None::<String>);
    let copy_status = use_state(|| None::<CopyStatus>);
    let area = use_node_ref();
    let value = (*edited).clone().unwrap_or_else(|| match &props.campaign {
        Some(caption) => caption.to_string(),
        None => sharing::caption(props.lang, &props.hashtags),
    });
    let from_kit = sharing::kit_hashtag_line(&props.hashtags).is_some();

    let oninput = {
        let edited = edited.clone();
        let copy_status = copy_status.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            {
                edited.set(Some(area.value()));
                copy_status.set(None);
            }
        })
    };
    let copy = {
        let area = area.clone();
        let copy_status = copy_status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(el) = area.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let copy_status = copy_status.clone();
            spawn_local(async move {
                let done =
                    if share::write_clipboard(&el.value()).await || share::select_and_copy(&el) {
                        CopyStatus::Copied
                    } else {
                        CopyStatus::Selected
                    };
                copy_status.set(Some(done));
            });
        })
    };
    let reset = {
        let edited = edited.clone();
        let copy_status = copy_status.clone();
        Callback::from(move |_: MouseEvent| {
            edited.set(None);
            copy_status.set(None);
        })
    };

    let id = |name: &str| format!("{}{name}", props.id_prefix);
    html! {
        <div class="caption">
            <label for={id("caption")}>{t.caption_label}</label>
            <textarea id={id("caption")} ref={area} rows="7" value={value} {oninput} aria-describedby={id("caption-hint")} />
            <p id={id("caption-hint")} class="hint">{if from_kit { t.caption_hint_kit } else { t.caption_hint }}</p>
            <div class="button-row">
                <button type="button" id={id("copy-caption")} class="secondary" onclick={copy}>{t.copy}</button>
                if edited.is_some() {
                    <button type="button" id={id("reset-caption")} class="secondary" onclick={reset}>{t.caption_reset}</button>
                }
            </div>
            <p id={id("caption-status")} class="status" role="status">
                {match *copy_status {
                    Some(CopyStatus::Copied) => t.copied,
                    Some(CopyStatus::Selected) => t.selected,
                    None => "",
                }}
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct InAppNoticeProps {
    pub lang: Lang,
}

/// Shown at the top in in-app browsers: which app, why it matters, how to open the real
/// browser, and the page link to copy.
#[function_component]
pub fn InAppNotice(props: &InAppNoticeProps) -> Html {
    let t = text(props.lang);
    let in_app = use_memo((), |_| share::in_app());
    let copied = use_state(|| None::<CopyStatus>);
    let link = use_node_ref();
    let Some(app): Option<InApp> = *in_app else {
        return html! {};
    };
    let copy = {
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let link = link.cast::<HtmlTextAreaElement>();
            spawn_local(async move {
                let done = if share::write_clipboard(&share::page_url()).await
                    || link.as_ref().is_some_and(share::select_and_copy)
                {
                    CopyStatus::Copied
                } else {
                    CopyStatus::Selected
                };
                copied.set(Some(done));
            });
        })
    };
    html! {
        <aside id="in-app-notice" class="in-app-notice" aria-labelledby="in-app-title">
            <h2 id="in-app-title">{t.in_app_title.replace("{app}", app.name())}</h2>
            <p>{t.in_app_body}</p>
            <p>{t.in_app_steps}</p>
            <label for="page-link" class="visually-hidden">{t.copy_link}</label>
            <textarea id="page-link" ref={link} class="page-link" rows="1" readonly=true value={share::page_url()} />
            <button type="button" id="copy-link" class="secondary" onclick={copy}>{t.copy_link}</button>
            <p class="status" role="status">
                {match *copied {
                    Some(CopyStatus::Copied) => t.link_copied,
                    Some(CopyStatus::Selected) => t.link_selected,
                    None => "",
                }}
            </p>
        </aside>
    }
}
