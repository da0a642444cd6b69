//! Template errors, told in the words of the person who edits templates:
//! the file they open (`templates/page.html`, never Tera's internal
//! `site/page.html`), its line and column, and the page being made.
//!
//! Tera 2 reports in three shapes, all handled here: a report with a
//! span (syntax and rendering errors); build-time checks (an unknown
//! include, filter or function) joined into one text, whose `--> name:
//! line:col` lines are read back; and errors with names only (include
//! and extend cycles, a missing parent), whose position is found by
//! looking for the name in the template that names it.

use std::error::Error as _;

use tera::ErrorKind;

use super::Job;
use super::theme::{PREFIXES, Theme};
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::model::Model;
use crate::text;

/// Every problem in a Tera error, each at its template, line and column.
pub fn template_diagnostics(err: &tera::Error, theme: &Theme) -> Diagnostics {
    let errors = chain(err);
    if let Some(d) = errors.iter().find_map(|e| with_report(e, theme)) {
        return d.into();
    }
    if let Some(d) = errors.iter().find_map(|e| named_only(e, theme)) {
        return d.into();
    }
    let text = errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let reports = joined_reports(&text, theme);
    if !reports.is_empty() {
        return reports.into();
    }
    let text = shown_names(&text, theme);
    Diagnostic::error(text!("Templat gagal: {text}", "Template failed: {text}")).into()
}

/// The first of [`template_diagnostics`].
pub fn template_diagnostic(err: &tera::Error, theme: &Theme) -> Diagnostic {
    template_diagnostics(err, theme)
        .items
        .into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::error(Text::new("Templat gagal.", "Template failed.")))
}

/// An error while making the page of `job`: at its template's line,
/// with the page named; a `template = "…"` that names no template is
/// shown at that line of the post.
pub fn render_error(err: &tera::Error, theme: &Theme, model: &Model, job: Job) -> Diagnostic {
    let source = job.kind().source(model, job.key);
    let d = match (err.kind(), source) {
        (ErrorKind::TemplateNotFound(name), Some(file)) => missing_chosen(name, file, theme),
        _ => template_diagnostic(err, theme),
    };
    d.context(making(model, job))
}

/// A post's `template = "name"` names no template.
fn missing_chosen(name: &str, file: &std::path::Path, theme: &Theme) -> Diagnostic {
    let name = bare(name);
    // The site's own page templates, and the theme's two for posts.
    let mut known: Vec<&str> = theme
        .templates
        .iter()
        .filter_map(|t| t.name.strip_prefix("site/"))
        .filter(|n| n.ends_with(".html") && !n.contains('/'))
        .chain(["post.html", "page.html"])
        .collect();
    known.sort_unstable();
    known.dedup();
    let known = known.join(", ");
    let d = Diagnostic::error(text!(
        "Templat `{name}` (dari `template`) tidak ada.",
        "The template `{name}` (from `template`) does not exist."
    ))
    .hint(text!(
        "Buat berkas templates/{name}, atau pakai salah satu templat yang ada: {known}.",
        "Create the file templates/{name}, or use one of the templates there are: {known}."
    ))
    .in_file(file);
    // Where the post names it; the file was read moments ago.
    let root_file = theme.root.join(file);
    let source = crate::fsx::read_text(&root_file).unwrap_or_default();
    match source.find(&format!("\"{name}\"")) {
        Some(i) => d.at(&source, i, name.len() + 2),
        None => d,
    }
}

/// The page being made, for a rendering error: its address and, for a
/// post or page, its source file.
pub fn making(model: &Model, job: Job) -> Text {
    let url = format!("/{}", job.path(model));
    let file = job.kind().source(model, job.key);
    match file.map(|f| f.display().to_string().replace('\\', "/")) {
        Some(f) => text!(
            "membuat halaman `{url}` dari `{f}`",
            "making the page `{url}` from `{f}`"
        ),
        None => text!("membuat halaman `{url}`", "making the page `{url}`"),
    }
}

/// The Tera errors in `err`'s chain, outermost first.
fn chain(err: &tera::Error) -> Vec<&tera::Error> {
    let mut out = vec![err];
    let mut source = err.source();
    while let Some(s) = source {
        if let Some(e) = s.downcast_ref::<tera::Error>() {
            out.push(e);
        }
        source = s.source();
    }
    out
}

