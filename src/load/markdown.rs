//! Markdown to HTML with pulldown-cmark.
//!
//! Besides CommonMark with tables, footnotes, strikethrough and task lists,
//! this pass does what a village site needs from a post's body:
//! - headings get `id`s (from their text, made unique) so they can be
//!   linked to, and are collected as a table of contents;
//! - a link to another post by its source file (`../agenda/musdes.md`)
//!   becomes that post's URL; one to a file that does not exist is
//!   reported with its position; root-relative links (`/berita/x/`) get the
//!   site's sub-path;
//! - the summary is cut at `<!-- more -->`, and the first paragraph is kept
//!   for when there is neither that nor a `summary` key;
//! - a link or image whose scheme the URL policy refuses (`javascript:`,
//!   `data:`…, see [`urlpolicy`]) is dropped to its text or alt text and
//!   listed in [`Rendered::refused`], for a warning;
//! - `[text](path with spaces)`, which CommonMark leaves as text, is made
//!   into the link the writer meant when the file exists ([`spaced`]), and
//!   listed in [`Rendered::spaced`] for a warning when not;
//! - raw HTML is shown as text, not run, unless the site sets
//!   `[build] unsafe_html = true`: a hijacked account cannot slip a
//!   gambling redirect into a post.

use std::cell::RefCell;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::format::slugify;
use crate::load::spaced::{self, Spaced};
use crate::load::urlpolicy::{self, Verdict};

/// Where a body sits, to resolve its relative links.
pub struct LinkContext<'a> {
    /// The source file's folder, relative to `content/` (`berita`, `""`).
    pub doc_dir: &'a str,
    /// The site's path prefix, `/` or `/sukamaju/`.
    pub root_path: &'a str,
    /// For a bundle: its folder relative to `content/`, and its page URL.
    pub bundle: Option<(&'a str, &'a str)>,
    /// Maps a content-relative `.md` path to its page URL.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// Whether a file exists, by its path relative to the site root; asked
    /// only about links written with spaces ([`spaced`]).
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
    pub unsafe_html: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link in the body that points at a content file that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Byte offset in the body.
    pub offset: usize,
    pub len: usize,
    pub target: String,
}

/// A link or image dropped to its text because the URL policy
/// ([`urlpolicy`]) refuses its scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedLink {
    /// Byte offset in the body.
    pub offset: usize,
    pub len: usize,
    pub url: String,
    pub scheme: String,
    pub image: bool,
}

/// A `[text](path with spaces)` whose file was not found, so it stays
/// text; the writer is told about the `<…>` form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpacedLink {
    /// Byte offset of the `[` (or `!`) in the body.
    pub offset: usize,
    pub len: usize,
    pub target: String,
}

/// An image in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    pub offset: usize,
    pub src: String,
    pub alt: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The HTML before `<!-- more -->`, when the body has one.
    pub more_html: Option<String>,
    pub first_paragraph_html: String,
    pub first_paragraph_text: String,
    pub toc: Vec<Heading>,
    pub words: usize,
    pub broken_links: Vec<BrokenLink>,
    /// Links and images left out for their scheme (`javascript:`…).
    pub refused: Vec<RefusedLink>,
    /// Links with spaces in their path that could not be made.
    pub spaced: Vec<SpacedLink>,
    pub images: Vec<BodyImage>,
    /// Every `.md` link: the content file it names and the URL it got.
    pub links: Vec<(String, Option<String>)>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a post body.
