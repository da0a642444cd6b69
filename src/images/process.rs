//! One photo, from the bytes a phone wrote to the files a page serves:
//! decode (within limits), turn upright, resize, encode.
//!
//! Pure: bytes in, bytes out, nothing read or written here, so every
//! bad input is a unit test away. See the module doc of
//! [`crate::images`] for why these crates and settings.

use std::io::Cursor;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Largest side warta decodes. WebP cannot hold more than 16383.
pub const MAX_SIDE: u32 = 16_383;
/// Largest picture warta decodes: 64 million pixels, a 50-megapixel
/// phone photo with room to spare. Decoded, that is 192 MiB of RGB.
pub const MAX_PIXELS: u64 = 64_000_000;
/// What one decoder may allocate at once.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Width of the sharing (`og:image`) JPEG.
pub const OG_WIDTH: u32 = 1200;
/// WhatsApp drops previews of larger images.
pub const OG_MAX_BYTES: usize = 300 * 1000;

/// What the pipeline is asked to make.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Ascending, without duplicates.
    pub widths: Vec<u32>,
    pub quality: u8,
    pub strip_location: bool,
}

/// The file format a source was written in, found from its bytes (a PNG
/// named `.jpg` is a PNG).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
}

/// The format of the `<img>` fallback next to WebP: JPEG for photos,
/// PNG for what came as PNG (logos, charts and screenshots, whose sharp
/// edges lossy coding smears; their WebP is lossless too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    Jpeg,
    Png,
}

impl Fallback {
    pub fn ext(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }
}

/// Why a file cannot be used. Turned into a message by `messages::problem_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No such photo in the site.
    Missing,
    Empty,
    NotAnImage,
    /// A format browsers or warta cannot take (`gif`, `tiff`, …).
    Unsupported(String),
    TooLarge {
        width: u32,
        height: u32,
    },
    /// The decoder or encoder gave up; its own words.
    Broken(String),
    /// Reading the source or writing the cache failed.
    Io(String),
}

/// Decoded pixels, upright, as RGBA: `fast_image_resize` is built for
/// that one pixel type only (`only_u8x4`), which keeps 3 MB of SIMD code
/// for other types out of the binary.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl Pixels {
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

/// A source, decoded.
pub struct Decoded {
    pub kind: Kind,
    pub pixels: Pixels,
    /// Whether some pixel is see-through.
    pub alpha: bool,
    /// The camera's EXIF block (TIFF data), kept only when the site asks
    /// to keep metadata.
    pub exif: Option<Vec<u8>>,
}

/// One width, encoded.
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub fallback: Vec<u8>,
}

/// Everything made from one source.
pub struct Output {
    /// Upright size of the source.
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub fallback: Fallback,
    /// Ascending width.
    pub variants: Vec<Encoded>,
    /// The sharing JPEG: (width, height, bytes).
    pub og: (u32, u32, Vec<u8>),
}

fn broken(e: impl std::fmt::Display) -> Problem {
    Problem::Broken(e.to_string())
}

/// Reads the header and refuses what is too large before any pixel is
/// decoded: a 20000 × 20000 "decompression bomb" is a few kilobytes.
pub fn decode(bytes: &[u8], keep_exif: bool) -> Result<Decoded, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(broken)
    };
    let kind = match reader()?.format() {
        Some(ImageFormat::Jpeg) => Kind::Jpeg,
        Some(ImageFormat::Png) => Kind::Png,
        Some(ImageFormat::WebP) => Kind::Webp,
        Some(other) => {
            let name = other.extensions_str().first().copied().unwrap_or("?");
            return Err(Problem::Unsupported(name.to_string()));
        }
        None => return Err(Problem::NotAnImage),
    };
    let (width, height) = reader()?.into_dimensions().map_err(broken)?;
    if width == 0 || height == 0 {
        return Err(Problem::Broken("0 × 0".into()));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut r = reader()?;
    r.limits(limits);
    let mut decoder = r.into_decoder().map_err(broken)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let exif = if keep_exif {
        decoder.exif_metadata().ok().flatten()
    } else {
        None
    };
    let mut img = DynamicImage::from_decoder(decoder).map_err(broken)?;
    img.apply_orientation(orientation);
    let may_have_alpha = img.color().has_alpha();
    let rgba = img.into_rgba8();
    let (width, height) = rgba.dimensions();
    let rgba = rgba.into_raw();
    let alpha = may_have_alpha && rgba.chunks_exact(4).any(|p| p[3] != 255);
    Ok(Decoded {
        kind,
        pixels: Pixels {
            width,
            height,
            rgba,
        },
        alpha,
        exif,
    })
}

