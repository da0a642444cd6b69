//! The import from start to end: read, plan, convert, stage, move in.
//!
//! Nothing reaches `content/` until every file was made: the files are
//! written into `.warta-import/` inside the site (a dot-folder warta
//! never reads, on the same disk, so the move is a rename), then moved
//! one by one. A file that already exists is left alone unless
//! `--overwrite`, which makes a second run of the same export a no-op.
//! Photos from `--media` are copied through [`strip_metadata`]: no GPS
//! position leaves with them; a format warta cannot strip (HEIC…) stays
//! on the old server and is reported.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::images::formats::{Format, sniff};
use crate::images::strip::strip_metadata;
use crate::import::convert::{self, Converted, Shared, host_of, url_key};
use crate::import::media::MediaIndex;
use crate::import::plan::{self, Plan, Planned};
use crate::import::report::{Report, Written};
use crate::import::{Export, Item, ItemKind, Options, Platform, Status, blogger, wxr};
use crate::load::config::{CONFIG_FILE, Config, load_config};
use crate::load::profile::load_profile;
use crate::{fsx, text};

/// The staging folder, inside the site.
const STAGING: &str = ".warta-import";
/// The report, at the site's root.
pub const REPORT: &str = "import-report.md";
/// Netlify's redirect file, for `?p=12` addresses.
const REDIRECTS: &str = "static/_redirects";

/// Imports `file` into the site at `root`.
pub fn import(
    root: &Path,
    platform: Platform,
    file: &Path,
    options: &Options,
) -> Result<Report, Diagnostics> {
    let config = load_config(root)?;
    let zone = load_profile(root)
        .0
        .map(|p| p.zone())
        .unwrap_or(crate::format::Zone::WIB)
        .offset();
    let now = chrono::Utc::now().with_timezone(&zone);
    let export = match platform {
        Platform::WordPress => wxr::read(file, zone),
        Platform::Blogger => blogger::read(file, now),
    }
    .map_err(Diagnostics::from)?;
    check_map(&config, options)?;
    let media = match &options.media {
        Some(dir) if !dir.is_dir() => return Err(Diagnostics::from(not_a_folder(dir))),
        Some(dir) => Some(MediaIndex::new(dir)),
        None => None,
    };
    let existing = plan::existing(&root.join("content"));
    let plan = plan::plan(&export, &config, options, &existing);
    let shared = Arc::new(shared(&export, &plan, media));
    let converted: Vec<Converted> = plan
        .items
        .par_iter()
        .map(|p| convert::convert(&export.items[p.item].html, &shared))
        .collect();
    let mut report = Report::new(&export, &plan, file);
    let files: Vec<Staged> = plan
        .items
        .iter()
        .zip(converted)
        .map(|(p, c)| staged(&export.items[p.item], p, c, &shared, &mut report))
        .collect();
    let staging = root.join(STAGING);
    let written = stage_and_move(root, &staging, files, options.overwrite);
    if staging.exists() {
        let _ = fsx::remove_dir_all(&staging);
    }
    report.written = written?;
    add_categories(root, &plan)?;
    report.redirects = redirects(root, &plan, options.overwrite)?;
    fsx::write(&root.join(REPORT), report.markdown()).map_err(Diagnostics::from)?;
    Ok(report)
}

fn not_a_folder(dir: &Path) -> Diagnostic {
    let shown = dir.display();
    Diagnostic::error(text!(
        "Folder foto `{shown}` (--media) tidak ada.",
        "The photo folder `{shown}` (--media) does not exist."
    ))
    .hint(Text::new(
        "Tulis folder salinan wp-content/uploads (atau foto Blogger yang diunduh), misalnya --media ./uploads.",
        "Name the folder holding a copy of wp-content/uploads (or Blogger's downloaded photos), e.g. --media ./uploads.",
    ))
}

