//! A network root (`network.toml` and village sites below it): every
//! village built into `public/<folder>/` at the network's address, a
//! broken village reported from the network root and its previous folder
//! kept, and the subsets of `--only` and `--shard`.

use std::path::Path;

use crate::support::{Site, repo};

pub const NETWORK: &str = r#"[network]
title = "KIM Kabupaten Contoh"
base_url = "https://kim.contoh.example.id"
area_code = "35.07"
villages = ["desa/*"]
"#;

pub const POST: &str = "content/berita/2025-08-26-posyandu-krajan.md";

/// Copies the `minimal` fixture to `<site>/<rel>` as a village of area
/// code `code`, without its own `base_url`.
pub fn add_village(site: &Site, rel: &str, code: &str) {
    let from = repo().join("tests/fixtures/minimal");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let inner = entry.path().strip_prefix(&from).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let dest = format!("{rel}/{}", inner.to_string_lossy().replace('\\', "/"));
            site.write(&dest, text);
        }
    }
    let config = site.read(&format!("{rel}/warta.toml"));
    let config: Vec<&str> = config
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .collect();
    site.write(&format!("{rel}/warta.toml"), config.join("\n") + "\n");
    site.edit(&format!("{rel}/profile.toml"), "35.07.12.2003", code);
}

/// A network of three villages in two kecamatan.
pub fn network() -> Site {
    let site = Site::empty();
    site.write("network.toml", NETWORK);
    add_village(&site, "desa/alpha", "35.07.12.2001");
    add_village(&site, "desa/beta", "35.07.12.2002");
    add_village(&site, "desa/gamma", "35.07.13.2001");
    site
}

/// How many pages one village of [`network`] has: the `minimal` fixture
/// built alone (a test counting them follows new page kinds by itself).
pub fn village_pages() -> usize {
    static PAGES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *PAGES.get_or_init(|| {
        let r = Site::fixture("minimal").build_ok();
        let rest = r.stdout.strip_prefix("Selesai: ").expect(&r.stdout);
        rest.split(' ').next().unwrap().parse().expect(&r.stdout)
    })
}

/// Every file below `dir`, relative, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn builds_every_village_at_the_network_address() {
    let site = network();
    site.edit(
        "desa/gamma/warta.toml",
        "language",
        "base_url = \"https://kim-gamma.example.org\"\nlanguage",
    );
    let r = site.build_ok();
    let n = village_pages();
    assert!(
        r.stdout.starts_with(&format!(
            "desa/alpha: {n} halaman (3 tulisan).\ndesa/beta: {n} halaman (3 tulisan).\ndesa/gamma: {n} halaman (3 tulisan).\nSelesai: 3 dari 3 desa ditulis ke "
        )),
        "{}",
        r.stdout
    );
    let beta = site.read("public/beta/index.html");
    assert!(beta.contains("href=\"/beta/berita/\""), "{beta}");
    assert!(
        beta.contains("href=\"https://kim.contoh.example.id/beta/\""),
        "{beta}"
    );
    // A village whose own warta.toml sets an address keeps it.
    let gamma = site.read("public/gamma/profile.json");
    assert!(
        gamma.contains("\"url\": \"https://kim-gamma.example.org/\""),
        "{gamma}"
    );
}

#[test]
fn a_broken_village_is_left_out_and_keeps_its_previous_folder() {
    let site = network();
    site.build_ok();
    let before = files(&site.path("public/beta"));
    let alpha_before = site.read("public/alpha/index.html");
    site.edit(
        &format!("desa/beta/{POST}"),
        "\"Siti Aminah\"",
        "Siti Aminah",
    );
    site.edit("desa/alpha/warta.toml", "Uji Coba", "Uji Coba Baru");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("desa/beta: GAGAL; folder lamanya dipertahankan.\n"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stderr,
        format!(
            "1. kesalahan: Nilai `author` adalah teks, jadi harus diapit tanda kutip.
  --> desa/beta/{POST}:6:10
  |
6 | author = Siti Aminah
  |          ^^^^^^^^^^^
  = cara memperbaiki: Tulis `author = \"Siti Aminah\"`.

"
        )
    );
    assert_eq!(files(&site.path("public/beta")), before, "beta changed");
    assert_ne!(site.read("public/alpha/index.html"), alpha_before);
    assert!(site.read("public/gamma/index.html").contains("Uji Coba"));
}

