//! `media/galeri/`: the photo albums of `/galeri/`.
//!
//! Every folder directly under `media/galeri/` that holds at least one
//! photo is an album, whether or not posts also use its photos: a writer
//! makes an album by copying photos into a new folder, nothing more. Its
//! address is the folder name as a slug (`/galeri/panen-padi-2025/`) and
//! its title the folder name tidied up ("Panen Padi 2025"), unless the
//! folder holds an `album.toml`, all of whose keys are optional:
//!
//! ```toml
//! title = "Panen Raya Padi 2025"
//! description = "Petani Dusun Sumbersari memanen padi di sawah irigasi."
//! date = 2025-03-14          # a plain date; albums are listed newest first
//! cover = "panen-2.jpg"      # the photo shown on /galeri/ (else the first)
//! original = true            # link each photo's original (metadata cut out)
//!
//! [[photos]]                 # in the order to show them; the rest follow by name
//! file = "panen-1.jpg"
//! caption = "Memanen padi dengan sabit di petak Pak Darto."
//! alt = "Tiga petani memotong padi menguning."
//! ```
//!
//! A mistake in `album.toml` (an unknown key, a photo that is not in the
//! folder, a date with a time) is an error at its `file:line:col`, like
//! the rest of the site's files. Photos stay in `media/`, so they are
//! processed and published by [`crate::images`] as everywhere else; only
//! `original = true` publishes the originals too, through
//! [`crate::images::ImagePlan::original`].

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::files::is_photo;
use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::format::slugify;
use crate::fsx;
use crate::load::content::is_ignored_name;
use crate::load::tomlerr::{parse_toml, suggest_key};
use crate::load::years;
use crate::text;

/// Where albums live, relative to the site root.
pub const GALLERY_DIR: &str = "media/galeri";
/// The optional settings file of an album folder.
pub const ALBUM_FILE: &str = "album.toml";

/// One album, ready for the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Album {
    /// The folder's name as it is on disk.
    pub folder: String,
    /// The folder's name as a slug: the album's address below `galeri/`.
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<NaiveDate>,
    /// Link each photo's original (`original = true`).
    pub original: bool,
    /// Index into `photos` of the photo shown on `/galeri/`.
    pub cover: usize,
    /// Never empty.
    pub photos: Vec<AlbumPhoto>,
    /// `media/galeri/<folder>/album.toml` when there is one, else the
    /// folder: the file to name in a message about the album.
    pub file: PathBuf,
}

/// One photo of an album.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AlbumPhoto {
    /// Its site path, `media/galeri/<folder>/<file>`: what the image
    /// pipeline knows it by.
    pub src: String,
    /// The file name.
    pub file: String,
    /// Empty when not given.
    pub caption: String,
    /// Empty when not given (the theme then describes it by the album).
    pub alt: String,
}

/// `album.toml` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAlbum {
    title: Option<String>,
    description: Option<String>,
    date: Option<Spanned<Datetime>>,
    cover: Option<Spanned<String>>,
    #[serde(default)]
    original: bool,
    #[serde(default)]
    photos: Vec<RawPhoto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    file: Spanned<String>,
    caption: Option<String>,
    alt: Option<String>,
}

/// Whether a file of `media/`, by its path components below `media/`,
/// is an album's `album.toml` (read by warta, not published).
pub fn is_album_file<S: AsRef<str>>(rel: &[S]) -> bool {
    matches!(rel, [g, _, f] if g.as_ref() == "galeri" && f.as_ref() == ALBUM_FILE)
}

/// Reads every album under `<root>/media/galeri/`, newest first (albums
/// without a date after those with one, by title). A site without the
/// folder has no albums and no problem.
pub fn load_gallery(root: &Path) -> (Vec<Album>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let dir = root.join(GALLERY_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (Vec::new(), problems);
    };
    let mut folders: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (!is_ignored_name(&name)).then(|| (name, e.path()))
        })
        .collect();
    folders.sort();
    let mut albums: Vec<Album> = Vec::new();
    for (folder, path) in folders {
        let Some(album) = load_album(root, &folder, &path, &mut problems) else {
            continue;
        };
        if let Some(first) = albums.iter().find(|a| a.slug == album.slug) {
            let (a, b, slug) = (&first.folder, &album.folder, &album.slug);
            problems.push(
                Diagnostic::error(text!(
                    "Folder album `{a}` dan `{b}` di {GALLERY_DIR}/ menghasilkan alamat yang sama /galeri/{slug}/.",
                    "The album folders `{a}` and `{b}` in {GALLERY_DIR}/ give the same address /galeri/{slug}/."
                ))
                .in_file(display_path(root, &path))
                .hint(Text::new(
                    "Ganti nama salah satu folder. Huruf besar dan kecil, spasi dan tanda hubung dianggap sama.",
                    "Rename one of the folders. Upper and lower case, spaces and hyphens count as the same.",
                )),
            );
            continue;
        }
        albums.push(album);
    }
    albums.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.title.cmp(&b.title)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.title.cmp(&b.title),
    });
    (albums, problems)
}

