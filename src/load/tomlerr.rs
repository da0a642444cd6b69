//! TOML parse errors turned into diagnostics a writer can act on.
//!
//! The `toml` crate reports a byte span and an English sentence. Here the
//! span becomes `file:line:col` in the *whole* file (front matter starts
//! after the first `+++` line, so callers pass the offset of the TOML
//! block), and the common mistakes get an Indonesian explanation: an
//! unknown key names the nearest valid one, including the Indonesian words
//! writers type (`judul` → `title`).

use std::path::Path;

use crate::diag::{Diagnostic, Text};
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
    } else if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        Diagnostic::error(text!(
            "Kunci wajib `{field}` belum ada di {what_id}.",
            "The required key `{field}` is missing in {what_en}."
        ))
        .hint(text!(
            "Tambahkan baris `{field} = ...` di {what_id}.",
            "Add a line `{field} = ...` to {what_en}."
        ))
    } else {
        Diagnostic::error(text!(
            "Penulisan TOML di {what_id} salah: {message}",
            "Invalid TOML in {what_en}: {message}"
        ))
        .hint(toml_hint(message))
    };
    diag.in_file(file).at(source, start, len)
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
