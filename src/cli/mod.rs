//! The command line: `init`, `new`, `build`, `check`, `serve`, `portal`,
//! `report`, `import`, `cms`.
//!
//! One `Args` struct and `run` per subcommand, shared options flattened
//! in. Everything here returns an [`Outcome`]; only `main` turns it into an
//! exit code (0 ok, 1 the site has errors, 2 wrong usage).

mod build;
mod cms;
mod import;
mod init;
mod network;
mod new;
mod portal;
mod report;
mod serve;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diag::{Diagnostics, Lang};

#[derive(Debug, Parser)]
#[command(
    name = "warta",
    version,
    about = "Pembuat situs statis untuk KIM desa / A static site generator for village information communities"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Buat situs desa baru / Create a new village site
    Init(init::InitArgs),
    /// Buat tulisan baru / Create a new post: post, page, agenda, pengumuman
    New(new::NewArgs),
    /// Bangun situs ke public/ / Build the site into public/
    Build(build::BuildArgs),
    /// Periksa semua masalah tanpa menulis apa pun / Check for every problem, writing nothing
    Check(build::CheckArgs),
    /// Pratinjau langsung di peramban / Live preview in the browser
    Serve(serve::ServeArgs),
    /// Bangun portal jaringan dari desa yang sudah dibangun / Build a network's portal from built villages
    Portal(portal::PortalArgs),
    /// Laporan KIM sebagai berkas: satu bulan (HTML/PDF) atau paket lomba setahun (ZIP) / KIM reports as files: one month (HTML/PDF) or a year's contest pack (ZIP)
    Report(report::ReportArgs),
    /// Impor dari WordPress atau Blogger / Import from WordPress or Blogger
    Import(import::ImportArgs),
    /// Tulis editor peramban ke static/admin/ (lagi) / (Re)write the browser editor into static/admin/
    Cms(cms::CmsArgs),
}

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Folder situs (berisi warta.toml) / Site folder (holding warta.toml)
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Bahasa pesan: id atau en / Message language: id or en
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| "pakai / use: id, en".to_string())
}

impl CommonArgs {
    /// `--lang`, else the site's language, else `LANG`, else Indonesian.
    pub fn message_lang(&self, site: Option<Lang>) -> Lang {
        self.lang
            .or(site)
            .or_else(|| std::env::var("LANG").ok().and_then(|l| Lang::parse(&l)))
            .unwrap_or_default()
    }
}

/// What a command did, for `main` to print and turn into an exit code.
pub struct Outcome {
    /// Printed to standard output.
    pub stdout: String,
    /// Printed to standard error.
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    pub fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            code: 0,
        }
    }

    /// Success with warnings: they go to standard error, numbered, and
    /// `main` prints them before `stdout`, so the summary line (which
    /// counts them) is the last line a person sees.
    pub fn ok_with_warnings(stdout: String, warnings: &Diagnostics, lang: Lang) -> Self {
        let stderr = if warnings.is_empty() {
            String::new()
        } else {
            warnings.render_list(lang)
        };
        Outcome {
            stdout,
            stderr,
            code: 0,
        }
    }

    pub fn failed(problems: &Diagnostics, lang: Lang) -> Self {
        Outcome {
            stdout: String::new(),
            stderr: problems.render(lang),
            code: 1,
        }
    }
}

impl Cli {
    pub fn run(self) -> Outcome {
        match self.command {
            Command::Init(a) => a.run(),
            Command::New(a) => a.run(),
            Command::Build(a) => a.run(),
            Command::Check(a) => a.run(),
            Command::Serve(a) => a.run(),
            Command::Portal(a) => a.run(),
            Command::Report(a) => a.run(),
            Command::Import(a) => a.run(),
            Command::Cms(a) => a.run(),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
