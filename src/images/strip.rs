//! Originals published on purpose, without their metadata.
//!
//! When a page links to a photo's original (the gallery's `original =
//! true`), the reader gets the camera's pixels untouched but none of its
//! tags: the metadata blocks are cut out of the file, nothing is decoded
//! or re-encoded. What is kept is a short list of what codes the picture,
//! never a list of what to drop, so a block this code does not know is
//! dropped too:
//!
//! - JPEG: the JFIF header (APP0 `JFIF`), the colour profile (APP2
//!   `ICC_PROFILE`; other APP2 blocks such as MPF, which points at the
//!   hidden second image, are dropped), Adobe's colour-transform flags
//!   (APP14 `Adobe`), and the coding segments, up to the end-of-image
//!   marker. Everything after it is cut: phones append the secondary
//!   images of MPF and the video of a "motion photo" there, each with its
//!   own EXIF block and GPS position. Since the pixels were not turned, a
//!   new EXIF block holds only the orientation.
//! - PNG: every chunk but text, time and EXIF, up to `IEND`.
//! - WebP: every chunk but `EXIF` and `XMP `, with the header's flags and
//!   size fixed; the orientation is kept as for JPEG.

/// The file without metadata, or `None` for a format this does not know
/// or a file it cannot follow to its end (the caller refuses those).
pub fn strip_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(&b"WEBP"[..]) {
        strip_webp(bytes)
    } else {
        None
    }
}

/// Keeps the coding segments and JFIF, ICC and Adobe blocks, up to and
/// with EOI; see the module doc.
fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![0xFF, 0xD8];
    let mut orientation = None;
    let mut scanned = false;
    let mut i = 2;
    loop {
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        match marker {
            // Fill byte.
            0xFF => {
                i += 1;
                continue;
            }
            // Markers without a length (TEM, RSTn).
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                i += 2;
                continue;
            }
            // The end: whatever follows (MPF images, a motion photo's
            // video) is cut.
            0xD9 if scanned => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Some(out);
            }
            // An image that ends (EOI) or starts again (SOI) before any scan.
            0xD8 | 0xD9 => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        if len < 2 {
            return None;
        }
        let seg = b.get(i..i + 2 + len)?;
        if marker == 0xE1 {
            orientation = orientation.or_else(|| exif_orientation(seg));
        }
        // The first scan: the orientation goes before it.
        if marker == 0xDA
            && !scanned
            && let Some(o) = orientation.filter(|&o| o != 1)
        {
            out.extend(orientation_segment(o));
        }
        if keeps(marker, seg.get(4..).unwrap_or_default()) {
            out.extend_from_slice(seg);
        }
        i += seg.len();
        if marker == 0xDA {
            scanned = true;
            let end = scan_end(b, i)?;
            out.extend_from_slice(&b[i..end]);
            i = end;
        }
    }
}

/// The orientation in an APP1 segment (`seg` with its marker and
/// length), when it is an EXIF block that has one.
fn exif_orientation(seg: &[u8]) -> Option<u16> {
    seg.get(4..)
        .and_then(|d| d.strip_prefix(b"Exif\0\0"))
        .and_then(read_orientation)
}

/// Whether a JPEG segment with `marker` and `payload` stays.
fn keeps(marker: u8, payload: &[u8]) -> bool {
    match marker {
        0xE0 => payload.starts_with(b"JFIF\0"),
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        0xEE => payload.starts_with(b"Adobe"),
        // Other application blocks (EXIF, XMP, MPF, maker notes) and comments.
        0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
        _ => true,
    }
}

/// Where the entropy-coded data that starts at `from` ends: at the first
/// marker that is neither a stuffed zero nor a restart marker.
fn scan_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + b.get(i..)?.iter().position(|&x| x == 0xFF)?;
        match *b.get(at + 1)? {
            0x00 | 0xD0..=0xD7 | 0xFF => i = at + 1,
            _ => return Some(at),
        }
    }
}

/// Drops text, time and EXIF chunks, and whatever follows `IEND`.
fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = b[..8].to_vec();
    let mut i = 8;
    loop {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let chunk = b.get(i..i.checked_add(12)?.checked_add(len)?)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" | b"eXIf") {
            out.extend_from_slice(chunk);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        i += chunk.len();
    }
}

