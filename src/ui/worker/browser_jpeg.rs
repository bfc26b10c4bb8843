//! A JPEG's pixels from the browser's own decoder (libjpeg-turbo in Chromium), as stored (not
//! turned) and without colour management — the pixel step only: the core has already checked
//! the header and limits ([`crate::intake::probe`]) and applies the EXIF orientation afterwards
//! ([`crate::intake::finish_jpeg`]). Any failure is `None`: the caller decodes with ours.
//!
//! Two ways, by the plan's scale (measured against our decoder in headless Chromium 156,
//! tests/e2e/decoders.test.mjs):
//! - a photo that needs halving: WebCodecs `ImageDecoder` (Chromium, Android WebView, Firefox
//!   ≥ 133) asked for exactly the 1/2^n size the plan says, which Chromium hands to
//!   libjpeg-turbo's DCT scaling (it picks the largest scale not above the size asked for, so
//!   an exact 1/2, 1/4 or 1/8 is decoded at that scale, never resampled). `VideoFrame.copyTo`
//!   gives the pixels as stored (Chromium reports the EXIF turn in `rotation`/`flip` and applies
//!   it only when drawing), and was faster than drawing onto an `OffscreenCanvas` (60 vs 87 ms,
//!   12 MP at 1/2). Its scaled IDCT rounds differently from ours: mean 1.4 levels.
//! - a photo decoded at full size: `createImageBitmap` + `OffscreenCanvas`. At full size
//!   `ImageDecoder` decodes to YUV and converts with its own chroma upsampling (mean 0.7–1.7
//!   levels off ours, up to 9 % of pixels by more than 4), while `createImageBitmap` gets
//!   libjpeg-turbo's own RGB: mean 0.1, none by more than 4. It would turn the pixels by their
//!   EXIF orientation, so it gets the bytes with their EXIF hidden ([`intake::hide_exif`]).
//!
//! Hand-written bindings: web-sys has `ImageDecoder` and `VideoFrame` only behind
//! `--cfg web_sys_unstable_apis`, a flag for the whole build (and every crate's cache), and the
//! canvas calls would need six more web-sys features in the shared Cargo.toml.

use image::RgbaImage;
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::intake::{self, JpegPlan};

#[wasm_bindgen]
extern "C" {
    type ImageDecoder;

    #[wasm_bindgen(constructor, catch)]
    fn new(init: &Object) -> Result<ImageDecoder, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn decode(this: &ImageDecoder) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method)]
    fn close(this: &ImageDecoder);

    type VideoFrame;

    #[wasm_bindgen(method, getter, js_name = visibleRect)]
    fn visible_rect(this: &VideoFrame) -> JsValue;

    #[wasm_bindgen(method, catch, js_name = copyTo)]
    fn copy_to(
        this: &VideoFrame,
        destination: &Uint8Array,
        options: &Object,
    ) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, js_name = close)]
    fn close_frame(this: &VideoFrame);

    #[wasm_bindgen(catch, js_name = createImageBitmap)]
    fn create_image_bitmap(source: &web_sys::Blob, options: &Object) -> Result<Promise, JsValue>;

    type OffscreenCanvas;

    #[wasm_bindgen(constructor, catch)]
    fn new(width: u32, height: u32) -> Result<OffscreenCanvas, JsValue>;

    #[wasm_bindgen(method, catch, js_name = getContext)]
    fn get_context(
        this: &OffscreenCanvas,
        kind: &str,
        options: &Object,
    ) -> Result<Context2d, JsValue>;

    type Context2d;

    #[wasm_bindgen(method, catch, js_name = drawImage)]
    fn draw_image(this: &Context2d, image: &JsValue, x: f64, y: f64) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = getImageData)]
    fn get_image_data(
        this: &Context2d,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    ) -> Result<JsValue, JsValue>;
}

/// Whether this worker has WebCodecs' `ImageDecoder` (Safari and older Firefox do not).
pub fn available() -> bool {
    Reflect::has(&js_sys::global(), &"ImageDecoder".into()).unwrap_or(false)
}

