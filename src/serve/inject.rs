//! What the preview adds to every HTML page it serves: a small script
//! that reloads the page when the site was rebuilt, and, while the last
//! build failed, an overlay that shows the error where the writer is
//! looking. Both are added at serve time, never written into the site.

use crate::diag::{Diagnostics, Lang};
use crate::model::post::escape_html;
use crate::serve::request::EVENTS_PATH;

/// The reload script. Without EventSource (or if the stream fails) the
/// page simply stays as it is.
pub fn reload_script(root_path: &str) -> String {
    format!(
        "<script>(function(){{if(!window.EventSource)return;var s=new EventSource(\"{root_path}{EVENTS_PATH}\");\
         s.onmessage=function(){{location.reload()}};}})();</script>"
    )
}

/// The error overlay: every problem with file:line, the line itself, the
/// caret and the hint, in the site's language.
pub fn overlay(problems: &Diagnostics, lang: Lang) -> String {
    let (title, note) = match lang {
        Lang::Id => (
            "Situs belum bisa dibangun ulang",
            "Halaman ini masih versi terakhir yang berhasil. Perbaiki berkas di bawah lalu simpan; pesan ini hilang sendiri.",
        ),
        Lang::En => (
            "The site could not be rebuilt",
            "This page is the last version that built. Fix the file below and save; this message goes away by itself.",
        ),
    };
    let mut items = String::new();
    for d in problems.errors() {
        items.push_str(&format!("<pre>{}</pre>", escape_html(&d.render(lang))));
    }
    format!(
        "<div id=\"warta-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
         background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:1rem\">\
         <h2 style=\"color:#ff8a80;margin:0 0 .5rem\">{title}</h2><p style=\"margin:0 0 1rem\">{note}</p>\
         <style>#warta-error pre{{white-space:pre-wrap;background:#000;color:#e6e6e6;padding:.75rem;\
         border-left:4px solid #ff8a80;font:14px/1.45 ui-monospace,monospace}}</style>{items}</div>"
    )
}

/// Puts `extra` just before `</body>` (or at the end when there is none).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::{inject, overlay, reload_script};
    use crate::diag::{Diagnostic, Diagnostics, Lang, Text};

    #[test]
    fn injects_before_the_closing_body() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "<script>r</script>");
        assert_eq!(out, b"<html><body><p>x</p><script>r</script></BODY></html>");
        assert_eq!(inject(b"<p>x</p>", "!"), b"<p>x</p>!");
    }

    #[test]
    fn reload_script_follows_the_sub_path() {
        assert!(reload_script("/sukamaju/").contains("\"/sukamaju/__warta/events\""));
    }

    #[test]
    fn overlay_shows_file_line_and_escapes() {
        let src = "+++\njudul = \"<b>\"\n+++\n";
        let d = Diagnostic::error(Text::new(
            "Kunci `judul` tidak dikenal",
            "Unknown key `judul`",
        ))
        .in_file("content/berita/x.md")
        .at(src, 4, 5);
        let html = overlay(&Diagnostics::from(d), Lang::Id);
        assert!(html.contains("content/berita/x.md:2:1"), "{html}");
        assert!(html.contains("judul = &quot;&lt;b&gt;&quot;"), "{html}");
        assert!(html.contains("Situs belum bisa dibangun ulang"));
        assert!(overlay(&Diagnostics::new(), Lang::En).contains("could not be rebuilt"));
    }
}
