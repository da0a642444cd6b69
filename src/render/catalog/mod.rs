//! The pages of what a village offers: `/produk/` (with a page per
//! category and per product), `/potensi/`, `/wisata/` (with a page per
//! spot) and `/galeri/` (with a page per album). The model's
//! [`crate::model::catalog`] says which exist and where; its modules
//! (one per kind of page) turn that into pages, and [`jsonld`] into
//! structured data.
//!
//! Each list page is made only when it has something to show, so a
//! village without products has no `/produk/` (and the theme no link to
//! it). A section folder of the same name (`content/wisata/`) keeps its
//! posts: the catalog page takes the section's first page and shows its
//! newest posts; the further pages (`/wisata/halaman/2/`) stay as they
//! were. Posts in `content/produk/` are products themselves, so the
//! `produk` section has no list pages of its own.

pub mod galeri;
pub mod jsonld;
pub mod potensi;
pub mod produk;
mod views;
pub mod wisata;

use crate::model::Model;
use crate::model::catalog::PRODUCT_SECTION;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::structured::words;
use crate::render::views::PostView;

pub use views::{ProductView, hours_range, photo_path};

/// Whether page `page` of section `key` gives way to a catalog page: the
/// lists of `content/produk/` (its posts are products), and the first
/// page of a section named like a catalog list that exists.
pub fn replaces_section(m: &Model, key: &str, page: usize) -> bool {
    let lists = match key {
        "potensi" => !m.profile.potentials.is_empty(),
        "wisata" => !m.profile.tourism.is_empty(),
        "galeri" => !m.catalog.albums.is_empty(),
        _ => false,
    };
    key == PRODUCT_SECTION && m.catalog.listed().next().is_some() || page == 1 && lists
}

/// `section_posts` (the newest posts of the section folder of the same
/// name, one list page's worth) and `section_more` (its page 2, if any).
fn section_posts(m: &Model, key: &str, to: &mut Inputs) {
    let section = m.sections.iter().find(|s| s.key == key);
    let per = m.config.posts_per_page;
    let ids = section.map_or(&[][..], |s| &s.posts[..s.posts.len().min(per)]);
    to.summaries("section_posts", ids);
    let more = section
        .filter(|s| s.posts.len() > per)
        .map(|s| m.url(&format!("{}halaman/2/", s.path)));
    to.value("section_more", &more);
}

/// A catalog list's breadcrumb: (name, path).
fn list_crumb(m: &Model, id: &str, en: &str, path: &str) -> (String, String) {
    (words(m, id, en), path.to_string())
}

/// A post view for a product's story: in full on its page.
fn story<'a>(model: &'a Input<'a>, i: usize, full: bool) -> PostView<'a> {
    let post = &model.posts[i];
    if full {
        PostView::full(model, post)
    } else {
        PostView::summary(model, post)
    }
}
