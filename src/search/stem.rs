//! An Indonesian stemmer: `pembangunan`, `membangun`, `dibangun` and
//! `bangunan` all become `bangun`.
//!
//! This is the algorithm of F. Z. Tala, *A Study of Stemming Effects on
//! Information Retrieval in Bahasa Indonesia* (2003), as the Snowball
//! project implements it (`algorithms/indonesian.sbl`): rule-based, no
//! dictionary, so it fits in a few dozen lines here and in the theme's
//! `cari.js`, which must give the same stem for every word (checked by
//! `tests/search/agree.mjs`).
//!
//! The *measure* of a word is its number of vowels. Nothing is removed
//! from a word of two vowels or fewer, and every step removes exactly one
//! vowel, so short words (`ikan`, `desa`, `kopi`) are never overstemmed.
//! In order, while the measure is above two:
//!
//! 1. a particle: `-kah`, `-lah`, `-pun`;
//! 2. a possessive: `-ku`, `-mu`, `-nya`;
//! 3. a first-order prefix: `meng-`, `meny-`, `men-`, `mem-`, `me-`,
//!    `peng-`, `peny-`, `pen-`, `pem-`, `di-`, `ter-`, `ke-`, with the
//!    nasal substitutions `meny`+vowel → `s` (`menyapu` → `sapu`) and
//!    `mem`+vowel → `p` (`memukul` → `pukul`); then a suffix, then a
//!    second-order prefix;
//! 4. or, when there was no first-order prefix: a second-order prefix
//!    (`ber-`, `be-` before *C*`er`, `per-`, `pe-`, and `belajar`/`pelajar`
//!    → `ajar`), then a suffix;
//!
//! where a suffix is `-kan`, `-an` or `-i`, each allowed only after some
//! prefixes (`-kan` not after `ke-`/`peng-`/`per-`; `-an` not after
//! `di-`/`meng-`/`ter-`; `-i` not after `ke-`/`peng-`/`ber-`, nor after an
//! `s`). Like the paper, it leaves `men`+vowel alone (`menulis` → `ulis`,
//! not `tulis`), since `menilai` is `nilai`: the two cannot be told apart
//! without a dictionary. Search stems queries the same way, so both
//! sides of a match agree.

/// The prefix removed first, which decides the suffixes allowed after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    None,
    /// `di-`, `meng-` (and its forms `meny-`, `men-`, `mem-`, `me-`), `ter-`.
    DiMengTer,
    /// `per-`, `pe-`.
    Per,
    /// `ke-`, `peng-` (and `peny-`, `pen-`, `pem-`).
    KePeng,
    /// `ber-`, `be-`.
    Ber,
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn vowel_at(w: &[u8], i: usize) -> bool {
    w.get(i).copied().is_some_and(is_vowel)
}