/// The widths to make for a source `width` wide: every configured width
/// below it, and the source's own width in place of any above it (never
/// upscaled).
pub fn target_widths(width: u32, widths: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().copied().filter(|&w| w < width).collect();
    if widths.iter().any(|&w| w >= width) || out.is_empty() {
        out.push(width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Height for `width` keeping the aspect ratio, at least one pixel.
pub fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
}

/// Lanczos3; the alpha channel is weighted only when some pixel is
/// see-through (for an opaque photo that would be wasted work).
pub(crate) fn resize(src: &Pixels, alpha: bool, to_w: u32, to_h: u32) -> Result<Pixels, Problem> {
    let kind = fr::PixelType::U8x4;
    let from = fr::images::ImageRef::new(src.width, src.height, &src.rgba, kind).map_err(broken)?;
    let mut dst = fr::images::Image::new(to_w, to_h, kind);
    let options = fr::ResizeOptions::new()
        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3))
        .use_alpha(alpha);
    fr::Resizer::new()
        .resize(&from, &mut dst, &options)
        .map_err(broken)?;
    Ok(Pixels {
        width: to_w,
        height: to_h,
        rgba: dst.into_vec(),
    })
}

/// Makes every variant and the sharing JPEG. Each size is resized from
/// the next larger one, not from the source: a 4000-pixel photo is read
/// once, and the smaller sizes cost little.
pub fn process(bytes: &[u8], s: &Settings) -> Result<Output, Problem> {
    let decoded = decode(bytes, !s.strip_location)?;
    let (width, height) = decoded.pixels.size();
    let alpha = decoded.alpha;
    let fallback = if decoded.kind == Kind::Png {
        Fallback::Png
    } else {
        Fallback::Jpeg
    };
    let targets = target_widths(width, &s.widths);
    let og_width = OG_WIDTH.min(width);
    let mut steps: Vec<u32> = targets.iter().copied().chain([og_width]).collect();
    steps.sort_unstable_by(|a, b| b.cmp(a));
    steps.dedup();
    let exif = decoded.exif.as_deref().and_then(upright_exif);
    let mut variants = Vec::with_capacity(targets.len());
    let mut og = None;
    let mut current: Option<Pixels> = None;
    for w in steps {
        let h = scaled_height(width, height, w);
        let img = if w == width {
            None
        } else {
            Some(resize(
                current.as_ref().unwrap_or(&decoded.pixels),
                alpha,
                w,
                h,
            )?)
        };
        let px = img.as_ref().unwrap_or(&decoded.pixels);
        if targets.contains(&w) {
            variants.push(encode(px, (w, h), alpha, fallback, s, exif.as_deref())?);
        }
        if w == og_width {
            og = Some((w, h, og_jpeg(px, alpha, s.quality, exif.as_deref())?));
        }
        if img.is_some() {
            current = img;
        }
    }
    variants.reverse();
    let og = og.ok_or_else(|| broken("no sharing image"))?;
    Ok(Output {
        width,
        height,
        alpha,
        fallback,
        variants,
        og,
    })
}

/// One size of a photo as WebP and its fallback (JPEG, or PNG for a PNG).
fn encode(
    px: &Pixels,
    (width, height): (u32, u32),
    alpha: bool,
    fallback: Fallback,
    s: &Settings,
    exif: Option<&[u8]>,
) -> Result<Encoded, Problem> {
    Ok(Encoded {
        width,
        height,
        webp: webp(px, s.quality, fallback == Fallback::Png)?,
        fallback: match fallback {
            Fallback::Jpeg => jpeg(px, alpha, s.quality, exif)?,
            Fallback::Png => png(px, alpha)?,
        },
    })
}

