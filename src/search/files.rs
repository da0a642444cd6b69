//! The files of the search index, cut so that a query loads only what it
//! needs.
//!
//! A static host runs no code and browsers refuse `fetch` on `file://`,
//! so every file is a script that sets one part of `window.WARTA_CARI`;
//! `cari.js` adds it to the page as a `<script>` element when a query
//! needs it. Only the first file comes with the page:
//!
//! | file | holds | loaded |
//! |---|---|---|
//! | `cari/index.js` | what every query needs: labels, stopwords, the site's readings, the number of documents, the first stem of each `kata` chunk | with the page |
//! | `cari/kata/<i>.js` | a run of stems, sorted, and their postings | when a word of the query, or the word being typed as a prefix, falls in it |
//! | `cari/dok/<i>.js` | documents `b·i` to `b·i + b − 1` | when one of them is among the results shown |
//! | `cari/kosakata/<a>.js` | every stem that starts with the letter `a` (`a` to `z`, a file only for letters some stem starts with), and on how many documents it is | when a word starting with that letter finds nothing and a typo is looked for |
//!
//! Ranking needs the postings of the query's stems and the number of
//! documents; a result shown needs its document. So a first result at
//! 10,000 posts loads tens of kilobytes, not 2 MiB (`bench/search.md`).
//! A typo is looked for among the stems with the word's first letter
//! only (seldom the wrong one): one small file, not the vocabulary.
//!
//! No file is empty, as static hosts count files (Cloudflare Pages takes
//! 20,000; 10,000 posts make 16,000 pages): `kata` chunks are cut by
//! size, [`CHUNK_BYTES`] each (a stem on every page may fill one alone),
//! at most one per [`DOCS_PER_CHUNK`] documents and [`MAX_CHUNKS`] in
//! all; `dok` blocks hold [`DOCS_PER_BLOCK`] documents, more past
//! [`MAX_BLOCKS`] blocks. `index.js` names the chunks and the letters
//! with a vocabulary, so `cari.js` asks for no missing file: 1,037 files
//! at 10,000 posts, where there were 3,779. `warta serve` offers the files
//! before making the index on the first request: [`names`] lists every
//! file the index may have, from the number of documents alone.
//!
//! Every file carries `"h"`, a hash of the whole index. `cari.js` asks
//! for a part as `kata/3.js?h=…` and drops a part whose `h` is not that
//! of the `index.js` it has: a browser that kept an older `index.js` in
//! its cache never mixes the documents of two builds.
//!
//! # The parts
//!
//! ```js
//! window.WARTA_CARI={"v":4,"h":"9c1d…","n":37,"b":8,"m":10,"l":"abdeg…",
//!  "c":["Kesehatan","Pembangunan","Produk",…], // labels
//!  "s":"ada adalah agar …",                    // stopwords, space-separated
//!  "a":"g:elola n:ilai …",                     // readings chosen by the site
//!  "k":"bangun jalan pupuk …"};                // first stem of chunks 1, 2, …
//! window.WARTA_CARI["kata/0"]={"h":"9c1d…",
//!  "w":"2025 ajar ambil …",                    // stems, sorted, space-separated
//!  "p":"0Ag 3 …"};                             // postings of each stem
//! window.WARTA_CARI["dok/0"]={"h":"9c1d…",
//!  "d":[["berita/posyandu-krajan/","Posyandu …","26 Agustus 2025",0,"Sebanyak 64 …"],…]};
//! window.WARTA_CARI["kosakata/a"]={"h":"9c1d…",
//!  "w":"acara adat ajar …",                    // every stem starting with a
//!  "f":"3Y1…"};                                // documents of each, as numbers
//! ```
//!
//! - `n`: the number of documents; `b`: documents per `dok` block.
//! - `k`: chunk 0 holds the stems before the first of these, chunk *i*
//!   those from the *i*-th on. Stems are sorted by UTF-16 code units
//!   (JavaScript's string order), so `cari.js` finds a stem's chunk, or
//!   every chunk of the stems starting with what is being typed, by
//!   binary search.
//! - `m`: the number of `kata` chunks, one more than the stems of `k`
//!   (0 for an index with no stem at all).
//! - `l`: the letters that have a `kosakata` file.
//! - `d`: one array per document: URL path below the site root (no
//!   leading slash, so `cari.js` can put it under the root it finds for
//!   itself, on a host or on `file://`), title, date as the site prints it
//!   (`""` for a page), index into `c` (`-1` for none), a short summary.
//! - `g` (a network portal's index only, [`write_index`]): the names of
//!   its villages; each document has a sixth item, its village's place
//!   in `g`, and its path is below the portal (`sukamaju/berita/x/`) or,
//!   for a village with a domain of its own, a whole URL.
//! - `a`: the keys of [`super::vocab::Choices`] that take their second
//!   reading.
//! - `p`: for the *i*-th stem of `w`, the documents that contain it, in
//!   increasing order. Each is one number, `gap × 8 + level`, where `gap`
//!   is the distance from the previous document less one (the first is
//!   its own number) and `level` (0–7) the stem's weight in it.
//! - Numbers (in `p` and `f`) are written in base 32, most significant
//!   group first, with the digits `0`–`9A`–`V` ending a number and
//!   `W`–`Z`, `a`–`z`, `-`, `_` continuing it.
//!
//! `v` changes when the format does.

