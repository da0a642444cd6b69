//! Putting a finished build in place of the old output, in one step, and
//! cleaning up after builds that were killed.
//!
//! Where the system can exchange two folders atomically (Linux
//! `renameat2(RENAME_EXCHANGE)`, macOS `renameatx_np(RENAME_SWAP)`, both
//! through rustix's safe `renameat_with`), the staging folder and the
//! output trade places in one call: at every moment the output folder is
//! the complete old site or the complete new one, never missing, never
//! mixed. Elsewhere (Windows, or a filesystem that refuses the exchange,
//! `EINVAL`), it falls back to two renames: the old output moved aside,
//! the new one moved in. A kill between those leaves no output folder
//! until the next build, which first puts the old one back
//! ([`remove_leftovers`]).
//!
//! What is not warta's survives: before the swap, `.git`, `CNAME`,
//! `.nojekyll` and the paths of `[build] keep` are carried from the old
//! output into the new one as hard links (a copy where links are not
//! possible), so a big `.git` costs no copy, and the old output keeps its
//! own links until it is removed: a kill at any moment loses nothing. A
//! path the build itself wrote (a `static/CNAME`) wins over the old one.
//!
//! Folders left by killed builds (`.public.warta-staging-PID`,
//! `.public.warta-old-PID`) are removed by the next build once process
//! PID is gone, and the build says so.
//!
//! Test hook: `WARTA_TEST_ABORT=<point>` aborts the process at a named
//! point of the swap (`swap:before`, `swap:after`, `rename:aside`,
//! `rename:in`), as a kill would, and `WARTA_TEST_SWAP=rename` forces the
//! two-rename fallback; the kill tests in `tests/testsuite/hostile/files.rs`
//! use them. Nothing else reads these variables.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::fsx;

/// Carried from the old output into the new one unless `[build] keep`
/// names more: a gh-pages clone's history and GitHub Pages' own files.
pub const ALWAYS_KEPT: &[&str] = &[".git", "CNAME", ".nojekyll"];

/// The staging and old-output folder names for `name` (`public`).
pub fn staging_name(name: &str, pid: u32) -> String {
    format!(".{name}.warta-staging-{pid}")
}

pub fn old_name(name: &str, pid: u32) -> String {
    format!(".{name}.warta-old-{pid}")
}

/// Aborts at `point` when the test hook asks for it (see the module doc).
fn test_hook(point: &str) {
    if std::env::var_os("WARTA_TEST_ABORT").is_some_and(|v| v == point) {
        std::process::abort();
    }
}

/// Puts `staging` in place of `target`, carrying `keep` over; removes the
/// old output afterwards.
pub fn swap_in(staging: &Path, target: &Path, keep: &[String]) -> Result<(), Diagnostic> {
    if !fsx::exists(target) {
        test_hook("swap:before");
        fsx::rename(staging, target)?;
        test_hook("swap:after");
        return Ok(());
    }
    carry_kept(target, staging, keep)?;
    test_hook("swap:before");
    let forced = std::env::var_os("WARTA_TEST_SWAP").is_some_and(|v| v == "rename");
    if !forced && exchange(staging, target) {
        test_hook("swap:after");
        // `staging` now holds the old output. Should it not go, the next
        // build removes it and says so; this one has succeeded.
        let _ = fsx::remove_dir_all(staging);
        return Ok(());
    }
    let old = staging.with_file_name(old_name(&folder_name(target), std::process::id()));
    fsx::rename(target, &old)?;
    test_hook("rename:aside");
    if let Err(e) = fsx::rename(staging, target) {
        let _ = fsx::rename(&old, target);
        return Err(e);
    }
    test_hook("rename:in");
    let _ = fsx::remove_dir_all(&old);
    Ok(())
}

/// Exchanges two folders in one step; `false` where the system or the
/// filesystem cannot (nothing was changed then).
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

