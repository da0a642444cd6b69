//! Links and images whose path has spaces: `![foto](WhatsApp Image 2025.jpeg)`.
//!
//! CommonMark does not allow spaces in a link's destination unless it is
//! written between `<` and `>`, so such a link is shown as raw text. Phones
//! name photos this way, and writers copy the name as it is. The Markdown
//! pass ([`super::markdown`]) asks pulldown-cmark's broken-link callback
//! about every `[text]` that did not become a link; this module tells
//! whether `(…)` right after it is a path with spaces, and where the file
//! it names would be. When the file exists the link is made as the writer
//! meant; when not, the writer is told about the `<…>` form, with the line.

/// A `(path with spaces)` right after a `]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spaced {
    /// Byte offsets of `(` and just past `)` in the body.
    pub start: usize,
    pub end: usize,
    /// What is between the parentheses, trimmed.
    pub target: String,
}

/// The spaced path in parentheses starting at byte `at` of `body`, if
/// `body[at]` is `(` and what follows up to the matching `)` on the same
/// line looks like a file name with a space in it.
pub fn after(body: &str, at: usize) -> Option<Spaced> {
    let rest = body.get(at..)?.strip_prefix('(')?;
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in rest.char_indices() {
        match c {
            '\n' | '\r' | '<' | '>' => return None,
            '(' => depth += 1,
            ')' if depth == 0 => {
                close = Some(i);
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let close = close?;
    let target = rest[..close].trim();
    (target.contains(' ') && looks_like_file(target)).then(|| Spaced {
        start: at,
        end: at + 1 + close + 1,
        target: target.to_string(),
    })
}

/// A name with an extension (`foto 1.jpg`, `rapat desa.md`) or a folder
/// (`/galeri/panen raya/`): what a writer means as a path, not a
/// parenthesised remark after a bracket.
fn looks_like_file(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or(target);
    if path.ends_with('/') {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.trim().is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// The files, relative to the site root, that `target` written in a
/// document of `doc_dir` (relative to `content/`) may name: beside the
/// document in `content/`, or from the site root (`/media/…`, `static/`).
pub fn candidates(target: &str, doc_dir: &str) -> Vec<String> {
    let path = target.split(['?', '#']).next().unwrap_or(target);
    let from_root = |p: &str| match super::markdown::join_rel("", p) {
        Some(p) if !p.is_empty() => vec![p.clone(), format!("static/{p}"), format!("content/{p}")],
        _ => Vec::new(),
    };
    if let Some(rest) = path.strip_prefix('/') {
        return from_root(rest);
    }
    match super::markdown::join_rel(doc_dir, path) {
        Some(p) if !p.is_empty() => vec![format!("content/{p}")],
        Some(_) => Vec::new(),
        None => {
            let trimmed = path.trim_start_matches("../").trim_start_matches("./");
            from_root(trimmed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Spaced, after, candidates};

    #[test]
    fn finds_spaced_paths_after_a_bracket() {
        let body = "![foto](WhatsApp Image 2025.jpeg) dan [x](a (1) b.pdf)";
        assert_eq!(
            after(body, 7),
            Some(Spaced {
                start: 7,
                end: 33,
                target: "WhatsApp Image 2025.jpeg".into()
            })
        );
        let at = body.find("(a (1)").unwrap();
        assert_eq!(after(body, at).unwrap().target, "a (1) b.pdf");
        for (text, at) in [
            ("[catatan](lihat di bawah ya)", 9),
            ("[x](foto.jpg)", 3),
            ("[x] (foto 1.jpg)", 3),
            ("[x](foto 1.jpg", 3),
            ("[x](foto\n1.jpg)", 3),
            ("[x](<foto 1.jpg>)", 3),
            ("[x]( .jpg)", 3),
        ] {
            assert_eq!(after(text, at), None, "{text}");
        }
        assert!(after("[x](/galeri/panen raya/)", 3).is_some());
        assert!(after("[x](rapat desa.md#waktu)", 3).is_some());
    }

    #[test]
    fn lists_where_the_file_may_be() {
        assert_eq!(
            candidates("Foto A.jpg", "berita"),
            ["content/berita/Foto A.jpg"]
        );
        assert_eq!(
            candidates("../agenda/rapat desa.md", "berita"),
            ["content/agenda/rapat desa.md"]
        );
        assert_eq!(
            candidates("/media/Foto A.jpg?v=1", "berita"),
            [
                "media/Foto A.jpg",
                "static/media/Foto A.jpg",
                "content/media/Foto A.jpg"
            ]
        );
        assert_eq!(
            candidates("../../media/Foto A.jpg", "berita"),
            [
                "media/Foto A.jpg",
                "static/media/Foto A.jpg",
                "content/media/Foto A.jpg"
            ]
        );
        assert!(candidates("/../../etc/pass wd.txt", "berita").is_empty());
    }
}
