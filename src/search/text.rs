//! Words as search sees them: folded, split, and the words too common to
//! index.
//!
//! [`fold`] lower-cases and strips diacritics (`Pembangunan` and `PEMBANGÚNAN`
//! are one word, `é` is `e`); [`words`] splits text into folded words. The
//! theme's `cari.js` does exactly the same in the reader's browser
//! (`String.prototype.toLowerCase`, then NFD with the combining marks
//! dropped for Latin letters, then the few letters NFD leaves alone), and
//! `tests/search/agree.mjs` checks both give the same words for the same
//! text. The table below is what that JavaScript gives for every lower-case
//! letter of Latin-1, Latin Extended-A/B and Latin Extended Additional, so
//! no Unicode normalization crate is needed.

/// Lower-case Latin letters with diacritics and what they fold to, sorted.
const FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ð', "d"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('þ', "th"),
    ('ÿ', "y"),
    ('ā', "a"),
    ('ă', "a"),
    ('ą', "a"),
    ('ć', "c"),
    ('ĉ', "c"),
    ('ċ', "c"),
    ('č', "c"),
    ('ď', "d"),
    ('đ', "d"),
    ('ē', "e"),
    ('ĕ', "e"),
    ('ė', "e"),
    ('ę', "e"),
    ('ě', "e"),
    ('ĝ', "g"),
    ('ğ', "g"),
    ('ġ', "g"),
    ('ģ', "g"),
    ('ĥ', "h"),
    ('ħ', "h"),
    ('ĩ', "i"),
    ('ī', "i"),
    ('ĭ', "i"),
    ('į', "i"),
    ('ı', "i"),
    ('ĳ', "ij"),
    ('ĵ', "j"),
    ('ķ', "k"),
    ('ĺ', "l"),
    ('ļ', "l"),
    ('ľ', "l"),
    ('ŀ', "l"),
    ('ł', "l"),
    ('ń', "n"),
    ('ņ', "n"),
    ('ň', "n"),
    ('ŉ', "n"),
    ('ō', "o"),
    ('ŏ', "o"),
    ('ő', "o"),
    ('œ', "oe"),
    ('ŕ', "r"),
    ('ŗ', "r"),
    ('ř', "r"),
    ('ś', "s"),
    ('ŝ', "s"),
    ('ş', "s"),
    ('š', "s"),
    ('ţ', "t"),
    ('ť', "t"),
    ('ŧ', "t"),
    ('ũ', "u"),
    ('ū', "u"),
    ('ŭ', "u"),
    ('ů', "u"),
    ('ű', "u"),
    ('ų', "u"),
    ('ŵ', "w"),
    ('ŷ', "y"),
    ('ź', "z"),
    ('ż', "z"),
    ('ž', "z"),
    ('ſ', "s"),
    ('ơ', "o"),
    ('ư', "u"),
    ('ǎ', "a"),
    ('ǐ', "i"),
    ('ǒ', "o"),
    ('ǔ', "u"),
    ('ǖ', "u"),
    ('ǘ', "u"),
    ('ǚ', "u"),
    ('ǜ', "u"),
    ('ǟ', "a"),
    ('ǡ', "a"),
    ('ǣ', "ae"),
    ('ǧ', "g"),
    ('ǩ', "k"),
    ('ǫ', "o"),
    ('ǭ', "o"),
    ('ǯ', "ʒ"),
    ('ǰ', "j"),
    ('ǵ', "g"),
    ('ǹ', "n"),
    ('ǻ', "a"),
    ('ǽ', "ae"),
    ('ǿ', "o"),
    ('ȁ', "a"),
    ('ȃ', "a"),
    ('ȅ', "e"),
    ('ȇ', "e"),
    ('ȉ', "i"),
    ('ȋ', "i"),
    ('ȍ', "o"),
    ('ȏ', "o"),
    ('ȑ', "r"),
    ('ȓ', "r"),
    ('ȕ', "u"),
    ('ȗ', "u"),
    ('ș', "s"),
    ('ț', "t"),
    ('ȟ', "h"),
    ('ȧ', "a"),
    ('ȩ', "e"),
    ('ȫ', "o"),
    ('ȭ', "o"),
    ('ȯ', "o"),
    ('ȱ', "o"),
    ('ȳ', "y"),
    ('ḁ', "a"),
    ('ḃ', "b"),
    ('ḅ', "b"),
    ('ḇ', "b"),
    ('ḉ', "c"),
    ('ḋ', "d"),
    ('ḍ', "d"),
    ('ḏ', "d"),
    ('ḑ', "d"),
    ('ḓ', "d"),
    ('ḕ', "e"),
    ('ḗ', "e"),
    ('ḙ', "e"),
    ('ḛ', "e"),
    ('ḝ', "e"),
    ('ḟ', "f"),
    ('ḡ', "g"),
    ('ḣ', "h"),
    ('ḥ', "h"),
    ('ḧ', "h"),
    ('ḩ', "h"),
    ('ḫ', "h"),
    ('ḭ', "i"),
    ('ḯ', "i"),
    ('ḱ', "k"),
    ('ḳ', "k"),
    ('ḵ', "k"),
    ('ḷ', "l"),
    ('ḹ', "l"),
    ('ḻ', "l"),
    ('ḽ', "l"),
    ('ḿ', "m"),
    ('ṁ', "m"),
    ('ṃ', "m"),
    ('ṅ', "n"),
    ('ṇ', "n"),
    ('ṉ', "n"),
    ('ṋ', "n"),
    ('ṍ', "o"),
    ('ṏ', "o"),
    ('ṑ', "o"),
    ('ṓ', "o"),
    ('ṕ', "p"),
    ('ṗ', "p"),
    ('ṙ', "r"),
    ('ṛ', "r"),
    ('ṝ', "r"),
    ('ṟ', "r"),
    ('ṡ', "s"),
    ('ṣ', "s"),
    ('ṥ', "s"),
    ('ṧ', "s"),
    ('ṩ', "s"),
    ('ṫ', "t"),
    ('ṭ', "t"),
    ('ṯ', "t"),
    ('ṱ', "t"),
    ('ṳ', "u"),
    ('ṵ', "u"),
    ('ṷ', "u"),
    ('ṹ', "u"),
    ('ṻ', "u"),
    ('ṽ', "v"),
    ('ṿ', "v"),
    ('ẁ', "w"),
    ('ẃ', "w"),
    ('ẅ', "w"),
    ('ẇ', "w"),
    ('ẉ', "w"),
    ('ẋ', "x"),
    ('ẍ', "x"),
    ('ẏ', "y"),
    ('ẑ', "z"),
    ('ẓ', "z"),
    ('ẕ', "z"),
    ('ẖ', "h"),
    ('ẗ', "t"),
    ('ẘ', "w"),
    ('ẙ', "y"),
    ('ẛ', "s"),
    ('ạ', "a"),
    ('ả', "a"),
    ('ấ', "a"),
    ('ầ', "a"),
    ('ẩ', "a"),
    ('ẫ', "a"),
    ('ậ', "a"),
    ('ắ', "a"),
    ('ằ', "a"),
    ('ẳ', "a"),
    ('ẵ', "a"),
    ('ặ', "a"),
    ('ẹ', "e"),
    ('ẻ', "e"),
    ('ẽ', "e"),
    ('ế', "e"),
    ('ề', "e"),
    ('ể', "e"),
    ('ễ', "e"),
    ('ệ', "e"),
    ('ỉ', "i"),
    ('ị', "i"),
    ('ọ', "o"),
    ('ỏ', "o"),
    ('ố', "o"),
    ('ồ', "o"),
    ('ổ', "o"),
    ('ỗ', "o"),
    ('ộ', "o"),
    ('ớ', "o"),
    ('ờ', "o"),
    ('ở', "o"),
    ('ỡ', "o"),
    ('ợ', "o"),
    ('ụ', "u"),
    ('ủ', "u"),
    ('ứ', "u"),
    ('ừ', "u"),
    ('ử', "u"),
    ('ữ', "u"),
    ('ự', "u"),
    ('ỳ', "y"),
    ('ỵ', "y"),
    ('ỷ', "y"),
    ('ỹ', "y"),
];