use std::hash::Hasher;
use std::ops::Range;

use rayon::prelude::*;
use siphasher::sip::SipHasher13;

use super::Postings;
use super::docs::{self, Doc};
use super::encode::{push_doc, push_json_chars, push_json_string, push_number, push_postings};
use super::vocab::Choices;
use crate::model::Model;

/// The format's version, `v` in `index.js`.
pub const FORMAT: u32 = 4;

/// The file loaded with the page.
pub const FIRST: &str = "cari/index.js";

/// Documents per `dok` block, unless there would be more than
/// [`MAX_BLOCKS`] blocks: a result list of 20 loads at most 20 blocks of
/// about 0.8 KiB (gzip).
pub const DOCS_PER_BLOCK: usize = 8;

/// The most `dok` blocks: past 4,096 documents blocks grow instead (20
/// documents, 2 KiB gzip, at 10,000).
pub const MAX_BLOCKS: usize = 512;

/// Bytes of stems and postings a `kata` chunk is cut at: about 1 KiB
/// gzip, what a one-word query loads on content-example.
pub const CHUNK_BYTES: usize = 1600;

/// At most one `kata` chunk for so many documents: a small site's chunks
/// stay few.
pub const DOCS_PER_CHUNK: usize = 4;

/// The most `kata` chunks: on a large site a chunk grows past
/// [`CHUNK_BYTES`] (about 6 KB on the 10,000-post corpus), since the
/// postings of its common stems do.
pub const MAX_CHUNKS: usize = 512;

/// How many files of each kind an index of `docs` documents may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// The most `kata` chunks: fewer when the postings are small.
    chunks: usize,
    blocks: usize,
    per_block: usize,
}

impl Layout {
    fn new(docs: usize) -> Layout {
        let per_block = DOCS_PER_BLOCK.max(docs.div_ceil(MAX_BLOCKS));
        Layout {
            chunks: docs.div_ceil(DOCS_PER_CHUNK).clamp(1, MAX_CHUNKS),
            blocks: docs.div_ceil(per_block),
            per_block,
        }
    }

    /// The chunks of stems whose entries take `sizes` bytes, in order:
    /// none empty.
    fn cut(&self, sizes: &[usize]) -> Vec<Range<usize>> {
        let total: usize = sizes.iter().sum();
        let n = total.div_ceil(CHUNK_BYTES).clamp(1, self.chunks);
        let mut runs = partition(sizes, n);
        // Only runs past the last stem are empty.
        runs.retain(|r| !r.is_empty());
        runs
    }
}

