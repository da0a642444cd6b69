//! `warta build --portable`: a site that works opened from its folder.
//!
//! Someone copies the folder to a USB stick, zips it into a WhatsApp
//! message, or opens it on the village office PC with no internet. There
//! is no server: every link must be relative and name a file. The first
//! test checks every link of every page against the files on disk (a link
//! checker); the second opens the folder from `file://` in Chromium and
//! follows links as a reader would, search included.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use lol_html::{RewriteStrSettings, element, rewrite_str};
use serde_json::Value;

use crate::browser_tools::browser_tools;
use crate::support::{Site, repo};

/// Every URL in an attribute that loads or links something.
pub(crate) fn links_in(html: &str) -> Vec<String> {
    let found = std::cell::RefCell::new(Vec::new());
    let push = |v: Option<String>| {
        if let Some(v) = v {
            found.borrow_mut().push(v);
        }
    };
    let mut settings = RewriteStrSettings::new();
    settings = settings.append_element_content_handler(element!("[href]", |el| {
        let canonical = el.get_attribute("rel").is_some_and(|r| r == "canonical");
        if !canonical {
            push(el.get_attribute("href"));
        }
        Ok(())
    }));
    settings = settings.append_element_content_handler(element!("[src], [action]", |el| {
        push(el.get_attribute("src"));
        push(el.get_attribute("action"));
        Ok(())
    }));
    settings = settings.append_element_content_handler(element!("[srcset]", |el| {
        for candidate in el.get_attribute("srcset").unwrap_or_default().split(',') {
            push(candidate.split_whitespace().next().map(str::to_string));
        }
        Ok(())
    }));
    settings = settings.append_element_content_handler(element!("meta[http-equiv]", |el| {
        let content = el.get_attribute("content").unwrap_or_default();
        push(
            content
                .split_once("url=")
                .map(|(_, u)| u.trim().to_string()),
        );
        Ok(())
    }));
    rewrite_str(html, settings).expect("the page parses");
    found.into_inner()
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

fn portable_build(site: &Site) -> PathBuf {
    let out = site.path("portabel");
    let run = site.run(&["build", "--portable", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

#[test]
fn every_link_of_a_portable_site_names_a_file_that_exists() {
    let site = Site::fixture("content-example");
    // A sub-path address must not leak into the portable folder either.
    site.edit(
        "warta.toml",
        "base_url = \"https://kim-sukamaju.example.org\"",
        "base_url = \"https://kim-sukamaju.example.org/desa\"",
    );
    let out = portable_build(&site);
    let pages = html_files(&out);
    assert!(pages.len() > 100, "{} pages", pages.len());
    let mut broken = BTreeSet::new();
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let dir = page.parent().unwrap();
        for link in links_in(&html) {
            if link.starts_with('#')
                || link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("data:")
            {
                continue;
            }
            let shown = page.strip_prefix(&out).unwrap().display().to_string();
            if link.starts_with('/') {
                broken.insert(format!("{shown}: {link} is not relative"));
                continue;
            }
            let file = link.split(['?', '#']).next().unwrap_or_default();
            let target = dir.join(file);
            checked += 1;
            if !target.is_file() {
                broken.insert(format!("{shown}: {link} names no file"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", {
        let v: Vec<_> = broken.into_iter().take(40).collect();
        v.join("\n")
    });
    assert!(checked > 3000, "only {checked} links checked");
    // What machines read stays absolute, with the sub-path.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://kim-sukamaju.example.org/desa/\">")
    );
    let rss = std::fs::read_to_string(out.join("rss.xml")).unwrap();
    assert!(rss.contains("<link>https://kim-sukamaju.example.org/desa/</link>"));
}

#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn a_portable_site_works_from_file_urls_in_chromium() {
    let node = browser_tools();
    let site = Site::fixture("content-example");
    let out = portable_build(&site);
    let result = Command::new(&node)
        .arg(repo().join("tests/browser/portable.mjs"))
        .arg(&out)
        // `pembangunan` in the post, found by its stem.
        .arg("bangun")
        .arg("Jalan Dusun Ngembul Kini Dibeton")
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "portable.mjs failed:\n{stderr}");
    let report: Value = serde_json::from_slice(&result.stdout)
        .unwrap_or_else(|e| panic!("portable.mjs printed no JSON ({e}):\n{stderr}"));
    let home = &report["home"];
    let mut visited = vec![home];
    visited.extend(report["steps"].as_array().unwrap());
    visited.push(&report["search"]["opened"]);
    for (i, page) in visited.iter().enumerate() {
        let url = page["url"].as_str().unwrap_or_default();
        assert!(
            url.starts_with("file://") && url.ends_with("index.html"),
            "step {i} reached {url}: {page}"
        );
        assert!(
            page["h1"].as_str().is_some_and(|h| !h.is_empty()),
            "step {i} ({url}) shows no heading"
        );
        assert_eq!(page["styled"], true, "step {i} ({url}) has no stylesheet");
        assert_eq!(
            page["failed"].as_array().map(Vec::len),
            Some(0),
            "step {i} ({url}) failed to load: {}",
            page["failed"]
        );
        for img in page["images"].as_array().unwrap() {
            assert_eq!(img["loaded"], true, "step {i} ({url}): {img}");
        }
    }
    let steps = report["steps"].as_array().unwrap();
    let reached: Vec<&str> = steps.iter().map(|s| s["url"].as_str().unwrap()).collect();
    assert!(reached[0].contains("/berita/"), "{reached:?}");
    assert!(reached[1].contains("/kategori/"), "{reached:?}");
    assert!(reached[2].ends_with("/profil/index.html"), "{reached:?}");
    assert!(reached[3].ends_with("/cari/index.html"), "{reached:?}");
    let found = report["search"]["found"].as_array().unwrap();
    assert!(
        found.iter().any(|f| f["title"]
            .as_str()
            .is_some_and(|t| t.contains("Jalan Dusun Ngembul Kini Dibeton"))),
        "`bangun` should find the post about `pembangunan`: {found:?}"
    );
    assert!(
        report["search"]["opened"]["url"]
            .as_str()
            .is_some_and(|u| u.contains("/berita/")),
        "{}",
        report["search"]
    );
}
