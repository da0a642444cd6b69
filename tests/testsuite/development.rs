//! `/pembangunan/`: the IDM, SDGs Desa and stunting figures of
//! profile.toml, drawn and tabled; and each bad figure an error at
//! `profile.toml:line:col` in Indonesian, the site not built.

use crate::support::Site;
use crate::village_data::{check_chart, svgs};

#[test]
fn development_page_has_charts_tables_and_sources() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let html = site.read("public/pembangunan/index.html");
    let titles: Vec<String> = svgs(&html).into_iter().map(check_chart).collect();
    assert_eq!(
        titles,
        [
            "Skor IDM per tahun",
            "Skor 18 tujuan SDGs Desa 2025",
            "Prevalensi stunting per bulan pengukuran"
        ]
    );
    for row in [
        "<tr><th scope=\"row\">2024</th><td class=\"num\">0,7089</td><td>Maju</td><td class=\"num\">+0,0277</td></tr>",
        "<span class=\"label\">Sumber:</span> Status IDM 2023, Kementerian Desa PDTT; Status IDM 2024, Kementerian Desa PDTT; Status IDM 2025, Kementerian Desa PDTT</p>",
        "<tr><th scope=\"row\">1. Desa Tanpa Kemiskinan</th><td class=\"num\">41,20</td><td class=\"num\">46,50</td></tr>",
        "<tfoot><tr><th scope=\"row\">Skor SDGs Desa (rata-rata 18 tujuan)</th><td class=\"num\">57,98</td><td class=\"num\">61,16</td></tr></tfoot>",
        "<tr><th scope=\"row\"><time datetime=\"2025-02\">Februari 2025</time></th><td class=\"num\">312</td><td class=\"num\">41</td><td class=\"num\">13,1%</td></tr>",
        "<span class=\"label\">Sumber:</span> e-PPGBM, Posyandu Desa Sukamaju</p>",
    ] {
        assert!(html.contains(row), "missing {row}");
    }
    assert!(
        html.contains("Permendesa PDTT No. 2 Tahun 2016"),
        "the bands' source"
    );
    let home = site.read("public/index.html");
    assert!(home.contains("<li><a href=\"/pembangunan/\">Data pembangunan</a></li>"));
}

#[test]
fn one_section_alone_makes_the_page() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    site.write(
        "profile.toml",
        format!("{profile}\n[[health.stunting]]\nperiod = \"2025-08\"\nmeasured = 40\nstunted = 3\nsource = \"Posyandu Mawar\"\n"),
    );
    site.build_ok();
    let html = site.read("public/pembangunan/index.html");
    assert_eq!(svgs(&html).len(), 1);
    assert!(html.contains("<td class=\"num\">7,5%</td></tr>"));
    assert!(html.contains("Sumber:</span> Posyandu Mawar</p>"));
    assert!(!html.contains("id=\"idm\"") && !html.contains("id=\"sdgs\""));
}

/// Appends `extra` to the minimal site's profile, builds, and checks exit
/// 1 with the whole first line of the message, its position and no page.
fn refused(extra: &str, position: &str, message: &str) {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    site.write("profile.toml", format!("{profile}{extra}"));
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(
        out.starts_with(&format!("1. kesalahan: {message}\n  --> {position}\n")),
        "{out}"
    );
    assert!(out.contains("1 kesalahan, 0 peringatan."), "{out}");
    assert!(!site.path("public/pembangunan").exists());
}

/// The line of the first line of `extra` appended to the minimal profile.
fn line_after_profile(offset: usize) -> usize {
    let site = Site::fixture("minimal");
    site.read("profile.toml").lines().count() + offset
}

#[test]
fn idm_status_that_contradicts_its_score() {
    let line = line_after_profile(5);
    refused(
        "\n[[indices.idm]]\nyear = 2024\nscore = 0.6512\nstatus = \"Maju\"\n",
        &format!("profile.toml:{line}:10"),
        "Status IDM `Maju` tahun 2024 tidak sesuai dengan skornya 0.6512: skor itu berstatus Berkembang (0.5989 < IDM ≤ 0.7072).",
    );
}

#[test]
fn sdgs_score_outside_0_to_100() {
    let line = line_after_profile(4);
    refused(
        "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 3, score = 100.5 }]\n",
        &format!("profile.toml:{line}:30"),
        "Skor SDGs Desa 100.5 untuk tujuan 3 (tahun 2024) harus antara 0 dan 100.",
    );
}

#[test]
fn sdgs_goal_outside_1_to_18() {
    let line = line_after_profile(4);
    refused(
        "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 19, score = 50 }]\n",
        &format!("profile.toml:{line}:19"),
        "Tujuan SDGs Desa nomor 19 (tahun 2024) tidak ada: nomornya 1 sampai 18.",
    );
}

#[test]
fn more_stunted_than_measured() {
    let line = line_after_profile(5);
    refused(
        "\n[[health.stunting]]\nperiod = \"2025-08\"\nmeasured = 20\nstunted = 25\nsource = \"Posyandu\"\n",
        &format!("profile.toml:{line}:11"),
        "Jumlah anak stunting (25) lebih besar dari jumlah anak yang diukur (20) pada periode 2025-08.",
    );
}

#[test]
fn unknown_key_under_stunting_suggests_the_valid_one() {
    let line = line_after_profile(6);
    refused(
        "\n[[health.stunting]]\nperiod = \"2025-08\"\nmeasured = 20\nstunted = 2\nsumber = \"Posyandu\"\n",
        &format!("profile.toml:{line}:1"),
        "Kunci `sumber` tidak dikenal di profile.toml.",
    );
}
