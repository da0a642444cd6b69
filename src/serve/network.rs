//! `warta serve` at a network root: the portal and every village in one
//! preview, each village through its own [`Preview`] (the same rebuild
//! engine as a lone site), served below `/<folder>/`.
//!
//! A save in `desa/x/` rebuilds only village `x` (only what its change
//! touches, as for a lone site), then the portal from every village's
//! last good `profile.json` and `atom.xml` in memory: the files `warta
//! build` makes the portal from. A change in `portal/` remakes the
//! portal alone; one to `network.toml` starts over. A village that fails
//! keeps its last good pages (and its place in the portal) and its
//! problems are shown, named from the network root, until it is fixed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::preview::{Failed, Files, Preview, Rebuilt, Served};
use super::watch::{Change, summarize};
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::fsx::is_ignored_name;
use crate::network::build::{from_root, parallel_villages};
use crate::network::config::NETWORK_FILE;
use crate::network::portal::data::VillageData;
use crate::network::portal::search::read_index;
use crate::network::portal::{left_out, portal_files, village_data};
use crate::network::{Network, Village, discover, load_network};

/// The preview of a network: its villages' previews and the portal.
pub struct NetworkPreview {
    root: PathBuf,
    drafts: bool,
    origin: String,
    /// The network at the preview's address; `None` until `network.toml`
    /// has been read.
    net: Option<Network>,
    villages: Vec<VillageSite>,
    /// The paths of the portal's files now served.
    portal: HashSet<String>,
    /// `network.toml` changed (or nothing is built yet): start over.
    restart: bool,
    /// A file of `portal/` changed.
    portal_changed: bool,
}

/// One village of the previewed network.
struct VillageSite {
    village: Village,
    preview: Preview,
    /// What the preview serves of this village, by its own paths.
    files: Files,
    /// What the portal shows of it, from its last good rebuild.
    data: Option<VillageData>,
    /// What changed since its last rebuild.
    pending: Option<(Change, Vec<PathBuf>)>,
    /// Its problems, while its last rebuild failed.
    failed: Option<Diagnostics>,
}

impl NetworkPreview {
    pub fn new(root: &Path, drafts: bool, origin: &str) -> NetworkPreview {
        NetworkPreview {
            root: root.to_path_buf(),
            drafts,
            origin: origin.trim_end_matches('/').to_string(),
            net: None,
            villages: Vec::new(),
            portal: HashSet::new(),
            restart: true,
            portal_changed: true,
        }
    }

    /// Notes a burst of changed paths: which village each falls in (and
    /// what it means there), the portal, or `network.toml`. Returns the
    /// strongest change.
    pub fn note(&mut self, paths: &[PathBuf]) -> Change {
        let mut strongest = Change::Ignore;
        if paths.iter().any(|p| *p == self.root.join(NETWORK_FILE)) {
            self.restart = true;
            return Change::Everything;
        }
        let portal = self.root.join("portal");
        let in_portal = |p: &&PathBuf| {
            p.strip_prefix(&portal)
                .is_ok_and(|rel| !rel.iter().any(|c| is_ignored_name(&c.to_string_lossy())))
        };
        if paths.iter().any(|p| in_portal(&p)) {
            self.portal_changed = true;
            strongest = Change::Everything;
        }
        for v in &mut self.villages {
            let dir = &v.village.dir;
            let mine: Vec<PathBuf> = paths
                .iter()
                .filter(|p| p.starts_with(dir))
                .cloned()
                .collect();
            if mine.is_empty() {
                continue;
            }
            let (change, changed) = summarize(dir, &mine, Some(&dir.join("public")));
            if change == Change::Ignore {
                continue;
            }
            strongest = strongest.max(change);
            v.pending = Some(match v.pending.take() {
                Some((before, mut earlier)) => {
                    earlier.extend(changed);
                    (before.max(change), earlier)
                }
                None => (change, changed),
            });
        }
        strongest
    }

    /// Rebuilds what the noted changes ask for into `files`: the villages
    /// that changed (at most a few at a time), then the portal. A village
    /// that fails keeps what it served; its problems make this an `Err`
    /// while the other villages' new pages are in `files` already.
    pub fn rebuild(&mut self, files: &mut Files) -> Result<Rebuilt, Failed> {
        if self.restart {
            self.start_over(files)?;
        }
        let Some(net) = self.net.clone() else {
            return Err(self.failed(Diagnostics::new()));
        };
        let mut rendered = 0;
        let mut removed = 0;
        let mut warnings = Diagnostics::new();
        let mut touched = false;
        for (v, done) in self.rebuild_villages() {
            let Some(done) = done else { continue };
            let v = &mut self.villages[v];
            rendered += done.rendered;
            removed += done.removed;
            warnings.extend(from_root(&net.root, &v.village, done.warnings));
            touched |= done.rendered + done.removed > 0;
            v.data = match served_data(&v.village, &v.files) {
                Ok(data) => Some(data),
                Err(d) => {
                    warnings.push(left_out(&v.village, d));
                    None
                }
            };
            serve_village(files, &v.village.folder, &v.files);
        }
        let mut problems = Diagnostics::new();
        if touched || self.portal_changed {
            match self.remake_portal(&net, files) {
                Ok(n) => rendered += n,
                Err(p) => problems.extend(p),
            }
        }
        for v in &self.villages {
            problems.extend(v.failed.clone().unwrap_or_default());
        }
        if problems.has_errors() {
            problems.extend(warnings);
            return Err(self.failed(problems));
        }
        warnings.sort();
        Ok(Rebuilt {
            rendered,
            removed,
            warnings,
            lang: net.language,
            root_path: net.root_path.clone(),
        })
    }

