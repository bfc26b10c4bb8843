//! The worker side: receive file bytes (a photo, a logo or a signature), decode with the core,
//! send back RGBA pixels.

use js_sys::{ArrayBuffer, Uint8Array};

use image::RgbaImage;

use crate::brand::{self, BrandError, Logo};
use crate::intake;
use crate::pledge::signature;
use crate::protocol::{self, decode::Failure, decode::Kind, decode::Reply, decode::Request};
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
        other => Err(Failure::Protocol(protocol::ProtocolError::Unknown(
            format!("the SVG worker decodes logos only, not {other:?}"),
        ))),
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
        match decode(kind, bytes) {
            Ok(image) => {
                let (width, height) = image.dimensions();
                let pixels: ArrayBuffer = Uint8Array::from(image.as_raw().as_slice()).buffer();
                drop(image);
                // The worker's wasm memory after decoding: its peak (wasm memory never shrinks).
                let memory = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
                    .and_then(|b| js_sys::Reflect::get(&b, &"byteLength".into()))
                    .ok()
                    .and_then(|m| m.as_f64())
                    .unwrap_or(0.0);
                let reply = Reply::Decoded {
                    id,
                    width,
                    height,
                    memory,
                };
                answer(reply_scope, &reply, Some(&pixels));
            }
            Err(error) => answer(
                reply_scope,
                &Reply::Failed {
                    id: Some(id),
                    error,
                },
                None,
            ),
        }
    });
}
