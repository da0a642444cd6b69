//! Originals published on purpose, without their metadata.
//!
//! When a page links to a photo's original (the gallery's `original =
//! true`), the reader gets the camera's pixels untouched but none of its
//! tags: the metadata blocks are cut out of the file, nothing is decoded
//! or re-encoded. A JPEG keeps its colour profile and, since the pixels
//! were not turned, a new EXIF block holding only the orientation.

/// The file without metadata, or `None` for a format this does not know
/// (the caller then publishes the largest variant instead).
pub fn strip_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes)
    } else {
        None
    }
}

/// Drops APP1 (EXIF, XMP), APP3–APP15 and comments; keeps JFIF (APP0),
/// the ICC profile (APP2) and everything that codes the picture.
fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![0xFF, 0xD8];
    let mut orientation = None;
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
            // An image that ends (EOI) or starts again (SOI) before any scan.
            0xD8 | 0xD9 => return None,
            _ => {}
        }
        // Start of scan: the rest is picture data.
        if marker == 0xDA {
            if let Some(o) = orientation.filter(|&o| o != 1) {
                out.extend(orientation_segment(o));
            }
            out.extend_from_slice(&b[i..]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        let seg = b.get(i..i + 2 + len)?;
        let keep = match marker {
            0xE1 => {
                orientation = orientation.or_else(|| {
                    seg.get(4..)
                        .and_then(|d| d.strip_prefix(b"Exif\0\0"))
                        .and_then(read_orientation)
                });
                false
            }
            0xE0 | 0xE2 => true,
            0xE3..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(seg);
        }
        i += 2 + len;
    }
}

/// Drops text, time and EXIF chunks.
fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = b[..8].to_vec();
    let mut i = 8;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let chunk = b.get(i..i.checked_add(12)?.checked_add(len)?)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" | b"eXIf") {
            out.extend_from_slice(chunk);
        }
        i += 12 + len;
    }
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

    #[test]
    fn cuts_exif_and_keeps_the_orientation() {
        let mut img = Vec::new();
        image::RgbImage::from_pixel(16, 8, image::Rgb([10, 200, 30]))
            .write_to(
                &mut std::io::Cursor::new(&mut img),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        // A camera block: orientation 6 and a GPS marker, after SOI.
        let mut exif = orientation_segment(6);
        exif.extend_from_slice(&[0xFF, 0xE1, 0, 12]);
        exif.extend_from_slice(b"Exif\0\0GPS!");
        let mut phone = img[..2].to_vec();
        phone.extend_from_slice(&exif);
        phone.extend_from_slice(&img[2..]);
        let out = strip_metadata(&phone).unwrap();
        assert!(!out.windows(4).any(|w| w == b"GPS!"));
        let at = out.windows(6).position(|w| w == b"Exif\0\0").unwrap();
        assert_eq!(read_orientation(&out[at + 6..]), Some(6));
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (16, 8));
        assert_eq!(strip_metadata(b"GIF89a"), None);
        assert_eq!(strip_metadata(&[0xFF, 0xD8, 0xFF]), None);
    }
}
