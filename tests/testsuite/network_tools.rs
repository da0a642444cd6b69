//! `check`, `new` and `serve` at a network root: the same commands as for
//! one village, over every village and the portal, with files named from
//! the network root.

use crate::network::{POST, network, village_pages};

#[test]
fn check_at_a_network_root_checks_every_village_and_the_portal() {
    let site = network();
    let r = site.run(&["check"]);
    let n = village_pages();
    assert_eq!(
        (r.code, r.stderr.as_str(), r.stdout),
        (
            0,
            "",
            format!(
                "desa/alpha: {n} halaman siap.\ndesa/beta: {n} halaman siap.\ndesa/gamma: {n} halaman siap.\nTidak ada kesalahan: 3 desa dan portalnya, {} halaman desa siap dibangun; 0 peringatan.\n",
                3 * n
            )
        )
    );
    assert!(!site.path("public").exists(), "check wrote public/");
}

#[test]
fn check_lists_every_village_s_problems_from_the_network_root() {
    let site = network();
    site.edit(
        &format!("desa/beta/{POST}"),
        "\"Siti Aminah\"",
        "Siti Aminah",
    );
    site.write("portal/templates/desa.html", "{{ broken");
    let r = site.run(&["check"]);
    let n = village_pages();
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "desa/alpha: {n} halaman siap.\ndesa/beta: 1 kesalahan.\ndesa/gamma: {n} halaman siap.\nPortal: ada kesalahan.\n2 kesalahan di 1 dari 3 desa dan portal; 0 peringatan.\n"
        )
    );
    assert!(
        r.stderr.starts_with(&format!(
            "1. kesalahan: Nilai `author` adalah teks, jadi harus diapit tanda kutip.
  --> desa/beta/{POST}:6:10
  |
6 | author = Siti Aminah
  |          ^^^^^^^^^^^
  = cara memperbaiki: Tulis `author = \"Siti Aminah\"`.

2. kesalahan: Templat portal `portal/templates` gagal.
"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn check_stops_at_a_wrong_network_toml() {
    let site = network();
    site.edit("network.toml", "\"desa/*\"", "\"kampung/*\"");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.starts_with(
            "1. kesalahan: Tidak ada folder desa yang cocok dengan pola \"kampung/*\".\n  --> network.toml:5:"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn new_at_a_network_root_writes_into_the_village_of_desa() {
    let site = network();
    let r = site.run(&["new", "post", "Lomba Desa", "--desa", "beta"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let rel = r
        .stdout
        .strip_prefix("Dibuat: ")
        .and_then(|s| s.lines().next())
        .expect(&r.stdout);
    assert!(
        rel.starts_with("desa/beta/content/berita/") && rel.ends_with("-lomba-desa.md"),
        "{rel}"
    );
    assert!(site.read(rel).contains("title = \"Lomba Desa\""));
    // The village has no base_url of its own: the network gives it one.
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    let r = site.run(&["new", "post", "Lagi"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "1. kesalahan: Di folder jaringan, sebutkan desa tujuannya dengan --desa FOLDER.\n  = cara memperbaiki: Desa jaringan ini: alpha, beta, gamma.\n\n1 kesalahan, 0 peringatan.\n"
        )
    );
    let r = site.run(&["new", "post", "Lagi", "--desa", "delta"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("1. kesalahan: Jaringan ini tidak punya desa `delta`.\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn base_url_moves_the_whole_network_but_a_village_s_own_domain() {
    let site = network();
    site.edit(
        "desa/gamma/warta.toml",
        "language",
        "base_url = \"https://kim-gamma.example.org\"\nlanguage",
    );
    let r = site.run(&["build", "--base-url", "https://contoh.github.io/kim/"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let beta = site.read("public/beta/index.html");
    assert!(beta.contains("href=\"/kim/beta/berita/\""), "{beta}");
    let portal = site.read("public/index.html");
    assert!(
        portal.contains("https://contoh.github.io/kim/beta/")
            && portal.contains("https://kim-gamma.example.org/"),
        "{portal}"
    );
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://contoh.github.io/kim/sitemap-index.xml")
    );

    let r = site.run(&["build", "--base-url", "contoh.github.io"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "1. kesalahan: --base-url: `base_url` harus diawali https:// atau http://"
        ),
        "{}",
        r.stderr
    );
    let r = site.run(&["build", "--portable"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "--portable hanya untuk satu situs desa, bukan folder jaringan (berisi network.toml).\n"
        )
    );
}

#[test]
fn the_portal_s_own_pages_are_rendered_listed_and_checked() {
    let site = network();
    site.write(
        "portal/content/tentang.md",
        "+++\ntitle = \"Tentang Kami\"\nmenu = true\n+++\n\nPortal KIM kabupaten. Lihat [desa](../desa/).\n",
    );
    site.write(
        "portal/content/bantuan/kontak.md",
        "+++\ntitle = \"Kontak\"\n+++\n\nTelepon dinas.\n",
    );
    site.build_ok();
    let page = site.read("public/tentang/index.html");
    assert!(
        page.contains(
            "<h1>Tentang Kami</h1>\n<p>Portal KIM kabupaten. Lihat <a href=\"/desa/\">desa</a>.</p>"
        ),
        "{page}"
    );
    let home = site.read("public/index.html");
    assert!(
        home.contains("<a href=\"/tentang/\">Tentang Kami</a>"),
        "{home}"
    );
    assert!(!home.contains("/bantuan/kontak/"), "{home}");
    assert!(
        site.read("public/bantuan/kontak/index.html")
            .contains("Telepon dinas.")
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://kim.contoh.example.id/tentang/</loc>"),
        "{sitemap}"
    );

    site.write(
        "portal/content/tentang.md",
        "+++\ntitle = \"Tentang Kami\"\nmenus = true\n+++\n",
    );
    site.write("portal/content/desa.md", "+++\ntitle = \"Desa\"\n+++\n");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("--> portal/content/tentang.md:3:1\n  |\n3 | menus = true\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("1. kesalahan: Halaman portal `desa.md` akan terbit di /desa/, alamat yang dipakai portal sendiri.\n  --> portal/content/desa.md\n"),
        "{}",
        r.stderr
    );
    site.write("portal/content/beta.md", "+++\ntitle = \"Beta\"\n+++\n");
    let r = site.run(&["build"]);
    assert!(
        r.stderr.contains(
            "Folder desa `desa/beta/` akan terbit di /beta/, alamat yang dipakai portal."
        ),
        "{}",
        r.stderr
    );
}
