//! What a file is, by its first bytes: the formats warta processes
//! (JPEG, PNG, WebP) and the camera formats it refuses.
//!
//! Phones and cameras write formats that carry the place a photo was
//! taken (EXIF GPS) and that warta cannot turn into web images: HEIC and
//! HEIF (iPhones, many Android phones), AVIF, JPEG XL, TIFF and the raw
//! formats of cameras (DNG, CR2, CR3, NEF, ARW, ORF, RW2, RAF). Published
//! as they are, they would leak the writer's home, and most browsers
//! cannot show them anyway. So a file in `media/` or `content/` in one of
//! these formats is refused, whatever its name, with a message on how to
//! save it as JPEG; and a JPEG, PNG or WebP under a name that is not a
//! photo's (`IMG_0001`, `foto.jfif`, `foto.jpg.bak`) is refused too, since
//! only photos named as photos go through the metadata-stripping pipeline.
//!
//! Converting instead was considered: no well-kept pure-Rust decoder
//! exists for HEIC (HEVC) or raw files, and AVIF decoding needs the C
//! library dav1d; the writer's phone converts in two taps. BMP, GIF, ICO
//! and SVG carry no camera metadata and are published as they are.

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::model::Asset;
use crate::{fsx, text};

/// How to get a JPEG out of a phone or a laptop, for every refusal.
pub fn save_as_jpeg() -> Text {
    Text::new(
        "Simpan foto itu sebagai JPEG (.jpg), lalu bangun lagi. Di iPhone: Pengaturan > Kamera > Format > \"Paling Kompatibel\" untuk foto baru; untuk foto lama, bagikan lewat WhatsApp atau \"Simpan ke File\" setelah memilih Opsi > \"Paling Kompatibel\". Di Android: matikan \"Simpan sebagai HEIF\" di pengaturan kamera. Di laptop: buka foto itu, lalu Ekspor atau Simpan Sebagai JPEG (Windows: aplikasi Foto atau Paint; Mac: Pratinjau).",
        "Save the photo as JPEG (.jpg), then build again. On an iPhone: Settings > Camera > Formats > \"Most Compatible\" for new photos; for old ones, share through WhatsApp or \"Save to Files\" after choosing Options > \"Most Compatible\". On Android: turn off \"Save as HEIF\" in the camera settings. On a laptop: open the photo and Export or Save As JPEG (Windows: Photos or Paint; Mac: Preview).",
    )
}

/// Every file of `media/` and `content/` (`assets`, by output path) that
/// is a camera format, or a photo under a name that is not a photo's:
/// one error each, naming the file as the writer knows it.
pub fn refuse_unprocessed(assets: &[Asset], root: &Path) -> Diagnostics {
    let mut out = Diagnostics::new();
    for a in assets {
        let Some(format) = head(&a.src).as_deref().and_then(sniff) else {
            continue;
        };
        let file = crate::diag::display_path(root, &a.src);
        let shown = file.display().to_string().replace('\\', "/");
        let d = match format {
            Format::Camera(name) => Diagnostic::error(text!(
                "Foto `{shown}` berformat {name}, yang tidak diolah warta dan bisa membawa lokasi (GPS) tempat foto diambil; foto ini tidak diterbitkan.",
                "The photo `{shown}` is in {name} format, which warta does not process and which can carry the place (GPS) it was taken; it is not published."
            ))
            .hint(save_as_jpeg()),
            Format::Photo(_) if super::is_photo(&a.dest) => continue,
            Format::Photo(kind) => Diagnostic::error(text!(
                "Berkas `{shown}` berisi foto {kind}, tetapi namanya tidak berakhiran .jpg, .jpeg, .png atau .webp, jadi data lokasinya tidak bisa dibersihkan.",
                "The file `{shown}` holds a {kind} photo, but its name does not end in .jpg, .jpeg, .png or .webp, so its location data cannot be cleaned."
            ))
            .hint(text!(
                "Ganti nama berkas itu agar berakhiran .{kind} (misalnya foto.{kind}), lalu pakai nama barunya.",
                "Rename the file to end in .{kind} (for example photo.{kind}), and use the new name."
            )),
        };
        out.push(d.in_file(file));
    }
    out
}

/// The first [`SNIFF_LEN`] bytes of a file; `None` when it cannot be
/// read (the copy reports that, naming the file).
fn head(path: &Path) -> Option<Vec<u8>> {
    let mut buf = Vec::with_capacity(SNIFF_LEN);
    fsx::open(path)
        .ok()?
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut buf)
        .ok()?;
    Some(buf)
}

/// A format found by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A format warta processes: `jpeg`, `png`, `webp`.
    Photo(&'static str),
    /// A camera format warta refuses, by its common name.
    Camera(&'static str),
}

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_LEN: usize = 64;

/// The format of a file starting with `head`, when it is a photo format
/// warta knows; `None` for anything else (text, PDF, GIF, SVG…).
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Format::Photo("jpeg"));
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Format::Photo("png"));
    }
    if head.starts_with(b"RIFF") && head.get(8..12) == Some(&b"WEBP"[..]) {
        return Some(Format::Photo("webp"));
    }
    iso_media(head)
        .or_else(|| tiff(head))
        .or_else(|| other_raw(head))
        .map(Format::Camera)
}

