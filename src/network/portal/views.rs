//! The portal's pages as data for its templates: the network's latest
//! posts, announcements in force and events to come across villages,
//! villages by kecamatan, summed statistics, products and places. Dates
//! are shown in each village's own zone (the offset its feed wrote), not
//! the build machine's.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::data::VillageData;
use crate::diag::Lang;
use crate::format;

/// How many posts the home page and the combined feeds list.
pub const LATEST: usize = 12;
pub const FEED_ENTRIES: usize = 50;
/// How many events to come the home page lists.
pub const EVENTS: usize = 10;

/// `Selasa, 26 Agustus 2025` in the date's own offset.
fn date_text(d: &DateTime<FixedOffset>, lang: Lang) -> String {
    format::date_long(d.date_naive(), lang)
}

/// `09.30 WIB` for a village whose zone label is `label`.
fn time_text(d: &DateTime<FixedOffset>, label: &str) -> String {
    format!("{} {label}", d.format("%H.%M"))
}

/// Text of a summary written as HTML (`<p>…</p>`), tags taken out.
pub fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .trim()
        .to_string()
}

/// Who a card names: the village and its address.
fn village_of(v: &VillageData) -> Value {
    json!({ "name": v.name(), "url": v.url(), "folder": v.folder })
}

/// Every village's posts, newest first (ties by address, so the order
/// never depends on which village was read first).
pub fn entries(villages: &[VillageData], lang: Lang) -> Vec<Value> {
    let mut all: Vec<(&VillageData, &super::data::Entry)> = villages
        .iter()
        .flat_map(|v| v.entries.iter().map(move |e| (v, e)))
        .collect();
    all.sort_by(|a, b| b.1.date.cmp(&a.1.date).then_with(|| a.1.url.cmp(&b.1.url)));
    all.into_iter()
        .map(|(v, e)| {
            json!({
                "title": e.title,
                "url": e.url,
                "date": e.date.to_rfc3339(),
                "date_text": date_text(&e.date, lang),
                "date_rfc822": e.date.to_rfc2822(),
                "summary": plain(&e.summary_html),
                "summary_html": e.summary_html,
                "category": e.category.as_ref().map(|c| json!({"key": c.0, "name": c.1})),
                "author": e.author,
                "image": e.image,
                "village": village_of(v),
            })
        })
        .collect()
}

/// The portal's sharing picture (`og:image`): the photo of the newest
/// post that has one, else the first village's office photo or logo.
pub fn share_image(entries: &[Value], villages: &[VillageData]) -> Option<String> {
    let from_posts = entries.iter().find_map(|e| e["image"].as_str());
    let from_profiles = villages.iter().find_map(|v| {
        ["/profile/village/office_photo", "/profile/village/logo"]
            .iter()
            .map(|p| v.text(p))
            .find(|s| !s.is_empty())
    });
    from_posts.map(str::to_string).or(from_profiles)
}

