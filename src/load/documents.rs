//! `media/dokumen/`: the village's public documents (informasi publik,
//! PPID) listed at `/dokumen/`, described by `media/dokumen/dokumen.toml`:
//!
//! ```toml
//! [[documents]]
//! file = "perdes-5-2025-apbdes-2026.pdf"   # in media/dokumen/
//! title = "Peraturan Desa Sukamaju Nomor 5 Tahun 2025 tentang APBDes 2026"
//! number = "5 Tahun 2025"                  # optional
//! date = 2025-12-20                        # optional, a plain date
//! kind = "perdes"      # perdes, perkades, sk, apbdes, laporan or lainnya
//! year = 2025          # optional when `date` is given: its year
//! summary = "Pendapatan, belanja dan pembiayaan desa tahun 2026."
//! ```
//!
//! Only the documents listed are shown; every file of `media/` is still
//! published as it is, under `/media/`, so a document's download is its
//! own bytes (a PDF is never converted). What this module reads of each
//! file is its size, and the first bytes of a PDF to tell a real one. A
//! listed file that is not there, an unknown `kind`, a photo (published
//! only as resized web versions, so not downloadable) and two documents
//! at one address are errors at `dokumen.toml:line:col`; a document that
//! is not a PDF, or over [`LARGE_BYTES`], is a warning, and so are files
//! of the folder that no entry names.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::files::{SiteFiles, is_photo};
use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::format::slugify;
use crate::fsx;
use crate::load::tomlerr::{parse_toml, suggest_key};
use crate::load::years;
use crate::text;

/// Where documents live, relative to the site root.
pub const DOCUMENTS_DIR: &str = "media/dokumen";
/// The file describing them, in that folder.
pub const DOCUMENTS_FILE: &str = "dokumen.toml";
/// A document larger than this gets a warning: Cloudflare Pages refuses
/// files over 25 MiB, and a reader pays for every megabyte of data.
pub const LARGE_BYTES: u64 = 20 * 1000 * 1000;

/// What a document is, in the order `/dokumen/` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// Peraturan Desa.
    Perdes,
    /// Peraturan Kepala Desa.
    Perkades,
    /// Surat Keputusan.
    Sk,
    Apbdes,
    Laporan,
    Lainnya,
}

impl DocumentKind {
    pub const ALL: [(&'static str, DocumentKind); 6] = [
        ("perdes", DocumentKind::Perdes),
        ("perkades", DocumentKind::Perkades),
        ("sk", DocumentKind::Sk),
        ("apbdes", DocumentKind::Apbdes),
        ("laporan", DocumentKind::Laporan),
        ("lainnya", DocumentKind::Lainnya),
    ];

    /// As written in `dokumen.toml`: `perdes`.
    pub fn key(self) -> &'static str {
        Self::ALL[self as usize].0
    }
}

/// One listed document, ready for the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Document {
    /// Its site path, `media/dokumen/<file>`, which is also its URL path.
    pub src: String,
    /// Its address below `dokumen/`: the file's name as a slug.
    pub slug: String,
    pub title: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub kind: DocumentKind,
    pub year: i32,
    pub summary: Option<String>,
    /// In bytes.
    pub size: u64,
    /// The file name's extension, lower case: `pdf`.
    pub format: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDocuments {
    #[serde(default)]
    documents: Vec<RawDocument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    file: Spanned<String>,
    title: Spanned<String>,
    number: Option<String>,
    date: Option<Spanned<Datetime>>,
    kind: Spanned<String>,
    year: Option<Spanned<i32>>,
    summary: Option<String>,
}

/// Whether a file of `media/`, by its path components below `media/`,
/// is `dokumen/dokumen.toml` (read by warta, not published).
pub fn is_documents_file<S: AsRef<str>>(rel: &[S]) -> bool {
    matches!(rel, [d, f] if d.as_ref() == "dokumen" && f.as_ref() == DOCUMENTS_FILE)
}

