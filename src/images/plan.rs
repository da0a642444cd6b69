//! The image stage as a value: [`ImagePlan::make`] processes every photo
//! the model refers to and returns a plan that rendering only reads.
//!
//! What a page shows is not known before the page is rendered (a
//! template may call `picture()` for any photo, a theme may leave a
//! post's photo out), so the plan does not decide which variants are
//! published: each page's render returns the photos it used ([`Uses`]),
//! and [`ImagePlan::published`] turns the uses of all pages into the
//! files to publish. `build` writes them; `serve` keeps each page's uses
//! and serves the same files, so the two can never differ.
//!
//! Uses are gathered per page by [`recording`]: a page renders on one
//! thread from start to end (templates, their functions, the views built
//! for them), so the photos asked for while it renders are its own. A use
//! outside any recording (none is known) goes to the plan's own list, so
//! that no photo a page shows is ever left unpublished.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::{Asset, ImageStore, Processed};
use crate::diag::Diagnostics;
use crate::load::SiteFiles;
use crate::model::Model;

/// The photos pages used, by the output path of the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uses {
    /// Shown: their web versions are published.
    pub shown: BTreeSet<String>,
    /// Used as a sharing image: their 1200-wide JPEG too.
    pub og: BTreeSet<String>,
    /// Linked as the original (`original = true` in `album.toml`).
    pub originals: BTreeSet<String>,
    /// Share cards used as a sharing image, by output path
    /// (`kartu/<key>.jpg`, see [`super::card`]).
    pub cards: BTreeSet<String>,
}

impl Uses {
    pub fn extend(&mut self, other: &Uses) {
        self.shown.extend(other.shown.iter().cloned());
        self.og.extend(other.og.iter().cloned());
        self.originals.extend(other.originals.iter().cloned());
        self.cards.extend(other.cards.iter().cloned());
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
            && self.og.is_empty()
            && self.originals.is_empty()
            && self.cards.is_empty()
    }
}

thread_local! {
    static RECORDING: RefCell<Option<Uses>> = const { RefCell::new(None) };
}

/// Runs `f` (one page's render) and returns, with its result, the photos
/// it asked the plan for.
pub fn recording<R>(f: impl FnOnce() -> R) -> (R, Uses) {
    let outer = RECORDING.with(|r| r.replace(Some(Uses::default())));
    let out = f();
    let uses = RECORDING.with(|r| r.replace(outer)).unwrap_or_default();
    // A page rendered inside another's recording counts for both.
    RECORDING.with(|r| {
        if let Some(outer) = r.borrow_mut().as_mut() {
            outer.extend(&uses);
        }
    });
    (out, uses)
}

/// The files a set of [`Uses`] publishes.
#[derive(Debug, Default)]
pub struct Published {
    /// Web versions and sharing JPEGs, from the image cache.
    pub variants: Vec<Asset>,
    /// Originals: (source file, output path), published with their
    /// metadata cut out ([`super::strip::strip_metadata`]).
    pub originals: Vec<(PathBuf, String)>,
    /// Share cards, from the card cache.
    pub cards: Vec<Asset>,
    /// Cards that could not be made.
    pub problems: Diagnostics,
}

/// Every photo of the site, processed, for rendering to read.
pub struct ImagePlan {
    store: Arc<ImageStore>,
    /// Photos whose original may be linked: those of albums with
    /// `original = true`.
    originals: HashSet<String>,
    /// Uses outside any [`recording`]; see the module doc.
    stray: Mutex<Uses>,
}

impl ImagePlan {
    /// Processes (in `check`, decodes) every photo `model` refers to,
    /// with `store` as the memory of earlier results (`serve` keeps it
    /// from one save to the next; `build` starts with a new one). Reports
    /// each photo that cannot be used with the files that use it.
    pub fn make(
        model: &Model,
        files: &SiteFiles,
        store: Arc<ImageStore>,
    ) -> (ImagePlan, Diagnostics) {
        let problems = prepare(&store, model, files);
        let originals = model
            .catalog
            .albums
            .iter()
            .filter(|a| a.original)
            .flat_map(|a| a.photos.iter())
            .filter_map(|p| store.resolve(&p.src))
            .collect();
        let plan = ImagePlan {
            store,
            originals,
            stray: Mutex::default(),
        };
        (plan, problems)
    }

    /// A plan that knows no photo: every image stays as written.
    pub fn empty() -> ImagePlan {
        ImagePlan {
            store: Arc::new(ImageStore::empty()),
            originals: HashSet::new(),
            stray: Mutex::default(),
        }
    }