/// Announcements still in force at `now`, newest first.
pub fn announcements(
    villages: &[VillageData],
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Vec<Value> {
    let mut all: Vec<_> = villages
        .iter()
        .flat_map(|v| v.announcements.iter().map(move |a| (v, a)))
        .filter(|(_, a)| a.expires.is_none_or(|e| e > now))
        .collect();
    all.sort_by(|a, b| b.1.date.cmp(&a.1.date).then_with(|| a.1.url.cmp(&b.1.url)));
    all.into_iter()
        .map(|(v, a)| {
            json!({
                "title": a.title,
                "url": a.url,
                "date_text": a.date.map(|d| date_text(&d, lang)),
                // `expires` is the moment it ends: the end of its last day.
                "expires_text": a.expires.map(|d| date_text(&(d - chrono::Duration::seconds(1)), lang)),
                "summary": a.summary,
                "village": village_of(v),
            })
        })
        .collect()
}

/// Events not over at `now`, soonest first.
pub fn events(villages: &[VillageData], now: DateTime<FixedOffset>, lang: Lang) -> Vec<Value> {
    let mut all: Vec<_> = villages
        .iter()
        .flat_map(|v| v.events.iter().map(move |e| (v, e)))
        .filter(|(_, e)| e.ends > now)
        .collect();
    all.sort_by(|a, b| {
        a.1.start
            .cmp(&b.1.start)
            .then_with(|| a.1.url.cmp(&b.1.url))
    });
    all.into_iter()
        .map(|(v, e)| {
            let label = v.text("/site/time_zone/label");
            json!({
                "title": e.title,
                "url": e.url,
                "start": e.start.to_rfc3339(),
                "date_text": date_text(&e.start, lang),
                "time_text": e.has_time.then(|| time_text(&e.start, &label)),
                "venue": e.venue,
                "village": village_of(v),
            })
        })
        .collect()
}

/// Villages grouped by kecamatan (from the area codes), in code order,
/// each with its KIM, address, counts and statistics.
pub fn districts(villages: &[VillageData]) -> Vec<Value> {
    let mut by: BTreeMap<String, (String, Vec<&VillageData>)> = BTreeMap::new();
    for v in villages {
        let code = v.text("/profile/village/district_code");
        let name = match v.text("/profile/region/district_display") {
            n if n.is_empty() => v.text("/profile/region/district"),
            n => n,
        };
        by.entry(code)
            .or_insert_with(|| (name, Vec::new()))
            .1
            .push(v);
    }
    by.into_iter()
        .map(|(code, (name, mut vs))| {
            vs.sort_by_key(|v| v.area_code());
            let stat = |key: &str| -> i64 {
                vs.iter()
                    .filter_map(|v| v.number(&format!("/profile/statistics/{key}")))
                    .sum::<f64>() as i64
            };
            json!({
                "code": code,
                "name": name,
                "population": stat("population"),
                "male": stat("male"),
                "female": stat("female"),
                "households": stat("households"),
                "villages": vs.iter().map(|v| village_row(v)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn village_row(v: &VillageData) -> Value {
    let stat = |key: &str| {
        v.number(&format!("/profile/statistics/{key}"))
            .map(|n| n as i64)
    };
    json!({
        "name": v.name(),
        "folder": v.folder,
        "url": v.url(),
        "area_code": v.area_code(),
        "kind": v.text("/profile/village/kind"),
        "kim": v.text("/profile/kim/name"),
        "posts": v.profile.pointer("/site/posts").cloned().unwrap_or(Value::Null),
        "population": stat("population"),
        "households": stat("households"),
        "as_of": v.text("/profile/statistics/as_of"),
        "latitude": v.number("/profile/location/latitude"),
        "longitude": v.number("/profile/location/longitude"),
        "profile_json": format!("{}profile.json", v.url()),
        "rss": v.text("/site/feeds/rss"),
        "atom": v.text("/site/feeds/atom"),
        "sitemap": v.text("/site/sitemap"),
    })
}

/// The network's totals over every village that gives the number.
pub fn totals(villages: &[VillageData]) -> Value {
    let sum = |key: &str| -> i64 {
        villages
            .iter()
            .filter_map(|v| v.number(&format!("/profile/statistics/{key}")))
            .sum::<f64>() as i64
    };
    let posts: i64 = villages
        .iter()
        .filter_map(|v| v.profile.pointer("/site/posts").and_then(Value::as_i64))
        .sum();
    json!({
        "villages": villages.len(),
        "posts": posts,
        "population": sum("population"),
        "male": sum("male"),
        "female": sum("female"),
        "households": sum("households"),
    })
}

/// Active products of every village, by village.
pub fn products(villages: &[VillageData]) -> Vec<Value> {
    villages
        .iter()
        .flat_map(|v| {
            let list = v
                .profile
                .pointer("/profile/products")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            list.into_iter()
                .filter(|p| p.get("active").and_then(Value::as_bool) != Some(false))
                .map(move |p| {
                    json!({
                        "name": p.get("name"),
                        "category": p.get("category"),
                        "price": p.get("price_idr").and_then(Value::as_i64).map(format::rupiah),
                        "unit": p.get("unit"),
                        "seller": p.get("seller"),
                        "whatsapp": p.get("whatsapp_e164"),
                        "photo": p.pointer("/photos/0"),
                        "url": format!("{}produk/", v.url()),
                        "village": village_of(v),
                    })
                })
        })
        .collect()
}

/// Category keys and names of every post listed, sorted by key.
pub fn categories(entries: &[Value]) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for e in entries {
        if let (Some(k), Some(n)) = (
            e.pointer("/category/key").and_then(Value::as_str),
            e.pointer("/category/name").and_then(Value::as_str),
        ) {
            let key = format::slugify(k);
            if !key.is_empty() {
                seen.entry(key).or_insert_with(|| n.to_string());
            }
        }
    }
    seen.into_iter().collect()
}

/// A figure by kecamatan (`population`, `households`) as a bar chart
/// drawn at build time: an SVG of bars with the numbers written beside
/// them (the table below it on the page carries the same figures for
/// screen readers and print).
pub fn district_chart(districts: &[Value], key: &str, lang: Lang) -> String {
    let rows: Vec<(String, i64)> = districts
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap_or_default().to_string(),
                d[key].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let (row_h, width) = (28, 640);
    let height = row_h * rows.len().max(1);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-hidden=\"true\" class=\"chart\">"
    );
    for (i, (name, n)) in rows.iter().enumerate() {
        let y = i * row_h;
        let bar = (n * 360 / max).max(1);
        let name = xml_escape(name);
        let value = format::integer(i128::from(*n), lang);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{name}</text><rect x=\"200\" y=\"{}\" width=\"{bar}\" height=\"18\" fill=\"#1f6f5c\"/><text x=\"{}\" y=\"{}\" font-size=\"13\">{value}</text>",
            y + 18,
            y + 4,
            208 + bar,
            y + 18
        ));
    }
    svg.push_str("</svg>");
    svg
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{plain, xml_escape};

    #[test]
    fn summaries_lose_their_tags() {
        assert_eq!(plain("<p>Kerja &amp; bakti</p>\n"), "Kerja & bakti");
        assert_eq!(xml_escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
