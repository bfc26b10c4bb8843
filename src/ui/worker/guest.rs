//! The worker side: receive file bytes (a photo, a logo or a signature), decode with the core,
//! send back RGBA pixels.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use image::RgbaImage;

use crate::brand::{self, BrandError, Logo};
use crate::intake::{self, IntakeError};
use crate::pledge::signature;

/// Why a job gave no pixels, as the page is told.
pub enum Failure {
    /// A typed intake error (photos, raster logos, signature photos).
    Intake(IntakeError),
    /// A logo that cannot be drawn: the detail for [`BrandError::LogoBroken`].
    Logo(String),
}

/// What a worker binary can decode: `kind` is [`super::Kind::as_str`].
pub type Decode = fn(kind: &str, bytes: Vec<u8>) -> Result<RgbaImage, Failure>;

/// The decode worker: photos, signature photos and PNG/JPEG logos — every raster decoder.
pub fn start() {
    start_with(|kind, bytes| match kind {
        "logo" => logo(bytes, brand::decode_raster_logo),
        "signature" => signature::from_upload(&bytes).map_err(Failure::Intake),
        _ => intake::decode(&bytes, intake::MAX_WORKING_SIDE).map_err(Failure::Intake),
    });
}

/// The SVG logo worker: resvg and its parser only, loaded the first time a kit has an SVG logo
/// (so they are not part of a first visit's download).
pub fn start_svg() {
    start_with(|_, bytes| logo(bytes, brand::render_svg_logo));
}

fn logo(
    bytes: Vec<u8>,
    draw: fn(&Logo) -> Result<RgbaImage, BrandError>,
) -> Result<RgbaImage, Failure> {
    Logo::from_bytes(bytes)
        .and_then(|l| draw(&l))
        .map_err(|error| {
            Failure::Logo(match error {
                BrandError::LogoBroken(detail) => detail,
                other => other.to_string(),
            })
        })
}

/// Install the message handler for `decode` and tell the page we are ready.
pub fn start_with(decode: Decode) {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let message: Array = event.data().unchecked_into();
        let id = message.get(0);
        let bytes = Uint8Array::new(&message.get(1)).to_vec();
        let kind = message.get(2).as_string().unwrap_or_default();
        let decoded = match decode(&kind, bytes) {
            Err(Failure::Logo(detail)) => {
                let reply = Array::of3(&id, &detail.into(), &"logo".into());
                let _ = reply_scope.post_message(&reply);
                return;
            }
            Err(Failure::Intake(error)) => Err(error),
            Ok(image) => Ok(image),
        };
        let (reply, transfer) = match decoded {
            Ok(image) => {
                let (w, h) = image.dimensions();
                let pixels: ArrayBuffer = Uint8Array::from(image.as_raw().as_slice()).buffer();
                // The worker's wasm memory after decoding: its peak (wasm memory never shrinks).
                let memory = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
                    .and_then(|b| js_sys::Reflect::get(&b, &"byteLength".into()))
                    .unwrap_or(JsValue::from(0));
                let reply = Array::of5(&id, &w.into(), &h.into(), &pixels, &memory);
                (reply, Array::of1(&pixels))
            }
            Err(error) => {
                let json = serde_json::to_string(&error).unwrap_or_default();
                (Array::of2(&id, &json.into()), Array::new())
            }
        };
        // If posting fails the page sees no answer; it restarts us on its next job.
        let _ = reply_scope.post_message_with_transfer(&reply, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&Array::of1(&"ready".into()));
}
