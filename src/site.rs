//! `Site::build`: the whole pipeline, read top to bottom.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostics, Lang};
use crate::images::{ImageStore, is_photo};
use crate::load::config::{Config, load_config};
use crate::load::content::load_content;
use crate::load::profile::load_profile;
use crate::model::{Asset, BuildOptions, Model};
use crate::output::Staging;
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
}

/// The outcome of a failed build: every problem found, in the site's
/// language when the config could be read.
#[derive(Debug)]
pub struct BuildFailure {
    pub problems: Diagnostics,
    pub lang: Option<Lang>,
}

pub struct Site;

impl Site {
    /// Loads, models, renders and writes the site. Warnings of every
    /// stage are collected into the report; under `--strict` (or
    /// `[build] strict = true`) they fail the build before the swap, so
    /// the previous output stays.
    pub fn build(req: &BuildRequest) -> Result<BuildReport, BuildFailure> {
        let (mut model, mut warnings) = Self::load_model(req)?;
        let lang = model.config.language;
        let fail = |problems: Diagnostics| BuildFailure {
            problems,
            lang: Some(lang),
        };
        let image_problems = attach_images(&mut model, &req.root, true);
        if image_problems.has_errors() {
            return Err(fail(image_problems));
        }
        warnings.extend(image_problems);
        let renderer = Renderer::new(&model, &req.root).map_err(fail)?;
        let aliases = alias_problems(&model, &renderer, &req.root);
        if aliases.has_errors() {
            return Err(fail(aliases));
        }
        let output = req
            .output
            .clone()
            .unwrap_or_else(|| req.root.join("public"));
        let transform = Transform {
            minify: model.config.build.minify,
            portable: req.portable.then(|| model.config.root_path.clone()),
        };
        let staging = Staging::create(&output, &model.config.build.keep)
            .map_err(|d| fail(d.into()))?
            .with_transform(transform);
        let write = |rel: &str, bytes: &[u8]| staging.write(rel, bytes);
        let mut problems = renderer.render_all(&model, &write);
        problems.extend(shadowed_pages(&model, &req.root));
        copy_files(&model, &renderer, &req.root, &staging, &mut problems);
        if problems.has_errors() {
            return Err(fail(problems));
        }
        warnings.extend(problems);
        warnings.sort();
        if (req.strict || model.config.build.strict) && !warnings.is_empty() {
            return Err(fail(crate::diag::strict(warnings)));
        }
        let cleaned = staging.cleaned.clone();
        staging.commit().map_err(|d| fail(d.into()))?;
        Ok(BuildReport {
            pages: Renderer::jobs(&model).len(),
            posts: model.posts.len(),
            output,
            warnings,
            lang,
            cleaned,
        })
    }

    /// Checks the whole site without writing anything: loads, models and
    /// renders every page in memory.
    pub fn check(req: &BuildRequest) -> Result<(usize, Diagnostics, Lang), BuildFailure> {
        let (mut model, mut problems) = Self::load_model(req)?;
        let lang = model.config.language;
        problems.extend(attach_images(&mut model, &req.root, false));
        let renderer = Renderer::new(&model, &req.root).map_err(|p| BuildFailure {
            problems: p,
            lang: Some(lang),
        })?;
        problems.extend(alias_problems(&model, &renderer, &req.root));
        problems.extend(renderer.render_all(&model, &|_, _| Ok(())));
        problems.extend(shadowed_pages(&model, &req.root));
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
        let mut config = load_config(&req.root).map_err(|problems| BuildFailure {
            problems,
            lang: None,
        })?;
        let lang = Some(config.language);
        apply_request(&mut config, req).map_err(|problems| BuildFailure { problems, lang })?;
        let mut problems = Diagnostics::new();
        let (profile, profile_problems) = load_profile(&req.root);
        problems.extend(profile_problems);
        let (content, content_problems) = load_content(&req.root);
        problems.extend(content_problems);
        // Go on to the model even when some files failed, so that one run
        // reports the problems of every stage; only without a profile
        // (its zone dates every post) is there nothing to model.
        let Some(profile) = profile else {
            problems.sort();
            return Err(BuildFailure { problems, lang });
        };
        let options = BuildOptions {
            drafts: req.drafts,
            now: req.options_now,
        };
        let (model, model_problems) = Model::build(config, profile, &content, options, None);
        problems.extend(model_problems);
        problems.sort();
        match model {
            Some(m) if !problems.has_errors() => Ok((m, problems)),
            _ => Err(BuildFailure { problems, lang }),
        }
    }
}

/// Aliases onto files the build writes (see [`crate::render::aliases`]).
fn alias_problems(model: &Model, renderer: &Renderer, root: &Path) -> Diagnostics {
    let statics = renderer.theme().static_files().unwrap_or_default();
    crate::render::aliases::check(model, root, statics.iter().map(|(rel, _)| rel.as_str()))
}

fn apply_request(config: &mut Config, req: &BuildRequest) -> Result<(), Diagnostics> {
    if let Some(url) = &req.base_url {
        config
            .set_base_url(url)
            .map_err(|msg| Diagnostics::from(crate::diag::Diagnostic::error(msg)))?;
    }
    Ok(())
}

