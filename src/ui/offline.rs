//! The service worker (www/sw.js) from the page's side: register it so the app works offline
//! after the first visit, and notice when a new version has been installed and is waiting.
//!
//! Updates never swap files under a running page: a new worker waits until the user chooses
//! "reload" (then it is told to `skipWaiting`, and the page reloads once it takes control) or
//! until every tab of the old version is closed.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState, ServiceWorkerUpdateViaCache,
};

/// Served next to index.html; the build's post-build hook (tools/precache.mjs) writes the list
/// of files to precache and the version into it.
const SCRIPT: &str = "./sw.js";

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Missing on plain http (other than localhost) and in some WebViews.
    let present = Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

/// Register the worker; call `on_update` when a new version is installed and waiting while
/// this page is controlled by an older one.
pub fn register(on_update: impl Fn() + 'static) {
    let Some(container) = container() else {
        return;
    };
    let options = RegistrationOptions::new();
    // Always check sw.js itself against the server, never the HTTP cache.
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options(SCRIPT, &options);
    let on_update: Rc<dyn Fn()> = Rc::new(on_update);
    // Another tab chose "reload": a new version now controls this page too, while it still
    // runs the old code. Offer the reload here as well.
    if container.controller().is_some() {
        let on_update = on_update.clone();
        let changed = Closure::<dyn FnMut()>::new(move || on_update());
        let _ = container
            .add_event_listener_with_callback("controllerchange", changed.as_ref().unchecked_ref());
        changed.forget();
    }
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(promise).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        // The very first install has no controller: nothing to update then.
        let controlled = {
            let container = container.clone();
            move || container.controller().is_some()
        };
        if registration.waiting().is_some() && controlled() {
            on_update();
        }
        let found = {
            let registration = registration.clone();
            Closure::<dyn FnMut()>::new(move || {
                let Some(installing) = registration.installing() else {
                    return;
                };
                let worker = installing.clone();
                let on_update = on_update.clone();
                let controlled = controlled.clone();
                let changed = Closure::<dyn FnMut()>::new(move || {
                    if worker.state() == ServiceWorkerState::Installed && controlled() {
                        on_update();
                    }
                });
                installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
                changed.forget();
            })
        };
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        // One registration per page load: the closure lives as long as the page.
        found.forget();
    });
}

/// Activate the waiting version and reload into it once it controls the page.
pub fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    let reloading = Rc::new(Cell::new(false));
    let reload = Closure::<dyn FnMut()>::new(move || {
        if !reloading.replace(true) {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    spawn_local(async move {
        let registration = JsFuture::from(container.get_registration()).await;
        let waiting: Option<ServiceWorker> = registration
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        if let Some(worker) = waiting {
            let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
        }
    });
}
