//! What every page sees: the global context (`site`, `profile`, `t`,
//! `lang`) and the settings behind the Tera filters, with its
//! fingerprint made from the same values.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use super::filters;
use super::inputs::{HashWrite, summary_digest};
use super::kind::jobs;
use super::lists::TagPages;
use super::pages::Posts;
use super::special::Redirects;
use super::views::{PostView, TermView};
use crate::model::{Model, Section};
use crate::render::Input;

#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    root_path: &'a str,
    language: &'a str,
    zone: crate::format::Zone,
    menu: Vec<MenuView<'a>>,
    /// The village pages this site has (`agenda`, `produk`, …): those
    /// without data are not built, so themes list only these.
    pages: Vec<PageLink>,
    categories: Vec<TermView<'a>>,
    sections: Vec<SectionView<'a>>,
    /// The newest [`BANNER`] announcements still in force: the banner on
    /// every page. Only these: a site with thousands of announcements in
    /// force must not give every page a list of thousands to walk.
    announcements: Vec<PostView<'a>>,
    /// How many announcements are in force in all.
    announcement_count: usize,
    now: String,
    generator: &'static str,
}

#[derive(Serialize)]
struct PageLink {
    key: &'static str,
    url: String,
}

/// Pages a village site has only when its profile or posts give them
/// something to show, in the order footers list them. A menu item that
/// points at one of them is left out while the page is.
pub const VILLAGE_PAGES: [&str; 11] = [
    "agenda",
    "produk",
    "potensi",
    "wisata",
    "galeri",
    "statistik",
    "transparansi",
    "pembangunan",
    "dokumen",
    "lembaga",
    "wilayah",
];

#[derive(Serialize)]
struct MenuView<'a> {
    name: &'a str,
    url: String,
    /// The URL path the item matches, for marking the current page.
    path: &'a str,
}

#[derive(Serialize)]
pub struct SectionView<'a> {
    key: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    count: usize,
}

pub fn section_view<'a>(model: &Input<'_>, s: &'a Section) -> SectionView<'a> {
    SectionView {
        key: &s.key,
        title: &s.title,
        description: &s.description,
        url: model.url(&s.path),
        count: s.posts.len(),
    }
}

/// `site` in every template.
pub fn site_view<'a>(model: &'a Input<'a>) -> SiteView<'a> {
    let (banner, count) = banner(model);
    SiteView {
        announcements: banner
            .into_iter()
            .map(|i| PostView::summary(model, &model.posts[i]))
            .collect(),
        announcement_count: count,
        ..site_frame(model)
    }
}

/// How many announcements `site.announcements` holds: the banner's.
pub const BANNER: usize = 3;

/// The announcements of the banner (the newest [`BANNER`] in force), and
/// how many are in force.
fn banner(model: &Model) -> (Vec<usize>, usize) {
    let mut count = 0;
    let mut newest = Vec::with_capacity(BANNER);
    for i in model.active_announcements() {
        if count < BANNER {
            newest.push(i);
        }
        count += 1;
    }
    (newest, count)
}

/// `site` but its announcements.
fn site_frame<'a>(model: &'a Input<'a>) -> SiteView<'a> {
    let built = built_village_pages(model);
    SiteView {
        pages: VILLAGE_PAGES
            .iter()
            .filter(|k| built.contains(**k))
            .map(|&key| PageLink {
                key,
                url: model.url(&format!("{key}/")),
            })
            .collect(),
        title: &model.config.title,
        description: &model.config.description,
        base_url: &model.config.base_url,
        root_path: &model.config.root_path,
        language: model.config.language.code(),
        zone: model.zone,
        menu: model
            .config
            .menu
            .iter()
            .filter(|m| {
                let key = m.url.trim_matches('/');
                !VILLAGE_PAGES.contains(&key) || built.contains(key)
            })
            .map(|m| MenuView {
                name: &m.name,
                url: filters::join_url(&model.config.root_path, &m.url),
                path: &m.url,
            })
            .collect(),
        categories: model
            .categories
            .iter()
            .filter(|c| !c.posts.is_empty())
            .map(|c| TermView::new(model, c))
            .collect(),
        sections: model
            .sections
            .iter()
            .map(|s| section_view(model, s))
            .collect(),
        announcements: Vec::new(),
        announcement_count: 0,
        now: site_now(model),
        generator: concat!("warta ", env!("CARGO_PKG_VERSION")),
    }
}

/// Which of [`VILLAGE_PAGES`] are built: those whose address a page has
/// (lists only, not posts, tags and redirects: cheap).
fn built_village_pages(model: &Input<'_>) -> HashSet<String> {
    jobs(model)
        .into_iter()
        .filter(|j| !(j.is::<Posts>() || j.is::<TagPages>() || j.is::<Redirects>()))
        .map(|j| j.path(model))
        .filter_map(|p| p.strip_suffix('/').map(str::to_string))
        .collect()
}

/// The build's time, as templates and feeds print it.
pub fn site_now(model: &Model) -> String {
    model
        .now
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The settings behind the filters: language, zone, time style, the
/// site's addresses, and each source file's URL (`content_url()`).
pub fn filter_settings(model: &Model) -> filters::FilterSettings {
    filters::FilterSettings {
        lang: model.config.language,
        zone: model.zone,
        time_style: model.config.time_style,
        root_path: model.config.root_path.clone(),
        base_url: model.config.base_url.clone(),
        content_urls: model
            .posts
            .iter()
            .chain(&model.pages)
            .map(|p| (p.rel.clone(), model.url(&p.path)))
            .collect(),
    }
}

/// The fingerprint of what every page sees: `site` (but its `now`, which
/// changes on every save and would re-render everything), the settings
/// and profile, and the photos' sizes and names. The banner's
/// announcements in `site` are post summaries, hashed by their digests
/// (as [`super::inputs::Inputs::summaries`] does).
pub fn global_hash(model: &Input<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    format!("{:?}{:?}", model.config, model.profile).hash(&mut h);
    let mut site = site_frame(model);
    site.now = String::new();
    let _ = serde_json::to_writer(HashWrite(&mut h), &site);
    let (banner, count) = banner(model);
    count.hash(&mut h);
    for i in banner {
        summary_digest(&model.posts[i]).hash(&mut h);
    }
    model.images.generation().hash(&mut h);
    for p in model.posts.iter().chain(&model.pages) {
        (&p.rel, &p.path).hash(&mut h);
    }
    h.finish()
}
