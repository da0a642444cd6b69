//! One rendered page as one file that opens anywhere: in an e-mail, from
//! a USB stick, inside a ZIP, or in a browser printing it to PDF. Its
//! stylesheets are inlined as `<style>` (their `media` kept, so the print
//! rules stay print rules), each photo becomes one `data:` image (the
//! variant nearest [`PHOTO_WIDTH`], the WebP `<source>`s dropped, no lazy
//! loading, which would leave a printed photo blank), scripts that load
//! a file are dropped, and the site's own links become absolute
//! addresses on the published site, so a reader of the file can still
//! follow them.

use std::collections::HashMap;
use std::sync::Arc;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::diag::Diagnostic;
use crate::load::urlpolicy::percent_decode_lossy;
use crate::site::{OutFile, Source};

/// The photo width a standalone page asks for: wide enough for an A4
/// column at print resolution, small enough to keep a report light.
const PHOTO_WIDTH: u32 = 800;

/// The files a standalone page may take in, by output path
/// (`media/kantor-480w.webp`), and how the site's addresses are written.
pub struct Files {
    files: HashMap<String, Source>,
    /// The site's path (`/`, `/desa/`): what `url()` puts before a path.
    root_path: String,
    /// The site's address without the trailing slash.
    base_url: String,
}

impl Files {
    pub fn new(files: Vec<OutFile>, root_path: &str, base_url: &str) -> Files {
        Files {
            files: files.into_iter().map(|f| (f.dest, f.source)).collect(),
            root_path: root_path.to_string(),
            base_url: base_url.trim_end_matches('/').to_string(),
        }
    }

    /// The output path a URL of this site names (`/desa/style.css` ->
    /// `style.css`), percent-escapes decoded; `None` for other sites.
    fn rel(&self, url: &str) -> Option<String> {
        if url.starts_with("//") {
            return None;
        }
        let rest = url.strip_prefix(&self.root_path)?;
        let end = rest.find(['?', '#']).unwrap_or(rest.len());
        Some(percent_decode_lossy(&rest[..end]))
    }

    /// The bytes of the file a URL names.
    fn bytes(&self, url: &str) -> Option<Arc<[u8]>> {
        match self.files.get(&self.rel(url)?)? {
            Source::Bytes(b) => Some(b.clone()),
            Source::Disk(path) => crate::fsx::read(path).ok().map(Arc::from),
        }
    }

    /// A site URL as the published page's absolute address.
    fn absolute(&self, url: &str) -> Option<String> {
        if url.starts_with("//") {
            return None;
        }
        let rest = url.strip_prefix(&self.root_path)?;
        Some(format!("{}/{rest}", self.base_url))
    }

    /// A file as a `data:` URL, by its extension's type.
    fn data_url(&self, url: &str) -> Option<String> {
        let rel = self.rel(url)?;
        let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
        let mime = match ext.to_ascii_lowercase().as_str() {
            "webp" => "image/webp",
            "jpg" | "jpeg" => "image/jpeg",
            "png" => "image/png",
            "gif" => "image/gif",
            "svg" => "image/svg+xml",
            _ => return None,
        };
        let bytes = self.bytes(url)?;
        Some(format!(
            "data:{mime};base64,{}",
            data_encoding::BASE64.encode(&bytes)
        ))
    }
}

/// The candidate of a `srcset` (`a.jpg 320w, b.jpg 800w`) nearest
/// [`PHOTO_WIDTH`] from above (else the widest); `None` when empty.
pub fn pick(srcset: &str) -> Option<&str> {
    let candidates = srcset.split(',').filter_map(|c| {
        let mut parts = c.split_whitespace();
        let url = parts.next()?;
        let w = parts
            .next()
            .and_then(|w| w.strip_suffix('w'))
            .and_then(|w| w.parse::<u32>().ok())
            .unwrap_or(0);
        Some((w, url))
    });
    let all: Vec<(u32, &str)> = candidates.collect();
    let wide_enough = all.iter().filter(|(w, _)| *w >= PHOTO_WIDTH).min();
    wide_enough
        .or_else(|| all.iter().max())
        .map(|(_, url)| *url)
}

