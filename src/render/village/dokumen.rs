//! `/dokumen/` (the village's public documents by kind and year),
//! `/dokumen/perdes/` (its regulations alone) and `/dokumen/<slug>/` (one
//! document, with its download link), from `media/dokumen/dokumen.toml`
//! as [`crate::load::documents`] read it. The files themselves are
//! published with the rest of `media/`, as they are.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::diag::Lang;
use crate::format;
use crate::load::documents::{Document, DocumentKind};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};
use crate::render::structured::{crumbs, link, org_id, words};

/// A document as templates see it.
#[derive(Serialize, Hash)]
pub struct DocView<'a> {
    title: &'a str,
    number: Option<&'a str>,
    date: Option<NaiveDate>,
    year: i32,
    /// `perdes`, `perkades`, `sk`, `apbdes`, `laporan` or `lainnya`.
    kind: &'static str,
    summary: Option<&'a str>,
    /// In bytes, and as people read it: "84 KB", "1,2 MB".
    size: u64,
    size_text: String,
    /// "PDF", "DOCX".
    format: String,
    /// This document's page.
    url: String,
    /// The file itself.
    download: String,
    /// The file's name, for the download's `download` attribute.
    file_name: &'a str,
}

impl<'a> DocView<'a> {
    fn new(m: &Model, d: &'a Document) -> DocView<'a> {
        DocView {
            title: &d.title,
            number: d.number.as_deref(),
            date: d.date,
            year: d.year,
            kind: d.kind.key(),
            summary: d.summary.as_deref(),
            size: d.size,
            size_text: size_text(d.size, m.config.language),
            format: d.format.to_ascii_uppercase(),
            url: m.url(&document_path(d)),
            download: m.url(&d.src),
            file_name: d.src.rsplit('/').next().unwrap_or(&d.src),
        }
    }
}

/// Bytes as people read them, in decimal units as phones show them,
/// rounded to the nearest.
fn size_text(bytes: u64, lang: Lang) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..999_500 => format!(
            "{} KB",
            format::integer(((bytes + 500) / 1_000).into(), lang)
        ),
        _ => format!("{} MB", format::number(bytes as f64 / 1e6, 1, lang)),
    }
}

fn document_path(d: &Document) -> String {
    format!("dokumen/{}/", d.slug)
}

/// Documents of one kind, by year.
#[derive(Serialize, Hash)]
struct KindGroup<'a> {
    kind: &'static str,
    years: Vec<YearGroup<'a>>,
}

#[derive(Serialize, Hash)]
struct YearGroup<'a> {
    year: i32,
    documents: Vec<DocView<'a>>,
}

