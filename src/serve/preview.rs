//! The preview's rebuild engine: the stages of [`crate::site`], with
//! their values kept between saves.
//!
//! Each rebuild calls the same stage functions as `warta build` (load,
//! model, image plan, render, the published files), so the preview serves
//! exactly what a build would write. What is particular to `serve` is only
//! what it keeps and what it skips: the loaded documents and their
//! rendered bodies (a rebuild reads only the files whose time stamp
//! changed), the photos' store, the renderer while what every page sees is
//! unchanged, and the last pages' fingerprints, so that only the pages
//! whose fingerprint changed are rendered again. When anything fails the
//! served site stays untouched, so the writer always sees the last good
//! version (with the error on top).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crate::diag::{Diagnostics, Lang};
use crate::images::{ImagePlan, ImageStore, Uses};
use crate::load::{Address, Loaded, Request, Reuse};
use crate::model::{BodyCache, BuildOptions, Model};
use crate::output::transform::Transform;
use crate::render::fingerprint::{Fingerprints, fingerprints, stale};
use crate::render::{Input, Job, Renderer};
use crate::serve::watch::Change;
use crate::site::{OutFile, Source, published};

/// One file of the served site.
#[derive(Debug, Clone)]
pub enum Served {
    Memory(Arc<[u8]>),
    Disk(PathBuf),
    /// Made when first asked for: the search index.
    Deferred(Arc<Deferred>),
}

/// A file made only when first asked for, then kept: the search index,
/// which holds every word of the site and changes with every saved post.
/// Made on every save, it took save-to-reload at 10,000 posts from 158 to
/// 851 ms; made on demand, it costs only a visit to `/cari/` after a save.
pub struct Deferred {
    make: Box<dyn Fn() -> Vec<u8> + Send + Sync>,
    made: std::sync::OnceLock<Arc<[u8]>>,
}

impl Deferred {
    pub fn new(make: impl Fn() -> Vec<u8> + Send + Sync + 'static) -> Deferred {
        Deferred {
            make: Box::new(make),
            made: std::sync::OnceLock::new(),
        }
    }

    pub fn get(&self) -> Arc<[u8]> {
        self.made.get_or_init(|| (self.make)().into()).clone()
    }
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.made.get().is_some() {
            "Deferred(made)"
        } else {
            "Deferred(not yet made)"
        })
    }
}

/// The served site: output path → file.
pub type Files = HashMap<String, Served>;

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub rendered: usize,
    pub removed: usize,
    pub warnings: Diagnostics,
    pub lang: Lang,
    pub root_path: String,
}

/// A failed rebuild: the problems, and the language to show them in.
#[derive(Debug)]
pub struct Failed {
    pub problems: Diagnostics,
    pub lang: Lang,
}

pub struct Preview {
    root: PathBuf,
    drafts: bool,
    /// The preview's own origin (`http://127.0.0.1:1111`) or, for a
    /// village of a network, its address below the preview's; absolute
    /// links (canonical, og:url) point at the preview.
    address: Address,
    /// The last load, lent to the next one (unchanged documents).
    loaded: Option<Loaded>,
    cache: BodyCache,
    prints: Option<Fingerprints>,
    /// Kept while what every page sees is unchanged: templates are parsed
    /// once, not on every save. It holds the image plan it renders with.
    renderer: Option<Renderer>,
    /// The photos each served page used, by output file (pages that
    /// show none are left out).
    uses: HashMap<String, Uses>,
    /// The files served besides pages (see [`crate::site::published`]).
    published: HashSet<String>,
    lang: Lang,
}

/// What the stages after load made, before it replaces anything served.
struct Staged {
    model: Model,
    images: Arc<ImagePlan>,
    prints: Fingerprints,
    made: Made,
    /// The files published besides pages.
    out: Vec<OutFile>,
    warnings: Diagnostics,
}

/// The pages one rebuild rendered, before they replace anything served.
struct Made {
    pages: Vec<(String, Arc<[u8]>)>,
    page_uses: Vec<(String, Uses)>,
    gone: Vec<String>,
    full: bool,
    /// Pages made only when first asked for: (their output files, job).
    deferred: Vec<(Vec<String>, Job)>,
}

