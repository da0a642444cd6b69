//! `/sitemap.xml`: every page readers may land on (the kinds that say
//! where they are [`Listed`](super::kind::Listed)), with when it last
//! changed; past `sitemap_max_urls` pages, an index of `/sitemap-1.xml`,
//! `/sitemap-2.xml`, …

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use serde::Serialize;

use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, jobs_where};
use crate::model::{Model, Moment};
use crate::render::Input;

/// The sitemap (key page 0) and, when it is split, its parts (page `k`
/// from 1 is `/sitemap-k.xml`).
pub struct Sitemap;

#[derive(Serialize, Clone)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

/// What the sitemap lists: each page's path and when it last changed.
type Listing = [(String, Option<Moment>)];

impl Kind for Sitemap {
    fn pages(&self, m: &Model) -> Vec<Key> {
        let urls = jobs_where(m, |k| k.listed().is_some()).len();
        let parts = urls.div_ceil(limit(m)).max(1);
        let mut keys = vec![Key::default()];
        if parts > 1 {
            keys.extend((1..=parts).map(|k| Key::paged(0, k)));
        }
        keys
    }

    fn path(&self, _: &Model, key: Key) -> String {
        match key.page {
            0 => "sitemap.xml".into(),
            k => format!("sitemap-{k}.xml"),
        }
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let listing = listing(m);
        let per = limit(m);
        if key.page > 0 {
            let start = ((key.page - 1) * per).min(listing.len());
            let end = (start + per).min(listing.len());
            to.derived("entries", &listing[start..end], |l| entries(m, l));
            return Body::Template("sitemap.xml");
        }
        if listing.len() <= per {
            to.derived("entries", &listing[..], |l| entries(m, l));
            return Body::Template("sitemap.xml");
        }
        to.derived("sitemaps", &listing[..], |l| parts(m, l));
        Body::Template("sitemap_index.xml")
    }
}

/// Every listed page, in [`super::kind::Listed`] order, with when it
/// last changed: a post's `updated` or `date`, a list's newest post.
/// Drafts never get here (the model left them out).
fn listing(m: &Model) -> Vec<(String, Option<Moment>)> {
    let dates = Dates::new(m);
    let mut jobs = jobs_where(m, |k| k.listed().is_some());
    jobs.sort_by_key(|j| j.kind().listed());
    jobs.into_iter()
        .map(|job| (job.path(m), job.kind().lastmod(m, job.key, &dates)))
        .collect()
}

fn entries(m: &Model, listing: &Listing) -> Vec<SitemapEntry> {
    let entry = |(path, lastmod): &(String, Option<Moment>)| SitemapEntry {
        loc: m.permalink(path),
        lastmod: lastmod.map(|t| t.machine()),
    };
    listing.iter().map(entry).collect()
}

/// The index of a split sitemap: each part with its newest page's date.
fn parts(m: &Model, listing: &Listing) -> Vec<SitemapEntry> {
    let entries = entries(m, listing);
    entries
        .chunks(limit(m))
        .enumerate()
        .map(|(k, chunk)| SitemapEntry {
            loc: m.permalink(&Sitemap.path(m, Key::paged(0, k + 1))),
            lastmod: chunk.iter().filter_map(|e| e.lastmod.clone()).max(),
        })
        .collect()
}

/// When lists last changed, each worked out once: a section of 10,000
/// posts has 1,000 pages, all with the same date.
pub struct Dates<'m> {
    model: &'m Model,
    site: OnceCell<Option<Moment>>,
    events: OnceCell<Option<Moment>>,
    /// By the list's address and length: each list is a slice of the model.
    lists: RefCell<HashMap<(usize, usize), Option<Moment>>>,
}

impl<'m> Dates<'m> {
    fn new(model: &'m Model) -> Dates<'m> {
        Dates {
            model,
            site: OnceCell::new(),
            events: OnceCell::new(),
            lists: RefCell::new(HashMap::new()),
        }
    }

    /// The newest `updated` or `date` of any post.
    pub fn site(&self) -> Option<Moment> {
        let all = |m: &Model| m.posts.iter().filter_map(|p| p.updated.or(p.date)).max();
        *self.site.get_or_init(|| all(self.model))
    }

    /// The newest of the posts `ids`, a list held by the model.
    pub fn newest(&self, m: &Model, ids: &[usize]) -> Option<Moment> {
        let key = (ids.as_ptr() as usize, ids.len());
        *self
            .lists
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| newest(m, ids))
    }

    /// The newest of the posts with an event.
    pub fn events(&self, m: &Model) -> Option<Moment> {
        *self.events.get_or_init(|| newest(m, &m.agenda().all()))
    }
}

/// The newest `updated` or `date` of the posts `ids`.
fn newest(m: &Model, ids: &[usize]) -> Option<Moment> {
    ids.iter()
        .filter_map(|&i| m.posts[i].updated.or(m.posts[i].date))
        .max()
}

fn limit(m: &Model) -> usize {
    m.config.build.sitemap_max_urls.clamp(1, 50_000)
}
