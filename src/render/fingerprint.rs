//! What each page depends on, folded into one number.
//!
//! `serve` keeps the fingerprints of the last build and re-renders only
//! the pages whose fingerprint changed: editing one post changes its own
//! page, the list pages that show it, and its neighbours' pages, and
//! nothing else. The fingerprint of a page hashes exactly what its
//! context holds (see [`super::Renderer`]): for a list, the summaries of
//! the posts on it; for a post, the post itself (its body by identity:
//! an unchanged body is the same shared allocation) and the summaries of
//! its neighbours. What every page sees (settings, profile, the section
//! and category lists) is the separate [`Fingerprints::global`].

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::model::{Model, Post};
use crate::render::views::page_count;
use crate::render::{Job, ProfilePage, Renderer, job_path, output_file};

pub struct Fingerprints {
    pub global: u64,
    /// Output file → (job, fingerprint).
    pub pages: HashMap<String, (Job, u64)>,
}

fn summary_hash(p: &Post) -> u64 {
    let mut h = DefaultHasher::new();
    (
        &p.title,
        &p.path,
        &p.date,
        &p.updated,
        &p.expires,
        &p.category,
    )
        .hash(&mut h);
    (&p.tags, &p.author, &p.place, p.pinned, p.draft).hash(&mut h);
    (
        &p.summary,
        &p.summary_html,
        &p.image,
        &p.event,
        &p.source,
        p.body.words,
    )
        .hash(&mut h);
    h.finish()
}

fn full_hash(p: &Post, summary: u64) -> u64 {
    let mut h = DefaultHasher::new();
    (
        summary,
        Arc::as_ptr(&p.body) as usize,
        &p.template,
        &p.section,
    )
        .hash(&mut h);
    h.finish()
}

/// Computes every page's fingerprint.
pub fn fingerprints(model: &Model, images: &crate::images::ImagePlan) -> Fingerprints {
    let digest = |p: &Post| {
        *p.digest.get_or_init(|| {
            let s = summary_hash(p);
            (s, full_hash(p, s))
        })
    };
    let posts: Vec<(u64, u64)> = model.posts.par_iter().map(|p| digest(p)).collect();
    let pages: Vec<u64> = model.pages.iter().map(|p| digest(p).1).collect();
    let summaries = |ids: &[usize], h: &mut DefaultHasher| {
        for &i in ids {
            posts[i].0.hash(h);
        }
    };
    let per = model.config.posts_per_page;
    let agenda = model.agenda();
    let agenda_all = agenda.all();
    let jobs = Renderer::jobs(model);
    let pages_map = jobs
        .par_iter()
        .map(|&job| {
            let path = job_path(model, job);
            let mut h = DefaultHasher::new();
            path.hash(&mut h);
            match job {
                Job::Home => {
                    let pinned: Vec<usize> = (0..model.posts.len())
                        .filter(|&i| model.posts[i].pinned)
                        .collect();
                    summaries(&pinned, &mut h);
                    summaries(&(0..model.posts.len().min(per)).collect::<Vec<_>>(), &mut h);
                    summaries(&model.active_announcements().collect::<Vec<_>>(), &mut h);
                    summaries(&model.upcoming_events(), &mut h);
                    model.posts.len().hash(&mut h);
                    let welcome = model.profile.village.welcome_page.as_deref();
                    for (i, pg) in model.pages.iter().enumerate() {
                        if welcome.is_some_and(|w| w.trim_start_matches("content/") == pg.rel) {
                            pages[i].hash(&mut h);
                        }
                    }
                }
                Job::Post(i) => {
                    let n = model.neighbours(i);
                    posts[i].1.hash(&mut h);
                    for p in n.older.iter().chain(&n.newer).chain(&n.related) {
                        posts[*p].0.hash(&mut h);
                    }
                }
                Job::Page(i) => pages[i].hash(&mut h),
                Job::Section { index, page } => {
                    list(&model.sections[index].posts, page, per, &mut h, &posts)
                }
                Job::Category { index, page } => {
                    list(&model.categories[index].posts, page, per, &mut h, &posts)
                }
                Job::Tag { index, page } => {
                    model.tags[index].name.hash(&mut h);
                    list(&model.tags[index].posts, page, per, &mut h, &posts);
                }
                Job::Categories => {
                    for c in &model.categories {
                        (&c.key, c.posts.len()).hash(&mut h);
                    }
                }
                Job::Tags => {
                    for t in &model.tags {
                        (&t.key, &t.name, t.posts.len()).hash(&mut h);
                    }
                }
                Job::Archive => {
                    for y in &model.archive {
                        for m in &y.months {
                            (m.year, m.month, m.posts.len()).hash(&mut h);
                        }
                    }
                }
                Job::ArchiveMonth { year, month } => {
                    summaries(&model.archive[year].months[month].posts, &mut h)
                }
                Job::Profile(p) => {
                    for (i, pg) in model.pages.iter().enumerate() {
                        let history = p == ProfilePage::Profil
                            && model.profile.village.history_page.as_deref()
                                == Some(pg.rel.as_str());
                        if history || pg.section == p.key() {
                            pages[i].hash(&mut h);
                        }
                    }
                }
                Job::NotFound | Job::Robots | Job::Search => {}
                // Profile data only (the global hash), drawn in the template.
                Job::Statistik | Job::Transparansi | Job::Wilayah => {}
                // The institutions' pages and the rest of `content/lembaga/`.
                Job::Lembaga => {
                    for i in crate::render::village::lembaga_pages(model) {
                        pages[i].hash(&mut h);
                    }
                }
                // The index holds every word of every post and page.
                Job::SearchIndex => {
                    for p in &posts {
                        p.1.hash(&mut h);
                    }
                    pages.hash(&mut h);
                }
                Job::Redirect(i) => model.redirects[i].hash(&mut h),
                Job::Catalog(p) => crate::render::catalog::fingerprint(model, p, &posts, &mut h),
                // The events on the page, and where "now" splits them.
                Job::Agenda { page } => {
                    agenda.upcoming.len().hash(&mut h);
                    list(&agenda_all, page, per, &mut h, &posts);
                }
                // Calendars print the fields of the summary (with `[event]`).
                Job::AgendaCalendar => summaries(&agenda_all, &mut h),
                Job::EventCalendar(i) => posts[i].0.hash(&mut h),
                // The profile (global) with category counts and the newest date.
                Job::ProfileJson => {
                    for c in &model.categories {
                        (&c.key, c.posts.len()).hash(&mut h);
                    }
                    model
                        .posts
                        .iter()
                        .filter_map(|p| p.updated.or(p.date))
                        .max()
                        .hash(&mut h);
                    model.posts.len().hash(&mut h);
                }
                // A feed holds its newest posts in full.
                Job::Feed { category, .. } => {
                    let ids: Vec<usize> = match category {
                        Some(c) => model.categories[c].posts.clone(),
                        None => (0..model.posts.len().min(model.config.feeds.limit)).collect(),
                    };
                    for &i in ids.iter().take(model.config.feeds.limit) {
                        posts[i].1.hash(&mut h);
                    }
                }
                // The sitemap lists every page with its date, not its text.
                Job::Sitemap | Job::SitemapPart(_) => {
                    for p in model.posts.iter().chain(&model.pages) {
                        (&p.path, &p.date, &p.updated, p.event.is_some()).hash(&mut h);
                    }
                    for (section, count) in model.sections.iter().map(|s| (&s.key, s.posts.len())) {
                        (section, count).hash(&mut h);
                    }
                }
            }
            (output_file(&path), (job, h.finish()))
        })
        .collect();
    Fingerprints {
        global: global_hash(model, images),
        pages: pages_map,
    }
}

