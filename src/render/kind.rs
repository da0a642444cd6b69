//! One description per page kind.
//!
//! Every file warta renders is a [`Job`]: a [`Kind`] and a [`Key`] saying
//! which page of that kind it is. A kind says, in its one module,
//! everything about its pages: which exist in a model, where each is
//! written, what it shows and through which template (or a body made in
//! Rust), its sitemap entry and its JSON-LD. What a page shows goes
//! through [`Inputs`], which is at once the page's Tera context (when
//! rendering) and what `serve` hashes to decide whether the page changed
//! (see [`super::fingerprint`]): the two cannot disagree.
//!
//! [`KINDS`] lists every kind, in the order the pages are made and the
//! sitemap lists them. Adding a page kind is one module implementing
//! [`Kind`], its template, and one line in [`KINDS`].
//!
//! # Adding a page kind
//!
//! Example: `/pengumuman-aktif/`, the announcements still in force (tried
//! on content-example: the page is built, listed in the sitemap, and has
//! its breadcrumb).
//!
//! ```rust,ignore
//! //! src/render/announcements.rs: `/pengumuman-aktif/`.
//! use serde_json::Value;
//!
//! use super::inputs::Inputs;
//! use super::kind::{Body, Key, Kind, Listed};
//! use super::structured::{crumbs, words};
//! use crate::model::Model;
//!
//! pub struct ActiveAnnouncements;
//!
//! impl Kind for ActiveAnnouncements {
//!     /// The pages this site has: one, and only when it has something to show.
//!     fn pages(&self, m: &Model) -> Vec<Key> {
//!         let any = m.active_announcements().next().is_some();
//!         if any { vec![Key::default()] } else { Vec::new() }
//!     }
//!
//!     fn path(&self, _: &Model, _: Key) -> String {
//!         "pengumuman-aktif/".into()
//!     }
//!
//!     /// What the page shows beyond `site`, `profile` and `t`. `to` is the
//!     /// Tera context when rendering and serve's fingerprint when hashing:
//!     /// whatever the template gets here, serve sees change.
//!     fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
//!         let ids: Vec<usize> = m.active_announcements().collect();
//!         to.summaries("posts", &ids); // post summaries (hashed by digest)
//!         to.value("total", &ids.len()); // any Serialize + Hash value
//!         Body::Template("pengumuman_aktif.html")
//!     }
//!
//!     /// In the sitemap, with the lists; `lastmod` defaults to the newest post.
//!     fn listed(&self) -> Option<Listed> {
//!         Some(Listed::Other)
//!     }
//!
//!     fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
//!         let name = words(m, "Pengumuman", "Announcements");
//!         Some(vec![crumbs(m, vec![(name, self.path(m, key))])])
//!     }
//! }
//! ```
//!
//! Then: `pub mod announcements;` in `src/render/mod.rs`, one line
//! `&super::announcements::ActiveAnnouncements,` in [`KINDS`] (its place
//! there is its place in the sitemap within its `Listed` group), and
//! the template `themes/desa/templates/pengumuman_aktif.html`. Nothing else:
//! `build`, `check`, the sitemap and serve's re-rendering follow.
//!
//! `Inputs` methods: `summaries`/`summary` (posts as summaries), `posts`/`post`
//! (posts in full), `page`/`page_summaries` (standalone pages), `section`,
//! `pager` (a paginated list), `value` (anything else that derives `Hash`),
//! `json` (a view holding floats: hashed by its JSON text), `derived` (a
//! costly value made from hashable data, as the sitemap does). A body made
//! in Rust returns `Body::Made(fn(&Input<'_>, Key) -> String)` and declares
//! what it reads with `uses_summaries`, `uses_everything` or `uses` (see
//! `special::SearchIndex`); one that writes several files at once returns
//! `Body::Files` and lists them in `Kind::files`.

use std::any::{Any, TypeId};
use std::path::Path;

use serde_json::Value;

use super::inputs::Inputs;
use super::sitemap::Dates;
use super::{
    agenda, catalog, feed, laporan, lists, pages, profile_json, sitemap, special, village,
};
use crate::model::{Model, Moment};
use crate::render::Input;

/// Which page of its kind a job is: an item (a post, a section, a year,
/// a category) and a page or part of it. What the two numbers mean is up
/// to the kind; a kind with one page uses `Key::default()`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Key {
    pub item: usize,
    pub page: usize,
}

impl Key {
    /// Item `item` (page 0).
    pub fn item(item: usize) -> Key {
        Key { item, page: 0 }
    }

    /// Page `page` of item `item`.
    pub fn paged(item: usize, page: usize) -> Key {
        Key { item, page }
    }
}

