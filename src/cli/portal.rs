//! `warta portal`: a network's portal from villages already built.

use std::path::PathBuf;

use clap::Args;

use crate::cli::{CommonArgs, Outcome};
use crate::network::portal_run::{PortalRequest, portal_outcome};

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
}

impl PortalArgs {
    pub fn run(self) -> Outcome {
        let req = PortalRequest {
            root: self.common.root.clone(),
            from: self.from,
            output: self.output,
            now: None,
        };
        portal_outcome(&req, &self.common)
    }
}
