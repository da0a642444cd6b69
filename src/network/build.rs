//! `warta build` at a network root: every village through the one
//! per-village pipeline ([`Site::build_at`]), then the portal, into one
//! staging folder that takes the place of `public/` in one step.
//!
//! ```text
//! load_network, discover, select     the villages this run builds
//! build_villages                     a few at a time into staging/<folder>/
//! keep                               a failed (or unselected) village's old folder
//! portal                             from the built villages' files
//! Staging::commit                    the swap into public/
//! ```
//!
//! Villages are independent units: each is built by [`Site::build_at`]
//! into `<staging>/<folder>/` (its own staging and swap inside ours), at
//! most [`parallel_villages`] at a time, so memory holds a few villages'
//! models, never the network's. A village that fails is reported with
//! paths from the network root (`desa/x/content/berita/y.md:3:1`), its
//! folder of the previous output is carried into the new one untouched
//! (hard links, as `[build] keep`), and it is left out of the portal.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::config::{Network, load_network_at, within};
use super::villages::{Village, discover};
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::load::Address;
use crate::output::Staging;
use crate::site::{BuildReport, BuildRequest, Site};
use crate::text;

/// Which part of the network a run builds: `--shard 2/4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Parses `I/N` with `1 <= I <= N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let parsed = s
            .split_once('/')
            .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, count)) if index >= 1 && index <= count => Ok(Shard { index, count }),
            _ => Err(format!(
                "tulis I/N dengan 1 <= I <= N, misalnya 1/4 / write I/N with 1 <= I <= N, e.g. 1/4 (tertulis / found: {s})"
            )),
        }
    }
}

/// What the person asked for at a network root.
#[derive(Debug, Clone)]
pub struct NetworkRequest {
    pub root: PathBuf,
    /// Where to write; `<root>/public` when `None`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub strict: bool,
    /// `--base-url`: the network's address instead of `network.toml`'s.
    pub base_url: Option<String>,
    /// `--only`: villages whose area code lies in this prefix.
    pub only: Option<String>,
    pub shard: Option<Shard>,
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl NetworkRequest {
    /// Whether this run builds only part of the network (no portal then).
    pub fn partial(&self) -> bool {
        self.only.is_some() || self.shard.is_some()
    }
}

/// One village's build.
#[derive(Debug)]
pub struct VillageResult {
    pub village: Village,
    /// The report, or the problems with paths from the network root.
    pub outcome: Result<BuildReport, Diagnostics>,
}

/// What a network build did.
#[derive(Debug)]
pub struct NetworkReport {
    pub output: PathBuf,
    pub lang: Lang,
    pub villages: Vec<VillageResult>,
    /// The portal, when this run built it (not `--only`, `--shard`).
    pub portal: Option<super::portal::PortalReport>,
    /// What the output holds, measured for `[network] host`.
    pub usage: Option<(super::config::Host, super::budget::Usage)>,
}

impl NetworkReport {
    pub fn failed(&self) -> impl Iterator<Item = &VillageResult> {
        self.villages.iter().filter(|v| v.outcome.is_err())
    }
}

/// Builds the villages of the network at `req.root` (all, or those of
/// `--only` / `--shard`), then the portal, and swaps the result in.
/// `Err` only when nothing could be built: `network.toml` or the villages
/// themselves are wrong, or the output cannot be written.
pub fn build_network(req: &NetworkRequest) -> Result<NetworkReport, (Diagnostics, Lang)> {
    let net = load_network_at(&req.root, req.base_url.as_deref()).map_err(|d| (d, Lang::Id))?;
    let fail = |d: Diagnostics| (d, net.language);
    let all = discover(&net).map_err(fail)?;
    let chosen = select(&all, req).map_err(fail)?;
    let output = req
        .output
        .clone()
        .unwrap_or_else(|| req.root.join("public"));
    let mut staging = Staging::create(&output, &[]).map_err(|d| fail(d.into()))?;
    if req.partial() {
        keep_unselected(&mut staging, &output, &chosen);
    }
    let results = build_villages(&net, &chosen, staging.dir(), req);
    for r in results.iter().filter(|r| r.outcome.is_err()) {
        staging.keep(&r.village.folder);
    }
    let portal = if req.partial() {
        None
    } else {
        let built: Vec<&Village> = results
            .iter()
            .filter(|r| r.outcome.is_ok())
            .map(|r| &r.village)
            .collect();
        let now = req
            .now
            .unwrap_or_else(|| chrono::Local::now().fixed_offset());
        let dir = staging.dir().to_path_buf();
        Some(super::portal::build_portal(&net, &built, &dir, &staging, now).map_err(fail)?)
    };
    let folders: Vec<String> = all.iter().map(|v| v.folder.clone()).collect();
    let usage = super::budget::within_budget(net.host, &staging, &folders)
        .map_err(fail)?
        .map(|u| (net.host, u));
    staging.commit().map_err(|d| fail(d.into()))?;
    Ok(NetworkReport {
        output,
        lang: net.language,
        villages: results,
        portal,
        usage,
    })
}

/// The villages `--only` and `--shard` leave in (all without them):
/// `--shard I/N` takes every N-th village from the I-th, in folder order.
fn select(all: &[Village], req: &NetworkRequest) -> Result<Vec<Village>, Diagnostics> {
    let mut chosen: Vec<Village> = all.to_vec();
    if let Some(prefix) = &req.only {
        chosen.retain(|v| v.area_code.as_deref().is_some_and(|c| within(c, prefix)));
        if chosen.is_empty() {
            let codes = all
                .iter()
                .filter_map(|v| v.area_code.as_deref())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Diagnostic::error(text!(
                "Tidak ada desa dengan kode wilayah `{prefix}` (--only). Kode desa jaringan ini: {codes}.",
                "No village has an area code within `{prefix}` (--only). This network's village codes: {codes}."
            ))
            .in_file(super::config::NETWORK_FILE)
            .into());
        }
    }
    if let Some(s) = req.shard {
        chosen = chosen
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % s.count == s.index - 1)
            .map(|(_, v)| v)
            .collect();
    }
    Ok(chosen)
}

