//! Many villages, one run: a network root (a kabupaten's or a province's
//! repository) holds `network.toml` and one ordinary village site per
//! folder (`desa/<name>/`). This module finds the villages
//! ([`villages::discover`]) from the settings ([`config::load_network`]).
//!
//! Each village is an independent unit of work: the per-village pipeline
//! of [`crate::site`], run for each, so that one broken village is
//! reported and left out while the others publish.

pub mod build;
pub mod check;
pub mod config;
pub mod glob;
pub mod portal;
pub mod portal_run;
pub mod villages;

pub use crate::output::budget;
pub use config::{Network, load_network};
pub use villages::{Village, discover};

#[cfg(test)]
mod tests;
