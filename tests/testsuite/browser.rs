//! The built-in `desa` theme as readers get it.
//!
//! The browser tests build `content-example` (and an English copy of it),
//! serve the output on 127.0.0.1 with the small static server below, and
//! run `tests/browser/check.mjs`, which drives headless Chromium (Debian's
//! `chromium`, through playwright-core) over one page of every type. They
//! assert on its JSON report: no axe-core WCAG 2.1 AA violation, nothing
//! wider than a 360 px phone, no script, no web font, no broken request,
//! the home page light, a post printing as a clean bulletin with its URL.
//! Screenshots at 360 and 1280 px land in `target/browser-shots/{id,en}/`
//! for a person to look at.
//!
//! Node.js and Chromium are prerequisites; the Node packages install
//! themselves on first use (`browser_tools.rs`). Without Node.js or
//! Chromium these tests fail and say what to install, so a missing browser
//! never passes for a green run; `WARTA_SKIP_BROWSER=1` at build time
//! marks them ignored. The remaining tests read the built HTML and the
//! theme's files and need no browser.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::browser_tools::browser_tools;
use crate::support::{Site, repo};

/// One page of every type in content-example, and a URL that does not exist.
const PAGES: &[&str] = &[
    "/",
    "/berita/posyandu-krajan/",
    "/berita/klarifikasi-hoaks-pendaftaran-bansos/",
    "/agenda/festival-kopi-dan-bazar-umkm-2025/",
    "/pengumuman/jam-layanan-dan-saluran-pengaduan/",
    "/berita/",
    "/berita/halaman/2/",
    "/agenda/",
    "/kategori/",
    "/kategori/kesehatan/",
    "/tag/",
    "/tag/posyandu/",
    "/arsip/",
    "/arsip/2025/08/",
    "/profil/",
    "/profil/sejarah/",
    "/lembaga/bpd/",
    "/pemerintahan/",
    "/kim/",
    "/kim/laporan/",
    "/kim/laporan/2026/11/",
    "/pembangunan/",
    "/dokumen/",
    "/dokumen/perdes-5-2025-apbdes-2026/",
    "/kontak/",
    "/404.html",
    "/halaman-yang-tidak-ada/",
    "/cari/",
    "/produk/",
    "/produk/kopi-robusta-bubuk-lereng-kawi/",
    "/produk/keripik-singkong-pedas-daun-jeruk/",
    "/potensi/",
    "/wisata/",
    "/wisata/coban-lintang/",
    "/galeri/",
    "/galeri/panen-padi-2025/",
];

/// The post printed as a bulletin.
const PRINTED: &str = "/berita/posyandu-krajan/";

const HOME_BUDGET_KIB: f64 = 50.0;
const CSS_BUDGET_BYTES: u64 = 15 * 1024;

// ---------------------------------------------------------------- browser

#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn every_page_type_is_accessible_and_fits_a_phone() {
    let node = browser_tools();
    let site = Site::fixture("content-example");
    site.build_ok();
    let report = look(&node, &site, "id");
    assert_pages(&report, "id_ID");
}

#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn english_site_is_accessible_and_fits_a_phone() {
    let node = browser_tools();
    let site = Site::fixture("content-example");
    site.edit("warta.toml", "language = \"id\"", "language = \"en\"");
    // A member without a photo, so the initials stand-in is looked at too.
    site.edit("profile.toml", "photo = \"media/kim/wulan.jpg\"\n", "");
    site.build_ok();
    assert!(
        site.read("public/kim/index.html")
            .contains("<span class=\"avatar initials\" aria-hidden=\"true\">WA</span>"),
        "initials for the member without a photo"
    );
    let report = look(&node, &site, "en");
    assert_pages(&report, "en_US");
}

/// Runs check.mjs over `site`'s output; the parsed JSON report.
fn look(node: &str, site: &Site, lang: &str) -> Value {
    let base = serve(site.path("public"));
    let out = shots_dir().join(lang);
    let _ = std::fs::remove_dir_all(&out);
    let script = repo().join("tests/browser/check.mjs");
    let result = Command::new(node)
        .arg(&script)
        .arg(&base)
        .arg(&out)
        .arg(format!("--print={PRINTED}"))
        .args(PAGES)
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "check.mjs failed ({}):\n{stderr}",
        result.status
    );
    let report: Value = serde_json::from_slice(&result.stdout)
        .unwrap_or_else(|e| panic!("check.mjs printed no JSON ({e}):\n{stderr}"));
    eprintln!(
        "browser: {} pages looked at in Chromium {}; screenshots in {}",
        PAGES.len(),
        report["chromium"].as_str().unwrap_or("?"),
        out.display()
    );
    report
}

fn page<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["pages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["path"] == path))
        .unwrap_or_else(|| panic!("no report for {path}"))
}

