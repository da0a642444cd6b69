//! Structured data: the schema.org items the page kinds put in their
//! JSON-LD block ([`super::kind::Kind::json_ld`]), and the block itself.
//!
//! Search engines read schema.org JSON-LD to show a post as news (with its
//! date and photo), the village office on a map, and an agenda item as an
//! event. It is made in Rust, with `serde_json` (as is `/profile.json`,
//! [`super::profile_json`]), rather than written in templates: a title is text, and only a serializer gets every quote and
//! backslash right. The JSON-LD text is then made safe to sit inside
//! `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, so
//! a title such as `</script><script>…` stays a string.
//!
//! Themes get the finished block as `jsonld` (see docs/THEMES.md).

use serde_json::{Map, Value, json};

use crate::diag::Lang;
use crate::model::{Model, Post};
use crate::render::Input;
use crate::render::Job;
use crate::render::filters::absolute;

/// The JSON-LD for a page, ready to place between
/// `<script type="application/ld+json">` and `</script>`; `None` where no
/// schema.org type fits (404, feeds): see [`crate::render::kind::Kind::json_ld`].
pub fn json_ld(model: &Input<'_>, job: Job) -> Option<String> {
    let graph = job.kind().json_ld(model, job.key)?;
    let doc = json!({ "@context": "https://schema.org", "@graph": graph });
    Some(script_safe(&doc.to_string()))
}

