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

/// The first screen's picture, if it is exactly what the core would draw for `product` with
/// no photo, own frame or logo, at `side` pixels: then the app's first preview shows it instead
/// of drawing the same pixels again. The picture is the default design's
/// (`twibbon::first_screen_jpeg`; `tests/first_screen.rs` checks the committed file byte for
/// byte), so it is used for the twibbon the page starts with only
/// (`twibbon::state::first_screen_product`): any other design, text, size or brand kit is
/// drawn. Not on a site built with a campaign (`cargo xtask dist --campaign`) either, whose
/// picture is the campaign's frame while the page starts with the default design until the
/// campaign file has loaded; nor while the picture is still loading (or broken).
pub fn first_screen_picture(
    product: &crate::protocol::export::Product,
    side: u32,
) -> Option<web_sys::HtmlImageElement> {
    if *product != crate::ui::twibbon::state::first_screen_product()
        || crate::ui::twibbon::campaign::site_campaign_url().is_some()
    {
        return None;
    }
    let img: web_sys::HtmlImageElement = element("boot-preview")?.dyn_into().ok()?;
    let ready = img.complete() && img.natural_width() == side && img.natural_height() == side;
    ready.then_some(img)
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
