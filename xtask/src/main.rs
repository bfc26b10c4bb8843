//! Project automation: `cargo xtask serve | test | bench | setup | dist`.
//!
//! Both commands first install what is missing, at the versions pinned in the repository, from
//! the package registries only (crates.io, npm, Debian): the wasm32 target, Trunk, the
//! wasm-bindgen CLI matching Cargo.lock, npm packages from package-lock.json (wasm-opt via
//! binaryen, playwright-core, axe-core, lighthouse) and, for tests, Debian's Chromium. Nothing is downloaded from
//! anywhere else: Trunk runs offline and uses the tools on PATH.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod site;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("bench") => bench(),
        Some("setup") => setup(false),
        Some("dist") => dist(&args[1..]),
        _ => Err(
            "usage: cargo xtask <serve|test|bench|setup|dist [--campaign FILE] [--out DIR] [--no-build]>"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn cargo() -> String {
    env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn home_cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// PATH with the project's npm tools and cargo's bin directory first.
fn path_env() -> OsString {
    let mut paths = vec![root().join("node_modules/.bin"), home_cargo_bin()];
    if let Some(path) = env::var_os("PATH") {
        paths.extend(env::split_paths(&path));
    }
    env::join_paths(paths).expect("valid PATH")
}

fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", path_env());
    c
}

/// Every step [`run`] ran, with its time: what `cargo xtask test` prints at the end, so where a
/// run's time goes is in every log (a newcomer's first run installs tools too).
static STEPS: std::sync::Mutex<Vec<(String, f64)>> = std::sync::Mutex::new(Vec::new());

/// Run a command, failing with its description when it fails.
fn run(what: &str, c: &mut Command) -> Result {
    let start = Instant::now();
    eprintln!("xtask: ▶ {what}");
    let status = c
        .status()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    if let Ok(mut steps) = STEPS.lock() {
        steps.push((what.to_string(), seconds));
    }
    eprintln!(
        "xtask: {} {what} ({seconds:.1} s)",
        if status.success() { "✔" } else { "✘" },
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// The first line a tool prints for `--version`, if it runs.
fn version_of(program: &str) -> Option<String> {
    let out = cmd(program).arg("--version").output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

/// `version = "…"` of a package in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or(format!("{package} not in Cargo.lock"))?
        + needle.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string())
}

/// A `key = "value"` string from Trunk.toml (the pins live there).
fn trunk_toml(key: &str) -> Result<String> {
    let text = std::fs::read_to_string(root().join("Trunk.toml"))
        .map_err(|e| format!("Trunk.toml: {e}"))?;
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .ok_or(format!("Trunk.toml has no {key}"))
}

fn cargo_install(krate: &str, version: &str) -> Result {
    if run(
        &format!("cargo install {krate} {version} --locked"),
        quick_install(cmd(&cargo()).args(["install", krate, "--version", version, "--locked"])),
    )
    .is_ok()
    {
        return Ok(());
    }
    // wasm-bindgen-cli's lock file names a crate version the registry mirror lacks; resolve afresh.
    eprintln!("xtask: `--locked` install of {krate} failed; retrying with a fresh resolution");
    run(
        &format!("cargo install {krate} {version}"),
        quick_install(cmd(&cargo()).args(["install", krate, "--version", version])),
    )
}

/// Build a tool quickly rather than small and fast: Trunk ships with fat LTO and one codegen
/// unit, which made its install a third of a newcomer's first `cargo xtask test` (issue 29).
/// Our tools only orchestrate (spawn cargo, copy files, minify a few KB), so their own speed
/// does not show; Cargo lets these settings override the tool's manifest.
fn quick_install(command: &mut Command) -> &mut Command {
    command
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
}

/// Install everything the build and the tests need that is missing. Idempotent and quick
/// when all is in place.
fn setup(browser: bool) -> Result {
    let start = Instant::now();
    // The wasm target and the lint tools.
    let targets = cmd("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout).contains("wasm32-unknown-unknown") {
        run(
            "rustup target add wasm32-unknown-unknown",
            cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        )?;
    }
    if version_of("rustfmt").is_none()
        || cmd(&cargo())
            .args(["clippy", "--version"])
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
    {
        run(
            "rustup component add rustfmt clippy",
            cmd("rustup").args(["component", "add", "rustfmt", "clippy"]),
        )?;
    }

    // Trunk and wasm-bindgen at the pinned versions.
    let trunk = trunk_toml("trunk-version")?;
    if version_of("trunk").as_deref() != Some(&format!("trunk {trunk}")) {
        cargo_install("trunk", &trunk)?;
    }
    let bindgen = locked_version("wasm-bindgen")?;
    let pinned = trunk_toml("wasm_bindgen")?;
    if pinned != bindgen {
        return Err(format!(
            "Trunk.toml pins wasm-bindgen {pinned} but Cargo.lock has {bindgen}: make them equal"
        ));
    }
    if version_of("wasm-bindgen").as_deref() != Some(&format!("wasm-bindgen {bindgen}")) {
        cargo_install("wasm-bindgen-cli", &bindgen)?;
    }

    // npm packages (wasm-opt from binaryen, playwright-core, axe-core, lighthouse) exactly as
    // locked: reinstalled whenever package-lock.json differs from the copy stamped at the last
    // `npm ci`, so a changed lock file never leaves node_modules stale.
    if version_of("npm").is_none() {
        return Err("npm (Node.js) is needed: apt-get install nodejs npm".into());
    }
    let wasm_opt = version_of("wasm-opt").unwrap_or_default();
    let want_opt = trunk_toml("wasm_opt")?;
    let lock = std::fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root().join("node_modules/.campaign-kit-npm-ci.stamp");
    if !root().join("node_modules/playwright-core").exists()
        || !wasm_opt.contains(&want_opt)
        || std::fs::read(&stamp).ok().as_deref() != Some(lock.as_slice())
    {
        run("npm ci", cmd("npm").args(["ci", "--no-audit", "--no-fund"]))?;
        std::fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }

    if browser && !Path::new(&chromium()).exists() {
        install_by_apt("Chromium", &["chromium"])?;
    }
    // The browser tests serve `xtask dist`'s output with the real nginx and its generated
    // configuration (brotli_static is a module of its own in Debian).
    if browser && (!Path::new(NGINX).exists() || !Path::new(NGINX_BROTLI).exists()) {
        install_by_apt("nginx", &["nginx", "libnginx-mod-http-brotli-static"])?;
    }
    // Trunk builds offline: have every crate in the local registry first.
    run("cargo fetch", cmd(&cargo()).args(["fetch"]))?;
    eprintln!(
        "xtask: set-up done ({:.1} s)",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn chromium() -> String {
    env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Debian's nginx and its brotli_static module (what `tests/e2e/nginx.test.mjs` runs).
const NGINX: &str = "/usr/sbin/nginx";
const NGINX_BROTLI: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Install Debian packages by name (never a downloaded binary): as root, or say how.
fn install_by_apt(what: &str, packages: &[&str]) -> Result {
    let is_root = cmd("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        return Err(format!(
            "{what} is missing: run `sudo apt-get install {}`",
            packages.join(" ")
        ));
    }
    run("apt-get update", cmd("apt-get").args(["update", "-q"]))?;
    run(
        &format!("apt-get install {}", packages.join(" ")),
        cmd("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(packages)
            // Install only: the tests start their own nginx, on a loopback port.
            .env("DEBIAN_FRONTEND", "noninteractive")
            .env("RUNLEVEL", "1"),
    )
}

/// `cargo xtask dist [--campaign FILE] [--out DIR] [--no-build]`: the release build and its
/// host configuration, ready to deploy; with a twibbon campaign file as the site's built-in
/// default (see site.rs and the README's "Put it on your agency's site"). `--no-build` packages
/// the dist/ there is (one build, several campaign sites).
fn dist(args: &[String]) -> Result {
    const USAGE: &str = "usage: cargo xtask dist [--campaign FILE] [--out DIR] [--no-build]";
    let (mut out, mut campaign, mut build) = (root().join("target/site"), None, true);
    let mut flags = args.iter();
    while let Some(flag) = flags.next() {
        match flag.as_str() {
            "--no-build" => build = false,
            "--out" | "--campaign" => {
                let value = PathBuf::from(flags.next().ok_or(USAGE)?);
                if flag == "--out" {
                    out = value;
                } else {
                    campaign = Some(value);
                }
            }
            _ => return Err(USAGE.into()),
        }
    }
    if build {
        setup(false)?;
    }
    // A campaign the app cannot use fails here, before minutes of release build.
    let campaign = campaign.map(|file| check_campaign(&file)).transpose()?;
    if build {
        trunk_build()?;
    }
    let site = write_site(
        &out,
        campaign
            .as_ref()
            .map(|(json, jpeg)| (json.as_slice(), jpeg.as_slice())),
    )?;
    eprintln!(
        "xtask: site in {} and nginx.conf, Containerfile beside it in {}{}",
        site.display(),
        out.display(),
        if campaign.is_some() {
            format!("; its built-in campaign is site/{}", site::CAMPAIGN_FILE)
        } else {
            String::new()
        }
    );
    Ok(())
}

/// Run the debug CLI (`cargo run --bin campaign-kit -- args…`); its stderr becomes the error.
fn campaign_kit(args: &[&std::ffi::OsStr]) -> Result {
    let output = cmd(&cargo())
        .args(["run", "-q", "--bin", "campaign-kit", "--"])
        .args(args)
        .output()
        .map_err(|e| format!("campaign-kit: cannot start: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// The campaign file limit (`campaign::MAX_CAMPAIGN_JSON`, which the CLI has just enforced):
/// xtask links no part of the app, so the number is repeated here, as a ceiling only.
const MAX_CAMPAIGN_FILE: u64 = 4 * 1024 * 1024;

/// Read at most `limit` bytes of `path`: more is an error, whatever the path is.
fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() as u64 > limit {
        return Err(format!("{}: more than {limit} bytes", path.display()));
    }
    Ok(bytes)
}

/// Check a campaign file for real — the CLI reads, validates and renders it onto a test
/// photo — and draw its first screen (what the page shows before its wasm has loaded) with the
/// same core. Returns the file's bytes and that JPEG; a failure carries the CLI's message.
fn check_campaign(file: &Path) -> Result<(Vec<u8>, Vec<u8>)> {
    let file = std::path::absolute(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let scratch = env::temp_dir().join(format!("campaign-kit-check-{}", std::process::id()));
    let (png, jpeg) = (scratch.with_extension("png"), scratch.with_extension("jpg"));
    let photo = root().join("tests/fixtures/astronaut.jpg");
    eprintln!("xtask: ▶ check campaign {}", file.display());
    let checked = campaign_kit(&[
        "twibbon".as_ref(),
        "--campaign".as_ref(),
        file.as_os_str(),
        "--photo".as_ref(),
        photo.as_os_str(),
        "--out".as_ref(),
        png.as_os_str(),
    ])
    .and_then(|()| {
        campaign_kit(&[
            "first-screen".as_ref(),
            "--campaign".as_ref(),
            file.as_os_str(),
            "--out".as_ref(),
            jpeg.as_os_str(),
        ])
    })
    .and_then(|()| std::fs::read(&jpeg).map_err(|e| format!("{}: {e}", jpeg.display())));
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&jpeg);
    let first_screen =
        checked.map_err(|e| format!("{} is not a usable campaign: {e}", file.display()))?;
    // Read only once the CLI has read it through its bounded reader and accepted it; still
    // bounded here, in case the file changed (or is a pipe) in between.
    let bytes = read_at_most(&file, MAX_CAMPAIGN_FILE)?;
    Ok((bytes, first_screen))
}

/// `xtask dist`'s folder from the built dist/, with `campaign` (checked bytes) built in: the
/// service worker's list and version and the precompressed copies are then redone for the
/// changed site (tools/precache.mjs), so the campaign is precached like the rest.
fn write_site(out: &Path, campaign: Option<(&[u8], &[u8])>) -> Result<PathBuf> {
    let site = site::write(&root().join("dist"), out, campaign.map(|(json, _)| json))?;
    if let Some((_, first_screen)) = campaign {
        // The site's first screen shows the campaign's frame, not the default design.
        let path = site.join("boot-preview.jpg");
        std::fs::write(&path, first_screen).map_err(|e| format!("{}: {e}", path.display()))?;
        let absolute =
            std::path::absolute(&site).map_err(|e| format!("{}: {e}", site.display()))?;
        run(
            "precache.mjs for the site with its campaign",
            cmd("node")
                .arg("tools/precache.mjs")
                .env("PRECACHE_SITE", &absolute),
        )?;
        let sw = std::fs::read_to_string(site.join("sw.js")).map_err(|e| e.to_string())?;
        if !sw.contains(&format!("\"{}\"", site::CAMPAIGN_FILE)) {
            return Err(format!(
                "{}: the service worker does not precache {}",
                site.display(),
                site::CAMPAIGN_FILE
            ));
        }
    }
    Ok(site)
}

fn trunk_build() -> Result {
    run(
        "trunk build --release",
        cmd("trunk").args(["build", "--release"]),
    )
}

fn serve() -> Result {
    setup(false)?;
    eprintln!("xtask: serving at http://127.0.0.1:8080 (Ctrl-C to stop)");
    run("trunk serve", cmd("trunk").args(["serve", "--release"]))
}

fn test() -> Result {
    let start = Instant::now();
    setup(true)?;
    run(
        "cargo fmt --check",
        cmd(&cargo()).args(["fmt", "--all", "--", "--check"]),
    )?;
    run(
        "cargo clippy (native)",
        cmd(&cargo()).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        "cargo clippy (wasm32 app and workers)",
        cmd(&cargo()).args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--bins",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        "cargo test (native)",
        cmd(&cargo()).args(["test", "--workspace"]),
    )?;
    trunk_build()?;
    print_sizes()?;
    // What an agency deploys, for the nginx test (tests/e2e/nginx.test.mjs): as it is, and with
    // the test campaign built in (the same build, so no second release build).
    write_site(&root().join("target/site"), None)?;
    let (campaign, first_screen) = check_campaign(&root().join("tests/fixtures/campaign.json"))?;
    write_site(
        &root().join("target/site-campaign"),
        Some((&campaign, &first_screen)),
    )?;
    run(
        "browser tests (headless Chromium)",
        cmd("node")
            .args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .env("CHROMIUM", chromium()),
    )?;
    // Figures only: Lighthouse's scores never fail the run, and neither does Lighthouse itself
    // failing to run (it is a report, not a test); a warning says so.
    if let Err(e) = run(
        "lighthouse (figures only, not a test)",
        cmd("node")
            .arg("tools/lighthouse.mjs")
            .env("CHROMIUM", chromium()),
    ) {
        eprintln!("xtask: ⚠ {e}: no Lighthouse figures in this run");
    }
    print_split(start.elapsed().as_secs_f64());
    eprintln!(
        "xtask: all tests passed in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Where the run's time went: each step, its share, and what no step accounts for (set-up
/// checks, writing the sites).
fn print_split(total: f64) {
    let steps = STEPS.lock().map(|s| s.clone()).unwrap_or_default();
    eprintln!("xtask: where the time went ({total:.0} s):");
    let mut counted = 0.0;
    for (what, seconds) in &steps {
        counted += seconds;
        eprintln!(
            "xtask:   {seconds:7.1} s  {:4.1} %  {what}",
            100.0 * seconds / total.max(1e-9)
        );
    }
    let rest = (total - counted).max(0.0);
    eprintln!(
        "xtask:   {rest:7.1} s  {:4.1} %  everything else",
        100.0 * rest / total.max(1e-9)
    );
}

/// Benchmarks (never run by CI): criterion benches of the core stages natively, then the
/// release build in headless Chromium against the canvas path. See BENCHMARKS.md.
fn bench() -> Result {
    setup(true)?;
    run(
        "cargo bench (core stages, native)",
        cmd(&cargo()).args(["bench", "--bench", "core"]),
    )?;
    trunk_build()?;
    print_sizes()?;
    run(
        "browser benchmark (headless Chromium)",
        cmd("node")
            .arg("tests/bench/browser.mjs")
            .env("CHROMIUM", chromium()),
    )?;
    // An ASN's first twibbon on a weak phone (issue 29): first visits on Fast 3G + 4× CPU, a
    // phone photo picked on the first screen at once; time to the photo in the frame and to
    // the download, and every file the journey fetched, per file (median of 3).
    run(
        "browser benchmark: the first twibbon on a weak phone",
        cmd("node")
            .arg("tests/bench/weak-phone.mjs")
            .env("CHROMIUM", chromium()),
    )?;
    // Lighthouse mobile on the twibbon page (issue 14's score, LCP and TBT targets), on a
    // machine that is not also running the browser tests.
    run(
        "lighthouse (mobile, the twibbon page)",
        cmd("node")
            .arg("tools/lighthouse.mjs")
            .env("CHROMIUM", chromium()),
    )?;
    // 1,000 pledge cards through the real batch panel and worker: time, worker memory, page
    // heap and output sizes (the timed e2e case, skipped in CI unless PLEDGE_ROWS is set).
    run(
        "browser benchmark: 1,000 pledge cards",
        cmd("node")
            .args([
                "--test",
                "--test-name-pattern=batch timing",
                "tests/e2e/pledge.test.mjs",
            ])
            .env("PLEDGE_ROWS", "1000")
            .env("CHROMIUM", chromium()),
    )
}

/// Print the raw, gzip -9 and brotli sizes of everything in dist/ (what a first visit
/// downloads), read from the precompressed `.gz` / `.br` copies the build writes beside each
/// file (tools/precache.mjs); a file without one is sent as it is.
fn print_sizes() -> Result {
    let dist = root().join("dist");
    let mut entries: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| format!("dist/: {e}"))?
        .flatten()
        .filter(|e| e.path().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            !name.ends_with(".gz") && !name.ends_with(".br")
        })
        .collect();
    entries.sort_by_key(|e| e.file_name());
    let size = |path: &std::path::Path| std::fs::metadata(path).map(|m| m.len()).ok();
    let mut totals = (0u64, 0u64, 0u64);
    println!("size of dist/ (raw / gzip -9 / brotli 11):");
    for entry in &entries {
        let path = entry.path();
        let raw = size(&path).unwrap_or(0);
        let with = |ext: &str| {
            let mut p = path.clone().into_os_string();
            p.push(ext);
            size(std::path::Path::new(&p)).unwrap_or(raw)
        };
        let (gz, br) = (with(".gz"), with(".br"));
        totals = (totals.0 + raw, totals.1 + gz, totals.2 + br);
        let name = entry.file_name().to_string_lossy().to_string();
        let tag = if name.ends_with(".wasm") {
            "  ← wasm"
        } else {
            ""
        };
        println!("  {name:<40} {raw:>9} B  {gz:>9} B  {br:>9} B{tag}");
    }
    println!(
        "  {:<40} {:>9} B  {:>9} B  {:>9} B",
        "total", totals.0, totals.1, totals.2
    );
    Ok(())
}
