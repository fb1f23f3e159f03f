//! The integration tests, one binary: a module per area, and the helpers they share in
//! `common`.

mod common;

mod applog;
mod applog_modes;
mod cli;
mod counting;
mod data;
mod edges;
mod exchanges;
mod explain;
mod explain_bodies;
mod explain_har;
mod explain_har_modes;
mod explain_inputs;
mod explain_library;
mod explain_modes;
mod explain_windows;
mod facts;
mod fast_lane;
mod finding_ids;
mod handoff;
mod json_shapes;
mod layout;
mod package;
mod plan;
mod progress;
mod properties;
mod record_lane;
mod redaction;
mod replay;
mod retry_after;
mod sentences;
mod summary;
mod summary_view;
mod windows;
