//! Stage 3: render. Model pages into HTML through Tera.
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

use rayon::prelude::*;
use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics};
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

pub struct Renderer {
    tera: Tera,
    theme: Theme,
}

impl Renderer {
    /// Loads the theme and the site-wide context.
    pub fn new(model: &Model, root: &Path) -> Result<Renderer, Diagnostics> {
        let theme = Theme::load(root, &model.config.theme)?;
        let mut tera = Tera::new();
        tera.set_fallback_prefixes(PREFIXES)
            .expect("no templates are added yet");
        tera.autoescape_on(vec![".html", ".xml"]);
        filters::register(&mut tera, &global::filter_settings(model));
        charts::register(&mut tera, model.config.language);
        crate::images::markup::register(
            &mut tera,
            &model.images,
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
        let global = tera.global_context();
        global.insert("site", &global::site_view(model));
        global.insert("profile", &model.profile);
        global.insert("t", &strings);
        global.insert("lang", model.config.language.code());
        Ok(Renderer { tera, theme })
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Every page of the site (see [`kind::jobs`]).
    pub fn jobs(model: &Model) -> Vec<Job> {
        kind::jobs(model)
    }

    /// Renders every page in parallel, handing each to `write` (output
    /// path relative to the site root, HTML). Returns all problems.
    pub fn render_all(&self, model: &Model, write: &WriteFn<'_>) -> Diagnostics {
        self.render_jobs(model, &kind::jobs(model), write)
    }

    /// Renders the given pages in parallel; see [`Renderer::render_all`].
    pub fn render_jobs(&self, model: &Model, jobs: &[Job], write: &WriteFn<'_>) -> Diagnostics {
        let run = Run::render(model);
        let mut errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|job| {
                let (path, html) = match self.render_with(model, *job, &run) {
                    Ok(v) => v,
                    Err(d) => return Some(d),
                };
                write(&path, html.as_bytes()).err()
            })
            .collect();
        // One broken template breaks every page that uses it: say it once.
        errors.dedup_by(|a, b| a.position() == b.position() && a.message == b.message);
        let mut seen = std::collections::HashSet::new();
        errors.retain(|d| seen.insert((d.position(), d.message.en.clone())));
        Diagnostics { items: errors }
    }

    /// Renders one job: (output file, text).
    pub fn render(&self, model: &Model, job: Job) -> Result<(String, String), Diagnostic> {
        self.render_with(model, job, &Run::render(model))
    }

    fn render_with(
        &self,
        model: &Model,
        job: Job,
        run: &Run,
    ) -> Result<(String, String), Diagnostic> {
        let (kind, key) = (job.kind(), job.key);
        let path = kind.path(model, key);
        let mut inputs = run.inputs();
        let template = match kind.inputs(model, key, &mut inputs) {
            Body::Made(make) => return Ok((output_file(&path), make(model, key))),
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
        Ok((output_file(&path), html))
    }
}
