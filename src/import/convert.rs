//! One item's HTML body into Markdown, with `htmd` and warta's own
//! handlers for what matters to a village site:
//!
//! - scripts, styles, forms, Word's `<o:p>` and `<xml>` never come along;
//!   inline styles and classes are dropped with their tags (`htmd`'s pure
//!   mode keeps no attributes);
//! - every link and image goes through the URL policy
//!   ([`urlpolicy::verdict`]): a refused one is left as its text;
//! - a link to another imported item becomes its new address
//!   (`/berita/slug/`), which the loader prefixes with the site's path;
//! - an image found in `--media` is copied into the post's bundle and
//!   named by its file; one that is only on the old server stays a remote
//!   URL and is listed in the report;
//! - warta shows raw HTML as text, so no iframe can be kept: a YouTube or
//!   Google Maps iframe becomes a link to the video or the map, any other
//!   is dropped and reported;
//! - tables become Markdown tables (the first row is the header when the
//!   table has none), a run of two or more `<br>` a new paragraph.

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::{Node, NodeData};

use crate::format::slugify;
use crate::import::media::MediaIndex;
use crate::import::shortcode::{self, MORE};
use crate::load::urlpolicy::{self, Verdict};

/// What every item's conversion reads: the old site, the new address of
/// every imported item by its old one, the `--media` folder.
pub struct Shared {
    /// The old host, lower case, without `www.`.
    pub host: String,
    /// The old site's address, for relative links.
    pub site_url: String,
    /// [`url_key`] of an old address → the new root-relative address.
    pub index: HashMap<String, String>,
    pub media: Option<MediaIndex>,
}

/// The key under which an old address is looked up: the path without
/// its trailing slash (`2023/05/judul`), or `?p=12` / `?page_id=12`;
/// `None` for an address on another site.
pub fn url_key(url: &str, host: &str) -> Option<String> {
    let url = url.trim();
    let rest = if let Some(r) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (h, path) = r.split_at(r.find(['/', '?', '#']).unwrap_or(r.len()));
        let h = h.to_lowercase();
        if h.trim_start_matches("www.") != host || host.is_empty() {
            return None;
        }
        path
    } else if url.starts_with('/') && !url.starts_with("//") {
        url
    } else {
        return None;
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    for q in query.split('&') {
        if let Some((k @ ("p" | "page_id"), v)) = q.split_once('=')
            && v.bytes().all(|b| b.is_ascii_digit())
        {
            return Some(format!("?{k}={v}"));
        }
    }
    Some(path.trim_matches('/').to_lowercase())
}

/// The old host of `site_url`, lower case and without `www.`.
pub fn host_of(site_url: &str) -> String {
    let r = site_url.split_once("://").map_or(site_url, |(_, r)| r);
    r.split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_lowercase()
        .trim_start_matches("www.")
        .to_string()
}

/// One item's body as Markdown, with what it needs and what was lost.
#[derive(Debug, Default)]
pub struct Converted {
    pub markdown: String,
    /// Files to copy into the bundle: name in the bundle, source.
    pub files: Vec<(String, PathBuf)>,
    /// Photos left on the old server.
    pub remote: Vec<String>,
    pub notes: Vec<String>,
}

impl Converted {
    /// The bundle name of a local copy of `url`, copying it in once.
    pub fn local(&mut self, shared: &Shared, url: &str) -> Option<String> {
        let src = shared.media.as_ref()?.find(url)?;
        if let Some((name, _)) = self.files.iter().find(|(_, s)| s == src) {
            return Some(name.clone());
        }
        let file = src.file_name()?.to_string_lossy().to_lowercase();
        let (stem, ext) = file.rsplit_once('.').unwrap_or((&file, "jpg"));
        let base = match slugify(stem) {
            s if s.is_empty() => "foto".to_string(),
            s => s,
        };
        let mut name = format!("{base}.{ext}");
        let mut n = 2;
        while self.files.iter().any(|(f, _)| *f == name) {
            name = format!("{base}-{n}.{ext}");
            n += 1;
        }
        self.files.push((name.clone(), src.clone()));
        Some(name)
    }
}

type State = Arc<Mutex<Converted>>;