/// libwebp: lossy at `quality`, or lossless.
/// libwebp leaves the alpha plane out when every pixel is opaque.
pub fn webp(px: &Pixels, quality: u8, lossless: bool) -> Result<Vec<u8>, Problem> {
    webp::Encoder::from_rgba(&px.rgba, px.width, px.height)
        .encode_simple(lossless, f32::from(quality))
        .map(|m| m.to_vec())
        .map_err(|e| broken(format!("WebP: {e:?}")))
}

/// RGB, see-through pixels laid on white.
fn rgb_on_white(px: &Pixels) -> Vec<u8> {
    px.rgba
        .chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [mix(p[0]), mix(p[1]), mix(p[2])]
        })
        .collect()
}

/// A baseline JPEG (4:2:0, standard Huffman tables). `exif` is
/// written only when the site keeps metadata.
pub fn jpeg(
    px: &Pixels,
    alpha: bool,
    quality: u8,
    exif: Option<&[u8]>,
) -> Result<Vec<u8>, Problem> {
    let (w, h) = px.size();
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(Problem::TooLarge {
            width: w,
            height: h,
        });
    };
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    // Not `set_optimized_huffman_tables`: 10-18 % smaller, but zune-jpeg
    // (the `image` crate's decoder) reads those files back wrong.
    if let Some(exif) = exif {
        let mut seg = b"Exif\0\0".to_vec();
        seg.extend_from_slice(exif);
        // A segment holds at most 65533 bytes; a larger block is dropped.
        if seg.len() <= 65_533 {
            enc.add_app_segment(1, seg).map_err(broken)?;
        }
    }
    let done = if alpha {
        enc.encode(&rgb_on_white(px), w16, h16, jpeg_encoder::ColorType::Rgb)
    } else {
        enc.encode(&px.rgba, w16, h16, jpeg_encoder::ColorType::Rgba)
    };
    done.map_err(broken)?;
    Ok(out)
}

fn png(px: &Pixels, alpha: bool) -> Result<Vec<u8>, Problem> {
    use image::ImageEncoder;
    let (w, h) = px.size();
    let rgb;
    let (buf, color) = if alpha {
        (&px.rgba, image::ExtendedColorType::Rgba8)
    } else {
        rgb = rgb_on_white(px);
        (&rgb, image::ExtendedColorType::Rgb8)
    };
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(buf, w, h, color)
    .map_err(broken)?;
    Ok(out)
}

/// The sharing JPEG, at the site's quality, or lower until it fits in
/// [`OG_MAX_BYTES`].
fn og_jpeg(px: &Pixels, alpha: bool, quality: u8, exif: Option<&[u8]>) -> Result<Vec<u8>, Problem> {
    let mut q = quality.clamp(1, 100);
    loop {
        let out = jpeg(px, alpha, q, exif)?;
        if out.len() <= OG_MAX_BYTES || q <= 40 {
            return Ok(out);
        }
        q = q.saturating_sub(10).max(40);
    }
}

