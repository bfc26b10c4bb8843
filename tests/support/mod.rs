//! Helpers shared by integration tests.
pub mod golden_check;
pub mod kit;
