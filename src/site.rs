//! `Site::build`: the whole pipeline, read top to bottom, as a list of
//! stages, each a function from the previous stages' values:
//!
//! ```text
//! load::load(&Request)          -> Loaded     every file of the site read
//! Model::build(&Loaded)         -> Model      pure: no file is read
//! ImagePlan::make(&Model, ..)   -> ImagePlan  photos processed (cached)
//! Renderer::new(&Model, plan)   -> Renderer   templates and site context
//! renderer.render_all(..)       -> Rendered   pages, and the photos each used
//! published(..)                 -> Vec<OutFile>  every other file to publish
//! Staging::commit                             the swap into the output folder
//! ```
//!
//! `check` runs the same list without writing; `serve`
//! ([`crate::serve::preview`]) keeps the values and runs the same
//! functions again with what changed.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::images::{ImagePlan, ImageStore, Uses, is_photo};
use crate::load::{Address, Asset, Loaded, Request, Reuse, SiteFiles};
use crate::model::{BodyCache, BuildOptions, Model};
use crate::output::Staging;
use crate::output::budget::{Host, Usage, within_site_budget};
use crate::output::transform::Transform;
use crate::render::Renderer;

/// What the person asked for.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    pub root: PathBuf,
    /// Where to write; `<root>/public` when `None`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// `--portable`: relative links to files, for opening from `file://`.
    pub portable: bool,
    pub options_now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// `--strict`: any warning fails the build (as `[build] strict`).
    pub strict: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub posts: usize,
    pub output: PathBuf,
    pub warnings: Diagnostics,
    pub lang: Lang,
    /// Folders of killed builds this one removed (or put back).
    pub cleaned: Vec<String>,
    /// What the output holds, measured for `host` in `warta.toml`.
    pub usage: Option<(Host, Usage)>,
}

/// The outcome of a failed build: every problem found, in the site's
/// language when the config could be read.
#[derive(Debug)]
pub struct BuildFailure {
    pub problems: Diagnostics,
    pub lang: Option<Lang>,
}

pub struct Site;

/// What stops a build just before the swap: warnings under `--strict`
/// (or `[build] strict`), an output past the limits of the site's `host`.
/// Else what the output holds, measured for that `host`.
fn ready(
    req: &BuildRequest,
    model: &Model,
    staging: &Staging,
    warnings: &Diagnostics,
) -> Result<Option<(Host, Usage)>, Diagnostics> {
    if (req.strict || model.config.build.strict) && !warnings.is_empty() {
        return Err(crate::diag::strict(warnings.clone()));
    }
    within_site_budget(model.config.host, staging)
}

impl Site {
    /// Loads, models, renders and writes the site. Warnings of every
    /// stage are collected into the report; under `--strict` (or
    /// `[build] strict = true`) they fail the build before the swap, so
    /// the previous output stays.
    pub fn build(req: &BuildRequest) -> Result<BuildReport, BuildFailure> {
        Self::build_at(req, address(req))
    }

    /// [`Site::build`] for the site at `address` (a village of a network
    /// is built at the address the network gives it).
    pub fn build_at(req: &BuildRequest, address: Address) -> Result<BuildReport, BuildFailure> {
        let mut clock = Stopwatch::from_env();
        let mut loaded = load(req, address)?;
        clock.lap("load");
        let (model, mut warnings) = model(&loaded, options(req), None)?;
        loaded.drop_documents();
        clock.lap("model");
        let lang = model.config.language;
        let fail = |problems: Diagnostics| BuildFailure {
            problems,
            lang: Some(lang),
        };
        let store = Arc::new(ImageStore::new(&req.root, &model.config.images, true));
        let (images, image_problems) = ImagePlan::make(&model, &loaded.files, store);
        fail_on_errors(image_problems, &mut warnings).map_err(fail)?;
        clock.lap("images");
        let renderer = Renderer::new(&model, Arc::new(images), &req.root).map_err(fail)?;
        fail_on_errors(alias_problems(&model, &renderer, &loaded), &mut warnings).map_err(fail)?;
        clock.lap("renderer");
        let output = req
            .output
            .clone()
            .unwrap_or_else(|| req.root.join("public"));
        let staging = Staging::create(&output, &model.config.build.keep)
            .map_err(|d| fail(d.into()))?
            .with_transform(Transform {
                minify: model.config.build.minify,
                portable: req.portable.then(|| model.config.root_path.clone()),
            });
        let rendered = renderer.render_all(&model, &|rel, bytes| staging.write(rel, bytes));
        clock.lap("render");
        let mut problems = rendered.problems.clone();
        problems.extend(shadowed_pages(&model, &loaded.files));
        let (files, file_problems) = published(&loaded, &model, &renderer, &rendered.all_uses());
        problems.extend(file_problems);
        for file in &files {
            if let Err(d) = file.write_to(&staging) {
                problems.push(d);
            }
        }
        fail_on_errors(problems, &mut warnings).map_err(fail)?;
        clock.lap("files");
        warnings.sort();
        let usage = ready(req, &model, &staging, &warnings).map_err(fail)?;
        let cleaned = staging.cleaned.clone();
        staging.commit().map_err(|d| fail(d.into()))?;
        clock.lap("commit");
        clock.report();
        Ok(BuildReport {
            pages: Renderer::jobs(&model).len(),
            posts: model.posts.len(),
            output,
            warnings,
            lang,
            cleaned,
            usage,
        })
    }

