//! Host budgets: a static host refuses a deploy past its published
//! limits, so a build measures what it is about to publish against the
//! limits of its `host` and fails before the swap, naming what takes the
//! most room, instead of letting the deploy fail later: a network build
//! the whole output folder (portal and every village) for `[network]
//! host`, a village's build its own folder for `host` in its
//! `warta.toml` (alone, or inside a network). Where each limit comes
//! from: docs/NETWORK.md, "Host budgets".

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Lang};
use crate::format;
use crate::output::Staging;
use crate::text;

/// Where a site or a network is published; each host caps the size of a
/// site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Host {
    GithubPages,
    GitlabPages,
    CloudflarePages,
    Netlify,
    #[default]
    None,
}

impl Host {
    pub const NAMES: [(&'static str, Host); 5] = [
        ("github-pages", Host::GithubPages),
        ("gitlab-pages", Host::GitlabPages),
        ("cloudflare-pages", Host::CloudflarePages),
        ("netlify", Host::Netlify),
        ("none", Host::None),
    ];

    pub fn parse(s: &str) -> Option<Host> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, h)| *h)
    }

    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, h)| *h == self)
            .map_or("none", |(n, _)| n)
    }
}

/// Whose `host` is measured: a network's (the whole output, in
/// `network.toml`) or one site's (a village's folder, in `warta.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Network,
    Site,
}

impl Scope {
    fn file(self) -> &'static str {
        match self {
            Scope::Network => "network.toml",
            Scope::Site => "warta.toml",
        }
    }
}

/// One host's published limits (`None`: no published limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the whole site.
    pub bytes: Option<u64>,
    /// Entries of the site.
    pub files: Option<u64>,
    /// Bytes of any one file.
    pub file_bytes: Option<u64>,
    /// Whether folders count as entries (GitLab counts "file entries
    /// (including directories and symlinks)").
    pub folders_count: bool,
}

/// 1 GB as the hosts write it; read as 10^9 bytes, the smaller reading.
const GB: u64 = 1_000_000_000;
const MIB: u64 = 1024 * 1024;

impl Host {
    pub fn limits(self) -> Limits {
        let none = Limits {
            bytes: None,
            files: None,
            file_bytes: None,
            folders_count: false,
        };
        match self {
            Host::GithubPages => Limits {
                bytes: Some(GB),
                ..none
            },
            Host::GitlabPages => Limits {
                bytes: Some(GB),
                files: Some(200_000),
                folders_count: true,
                ..none
            },
            Host::CloudflarePages => Limits {
                files: Some(20_000),
                file_bytes: Some(25 * MIB),
                ..none
            },
            Host::Netlify | Host::None => none,
        }
    }
}

/// What a top-level folder of the output holds (`sukamaju`, or `portal`
/// for the portal's own files and folders).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub files: u64,
    pub folders: u64,
    pub bytes: u64,
}

/// What the output folder holds, by top-level part, and its largest file.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub parts: BTreeMap<String, Part>,
    /// (path below the output, bytes)
    pub largest: Option<(String, u64)>,
}

impl Usage {
    pub fn total(&self) -> Part {
        let mut t = Part::default();
        for p in self.parts.values() {
            t.files += p.files;
            t.folders += p.folders;
            t.bytes += p.bytes;
        }
        t
    }

    /// What will publish when `staging` is committed: its folder and the
    /// old output's paths it carries over.
    /// Below a top-level folder named in `villages` goes to that
    /// village's part, anything else to `portal`.
    pub fn of(staging: &Staging, villages: &[String]) -> Usage {
        Usage::measure(staging, &|top| {
            if villages.iter().any(|v| v == top) {
                top
            } else {
                "portal"
            }
        })
    }

    /// What one site will publish when `staging` is committed, by
    /// top-level folder or file.
    pub fn of_site(staging: &Staging) -> Usage {
        Usage::measure(staging, &|top| top)
    }

