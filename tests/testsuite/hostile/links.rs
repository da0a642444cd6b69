//! Hostile input: see the list in `mod.rs`. The URL policy (links in
//! bodies, front matter, the profile and the menu) and dates out of range.

use super::{refused, refused_with};
use crate::support::Site;

/// Hostile links in a Markdown body, each in its own post, with what the
/// build must warn about. The payload `alert(71)` must reach no `href` or
/// `src` anywhere (nor any file at all when the link text is not the URL).
const BODY_LINKS: &[(&str, &str)] = &[
    (
        "[klik](javascript:alert(71))",
        "Tautan `javascript:alert(71)` dibuang",
    ),
    ("[klik](JaVaScRiPt:alert(71))", "skema `javascript:`"),
    ("[klik](java&#x73;cript:alert(71))", "skema `javascript:`"),
    ("[klik](java&#115;cript:alert(71))", "skema `javascript:`"),
    ("[klik](java&#9;script:alert(71))", "skema `javascript:`"),
    ("[klik](javascript&colon;alert(71))", "skema `javascript:`"),
    ("[klik]( javascript:alert(71) )", "skema `javascript:`"),
    (
        "[klik][r]\n\n[r]: javascript:alert(71)",
        "skema `javascript:`",
    ),
    (
        "[klik][]\n\n[klik]: <JAVASCRIPT:alert(71)>",
        "skema `javascript:`",
    ),
    ("[klik](vbscript:alert(71))", "skema `vbscript:`"),
    (
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCg3MSk8L3NjcmlwdD4=)",
        "skema `data:`",
    ),
    ("[klik](file:///etc/passwd#alert(71))", "skema `file:`"),
    (
        "![foto kader](javascript:alert(71))",
        "Gambar `javascript:alert(71)` dibuang",
    ),
    ("![foto](data:image/svg+xml,alert(71))", "skema `data:`"),
    (
        "[![foto](data:x,alert(71))](javascript:alert(71))",
        "dibuang",
    ),
];

/// Autolinks show their URL as text once dropped.
const AUTOLINKS: &[&str] = &[
    "<javascript:alert(71)>",
    "<JaVaScRiPt:alert(71)>",
    "<vbscript:alert(71)>",
    "<data:text/html,alert(71)>",
];

fn post(n: usize, body: &str) -> (String, String) {
    let rel = format!("content/berita/2025-08-{:02}-xss-{n}.md", n % 28 + 1);
    let text = format!(
        "+++\ntitle = \"Uji {n}\"\ndate = 2025-08-01\ncategory = \"berita-desa\"\n+++\n\nSatu.\n\n{body}\n"
    );
    (rel, text)
}

/// Decodes what a browser decodes in an attribute before reading a scheme.
fn attribute_scheme(value: &str) -> String {
    let mut s = value.replace("&amp;", "&").replace("&colon;", ":");
    for (from, to) in [
        ("&#x3a;", ":"),
        ("&#58;", ":"),
        ("&#x73;", "s"),
        ("&#115;", "s"),
    ] {
        s = s.replace(from, to);
    }
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    s.to_ascii_lowercase()
}

/// Every `href`/`src` of every HTML file under `dir` must be harmless.
fn assert_no_dangerous_attribute(dir: &std::path::Path) {
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".json")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for attr in ["href=", "src=", "href\\\":", "url\":"] {
            for piece in text.split(attr).skip(1) {
                let value: String = piece
                    .trim_start_matches(['"', '\'', '\\'])
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | '>' | '\\'))
                    .collect();
                let v = attribute_scheme(&value);
                for bad in ["javascript:", "vbscript:", "data:", "file:"] {
                    assert!(
                        !v.starts_with(bad),
                        "{}: {attr}{value}",
                        entry.path().display()
                    );
                }
            }
        }
    }
}

