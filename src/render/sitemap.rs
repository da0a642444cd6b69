//! `/sitemap.xml`: every page readers may land on (the kinds that say
//! where they are [`Listed`]), with when it last changed; past
//! `sitemap_max_urls` pages, an index of `/sitemap-1.xml`, `/sitemap-2.xml`, …

use serde::Serialize;

use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, jobs_where};
use crate::model::{Model, Moment};

/// The sitemap (key page 0) and, when it is split, its parts (page `k`
/// from 1 is `/sitemap-k.xml`).
pub struct Sitemap;

#[derive(Serialize, Clone)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

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

    fn inputs<'m>(&self, m: &'m Model, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let entries = entries(m);
        let per = limit(m);
        if key.page > 0 {
            let start = ((key.page - 1) * per).min(entries.len());
            let end = (start + per).min(entries.len());
            to.value("entries", &entries[start..end]);
            return Body::Template("sitemap.xml");
        }
        if entries.len() <= per {
            to.value("entries", &entries);
            return Body::Template("sitemap.xml");
        }
        let parts: Vec<SitemapEntry> = entries
            .chunks(per)
            .enumerate()
            .map(|(k, chunk)| SitemapEntry {
                loc: m.permalink(&self.path(m, Key::paged(0, k + 1))),
                lastmod: chunk.iter().filter_map(|e| e.lastmod.clone()).max(),
            })
            .collect();
        to.value("sitemaps", &parts);
        Body::Template("sitemap_index.xml")
    }
}

/// Every listed page, in [`super::kind::Listed`] order, with when it last
/// changed: a post's `updated` or `date`, a list's newest post. Drafts
/// never get here (the model left them out).
fn entries(m: &Model) -> Vec<SitemapEntry> {
    let site = newest(m, &(0..m.posts.len()).collect::<Vec<_>>());
    let mut jobs = jobs_where(m, |k| k.listed().is_some());
    jobs.sort_by_key(|j| j.kind().listed());
    jobs.into_iter()
        .map(|job| SitemapEntry {
            loc: m.permalink(&job.path(m)),
            lastmod: job.kind().lastmod(m, job.key, site).map(|t| t.machine()),
        })
        .collect()
}

/// The newest `updated` or `date` of the posts `ids`.
pub fn newest(m: &Model, ids: &[usize]) -> Option<Moment> {
    ids.iter()
        .filter_map(|&i| m.posts[i].updated.or(m.posts[i].date))
        .max()
}

fn limit(m: &Model) -> usize {
    m.config.build.sitemap_max_urls.clamp(1, 50_000)
}
