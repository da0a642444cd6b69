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

use std::fmt::Write as _;

use serde::Deserialize;
use tera::{Kwargs, State, Tera};

use crate::diag::Lang;
use crate::format;

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

/// Width of one character in em of a sans-serif system font, erring wide:
/// these are about DejaVu Sans's (the widest common fallback; Roboto and
/// Noto Sans on phones are narrower), so that wrapped lines and value
/// columns have room in any such font.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '`' => 0.34,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.45,
        '–' => 0.52,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '—' => 1.0,
        'A'..='Z' => 0.76,
        '0'..='9' => 0.65,
        c if c.is_ascii() => 0.63,
        // CJK, emoji and other wide signs take a full em.
        c if (c as u32) >= 0x1100 => 1.0,
        _ => 0.68,
    }
}

/// Estimated width of `text` at font size `size`.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * size * if bold { 1.08 } else { 1.0 }
}

/// `text` in lines no wider than `max` (at `size`), broken at spaces, and
/// inside a word only when the word alone is too wide; at most
/// [`MAX_LINES`], the last cut with "…". Always at least one line.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let fits = |s: &str| text_width(s, size, bold) <= max;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        while !last.is_empty() && !fits(&format!("{last}…")) {
            last.pop();
        }
        last.push('…');
    }
    lines
}

/// A font size at most `size` at which `width` (measured at `size`) fits in `room`.
fn fitting(size: f64, width: f64, room: f64) -> f64 {
    if width > room && width > 0.0 {
        size * room / width
    } else {
        size
    }
}

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
    let mut shapes = Vec::new();
    let mut y = 4.0;
    if !legend_items.is_empty() {
        y += legend(legend_items, y, &mut shapes) + 6.0;
    }
    let all = || groups.iter().flat_map(|g| &g.bars);
    let max = all().filter_map(|b| b.value).max().unwrap_or(0);
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
    const SIZE: f64 = 13.0;
    const ROW_LINE: f64 = 16.0;
    let mut shapes = Vec::new();
    let mut y = 4.0;
    // The legend: male on the left, female on the right, as the bars.
    let male = wrap(male, VALUE, false, W / 2.0 - 24.0).remove(0);
    let female = wrap(female, VALUE, false, W / 2.0 - 24.0).remove(0);
    shapes.push(Shape::Rect {
        x: 0.0,
        y: y + 2.5,
        w: 12.0,
        h: 12.0,
        style: Style::Solid,
    });
    shapes.push(Shape::Text {
        x: 18.0,
        y: y + 13.0,
        size: VALUE,
        anchor: Anchor::Start,
        bold: false,
        text: male,
    });
    shapes.push(Shape::Rect {
        x: W - 12.0,
        y: y + 2.5,
        w: 12.0,
        h: 12.0,
        style: Style::Alt,
    });
    shapes.push(Shape::Text {
        x: W - 18.0,
        y: y + 13.0,
        size: VALUE,
        anchor: Anchor::End,
        bold: false,
        text: female,
    });
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
        .map(|r| text_width(&r.label, SIZE, false))
        .fold(0.0, f64::max);
    let centre = (longest_label + 10.0).clamp(44.0, W * 0.32);
    let side = (W - centre) / 2.0;
    let widest = texts
        .iter()
        .flat_map(|(m, f)| [m, f])
        .map(|t| text_width(t, SIZE, false))
        .fold(0.0, f64::max);
    let size = fitting(SIZE, widest, side * 0.6);
    let full = side - widest * size / SIZE - 5.0;
    let max = rows.iter().map(|r| r.male.max(r.female)).max().unwrap_or(0);
    for (r, (mt, ft)) in rows.iter().zip(texts) {
        let lines = wrap(&r.label, SIZE, false, centre - 6.0);
        let text_h = lines.len() as f64 * ROW_LINE;
        let row_h = text_h.max(BAR);
        let bar_y = y + (row_h - BAR) / 2.0;
        let mw = scale(r.male.into(), max.into(), full);
        let fw = scale(r.female.into(), max.into(), full);
        if mw > 0.0 {
            shapes.push(bar_rect(side - mw, bar_y, mw, Style::Solid));
        }
        if fw > 0.0 {
            shapes.push(bar_rect(side + centre, bar_y, fw, Style::Alt));
        }
        shapes.push(Shape::Text {
            x: side - mw - 3.0,
            y: bar_y + 11.0,
            size,
            anchor: Anchor::End,
            bold: false,
            text: mt,
        });
        shapes.push(Shape::Text {
            x: side + centre + fw + 3.0,
            y: bar_y + 11.0,
            size,
            anchor: Anchor::Start,
            bold: false,
            text: ft,
        });
        let text_top = y + (row_h - text_h) / 2.0;
        for (i, line) in lines.into_iter().enumerate() {
            shapes.push(Shape::Text {
                x: W / 2.0,
                y: text_top + 12.0 + i as f64 * ROW_LINE,
                size: SIZE,
                anchor: Anchor::Middle,
                bold: false,
                text: line,
            });
        }
        y += row_h + 4.0;
    }
    Drawing {
        height: y + 4.0,
        shapes,
    }
}

