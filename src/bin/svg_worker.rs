//! The SVG logo worker's entry point (built by Trunk with `data-type="worker"`): resvg only,
//! fetched the first time a brand kit has an SVG logo; see `campaign_kit::ui::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::worker::guest::start_svg();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the SVG logo worker runs in the browser");
}
