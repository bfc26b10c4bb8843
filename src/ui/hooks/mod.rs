//! Hooks shared by the pages: each does one thing the pages used to write out themselves.
//! - [`decode::use_decode_file`]: a picked file → read → decode worker → image or typed error.
//! - [`preview::use_preview`]: draw an image from the core into a `<canvas>` when its inputs
//!   change; [`preview::use_worker_preview`] has it drawn in the preview worker instead (the
//!   twibbon page, whose wasm has no renderer).
//! - [`download::use_download`]: inputs → export worker (render, encode, name) → a download or
//!   a file to share (the poster and pledge pages; the twibbon page's downloads are made by its
//!   preview worker, `ui::export_worker::previews::export`).

pub mod decode;
pub mod download;
pub mod preview;
