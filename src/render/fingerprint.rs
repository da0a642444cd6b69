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
    /// Every file a page writes, in the order of its job in
    /// [`jobs`]: a job that writes several files (the search index) has
    /// its fingerprint on each, one after the other.
    pub pages: Vec<PagePrint>,
}

/// One file a page writes, and the page's fingerprint.
#[derive(Debug, Clone)]
pub struct PagePrint {
    pub file: String,
    pub job: Job,
    pub print: u64,
}

impl Fingerprints {
    /// Whether some page writes `file` (a linear search: for the rare
    /// file that stopped being published).
    pub fn has_page(&self, file: &str) -> bool {
        self.pages.iter().any(|p| p.file == file)
    }
}

/// Computes every page's fingerprint.
pub fn fingerprints(model: &Input<'_>) -> Fingerprints {
    let (global, pages) = rayon::join(|| global_hash(model), || page_prints(model));
    Fingerprints { global, pages }
}

/// Every file of every page with its page's fingerprint, in job order.
fn page_prints(model: &Input<'_>) -> Vec<PagePrint> {
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
                _ => vec![into_output_file(path)],
            };
            files
                .into_iter()
                .map(move |file| PagePrint { file, job, print })
        })
        .collect()
}

/// [`output_file`] without a second allocation.
fn into_output_file(mut path: String) -> String {
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
        path
    } else {
        debug_assert_eq!(output_file(&path), path);
        path
    }
}

/// The pages to render again, and the files to drop, going from `old` to
/// `new`. Everything when what all pages see changed.
///
/// When both list the same jobs in the same order (a post edited, even
/// moved by a new date: a post's page is keyed by its index, not its
/// address), the two lists are compared side by side, without hashing a
/// single file name; else (a page added or gone) through a map.
pub fn stale(old: &Fingerprints, new: &Fingerprints) -> (Vec<Job>, Vec<String>) {
    let everything = old.global != new.global;
    let aligned = old.pages.len() == new.pages.len()
        && old
            .pages
            .iter()
            .zip(&new.pages)
            .all(|(o, n)| o.job == n.job);
    let mut render: Vec<Job> = Vec::new();
    let mut add = |job: Job| {
        // A job's files are next to each other: one render for them all.
        if render.last() != Some(&job) {
            render.push(job);
        }
    };
    let mut gone: Vec<String> = if aligned {
        let (mut left, mut taken) = (Vec::new(), HashSet::new());
        for (o, n) in old.pages.iter().zip(&new.pages) {
            if everything || o.print != n.print || o.file != n.file {
                add(n.job);
            }
            if o.file != n.file {
                left.push(&o.file);
                taken.insert(n.file.as_str());
            }
        }
        // A file that changed hands (posts swapped addresses) is not gone.
        left.into_iter()
            .filter(|f| !taken.contains(f.as_str()))
            .cloned()
            .collect()
    } else {
        let before: HashMap<&str, u64> = old
            .pages
            .iter()
            .map(|p| (p.file.as_str(), p.print))
            .collect();
        for n in &new.pages {
            if everything || before.get(n.file.as_str()) != Some(&n.print) {
                add(n.job);
            }
        }
        let now: HashSet<&str> = new.pages.iter().map(|p| p.file.as_str()).collect();
        old.pages
            .iter()
            .filter(|p| !now.contains(p.file.as_str()))
            .map(|p| p.file.clone())
            .collect()
    };
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
            f.pages
                .iter()
                .map(|p| (p.file.clone(), p.print))
                .collect::<Vec<_>>()
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

#[cfg(test)]
mod stale_tests {
    use super::{Fingerprints, PagePrint, stale};

    fn example() -> Fingerprints {
        let model = crate::site::example_model();
        let images = crate::images::ImagePlan::empty();
        super::fingerprints(&crate::render::Input {
            model: &model,
            images: &images,
        })
    }

    fn copy(f: &Fingerprints) -> Fingerprints {
        Fingerprints {
            global: f.global,
            pages: f.pages.clone(),
        }
    }

    fn files(f: &Fingerprints, jobs: &[crate::render::Job]) -> Vec<String> {
        let mut v: Vec<String> = f
            .pages
            .iter()
            .filter(|p| jobs.contains(&p.job))
            .map(|p| p.file.clone())
            .collect();
        v.sort();
        v
    }

    /// Side by side (same jobs) and through a map (a page more or less),
    /// `stale` finds the same pages and the same files gone.
    #[test]
    fn stale_pages_and_gone_files_in_every_case() {
        let old = example();
        let (a, b) = (3, 7);
        // Two pages swap addresses (a post moved by its date): both are
        // rendered again, no file is gone.
        let mut swapped = copy(&old);
        let (fa, fb) = (old.pages[a].file.clone(), old.pages[b].file.clone());
        swapped.pages[a] = PagePrint {
            file: fb.clone(),
            print: 1,
            ..old.pages[a].clone()
        };
        swapped.pages[b] = PagePrint {
            file: fa.clone(),
            print: 2,
            ..old.pages[b].clone()
        };
        let (render, gone) = stale(&old, &swapped);
        let mut want = vec![fa.clone(), fb.clone()];
        want.sort();
        assert_eq!(files(&swapped, &render), want);
        assert!(gone.is_empty(), "{gone:?}");
        // A page moved to a new address: the old one is gone.
        let mut moved = copy(&old);
        moved.pages[a].file = "baru/index.html".into();
        let (render, gone) = stale(&old, &moved);
        assert_eq!(files(&moved, &render), vec!["baru/index.html".to_string()]);
        assert_eq!(gone, vec![fa.clone()]);
        // A page less: only its file is gone, nothing is rendered again.
        let mut fewer = copy(&old);
        fewer.pages.remove(a);
        let (render, gone) = stale(&old, &fewer);
        assert!(render.is_empty(), "{render:?}");
        assert_eq!(gone, vec![fa.clone()]);
        // And back: the page is made again.
        let (render, gone) = stale(&fewer, &old);
        assert_eq!(files(&old, &render), vec![fa]);
        assert!(gone.is_empty());
        // Nothing changed: nothing to do; what every page sees changed:
        // every page.
        let (render, gone) = stale(&old, &copy(&old));
        assert!(render.is_empty() && gone.is_empty());
        let mut global = copy(&old);
        global.global ^= 1;
        let (render, _) = stale(&old, &global);
        assert_eq!(files(&global, &render).len(), old.pages.len());
    }
}
