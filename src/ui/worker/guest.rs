//! The worker side: receive file bytes (a photo, a logo or a signature), decode with the core,
//! send back RGBA pixels.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::brand::{self, BrandError, Logo};
use crate::intake;
use crate::pledge::signature;

/// Install the message handler and tell the page we are ready.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let message: Array = event.data().unchecked_into();
        let id = message.get(0);
        let bytes = Uint8Array::new(&message.get(1)).to_vec();
        let kind = message.get(2).as_string().unwrap_or_default();
        let decoded = match kind.as_str() {
            "logo" => match Logo::from_bytes(bytes).and_then(|l| brand::decode_logo_rgba(&l)) {
                Ok(image) => Ok(image),
                Err(error) => {
                    let detail = match error {
                        BrandError::LogoBroken(detail) => detail,
                        other => other.to_string(),
                    };
                    let reply = Array::of3(&id, &detail.into(), &"logo".into());
                    let _ = reply_scope.post_message(&reply);
                    return;
                }
            },
            "signature" => signature::from_upload(&bytes),
            _ => intake::decode(&bytes, intake::MAX_WORKING_SIDE),
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
