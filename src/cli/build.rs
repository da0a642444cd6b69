//! `warta build` and `warta check`.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use crate::cli::{CommonArgs, Outcome};
use crate::diag::Lang;
use crate::network::Network;
use crate::network::build::{NetworkRequest, Shard};
use crate::network::check::NetworkCheck;
use crate::site::{BuildRequest, Site};
use crate::text;

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Folder keluaran / Output folder [default: ROOT/public]
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Sertakan draf dan tulisan bertanggal nanti / Include drafts and future posts
    #[arg(long)]
    pub drafts: bool,
    /// Ganti base_url dari warta.toml (atau network.toml) / Override base_url from warta.toml (or network.toml)
    #[arg(long)]
    pub base_url: Option<String>,
    /// Situs yang bisa dibuka langsung dari folder (USB, zip, tanpa internet) / A site that opens straight from its folder (file://)
    #[arg(long)]
    pub portable: bool,
    /// Peringatan dihitung kesalahan (untuk CI) / Warnings fail the build (for CI)
    #[arg(long)]
    pub strict: bool,
    /// Jaringan: hanya desa dengan kode wilayah ini / Network: only villages within this area code
    #[arg(long, value_name = "KODE")]
    pub only: Option<String>,
    /// Jaringan: bagian I dari N, untuk CI / Network: part I of N, for CI
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Periksa juga draf / Check drafts too
    #[arg(long)]
    pub drafts: bool,
    /// Peringatan dihitung kesalahan / Warnings count as errors
    #[arg(long)]
    pub strict: bool,
}

impl BuildArgs {
    /// At a network root (`network.toml`), the network build.
    fn network(&self) -> Option<Outcome> {
        let network = Network::is_network(&self.common.root);
        let wrong = match (network, self.portable) {
            (true, true) => Some(text!(
                "--portable hanya untuk satu situs desa, bukan folder jaringan (berisi network.toml).",
                "--portable is only for one village site, not a network folder (holding network.toml)."
            )),
            (false, _) if self.only.is_some() || self.shard.is_some() => Some(text!(
                "--only dan --shard hanya untuk folder jaringan (berisi network.toml).",
                "--only and --shard are only for a network folder (holding network.toml)."
            )),
            _ => None,
        };
        if let Some(message) = wrong {
            let lang = self.common.message_lang(None);
            return Some(Outcome {
                stdout: String::new(),
                stderr: format!("{}\n", message.get(lang)),
                code: 2,
            });
        }
        network.then(|| {
            let req = NetworkRequest {
                root: self.common.root.clone(),
                output: self.output.clone(),
                drafts: self.drafts,
                strict: self.strict,
                base_url: self.base_url.clone(),
                only: self.only.clone(),
                shard: self.shard,
                now: None,
            };
            super::network::build_outcome(&req, &self.common)
        })
    }

    pub fn run(self) -> Outcome {
        if let Some(outcome) = self.network() {
            return outcome;
        }
        let started = Instant::now();
        let req = BuildRequest {
            root: self.common.root.clone(),
            output: self.output,
            drafts: self.drafts,
            base_url: self.base_url,
            portable: self.portable,
            options_now: None,
            strict: self.strict,
        };
        match Site::build(&req) {
            Ok(report) => {
                let lang = self.common.message_lang(Some(report.lang));
                let ms = started.elapsed().as_millis();
                let out = report.output.display();
                let (pages, posts) = (report.pages, report.posts);
                let warned = report.warnings.items.len();
                let mut line = match lang {
                    Lang::Id => format!(
                        "Selesai: {pages} halaman ({posts} tulisan) ditulis ke {out} dalam {ms} ms; {warned} peringatan.\n"
                    ),
                    Lang::En => format!(
                        "Done: {pages} pages ({posts} posts) written to {out} in {ms} ms; {warned} warning(s).\n"
                    ),
                };
                if let Some((host, usage)) = &report.usage {
                    line.push_str(&crate::output::budget::summary(*host, usage, lang));
                }
                if !report.cleaned.is_empty() {
                    let list = report.cleaned.join(", ");
                    line.push_str(&match lang {
                        Lang::Id => format!("Sisa build yang terhenti dibereskan: {list}.\n"),
                        Lang::En => format!("Cleaned up after an interrupted build: {list}.\n"),
                    });
                }
                Outcome::ok_with_warnings(line, &report.warnings, lang)
            }
            Err(f) => {
                let lang = self.common.message_lang(f.lang);
                let mut o = Outcome::failed(&f.problems, lang);
                o.stderr.push_str(match lang {
                    Lang::Id => {
                        "Situs tidak dibangun; isi folder keluaran yang lama tidak diubah.\n"
                    }
                    Lang::En => {
                        "The site was not built; the previous output folder was left as it was.\n"
                    }
                });
                o
            }
        }
    }
}

impl CheckArgs {
    pub fn run(self) -> Outcome {
        if Network::is_network(&self.common.root) {
            let req = NetworkCheck {
                root: self.common.root.clone(),
                drafts: self.drafts,
                strict: self.strict,
            };
            return super::network::check_outcome(&req, &self.common);
        }
        let req = BuildRequest {
            root: self.common.root.clone(),
            output: None,
            drafts: self.drafts,
            base_url: None,
            portable: false,
            options_now: None,
            strict: self.strict,
        };
        match Site::check(&req) {
            Ok((pages, warnings, site_lang)) => {
                let lang = self.common.message_lang(Some(site_lang));
                let warned = warnings.items.len();
                let line = match lang {
                    Lang::Id => format!(
                        "Tidak ada kesalahan: {pages} halaman siap dibangun; {warned} peringatan.\n"
                    ),
                    Lang::En => {
                        format!("No errors: {pages} pages ready to build; {warned} warning(s).\n")
                    }
                };
                Outcome::ok_with_warnings(line, &warnings, lang)
            }
            Err(f) => Outcome::failed(&f.problems, self.common.message_lang(f.lang)),
        }
    }
}
