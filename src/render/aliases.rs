//! Old addresses (`aliases`) against the files a build writes. A redirect
//! page lives at `<alias>/index.html`, so an alias onto a file warta makes
//! (`/rss.xml`, `/sitemap.xml`, `/style.css`) would need a folder where
//! that file is, and an alias such as `/404.html` would replace the file.
//! Both are errors at the alias's line, found before anything is written
//! (the model already refuses aliases onto pages and onto each other).

use std::collections::HashSet;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::model::Model;
use crate::render::output_file;
use crate::render::special::Redirects;
use crate::text;

/// Checks every alias of `model` against the pages it renders and
/// `files`, the other files of the output (theme static files).
pub fn check<'a>(
    model: &Model,
    root: &Path,
    files: impl IntoIterator<Item = &'a str>,
) -> Diagnostics {
    let mut taken: HashSet<String> = crate::render::jobs(model)
        .into_iter()
        .filter(|j| !j.is::<Redirects>())
        .flat_map(|j| j.files(model))
        .map(|f| f.to_lowercase())
        .collect();
    taken.extend(files.into_iter().map(str::to_lowercase));
    let mut problems = Diagnostics::new();
    for (alias, target) in &model.redirects {
        let file = output_file(alias).to_lowercase();
        let folder = alias.trim_end_matches('/').to_lowercase();
        let hit = [&file, &folder].into_iter().find(|p| taken.contains(*p));
        if let Some(hit) = hit {
            problems.push(collision(model, root, alias, target, hit));
        }
    }
    problems
}

fn collision(model: &Model, root: &Path, alias: &str, target: &str, hit: &str) -> Diagnostic {
    let post = model
        .posts
        .iter()
        .chain(&model.pages)
        .find(|p| p.path == target);
    let shown = alias.trim_end_matches('/');
    let mut d = Diagnostic::error(text!(
        "Alamat lama /{shown} bentrok dengan berkas /{hit} yang dibuat warta sendiri; halaman pengalihan tidak bisa ditaruh di sana.",
        "The old address /{shown} collides with the file /{hit} that warta makes itself; a redirect page cannot go there."
    ))
    .hint(Text::new(
        "Hapus alamat itu dari `aliases`: alamat berkas buatan warta (umpan RSS, peta situs, gaya) tidak bisa dialihkan.",
        "Remove that address from `aliases`: the address of a file warta makes (feed, sitemap, style sheet) cannot redirect.",
    ));
    if let Some(post) = post {
        d = d.in_file(&post.file);
        let source = crate::fsx::read_site_text(root, &root.join(&post.file)).unwrap_or_default();
        let from = source.find("aliases").unwrap_or(0);
        if let Some(at) = source[from..].find(shown) {
            d = d.at(&source, from + at, shown.len());
        }
    }
    d
}