/// Combining diacritical marks (U+0300–U+036F): text typed as `e` + `◌́`.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Apostrophes vanish inside words: `Jum'at` is `jumat`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ')
}

/// Lower-case, diacritics stripped: `Pémbangunan` → `pembangunan`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Lower-casing a character alone gives what lower-casing the whole text
    // gives, but for a final capital sigma (`ΟΔΟΣ` → `οδος`): only a text
    // with one is lower-cased whole, as JavaScript does.
    if text.contains('Σ') {
        fold_lower(&text.to_lowercase(), &mut out);
    } else {
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(|l| fold_char(l, &mut out));
            }
        }
    }
    out
}

/// Folds text that is already lower case.
fn fold_lower(lower: &str, out: &mut String) {
    for c in lower.chars() {
        fold_char(c, out);
    }
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
    } else if !is_mark(c) {
        match FOLDS.binary_search_by_key(&c, |&(from, _)| from) {
            Ok(i) => out.push_str(FOLDS[i].1),
            Err(_) => out.push(c),
        }
    }
}

/// Words shorter than this are not indexed (nor searched for).
pub const MIN_WORD: usize = 2;
/// Longer runs of letters (a pasted link, a code) are not words.
pub const MAX_WORD: usize = 30;

/// The folded words of `text`, in order: runs of letters and digits, with
/// apostrophes inside them dropped. Too short and too long ones are left
/// out.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out.into_iter()
}

