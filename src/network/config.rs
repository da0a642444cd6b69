//! `network.toml`: the settings of a network root (a kabupaten or a
//! province that keeps its villages in one repository).
//!
//! Parsed into `RawFile` exactly as written (unknown keys are errors that
//! name the nearest valid key, as in `warta.toml`), then resolved into
//! [`Network`]: the address split like a site's, the area code checked,
//! the village globs kept with their positions so that later messages
//! (a glob that matches nothing, a village outside the network) can point
//! at the line that caused them.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::load::config::{split_base_url, unknown_host_hint};
use crate::load::tomlerr::parse_toml;
pub use crate::output::budget::Host;
use crate::{fsx, text};

pub const NETWORK_FILE: &str = "network.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    network: RawNetwork,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetwork {
    title: Spanned<String>,
    #[serde(default)]
    description: String,
    base_url: Spanned<String>,
    language: Option<Spanned<String>>,
    area_code: Spanned<String>,
    villages: Spanned<Vec<Spanned<String>>>,
    host: Option<Spanned<String>>,
}

/// A village glob as written, with where it was written.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: String,
    /// Byte span of the glob's string in `network.toml`.
    pub span: std::ops::Range<usize>,
}

/// The resolved settings of a network root.
#[derive(Debug, Clone)]
pub struct Network {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// `https://kim.example.id`, never with a trailing slash.
    pub base_url: String,
    /// The path part of `base_url`: `/` or `/kim/`.
    pub root_path: String,
    pub language: Lang,
    /// The kabupaten (`18.01`) or province (`18`) every village lies in.
    pub area_code: String,
    pub villages: Vec<Pattern>,
    pub host: Host,
    /// `network.toml` as read, to point at its lines later.
    pub source: String,
    /// Span of the `villages` list, for "no village matches".
    pub villages_span: std::ops::Range<usize>,
}

impl Network {
    /// Whether `root` is a network root (holds `network.toml`).
    pub fn is_network(root: &Path) -> bool {
        fsx::exists(&root.join(NETWORK_FILE))
    }

    /// An error at `span` of `network.toml`.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: Text) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(NETWORK_FILE)
            .at(&self.source, span.start, span.len())
    }

    /// The address a village in `folder` is published at, when its own
    /// `warta.toml` sets none.
    pub fn village_url(&self, folder: &str) -> String {
        format!("{}/{folder}/", self.base_url)
    }
}

/// [`load_network`], published at `base_url` instead of the one of
/// `network.toml` when given (`--base-url`: a staging copy, a GitHub
/// Pages project address). Villages that set their own address keep it.
pub fn load_network_at(root: &Path, base_url: Option<&str>) -> Result<Network, Diagnostics> {
    let mut net = load_network(root)?;
    if let Some(url) = base_url {
        let (base, path) = split_base_url(url).map_err(|msg| {
            Diagnostic::error(Text::new(
                format!("--base-url: {}", msg.id),
                format!("--base-url: {}", msg.en),
            ))
            .hint(text!(
                "Tulis alamat lengkap portal, misalnya --base-url https://kim.example.id/",
                "Write the portal's full address, e.g. --base-url https://kim.example.id/"
            ))
        })?;
        net.base_url = base;
        net.root_path = path;
    }
    Ok(net)
}

/// Reads and resolves `<root>/network.toml`.
pub fn load_network(root: &Path) -> Result<Network, Diagnostics> {
    let file = Path::new(NETWORK_FILE);
    let source =
        fsx::read_site_text(root, &root.join(NETWORK_FILE)).map_err(|d| d.in_file(file))?;
    let what = Text::new("network.toml", "network.toml");
    let raw: RawFile = parse_toml(&source, file, &source, 0, &what)?;
    resolve(raw.network, root, source)
}

fn resolve(raw: RawNetwork, root: &Path, source: String) -> Result<Network, Diagnostics> {
    let mut check = Checker {
        source: &source,
        problems: Diagnostics::new(),
    };
    check.title(&raw.title);
    let (base_url, root_path) = check.address(&raw.base_url);
    let language = check.language(raw.language.as_ref());
    let area_code = check.area_code(&raw.area_code);
    let host = check.host(raw.host.as_ref());
    if check.problems.has_errors() {
        return Err(check.problems);
    }
    let villages_span = raw.villages.span();
    let villages = raw
        .villages
        .into_inner()
        .into_iter()
        .map(|p| Pattern {
            span: p.span(),
            text: p.into_inner(),
        })
        .collect();
    Ok(Network {
        root: root.to_path_buf(),
        title: raw.title.into_inner(),
        description: raw.description,
        base_url,
        root_path,
        language,
        area_code,
        villages,
        host,
        source,
        villages_span,
    })
}

