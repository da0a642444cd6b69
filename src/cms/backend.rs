//! Which repository the editor commits to, and through which service.
//!
//! What the person typed (`--repo`) wins; else the backend of the
//! `config.yml` written before (so `warta cms` run again after a category
//! change keeps it); else the `origin` remote of the site's `.git/config`;
//! else a `base_url` on `*.github.io` or `*.gitlab.io`. Failing all of
//! them the config names a placeholder repository and `warta cms` says
//! how to fill it in. Each reader is a pure function of a text.

use serde_json::Value;

/// The Git service the editor signs in to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    GitHub,
    /// gitlab.com (`server` None) or a self-hosted GitLab at `server`
    /// (`https://gitlab.example.go.id`).
    GitLab {
        server: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub host: Host,
    /// `owner/name`, or `group/subgroup/name` on GitLab.
    pub repo: String,
    pub branch: String,
    /// A GitLab OAuth application's id: sign-in with PKCE, no server.
    pub gitlab_app_id: Option<String>,
    /// For GitHub: an OAuth helper (a Sveltia CMS Authenticator on
    /// Cloudflare Workers, say); without one the editor offers token
    /// sign-in only, the one that works on GitHub Pages alone.
    pub oauth_url: Option<String>,
}

/// The repository named when none could be found.
pub const PLACEHOLDER: &str = "PEMILIK/NAMA-REPO";

impl Backend {
    pub fn new(host: Host, repo: &str) -> Backend {
        Backend {
            host,
            repo: repo.to_string(),
            branch: "main".to_string(),
            gitlab_app_id: None,
            oauth_url: None,
        }
    }

    pub fn placeholder() -> Backend {
        Backend::new(Host::GitHub, PLACEHOLDER)
    }

    pub fn is_placeholder(&self) -> bool {
        self.repo == PLACEHOLDER
    }
}

/// A repository as people copy it: `github.com/owner/name`,
/// `https://gitlab.com/group/name.git`, `git@github.com:owner/name.git`,
/// `https://gitlab.desa.go.id/kim/sukamaju`.
pub fn parse_repo(typed: &str) -> Option<Backend> {
    let s = typed.trim().trim_end_matches('/');
    let s = s.strip_suffix(".git").unwrap_or(s);
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .or_else(|| s.strip_prefix("ssh://"))
        .unwrap_or(s);
    let s = s.strip_prefix("git@").unwrap_or(s);
    let (host, path) = s.split_once([':', '/'])?;
    let path = path.trim_matches('/');
    let parts: Vec<&str> = path.split('/').collect();
    // Names as GitHub and GitLab allow them: letters, digits, `.`, `-`,
    // `_`, never `.` or `..` alone (a typed `../x` is not a repository).
    let name = |p: &str| {
        !p.is_empty()
            && !p.starts_with('.')
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    let hostname = host
        .split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if parts.len() < 2 || !parts.iter().all(|p| name(p)) || !hostname {
        return None;
    }
    let host = match host.to_ascii_lowercase().as_str() {
        "github.com" if parts.len() == 2 => Host::GitHub,
        "github.com" => return None,
        "gitlab.com" => Host::GitLab { server: None },
        h if h.contains('.') => Host::GitLab {
            server: Some(format!("https://{h}")),
        },
        _ => return None,
    };
    Some(Backend::new(host, path))
}

/// The `origin` remote's URL in a `.git/config`.
pub fn from_git_config(text: &str) -> Option<Backend> {
    let mut in_origin = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line.replace(' ', "") == "[remote\"origin\"]";
        } else if in_origin
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == "url"
        {
            return parse_repo(v.trim());
        }
    }
    None
}

/// A project site's address: `https://owner.github.io/name` is the
/// repository `owner/name`; `https://owner.github.io` is
/// `owner/owner.github.io`. Likewise on gitlab.io.
pub fn from_base_url(base_url: &str) -> Option<Backend> {
    let rest = base_url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (owner, service) = host.split_once('.')?;
    let host_kind = match service {
        "github.io" => Host::GitHub,
        "gitlab.io" => Host::GitLab { server: None },
        _ => return None,
    };
    let name = match path.trim_matches('/') {
        "" => host.to_string(),
        p if !p.contains('/') => p.to_string(),
        _ => return None,
    };
    Some(Backend::new(host_kind, &format!("{owner}/{name}")))
}

