//! Posts and pages: a loaded document resolved into what readers get.
//!
//! [`prepare`] checks a document's front matter against the site (title,
//! date, declared category) and fixes its URL; [`fill_body`] renders its
//! Markdown once every URL is known, so links between posts resolve.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostic, Text};
use crate::format::{Zone, slugify};
use crate::load::config::Config;
use crate::load::content::{DocKind, Document};
use crate::load::frontmatter::Source;
use crate::load::markdown::{self, LinkContext, Rendered};
use crate::load::urlpolicy::{self, Verdict};
use crate::load::years;
use crate::model::cache::{BodyCache, body_key};
use crate::model::moment::Moment;
use crate::text;

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
    let mut errs = Vec::new();
    let f = &doc.front;
    let src = &doc.source;
    let err_at = |span: std::ops::Range<usize>, msg: Text, hint: Text| {
        Diagnostic::error(msg)
            .in_file(&doc.file)
            .at(src, span.start, span.end.saturating_sub(span.start))
            .hint(hint)
    };
    // Spans from the front matter are relative to its TOML block.
    let abs =
        |span: std::ops::Range<usize>| doc.toml_offset + span.start..doc.toml_offset + span.end;
    let fence = src.find("+++").unwrap_or(0);
    let title = match &f.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
        Some(t) => {
            errs.push(err_at(
                abs(t.span()),
                Text::new("Judul (`title`) kosong.", "The title (`title`) is empty."),
                Text::new(
                    "Isi judul di antara tanda kutip.",
                    "Write the title between the quotes.",
                ),
            ));
            String::new()
        }
        None => {
            errs.push(err_at(
                fence..fence + 3,
                Text::new(
                    "Judul (`title`) belum ditulis.",
                    "The title (`title`) is missing.",
                ),
                Text::new(
                    "Tambahkan baris title = \"Judul Berita\" di antara kedua baris `+++`.",
                    "Add a line title = \"Post title\" between the two `+++` lines.",
                ),
            ));
            String::new()
        }
    };
    let moment = |v: &Option<toml::Spanned<toml::value::Datetime>>,
                  key: &str,
                  errs: &mut Vec<Diagnostic>| {
        let v = v.as_ref()?;
        if let Some(d) = v.get_ref().date.filter(|d| !years::in_range(d.year.into())) {
            let (message, hint) = years::out_of_range(d.year.into(), key);
            errs.push(err_at(abs(v.span()), message, hint));
            return None;
        }
        match Moment::from_toml(v.get_ref(), zone.offset()) {
            Ok(m) => Some(m),
            Err(_) => {
                errs.push(err_at(
                    abs(v.span()),
                    {
                        let v = v.get_ref();
                        text!("`{v}` bukan tanggal yang lengkap.", "`{v}` is not a complete date.")
                    },
                    Text::new(
                        "Tulis tanggal seperti 2025-08-26 atau tanggal dan jam seperti 2025-08-26T09:30:00+07:00.",
                        "Write a date like 2025-08-26, or a date and time like 2025-08-26T09:30:00+07:00.",
                    ),
                ));
                None
            }
        }
    };
    let date = moment(&f.date, "date", &mut errs);
    let updated = moment(&f.updated, "updated", &mut errs);
    let expires = moment(&f.expires, "expires", &mut errs);
    for (later, key) in [(&f.expires, "expires"), (&f.updated, "updated")] {
        if let Some(e) = before_date(date, later, key) {
            errs.push(err_at(abs(e.0), e.1, e.2));
        }
    }
    if doc.kind == DocKind::Post && f.date.is_none() {
        let hint_date = doc
            .name_date
            .clone()
            .unwrap_or_else(|| "2025-08-26".to_string());
        errs.push(err_at(
            fence..fence + 3,
            Text::new("Tanggal terbit (`date`) belum ditulis.", "The publication date (`date`) is missing."),
            text!(
                "Tambahkan baris date = {hint_date}T09:00:00+07:00 (atau date = {hint_date}) di antara kedua baris `+++`.",
                "Add a line date = {hint_date}T09:00:00+07:00 (or date = {hint_date}) between the two `+++` lines."
            ),
        ));
    }
    let category = match &f.category {
        None => None,
        Some(c) if config.category(c.get_ref()).is_some() => Some(c.get_ref().clone()),
        Some(c) => {
            let keys: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
            let near = crate::load::tomlerr::suggest_key(c.get_ref(), &keys)
                .or_else(|| keys.iter().find(|k| slugify(c.get_ref()) == **k).copied());
            let list = keys.join(", ");
            let hint = match near {
                Some(n) => text!(
                    "Mungkin maksudnya `{n}`. Kategori yang ada di warta.toml: {list}.",
                    "Perhaps you meant `{n}`. Categories declared in warta.toml: {list}."
                ),
                None => text!(
                    "Pilih salah satu kategori di warta.toml: {list}. Kategori baru ditambahkan di bagian [categories] warta.toml.",
                    "Pick one of the categories in warta.toml: {list}. New categories are added under [categories] in warta.toml."
                ),
            };
            errs.push(err_at(
                abs(c.span()),
                {
                    let c = c.get_ref();
                    text!("Kategori `{c}` tidak dikenal.", "Unknown category `{c}`.")
                },
                hint,
            ));
            None
        }
    };
    let slug = match &f.slug {
        Some(s) => {
            let clean = slugify(s.get_ref());
            if clean.is_empty() {
                errs.push(err_at(
                    abs(s.span()),
                    Text::new(
                        "`slug` kosong setelah dibersihkan.",
                        "`slug` is empty once cleaned.",
                    ),
                    Text::new(
                        "Pakai huruf dan angka, misalnya slug = \"posyandu-krajan\".",
                        "Use letters and digits, e.g. slug = \"posyandu-krajan\".",
                    ),
                ));
            }
            clean
        }
        None => doc.name_slug.clone(),
    };
    if slug.is_empty() && f.slug.is_none() {
        errs.push(
            Diagnostic::error(Text::new(
                "Nama berkas tidak menghasilkan alamat (slug) yang sah.",
                "The file name does not give a valid address (slug).",
            ))
            .in_file(&doc.file)
            .hint(Text::new(
                "Ganti nama berkas dengan huruf dan angka, misalnya 2025-08-26-posyandu-krajan.md, atau tambahkan slug = \"...\".",
                "Rename the file with letters and digits, e.g. 2025-08-26-posyandu-krajan.md, or add slug = \"...\".",
            )),
        );
    }
    let event = f.event.as_ref().and_then(|e| {
        let start = moment(&Some(e.start.clone()), "event.start", &mut errs)?;
        let mut end = moment(&e.end, "event.end", &mut errs);
        // An event that ends before it starts cannot go into a calendar.
        if let (Some(x), Some(written)) = (end, &e.end)
            && x.until() < start.at
        {
            errs.push(err_at(
                abs(written.span()),
                Text::new(
                    "Acara selesai (`end`) sebelum dimulai (`start`).",
                    "The event ends (`end`) before it starts (`start`).",
                ),
                Text::new(
                    "Periksa tanggal dan jam `end` di bagian [event]: harus sama dengan atau sesudah `start`.",
                    "Check the date and time of `end` under [event]: it must be the same as or after `start`.",
                ),
            ));
            end = None;
        }
        Some(EventInfo {
            start,
            end,
            venue: e.venue.clone(),
            organizer: e.organizer.clone(),
        })
    });
    let urls = [("image", f.image.as_ref())]
        .into_iter()
        .chain([("source.url", f.source.as_ref().and_then(|s| s.url.as_ref()))]);
    for (key, url) in urls {
        let Some(url) = url else { continue };
        if let Verdict::Refused(scheme) = urlpolicy::verdict(url.get_ref()) {
            let (message, hint) = urlpolicy::refused_value(url.get_ref(), &scheme, key);
            errs.push(err_at(abs(url.span()), message, hint));
        }
    }
    if let Some(t) = &f.template {
        let name = t.get_ref();
        let bad = name.trim().is_empty()
            || name.starts_with('/')
            || name.split(['/', '\\']).any(|seg| seg == "..");
        if bad {
            errs.push(err_at(
                abs(t.span()),
                text!("Templat `{name}` tidak sah.", "The template `{name}` is not valid."),
                Text::new(
                    "Tulis nama templat di folder templates/, misalnya template = \"halaman-lebar.html\", atau hapus baris `template`.",
                    "Write the name of a template in templates/, e.g. template = \"wide-page.html\", or remove the `template` line.",
                ),
            ));
        }
    }
    // Slugs become folder names, which file systems cap at 255 bytes.
    let long_slugs = f
        .slug
        .iter()
        .map(|s| ("slug", s))
        .chain(f.tags.iter().map(|t| ("tags", t)));
    for (key, value) in long_slugs {
        let len = slugify(value.get_ref()).len();
        if len > MAX_SLUG {
            errs.push(err_at(
                abs(value.span()),
                text!(
                    "`{key}` terlalu panjang untuk alamat halaman ({len} huruf; paling banyak {MAX_SLUG}).",
                    "`{key}` is too long for a page address ({len} characters; at most {MAX_SLUG})."
                ),
                Text::new(
                    "Pakai beberapa kata saja, misalnya \"posyandu-krajan\".",
                    "Use a few words only, e.g. \"posyandu-krajan\".",
                ),
            ));
        }
    }
    let mut aliases = Vec::new();
    for a in &f.aliases {
        let raw = a.get_ref();
        match alias_path(raw, &config.root_path) {
            Some(p) => aliases.push(p),
            None => errs.push(err_at(
                abs(a.span()),
                text!("Alamat lama `{raw}` tidak sah.", "The old address `{raw}` is not valid."),
                Text::new(
                    "Tulis alamat di situs ini yang diawali garis miring, misalnya aliases = [\"/berita/judul-lama/\"].",
                    "Write an address on this site starting with a slash, e.g. aliases = [\"/berita/old-title/\"].",
                ),
            )),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let path = if doc.section.is_empty() {
        format!("{slug}/")
    } else {
        format!("{}/{slug}/", doc.section)
    };
    let post = Post {
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
    };
    Ok(post)
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

/// `expires` or `updated` earlier than `date` cannot be true: the span of
/// the later key with a message and a hint, or None when it is in order.
fn before_date(
    date: Option<Moment>,
    later: &Option<toml::Spanned<toml::value::Datetime>>,
    key: &str,
) -> Option<(std::ops::Range<usize>, Text, Text)> {
    let (date, written) = (date?, later.as_ref()?);
    let moment = Moment::from_toml(written.get_ref(), *date.at.offset()).ok()?;
    if moment.until() >= date.at {
        return None;
    }
    let (w, d) = (written.get_ref(), date.at.date_naive());
    let (what_id, what_en, hint_id, hint_en) = if key == "expires" {
        (
            "Pengumuman berakhir",
            "The announcement expires",
            "Tulis tanggal berakhirnya sesudah `date`, atau hapus baris `expires` bila pengumuman tidak berakhir.",
            "Write an expiry after `date`, or remove the `expires` line if the announcement does not end.",
        )
    } else {
        (
            "Tulisan diperbarui",
            "The post is updated",
            "Tulis tanggal pembaruan sesudah `date`, atau hapus baris `updated`.",
            "Write the update's date after `date`, or remove the `updated` line.",
        )
    };
    Some((
        written.span(),
        text!(
            "{what_id} (`{key}` = {w}) sebelum tanggal terbitnya (`date`, {d}).",
            "{what_en} (`{key}` = {w}) before it is published (`date`, {d})."
        ),
        Text::new(hint_id, hint_en),
    ))
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
