//! How wide text is, estimated without a font file, and wrapping by it.

use super::MAX_LINES;

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
/// `MAX_LINES`, the last cut with "…". Always at least one line.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let fits = |s: &str| text_width(s, size, bold) <= max;
    let mut lines = crate::format::break_lines(text, fits);
    if lines.is_empty() {
        lines.push(String::new());
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
pub(super) fn fitting(size: f64, width: f64, room: f64) -> f64 {
    if width > room && width > 0.0 {
        size * room / width
    } else {
        size
    }
}
