//! What the village offers: products (`/produk/`), tourism spots
//! (`/wisata/`) and photo albums (`/galeri/`), each with its address.
//!
//! Products come from two places. `[[products]]` in `profile.toml` gives
//! the facts (price, seller, WhatsApp); a post in `content/produk/` gives
//! a product with a longer story. Every post in `content/produk/` is a
//! product page at its own address. It tells the story of a profile
//! product when its front matter says `product = "<name or slug>"`, or
//! when its slug is that product's slug (`content/produk/besek-bambu.md`
//! for "Besek Bambu"); the page then shows the profile's facts with the
//! post's text, and the product has that one address. A product with
//! `active = false` is not listed; a post naming it still has its page,
//! marked as not for sale.
//!
//! Every address made here avoids those of posts and pages, so a profile
//! product named like a post in another section still gets a page of its
//! own (`-2` is added to its slug).

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::format::slugify;
use crate::load::content::{Content, Document};
use crate::load::gallery::Album;
use crate::load::profile::Profile;
use crate::load::tomlerr::suggest_key;
use crate::model::Post;
use crate::text;

/// The section whose posts are products.
pub const PRODUCT_SECTION: &str = "produk";

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Profile products in their order, then posts of `content/produk/`
    /// that name none (newest first).
    pub products: Vec<ProductEntry>,
    /// Product categories in the order they first appear.
    pub categories: Vec<ProductCategory>,
    /// One per `[[tourism]]` entry, in the same order.
    pub spots: Vec<Spot>,
    pub albums: Vec<Album>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProductEntry {
    pub slug: String,
    /// `produk/<slug>/`.
    pub path: String,
    /// Index into `profile.products`.
    pub profile: Option<usize>,
    /// Index into `Model::posts`: the story.
    pub post: Option<usize>,
    /// Index into [`Catalog::categories`].
    pub category: Option<usize>,
    /// Shown on `/produk/`: not a profile product with `active = false`.
    pub listed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProductCategory {
    pub name: String,
    pub slug: String,
    /// `produk/kategori/<slug>/`.
    pub path: String,
    /// Indices into [`Catalog::products`], all listed.
    pub products: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spot {
    pub slug: String,
    /// `wisata/<slug>/`.
    pub path: String,
}

impl Catalog {
    /// The products shown on `/produk/`.
    pub fn listed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.products.len()).filter(|&i| self.products[i].listed)
    }

    /// The product whose story is post `i`.
    pub fn product_of_post(&self, i: usize) -> Option<usize> {
        self.products.iter().position(|p| p.post == Some(i))
    }

    /// The path of album `i`: `galeri/<slug>/`.
    pub fn album_path(&self, i: usize) -> String {
        format!("galeri/{}/", self.albums[i].slug)
    }
}

/// Paths taken so far, with a way to take a free one.
struct Taken<'a> {
    /// The posts' and pages' own paths, gathered on the first `take`:
    /// a site without products, spots or albums does not hash thousands
    /// of posts' paths for nothing (in `serve`, on every save).
    posts: &'a [std::sync::Arc<Post>],
    pages: &'a [std::sync::Arc<Post>],
    theirs: Option<HashSet<&'a str>>,
    /// Paths taken by [`Taken::take`].
    ours: HashSet<String>,
}

impl<'a> Taken<'a> {
    fn new(posts: &'a [std::sync::Arc<Post>], pages: &'a [std::sync::Arc<Post>]) -> Taken<'a> {
        Taken {
            posts,
            pages,
            theirs: None,
            ours: HashSet::new(),
        }
    }

    fn is_taken(&mut self, path: &str) -> bool {
        let theirs = self.theirs.get_or_insert_with(|| {
            (self.posts.iter().chain(self.pages))
                .map(|p| p.path.as_str())
                .collect()
        });
        theirs.contains(path) || self.ours.contains(path)
    }

    /// `<prefix><slug>/`, or with `-2`, `-3`… when that is taken.
    fn take(&mut self, prefix: &str, slug: &str) -> (String, String) {
        let base = if slug.is_empty() { "tanpa-nama" } else { slug };
        let mut slug = base.to_string();
        let mut n = 2;
        while self.is_taken(&format!("{prefix}{slug}/")) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        let path = format!("{prefix}{slug}/");
        self.ours.insert(path.clone());
        (slug, path)
    }
}

