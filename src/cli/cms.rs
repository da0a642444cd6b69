//! `warta cms`: (re)writes `static/admin/`, the browser editor
//! (`crate::cms`), from the site's current warta.toml and content/.
//! Run it again after changing the categories.

use clap::Args;

use super::{CommonArgs, Outcome};
use crate::cms::{self, Backend, backend};
use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::load::config::{Config, load_config, load_config_with};
use crate::network::config::{NETWORK_FILE, load_network};
use crate::text;

#[derive(Debug, Args)]
pub struct CmsArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Repositori situs, misalnya github.com/kim-sukamaju/situs / The site's repository, e.g. github.com/kim-sukamaju/situs
    #[arg(long)]
    pub repo: Option<String>,
    /// Cabang yang diterbitkan (bawaan: main) / The published branch (default: main)
    #[arg(long)]
    pub branch: Option<String>,
    /// ID aplikasi OAuth GitLab: masuk tanpa server (PKCE) / A GitLab OAuth application id: sign-in without a server (PKCE)
    #[arg(long)]
    pub gitlab_app_id: Option<String>,
    /// Alamat pembantu OAuth GitHub (mis. Sveltia CMS Authenticator) / A GitHub OAuth helper's address (e.g. Sveltia CMS Authenticator)
    #[arg(long)]
    pub oauth_url: Option<String>,
}

impl CmsArgs {
    pub fn run(self) -> Outcome {
        let root = &self.common.root;
        let config = match site_config(root) {
            Ok(c) => c,
            Err(d) => return Outcome::failed(&d, self.common.message_lang(None)),
        };
        let lang = self.common.message_lang(Some(config.language));
        let mut chosen = match self.repo.as_deref().map(typed_repo).transpose() {
            Ok(Some(b)) => b,
            Ok(None) => backend::find(root, &config.base_url),
            Err(d) => return Outcome::failed(&Diagnostics::from(d), lang),
        };
        if let Some(b) = self.branch {
            chosen.branch = b;
        }
        if let Some(id) = self.gitlab_app_id {
            chosen.gitlab_app_id = Some(id);
        }
        if let Some(url) = self.oauth_url {
            chosen.oauth_url = Some(url);
        }
        let sections = cms::sections(root);
        match cms::write(root, &config, &sections, &chosen) {
            Ok(_) => {
                let said = said(&config, &sections, &chosen, lang);
                let mut warnings = Diagnostics::default();
                if chosen.is_placeholder() {
                    warnings.push(no_repo());
                }
                Outcome::ok_with_warnings(said, &warnings, lang)
            }
            Err(d) => Outcome::failed(&Diagnostics::from(d), lang),
        }
    }
}

/// The site's settings; a village of a network without its own
/// `base_url` gets the address the network gives it.
fn site_config(root: &std::path::Path) -> Result<Config, Diagnostics> {
    let own = load_config(root);
    let network = std::fs::canonicalize(root).ok().and_then(|r| {
        let top = r
            .ancestors()
            .skip(1)
            .find(|a| a.join(NETWORK_FILE).is_file())?;
        let folder = r.file_name()?.to_string_lossy().to_string();
        Some((top.to_path_buf(), folder))
    });
    match (own, network) {
        (Err(_), Some((top, folder))) => {
            let net = load_network(&top)?;
            load_config_with(root, Some(&net.village_url(&folder)))
        }
        (own, _) => own,
    }
}

fn typed_repo(typed: &str) -> Result<Backend, Diagnostic> {
    backend::parse_repo(typed).ok_or_else(|| {
        Diagnostic::error(text!(
            "--repo `{typed}` bukan alamat repositori GitHub atau GitLab.",
            "--repo `{typed}` is not a GitHub or GitLab repository address."
        ))
        .hint(Text::new(
            "Salin alamatnya dari peramban, misalnya github.com/kim-sukamaju/situs atau https://gitlab.com/kim/sukamaju.",
            "Copy its address from the browser, e.g. github.com/kim-sukamaju/situs or https://gitlab.com/kim/sukamaju.",
        ))
    })
}

/// The warning when no repository could be found.
pub fn no_repo() -> Diagnostic {
    Diagnostic::warning(Text::new(
        "Repositori situs belum diketahui, jadi editor di /admin/ belum bisa menyimpan.",
        "The site's repository is not known yet, so the editor at /admin/ cannot save.",
    ))
    .hint(Text::new(
        "Setelah situs disimpan di GitHub atau GitLab, jalankan misalnya: warta cms --repo github.com/kim-sukamaju/situs",
        "Once the site is on GitHub or GitLab, run for example: warta cms --repo github.com/kim-sukamaju/situs",
    ))
}

fn said(
    config: &crate::load::config::Config,
    sections: &[cms::Section],
    b: &Backend,
    lang: Lang,
) -> String {
    let v = cms::SVELTIA_VERSION;
    let n = sections.len();
    let c = config.categories.len();
    let repo = &b.repo;
    let branch = &b.branch;
    let admin = format!("{}/admin/", config.base_url);
    let (service, sign_in) = match (&b.host, &b.gitlab_app_id, lang) {
        (cms::Host::GitHub, _, Lang::Id) if b.oauth_url.is_some() => (
            "GitHub",
            "akun GitHub (lewat pembantu OAuth) atau token akses pribadi",
        ),
        (cms::Host::GitHub, _, Lang::En) if b.oauth_url.is_some() => (
            "GitHub",
            "a GitHub account (through the OAuth helper) or a personal access token",
        ),
        (cms::Host::GitHub, _, Lang::Id) => (
            "GitHub",
            "token akses pribadi GitHub (fine-grained, izin Contents: baca dan tulis)",
        ),
        (cms::Host::GitHub, _, Lang::En) => (
            "GitHub",
            "a GitHub personal access token (fine-grained, Contents: read and write)",
        ),
        (cms::Host::GitLab { .. }, Some(_), Lang::Id) => {
            ("GitLab", "akun GitLab (PKCE, tanpa server)")
        }
        (cms::Host::GitLab { .. }, Some(_), Lang::En) => {
            ("GitLab", "a GitLab account (PKCE, no server)")
        }
        (cms::Host::GitLab { .. }, None, Lang::Id) => (
            "GitLab",
            "token akses pribadi GitLab (cakupan api), atau --gitlab-app-id untuk masuk dengan akun",
        ),
        (cms::Host::GitLab { .. }, None, Lang::En) => (
            "GitLab",
            "a GitLab personal access token (api scope), or --gitlab-app-id to sign in with an account",
        ),
    };
    match lang {
        Lang::Id => format!(
            "Editor peramban ditulis ke static/admin/ (Sveltia CMS {v}): {n} kumpulan tulisan, {c} kategori, profil desa.\n\
             Repositori: {service} {repo}, cabang {branch}.\n\
             Setelah situs terbit, buka {admin} dan masuk dengan {sign_in}.\n\
             Langkahnya: \"Menulis lewat peramban\" di README warta. Jalankan `warta cms` lagi setelah mengubah kategori.\n"
        ),
        Lang::En => format!(
            "Browser editor written to static/admin/ (Sveltia CMS {v}): {n} collections, {c} categories, the village profile.\n\
             Repository: {service} {repo}, branch {branch}.\n\
             Once the site is published, open {admin} and sign in with {sign_in}.\n\
             Steps: \"Writing in the browser\" in warta's README. Run `warta cms` again after changing the categories.\n"
        ),
    }
}
