//! `init`, `new`, messages in both languages, exit codes.

use std::path::Path;

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
    // A second init into the same folder refuses to overwrite.
    let again = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(again.code, 1);
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

/// `warta init` writes CI workflows that install this very version of warta
/// from crates.io and build with the host's address as `--base-url`.
#[test]
fn init_writes_publishing_workflows() {
    let site = Site::empty();
    let dir = site.root().join("desa-baru");
    let r = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert!(r.stdout.contains(".gitlab-ci.yml"), "{}", r.stdout);
    let version = env!("CARGO_PKG_VERSION");
    let pinned = format!("WARTA_VERSION: \"{version}\"");
    let install = "cargo install --locked warta --version \"$WARTA_VERSION\"";

    let github = dir.join(".github/workflows/terbitkan.yml");
    let gitlab = dir.join(".gitlab-ci.yml");
    for (file, build) in [
        (&github, "warta build --base-url \"$BASE_URL\""),
        (
            &gitlab,
            "warta build --base-url \"$CI_PAGES_URL\" --output public",
        ),
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        for needle in [pinned.as_str(), install, build] {
            assert!(text.contains(needle), "{}: no {needle:?}", file.display());
        }
        assert!(
            !text.contains("@VERSION@") && !text.contains('\t'),
            "{text}"
        );
    }
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(
        gitignore.lines().any(|l| l == "public/")
            && gitignore.lines().any(|l| l == ".warta-cache/"),
        "{gitignore}"
    );

    if let Some(doc) = yaml_as_json(&github) {
        github_workflow_is_complete(&doc, version);
    }
    if let Some(doc) = yaml_as_json(&gitlab) {
        gitlab_ci_is_complete(&doc, version);
    }

    // What the workflows run, with a GitHub project-pages address: a sub-path.
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--base-url", "https://kim.github.io/desa-baru"])
        .args(["--output", "public"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/desa-baru/berita/\""), "{home}");
}

/// The GitHub workflow's permissions, triggers and steps, as GitHub Pages
/// needs them.
fn github_workflow_is_complete(doc: &serde_json::Value, version: &str) {
    assert_eq!(doc["permissions"]["pages"], "write");
    assert_eq!(doc["permissions"]["id-token"], "write");
    assert_eq!(doc["concurrency"]["cancel-in-progress"], false);
    assert_eq!(doc["env"]["WARTA_VERSION"], version);
    // PyYAML reads the key `on` as YAML 1.1's boolean; GitHub reads a string.
    let on = &doc["true"];
    assert_eq!(on["push"]["branches"][0], "main", "{doc}");
    assert!(on.get("workflow_dispatch").is_some(), "{doc}");
    let steps = doc["jobs"]["build"]["steps"].as_array().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/cache@",
    ] {
        assert!(uses.iter().any(|u| u.starts_with(action)), "{uses:?}");
    }
    assert!(
        uses.iter()
            .any(|u| u.starts_with("actions/upload-pages-artifact@"))
    );
    let build = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.starts_with("warta build"))
        })
        .unwrap();
    assert_eq!(
        build["env"]["BASE_URL"],
        "${{ steps.pages.outputs.base_url }}"
    );
    let deploy = &doc["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
}

fn gitlab_ci_is_complete(doc: &serde_json::Value, version: &str) {
    assert_eq!(doc["variables"]["WARTA_VERSION"], version);
    let pages = &doc["pages"];
    assert_eq!(pages["artifacts"]["paths"][0], "public", "{doc}");
    assert_eq!(
        pages["rules"][0]["if"],
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
    assert!(pages["image"].as_str().unwrap().starts_with("rust"));
    assert_eq!(pages["script"].as_array().unwrap().len(), 2, "{doc}");
}

/// A YAML file as JSON, parsed by python3's PyYAML (Debian's python3-yaml,
/// there on this machine and CI's), or `None` with a note where it is
/// missing: the text checks above still run. Chosen over a Rust YAML crate
/// as a dev-dependency: serde_yaml is unmaintained and its forks are young,
/// and a one-off parse of two small files needs no speed.
fn yaml_as_json(path: &Path) -> Option<serde_json::Value> {
    const SCRIPT: &str = "import json, sys, yaml\n\
        print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))";
    let out = match std::process::Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "note: python3 not found ({e}); YAML of {} not parsed",
                path.display()
            );
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'yaml'") {
        eprintln!(
            "note: PyYAML missing; YAML of {} not parsed",
            path.display()
        );
        return None;
    }
    assert!(
        out.status.success(),
        "{} is not valid YAML:\n{stderr}",
        path.display()
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
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