pub fn render(body: &str, ctx: &LinkContext) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 8);
    let mut used_ids: Vec<String> = Vec::new();
    let mut heading: Option<(usize, HeadingLevel, Option<CowStr>, String)> = None;
    let mut image_alt: Option<(usize, String, String)> = None;
    let mut depth = 0usize;
    let mut more_at: Option<usize> = None;
    let mut first_para: Option<(usize, String)> = None;
    let mut in_first_para = false;
    let mut first_para_done = false;
    // For each open link or image: whether it was dropped by the URL policy.
    let mut dropped: Vec<bool> = Vec::new();

    // `[text](path with spaces)`: made into a link when the file exists.
    let spaced_found: RefCell<Vec<(usize, Spaced, bool)>> = RefCell::default();
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        let s = spaced::after(body, link.span.end)?;
        let exists = spaced::candidates(&s.target, ctx.doc_dir)
            .iter()
            .any(|p| (ctx.exists)(p));
        let target = CowStr::from(s.target.clone());
        spaced_found.borrow_mut().push((link.span.start, s, exists));
        exists.then_some((target, CowStr::Borrowed("")))
    };
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(callback));
    for (event, range) in whole_html_blocks(parser.into_offset_iter()) {
        let Some(event) = outside_spaced(event, &range, &spaced_found.borrow()) else {
            continue;
        };
        let event = match event {
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
                if refuse(body, &range, dest_url, &event, &mut out) =>
            {
                dropped.push(true);
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) if dropped.pop() == Some(true) => continue,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                dropped.push(false);
                let at = url_offset(body, &range, &dest_url);
                let dest = rewrite_url(&dest_url, ctx, at, &mut out);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                dropped.push(false);
                let at = url_offset(body, &range, &dest_url);
                let dest = rewrite_url(&dest_url, ctx, at, &mut out);
                image_alt = Some((range.start, dest.to_string(), String::new()));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((offset, src, alt)) = image_alt.take() {
                    out.images.push(BodyImage { offset, src, alt });
                }
                Event::End(TagEnd::Image)
            }
            Event::Html(h) | Event::InlineHtml(h) if !ctx.unsafe_html => {
                if h.trim_start().starts_with("<!--") {
                    if h.contains("<!-- more -->") || h.contains("<!--more-->") {
                        more_at.get_or_insert(events.len());
                    }
                    continue;
                }
                Event::Text(h)
            }
            Event::Html(h) => {
                if h.contains("<!-- more -->") || h.contains("<!--more-->") {
                    more_at.get_or_insert(events.len());
                }
                Event::Html(h)
            }
            other => other,
        };
        if let Event::Text(t) | Event::Code(t) = &event {
            out.words += t.split_whitespace().count();
            if let Some((_, _, _, text)) = &mut heading {
                text.push_str(t);
            }
            if let Some((_, _, alt)) = &mut image_alt {
                alt.push_str(t);
            }
            if let Some((_, text)) = first_para.as_mut().filter(|_| in_first_para) {
                text.push_str(t);
            }
        }
        let is_break = matches!(event, Event::SoftBreak | Event::HardBreak);
        if let Some((_, text)) = first_para.as_mut().filter(|_| in_first_para && is_break) {
            text.push(' ');
        }
        match &event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((events.len(), *level, id.clone(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, given, text)) = heading.take() {
                    let id = unique_id(given.map(|g| g.to_string()), &text, &mut used_ids);
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    out.toc.push(Heading {
                        level: level as u8,
                        id,
                        title: text,
                    });
                }
            }
            Event::Start(Tag::Paragraph) if depth == 0 && !first_para_done => {
                in_first_para = true;
                first_para = Some((events.len(), String::new()));
            }
            Event::End(TagEnd::Paragraph) if depth == 1 && in_first_para => {
                in_first_para = false;
                first_para_done = true;
                if let Some((start, text)) = first_para.take() {
                    let mut h = String::new();
                    html::push_html(
                        &mut h,
                        events[start..].iter().cloned().chain([event.clone()]),
                    );
                    out.first_paragraph_html = h;
                    out.first_paragraph_text = text.trim().to_string();
                }
            }
            _ => {}
        }
        // Wide tables scroll inside their own box on a 360 px screen.
        match &event {
            Event::Start(Tag::Table(_)) => events.push(Event::Html(CowStr::from(
                "<div class=\"table-wrap\" tabindex=\"0\">",
            ))),
            Event::End(TagEnd::Table) => {
                depth = depth.saturating_sub(1);
                events.push(event);
                events.push(Event::Html(CowStr::from("</div>")));
                continue;
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
    }
    let mut spaced_found = spaced_found.into_inner();
    spaced_found.dedup_by_key(|(start, _, _)| *start);
    out.spaced = spaced_found
        .into_iter()
        .filter(|(_, _, made)| !made)
        .map(|(offset, s, _)| SpacedLink {
            offset,
            len: s.end - offset,
            target: s.target,
        })
        .collect();
    if let Some(cut) = more_at {
        let mut h = String::new();
        html::push_html(&mut h, events[..cut].iter().cloned());
        out.more_html = Some(h);
    }
    out.html.reserve(body.len() + body.len() / 4);
    html::push_html(&mut out.html, events.into_iter());
    out
}

