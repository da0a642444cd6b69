//! A site as a Windows laptop leaves it: every text file saved with CRLF
//! line ends and a byte-order mark (as Notepad does), folders and files
//! named with spaces and Indonesian or other Unicode letters. It builds to
//! the same files, byte for byte, as the same site saved with LF line
//! ends, and every link to those files is `/`-separated and
//! percent-encoded, never with a `\`. (The path→URL function itself is
//! unit-tested with Windows-style paths in `src/fsx.rs`; the release
//! workflow runs this suite on Windows too.)

use std::collections::BTreeMap;

use crate::images::phone_jpeg;
use crate::support::Site;

const BUNDLE: &str = "content/berita/2025-08-30-Kerja Bakti Dusun Krajan é";
const ALBUM: &str = "media/galeri/Panen Padi 2025 é";

/// The minimal fixture plus a bundle, a gallery album, a document in
/// `media/` and a file in `static/`, all with spaces and non-ASCII letters
/// in their names. The post fills the fixture's one empty category, whose
/// feeds would carry the build's own time and so differ between builds.
fn site_with_spaced_unicode_names() -> Site {
    let site = Site::fixture("minimal");
    site.write(
        &format!("{BUNDLE}/index.md"),
        "+++\n\
         title = \"Kerja Bakti Dusun Krajan\"\n\
         date = 2025-08-30\n\
         category = \"pengumuman\"\n\
         image = \"foto desa.jpg\"\n\
         image_alt = \"Warga membersihkan saluran\"\n\
         +++\n\
         \n\
         Warga bergotong royong.\n\
         \n\
         ![Saluran bersih](<foto desa.jpg>)\n\
         \n\
         [Formulir KTP](</media/Dokumen Desa/Formulir KTP ñ.pdf>) dan\n\
         [jadwal](</unduhan/Jadwal Posyandu 村.txt>).\n",
    );
    site.write(&format!("{BUNDLE}/foto desa.jpg"), phone_jpeg(640, 480));
    site.write(
        &format!("{ALBUM}/album.toml"),
        "title = \"Panen Padi 2025\"\noriginal = true\n\n[[photos]]\nfile = \"sawah petak 1.jpg\"\ncaption = \"Panen di petak Pak Darto\"\nalt = \"Petani memanen padi\"\n",
    );
    site.write(&format!("{ALBUM}/sawah petak 1.jpg"), phone_jpeg(640, 480));
    site.write("media/Dokumen Desa/Formulir KTP ñ.pdf", "%PDF-1.4\n");
    site.write("static/unduhan/Jadwal Posyandu 村.txt", "Selasa\n");
    site
}

/// Every file of the built site by its path below `public/`.
fn built(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.build_ok();
    let public = site.path("public");
    site.output_files()
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(public.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Every value of `attr="…"` in `html`.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let open = format!(" {attr}=\"");
    html.match_indices(&open)
        .filter_map(|(at, _)| {
            let rest = &html[at + open.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn a_site_saved_on_windows_builds_the_same_site_with_slash_urls() {
    let unix = site_with_spaced_unicode_names();
    let windows = site_with_spaced_unicode_names();
    let mut converted = 0;
    for entry in walkdir::WalkDir::new(windows.root()) {
        let path = entry.unwrap().into_path();
        let name = path.to_string_lossy();
        if name.ends_with(".md") || name.ends_with(".toml") {
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace('\n', "\r\n");
            std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
            converted += 1;
        }
    }
    assert!(converted >= 7, "{converted} text files converted");

    let lf = built(&unix);
    let crlf = built(&windows);
    assert_eq!(
        lf.keys().collect::<Vec<_>>(),
        crlf.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (rel, bytes) in &lf {
        assert!(crlf[rel] == *bytes, "{rel} differs between LF and CRLF");
    }

    for file in [
        "media/Dokumen Desa/Formulir KTP ñ.pdf",
        "unduhan/Jadwal Posyandu 村.txt",
        "berita/kerja-bakti-dusun-krajan-e/index.html",
    ] {
        assert!(crlf.contains_key(file), "{file} not published");
    }
    assert!(
        crlf.keys().any(
            |f| f.starts_with("berita/kerja-bakti-dusun-krajan-e/foto desa-")
                && f.ends_with(".webp")
        ),
        "the bundle's photo is published beside its post: {:?}",
        crlf.keys().collect::<Vec<_>>()
    );

    let album = crlf
        .keys()
        .find(|f| {
            f.starts_with("galeri/") && f.ends_with("/index.html") && f != &"galeri/index.html"
        })
        .unwrap_or_else(|| panic!("no album page: {:?}", crlf.keys().collect::<Vec<_>>()));
    let album = String::from_utf8(crlf[album].clone()).unwrap();
    let original = "/media/galeri/Panen%20Padi%202025%20%C3%A9/sawah%20petak%201.jpg";
    assert!(
        attr_values(&album, "href").contains(&original),
        "the album links its original at {original}: {:?}",
        attr_values(&album, "href")
    );
    assert!(
        crlf.contains_key("media/galeri/Panen Padi 2025 é/sawah petak 1.jpg"),
        "the original is published under its own name"
    );

    let post =
        String::from_utf8(crlf["berita/kerja-bakti-dusun-krajan-e/index.html"].clone()).unwrap();
    let hrefs = attr_values(&post, "href");
    for link in [
        "/media/Dokumen%20Desa/Formulir%20KTP%20%C3%B1.pdf",
        "/unduhan/Jadwal%20Posyandu%20%E6%9D%91.txt",
    ] {
        assert!(hrefs.contains(&link), "{link} not in {hrefs:?}");
    }
    let photos: Vec<&str> = attr_values(&post, "srcset")
        .into_iter()
        .chain(attr_values(&post, "src"))
        .filter(|v| v.contains("foto"))
        .collect();
    assert!(
        photos
            .iter()
            .any(|v| v.contains("/berita/kerja-bakti-dusun-krajan-e/foto%20desa-")),
        "{photos:?}"
    );
    for (rel, bytes) in &crlf {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        for attr in ["href", "src", "srcset", "content"] {
            for value in attr_values(text, attr) {
                assert!(!value.contains('\\'), "{rel}: {attr}=\"{value}\"");
            }
        }
    }
}