/// A copy of `minimal` with every hostile body, and where each warns:
/// (file, line, text of the warning).
fn hostile_body_site() -> (Site, Vec<(String, usize, &'static str)>) {
    let site = Site::fixture("minimal");
    let mut expect = Vec::new();
    for (n, (body, warning)) in BODY_LINKS.iter().enumerate() {
        let (rel, text) = post(n, body);
        site.write(&rel, text);
        expect.push((rel, 9, *warning));
    }
    for (n, body) in AUTOLINKS.iter().enumerate() {
        let (rel, text) = post(100 + n, body);
        site.write(&rel, text);
        expect.push((rel, 9, "dibuang"));
    }
    // The history page's excerpt is shown on /profil/.
    site.write(
        "content/profil/sejarah.md",
        "+++\ntitle = \"Sejarah Desa\"\n+++\n\nDesa ini [berdiri](javascript:alert(71)) pada 1952 ![foto](vbscript:alert(71)).\n",
    );
    expect.push(("content/profil/sejarah.md".into(), 5, "dibuang"));
    (site, expect)
}

/// Builds with `args` into `out_dir`: exit 0, each warning at its
/// file:line, no dangerous attribute anywhere, the history excerpt clean.
fn check_hostile_body_build(
    site: &Site,
    expect: &[(String, usize, &str)],
    args: &[&str],
    out_dir: &std::path::Path,
) {
    let r = site.run(args);
    let out = r.output(site);
    assert_eq!(r.code, 0, "{out}");
    assert!(!out.contains("panicked"), "{out}");
    for (rel, line, warning) in expect {
        let at = format!("{rel}:{line}:");
        let block = out
            .split("\n\n")
            .find(|b| b.contains(&at))
            .unwrap_or_else(|| panic!("no warning at {at} in:\n{out}"));
        assert!(block.contains("peringatan"), "{block}");
        assert!(block.contains(warning), "{warning:?} not in:\n{block}");
    }
    assert_no_dangerous_attribute(out_dir);
    let profil = std::fs::read_to_string(out_dir.join("profil/index.html")).unwrap();
    assert!(
        profil.contains("Desa ini berdiri pada 1952 foto."),
        "{profil}"
    );
    assert!(!profil.contains("alert(71)"), "{profil}");
}

#[test]
fn hostile_body_links_are_dropped_to_their_text_with_a_warning() {
    let (site, expect) = hostile_body_site();
    check_hostile_body_build(&site, &expect, &["build"], &site.path("public"));
    let page = site.read("public/berita/xss-0/index.html");
    assert!(page.contains("<p>klik</p>"), "{page}");
    let image = site.read("public/berita/xss-12/index.html");
    assert!(image.contains("<p>foto kader</p>"), "{image}");
    let auto = site.read("public/berita/xss-100/index.html");
    assert!(auto.contains("<p>javascript:alert(71)</p>"), "{auto}");
    // Where the link text is not the URL, the payload is nowhere in the page.
    for (n, (body, _)) in BODY_LINKS.iter().enumerate() {
        let page = site.read(&format!("public/berita/xss-{n}/index.html"));
        assert!(!page.contains("alert(71)"), "{body}: {page}");
    }
}

#[test]
fn hostile_body_links_stay_out_of_minified_and_portable_sites() {
    let (site, expect) = hostile_body_site();
    site.edit(
        "warta.toml",
        "posts_per_page = 2",
        "posts_per_page = 2\n[build]\nminify = true",
    );
    check_hostile_body_build(&site, &expect, &["build"], &site.path("public"));
    let out = site.dir.path().join("portable");
    let args = ["build", "--portable", "--output", out.to_str().unwrap()];
    check_hostile_body_build(&site, &expect, &args, &out);
}

/// Front matter URLs that must be refused: (the key's lines, what is quoted).
const FRONT_MATTER_URLS: &[(&str, &str)] = &[
    (
        "[source]\nname = \"K\"\nurl = \"javascript:alert(1)\"",
        "`source.url`",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"JaVaScRiPt:alert(1)\"",
        "skema `javascript:`",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"java&#x73;cript:alert(1)\"",
        "skema `javascript:`",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"java\\tscript:alert(1)\"",
        "java\\u{9}script",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"\\u0001 javascript:alert(1)\"",
        "skema `javascript:`",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"vbscript:msgbox(1)\"",
        "skema `vbscript:`",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"data:text/html;base64,PHNjcmlwdD4=\"",
        "skema `data:`",
    ),
    (
        "[source]\nname = \"K\"\nurl = \"file:///etc/passwd\"",
        "skema `file:`",
    ),
    ("image = \"javascript:alert(1)\"", "`image`"),
    (
        "image = \"data:image/svg+xml,<svg onload=alert(1)>\"",
        "skema `data:`",
    ),
];

#[test]
fn front_matter_urls_with_a_refused_scheme_are_errors_at_their_line() {
    for (keys, quoted) in FRONT_MATTER_URLS {
        let key_line = 4 + keys.lines().count() - 1;
        refused(
            |s| {
                s.write(
                    "content/berita/sumber.md",
                    format!("+++\ntitle = \"Sumber\"\ndate = 2025-08-01\n{keys}\n+++\nIsi.\n"),
                )
            },
            &[
                &format!("content/berita/sumber.md:{key_line}:"),
                "tidak diizinkan",
                quoted,
                "https://",
            ],
        );
    }
}

/// profile.toml additions whose address must be refused, with the key path
/// the message names.
const PROFILE_URLS: &[(&str, &str)] = &[
    (
        "[social]\nfacebook = \"javascript:alert(1)\"",
        "social.facebook",
    ),
    (
        "[social]\ninstagram = \"JaVaScRiPt:alert(1)\"",
        "social.instagram",
    ),
    (
        "[social]\nwhatsapp_channel = \"java&#x73;cript:x\"",
        "social.whatsapp_channel",
    ),
    ("[social]\nyoutube = \"vbscript:x\"", "social.youtube"),
    (
        "[social]\ntiktok = \"data:text/html;base64,PHNjcmlwdD4=\"",
        "social.tiktok",
    ),
    (
        "[social]\ntelegram = \"java\\nscript:x\"",
        "social.telegram",
    ),
    ("[social]\nx = \" javascript:x\"", "social.x"),
    (
        "[contact]\ncomplaints = \"javascript:alert(1)\"",
        "contact.complaints",
    ),
    (
        "[[products]]\nname = \"Kopi\"\n[products.marketplace]\nshopee = \"javascript:alert(1)\"",
        "products.marketplace.shopee",
    ),
    (
        "[[products]]\nname = \"Kopi\"\nphotos = [\"data:image/svg+xml,x\"]",
        "products.photos",
    ),
    (
        "[[tourism]]\nname = \"Curug\"\nphotos = [\"javascript:x\"]",
        "tourism.photos",
    ),
    (
        "[[officials]]\nname = \"Ahmad\"\nphoto = \"javascript:x\"",
        "officials.photo",
    ),
    (
        "[[institutions]]\nname = \"BPD\"\npage = \"javascript:x\"",
        "institutions.page",
    ),
];

/// Keys inside sections the fixture already has: (section line, key line).
const PROFILE_URLS_IN_PLACE: &[(&str, &str, &str)] = &[
    (
        "[village]\n",
        "website = \"javascript:alert(1)\"\n",
        "village.website",
    ),
    (
        "[village]\n",
        "logo = \"javascript:alert(1)\"\n",
        "village.logo",
    ),
    (
        "[kim]\n",
        "kim_id_profile = \"javascript:alert(1)\"\n",
        "kim.kim_id_profile",
    ),
    (
        "[kim]\n",
        "kim_id_profile = \"JAVASCRIPT:alert(1)\"\n",
        "kim.kim_id_profile",
    ),
];

#[test]
fn profile_urls_with_a_refused_scheme_are_errors_at_their_line() {
    let base = fixture_file("profile.toml");
    for (extra, key) in PROFILE_URLS {
        let line = base.lines().count() + 1 + extra.lines().count();
        refused(
            |s| s.write("profile.toml", format!("{base}\n{extra}\n")),
            &[
                &format!("profile.toml:{line}:"),
                &format!("`{key}`"),
                "tidak diizinkan",
            ],
        );
    }
    for (section, key_line, key) in PROFILE_URLS_IN_PLACE {
        let at = base.find(section).unwrap() + section.len();
        let line = base[..at].lines().count() + 1;
        refused(
            |s| s.edit("profile.toml", section, &format!("{section}{key_line}")),
            &[
                &format!("profile.toml:{line}:"),
                &format!("`{key}`"),
                "tidak diizinkan",
            ],
        );
    }
}

#[test]
fn a_menu_link_with_a_refused_scheme_is_an_error_in_warta_toml() {
    let config = fixture_file("warta.toml");
    let line = config.lines().count() + 4;
    refused(
        |s| {
            s.write(
                "warta.toml",
                format!("{config}\n[[menu]]\nname = \"Klik\"\nurl = \"javascript:alert(1)\"\n"),
            )
        },
        &[
            &format!("warta.toml:{line}:"),
            "`menu.url`",
            "tidak diizinkan",
        ],
    );
}

/// A file of the `minimal` fixture.
fn fixture_file(rel: &str) -> String {
    let path = crate::support::repo()
        .join("tests/fixtures/minimal")
        .join(rel);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn safe_links_everywhere_still_build() {
    let site = Site::fixture("minimal");
    site.edit(
        "profile.toml",
        "[kim]\n",
        "[kim]\nkim_id_profile = \"https://kim.id/x\"\n",
    );
    site.edit(
        "profile.toml",
        "[village]\n",
        "[village]\nwebsite = \"https://desa.id/\"\n",
    );
    site.write(
        "content/berita/aman.md",
        "+++\ntitle = \"Aman\"\ndate = 2025-08-01\n[source]\nname = \"K\"\nurl = \"https://kominfo.go.id/\"\n+++\n\n\
         [a](https://a.id) [b](http://b.id) [c](mailto:kim@desa.id) [d](tel:+62341) [e](#bagian) [f](/berita/) <https://c.id>\n",
    );
    let r = site.build_ok();
    assert!(!r.output(&site).contains("dibuang"), "{}", r.output(&site));
    let page = site.read("public/berita/aman/index.html");
    for href in [
        "https://a.id",
        "http://b.id",
        "mailto:kim@desa.id",
        "tel:+62341",
        "#bagian",
        "/berita/",
        "https://c.id",
        "https://kominfo.go.id/",
    ] {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href}: {page}");
    }
    let json = site.read("public/profile.json");
    assert!(json.contains("https://kim.id/x"), "{json}");
}

/// Dates out of 1900–2999 in front matter: (keys, the key's line, quoted).
const FRONT_MATTER_DATES: &[(&str, usize, &str)] = &[
    ("date = 0000-01-01T00:00:00+08:00", 3, "Tahun 0 di `date`"),
    ("date = 0001-01-01", 3, "Tahun 1 di `date`"),
    ("date = 1899-12-31T23:59:59Z", 3, "Tahun 1899"),
    ("date = 9999-12-31T23:59:59-12:00", 3, "Tahun 9999"),
    ("date = 3000-01-01", 3, "Tahun 3000"),
    ("date = 0000-01-01T00:00:00", 3, "Tahun 0"),
    (
        "date = 2025-08-01\nupdated = 0000-01-01",
        4,
        "Tahun 0 di `updated`",
    ),
    (
        "date = 2025-08-01\nexpires = 9999-12-31",
        4,
        "hapus saja baris `expires`",
    ),
    (
        "date = 2025-08-01\nexpires = 9999-12-31T23:59:59+14:00",
        4,
        "Tahun 9999 di `expires`",
    ),
    (
        "date = 2025-08-01\n[event]\nstart = 0000-01-01T08:00:00+07:00",
        5,
        "`event.start`",
    ),
    (
        "date = 2025-08-01\n[event]\nstart = 2025-08-01T08:00:00+07:00\nend = 9999-01-01",
        6,
        "`event.end`",
    ),
];

#[test]
fn front_matter_dates_out_of_range_are_errors_at_their_line() {
    for (keys, line, quoted) in FRONT_MATTER_DATES {
        refused(
            |s| {
                s.write(
                    "content/berita/tanggal.md",
                    format!("+++\ntitle = \"Tanggal\"\n{keys}\n+++\nIsi.\n"),
                )
            },
            &[
                &format!("content/berita/tanggal.md:{line}:"),
                quoted,
                "1900 sampai 2999",
            ],
        );
    }
}

/// profile.toml dates and years out of range: (addition, key named).
const PROFILE_DATES: &[(&str, &str)] = &[
    ("[kim.decree]\ndate = 9999-12-31", "kim.decree.date"),
    (
        "[[officials]]\nname = \"Ahmad\"\nterm_start = 0000-01-01",
        "officials.term_start",
    ),
    (
        "[[officials]]\nname = \"Ahmad\"\nterm_start = 2019-01-01\nterm_end = 9999-01-01",
        "officials.term_end",
    ),
    ("[statistics]\nas_of = 3000-01-01", "statistics.as_of"),
    ("[[budget]]\nyear = 0", "budget.year"),
    ("[[budget]]\nyear = -2147483648", "budget.year"),
    ("[[budget]]\nyear = 2147483647", "budget.year"),
];

#[test]
fn profile_dates_out_of_range_are_errors_at_their_line() {
    let base = fixture_file("profile.toml");
    for (extra, key) in PROFILE_DATES {
        let line = base.lines().count() + 1 + extra.lines().count();
        refused(
            |s| s.write("profile.toml", format!("{base}\n{extra}\n")),
            &[
                &format!("profile.toml:{line}:"),
                &format!("`{key}`"),
                "1900 sampai 2999",
            ],
        );
    }
    for (key_line, key) in [
        ("founded = 0000-01-01\n", "kim.founded"),
        ("founded = 9999-12-31\n", "kim.founded"),
    ] {
        let line = base[..base.find("[kim]\n").unwrap()].lines().count() + 2;
        refused(
            |s| s.edit("profile.toml", "[kim]\n", &format!("[kim]\n{key_line}")),
            &[
                &format!("profile.toml:{line}:"),
                &format!("`{key}`"),
                "1900 sampai 2999",
            ],
        );
    }
    for year in ["0", "99999", "-1", "9223372036854775807"] {
        let line = base[..base.find("[village]\n").unwrap()].lines().count() + 2;
        refused(
            |s| {
                s.edit(
                    "profile.toml",
                    "[village]\n",
                    &format!("[village]\nfounded_year = {year}\n"),
                )
            },
            &[&format!("profile.toml:{line}:")],
        );
    }
}

#[test]
fn an_album_date_out_of_range_is_an_error_in_album_toml() {
    let site = Site::fixture("minimal");
    refused_with(
        &site,
        &["build"],
        |s| {
            let jpeg = std::fs::read(first_jpeg()).unwrap();
            s.write("media/galeri/panen/a.jpg", &jpeg);
            s.write(
                "media/galeri/panen/album.toml",
                "title = \"Panen\"\ndate = 0000-01-01\n",
            );
        },
        &["media/galeri/panen/album.toml:2:", "1900 sampai 2999"],
    );
}

/// Any JPEG of the repository, for an album photo.
fn first_jpeg() -> std::path::PathBuf {
    walkdir::WalkDir::new(crate::support::repo().join("content-example"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "jpg"))
        .map(|e| e.into_path())
        .expect("a .jpg in content-example")
}

/// Extreme values for every front matter key: (key, TOML value). Each
/// replaces that key in an otherwise valid post.
fn front_matter_extremes() -> Vec<(&'static str, String)> {
    let huge = format!("\"{}\"", "a".repeat(1 << 20));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let many_tags = format!("[{}]", vec!["\"t\""; 10_000].join(","));
    let mut rows: Vec<(&str, String)> = Vec::new();
    let strings = [
        "\"\"".to_string(),
        huge.clone(),
        "\"\\u0000\\u001b[31m\\u202e\"".to_string(),
        "\"{{ config }}{% raw %}<script>\"".to_string(),
        "\"../../../../etc/passwd\"".to_string(),
        "-9223372036854775808".to_string(),
        "nan".to_string(),
        "[]".to_string(),
    ];
    for key in [
        "title",
        "category",
        "author",
        "image",
        "image_alt",
        "image_caption",
        "summary",
        "place",
        "slug",
        "product",
    ] {
        rows.extend(strings.iter().map(|v| (key, v.clone())));
    }
    // A template that does not exist is reported by the renderer (issue
    // 11 item 8); the ones refused at load are these.
    for v in [
        "\"\"",
        "\"../../../../etc/passwd\"",
        "\"/etc/passwd\"",
        "\"a/../../b.html\"",
    ] {
        rows.push(("template", v.to_string()));
    }
    for key in ["date", "updated", "expires"] {
        for v in [
            "0000-01-01T00:00:00+08:00",
            "9999-12-31T23:59:59.999999999-23:59",
            "1900-01-01T00:00:00+23:59",
            "2999-12-31T23:59:59-23:59",
            "1979-05-27T00:32:00.999999999Z",
            "07:32:00",
            "\"2025-08-26\"",
            "inf",
        ] {
            rows.push((key, v.to_string()));
        }
    }
    for v in [
        "-9223372036854775808",
        "9223372036854775807",
        "-0",
        "nan",
        "1e308",
        "\"1\"",
    ] {
        rows.push(("weight", v.to_string()));
    }
    for v in ["\"yes\"", "1", "-inf"] {
        rows.push(("pinned", v.to_string()));
        rows.push(("draft", v.to_string()));
    }
    for v in [
        "[]".to_string(),
        "[\"\"]".to_string(),
        many_tags,
        "[\"a\", 1]".to_string(),
        deep.clone(),
        format!("[{huge}]"),
    ] {
        rows.push(("tags", v));
    }
    for v in [
        "[\"\"]",
        "[\"/\"]",
        "[\"//evil.example\"]",
        "[\"/../..\"]",
        "[\"/%00/\"]",
    ] {
        rows.push(("aliases", v.to_string()));
    }
    rows.push(("aliases", format!("[\"/{}/\"]", "a".repeat(300))));
    for v in [
        "{}".to_string(),
        "{ start = 0000-01-01 }".to_string(),
        "{ start = 2999-12-31T23:59:59-23:59, end = 2999-12-31T23:59:59+23:59 }".to_string(),
        "{ start = 2025-08-26T09:00:00+07:00, end = 1900-01-01 }".to_string(),
        format!("{{ start = 2025-08-26, venue = {huge}, organizer = \"\" }}"),
    ] {
        rows.push(("event", v));
    }
    for v in [
        "{ name = \"\" }",
        "{ name = \"x\", url = \"\" }",
        "{ url = \"https://x.id\" }",
    ] {
        rows.push(("source", v.to_string()));
    }
    let nested = format!("{}1{}", "{ a = ".repeat(5_000), " }".repeat(5_000));
    rows.push(("nested", nested));
    rows
}

/// One post with every key valid but `key`, which gets `value`.
fn extreme_post(key: &str, value: &str) -> String {
    let mut keys = vec![
        ("title", "\"Ekstrem\"".to_string()),
        ("date", "2025-08-01".to_string()),
        ("category", "\"berita-desa\"".to_string()),
    ];
    match keys.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value.to_string(),
        None => keys.push((key, value.to_string())),
    }
    let lines: Vec<String> = keys.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("+++\n{}\n+++\n\nIsi.\n", lines.join("\n"))
}

