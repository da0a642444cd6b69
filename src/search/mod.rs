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
//! The documents of [`docs::documents`], numbered from 0 in that order
//! (posts newest first). Their words are [`text::words`] (case and
//! diacritics folded), less [`text::STOPWORDS`], each reduced to its stem
//! by [`stem::analyse`] (`pembangunan` → `bangun`), with the readings the
//! site's own vocabulary chose ([`vocab::Choices`]).
//!
//! # Ranking
//!
//! BM25F (Robertson & Zaragoza, *The Probabilistic Relevance Framework*,
//! 2009): for each stem and document, the occurrences in the title, the
//! summary (with category and tags), the headings and the rest of the body
//! are weighed (`FIELDS`) and each normalised by the field's length
//! against its mean, then saturated, `t / (K1 + t)`, and kept as one of 8
//! levels. `cari.js` multiplies the level by the stem's rarity,
//! `ln(1 + (N − df + ½) / (df + ½))`, which is nearly nothing for a word
//! on nearly every page (the village's or the KIM's name), and adds over
//! the query's words; the date only breaks ties.
//!
//! # The file
//!
//! ```js
//! window.WARTA_CARI={"v":2,
//!  "c":["Kesehatan","Pembangunan","Produk",…], // labels
//!  "s":"ada adalah agar …",                    // stopwords, space-separated
//!  "a":"g:elola n:ilai …",                     // readings chosen by the site
//!  "d":[["berita/posyandu-krajan/","Posyandu …","26 Agustus 2025",0,"Sebanyak 64 …"],…],
//!  "w":"2025 ajar ambil bangun …",             // stems, sorted, space-separated
//!  "p":"0Ag 3 …"};                             // postings of each stem, space-separated
//! ```
//!
//! - `d`: one array per document: URL path below the site root (no
//!   leading slash, so `cari.js` can put it under the root it finds for
//!   itself, on a host or on `file://`), title, date as the site prints it
//!   (`""` for a page), index into `c` (`-1` for none), a short summary.
//! - `a`: the keys of [`vocab::Choices`] that take their second reading.
//! - `w`: every stem, sorted by UTF-16 code units (JavaScript's string
//!   order), so `cari.js` finds a word, or every word starting with what is
//!   being typed, by binary search without building an object of 30,000
//!   keys.
//! - `p`: for the *i*-th stem of `w`, the documents that contain it, in
//!   increasing order. Each is one number, `gap × 8 + level`, where `gap`
//!   is the distance from the previous document less one (the first is
//!   its own number) and `level` (0–7) the stem's weight in it. Numbers
//!   are written in base 32, most significant group first, with the
//!   digits `0`–`9A`–`V` ending a number and `W`–`Z`, `a`–`z`, `-`, `_`
//!   continuing it.
//!
//! `v` changes when the format does.

pub mod docs;
pub mod html;
pub mod stem;
pub mod text;
pub mod vocab;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::model::Model;

pub use html::html_text;
pub use stem::stem;
pub use text::{each_word, fold, is_stopword, words};
pub use vocab::Choices;

use docs::Doc;

/// The format's version, `v` in the file.
pub const FORMAT: u32 = 2;

/// Summaries in the index are cut to about this many characters.
const SUMMARY_CHARS: usize = 140;

/// BM25F: each field's weight and length normalisation `b`, in the order
/// title, summary (with category and tags: writers tag loosely, so a tag
/// weighs as the summary does, not as the title), headings, body.
const FIELDS: [(f64, f64); 4] = [(20.0, 0.3), (4.0, 0.5), (3.0, 0.5), (1.0, 0.75)];
/// BM25's saturation: the weighed count at which a stem is half as
/// strong as it can be.
const K1: f64 = 2.5;
/// Levels a stem's weight in a document is kept as.
const LEVELS: u32 = 8;

/// The digits of the postings: the first 32 end a number, the last 32
/// continue it.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Occurrences of a word in one document, by field.
type Counts = [u16; 4];

/// A stem and its documents, each with the stem's level there.
type Postings = (String, Vec<(u32, u8)>);

