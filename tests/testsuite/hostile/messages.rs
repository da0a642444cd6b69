//! Hostile input: writers' mistakes in TOML (dates and times as written,
//! quotes, lists, keys) and values that cannot be true. See the list in
//! `mod.rs`.
//!
//! Each row of a table is one bad input, refused (or warned about, under
//! `--strict`) with exit 1, the message naming `file:line:col`, no panic
//! and the previous `public/` as it was ([`super::refused_with`]).

use super::refused_with;
use crate::support::Site;

const POST: &str = "content/berita/2025-07-01-musim-tanam.md";
const POST_DATE: &str = "date = 2025-07-01T07:00:00+07:00";
const POST_AT: &str = "content/berita/2025-07-01-musim-tanam.md:3:";

/// What the parser says in English and the old hints that pointed the
/// wrong way: none of them may reach a writer for a recognised mistake.
const UNHELPFUL: &[&str] = &[
    "string values must be quoted",
    "expected a TOML datetime",
    "Penulisan TOML",
    "Invalid TOML",
];

/// Replaces `from` by `to` in `file` of the minimal site, runs `args`, and
/// checks the refusal and every `expected` text; returns the output.
fn refused_edit(args: &[&str], file: &str, from: &str, to: &str, expected: &[&str]) -> String {
    let site = Site::fixture("minimal");
    let out = refused_with(&site, args, |s| s.edit(file, from, to), expected);
    for bad in UNHELPFUL {
        assert!(!out.contains(bad), "{bad:?} in:\n{out}");
    }
    out
}

/// The post's date written as `written`: the hint shows `date = <want>`.
fn post_date(written: &str, want: &str) {
    let line = format!("date = {written}");
    let hint = format!("`date = {want}`");
    refused_edit(&["build"], POST, POST_DATE, &line, &[POST_AT, &hint]);
}

#[test]
fn dates_written_day_first_get_their_toml_form() {
    for (written, want) in [
        ("29/11/2026", "2026-11-29"),
        ("\"29/11/2026\"", "2026-11-29"),
        ("26/08/2025", "2025-08-26"),
        ("26-08-2025", "2025-08-26"),
        ("\"26.08.2025\"", "2025-08-26"),
        ("2025/08/26", "2025-08-26"),
        ("2025-8-6", "2025-08-06"),
        ("\"6/8/25\"", "2025-08-06"),
    ] {
        post_date(written, want);
    }
}

#[test]
fn dates_with_month_names_get_their_toml_form() {
    for (written, want) in [
        ("26 Agustus 2025", "2025-08-26"),
        ("\"26 Agustus 2025\"", "2025-08-26"),
        ("26 Agt 2025", "2025-08-26"),
        ("\"1 Mei 2025\"", "2025-05-01"),
        ("17 Nopember 2025", "2025-11-17"),
        ("\"Selasa, 26 Agustus 2025\"", "2025-08-26"),
        ("26 August 2025", "2025-08-26"),
        ("\"Aug 26, 2025\"", "2025-08-26"),
        ("\"26 Des 2025\"", "2025-12-26"),
    ] {
        post_date(written, want);
    }
}

#[test]
fn times_and_offsets_get_their_toml_form() {
    for (written, want) in [
        ("2025-08-26 19.30", "2025-08-26T19:30:00+07:00"),
        ("\"2025-08-26 19.30\"", "2025-08-26T19:30:00+07:00"),
        ("2025-08-26T19:30:00+0700", "2025-08-26T19:30:00+07:00"),
        ("2025-08-26T19:30:00+07", "2025-08-26T19:30:00+07:00"),
        ("\"26/08/2025 19.30 WITA\"", "2025-08-26T19:30:00+08:00"),
        (
            "\"26 Agustus 2025 pukul 19.30 WIB\"",
            "2025-08-26T19:30:00+07:00",
        ),
        ("\"2025-08-26 07:00 WIT\"", "2025-08-26T07:00:00+09:00"),
        ("19.30", "2025-08-26T19:30:00+07:00"),
    ] {
        post_date(written, want);
    }
}