/// HEIC, HEIF, AVIF and Canon's CR3: an ISO media file whose `ftyp` box
/// names an image brand (a phone's MP4 video is left alone).
fn iso_media(head: &[u8]) -> Option<&'static str> {
    if head.get(4..8) != Some(&b"ftyp"[..]) {
        return None;
    }
    let size = usize::try_from(u32::from_be_bytes(head.get(..4)?.try_into().ok()?)).ok()?;
    // The major brand, then (after a version) the compatible brands.
    let end = size.min(head.len());
    let brands = std::iter::once(head.get(8..12)?)
        .chain(head.get(16..end).unwrap_or_default().chunks_exact(4));
    let mut found = None;
    for brand in brands {
        let name = match brand {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" => "HEIC",
            b"mif1" | b"msf1" | b"heif" => "HEIF",
            b"avif" | b"avis" => "AVIF",
            b"crx " => "CR3",
            b"jxl " => "JPEG XL",
            _ => continue,
        };
        // A specific brand wins over the generic `mif1`.
        if found.is_none() || found == Some("HEIF") {
            found = Some(name);
        }
    }
    found
}

/// TIFF and the raw formats built on it (DNG, NEF, ARW, CR2 are TIFF
/// files; Olympus and Panasonic change the magic number).
fn tiff(head: &[u8]) -> Option<&'static str> {
    match head.get(..4)? {
        b"II*\0" if head.get(8..10) == Some(&b"CR"[..]) => Some("CR2"),
        b"II*\0" | b"MM\0*" => Some("TIFF/RAW"),
        b"IIRO" | b"IIRS" | b"MMOR" => Some("ORF"),
        b"IIU\0" => Some("RW2"),
        _ => None,
    }
}

fn other_raw(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"FUJIFILMCCD-RAW") {
        Some("RAF")
    } else if head.starts_with(&[0xFF, 0x0A]) || head.starts_with(b"\0\0\0\x0cJXL \r\n\x87\n") {
        Some("JPEG XL")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, sniff};

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut b = (size as u32).to_be_bytes().to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(major);
        b.extend_from_slice(&[0, 0, 0, 0]);
        for c in compatible {
            b.extend_from_slice(*c);
        }
        b.extend_from_slice(&[0, 0, 0, 8, b'm', b'e', b't', b'a']);
        b
    }

    #[test]
    fn knows_camera_formats_by_their_bytes() {
        let camera = |n| Some(Format::Camera(n));
        for (bytes, want) in [
            (ftyp(b"heic", &[b"mif1", b"heic"]), camera("HEIC")),
            (ftyp(b"mif1", &[b"heic"]), camera("HEIC")),
            (ftyp(b"mif1", &[b"mif1"]), camera("HEIF")),
            (ftyp(b"avif", &[b"mif1", b"miaf"]), camera("AVIF")),
            (ftyp(b"mif1", &[b"avif"]), camera("AVIF")),
            (ftyp(b"crx ", &[b"crx "]), camera("CR3")),
            (ftyp(b"isom", &[b"mp42"]), None),
            (ftyp(b"qt  ", &[]), None),
            (b"II*\0\x08\0\0\0CR\x02\0".to_vec(), camera("CR2")),
            (b"II*\0\x08\0\0\0\x10\0".to_vec(), camera("TIFF/RAW")),
            (b"MM\0*\0\0\0\x08".to_vec(), camera("TIFF/RAW")),
            (b"IIRO\x08\0\0\0".to_vec(), camera("ORF")),
            (b"IIU\0\x08\0\0\0".to_vec(), camera("RW2")),
            (b"FUJIFILMCCD-RAW 0201".to_vec(), camera("RAF")),
            (vec![0xFF, 0x0A, 0xFA], camera("JPEG XL")),
            (b"\xFF\xD8\xFF\xE1".to_vec(), Some(Format::Photo("jpeg"))),
            (b"\x89PNG\r\n\x1a\n".to_vec(), Some(Format::Photo("png"))),
            (
                b"RIFF\0\0\0\0WEBPVP8 ".to_vec(),
                Some(Format::Photo("webp")),
            ),
            (b"RIFF\0\0\0\0WAVEfmt ".to_vec(), None),
            (b"GIF89a".to_vec(), None),
            (b"BM\x36\0".to_vec(), None),
            (b"%PDF-1.4".to_vec(), None),
            (b"<svg xmlns".to_vec(), None),
            (Vec::new(), None),
            (b"\0\0\0\x10ftyp".to_vec(), None),
            (b"\xFF\xFF\xFF\xFFftypheic".to_vec(), camera("HEIC")),
        ] {
            assert_eq!(sniff(&bytes), want, "{:?}", String::from_utf8_lossy(&bytes));
        }
    }
}
