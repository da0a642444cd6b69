//! Tests of the generated config: every key warta reads has a field.
use serde_json::Value;

use super::{Input, front_matter_keys, generate, profile_keys};
use crate::cms::fields::{self, FRONT, PROFILE};
use crate::cms::{Backend, Section};
use crate::load::config::Config;

fn config() -> Config {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("warta.toml"),
        "title = \"KIM Uji\"\nbase_url = \"https://kim.github.io/uji\"\n\
         [categories]\nberita-desa = \"Berita Desa\"\nkesehatan = \"Kesehatan\"\n",
    )
    .unwrap();
    crate::load::config::load_config(dir.path()).unwrap()
}

fn sections() -> Vec<Section> {
    [
        "berita",
        "agenda",
        "pengumuman",
        "produk",
        "halaman",
        "profil",
        "kabar-dusun",
    ]
    .iter()
    .map(|f| Section::new(f))
    .collect()
}

/// Every field name in a collection, as `event.start`.
fn names(fields: &Value, prefix: &str, out: &mut Vec<String>) {
    for f in fields.as_array().unwrap() {
        let name = format!("{prefix}{}", f["name"].as_str().unwrap());
        if let Some(children) = f.get("fields") {
            names(children, &format!("{name}."), out);
        }
        assert!(f["label"].as_str().is_some_and(|l| !l.is_empty()), "{name}");
        assert!(f["hint"].as_str().is_some_and(|h| !h.is_empty()), "{name}");
        out.push(name);
    }
}

fn generated() -> Value {
    let config = config();
    generate(&Input {
        config: &config,
        sections: &sections(),
        backend: &Backend::placeholder(),
        prefix: "",
    })
}

fn collection<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

/// A key added to `FrontMatter`, `Event`, `Source` or the profile's
/// raw sections without a field here fails this test.
#[test]
fn every_key_warta_accepts_has_a_labelled_field() {
    let v = generated();
    let mut in_posts = Vec::new();
    for s in sections() {
        names(&collection(&v, &s.folder)["fields"], "", &mut in_posts);
    }
    // The probe read the structs (an empty list would check nothing).
    assert!(front_matter_keys().len() >= 27 && front_matter_keys().contains(&"event.start".into()));
    assert!(profile_keys().len() >= 35 && profile_keys().contains(&"products.price_idr".into()));
    for key in front_matter_keys() {
        assert!(
            fields::find(FRONT, &key).is_some(),
            "front matter `{key}` has no entry in cms::fields::FRONT"
        );
        assert!(
            in_posts.contains(&key),
            "front matter `{key}` is in no collection"
        );
    }
    let mut in_profile = Vec::new();
    names(
        &collection(&v, "profil-desa")["files"][0]["fields"],
        "",
        &mut in_profile,
    );
    for key in profile_keys()
        .into_iter()
        .filter(|k| !NOT_IN_FORM.contains(&k.as_str()))
    {
        assert!(
            fields::find(PROFILE, &key).is_some(),
            "profile.toml `{key}` has no entry in cms::fields::PROFILE"
        );
        assert!(
            in_profile.contains(&key),
            "profile.toml `{key}` is not in the form"
        );
    }
}

#[test]
fn the_forms_write_no_key_warta_refuses() {
    let v = generated();
    let mut in_posts = Vec::new();
    for s in sections() {
        names(&collection(&v, &s.folder)["fields"], "", &mut in_posts);
    }
    let mut in_profile = Vec::new();
    names(
        &collection(&v, "profil-desa")["files"][0]["fields"],
        "",
        &mut in_profile,
    );
    let accepted = front_matter_keys();
    for key in in_posts.iter().filter(|k| *k != "body") {
        assert!(
            accepted.contains(key),
            "the form writes `{key}`, which warta refuses"
        );
    }
    for key in &in_profile {
        let top = [
            "village",
            "contact",
            "kim",
            "officials",
            "statistics",
            "products",
        ]
        .contains(&key.as_str());
        assert!(
            top || profile_keys().contains(key),
            "the profile form writes `{key}`"
        );
    }
}

