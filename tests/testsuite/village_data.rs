//! The village data pages: `/statistik/`, `/transparansi/`, `/lembaga/`
//! and `/wilayah/`. Built from profile.toml when it has data for them,
//! absent (and never linked) when it has none; charts that are valid XML
//! with a title; Rupiah in the budget table; the statistics warning.

use crate::support::Site;

const PAGES: [&str; 6] = [
    "statistik",
    "transparansi",
    "pembangunan",
    "dokumen",
    "lembaga",
    "wilayah",
];

/// Every `<svg>…</svg>` of a page, as written.
pub fn svgs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..]
            .find("</svg>")
            .map(|e| start + e + "</svg>".len())
            .expect("an <svg> without its end");
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// Parses one chart as XML and checks what makes it accessible: `role`,
/// a `<title>` named by `aria-labelledby`, a `<desc>` named by
/// `aria-describedby`, and nothing that runs or loads.
pub fn check_chart(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.attribute("viewBox").is_some());
    let child = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .unwrap_or_else(|| panic!("no <{name}>: {svg}"))
    };
    let title = child("title");
    let desc = child("desc");
    assert_eq!(root.attribute("aria-labelledby"), title.attribute("id"));
    assert_eq!(root.attribute("aria-describedby"), desc.attribute("id"));
    assert!(!desc.text().unwrap_or_default().is_empty());
    for node in doc.descendants() {
        let name = node.tag_name().name();
        assert!(
            !matches!(name, "script" | "foreignObject" | "image" | "use" | "style"),
            "<{name}> in a chart"
        );
        assert!(
            node.attributes()
                .all(|a| !a.name().starts_with("on") && a.name() != "href"),
            "{svg}"
        );
    }
    title.text().unwrap_or_default().to_string()
}

#[test]
fn pages_with_data_have_charts_tables_and_sources() {
    let site = Site::fixture("content-example");
    let r = site.build_ok();
    assert!(
        !r.output(&site).contains("peringatan:"),
        "content-example warns:\n{}",
        r.output(&site)
    );
    for page in PAGES {
        let html = site.read(&format!("public/{page}/index.html"));
        assert!(html.contains("\"BreadcrumbList\""), "{page}: breadcrumbs");
        assert_eq!(html.matches("<h1").count(), 1, "{page}: one h1");
        let sitemap = site.read("public/sitemap.xml");
        assert!(
            sitemap.contains(&format!("/{page}/</loc>")),
            "{page} not in the sitemap"
        );
    }

    let stats = site.read("public/statistik/index.html");
    let titles: Vec<String> = svgs(&stats).into_iter().map(check_chart).collect();
    assert_eq!(
        titles,
        [
            "Piramida penduduk: Rentang Umur",
            "Diagram batang: Agama",
            "Diagram batang: Pekerjaan",
            "Diagram batang: Pendidikan dalam KK",
        ]
    );
    // "As of" and source, the totals, and the numbers as a table.
    assert!(stats.contains("<time datetime=\"2026-06-30\">30 Juni 2026</time>"));
    assert!(stats.contains("Data kependudukan Desa Sukamaju, semester I 2026"));
    assert!(stats.contains("<dd>3.458 jiwa</dd>"));
    assert!(stats.contains("<caption class=\"vh\">Tabel: Rentang Umur</caption>"));
    assert!(stats.contains("<th scope=\"row\">Petani/Pekebun</th><td class=\"num\">786</td><td class=\"num\">22,7%</td>"));
    assert!(stats.contains(
        "<td class=\"num\">1.742</td><td class=\"num\">1.716</td><td class=\"num\">3.458</td>"
    ));

    let budget = site.read("public/transparansi/index.html");
    let titles: Vec<String> = svgs(&budget).into_iter().map(check_chart).collect();
    assert_eq!(
        titles,
        [
            "Anggaran dan realisasi APBDes 2026",
            "Anggaran dan realisasi APBDes 2025"
        ]
    );
    // Rupiah as PUEBI writes it, in the chart and in the table.
    assert!(budget.contains(">Rp2.214.600.000</text>"));
    assert!(budget.contains(
        "<th scope=\"row\">Pendapatan</th><td class=\"num\">Rp2.214.600.000</td><td class=\"num\">Rp1.652.300.000</td><td class=\"num\">74,6%</td>"
    ));
    assert!(
        budget.contains("<td class=\"num\">-Rp50.000.000</td>"),
        "deficit"
    );
    assert!(budget.contains("Peraturan Desa Sukamaju Nomor 5 Tahun 2025"));
    assert!(
        budget.find("APBDes Tahun Anggaran 2026") < budget.find("APBDes Tahun Anggaran 2025"),
        "newest year first"
    );

    let lembaga = site.read("public/lembaga/index.html");
    assert!(lembaga.contains("<a href=\"/lembaga/bpd/\">Badan Permusyawaratan Desa</a>"));
    assert!(lembaga.contains("Ketua: Harjono, S.Pd."));
    assert!(lembaga.contains("Ketua: Kasiman"));
    let bpd = site.read("public/lembaga/bpd/index.html");
    assert!(
        bpd.contains("\"name\":\"Lembaga\",\"item\":\"https://kim-sukamaju.example.org/lembaga/\""),
        "an institution's page has /lembaga/ in its breadcrumbs"
    );

    let wilayah = site.read("public/wilayah/index.html");
    assert!(wilayah.contains("Desa Sukamaju terdiri atas 4 dusun, 8 RW, dan 26 RT."));
    assert!(wilayah.contains("<th scope=\"row\">Krajan</th><td>Sutrisno</td>"));
}

