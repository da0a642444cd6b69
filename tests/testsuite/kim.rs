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

#[test]
fn decree_dated_in_the_future() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    // A blank line, the table, the number, then the date.
    let line = profile.lines().count() + 4;
    site.write(
        "profile.toml",
        format!("{profile}\n[kim.decree]\nnumber = \"1/2099\"\ndate = 2099-01-05\n"),
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "1. kesalahan: `kim.decree.date` = 2099-01-05 masih di masa depan.\n  \
             --> profile.toml:{line}:8\n   |\n{line} | date = 2099-01-05\n   |        ^^^^^^^^^^\n  \
             = cara memperbaiki: Tulis tanggal yang sudah terjadi, misalnya `date = 2019-05-12` (tahun-bulan-tanggal).\n\n\
             1 kesalahan, 0 peringatan.\n\
             Situs tidak dibangun; isi folder keluaran yang lama tidak diubah.\n"
        )
    );
    assert!(!site.path("public").exists());
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

#[test]
fn monthly_report_groups_the_months_posts_by_adinda() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let html = site.read("public/kim/laporan/2026/11/index.html");
    for part in [
        "<h1>Laporan kegiatan November 2026</h1>",
        "KIM Sukamaju Berdaya, Desa Sukamaju · Nomor registrasi kelola.kim.id KIM-3507-0042</p>",
        "<link rel=\"stylesheet\" media=\"print\" href=\"/laporan.css\">",
        "<div><dt>Produk yang dipromosikan</dt><dd>0</dd></div>",
        "<h2 id=\"h-products\" class=\"block-title\">Produk yang dipromosikan</h2>\n<p>Tidak ada pada bulan ini.</p>",
        "<title id=\"grafik-adinda-t\">Tulisan per prinsip ADINDA · November 2026</title>",
        "<div><dt>Networking</dt><dd>2</dd></div>",
        "<h3 id=\"adinda-diseminasi\">Diseminasi (1)</h3>",
        "<h3 id=\"adinda-aspirasi\">Aspirasi (0)</h3>\n<p>Tidak ada pada bulan ini.</p>",
        "<h2 id=\"h-events\" class=\"block-title\">Kegiatan yang diselenggarakan</h2>\n<p>Tidak ada pada bulan ini.</p>",
    ] {
        assert!(html.contains(part), "missing {part} in:\n{html}");
    }
    // A post under each principle it names; the events announced in
    // November happen in December and January, so are not November's.
    let sosialisasi = "<a href=\"/agenda/sosialisasi-bahaya-judi-online/\">";
    assert_eq!(html.matches(sosialisasi).count(), 2, "{html}");
    let october = site.read("public/kim/laporan/2025/10/index.html");
    assert!(
        october
            .contains("<li><a href=\"/agenda/festival-kopi-dan-bazar-umkm-2025/\">Festival Kopi"),
        "{october}"
    );
    // The product whose story was posted in September 2026 is promoted
    // in that month's report.
    let september = site.read("public/kim/laporan/2026/09/index.html");
    assert!(
        september.contains("<div><dt>Produk yang dipromosikan</dt><dd>1</dd></div>"),
        "{september}"
    );
    assert!(
        september.contains("<li><a href=\"/produk/keripik-singkong-pedas-daun-jeruk/\">"),
        "{september}"
    );
    let css = site.read("public/laporan.css");
    assert!(css.contains("@page{size:A4"), "{css}");
    // The product whose story was posted in September 2026 is promoted
    // in that month's report.
    let september = site.read("public/kim/laporan/2026/09/index.html");
    assert!(
        september.contains("<div><dt>Produk yang dipromosikan</dt><dd>1</dd></div>"),
        "{september}"
    );
    assert!(
        september.contains("<li><a href=\"/produk/keripik-singkong-pedas-daun-jeruk/\">"),
        "{september}"
    );
    let css = site.read("public/laporan.css");
    assert!(css.contains("@page{size:A4"), "{css}");
    let kim = site.read("public/kim/index.html");
    assert!(
        kim.contains("<li><a href=\"/kim/laporan/2026/11/\">November 2026</a></li>"),
        "{kim}"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/kim/laporan/2026/11/</loc>"));
    // A reader who shortens a report's address finds them all, by year.
    let index = site.read("public/kim/laporan/index.html");
    assert!(
        index.contains("<h2 id=\"h-2026\" class=\"block-title\">2026</h2>"),
        "{index}"
    );
    assert!(
        index.contains("<li><a href=\"/kim/laporan/2026/11/\">November 2026 · "),
        "{index}"
    );
    assert!(sitemap.contains("/kim/laporan/</loc>"));
    assert!(
        html.contains("\"name\":\"Laporan kegiatan bulanan\""),
        "{html}"
    );
}

#[test]
fn no_report_without_a_kim() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    site.write(
        "profile.toml",
        profile.replace("[kim]\nname = \"KIM Ujicoba\"\n", ""),
    );
    site.build_ok();
    assert!(site.path("public/arsip/2025/08/index.html").exists());
    assert!(!site.path("public/kim/laporan").exists());
}
