//! The TOML mistakes writers make most, each with its own message and the
//! right form of exactly what was written.
//!
//! [`super::tomlerr`] hands over the parser's (English) message and the
//! `key = value` line it points into; [`explain`] recognises the mistake
//! and answers in Indonesian and English:
//!
//! - a date or time in a form TOML does not read (`29/11/2026`,
//!   `26 Agustus 2025`, `19.30`, `+0700`), quoted or not, gets the TOML form
//!   of that same date ([`super::loosedate`]); a valid date in quotes is
//!   told to lose them; a day or time that does not exist is named;
//! - curly quotes `“…”` from a phone keyboard, quotes inside a text, text
//!   without quotes, a list where one value belongs (`category = ["x"]`)
//!   and one value where a list belongs (`tags = "a, b"`), numbers and
//!   `true`/`false` in quotes.
//!
//! What it does not recognise falls back to the general hint of the caller.

use crate::diag::Text;
use crate::load::loosedate::{self, Loose};
use crate::text;

/// Keys whose value is a TOML date or datetime, in any warta file.
const DATE_KEYS: &[&str] = &[
    "date",
    "updated",
    "expires",
    "start",
    "end",
    "term_start",
    "term_end",
    "founded",
    "as_of",
];

/// Keys whose value is a time of day written as text (`open = "08:00"`).
const TIME_KEYS: &[&str] = &["open", "close"];

/// One `key = value` line, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The last part of the key, without quotes: `start` for `event.start`.
    pub key: &'a str,
    /// The value as written, without a trailing comment.
    pub value: &'a str,
    /// Byte offset of `value` in the text the line was read from.
    pub value_start: usize,
}

/// The `key = value` line that byte `offset` of `source` lies on.
pub fn entry_at(source: &str, offset: usize) -> Option<Entry<'_>> {
    let offset = offset.min(source.len());
    let start = source.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = &source[start..end];
    let eq = line.find('=')?;
    let key = line[..eq].trim().rsplit('.').next()?.trim();
    let key = key.trim_matches(['"', '\'']);
    let raw = &line[eq + 1..];
    let lead = raw.len() - raw.trim_start().len();
    let value = without_comment(raw.trim_start()).trim_end();
    (!key.is_empty() && !key.starts_with('[')).then_some(Entry {
        key,
        value,
        value_start: start + eq + 1 + lead,
    })
}

/// Cuts a `# comment` that lies outside straight quotes.
fn without_comment(value: &str) -> &str {
    let mut quote: Option<char> = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') => return &value[..i],
            _ => {}
        }
    }
    value
}

/// A message and a hint for a mistake recognised in `entry`, given the
/// parser's `message`.
pub fn explain(message: &str, entry: &Entry) -> Option<(Text, Text)> {
    let m = message.to_lowercase();
    let key = entry.key;
    if m.contains("expected a toml datetime") || DATE_KEYS.contains(&key) && is_syntax(&m) {
        return Some(date_mistake(entry));
    }
    if TIME_KEYS.contains(&key)
        && (is_syntax(&m) || m.contains("expected a string"))
        && let Some(fix) = time_mistake(entry)
    {
        return Some(fix);
    }
    if has_curly_quotes(entry.value) {
        return Some(curly_quotes(entry));
    }
    if is_syntax(&m) && inner_quotes(entry.value) {
        return Some(quotes_inside(entry));
    }
    if m.starts_with("invalid type: sequence") {
        return Some(list_for_one(entry));
    }
    if m.contains("expected a sequence") && is_quoted(entry.value) {
        return Some(one_for_list(entry));
    }
    if m.contains("string values must be quoted") || m.contains("expected a string") {
        return unquoted_text(entry);
    }
    if m.starts_with("invalid type: string") {
        return quoted_number(entry);
    }
    None
}

/// A syntax error rather than a wrong type for a key.
fn is_syntax(m: &str) -> bool {
    !m.starts_with("invalid type") && !m.contains("unknown field") && !m.contains("missing field")
}

fn is_quoted(value: &str) -> bool {
    value.starts_with(['"', '\'', '“', '”', '‘', '’'])
}

fn has_curly_quotes(value: &str) -> bool {
    value.starts_with(['“', '”', '‘', '’', '„']) || value.ends_with(['“', '”', '‘', '’'])
}

/// `"Lomba "KIM" 2025"`: a straight quote between the outer ones.
fn inner_quotes(value: &str) -> bool {
    let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
        return false;
    };
    inner.replace("\\\\", "").replace("\\\"", "").contains('"')
}

