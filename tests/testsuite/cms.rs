//! `warta cms` and the editor `warta init` writes (issue 17): the files of
//! `static/admin/`, the config generated from warta.toml and content/,
//! and, in headless Chromium, a post written through the editor's form
//! that `warta check` accepts and the built site shows.
//!
//! The browser test drives Sveltia CMS's "Local Repository" mode through
//! `tests/browser/cms.mjs` (which says how the folder picker is answered)
//! and leaves its screenshots in `target/browser-shots/cms/`; the README's
//! pictures in docs/img/ are copies of them.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;
use yaml_rust2::YamlLoader;

use crate::browser_tools::browser_tools;
use crate::images::phone_jpeg;
use crate::support::{Site, repo};

/// `version` and `script_bytes` of vendor/sveltia-cms/SOURCE.toml.
fn vendored() -> (String, u64) {
    let source = std::fs::read_to_string(repo().join("vendor/sveltia-cms/SOURCE.toml")).unwrap();
    let value = |key: &str| {
        source
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} in SOURCE.toml"))
            .trim_matches('"')
            .to_string()
    };
    (value("version"), value("script_bytes").parse().unwrap())
}

/// config.yml as JSON, after checking that it is YAML too.
fn admin_config(site: &Site) -> Value {
    let text = site.read("static/admin/config.yml");
    assert!(text.starts_with("# Dibuat oleh `warta cms`"), "{text}");
    let yaml = YamlLoader::load_from_str(&text).expect("config.yml is YAML");
    assert_eq!(yaml.len(), 1);
    let json: String = text.lines().filter(|l| !l.starts_with('#')).collect();
    serde_json::from_str(&json).expect("config.yml is JSON")
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("collection {name}"))
}