/// Runs a build and checks it ended as a user may see: exit 0, or exit 1
/// naming `file` with a line; never a panic. Returns the exit code.
fn ends_cleanly(site: &Site, file: &str, what: &str) -> i32 {
    let r = site.run(&["build"]);
    let out = r.output(site);
    let short: String = out.chars().take(2000).collect();
    assert!(!out.contains("panicked"), "{what}: {short}");
    assert!(
        r.code == 0 || r.code == 1,
        "{what}: exit {}: {short}",
        r.code
    );
    if r.code == 1 {
        assert!(
            out.contains(&format!("{file}:")),
            "{what}: no {file}:line in {short}"
        );
    }
    r.code
}

#[test]
fn no_front_matter_value_panics_warta() {
    let site = Site::fixture("minimal");
    let file = "content/berita/ekstrem.md";
    let rows = front_matter_extremes();
    let mut refused = 0;
    for (key, value) in &rows {
        site.write(file, extreme_post(key, value));
        let shown: String = value.chars().take(60).collect();
        refused += usize::from(ends_cleanly(&site, file, &format!("{key} = {shown}")) == 1);
    }
    // Most extremes are mistakes a writer must fix; some are fine (a long
    // summary, an empty author), so the post itself was valid.
    let n = rows.len();
    assert!(refused * 2 > n && refused < n, "{refused} of {n}");
}

