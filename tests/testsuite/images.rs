//! Photos from phones (issue 7): what a writer drops in, what readers get.

use crate::support::Site;

/// An EXIF block (APP1 payload) as a phone writes it: orientation and a
/// GPS position, with a map datum naming the house so a leak is easy to
/// find in the output.
fn phone_exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: two entries, orientation and the GPS IFD's offset (38).
    t.extend_from_slice(&[0, 2]);
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    assert_eq!(t.len(), 38);
    // GPS IFD: latitude ref, latitude (3 rationals at 92), map datum (at 116).
    t.extend_from_slice(&[0, 3]);
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0]);
    t.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 80]);
    t.extend_from_slice(&[0, 0x12, 0, 2, 0, 0, 0, 18, 0, 0, 0, 104]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    assert_eq!(t.len(), 80);
    for (n, d) in [(7u32, 1u32), (57, 1), (1234, 100)] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    t.extend_from_slice(b"RUMAH-SITI-AMINAH\0");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    app1
}

/// A phone's photo, `w` × `h` as stored, to be turned 90° clockwise
/// (EXIF orientation 6): the top eighth is red, the rest blue, so the
/// turn shows (red ends up on the right).
pub fn phone_jpeg(w: u16, h: u16) -> Vec<u8> {
    let (wu, hu) = (usize::from(w), usize::from(h));
    let mut px = Vec::with_capacity(wu * hu * 3);
    for y in 0..hu {
        let row: [u8; 3] = if y < hu / 8 {
            [220, 30, 30]
        } else {
            [30, 60, 200]
        };
        for x in 0..wu {
            // Some texture, as in a real photo.
            let n = ((x * 7 + y * 13) % 17) as u8;
            px.extend_from_slice(&[
                row[0].saturating_add(n),
                row[1] + n,
                row[2].saturating_sub(n),
            ]);
        }
    }
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 92);
    enc.add_app_segment(1, phone_exif(6)).unwrap();
    enc.encode(&px, w, h, jpeg_encoder::ColorType::Rgb).unwrap();
    out
}

const POST: &str = "+++
title = \"Kerja Bakti di Rumah Warga\"
date = 2025-08-20T08:00:00+07:00
category = \"berita-desa\"
image = \"foto.jpg\"
image_alt = \"Warga bekerja bakti\"
+++

Warga bergotong royong.

![Saluran yang sudah bersih](foto-kedua.jpg)
";

