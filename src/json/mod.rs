//! JSON: a resumable scanner of input ([`scan`], with [`unescape`] for its strings), the
//! scan of an error body for the errors it lists ([`error_body`]), and the writer of the
//! output ([`writer`]).

pub mod error_body;
pub(crate) mod scan;
pub(crate) mod unescape;
mod writer;

pub use writer::{Safe, push_str, push_u64, push_value, write, write_line};