    fn failed(&self, mut problems: Diagnostics) -> Failed {
        problems.sort();
        Failed {
            problems,
            lang: self.net.as_ref().map_or(Lang::Id, |n| n.language),
        }
    }

    /// Reads `network.toml` and finds the villages again; every village is
    /// built anew. On a problem, what is served stays.
    fn start_over(&mut self, files: &mut Files) -> Result<(), Failed> {
        let net = load_network(&self.root).map_err(|p| self.failed(p))?;
        let villages = discover(&net).map_err(|p| Failed {
            problems: p,
            lang: net.language,
        })?;
        let mut net = net;
        net.base_url = format!("{}{}", self.origin, net.root_path.trim_end_matches('/'));
        self.villages = villages
            .into_iter()
            .map(|village| VillageSite {
                preview: Preview::at(&village.dir, self.drafts, &net.village_url(&village.folder)),
                village,
                files: Files::new(),
                data: None,
                pending: Some((Change::Everything, Vec::new())),
                failed: None,
            })
            .collect();
        files.clear();
        self.portal.clear();
        self.net = Some(net);
        self.restart = false;
        self.portal_changed = true;
        Ok(())
    }

    /// Rebuilds every village with a pending change, a few at a time:
    /// (its index, what the rebuild did when it went through).
    fn rebuild_villages(&mut self) -> Vec<(usize, Option<Rebuilt>)> {
        let root = self.root.clone();
        let mut todo: Vec<(usize, &mut VillageSite)> = self
            .villages
            .iter_mut()
            .enumerate()
            .filter(|(_, v)| v.pending.is_some())
            .collect();
        let per_thread = todo.len().div_ceil(parallel_villages()).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = todo
                .chunks_mut(per_thread)
                .map(|chunk| {
                    let root = &root;
                    scope.spawn(move || {
                        chunk
                            .iter_mut()
                            .map(|(i, v)| (*i, v.rebuild(root)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// The portal made again from every village's last good data, in
    /// place of the portal served; the number of its files.
    fn remake_portal(&mut self, net: &Network, files: &mut Files) -> Result<usize, Diagnostics> {
        let mut data: Vec<VillageData> = self
            .villages
            .iter()
            .filter_map(|v| v.data.clone())
            .collect();
        let now = chrono::Local::now().fixed_offset();
        let made = portal_files(net, &mut data, now)?;
        for old in self.portal.drain() {
            files.remove(&old);
        }
        let n = made.len();
        for (path, bytes) in made {
            self.portal.insert(path.clone());
            files.insert(path, Served::Memory(Arc::from(bytes)));
        }
        self.portal_changed = false;
        Ok(n)
    }
}

impl VillageSite {
    /// Runs the village's preview for its pending change; `None` when it
    /// failed (its problems are kept, named from the network root).
    fn rebuild(&mut self, root: &Path) -> Option<Rebuilt> {
        let (change, changed) = self.pending.take()?;
        match self.preview.rebuild(change, &changed, &mut self.files) {
            Ok(done) => {
                self.failed = None;
                Some(done)
            }
            Err(f) => {
                self.failed = Some(from_root(root, &self.village, f.problems));
                None
            }
        }
    }
}

/// Puts a village's files in place of what was served below `/<folder>/`.
fn serve_village(files: &mut Files, folder: &str, own: &Files) {
    let prefix = format!("{folder}/");
    files.retain(|k, _| !k.starts_with(&prefix));
    for (k, v) in own {
        files.insert(format!("{prefix}{k}"), v.clone());
    }
}

/// The portal's data of a village, from the `profile.json` and
/// `atom.xml` its preview serves.
fn served_data(v: &Village, files: &Files) -> Result<VillageData, Diagnostic> {
    let text = |key: &str| -> Result<String, Diagnostic> {
        let bytes = match files.get(key) {
            Some(Served::Memory(b)) => b.to_vec(),
            Some(Served::Deferred(d)) => d.get().to_vec(),
            Some(Served::Disk(p)) => crate::fsx::read(p)?,
            None => Vec::new(),
        };
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    let mut data = village_data(v, &text("profile.json")?, &text("atom.xml")?)?;
    data.search = read_index(&v.folder, &|rel| match files.get(rel) {
        Some(_) => text(rel).map(Some),
        None => Ok(None),
    })?;
    Ok(data)
}
