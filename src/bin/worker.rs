//! The decode worker's entry point (built by Trunk with `data-type="worker"`); see
//! `campaign_kit::ui::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::worker::guest::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the decode worker runs in the browser");
}