/// Leaves out what remains of a `(path with spaces)` once its link was
/// made from it: events inside it go, a text reaching past it is cut.
/// Each HTML block as one event. pulldown-cmark hands over the block of a
/// file saved with CRLF line ends (Windows) line by line, each line end
/// apart, and that of an LF file in one piece; joined, both read alike: a
/// comment over several lines is dropped whole instead of showing from
/// its second line on, and `<!-- more -->` leaves no blank line behind.
fn whole_html_blocks<'a>(
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)> {
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let (event, mut range) = events.next()?;
        let Event::Html(first) = event else {
            return Some((event, range));
        };
        let mut joined: Option<String> = None;
        while let Some((Event::Html(more), r)) =
            events.next_if(|(e, _)| matches!(e, Event::Html(_)))
        {
            joined
                .get_or_insert_with(|| first.to_string())
                .push_str(&more);
            range.end = r.end;
        }
        Some((Event::Html(joined.map_or(first, CowStr::from)), range))
    })
}

fn outside_spaced<'a>(
    event: Event<'a>,
    range: &std::ops::Range<usize>,
    found: &[(usize, Spaced, bool)],
) -> Option<Event<'a>> {
    let Some(end) = found
        .iter()
        .find(|(_, s, made)| *made && (s.start..s.end).contains(&range.start))
        .map(|(_, s, _)| s.end)
    else {
        return Some(event);
    };
    if range.end <= end {
        return None;
    }
    match event {
        Event::Text(t) if t.len() == range.len() => Some(Event::Text(CowStr::from(
            t[end - range.start..].to_string(),
        ))),
        other => Some(other),
    }
}

/// Drops a link or image whose URL the policy refuses, recording it so
/// the writer is warned; true when `event` is to be left out.
fn refuse(
    body: &str,
    range: &std::ops::Range<usize>,
    url: &str,
    event: &Event,
    out: &mut Rendered,
) -> bool {
    let Verdict::Refused(scheme) = urlpolicy::verdict(url) else {
        return false;
    };
    let offset = url_offset(body, range, url);
    let len = if offset == range.start {
        range.len()
    } else {
        url.len()
    };
    out.refused.push(RefusedLink {
        offset,
        len,
        url: url.to_string(),
        scheme,
        image: matches!(event, Event::Start(Tag::Image { .. })),
    });
    true
}

/// Where the URL itself stands in the body, for pointing at it.
fn url_offset(body: &str, range: &std::ops::Range<usize>, url: &str) -> usize {
    body.get(range.clone())
        .and_then(|text| text.find(url))
        .map_or(range.start, |i| range.start + i)
}

