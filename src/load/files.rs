//! The files a site publishes from disk, found once per build: those of
//! `static/` (at the root, as they are) and of `media/` (under `/media/`),
//! plus an index of every file the site has, so the model can tell
//! whether a link points at a file without touching the disk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;

/// A file copied as it is: `dest` is relative to the output root.
#[derive(Debug, Clone)]
pub struct Asset {
    pub src: PathBuf,
    pub dest: String,
}

/// Whether a file is a photo warta processes (by its name; the bytes
/// decide the format).
pub fn is_photo(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The files of `static/` and `media/`, by output path, and every file of
/// the site (those two and `content/`) by its path below the site root.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    /// `static/`: published at the root as they are.
    pub statics: Vec<Asset>,
    /// `media/`: photos among them only through their web versions;
    /// album settings (`album.toml`) and `dokumen/dokumen.toml` left out.
    pub media: Vec<Asset>,
    /// Paths below the site root, with `/`: `media/a.pdf`, `content/x/b.pdf`.
    index: HashSet<String>,
}

impl SiteFiles {
    /// Walks `static/` and `media/` (never following links out of the
    /// site, leaving out dot-folders but `static/.well-known/`, RFC 8615);
    /// what [`crate::fsx::site_files`] refused goes to `problems`.
    pub fn read(root: &Path, problems: &mut Diagnostics) -> SiteFiles {
        let mut files = SiteFiles::default();
        for (dir, prefix, allowed) in [
            ("static", "", &[".well-known"][..]),
            ("media", "media/", &[]),
        ] {
            let base = root.join(dir);
            for path in crate::fsx::site_files(root, &base, allowed, problems) {
                let rel = path.strip_prefix(&base).unwrap_or(&path);
                let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                let rel = rel.join("/");
                files.index.insert(format!("{dir}/{rel}"));
                // An album's and the documents' settings are for warta,
                // not for readers.
                let parts: Vec<&str> = rel.split('/').collect();
                if dir == "media"
                    && (super::gallery::is_album_file(&parts)
                        || super::documents::is_documents_file(&parts))
                {
                    continue;
                }
                let asset = Asset {
                    dest: format!("{prefix}{rel}"),
                    src: path,
                };
                match dir {
                    "static" => files.statics.push(asset),
                    _ => files.media.push(asset),
                }
            }
        }
        files
    }

    /// Adds the files of `content/` (documents, bundles' files, loose
    /// files) to the index.
    pub fn index_content(&mut self, content: &super::content::Content) {
        for doc in &content.documents {
            // `rel` is below `content/`, with `/`: no need to walk `file`.
            self.index.insert(format!("content/{}", doc.rel));
            if let Some(b) = &doc.bundle {
                for (_, r) in &b.assets {
                    self.index.insert(format!("content/{}/{r}", b.dir));
                }
            }
        }
        for f in &content.loose_files {
            self.index.insert(format!("content/{}", f.rel));
        }
    }

    /// Every file of the site found so far, by its path below the site
    /// root, in no order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.index.iter().map(String::as_str)
    }

    /// Whether the site has the file at `rel` (below the site root).
    pub fn exists(&self, rel: &str) -> bool {
        self.index.contains(rel)
    }
}
