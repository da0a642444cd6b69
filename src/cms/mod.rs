//! `static/admin/`: editing in the browser, for writers who never touch
//! git. `warta init` and `warta cms` write four files there, and `warta
//! build` publishes them at `/admin/` like any static file:
//!
//! - `sveltia-cms.js`: Sveltia CMS, pinned (`SVELTIA_VERSION`) and
//!   embedded in this binary from `vendor/sveltia-cms/` (gzip, 0.6 MB), so
//!   no CDN serves the editor and warta downloads nothing;
//! - `config.yml`: the collections, generated from warta's own schema
//!   ([`config`]);
//! - `index.html`, which loads the two, and the script's licence.
//!
//! Why Sveltia and not Decap CMS, measured: docs/CMS.md. Posts written in
//! the editor are bundles (`content/berita/2026-01-05-judul/index.md` with
//! their photos beside them); pages are single files with photos in
//! `media/`. The editor commits through GitHub's or GitLab's API; which
//! repository is read from `--repo`, else the config written before, else
//! the site's `.git/config`, else a `*.github.io` / `*.gitlab.io`
//! `base_url` ([`backend`]).

pub mod backend;
pub mod config;
pub mod fields;

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Lang};
use crate::load::config::Config;
use crate::load::content::{CONTENT_DIR, PAGE_FOLDERS};
use crate::{fsx, text};

pub use backend::{Backend, Host};
use fields::Kind;

/// The Sveltia CMS release in `vendor/sveltia-cms/` (SOURCE.toml).
pub const SVELTIA_VERSION: &str = "0.221.1";
static SCRIPT_GZ: &[u8] = include_bytes!("../../vendor/sveltia-cms/sveltia-cms.js.gz");
static LICENSE: &str = include_str!("../../vendor/sveltia-cms/LICENSE.txt");

/// Where the editor goes, relative to the site root.
pub const ADMIN_DIR: &str = "static/admin";

/// One folder of `content/` and what its files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub folder: String,
    pub kind: Kind,
}

/// Sections every site gets in the editor, whether or not their folder
/// exists yet.
const ALWAYS: &[&str] = &["berita", "agenda", "pengumuman", "halaman"];

impl Section {
    pub(crate) fn new(folder: &str) -> Section {
        let kind = match folder {
            "agenda" => Kind::Agenda,
            "pengumuman" => Kind::Announcement,
            "produk" => Kind::Product,
            f if PAGE_FOLDERS.contains(&f) => Kind::Page,
            _ => Kind::Post,
        };
        Section {
            folder: folder.to_string(),
            kind,
        }
    }

    /// The collection's name and description in `lang`.
    pub fn label(&self, lang: Lang) -> (String, String) {
        let pick = |s: fields::Said| match lang {
            Lang::Id => s.0.to_string(),
            Lang::En => s.1.to_string(),
        };
        match LABELS.iter().find(|(folder, ..)| *folder == self.folder) {
            Some((_, name, about)) => (pick(*name), pick(*about)),
            None => {
                let folder = &self.folder;
                let about = match lang {
                    Lang::Id => format!("Tulisan di content/{folder}/."),
                    Lang::En => format!("Posts in content/{folder}/."),
                };
                (folder.clone(), about)
            }
        }
    }
}

/// The known sections' names and descriptions; one row each.
#[rustfmt::skip]
const LABELS: &[(&str, fields::Said, fields::Said)] = &[
    ("berita", ("Berita", "News"), ("Kabar desa: kegiatan, hasil musyawarah, prestasi warga.", "Village news: activities, meetings, residents' achievements.")),
    ("agenda", ("Agenda", "Events"), ("Acara yang akan datang, dengan waktu dan tempatnya.", "Coming events, with their time and place.")),
    ("pengumuman", ("Pengumuman", "Announcements"), ("Pengumuman resmi; tampil di spanduk beranda sampai tanggal berlakunya habis.", "Official notices; shown in the home page banner until they expire.")),
    ("produk", ("Cerita produk", "Product stories"), ("Tulisan tentang satu produk di profil desa.", "A post about one product of the village profile.")),
    ("profil", ("Halaman profil", "Profile pages"), ("Sejarah, sambutan, dan halaman profil lain.", "History, greeting and other profile pages.")),
    ("lembaga", ("Lembaga desa", "Village institutions"), ("Satu halaman per lembaga (BPD, PKK, Karang Taruna).", "One page per institution (BPD, PKK, youth group).")),
    ("layanan", ("Layanan", "Services"), ("Halaman layanan warga (surat, administrasi).", "Residents' services (letters, paperwork).")),
    ("halaman", ("Halaman", "Pages"), ("Halaman tetap, misalnya Kontak atau Tentang KIM.", "Standing pages, e.g. Contact or About the KIM.")),
];

