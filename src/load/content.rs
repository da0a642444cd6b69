//! `content/`: the writers' Markdown files.
//!
//! Every folder directly under `content/` is a section; its Markdown files
//! are posts, except in the page folders ([`PAGE_FOLDERS`]) and at the top
//! of `content/`, where they are standalone pages (`content/profil/sejarah.md`
//! becomes `/profil/sejarah/`). A folder holding `index.md` is a bundle: one
//! post or page with its own files (photos) beside it. `_index.md` in a
//! section folder gives the section its title and description.
//!
//! Only `.md` files (in any case: `KABAR-BESAR.MD`) are posts or pages;
//! other Markdown extensions (`.markdown`, `.mdx`…) are errors that say to
//! rename them, so no Markdown source is ever copied to the output. A
//! Markdown file inside a bundle other than its `index.md` (a draft, a
//! note) is left out with a warning. `index.md` directly in a section
//! folder is an error: it would turn the whole section into one bundle.
//!
//! Hidden files and folders (`.git/`) and the temporary files editors
//! leave while saving are skipped. What may be read at all (no links out
//! of the site, no FIFOs, a size limit) is [`crate::fsx`]'s rule. Files
//! are read and their front matter parsed in parallel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::format::slugify;
use crate::fsx::{self, Kind};
use crate::load::frontmatter::{self, FrontMatter};
use crate::load::tomlerr::parse_toml;
use crate::text;

pub const CONTENT_DIR: &str = "content";

/// Folders whose Markdown files are standalone pages, not dated posts.
pub const PAGE_FOLDERS: &[&str] = &["profil", "lembaga", "layanan", "halaman"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Post,
    Page,
}

/// One Markdown file, read and with its front matter parsed.
#[derive(Debug)]
pub struct Document {
    pub kind: DocKind,
    /// Path relative to the site root, with `/`: `content/berita/x.md`.
    pub file: PathBuf,
    /// Path relative to `content/`, with `/`: `berita/x.md`.
    pub rel: String,
    /// The section folder (`berita`), or "" for a top-level page.
    pub section: String,
    /// The slug from the file or bundle name, date prefix dropped.
    pub name_slug: String,
    /// `YYYY-MM-DD` taken from the file name, if it starts with one.
    pub name_date: Option<String>,
    pub source: String,
    pub front: FrontMatter,
    /// Byte offset of the front matter's TOML in `source`: spans in
    /// `front` are relative to it.
    pub toml_offset: usize,
    pub body_offset: usize,
    /// For a bundle: its folder relative to `content/`, and its other files.
    pub bundle: Option<Bundle>,
    /// When the file was last changed and its size, so `serve` can tell
    /// whether it must read it again.
    pub stamp: Stamp,
}

/// A file's modification time and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub modified: Option<std::time::SystemTime>,
    pub len: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Stamp {
        fsx::metadata(path)
            .map(|m| Stamp {
                modified: m.modified().ok(),
                len: m.len(),
            })
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub dir: String,
    /// Each file with its path relative to the bundle folder.
    pub assets: Vec<(PathBuf, String)>,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }
}

/// A section's own settings, from `content/<section>/_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    #[serde(skip)]
    pub key: String,
    pub title: Option<String>,
    #[serde(default)]
    pub description: String,
}

/// A file in `content/` that is not Markdown and not in a bundle: copied
/// to the same path in the output.
#[derive(Debug, Clone)]
pub struct LooseFile {
    pub path: PathBuf,
    pub rel: String,
}

#[derive(Debug, Default, Clone)]
pub struct Content {
    /// The site root the content was read from.
    pub root: PathBuf,
    /// Shared, so that `serve` can keep the documents that did not change.
    pub documents: Vec<Arc<Document>>,
    pub sections: Vec<SectionMeta>,
    pub loose_files: Vec<LooseFile>,
    /// Markdown files that could not be loaded, so a later update reads
    /// them again instead of forgetting them.
    pub failed: Vec<PathBuf>,
}

/// Which names a walk of the site skips; its home is [`crate::fsx`], the
/// rule for what a site may read (kept here too for the loaders).
pub use crate::fsx::is_ignored_name;

/// Drops a leading `YYYY-MM-DD-` from a file name.
pub fn split_date_prefix(name: &str) -> (Option<&str>, &str) {
    let b = name.as_bytes();
    let is_date = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b[10] == b'-' || b[10] == b'_');
    if is_date {
        (Some(&name[..10]), &name[11..])
    } else {
        (None, name)
    }
}

enum Found {
    Doc {
        path: PathBuf,
        rel: String,
        bundle: Option<Bundle>,
    },
    SectionIndex(PathBuf, String),
    Loose(LooseFile),
}

