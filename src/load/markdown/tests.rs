//! [`super::render`] on small bodies: links, headings, summaries, the
//! URL policy, spaced links and raw HTML.

use super::{LinkContext, join_rel, render};

fn ctx<'a>(resolve: &'a (dyn Fn(&str) -> Option<String> + Sync)) -> LinkContext<'a> {
    LinkContext {
        doc_dir: "berita",
        root_path: "/sukamaju/",
        bundle: None,
        resolve,
        exists: &|p: &str| p.contains("ada"),
        unsafe_html: false,
    }
}

#[test]
fn resolves_source_links_and_reports_broken_ones() {
    let resolve =
        |p: &str| (p == "agenda/musdes.md").then(|| "/sukamaju/agenda/musdes/".to_string());
    let r = render(
        "Lihat [rapat](../agenda/musdes.md#waktu) dan [lama](lama.md) dan [x](/berita/x/).",
        &ctx(&resolve),
    );
    assert!(
        r.html.contains("href=\"/sukamaju/agenda/musdes/#waktu\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"/sukamaju/berita/x/\""),
        "{}",
        r.html
    );
    assert_eq!(r.broken_links.len(), 1);
    assert_eq!(r.broken_links[0].target, "lama.md");
    let body = "Lihat [rapat](../agenda/musdes.md#waktu) dan [lama](lama.md) dan [x](/berita/x/).";
    assert_eq!(
        r.broken_links[0].offset,
        body.find("(lama.md)").unwrap() + 1
    );
}

#[test]
fn gives_headings_unique_ids_and_collects_toc() {
    let none = |_: &str| None;
    let r = render(
        "## Hasil Panen\n\n## Hasil Panen\n\n### Lain {#khusus}\n",
        &ctx(&none),
    );
    assert!(r.html.contains("<h2 id=\"hasil-panen\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"hasil-panen-1\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"khusus\">"), "{}", r.html);
    assert_eq!(r.toc.len(), 3);
}

#[test]
fn cuts_summary_and_keeps_first_paragraph() {
    let none = |_: &str| None;
    let r = render(
        "Satu *dua*\ntiga.\n\n<!-- more -->\n\nEmpat.\n",
        &ctx(&none),
    );
    assert_eq!(r.first_paragraph_text, "Satu dua tiga.");
    assert_eq!(
        r.more_html.as_deref(),
        Some("<p>Satu <em>dua</em>\ntiga.</p>\n")
    );
    assert!(!r.html.contains("more"));
}

/// A body saved on Windows (CRLF) renders as the same body with LF:
/// the line ends of an HTML block warta drops or escapes included.
#[test]
fn windows_line_ends_render_as_unix_ones() {
    let none = |_: &str| None;
    for body in [
        "Satu.\n\n<!-- more -->\n\nDua.\n",
        "Satu.\n<!-- catatan -->\nDua.\n",
        "Satu.\n\n<!--\ncatatan redaksi:\nperiksa nama\n-->\n\nDua.\n",
        "<script>alert(1)</script>\n<b>x</b>\n\nHalo <i>y</i>\n",
        "<div>\nblok\n</div>\n\n- a\n- b\n\n```\nkode\n```\n",
    ] {
        let lf = render(body, &ctx(&none));
        let crlf = render(&body.replace('\n', "\r\n"), &ctx(&none));
        assert_eq!(crlf.html, lf.html, "{body:?}");
        assert_eq!(crlf.more_html, lf.more_html, "{body:?}");
    }
}