    /// Checks the whole site without writing anything: the stages of
    /// [`Site::build`], every page rendered in memory, photos only decoded.
    pub fn check(req: &BuildRequest) -> Result<(usize, Diagnostics, Lang), BuildFailure> {
        Self::check_at(req, address(req))
    }

    /// [`Site::check`] for the site at `address` (a village of a network).
    pub fn check_at(
        req: &BuildRequest,
        address: Address,
    ) -> Result<(usize, Diagnostics, Lang), BuildFailure> {
        let mut loaded = load(req, address)?;
        let (model, mut problems) = model(&loaded, options(req), None)?;
        loaded.drop_documents();
        let lang = model.config.language;
        let store = Arc::new(ImageStore::new(&req.root, &model.config.images, false));
        let (images, image_problems) = ImagePlan::make(&model, &loaded.files, store);
        problems.extend(image_problems);
        let renderer =
            Renderer::new(&model, Arc::new(images), &req.root).map_err(|p| BuildFailure {
                problems: p,
                lang: Some(lang),
            })?;
        problems.extend(alias_problems(&model, &renderer, &loaded));
        problems.extend(renderer.render_all(&model, &|_, _| Ok(())).problems);
        problems.extend(shadowed_pages(&model, &loaded.files));
        problems.sort();
        if req.strict || model.config.build.strict {
            problems = crate::diag::strict(problems);
        }
        if problems.has_errors() {
            return Err(BuildFailure {
                problems,
                lang: Some(lang),
            });
        }
        Ok((Renderer::jobs(&model).len(), problems, lang))
    }

    /// Stages 1 and 2: everything up to a model, with every problem of
    /// every file collected before giving up.
    pub fn load_model(req: &BuildRequest) -> Result<(Model, Diagnostics), BuildFailure> {
        model(&load(req, address(req))?, options(req), None)
    }
}

fn options(req: &BuildRequest) -> BuildOptions {
    BuildOptions {
        drafts: req.drafts,
        now: req.options_now,
    }
}

/// The address `req` asks for: `--base-url`, else the configured one.
fn address(req: &BuildRequest) -> Address {
    match &req.base_url {
        Some(url) => Address::Url(url.clone()),
        None => Address::Configured,
    }
}

/// Stage 1 for a build: the request's root, at `address`.
fn load(req: &BuildRequest, address: Address) -> Result<Loaded, BuildFailure> {
    let request = Request {
        root: req.root.clone(),
        address,
    };
    crate::load::load(&request, Reuse::Nothing).map_err(|problems| BuildFailure {
        problems,
        lang: None,
    })
}

/// Stage 2: the model of `loaded`, with the problems of both stages,
/// sorted. Goes on to the model even when some files failed, so that one
/// run reports the problems of every stage; fails on any error.
pub fn model(
    loaded: &Loaded,
    options: BuildOptions,
    cache: Option<&BodyCache>,
) -> Result<(Model, Diagnostics), BuildFailure> {
    let mut problems = loaded.problems.clone();
    let (model, model_problems) = Model::build(loaded, options, cache);
    problems.extend(model_problems);
    problems.sort();
    match model {
        Some(m) if !problems.has_errors() => Ok((m, problems)),
        _ => Err(BuildFailure {
            problems,
            lang: Some(loaded.config.language),
        }),
    }
}

