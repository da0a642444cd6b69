//! What the portal knows of a village: only what the village published,
//! read back from its built folder (`profile.json` and `atom.xml`). The
//! single run and `warta portal --from DIR` read the same files, so the
//! portal of a CI matrix is the portal of one run.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;

use super::search::{VillageIndex, read_index};
use crate::diag::Diagnostic;
use crate::network::Village;
use crate::{fsx, text};

/// A post as the village's Atom feed lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub title: String,
    pub url: String,
    pub date: DateTime<FixedOffset>,
    pub summary_html: String,
    /// The category key and name (`berita-desa`, `Berita Desa`).
    pub category: Option<(String, String)>,
    pub author: Option<String>,
    /// The post's photo (the feed's enclosure), an absolute URL.
    pub image: Option<String>,
}

/// An announcement of the village's `profile.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Announcement {
    pub title: String,
    pub url: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub expires: Option<DateTime<FixedOffset>>,
    pub summary: String,
}

/// An event of the village's `profile.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub title: String,
    pub url: String,
    pub start: DateTime<FixedOffset>,
    pub has_time: bool,
    pub ends: DateTime<FixedOffset>,
    pub venue: Option<String>,
}

/// One village, as published.
#[derive(Debug, Clone)]
pub struct VillageData {
    pub folder: String,
    /// `profile.json` as published.
    pub profile: Value,
    pub entries: Vec<Entry>,
    pub announcements: Vec<Announcement>,
    pub events: Vec<Event>,
    /// Its search index (`cari/`), merged into the portal's; `None` when
    /// it published none.
    pub search: Option<VillageIndex>,
}

impl VillageData {
    /// A string at `pointer` (`/profile/village/display_name`), or "".
    pub fn text(&self, pointer: &str) -> String {
        self.profile
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }

    pub fn number(&self, pointer: &str) -> Option<f64> {
        self.profile.pointer(pointer).and_then(Value::as_f64)
    }

    pub fn name(&self) -> String {
        self.text("/profile/village/display_name")
    }

    pub fn area_code(&self) -> String {
        self.text("/profile/village/area_code")
    }

    pub fn url(&self) -> String {
        self.text("/site/url")
    }
}

/// Reads the published files of `v` below `dir` (`dir/<folder>/`).
pub fn read_village(dir: &Path, v: &Village) -> Result<VillageData, Diagnostic> {
    let folder = dir.join(&v.folder);
    let json = fsx::read_text(&folder.join("profile.json"))?;
    let atom = fsx::read_text(&folder.join("atom.xml"))?;
    let mut data = village_data(v, &json, &atom)?;
    data.search = read_index(&v.folder, &|rel| {
        let path = folder.join(rel);
        if path.is_file() {
            fsx::read_text(&path).map(Some)
        } else {
            Ok(None)
        }
    })?;
    Ok(data)
}

/// What the portal takes from `v`'s published `profile.json` and
/// `atom.xml` (read from its folder, or from `serve`'s memory).
pub fn village_data(v: &Village, json: &str, atom: &str) -> Result<VillageData, Diagnostic> {
    let name = &v.folder;
    let profile: Value = serde_json::from_str(json).map_err(|e| {
        Diagnostic::error(text!(
            "`{name}/profile.json` bukan JSON yang sah: {e}",
            "`{name}/profile.json` is not valid JSON: {e}"
        ))
    })?;
    let entries = read_atom(atom).map_err(|e| {
        Diagnostic::error(text!(
            "`{name}/atom.xml` tidak bisa dibaca: {e}",
            "`{name}/atom.xml` cannot be read: {e}"
        ))
    })?;
    let list = |key: &str| profile.pointer(&format!("/site/{key}")).cloned();
    let announcements = list("announcements")
        .and_then(|a| serde_json::from_value::<Vec<RawAnnouncement>>(a).ok())
        .unwrap_or_default()
        .into_iter()
        .map(RawAnnouncement::into_announcement)
        .collect();
    let events = list("events")
        .and_then(|a| serde_json::from_value::<Vec<RawEvent>>(a).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(RawEvent::into_event)
        .collect();
    Ok(VillageData {
        folder: v.folder.clone(),
        profile,
        entries,
        announcements,
        events,
        search: None,
    })
}

#[derive(serde::Deserialize)]
struct RawAnnouncement {
    title: String,
    url: String,
    date: Option<String>,
    expires: Option<String>,
    #[serde(default)]
    summary: String,
}

impl RawAnnouncement {
    fn into_announcement(self) -> Announcement {
        Announcement {
            title: self.title,
            url: self.url,
            date: self.date.as_deref().and_then(parse_time),
            expires: self.expires.as_deref().and_then(parse_time),
            summary: self.summary,
        }
    }
}

#[derive(serde::Deserialize)]
struct RawEvent {
    title: String,
    url: String,
    start: String,
    #[serde(default)]
    has_time: bool,
    ends: String,
    venue: Option<String>,
}

impl RawEvent {
    fn into_event(self) -> Option<Event> {
        Some(Event {
            start: parse_time(&self.start)?,
            ends: parse_time(&self.ends)?,
            title: self.title,
            url: self.url,
            has_time: self.has_time,
            venue: self.venue,
        })
    }
}

fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

/// The entries of an Atom feed, as warta writes them.
pub fn read_atom(xml: &str) -> Result<Vec<Entry>, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| e.to_string())?;
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let entries = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| {
            let link = e
                .children()
                .find(|c| c.has_tag_name("link") && c.attribute("rel") != Some("enclosure"))?;
            let category = e.children().find(|c| c.has_tag_name("category"));
            let image = e
                .children()
                .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("enclosure"))
                .and_then(|c| c.attribute("href"))
                .map(str::to_string);
            let author = e
                .children()
                .find(|c| c.has_tag_name("author"))
                .and_then(|a| child(a, "name"));
            Some(Entry {
                title: child(e, "title")?,
                url: link.attribute("href")?.to_string(),
                date: child(e, "published")
                    .or_else(|| child(e, "updated"))
                    .as_deref()
                    .and_then(parse_time)?,
                summary_html: child(e, "summary").unwrap_or_default(),
                category: category.and_then(|c| {
                    let term = c.attribute("term")?.to_string();
                    Some((
                        term.clone(),
                        c.attribute("label").unwrap_or(&term).to_string(),
                    ))
                }),
                author,
                image,
            })
        })
        .collect();
    Ok(entries)
}
