//! The model stage's first half: every document as a checked post.
//!
//! Posts are prepared and their bodies rendered in parallel (from the
//! serve cache when a document did not change); then their addresses are
//! checked against each other, against the pages warta generates, and
//! against the pages the profile names.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::{BuildOptions, GENERATED_PATHS, post};
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::format::Zone;
use crate::load::Loaded;
use crate::load::config::Config;
use crate::load::content::Document;
use crate::load::profile::Profile;
use crate::model::{BodyCache, Post};
use crate::text;

/// A post being built, its document, and (when it came from the cache)
/// the warnings it gave then.
type Item<'a> = (Arc<Post>, &'a Arc<Document>, Option<Vec<Diagnostic>>);

/// A hash of everything in the settings that a single post depends on.
pub(super) fn settings_key(config: &Config, zone: Zone) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    format!("{config:?}{zone:?}").hash(&mut h);
    h.finish()
}

/// What the model stage reads its documents with.
pub(super) struct Stage<'a> {
    pub(super) loaded: &'a Loaded,
    pub(super) cache: Option<&'a BodyCache>,
    /// The key of the settings a cached post was made under (0 without a
    /// cache).
    pub(super) settings: u64,
}

impl<'a> Stage<'a> {
    /// Every document as a post, from the cache when it holds it (with
    /// the warnings it had), in parallel; drafts and future posts only
    /// when asked for. A document's errors go to `problems`.
    pub(super) fn prepare(
        &self,
        options: BuildOptions,
        zone: Zone,
        now: DateTime<FixedOffset>,
        problems: &mut Diagnostics,
    ) -> Vec<Item<'a>> {
        let config = &self.loaded.config;
        let include_drafts = options.drafts || config.build.drafts;
        let include_future = options.drafts || config.build.future;
        let prepared: Vec<_> = self
            .loaded
            .content
            .documents
            .par_iter()
            .map(
                |doc| match self.cache.and_then(|c| c.post(doc, self.settings)) {
                    Some((post, warnings)) => (Ok(post), Some(warnings), doc),
                    None => (post::prepare(doc, config, zone).map(Arc::new), None, doc),
                },
            )
            .collect();
        let mut items = Vec::with_capacity(prepared.len());
        for (p, cached, doc) in prepared {
            match p {
                Ok(post) => {
                    let future = post.date.is_some_and(|d| d.at > now);
                    if (!post.draft || include_drafts) && (!future || include_future) {
                        items.push((post, doc, cached));
                    }
                }
                Err(errs) => errs.into_iter().for_each(|d| problems.push(d)),
            }
        }
        items
    }

    /// Renders every post's body with its links resolved against `urls`
    /// (source below `content/` → page path), in parallel; a cached body
    /// whose links still hold is kept. The bodies' warnings and errors.
    pub(super) fn fill_bodies(
        &self,
        items: &mut [Item<'a>],
        urls: &HashMap<&str, String>,
    ) -> Vec<Diagnostic> {
        let root = &self.loaded.config.root_path;
        let resolve = |rel: &str| urls.get(rel).map(|path| format!("{root}{path}"));
        let exists = |rel: &str| self.loaded.files.exists(rel);
        items
            .par_iter_mut()
            .flat_map_iter(|(post, doc, cached)| match cached.take() {
                Some(warnings) if BodyCache::links_hold(&post.body, &resolve) => warnings,
                _ => {
                    // Fresh from `prepare`, so not shared: no copy is made.
                    let config = &self.loaded.config;
                    let warnings = post::fill_body(
                        Arc::make_mut(post),
                        doc,
                        config,
                        &resolve,
                        &exists,
                        self.cache,
                    );
                    if let Some(c) = self.cache {
                        c.put_post(doc, self.settings, Arc::clone(post), warnings.clone());
                    }
                    warnings
                }
            })
            .collect()
    }
}

/// `s` in lower case, copied only when it has an upper case letter.
fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

