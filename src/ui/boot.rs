//! The hand-over from the static first screen (`www/index.html`'s `#boot`: the header, the
//! preview as a picture and a real file input, shown before the wasm has loaded) to the app,
//! which mounts into `#app`. A photo chosen on the first screen — before the app started, or in
//! a file dialog opened then and closed later — goes to the twibbon page as if chosen there.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::Callback;

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Where the app mounts: `#app`, if the page has one.
pub fn root() -> Option<web_sys::Element> {
    element("app")
}

/// Hide the first screen: the app has drawn its own.
pub fn hide() {
    if let Some(boot) = element("boot") {
        let _ = boot.set_attribute("hidden", "");
    }
}

/// Give `on_photo` the photo chosen on the first screen, now or when its dialog closes.
pub fn take_photo(on_photo: Callback<web_sys::File>) {
    let Some(input) = element("boot-photo").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(file) = input.files().and_then(|f| f.get(0)) {
        input.set_value("");
        on_photo.emit(file);
    }
    let target = input.clone();
    // The page lives as long as the app: the listener is never removed.
    EventListener::new(&input, "change", move |_| {
        if let Some(file) = target.files().and_then(|f| f.get(0)) {
            target.set_value("");
            on_photo.emit(file);
        }
    })
    .forget();
}
