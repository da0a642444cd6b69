//! `warta.toml`: the site's settings.
//!
//! Parsed into `RawConfig` exactly as written (unknown keys are errors
//! that name the nearest valid key), then resolved into [`Config`], the
//! form the rest of the pipeline uses: defaults filled in, `base_url`
//! split into origin and path, categories kept in the order written.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostics, Lang, Text};
use crate::format::TimeStyle;
use crate::load::tomlerr::parse_toml;
use crate::output::budget::Host;
use crate::{fsx, text};

mod checks;

pub use checks::unknown_host_hint;
use checks::{
    check_images, check_keep, check_limits, check_title, host, language, posts_per_page,
    resolve_categories, site_address,
};

pub const CONFIG_FILE: &str = "warta.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: toml::Spanned<String>,
    #[serde(default)]
    description: String,
    /// May be left out in a village of a network, which gives the address.
    base_url: Option<toml::Spanned<String>>,
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
    /// Where the site is published (`github-pages`, …): its limits are
    /// checked before the swap.
    host: Option<toml::Spanned<String>>,
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
    /// Where the site is published; [`Host::None`] when not said.
    #[serde(skip)]
    pub host: Host,
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
    load_config_with(root, None)
}

/// Reads and resolves `<root>/warta.toml`, at `fallback` when it sets no
/// `base_url` (a village of a network: the network gives its address).
pub fn load_config_with(root: &Path, fallback: Option<&str>) -> Result<Config, Diagnostics> {
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
    resolve(raw, file, &source, fallback)
}

fn resolve(
    raw: RawConfig,
    file: &Path,
    source: &str,
    fallback: Option<&str>,
) -> Result<Config, Diagnostics> {
    let mut problems = Diagnostics::new();
    let (base_url, root_path) =
        site_address(raw.base_url.as_ref(), fallback, file, source, &mut problems);
    let language = language(raw.language.as_ref(), file, source, &mut problems);
    let host = host(raw.host.as_ref(), file, source, &mut problems);
    let posts_per_page = posts_per_page(raw.posts_per_page.as_ref(), file, source, &mut problems);
    for d in crate::load::tomlscan::scan(source, file, &crate::load::tomlscan::CONFIG) {
        problems.push(d);
    }
    let categories = resolve_categories(&raw.categories, file, source, &mut problems);
    check_images(&raw.images, file, source, &mut problems);
    check_keep(&raw.build.keep, file, source, &mut problems);
    check_limits(&raw.build, &raw.feeds, file, source, &mut problems);
    check_title(&raw.title, file, source, &mut problems);
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
        host,
    })
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