/// The documents `keep` keeps, grouped by kind then year; the model
/// holds them in that order already.
fn groups(m: &Model, keep: impl Fn(&Document) -> bool) -> Vec<KindGroup<'_>> {
    let mut out: Vec<KindGroup> = Vec::new();
    for d in m.documents.iter().filter(|d| keep(d)) {
        if out.last().is_none_or(|g| g.kind != d.kind.key()) {
            out.push(KindGroup {
                kind: d.kind.key(),
                years: Vec::new(),
            });
        }
        let years = &mut out.last_mut().expect("pushed above").years;
        if years.last().is_none_or(|y| y.year != d.year) {
            years.push(YearGroup {
                year: d.year,
                documents: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        year.documents.push(DocView::new(m, d));
    }
    out
}

fn has_regulations(m: &Model) -> bool {
    m.documents.iter().any(|d| d.kind == DocumentKind::Perdes)
}

fn documents_crumb(m: &Model) -> (String, String) {
    (words(m, "Dokumen", "Documents"), "dokumen/".into())
}

fn regulations_crumb(m: &Model) -> (String, String) {
    (
        words(m, "Peraturan Desa", "Village regulations"),
        "dokumen/perdes/".into(),
    )
}

/// `/dokumen/`.
pub struct Documents;

impl Kind for Documents {
    fn pages(&self, m: &Model) -> Vec<Key> {
        super::one_page(!m.documents.is_empty())
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "dokumen/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.value("groups", &groups(m, |_| true));
        to.value("regulations", &false);
        to.value(
            "perdes_url",
            &has_regulations(m).then(|| m.url("dokumen/perdes/")),
        );
        Body::Template("dokumen.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![documents_crumb(m)])])
    }
}

/// `/dokumen/perdes/`: the Peraturan Desa alone.
pub struct Regulations;

impl Kind for Regulations {
    fn pages(&self, m: &Model) -> Vec<Key> {
        super::one_page(has_regulations(m))
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "dokumen/perdes/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.value("groups", &groups(m, |d| d.kind == DocumentKind::Perdes));
        to.value("regulations", &true);
        to.value("perdes_url", &Some(m.url("dokumen/perdes/")));
        Body::Template("dokumen.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(
            m,
            vec![documents_crumb(m), regulations_crumb(m)],
        )])
    }
}

/// `/dokumen/<slug>/` (key: index into `documents`).
pub struct DocumentPage;

impl Kind for DocumentPage {
    fn pages(&self, m: &Model) -> Vec<Key> {
        (0..m.documents.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        document_path(&m.documents[key.item])
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.value("document", &DocView::new(m, &m.documents[key.item]));
        to.value("all_url", &m.url("dokumen/"));
        to.value(
            "perdes_url",
            &has_regulations(m).then(|| m.url("dokumen/perdes/")),
        );
        Body::Template("dokumen_item.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let d = &m.documents[key.item];
        let mut trail = vec![documents_crumb(m)];
        if d.kind == DocumentKind::Perdes {
            trail.push(regulations_crumb(m));
        }
        trail.push((d.title.clone(), document_path(d)));
        Some(vec![digital_document(m, d), crumbs(m, trail)])
    }
}

/// The schema.org `DigitalDocument` of a document: its page, and the
/// file as its `associatedMedia`.
fn digital_document(m: &Model, d: &Document) -> Value {
    let p = &m.profile;
    let mut doc = Map::new();
    doc.insert("@type".into(), "DigitalDocument".into());
    doc.insert("name".into(), d.title.clone().into());
    doc.insert("url".into(), link(m, &document_path(d)).into());
    if let Some(n) = &d.number {
        doc.insert("identifier".into(), n.clone().into());
    }
    if let Some(date) = d.date {
        doc.insert("datePublished".into(), date.to_string().into());
    }
    if let Some(s) = &d.summary {
        doc.insert("description".into(), s.clone().into());
    }
    doc.insert("inLanguage".into(), "id".into());
    doc.insert(
        "publisher".into(),
        json!({
            "@type": "GovernmentOrganization",
            "@id": org_id(m),
            "name": format!("{} {}", p.terms.village_government, p.village.name),
        }),
    );
    doc.insert(
        "associatedMedia".into(),
        json!({
            "@type": "MediaObject",
            "contentUrl": link(m, &d.src),
            "encodingFormat": mime(&d.format),
            "contentSize": size_text(d.size, Lang::En),
        }),
    );
    Value::Object(doc)
}

/// The media type of a document's extension.
fn mime(format: &str) -> &'static str {
    match format {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "zip" => "application/zip",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, mime, size_text};

    #[test]
    fn sizes_read_as_phones_show_them() {
        assert_eq!(size_text(512, Lang::Id), "512 B");
        assert_eq!(size_text(84_312, Lang::Id), "84 KB");
        assert_eq!(size_text(1_659, Lang::Id), "2 KB");
        assert_eq!(size_text(999_499, Lang::Id), "999 KB");
        assert_eq!(size_text(999_500, Lang::Id), "1,0 MB");
        assert_eq!(size_text(1_250_000, Lang::Id), "1,3 MB");
        assert_eq!(size_text(21_000_000, Lang::En), "21.0 MB");
        assert_eq!(
            (mime("pdf"), mime("exe")),
            ("application/pdf", "application/octet-stream")
        );
    }
}
