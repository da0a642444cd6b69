//! Search across villages: the portal's `/cari/` index, merged from the
//! indexes the villages published (`<folder>/cari/`, see
//! [`crate::search::files`]), and written in the same format, so the
//! village theme's `cari.js` searches it unchanged.
//!
//! # Why one merged index
//!
//! A reader's query on a portal that asked each village's own index would
//! load every village's `index.js` and one `kata` chunk a word from each:
//! measured on network-example, 0.8 KiB (gzip) and two requests a
//! village, so 115 KiB and 300 requests for 150 villages, 2.7 MiB and
//! 7,200 requests for 3,600, on a phone. The merged index answers a
//! one-word query with the files the village search loads: `index.js`
//! and one chunk (1.4 KiB there), then a `dok` block (0.7 KiB) for each
//! eight results shown; its number of chunks follows the number of
//! documents, as a large village's does (docs/NETWORK.md).
//!
//! # What is merged
//!
//! Read from a built village folder, so `warta build` and `warta portal
//! --from DIR` merge the same files: every document (its path below the
//! village, title, printed date, label, summary) and every stem with its
//! documents and their levels. The levels stay as each village weighed
//! them (BM25F against that village's own field lengths); the rarity
//! `cari.js` multiplies them by is the portal's, from the merged counts.
//! Documents are numbered newest first across villages (by the printed
//! date; pages, which have none, after the posts), since `cari.js` breaks
//! ties by number. A village that chose the second reading of an
//! ambiguous pair ([`crate::search::Choices`]) makes it the portal's:
//! the other villages' documents with such a word stay under their own
//! reading, which a query on the portal then misses (rare: a pair is
//! ambiguous only where no village text attests either reading).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::data::VillageData;
use crate::diag::{Diagnostic, Lang};
use crate::network::Network;
use crate::search::Choices;
use crate::search::docs::Doc;
use crate::search::encode::decode_postings;
use crate::search::files::{FORMAT, Head, write_index};
use crate::text;

/// A village's search index, as its built folder holds it.
#[derive(Debug, Clone, Default)]
pub struct VillageIndex {
    labels: Vec<String>,
    /// The ambiguous pairs that take their second reading there.
    keys: Vec<String>,
    docs: Vec<IndexDoc>,
    /// Each stem and its documents with the stem's level in each, as the
    /// chunk wrote them (decoded when merged: a tenth of the memory).
    stems: Vec<(Box<str>, Box<str>)>,
}

/// A stem's documents, each with the stem's level there (0–7).
type Postings = Vec<(u32, u8)>;

/// A document as a `dok` block lists it: path below the village, title,
/// printed date, label, summary.
type IndexDoc = (String, String, String, i64, String);

#[derive(Deserialize)]
struct First {
    v: u32,
    h: String,
    n: usize,
    b: usize,
    /// The number of `kata` chunks.
    m: usize,
    #[serde(default)]
    c: Vec<String>,
    #[serde(default)]
    a: String,
}

#[derive(Deserialize)]
struct Chunk {
    h: String,
    #[serde(default)]
    w: String,
    #[serde(default)]
    p: String,
}

#[derive(Deserialize)]
struct Block {
    h: String,
    d: Vec<IndexDoc>,
}

/// The index below a village's folder, each file read by `read` (a path
/// below the folder: `cari/index.js`; `None` when there is no such file).
/// `None` for a village that published no index.
pub fn read_index(
    folder: &str,
    read: &dyn Fn(&str) -> Result<Option<String>, Diagnostic>,
) -> Result<Option<VillageIndex>, Diagnostic> {
    let Some(text) = read("cari/index.js")? else {
        return Ok(None);
    };
    let first: First = part(folder, "index", &text)?;
    if first.v != FORMAT {
        let v = first.v;
        return Err(Diagnostic::error(text!(
            "`{folder}/cari/index.js` berformat {v}, bukan {FORMAT}: bangun desa ini lagi dengan warta versi ini.",
            "`{folder}/cari/index.js` is of format {v}, not {FORMAT}: build this village again with this warta."
        )));
    }
    let parts = Parts {
        folder,
        read,
        tag: &first.h,
    };
    let mut stems = Vec::new();
    for i in 0..first.m {
        let chunk: Chunk = parts.get(&format!("kata/{i}"), |c: &Chunk| &c.h)?;
        stems.extend(chunk.stems());
    }
    let mut docs = Vec::with_capacity(first.n);
    for i in 0..first.n.div_ceil(first.b.max(1)) {
        let block: Block = parts.get(&format!("dok/{i}"), |b: &Block| &b.h)?;
        docs.extend(block.d);
    }
    check_count(folder, &first, &docs, &stems)?;
    let keys = first.a.split(' ').filter(|s| !s.is_empty());
    Ok(Some(VillageIndex {
        labels: first.c,
        keys: keys.map(str::to_string).collect(),
        docs,
        stems,
    }))
}

