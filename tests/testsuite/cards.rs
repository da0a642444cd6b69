//! Share cards (issue 18 item 4): every page without a photo of its own
//! shares a generated 1200 × 630 JPEG; a page with a photo keeps it; a
//! rebuild makes no card again.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use crate::images::phone_jpeg;
use crate::support::Site;

const ORIGIN: &str = "https://kim-uji.example.org/";

/// The `content` of `<meta {attr}="{name}" …>` in `html`.
fn meta<'a>(html: &'a str, attr: &str, name: &str) -> Option<&'a str> {
    let open = format!("<meta {attr}=\"{name}\" content=\"");
    let rest = &html[html.find(&open)? + open.len()..];
    Some(&rest[..rest.find('"')?])
}

/// Every page of the built site with its `og:image` path (below the
/// origin), checking the tags that go with it.
fn shared_images(site: &Site) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for page in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(&format!("public/{page}"));
        let head = html.split("</head>").next().unwrap_or_default();
        let image =
            meta(head, "property", "og:image").unwrap_or_else(|| panic!("{page}: no og:image"));
        let path = image
            .strip_prefix(ORIGIN)
            .unwrap_or_else(|| panic!("{page}: og:image {image} is not on the site"));
        assert_eq!(
            meta(head, "name", "twitter:card"),
            Some("summary_large_image"),
            "{page}"
        );
        assert_eq!(meta(head, "name", "twitter:image"), Some(image), "{page}");
        let alt = meta(head, "property", "og:image:alt").unwrap_or_default();
        assert!(!alt.trim().is_empty(), "{page}: no og:image:alt");
        if path.starts_with("kartu/") {
            assert_eq!(
                meta(head, "property", "og:image:width"),
                Some("1200"),
                "{page}"
            );
            assert_eq!(
                meta(head, "property", "og:image:height"),
                Some("630"),
                "{page}"
            );
        }
        out.insert(page.clone(), path.to_string());
    }
    out
}

/// The card at `public/<path>`, decoded: a JPEG of 1200 × 630.
fn decode_card(site: &Site, path: &str) -> image::RgbImage {
    let bytes = std::fs::read(site.path(&format!("public/{path}")))
        .unwrap_or_else(|e| panic!("{path} is not in the output: {e}"));
    assert_eq!(
        image::guess_format(&bytes).ok(),
        Some(image::ImageFormat::Jpeg),
        "{path}"
    );
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (1200, 630), "{path}");
    img
}

fn near(px: image::Rgb<u8>, want: [u8; 3]) -> bool {
    px.0.iter().zip(want).all(|(&a, b)| a.abs_diff(b) <= 12)
}

#[test]
fn every_page_of_a_site_without_photos_shares_a_card_that_exists() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let images = shared_images(&site);
    assert!(images.len() > 10, "{images:?}");
    let cards: BTreeSet<&String> = images.values().collect();
    assert!(cards.iter().all(|c| c.starts_with("kartu/")), "{cards:?}");
    // Pages with different titles have different cards.
    assert!(cards.len() > 5, "{cards:?}");
    for card in &cards {
        let img = decode_card(&site, card);
        // The theme's colour around the text, its accent along the bottom.
        assert!(near(*img.get_pixel(20, 300), [11, 107, 92]), "{card}");
        assert!(near(*img.get_pixel(600, 620), [217, 119, 6]), "{card}");
    }
    // The post's title, in white, in the title's box.
    let post = &images["berita/musim-tanam/index.html"];
    let img = decode_card(&site, post);
    let white = (208..592)
        .flat_map(|y| (80..1120).map(move |x| (x, y)))
        .filter(|&(x, y)| near(*img.get_pixel(x, y), [255, 255, 255]))
        .count();
    assert!(white > 2_000, "{white} white pixels");
    let html = site.read("public/berita/musim-tanam/index.html");
    assert_eq!(
        meta(&html, "property", "og:image:alt"),
        Some("Musim Tanam Dimulai · Desa Ujicoba")
    );
}

#[test]
fn a_page_with_a_photo_keeps_it_and_the_logo_is_on_the_cards() {
    let site = Site::fixture("minimal");
    site.write("media/sawah.jpg", phone_jpeg(1200, 900));
    site.write("media/logo.png", logo_png());
    site.edit(
        "content/berita/2025-07-01-musim-tanam.md",
        "category = \"berita-desa\"",
        "category = \"berita-desa\"\nimage = \"/media/sawah.jpg\"\nimage_alt = \"Sawah di Krajan\"",
    );
    site.edit(
        "profile.toml",
        "[village]",
        "[village]\nlogo = \"media/logo.png\"",
    );
    site.build_ok();
    let images = shared_images(&site);
    assert_eq!(
        images["berita/musim-tanam/index.html"],
        "media/sawah-og.jpg"
    );
    let html = site.read("public/berita/musim-tanam/index.html");
    assert_eq!(
        meta(&html, "property", "og:image:alt"),
        Some("Sawah di Krajan")
    );
    let card = &images["berita/kerja-bakti/index.html"];
    let img = decode_card(&site, card);
    // The logo (red) on its white plate.
    assert!(near(*img.get_pixel(88, 72), [255, 255, 255]), "plate");
    assert!(near(*img.get_pixel(144, 128), [200, 20, 20]), "logo");
}

/// A red disc on a transparent square, as a PNG.
fn logo_png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(64, 64, |x, y| {
        let (dx, dy) = (x as i32 - 32, y as i32 - 32);
        if dx * dx + dy * dy < 30 * 30 {
            image::Rgba([200, 20, 20, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The cards in the cache: file name → (modified, bytes).
fn cached(site: &Site) -> BTreeMap<String, (SystemTime, Vec<u8>)> {
    std::fs::read_dir(site.path(".warta-cache/cards"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let modified = e.metadata().unwrap().modified().unwrap();
            let bytes = std::fs::read(e.path()).unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                (modified, bytes),
            )
        })
        .collect()
}

#[test]
fn a_rebuild_takes_the_cards_from_the_cache_and_makes_only_a_changed_title_again() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let first = cached(&site);
    let published: BTreeSet<String> = shared_images(&site).into_values().collect();
    assert_eq!(
        first.len(),
        published.len(),
        "one cached card per card published"
    );
    std::thread::sleep(std::time::Duration::from_millis(20));

    site.build_ok();
    assert_eq!(cached(&site), first, "a card was made again");
    for card in &published {
        let name = card.trim_start_matches("kartu/");
        assert_eq!(
            std::fs::read(site.path(&format!("public/{card}"))).unwrap(),
            first[name].1,
            "{card}"
        );
    }

    site.edit(
        "content/berita/2025-07-01-musim-tanam.md",
        "Musim Tanam Dimulai",
        "Musim Tanam Kedua Dimulai",
    );
    site.build_ok();
    let second = cached(&site);
    let new: Vec<&String> = second.keys().filter(|k| !first.contains_key(*k)).collect();
    assert_eq!(new.len(), 1, "{new:?}");
    for (name, entry) in &first {
        assert_eq!(&second[name], entry, "{name} was made again");
    }
    let images = shared_images(&site);
    assert_eq!(
        images["berita/musim-tanam/index.html"],
        format!("kartu/{}", new[0])
    );
}
