//! What is read and what the output keeps.

use super::refused;

#[test]
fn a_broken_post_keeps_every_previous_file_byte_for_byte() {
    refused(
        |s| {
            s.write(
                "content/berita/rusak.md",
                "+++\ntitle = \"Rusak\ndate = 2025-08-01\n+++\n",
            )
        },
        &["content/berita/rusak.md:2"],
    );
}
