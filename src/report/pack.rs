//! The contest pack of a year (`warta report --year 2026 --zip`): what a
//! KIM contest jury asks for, as one ZIP of self-contained pages that
//! open without internet.
//!
//! ```text
//! paket-lomba-kim-2026/
//!   00-daftar-isi.txt          what is inside, in the site's language
//!   01-kim.html                /kim/: decree, registration, vision, members
//!   02-profil-desa.html        /profil/
//!   03-statistik.html          /statistik/, when the site has it
//!   04-pembangunan.html        /pembangunan/, when the site has it
//!   laporan/2026-11.html       every monthly report of the year
//!   tulisan/01-<slug>.html     the ten posts most worth reading:
//!                              the year's pinned posts, then its newest
//!   dokumen/<file>             decrees (kind sk in dokumen.toml) that name the KIM
//! ```
//!
//! ZIP through the `zip` crate with only `deflate-flate2`: the pack is
//! written, never read, so no other compression method, no encryption and
//! no `time` (entries carry the format's fixed 1980 date, so the same
//! site gives the same pack); flate2 is already in the tree for images.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{Prepared, report_path, write_atomic};
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::load::documents::DocumentKind;
use crate::render::kind::Job;
use crate::text;

/// Who made the pack, as the pages' `generator` says.
const GENERATOR: &str = concat!("warta ", env!("CARGO_PKG_VERSION"));

/// How many posts the pack holds.
const POSTS: usize = 10;

/// One page of the pack.
struct Entry {
    /// Its name inside the pack's folder: `laporan/2026-11.html`.
    name: String,
    title: String,
    job: Job,
}

/// Writes `paket-lomba-kim-<year>.zip` into `dir`; the file written.
pub fn write(site: &Prepared, dir: &Path, year: i32) -> Result<PathBuf, Diagnostics> {
    let entries = entries(site, year)?;
    let jobs: Vec<Job> = entries.iter().map(|e| e.job).collect();
    let pages = site.standalone(&jobs)?;
    let folder = format!("paket-lomba-kim-{year}");
    let documents = decrees(site);
    let contents = contents(site, year, &entries, &documents);
    let zip_err = |e: zip::result::ZipError| -> Diagnostics {
        Diagnostic::error(text!(
            "Paket lomba tidak bisa dibuat: {e}.",
            "The contest pack cannot be made: {e}."
        ))
        .into()
    };
    let io_err = |e: std::io::Error| zip_err(e.into());
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(format!("{folder}/00-daftar-isi.txt"), options)
        .map_err(zip_err)?;
    zip.write_all(contents.as_bytes()).map_err(io_err)?;
    for (entry, html) in entries.iter().zip(pages) {
        zip.start_file(format!("{folder}/{}", entry.name), options)
            .map_err(zip_err)?;
        zip.write_all(html.as_bytes()).map_err(io_err)?;
    }
    for (name, file) in &documents {
        let bytes = crate::fsx::read(file)?;
        zip.start_file(format!("{folder}/dokumen/{name}"), options)
            .map_err(zip_err)?;
        zip.write_all(&bytes).map_err(io_err)?;
    }
    let bytes = zip.finish().map_err(zip_err)?.into_inner();
    let file = dir.join(format!("{folder}.zip"));
    write_atomic(&file, &bytes)?;
    Ok(file)
}

/// The site's pages at the top of the pack: (name, path, title in
/// Indonesian, in English).
const FIXED: [(&str, &str, &str, &str); 4] = [
    (
        "01-kim.html",
        "kim/",
        "Profil KIM dan SK pembentukan",
        "The KIM and its founding decree",
    ),
    (
        "02-profil-desa.html",
        "profil/",
        "Profil desa",
        "Village profile",
    ),
    (
        "03-statistik.html",
        "statistik/",
        "Statistik desa",
        "Village statistics",
    ),
    (
        "04-pembangunan.html",
        "pembangunan/",
        "Data pembangunan (IDM, SDGs Desa, stunting)",
        "Development data (IDM, SDGs Desa, stunting)",
    ),
];