impl Preview {
    pub fn new(root: &Path, drafts: bool, origin: &str) -> Preview {
        Preview {
            root: root.to_path_buf(),
            drafts,
            address: Address::Origin(origin.trim_end_matches('/').to_string()),
            loaded: None,
            cache: BodyCache::default(),
            prints: None,
            renderer: None,
            uses: HashMap::new(),
            published: HashSet::new(),
            lang: Lang::Id,
        }
    }

    /// A preview of the site at `root` published at `url`: a village of a
    /// network, below the network's preview (`http://127.0.0.1:1111/sukamaju/`).
    pub fn at(root: &Path, drafts: bool, url: &str) -> Preview {
        Preview {
            address: Address::Url(url.to_string()),
            ..Preview::new(root, drafts, "")
        }
    }

    /// Rebuilds after `change` and updates `files`; on failure `files` is
    /// left exactly as it was.
    pub fn rebuild(
        &mut self,
        change: Change,
        changed: &[PathBuf],
        files: &mut Files,
    ) -> Result<Rebuilt, Failed> {
        let staged = self.stage(change, changed)?;
        Ok(self.swap_in(files, staged))
    }

    /// [`Preview::rebuild`] into the files requests are answered from,
    /// locked only to put the new ones in place: not copied (16,000
    /// entries at 10,000 posts), not held while rebuilding.
    pub fn rebuild_locked(
        &mut self,
        change: Change,
        changed: &[PathBuf],
        files: &RwLock<Files>,
    ) -> Result<Rebuilt, Failed> {
        let staged = self.stage(change, changed)?;
        Ok(self.swap_in(&mut files.write().expect("files lock"), staged))
    }

    /// Load and the stages after it; nothing served changes.
    fn stage(&mut self, change: Change, changed: &[PathBuf]) -> Result<Staged, Failed> {
        let loaded = self.load(change, changed)?;
        self.lang = loaded.config.language;
        let staged = self.stages(&loaded, change);
        // Lent to the next load, whether this rebuild went through or not.
        self.loaded = Some(loaded);
        staged.map_err(|mut problems| {
            problems.sort();
            Failed {
                problems,
                lang: self.lang,
            }
        })
    }

    /// The stages after load, as `warta build` runs them: the model, the
    /// image plan, the renderer, the pages whose fingerprint changed, and
    /// the published files. Nothing served changes here; the renderer is
    /// kept for the next rebuild even when rendering fails.
    fn stages(&mut self, loaded: &Loaded, change: Change) -> Result<Staged, Diagnostics> {
        let (model, mut warnings) = self.model(loaded)?;
        let store = self.store_for(&model);
        let (plan, image_problems) = ImagePlan::make(&model, &loaded.files, store);
        warnings.extend(image_problems);
        if warnings.has_errors() {
            return Err(warnings);
        }
        let prints = fingerprints(&Input {
            model: &model,
            images: &plan,
        });
        self.renderer = Some(self.renderer_for(&model, plan, &prints, change)?);
        let renderer = self.renderer.as_ref().expect("renderer just set");
        let made = self.render(&model, renderer, &prints, change)?;
        let uses = self.every_use(&made, renderer);
        let (out, out_problems) = published(loaded, &model, renderer, &uses);
        if out_problems.has_errors() {
            return Err(out_problems);
        }
        warnings.extend(out_problems);
        Ok(Staged {
            images: Arc::clone(renderer.images()),
            model,
            prints,
            made,
            out,
            warnings,
        })
    }

    /// Stage 2, reusing the rendered bodies of unchanged documents. An
    /// entry for a file no longer loaded never matches (it holds the very
    /// document it was made from), it only takes memory: the cache forgets
    /// such files once it holds more than there are documents, not on
    /// every save.
    fn model(&self, loaded: &Loaded) -> Result<(Model, Diagnostics), Diagnostics> {
        let result = crate::site::model(loaded, self.options(), Some(&self.cache));
        let documents = &loaded.content.documents;
        if self.cache.held() > documents.len() {
            let keep: HashSet<&str> = documents.iter().map(|d| d.rel.as_str()).collect();
            self.cache.retain(|rel| keep.contains(rel));
        }
        result.map_err(|failure| failure.problems)
    }

