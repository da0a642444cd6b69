//! `static/admin/config.yml`: the editor's collections, made from warta's
//! own schema. The keys come from the loader's structs
//! (`crate::load::keys`), their labels and widgets from [`super::fields`],
//! the categories from `warta.toml`, the sections from `content/`.
//!
//! The file is JSON (which is YAML too), so it is written with serde_json
//! and no YAML writer is needed; two comment lines above it say where it
//! comes from.

use serde_json::{Map, Value, json};

use super::fields::{self, Field, Kind, Widget};
use super::{Backend, Host, Section};
use crate::diag::Lang;
use crate::load::config::{CategoryDecl, Config};
use crate::load::frontmatter::{Event, FrontMatter, Source};
use crate::load::keys::keys;
use crate::model::adinda::PRINCIPLES;

/// Everything the config is made from.
pub struct Input<'a> {
    pub config: &'a Config,
    pub sections: &'a [Section],
    pub backend: &'a Backend,
    /// Where the site is in its repository: "" at the top, `desa/contoh/`
    /// for a village of a network (`super::repo_prefix`). The editor's
    /// paths are the repository's.
    pub prefix: &'a str,
}

/// The text of `config.yml`.
pub fn render(input: &Input) -> String {
    let value = generate(input);
    let json = serde_json::to_string_pretty(&value).unwrap_or_default();
    format!(
        "# Dibuat oleh `warta cms` dari warta.toml dan content/; jangan diubah dengan tangan,\n\
         # jalankan `warta cms` lagi (misalnya setelah menambah kategori).\n\
         # Made by `warta cms` from warta.toml and content/; do not edit by hand, run `warta cms` again.\n\
         {json}\n"
    )
}

/// The config as a JSON value.
pub fn generate(input: &Input) -> Value {
    let lang = input.config.language;
    let mut collections: Vec<Value> = input
        .sections
        .iter()
        .map(|s| section_collection(s, input, lang))
        .collect();
    collections.push(profile_collection(input.prefix, lang));
    json!({
        "backend": backend(input.backend),
        "site_url": input.config.base_url,
        "display_url": input.config.base_url,
        "media_folder": format!("{}media", input.prefix),
        "public_folder": "/media",
        "slug": { "encoding": "ascii", "clean_accents": true },
        "output": { "omit_empty_optional_fields": true },
        // Stock photo services are not the village's own photos.
        "media_libraries": { "stock_assets": false },
        "collections": collections,
    })
}

fn backend(b: &Backend) -> Value {
    let mut v = Map::new();
    let (name, server) = match &b.host {
        Host::GitHub => ("github", b.oauth_url.as_deref()),
        Host::GitLab { server } => ("gitlab", server.as_deref()),
    };
    v.insert("name".into(), name.into());
    v.insert("repo".into(), b.repo.clone().into());
    v.insert("branch".into(), b.branch.clone().into());
    if let Some(server) = server {
        v.insert("base_url".into(), server.into());
    }
    if let Host::GitLab { server: Some(s) } = &b.host {
        v.insert("api_root".into(), format!("{s}/api/v4").into());
    }
    if let Some(id) = &b.gitlab_app_id {
        v.insert("auth_type".into(), "pkce".into());
        v.insert("app_id".into(), id.clone().into());
    }
    // Offer only the sign-ins that work: OAuth needs a GitLab application
    // (PKCE) or, on GitHub, an OAuth helper; a token always works.
    let oauth = b.gitlab_app_id.is_some() || b.oauth_url.is_some();
    let methods: &[&str] = if oauth {
        &["oauth", "token"]
    } else {
        &["token"]
    };
    v.insert("auth_methods".into(), methods.into());
    Value::Object(v)
}

/// The front-matter keys warta accepts, `[event]`'s and `[source]`'s with
/// their table's name in front.
pub fn front_matter_keys() -> Vec<String> {
    let mut out: Vec<String> = keys::<FrontMatter>()
        .iter()
        .map(|k| k.to_string())
        .collect();
    out.extend(keys::<Event>().iter().map(|k| format!("event.{k}")));
    out.extend(keys::<Source>().iter().map(|k| format!("source.{k}")));
    out
}

/// The profile keys in the form, as `village.name`, `products.price_idr`.
pub fn profile_keys() -> Vec<String> {
    let mut out = Vec::new();
    for (table, ks) in crate::load::profile::form_keys() {
        out.extend(ks.iter().map(|k| format!("{table}.{k}")));
    }
    out
}

fn section_collection(s: &Section, input: &Input, lang: Lang) -> Value {
    let config = input.config;
    let (label, about) = s.label(lang);
    let front = front_matter_keys();
    let mut fields: Vec<Value> = fields::FRONT
        .iter()
        .filter(|f| f.kinds.contains(&s.kind) && front.iter().any(|k| k == f.key))
        .map(|f| field(f, fields::FRONT, &front, &config.categories, lang))
        .collect();
    fields.push(json!({
        "name": "body",
        "label": pick(("Isi", "Text"), lang),
        "hint": pick(("Tulis seperti pesan biasa. Foto: tombol gambar di atas kotak ini.", "Write as in a message. Photos: the image button above this box."), lang),
        "widget": "markdown",
        "required": false,
    }));
    let folder = format!("{}content/{}", input.prefix, s.folder);
    let mut c = json!({
        "name": s.folder,
        "label": label,
        "description": about,
        "folder": folder,
        "create": true,
        "format": "toml-frontmatter",
        "extension": "md",
        "identifier_field": "title",
        "summary": "{{title}}",
        // The preview pane is warta's theme only after a build; on a
        // phone it halves the form.
        "editor": { "preview": false },
        "fields": fields,
    });
    let extra: Value = if s.kind == Kind::Page {
        // Pages are single files; their photos go to media/.
        json!({ "path": "{{slug}}", "sortable_fields": ["title"] })
    } else {
        // A post is a bundle: its folder holds index.md and its photos.
        json!({
            "path": "{{year}}-{{month}}-{{day}}-{{slug}}/index",
            "media_folder": "",
            "public_folder": "",
            "sortable_fields": ["date", "title"],
        })
    };
    if let (Value::Object(c), Value::Object(extra)) = (&mut c, extra) {
        c.extend(extra);
    }
    c
}