/// The few documents that name a product (`product = "…"`), by source
/// path, with the value as written.
type Named<'a> = HashMap<&'a str, (&'a Document, &'a Spanned<String>)>;

/// Builds the catalog. `posts` are the model's posts (newest first) and
/// `pages` its standalone pages; `content` gives the front matter of the
/// product posts, for `product = "…"` and its line.
pub fn build(
    profile: &Profile,
    posts: &[std::sync::Arc<Post>],
    pages: &[std::sync::Arc<Post>],
    content: &Content,
    albums: Vec<Album>,
) -> (Catalog, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut taken = Taken::new(posts, pages);
    let slugs: Vec<String> = profile.products.iter().map(|p| slugify(&p.name)).collect();
    let named: Named = content
        .documents
        .iter()
        .filter_map(|d| Some((d.rel.as_str(), (&**d, d.front.product.as_ref()?))))
        .collect();
    let (story, loose) = stories(profile, posts, &named, &slugs, &mut problems);
    // Most sites name no product: no need to look up every post.
    if !named.is_empty() {
        let outside = (posts.iter().chain(pages)).filter(|p| p.section != PRODUCT_SECTION);
        for post in outside {
            if let Some(&(doc, name)) = named.get(post.rel.as_str()) {
                problems.push(product_outside_section(post, doc, name));
            }
        }
    }
    let mut catalog = Catalog {
        products: entries(profile, posts, &story, loose, &slugs, &mut taken),
        ..Catalog::default()
    };
    catalog.categorize(profile, &mut taken);
    catalog.spots = profile
        .tourism
        .iter()
        .map(|t| {
            let (slug, path) = taken.take("wisata/", &slugify(&t.name));
            Spot { slug, path }
        })
        .collect();
    for mut album in albums {
        let (slug, _) = taken.take("galeri/", &album.slug);
        album.slug = slug;
        catalog.albums.push(album);
    }
    (catalog, problems)
}

/// The products: each profile product with the post telling its story
/// (an inactive one without a story has no page), then the product posts
/// that tell none.
fn entries(
    profile: &Profile,
    posts: &[std::sync::Arc<Post>],
    story: &[Option<usize>],
    loose: Vec<usize>,
    slugs: &[String],
    taken: &mut Taken,
) -> Vec<ProductEntry> {
    let mut products = Vec::new();
    for (k, p) in profile.products.iter().enumerate() {
        let (slug, path) = match story[k] {
            Some(i) => (posts[i].slug.clone(), posts[i].path.clone()),
            None if !p.active => continue,
            None => taken.take("produk/", &slugs[k]),
        };
        products.push(ProductEntry {
            slug,
            path,
            profile: Some(k),
            post: story[k],
            category: None,
            listed: p.active,
        });
    }
    for i in loose {
        products.push(ProductEntry {
            slug: posts[i].slug.clone(),
            path: posts[i].path.clone(),
            profile: None,
            post: Some(i),
            category: None,
            listed: true,
        });
    }
    products
}

/// Which post of `content/produk/` tells which profile product's story
/// (by product), and the product posts that tell none (sorted): those
/// naming a product first, then those whose slug is a product's.
fn stories(
    profile: &Profile,
    posts: &[std::sync::Arc<Post>],
    named: &Named,
    slugs: &[String],
    problems: &mut Diagnostics,
) -> (Vec<Option<usize>>, Vec<usize>) {
    let mut story: Vec<Option<usize>> = vec![None; profile.products.len()];
    let in_section = |i: &usize| posts[*i].section == PRODUCT_SECTION;
    let ids: Vec<usize> = (0..posts.len()).filter(in_section).collect();
    let mut loose: Vec<usize> = Vec::new();
    for &i in ids
        .iter()
        .filter(|i| named.contains_key(posts[**i].rel.as_str()))
    {
        let (doc, name) = named[posts[i].rel.as_str()];
        let want = slugify(name.get_ref());
        match slugs.iter().position(|s| *s == want) {
            Some(k) if story[k].is_some() => problems.push(told_twice(
                profile,
                k,
                &posts[story[k].unwrap_or(i)],
                &posts[i],
            )),
            Some(k) => story[k] = Some(i),
            None => {
                let span = doc.toml_offset + name.span().start..doc.toml_offset + name.span().end;
                problems.push(unknown_product(doc, span, name.get_ref(), profile));
                loose.push(i);
            }
        }
    }
    for &i in ids
        .iter()
        .filter(|i| !named.contains_key(posts[**i].rel.as_str()))
    {
        let k = (0..slugs.len()).find(|&k| slugs[k] == posts[i].slug && story[k].is_none());
        match k {
            Some(k) => story[k] = Some(i),
            None => loose.push(i),
        }
    }
    loose.sort_unstable();
    (story, loose)
}