fn has(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_phone_photo_comes_out_upright_light_and_without_its_location() {
    let site = Site::fixture("minimal");
    let photo = phone_jpeg(4000, 3000);
    assert!(has(&photo, b"RUMAH-SITI-AMINAH"));
    // One photo, shown twice: as the main photo and in the text.
    site.write(
        "content/berita/2025-08-19-rumah-warga/index.md",
        POST.replace("foto-kedua.jpg", "foto.jpg"),
    );
    site.write("content/berita/2025-08-19-rumah-warga/foto.jpg", &photo);
    site.build_ok();

    let dir = "berita/rumah-warga/";
    let files = site.output_files();
    let published: Vec<&String> = files.iter().filter(|f| f.starts_with(dir)).collect();
    for w in [480, 960, 1600] {
        for ext in ["webp", "jpg"] {
            let f = format!("{dir}foto-{w}w.{ext}");
            assert!(files.contains(&f), "{f} missing: {published:?}");
        }
    }
    assert!(files.contains(&format!("{dir}foto-og.jpg")));
    assert!(
        !files.contains(&format!("{dir}foto.jpg")),
        "the original is published"
    );

    // Upright: stored 4000 × 3000 and turned, so portrait; red on the right.
    for (w, h) in [(480, 640), (960, 1280), (1600, 2133)] {
        for ext in ["webp", "jpg"] {
            let img = image::open(site.path(&format!("public/{dir}foto-{w}w.{ext}"))).unwrap();
            assert_eq!((img.width(), img.height()), (w, h), "{w} {ext}");
        }
    }
    let small = image::open(site.path(&format!("public/{dir}foto-480w.jpg")))
        .unwrap()
        .to_rgb8();
    let right = small.get_pixel(470, 320).0;
    let left = small.get_pixel(10, 320).0;
    assert!(
        right[0] > 150 && right[2] < 100,
        "right edge not red: {right:?}"
    );
    assert!(
        left[2] > 150 && left[0] < 100,
        "left edge not blue: {left:?}"
    );
    let og = std::fs::read(site.path(&format!("public/{dir}foto-og.jpg"))).unwrap();
    assert!(og.len() <= 300_000, "sharing image {} bytes", og.len());
    let og = image::load_from_memory(&og).unwrap();
    assert_eq!((og.width(), og.height()), (1200, 1600));

    // No metadata in anything published: no EXIF block, no GPS, no name.
    for f in site.output_files() {
        let bytes = std::fs::read(site.path(&format!("public/{f}"))).unwrap();
        for leak in [&b"RUMAH-SITI"[..], b"Exif\0\0", b"EXIF"] {
            assert!(
                !has(&bytes, leak),
                "{f} holds {:?}",
                String::from_utf8_lossy(leak)
            );
        }
    }

    // The page: <picture> with both formats, sizes, width and height;
    // the main photo loads first, the one in the text when scrolled to.
    let page = site.read(&format!("public/{dir}index.html"));
    let pictures: Vec<&str> = page.split("<picture>").skip(1).collect();
    assert_eq!(pictures.len(), 2, "{page}");
    for p in &pictures {
        assert!(p.contains("type=\"image/webp\""), "{p}");
        assert!(
            p.contains("foto") && p.contains("-480w.webp 480w") && p.contains("-1600w.webp 1600w"),
            "{p}"
        );
        assert!(p.contains("-960w.jpg 960w"), "{p}");
        assert!(p.contains("width=\"1600\" height=\"2133\""), "{p}");
        assert!(p.contains(" sizes=\""), "{p}");
    }
    assert!(
        pictures[0].contains("fetchpriority=\"high\"") && !pictures[0].contains("loading=\"lazy\"")
    );
    assert!(
        pictures[1].contains("loading=\"lazy\"")
            && pictures[1].contains("alt=\"Saluran yang sudah bersih\"")
    );
    assert!(page.contains(&format!(
        "<meta property=\"og:image\" content=\"https://kim-uji.example.org/{dir}foto-og.jpg\">\n\
         <meta property=\"og:image:width\" content=\"1200\">\n\
         <meta property=\"og:image:height\" content=\"1600\">"
    )));
}

/// A build with the cache warm does no image work, and `--base-url`
/// with a sub-path reaches every image URL.
#[test]
fn a_second_build_takes_photos_from_the_cache_and_sub_paths_reach_them() {
    let site = Site::fixture("minimal");
    site.write("content/berita/2025-08-19-rumah-warga/index.md", POST);
    site.write(
        "content/berita/2025-08-19-rumah-warga/foto.jpg",
        phone_jpeg(1200, 900),
    );
    site.write(
        "content/berita/2025-08-19-rumah-warga/foto-kedua.jpg",
        phone_jpeg(800, 600),
    );
    site.build_ok();
    let entries = |site: &Site| {
        let mut v: Vec<_> = std::fs::read_dir(site.path(".warta-cache/images"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let before = entries(&site);
    assert_eq!(before.len(), 2);
    let r = site.run(&["build", "--base-url", "https://x.github.io/sukamaju/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(entries(&site), before, "the cache was written again");
    let page = site.read("public/berita/rumah-warga/index.html");
    assert!(
        page.contains("srcset=\"/sukamaju/berita/rumah-warga/foto-480w.webp 480w"),
        "{page}"
    );
    assert!(
        page.contains("src=\"/sukamaju/berita/rumah-warga/foto-900w.jpg\""),
        "{page}"
    );
    assert!(!page.contains("src=\"/berita/"), "{page}");
}

/// Each bad file is refused with a message naming it and the post that
/// uses it, or processed correctly; never a panic, never half an output.
#[test]
fn bad_photos_are_refused_by_name_or_processed_never_a_panic() {
    let site = Site::fixture("minimal");
    site.write("content/berita/2025-08-19-rumah-warga/index.md", POST);
    let good = phone_jpeg(64, 48);
    site.write(
        "content/berita/2025-08-19-rumah-warga/foto-kedua.jpg",
        &good,
    );
    site.write("content/berita/2025-08-19-rumah-warga/foto.jpg", &good);
    site.build_ok();
    let home = site.read("public/index.html");

    let truncated = phone_jpeg(640, 480);
    let mut bomb = phone_jpeg(16, 16);
    // The frame header's height and width, claimed 20000 × 20000.
    let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bomb[sof + 5..sof + 9].copy_from_slice(&[0x4E, 0x20, 0x4E, 0x20]);
    let png = |img: image::DynamicImage| {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let cmyk = {
        let mut out = Vec::new();
        let px: Vec<u8> = (0..32 * 24)
            .flat_map(|i| [0, 200, 200, (i % 50) as u8])
            .collect();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(&px, 32, 24, jpeg_encoder::ColorType::Cmyk)
            .unwrap();
        out
    };
    let deep = png(image::DynamicImage::ImageRgba16(
        image::ImageBuffer::from_fn(40, 30, |x, _| {
            image::Rgba([65535, 1000, 0, (x * 1600) as u16])
        }),
    ));
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("zero bytes", Vec::new(), false),
        (
            "text named .jpg",
            b"Ini catatan, bukan foto.\n".to_vec(),
            false,
        ),
        ("decompression bomb", bomb, false),
        (
            "truncated JPEG",
            truncated[..truncated.len() / 3].to_vec(),
            true,
        ),
        (
            "PNG named .jpg",
            png(image::DynamicImage::new_rgb8(30, 20)),
            true,
        ),
        ("CMYK JPEG", cmyk, true),
        ("16-bit PNG with alpha", deep, true),
    ];
    for (what, bytes, may_work) in cases {
        site.write("content/berita/2025-08-19-rumah-warga/foto.jpg", &bytes);
        for cmd in ["build", "check"] {
            let r = site.run(&[cmd]);
            let out = r.output(&site);
            assert!(!out.contains("panicked"), "{what}: {out}");
            match r.code {
                0 if may_work => {}
                1 => {
                    assert!(
                        out.contains("content/berita/2025-08-19-rumah-warga/foto.jpg")
                            && out.contains("content/berita/2025-08-19-rumah-warga/index.md"),
                        "{what}: the message names neither the photo nor the post:\n{out}"
                    );
                }
                code => panic!("{what}: `{cmd}` exited {code}:\n{out}"),
            }
            if r.code == 1 {
                assert_eq!(
                    site.read("public/index.html"),
                    home,
                    "{what}: output changed"
                );
            }
        }
        let leftovers: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("staging"))
            .collect();
        assert!(leftovers.is_empty(), "{what}: staging left behind");
    }
}

/// Transparency survives in WebP and PNG; a 16-bit PNG with alpha comes
/// out as an 8-bit PNG fallback with its alpha.
#[test]
fn transparent_png_keeps_its_alpha_and_gets_a_png_fallback() {
    let site = Site::fixture("minimal");
    site.write(
        "content/berita/2025-08-19-rumah-warga/index.md",
        POST.replace("foto.jpg", "logo.png"),
    );
    site.write(
        "content/berita/2025-08-19-rumah-warga/foto-kedua.jpg",
        phone_jpeg(64, 48),
    );
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba16(image::ImageBuffer::from_fn(40, 30, |x, _| {
        image::Rgba([65535, 1000, 0, (x * 1600) as u16])
    }))
    .write_to(&mut out, image::ImageFormat::Png)
    .unwrap();
    site.write(
        "content/berita/2025-08-19-rumah-warga/logo.png",
        out.into_inner(),
    );
    site.build_ok();
    let png = image::open(site.path("public/berita/rumah-warga/logo-40w.png")).unwrap();
    assert!(png.color().has_alpha());
    let webp = image::open(site.path("public/berita/rumah-warga/logo-40w.webp")).unwrap();
    assert!(webp.color().has_alpha());
    assert!(webp.to_rgba8().get_pixel(0, 0).0[3] < 10);
}

#[test]
fn image_settings_that_cannot_work_are_refused_with_their_line() {
    let site = Site::fixture("minimal");
    let toml = site.read("warta.toml");
    site.write(
        "warta.toml",
        format!("{toml}\n[images]\nwidths = [480, 100000]\nquality = 0\n"),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = toml.lines().count() + 3;
    assert!(
        r.stderr.contains(&format!("warta.toml:{line}:1")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("widths = [480, 100000]"), "{}", r.stderr);
    assert!(r.stderr.contains("quality = 0"), "{}", r.stderr);
}