/// A syntax or rendering error, which carries its span.
fn with_report(err: &tera::Error, theme: &Theme) -> Option<Diagnostic> {
    let report = match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r,
        _ => return None,
    };
    let span = report.span();
    let width = if span.end_line == span.start_line {
        span.end_col.saturating_sub(span.start_col)
    } else {
        1
    };
    Some(at(
        explain(report.message()),
        theme,
        report.filename(),
        span.start_line,
        span.start_col + 1,
        width,
    ))
}

/// The message and hint for Tera's own `message`.
fn explain(message: &str) -> Diagnostic {
    let unknown = message.contains("not defined") || message.contains("not found in context");
    if unknown {
        Diagnostic::error(text!(
            "Templat memakai variabel yang tidak ada: {message}",
            "The template uses a variable that does not exist: {message}"
        ))
        .hint(Text::new(
            "Periksa ejaan nama variabel; daftar variabel tiap templat ada di docs/THEMES.md. Untuk nilai yang boleh kosong, pakai {% if page.x %}…{% endif %} atau page.x | default(value=\"\").",
            "Check the variable's spelling; docs/THEMES.md lists each template's variables. For a value that may be absent, use {% if page.x %}…{% endif %} or page.x | default(value=\"\").",
        ))
    } else if let Some(name) = message
        .strip_prefix("Unknown template `")
        .and_then(|r| r.strip_suffix('`'))
    {
        Diagnostic::error(text!(
            "Templat `{name}` tidak ada.",
            "The template `{name}` does not exist."
        ))
        .hint(Text::new(
            "Periksa nama berkasnya: templat dicari di templates/, lalu di folder tema, lalu di tema bawaan.",
            "Check the file name: templates are looked for in templates/, then in the theme's folder, then in the built-in theme.",
        ))
    } else {
        Diagnostic::error(text!(
            "Templat tidak bisa dipakai: {message}",
            "The template cannot be used: {message}"
        ))
        .hint(Text::new(
            "Periksa penulisan Tera di baris ini ({{ … }}, {% … %}); lihat docs/THEMES.md.",
            "Check the Tera syntax on this line ({{ … }}, {% … %}); see docs/THEMES.md.",
        ))
    }
}

/// `d` at a position of Tera's template `name`, shown as its file.
fn at(
    d: Diagnostic,
    theme: &Theme,
    name: &str,
    line: usize,
    col: usize,
    width: usize,
) -> Diagnostic {
    match theme.shown_path(name) {
        Some(t) => {
            let mut d = d.in_file(&t.shown).at_line(&t.source, line, col);
            if let Some(loc) = d.location.as_mut() {
                loc.width = width.max(1);
            }
            d
        }
        None => d.in_file(shown_name(name, theme)),
    }
}

/// Build-time checks, joined by Tera into one text of reports: each
/// `error: …` line, then ` --> name:line:col`, then the quoted line and
/// a caret line.
fn joined_reports(text: &str, theme: &Theme) -> Vec<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some((name, l, c)) = lines.get(i + 1).and_then(|p| position(p)) else {
            continue;
        };
        let width = lines[i + 2..]
            .iter()
            .take(3)
            .find(|l| l.contains('^'))
            .map_or(1, |l| l.matches('^').count());
        out.push(at(explain(message), theme, name, l, c, width));
    }
    out
}

/// ` --> name:line:col`.
fn position(line: &str) -> Option<(&str, usize, usize)> {
    let rest = line.trim_start().strip_prefix("--> ")?;
    let (rest, col) = rest.rsplit_once(':')?;
    let (name, l) = rest.rsplit_once(':')?;
    Some((name, l.parse().ok()?, col.parse().ok()?))
}

