//! `warta report` (issue 18): a month's KIM report as one self-contained
//! HTML file (and a PDF printed by Chromium, in the browser group), a
//! year's contest pack as a ZIP listed and opened here, and the inputs
//! that make nothing: a month that is not one, a month or a year without
//! posts. Nothing half-written is ever left in the output folder.

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use crate::support::{self, Site};

/// The names in a folder, sorted (none when it does not exist).
fn names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn month_report_is_one_self_contained_file() {
    let site = Site::fixture("content-example");
    let r = site.run(&["report", "--month", "2026-11"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert_eq!(
        r.output(&site),
        "Ditulis: [SITE]/laporan/laporan-kim-2026-11.html\n"
    );
    assert_eq!(names(&site.path("laporan")), ["laporan-kim-2026-11.html"]);
    let html = site.read("laporan/laporan-kim-2026-11.html");
    for part in [
        "<h1>Laporan kegiatan November 2026</h1>",
        "<div><dt>Networking</dt><dd>2</dd></div>",
        "<title id=\"grafik-adinda-t\">Tulisan per prinsip ADINDA · November 2026</title>",
        // Stylesheets inlined, the print rules still for print only.
        "<style media=\"print\">/* The KIM monthly report",
        "@page{size:A4;margin:15mm 15mm 18mm}",
        // The village logo as a picture inside the file.
        "src=\"data:image/",
        // Links lead to the published site.
        "<a href=\"https://kim-sukamaju.example.org/agenda/sosialisasi-bahaya-judi-online/\">",
    ] {
        assert!(html.contains(part), "missing {part} in:\n{html}");
    }
    for absent in [
        "<link rel=\"stylesheet\"",
        "srcset=",
        "href=\"/",
        "src=\"/",
        "loading=\"lazy\"",
    ] {
        assert!(!html.contains(absent), "{absent} left in:\n{html}");
    }
    // The site itself is not built by a report.
    assert!(!site.path("public").exists());
}

#[test]
fn pdf_without_chromium_says_so_and_writes_the_html() {
    let site = Site::fixture("content-example");
    let out = site.dir.path().join("keluar");
    let r = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["report", "--month", "2026-11", "--pdf", "--output"])
        .arg(&out)
        .arg("--root")
        .arg(site.root())
        .env("LANG", "C")
        .env("WARTA_CHROMIUM", site.dir.path().join("tidak-ada"))
        .output()
        .unwrap();
    let stderr = support::without_progress(&String::from_utf8_lossy(&r.stderr));
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "Chromium tidak ditemukan, jadi PDF tidak dibuat; berkas HTML-nya sudah ditulis. Pasang Chromium (apt-get install chromium) atau setel WARTA_CHROMIUM, atau buka HTML-nya di peramban lalu Cetak > Simpan sebagai PDF.\n"
    );
    assert_eq!(names(&out), ["laporan-kim-2026-11.html"]);
}

