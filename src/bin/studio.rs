//! The studio module's entry points (built by Trunk as an ES module that the page imports the
//! first time the poster or pledge card page is opened); see `campaign_kit::ui::studio`.

#[cfg(target_arch = "wasm32")]
mod exports {
    use campaign_kit::ui::studio::guest;
    use wasm_bindgen::prelude::*;

    /// The mounted studio, as the page holds it.
    #[wasm_bindgen]
    pub struct Studio(guest::Studio);

    #[wasm_bindgen]
    impl Studio {
        /// Re-render with new props (JSON `StudioProps`).
        pub fn update(&mut self, props: &str) -> Result<(), JsValue> {
            self.0.update(props)
        }
    }

    /// Mount the poster and pledge pages in `root`; `notify` receives each `StudioEvent` as
    /// JSON.
    #[wasm_bindgen]
    pub fn mount(
        root: web_sys::Element,
        props: &str,
        notify: js_sys::Function,
    ) -> Result<Studio, JsValue> {
        guest::Studio::mount(root, props, notify).map(Studio)
    }
}

// wasm-bindgen runs `main` when the page initialises the module: nothing to do until `mount`.
fn main() {}
