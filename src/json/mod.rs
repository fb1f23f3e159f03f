//! JSON: a resumable scanner of input ([`scan`], with [`unescape`] for its strings) and the
//! writer of the output ([`writer`]).

pub(crate) mod scan;
pub(crate) mod unescape;
mod writer;

pub use writer::{Safe, push_str, push_u64, push_value, write, write_line};
