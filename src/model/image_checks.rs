//! Checks of a post's main photo as the writer wrote it in front matter
//! (`image`, `image_alt`), made in the model stage where the spans are.
//!
//! - A path that climbs above the site folder (`image =
//!   "../../../etc/passwd"`) is an error: warta never reads outside the
//!   site, so such a path can only give a broken picture, and it is more
//!   often a probe than a mistake.
//! - A main photo without `image_alt` (or with an empty one) is a
//!   warning: the page works, but blind readers and link previews get no
//!   description of the picture.
//!
//! Whether the photo exists is known only to the image stage, which
//! warns about missing photos (`crate::images`).

use crate::diag::{Diagnostic, Text};
use crate::load::content::Document;

/// Problems of `doc`'s `image` and `image_alt`.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let Some(image) = &doc.front.image else {
        return Vec::new();
    };
    let span = image.span();
    let (start, len) = (doc.toml_offset + span.start, span.end - span.start);
    let at = |d: Diagnostic| d.in_file(&doc.file).at(&doc.source, start, len);
    let doc_dir = doc.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = Vec::new();
    if climbs_out(doc_dir, image.get_ref()) {
        out.push(at(Diagnostic::error(Text::new(
            "Alamat foto (`image`) keluar dari folder situs; warta hanya memakai foto di dalam situs.",
            "The photo's path (`image`) leaves the site folder; warta only uses photos inside the site.",
        ))
        .hint(Text::new(
            "Salin foto ke folder media/ dan tulis image = \"/media/NAMA.jpg\", atau taruh di samping tulisan dan tulis namanya saja.",
            "Copy the photo into media/ and write image = \"/media/NAME.jpg\", or put it beside the post and write its name only.",
        ))));
    }
    if doc
        .front
        .image_alt
        .as_deref()
        .is_none_or(|a| a.trim().is_empty())
    {
        out.push(at(Diagnostic::warning(Text::new(
            "Foto utama tanpa teks alternatif (`image_alt` kosong): pembaca tunanetra dan pratinjau tautan tidak tahu isinya.",
            "The main photo has no alternative text (`image_alt` is empty): blind readers and link previews cannot know what it shows.",
        ))
        .hint(Text::new(
            "Tambahkan di bawahnya, misalnya: image_alt = \"Kader menimbang balita di posyandu\".",
            "Add below it, for example: image_alt = \"Volunteers weighing toddlers at the clinic\".",
        ))));
    }
    out
}

/// Whether `url`, written in a file of `content/<doc_dir>/`, climbs above
/// the site folder. Relative paths start in `content/<doc_dir>`, paths
/// with a leading `/` at the site root; a URL with a scheme is not a path.
pub fn climbs_out(doc_dir: &str, url: &str) -> bool {
    let path = url.trim().split(['?', '#']).next().unwrap_or_default();
    if path.starts_with("//") || path.contains(':') {
        return false;
    }
    let (mut depth, rest) = match path.strip_prefix('/') {
        Some(rest) => (0usize, rest),
        // `content/` plus the folders of the post.
        None => (
            1 + doc_dir.split('/').filter(|s| !s.is_empty()).count(),
            path,
        ),
    };
    for part in rest.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if depth == 0 => return true,
            ".." => depth -= 1,
            _ => depth += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::climbs_out;

    #[test]
    fn tells_paths_that_leave_the_site() {
        for (dir, url, out) in [
            ("berita", "foto.jpg", false),
            ("berita", "../../media/foto.jpg", false),
            ("berita", "../../../etc/passwd", true),
            ("berita/x", "../../../../a.jpg", true),
            ("berita/x", "../../../a.jpg", false),
            ("", "../a.jpg", false),
            ("", "../../a.jpg", true),
            ("berita", "/media/../../a.jpg", true),
            ("berita", "/../a.jpg", true),
            ("berita", "/media/./a.jpg", false),
            ("berita", "..\\..\\..\\win.ini", true),
            ("berita", "a/../../../../b.jpg", true),
            ("berita", "https://example.org/../../a.jpg", false),
            ("berita", "//cdn.example.org/../a.jpg", false),
            ("berita", "../../../x.jpg?v=1", true),
        ] {
            assert_eq!(climbs_out(dir, url), out, "{dir} {url}");
        }
    }
}