/// Walks `<root>/content` and loads every document.
pub fn load_content(root: &Path) -> (Content, Diagnostics) {
    load_content_reusing(root, None, &[])
}

/// Like [`load_content`], but takes documents from `previous` when their
/// file has the same modification time and size and is not in `changed`.
pub fn load_content_reusing(
    root: &Path,
    previous: Option<&Content>,
    changed: &[PathBuf],
) -> (Content, Diagnostics) {
    let known: std::collections::HashMap<&str, &Arc<Document>> = previous
        .map(|p| p.documents.iter().map(|d| (d.rel.as_str(), d)).collect())
        .unwrap_or_default();
    let dir = root.join(CONTENT_DIR);
    let mut problems = Diagnostics::new();
    let found = walk(root, &dir, &mut problems);
    let mut content = Content {
        root: root.to_path_buf(),
        ..Content::default()
    };
    let mut to_read = Vec::new();
    for f in found {
        match f {
            Found::Doc { path, rel, bundle } => to_read.push((path, rel, bundle)),
            Found::SectionIndex(path, key) => match read_section_meta(root, &path, key) {
                Ok(meta) => content.sections.push(meta),
                Err(d) => problems.extend(d),
            },
            Found::Loose(l) => content.loose_files.push(l),
        }
    }
    let results: Vec<(PathBuf, Result<Arc<Document>, Diagnostics>)> = to_read
        .into_par_iter()
        .map(|(path, rel, bundle)| {
            let stamp = Stamp::of(&path);
            let unchanged = |d: &&&Arc<Document>| {
                d.stamp == stamp
                    && !changed.contains(&path)
                    && d.bundle.as_ref().map(|b| &b.assets) == bundle.as_ref().map(|b| &b.assets)
            };
            let doc = match known.get(rel.as_str()).filter(unchanged) {
                Some(d) => Ok(Arc::clone(d)),
                None => read_document(root, path.clone(), rel, bundle, stamp).map(Arc::new),
            };
            (path, doc)
        })
        .collect();
    for (path, r) in results {
        match r {
            Ok(doc) => content.documents.push(doc),
            Err(d) => {
                content.failed.push(path);
                problems.extend(d);
            }
        }
    }
    content.documents.sort_by(|a, b| a.rel.cmp(&b.rel));
    (content, problems)
}

/// Updates `previous` for changed Markdown files without walking the
/// whole tree: what `serve` does after a writer saves a post. Returns
/// `None` when a change needs the full walk (a bundle, a section's
/// `_index.md`, a folder, any other file).
pub fn update_content(
    root: &Path,
    previous: &Content,
    changed: &[PathBuf],
) -> Option<(Content, Diagnostics)> {
    let dir = root.join(CONTENT_DIR);
    let mut content = previous.clone();
    let mut problems = Diagnostics::new();
    let retry = std::mem::take(&mut content.failed);
    let mut paths: Vec<&PathBuf> = changed.iter().chain(&retry).collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        let name = path.file_name()?.to_string_lossy();
        let parent = path.parent()?;
        let simple = is_markdown(&name)
            && !name.eq_ignore_ascii_case("_index.md")
            && !name.eq_ignore_ascii_case("index.md")
            && (holds_posts(previous, root, parent) || index_md(parent).is_none())
            && !path.is_dir();
        if !simple || !path.starts_with(&dir) {
            return None;
        }
        let rel = fsx::url_path(&dir, path);
        let at = content
            .documents
            .binary_search_by(|d| d.rel.as_str().cmp(&rel));
        if !path.exists() {
            if let Ok(i) = at {
                content.documents.remove(i);
            }
            continue;
        }
        match read_document(root, path.clone(), rel, None, Stamp::of(path)) {
            Ok(doc) => match at {
                Ok(i) => content.documents[i] = Arc::new(doc),
                Err(i) => content.documents.insert(i, Arc::new(doc)),
            },
            Err(d) => {
                if let Ok(i) = at {
                    content.documents.remove(i);
                }
                content.failed.push(path.clone());
                problems.extend(d);
            }
        }
    }
    Some((content, problems))
}