#[test]
fn escapes_raw_html_unless_allowed() {
    let none = |_: &str| None;
    let r = render("<script>alert(1)</script>\n\nHalo <b>x</b>", &ctx(&none));
    assert!(!r.html.contains("<script>"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
}

#[test]
fn renders_extensions() {
    let none = |_: &str| None;
    let r = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n- [x] ok\n\n[^1]: catatan\n",
        &ctx(&none),
    );
    for tag in [
        "<table>",
        "<del>",
        "type=\"checkbox\"",
        "footnote-definition",
    ] {
        assert!(r.html.contains(tag), "{tag}: {}", r.html);
    }
}

#[test]
fn drops_links_and_images_the_url_policy_refuses() {
    let none = |_: &str| None;
    for (body, text) in [
        ("[klik](javascript:alert(1))", "<p>klik</p>"),
        ("[klik](JaVaScRiPt:alert(1))", "<p>klik</p>"),
        ("[klik](java&#x73;cript:alert(1))", "<p>klik</p>"),
        ("[klik](java&#9;script:alert(1))", "<p>klik</p>"),
        ("[klik](vbscript:msgbox(1))", "<p>klik</p>"),
        ("[klik](data:text/html;base64,PHNjcmlwdD4=)", "<p>klik</p>"),
        ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>"),
        ("[klik][x]\n\n[x]: javascript:alert(1)", "<p>klik</p>"),
        ("[klik][]\n\n[klik]: <javascript:alert(1)>", "<p>klik</p>"),
        ("![foto kader](javascript:alert(1))", "<p>foto kader</p>"),
        ("![foto](data:image/svg+xml,x)", "<p>foto</p>"),
        ("[![foto](data:x,y)](javascript:z)", "<p>foto</p>"),
        (
            "[![foto](a.jpg)](javascript:z)",
            "<p><img src=\"/sukamaju/berita/a.jpg\" alt=\"foto\" /></p>",
        ),
    ] {
        let r = render(body, &ctx(&none));
        assert_eq!(r.html.trim(), text, "{body:?}");
        assert!(!r.refused.is_empty(), "{body:?}");
    }
    let body = "Satu.\n\nLihat [x](https://a.id) dan [y](javascript:b).";
    let r = render(body, &ctx(&none));
    assert_eq!(r.refused.len(), 1);
    assert_eq!(r.refused[0].url, "javascript:b");
    assert_eq!(r.refused[0].offset, body.find("javascript:b").unwrap());
    assert!(r.html.contains("href=\"https://a.id\""), "{}", r.html);
}

#[test]
fn understands_paths_with_spaces_when_the_file_exists() {
    let none = |_: &str| None;
    let body = "Foto ![kader posyandu](WhatsApp Image ada.jpeg) dan [surat](surat hilang.pdf) (catatan kecil).";
    let r = render(body, &ctx(&none));
    assert!(
        r.html.contains(
            "<img src=\"/sukamaju/berita/WhatsApp%20Image%20ada.jpeg\" alt=\"kader posyandu\" />"
        ),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains(" dan [surat](surat hilang.pdf) (catatan kecil)."),
        "{}",
        r.html
    );
    assert!(!r.html.contains("(WhatsApp"), "{}", r.html);
    assert_eq!(r.images[0].src, "/sukamaju/berita/WhatsApp Image ada.jpeg");
    assert_eq!(r.spaced.len(), 1);
    assert_eq!(r.spaced[0].target, "surat hilang.pdf");
    assert_eq!(
        &body[r.spaced[0].offset..][..r.spaced[0].len],
        "[surat](surat hilang.pdf)"
    );
    let resolve = |p: &str| (p == "agenda/rapat ada.md").then(|| "/sukamaju/agenda/rapat/".into());
    let r = render(
        "[**rapat** desa](../agenda/rapat ada.md) lalu",
        &ctx(&resolve),
    );
    assert!(
        r.html
            .contains("<a href=\"/sukamaju/agenda/rapat/\"><strong>rapat</strong> desa</a> lalu"),
        "{}",
        r.html
    );
}

#[test]
fn joins_relative_paths() {
    assert_eq!(
        join_rel("berita", "../agenda/x.md").as_deref(),
        Some("agenda/x.md")
    );
    assert_eq!(
        join_rel("berita/b", "./foto.jpg").as_deref(),
        Some("berita/b/foto.jpg")
    );
    assert_eq!(join_rel("berita", "../../x.md"), None);
}

#[test]
fn rewrites_bundle_assets_to_the_page_url() {
    let none = |_: &str| None;
    let mut c = ctx(&none);
    c.doc_dir = "berita/2025-08-26-posyandu";
    c.bundle = Some(("berita/2025-08-26-posyandu", "/sukamaju/berita/posyandu/"));
    let r = render("![Kader](foto.jpg)", &c);
    assert!(
        r.html
            .contains("src=\"/sukamaju/berita/posyandu/foto.jpg\""),
        "{}",
        r.html
    );
    assert_eq!(r.images[0].alt, "Kader");
}
