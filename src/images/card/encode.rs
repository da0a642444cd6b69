//! A card's JPEG, coded by warta itself because a card is mostly flat
//! colour and the cards of a site differ only where their titles are.
//!
//! A baseline JPEG (4:2:0, the Annex K quantisation and Huffman tables,
//! as `jpeg-encoder` writes) with a restart marker after every row of
//! 16-pixel blocks: each row's coded bytes then stand alone. The
//! [`Backdrop`] (everything but the title) is transformed, quantised and
//! coded once per look; a card copies the coded rows its title does not
//! touch, and in the rows it does, transforms only the blocks with ink
//! in them. The title lies on plain background, so a block there is
//! `background + coverage × (title colour − background)` in each of Y,
//! Cb and Cr: one transform of the coverage serves all three (the
//! transform is linear). `jpeg-encoder` painted and coded the whole card
//! in about 13 ms; this takes a fraction of that (docs/PERFORMANCE.md).

use super::draw::{self, HEIGHT, Look, Mask, WIDTH};
use super::jpeg::{BitWriter, Block, Tables, fdct, header};
use super::{QUALITY, font};
use crate::images::process::Pixels;

/// Blocks of 8 and rows of 16 (one row of MCUs, 4:2:0).
const BLOCKS_X: usize = WIDTH as usize / 8;
const MCU_X: usize = WIDTH as usize / 16;
const MCU_ROWS: usize = (HEIGHT as usize).div_ceil(16);
const PADDED_H: usize = MCU_ROWS * 16;

/// What every card of one look shares: the backdrop, coded.
pub struct Backdrop {
    tables: Tables,
    /// SOI to SOS.
    header: Vec<u8>,
    /// Luma blocks, row by row (`PADDED_H / 8` × `BLOCKS_X`), and the
    /// chroma blocks (`MCU_ROWS` × `MCU_X`).
    y: Vec<Block>,
    cb: Vec<Block>,
    cr: Vec<Block>,
    /// Each MCU row, entropy-coded, padded to a byte.
    rows: Vec<Vec<u8>>,
    /// Y, Cb, Cr of the background and of the title's colour.
    background: [f32; 3],
    ink: [f32; 3],
}

impl Backdrop {
    pub fn new(look: &Look) -> Backdrop {
        let px = draw::backdrop(font(), look);
        let tables = Tables::new(QUALITY);
        let planes = planes(&px);
        let mut y = Vec::with_capacity(PADDED_H / 8 * BLOCKS_X);
        for by in 0..PADDED_H / 8 {
            for bx in 0..BLOCKS_X {
                y.push(tables.luma.quantise(&fdct(&sub(
                    &planes[0],
                    WIDTH as usize,
                    bx * 8,
                    by * 8,
                ))));
            }
        }
        let (cw, mut cb, mut cr) = (WIDTH as usize / 2, Vec::new(), Vec::new());
        for by in 0..MCU_ROWS {
            for bx in 0..MCU_X {
                cb.push(
                    tables
                        .chroma
                        .quantise(&fdct(&sub(&planes[1], cw, bx * 8, by * 8))),
                );
                cr.push(
                    tables
                        .chroma
                        .quantise(&fdct(&sub(&planes[2], cw, bx * 8, by * 8))),
                );
            }
        }
        let mut backdrop = Backdrop {
            header: header(&tables, WIDTH as u16, HEIGHT as u16, MCU_X as u16),
            tables,
            y,
            cb,
            cr,
            rows: Vec::new(),
            background: ycbcr(look.background.0),
            ink: ycbcr(look.color.0),
        };
        backdrop.rows = (0..MCU_ROWS).map(|r| backdrop.code_row(r, None)).collect();
        backdrop
    }

    /// The card for `title`, as JPEG.
    pub fn card(&self, title: &str) -> Result<Vec<u8>, String> {
        let mask = draw::title_mask(font(), title);
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(&self.header);
        for r in 0..MCU_ROWS {
            if has_ink(&mask, r) {
                out.extend_from_slice(&self.code_row(r, Some(&mask)));
            } else {
                out.extend_from_slice(&self.rows[r]);
            }
            if r + 1 < MCU_ROWS {
                out.extend_from_slice(&[0xFF, 0xD0 + (r % 8) as u8]);
            }
        }
        out.extend_from_slice(&[0xFF, 0xD9]);
        Ok(out)
    }