    /// What will publish when `staging` is committed (its folder and the
    /// old output's paths it carries over), each path in the part `part`
    /// names from its top-level name.
    fn measure(staging: &Staging, part: &dyn Fn(&str) -> &str) -> Usage {
        let mut usage = Usage::default();
        for entry in crate::fsx::read_dir(staging.dir()).into_iter().flatten() {
            usage.add(staging.dir(), &entry.path(), part);
        }
        let (target, kept) = staging.kept();
        for k in kept {
            usage.add(target, &target.join(k), part);
        }
        usage
    }

    /// Adds `path` (a file or folder below `base`, the output root).
    fn add(&mut self, base: &Path, path: &Path, part: &dyn Fn(&str) -> &str) {
        for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
            let rel = entry.path().strip_prefix(base).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            let name = part(rel.split('/').next().unwrap_or_default());
            let part = self.parts.entry(name.to_string()).or_default();
            if entry.file_type().is_dir() {
                part.folders += 1;
                continue;
            }
            let bytes = entry.metadata().map_or(0, |m| m.len());
            part.files += 1;
            part.bytes += bytes;
            if self.largest.as_ref().is_none_or(|(_, b)| bytes > *b) {
                self.largest = Some((rel, bytes));
            }
        }
    }
}

/// `12,3 MB` (decimal units, as the hosts write their limits).
pub fn size_text(bytes: u64, lang: Lang) -> String {
    let units = [(GB, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    for (unit, name) in units {
        if bytes >= unit {
            let n = format::number(bytes as f64 / unit as f64, 1, lang);
            return format!("{n} {name}");
        }
    }
    format!("{bytes} B")
}

/// Measures what `staging` will publish against the limits of `host`:
/// `Ok(None)` for no host, `Err` for each limit passed.
pub fn within_budget(
    host: Host,
    staging: &Staging,
    villages: &[String],
) -> Result<Option<Usage>, crate::diag::Diagnostics> {
    if host == Host::None {
        return Ok(None);
    }
    let usage = Usage::of(staging, villages);
    let problems = check(host, Scope::Network, &usage);
    if problems.is_empty() {
        Ok(Some(usage))
    } else {
        Err(problems.into())
    }
}

/// Measures what a site's `staging` will publish against the limits of
/// `host` (its `warta.toml`'s): by top-level folder (`media`, `berita`).
pub fn within_site_budget(
    host: Host,
    staging: &Staging,
) -> Result<Option<(Host, Usage)>, crate::diag::Diagnostics> {
    if host == Host::None {
        return Ok(None);
    }
    let usage = Usage::of_site(staging);
    let problems = check(host, Scope::Site, &usage);
    if problems.is_empty() {
        Ok(Some((host, usage)))
    } else {
        Err(problems.into())
    }
}

/// The line a build prints: what it publishes against the host's limits.
pub fn summary(host: Host, usage: &Usage, lang: Lang) -> String {
    let (t, l) = (usage.total(), host.limits());
    let entries = t.files + if l.folders_count { t.folders } else { 0 };
    let n = |x: u64| format::integer(i128::from(x), lang);
    let mut parts = vec![match l.files {
        Some(max) => format!("{} / {}", n(entries), n(max)),
        None => n(entries),
    }];
    parts.push(match l.bytes {
        Some(max) => format!("{} / {}", size_text(t.bytes, lang), size_text(max, lang)),
        None => size_text(t.bytes, lang),
    });
    let (what, files) = match lang {
        Lang::Id => ("Hosting", if l.folders_count { "entri" } else { "berkas" }),
        Lang::En => ("Host", if l.folders_count { "entries" } else { "files" }),
    };
    format!(
        "{what} {}: {} {files}, {}.\n",
        host.name(),
        parts[0],
        parts[1]
    )
}

/// The parts that take the most room by `key`, largest first: `sukamaju
/// (12,0 MB, 4.210 berkas)`.
fn biggest(usage: &Usage, key: fn(&Part) -> u64, lang: Lang) -> String {
    let mut parts: Vec<(&String, &Part)> = usage.parts.iter().collect();
    parts.sort_by(|a, b| key(b.1).cmp(&key(a.1)).then_with(|| a.0.cmp(b.0)));
    let files = match lang {
        Lang::Id => "berkas",
        Lang::En => "files",
    };
    parts
        .iter()
        .take(3)
        .map(|(name, p)| {
            let count = format::integer(i128::from(p.files), lang);
            format!("{name} ({}, {count} {files})", size_text(p.bytes, lang))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The limits of `host` that `usage` goes past, each an error naming what
/// takes the most room.
pub fn check(host: Host, scope: Scope, usage: &Usage) -> Vec<Diagnostic> {
    let (t, l, name) = (usage.total(), host.limits(), host.name());
    let mut out = Vec::new();
    let entries = t.files + if l.folders_count { t.folders } else { 0 };
    if let Some(max) = l.files.filter(|m| entries > *m) {
        let n = |x: u64, lang| format::integer(i128::from(x), lang);
        let (ni, mi, ne, me) = (
            n(entries, Lang::Id),
            n(max, Lang::Id),
            n(entries, Lang::En),
            n(max, Lang::En),
        );
        let (id, en) = (
            biggest(usage, |p| p.files, Lang::Id),
            biggest(usage, |p| p.files, Lang::En),
        );
        out.push(over(
            text!(
                "Keluaran berisi {ni} berkas; {name} menerima paling banyak {mi} per situs. Terbanyak: {id}.",
                "The output holds {ne} files; {name} takes at most {me} per site. The most: {en}."
            ),
            host,
            scope,
        ));
    }
    if let Some(max) = l.bytes.filter(|m| t.bytes > *m) {
        let (b, m) = (size_text(t.bytes, Lang::Id), size_text(max, Lang::Id));
        let (be, me) = (size_text(t.bytes, Lang::En), size_text(max, Lang::En));
        let (id, en) = (
            biggest(usage, |p| p.bytes, Lang::Id),
            biggest(usage, |p| p.bytes, Lang::En),
        );
        out.push(over(
            text!(
                "Keluaran sebesar {b}; {name} menerima paling besar {m} per situs. Terbesar: {id}.",
                "The output is {be}; {name} takes at most {me} per site. The largest: {en}."
            ),
            host,
            scope,
        ));
    }
    if let (Some(max), Some((file, bytes))) = (l.file_bytes, &usage.largest)
        && *bytes > max
    {
        // Cloudflare writes this limit in MiB: so does the message.
        let mib = |x: u64, lang| format::number(x as f64 / MIB as f64, 1, lang) + " MiB";
        let (b, be, m) = (mib(*bytes, Lang::Id), mib(*bytes, Lang::En), max / MIB);
        out.push(over(
            text!(
                "Berkas `{file}` sebesar {b}; {name} menerima berkas paling besar {m} MiB.",
                "The file `{file}` is {be}; {name} takes files of at most {m} MiB."
            ),
            host,
            scope,
        ));
    }
    out
}

fn over(message: crate::diag::Text, host: Host, scope: Scope) -> Diagnostic {
    let name = host.name();
    let hint = match scope {
        Scope::Network => text!(
            "Tidak ada yang diterbitkan; keluaran lama tetap. Kecilkan yang terbesar (foto, lampiran), bagi jaringan menjadi beberapa situs, atau pilih host lain di `host` (sekarang \"{name}\").",
            "Nothing was published; the previous output stays. Shrink what is largest (photos, attachments), split the network into several sites, or choose another `host` (now \"{name}\")."
        ),
        Scope::Site => text!(
            "Tidak ada yang diterbitkan; keluaran lama tetap. Kecilkan yang terbesar (foto, lampiran, `[images] widths`), atau pilih host lain di `host` (sekarang \"{name}\").",
            "Nothing was published; the previous output stays. Shrink what is largest (photos, attachments, `[images] widths`), or choose another `host` (now \"{name}\")."
        ),
    };
    Diagnostic::error(message).in_file(scope.file()).hint(hint)
}

#[cfg(test)]
mod tests;