/// One folder as an album; `None` when it holds no photo.
fn load_album(root: &Path, folder: &str, path: &Path, problems: &mut Diagnostics) -> Option<Album> {
    let mut files: Vec<String> = std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !is_ignored_name(n) && is_photo(n))
        .collect();
    files.sort_by(|a, b| natural_cmp(a, b));
    let toml_path = path.join(ALBUM_FILE);
    let shown = display_path(root, &toml_path);
    let raw = if toml_path.is_file() {
        read_album_toml(root, &toml_path, &shown, problems)
    } else {
        None
    };
    if files.is_empty() {
        if raw.is_some() {
            problems.push(
                Diagnostic::warning(text!(
                    "Album `{folder}` belum berisi foto, jadi belum ditampilkan di /galeri/.",
                    "The album `{folder}` has no photos yet, so /galeri/ does not show it."
                ))
                .in_file(&shown)
                .hint(Text::new(
                    "Salin foto (.jpg, .png atau .webp) ke folder ini.",
                    "Copy photos (.jpg, .png or .webp) into this folder.",
                )),
            );
        }
        return None;
    }
    let slug = match slugify(folder) {
        s if s.is_empty() => "album".to_string(),
        s => s,
    };
    let mut album = Album {
        folder: folder.to_string(),
        slug,
        title: prettify(folder),
        description: None,
        date: None,
        original: false,
        cover: 0,
        photos: Vec::new(),
        file: display_path(root, path),
    };
    let src = |file: &str| format!("{GALLERY_DIR}/{folder}/{file}");
    let Some((raw, source)) = raw else {
        album.photos = files
            .iter()
            .map(|f| AlbumPhoto {
                src: src(f),
                file: f.clone(),
                caption: String::new(),
                alt: String::new(),
            })
            .collect();
        return Some(album);
    };
    let mut check = AlbumCheck {
        file: &shown,
        source: &source,
        files: &files,
        problems,
    };
    album.file = shown.clone();
    if let Some(t) = raw.title.filter(|t| !t.trim().is_empty()) {
        album.title = t.trim().to_string();
    }
    album.description = raw.description.filter(|d| !d.trim().is_empty());
    album.original = raw.original;
    album.date = raw.date.and_then(|d| check.date(&d));
    for p in raw.photos {
        if !check.photo(&p.file) {
            continue;
        }
        if album.photos.iter().any(|x| &x.file == p.file.get_ref()) {
            check.duplicate(&p.file);
            continue;
        }
        let name = p.file.into_inner();
        album.photos.push(AlbumPhoto {
            src: src(&name),
            file: name,
            caption: p.caption.unwrap_or_default().trim().to_string(),
            alt: p.alt.unwrap_or_default().trim().to_string(),
        });
    }
    for f in &files {
        if !album.photos.iter().any(|x| &x.file == f) {
            album.photos.push(AlbumPhoto {
                src: src(f),
                file: f.clone(),
                caption: String::new(),
                alt: String::new(),
            });
        }
    }
    if let Some(c) = raw.cover.filter(|c| check.photo(c)) {
        album.cover = album
            .photos
            .iter()
            .position(|p| &p.file == c.get_ref())
            .unwrap_or(0);
    }
    Some(album)
}

/// Reads and parses `album.toml`; a TOML mistake is reported and gives
/// `None` (the folder is still an album, with its defaults).
fn read_album_toml(
    root: &Path,
    path: &Path,
    shown: &Path,
    problems: &mut Diagnostics,
) -> Option<(RawAlbum, String)> {
    let source = match fsx::read_site_text(root, path) {
        Ok(s) => s,
        Err(d) => {
            problems.push(d.in_file(shown));
            return None;
        }
    };
    let what = Text::new("album.toml", "album.toml");
    match parse_toml::<RawAlbum>(&source, shown, &source, 0, &what) {
        Ok(raw) => Some((raw, source)),
        Err(found) => {
            problems.extend(found);
            None
        }
    }
}

/// The rules for the values of one `album.toml`.
struct AlbumCheck<'a> {
    file: &'a Path,
    source: &'a str,
    /// The photos in the folder.
    files: &'a [String],
    problems: &'a mut Diagnostics,
}

