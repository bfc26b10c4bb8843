//! The campaign-kit command line; see `campaign_kit::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    campaign_kit::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
