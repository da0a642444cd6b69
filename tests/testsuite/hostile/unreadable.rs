//! Folders warta cannot read: each is a warning naming it (the files
//! inside are left out), never a silent gap and never a stop; `--strict`
//! turns the warnings into a failed build, as for every warning.
//!
//! Permissions are provoked with `chmod 000`. Root reads such folders all
//! the same (the capabilities `CAP_DAC_OVERRIDE` and `CAP_DAC_READ_SEARCH`
//! override the mode bits), so as root warta runs under
//! `setpriv --bounding-set -dac_override,-dac_read_search`, which takes
//! those two away, exactly what an ordinary user lacks.
#![cfg(target_os = "linux")]

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::support::{Run, Site};

const DROP_OVERRIDES: [&str; 2] = ["--bounding-set", "-dac_override,-dac_read_search"];

/// `warta ARGS --root <site> --lang en` as a user who cannot read what
/// the mode bits forbid; `None` (the test is ignored, and says so) when
/// run as root without `setpriv`.
fn run_unprivileged(site: &Site, args: &[&str]) -> Option<Run> {
    let warta = env!("CARGO_BIN_EXE_warta");
    let mut cmd = if rustix::process::geteuid().is_root() {
        let mut c = Command::new("setpriv");
        c.args(DROP_OVERRIDES).arg(warta);
        c
    } else {
        Command::new(warta)
    };
    let out = match cmd
        .args(args)
        .args(["--lang", "en", "--root"])
        .arg(site.root())
        .env("LANG", "C")
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "ignored: running as root needs `setpriv` (util-linux) to drop the override capabilities: {e}"
            );
            return None;
        }
    };
    Some(Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

const UNREADABLE: [&str; 3] = [
    "content/berita/rahasia",
    "media/arsip",
    "media/galeri/panen",
];

/// A site whose [`UNREADABLE`] folders are made readable again when it is
/// dropped, so that its temporary folder can be removed by any user.
struct Locked(Site);

impl Drop for Locked {
    fn drop(&mut self) {
        for dir in UNREADABLE {
            let _ =
                std::fs::set_permissions(self.0.path(dir), std::fs::Permissions::from_mode(0o755));
        }
    }
}

/// `minimal` with an unreadable folder in a section of `content/`, one in
/// `media/` and one album of `media/galeri/`, each holding a file that
/// would otherwise be published.
fn site_with_unreadable_folders() -> Locked {
    let site = Site::fixture("minimal");
    site.write(
        "content/berita/rahasia/2025-08-01-rahasia.md",
        "+++\ntitle = \"Rahasia\"\ndate = 2025-08-01\n+++\n\nIsi.\n",
    );
    site.write("media/arsip/surat.pdf", b"%PDF-1.4\n");
    site.write("media/galeri/panen/catatan.txt", b"x");
    for dir in UNREADABLE {
        std::fs::set_permissions(site.path(dir), std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    Locked(site)
}

fn warning(n: usize, dir: &str) -> String {
    format!(
        "{n}. warning: Cannot read `{dir}` (Permission denied (os error 13)); what it holds is left out.\n  \
         --> {dir}\n  \
         = how to fix: Check the folder's permissions (chmod), or move it out of the site folder.\n"
    )
}

fn warnings() -> String {
    [
        warning(1, "content/berita/rahasia"),
        warning(2, "media/arsip"),
        warning(3, "media/galeri/panen"),
    ]
    .join(
        "
",
    ) + "
"
}

#[test]
fn an_unreadable_folder_is_a_warning_naming_it_and_the_build_goes_on() {
    let locked = site_with_unreadable_folders();
    let site = &locked.0;
    let Some(run) = run_unprivileged(site, &["build"]) else {
        return;
    };
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, warnings());
    assert!(
        run.stdout.ends_with("; 3 warning(s).\n"),
        "the summary counts the warnings: {}",
        run.stdout
    );
    let files = site.output_files();
    assert!(files.contains(&"berita/posyandu-krajan/index.html".to_string()));
    assert!(
        !files
            .iter()
            .any(|f| f.contains("rahasia") || f.starts_with("media/")),
        "nothing of an unreadable folder is published: {files:?}"
    );
}

#[test]
fn check_names_unreadable_folders_and_strict_fails_on_them() {
    let locked = site_with_unreadable_folders();
    let site = &locked.0;
    let Some(check) = run_unprivileged(site, &["check"]) else {
        return;
    };
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(check.stderr, warnings());
    let Some(strict) = run_unprivileged(site, &["build", "--strict"]) else {
        return;
    };
    assert_eq!(strict.code, 1, "{}{}", strict.stdout, strict.stderr);
    for dir in UNREADABLE {
        assert!(
            strict.stderr.contains(&format!("Cannot read `{dir}`")),
            "{}",
            strict.stderr
        );
    }
    assert!(!site.path("public").exists(), "--strict wrote nothing");
}