#[test]
fn pages_without_data_are_left_out_and_never_linked() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    for page in PAGES {
        assert!(
            !files.iter().any(|f| f.starts_with(&format!("{page}/"))),
            "/{page}/ built without data"
        );
    }
    for f in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".xml"))
    {
        let text = site.read(&format!("public/{f}"));
        for page in PAGES {
            assert!(
                !text.contains(&format!("/{page}/\"")),
                "{f} links to /{page}/"
            );
            assert!(!text.contains(&format!("/{page}/<")), "{f} lists /{page}/");
        }
    }
}

#[test]
fn each_page_appears_with_its_own_data() {
    let site = Site::fixture("minimal");
    // Statistics without a single figure, and a kelurahan's budget (a
    // kelurahan has no APBDes), make no page.
    site.edit("profile.toml", "kind = \"desa\"", "kind = \"kelurahan\"");
    site.edit("profile.toml", "35.07.12.2003", "35.07.12.1003");
    let extra = "\n[[hamlets]]\nname = \"Krajan\"\n\n[[institutions]]\nname = \"Karang Taruna\"\n\n\
        [statistics]\nsource = \"Belum ada angka\"\n\n[[budget]]\nyear = 2025\nincome = { planned = 1 }\n";
    let profile = site.read("profile.toml");
    site.write("profile.toml", format!("{profile}{extra}"));
    site.build_ok();
    let files = site.output_files();
    let has = |p: &str| files.iter().any(|f| f == &format!("{p}/index.html"));
    assert!(has("wilayah") && has("lembaga"));
    assert!(!has("statistik") && !has("transparansi"));
    let wilayah = site.read("public/wilayah/index.html");
    assert!(wilayah.contains("terdiri atas 1 "), "{wilayah}");
    assert!(!wilayah.contains("RW, dan"), "no RW/RT counts given");
}

#[test]
fn statistics_warning_names_file_and_line() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    let stats = "\n[statistics]\nas_of = 2025-06-30\nsource = \"Desa\"\npopulation = 3000\nmale = 1500\nfemale = 1500\n\n\
        [[statistics.tables]]\nkey = \"umur\"\nrows = [{ label = \"0–4\", male = 10, female = 20 }]\n";
    let text = format!("{profile}{stats}");
    let line = text
        .lines()
        .position(|l| l == "[[statistics.tables]]")
        .unwrap()
        + 1;
    site.write("profile.toml", &text);
    for (lang, words) in [
        ("id", "berbeda dari total di [statistics] (1500/1500)"),
        (
            "en",
            "differ from the totals under [statistics] (1500/1500)",
        ),
    ] {
        let r = site.run(&["build", "--lang", lang]);
        let out = r.output(&site);
        assert_eq!(r.code, 0, "a warning does not stop the build:\n{out}");
        assert!(out.contains(&format!("profile.toml:{line}:1")), "{out}");
        assert!(
            out.contains("`umur` (10/20)") && out.contains(words),
            "{out}"
        );
    }
    // The page says so too, next to the table.
    let html = site.read("public/statistik/index.html");
    assert!(html.contains("class=\"note\""), "no note on the page");
}

#[test]
fn odd_figures_and_hostile_labels_make_valid_charts() {
    let site = Site::fixture("minimal");
    let profile = site.read("profile.toml");
    let odd = r#"
[statistics]
as_of = 2025-06-30
source = "Desa <script>alert(1)</script>"

[[statistics.tables]]
key = "kosong"
rows = []

[[statistics.tables]]
key = "nol"
title = "Semua <nol> & \"kosong\""
rows = [{ label = "A\u0001B", count = 0 }, { label = "</svg><script>x</script>", count = 0 }]

[[statistics.tables]]
key = "besar"
rows = [
  { label = "Sangat banyak sekali penduduk yang tercatat dalam kelompok umur yang panjang sekali namanya", count = 9223372036854775807 },
  { label = "Satu", count = 1 },
]

[[statistics.tables]]
key = "umur"
rows = [
  { label = "0–4", male = 9223372036854775807, female = 0 },
  { label = "5+", male = 0, female = 9223372036854775807 },
]

[[budget]]
year = 2025
income = { planned = 0, realized = 9223372036854775807 }
spending = { planned = -5, realized = -9223372036854775808 }
financing_out = { }
"#;
    site.write("profile.toml", format!("{profile}{odd}"));
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    for page in ["statistik", "transparansi"] {
        let html = site.read(&format!("public/{page}/index.html"));
        assert!(!html.contains("<script>"), "{page}: unescaped text");
        assert!(!html.contains('\u{1}'), "{page}: a control character");
        for svg in svgs(&html) {
            check_chart(svg);
        }
    }
    let stats = site.read("public/statistik/index.html");
    assert_eq!(svgs(&stats).len(), 3, "a table without rows has no chart");
    assert!(stats.contains("9.223.372.036.854.775.807"));
    let budget = site.read("public/transparansi/index.html");
    assert!(budget.contains("Rp9.223.372.036.854.775.807"));
    assert!(budget.contains("Peraturan desa tentang APBDes ini belum dicantumkan."));
}

#[test]
fn generated_addresses_are_reserved() {
    let site = Site::fixture("minimal");
    site.write(
        "content/berita/2025-08-01-lama.md",
        "+++\ntitle = \"Lama\"\ndate = 2025-08-01\naliases = [\"/statistik/\"]\n+++\nIsi.\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.output(&site));
    let out = r.output(&site);
    assert!(
        out.contains("/statistik/") && out.contains("bentrok dengan halaman dari `warta`"),
        "{out}"
    );
}
