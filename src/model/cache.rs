//! Rendered Markdown kept between builds, so `serve` re-renders only the
//! bodies that changed.
//!
//! A body's HTML depends on its text, on where it sits (page URL, site
//! root, raw-HTML setting) and on the URLs of the files it links to. The
//! text is the loaded document itself: an entry holds on to the document
//! it was rendered from, and a hit needs the very same document (the
//! loader re-reads a file only when it changed, so an unchanged file is
//! the same allocation). Where it sits is hashed into the key. The links
//! are checked one by one, so adding a post elsewhere does not throw away
//! every other rendered body.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use crate::diag::Diagnostic;
use crate::load::content::Document;
use crate::load::markdown::Rendered;
use crate::model::Post;

#[derive(Default)]
pub struct BodyCache {
    entries: Mutex<HashMap<String, Entry>>,
    posts: Mutex<HashMap<String, PostEntry>>,
}

/// A finished post (front matter resolved, body filled) and the warnings
/// it gave, for the same document under the same settings.
struct PostEntry {
    doc: Arc<Document>,
    settings: u64,
    post: Arc<Post>,
    warnings: Vec<Diagnostic>,
}

struct Entry {
    doc: Arc<Document>,
    key: u64,
    body: Arc<Rendered>,
}

/// Hashes everything a body's rendering depends on but its links.
pub fn body_key(parts: &[&str], unsafe_html: bool) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    unsafe_html.hash(&mut h);
    h.finish()
}

impl BodyCache {
    /// The cached body of `doc`, if it was rendered from this very
    /// document, its key matches, and every link it resolved still
    /// resolves the same way.
    pub fn get(
        &self,
        doc: &Arc<Document>,
        key: u64,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<Arc<Rendered>> {
        let entries = self.entries.lock().expect("cache lock");
        let e = entries
            .get(&doc.rel)
            .filter(|e| e.key == key && Arc::ptr_eq(&e.doc, doc))?;
        Self::links_hold(&e.body, resolve).then(|| e.body.clone())
    }

    pub fn put(&self, doc: &Arc<Document>, key: u64, body: Arc<Rendered>) {
        let entry = Entry {
            doc: Arc::clone(doc),
            key,
            body,
        };
        self.entries
            .lock()
            .expect("cache lock")
            .insert(doc.rel.clone(), entry);
    }

    /// The finished post made from this very document under the same
    /// `settings` (a hash of everything in the site's settings a post
    /// depends on), with its warnings.
    pub fn post(&self, doc: &Arc<Document>, settings: u64) -> Option<(Arc<Post>, Vec<Diagnostic>)> {
        let posts = self.posts.lock().expect("cache lock");
        let e = posts
            .get(&doc.rel)
            .filter(|e| e.settings == settings && Arc::ptr_eq(&e.doc, doc))?;
        Some((Arc::clone(&e.post), e.warnings.clone()))
    }

    pub fn put_post(
        &self,
        doc: &Arc<Document>,
        settings: u64,
        post: Arc<Post>,
        warnings: Vec<Diagnostic>,
    ) {
        let entry = PostEntry {
            doc: Arc::clone(doc),
            settings,
            post,
            warnings,
        };
        self.posts
            .lock()
            .expect("cache lock")
            .insert(doc.rel.clone(), entry);
    }

    /// Whether every link a rendered body resolved still resolves the same.
    pub fn links_hold(body: &Rendered, resolve: &dyn Fn(&str) -> Option<String>) -> bool {
        body.links
            .iter()
            .all(|(target, url)| resolve(target) == *url)
    }

    /// How many files the cache holds something for (at most).
    pub fn held(&self) -> usize {
        let entries = self.entries.lock().expect("cache lock").len();
        entries.max(self.posts.lock().expect("cache lock").len())
    }

    /// Forgets files that no longer exist.
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        self.entries
            .lock()
            .expect("cache lock")
            .retain(|k, _| keep(k));
        self.posts
            .lock()
            .expect("cache lock")
            .retain(|k, _| keep(k));
    }
}
