//! Writes N phone-like photos for `bench/images.sh`: 4000 × 3000 JPEGs
//! (quality 92, as phone cameras save), EXIF orientation 6 on every
//! other one, and a GPS position in each. The pixels are layered value
//! noise with sensor grain, which compresses about as badly as a real
//! photo of a village street: 2.5 to 4 MB each.
//!
//! usage: cargo run --release --example phone_photos -- DIR [N]

use rayon::prelude::*;

/// A hash of a lattice point, 0..=255.
fn lattice(x: u32, y: u32, seed: u32) -> f32 {
    let mut h = x.wrapping_mul(374_761_393)
        ^ y.wrapping_mul(668_265_263)
        ^ seed.wrapping_mul(2_246_822_519);
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    ((h ^ (h >> 16)) & 0xFF) as f32
}

/// Smooth noise at one scale (bilinear between lattice points).
fn noise(x: u32, y: u32, cell: u32, seed: u32) -> f32 {
    let (gx, gy) = (x / cell, y / cell);
    let (fx, fy) = (
        (x % cell) as f32 / cell as f32,
        (y % cell) as f32 / cell as f32,
    );
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let a = lattice(gx, gy, seed) + (lattice(gx + 1, gy, seed) - lattice(gx, gy, seed)) * sx;
    let b = lattice(gx, gy + 1, seed)
        + (lattice(gx + 1, gy + 1, seed) - lattice(gx, gy + 1, seed)) * sx;
    a + (b - a) * sy
}

fn exif(orientation: u16, n: u32) -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08\0\x02".to_vec();
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38, 0, 0, 0, 0]);
    t.extend_from_slice(&[0, 2, 0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0]);
    t.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 68, 0, 0, 0, 0]);
    for (num, den) in [(7u32, 1u32), (57, 1), (n, 100)] {
        t.extend_from_slice(&num.to_be_bytes());
        t.extend_from_slice(&den.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    app1
}

fn photo(n: u32) -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut px = vec![0u8; (w * h * 3) as usize];
    px.par_chunks_mut((w * 3) as usize)
        .enumerate()
        .for_each(|(y, row)| {
            let y = y as u32;
            for x in 0..w {
                for c in 0..3u32 {
                    let s = n * 7 + c;
                    let v = 0.45 * noise(x, y, 700, s)
                        + 0.3 * noise(x, y, 120, s + 101)
                        + 0.15 * noise(x, y, 18, s + 202)
                        + 0.1 * noise(x, y, 3, s + 303);
                    let grain = (lattice(x, y, s + 404) - 128.0) / 24.0;
                    row[(x * 3 + c) as usize] = (v + grain).clamp(0.0, 255.0) as u8;
                }
            }
        });
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 92);
    enc.add_app_segment(1, exif(if n.is_multiple_of(2) { 6 } else { 1 }, 1234 + n))
        .expect("an EXIF block fits a segment");
    enc.encode(&px, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .expect("4000 x 3000 fits a JPEG");
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: phone_photos DIR [N]"));
    let n: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(50);
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    (0..n).into_par_iter().for_each(|i| {
        std::fs::write(dir.join(format!("foto-{i:02}.jpg")), photo(i))
            .expect("the photo can be written");
    });
}
