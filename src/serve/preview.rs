//! The preview's rebuild engine: the pipeline of [`crate::site`], kept
//! warm between saves.
//!
//! It keeps the loaded documents, their rendered bodies and the last
//! build's page fingerprints. A rebuild reads only the files whose time
//! stamp changed, re-renders only the pages whose fingerprint changed, and
//! leaves the served site untouched when anything fails, so the writer
//! always sees the last good version (with the error on top).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::images::ImageStore;
use crate::load::config::load_config;
use crate::load::content::{Content, load_content_reusing, update_content};
use crate::load::profile::load_profile;
use crate::model::{BodyCache, BuildOptions, Model};
use crate::render::Renderer;
use crate::render::fingerprint::{Fingerprints, fingerprints, stale};
use crate::serve::watch::Change;
use crate::site::{disk_files, prepare_images};

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
    /// `http://127.0.0.1:1111`: the preview's own origin, so absolute
    /// links (canonical, og:url) point at the preview.
    origin: String,
    content: Option<Content>,
    cache: BodyCache,
    prints: Option<Fingerprints>,
    /// Kept while what every page sees is unchanged: templates are parsed
    /// once, not on every save.
    renderer: Option<Renderer>,
    /// Processed photos, kept while the image settings stay the same: a
    /// photo is read again only when its file changed.
    images: Option<Arc<ImageStore>>,
    lang: Lang,
}

impl Preview {
    pub fn new(root: &Path, drafts: bool, origin: &str) -> Preview {
        Preview {
            root: root.to_path_buf(),
            drafts,
            origin: origin.trim_end_matches('/').to_string(),
            content: None,
            cache: BodyCache::default(),
            prints: None,
            renderer: None,
            images: None,
            lang: Lang::Id,
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
        let lang = self.lang;
        let fail = |problems: Diagnostics, lang: Lang| Failed { problems, lang };
        let mut config = load_config(&self.root).map_err(|p| fail(p, lang))?;
        self.lang = config.language;
        let lang = self.lang;
        let local = format!("{}{}", self.origin, config.root_path);
        config
            .set_base_url(&local)
            .map_err(|m| fail(Diagnostic::error(m).into(), lang))?;
        let (profile, mut problems) = load_profile(&self.root);
        let targeted = match (&self.content, change) {
            (Some(prev), Change::Content) => update_content(&self.root, prev, changed),
            _ => None,
        };
        let (content, content_problems) = targeted
            .unwrap_or_else(|| load_content_reusing(&self.root, self.content.as_ref(), changed));
        problems.extend(content_problems);
        let Some(profile) = profile else {
            self.content = Some(content);
            return Err(fail(problems, lang));
        };
        let options = BuildOptions {
            drafts: self.drafts,
            now: None,
        };
        let (model, model_problems) =
            Model::build(config, profile, &content, options, Some(&self.cache));
        problems.extend(model_problems);
        let keep: std::collections::HashSet<&str> =
            content.documents.iter().map(|d| d.rel.as_str()).collect();
        self.cache.retain(|rel| keep.contains(rel));
        let mut model = match model {
            Some(m) if !problems.has_errors() => m,
            _ => {
                self.content = Some(content);
                problems.sort();
                return Err(fail(problems, lang));
            }
        };
        let images = match self.images.take() {
            Some(s) if s.made_for(&model.config.images, true) => s,
            _ => Arc::new(ImageStore::new(&self.root, &model.config.images, true)),
        };
        problems.extend(prepare_images(&images, &model, &self.root));
        model.images = Arc::clone(&images);
        self.images = Some(images);
        if problems.has_errors() {
            self.content = Some(content);
            problems.sort();
            return Err(fail(problems, lang));
        }
        let prints = fingerprints(&model);
        let same_globals = self
            .prints
            .as_ref()
            .is_some_and(|old| old.global == prints.global);
        let renderer = match self.renderer.take() {
            Some(r) if same_globals && change != Change::Everything => r,
            _ => Renderer::new(&model, &self.root).map_err(|p| fail(p, lang))?,
        };
        let (jobs, gone) = match (&self.prints, change) {
            (Some(old), Change::Content | Change::Files) => stale(old, &prints),
            _ => (Renderer::jobs(&model), Vec::new()),
        };
        // The search index is made when first asked for (see `Deferred`).
        let (deferred, jobs): (Vec<_>, Vec<_>) =
            jobs.into_iter().partition(|j| j.kind().deferred());
        let pages = Mutex::new(Vec::with_capacity(jobs.len()));
        let write = |path: &str, html: &[u8]| {
            pages
                .lock()
                .expect("pages lock")
                .push((path.to_string(), Arc::<[u8]>::from(html)));
            Ok(())
        };
        let render_problems = renderer.render_jobs(&model, &jobs, &write);
        if render_problems.has_errors() {
            self.content = Some(content);
            return Err(fail(render_problems, lang));
        }
        let pages = pages.into_inner().expect("pages lock");
        let rendered = pages.len();
        // Everything that can fail is done: from here `files` only changes.
        let statics = renderer
            .theme()
            .static_files()
            .map_err(|d| fail(d.into(), lang))?;
        if self.prints.is_none() || change == Change::Everything {
            files.retain(|k, _| prints.pages.contains_key(k));
        }
        for f in &gone {
            files.remove(f);
        }
        files.retain(|_, s| !matches!(s, Served::Disk(_)));
        for (path, html) in pages {
            files.insert(path, Served::Memory(html));
        }
        for (rel, bytes) in statics {
            files.insert(rel, Served::Memory(bytes.into()));
        }
        let model = Arc::new(model);
        for job in deferred {
            let m = Arc::clone(&model);
            let make = move || job.made(&m).unwrap_or_default().into_bytes();
            files.insert(
                job.file(&model),
                Served::Deferred(Arc::new(Deferred::new(make))),
            );
        }
        for asset in disk_files(&self.root, &model) {
            files.insert(asset.dest, Served::Disk(asset.src));
        }
        self.renderer = Some(renderer);
        self.prints = Some(prints);
        self.content = Some(content);
        problems.sort();
        Ok(Rebuilt {
            rendered,
            removed: gone.len(),
            warnings: problems,
            lang,
            root_path: model.config.root_path.clone(),
        })
    }
}
