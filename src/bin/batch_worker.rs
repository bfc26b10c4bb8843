//! The pledge card batch worker's entry point (built by Trunk with `data-type="worker"`); see
//! `campaign_kit::ui::batch_worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::batch_worker::guest::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the batch worker runs in the browser");
}
