//! How the index's files write numbers, postings and text: compact for
//! gzip, and read by `cari.js` without a JSON parse of every number (see
//! [`super::files`] for the format).

use super::LEVELS;
use super::docs::Doc;

/// The digits of the numbers: the first 32 end a number, the last 32
/// continue it.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Summaries in the index are cut to about this many characters.
const SUMMARY_CHARS: usize = 140;

/// One document's entry in `d`.
pub fn push_doc(out: &mut String, doc: &Doc) {
    out.push('[');
    push_json_string(out, &doc.path);
    out.push(',');
    push_json_string(out, &doc.title);
    out.push(',');
    push_json_string(out, &doc.date);
    out.push_str(&format!(",{},", doc.label));
    push_json_string(out, &short(&doc.summary, SUMMARY_CHARS));
    if let Some(village) = doc.village {
        out.push_str(&format!(",{village}"));
    }
    out.push(']');
}

pub fn push_postings(out: &mut String, list: &[(u32, u8)]) {
    let mut next = 0u32;
    for &(id, level) in list {
        let gap = id.saturating_sub(next);
        push_number(out, gap * LEVELS + u32::from(level));
        next = id + 1;
    }
}

/// `v` in base 32 with [`DIGITS`], most significant group first.
pub fn push_number(out: &mut String, mut v: u32) {
    let mut groups = [0u8; 7];
    let mut n = 0;
    loop {
        groups[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let more = if i > 0 { 32 } else { 0 };
        out.push(char::from(DIGITS[usize::from(groups[i] + more)]));
    }
}

/// The numbers of a `p` or `f` string, as `cari.js` reads them.
pub fn decode_numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v = 0u32;
    for b in s.bytes() {
        let Some(d) = DIGITS.iter().position(|&x| x == b) else {
            continue;
        };
        v = v.wrapping_mul(32).wrapping_add(d as u32 & 31);
        if d < 32 {
            out.push(v);
            v = 0;
        }
    }
    out
}

/// The decoded postings of one stem, as `cari.js` reads them:
/// (document, level).
pub fn decode_postings(s: &str) -> Vec<(u32, u8)> {
    let mut next = 0u32;
    decode_numbers(s)
        .into_iter()
        .map(|v| {
            let id = next.wrapping_add(v / LEVELS);
            next = id.wrapping_add(1);
            (id, (v % LEVELS) as u8)
        })
        .collect()
}

/// `s` as a JSON string literal.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    push_json_chars(out, s);
    out.push('"');
}

/// `s` escaped for inside a JSON string. U+2028 and U+2029 are escaped
/// too: older JavaScript engines end a line at them, even in a string.
pub fn push_json_chars(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// `s` cut to about `max` characters at a word, with an ellipsis.
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', '…']))
}

#[cfg(test)]
mod tests {
    use super::{decode_numbers, decode_postings, push_number, push_postings, short};

    #[test]
    fn postings_round_trip() {
        let list = vec![(0, 7), (1, 0), (2, 3), (40, 5), (5000, 1)];
        let mut s = String::new();
        push_postings(&mut s, &list);
        assert_eq!(&s[..3], "703", "one character each for neighbours");
        assert_eq!(decode_postings(&s), list);
        let mut big = String::new();
        push_number(&mut big, u32::MAX);
        assert_eq!(decode_numbers(&big), [u32::MAX]);
        assert!(decode_postings("").is_empty());
        assert!(!s.contains(' ') && !s.contains('"'));
    }

    #[test]
    fn summaries_are_cut_at_words() {
        assert_eq!(short("pendek", 10), "pendek");
        assert_eq!(short("satu dua tiga empat", 12), "satu dua…");
    }
}
