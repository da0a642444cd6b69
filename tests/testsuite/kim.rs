//! The KIM's own records (issue 18): its kelola.kim.id registration
//! number on `/kim/` and in its JSON-LD; each bad value an error at
//! `profile.toml:line:col` in Indonesian, the site not built.

use crate::support::Site;

#[test]
fn registration_number_on_the_kim_page_and_in_json_ld() {
    let site = Site::fixture("minimal");
    site.edit(
        "profile.toml",
        "name = \"KIM Ujicoba\"",
        "name = \"KIM Ujicoba\"\nregistration = \"KIM-3507-0042\"",
    );
    site.build_ok();
    let kim = site.read("public/kim/index.html");
    assert!(
        kim.contains("<div><dt>Nomor registrasi kelola.kim.id</dt><dd>KIM-3507-0042</dd></div>"),
        "{kim}"
    );
    let identifier = r#""identifier":{"@type":"PropertyValue","propertyID":"kelola.kim.id","value":"KIM-3507-0042"}"#;
    assert!(kim.contains(identifier), "/kim/ JSON-LD: {kim}");
    let post = site.read("public/berita/kerja-bakti/index.html");
    assert!(post.contains(identifier), "a post's publisher: {post}");
}

#[test]
fn registration_number_that_is_a_web_address() {
    let site = Site::fixture("minimal");
    site.edit(
        "profile.toml",
        "name = \"KIM Ujicoba\"",
        "name = \"KIM Ujicoba\"\nregistration = \"kelola.kim.id/kim/42\"",
    );
    let line = site
        .read("profile.toml")
        .lines()
        .position(|l| l.starts_with("registration"))
        .unwrap()
        + 1;
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    let first = format!(
        "1. kesalahan: Nomor registrasi KIM \"kelola.kim.id/kim/42\" tidak berbentuk nomor.\n  --> profile.toml:{line}:16\n"
    );
    assert!(out.starts_with(&first), "{out}");
    assert!(out.contains("Salin nomor dari kelola.kim.id"), "{out}");
    assert!(!site.path("public/kim").exists());
}

const POST: &str = "content/berita/2025-08-26-posyandu-krajan.md";

#[test]
fn adinda_principles_named_on_the_post_in_the_acronyms_order() {
    let site = Site::fixture("minimal");
    site.edit(
        POST,
        "author = ",
        "adinda = [\"Diseminasi\", \"akses-informasi\", \"diseminasi\"]\nauthor = ",
    );
    site.build_ok();
    let post = site.read("public/berita/posyandu-krajan/index.html");
    assert!(
        post.contains(
            "<p><span class=\"label\">Prinsip ADINDA:</span> Akses informasi, Diseminasi</p>"
        ),
        "{post}"
    );
}

#[test]
fn adinda_value_not_among_the_six_suggests_the_nearest() {
    let site = Site::fixture("minimal");
    site.edit(
        POST,
        "author = ",
        "adinda = [\"akses-informasi\", \"diseminas\"]\nauthor = ",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    let first =
        format!("1. kesalahan: `diseminas` bukan salah satu prinsip ADINDA.\n  --> {POST}:6:30\n");
    assert!(out.starts_with(&first), "{out}");
    assert!(
        out.contains("Mungkin maksudnya `diseminasi`. Enam prinsip ADINDA: akses-informasi, diskusi, implementasi, networking, diseminasi, aspirasi."),
        "{out}"
    );
    assert!(out.contains("1 kesalahan, 0 peringatan."), "{out}");
    assert!(!site.path("public").exists());
}
