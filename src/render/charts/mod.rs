//! Charts drawn at build time, as inline SVG: bar charts for statistics
//! tables, a population pyramid for a table with male and female columns,
//! and planned-against-realised bars for the APBDes.
//!
//! No script draws them in the reader's phone: the SVG is text in the
//! page, made here, and the numbers are always beside it in a table too.
//! Each chart is one `<svg role="img">` whose `<title>` names it
//! (`aria-labelledby`) and whose `<desc>` says every number in words
//! (`aria-describedby`); it uses the page's system font and no external
//! file. Every text is escaped, and characters XML 1.0 forbids are dropped,
//! so a label such as `<b>&` or a stray control character cannot break
//! the markup.
//!
//! Layout works in a viewBox [`W`] units wide, drawn at 100% of its box up
//! to [`MAX_WIDTH`]: on a 360 px phone (about 328 px of content) a unit is
//! about 0.9 px, so the 14-unit labels read at about 12.7 px. Labels sit on
//! their own lines above their bars and wrap by an estimate of the text's
//! width; values sit after the bar end, and bars are scaled so that the
//! widest value still fits. [`Drawing`] keeps the geometry apart from the
//! markup so tests can check that nothing overlaps or leaves the box.
//!
//! | Tera function | draws |
//! |---|---|
//! | `stat_chart(table, id, title, male=, female=)` | one `profile.statistics.tables` item: a pyramid for ages with `male` and `female`, a male and a female bar per row for other such tables, else bars of each row's `total` (see [`chart_kind`]); "" for a table without rows |
//! | `budget_chart(budget, id, title, planned=, realized=, income=, spending=, financing_in=, financing_out=)` | one `profile.budget` year: planned (outlined) and realised (solid) bars per part |
//! | `idm_chart(idm, id, title)`, `sdgs_chart(year, id, title)`, `stunting_chart(stunting, id, title)` | the development data of `/pembangunan/` (see [`development`]) |
//! | `report_chart(groups, id, title)` | the posts of a KIM monthly report by ADINDA principle (see [`report`]) |

mod development;
mod functions;
mod layout;
mod report;
mod svg;
#[cfg(test)]
mod tests;
mod text;

use tera::Tera;

use crate::diag::Lang;

pub use functions::{Kind, chart_kind, youngest_first};
pub use layout::{bars_layout, bars_layout_upto, pyramid_layout, scale};
pub use svg::{esc, svg};
pub use text::{text_width, wrap};

/// Width of every chart's viewBox, in user units.
pub const W: f64 = 360.0;
/// How wide a chart is drawn at most (CSS), so text stays near body size.
pub const MAX_WIDTH: &str = "32rem";

const INK: &str = "#1f2421";
/// The theme's accent: 6.2:1 against the page background.
const TEAL: &str = "#0b6b5c";
/// Female bars: 4.8:1 against the page, told from teal by place too.
const AMBER: &str = "#b45309";
/// Inside of an outlined (planned) bar; its teal edge carries the contrast.
const PALE: &str = "#d7efe7";

const LABEL: f64 = 14.0;
const LINE: f64 = 18.0;
const VALUE: f64 = 13.0;
const BAR: f64 = 14.0;
/// A label longer than this many lines is cut with "…" (the table has it whole).
const MAX_LINES: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// How a bar is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Solid,
    Outline,
    Alt,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        style: Style,
    },
    Text {
        x: f64,
        y: f64,
        size: f64,
        anchor: Anchor,
        bold: bool,
        text: String,
    },
}

impl Shape {
    /// The box a shape covers (x0, y0, x1, y1), text by its estimated width.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        match self {
            Shape::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Shape::Text {
                x,
                y,
                size,
                anchor,
                bold,
                text,
            } => {
                let w = text_width(text, *size, *bold);
                let x0 = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                (x0, y - 0.8 * size, x0 + w, y + 0.25 * size)
            }
        }
    }
}

/// A chart's shapes, in a box [`W`] wide and `height` high.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub height: f64,
    pub shapes: Vec<Shape>,
}

/// One bar: its value (none draws no bar) and the text after it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub value: Option<i128>,
    pub text: String,
    pub style: Style,
}

/// A label with its bars below it.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// One row of a pyramid.
#[derive(Debug, Clone)]
pub struct PyramidRow {
    pub label: String,
    pub male: u64,
    pub female: u64,
}

/// Registers every chart function.
pub fn register(tera: &mut Tera, lang: Lang) {
    functions::register(tera, lang);
    development::register(tera, lang);
    report::register(tera, lang);
}
