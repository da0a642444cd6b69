//! The load stage as one function: every file of a site read into a
//! [`Loaded`] value, the only stage that touches the site's files (photos
//! aside, which [`crate::images`] reads when it plans them). `build`,
//! `check` and `serve` all call [`load`]; `serve` passes the previous
//! content so unchanged documents are not read again.

use std::path::{Path, PathBuf};

use super::config::{Config, load_config_with};
use super::content::{Content, load_content_reusing, update_content};
use super::documents::{Document, load_documents};
use super::files::SiteFiles;
use super::gallery::{Album, load_gallery};
use super::profile::{Profile, load_profile};
use crate::diag::{Diagnostic, Diagnostics};

/// Which address the site is built for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// `base_url` of `warta.toml`.
    Configured,
    /// `--base-url`: in place of the configured one.
    Url(String),
    /// `base_url` of `warta.toml` when it sets one, else this address: a
    /// village of a network (`https://kim.kab.example.id/sukamaju/`).
    Network(String),
    /// The preview's origin (`http://127.0.0.1:1111`), keeping the
    /// configured path below it, so the preview's links match the site's.
    Origin(String),
}

/// What to load.
#[derive(Debug, Clone)]
pub struct Request {
    pub root: PathBuf,
    pub address: Address,
}

/// What an earlier load can lend to this one (`serve`).
#[derive(Debug, Clone, Copy)]
pub enum Reuse<'a> {
    Nothing,
    /// Documents of `previous` whose file kept its time stamp and size and
    /// is not among `changed` are taken as they are; with `only_content`
    /// (nothing but files of `content/` changed) only `changed` is read.
    Content {
        previous: &'a Content,
        changed: &'a [PathBuf],
        only_content: bool,
    },
}

/// Every file of the site, read and validated.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub root: PathBuf,
    pub config: Config,
    /// `None` when `profile.toml` is missing or broken: nothing can be
    /// modelled without it (its zone dates every post).
    pub profile: Option<Profile>,
    /// `profile.toml` as it was read, to point at a line in later messages.
    pub profile_source: String,
    pub content: Content,
    /// The albums of `media/galeri/`.
    pub albums: Vec<Album>,
    /// The documents `media/dokumen/dokumen.toml` lists.
    pub documents: Vec<Document>,
    pub files: SiteFiles,
    /// Every problem found while reading, errors and warnings.
    pub problems: Diagnostics,
}

impl Loaded {
    /// Lets go of the documents of `content/` once the model is built:
    /// the model owns what it shows of them, and their source text (64 MB
    /// at 10,000 posts) would otherwise stay in memory through rendering.
    /// `serve` keeps them instead, to lend to its next load.
    pub fn drop_documents(&mut self) {
        self.content.documents = Vec::new();
    }
}

/// Reads the site at `req.root`. Only a `warta.toml` that cannot be used
/// stops the load (its language says how to speak); every other problem
/// is collected into [`Loaded::problems`] so one run reports them all.
pub fn load(req: &Request, reuse: Reuse<'_>) -> Result<Loaded, Diagnostics> {
    let root = req.root.as_path();
    // A preview needs no `base_url` of its own (a village of a network
    // served alone): its origin is its address.
    let fallback = match &req.address {
        Address::Network(url) | Address::Url(url) | Address::Origin(url) => Some(url.as_str()),
        Address::Configured => None,
    };
    let mut config = load_config_with(root, fallback)?;
    set_address(&mut config, &req.address)?;
    let (profile, mut problems) = load_profile(root);
    let profile_source =
        crate::fsx::read_site_text(root, &root.join("profile.toml")).unwrap_or_default();
    let (content, content_problems) = load_content_with(root, reuse);
    problems.extend(content_problems);
    let mut files = SiteFiles::read(root, &mut problems);
    files.index_content(&content);
    let (albums, album_problems) = load_gallery(root, &files);
    problems.extend(album_problems);
    let (documents, document_problems) = load_documents(root, &files);
    problems.extend(document_problems);
    Ok(Loaded {
        root: root.to_path_buf(),
        config,
        profile,
        profile_source,
        content,
        albums,
        documents,
        files,
        problems,
    })
}

fn set_address(config: &mut Config, address: &Address) -> Result<(), Diagnostics> {
    let url = match address {
        Address::Configured | Address::Network(_) => return Ok(()),
        Address::Url(url) => url.clone(),
        Address::Origin(origin) => format!("{}{}", origin.trim_end_matches('/'), config.root_path),
    };
    config
        .set_base_url(&url)
        .map_err(|msg| Diagnostics::from(Diagnostic::error(msg)))
}

fn load_content_with(root: &Path, reuse: Reuse<'_>) -> (Content, Diagnostics) {
    match reuse {
        Reuse::Nothing => load_content_reusing(root, None, &[]),
        Reuse::Content {
            previous,
            changed,
            only_content,
        } => only_content
            .then(|| update_content(root, previous, changed))
            .flatten()
            .unwrap_or_else(|| load_content_reusing(root, Some(previous), changed)),
    }
}
