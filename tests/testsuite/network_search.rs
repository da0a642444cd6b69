//! Search across villages: the portal's `/cari/` index is merged from the
//! villages' own indexes, names each result's village and links to the
//! post on the village site (its own domain when it has one); the
//! village theme's `cari.js` searches it in a browser from `file://`.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

use crate::browser_tools::browser_tools;
use crate::network::{network, network_example};
use crate::support::{Site, repo};

/// The object a file of the index assigns.
fn object(text: &str) -> Value {
    let json = text.split_once('=').expect("an assignment").1;
    serde_json::from_str(json.trim_end().trim_end_matches(';')).expect("JSON")
}

/// The numbers of a postings string (src/search/files.rs): base 32, the
/// digits `0`-`V` ending a number.
fn numbers(s: &str) -> Vec<u32> {
    const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let mut out = Vec::new();
    let mut v = 0u32;
    for c in s.chars() {
        let d = DIGITS.find(c).expect("a digit") as u32;
        v = v * 32 + (d & 31);
        if d < 32 {
            out.push(v);
            v = 0;
        }
    }
    out
}

/// The portal's index below `public/`: `index.js`, every document, and
/// the documents of `stem`.
fn portal_index(site: &Site, stem: &str) -> (Value, Vec<Value>, Vec<usize>) {
    let first = object(&site.read("public/cari/index.js"));
    let n = first["n"].as_u64().unwrap() as usize;
    let b = first["b"].as_u64().unwrap() as usize;
    let mut docs = Vec::new();
    for i in 0..n.div_ceil(b) {
        let block = object(&site.read(&format!("public/cari/dok/{i}.js")));
        assert_eq!(block["h"], first["h"], "dok/{i} is of another build");
        docs.extend(block["d"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(docs.len(), n);
    let bounds: Vec<&str> = first["k"].as_str().unwrap().split(' ').collect();
    let chunk = bounds.partition_point(|b| !b.is_empty() && *b <= stem);
    let part = object(&site.read(&format!("public/cari/kata/{chunk}.js")));
    let words: Vec<&str> = part["w"].as_str().unwrap().split(' ').collect();
    let lists: Vec<&str> = part["p"].as_str().unwrap().split(' ').collect();
    let mut ids = Vec::new();
    if let Some(i) = words.iter().position(|w| *w == stem) {
        let mut next = 0;
        for v in numbers(lists[i]) {
            let id = next + (v / 8) as usize;
            ids.push(id);
            next = id + 1;
        }
    }
    (first, docs, ids)
}

#[test]
fn the_portal_searches_every_village() {
    let site = network_example();
    site.build_ok();
    let (first, docs, posyandu) = portal_index(&site, "posyandu");
    let villages: Vec<&str> = first["g"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(villages.len(), 6, "{villages:?}");
    // Every village's posts are there, each under its folder.
    let from: BTreeSet<u64> = docs.iter().map(|d| d[5].as_u64().unwrap()).collect();
    assert_eq!(from.len(), 6, "documents from {from:?}");
    let wonoasri = villages
        .iter()
        .position(|v| *v == "Kelurahan Wonoasri")
        .unwrap();
    assert!(
        docs.iter()
            .any(|d| d[0] == "wonoasri/berita/posyandu-wonoasri/"
                && d[1] == "Posyandu Balita Wonoasri Bulan Oktober"
                && d[5] == wonoasri),
        "{docs:?}"
    );
    // A word's documents come from several villages, found by its stem.
    let found: BTreeSet<&str> = posyandu
        .iter()
        .map(|&id| villages[docs[id][5].as_u64().unwrap() as usize])
        .collect();
    assert!(found.len() >= 5, "posyandu found in {found:?}");
    // Posts newest first across villages: pages, undated, last.
    let dated = docs.iter().take_while(|d| d[2] != "").count();
    assert!(docs[dated..].iter().all(|d| d[2] == ""));
    assert!(dated >= 20, "{dated} dated documents");
    // The search page loads the index and the village theme's script
    // relative to itself, so that it works from file:// too.
    let page = site.read("public/cari/index.html");
    assert!(page.contains("<script id=\"cari-index\" src=\"index.js\" defer></script>\n<script src=\"../cari.js\" defer></script>"), "{page}");
    assert_eq!(
        site.read("public/cari.js"),
        std::fs::read_to_string(repo().join("themes/desa/static/cari.js")).unwrap()
    );
}

#[test]
fn a_village_with_its_own_domain_is_linked_there() {
    let site = network();
    let config = site.read("desa/gamma/warta.toml");
    site.write(
        "desa/gamma/warta.toml",
        format!("base_url = \"https://kim-gamma.example.org\"\n{config}"),
    );
    site.build_ok();
    let (_, docs, _) = portal_index(&site, "posyandu");
    let paths: Vec<&str> = docs.iter().map(|d| d[0].as_str().unwrap()).collect();
    assert!(
        paths.contains(&"https://kim-gamma.example.org/berita/posyandu-krajan/"),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"alpha/berita/posyandu-krajan/"),
        "{paths:?}"
    );
}

#[test]
fn a_village_s_broken_index_leaves_it_out_of_the_portal() {
    let site = network();
    site.build_ok();
    let built = site.dir.path().join("built");
    crate::network::copy_into(&site.path("public"), &built);
    std::fs::write(
        built.join("beta/cari/dok/0.js"),
        "window.WARTA_CARI[\"dok/0\"]=",
    )
    .unwrap();
    let r = site.run(&["portal", "--from", &built.display().to_string()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("Portal selesai: 2 desa, "),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("Desa `desa/beta` tidak masuk portal: `beta/cari/dok/0.js` tidak bisa dibaca: EOF while parsing a value at line 1 column 0"),
        "{}",
        r.stderr
    );
}

/// Types a query on the portal's search page opened from disk and sees
/// results from two different villages, each linking to its post.
#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn the_portal_search_works_from_file_urls_in_chromium() {
    let node = browser_tools();
    let site = network_example();
    site.build_ok();
    let result = Command::new(&node)
        .arg(repo().join("tests/browser/portal_search.mjs"))
        .arg(site.path("public"))
        .arg("posyandu")
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "portal_search.mjs failed:\n{stderr}"
    );
    let report: Value = serde_json::from_slice(&result.stdout)
        .unwrap_or_else(|e| panic!("portal_search.mjs printed no JSON ({e}):\n{stderr}"));
    assert_eq!(report["failed"], Value::Array(vec![]), "{report:#}");
    let found = report["found"].as_array().unwrap();
    let villages: BTreeSet<&str> = found
        .iter()
        .map(|r| r["meta"].as_str().unwrap().split(" · ").next().unwrap())
        .collect();
    assert!(villages.len() >= 2, "{report:#}");
    assert!(
        villages.contains("Kelurahan Wonoasri") && villages.contains("Desa Tegalrejo"),
        "{report:#}"
    );
    let wonoasri = found
        .iter()
        .find(|r| r["title"] == "Posyandu Balita Wonoasri Bulan Oktober")
        .unwrap_or_else(|| panic!("{report:#}"));
    let href = wonoasri["href"].as_str().unwrap();
    assert!(href.starts_with("file://"), "{href}");
    assert!(
        href.ends_with("/public/wonoasri/berita/posyandu-wonoasri/index.html"),
        "{href}"
    );
    assert_eq!(
        report["opened"], "Posyandu Balita Wonoasri Bulan Oktober",
        "{report:#}"
    );
}