/// Theme static files, then the site's `static/` and `media/`, then the
/// files that sit beside posts.
fn copy_files(
    model: &Model,
    renderer: &Renderer,
    root: &Path,
    staging: &Staging,
    problems: &mut Diagnostics,
) {
    match renderer.theme().static_files() {
        Ok(files) => {
            for (rel, bytes) in files {
                if let Err(d) = staging.write(&rel, &bytes) {
                    problems.push(d);
                }
            }
        }
        Err(d) => problems.push(d),
    }
    for asset in disk_files(root, model) {
        if let Err(d) = staging.copy(&asset.src, &asset.dest) {
            problems.push(d);
        }
    }
    for (file, dest) in model.images.originals() {
        let bytes = crate::fsx::read(&file).map(|b| crate::images::strip::strip_metadata(&b));
        match bytes {
            Ok(Some(clean)) => {
                if let Err(d) = staging.write(&dest, &clean) {
                    problems.push(d);
                }
            }
            Ok(None) => problems.push(crate::images::unstrippable(&file, root)),
            Err(d) => problems.push(d),
        }
    }
}

/// Files of `static/` that would take the place of a page warta makes
/// (`static/index.html`, `static/rss.xml`). An error, not a warning: the
/// generated page would silently disappear (usually an old site's files
/// copied in whole), and the right way to change a page, a template in
/// `templates/`, exists.
fn shadowed_pages(model: &Model, root: &Path) -> Diagnostics {
    let (statics, _, _) = site_files(root, model);
    if statics.is_empty() {
        return Diagnostics::new();
    }
    let made: std::collections::HashSet<String> = Renderer::jobs(model)
        .into_iter()
        .map(|job| job.file(model))
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

/// The image stage: every photo the model refers to, processed (in
/// `check`, only decoded), in a store the renderer reads.
pub fn attach_images(model: &mut Model, root: &Path, write: bool) -> Diagnostics {
    let store = Arc::new(ImageStore::new(root, &model.config.images, write));
    let problems = prepare_images(&store, model, root);
    model.images = store;
    problems
}

/// Tells `store` the site's files and processes the photos `model`
/// refers to; `serve` calls it on its long-lived store at each rebuild.
pub fn prepare_images(store: &ImageStore, model: &Model, root: &Path) -> Diagnostics {
    let (statics, others, walk_problems) = site_files(root, model);
    let as_is = statics
        .iter()
        .chain(others.iter().filter(|a| !is_photo(&a.dest)))
        .map(|a| a.dest.clone())
        .collect::<Vec<_>>();
    let mut problems = crate::images::formats::refuse_unprocessed(&others, root);
    store.set_sources(others, as_is);
    let refused: Vec<_> = problems.items.iter().map(|d| d.file.clone()).collect();
    let prepared = store.prepare(&crate::images::refs::collect(model), model.config.language);
    // A refused file is reported once, by the refusal.
    problems.extend(
        prepared
            .items
            .into_iter()
            .filter(|d| !d.is_error() || !refused.contains(&d.file))
            .collect::<Vec<_>>()
            .into(),
    );
    problems.extend(walk_problems);
    problems
}

/// The files a site publishes from disk: its `static/` (at the root, as
/// it is), its `media/` (under `/media/`) and the files beside posts, but
/// photos there only as the web versions the pages show (from the image
/// cache), never the originals. Symbolic links are not followed, so
/// nothing outside the site is ever published. The problems of the walk
/// were reported by [`prepare_images`], which every build runs first.
pub fn disk_files(root: &Path, model: &Model) -> Vec<Asset> {
    let (mut out, others, _) = site_files(root, model);
    out.extend(others.into_iter().filter(|a| !is_photo(&a.dest)));
    out.extend(model.images.published());
    out
}

/// The site's own files: those of `static/`, and those of `media/` and
/// `content/` (bundles and loose files), by their output path; with what
/// [`crate::fsx::site_files`] refused. Dot-folders are never published,
/// except `static/.well-known/` (RFC 8615: security.txt, app links).
fn site_files(root: &Path, model: &Model) -> (Vec<Asset>, Vec<Asset>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut statics = Vec::new();
    let mut out = Vec::new();
    for (dir, prefix, allowed) in [
        ("static", "", &[".well-known"][..]),
        ("media", "media/", &[]),
    ] {
        let base = root.join(dir);
        for path in crate::fsx::site_files(root, &base, allowed, &mut problems) {
            let rel = path.strip_prefix(&base).unwrap_or(&path);
            let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
            // An album's settings are for warta, not for readers.
            if dir == "media" && crate::load::gallery::is_album_file(&rel) {
                continue;
            }
            let asset = Asset {
                dest: format!("{prefix}{}", rel.join("/")),
                src: path,
            };
            if dir == "static" {
                statics.push(asset);
            } else {
                out.push(asset);
            }
        }
    }
    out.extend(model.assets.iter().cloned());
    (statics, out, problems)
}