/// The backend of a `config.yml` warta wrote (comment lines, then JSON).
pub fn from_admin_config(text: &str) -> Option<Backend> {
    let json: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let v: Value = serde_json::from_str(&json).ok()?;
    let b = v.get("backend")?;
    let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_string);
    let (host, oauth_url) = match s("name")?.as_str() {
        "github" => (Host::GitHub, s("base_url")),
        "gitlab" => (
            Host::GitLab {
                server: s("base_url"),
            },
            None,
        ),
        _ => return None,
    };
    Some(Backend {
        host,
        repo: s("repo")?,
        branch: s("branch").unwrap_or_else(|| "main".into()),
        gitlab_app_id: s("app_id"),
        oauth_url,
    })
}

/// `../` once per folder of `prefix`: from the site up to its repository.
fn up(prefix: &str) -> String {
    "../".repeat(prefix.matches('/').count())
}

/// The backend for the site at `root` when none was typed: the one in
/// `static/admin/config.yml`, else the repository's `.git/config` origin, else
/// `base_url`'s, else [`Backend::placeholder`].
pub fn find(root: &std::path::Path, base_url: &str) -> Backend {
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).ok();
    let git = format!("{}.git/config", up(&super::repo_prefix(root)));
    read("static/admin/config.yml")
        .and_then(|t| from_admin_config(&t))
        .or_else(|| read(&git).and_then(|t| from_git_config(&t)))
        .or_else(|| from_base_url(base_url))
        .unwrap_or_else(Backend::placeholder)
}

#[cfg(test)]
mod tests {
    use super::{Backend, Host, from_admin_config, from_base_url, from_git_config, parse_repo};

    fn gh(repo: &str) -> Option<Backend> {
        Some(Backend::new(Host::GitHub, repo))
    }

    fn gl(repo: &str, server: Option<&str>) -> Option<Backend> {
        Some(Backend::new(
            Host::GitLab {
                server: server.map(str::to_string),
            },
            repo,
        ))
    }

    #[test]
    fn repositories_as_people_copy_them() {
        for (typed, want) in [
            ("github.com/kim-sukamaju/situs", gh("kim-sukamaju/situs")),
            (
                "https://github.com/kim-sukamaju/situs.git",
                gh("kim-sukamaju/situs"),
            ),
            (
                "git@github.com:kim-sukamaju/situs.git",
                gh("kim-sukamaju/situs"),
            ),
            (
                "https://gitlab.com/kab-malang/kim/sukamaju/",
                gl("kab-malang/kim/sukamaju", None),
            ),
            (
                "https://git.malangkab.go.id/kim/sukamaju",
                gl("kim/sukamaju", Some("https://git.malangkab.go.id")),
            ),
            ("github.com/hanya-satu", None),
            ("github.com/a/b/c", None),
            ("sukamaju", None),
            ("../../etc", None),
            ("gitlab.com/kim/../rahasia", None),
            ("https://git..desa.id/kim/sukamaju", None),
            ("javascript:alert(1)", None),
            ("", None),
        ] {
            assert_eq!(parse_repo(typed), want, "{typed}");
        }
    }

    #[test]
    fn origin_of_a_git_config() {
        let text = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/lain/lain\n\
                    [remote \"origin\"]\n\turl = git@github.com:kim-sukamaju/situs.git\n\tfetch = +refs/heads/*\n";
        assert_eq!(from_git_config(text), gh("kim-sukamaju/situs"));
        assert_eq!(from_git_config("[core]\n"), None);
    }

    #[test]
    fn project_sites_name_their_repository() {
        for (url, want) in [
            (
                "https://kim-sukamaju.github.io/desa",
                gh("kim-sukamaju/desa"),
            ),
            (
                "https://kim-sukamaju.github.io",
                gh("kim-sukamaju/kim-sukamaju.github.io"),
            ),
            ("https://kim.gitlab.io/sukamaju/", gl("kim/sukamaju", None)),
            ("https://sukamaju.desa.id", None),
            ("https://kim.github.io/a/b", None),
        ] {
            assert_eq!(from_base_url(url), want, "{url}");
        }
    }

    #[test]
    fn the_backend_written_before_is_kept() {
        let text = "# comment\n{\"backend\": {\"name\": \"gitlab\", \"repo\": \"kim/desa\", \"branch\": \"utama\", \"app_id\": \"abc\"}}\n";
        let mut want = gl("kim/desa", None).unwrap();
        want.branch = "utama".into();
        want.gitlab_app_id = Some("abc".into());
        assert_eq!(from_admin_config(text), Some(want));
        assert_eq!(from_admin_config("backend:\n  name: github\n"), None);
    }
}
