//! The search index behind `/cari/`: search with no server.
//!
//! A static host runs no code, so the site ships its index as one
//! JavaScript file, `/cari/index.js`, and the theme's `cari.js` searches it
//! in the reader's browser. It is loaded with a `<script>` element, not
//! fetched, because browsers refuse `fetch` on `file://` and a portable
//! copy of the site (a USB stick, a phone's file manager) must search too.
//!
//! # What is indexed
//!
//! Every post (newest first) and then every standalone page is one
//! document, numbered from 0 in that order. Its words are [`text::words`]
//! (case and diacritics folded), less [`text::STOPWORDS`], each reduced to
//! its stem by [`stem::stem`] (`pembangunan` → `bangun`). Title, category
//! name and tags are the *strong* field; summary and body the *weak* one.
//!
//! # The file
//!
//! ```js
//! window.WARTA_CARI={"v":1,
//!  "c":["Kesehatan","Pembangunan"],            // category names
//!  "s":"ada adalah agar …",                    // stopwords, space-separated
//!  "d":[["berita/posyandu-krajan/","Posyandu …","26 Agustus 2025",0,"Sebanyak 64 …"],…],
//!  "w":"2025 ajar ambil bangun …",             // stems, sorted, space-separated
//!  "p":"0Ag 3 …"};                             // postings of each stem, space-separated
//! ```
//!
//! - `d`: one array per document: URL path below the site root (no
//!   leading slash, so `cari.js` can put it under the root it finds for
//!   itself, on a host or on `file://`), title, date as the site prints it
//!   (`""` for a page), index into `c` (`-1` for none), a short summary.
//! - `w`: every stem, sorted by UTF-16 code units (JavaScript's string
//!   order), so `cari.js` finds a word, or every word starting with what is
//!   being typed, by binary search without building an object of 30,000
//!   keys.
//! - `p`: for the *i*-th stem of `w`, the documents that contain it, in
//!   increasing order. Each is one number, `gap × 2 + strong`, where `gap`
//!   is the distance from the previous document less one (the first is
//!   its own number) and `strong` is 1 when the word is in the title,
//!   category or tags. Numbers are written in base 32, most significant
//!   group first, with the digits `0`–`9A`–`V` ending a number and
//!   `W`–`Z`, `a`–`z`, `-`, `_` continuing it: a word in consecutive
//!   documents costs one character a document.
//!
//! No positions and no counts are kept: ranking only needs title hits
//! over body hits, then newer first. Stopwords are listed so that
//! `cari.js` drops them from a query as the index dropped them from the
//! text. `v` changes when the format does.

pub mod stem;
pub mod text;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::format;
use crate::model::{Model, Post};

pub use stem::stem;
pub use text::{each_word, fold, is_stopword, words};

/// The format's version, `v` in the file.
pub const FORMAT: u32 = 1;

/// Summaries in the index are cut to about this many characters.
const SUMMARY_CHARS: usize = 140;

/// The digits of the postings: the first 32 end a number, the last 32
/// continue it.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The search terms of `text`: stems of its words, without stopwords.
pub fn terms(text: &str) -> impl Iterator<Item = String> {
    words(text).filter(|w| !is_stopword(w)).map(|w| stem(&w))
}

/// The text of `/cari/index.js` for the whole site.
pub fn index_js(model: &Model) -> String {
    let docs: Vec<&Post> = model
        .posts
        .iter()
        .chain(&model.pages)
        .map(|p| &**p)
        .collect();
    let postings = invert(model, &docs);
    let mut out = String::with_capacity(docs.len() * 300 + postings.len() * 16);
    out.push_str(&format!("window.WARTA_CARI={{\"v\":{FORMAT},\"c\":["));
    for (i, c) in model.categories.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, &c.name);
    }
    out.push_str("],\"s\":");
    push_json_string(&mut out, &text::STOPWORDS.join(" "));
    out.push_str(",\"d\":[");
    for (i, post) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_doc(&mut out, model, post);
    }
    out.push_str("],\"w\":\"");
    for (i, (stem, _)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_json_chars(&mut out, stem);
    }
    out.push_str("\",\"p\":\"");
    for (i, (_, list)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_postings(&mut out, list);
    }
    out.push_str("\"};\n");
    out
}

