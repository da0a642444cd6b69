//! TOML parse errors turned into diagnostics a writer can act on.
//!
//! The `toml` crate reports a byte span and an English sentence. Here the
//! span becomes `file:line:col` in the *whole* file (front matter starts
//! after the first `+++` line, so callers pass the offset of the TOML
//! block), and the common mistakes get an Indonesian explanation: an
//! unknown key names the nearest valid one, including the Indonesian words
//! writers type (`judul` → `title`).

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::load::tomlhint::{entry_at, explain};
use crate::text;

/// Indonesian (and common English) words a writer may type for a key.
const KEY_ALIASES: &[(&str, &str)] = &[
    ("judul", "title"),
    ("tanggal", "date"),
    ("tgl", "date"),
    ("waktu", "date"),
    ("kategori", "category"),
    ("categories", "category"),
    ("penulis", "author"),
    ("pewarta", "author"),
    ("authors", "author"),
    ("gambar", "image"),
    ("foto", "image"),
    ("ringkasan", "summary"),
    ("description", "summary"),
    ("deskripsi", "summary"),
    ("tag", "tags"),
    ("label", "tags"),
    ("lokasi", "place"),
    ("tempat", "place"),
    ("draf", "draft"),
    ("konsep", "draft"),
    ("kedaluwarsa", "expires"),
    ("berakhir", "expires"),
    ("sampai", "expires"),
    ("diperbarui", "updated"),
    ("sumber", "source"),
    ("acara", "event"),
    ("kegiatan", "event"),
    ("sematkan", "pinned"),
    ("keterangan_foto", "image_caption"),
    ("alt", "image_alt"),
    ("nama", "name"),
    ("mulai", "start"),
    ("selesai", "end"),
];

/// The valid key nearest to `unknown`: an alias first, then edit distance.
pub fn suggest_key<'a>(unknown: &str, valid: &[&'a str]) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    let alias = KEY_ALIASES.iter().find(|(alias, _)| *alias == lower);
    if let Some(v) = alias.and_then(|(_, target)| valid.iter().find(|v| *v == target)) {
        return Some(v);
    }
    valid
        .iter()
        .map(|v| (strsim::damerau_levenshtein(&lower, v), *v))
        .filter(|(d, v)| *d <= 2.max(v.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// Parses serde's "unknown field `x`, expected one of `a`, `b`" message.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (name, tail) = rest.split_once('`')?;
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((name.to_string(), expected))
}

/// The key of serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<&str> {
    let field = message.strip_prefix("missing field `")?;
    Some(field.trim_end_matches('`'))
}

/// Turns a `toml` error into a diagnostic.
///
/// `source` is the whole file, `base` the byte offset in it where the
/// TOML text that was parsed begins, `what` names the kind of file for the
/// message (`front matter`, `warta.toml`…).
pub fn toml_diagnostic(
    err: &toml::de::Error,
    file: &Path,
    source: &str,
    base: usize,
    what: &Text,
) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let start = base + span.start;
    let len = span.end.saturating_sub(span.start).max(1);
    let message = err.message().trim();
    let (what_id, what_en) = (&what.id, &what.en);
    let diag = if let Some((key, expected)) = unknown_field(message) {
        let valid: Vec<&str> = expected.iter().map(String::as_str).collect();
        let list = expected.join(", ");
        let mut d = Diagnostic::error(text!(
            "Kunci `{key}` tidak dikenal di {what_id}.",
            "Unknown key `{key}` in {what_en}."
        ));
        d = match suggest_key(&key, &valid) {
            Some(s) => d.hint(text!(
                "Ganti `{key}` dengan `{s}`. Kunci yang sah: {list}.",
                "Replace `{key}` with `{s}`. Valid keys: {list}."
            )),
            None => d.hint(text!(
                "Hapus `{key}` atau pakai salah satu kunci yang sah: {list}.",
                "Remove `{key}` or use one of the valid keys: {list}."
            )),
        };
        d
    } else if let Some(field) = missing_field(message) {
        Diagnostic::error(text!(
            "Kunci wajib `{field}` belum ada di {what_id}.",
            "The required key `{field}` is missing in {what_en}."
        ))
        .hint(text!(
            "Tambahkan baris `{field} = ...` di {what_id}.",
            "Add a line `{field} = ...` to {what_en}."
        ))
    } else if let Some((entry, (msg, hint))) = entry_at(source, start)
        .and_then(|entry| explain(message, &entry).map(|found| (entry, found)))
    {
        let len = entry.value.len().max(1);
        return Diagnostic::error(msg)
            .hint(hint)
            .in_file(file)
            .at(source, entry.value_start, len);
    } else {
        Diagnostic::error(text!(
            "Penulisan TOML di {what_id} salah: {message}",
            "Invalid TOML in {what_en}: {message}"
        ))
        .hint(toml_hint(message))
    };
    diag.in_file(file).at(source, start, len)
}

