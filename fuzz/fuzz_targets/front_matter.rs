//! Any bytes as a post: split into front matter and body, then parse the
//! front matter. Must give a value or a diagnostic, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use warta::load::frontmatter;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let file = Path::new("content/berita/fuzz.md");
    if let Ok(split) = frontmatter::split(&source, file) {
        let _ = frontmatter::parse(&split, &source, file);
    }
});
