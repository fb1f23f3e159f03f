//! Findings: `kinds.rs` defines each one (its variant, id and doc line, and the list of all),
//! `rules.rs` decides which of them a response shows.

mod kinds;
pub(crate) mod rules;

pub use kinds::{Finding, NextStep};
