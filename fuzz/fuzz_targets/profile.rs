//! Any bytes as `profile.toml`: load and validate it as a site would.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tempfile::TempDir;
use warta::load::profile::load_profile;

static DIR: OnceLock<TempDir> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temporary folder"));
    std::fs::write(dir.path().join("profile.toml"), data).expect("write profile.toml");
    let _ = load_profile(dir.path());
});
