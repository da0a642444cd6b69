//! `warta check` at a network root: every village through the one
//! per-village check ([`Site::check_at`], at the address the network
//! gives it), a few at a time as `build` does, and the portal's own
//! templates and files. Nothing is written. Problems name their files
//! from the network root (`desa/x/content/berita/y.md:3:1`), so the list
//! of a whole kabupaten reads as one.

use std::path::PathBuf;

use super::build::{from_root, in_parallel};
use super::config::load_network;
use super::villages::{Village, discover};
use crate::diag::{Diagnostics, Lang};
use crate::load::Address;
use crate::site::{BuildRequest, Site};

/// What the person asked `check` for at a network root.
#[derive(Debug, Clone)]
pub struct NetworkCheck {
    pub root: PathBuf,
    pub drafts: bool,
    pub strict: bool,
}

/// One village's check: its page count and warnings, or its problems.
#[derive(Debug)]
pub struct VillageCheck {
    pub village: Village,
    pub outcome: Result<(usize, Diagnostics), Diagnostics>,
}

/// What a network check found.
#[derive(Debug)]
pub struct NetworkChecked {
    pub lang: Lang,
    pub villages: Vec<VillageCheck>,
    /// The portal's problems (its templates, `portal/static/`).
    pub portal: Diagnostics,
}

impl NetworkChecked {
    /// Whether anything would fail a build.
    pub fn failed(&self) -> bool {
        self.portal.has_errors() || self.villages.iter().any(|v| v.outcome.is_err())
    }

    /// Every problem of every village and of the portal, as one list.
    pub fn problems(&self) -> Diagnostics {
        let mut all = Diagnostics::new();
        for v in &self.villages {
            match &v.outcome {
                Ok((_, warnings)) => all.extend(warnings.clone()),
                Err(problems) => all.extend(problems.clone()),
            }
        }
        all.extend(self.portal.clone());
        all
    }
}

/// Checks every village of the network at `req.root`, and its portal.
/// `Err` when the network itself is wrong (`network.toml`, the villages'
/// folders): then no village is checked.
pub fn check_network(req: &NetworkCheck) -> Result<NetworkChecked, (Diagnostics, Lang)> {
    let net = load_network(&req.root).map_err(|d| (d, Lang::Id))?;
    let villages = discover(&net).map_err(|d| (d, net.language))?;
    let checked = in_parallel(&villages, |v| {
        let request = BuildRequest {
            root: v.dir.clone(),
            output: None,
            drafts: req.drafts,
            base_url: None,
            portable: false,
            options_now: None,
            strict: req.strict,
        };
        let address = Address::Network(net.village_url(&v.folder));
        let outcome = match Site::check_at(&request, address) {
            Ok((pages, warnings, _)) => Ok((pages, from_root(&net.root, v, warnings))),
            Err(f) => Err(from_root(&net.root, v, f.problems)),
        };
        VillageCheck {
            village: v.clone(),
            outcome,
        }
    });
    let now = chrono::Local::now().fixed_offset();
    Ok(NetworkChecked {
        lang: net.language,
        villages: checked,
        portal: super::portal::check_portal(&net, now),
    })
}
