//! `warta portal`: a network's portal from villages already built.

use std::path::PathBuf;

use clap::Args;

use super::{CommonArgs, Outcome};
use crate::diag::Lang;
use crate::network::portal_run::{PortalRequest, run_portal};

#[derive(Debug, Args)]
pub struct PortalArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Folder desa yang sudah dibangun [bawaan: folder keluaran] / Folder of the built villages [default: the output folder]
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// Folder keluaran / Output folder [default: ROOT/public]
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Alamat portal selain base_url di network.toml (sama dengan build desanya) / The portal's address instead of network.toml's base_url (the same as the villages were built with)
    #[arg(long)]
    pub base_url: Option<String>,
}

impl PortalArgs {
    pub fn run(self) -> Outcome {
        let req = PortalRequest {
            root: self.common.root.clone(),
            from: self.from,
            output: self.output,
            base_url: self.base_url,
            now: None,
        };
        portal_outcome(&req, &self.common)
    }
}

/// Runs `warta portal` and says what it did.
fn portal_outcome(req: &PortalRequest, common: &CommonArgs) -> Outcome {
    match run_portal(req) {
        Ok((report, output)) => {
            let lang = common.message_lang(None);
            let (n, files, out) = (report.villages, report.files, output.display());
            let mut line = match lang {
                Lang::Id => format!("Portal selesai: {n} desa, {files} berkas ditulis ke {out}.\n"),
                Lang::En => format!("Portal done: {n} villages, {files} files written to {out}.\n"),
            };
            if let Some((host, usage)) = &report.usage {
                line.push_str(&crate::network::budget::summary(*host, usage, lang));
            }
            Outcome::ok_with_warnings(line, &report.warnings, lang)
        }
        Err((problems, lang)) => Outcome::failed(&problems, common.message_lang(Some(lang))),
    }
}
