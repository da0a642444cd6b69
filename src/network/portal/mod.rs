//! The network's portal at `public/`: made only from what the villages
//! published (their `profile.json` and `atom.xml`, see [`data`]), so
//! `warta build` at a network root and `warta portal --from DIR` after a
//! CI matrix of shards make the same portal.
//!
//! ```text
//! read_village (each built village)   -> VillageData
//! views::*                             -> the pages' data
//! Tera (portal/templates > built-in themes/portal)  -> pages and feeds
//! network.json, robots.txt, style.css
//! ```

pub mod data;
pub mod pages;
pub mod search;
pub mod views;

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use include_dir::{Dir, include_dir};
use serde_json::{Value, json};
use tera::{Context, Tera};

use super::{Network, Village};
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::output::Staging;
use crate::text;
pub use data::village_data;
use data::{VillageData, read_village};
use pages::PortalPage;

/// The built-in portal theme.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/portal");

/// What the portal build did.
#[derive(Debug)]
pub struct PortalReport {
    pub villages: usize,
    pub files: usize,
    /// Problems reading a village's files (it is left out), as warnings.
    pub warnings: Diagnostics,
    /// What the output holds, measured for `[network] host` (`warta
    /// portal` only; `warta build` measures after the portal).
    pub usage: Option<(super::config::Host, super::budget::Usage)>,
}

/// Builds the portal of `net` from the villages published below `dir`
/// (those of `villages` whose files are there) into `out`.
pub fn build_portal(
    net: &Network,
    villages: &[&Village],
    dir: &Path,
    out: &Staging,
    now: DateTime<FixedOffset>,
) -> Result<PortalReport, Diagnostics> {
    let mut warnings = Diagnostics::new();
    let mut data: Vec<VillageData> = Vec::new();
    for v in villages {
        match read_village(dir, v) {
            Ok(d) => data.push(d),
            Err(d) => warnings.push(left_out(v, d)),
        }
    }
    let files = portal_files(net, &mut data, now)?;
    let mut problems = Diagnostics::new();
    for (rel, bytes) in &files {
        if let Err(d) = out.write(rel, bytes) {
            problems.push(d);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(PortalReport {
        villages: data.len(),
        files: files.len(),
        warnings,
        usage: None,
    })
}

/// The portal's problems that `warta check` can find without built
/// villages: its templates (the network's over the built-in ones) render,
/// and `portal/static/` can be read.
pub fn check_portal(net: &Network, now: DateTime<FixedOffset>) -> Diagnostics {
    outputs(net, &[], now).err().unwrap_or_default()
}

/// The warning for a village whose published files cannot be read.
pub fn left_out(v: &Village, d: Diagnostic) -> Diagnostic {
    let (rel, id, en) = (&v.rel, &d.message.id, &d.message.en);
    let mut w = Diagnostic::warning(text!(
        "Desa `{rel}` tidak masuk portal: {id}",
        "Village `{rel}` is left out of the portal: {en}"
    ));
    w.file = d.file;
    w
}

/// Every file of the portal of the villages `data` (put in the order of
/// their area codes): (output path, bytes). `serve` calls it with the
/// villages it holds in memory.
pub fn portal_files(
    net: &Network,
    data: &mut [VillageData],
    now: DateTime<FixedOffset>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    data.sort_by_key(VillageData::area_code);
    outputs(net, data, now)
}

/// Every file of the portal: (output path, bytes).
fn outputs(
    net: &Network,
    data: &[VillageData],
    now: DateTime<FixedOffset>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let lang = net.language;
    let tera = templates(net, lang)?;
    let strings = strings(lang);
    let entries = views::entries(data, lang);
    let districts = views::districts(data);
    let portal = json!({
        "title": net.title,
        "description": net.description,
        "base_url": net.base_url,
        "root": net.root_path,
        "lang": lang.code(),
        "area_code": net.area_code,
        "image": views::share_image(&entries, data),
    });
    let mut base = Context::new();
    base.insert("portal", &portal);
    base.insert("t", &strings);
    base.insert("totals", &views::totals(data));
    base.insert("districts", &districts);
    let own = pages::load_pages(net)?;
    let menu: Vec<&PortalPage> = own.iter().filter(|p| p.menu).collect();
    base.insert("menu", &menu);
    let pages = pages(data, &entries, &districts, now, lang, &own);
    let mut files = Vec::new();
    for (path, template, extra) in pages {
        let mut ctx = base.clone();
        for (k, v) in extra.as_object().into_iter().flatten() {
            ctx.insert(k.clone(), v);
        }
        ctx.insert(
            "current_path",
            &format!("/{}", path.trim_end_matches("index.html")),
        );
        let text = tera
            .render(template, &ctx)
            .map_err(|e| render_error(template, &e))?;
        files.push((path, text.into_bytes()));
    }
    files.push(("network.json".into(), network_json(net, data).into_bytes()));
    files.extend(search::portal_index(net, data));
    files.extend(fixed_files(net));
    own_static(net, &mut files)?;
    Ok(files)
}

/// `robots.txt` and the theme's static files (`style.css`).
fn fixed_files(net: &Network) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    files.push((
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}/{SITEMAP_INDEX}\n",
            net.base_url
        )
        .into_bytes(),
    ));
    for (name, bytes) in builtin("static") {
        files.push((name, bytes.to_vec()));
    }
    // The village theme's search script, as it is: the portal's index
    // has the village index's format.
    if let Some(script) = crate::render::theme::BUILTIN.get_file("static/cari.js") {
        files.push(("cari.js".into(), script.contents().to_vec()));
    }
    files
}

