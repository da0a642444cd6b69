//! `warta build` and `warta check`.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use crate::cli::{CommonArgs, Outcome};
use crate::diag::Lang;
use crate::site::{BuildRequest, Site};

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
    /// Ganti base_url dari warta.toml / Override base_url from warta.toml
    #[arg(long)]
    pub base_url: Option<String>,
    /// Situs yang bisa dibuka langsung dari folder (USB, zip, tanpa internet) / A site that opens straight from its folder (file://)
    #[arg(long)]
    pub portable: bool,
    /// Peringatan dihitung kesalahan (untuk CI) / Warnings fail the build (for CI)
    #[arg(long)]
    pub strict: bool,
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
    pub fn run(self) -> Outcome {
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
                let line = match lang {
                    Lang::Id => format!(
                        "Selesai: {pages} halaman ({posts} tulisan) ditulis ke {out} dalam {ms} ms; {warned} peringatan.\n"
                    ),
                    Lang::En => format!(
                        "Done: {pages} pages ({posts} posts) written to {out} in {ms} ms; {warned} warning(s).\n"
                    ),
                };
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