/// The text of `/cari/index.js` for the whole site.
pub fn index_js(model: &Model) -> String {
    let docs = docs::documents(model);
    let (choices, postings) = invert(&docs);
    let mut out = String::with_capacity(docs.len() * 300 + postings.len() * 16);
    out.push_str(&format!("window.WARTA_CARI={{\"v\":{FORMAT},\"c\":["));
    for (i, label) in docs::labels(model).iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, label);
    }
    out.push_str("],\"s\":");
    push_json_string(&mut out, &text::STOPWORDS.join(" "));
    out.push_str(",\"a\":");
    push_json_string(&mut out, &choices.keys().join(" "));
    out.push_str(",\"d\":[");
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_doc(&mut out, doc);
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
fn push_doc(out: &mut String, doc: &Doc) {
    out.push('[');
    push_json_string(out, &doc.path);
    out.push(',');
    push_json_string(out, &doc.title);
    out.push(',');
    push_json_string(out, &doc.date);
    out.push_str(&format!(",{},", doc.label));
    push_json_string(out, &short(&doc.summary, SUMMARY_CHARS));
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

/// Folded words and the documents they occur in, for a run of
/// consecutive documents.
#[derive(Default)]
struct Inverted {
    /// Each word and, in increasing order, its documents and counts.
    lists: Vec<(String, Vec<(u32, Counts)>)>,
    /// Folded word → its place in `lists` ([`STOP`] for a stopword).
    words: FxMap<String, u32>,
    /// Each document's number of indexed words, by field.
    lengths: Vec<(u32, [u32; 4])>,
}

const STOP: u32 = u32::MAX;

impl Inverted {
    fn add_doc(&mut self, id: u32, doc: &Doc) {
        let mut len = [0u32; 4];
        len[0] = self.add_text(id, &doc.title, 0);
        len[1] = self.add_text(id, &doc.summary, 1);
        for k in &doc.keywords {
            len[1] += self.add_text(id, k, 1);
        }
        len[2] = self.add_text(id, &doc.headings, 2);
        len[3] = self.add_text(id, &doc.body, 3);
        self.lengths.push((id, len));
    }

    /// Adds the words of `text` to field `field` of document `id`; how
    /// many it indexed.
    fn add_text(&mut self, id: u32, text: &str, field: usize) -> u32 {
        let Inverted { lists, words, .. } = self;
        let mut n = 0;
        each_word(text, |w| {
            let slot = match words.get(w) {
                Some(&slot) => slot,
                None => {
                    let slot = if is_stopword(w) {
                        STOP
                    } else {
                        lists.push((w.to_string(), Vec::new()));
                        lists.len() as u32 - 1
                    };
                    words.insert(w.to_string(), slot);
                    slot
                }
            };
            if slot == STOP {
                return;
            }
            n += 1;
            let list = &mut lists[slot as usize].1;
            match list.last_mut() {
                Some(last) if last.0 == id => {
                    last.1[field] = last.1[field].saturating_add(1);
                }
                _ => {
                    let mut counts = [0; 4];
                    counts[field] = 1;
                    list.push((id, counts));
                }
            }
        });
        n
    }

    /// `later`'s documents all come after this one's.
    fn append(mut self, later: Inverted) -> Inverted {
        for (word, list) in later.lists {
            let slot = match self.words.get(&word) {
                Some(&slot) => slot,
                None => {
                    self.words.insert(word.clone(), self.lists.len() as u32);
                    self.lists.push((word, Vec::new()));
                    self.lists.len() as u32 - 1
                }
            };
            self.lists[slot as usize].1.extend(list);
        }
        self.lengths.extend(later.lengths);
        self
    }
}

/// The site's choices of readings, and stem → (document, level) in
/// increasing document order, the stems sorted as JavaScript compares
/// strings.
fn invert(docs: &[Doc]) -> (Choices, Vec<Postings>) {
    let inverted = docs
        .par_iter()
        .enumerate()
        .fold(Inverted::default, |mut acc, (id, doc)| {
            acc.add_doc(id as u32, doc);
            acc
        })
        // Each fold covers consecutive documents and reduce keeps their
        // order, so appending keeps every list increasing.
        .reduce(Inverted::default, Inverted::append);
    let vocabulary = inverted.lists.iter().map(|(w, list)| {
        let n: u32 = list
            .iter()
            .map(|(_, c)| c.iter().map(|&x| u32::from(x)).sum::<u32>())
            .sum();
        (w.as_str(), n)
    });
    let choices = Choices::from_vocabulary(vocabulary);
    let stems: Vec<String> = inverted
        .lists
        .par_iter()
        .map(|(w, _)| choices.stem(w))
        .collect();
    let mut by_stem: FxMap<&str, Vec<usize>> = FxMap::default();
    for (i, s) in stems.iter().enumerate() {
        by_stem.entry(s).or_default().push(i);
    }
    let norm = Norm::new(docs.len(), &inverted.lengths);
    let mut all: Vec<Postings> = by_stem
        .into_par_iter()
        .map(|(stem, words)| {
            let lists = words.iter().map(|&i| inverted.lists[i].1.as_slice());
            (stem.to_string(), norm.levels(merge(lists)))
        })
        .collect();
    all.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    (choices, all)
}

/// The lists of several words of one stem as one: counts added where
/// they share a document.
fn merge<'a>(lists: impl Iterator<Item = &'a [(u32, Counts)]>) -> Vec<(u32, Counts)> {
    let mut all: Vec<(u32, Counts)> = lists.flatten().copied().collect();
    all.sort_unstable_by_key(|(id, _)| *id);
    let mut out: Vec<(u32, Counts)> = Vec::with_capacity(all.len());
    for (id, counts) in all {
        match out.last_mut() {
            Some(last) if last.0 == id => {
                for (sum, n) in last.1.iter_mut().zip(counts) {
                    *sum = sum.saturating_add(n);
                }
            }
            _ => out.push((id, counts)),
        }
    }
    out
}