/// Every check on every page; all failures in one message.
fn assert_pages(report: &Value, locale: &str) {
    let mut problems = Vec::new();
    for p in report["pages"].as_array().expect("pages") {
        let path = p["path"].as_str().unwrap_or("?");
        let mut bad = |what: String| problems.push(format!("{path}: {what}"));
        let expected = if path == "/halaman-yang-tidak-ada/" {
            404
        } else {
            200
        };
        if p["status"] != expected {
            bad(format!("HTTP {} (expected {expected})", p["status"]));
        }
        for v in p["axe"].as_array().into_iter().flatten() {
            bad(format!(
                "axe {} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            ));
        }
        for (key, width) in [("overflow", 360), ("overflowDesktop", 1280)] {
            let o = &p[key];
            if o["scrollWidth"].as_u64() > o["clientWidth"].as_u64()
                || o["offenders"].as_array().is_some_and(|a| !a.is_empty())
            {
                bad(format!("wider than {width} px: {o}"));
            }
        }
        for key in ["failedRequests", "consoleErrors"] {
            if p[key].as_array().is_some_and(|a| !a.is_empty()) {
                bad(format!("{key}: {}", p[key]));
            }
        }
        // Only search needs a script: its index and cari.js.
        let scripts = if path == "/cari/" { 2 } else { 0 };
        if p["scripts"] != scripts {
            bad(format!(
                "{} <script> element(s); the theme needs {scripts}",
                p["scripts"]
            ));
        }
        let kinds: &[&str] = if path == "/cari/" {
            &["font"]
        } else {
            &["script", "font"]
        };
        for kind in kinds {
            if p["bytes"][kind].as_u64().unwrap_or(0) > 0 {
                bad(format!("loads a {kind}: {}", p["bytes"]));
            }
        }
        for img in p["unsizedImages"].as_array().into_iter().flatten() {
            // Photos in a post's body and figures get their sizes from the
            // image pipeline (issue 7); the theme's own images have them.
            if img["in"].is_null() {
                bad(format!("image without width and height: {}", img["src"]));
            }
        }
        let head = &p["head"];
        for key in [
            "description",
            "canonical",
            "ogTitle",
            "ogDescription",
            "ogType",
            "ogUrl",
            "ogImage",
            "ogSiteName",
            "twitterCard",
        ] {
            if head[key].as_str().is_none_or(|s| s.trim().is_empty()) {
                bad(format!("no {key} in <head>"));
            }
        }
        if !head["ogImage"]
            .as_str()
            .is_some_and(|s| s.starts_with("https://"))
        {
            bad(format!(
                "og:image is not an absolute https URL: {}",
                head["ogImage"]
            ));
        }
        if head["ogLocale"] != locale {
            bad(format!(
                "og:locale {} (expected {locale})",
                head["ogLocale"]
            ));
        }
        if p["title"].as_str().is_none_or(str::is_empty) {
            bad("no <title>".into());
        }
        if p["h1"].as_array().map_or(0, Vec::len) != 1 {
            bad(format!("{} <h1> elements (expected one)", p["h1"]));
        }
        for shot in p["shots"].as_array().into_iter().flatten() {
            let f = Path::new(shot.as_str().unwrap_or_default());
            if std::fs::metadata(f).map_or(0, |m| m.len()) == 0 {
                bad(format!("no screenshot {}", f.display()));
            }
        }
    }
    let home = page(report, "/");
    let bytes = &home["bytes"];
    let without_images: u64 = bytes
        .as_object()
        .expect("bytes by type")
        .iter()
        .filter(|(k, _)| k.as_str() != "image")
        .map(|(_, v)| v.as_u64().unwrap_or(0))
        .sum();
    let kib = without_images as f64 / 1024.0;
    if kib > HOME_BUDGET_KIB {
        problems.push(format!(
            "/: {kib:.1} KiB without photos, over the {HOME_BUDGET_KIB} KiB budget ({bytes})"
        ));
    }
    let printed = &report["prints"][0];
    let seen = &printed["visible"];
    for (part, want) in [
        ("title", true),
        ("permalink", true),
        ("nav", false),
        ("footer", false),
        ("share", false),
        ("prevnext", false),
    ] {
        if seen[part] != want {
            problems.push(format!(
                "printed {PRINTED}: {part} {} on paper",
                if want { "missing" } else { "still" }
            ));
        }
    }
    if !seen["permalinkText"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://") && u.ends_with(PRINTED))
    {
        problems.push(format!(
            "printed {PRINTED}: the URL on paper is {}",
            seen["permalinkText"]
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) in the browser (screenshots in {}):\n  {}",
        problems.len(),
        report["out"].as_str().unwrap_or("?"),
        problems.join("\n  ")
    );
}

/// `target/browser-shots`, next to cargo's own output.
fn shots_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(&tmp).join("browser-shots")
}

// ---------------------------------------------------------------- server

/// Serves `dir` on 127.0.0.1 at a free port until the test process ends;
/// its base URL. Like a static host: `/x/` is `/x/index.html`, a missing
/// file is `404.html` with status 404.
pub(crate) fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
    let addr = listener.local_addr().expect("bound address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &dir);
            });
        }
    });
    format!("http://{addr}")
}