#[test]
fn a_valid_date_in_quotes_is_told_to_lose_them() {
    for (written, want) in [
        ("\"2025-08-26\"", "2025-08-26"),
        ("\"2025-08-26T09:30:00+07:00\"", "2025-08-26T09:30:00+07:00"),
        ("'2025-08-26'", "2025-08-26"),
        ("“2025-08-26”", "2025-08-26"),
    ] {
        let line = format!("date = {written}");
        let hint = format!("Hapus tanda kutipnya: `date = {want}`.");
        refused_edit(&["build"], POST, POST_DATE, &line, &[POST_AT, &hint]);
    }
}

#[test]
fn days_and_times_that_do_not_exist_are_named() {
    for (written, expected) in [
        (
            "2025-02-30",
            "hanya punya 28 hari, jadi tanggal 30 tidak ada",
        ),
        (
            "\"30/02/2024\"",
            "hanya punya 29 hari, jadi tanggal 30 tidak ada",
        ),
        ("2025-13-01", "Bulan ditulis 01 sampai 12"),
        ("2025-08-26T25:99:00", "(jam 25, menit 99)"),
        ("\"26/08/2025 24.30\"", "(jam 24, menit 30)"),
    ] {
        let line = format!("date = {written}");
        refused_edit(&["build"], POST, POST_DATE, &line, &[POST_AT, expected]);
    }
}

#[test]
fn every_date_key_of_a_post_gets_the_same_help() {
    let with = |extra: &str| format!("{POST_DATE}\n{extra}");
    for (extra, line, hint) in [
        ("updated = 02/07/2025", "4:11", "`updated = 2025-07-02`"),
        (
            "expires = \"31 Des 2025\"",
            "4:11",
            "`expires = 2025-12-31`",
        ),
        (
            "[event]\nstart = 2025-08-26 19.30",
            "5:9",
            "`start = 2025-08-26T19:30:00+07:00`",
        ),
        (
            "[event]\nstart = 2025-08-26T19:30:00+07:00\nend = \"26/08/2025 21.00\"",
            "6:7",
            "`end = 2025-08-26T21:00:00+07:00`",
        ),
    ] {
        let at = format!("content/berita/2025-07-01-musim-tanam.md:{line}");
        refused_edit(&["build"], POST, POST_DATE, &with(extra), &[&at, hint]);
    }
}

#[test]
fn messages_are_in_english_with_lang_en() {
    for (written, expected) in [
        (
            "29/11/2026",
            "Write `date = 2026-11-29` (year-month-day, without quotes).",
        ),
        ("\"2025-08-26\"", "Remove the quotes: `date = 2025-08-26`."),
        (
            "2025-08-26 19.30",
            "+07:00 is WIB, write +08:00 for WITA, +09:00 for WIT",
        ),
        ("2025-02-30", "Month 2 of 2025 has only 28 days"),
    ] {
        let line = format!("date = {written}");
        let out = refused_edit(
            &["build", "--lang", "en"],
            POST,
            POST_DATE,
            &line,
            &[POST_AT, expected],
        );
        assert!(out.contains("error: "), "{out}");
    }
}

/// `file:line:col` of the first `needle` in `text`.
fn at(file: &str, text: &str, needle: &str) -> String {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text}"));
    let line = text[..i].matches('\n').count() + 1;
    let col = text[..i].rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{file}:{line}:{col}")
}

/// The minimal profile with `append` added at its end, run with `args`:
/// refused at the first `needle`, with `expected` in the output.
fn profile_refused(args: &[&str], append: &str, needle: &str, expected: &str) -> String {
    let site = Site::fixture("minimal");
    let text = format!("{}{append}\n", site.read("profile.toml"));
    let pos = at("profile.toml", &text, needle);
    refused_with(
        &site,
        args,
        |s| s.write("profile.toml", &text),
        &[&pos, expected],
    )
}

/// An album folder with one photo and `album` as its `album.toml`.
fn album_refused(album: &str, needle: &str, expected: &str) -> String {
    let site = Site::fixture("minimal");
    let pos = at("media/galeri/panen/album.toml", album, needle);
    refused_with(
        &site,
        &["build"],
        |s| {
            s.write(
                "media/galeri/panen/a.jpg",
                crate::images::phone_jpeg(64, 48),
            );
            s.write("media/galeri/panen/album.toml", album);
        },
        &[&pos, expected],
    )
}

