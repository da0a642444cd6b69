//! What search finds: the site's documents, each with the fields ranking
//! weighs.
//!
//! Every post (newest first), then every standalone page, then what the
//! village profile makes pages of: products that have no post of their
//! own, tourism spots, potentials and the profile page. Each has a
//! *label* shown above its title in the results: a post's category, or
//! the kind of page (`Produk`, `Wisata`, `Potensi`, `Profil desa`).

use crate::diag::Lang;
use crate::format;
use crate::model::{Model, Post};

/// One document, as the index sees it.
#[derive(Debug, Default)]
pub struct Doc {
    /// URL path below the site root, no leading slash.
    pub path: String,
    pub title: String,
    /// As the site prints it; empty for a page.
    pub date: String,
    /// Index into [`labels`], or -1.
    pub label: i64,
    /// Shown under the title, and weighed as its own field.
    pub summary: String,
    /// Category, tags, product category: weighed as the summary is.
    pub keywords: Vec<String>,
    /// The text of the body's headings, then the rest of the body.
    pub headings: String,
    pub body: String,
    /// In a network portal's merged index, the village's place in its
    /// list of villages (see [`super::files::Head`]).
    pub village: Option<u32>,
}

/// Labels of the kinds of profile page, after the site's categories.
const KINDS: [(&str, &str); 4] = [
    ("Produk", "Product"),
    ("Wisata", "Tourism"),
    ("Potensi", "Potential"),
    ("Profil desa", "Village profile"),
];

/// The labels `Doc::label` points into: the categories' names, then the
/// kinds of profile page.
pub fn labels(model: &Model) -> Vec<String> {
    let lang = model.config.language;
    model
        .categories
        .iter()
        .map(|c| c.name.clone())
        .chain(KINDS.iter().map(|(id, en)| match lang {
            Lang::Id => id.to_string(),
            Lang::En => en.to_string(),
        }))
        .collect()
}

/// Every document of the site, in index order.
pub fn documents(model: &Model) -> Vec<Doc> {
    let posts: Vec<&Post> = model
        .posts
        .iter()
        .chain(&model.pages)
        .map(|p| &**p)
        .collect();
    let mut docs: Vec<Doc> = posts.iter().map(|p| post(model, p)).collect();
    docs.extend(profile_docs(model));
    docs
}

/// How many documents [`documents`] gives, without reading their text:
/// the index's number of files follows from it (see [`super::files`]).
pub fn count(model: &Model) -> usize {
    model.posts.len() + model.pages.len() + profile_docs(model).len()
}

fn post(model: &Model, post: &Post) -> Doc {
    let date = post
        .date
        .map(|d| format::date_medium(d.at.date_naive(), model.config.language))
        .unwrap_or_default();
    let category = post
        .category
        .as_deref()
        .and_then(|k| model.categories.iter().position(|c| c.key == k));
    let mut keywords = post.tags.clone();
    if let Some(c) = category {
        keywords.push(model.categories[c].name.clone());
    }
    let (headings, body) = super::html::split(&post.body.html);
    Doc {
        path: post.path.clone(),
        title: post.title.clone(),
        date,
        label: category.map_or(-1, |c| c as i64),
        summary: post.summary.clone(),
        keywords,
        headings,
        body,
        village: None,
    }
}

/// Products without a post of their own, tourism spots, potentials and
/// the profile page.
fn profile_docs(model: &Model) -> Vec<Doc> {
    let profile = &model.profile;
    let kind = |k: usize| (model.categories.len() + k) as i64;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut docs = Vec::new();
    for entry in model.catalog.products.iter().filter(|e| e.listed) {
        let (Some(i), None) = (entry.profile, entry.post) else {
            continue;
        };
        let p = &profile.products[i];
        let mut keywords: Vec<String> = p.category.iter().cloned().collect();
        keywords.extend(p.seller.clone());
        docs.push(Doc {
            path: entry.path.clone(),
            title: p.name.clone(),
            label: kind(0),
            summary: text(&p.description),
            keywords,
            ..Doc::default()
        });
    }
    for (spot, t) in model.catalog.spots.iter().zip(&profile.tourism) {
        docs.push(Doc {
            path: spot.path.clone(),
            title: t.name.clone(),
            label: kind(1),
            summary: text(&t.description),
            keywords: t.facilities.clone(),
            ..Doc::default()
        });
    }
    for p in &profile.potentials {
        docs.push(Doc {
            path: "potensi/".into(),
            title: p.title.clone(),
            label: kind(2),
            summary: text(&p.description),
            keywords: p.sector.iter().cloned().collect(),
            ..Doc::default()
        });
    }
    let v = &profile.village;
    let mut body = text(&v.vision);
    for m in &v.missions {
        body.push('\n');
        body.push_str(m);
    }
    docs.push(Doc {
        path: "profil/".into(),
        title: v.display_name.clone(),
        label: kind(3),
        summary: text(&v.tagline),
        body,
        ..Doc::default()
    });
    docs
}
