//! A Blogger backup (Settings → Back up content) or a Google Takeout
//! `feed.atom` into an [`Export`].
//!
//! Both are Atom. The classic backup says what each entry is with a
//! `<category scheme="…g/2005#kind" term="…kind#post">` (also `#page`,
//! `#comment`, `#template`, `#settings`) and marks drafts with
//! `<app:draft>yes</app:draft>`; Takeout's says it with
//! `<blogger:type>POST</blogger:type>` and `<blogger:status>LIVE</…>` and
//! gives the old path in `<blogger:filename>`. Labels are the other
//! `category` terms. Dates keep the offset Blogger wrote.
//!
//! A blog's public feed (`/feeds/posts/default`) looks like a backup but
//! holds only the latest posts, often cut short; it has no template or
//! settings entries and its id does not end in `.archive`, and is refused.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use roxmltree::Node;

use crate::diag::{Diagnostic, Text};
use crate::format::slugify;
use crate::import::xml::{self, text_of};
use crate::import::{Export, Item, ItemKind, LeftOut, Platform, Status, Term};
use crate::text;

const KIND: &str = "http://schemas.google.com/g/2005#kind";
const BLOGGER_NS: &str = "http://schemas.google.com/blogger/2018";

/// What one entry is.
enum Entry {
    Item(ItemKind, Status),
    Left(LeftOut),
}

/// Reads `file` as a Blogger backup; `now` tells scheduled posts.
pub fn read(file: &Path, now: DateTime<FixedOffset>) -> Result<Export, Diagnostic> {
    let (text, bad_chars) = xml::read(file)?;
    let doc = xml::parse(&text, file)?;
    let feed = doc.root_element();
    let entries: Vec<Node> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let kinds: Vec<Option<Entry>> = entries.iter().map(|e| kind(*e, now)).collect();
    if let Some(why) = not_a_backup(feed, &entries, &kinds) {
        return Err(refused(file, &why));
    }
    let mut export = Export {
        platform: Platform::Blogger,
        site_url: site_url(feed, &entries),
        items: Vec::new(),
        left_out: HashMap::new(),
        bad_chars,
    };
    for (e, k) in entries.iter().zip(kinds) {
        match k {
            Some(Entry::Item(kind, status)) => export.items.push(item(*e, kind, status)),
            Some(Entry::Left(why)) => *export.left_out.entry(why).or_default() += 1,
            None => *export.left_out.entry(LeftOut::OtherType).or_default() += 1,
        }
    }
    if export.items.is_empty() {
        let shown = file.display();
        return Err(Diagnostic::error(text!(
            "Cadangan Blogger `{shown}` tidak berisi tulisan atau halaman untuk diimpor.",
            "The Blogger backup `{shown}` holds no posts or pages to import."
        ))
        .in_file(file));
    }
    Ok(export)
}

/// Why the file is not a Blogger backup, if it is not.
fn not_a_backup(feed: Node, entries: &[Node], kinds: &[Option<Entry>]) -> Option<Text> {
    if feed.tag_name().name() == "rss" {
        return Some(Text::new(
            "isinya RSS (ekspor WordPress?); untuk WordPress pakai `warta import wordpress`",
            "it is RSS (a WordPress export?); for WordPress use `warta import wordpress`",
        ));
    }
    if feed.tag_name().name() != "feed" {
        return Some(Text::new(
            "akarnya bukan <feed> Atom",
            "its root is not an Atom <feed>",
        ));
    }
    if kinds.iter().all(Option::is_none) {
        return Some(Text::new(
            "tidak ada entri yang bertanda tulisan, halaman, atau komentar Blogger",
            "no entry is marked as a Blogger post, page or comment",
        ));
    }
    let takeout = entries.iter().any(|e| blogger_child(*e, "type").is_some());
    let archive = child(feed, "id").is_some_and(|id| id.trim().ends_with(".archive"));
    let full = kinds
        .iter()
        .any(|k| matches!(k, Some(Entry::Left(LeftOut::Settings | LeftOut::Template))));
    (!takeout && !archive && !full).then(|| {
        Text::new(
            "ini feed publik blog (hanya tulisan terbaru), bukan cadangan lengkap",
            "this is the blog's public feed (only the latest posts), not a full backup",
        )
    })
}

fn refused(file: &Path, why: &Text) -> Diagnostic {
    let shown = file.display();
    let (id, en) = (&why.id, &why.en);
    Diagnostic::error(text!(
        "Berkas `{shown}` bukan cadangan Blogger: {id}.",
        "The file `{shown}` is not a Blogger backup: {en}."
    ))
    .in_file(file)
    .hint(Text::new(
        "Di Blogger buka Setelan → Kelola blog → Cadangkan konten → Unduh, atau ambil feed.atom dari Google Takeout (Blogger), lalu ulangi dengan berkas itu.",
        "In Blogger open Settings → Manage blog → Back up content → Download, or take feed.atom from Google Takeout (Blogger), then run again with that file.",
    ))
}

