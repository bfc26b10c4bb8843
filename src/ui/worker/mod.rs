//! Photo decoding in a Web Worker, so a 12–50 MP photo never freezes the page.
//!
//! Like Squoosh's features, the step has three parts: the message format shared by both sides
//! (here), the page side ([`host`]: spawn, send, receive, cancel, restart after a crash) and the
//! worker side ([`guest`]: decode with the same core intake as the CLI).
//!
//! Messages are plain JS arrays so the pixel buffer can be *transferred*, not copied:
//! - page → worker: `[job_id, ArrayBuffer bytes, kind]`, kind being [`Kind::as_str`]
//! - worker → page: `["ready"]` once initialised; `[job_id, width, height, ArrayBuffer rgba, wasm_memory_bytes]` on
//!   success; `[job_id, error_json]` on a typed intake error; `[job_id, detail, "logo"]` when a
//!   logo cannot be drawn.
//!
//! Every decoder (JPEG, PNG, WebP, GIF, BMP) lives in the worker's wasm only, and resvg for SVG
//! logos in a second worker binary (`svg_worker`, same guest code) that is fetched the first
//! time a kit has an SVG logo: the page's own wasm — what a first visit waits for — carries
//! none of them, and a first visit does not download resvg at all.

/// What the bytes are, which decides how the worker reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A photo: intake, at most [`crate::intake::MAX_WORKING_SIDE`] on the long side.
    Photo,
    /// A brand kit logo (PNG, JPEG or SVG): [`crate::brand::decode_logo`].
    Logo,
    /// A photographed signature: [`crate::pledge::signature::from_upload`].
    Signature,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Photo => "photo",
            Kind::Logo => "logo",
            Kind::Signature => "signature",
        }
    }
}

pub mod guest;
pub mod host;
pub mod spawned;

/// The loader script Trunk writes for the `worker` binary (worker files are not hashed).
pub const SCRIPT: &str = "./worker_loader.js";
/// The loader script of the `svg_worker` binary: SVG logos only (resvg), fetched on first use.
pub const SVG_SCRIPT: &str = "./svg_worker_loader.js";