/// `html` as one file: see the module's documentation. Fails only when
/// the HTML cannot be rewritten, or a stylesheet of the site is missing.
pub fn standalone(html: &str, files: &Files) -> Result<String, Diagnostic> {
    let missing = std::cell::RefCell::new(None::<String>);
    let mut settings = RewriteStrSettings::new();
    settings =
        settings.append_element_content_handler(element!("link[rel=stylesheet][href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            let Some(css) = files.bytes(&href) else {
                *missing.borrow_mut() = Some(href);
                return Ok(());
            };
            let media = el
                .get_attribute("media")
                .map(|m| format!(" media=\"{}\"", m.replace('"', "&quot;")))
                .unwrap_or_default();
            // `</style` inside the CSS would end the element early.
            let css = String::from_utf8_lossy(&css).replace("</", "<\\/");
            el.replace(&format!("<style{media}>{css}</style>"), ContentType::Html);
            Ok(())
        }));
    settings = settings.append_element_content_handler(element!("picture > source", |el| {
        el.remove();
        Ok(())
    }));
    settings = settings.append_element_content_handler(element!("script[src]", |el| {
        el.remove();
        Ok(())
    }));
    settings = settings.append_element_content_handler(element!("img", |el| {
        let srcset = el.get_attribute("srcset").unwrap_or_default();
        let src = el.get_attribute("src").unwrap_or_default();
        let chosen = pick(&srcset).unwrap_or(&src).to_string();
        if let Some(data) = files.data_url(&chosen) {
            el.set_attribute("src", &data)?;
            el.remove_attribute("srcset");
            el.remove_attribute("sizes");
        }
        el.remove_attribute("loading");
        Ok(())
    }));
    settings = settings.append_element_content_handler(element!("a[href], link[href]", |el| {
        if let Some(abs) = el.get_attribute("href").and_then(|h| files.absolute(&h)) {
            el.set_attribute("href", &abs)?;
        }
        Ok(())
    }));
    let out = rewrite_str(html, settings).map_err(|e| {
        Diagnostic::error(crate::text!(
            "Halaman laporan tidak bisa dijadikan satu berkas: {e}.",
            "The report page cannot be made into one file: {e}."
        ))
    })?;
    if let Some(href) = missing.into_inner() {
        return Err(Diagnostic::error(crate::text!(
            "Lembar gaya `{href}` yang dipakai halaman laporan tidak ditemukan.",
            "The stylesheet `{href}` the report page uses is not found."
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        let file = |dest: &str, bytes: &[u8]| OutFile {
            dest: dest.into(),
            source: Source::Bytes(Arc::from(bytes)),
        };
        Files::new(
            vec![
                file("style.css", b"body{color:red}"),
                file("laporan.css", b"@page{size:A4}"),
                file("media/logo 1-96w.png", b"PNG"),
                file("media/logo 1-960w.png", b"BIG"),
            ],
            "/desa/",
            "https://x.example/desa/",
        )
    }

    #[test]
    fn styles_photos_and_links_are_taken_in() {
        let html = concat!(
            "<head><link rel=\"stylesheet\" media=\"print\" href=\"/desa/laporan.css\">",
            "<link rel=\"stylesheet\" href=\"/desa/style.css\"><script src=\"/desa/cari.js\"></script></head>",
            "<picture><source type=\"image/webp\" srcset=\"/desa/media/x.webp 96w\">",
            "<img src=\"/desa/media/logo%201-96w.png\" srcset=\"/desa/media/logo%201-96w.png 96w, /desa/media/logo%201-960w.png 960w\" sizes=\"48px\" loading=\"lazy\" alt=\"\"></picture>",
            "<a href=\"/desa/berita/x/\">x</a><a href=\"https://other.example/\">o</a><a href=\"#top\">t</a>",
        );
        let out = standalone(html, &files()).unwrap();
        assert_eq!(
            out,
            concat!(
                "<head><style media=\"print\">@page{size:A4}</style>",
                "<style>body{color:red}</style></head>",
                "<picture>",
                "<img src=\"data:image/png;base64,QklH\" alt=\"\"></picture>",
                "<a href=\"https://x.example/desa/berita/x/\">x</a><a href=\"https://other.example/\">o</a><a href=\"#top\">t</a>",
            )
        );
    }

    #[test]
    fn a_missing_stylesheet_is_an_error() {
        let html = "<link rel=\"stylesheet\" href=\"/desa/gone.css\">";
        let e = standalone(html, &files()).unwrap_err();
        assert!(e.message.en.contains("`/desa/gone.css`"), "{e:?}");
    }

    #[test]
    fn the_photo_nearest_the_print_width_from_above() {
        assert_eq!(pick("a 320w, b 800w, c 1200w"), Some("b"));
        assert_eq!(pick("a 320w, c 1200w"), Some("c"));
        assert_eq!(pick("a 320w, b 480w"), Some("b"));
        assert_eq!(pick(""), None);
        assert_eq!(
            crate::load::urlpolicy::percent_decode_lossy("a%20b%zz"),
            "a b%zz"
        );
    }
}
