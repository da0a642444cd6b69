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

// Formats warta does not process, found by their bytes.

/// The first bytes of a file in each camera format, as phones and
/// cameras write them.
fn camera_file(format: &str) -> Vec<u8> {
    let ftyp = |brands: &[u8]| {
        let mut b = u32::try_from(8 + brands.len())
            .unwrap()
            .to_be_bytes()
            .to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(brands);
        b
    };
    let mut head = match format {
        "HEIC" => ftyp(b"heic\0\0\0\0mif1heic"),
        "HEIF" => ftyp(b"mif1\0\0\0\0mif1"),
        "AVIF" => ftyp(b"avif\0\0\0\0avifmif1miaf"),
        "CR3" => ftyp(b"crx \0\0\0\x01crx isom"),
        "CR2" => b"II*\0\x10\0\0\0CR\x02\0".to_vec(),
        "TIFF/RAW" => b"II*\0\x08\0\0\0".to_vec(),
        "ORF" => b"IIRO\x08\0\0\0".to_vec(),
        "RW2" => b"IIU\0\x18\0\0\0".to_vec(),
        "RAF" => b"FUJIFILMCCD-RAW 0201FF383501".to_vec(),
        "JPEG XL" => b"\0\0\0\x0cJXL \r\n\x87\n".to_vec(),
        other => panic!("{other}"),
    };
    head.extend_from_slice(b"....GPS 7.57S 112.35E....");
    head
}

#[test]
fn camera_formats_are_refused_with_how_to_save_as_jpeg() {
    for (name, format) in [
        ("media/IMG_0001.HEIC", "HEIC"),
        ("media/foto.heif", "HEIF"),
        ("media/foto.avif", "AVIF"),
        ("media/kamera/IMG_0002.CR3", "CR3"),
        ("media/kamera/IMG_0003.CR2", "CR2"),
        ("media/kamera/DSC_0004.NEF", "TIFF/RAW"),
        ("media/kamera/PXL_0005.dng", "TIFF/RAW"),
        ("media/kamera/scan.tiff", "TIFF/RAW"),
        ("media/kamera/P0006.ORF", "ORF"),
        ("media/kamera/P0007.RW2", "RW2"),
        ("media/kamera/DSCF0008.RAF", "RAF"),
        ("media/foto.jxl", "JPEG XL"),
        // The name says JPEG; the bytes say HEIC (a copy from an iPhone).
        ("content/berita/foto-iphone.jpg", "HEIC"),
        ("content/berita/2025-08-19-rapat/IMG_0009.heic", "HEIC"),
        // No extension at all.
        ("media/IMG_0010", "HEIC"),
    ] {
        let out = refused(
            |s| {
                if name.contains("rapat/") {
                    s.write(
                        "content/berita/2025-08-19-rapat/index.md",
                        "+++\ntitle = \"Rapat\"\ndate = 2025-08-19\ncategory = \"berita-desa\"\n+++\n\nRapat.\n",
                    );
                }
                s.write(name, camera_file(format));
            },
            &[
                &format!("--> {name}"),
                &format!("berformat {format}"),
                "Paling Kompatibel",
                "Simpan Sebagai JPEG",
            ],
        );
        assert_eq!(out.matches("kesalahan: ").count(), 1, "{out}");
    }
}

#[test]
fn a_camera_format_used_by_a_post_is_refused_once() {
    let out = refused(
        |s| {
            s.write("content/berita/foto.jpg", camera_file("HEIC"));
            front(s, "image = \"foto.jpg\"\nimage_alt = \"Foto\"");
        },
        &["--> content/berita/foto.jpg", "berformat HEIC"],
    );
    assert_eq!(out.matches("kesalahan: ").count(), 1, "{out}");
}