/// Text for XML: `&<>"'` escaped, characters XML 1.0 forbids dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// An id safe for XML and CSS: letters, digits, `-` and `_`, starting
/// with a letter.
fn clean_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "grafik-");
    }
    out
}

/// A number for an attribute: at most one decimal, no "-0".
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".into()
    } else if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The SVG markup of a drawing.
pub fn svg(d: &Drawing, id: &str, title: &str, desc: &str) -> String {
    let id = clean_id(id);
    let mut s = String::with_capacity(256 + d.shapes.len() * 90);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         style=\"display:block;width:100%;max-width:{MAX_WIDTH};height:auto\" role=\"img\" \
         aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" \
         font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif\" \
         font-size=\"{LABEL}\" fill=\"{INK}\"><title id=\"{id}-t\">{title}</title><desc id=\"{id}-d\">{desc}</desc>",
        w = n(W),
        h = n(d.height.ceil()),
        title = esc(title),
        desc = esc(desc),
    );
    for shape in &d.shapes {
        match shape {
            Shape::Rect { x, y, w, h, style } => {
                let paint = match style {
                    Style::Solid => format!("fill=\"{TEAL}\""),
                    Style::Alt => format!("fill=\"{AMBER}\""),
                    Style::Outline => {
                        format!("fill=\"{PALE}\" stroke=\"{TEAL}\" stroke-width=\"1.5\"")
                    }
                };
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {paint}/>",
                    n(*x),
                    n(*y),
                    n(*w),
                    n(*h)
                );
            }
            Shape::Text {
                x,
                y,
                size,
                anchor,
                bold,
                text,
            } => {
                let _ = write!(s, "<text x=\"{}\" y=\"{}\"", n(*x), n(*y));
                if *size != LABEL {
                    let _ = write!(s, " font-size=\"{}\"", n(*size));
                }
                match anchor {
                    Anchor::Start => {}
                    Anchor::Middle => s.push_str(" text-anchor=\"middle\""),
                    Anchor::End => s.push_str(" text-anchor=\"end\""),
                }
                if *bold {
                    s.push_str(" font-weight=\"bold\"");
                }
                let _ = write!(s, ">{}</text>", esc(text));
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// The parts of a statistics table a chart needs (`profile.statistics.tables[]`).
#[derive(Deserialize)]
struct TableArg {
    #[serde(default)]
    rows: Vec<RowArg>,
}

#[derive(Deserialize)]
struct RowArg {
    #[serde(default)]
    label: String,
    male: Option<u64>,
    female: Option<u64>,
    #[serde(default)]
    total: u64,
}

/// One year of `profile.budget`.
#[derive(Deserialize)]
struct BudgetArg {
    income: Option<MoneyArg>,
    spending: Option<MoneyArg>,
    financing_in: Option<MoneyArg>,
    financing_out: Option<MoneyArg>,
}

#[derive(Deserialize)]
struct MoneyArg {
    planned: Option<i64>,
    realized: Option<i64>,
}

/// How a statistics table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Male bars left, female right, by age.
    Pyramid,
    /// A male and a female bar for each row.
    Pairs,
    /// One bar of each row's total.
    Bars,
}

impl Kind {
    /// What templates see as the table's `chart`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pyramid => "pyramid",
            Kind::Pairs => "pairs",
            Kind::Bars => "bars",
        }
    }
}