fn respond(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut words = request.split_whitespace();
    let method = words.next().unwrap_or_default();
    let target = words.next().unwrap_or("/");
    let url_path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, file) = match resolve(dir, url_path) {
        Some(f) => ("200 OK", f),
        None => ("404 Not Found", dir.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = percent_decode(url_path.trim_start_matches('/'));
    if rel.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = dir.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" | "geojson" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

// ---------------------------------------------------------------- no browser

#[test]
fn stylesheet_is_one_small_file() {
    let css = repo().join("themes/desa/static/style.css");
    let size = std::fs::metadata(&css).expect("style.css").len();
    assert!(
        size <= CSS_BUDGET_BYTES,
        "themes/desa/static/style.css is {size} bytes, over the {CSS_BUDGET_BYTES}-byte budget"
    );
    let text = std::fs::read_to_string(&css).unwrap();
    assert!(
        !text.contains("@import") && !text.contains("@font-face"),
        "no imports, no web fonts"
    );
}

/// Every `t.KEY` a template uses exists in id.toml and en.toml, and both
/// files have the same keys, so `language = "en"` is a complete English site.
#[test]
fn ui_strings_exist_in_both_languages() {
    let theme = repo().join("themes/desa");
    let strings = |lang: &str| -> toml::Table {
        let path = theme.join(format!("i18n/{lang}.toml"));
        toml::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let (id, en) = (strings("id"), strings("en"));
    let only = |a: &toml::Table, b: &toml::Table| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert!(
        only(&id, &en).is_empty(),
        "only in id.toml: {:?}",
        only(&id, &en)
    );
    assert!(
        only(&en, &id).is_empty(),
        "only in en.toml: {:?}",
        only(&en, &id)
    );
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(theme.join("templates")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let src = std::fs::read_to_string(entry.path()).unwrap();
        for (at, _) in src.match_indices("t.") {
            let before = src[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == '.' {
                continue;
            }
            let key: String = src[at + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() && !id.contains_key(&key) {
                missing.push(format!("{}: t.{key}", entry.path().display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "UI strings used but not defined:\n{}",
        missing.join("\n")
    );
}

#[test]
fn english_site_shows_english_ui_strings() {
    let site = Site::fixture("content-example");
    site.edit("warta.toml", "language = \"id\"", "language = \"en\"");
    site.build_ok();
    let home = site.read("public/index.html");
    let post = site.read("public/berita/posyandu-krajan/index.html");
    assert!(home.contains("<html lang=\"en\""));
    for english in [
        "Latest news",
        "Upcoming events",
        "Skip to content",
        "at a glance",
    ] {
        assert!(home.contains(english), "home lacks {english:?}");
    }
    for english in [
        "Share on WhatsApp",
        "Reporter:",
        "Tuesday, 26 August 2025 · 09.30 WIB",
    ] {
        assert!(post.contains(english), "post lacks {english:?}");
    }
    for indonesian in [
        "Berita terbaru",
        "Agenda mendatang",
        "Langsung ke isi",
        "Bagikan ke WhatsApp",
        "Pewarta:",
        "Selasa, 26 Agustus",
    ] {
        assert!(
            !home.contains(indonesian) && !post.contains(indonesian),
            "Indonesian UI string {indonesian:?} on the English site"
        );
    }
}

/// What a link shared on WhatsApp needs, on every page written.
#[test]
fn every_page_has_title_description_canonical_and_opengraph() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let tags = [
        "<title>",
        "<meta name=\"description\" content=\"",
        "<link rel=\"canonical\" href=\"https://kim-sukamaju.example.org/",
        "<meta property=\"og:title\" content=\"",
        "<meta property=\"og:description\" content=\"",
        "<meta property=\"og:type\" content=\"",
        "<meta property=\"og:url\" content=\"https://kim-sukamaju.example.org/",
        "<meta property=\"og:image\" content=\"https://kim-sukamaju.example.org/",
        "<meta property=\"og:locale\" content=\"id_ID\">",
        "<meta property=\"og:site_name\" content=\"KIM Sukamaju Berdaya\">",
        "<meta name=\"twitter:card\" content=\"",
    ];
    let mut problems = Vec::new();
    let mut pages = 0;
    for f in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        pages += 1;
        let html = site.read(&format!("public/{f}"));
        let head = html.split("</head>").next().unwrap_or_default();
        for tag in tags {
            if !head.contains(tag) {
                problems.push(format!("{f}: no {tag}"));
            }
        }
        if head.contains("content=\"\"") {
            problems.push(format!("{f}: an empty meta content"));
        }
    }
    assert!(pages > 100, "only {pages} pages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let post = site.read("public/berita/posyandu-krajan/index.html");
    assert!(post.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(post.contains(
        "<meta property=\"og:image\" content=\"https://kim-sukamaju.example.org/berita/posyandu-krajan/posyandu-krajan-og.jpg\">\n<meta property=\"og:image:width\" content=\"800\">\n<meta property=\"og:image:height\" content=\"600\">"
    ));
    assert!(
        post.contains("href=\"https://wa.me/?text="),
        "share link without JS"
    );
}
