use super::{load_gallery, natural_cmp, prettify};
use std::cmp::Ordering;

#[test]
fn folder_names_become_titles() {
    for (folder, want) in [
        ("panen-padi-2025", "Panen Padi 2025"),
        ("hut_ri_81", "HUT RI 81"),
        ("pelatihan-umkm-2025", "Pelatihan UMKM 2025"),
        ("Taman Baca", "Taman Baca"),
        ("--", ""),
    ] {
        assert_eq!(prettify(folder), want, "{folder}");
    }
}

#[test]
fn numbers_in_names_sort_as_numbers() {
    assert_eq!(natural_cmp("foto-2.jpg", "foto-10.jpg"), Ordering::Less);
    assert_eq!(natural_cmp("b.jpg", "A.jpg"), Ordering::Greater);
    assert_eq!(natural_cmp("foto-02.jpg", "foto-2.jpg"), Ordering::Less);
    let mut v = vec!["x10.jpg", "x9.jpg", "x1.jpg"];
    v.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(v, ["x1.jpg", "x9.jpg", "x10.jpg"]);
}

/// The albums of the site at `root`, found as a build finds them.
fn gallery(root: &std::path::Path) -> (Vec<super::Album>, crate::diag::Diagnostics) {
    let mut walked = crate::diag::Diagnostics::new();
    let files = super::SiteFiles::read(root, &mut walked);
    assert!(walked.is_empty(), "{walked:?}");
    load_gallery(root, &files)
}

fn site(albums: &[(&str, &[&str], Option<&str>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (folder, files, toml) in albums {
        let d = dir.path().join("media/galeri").join(folder);
        std::fs::create_dir_all(&d).unwrap();
        for f in *files {
            std::fs::write(d.join(f), b"x").unwrap();
        }
        if let Some(t) = toml {
            std::fs::write(d.join("album.toml"), t).unwrap();
        }
    }
    dir
}

#[test]
fn albums_take_their_settings_and_keep_the_rest_in_name_order() {
    let dir = site(&[
        (
            "panen-2025",
            &["b-10.jpg", "b-2.jpg", "a.jpg", "catatan.txt"],
            Some(
                "title = \"Panen Raya\"\ndate = 2025-03-14\ncover = \"b-2.jpg\"\noriginal = true\n\
                 [[photos]]\nfile = \"b-10.jpg\"\ncaption = \"Sepuluh\"\nalt = \"Foto sepuluh\"\n",
            ),
        ),
        ("kosong", &[], None),
        ("hut-ri-81", &["lomba.png"], None),
    ]);
    let (albums, problems) = gallery(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(albums.len(), 2);
    let a = &albums[0];
    assert_eq!(
        (a.title.as_str(), a.slug.as_str()),
        ("Panen Raya", "panen-2025")
    );
    assert!(a.original);
    let files: Vec<&str> = a.photos.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["b-10.jpg", "a.jpg", "b-2.jpg"]);
    assert_eq!(a.photos[0].caption, "Sepuluh");
    assert_eq!(a.photos[0].src, "media/galeri/panen-2025/b-10.jpg");
    assert_eq!(a.cover, 2);
    assert_eq!(albums[1].title, "HUT RI 81");
    assert_eq!(albums[1].file.to_string_lossy(), "media/galeri/hut-ri-81");
}

#[test]
fn album_toml_mistakes_name_file_and_line() {
    let dir = site(&[
        (
            "a",
            &["satu.jpg"],
            Some("title = \"A\"\n\n[[photos]]\nfile = \"dua.jpg\"\n"),
        ),
        ("b", &["satu.jpg"], Some("title = \"B\"\njudul = \"x\"\n")),
        ("c", &["satu.jpg"], Some("date = 2025-03-14T09:00:00\n")),
    ]);
    let (albums, problems) = gallery(dir.path());
    assert_eq!(
        albums.len(),
        3,
        "a broken album.toml still leaves the album"
    );
    let shown: Vec<String> = problems
        .errors()
        .map(|d| format!("{} {}", d.position().unwrap_or_default(), d.message.en))
        .collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(
        shown[0].starts_with("media/galeri/a/album.toml:4:")
            && shown[0].contains("`dua.jpg` is not in"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("media/galeri/b/album.toml:2:") && shown[1].contains("judul"),
        "{shown:?}"
    );
    assert!(
        shown[2].starts_with("media/galeri/c/album.toml:1:"),
        "{shown:?}"
    );
}

#[test]
fn no_gallery_folder_is_no_album_and_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (albums, problems) = gallery(dir.path());
    assert!(albums.is_empty() && problems.is_empty());
}
