//! `warta portal`: the portal alone, from villages already built (by
//! `warta build --shard I/N` on many CI runners, their folders gathered
//! into one): the last job of a network's CI matrix.

use std::path::PathBuf;

use super::budget::within_budget;
use super::config::load_network_at;
use super::portal::{PortalReport, build_portal};
use super::{Village, discover};
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::output::Staging;
use crate::text;

#[derive(Debug, Clone)]
pub struct PortalRequest {
    pub root: PathBuf,
    /// Where the built villages are; the output folder when `None`.
    pub from: Option<PathBuf>,
    /// Where the portal goes; `<root>/public` when `None`.
    pub output: Option<PathBuf>,
    /// `--base-url`: the network's address instead of `network.toml`'s
    /// (the same as the shards were built with).
    pub base_url: Option<String>,
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// Builds the portal of the network at `req.root` from the village
/// folders below `from`, into the output folder, keeping every village
/// folder already there.
pub fn run_portal(req: &PortalRequest) -> Result<(PortalReport, PathBuf), (Diagnostics, Lang)> {
    let net = load_network_at(&req.root, req.base_url.as_deref()).map_err(|d| (d, Lang::Id))?;
    let fail = |d: Diagnostics| (d, net.language);
    let villages = discover(&net).map_err(fail)?;
    let output = req
        .output
        .clone()
        .unwrap_or_else(|| req.root.join("public"));
    let from = req.from.clone().unwrap_or_else(|| output.clone());
    let (built, missing): (Vec<&Village>, Vec<&Village>) = villages
        .iter()
        .partition(|v| from.join(&v.folder).join("profile.json").is_file());
    if built.is_empty() {
        let dir = from.display();
        return Err(fail(
            Diagnostic::error(text!(
                "Tidak ada desa yang sudah dibangun di `{dir}` (tidak ada <folder>/profile.json).",
                "No built village in `{dir}` (no <folder>/profile.json)."
            ))
            .hint(text!(
                "Bangun desa dulu dengan `warta build --shard I/N`, lalu kumpulkan folder keluarannya di satu tempat.",
                "Build the villages first with `warta build --shard I/N`, then gather their output folders in one place."
            ))
            .into(),
        ));
    }
    let mut staging = Staging::create(&output, &[]).map_err(|d| fail(d.into()))?;
    for v in &villages {
        if output.join(&v.folder).is_dir() {
            staging.keep(&v.folder);
        }
    }
    let now = req
        .now
        .unwrap_or_else(|| chrono::Local::now().fixed_offset());
    let mut report = build_portal(&net, &built, &from, &staging, now).map_err(fail)?;
    report.warnings.extend(
        missing
            .iter()
            .map(|v| not_built(v))
            .collect::<Vec<_>>()
            .into(),
    );
    let folders: Vec<String> = villages.iter().map(|v| v.folder.clone()).collect();
    report.usage = within_budget(net.host, &staging, &folders)
        .map_err(fail)?
        .map(|u| (net.host, u));
    staging.commit().map_err(|d| fail(d.into()))?;
    Ok((report, output))
}

fn not_built(v: &Village) -> Diagnostic {
    let rel = &v.rel;
    Diagnostic::warning(text!(
        "Desa `{rel}` belum dibangun di folder sumber; tidak masuk portal.",
        "Village `{rel}` is not built in the source folder; it is left out of the portal."
    ))
}
