//! Any text as a post's Markdown body, rendered with link rewriting on:
//! relative `.md` links resolve to post URLs, a bundle has its own folder,
//! and the site lives under a sub-path. Checks the URL policy's promise:
//! no `href` or `src` in the HTML has a scheme the policy refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::load::markdown::{LinkContext, render};
use warta::load::urlpolicy::{Verdict, verdict};

/// Every value of an `href="…"` or `src="…"` attribute in `html`.
fn link_values(html: &str) -> impl Iterator<Item = &str> {
    ["href=\"", "src=\""].into_iter().flat_map(move |attr| {
        html.match_indices(attr).filter_map(move |(i, _)| {
            let rest = &html[i + attr.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
    })
}

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
        let out = render(&body, &ctx);
        for url in link_values(&out.html) {
            assert_eq!(
                verdict(url),
                Verdict::Allowed,
                "refused URL in HTML: {url:?}"
            );
        }
    }
});