/// The EXIF block with its orientation set to "upright", since the pixels
/// were turned; `None` when it cannot be read as TIFF.
pub fn upright_exif(tiff: &[u8]) -> Option<Vec<u8>> {
    let tiff = tiff.strip_prefix(b"Exif\0\0").unwrap_or(tiff);
    let mut out = tiff.to_vec();
    let le = match out.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |b: &[u8], i: usize| -> Option<u16> {
        let s: [u8; 2] = b.get(i..i + 2)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(s)
        } else {
            u16::from_be_bytes(s)
        })
    };
    let u32_at = |b: &[u8], i: usize| -> Option<u32> {
        let s: [u8; 4] = b.get(i..i + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(s)
        } else {
            u32::from_be_bytes(s)
        })
    };
    let ifd = u32_at(&out, 4)? as usize;
    let count = u16_at(&out, ifd)? as usize;
    for i in 0..count {
        let entry = ifd + 2 + i * 12;
        if u16_at(&out, entry)? == 0x0112 {
            let one = if le { [1, 0] } else { [0, 1] };
            out.get_mut(entry + 8..entry + 10)?.copy_from_slice(&one);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{Problem, Settings, decode, process, scaled_height, target_widths, upright_exif};

    fn settings() -> Settings {
        Settings {
            widths: vec![480, 960, 1600],
            quality: 75,
            strip_location: true,
        }
    }

    fn encode(img: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn never_upscales() {
        assert_eq!(target_widths(4000, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(target_widths(800, &[480, 960, 1600]), vec![480, 800]);
        assert_eq!(target_widths(256, &[480, 960, 1600]), vec![256]);
        assert_eq!(target_widths(960, &[480, 960, 1600]), vec![480, 960]);
        assert_eq!(target_widths(2000, &[480]), vec![480]);
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(10_000, 1, 480), 1);
    }

    #[test]
    fn refuses_what_is_not_a_usable_image() {
        assert_eq!(decode(b"", false).err(), Some(Problem::Empty));
        assert_eq!(
            decode(b"ini bukan foto, hanya teks", false).err(),
            Some(Problem::NotAnImage)
        );
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        assert!(matches!(decode(gif, false), Err(Problem::Unsupported(_))));
    }

    #[test]
    fn makes_every_width_and_a_sharing_jpeg() {
        let img = image::RgbImage::from_fn(1000, 750, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let bytes = encode(img.into(), image::ImageFormat::Jpeg);
        let out = process(&bytes, &settings()).unwrap();
        let sizes: Vec<_> = out.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(480, 360), (960, 720), (1000, 750)]);
        assert_eq!((out.og.0, out.og.1), (1000, 750));
        for v in &out.variants {
            assert!(v.webp.starts_with(b"RIFF") && v.fallback.starts_with(&[0xFF, 0xD8]));
        }
    }

    #[test]
    fn keeps_transparency_in_png_and_webp_and_lays_it_on_white_for_sharing() {
        let img = image::RgbaImage::from_fn(64, 32, |x, _| image::Rgba([200, 0, 0, (x * 4) as u8]));
        let bytes = encode(img.into(), image::ImageFormat::Png);
        let out = process(&bytes, &settings()).unwrap();
        assert!(out.alpha);
        assert_eq!(out.fallback, super::Fallback::Png);
        let png = image::load_from_memory(&out.variants[0].fallback).unwrap();
        assert!(png.color().has_alpha());
        let og = image::load_from_memory(&out.og.2).unwrap().to_rgb8();
        assert!(og.get_pixel(0, 0).0[1] > 240, "transparent pixel on white");
    }

    #[test]
    fn jpegs_read_back_in_their_colours() {
        // Two bands, sizes that are not multiples of the 16-pixel blocks.
        let rgba: Vec<u8> = (0..100 * 133)
            .flat_map(|i| {
                if i < 1600 {
                    [220, 30, 30, 255]
                } else {
                    [31, 60, 200, 255]
                }
            })
            .collect();
        let px = super::Pixels {
            width: 100,
            height: 133,
            rgba,
        };
        let back = image::load_from_memory(&super::jpeg(&px, false, 80, None).unwrap())
            .unwrap()
            .to_rgb8();
        let [r, g, b] = back.get_pixel(50, 60).0;
        assert!(
            r < 50 && (50..75).contains(&g) && b > 185,
            "{:?}",
            [r, g, b]
        );
    }

    #[test]
    fn resets_the_orientation_tag() {
        // Little-endian TIFF, IFD0 at 8 with one entry: orientation = 6.
        let mut t = b"II*\0\x08\0\0\0\x01\0".to_vec();
        t.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        let up = upright_exif(&t).unwrap();
        assert_eq!(up[18], 1);
        assert_eq!(upright_exif(b"nonsense"), None);
    }
}