/// Walks `content/`: what it finds, and every problem on the way (a link
/// out of the site, a FIFO, an unreadable folder, `index.md` directly in
/// a section) without stopping at the first.
fn walk(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<Found> {
    match fsx::metadata(dir) {
        Err(_) if !fsx::exists(dir) => return Vec::new(),
        Ok(m) if !m.is_dir() && !m.file_type().is_symlink() => {
            problems.push(fsx::not_a_folder(root, dir));
            return Vec::new();
        }
        _ => {}
    }
    let mut found = Vec::new();
    let mut walker = fsx::walker(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(fsx::walk_warning(root, &e));
                continue;
            }
        };
        let kind = match fsx::classify(root, &entry) {
            Ok(k) => k,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let path = entry.path();
        let rel = fsx::url_path(dir, path);
        if kind == Kind::Dir {
            match (entry.depth(), index_md(path)) {
                (0, _) | (_, None) => {}
                (1, Some(index)) => problems.push(section_index(root, &index)),
                (_, Some(index)) => {
                    found.push(bundle_of(root, dir, path, &index, &rel, problems));
                    walker.skip_current_dir();
                }
            }
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if is_other_markdown(&name) {
            problems.push(other_markdown(root, path));
        } else {
            found.extend(file_found(path, &name, rel, entry.depth()));
        }
    }
    found
}

/// What a file of `content/` (not `.markdown` and the like) is: a
/// section's `_index.md`, a post, or a file published as it is. `None`
/// for an `index.md` directly in a section (already reported by
/// [`section_index`]).
fn file_found(path: &Path, name: &str, rel: String, depth: usize) -> Option<Found> {
    let path = path.to_path_buf();
    Some(if name.eq_ignore_ascii_case("_index.md") {
        let key = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        Found::SectionIndex(path, key)
    } else if depth == 2 && name.eq_ignore_ascii_case("index.md") {
        return None;
    } else if is_markdown(name) {
        Found::Doc {
            path,
            rel,
            bundle: None,
        }
    } else {
        Found::Loose(LooseFile { path, rel })
    })
}

/// A Markdown file warta reads: `.md` in any case (`KABAR-BESAR.MD`).
pub fn is_markdown(name: &str) -> bool {
    name.len() > 3 && name.is_char_boundary(name.len() - 3) && {
        let ext = &name[name.len() - 3..];
        ext.eq_ignore_ascii_case(".md")
    }
}

/// Other extensions editors give Markdown: never published as they are.
fn is_other_markdown(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    ["markdown", "mdown", "mkd", "mkdn", "mdwn", "mdx"]
        .iter()
        .any(|m| ext.eq_ignore_ascii_case(m))
}

/// The file name without `.md` (in any case).
fn markdown_stem(name: &str) -> &str {
    if is_markdown(name) {
        &name[..name.len() - 3]
    } else {
        name
    }
}

/// Whether the last walk found posts of their own file directly in
/// `folder` (`content/` or a section): then it is no bundle, and listing
/// it (10,000 names in a big section) on every save is not needed. Had an
/// `index.md` been added since, it would be among the changed paths.
fn holds_posts(previous: &Content, root: &Path, folder: &Path) -> bool {
    let Ok(folder) = folder.strip_prefix(root) else {
        return false;
    };
    previous
        .documents
        .iter()
        .any(|d| d.bundle.is_none() && d.file.parent() == Some(folder))
}

/// The `index.md` (in any case) of a folder, which makes it a bundle.
/// A folder that cannot be listed is no bundle here; the walk, going into
/// it next, reports it.
fn index_md(dir: &Path) -> Option<PathBuf> {
    fsx::read_dir(dir)
        .ok()?
        .into_iter()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .eq_ignore_ascii_case("index.md")
        })
        .map(|e| e.path())
}

fn section_index(root: &Path, index: &Path) -> Diagnostic {
    let p = display_path(root, index).display().to_string();
    let section = display_path(root, index.parent().unwrap_or(index))
        .display()
        .to_string();
    Diagnostic::error(text!(
        "`{p}`: index.md tidak boleh langsung di folder bagian `{section}/`. index.md menjadikan foldernya satu tulisan berfoto (bundel), jadi seluruh bagian akan menjadi satu tulisan.",
        "`{p}`: index.md cannot sit directly in the section folder `{section}/`. index.md turns its folder into one post with its photos (a bundle), so the whole section would become one post."
    ))
    .in_file(&p)
    .hint(Text::new(
        format!("Untuk judul dan keterangan bagian, ganti nama berkas menjadi `{section}/_index.md`. Untuk tulisan berfoto, buat folder sendiri: `{section}/nama-tulisan/index.md` dengan fotonya di sebelahnya."),
        format!("For the section's title and description, rename the file to `{section}/_index.md`. For a post with photos, give it its own folder: `{section}/post-name/index.md` with its photos beside it."),
    ))
}

fn other_markdown(root: &Path, path: &Path) -> Diagnostic {
    let p = display_path(root, path).display().to_string();
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    Diagnostic::error(text!(
        "`{p}`: warta hanya membaca tulisan berakhiran .md, jadi berkas ini tidak akan menjadi tulisan.",
        "`{p}`: warta reads only posts ending in .md, so this file would not become a post."
    ))
    .in_file(&p)
    .hint(text!(
        "Ganti nama berkas menjadi `{stem}.md`.",
        "Rename the file to `{stem}.md`."
    ))
}

