//! Every single export — twibbon, poster (incl. A4 and PDF), pledge card (PNG and PDF) — is
//! rendered and encoded in this Web Worker, so the page never freezes while a file is made (an
//! A4 poster takes ~330 ms on a desktop, several times that on a mid-range phone).
//!
//! Like [`super::worker`], three parts: the messages ([`crate::protocol::export`], typed, in the
//! core), the page side ([`host`]: one worker for the whole app, jobs in order, restart after a
//! crash) and the worker side ([`guest`]: the core's `run_export`, the same finish functions as
//! the CLI). The studio's pages send the images the preview drew from (the photo's pyramid as
//! it is), so the file is the preview's pixels at full size; the twibbon page's worker
//! ([`previews`]) already holds the images its preview drew from, and makes the file from them.

mod browser_encode;
pub mod guest;
pub mod host;
pub mod previews;

/// The loader script Trunk writes for the `export_worker` binary (worker files are not hashed):
/// twibbons only, what the page's own module uses.
pub const SCRIPT: &str = "./export_worker_loader.js";
/// The `studio_export_worker` binary's: every product, what the studio module uses (see
/// [`host::use_studio_worker`]). The service worker caches it with the studio module, the first
/// time that loads (sw.js `TOGETHER`).
pub const STUDIO_SCRIPT: &str = "./studio_export_worker_loader.js";
