//! What each page depends on, folded into one number.
//!
//! `serve` keeps the fingerprints of the last build and re-renders only
//! the pages whose fingerprint changed: editing one post changes its own
//! page, the list pages that show it, and its neighbours' pages, and
//! nothing else. A page's fingerprint is the hash of its path, its body
//! and its [`Inputs`]: the very calls its kind makes to build its
//! context, hashed instead of rendered (see [`super::inputs`]). What
//! every page sees (settings, profile, `site`) is the separate
//! [`Fingerprints::global`].

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use super::global::global_hash;
use super::inputs::Run;
use super::kind::{Body, Job, jobs, output_file};
use crate::model::Model;

pub struct Fingerprints {
    pub global: u64,
    /// Output file → (job, fingerprint).
    pub pages: HashMap<String, (Job, u64)>,
}

/// Computes every page's fingerprint.
pub fn fingerprints(model: &Model) -> Fingerprints {
    let run = Run::print(model);
    let pages = jobs(model)
        .par_iter()
        .map(|&job| {
            let path = job.path(model);
            let mut to = run.inputs();
            let body = job.kind().inputs(model, job.key, &mut to);
            let mut h = DefaultHasher::new();
            (&path, to.finish()).hash(&mut h);
            match body {
                Body::Template(t) => t.hash(&mut h),
                Body::Made(make) => (make as usize).hash(&mut h),
            }
            (output_file(&path), (job, h.finish()))
        })
        .collect();
    Fingerprints {
        global: global_hash(model),
        pages,
    }
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
