//! `/profile.json`: the village profile as loaded (with phone numbers
//! normalised, and members' numbers only where they agreed), the site's
//! addresses, and every image path made absolute, for portals that list
//! the villages of a kabupaten. Made in Rust with `serde_json`.

use serde_json::{Value, json};

use super::inputs::Inputs;
use super::kind::{Body, Key, Kind};
use super::pages::changed;
use super::structured::{file_url, link};
use crate::model::Model;
use crate::render::Input;

pub struct ProfileJson;

impl Kind for ProfileJson {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "profile.json".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        // The profile and settings are in what every page sees; besides
        // them, the categories' counts and the newest post.
        for c in &m.categories {
            to.uses((&c.key, c.posts.len()));
        }
        to.uses((newest_change(m), m.posts.len()));
        // The announcements and events a portal lists (issue 14).
        let listed: Vec<usize> = m
            .active_announcements()
            .chain(m.upcoming_events())
            .collect();
        to.uses_summaries(&listed);
        for i in listed {
            let p = &m.posts[i];
            to.uses((
                &p.path,
                &p.title,
                p.date,
                p.expires,
                p.event.as_ref().map(|e| (e.start, e.end, &e.venue)),
            ));
        }
        Body::Made(|m, _| profile_json(m))
    }
}

fn newest_change(m: &Model) -> Option<crate::model::Moment> {
    m.posts.iter().filter_map(|p| changed(p)).max()
}

/// The text of `/profile.json`.
pub fn profile_json(model: &Input<'_>) -> String {
    let mut profile = serde_json::to_value(&model.profile).unwrap_or(Value::Null);
    absolutize(model, &mut profile, None);
    let categories: Vec<Value> = model
        .categories
        .iter()
        .filter(|c| !c.posts.is_empty())
        .map(|c| {
            json!({
                "name": c.name,
                "url": link(model, &c.path),
                "rss": link(model, &format!("{}rss.xml", c.path)),
                "posts": c.posts.len(),
            })
        })
        .collect();
    let newest = newest_change(model).map(|m| m.at.to_rfc3339());
    let doc = json!({
        "generator": concat!("warta ", env!("CARGO_PKG_VERSION")),
        "format": 1,
        "site": {
            "title": model.config.title,
            "description": model.config.description,
            "url": link(model, ""),
            "language": model.config.language.code(),
            "time_zone": model.zone,
            "updated": newest,
            "posts": model.posts.len(),
            "feeds": {
                "rss": link(model, "rss.xml"),
                "atom": link(model, "atom.xml"),
            },
            "sitemap": link(model, "sitemap.xml"),
            "pages": {
                "profil": link(model, "profil/"),
                "pemerintahan": link(model, "pemerintahan/"),
                "kim": link(model, "kim/"),
                "kontak": link(model, "kontak/"),
                "arsip": link(model, "arsip/"),
            },
            "categories": categories,
            "announcements": announcements(model),
            "events": events(model),
        },
        "profile": profile,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
/// Announcements in force when the site was built, newest first, with
/// when each ends: a portal that lists a network's announcements drops
/// the ones past `expires` at its own build time.
fn announcements(model: &Input<'_>) -> Vec<Value> {
    model
        .active_announcements()
        .map(|i| {
            let p = &model.posts[i];
            json!({
                "title": p.title,
                "url": link(model, &p.path),
                "date": p.date.map(|d| d.at.to_rfc3339()),
                "expires": p.expires.map(|e| e.until().to_rfc3339()),
                "summary": p.summary,
            })
        })
        .collect()
}

/// Events not over when the site was built, soonest first.
fn events(model: &Input<'_>) -> Vec<Value> {
    model
        .upcoming_events()
        .into_iter()
        .filter_map(|i| {
            let p = &model.posts[i];
            let e = p.event.as_ref()?;
            Some(json!({
                "title": p.title,
                "url": link(model, &p.path),
                "start": e.start.at.to_rfc3339(),
                "has_time": e.start.has_time,
                "ends": e.ends().to_rfc3339(),
                "venue": e.venue,
                "summary": p.summary,
            }))
        })
        .collect()
}

/// Image and file paths anywhere in the profile become absolute URLs;
/// content pages named by source (`lembaga/bpd.md`) become their URLs.
fn absolutize(model: &Input<'_>, v: &mut Value, key: Option<&str>) {
    const FILE_KEYS: [&str; 8] = [
        "logo",
        "office_photo",
        "photo",
        "photos",
        "image",
        "images",
        "org_chart",
        "boundary_geojson",
    ];
    const PAGE_KEYS: [&str; 3] = ["page", "history_page", "welcome_page"];
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                absolutize(model, child, Some(k));
            }
        }
        Value::Array(items) => {
            for item in items {
                absolutize(model, item, key);
            }
        }
        Value::String(s) => match key {
            Some(k) if FILE_KEYS.contains(&k) && !s.is_empty() => {
                *s = file_url(model, s);
            }
            Some(k) if PAGE_KEYS.contains(&k) => {
                if let Some(page) = model.page_by_source(Some(s.as_str())) {
                    *s = link(model, &page.path);
                }
            }
            _ => {}
        },
        _ => {}
    }
}
