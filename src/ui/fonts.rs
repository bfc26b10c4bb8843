//! "Make sure the fonts for these texts are loaded": the one place the web app fetches fallback
//! fonts (see `crate::text::Fallback`). The app embeds none of them, so a first visit stays
//! small; a page that draws a text Lato cannot asks the core which files it needs (a render's
//! `Coverage::needs`), fetches them from `fallback/` (same origin, copied there by Trunk; the
//! service worker caches them on first use, not at install) and draws again.
//!
//! Used by the poster page and the pledge card page through [`use_fallback_fonts`], and by the
//! batch and export workers through [`ensure`]; the twibbon page's worker, which draws its
//! previews, fetches the fonts a preview's texts need itself before it answers.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::text::{self, Fallback};
use crate::ui::browser;

/// Where Trunk copies `assets/fonts/fallback/`, relative to the page (and to the workers'
/// scripts, which sit next to it).
const FOLDER: &str = "fallback/";

/// Fetch and install every font of `needs` not installed yet, and the shaper if `shaper` (a
/// complex text: see `crate::text::Coverage::shaper`). `Ok(true)` when something was installed
/// (draw again); an error when a file could not be fetched (offline before the first use) or
/// was not a font.
pub async fn ensure(needs: &[Fallback], shaper: bool) -> Result<bool, JsValue> {
    let mut installed = false;
    if shaper && !text::has_shaper() {
        crate::ui::shaper::load().await?;
        installed = true;
    }
    for &fallback in needs {
        if text::is_installed(fallback) {
            continue;
        }
        let bytes = browser::fetch_bytes(
            &format!("{FOLDER}{}", fallback.file_name()),
            crate::bounded_read::FileKind::Font,
        )
        .await?;
        text::install_fallback(fallback, bytes)
            .map_err(|e| JsValue::from_str(&e.message(Lang::En)))?;
        installed = true;
    }
    Ok(installed)
}

/// What [`use_fallback_fonts`] tells a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FontStatus {
    /// Goes up each time fonts were installed: put it in the preview's dependencies.
    pub generation: u32,
    /// A fetch is under way (the characters it is for are not drawn yet).
    pub loading: bool,
    /// The last fetch failed (offline before the fonts were ever loaded).
    pub failed: bool,
}

/// What happened to a fetch (see [`use_fallback_fonts`]).
pub enum FontAction {
    Loading,
    Done { installed: bool, failed: bool },
}

impl Reducible for FontStatus {
    type Action = FontAction;
    fn reduce(self: Rc<Self>, action: FontAction) -> Rc<Self> {
        Rc::new(match action {
            FontAction::Loading => FontStatus {
                loading: true,
                ..*self
            },
            FontAction::Done { installed, failed } => FontStatus {
                generation: self.generation + u32::from(installed),
                loading: false,
                failed,
            },
        })
    }
}

/// Load the fallback fonts a page's texts need (`needs`: from its last render's coverage), and
/// the shaper if they need it; the returned generation changes when they are installed, so the
/// page renders again.
#[hook]
pub fn use_fallback_fonts(needs: Vec<Fallback>, shaper: bool) -> FontStatus {
    let status = use_reducer(FontStatus::default);
    {
        let dispatcher = status.dispatcher();
        use_effect_with((needs, shaper), move |(needs, shaper)| {
            let pending: Vec<Fallback> = needs
                .iter()
                .copied()
                .filter(|&f| !text::is_installed(f))
                .collect();
            let shaper = *shaper && !text::has_shaper();
            if !pending.is_empty() || shaper {
                dispatcher.dispatch(FontAction::Loading);
                spawn_local(async move {
                    let result = ensure(&pending, shaper).await;
                    dispatcher.dispatch(FontAction::Done {
                        installed: matches!(result, Ok(true)),
                        failed: result.is_err(),
                    });
                });
            }
        });
    }
    *status
}

/// The sentence for the page's note about characters not drawn, or `None` when there is
/// nothing to say. While their fonts are still loading there is nothing to say yet.
pub fn missing_note(missing: &[String], status: FontStatus, lang: Lang) -> Option<String> {
    if missing.is_empty() || status.loading {
        return None;
    }
    let mut note = text::cannot_draw_message(missing, lang);
    if status.failed {
        note.push(' ');
        note.push_str(offline_note(lang));
    }
    Some(note)
}

/// Said when the fonts could not be fetched.
pub fn offline_note(lang: Lang) -> &'static str {
    crate::ui::strings::strings(lang).fonts_offline
}