/// One document's entry in `d`.
fn push_doc(out: &mut String, model: &Model, post: &Post) {
    out.push('[');
    push_json_string(out, &post.path);
    out.push(',');
    push_json_string(out, &post.title);
    out.push(',');
    let date = post
        .date
        .map(|d| format::date_medium(d.at.date_naive(), model.config.language))
        .unwrap_or_default();
    push_json_string(out, &date);
    let category = post
        .category
        .as_deref()
        .and_then(|k| model.categories.iter().position(|c| c.key == k));
    out.push_str(&format!(",{},", category.map_or(-1, |c| c as i64)));
    push_json_string(out, &short(&post.summary, SUMMARY_CHARS));
    out.push(']');
}

/// Fx hashing, for the maps below: they hash short words millions of
/// times, and a site's own text needs no protection against chosen keys.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    // Eight bytes at a time, as rustc's FxHasher does.
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
            h = (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        self.0 = h;
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Stems and their documents, for a run of consecutive documents.
#[derive(Default)]
struct Inverted {
    /// Each stem and its documents.
    lists: Vec<(String, Vec<(u32, bool)>)>,
    /// Stem → its place in `lists`.
    stems: FxMap<String, u32>,
    /// Folded word → its stem's place in `lists` ([`STOP`] for a
    /// stopword): a word is stemmed once per run and then costs one
    /// lookup, however often it is used.
    words: FxMap<String, u32>,
}

const STOP: u32 = u32::MAX;

impl Inverted {
    fn add_doc(&mut self, model: &Model, id: u32, post: &Post) {
        self.add_text(id, &post.title, true);
        if let Some(c) = post.category.as_deref().and_then(|k| model.category(k)) {
            self.add_text(id, &c.name, true);
        }
        for tag in &post.tags {
            self.add_text(id, tag, true);
        }
        self.add_text(id, &post.summary, false);
        self.add_text(id, &html_text(&post.body.html), false);
    }

    fn add_text(&mut self, id: u32, text: &str, strong: bool) {
        let Inverted {
            lists,
            stems,
            words,
        } = self;
        each_word(text, |w| {
            let slot = match words.get(w) {
                Some(&slot) => slot,
                None => {
                    let slot = if is_stopword(w) {
                        STOP
                    } else {
                        slot_of(lists, stems, stem(w))
                    };
                    words.insert(w.to_string(), slot);
                    slot
                }
            };
            if slot == STOP {
                return;
            }
            let list = &mut lists[slot as usize].1;
            match list.last_mut() {
                Some(last) if last.0 == id => last.1 |= strong,
                _ => list.push((id, strong)),
            }
        });
    }

    /// `later`'s documents all come after this one's.
    fn append(mut self, later: Inverted) -> Inverted {
        for (stem, list) in later.lists {
            let slot = slot_of(&mut self.lists, &mut self.stems, stem);
            self.lists[slot as usize].1.extend(list);
        }
        self
    }
}

/// The place of `stem` in `lists`, made when new.
fn slot_of(
    lists: &mut Vec<(String, Vec<(u32, bool)>)>,
    stems: &mut FxMap<String, u32>,
    stem: String,
) -> u32 {
    if let Some(&slot) = stems.get(&stem) {
        return slot;
    }
    let slot = lists.len() as u32;
    stems.insert(stem.clone(), slot);
    lists.push((stem, Vec::new()));
    slot
}

/// Stem → (document, strong) in increasing document order, the stems
/// sorted as JavaScript compares strings.
fn invert(model: &Model, docs: &[&Post]) -> Vec<(String, Vec<(u32, bool)>)> {
    let inverted = docs
        .par_iter()
        .enumerate()
        .fold(Inverted::default, |mut acc, (id, post)| {
            acc.add_doc(model, id as u32, post);
            acc
        })
        // Each fold covers consecutive documents and reduce keeps their
        // order, so appending keeps every list increasing.
        .reduce(Inverted::default, Inverted::append);
    let mut all = inverted.lists;
    all.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    all
}

fn push_postings(out: &mut String, list: &[(u32, bool)]) {
    let mut next = 0u32;
    for &(id, strong) in list {
        let gap = id.saturating_sub(next);
        push_number(out, gap * 2 + u32::from(strong));
        next = id + 1;
    }
}

/// `v` in base 32 with [`DIGITS`], most significant group first.
fn push_number(out: &mut String, mut v: u32) {
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

/// The decoded postings of one stem, as `cari.js` reads them.
pub fn decode_postings(s: &str) -> Vec<(u32, bool)> {
    let mut out = Vec::new();
    let (mut v, mut next) = (0u32, 0u32);
    for b in s.bytes() {
        let Some(d) = DIGITS.iter().position(|&x| x == b) else {
            continue;
        };
        v = v.wrapping_mul(32).wrapping_add(d as u32 & 31);
        if d < 32 {
            let id = next.wrapping_add(v >> 1);
            out.push((id, v & 1 == 1));
            next = id.wrapping_add(1);
            v = 0;
        }
    }
    out
}

/// `s` as a JSON string literal.
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    push_json_chars(out, s);
    out.push('"');
}

/// `s` escaped for inside a JSON string. U+2028 and U+2029 are escaped
/// too: older JavaScript engines end a line at them, even in a string.
fn push_json_chars(out: &mut String, s: &str) {
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

/// The text of an HTML fragment (a rendered post body): tags become
/// spaces, entities are decoded, `<script>` and `<style>` are dropped.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let starts_ci = |s: &str, p: &str| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    while let Some(at) = rest.bytes().position(|b| b == b'<' || b == b'&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let skip_to = if starts_ci(rest, "<script") {
                "</script>"
            } else if starts_ci(rest, "<style") {
                "</style>"
            } else {
                ">"
            };
            let end = find_ascii_ci(rest, skip_to).map_or(rest.len(), |e| e + skip_to.len());
            rest = &rest[end..];
            out.push(' ');
        } else {
            let (c, used) = entity(rest);
            out.push_str(c);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    out
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// The entity at the start of `s` (which starts with `&`): its text and
/// how many bytes it took. Entities other than the common ones read as a
/// space, which is all a word splitter needs.
fn entity(s: &str) -> (&'static str, usize) {
    let name_len = s[1..]
        .bytes()
        .take(10)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    let end = 1 + name_len;
    if name_len == 0 || s.as_bytes().get(end) != Some(&b';') {
        return ("&", 1);
    }
    let text = match &s[1..end] {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "#39" | "#x27" | "apos" | "rsquo" | "lsquo" => "'",
        "shy" | "#173" | "#xad" => "",
        _ => " ",
    };
    (text, end + 1)
}

#[cfg(test)]
mod tests {
    use super::{decode_postings, html_text, push_number, push_postings, short, terms};

    #[test]
    fn postings_round_trip() {
        let list = vec![(0, true), (1, false), (2, false), (40, true), (5000, false)];
        let mut s = String::new();
        push_postings(&mut s, &list);
        assert_eq!(&s[..3], "100", "one character each for neighbours");
        assert_eq!(decode_postings(&s), list);
        let mut big = String::new();
        push_number(&mut big, u32::MAX);
        assert_eq!(decode_postings(&big).len(), 1);
        assert!(decode_postings("").is_empty());
        assert!(!s.contains(' ') && !s.contains('"'));
    }

    #[test]
    fn body_text_from_html() {
        assert_eq!(
            html_text("<p>Jum&#39;at <b>pagi</b>&amp;sore<script>x=1</script>.</p>"),
            " Jum'at  pagi &sore . "
        );
        assert_eq!(html_text("a &nbsp b & c &copy; d"), "a &nbsp b & c   d");
        assert_eq!(html_text("<p"), " ");
    }

    #[test]
    fn terms_are_stems_without_stopwords() {
        let t: Vec<String> = terms("Pembangunan jalan yang dibangun oleh warga").collect();
        assert_eq!(t, ["bangun", "jalan", "bangun", "warga"]);
    }

    #[test]
    fn summaries_are_cut_at_words() {
        assert_eq!(short("pendek", 10), "pendek");
        assert_eq!(short("satu dua tiga empat", 12), "satu dua…");
    }
}