#[test]
fn a_month_that_is_not_one_is_refused_in_both_languages() {
    let site = Site::fixture("content-example");
    let r = site.run(&["report", "--month", "2026-13"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.output(&site),
        "kesalahan: `2026-13` bukan bulan: tulis tahun-bulan, misalnya 2026-11 (bulan 01 sampai 12).\n\
         error: `2026-13` is not a month: write year-month, such as 2026-11 (month 01 to 12).\n"
    );
    assert!(!site.path("laporan").exists());
}

#[test]
fn a_month_without_posts_has_no_report() {
    let site = Site::fixture("content-example");
    let r = site.run(&["report", "--month", "2024-02"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.output(&site),
        "1. kesalahan: Tidak ada tulisan pada Februari 2024, jadi tidak ada laporan kegiatan bulan itu.\n  \
         = cara memperbaiki: Bulan terbaru yang punya laporan: 2026-11, 2026-10, 2026-09, 2026-08, 2026-07, 2026-06.\n\n\
         1 kesalahan, 0 peringatan.\n"
    );
    assert!(!site.path("laporan").exists());
}

#[test]
fn a_year_without_posts_has_no_pack() {
    let site = Site::fixture("content-example");
    let r = site.run(&["report", "--year", "2019", "--zip"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.output(&site),
        "1. kesalahan: Tidak ada tulisan pada tahun 2019, jadi tidak ada paket lomba tahun itu.\n  \
         = cara memperbaiki: Tahun yang punya tulisan: 2026, 2025.\n\n\
         1 kesalahan, 0 peringatan.\n"
    );
    assert!(!site.path("laporan").exists());
}

#[test]
fn no_report_without_a_kim() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    site.write(
        "profile.toml",
        profile.replace("[kim]\nname = \"KIM Ujicoba\"\n", ""),
    );
    let r = site.run(&["report", "--month", "2025-08"]);
    assert_eq!(r.code, 1);
    assert!(
        r.output(&site).starts_with(
            "1. kesalahan: Profil desa belum punya bagian [kim]: laporan kegiatan adalah laporan KIM.\n  --> profile.toml\n"
        ),
        "{}",
        r.output(&site)
    );
}

#[test]
fn contest_pack_holds_the_kim_the_years_reports_and_ten_posts() {
    let site = Site::fixture("content-example");
    let r = site.run(&["report", "--year", "2026", "--zip"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert_eq!(names(&site.path("laporan")), ["paket-lomba-kim-2026.zip"]);
    let file = std::fs::File::open(site.path("laporan/paket-lomba-kim-2026.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("a ZIP");
    let mut listed: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a UTF-8 name").into_owned())
        .collect();
    listed.sort();
    let d = "paket-lomba-kim-2026/";
    let months = ["02", "04", "05", "06", "07", "08", "09", "10", "11"];
    let mut expected: Vec<String> = [
        "00-daftar-isi.txt",
        "01-kim.html",
        "02-profil-desa.html",
        "03-statistik.html",
        "04-pembangunan.html",
    ]
    .iter()
    .map(|n| format!("{d}{n}"))
    .chain(months.iter().map(|m| format!("{d}laporan/2026-{m}.html")))
    .collect();
    let posts: Vec<&String> = listed.iter().filter(|n| n.contains("/tulisan/")).collect();
    assert_eq!(posts.len(), 10, "{listed:?}");
    // Pinned first: the contest win is the year's pinned post.
    assert_eq!(
        posts[0],
        &format!("{d}tulisan/01-kim-sukamaju-juara-lomba-kim.html")
    );
    expected.extend(posts.iter().map(|p| p.to_string()));
    expected.sort();
    assert_eq!(listed, expected);

    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut s = String::new();
        zip.by_name(&format!("{d}{name}"))
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let contents = read(&mut zip, "00-daftar-isi.txt");
    assert!(
        contents.starts_with(
            "Paket lomba KIM Sukamaju Berdaya, Desa Sukamaju, tahun 2026\n\
             Dibuat oleh warta "
        ),
        "{contents}"
    );
    assert!(
        contents.contains("Laporan kegiatan November 2026\n    laporan/2026-11.html\n"),
        "{contents}"
    );
    let kim = read(&mut zip, "01-kim.html");
    assert!(kim.contains("188/21/KEP/35.07.34.2007/2018"), "the decree");
    assert!(kim.contains("KIM-3507-0042"), "the registration number");
    assert!(!kim.contains("<link rel=\"stylesheet\""));
    let november = read(&mut zip, "laporan/2026-11.html");
    assert!(november.contains("<h1>Laporan kegiatan November 2026</h1>"));
}

/// The browser group: Chromium prints the report to an A4 PDF.
#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn month_report_prints_to_an_a4_pdf() {
    let chromium = std::env::var("WARTA_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).is_file(),
        "This test needs Chromium at {chromium} (or set WARTA_CHROMIUM), or WARTA_SKIP_BROWSER=1."
    );
    let site = Site::fixture("content-example");
    let r = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["report", "--month", "2026-11", "--pdf", "--root"])
        .arg(site.root())
        .env("LANG", "C")
        .env("WARTA_CHROMIUM", &chromium)
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&r.stdout),
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(r.status.code(), Some(0), "{out}");
    assert_eq!(
        names(&site.path("laporan")),
        ["laporan-kim-2026-11.html", "laporan-kim-2026-11.pdf"],
        "{out}"
    );
    let pdf = std::fs::read(site.path("laporan/laporan-kim-2026-11.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    // Page objects, not the `/Type /Pages` tree above them.
    let pages = text
        .match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + 11..].starts_with('s'))
        .count();
    assert!((1..=3).contains(&pages), "{pages} pages");
    // Every page is A4 (595 x 842 points).
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| &text[i..i + 40])
        .collect();
    assert!(!boxes.is_empty(), "no page size in the PDF");
    for b in boxes {
        assert!(
            b.starts_with("/MediaBox [0 0 594.9") && b.contains(" 841.9"),
            "{b}"
        );
    }
}
