//! The studio's export worker's entry point (built by Trunk with `data-type="worker"`): every
//! product, fetched the first time a poster or pledge card is exported; see
//! `campaign_kit::ui::export_worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::export_worker::guest::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the studio's export worker runs in the browser");
}
