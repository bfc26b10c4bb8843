//! campaign-kit: "ASN Pilih Netral" campaign images made on the user's own device.
//!
//! The crate has two halves:
//! - a **pure compositing core** ([`intake`], [`photo`], [`template`], [`render`], [`text`],
//!   [`finish`]) with no web dependencies, tested natively and shared by the CLI and the app.
//!   Every product takes one path: photo → template → [`render`] → [`finish`] (bytes, file name,
//!   report); [`protocol`] is the typed messages that carry that path into the app's workers;
//! - a **thin Yew UI** (`ui`, wasm32 only) that gathers input, shows the preview and hands
//!   bytes to the core.
//!
//! ```
//! use campaign_kit::{render::{render, Inputs}, template::builtin_frames};
//! let frame = &builtin_frames()[0];
//! let image = render(frame, &Inputs::default(), 256).unwrap();
//! assert_eq!(image.dimensions(), (256, 256));
//! ```

pub mod bounded_read;
pub mod brand;
pub mod campaign;
pub mod export;
pub mod finish;
pub mod i18n;
pub mod image_header;
pub mod intake;
pub mod link;
pub mod pdf;
pub mod photo;
pub mod pledge;
pub mod poster;
pub mod protocol;
pub mod raster;
pub mod render;
pub mod report;
pub mod sharing;
pub mod template;
pub mod text;
pub mod twibbon;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