/// `--map-categories` may only name declared categories.
fn check_map(config: &Config, options: &Options) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::new();
    let keys: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    let list = keys.join(", ");
    let mut wrong: Vec<(&String, &String)> = options
        .map
        .iter()
        .filter(|(_, new)| config.category(new).is_none())
        .collect();
    wrong.sort();
    for (old, new) in wrong {
        problems.push(
            Diagnostic::error(text!(
                "--map-categories: `{old}` dipetakan ke `{new}`, kategori yang tidak ada di warta.toml.",
                "--map-categories: `{old}` is mapped to `{new}`, a category not declared in warta.toml."
            ))
            .hint(text!(
                "Pakai salah satu kategori di warta.toml: {list}.",
                "Use one of the categories in warta.toml: {list}."
            )),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The new address of every old one, for the bodies' links.
fn shared(export: &Export, plan: &Plan, media: Option<MediaIndex>) -> Shared {
    let host = host_of(&export.site_url);
    let mut index = std::collections::HashMap::new();
    for p in &plan.items {
        let item = &export.items[p.item];
        for link in item.link.iter().chain(&item.other_links) {
            if let Some(k) = url_key(link, &host).filter(|k| !k.is_empty()) {
                index.entry(k).or_insert_with(|| p.url.clone());
            }
        }
    }
    Shared {
        host,
        site_url: export.site_url.clone(),
        index,
        media,
    }
}

/// One item ready to be written: its Markdown file (path relative to
/// `content/`) and the photos of its bundle.
struct Staged {
    section: &'static str,
    stem: String,
    text: String,
    photos: Vec<(String, Vec<u8>)>,
    title: String,
}

/// The front matter and body of one item; photos read and stripped.
fn staged(
    item: &Item,
    p: &Planned,
    mut c: Converted,
    shared: &Shared,
    report: &mut Report,
) -> Staged {
    let featured = item.featured.as_ref().and_then(|a| {
        let name = c.local(shared, &a.url);
        if name.is_none() {
            report
                .remote_featured
                .push((p.title.clone(), a.url.clone()));
        }
        Some((name?, a))
    });
    let mut photos = Vec::new();
    let mut markdown = std::mem::take(&mut c.markdown);
    for (name, src) in std::mem::take(&mut c.files) {
        match photo(&src) {
            Ok(bytes) => photos.push((name, bytes)),
            Err(why) => {
                let url = src.display().to_string();
                markdown = markdown.replace(&format!("]({name})"), &format!("](<{url}>)"));
                c.notes.push(why);
            }
        }
    }
    let featured = featured
        .filter(|(name, _)| photos.iter().any(|(n, _)| n == name))
        .map(|(name, a)| {
            let alt = [&a.alt, &a.title]
                .into_iter()
                .map(|t| t.trim())
                .find(|t| !t.is_empty() && !looks_like_file_name(t));
            if alt.is_none() {
                report.alt_from_title.push(p.title.clone());
            }
            (name, alt.unwrap_or(&p.title).to_string())
        });
    let front = front_matter(item, p, featured);
    report.add_item(item, p, &c);
    Staged {
        section: p.section,
        stem: p.stem.clone(),
        text: format!("+++\n{front}+++\n\n{markdown}"),
        photos,
        title: p.title.clone(),
    }
}

/// The TOML between the `+++` lines; `featured` is the photo's name in
/// the bundle and its alt text.
fn front_matter(item: &Item, p: &Planned, featured: Option<(String, String)>) -> String {
    let mut front = String::new();
    let mut put = |k: &str, v: String| front.push_str(&format!("{k} = {v}\n"));
    let s = |v: &str| toml::Value::String(v.to_string()).to_string();
    put("title", s(&p.title));
    if item.kind == ItemKind::Post
        && let Some(d) = item.date
    {
        put("date", stamp(d));
    }
    if item.status == Status::Draft {
        put("draft", "true".into());
    }
    if let Some(cat) = &p.category {
        put("category", s(cat));
    }
    if !p.tags.is_empty() {
        put("tags", list(&p.tags));
    }
    if let Some(a) = &item.author {
        put("author", s(a));
    }
    if let Some(e) = item.excerpt.as_deref().map(plain).filter(|e| !e.is_empty()) {
        put("summary", s(&e));
    }
    if let Some((name, alt)) = featured {
        put("image", s(&name));
        put("image_alt", s(&alt));
    }
    if !p.aliases.is_empty() {
        put("aliases", list(&p.aliases));
    }
    front
}

fn stamp(d: DateTime<FixedOffset>) -> String {
    d.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn list(items: &[String]) -> String {
    toml::Value::Array(
        items
            .iter()
            .map(|t| toml::Value::String(t.clone()))
            .collect(),
    )
    .to_string()
}

/// `IMG_2031` or `foto-1.jpg` says nothing to a blind reader.
fn looks_like_file_name(t: &str) -> bool {
    let lower = t.to_lowercase();
    lower.starts_with("img")
        || lower.starts_with("dsc")
        || lower.starts_with("wa0")
        || [".jpg", ".jpeg", ".png", ".webp"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// An excerpt as one line of text: tags and entities dropped.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#8217;", "’")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A photo's bytes without metadata, or why it stays remote.
fn photo(src: &Path) -> Result<Vec<u8>, String> {
    let bytes = fsx::read(src).map_err(|d| d.message.id.clone())?;
    let shown = src.display();
    match sniff(&bytes[..bytes.len().min(crate::images::formats::SNIFF_LEN)]) {
        Some(Format::Photo(_)) => strip_metadata(&bytes).ok_or_else(|| {
            format!("foto rusak, tidak disalin / damaged photo, not copied: {shown}")
        }),
        Some(Format::Camera(kind)) => Err(format!(
            "foto {kind} tidak bisa diolah warta, tidak disalin (simpan sebagai JPEG) / {kind} photo warta cannot process, not copied (save it as JPEG): {shown}"
        )),
        None if bytes.starts_with(b"GIF8") => Ok(bytes),
        None => Err(format!(
            "bukan foto, tidak disalin / not a photo, not copied: {shown}"
        )),
    }
}

/// Writes every item into `staging`, then moves each into `content/`.
fn stage_and_move(
    root: &Path,
    staging: &Path,
    files: Vec<Staged>,
    overwrite: bool,
) -> Result<Written, Diagnostics> {
    if staging.exists() {
        fsx::remove_dir_all(staging)?;
    }
    let content = root.join("content");
    let mut written = Written::default();
    let mut moves: Vec<(PathBuf, PathBuf, PathBuf)> = Vec::new();
    for f in &files {
        let dir = content.join(f.section);
        let (flat, bundle) = (dir.join(format!("{}.md", f.stem)), dir.join(&f.stem));
        if !overwrite && (flat.exists() || bundle.join("index.md").exists()) {
            written
                .kept
                .push(format!("content/{}/{}", f.section, f.stem));
            continue;
        }
        let (from, to, other) = if f.photos.is_empty() {
            let from = staging.join(f.section).join(format!("{}.md", f.stem));
            fsx::write(&from, &f.text)?;
            (from, flat, bundle)
        } else {
            let from = staging.join(f.section).join(&f.stem);
            fsx::write(&from.join("index.md"), &f.text)?;
            for (name, bytes) in &f.photos {
                fsx::write(&from.join(name), bytes)?;
                written.photos += 1;
            }
            (from, bundle, flat)
        };
        written
            .files
            .push((f.title.clone(), fsx::url_path(root, &to)));
        moves.push((from, to, other));
    }
    for (from, to, other) in moves {
        for old in [&to, &other] {
            if old.is_dir() {
                fsx::remove_dir_all(old)?;
            } else if old.exists() {
                std::fs::remove_file(old).map_err(|e| {
                    let shown = old.display();
                    Diagnostic::error(text!(
                        "Tidak bisa menghapus `{shown}`: {e}",
                        "Cannot remove `{shown}`: {e}"
                    ))
                })?;
            }
        }
        if let Some(parent) = to.parent() {
            fsx::create_dir_all(parent)?;
        }
        fsx::rename(&from, &to)?;
    }
    Ok(written)
}

/// Adds the plan's new categories to `[categories]` of warta.toml,
/// keeping the file as written.
fn add_categories(root: &Path, plan: &Plan) -> Result<(), Diagnostics> {
    if plan.new_categories.is_empty() {
        return Ok(());
    }
    let path = root.join(CONFIG_FILE);
    let text = fsx::read_text(&path)?;
    let lines: String = plan
        .new_categories
        .iter()
        .map(|(k, n)| format!("{} = {}\n", toml_key(k), toml::Value::String(n.clone())))
        .collect();
    let new = insert_into_table(&text, "categories", &lines);
    fsx::write(&path, new).map_err(Diagnostics::from)
}

fn toml_key(k: &str) -> String {
    if k.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        k.to_string()
    } else {
        toml::Value::String(k.to_string()).to_string()
    }
}

/// `lines` added at the end of table `[name]` (before the next header and
/// the blank lines and comments above it), or a new table at the end.
pub fn insert_into_table(text: &str, name: &str, lines: &str) -> String {
    let header = format!("[{name}]");
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(start) = all.iter().position(|l| l.trim() == header) else {
        let sep = if text.ends_with('\n') || text.is_empty() {
            ""
        } else {
            "\n"
        };
        return format!("{text}{sep}\n{header}\n{lines}");
    };
    let next = all[start + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(all.len(), |i| start + 1 + i);
    let mut at = next;
    while at > start + 1 {
        let l = all[at - 1].trim();
        if l.is_empty() || l.starts_with('#') {
            at -= 1;
        } else {
            break;
        }
    }
    let mut out: String = all[..at].concat();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(lines);
    out.push_str(&all[at..].concat());
    out
}

/// `static/_redirects` for the `?p=12` addresses (Netlify reads query
/// rules from it); left alone when the site has its own.
fn redirects(root: &Path, plan: &Plan, overwrite: bool) -> Result<Option<bool>, Diagnostics> {
    if plan.query_links.is_empty() {
        return Ok(None);
    }
    let mut text = String::from("# warta import: alamat lama ?p= / old ?p= addresses (Netlify)\n");
    for (old, new) in &plan.query_links {
        let q = old.trim_start_matches("/?");
        text.push_str(&format!("/ {q} {new} 301!\n"));
    }
    let path = root.join(REDIRECTS);
    if path.exists() && !overwrite && fsx::read_text(&path).ok().as_deref() != Some(text.as_str()) {
        return Ok(Some(false));
    }
    fsx::write(&path, text)?;
    Ok(Some(true))
}

#[cfg(test)]
mod tests {
    use super::{insert_into_table, plain};

    #[test]
    fn categories_go_into_their_table() {
        let t = "title = \"x\"\n\n[categories]\na = \"A\"\n\n# menu\n[[menu]]\nname = \"B\"\n";
        assert_eq!(
            insert_into_table(t, "categories", "b = \"B\"\n"),
            "title = \"x\"\n\n[categories]\na = \"A\"\nb = \"B\"\n\n# menu\n[[menu]]\nname = \"B\"\n"
        );
        assert_eq!(
            insert_into_table("title = \"x\"", "categories", "b = \"B\"\n"),
            "title = \"x\"\n\n[categories]\nb = \"B\"\n"
        );
    }

    #[test]
    fn excerpts_become_plain_text() {
        assert_eq!(plain("<p>Satu &amp; <b>dua</b></p>\n"), "Satu & dua");
    }
}
