//! JSON: the writer of the output ([`writer`]).

mod writer;

pub use writer::{Safe, push_str, push_u64, push_value, write, write_line};