/// The checks of `[network]`, each reporting at its key's line into
/// `problems` (so every mistake is listed at once) and returning the
/// value to use.
struct Checker<'a> {
    source: &'a str,
    problems: Diagnostics,
}

impl Checker<'_> {
    fn report<T>(&mut self, value: &Spanned<T>, message: Text, hint: Text) {
        let span = value.span();
        self.problems.push(
            Diagnostic::error(message)
                .in_file(NETWORK_FILE)
                .at(self.source, span.start, span.len())
                .hint(hint),
        );
    }

    fn title(&mut self, title: &Spanned<String>) {
        if title.get_ref().trim().is_empty() {
            self.report(
                title,
                text!(
                    "Judul jaringan (`title`) kosong.",
                    "The network title (`title`) is empty."
                ),
                text!(
                    "Isi nama jaringan, misalnya title = \"KIM Kabupaten Lampung Selatan\".",
                    "Give the network a name, e.g. title = \"KIM Kabupaten Lampung Selatan\"."
                ),
            );
        }
    }

    fn address(&mut self, url: &Spanned<String>) -> (String, String) {
        split_base_url(url.get_ref()).unwrap_or_else(|msg| {
            self.report(
                url,
                msg,
                text!(
                    "Tulis alamat lengkap portal, misalnya base_url = \"https://kim.lampungselatankab.go.id\".",
                    "Write the portal's full address, e.g. base_url = \"https://kim.lampungselatankab.go.id\"."
                ),
            );
            (String::new(), "/".into())
        })
    }

    fn language(&mut self, written: Option<&Spanned<String>>) -> Lang {
        let Some(l) = written else {
            return Lang::Id;
        };
        match l.get_ref().as_str() {
            "id" => Lang::Id,
            "en" => Lang::En,
            other => {
                self.report(
                    l,
                    text!(
                        "Bahasa `{other}` tidak dikenal.",
                        "Unknown language `{other}`."
                    ),
                    text!(
                        "Tulis language = \"id\" atau \"en\".",
                        "Write language = \"id\" or \"en\"."
                    ),
                );
                Lang::Id
            }
        }
    }

    fn area_code(&mut self, written: &Spanned<String>) -> String {
        let code = written.get_ref().trim().to_string();
        if !is_region_code(&code) {
            self.report(
                written,
                text!(
                    "`area_code` jaringan harus kode provinsi, kabupaten/kota, atau kecamatan (tertulis: \"{code}\").",
                    "The network's `area_code` must be a province, regency or district code (found: \"{code}\")."
                ),
                text!(
                    "Misalnya area_code = \"18.01\" untuk satu kabupaten atau \"18\" untuk satu provinsi.",
                    "For example area_code = \"18.01\" for one regency or \"18\" for one province."
                ),
            );
        }
        code
    }

    fn host(&mut self, written: Option<&Spanned<String>>) -> Host {
        let Some(h) = written else {
            return Host::None;
        };
        Host::parse(h.get_ref()).unwrap_or_else(|| {
            let value = h.get_ref();
            self.report(
                h,
                text!("Host `{value}` tidak dikenal.", "Unknown host `{value}`."),
                unknown_host_hint(value),
            );
            Host::None
        })
    }
}

/// `18`, `18.01` or `18.01.11`: a province, regency or district code.
pub fn is_region_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    let two = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&parts.len()) && parts.iter().all(|p| two(p)) && !parts[0].starts_with('0')
}

/// Whether the area code `village` lies inside `region` (`18.01`).
pub fn within(village: &str, region: &str) -> bool {
    village == region
        || village
            .strip_prefix(region)
            .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::{Host, is_region_code, within};

    #[test]
    fn region_codes() {
        for (code, ok) in [
            ("18", true),
            ("18.01", true),
            ("18.01.11", true),
            ("18.01.11.2001", false),
            ("08", false),
            ("18.1", false),
            ("", false),
            ("18.", false),
        ] {
            assert_eq!(is_region_code(code), ok, "{code}");
        }
    }

    #[test]
    fn codes_within_a_region() {
        assert!(within("18.01.11.2001", "18.01"));
        assert!(within("18.01.11.2001", "18"));
        assert!(!within("18.011.1.2001", "18.01"));
        assert!(!within("18.02.11.2001", "18.01"));
    }

    #[test]
    fn host_names_round_trip() {
        for (name, host) in Host::NAMES {
            assert_eq!(Host::parse(name), Some(host));
            assert_eq!(host.name(), name);
        }
        assert_eq!(Host::parse("github"), None);
    }
}
