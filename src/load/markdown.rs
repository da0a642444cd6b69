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
    let mut pass = Pass::new(body, ctx);
    for (event, range) in whole_html_blocks(parser.into_offset_iter()) {
        let Some(event) = outside_spaced(event, &range, &spaced_found.borrow()) else {
            continue;
        };
        let Some(event) = pass.rewrite(event, &range) else {
            continue;
        };
        pass.collect_text(&event);
        pass.track_blocks(&event);
        pass.push(event);
    }
    pass.finish(spaced_found.into_inner())
}

/// One pass over a body's events: what has been emitted so far, and where
/// the pass stands (in a heading, an image, the first paragraph…).
struct Pass<'a, 'c> {
    body: &'a str,
    ctx: &'c LinkContext<'c>,
    out: Rendered,
    events: Vec<Event<'a>>,
    used_ids: Vec<String>,
    /// The open heading: its start event, level, `{#id}` and text so far.
    heading: Option<(usize, HeadingLevel, Option<CowStr<'a>>, String)>,
    /// The open image: its offset, source and alt text so far.
    image_alt: Option<(usize, String, String)>,
    depth: usize,
    more_at: Option<usize>,
    first_para: Option<(usize, String)>,
    in_first_para: bool,
    first_para_done: bool,
    /// For each open link or image: whether it was dropped by the URL policy.
    dropped: Vec<bool>,
}

impl<'a, 'c> Pass<'a, 'c> {
    fn new(body: &'a str, ctx: &'c LinkContext<'c>) -> Self {
        Pass {
            body,
            ctx,
            out: Rendered::default(),
            events: Vec::with_capacity(body.len() / 8),
            used_ids: Vec::new(),
            heading: None,
            image_alt: None,
            depth: 0,
            more_at: None,
            first_para: None,
            in_first_para: false,
            first_para_done: false,
            dropped: Vec::new(),
        }
    }

    /// Links and images resolved (or dropped by the URL policy), raw HTML
    /// shown as text unless allowed, `<!-- more -->` noted; `None` for an
    /// event left out.
    fn rewrite(&mut self, event: Event<'a>, range: &std::ops::Range<usize>) -> Option<Event<'a>> {
        let (body, ctx) = (self.body, self.ctx);
        Some(match event {
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
                if refuse(body, range, dest_url, &event, &mut self.out) =>
            {
                self.dropped.push(true);
                return None;
            }
            Event::End(TagEnd::Link | TagEnd::Image) if self.dropped.pop() == Some(true) => {
                return None;
            }
            event @ Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                self.resolve_start(event, range)
            }
            Event::End(TagEnd::Image) => {
                if let Some((offset, src, alt)) = self.image_alt.take() {
                    self.out.images.push(BodyImage { offset, src, alt });
                }
                Event::End(TagEnd::Image)
            }
            Event::Html(h) | Event::InlineHtml(h) if !ctx.unsafe_html => {
                if h.trim_start().starts_with("<!--") {
                    if h.contains("<!-- more -->") || h.contains("<!--more-->") {
                        self.more_at.get_or_insert(self.events.len());
                    }
                    return None;
                }
                Event::Text(h)
            }
            Event::Html(h) => {
                if h.contains("<!-- more -->") || h.contains("<!--more-->") {
                    self.more_at.get_or_insert(self.events.len());
                }
                Event::Html(h)
            }
            other => other,
        })
    }

    /// A link's or image's URL resolved ([`rewrite_url`]); an image's alt
    /// text starts being collected.
    fn resolve_start(&mut self, event: Event<'a>, range: &std::ops::Range<usize>) -> Event<'a> {
        self.dropped.push(false);
        let (body, ctx) = (self.body, self.ctx);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let at = url_offset(body, range, &dest_url);
                let dest = rewrite_url(&dest_url, ctx, at, &mut self.out);
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
                let at = url_offset(body, range, &dest_url);
                let dest = rewrite_url(&dest_url, ctx, at, &mut self.out);
                self.image_alt = Some((range.start, dest.to_string(), String::new()));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            other => other,
        }
    }

    /// Text counted as words and added to the open heading, image alt
    /// and first paragraph.
    fn collect_text(&mut self, event: &Event<'a>) {
        if let Event::Text(t) | Event::Code(t) = event {
            self.out.words += t.split_whitespace().count();
            if let Some((_, _, _, text)) = &mut self.heading {
                text.push_str(t);
            }
            if let Some((_, _, alt)) = &mut self.image_alt {
                alt.push_str(t);
            }
            if let Some((_, text)) = self.first_para.as_mut().filter(|_| self.in_first_para) {
                text.push_str(t);
            }
        }
        let is_break = matches!(event, Event::SoftBreak | Event::HardBreak);
        if let Some((_, text)) = self
            .first_para
            .as_mut()
            .filter(|_| self.in_first_para && is_break)
        {
            text.push(' ');
        }
    }

    /// Headings get their unique id and go into the table of contents;
    /// the first top-level paragraph is kept as HTML and text.
    fn track_blocks(&mut self, event: &Event<'a>) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((self.events.len(), *level, id.clone(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, given, text)) = self.heading.take() {
                    let id = unique_id(given.map(|g| g.to_string()), &text, &mut self.used_ids);
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut self.events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    self.out.toc.push(Heading {
                        level: level as u8,
                        id,
                        title: text,
                    });
                }
            }
            Event::Start(Tag::Paragraph) if self.depth == 0 && !self.first_para_done => {
                self.in_first_para = true;
                self.first_para = Some((self.events.len(), String::new()));
            }
            Event::End(TagEnd::Paragraph) if self.depth == 1 && self.in_first_para => {
                self.in_first_para = false;
                self.first_para_done = true;
                if let Some((start, text)) = self.first_para.take() {
                    let mut h = String::new();
                    html::push_html(
                        &mut h,
                        self.events[start..].iter().cloned().chain([event.clone()]),
                    );
                    self.out.first_paragraph_html = h;
                    self.out.first_paragraph_text = text.trim().to_string();
                }
            }
            _ => {}
        }
    }

    /// Emits `event`, keeping the nesting depth; wide tables scroll inside
    /// their own box on a 360 px screen.
    fn push(&mut self, event: Event<'a>) {
        match &event {
            Event::Start(Tag::Table(_)) => self.events.push(Event::Html(CowStr::from(
                "<div class=\"table-wrap\" tabindex=\"0\">",
            ))),
            Event::End(TagEnd::Table) => {
                self.depth = self.depth.saturating_sub(1);
                self.events.push(event);
                self.events.push(Event::Html(CowStr::from("</div>")));
                return;
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.events.push(event);
    }

    /// The HTML, the summary cut at `<!-- more -->`, and the spaced links
    /// that could not be made.
    fn finish(self, mut spaced_found: Vec<(usize, Spaced, bool)>) -> Rendered {
        let Pass {
            body,
            mut out,
            events,
            more_at,
            ..
        } = self;
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
mod tests;
