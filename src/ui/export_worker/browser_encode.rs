//! The twibbon worker's encoder: the browser's own (`OffscreenCanvas.convertToBlob`), as its
//! photos are decoded by the browser's decoder. The pixels drawn by the core go onto a canvas
//! unchanged (twibbons are opaque: the photo fills the frame) and come out as PNG — the same
//! pixels, losslessly — or as JPEG at the core's quality, encoded natively rather than in wasm.
//! The worker's wasm then carries no JPEG or PNG encoder; the CLI keeps its own (`export.rs`).

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use wasm_bindgen_futures::JsFuture;

use crate::export::{flatten_on_white, JPEG_QUALITY};
use crate::finish::Output;

#[wasm_bindgen]
extern "C" {
    type OffscreenCanvas;

    #[wasm_bindgen(constructor, catch)]
    fn new(width: u32, height: u32) -> Result<OffscreenCanvas, JsValue>;

    #[wasm_bindgen(method, catch, js_name = getContext)]
    fn get_context(this: &OffscreenCanvas, kind: &str) -> Result<Context2d, JsValue>;

    #[wasm_bindgen(method, catch, js_name = convertToBlob)]
    fn convert_to_blob(this: &OffscreenCanvas, options: &Object) -> Result<Promise, JsValue>;

    type Context2d;

    #[wasm_bindgen(method, catch, js_name = putImageData)]
    fn put_image_data(
        this: &Context2d,
        data: &web_sys::ImageData,
        x: f64,
        y: f64,
    ) -> Result<(), JsValue>;
}

/// `image` encoded as `output` (PNG or JPEG) by the browser.
pub async fn encode(image: &image::RgbaImage, output: Output) -> Result<Vec<u8>, JsValue> {
    let (width, height) = image.dimensions();
    let (mime, quality) = match output {
        Output::Png => ("image/png", None),
        Output::Jpeg => ("image/jpeg", Some(f64::from(JPEG_QUALITY) / 100.0)),
        Output::Pdf => return Err(JsValue::from_str("a twibbon is never a PDF")),
    };
    // A JPEG has no alpha: what shows through is white, as the core's encoder makes it (a
    // canvas would make it black). Opaque pixels are left as they are.
    let flattened;
    let rgba: &[u8] = if output == Output::Jpeg && image.pixels().any(|p| p[3] != 255) {
        flattened = flatten_on_white(image)
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect::<Vec<u8>>();
        &flattened
    } else {
        image.as_raw()
    };
    let data = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)?;
    let canvas = OffscreenCanvas::new(width, height)?;
    canvas.get_context("2d")?.put_image_data(&data, 0.0, 0.0)?;
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &mime.into())?;
    if let Some(q) = quality {
        Reflect::set(&options, &"quality".into(), &q.into())?;
    }
    let blob: web_sys::Blob = JsFuture::from(canvas.convert_to_blob(&options)?)
        .await?
        .dyn_into()?;
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