/// How many key problems one file may report before the rest wait for the
/// next run (a file pasted in the wrong place would list every line).
const MAX_REPORTED: usize = 50;

/// Parses `text`, the TOML part of `source` that starts at byte `base`,
/// into `T`. Every unknown key and wrongly typed value of the file is
/// reported, not only the first that serde meets: each one is blanked out
/// (spaces, so every later offset still points at the writer's text) and
/// the parse runs again; so is a syntax error on a line whose mistake is
/// recognised (a date as written, curly quotes). Any other syntax error
/// ends the list, and so does a "missing key" that blanking a known key
/// would cause.
pub fn parse_toml<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    source: &str,
    base: usize,
    what: &Text,
) -> Result<T, Diagnostics> {
    let mut copy = text.to_string();
    let mut problems = Diagnostics::new();
    // A missing key that is only missing because its misspelling or its
    // wrongly typed value was blanked is no news to the writer.
    let mut blanked_known = false;
    let mut renamed: Vec<String> = Vec::new();
    for _ in 0..=MAX_REPORTED {
        let err = match toml::from_str::<T>(&copy) {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(err) => err,
        };
        if let Some(field) = missing_field(err.message())
            && (blanked_known || renamed.iter().any(|r| r == field))
        {
            break;
        }
        problems.push(toml_diagnostic(&err, file, source, base, what));
        let Some(at) = err.span() else { break };
        let fixed = if DeTable::parse(&copy).is_err() {
            blanked_known = true;
            blank_mistaken_line(&mut copy, &at, err.message())
        } else {
            match unknown_field(err.message()) {
                Some((key, expected)) => {
                    let valid: Vec<&str> = expected.iter().map(String::as_str).collect();
                    let suggested = suggest_key(&key, &valid);
                    renamed.extend(suggested.map(str::to_string));
                    suggested.is_some_and(|s| rename_key(&mut copy, &at, s))
                        || blank_entry(&mut copy, &at)
                }
                None => {
                    blanked_known = true;
                    blank_entry(&mut copy, &at)
                }
            }
        };
        if !fixed {
            break;
        }
    }
    Err(problems)
}

/// Blanks the line of a syntax error that [`explain`] recognised (a date
/// as written, curly quotes…), so the next mistake of the file is found
/// in the same run. A line that opens a list, a table or a multi-line
/// text is left alone: what follows it would be misread.
fn blank_mistaken_line(text: &mut String, at: &Range<usize>, message: &str) -> bool {
    let Some(entry) = entry_at(text, at.start) else {
        return false;
    };
    let opens_more = entry.value.starts_with(['[', '{'])
        || entry.value.starts_with("\"\"\"")
        || entry.value.starts_with("'''");
    if opens_more || explain(message, &entry).is_none() {
        return false;
    }
    let start = text[..entry.value_start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[entry.value_start..]
        .find('\n')
        .map_or(text.len(), |i| entry.value_start + i);
    let blanked = blank(&text[start..end]);
    text.replace_range(start..end, &blanked);
    true
}

/// Spaces for every byte of `s` but its line breaks, so offsets stay.
fn blank(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            _ => " ".repeat(c.len_utf8()),
        })
        .collect()
}

/// Writes the suggested key `to` over the unknown key at `at`, so the rest
/// of the file is checked as if the writer had fixed it (a required key
/// written as `nama` is then not also missing). Keeps every offset: the
/// key is padded with spaces, or takes spaces before its `=`; false when
/// neither fits or the result is no valid TOML (the key already exists).
fn rename_key(text: &mut String, at: &Range<usize>, to: &str) -> bool {
    let Some(after) = text.get(at.end..) else {
        return false;
    };
    let room = at.len() + after.len() - after.trim_start_matches([' ', '\t']).len();
    if to.len() > room || !text[at.clone()].is_ascii() {
        return false;
    }
    let mut candidate = text.clone();
    let written = format!("{to:<width$}", width = at.len().max(to.len()));
    candidate.replace_range(at.start..at.start + written.len(), &written);
    if DeTable::parse(&candidate).is_err() {
        return false;
    }
    *text = candidate;
    true
}