/// Decode the JPEG `bytes` (also in `data`, the `ArrayBuffer` they came in) at
/// `plan.scaled_size()`, as stored (not turned), into RGBA. `None` if the browser cannot, or
/// gives another size.
pub async fn decode(data: &JsValue, bytes: &[u8], plan: &JpegPlan) -> Option<RgbaImage> {
    if plan.halvings == 0 {
        return bitmap(bytes, plan).await;
    }
    if !available() {
        return None;
    }
    let (width, height) = plan.scaled_size();
    let init = object(&[
        ("data", data.clone()),
        ("type", "image/jpeg".into()),
        ("colorSpaceConversion", "none".into()),
        ("desiredWidth", width.into()),
        ("desiredHeight", height.into()),
    ]);
    let decoder = ImageDecoder::new(&init).ok()?;
    let pixels = frame_pixels(&decoder, width, height).await;
    decoder.close();
    pixels
}

async fn frame_pixels(decoder: &ImageDecoder, width: u32, height: u32) -> Option<RgbaImage> {
    let result = JsFuture::from(decoder.decode().ok()?).await.ok()?;
    let frame: VideoFrame = Reflect::get(&result, &"image".into())
        .ok()?
        .unchecked_into();
    let pixels = copy_rgba(&frame, width, height).await;
    frame.close_frame();
    pixels
}

async fn copy_rgba(frame: &VideoFrame, width: u32, height: u32) -> Option<RgbaImage> {
    let rect = frame.visible_rect();
    let side = |name: &str| Reflect::get(&rect, &name.into()).ok()?.as_f64();
    // A browser that scaled to another size (or turned the pixels) is not one we can match.
    if (side("width")?, side("height")?) != (f64::from(width), f64::from(height)) {
        return None;
    }
    let destination = Uint8Array::new_with_length(width * height * 4);
    let options = object(&[("format", "RGBA".into())]);
    JsFuture::from(frame.copy_to(&destination, &options).ok()?)
        .await
        .ok()?;
    RgbaImage::from_raw(width, height, destination.to_vec())
}

/// At full size: `createImageBitmap` of the bytes with their EXIF hidden, drawn 1:1 onto an
/// `OffscreenCanvas` and read back.
async fn bitmap(bytes: &[u8], plan: &JpegPlan) -> Option<RgbaImage> {
    let (width, height) = (plan.width, plan.height);
    let mut hidden = bytes.to_vec();
    intake::hide_exif(&mut hidden);
    let parts = js_sys::Array::of1(&Uint8Array::from(hidden.as_slice()));
    drop(hidden);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let options = object(&[
        ("imageOrientation", "from-image".into()),
        ("colorSpaceConversion", "none".into()),
        ("premultiplyAlpha", "none".into()),
    ]);
    let bitmap = JsFuture::from(create_image_bitmap(&blob, &options).ok()?)
        .await
        .ok()?;
    let side = |name: &str| Reflect::get(&bitmap, &name.into()).ok()?.as_f64();
    let closed = |pixels| {
        if let Ok(close) = Reflect::get(&bitmap, &"close".into()) {
            let _ = close.unchecked_into::<js_sys::Function>().call0(&bitmap);
        }
        pixels
    };
    if (side("width"), side("height")) != (Some(f64::from(width)), Some(f64::from(height))) {
        return closed(None);
    }
    let canvas = OffscreenCanvas::new(width, height).ok()?;
    let context = canvas
        .get_context("2d", &object(&[("willReadFrequently", true.into())]))
        .ok()?;
    if context.draw_image(&bitmap, 0.0, 0.0).is_err() {
        return closed(None);
    }
    let data = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .ok()
        .and_then(|d| Reflect::get(&d, &"data".into()).ok());
    let pixels = data.map(|d| d.unchecked_into::<js_sys::Uint8ClampedArray>().to_vec());
    closed(pixels.and_then(|p| RgbaImage::from_raw(width, height, p)))
}

fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object
}