/// The documents `media/dokumen/dokumen.toml` lists, in the order of
/// [`DocumentKind`], newest year first; none (and no problem) without
/// the file.
pub fn load_documents(root: &Path, files: &SiteFiles) -> (Vec<Document>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let path = root.join(DOCUMENTS_DIR).join(DOCUMENTS_FILE);
    if !files.exists(&format!("{DOCUMENTS_DIR}/{DOCUMENTS_FILE}")) {
        return (Vec::new(), problems);
    }
    let shown = display_path(root, &path);
    let source = match fsx::read_site_text(root, &path) {
        Ok(s) => s,
        Err(d) => return (Vec::new(), d.in_file(&shown).into()),
    };
    let what = Text::new(DOCUMENTS_FILE, DOCUMENTS_FILE);
    let raw = match parse_toml::<RawDocuments>(&source, &shown, &source, 0, &what) {
        Ok(raw) => raw,
        Err(found) => return (Vec::new(), found),
    };
    let mut check = DocCheck {
        root,
        file: &shown,
        source: &source,
        files,
        problems: &mut problems,
        missing: false,
    };
    let named: Vec<String> = raw
        .documents
        .iter()
        .map(|r| r.file.get_ref().to_lowercase())
        .collect();
    let mut documents: Vec<Document> = Vec::new();
    for r in raw.documents {
        if let Some(d) = check.document(r, &documents) {
            documents.push(d);
        }
    }
    if !check.missing {
        check.unlisted(&named);
    }
    documents.sort_by(|a, b| {
        (a.kind, b.year, b.date, &a.title).cmp(&(b.kind, a.year, a.date, &b.title))
    });
    (documents, problems)
}

/// The rules for the values of `dokumen.toml`.
struct DocCheck<'a> {
    root: &'a Path,
    file: &'a Path,
    source: &'a str,
    files: &'a SiteFiles,
    problems: &'a mut Diagnostics,
    /// Whether a listed file was missing (its error names the files
    /// there, so they are not reported again as unlisted).
    missing: bool,
}

