use super::*;

fn usage(parts: &[(&str, u64, u64)]) -> Usage {
    let mut u = Usage::default();
    for (name, files, bytes) in parts {
        u.parts.insert(
            name.to_string(),
            Part {
                files: *files,
                folders: files / 10,
                bytes: *bytes,
            },
        );
    }
    u
}

#[test]
fn cloudflare_counts_files_and_names_the_villages_with_most() {
    let u = usage(&[
        ("portal", 40, 300_000),
        ("sukamaju", 12_000, 900_000_000),
        ("karangsari", 8_100, 10_000_000),
    ]);
    let problems = check(Host::CloudflarePages, Scope::Network, &u);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].message.id,
        "Keluaran berisi 20.140 berkas; cloudflare-pages menerima paling banyak 20.000 per situs. Terbanyak: sukamaju (900,0 MB, 12.000 berkas), karangsari (10,0 MB, 8.100 berkas), portal (300,0 kB, 40 berkas)."
    );
    assert_eq!(problems[0].file.as_deref(), Some(Path::new("network.toml")));
    // The same output fits GitHub Pages (1 GB, no file count) …
    assert!(check(Host::GithubPages, Scope::Network, &u).is_empty());
    // … and GitLab Pages, folders counted: 20,140 + 2,014 entries of
    // 200,000, 910.3 MB of 1 GB.
    assert!(check(Host::GitlabPages, Scope::Network, &u).is_empty());
    assert!(check(Host::None, Scope::Network, &u).is_empty());
}

#[test]
fn one_gigabyte_and_one_large_file() {
    let mut u = usage(&[("portal", 10, 1_000), ("sukamaju", 100, 1_200_000_000)]);
    u.largest = Some(("sukamaju/media/video.mp4".into(), 30 * MIB));
    let github = check(Host::GithubPages, Scope::Network, &u);
    assert_eq!(github.len(), 1);
    assert_eq!(
        github[0].message.en,
        "The output is 1.2 GB; github-pages takes at most 1.0 GB per site. The largest: sukamaju (1.2 GB, 100 files), portal (1.0 kB, 10 files)."
    );
    let cloudflare = check(Host::CloudflarePages, Scope::Network, &u);
    assert_eq!(cloudflare.len(), 1);
    assert_eq!(
        cloudflare[0].message.en,
        "The file `sukamaju/media/video.mp4` is 30.0 MiB; cloudflare-pages takes files of at most 25 MiB."
    );
}

#[test]
fn gitlab_counts_folders_as_entries() {
    let u = usage(&[("sukamaju", 190_000, 1_000)]);
    let problems = check(Host::GitlabPages, Scope::Network, &u);
    assert_eq!(problems.len(), 1, "190,000 files and 19,000 folders");
    assert!(
        problems[0]
            .message
            .en
            .starts_with("The output holds 209,000 files")
    );
    assert_eq!(
        summary(Host::GitlabPages, &usage(&[("a", 10, 2_500)]), Lang::Id),
        "Hosting gitlab-pages: 11 / 200.000 entri, 2,5 kB / 1,0 GB.\n"
    );
    assert_eq!(
        summary(Host::Netlify, &usage(&[("a", 10, 2_500)]), Lang::En),
        "Host netlify: 10 files, 2.5 kB.\n"
    );
}

/// A site's own `host` (its `warta.toml`): its largest folders named, the
/// error at `warta.toml`, and a hint without networks.
#[test]
fn a_site_over_its_host_names_its_largest_folders() {
    let u = usage(&[
        ("media", 900, 1_150_000_000),
        ("berita", 3_000, 40_000_000),
        ("index.html", 1, 20_000),
        ("tag", 500, 3_000_000),
    ]);
    let problems = check(Host::GithubPages, Scope::Site, &u);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].message.id,
        "Keluaran sebesar 1,2 GB; github-pages menerima paling besar 1,0 GB per situs. Terbesar: media (1,2 GB, 900 berkas), berita (40,0 MB, 3.000 berkas), tag (3,0 MB, 500 berkas)."
    );
    assert_eq!(problems[0].file.as_deref(), Some(Path::new("warta.toml")));
    assert_eq!(
        problems[0].hint.as_ref().map(|h| h.en.as_str()),
        Some(
            "Nothing was published; the previous output stays. Shrink what is largest (photos, attachments, `[images] widths`), or choose another `host` (now \"github-pages\")."
        )
    );
}
