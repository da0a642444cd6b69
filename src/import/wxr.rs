//! A WordPress export (WXR 1.0, 1.1, 1.2) into an [`Export`].
//!
//! WXR is RSS 2.0 with a `wp:` namespace whose URI names the version
//! (`http://wordpress.org/export/1.2/`); every `item` is a post, a page,
//! an attachment, a revision, a menu item or a plugin's own type. Posts
//! and pages become [`Item`]s; attachments are kept aside for featured
//! images and `[gallery]`; everything else is counted in `left_out`.
//! Dates come from `wp:post_date_gmt`, shown in the village's zone; a
//! draft's is `0000-00-00 00:00:00`, so its `wp:post_date` (the old site's
//! local time) is read in the village's zone instead.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use roxmltree::Node;

use crate::diag::{Diagnostic, Text};
use crate::import::shortcode;
use crate::import::xml::{self, child_text, text_of};
use crate::import::{Attachment, Export, Item, ItemKind, LeftOut, Platform, Status, Term};
use crate::load::urlpolicy::percent_decode_lossy;
use crate::text;

fn is_wp(ns: &str) -> bool {
    ns.starts_with("http://wordpress.org/export/") && !ns.ends_with("excerpt/")
}

fn is_excerpt(ns: &str) -> bool {
    ns.starts_with("http://wordpress.org/export/") && ns.ends_with("excerpt/")
}

fn is_content(ns: &str) -> bool {
    ns == "http://purl.org/rss/1.0/modules/content/"
}

fn is_dc(ns: &str) -> bool {
    ns == "http://purl.org/dc/elements/1.1/"
}

fn is_none(ns: &str) -> bool {
    ns.is_empty()
}

/// Reads `file` as a WXR export; dates are shown in `zone`.
pub fn read(file: &Path, zone: FixedOffset) -> Result<Export, Diagnostic> {
    let (text, bad_chars) = xml::read(file)?;
    let doc = xml::parse(&text, file)?;
    let channel = channel(&doc, file)?;
    let authors = authors(channel);
    let all: Vec<Node> = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    let attachments = attachments(&all);
    let site_url = site_url(channel);
    let mut export = Export {
        platform: Platform::WordPress,
        site_url,
        items: Vec::new(),
        left_out: HashMap::new(),
        bad_chars,
    };
    for node in &all {
        let comments = node
            .children()
            .filter(|c| c.tag_name().name() == "comment" && is_wp(ns_of(*c)))
            .count();
        if comments > 0 {
            *export.left_out.entry(LeftOut::Comment).or_default() += comments;
        }
        match item(*node, &authors, &attachments, &export.site_url, zone) {
            Ok(i) => export.items.push(i),
            Err(why) => *export.left_out.entry(why).or_default() += 1,
        }
    }
    if export.items.is_empty() {
        let shown = file.display();
        let d = Diagnostic::error(text!(
            "Ekspor WordPress `{shown}` tidak berisi tulisan atau halaman untuk diimpor.",
            "The WordPress export `{shown}` holds no posts or pages to import."
        ))
        .in_file(file)
        .hint(Text::new(
            "Di WordPress pilih Alat → Ekspor → Semua konten (bukan hanya Media), lalu ulangi dengan berkas itu.",
            "In WordPress choose Tools → Export → All content (not only Media), then run again with that file.",
        ));
        return Err(d);
    }
    Ok(export)
}

fn ns_of<'a>(n: Node<'a, 'a>) -> &'a str {
    n.tag_name().namespace().unwrap_or("")
}

