//! Stage 2: model. The loaded files resolved into one read-only site.
//!
//! Built once per build, then shared by reference with the renderers on
//! every thread: posts newest first, standalone pages, sections,
//! categories, tags and the archive hold indices into `posts`, never
//! copies. Everything a reader will see is decided here (what is
//! published, which URL each page gets, what a link points to), so
//! rendering is a pure function of the model.

pub mod adinda;
pub mod agenda;
pub mod cache;
pub mod catalog;
pub mod image_checks;
pub mod moment;
pub mod post;
mod prepare;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset};

use crate::diag::Diagnostics;
use crate::format::{Zone, slugify};
use crate::load::Loaded;
use crate::load::config::Config;
use crate::load::content::{DocKind, SectionMeta};
use crate::load::profile::Profile;
use prepare::{Stage, check_profile_pages, check_unique_paths, settings_key};

pub use cache::BodyCache;
pub use moment::Moment;
pub use post::Post;

/// Paths the site generates itself; no content file may take them.
pub const GENERATED_PATHS: &[&str] = &[
    "",
    "profil/",
    "pemerintahan/",
    "kim/",
    "kim/laporan/",
    "kontak/",
    "arsip/",
    "kategori/",
    "tag/",
    "cari/",
    "statistik/",
    "transparansi/",
    "pembangunan/",
    "dokumen/",
    "lembaga/",
    "wilayah/",
    "produk/",
    "potensi/",
    "wisata/",
    "galeri/",
    "agenda/",
];

/// See [`Model::neighbours`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbours {
    pub older: Option<usize>,
    pub newer: Option<usize>,
    pub section: Option<usize>,
    pub related: Vec<usize>,
}

/// What to include.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Include drafts and future posts (`--drafts`).
    pub drafts: bool,
    /// "Now", for future posts and expiry; the real clock when `None`.
    pub now: Option<DateTime<FixedOffset>>,
}

