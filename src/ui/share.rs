//! Browser calls for sharing: the Web Share API with files, in-app browser detection and the
//! clipboard. `navigator.share`/`canShare` are looked up at run time (web-sys only exposes them
//! behind `web_sys_unstable_apis`, and many browsers lack them), so a missing API is a fallback,
//! never an exception.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FilePropertyBag, HtmlDocument, HtmlTextAreaElement};

pub use crate::sharing::InApp;

/// A finished, encoded twibbon: what both "download" and "share" hand to the browser.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub name: String,
}

/// The in-app browser this page runs in, if any.
pub fn in_app() -> Option<InApp> {
    let ua = web_sys::window()?.navigator().user_agent().ok()?;
    InApp::detect(&ua)
}

fn navigator_method(name: &str) -> Option<(JsValue, Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let method = Reflect::get(&navigator, &JsValue::from_str(name)).ok()?;
    Some((navigator, method.dyn_into::<Function>().ok()?))
}

/// The bytes as a `File` (what `navigator.share` takes).
pub fn to_file(finished: &Finished) -> Result<File, JsValue> {
    let parts = Array::of1(&js_sys::Uint8Array::from(finished.bytes.as_slice()));
    let options = FilePropertyBag::new();
    options.set_type(finished.mime);
    File::new_with_u8_array_sequence_and_options(&parts, &finished.name, &options)
}

/// `{ files: [file] }` — files as the only key: WhatsApp on iOS drops the image when the data
/// also has a title, text or URL.
fn share_data(file: &File) -> Object {
    let data = Object::new();
    let _ = Reflect::set(&data, &"files".into(), &Array::of1(file));
    data
}

/// Start `navigator.share({ files: [file] })` if the browser says it can share this file.
/// Called synchronously from the click handler (Web Share needs the user's activation); the
/// returned promise settles when the share sheet closes. `None`: no Web Share for files here.
pub fn start_share(file: &File) -> Option<Promise> {
    let (navigator, can_share) = navigator_method("canShare")?;
    let (_, share) = navigator_method("share")?;
    let data = share_data(file);
    if !can_share.call1(&navigator, &data).ok()?.is_truthy() {
        return None;
    }
    share
        .call1(&navigator, &data)
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}

/// How a started share ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareEnd {
    Shared,
    /// The user closed the share sheet.
    Cancelled,
    /// Anything else (e.g. `NotAllowedError`): fall back to another way.
    Failed,
}

pub async fn finish_share(promise: Promise) -> ShareEnd {
    match JsFuture::from(promise).await {
        Ok(_) => ShareEnd::Shared,
        Err(e) => {
            let name = Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                ShareEnd::Cancelled
            } else {
                ShareEnd::Failed
            }
        }
    }
}

/// Copy text with the async clipboard API; `false` when it is missing or refused.
pub async fn write_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let has_clipboard = Reflect::get(&navigator, &"clipboard".into())
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

/// The fallback: select the text in its box (so the user can copy it by hand) and try the old
/// `execCommand("copy")`, which in-app WebViews still honour. `true` if that copied it.
pub fn select_and_copy(textarea: &HtmlTextAreaElement) -> bool {
    let _ = textarea.focus();
    textarea.select();
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}

/// Copy `text` (a link shown in `textarea`): the clipboard API, else [`select_and_copy`].
/// `Some(true)` when it was copied, `Some(false)` when it is only selected for the user to copy,
/// `None` when there was no box to select it in.
pub async fn copy_link(text: &str, textarea: &yew::NodeRef) -> Option<bool> {
    if write_clipboard(text).await {
        return Some(true);
    }
    textarea
        .cast::<HtmlTextAreaElement>()
        .map(|area| select_and_copy(&area))
}

/// The page's own address (to paste into a real browser).
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
