//! Stage 1: load. Reads the site's files into validated data.
//!
//! Nothing here knows about URLs or templates; every problem becomes a
//! [`crate::diag::Diagnostic`] naming file, line and column, and loading
//! goes on so that one run reports all of them.

pub mod config;
pub mod content;
pub mod documents;
mod files;
pub mod frontmatter;
pub mod gallery;
pub mod keys;
pub mod loosedate;
pub mod markdown;
pub mod profile;
pub mod spaced;
mod stage;
pub mod tomlerr;
pub mod tomlhint;
pub mod tomlscan;
pub mod urlpolicy;
pub mod years;

pub use files::{Asset, SiteFiles, is_photo};
pub use stage::{Address, Loaded, Request, Reuse, load};
