//! warta: a static site generator for Indonesia's village information
//! communities (KIM).
//!
//! A site is built in five stages, each a module, each a function from
//! the previous stages' values (docs/ARCHITECTURE.md):
//!
//! - [`load`]: read `warta.toml`, `profile.toml`, `content/`, the gallery
//!   and the site's file lists into a [`load::Loaded`], reporting every
//!   problem with file, line and column;
//! - [`model`]: resolve that into one read-only [`model::Model`] (posts
//!   newest first, sections, categories, tags, pagination, archive,
//!   links), reading no file;
//! - [`images`]: the [`images::ImagePlan`], the photos the site refers to
//!   decoded, turned upright, stripped of their metadata and resized into
//!   WebP and JPEG (cached);
//! - [`render`]: Tera templates (site > theme > built-in `desa`) turn each
//!   page of every [`render::kind::Kind`] into text, in parallel, and
//!   return the photos each page used ([`render::Rendered`]);
//! - [`output`]: write the pages and [`site::published`] files into a
//!   staging folder and swap it in atomically.
//!
//! [`report`] renders some of those pages again as files to hand over
//! (`warta report`).
//!
//! [`site::Site::build`] runs them in order; [`site::Site::check`] runs
//! them without the write; [`serve`] keeps their values and runs them
//! again with what changed. [`import`] sits beside the stages: it writes
//! a WordPress or Blogger export into `content/` for them to load.

pub mod cli;
pub mod cms;
pub mod diag;
pub mod format;
pub mod fsx;
pub mod images;
pub mod import;
pub mod load;
pub mod model;
pub mod network;
pub mod output;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;
