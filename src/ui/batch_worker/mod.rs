//! Pledge card batches in a Web Worker of their own: reading a 1,000-row spreadsheet and drawing
//! and encoding a thousand cards would freeze the page for minutes, and a second worker keeps the
//! batch code (calamine, the ZIP and PDF writers) out of the page's own wasm.
//!
//! Like [`super::worker`], three parts: the messages shared by both sides (here), the page side
//! ([`host`]) and the worker side ([`guest`]). The worker keeps nothing between jobs: every job
//! carries the spreadsheet (as the picked `File`, which the browser clones without copying it
//! through the page's wasm memory) and its settings, so cancelling is simply terminating it.
//!
//! Messages are plain JS arrays:
//! - page → worker: `["parse" | "run", File, settings_json]`
//! - worker → page: `["ready"]` once initialised; `["parsed", parsed_json]`;
//!   `["progress", made, total]` after every card; `["zip" | "pdf", ArrayBuffer]` chunks of the
//!   two files, in order, as they are written (transferred, so neither side keeps a copy);
//!   `["done", done_json]` after the last chunk; `["error", message_json]`.

pub mod guest;
pub mod host;

use serde::{Deserialize, Serialize};

use crate::brand::BrandKit;
use crate::i18n::{Lang, Localized};

/// The loader script Trunk writes for the `batch_worker` binary (worker files are not hashed).
pub const SCRIPT: &str = "./batch_worker_loader.js";

/// How many data rows the preview shows.
pub const PREVIEW_ROWS: usize = 5;

/// What a job is made with: the form's fallbacks, the pledge text and the brand kit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub lang: Lang,
    /// The device's date, `YYYY-MM-DD`: a NIP's start of service may not be later.
    pub today: String,
    /// Fallbacks for empty cells.
    pub place: String,
    pub date: String,
    pub agency: String,
    pub points: Vec<String>,
    pub brand: BrandKit,
}

/// One field and the header that feeds it (`None`: no such column; the fallback is used).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnMatch {
    /// "name", "nip", "position", "agency", "place" or "date" (see [`crate::pledge::field_label`]).
    pub field: String,
    pub header: Option<String>,
}

/// A row that will be skipped, with the reason in both languages (the user may switch).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub line: usize,
    pub name: String,
    pub reason: Localized,
}

/// What the spreadsheet holds, as the page shows it before anything is made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub columns: Vec<ColumnMatch>,
    /// The matched columns' headers, then the first [`PREVIEW_ROWS`] rows' cells in them.
    pub preview_headers: Vec<String>,
    pub preview_rows: Vec<Vec<String>>,
    pub rows: usize,
    /// Rows that make a card.
    pub valid: usize,
    pub invalid: Vec<Skipped>,
}

/// A finished batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Done {
    pub made: usize,
    pub skipped: usize,
    /// The worker's wasm memory at the end, in bytes: its peak, since wasm memory never shrinks.
    pub memory: f64,
    /// Characters of the cards' texts that could not be drawn (see `crate::text::Coverage`).
    #[serde(default)]
    pub missing: Vec<String>,
    /// The fallback fonts some texts needed could not be fetched (offline before first use).
    #[serde(default)]
    pub fonts_failed: bool,
}

/// A message in both languages, for errors made in the worker.
pub fn localized(message: impl Fn(Lang) -> String) -> Localized {
    Localized {
        id: message(Lang::Id),
        en: message(Lang::En),
    }
}
