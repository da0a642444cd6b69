//! Diagnostics: every problem warta reports to a person.
//!
//! A writer who edits Markdown on a phone must be told which file and line
//! is wrong, see the line itself with a caret under the mistake, and read
//! what to do about it, in Indonesian first. Every stage of the pipeline
//! reports through [`Diagnostic`] and collects into [`Diagnostics`], so that
//! `check` and `build` can list every problem of a run, not only the first.
//!
//! Messages are [`Text`]: an Indonesian and an English sentence written side
//! by side where the problem is found, so a message is never missing in one
//! language. [`Lang`] picks one when printing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The language of messages and of the generated site's UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Parses `id`, `en`, or a locale such as `en_US.UTF-8`.
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.trim().to_ascii_lowercase();
        if lower.starts_with("id") || lower.starts_with("in") {
            Some(Lang::Id)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language code: `id` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// A sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// Builds a [`Text`] from two format strings: `text!("Berkas {f}", "File {f}")`.
#[macro_export]
macro_rules! text {
    ($id:expr, $en:expr $(,)?) => {
        $crate::diag::Text::new(format!($id), format!($en))
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where in a file a problem is: 1-based line and column (in characters),
/// the text of that line, and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub source_line: String,
    pub width: usize,
}

impl Location {
    /// Locates a byte offset in `source`. Offsets past the end point at the
    /// end; offsets inside a multi-byte character point at that character.
    pub fn from_offset(source: &str, offset: usize, len: usize) -> Location {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let line = source[..offset].matches('\n').count() + 1;
        let column = source[line_start..offset].chars().count() + 1;
        let raw_line = &source[line_start..line_end];
        let mut end = (offset + len).min(line_end).max(offset);
        while !source.is_char_boundary(end) {
            end += 1;
        }
        let width = source[offset..end].chars().count().max(1);
        Location {
            line,
            column,
            source_line: raw_line
                .trim_end_matches('\r')
                .trim_start_matches('\u{feff}')
                .to_string(),
            width,
        }
    }

    /// Locates a 1-based line (and column) in `source`.
    pub fn from_line(source: &str, line: usize, column: usize) -> Location {
        let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Location {
            line,
            column: column.max(1),
            source_line: text.trim_end_matches('\r').to_string(),
            width: 1,
        }
    }
}

/// One problem, with everything a person needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user knows it: relative to the site root when inside it.
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    pub message: Text,
    pub hint: Option<Text>,
    /// Lower-level detail (for example the template engine's own report),
    /// printed under the message as it is.
    pub detail: Option<String>,
    /// What warta was doing: the page being rendered when a template
    /// failed. Not part of what makes two problems the same.
    pub context: Option<Text>,
}

impl Diagnostic {
    pub fn error(message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            location: None,
            message,
            hint: None,
            detail: None,
            context: None,
        }
    }

    pub fn warning(message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at `len` bytes from byte `offset` of the file's whole text.
    pub fn at(mut self, source: &str, offset: usize, len: usize) -> Self {
        self.location = Some(Location::from_offset(source, offset, len));
        self
    }

    pub fn at_line(mut self, source: &str, line: usize, column: usize) -> Self {
        self.location = Some(Location::from_line(source, line, column));
        self
    }

    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn context(mut self, context: Text) -> Self {
        self.context = Some(context);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, or as much of it as is known.
    pub fn position(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string().replace('\\', "/");
        Some(match &self.location {
            Some(loc) => format!("{file}:{}:{}", loc.line, loc.column),
            None => file,
        })
    }

    /// Renders the diagnostic as `just` and `rustc` do: a headline, the
    /// position, the source line with a caret, then the hint.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let label = match (self.severity, lang) {
            (Severity::Error, Lang::Id) => "kesalahan",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Id) => "peringatan",
            (Severity::Warning, Lang::En) => "warning",
        };
        let _ = writeln!(out, "{label}: {}", clean(self.message.get(lang)));
        if let Some(pos) = self.position() {
            let _ = writeln!(out, "  --> {pos}");
        }
        if let Some(loc) = &self.location {
            let num = loc.line.to_string();
            let pad = " ".repeat(num.len());
            let (line, indent, width) = excerpt(&loc.source_line, loc.column, loc.width);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {line}");
            let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(width));
        }
        if let Some(context) = &self.context {
            let word = match lang {
                Lang::Id => "saat",
                Lang::En => "while",
            };
            let _ = writeln!(out, "  = {word}: {}", clean(context.get(lang)));
        }
        if let Some(detail) = &self.detail {
            for line in detail.lines().take(MAX_DETAIL_LINES) {
                let _ = writeln!(out, "  {}", clean(line));
            }
        }
        if let Some(hint) = &self.hint {
            let word = match lang {
                Lang::Id => "cara memperbaiki",
                Lang::En => "how to fix",
            };
            let _ = writeln!(out, "  = {word}: {}", clean(hint.get(lang)));
        }
        out
    }
}