fn chunk_part(i: usize) -> String {
    format!("kata/{i}")
}

fn block_part(i: usize) -> String {
    format!("dok/{i}")
}

/// The vocabulary's parts: one for each letter a stem may start with.
const LETTERS: std::ops::RangeInclusive<char> = 'a'..='z';

fn vocabulary_part(letter: char) -> String {
    format!("kosakata/{letter}")
}

/// The file of a part: `kata/3` → `cari/kata/3.js`.
fn file(part: &str) -> String {
    format!("cari/{part}.js")
}

/// Every file the site's index may have, [`FIRST`] first, without making
/// it: those [`write`] makes, and the chunks and vocabularies it may
/// leave out (which `index.js` then does not name).
pub fn names(model: &Model) -> Vec<String> {
    let layout = Layout::new(docs::count(model));
    let mut out = vec![FIRST.to_string()];
    out.extend(LETTERS.map(|c| file(&vocabulary_part(c))));
    out.extend((0..layout.chunks).map(|i| file(&chunk_part(i))));
    out.extend((0..layout.blocks).map(|i| file(&block_part(i))));
    out
}

/// The index's files, in the order of [`names`]: (path below the site
/// root, text).
pub fn write(
    model: &Model,
    docs: &[Doc],
    choices: &Choices,
    postings: &[Postings],
) -> Vec<(String, String)> {
    let head = Head {
        labels: docs::labels(model),
        villages: Vec::new(),
    };
    write_index(&head, docs, choices, postings)
}

/// What `index.js` says of the documents besides their number.
#[derive(Debug, Clone, Default)]
pub struct Head {
    /// The labels [`Doc::label`] points into (`c`).
    pub labels: Vec<String>,
    /// The villages [`Doc::village`] points into (`g`): a network
    /// portal's index only; an empty list is left out.
    pub villages: Vec<String>,
}

/// The files of an index of `docs` (a village's, or the portal's merged
/// from its villages' indexes), in the order of [`names`].
// Long because: the files in their order, each kind made in one step.
pub fn write_index(
    head: &Head,
    docs: &[Doc],
    choices: &Choices,
    postings: &[Postings],
) -> Vec<(String, String)> {
    let layout = Layout::new(docs.len());
    let encoded: Vec<String> = postings
        .par_iter()
        .map(|(_, list)| {
            let mut s = String::new();
            push_postings(&mut s, list);
            s
        })
        .collect();
    let sizes: Vec<usize> = postings
        .iter()
        .zip(&encoded)
        .map(|((stem, _), p)| stem.len() + p.len() + 2)
        .collect();
    let chunks = layout.cut(&sizes);
    let letters: Vec<(char, &[Postings])> = LETTERS
        .map(|c| (c, lettered(postings, c)))
        .filter(|(_, stems)| !stems.is_empty())
        .collect();
    let mut parts = Vec::with_capacity(27 + chunks.len() + layout.blocks);
    let counts = Counts {
        docs: docs.len(),
        per_block: layout.per_block,
        letters: letters.iter().map(|(c, _)| *c).collect(),
    };
    parts.push((
        String::new(),
        first(head, &counts, choices, postings, &chunks),
    ));
    parts.extend(
        letters
            .iter()
            .map(|&(c, stems)| (vocabulary_part(c), vocabulary(stems))),
    );
    parts.extend(chunks.iter().enumerate().map(|(i, range)| {
        let body = chunk(&postings[range.clone()], &encoded[range.clone()]);
        (chunk_part(i), body)
    }));
    let blocks = docs
        .par_chunks(layout.per_block)
        .map(block)
        .collect::<Vec<_>>();
    parts.extend(
        blocks
            .into_iter()
            .enumerate()
            .map(|(i, b)| (block_part(i), b)),
    );
    let tag = tag(&parts);
    parts
        .into_iter()
        .map(|(part, body)| {
            if part.is_empty() {
                let text =
                    format!("window.WARTA_CARI={{\"v\":{FORMAT},\"h\":\"{tag}\",{body}}};\n");
                (FIRST.to_string(), text)
            } else {
                let text = format!("window.WARTA_CARI[\"{part}\"]={{\"h\":\"{tag}\",{body}}};\n");
                (file(&part), text)
            }
        })
        .collect()
}