fn stray_markdown(root: &Path, path: &Path, index: &Path) -> Diagnostic {
    let p = display_path(root, path).display().to_string();
    let i = display_path(root, index).display().to_string();
    Diagnostic::warning(text!(
        "`{p}` ada di dalam folder bundel `{i}` dan tidak diterbitkan: satu bundel berisi satu tulisan (index.md) beserta fotonya.",
        "`{p}` is inside the bundle of `{i}` and is not published: a bundle holds one post (index.md) and its photos."
    ))
    .in_file(&p)
    .hint(Text::new(
        "Bila ini tulisan sendiri, pindahkan ke folder bagian (di samping folder bundel).",
        "If this is a post of its own, move it to the section folder (beside the bundle folder).",
    ))
}

/// A bundle: its `index.md` and the files beside it. Markdown files other
/// than `index.md` are never published (a draft or a note left there).
fn bundle_of(
    root: &Path,
    content_dir: &Path,
    dir: &Path,
    index: &Path,
    rel: &str,
    problems: &mut Diagnostics,
) -> Found {
    let mut assets = Vec::new();
    let walker = fsx::walker(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(fsx::walk_warning(root, &e));
                continue;
            }
        };
        match fsx::classify(root, &entry) {
            Ok(Kind::Dir) => continue,
            Ok(Kind::File) => {}
            Err(d) => {
                problems.push(d);
                continue;
            }
        }
        let name = entry.file_name().to_string_lossy();
        if entry.path() == index {
            continue;
        }
        if is_markdown(&name) || is_other_markdown(&name) {
            problems.push(stray_markdown(root, entry.path(), index));
            continue;
        }
        assets.push((entry.path().to_path_buf(), fsx::url_path(dir, entry.path())));
    }
    Found::Doc {
        path: index.to_path_buf(),
        rel: fsx::url_path(content_dir, index),
        bundle: Some(Bundle {
            dir: rel.to_string(),
            assets,
        }),
    }
}

fn read_document(
    root: &Path,
    path: PathBuf,
    rel: String,
    bundle: Option<Bundle>,
    stamp: Stamp,
) -> Result<Document, Diagnostics> {
    let file = display_path(root, &path);
    let source = fsx::read_site_text(root, &path).map_err(|d| d.in_file(&file))?;
    let split = frontmatter::split(&source, &file)?;
    let front = frontmatter::parse(&split, &source, &file)?;
    let (toml_offset, body_offset) = (split.toml_offset, split.body_offset);
    let section = match rel.split_once('/') {
        Some((first, _)) => first.to_string(),
        None => String::new(),
    };
    let kind = if section.is_empty() || PAGE_FOLDERS.contains(&section.as_str()) {
        DocKind::Page
    } else {
        DocKind::Post
    };
    let name = match &bundle {
        Some(b) => b.dir.rsplit('/').next().unwrap_or(&b.dir).to_string(),
        None => rel
            .rsplit('/')
            .next()
            .map_or(rel.as_str(), markdown_stem)
            .to_string(),
    };
    let (name_date, stem) = split_date_prefix(&name);
    Ok(Document {
        kind,
        file,
        name_slug: slugify(stem),
        name_date: name_date.map(str::to_string),
        rel,
        section,
        source,
        front,
        toml_offset,
        body_offset,
        bundle,
        stamp,
    })
}

fn read_section_meta(root: &Path, path: &Path, key: String) -> Result<SectionMeta, Diagnostics> {
    let file = display_path(root, path);
    let source = fsx::read_site_text(root, path).map_err(|d| d.in_file(&file))?;
    let split = frontmatter::split(&source, &file)?;
    let what = Text::new(
        "_index.md (pengaturan bagian)",
        "_index.md (section settings)",
    );
    let mut meta: SectionMeta = parse_toml(split.toml, &file, &source, split.toml_offset, &what)?;
    meta.key = key;
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::split_date_prefix;

    #[test]
    fn drops_date_prefixes() {
        assert_eq!(
            split_date_prefix("2025-08-26-posyandu"),
            (Some("2025-08-26"), "posyandu")
        );
        assert_eq!(
            split_date_prefix("2025-08-26_posyandu"),
            (Some("2025-08-26"), "posyandu")
        );
        assert_eq!(split_date_prefix("2025-posyandu"), (None, "2025-posyandu"));
        assert_eq!(split_date_prefix("2025-08-26"), (None, "2025-08-26"));
    }
}