    /// Every photo the site shows or links once `made` is in place: the
    /// pages' (the last rebuild's, but for the pages made again or gone;
    /// only the new ones after a full render), the renderer's own (what
    /// every page shows) and those used outside a page.
    fn every_use(&self, made: &Made, renderer: &Renderer) -> Uses {
        let mut all = renderer.images().stray_uses();
        if !made.full {
            let replaced: HashSet<&str> = (made.gone.iter())
                .chain(made.page_uses.iter().map(|(f, _)| f))
                .map(String::as_str)
                .collect();
            (self.uses.iter())
                .filter(|(f, _)| !replaced.contains(f.as_str()))
                .for_each(|(_, u)| all.extend(u));
        }
        made.page_uses.iter().for_each(|(_, u)| all.extend(u));
        all.extend(renderer.global_uses());
        all
    }

    /// The photos each page uses, by output file, once `made` is in place.
    fn keep_uses(&mut self, made: &mut Made) {
        if made.full {
            self.uses.clear();
        }
        for f in &made.gone {
            self.uses.remove(f);
        }
        for (f, u) in std::mem::take(&mut made.page_uses) {
            if u.is_empty() {
                self.uses.remove(&f);
            } else {
                self.uses.insert(f, u);
            }
        }
    }

    /// Puts what the stages made in place of what was served, and keeps
    /// the values the next rebuild starts from. Nothing here can fail.
    fn swap_in(&mut self, files: &mut Files, staged: Staged) -> Rebuilt {
        let Staged {
            model,
            images,
            prints,
            mut made,
            out,
            mut warnings,
        } = staged;
        warnings.sort();
        let rebuilt = Rebuilt {
            rendered: made.pages.len(),
            removed: made.gone.len(),
            warnings,
            lang: self.lang,
            root_path: model.config.root_path.clone(),
        };
        self.keep_uses(&mut made);
        self.serve_files(files, Arc::new(model), images, &prints, made, out);
        self.prints = Some(prints);
        rebuilt
    }

    fn options(&self) -> BuildOptions {
        BuildOptions {
            drafts: self.drafts,
            now: None,
        }
    }

    /// Stage 1, lending the last load's documents to this one.
    fn load(&mut self, change: Change, changed: &[PathBuf]) -> Result<Loaded, Failed> {
        let request = Request {
            root: self.root.clone(),
            address: self.address.clone(),
        };
        let previous = self.loaded.take();
        let reuse = match &previous {
            Some(prev) => Reuse::Content {
                previous: &prev.content,
                changed,
                only_content: change == Change::Content,
            },
            None => Reuse::Nothing,
        };
        crate::load::load(&request, reuse).map_err(|problems| {
            self.loaded = previous.clone();
            Failed {
                problems,
                lang: self.lang,
            }
        })
    }

    /// The photos' store: the last one while the image settings stay the
    /// same (a photo is read again only when its file changed).
    fn store_for(&self, model: &Model) -> Arc<ImageStore> {
        let settings = &model.config.images;
        match self.renderer.as_ref().map(|r| r.images().store()) {
            Some(s) if s.made_for(settings, true) => Arc::clone(s),
            _ => Arc::new(ImageStore::new(&self.root, settings, true)),
        }
    }

    /// The last renderer, while what every page sees and the photos that
    /// may be linked stay the same; else a new one.
    fn renderer_for(
        &mut self,
        model: &Model,
        plan: ImagePlan,
        prints: &Fingerprints,
        change: Change,
    ) -> Result<Renderer, Diagnostics> {
        let same_globals = self
            .prints
            .as_ref()
            .is_some_and(|old| old.global == prints.global);
        match self.renderer.take() {
            Some(r)
                if same_globals && change != Change::Everything && r.images().same_as(&plan) =>
            {
                Ok(r)
            }
            _ => Renderer::new(model, Arc::new(plan), &self.root),
        }
    }