fn unique_id(given: Option<String>, text: &str, used: &mut Vec<String>) -> String {
    let base = given.unwrap_or_else(|| {
        let s = slugify(text);
        if s.is_empty() {
            "bagian".to_string()
        } else {
            s
        }
    });
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

/// Resolves a URL written in front matter (`image = "foto.jpg"`) the way
/// the same URL in the body would be.
pub fn resolve_url(url: &str, ctx: &LinkContext) -> String {
    let mut scratch = Rendered::default();
    rewrite_url(&CowStr::from(url.to_string()), ctx, 0, &mut scratch).to_string()
}

fn has_scheme(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Joins `rel` onto `dir` (both `/`-separated, relative to `content/`),
/// resolving `.` and `..`. `None` when it climbs above `content/`; the
/// returned flag tells that case apart for paths meant from the site root.
pub fn join_rel(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn rewrite_url<'a>(
    dest: &CowStr<'a>,
    ctx: &LinkContext,
    offset: usize,
    out: &mut Rendered,
) -> CowStr<'a> {
    let url: &str = dest;
    if url.is_empty() || url.starts_with('#') || has_scheme(url) {
        return dest.clone();
    }
    if let Some(rest) = url.strip_prefix('/') {
        return if ctx.root_path == "/" {
            dest.clone()
        } else {
            CowStr::from(format!("{}{rest}", ctx.root_path))
        };
    }
    let (path, suffix) = match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let joined = join_rel(ctx.doc_dir, path);
    if path.ends_with(".md") {
        let target = joined.as_deref().and_then(|p| (ctx.resolve)(p));
        if let Some(rel) = &joined {
            out.links.push((rel.clone(), target.clone()));
        }
        return match target {
            Some(u) => CowStr::from(format!("{u}{suffix}")),
            None => {
                out.broken_links.push(BrokenLink {
                    offset,
                    len: url.len(),
                    target: url.to_string(),
                });
                dest.clone()
            }
        };
    }
    match joined {
        Some(p) => match ctx.bundle {
            Some((dir, page_url)) if p.starts_with(dir) && p[dir.len()..].starts_with('/') => {
                CowStr::from(format!("{page_url}{}{suffix}", &p[dir.len() + 1..]))
            }
            _ => CowStr::from(format!("{}{p}{suffix}", ctx.root_path)),
        },
        // `../../media/x.jpg` from a post: climbs out of content/, so it
        // means the site root.
        None => {
            let trimmed = path.trim_start_matches("../").trim_start_matches("./");
            CowStr::from(format!("{}{trimmed}{suffix}", ctx.root_path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LinkContext, join_rel, render};

    fn ctx<'a>(resolve: &'a (dyn Fn(&str) -> Option<String> + Sync)) -> LinkContext<'a> {
        LinkContext {
            doc_dir: "berita",
            root_path: "/sukamaju/",
            bundle: None,
            resolve,
            exists: &|p: &str| p.contains("ada"),
            unsafe_html: false,
        }
    }

    #[test]
    fn resolves_source_links_and_reports_broken_ones() {
        let resolve =
            |p: &str| (p == "agenda/musdes.md").then(|| "/sukamaju/agenda/musdes/".to_string());
        let r = render(
            "Lihat [rapat](../agenda/musdes.md#waktu) dan [lama](lama.md) dan [x](/berita/x/).",
            &ctx(&resolve),
        );
        assert!(
            r.html.contains("href=\"/sukamaju/agenda/musdes/#waktu\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("href=\"/sukamaju/berita/x/\""),
            "{}",
            r.html
        );
        assert_eq!(r.broken_links.len(), 1);
        assert_eq!(r.broken_links[0].target, "lama.md");
        let body =
            "Lihat [rapat](../agenda/musdes.md#waktu) dan [lama](lama.md) dan [x](/berita/x/).";
        assert_eq!(
            r.broken_links[0].offset,
            body.find("(lama.md)").unwrap() + 1
        );
    }

    #[test]
    fn gives_headings_unique_ids_and_collects_toc() {
        let none = |_: &str| None;
        let r = render(
            "## Hasil Panen\n\n## Hasil Panen\n\n### Lain {#khusus}\n",
            &ctx(&none),
        );
        assert!(r.html.contains("<h2 id=\"hasil-panen\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"hasil-panen-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"khusus\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn cuts_summary_and_keeps_first_paragraph() {
        let none = |_: &str| None;
        let r = render(
            "Satu *dua*\ntiga.\n\n<!-- more -->\n\nEmpat.\n",
            &ctx(&none),
        );
        assert_eq!(r.first_paragraph_text, "Satu dua tiga.");
        assert_eq!(
            r.more_html.as_deref(),
            Some("<p>Satu <em>dua</em>\ntiga.</p>\n")
        );
        assert!(!r.html.contains("more"));
    }

    /// A body saved on Windows (CRLF) renders as the same body with LF:
    /// the line ends of an HTML block warta drops or escapes included.
    #[test]
    fn windows_line_ends_render_as_unix_ones() {
        let none = |_: &str| None;
        for body in [
            "Satu.\n\n<!-- more -->\n\nDua.\n",
            "Satu.\n<!-- catatan -->\nDua.\n",
            "Satu.\n\n<!--\ncatatan redaksi:\nperiksa nama\n-->\n\nDua.\n",
            "<script>alert(1)</script>\n<b>x</b>\n\nHalo <i>y</i>\n",
            "<div>\nblok\n</div>\n\n- a\n- b\n\n```\nkode\n```\n",
        ] {
            let lf = render(body, &ctx(&none));
            let crlf = render(&body.replace('\n', "\r\n"), &ctx(&none));
            assert_eq!(crlf.html, lf.html, "{body:?}");
            assert_eq!(crlf.more_html, lf.more_html, "{body:?}");
        }
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        let none = |_: &str| None;
        let r = render("<script>alert(1)</script>\n\nHalo <b>x</b>", &ctx(&none));
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    }

    #[test]
    fn renders_extensions() {
        let none = |_: &str| None;
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n- [x] ok\n\n[^1]: catatan\n",
            &ctx(&none),
        );
        for tag in [
            "<table>",
            "<del>",
            "type=\"checkbox\"",
            "footnote-definition",
        ] {
            assert!(r.html.contains(tag), "{tag}: {}", r.html);
        }
    }

    #[test]
    fn drops_links_and_images_the_url_policy_refuses() {
        let none = |_: &str| None;
        for (body, text) in [
            ("[klik](javascript:alert(1))", "<p>klik</p>"),
            ("[klik](JaVaScRiPt:alert(1))", "<p>klik</p>"),
            ("[klik](java&#x73;cript:alert(1))", "<p>klik</p>"),
            ("[klik](java&#9;script:alert(1))", "<p>klik</p>"),
            ("[klik](vbscript:msgbox(1))", "<p>klik</p>"),
            ("[klik](data:text/html;base64,PHNjcmlwdD4=)", "<p>klik</p>"),
            ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>"),
            ("[klik][x]\n\n[x]: javascript:alert(1)", "<p>klik</p>"),
            ("[klik][]\n\n[klik]: <javascript:alert(1)>", "<p>klik</p>"),
            ("![foto kader](javascript:alert(1))", "<p>foto kader</p>"),
            ("![foto](data:image/svg+xml,x)", "<p>foto</p>"),
            ("[![foto](data:x,y)](javascript:z)", "<p>foto</p>"),
            (
                "[![foto](a.jpg)](javascript:z)",
                "<p><img src=\"/sukamaju/berita/a.jpg\" alt=\"foto\" /></p>",
            ),
        ] {
            let r = render(body, &ctx(&none));
            assert_eq!(r.html.trim(), text, "{body:?}");
            assert!(!r.refused.is_empty(), "{body:?}");
        }
        let body = "Satu.\n\nLihat [x](https://a.id) dan [y](javascript:b).";
        let r = render(body, &ctx(&none));
        assert_eq!(r.refused.len(), 1);
        assert_eq!(r.refused[0].url, "javascript:b");
        assert_eq!(r.refused[0].offset, body.find("javascript:b").unwrap());
        assert!(r.html.contains("href=\"https://a.id\""), "{}", r.html);
    }

    #[test]
    fn understands_paths_with_spaces_when_the_file_exists() {
        let none = |_: &str| None;
        let body = "Foto ![kader posyandu](WhatsApp Image ada.jpeg) dan [surat](surat hilang.pdf) (catatan kecil).";
        let r = render(body, &ctx(&none));
        assert!(
            r.html.contains(
                "<img src=\"/sukamaju/berita/WhatsApp%20Image%20ada.jpeg\" alt=\"kader posyandu\" />"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(" dan [surat](surat hilang.pdf) (catatan kecil)."),
            "{}",
            r.html
        );
        assert!(!r.html.contains("(WhatsApp"), "{}", r.html);
        assert_eq!(r.images[0].src, "/sukamaju/berita/WhatsApp Image ada.jpeg");
        assert_eq!(r.spaced.len(), 1);
        assert_eq!(r.spaced[0].target, "surat hilang.pdf");
        assert_eq!(
            &body[r.spaced[0].offset..][..r.spaced[0].len],
            "[surat](surat hilang.pdf)"
        );
        let resolve =
            |p: &str| (p == "agenda/rapat ada.md").then(|| "/sukamaju/agenda/rapat/".into());
        let r = render(
            "[**rapat** desa](../agenda/rapat ada.md) lalu",
            &ctx(&resolve),
        );
        assert!(
            r.html.contains(
                "<a href=\"/sukamaju/agenda/rapat/\"><strong>rapat</strong> desa</a> lalu"
            ),
            "{}",
            r.html
        );
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(
            join_rel("berita", "../agenda/x.md").as_deref(),
            Some("agenda/x.md")
        );
        assert_eq!(
            join_rel("berita/b", "./foto.jpg").as_deref(),
            Some("berita/b/foto.jpg")
        );
        assert_eq!(join_rel("berita", "../../x.md"), None);
    }

    #[test]
    fn rewrites_bundle_assets_to_the_page_url() {
        let none = |_: &str| None;
        let mut c = ctx(&none);
        c.doc_dir = "berita/2025-08-26-posyandu";
        c.bundle = Some(("berita/2025-08-26-posyandu", "/sukamaju/berita/posyandu/"));
        let r = render("![Kader](foto.jpg)", &c);
        assert!(
            r.html
                .contains("src=\"/sukamaju/berita/posyandu/foto.jpg\""),
            "{}",
            r.html
        );
        assert_eq!(r.images[0].alt, "Kader");
    }
}