fn child<'a>(n: Node<'a, 'a>, name: &str) -> Option<String> {
    n.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() != Some(BLOGGER_NS))
        .map(|c| text_of(c).into_owned())
}

fn blogger_child<'a>(n: Node<'a, 'a>, name: &str) -> Option<String> {
    n.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(BLOGGER_NS))
        .map(|c| text_of(c).trim().to_string())
}

/// What an entry is, from either format's markers; `None` when it has none.
fn kind(e: Node, now: DateTime<FixedOffset>) -> Option<Entry> {
    let future = published(e).is_some_and(|d| d > now);
    if let Some(t) = blogger_child(e, "type") {
        let kind = match t.as_str() {
            "POST" => ItemKind::Post,
            "PAGE" => ItemKind::Page,
            "COMMENT" => return Some(Entry::Left(LeftOut::Comment)),
            _ => return Some(Entry::Left(LeftOut::OtherType)),
        };
        let status = match blogger_child(e, "status").as_deref() {
            Some("LIVE") if future => Status::Scheduled,
            Some("LIVE") => Status::Published,
            Some("SCHEDULED") => Status::Scheduled,
            Some("DELETED" | "SOFT_TRASHED") => return Some(Entry::Left(LeftOut::Trash)),
            _ => Status::Draft,
        };
        return Some(Entry::Item(kind, status));
    }
    let term = e
        .children()
        .filter(|c| c.has_tag_name("category") && c.attribute("scheme") == Some(KIND))
        .find_map(|c| c.attribute("term"))?;
    let draft = e
        .descendants()
        .any(|c| c.tag_name().name() == "draft" && text_of(c).trim() == "yes");
    let status = match (draft, future) {
        (true, _) => Status::Draft,
        (false, true) => Status::Scheduled,
        (false, false) => Status::Published,
    };
    Some(match term.rsplit('#').next().unwrap_or("") {
        "post" => Entry::Item(ItemKind::Post, status),
        "page" => Entry::Item(ItemKind::Page, status),
        "comment" => Entry::Left(LeftOut::Comment),
        "template" => Entry::Left(LeftOut::Template),
        "settings" => Entry::Left(LeftOut::Settings),
        _ => Entry::Left(LeftOut::OtherType),
    })
}

fn published(e: Node) -> Option<DateTime<FixedOffset>> {
    child(e, "published").and_then(|p| DateTime::parse_from_rfc3339(p.trim()).ok())
}

/// The blog's address: the feed's alternate link, else the host of the
/// first entry's.
fn site_url(feed: Node, entries: &[Node]) -> String {
    let link = alternate(feed).or_else(|| entries.iter().find_map(|e| alternate(*e)));
    let Some(link) = link else {
        return String::new();
    };
    let after = link.find("://").map_or(0, |i| i + 3);
    let end = link[after..].find('/').map_or(link.len(), |i| after + i);
    link[..end].to_string()
}

fn alternate(n: Node) -> Option<String> {
    n.children()
        .filter(|c| c.has_tag_name("link") && c.attribute("rel") == Some("alternate"))
        .find_map(|c| c.attribute("href").map(str::to_string))
}

fn item(e: Node, kind: ItemKind, status: Status) -> Item {
    let link = alternate(e).or_else(|| blogger_child(e, "filename"));
    let name = link
        .as_deref()
        .and_then(|l| l.rsplit('/').next())
        .map(|f| f.trim_end_matches(".html").to_string())
        .unwrap_or_default();
    let labels: Vec<String> = e
        .children()
        .filter(|c| c.has_tag_name("category") && c.attribute("scheme") != Some(KIND))
        .filter_map(|c| c.attribute("term").map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty())
        .collect();
    let author = e
        .children()
        .find(|c| c.has_tag_name("author"))
        .and_then(|a| child(a, "name"))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty() && n != "Unknown");
    Item {
        kind,
        status,
        title: child(e, "title").unwrap_or_default().trim().to_string(),
        name,
        date: published(e).or_else(|| {
            child(e, "updated").and_then(|p| DateTime::parse_from_rfc3339(p.trim()).ok())
        }),
        author,
        categories: labels
            .iter()
            .map(|l| Term {
                name: l.clone(),
                slug: slugify(l),
            })
            .collect(),
        tags: Vec::new(),
        excerpt: None,
        html: child(e, "content").unwrap_or_default(),
        link,
        other_links: Vec::new(),
        featured: None,
        notes: Vec::new(),
    }
}