/// Field lengths, to weigh counts by BM25F.
struct Norm {
    lengths: Vec<[u32; 4]>,
    mean: [f64; 4],
}

impl Norm {
    fn new(n: usize, lengths: &[(u32, [u32; 4])]) -> Norm {
        let mut by_doc = vec![[0u32; 4]; n];
        let mut sum = [0f64; 4];
        for &(id, len) in lengths {
            by_doc[id as usize] = len;
            for f in 0..4 {
                sum[f] += f64::from(len[f]);
            }
        }
        let mean = sum.map(|s| (s / n.max(1) as f64).max(1.0));
        Norm {
            lengths: by_doc,
            mean,
        }
    }

    /// A stem's weight in a document, as a level from 0 to 7.
    fn level(&self, id: u32, counts: &Counts) -> u8 {
        let len = self.lengths[id as usize];
        let mut t = 0.0;
        for (f, &(weight, b)) in FIELDS.iter().enumerate() {
            if counts[f] > 0 {
                let norm = 1.0 - b + b * f64::from(len[f]) / self.mean[f];
                t += weight * f64::from(counts[f]) / norm;
            }
        }
        let saturated = t / (K1 + t);
        ((saturated * f64::from(LEVELS)) as u32).min(LEVELS - 1) as u8
    }

    fn levels(&self, list: Vec<(u32, Counts)>) -> Vec<(u32, u8)> {
        list.iter()
            .map(|(id, c)| (*id, self.level(*id, c)))
            .collect()
    }
}

fn push_postings(out: &mut String, list: &[(u32, u8)]) {
    let mut next = 0u32;
    for &(id, level) in list {
        let gap = id.saturating_sub(next);
        push_number(out, gap * LEVELS + u32::from(level));
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

/// The decoded postings of one stem, as `cari.js` reads them:
/// (document, level).
pub fn decode_postings(s: &str) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let (mut v, mut next) = (0u32, 0u32);
    for b in s.bytes() {
        let Some(d) = DIGITS.iter().position(|&x| x == b) else {
            continue;
        };
        v = v.wrapping_mul(32).wrapping_add(d as u32 & 31);
        if d < 32 {
            let id = next.wrapping_add(v / LEVELS);
            out.push((id, (v % LEVELS) as u8));
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

#[cfg(test)]
mod tests {
    use super::{Counts, Norm, decode_postings, merge, push_number, push_postings, short};

    #[test]
    fn postings_round_trip() {
        let list = vec![(0, 7), (1, 0), (2, 3), (40, 5), (5000, 1)];
        let mut s = String::new();
        push_postings(&mut s, &list);
        assert_eq!(&s[..3], "703", "one character each for neighbours");
        assert_eq!(decode_postings(&s), list);
        let mut big = String::new();
        push_number(&mut big, u32::MAX);
        assert_eq!(decode_postings(&big).len(), 1);
        assert!(decode_postings("").is_empty());
        assert!(!s.contains(' ') && !s.contains('"'));
    }

    #[test]
    fn words_of_one_stem_add_up() {
        let a: &[(u32, Counts)] = &[(0, [1, 0, 0, 0]), (3, [0, 0, 0, 2])];
        let b: &[(u32, Counts)] = &[(3, [0, 1, 0, 1]), (5, [0, 0, 1, 0])];
        assert_eq!(
            merge([a, b].into_iter()),
            [(0, [1, 0, 0, 0]), (3, [0, 1, 0, 3]), (5, [0, 0, 1, 0])]
        );
    }

    #[test]
    fn title_outweighs_body_and_repeats_saturate() {
        let norm = Norm::new(2, &[(0, [6, 20, 5, 300]), (1, [6, 20, 5, 300])]);
        let once_in_title = norm.level(0, &[1, 0, 0, 0]);
        let once_in_body = norm.level(0, &[0, 0, 0, 1]);
        let often_in_body = norm.level(0, &[0, 0, 0, 6]);
        assert!(
            once_in_title > often_in_body,
            "{once_in_title} {often_in_body}"
        );
        assert!(often_in_body > once_in_body);
        assert!(norm.level(0, &[9, 9, 9, 999]) == 7);
    }

    #[test]
    fn summaries_are_cut_at_words() {
        assert_eq!(short("pendek", 10), "pendek");
        assert_eq!(short("satu dua tiga empat", 12), "satu dua…");
    }
}