/// JSON text that cannot end the `<script>` element it sits in, nor open
/// an HTML comment there. The escapes are valid JSON string escapes, and
/// these characters occur only inside strings.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `id` or `en`, in the site's language.
pub fn words(model: &Model, id: &str, en: &str) -> String {
    match model.config.language {
        Lang::Id => id.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn link(model: &Model, path: &str) -> String {
    model.permalink(path)
}

/// A URL for an image or file path as written in the profile or a post.
/// A photo is published only as its web versions: its sharing JPEG.
pub fn file_url(model: &Input<'_>, path: &str) -> String {
    crate::images::markup::og_url(
        model.images,
        &model.config.root_path,
        &model.config.base_url,
        path,
    )
    .unwrap_or_else(|| absolute(&model.config.base_url, path))
}

pub fn org_id(model: &Model) -> String {
    format!("{}#pemerintah", link(model, ""))
}

fn publisher_id(model: &Input<'_>) -> String {
    if model.profile.kim.is_some() {
        format!("{}#kim", link(model, ""))
    } else {
        org_id(model)
    }
}

pub fn website(model: &Input<'_>) -> Value {
    json!({
        "@type": "WebSite",
        "@id": format!("{}#situs", link(model, "")),
        "url": link(model, ""),
        "name": model.config.title,
        "description": model.config.description,
        "inLanguage": model.config.language.code(),
        "publisher": { "@id": publisher_id(model) },
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}?q={{search_term_string}}", link(model, "cari/")),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

pub fn address(model: &Input<'_>) -> Value {
    let p = &model.profile;
    let mut a = Map::new();
    a.insert("@type".into(), "PostalAddress".into());
    if let Some(street) = &p.location.office_address {
        a.insert("streetAddress".into(), street.clone().into());
    }
    a.insert(
        "addressLocality".into(),
        format!("{}, {}", p.village.display_name, p.region.district_display).into(),
    );
    a.insert(
        "addressRegion".into(),
        format!("{}, {}", p.region.regency_display, p.region.province).into(),
    );
    if let Some(code) = &p.village.postal_code {
        a.insert("postalCode".into(), code.clone().into());
    }
    a.insert("addressCountry".into(), "ID".into());
    Value::Object(a)
}

fn geo(model: &Input<'_>) -> Option<Value> {
    let l = &model.profile.location;
    Some(json!({
        "@type": "GeoCoordinates",
        "latitude": l.latitude?,
        "longitude": l.longitude?,
    }))
}

/// The village government, with the village itself as its place: address,
/// coordinates, and the Kemendagri area code as identifier.
pub fn government(model: &Input<'_>) -> Value {
    let p = &model.profile;
    let mut ids = vec![json!({
        "@type": "PropertyValue",
        "propertyID": "kode-wilayah-kemendagri",
        "name": "Kode wilayah (Kemendagri)",
        "value": p.village.area_code,
    })];
    if let Some(bps) = &p.village.bps_code {
        ids.push(json!({
            "@type": "PropertyValue",
            "propertyID": "kode-bps",
            "name": "Kode BPS",
            "value": bps,
        }));
    }
    let place = village_place(model);
    let mut org = Map::new();
    org.insert("@type".into(), "GovernmentOrganization".into());
    org.insert("@id".into(), org_id(model).into());
    org.insert(
        "name".into(),
        format!("{} {}", p.terms.village_government, p.village.name).into(),
    );
    org.insert(
        "alternateName".into(),
        p.village.display_name.clone().into(),
    );
    org.insert("url".into(), link(model, "profil/").into());
    org.insert("identifier".into(), Value::Array(ids));
    org.insert("address".into(), address(model));
    org.insert("location".into(), place);
    org.insert("areaServed".into(), p.village.display_name.clone().into());
    if let Some(logo) = &p.village.logo {
        org.insert("logo".into(), file_url(model, logo).into());
    }
    if let Some(photo) = &p.village.office_photo {
        org.insert("image".into(), file_url(model, photo).into());
    }
    if let Some(tel) = p
        .contact
        .phone_e164
        .as_ref()
        .or(p.contact.mobile_e164.as_ref())
    {
        org.insert("telephone".into(), tel.clone().into());
    }
    if let Some(email) = &p.contact.email {
        org.insert("email".into(), email.clone().into());
    }
    if let Some(year) = p.village.founded_year {
        org.insert("foundingDate".into(), year.to_string().into());
    }
    Value::Object(org)
}

/// The village as a place: address, coordinates, area, and the
/// district, regency and province it lies in.
fn village_place(model: &Input<'_>) -> Value {
    let p = &model.profile;
    let mut place = Map::new();
    place.insert("@type".into(), "Place".into());
    place.insert("name".into(), p.village.display_name.clone().into());
    place.insert("address".into(), address(model));
    if let Some(g) = geo(model) {
        place.insert("geo".into(), g);
    }
    if let Some(ha) = p.location.area_ha {
        place.insert(
            "additionalProperty".into(),
            json!({ "@type": "PropertyValue", "name": "Luas wilayah", "value": ha, "unitCode": "HAR" }),
        );
    }
    place.insert(
        "containedInPlace".into(),
        json!({
            "@type": "AdministrativeArea",
            "name": p.region.district_display,
            "containedInPlace": {
                "@type": "AdministrativeArea",
                "name": p.region.regency_display,
                "containedInPlace": { "@type": "AdministrativeArea", "name": p.region.province },
            },
        }),
    );
    Value::Object(place)
}

/// Who publishes the posts: the KIM, part of the village government,
/// with its kelola.kim.id number as `identifier` when the profile has one;
/// or the government itself when the profile names no KIM.
pub fn publisher(model: &Input<'_>) -> Value {
    let p = &model.profile;
    let logo = p.village.logo.as_deref().map(|l| file_url(model, l));
    match &p.kim {
        Some(kim) => {
            let mut o = Map::new();
            o.insert("@type".into(), "Organization".into());
            o.insert("@id".into(), publisher_id(model).into());
            o.insert("name".into(), kim.name.clone().into());
            o.insert("url".into(), link(model, "kim/").into());
            if let Some(number) = &kim.registration {
                let id = json!({
                    "@type": "PropertyValue",
                    "propertyID": "kelola.kim.id",
                    "value": number,
                });
                o.insert("identifier".into(), id);
            }
            if let Some(l) = logo {
                o.insert("logo".into(), json!({ "@type": "ImageObject", "url": l }));
            }
            o.insert(
                "parentOrganization".into(),
                json!({
                    "@type": "GovernmentOrganization",
                    "@id": org_id(model),
                    "name": format!("{} {}", p.terms.village_government, p.village.name),
                }),
            );
            Value::Object(o)
        }
        None => {
            let mut o = Map::new();
            o.insert("@type".into(), "GovernmentOrganization".into());
            o.insert("@id".into(), org_id(model).into());
            o.insert("name".into(), p.village.display_name.clone().into());
            if let Some(l) = logo {
                o.insert("logo".into(), json!({ "@type": "ImageObject", "url": l }));
            }
            Value::Object(o)
        }
    }
}

pub fn article(model: &Input<'_>, post: &Post) -> Value {
    let url = link(model, &post.path);
    let mut a = Map::new();
    a.insert("@type".into(), "NewsArticle".into());
    a.insert("@id".into(), format!("{url}#artikel").into());
    a.insert("mainEntityOfPage".into(), url.clone().into());
    a.insert("url".into(), url.into());
    a.insert("headline".into(), headline(&post.title).into());
    if post.title.chars().count() > 110 {
        a.insert("name".into(), post.title.clone().into());
    }
    if !post.summary.is_empty() {
        a.insert("description".into(), post.summary.clone().into());
    }
    a.insert("inLanguage".into(), model.config.language.code().into());
    if let Some(d) = post.date {
        a.insert("datePublished".into(), d.at.to_rfc3339().into());
        let modified = post.updated.unwrap_or(d);
        a.insert("dateModified".into(), modified.at.to_rfc3339().into());
    }
    let author = match &post.author {
        Some(name) => json!({ "@type": "Person", "name": name }),
        None => json!({ "@id": publisher_id(model) }),
    };
    a.insert("author".into(), author);
    a.insert("publisher".into(), publisher(model));
    let image = post
        .image
        .as_ref()
        .map(|i| file_url(model, &i.src))
        .or_else(|| {
            let v = &model.profile.village;
            v.office_photo
                .as_deref()
                .or(v.logo.as_deref())
                .map(|p| file_url(model, p))
        });
    if let Some(img) = image {
        a.insert("image".into(), json!([img]));
    }
    if let Some(c) = post.category.as_deref().and_then(|k| model.category(k)) {
        a.insert("articleSection".into(), c.name.clone().into());
    }
    if !post.tags.is_empty() {
        a.insert("keywords".into(), post.tags.join(", ").into());
    }
    if let Some(place) = &post.place {
        a.insert(
            "contentLocation".into(),
            json!({ "@type": "Place", "name": place }),
        );
    }
    a.insert("wordCount".into(), post.body.words.into());
    Value::Object(a)
}

/// Google shows at most 110 characters of a headline; cut at a word.
fn headline(title: &str) -> String {
    if title.chars().count() <= 110 {
        return title.to_string();
    }
    let cut: String = title.chars().take(109).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end())
}

/// An agenda post's event: when (with the village's offset), where, who.
pub fn event(model: &Input<'_>, post: &Post) -> Option<Value> {
    let ev = post.event.as_ref()?;
    let p = &model.profile;
    let when = |m: &crate::model::moment::Moment| {
        if m.has_time {
            m.at.to_rfc3339()
        } else {
            m.machine()
        }
    };
    let mut e = Map::new();
    e.insert("@type".into(), "Event".into());
    e.insert(
        "@id".into(),
        format!("{}#acara", link(model, &post.path)).into(),
    );
    e.insert("name".into(), post.title.clone().into());
    e.insert("url".into(), link(model, &post.path).into());
    if !post.summary.is_empty() {
        e.insert("description".into(), post.summary.clone().into());
    }
    e.insert("startDate".into(), when(&ev.start).into());
    if let Some(end) = &ev.end {
        e.insert("endDate".into(), when(end).into());
    }
    e.insert(
        "eventStatus".into(),
        "https://schema.org/EventScheduled".into(),
    );
    e.insert(
        "eventAttendanceMode".into(),
        "https://schema.org/OfflineEventAttendanceMode".into(),
    );
    let venue = ev
        .venue
        .clone()
        .or_else(|| post.place.clone())
        .unwrap_or_else(|| p.village.display_name.clone());
    e.insert(
        "location".into(),
        json!({ "@type": "Place", "name": venue, "address": address(model) }),
    );
    let organizer = match &ev.organizer {
        Some(name) => json!({ "@type": "Organization", "name": name }),
        None => json!({ "@id": publisher_id(model) }),
    };
    e.insert("organizer".into(), organizer);
    if let Some(img) = &post.image {
        e.insert("image".into(), json!([file_url(model, &img.src)]));
    }
    Some(Value::Object(e))
}

/// The breadcrumb trail of a page: the home page, then `items`
/// ((name, path) pairs), the page itself last.
pub fn crumbs(model: &Model, items: Vec<(String, String)>) -> Value {
    let home = (words(model, "Beranda", "Home"), String::new());
    let list: Vec<Value> = std::iter::once(home)
        .chain(items)
        .enumerate()
        .map(|(i, (name, path))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": link(model, &path),
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": list })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_script_tag_stays_inside_the_string() {
        let title = "Rapat </script><script>alert(1)</script> & <!-- x";
        let text = script_safe(&json!({ "headline": title }).to_string());
        assert!(!text.contains('<') && !text.contains('>'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], title);
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let long = "kata ".repeat(40);
        let h = headline(long.trim());
        assert!(h.chars().count() <= 110, "{h}");
        assert!(h.ends_with("kata…"));
        assert_eq!(headline("Pendek"), "Pendek");
    }
}
