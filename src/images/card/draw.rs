//! A card's pixels, in two parts: the backdrop every card of a site
//! shares (the theme's colour, the logo on a white plate, the village
//! name, a bar in the accent colour), drawn once per build, and the
//! title, drawn per card as a coverage mask over a box of plain
//! background, which [`super::encode`] turns into JPEG blocks without
//! ever painting a whole card.

use ab_glyph::{Font, PxScale, ScaleFont, point};

use super::layout;
use crate::images::process::{Pixels, resize};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// Left and right margin.
const MARGIN: u32 = 80;
/// The bar along the bottom edge.
const BAR: u32 = 24;
/// The logo's white plate: left, top, side; and the logo's largest side on it.
const PLATE: (u32, u32, u32) = (MARGIN, 64, 128);
const LOGO_SIDE: u32 = 112;
const SUBTITLE_SIZE: f32 = 40.0;
/// Where the title goes: under the header, above the bar, on plain
/// background (what [`super::encode`] relies on). Its edges lie on the
/// 16-pixel grid of the JPEG's blocks.
pub const TITLE_BOX: Rect = Rect {
    x: MARGIN,
    y: 208,
    w: WIDTH - 2 * MARGIN,
    h: 384,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// How much of each pixel of `rect` text covers, 0 to 255.
pub struct Mask {
    pub rect: Rect,
    pub cov: Vec<u8>,
}

impl Mask {
    fn new(rect: Rect) -> Mask {
        Mask {
            rect,
            cov: vec![0; (rect.w * rect.h) as usize],
        }
    }

    /// Draws `text` from `x` on the `baseline` (card coordinates); what
    /// falls outside the rectangle is left out.
    fn text<F: Font>(&mut self, font: &F, scale: PxScale, x: f32, baseline: f32, text: &str) {
        let sf = font.as_scaled(scale);
        let mut pen = x;
        let mut prev = None;
        let r = self.rect;
        for c in text.chars() {
            let id = sf.glyph_id(c);
            if let Some(p) = prev {
                pen += sf.kern(p, id);
            }
            let glyph = id.with_scale_and_position(scale, point(pen, baseline));
            pen += sf.h_advance(id);
            prev = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            let cov = &mut self.cov;
            outline.draw(|gx, gy, v| {
                let px = b.min.x as i64 + i64::from(gx) - i64::from(r.x);
                let py = b.min.y as i64 + i64::from(gy) - i64::from(r.y);
                if (0..i64::from(r.w)).contains(&px) && (0..i64::from(r.h)).contains(&py) {
                    let at = (py as u32 * r.w + px as u32) as usize;
                    let v = (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
                    // Overlapping glyphs (a tight kerning pair) take the
                    // larger coverage, not the sum: no bright seams.
                    cov[at] = cov[at].max(v);
                }
            });
        }
    }
}

/// What every card of a site shares.
pub struct Look<'a> {
    pub background: Rgb,
    pub color: Rgb,
    pub accent: Option<Rgb>,
    pub subtitle: &'a str,
    /// The logo, decoded (RGBA).
    pub logo: Option<&'a Pixels>,
}

/// The card without its title: an opaque RGBA picture.
pub fn backdrop<F: Font>(font: &F, look: &Look) -> Pixels {
    let mut px = Pixels {
        width: WIDTH,
        height: HEIGHT,
        rgba: [
            look.background.0[0],
            look.background.0[1],
            look.background.0[2],
            255,
        ]
        .repeat((WIDTH * HEIGHT) as usize),
    };
    if let Some(accent) = look.accent {
        fill(
            &mut px,
            Rect {
                x: 0,
                y: HEIGHT - BAR,
                w: WIDTH,
                h: BAR,
            },
            accent,
        );
    }
    let mut text_x = MARGIN;
    if let Some(logo) = look.logo {
        plate(&mut px);
        draw_logo(&mut px, logo);
        text_x = PLATE.0 + PLATE.2 + 32;
    }
    let width = (WIDTH - MARGIN - text_x) as f32;
    let scale = PxScale::from(SUBTITLE_SIZE);
    let line = match layout::wrap(font, scale, look.subtitle, width, 1) {
        Ok(l) | Err(l) => l.into_iter().next().unwrap_or_default(),
    };
    let sf = font.as_scaled(scale);
    let middle = (PLATE.1 + PLATE.2 / 2) as f32;
    let baseline = middle + (sf.ascent() + sf.descent()) / 2.0;
    let mut mask = Mask::new(Rect {
        x: 0,
        y: 0,
        w: WIDTH,
        h: TITLE_BOX.y,
    });
    mask.text(font, scale, text_x as f32, baseline, &line);
    paint(&mut px, &mask, look.color);
    px
}

/// The title's coverage over [`TITLE_BOX`]: the lines of
/// [`layout::fit_title`], the block centred from top to bottom.
pub fn title_mask<F: Font>(font: &F, title: &str) -> Mask {
    let r = TITLE_BOX;
    let mut mask = Mask::new(r);
    let (scale, lines) = layout::fit_title(font, title, r.w as f32);
    let sf = font.as_scaled(scale);
    let line_height = (scale.y * 1.15).round();
    let ink = sf.ascent() - sf.descent();
    let block = line_height * lines.len().saturating_sub(1) as f32 + ink;
    let top = r.y as f32 + ((r.h as f32 - block) / 2.0).max(0.0);
    for (i, line) in lines.iter().enumerate() {
        let baseline = (top + sf.ascent() + line_height * i as f32).round();
        mask.text(font, scale, r.x as f32, baseline, line);
    }
    mask
}

/// `mask` laid over `px` in `color`.
pub fn paint(px: &mut Pixels, mask: &Mask, color: Rgb) {
    let r = mask.rect;
    for y in 0..r.h {
        for x in 0..r.w {
            let a = u32::from(mask.cov[(y * r.w + x) as usize]);
            if a == 0 {
                continue;
            }
            let at = (((r.y + y) * px.width + r.x + x) * 4) as usize;
            for (c, &to) in color.0.iter().enumerate() {
                px.rgba[at + c] = mix(px.rgba[at + c], to, a);
            }
        }
    }
}

/// `from` moved toward `to` by `a`/255.
fn mix(from: u8, to: u8, a: u32) -> u8 {
    ((u32::from(from) * (255 - a) + u32::from(to) * a + 127) / 255) as u8
}

fn fill(px: &mut Pixels, r: Rect, color: Rgb) {
    for y in r.y..r.y + r.h {
        for x in r.x..r.x + r.w {
            let at = ((y * px.width + x) * 4) as usize;
            px.rgba[at..at + 3].copy_from_slice(&color.0);
        }
    }
}

/// The white plate under the logo, its corners rounded (and smoothed).
fn plate(px: &mut Pixels) {
    let (left, top, side) = PLATE;
    let radius = 24.0_f32;
    for y in 0..side {
        for x in 0..side {
            // Distance past the corner's circle, in the corner squares.
            let dx = (radius - x as f32 - 0.5).max(x as f32 + 0.5 - (side as f32 - radius));
            let dy = (radius - y as f32 - 0.5).max(y as f32 + 0.5 - (side as f32 - radius));
            let cover = if dx > 0.0 && dy > 0.0 {
                (radius + 0.5 - dx.hypot(dy)).clamp(0.0, 1.0)
            } else {
                1.0
            };
            let a = (cover * 255.0).round() as u32;
            let at = (((top + y) * px.width + left + x) * 4) as usize;
            for c in 0..3 {
                px.rgba[at + c] = mix(px.rgba[at + c], 255, a);
            }
        }
    }
}

/// The logo, fitted into the plate and centred on it; see-through parts
/// show the plate.
fn draw_logo(px: &mut Pixels, logo: &Pixels) {
    let (w, h) = logo.size();
    let fit = f64::from(LOGO_SIDE) / f64::from(w.max(h));
    let (tw, th) = (
        ((f64::from(w) * fit).round() as u32).max(1),
        ((f64::from(h) * fit).round() as u32).max(1),
    );
    let sized;
    let logo = if (tw, th) == (w, h) {
        logo
    } else {
        match resize(logo, true, tw, th) {
            Ok(p) => {
                sized = p;
                &sized
            }
            Err(_) => return,
        }
    };
    let (left, top, side) = PLATE;
    let (ox, oy) = (left + (side - tw) / 2, top + (side - th) / 2);
    for y in 0..th {
        for x in 0..tw {
            let from = ((y * tw + x) * 4) as usize;
            let a = u32::from(logo.rgba[from + 3]);
            let at = (((oy + y) * px.width + ox + x) * 4) as usize;
            for c in 0..3 {
                px.rgba[at + c] = mix(px.rgba[at + c], logo.rgba[from + c], a);
            }
        }
    }
}
