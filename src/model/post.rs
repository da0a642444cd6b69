//! Posts and pages: a loaded document resolved into what readers get.
//!
//! [`prepare`] checks a document's front matter against the site (title,
//! date, declared category) and fixes its URL; [`fill_body`] renders its
//! Markdown once every URL is known, so links between posts resolve.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostic, Text};
use crate::format::Zone;
use crate::load::config::Config;
use crate::load::content::{DocKind, Document};
use crate::load::frontmatter::Source;
use crate::load::markdown::{self, LinkContext, Rendered};
use crate::load::urlpolicy;
use crate::model::adinda::Principle;
use crate::model::cache::{BodyCache, body_key};
use crate::model::moment::Moment;
use crate::text;

mod front;

#[derive(Debug, Clone, Serialize, Hash)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub caption: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct EventInfo {
    pub start: Moment,
    pub end: Option<Moment>,
    pub venue: Option<String>,
    pub organizer: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct SourceInfo {
    pub name: String,
    pub url: Option<String>,
}

/// A post or standalone page.
#[derive(Debug, Clone)]
pub struct Post {
    pub kind: DocKind,
    /// The source, relative to the site root (`content/berita/x.md`).
    pub file: PathBuf,
    /// The source, relative to `content/` (`berita/x.md`).
    pub rel: String,
    pub title: String,
    pub slug: String,
    pub section: String,
    /// URL path below the site root, with a trailing slash: `berita/x/`.
    pub path: String,
    pub date: Option<Moment>,
    pub updated: Option<Moment>,
    pub expires: Option<Moment>,
    pub category: Option<String>,
    /// Tag names as written; slugs are made by the model.
    pub tags: Vec<String>,
    /// The ADINDA principles named, in the order of the acronym.
    pub adinda: Vec<Principle>,
    pub author: Option<String>,
    pub place: Option<String>,
    pub pinned: bool,
    pub draft: bool,
    pub summary_key: Option<String>,
    pub image: Option<Image>,
    pub event: Option<EventInfo>,
    pub source: Option<SourceInfo>,
    pub weight: i64,
    pub template: Option<String>,
    /// Old addresses that redirect here, as paths below the site root
    /// (`berita/judul-lama/`).
    pub aliases: Vec<String>,
    pub bundle: Option<(String, Vec<(PathBuf, String)>)>,
    // Filled by `fill_body`:
    /// The rendered body (HTML, table of contents, word count), shared
    /// with the body cache: an unchanged body is the same allocation from
    /// one `serve` rebuild to the next.
    pub body: Arc<Rendered>,
    pub summary: String,
    pub summary_html: String,
    /// The post's fingerprints (summary, whole), made once per post by
    /// [`crate::render::fingerprint`]; an unchanged post keeps them across
    /// `serve` rebuilds.
    pub digest: std::sync::OnceLock<(u64, u64)>,
}

/// The longest slug (of `slug` or a tag) accepted: it becomes a folder name.
const MAX_SLUG: usize = 120;