    /// One MCU row, coded; with `mask`, the title's blocks in it made anew.
    fn code_row(&self, r: usize, mask: Option<&Mask>) -> Vec<u8> {
        let mut w = BitWriter::default();
        let mut dc = [0i16; 3];
        let t = &self.tables;
        for c in 0..MCU_X {
            let title = mask.filter(|m| in_box(m, c, r));
            for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                let (by, bx) = (r * 2 + dy, c * 2 + dx);
                let fresh = title.and_then(|m| self.luma_block(m, bx, by));
                let block = fresh.as_ref().unwrap_or(&self.y[by * BLOCKS_X + bx]);
                w.block(block, &mut dc[0], &t.luma_dc, &t.luma_ac);
            }
            let fresh = title.and_then(|m| self.chroma_blocks(m, c, r));
            let at = r * MCU_X + c;
            let (cb, cr) = match &fresh {
                Some((cb, cr)) => (cb, cr),
                None => (&self.cb[at], &self.cr[at]),
            };
            w.block(cb, &mut dc[1], &t.chroma_dc, &t.chroma_ac);
            w.block(cr, &mut dc[2], &t.chroma_dc, &t.chroma_ac);
        }
        w.finish()
    }

    /// The luma block at (`bx`, `by`) with the title's ink, or `None`
    /// when it has none (the backdrop's block stands).
    fn luma_block(&self, m: &Mask, bx: usize, by: usize) -> Option<Block> {
        let cov = coverage(m, bx * 8, by * 8, 1)?;
        Some(
            self.tables
                .luma
                .quantise(&blend(&fdct(&cov), self.background[0], self.ink[0])),
        )
    }

    /// The two chroma blocks of MCU (`c`, `r`), from the coverage
    /// averaged over 2 × 2 pixels.
    fn chroma_blocks(&self, m: &Mask, c: usize, r: usize) -> Option<(Block, Block)> {
        let d = fdct(&coverage(m, c * 16, r * 16, 2)?);
        let q = &self.tables.chroma;
        Some((
            q.quantise(&blend(&d, self.background[1], self.ink[1])),
            q.quantise(&blend(&d, self.background[2], self.ink[2])),
        ))
    }
}

/// Whether MCU row `r` holds any of the title.
fn has_ink(m: &Mask, r: usize) -> bool {
    let (top, bottom) = (r * 16, r * 16 + 16);
    let (y0, y1) = (m.rect.y as usize, (m.rect.y + m.rect.h) as usize);
    if bottom <= y0 || top >= y1 {
        return false;
    }
    let w = m.rect.w as usize;
    m.cov[(top - y0) * w..(bottom - y0) * w]
        .iter()
        .any(|&v| v != 0)
}

/// Whether MCU (`c`, `r`) lies in the mask's box (whose edges are on
/// the 16-pixel grid).
fn in_box(m: &Mask, c: usize, r: usize) -> bool {
    let (x, y) = (c * 16, r * 16);
    let b = m.rect;
    (b.x as usize..(b.x + b.w) as usize).contains(&x)
        && (b.y as usize..(b.y + b.h) as usize).contains(&y)
}

/// The mask's coverage (0–1) over the 8 × 8 samples from card pixel
/// (`x`, `y`), each the mean of `step` × `step` pixels; `None` when
/// there is no ink at all.
fn coverage(m: &Mask, x: usize, y: usize, step: usize) -> Option<[f32; 64]> {
    let (mx, my, w) = (
        x - m.rect.x as usize,
        y - m.rect.y as usize,
        m.rect.w as usize,
    );
    let mut out = [0f32; 64];
    let mut any = false;
    let scale = 1.0 / (255.0 * (step * step) as f32);
    for (i, v) in out.iter_mut().enumerate() {
        let (sx, sy) = (mx + (i % 8) * step, my + (i / 8) * step);
        let mut sum = 0u32;
        for dy in 0..step {
            let row = (sy + dy) * w + sx;
            for &c in &m.cov[row..row + step] {
                sum += u32::from(c);
            }
        }
        any |= sum != 0;
        *v = sum as f32 * scale;
    }
    any.then_some(out)
}

