//! A [`Drawing`] as SVG markup: every text escaped, ids made safe.

use std::fmt::Write as _;

use super::{AMBER, Anchor, Drawing, INK, LABEL, MAX_WIDTH, PALE, Shape, Style, TEAL, W};

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
pub(super) fn clean_id(id: &str) -> String {
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
pub(super) fn n(v: f64) -> String {
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
        shape_markup(&mut s, shape);
    }
    s.push_str("</svg>");
    s
}

/// One shape's element.
fn shape_markup(s: &mut String, shape: &Shape) {
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
