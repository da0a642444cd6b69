//! `warta init DIR`: a new village site from the scaffold embedded in the
//! binary. It builds at once; `TODAY` in the scaffold becomes today's date
//! so the welcome post is not in the future.

use std::path::{Path, PathBuf};

use clap::Args;
use include_dir::{Dir, include_dir};

use crate::cli::{CommonArgs, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::{fsx, text};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Folder situs baru / Folder for the new site
    pub dir: PathBuf,
}

impl InitArgs {
    pub fn run(self) -> Outcome {
        let lang = self.common.message_lang(None);
        let today = chrono::Utc::now()
            .with_timezone(&crate::format::Zone::WIB.offset())
            .format("%Y-%m-%d")
            .to_string();
        match write_scaffold(&self.dir, &today) {
            Ok(n) => {
                let d = self.dir.display();
                Outcome::ok(match lang {
                    Lang::Id => format!(
                        "Situs baru dibuat di {d} ({n} berkas).\nLangkah berikutnya:\n  1. Isi profile.toml dan warta.toml dengan data desa Anda.\n  2. warta build --root {d}\n"
                    ),
                    Lang::En => format!(
                        "New site created in {d} ({n} files).\nNext steps:\n  1. Fill in profile.toml and warta.toml with your village's data.\n  2. warta build --root {d}\n"
                    ),
                })
            }
            Err(d) => Outcome::failed(&Diagnostics::from(d), lang),
        }
    }
}

fn write_scaffold(dir: &Path, today: &str) -> Result<usize, Diagnostic> {
    let non_empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if non_empty {
        let d = dir.display();
        return Err(Diagnostic::error(text!(
            "Folder `{d}` sudah berisi berkas; warta init tidak menimpa apa pun.",
            "The folder `{d}` is not empty; warta init overwrites nothing."
        ))
        .hint(Text::new(
            "Pilih nama folder baru, misalnya: warta init desa-sukamaju",
            "Choose a new folder name, e.g.: warta init desa-sukamaju",
        )));
    }
    let mut count = 0;
    write_dir(&SCAFFOLD, dir, today, &mut count)?;
    Ok(count)
}

fn write_dir(
    d: &Dir<'static>,
    dest: &Path,
    today: &str,
    count: &mut usize,
) -> Result<(), Diagnostic> {
    for f in d.files() {
        let rel = f.path().to_string_lossy().replace("TODAY", today);
        // `.gitignore` would be ignored inside this repository itself.
        let rel = if rel == "gitignore" {
            ".gitignore".to_string()
        } else {
            rel
        };
        let bytes = match f.contents_utf8() {
            Some(s) => s.replace("TODAY", today).into_bytes(),
            None => f.contents().to_vec(),
        };
        fsx::write(&dest.join(rel), bytes)?;
        *count += 1;
    }
    for sub in d.dirs() {
        write_dir(sub, dest, today, count)?;
    }
    Ok(())
}