#[test]
fn profile_and_album_dates_and_times_get_the_same_help() {
    for (append, needle, hint) in [
        ("founded = 12/05/2019", "12/05", "`founded = 2019-05-12`"),
        (
            "founded = \"12 Mei 2019\"",
            "\"12 Mei",
            "`founded = 2019-05-12`",
        ),
        (
            "[kim.decree]\ndate = 01-02-2020",
            "01-02",
            "`date = 2020-02-01`",
        ),
        (
            "\n[statistics]\nas_of = 30 Juni 2025\nsource = \"Desa\"",
            "30 Juni",
            "`as_of = 2025-06-30`",
        ),
        (
            "\n[[officials]]\nname = \"Budi\"\nterm_start = \"15/01/2020\"",
            "\"15/01",
            "`term_start = 2020-01-15`",
        ),
        (
            "\n[contact]\n[[contact.office_hours]]\nopen = 07.30\nclose = \"15:00\"",
            "07.30",
            "`open = \"07:30\"`",
        ),
        (
            "\n[contact]\n[[contact.office_hours]]\nopen = \"07:30\"\nclose = 25:99",
            "25:99",
            "Jam ditulis 00 sampai 23",
        ),
    ] {
        profile_refused(&["build"], append, needle, hint);
    }
    let album = "title = \"Panen\"\ndate = 26 Agustus 2025\n";
    album_refused(album, "26 Agustus", "`date = 2025-08-26`");
}

/// A post whose line `from` is replaced by `to`, refused at `needle`.
fn post_refused(from: &str, to: &str, needle: &str, expected: &str) -> String {
    let site = Site::fixture("minimal");
    let text = site.read(POST).replacen(from, to, 1);
    let pos = at(POST, &text, needle);
    let out = refused_with(
        &site,
        &["build"],
        |s| s.write(POST, &text),
        &[&pos, expected],
    );
    for bad in UNHELPFUL {
        assert!(!out.contains(bad), "{bad:?} in:\n{out}");
    }
    out
}

const POST_TITLE: &str = "title = \"Musim Tanam Dimulai\"";
const POST_CATEGORY: &str = "category = \"berita-desa\"";

#[test]
fn quotes_from_phones_and_quotes_inside_text_get_their_own_hint() {
    for (line, needle, hint) in [
        ("title = “Musim Tanam”", "“", "`title = \"Musim Tanam\"`"),
        ("title = ‘Musim Tanam’", "‘", "`title = \"Musim Tanam\"`"),
        ("title = \"Musim Tanam”", "\"Musim", "keyboard ponsel"),
        (
            "title = \"Lomba \"KIM\" 2025\"",
            "\"Lomba",
            "`title = 'Lomba \"KIM\" 2025'`",
        ),
        (
            "title = \"Lomba \"KIM\" Jum'at\"",
            "\"Lomba",
            "`title = \"Lomba \\\"KIM\\\" Jum'at\"`",
        ),
        ("title = Musim Tanam", "Musim", "`title = \"Musim Tanam\"`"),
    ] {
        post_refused(POST_TITLE, line, needle, hint);
    }
}

#[test]
fn a_list_where_one_value_belongs_and_the_reverse_get_their_own_hint() {
    for (from, line, needle, hint) in [
        (
            POST_CATEGORY,
            "category = [\"berita-desa\"]",
            "[",
            "Tulis satu nilai tanpa kurung siku: `category = \"berita-desa\"`.",
        ),
        (
            POST_CATEGORY,
            "category = [\"berita-desa\", \"kesehatan\"]",
            "[",
            "Pilih satu, misalnya `category = \"berita-desa\"`",
        ),
        (
            POST_CATEGORY,
            "category = \"berita-desa\"\ntags = \"padi, tanam\"",
            "\"padi",
            "`tags = [\"padi\", \"tanam\"]`",
        ),
        (
            POST_CATEGORY,
            "category = \"berita-desa\"\ndraft = \"true\"",
            "\"true",
            "`draft = true`",
        ),
        (
            POST_CATEGORY,
            "category = \"berita-desa\"\nweight = \"3\"",
            "\"3",
            "`weight = 3`",
        ),
    ] {
        post_refused(from, line, needle, hint);
    }
}