/// Extreme values for profile.toml: text added at the end of the fixture's
/// profile, or replacing a line of it.
fn profile_extremes() -> Vec<(Option<&'static str>, String)> {
    let huge = format!("\"{}\"", "a".repeat(1 << 20));
    let mut rows: Vec<(Option<&str>, String)> = Vec::new();
    for v in [
        "\"\"",
        huge.as_str(),
        "\"\\u0000\\u001b[2J\"",
        "-9223372036854775808",
        "nan",
    ] {
        rows.push((Some("name = \"Ujicoba\""), format!("name = {v}")));
        rows.push((
            Some("area_code = \"35.07.12.2003\""),
            format!("area_code = {v}"),
        ));
        rows.push((
            Some("postal_code = \"65151\""),
            format!("postal_code = {v}"),
        ));
        rows.push((Some("province = \"Jawa Timur\""), format!("province = {v}")));
    }
    for v in [
        "0",
        "-2147483648",
        "2147483647",
        "9223372036854775807",
        "1e9",
        "\"1985\"",
    ] {
        rows.push((Some("[village]"), format!("[village]\nfounded_year = {v}")));
        rows.push((None, format!("[[budget]]\nyear = {v}")));
    }
    for (key, v) in [
        ("founded", "0000-01-01"),
        ("founded", "9999-12-31"),
        ("founded", "2025-01-01T00:00:00Z"),
        ("founded", "07:00:00"),
    ] {
        rows.push((Some("[kim]"), format!("[kim]\n{key} = {v}")));
    }
    for v in ["nan", "inf", "-inf", "1e308", "-1e308", "0", "\"-7\""] {
        rows.push((None, format!("[location]\nlatitude = {v}\nlongitude = {v}")));
        rows.push((None, format!("[location]\nmap_zoom = {v}")));
    }
    for v in [
        "-1",
        "-9223372036854775808",
        "9223372036854775807",
        "1e30",
        "nan",
    ] {
        rows.push((None, format!("[statistics]\npopulation = {v}\nmale = {v}")));
        rows.push((
            None,
            format!("[[products]]\nname = \"Kopi\"\nprice_idr = {v}\ndiscount_idr = {v}"),
        ));
        rows.push((
            None,
            format!("[[tourism]]\nname = \"Curug\"\nticket_idr = {v}"),
        ));
        rows.push((None, format!("[[officials]]\nname = \"A\"\norder = {v}")));
        rows.push((
            None,
            format!("[[budget]]\nyear = 2025\n[budget.income]\nplanned = {v}\nrealized = {v}"),
        ));
        rows.push((
            None,
            format!("[statistics]\n[[statistics.tables]]\nkey = \"x\"\n[[statistics.tables.rows]]\nlabel = \"a\"\ncount = {v}\nmale = {v}\nfemale = {v}"),
        ));
    }
    for v in ["\"25:99\"", "\"\"", "\"24:00\"", "\"-1:00\"", huge.as_str()] {
        rows.push((
            None,
            format!("[contact]\n[[contact.office_hours]]\nopen = {v}\nclose = {v}"),
        ));
    }
    for v in [
        "\"\"",
        "\"+\"",
        "\"0\"",
        huge.as_str(),
        "\"+62 812 3456 7890 1234 5678 9999\"",
    ] {
        rows.push((None, format!("[contact]\nphone = {v}\nmobile = {v}")));
    }
    rows.push((None, format!("[social]\nfacebook = {huge}")));
    rows.push((
        None,
        format!("x = {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
    ));
    rows.push((
        None,
        format!("[terms]\nvillage = {huge}\nvillage_head = \"\""),
    ));
    rows.push((None, format!("[[hamlets]]\nname = {huge}")));
    rows
}

#[test]
fn no_profile_value_panics_warta() {
    let site = Site::fixture("minimal");
    let base = fixture_file("profile.toml");
    let rows = profile_extremes();
    let mut refused = 0;
    for (replace, text) in &rows {
        let profile = match replace {
            Some(line) => base.replacen(line, text, 1),
            None => format!("{base}\n{text}\n"),
        };
        site.write("profile.toml", profile);
        let shown: String = text.chars().take(80).collect();
        refused += usize::from(ends_cleanly(&site, "profile.toml", &shown) == 1);
    }
    assert!(refused * 2 > rows.len(), "{refused} of {}", rows.len());
}

#[test]
fn paths_with_spaces_are_understood_when_the_file_exists_and_explained_when_not() {
    let site = Site::fixture("minimal");
    let jpeg = std::fs::read(first_jpeg()).unwrap();
    site.write("content/berita/WhatsApp Image 2025.jpeg", &jpeg);
    site.write(
        "content/berita/rapat desa.md",
        "+++\ntitle = \"Rapat Desa\"\ndate = 2025-08-02\n+++\nRapat.\n",
    );
    site.write(
        "content/berita/spasi.md",
        "+++\ntitle = \"Spasi\"\ndate = 2025-08-03\n+++\n\n\
         ![kader posyandu](WhatsApp Image 2025.jpeg)\n\n\
         Lihat [hasil rapat](rapat desa.md) dan ![panen](Foto Panen Hilang.jpg) (catatan).\n",
    );
    let r = site.run(&["build"]);
    let out = r.output(&site);
    assert_eq!(r.code, 0, "{out}");
    let warning = out
        .split("\n\n")
        .find(|b| b.contains("content/berita/spasi.md:8:"))
        .unwrap_or_else(|| panic!("no warning at spasi.md:8 in:\n{out}"));
    assert!(
        warning.contains("`Foto Panen Hilang.jpg` berisi spasi"),
        "{warning}"
    );
    assert!(warning.contains("(<Foto Panen Hilang.jpg>)"), "{warning}");
    assert!(warning.contains("Foto-Panen-Hilang.jpg"), "{warning}");
    assert!(!out.contains("spasi.md:6:"), "{out}");
    let page = site.read("public/berita/spasi/index.html");
    assert!(page.contains("alt=\"kader posyandu\""), "{page}");
    assert!(!page.contains("WhatsApp Image 2025.jpeg)"), "{page}");
    assert!(
        page.contains("href=\"/berita/rapat-desa/\">hasil rapat</a>"),
        "{page}"
    );
    assert!(
        page.contains("![panen](Foto Panen Hilang.jpg) (catatan)."),
        "{page}"
    );
}
