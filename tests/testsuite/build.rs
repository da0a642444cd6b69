//! Whole builds: content-example, the design examples, sub-paths, themes.

use crate::portable::links_in;
use crate::support::{Site, repo};

#[test]
fn content_example_builds_pages_with_real_content() {
    let site = Site::fixture("content-example");
    let r = site.build_ok();
    assert!(r.stdout.contains("halaman"), "{}", r.stdout);
    let files = site.output_files();
    for must in [
        "index.html",
        "404.html",
        "berita/index.html",
        "berita/halaman/2/index.html",
        "berita/posyandu-krajan/index.html",
        "berita/posyandu-krajan/posyandu-krajan-800w.webp",
        "berita/posyandu-krajan/posyandu-krajan-800w.jpg",
        "berita/posyandu-krajan/posyandu-krajan-og.jpg",
        "kategori/index.html",
        "kategori/kesehatan/index.html",
        "tag/index.html",
        "arsip/index.html",
        "profil/index.html",
        "profil/sejarah/index.html",
        "pemerintahan/index.html",
        "kim/index.html",
        "kontak/index.html",
        "media/logo-256w.webp",
        "media/logo-256w.png",
        ".warta-output",
    ] {
        assert!(
            files.iter().any(|f| f == must),
            "{must} missing from output"
        );
    }
    // Photos are published only as their web versions, never as taken.
    for original in [
        "berita/posyandu-krajan/posyandu-krajan.jpg",
        "media/logo.png",
        "media/kantor.jpg",
    ] {
        assert!(!files.iter().any(|f| f == original), "{original} published");
    }
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"id\""), "lang");
    assert!(home.contains("Sukamaju"));
    // Every published post has its page, with its title in it.
    for entry in walkdir::WalkDir::new(site.path("content/berita"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(p).unwrap();
            if text.contains("draft = true") {
                continue;
            }
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("title = \""))
                .unwrap()
                .trim_end_matches('"');
            let title = title.replace('&', "&amp;").replace('"', "&quot;");
            assert!(
                files
                    .iter()
                    .filter(|f| f.starts_with("berita/") && f.ends_with("index.html"))
                    .any(|f| site.read(&format!("public/{f}")).contains(&title)),
                "no page shows {title}"
            );
        }
    }
    // Drafts are left out.
    let draft = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_type().is_file()
                && std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("draft = true"))
        });
    if let Some(d) = draft {
        let text = std::fs::read_to_string(d.path()).unwrap();
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title = \""))
            .unwrap()
            .trim_end_matches('"');
        assert!(!home.contains(title), "draft {title} on the home page");
    }
}

#[test]
fn the_design_examples_load_as_they_are() {
    let shared = repo().join("../shared/design");
    if !shared.is_dir() {
        eprintln!("note: ../shared/design not found; skipping");
        return;
    }
    let site = Site::empty();
    site.write(
        "warta.toml",
        std::fs::read(shared.join("warta.example.toml")).unwrap(),
    );
    site.write(
        "profile.toml",
        std::fs::read(shared.join("profile.example.toml")).unwrap(),
    );
    site.write(
        "content/berita/2025-08-26-posyandu-krajan.md",
        std::fs::read(shared.join("post.example.md")).unwrap(),
    );
    site.write(
        "content/profil/sejarah.md",
        "+++\ntitle = \"Sejarah\"\n+++\nSejarah desa.\n",
    );
    // The example profile names this page; without it the build says so.
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("profile.toml:105:8"), "{}", r.stderr);
    site.write(
        "content/lembaga/bpd.md",
        "+++\ntitle = \"BPD\"\n+++\nBPD.\n",
    );
    let r = site.build_ok();
    assert!(
        r.stderr.is_empty() || !r.stderr.contains("kesalahan:"),
        "{}",
        r.stderr
    );
    let post = site.read("public/berita/posyandu-krajan/index.html");
    assert!(post.contains("Posyandu Balita Dusun Krajan Bulan Agustus"));
    assert!(post.contains("Selasa, 26 Agustus 2025"), "Indonesian date");
    assert!(post.contains("09.30 WIB"), "village time");
}

