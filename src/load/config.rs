//! `warta.toml`: the site's settings.
//!
//! Parsed into `RawConfig` exactly as written (unknown keys are errors
//! that name the nearest valid key), then resolved into [`Config`], the
//! form the rest of the pipeline uses: defaults filled in, `base_url`
//! split into origin and path, categories kept in the order written.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::format::TimeStyle;
use crate::load::tomlerr::parse_toml;
use crate::{fsx, text};

pub const CONFIG_FILE: &str = "warta.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: toml::Spanned<String>,
    #[serde(default)]
    description: String,
    base_url: toml::Spanned<String>,
    language: Option<toml::Spanned<String>>,
    theme: Option<String>,
    posts_per_page: Option<toml::Spanned<i64>>,
    #[serde(default)]
    time_style: TimeStyle,
    #[serde(default)]
    categories: toml::Table,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default)]
    build: BuildSettings,
    #[serde(default)]
    images: ImageSettings,
    #[serde(default)]
    feeds: FeedSettings,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BuildSettings {
    #[serde(default)]
    pub drafts: bool,
    #[serde(default)]
    pub future: bool,
    #[serde(default)]
    pub minify: bool,
    #[serde(default)]
    pub unsafe_html: bool,
    /// URLs per sitemap file; past it, `/sitemap.xml` becomes an index of
    /// `/sitemap-1.xml`, `/sitemap-2.xml`… (sitemaps.org allows 50,000,
    /// which is also the most this accepts).
    #[serde(default = "default_sitemap_max_urls")]
    pub sitemap_max_urls: usize,
    /// Paths in the output that are not warta's and survive a build
    /// (besides `.git`, `CNAME` and `.nojekyll`): `keep = ["google123.html"]`.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Warnings fail the build (`--strict`), for CI.
    #[serde(default)]
    pub strict: bool,
}

impl Default for BuildSettings {
    fn default() -> Self {
        BuildSettings {
            drafts: false,
            future: false,
            minify: false,
            unsafe_html: false,
            sitemap_max_urls: default_sitemap_max_urls(),
            keep: Vec::new(),
            strict: false,
        }
    }
}

fn default_sitemap_max_urls() -> usize {
    50_000
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSettings {
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    #[serde(default = "default_quality")]
    pub quality: u8,
    #[serde(default = "default_true")]
    pub strip_location: bool,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: default_widths(),
            quality: default_quality(),
            strip_location: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSettings {
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
    #[serde(default)]
    pub full_content: bool,
}

impl Default for FeedSettings {
    fn default() -> Self {
        FeedSettings {
            limit: default_feed_limit(),
            full_content: false,
        }
    }
}

fn default_widths() -> Vec<u32> {
    vec![480, 960, 1600]
}
fn default_quality() -> u8 {
    75
}
fn default_true() -> bool {
    true
}
fn default_feed_limit() -> usize {
    20
}

/// A declared category: the key posts use, the name readers see.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CategoryDecl {
    pub key: String,
    pub name: String,
}

/// The resolved settings.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// `https://x.github.io/sukamaju`, never with a trailing slash.
    pub base_url: String,
    /// The path part of `base_url`, always with both slashes: `/` or `/sukamaju/`.
    pub root_path: String,
    #[serde(serialize_with = "serialize_lang")]
    pub language: Lang,
    pub theme: String,
    pub posts_per_page: usize,
    pub time_style: TimeStyle,
    pub categories: Vec<CategoryDecl>,
    pub menu: Vec<MenuItem>,
    pub build: BuildSettings,
    pub images: ImageSettings,
    pub feeds: FeedSettings,
}

fn serialize_lang<S: serde::Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(lang.code())
}

impl Config {
    pub fn category(&self, key: &str) -> Option<&CategoryDecl> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// Replaces `base_url` (from `--base-url`), recomputing the root path.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Text> {
        let (base, root) = split_base_url(url)?;
        self.base_url = base;
        self.root_path = root;
        Ok(())
    }
}

