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
//!    `peng-`, `peny-`, `pen-`, `pem-`, `di-`, `ter-`, `ke-`; then a
//!    suffix, then a second-order prefix;
//! 4. or, when there was no first-order prefix: a second-order prefix
//!    (`ber-`, `be-` before *C*`er`, `per-`, `pe-`, and `belajar`/`pelajar`
//!    → `ajar`), then a suffix;
//!
//! where a suffix is `-kan`, `-an` or `-i`, each allowed only after some
//! prefixes (`-kan` not after `ke-`/`peng-`/`per-`; `-an` not after
//! `di-`/`meng-`/`ter-`; `-i` not after `ke-`/`peng-`/`ber-`, nor after an
//! `s`).
//!
//! Where Tala's rules guess, warta gives two readings ([`Stemmed::Either`])
//! and lets the site's own words choose ([`super::vocab`]):
//!
//! - a nasal prefix before a vowel dropped the root's first letter or
//!   kept it: `men-`/`pen-` + `t` or `n` (`menerima` → `terima`,
//!   `menilai` → `nilai`), `meng-`/`peng-` + nothing or `k` (`mengambil`,
//!   `mengelola`), `mem-`/`pem-` + `p` or `m` (`memukul`, `memiliki`),
//!   `meny-`/`peny-` + `s` or `ny` (`menyapu`, `menyanyi`); the first
//!   reading is the usual one;
//! - `se-` is a prefix (`selama` → `lama`) or part of the root
//!   (`sekolah`, `sejarah`): whole unless the site attests the rest.
//!
//! And a short list of common roots that only look affixed, [`ROOTS`], is
//! left whole. Search stems queries the same way, with the same choices,
//! so both sides of a match agree.

/// Common roots that only look affixed: left whole, wherever they are
/// reached (`kepala`, `kepalanya`, `berkelompok` → `kelompok`). Without
/// them `kepala` is `pala`, `balai` is `bala`, `perangkat` is `angkat`
/// like `berangkat`. Chosen by measurement: the roots of Sastrawi's
/// dictionary (used only to measure, never shipped) that this stemmer
/// would cut, ordered by how often they occur in `content-example` and
/// the benchmark corpus, kept when cutting them merges them with another
/// word or splits them from their own family. Sorted.
pub const ROOTS: &[&str] = &[
    "balai",
    "beranda",
    "berani",
    "berita",
    "gerai",
    "kelola",
    "kelompok",
    "keluarga",
    "kembali",
    "kepala",
    "ketua",
    "media",
    "melati",
    "nilai",
    "perangkat",
    "perdana",
    "perlahan",
    "pertama",
    "sebuah",
    "sekarang",
    "sekolah",
    "selatan",
    "terima",
    "tunai",
];

/// A word's stem, or its two readings when its spelling cannot tell them
/// apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stemmed {
    Sure(String),
    /// `first` unless the site's own vocabulary prefers `second` (see
    /// [`super::vocab`]). `key` names the pair: every word that has it has
    /// the same two readings (`menerima` and `penerimaan` share
    /// `n:erima`, read `terima` or `nerima`).
    Either {
        key: String,
        first: String,
        second: String,
    },
}

impl Stemmed {
    /// The stem when nothing is known of the site: the first reading.
    pub fn into_first(self) -> String {
        match self {
            Stemmed::Sure(s) | Stemmed::Either { first: s, .. } => s,
        }
    }
}

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

fn is_root(w: &[u8]) -> bool {
    ROOTS.iter().any(|r| r.as_bytes() == w)
}

fn text(w: Vec<u8>) -> String {
    // Only ASCII letters were removed or put in.
    String::from_utf8(w).unwrap_or_default()
}

/// The stem of one folded word, knowing nothing of the site: the first
/// reading of [`analyse`].
pub fn stem(word: &str) -> String {
    analyse(word).into_first()
}

/// The stem or the two readings of one folded word. Words that are not
/// all `a`–`z` (numbers, other scripts) come back as they are.
pub fn analyse(word: &str) -> Stemmed {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) || is_root(word.as_bytes())
    {
        return Stemmed::Sure(word.to_string());
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
    if measure <= 2 || is_root(&w) {
        return Stemmed::Sure(text(w));
    }
    if let Some(nasal) = nasal_before_vowel(&w) {
        return nasal.readings(w, measure);
    }
    if let Some(prefix) = first_order_prefix(&mut w) {
        measure -= 1;
        if measure > 2 && !is_root(&w) && remove_suffix(&mut w, prefix) {
            measure -= 1;
        }
        if measure > 2 && !is_root(&w) {
            second_order_prefix(&mut w);
        }
        return Stemmed::Sure(text(w));
    }
    if w.starts_with(b"se") {
        let key = format!("se:{}", String::from_utf8_lossy(&w));
        let second = stem(&String::from_utf8_lossy(&w[2..]));
        return Stemmed::Either {
            key,
            first: second_order(w, measure),
            second,
        };
    }
    Stemmed::Sure(second_order(w, measure))
}

/// A second-order prefix, then a suffix: for words with no first-order
/// prefix.
fn second_order(mut w: Vec<u8>, mut measure: usize) -> String {
    let prefix = second_order_prefix(&mut w);
    if prefix.is_some() {
        measure -= 1;
    }
    if measure > 2 && !is_root(&w) {
        remove_suffix(&mut w, prefix.unwrap_or(Prefix::None));
    }
    text(w)
}

