//! The photo worker's entry point (built by Trunk with `data-type="worker"`): JPEG photos with
//! the browser's decoder where it can, else ours; see `campaign_kit::ui::worker::guest`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::worker::guest::start_photo();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the photo worker runs in the browser");
}
