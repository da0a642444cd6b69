//! The site's own vocabulary decides what the spelling cannot.
//!
//! [`stem::analyse`] gives two readings for a nasal prefix before a vowel
//! (`menerima`: `terima` or `nerima`; `mengelola`: `elola` or `kelola`)
//! and for `se-` (`selama`: `selama` or `lama`). A dictionary would tell
//! them apart; Indonesia's open one (Kateglo, which Sastrawi ships) is
//! CC BY-NC-SA, so warta asks the site instead: a reading is *attested*
//! when words of the site that have only one reading stem to it
//! (`ditanam`, `tanaman` attest `tanam` for `menanam`). Each pair takes
//! the reading attested by more occurrences, the first on a tie.
//!
//! The choices are made once per build from every word of the site and
//! shipped with the index (`a` in `/cari/index.js`: the keys of the
//! pairs that take their second reading), so `cari.js` stems a query
//! exactly as the build stemmed the text, words the site never uses
//! included (those take the first reading on both sides).

use std::collections::{HashMap, HashSet};

use super::stem::{self, Stemmed};

/// Which reading each ambiguous pair takes on one site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    second: HashSet<String>,
}

impl Choices {
    /// Choices from a vocabulary: each folded word (not a stopword) and
    /// how often it occurs.
    pub fn from_vocabulary<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> Choices {
        let mut attested: HashMap<String, u64> = HashMap::new();
        let mut pairs: HashMap<String, (String, String)> = HashMap::new();
        for (word, count) in words {
            match stem::analyse(word) {
                Stemmed::Sure(s) => *attested.entry(s).or_default() += u64::from(count),
                Stemmed::Either { key, first, second } => {
                    pairs.entry(key).or_insert((first, second));
                }
            }
        }
        let weight = |s: &str| attested.get(s).copied().unwrap_or(0);
        let second = pairs
            .into_iter()
            .filter(|(_, (first, second))| weight(second) > weight(first))
            .map(|(key, _)| key)
            .collect();
        Choices { second }
    }

    /// Choices as shipped: the keys that take their second reading.
    pub fn from_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Choices {
        Choices {
            second: keys.into_iter().map(str::to_string).collect(),
        }
    }

    /// The keys that take their second reading, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.second.iter().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The stem of a folded word on this site.
    pub fn stem(&self, word: &str) -> String {
        match stem::analyse(word) {
            Stemmed::Sure(s) => s,
            Stemmed::Either { key, first, second } => {
                if self.second.contains(&key) {
                    second
                } else {
                    first
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Choices;

    #[test]
    fn the_site_decides_between_readings() {
        let site = Choices::from_vocabulary([
            ("menerima", 3),
            ("diterima", 1),
            ("menilai", 2),
            ("nilai", 5),
            ("mengelola", 1),
            ("dikelola", 1),
            ("mengambil", 1),
            ("memiliki", 1),
            ("milik", 2),
            ("selama", 1),
            ("lama", 1),
            ("sekolah", 4),
        ]);
        for (word, stem) in [
            ("menerima", "terima"),
            ("penerimaan", "terima"),
            ("menilai", "nilai"),
            ("mengelola", "kelola"),
            ("pengelolaan", "kelola"),
            ("mengambil", "ambil"),
            ("memiliki", "milik"),
            ("pemilik", "milik"),
            ("selama", "lama"),
            ("sekolah", "sekolah"),
            ("menanam", "tanam"),
            ("memakai", "paka"),
            ("menyapu", "sapu"),
        ] {
            assert_eq!(site.stem(word), stem, "{word}");
        }
        assert_eq!(site.keys(), ["m:ilik", "se:selama"]);
        assert_eq!(Choices::from_keys(site.keys()), site);
        // Knowing nothing, the first reading.
        assert_eq!(Choices::default().stem("menanam"), "tanam");
    }
}
