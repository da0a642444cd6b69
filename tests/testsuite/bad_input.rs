//! Bad input: each is exit code 1, a message naming file:line, no panic,
//! and the previous output untouched.

use crate::support::Site;

const POST: &str = "content/berita/2025-08-26-posyandu-krajan.md";

/// Builds once, breaks the site with `breaks`, builds again, and checks
/// the failure: exit 1, every `expected` text in the output, the previous
/// `public/` byte for byte as it was, and no staging folder left behind.
fn fails(breaks: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::fixture("minimal");
    site.build_ok();
    let before = site.read("public/index.html");
    let files_before = site.output_files();
    breaks(&site);
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "expected exit 1:\n{out}");
    assert!(!out.contains("panicked"), "{out}");
    for e in expected {
        assert!(out.contains(e), "expected {e:?} in:\n{out}");
    }
    assert_eq!(
        site.read("public/index.html"),
        before,
        "previous output changed"
    );
    assert_eq!(site.output_files(), files_before, "previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("warta-staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
    out
}

#[test]
fn malformed_warta_toml() {
    let out = fails(
        |s| s.edit("warta.toml", "posts_per_page = 2", "posts_per_page = = 2"),
        &["warta.toml:5:18", "Penulisan TOML"],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn malformed_profile_toml() {
    fails(
        |s| s.edit("profile.toml", "name = \"Ujicoba\"", "name = \"Ujicoba"),
        &["profile.toml:4:"],
    );
}

#[test]
fn malformed_front_matter_toml() {
    fails(
        |s| s.edit(POST, "author = \"Siti Aminah\"", "author = Siti Aminah"),
        &[&format!("{POST}:6:")],
    );
}

#[test]
fn front_matter_without_closing_fence() {
    fails(
        |s| {
            s.write(
                "content/berita/x.md",
                "+++\ntitle = \"X\"\ndate = 2025-01-01\n\nIsi.\n",
            )
        },
        &["content/berita/x.md:1:1", "tidak pernah ditutup"],
    );
}

#[test]
fn yaml_front_matter_says_how_to_write_toml() {
    let out = fails(
        |s| {
            s.write(
                "content/berita/x.md",
                "---\ntitle: X\ndate: 2025-01-01\n---\n\nIsi.\n",
            )
        },
        &["content/berita/x.md:1:1", "YAML"],
    );
    assert!(out.contains("title = \"Judul\""), "{out}");
}

#[test]
fn unknown_key_suggests_the_valid_one() {
    let out = fails(
        |s| s.edit(POST, "title = ", "judul = "),
        &[
            &format!("{POST}:2:1"),
            "Kunci `judul` tidak dikenal",
            "Ganti `judul` dengan `title`",
        ],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn date_that_is_not_a_date() {
    fails(
        |s| {
            s.edit(
                POST,
                "date = 2025-08-26T09:30:00+07:00",
                "date = \"26 Agustus 2025\"",
            )
        },
        &[&format!("{POST}:3:8"), "tanpa tanda kutip"],
    );
}

#[test]
fn unknown_category_lists_the_declared_ones() {
    let out = fails(
        |s| s.edit(POST, "category = \"kesehatan\"", "category = \"kesehatn\""),
        &[
            &format!("{POST}:4:12"),
            "Kategori `kesehatn` tidak dikenal",
            "`kesehatan`",
            "berita-desa, kesehatan, pengumuman",
        ],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn missing_title() {
    fails(
        |s| s.edit(POST, "title = \"Posyandu Balita Dusun Krajan\"\n", ""),
        &[&format!("{POST}:1:1"), "Judul (`title`) belum ditulis"],
    );
}

#[test]
fn two_posts_with_the_same_url_even_in_other_case() {
    fails(
        |s| {
            s.write(
                "content/berita/Posyandu-Krajan.md",
                "+++\ntitle = \"Lain\"\ndate = 2025-01-01\n+++\n",
            )
        },
        &[
            "/berita/posyandu-krajan/",
            "content/berita/Posyandu-Krajan.md",
            POST,
        ],
    );
}

#[test]
fn broken_link_to_another_post() {
    fails(
        |s| {
            s.edit(
                POST,
                "(2025-08-20-kerja-bakti.md)",
                "(2025-08-20-kerja-bakti-lama.md)",
            )
        },
        &[
            &format!("{POST}:15:26"),
            "Tautan ke `2025-08-20-kerja-bakti-lama.md` rusak",
        ],
    );
}

#[test]
fn invalid_utf8() {
    fails(
        |s| {
            let mut bytes = s.read(POST).into_bytes();
            let at = bytes.windows(5).position(|w| w == b"balit").unwrap();
            bytes[at] = 0xff;
            s.write(POST, bytes);
        },
        &[&format!("{POST}:7:24"), "UTF-8"],
    );
}

#[test]
fn malformed_area_code() {
    fails(
        |s| s.edit("profile.toml", "35.07.12.2003", "35.7.12.2003"),
        &["profile.toml:6:"],
    );
}

#[test]
fn template_with_unknown_variable_names_the_template_line() {
    let out = fails(
        |s| {
            s.write(
                "templates/post.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n",
            )
        },
        &["templates/post.html:3:", "page.titel", "titel"],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn check_lists_every_problem_of_the_run() {
    let site = Site::fixture("minimal");
    site.edit(POST, "title = ", "judul = ");
    site.edit(
        "content/berita/2025-07-01-musim-tanam.md",
        "berita-desa",
        "olahraga",
    );
    site.write("content/berita/y.md", "---\ntitle: y\n---\n");
    let r = site.run(&["check"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    for n in [
        "1. kesalahan",
        "2. kesalahan",
        "3. kesalahan",
        "3 kesalahan",
    ] {
        assert!(out.contains(n), "{n} missing:\n{out}");
    }
    assert!(!site.path("public").exists(), "check wrote output");
}

#[test]
fn windows_line_endings_and_bom_are_valid() {
    let site = Site::fixture("minimal");
    let crlf = site.read(POST).replace('\n', "\r\n");
    site.write(POST, format!("\u{feff}{crlf}"));
    let cfg = site.read("warta.toml").replace('\n', "\r\n");
    site.write("warta.toml", format!("\u{feff}{cfg}"));
    site.build_ok();
    let html = site.read("public/berita/posyandu-krajan/index.html");
    assert!(html.contains("Posyandu Balita Dusun Krajan"));
}
