//! What an export's HTML holds that is not HTML: WordPress shortcodes
//! (`[caption]`, `[gallery]`, `[embed]`, `[youtube]`, `[video]`, forms,
//! page-builder wrappers), Gutenberg's `<!-- wp:... -->` block comments,
//! the "more" markers (`<!--more-->`, Blogger's `<a name='more'>`), and
//! classic WordPress bodies without `<p>` (blank lines are paragraphs, as
//! WordPress's own `wpautop` shows them). All are turned into plain HTML
//! here, before [`crate::import::convert`] makes Markdown of it.
//!
//! Only shortcodes WordPress and its common plugins define are touched:
//! `[Foto: Humas]` or `[1]` in a sentence stays text.

use crate::import::Attachment;

/// Stands for the "more" marker through the HTML → Markdown conversion;
/// letters and digits only, so no Markdown escaping touches it.
pub const MORE: &str = "WARTAMOREMARK7A1F";

/// Shortcodes whose tags and content are dropped (forms and widgets that
/// need the old server).
const DROPPED: &[&str] = &[
    "contact-form-7",
    "contact-form",
    "wpforms",
    "ninja_form",
    "gravityform",
    "instagram-feed",
    "playlist",
    "wpdm_package",
    "ads",
    "adsense",
];

/// Page-builder prefixes whose tags are dropped and content kept.
const WRAPPERS: &[&str] = &["vc_", "et_pb_", "fusion_", "su_", "av_", "tie_", "themify_"];

