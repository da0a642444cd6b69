//! What search engines, WhatsApp and portals read: JSON-LD, /profile.json,
//! the sitemap (split when large), and minified output.

use serde_json::Value;

use crate::support::Site;

/// The JSON-LD graph of a page, parsed; panics if a block is not JSON.
fn graph(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    for block in html.split(open).skip(1) {
        let json = block.split("</script>").next().unwrap();
        let doc: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(doc["@context"], "https://schema.org");
        out.extend(doc["@graph"].as_array().unwrap().iter().cloned());
    }
    out
}

fn of_type<'a>(graph: &'a [Value], t: &str) -> &'a Value {
    graph
        .iter()
        .find(|g| g["@type"] == t)
        .unwrap_or_else(|| panic!("no {t} in {graph:?}"))
}

#[test]
fn json_ld_describes_posts_events_the_village_and_breadcrumbs() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let post = graph(&site.read("public/berita/posyandu-krajan/index.html"));
    let article = of_type(&post, "NewsArticle");
    assert_eq!(
        article["headline"],
        "Posyandu Balita Dusun Krajan Bulan Agustus"
    );
    // Dates carry the village's offset (WIB).
    assert!(
        article["datePublished"]
            .as_str()
            .unwrap()
            .ends_with("+07:00"),
        "{article}"
    );
    assert!(article["dateModified"].is_string());
    assert!(article["author"]["name"].is_string(), "{article}");
    assert_eq!(article["publisher"]["name"], "KIM Sukamaju Berdaya");
    assert!(
        article["image"][0]
            .as_str()
            .unwrap()
            .starts_with("https://kim-sukamaju.example.org/"),
        "{article}"
    );
    let crumbs = of_type(&post, "BreadcrumbList")["itemListElement"]
        .as_array()
        .unwrap();
    assert_eq!(crumbs[0]["name"], "Beranda");
    assert_eq!(crumbs[0]["item"], "https://kim-sukamaju.example.org/");
    assert_eq!(
        crumbs.last().unwrap()["item"],
        "https://kim-sukamaju.example.org/berita/posyandu-krajan/"
    );

    let agenda = graph(&site.read("public/agenda/jalan-sehat-hut-ke-75-desa-sukamaju/index.html"));
    let event = of_type(&agenda, "Event");
    assert_eq!(event["startDate"], "2027-01-17T06:00:00+07:00");
    assert!(event["location"]["name"].is_string());
    assert_eq!(event["location"]["address"]["addressCountry"], "ID");

    let profile = graph(&site.read("public/profil/index.html"));
    let gov = of_type(&profile, "GovernmentOrganization");
    assert_eq!(gov["name"], "Pemerintah Desa Sukamaju");
    assert!(
        gov["identifier"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["propertyID"] == "kode-wilayah-kemendagri"
                && i["value"].as_str().is_some_and(|v| v.contains('.'))),
        "{gov}"
    );
    assert_eq!(gov["location"]["@type"], "Place");
    assert!(gov["location"]["geo"]["latitude"].is_number(), "{gov}");
    assert_eq!(
        gov["address"]["addressRegion"],
        "Kabupaten Malang, Jawa Timur"
    );

    let home = graph(&site.read("public/index.html"));
    of_type(&home, "WebSite");
    of_type(&home, "GovernmentOrganization");
    // Every page readers land on has a block, and every block parses.
    let mut pages = 0;
    for f in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(&format!("public/{f}"));
        // Redirect pages (aliases) only point elsewhere.
        if f.ends_with("index.html") && !html.contains("http-equiv=\"refresh\"") {
            let g = graph(&html);
            assert!(!g.is_empty(), "{f} has no JSON-LD");
            pages += 1;
        }
    }
    assert!(pages > 100);
}

#[test]
fn a_title_with_a_closing_script_tag_stays_inside_the_json() {
    let site = Site::fixture("minimal");
    let title = "Awas </script><script>alert(1)</script> & <!-- hoaks";
    site.edit(
        "content/berita/2025-08-26-posyandu-krajan.md",
        "title = \"Posyandu Balita Dusun Krajan\"",
        &format!("title = '{title}'"),
    );
    site.build_ok();
    let html = site.read("public/berita/posyandu-krajan/index.html");
    let g = graph(&html);
    assert_eq!(of_type(&g, "NewsArticle")["headline"], title);
    assert!(!html.contains("<script>alert(1)"), "the title broke out");
}