impl DocCheck<'_> {
    fn report(&mut self, d: Diagnostic, span: std::ops::Range<usize>, hint: Text) {
        let len = span.len().max(1);
        self.problems.push(
            d.in_file(self.file)
                .at(self.source, span.start, len)
                .hint(hint),
        );
    }

    fn error(&mut self, span: std::ops::Range<usize>, message: Text, hint: Text) {
        self.report(Diagnostic::error(message), span, hint);
    }

    fn warning(&mut self, span: std::ops::Range<usize>, message: Text, hint: Text) {
        self.report(Diagnostic::warning(message), span, hint);
    }

    /// One entry; None after reporting what makes it unusable.
    fn document(&mut self, raw: RawDocument, before: &[Document]) -> Option<Document> {
        let name = raw.file.get_ref().clone();
        let src = format!("{DOCUMENTS_DIR}/{name}");
        if !self.exists(&raw.file) || !self.downloadable(&raw.file) {
            return None;
        }
        let slug = self.slug(&raw.file, before)?;
        let kind = self.kind(&raw.kind)?;
        let date = raw.date.as_ref().and_then(|d| self.date(d));
        let year = self.year(raw.year.as_ref(), date, &raw.title)?;
        let size = match fsx::check_site_file(self.root, &self.root.join(&src)) {
            Ok(size) => size,
            Err(d) => {
                self.problems.push(d);
                return None;
            }
        };
        let format = extension(&name);
        self.format(&raw.file, &format);
        self.size(&raw.file, size);
        Some(Document {
            src,
            slug,
            title: raw.title.get_ref().trim().to_string(),
            number: raw.number.filter(|n| !n.trim().is_empty()),
            date,
            kind,
            year,
            summary: raw.summary.filter(|s| !s.trim().is_empty()),
            size,
            format,
        })
    }

    /// Whether the file `file =` names is in `media/dokumen/`.
    fn exists(&mut self, v: &Spanned<String>) -> bool {
        let name = v.get_ref();
        if self.files.exists(&format!("{DOCUMENTS_DIR}/{name}")) {
            return true;
        }
        let prefix = format!("{DOCUMENTS_DIR}/");
        let mut names: Vec<&str> = self
            .files
            .paths()
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|p| *p != DOCUMENTS_FILE)
            .collect();
        names.sort_unstable();
        let hint = match suggest_key(name, &names) {
            Some(s) => text!(
                "Mungkin maksudnya `{s}`. Tulis nama berkas di {DOCUMENTS_DIR}/ persis, dengan huruf besar-kecil dan ekstensinya.",
                "Perhaps you meant `{s}`. Write the name of a file in {DOCUMENTS_DIR}/ exactly, with its case and extension."
            ),
            None if names.is_empty() => text!(
                "Salin berkasnya ke folder {DOCUMENTS_DIR}/ dulu.",
                "Copy the file into the folder {DOCUMENTS_DIR}/ first."
            ),
            None => {
                let list = names.join(", ");
                text!(
                    "Berkas di {DOCUMENTS_DIR}/: {list}.",
                    "The files in {DOCUMENTS_DIR}/: {list}."
                )
            }
        };
        self.error(
            v.span(),
            text!(
                "Berkas `{name}` tidak ada di folder {DOCUMENTS_DIR}/.",
                "The file `{name}` is not in the folder {DOCUMENTS_DIR}/."
            ),
            hint,
        );
        self.missing = true;
        false
    }

    /// Files of the folder that no entry names (`named`: lower case) are
    /// published under `/media/` but shown nowhere: one warning lists them.
    fn unlisted(&mut self, named: &[String]) {
        let prefix = format!("{DOCUMENTS_DIR}/");
        let mut left: Vec<&str> = self
            .files
            .paths()
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|p| *p != DOCUMENTS_FILE && !is_photo(p))
            .filter(|p| !named.contains(&p.to_lowercase()))
            .collect();
        if left.is_empty() {
            return;
        }
        left.sort_unstable();
        let list = left.join(", ");
        self.problems.push(
            Diagnostic::warning(text!(
                "Berkas di {DOCUMENTS_DIR}/ yang tidak tercantum di {DOCUMENTS_FILE}: {list}. Berkas itu tetap diterbitkan di /{DOCUMENTS_DIR}/, tetapi tidak tampil di /dokumen/.",
                "Files in {DOCUMENTS_DIR}/ that {DOCUMENTS_FILE} does not list: {list}. They are still published under /{DOCUMENTS_DIR}/, but /dokumen/ does not show them."
            ))
            .in_file(self.file)
            .hint(text!(
                "Tambahkan bagian [[documents]] untuk tiap berkas (file, title, kind, date atau year), atau pindahkan berkas yang bukan dokumen publik keluar dari {DOCUMENTS_DIR}/.",
                "Add a [[documents]] entry for each (file, title, kind, date or year), or move files that are not public documents out of {DOCUMENTS_DIR}/."
            )),
        );
    }

    /// A photo is published only as resized web versions, never as the
    /// file a reader would download.
    fn downloadable(&mut self, v: &Spanned<String>) -> bool {
        let name = v.get_ref();
        if !is_photo(name) {
            return true;
        }
        self.error(
            v.span(),
            text!(
                "`{name}` adalah foto: warta menerbitkan foto hanya sebagai versi web yang diperkecil, jadi tidak bisa diunduh sebagai dokumen.",
                "`{name}` is a photo: warta publishes photos only as smaller web versions, so it cannot be downloaded as a document."
            ),
            Text::new(
                "Simpan hasil pindaian sebagai PDF (aplikasi pemindai di ponsel bisa), lalu tulis nama berkas PDF-nya di sini.",
                "Save the scan as a PDF (a phone's scanner app can), then write the PDF's file name here.",
            ),
        );
        false
    }
}

