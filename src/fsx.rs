//! Filesystem calls that name the path in their error, and the rules for
//! what a site may read.
//!
//! Every read and write warta does goes through here, so no message ever
//! says "file not found" without saying which file. The site's own files
//! (content, media, static, templates, themes, profile and config) are read
//! through [`read_site`], [`read_site_text`] or found by [`classify`], which
//! keep reading inside the site: a file must lie inside the site folder
//! once every symbolic link is resolved (a link to `/etc/passwd` is refused
//! and named with its target), and must be an ordinary file (a FIFO would
//! hang the build, `/dev/zero` would eat the memory). A symbolic link to an
//! ordinary file *inside* the site is followed: git keeps such links and
//! they cannot leak anything; a link to a folder is refused, because
//! following it could publish the same files twice or loop forever.
//! Text files (Markdown, TOML, templates) are at most [`MAX_TEXT_BYTES`].
//!
//! Where a failure is not the writer's to fix, the caller may drop the
//! error, but the call still goes through here: the image cache (an
//! unreadable entry is a miss), the clean-up and roll-back of the output
//! swap. A folder a walk cannot read is a warning naming it
//! ([`walk_warning`]), never a silent gap. The justified exceptions are
//! `output/swap.rs`'s `link_tree` (hard links and links recreated as they
//! are; its error is named there) and the atomic exchange (`renameat2`).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::text;

/// The file that marks a folder as warta's output: [`crate::output`]
/// writes it, and `[build] keep` may not name it.
pub const OUTPUT_MARKER: &str = ".warta-output";

/// The largest Markdown, TOML or template file warta reads: a post is a
/// few kilobytes; 20 MB is far above any real one and far below what
/// would hurt a cheap laptop.
pub const MAX_TEXT_BYTES: u64 = 20 * 1024 * 1024;

fn io_error(action: Text, path: &Path, err: &std::io::Error) -> Diagnostic {
    let p = path.display();
    let (id, en) = (&action.id, &action.en);
    Diagnostic::error(text!("{id} `{p}`: {err}", "{en} `{p}`: {err}")).in_file(path)
}

pub fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path)
        .map_err(|e| io_error(Text::new("Tidak bisa membaca", "Cannot read"), path, &e))
}

/// Reads a text file. Invalid UTF-8 is reported with the line it is on.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    utf8(path, read(path)?)
}

fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let full = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error(Text::new(
            "Berkas ini bukan teks UTF-8 yang sah (ada huruf yang rusak).",
            "This file is not valid UTF-8 text (a character is damaged).",
        ))
        .in_file(path)
        .at_line(&full, line, column)
        .hint(Text::new(
            "Simpan ulang berkas dengan pengodean UTF-8 (di Notepad: Simpan Sebagai → Encoding: UTF-8), lalu periksa huruf di baris ini.",
            "Save the file again as UTF-8 (in Notepad: Save As → Encoding: UTF-8), then check the characters on this line.",
        ))
    })
}

/// Editor backups, swap files and partial saves (`x.md~`, `.#x.md`,
/// `#x.md#`, `x.md.swp`, `x.md.tmp`, `4913`…) and hidden files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// What [`classify`] found in a walk of a site folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An ordinary file, or a link to one inside the site.
    File,
    /// A real folder (never a link to one).
    Dir,
}

/// Checks an entry of a walk that does not follow links (see the module
/// doc): an error names the path (relative to `root`) and, for a link,
/// its target.
pub fn classify(root: &Path, entry: &walkdir::DirEntry) -> Result<Kind, Diagnostic> {
    let t = entry.file_type();
    if t.is_dir() {
        return Ok(Kind::Dir);
    }
    if t.is_symlink() {
        check_inside(root, entry.path())?;
        if entry.path().is_dir() {
            return Err(link_to_folder(root, entry.path()));
        }
    }
    check_ordinary(root, entry.path()).map(|_| Kind::File)
}

/// Checks that `path` may be read as a file of the site at `root`, and
/// returns its size.
pub fn check_site_file(root: &Path, path: &Path) -> Result<u64, Diagnostic> {
    check_inside(root, path)?;
    check_ordinary(root, path)
}

/// Reads a file of the site (see the module doc).
pub fn read_site(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let len = check_site_file(root, path)?;
    read_bounded(path, len.max(8192))
}

/// Reads a text file of the site: at most [`MAX_TEXT_BYTES`], UTF-8.
pub fn read_site_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let len = check_site_file(root, path)?;
    if len > MAX_TEXT_BYTES {
        return Err(too_big(root, path, len));
    }
    let bytes =
        read_bounded(path, MAX_TEXT_BYTES).map_err(|_| too_big(root, path, MAX_TEXT_BYTES + 1))?;
    utf8(path, bytes)
}

