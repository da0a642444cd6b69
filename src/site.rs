//! `Site::build`: the whole pipeline, read top to bottom.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostics, Lang};
use crate::load::config::{Config, load_config};
use crate::load::content::load_content;
use crate::load::profile::load_profile;
use crate::model::{Asset, BuildOptions, Model};
use crate::output::Staging;
use crate::render::Renderer;

/// What the person asked for.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    pub root: PathBuf,
    /// Where to write; `<root>/public` when `None`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub options_now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub posts: usize,
    pub output: PathBuf,
    pub warnings: Diagnostics,
    pub lang: Lang,
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
    /// Loads, models, renders and writes the site.
    pub fn build(req: &BuildRequest) -> Result<BuildReport, BuildFailure> {
        let (model, warnings) = Self::load_model(req)?;
        let lang = model.config.language;
        let fail = |problems: Diagnostics| BuildFailure {
            problems,
            lang: Some(lang),
        };
        let renderer = Renderer::new(&model, &req.root).map_err(fail)?;
        let output = req
            .output
            .clone()
            .unwrap_or_else(|| req.root.join("public"));
        let staging = Staging::create(&output).map_err(|d| fail(d.into()))?;
        let write = |rel: &str, bytes: &[u8]| staging.write(rel, bytes);
        let mut problems = renderer.render_all(&model, &write);
        copy_files(&model, &renderer, &req.root, &staging, &mut problems);
        if problems.has_errors() {
            return Err(fail(problems));
        }
        staging.commit().map_err(|d| fail(d.into()))?;
        Ok(BuildReport {
            pages: Renderer::jobs(&model).len(),
            posts: model.posts.len(),
            output,
            warnings,
            lang,
        })
    }

    /// Checks the whole site without writing anything: loads, models and
    /// renders every page in memory.
    pub fn check(req: &BuildRequest) -> Result<(usize, Diagnostics, Lang), BuildFailure> {
        let (model, mut problems) = Self::load_model(req)?;
        let lang = model.config.language;
        let renderer = Renderer::new(&model, &req.root).map_err(|p| BuildFailure {
            problems: p,
            lang: Some(lang),
        })?;
        problems.extend(renderer.render_all(&model, &|_, _| Ok(())));
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
}

/// The files a site publishes as they are: its `static/` (at the root),
/// its `media/` (under `/media/`), and the files beside posts. Symbolic
/// links are not followed, so nothing outside the site is ever published.
pub fn disk_files(root: &Path, model: &Model) -> Vec<Asset> {
    let mut out = Vec::new();
    for (dir, prefix) in [("static", ""), ("media", "media/")] {
        let base = root.join(dir);
        for entry in walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::load::content::is_ignored_name(&name) {
                continue;
            }
            let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
            let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
            out.push(Asset {
                src: entry.path().to_path_buf(),
                dest: format!("{prefix}{}", rel.join("/")),
            });
        }
    }
    out.extend(model.assets.iter().cloned());
    out
}
