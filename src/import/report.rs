//! `import-report.md` and the summary on the terminal: counts by kind,
//! what was mapped where, and every item or element that could not be
//! carried over, with its old address. The report is Indonesian first
//! with English after a slash, like warta's messages; it holds no time
//! stamp, so importing the same export twice gives the same report.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::diag::Lang;
use crate::import::convert::Converted;
use crate::import::plan::{Plan, Planned};
use crate::import::{Export, Item, ItemKind, LeftOut, Status};

/// What was written.
#[derive(Debug, Default)]
pub struct Written {
    /// Title and path of every file written.
    pub files: Vec<(String, String)>,
    /// Files left alone because they exist (no `--overwrite`).
    pub kept: Vec<String>,
    pub photos: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub source: String,
    pub platform: &'static str,
    /// (posts, pages) by status.
    pub counts: BTreeMap<(u8, u8), usize>,
    pub left_out: BTreeMap<LeftOut, usize>,
    pub bad_chars: usize,
    pub mapped: Vec<(String, String, usize)>,
    pub new_categories: Vec<(String, String)>,
    pub aliases: usize,
    pub unaliased: Vec<(String, String)>,
    pub query_links: Vec<(String, String)>,
    /// `Some(true)`: `static/_redirects` written; `Some(false)`: the site
    /// has its own, left alone.
    pub redirects: Option<bool>,
    pub untitled: Vec<String>,
    pub undated: Vec<String>,
    /// Old address (or title) → photos left on the old server.
    pub remote: Vec<(String, Vec<String>)>,
    pub remote_featured: Vec<(String, String)>,
    pub alt_from_title: Vec<String>,
    /// Old address (or title) → what was not carried over.
    pub notes: Vec<(String, Vec<String>)>,
    pub written: Written,
}

fn kind_index(k: ItemKind) -> u8 {
    match k {
        ItemKind::Post => 0,
        ItemKind::Page => 1,
    }
}

fn status_index(s: Status) -> u8 {
    match s {
        Status::Published => 0,
        Status::Draft => 1,
        Status::Scheduled => 2,
    }
}

impl Report {
    pub fn new(export: &Export, plan: &Plan, file: &Path) -> Report {
        Report {
            source: file.display().to_string(),
            platform: export.platform.name(),
            left_out: export.left_out.iter().map(|(k, v)| (*k, *v)).collect(),
            bad_chars: export.bad_chars,
            mapped: plan.mapped.clone(),
            new_categories: plan.new_categories.clone(),
            aliases: plan.items.iter().map(|p| p.aliases.len()).sum(),
            unaliased: plan.unaliased.clone(),
            query_links: plan.query_links.clone(),
            untitled: plan.untitled.clone(),
            undated: plan.undated.clone(),
            ..Report::default()
        }
    }

    /// Counts one item and keeps what its conversion lost.
    pub fn add_item(&mut self, item: &Item, p: &Planned, c: &Converted) {
        *self
            .counts
            .entry((kind_index(item.kind), status_index(item.status)))
            .or_default() += 1;
        let at = item.link.clone().unwrap_or_else(|| p.title.clone());
        let notes: Vec<String> = item.notes.iter().chain(&c.notes).cloned().collect();
        if !notes.is_empty() {
            self.notes.push((at.clone(), notes));
        }
        if !c.remote.is_empty() {
            self.remote.push((at, c.remote.clone()));
        }
    }

    fn count(&self, kind: u8, status: u8) -> usize {
        self.counts.get(&(kind, status)).copied().unwrap_or(0)
    }

