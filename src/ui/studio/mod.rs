//! The poster and pledge card pages — and the brand kit editor, which lives on the poster
//! page — are a second wasm module, `studio` (src/bin/studio.rs), loaded the first time one of
//! them is opened. A first visit to the twibbon page, what nearly every ASN comes for, then
//! downloads and compiles only the twibbon page's code (issue 14: "split by product").
//!
//! The two modules share nothing in memory, so they talk in JSON, as the workers do:
//! - the page ([`host`]) owns the language, the tab shown and the brand kit, and sends them as
//!   [`StudioProps`] whenever one changes;
//! - the studio ([`guest`]) mounts its own Yew app inside an element the page gives it, and
//!   sends back [`StudioEvent`]s (the kit was edited, the kit-link notice was dismissed, the
//!   pledge page asked for the kit editor).
//!
//! The kit stays the page's: the twibbon designs draw it too, and it is the page that stores it.

pub mod guest;
pub mod host;

use serde::{Deserialize, Serialize};

use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::ui::state::{KitLink, KitSource, Product};

/// The studio module's ES module (wasm-bindgen's `web` target, not hashed by Trunk: the page
/// names it at run time, as it names the workers).
pub const SCRIPT: &str = "studio.js";

/// The element the studio mounts in (index.html), beside the page's own `#app`.
pub const ROOT_ID: &str = "studio";

/// What the studio shows: sent by the page on every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StudioProps {
    pub lang: Lang,
    /// The tab shown; the studio's pages are hidden while it is the twibbon.
    pub product: Product,
    pub kit: BrandKit,
    pub kit_link: Option<KitLink>,
    /// A kit from a link or a file, waiting for the user's choice (shown beside `kit`).
    pub offer: Option<(BrandKit, KitSource)>,
    /// What the last choice did: `Some(true)` accepted (undo offered), `Some(false)` undone.
    pub kit_change: Option<bool>,
}

/// What the studio tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StudioEvent {
    /// The kit was edited on the poster page.
    Kit(BrandKit),
    /// The "kit loaded from a link" notice was closed.
    DismissKitLink,
    /// The pledge page's "edit the brand kit" button: show the poster page.
    OpenKit,
    /// A kit file was imported in the kit panel: the page offers it beside the kept kit.
    OfferKit(BrandKit),
    /// The offer's answers (see `ui::components::kit_offer`): use this kit (maybe without a
    /// logo that cannot be drawn), keep mine, undo, close the undo line.
    AcceptKit(BrandKit),
    DeclineKit,
    UndoKit,
    DismissKitChange,
}
