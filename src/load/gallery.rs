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
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::files::{SiteFiles, is_photo};
use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::format::slugify;
use crate::fsx;
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

/// Every album under `<root>/media/galeri/`, newest first (albums
/// without a date after those with one, by title), from the files the
/// site walk found (so a folder it could not read is already a warning
/// naming it, and a photo it refused is no album's). A site without the
/// folder has no albums and no problem.
pub fn load_gallery(root: &Path, files: &SiteFiles) -> (Vec<Album>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut albums: Vec<Album> = Vec::new();
    for (folder, photos) in album_folders(files) {
        let path = root.join(GALLERY_DIR).join(&folder);
        let Some(album) = load_album(root, &folder, &path, photos, &mut problems) else {
            continue;
        };
        if let Some(first) = albums.iter().find(|a| a.slug == album.slug) {
            problems.push(same_address(root, first, &album, &path));
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

/// The folders directly under `media/galeri/` holding a photo or an
/// `album.toml`, by name, each with its photos in natural name order.
fn album_folders(files: &SiteFiles) -> BTreeMap<String, Vec<String>> {
    let mut folders: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let prefix = format!("{GALLERY_DIR}/");
    for rel in files.paths() {
        let Some(below) = rel.strip_prefix(&prefix) else {
            continue;
        };
        if let Some((folder, name)) = below.split_once('/').filter(|(_, n)| !n.contains('/')) {
            let photos = folders.entry(folder.to_string()).or_default();
            if is_photo(name) {
                photos.push(name.to_string());
            }
        }
    }
    for photos in folders.values_mut() {
        photos.sort_by(|a, b| natural_cmp(a, b));
    }
    folders
}

/// Two album folders whose names give the same address.
fn same_address(root: &Path, first: &Album, second: &Album, path: &Path) -> Diagnostic {
    let (a, b, slug) = (&first.folder, &second.folder, &second.slug);
    Diagnostic::error(text!(
        "Folder album `{a}` dan `{b}` di {GALLERY_DIR}/ menghasilkan alamat yang sama /galeri/{slug}/.",
        "The album folders `{a}` and `{b}` in {GALLERY_DIR}/ give the same address /galeri/{slug}/."
    ))
    .in_file(display_path(root, path))
    .hint(Text::new(
        "Ganti nama salah satu folder. Huruf besar dan kecil, spasi dan tanda hubung dianggap sama.",
        "Rename one of the folders. Upper and lower case, spaces and hyphens count as the same.",
    ))
}

/// One folder as an album; `None` when it holds no photo.
fn load_album(
    root: &Path,
    folder: &str,
    path: &Path,
    files: Vec<String>,
    problems: &mut Diagnostics,
) -> Option<Album> {
    let toml_path = path.join(ALBUM_FILE);
    let shown = display_path(root, &toml_path);
    let raw = if fsx::exists(&toml_path) {
        read_album_toml(root, &toml_path, &shown, problems)
    } else {
        None
    };
    if files.is_empty() {
        if raw.is_some() {
            problems.push(no_photos_yet(folder, &shown));
        }
        return None;
    }
    let mut album = Album {
        folder: folder.to_string(),
        slug: match slugify(folder) {
            s if s.is_empty() => "album".to_string(),
            s => s,
        },
        title: prettify(folder),
        description: None,
        date: None,
        original: false,
        cover: 0,
        photos: Vec::new(),
        file: display_path(root, path),
    };
    match raw {
        Some((raw, source)) => {
            album.file = shown.clone();
            let mut check = AlbumCheck {
                file: &shown,
                source: &source,
                files: &files,
                problems,
            };
            apply_settings(&mut album, raw, &mut check);
        }
        None => album.photos = files.iter().map(|f| photo(folder, f)).collect(),
    }
    Some(album)
}

/// The warning for an album folder with settings and no photo.
fn no_photos_yet(folder: &str, shown: &Path) -> Diagnostic {
    Diagnostic::warning(text!(
        "Album `{folder}` belum berisi foto, jadi belum ditampilkan di /galeri/.",
        "The album `{folder}` has no photos yet, so /galeri/ does not show it."
    ))
    .in_file(shown)
    .hint(Text::new(
        "Salin foto (.jpg, .png atau .webp) ke folder ini.",
        "Copy photos (.jpg, .png or .webp) into this folder.",
    ))
}

/// The photo `file` of the album folder `folder`, without words.
fn photo(folder: &str, file: &str) -> AlbumPhoto {
    AlbumPhoto {
        src: format!("{GALLERY_DIR}/{folder}/{file}"),
        file: file.to_string(),
        caption: String::new(),
        alt: String::new(),
    }
}

/// Puts `album.toml`'s settings on `album`: title, description, date,
/// originals, the listed photos in their order with their words, then
/// the folder's other photos, and the cover.
fn apply_settings(album: &mut Album, raw: RawAlbum, check: &mut AlbumCheck<'_>) {
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
        album.photos.push(AlbumPhoto {
            caption: p.caption.unwrap_or_default().trim().to_string(),
            alt: p.alt.unwrap_or_default().trim().to_string(),
            ..photo(&album.folder, p.file.get_ref())
        });
    }
    for f in check.files {
        if !album.photos.iter().any(|x| &x.file == f) {
            album.photos.push(photo(&album.folder, f));
        }
    }
    if let Some(c) = raw.cover.filter(|c| check.photo(c)) {
        album.cover = album
            .photos
            .iter()
            .position(|p| &p.file == c.get_ref())
            .unwrap_or(0);
    }
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
mod tests;