/// Splits `https://host/sub/` into (`https://host/sub`, `/sub/`).
pub fn split_base_url(url: &str) -> Result<(String, String), Text> {
    let url = url.trim();
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err(text!(
            "`base_url` harus diawali https:// atau http://, misalnya \"https://kim-sukamaju.example.org\" (tertulis: \"{url}\").",
            "`base_url` must start with https:// or http://, e.g. \"https://kim-sukamaju.example.org\" (found: \"{url}\")."
        ));
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(text!(
            "`base_url` tidak memuat nama domain yang sah: \"{url}\".",
            "`base_url` has no valid host name: \"{url}\"."
        ));
    }
    let path = path.trim_matches('/');
    let scheme_end = url.len() - rest.len();
    let base = format!(
        "{}{host}{}{path}",
        &url[..scheme_end],
        if path.is_empty() { "" } else { "/" }
    );
    let root = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    Ok((base, root))
}

/// Reads and resolves `<root>/warta.toml`.
pub fn load_config(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    let file = Path::new(CONFIG_FILE);
    let source = fsx::read_site_text(root, &path).map_err(|d| {
        d.in_file(file).hint(Text::new(
            "Jalankan warta di folder situs (yang berisi warta.toml), atau beri --root FOLDER. Situs baru dibuat dengan `warta init FOLDER`.",
            "Run warta in the site folder (the one with warta.toml), or pass --root FOLDER. Create a new site with `warta init FOLDER`.",
        ))
    })?;
    let what = Text::new("warta.toml", "warta.toml");
    let raw: RawConfig = parse_toml(&source, file, &source, 0, &what)?;
    resolve(raw, file, &source)
}

