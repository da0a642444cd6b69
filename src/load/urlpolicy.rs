//! The one URL policy for every link warta writes from what people typed:
//! Markdown links, images, autolinks and references in a body; `image` and
//! `[source] url` in front matter; every address in `profile.toml` and the
//! menu of `warta.toml` (which end up in `href`, `src` and `/profile.json`).
//!
//! Allowed: `http:`, `https:`, `mailto:`, `tel:`, and URLs without a scheme
//! (relative paths, `/root/paths`, `//host/…`, `#fragments`). Anything else
//! (`javascript:`, `vbscript:`, `data:`, `file:`…) is refused: a hijacked
//! writer account must not be able to plant a script that runs when a
//! villager taps a link. In front matter and the profile a refused URL is
//! an error at its `file:line:col`; in a Markdown body the link is dropped
//! to its text (an image to its alt text) with a warning.
//!
//! The scheme is read the way a browser reads an `href` attribute, only
//! stricter: HTML character references are decoded first (`java&#x73;cript:`
//! is `javascript:`), leading spaces and control characters are skipped,
//! and tabs, newlines and other control characters inside the scheme are
//! ignored (`java\tscript:`), so no spelling gets past the check that a
//! browser would still run.

use std::borrow::Cow;

use crate::diag::Text;
use crate::text;

/// The schemes a link may have.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a URL may be written into a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// The scheme, lower case and without the colon (`javascript`).
    Refused(String),
}

/// `%XX` decoded once, leniently: a `%` not followed by two hex digits is
/// kept as it is (a writer's `100%.jpg`, a WordPress slug). Bytes, as a
/// decoded escape may be half of a UTF-8 character.
pub fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// [`percent_decode`] as text, a byte that is not UTF-8 replaced.
pub fn percent_decode_lossy(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode(s)).into_owned()
}

/// Judges `url` by its scheme; see the module doc.
pub fn verdict(url: &str) -> Verdict {
    match scheme(url) {
        Some(s) if !ALLOWED_SCHEMES.contains(&s.as_str()) => Verdict::Refused(s),
        _ => Verdict::Allowed,
    }
}