/// Lists of tables the profile form leaves to the file: they hold no
/// date, and the editor keeps keys it has no field for.
const NOT_IN_FORM: &[&str] = &["kim.members", "statistics.tables"];

/// The editor writes a TOML date it has no field for back as a quoted
/// string, which warta refuses: every date content-example's
/// profile.toml holds (it holds every kind) must be a date field.
#[test]
fn every_date_in_a_profile_is_a_date_field() {
    fn dates(v: &toml::Value, path: &str, out: &mut Vec<String>) {
        match v {
            toml::Value::Datetime(_) => out.push(path.to_string()),
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    dates(v, &p, out);
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|v| dates(v, path, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example/profile.toml"),
    )
    .unwrap();
    let mut found = Vec::new();
    dates(&toml::from_str(&text).unwrap(), "", &mut found);
    found.sort();
    found.dedup();
    assert!(found.len() >= 5, "{found:?}");
    let v = generated();
    let form = &collection(&v, "profil-desa")["files"][0]["fields"];
    for path in found {
        let mut fields = form;
        let mut field = &Value::Null;
        for part in path.split('.') {
            field = fields
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == part)
                .unwrap_or_else(|| panic!("profile.toml's date `{path}` has no field"));
            fields = &field["fields"];
        }
        assert_eq!(field["widget"], "datetime", "{path}");
        assert_eq!(field["time_format"], false, "{path}: a day, no time");
    }
}

#[test]
fn each_kind_of_section_gets_its_own_keys() {
    let v = generated();
    let keys = |name: &str| {
        let mut out = Vec::new();
        names(&collection(&v, name)["fields"], "", &mut out);
        out
    };
    let (berita, agenda, pengumuman, produk, halaman) = (
        keys("berita"),
        keys("agenda"),
        keys("pengumuman"),
        keys("produk"),
        keys("halaman"),
    );
    assert!(agenda.contains(&"event.start".to_string()) && !berita.contains(&"event".to_string()));
    assert!(
        pengumuman.contains(&"expires".to_string()) && !berita.contains(&"expires".to_string())
    );
    assert!(produk.contains(&"product".to_string()));
    assert!(halaman.contains(&"weight".to_string()) && !halaman.contains(&"date".to_string()));
    assert_eq!(
        keys("kabar-dusun"),
        berita,
        "a section of the site's own is a post section"
    );
    let agenda_event = collection(&v, "agenda")["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "event")
        .unwrap()
        .clone();
    assert_eq!(agenda_event["widget"], "object");
    assert_eq!(agenda_event["required"], true);
    assert_eq!(agenda_event["fields"][0]["name"], "start");
    assert_eq!(agenda_event["fields"][0]["required"], true);
}

#[test]
fn posts_are_toml_bundles_and_categories_come_from_warta_toml() {
    let v = generated();
    let berita = collection(&v, "berita");
    assert_eq!(berita["format"], "toml-frontmatter");
    assert_eq!(berita["folder"], "content/berita");
    assert_eq!(berita["path"], "{{year}}-{{month}}-{{day}}-{{slug}}/index");
    assert_eq!(berita["media_folder"], "");
    let category = berita["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "category")
        .unwrap();
    assert_eq!(category["widget"], "select");
    assert_eq!(
        category["options"],
        serde_json::json!([
            { "label": "Berita Desa", "value": "berita-desa" },
            { "label": "Kesehatan", "value": "kesehatan" },
        ])
    );
    let halaman = collection(&v, "halaman");
    assert_eq!(halaman["path"], "{{slug}}");
    assert!(halaman.get("media_folder").is_none(), "pages use media/");
    assert_eq!(v["media_folder"], "media");
    let profile = &collection(&v, "profil-desa")["files"][0];
    assert_eq!(
        (&profile["file"], &profile["format"]),
        (&"profile.toml".into(), &"toml".into())
    );
}