/// The parts of one village's index, read as `index.js` names them.
struct Parts<'a> {
    folder: &'a str,
    read: &'a dyn Fn(&str) -> Result<Option<String>, Diagnostic>,
    /// `index.js`'s hash: every part must carry it.
    tag: &'a str,
}

impl Parts<'_> {
    /// Part `name` (`kata/3`), which must be of the build of `index.js`
    /// (its hash `h`, given by `tag`).
    fn get<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
        tag: impl Fn(&T) -> &String,
    ) -> Result<T, Diagnostic> {
        let (folder, file) = (self.folder, format!("cari/{name}.js"));
        let text = (self.read)(&file)?.ok_or_else(|| {
            Diagnostic::error(text!(
                "`{folder}/{file}` tidak ada, padahal `cari/index.js` menyebutnya.",
                "`{folder}/{file}` is missing, though `cari/index.js` names it."
            ))
        })?;
        let value: T = part(folder, name, &text)?;
        if tag(&value) != self.tag {
            return Err(Diagnostic::error(text!(
                "`{folder}/{file}` berasal dari pembangunan lain daripada `cari/index.js`.",
                "`{folder}/{file}` is of another build than `cari/index.js`."
            )));
        }
        Ok(value)
    }
}

impl Chunk {
    fn stems(&self) -> impl Iterator<Item = (Box<str>, Box<str>)> + '_ {
        let words = self.w.split(' ').filter(|s| !s.is_empty());
        words
            .zip(self.p.split(' '))
            .map(|(stem, list)| (Box::from(stem), Box::from(list)))
    }
}

/// Every document `index.js` counts is there, and every posting names one.
fn check_count(
    folder: &str,
    first: &First,
    docs: &[IndexDoc],
    stems: &[(Box<str>, Box<str>)],
) -> Result<(), Diagnostic> {
    let n = docs.len();
    let beyond = stems.iter().any(|s| {
        decode_postings(&s.1)
            .last()
            .is_some_and(|&(id, _)| id as usize >= n)
    });
    if n != first.n || beyond {
        return Err(Diagnostic::error(text!(
            "`{folder}/cari/` tidak utuh: jumlah dokumennya tidak cocok dengan `index.js`.",
            "`{folder}/cari/` is incomplete: its documents do not match `index.js`."
        )));
    }
    Ok(())
}

/// The object a file of the index assigns: what follows its `=`.
fn part<T: serde::de::DeserializeOwned>(
    folder: &str,
    name: &str,
    text: &str,
) -> Result<T, Diagnostic> {
    let json = text
        .split_once('=')
        .map_or("", |(_, v)| v.trim_end().trim_end_matches(';'));
    serde_json::from_str(json).map_err(|e| {
        Diagnostic::error(text!(
            "`{folder}/cari/{name}.js` tidak bisa dibaca: {e}",
            "`{folder}/cari/{name}.js` cannot be read: {e}"
        ))
    })
}

