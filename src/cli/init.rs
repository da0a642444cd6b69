//! `warta init DIR`: a new village site from the scaffold embedded in the
//! binary. It builds at once; `TODAY` in the scaffold becomes today's date
//! so the welcome post is not in the future, and `@VERSION@` becomes this
//! binary's version, so the CI workflows (GitHub Pages, GitLab Pages) and
//! `pasang-warta.sh` install the release binary of the same warta that
//! made the site (tests/testsuite/workflows.rs runs them).

use std::path::{Path, PathBuf};

use clap::Args;
use include_dir::{Dir, include_dir};

use crate::cli::{CommonArgs, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::{cms, fsx, text};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");
/// `warta init --network`: `network.toml` and the sharded CI workflows;
/// the village scaffold goes to `desa/contoh/`.
static NETWORK_SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold-network");
/// Where `warta init --network` puts the example village.
const EXAMPLE_VILLAGE: &str = "desa/contoh";

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Folder situs baru / Folder for the new site
    pub dir: PathBuf,
    /// Buat folder jaringan (network.toml, desa/contoh/, CI bertahap) / Make a network folder (network.toml, desa/contoh/, sharded CI)
    #[arg(long)]
    pub network: bool,
}

impl InitArgs {
    pub fn run(self) -> Outcome {
        let lang = self.common.message_lang(None);
        let today = chrono::Utc::now()
            .with_timezone(&crate::format::Zone::WIB.offset())
            .format("%Y-%m-%d")
            .to_string();
        let written = if self.network {
            write_network(&self.dir, &today)
        } else {
            write_scaffold(&self.dir, &today)
        };
        match written {
            Ok(n) if self.network => Outcome::ok(network_said(&self.dir, n, lang)),
            Ok(n) => {
                let d = self.dir.display();
                Outcome::ok(match lang {
                    Lang::Id => format!(
                        "Situs baru dibuat di {d} ({n} berkas).\nLangkah berikutnya:\n  1. Isi profile.toml dan warta.toml dengan data desa Anda.\n  2. warta build --root {d}\n  3. Simpan folder ini di GitHub atau GitLab: .github/workflows/terbitkan.yml dan\n     .gitlab-ci.yml menerbitkan situs setiap kali ada perubahan di cabang main.\n     Lihat \"Menerbitkan situs\" di README warta (juga Netlify, Cloudflare Pages, hosting biasa).\n  4. Pewarta menulis lewat peramban di /admin/ situs: setelah repositori dibuat, jalankan\n     warta cms --repo github.com/PEMILIK/NAMA-REPO --root {d}  (lihat \"Menulis lewat peramban\").\n"
                    ),
                    Lang::En => format!(
                        "New site created in {d} ({n} files).\nNext steps:\n  1. Fill in profile.toml and warta.toml with your village's data.\n  2. warta build --root {d}\n  3. Put this folder on GitHub or GitLab: .github/workflows/terbitkan.yml and\n     .gitlab-ci.yml publish the site on every push to main.\n     See \"Publishing\" in warta's README (also Netlify, Cloudflare Pages, plain hosting).\n  4. Writers write in the browser at the site's /admin/: once the repository exists, run\n     warta cms --repo github.com/OWNER/REPO-NAME --root {d}  (see \"Writing in the browser\").\n"
                    ),
                })
            }
            Err(d) => Outcome::failed(&Diagnostics::from(d), lang),
        }
    }
}

/// Where a scaffold file goes in the new site. Dot-files are stored without
/// their dot: a `.gitignore`, `.github/` or `.gitlab-ci.yml` in `scaffold/`
/// would act on warta's own repository instead of being data.
fn site_path(rel: &Path) -> PathBuf {
    const DOTTED: [&str; 3] = ["gitignore", "github", "gitlab-ci.yml"];
    let mut out = PathBuf::new();
    for (i, part) in rel.iter().enumerate() {
        match part.to_str() {
            Some(name) if i == 0 && DOTTED.contains(&name) => out.push(format!(".{name}")),
            _ => out.push(part),
        }
    }
    out
}

/// A scaffold text with its placeholders filled in.
fn fill(text: &str, today: &str) -> String {
    text.replace("TODAY", today)
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
}

fn write_scaffold(dir: &Path, today: &str) -> Result<usize, Diagnostic> {
    refuse_non_empty(dir)?;
    let mut count = 0;
    write_dir(&SCAFFOLD, dir, today, &mut count)?;
    Ok(count + write_cms(dir)?)
}

