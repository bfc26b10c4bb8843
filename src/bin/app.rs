//! The web app's entry point (built by Trunk for wasm32); see `campaign_kit::ui`.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_kit::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the web app runs in the browser: use `cargo xtask serve`");
}