#[test]
fn a_photo_under_a_name_that_is_not_a_photos_is_refused() {
    let jpeg = crate::images::phone_jpeg(16, 16);
    for (name, kind) in [
        ("media/IMG_20250826_0930", "jpeg"),
        ("media/foto.jfif", "jpeg"),
        ("media/foto.jpg.asli", "jpeg"),
        ("content/berita/foto.txt", "jpeg"),
        ("media/logo.png.lama", "png"),
        ("media/stiker.webp.old", "webp"),
    ] {
        let bytes = match kind {
            "jpeg" => jpeg.clone(),
            "png" => tiny_png(),
            _ => tiny_webp(),
        };
        refused(
            |s| s.write(name, &bytes),
            &[
                &format!("--> {name}"),
                &format!("berisi foto {kind}"),
                &format!("berakhiran .{kind}"),
            ],
        );
    }
}

#[test]
fn files_without_camera_metadata_are_published_as_they_are() {
    let site = Site::fixture("minimal");
    let files: [(&str, &[u8]); 5] = [
        ("media/animasi.gif", b"GIF89a\x01\0\x01\0\0\0\0;"),
        (
            "media/peta.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("media/laporan.pdf", b"%PDF-1.4\n%%EOF"),
        ("media/video.mp4", b"\0\0\0\x18ftypmp42\0\0\0\0isommp42"),
        ("media/gambar.bmp", b"BM\x1e\0\0\0\0\0\0\0\x1a\0\0\0"),
    ];
    for (name, bytes) in files {
        site.write(name, bytes);
    }
    warned(&site, &["build", "--strict"], 0, &[]);
    let out = public_bytes(&site);
    for (name, bytes) in files {
        assert_eq!(out.get(name).map(Vec::as_slice), Some(bytes), "{name}");
    }
}

// Originals published on purpose (`original = true`).

const ALBUM: &str = "media/galeri/posyandu/";

fn album(site: &Site, photos: &[(&str, Vec<u8>)]) {
    site.write(
        &format!("{ALBUM}album.toml"),
        "title = \"Posyandu\"\noriginal = true\n",
    );
    for (name, bytes) in photos {
        site.write(&format!("{ALBUM}{name}"), bytes);
    }
}

fn has(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// An APP1 EXIF segment with a GPS marker text.
fn exif_segment(marker: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
    payload.extend_from_slice(marker);
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    seg.extend(payload);
    seg
}

/// A phone's photo with a hidden second image (MPF) and a motion photo's
/// video after its end, each with its own GPS position.
fn motion_photo() -> Vec<u8> {
    let main = crate::images::phone_jpeg(64, 48);
    let mut mpf = vec![0xFF, 0xE2, 0, 22];
    mpf.extend_from_slice(b"MPF\0MM\0*GPS-MPF-IFD!");
    let mut file = main[..2].to_vec();
    file.extend(mpf);
    file.extend_from_slice(&main[2..]);
    let second = crate::images::phone_jpeg(16, 12);
    file.extend_from_slice(&second[..2]);
    file.extend(exif_segment(b"GPS-DI-EKOR-7.5712S"));
    file.extend_from_slice(&second[2..]);
    file.extend_from_slice(b"\0\0\0\x18ftypmp42 video GPS-VIDEO-112.35E");
    file
}

#[test]
fn a_published_original_holds_no_gps_from_its_trailer() {
    let site = Site::fixture("minimal");
    let photo = motion_photo();
    for leak in [
        &b"RUMAH-SITI-AMINAH"[..],
        b"GPS-MPF",
        b"GPS-DI-EKOR",
        b"GPS-VIDEO",
    ] {
        assert!(has(&photo, leak));
    }
    album(&site, &[("timbang.jpg", photo)]);
    warned(&site, &["build", "--strict"], 0, &[]);
    let out = public_bytes(&site);
    let original = out
        .get(&format!("{ALBUM}timbang.jpg"))
        .expect("the original is published");
    assert!(original.ends_with(&[0xFF, 0xD9]));
    assert!(image::load_from_memory(original).is_ok());
    for (name, bytes) in &out {
        for leak in [
            &b"RUMAH-SITI-AMINAH"[..],
            b"GPS-MPF",
            b"GPS-DI-EKOR",
            b"GPS-VIDEO",
            b"MPF\0",
        ] {
            assert!(
                !has(bytes, leak),
                "{name} holds {:?}",
                String::from_utf8_lossy(leak)
            );
        }
    }
    let page = site.read("public/galeri/posyandu/index.html");
    assert!(
        page.contains(&format!("href=\"/{ALBUM}timbang.jpg\" download")),
        "{page}"
    );
}

#[test]
fn a_webp_original_is_published_without_its_metadata() {
    let site = Site::fixture("minimal");
    let mut webp = tiny_webp();
    // Into an extended WebP: VP8X (EXIF and XMP flags), then metadata.
    let picture = webp.split_off(12);
    let mut body = b"WEBP".to_vec();
    body.extend_from_slice(b"VP8X\x0a\0\0\0\x0c\0\0\0\x01\0\0\x01\0\0");
    body.extend(picture);
    body.extend_from_slice(b"EXIF\x10\0\0\0MM\0*\0\0\0\x08GPS-WEBP");
    body.extend_from_slice(b"XMP \x08\0\0\0GPS-XMP!");
    let mut file = b"RIFF".to_vec();
    file.extend_from_slice(&u32::try_from(body.len()).unwrap().to_le_bytes());
    file.extend(body);
    assert!(image::load_from_memory(&file).is_ok());
    album(&site, &[("stiker.webp", file)]);
    warned(&site, &["build", "--strict"], 0, &[]);
    let out = public_bytes(&site);
    let original = out
        .get(&format!("{ALBUM}stiker.webp"))
        .expect("the WebP original is published, not a broken link");
    assert!(image::load_from_memory(original).is_ok());
    for (name, bytes) in &out {
        assert!(
            !has(bytes, b"GPS-WEBP") && !has(bytes, b"GPS-XMP!"),
            "{name}"
        );
    }
    let page = site.read("public/galeri/posyandu/index.html");
    assert!(page.contains(&format!("href=\"/{ALBUM}stiker.webp\" download")));
}

/// A 2 × 2 lossless WebP.
fn tiny_webp() -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbaImage::from_pixel(2, 2, image::Rgba([200, 10, 10, 255]))
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::WebP,
        )
        .unwrap();
    out
}

