//! Where the site refers to its photos, found in the model.
//!
//! Posts and pages (front-matter `image`, Markdown images in the body)
//! and `profile.toml` (logo, office photo, organisation chart, officials,
//! KIM members, potentials, products, tourism) are looked through here,
//! so the pages of issue 6 find their photos processed. A gallery that
//! publishes an original (`original = true` in `album.toml`) adds its
//! photos here and calls [`super::ImagePlan::original`].

use std::path::PathBuf;

use crate::model::Model;

/// One use of a photo: its output path and the file that uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The original's output path, `media/kantor.jpg`.
    pub dest: String,
    /// The file to name in a message: `content/berita/x.md`, `profile.toml`.
    pub by: PathBuf,
}

/// The output path a URL or site path points at, when it is a photo on
/// this site: `/sukamaju/media/a%20b.jpg` → `media/a b.jpg`.
pub fn dest_of(url: &str, root_path: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with("//") || url.contains("://") || url.starts_with("data:") {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = path
        .strip_prefix(root_path)
        .or_else(|| path.strip_prefix('/'))
        .unwrap_or(path);
    let written = path.trim_start_matches('/');
    let path = String::from_utf8(crate::load::urlpolicy::percent_decode(written))
        .unwrap_or_else(|_| written.to_string());
    (!path.is_empty() && super::is_photo(&path) && !path.split('/').any(|s| s == ".."))
        .then_some(path)
}

/// Every photo the model refers to.
pub fn collect(model: &Model) -> Vec<ImageRef> {
    let root = model.config.root_path.as_str();
    let mut out = Vec::new();
    let mut add = |url: &str, by: &std::path::Path| {
        if let Some(dest) = dest_of(url, root) {
            out.push(ImageRef {
                dest,
                by: by.to_path_buf(),
            });
        }
    };
    for post in model.posts.iter().chain(&model.pages) {
        if let Some(img) = &post.image {
            add(&img.src, &post.file);
        }
        for img in &post.body.images {
            add(&img.src, &post.file);
        }
    }
    let profile = std::path::Path::new("profile.toml");
    let p = &model.profile;
    let singles = [
        &p.village.logo,
        &p.village.office_photo,
        &p.government.org_chart,
    ];
    for path in singles.into_iter().flatten() {
        add(path, profile);
    }
    let people = p.officials.iter().filter_map(|o| o.photo.as_ref()).chain(
        p.kim
            .iter()
            .flat_map(|k| k.members.iter().filter_map(|m| m.photo.as_ref())),
    );
    for path in people {
        add(path, profile);
    }
    let photos = p
        .potentials
        .iter()
        .flat_map(|x| &x.photos)
        .chain(p.products.iter().flat_map(|x| &x.photos))
        .chain(p.tourism.iter().flat_map(|x| &x.photos));
    for path in photos {
        add(path, profile);
    }
    for album in &model.catalog.albums {
        for photo in &album.photos {
            add(&photo.src, &album.file);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dest_of;

    #[test]
    fn finds_the_photo_behind_a_url() {
        for (url, root, want) in [
            ("/media/kantor.jpg", "/", Some("media/kantor.jpg")),
            ("media/kantor.jpg", "/", Some("media/kantor.jpg")),
            (
                "/sukamaju/media/a%20b.JPG",
                "/sukamaju/",
                Some("media/a b.JPG"),
            ),
            ("/berita/x/foto.png?v=2", "/", Some("berita/x/foto.png")),
            ("https://example.org/a.jpg", "/", None),
            ("//cdn.example.org/a.jpg", "/", None),
            ("/media/peta.svg", "/", None),
            ("/../a.jpg", "/", None),
            ("", "/", None),
        ] {
            assert_eq!(dest_of(url, root).as_deref(), want, "{url}");
        }
    }
}