/// A paginated list: its page, how many pages, and the posts on it.
fn list(ids: &[usize], page: usize, per: usize, h: &mut DefaultHasher, posts: &[(u64, u64)]) {
    (page, page_count(ids.len(), per), ids.len()).hash(h);
    let start = ((page - 1) * per).min(ids.len());
    for &i in &ids[start..(start + per).min(ids.len())] {
        posts[i].0.hash(h);
    }
}

/// What every page sees: settings, profile, and the lists in `site`.
fn global_hash(model: &Model, images: &crate::images::ImagePlan) -> u64 {
    let mut h = DefaultHasher::new();
    format!("{:?}{:?}", model.config, model.profile).hash(&mut h);
    for s in &model.sections {
        (&s.key, &s.title, &s.description, s.posts.len()).hash(&mut h);
    }
    for c in &model.categories {
        (&c.key, c.posts.len()).hash(&mut h);
    }
    // The announcement banner is on every page.
    for i in model.active_announcements() {
        summary_hash(&model.posts[i]).hash(&mut h);
    }
    // Whether /galeri/ exists shows in every page's links.
    model.catalog.albums.is_empty().hash(&mut h);
    // Sizes and names of photos are printed wherever they are shown.
    images.generation().hash(&mut h);
    // `content_url()` maps source files to URLs on any page.
    for p in model.posts.iter().chain(&model.pages) {
        (&p.rel, &p.path).hash(&mut h);
    }
    h.finish()
}

/// The pages to render again, and the files to drop, going from `old` to
/// `new`. Everything when what all pages see changed.
pub fn stale(old: &Fingerprints, new: &Fingerprints) -> (Vec<Job>, Vec<String>) {
    let everything = old.global != new.global;
    let render: Vec<Job> = new
        .pages
        .iter()
        .filter(|(file, (_, print))| {
            everything || old.pages.get(*file).is_none_or(|(_, o)| o != print)
        })
        .map(|(_, (job, _))| *job)
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