fn resolve(raw: RawConfig, file: &Path, source: &str) -> Result<Config, Diagnostics> {
    let mut problems = Diagnostics::new();
    let at = |span: std::ops::Range<usize>, msg: Text, hint: Text| {
        Diagnostic::error(msg)
            .in_file(file)
            .at(source, span.start, span.end - span.start)
            .hint(hint)
    };
    let (base_url, root_path) = match split_base_url(raw.base_url.get_ref()) {
        Ok(v) => v,
        Err(msg) => {
            problems.push(at(
                raw.base_url.span(),
                msg,
                Text::new(
                    "Tulis alamat lengkap situs, misalnya base_url = \"https://nama.github.io/desa\".",
                    "Write the site's full address, e.g. base_url = \"https://name.github.io/village\".",
                ),
            ));
            (String::new(), "/".to_string())
        }
    };
    let language = match &raw.language {
        None => Lang::Id,
        Some(l) => match l.get_ref().as_str() {
            "id" => Lang::Id,
            "en" => Lang::En,
            other => {
                problems.push(at(
                    l.span(),
                    text!(
                        "Bahasa `{other}` tidak didukung.",
                        "Language `{other}` is not supported."
                    ),
                    Text::new(
                        "Pakai language = \"id\" atau \"en\".",
                        "Use language = \"id\" or \"en\".",
                    ),
                ));
                Lang::Id
            }
        },
    };
    let posts_per_page = match &raw.posts_per_page {
        None => 10,
        Some(n) if (1..=1000).contains(n.get_ref()) => *n.get_ref() as usize,
        Some(n) => {
            problems.push(at(
                n.span(),
                Text::new(
                    "`posts_per_page` harus antara 1 dan 1000.",
                    "`posts_per_page` must be between 1 and 1000.",
                ),
                Text::new(
                    "Misalnya posts_per_page = 10.",
                    "For example posts_per_page = 10.",
                ),
            ));
            10
        }
    };
    for d in crate::load::tomlscan::scan(source, file, &crate::load::tomlscan::CONFIG) {
        problems.push(d);
    }
    let categories = resolve_categories(&raw.categories, file, source, &mut problems);
    check_images(&raw.images, file, source, &mut problems);
    check_keep(&raw.build.keep, file, source, &mut problems);
    check_limits(&raw.build, &raw.feeds, file, source, &mut problems);
    if raw.title.get_ref().trim().is_empty() {
        problems.push(at(
            raw.title.span(),
            Text::new(
                "Judul situs (`title`) kosong.",
                "The site title (`title`) is empty.",
            ),
            Text::new(
                "Isi nama situs, misalnya title = \"KIM Sukamaju Berdaya\".",
                "Give the site a name, e.g. title = \"KIM Sukamaju Berdaya\".",
            ),
        ));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let menu = if raw.menu.is_empty() {
        default_menu(language)
    } else {
        raw.menu
    };
    Ok(Config {
        title: raw.title.into_inner(),
        description: raw.description,
        base_url,
        root_path,
        language,
        theme: raw.theme.unwrap_or_else(|| "desa".to_string()),
        posts_per_page,
        time_style: raw.time_style,
        categories,
        menu,
        build: raw.build,
        images: raw.images,
        feeds: raw.feeds,
    })
}

/// `[build] keep`: paths inside the output, that warta does not make.
fn check_keep(keep: &[String], file: &Path, source: &str, problems: &mut Diagnostics) {
    for k in keep {
        let rel = k.trim_matches('/');
        let ok = !rel.is_empty()
            && !k.contains(['\\', ':', '\0'])
            && rel
                .split('/')
                .all(|p| !p.is_empty() && p != "." && p != "..")
            && rel != crate::fsx::OUTPUT_MARKER;
        if ok {
            continue;
        }
        let quoted = format!("\"{k}\"");
        let mut d = Diagnostic::error(text!(
            "`keep` berisi `{k}`, yang bukan jalur di dalam folder keluaran.",
            "`keep` holds `{k}`, which is not a path inside the output folder."
        ))
        .in_file(file)
        .hint(Text::new(
            "Tulis jalur relatif terhadap folder keluaran, tanpa `..`, misalnya keep = [\"google1234.html\", \"arsip-lama/\"].",
            "Write paths relative to the output folder, without `..`, e.g. keep = [\"google1234.html\", \"old-archive/\"].",
        ));
        if let Some(at) = source.find(&quoted) {
            d = d.at(source, at, quoted.len());
        }
        problems.push(d);
    }
}

fn resolve_categories(
    table: &toml::Table,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) -> Vec<CategoryDecl> {
    let mut out = Vec::new();
    for (key, value) in table {
        let ok_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let line = find_key_line(source, "categories", key);
        match value.as_str() {
            Some(name) if ok_key => out.push(CategoryDecl {
                key: key.clone(),
                name: name.to_string(),
            }),
            _ => problems.push(
                Diagnostic::error(text!(
                    "Kategori `{key}` tidak sah: kuncinya hanya boleh huruf kecil, angka dan tanda minus, dan nilainya nama kategori dalam tanda kutip.",
                    "Category `{key}` is invalid: its key may only hold lower-case letters, digits and hyphens, and its value is the category name in quotes."
                ))
                .in_file(file)
                .at_line(source, line, 1)
                .hint(Text::new(
                    "Contoh: berita-desa = \"Berita Desa\"",
                    "Example: berita-desa = \"Berita Desa\"",
                )),
            ),
        }
    }
    out
}

/// `[images]`: widths a browser can use and libwebp can write, a quality
/// that means something.
fn check_images(images: &ImageSettings, file: &Path, source: &str, problems: &mut Diagnostics) {
    let ok_widths = !images.widths.is_empty()
        && images.widths.len() <= 8
        && images.widths.iter().all(|w| (16..=8192).contains(w));
    if !ok_widths {
        let widths = format!("{:?}", images.widths);
        problems.push(
            Diagnostic::error(text!(
                "`[images] widths = {widths}` tidak bisa dipakai: tulis 1 sampai 8 lebar, masing-masing 16 sampai 8192 piksel.",
                "`[images] widths = {widths}` cannot be used: give 1 to 8 widths, each 16 to 8192 pixels."
            ))
            .in_file(file)
            .at_line(source, find_key_line(source, "images", "widths"), 1)
            .hint(Text::new(
                "Bawaannya widths = [480, 960, 1600]: cukup untuk ponsel dan laptop.",
                "The default is widths = [480, 960, 1600]: enough for phones and laptops.",
            )),
        );
    }
    if !(1..=100).contains(&images.quality) {
        let q = images.quality;
        problems.push(
            Diagnostic::error(text!(
                "`[images] quality = {q}` harus antara 1 dan 100.",
                "`[images] quality = {q}` must be between 1 and 100."
            ))
            .in_file(file)
            .at_line(source, find_key_line(source, "images", "quality"), 1)
            .hint(Text::new(
                "Bawaannya quality = 75: foto tetap jelas dan ringan. Angka lebih tinggi membuat berkas lebih berat.",
                "The default is quality = 75: clear and light. Higher numbers make heavier files.",
            )),
        );
    }
}

/// `[build] sitemap_max_urls` and `[feeds] limit`: counts that must let
/// something through and stay within what readers of the files accept.
fn check_limits(
    build: &BuildSettings,
    feeds: &FeedSettings,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) {
    let n = build.sitemap_max_urls;
    if !(1..=50_000).contains(&n) {
        problems.push(
            Diagnostic::error(text!(
                "`[build] sitemap_max_urls = {n}` harus antara 1 dan 50000.",
                "`[build] sitemap_max_urls = {n}` must be between 1 and 50000."
            ))
            .in_file(file)
            .at_line(source, find_key_line(source, "build", "sitemap_max_urls"), 1)
            .hint(Text::new(
                "Bawaannya 50000, batas sitemaps.org: hapus baris ini kecuali mesin pencari meminta berkas yang lebih kecil.",
                "The default is 50000, the sitemaps.org limit: remove the line unless a search engine asks for smaller files.",
            )),
        );
    }
    let n = feeds.limit;
    if !(1..=1000).contains(&n) {
        problems.push(
            Diagnostic::error(text!(
                "`[feeds] limit = {n}` harus antara 1 dan 1000.",
                "`[feeds] limit = {n}` must be between 1 and 1000."
            ))
            .in_file(file)
            .at_line(source, find_key_line(source, "feeds", "limit"), 1)
            .hint(Text::new(
                "Bawaannya limit = 20: tulisan terbaru yang dibaca aplikasi berita. Umpan yang lebih panjang memberatkan kuota pembaca.",
                "The default is limit = 20: the latest posts news apps read. Longer feeds cost readers data.",
            )),
        );
    }
}

/// The 1-based line where `key = ` is written under `[table]`, for values
/// without spans; the key may be written in quotes (`"berita desa" = …`).
/// Line 1 when it is not found (a value set by an inline table).
fn find_key_line(source: &str, table: &str, key: &str) -> usize {
    let mut current = String::new();
    for (i, line) in source.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            current = header.trim_end_matches(']').trim().to_string();
            continue;
        }
        let Some((written, _)) = line.split_once('=') else {
            continue;
        };
        let written = written.trim();
        let unquoted = written
            .strip_prefix('"')
            .and_then(|k| k.strip_suffix('"'))
            .or_else(|| {
                written
                    .strip_prefix('\'')
                    .and_then(|k| k.strip_suffix('\''))
            })
            .unwrap_or(written);
        if current == table && unquoted == key {
            return i + 1;
        }
    }
    1
}