    /// The report file.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Laporan impor {} / {} import report\n",
            self.platform, self.platform
        );
        let _ = writeln!(s, "Berkas / file: `{}`\n", self.source);
        self.counts_section(&mut s);
        self.categories_section(&mut s);
        self.addresses_section(&mut s);
        self.photos_section(&mut s);
        list_section(
            &mut s,
            "Yang tidak terbawa / Not carried over",
            self.notes
                .iter()
                .map(|(at, n)| format!("{at}: {}", n.join("; "))),
        );
        s
    }

    fn counts_section(&self, s: &mut String) {
        let _ = writeln!(s, "## Jumlah / Counts\n");
        let _ = writeln!(
            s,
            "| jenis / kind | terbit / published | draf / draft | terjadwal / scheduled |"
        );
        let _ = writeln!(s, "| --- | --- | --- | --- |");
        for (k, name) in [(0, "tulisan / posts"), (1, "halaman / pages")] {
            let _ = writeln!(
                s,
                "| {name} | {} | {} | {} |",
                self.count(k, 0),
                self.count(k, 1),
                self.count(k, 2)
            );
        }
        let _ = writeln!(s);
        let w = &self.written;
        let _ = writeln!(s, "- berkas ditulis / files written: {}", w.files.len());
        let _ = writeln!(
            s,
            "- sudah ada, tidak ditimpa / already there, left alone: {}",
            w.kept.len()
        );
        let _ = writeln!(
            s,
            "- foto disalin tanpa data lokasi / photos copied without location data: {}",
            w.photos
        );
        if self.bad_chars > 0 {
            let _ = writeln!(
                s,
                "- karakter kendali diganti spasi / control characters replaced by spaces: {}",
                self.bad_chars
            );
        }
        let _ = writeln!(s, "\nDilewati / left out:\n");
        if self.left_out.is_empty() {
            let _ = writeln!(s, "- (tidak ada / none)");
        }
        for (k, n) in &self.left_out {
            let (id, en) = k.label();
            let _ = writeln!(s, "- {id} / {en}: {n}");
        }
        let _ = writeln!(s);
        list_section(
            s,
            "Tanpa judul, diberi judul / Untitled, given a title",
            self.untitled.iter().cloned(),
        );
        list_section(
            s,
            "Tanpa tanggal, tidak diimpor / Without a date, not imported",
            self.undated.iter().cloned(),
        );
    }

    fn categories_section(&self, s: &mut String) {
        let _ = writeln!(s, "## Kategori / Categories\n");
        for (old, new, n) in &self.mapped {
            let _ = writeln!(s, "- {old} → `{new}` ({n})");
        }
        if self.mapped.is_empty() {
            let _ = writeln!(s, "- (tidak ada / none)");
        }
        let _ = writeln!(s);
        list_section(
            s,
            "Kategori baru di warta.toml / New categories in warta.toml",
            self.new_categories
                .iter()
                .map(|(k, n)| format!("`{k}` = \"{n}\"")),
        );
    }

    fn addresses_section(&self, s: &mut String) {
        let _ = writeln!(s, "## Alamat lama / Old addresses\n");
        let _ = writeln!(
            s,
            "- alamat lama yang tetap berlaku (`aliases`) / old addresses kept (`aliases`): {}\n",
            self.aliases
        );
        list_section(
            s,
            "Alamat lama yang tidak bisa dialihkan / Old addresses that cannot redirect",
            self.unaliased.iter().map(|(u, why)| format!("{u}: {why}")),
        );
        if self.query_links.is_empty() {
            return;
        }
        let _ = writeln!(s, "### Alamat `?p=` / `?p=` addresses\n");
        let _ = writeln!(
            s,
            "Hosting statis (GitHub Pages, GitLab Pages, Cloudflare Pages) mengabaikan `?p=12` dan selalu membuka beranda, jadi alamat ini tidak bisa menjadi `aliases`. \
warta menulis `static/_redirects` yang dibaca Netlify (aturan per parameter kueri; belum diuji di Netlify sendiri). \
Di hosting lain, tautan lama `?p=` membuka beranda.\n\n\
Static hosts (GitHub Pages, GitLab Pages, Cloudflare Pages) ignore `?p=12` and always serve the home page, so these cannot be `aliases`. \
warta writes `static/_redirects`, which Netlify reads (query-parameter rules; not tested on Netlify itself). \
On other hosts an old `?p=` link opens the home page.\n"
        );
        match self.redirects {
            Some(true) => {
                let _ = writeln!(s, "`static/_redirects` ditulis / written.\n");
            }
            Some(false) => {
                let _ = writeln!(
                    s,
                    "`static/_redirects` sudah ada dan tidak diubah; salin baris di bawah ke sana bila memakai Netlify / already exists and was left alone; copy the lines below into it when on Netlify.\n"
                );
            }
            None => {}
        }
        let _ = writeln!(s, "| lama / old | baru / new |\n| --- | --- |");
        for (old, new) in &self.query_links {
            let _ = writeln!(s, "| `{old}` | `{new}` |");
        }
        let _ = writeln!(s);
    }

    fn photos_section(&self, s: &mut String) {
        let _ = writeln!(s, "## Foto / Photos\n");
        list_section(
            s,
            "Foto yang masih di server lama / Photos still on the old server",
            self.remote
                .iter()
                .map(|(at, urls)| format!("{at}: {}", urls.join(", "))),
        );
        list_section(
            s,
            "Foto utama yang tidak ada di --media (tidak dipakai) / Featured photos not in --media (left out)",
            self.remote_featured
                .iter()
                .map(|(t, u)| format!("{t}: {u}")),
        );
        list_section(
            s,
            "Foto utama tanpa teks alternatif; `image_alt` diisi judul, periksa / Featured photos without alt text; `image_alt` set to the title, check it",
            self.alt_from_title.iter().cloned(),
        );
    }

    /// The lines printed on the terminal.
    pub fn summary(&self, lang: Lang) -> String {
        let posts: usize = (0..3).map(|st| self.count(0, st)).sum();
        let pages: usize = (0..3).map(|st| self.count(1, st)).sum();
        let left: usize = self.left_out.values().sum();
        // Posts without a date are not imported; the report lists them,
        // so the terminal counts them too.
        let undated = match (self.undated.len(), lang) {
            (0, _) => String::new(),
            (n, Lang::Id) => format!(" {n} tulisan tanpa tanggal tidak diimpor."),
            (n, Lang::En) => format!(" {n} posts without a date not imported."),
        };
        let remote: usize = self.remote.iter().map(|(_, u)| u.len()).sum();
        let w = &self.written;
        match lang {
            Lang::Id => format!(
                "Impor {}: {posts} tulisan ({} draf, {} terjadwal), {pages} halaman; {left} entri dilewati.{undated}\n\
                 Ditulis {} berkas, {} sudah ada (tidak ditimpa), {} foto disalin; {} alamat lama menjadi aliases.\n\
                 {} kategori baru, {remote} foto masih di server lama, {} tulisan dengan catatan.\n\
                 Rincian: import-report.md. Lalu jalankan `warta check`.\n",
                self.platform,
                self.count(0, 1),
                self.count(0, 2),
                w.files.len(),
                w.kept.len(),
                w.photos,
                self.aliases,
                self.new_categories.len(),
                self.notes.len()
            ),
            Lang::En => format!(
                "{} import: {posts} posts ({} drafts, {} scheduled), {pages} pages; {left} entries left out.{undated}\n\
                 Wrote {} files, {} already there (left alone), copied {} photos; {} old addresses became aliases.\n\
                 {} new categories, {remote} photos still on the old server, {} posts with notes.\n\
                 Details: import-report.md. Then run `warta check`.\n",
                self.platform,
                self.count(0, 1),
                self.count(0, 2),
                w.files.len(),
                w.kept.len(),
                w.photos,
                self.aliases,
                self.new_categories.len(),
                self.notes.len()
            ),
        }
    }
}

fn list_section(s: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "### {title}\n");
    for l in lines {
        let _ = writeln!(s, "- {l}");
    }
    let _ = writeln!(s);
}
