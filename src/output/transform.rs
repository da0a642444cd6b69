//! What happens to a finished file on its way to disk: minifying
//! (`[build] minify = true`) and, for `warta build --portable`, turning
//! every link into a relative link to a file.
//!
//! Both work on parsed HTML, never on patterns in text:
//! - **minify-html** (0.18) minifies HTML with the inline CSS and JSON in
//!   it. It is the maintained, spec-following HTML minifier in Rust (Zola
//!   uses it too); it brings lightningcss, which we also call directly for
//!   stylesheet files. JavaScript is left as it is: the theme's one script
//!   is small and hand-written, and a JS minifier would cost more compile
//!   time than it saves bytes.
//! - **lol_html** (Cloudflare's streaming rewriter) rewrites the URL
//!   attributes of a portable page: it tokenizes as browsers do, so a URL
//!   in a text, a comment or a script is never touched.
//!
//! A portable site is opened from `file://`: from a USB stick, a zip sent
//! over WhatsApp, a village office PC with no internet. There `/berita/x/`
//! means the root of the disk and a folder shows as a file listing, so
//! each link to this site becomes `../../berita/x/index.html`, relative to
//! the page it is on. Links to other sites, `#anchors`, `mailto:` and the
//! absolute URLs meant for machines (canonical, OpenGraph, feeds' content)
//! stay as they are.

use std::borrow::Cow;

use lol_html::html_content::Element;
use lol_html::{RewriteStrSettings, element, rewrite_str};

/// How files are changed before they are written.
#[derive(Debug, Clone, Default)]
pub struct Transform {
    pub minify: bool,
    /// `Some(root path)` (such as `/` or `/desa/`) for a portable build.
    pub portable: Option<String>,
}

impl Transform {
    pub fn is_identity(&self) -> bool {
        !self.minify && self.portable.is_none()
    }

    /// Whether the file at `rel` may come out different.
    pub fn changes(&self, rel: &str) -> bool {
        match rel.rsplit_once('.').map_or("", |(_, e)| e) {
            "html" => !self.is_identity(),
            "css" => self.minify,
            _ => false,
        }
    }

    /// The bytes to write for the file at `rel` (below the output root).
    pub fn apply<'a>(&self, rel: &str, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        if self.is_identity() {
            return Cow::Borrowed(bytes);
        }
        let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "html" => {
                let mut out = Cow::Borrowed(bytes);
                if let (Some(root), Ok(text)) = (&self.portable, std::str::from_utf8(bytes))
                    && let Some(rewritten) = relative_links(text, rel, root)
                {
                    out = Cow::Owned(rewritten.into_bytes());
                }
                if self.minify {
                    out = Cow::Owned(minify_html(&out));
                }
                out
            }
            "css" if self.minify => match std::str::from_utf8(bytes).ok().and_then(minify_css) {
                Some(css) => Cow::Owned(css.into_bytes()),
                None => Cow::Borrowed(bytes),
            },
            _ => Cow::Borrowed(bytes),
        }
    }
}

fn minify_html(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    // Keep what validators and old browsers expect: quoted attribute
    // values, `<!doctype html>`, the `<html lang>` and `<head>` tags.
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_doctype = false;
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    cfg.allow_removing_spaces_between_attributes = false;
    cfg.allow_optimal_entities = false;
    minify_html::minify(html, &cfg)
}

/// A stylesheet minified, or `None` when lightningcss cannot read it (the
/// file is then written as it is: browsers skip what they do not know).
pub fn minify_css(css: &str) -> Option<String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(css, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    Some(out.code)
}

/// The attributes that hold one URL, with the elements that carry them
/// (`href` is apart: a canonical link stays absolute).
const URL_ATTRIBUTES: [(&str, &str); 3] = [
    (
        "img[src], script[src], source[src], iframe[src], audio[src], video[src], track[src], embed[src], input[src]",
        "src",
    ),
    ("video[poster]", "poster"),
    ("form[action]", "action"),
];

/// `<meta http-equiv="refresh" content="0; url=/x/">` with its URL fixed;
/// `None` when there is no URL or it is not the site's.
fn refresh_content(content: &str, fix: impl Fn(&str) -> Option<String>) -> Option<String> {
    let (delay, target) = content.split_once(';')?;
    let target = target.trim();
    let (prefix, url) = match target.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("url=") => (&target[..4], &target[4..]),
        _ => ("", target),
    };
    fix(url).map(|u| format!("{delay}; {prefix}{u}"))
}