/// A date or datetime TOML cannot read, quoted or not.
fn date_mistake(entry: &Entry) -> (Text, Text) {
    let (key, value) = (entry.key, entry.value);
    let how_id = "tahun-bulan-tanggal, tanpa tanda kutip";
    let how_en = "year-month-day, without quotes";
    match loosedate::read(value) {
        Some(Loose::Datetime { toml, .. }) if loosedate::strip_quotes(value) == toml => (
            text!(
                "Tanggal di `{key}` ditulis di antara tanda kutip, jadi dibaca sebagai teks.",
                "The date in `{key}` is written in quotes, so it is read as text."
            ),
            text!(
                "Hapus tanda kutipnya: `{key} = {toml}`.",
                "Remove the quotes: `{key} = {toml}`."
            ),
        ),
        Some(Loose::Datetime { toml, zone_guessed }) => {
            let (zone_id, zone_en) = if zone_guessed {
                (
                    "; +07:00 adalah WIB, tulis +08:00 untuk WITA, +09:00 untuk WIT",
                    "; +07:00 is WIB, write +08:00 for WITA, +09:00 for WIT",
                )
            } else {
                ("", "")
            };
            (
                text!(
                    "Tanggal `{value}` di `{key}` tidak ditulis dalam bentuk yang dibaca warta.",
                    "The date `{value}` in `{key}` is not written in a form warta reads."
                ),
                text!(
                    "Tulis `{key} = {toml}` ({how_id}{zone_id}).",
                    "Write `{key} = {toml}` ({how_en}{zone_en})."
                ),
            )
        }
        Some(Loose::Time(t)) => (
            text!(
                "`{key}` perlu tanggal, bukan jam saja (`{value}`).",
                "`{key}` needs a date, not only a time (`{value}`)."
            ),
            text!(
                "Tulis tanggal dan jamnya, misalnya `{key} = 2025-08-26T{t}:00+07:00` ({how_id}; +07:00 adalah WIB).",
                "Write the date and the time, e.g. `{key} = 2025-08-26T{t}:00+07:00` ({how_en}; +07:00 is WIB)."
            ),
        ),
        Some(Loose::NoSuchDay { year, month, day }) => no_such_day(key, value, year, month, day),
        Some(Loose::NoSuchTime { hour, minute }) => no_such_time(key, value, hour, minute),
        Some(Loose::Offset(_)) | None => (
            text!(
                "`{value}` di `{key}` bukan tanggal yang bisa dibaca.",
                "`{value}` in `{key}` is not a date warta can read."
            ),
            text!(
                "Tulis tanggal tanpa tanda kutip sebagai tahun-bulan-tanggal, misalnya `{key} = 2025-08-26`, atau dengan jam: `{key} = 2025-08-26T09:30:00+07:00` (+07:00 adalah WIB).",
                "Write the date without quotes as year-month-day, e.g. `{key} = 2025-08-26`, or with a time: `{key} = 2025-08-26T09:30:00+07:00` (+07:00 is WIB)."
            ),
        ),
    }
}

fn no_such_day(key: &str, value: &str, year: i32, month: u32, day: u32) -> (Text, Text) {
    let hint = match loosedate::days_in_month(year, month) {
        Some(days) => text!(
            "Bulan {month} tahun {year} hanya punya {days} hari, jadi tanggal {day} tidak ada. Periksa tanggalnya; bentuknya `{key} = {year:04}-{month:02}-DD`.",
            "Month {month} of {year} has only {days} days, so day {day} does not exist. Check the date; its form is `{key} = {year:04}-{month:02}-DD`."
        ),
        None => text!(
            "Bulan ditulis 01 sampai 12. Bentuknya `{key} = {year:04}-MM-DD` (tahun-bulan-tanggal).",
            "Months are 01 to 12. The form is `{key} = {year:04}-MM-DD` (year-month-day)."
        ),
    };
    (
        text!(
            "Tanggal `{value}` di `{key}` tidak ada di kalender.",
            "The date `{value}` in `{key}` does not exist."
        ),
        hint,
    )
}

fn no_such_time(key: &str, value: &str, hour: u32, minute: u32) -> (Text, Text) {
    (
        text!(
            "Jam `{value}` di `{key}` tidak ada (jam {hour}, menit {minute}).",
            "The time `{value}` in `{key}` does not exist (hour {hour}, minute {minute})."
        ),
        Text::new(
            "Jam ditulis 00 sampai 23 dan menit 00 sampai 59, dengan titik dua: `19:30`.",
            "Hours are 00 to 23 and minutes 00 to 59, with a colon: `19:30`.",
        ),
    )
}

/// `open = 19.30` or `open = "19.30"` (a text time).
fn time_mistake(entry: &Entry) -> Option<(Text, Text)> {
    let (key, value) = (entry.key, entry.value);
    match loosedate::read(value)? {
        Loose::Time(t) => Some((
            text!(
                "Jam `{value}` di `{key}` harus ditulis sebagai teks.",
                "The time `{value}` in `{key}` must be written as text."
            ),
            text!(
                "Tulis `{key} = \"{t}\"` (jam:menit, 24 jam, di antara tanda kutip).",
                "Write `{key} = \"{t}\"` (hours:minutes, 24-hour clock, in quotes)."
            ),
        )),
        Loose::NoSuchTime { hour, minute } => Some(no_such_time(key, value, hour, minute)),
        _ => None,
    }
}