    /// The store this plan read from, for the next plan (`serve`).
    pub fn store(&self) -> &Arc<ImageStore> {
        &self.store
    }

    /// Whether `other` gives every page the same photos: made from the
    /// same store, with the same originals to link (`serve` then keeps its
    /// renderer, which holds this plan).
    pub fn same_as(&self, other: &ImagePlan) -> bool {
        Arc::ptr_eq(&self.store, &other.store) && self.originals == other.originals
    }

    /// Changes to photos already seen: part of what every page depends on.
    pub fn generation(&self) -> u64 {
        self.store.generation()
    }

    /// The processed photo at `dest` (an original's or a variant's output
    /// path), for a page that shows it.
    pub fn get(&self, dest: &str) -> Option<Arc<Processed>> {
        let p = self.store.get(dest)?;
        self.record(|u| u.shown.insert(p.dest.clone()));
        Some(p)
    }

    /// Like [`ImagePlan::get`], for a page that also uses it as its sharing
    /// image (its 1200-wide JPEG is published too).
    pub fn get_og(&self, dest: &str) -> Option<Arc<Processed>> {
        let p = self.get(dest)?;
        self.record(|u| u.og.insert(p.dest.clone()));
        Some(p)
    }

    /// The output path of the original of `dest`, for a page that links
    /// it; `None` unless its album has `original = true`.
    pub fn original(&self, dest: &str) -> Option<String> {
        let dest = self.store.resolve(dest)?;
        if !self.originals.contains(&dest) {
            return None;
        }
        self.record(|u| u.originals.insert(dest.clone()));
        Some(dest)
    }

    /// The share card for `spec`, for a page that uses it as its sharing
    /// image: its output path (`kartu/<key>.jpg`). It is made when the
    /// uses are published ([`ImagePlan::published`]).
    pub fn card(&self, spec: super::card::CardSpec) -> String {
        let dest = self.store.cards().request(spec);
        self.record(|u| u.cards.insert(dest.clone()));
        dest
    }

    /// Notes a use in the current page's recording, or, outside any,
    /// in the plan's own list.
    fn record(&self, add: impl FnOnce(&mut Uses) -> bool) {
        RECORDING.with(|r| match r.borrow_mut().as_mut() {
            Some(uses) => {
                add(uses);
            }
            None => {
                add(&mut self.stray.lock().expect("stray uses lock"));
            }
        });
    }

    /// Uses made outside any page's render (see the module doc).
    pub fn stray_uses(&self) -> Uses {
        self.stray.lock().expect("stray uses lock").clone()
    }

    /// The files `uses` publish: web versions of photos shown, sharing
    /// JPEGs of photos so used, originals linked, share cards (made now
    /// when not in the cache yet). Sorted by output path.
    pub fn published(&self, uses: &Uses) -> Published {
        let mut out = Published::default();
        for dest in &uses.shown {
            if let Some(p) = self.store.get(dest) {
                out.variants.extend(p.files(uses.og.contains(dest)));
            }
        }
        out.variants.sort_by(|a, b| a.dest.cmp(&b.dest));
        out.originals = uses
            .originals
            .iter()
            .filter_map(|dest| Some((self.store.source(dest)?, dest.clone())))
            .collect();
        (out.cards, out.problems) = self.store.cards().files(&uses.cards);
        out
    }
}

/// Tells `store` the site's files and processes the photos `model`
/// refers to.
fn prepare(store: &ImageStore, model: &Model, files: &SiteFiles) -> Diagnostics {
    let root = store.site_root().to_path_buf();
    let others: Vec<Asset> = files
        .media
        .iter()
        .chain(model.assets.iter())
        .cloned()
        .collect();
    let as_is = files
        .statics
        .iter()
        .chain(others.iter().filter(|a| !super::is_photo(&a.dest)))
        .map(|a| a.dest.clone())
        .collect::<Vec<_>>();
    let mut problems = super::formats::refuse_unprocessed(&others, &root);
    store.set_sources(others, as_is);
    let refused: Vec<_> = problems.items.iter().map(|d| d.file.clone()).collect();
    let prepared = store.prepare(&super::refs::collect(model), model.config.language);
    // A refused file is reported once, by the refusal.
    problems.extend(
        prepared
            .items
            .into_iter()
            .filter(|d| !d.is_error() || !refused.contains(&d.file))
            .collect::<Vec<_>>()
            .into(),
    );
    problems
}