impl AlbumCheck<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: Text, hint: Text) {
        let len = span.len().max(1);
        self.problems.push(
            Diagnostic::error(message)
                .in_file(self.file)
                .at(self.source, span.start, len)
                .hint(hint),
        );
    }

    /// A photo listed twice: the second entry's caption would be lost.
    fn duplicate(&mut self, v: &Spanned<String>) {
        let name = v.get_ref();
        let first = self
            .source
            .find(&format!("\"{name}\""))
            .map_or(1, |at| self.source[..at].matches('\n').count() + 1);
        self.error(
            v.span(),
            text!(
                "Foto `{name}` sudah tercantum di baris {first} album.toml.",
                "The photo `{name}` is already listed on line {first} of album.toml."
            ),
            Text::new(
                "Hapus salah satu bagian [[photos]] untuk foto ini, lalu satukan keterangannya (`caption`, `alt`) di bagian yang tersisa.",
                "Remove one of the [[photos]] entries for this photo and keep its `caption` and `alt` in the other.",
            ),
        );
    }

    fn date(&mut self, v: &Spanned<Datetime>) -> Option<NaiveDate> {
        let dt = v.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        };
        if let Some(d) = dt.date.filter(|d| !years::in_range(d.year.into())) {
            let (message, hint) = years::out_of_range(d.year.into(), "date");
            self.error(v.span(), message, hint);
            return None;
        }
        if date.is_none() {
            self.error(
                v.span(),
                Text::new(
                    "`date` album harus berupa tanggal saja, tanpa jam.",
                    "The album's `date` must be a plain date, without a time.",
                ),
                Text::new(
                    "Tulis tanggal tanpa tanda kutip, misalnya `date = 2025-03-14`.",
                    "Write the date without quotes, e.g. `date = 2025-03-14`.",
                ),
            );
        }
        date
    }

    /// Whether the photo a key names is in the folder; reports it if not.
    fn photo(&mut self, v: &Spanned<String>) -> bool {
        let name = v.get_ref();
        if self.files.iter().any(|f| f == name) {
            return true;
        }
        let names: Vec<&str> = self.files.iter().map(String::as_str).collect();
        let hint = match suggest_key(name, &names) {
            Some(s) => text!(
                "Mungkin maksudnya `{s}`. Tulis nama berkas foto di folder ini persis, dengan huruf besar-kecil dan ekstensinya.",
                "Perhaps you meant `{s}`. Write the name of a photo in this folder exactly, with its case and extension."
            ),
            None => {
                let list = names.join(", ");
                text!(
                    "Foto di folder ini: {list}.",
                    "The photos in this folder: {list}."
                )
            }
        };
        self.error(
            v.span(),
            text!(
                "Foto `{name}` tidak ada di folder album ini.",
                "The photo `{name}` is not in this album's folder."
            ),
            hint,
        );
        false
    }
}

/// Acronyms a folder name may hold, written as Indonesians write them.
const ACRONYMS: &[(&str, &str)] = &[
    ("bpd", "BPD"),
    ("bumdes", "BUMDes"),
    ("hut", "HUT"),
    ("kim", "KIM"),
    ("ktp", "KTP"),
    ("lpm", "LPM"),
    ("mpls", "MPLS"),
    ("paud", "PAUD"),
    ("pkk", "PKK"),
    ("ri", "RI"),
    ("rt", "RT"),
    ("rw", "RW"),
    ("sd", "SD"),
    ("sdn", "SDN"),
    ("smp", "SMP"),
    ("tk", "TK"),
    ("umkm", "UMKM"),
];

/// A folder name as a title: "panen-padi-2025" → "Panen Padi 2025",
/// "hut_ri_81" → "HUT RI 81".
pub fn prettify(folder: &str) -> String {
    folder
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            if let Some((_, a)) = ACRONYMS.iter().find(|(k, _)| *k == lower) {
                return a.to_string();
            }
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// File names in the order people count: `foto-2.jpg` before `foto-10.jpg`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, text)) if *d == digit => text.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (x, y) = (chunks(a), chunks(b));
    for (p, q) in x.iter().zip(&y) {
        let ord = match (p, q) {
            ((true, m), (true, n)) => {
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                m.len().cmp(&n.len()).then_with(|| m.cmp(n))
            }
            ((_, m), (_, n)) => m.to_lowercase().cmp(&n.to_lowercase()),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
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
        let (albums, problems) = load_gallery(dir.path());
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
        let (albums, problems) = load_gallery(dir.path());
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
        let (albums, problems) = load_gallery(dir.path());
        assert!(albums.is_empty() && problems.is_empty());
    }
}
