//! `init`, `new`, messages in both languages, exit codes.

use crate::support::Site;

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let site = Site::empty();
    let dir = site.root().join("desa-baru");
    let r = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(home.contains("Selamat Datang di Situs KIM Desa"), "{home}");
    assert!(dir.join(".gitignore").is_file());
    let post = std::fs::read_to_string(dir.join("public/berita/selamat-datang/index.html"));
    assert!(
        post.unwrap().contains("Akses informasi"),
        "its ADINDA principles"
    );
    assert!(dir.join("media/dokumen/dokumen.toml").is_file());
    // A second init into the same folder refuses to overwrite.
    let again = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(again.code, 1);
}

/// The profile's examples (lines of `#` and no space: KIM number, decree,
/// IDM, SDGs, stunting) are valid as they are once uncommented.
#[test]
fn init_examples_build_once_uncommented() {
    let site = Site::empty();
    let dir = site.root().join("desa-baru");
    assert_eq!(site.run(&["init", dir.to_str().unwrap()]).code, 0);
    let profile = std::fs::read_to_string(dir.join("profile.toml")).unwrap();
    let uncommented: String = profile
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if !rest.starts_with([' ', '#']) && !rest.is_empty() => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(uncommented, profile, "the scaffold has examples");
    std::fs::write(dir.join("profile.toml"), uncommented).unwrap();
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--root"])
        .arg(&dir)
        .env("LANG", "C")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&built.stdout);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(out.contains("; 0 peringatan."), "{out}");
    let kim = std::fs::read_to_string(dir.join("public/kim/index.html")).unwrap();
    assert!(
        kim.contains("KIM-3507-0042") && kim.contains("188/12/KEP/2024"),
        "{kim}"
    );
    let development = std::fs::read_to_string(dir.join("public/pembangunan/index.html")).unwrap();
    for chart in ["grafik-idm", "grafik-sdgs", "grafik-stunting"] {
        assert!(development.contains(chart), "{chart} in {development}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::empty();
    let dir = site.root().join("desa-lama");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("catatan.txt"), "punya orang").unwrap();
    let r = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.output(&site));
    assert!(r.stderr.contains("tidak menimpa apa pun"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("catatan.txt")).unwrap(),
        "punya orang"
    );
    assert!(!dir.join("warta.toml").exists() && !dir.join(".github").exists());
}

#[test]
fn new_post_is_named_from_date_and_title_and_builds() {
    let site = Site::fixture("minimal");
    for kind in ["post", "agenda", "pengumuman", "page"] {
        let r = site.run(&["new", kind, &format!("Rapat Warga {kind}")]);
        assert_eq!(r.code, 0, "{}", r.output(&site));
    }
    let created: Vec<String> = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.contains("rapat-warga"))
        .collect();
    assert_eq!(created.len(), 4, "{created:?}");
    let post = created.iter().find(|p| p.contains("berita")).unwrap();
    let name = std::path::Path::new(post)
        .file_name()
        .unwrap()
        .to_string_lossy();
    assert!(
        name.len() > 11 && name.as_bytes()[4] == b'-' && name.ends_with("-rapat-warga-post.md"),
        "{name}"
    );
    let text = std::fs::read_to_string(post).unwrap();
    assert!(
        text.contains("+07:00"),
        "date in the village zone (WIB): {text}"
    );
    // New posts are dated now; `--drafts` includes the agenda's future event post too.
    site.build_ok();
}

#[test]
fn messages_follow_lang() {
    let site = Site::fixture("minimal");
    site.edit(POST_PATH, "category = \"kesehatan\"", "category = \"x\"");
    let id = site.run(&["check"]);
    assert!(
        id.stderr.contains("kesalahan: Kategori `x` tidak dikenal"),
        "{}",
        id.stderr
    );
    let en = site.run(&["check", "--lang", "en"]);
    assert!(
        en.stderr.contains("error: Unknown category `x`"),
        "{}",
        en.stderr
    );
}

#[test]
fn wrong_usage_exits_with_2() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["bangun"]).code, 2);
    assert_eq!(site.run(&["build", "--lang", "fr"]).code, 2);
}

const POST_PATH: &str = "content/berita/2025-08-26-posyandu-krajan.md";