/// The extension of a file name, lower case; "" without one.
fn extension(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

impl DocCheck<'_> {
    /// The document's address: its file name without the extension, as
    /// a slug; an error when an earlier document has it, or the Perdes
    /// list does.
    fn slug(&mut self, v: &Spanned<String>, before: &[Document]) -> Option<String> {
        let name = v.get_ref();
        let base = name.rsplit('/').next().unwrap_or(name);
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
        let slug = match slugify(stem) {
            s if s.is_empty() => "dokumen".to_string(),
            s => s,
        };
        let taken = before
            .iter()
            .find(|d| d.slug == slug)
            .map(|d| d.src.clone());
        let message = match taken {
            Some(src) if src.ends_with(&format!("/{name}")) => text!(
                "Berkas `{name}` tercantum dua kali di {DOCUMENTS_FILE}.",
                "The file `{name}` is listed twice in {DOCUMENTS_FILE}."
            ),
            Some(src) => text!(
                "Berkas `{name}` dan `{src}` mendapat alamat yang sama /dokumen/{slug}/.",
                "The files `{name}` and `{src}` get the same address /dokumen/{slug}/."
            ),
            None if slug == "perdes" => text!(
                "Berkas `{name}` akan mendapat alamat /dokumen/perdes/, yang dipakai daftar Peraturan Desa.",
                "The file `{name}` would get the address /dokumen/perdes/, which the list of village regulations uses."
            ),
            None => return Some(slug),
        };
        self.error(
            v.span(),
            message,
            Text::new(
                "Ganti nama berkasnya agar lebih jelas, misalnya `perdes-5-2025-apbdes.pdf`, lalu tulis nama baru itu di sini. Huruf besar-kecil, spasi dan tanda hubung dianggap sama.",
                "Rename the file to say more, e.g. `perdes-5-2025-apbdes.pdf`, and write the new name here. Case, spaces and hyphens count as the same.",
            ),
        );
        None
    }

    fn kind(&mut self, v: &Spanned<String>) -> Option<DocumentKind> {
        let value = v.get_ref().as_str();
        let found = DocumentKind::ALL.iter().find(|(k, _)| *k == value);
        if found.is_none() {
            let keys: Vec<&str> = DocumentKind::ALL.iter().map(|(k, _)| *k).collect();
            let list = keys.join(", ");
            let hint = match suggest_key(value, &keys) {
                Some(s) => text!(
                    "Tulis `\"{s}\"`. Pilihan: {list}.",
                    "Write `\"{s}\"`. Choices: {list}."
                ),
                None => text!("Pilih salah satu: {list}.", "Choose one of: {list}."),
            };
            self.error(
                v.span(),
                text!(
                    "Jenis dokumen `{value}` tidak dikenal.",
                    "Unknown kind of document `{value}`."
                ),
                hint,
            );
        }
        found.map(|(_, k)| *k)
    }
}