/// Cycles and a missing parent: Tera names the templates only, so the
/// position is where the last template of the chain names the next.
fn named_only(err: &tera::Error, theme: &Theme) -> Option<Diagnostic> {
    let (chain, tag) = match err.kind() {
        ErrorKind::CircularInclude { include_chain, .. } => (include_chain.clone(), "include"),
        ErrorKind::CircularExtend {
            inheritance_chain, ..
        } => (inheritance_chain.clone(), "extends"),
        ErrorKind::MissingParent { current, parent } => {
            return Some(missing_parent(current, parent, theme));
        }
        _ => return None,
    };
    let shown: Vec<String> = chain.iter().map(|n| shown_name(n, theme)).collect();
    let path = shown.join(" → ");
    let d = Diagnostic::error(text!(
        "Templat saling memanggil tanpa akhir ({tag}): {path}.",
        "Templates call each other without end ({tag}): {path}."
    ))
    .hint(text!(
        "Hapus salah satu {{% {tag} %}} dalam rantai itu agar berhenti.",
        "Remove one {{% {tag} %}} of that chain so that it ends."
    ));
    let [.., from, to] = chain.as_slice() else {
        return Some(d);
    };
    Some(pointing(d, theme, from, bare(to)))
}

fn missing_parent(current: &str, parent: &str, theme: &Theme) -> Diagnostic {
    let parent = bare(parent);
    let d = Diagnostic::error(text!(
        "Templat `{parent}` yang diperluas (extends) tidak ada.",
        "The template `{parent}` it extends does not exist."
    ))
    .hint(Text::new(
        "Periksa nama berkas di {% extends \"…\" %}; templat dicari di templates/, lalu di folder tema, lalu di tema bawaan.",
        "Check the file name in {% extends \"…\" %}; templates are looked for in templates/, then in the theme's folder, then in the built-in theme.",
    ));
    pointing(d, theme, current, parent)
}

/// `d` at the first place template `from` names `name` in quotes.
fn pointing(d: Diagnostic, theme: &Theme, from: &str, name: &str) -> Diagnostic {
    let Some(t) = theme.shown_path(from) else {
        return d.in_file(shown_name(from, theme));
    };
    let found = [format!("\"{name}\""), format!("'{name}'")]
        .iter()
        .find_map(|q| t.source.find(q.as_str()).map(|i| (i, q.len())));
    let d = d.in_file(&t.shown);
    match found {
        Some((i, len)) => d.at(&t.source, i, len),
        None => d,
    }
}

/// A Tera name without its layer prefix: `site/page.html` → `page.html`.
fn bare(name: &str) -> &str {
    PREFIXES
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
}

/// The file a person opens for a Tera name.
fn shown_name(name: &str, theme: &Theme) -> String {
    theme.shown_path(name).map_or_else(
        || name.to_string(),
        |t| t.shown.display().to_string().replace('\\', "/"),
    )
}

/// `text` with every Tera name of the theme's templates shown as a file.
fn shown_names(text: &str, theme: &Theme) -> String {
    let mut out = text.to_string();
    for t in &theme.templates {
        let shown = t.shown.display().to_string().replace('\\', "/");
        out = out.replace(&t.name, &shown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{bare, position, template_diagnostics};
    use crate::render::theme::Theme;

    #[test]
    fn reads_tera_positions_and_names() {
        assert_eq!(
            position(" --> site/page.html:6:12"),
            Some(("site/page.html", 6, 12))
        );
        assert_eq!(position(" --> a:b:c.html:1:2"), Some(("a:b:c.html", 1, 2)));
        assert_eq!(position(" --> site/page.html:x:2"), None);
        assert_eq!(position("  |"), None);
        assert_eq!(bare("builtin/partials/card.html"), "partials/card.html");
        assert_eq!(bare("page.html"), "page.html");
    }

    #[test]
    fn every_unknown_name_of_a_template_is_reported_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(
            t.join("x.html"),
            "a\n{% include \"hilang.html\" %}\n{{ 1 | tidak_ada }}\n",
        )
        .unwrap();
        let theme = Theme::load(dir.path(), "desa").unwrap();
        let mut tera = tera::Tera::new();
        tera.set_fallback_prefixes(crate::render::theme::PREFIXES)
            .unwrap();
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str()))
            .collect();
        let err = tera.add_raw_templates(sources).unwrap_err();
        let ds = template_diagnostics(&err, &theme);
        let at: Vec<String> = ds.items.iter().filter_map(|d| d.position()).collect();
        assert!(at.contains(&"templates/x.html:2:12".to_string()), "{at:?}");
        assert!(
            at.iter().any(|p| p.starts_with("templates/x.html:3:")),
            "{at:?}"
        );
        assert!(!ds.to_string().contains("site/"), "{ds}");
    }
}
