//! Stage 4: render. Model pages into HTML through Tera.
//!
//! Tera 2 was chosen over 1.20: its runtime errors name the template file,
//! line and column with a caret (Zola's users miss that in 1.x, its issue
//! #1536), its fallback prefixes give site > theme > built-in lookup
//! without copying templates, and its global context holds the site-wide
//! data once instead of once per page. Render speed on the 10,000-post
//! corpus is recorded in bench/README.md.
//!
//! Every page is a [`Job`] of some [`kind::Kind`] (one module per kind:
//! see [`kind`]); jobs render in parallel (rayon), each into its own small
//! context made by its kind from references into the shared model.

pub mod agenda;
pub mod aliases;
pub mod catalog;
pub mod charts;
pub mod errors;
pub mod feed;
pub mod filters;
pub mod fingerprint;
pub mod global;
pub mod ical;
pub mod inputs;
pub mod kind;
pub mod laporan;
pub mod lists;
pub mod pages;
pub mod profile_json;
pub mod sitemap;
pub mod special;
pub mod structured;
pub mod theme;
pub mod views;
pub mod village;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics};
use crate::images::{ImagePlan, Uses, recording};
use crate::model::Model;

use errors::render_error;
pub use errors::{template_diagnostic, template_diagnostics};
pub use global::VILLAGE_PAGES;
use inputs::Run;
use kind::Body;
pub use kind::{Job, jobs, output_file};
use theme::{PREFIXES, Theme};

/// Where rendered pages go: (output path, bytes).
pub type WriteFn<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// What pages are rendered from: the model and the image plan. It reads
/// as the model (`m.posts`), with the photos at `m.images`.
pub struct Input<'a> {
    pub model: &'a Model,
    pub images: &'a ImagePlan,
}

impl std::ops::Deref for Input<'_> {
    type Target = Model;

    fn deref(&self) -> &Model {
        self.model
    }
}

/// What rendering gives back: the problems, and the photos each page
/// used (by output file), for the write stage (or `serve`) to publish.
/// Returned, not recorded in the image store.
#[derive(Debug, Default)]
pub struct Rendered {
    pub problems: Diagnostics,
    pub uses: Vec<(String, Uses)>,
    /// The photos every page shows (the site-wide context's).
    pub global: Uses,
}

impl Rendered {
    /// The photos all pages together used.
    pub fn all_uses(&self) -> Uses {
        let mut all = self.global.clone();
        for (_, u) in &self.uses {
            all.extend(u);
        }
        all
    }
}

pub struct Renderer {
    tera: Tera,
    theme: Theme,
    images: Arc<ImagePlan>,
    /// The photos the site-wide context shows (announcements' photos).
    global_uses: Uses,
}

impl Renderer {
    /// Loads the theme and the site-wide context.
    pub fn new(
        model: &Model,
        images: Arc<ImagePlan>,
        root: &Path,
    ) -> Result<Renderer, Diagnostics> {
        let theme = Theme::load(root, &model.config.theme)?;
        let mut tera = Tera::new();
        tera.set_fallback_prefixes(PREFIXES)
            .expect("no templates are added yet");
        tera.autoescape_on(vec![".html", ".xml"]);
        filters::register(&mut tera, &global::filter_settings(model));
        charts::register(&mut tera, model.config.language);
        crate::images::markup::register(
            &mut tera,
            &images,
            &model.config.root_path,
            &model.config.base_url,
        );
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(template_diagnostics(&e, &theme));
        }
        let strings = theme.strings(model.config.language.code())?;
        let input = Input {
            model,
            images: &images,
        };
        let (site, global_uses) = recording(|| global::site_view(&input));
        let global = tera.global_context();
        global.insert("site", &site);
        global.insert("profile", &model.profile);
        global.insert("t", &strings);
        global.insert("lang", model.config.language.code());
        drop(site);
        Ok(Renderer {
            tera,
            theme,
            images,
            global_uses,
        })
    }

    /// The photos the site-wide context shows (on every page).
    pub fn global_uses(&self) -> &Uses {
        &self.global_uses
    }

    /// The image plan the pages are rendered with.
    pub fn images(&self) -> &Arc<ImagePlan> {
        &self.images
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Every page of the site (see [`kind::jobs`]).
    pub fn jobs(model: &Model) -> Vec<Job> {
        kind::jobs(model)
    }

    /// Renders every page in parallel, handing each to `write` (output
    /// path relative to the site root, bytes). Returns all problems and
    /// the photos each page used.
    pub fn render_all(&self, model: &Model, write: &WriteFn<'_>) -> Rendered {
        self.render_jobs(model, &kind::jobs(model), write)
    }

    /// Renders the given pages in parallel; see [`Renderer::render_all`].
    pub fn render_jobs(&self, model: &Model, jobs: &[Job], write: &WriteFn<'_>) -> Rendered {
        let input = self.input(model);
        let run = Run::render(&input);
        let results: Vec<Result<(String, Uses), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let (page, uses) = recording(|| self.render_with(&input, *job, &run));
                let files = page?;
                for (path, text) in &files {
                    write(path, text.as_bytes())?;
                }
                let path = files.into_iter().next().map(|(path, _)| path);
                Ok((path.unwrap_or_default(), uses))
            })
            .collect();
        let mut rendered = Rendered {
            global: self.global_uses.clone(),
            ..Rendered::default()
        };
        rendered.global.extend(&self.images.stray_uses());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(page) => rendered.uses.push(page),
                Err(d) => errors.push(d),
            }
        }
        // One broken template breaks every page that uses it: say it once.
        errors.dedup_by(|a, b| a.position() == b.position() && a.message == b.message);
        let mut seen = std::collections::HashSet::new();
        errors.retain(|d| seen.insert((d.position(), d.message.en.clone())));
        rendered.problems = Diagnostics { items: errors };
        rendered
    }

    /// Renders one job: (output file, text) of each file it writes (one,
    /// but for [`kind::Body::Files`]).
    pub fn render(&self, model: &Model, job: Job) -> Result<Vec<(String, String)>, Diagnostic> {
        let input = self.input(model);
        self.render_with(&input, job, &Run::render(&input))
    }

    /// The model with this renderer's image plan.
    pub fn input<'a>(&'a self, model: &'a Model) -> Input<'a> {
        Input {
            model,
            images: &self.images,
        }
    }

    fn render_with(
        &self,
        model: &Input<'_>,
        job: Job,
        run: &Run,
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        let (kind, key) = (job.kind(), job.key);
        let path = kind.path(model, key);
        let mut inputs = run.inputs();
        let template = match kind.inputs(model, key, &mut inputs) {
            Body::Made(make) => return Ok(vec![(output_file(&path), make(model, key))]),
            Body::Files(make) => return Ok(make(model, key)),
            Body::Template(t) => t,
        };
        let mut ctx = inputs.into_context();
        ctx.insert("jsonld", &structured::json_ld(model, job));
        ctx.insert("url", &model.url(&path));
        ctx.insert("permalink", &model.permalink(&path));
        ctx.insert("current_path", &format!("/{path}"));
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| render_error(&e, &self.theme, model, job))?;
        Ok(vec![(output_file(&path), html)])
    }
}
