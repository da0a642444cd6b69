//! Where every imported item goes, decided before any body is converted
//! (bodies link to each other's new addresses):
//!
//! - its file: `content/berita/YYYY-MM-DD-slug.md` (a bundle folder when it
//!   has photos) or `content/halaman/slug.md`; the slug is the old one
//!   (`wp:post_name`, the Blogger file name), else the title's, made unique
//!   within its section in the export's order, so the same export always
//!   gives the same names;
//! - its category: `--map-categories`, else the first category or label
//!   whose slug is a declared key, else the first one as a new category
//!   (WordPress's default "Uncategorized" never is); the rest are tags;
//! - its old addresses: every path of the old site that pointed to it
//!   becomes an `aliases` entry, unless warta itself uses that path or
//!   another item already took it. `?p=12` cannot be one: a static host
//!   serves `/` for every query, so those go to the redirect map instead.

use std::collections::{HashMap, HashSet};

use crate::format::slugify;
use crate::import::convert::{host_of, url_key};
use crate::import::{Export, Item, ItemKind, Options};
use crate::load::config::Config;
use crate::load::content::split_date_prefix;
use crate::model::GENERATED_PATHS;
use crate::model::post::alias_path;

/// The section posts and pages go to.
pub const POSTS: &str = "berita";
pub const PAGES: &str = "halaman";

/// Categories WordPress gives every post nobody categorised.
const DEFAULT_CATEGORIES: &[&str] = &[
    "uncategorized",
    "uncategorised",
    "tak-berkategori",
    "tidak-berkategori",
];

/// One item's place in the site.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Index into `Export::items`.
    pub item: usize,
    pub section: &'static str,
    /// The file name without `.md` (the bundle folder's name).
    pub stem: String,
    /// The new address, root-relative: `/berita/slug/`.
    pub url: String,
    pub title: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// As written in front matter: `/2023/05/judul/`.
    pub aliases: Vec<String>,
}

/// Every item's place, and what the plan decided for the report.
#[derive(Debug, Default)]
pub struct Plan {
    pub items: Vec<Planned>,
    /// Categories to add to `warta.toml`: key, name.
    pub new_categories: Vec<(String, String)>,
    /// Old category (name) → key, with how many items.
    pub mapped: Vec<(String, String, usize)>,
    /// `?p=12` style addresses → new address (no alias can hold them).
    pub query_links: Vec<(String, String)>,
    /// Old addresses not made aliases, with why.
    pub unaliased: Vec<(String, String)>,
    /// Titles given to untitled items, and items without a date.
    pub untitled: Vec<String>,
    pub undated: Vec<String>,
}

/// The file stems already in `content/<section>/` (files and bundles),
/// by `section/slug`: an imported item may not take a slug another file
/// has, but finds its own file of an earlier run under its own stem.
pub type Existing = HashMap<String, Vec<String>>;

/// Reads the stems of `content/berita/` and `content/halaman/`.
pub fn existing(content: &std::path::Path) -> Existing {
    let mut out: Existing = HashMap::new();
    for section in [POSTS, PAGES] {
        let Ok(entries) = crate::fsx::read_dir(&content.join(section)) else {
            continue;
        };
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = match name.strip_suffix(".md") {
                Some(s) => s.to_string(),
                None if e.path().join("index.md").is_file() => name,
                None => continue,
            };
            let slug = slugify(split_date_prefix(&stem).1);
            out.entry(format!("{section}/{slug}"))
                .or_default()
                .push(stem);
        }
    }
    out
}

/// Plans `export` into a site with `config` whose content has `existing`.
pub fn plan(export: &Export, config: &Config, options: &Options, existing: &Existing) -> Plan {
    let mut plan = Plan::default();
    let mut declared: Vec<String> = config.categories.iter().map(|c| c.key.clone()).collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut mapped: HashMap<(String, String), usize> = HashMap::new();
    for (i, item) in export.items.iter().enumerate() {
        let section = match item.kind {
            ItemKind::Post => POSTS,
            ItemKind::Page => PAGES,
        };
        let date = match (item.kind, item.date) {
            (ItemKind::Post, None) => {
                plan.undated.push(shown_title(item));
                continue;
            }
            (_, d) => d,
        };
        let title = if item.title.trim().is_empty() {
            let t = match date {
                Some(d) => format!("Tanpa judul ({})", d.format("%d-%m-%Y")),
                None => "Tanpa judul".to_string(),
            };
            plan.untitled
                .push(format!("{t}: {}", item.link.as_deref().unwrap_or("-")));
            t
        } else {
            item.title.trim().to_string()
        };
        let day = date
            .filter(|_| item.kind == ItemKind::Post)
            .map(|d| d.format("%Y-%m-%d-").to_string())
            .unwrap_or_default();
        let slug = unique_slug(section, &slug_of(item, &title), &mut used, |slug| {
            existing
                .get(&format!("{section}/{slug}"))
                .is_some_and(|stems| stems.iter().any(|s| *s != format!("{day}{slug}")))
        });
        let stem = format!("{day}{slug}");
        let (category, tags) = categorise(item, &mut declared, options, &mut plan, &mut mapped);
        plan.items.push(Planned {
            item: i,
            section,
            stem,
            url: format!("/{section}/{slug}/"),
            title,
            category,
            tags,
            aliases: Vec::new(),
        });
    }
    let mut m: Vec<_> = mapped.into_iter().map(|((o, n), c)| (o, n, c)).collect();
    m.sort();
    plan.mapped = m;
    aliases(export, &mut plan);
    plan
}

