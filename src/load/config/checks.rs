//! The checks that turn `warta.toml` as written into [`super::Config`]:
//! each takes one key or table, reports what cannot be used at its line
//! (into `problems`, so every mistake is listed at once) and returns the
//! value to use.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::output::budget::Host;
use crate::text;

use super::{BuildSettings, CategoryDecl, FeedSettings, ImageSettings, split_base_url};

/// An error at `span` of warta.toml (`file` and its `source`).
fn error_at(
    file: &Path,
    source: &str,
    span: std::ops::Range<usize>,
    message: Text,
    hint: Text,
) -> Diagnostic {
    Diagnostic::error(message)
        .in_file(file)
        .at(source, span.start, span.end - span.start)
        .hint(hint)
}

/// The site's `title`, which may not be empty.
pub(super) fn check_title(
    title: &toml::Spanned<String>,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) {
    if title.get_ref().trim().is_empty() {
        problems.push(error_at(
            file,
            source,
            title.span(),
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
}

/// `base_url` split into the address and the sub-path pages live under;
/// `fallback` (the address a network gives) when it is not written.
pub(super) fn site_address(
    base_url: Option<&toml::Spanned<String>>,
    fallback: Option<&str>,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) -> (String, String) {
    let Some(base_url) = base_url else {
        if let Some(Ok(address)) = fallback.map(split_base_url) {
            return address;
        }
        problems.push(
            Diagnostic::error(text!(
                "Kunci wajib `base_url` belum ada di warta.toml.",
                "The required key `base_url` is missing in warta.toml."
            ))
            .in_file(file)
            .at(source, 0, 0)
            .hint(text!(
                "Tambahkan baris `base_url = \"https://nama.github.io/desa\"` di warta.toml.",
                "Add a line `base_url = \"https://name.github.io/village\"` to warta.toml."
            )),
        );
        return (String::new(), "/".to_string());
    };
    split_base_url(base_url.get_ref()).unwrap_or_else(|msg| {
        problems.push(error_at(
            file,
            source,
            base_url.span(),
            msg,
            Text::new(
                "Tulis alamat lengkap situs, misalnya base_url = \"https://nama.github.io/desa\".",
                "Write the site's full address, e.g. base_url = \"https://name.github.io/village\".",
            ),
        ));
        (String::new(), "/".to_string())
    })
}

pub(super) fn language(
    written: Option<&toml::Spanned<String>>,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) -> Lang {
    let Some(l) = written else {
        return Lang::Id;
    };
    match l.get_ref().as_str() {
        "id" => Lang::Id,
        "en" => Lang::En,
        other => {
            problems.push(error_at(
                file,
                source,
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
    }
}

/// `host`: where the site is published, whose limits every build checks.
pub(super) fn host(
    written: Option<&toml::Spanned<String>>,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) -> Host {
    let Some(h) = written else {
        return Host::None;
    };
    Host::parse(h.get_ref()).unwrap_or_else(|| {
        let value = h.get_ref();
        problems.push(error_at(
            file,
            source,
            h.span(),
            text!("Host `{value}` tidak dikenal.", "Unknown host `{value}`."),
            unknown_host_hint(value),
        ));
        Host::None
    })
}

/// What to write instead of an unknown `host` value: the nearest name,
/// and every name.
pub fn unknown_host_hint(value: &str) -> Text {
    let names = Host::NAMES.map(|(n, _)| n);
    let list = names.join(", ");
    // "github" means "github-pages": a name's first word first.
    let lower = value.trim().to_lowercase();
    let by_word = names
        .iter()
        .find(|n| !lower.is_empty() && n.split('-').next() == Some(lower.as_str()))
        .copied();
    match by_word.or_else(|| crate::load::tomlerr::suggest_key(value, &names)) {
        Some(near) => text!(
            "Mungkin maksudnya \"{near}\"? Pilih salah satu: {list}.",
            "Did you mean \"{near}\"? Choose one of: {list}."
        ),
        None => text!("Pilih salah satu: {list}.", "Choose one of: {list}."),
    }
}

pub(super) fn posts_per_page(
    written: Option<&toml::Spanned<i64>>,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) -> usize {
    match written {
        None => 10,
        Some(n) if (1..=1000).contains(n.get_ref()) => *n.get_ref() as usize,
        Some(n) => {
            problems.push(error_at(
                file,
                source,
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
    }
}

/// `[build] keep`: paths inside the output, that warta does not make.
pub(super) fn check_keep(keep: &[String], file: &Path, source: &str, problems: &mut Diagnostics) {
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

pub(super) fn resolve_categories(
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
pub(super) fn check_images(
    images: &ImageSettings,
    file: &Path,
    source: &str,
    problems: &mut Diagnostics,
) {
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
pub(super) fn check_limits(
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
