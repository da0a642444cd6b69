//! `warta new post|page|agenda|pengumuman "Judul"`: a new file with its
//! front matter filled in, named from the date and title, dated now in the
//! village's time zone. At a network root, `--desa FOLDER` names the
//! village to write in.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::{CommonArgs, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::format::slugify;
use crate::load::config::{Config, load_config_with};
use crate::load::profile::load_profile;
use crate::network::{Network, discover, load_network};
use crate::{fsx, text};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Berita / a news post (content/berita/)
    Post,
    /// Halaman tetap / a standalone page (content/halaman/)
    Page,
    /// Kegiatan dengan tanggal acara / an event (content/agenda/)
    Agenda,
    /// Pengumuman dengan masa berlaku / an announcement (content/pengumuman/)
    Pengumuman,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Jenis tulisan / Kind of file
    pub kind: Kind,
    /// Judul / Title
    pub title: String,
    /// Jaringan: desa tujuan, nama foldernya (misalnya sukamaju) / Network: the village to write in, by its folder name
    #[arg(long, value_name = "FOLDER")]
    pub desa: Option<String>,
}

/// The village site `warta new` writes in.
struct Target {
    root: PathBuf,
    /// How the village's folder is shown: `desa/sukamaju/`, or nothing
    /// for a lone site.
    shown: String,
    /// Its address when its `warta.toml` sets none (a network's village).
    fallback: Option<String>,
}

impl NewArgs {
    /// The site to write in: `--root`, or at a network root the village
    /// of `--desa`.
    fn target(&self) -> Result<Target, Diagnostics> {
        let root = &self.common.root;
        if !Network::is_network(root) {
            if self.desa.is_some() {
                let root = root.display();
                return Err(Diagnostic::error(text!(
                    "--desa hanya untuk folder jaringan (berisi network.toml); `{root}` adalah satu situs desa.",
                    "--desa is only for a network folder (holding network.toml); `{root}` is one village site."
                ))
                .into());
            }
            return Ok(Target {
                root: root.clone(),
                shown: String::new(),
                fallback: None,
            });
        }
        let net = load_network(root)?;
        let villages = discover(&net)?;
        let names = || {
            let list: Vec<&str> = villages.iter().map(|v| v.folder.as_str()).collect();
            list.join(", ")
        };
        let Some(wanted) = &self.desa else {
            let list = names();
            return Err(Diagnostic::error(text!(
                "Di folder jaringan, sebutkan desa tujuannya dengan --desa FOLDER.",
                "In a network folder, name the village to write in with --desa FOLDER."
            ))
            .hint(text!(
                "Desa jaringan ini: {list}.",
                "This network's villages: {list}."
            ))
            .into());
        };
        let wanted = wanted.trim_end_matches('/');
        let Some(v) = villages
            .iter()
            .find(|v| v.folder == wanted || v.rel == wanted)
        else {
            let list = names();
            return Err(Diagnostic::error(text!(
                "Jaringan ini tidak punya desa `{wanted}`.",
                "This network has no village `{wanted}`."
            ))
            .hint(text!(
                "Desa jaringan ini: {list}.",
                "This network's villages: {list}."
            ))
            .into());
        };
        Ok(Target {
            root: v.dir.clone(),
            shown: format!("{}/", v.rel),
            fallback: Some(net.village_url(&v.folder)),
        })
    }

    pub fn run(self) -> Outcome {
        let target = match self.target() {
            Ok(t) => t,
            Err(p) => return Outcome::failed(&p, self.common.message_lang(None)),
        };
        let root = &target.root;
        let config = match load_config_with(root, target.fallback.as_deref()) {
            Ok(c) => c,
            Err(p) => return Outcome::failed(&p, self.common.message_lang(None)),
        };
        let lang = self.common.message_lang(Some(config.language));
        let zone = load_profile(root)
            .0
            .map(|p| p.zone())
            .unwrap_or(crate::format::Zone::WIB);
        let now = chrono::Utc::now().with_timezone(&zone.offset());
        match create(root, &config, self.kind, &self.title, now) {
            Ok(path) => {
                let shown = format!("{}{}", target.shown, path.display());
                Outcome::ok(match lang {
                    Lang::Id => {
                        format!("Dibuat: {shown}\nTulis isinya di bawah baris `+++` kedua.\n")
                    }
                    Lang::En => {
                        format!("Created: {shown}\nWrite the text below the second `+++` line.\n")
                    }
                })
            }
            Err(d) => Outcome::failed(&Diagnostics::from(d), lang),
        }
    }
}

fn pick_category(config: &Config, wanted: &[&str]) -> String {
    wanted
        .iter()
        .find(|w| config.category(w).is_some())
        .map(|w| w.to_string())
        .or_else(|| config.categories.first().map(|c| c.key.clone()))
        .unwrap_or_default()
}

/// The new file's path (relative to the site root) and front matter,
/// with the keys its kind uses left empty to fill in.
fn scaffold(
    config: &Config,
    kind: Kind,
    title: &str,
    slug: &str,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> (String, String) {
    let date = now.format("%Y-%m-%d").to_string();
    let stamp = now.format("%Y-%m-%dT%H:%M:00%:z").to_string();
    let title_toml = toml::Value::String(title.to_string()).to_string();
    match kind {
        Kind::Page => (
            format!("content/halaman/{slug}.md"),
            format!("title = {title_toml}\n"),
        ),
        Kind::Post => (
            format!("content/berita/{date}-{slug}.md"),
            format!(
                "title = {title_toml}\ndate = {stamp}\ncategory = \"{}\"\ntags = []\nauthor = \"\"\nsummary = \"\"\nplace = \"\"\n",
                pick_category(config, &["berita-desa"])
            ),
        ),
        Kind::Agenda => {
            let start = (now + chrono::Duration::days(7)).format("%Y-%m-%dT09:00:00%:z");
            let end = (now + chrono::Duration::days(7)).format("%Y-%m-%dT11:00:00%:z");
            (
                format!("content/agenda/{date}-{slug}.md"),
                format!(
                    "title = {title_toml}\ndate = {stamp}\ncategory = \"{}\"\ntags = []\nauthor = \"\"\nsummary = \"\"\n\n[event]\nstart = {start}\nend = {end}\nvenue = \"\"\norganizer = \"\"\n",
                    pick_category(config, &["agenda"])
                ),
            )
        }
        Kind::Pengumuman => {
            let expires = (now + chrono::Duration::days(30)).format("%Y-%m-%d");
            (
                format!("content/pengumuman/{date}-{slug}.md"),
                format!(
                    "title = {title_toml}\ndate = {stamp}\ncategory = \"{}\"\nexpires = {expires}\nauthor = \"\"\nsummary = \"\"\n",
                    pick_category(config, &["pengumuman"])
                ),
            )
        }
    }
}

/// Writes the new file and returns its path relative to the site root.
pub fn create(
    root: &Path,
    config: &Config,
    kind: Kind,
    title: &str,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<PathBuf, Diagnostic> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::error(Text::new(
            "Judul harus memuat huruf atau angka.",
            "The title must contain letters or digits.",
        )));
    }
    let (rel, front) = scaffold(config, kind, title, &slug, now);
    let path = root.join(&rel);
    if path.exists() {
        return Err(Diagnostic::error(text!(
            "Berkas `{rel}` sudah ada; warta tidak menimpanya.",
            "The file `{rel}` already exists; warta will not overwrite it."
        ))
        .hint(Text::new("Pakai judul lain.", "Use another title.")));
    }
    fsx::write(&path, format!("+++\n{front}+++\n\n"))?;
    Ok(PathBuf::from(rel))
}
