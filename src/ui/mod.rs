//! The Yew UI (wasm32 only).