#[test]
fn profile_warta_toml_and_album_quotes_get_the_same_hints() {
    profile_refused(
        &["build"],
        "\n[contact]\nphone = “0341 123456”",
        "“",
        "`phone = \"0341 123456\"`",
    );
    let site = Site::fixture("minimal");
    let text = site
        .read("profile.toml")
        .replace("postal_code = \"65151\"", "postal_code = 65151");
    let pos = at("profile.toml", &text, "65151");
    refused_with(
        &site,
        &["build"],
        |s| s.write("profile.toml", &text),
        &[&pos, "`postal_code = \"65151\"`"],
    );
    for (from, to, needle, hint) in [
        (
            "title = \"KIM Uji Coba\"",
            "title = “KIM Uji Coba”",
            "“",
            "`title = \"KIM Uji Coba\"`",
        ),
        (
            "posts_per_page = 2",
            "posts_per_page = \"2\"",
            "\"2",
            "`posts_per_page = 2`",
        ),
    ] {
        let site = Site::fixture("minimal");
        let text = site.read("warta.toml").replace(from, to);
        let pos = at("warta.toml", &text, needle);
        refused_with(
            &site,
            &["build"],
            |s| s.write("warta.toml", &text),
            &[&pos, hint],
        );
    }
    album_refused("title = “Panen Raya”\n", "“", "`title = \"Panen Raya\"`");
}

#[test]
fn a_quoted_category_key_is_reported_at_its_own_line() {
    for key in ["\"Berita Desa\"", "'kabar desa'", "\"KABAR\""] {
        let site = Site::fixture("minimal");
        let before = site.read("warta.toml");
        let text = format!("{before}{key} = \"Kabar\"\n");
        let pos = format!("warta.toml:{}:1", before.lines().count() + 1);
        refused_with(
            &site,
            &["build"],
            |s| s.write("warta.toml", &text),
            &[&pos, "Kategori"],
        );
    }
}

#[test]
fn every_unknown_key_of_a_file_is_reported_in_one_run() {
    let site = Site::fixture("minimal");
    let text = site
        .read(POST)
        .replacen("title = ", "judul = ", 1)
        .replacen("category = ", "kategori = ", 1)
        .replacen("+++\n\n", "penulis = \"Siti\"\ntags = \"padi\"\n+++\n\n", 1);
    let expected: Vec<String> = [
        ("judul", "`title`"),
        ("kategori", "`category`"),
        ("penulis", "`author`"),
    ]
    .iter()
    .flat_map(|(key, want)| [at(POST, &text, key), format!("Ganti `{key}` dengan {want}")])
    .chain([at(POST, &text, "\"padi"), "`tags = [\"padi\"]`".to_string()])
    .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let out = refused_with(&site, &["build"], |s| s.write(POST, &text), &expected);
    assert!(out.contains("4 kesalahan"), "{out}");

    let site = Site::fixture("minimal");
    let text = site
        .read("profile.toml")
        .replacen("name = \"Ujicoba\"", "nama = \"Ujicoba\"", 1)
        .replacen("district = ", "kecamatan = \"x\"\ndistrict = ", 1)
        + "ketua = \"Budi\"\n";
    let expected: Vec<String> = ["nama", "kecamatan", "ketua"]
        .iter()
        .map(|k| at("profile.toml", &text, k))
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let out = refused_with(
        &site,
        &["build"],
        |s| s.write("profile.toml", &text),
        &expected,
    );
    assert!(
        !out.contains("`name` belum ada"),
        "a renamed key is not also missing:\n{out}"
    );

    let site = Site::fixture("minimal");
    let text = site
        .read("warta.toml")
        .replacen("description = ", "deskripsi = ", 1)
        + "\n[build]\nminfy = true\n";
    let expected = [
        at("warta.toml", &text, "deskripsi"),
        at("warta.toml", &text, "minfy"),
    ];
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    refused_with(
        &site,
        &["build"],
        |s| s.write("warta.toml", &text),
        &expected,
    );

    let album = "judul = \"Panen\"\n\n[[photos]]\nfile = \"a.jpg\"\nketerangan = \"x\"\n";
    let out = album_refused(album, "judul", "Ganti `judul` dengan `title`");
    assert!(
        out.contains(&at("media/galeri/panen/album.toml", album, "keterangan")),
        "{out}"
    );
}

