//! Front matter: the TOML block between `+++` lines at the top of a post.
//!
//! [`split`] finds the block and the body, keeping byte offsets into the
//! whole file so that every error points at the line the writer sees in
//! their editor (not a line of the TOML block). [`parse`] reads the block
//! into [`FrontMatter`]. A UTF-8 BOM and Windows line endings are valid.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::load::tomlerr::parse_toml;

/// The parts of a Markdown file, as offsets into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text between the fences.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits a file into front matter and body.
pub fn split<'a>(source: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &source[start..];
    let first_line = text.lines().next().unwrap_or("").trim_end();
    if first_line == "---" {
        return Err(Diagnostic::error(Text::new(
            "Front matter ditulis dengan `---` (YAML). warta memakai TOML di antara dua baris `+++`.",
            "The front matter is written with `---` (YAML). warta uses TOML between two `+++` lines.",
        ))
        .in_file(file)
        .at(source, start, 3)
        .hint(Text::new(
            "Ganti kedua baris `---` dengan `+++`, lalu tulis setiap baris sebagai `kunci = nilai` dengan teks dalam tanda kutip: `title: Judul` menjadi `title = \"Judul\"`, `tags: [a, b]` menjadi `tags = [\"a\", \"b\"]`, dan tanggal tanpa kutip: `date = 2025-08-26T09:30:00+07:00`.",
            "Replace both `---` lines with `+++`, then write each line as `key = value` with text in quotes: `title: Title` becomes `title = \"Title\"`, `tags: [a, b]` becomes `tags = [\"a\", \"b\"]`, and dates without quotes: `date = 2025-08-26T09:30:00+07:00`.",
        )));
    }
    if first_line != "+++" {
        return Err(Diagnostic::error(Text::new(
            "Berkas ini tidak diawali front matter `+++`.",
            "This file does not start with `+++` front matter.",
        ))
        .in_file(file)
        .at(source, start, first_line.len().max(1))
        .hint(Text::new(
            "Baris pertama harus `+++`, lalu kunci seperti title = \"Judul\" dan date = 2025-08-26, lalu `+++` lagi sebelum isi tulisan. `warta new post \"Judul\"` membuat contohnya.",
            "The first line must be `+++`, then keys like title = \"Title\" and date = 2025-08-26, then `+++` again before the text. `warta new post \"Title\"` makes an example.",
        )));
    }
    let open_end = start + text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = open_end;
    while pos < source.len() {
        let line_end = source[pos..]
            .find('\n')
            .map_or(source.len(), |i| pos + i + 1);
        if source[pos..line_end].trim_end() == "+++" {
            return Ok(Split {
                toml: &source[open_end..pos],
                toml_offset: open_end,
                body: &source[line_end..],
                body_offset: line_end,
            });
        }
        pos = line_end;
    }
    Err(Diagnostic::error(Text::new(
        "Front matter dibuka dengan `+++` tetapi tidak pernah ditutup.",
        "The front matter opens with `+++` but is never closed.",
    ))
    .in_file(file)
    .at(source, start, 3)
    .hint(Text::new(
        "Tambahkan satu baris `+++` setelah baris kunci terakhir (misalnya setelah `tags = [...]`), sebelum isi tulisan.",
        "Add a line `+++` after the last key (for example after `tags = [...]`), before the text.",
    )))
}

/// The keys a post or page may have (design/post.example.md).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub date: Option<Spanned<Datetime>>,
    pub updated: Option<Spanned<Datetime>>,
    pub category: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// The ADINDA principles the post shows the KIM's work in
    /// (`crate::model::adinda`).
    #[serde(default)]
    pub adinda: Vec<Spanned<String>>,
    pub author: Option<String>,
    pub image: Option<Spanned<String>>,
    pub image_alt: Option<String>,
    pub image_caption: Option<String>,
    pub summary: Option<String>,
    pub place: Option<String>,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub expires: Option<Spanned<Datetime>>,
    /// Orders standalone pages in lists (lower first).
    pub weight: Option<i64>,
    /// A template other than the default for this kind of page.
    pub template: Option<Spanned<String>>,
    pub event: Option<Event>,
    pub source: Option<Source>,
    /// In `content/produk/`: the `[[products]]` entry of profile.toml this
    /// post tells the story of (its name or slug).
    pub product: Option<Spanned<String>>,
}

/// `[event]`: an agenda item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub start: Spanned<Datetime>,
    pub end: Option<Spanned<Datetime>>,
    pub venue: Option<String>,
    pub organizer: Option<String>,
}

/// `[source]`: where re-shared government information comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    pub url: Option<Spanned<String>>,
}

/// Parses the TOML block of `split`.
/// Every unknown key is reported, not only the first.
pub fn parse(split: &Split, source: &str, file: &Path) -> Result<FrontMatter, Diagnostics> {
    parse_toml(
        split.toml,
        file,
        source,
        split.toml_offset,
        &Text::new("front matter", "the front matter"),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{parse, split};

    #[test]
    fn splits_front_matter_with_offsets() {
        for src in [
            "+++\ntitle = \"A\"\n+++\nbody\n",
            "\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nbody\r\n",
            "+++\ntitle = \"A\"\n+++",
        ] {
            let s = split(src, Path::new("x.md")).unwrap();
            assert_eq!(s.toml.trim(), "title = \"A\"", "{src:?}");
            assert_eq!(&src[s.toml_offset..s.toml_offset + 5], "title");
            assert_eq!(
                s.body.trim(),
                if src.ends_with("+++") { "" } else { "body" }
            );
        }
    }

    #[test]
    fn refuses_yaml_missing_and_unclosed_front_matter() {
        let yaml = split("---\ntitle: A\n---\n", Path::new("x.md")).unwrap_err();
        assert!(yaml.message.id.contains("YAML"));
        let none = split("# Judul\n", Path::new("x.md")).unwrap_err();
        assert!(none.message.en.contains("does not start"));
        let open = split("+++\ntitle = \"A\"\nbody\n", Path::new("x.md")).unwrap_err();
        assert!(open.message.en.contains("never closed"));
        assert_eq!(open.location.unwrap().line, 1);
    }

    #[test]
    fn errors_point_at_the_file_line_not_the_block_line() {
        let src = "+++\ntitle = \"A\"\njudul = \"B\"\n+++\n";
        let s = split(src, Path::new("x.md")).unwrap();
        let err = parse(&s, src, Path::new("x.md"))
            .unwrap_err()
            .items
            .remove(0);
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 1));
        assert!(err.hint.unwrap().id.contains("`title`"));
    }
}