/// How many characters of a source line are quoted around the column.
const EXCERPT: usize = 100;
/// Of those, how many before the column.
const EXCERPT_BEFORE: usize = 40;
/// Longest line of a message, hint or detail, in characters.
const MAX_LINE: usize = 1000;
/// Most lines of a detail (a template engine's report) shown.
const MAX_DETAIL_LINES: usize = 40;

/// A character as it may reach a terminal: control characters (ESC,
/// carriage return, …) and the bidirectional overrides that reorder
/// what a reader sees become U+FFFD; tabs stay.
fn visible(c: char) -> char {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if c != '\t' && (c.is_control() || bidi) {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Text from a user's file, safe to print: `visible` characters only,
/// and at most `MAX_LINE` characters a line.
pub fn clean(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            let mut out: String = line.chars().take(MAX_LINE).map(visible).collect();
            if line.chars().nth(MAX_LINE).is_some() {
                out.push('…');
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The part of `line` around the 1-based `column` to quote, cut with `…`
/// when long, with the caret's indent (tabs kept, so it lines up) and
/// width: (quoted line, indent, caret width).
fn excerpt(line: &str, column: usize, width: usize) -> (String, String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= EXCERPT {
        (0, chars.len())
    } else {
        let start = at.saturating_sub(EXCERPT_BEFORE).min(chars.len() - EXCERPT);
        (start, start + EXCERPT)
    };
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let body: String = chars[start..end].iter().map(|&c| visible(c)).collect();
    let indent: String = lead
        .chars()
        .map(|_| ' ')
        .chain(
            chars[start..at]
                .iter()
                .map(|&c| if c == '\t' { '\t' } else { ' ' }),
        )
        .collect();
    let width = width.min(end.saturating_sub(at)).max(1);
    (format!("{lead}{body}{tail}"), indent, width)
}

/// All problems of a run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// Orders by file, then line, errors first, so a long list reads top
    /// to bottom the way a writer fixes it.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (a.severity, &a.file, a.location.as_ref().map(|l| l.line)).cmp(&(
                b.severity,
                &b.file,
                b.location.as_ref().map(|l| l.line),
            ))
        });
    }

    /// One numbered list, without a count.
    pub fn render_list(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (i, d) in self.items.iter().enumerate() {
            let _ = write!(out, "{}. {}", i + 1, d.render(lang));
            out.push('\n');
        }
        out
    }

    /// One numbered list, then a count.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.render_list(lang);
        let errors = self.errors().count();
        let warnings = self.items.len() - errors;
        let _ = match lang {
            Lang::Id => writeln!(out, "{errors} kesalahan, {warnings} peringatan."),
            Lang::En => writeln!(out, "{errors} error(s), {warnings} warning(s)."),
        };
        out
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }
}

