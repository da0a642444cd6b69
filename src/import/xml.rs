//! Reading an export file as XML: the bytes as UTF-8, characters XML
//! forbids replaced (WordPress copies them from pasted Word text), and a
//! parse error told as "not XML" or "cut off" with its line and column.

use std::borrow::Cow;
use std::path::Path;

use crate::diag::{Diagnostic, Text};
use crate::{fsx, text};

/// The export's text, with the number of forbidden characters replaced.
pub fn read(path: &Path) -> Result<(String, usize), Diagnostic> {
    let bytes = fsx::read(path)?;
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(clean(text))
}

/// Replaces the C0 controls XML 1.0 forbids (all but tab, newline,
/// return) with spaces.
fn clean(text: String) -> (String, usize) {
    let bad = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    let n = text.chars().filter(|c| bad(*c)).count();
    if n == 0 {
        return (text, 0);
    }
    (text.replace(bad, " "), n)
}

/// Parses `text`; the error names the file and says what kind of
/// problem it is.
pub fn parse<'a>(text: &'a str, file: &Path) -> Result<roxmltree::Document<'a>, Diagnostic> {
    let options = roxmltree::ParsingOptions {
        // WordPress exports carry no DTD; a Blogger backup neither. A DTD
        // would only let entities expand, so it stays refused.
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| error(text, file, &e))
}

fn error(text: &str, file: &Path, e: &roxmltree::Error) -> Diagnostic {
    use roxmltree::Error as E;
    let shown = file.display();
    let d = match e {
        _ if text.trim().is_empty() => Diagnostic::error(text!(
            "Berkas `{shown}` kosong.",
            "The file `{shown}` is empty."
        )),
        E::UnexpectedEndOfStream | E::UnclosedRootNode => Diagnostic::error(text!(
            "Berkas `{shown}` terpotong: XML-nya berhenti sebelum selesai.",
            "The file `{shown}` is cut off: its XML stops before the end."
        ))
        .hint(Text::new(
            "Unduh ulang ekspornya; unduhan yang terputus atau berkas yang terlalu besar untuk surel sering terpotong.",
            "Download the export again; an interrupted download or a file too large for e-mail is often cut off.",
        )),
        E::UnknownEntityReference(name, _) => Diagnostic::error(text!(
            "Berkas `{shown}` memakai entitas `&{name};` yang tidak dikenal XML.",
            "The file `{shown}` uses the entity `&{name};`, which XML does not know."
        ))
        .hint(Text::new(
            "Entitas HTML seperti &nbsp; hanya boleh di dalam <![CDATA[ ... ]]>. Ganti dengan karakternya sendiri atau dengan &#160;, lalu ulangi.",
            "HTML entities such as &nbsp; are only allowed inside <![CDATA[ ... ]]>. Replace it with the character itself or with &#160;, then run again.",
        )),
        _ if !text.trim_start().starts_with('<') => Diagnostic::error(text!(
            "Berkas `{shown}` bukan XML, jadi bukan ekspor WordPress atau Blogger.",
            "The file `{shown}` is not XML, so it is not a WordPress or Blogger export."
        ))
        .hint(export_hint()),
        _ => Diagnostic::error(text!(
            "Berkas `{shown}` bukan XML yang sah: {e}.",
            "The file `{shown}` is not valid XML: {e}."
        ))
        .hint(export_hint()),
    };
    let pos = e.pos();
    let d = d.in_file(file);
    if matches!(e, E::UnexpectedEndOfStream | E::UnclosedRootNode) || text.trim().is_empty() {
        d
    } else {
        d.at_line(text, pos.row as usize, pos.col as usize)
    }
}

/// How to get a proper export file.
pub fn export_hint() -> Text {
    Text::new(
        "WordPress: Alat → Ekspor → Semua konten → Unduh berkas ekspor (.xml). Blogger: Setelan → Kelola blog → Cadangkan konten (.xml), atau feed.atom dari Google Takeout.",
        "WordPress: Tools → Export → All content → Download Export File (.xml). Blogger: Settings → Manage blog → Back up content (.xml), or feed.atom from Google Takeout.",
    )
}

/// The text of the first child of `node` with local name `name` in a
/// namespace for which `ns` holds, trimmed; empty when absent.
pub fn child_text<'a>(
    node: roxmltree::Node<'a, 'a>,
    ns: impl Fn(&str) -> bool,
    name: &str,
) -> Cow<'a, str> {
    node.children()
        .find(|c| c.tag_name().name() == name && ns(c.tag_name().namespace().unwrap_or("")))
        .map(|c| text_of(c))
        .unwrap_or(Cow::Borrowed(""))
}

/// The text of an element: its text and CDATA children joined (WordPress
/// splits CDATA at `]]>` into two sections).
pub fn text_of<'a>(node: roxmltree::Node<'a, 'a>) -> Cow<'a, str> {
    let mut texts = node.children().filter(|c| c.is_text());
    match (texts.next(), texts.next()) {
        (None, _) => Cow::Borrowed(""),
        (Some(one), None) => Cow::Borrowed(one.text().unwrap_or("")),
        (Some(a), Some(b)) => {
            let mut s = String::from(a.text().unwrap_or(""));
            s.push_str(b.text().unwrap_or(""));
            for t in texts {
                s.push_str(t.text().unwrap_or(""));
            }
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{clean, parse};

    #[test]
    fn forbidden_characters_become_spaces() {
        assert_eq!(clean("a\u{b}b\tc".into()), ("a b\tc".into(), 1));
    }

    #[test]
    fn parse_errors_say_what_kind() {
        let f = Path::new("x.xml");
        for (text, want) in [
            ("hello", "not XML"),
            ("<rss><channel>", "cut off"),
            ("<rss>&nbsp;</rss>", "&nbsp;"),
            ("<rss></chan>", "not valid XML"),
            ("", "empty"),
        ] {
            let e = parse(text, f).unwrap_err();
            assert!(e.message.en.contains(want), "{text}: {}", e.message.en);
        }
    }
}
