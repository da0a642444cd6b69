//! `warta import wordpress|blogger EXPORT.xml`: an old site's posts and
//! pages into this site (`crate::import`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CommonArgs, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::import::{Options, Platform, write};
use crate::load::config::load_config;
use crate::{fsx, text};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum From {
    /// Ekspor WordPress (WXR, Alat → Ekspor) / A WordPress export (WXR, Tools → Export)
    Wordpress,
    /// Cadangan Blogger atau feed.atom dari Takeout / A Blogger backup or Takeout's feed.atom
    Blogger,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Asal / Source platform
    pub from: From,
    /// Berkas ekspor (.xml, .atom) / The export file (.xml, .atom)
    pub file: PathBuf,
    /// Folder salinan wp-content/uploads atau foto Blogger / Folder with a copy of wp-content/uploads or Blogger's photos
    #[arg(long)]
    pub media: Option<PathBuf>,
    /// Berkas TOML kategori lama = "kategori-baru" / TOML file of old category = "new-key"
    #[arg(long)]
    pub map_categories: Option<PathBuf>,
    /// Timpa berkas yang sudah ada / Overwrite files that exist
    #[arg(long)]
    pub overwrite: bool,
}

impl ImportArgs {
    pub fn run(self) -> Outcome {
        let site_lang = load_config(&self.common.root).ok().map(|c| c.language);
        let lang = self.common.message_lang(site_lang);
        let map = match self.map_categories.as_deref().map(read_map).transpose() {
            Ok(m) => m.unwrap_or_default(),
            Err(d) => return Outcome::failed(&Diagnostics::from(d), lang),
        };
        let options = Options {
            media: self.media,
            map,
            overwrite: self.overwrite,
        };
        let platform = match self.from {
            From::Wordpress => Platform::WordPress,
            From::Blogger => Platform::Blogger,
        };
        match write::import(&self.common.root, platform, &self.file, &options) {
            Ok(report) => Outcome::ok(report.summary(lang)),
            Err(problems) => Outcome::failed(&problems, lang),
        }
    }
}

/// `--map-categories`: a flat TOML table of old name or slug → new key.
fn read_map(path: &Path) -> Result<HashMap<String, String>, Diagnostic> {
    let text = fsx::read_text(path)?;
    let shown = path.display();
    let hint = Text::new(
        "Tulis satu baris per kategori lama, misalnya \"Berita Desa\" = \"berita-desa\".",
        "Write one line per old category, e.g. \"Village News\" = \"berita-desa\".",
    );
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let why = e.message();
        Diagnostic::error(text!(
            "Berkas `{shown}` (--map-categories) bukan TOML yang sah: {why}",
            "The file `{shown}` (--map-categories) is not valid TOML: {why}"
        ))
        .in_file(path)
        .hint(hint.clone())
    })?;
    table
        .into_iter()
        .map(|(k, v)| match v {
            toml::Value::String(s) => Ok((k, s)),
            _ => Err(Diagnostic::error(text!(
                "Berkas `{shown}` (--map-categories): nilai `{k}` harus teks (kunci kategori).",
                "The file `{shown}` (--map-categories): the value of `{k}` must be text (a category key)."
            ))
            .in_file(path)
            .hint(hint.clone())),
        })
        .collect()
}
