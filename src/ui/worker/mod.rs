//! Photo decoding in a Web Worker, so a 12–50 MP photo never freezes the page.
//!
//! Like Squoosh's features, the step has three parts: the message format shared by both sides
//! (here), the page side ([`host`]: spawn, send, receive, cancel, restart after a crash) and the
//! worker side ([`guest`]: decode with the same core intake as the CLI).
//!
//! Messages are [`crate::protocol::decode`]'s typed requests and replies, each a JS array
//! `[json, buffer]` so the file's bytes and the pixels are *transferred*, not copied.
//!
//! Every decoder (JPEG, PNG, WebP, GIF, BMP) lives in the worker's wasm only, and resvg for SVG
//! logos in a second worker binary (`svg_worker`, same guest code) that is fetched the first
//! time a kit has an SVG logo: the page's own wasm — what a first visit waits for — carries
//! none of them, and a first visit does not download resvg at all.
//!
//! Photos go first to a third, light binary (`photo_worker`, [`guest::start_photo`]): the
//! core's header checks and finish with the browser's JPEG decoder ([`browser_jpeg`]) and ours
//! as its fallback — 113 KB gzipped against the full worker's 268 KB; the full worker starts
//! only for a photo that is not a JPEG. The twibbon page's JPEG photos skip it: the twibbon's
//! preview worker decodes them with the same code ([`guest::decode_photo`]) and keeps them
//! where it draws them (`ui::export_worker::previews::decode_photo`).

pub use crate::protocol::decode::Kind;

mod browser_jpeg;
pub mod guest;
pub mod host;
pub mod spawned;

/// The loader script Trunk writes for the `worker` binary (worker files are not hashed).
pub const SCRIPT: &str = "./worker_loader.js";
/// The loader script of the `photo_worker` binary: JPEG photos only (the browser's decoder where
/// it can, else ours), warmed at load by the twibbon page; anything else goes to [`SCRIPT`].
pub const PHOTO_SCRIPT: &str = "./photo_worker_loader.js";
/// The loader script of the `svg_worker` binary: SVG logos only (resvg), fetched on first use.
pub const SVG_SCRIPT: &str = "./svg_worker_loader.js";
