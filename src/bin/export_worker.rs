//! The twibbon page's export worker's entry point, twibbons only (built by Trunk with
//! `data-type="worker"`); see `campaign_kit::ui::export_worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::export_worker::guest::start_twibbon();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the export worker runs in the browser");
}