/// Calls `f` with each of the folded words of `text` (see [`words`]),
/// without making a string for each.
///
/// Indexing calls this for every word of every page, so the common case
/// is made cheap: ASCII separators cut the text into pieces, and a piece
/// of ASCII letters and digits only is folded into a buffer on the stack.
/// Only a piece with other characters (`Jum'at`, `Café`) is folded as a
/// string and split as before. Folding a character depends on nothing
/// around it but for a capital sigma, so a text with one is folded whole.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    if text.contains('Σ') {
        return each_folded_word(&fold(text), f);
    }
    let bytes = text.as_bytes();
    let mut buf = [0u8; MAX_WORD];
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && CLASS[usize::from(bytes[i])] == SEPARATOR {
            i += 1;
        }
        let start = i;
        let mut kinds = 0;
        while i < bytes.len() && CLASS[usize::from(bytes[i])] != SEPARATOR {
            kinds |= CLASS[usize::from(bytes[i])];
            i += 1;
        }
        let word = &text[start..i];
        if kinds & OTHER != 0 {
            // Cut at ASCII bytes: `start..i` are character boundaries.
            each_folded_word(&fold(word), &mut f);
        } else if (MIN_WORD..=MAX_WORD).contains(&word.len()) {
            if kinds & UPPER == 0 {
                f(word);
            } else {
                let lower = &mut buf[..word.len()];
                for (to, from) in lower.iter_mut().zip(word.bytes()) {
                    *to = from.to_ascii_lowercase();
                }
                f(std::str::from_utf8(lower).unwrap_or_default());
            }
        }
    }
}

/// What a byte is to [`each_word`]: a separator (ASCII, neither a letter
/// nor a digit nor an apostrophe: it ends a word in the folded text too,
/// as folding maps ASCII to ASCII), or a bit set of what a word holds.
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
/// An apostrophe or a byte of a character beyond ASCII.
const OTHER: u8 = 4;
const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else if c == b'\'' || c == b'`' {
            OTHER
        } else {
            SEPARATOR
        };
        b += 1;
    }
    class
};

