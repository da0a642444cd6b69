//! warta: a static site generator for Indonesia's village information
//! communities (KIM).
//!
//! A site is built in four stages, each a module, each taking the previous
//! stage's value (ARCHITECTURE.md §4):
//!
//! - [`load`]: read `warta.toml`, `profile.toml` and `content/` into raw,
//!   validated data, reporting every problem with file, line and column;
//! - [`model`]: resolve that into one read-only site model (posts newest
//!   first, sections, categories, tags, pagination, archive, links);
//! - [`images`]: photos the site shows, decoded, turned upright, stripped
//!   of their metadata and resized into WebP and JPEG (cached);
//! - [`render`]: Tera templates (site > theme > built-in `desa`) turn model
//!   pages into HTML, in parallel, from references into the model;
//! - [`output`]: write into a staging folder and swap it in atomically.
//!
//! [`site::Site::build`] runs them in order.

pub mod cli;
pub mod diag;
pub mod format;
pub mod fsx;
pub mod images;
pub mod load;
pub mod model;
pub mod network;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