#[test]
fn profile_values_that_cannot_be_true_are_errors() {
    for (year, expected) in [
        ("0", "tahun 0 terlalu awal"),
        ("-5", "tahun -5 terlalu awal"),
        ("3000", "tahun 3000 belum tiba"),
        ("195", "tahun 195 terlalu awal"),
    ] {
        let site = Site::fixture("minimal");
        let line = format!("founded_year = {year}\n");
        let text =
            site.read("profile.toml")
                .replacen("history_page", &format!("{line}history_page"), 1);
        let pos = at("profile.toml", &text, &format!("{year}\n"));
        refused_with(
            &site,
            &["build"],
            |s| s.write("profile.toml", &text),
            &[&pos, expected],
        );
    }
    for (append, needle, expected) in [
        (
            "\n[[officials]]\nname = \"Budi\"\nterm_start = 2020-01-15\nterm_end = 2014-01-15",
            "2014-01-15",
            "Masa jabatan berakhir (2014-01-15) sebelum dimulai (2020-01-15).",
        ),
        (
            "founded = 2999-01-01",
            "2999-01-01",
            "`kim.founded` = 2999-01-01 masih di masa depan.",
        ),
        (
            "[kim.decree]\nnumber = \"1\"\ndate = 2998-05-01",
            "2998-05-01",
            "`kim.decree.date` = 2998-05-01 masih di masa depan.",
        ),
        (
            "\n[contact]\n[[contact.office_hours]]\nopen = \"25:99\"\nclose = \"15:00\"",
            "\"25:99\"",
            "Jam `25:99` di `contact.office_hours.open` tidak ada",
        ),
        (
            "\n[[tourism]]\nname = \"Air Terjun\"\nopening_hours = \"Setiap hari 07.00–25.99\"",
            "\"Setiap",
            "Jam `25.99` di `tourism.opening_hours` tidak ada.",
        ),
        (
            "\n[location]\nmap_zoom = 25",
            "25",
            "`location.map_zoom = 25` tidak ada di peta",
        ),
        (
            "\n[location]\nelevation_masl = 9000.0",
            "9000",
            "Ketinggian `elevation_masl = 9000` tidak mungkin",
        ),
        (
            "\n[location]\narea_ha = 0.0",
            "0.0",
            "Luas `area_ha = 0` tidak mungkin",
        ),
        (
            "\n[location]\narea_ha = -12.5",
            "-12.5",
            "Luas `area_ha = -12.5` tidak mungkin",
        ),
        (
            "\n[statistics]\nas_of = 2025-06-30\nsource = \"Desa\"\npopulation = 120\nhouseholds = 400",
            "400",
            "Jumlah KK (`households = 400`) lebih banyak dari jumlah penduduk (120).",
        ),
    ] {
        profile_refused(&["build"], append, needle, expected);
    }
}

#[test]
fn profile_values_a_person_might_mean_are_warnings_that_strict_refuses() {
    for (append, needle, expected) in [
        (
            "\n[contact]\n[[contact.office_hours]]\nopen = \"08:00\"\nclose = \"03:00\"",
            "\"03:00\"",
            "Kantor tutup (03:00) sebelum atau saat buka (08:00).",
        ),
        (
            "\n[statistics]\nas_of = 2990-06-30\nsource = \"Desa\"",
            "2990-06-30",
            "Tanggal data `statistics.as_of` = 2990-06-30 masih di masa depan.",
        ),
    ] {
        profile_refused(&["build", "--strict"], append, needle, expected);
        let site = Site::fixture("minimal");
        let text = format!("{}{append}\n", site.read("profile.toml"));
        site.write("profile.toml", &text);
        let r = site.run(&["build"]);
        assert_eq!(
            r.code,
            0,
            "a warning alone does not stop a build:\n{}",
            r.output(&site)
        );
        let warning = format!("peringatan: {expected}");
        assert!(r.output(&site).contains(&warning), "{}", r.output(&site));
    }
}

#[test]
fn post_dates_out_of_order_are_errors() {
    for (extra, needle, expected) in [
        (
            "expires = 2025-06-30",
            "2025-06-30",
            "Pengumuman berakhir (`expires` = 2025-06-30) sebelum tanggal terbitnya (`date`, 2025-07-01).",
        ),
        (
            "expires = 2025-07-01T06:00:00+07:00",
            "2025-07-01T06",
            "Pengumuman berakhir (`expires` = 2025-07-01T06:00:00+07:00)",
        ),
        (
            "updated = 2024-12-31",
            "2024-12-31",
            "Tulisan diperbarui (`updated` = 2024-12-31) sebelum tanggal terbitnya",
        ),
    ] {
        post_refused(
            POST_DATE,
            &format!("{POST_DATE}\n{extra}"),
            needle,
            expected,
        );
    }
    // The same day, or later, is fine.
    let site = Site::fixture("minimal");
    site.edit(
        POST,
        POST_DATE,
        &format!("{POST_DATE}\nexpires = 2025-07-01\nupdated = 2025-07-02"),
    );
    site.build_ok();
}

