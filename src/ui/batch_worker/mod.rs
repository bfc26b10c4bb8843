//! Pledge card batches in a Web Worker of their own: reading a 1,000-row spreadsheet and drawing
//! and encoding a thousand cards would freeze the page for minutes, and a second worker keeps the
//! batch code (calamine, the ZIP and PDF writers) out of the page's own wasm.
//!
//! Like [`super::worker`], three parts: the messages shared by both sides (here), the page side
//! ([`host`]) and the worker side ([`guest`]). The worker keeps nothing between jobs: every job
//! carries the spreadsheet (as the picked `File`, which the browser clones without copying it
//! through the page's wasm memory) and its settings, so cancelling is simply terminating it.
//!
//! Messages are [`crate::protocol::batch`]'s typed requests and replies, each a JS array
//! `[json, attachment]`: the spreadsheet `File` to the worker, the ZIP's and PDF's chunks back
//! (transferred, so neither side keeps a copy).

pub mod guest;
pub mod host;

/// The loader script Trunk writes for the `batch_worker` binary (worker files are not hashed).
pub const SCRIPT: &str = "./batch_worker_loader.js";
