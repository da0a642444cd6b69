//! What each page depends on, folded into one number.
//!
//! `serve` keeps the fingerprints of the last build and re-renders only
//! the pages whose fingerprint changed: editing one post changes its own
//! page, the list pages that show it, and its neighbours' pages, and
//! nothing else. A page's fingerprint is the hash of its path, its body
//! and its [`Inputs`](super::inputs::Inputs): the very calls its kind makes to build its
//! context, hashed instead of rendered (see [`super::inputs`]). What
//! every page sees (settings, profile, `site`) is the separate
//! [`Fingerprints::global`].

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use super::global::global_hash;
use super::inputs::Run;
use super::kind::{Body, Job, jobs, output_file};
use crate::render::Input;

pub struct Fingerprints {
    pub global: u64,
    /// Output file → (job, fingerprint).
    pub pages: HashMap<String, (Job, u64)>,
}

/// Computes every page's fingerprint.
pub fn fingerprints(model: &Input<'_>) -> Fingerprints {
    let (global, pages) = rayon::join(|| global_hash(model), || page_prints(model));
    Fingerprints { global, pages }
}

/// Output file → (job, fingerprint) of every page; a job that writes
/// several files (the search index) has its fingerprint on each.
fn page_prints(model: &Input<'_>) -> HashMap<String, (Job, u64)> {
    let run = Run::print(model);
    jobs(model)
        .par_iter()
        .flat_map_iter(|&job| {
            let path = job.path(model);
            let mut to = run.inputs();
            let body = job.kind().inputs(model, job.key, &mut to);
            let mut h = DefaultHasher::new();
            (&path, to.finish()).hash(&mut h);
            match body {
                Body::Template(t) => t.hash(&mut h),
                Body::Made(make) => (make as usize).hash(&mut h),
                Body::Files(make) => (make as usize).hash(&mut h),
            }
            let print = h.finish();
            let files = match body {
                Body::Files(_) => job.files(model),
                _ => vec![output_file(&path)],
            };
            files.into_iter().map(move |f| (f, (job, print)))
        })
        .collect()
}

/// The pages to render again, and the files to drop, going from `old` to
/// `new`. Everything when what all pages see changed.
pub fn stale(old: &Fingerprints, new: &Fingerprints) -> (Vec<Job>, Vec<String>) {
    let everything = old.global != new.global;
    let mut seen = HashSet::new();
    let render: Vec<Job> = new
        .pages
        .iter()
        .filter(|(file, (_, print))| {
            everything || old.pages.get(*file).is_none_or(|(_, o)| o != print)
        })
        .map(|(_, (job, _))| *job)
        .filter(|job| seen.insert(*job))
        .collect();
    let mut gone: Vec<String> = old
        .pages
        .keys()
        .filter(|f| !new.pages.contains_key(*f))
        .cloned()
        .collect();
    gone.sort();
    (render, gone)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::Arc;

    use super::{fingerprints, stale};
    use crate::model::Model;

    fn example() -> Model {
        crate::site::example_model()
    }

    /// The fingerprints of `model`, with no photos.
    fn prints(model: &Model) -> super::Fingerprints {
        let images = crate::images::ImagePlan::empty();
        fingerprints(&crate::render::Input {
            model,
            images: &images,
        })
    }

    #[test]
    fn the_same_model_gives_the_same_fingerprints() {
        let model = example();
        let (a, b) = (prints(&model), prints(&model));
        assert_eq!(a.global, b.global);
        let print = |f: &super::Fingerprints| {
            let mut v: Vec<(String, u64)> = f.pages.iter().map(|(k, v)| (k.clone(), v.1)).collect();
            v.sort();
            v
        };
        assert_eq!(print(&a), print(&b));
        let files: usize = crate::render::jobs(&model)
            .iter()
            .map(|j| j.files(&model).len())
            .sum();
        assert_eq!(a.pages.len(), files, "one fingerprint a file");
    }

    /// A new title shows on the post's own page and wherever the post is
    /// listed, and nowhere else.
    #[test]
    fn a_retitled_post_re_renders_exactly_the_pages_that_show_it() {
        let mut model = example();
        let old = prints(&model);
        // The oldest news post: on no home page list, with neighbours.
        let i = (0..model.posts.len())
            .rev()
            .find(|&i| model.posts[i].section == "berita")
            .expect("a news post");
        let mut post = (*model.posts[i]).clone();
        post.title.push_str(" (diperbarui)");
        post.digest = std::sync::OnceLock::new();
        model.posts[i] = Arc::new(post);
        let new = prints(&model);
        assert_eq!(old.global, new.global, "a title is not on every page");
        let (render, gone) = stale(&old, &new);
        assert!(gone.is_empty());
        let files: HashSet<String> = render.iter().map(|j| j.file(&model)).collect();
        let own = |j: usize| format!("{}index.html", model.posts[j].path);
        assert!(files.contains(&own(i)), "{files:?}");
        for j in (0..model.posts.len()).filter(|&j| j != i) {
            let n = model.neighbours(j);
            let shows = n.older == Some(i) || n.newer == Some(i) || n.related.contains(&i);
            assert_eq!(files.contains(&own(j)), shows, "post page {}", own(j));
        }
        let month = model.archive.iter().flat_map(|y| &y.months);
        for m in month {
            let file = format!("{}index.html", m.path);
            assert_eq!(files.contains(&file), m.posts.contains(&i), "{file}");
        }
        for unchanged in [
            "sitemap.xml",
            "kategori/index.html",
            "arsip/index.html",
            "404.html",
        ] {
            assert!(!files.contains(unchanged), "{unchanged} re-rendered");
        }
        assert!(
            files.contains("cari/index.js"),
            "the search index has every title"
        );
        let per = model.config.posts_per_page;
        let sections = model.sections.iter().map(|s| (&s.posts, &s.path));
        let categories = model.categories.iter().map(|c| (&c.posts, &c.path));
        for (posts, base) in sections.chain(categories) {
            let at = posts.iter().position(|&p| p == i);
            for page in 1..=crate::render::views::page_count(posts.len(), per) {
                let path = crate::render::views::page_path(base, page);
                let shown = at.is_some_and(|k| k / per + 1 == page);
                let file = format!("{path}index.html");
                assert_eq!(files.contains(&file), shown, "{file}");
            }
        }
    }
}
