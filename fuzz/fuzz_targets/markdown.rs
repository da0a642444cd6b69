//! Any text as a post's Markdown body, rendered with link rewriting on:
//! relative `.md` links resolve to post URLs, a bundle has its own folder,
//! and the site lives under a sub-path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::load::markdown::{LinkContext, render};

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let resolve = |rel: &str| rel.ends_with(".md").then(|| format!("/sub/{rel}/"));
    for bundle in [None, Some(("berita/acara", "/sub/berita/acara/"))] {
        let ctx = LinkContext {
            doc_dir: "berita",
            root_path: "/sub/",
            bundle,
            resolve: &resolve,
            // Some paths with spaces exist, so both branches are fuzzed.
            exists: &|rel: &str| rel.len() % 2 == 0,
            unsafe_html: false,
        };
        let _ = render(&body, &ctx);
    }
});
