//! The worker side: receive file bytes (a photo, a logo or a signature), decode with the core,
//! send back RGBA pixels. Two binaries run it: the full decode worker ([`start`], every
//! decoder) and the photo worker ([`start_photo`], JPEG photos only: the browser's decoder where
//! it can, else ours; anything else it hands back to the page for the full one).

use js_sys::{ArrayBuffer, Uint8Array};

use image::RgbaImage;

use crate::brand::{self, BrandError, Logo};
use crate::intake;
use crate::pledge::signature;
use crate::protocol::decode::{Decoder, Failure, Kind, Reply, Request};
use crate::protocol::ProtocolError;
use crate::ui::worker::browser_jpeg;
use crate::ui::worker::spawned::{answer, read_head, serve};

/// What a worker binary can decode.
pub type Decode = fn(kind: Kind, bytes: Vec<u8>) -> Result<RgbaImage, Failure>;

/// The decode worker: photos, signature photos and PNG/JPEG logos — every raster decoder.
pub fn start() {
    start_with(|kind, bytes| match kind {
        Kind::Logo => logo(bytes, brand::decode_raster_logo),
        Kind::Signature => signature::from_upload(&bytes).map_err(Failure::Intake),
        Kind::Photo => intake::decode(&bytes, intake::MAX_WORKING_SIDE).map_err(Failure::Intake),
    });
}

/// The SVG logo worker: resvg and its parser only, loaded the first time a kit has an SVG logo
/// (so they are not part of a first visit's download).
pub fn start_svg() {
    start_with(|kind, bytes| match kind {
        Kind::Logo => logo(bytes, brand::render_svg_logo),
        other => Err(Failure::Protocol(ProtocolError::Unknown(format!(
            "the SVG worker decodes logos only, not {other:?}"
        )))),
    });
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
    serve(&Reply::Ready, move |reply_scope, message| {
        let request = read_head::<Request>(&message);
        let Request::Decode { id, kind } = match request {
            Ok(r) => r,
            Err(e) => {
                let reply = Reply::Failed {
                    id: None,
                    error: Failure::Protocol(e),
                };
                return answer(reply_scope, &reply, None);
            }
        };
        let bytes = Uint8Array::new(&message.get(1)).to_vec();
        send_result(reply_scope, id, decode(kind, bytes), Decoder::Wasm);
    });
}

/// Answer a job with its pixels (transferred) or its error.
fn send_result(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    id: u32,
    result: Result<RgbaImage, Failure>,
    decoder: Decoder,
) {
    match result {
        Ok(image) => {
            let (width, height) = image.dimensions();
            let pixels: ArrayBuffer = Uint8Array::from(image.as_raw().as_slice()).buffer();
            drop(image);
            // The worker's wasm memory after decoding: its peak.
            let memory = memory_bytes();
            let reply = Reply::Decoded {
                id,
                width,
                height,
                memory,
                decoder,
            };
            answer(scope, &reply, Some(&pixels));
        }
        Err(error) => answer(
            scope,
            &Reply::Failed {
                id: Some(id),
                error,
            },
            None,
        ),
    }
}

/// The photo worker, for the poster's and pledge card's photos: the core's header checks and
/// finish, our JPEG decoder (its header parser is the decoder: the rest comes with it) and the
/// browser's, and none of the other decoders, the logo or the signature code
/// ([`decode_photo`], which the twibbon's preview worker runs too). Not a JPEG: the bytes go
/// back to the page ([`Reply::Elsewhere`]) for the full decode worker.
pub fn start_photo() {
    serve(&Reply::Ready, move |reply_scope, message| {
        let id = match read_head::<Request>(&message) {
            Ok(Request::Decode {
                id,
                kind: Kind::Photo,
            }) => id,
            Ok(Request::Decode { id, kind }) => {
                let error = Failure::Protocol(ProtocolError::Unknown(format!(
                    "the photo worker decodes photos only, not {kind:?}"
                )));
                return send_result(reply_scope, id, Err(error), Decoder::Wasm);
            }
            Err(e) => {
                let reply = Reply::Failed {
                    id: None,
                    error: Failure::Protocol(e),
                };
                return answer(reply_scope, &reply, None);
            }
        };
        let buffer = message.get(1);
        drop(message);
        let scope = reply_scope.clone();
        // Async for the browser's decoder; the page sends one job at a time.
        wasm_bindgen_futures::spawn_local(async move {
            match decode_photo(&buffer).await {
                PhotoDecode::Decoded(image, decoder) => send_result(&scope, id, Ok(image), decoder),
                PhotoDecode::NotJpeg => answer(&scope, &Reply::Elsewhere { id }, Some(&buffer)),
                PhotoDecode::Failed(e) => {
                    send_result(&scope, id, Err(Failure::Intake(e)), Decoder::Wasm)
                }
            }
        });
    });
}

/// What [`decode_photo`] came to.
pub enum PhotoDecode {
    /// Upright pixels at the working size, and whose decoder made them.
    Decoded(RgbaImage, Decoder),
    /// Not a JPEG: for the full decode worker.
    NotJpeg,
    /// The core refused it.
    Failed(intake::IntakeError),
}

/// Decode the photo file in `buffer` (an `ArrayBuffer`) as the photo worker does: the core
/// reads and checks the header first ([`intake::probe`]); a JPEG whose colours a browser gives
/// as ours do is decoded by the browser at the plan's DCT scale ([`browser_jpeg`]), any other
/// (CMYK, lossless) or any the browser fails on by ours; then the core's
/// [`intake::finish_jpeg`] (halving, EXIF orientation). Shared by the photo worker and the
/// twibbon's worker, which decodes, turns and draws in one memory.
pub async fn decode_photo(buffer: &wasm_bindgen::JsValue) -> PhotoDecode {
    let bytes = Uint8Array::new(buffer).to_vec();
    let plan = match intake::probe(&bytes, intake::MAX_WORKING_SIDE) {
        Ok(intake::Probe::Jpeg(plan)) => plan,
        Ok(intake::Probe::Other(_)) => return PhotoDecode::NotJpeg,
        Err(e) => return PhotoDecode::Failed(e),
    };
    if plan.browser_decodable {
        if let Some(pixels) = browser_jpeg::decode(buffer, &bytes, &plan).await {
            let image = image::DynamicImage::ImageRgba8(pixels);
            let image = intake::finish_jpeg(&plan, image, intake::MAX_WORKING_SIDE);
            return PhotoDecode::Decoded(image, Decoder::Browser);
        }
    }
    match intake::decode_jpeg(&bytes, intake::MAX_WORKING_SIDE) {
        Ok(image) => PhotoDecode::Decoded(image, Decoder::Wasm),
        Err(e) => PhotoDecode::Failed(e),
    }
}

/// This worker's wasm memory, in bytes: its peak (wasm memory never shrinks).
pub fn memory_bytes() -> f64 {
    js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
        .and_then(|b| js_sys::Reflect::get(&b, &"byteLength".into()))
        .ok()
        .and_then(|m| m.as_f64())
        .unwrap_or(0.0)
}
