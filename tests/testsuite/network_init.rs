//! `warta init --network`: a network scaffold that builds at once, and
//! its CI workflows: village shards on parallel jobs within the hosts'
//! limits (GitHub: 256 jobs in a matrix; GitLab: `parallel` up to 200),
//! their outputs gathered for one portal job, run here as those jobs'
//! shell lines would run.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use crate::support::Site;

fn yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    let mut docs = YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()));
    docs.remove(0)
}

fn warta(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn init_network_makes_a_network_that_builds_at_once() {
    let site = Site::empty();
    let dir = site.root().join("kim-kabupaten");
    let r = site.run(&["init", "--network", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.output(&site));
    assert!(
        r.stdout.starts_with("Jaringan baru dibuat di "),
        "{}",
        r.stdout
    );
    for f in [
        "network.toml",
        ".gitignore",
        ".github/workflows/terbitkan.yml",
        ".gitlab-ci.yml",
        "pasang-warta.sh",
        "desa/contoh/warta.toml",
        "desa/contoh/profile.toml",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert!(!dir.join("desa/contoh/.github").exists());
    let built = warta(&["build"], &dir);
    let out = String::from_utf8_lossy(&built.stdout);
    assert!(
        built.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(out.contains("\nHosting github-pages: "), "{out}");
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(
        home.contains("https://kim-kabupaten.example.org/contoh/"),
        "{home}"
    );
    assert!(dir.join("public/contoh/index.html").is_file());
    // A second init into the same folder refuses to overwrite.
    assert_eq!(
        site.run(&["init", "--network", dir.to_str().unwrap()]).code,
        1
    );
}

#[test]
fn the_network_workflows_shard_then_build_one_portal() {
    let site = Site::empty();
    let dir = site.root().join("jaringan");
    assert_eq!(
        site.run(&["init", "--network", dir.to_str().unwrap()]).code,
        0
    );
    let github = yaml(&dir.join(".github/workflows/terbitkan.yml"));
    let shards = github["jobs"]["desa"]["strategy"]["matrix"]["shard"]
        .as_vec()
        .unwrap()
        .len();
    let declared: usize = github["env"]["SHARDS"].as_str().unwrap().parse().unwrap();
    assert_eq!(shards, declared, "the matrix and SHARDS agree");
    assert!(shards <= 256, "GitHub runs at most 256 jobs of a matrix");
    let steps = github["jobs"]["desa"]["steps"].as_vec().unwrap();
    let run: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        run.iter()
            .any(|r| r.contains("--shard \"${{ matrix.shard }}/$SHARDS\" --output keluaran")),
        "{run:?}"
    );
    let upload = steps
        .iter()
        .find(|s| s["with"]["path"].as_str() == Some("keluaran"))
        .unwrap();
    // The output marker is a dot-file, which upload-artifact leaves out
    // unless told: without it `warta portal` would refuse the folder.
    assert_eq!(upload["with"]["include-hidden-files"].as_bool(), Some(true));
    assert_eq!(github["jobs"]["portal"]["needs"].as_str(), Some("desa"));
    assert_eq!(github["jobs"]["deploy"]["needs"].as_str(), Some("portal"));
    let gitlab = yaml(&dir.join(".gitlab-ci.yml"));
    let parallel = gitlab["desa"]["parallel"].as_i64().unwrap();
    assert!(
        (2..=200).contains(&parallel),
        "GitLab's parallel is 2 to 200"
    );
    assert_eq!(gitlab["pages"]["stage"].as_str(), Some("portal"));

    // The jobs, as their shell lines run them: each shard on its own
    // copy of the repository, the outputs gathered into public/.
    let gathered = dir.join("public");
    for i in 1..=parallel {
        let shard = format!("{i}/{parallel}");
        let out = site.root().join(format!("keluaran-{i}"));
        let r = warta(
            &[
                "build",
                "--strict",
                "--shard",
                &shard,
                "--output",
                out.to_str().unwrap(),
            ],
            &dir,
        );
        assert!(
            r.status.success(),
            "shard {shard}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        crate::network::copy_into(&out, &gathered);
    }
    let r = warta(&["portal", "--output", "public"], &dir);
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(
        r.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(said.starts_with("Portal selesai: 1 desa, "), "{said}");
    assert!(gathered.join("contoh/index.html").is_file());
    assert!(gathered.join("network.json").is_file());
}