fn words(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::Id => id.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The pages of the pack, in its order; an error when the year has no
/// post (and so no report).
fn entries(site: &Prepared, year: i32) -> Result<Vec<Entry>, Diagnostics> {
    let (m, lang) = (&site.model, site.lang());
    let months: Vec<u32> = m
        .archive
        .iter()
        .filter(|y| y.year == year)
        .flat_map(|y| y.months.iter().map(|mo| mo.month))
        .collect();
    if months.is_empty() {
        return Err(nothing_in(site, year).into());
    }
    let fixed = FIXED
        .iter()
        .map(|(name, path, id, en)| (name.to_string(), path.to_string(), words(lang, id, en)));
    // Oldest month first, as a jury reads a year.
    let reports = months.iter().rev().map(|&month| {
        let when = crate::format::month_year(year, month, lang);
        (
            format!("laporan/{year:04}-{month:02}.html"),
            report_path(year, month),
            format!(
                "{} {when}",
                words(lang, "Laporan kegiatan", "Activity report")
            ),
        )
    });
    let posts = best_posts(m, year).into_iter().enumerate().map(|(n, i)| {
        let post = &m.posts[i];
        (
            format!("tulisan/{:02}-{}.html", n + 1, post.slug),
            post.path.clone(),
            post.title.clone(),
        )
    });
    let all = fixed.chain(reports).chain(posts);
    Ok(all
        .filter_map(|(name, path, title)| {
            Some(Entry {
                job: site.job(&path)?,
                name,
                title,
            })
        })
        .collect())
}

/// The year's posts most worth reading: pinned first, then newest (the
/// model's posts are newest first), at most [`POSTS`].
fn best_posts(m: &crate::model::Model, year: i32) -> Vec<usize> {
    use chrono::Datelike;
    let mut ids: Vec<usize> = (0..m.posts.len())
        .filter(|&i| m.posts[i].date.is_some_and(|d| d.at.year() == year))
        .collect();
    ids.sort_by_key(|&i| !m.posts[i].pinned);
    ids.truncate(POSTS);
    ids
}

/// Decrees (`kind = "sk"`) whose title names the KIM: (file name, path).
fn decrees(site: &Prepared) -> Vec<(String, PathBuf)> {
    let m = &site.model;
    let kim = m.profile.kim.as_ref().map(|k| k.name.to_lowercase());
    let names_kim = |title: &str| {
        let t = title.to_lowercase();
        t.contains("kim")
            || t.contains("kelompok informasi masyarakat")
            || kim.as_ref().is_some_and(|k| t.contains(k.as_str()))
    };
    m.documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Sk && names_kim(&d.title))
        .map(|d| {
            let name = d.src.rsplit('/').next().unwrap_or(&d.src).to_string();
            (name, site.loaded.root.join(&d.src))
        })
        .collect()
}

/// `00-daftar-isi.txt`: the pack's title, then each file with its title.
fn contents(site: &Prepared, year: i32, entries: &[Entry], docs: &[(String, PathBuf)]) -> String {
    let m = &site.model;
    let kim = m.profile.kim.as_ref().map_or("", |k| k.name.as_str());
    let village = &m.profile.village.display_name;
    let mut s = match site.lang() {
        Lang::Id => format!(
            "Paket lomba {kim}, {village}, tahun {year}\nDibuat oleh {} dari {}\n\n",
            GENERATOR, m.config.base_url
        ),
        Lang::En => format!(
            "Contest pack of {kim}, {village}, {year}\nMade by {} from {}\n\n",
            GENERATOR, m.config.base_url
        ),
    };
    for e in entries {
        let _ = writeln!(s, "{}\n    {}", e.title, e.name);
    }
    for (name, _) in docs {
        let _ = writeln!(s, "dokumen/{name}");
    }
    s
}

/// A year with no post: no report, no pack.
fn nothing_in(site: &Prepared, year: i32) -> Diagnostic {
    let years: Vec<String> = site
        .model
        .archive
        .iter()
        .map(|y| y.year.to_string())
        .collect();
    let list = years.join(", ");
    Diagnostic::error(text!(
        "Tidak ada tulisan pada tahun {year}, jadi tidak ada paket lomba tahun itu.",
        "There are no posts in {year}, so there is no contest pack for that year."
    ))
    .hint(text!(
        "Tahun yang punya tulisan: {list}.",
        "Years with posts: {list}."
    ))
}
