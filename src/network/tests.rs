//! `network.toml` and village discovery: each bad input is one whole
//! message, pinned, naming the file and line.

use std::path::Path;

use super::{discover, load_network};
use crate::diag::Lang;

const NETWORK: &str = r#"[network]
title = "KIM Kabupaten Contoh"
base_url = "https://kim.contoh.example.id"
area_code = "35.07"
villages = ["desa/*"]
"#;

fn village(code: &str) -> [(String, String); 2] {
    [
        ("warta.toml".into(), "title = \"KIM\"\n".into()),
        (
            "profile.toml".into(),
            format!("schema_version = 1\n\n[village]\nname = \"X\"\narea_code = \"{code}\"\n"),
        ),
    ]
}

/// A network root with `network.toml` and villages `(folder, area code)`.
fn network(toml: &str, villages: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("network.toml", toml);
    for (folder, code) in villages {
        for (name, text) in village(code) {
            write(&format!("{folder}/{name}"), &text);
        }
    }
    tmp
}

/// The villages found, as `rel area_code`, or the messages in English.
fn found(root: &Path) -> Result<Vec<String>, String> {
    let net = load_network(root).map_err(|d| d.render(Lang::En))?;
    let villages = discover(&net).map_err(|d| d.render(Lang::En))?;
    Ok(villages
        .iter()
        .map(|v| format!("{} {}", v.rel, v.area_code.as_deref().unwrap_or("-")))
        .collect())
}

fn error(toml: &str, villages: &[(&str, &str)]) -> String {
    let tmp = network(toml, villages);
    found(tmp.path()).expect_err("expected an error")
}

#[test]
fn finds_villages_sorted_by_folder() {
    let toml = NETWORK.replace("[\"desa/*\"]", "[\"desa/*\", \"kec/*/desa/*\"]");
    let tmp = network(
        &toml,
        &[
            ("desa/sukamaju", "35.07.34.2007"),
            ("kec/x/desa/argo", "35.07.35.2001"),
        ],
    );
    assert_eq!(
        found(tmp.path()).unwrap(),
        [
            "kec/x/desa/argo 35.07.35.2001",
            "desa/sukamaju 35.07.34.2007"
        ]
    );
}

#[test]
fn no_village_matches() {
    assert_eq!(
        error(NETWORK, &[("kampung/a", "35.07.01.2001")]),
        "1. error: No village folder matches the globs \"desa/*\".
  --> network.toml:5:12
  |
5 | villages = [\"desa/*\"]
  |            ^^^^^^^^^^
  = how to fix: Each village is a warta site folder (holding warta.toml), e.g. desa/sukamaju/; `*` matches one folder name.

1 error(s), 0 warning(s).
"
    );
}

#[test]
fn a_glob_that_escapes_the_root() {
    let toml = NETWORK.replace("\"desa/*\"", "\"../desa/*\"");
    let out = error(&toml, &[("desa/a", "35.07.01.2001")]);
    assert!(
        out.starts_with(
            "1. error: The village glob `../desa/*` leaves the network folder.
  --> network.toml:5:13
"
        ),
        "{out}"
    );
}

#[test]
fn two_villages_with_one_folder_name() {
    let toml = NETWORK.replace("[\"desa/*\"]", "[\"desa/*\", \"kec/*\"]");
    let out = error(
        &toml,
        &[
            ("desa/maju", "35.07.01.2001"),
            ("kec/maju", "35.07.01.2002"),
        ],
    );
    assert!(
        out.starts_with(
            "1. error: Two villages with the same folder name `maju`: `desa/maju/` and `kec/maju/`; both would publish at /maju/.
  --> network.toml:5:23
"
        ),
        "{out}"
    );
}

#[test]
fn a_village_without_warta_toml() {
    let tmp = network(NETWORK, &[("desa/a", "35.07.01.2001")]);
    std::fs::create_dir_all(tmp.path().join("desa/kosong")).unwrap();
    let out = found(tmp.path()).unwrap_err();
    assert!(
        out.starts_with(
            "1. error: The folder `desa/kosong/` matches a village glob but holds no warta.toml.
  --> network.toml:5:13
"
        ),
        "{out}"
    );
}

#[test]
fn a_village_outside_the_network() {
    assert_eq!(
        error(NETWORK, &[("desa/jauh", "18.01.11.2001")]),
        "1. error: The area code `18.01.11.2001` of village `desa/jauh` lies outside the network's region `35.07`.
  --> desa/jauh/profile.toml:5:13
  |
5 | area_code = \"18.01.11.2001\"
  |             ^^^^^^^^^^^^^^^
  = how to fix: Check this village's `area_code`, or `area_code` in network.toml.

1 error(s), 0 warning(s).
"
    );
}

#[test]
fn two_villages_with_one_area_code() {
    let out = error(
        NETWORK,
        &[("desa/a", "35.07.01.2001"), ("desa/b", "3507012001")],
    );
    assert!(
        out.starts_with(
            "1. error: The area code `35.07.01.2001` is already used by village `desa/a`.
  --> desa/b/profile.toml:5:13
"
        ),
        "{out}"
    );
}

#[test]
fn a_village_on_a_portal_address() {
    let out = error(NETWORK, &[("desa/berita", "35.07.01.2001")]);
    assert!(
        out.starts_with(
            "1. error: The village folder `desa/berita/` would publish at /berita/, an address the portal uses.
  --> network.toml:5:13
"
        ),
        "{out}"
    );
}

#[test]
fn malformed_network_toml() {
    let toml = NETWORK.replace("area_code = \"35.07\"", "area_code = 35.07");
    let out = error(&toml, &[]);
    assert!(out.contains("--> network.toml:4:13"), "{out}");
}

#[test]
fn an_unknown_key_with_a_suggestion() {
    let toml = NETWORK.replace("title =", "judul =");
    let out = error(&toml, &[("desa/a", "35.07.01.2001")]);
    assert!(
        out.starts_with(
            "1. error: Unknown key `judul` in network.toml.
  --> network.toml:2:1
  |
2 | judul = \"KIM Kabupaten Contoh\"
  | ^^^^^
  = how to fix: Replace `judul` with `title`. Valid keys: title, description, base_url, language, area_code, villages, host.
"
        ),
        "{out}"
    );
}

#[test]
fn bad_values_are_listed_together() {
    let toml = NETWORK
        .replace("\"35.07\"", "\"35.07.01.2001\"")
        .replace("[network]", "[network]\nhost = \"github\"");
    let out = error(&toml, &[("desa/a", "35.07.01.2001")]);
    assert!(out.contains("--> network.toml:5:13"), "{out}");
    assert!(out.contains("--> network.toml:2:8"), "{out}");
    assert!(out.ends_with("2 error(s), 0 warning(s).\n"), "{out}");
}