/// Drops the `EXIF` and `XMP ` chunks of a WebP (keeping the orientation)
/// and what follows the RIFF container; fixes the VP8X flags and size.
fn strip_webp(b: &[u8]) -> Option<Vec<u8>> {
    let riff_len = u32::from_le_bytes(b.get(4..8)?.try_into().ok()?) as usize;
    let end = riff_len.checked_add(8)?.min(b.len());
    let mut chunks: Vec<&[u8]> = Vec::new();
    let mut orientation = None;
    let mut i = 12;
    while i + 8 <= end {
        let len = u32::from_le_bytes(b.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let padded = len.checked_add(len % 2)?;
        let chunk = b.get(i..i.checked_add(8)?.checked_add(padded)?)?;
        match &chunk[..4] {
            b"EXIF" => {
                let data = &chunk[8..8 + len];
                let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
                orientation = orientation.or_else(|| read_orientation(tiff));
            }
            b"XMP " => {}
            _ => chunks.push(chunk),
        }
        i += chunk.len();
    }
    let keep_exif = orientation.filter(|&o| o != 1).map(|o| {
        let tiff = orientation_segment(o).split_off(10);
        let mut c = b"EXIF".to_vec();
        c.extend_from_slice(&(tiff.len() as u32).to_le_bytes());
        c.extend_from_slice(&tiff);
        if tiff.len() % 2 == 1 {
            c.push(0);
        }
        c
    });
    let mut body = b"WEBP".to_vec();
    for chunk in chunks {
        let at = body.len();
        body.extend_from_slice(chunk);
        if chunk.starts_with(b"VP8X") && chunk.len() > 8 {
            // Flags: bit 3 EXIF, bit 2 XMP.
            let flags = &mut body[at + 8];
            *flags &= !0x0C;
            if keep_exif.is_some() {
                *flags |= 0x08;
            }
        }
    }
    // Without VP8X (a simple WebP) there is nowhere to declare EXIF.
    if body.get(4..8) == Some(&b"VP8X"[..]) {
        body.extend(keep_exif.unwrap_or_default());
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len()).ok()?.to_le_bytes());
    out.extend(body);
    Some(out)
}

/// The orientation tag of a TIFF block.
fn read_orientation(t: &[u8]) -> Option<u16> {
    let le = match t.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let s: [u8; 2] = t.get(i..i + 2)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(s)
        } else {
            u16::from_be_bytes(s)
        })
    };
    let s: [u8; 4] = t.get(4..8)?.try_into().ok()?;
    let ifd = if le {
        u32::from_le_bytes(s)
    } else {
        u32::from_be_bytes(s)
    } as usize;
    (0..usize::from(u16_at(ifd)?))
        .map(|n| ifd + 2 + n * 12)
        .find(|&e| u16_at(e) == Some(0x0112))
        .and_then(|e| u16_at(e + 8))
}