fn attr(el: &Element, name: &str) -> Option<String> {
    el.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

fn lock(state: &State) -> std::sync::MutexGuard<'_, Converted> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Converts `html` (already through [`shortcode::prepare`] or not).
pub fn convert(html: &str, shared: &Arc<Shared>) -> Converted {
    let prepared = shortcode::prepare(html);
    let state: State = Arc::new(Mutex::new(Converted::default()));
    let converter = converter(shared, &state);
    let markdown = converter.convert(&prepared).unwrap_or_default();
    drop(converter);
    let mut out = match Arc::try_unwrap(state) {
        Ok(m) => m
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
        Err(arc) => std::mem::take(&mut *lock(&arc)),
    };
    out.markdown = tidy(&markdown);
    out
}

fn converter(shared: &Arc<Shared>, state: &State) -> HtmlToMarkdown {
    let (s1, s2, s3) = (state.clone(), state.clone(), state.clone());
    let (sh1, sh2) = (shared.clone(), shared.clone());
    let s4 = state.clone();
    HtmlToMarkdown::builder()
        .skip_tags(vec![
            "style", "noscript", "template", "head", "title", "meta", "link", "form", "input",
            "button", "select", "textarea", "object", "embed", "xml", "svg", "canvas", "o:p",
        ])
        .add_handler(vec!["script"], move |_: &dyn Handlers, _: Element| {
            let mut st = lock(&s4);
            let note = "skrip (<script>) dibuang / script removed".to_string();
            if !st.notes.contains(&note) {
                st.notes.push(note);
            }
            None
        })
        .add_handler(vec!["iframe"], move |_: &dyn Handlers, el: Element| {
            iframe(&el, &s1)
        })
        .add_handler(vec!["a"], move |h: &dyn Handlers, el: Element| {
            anchor(h, &el, &sh1, &s2)
        })
        .add_handler(vec!["img"], move |_: &dyn Handlers, el: Element| {
            image(&el, &sh2, &s3)
        })
        .add_handler(vec!["br"], br)
        .add_handler(vec!["table"], table)
        .add_handler(vec!["figcaption"], |h: &dyn Handlers, el: Element| {
            let text = h.walk_children(el.node).content;
            let text = text.trim();
            Some(
                if text.is_empty() {
                    String::new()
                } else {
                    format!("\n\n*{text}*\n\n")
                }
                .into(),
            )
        })
        .build()
}

/// A YouTube or Maps iframe as a link; any other dropped.
fn iframe(el: &Element, state: &State) -> Option<HandlerResult> {
    let src = attr(el, "src").unwrap_or_default();
    let src = if src.starts_with("//") {
        format!("https:{src}")
    } else {
        src
    };
    let mut st = lock(state);
    let id = src
        .split_once("youtube.com/embed/")
        .or_else(|| src.split_once("youtube-nocookie.com/embed/"))
        .map(|(_, id)| id.split(['?', '&', '/']).next().unwrap_or(""));
    if let Some(id) = id.filter(|id| !id.is_empty()) {
        st.notes
            .push("video YouTube (iframe) dijadikan tautan / YouTube iframe made a link".into());
        return Some(
            format!("\n\n[Tonton video di YouTube](https://www.youtube.com/watch?v={id})\n\n")
                .into(),
        );
    }
    if src.contains("google.com/maps") || src.contains("maps.google.") {
        st.notes.push(
            "peta Google Maps (iframe) dijadikan tautan / Google Maps iframe made a link".into(),
        );
        return Some(format!("\n\n[Lihat peta di Google Maps](<{src}>)\n\n").into());
    }
    st.notes.push(format!(
        "iframe dihapus / iframe removed: {}",
        urlpolicy::shown(&src)
    ));
    Some(String::new().into())
}

fn is_photo(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("").to_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// A link: refused ones left as text, ones to imported items rewritten,
/// one around an image to the same photo's large copy dropped to the image.
fn anchor(h: &dyn Handlers, el: &Element, shared: &Shared, state: &State) -> Option<HandlerResult> {
    let inner = h.walk_children(el.node).content;
    let text = inner.trim();
    let Some(href) = attr(el, "href")
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
    else {
        return Some(inner.into());
    };
    if let Verdict::Refused(scheme) = urlpolicy::verdict(&href) {
        lock(state).notes.push(format!(
            "tautan `{scheme}:` dibuang (kebijakan URL) / `{scheme}:` link dropped (URL policy)"
        ));
        return Some(inner.into());
    }
    if text.is_empty() {
        return Some(String::new().into());
    }
    if text.starts_with("![") && text.ends_with(')') && is_photo(&href) {
        return Some(inner.into());
    }
    let target = match url_key(&href, &shared.host).and_then(|k| shared.index.get(&k)) {
        Some(new) => new.clone(),
        None => absolute(&href, &shared.site_url),
    };
    Some(format!("[{text}]({})", link_dest(&target)).into())
}

/// An image: refused ones left as their alt text, local copies by name,
/// the rest remote (and listed).
fn image(el: &Element, shared: &Shared, state: &State) -> Option<HandlerResult> {
    let src = attr(el, "src")
        .filter(|s| !s.starts_with("data:"))
        .or_else(|| attr(el, "data-src"))
        .or_else(|| attr(el, "data-lazy-src"))
        .unwrap_or_default();
    let alt = attr(el, "alt")
        .or_else(|| attr(el, "title"))
        .unwrap_or_default()
        .replace(['[', ']', '\n'], " ");
    let alt = alt.trim();
    if src.is_empty() || src.contains("s.w.org/images/core/emoji") {
        return Some(alt.to_string().into());
    }
    let mut st = lock(state);
    if let Verdict::Refused(scheme) = urlpolicy::verdict(&src) {
        st.notes.push(format!(
            "gambar `{scheme}:` dibuang (kebijakan URL) / `{scheme}:` image dropped (URL policy)"
        ));
        return Some(alt.to_string().into());
    }
    let src = absolute(&src, &shared.site_url);
    let dest = match st.local(shared, &src) {
        Some(name) => name,
        None => {
            if !st.remote.contains(&src) {
                st.remote.push(src.clone());
            }
            src
        }
    };
    Some(format!("![{alt}]({})", link_dest(&dest)).into())
}

/// A root-relative or relative URL of the old site made absolute.
fn absolute(url: &str, site: &str) -> String {
    if url.starts_with("//") {
        format!("https:{url}")
    } else if url.starts_with('/') && !site.is_empty() {
        format!("{site}{url}")
    } else {
        url.to_string()
    }
}

/// A Markdown link destination: `<…>` around one with spaces or parentheses.
fn link_dest(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}

/// `<br>`: the first of a run of two or more ends the paragraph, the
/// others vanish; a lone one is a line break.
fn br(h: &dyn Handlers, el: Element) -> Option<HandlerResult> {
    let siblings = siblings(el.node);
    let Some(at) = siblings.iter().position(|n| Rc::ptr_eq(n, el.node)) else {
        return h.fallback(el);
    };
    let is_br = |n: Option<&Rc<Node>>| {
        n.is_some_and(|n| matches!(&n.data, NodeData::Element { name, .. } if &*name.local == "br"))
    };
    let blank = |n: &&Rc<Node>| matches!(&n.data, NodeData::Text { contents } if contents.borrow().trim().is_empty());
    let prev = siblings[..at].iter().rev().find(|n| !blank(n));
    let next = siblings[at + 1..].iter().find(|n| !blank(n));
    if is_br(prev) {
        Some(String::new().into())
    } else if is_br(next) {
        Some("\n\n".to_string().into())
    } else {
        h.fallback(el)
    }
}

fn siblings(node: &Rc<Node>) -> Vec<Rc<Node>> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(std::rc::Weak::upgrade);
    node.parent.set(weak);
    parent
        .map(|p| p.children.borrow().clone())
        .unwrap_or_default()
}

fn tag(n: &Rc<Node>) -> Option<String> {
    match &n.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

/// A table as a Markdown table; the first row is the header.
fn table(h: &dyn Handlers, el: Element) -> Option<HandlerResult> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    collect_rows(h, el.node, &mut rows);
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return Some(String::new().into());
    }
    let line = |r: &[String]| {
        let mut s = String::from("|");
        for i in 0..cols {
            s.push(' ');
            s.push_str(r.get(i).map_or("", String::as_str));
            s.push_str(" |");
        }
        s.push('\n');
        s
    };
    let mut out = String::from("\n\n");
    out.push_str(&line(&rows[0]));
    out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
    for r in &rows[1..] {
        out.push_str(&line(r));
    }
    out.push('\n');
    Some(out.into())
}

