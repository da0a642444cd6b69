//! `host` in a village's own `warta.toml`: every build measures the
//! site's output against that host's published limits and fails before
//! the swap, naming what takes the most room; inside a network it applies
//! to that village's folder (`[network] host`, the whole output, is in
//! network.rs).

use crate::network::network;
use crate::support::{Run, Site};

/// The `minimal` fixture published on `host`.
fn site_on(host: &str) -> Site {
    let site = Site::fixture("minimal");
    let config = site.read("warta.toml");
    site.write(
        "warta.toml",
        config.replacen(
            "language = \"id\"\n",
            &format!("language = \"id\"\nhost = \"{host}\"\n"),
            1,
        ),
    );
    site
}

/// A file of `mib` MiB at `rel`, written without filling it.
fn big_file(site: &Site, rel: &str, mib: u64) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(&path)
        .unwrap()
        .set_len(mib * 1024 * 1024)
        .unwrap();
}

/// The line `Hosting <host>: …` of a run's output.
fn hosting_line(r: &Run) -> &str {
    r.stdout
        .lines()
        .find(|l| l.contains("Hosting "))
        .unwrap_or_else(|| panic!("no hosting line:\n{}", r.stdout))
}

#[test]
fn a_site_over_its_host_s_budget_publishes_nothing() {
    let site = site_on("cloudflare-pages");
    let r = site.build_ok();
    let line = hosting_line(&r);
    assert!(
        line.starts_with("Hosting cloudflare-pages: ") && line.contains(" / 20.000 berkas, "),
        "{line}"
    );
    let before = site.output_files();
    big_file(&site, "static/video.mp4", 26);
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stderr,
        "1. kesalahan: Berkas `video.mp4` sebesar 26,0 MiB; cloudflare-pages menerima berkas paling besar 25 MiB.\n  --> warta.toml\n  = cara memperbaiki: Tidak ada yang diterbitkan; keluaran lama tetap. Kecilkan yang terbesar (foto, lampiran, `[images] widths`), atau pilih host lain di `host` (sekarang \"cloudflare-pages\").\n\n1 kesalahan, 0 peringatan.\nSitus tidak dibangun; isi folder keluaran yang lama tidak diubah.\n"
    );
    assert_eq!(site.output_files(), before, "the old output changed");
}

#[test]
fn an_unknown_host_is_an_error_with_a_suggestion() {
    let site = site_on("github");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stderr,
        "1. kesalahan: Host `github` tidak dikenal.\n  --> warta.toml:5:8\n  |\n5 | host = \"github\"\n  |        ^^^^^^^^\n  = cara memperbaiki: Mungkin maksudnya \"github-pages\"? Pilih salah satu: github-pages, gitlab-pages, cloudflare-pages, netlify, none.\n\n1 kesalahan, 0 peringatan.\nSitus tidak dibangun; isi folder keluaran yang lama tidak diubah.\n"
    );
    // `check` says the same, and a typo finds its nearest name.
    site.edit("warta.toml", "\"github\"", "\"netlfy\"");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("Host `netlfy` tidak dikenal.\n  --> warta.toml:5:8\n")
            && r.stderr.contains("Mungkin maksudnya \"netlify\"?"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_village_s_own_host_applies_to_its_folder_in_a_network() {
    let site = network();
    let config = site.read("desa/beta/warta.toml");
    site.write(
        "desa/beta/warta.toml",
        format!("host = \"cloudflare-pages\"\n{config}"),
    );
    let r = site.build_ok();
    let line = hosting_line(&r);
    assert!(
        line.starts_with("desa/beta: Hosting cloudflare-pages: "),
        "{line}"
    );
    assert_eq!(r.stdout.matches("Hosting ").count(), 1, "{}", r.stdout);
    let before = std::fs::read(site.path("public/beta/index.html")).unwrap();
    big_file(&site, "desa/beta/static/video.mp4", 26);
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("desa/beta: GAGAL; folder lamanya dipertahankan.\n")
            && r.stdout.contains("\nPortal: 2 desa, "),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("kesalahan: Berkas `video.mp4` sebesar 26,0 MiB; cloudflare-pages menerima berkas paling besar 25 MiB.\n  --> desa/beta/warta.toml\n"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(site.path("public/beta/index.html")).unwrap(),
        before
    );
    assert!(!site.path("public/beta/video.mp4").exists());
}