/// The browser editor (`static/admin/`, `crate::cms`) for the new site,
/// generated from its warta.toml like `warta cms` does.
fn write_cms(dir: &Path) -> Result<usize, Diagnostic> {
    let config = crate::load::config::load_config(dir).map_err(|d| {
        d.items.into_iter().next().unwrap_or_else(|| {
            Diagnostic::error(Text::new(
                "warta.toml situs baru tidak terbaca.",
                "The new site's warta.toml could not be read.",
            ))
        })
    })?;
    let backend = cms::backend::find(dir, &config.base_url);
    cms::write(dir, &config, &cms::sections(dir), &backend)
}

/// A network: its own files, then the village scaffold in
/// `desa/contoh/` (without `base_url`: the network gives it) but for its
/// CI files, which the network's replace; `pasang-warta.sh` stays at the
/// root, where the workflows run it.
fn write_network(dir: &Path, today: &str) -> Result<usize, Diagnostic> {
    refuse_non_empty(dir)?;
    let mut count = 0;
    write_dir(&NETWORK_SCAFFOLD, dir, today, &mut count)?;
    for f in all_files(&SCAFFOLD) {
        let rel = f.path().to_string_lossy().replace("TODAY", today);
        let dest = match rel.split('/').next().unwrap_or_default() {
            "gitignore" | "github" | "gitlab-ci.yml" => continue,
            "pasang-warta.sh" => dir.join(&rel),
            _ => dir.join(EXAMPLE_VILLAGE).join(&rel),
        };
        let mut text = fill(f.contents_utf8().unwrap_or_default(), today);
        if rel == "warta.toml" {
            text = text
                .lines()
                .filter(|l| !l.starts_with("base_url"))
                .map(|l| format!("{l}\n"))
                .collect();
        }
        fsx::write(&dest, text)?;
        count += 1;
    }
    Ok(count)
}

fn all_files(d: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = d.files().collect();
    for sub in d.dirs() {
        out.extend(all_files(sub));
    }
    out
}

fn network_said(dir: &Path, n: usize, lang: Lang) -> String {
    let d = dir.display();
    match lang {
        Lang::Id => format!(
            "Jaringan baru dibuat di {d} ({n} berkas), dengan satu desa contoh di {d}/{EXAMPLE_VILLAGE}.\nLangkah berikutnya:\n  1. Isi network.toml (judul, base_url, kode wilayah kabupaten, host).\n  2. Salin desa/contoh menjadi satu folder per desa dan isi profile.toml-nya.\n  3. warta build --root {d}\n  4. Simpan folder ini di GitHub atau GitLab: .github/workflows/terbitkan.yml dan\n     .gitlab-ci.yml membangun desa dalam beberapa bagian sekaligus, lalu portalnya.\n"
        ),
        Lang::En => format!(
            "New network created in {d} ({n} files), with one example village in {d}/{EXAMPLE_VILLAGE}.\nNext steps:\n  1. Fill in network.toml (title, base_url, the kabupaten's area code, host).\n  2. Copy desa/contoh to one folder per village and fill in its profile.toml.\n  3. warta build --root {d}\n  4. Put this folder on GitHub or GitLab: .github/workflows/terbitkan.yml and\n     .gitlab-ci.yml build the villages in parallel shards, then the portal.\n"
        ),
    }
}

/// `warta init` writes into a new or empty folder only.
fn refuse_non_empty(dir: &Path) -> Result<(), Diagnostic> {
    // A folder that cannot be listed fails at the first write, named.
    let non_empty = fsx::read_dir(dir).is_ok_and(|d| !d.is_empty());
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
    Ok(())
}

fn write_dir(
    d: &Dir<'static>,
    dest: &Path,
    today: &str,
    count: &mut usize,
) -> Result<(), Diagnostic> {
    for f in d.files() {
        let rel = site_path(Path::new(
            &f.path().to_string_lossy().replace("TODAY", today),
        ));
        let bytes = match f.contents_utf8() {
            Some(s) => fill(s, today).into_bytes(),
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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::site_path;

    #[test]
    fn dot_files_get_their_dot_back() {
        for (stored, written) in [
            ("gitignore", ".gitignore"),
            ("gitlab-ci.yml", ".gitlab-ci.yml"),
            (
                "github/workflows/terbitkan.yml",
                ".github/workflows/terbitkan.yml",
            ),
            ("warta.toml", "warta.toml"),
            ("content/github/x.md", "content/github/x.md"),
            ("content/gitignore", "content/gitignore"),
        ] {
            assert_eq!(
                site_path(Path::new(stored)),
                PathBuf::from(written),
                "{stored}"
            );
        }
    }
}