fn collect_rows(h: &dyn Handlers, node: &Rc<Node>, rows: &mut Vec<Vec<String>>) {
    for child in node.children.borrow().iter() {
        match tag(child).as_deref() {
            Some("thead" | "tbody" | "tfoot") => collect_rows(h, child, rows),
            Some("tr") => {
                let cells = child
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| matches!(tag(c).as_deref(), Some("td" | "th")))
                    .map(|c| {
                        let text = h.walk_children(c).content;
                        text.split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .replace('|', "\\|")
                    })
                    .collect();
                rows.push(cells);
            }
            _ => {}
        }
    }
}

/// Non-breaking spaces made spaces, blank runs made one blank line, the
/// "more" marker made warta's `<!-- more -->`.
fn tidy(md: &str) -> String {
    let md = md.replace('\u{a0}', " ");
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.lines() {
        // Two trailing spaces are a hard line break: kept; other trailing
        // blanks are noise.
        let hard = line.ends_with("  ") && !line.trim().is_empty();
        let line = line.trim_end().to_string() + if hard { "  " } else { "" };
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        if line.trim() == MORE {
            out.push_str("<!-- more -->\n");
        } else {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::{Shared, convert, url_key};

    fn shared() -> Arc<Shared> {
        let mut index = HashMap::new();
        index.insert("2023/05/lama".to_string(), "/berita/lama/".to_string());
        index.insert("?p=7".to_string(), "/berita/tujuh/".to_string());
        Arc::new(Shared {
            host: "desa.example.id".into(),
            site_url: "https://desa.example.id".into(),
            index,
            media: None,
        })
    }

    #[test]
    fn keys_of_old_addresses() {
        let h = "desa.example.id";
        for (url, want) in [
            (
                "https://desa.example.id/2023/05/lama/",
                Some("2023/05/lama"),
            ),
            (
                "http://www.desa.example.id/2023/05/lama",
                Some("2023/05/lama"),
            ),
            ("/?p=7", Some("?p=7")),
            ("https://desa.example.id/?page_id=3&x=1", Some("?page_id=3")),
            ("https://lain.example.id/2023/05/lama/", None),
            (
                "https://desa.example.id/2023/05/x.html?m=1",
                Some("2023/05/x.html"),
            ),
        ] {
            assert_eq!(url_key(url, h).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn body_becomes_markdown() {
        let html = concat!(
            "<p style=\"color:red\"><span class=\"x\">Halo</span> <a href=\"https://desa.example.id/2023/05/lama/\">lama</a>",
            " dan <a href=\"/?p=7\">tujuh</a> <a href=\"javascript:alert(1)\">jahat</a></p>",
            "<script>alert(1)</script>",
            "<p>Satu<br><br>Dua<br>Tiga</p>",
            "<iframe src=\"https://www.youtube.com/embed/abc123?rel=0\"></iframe>",
            "<iframe src=\"https://judi.example/x\"></iframe>",
            "<table><tr><td>Dusun</td><td>KK</td></tr><tr><td>Krajan</td><td>120</td></tr></table>",
            "<!--more--><p><img src=\"/wp-content/uploads/a.jpg\" alt=\"A\"></p>",
        );
        let c = convert(html, &shared());
        let md = &c.markdown;
        assert!(
            md.contains("Halo [lama](/berita/lama/) dan [tujuh](/berita/tujuh/) jahat"),
            "{md}"
        );
        assert!(!md.contains("alert"), "{md}");
        assert!(md.contains("Satu\n\nDua"), "{md}");
        assert!(
            md.contains("[Tonton video di YouTube](https://www.youtube.com/watch?v=abc123)"),
            "{md}"
        );
        assert!(!md.contains("judi"), "{md}");
        assert!(
            md.contains("| Dusun | KK |\n| --- | --- |\n| Krajan | 120 |"),
            "{md}"
        );
        assert!(md.contains("<!-- more -->\n"), "{md}");
        assert!(
            md.contains("![A](https://desa.example.id/wp-content/uploads/a.jpg)"),
            "{md}"
        );
        assert_eq!(
            c.remote,
            ["https://desa.example.id/wp-content/uploads/a.jpg"]
        );
        assert!(c.notes.iter().any(|n| n.contains("script")));
        assert!(c.notes.iter().any(|n| n.contains("judi.example")));
        assert!(c.notes.iter().any(|n| n.contains("javascript")));
    }
}