#[test]
fn sub_path_base_url_is_honoured_in_every_link() {
    // content-example has every kind of page and file: posts, photos,
    // aliases, search, feeds per category, JSON-LD, /profile.json.
    let site = Site::fixture("content-example");
    let r = site.run(&["build", "--base-url", "https://x.github.io/sukamaju"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    let mut checked = 0;
    let mut absolute = 0;
    for f in site.output_files() {
        let Some(ext) = f.rsplit_once('.').map(|(_, e)| e) else {
            continue;
        };
        if !["html", "xml", "txt", "json", "js", "css"].contains(&ext) {
            continue;
        }
        let text = site.read(&format!("public/{f}"));
        // Every root-relative link in a page: href, src, srcset, action,
        // a redirect's target.
        if ext == "html" {
            for link in links_in(&text) {
                if link.starts_with('/') && !link.starts_with("//") {
                    assert!(link.starts_with("/sukamaju/"), "{f}: {link}");
                    checked += 1;
                }
            }
        }
        // Every absolute URL on this host, in any file (canonical and
        // OpenGraph tags, JSON-LD, feeds, sitemap, robots.txt, profile.json).
        for u in text.split("https://x.github.io").skip(1) {
            assert!(
                u.starts_with("/sukamaju/"),
                "{f}: https://x.github.io{}",
                &u[..u.len().min(60)]
            );
            absolute += 1;
        }
    }
    assert!(checked > 3000, "only {checked} links checked");
    assert!(absolute > 1000, "only {absolute} absolute URLs checked");
    for f in [
        "rss.xml",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "profile.json",
        "kategori/kesehatan/rss.xml",
    ] {
        assert!(
            site.read(&format!("public/{f}"))
                .contains("https://x.github.io/sukamaju/"),
            "{f} has no URL"
        );
    }
    let post = site.read("public/berita/jadwal-penyaluran-blt-tahap-iv/index.html");
    assert!(
        post.contains("href=\"/sukamaju/berita/klarifikasi-hoaks-pendaftaran-bansos/\""),
        "Markdown link to a source file"
    );
}

#[test]
fn a_site_template_overrides_one_and_the_rest_come_from_desa() {
    let site = Site::fixture("minimal");
    site.write(
        "templates/post.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"ganti\">DIGANTI {{ page.title }}</p>{% endblock main %}",
    );
    site.build_ok();
    let post = site.read("public/berita/posyandu-krajan/index.html");
    assert!(
        post.contains("DIGANTI Posyandu Balita Dusun Krajan"),
        "{post}"
    );
    assert!(
        post.contains("style.css"),
        "base.html still comes from desa"
    );
    let home = site.read("public/index.html");
    assert!(!home.contains("DIGANTI") && home.contains("Posyandu Balita Dusun Krajan"));
}

#[test]
fn rendered_post_fields_snapshot() {
    let site = Site::fixture("minimal");
    site.write(
        "templates/post.html",
        "title={{ page.title }}\nurl={{ page.url }}\npermalink={{ page.permalink }}\nwhen={{ page.date | datetime }}\ndate={{ page.date }}\n\
         category={{ page.category.name }} {{ page.category.url }}\ntags={% for t in page.tags %}{{ t.name }}>{{ t.url }} {% endfor %}\n\
         author={{ page.author }} place={{ page.place }}\nsummary={{ page.summary }}\ntoc={% for h in page.toc %}{{ h.id }} {% endfor %}\n\
         prev={% if prev %}{{ prev.title }}{% endif %} next={% if next %}{{ next.title }}{% endif %}\n\
         money={{ 15000 | rupiah }} {{ 3120 | number }} {{ 412.5 | number }}\n---\n{{ page.content | safe }}",
    );
    site.build_ok();
    insta::assert_snapshot!(site.read("public/berita/posyandu-krajan/index.html"));
}

#[test]
fn drafts_and_future_posts_only_with_drafts() {
    let site = Site::fixture("minimal");
    site.write(
        "content/berita/draf.md",
        "+++\ntitle = \"Draf Rahasia\"\ndate = 2025-01-02\ndraft = true\n+++\nx\n",
    );
    site.write(
        "content/berita/nanti.md",
        "+++\ntitle = \"Kabar Nanti\"\ndate = 2099-01-02\n+++\nx\n",
    );
    site.build_ok();
    assert!(!site.path("public/berita/draf").exists());
    assert!(!site.path("public/berita/nanti").exists());
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    assert!(site.path("public/berita/draf/index.html").is_file());
    assert!(site.path("public/berita/nanti/index.html").is_file());
}

#[test]
fn never_replaces_a_folder_it_did_not_create() {
    let site = Site::fixture("minimal");
    site.write("dokumen/penting.txt", "jangan dihapus");
    let r = site.run(&["build", "--output", site.path("dokumen").to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.output(&site));
    assert_eq!(site.read("dokumen/penting.txt"), "jangan dihapus");
}

#[test]
fn pagination_archive_and_taxonomies() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    for f in [
        "berita/index.html",
        "berita/halaman/2/index.html",
        "kategori/berita-desa/index.html",
        "tag/stunting/index.html",
        "tag/gotong-royong/index.html",
        "arsip/2025/08/index.html",
        "arsip/2025/07/index.html",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} missing: {files:?}");
    }
    assert!(!files.iter().any(|x| x == "berita/halaman/3/index.html"));
    let page2 = site.read("public/berita/halaman/2/index.html");
    assert!(
        page2.contains("Musim Tanam Dimulai"),
        "oldest post on page 2"
    );
}

#[test]
fn dates_show_in_the_village_time_zone_from_the_province_code() {
    let site = Site::fixture("minimal");
    // 52 is Nusa Tenggara Barat: WITA (UTC+8).
    site.edit("profile.toml", "35.07.12.2003", "52.01.05.2003");
    site.edit("profile.toml", "Jawa Timur", "Nusa Tenggara Barat");
    site.write(
        "templates/post.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ page.date | datetime }}</p><p>{{ page.date }}</p>{% endblock main %}",
    );
    site.build_ok();
    let post = site.read("public/berita/posyandu-krajan/index.html");
    assert!(
        post.contains("Selasa, 26 Agustus 2025 · 10.30 WITA"),
        "{post}"
    );
    assert!(
        post.contains("2025-08-26T10:30:00+08:00"),
        "machine-readable in the village offset"
    );
}

#[test]
fn feeds_sitemap_and_robots_list_published_posts_with_village_dates() {
    let site = Site::fixture("minimal");
    site.write(
        "content/berita/draf.md",
        "+++\ntitle = \"Draf Rahasia\"\ndate = 2025-01-02\ndraft = true\n+++\nx\n",
    );
    site.build_ok();
    let rss = site.read("public/rss.xml");
    assert_eq!(rss.matches("<item>").count(), 3, "{rss}");
    assert!(
        rss.contains("<pubDate>Tue, 26 Aug 2025 09:30:00 +0700</pubDate>"),
        "{rss}"
    );
    assert!(rss.contains("<atom:link href=\"https://kim-uji.example.org/rss.xml\" rel=\"self\""));
    let atom = site.read("public/atom.xml");
    assert_eq!(atom.matches("<entry>").count(), 3);
    assert!(atom.contains("<published>2025-08-26T09:30:00+07:00</published>"));
    // A plain date is that day in the village's zone, not UTC midnight.
    assert!(
        atom.contains("<published>2025-08-20T00:00:00+07:00</published>"),
        "{atom}"
    );
    let cat = site.read("public/kategori/kesehatan/rss.xml");
    assert_eq!(cat.matches("<item>").count(), 1);
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://kim-uji.example.org/berita/posyandu-krajan/</loc><lastmod>2025-08-26T09:30:00+07:00</lastmod>"));
    assert!(
        !sitemap.contains("draf") && !rss.contains("Draf Rahasia"),
        "drafts are never listed"
    );
    assert!(!sitemap.contains("404.html"));
    let robots = site.read("public/robots.txt");
    assert!(robots.contains("Sitemap: https://kim-uji.example.org/sitemap.xml"));
}

#[test]
fn aliases_redirect_old_addresses_and_never_take_a_real_page() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/berita/2025-08-26-posyandu-krajan.md",
        "place = ",
        "aliases = [\"/berita/posyandu-lama/\", \"/posyandu.html\"]\nplace = ",
    );
    site.build_ok();
    let old = site.read("public/berita/posyandu-lama/index.html");
    assert!(
        old.contains("http-equiv=\"refresh\" content=\"0; url=/berita/posyandu-krajan/\""),
        "{old}"
    );
    assert!(old.contains(
        "<link rel=\"canonical\" href=\"https://kim-uji.example.org/berita/posyandu-krajan/\">"
    ));
    assert!(
        old.contains("<a href=\"/berita/posyandu-krajan/\">"),
        "a visible link"
    );
    assert!(site.path("public/posyandu.html").is_file());
    assert!(
        !site.read("public/sitemap.xml").contains("posyandu-lama"),
        "aliases are never listed"
    );

    site.edit(
        "content/berita/2025-08-26-posyandu-krajan.md",
        "/berita/posyandu-lama/",
        "/berita/kerja-bakti/",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(
        out.contains("content/berita/2025-08-26-posyandu-krajan.md")
            && out.contains("content/berita/2025-08-20-kerja-bakti.md"),
        "{out}"
    );
}

