//! What templates see: serializable views that borrow from the model.
//!
//! A view is made per page from references into the one shared model, so
//! rendering 10,000 posts copies each post once into its own page's
//! context, never the whole site into every page.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use crate::images::markup::{ImageView, rewrite_body};
use crate::load::markdown::Heading;
use crate::model::Model;
use crate::model::adinda::Principle;
use crate::model::post::{EventInfo, SourceInfo};
use crate::model::{Moment, Post, Term};
use crate::render::Input;

#[derive(Serialize, Hash)]
pub struct TermView<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

impl<'a> TermView<'a> {
    pub fn new(model: &Model, term: &'a Term) -> Self {
        TermView {
            key: &term.key,
            name: &term.name,
            url: model.url(&term.path),
            count: term.posts.len(),
        }
    }
}

/// A post as templates see it. `content` and `toc` only on its own page.
#[derive(Serialize)]
pub struct PostView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub section: &'a str,
    pub slug: &'a str,
    pub date: Option<Moment>,
    pub has_time: bool,
    pub updated: Option<Moment>,
    pub expires: Option<Moment>,
    pub category: Option<TermView<'a>>,
    pub tags: Vec<TermView<'a>>,
    /// `[{key, name}]`: the ADINDA principles named, in the acronym's order.
    pub adinda: &'a [Principle],
    pub author: Option<&'a str>,
    pub place: Option<&'a str>,
    pub pinned: bool,
    pub draft: bool,
    pub summary: &'a str,
    pub summary_html: &'a str,
    /// The main photo: its largest web version, with its size.
    pub image: Option<ImageView<'a>>,
    pub event: Option<&'a EventInfo>,
    pub source: Option<&'a SourceInfo>,
    pub words: usize,
    pub reading_minutes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toc: Option<&'a [Heading]>,
}

impl<'a> PostView<'a> {
    pub fn summary(model: &'a Input<'a>, post: &'a Post) -> Self {
        PostView {
            title: &post.title,
            url: model.url(&post.path),
            permalink: model.permalink(&post.path),
            section: &post.section,
            slug: &post.slug,
            date: post.date,
            has_time: post.date.is_some_and(|d| d.has_time),
            updated: post.updated,
            expires: post.expires,
            category: post
                .category
                .as_deref()
                .and_then(|k| model.category(k))
                .map(|t| TermView::new(model, t)),
            tags: post
                .tags
                .iter()
                .filter_map(|t| model.tag(t))
                .map(|t| TermView::new(model, t))
                .collect(),
            adinda: &post.adinda,
            author: post.author.as_deref(),
            place: post.place.as_deref(),
            pinned: post.pinned,
            draft: post.draft,
            summary: &post.summary,
            summary_html: &post.summary_html,
            image: post
                .image
                .as_ref()
                .map(|i| ImageView::new(i, model.images, &model.config.root_path)),
            event: post.event.as_ref(),
            source: post.source.as_ref(),
            words: post.body.words,
            reading_minutes: post.body.words.div_ceil(200).max(1),
            content: None,
            toc: None,
        }
    }

    pub fn full(model: &'a Input<'a>, post: &'a Post) -> Self {
        PostView {
            // Photos in the body become `<picture>`; the first loads at
            // once unless the main photo is above it.
            content: Some(rewrite_body(
                &post.body.html,
                model.images,
                &model.config.root_path,
                post.image.is_none(),
            )),
            toc: Some(&post.body.toc),
            ..PostView::summary(model, post)
        }
    }
}

/// Each post's summary as a template value, made at most once per
/// render run: a post appears on many list pages (its section, category,
/// tags, archive month, neighbours' pages), and a template value is
/// shared, not copied, when it is put on another page.
pub struct Summaries<'m> {
    model: &'m Input<'m>,
    cells: Vec<OnceLock<Value>>,
}

impl<'m> Summaries<'m> {
    pub fn new(model: &'m Input<'m>) -> Self {
        Summaries {
            model,
            cells: (0..model.posts.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    pub fn get(&self, i: usize) -> Value {
        self.cells[i]
            .get_or_init(|| {
                Value::from_serializable(&PostView::summary(self.model, &self.model.posts[i]))
            })
            .clone()
    }

    pub fn list(&self, ids: &[usize]) -> Value {
        Value::from(ids.iter().map(|&i| self.get(i)).collect::<Vec<_>>())
    }
}

/// A list page's place in its list. Templates get it with `items`, the
/// summaries of the posts on this page, added.
#[derive(Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub total_items: usize,
    pub first: String,
    pub last: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Numbers and URLs of the pages near this one (two on each side),
    /// for a numbered pager that stays short on a phone.
    pub pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
}

/// The URL path of page `n` (1-based) of a list at `base`:
/// `berita/`, `berita/halaman/2/`.
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}halaman/{n}/")
    }
}

/// How many pages a list of `len` items takes (at least one).
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page).max(1)
}

impl Paginator {
    /// Page `n` of the list `all` at `base`, as a template value.
    pub fn value(
        model: &Input<'_>,
        base: &str,
        all: &[usize],
        n: usize,
        sums: &Summaries,
    ) -> Value {
        let per = model.config.posts_per_page;
        let start = ((n - 1) * per).min(all.len());
        let end = (start + per).min(all.len());
        let pager = Value::from_serializable(&Paginator::new(model, base, all, n));
        let mut map: BTreeMap<tera::value::Key<'static>, Value> = pager
            .as_map()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        map.insert("items".into(), sums.list(&all[start..end]));
        Value::from(map)
    }

    pub fn new(model: &Input<'_>, base: &str, all: &[usize], n: usize) -> Self {
        let per = model.config.posts_per_page;
        let total = page_count(all.len(), per);
        let url = |k: usize| model.url(&page_path(base, k));
        Paginator {
            current: n,
            total,
            total_items: all.len(),
            first: url(1),
            last: url(total),
            prev: (n > 1).then(|| url(n - 1)),
            next: (n < total).then(|| url(n + 1)),
            pages: (n.saturating_sub(2).max(1)..=(n + 2).min(total))
                .map(|k| PagerLink {
                    number: k,
                    url: url(k),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{page_count, page_path};

    #[test]
    fn paginates() {
        assert_eq!(page_path("berita/", 1), "berita/");
        assert_eq!(page_path("berita/", 3), "berita/halaman/3/");
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
    }
}
