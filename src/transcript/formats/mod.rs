//! The recognisers: what each client family prints around HTTP, and how it is read.

pub(crate) mod curl;
pub(crate) mod curl_trace;
pub mod library;
pub(crate) mod markers;
pub(crate) mod trace_grammar;
pub(crate) mod wget;
pub(crate) mod write_out;