#[test]
fn village_pages_without_data_leave_the_menu_and_footer() {
    let site = Site::fixture("minimal");
    // The minimal profile has no products, tourism, budget or statistics.
    let mut toml = site.read("warta.toml");
    toml.push_str(
        "\n[[menu]]\nname = \"Beranda\"\nurl = \"/\"\n[[menu]]\nname = \"Produk\"\nurl = \"/produk/\"\n[[menu]]\nname = \"Statistik\"\nurl = \"/statistik/\"\n",
    );
    site.write("warta.toml", toml);
    site.build_ok();
    let files = site.output_files();
    for key in [
        "produk",
        "potensi",
        "wisata",
        "galeri",
        "statistik",
        "transparansi",
    ] {
        assert!(
            !files.iter().any(|f| f.starts_with(&format!("{key}/"))),
            "{key}/ built without data"
        );
    }
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(&format!("public/{f}"));
        assert!(!html.contains("href=\"/produk/\""), "{f} links to /produk/");
        assert!(
            !html.contains("href=\"/statistik/\""),
            "{f} links to /statistik/"
        );
    }
    let home = site.read("public/index.html");
    assert!(home.contains(">Beranda</a>"), "other menu items stay");
}

#[test]
fn village_pages_with_data_are_in_the_footer_of_every_page() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let page = site.read("public/kontak/index.html");
    let foot = page.split("id=\"foot-nav\"").nth(1).expect("footer nav");
    assert!(foot.contains("href=\"/agenda/\""), "{foot}");
    for key in rendered_village_pages(&site) {
        assert!(
            foot.contains(&format!("href=\"/{key}/\"")),
            "{key} not in {foot}"
        );
    }
}

/// The village pages content-example got, read from the output.
fn rendered_village_pages(site: &Site) -> Vec<&'static str> {
    warta::render::VILLAGE_PAGES
        .into_iter()
        .filter(|k| site.path(&format!("public/{k}/index.html")).is_file())
        .collect()
}