fn profile_collection(prefix: &str, lang: Lang) -> Value {
    let keys = profile_keys();
    let fields: Vec<Value> = fields::PROFILE
        .iter()
        .filter(|f| {
            !f.key.contains('.') && keys.iter().any(|k| k.starts_with(&format!("{}.", f.key)))
        })
        .map(|f| field(f, fields::PROFILE, &keys, &[], lang))
        .collect();
    json!({
        "name": "profil-desa",
        "label": pick(("Profil desa", "Village profile"), lang),
        "description": pick(("Data desa, kontak dan produk di profile.toml. Bagian lain berkas itu (perangkat, statistik, anggaran) tetap seperti adanya; ubah lewat berkasnya.", "Village data, contact and products in profile.toml. Its other parts (officials, statistics, budget) stay as they are; edit them in the file."), lang),
        "media_folder": "media/profil",
        "public_folder": "media/profil",
        "files": [{
            "name": "profil",
            "label": pick(("Profil desa dan produk", "Village profile and products"), lang),
            "file": format!("{prefix}profile.toml"),
            "format": "toml",
            "fields": fields,
        }],
    })
}

/// One form field; an `Object`'s or `Objects`'s fields are the entries of
/// `table` under its key that `accepted` lists.
fn field(
    f: &'static Field,
    table: &'static [Field],
    accepted: &[String],
    categories: &[CategoryDecl],
    lang: Lang,
) -> Value {
    let name = f.key.rsplit('.').next().unwrap_or(f.key);
    let mut v = json!({
        "name": name,
        "label": pick(f.label, lang),
        "hint": pick(f.hint, lang),
        "required": f.required,
    });
    let o = v.as_object_mut().expect("a json object");
    let widget = match f.widget {
        Widget::Category | Widget::Adinda | Widget::VillageKind => {
            o.insert("options".into(), options(f.widget, categories));
            if f.widget == Widget::Adinda {
                o.insert("multiple".into(), true.into());
            }
            "select"
        }
        Widget::Object | Widget::Objects => {
            let children = children(f, table, accepted, categories, lang);
            o.insert("fields".into(), children.into());
            if f.widget == Widget::Objects {
                "list"
            } else {
                "object"
            }
        }
        _ => scalar(f, o),
    };
    o.insert("widget".into(), widget.into());
    v
}

/// The widget of a field holding one value, with its default or type.
fn scalar(f: &Field, o: &mut Map<String, Value>) -> &'static str {
    match f.widget {
        Widget::Text => "text",
        Widget::Image => "image",
        Widget::List => "list",
        Widget::KeyValue => "keyvalue",
        Widget::Date => {
            o.insert("time_format".into(), false.into());
            "datetime"
        }
        Widget::Datetime => {
            if f.key == "date" {
                o.insert("default".into(), "{{now}}".into());
            }
            "datetime"
        }
        Widget::Boolean => {
            o.insert("default".into(), DEFAULT_TRUE.contains(&f.key).into());
            "boolean"
        }
        Widget::Int | Widget::Float => {
            let kind = if f.widget == Widget::Int {
                "int"
            } else {
                "float"
            };
            o.insert("value_type".into(), kind.into());
            "number"
        }
        Widget::Images => {
            o.insert("multiple".into(), true.into());
            "image"
        }
        _ => "string",
    }
}

/// A select's choices: warta.toml's categories, the ADINDA principles,
/// the kinds of village.
fn options(widget: Widget, categories: &[CategoryDecl]) -> Value {
    match widget {
        Widget::Category => categories
            .iter()
            .map(|c| json!({ "label": c.name, "value": c.key }))
            .collect(),
        Widget::Adinda => PRINCIPLES
            .iter()
            .map(|p| json!({ "label": p.name, "value": p.key }))
            .collect(),
        _ => json!([
            { "label": "Desa", "value": "desa" },
            { "label": "Kelurahan", "value": "kelurahan" },
            { "label": "Desa adat", "value": "desa_adat" },
        ]),
    }
}

/// The fields of a table (`[event]`) or list of tables: the entries of
/// `table` one level below `f`'s key that the loader accepts.
fn children(
    f: &'static Field,
    table: &'static [Field],
    accepted: &[String],
    categories: &[CategoryDecl],
    lang: Lang,
) -> Vec<Value> {
    let prefix = format!("{}.", f.key);
    table
        .iter()
        .filter(|c| {
            c.key
                .strip_prefix(&prefix)
                .is_some_and(|rest| !rest.contains('.'))
                && accepted.iter().any(|k| k == c.key)
        })
        .map(|c| field(c, table, accepted, categories, lang))
        .collect()
}

/// Yes/no keys whose absence means yes: a product not marked is sold.
const DEFAULT_TRUE: &[&str] = &["products.active"];

fn pick(said: fields::Said, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => said.0,
        Lang::En => said.1,
    }
}

#[cfg(test)]
mod tests;