    /// Renders the pages whose fingerprint changed (all of them after a
    /// change to what every page sees), but the search index, which is
    /// made when first asked for (see [`Deferred`]).
    fn render(
        &self,
        model: &Model,
        renderer: &Renderer,
        prints: &Fingerprints,
        change: Change,
    ) -> Result<Made, Diagnostics> {
        let (jobs, gone, full) = match (&self.prints, change) {
            (Some(old), Change::Content | Change::Files) => {
                let (jobs, gone) = stale(old, prints);
                (jobs, gone, false)
            }
            _ => (Renderer::jobs(model), Vec::new(), true),
        };
        let (deferred, jobs): (Vec<_>, Vec<_>) =
            jobs.into_iter().partition(|j| j.kind().deferred());
        let deferred = deferred.into_iter().map(|j| (j.files(model), j)).collect();
        let pages = Mutex::new(Vec::with_capacity(jobs.len()));
        let write = |path: &str, html: &[u8]| {
            pages
                .lock()
                .expect("pages lock")
                .push((path.to_string(), Arc::<[u8]>::from(html)));
            Ok(())
        };
        let rendered = renderer.render_jobs(model, &jobs, &write);
        if rendered.problems.has_errors() {
            return Err(rendered.problems);
        }
        Ok(Made {
            pages: pages.into_inner().expect("pages lock"),
            page_uses: rendered.uses,
            gone,
            full,
            deferred,
        })
    }

    /// Puts what a rebuild made in place of what was served.
    fn serve_files(
        &mut self,
        files: &mut Files,
        model: Arc<Model>,
        images: Arc<ImagePlan>,
        prints: &Fingerprints,
        made: Made,
        out: Vec<OutFile>,
    ) {
        let transform = &Transform {
            minify: model.config.build.minify,
            portable: None,
        };
        if made.full {
            let pages: HashSet<&str> = prints.pages.iter().map(|p| p.file.as_str()).collect();
            files.retain(|k, _| pages.contains(k.as_str()));
        }
        for f in &made.gone {
            files.remove(f);
        }
        // Files published before and no longer (rare), but where a page is.
        let now: HashSet<&str> = out.iter().map(|f| f.dest.as_str()).collect();
        for f in std::mem::take(&mut self.published) {
            if !now.contains(f.as_str()) && !prints.has_page(&f) {
                files.remove(&f);
            }
        }
        for (path, html) in made.pages {
            let bytes = match transform.apply(&path, &html) {
                std::borrow::Cow::Borrowed(_) => html,
                std::borrow::Cow::Owned(changed) => changed.into(),
            };
            files.insert(path, Served::Memory(bytes));
        }
        for f in out {
            self.published.insert(f.dest.clone());
            files.insert(f.dest.clone(), served(f, transform));
        }
        for (keys, job) in made.deferred {
            // The job's files are made together, on the first request for any.
            let all: Arc<std::sync::OnceLock<HashMap<String, String>>> = Arc::default();
            for key in keys {
                let (model, images, all) =
                    (Arc::clone(&model), Arc::clone(&images), Arc::clone(&all));
                let name = key.clone();
                let make = move || {
                    let all = all.get_or_init(|| {
                        let input = Input {
                            model: &model,
                            images: &images,
                        };
                        job.made(&input).into_iter().collect()
                    });
                    all.get(&name).cloned().unwrap_or_default().into_bytes()
                };
                files.insert(key, Served::Deferred(Arc::new(Deferred::new(make))));
            }
        }
    }
}

/// How one written file is served: from memory when warta made it or must
/// transform it, else from disk; a transformed disk file waits for its first
/// request.
fn served(f: OutFile, transform: &Transform) -> Served {
    match f.source {
        Source::Bytes(bytes) if transform.changes(&f.dest) => {
            Served::Memory(transform.apply(&f.dest, &bytes).into_owned().into())
        }
        Source::Bytes(bytes) => Served::Memory(bytes),
        Source::Disk(path) if transform.changes(&f.dest) => {
            let t = transform.clone();
            let dest = f.dest;
            Served::Deferred(Arc::new(Deferred::new(move || {
                let bytes = crate::fsx::read(&path).unwrap_or_default();
                t.apply(&dest, &bytes).into_owned()
            })))
        }
        Source::Disk(path) => Served::Disk(path),
    }
}