#[test]
fn an_original_that_cannot_be_cleaned_is_refused_not_a_broken_link() {
    let jpeg = crate::images::phone_jpeg(64, 48);
    // Cut before its end: the decoder fills in, the cleaner cannot follow.
    let cut = jpeg[..jpeg.len() - 40].to_vec();
    let site = Site::fixture("minimal");
    refused_with(
        &site,
        &["build"],
        |s| album(s, &[("rusak.jpg", cut)]),
        &[&format!("{ALBUM}rusak.jpg")],
    );
}

// Template errors name the file the writer edits, the line and the page.

/// The built-in `page.html`, as `templates/page.html`, with `line`
/// inserted right after `{% block main %}` (so inside it, wherever the
/// theme's blocks above it end); returns the inserted line's number.
fn page_template(s: &Site, line: &str) -> usize {
    let src =
        std::fs::read_to_string(crate::support::repo().join("themes/desa/templates/page.html"))
            .unwrap();
    let mut lines: Vec<&str> = src.lines().collect();
    let at = 1 + lines
        .iter()
        .position(|l| l.starts_with("{% block main %}"))
        .expect("page.html has a main block");
    lines.insert(at, line);
    s.write("templates/page.html", lines.join("\n"));
    at + 1
}

/// The number [`page_template`] gives its inserted line.
fn inserted_line() -> usize {
    page_template(&Site::fixture("minimal"), "")
}