#[test]
fn profile_json_gives_portals_the_village_and_its_addresses() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let doc: Value = serde_json::from_str(&site.read("public/profile.json")).unwrap();
    let s = &doc["site"];
    assert_eq!(s["url"], "https://kim-sukamaju.example.org/");
    assert_eq!(
        s["feeds"]["rss"],
        "https://kim-sukamaju.example.org/rss.xml"
    );
    assert_eq!(s["sitemap"], "https://kim-sukamaju.example.org/sitemap.xml");
    assert!(s["posts"].as_u64().unwrap() > 10);
    assert!(!s["categories"].as_array().unwrap().is_empty());
    let p = &doc["profile"];
    assert_eq!(p["village"]["name"], "Sukamaju");
    assert_eq!(p["village"]["area_code"], "35.07.34.2007");
    assert!(
        p["village"]["logo"]
            .as_str()
            .unwrap()
            .starts_with("https://kim-sukamaju.example.org/"),
        "image paths are absolute"
    );
    // A member who did not agree to show her number has none here.
    let members = p["kim"]["members"].as_array().unwrap();
    assert!(members.iter().any(|m| m["show_contact"] == false));
    for m in members.iter().filter(|m| m["show_contact"] == false) {
        assert!(m["whatsapp"].is_null(), "{m}");
    }
}

#[test]
fn a_large_sitemap_is_split_under_an_index() {
    let site = Site::fixture("content-example");
    site.edit("warta.toml", "[build]", "[build]\nsitemap_max_urls = 40");
    site.build_ok();
    let index = site.read("public/sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{index}");
    let parts: Vec<&str> = index.split("<loc>").skip(1).collect();
    assert!(parts.len() >= 3, "{index}");
    let mut urls = 0;
    for (i, _) in parts.iter().enumerate() {
        assert!(index.contains(&format!(
            "<loc>https://kim-sukamaju.example.org/sitemap-{}.xml</loc>",
            i + 1
        )));
        let part = site.read(&format!("public/sitemap-{}.xml", i + 1));
        let n = part.matches("<url>").count();
        assert!((1..=40).contains(&n), "part {} has {n} URLs", i + 1);
        urls += n;
    }
    // The same pages as one sitemap would list.
    site.edit("warta.toml", "sitemap_max_urls = 40", "");
    site.build_ok();
    let whole = site.read("public/sitemap.xml");
    assert!(whole.contains("<urlset"));
    assert_eq!(whole.matches("<url>").count(), urls);
    assert!(!site.path("public/sitemap-1.xml").exists());
}

#[test]
fn minified_pages_say_the_same_and_weigh_less() {
    let plain = Site::fixture("content-example");
    plain.build_ok();
    let small = Site::fixture("content-example");
    small.edit("warta.toml", "minify = false", "minify = true");
    small.build_ok();
    let text = |html: &str| -> String {
        // What a reader sees: the text between tags, whitespace collapsed.
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    out.push(' ');
                }
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut before = 0;
    let mut after = 0;
    for f in plain.output_files().iter().filter(|f| f.ends_with(".html")) {
        let a = plain.read(&format!("public/{f}"));
        let b = small.read(&format!("public/{f}"));
        before += a.len();
        after += b.len();
        let body = |h: &str| text(h.split("<body").nth(1).unwrap_or(h));
        assert_eq!(
            body(&a).replace("&#39;", "'"),
            body(&b).replace("&#39;", "'"),
            "{f}"
        );
        if let (Some(x), Some(y)) = (
            a.split("application/ld+json\">").nth(1),
            b.split("application/ld+json>")
                .nth(1)
                .or(b.split("application/ld+json\">").nth(1)),
        ) {
            let x: Value = serde_json::from_str(x.split("</script>").next().unwrap()).unwrap();
            let y: Value = serde_json::from_str(y.split("</script>").next().unwrap()).unwrap();
            assert_eq!(x, y, "{f}: JSON-LD");
        }
    }
    assert!(after < before, "{after} >= {before}");
    let css = small.read("public/style.css");
    assert!(css.len() < plain.read("public/style.css").len());
    assert!(!css.contains("\n  "), "stylesheet minified");
}
