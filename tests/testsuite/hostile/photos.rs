//! Hostile input: see the list in `mod.rs`.
