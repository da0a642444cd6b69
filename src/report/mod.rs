//! `warta report`: the KIM's records as files to hand over, for a
//! contest jury (KIMFest) or the village head, who may have no internet.
//!
//! - `--month 2026-11` writes that month's report (the page of
//!   `/kim/laporan/2026/11/`) as one self-contained HTML file
//!   ([`standalone`]), and with `--pdf` also prints it to PDF through
//!   headless Chromium when one is installed ([`pdf`]).
//! - `--year 2026 --zip` writes the contest pack ([`pack`]): the KIM's
//!   page (decree, registration, members), the village profile, the
//!   statistics and development pages, every monthly report of the year
//!   and the ten posts most worth reading (pinned first, then newest),
//!   each as one file, in one ZIP.
//!
//! The pages are the site's own: the same stages as `warta build` up to
//! the renderer ([`Prepared::open`]), then only the pages asked for are
//! rendered, and the files they use (stylesheets, photo variants) are
//! taken from the list `build` publishes ([`crate::site::published`]).
//! Every file is written beside its final name first and renamed into
//! place, so an interrupted run leaves nothing half-written in the
//! output folder.

pub mod pack;
pub mod pdf;
pub mod standalone;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::images::{ImagePlan, ImageStore};
use crate::load::{Address, Loaded, Request, Reuse};
use crate::model::{BuildOptions, Model};
use crate::render::Renderer;
use crate::render::kind::{Job, jobs};
use crate::site::{BuildFailure, published};
use crate::text;
use standalone::{Files, standalone};

/// What `warta report` was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One month's report: (year, month 1–12).
    Month(i32, u32),
    /// The contest pack of a year.
    Year(i32),
}

/// `2026-11` as (2026, 11); a message naming what was typed otherwise.
pub fn parse_month(s: &str) -> Result<(i32, u32), Text> {
    let bad = || {
        text!(
            "`{s}` bukan bulan: tulis tahun-bulan, misalnya 2026-11 (bulan 01 sampai 12).",
            "`{s}` is not a month: write year-month, such as 2026-11 (month 01 to 12)."
        )
    };
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(y, 4) || !digits(m, 2) {
        return Err(bad());
    }
    let (year, month) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// What a run asked for.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub root: PathBuf,
    /// Where to write; `<root>/laporan` when `None`.
    pub output: Option<PathBuf>,
    pub period: Period,
    /// Also print the month's report to PDF.
    pub pdf: bool,
}

/// What a run wrote.
#[derive(Debug)]
pub struct Written {
    pub files: Vec<PathBuf>,
    /// Said to the person though nothing failed: no Chromium for `--pdf`.
    pub notes: Vec<Text>,
    pub lang: Lang,
}

/// The stages of a build up to the renderer, kept to render some pages.
pub struct Prepared {
    loaded: Loaded,
    pub model: Model,
    renderer: Renderer,
}

impl Prepared {
    /// Load, model, photos and renderer, as [`crate::site::Site::build`]
    /// runs them; warnings are left to `build` and `check`.
    pub fn open(root: &Path) -> Result<Prepared, BuildFailure> {
        let request = Request {
            root: root.to_path_buf(),
            address: Address::Configured,
        };
        let loaded =
            crate::load::load(&request, Reuse::Nothing).map_err(|problems| BuildFailure {
                problems,
                lang: None,
            })?;
        let options = BuildOptions {
            drafts: false,
            now: None,
        };
        let (model, _) = crate::site::model(&loaded, options, None)?;
        let fail = |problems: Diagnostics| BuildFailure {
            problems,
            lang: Some(model.config.language),
        };
        let store = Arc::new(ImageStore::new(root, &model.config.images, true));
        let (images, problems) = ImagePlan::make(&model, &loaded.files, store);
        if problems.has_errors() {
            return Err(fail(problems));
        }
        let renderer = Renderer::new(&model, Arc::new(images), root).map_err(fail)?;
        Ok(Prepared {
            loaded,
            model,
            renderer,
        })
    }

    pub fn lang(&self) -> Lang {
        self.model.config.language
    }

    /// The page at URL path `path` (`kim/laporan/2026/11/`), if the site has it.
    pub fn job(&self, path: &str) -> Option<Job> {
        jobs(&self.model)
            .into_iter()
            .find(|j| j.path(&self.model) == path)
    }

    /// The pages of `jobs`, each as one self-contained HTML file, in order.
    pub fn standalone(&self, jobs: &[Job]) -> Result<Vec<String>, Diagnostics> {
        let pages = Mutex::new(HashMap::new());
        let write = |file: &str, bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            pages.lock().map_or(Ok(()), |mut p| {
                p.insert(file.to_string(), text);
                Ok(())
            })
        };
        let rendered = self.renderer.render_jobs(&self.model, jobs, &write);
        if rendered.problems.has_errors() {
            return Err(rendered.problems);
        }
        let uses = rendered.all_uses();
        let (files, problems) = published(&self.loaded, &self.model, &self.renderer, &uses);
        if problems.has_errors() {
            return Err(problems);
        }
        let config = &self.model.config;
        let files = Files::new(files, &config.root_path, &config.base_url);
        let pages = pages.into_inner().unwrap_or_default();
        let one = |job: &Job| {
            let html = pages.get(&job.file(&self.model)).map_or("", String::as_str);
            standalone(html, &files).map_err(Diagnostics::from)
        };
        jobs.iter().map(one).collect()
    }
}

/// The path of a month's report page.
pub fn report_path(year: i32, month: u32) -> String {
    format!("kim/laporan/{year:04}/{month:02}/")
}