#[test]
fn only_and_shard_build_a_subset_and_keep_the_rest() {
    let site = network();
    site.build_ok();
    let gamma = files(&site.path("public/gamma"));
    site.edit("desa/alpha/warta.toml", "Uji Coba", "Alpha Baru");
    site.edit("desa/gamma/warta.toml", "Uji Coba", "Gamma Baru");
    let r = site.run(&["build", "--only", "35.07.12"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("desa/alpha: ") && !r.stdout.contains("desa/gamma"));
    assert!(site.read("public/alpha/index.html").contains("Alpha Baru"));
    assert_eq!(files(&site.path("public/gamma")), gamma, "gamma changed");
    let r = site.run(&["build", "--shard", "2/2"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .starts_with(&format!("desa/beta: {} halaman", village_pages())),
        "{}",
        r.stdout
    );
    assert!(!site.read("public/gamma/index.html").contains("Gamma Baru"));
    let r = site.run(&["build", "--shard", "1/2"]);
    assert!(site.read("public/gamma/index.html").contains("Gamma Baru"));
    assert!(!r.stdout.contains("desa/beta"), "{}", r.stdout);
}

#[test]
fn bad_subsets() {
    let site = network();
    for (shard, found) in [("0/4", "0/4"), ("5/4", "5/4"), ("x", "x")] {
        let r = site.run(&["build", "--shard", shard]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "tulis I/N dengan 1 <= I <= N, misalnya 1/4 / write I/N with 1 <= I <= N, e.g. 1/4 (tertulis / found: {found})"
            )),
            "{}",
            r.stderr
        );
    }
    let r = site.run(&["build", "--only", "35.08"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "1. kesalahan: Tidak ada desa dengan kode wilayah `35.08` (--only). Kode desa jaringan ini: 35.07.12.2001, 35.07.12.2002, 35.07.13.2001.
  --> network.toml

1 kesalahan, 0 peringatan.
Jaringan tidak dibangun; isi folder keluaran yang lama tidak diubah.
"
    );
    assert!(!site.path("public").exists());
    let village = Site::fixture("minimal");
    let r = village.run(&["build", "--shard", "1/2"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("--only dan --shard hanya untuk folder jaringan")
    );
}

#[test]
fn a_network_toml_problem_stops_the_run() {
    let site = network();
    site.build_ok();
    let before = files(&site.path("public"));
    site.edit("network.toml", "desa/*", "kampung/*");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "1. kesalahan: Tidak ada folder desa yang cocok dengan pola \"kampung/*\".
  --> network.toml:5:12
  |
5 | villages = [\"kampung/*\"]
  |            ^^^^^^^^^^^^^
  = cara memperbaiki: Setiap desa adalah folder situs warta (berisi warta.toml), misalnya desa/sukamaju/; `*` cocok dengan satu nama folder.

1 kesalahan, 0 peringatan.
Jaringan tidak dibangun; isi folder keluaran yang lama tidak diubah.
"
    );
    assert_eq!(files(&site.path("public")), before);
}

#[test]
fn a_village_without_base_url_outside_a_network_is_told_to_add_one() {
    let site = network();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--root"])
        .arg(site.path("desa/alpha"))
        .env("LANG", "C")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "kesalahan: Kunci wajib `base_url` belum ada di warta.toml.\n  --> warta.toml:1:1\n"
        ),
        "{stderr}"
    );
}

/// A copy of `network-example/` (without what a build left there).
pub fn network_example() -> Site {
    let site = Site::empty();
    let from = repo().join("network-example");
    for entry in walkdir::WalkDir::new(&from)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public" && e.file_name() != ".warta-cache")
    {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&from).unwrap();
            site.write(
                &rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    site
}

#[test]
fn the_network_example_builds() {
    let site = network_example();
    let r = site.build_ok();
    let villages: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.split_once(':').map(|(v, _)| v))
        .filter(|v| v.starts_with("desa/"))
        .collect();
    assert_eq!(
        villages,
        [
            "desa/karangsari",
            "desa/mulyoarjo",
            "desa/sukamaju",
            "desa/sumberejo",
            "desa/tegalrejo",
            "desa/wonoasri"
        ]
    );
    assert!(
        r.stdout.contains("; 0 desa gagal; 0 peringatan.\n"),
        "{}",
        r.stdout
    );
    let sukamaju = site.read("public/sukamaju/profile.json");
    assert!(sukamaju.contains("\"url\": \"https://kim.malangkab.example.id/sukamaju/\""));
}

