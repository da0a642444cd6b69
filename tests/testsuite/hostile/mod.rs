//! Hostile and broken input (issue 11): every case is refused or warned
//! about the way a writer can act on, never a panic, never a half-written
//! site. One file per area, each owning its cases:
//!
//! - `links`: the URL policy for Markdown, front matter and profile links;
//! - `messages`: writers' mistakes in TOML (dates, quotes, lists, keys) and
//!   values that cannot be true;
//! - `files`: what is read (symlinks, special files, sizes, dot-folders,
//!   extensions, bundles) and what the output keeps (the swap, leftovers);
//! - `photos`: formats, originals, privacy, warnings and `--strict`;
//! - `server`: the preview server under hostile clients;
//! - `unreadable`: folders warta may not read, as warnings naming them.
//!
//! [`refused`] is the common check: exit 1, every expected text in the
//! output, no panic, and the previous `public/` byte for byte as it was.

use std::collections::BTreeMap;

use crate::support::Site;

mod files;
mod links;
mod messages;
mod photos;
mod server;
mod unreadable;

/// Every file below `public/` with its bytes.
pub fn public_bytes(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.output_files()
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(site.path("public").join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Builds `site` once, breaks it with `breaks`, runs `args` (a `build`
/// unless given), and checks the refusal: exit 1, every `expected` text in
/// the output, no panic, the previous `public/` byte for byte as it was,
/// and no staging folder left behind. Returns the output.
pub fn refused_with(
    site: &Site,
    args: &[&str],
    breaks: impl FnOnce(&Site),
    expected: &[&str],
) -> String {
    site.build_ok();
    let before = public_bytes(site);
    breaks(site);
    let r = site.run(args);
    let out = r.output(site);
    assert_eq!(r.code, 1, "expected exit 1:\n{out}");
    assert!(!out.contains("panicked"), "{out}");
    for e in expected {
        assert!(out.contains(e), "expected {e:?} in:\n{out}");
    }
    assert!(
        public_bytes(site) == before,
        "previous output changed:\n{out}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        // The image cache is kept on purpose; staging folders are not.
        .filter(|e| e.file_name() != ".warta-cache")
        .filter(|e| e.file_name().to_string_lossy().contains("warta-"))
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    out
}

/// [`refused_with`] on a copy of the `minimal` fixture, with `build`.
pub fn refused(breaks: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::fixture("minimal");
    refused_with(&site, &["build"], breaks, expected)
}