/// Reads at most `limit` bytes; more is an error (a file that grows, or
/// one whose size the system does not know).
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let cannot =
        |e: &std::io::Error| io_error(Text::new("Tidak bisa membaca", "Cannot read"), path, e);
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() as u64 > limit {
        let e = std::io::Error::other(format!("larger than {limit} bytes"));
        return Err(cannot(&e));
    }
    Ok(bytes)
}

/// The path once every link is resolved must lie inside `root`.
fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(&real_root) => Ok(()),
        Ok(real) => Err(outside(root, path, &real)),
        Err(e) => Err(match link_of(root, path) {
            Some((link, target)) => {
                let (l, t) = (
                    display_path(root, &link).display().to_string(),
                    target.display(),
                );
                Diagnostic::error(text!(
                    "`{l}` adalah tautan simbolik ke `{t}`, yang tidak ada.",
                    "`{l}` is a symbolic link to `{t}`, which does not exist."
                ))
                .in_file(display_path(root, path))
                .hint(Text::new(
                    "Hapus tautan itu, atau ganti dengan berkas aslinya.",
                    "Remove the link, or put the real file in its place.",
                ))
            }
            None => io_error(Text::new("Tidak bisa membaca", "Cannot read"), path, &e),
        }),
    }
}

/// The symbolic link on the way from `root` to `path` (the last one), and
/// where it points.
fn link_of(root: &Path, path: &Path) -> Option<(PathBuf, PathBuf)> {
    path.ancestors()
        .take_while(|a| a.starts_with(root) && *a != root)
        .find(|a| std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink()))
        .and_then(|a| Some((a.to_path_buf(), std::fs::read_link(a).ok()?)))
}

fn outside(root: &Path, path: &Path, real: &Path) -> Diagnostic {
    let (link, target) = link_of(root, path).unwrap_or_else(|| (path.to_path_buf(), real.into()));
    let l = display_path(root, &link).display().to_string();
    let t = if target == real {
        format!("`{}`", target.display())
    } else {
        format!("`{}` (`{}`)", target.display(), real.display())
    };
    Diagnostic::error(text!(
        "`{l}` adalah tautan simbolik ke {t}, di luar folder situs; warta hanya membaca berkas di dalam folder situs.",
        "`{l}` is a symbolic link to {t}, outside the site folder; warta reads only files inside the site folder."
    ))
    .in_file(display_path(root, path))
    .hint(Text::new(
        "Hapus tautan itu dan salin berkas yang memang mau diterbitkan ke dalam folder situs.",
        "Remove the link and copy the file you mean to publish into the site folder.",
    ))
}

fn link_to_folder(root: &Path, path: &Path) -> Diagnostic {
    let l = display_path(root, path).display().to_string();
    let t = std::fs::read_link(path).unwrap_or_default();
    let t = t.display();
    Diagnostic::error(text!(
        "`{l}` adalah tautan simbolik ke folder `{t}`; warta tidak mengikuti tautan ke folder (berkas yang sama bisa terbit dua kali, atau berputar tanpa akhir).",
        "`{l}` is a symbolic link to the folder `{t}`; warta does not follow links to folders (the same files could be published twice, or loop forever)."
    ))
    .in_file(&l)
    .hint(Text::new(
        "Pindahkan folder itu ke sini, atau buat tautan untuk tiap berkas.",
        "Move the folder here, or link each file instead.",
    ))
}

/// A regular file (after links): not a FIFO, device or socket. Returns its size.
fn check_ordinary(root: &Path, path: &Path) -> Result<u64, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| io_error(Text::new("Tidak bisa membaca", "Cannot read"), path, &e))?;
    if meta.is_file() {
        return Ok(meta.len());
    }
    let p = display_path(root, path).display().to_string();
    Err(Diagnostic::error(text!(
        "`{p}` bukan berkas biasa (melainkan pipa, perangkat, atau soket); warta hanya membaca berkas biasa.",
        "`{p}` is not an ordinary file (but a pipe, a device or a socket); warta reads only ordinary files."
    ))
    .in_file(&p)
    .hint(Text::new(
        "Hapus atau pindahkan berkas itu dari folder situs.",
        "Remove that file from the site folder, or move it out.",
    )))
}

fn too_big(root: &Path, path: &Path, len: u64) -> Diagnostic {
    let p = display_path(root, path).display().to_string();
    let (mb, max) = (len as f64 / 1_048_576.0, MAX_TEXT_BYTES / 1_048_576);
    Diagnostic::error(text!(
        "`{p}` berukuran {mb:.1} MB; berkas teks (Markdown, TOML, templat) paling besar {max} MB.",
        "`{p}` is {mb:.1} MB; text files (Markdown, TOML, templates) may be at most {max} MB."
    ))
    .in_file(&p)
    .hint(Text::new(
        "Bagi tulisan itu menjadi beberapa tulisan; video, PDF dan berkas besar lain taruh di media/ atau static/.",
        "Split it into several posts; put videos, PDFs and other big files in media/ or static/.",
    ))
}