/// `title = “Judul”`: quotes from a phone keyboard.
fn curly_quotes(entry: &Entry) -> (Text, Text) {
    let (key, value) = (entry.key, entry.value);
    let fixed = quoted(value.trim_matches(['“', '”', '‘', '’', '„', '"', '\'']));
    (
        text!(
            "Tanda kutip di `{key}` adalah kutip lengkung (“ ” atau ‘ ’, dari keyboard ponsel); TOML hanya mengenal kutip lurus \".",
            "The quotes in `{key}` are curly quotes (“ ” or ‘ ’, from a phone keyboard); TOML only knows straight quotes \"."
        ),
        text!(
            "Tulis `{key} = {fixed}`. Di ponsel, tekan lama tombol kutip untuk memilih \" yang lurus, atau matikan \"tanda baca pintar\".",
            "Write `{key} = {fixed}`. On a phone, long-press the quote key to pick the straight \", or turn off \"smart punctuation\"."
        ),
    )
}

/// `title = "Lomba "KIM" 2025"`.
fn quotes_inside(entry: &Entry) -> (Text, Text) {
    let (key, value) = (entry.key, entry.value);
    let inner = &value[1..value.len() - 1];
    let fixed = quoted(inner);
    (
        text!(
            "Teks `{key}` memuat tanda kutip \" di dalamnya, jadi TOML mengira teksnya berakhir di tengah.",
            "The text of `{key}` holds a quote \" inside it, so TOML takes the text to end in the middle."
        ),
        text!(
            "Tulis `{key} = {fixed}`: kutip tunggal di luar, atau \\\" untuk setiap kutip di dalam.",
            "Write `{key} = {fixed}`: single quotes outside, or \\\" for each quote inside."
        ),
    )
}