/// The scheme a browser would see in `url`, lower case; `None` for a URL
/// without one (relative, root-relative, protocol-relative, fragment).
pub fn scheme(url: &str) -> Option<String> {
    let decoded = decode_references(url);
    let mut chars = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !c.is_ascii_control());
    let mut out = String::new();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    out.push(first.to_ascii_lowercase());
    for c in chars {
        match c {
            ':' => return Some(out),
            c if c.is_ascii_alphanumeric() || "+-.".contains(c) => {
                out.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}

/// Decodes HTML character references the way a browser does in an
/// attribute: numeric ones with or without the closing `;`, and the named
/// ones that can hide a scheme (`&colon;`, `&Tab;`, `&NewLine;`, `&amp;`).
fn decode_references(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference_at(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `s` stands for, and its length.
fn reference_at(s: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 8] = [
        ("&colon;", ':'),
        ("&tab;", '\t'),
        ("&newline;", '\n'),
        ("&amp;", '&'),
        ("&sol;", '/'),
        ("&period;", '.'),
        ("&lpar;", '('),
        ("&rpar;", ')'),
    ];
    let head: String = s.chars().take(10).collect::<String>().to_ascii_lowercase();
    if let Some((name, c)) = NAMED.iter().find(|(n, _)| head.starts_with(n)) {
        return Some((*c, name.len()));
    }
    let body = s.strip_prefix("&#")?;
    let (digits, radix, skip) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (body, 10, 2),
    };
    let len = digits
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    if len == 0 {
        return None;
    }
    let value = u32::from_str_radix(&digits[..len.min(8)], radix).ok()?;
    let c = char::from_u32(value).unwrap_or('\u{fffd}');
    let semi = usize::from(digits[len..].starts_with(';'));
    Some((c, skip + len + semi))
}

/// A URL as it may be quoted in a message: control characters shown as
/// `\u{..}`, cut at 80 characters.
pub fn shown(url: &str) -> String {
    let mut out = String::new();
    for (i, c) in url.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// The error for a refused URL under `key` in front matter or a TOML file.
pub fn refused_value(url: &str, scheme: &str, key: &str) -> (Text, Text) {
    let url = shown(url);
    (
        text!(
            "Alamat `{url}` di `{key}` memakai skema `{scheme}:` yang tidak diizinkan.",
            "The address `{url}` in `{key}` uses the scheme `{scheme}:`, which is not allowed."
        ),
        Text::new(
            "Tulis alamat lengkap yang diawali https:// (atau http://, mailto:, tel:), atau path di situs ini seperti /berita/. Tautan seperti javascript: bisa menjalankan kode di ponsel pembaca, jadi warta menolaknya.",
            "Write a full address starting with https:// (or http://, mailto:, tel:), or a path on this site such as /berita/. Links like javascript: can run code on a reader's phone, so warta refuses them.",
        ),
    )
}

/// The warning for a link or image dropped from a Markdown body.
pub fn dropped_in_body(url: &str, scheme: &str, image: bool) -> (Text, Text) {
    let url = shown(url);
    let message = if image {
        text!(
            "Gambar `{url}` dibuang: skema `{scheme}:` tidak diizinkan; yang tampil hanya teks alternatifnya.",
            "The image `{url}` was dropped: the scheme `{scheme}:` is not allowed; only its alt text is shown."
        )
    } else {
        text!(
            "Tautan `{url}` dibuang: skema `{scheme}:` tidak diizinkan; yang tampil hanya teksnya.",
            "The link `{url}` was dropped: the scheme `{scheme}:` is not allowed; only its text is shown."
        )
    };
    (
        message,
        Text::new(
            "Tautan hanya boleh diawali https://, http://, mailto: atau tel:, atau berupa path di situs ini, misalnya [rapat](../agenda/musdes.md).",
            "Links may only start with https://, http://, mailto: or tel:, or be a path on this site, e.g. [meeting](../agenda/musdes.md).",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::{Verdict, scheme, verdict};

    #[test]
    fn allows_web_mail_phone_and_relative_urls() {
        for url in [
            "https://desa.example.id/berita/",
            "HTTP://DESA.EXAMPLE.ID",
            "mailto:kim@desa.id",
            "MailTo:kim@desa.id",
            "tel:+62812345678",
            "/berita/posyandu/",
            "../agenda/musdes.md",
            "foto.jpg",
            "media/foto 2025.jpg",
            "#bagian",
            "",
            "//cdn.example.org/x.js",
            "?halaman=2",
            "berita/a:b",
            "1javascript:alert(1)",
            "java script:alert(1)",
            "%6Aavascript:alert(1)",
            "javascript%3Aalert(1)",
            "a&b.html",
            "&#;x",
            "&#xZZ;",
        ] {
            assert_eq!(verdict(url), Verdict::Allowed, "{url:?}");
        }
    }

    #[test]
    fn refuses_every_spelling_of_a_dangerous_scheme() {
        for (url, want) in [
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            ("  javascript:alert(1)", "javascript"),
            ("\u{0}\u{1f} javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("java\rscript:alert(1)", "javascript"),
            ("java\u{0}script:alert(1)", "javascript"),
            ("java\u{7f}script:alert(1)", "javascript"),
            ("java&#x73;cript:alert(1)", "javascript"),
            ("java&#X73;cript:alert(1)", "javascript"),
            ("java&#115;cript:alert(1)", "javascript"),
            ("java&#115cript:alert(1)", "javascript"),
            (
                "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
                "javascript",
            ),
            ("&#x6A;avascript&#x3A;alert(1)", "javascript"),
            ("javascript&colon;alert(1)", "javascript"),
            ("java&Tab;script:alert(1)", "javascript"),
            ("java&NewLine;script:alert(1)", "javascript"),
            ("java&#x09;script:alert(1)", "javascript"),
            ("java&#0000009;script:alert(1)", "javascript"),
            ("vbscript:msgbox(1)", "vbscript"),
            ("VBScript:msgbox(1)", "vbscript"),
            (
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "data",
            ),
            ("DATA:image/svg+xml,<svg onload=alert(1)>", "data"),
            ("file:///etc/passwd", "file"),
            ("livescript:alert(1)", "livescript"),
            ("C:\\Users\\foto.jpg", "c"),
            ("intent://scan#Intent;end", "intent"),
        ] {
            assert_eq!(verdict(url), Verdict::Refused(want.into()), "{url:?}");
        }
    }

    #[test]
    fn reads_the_scheme_as_a_browser_would() {
        assert_eq!(scheme("HTTPS://x").as_deref(), Some("https"));
        assert_eq!(scheme("web+kim:x").as_deref(), Some("web+kim"));
        assert_eq!(scheme("no-colon"), None);
        assert_eq!(scheme("/a:b"), None);
        assert_eq!(scheme("&#99999999999;x:"), None);
    }
}
