//! Where the brand kit lives in the browser: localStorage, and the `#kit=…` fragment of the
//! link the page was opened with (read once at start-up, then removed from the address bar so
//! a reload or a bookmark does not re-apply it over later edits).

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::brand::BrandKit;
use crate::ui::state::KitLink;

const KIT_KEY: &str = "campaign-kit.brand";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The kit to start with (the stored one), a kit link in the address that could not be read
/// (why), and a good link's kit — offered to the user, never stored or applied here.
pub fn initial() -> (BrandKit, Option<KitLink>, Option<BrandKit>) {
    let stored = storage()
        .and_then(|s| s.get_item(KIT_KEY).ok().flatten())
        // A stored kit that no longer reads (edited by hand, older app) is dropped silently;
        // one whose logo alone no longer passes (stricter logo limits) keeps the rest.
        .and_then(|json| {
            BrandKit::from_json(json.as_bytes())
                .ok()
                .or_else(|| without_logo(&json))
        })
        .unwrap_or_default();
    match kit_in_address() {
        None => (stored, None, None),
        Some(Ok(kit)) => (stored, None, Some(kit)),
        Some(Err(failed)) => (stored, Some(failed), None),
    }
}

/// The kit in the address's `#kit=` fragment, if there is one: read once, then removed from
/// the address (a reload or a bookmark must not offer it again over later choices).
pub fn kit_in_address() -> Option<Result<BrandKit, KitLink>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if !BrandKit::fragment_has_kit(&hash) {
        return None;
    }
    clear_fragment();
    Some(BrandKit::from_link_fragment(&hash).map_err(|e| KitLink::failed(&e)))
}

/// The stored kit read again without its logo (its JSON read, the logo dropped, the rest
/// checked as ever).
fn without_logo(json: &str) -> Option<BrandKit> {
    let mut kit: BrandKit = serde_json::from_str(json).ok()?;
    kit.logo.take()?;
    kit.validate().ok()?;
    Some(kit)
}

/// Remember the kit (quietly does nothing when storage is full or disabled).
pub fn save(kit: &BrandKit) {
    if let Some(s) = storage() {
        let _ = s.set_item(KIT_KEY, &serde_json::to_string(kit).unwrap_or_default());
    }
}

/// `history.replaceState(null, "", path + query)`, looked up at run time (no extra web-sys
/// feature for one call).
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let Ok(history) = Reflect::get(&window, &"history".into()) else {
        return;
    };
    if let Ok(f) = Reflect::get(&history, &"replaceState".into()) {
        if let Ok(f) = f.dyn_into::<Function>() {
            let _ = f.call3(&history, &JsValue::NULL, &"".into(), &url.into());
        }
    }
}

/// The link that opens this app with `fragment` (`kit=…`).
pub fn link_for(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}