/// `inner` as a TOML string: `'…'` when it holds `"`, else `"…"`.
fn quoted(inner: &str) -> String {
    if !inner.contains('"') {
        format!("\"{inner}\"")
    } else if !inner.contains('\'') {
        format!("'{inner}'")
    } else {
        format!("\"{}\"", inner.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `category = ["x"]` where one value belongs.
fn list_for_one(entry: &Entry) -> (Text, Text) {
    let key = entry.key;
    let items = list_items(entry.value);
    let hint = match items.as_slice() {
        [one] => text!(
            "Tulis satu nilai tanpa kurung siku: `{key} = {one}`.",
            "Write one value without square brackets: `{key} = {one}`."
        ),
        [first, ..] => text!(
            "Pilih satu, misalnya `{key} = {first}`; kata lain bisa masuk `tags = [...]`.",
            "Choose one, e.g. `{key} = {first}`; other words can go in `tags = [...]`."
        ),
        [] => text!(
            "Tulis satu nilai tanpa kurung siku, misalnya `{key} = \"...\"`.",
            "Write one value without square brackets, e.g. `{key} = \"...\"`."
        ),
    };
    (
        text!(
            "`{key}` hanya berisi satu nilai, bukan daftar [ ... ].",
            "`{key}` holds one value, not a list [ ... ]."
        ),
        hint,
    )
}

/// The items of a one-line list as written: `["a", "b"]` → `"a"`, `"b"`.
fn list_items(value: &str) -> Vec<&str> {
    let inner = value.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `tags = "a, b"` where a list belongs.
fn one_for_list(entry: &Entry) -> (Text, Text) {
    let key = entry.key;
    let words: Vec<String> = loosedate::strip_quotes(entry.value)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(quoted)
        .collect();
    let list = format!("[{}]", words.join(", "));
    (
        text!(
            "`{key}` berisi daftar, jadi nilainya ditulis dalam kurung siku.",
            "`{key}` holds a list, so its value is written in square brackets."
        ),
        text!("Tulis `{key} = {list}`.", "Write `{key} = {list}`."),
    )
}

/// `title = Judul` or `postal_code = 65151`: text without quotes.
fn unquoted_text(entry: &Entry) -> Option<(Text, Text)> {
    let (key, value) = (entry.key, entry.value);
    if value.is_empty() || is_quoted(value) || value.starts_with(['[', '{']) {
        return None;
    }
    let fixed = quoted(value);
    Some((
        text!(
            "Nilai `{key}` adalah teks, jadi harus diapit tanda kutip.",
            "The value of `{key}` is text, so it must be in quotes."
        ),
        text!("Tulis `{key} = {fixed}`.", "Write `{key} = {fixed}`."),
    ))
}

/// `posts_per_page = "10"`, `draft = "true"`: a number or yes/no in quotes.
fn quoted_number(entry: &Entry) -> Option<(Text, Text)> {
    let (key, value) = (entry.key, entry.value);
    let inner = loosedate::strip_quotes(value);
    let plain = inner.replace(['.', '_'], "");
    let number = !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit());
    let yes_no = matches!(inner, "true" | "false");
    if !is_quoted(value) || !(number || yes_no) {
        return None;
    }
    let bare = if number { plain.as_str() } else { inner };
    Some((
        text!(
            "`{key}` berisi angka atau true/false, bukan teks dalam tanda kutip.",
            "`{key}` holds a number or true/false, not text in quotes."
        ),
        text!(
            "Tulis `{key} = {bare}` tanpa tanda kutip (angka tanpa titik ribuan).",
            "Write `{key} = {bare}` without quotes (numbers without thousands dots)."
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::{entry_at, explain};

    /// The hint for `line` (as a whole file) and a parser `message`.
    fn hint(line: &str, message: &str) -> String {
        let entry = entry_at(line, 0).unwrap();
        explain(message, &entry)
            .map(|(_, h)| h.en)
            .unwrap_or_default()
    }

    const SYNTAX: &str = "string values must be quoted, expected literal string";

    #[test]
    fn reads_the_entry_around_an_offset() {
        let src = "a = 1\nevent.start = 26/08/2025 # rapat\n";
        let e = entry_at(src, 20).unwrap();
        assert_eq!((e.key, e.value), ("start", "26/08/2025"));
        assert_eq!(&src[e.value_start..e.value_start + 2], "26");
        assert_eq!(entry_at("[event]\n", 2), None);
    }

    #[test]
    fn shows_the_toml_form_of_each_date_as_written() {
        for (line, message, want) in [
            ("date = 29/11/2026", SYNTAX, "`date = 2026-11-29`"),
            (
                "date = \"29/11/2026\"",
                "invalid type: string \"29/11/2026\", expected a TOML datetime",
                "`date = 2026-11-29`",
            ),
            ("date = 26 Agustus 2025", SYNTAX, "`date = 2025-08-26`"),
            (
                "start = 2025-08-26 19.30",
                "invalid time, expected `:` (HH:MM)",
                "`start = 2025-08-26T19:30:00+07:00`",
            ),
            (
                "date = 2025-08-26T19:30:00+0700",
                "invalid offset, expected `:` (HH:MM)",
                "`date = 2025-08-26T19:30:00+07:00`",
            ),
            (
                "expires = \"2025-08-26\"",
                "invalid type: string \"2025-08-26\", expected a TOML datetime",
                "Remove the quotes: `expires = 2025-08-26`",
            ),
            ("date = 19.30", SYNTAX, "`date = 2025-08-26T19:30:00+07:00`"),
            ("date = 2025-02-30", "invalid date", "has only 28 days"),
            (
                "open = 19.30",
                "invalid type: floating point `19.3`, expected a string",
                "`open = \"19:30\"`",
            ),
            ("close = 25:99", SYNTAX, "Hours are 00 to 23"),
        ] {
            let got = hint(line, message);
            assert!(got.contains(want), "{line}: {got}");
        }
    }

    #[test]
    fn explains_quotes_lists_and_numbers() {
        for (line, message, want) in [
            ("title = “Lomba KIM”", SYNTAX, "`title = \"Lomba KIM\"`"),
            ("title = ‘Lomba KIM’", SYNTAX, "`title = \"Lomba KIM\"`"),
            (
                "title = \"Lomba \"KIM\" 2025\"",
                "expected newline, `#`",
                "`title = 'Lomba \"KIM\" 2025'`",
            ),
            (
                "category = [\"kesehatan\"]",
                "invalid type: sequence, expected a string",
                "`category = \"kesehatan\"`",
            ),
            (
                "category = [\"a\", \"b\"]",
                "invalid type: sequence, expected a string",
                "Choose one, e.g. `category = \"a\"`",
            ),
            (
                "tags = \"posyandu, balita\"",
                "invalid type: string \"posyandu, balita\", expected a sequence",
                "`tags = [\"posyandu\", \"balita\"]`",
            ),
            (
                "title = Posyandu Krajan",
                SYNTAX,
                "`title = \"Posyandu Krajan\"`",
            ),
            (
                "postal_code = 65151",
                "invalid type: integer `65151`, expected a string",
                "`postal_code = \"65151\"`",
            ),
            (
                "posts_per_page = \"10\"",
                "invalid type: string \"10\", expected i64",
                "`posts_per_page = 10`",
            ),
            (
                "draft = \"true\"",
                "invalid type: string \"true\", expected a boolean",
                "`draft = true`",
            ),
        ] {
            let got = hint(line, message);
            assert!(got.contains(want), "{line}: {got}");
        }
    }
}
