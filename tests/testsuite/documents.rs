//! `/dokumen/`: the public documents of `media/dokumen/dokumen.toml`,
//! by kind and year, each with its page, its download (the file's own
//! bytes) and its `DigitalDocument`; the Perdes on their own list; and
//! the mistakes in `dokumen.toml`, at their line.

use crate::support::Site;

const PERDES: &str = "media/dokumen/perdes-5-2025-apbdes-2026.pdf";

#[test]
fn documents_are_listed_paged_and_downloadable() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let list = site.read("public/dokumen/index.html");
    assert!(list.contains(
        "<h2 id=\"jenis-perdes\" class=\"block-title\">Peraturan Desa</h2>\n<h3>Tahun 2025</h3>"
    ));
    assert!(list.contains("<h2 id=\"jenis-laporan\" class=\"block-title\">Laporan</h2>"));
    assert!(
        list.find("jenis-perdes") < list.find("jenis-laporan"),
        "Perdes first"
    );
    assert!(list.contains(
        "Nomor 5 Tahun 2025 · <time datetime=\"2025-12-20\">20 Desember 2025</time> · \
         <a href=\"/media/dokumen/perdes-5-2025-apbdes-2026.pdf\" download=\"perdes-5-2025-apbdes-2026.pdf\">Unduh"
    ));
    assert!(list.contains("(PDF, 2 KB)</p>"), "format and size");
    assert!(list.contains("<a href=\"/dokumen/perdes/\">Daftar Peraturan Desa →</a>"));

    let perdes = site.read("public/dokumen/perdes/index.html");
    assert!(perdes.contains("<h1>Daftar Peraturan Desa Sukamaju</h1>"));
    assert!(perdes.contains("/dokumen/perdes-5-2025-apbdes-2026/"));
    assert!(
        !perdes.contains("/dokumen/laporan-realisasi-apbdes-2025/"),
        "Perdes only"
    );

    let page = site.read("public/dokumen/perdes-5-2025-apbdes-2026/index.html");
    assert!(page.contains("<div><dt>Berkas</dt><dd>PDF, 2 KB</dd></div>"));
    assert!(page.contains("\"@type\":\"DigitalDocument\""));
    assert!(page.contains("\"contentUrl\":\"https://kim-sukamaju.example.org/media/dokumen/perdes-5-2025-apbdes-2026.pdf\",\"encodingFormat\":\"application/pdf\""));
    // Published as it is, and the settings file not at all.
    assert_eq!(
        std::fs::read(site.path(&format!("public/{PERDES}"))).unwrap(),
        std::fs::read(site.path(PERDES)).unwrap()
    );
    assert!(!site.path("public/media/dokumen/dokumen.toml").exists());
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/dokumen/perdes-5-2025-apbdes-2026/</loc>"));
    let home = site.read("public/index.html");
    assert!(home.contains("<li><a href=\"/dokumen/\">Dokumen publik</a></li>"));
}

#[test]
fn a_listed_file_that_does_not_exist_is_an_error_at_its_line() {
    let site = Site::fixture("content-example");
    site.edit(
        "media/dokumen/dokumen.toml",
        "file = \"laporan-realisasi-apbdes-2025.pdf\"",
        "file = \"laporan-realisasi-apbdes-2024.pdf\"",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 1, "{out}");
    assert!(
        out.starts_with(
            "1. kesalahan: Berkas `laporan-realisasi-apbdes-2024.pdf` tidak ada di folder media/dokumen/.\n  \
             --> media/dokumen/dokumen.toml:14:8\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("Mungkin maksudnya `laporan-realisasi-apbdes-2025.pdf`."),
        "{out}"
    );
}

#[test]
fn a_document_over_20_mb_warns_naming_the_host_limit() {
    let site = Site::fixture("minimal");
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(21_000_000, b' ');
    site.write("media/dokumen/laporan-besar.pdf", &big);
    site.write("media/dokumen/rencana.docx", "PK");
    site.write(
        "media/dokumen/dokumen.toml",
        "[[documents]]\nfile = \"laporan-besar.pdf\"\ntitle = \"Laporan\"\nkind = \"laporan\"\nyear = 2025\n\n\
         [[documents]]\nfile = \"rencana.docx\"\ntitle = \"Rencana\"\nkind = \"lainnya\"\nyear = 2025\n",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 0, "warnings do not stop the build:\n{out}");
    assert!(out.contains(
        "peringatan: `laporan-besar.pdf` berukuran 21.0 MB, lebih dari 20 MB: Cloudflare Pages menolak berkas di atas 25 MiB, GitHub menolak di atas 100 MB"
    ), "{out}");
    assert!(out.contains("--> media/dokumen/dokumen.toml:2:8"), "{out}");
    assert!(
        out.contains("peringatan: `rencana.docx` bukan PDF: diterbitkan apa adanya"),
        "{out}"
    );
    assert!(out.contains("--> media/dokumen/dokumen.toml:8:8"), "{out}");
    let page = site.read("public/dokumen/rencana/index.html");
    assert!(
        page.contains("Berkas ini bukan PDF"),
        "the page says so too"
    );
    assert_eq!(site.read("public/media/dokumen/rencana.docx"), "PK");
}
