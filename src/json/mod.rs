//! JSON: a resumable scanner of input (`scan.rs`, with `unescape.rs` for its strings),
//! the scan of an error body for the errors it lists ([`error_body`]; where error bodies
//! keep them is `error_keys.rs`), a look at text before serde_json reads a value from it
//! (`could_read.rs`), and the writer of the output (`writer.rs`).

mod could_read;
pub mod error_body;
pub(crate) mod error_keys;
pub(crate) mod scan;
pub(crate) mod unescape;
mod writer;

pub(crate) use could_read::{read_first, read_whole};
pub use writer::{Safe, push_static_str, push_str, push_u64, push_value, write, write_line};