/// A partial run replaces only the folders of the villages it builds:
/// everything else of the previous output (the portal, other villages)
/// is carried over.
fn keep_unselected(staging: &mut Staging, output: &Path, chosen: &[Village]) {
    let Ok(entries) = crate::fsx::read_dir(output) else {
        return;
    };
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let built_now = chosen.iter().any(|v| v.folder == name);
        if !built_now && name != crate::output::MARKER {
            staging.keep(&name);
        }
    }
}

/// How many villages are built at once: each renders its pages on all
/// cores already, so more at once would only hold more models in memory.
pub fn parallel_villages() -> usize {
    std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(1, 4)
}

/// Builds `villages` into `<dir>/<folder>/`, [`parallel_villages`] at a
/// time, in their order.
fn build_villages(
    net: &Network,
    villages: &[Village],
    dir: &Path,
    req: &NetworkRequest,
) -> Vec<VillageResult> {
    in_parallel(villages, |v| build_village(net, v, dir, req))
}

/// `work` done on each of `items`, [`parallel_villages`] at a time; the
/// results in the order of `items`.
pub fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..parallel_villages().min(items.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = work(item);
                    if let Ok(mut done) = done.lock() {
                        done[i] = Some(result);
                    }
                }
            });
        }
    });
    done.into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn build_village(net: &Network, v: &Village, dir: &Path, req: &NetworkRequest) -> VillageResult {
    let request = BuildRequest {
        root: v.dir.clone(),
        output: Some(dir.join(&v.folder)),
        drafts: req.drafts,
        base_url: None,
        portable: false,
        options_now: req.now,
        strict: req.strict,
    };
    let address = Address::Network(net.village_url(&v.folder));
    let outcome =
        Site::build_at(&request, address).map_err(|f| from_root(&net.root, v, f.problems));
    VillageResult {
        village: v.clone(),
        outcome,
    }
}

/// `problems` of village `v` with their files named from the network
/// root: `content/x.md` becomes `desa/x/content/x.md`.
pub fn from_root(root: &Path, v: &Village, mut problems: Diagnostics) -> Diagnostics {
    for d in &mut problems.items {
        if let Some(file) = &d.file {
            let shown = if file.is_relative() {
                let rel = file.display().to_string().replace('\\', "/");
                PathBuf::from(format!("{}/{rel}", v.rel))
            } else {
                crate::diag::display_path(root, file)
            };
            d.file = Some(shown);
        }
    }
    problems
}