fn shown_title(item: &Item) -> String {
    format!(
        "{} ({})",
        if item.title.is_empty() {
            "-"
        } else {
            &item.title
        },
        item.link.as_deref().unwrap_or("-")
    )
}

/// The old slug, else the title's; never empty, never over 80 bytes.
fn slug_of(item: &Item, title: &str) -> String {
    let s = match slugify(&item.name) {
        s if s.is_empty() => slugify(title),
        s => s,
    };
    let s = if s.is_empty() {
        "tanpa-judul".to_string()
    } else {
        s
    };
    let mut cut = s.len().min(80);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s[..cut].trim_end_matches('-').to_string()
}

/// `slug`, or `slug-2`, `slug-3`… when an earlier item took it or another
/// file has it (`taken`).
fn unique_slug(
    section: &str,
    slug: &str,
    used: &mut HashSet<String>,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = slug.to_string();
    let mut n = 2;
    while taken(&candidate) || !used.insert(format!("{section}/{candidate}")) {
        candidate = format!("{slug}-{n}");
        n += 1;
    }
    candidate
}

/// The item's category and tags; see the module doc.
fn categorise(
    item: &Item,
    declared: &mut Vec<String>,
    options: &Options,
    plan: &mut Plan,
    mapped: &mut HashMap<(String, String), usize>,
) -> (Option<String>, Vec<String>) {
    let slug = |t: &crate::import::Term| match slugify(&t.slug) {
        s if s.is_empty() => slugify(&t.name),
        s => s,
    };
    let by_map = item.categories.iter().enumerate().find_map(|(i, t)| {
        options
            .map
            .get(&t.name)
            .or_else(|| options.map.get(&t.slug))
            .map(|k| (i, k.clone()))
    });
    let by_key = || {
        item.categories
            .iter()
            .enumerate()
            .find(|(_, t)| declared.contains(&slug(t)))
            .map(|(i, t)| (i, slug(t)))
    };
    let chosen = by_map.or_else(by_key).or_else(|| {
        let (i, t) = item.categories.iter().enumerate().find(|(_, t)| {
            !DEFAULT_CATEGORIES.contains(&slug(t).as_str()) && !slug(t).is_empty()
        })?;
        let key = slug(t);
        declared.push(key.clone());
        plan.new_categories.push((key.clone(), t.name.clone()));
        Some((i, key))
    });
    if let Some((i, key)) = &chosen {
        *mapped
            .entry((item.categories[*i].name.clone(), key.clone()))
            .or_default() += 1;
    }
    let mut tags: Vec<String> = Vec::new();
    let others = item
        .categories
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            chosen.as_ref().is_none_or(|(c, _)| c != i)
                && !DEFAULT_CATEGORIES.contains(&slug(t).as_str())
        })
        .map(|(_, t)| t.name.clone());
    for t in others.chain(item.tags.iter().cloned()) {
        if !t.trim().is_empty() && !slugify(&t).is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    (chosen.map(|(_, k)| k), tags)
}

/// Every item's old addresses as aliases (or query links); see the
/// module doc.
fn aliases(export: &Export, plan: &mut Plan) {
    let host = host_of(&export.site_url);
    let mut taken: HashSet<String> = GENERATED_PATHS.iter().map(|p| p.to_string()).collect();
    taken.insert(format!("{POSTS}/"));
    taken.insert(format!("{PAGES}/"));
    for p in &plan.items {
        taken.insert(p.url.trim_start_matches('/').to_string());
    }
    for p in &mut plan.items {
        let item = &export.items[p.item];
        for link in item.link.iter().chain(&item.other_links) {
            let Some(key) = url_key(link, &host) else {
                continue;
            };
            if key.starts_with('?') {
                let pair = (format!("/{key}"), p.url.clone());
                if !plan.query_links.contains(&pair) {
                    plan.query_links.push(pair);
                }
                continue;
            }
            if key.is_empty() {
                continue;
            }
            let written = if key.ends_with(".html") {
                format!("/{key}")
            } else {
                format!("/{key}/")
            };
            let Some(path) = alias_path(&written, "/") else {
                plan.unaliased.push((
                    link.clone(),
                    "bukan alamat yang sah / not a valid address".into(),
                ));
                continue;
            };
            if path == p.url.trim_start_matches('/') {
                continue;
            }
            if !taken.insert(path.clone()) {
                plan.unaliased.push((
                    link.clone(),
                    "alamat itu sudah dipakai halaman lain / that address is taken by another page"
                        .into(),
                ));
                continue;
            }
            p.aliases.push(written);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::unique_slug;

    #[test]
    fn duplicate_slugs_get_numbers() {
        let mut used = HashSet::new();
        let got: Vec<String> = ["a", "a", "a", "b"]
            .iter()
            .map(|s| unique_slug("berita", s, &mut used, |s| s == "b"))
            .collect();
        assert_eq!(got, ["a", "a-2", "a-3", "b-2"]);
        assert_eq!(unique_slug("halaman", "a", &mut used, |_| false), "a");
    }
}