fn category_keys(config: &Value) -> Vec<String> {
    collection(config, "berita")["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "category")
        .unwrap()["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn cms_writes_the_editor_and_follows_the_categories() {
    let site = Site::fixture("minimal");
    let r = site.run(&["cms", "--repo", "https://github.com/kim-uji/situs.git"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    let (version, bytes) = vendored();
    assert_eq!(
        r.stdout,
        format!(
            "Editor peramban ditulis ke static/admin/ (Sveltia CMS {version}): 5 kumpulan tulisan, 3 kategori, profil desa.\n\
             Repositori: GitHub kim-uji/situs, cabang main.\n\
             Setelah situs terbit, buka https://kim-uji.example.org/admin/ dan masuk dengan token akses pribadi GitHub (fine-grained, izin Contents: baca dan tulis).\n\
             Langkahnya: \"Menulis lewat peramban\" di README warta. Jalankan `warta cms` lagi setelah mengubah kategori.\n"
        )
    );
    assert_eq!(r.stderr, "");
    let script = std::fs::read(site.path("static/admin/sveltia-cms.js")).unwrap();
    assert_eq!(script.len() as u64, bytes, "the script is SOURCE.toml's");
    assert!(
        script
            .windows(version.len())
            .any(|w| w == version.as_bytes())
    );
    assert!(
        site.read("static/admin/LICENSE-sveltia-cms.txt")
            .starts_with("MIT License")
    );
    let index = site.read("static/admin/index.html");
    assert!(
        index.contains("<script src=\"sveltia-cms.js\"></script>"),
        "{index}"
    );
    assert!(!index.contains("https://"), "no CDN: {index}");

    let config = admin_config(&site);
    assert_eq!(
        config["backend"],
        serde_json::json!({ "name": "github", "repo": "kim-uji/situs", "branch": "main", "auth_methods": ["token"] })
    );
    let names: Vec<&str> = config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "berita",
            "agenda",
            "pengumuman",
            "halaman",
            "profil",
            "profil-desa"
        ]
    );
    assert_eq!(
        category_keys(&config),
        ["berita-desa", "kesehatan", "pengumuman"]
    );

    // A new category and a new section; the repository is kept.
    site.edit(
        "warta.toml",
        "[categories]\n",
        "[categories]\npertanian = \"Pertanian\"\n",
    );
    site.write(
        "content/kabar-dusun/_index.md",
        "+++\ntitle = \"Kabar Dusun\"\n+++\n",
    );
    let r = site.run(&["cms", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert!(
        r.stdout.contains("6 collections, 4 categories"),
        "{}",
        r.stdout
    );
    let config = admin_config(&site);
    assert_eq!(config["backend"]["repo"], "kim-uji/situs");
    assert_eq!(
        category_keys(&config),
        ["pertanian", "berita-desa", "kesehatan", "pengumuman"]
    );
    assert_eq!(
        collection(&config, "kabar-dusun")["folder"],
        "content/kabar-dusun"
    );

    // Published as static files; the site stays clean.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.output(&site));
    assert!(check.stdout.contains("; 0 peringatan"), "{}", check.stdout);
    site.build_ok();
    for f in [
        "index.html",
        "config.yml",
        "sveltia-cms.js",
        "LICENSE-sveltia-cms.txt",
    ] {
        assert!(site.path(&format!("public/admin/{f}")).is_file(), "{f}");
    }
}

#[test]
fn cms_without_a_known_repository_says_how_to_name_it() {
    let site = Site::fixture("minimal");
    let r = site.run(&["cms"]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert_eq!(
        r.stderr,
        "1. peringatan: Repositori situs belum diketahui, jadi editor di /admin/ belum bisa menyimpan.\n  \
         = cara memperbaiki: Setelah situs disimpan di GitHub atau GitLab, jalankan misalnya: warta cms --repo github.com/kim-sukamaju/situs\n\n"
    );
    assert_eq!(admin_config(&site)["backend"]["repo"], "PEMILIK/NAMA-REPO");

    let r = site.run(&["cms", "--repo", "sukamaju"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "1. kesalahan: --repo `sukamaju` bukan alamat repositori GitHub atau GitLab.\n  \
         = cara memperbaiki: Salin alamatnya dari peramban, misalnya github.com/kim-sukamaju/situs atau https://gitlab.com/kim/sukamaju.\n\n\
         1 kesalahan, 0 peringatan.\n"
    );

    // GitLab with an OAuth application: PKCE, no server.
    let r = site.run(&[
        "cms",
        "--repo",
        "gitlab.com/kim/sukamaju",
        "--gitlab-app-id",
        "abc123",
        "--branch",
        "utama",
    ]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert_eq!(
        admin_config(&site)["backend"],
        serde_json::json!({ "name": "gitlab", "repo": "kim/sukamaju", "branch": "utama", "auth_type": "pkce", "app_id": "abc123", "auth_methods": ["oauth", "token"] })
    );
}

#[test]
fn init_writes_the_editor_and_the_welcome_post_is_in_it() {
    let site = Site::empty();
    let dir = site.root().join("desa-baru");
    let r = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert!(
        r.stdout
            .contains("  4. Pewarta menulis lewat peramban di /admin/ situs"),
        "{}",
        r.stdout
    );
    let config: Value = {
        let text = std::fs::read_to_string(dir.join("static/admin/config.yml")).unwrap();
        serde_json::from_str(
            &text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<String>(),
        )
        .unwrap()
    };
    assert_eq!(
        category_keys(&config),
        [
            "berita-desa",
            "pengumuman",
            "agenda",
            "info-pemerintah",
            "umkm",
            "kesehatan"
        ]
    );
    // The editor lists bundles: the welcome post is one.
    let welcome: Vec<_> = std::fs::read_dir(dir.join("content/berita"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        welcome.len() == 1 && welcome[0].join("index.md").is_file(),
        "{welcome:?}"
    );
}

/// A post written through the editor's form, with a phone photo.
#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn a_post_written_in_the_browser_editor_builds() {
    let node = browser_tools();
    let site = Site::fixture("minimal");
    // Dates in tables the profile form shows must stay TOML dates.
    site.edit(
        "profile.toml",
        "name = \"KIM Ujicoba\"\n",
        "name = \"KIM Ujicoba\"\nfounded = 2018-10-28\n",
    );
    let profile = site.read("profile.toml");
    site.write(
        "profile.toml",
        format!(
            "{profile}\n[[officials]]\nname = \"Budi Santoso\"\nposition = \"Kepala Desa\"\nterm_start = 2021-11-10\n"
        ),
    );
    let cms = site.run(&["cms", "--repo", "github.com/kim-uji/situs"]);
    assert_eq!(cms.code, 0, "{}", cms.output(&site));
    site.build_ok();
    // A phone's photo carrying its GPS position (the datum names a house).
    let photo = site.dir.path().join("kerja-bakti.jpg");
    std::fs::write(&photo, phone_jpeg(64, 48)).unwrap();
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../browser-shots/cms");
    let out = Command::new(&node)
        .arg(repo().join("tests/browser/cms.mjs"))
        .arg(site.path("public"))
        .arg(site.root())
        .arg(&shots)
        .arg(&photo)
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "cms.mjs failed ({}):\n{stderr}",
        out.status
    );
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("cms.mjs printed no JSON ({e}):\n{stderr}"));
    eprintln!(
        "browser: a post written in Sveltia CMS in Chromium {}; screenshots in {}",
        report["chromium"].as_str().unwrap_or("?"),
        shots.display()
    );
    assert_eq!(report["errors"], serde_json::json!([]));
    // What the editor tried to reach beyond loopback: its update check and
    // GitHub's status page (the fonts are answered locally).
    let refused: BTreeSet<&str> = report["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(
        refused
            .iter()
            .all(|u| u.starts_with("https://unpkg.com/@sveltia/cms")
                || u.starts_with("https://www.githubstatus.com/")),
        "{refused:?}"
    );

    let written: Vec<&str> = report["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(written.contains(&"profile.toml"), "{written:?}");
    let post_file = written.iter().find(|w| w.ends_with("/index.md")).unwrap();
    let bundle = post_file.trim_end_matches("/index.md");
    assert!(
        bundle.starts_with("content/berita/") && bundle.ends_with("-kerja-bakti-saluran-irigasi"),
        "{bundle}"
    );
    assert_eq!(
        written.iter().find(|w| **w != *post_file).unwrap(),
        &format!("{bundle}/kerja-bakti.jpg")
    );
    let post = site.read(post_file);
    let (front, body) = post
        .strip_prefix("+++\n")
        .and_then(|p| p.split_once("\n+++\n"))
        .unwrap_or_else(|| panic!("TOML front matter between +++ lines:\n{post}"));
    let date = front.lines().nth(1).unwrap();
    assert!(
        date.starts_with("date = 20") && !date.contains('"'),
        "a TOML date, not a string: {date}"
    );
    assert_eq!(
        front
            .lines()
            .filter(|l| !l.starts_with("date = "))
            .collect::<Vec<_>>(),
        [
            "title = \"Kerja Bakti Saluran Irigasi\"",
            "category = \"berita-desa\"",
            "tags = [ \"gotong royong\" ]",
            "author = \"Siti Aminah\"",
            "summary = \"Warga Dusun Krajan membersihkan saluran irigasi sebelum musim tanam.\"",
            "image = \"kerja-bakti.jpg\"",
            "image_alt = \"Warga membersihkan saluran irigasi\"",
            "pinned = false",
            "draft = false",
        ]
    );
    assert_eq!(
        body.trim(),
        "Sebanyak 40 warga ikut kerja bakti pada Minggu pagi."
    );

    // The profile form added a product and kept the rest, dates as dates.
    let profile = site.read("profile.toml");
    for want in [
        "name = \"Gula Aren Cair\"",
        "price_idr = 30000",
        "founded = 2018-10-28\n",
        "term_start = 2021-11-10\n",
        "area_code = \"35.07.12.2003\"",
        "province = \"Jawa Timur\"",
    ] {
        assert!(profile.contains(want), "{want:?} not in\n{profile}");
    }

    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.output(&site));
    assert!(check.stdout.contains("; 0 peringatan"), "{}", check.stdout);
    site.build_ok();
    assert!(
        site.read("public/produk/index.html")
            .contains("Gula Aren Cair")
    );
    let page = site.read("public/berita/kerja-bakti-saluran-irigasi/index.html");
    assert!(page.contains("Kerja Bakti Saluran Irigasi"), "{page}");
    assert!(
        page.contains("alt=\"Warga membersihkan saluran irigasi\""),
        "{page}"
    );
    assert!(
        site.read("public/index.html")
            .contains("/berita/kerja-bakti-saluran-irigasi/")
    );
    // Whatever of the photo is published carries no GPS position.
    let mut photos = 0;
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with("kerja-bakti") {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(17).any(|w| w == b"RUMAH-SITI-AMINAH"),
                "{}",
                entry.path().display()
            );
            photos += 1;
        }
    }
    assert!(photos > 0, "the photo is published");
}

/// A village of a network lives below the repository's top: the editor's
/// paths are the repository's (`desa/contoh/content/berita`), and its
/// address is the one the network gives it.
#[test]
fn a_network_village_gets_paths_from_the_repository_top() {
    let site = Site::empty();
    let net = site.root().join("jaringan");
    assert_eq!(
        site.run(&["init", "--network", net.to_str().unwrap()]).code,
        0
    );
    let village = net.join("desa/contoh");
    let r = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["cms", "--repo", "github.com/kab-malang/jaringan", "--root"])
        .arg(&village)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = std::fs::read_to_string(village.join("static/admin/config.yml")).unwrap();
    let config: Value = serde_json::from_str(
        &text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(
        collection(&config, "berita")["folder"],
        "desa/contoh/content/berita"
    );
    assert_eq!(config["media_folder"], "desa/contoh/media");
    assert_eq!(config["public_folder"], "/media");
    assert_eq!(
        collection(&config, "profil-desa")["files"][0]["file"],
        "desa/contoh/profile.toml"
    );
    assert_eq!(
        config["site_url"],
        "https://kim-kabupaten.example.org/contoh"
    );

    // A site with its own repository (.git beside warta.toml) has none.
    let own = Site::fixture("minimal");
    std::fs::create_dir_all(own.path(".git")).unwrap();
    std::fs::write(
        own.path(".git/config"),
        "[remote \"origin\"]\n\turl = git@github.com:kim-uji/desa.git\n",
    )
    .unwrap();
    assert_eq!(own.run(&["cms"]).code, 0);
    let config = admin_config(&own);
    assert_eq!(collection(&config, "berita")["folder"], "content/berita");
    assert_eq!(
        config["backend"]["repo"], "kim-uji/desa",
        "from .git/config"
    );
}
