//! The geometry of the charts: bars with their labels and values, and
//! the population pyramid, as [`Drawing`]s (no markup yet).

use super::text::{fitting, text_width, wrap};
use super::{Anchor, BAR, Drawing, Group, LABEL, LINE, PyramidRow, Shape, Style, VALUE, W};
use crate::diag::Lang;
use crate::format;

/// `value` of `max` as a length of at most `full`: never negative, 0 for
/// a zero maximum, and at least 1 for any value above 0 so it shows.
pub fn scale(value: i128, max: i128, full: f64) -> f64 {
    if max <= 0 || value <= 0 || full <= 0.0 {
        return 0.0;
    }
    let w = (value as f64 / max as f64 * full).min(full);
    w.max(1.0_f64.min(full))
}

/// A legend line (swatch and name per series), wrapping to more lines
/// when the names do not fit side by side. Returns the height used.
fn legend(items: &[(&str, Style)], top: f64, shapes: &mut Vec<Shape>) -> f64 {
    let (mut x, mut y) = (0.0, top);
    for (name, style) in items {
        let name = wrap(name, VALUE, false, W - 18.0).remove(0);
        let w = 18.0 + text_width(&name, VALUE, false);
        if x > 0.0 && x + w > W {
            x = 0.0;
            y += LINE;
        }
        shapes.push(Shape::Rect {
            x: x + 0.75,
            y: y + 2.75,
            w: 11.5,
            h: 11.5,
            style: *style,
        });
        shapes.push(Shape::Text {
            x: x + 18.0,
            y: y + 13.0,
            size: VALUE,
            anchor: Anchor::Start,
            bold: false,
            text: name,
        });
        x += w + 16.0;
    }
    y + LINE - top
}

/// Groups of bars: each label on its own line(s), then its bars with the
/// value after each. A legend on top when given.
pub fn bars_layout(groups: &[Group], legend_items: &[(&str, Style)], bold_labels: bool) -> Drawing {
    let max = groups
        .iter()
        .flat_map(|g| &g.bars)
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0);
    bars_layout_upto(groups, legend_items, bold_labels, max)
}

/// [`bars_layout`] with a full bar standing for `max` (a score's top,
/// such as 100), so that bars of different charts compare.
pub fn bars_layout_upto(
    groups: &[Group],
    legend_items: &[(&str, Style)],
    bold_labels: bool,
    max: i128,
) -> Drawing {
    let mut shapes = Vec::new();
    let mut y = 4.0;
    if !legend_items.is_empty() {
        y += legend(legend_items, y, &mut shapes) + 6.0;
    }
    let all = || groups.iter().flat_map(|g| &g.bars);
    let widest = all()
        .map(|b| text_width(&b.text, VALUE, false))
        .fold(0.0, f64::max);
    // Values take at most 60% of the width; past that (only absurd numbers)
    // their font shrinks instead.
    let size = fitting(VALUE, widest, W * 0.6);
    let room = widest * size / VALUE + 6.0;
    let full = W - room;
    for g in groups {
        for line in wrap(&g.label, LABEL, bold_labels, W) {
            shapes.push(Shape::Text {
                x: 0.0,
                y: y + 14.0,
                size: LABEL,
                anchor: Anchor::Start,
                bold: bold_labels,
                text: line,
            });
            y += LINE;
        }
        for b in &g.bars {
            y += 2.0;
            let w = b.value.map_or(0.0, |v| scale(v, max, full));
            if w > 0.0 {
                shapes.push(bar_rect(0.0, y, w, b.style));
            }
            shapes.push(Shape::Text {
                x: w + 4.0,
                y: y + 11.0,
                size,
                anchor: Anchor::Start,
                bold: false,
                text: b.text.clone(),
            });
            y += BAR + 4.0;
        }
        y += 8.0;
    }
    Drawing {
        height: y.max(8.0),
        shapes,
    }
}

/// A bar from `x`, `w` wide; an outlined bar is inset by half its edge so
/// the edge stays inside the same box.
fn bar_rect(x: f64, y: f64, w: f64, style: Style) -> Shape {
    let inset: f64 = if style == Style::Outline { 0.75 } else { 0.0 };
    Shape::Rect {
        x: x + inset.min(w / 2.0),
        y: y + inset,
        w: (w - 2.0 * inset).max(0.0),
        h: BAR - 2.0 * inset,
        style,
    }
}

