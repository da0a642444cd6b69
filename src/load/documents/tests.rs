//! `dokumen.toml` read as a build reads it: from a temporary site.

use super::{DocumentKind, LARGE_BYTES, load_documents};
use crate::diag::{Diagnostics, Lang};
use crate::load::SiteFiles;

/// A site whose `media/dokumen/` holds `files` (name, bytes) and
/// `dokumen.toml`; the documents and each problem as
/// `(is_error, position, English text)`.
fn documents(
    files: &[(&str, &[u8])],
    toml: &str,
) -> (Vec<super::Document>, Vec<(bool, String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("media/dokumen");
    std::fs::create_dir_all(&d).unwrap();
    for (name, bytes) in files {
        std::fs::write(d.join(name), bytes).unwrap();
    }
    std::fs::write(d.join("dokumen.toml"), toml).unwrap();
    let mut walked = Diagnostics::new();
    let site = SiteFiles::read(dir.path(), &mut walked);
    assert!(walked.is_empty(), "{walked:?}");
    let (docs, problems) = load_documents(dir.path(), &site);
    let found = problems
        .items
        .iter()
        .map(|p| {
            (
                p.is_error(),
                p.position().unwrap_or_default(),
                p.render(Lang::En),
            )
        })
        .collect();
    (docs, found)
}

const PDF: &[u8] = b"%PDF-1.4\n%%EOF\n";

fn entry(file: &str, kind: &str, extra: &str) -> String {
    format!("[[documents]]\nfile = \"{file}\"\ntitle = \"{file}\"\nkind = \"{kind}\"\n{extra}\n")
}

#[test]
fn documents_are_listed_by_kind_then_newest_year() {
    let toml = [
        entry("laporan.pdf", "laporan", "year = 2025"),
        entry("perdes-2024.pdf", "perdes", "date = 2024-12-20"),
        entry(
            "perdes-2025.pdf",
            "perdes",
            "date = 2025-12-20\nnumber = \"5 Tahun 2025\"",
        ),
    ]
    .concat();
    let files: Vec<(&str, &[u8])> = ["laporan.pdf", "perdes-2024.pdf", "perdes-2025.pdf"]
        .iter()
        .map(|f| (*f, PDF))
        .collect();
    let (docs, found) = documents(&files, &toml);
    assert!(found.is_empty(), "{found:#?}");
    let order: Vec<(&str, i32)> = docs.iter().map(|d| (d.slug.as_str(), d.year)).collect();
    assert_eq!(
        order,
        [
            ("perdes-2025", 2025),
            ("perdes-2024", 2024),
            ("laporan", 2025)
        ]
    );
    let d = &docs[0];
    assert_eq!(
        (d.src.as_str(), d.kind, d.size, d.format.as_str()),
        (
            "media/dokumen/perdes-2025.pdf",
            DocumentKind::Perdes,
            15,
            "pdf"
        )
    );
    assert_eq!(d.number.as_deref(), Some("5 Tahun 2025"));
}

// Long because: one table, one row per rule.
#[test]
fn each_mistake_is_reported_at_its_value() {
    for (files, toml, error, position, needle) in [
        (
            &[("ada.pdf", PDF)][..],
            entry("tidak-ada.pdf", "perdes", "year = 2025"),
            true,
            "media/dokumen/dokumen.toml:2:8",
            "The file `tidak-ada.pdf` is not in the folder media/dokumen/.",
        ),
        (
            &[("perdes-5.pdf", PDF)][..],
            entry("perdes-5.PDF", "perdes", "year = 2025"),
            true,
            "media/dokumen/dokumen.toml:2:8",
            "Perhaps you meant `perdes-5.pdf`.",
        ),
        (
            &[("a.pdf", PDF)][..],
            entry("a.pdf", "perda", "year = 2025"),
            true,
            "media/dokumen/dokumen.toml:4:8",
            "Unknown kind of document `perda`.",
        ),
        (
            &[("scan.jpg", b"\xff\xd8\xff" as &[u8])][..],
            entry("scan.jpg", "sk", "year = 2025"),
            true,
            "media/dokumen/dokumen.toml:2:8",
            "`scan.jpg` is a photo",
        ),
        (
            &[("a.pdf", PDF)][..],
            entry("a.pdf", "sk", ""),
            true,
            "media/dokumen/dokumen.toml:3:9",
            "This document has no year.",
        ),
        (
            &[("perdes.pdf", PDF)][..],
            entry("perdes.pdf", "perdes", "year = 2025"),
            true,
            "media/dokumen/dokumen.toml:2:8",
            "would get the address /dokumen/perdes/",
        ),
        (
            &[("a.pdf", PDF)][..],
            [
                entry("a.pdf", "sk", "year = 2025"),
                entry("a.pdf", "sk", "year = 2024"),
            ]
            .concat(),
            true,
            "media/dokumen/dokumen.toml:7:8",
            "The file `a.pdf` is listed twice in dokumen.toml.",
        ),
        (
            &[("rencana.docx", b"PK\x03\x04" as &[u8])][..],
            entry("rencana.docx", "lainnya", "year = 2025"),
            false,
            "media/dokumen/dokumen.toml:2:8",
            "`rencana.docx` is not a PDF: it is published as it is",
        ),
        (
            &[("palsu.pdf", b"PK\x03\x04" as &[u8])][..],
            entry("palsu.pdf", "lainnya", "year = 2025"),
            false,
            "media/dokumen/dokumen.toml:2:8",
            "`palsu.pdf` is named .pdf but is not a PDF inside.",
        ),
        (
            &[("a.pdf", PDF)][..],
            entry("a.pdf", "sk", "year = 2025\njudul = \"x\""),
            true,
            "media/dokumen/dokumen.toml:6:1",
            "Unknown key `judul`",
        ),
    ] {
        let (_, found) = documents(files, &toml);
        assert_eq!(found.len(), 1, "{toml}: {found:#?}");
        let (is_error, at, text) = &found[0];
        assert_eq!(
            (*is_error, at.as_str()),
            (error, position),
            "{toml}: {text}"
        );
        assert!(text.contains(needle), "{toml}: {text}");
    }
}

#[test]
fn files_no_entry_names_are_one_warning() {
    let toml = entry("a.pdf", "sk", "year = 2025");
    let files: &[(&str, &[u8])] = &[
        ("a.pdf", PDF),
        ("b.pdf", PDF),
        ("c.docx", b"PK"),
        ("foto.jpg", b"x"),
    ];
    let (docs, found) = documents(files, &toml);
    assert_eq!(docs.len(), 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].0, found[0].1.as_str()),
        (false, "media/dokumen/dokumen.toml"),
        "a warning about the file, at no line"
    );
    assert!(
        found[0]
            .2
            .contains("Files in media/dokumen/ that dokumen.toml does not list: b.pdf, c.docx."),
        "{}",
        found[0].2
    );
}

#[test]
fn a_large_document_is_published_with_a_warning_naming_the_host_limit() {
    let mut big = PDF.to_vec();
    big.resize(usize::try_from(LARGE_BYTES).unwrap() + 1, b' ');
    let (docs, found) = documents(
        &[("besar.pdf", &big)],
        &entry("besar.pdf", "laporan", "year = 2025"),
    );
    assert_eq!(docs.len(), 1, "still listed");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].0, "a warning");
    assert!(
        found[0].2.contains(
            "`besar.pdf` is 20.0 MB, over 20 MB: Cloudflare Pages refuses files over 25 MiB"
        ),
        "{}",
        found[0].2
    );
}