/// Expands the shortcodes of a WordPress body. `gallery` gives the
/// photos of `[gallery ids="…"]` (`None`: the post's own attachments).
/// Notes for the report are pushed to `notes`.
pub fn expand(
    html: &str,
    gallery: &dyn Fn(Option<Vec<u64>>) -> Vec<Attachment>,
    notes: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match shortcode_at(rest) {
            Some(sc) => {
                let (html, used) = expand_one(&sc, rest, gallery, notes);
                out.push_str(&html);
                rest = &rest[used..];
            }
            None => {
                out.push('[');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An opening (or closing) shortcode tag at the start of `s`.
struct Tag<'a> {
    name: &'a str,
    attrs: &'a str,
    closing: bool,
    len: usize,
}

fn shortcode_at(s: &str) -> Option<Tag<'_>> {
    let body = s.strip_prefix('[')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    let known = DROPPED.contains(&name)
        || WRAPPERS.iter().any(|p| name.starts_with(p))
        || matches!(
            name,
            "caption" | "wp_caption" | "gallery" | "embed" | "youtube" | "video" | "audio"
        );
    if !known {
        return None;
    }
    let after = &body[name_len..];
    if !(after.starts_with([' ', ']', '=', '/']) || after.starts_with('\n')) {
        return None;
    }
    let end = after.find(']')?;
    if after[..end].contains('[') {
        return None;
    }
    let attrs = after[..end].trim_end_matches('/');
    Some(Tag {
        name,
        attrs,
        closing,
        len: 1 + usize::from(closing) + name_len + end + 1,
    })
}

/// The HTML for the shortcode at the start of `s` and the bytes it took.
fn expand_one(
    tag: &Tag,
    s: &str,
    gallery: &dyn Fn(Option<Vec<u64>>) -> Vec<Attachment>,
    notes: &mut Vec<String>,
) -> (String, usize) {
    if tag.closing {
        return (String::new(), tag.len);
    }
    let close = format!("[/{}]", tag.name);
    let (inner, used) = match s[tag.len..].find(&close) {
        Some(i) => (&s[tag.len..tag.len + i], tag.len + i + close.len()),
        None => ("", tag.len),
    };
    let html = match tag.name {
        "caption" | "wp_caption" => caption(tag.attrs, inner),
        "gallery" => gallery_html(tag.attrs, gallery, notes),
        "embed" | "youtube" | "video" | "audio" => media_link(tag, inner, notes),
        name if DROPPED.contains(&name) => {
            notes.push(format!(
                "[{name}] (formulir/widget) dihapus: perlu server lama / (form or widget) removed: it needs the old server"
            ));
            String::new()
        }
        // A page-builder wrapper: its content stays, in place.
        _ => return (String::new(), tag.len),
    };
    (html, used)
}

/// `[gallery ids="1,2"]`: each photo as a paragraph.
fn gallery_html(
    attrs: &str,
    gallery: &dyn Fn(Option<Vec<u64>>) -> Vec<Attachment>,
    notes: &mut Vec<String>,
) -> String {
    let ids = attr(attrs, "ids").map(|v| {
        v.split(',')
            .filter_map(|i| i.trim().parse().ok())
            .collect::<Vec<u64>>()
    });
    let photos = gallery(ids);
    if photos.is_empty() {
        notes.push(
            "[gallery] tanpa foto yang dikenal dihapus / [gallery] without known photos removed"
                .into(),
        );
    }
    photos
        .iter()
        .map(|a| {
            format!(
                "<p><img src=\"{}\" alt=\"{}\"></p>",
                esc(&a.url),
                esc(&a.alt)
            )
        })
        .collect()
}

/// `[embed]URL[/embed]`, `[youtube URL]`, `[video src=URL]`: a link.
fn media_link(tag: &Tag, inner: &str, notes: &mut Vec<String>) -> String {
    let url = [inner.trim(), tag.attrs.trim_start_matches('=').trim()]
        .into_iter()
        .chain(
            ["src", "mp4", "url"]
                .iter()
                .filter_map(|k| attr(tag.attrs, k)),
        )
        .find(|u| u.starts_with("http"))
        .map(|u| u.split_whitespace().next().unwrap_or(u).to_string());
    match url {
        Some(u) => format!("<p><a href=\"{0}\">{0}</a></p>", esc(&u)),
        None => {
            notes.push(format!(
                "[{}] tanpa alamat dihapus / without an address removed",
                tag.name
            ));
            String::new()
        }
    }
}

/// `[caption]<a><img></a> Text[/caption]`: the photo, then its caption
/// (older WordPress put it in `caption="…"`).
fn caption(attrs: &str, inner: &str) -> String {
    let img_end = inner
        .find("<img")
        .and_then(|i| inner[i..].find('>').map(|e| i + e + 1))
        .map(|e| {
            let after = &inner[e..];
            match after.trim_start().strip_prefix("</a>") {
                Some(rest) => inner.len() - rest.len(),
                None => e,
            }
        })
        .unwrap_or(0);
    let photo = &inner[..img_end];
    let text = inner[img_end..].trim().to_string();
    let text = if text.is_empty() {
        attr(attrs, "caption").unwrap_or_default().to_string()
    } else {
        text
    };
    if text.is_empty() {
        format!("<p>{photo}</p>")
    } else {
        format!("<p>{photo}</p><p><em>{text}</em></p>")
    }
}

/// The value of `key="v"` (or `'v'`, or bare) in a shortcode's attributes.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(i) = rest.find(key) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + key.len()..].trim_start();
        if before_ok && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            return Some(match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split_whitespace().next().unwrap_or(""),
            });
        }
        rest = &rest[i + key.len()..];
    }
    None
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Comments dropped (the "more" marker kept as [`MORE`]), Blogger's
/// `<a name='more'>` made the marker, and a URL alone on its line
/// (WordPress's oEmbed) made a link.
pub fn prepare(html: &str) -> String {
    let html = comments(html);
    let html = blogger_more(&html);
    bare_urls(&html)
}

fn comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("-->").map_or(rest.len(), |e| i + e + 3);
        let comment = &rest[i..end];
        if comment
            .trim_start_matches("<!--")
            .trim_start()
            .starts_with("more")
        {
            out.push_str(&format!("\n\n<p>{MORE}</p>\n\n"));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn blogger_more(html: &str) -> String {
    let mut out = html.to_string();
    for q in ['\'', '"'] {
        let tag = format!("<a name={q}more{q}></a>");
        out = out.replace(&tag, &format!("<p>{MORE}</p>"));
    }
    out
}

/// WordPress's `wpautop`, the part that matters, for a classic body (one
/// without Gutenberg's `<!-- wp:` comments, which WordPress shows as it
/// is): blank lines separate paragraphs, a single newline is a line
/// break; blocks and comments stay as they are.
pub fn autop(html: &str) -> String {
    if html.contains("<!-- wp:") {
        return html.to_string();
    }
    const BLOCKS: &[&str] = &[
        "<h",
        "<ul",
        "<ol",
        "<table",
        "<blockquote",
        "<figure",
        "<pre",
        "<hr",
        "<div",
        "<p",
        "<!--",
        "<script",
        "<style",
        "<iframe",
    ];
    let text = html.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 64);
    for chunk in text.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        if BLOCKS.iter().any(|b| chunk.starts_with(b)) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br>\n"));
            out.push_str("</p>");
        }
        out.push_str("\n\n");
    }
    out
}