/// A pyramid when every row has male and female figures and the rows are
/// ages (the first and the last label start with a number: "0–4 tahun" …
/// "75 tahun ke atas"); pairs of bars when every row has both but the rows
/// are something else (religion, schooling); else bars of the totals.
pub fn chart_kind<'a>(
    rows: impl Iterator<Item = (&'a str, Option<u64>, Option<u64>)> + Clone,
) -> Kind {
    let mut all = rows.clone();
    let both = all.clone().next().is_some() && all.all(|(_, m, f)| m.is_some() && f.is_some());
    if !both {
        return Kind::Bars;
    }
    let number = |l: Option<(&str, _, _)>| {
        l.is_some_and(|(l, _, _)| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    };
    let last = rows.clone().last();
    if number(rows.clone().next()) && number(last) {
        Kind::Pyramid
    } else {
        Kind::Pairs
    }
}

/// Words of the charts in the site's language, for kwargs not given.
fn word(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

fn arg<T: serde::de::DeserializeOwned>(kw: &Kwargs, name: &str) -> tera::TeraResult<T> {
    let value: tera::Value = kw.must_get(name)?;
    let json = serde_json::to_value(&value).map_err(|e| tera::Error::message(e.to_string()))?;
    serde_json::from_value(json).map_err(|e| tera::Error::message(format!("{name}: {e}")))
}

fn text_arg(kw: &Kwargs, name: &str, default: &str) -> tera::TeraResult<String> {
    Ok(kw
        .get::<String>(name)?
        .unwrap_or_else(|| default.to_string()))
}

struct StatChart(Lang);

impl tera::Function<tera::TeraResult<String>> for StatChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let lang = self.0;
        let table: TableArg = arg(&kw, "table")?;
        let id: String = kw.must_get("id")?;
        let title: String = kw.must_get("title")?;
        let male = text_arg(&kw, "male", word(lang, "Laki-laki", "Male"))?;
        let female = text_arg(&kw, "female", word(lang, "Perempuan", "Female"))?;
        Ok(stat_chart(&table.rows, &id, &title, &male, &female, lang))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

fn stat_chart(
    rows: &[RowArg],
    id: &str,
    title: &str,
    male: &str,
    female: &str,
    lang: Lang,
) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let num = |v: u64| format::integer(v.into(), lang);
    let kind = chart_kind(rows.iter().map(|r| (r.label.as_str(), r.male, r.female)));
    if kind != Kind::Bars {
        let desc = sentence(rows.iter().map(|r| {
            format!(
                "{}: {male} {}, {female} {}",
                r.label,
                num(r.male.unwrap_or(0)),
                num(r.female.unwrap_or(0))
            )
        }));
        let mut pairs: Vec<PyramidRow> = rows
            .iter()
            .map(|r| PyramidRow {
                label: r.label.clone(),
                male: r.male.unwrap_or(0),
                female: r.female.unwrap_or(0),
            })
            .collect();
        if kind == Kind::Pairs {
            let groups: Vec<Group> = pairs
                .iter()
                .map(|r| Group {
                    label: r.label.clone(),
                    bars: vec![
                        Bar {
                            value: Some(r.male.into()),
                            text: num(r.male),
                            style: Style::Solid,
                        },
                        Bar {
                            value: Some(r.female.into()),
                            text: num(r.female),
                            style: Style::Alt,
                        },
                    ],
                })
                .collect();
            let legend = [(male, Style::Solid), (female, Style::Alt)];
            return svg(&bars_layout(&groups, &legend, false), id, title, &desc);
        }
        // The description follows the table; the drawing stands on its youngest.
        if youngest_first(pairs.iter().map(|r| r.label.as_str())) {
            pairs.reverse();
        }
        return svg(
            &pyramid_layout(&pairs, male, female, lang),
            id,
            title,
            &desc,
        );
    }
    let groups: Vec<Group> = rows
        .iter()
        .map(|r| Group {
            label: r.label.clone(),
            bars: vec![Bar {
                value: Some(r.total.into()),
                text: num(r.total),
                style: Style::Solid,
            }],
        })
        .collect();
    let desc = sentence(
        rows.iter()
            .map(|r| format!("{}: {}", r.label, num(r.total))),
    );
    svg(&bars_layout(&groups, &[], false), id, title, &desc)
}

/// Whether rows run from young to old: the first label starts with a
/// smaller number than the last ("0–4 tahun" … "75 tahun ke atas").
pub fn youngest_first<'a>(labels: impl DoubleEndedIterator<Item = &'a str> + Clone) -> bool {
    let lead = |s: Option<&str>| -> Option<u64> {
        let s = s?.trim_start();
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    match (
        lead(labels.clone().next()),
        lead(labels.clone().next_back()),
    ) {
        (Some(first), Some(last)) => first < last,
        _ => false,
    }
}

/// Parts joined by "; ", ending with a full stop.
fn sentence(parts: impl Iterator<Item = String>) -> String {
    let mut s = parts.collect::<Vec<_>>().join("; ");
    s.push('.');
    s
}

struct BudgetChart(Lang);

impl tera::Function<tera::TeraResult<String>> for BudgetChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let lang = self.0;
        let budget: BudgetArg = arg(&kw, "budget")?;
        let id: String = kw.must_get("id")?;
        let title: String = kw.must_get("title")?;
        let planned = text_arg(&kw, "planned", word(lang, "Anggaran", "Planned"))?;
        let realized = text_arg(&kw, "realized", word(lang, "Realisasi", "Realised"))?;
        let names = [
            text_arg(&kw, "income", word(lang, "Pendapatan", "Income"))?,
            text_arg(&kw, "spending", word(lang, "Belanja", "Spending"))?,
            text_arg(
                &kw,
                "financing_in",
                word(lang, "Penerimaan pembiayaan", "Financing received"),
            )?,
            text_arg(
                &kw,
                "financing_out",
                word(lang, "Pengeluaran pembiayaan", "Financing spent"),
            )?,
        ];
        let parts = [
            budget.income,
            budget.spending,
            budget.financing_in,
            budget.financing_out,
        ];
        let parts: Vec<(&str, MoneyArg)> = names
            .iter()
            .map(String::as_str)
            .zip(parts)
            .filter_map(|(name, m)| m.map(|m| (name, m)))
            .filter(|(_, m)| m.planned.is_some() || m.realized.is_some())
            .collect();
        Ok(budget_chart(&parts, &id, &title, &planned, &realized))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

fn budget_chart(
    parts: &[(&str, MoneyArg)],
    id: &str,
    title: &str,
    planned: &str,
    realized: &str,
) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let money = |v: Option<i64>| v.map_or_else(|| "–".to_string(), format::rupiah);
    let groups: Vec<Group> = parts
        .iter()
        .map(|(name, m)| Group {
            label: name.to_string(),
            bars: vec![
                Bar {
                    value: m.planned.map(i128::from),
                    text: money(m.planned),
                    style: Style::Outline,
                },
                Bar {
                    value: m.realized.map(i128::from),
                    text: money(m.realized),
                    style: Style::Solid,
                },
            ],
        })
        .collect();
    let desc = sentence(parts.iter().map(|(name, m)| {
        format!(
            "{name}: {planned} {}, {realized} {}",
            money(m.planned),
            money(m.realized)
        )
    }));
    let legend = [(planned, Style::Outline), (realized, Style::Solid)];
    svg(&bars_layout(&groups, &legend, true), id, title, &desc)
}

