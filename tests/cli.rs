//! The real `campaign-kit` binary: its output files, its exit codes and its one-line errors, and
//! that it renders exactly what the library renders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use campaign_kit::photo::Photo;
use campaign_kit::render::{render, Inputs, PhotoTransform};
use campaign_kit::template::{builtin_frames, frame_by_id};
use image::ImageFormat;

const BIN: &str = env!("CARGO_BIN_EXE_campaign-kit");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh, empty directory for one test (removed first if a previous run left it behind).
fn scratch(test: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "campaign-kit-cli-{}-{}-{test}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        // Fixed language, so messages do not depend on the machine running the tests.
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run campaign-kit")
}

fn describe(output: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8 here")
}

/// Runs `twibbon` and expects success; returns the written file's bytes.
fn twibbon_ok(extra: &[&str], out: &Path) -> Vec<u8> {
    let photo = fixture("astronaut.jpg");
    let mut args = vec![
        "twibbon",
        "--photo",
        path_str(&photo),
        "--out",
        path_str(out),
    ];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert!(output.status.success(), "{}", describe(&output));
    assert!(output.stderr.is_empty(), "{}", describe(&output));
    std::fs::read(out).expect("output written")
}

/// Expects a clean user error: exit code not 0 and not 101 (a panic), one non-empty stderr line.
fn assert_user_error(args: &[&str], what: &str) -> String {
    let output = run(args);
    let code = output.status.code();
    assert!(
        code.is_some() && code != Some(0) && code != Some(101),
        "{what}: want a non-zero, non-panic exit\n{}",
        describe(&output)
    );
    let stderr = String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: want exactly one stderr line\n{}",
        describe(&output)
    );
    assert!(!lines[0].trim().is_empty(), "{what}: empty message");
    assert!(
        !stderr.contains("panicked"),
        "{what}: panic\n{}",
        describe(&output)
    );
    lines[0].to_string()
}

#[test]
fn list_prints_the_frame_ids() {
    let output = run(&["list"]);
    assert!(output.status.success(), "{}", describe(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for id in ["lingkar-oranye", "pita-biru", "merah-putih"] {
        assert!(
            stdout.lines().any(|l| l.split('\t').next() == Some(id)),
            "{id} missing from:\n{stdout}"
        );
    }
    assert_eq!(stdout.lines().count(), builtin_frames().len());
}

#[test]
fn twibbon_writes_a_1080_png() {
    let dir = scratch("png");
    let out = dir.join("x.png");
    let bytes = twibbon_ok(&[], &out);
    assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::Png);
    let image = image::load_from_memory_with_format(&bytes, ImageFormat::Png).unwrap();
    assert_eq!((image.width(), image.height()), (1080, 1080));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn twibbon_writes_jpeg_by_flag_and_by_extension() {
    let dir = scratch("jpeg");
    // --format wins over an extension that says nothing.
    let by_flag = twibbon_ok(&["--format", "jpeg"], &dir.join("x.out"));
    let by_extension = twibbon_ok(&[], &dir.join("x.jpg"));
    for (what, bytes) in [("--format jpeg", by_flag), (".jpg", by_extension)] {
        assert_eq!(
            image::guess_format(&bytes).unwrap(),
            ImageFormat::Jpeg,
            "{what}"
        );
        let image = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).unwrap();
        assert_eq!((image.width(), image.height()), (1080, 1080), "{what}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_photos_give_one_line_errors() {
    let dir = scratch("bad");
    let astronaut = std::fs::read(fixture("astronaut.jpg")).unwrap();
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.resize(4096, 0);
    let cases: [(&str, &[u8]); 4] = [
        (
            "notes.jpg",
            b"Meeting notes: bring the banner.\nAnd the photos.\n",
        ),
        ("empty.jpg", b""),
        ("truncated.jpg", &astronaut[..astronaut.len() / 2]),
        ("photo.heic", &heic),
    ];
    for (name, bytes) in cases {
        let photo = dir.join(name);
        std::fs::write(&photo, bytes).unwrap();
        let out = dir.join(format!("{name}.png"));
        let line = assert_user_error(
            &[
                "twibbon",
                "--photo",
                path_str(&photo),
                "--out",
                path_str(&out),
            ],
            name,
        );
        assert!(
            line.contains(name),
            "{name}: message names the file: {line}"
        );
        assert!(!out.exists(), "{name}: no output on error");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn missing_photo_gives_one_line_error() {
    let dir = scratch("missing");
    let photo = dir.join("does-not-exist.jpg");
    let out = dir.join("x.png");
    let line = assert_user_error(
        &[
            "twibbon",
            "--photo",
            path_str(&photo),
            "--out",
            path_str(&out),
        ],
        "missing file",
    );
    assert!(line.contains("does-not-exist.jpg"), "{line}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unknown_frame_gives_one_line_error() {
    let dir = scratch("frame");
    let photo = fixture("astronaut.jpg");
    let out = dir.join("x.png");
    let line = assert_user_error(
        &[
            "twibbon",
            "--photo",
            path_str(&photo),
            "--frame",
            "nope",
            "--out",
            path_str(&out),
        ],
        "--frame nope",
    );
    assert!(line.contains("nope"), "{line}");
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_output_equals_the_library_render() {
    let dir = scratch("same");
    let out = dir.join("x.png");
    let bytes = twibbon_ok(
        &[
            "--zoom",
            "1.3",
            "--offset-x",
            "40",
            "--offset-y",
            "-25",
            "--rotate",
            "10",
            "--frame",
            "pita-biru",
        ],
        &out,
    );
    let from_cli = image::load_from_memory_with_format(&bytes, ImageFormat::Png)
        .unwrap()
        .into_rgba8();

    let photo = Photo::decode(&std::fs::read(fixture("astronaut.jpg")).unwrap()).unwrap();
    let inputs = Inputs {
        photo: Some(&photo),
        transform: PhotoTransform {
            zoom: 1.3,
            offset_x: 40.0 / 1080.0,
            offset_y: -25.0 / 1080.0,
            rotate: 10.0,
        },
        ..Inputs::default()
    };
    let from_library = render(frame_by_id("pita-biru").unwrap(), &inputs, 1080).unwrap();

    assert_eq!(from_cli.dimensions(), from_library.dimensions());
    let differing = from_cli
        .pixels()
        .zip(from_library.pixels())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(
        differing, 0,
        "pixels differ between the CLI and the library"
    );
    let _ = std::fs::remove_dir_all(dir);
}
