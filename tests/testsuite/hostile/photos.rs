//! Hostile input: see the list in `mod.rs`. Photos (formats, originals,
//! privacy), warnings and `--strict`, and where messages point.

use super::{public_bytes, refused, refused_with};
use crate::support::Site;

const POST: &str = "content/berita/2025-08-26-posyandu-krajan.md";
const PLACE: &str = "place = \"Balai Dusun Krajan\"";

/// Adds front-matter lines to the fixture's post, after `place`.
fn front(s: &Site, lines: &str) {
    s.edit(POST, PLACE, &format!("{PLACE}\n{lines}"));
}

/// Builds `site`, expecting success with exactly `count` warnings, each
/// `expected` text in the output, and the count in the last line.
fn warned(site: &Site, args: &[&str], count: usize, expected: &[&str]) -> String {
    let r = site.run(args);
    let out = r.output(site);
    assert_eq!(r.code, 0, "{out}");
    for e in expected {
        assert!(out.contains(e), "expected {e:?} in:\n{out}");
    }
    let last = r.stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(&format!("; {count} peringatan.")), "{out}");
    assert_eq!(r.stderr.matches("peringatan: ").count(), count, "{out}");
    out
}

// Warnings on a successful build.

#[test]
fn a_missing_photo_is_a_warning_at_its_line() {
    let site = Site::fixture("minimal");
    front(
        &site,
        "image = \"foto-hilang.jpg\"\nimage_alt = \"Posyandu\"",
    );
    warned(
        &site,
        &["build"],
        1,
        &[
            "Foto `berita/foto-hilang.jpg`",
            "tidak ada",
            &format!("--> {POST}:9:10"),
        ],
    );
}

#[test]
fn a_missing_photo_in_the_body_is_a_warning_at_its_line() {
    let site = Site::fixture("minimal");
    site.edit(
        POST,
        "## Hasil penimbangan",
        "![Timbangan](/media/tidak-ada.jpg)\n\n## Hasil penimbangan",
    );
    warned(
        &site,
        &["build"],
        1,
        &["media/tidak-ada.jpg", &format!("--> {POST}:13:21")],
    );
}

#[test]
fn a_missing_photo_of_the_profile_is_a_warning_at_its_line() {
    let site = Site::fixture("minimal");
    site.edit(
        "profile.toml",
        "kind = \"desa\"",
        "kind = \"desa\"\nlogo = \"/media/logo-hilang.png\"",
    );
    warned(
        &site,
        &["build"],
        1,
        &["media/logo-hilang.png", "--> profile.toml:6:16"],
    );
}

#[test]
fn an_empty_image_alt_is_a_warning_at_the_image_line() {
    let site = Site::fixture("minimal");
    site.write("content/berita/foto.png", tiny_png());
    front(&site, "image = \"foto.png\"\nimage_alt = \"  \"");
    warned(
        &site,
        &["build"],
        1,
        &["teks alternatif", &format!("--> {POST}:9:9")],
    );
    // And without `image_alt` at all.
    site.edit(POST, "image_alt = \"  \"\n", "");
    warned(&site, &["build"], 1, &["`image_alt` kosong"]);
}

#[test]
fn check_shows_warnings_too() {
    let site = Site::fixture("minimal");
    front(&site, "image = \"foto-hilang.jpg\"");
    let out = warned(&site, &["check"], 2, &["image_alt", "foto-hilang.jpg"]);
    assert!(out.contains("Tidak ada kesalahan"), "{out}");
}

#[test]
fn warnings_speak_english_when_asked() {
    let site = Site::fixture("minimal");
    front(&site, "image = \"foto-hilang.jpg\"\nimage_alt = \"x\"");
    let r = site.run(&["build", "--lang", "en"]);
    let out = r.output(&site);
    assert_eq!(r.code, 0, "{out}");
    assert!(
        out.contains("warning: The photo `berita/foto-hilang.jpg`"),
        "{out}"
    );
    assert!(r.stdout.trim_end().ends_with("; 1 warning(s)."), "{out}");
}

#[test]
fn a_clean_build_counts_no_warnings() {
    let site = Site::fixture("minimal");
    warned(&site, &["build"], 0, &["Selesai:"]);
}

// `--strict` and `[build] strict`.

#[test]
fn strict_turns_a_missing_photo_into_an_error() {
    let site = Site::fixture("minimal");
    refused_with(
        &site,
        &["build", "--strict"],
        |s| front(s, "image = \"foto-hilang.jpg\"\nimage_alt = \"x\""),
        &[
            "kesalahan: Foto `berita/foto-hilang.jpg`",
            "mode ketat",
            &format!("{POST}:9:10"),
            "Situs tidak dibangun",
        ],
    );
}

#[test]
fn strict_in_warta_toml_turns_warnings_into_errors() {
    let site = Site::fixture("minimal");
    refused_with(
        &site,
        &["build"],
        |s| {
            s.edit(
                "warta.toml",
                "posts_per_page = 2",
                "posts_per_page = 2\n\n[build]\nstrict = true",
            );
            front(s, "image = \"foto-hilang.jpg\"");
        },
        &["mode ketat", "image_alt", "foto-hilang.jpg", "2 kesalahan"],
    );
}

#[test]
fn strict_check_fails_on_warnings() {
    let site = Site::fixture("minimal");
    refused_with(
        &site,
        &["check", "--strict"],
        |s| {
            s.edit(
                POST,
                "## Hasil penimbangan",
                "![](/media/x.jpg)\n\n## Hasil penimbangan",
            )
        },
        &["mode ketat", "teks alternatif", "media/x.jpg"],
    );
}

#[test]
fn strict_passes_a_clean_site() {
    let site = Site::fixture("minimal");
    warned(&site, &["build", "--strict"], 0, &[]);
}

// Errors: paths out of the site, static files over generated pages.

#[test]
fn an_image_path_out_of_the_site_is_an_error() {
    for path in [
        "../../../etc/passwd",
        "../../../../../../etc/shadow.jpg",
        "/media/../../rahasia.jpg",
        "..\\\\..\\\\..\\\\win.ini",
        "foto/../../../../x.png?v=1",
    ] {
        refused(
            |s| front(s, &format!("image = \"{path}\"\nimage_alt = \"x\"")),
            &["keluar dari folder situs", &format!("{POST}:9:9")],
        );
    }
}

#[test]
fn a_static_file_over_a_generated_page_is_an_error() {
    for file in [
        "index.html",
        "rss.xml",
        "berita/index.html",
        "sitemap.xml",
        "profil/index.html",
    ] {
        let out = refused(
            |s| s.write(&format!("static/{file}"), "<h1>lama</h1>"),
            &[
                &format!("--> static/{file}"),
                &format!("menggantikan halaman `/{file}`"),
            ],
        );
        assert!(out.contains("templates/"), "{out}");
    }
}

#[test]
fn a_static_file_beside_generated_pages_is_fine() {
    let site = Site::fixture("minimal");
    site.write("static/berita/lampiran.pdf", "%PDF-1.4");
    site.write("static/googleabc.html", "google-site-verification");
    warned(&site, &["build", "--strict"], 0, &[]);
    let files = public_bytes(&site);
    assert!(files.contains_key("googleabc.html") && files.contains_key("berita/lampiran.pdf"));
}

/// A 2 × 2 PNG.
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_pixel(2, 2, image::Rgb([200, 10, 10]))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}