/// The files of the built-in portal theme's folder `dir`, by file name.
fn builtin(dir: &str) -> impl Iterator<Item = (String, &'static [u8])> {
    let files = BUILTIN.get_dir(dir).map(Dir::files).into_iter().flatten();
    files.map(|f| {
        let name = f.path().file_name().unwrap_or_default();
        (name.to_string_lossy().into_owned(), f.contents())
    })
}

/// The sitemap index over the portal's `sitemap.xml` and every village's:
/// `sitemap.xml` itself lists the portal's pages (a crawler or checker
/// that reads only `sitemap.xml` finds a plain sitemap), and `robots.txt`
/// names the index.
pub const SITEMAP_INDEX: &str = "sitemap-index.xml";

/// The network's own `portal/static/` files, copied as they are; one of
/// the same path as a built-in file (`style.css`) replaces it.
fn own_static(net: &Network, files: &mut Vec<(String, Vec<u8>)>) -> Result<(), Diagnostics> {
    let dir = net.root.join("portal/static");
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let d = dir.display();
            Diagnostic::error(text!(
                "Tidak bisa membaca `{d}`: {e}",
                "Cannot read `{d}`: {e}"
            ))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let bytes = crate::fsx::read(entry.path())?;
        files.retain(|(path, _)| *path != rel);
        files.push((rel, bytes));
    }
    Ok(())
}

type Page = (String, &'static str, Value);

/// The pages and feeds made from templates: (output path, template, data).
fn pages(
    data: &[VillageData],
    entries: &[Value],
    districts: &[Value],
    now: DateTime<FixedOffset>,
    lang: Lang,
    own: &[PortalPage],
) -> Vec<Page> {
    let latest: Vec<&Value> = entries.iter().take(views::LATEST).collect();
    let feed: Vec<&Value> = entries.iter().take(views::FEED_ENTRIES).collect();
    let updated = entries.first().map(|e| e["date"].clone());
    let mut out: Vec<Page> = vec![
        (
            "index.html".into(),
            "index.html",
            json!({
                "latest": latest,
                "announcements": views::announcements(data, now, lang),
                "events": views::events(data, now, lang).into_iter().take(views::EVENTS).collect::<Vec<_>>(),
            }),
        ),
        ("desa/index.html".into(), "desa.html", json!({})),
        (
            "statistik/index.html".into(),
            "statistik.html",
            json!({
                "population_chart": views::district_chart(districts, "population", lang),
                "households_chart": views::district_chart(districts, "households", lang),
            }),
        ),
        (
            "produk/index.html".into(),
            "produk.html",
            json!({ "products": views::products(data) }),
        ),
        ("peta/index.html".into(), "peta.html", json!({})),
        ("cari/index.html".into(), "cari.html", json!({})),
        ("404.html".into(), "404.html", json!({})),
    ];
    for kind in ["atom.xml", "rss.xml"] {
        let data = feed_data("", None, &feed, &updated);
        out.push((kind.into(), kind_template(kind), data));
    }
    out.extend(category_feeds(entries, &updated));
    for page in own {
        let path = format!("{}index.html", page.path);
        out.push((path, "page.html", json!({ "page": page })));
    }
    out.push((SITEMAP_INDEX.into(), "sitemap_index.xml", json!({})));
    let mut portal_pages: Vec<&str> = vec!["", "desa/", "statistik/", "produk/", "peta/", "cari/"];
    portal_pages.extend(own.iter().map(|p| p.path.as_str()));
    out.push((
        "sitemap.xml".into(),
        "sitemap.xml",
        json!({ "paths": portal_pages, "updated": updated }),
    ));
    out
}

/// Atom and RSS of each category: `kategori/<key>/atom.xml`.
fn category_feeds(entries: &[Value], updated: &Option<Value>) -> Vec<Page> {
    let mut out = Vec::new();
    for (key, name) in views::categories(entries) {
        let list: Vec<&Value> = entries
            .iter()
            .filter(|e| {
                e.pointer("/category/key")
                    .and_then(Value::as_str)
                    .is_some_and(|k| crate::format::slugify(k) == key)
            })
            .take(views::FEED_ENTRIES)
            .collect();
        let path = format!("kategori/{key}/");
        for kind in ["atom.xml", "rss.xml"] {
            let data = feed_data(&path, Some(&name), &list, updated);
            out.push((format!("{path}{kind}"), kind_template(kind), data));
        }
    }
    out
}

/// A feed template's data: its path below the portal, its category, its
/// entries and when the newest was written.
fn feed_data(path: &str, name: Option<&str>, list: &[&Value], updated: &Option<Value>) -> Value {
    json!({ "feed": { "path": path, "category": name, "entries": list, "updated": updated } })
}

fn kind_template(kind: &str) -> &'static str {
    if kind == "atom.xml" {
        "atom.xml"
    } else {
        "rss.xml"
    }
}