/// Resolves a document's front matter. Errors name the key's line.
pub fn prepare(doc: &Document, config: &Config, zone: Zone) -> Result<Post, Vec<Diagnostic>> {
    let mut check = front::Check::new(doc, zone);
    let title = check.title();
    let (date, updated, expires) = check.dates();
    let category = check.category(config);
    let slug = check.slug();
    let event = check.event();
    let adinda = check.adinda();
    check.links_and_names();
    let aliases = check.aliases(&config.root_path);
    check.finish()?;
    let f = &doc.front;
    let path = if doc.section.is_empty() {
        format!("{slug}/")
    } else {
        format!("{}/{slug}/", doc.section)
    };
    Ok(Post {
        kind: doc.kind,
        file: doc.file.clone(),
        rel: doc.rel.clone(),
        title,
        slug,
        section: doc.section.clone(),
        path,
        date,
        updated,
        expires,
        category,
        tags: f
            .tags
            .iter()
            .map(|t| t.get_ref().trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        adinda,
        author: f.author.clone(),
        place: f.place.clone(),
        pinned: f.pinned,
        draft: f.draft,
        summary_key: f.summary.clone(),
        image: None,
        event,
        source: f.source.as_ref().map(|s: &Source| SourceInfo {
            name: s.name.clone(),
            url: s.url.as_ref().map(|u| u.get_ref().clone()),
        }),
        weight: f.weight.unwrap_or(0),
        template: f.template.as_ref().map(|t| t.get_ref().clone()),
        aliases,
        bundle: doc
            .bundle
            .as_ref()
            .map(|b| (b.dir.clone(), b.assets.clone())),
        body: Arc::default(),
        summary: String::new(),
        summary_html: String::new(),
        digest: std::sync::OnceLock::new(),
    })
}

/// Renders the body (or takes it from `cache`) and derives summary and
/// main image.
pub fn fill_body(
    post: &mut Post,
    doc: &Arc<Document>,
    config: &Config,
    resolve: &(dyn Fn(&str) -> Option<String> + Sync),
    exists: &(dyn Fn(&str) -> bool + Sync),
    cache: Option<&BodyCache>,
) -> Vec<Diagnostic> {
    let url = format!("{}{}", config.root_path, post.path);
    let doc_dir = doc.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let ctx = LinkContext {
        doc_dir,
        root_path: &config.root_path,
        bundle: doc.bundle.as_ref().map(|b| (b.dir.as_str(), url.as_str())),
        resolve,
        exists,
        unsafe_html: config.build.unsafe_html,
    };
    let key = body_key(&[&url, &config.root_path], ctx.unsafe_html);
    let r = match cache.and_then(|c| c.get(doc, key, resolve)) {
        Some(r) => r,
        None => {
            let mut r = markdown::render(doc.body(), &ctx);
            r.html.shrink_to_fit();
            let r = Arc::new(r);
            if let Some(c) = cache {
                c.put(doc, key, r.clone());
            }
            r
        }
    };
    let mut problems = body_problems(doc, &r);
    problems.extend(crate::model::image_checks::check(doc));
    post.summary_html = match (&post.summary_key, &r.more_html) {
        (_, Some(more)) => more.clone(),
        (Some(s), None) => format!("<p>{}</p>", escape_html(s)),
        (None, None) => r.first_paragraph_html.clone(),
    };
    post.summary = match &post.summary_key {
        Some(s) => s.clone(),
        None => plain_summary(&r.first_paragraph_text),
    };
    if let Some(img) = &doc.front.image {
        post.image = Some(Image {
            src: markdown::resolve_url(img.get_ref(), &ctx),
            alt: doc.front.image_alt.clone().unwrap_or_default(),
            caption: doc.front.image_caption.clone().unwrap_or_default(),
        });
    }
    post.body = r;
    post.digest = std::sync::OnceLock::new();
    problems
}

/// What rendering the body found: broken links (errors), refused and
/// spaced links and images without alternative text (warnings), each at
/// its place in the file.
fn body_problems(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = r
        .broken_links
        .iter()
        .map(|b| {
            let t = &b.target;
            Diagnostic::error(text!(
                "Tautan ke `{t}` rusak: berkas itu tidak ada (atau masih draf).",
                "The link to `{t}` is broken: that file does not exist (or is a draft)."
            ))
            .in_file(&doc.file)
            .at(&doc.source, doc.body_offset + b.offset, b.len)
            .hint(Text::new(
                "Periksa nama berkas dan foldernya. Tautan ditulis relatif terhadap berkas ini, misalnya [rapat](../agenda/2025-09-02-musdes.md).",
                "Check the file and folder name. Links are relative to this file, e.g. [meeting](../agenda/2025-09-02-musdes.md).",
            ))
        })
        .collect();
    for link in &r.refused {
        let (message, hint) = urlpolicy::dropped_in_body(&link.url, &link.scheme, link.image);
        problems.push(
            Diagnostic::warning(message)
                .in_file(&doc.file)
                .at(&doc.source, doc.body_offset + link.offset, link.len)
                .hint(hint),
        );
    }
    for link in &r.spaced {
        let (message, hint) = spaced_warning(&link.target);
        problems.push(
            Diagnostic::warning(message)
                .in_file(&doc.file)
                .at(&doc.source, doc.body_offset + link.offset, link.len)
                .hint(hint),
        );
    }
    for img in r.images.iter().filter(|i| i.alt.trim().is_empty()) {
        problems.push(
            Diagnostic::warning(Text::new(
                "Gambar tanpa teks alternatif: pembaca tunanetra tidak tahu isinya.",
                "An image without alternative text: blind readers cannot know what it shows.",
            ))
            .in_file(&doc.file)
            .at(&doc.source, doc.body_offset + img.offset, 2)
            .hint(Text::new(
                "Tulis keterangan singkat di antara kurung siku: ![Kader menimbang balita](foto.jpg).",
                "Describe the picture between the square brackets: ![Volunteers weighing toddlers](photo.jpg).",
            )),
        );
    }
    problems
}

/// The warning for `[text](path with spaces)` whose file was not found.
fn spaced_warning(target: &str) -> (Text, Text) {
    let dashed = target.replace(' ', "-");
    (
        text!(
            "Alamat `{target}` berisi spasi dan berkasnya tidak ditemukan, jadi tautan atau gambar ini tampil sebagai teks biasa.",
            "The address `{target}` has spaces and its file was not found, so this link or image shows as plain text."
        ),
        text!(
            "Periksa nama dan folder berkasnya. Alamat yang berspasi ditulis di antara < dan >: (<{target}>), atau ganti nama berkasnya tanpa spasi: {dashed}.",
            "Check the file's name and folder. An address with spaces is written between < and >: (<{target}>), or rename the file without spaces: {dashed}."
        ),
    )
}

/// An alias as a path below the site root: `/berita/lama/` (or with the
/// site's sub-path in front) becomes `berita/lama/`; a file name such as
/// `/lama.html` stays a file. `None` for what is not a path on this site.
pub fn alias_path(alias: &str, root_path: &str) -> Option<String> {
    let rest = alias
        .strip_prefix(root_path)
        .or_else(|| alias.strip_prefix('/'))?;
    let rest = rest.trim_start_matches('/');
    let ok = !rest.is_empty()
        && rest
            .split('/')
            .all(|seg| seg != ".." && seg != "." && seg.len() <= MAX_SLUG)
        && !rest.contains(['\\', '?', '#', ':', '\0']);
    if !ok {
        return None;
    }
    Some(if rest.ends_with(".html") || rest.ends_with('/') {
        rest.to_string()
    } else {
        format!("{rest}/")
    })
}

/// Escapes text for use inside HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Shortens text to about 160 characters at a word boundary, for meta
/// descriptions and link previews.
pub fn plain_summary(text: &str) -> String {
    const MAX: usize = 160;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::{alias_path, plain_summary};

    #[test]
    fn aliases_become_site_paths() {
        assert_eq!(
            alias_path("/berita/judul-lama/", "/").as_deref(),
            Some("berita/judul-lama/")
        );
        assert_eq!(
            alias_path("/berita/judul-lama", "/").as_deref(),
            Some("berita/judul-lama/")
        );
        assert_eq!(
            alias_path("/sukamaju/berita/x/", "/sukamaju/").as_deref(),
            Some("berita/x/")
        );
        assert_eq!(alias_path("/lama.html", "/").as_deref(), Some("lama.html"));
        for bad in ["berita/x/", "/", "/../x/", "https://x.org/a/", "/a?b"] {
            assert_eq!(alias_path(bad, "/"), None, "{bad}");
        }
    }

    #[test]
    fn shortens_summaries_at_words() {
        assert_eq!(plain_summary("Pendek."), "Pendek.");
        let long = "kata ".repeat(60);
        let s = plain_summary(&long);
        assert!(s.ends_with("kata…") && s.chars().count() <= 161, "{s}");
    }
}
