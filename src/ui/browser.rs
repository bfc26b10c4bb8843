//! The few browser calls the UI needs: painting an image on a canvas, reading a file, saving
//! bytes as a download, fetching a file of the site, and remembering the language.

use image::RgbaImage;
use js_sys::Uint8Array;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::bounded_read::{check_size, FileKind, ReadError};
use crate::i18n::Lang;

/// Paint an image onto a canvas at its natural size (the canvas is resized to match).
pub fn paint(canvas: &HtmlCanvasElement, image: &RgbaImage) -> Result<(), JsValue> {
    let (w, h) = image.dimensions();
    let ctx = sized_context(canvas, w, h)?;
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(image.as_raw()), w, h)?;
    ctx.put_image_data(&data, 0.0, 0.0)
}

/// Paint pixels drawn elsewhere (a worker's) onto a canvas at their size.
pub fn paint_data(canvas: &HtmlCanvasElement, data: &ImageData) -> Result<(), JsValue> {
    let ctx = sized_context(canvas, data.width(), data.height())?;
    ctx.put_image_data(data, 0.0, 0.0)
}

/// Paint a picture the page already has (decoded by the browser) into `canvas`, at its size.
pub fn paint_picture(
    canvas: &HtmlCanvasElement,
    picture: &web_sys::HtmlImageElement,
) -> Result<(), JsValue> {
    let ctx = sized_context(canvas, picture.natural_width(), picture.natural_height())?;
    ctx.draw_image_with_html_image_element(picture, 0.0, 0.0)
}

/// `canvas` at `w`×`h` (resized only if it differs: resizing clears it) and its 2D context.
fn sized_context(
    canvas: &HtmlCanvasElement,
    w: u32,
    h: u32,
) -> Result<CanvasRenderingContext2d, JsValue> {
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()
        .map_err(JsValue::from)
}

/// Read a picked or dropped file into memory: the app's side of the core's bounded reader (a
/// file over its kind's limit is refused from its size before a byte is read, with the CLI's
/// message).
pub async fn read_file(file: web_sys::File, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    check_size(kind, file.size() as u64)?;
    let blob = gloo_file::Blob::from(file);
    gloo_file::futures::read_as_bytes(&blob)
        .await
        .map_err(|e| ReadError::Failed {
            kind,
            detail: e.to_string(),
        })
}

/// The bytes of a file the user picked, left in a JS buffer (for a worker: moved there, never
/// copied into and out of the page's memory). Bounded like [`read_file`].
pub async fn read_file_js(
    file: web_sys::File,
    kind: FileKind,
) -> Result<js_sys::Uint8Array, ReadError> {
    check_size(kind, file.size() as u64)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| ReadError::Failed {
            kind,
            detail: e.as_string().unwrap_or_else(|| "read failed".into()),
        })?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// Offer bytes as a file download (an `<a download>` click on a blob URL).
pub fn download(bytes: &[u8], mime: &str, file_name: &str) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo_utils_document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("hidden");
    document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?
        .append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    mark_value("download", bytes.len() as f64);
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

fn gloo_utils_document() -> Result<web_sys::Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

const LANG_KEY: &str = "campaign-kit.lang";

pub fn stored_lang() -> Option<Lang> {
    let storage = web_sys::window()?.local_storage().ok()??;
    Lang::from_tag(&storage.get_item(LANG_KEY).ok()??)
}

/// Remember the language and tell the document (screen readers, hyphenation).
pub fn apply_lang(lang: Lang) {
    if let Some(window) = web_sys::window() {
        if let Ok(Some(storage)) = window.local_storage() {
            let _ = storage.set_item(LANG_KEY, lang.tag());
        }
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
        }
    }
}

/// The page's or a worker's performance clock (both have one; only their globals' types
/// differ).
fn performance() -> Option<web_sys::Performance> {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Milliseconds on the performance clock (the page's, or the worker's in a worker).
pub fn now() -> f64 {
    performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Record a User Timing measure from `start` to now (read by the browser benchmark, visible in
/// DevTools' performance panel; costs microseconds).
pub fn measure(name: &str, start: f64) {
    let Some(perf) = performance() else { return };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &perf.now().into());
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
        let f: js_sys::Function = f.unchecked_into();
        let _ = f.call2(&perf, &name.into(), &options);
    }
}

/// Record a User Timing mark carrying a number (e.g. the decode worker's memory size).
pub fn mark_value(name: &str, value: f64) {
    let Some(perf) = performance() else { return };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"detail".into(), &value.into());
    if let Ok(f) = js_sys::Reflect::get(&perf, &"mark".into()) {
        let f: js_sys::Function = f.unchecked_into();
        let _ = f.call2(&perf, &name.into(), &options);
    }
}

/// `fetch` from the page or from a worker (both have it; only their types differ). Same-origin
/// files only (our CSP allows no other), still held to their kind's limit: a declared length
/// over it is refused before the body is read, and the body's length is checked again.
pub async fn fetch_bytes(url: &str, kind: FileKind) -> Result<Vec<u8>, JsValue> {
    let too_large = || JsValue::from_str(&ReadError::TooLarge { kind }.message(Lang::En));
    let global = js_sys::global();
    let promise = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => window.fetch_with_str(url),
        None => global
            .unchecked_ref::<web_sys::WorkerGlobalScope>()
            .fetch_with_str(url),
    };
    let response: web_sys::Response = JsFuture::from(promise).await?.dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str(&format!(
            "{url}: HTTP {}",
            response.status()
        )));
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| check_size(kind, n).is_err()) {
        return Err(too_large());
    }
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    let bytes = Uint8Array::new(&buffer);
    if check_size(kind, u64::from(bytes.length())).is_err() {
        return Err(too_large());
    }
    Ok(bytes.to_vec())
}

/// Run `f` once, at the first pointer press, key press or drag over the page: what starts a
/// worker the user is about to need (the first thing a visitor does is pick a photo), without
/// downloading it on a first visit before anyone wants it.
pub fn at_first_gesture(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(Box::new(f) as Box<dyn FnOnce()>)));
    for event in ["pointerdown", "keydown", "dragenter"] {
        let f = f.clone();
        let options = gloo_events::EventListenerOptions::run_in_capture_phase();
        // Forgotten: a few bytes for the page's life, and a listener cannot be removed from
        // inside its own call.
        gloo_events::EventListener::new_with_options(&window, event, options, move |_| {
            if let Some(f) = f.take() {
                f();
            }
        })
        .forget();
    }
}
