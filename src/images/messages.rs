//! What a writer reads about a photo that cannot be used: why, in
//! Indonesian and English, and what to do about it.

use std::path::{Path, PathBuf};

use super::process::Problem;
use crate::diag::{Diagnostic, Text};
use crate::text;

/// Why, and what to do, in both languages.
pub fn problem_text(p: &Problem) -> (Text, Text) {
    let convert = Text::new(
        "Buka foto itu di ponsel atau komputer dan simpan ulang sebagai JPEG (.jpg), lalu bangun lagi.",
        "Open the photo on a phone or computer and save it again as JPEG (.jpg), then build again.",
    );
    match p {
        Problem::Missing => (
            Text::new("berkas tidak ada.", "the file does not exist."),
            Text::new(
                "Periksa nama dan folder foto. Foto ditulis relatif terhadap berkas tulisan, atau dari akar situs seperti /media/foto.jpg.",
                "Check the photo's name and folder. Photos are written relative to the post's file, or from the site root like /media/photo.jpg.",
            ),
        ),
        Problem::Empty => (
            Text::new("berkasnya kosong (0 byte).", "the file is empty (0 bytes)."),
            Text::new(
                "Salin ulang foto dari ponsel; pengunggahan mungkin terputus.",
                "Copy the photo from the phone again; the upload may have been cut off.",
            ),
        ),
        Problem::NotAnImage => (
            Text::new(
                "isinya bukan gambar, walau namanya seperti foto.",
                "it does not hold an image, although its name says photo.",
            ),
            convert,
        ),
        Problem::Unsupported(f) => (
            text!(
                "formatnya ({f}) tidak bisa diolah warta.",
                "its format ({f}) is one warta cannot process."
            ),
            convert,
        ),
        Problem::TooLarge { width, height } => (
            text!(
                "ukurannya {width} × {height} piksel, melebihi batas 64 juta piksel (16383 piksel per sisi).",
                "it is {width} × {height} pixels, over the limit of 64 million pixels (16383 pixels a side)."
            ),
            Text::new(
                "Perkecil foto itu (misalnya menjadi 4000 piksel lebarnya) sebelum dimasukkan ke situs.",
                "Make the photo smaller (for example 4000 pixels wide) before adding it to the site.",
            ),
        ),
        Problem::Broken(e) => (
            text!("berkasnya rusak ({e}).", "the file is damaged ({e})."),
            convert,
        ),
        Problem::Io(e) => (
            text!(
                "tidak bisa dibaca atau ditulis: {e}",
                "cannot be read or written: {e}"
            ),
            Text::new(
                "Periksa izin berkas dan ruang kosong di disk.",
                "Check the file's permissions and the free disk space.",
            ),
        ),
    }
}

/// The message for a photo `dest` that cannot be used, naming the files
/// that use it (`by`); `file` is the photo as the writer knows it.
pub fn diagnostic(dest: &str, p: &Problem, by: &[&Path], file: Option<PathBuf>) -> Diagnostic {
    let users = by
        .iter()
        .map(|p| format!("`{}`", p.display().to_string().replace('\\', "/")))
        .collect::<Vec<_>>()
        .join(", ");
    let (why, hint) = problem_text(p);
    let (why_id, why_en) = (&why.id, &why.en);
    let shown = file.unwrap_or_else(|| by.first().map(|p| p.to_path_buf()).unwrap_or_default());
    let d = match p {
        // A warning: a new site names photos it has yet to get.
        Problem::Missing => Diagnostic::warning(text!(
            "Foto `{dest}` yang dipakai di {users} tidak ada.",
            "The photo `{dest}` used in {users} does not exist."
        )),
        _ => Diagnostic::error(text!(
            "Foto `{dest}` (dipakai di {users}) tidak bisa dipakai: {why_id}",
            "The photo `{dest}` (used in {users}) cannot be used: {why_en}"
        )),
    };
    d.in_file(shown).hint(hint)
}

/// Where `source` (a post, `profile.toml`, an `album.toml`) names the
/// photo `dest`: the byte offset and length of its file name, as written
/// or percent-encoded (`a%20b.jpg`).
pub fn find_name(source: &str, dest: &str) -> Option<(usize, usize)> {
    let name = dest.rsplit('/').next().filter(|n| !n.is_empty())?;
    let encoded = name.replace(' ', "%20");
    [name, encoded.as_str()]
        .into_iter()
        .find_map(|n| source.find(n).map(|at| (at, n.len())))
}

#[cfg(test)]
mod tests {
    use super::find_name;

    #[test]
    fn finds_where_a_photo_is_named() {
        let src = "+++\nimage = \"foto hilang.jpg\"\n+++\n![a](../media/x%20y.jpg)\n";
        assert_eq!(find_name(src, "berita/foto hilang.jpg"), Some((13, 15)));
        assert_eq!(
            find_name(src, "media/x y.jpg"),
            Some((src.find("x%20").unwrap(), 9))
        );
        assert_eq!(find_name(src, "media/lain.jpg"), None);
        assert_eq!(find_name(src, "media/"), None);
    }
}
