//! The `--media` folder: a copy of `wp-content/uploads` or Blogger's
//! downloaded photos, walked once and looked up by each photo URL of the
//! export.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The files of `--media`, by their path below it and by name.
#[derive(Default)]
pub struct MediaIndex {
    by_path: HashMap<String, PathBuf>,
    by_name: HashMap<String, PathBuf>,
}

impl MediaIndex {
    /// Walks `dir` once.
    pub fn new(dir: &Path) -> MediaIndex {
        let mut index = MediaIndex::default();
        for entry in crate::fsx::walker(dir).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::fsx::url_path(dir, entry.path()).to_lowercase();
            let name = entry.file_name().to_string_lossy().to_lowercase();
            index
                .by_name
                .entry(name)
                .or_insert_with(|| entry.path().to_path_buf());
            index.by_path.insert(rel, entry.path().to_path_buf());
        }
        index
    }

    /// The local copy of a photo URL: by its path after `uploads/`, then by
    /// its name, each also without WordPress's `-300x200` size suffix.
    pub fn find(&self, url: &str) -> Option<&PathBuf> {
        let path = url.split(['?', '#']).next().unwrap_or("").to_lowercase();
        let path = crate::load::urlpolicy::percent_decode_lossy(&path);
        let rel = path.split_once("/uploads/").map(|(_, r)| r.to_string());
        let name = path.rsplit('/').next().unwrap_or("").to_string();
        let candidates = [rel.clone(), rel.as_deref().map(unsized_name), None]
            .into_iter()
            .flatten();
        for c in candidates {
            if let Some(p) = self.by_path.get(&c) {
                return Some(p);
            }
        }
        self.by_name
            .get(&name)
            .or_else(|| self.by_name.get(&unsized_name(&name)))
    }
}

/// `foto-300x200.jpg` → `foto.jpg`.
fn unsized_name(name: &str) -> String {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return name.to_string();
    };
    match stem.rsplit_once('-') {
        Some((base, size))
            if size.split_once('x').is_some_and(|(w, h)| {
                !w.is_empty()
                    && !h.is_empty()
                    && (w.to_string() + h).bytes().all(|b| b.is_ascii_digit())
            }) =>
        {
            format!("{base}.{ext}")
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::unsized_name;

    #[test]
    fn size_suffix_is_dropped() {
        assert_eq!(unsized_name("foto-300x200.jpg"), "foto.jpg");
        assert_eq!(unsized_name("rt-05.jpg"), "rt-05.jpg");
    }
}
