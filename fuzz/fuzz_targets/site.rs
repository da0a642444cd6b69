//! A whole build from bytes: the input is cut into up to three files at
//! `\0` bytes (a post, `profile.toml`, `warta.toml`) laid over the
//! `minimal` test site, which is then built into a temporary folder.
//! Every outcome must be a site or diagnostics, never a panic, and a
//! failed build must leave the previous output as it was.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tempfile::TempDir;
use warta::site::{BuildRequest, Site};

static DIR: OnceLock<TempDir> = OnceLock::new();

const FILES: [&str; 3] = [
    "content/berita/2025-08-26-posyandu-krajan.md",
    "profile.toml",
    "warta.toml",
];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal")
}

/// Copies the fixture's files over `root`, so each run starts from it.
fn reset(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("fixture") {
        let entry = entry.expect("fixture entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            reset(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temporary folder"));
    let root = dir.path().join("site");
    reset(&fixture(), &root);
    for (part, file) in data.split(|b| *b == 0).zip(FILES) {
        std::fs::write(root.join(file), part).expect("write input");
    }
    let output = dir.path().join("public");
    let req = BuildRequest {
        root: root.clone(),
        output: Some(output.clone()),
        drafts: true,
        base_url: None,
        portable: false,
        options_now: None,
        strict: false,
    };
    let before = std::fs::read(output.join("index.html")).ok();
    if Site::build(&req).is_err() {
        assert_eq!(
            std::fs::read(output.join("index.html")).ok(),
            before,
            "a failed build changed the previous output"
        );
    }
});