pub(super) fn check_unique_paths(items: &[Item], problems: &mut Diagnostics) {
    let mut seen: HashMap<Cow<'_, str>, &PathBuf> = HashMap::with_capacity(items.len());
    for (post, _, _) in items {
        let key = lower(&post.path);
        let path = &post.path;
        if GENERATED_PATHS.contains(&&*key) {
            problems.push(
                Diagnostic::error(text!(
                    "Alamat /{path} sudah dipakai oleh halaman yang dibuat warta sendiri.",
                    "The address /{path} is already taken by a page warta generates."
                ))
                .in_file(&post.file)
                .hint(Text::new(
                    "Ganti nama berkas atau tulis `slug = \"...\"` yang lain.",
                    "Rename the file or set another `slug = \"...\"`.",
                )),
            );
        }
        if let Some(other) = seen.insert(key, &post.file) {
            let (a, b) = (other.display(), post.file.display());
            problems.push(
                Diagnostic::error(text!(
                    "Dua berkas menghasilkan alamat yang sama /{path}: `{a}` dan `{b}`.",
                    "Two files produce the same address /{path}: `{a}` and `{b}`."
                ))
                .in_file(&post.file)
                .hint(Text::new(
                    "Ganti nama salah satu berkas, atau beri salah satunya `slug = \"...\"` yang berbeda. Huruf besar dan kecil dianggap sama.",
                    "Rename one of the files, or give one of them a different `slug = \"...\"`. Upper and lower case count as the same.",
                )),
            );
        }
    }
    check_aliases(items, &seen, problems);
}

/// Old addresses (`aliases`) must not take a real page's address (`seen`,
/// lowercased path → file), a generated page's, nor each other's.
fn check_aliases(
    items: &[Item],
    seen: &HashMap<Cow<'_, str>, &PathBuf>,
    problems: &mut Diagnostics,
) {
    let mut aliases: HashMap<String, &PathBuf> = HashMap::new();
    for (post, _, _) in items {
        for alias in &post.aliases {
            let key = alias.to_lowercase();
            let owner = seen
                .get(key.as_str())
                .copied()
                .or_else(|| aliases.get(&key).copied());
            let generated = GENERATED_PATHS.contains(&key.as_str());
            if owner.is_some() || generated {
                let (a, b) = (
                    post.file.display(),
                    owner.map_or_else(|| "warta".to_string(), |o| o.display().to_string()),
                );
                problems.push(
                    Diagnostic::error(text!(
                        "Alamat lama /{alias} di `{a}` bentrok dengan halaman dari `{b}`.",
                        "The old address /{alias} in `{a}` collides with the page from `{b}`."
                    ))
                    .in_file(&post.file)
                    .hint(Text::new(
                        "Hapus alamat itu dari `aliases`: alamat yang masih dipakai halaman lain tidak bisa dialihkan.",
                        "Remove that address from `aliases`: an address another page still uses cannot redirect.",
                    )),
                );
            } else {
                aliases.insert(key, &post.file);
            }
        }
    }
}

/// Pages the profile names (`history_page`, institutions' `page`) must
/// exist, like links in posts.
pub(super) fn check_profile_pages(
    profile: &Profile,
    source: &str,
    urls: &HashMap<&str, String>,
    problems: &mut Diagnostics,
) {
    let named = profile
        .village
        .history_page
        .iter()
        .chain(&profile.village.welcome_page)
        .chain(profile.institutions.iter().filter_map(|i| i.page.as_ref()));
    for page in named {
        let rel = page.trim_start_matches("content/");
        if urls.contains_key(rel) {
            continue;
        }
        let quoted = format!("\"{page}\"");
        let mut d = Diagnostic::error(text!(
            "profile.toml menyebut halaman `{page}`, tetapi berkas content/{rel} tidak ada (atau masih draf).",
            "profile.toml names the page `{page}`, but the file content/{rel} does not exist (or is a draft)."
        ))
        .in_file("profile.toml")
        .hint(Text::new(
            "Tulis jalur berkas relatif terhadap folder content/, misalnya \"profil/sejarah.md\", atau buat berkas itu.",
            "Write the file's path relative to the content/ folder, e.g. \"profil/sejarah.md\", or create that file.",
        ));
        if let Some(at) = source.find(&quoted) {
            d = d.at(source, at, quoted.len());
        }
        problems.push(d);
    }
}