pub fn folder_name(target: &Path) -> String {
    target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// Carries what is not warta's from `old` into `new` (see the module doc).
fn carry_kept(old: &Path, new: &Path, keep: &[String]) -> Result<(), Diagnostic> {
    let names = ALWAYS_KEPT
        .iter()
        .copied()
        .chain(keep.iter().map(String::as_str));
    for rel in names {
        let rel = rel.trim_matches('/');
        let (from, to) = (old.join(rel), new.join(rel));
        if rel.is_empty() || !fsx::exists(&from) || fsx::exists(&to) {
            continue;
        }
        if let Some(parent) = to.parent() {
            fsx::create_dir_all(parent)?;
        }
        link_tree(&from, &to).map_err(|e| {
            Diagnostic::error(crate::text!(
                "Tidak bisa membawa `{rel}` dari keluaran lama ke yang baru: {e}",
                "Cannot carry `{rel}` from the old output into the new one: {e}"
            ))
            .in_file(&from)
        })?;
    }
    Ok(())
}

/// `from` recreated at `to`: folders made, files hard-linked (copied when
/// the filesystem cannot link), symbolic links recreated as links.
///
/// `std::fs` directly, not [`fsx`]: hard links and links recreated as
/// they are exist only here, and the one error, whichever call it comes
/// from, is named with the kept path by [`carry_kept`].
fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(from)?;
    if meta.is_dir() {
        std::fs::create_dir(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            link_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    #[cfg(unix)]
    if meta.file_type().is_symlink() {
        return std::os::unix::fs::symlink(std::fs::read_link(from)?, to);
    }
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

/// Removes the folders killed builds left beside `target`, after putting
/// an old output back when a kill between two renames left none. Returns
/// what it did, one line each, for the build to say.
pub fn remove_leftovers(target: &Path) -> Vec<String> {
    let name = folder_name(target);
    let parent = target.parent().unwrap_or(Path::new("."));
    // Best effort: a folder beside the output that cannot be listed keeps
    // its leftovers until a later build can.
    let Ok(entries) = fsx::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<(bool, String, PathBuf)> = entries
        .into_iter()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let (old, pid) = leftover_of(&name, &file)?;
            (pid != std::process::id() && !alive(pid)).then(|| (old, file, e.path()))
        })
        .collect();
    // Old outputs first: one may have to become the output again.
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut done = Vec::new();
    for (old, file, path) in found {
        if old && !fsx::exists(target) {
            if fsx::rename(&path, target).is_ok() {
                done.push(format!("{file} -> {name}"));
            }
        } else if fsx::remove_dir_all(&path).is_ok() {
            done.push(file);
        }
    }
    done
}

/// `(is an old output, pid)` for a leftover's file name.
fn leftover_of(name: &str, file: &str) -> Option<(bool, u32)> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?;
    let (old, pid) = if let Some(pid) = rest.strip_prefix(".warta-staging-") {
        (false, pid)
    } else {
        (true, rest.strip_prefix(".warta-old-")?)
    };
    Some((old, pid.parse().ok()?))
}

/// Whether process `pid` still runs (its staging folder is in use).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

/// Without a portable way to ask, a leftover of another process counts
/// as abandoned; removing a folder still in use fails on Windows anyway.
#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::{leftover_of, remove_leftovers, swap_in};

    #[test]
    fn reads_leftover_names() {
        assert_eq!(
            leftover_of("public", ".public.warta-staging-12"),
            Some((false, 12))
        );
        assert_eq!(
            leftover_of("public", ".public.warta-old-7"),
            Some((true, 7))
        );
        assert_eq!(leftover_of("public", ".public.warta-old-x"), None);
        assert_eq!(leftover_of("public", ".other.warta-old-7"), None);
        assert_eq!(leftover_of("public", "public"), None);
    }

    #[test]
    fn swaps_and_carries_what_is_not_warta_s() {
        let tmp = tempfile::tempdir().unwrap();
        let (target, staging) = (tmp.path().join("public"), tmp.path().join("s"));
        for (rel, text) in [
            ("index.html", "lama"),
            ("CNAME", "desa.id"),
            (".git/HEAD", "ref"),
            ("arsip/x", "x"),
        ] {
            let p = target.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("index.html"), "baru").unwrap();
        swap_in(&staging, &target, &["arsip".to_string()]).unwrap();
        let read = |rel: &str| std::fs::read_to_string(target.join(rel)).unwrap();
        assert_eq!(read("index.html"), "baru");
        assert_eq!(read("CNAME"), "desa.id");
        assert_eq!(read(".git/HEAD"), "ref");
        assert_eq!(read("arsip/x"), "x");
        assert!(!staging.exists());
    }

    #[test]
    fn puts_an_old_output_back_and_removes_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        // PIDs above the kernel's limit (2^22) belong to no process.
        let old = tmp.path().join(".public.warta-old-999999999");
        let staging = tmp.path().join(".public.warta-staging-999999998");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("index.html"), "lama").unwrap();
        std::fs::create_dir(&staging).unwrap();
        let done = remove_leftovers(&target);
        assert_eq!(
            done,
            [
                ".public.warta-old-999999999 -> public",
                ".public.warta-staging-999999998"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "lama"
        );
        assert!(!staging.exists());
    }
}