/// The portal's index files, merged from the villages' (`data` in the
/// portal's order): (path below the portal, bytes).
pub fn portal_index(net: &Network, data: &[VillageData]) -> Vec<(String, Vec<u8>)> {
    let mut labels = Labels::default();
    let mut keys: Vec<&str> = Vec::new();
    // (newest first key, village, document there), then the documents.
    let mut order: Vec<(Option<NaiveDate>, usize, usize)> = Vec::new();
    for (v, village) in data.iter().enumerate() {
        let Some(index) = &village.search else {
            continue;
        };
        keys.extend(index.keys.iter().map(String::as_str));
        for (i, doc) in index.docs.iter().enumerate() {
            order.push((printed_date(&doc.2), v, i));
        }
    }
    // Dated first, newest first; then by village and place there.
    order.sort_by(|a, b| {
        (b.0.is_some(), b.0)
            .cmp(&(a.0.is_some(), a.0))
            .then((a.1, a.2).cmp(&(b.1, b.2)))
    });
    let mut ids: Vec<Vec<u32>> = data
        .iter()
        .map(|v| vec![0; v.search.as_ref().map_or(0, |s| s.docs.len())])
        .collect();
    let mut docs = Vec::with_capacity(order.len());
    for (id, &(_, v, i)) in order.iter().enumerate() {
        ids[v][i] = id as u32;
        let village = &data[v];
        let index = village
            .search
            .as_ref()
            .expect("only villages with an index are ordered");
        let (path, title, date, label, summary) = &index.docs[i];
        docs.push(Doc {
            path: format!("{}{path}", village_prefix(net, village)),
            title: title.clone(),
            date: date.clone(),
            label: labels.portal(index, *label),
            summary: summary.clone(),
            village: Some(v as u32),
            ..Doc::default()
        });
    }
    let postings = merge_stems(data, &ids);
    let head = Head {
        labels: labels.names,
        villages: data.iter().map(VillageData::name).collect(),
    };
    let choices = Choices::from_keys(keys);
    write_index(&head, &docs, &choices, &postings)
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect()
}

/// Every stem of every village with its documents numbered as the
/// portal's (`ids[village][document]`), sorted as JavaScript compares
/// strings.
fn merge_stems(data: &[VillageData], ids: &[Vec<u32>]) -> Vec<(String, Postings)> {
    let mut by_stem: HashMap<&str, Postings> = HashMap::new();
    for (v, village) in data.iter().enumerate() {
        for (stem, list) in village.search.iter().flat_map(|s| &s.stems) {
            let all = by_stem.entry(stem).or_default();
            let list = decode_postings(list);
            all.extend(list.iter().map(|&(id, level)| (ids[v][id as usize], level)));
        }
    }
    let mut out: Vec<(String, Postings)> = by_stem
        .into_iter()
        .map(|(stem, mut list)| {
            list.sort_unstable();
            (stem.to_string(), list)
        })
        .collect();
    out.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    out
}

/// The labels of the portal's index: every village's, once each by name.
#[derive(Default)]
struct Labels {
    names: Vec<String>,
    places: HashMap<String, i64>,
}

impl Labels {
    /// The portal's label for label `label` of a village's `index`.
    fn portal(&mut self, index: &VillageIndex, label: i64) -> i64 {
        let Some(name) = usize::try_from(label)
            .ok()
            .and_then(|l| index.labels.get(l))
        else {
            return -1;
        };
        if let Some(&place) = self.places.get(name) {
            return place;
        }
        let place = self.names.len() as i64;
        self.names.push(name.clone());
        self.places.insert(name.clone(), place);
        place
    }
}

/// Where a village's documents are, seen from the portal: its folder
/// (`sukamaju/`) when it is published at the network's address, so that
/// results work on `file://` too, else its own address.
fn village_prefix(net: &Network, village: &VillageData) -> String {
    let url = village.url();
    let own = format!("{}/{}/", net.base_url.trim_end_matches('/'), village.folder);
    if url.is_empty() || url == own {
        format!("{}/", village.folder)
    } else if url.ends_with('/') {
        url
    } else {
        format!("{url}/")
    }
}

/// A date as the index prints it (`26 Agustus 2025`, `26 August 2025`).
fn printed_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split(' ');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let month = (1..=12).find(|&m| {
        [Lang::Id, Lang::En]
            .iter()
            .any(|&lang| crate::format::month_name(m, lang) == month)
    })?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::printed_date;

    #[test]
    fn printed_dates_are_read_back() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(printed_date("26 Agustus 2025"), d(2025, 8, 26));
        assert_eq!(printed_date("1 Februari 2026"), d(2026, 2, 1));
        assert_eq!(printed_date("3 December 2026"), d(2026, 12, 3));
        assert_eq!(printed_date(""), None);
        assert_eq!(printed_date("31 Februari 2026"), None);
    }
}