fn default_menu(lang: Lang) -> Vec<MenuItem> {
    let items: [(&str, &str, &str); 6] = [
        ("Beranda", "Home", "/"),
        ("Berita", "News", "/berita/"),
        ("Profil", "Profile", "/profil/"),
        ("Pemerintahan", "Government", "/pemerintahan/"),
        ("KIM", "KIM", "/kim/"),
        ("Kontak", "Contact", "/kontak/"),
    ];
    items
        .iter()
        .map(|(id, en, url)| MenuItem {
            name: if lang == Lang::Id { id } else { en }.to_string(),
            url: url.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::split_base_url;

    #[test]
    fn splits_base_urls() {
        for (url, base, root) in [
            ("https://kim.example.org", "https://kim.example.org", "/"),
            ("https://kim.example.org/", "https://kim.example.org", "/"),
            (
                "https://x.github.io/sukamaju",
                "https://x.github.io/sukamaju",
                "/sukamaju/",
            ),
            (
                "http://127.0.0.1:1111/a/b/",
                "http://127.0.0.1:1111/a/b",
                "/a/b/",
            ),
        ] {
            assert_eq!(
                split_base_url(url).unwrap(),
                (base.to_string(), root.to_string()),
                "{url}"
            );
        }
        assert!(split_base_url("kim.example.org").is_err());
        assert!(split_base_url("https:///x").is_err());
    }
}
