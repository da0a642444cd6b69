//! Themes: where templates, UI strings and theme static files come from.
//!
//! Templates resolve in three layers, highest first: the site's own
//! `templates/`, the site's theme under `themes/<name>/`, and the built-in
//! `desa` theme embedded in the binary (so `warta init` needs nothing
//! else). Tera's fallback prefixes do the lookup: every template is added
//! as `site/…`, `theme/…` or `builtin/…`, and `{% extends "base.html" %}`
//! finds the highest layer that has it.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::{Diagnostic, Text};
use crate::{fsx, text};

/// The built-in theme.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/desa");
pub const BUILTIN_NAME: &str = "desa";

/// The layers, as Tera name prefixes, in lookup order.
pub const PREFIXES: [&str; 3] = ["site/", "theme/", "builtin/"];

/// One template's source and where a person finds it.
pub struct TemplateSource {
    /// The name Tera knows it by (`builtin/post.html`).
    pub name: String,
    /// What to show in messages (`templates/post.html`).
    pub shown: PathBuf,
    pub source: String,
}

/// A site's resolved theme.
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    /// The local theme folder, when the site has one.
    pub local_dir: Option<PathBuf>,
    pub name: String,
    /// The site folder: nothing is read from outside it, and a file
    /// named in a message is read from here.
    pub root: PathBuf,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let local = root.join("themes").join(name);
        let local_dir = local.is_dir().then_some(local);
        if local_dir.is_none() && name != BUILTIN_NAME {
            return Err(Diagnostic::error(text!(
                "Tema `{name}` tidak ditemukan: tidak ada folder themes/{name}/.",
                "Theme `{name}` not found: there is no folder themes/{name}/."
            ))
            .in_file("warta.toml")
            .hint(Text::new(
                "Tulis theme = \"desa\" untuk tema bawaan, atau salin tema ke themes/NAMA/templates/.",
                "Write theme = \"desa\" for the built-in theme, or put the theme in themes/NAME/templates/.",
            )));
        }
        let mut templates = Vec::new();
        read_dir_templates(
            root,
            &root.join("templates"),
            "site/",
            Path::new("templates"),
            &mut templates,
        )?;
        if let Some(dir) = &local_dir {
            let shown = Path::new("themes").join(name).join("templates");
            read_dir_templates(
                root,
                &dir.join("templates"),
                "theme/",
                &shown,
                &mut templates,
            )?;
        }
        if let Some(dir) = BUILTIN.get_dir("templates") {
            collect_builtin(dir, &mut templates);
        }
        Ok(Theme {
            templates,
            local_dir,
            name: name.to_string(),
            root: root.to_path_buf(),
        })
    }

    /// The file a person opens for Tera's template name.
    pub fn shown_path(&self, tera_name: &str) -> Option<&TemplateSource> {
        self.templates.iter().find(|t| t.name == tera_name)
    }

    /// UI strings for `lang`: the local theme's file over the built-in one.
    pub fn strings(&self, lang: &str) -> Result<toml::Table, Diagnostic> {
        let file = format!("i18n/{lang}.toml");
        let mut table: toml::Table = BUILTIN
            .get_file(&file)
            .and_then(|f| f.contents_utf8())
            .map(|s| toml::from_str(s).expect("the built-in theme's i18n files are valid TOML"))
            .unwrap_or_default();
        if let Some(dir) = &self.local_dir {
            let path = dir.join(&file);
            if path.is_file() {
                let src = fsx::read_site_text(&self.root, &path)?;
                let local: toml::Table = toml::from_str(&src).map_err(|e| {
                    crate::load::tomlerr::toml_diagnostic(
                        &e,
                        &path,
                        &src,
                        0,
                        &Text::new(file.clone(), file.clone()),
                    )
                })?;
                table.extend(local);
            }
        }
        Ok(table)
    }

    /// Files of the theme's `static/` folder: (output path, bytes).
    pub fn static_files(&self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let mut out = Vec::new();
        if let Some(dir) = BUILTIN.get_dir("static") {
            collect_builtin_static(dir, &mut out);
        }
        if let Some(dir) = &self.local_dir {
            let base = dir.join("static");
            for path in checked_files(&self.root, &base)? {
                let rel = fsx::url_path(&base, &path);
                let bytes = fsx::read_site(&self.root, &path)?;
                out.retain(|(p, _)| *p != rel);
                out.push((rel, bytes));
            }
        }
        Ok(out)
    }
}

/// The files of a theme folder (see [`fsx::site_files`]). A folder that
/// cannot be read is an error here, not a warning: a template override
/// silently missing would change every page.
fn checked_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut problems = crate::diag::Diagnostics::new();
    let files = fsx::site_files(root, dir, &[], &mut problems);
    match problems.items.into_iter().next() {
        Some(d) => Err(Diagnostic {
            severity: crate::diag::Severity::Error,
            ..d
        }),
        None => Ok(files),
    }
}

fn read_dir_templates(
    root: &Path,
    dir: &Path,
    prefix: &str,
    shown: &Path,
    out: &mut Vec<TemplateSource>,
) -> Result<(), Diagnostic> {
    for path in checked_files(root, dir)? {
        let rel = fsx::url_path(dir, &path);
        out.push(TemplateSource {
            name: format!("{prefix}{rel}"),
            shown: shown.join(&rel),
            source: fsx::read_site_text(root, &path)?,
        });
    }
    Ok(())
}

fn collect_builtin(dir: &Dir<'static>, out: &mut Vec<TemplateSource>) {
    for f in dir.files() {
        let rel = fsx::url_path(Path::new("templates"), f.path());
        out.push(TemplateSource {
            name: format!("builtin/{rel}"),
            shown: PathBuf::from(format!("(tema bawaan desa) templates/{rel}")),
            source: f.contents_utf8().unwrap_or_default().to_string(),
        });
    }
    for d in dir.dirs() {
        collect_builtin(d, out);
    }
}

fn collect_builtin_static(dir: &Dir<'static>, out: &mut Vec<(String, Vec<u8>)>) {
    for f in dir.files() {
        out.push((
            fsx::url_path(Path::new("static"), f.path()),
            f.contents().to_vec(),
        ));
    }
    for d in dir.dirs() {
        collect_builtin_static(d, out);
    }
}