/// `dir` (`content`, `static`…) is a file where a folder belongs.
pub fn not_a_folder(root: &Path, dir: &Path) -> Diagnostic {
    let p = display_path(root, dir).display().to_string();
    Diagnostic::error(text!(
        "`{p}` adalah berkas, bukan folder; warta mencari folder `{p}/` di sini.",
        "`{p}` is a file, not a folder; warta looks for a folder `{p}/` here."
    ))
    .in_file(&p)
    .hint(Text::new(
        "Ganti nama atau pindahkan berkas itu, lalu buat folder dengan nama tersebut.",
        "Rename or move that file, then make a folder with that name.",
    ))
}

/// A warning for a folder a walk could not read: its files are left out.
pub fn walk_warning(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let dir = err
        .path()
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    let d = display_path(root, &dir).display().to_string();
    let cause = err
        .io_error()
        .map_or_else(|| err.to_string(), std::string::ToString::to_string);
    Diagnostic::warning(text!(
        "Tidak bisa membaca `{d}` ({cause}); isinya dilewati.",
        "Cannot read `{d}` ({cause}); what it holds is left out."
    ))
    .in_file(&d)
    .hint(Text::new(
        "Periksa izin folder itu (chmod), atau pindahkan dari folder situs.",
        "Check the folder's permissions (chmod), or move it out of the site folder.",
    ))
}

/// Every file below `dir` that the site may read or publish, sorted:
/// hidden files and folders (`.git/`) and editors' temporary files are
/// left out, except the folder names in `hidden_allowed` (`.well-known`
/// in `static/`, which RFC 8615 reserves for sites); every entry is
/// checked by [`classify`]. What is refused, and folders that cannot be
/// read (as warnings), go to `problems`.
pub fn site_files(
    root: &Path,
    dir: &Path,
    hidden_allowed: &[&str],
    problems: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if !exists(dir) {
        return files;
    }
    let visible = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0
            || !is_ignored_name(&name)
            || (e.file_type().is_dir() && hidden_allowed.contains(&name.as_ref()))
    };
    let walker = walker(dir).into_iter().filter_entry(visible);
    for entry in walker {
        match entry.map(|e| (classify(root, &e), e)) {
            Ok((Ok(Kind::File), e)) if e.depth() == 0 => problems.push(not_a_folder(root, dir)),
            Ok((Ok(Kind::File), e)) => files.push(e.into_path()),
            Ok((Ok(Kind::Dir), _)) => {}
            Ok((Err(d), _)) => problems.push(d),
            Err(e) => problems.push(walk_warning(root, &e)),
        }
    }
    files
}

/// Whether anything is at `path`: a file, a folder, or a link (even one
/// that leads nowhere). Not following links keeps a broken link visible.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// What is at `path`, following links.
pub fn metadata(path: &Path) -> Result<std::fs::Metadata, Diagnostic> {
    std::fs::metadata(path)
        .map_err(|e| io_error(Text::new("Tidak bisa membaca", "Cannot read"), path, &e))
}

/// `path` with every link resolved, absolute.
pub fn canonicalize(path: &Path) -> Result<PathBuf, Diagnostic> {
    std::fs::canonicalize(path)
        .map_err(|e| io_error(Text::new("Tidak bisa menemukan", "Cannot find"), path, &e))
}

/// Opens a file to read as a stream (a served file, a format sniff).
pub fn open(path: &Path) -> Result<std::fs::File, Diagnostic> {
    std::fs::File::open(path)
        .map_err(|e| io_error(Text::new("Tidak bisa membuka", "Cannot open"), path, &e))
}