/// The sections of the site at `root`: [`ALWAYS`], then every folder of
/// `content/` (hidden ones aside), sorted.
pub fn sections(root: &Path) -> Vec<Section> {
    let mut folders: Vec<String> = ALWAYS.iter().map(|s| s.to_string()).collect();
    let mut found: Vec<String> = fsx::read_dir(&root.join(CONTENT_DIR))
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with(['.', '_']) && !folders.contains(n))
        .collect();
    found.sort();
    folders.extend(found);
    folders.iter().map(|f| Section::new(f)).collect()
}

/// The files of `static/admin/`: path relative to the site root, bytes.
pub fn files(
    root: &Path,
    config: &Config,
    sections: &[Section],
    backend: &Backend,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut script = Vec::with_capacity(SCRIPT_GZ.len() * 4);
    flate2::read::GzDecoder::new(SCRIPT_GZ)
        .read_to_end(&mut script)
        .map_err(|e| {
            Diagnostic::error(text!(
                "Salinan Sveltia CMS di dalam warta rusak ({e}).",
                "The copy of Sveltia CMS inside warta is damaged ({e})."
            ))
        })?;
    let input = config::Input {
        config,
        sections,
        backend,
        prefix: &repo_prefix(root),
    };
    let at = |name: &str| format!("{ADMIN_DIR}/{name}");
    Ok(vec![
        (at("index.html"), index_html(config).into_bytes()),
        (at("config.yml"), config::render(&input).into_bytes()),
        (at("sveltia-cms.js"), script),
        (at("LICENSE-sveltia-cms.txt"), LICENSE.as_bytes().to_vec()),
    ])
}

/// Writes the files of [`files`] under `root`; how many.
pub fn write(
    root: &Path,
    config: &Config,
    sections: &[Section],
    backend: &Backend,
) -> Result<usize, Diagnostic> {
    let files = files(root, config, sections, backend)?;
    for (rel, bytes) in &files {
        fsx::write(&root.join(rel), bytes)?;
    }
    Ok(files.len())
}

/// Where the site at `root` is in its repository, as a path prefix: ""
/// when `root` holds `.git` (or nothing above it does), `desa/contoh/`
/// when an ancestor holds `.git` or a network's `network.toml`.
pub fn repo_prefix(root: &Path) -> String {
    let Ok(root) = std::fs::canonicalize(root) else {
        return String::new();
    };
    if root.join(".git").exists() {
        return String::new();
    }
    root.ancestors()
        .skip(1)
        .find(|a| a.join(".git").exists() || a.join("network.toml").is_file())
        .and_then(|top| root.strip_prefix(top).ok())
        .map(|rel| {
            rel.iter()
                .map(|p| format!("{}/", p.to_string_lossy()))
                .collect()
        })
        .unwrap_or_default()
}

fn index_html(config: &Config) -> String {
    let lang = config.language.code();
    let title = escape(&config.title);
    let heading = match config.language {
        Lang::Id => "Tulis kabar",
        Lang::En => "Write news",
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{heading} · {title}</title>\n\
         <!-- Sveltia CMS {SVELTIA_VERSION} (MIT, LICENSE-sveltia-cms.txt), written by `warta cms`. -->\n\
         </head>\n<body>\n<script src=\"sveltia-cms.js\"></script>\n</body>\n</html>\n"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