/// Registers `stat_chart` and `budget_chart`.
pub fn register(tera: &mut Tera, lang: Lang) {
    tera.register_function("stat_chart", StatChart(lang));
    tera.register_function("budget_chart", BudgetChart(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape inside the box, no negative size, and no two texts
    /// (nor a text and a bar) on top of each other.
    fn assert_tidy(d: &Drawing) {
        let eps = 0.01;
        for s in &d.shapes {
            let (x0, y0, x1, y1) = s.bounds();
            assert!(x1 >= x0 && y1 >= y0, "negative size: {s:?}");
            if let Shape::Rect { w, h, .. } = s {
                assert!(*w >= 0.0 && *h >= 0.0, "{s:?}");
            }
            assert!(
                x0 >= -eps && x1 <= W + eps && y0 >= -eps && y1 <= d.height + eps,
                "outside the box ({} high): {s:?}",
                d.height
            );
        }
        for (i, a) in d.shapes.iter().enumerate() {
            for b in &d.shapes[i + 1..] {
                if matches!((a, b), (Shape::Rect { .. }, Shape::Rect { .. })) {
                    continue;
                }
                let (a0, a1) = (a.bounds(), b.bounds());
                let apart = a0.2 <= a1.0 + eps
                    || a1.2 <= a0.0 + eps
                    || a0.3 <= a1.1 + eps
                    || a1.3 <= a0.1 + eps;
                assert!(apart, "overlap:\n{a:?}\n{b:?}");
            }
        }
    }

    fn group(label: &str, values: &[i128]) -> Group {
        Group {
            label: label.into(),
            bars: values
                .iter()
                .map(|&v| Bar {
                    value: Some(v),
                    text: format::integer(v, Lang::Id),
                    style: Style::Solid,
                })
                .collect(),
        }
    }

    #[test]
    fn scale_is_never_negative_and_zero_max_draws_nothing() {
        assert_eq!(scale(5, 0, 300.0), 0.0);
        assert_eq!(scale(0, 0, 300.0), 0.0);
        assert_eq!(scale(-5, 10, 300.0), 0.0);
        assert_eq!(scale(10, 10, 300.0), 300.0);
        assert_eq!(scale(5, 10, 300.0), 150.0);
        assert_eq!(scale(1, 1_000_000, 300.0), 1.0, "a small value still shows");
        assert_eq!(scale(5, 10, -3.0), 0.0);
        assert_eq!(scale(i128::MAX, i128::MAX, 300.0), 300.0);
    }

    #[test]
    fn bars_all_zero_and_negative() {
        let d = bars_layout(&[group("Nol", &[0]), group("Minus", &[-50])], &[], false);
        assert!(d.shapes.iter().all(|s| !matches!(s, Shape::Rect { .. })));
        assert_tidy(&d);
        let d = bars_layout(&[group("A", &[-50, 20]), group("B", &[0, 40])], &[], true);
        assert_tidy(&d);
    }

    #[test]
    fn long_labels_wrap_and_huge_values_fit() {
        let long = "Akademi/Diploma III/Sarjana Muda dan pendidikan lain yang sederajat menurut data kependudukan desa";
        let d = bars_layout(
            &[
                group(long, &[38]),
                group(&"x".repeat(300), &[1]),
                group("Strata III", &[0]),
                group("Petani", &[i64::MAX as i128]),
            ],
            &[
                (
                    "Anggaran tahun berjalan yang sangat panjang",
                    Style::Outline,
                ),
                ("Realisasi", Style::Solid),
            ],
            false,
        );
        assert_tidy(&d);
        let lines = wrap(long, LABEL, false, W);
        assert!(lines.len() > 1 && lines.len() <= MAX_LINES, "{lines:?}");
        let cut = wrap(&"kata ".repeat(200), LABEL, false, W);
        assert_eq!(cut.len(), MAX_LINES);
        assert!(cut[MAX_LINES - 1].ends_with('…'));
        assert_eq!(wrap("", LABEL, false, W), vec![String::new()]);
        // A width too small for one character still makes progress.
        assert_eq!(wrap("abc", LABEL, false, 1.0).len(), 3);
    }

    #[test]
    fn pyramid_geometry() {
        let rows: Vec<PyramidRow> = [
            ("0–4 tahun", 118, 112),
            ("75 tahun ke atas dan seterusnya sampai tua sekali", 41, 42),
            ("Nol", 0, 0),
            ("Besar", u64::MAX, u64::MAX / 3),
        ]
        .iter()
        .map(|&(l, m, f)| PyramidRow {
            label: l.into(),
            male: m,
            female: f,
        })
        .collect();
        assert_tidy(&pyramid_layout(&rows, "Laki-laki", "Perempuan", Lang::Id));
        assert_tidy(&pyramid_layout(&rows[..1], "Male", "Female", Lang::En));
        let zero = [PyramidRow {
            label: "Kosong".into(),
            male: 0,
            female: 0,
        }];
        assert_tidy(&pyramid_layout(
            &zero,
            &"L".repeat(400),
            &"P".repeat(400),
            Lang::Id,
        ));
        let empty = pyramid_layout(&[], "L", "P", Lang::Id);
        assert_tidy(&empty);
    }

    #[test]
    fn markup_escapes_text_and_names_itself() {
        let rows = vec![RowArg {
            label: "<b>\"A&B\"</b>\u{1}".into(),
            male: None,
            female: None,
            total: 3,
        }];
        let s = stat_chart(&rows, "9 x", "Judul <&>", "L", "P", Lang::Id);
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(
            s.contains("<title id=\"grafik-9-x-t\">Judul &lt;&amp;&gt;</title>"),
            "{s}"
        );
        assert!(s.contains("aria-labelledby=\"grafik-9-x-t\""));
        assert!(
            s.contains("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;</text>"),
            "{s}"
        );
        assert!(!s.contains('\u{1}'));
        assert!(!s.contains("<script"));
        assert_eq!(stat_chart(&[], "a", "b", "L", "P", Lang::Id), "");
    }

    #[test]
    fn pyramid_stands_on_the_youngest() {
        assert!(youngest_first(
            ["0–4 tahun", "5–9", "75 tahun ke atas"].into_iter()
        ));
        assert!(!youngest_first(["75+", "0–4"].into_iter()));
        assert!(!youngest_first(["Balita", "Lansia"].into_iter()));
        assert!(!youngest_first(std::iter::empty()));
        assert!(!youngest_first(
            ["99999999999999999999999 tahun", "1"].into_iter()
        ));
    }

    #[test]
    fn kind_of_chart() {
        let kind =
            |rows: &[(&'static str, Option<u64>, Option<u64>)]| chart_kind(rows.iter().copied());
        assert_eq!(
            kind(&[("0–4 tahun", Some(1), Some(2)), ("75+", Some(0), Some(0))]),
            Kind::Pyramid
        );
        assert_eq!(
            kind(&[("Islam", Some(1), Some(2)), ("Kristen", Some(0), Some(0))]),
            Kind::Pairs
        );
        assert_eq!(
            kind(&[("0–4", Some(1), Some(2)), ("5–9", None, Some(0))]),
            Kind::Bars
        );
        assert_eq!(kind(&[("Petani", None, None)]), Kind::Bars);
        assert_eq!(kind(&[]), Kind::Bars);
        assert_eq!(Kind::Pairs.name(), "pairs");
    }

    #[test]
    fn budget_bars_in_rupiah() {
        let parts = [
            (
                "Pendapatan",
                MoneyArg {
                    planned: Some(2_147_350_000),
                    realized: Some(2_139_800_000),
                },
            ),
            (
                "Pengeluaran pembiayaan",
                MoneyArg {
                    planned: Some(0),
                    realized: None,
                },
            ),
        ];
        let s = budget_chart(
            &parts,
            "apbdes-2025",
            "APBDes 2025",
            "Anggaran",
            "Realisasi",
        );
        assert!(s.contains(">Rp2.147.350.000</text>"), "{s}");
        assert!(s.contains("Pendapatan: Anggaran Rp2.147.350.000, Realisasi Rp2.139.800.000; "));
        assert!(s.contains(">–</text>"));
        assert_eq!(budget_chart(&[], "a", "b", "c", "d"), "");
    }
}