/// [`each_word`] over text already folded.
fn each_folded_word(folded: &str, mut f: impl FnMut(&str)) {
    let bytes = folded.as_bytes();
    // A word is a slice of `folded`, or, when it had an apostrophe in it,
    // the letters gathered in `joined`.
    let mut start: Option<usize> = None;
    let mut joined = String::new();
    let mut split = false;
    let mut chars = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let (letter, apostrophe, len) = match bytes.get(i) {
            None => (false, false, 1),
            Some(&b) if b < 128 => (b.is_ascii_alphanumeric(), b == b'\'' || b == b'`', 1),
            Some(_) => {
                let c = folded[i..].chars().next().unwrap_or(' ');
                (
                    c.is_alphabetic() || c.is_numeric(),
                    is_apostrophe(c),
                    c.len_utf8(),
                )
            }
        };
        if letter {
            chars += 1;
            if split {
                joined.push_str(&folded[i..i + len]);
            } else {
                start.get_or_insert(i);
            }
        } else if let Some(s) = start {
            if apostrophe {
                // Part of the word: `jum'at`; a quote before a word is dropped too.
                if !split {
                    joined.clear();
                    joined.push_str(&folded[s..i]);
                    split = true;
                }
            } else {
                if (MIN_WORD..=MAX_WORD).contains(&chars) {
                    f(if split { &joined } else { &folded[s..i] });
                }
                start = None;
                split = false;
                chars = 0;
            }
        }
        i += len;
    }
}

/// Function words on nearly every page: indexing them would only make the
/// index bigger, and a search for them finds everything. Folded, unstemmed.
pub const STOPWORDS: &[&str] = &[
    "ada", "adalah", "agar", "akan", "antara", "atau", "bagi", "bahwa", "banyak", "beberapa",
    "belum", "bisa", "dalam", "dan", "dapat", "dari", "dengan", "di", "dia", "hal", "hanya",
    "hingga", "ia", "ini", "itu", "jika", "juga", "kami", "karena", "ke", "kepada", "kita", "lagi",
    "lebih", "maka", "masih", "mereka", "namun", "oleh", "pada", "para", "saat", "sampai",
    "sebagai", "secara", "sedang", "sejak", "seperti", "serta", "setelah", "sudah", "tak", "telah",
    "tersebut", "tetapi", "tidak", "untuk", "yaitu", "yakni", "yang",
];

/// Whether a folded word is too common to index.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::{FOLDS, STOPWORDS, each_folded_word, each_word, fold, is_stopword, words};

    #[test]
    fn folds_case_and_diacritics() {
        for (from, to) in [
            ("Pembangunan", "pembangunan"),
            ("PÉMBANGÚNAN", "pembangunan"),
            ("Café Ñusa", "cafe nusa"),
            ("Straße", "strasse"),
            ("e\u{301}", "e"),
            ("Şükran", "sukran"),
            ("İbu", "ibu"),
            ("Tiếng Việt", "tieng viet"),
            ("Ærø", "aero"),
            ("ΟΔΟΣ", "οδο\u{3c2}"),
        ] {
            assert_eq!(fold(from), to, "{from}");
        }
    }

    #[test]
    fn splits_words() {
        let w: Vec<String> =
            words("Jum'at, 26/8: Pembangunan JALAN (RT 05) — a kopi-kopi “Sukamaju”.").collect();
        assert_eq!(
            w,
            [
                "jumat",
                "26",
                "pembangunan",
                "jalan",
                "rt",
                "05",
                "kopi",
                "kopi",
                "sukamaju"
            ]
        );
        assert_eq!(words("").count(), 0);
        assert_eq!(words(&"x".repeat(31)).count(), 0);
        assert_eq!(words("'kata'").collect::<Vec<_>>(), ["kata"]);
    }

    /// The fast path for ASCII pieces gives what folding the whole text
    /// and splitting it gives.
    #[test]
    fn pieces_split_as_the_whole_text() {
        for text in [
            "Jum'at, 26/8: Pembangunan JALAN (RT 05) — kopi-kopi “Sukamaju”.",
            "'kata' `x` a'b'c dan'' ''dan Café-Ñusa ÉTÉ Straße e\u{301}lan",
            "ΟΔΟΣ. ΟΔΟΣ.Α abcdefghijklmnopqrstuvwxyz01234 ab a 12 x'y Ḁbc日本語 İbu",
            "",
            "   ",
            "a-b-c de'' 'fg kata’nya",
        ] {
            let mut fast = Vec::new();
            each_word(text, |w| fast.push(w.to_string()));
            let mut whole = Vec::new();
            each_folded_word(&fold(text), |w| whole.push(w.to_string()));
            assert_eq!(fast, whole, "{text}");
        }
    }

    #[test]
    fn tables_are_sorted() {
        assert!(FOLDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("yang") && !is_stopword("desa"));
    }
}
