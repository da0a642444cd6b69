//! `warta import wordpress|blogger` (issue 17): the hand-made exports in
//! `tests/import/` into the minimal fixture, then `warta check` and
//! `warta build` on the result, as a site keeper moving a village would.

use std::path::PathBuf;

use crate::images::phone_jpeg;
use crate::support::{Run, Site, repo};

fn export(name: &str) -> String {
    repo().join("tests/import").join(name).display().to_string()
}

/// The minimal site with `--media`: a copy of `wp-content/uploads` whose
/// photos carry a GPS position.
fn site_with_media() -> (Site, PathBuf) {
    let site = Site::fixture("minimal");
    let media = site.dir.path().join("uploads");
    for rel in ["2025/08/foto-posyandu.jpg", "2025/07/panen.jpg"] {
        let p = media.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, phone_jpeg(64, 48)).unwrap();
    }
    (site, media)
}

fn import(site: &Site, args: &[&str]) -> Run {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    site.run(&all)
}

/// Every file below `content/`, relative, with its bytes.
fn content(site: &Site) -> Vec<(String, Vec<u8>)> {
    let root = site.path("content");
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&root).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn check_clean(site: &Site) {
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("; 0 peringatan"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_wordpress_export_becomes_posts_pages_and_aliases() {
    let (site, media) = site_with_media();
    let wxr = export("wordpress.xml");
    let r = import(
        &site,
        &["wordpress", &wxr, "--media", media.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "Impor WordPress: 6 tulisan (1 draf, 1 terjadwal), 2 halaman; 11 entri dilewati.\n\
         Ditulis 8 berkas, 0 sudah ada (tidak ditimpa), 3 foto disalin; 5 alamat lama menjadi aliases.\n\
         1 kategori baru, 1 foto masih di server lama, 2 tulisan dengan catatan.\n\
         Rincian: import-report.md. Lalu jalankan `warta check`.\n"
    );
    let post = site.read("content/berita/2025-08-26-posyandu-balita-krajan/index.md");
    assert_eq!(
        post.split("+++").nth(1).unwrap(),
        "\ntitle = \"Posyandu Balita Dusun Krajan – Agustus\"\n\
         date = 2025-08-26T09:30:00+07:00\n\
         category = \"kesehatan\"\n\
         tags = [\"Berita Desa Lama\", \"posyandu\"]\n\
         author = \"Siti Aminah\"\n\
         summary = \"Sebanyak 64 balita ditimbang & diberi vitamin A.\"\n\
         image = \"foto-posyandu.jpg\"\n\
         image_alt = \"Kader menimbang balita\"\n\
         aliases = [\"/2025/08/posyandu-balita-krajan/\"]\n"
    );
    for want in [
        "Sebanyak **64 balita** ditimbang di Balai Dusun Krajan.\n\n<!-- more -->\n",
        "![Kader menimbang balita](foto-posyandu.jpg)\n\n*Kader menimbang balita di Krajan*",
        "Baca juga [panen jagung](/berita/panen-jagung/) dan tautan jahat.",
        "| Dusun | Balita |\n| --- | --- |\n| Krajan | 64 |",
        "[Tonton video di YouTube](https://www.youtube.com/watch?v=Abc123xyz)",
        "Catatan \\]\\]> selesai.",
    ] {
        assert!(post.contains(want), "{want:?} not in\n{post}");
    }
    for gone in [
        "script",
        "judi",
        "javascript",
        "style",
        "MsoNormal",
        "o:p",
        "wp:paragraph",
    ] {
        assert!(!post.contains(gone), "{gone} in\n{post}");
    }
    // The photo came without its GPS position (the datum names a house).
    let photo = std::fs::read(
        site.path("content/berita/2025-08-26-posyandu-balita-krajan/foto-posyandu.jpg"),
    )
    .unwrap();
    assert!(photo.starts_with(&[0xFF, 0xD8]));
    assert!(!photo.windows(17).any(|w| w == b"RUMAH-SITI-AMINAH"));

    let panen = site.read("content/berita/2025-07-02-panen-jagung/index.md");
    for want in [
        "category = \"pertanian\"\n",
        "author = \"Budi Santoso\"\n",
        "image = \"panen.jpg\"\nimage_alt = \"Panen Jagung di Dusun Sumber\"\n",
        "Petani Dusun Sumber memanen jagung  \n",
        "\n\nHasilnya dibahas di [rapat posyandu](/berita/posyandu-balita-krajan/) juga.",
        "![Kader menimbang balita](foto-posyandu.jpg)",
        "![Jagung di lumbung desa](https://desa-lama.example.id/wp-content/uploads/2025/07/lumbung.jpg)",
        "Teks di dalam pembungkus.",
    ] {
        assert!(panen.contains(want), "{want:?} not in\n{panen}");
    }
    assert!(
        site.read("warta.toml")
            .contains("\npengumuman = \"Pengumuman\"\npertanian = \"Pertanian\"\n")
    );
    let draft = site.read("content/berita/2025-09-01-tanpa-judul-01-09-2025.md");
    assert!(draft.starts_with("+++\ntitle = \"Tanpa judul (01-09-2025)\"\ndate = 2025-09-01T10:00:00+07:00\ndraft = true\n"), "{draft}");
    assert!(!draft.contains("category"), "{draft}");
    let scheduled = site.read("content/berita/2030-01-15-musdes-rkpdes-2031.md");
    assert!(scheduled.contains("date = 2030-01-15T08:00:00+07:00\ncategory = \"pengumuman\"\n"));
    // Two "Kerja Bakti" and the fixture's own kerja-bakti: three addresses.
    assert!(
        site.read("content/berita/2024-01-07-kerja-bakti-2.md")
            .contains("pertama")
    );
    assert!(
        site.read("content/berita/2024-02-04-kerja-bakti-3.md")
            .contains("kedua")
    );
    let page = site.read("content/halaman/sejarah-desa.md");
    assert!(page.contains("aliases = [\"/sejarah-desa/\"]"));
    assert!(
        page.contains("[Lihat peta di Google Maps](<https://www.google.com/maps/embed?pb=!1m18>)")
    );
    assert!(!page.contains("contact-form"));
    assert!(
        !site
            .read("content/halaman/kontak-kami.md")
            .contains("aliases")
    );

    let report = site.read("import-report.md");
    for want in [
        "| tulisan / posts | 4 | 1 | 1 |\n| halaman / pages | 2 | 0 | 0 |",
        "- foto disalin tanpa data lokasi / photos copied without location data: 3",
        "- karakter kendali diganti spasi / control characters replaced by spaces: 1",
        "- tulisan pribadi (private) / private posts: 1\n- di tempat sampah (trash) / trashed: 1\n\
         - draf otomatis (auto-draft) / auto-drafts: 1\n- revisi / revisions: 1\n\
         - lampiran (attachment) / attachments: 3\n- butir menu / menu items: 1\n\
         - jenis lain (plugin) / other types (plugins): 1\n- komentar / comments: 2\n",
        "- Tanpa judul (01-09-2025): https://desa-lama.example.id/?p=12",
        "- `pertanian` = \"Pertanian\"",
        "- https://desa-lama.example.id/kontak/: alamat itu sudah dipakai halaman lain",
        "| `/?p=10` | `/berita/posyandu-balita-krajan/` |\n| `/?p=11` | `/berita/panen-jagung/` |",
        "https://desa-lama.example.id/2025/07/panen-jagung/: https://desa-lama.example.id/wp-content/uploads/2025/07/lumbung.jpg",
        "- Panen Jagung di Dusun Sumber\n",
        "skrip (<script>) dibuang / script removed",
        "[contact-form-7] (formulir/widget) dihapus",
    ] {
        assert!(report.contains(want), "{want:?} not in\n{report}");
    }
    assert!(
        site.read("static/_redirects")
            .contains("\n/ p=10 /berita/posyandu-balita-krajan/ 301!\n")
    );

    check_clean(&site);
    site.build_ok();
    // Old addresses open the new pages.
    for (old, new) in [
        (
            "2025/08/posyandu-balita-krajan/index.html",
            "/berita/posyandu-balita-krajan/",
        ),
        ("2025/07/panen-jagung/index.html", "/berita/panen-jagung/"),
        ("2024/02/kerja-bakti-2/index.html", "/berita/kerja-bakti-3/"),
        ("sejarah-desa/index.html", "/halaman/sejarah-desa/"),
    ] {
        let page = site.read(&format!("public/{old}"));
        assert!(
            page.contains(&format!("https://kim-uji.example.org{new}")),
            "{old}:\n{page}"
        );
    }
    let built = site.read("public/berita/posyandu-balita-krajan/index.html");
    assert!(built.contains("href=\"/berita/panen-jagung/\""), "{built}");
    assert!(
        !site
            .path("public/berita/musdes-rkpdes-2031/index.html")
            .exists()
    );
    assert!(
        !site
            .path("public/berita/tanpa-judul-01-09-2025/index.html")
            .exists()
    );
}

#[test]
fn importing_twice_changes_nothing_unless_overwrite() {
    let (site, media) = site_with_media();
    let wxr = export("wordpress.xml");
    let args = [
        "wordpress",
        wxr.as_str(),
        "--media",
        media.to_str().unwrap(),
    ];
    assert_eq!(import(&site, &args).code, 0);
    let first = content(&site);
    let toml = site.read("warta.toml");
    let r = import(&site, &args);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("Ditulis 0 berkas, 8 sudah ada (tidak ditimpa), 0 foto disalin"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("0 kategori baru"), "{}", r.stdout);
    assert_eq!(content(&site), first);
    assert_eq!(site.read("warta.toml"), toml);

    site.edit(
        "content/berita/2024-01-07-kerja-bakti-2.md",
        "pertama",
        "diubah",
    );
    let r = import(&site, &["wordpress", &wxr, "--overwrite"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("Ditulis 8 berkas, 0 sudah ada"),
        "{}",
        r.stdout
    );
    assert!(
        site.read("content/berita/2024-01-07-kerja-bakti-2.md")
            .contains("pertama")
    );
    // Without --media the bundle became a file again, the old one gone.
    assert!(
        site.path("content/berita/2025-08-26-posyandu-balita-krajan.md")
            .exists()
    );
    assert!(
        !site
            .path("content/berita/2025-08-26-posyandu-balita-krajan")
            .exists()
    );
    check_clean(&site);
}

#[test]
fn categories_follow_the_map_and_a_wrong_map_stops() {
    let site = Site::fixture("minimal");
    site.write("peta.toml", "\"Pertanian\" = \"berita-desa\"\n");
    let map = site.path("peta.toml").display().to_string();
    let r = import(
        &site,
        &[
            "wordpress",
            &export("wordpress.xml"),
            "--map-categories",
            &map,
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        site.read("content/berita/2025-07-02-panen-jagung.md")
            .contains("category = \"berita-desa\"")
    );
    assert!(!site.read("warta.toml").contains("pertanian"));

    let site = Site::fixture("minimal");
    site.write("peta.toml", "\"Pertanian\" = \"tani\"\n");
    let map = site.path("peta.toml").display().to_string();
    let before = content(&site);
    let r = import(
        &site,
        &[
            "wordpress",
            &export("wordpress.xml"),
            "--map-categories",
            &map,
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "1. kesalahan: --map-categories: `Pertanian` dipetakan ke `tani`, kategori yang tidak ada di warta.toml.\n  \
         = cara memperbaiki: Pakai salah satu kategori di warta.toml: berita-desa, kesehatan, pengumuman.\n\n\
         1 kesalahan, 0 peringatan.\n"
    );
    assert_eq!(content(&site), before);
}

#[test]
fn a_blogger_backup_keeps_its_offsets_labels_and_html_addresses() {
    let site = Site::fixture("minimal");
    let r = import(&site, &["blogger", &export("blogger.xml")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "Impor Blogger: 2 tulisan (1 draf, 0 terjadwal), 1 halaman; 5 entri dilewati.\n\
         Ditulis 3 berkas, 0 sudah ada (tidak ditimpa), 0 foto disalin; 2 alamat lama menjadi aliases.\n\
         1 kategori baru, 1 foto masih di server lama, 0 tulisan dengan catatan.\n\
         Rincian: import-report.md. Lalu jalankan `warta check`.\n"
    );
    let post = site.read("content/berita/2024-03-10-panen-raya.md");
    assert_eq!(
        post,
        "+++\ntitle = \"Panen Raya & Syukuran\"\ndate = 2024-03-10T08:15:00+08:00\n\
         category = \"kesehatan\"\ntags = [\"Posyandu Lansia\"]\nauthor = \"Rina Wulandari\"\n\
         aliases = [\"/2024/03/panen-raya.html\"]\n+++\n\n\
         Warga panen raya bersama.\n\n<!-- more -->\n\nSyukuran digelar di balai.  \nBaris kedua.\n\n\
         Paragraf ketiga.\n\n![Panen padi](https://blogger.googleusercontent.com/img/b/R29v/s320/panen.jpg)\n\n\
         Lihat juga [profil](/halaman/profil/).\n"
    );
    let draft = site.read("content/berita/2024-04-01-draf-jalan-usaha-tani.md");
    assert!(
        draft.contains("draft = true\ncategory = \"rencana\"\n"),
        "{draft}"
    );
    assert!(
        draft.contains("Baca [panen](/berita/panen-raya/)."),
        "{draft}"
    );
    let report = site.read("import-report.md");
    for want in [
        "- komentar / comments: 2\n- pengaturan Blogger / Blogger settings: 2\n- templat Blogger / Blogger template: 1\n",
        "- Kesehatan → `kesehatan` (1)\n- Rencana → `rencana` (1)\n",
    ] {
        assert!(report.contains(want), "{want:?} not in\n{report}");
    }
    check_clean(&site);
    site.build_ok();
    for (old, new) in [
        ("2024/03/panen-raya.html", "/berita/panen-raya/"),
        ("p/profil.html", "/halaman/profil/"),
    ] {
        let page = site.read(&format!("public/{old}"));
        assert!(
            page.contains(&format!("https://kim-uji.example.org{new}")),
            "{old}:\n{page}"
        );
    }
}

#[test]
fn a_takeout_feed_is_a_blogger_backup_too() {
    let site = Site::fixture("minimal");
    let r = import(&site, &["blogger", &export("takeout.atom")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with(
            "Impor Blogger: 1 tulisan (0 draf, 0 terjadwal), 0 halaman; 2 entri dilewati.\n"
        ),
        "{}",
        r.stdout
    );
    let post = site.read("content/berita/2023-06-01-bantuan-bibit-kopi.md");
    assert!(post.contains("date = 2023-06-01T01:00:00+00:00\ncategory = \"pertanian\"\nauthor = \"Agus\"\naliases = [\"/2023/06/bantuan-bibit-kopi.html\"]\n"), "{post}");
    check_clean(&site);
}

/// Bad input: exit 1, a message naming the file, nothing in `content/`.
fn refused(command: &str, name: &str, text: &str, lang: &str) -> String {
    let site = Site::fixture("minimal");
    site.write(name, text);
    let before = content(&site);
    let toml = site.read("warta.toml");
    let file = site.path(name).display().to_string();
    let r = import(&site, &[command, &file, "--lang", lang]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(content(&site), before, "{name}");
    assert_eq!(site.read("warta.toml"), toml);
    assert!(!site.path(".warta-import").exists());
    assert!(!site.path("import-report.md").exists());
    r.stderr
        .replace(&site.root().display().to_string(), "[SITE]")
}

#[test]
fn bad_exports_are_refused_with_what_they_are() {
    let wxr = std::fs::read_to_string(export("wordpress.xml")).unwrap();
    let cut = &wxr[..wxr.len() / 2];
    assert_eq!(
        refused("wordpress", "ekspor.xml", cut, "id"),
        "1. kesalahan: Berkas `[SITE]/ekspor.xml` terpotong: XML-nya berhenti sebelum selesai.\n  \
         --> [SITE]/ekspor.xml\n  \
         = cara memperbaiki: Unduh ulang ekspornya; unduhan yang terputus atau berkas yang terlalu besar untuk surel sering terpotong.\n\n\
         1 kesalahan, 0 peringatan.\n"
    );
    assert_eq!(
        refused("wordpress", "ekspor.xml", "ini bukan xml", "en"),
        "1. error: The file `[SITE]/ekspor.xml` is not XML, so it is not a WordPress or Blogger export.\n  \
         --> [SITE]/ekspor.xml:1:1\n  |\n1 | ini bukan xml\n  | ^\n  \
         = how to fix: WordPress: Tools → Export → All content → Download Export File (.xml). Blogger: Settings → Manage blog → Back up content (.xml), or feed.atom from Google Takeout.\n\n\
         1 error(s), 0 warning(s).\n"
    );
    let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>a</title></item></channel></rss>";
    assert!(refused("wordpress", "feed.xml", rss, "id").starts_with(
        "1. kesalahan: Berkas `[SITE]/feed.xml` adalah feed RSS biasa, bukan ekspor WordPress (WXR): tidak ada data `wp:`.\n"
    ));
    let empty = "<rss xmlns:wp=\"http://wordpress.org/export/1.1/\"><channel><wp:wxr_version>1.1</wp:wxr_version>\
                 <item><wp:post_type>attachment</wp:post_type></item></channel></rss>";
    assert!(refused("wordpress", "kosong.xml", empty, "id").starts_with(
        "1. kesalahan: Ekspor WordPress `[SITE]/kosong.xml` tidak berisi tulisan atau halaman untuk diimpor.\n"
    ));
    let entity = "<rss xmlns:wp=\"http://wordpress.org/export/1.0/\"><channel><item><title>A&nbsp;B</title></item></channel></rss>";
    let e = refused("wordpress", "entitas.xml", entity, "id");
    assert!(e.starts_with("1. kesalahan: Berkas `[SITE]/entitas.xml` memakai entitas `&nbsp;` yang tidak dikenal XML.\n  --> [SITE]/entitas.xml:1:"), "{e}");
    assert!(refused("wordpress", "blog.xml", &std::fs::read_to_string(export("blogger.xml")).unwrap(), "id")
        .starts_with("1. kesalahan: Berkas `[SITE]/blog.xml` adalah feed Atom (Blogger), bukan ekspor WordPress.\n"));
}

#[test]
fn bad_blogger_files_are_refused_with_what_they_are() {
    let public_feed = "<feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-1</id>\
        <entry><category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>\
        <title>a</title><content type='html'>a</content></entry></feed>";
    assert_eq!(
        refused("blogger", "feed.xml", public_feed, "id"),
        "1. kesalahan: Berkas `[SITE]/feed.xml` bukan cadangan Blogger: ini feed publik blog (hanya tulisan terbaru), bukan cadangan lengkap.\n  \
         --> [SITE]/feed.xml\n  \
         = cara memperbaiki: Di Blogger buka Setelan → Kelola blog → Cadangkan konten → Unduh, atau ambil feed.atom dari Google Takeout (Blogger), lalu ulangi dengan berkas itu.\n\n\
         1 kesalahan, 0 peringatan.\n"
    );
    let atom = "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>a</title></entry></feed>";
    assert!(refused("blogger", "lain.xml", atom, "en").starts_with(
        "1. error: The file `[SITE]/lain.xml` is not a Blogger backup: no entry is marked as a Blogger post, page or comment.\n"
    ));
    let wxr = std::fs::read_to_string(export("wordpress.xml")).unwrap();
    assert!(refused("blogger", "wp.xml", &wxr, "id").starts_with(
        "1. kesalahan: Berkas `[SITE]/wp.xml` bukan cadangan Blogger: isinya RSS (ekspor WordPress?); untuk WordPress pakai `warta import wordpress`.\n"
    ));
}

/// A post whose dates are all `0000-00-00` (WordPress writes them for
/// some drafts and broken plugins) is not imported: the report lists it,
/// and the terminal summary counts it too.
#[test]
fn undated_posts_are_counted_on_the_terminal_as_in_the_report() {
    let site = Site::fixture("minimal");
    let item = |id: u32, title: &str, date: &str| {
        format!(
            "<item><title>{title}</title><link>https://lama.example.id/?p={id}</link>\
             <content:encoded><![CDATA[<p>Isi {title}.</p>]]></content:encoded>\
             <wp:post_id>{id}</wp:post_id><wp:post_date>{date}</wp:post_date>\
             <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>\
             <wp:post_name>p{id}</wp:post_name><wp:status>publish</wp:status>\
             <wp:post_type>post</wp:post_type></item>"
        )
    };
    let wxr = format!(
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version>{}{}</channel></rss>",
        item(1, "Bertanggal", "2025-01-02 08:00:00"),
        item(2, "Tahun Nol", "0000-00-00 00:00:00"),
    );
    site.write("ekspor.xml", &wxr);
    let file = site.path("ekspor.xml").display().to_string();
    let r = import(&site, &["wordpress", &file]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        "Impor WordPress: 1 tulisan (0 draf, 0 terjadwal), 0 halaman; 0 entri dilewati. 1 tulisan tanpa tanggal tidak diimpor."
    );
    assert!(
        site.read("import-report.md").contains(
            "### Tanpa tanggal, tidak diimpor / Without a date, not imported\n\n- Tahun Nol (https://lama.example.id/?p=2)\n"
        ),
        "{}",
        site.read("import-report.md")
    );
    let r = import(&site, &["wordpress", &file, "--lang", "en"]);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        "WordPress import: 1 posts (0 drafts, 0 scheduled), 0 pages; 0 entries left out. 1 posts without a date not imported."
    );
    check_clean(&site);
}