/// A category or a tag, with the posts that carry it (newest first).
#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    pub name: String,
    pub path: String,
    pub posts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub description: String,
    pub path: String,
    pub posts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct ArchiveMonth {
    pub year: i32,
    pub month: u32,
    pub path: String,
    pub posts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct ArchiveYear {
    pub year: i32,
    pub months: Vec<ArchiveMonth>,
}

pub use crate::load::Asset;

pub struct Model {
    pub config: Config,
    pub profile: Profile,
    pub zone: Zone,
    pub now: DateTime<FixedOffset>,
    /// Shared with `serve`'s cache, so an unchanged post is not copied
    /// from one rebuild to the next.
    pub posts: Vec<Arc<Post>>,
    pub pages: Vec<Arc<Post>>,
    pub sections: Vec<Section>,
    pub categories: Vec<Term>,
    pub tags: Vec<Term>,
    pub archive: Vec<ArchiveYear>,
    pub assets: Vec<Asset>,
    /// Old addresses (`aliases`) and the page path each redirects to.
    pub redirects: Vec<(String, String)>,
    /// Products, tourism spots and photo albums, with their addresses.
    pub catalog: catalog::Catalog,
    /// The public documents of `media/dokumen/`, by kind, newest first.
    pub documents: Vec<crate::load::documents::Document>,
}

impl Model {
    /// Resolves the loaded site into the model, reading no file: what it
    /// needs of the disk is in `loaded`. Returns `None` with the errors
    /// when the site cannot be built (also when `loaded` has errors or no
    /// profile); warnings come back either way. `loaded.problems` are the
    /// caller's to report.
    pub fn build(
        loaded: &Loaded,
        options: BuildOptions,
        cache: Option<&BodyCache>,
    ) -> (Option<Model>, Diagnostics) {
        let mut problems = Diagnostics::new();
        let Some(profile) = loaded.profile.clone() else {
            return (None, problems);
        };
        let zone = profile.zone();
        let now = options
            .now
            .unwrap_or_else(|| chrono::Utc::now().with_timezone(&zone.offset()));
        let stage = Stage {
            loaded,
            cache,
            // In `serve`, a document that did not change under the same
            // settings gives the same post: taken from the cache.
            settings: cache.map_or(0, |_| settings_key(&loaded.config, zone)),
        };
        let mut items = stage.prepare(options, zone, now, &mut problems);
        check_unique_paths(&items, &mut problems);
        // Source (relative to `content/`) → page path; the URL (the root
        // path in front) is only made for a link that asks for it.
        let urls: HashMap<&str, String> = items
            .iter()
            .map(|(p, doc, _)| (doc.rel.as_str(), p.path.clone()))
            .collect();
        check_profile_pages(&profile, &loaded.profile_source, &urls, &mut problems);
        stage
            .fill_bodies(&mut items, &urls)
            .into_iter()
            .for_each(|d| problems.push(d));
        if problems.has_errors() {
            return (None, problems);
        }
        let posts = items.into_iter().map(|(p, _, _)| p).collect();
        let model = Model::assemble(loaded, profile, zone, now, posts, &mut problems);
        (model, problems)
    }

    /// The model of `loaded` from its prepared posts and pages: sorted,
    /// grouped into sections, categories, tags and the archive, with the
    /// village catalog; `None` when the catalog has an error.
    fn assemble(
        loaded: &Loaded,
        profile: Profile,
        zone: Zone,
        now: DateTime<FixedOffset>,
        prepared: Vec<Arc<Post>>,
        problems: &mut Diagnostics,
    ) -> Option<Model> {
        let (config, content) = (loaded.config.clone(), &loaded.content);
        let (mut posts, mut pages): (Vec<Arc<Post>>, Vec<Arc<Post>>) =
            prepared.into_iter().partition(|p| p.kind == DocKind::Post);
        posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
        pages.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
        let albums = loaded.albums.clone();
        let (catalog, catalog_problems) = catalog::build(&profile, &posts, &pages, content, albums);
        problems.extend(catalog_problems);
        if problems.has_errors() {
            return None;
        }
        Some(Model {
            assets: collect_assets(&posts, &pages, &content.loose_files),
            redirects: posts
                .iter()
                .chain(&pages)
                .flat_map(|p| p.aliases.iter().map(|a| (a.clone(), p.path.clone())))
                .collect(),
            sections: group_sections(&posts, &content.sections),
            categories: group_categories(&posts, &config),
            tags: group_tags(&posts),
            archive: group_archive(&posts),
            config,
            profile,
            zone,
            now,
            posts,
            pages,
            catalog,
            documents: loaded.documents.clone(),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.root_path, path.trim_start_matches('/'))
    }

    pub fn permalink(&self, path: &str) -> String {
        format!("{}/{}", self.config.base_url, path.trim_start_matches('/'))
    }

    pub fn category(&self, key: &str) -> Option<&Term> {
        self.categories.iter().find(|c| c.key == key)
    }

    pub fn tag(&self, name: &str) -> Option<&Term> {
        let slug = slugify(name);
        self.tags
            .binary_search_by(|t| t.key.cmp(&slug))
            .ok()
            .map(|i| &self.tags[i])
    }

    /// A post's neighbours: the older and newer post of its section, the
    /// section, and up to three related posts (same category, nearest in
    /// time). Index lists are ascending, so lookups are binary searches.
    pub fn neighbours(&self, i: usize) -> Neighbours {
        let post = &self.posts[i];
        let section = self.sections.iter().position(|s| s.key == post.section);
        let (mut older, mut newer) = (None, None);
        if let Some(s) = section {
            let list = &self.sections[s].posts;
            if let Ok(pos) = list.binary_search(&i) {
                older = list.get(pos + 1).copied();
                newer = pos.checked_sub(1).map(|k| list[k]);
            }
        }
        let related = post
            .category
            .as_deref()
            .and_then(|k| self.category(k))
            .map(|c| nearest(&c.posts, i, 3))
            .unwrap_or_default();
        Neighbours {
            older,
            newer,
            section,
            related,
        }
    }

    /// The standalone page the profile names by its source path.
    pub fn page_by_source(&self, rel: Option<&str>) -> Option<&Post> {
        let rel = rel?.trim_start_matches("content/");
        self.pages.iter().find(|p| p.rel == rel).map(|p| &**p)
    }

    /// Announcements still in force: the `pengumuman` category, or any
    /// post with an `expires` date not yet passed. A plain date expires at
    /// the end of that day in the village's zone (`expires = 2025-09-30`
    /// is still shown on the 30th).
    pub fn active_announcements(&self) -> impl Iterator<Item = usize> + '_ {
        self.posts.iter().enumerate().filter_map(|(i, p)| {
            let is_announcement =
                p.category.as_deref() == Some("pengumuman") || p.expires.is_some();
            let active = p.expires.is_none_or(|e| e.until() > self.now);
            (is_announcement && active).then_some(i)
        })
    }

    /// Events that have not ended, soonest first (see [`agenda`]).
    pub fn upcoming_events(&self) -> Vec<usize> {
        self.agenda().upcoming
    }
}

/// Up to `n` entries of the ascending list `posts` nearest to `me`,
/// alternating older and newer.
fn nearest(posts: &[usize], me: usize, n: usize) -> Vec<usize> {
    let pos = posts.binary_search(&me).unwrap_or_else(|p| p);
    let mut out: Vec<usize> = Vec::with_capacity(n);
    let mut step = 1;
    while out.len() < n && (step <= pos || pos + step < posts.len()) {
        if let Some(&p) = posts.get(pos + step) {
            out.push(p);
        }
        if out.len() < n && step <= pos {
            out.push(posts[pos - step]);
        }
        step += 1;
    }
    out
}

fn collect_assets(
    posts: &[Arc<Post>],
    pages: &[Arc<Post>],
    loose: &[crate::load::content::LooseFile],
) -> Vec<Asset> {
    let mut assets: Vec<Asset> = loose
        .iter()
        .map(|l| Asset {
            src: l.path.clone(),
            dest: l.rel.clone(),
        })
        .collect();
    for p in posts.iter().chain(pages) {
        if let Some((_, files)) = &p.bundle {
            assets.extend(files.iter().map(|(src, rel)| Asset {
                src: src.clone(),
                dest: format!("{}{rel}", p.path),
            }));
        }
    }
    assets
}

fn title_case(key: &str) -> String {
    key.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn group_sections(posts: &[Arc<Post>], metas: &[SectionMeta]) -> Vec<Section> {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in posts.iter().enumerate() {
        by_key.entry(p.section.as_str()).or_default().push(i);
    }
    by_key
        .into_iter()
        .map(|(key, posts)| {
            let meta = metas.iter().find(|m| m.key == key);
            Section {
                key: key.to_string(),
                title: meta
                    .and_then(|m| m.title.clone())
                    .unwrap_or_else(|| title_case(key)),
                description: meta.map(|m| m.description.clone()).unwrap_or_default(),
                path: format!("{key}/"),
                posts,
            }
        })
        .collect()
}

fn group_categories(posts: &[Arc<Post>], config: &Config) -> Vec<Term> {
    config
        .categories
        .iter()
        .map(|c| Term {
            key: c.key.clone(),
            name: c.name.clone(),
            path: format!("kategori/{}/", c.key),
            posts: (0..posts.len())
                .filter(|&i| posts[i].category.as_deref() == Some(c.key.as_str()))
                .collect(),
        })
        .collect()
}

fn group_tags(posts: &[Arc<Post>]) -> Vec<Term> {
    let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
    // A site has few distinct tags on many posts: slugify each name once.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for (i, p) in posts.iter().enumerate() {
        for name in &p.tags {
            let slug = slugs
                .entry(name.as_str())
                .or_insert_with(|| slugify(name))
                .clone();
            if slug.is_empty() {
                continue;
            }
            let term = by_slug.entry(slug.clone()).or_insert_with(|| Term {
                path: format!("tag/{slug}/"),
                key: slug,
                name: name.clone(),
                posts: Vec::new(),
            });
            if term.posts.last() != Some(&i) {
                term.posts.push(i);
            }
        }
    }
    by_slug.into_values().collect()
}

fn group_archive(posts: &[Arc<Post>]) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for (i, p) in posts.iter().enumerate() {
        let Some(d) = p.date else { continue };
        let (y, m) = (d.at.year(), d.at.month());
        if years.last().is_none_or(|last| last.year != y) {
            years.push(ArchiveYear {
                year: y,
                months: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        if year.months.last().is_none_or(|last| last.month != m) {
            year.months.push(ArchiveMonth {
                year: y,
                month: m,
                path: format!("arsip/{y}/{m:02}/"),
                posts: Vec::new(),
            });
        }
        year.months.last_mut().expect("pushed above").posts.push(i);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn related_posts_are_the_nearest_in_time() {
        let posts = [10, 11, 12, 13, 14, 15];
        assert_eq!(nearest(&posts, 12, 3), vec![13, 11, 14]);
        assert_eq!(nearest(&posts, 10, 3), vec![11, 12, 13]);
        assert_eq!(nearest(&posts, 15, 3), vec![14, 13, 12]);
        assert_eq!(nearest(&[7], 7, 3), Vec::<usize>::new());
    }
}