/// What `index.js` counts: documents, documents a block, the letters
/// with a vocabulary.
struct Counts {
    docs: usize,
    per_block: usize,
    letters: String,
}

/// The fields of `index.js` after `v` and `h`.
fn first(
    head: &Head,
    counts: &Counts,
    choices: &Choices,
    postings: &[Postings],
    chunks: &[Range<usize>],
) -> String {
    let mut out = format!(
        "\"n\":{},\"b\":{},\"m\":{},\"l\":\"{}\",\"c\":",
        counts.docs,
        counts.per_block,
        chunks.len(),
        counts.letters
    );
    push_json_list(&mut out, &head.labels);
    if !head.villages.is_empty() {
        out.push_str(",\"g\":");
        push_json_list(&mut out, &head.villages);
    }
    out.push_str(",\"s\":");
    push_json_string(&mut out, &super::text::STOPWORDS.join(" "));
    out.push_str(",\"a\":");
    push_json_string(&mut out, &choices.keys().join(" "));
    out.push_str(",\"k\":");
    let firsts: Vec<&str> = chunks
        .iter()
        .skip(1)
        .filter(|r| !r.is_empty())
        .map(|r| postings[r.start].0.as_str())
        .collect();
    push_json_string(&mut out, &firsts.join(" "));
    out
}

fn push_json_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, item);
    }
    out.push(']');
}

/// The fields of a `kata` chunk.
fn chunk(postings: &[Postings], encoded: &[String]) -> String {
    let mut out = String::from("\"w\":\"");
    for (i, (stem, _)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_json_chars(&mut out, stem);
    }
    out.push_str("\",\"p\":\"");
    out.push_str(&encoded.join(" "));
    out.push('"');
    out
}

/// The stems starting with `letter`.
fn lettered(postings: &[Postings], letter: char) -> &[Postings] {
    // Sorted by UTF-16 code units, stems are sorted by their first letter.
    let first = |s: &str| s.chars().next().unwrap_or('\0');
    let from = postings.partition_point(|(s, _)| first(s) < letter);
    let to = postings.partition_point(|(s, _)| first(s) <= letter);
    &postings[from..to]
}

/// The fields of `kosakata/<letter>`: every stem starting with the
/// letter (`postings`) and its number of documents.
fn vocabulary(postings: &[Postings]) -> String {
    let mut out = String::from("\"w\":\"");
    for (i, (stem, _)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_json_chars(&mut out, stem);
    }
    out.push_str("\",\"f\":\"");
    for (_, list) in postings {
        push_number(&mut out, u32::try_from(list.len()).unwrap_or(u32::MAX));
    }
    out.push('"');
    out
}

/// The fields of a `dok` block.
fn block(docs: &[Doc]) -> String {
    let mut out = String::from("\"d\":[");
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_doc(&mut out, doc);
    }
    out.push(']');
    out
}

/// The hash of every part: a file of one build never passes for one of
/// another (SipHash 1-3 with fixed keys: the same on every machine and
/// Rust release, so two builds of one site write the same files).
fn tag(parts: &[(String, String)]) -> String {
    let mut h = SipHasher13::new();
    for (part, body) in parts {
        h.write(part.as_bytes());
        h.write_u8(0);
        h.write(body.as_bytes());
        h.write_u8(0);
    }
    format!("{:012x}", h.finish() >> 16)
}