#[test]
fn a_rendering_error_names_the_template_line_and_the_page() {
    let n = inserted_line();
    let out = refused(
        |s| _ = page_template(s, "{{ page.tidak_ada.x }}"),
        &[
            format!("--> templates/page.html:{n}:9").as_str(),
            format!("{n} | {{{{ page.tidak_ada.x }}}}").as_str(),
            "tidak_ada",
            "saat: membuat halaman `/profil/sejarah/` dari `content/profil/sejarah.md`",
        ],
    );
    assert!(!out.contains("site/page.html"), "{out}");
    assert_eq!(out.matches("kesalahan: ").count(), 1, "said once: {out}");
}

#[test]
fn a_missing_include_names_the_template_line() {
    let n = inserted_line();
    let out = refused(
        |s| _ = page_template(s, "{% include \"tidak-ada.html\" %}"),
        &[
            "Templat `tidak-ada.html` tidak ada.",
            format!("--> templates/page.html:{n}:12").as_str(),
            "^^^^^^^^^^^^^^^^",
        ],
    );
    assert!(!out.contains("site/"), "{out}");
}

#[test]
fn an_include_cycle_has_a_position() {
    let out = refused(
        |s| {
            _ = page_template(s, "{% include \"a.html\" %}");
            s.write("templates/a.html", "<p>a</p>\n{% include \"b.html\" %}\n");
            s.write("templates/b.html", "<p>b</p>\n{% include \"a.html\" %}\n");
        },
        &[
            "tanpa akhir (include)",
            "templates/a.html → templates/b.html",
        ],
    );
    assert!(
        out.contains("--> templates/b.html:2:12") || out.contains("--> templates/a.html:2:12"),
        "{out}"
    );
    assert!(!out.contains("site/"), "{out}");
}

#[test]
fn a_missing_parent_template_has_a_position() {
    let out = refused(
        |s| s.write("templates/page.html", "{% extends \"dasar.html\" %}\n"),
        &["dasar.html", "--> templates/page.html:1:12"],
    );
    assert!(!out.contains("site/"), "{out}");
}

#[test]
fn a_syntax_error_in_a_template_names_the_users_file() {
    let n = inserted_line();
    let out = refused(
        |s| _ = page_template(s, "{% if %}"),
        &[
            format!("--> templates/page.html:{n}:7").as_str(),
            format!("{n} | {{% if %}}").as_str(),
        ],
    );
    assert!(!out.contains("site/page.html"), "{out}");
}

// Quoted lines: cut around the column, no control characters.

#[test]
fn a_five_megabyte_line_gives_a_short_message() {
    let long = "a".repeat(5_000_000);
    let out = refused(
        |s| {
            s.edit(
                POST,
                PLACE,
                &format!("{PLACE}\nsummary_x = \"{long}\" salah"),
            );
        },
        &[POST],
    );
    assert!(out.len() < 20_000, "{} bytes", out.len());
}

#[test]
fn escape_bytes_from_a_file_never_reach_the_terminal() {
    for evil in [
        "\u{1b}[2J\u{1b}[H",
        "\u{1b}]0;judul\u{7}",
        "\u{9b}31m",
        "a\rb",
        "\u{202e}gpj.exe",
    ] {
        let out = refused(
            |s| s.edit(POST, PLACE, &format!("{PLACE}\njudul = \"{evil}\"")),
            &[&format!("{POST}:9")],
        );
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{202e}'),
            "{out:?}"
        );
    }
}

#[test]
fn a_template_chosen_by_a_post_that_does_not_exist_is_shown_at_its_line() {
    refused(
        |s| front(s, "template = \"khusus.html\""),
        &[
            "Templat `khusus.html` (dari `template`) tidak ada.",
            &format!("--> {POST}:9:12"),
            "page.html, post.html",
            "saat: membuat halaman `/berita/posyandu-krajan/`",
        ],
    );
}
