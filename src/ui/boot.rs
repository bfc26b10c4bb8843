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
/// no photo, own frame or logo: then the app's first preview shows it instead of drawing the
/// same pixels again. The picture is the default design's (`twibbon::first_screen_jpeg`;
/// `tests/first_screen.rs` checks the committed file byte for byte), so it is used for the
/// twibbon the page starts with only (`twibbon::state::first_screen_product`): any other
/// design, text, size or brand kit is drawn. Not on a site built with a campaign (`cargo xtask
/// dist --campaign`) either, whose picture is the campaign's frame while the page starts with
/// the default design until the campaign file has loaded. The picture may still be loading:
/// see [`when_loaded`].
pub fn first_screen_picture(
    product: &crate::protocol::export::Product,
) -> Option<web_sys::HtmlImageElement> {
    if *product != crate::ui::twibbon::state::first_screen_product()
        || crate::ui::twibbon::campaign::site_campaign_url().is_some()
    {
        return None;
    }
    element("boot-preview")?.dyn_into().ok()
}

/// Give `then` the picture once it has loaded, if it is `side` pixels square; `None` if it
/// failed to load (or has another size). At once if it has finished loading already. On a fast
/// connection the app can mount before the picture has arrived (the page's script is asked for
/// first): waiting for it, rather than drawing the preview instead, keeps a first visit from
/// starting the preview worker, and downloading its wasm, before anyone has chosen a photo.
pub fn when_loaded(
    img: web_sys::HtmlImageElement,
    side: u32,
    then: impl FnOnce(Option<web_sys::HtmlImageElement>) + 'static,
) {
    let check = move |img: web_sys::HtmlImageElement| {
        let whole = img.natural_width() == side && img.natural_height() == side;
        whole.then_some(img)
    };
    if img.complete() {
        return then(check(img));
    }
    // Whichever of "load" and "error" comes first answers; the other listener is then dropped.
    type Waiting = Option<(
        Box<dyn FnOnce(Option<web_sys::HtmlImageElement>)>,
        Vec<EventListener>,
    )>;
    let waiting: std::rc::Rc<std::cell::RefCell<Waiting>> = Default::default();
    let answer = {
        let (waiting, img) = (waiting.clone(), img.clone());
        move || {
            let taken = waiting.borrow_mut().take();
            if let Some((then, _listeners)) = taken {
                then(check(img));
            }
        }
    };
    let on_load = {
        let answer = answer.clone();
        EventListener::once(&img, "load", move |_| answer())
    };
    let on_error = EventListener::once(&img, "error", move |_| answer());
    *waiting.borrow_mut() = Some((Box::new(then), vec![on_load, on_error]));
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

/// Whether `file` is the photo the first screen's script already sent to the twibbon's worker
/// to decode (`self.__earlyPhoto`, see `www/index.html`). Taken once: a later choice of the
/// same file is decoded afresh.
pub fn take_early_photo(file: &web_sys::File) -> bool {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("__earlyPhoto");
    let Ok(early) = js_sys::Reflect::get(&global, &key) else {
        return false;
    };
    let same = js_sys::Object::is(&early, file);
    if same {
        let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    }
    same
}