#[test]
fn a_photo_listed_twice_in_album_toml_is_an_error() {
    let album = "title = \"Panen\"\n\n[[photos]]\nfile = \"a.jpg\"\ncaption = \"Satu\"\n\n[[photos]]\nfile = \"a.jpg\"\ncaption = \"Dua\"\n";
    let second = album.rfind("\"a.jpg\"").unwrap();
    let site = Site::fixture("minimal");
    let line = album[..second].matches('\n').count() + 1;
    let pos = format!("media/galeri/panen/album.toml:{line}:8");
    refused_with(
        &site,
        &["build"],
        |s| {
            s.write(
                "media/galeri/panen/a.jpg",
                crate::images::phone_jpeg(64, 48),
            );
            s.write("media/galeri/panen/album.toml", album);
        },
        &[&pos, "Foto `a.jpg` sudah tercantum di baris 4 album.toml."],
    );
}

#[test]
fn settings_out_of_their_range_are_errors() {
    for (append, needle, expected) in [
        (
            "[build]\nsitemap_max_urls = 0",
            "sitemap_max_urls",
            "`[build] sitemap_max_urls = 0` harus antara 1 dan 50000.",
        ),
        (
            "[build]\nsitemap_max_urls = 60000",
            "sitemap_max_urls",
            "`[build] sitemap_max_urls = 60000` harus antara 1 dan 50000.",
        ),
        (
            "[feeds]\nlimit = 0",
            "limit",
            "`[feeds] limit = 0` harus antara 1 dan 1000.",
        ),
        (
            "[feeds]\nlimit = 100000",
            "limit",
            "`[feeds] limit = 100000` harus antara 1 dan 1000.",
        ),
        (
            "[images]\nquality = 0",
            "quality",
            "`[images] quality = 0` harus antara 1 dan 100.",
        ),
        (
            "[images]\nwidths = [0]",
            "widths",
            "`[images] widths = [0]` tidak bisa dipakai",
        ),
    ] {
        let site = Site::fixture("minimal");
        let text = format!("{}\n{append}\n", site.read("warta.toml"));
        let pos = at("warta.toml", &text, needle);
        refused_with(
            &site,
            &["build"],
            |s| s.write("warta.toml", &text),
            &[&pos, expected],
        );
    }
    let site = Site::fixture("minimal");
    let text = site
        .read("warta.toml")
        .replace("posts_per_page = 2", "posts_per_page = 0");
    let pos = "warta.toml:5:18".to_string();
    refused_with(
        &site,
        &["build"],
        |s| s.write("warta.toml", &text),
        &[&pos, "`posts_per_page` harus antara 1 dan 1000."],
    );
}

#[test]
fn several_mistakes_of_one_post_are_all_reported_in_one_run() {
    let site = Site::fixture("minimal");
    let text = site
        .read(POST)
        .replacen(POST_TITLE, "title = “Musim Tanam”", 1)
        .replacen(POST_DATE, "date = 01/07/2025 07.00", 1)
        .replacen(
            POST_CATEGORY,
            "kategori = [\"berita-desa\"]\nexpires = 31 Des 2025",
            1,
        );
    let expected = [
        at(POST, &text, "“"),
        "`title = \"Musim Tanam\"`".to_string(),
        at(POST, &text, "01/07"),
        "`date = 2025-07-01T07:00:00+07:00`".to_string(),
        at(POST, &text, "kategori"),
        "Ganti `kategori` dengan `category`".to_string(),
        at(POST, &text, "[\"berita"),
        "Tulis satu nilai tanpa kurung siku".to_string(),
        at(POST, &text, "31 Des"),
        "`expires = 2025-12-31`".to_string(),
        "5 kesalahan".to_string(),
    ];
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    refused_with(&site, &["build"], |s| s.write(POST, &text), &expected);
}
