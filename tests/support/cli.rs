//! Running the real `campaign-kit` binary from the CLI tests: scratch folders, fixture paths,
//! and a readable account of a failed run.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The binary Cargo built for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_campaign-kit");

/// A fresh, empty folder for one test (`kind` and `test` keep parallel tests apart).
pub fn scratch(kind: &str, test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("campaign-kit-{kind}-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exit status and stderr, for assertion messages.
pub fn describe(o: &Output) -> String {
    format!(
        "status {:?}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A file in tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