/// A nasal prefix before a vowel, where the root's first letter was
/// dropped or kept: `menerima` (`terima`) and `menilai` (`nilai`),
/// `mengambil` (`ambil`) and `mengelola` (`kelola`), `memakai` (`pakai`)
/// and `memiliki` (`milik`), `menyapu` (`sapu`) and `menyanyi`
/// (`nyanyi`).
struct Nasal {
    /// Letters of the prefix.
    len: usize,
    /// Names the kind in the key: `n`, `g`, `m` or `y`.
    tag: char,
    kind: Prefix,
    /// What the root starts with, in each reading, the usual one first.
    by: [&'static str; 2],
}

fn nasal_before_vowel(w: &[u8]) -> Option<Nasal> {
    let kind = match w.get(..2) {
        Some(b"me") => Prefix::DiMengTer,
        Some(b"pe") => Prefix::KePeng,
        _ => return None,
    };
    let (len, tag, by) = match &w[2..] {
        [b'n', b'g', v, ..] if is_vowel(*v) => (4, 'g', ["", "k"]),
        [b'n', b'y', v, ..] if is_vowel(*v) => (4, 'y', ["s", "ny"]),
        [b'm', v, ..] if is_vowel(*v) => (3, 'm', ["p", "m"]),
        [b'n', v, ..] if is_vowel(*v) => (3, 'n', ["t", "n"]),
        _ => return None,
    };
    Some(Nasal { len, tag, kind, by })
}

impl Nasal {
    /// Both readings of `w`, which starts with this prefix, or the one
    /// that is in [`ROOTS`] (`menilai`, `penilaian` → `nilai`, whose `-i`
    /// only looks like a suffix). No second-order prefix follows a nasal
    /// one before a vowel.
    fn readings(&self, mut w: Vec<u8>, mut measure: usize) -> Stemmed {
        w.drain(..self.len);
        measure -= 1;
        if let Some(root) = self.root(&w) {
            return root;
        }
        if measure > 2 {
            remove_suffix(&mut w, self.kind);
        }
        if let Some(root) = self.root(&w) {
            return root;
        }
        let rest = text(w);
        Stemmed::Either {
            key: format!("{}:{rest}", self.tag),
            first: format!("{}{rest}", self.by[0]),
            second: format!("{}{rest}", self.by[1]),
        }
    }

    /// The reading of `rest` (what follows the prefix) that is a root of
    /// [`ROOTS`], if one is.
    fn root(&self, rest: &[u8]) -> Option<Stemmed> {
        self.by.iter().find_map(|by| {
            let mut w = by.as_bytes().to_vec();
            w.extend_from_slice(rest);
            is_root(&w).then(|| Stemmed::Sure(text(w)))
        })
    }
}

/// Removes a first-order prefix other than a nasal before a vowel.
fn first_order_prefix(w: &mut Vec<u8>) -> Option<Prefix> {
    use Prefix::{DiMengTer, KePeng};
    // Longest first, as Snowball's `among` matches.
    let (len, prefix) = if w.starts_with(b"meng") {
        (4, DiMengTer)
    } else if w.starts_with(b"peng") {
        (4, KePeng)
    } else if w.starts_with(b"mem") || w.starts_with(b"men") || w.starts_with(b"ter") {
        (3, DiMengTer)
    } else if w.starts_with(b"pem") || w.starts_with(b"pen") {
        (3, KePeng)
    } else if w.starts_with(b"di") || w.starts_with(b"me") {
        (2, DiMengTer)
    } else if w.starts_with(b"ke") {
        (2, KePeng)
    } else {
        return None;
    };
    w.drain(..len);
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
    w.splice(..len, by.iter().copied());
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
        // nasal prefixes before a vowel, first reading
        ("menerima", "terima"),
        ("penerimaan", "terima"),
        ("menanam", "tanam"),
        ("menulis", "tulis"),
        ("pemilik", "pilik"),
        ("menyanyi", "sanyi"),
        ("mengambil", "ambil"),
        // roots that only look affixed, after a nasal prefix too
        ("mengelola", "kelola"),
        ("pengelolaan", "kelola"),
        ("menilai", "nilai"),
        ("penilaian", "nilai"),
        ("nilai", "nilai"),
        ("sebuah", "sebuah"),
        ("kepala", "kepala"),
        ("kepalanya", "kepala"),
        ("perangkat", "perangkat"),
        ("berangkat", "angkat"),
        ("pemberitaan", "berita"),
        ("berkelompok", "kelompok"),
        ("sekolah", "sekolah"),
        // se-, whole unless the site says otherwise
        ("selama", "selama"),
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
    fn two_readings_where_the_spelling_cannot_tell() {
        use super::{ROOTS, Stemmed, analyse};
        assert!(ROOTS.windows(2).all(|w| w[0] < w[1]), "ROOTS sorted");
        let either = |key: &str, first: &str, second: &str| Stemmed::Either {
            key: key.into(),
            first: first.into(),
            second: second.into(),
        };
        assert_eq!(analyse("menanam"), either("n:anam", "tanam", "nanam"));
        // Roots that only look affixed, after a nasal prefix too.
        for (word, root) in [
            ("menilai", "nilai"),
            ("penilaian", "nilai"),
            ("nilainya", "nilai"),
            ("menerima", "terima"),
            ("sebuah", "sebuah"),
        ] {
            assert_eq!(analyse(word), Stemmed::Sure(root.into()), "{word}");
        }
        assert_eq!(analyse("pengambilan"), either("g:ambil", "ambil", "kambil"));
        assert_eq!(analyse("memiliki"), either("m:ilik", "pilik", "milik"));
        assert_eq!(analyse("menyanyikan"), either("y:anyi", "sanyi", "nyanyi"));
        assert_eq!(analyse("selamanya"), either("se:selama", "selama", "lama"));
        assert_eq!(analyse("membaca"), Stemmed::Sure("baca".into()));
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
