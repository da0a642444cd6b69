//! The pages of what a village offers: `/produk/` (with a page per
//! category and per product), `/potensi/`, `/wisata/` (with a page per
//! spot) and `/galeri/` (with a page per album). The model's
//! [`crate::model::catalog`] says which exist and where; this module
//! turns that into jobs, template contexts and fingerprints, and
//! [`jsonld`] into structured data.
//!
//! Each list page is made only when it has something to show, so a
//! village without products has no `/produk/` (and the theme no link to
//! it). A section folder of the same name (`content/wisata/`) keeps its
//! posts: the catalog page takes the section's first page and shows its
//! newest posts; the further pages (`/wisata/halaman/2/`) stay as they
//! were. Posts in `content/produk/` are products themselves, so the
//! `produk` section has no list pages of its own.

pub mod jsonld;
mod views;

use std::hash::{DefaultHasher, Hash};

use tera::Context;

use crate::model::Model;
use crate::render::Input;
use crate::model::catalog::PRODUCT_SECTION;
use crate::render::Job;
use crate::render::views::{PostView, Summaries};

use views::{AlbumView, CategoryView, PotentialView, ProductView, SpotView};
pub use views::{hours_range, photo_path};

/// One page of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/produk/`: every listed product.
    Products,
    /// `/produk/kategori/<slug>/`: the products of one category.
    ProductCategory(usize),
    /// `/produk/<slug>/`: index into `catalog.products`.
    Product(usize),
    /// `/potensi/`.
    Potentials,
    /// `/wisata/`.
    Tourism,
    /// `/wisata/<slug>/`: index into `profile.tourism`.
    Spot(usize),
    /// `/galeri/`.
    Gallery,
    /// `/galeri/<slug>/`: index into `catalog.albums`.
    Album(usize),
}

/// The catalog pages this site has.
pub fn pages(model: &Model) -> Vec<Page> {
    let c = &model.catalog;
    let mut out = Vec::new();
    if c.listed().next().is_some() {
        out.push(Page::Products);
        out.extend((0..c.categories.len()).map(Page::ProductCategory));
    }
    out.extend((0..c.products.len()).map(Page::Product));
    if !model.profile.potentials.is_empty() {
        out.push(Page::Potentials);
    }
    if !model.profile.tourism.is_empty() {
        out.push(Page::Tourism);
        out.extend((0..c.spots.len()).map(Page::Spot));
    }
    if !c.albums.is_empty() {
        out.push(Page::Gallery);
        out.extend((0..c.albums.len()).map(Page::Album));
    }
    out
}

/// Whether a post or section page gives way to a catalog page: the
/// posts and lists of `content/produk/`, and the first page of a section
/// named like a catalog list that exists.
pub fn replaced(model: &Model, job: Job) -> bool {
    match job {
        Job::Post(i) => model.catalog.product_of_post(i).is_some(),
        Job::Section { index, page } => {
            let key = model.sections[index].key.as_str();
            key == PRODUCT_SECTION && model.catalog.listed().next().is_some()
                || page == 1 && list_of_section(model, key).is_some()
        }
        _ => false,
    }
}

/// The catalog list page that takes the address of section `key`.
fn list_of_section(model: &Model, key: &str) -> Option<Page> {
    let page = match key {
        "potensi" => Page::Potentials,
        "wisata" => Page::Tourism,
        "galeri" => Page::Gallery,
        _ => return None,
    };
    pages(model).contains(&page).then_some(page)
}

/// The URL path a page writes: `produk/`, `wisata/coban-lintang/`.
pub fn path(model: &Model, page: Page) -> String {
    let c = &model.catalog;
    match page {
        Page::Products => "produk/".into(),
        Page::ProductCategory(i) => c.categories[i].path.clone(),
        Page::Product(i) => c.products[i].path.clone(),
        Page::Potentials => "potensi/".into(),
        Page::Tourism => "wisata/".into(),
        Page::Spot(i) => c.spots[i].path.clone(),
        Page::Gallery => "galeri/".into(),
        Page::Album(i) => c.album_path(i),
    }
}