/// Male bars to the left, female to the right, the row labels between.
pub fn pyramid_layout(rows: &[PyramidRow], male: &str, female: &str, lang: Lang) -> Drawing {
    let mut shapes = Vec::new();
    let mut y = 4.0;
    pyramid_legend(male, female, y, &mut shapes);
    y += LINE + 8.0;
    let texts: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                format::integer(r.male.into(), lang),
                format::integer(r.female.into(), lang),
            )
        })
        .collect();
    let longest_label = rows
        .iter()
        .map(|r| text_width(&r.label, PYRAMID_SIZE, false))
        .fold(0.0, f64::max);
    let centre = (longest_label + 10.0).clamp(44.0, W * 0.32);
    let side = (W - centre) / 2.0;
    let widest = texts
        .iter()
        .flat_map(|(m, f)| [m, f])
        .map(|t| text_width(t, PYRAMID_SIZE, false))
        .fold(0.0, f64::max);
    let size = fitting(PYRAMID_SIZE, widest, side * 0.6);
    let columns = Columns {
        centre,
        side,
        size,
        full: side - widest * size / PYRAMID_SIZE - 5.0,
        max: rows.iter().map(|r| r.male.max(r.female)).max().unwrap_or(0),
    };
    for (r, values) in rows.iter().zip(texts) {
        y += pyramid_row(r, values, &columns, y, &mut shapes) + 4.0;
    }
    Drawing {
        height: y + 4.0,
        shapes,
    }
}

/// The pyramid's font size and line height.
const PYRAMID_SIZE: f64 = 13.0;
const ROW_LINE: f64 = 16.0;

/// The pyramid's columns: the labels' (`centre` wide) between the two
/// sides, bars up to `full` long for `max`, values at font `size`.
struct Columns {
    centre: f64,
    side: f64,
    size: f64,
    full: f64,
    max: u64,
}

/// The pyramid's legend: male on the left, female on the right, as the bars.
fn pyramid_legend(male: &str, female: &str, y: f64, shapes: &mut Vec<Shape>) {
    let male = wrap(male, VALUE, false, W / 2.0 - 24.0).remove(0);
    let female = wrap(female, VALUE, false, W / 2.0 - 24.0).remove(0);
    let swatch = |x: f64, style: Style| Shape::Rect {
        x,
        y: y + 2.5,
        w: 12.0,
        h: 12.0,
        style,
    };
    let name = |x: f64, anchor: Anchor, text: String| Shape::Text {
        x,
        y: y + 13.0,
        size: VALUE,
        anchor,
        bold: false,
        text,
    };
    shapes.push(swatch(0.0, Style::Solid));
    shapes.push(name(18.0, Anchor::Start, male));
    shapes.push(swatch(W - 12.0, Style::Alt));
    shapes.push(name(W - 18.0, Anchor::End, female));
}

/// One row of the pyramid at `y`: its two bars with their values, and
/// its label between them. Returns the row's height.
fn pyramid_row(
    r: &PyramidRow,
    (mt, ft): (String, String),
    c: &Columns,
    y: f64,
    shapes: &mut Vec<Shape>,
) -> f64 {
    let lines = wrap(&r.label, PYRAMID_SIZE, false, c.centre - 6.0);
    let text_h = lines.len() as f64 * ROW_LINE;
    let row_h = text_h.max(BAR);
    let bar_y = y + (row_h - BAR) / 2.0;
    let mw = scale(r.male.into(), c.max.into(), c.full);
    let fw = scale(r.female.into(), c.max.into(), c.full);
    if mw > 0.0 {
        shapes.push(bar_rect(c.side - mw, bar_y, mw, Style::Solid));
    }
    if fw > 0.0 {
        shapes.push(bar_rect(c.side + c.centre, bar_y, fw, Style::Alt));
    }
    let value = |x: f64, anchor: Anchor, text: String| Shape::Text {
        x,
        y: bar_y + 11.0,
        size: c.size,
        anchor,
        bold: false,
        text,
    };
    shapes.push(value(c.side - mw - 3.0, Anchor::End, mt));
    shapes.push(value(c.side + c.centre + fw + 3.0, Anchor::Start, ft));
    let text_top = y + (row_h - text_h) / 2.0;
    for (i, line) in lines.into_iter().enumerate() {
        shapes.push(Shape::Text {
            x: W / 2.0,
            y: text_top + 12.0 + i as f64 * ROW_LINE,
            size: PYRAMID_SIZE,
            anchor: Anchor::Middle,
            bold: false,
            text: line,
        });
    }
    row_h
}