impl Catalog {
    /// Groups the listed profile products by their `category`, in the
    /// order categories first appear; each category gets a free path.
    fn categorize(&mut self, profile: &Profile, taken: &mut Taken) {
        for n in 0..self.products.len() {
            let entry = &self.products[n];
            let Some(name) = entry
                .profile
                .and_then(|k| profile.products[k].category.as_deref())
                .map(str::trim)
                .filter(|c| !c.is_empty() && entry.listed)
            else {
                continue;
            };
            let want = slugify(name);
            let c = match self
                .categories
                .iter()
                .position(|c| slugify(&c.name) == want)
            {
                Some(c) => c,
                None => {
                    let (slug, path) = taken.take("produk/kategori/", &want);
                    self.categories.push(ProductCategory {
                        name: name.to_string(),
                        slug,
                        path,
                        products: Vec::new(),
                    });
                    self.categories.len() - 1
                }
            };
            self.categories[c].products.push(n);
            self.products[n].category = Some(c);
        }
    }
}

/// `product = "…"` on a post outside `content/produk/`.
fn product_outside_section(post: &Post, doc: &Document, name: &Spanned<String>) -> Diagnostic {
    let start = doc.toml_offset + name.span().start;
    Diagnostic::warning(Text::new(
        "`product` hanya berlaku untuk tulisan di content/produk/; di sini diabaikan.",
        "`product` only applies to posts in content/produk/; here it is ignored.",
    ))
    .in_file(&post.file)
    .at(&doc.source, start, name.span().len().max(1))
    .hint(Text::new(
        "Pindahkan tulisan ini ke content/produk/ bila ia cerita sebuah produk, atau hapus baris `product`.",
        "Move this post to content/produk/ if it tells a product's story, or remove the `product` line.",
    ))
}

/// Two posts name the same product.
fn told_twice(profile: &Profile, k: usize, first: &Post, second: &Post) -> Diagnostic {
    let (a, b) = (first.file.display(), second.file.display());
    let name = &profile.products[k].name;
    Diagnostic::error(text!(
        "Produk \"{name}\" sudah diceritakan oleh `{a}`; `{b}` menyebutnya juga.",
        "The product \"{name}\" already has its story in `{a}`; `{b}` names it too."
    ))
    .in_file(&second.file)
    .hint(Text::new(
        "Satu produk punya satu halaman. Gabungkan kedua tulisan, atau hapus `product` dari salah satunya.",
        "A product has one page. Merge the two posts, or remove `product` from one of them.",
    ))
}

/// `product = "…"` names no product of the profile.
fn unknown_product(
    doc: &Document,
    span: std::ops::Range<usize>,
    name: &str,
    profile: &Profile,
) -> Diagnostic {
    let names: Vec<&str> = profile.products.iter().map(|p| p.name.as_str()).collect();
    let hint = match suggest_key(name, &names) {
        Some(s) => text!(
            "Mungkin maksudnya \"{s}\". Tulis nama produk persis seperti `name` di [[products]] profile.toml.",
            "Perhaps you meant \"{s}\". Write the product's name as `name` has it under [[products]] in profile.toml."
        ),
        None if names.is_empty() => Text::new(
            "profile.toml belum punya [[products]]. Tambahkan produknya di sana, atau hapus baris `product` agar tulisan ini menjadi produk tersendiri.",
            "profile.toml has no [[products]] yet. Add the product there, or remove the `product` line to make this post a product of its own.",
        ),
        None => {
            let list = names.join("\", \"");
            text!(
                "Produk di profile.toml: \"{list}\".",
                "The products in profile.toml: \"{list}\"."
            )
        }
    };
    Diagnostic::error(text!(
        "Produk \"{name}\" tidak ada di [[products]] profile.toml.",
        "The product \"{name}\" is not under [[products]] in profile.toml."
    ))
    .in_file(&doc.file)
    .at(&doc.source, span.start, span.len().max(1))
    .hint(hint)
}