/// `--strict` (or `[build] strict = true`): every warning becomes an
/// error, saying why, so the build stops and the previous output stays.
pub fn strict(mut ds: Diagnostics) -> Diagnostics {
    for d in ds.items.iter_mut().filter(|d| !d.is_error()) {
        d.severity = Severity::Error;
        d.message = Text::new(
            format!(
                "{} (mode ketat: peringatan dihitung kesalahan)",
                d.message.id
            ),
            format!("{} (strict mode: warnings count as errors)", d.message.en),
        );
    }
    ds
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Diagnostics {}

/// Shows `path` relative to `root` when it lies inside it, with `/` on
/// every system (`content/berita/x.md`, also on Windows), as the docs and
/// the tests write it; Windows accepts `/` too, so the result still opens.
/// A name that is not UTF-8 keeps the system's form.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    let Ok(rel) = path.strip_prefix(root) else {
        return path.to_path_buf();
    };
    let names: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    names.map_or_else(|| rel.to_path_buf(), |names| PathBuf::from(names.join("/")))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Diagnostic, Lang, Location, Text, display_path};

    #[test]
    fn paths_in_messages_are_relative_with_slashes() {
        let root = Path::new("/home/kim/situs desa");
        let shown = display_path(
            root,
            &root.join("content").join("berita").join("Kerja é.md"),
        );
        assert_eq!(shown.to_str(), Some("content/berita/Kerja é.md"));
        assert_eq!(
            display_path(root, Path::new("/etc/passwd")),
            Path::new("/etc/passwd")
        );
        if cfg!(windows) {
            let root = Path::new(r"C:\Users\KIM\situs desa");
            let file = Path::new(r"C:\Users\KIM\situs desa\media\galeri\album.toml");
            assert_eq!(
                display_path(root, file).to_str(),
                Some("media/galeri/album.toml")
            );
        }
    }

    #[test]
    fn locates_offsets_in_characters() {
        let src = "a = 1\njudul = \"Ä\"\r\nc";
        let loc = Location::from_offset(src, 6, 5);
        assert_eq!((loc.line, loc.column, loc.width), (2, 1, 5));
        assert_eq!(loc.source_line, "judul = \"Ä\"");
        let loc = Location::from_offset(src, src.find('Ä').unwrap() + 1, 1);
        assert_eq!((loc.line, loc.column), (2, 10));
        let loc = Location::from_offset(src, 999, 1);
        assert_eq!(loc.line, 3);
    }

    #[test]
    fn renders_caret_under_the_mistake() {
        let src = "+++\njudul = \"x\"\n+++\n";
        let d = Diagnostic::error(Text::new("Kunci tidak dikenal", "Unknown key"))
            .in_file("content/berita/x.md")
            .at(src, 4, 5)
            .hint(Text::new("Tulis `title`", "Write `title`"));
        let out = d.render(Lang::Id);
        assert!(out.contains("--> content/berita/x.md:2:1"), "{out}");
        assert!(out.contains("2 | judul = \"x\"\n  | ^^^^^\n"), "{out}");
        assert!(out.contains("cara memperbaiki: Tulis `title`"), "{out}");
    }

    #[test]
    fn quotes_a_long_line_around_the_column() {
        let src = format!("x = \"{}\"", "a".repeat(5_000_000));
        let d = Diagnostic::error(Text::new("Panjang", "Long"))
            .in_file("warta.toml")
            .at(&src, 2_500_000, 3);
        let out = d.render(Lang::Id);
        assert!(out.len() < 1000, "{} bytes", out.len());
        assert!(out.contains("--> warta.toml:1:2500001"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let quoted = lines[3].strip_prefix("1 | ").unwrap();
        let caret = lines[4].strip_prefix("  | ").unwrap();
        assert!(quoted.starts_with('…') && quoted.ends_with('…'), "{quoted}");
        assert_eq!(caret, format!("{}^^^", " ".repeat(41)));
        // Near the start and near the end of a long line.
        let short = super::excerpt(&"b".repeat(300), 1, 2);
        assert_eq!(
            (short.0.chars().count(), short.1.len(), short.2),
            (101, 0, 2)
        );
        let end = super::excerpt(&"c".repeat(300), 300, 9);
        assert_eq!((end.0.chars().count(), end.1.len(), end.2), (101, 100, 1));
    }

    #[test]
    fn no_control_character_reaches_the_terminal() {
        let src = "title = \"\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}gpj.exe\"\r\n";
        let d = Diagnostic::error(Text::new("Judul \u{1b}[31m", "Title \u{1b}[31m"))
            .in_file("content/x.md")
            .at(src, 9, 3)
            .hint(Text::new("a\u{8}b", "a\u{8}b"))
            .detail("engine \u{1b}[0m says")
            .context(Text::new("halaman \u{9b}", "page \u{9b}"));
        let out = d.render(Lang::Id);
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{out:?}"
        );
        assert!(!out.contains('\u{202e}'), "{out:?}");
        assert!(out.contains("title = \"\u{fffd}[2J"), "{out}");
        assert!(out.contains("= saat: halaman \u{fffd}"), "{out}");
        let long = super::clean(&"x".repeat(5000));
        assert_eq!(long.chars().count(), 1001);
    }

    #[test]
    fn parses_languages() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("id_ID"), Some(Lang::Id));
        assert_eq!(Lang::parse("C"), None);
    }
}
