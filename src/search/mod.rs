//! The search index behind `/cari/`: search with no server.
//!
//! A static host runs no code, so the site ships its index as JavaScript
//! files under `/cari/`, and the theme's `cari.js` searches them in the
//! reader's browser. They are loaded with `<script>` elements, not
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
//! # The files
//!
//! The index is cut into files so that a query loads only the few it
//! needs: see [`files`] for what each holds and when `cari.js` loads it.

pub mod docs;
pub mod encode;
pub mod files;
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

/// BM25F: each field's weight and length normalisation `b`, in the order
/// title, summary (with category and tags: writers tag loosely, so a tag
/// weighs as the summary does, not as the title), headings, body.
const FIELDS: [(f64, f64); 4] = [(20.0, 0.3), (4.0, 0.5), (3.0, 0.5), (1.0, 0.75)];
/// BM25's saturation: the weighed count at which a stem is half as
/// strong as it can be.
const K1: f64 = 2.5;
/// Levels a stem's weight in a document is kept as.
pub(crate) const LEVELS: u32 = 8;

/// Occurrences of a word in one document, by field.
type Counts = [u16; 4];

/// A stem and its documents, each with the stem's level there.
pub(crate) type Postings = (String, Vec<(u32, u8)>);

/// The files of the site's index: (path below the site root, text),
/// `cari/index.js` first (see [`files`]).
pub fn index_files(model: &Model) -> Vec<(String, String)> {
    let docs = docs::documents(model);
    let (choices, postings) = invert(&docs);
    files::write(model, &docs, &choices, &postings)
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
///
/// This is where indexing spends its time (every word of every page goes
/// through [`Inverted::add_text`]), so each word is looked up once, in a
/// map keyed by the word's bytes as a number when it is 16 bytes or
/// shorter (nearly every word: no string to follow and compare), and its
/// counts for the document being read are kept in a small list, handed to
/// the word's own list once the document is read.
#[derive(Default)]
struct Inverted {
    /// Each word and, in increasing order, its documents and counts.
    lists: Vec<(String, Vec<(u32, Counts)>)>,
    /// Folded word of up to 16 bytes, as [`short_key`] → its place in
    /// `lists` ([`STOP`] for a stopword).
    short: FxMap<u128, u32>,
    /// Longer folded words → their place in `lists` (or [`STOP`]).
    long: FxMap<String, u32>,
    /// Each document's number of indexed words, by field.
    lengths: Vec<(u32, [u32; 4])>,
    /// The words of the document being read: place in `lists`, counts.
    current: Vec<(u32, Counts)>,
    /// For each word of `lists`, the last document it was seen in and its
    /// place in `current` then.
    seen: Vec<(u32, u32)>,
}

const STOP: u32 = u32::MAX;

/// A word of up to 16 bytes as one number (the rest zeros: no word has a
/// zero byte).
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
}

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
        for (slot, counts) in self.current.drain(..) {
            self.lists[slot as usize].1.push((id, counts));
        }
    }

    /// The place of `word` in `lists`, added if new ([`STOP`] for a
    /// stopword).
    fn slot(&mut self, word: &str) -> u32 {
        let key = short_key(word);
        let found = match key {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        };
        if let Some(&slot) = found {
            return slot;
        }
        let slot = if is_stopword(word) {
            STOP
        } else {
            self.lists.push((word.to_string(), Vec::new()));
            self.seen.push((u32::MAX, 0));
            self.lists.len() as u32 - 1
        };
        match key {
            Some(k) => self.short.insert(k, slot),
            None => self.long.insert(word.to_string(), slot),
        };
        slot
    }

    /// Adds the words of `text` to field `field` of document `id`; how
    /// many it indexed.
    fn add_text(&mut self, id: u32, text: &str, field: usize) -> u32 {
        let mut n = 0;
        each_word(text, |w| {
            let slot = self.slot(w);
            if slot == STOP {
                return;
            }
            n += 1;
            let seen = &mut self.seen[slot as usize];
            if seen.0 == id {
                let counts = &mut self.current[seen.1 as usize].1;
                counts[field] = counts[field].saturating_add(1);
            } else {
                *seen = (id, self.current.len() as u32);
                let mut counts = [0; 4];
                counts[field] = 1;
                self.current.push((slot, counts));
            }
        });
        n
    }

    /// `later`'s documents all come after this one's.
    fn append(mut self, later: Inverted) -> Inverted {
        for (word, list) in later.lists {
            let slot = self.slot(&word);
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

#[cfg(test)]
mod tests {
    use super::{Counts, Inverted, Norm, merge};
    use crate::search::docs::Doc;

    #[test]
    fn words_are_counted_by_document_and_field() {
        let doc = |title: &str, body: &str| Doc {
            title: title.into(),
            body: body.into(),
            keywords: vec!["Jalan".into()],
            ..Doc::default()
        };
        let long = "pemberdayaanmasyarakatdesa";
        let mut first = Inverted::default();
        first.add_doc(
            0,
            &doc("Jalan desa", &format!("jalan yang rusak, {long} jalan")),
        );
        let mut later = Inverted::default();
        later.add_doc(1, &doc("Desa", &format!("{long} dan desa")));
        later.add_doc(2, &doc("", ""));
        let all = first.append(later);
        let list = |w: &str| {
            let (_, list) = all.lists.iter().find(|(x, _)| x == w).expect(w);
            list.clone()
        };
        assert_eq!(
            list("jalan"),
            [(0, [1, 1, 0, 2]), (1, [0, 1, 0, 0]), (2, [0, 1, 0, 0])]
        );
        assert_eq!(list("desa"), [(0, [1, 0, 0, 0]), (1, [1, 0, 0, 1])]);
        assert_eq!(list(long), [(0, [0, 0, 0, 1]), (1, [0, 0, 0, 1])]);
        assert!(all.lists.iter().all(|(w, _)| w != "yang" && w != "dan"));
        assert_eq!(all.lengths[0], (0, [2, 1, 0, 4]));
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
}