/// Each stage's wall time, printed to stderr after a build when the
/// environment has `WARTA_TIMINGS=1` (for `bench/scaling.sh`, which
/// watches every stage grow with the posts; off otherwise).
struct Stopwatch {
    on: bool,
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn from_env() -> Self {
        Self {
            on: std::env::var_os("WARTA_TIMINGS").is_some_and(|v| v == "1"),
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }

    /// One line: `warta-timings load=12.3 model=45.6 …` (milliseconds).
    fn report(&self) {
        if !self.on {
            return;
        }
        let laps: Vec<String> = self
            .laps
            .iter()
            .map(|(stage, d)| format!("{stage}={:.1}", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("warta-timings {}", laps.join(" "));
    }
}

/// Moves `problems` into `warnings`, or gives them back when one is an
/// error.
fn fail_on_errors(problems: Diagnostics, warnings: &mut Diagnostics) -> Result<(), Diagnostics> {
    if problems.has_errors() {
        return Err(problems);
    }
    warnings.extend(problems);
    Ok(())
}

/// Aliases onto files the build writes (see [`crate::render::aliases`]).
pub fn alias_problems(model: &Model, renderer: &Renderer, loaded: &Loaded) -> Diagnostics {
    let statics = renderer.theme().static_files().unwrap_or_default();
    crate::render::aliases::check(
        model,
        &loaded.root,
        statics.iter().map(|(rel, _)| rel.as_str()),
    )
}

/// Where the bytes of a published file come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Made in memory: a theme's static file, an original cut of its
    /// metadata.
    Bytes(Arc<[u8]>),
    /// Copied from disk as it is.
    Disk(PathBuf),
}

/// A file the site publishes besides its pages.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// The output path: `media/kantor-480w.webp`.
    pub dest: String,
    pub source: Source,
}

impl OutFile {
    fn write_to(&self, staging: &Staging) -> Result<(), Diagnostic> {
        match &self.source {
            Source::Bytes(bytes) => staging.write(&self.dest, bytes),
            Source::Disk(src) => staging.copy(src, &self.dest),
        }
    }
}

/// Every file the site publishes besides its pages, in the order they
/// are written (a later one takes an earlier one's place): the theme's
/// static files, then the site's `static/`, its other files (`media/`,
/// bundles, loose files; photos only as the web versions `uses` name),
/// and the originals `uses` link, stripped of their metadata. `build`
/// writes this list and `serve` serves it: the one list both go by.
pub fn published(
    loaded: &Loaded,
    model: &Model,
    renderer: &Renderer,
    uses: &Uses,
) -> (Vec<OutFile>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut out = Vec::new();
    match renderer.theme().static_files() {
        Ok(files) => out.extend(files.into_iter().map(|(dest, bytes)| OutFile {
            dest,
            source: Source::Bytes(bytes.into()),
        })),
        Err(d) => problems.push(d),
    }
    let disk = |a: &Asset| OutFile {
        dest: a.dest.clone(),
        source: Source::Disk(a.src.clone()),
    };
    out.extend(loaded.files.statics.iter().map(disk));
    let others = loaded.files.media.iter().chain(&model.assets);
    out.extend(others.filter(|a| !is_photo(&a.dest)).map(disk));
    let photos = renderer.images().published(uses);
    out.extend(photos.variants.iter().chain(&photos.cards).map(disk));
    problems.extend(photos.problems);
    for (file, dest) in photos.originals {
        let bytes = crate::fsx::read(&file).map(|b| crate::images::strip::strip_metadata(&b));
        match bytes {
            Ok(Some(clean)) => out.push(OutFile {
                dest,
                source: Source::Bytes(clean.into()),
            }),
            Ok(None) => problems.push(crate::images::unstrippable(&file, &loaded.root)),
            Err(d) => problems.push(d),
        }
    }
    (out, problems)
}

/// Files of `static/` that would take the place of a page warta makes
/// (`static/index.html`, `static/rss.xml`). An error, not a warning: the
/// generated page would silently disappear (usually an old site's files
/// copied in whole), and the right way to change a page, a template in
/// `templates/`, exists.
fn shadowed_pages(model: &Model, files: &SiteFiles) -> Diagnostics {
    let statics = &files.statics;
    if statics.is_empty() {
        return Diagnostics::new();
    }
    let made: std::collections::HashSet<String> = Renderer::jobs(model)
        .into_iter()
        .flat_map(|job| job.files(model))
        .collect();
    statics
        .iter()
        .filter(|a| made.contains(&a.dest))
        .map(|a| {
            let dest = &a.dest;
            crate::diag::Diagnostic::error(crate::text!(
                "Berkas `static/{dest}` akan menggantikan halaman `/{dest}` yang dibuat warta.",
                "The file `static/{dest}` would replace the page `/{dest}` that warta makes."
            ))
            .in_file(format!("static/{dest}"))
            .hint(crate::diag::Text::new(
                "Hapus atau ganti nama berkas itu. Untuk mengubah tampilan halaman, salin templatnya ke folder templates/.",
                "Delete or rename that file. To change how the page looks, copy its template into templates/.",
            ))
        })
        .collect::<Vec<_>>()
        .into()
}

/// content-example's model, as `warta build` would make it: for unit
/// tests that need a whole, real site.
#[cfg(test)]
pub(crate) fn example_model() -> Model {
    let req = BuildRequest {
        root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content-example"),
        output: None,
        drafts: false,
        base_url: None,
        portable: false,
        options_now: None,
        strict: false,
    };
    Site::load_model(&req).expect("content-example loads").0
}
