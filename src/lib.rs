//! hike-status: what a Hike API response status means, and what to do about it.
//!
//! The library holds the status-code table compiled from `data/`, a search over it, an
//! incremental parser for HTTP client transcripts (curl, wget, HTTPie), the analysis that
//! turns a transcript into a report, and the renderers the `hike-status` binary uses.
//!
//! ```
//! use hike_status::table::table;
//!
//! let info = table().info(429).unwrap();
//! assert_eq!(info.name, "Too Many Requests");
//! assert!(info.documented && info.retryable);
//! assert!(info.hint.contains("X-Rate-Limit-Problem"));
//! ```
#![deny(missing_docs)]

pub mod applog;
mod ascii;
pub mod cli;
pub mod error;
pub mod explain;
mod find;
pub mod handoff;
pub mod har;
pub mod host;
pub mod json;
pub mod manpage;
pub mod plan;
pub mod redact;
pub mod render;
pub mod replay;
pub mod run;
pub mod sanitize;
pub mod summary;
pub mod table;
pub mod timefmt;
pub mod transcript;
