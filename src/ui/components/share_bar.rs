//! Share the finished twibbon: Web Share with the image file where the browser has it, a
//! download where it has not, and in in-app browsers the image itself to long-press. Below it,
//! a ready caption to edit and copy. Its words live here (both languages) to keep the share
//! feature in one place.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::sharing::{self, InApp};
use crate::ui::browser;
use crate::ui::share::{self, Finished, ShareEnd};
use crate::ui::state::UiError;

struct Text {
    title: &'static str,
    share: &'static str,
    share_in_app: &'static str,
    shared: &'static str,
    downloaded: &'static str,
    share_failed: &'static str,
    image_alt: &'static str,
    long_press: &'static str,
    right_click: &'static str,
    close_image: &'static str,
    caption_label: &'static str,
    caption_hint: &'static str,
    caption_hint_kit: &'static str,
    copy: &'static str,
    copied: &'static str,
    selected: &'static str,
    caption_reset: &'static str,
    in_app_title: &'static str,
    in_app_body: &'static str,
    in_app_steps: &'static str,
    copy_link: &'static str,
    link_copied: &'static str,
    link_selected: &'static str,
}

const ID: Text = Text {
    title: "Bagikan",
    share: "Bagikan gambar",
    share_in_app: "Tampilkan gambar untuk disimpan",
    shared: "Gambar sudah dikirim ke aplikasi pilihan Anda.",
    downloaded: "Browser ini tidak bisa membagikan langsung, jadi gambar diunduh. Bagikan dari galeri atau folder Unduhan.",
    share_failed: "Gambar tidak bisa dibagikan langsung. Tekan lama gambar di bawah untuk menyimpannya, atau gunakan tombol Unduh.",
    image_alt: "Twibbon Anda yang sudah jadi",
    long_press: "Tekan lama gambar ini, lalu pilih \u{201c}Simpan gambar\u{201d} atau \u{201c}Unduh gambar\u{201d}. Setelah tersimpan di galeri, bagikan dari aplikasi mana saja.",
    right_click: "Tekan lama (di ponsel) atau klik kanan gambar ini untuk menyimpannya.",
    close_image: "Tutup gambar",
    caption_label: "Keterangan (caption) siap pakai",
    caption_hint: "Silakan ubah teksnya. Tagar di atas hanya saran, bukan tagar resmi: sesuaikan dengan arahan instansi Anda.",
    caption_hint_kit: "Silakan ubah teksnya. Tagar di atas diambil dari kit merek instansi Anda (ubah di tab Poster instansi).",
    copy: "Salin keterangan",
    copied: "Keterangan sudah disalin.",
    selected: "Teks sudah dipilih: salin lewat menu (Salin) atau Ctrl+C.",
    caption_reset: "Kembalikan teks awal",
    in_app_title: "Anda membuka halaman ini di dalam {app}",
    in_app_body: "Di browser bawaan aplikasi, gambar sering tidak bisa diunduh atau dibagikan.",
    in_app_steps: "Sebaiknya buka di browser: ketuk menu \u{22ee} atau \u{2026} di pojok kanan atas, lalu pilih \u{201c}Buka di browser\u{201d} (atau \u{201c}Buka di Chrome\u{201d} / \u{201c}Buka di Safari\u{201d}). Bisa juga salin tautan lalu tempel di browser. Jika tetap di sini: buat twibbon, ketuk \u{201c}Tampilkan gambar untuk disimpan\u{201d}, lalu tekan lama gambarnya.",
    copy_link: "Salin tautan halaman",
    link_copied: "Tautan disalin: tempel di browser Anda.",
    link_selected: "Tautan sudah dipilih: salin, lalu tempel di browser Anda.",
};

const EN: Text = Text {
    title: "Share",
    share: "Share image",
    share_in_app: "Show image to save",
    shared: "The image was sent to the app you chose.",
    downloaded: "This browser cannot share directly, so the image was downloaded. Share it from your gallery or Downloads.",
    share_failed: "The image could not be shared directly. Long-press the image below to save it, or use a Download button.",
    image_alt: "Your finished twibbon",
    long_press: "Long-press this image, then choose \u{201c}Save image\u{201d} or \u{201c}Download image\u{201d}. Once it is in your gallery, share it from any app.",
    right_click: "Long-press (on a phone) or right-click this image to save it.",
    close_image: "Close image",
    caption_label: "Ready-made caption",
    caption_hint: "Edit it as you like. The hashtags are suggestions, not official ones: use what your agency recommends.",
    caption_hint_kit: "Edit it as you like. The hashtags come from your agency's brand kit (edit them on the Agency poster tab).",
    copy: "Copy caption",
    copied: "Caption copied.",
    selected: "The text is selected: copy it from the menu (Copy) or with Ctrl+C.",
    caption_reset: "Restore the original text",
    in_app_title: "You opened this page inside {app}",
    in_app_body: "In an app's built-in browser, images often cannot be downloaded or shared.",
    in_app_steps: "Better open it in your browser: tap the menu \u{22ee} or \u{2026} in the top corner, then choose \u{201c}Open in browser\u{201d} (or \u{201c}Open in Chrome\u{201d} / \u{201c}Open in Safari\u{201d}). Or copy the link and paste it into your browser. If you stay here: make your twibbon, tap \u{201c}Show image to save\u{201d}, then long-press the image.",
    copy_link: "Copy page link",
    link_copied: "Link copied: paste it into your browser.",
    link_selected: "The link is selected: copy it, then paste it into your browser.",
};

fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

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
    /// Render and encode the twibbon (the same code path as the download buttons).
    pub make: Callback<(), Result<Finished, UiError>>,
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

    let onclick = {
        let make = props.make.clone();
        let on_error = props.on_error.clone();
        let in_app = *in_app;
        let status = status.clone();
        let image = image.clone();
        Callback::from(move |_: MouseEvent| {
            // Everything up to `navigator.share` runs synchronously in the click: Web Share
            // needs the user's activation, which an await could outlast.
            let finished = match make.emit(()) {
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
            <button type="button" id={id("share")} class="primary" disabled={props.disabled} {onclick}>
                {if in_app.is_some() { t.share_in_app } else { t.share }}
            </button>
            <p id={id("share-status")} class="status" role="status">{message.unwrap_or_default()}</p>
            if let Some(url) = &*image {
                <figure id={id("share-view")} class="share-view">
                    <img id={id("share-image")} ref={image_ref} src={url.clone()}
                        alt={props.image_alt.clone().unwrap_or_else(|| t.image_alt.into())}
                        width={image_width.to_string()} height={image_height.to_string()} tabindex="-1" />
                    <figcaption>{if in_app.is_some() { t.long_press } else { t.right_click }}</figcaption>
                    <button type="button" id={id("close-share-view")} class="secondary" onclick={close}>{t.close_image}</button>
                </figure>
            }
            <Caption lang={props.lang} id_prefix={props.id_prefix.clone()} hashtags={props.hashtags.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CaptionProps {
    lang: Lang,
    id_prefix: AttrValue,
    hashtags: Vec<String>,
}

/// The ready caption in an editable box with a copy button. Until edited it follows the
/// language and the brand kit's hashtags; once edited it is the user's and stays.
#[function_component]
fn Caption(props: &CaptionProps) -> Html {
    let t = text(props.lang);
    let edited = use_state(|| None::<String>);
    let copy_status = use_state(|| None::<CopyStatus>);
    let area = use_node_ref();
    let value = (*edited)
        .clone()
        .unwrap_or_else(|| sharing::caption(props.lang, &props.hashtags));
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