/// An APP1 segment with an EXIF block that holds only `orientation`.
pub fn orientation_segment(orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut seg = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

#[cfg(test)]
mod tests {
    use super::{orientation_segment, read_orientation, strip_metadata};

    fn has(b: &[u8], needle: &[u8]) -> bool {
        b.windows(needle.len()).any(|w| w == needle)
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let mut img = Vec::new();
        image::RgbImage::from_pixel(w, h, image::Rgb([10, 200, 30]))
            .write_to(
                &mut std::io::Cursor::new(&mut img),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        img
    }

    /// An application segment `0xFF, marker` holding `payload`.
    fn app(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut seg = vec![0xFF, marker];
        seg.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        seg.extend_from_slice(payload);
        seg
    }

    /// `img` with `segments` inserted after SOI.
    fn with_segments(img: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
        let mut out = img[..2].to_vec();
        for s in segments {
            out.extend_from_slice(s);
        }
        out.extend_from_slice(&img[2..]);
        out
    }

    #[test]
    fn cuts_exif_and_keeps_the_orientation() {
        let img = jpeg(16, 8);
        // A camera block: orientation 6 and a GPS marker, after SOI.
        let phone = with_segments(&img, &[orientation_segment(6), app(0xE1, b"Exif\0\0GPS!")]);
        let out = strip_metadata(&phone).unwrap();
        assert!(!has(&out, b"GPS!"));
        let at = out.windows(6).position(|w| w == b"Exif\0\0").unwrap();
        assert_eq!(read_orientation(&out[at + 6..]), Some(6));
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (16, 8));
    }

    #[test]
    fn cuts_everything_after_the_end_of_the_image() {
        let img = jpeg(16, 8);
        // MPF in APP2, ICC in APP2, XMP, a comment, FlashPix in APP2.
        let phone = with_segments(
            &img,
            &[
                app(0xE2, b"MPF\0MM\0*GPS-IN-MPF"),
                app(0xE2, b"ICC_PROFILE\0\x01\x01PROFILE-BYTES"),
                app(0xE1, b"http://ns.adobe.com/xap/1.0/\0GPS-IN-XMP"),
                app(0xFE, b"GPS-IN-COMMENT"),
                app(0xE2, b"FPXR\0GPS-IN-FPXR"),
                app(0xEE, b"Adobe\0d\0\0\0\0\x01"),
                app(0xE0, b"AVI1\0GPS-IN-APP0"),
            ],
        );
        // A second image (MPF) and a motion photo's video after EOI.
        let mut second = with_segments(&jpeg(4, 4), &[app(0xE1, b"Exif\0\0GPS-IN-TRAILER")]);
        second.extend_from_slice(b"ftypmp42 motion photo GPS-IN-VIDEO");
        let mut file = phone.clone();
        file.extend_from_slice(&second);
        let out = strip_metadata(&file).unwrap();
        for leak in ["MPF", "XMP", "COMMENT", "FPXR", "APP0", "TRAILER", "VIDEO"] {
            assert!(!has(&out, format!("GPS-IN-{leak}").as_bytes()), "{leak}");
        }
        assert!(has(&out, b"ICC_PROFILE\0\x01\x01PROFILE-BYTES"));
        assert!(has(&out, b"Adobe\0d"));
        assert!(out.ends_with(&[0xFF, 0xD9]));
        let sois = out.windows(2).filter(|w| w == &[0xFF, 0xD8]).count();
        assert_eq!(sois, 1, "one image, not two");
        assert_eq!(
            strip_metadata(&phone).unwrap(),
            out,
            "the trailer adds nothing"
        );
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (16, 8));
    }

    #[test]
    fn keeps_every_scan_of_a_progressive_jpeg() {
        let mut img = Vec::new();
        let px = vec![90u8; 32 * 24 * 3];
        let mut enc = jpeg_encoder::Encoder::new(&mut img, 80);
        enc.set_progressive(true);
        enc.add_app_segment(1, b"Exif\0\0GPS-PROGRESSIVE".to_vec())
            .unwrap();
        enc.encode(&px, 32, 24, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let scans = img.windows(2).filter(|w| w == &[0xFF, 0xDA]).count();
        assert!(scans > 1, "not progressive");
        let mut file = img.clone();
        file.extend_from_slice(b"TRAILER");
        let out = strip_metadata(&file).unwrap();
        assert!(!has(&out, b"GPS-PROGRESSIVE") && !has(&out, b"TRAILER"));
        assert_eq!(out.windows(2).filter(|w| w == &[0xFF, 0xDA]).count(), scans);
        assert!(image::load_from_memory(&out).is_ok());
    }

    #[test]
    fn refuses_what_it_cannot_follow() {
        let img = jpeg(8, 8);
        for bad in [
            b"GIF89a".to_vec(),
            vec![0xFF, 0xD8, 0xFF],
            vec![0xFF, 0xD8, 0xFF, 0xD9],
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 0],
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 1, 0],
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0],
            img[..img.len() - 2].to_vec(),
            img[..img.len() / 2].to_vec(),
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec(),
            b"RIFF\xff\xff\xff\xffWEBPVP8X\xff\xff\xff\x7f".to_vec(),
            Vec::new(),
        ] {
            assert_eq!(strip_metadata(&bad), None, "{bad:?}");
        }
    }

    #[test]
    fn cuts_png_text_and_what_follows_iend() {
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(3, 3, image::Rgba([1, 2, 3, 4]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut file = png[..33].to_vec();
        file.extend(chunk(b"eXIf", b"MM\0*GPS-PNG"));
        file.extend(chunk(b"tEXt", b"Comment\0GPS-TEXT"));
        file.extend_from_slice(&png[33..]);
        file.extend_from_slice(b"GPS-AFTER-IEND");
        let out = strip_metadata(&file).unwrap();
        assert_eq!(out, png);
    }

    /// A WebP with VP8X, the picture, EXIF (orientation 6 and a GPS
    /// marker) and XMP, and something after the container.
    fn phone_webp() -> Vec<u8> {
        let mut simple = Vec::new();
        image::RgbaImage::from_pixel(4, 4, image::Rgba([9, 9, 9, 255]))
            .write_to(
                &mut std::io::Cursor::new(&mut simple),
                image::ImageFormat::WebP,
            )
            .unwrap();
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = kind.to_vec();
            c.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
            c.extend_from_slice(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let mut exif = orientation_segment(6).split_off(4);
        exif.extend_from_slice(b"GPS-WEBP");
        let mut body = b"WEBP".to_vec();
        body.extend(chunk(b"VP8X", &[0x0C, 0, 0, 0, 3, 0, 0, 3, 0, 0]));
        body.extend_from_slice(&simple[12..]);
        body.extend(chunk(b"EXIF", &exif));
        body.extend(chunk(b"XMP ", b"<x:xmpmeta>GPS-XMP</x:xmpmeta>"));
        let mut file = b"RIFF".to_vec();
        file.extend_from_slice(&u32::try_from(body.len()).unwrap().to_le_bytes());
        file.extend(body);
        file.extend_from_slice(b"GPS-AFTER");
        file
    }

    #[test]
    fn cuts_webp_exif_and_xmp_and_keeps_the_orientation() {
        let file = phone_webp();
        assert!(image::load_from_memory(&file).is_ok());
        let out = strip_metadata(&file).unwrap();
        for leak in [&b"GPS-WEBP"[..], b"GPS-XMP", b"GPS-AFTER"] {
            assert!(!has(&out, leak));
        }
        assert_eq!(out[20], 0x08, "VP8X flags: EXIF only");
        let len = u32::from_le_bytes(out[4..8].try_into().unwrap()) as usize;
        assert_eq!(len + 8, out.len());
        let at = out.windows(4).position(|w| w == b"EXIF").unwrap();
        assert_eq!(read_orientation(&out[at + 8..]), Some(6));
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (4, 4));
    }
}