/// Fills `ctx` for `page`; returns the template's name.
pub fn context(model: &Input<'_>, page: Page, sums: &Summaries, ctx: &mut Context) -> &'static str {
    let c = &model.catalog;
    match page {
        Page::Products | Page::ProductCategory(_) => {
            let current = match page {
                Page::ProductCategory(k) => Some(k),
                _ => None,
            };
            let ids: Vec<usize> = match current {
                Some(k) => c.categories[k].products.clone(),
                None => c.listed().collect(),
            };
            let products: Vec<ProductView> = ids
                .iter()
                .map(|&i| ProductView::new(model, i, false))
                .collect();
            ctx.insert("products", &products);
            ctx.insert("categories", &CategoryView::all(model, current));
            ctx.insert(
                "category",
                &current.map(|k| CategoryView::new(model, k, true)),
            );
            ctx.insert("all_url", &model.url("produk/"));
            ctx.insert("total_products", &c.listed().count());
            "produk.html"
        }
        Page::Product(i) => {
            ctx.insert("product", &ProductView::new(model, i, true));
            let entry = &c.products[i];
            let more: Vec<ProductView> = entry
                .category
                .map(|k| c.categories[k].products.as_slice())
                .unwrap_or_default()
                .iter()
                .filter(|&&n| n != i)
                .take(3)
                .map(|&n| ProductView::new(model, n, false))
                .collect();
            ctx.insert("more_products", &more);
            ctx.insert("all_url", &model.url("produk/"));
            "produk_item.html"
        }
        Page::Potentials => {
            let items: Vec<PotentialView> = model
                .profile
                .potentials
                .iter()
                .map(PotentialView::new)
                .collect();
            ctx.insert("potentials", &items);
            section_posts(model, "potensi", sums, ctx);
            "potensi.html"
        }
        Page::Tourism => {
            let spots: Vec<SpotView> = (0..c.spots.len())
                .map(|i| SpotView::new(model, i))
                .collect();
            ctx.insert("spots", &spots);
            section_posts(model, "wisata", sums, ctx);
            "wisata.html"
        }
        Page::Spot(i) => {
            ctx.insert("spot", &SpotView::new(model, i));
            ctx.insert("all_url", &model.url("wisata/"));
            "wisata_item.html"
        }
        Page::Gallery => {
            let albums: Vec<AlbumView> = (0..c.albums.len())
                .map(|i| AlbumView::new(model, i, false))
                .collect();
            ctx.insert("albums", &albums);
            section_posts(model, "galeri", sums, ctx);
            "galeri.html"
        }
        Page::Album(i) => {
            ctx.insert("album", &AlbumView::new(model, i, true));
            ctx.insert("all_url", &model.url("galeri/"));
            "album.html"
        }
    }
}

/// `section_posts` (the newest posts of the section folder of the same
/// name, one list page's worth) and `section_more` (its page 2, if any).
fn section_posts(model: &Input<'_>, key: &str, sums: &Summaries, ctx: &mut Context) {
    let section = model.sections.iter().find(|s| s.key == key);
    let per = model.config.posts_per_page;
    let ids = section.map_or(&[][..], |s| &s.posts[..s.posts.len().min(per)]);
    ctx.insert_value("section_posts", sums.list(ids));
    let more = section
        .filter(|s| s.posts.len() > per)
        .map(|s| model.url(&format!("{}halaman/2/", s.path)));
    ctx.insert("section_more", &more);
}

/// Hashes what `page` shows beyond what every page sees (the profile,
/// settings and photos are in the global fingerprint). `posts` holds
/// each post's (summary, full) digest.
pub fn fingerprint(model: &Model, page: Page, posts: &[(u64, u64)], h: &mut DefaultHasher) {
    let c = &model.catalog;
    let product = |i: usize, full: bool, h: &mut DefaultHasher| {
        let e = &c.products[i];
        e.hash(h);
        if let Some(p) = e.post {
            if full { posts[p].1 } else { posts[p].0 }.hash(h);
        }
    };
    let section = |key: &str, h: &mut DefaultHasher| {
        if let Some(s) = model.sections.iter().find(|s| s.key == key) {
            (s.posts.len(), &s.path).hash(h);
            for &i in s.posts.iter().take(model.config.posts_per_page) {
                posts[i].0.hash(h);
            }
        }
    };
    match page {
        Page::Products | Page::ProductCategory(_) | Page::Product(_) => {
            c.categories.hash(h);
            for i in 0..c.products.len() {
                product(i, page == Page::Product(i), h);
            }
        }
        Page::Potentials => section("potensi", h),
        Page::Tourism | Page::Spot(_) => {
            c.spots.hash(h);
            if page == Page::Tourism {
                section("wisata", h);
            }
        }
        Page::Gallery => {
            c.albums.hash(h);
            section("galeri", h);
        }
        Page::Album(i) => c.albums[i].hash(h),
    }
}

/// A full post view for a product's story.
fn story<'a>(model: &'a Input<'a>, i: usize, full: bool) -> PostView<'a> {
    let post = &model.posts[i];
    if full {
        PostView::full(model, post)
    } else {
        PostView::summary(model, post)
    }
}
