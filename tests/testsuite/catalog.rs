//! Products, potentials, tourism and the gallery (issue 6, items 1, 2
//! and 8): what a buyer or visitor reads on the built pages, the
//! structured data search engines read, and the mistakes a writer makes.

use serde_json::Value;

use crate::support::Site;

const KOPI: &str = "public/produk/kopi-robusta-bubuk-lereng-kawi/index.html";

/// The JSON-LD `@graph` of a page.
fn graph(html: &str) -> Vec<Value> {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD block")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let doc: Value = serde_json::from_str(&html[start..end]).unwrap();
    doc["@graph"].as_array().unwrap().clone()
}

fn of_type<'a>(graph: &'a [Value], ty: &str) -> &'a Value {
    graph
        .iter()
        .find(|v| v["@type"] == ty)
        .unwrap_or_else(|| panic!("no {ty} in {graph:?}"))
}

/// The value of `?text=` in a WhatsApp link, decoded.
fn wa_text(html: &str, number: &str) -> String {
    let prefix = format!("https://wa.me/{number}?text=");
    let start = html.find(&prefix).expect("WhatsApp link") + prefix.len();
    let encoded = &html[start..start + html[start..].find('"').unwrap()];
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
        "not percent-encoded: {encoded}"
    );
    let mut bytes = Vec::new();
    let mut i = 0;
    let raw = encoded.as_bytes();
    while i < raw.len() {
        if raw[i] == b'%' {
            bytes.push(u8::from_str_radix(&encoded[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[test]
fn product_pages_show_prices_an_order_link_and_a_product_offer() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let page = site.read(KOPI);
    // Rp as PUEBI writes it; the old price struck through, labelled for
    // screen readers.
    assert!(page.contains("Rp30.000</strong>"), "new price");
    assert!(
        page.contains(r#"<s><span class="vh">harga sebelumnya </span>Rp35.000</s>"#),
        "struck old price"
    );
    assert!(page.contains("/ kemasan 200 g"), "unit");
    assert!(page.contains("Rumah Kopi Gapoktan Sri Rejeki"), "seller");
    let text = wa_text(&page, "6281230070022");
    assert_eq!(
        text,
        "Halo, saya ingin memesan Kopi Robusta Bubuk Lereng Kawi (Rp30.000 / kemasan 200 g). \
         Saya lihat di https://kim-sukamaju.example.org/produk/kopi-robusta-bubuk-lereng-kawi/"
    );
    assert!(page.contains(">Pesan via WhatsApp</a>"));
    // Photos go through the image pipeline.
    assert!(
        page.contains(r#"<source type="image/webp" srcset="/media/produk/kopi-robusta-480w.webp"#)
    );
    let g = graph(&page);
    let product = of_type(&g, "Product");
    assert_eq!(product["name"], "Kopi Robusta Bubuk Lereng Kawi");
    let offer = &product["offers"];
    assert_eq!(offer["@type"], "Offer");
    assert_eq!(offer["priceCurrency"], "IDR");
    assert_eq!(offer["price"], 30000);
    assert_eq!(offer["availability"], "https://schema.org/InStock");
    assert_eq!(offer["seller"]["name"], "Rumah Kopi Gapoktan Sri Rejeki");
    assert_eq!(offer["priceSpecification"]["price"], 35000);
    let image = product["image"][0].as_str().unwrap();
    assert!(
        image.starts_with("https://kim-sukamaju.example.org/media/produk/"),
        "{image}"
    );
    assert!(
        site.output_files()
            .iter()
            .any(|f| format!("https://kim-sukamaju.example.org/{f}") == image),
        "{image} is not published"
    );
    let crumbs = of_type(&g, "BreadcrumbList")["itemListElement"]
        .as_array()
        .unwrap()
        .clone();
    let names: Vec<&str> = crumbs.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Beranda",
            "Produk",
            "Kopi",
            "Kopi Robusta Bubuk Lereng Kawi"
        ]
    );

    // A product without a discount shows one price; the list and the
    // category pages show every product, each category its own.
    let list = site.read("public/produk/index.html");
    assert!(list.contains("Rp15.000</strong>") && list.contains("Rp85.000</strong>"));
    assert!(!list.contains("Rp15.000</s>"));
    assert!(list.contains(r#"href="/produk/kategori/kopi/""#));
    let kopi = site.read("public/produk/kategori/kopi/index.html");
    assert!(kopi.contains("Kopi Robusta Bubuk Lereng Kawi") && !kopi.contains("Madu Klanceng"));
    assert!(kopi.contains(r#"<a href="/produk/kategori/kopi/" aria-current="page">"#));
}

#[test]
fn a_post_in_content_produk_tells_its_products_story_on_one_page() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let page = site.read("public/produk/keripik-singkong-pedas-daun-jeruk/index.html");
    assert!(page.contains("Rp15.000</strong>") && page.contains("UMKM Dapur Bu Marni"));
    assert!(page.contains("Keripik Singkong Bu Marni, dari Dapur Rumah ke Gerai BUMDes"));
    assert!(page.contains("Berawal dari arisan"), "the story's text");
    assert!(wa_text(&page, "6281230070021").contains("Keripik Singkong Pedas Daun Jeruk"));
    // One page per product: the list links the story's address, and the
    // feed's item points at the same page.
    let list = site.read("public/produk/index.html");
    assert!(list.contains(r#"href="/produk/keripik-singkong-pedas-daun-jeruk/""#));
    assert_eq!(
        list.matches("Keripik Singkong Pedas Daun Jeruk</a>")
            .count(),
        1
    );
    assert!(
        site.read("public/rss.xml")
            .contains("/produk/keripik-singkong-pedas-daun-jeruk/")
    );
}

#[test]
fn a_story_naming_a_missing_product_is_an_error_at_its_line() {
    let site = Site::fixture("content-example");
    site.write(
        "content/produk/2026-09-01-kopi-luwak.md",
        "+++\ntitle = \"Kopi Luwak\"\ndate = 2026-09-01\nproduct = \"Kopi Robusta Lereng\"\n+++\n\nCerita.\n",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(
        out.contains("content/produk/2026-09-01-kopi-luwak.md:4:11"),
        "{out}"
    );
    assert!(
        out.contains("Kopi Robusta Bubuk Lereng Kawi"),
        "suggests the nearest: {out}"
    );
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn tourism_spots_show_hours_tickets_contact_and_the_map() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let page = site.read("public/wisata/coban-lintang/index.html");
    assert!(page.contains("07.00–16.00 WIB"), "hours as 07.00–16.00");
    assert!(page.contains("Rp10.000"), "ticket");
    assert!(page.contains("<li>musala</li>"), "facilities");
    assert!(page.contains(
        r#"href="https://www.openstreetmap.org/?mlat=-8.0708&amp;mlon=112.4752#map=17/-8.0708/112.4752""#
    ));
    let text = wa_text(&page, "6281230070031");
    assert!(
        text.contains("Coban Lintang") && text.ends_with("/wisata/coban-lintang/"),
        "{text}"
    );
    let spot = graph(&page);
    let spot = of_type(&spot, "TouristAttraction");
    assert_eq!(spot["geo"]["latitude"], -8.0708);
    assert_eq!(spot["offers"]["priceCurrency"], "IDR");
    let list = site.read("public/wisata/index.html");
    assert!(list.contains(r#"href="/wisata/kebun-kopi-edukasi-gondangan/""#));
    let potensi = site.read("public/potensi/index.html");
    assert!(potensi.contains("Peternakan Sapi Perah") && potensi.contains(">Perkebunan<"));
}

#[test]
fn every_gallery_folder_is_an_album_titled_by_album_toml_or_its_name() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let list = site.read("public/galeri/index.html");
    assert!(
        list.contains("Panen Raya Padi Sumbersari 2025"),
        "title from album.toml"
    );
    assert!(
        list.contains(">Pelatihan UMKM 2025</a>"),
        "title from the folder"
    );
    let album = site.read("public/galeri/panen-padi-2025/index.html");
    assert!(
        album.contains("Gabah dirontokkan dengan mesin perontok"),
        "caption"
    );
    assert!(album.contains(r#"alt="Petani memasukkan ikatan padi ke mesin perontok""#));
    assert!(album.contains("<picture><source type=\"image/webp\""));
    // `original = true`: the originals are linked and published (without
    // their metadata); other albums publish only the web versions.
    assert!(album.contains(r#"<a href="/media/galeri/panen-padi-2025/panen-1.jpg" download>"#));
    let files = site.output_files();
    assert!(
        files
            .iter()
            .any(|f| f == "media/galeri/panen-padi-2025/panen-1.jpg")
    );
    assert!(
        !files
            .iter()
            .any(|f| f == "media/galeri/hut-ri-81/balap-bakiak.jpg")
    );
    assert!(
        !files.iter().any(|f| f.ends_with("album.toml")),
        "album.toml published"
    );
    let g = graph(&album);
    assert_eq!(
        of_type(&g, "ImageGallery")["associatedMedia"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn pages_without_data_are_left_out_and_nothing_links_to_them() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    for gone in ["produk/", "potensi/", "wisata/", "galeri/"] {
        assert!(
            !files.iter().any(|f| f.starts_with(gone)),
            "{gone} built without data"
        );
        for f in files
            .iter()
            .filter(|f| f.ends_with(".html") || f.ends_with(".xml"))
        {
            let text = site.read(&format!("public/{f}"));
            assert!(
                !text.contains(&format!("/{gone}\"")),
                "{f} links to /{gone}"
            );
            assert!(!text.contains(&format!("/{gone}<")), "{f} lists /{gone}");
        }
    }
    // Products alone give /produk/ and nothing else.
    site.write(
        "profile.toml",
        format!(
            "{}\n[[products]]\nname = \"Gula Aren\"\nprice_idr = 20000\n",
            site.read("profile.toml")
        ),
    );
    site.build_ok();
    let files = site.output_files();
    assert!(files.iter().any(|f| f == "produk/gula-aren/index.html"));
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("wisata/") || f.starts_with("galeri/"))
    );
}

#[test]
fn a_refused_phone_number_is_an_error_at_its_line() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    let line = profile.lines().count() + 4;
    site.write(
        "profile.toml",
        format!("{profile}\n[[products]]\nname = \"Gula Aren\"\nwhatsapp = \"0812-ABC-7890\"\n"),
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(out.contains(&format!("profile.toml:{line}:12")), "{out}");
    assert!(
        out.contains("0812-ABC-7890") && out.contains("products.whatsapp"),
        "{out}"
    );
}

#[test]
fn an_album_toml_mistake_names_its_file_and_line() {
    let site = Site::fixture("minimal");
    let photo = std::fs::read(
        crate::support::repo().join("content-example/media/galeri/panen-padi-2025/panen-1.jpg"),
    )
    .unwrap();
    site.write("media/galeri/panen/panen-1.jpg", photo);
    site.write(
        "media/galeri/panen/album.toml",
        "title = \"Panen\"\njudul = \"Panen\"\n",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(out.contains("media/galeri/panen/album.toml:2:1"), "{out}");
    assert!(out.contains("judul"), "{out}");
    site.write(
        "media/galeri/panen/album.toml",
        "title = \"Panen\"\n\n[[photos]]\nfile = \"panen-9.jpg\"\n",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(out.contains("media/galeri/panen/album.toml:4:8"), "{out}");
    assert!(
        out.contains("panen-1.jpg"),
        "suggests the photo that is there: {out}"
    );
    // Fixed, the album is built.
    site.write("media/galeri/panen/album.toml", "title = \"Panen Raya\"\n");
    site.build_ok();
    assert!(
        site.read("public/galeri/panen/index.html")
            .contains("Panen Raya")
    );
}

#[test]
fn one_product_has_one_story_and_product_elsewhere_is_only_a_warning() {
    let site = Site::fixture("content-example");
    site.write(
        "content/berita/2026-09-02-keripik.md",
        "+++\ntitle = \"Keripik\"\ndate = 2026-09-02\nproduct = \"Besek Bambu\"\n+++\n\nCerita.\n",
    );
    let r = site.build_ok();
    let out = r.output(&site);
    assert!(
        out.contains("content/berita/2026-09-02-keripik.md:4:11"),
        "{out}"
    );
    assert!(out.contains("content/produk/"), "{out}");
    site.write(
        "content/produk/2026-09-03-keripik-lagi.md",
        "+++\ntitle = \"Keripik Lagi\"\ndate = 2026-09-03\nproduct = \"keripik-singkong-pedas-daun-jeruk\"\n+++\n\nCerita.\n",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(
        out.contains("2026-09-03-keripik-lagi.md") && out.contains("2026-09-12-keripik-singkong"),
        "{out}"
    );
}
