//! warta's integration tests: the real binary on fixture sites.
//!
//! Each test copies a fixture (`tests/fixtures/*`, or `content-example/`,
//! the full "everything" site) into its own temporary folder, runs
//! `warta` there, and checks what a person would: the exit code, the
//! message, and the pages written.

mod agenda;
mod architecture;
mod bad_input;
mod browser;
mod browser_tools;
mod build;
mod cards;
mod catalog;
mod cms;
mod commands;
mod development;
mod discover;
mod documents;
mod host_budget;
mod hostile;
mod images;
mod import;
mod kim;
mod network;
mod network_init;
mod network_search;
mod network_tools;
mod parity;
mod portable;
mod report;
mod robustness;
mod search;
mod serve;
mod support;
mod village_data;
mod windows;
mod workflows;