/// Blanks out the `key = value` entry whose key or value spans `at`;
/// false when it is not one such entry (a `[table]` header, a dotted key,
/// a syntax error) and the text is left as it was.
fn blank_entry(text: &mut String, at: &Range<usize>) -> bool {
    let Some((key, value)) = DeTable::parse(text)
        .ok()
        .and_then(|doc| entry_spans(doc.get_ref(), at))
    else {
        return false;
    };
    if text.get(key.end..value.start).map(str::trim) != Some("=") {
        return false;
    }
    let blanked = blank(&text[key.start..value.end]);
    let mut candidate = text.clone();
    candidate.replace_range(key.start..value.end, &blanked);
    if DeTable::parse(&candidate).is_err() {
        return false;
    }
    *text = candidate;
    true
}

/// The key and value spans of the entry whose key or value spans `at`,
/// anywhere in `table`.
fn entry_spans(table: &DeTable, at: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    table.iter().find_map(|(k, v)| {
        if k.span() == *at || v.span() == *at {
            return Some((k.span(), v.span()));
        }
        within(v, at)
    })
}

fn within(value: &Spanned<DeValue>, at: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    match value.get_ref() {
        DeValue::Table(t) => entry_spans(t, at),
        DeValue::Array(items) => items.iter().find_map(|item| within(item, at)),
        _ => None,
    }
}

/// A plain-language hint for the TOML syntax errors writers make most.
fn toml_hint(message: &str) -> Text {
    let m = message.to_lowercase();
    if m.contains("invalid type") && m.contains("expected a date") || m.contains("datetime") {
        Text::new(
            "Tulis tanggal tanpa tanda kutip, misalnya `date = 2025-08-26T09:30:00+07:00` atau `date = 2025-08-26`.",
            "Write the date without quotes, e.g. `date = 2025-08-26T09:30:00+07:00` or `date = 2025-08-26`.",
        )
    } else if m.contains("invalid type") && m.contains("expected a string") {
        Text::new(
            "Teks harus diapit tanda kutip: `judul = \"Teks\"` ditulis `title = \"Teks\"`.",
            "Text must be in double quotes, e.g. `title = \"Text\"`.",
        )
    } else if m.contains("invalid type") && m.contains("sequence") {
        Text::new(
            "Daftar ditulis dalam kurung siku: `tags = [\"posyandu\", \"stunting\"]`.",
            "A list is written in square brackets: `tags = [\"posyandu\", \"stunting\"]`.",
        )
    } else if m.contains("duplicate key") {
        Text::new(
            "Kunci ini ditulis dua kali. Hapus salah satunya.",
            "This key is written twice. Remove one of them.",
        )
    } else {
        Text::new(
            "Periksa baris ini: setiap baris berbentuk `kunci = nilai`, teks diapit tanda kutip \"...\", daftar dalam [ ... ].",
            "Check this line: every line is `key = value`, text in double quotes \"...\", lists in [ ... ].",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{suggest_key, unknown_field};

    #[test]
    fn suggests_keys_from_indonesian_words_and_typos() {
        let valid = [
            "title", "date", "category", "author", "image", "summary", "tags",
        ];
        for (typed, want) in [
            ("judul", Some("title")),
            ("tanggal", Some("date")),
            ("kategori", Some("category")),
            ("penulis", Some("author")),
            ("gambar", Some("image")),
            ("ringkasan", Some("summary")),
            ("titel", Some("title")),
            ("catgory", Some("category")),
            ("xyzzyplugh", None),
        ] {
            assert_eq!(suggest_key(typed, &valid), want, "{typed}");
        }
    }

    #[test]
    fn reads_serde_unknown_field_messages() {
        let (k, exp) =
            unknown_field("unknown field `judul`, expected one of `title`, `date`").unwrap();
        assert_eq!(k, "judul");
        assert_eq!(exp, ["title", "date"]);
        let (k, exp) = unknown_field("unknown field `x`, expected `title`").unwrap();
        assert_eq!((k.as_str(), exp), ("x", vec!["title".to_string()]));
    }
}