/// The transform of `background + coverage × (ink − background)`, level
/// shifted, from the transform `d` of the coverage: the transform of a
/// flat block of `v` is 64 v at DC and nothing else.
fn blend(d: &[f32; 64], background: f32, ink: f32) -> [f32; 64] {
    let delta = ink - background;
    let mut out = d.map(|c| c * delta);
    out[0] += 64.0 * (background - 128.0);
    out
}

/// JFIF's RGB to Y, Cb, Cr.
fn ycbcr([r, g, b]: [u8; 3]) -> [f32; 3] {
    let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
    [
        0.299 * r + 0.587 * g + 0.114 * b,
        -0.168_736 * r - 0.331_264 * g + 0.5 * b + 128.0,
        0.5 * r - 0.418_688 * g - 0.081_312 * b + 128.0,
    ]
}

/// The backdrop as Y (padded to whole MCU rows by repeating the last
/// row) and Cb, Cr at half size (the mean of each 2 × 2).
fn planes(px: &Pixels) -> [Vec<f32>; 3] {
    let (w, h) = (px.width as usize, px.height as usize);
    let mut full: [Vec<f32>; 3] = std::array::from_fn(|_| Vec::with_capacity(w * PADDED_H));
    for y in 0..PADDED_H {
        let row = y.min(h - 1) * w * 4;
        for x in 0..w {
            let p = &px.rgba[row + x * 4..row + x * 4 + 3];
            let c = ycbcr([p[0], p[1], p[2]]);
            for (plane, v) in full.iter_mut().zip(c) {
                plane.push(v);
            }
        }
    }
    let half = |plane: &[f32]| -> Vec<f32> {
        let mut out = Vec::with_capacity(w / 2 * PADDED_H / 2);
        for y in (0..PADDED_H).step_by(2) {
            for x in (0..w).step_by(2) {
                let at = y * w + x;
                out.push((plane[at] + plane[at + 1] + plane[at + w] + plane[at + w + 1]) / 4.0);
            }
        }
        out
    };
    let [y, cb, cr] = full;
    let (cb, cr) = (half(&cb), half(&cr));
    [y, cb, cr]
}

/// The 8 × 8 samples of `plane` (`w` wide) from (`x`, `y`), level shifted.
fn sub(plane: &[f32], w: usize, x: usize, y: usize) -> [f32; 64] {
    std::array::from_fn(|i| plane[(y + i / 8) * w + x + i % 8] - 128.0)
}

#[cfg(test)]
mod tests {
    use super::super::draw::{self, Look, Rgb};
    use super::super::font;
    use super::Backdrop;

    fn look() -> Look<'static> {
        Look {
            background: Rgb([11, 107, 92]),
            color: Rgb([255, 255, 255]),
            accent: Some(Rgb([217, 119, 6])),
            subtitle: "Desa Sukamaju",
            logo: None,
        }
    }

    /// The card decodes to what painting the title on the backdrop and
    /// coding the whole picture gives, within JPEG's loss.
    #[test]
    fn a_card_decodes_to_the_painted_title() {
        let backdrop = Backdrop::new(&look());
        let title = "Gotong royong membersihkan saluran irigasi Dusun Krajan";
        let jpeg = backdrop.card(title).unwrap();
        let got = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        assert_eq!(got.dimensions(), (1200, 630));
        let mut want = draw::backdrop(font(), &look());
        draw::paint(
            &mut want,
            &draw::title_mask(font(), title),
            Rgb([255, 255, 255]),
        );
        let (mut err, mut worst) = (0u64, 0u8);
        for (i, p) in got.pixels().enumerate() {
            for c in 0..3 {
                let d = p.0[c].abs_diff(want.rgba[i * 4 + c]);
                err += u64::from(d);
                worst = worst.max(d);
            }
        }
        let mean = err as f64 / (1200.0 * 630.0 * 3.0);
        assert!(mean < 2.0, "mean error {mean}");
        assert!(worst > 0, "lossy, yet identical?");
        // Rows without the title are the backdrop's own bytes: an empty
        // title gives the backdrop alone.
        let empty = image::load_from_memory(&backdrop.card("").unwrap())
            .unwrap()
            .to_rgb8();
        assert_eq!(*empty.get_pixel(600, 400), *got.get_pixel(5, 400));
    }
}