/// Runs `warta report`.
pub fn run(req: &ReportRequest) -> Result<Written, BuildFailure> {
    let site = Prepared::open(&req.root)?;
    let lang = site.lang();
    let fail = |d: Diagnostic| BuildFailure {
        problems: d.into(),
        lang: Some(lang),
    };
    if site.model.profile.kim.is_none() {
        return Err(fail(no_kim()));
    }
    let dir = req
        .output
        .clone()
        .unwrap_or_else(|| req.root.join("laporan"));
    let written = match req.period {
        Period::Month(year, month) => month_report(&site, &dir, year, month, req.pdf),
        Period::Year(year) => pack::write(&site, &dir, year).map(|file| Written {
            files: vec![file],
            notes: Vec::new(),
            lang,
        }),
    };
    written.map_err(|problems| BuildFailure {
        problems,
        lang: Some(lang),
    })
}

fn no_kim() -> Diagnostic {
    Diagnostic::error(text!(
        "Profil desa belum punya bagian [kim]: laporan kegiatan adalah laporan KIM.",
        "The village profile has no [kim] section: activity reports are the KIM's."
    ))
    .in_file("profile.toml")
    .hint(text!(
        "Tambahkan [kim] dengan name = \"KIM …\" ke profile.toml.",
        "Add [kim] with name = \"KIM …\" to profile.toml."
    ))
}

/// A month with no posts has no report: say which months have one.
fn no_posts(model: &Model, year: i32, month: u32) -> Diagnostic {
    let lang = model.config.language;
    let when = crate::format::month_year(year, month, lang);
    let months: Vec<String> = model
        .archive
        .iter()
        .flat_map(|y| &y.months)
        .take(6)
        .map(|m| format!("{:04}-{:02}", m.year, m.month))
        .collect();
    let list = months.join(", ");
    Diagnostic::error(text!(
        "Tidak ada tulisan pada {when}, jadi tidak ada laporan kegiatan bulan itu.",
        "There are no posts in {when}, so there is no activity report for that month."
    ))
    .hint(if months.is_empty() {
        text!(
            "Situs ini belum punya tulisan bertanggal.",
            "This site has no dated posts yet."
        )
    } else {
        text!(
            "Bulan terbaru yang punya laporan: {list}.",
            "The latest months with a report: {list}."
        )
    })
}

/// `laporan-kim-2026-11.html` (and `.pdf`) in `dir`.
fn month_report(
    site: &Prepared,
    dir: &Path,
    year: i32,
    month: u32,
    pdf: bool,
) -> Result<Written, Diagnostics> {
    let job = site
        .job(&report_path(year, month))
        .ok_or_else(|| Diagnostics::from(no_posts(&site.model, year, month)))?;
    let html = site.standalone(&[job])?.remove(0);
    let name = format!("laporan-kim-{year:04}-{month:02}");
    let html_file = dir.join(format!("{name}.html"));
    write_atomic(&html_file, html.as_bytes())?;
    let mut written = Written {
        files: vec![html_file.clone()],
        notes: Vec::new(),
        lang: site.lang(),
    };
    if pdf {
        match pdf::chromium() {
            Some(chromium) => {
                let file = dir.join(format!("{name}.pdf"));
                print_atomic(&chromium, &html_file, &file)?;
                written.files.push(file);
            }
            None => written.notes.push(text!(
                "Chromium tidak ditemukan, jadi PDF tidak dibuat; berkas HTML-nya sudah ditulis. Pasang Chromium (apt-get install chromium) atau setel WARTA_CHROMIUM, atau buka HTML-nya di peramban lalu Cetak > Simpan sebagai PDF.",
                "Chromium was not found, so no PDF was made; the HTML file is written. Install Chromium (apt-get install chromium) or set WARTA_CHROMIUM, or open the HTML in a browser and Print > Save as PDF."
            )),
        }
    }
    Ok(written)
}

/// The temporary name beside `file`: hidden, so a half-written file is
/// never taken for a report.
fn temporary(file: &Path) -> PathBuf {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = format!(".{}.{}.tmp", name.unwrap_or_default(), std::process::id());
    file.with_file_name(name)
}

/// Writes `bytes` to `file` through a temporary file renamed into place.
pub fn write_atomic(file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let tmp = temporary(file);
    let result = crate::fsx::write(&tmp, bytes).and_then(|()| crate::fsx::rename(&tmp, file));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Prints `html` to `file` through a temporary file, with a scratch
/// profile folder for Chromium removed afterwards.
fn print_atomic(chromium: &Path, html: &Path, file: &Path) -> Result<(), Diagnostic> {
    let tmp = temporary(file);
    let scratch = std::env::temp_dir().join(format!("warta-chromium-{}", std::process::id()));
    crate::fsx::create_dir_all(&scratch)?;
    let result =
        pdf::print(chromium, html, &tmp, &scratch).and_then(|()| crate::fsx::rename(&tmp, file));
    let _ = std::fs::remove_dir_all(&scratch);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_year_dash_two_digits() {
        assert_eq!(parse_month("2026-11"), Ok((2026, 11)));
        assert_eq!(parse_month(" 2026-01 "), Ok((2026, 1)));
        for bad in [
            "2026-13", "2026-00", "2026-1", "26-11", "2026/11", "november", "",
        ] {
            let e = parse_month(bad).unwrap_err();
            assert!(e.id.contains("bukan bulan"), "{bad}: {e:?}");
        }
        assert_eq!(
            parse_month("2026-13").unwrap_err().id,
            "`2026-13` bukan bulan: tulis tahun-bulan, misalnya 2026-11 (bulan 01 sampai 12)."
        );
    }
}