/// The stem of one folded word. Words that are not all `a`–`z` (numbers,
/// other scripts) come back as they are.
pub fn stem(word: &str) -> String {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    let mut measure = w.iter().filter(|&&b| is_vowel(b)).count();
    let cut = |w: &mut Vec<u8>, suffixes: &[&str], measure: &mut usize| {
        if let Some(s) = suffixes.iter().find(|s| w.ends_with(s.as_bytes())) {
            w.truncate(w.len() - s.len());
            *measure -= 1;
        }
    };
    if measure > 2 {
        cut(&mut w, &["kah", "lah", "pun"], &mut measure);
    }
    if measure > 2 {
        cut(&mut w, &["nya", "ku", "mu"], &mut measure);
    }
    if measure > 2 {
        if let Some(prefix) = first_order_prefix(&mut w) {
            measure -= 1;
            if measure > 2 && remove_suffix(&mut w, prefix) {
                measure -= 1;
            }
            if measure > 2 {
                second_order_prefix(&mut w);
            }
        } else {
            let prefix = second_order_prefix(&mut w);
            if prefix.is_some() {
                measure -= 1;
            }
            if measure > 2 {
                remove_suffix(&mut w, prefix.unwrap_or(Prefix::None));
            }
        }
    }
    // Only ASCII letters were removed or put in.
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

/// Replaces the first `len` bytes of `w` with `by`.
fn replace_start(w: &mut Vec<u8>, len: usize, by: &[u8]) {
    w.splice(..len, by.iter().copied());
}

fn first_order_prefix(w: &mut Vec<u8>) -> Option<Prefix> {
    use Prefix::{DiMengTer, KePeng};
    // Longest first, as Snowball's `among` matches: `meny` before `men`.
    let (len, by, prefix): (usize, &[u8], Prefix) = if w.starts_with(b"meng") {
        (4, b"", DiMengTer)
    } else if w.starts_with(b"meny") && vowel_at(w, 4) {
        (4, b"s", DiMengTer)
    } else if w.starts_with(b"peng") {
        (4, b"", KePeng)
    } else if w.starts_with(b"peny") && vowel_at(w, 4) {
        (4, b"s", KePeng)
    } else if w.starts_with(b"mem") {
        (3, if vowel_at(w, 3) { b"p" } else { b"" }, DiMengTer)
    } else if w.starts_with(b"pem") {
        (3, if vowel_at(w, 3) { b"p" } else { b"" }, KePeng)
    } else if w.starts_with(b"men") || w.starts_with(b"ter") {
        (3, b"", DiMengTer)
    } else if w.starts_with(b"pen") {
        (3, b"", KePeng)
    } else if w.starts_with(b"di") || w.starts_with(b"me") {
        (2, b"", DiMengTer)
    } else if w.starts_with(b"ke") {
        (2, b"", KePeng)
    } else {
        return None;
    };
    replace_start(w, len, by);
    Some(prefix)
}

fn second_order_prefix(w: &mut Vec<u8>) -> Option<Prefix> {
    use Prefix::{Ber, Per};
    let (len, by, prefix): (usize, &[u8], Prefix) = if w.starts_with(b"belajar") {
        (7, b"ajar", Ber)
    } else if w.starts_with(b"pelajar") {
        (7, b"ajar", Prefix::None)
    } else if w.starts_with(b"ber") {
        (3, b"", Ber)
    } else if w.starts_with(b"per") {
        (3, b"", Per)
    } else if w.starts_with(b"be")
        && w.get(2).is_some_and(|&b| !is_vowel(b))
        && w.get(3..5) == Some(&b"er"[..])
    {
        // `bekerja` → `kerja`: `be-` only before a consonant and `er`.
        (2, b"", Ber)
    } else if w.starts_with(b"pe") {
        (2, b"", Per)
    } else {
        return None;
    };
    replace_start(w, len, by);
    Some(prefix)
}

/// Removes `-kan`, `-an` or `-i` when `prefix` allows it; whether it did.
fn remove_suffix(w: &mut Vec<u8>, prefix: Prefix) -> bool {
    let n = w.len();
    let len = if w.ends_with(b"kan") && !matches!(prefix, Prefix::KePeng | Prefix::Per) {
        3
    } else if w.ends_with(b"an") && prefix != Prefix::DiMengTer {
        // Also `-kan` where `-kan` was not allowed: `pendidikan` → `didik`.
        2
    } else if w.ends_with(b"i")
        && matches!(prefix, Prefix::None | Prefix::DiMengTer | Prefix::Per)
        && (n < 2 || w[n - 2] != b's')
    {
        1
    } else {
        return false;
    };
    w.truncate(n - len);
    true
}

#[cfg(test)]
mod tests {
    use super::stem;

    /// Real Indonesian words and their stems under Tala's rules.
    pub const CASES: &[(&str, &str)] = &[
        // The examples.
        ("pembangunan", "bangun"),
        ("membangun", "bangun"),
        ("bangunan", "bangun"),
        ("dibangun", "bangun"),
        ("menyapu", "sapu"),
        ("memukul", "pukul"),
        // meng-, men-, mem-, me-, di-, ter-, ke-
        ("mengambil", "ambil"),
        ("menggunakan", "guna"),
        ("mendengar", "dengar"),
        ("membaca", "baca"),
        ("memakai", "paka"),
        ("melatih", "latih"),
        ("dilaksanakan", "laksana"),
        ("diadakan", "ada"),
        ("terbakar", "bakar"),
        ("kesehatan", "sehat"),
        ("kegiatan", "giat"),
        ("keamanan", "aman"),
        // peng-, peny-, pen-, pem-
        ("pengumuman", "umum"),
        ("penyuluhan", "suluh"),
        ("penyakit", "sakit"),
        ("pendidikan", "didik"),
        ("pemberdayaan", "daya"),
        // ber-, be-, per-, pe-, belajar, pelajar
        ("berdasarkan", "dasar"),
        ("bekerja", "kerja"),
        ("perbaikan", "baik"),
        ("memperbaiki", "baik"),
        ("diperbaiki", "baik"),
        ("pelatihan", "latih"),
        ("petani", "tani"),
        ("belajar", "ajar"),
        ("pelajaran", "ajar"),
        ("berlari", "lari"),
        // particles and possessives
        ("bukankah", "bukan"),
        ("rumahnya", "rumah"),
        ("bukumu", "buku"),
        ("kampungku", "kampung"),
        ("pembangunannya", "bangun"),
        // -i is kept after s, and after ber-
        ("mengatasi", "atasi"),
        ("berdiskusi", "diskusi"),
        ("manusia", "manusia"),
        // short words stay whole
        ("desa", "desa"),
        ("ikan", "ikan"),
        ("kopi", "kopi"),
        ("makan", "makan"),
        ("dia", "dia"),
        ("padi", "padi"),
        ("jalan", "jalan"),
        ("sawah", "sawah"),
        ("masyarakat", "masyarakat"),
        ("posyandu", "posyandu"),
        // not letters a-z
        ("2025", "2025"),
        ("rt05", "rt05"),
        ("", ""),
    ];

    #[test]
    fn stems_real_words() {
        let wrong: Vec<String> = CASES
            .iter()
            .filter(|(w, s)| stem(w) != *s)
            .map(|(w, s)| format!("{w}: {} (expected {s})", stem(w)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn never_empties_a_word() {
        for w in [
            "a",
            "ii",
            "aaa",
            "meng",
            "pengan",
            "dikan",
            "kah",
            "mempermainkan",
        ] {
            assert!(!stem(w).is_empty(), "{w}");
        }
    }
}