/// A line that is only a URL (outside a tag) becomes a link.
fn bare_urls(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.split_inclusive('\n') {
        let t = line.trim();
        let inner = t
            .strip_prefix("<p>")
            .and_then(|x| x.strip_suffix("</p>"))
            .unwrap_or(t);
        let lone = (inner.starts_with("https://") || inner.starts_with("http://"))
            && !inner.contains(['<', '>', '"', ' ', '\'']);
        if lone {
            out.push_str(&format!("<p><a href=\"{inner}\">{inner}</a></p>\n"));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{MORE, attr, autop, expand, prepare};
    use crate::import::Attachment;

    fn photos(ids: Option<Vec<u64>>) -> Vec<Attachment> {
        ids.unwrap_or(vec![9])
            .into_iter()
            .map(|i| Attachment {
                url: format!("https://x/{i}.jpg"),
                alt: format!("foto {i}"),
                title: String::new(),
            })
            .collect()
    }

    #[test]
    fn shortcodes_become_html() {
        let cases = [
            (
                "[caption id=\"a\" align=\"x\"]<img src=\"a.jpg\" alt=\"A\"> Warga kerja bakti[/caption]",
                "<p><img src=\"a.jpg\" alt=\"A\"></p><p><em>Warga kerja bakti</em></p>",
            ),
            (
                "[gallery ids=\"1,2\"]",
                "<p><img src=\"https://x/1.jpg\" alt=\"foto 1\"></p><p><img src=\"https://x/2.jpg\" alt=\"foto 2\"></p>",
            ),
            (
                "[gallery]",
                "<p><img src=\"https://x/9.jpg\" alt=\"foto 9\"></p>",
            ),
            (
                "[embed]https://youtu.be/abc[/embed]",
                "<p><a href=\"https://youtu.be/abc\">https://youtu.be/abc</a></p>",
            ),
            (
                "[youtube https://www.youtube.com/watch?v=abc]",
                "<p><a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a></p>",
            ),
            ("a [contact-form-7 id=\"5\"] b", "a  b"),
            ("[vc_row][vc_column]Isi[/vc_column][/vc_row]", "Isi"),
            ("[Foto: Humas] dan [1]", "[Foto: Humas] dan [1]"),
        ];
        for (input, want) in cases {
            let mut notes = Vec::new();
            assert_eq!(expand(input, &photos, &mut notes), want, "{input}");
        }
    }

    #[test]
    fn attributes_are_read_quoted_or_bare() {
        assert_eq!(attr(" ids=\"1,2\" x=3", "ids"), Some("1,2"));
        assert_eq!(attr(" x=3", "x"), Some("3"));
        assert_eq!(attr(" mids=\"1\"", "ids"), None);
    }

    #[test]
    fn prepare_keeps_more_and_makes_paragraphs() {
        let p = prepare(&autop("Satu\nbaris\n\n<!--more-->\n\nDua\n\n<!-- x -->"));
        assert_eq!(p.matches("<p>").count(), 3, "{p}");
        assert!(p.contains(&format!("<p>{MORE}</p>")));
        assert!(p.contains("Satu<br>\nbaris"));
        assert!(!p.contains("wp:paragraph"));
        let b = prepare("<div>Awal<a name='more'></a>Lanjut</div>");
        assert!(b.contains(MORE));
        let u = prepare("<p>https://www.youtube.com/watch?v=x</p>");
        assert!(u.contains("<a href=\"https://www.youtube.com/watch?v=x\">"));
    }
}
