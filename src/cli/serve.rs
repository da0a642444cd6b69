//! `warta serve`: what the person typed, handed to [`crate::serve`] as
//! plain [`Options`] (the preview server knows nothing of the command line).

use std::net::{IpAddr, Ipv4Addr};

use clap::Args;

use crate::cli::{CommonArgs, Outcome};
use crate::diag::Diagnostics;
use crate::serve::{self, Options};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port (yang berikutnya bila sudah dipakai; 0: bebas) / Port (the next free one if taken; 0: any)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Alamat yang didengarkan / Address to listen on
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Buka di peramban / Open in the browser
    #[arg(long)]
    pub open: bool,
    /// Sertakan draf / Include drafts and future posts
    #[arg(long)]
    pub drafts: bool,
    /// Periksa perubahan berkala (untuk folder jaringan) / Poll for changes (for network folders)
    #[arg(long)]
    pub poll: bool,
}

impl ServeArgs {
    pub fn run(self) -> Outcome {
        let lang = self.common.message_lang(None);
        let options = Options {
            root: self.common.root,
            port: self.port,
            bind: self.bind,
            open: self.open,
            drafts: self.drafts,
            poll: self.poll,
            lang: self.common.lang,
        };
        match serve::run(&options) {
            Ok(()) => Outcome::ok(String::new()),
            Err(d) => Outcome::failed(&Diagnostics::from(d), lang),
        }
    }
}