/// The entries of the folder `dir`, by name. An entry the system could
/// not list makes the whole listing an error naming `dir`, rather than a
/// silent gap.
pub fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, Diagnostic> {
    let cannot =
        |e: &std::io::Error| io_error(Text::new("Tidak bisa membaca", "Cannot read"), dir, e);
    let mut entries = std::fs::read_dir(dir)
        .map_err(|e| cannot(&e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| cannot(&e))?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    Ok(entries)
}

/// The walk every look at a site folder uses: sorted by name, following
/// no link (not even `dir` itself, when it is one); [`classify`] checks
/// each entry, and an entry that is an error becomes [`walk_warning`].
pub fn walker(dir: &Path) -> walkdir::WalkDir {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
}

/// `path` below `base` as the `/`-separated path warta publishes it under
/// and links it by (`berita/x.md`, `media/foto desa.jpg`), whatever the
/// system's separator: built from the path's components, never from its
/// whole text, so Windows' `\` never reaches a URL. A `\` inside a name
/// (only Unix allows one) separates too, as browsers read `\` in a URL.
/// Only ordinary names count: a root, a drive, `.` and `..` are dropped,
/// so the result never climbs out of the output folder. Names are kept
/// as they are (spaces, Unicode letters); URLs are percent-encoded where
/// they are written.
pub fn url_path(base: &Path, path: &Path) -> String {
    let (base, path) = (url_parts(base), url_parts(path));
    path.strip_prefix(base.as_slice())
        .unwrap_or(&path)
        .join("/")
}

/// The ordinary names of `path`, split at `/` and `\` (see [`url_path`]).
fn url_parts(path: &Path) -> Vec<String> {
    let mut parts = Vec::new();
    for part in path.components() {
        if let std::path::Component::Normal(name) = part {
            let name = name.to_string_lossy();
            parts.extend(
                name.split('\\')
                    .filter(|p| !p.is_empty() && *p != "." && *p != "..")
                    .map(str::to_string),
            );
        }
    }
    parts
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, contents)
        .map_err(|e| io_error(Text::new("Tidak bisa menulis", "Cannot write"), path, &e))
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| {
        io_error(
            Text::new("Tidak bisa membuat folder", "Cannot create folder"),
            path,
            &e,
        )
    })
}

pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::remove_dir_all(path).map_err(|e| {
        io_error(
            Text::new("Tidak bisa menghapus folder", "Cannot remove folder"),
            path,
            &e,
        )
    })
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::rename(from, to).map_err(|e| {
        io_error(
            Text::new(
                format!("Tidak bisa memindahkan ke `{}`", to.display()),
                format!("Cannot move to `{}`", to.display()),
            ),
            from,
            &e,
        )
    })
}

pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| io_error(Text::new("Tidak bisa menyalin", "Cannot copy"), from, &e))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{is_ignored_name, walk_warning};

    /// Windows-style relative paths, names with spaces and Indonesian or
    /// other Unicode letters: every `\` becomes `/`, names stay whole.
    #[test]
    fn paths_become_slash_separated_url_paths_on_every_system() {
        for (base, path, url) in [
            ("content", r"content\berita\x.md", "berita/x.md"),
            ("content", "content/berita/x.md", "berita/x.md"),
            ("", r"media\foto desa.jpg", "media/foto desa.jpg"),
            ("media", r"media\foto desa.jpg", "foto desa.jpg"),
            (
                "content",
                r"content\berita\2026-08-17-hut-ri\upacara bendera.jpg",
                "berita/2026-08-17-hut-ri/upacara bendera.jpg",
            ),
            (
                "static",
                r"static\dokumen\Perdes Nomor 3 Tahun 2026.pdf",
                "dokumen/Perdes Nomor 3 Tahun 2026.pdf",
            ),
            (
                "media",
                r"media\galeri\Pasar Kliwon é\ñandu ǅ ทดสอบ 村.jpg",
                "galeri/Pasar Kliwon é/ñandu ǅ ทดสอบ 村.jpg",
            ),
            ("content", r"content/profil\sejarah.md", "profil/sejarah.md"),
            ("content", r"content\.\berita\..\x.md", "berita/x.md"),
            (
                "templates",
                r"templates\partials\kartu.html",
                "partials/kartu.html",
            ),
        ] {
            let got = super::url_path(Path::new(base), Path::new(path));
            assert_eq!(got, url, "{base} + {path}");
        }
    }

    /// On Windows itself: absolute paths with a drive, as a walk gives them.
    #[cfg(windows)]
    #[test]
    fn windows_walk_paths_become_url_paths() {
        let base = Path::new(r"C:\Users\KIM\situs desa\content");
        let file = base.join(r"berita\Kerja bakti é.md");
        assert_eq!(super::url_path(base, &file), "berita/Kerja bakti é.md");
        assert_eq!(
            super::url_path(
                base,
                Path::new(r"C:\Users\KIM\situs desa\content/berita/x.md")
            ),
            "berita/x.md"
        );
    }

    #[test]
    fn a_folder_a_walk_cannot_read_is_a_warning_naming_it() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("static/foto");
        let err = walkdir::WalkDir::new(&missing)
            .into_iter()
            .next()
            .unwrap()
            .unwrap_err();
        let d = walk_warning(tmp.path(), &err);
        assert!(!d.is_error());
        assert_eq!(d.file.as_deref(), Some(Path::new("static/foto")));
        assert!(
            d.message.en.starts_with("Cannot read `static/foto` ("),
            "{}",
            d.message.en
        );
    }

    #[test]
    fn skips_editor_and_hidden_files() {
        for name in [
            ".x.md", "x.md~", "#x.md#", ".#x.md", "x.md.swp", "x.md.tmp", "4913", ".git",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["x.md", "foto.jpg", "_index.md"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }
}
