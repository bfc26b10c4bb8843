//! The page's side: load the studio module the first time the poster or pledge page is opened,
//! mount it, send it every change of language, tab and kit, and turn its events into the
//! page's actions. While it loads the tab says so; if it cannot load (offline before it was
//! ever opened, a failed download) the tab says why and offers to try again — nothing the
//! user did on the twibbon page is touched.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use super::{StudioEvent, StudioProps, ROOT_ID, SCRIPT};
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::ui::state::{KitChange, KitLink, KitOffer, Product};
use crate::ui::strings::strings;

// `import()` from Rust: a JS snippet, because only a module can import one (there is no eval
// under our CSP). Only the page's module calls it; the workers, built as classic scripts
// (which cannot carry snippets), never link it.
#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    fn import_module(url: &str) -> Promise;
}

/// Where the studio is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Load {
    /// Never asked for (the twibbon page is all this visit has used).
    Idle,
    Loading,
    Ready,
    Failed,
}

/// Import the studio module and initialise its wasm; resolves to the module's namespace.
/// `attempt` > 0 asks for a fresh URL: a browser may remember a failed import of the same one.
async fn load(attempt: u32) -> Result<JsValue, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    // Absolute: `import()` resolves a relative URL against the snippet's own address.
    let base = document.base_uri()?.unwrap_or_default();
    let url = web_sys::Url::new_with_base(SCRIPT, &base)?;
    if attempt > 0 {
        url.set_search(&format!("attempt={attempt}"));
    }
    let url = url.href();
    let module = JsFuture::from(import_module(&url)).await?;
    let init: Function = Reflect::get(&module, &"default".into())?.dyn_into()?;
    JsFuture::from(init.call0(&JsValue::NULL)?.dyn_into::<Promise>()?).await?;
    Ok(module)
}

#[derive(Properties, PartialEq)]
pub struct StudioHostProps {
    pub lang: Lang,
    pub product: Product,
    pub kit: Rc<BrandKit>,
    pub kit_link: Option<KitLink>,
    pub offer: Option<KitOffer>,
    pub kit_change: Option<KitChange>,
    pub on_event: Callback<StudioEvent>,
}

/// The poster and pledge pages' place on the page: empty until one is first opened.
#[function_component]
pub fn StudioHost(props: &StudioHostProps) -> Html {
    let s = strings(props.lang);
    let load_state = use_state(|| Load::Idle);
    let attempts = use_mut_ref(|| 0u32);
    // The mounted studio (its JS object), and what the closures below need of the newest props.
    let handle = use_mut_ref(|| None::<JsValue>);
    let on_event = use_mut_ref(|| props.on_event.clone());
    *on_event.borrow_mut() = props.on_event.clone();
    let wanted = props.product != Product::Twibbon;
    // The props as the studio reads them; not made at all on a visit that never opens it (the
    // kit, with its logo, can be some hundred KB of JSON).
    let json = if wanted || *load_state != Load::Idle {
        serde_json::to_string(&StudioProps {
            lang: props.lang,
            product: props.product,
            kit: (*props.kit).clone(),
            kit_link: props.kit_link.clone(),
            offer: props.offer.as_ref().map(|o| ((*o.kit).clone(), o.source)),
            kit_change: props
                .kit_change
                .as_ref()
                .map(|c| matches!(c, KitChange::Accepted { .. })),
        })
        .unwrap_or_default()
    } else {
        String::new()
    };
    let latest = use_mut_ref(String::new);
    *latest.borrow_mut() = json.clone();

    {
        // Load on first use (and again after "try again").
        let (load_state, attempts, handle, on_event, latest) = (
            load_state.clone(),
            attempts.clone(),
            handle.clone(),
            on_event.clone(),
            latest.clone(),
        );
        use_effect_with((wanted, *load_state), move |&(wanted, state)| {
            if wanted && state == Load::Idle {
                load_state.set(Load::Loading);
                let attempt = {
                    let mut n = attempts.borrow_mut();
                    *n += 1;
                    *n - 1
                };
                spawn_local(async move {
                    match load(attempt)
                        .await
                        .and_then(|module| mount(&module, &latest, on_event))
                    {
                        Ok(studio) => {
                            *handle.borrow_mut() = Some(studio);
                            load_state.set(Load::Ready);
                        }
                        Err(error) => {
                            web_sys::console::warn_2(&"studio module:".into(), &error);
                            load_state.set(Load::Failed);
                        }
                    }
                });
            }
        });
    }
    {
        // Every change after the mount (the mount itself took the newest props).
        let handle = handle.clone();
        use_effect_with(json, move |json| {
            if let Some(studio) = handle.borrow().as_ref() {
                if let Err(error) = call(studio, "update", &[&JsValue::from_str(json)]) {
                    web_sys::console::warn_2(&"studio update:".into(), &error);
                }
            }
        });
    }

    let retry = {
        let load_state = load_state.clone();
        move |_| load_state.set(Load::Idle)
    };
    html! {
        <>
            if wanted && *load_state == Load::Loading {
                <div class="layout studio-status">
                    <p id="studio-loading" class="hint" role="status" aria-busy="true">{s.studio_loading}</p>
                </div>
            }
            if wanted && *load_state == Load::Failed {
                <div class="layout studio-status">
                    <div id="studio-failed" class="error-banner" role="alert">
                        <p class="error-text">{s.studio_failed}</p>
                        <button type="button" id="studio-retry" class="primary" onclick={retry}>{s.studio_retry}</button>
                    </div>
                </div>
            }
        </>
    }
}

/// Mount the loaded module in index.html's `#studio`, with events going to the newest
/// `on_event`. Not inside this app's own root: Yew handles events by delegation from its root,
/// matching elements by a listener number each app counts from 1 — a click in the studio would
/// also fire whatever listener of this app has the same number.
fn mount(
    module: &JsValue,
    latest: &Rc<RefCell<String>>,
    on_event: Rc<RefCell<Callback<StudioEvent>>>,
) -> Result<JsValue, JsValue> {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
        .ok_or_else(|| JsValue::from_str("no #studio element"))?;
    // Lives as long as the page: the studio may call it at any time.
    let notify = Closure::<dyn Fn(String)>::new(move |json: String| {
        match serde_json::from_str::<StudioEvent>(&json) {
            Ok(event) => on_event.borrow().emit(event),
            Err(e) => web_sys::console::warn_1(&format!("studio event: {e}").into()),
        }
    })
    .into_js_value();
    let props = JsValue::from_str(&latest.borrow());
    call(module, "mount", &[&root.into(), &props, &notify])
}

/// `target[name](...args)`.
fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &name.into())?.dyn_into()?;
    let args: js_sys::Array = args.iter().copied().collect();
    f.apply(target, &args)
}