#[test]
fn the_portal_lists_the_network() {
    let site = network_example();
    let r = site.build_ok();
    assert!(r.stdout.contains("\nPortal: 6 desa, "), "{}", r.stdout);
    let home = site.read("public/index.html");
    assert!(home.len() <= 50 * 1024, "home is {} bytes", home.len());
    // A card names its village and links to the post on the village site.
    assert!(
        home.contains("<p class=\"from\"><a href=\"https://kim.malangkab.example.id/sukamaju/\">Desa Sukamaju</a> · Berita Desa</p>\n<h3><a href=\"https://kim.malangkab.example.id/sukamaju/berita/kim-sukamaju-juara-lomba-kim/\">"),
        "{home}"
    );
    assert!(home.contains("<li><a href=\"https://kim.malangkab.example.id/wonoasri/pengumuman/jadwal-layanan-wonoasri/\">Jadwal Layanan Kantor Kelurahan Wonoasri</a> <span class=\"from\">Kelurahan Wonoasri</span> <span class=\"meta\">berlaku sampai Kamis, 31 Desember 2099</span></li>"), "{home}");
    assert!(home.contains("Musyawarah Desa Karangsari 2027"), "{home}");
    let desa = site.read("public/desa/index.html");
    for kecamatan in [
        "Kecamatan Kedungrejo",
        "Kecamatan Sumberwangi",
        "Kecamatan Wonoasri",
    ] {
        assert!(desa.contains(kecamatan), "{kecamatan}: {desa}");
    }
    let stats = site.read("public/statistik/index.html");
    // 3458 + 2210 + 1874 + 2530 + 1650 + 4120
    assert!(stats.contains("<dd>15.842 jiwa</dd>"), "{stats}");
    assert!(stats.contains("<svg"), "{stats}");
    let network: serde_json::Value =
        serde_json::from_str(&site.read("public/network.json")).unwrap();
    assert_eq!(network["villages"].as_array().unwrap().len(), 6);
    assert_eq!(network["totals"]["population"], 15842);
    for feed in [
        "atom.xml",
        "rss.xml",
        "kategori/kesehatan/rss.xml",
        "kategori/kesehatan/atom.xml",
        "sitemap.xml",
        "sitemap-index.xml",
    ] {
        let text = site.read(&format!("public/{feed}"));
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
    }
    let index = site.read("public/sitemap-index.xml");
    assert_eq!(index.matches("<sitemap>").count(), 7, "{index}");
    assert!(index.contains("<loc>https://kim.malangkab.example.id/sukamaju/sitemap.xml</loc>"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://kim.malangkab.example.id/statistik/</loc>"));
    // The newest post with a photo gives the portal's sharing picture.
    assert!(
        home.contains("<meta property=\"og:image\" content=\"https://kim.malangkab.example.id/"),
        "{home}"
    );
    assert!(
        site.read("public/produk/index.html")
            .contains("Kopi Bubuk Lereng Kawi")
    );
    assert!(
        site.read("public/peta/index.html")
            .contains("https://www.openstreetmap.org/?mlat=-8.052&amp;mlon=112.478")
    );
}

/// Copies every file below `from` into `to`.
pub fn copy_into(from: &Path, to: &Path) {
    for (rel, bytes) in files(from) {
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
}

#[test]
fn shards_and_the_portal_make_the_single_run_s_output() {
    let site = network();
    site.build_ok();
    let (one, two, all) = (
        site.dir.path().join("s1"),
        site.dir.path().join("s2"),
        site.dir.path().join("all"),
    );
    for (shard, out) in [("1/2", &one), ("2/2", &two)] {
        let r = site.run(&[
            "build",
            "--shard",
            shard,
            "--output",
            &out.display().to_string(),
        ]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert!(!out.join("index.html").exists(), "a shard built the portal");
    }
    copy_into(&one, &all);
    copy_into(&two, &all);
    let r = site.run(&[
        "portal",
        "--from",
        &all.display().to_string(),
        "--output",
        &all.display().to_string(),
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("Portal selesai: 3 desa, "),
        "{}",
        r.stdout
    );
    // The same files; the portal's byte for byte (a village's own files
    // may differ: an empty category's feed is dated at its build time).
    let single = files(&site.path("public"));
    let sharded = files(&all);
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&sharded), names(&single));
    let village = |name: &str| {
        ["alpha/", "beta/", "gamma/"]
            .iter()
            .any(|v| name.starts_with(v))
    };
    let mut compared = 0;
    for ((name, a), (_, b)) in single.iter().zip(&sharded) {
        if !village(name) {
            assert!(a == b, "{name} differs");
            compared += 1;
        }
    }
    assert!(compared >= 18, "only {compared} portal files");
    // The search across villages among them.
    assert!(single.iter().any(|(name, _)| name == "cari/index.js"));
    assert!(single.iter().any(|(name, _)| name == "cari/dok/0.js"));
}

#[test]
fn a_broken_village_is_left_out_of_the_portal() {
    let site = network();
    site.build_ok();
    assert!(site.read("public/desa/index.html").contains("/beta/"));
    site.edit(
        &format!("desa/beta/{POST}"),
        "\"Siti Aminah\"",
        "Siti Aminah",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("\nPortal: 2 desa, "), "{}", r.stdout);
    assert!(!site.read("public/desa/index.html").contains("/beta/"));
    assert!(site.path("public/beta/index.html").exists());
}

#[test]
fn a_network_s_own_portal_files_win() {
    let site = network();
    site.write("portal/static/style.css", "body{color:#000}\n");
    site.write("portal/static/gambar/logo.svg", "<svg/>\n");
    site.write(
        "portal/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Tidak ada</h1>{% endblock content %}",
    );
    site.build_ok();
    assert_eq!(site.read("public/style.css"), "body{color:#000}\n");
    assert_eq!(site.read("public/gambar/logo.svg"), "<svg/>\n");
    let not_found = site.read("public/404.html");
    assert!(not_found.contains("<h1>Tidak ada</h1>"), "{not_found}");
    assert!(not_found.contains("<nav aria-label=\"Menu utama\">"));
    // A village may not take the address of the portal's own folder.
    add_village(&site, "desa/gambar", "35.07.13.2002");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("Folder desa `desa/gambar/` akan terbit di /gambar/"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_english_portal() {
    let site = network();
    site.edit("network.toml", "[network]", "[network]\nlanguage = \"en\"");
    site.build_ok();
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    assert!(home.contains(">Skip to content</a>"), "{home}");
    let stats = site.read("public/statistik/index.html");
    assert!(stats.contains("<h2>Households by district</h2>"), "{stats}");
}

#[test]
fn the_portal_alone_needs_built_villages() {
    let site = network();
    let r = site.run(&["portal"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("1. kesalahan: Tidak ada desa yang sudah dibangun di `"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_network_over_its_host_s_budget_publishes_nothing() {
    let site = network();
    site.write(
        "network.toml",
        format!("{NETWORK}host = \"cloudflare-pages\"\n"),
    );
    let r = site.build_ok();
    assert!(
        r.stdout.contains("\nHosting cloudflare-pages: "),
        "{}",
        r.stdout
    );
    let before = files(&site.path("public"));
    // A file over Cloudflare Pages' 25 MiB: the run fails before the swap.
    let big = site.path("desa/beta/static/video.mp4");
    std::fs::create_dir_all(big.parent().unwrap()).unwrap();
    std::fs::File::create(&big)
        .unwrap()
        .set_len(26 * 1024 * 1024)
        .unwrap();
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(
            "kesalahan: Berkas `beta/video.mp4` sebesar 26,0 MiB; cloudflare-pages menerima berkas paling besar 25 MiB."
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("network.toml"), "{}", r.stderr);
    assert_eq!(
        files(&site.path("public")),
        before,
        "the old output changed"
    );
}