/// The `channel` of a WXR, or why the file is not one.
fn channel<'a>(doc: &'a roxmltree::Document<'a>, file: &Path) -> Result<Node<'a, 'a>, Diagnostic> {
    let root = doc.root_element();
    let shown = file.display();
    if root.tag_name().name() == "feed" {
        return Err(Diagnostic::error(text!(
            "Berkas `{shown}` adalah feed Atom (Blogger), bukan ekspor WordPress.",
            "The file `{shown}` is an Atom feed (Blogger), not a WordPress export."
        ))
        .in_file(file)
        .hint(Text::new(
            "Untuk cadangan Blogger pakai `warta import blogger BERKAS.xml`.",
            "For a Blogger backup use `warta import blogger FILE.xml`.",
        )));
    }
    let channel = root
        .children()
        .find(|n| n.has_tag_name("channel"))
        .filter(|_| root.has_tag_name("rss"));
    let Some(channel) = channel else {
        let name = root.tag_name().name();
        return Err(Diagnostic::error(text!(
            "Berkas `{shown}` adalah XML, tetapi bukan ekspor WordPress (akarnya <{name}>, bukan <rss>).",
            "The file `{shown}` is XML but not a WordPress export (its root is <{name}>, not <rss>)."
        ))
        .in_file(file)
        .hint(xml::export_hint()));
    };
    let wxr = channel
        .descendants()
        .any(|n| is_wp(ns_of(n)) && n.is_element());
    if !wxr {
        return Err(Diagnostic::error(text!(
            "Berkas `{shown}` adalah feed RSS biasa, bukan ekspor WordPress (WXR): tidak ada data `wp:`.",
            "The file `{shown}` is a plain RSS feed, not a WordPress export (WXR): it has no `wp:` data."
        ))
        .in_file(file)
        .hint(Text::new(
            "Feed RSS hanya memuat tulisan terbaru tanpa isi lengkap. Unduh ekspornya dari WordPress: Alat → Ekspor → Semua konten.",
            "An RSS feed holds only the latest posts without their full text. Download the export from WordPress: Tools → Export → All content.",
        )));
    }
    Ok(channel)
}

fn site_url(channel: Node) -> String {
    let blog = child_text(channel, is_wp, "base_blog_url");
    let url = if blog.is_empty() {
        child_text(channel, is_none, "link")
    } else {
        blog
    };
    url.trim_end_matches('/').to_string()
}

/// Author login → display name.
fn authors(channel: Node) -> HashMap<String, String> {
    channel
        .children()
        .filter(|n| n.tag_name().name() == "author" && is_wp(ns_of(*n)))
        .map(|a| {
            let login = child_text(a, is_wp, "author_login").trim().to_string();
            let name = child_text(a, is_wp, "author_display_name")
                .trim()
                .to_string();
            (login.clone(), if name.is_empty() { login } else { name })
        })
        .collect()
}

/// A post's meta value by key.
fn meta(item: Node, key: &str) -> Option<String> {
    item.children()
        .filter(|n| n.tag_name().name() == "postmeta" && is_wp(ns_of(*n)))
        .find(|m| child_text(*m, is_wp, "meta_key") == key)
        .map(|m| child_text(m, is_wp, "meta_value").trim().to_string())
}

/// Attachments by id, with their parent's id.
fn attachments(items: &[Node]) -> HashMap<u64, (u64, Attachment)> {
    items
        .iter()
        .filter(|n| child_text(**n, is_wp, "post_type") == "attachment")
        .filter_map(|n| {
            let id = child_text(*n, is_wp, "post_id").trim().parse().ok()?;
            let parent = child_text(*n, is_wp, "post_parent")
                .trim()
                .parse()
                .unwrap_or(0);
            let mut url = child_text(*n, is_wp, "attachment_url").trim().to_string();
            if url.is_empty() {
                url = child_text(*n, is_none, "guid").trim().to_string();
            }
            let a = Attachment {
                url,
                alt: meta(*n, "_wp_attachment_image_alt").unwrap_or_default(),
                title: child_text(*n, is_none, "title").trim().to_string(),
            };
            Some((id, (parent, a)))
        })
        .collect()
}

/// One `item`: a post or page, or why it is left out.
fn item(
    n: Node,
    authors: &HashMap<String, String>,
    attachments: &HashMap<u64, (u64, Attachment)>,
    site: &str,
    zone: FixedOffset,
) -> Result<Item, LeftOut> {
    let (kind, status) = kind_and_status(n)?;
    let id: u64 = child_text(n, is_wp, "post_id").trim().parse().unwrap_or(0);
    let login = child_text(n, is_dc, "creator").trim().to_string();
    let author = authors.get(&login).cloned().or(Some(login));
    let (categories, tags) = terms(n);
    let gallery = |ids: Option<Vec<u64>>| gallery(attachments, id, ids);
    let mut notes = Vec::new();
    let body = shortcode::autop(&child_text(n, is_content, "encoded"));
    let html = shortcode::expand(&body, &gallery, &mut notes);
    let excerpt = child_text(n, is_excerpt, "encoded").trim().to_string();
    let featured = meta(n, "_thumbnail_id")
        .and_then(|t| t.parse::<u64>().ok())
        .and_then(|t| attachments.get(&t))
        .map(|(_, a)| a.clone());
    let link = child_text(n, is_none, "link").trim().to_string();
    let guid = child_text(n, is_none, "guid").trim().to_string();
    let query = match kind {
        ItemKind::Post => format!("{site}/?p={id}"),
        ItemKind::Page => format!("{site}/?page_id={id}"),
    };
    let other_links = [guid, query]
        .into_iter()
        .filter(|l| !l.is_empty() && *l != link)
        .collect();
    Ok(Item {
        kind,
        status,
        title: child_text(n, is_none, "title").trim().to_string(),
        name: percent_decode_lossy(child_text(n, is_wp, "post_name").trim()),
        date: date(n, zone),
        author: author.filter(|a| !a.is_empty()),
        categories,
        tags,
        excerpt: (!excerpt.is_empty()).then_some(excerpt),
        html,
        link: (!link.is_empty()).then_some(link),
        other_links,
        featured,
        notes,
    })
}

