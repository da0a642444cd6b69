//! `warta import wordpress|blogger`: an old site's export into this site's
//! `content/`, beside the load stage rather than in the pipeline.
//!
//! The import reads one file and writes Markdown that the ordinary
//! pipeline then loads, so everything it writes is held to the same rules
//! as a writer's own posts (front matter keys, categories, aliases, the
//! URL policy, raw HTML shown as text). The steps, each a module:
//!
//! - [`wxr`] and [`blogger`] read the export (roxmltree, the DOM the
//!   portal already uses) into one [`Export`]: posts and pages, what was
//!   left out and why. Bad input stops here with a message naming the
//!   file and, where there is one, the line;
//! - [`plan`] gives every item its file name, address and old addresses
//!   (`aliases`), and its category from the site's declared ones;
//! - [`convert`] turns each body into Markdown (shortcodes, Gutenberg
//!   comments and the "more" marker in [`shortcode`], then `htmd` with
//!   warta's own handlers for links, images, iframes, tables and `<br>`
//!   runs), in parallel;
//! - [`write`] stages every file in a folder inside the site and moves
//!   them into `content/` only when all were made, copies photos from
//!   `--media` through [`crate::images::strip`] (no GPS leaves), adds new
//!   categories to `warta.toml`, and writes [`report`].
//!
//! Measured on a generated WXR of 10,000 posts (32 MB; five paragraphs, a
//! `[caption]`, a table and a `?p=` link each), debug build, 2 shared
//! cores: 28 s wall (19 s user), 153 MB peak RSS; a second run, leaving
//! every file alone, the same; `warta check` on the result: no problem.
//!
//! New dependencies: `htmd` (HTML to Markdown over html5ever, maintained,
//! one handler per tag so warta decides what scripts, iframes and links
//! become) and `markup5ever_rcdom` (its DOM, to read a table's cells and a
//! `<br>`'s neighbours; already in the tree through htmd).

pub mod blogger;
pub mod convert;
pub mod media;
pub mod plan;
pub mod report;
pub mod shortcode;
pub mod write;
pub mod wxr;
mod xml;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

/// Which platform an export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    WordPress,
    Blogger,
}

impl Platform {
    pub fn name(self) -> &'static str {
        match self {
            Platform::WordPress => "WordPress",
            Platform::Blogger => "Blogger",
        }
    }
}

/// A dated post or a standalone page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Post,
    Page,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Published,
    Draft,
    /// Published with a future date: warta shows it from that date on.
    Scheduled,
}

/// A category or label as the old site had it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
}

/// A WordPress attachment (a photo in the media library).
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    pub url: String,
    pub alt: String,
    pub title: String,
}

/// One post or page of the export, platform-independent.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub status: Status,
    pub title: String,
    /// The old slug (`wp:post_name`, the Blogger file name), decoded.
    pub name: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    pub categories: Vec<Term>,
    pub tags: Vec<String>,
    pub excerpt: Option<String>,
    /// The body, its shortcodes already expanded (WordPress).
    pub html: String,
    /// The old permalink, absolute.
    pub link: Option<String>,
    /// Other old addresses that pointed here (`/?p=12`, the guid).
    pub other_links: Vec<String>,
    pub featured: Option<Attachment>,
    /// What could not be carried over while reading (for the report).
    pub notes: Vec<String>,
}

/// Why an entry of the export was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOut {
    Private,
    Trash,
    AutoDraft,
    Revision,
    Attachment,
    Menu,
    OtherType,
    Comment,
    Settings,
    Template,
}

impl LeftOut {
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            LeftOut::Private => ("tulisan pribadi (private)", "private posts"),
            LeftOut::Trash => ("di tempat sampah (trash)", "trashed"),
            LeftOut::AutoDraft => ("draf otomatis (auto-draft)", "auto-drafts"),
            LeftOut::Revision => ("revisi", "revisions"),
            LeftOut::Attachment => ("lampiran (attachment)", "attachments"),
            LeftOut::Menu => ("butir menu", "menu items"),
            LeftOut::OtherType => ("jenis lain (plugin)", "other types (plugins)"),
            LeftOut::Comment => ("komentar", "comments"),
            LeftOut::Settings => ("pengaturan Blogger", "Blogger settings"),
            LeftOut::Template => ("templat Blogger", "Blogger template"),
        }
    }
}

/// What an export holds, read by [`wxr`] or [`blogger`].
#[derive(Debug, Clone)]
pub struct Export {
    pub platform: Platform,
    /// The old site's address, without a trailing slash.
    pub site_url: String,
    pub items: Vec<Item>,
    pub left_out: HashMap<LeftOut, usize>,
    /// Characters XML forbids (control characters some exports carry),
    /// replaced by spaces before parsing.
    pub bad_chars: usize,
}

/// `--map-categories`, `--media`, `--overwrite`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub media: Option<std::path::PathBuf>,
    /// Old category name or slug → a declared key.
    pub map: HashMap<String, String>,
    pub overwrite: bool,
}
