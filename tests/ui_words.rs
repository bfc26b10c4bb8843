//! Every word of the UI lives in `src/ui/strings/` (one file per language): no other UI file
//! picks a sentence by language. The core's errors keep their own `message(lang)`; the UI
//! shows them as they are.

use std::path::{Path, PathBuf};

/// Files still choosing words by language themselves, and why.
const ALLOWED: &[&str] = &[
    // The word lists themselves.
    "src/ui/strings/mod.rs",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_ui_file_but_the_strings_picks_words_by_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    assert!(files.len() > 20, "the UI's files were found");
    let mut offenders = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED.contains(&relative.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains("Lang::Id =>") || line.contains("Lang::En =>") {
                offenders.push(format!("{relative}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "words chosen by language outside src/ui/strings/:\n{}",
        offenders.join("\n")
    );
}
