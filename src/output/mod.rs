//! Stage 5: write. The output folder is replaced in one step, or not at all.
//!
//! A build writes into a staging folder beside the output (same
//! filesystem, so the final step is a rename). Only when every page was
//! written does the staging folder take the output's place, in one atomic
//! exchange where the system has one ([`swap`], which also carries `.git`,
//! `CNAME` and `[build] keep` over and cleans up after killed builds); on
//! any error the staging folder is removed and the previous site stays as
//! it was. warta marks its output with [`MARKER`] and refuses to replace a
//! non-empty folder without it (unless it holds only what a build keeps),
//! so `--output ~/Documents` can never wipe someone's documents.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Text};
use crate::{fsx, text};

pub mod budget;
pub mod swap;
pub mod transform;

/// The file that marks a folder as warta's output.
pub use crate::fsx::OUTPUT_MARKER as MARKER;

pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    transform: transform::Transform,
    keep: Vec<String>,
    /// What was left by killed builds and is now removed, one line each.
    pub cleaned: Vec<String>,
}

impl Staging {
    /// Cleans up after killed builds, checks that `target` may be
    /// replaced, then creates an empty staging folder beside it. `keep`:
    /// paths of the old output to carry over (`[build] keep`).
    pub fn create(target: &Path, keep: &[String]) -> Result<Staging, Diagnostic> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let target = &parent.join(swap::folder_name(target));
        let cleaned = swap::remove_leftovers(target);
        check_replaceable(target, keep)?;
        fsx::create_dir_all(parent)?;
        let name = swap::folder_name(target);
        let dir = parent.join(swap::staging_name(&name, std::process::id()));
        if dir.exists() {
            fsx::remove_dir_all(&dir)?;
        }
        fsx::create_dir_all(&dir)?;
        fsx::write(&dir.join(MARKER), "warta\n")?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            transform: transform::Transform::default(),
            keep: keep.to_vec(),
            cleaned,
        })
    }

    /// Minify and/or make links portable in every file written from now.
    pub fn with_transform(mut self, transform: transform::Transform) -> Staging {
        self.transform = transform;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Carries `rel` of the old output into the new one at the commit, as
    /// `[build] keep` does: a network keeps the folder of a village whose
    /// build failed, or that this run did not build.
    pub fn keep(&mut self, rel: &str) {
        self.keep.push(rel.to_string());
    }

    /// The old output's paths to be carried over at the commit: (the
    /// output folder, each path in it), for measuring what will publish.
    pub fn kept(&self) -> (&Path, &[String]) {
        (&self.target, &self.keep)
    }

    /// Writes `rel` (a `/`-separated path below the output root).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.dir.join(safe_rel(rel)?);
        fsx::write(&path, self.transform.apply(rel, bytes)).map_err(|d| self.as_output(d))
    }

    pub fn copy(&self, src: &Path, rel: &str) -> Result<(), Diagnostic> {
        if self.transform.changes(rel) {
            return self.write(rel, &fsx::read(src)?);
        }
        fsx::copy(src, &self.dir.join(safe_rel(rel)?)).map_err(|d| self.as_output(d))
    }

    /// A message about a file being written names it where the person
    /// will look for it (`public/rss.xml`), never the staging folder.
    fn as_output(&self, mut d: Diagnostic) -> Diagnostic {
        let (from, to) = (
            self.dir.display().to_string(),
            self.target.display().to_string(),
        );
        d.message.id = d.message.id.replace(&from, &to);
        d.message.en = d.message.en.replace(&from, &to);
        if let Some(f) = &d.file
            && let Ok(rest) = f.strip_prefix(&self.dir)
        {
            d.file = Some(self.target.join(rest));
        }
        d
    }

    /// Swaps the staging folder in for the target.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        check_replaceable(&self.target, &self.keep)?;
        let result = swap::swap_in(&self.dir, &self.target, &self.keep);
        self.committed = result.is_ok();
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fsx::remove_dir_all(&self.dir);
        }
    }
}

/// A path inside the output: no `..`, no absolute parts.
fn safe_rel(rel: &str) -> Result<PathBuf, Diagnostic> {
    let mut out = PathBuf::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(Diagnostic::error(text!(
                    "Alamat keluaran `{rel}` keluar dari folder situs.",
                    "The output path `{rel}` leaves the site folder."
                )));
            }
            p if p.contains('\\') || p.contains(':') => {
                return Err(Diagnostic::error(text!(
                    "Alamat keluaran `{rel}` memuat tanda yang tidak boleh.",
                    "The output path `{rel}` holds characters that are not allowed."
                )));
            }
            p => out.push(p),
        }
    }
    Ok(out)
}

fn check_replaceable(target: &Path, keep: &[String]) -> Result<(), Diagnostic> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        let t = target.display();
        return Err(Diagnostic::error(text!(
            "`{t}` sudah ada dan bukan folder; warta tidak akan menimpanya.",
            "`{t}` exists and is not a folder; warta will not overwrite it."
        )));
    }
    let marked = target.join(MARKER).is_file();
    // Empty, or only what a build keeps: a fresh gh-pages clone.
    let only_kept = fsx::read_dir(target).is_ok_and(|d| {
        d.iter().all(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            swap::ALWAYS_KEPT.contains(&name.as_str())
                || keep.iter().any(|k| k.trim_matches('/') == name)
        })
    });
    if marked || only_kept {
        Ok(())
    } else {
        let t = target.display();
        Err(Diagnostic::error(text!(
            "Folder `{t}` sudah berisi berkas yang bukan buatan warta; warta tidak akan menghapusnya.",
            "The folder `{t}` holds files warta did not make; warta will not delete them."
        ))
        .hint(Text::new(
            "Pilih folder keluaran lain dengan --output, atau kosongkan folder itu sendiri bila memang boleh dihapus.",
            "Choose another output folder with --output, or empty that folder yourself if it may be deleted.",
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::{MARKER, Staging, safe_rel};

    #[test]
    fn refuses_paths_outside_the_output() {
        assert!(safe_rel("berita/x/index.html").is_ok());
        assert!(safe_rel("../x").is_err());
        assert!(safe_rel("a\\..\\b").is_err());
    }

    #[test]
    fn replaces_its_own_output_and_keeps_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::create(&out, &[]).unwrap();
        s.write("index.html", b"satu").unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "satu"
        );
        assert!(out.join(MARKER).is_file());

        let s = Staging::create(&out, &[]).unwrap();
        s.write("index.html", b"dua").unwrap();
        drop(s); // a failed build: never committed
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "satu"
        );

        let foreign = tmp.path().join("dokumen");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("skripsi.docx"), b"x").unwrap();
        assert!(Staging::create(&foreign, &[]).is_err());
        assert!(foreign.join("skripsi.docx").is_file());
    }
}
