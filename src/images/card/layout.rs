//! Where a card's words go: a title broken into lines that fit the card,
//! at the largest of two sizes that holds it in three lines, with an
//! ellipsis when even the smaller one does not. Pure: text and a font in,
//! lines out.

use ab_glyph::{Font, PxScale, ScaleFont};

/// Title sizes tried, largest first (pixels, ab_glyph's ascent-to-descent
/// height), and at most how many lines each may take.
pub const TITLE_SIZES: [f32; 2] = [64.0, 52.0];
pub const TITLE_LINES: usize = 3;

const ELLIPSIS: char = '…';

/// The width of `text` on one line, kerning included.
pub fn measure<F: Font>(font: &F, scale: PxScale, text: &str) -> f32 {
    let sf = font.as_scaled(scale);
    let mut width = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            width += sf.kern(p, id);
        }
        width += sf.h_advance(id);
        prev = Some(id);
    }
    width
}

/// `text` broken into lines no wider than `width`: words kept whole
/// unless one alone is wider than a line. `Ok` when it takes at most
/// `max_lines` lines; otherwise `Err` with the first `max_lines`, the
/// last one cut and ended with "…".
pub fn wrap<F: Font>(
    font: &F,
    scale: PxScale,
    text: &str,
    width: f32,
    max_lines: usize,
) -> Result<Vec<String>, Vec<String>> {
    let fits = |s: &str| measure(font, scale, s) <= width;
    let mut lines = crate::format::break_lines(text, fits);
    if lines.len() <= max_lines {
        return Ok(lines);
    }
    lines.truncate(max_lines.max(1));
    if let Some(last) = lines.last_mut() {
        *last = ellipsize(last, &fits);
    }
    Err(lines)
}

/// `line` cut until it fits with "…" after it, without a space or a
/// comma left before the "…".
fn ellipsize(line: &str, fits: &impl Fn(&str) -> bool) -> String {
    let mut cut = line.trim_end().to_string();
    while !cut.is_empty() && !fits(&format!("{cut}{ELLIPSIS}")) {
        cut.pop();
    }
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",.;:-–".contains(c));
    format!("{cut}{ELLIPSIS}")
}

/// The title's lines and size: the largest size that holds it in
/// [`TITLE_LINES`] lines, else the smallest, cut with an ellipsis.
pub fn fit_title<F: Font>(font: &F, title: &str, width: f32) -> (PxScale, Vec<String>) {
    let mut last = (PxScale::from(TITLE_SIZES[0]), Vec::new());
    for size in TITLE_SIZES {
        let scale = PxScale::from(size);
        match wrap(font, scale, title, width, TITLE_LINES) {
            Ok(lines) => return (scale, lines),
            Err(lines) => last = (scale, lines),
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use ab_glyph::PxScale;

    use super::{TITLE_LINES, fit_title, measure, wrap};
    use crate::images::card::font;

    #[test]
    fn short_titles_stay_large_and_long_ones_shrink_then_end_with_an_ellipsis() {
        let f = font();
        let (scale, lines) = fit_title(f, "Posyandu Krajan", 1040.0);
        assert_eq!(
            (scale.x, lines),
            (64.0, vec!["Posyandu Krajan".to_string()])
        );

        let title = "Musyawarah desa membahas rencana kerja pemerintah desa tahun 2027 \
                     bersama BPD dan tokoh masyarakat";
        let (scale, lines) = fit_title(f, title, 1040.0);
        assert_eq!(scale.x, 52.0, "{lines:?}");
        assert!(lines.len() <= TITLE_LINES);
        assert_eq!(
            lines.join(" "),
            title.split_whitespace().collect::<Vec<_>>().join(" ")
        );

        let long = "kata ".repeat(80);
        let (_, lines) = fit_title(f, &long, 1040.0);
        assert_eq!(lines.len(), TITLE_LINES);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(measure(f, PxScale::from(52.0), line) <= 1040.0, "{line}");
        }
    }

    #[test]
    fn a_word_wider_than_the_card_is_cut_and_nothing_overflows() {
        let f = font();
        let scale = PxScale::from(64.0);
        let word = "https://desa-sukamaju.example.org/berita/panjang-sekali-alamatnya";
        let lines = match wrap(f, scale, word, 500.0, 9) {
            Ok(l) | Err(l) => l,
        };
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        for line in &lines {
            assert!(measure(f, scale, line) <= 500.0, "{line}");
        }
        assert_eq!(wrap(f, scale, "  ", 500.0, 3), Ok(Vec::new()));
        // Indonesian text is Latin: every letter has a glyph of its own.
        assert!(measure(f, scale, "Kecamatan Sukamaju: Rp 1.250.000") > 0.0);
    }
}
