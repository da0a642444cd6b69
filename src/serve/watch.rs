//! Which files changed, and what that means for the preview.

use std::path::{Path, PathBuf};

use crate::fsx::is_ignored_name;

/// What a changed path asks of the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing: output folders, editor temp files, hidden files.
    Ignore,
    /// A file under `content/`: reload that file, re-render what shows it.
    Content,
    /// `static/`, `media/`: served from disk, only the file list changes.
    Files,
    /// A template, theme file, `warta.toml` or `profile.toml`: every page
    /// may look different.
    Everything,
}

/// Classifies one changed path of the site at `root`.
pub fn classify(root: &Path, path: &Path, output: Option<&Path>) -> Change {
    if output.is_some_and(|o| path.starts_with(o)) {
        return Change::Ignore;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignore;
    };
    let parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || parts.iter().any(|p| is_ignored_name(p)) {
        return Change::Ignore;
    }
    match parts[0].as_str() {
        "content" => Change::Content,
        "static" | "media" => Change::Files,
        "templates" | "themes" => Change::Everything,
        "warta.toml" | "profile.toml" => Change::Everything,
        _ => Change::Ignore,
    }
}

/// The strongest change in a batch of events, and the content files
/// among them (to be read again even if their time stamp looks the same).
pub fn summarize(root: &Path, paths: &[PathBuf], output: Option<&Path>) -> (Change, Vec<PathBuf>) {
    let mut strongest = Change::Ignore;
    let mut content = Vec::new();
    for p in paths {
        let c = classify(root, p, output);
        if c == Change::Content {
            content.push(p.clone());
        }
        strongest = strongest.max(c);
    }
    content.sort();
    content.dedup();
    (strongest, content)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{Change, classify, summarize};

    #[test]
    fn classifies_site_files() {
        let root = Path::new("/s");
        for (p, want) in [
            ("/s/content/berita/x.md", Change::Content),
            ("/s/content/berita/x/foto.jpg", Change::Content),
            ("/s/static/style.css", Change::Files),
            ("/s/media/logo.png", Change::Files),
            ("/s/templates/post.html", Change::Everything),
            ("/s/themes/x/templates/base.html", Change::Everything),
            ("/s/warta.toml", Change::Everything),
            ("/s/profile.toml", Change::Everything),
            ("/s/public/index.html", Change::Ignore),
            ("/s/content/berita/.x.md.swp", Change::Ignore),
            ("/s/content/berita/x.md~", Change::Ignore),
            ("/s/content/berita/4913", Change::Ignore),
            ("/s/.git/index", Change::Ignore),
            ("/s/.warta-cache/a", Change::Ignore),
            ("/elsewhere/x.md", Change::Ignore),
        ] {
            assert_eq!(
                classify(root, Path::new(p), Some(Path::new("/s/public"))),
                want,
                "{p}"
            );
        }
    }

    #[test]
    fn a_save_through_a_temp_file_is_one_content_change() {
        let root = Path::new("/s");
        let events: Vec<PathBuf> = [
            "/s/content/berita/.x.md.swp",
            "/s/content/berita/x.md~",
            "/s/content/berita/x.md",
            "/s/content/berita/x.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let (c, files) = summarize(root, &events, None);
        assert_eq!(c, Change::Content);
        assert_eq!(files, vec![PathBuf::from("/s/content/berita/x.md")]);
    }
}