/// `html` (the page at `rel`) with every link into the site made relative
/// to the page and pointing at a file; `None` if the rewriter gave up.
fn relative_links(html: &str, rel: &str, root: &str) -> Option<String> {
    let up = "../".repeat(rel.matches('/').count());
    let fix = |v: &str| relative_url(v, root, &up);
    let fix_list = |v: &str| {
        v.split(',')
            .map(|candidate| {
                let candidate = candidate.trim();
                match candidate.split_once(char::is_whitespace) {
                    Some((url, size)) => format!("{} {}", fix(url).unwrap_or(url.into()), size),
                    None => fix(candidate).unwrap_or(candidate.into()),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let set = |el: &mut Element, name: &str, value: Option<String>| {
        if let Some(v) = value {
            // The name is a literal from this file: always valid.
            let _ = el.set_attribute(name, &v);
        }
    };
    let mut settings = RewriteStrSettings::new();
    settings = settings.append_element_content_handler(element!(
        "a[href], area[href], link[href]",
        |el| {
            let rel_attr = el.get_attribute("rel").unwrap_or_default();
            // The canonical URL is for search engines: keep it absolute.
            if rel_attr.split_whitespace().any(|r| r == "canonical") {
                return Ok(());
            }
            let v = el.get_attribute("href").and_then(|h| fix(&h));
            set(el, "href", v);
            Ok(())
        }
    ));
    for (selector, attr) in URL_ATTRIBUTES {
        settings = settings.append_element_content_handler(element!(selector, move |el| {
            let v = el.get_attribute(attr).and_then(|s| fix(&s));
            set(el, attr, v);
            Ok(())
        }));
    }
    settings =
        settings.append_element_content_handler(element!("img[srcset], source[srcset]", |el| {
            let v = el.get_attribute("srcset").map(|s| fix_list(&s));
            set(el, "srcset", v);
            Ok(())
        }));
    settings = settings.append_element_content_handler(element!("meta[http-equiv]", |el| {
        let refresh = el
            .get_attribute("http-equiv")
            .is_some_and(|h| h.eq_ignore_ascii_case("refresh"));
        let content = el.get_attribute("content").unwrap_or_default();
        if refresh {
            set(el, "content", refresh_content(&content, fix));
        }
        Ok(())
    }));
    rewrite_str(html, settings).ok()
}

/// A URL on this site (`/desa/berita/x/?q=1#top` with root `/desa/`) as a
/// relative link to a file (`../berita/x/index.html?q=1#top` with `up` =
/// `../`); `None` for anything else (other sites, anchors, `mailto:`).
pub fn relative_url(url: &str, root: &str, up: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(root).or_else(|| {
        // The root itself without its slash: `/desa`.
        (url == root.trim_end_matches('/') && !url.is_empty()).then_some("")
    })?;
    let cut = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, tail) = rest.split_at(cut);
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    Some(format!("{up}{file}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_links_become_relative_file_links() {
        assert_eq!(
            relative_url("/berita/x/", "/", "../../").as_deref(),
            Some("../../berita/x/index.html")
        );
        assert_eq!(relative_url("/", "/", "").as_deref(), Some("index.html"));
        assert_eq!(
            relative_url("/desa/cari/?q=air#hasil", "/desa/", "../").as_deref(),
            Some("../cari/index.html?q=air#hasil")
        );
        assert_eq!(
            relative_url("/desa", "/desa/", "../").as_deref(),
            Some("../index.html")
        );
        assert_eq!(
            relative_url("/style.css", "/", "../").as_deref(),
            Some("../style.css")
        );
        for other in [
            "https://example.org/",
            "//cdn.example.org/x.js",
            "#isi",
            "mailto:a@b.id",
            "/lain/",
        ] {
            let root = if other == "/lain/" { "/desa/" } else { "/" };
            assert_eq!(relative_url(other, root, "../"), None, "{other}");
        }
    }

    #[test]
    fn a_page_is_rewritten_as_a_browser_reads_it() {
        let html = r#"<!doctype html><html><head>
<link rel="canonical" href="https://desa.id/berita/x/">
<link rel="stylesheet" href="/style.css">
<meta http-equiv="refresh" content="0; url=/berita/baru/">
</head><body>
<a href="/berita/x/#komentar">x</a> <a href="https://wa.me/?text=/berita/x/">wa</a>
<img src="/media/a.jpg" srcset="/media/a-480.jpg 480w, /media/a-960.jpg 960w" alt="">
<form action="/cari/"><input name="q"></form>
<p>Teks /berita/x/ tetap.</p><script>var u = "/berita/x/";</script>
</body></html>"#;
        let out = relative_links(html, "berita/x/index.html", "/").unwrap();
        assert!(out.contains(r#"href="https://desa.id/berita/x/""#), "{out}");
        assert!(out.contains(r#"href="../../style.css""#));
        assert!(out.contains(r#"content="0; url=../../berita/baru/index.html""#));
        assert!(out.contains(r#"href="../../berita/x/index.html#komentar""#));
        assert!(out.contains(r#"href="https://wa.me/?text=/berita/x/""#));
        assert!(out.contains(r#"src="../../media/a.jpg""#));
        assert!(out.contains(r#"srcset="../../media/a-480.jpg 480w, ../../media/a-960.jpg 960w""#));
        assert!(out.contains(r#"action="../../cari/index.html""#));
        assert!(out.contains("<p>Teks /berita/x/ tetap.</p>"));
        assert!(out.contains(r#"var u = "/berita/x/";"#));
    }

    #[test]
    fn minified_pages_keep_their_text_and_structure() {
        let html = b"<!doctype html>\n<html lang=\"id\">\n<head>\n<title>A</title>\n<style>\n  body {  color : red ; }\n</style>\n<script type=\"application/ld+json\">{\"a\": 1}</script>\n</head>\n<body>\n<p>  Dua   kata  </p>\n<pre>  tetap\n  sama</pre>\n</body>\n</html>\n";
        let t = Transform {
            minify: true,
            portable: None,
        };
        let out = String::from_utf8(t.apply("index.html", html).into_owned()).unwrap();
        assert!(out.len() < html.len());
        assert!(out.starts_with("<!doctype html>"), "{out}");
        assert!(
            out.contains("<html lang=id>") || out.contains("<html lang=\"id\">"),
            "{out}"
        );
        assert!(out.contains("<pre>  tetap\n  sama</pre>"), "{out}");
        assert!(out.contains("body{color:red}"), "{out}");
        assert!(out.contains("Dua kata"), "{out}");
    }

    #[test]
    fn stylesheets_are_minified_and_unreadable_ones_left_alone() {
        let css = "a {\n  color: #ff0000;\n}\n";
        assert_eq!(minify_css(css).as_deref(), Some("a{color:red}"));
        let t = Transform {
            minify: true,
            portable: None,
        };
        assert_eq!(&*t.apply("style.css", css.as_bytes()), b"a{color:red}");
        assert_eq!(&*t.apply("cari.js", b"var  a = 1;"), b"var  a = 1;");
    }
}