/// What an item is, or why it is left out.
fn kind_and_status(n: Node) -> Result<(ItemKind, Status), LeftOut> {
    let kind = match &*child_text(n, is_wp, "post_type") {
        "post" => ItemKind::Post,
        "page" => ItemKind::Page,
        "attachment" => return Err(LeftOut::Attachment),
        "revision" => return Err(LeftOut::Revision),
        "nav_menu_item" => return Err(LeftOut::Menu),
        _ => return Err(LeftOut::OtherType),
    };
    let status = match &*child_text(n, is_wp, "status") {
        "publish" => Status::Published,
        "future" => Status::Scheduled,
        "draft" | "pending" => Status::Draft,
        "private" => return Err(LeftOut::Private),
        "trash" => return Err(LeftOut::Trash),
        "auto-draft" => return Err(LeftOut::AutoDraft),
        "inherit" => return Err(LeftOut::Revision),
        _ => Status::Draft,
    };
    Ok((kind, status))
}

/// The photos of a `[gallery]` in item `id`: those of `ids`, else the
/// item's own attachments in upload order.
fn gallery(
    attachments: &HashMap<u64, (u64, Attachment)>,
    id: u64,
    ids: Option<Vec<u64>>,
) -> Vec<Attachment> {
    match ids {
        Some(ids) => ids
            .iter()
            .filter_map(|i| attachments.get(i).map(|(_, a)| a.clone()))
            .collect(),
        None => {
            let mut own: Vec<(u64, &Attachment)> = attachments
                .iter()
                .filter(|(_, (p, _))| *p == id && id != 0)
                .map(|(i, (_, a))| (*i, a))
                .collect();
            own.sort_by_key(|(i, _)| *i);
            own.into_iter().map(|(_, a)| a.clone()).collect()
        }
    }
}

/// Categories and tags, in the order written.
fn terms(n: Node) -> (Vec<Term>, Vec<String>) {
    let mut categories = Vec::new();
    let mut tags = Vec::new();
    for c in n.children().filter(|c| c.has_tag_name("category")) {
        let name = text_of(c).trim().to_string();
        if name.is_empty() {
            continue;
        }
        let slug = percent_decode_lossy(c.attribute("nicename").unwrap_or(""));
        match c.attribute("domain") {
            Some("category") if !categories.iter().any(|t: &Term| t.name == name) => {
                categories.push(Term { name, slug });
            }
            Some("post_tag") if !tags.contains(&name) => tags.push(name),
            _ => {}
        }
    }
    (categories, tags)
}

/// `wp:post_date_gmt` in `zone`, else `wp:post_date` read in `zone`,
/// else `pubDate`.
fn date(n: Node, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let parse = |s: &str| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S").ok();
    if let Some(gmt) = parse(&child_text(n, is_wp, "post_date_gmt")) {
        return Some(chrono::Utc.from_utc_datetime(&gmt).with_timezone(&zone));
    }
    if let Some(local) = parse(&child_text(n, is_wp, "post_date")) {
        return zone.from_local_datetime(&local).single();
    }
    DateTime::parse_from_rfc2822(child_text(n, is_none, "pubDate").trim())
        .ok()
        .map(|d| d.with_timezone(&zone))
}

#[cfg(test)]
mod tests {
    use crate::load::urlpolicy::percent_decode_lossy as percent_decode;

    #[test]
    fn decodes_percent_slugs() {
        assert_eq!(
            percent_decode("kerja-bakti-%e2%80%93-rt"),
            "kerja-bakti-–-rt"
        );
        assert_eq!(percent_decode("100%-x"), "100%-x");
    }
}