/// Cuts items of the given sizes, in order, into `n` runs of about equal
/// total size. Each run has at least one item while items last (runs
/// past the last item are empty).
fn partition(sizes: &[usize], n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(n);
    let mut left: usize = sizes.iter().sum();
    let mut start = 0;
    for i in 0..n {
        let later = n - i - 1;
        let target = left.div_ceil(later + 1);
        let (mut end, mut sum) = (start, 0);
        while end < sizes.len() {
            // Every later run gets an item while there are enough.
            let spare = sizes.len() - end > later;
            if end > start && (!spare || 2 * sum + sizes[end] > 2 * target) {
                break;
            }
            sum += sizes[end];
            end += 1;
        }
        out.push(start..end);
        left -= sum;
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {

    use serde_json::Value;

    use super::{DOCS_PER_BLOCK, LETTERS, Layout, partition};
    use crate::model::Model;
    use crate::search::encode::decode_numbers;

    #[test]
    fn partition_gives_every_item_once_in_even_runs() {
        let cases: &[(&[usize], usize)] = &[
            (&[1; 10], 3),
            (&[5, 1, 1, 1, 1, 1], 2),
            (&[100, 1, 1, 1, 1, 1, 1], 3),
            (&[1, 1, 1, 1, 100], 2),
            (&[3, 3], 5),
            (&[], 2),
            (&[7], 1),
        ];
        for &(sizes, n) in cases {
            let runs = partition(sizes, n);
            assert_eq!(runs.len(), n, "{sizes:?} into {n}");
            let mut next = 0;
            for r in &runs {
                assert_eq!(r.start, next, "{sizes:?} into {n}: {runs:?}");
                next = r.end;
            }
            assert_eq!(next, sizes.len(), "{sizes:?} into {n}: {runs:?}");
            let filled = runs.iter().filter(|r| !r.is_empty()).count();
            assert_eq!(filled, n.min(sizes.len()), "{sizes:?} into {n}: {runs:?}");
        }
        let even = partition(&[1; 12], 4);
        assert!(even.iter().all(|r| r.len() == 3), "{even:?}");
        // A big item takes a run of its own; the rest share the others.
        let big = partition(&[100, 1, 1, 1, 1, 1, 1], 3);
        assert_eq!(big[0], 0..1, "{big:?}");
    }

    #[test]
    fn the_number_of_files_follows_the_documents() {
        let layout = |chunks, blocks, per_block| Layout {
            chunks,
            blocks,
            per_block,
        };
        assert_eq!(Layout::new(37), layout(10, 5, 8));
        assert_eq!(Layout::new(1), layout(1, 1, 8));
        assert_eq!(Layout::new(0), layout(1, 0, 8));
        assert_eq!(Layout::new(4096), layout(512, 512, 8));
        assert_eq!(Layout::new(10_001), layout(512, 501, 20));
    }

    #[test]
    fn chunks_are_cut_by_size_and_never_empty() {
        let small = Layout::new(37);
        // 3 KB of stems: two chunks, not ten.
        assert_eq!(small.cut(&[300; 10]), [0..5, 5..10]);
        assert!(small.cut(&[]).is_empty());
        assert_eq!(small.cut(&[5000]).len(), 1);
        // Twenty chunks' worth of stems in at most ten chunks.
        let runs = small.cut(&[1600; 20]);
        assert_eq!(runs.len(), 10, "{runs:?}");
        let big = Layout::new(10_000);
        assert_eq!(big.cut(&[100_000; 3]).len(), 3);
        assert_eq!(big.cut(&[10_000; 1000]).len(), 512);
    }

    fn example() -> Model {
        crate::site::example_model()
    }

    /// A file's object: what follows `=`.
    fn object(text: &str) -> Value {
        let json = text.split_once('=').expect("an assignment").1;
        serde_json::from_str(json.trim_end().trim_end_matches(';')).expect("JSON")
    }

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// What `cari.js` relies on: the files `index.js` names and no other,
    /// all among those `names` promises, of one build; each stem in the
    /// chunk `k` sends a search to, in order; each stem in the vocabulary
    /// of its first letter; every document in its block.
    #[test]
    // Long because: one walk over every file, a branch for each kind.
    fn every_part_is_where_the_first_file_says() {
        let model = example();
        let files = crate::search::index_files(&model);
        let paths: Vec<String> = files.iter().map(|(f, _)| f.clone()).collect();
        let names = super::names(&model);
        assert!(
            paths.iter().all(|p| names.contains(p)),
            "names() lists what is written"
        );
        let first = object(&files[0].1);
        assert!(
            files[0]
                .1
                .starts_with("window.WARTA_CARI={\"v\":4,\"h\":\"")
        );
        let bounds: Vec<&str> = first["k"].as_str().unwrap().split(' ').collect();
        let (m, letters) = (first["m"].as_u64().unwrap(), first["l"].as_str().unwrap());
        assert_eq!(m as usize, bounds.len() + 1);
        let mut named = vec!["cari/index.js".to_string()];
        named.extend(letters.chars().map(|c| format!("cari/kosakata/{c}.js")));
        named.extend((0..m).map(|i| format!("cari/kata/{i}.js")));
        let per_block = first["b"].as_u64().unwrap();
        let n = first["n"].as_u64().unwrap();
        named.extend((0..n.div_ceil(per_block)).map(|i| format!("cari/dok/{i}.js")));
        assert_eq!(paths, named, "the files index.js names, in order");
        assert!(
            letters.len() < LETTERS.count(),
            "{letters}: some letter has no stem"
        );
        let (mut stems, mut vocabulary, mut docs) = (Vec::new(), Vec::new(), Vec::new());
        for (path, text) in &files[1..] {
            let part = path.trim_start_matches("cari/").trim_end_matches(".js");
            assert!(
                text.starts_with(&format!("window.WARTA_CARI[\"{part}\"]={{\"h\":")),
                "{path}"
            );
            let v = object(text);
            assert_eq!(v["h"], first["h"], "{path} is of another build");
            let words = v["w"]
                .as_str()
                .map(|w| w.split(' ').filter(|s| !s.is_empty()));
            if let Some(i) = part.strip_prefix("kata/") {
                assert!(!v["w"].as_str().unwrap().is_empty(), "{path} is empty");
                for stem in words.unwrap() {
                    let chunk = bounds.partition_point(|b| utf16(b) <= utf16(stem));
                    assert_eq!(chunk.to_string(), i, "{stem} is not in the chunk searched");
                    stems.push(stem.to_string());
                }
            } else if let Some(letter) = part.strip_prefix("kosakata/") {
                let f = decode_numbers(v["f"].as_str().unwrap());
                let words: Vec<&str> = words.unwrap().collect();
                assert_eq!(words.len(), f.len(), "{path}: one count a stem");
                assert!(words.iter().all(|w| w.starts_with(letter)), "{path}");
                vocabulary.extend(words.iter().map(|w| w.to_string()));
            } else {
                let block = v["d"].as_array().unwrap();
                assert_eq!(part, format!("dok/{}", docs.len() / DOCS_PER_BLOCK));
                assert!(block.len() <= DOCS_PER_BLOCK);
                assert!(!block.is_empty(), "{path} is empty");
                docs.extend(block.iter().map(|d| d[0].as_str().unwrap().to_string()));
            }
        }
        assert!(
            stems.windows(2).all(|w| utf16(&w[0]) < utf16(&w[1])),
            "stems sorted"
        );
        let lettered: Vec<&String> = stems
            .iter()
            .filter(|s| s.starts_with(|c: char| c.is_ascii_lowercase()))
            .collect();
        assert_eq!(vocabulary.iter().collect::<Vec<_>>(), lettered);
        assert_eq!(docs.len() as u64, first["n"].as_u64().unwrap());
        assert!(docs.contains(&"berita/betonisasi-jalan-dusun-ngembul/".to_string()));
        assert!(stems.len() > 1000, "{} stems", stems.len());
    }
}