/// `network.json`: every village's addresses and counts, for the next
/// level up (a province's portal) and for tools.
fn network_json(net: &Network, data: &[VillageData]) -> String {
    let villages: Vec<Value> = views::districts(data)
        .into_iter()
        .flat_map(|d| {
            let (code, name) = (d["code"].clone(), d["name"].clone());
            let rows = d["villages"].as_array().cloned().unwrap_or_default();
            rows.into_iter().map(move |mut v| {
                v["district_code"] = code.clone();
                v["district"] = name.clone();
                v
            })
        })
        .collect();
    let doc = json!({
        "generator": concat!("warta ", env!("CARGO_PKG_VERSION")),
        "format": 1,
        "network": {
            "title": net.title,
            "url": format!("{}/", net.base_url),
            "area_code": net.area_code,
            "language": net.language.code(),
            "feeds": {
                "rss": format!("{}/rss.xml", net.base_url),
                "atom": format!("{}/atom.xml", net.base_url),
            },
            "sitemap": format!("{}/sitemap.xml", net.base_url),
            "sitemap_index": format!("{}/{SITEMAP_INDEX}", net.base_url),
        },
        "totals": views::totals(data),
        "villages": villages,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The portal's templates: the network's `portal/templates/` over the
/// built-in ones.
fn templates(net: &Network, lang: Lang) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::new();
    tera.set_fallback_prefixes(["site/", "builtin/"])
        .expect("no templates are added yet");
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("number", move |v: i64, _: tera::Kwargs, _: &tera::State| {
        crate::format::integer(i128::from(v), lang)
    });
    let mut sources: Vec<(String, String)> = Vec::new();
    let local = net.root.join("portal/templates");
    if local.is_dir() {
        for entry in crate::fsx::read_dir(&local)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = crate::fsx::read_site_text(&net.root, &entry.path())?;
            sources.push((format!("site/{name}"), text));
        }
    }
    for (name, bytes) in builtin("templates") {
        let text = String::from_utf8_lossy(bytes).into_owned();
        sources.push((format!("builtin/{name}"), text));
    }
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| render_error("portal/templates", &e))?;
    Ok(tera)
}

/// The portal's UI strings in `lang`.
fn strings(lang: Lang) -> toml::Table {
    BUILTIN
        .get_file(format!("i18n/{}.toml", lang.code()))
        .and_then(|f| f.contents_utf8())
        .map(|s| toml::from_str(s).expect("the portal theme's i18n files are valid TOML"))
        .unwrap_or_default()
}

fn render_error(template: &str, e: &tera::Error) -> Diagnostics {
    let mut chain = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push_str(&format!("\n{s}"));
        source = s.source();
    }
    Diagnostic::error(text!(
        "Templat portal `{template}` gagal.",
        "The portal template `{template}` failed."
    ))
    .detail(chain)
    .into()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{BUILTIN, strings};
    use crate::diag::Lang;

    /// Both languages have every string, and every `t.<key>` a template
    /// uses is one of them.
    #[test]
    fn every_ui_string_in_both_languages() {
        let keys = |lang| strings(lang).keys().cloned().collect::<BTreeSet<_>>();
        let (id, en) = (keys(Lang::Id), keys(Lang::En));
        assert_eq!(id, en);
        for f in BUILTIN.get_dir("templates").unwrap().files() {
            let text = f.contents_utf8().unwrap();
            for (at, _) in text.match_indices("t.") {
                if at > 0 && text.as_bytes()[at - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let key: String = text[at + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(id.contains(&key), "{}: t.{key}", f.path().display());
            }
        }
    }
}
