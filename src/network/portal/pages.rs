//! The portal's own pages: every `portal/content/**/*.md` of the network
//! root (`tentang.md` → `/tentang/`), TOML front matter between `+++`
//! lines and a Markdown body, rendered by the same Markdown renderer as a
//! village's posts ([`crate::load::markdown::render`]) into the portal's
//! `page.html`. `menu = true` puts a page in the portal's navigation.
//!
//! Problems name the file from the network root, with line and column
//! (`portal/content/tentang.md:2:9`), as a village's posts do.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::Network;
use super::super::villages::PORTAL_ADDRESSES;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::load::frontmatter::split;
use crate::load::markdown::{LinkContext, render};
use crate::load::tomlerr::parse_toml;
use crate::{fsx, text};

/// The front matter of a portal page, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    /// Listed in the portal's navigation.
    #[serde(default)]
    menu: bool,
}

/// One page of `portal/content/`, ready for `page.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PortalPage {
    pub title: String,
    pub menu: bool,
    /// Below the portal's root, with a trailing slash: `tentang/`.
    pub path: String,
    pub content: String,
}

/// Every page of `<root>/portal/content/`, in file order, or every
/// problem of every page.
pub fn load_pages(net: &Network) -> Result<Vec<PortalPage>, Diagnostics> {
    let dir = net.root.join("portal/content");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut pages = Vec::new();
    let mut problems = Diagnostics::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || !name.ends_with(".md") || fsx::is_ignored_name(&name) {
            continue;
        }
        let rel = path.strip_prefix(&dir).unwrap_or(path);
        let rel = rel.to_string_lossy().replace('\\', "/");
        match load_page(net, path, &rel) {
            Ok(page) => pages.push(page),
            Err(p) => problems.extend(p),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(pages)
}

/// The page of `portal/content/<rel>` (`rel` = `tentang.md`).
fn load_page(net: &Network, path: &Path, rel: &str) -> Result<PortalPage, Diagnostics> {
    let file = PathBuf::from(format!("portal/content/{rel}"));
    let source = fsx::read_site_text(&net.root, path).map_err(|d| d.in_file(&file))?;
    let parts = split(&source, &file)?;
    let what = Text::new("front matter", "front matter");
    let raw: RawPage = parse_toml(parts.toml, &file, &source, parts.toml_offset, &what)?;
    let stem = rel.trim_end_matches(".md");
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    let first = stem.split('/').next().unwrap_or(stem);
    if PORTAL_ADDRESSES.contains(&first) || stem == "index" {
        let list = PORTAL_ADDRESSES.join(", ");
        return Err(Diagnostic::error(text!(
            "Halaman portal `{rel}` akan terbit di /{stem}/, alamat yang dipakai portal sendiri.",
            "The portal page `{rel}` would publish at /{stem}/, an address the portal itself uses."
        ))
        .in_file(&file)
        .hint(text!(
            "Ganti nama berkasnya. Alamat portal: {list}.",
            "Rename the file. The portal's addresses: {list}."
        ))
        .into());
    }
    let root_path = net.root_path.clone();
    let resolve = move |md: &str| Some(format!("{root_path}{}/", md.trim_end_matches(".md")));
    let ctx = LinkContext {
        doc_dir: rel.rsplit_once('/').map_or("", |(d, _)| d),
        root_path: &net.root_path,
        bundle: None,
        resolve: &resolve,
        exists: &|_| false,
        unsafe_html: false,
    };
    Ok(PortalPage {
        title: raw.title,
        menu: raw.menu,
        path: format!("{stem}/"),
        content: render(parts.body, &ctx).html,
    })
}
