//! Photo decoding in a Web Worker, so a 12–50 MP photo never freezes the page.
//!
//! Like Squoosh's features, the step has three parts: the message format shared by both sides
//! (here), the page side ([`host`]: spawn, send, receive, cancel, restart after a crash) and the
//! worker side ([`guest`]: decode with the same core intake as the CLI).
//!
//! Messages are plain JS arrays so the pixel buffer can be *transferred*, not copied:
//! - page → worker: `[job_id, ArrayBuffer bytes]`
//! - worker → page: `["ready"]` once initialised; `[job_id, width, height, ArrayBuffer rgba, wasm_memory_bytes]` on
//!   success; `[job_id, error_json]` on a typed intake error.

pub mod guest;
pub mod host;
pub mod spawned;

/// The loader script Trunk writes for the `worker` binary (worker files are not hashed).
pub const SCRIPT: &str = "./worker_loader.js";