impl DocCheck<'_> {
    /// A plain date in the years warta accepts.
    fn date(&mut self, v: &Spanned<Datetime>) -> Option<NaiveDate> {
        let dt = v.get_ref();
        if let Some(d) = dt.date.filter(|d| !years::in_range(d.year.into())) {
            let (message, hint) = years::out_of_range(d.year.into(), "date");
            self.error(v.span(), message, hint);
            return None;
        }
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        };
        if date.is_none() {
            self.error(
                v.span(),
                Text::new(
                    "`date` dokumen harus berupa tanggal saja, tanpa jam.",
                    "A document's `date` must be a plain date, without a time.",
                ),
                Text::new(
                    "Tulis tanggal penetapan tanpa tanda kutip, misalnya `date = 2025-12-20`.",
                    "Write the date it was issued without quotes, e.g. `date = 2025-12-20`.",
                ),
            );
        }
        date
    }

    /// `year`, else the date's; a document listed by year needs one.
    fn year(
        &mut self,
        v: Option<&Spanned<i32>>,
        date: Option<NaiveDate>,
        title: &Spanned<String>,
    ) -> Option<i32> {
        use chrono::Datelike;
        let Some(v) = v else {
            if date.is_none() {
                self.error(
                    title.span(),
                    Text::new("Dokumen ini tanpa tahun.", "This document has no year."),
                    Text::new(
                        "Tulis `date = 2025-12-20` (tanggal penetapan) atau `year = 2025`: /dokumen/ mengurutkan dokumen per tahun.",
                        "Write `date = 2025-12-20` (the date it was issued) or `year = 2025`: /dokumen/ lists documents by year.",
                    ),
                );
            }
            return date.map(|d| d.year());
        };
        let year = *v.get_ref();
        if !years::in_range(year.into()) {
            let (message, hint) = years::out_of_range(year.into(), "year");
            self.error(v.span(), message, hint);
            return None;
        }
        Some(year)
    }

    /// A PDF opens on every phone; other formats are published as they
    /// are, with a warning. A `.pdf` that is not one is a warning too.
    fn format(&mut self, v: &Spanned<String>, format: &str) {
        let name = v.get_ref();
        if format != "pdf" {
            self.warning(
                v.span(),
                text!(
                    "`{name}` bukan PDF: diterbitkan apa adanya, tetapi banyak ponsel warga tidak bisa membukanya.",
                    "`{name}` is not a PDF: it is published as it is, but many readers' phones cannot open it."
                ),
                Text::new(
                    "Simpan dokumen sebagai PDF (di Word atau LibreOffice: Simpan Sebagai > PDF), lalu tulis nama berkas PDF-nya di sini.",
                    "Save the document as a PDF (in Word or LibreOffice: Save As > PDF), then write the PDF's file name here.",
                ),
            );
        } else if !self.starts_as_pdf(name) {
            self.warning(
                v.span(),
                text!(
                    "`{name}` bernama .pdf tetapi isinya bukan PDF.",
                    "`{name}` is named .pdf but is not a PDF inside."
                ),
                Text::new(
                    "Buka berkas aslinya lalu simpan ulang sebagai PDF; mengganti nama berkas saja tidak mengubah isinya.",
                    "Open the original and save it again as a PDF; renaming a file does not change what is inside.",
                ),
            );
        }
    }

    /// Whether the file begins as every PDF does (`%PDF-`); a file that
    /// cannot be read here is reported when it is copied.
    fn starts_as_pdf(&self, name: &str) -> bool {
        let path = self.root.join(DOCUMENTS_DIR).join(name);
        let mut head = Vec::with_capacity(5);
        fsx::open(&path)
            .ok()
            .and_then(|f| f.take(5).read_to_end(&mut head).ok())
            .is_none_or(|_| head == b"%PDF-")
    }

    fn size(&mut self, v: &Spanned<String>, size: u64) {
        if size <= LARGE_BYTES {
            return;
        }
        let name = v.get_ref();
        let mb = format!("{:.1}", size as f64 / 1e6);
        self.warning(
            v.span(),
            text!(
                "`{name}` berukuran {mb} MB, lebih dari 20 MB: Cloudflare Pages menolak berkas di atas 25 MiB, GitHub menolak di atas 100 MB, dan warga membayar setiap megabita kuotanya.",
                "`{name}` is {mb} MB, over 20 MB: Cloudflare Pages refuses files over 25 MiB, GitHub over 100 MB, and readers pay for every megabyte of data."
            ),
            Text::new(
                "Perkecil PDF-nya (misalnya \"Kurangi ukuran berkas\" di aplikasi PDF, atau pindai ulang dengan 150 dpi hitam-putih), atau bagi menjadi beberapa berkas.",
                "Make the PDF smaller (e.g. \"Reduce file size\" in a PDF app, or scan again at 150 dpi black and white), or split it into several files.",
            ),
        );
    }
}

#[cfg(test)]
mod tests;