/// How a page's text is made.
pub enum Body<'m> {
    /// Through this Tera template, with the context [`Inputs`] made.
    Template(&'m str),
    /// In Rust, from the model (search index, `profile.json`, calendars).
    /// Such a kind declares what the body reads with the `uses_*`
    /// methods of [`Inputs`], which only serve's fingerprint sees.
    Made(fn(&Input<'_>, Key) -> String),
    /// Several files made in Rust at once, because they share the work
    /// of making them (the search index and its parts): (path below the
    /// site root, text), as [`Kind::files`] lists them. Declared as
    /// `Made` is.
    Files(fn(&Input<'_>, Key) -> Vec<(String, String)>),
}

/// Where the sitemap lists a kind's pages: the home page, then what
/// readers come for (the village's products, places and data, posts,
/// pages), then lists. Pages of one group keep the order of [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listed {
    Home,
    Village,
    Post,
    Page,
    List,
    Other,
}

/// One kind of page. See the module documentation for a worked example.
pub trait Kind: Any + Sync {
    /// The pages of this kind `m` has.
    fn pages(&self, m: &Model) -> Vec<Key>;

    /// The URL path of page `key`, below the site root: `berita/x/`,
    /// `404.html`, `` (the home page).
    fn path(&self, m: &Model, key: Key) -> String;

    /// Puts into `to` everything page `key` shows beyond what every page
    /// sees (the global context: `site`, `profile`, `t`), and says how
    /// the page is made. A template sees nothing of its page but what
    /// went through `to`, plus `url`, `permalink`, `current_path` and
    /// `jsonld`.
    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m>;

    /// Where the sitemap lists these pages; `None`: not at all (feeds,
    /// data files, redirects, 404).
    fn listed(&self) -> Option<Listed> {
        None
    }

    /// When page `key` last changed, for the sitemap: by default when
    /// the newest post of the site did; a list asks `dates` for the
    /// newest of its posts (worked out once per list, not per page).
    fn lastmod(&self, _m: &Model, _key: Key, dates: &Dates) -> Option<Moment> {
        dates.site()
    }

    /// The schema.org items of page `key` (see [`super::structured`]);
    /// `None`: the page has no JSON-LD. It may read only what the page's
    /// inputs and the global context hold.
    fn json_ld(&self, _m: &Input<'_>, _key: Key) -> Option<Vec<Value>> {
        None
    }

    /// The file page `key` is made from, for error messages: a post's
    /// Markdown file, whose `template = "…"` may name a missing template.
    fn source<'m>(&self, _m: &'m Model, _key: Key) -> Option<&'m Path> {
        None
    }

    /// Every file page `key` writes, below the site root: its own, but
    /// for a body of [`Body::Files`], whose files are listed here without
    /// being made (`serve` offers them before making any).
    fn files(&self, m: &Model, key: Key) -> Vec<String> {
        vec![output_file(&self.path(m, key))]
    }

    /// Whether `serve` makes this file only when it is first asked for
    /// (the search index: see `serve::preview::Deferred`).
    fn deferred(&self) -> bool {
        false
    }
}

/// Every kind of page, in the order pages are made and (within a
/// [`Listed`] group) listed in the sitemap.
pub static KINDS: &[&dyn Kind] = &[
    &special::Home,
    &lists::Categories,
    &lists::Tags,
    &lists::Archive,
    &special::NotFound,
    &sitemap::Sitemap,
    &special::Robots,
    &profile_json::ProfileJson,
    &special::Search,
    &special::SearchIndex,
    &special::Redirects,
    &feed::Feed::RSS,
    &feed::Feed::ATOM,
    &pages::ProfilePages,
    &village::statistik::Statistik,
    &village::transparansi::Transparansi,
    &village::pembangunan::Pembangunan,
    &village::dokumen::Documents,
    &village::dokumen::Regulations,
    &village::dokumen::DocumentPage,
    &village::lembaga::Lembaga,
    &village::wilayah::Wilayah,
    &pages::Posts,
    &pages::Pages,
    &agenda::AgendaPages,
    &agenda::AgendaCalendar,
    &agenda::EventCalendars,
    &lists::SectionPages,
    &lists::CategoryPages,
    &lists::TagPages,
    &lists::ArchiveMonths,
    &laporan::ReportIndex,
    &laporan::MonthlyReports,
    &catalog::produk::Products,
    &catalog::produk::ProductCategories,
    &catalog::produk::Product,
    &catalog::potensi::Potentials,
    &catalog::wisata::Tourism,
    &catalog::wisata::Spot,
    &catalog::galeri::Gallery,
    &catalog::galeri::Album,
];

/// One file to render: a kind and which of its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Job {
    /// Index into [`KINDS`].
    kind: u16,
    pub key: Key,
}

impl Job {
    pub fn kind(self) -> &'static dyn Kind {
        KINDS[usize::from(self.kind)]
    }

    /// Whether this is a page of kind `K`.
    pub fn is<K: Kind>(self) -> bool {
        (self.kind() as &dyn Any).type_id() == TypeId::of::<K>()
    }

    /// The URL path (below the site root) the job writes: `berita/x/`.
    pub fn path(self, m: &Model) -> String {
        self.kind().path(m, self.key)
    }

    /// The file the job writes: `berita/x/index.html`.
    pub fn file(self, m: &Model) -> String {
        output_file(&self.path(m))
    }

    /// Every file the job writes (see [`Kind::files`]).
    pub fn files(self, m: &Model) -> Vec<String> {
        self.kind().files(m, self.key)
    }

    /// The files of a page made in Rust, (file, text); none for a
    /// templated page.
    pub fn made(self, m: &Input<'_>) -> Vec<(String, String)> {
        let mut to = Inputs::declared();
        match self.kind().inputs(m, self.key, &mut to) {
            Body::Made(make) => vec![(self.file(m), make(m, self.key))],
            Body::Files(make) => make(m, self.key),
            Body::Template(_) => Vec::new(),
        }
    }
}

/// Every page of the site.
pub fn jobs(m: &Model) -> Vec<Job> {
    jobs_where(m, |_| true)
}

/// The pages of the kinds `keep` accepts, in [`KINDS`] order.
pub fn jobs_where(m: &Model, keep: impl Fn(&dyn Kind) -> bool) -> Vec<Job> {
    let mut out = Vec::new();
    for (k, kind) in KINDS.iter().enumerate() {
        if !keep(*kind) {
            continue;
        }
        let kind_id = u16::try_from(k).expect("fewer than 65536 kinds");
        out.extend(
            kind.pages(m)
                .into_iter()
                .map(|key| Job { kind: kind_id, key }),
        );
    }
    out
}

/// The file a URL path is written to: `berita/x/index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
