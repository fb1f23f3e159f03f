//! The line machine: bytes become lines, lines become messages, messages become exchanges.

pub(crate) mod assemble;
pub(crate) mod framing;
pub(crate) mod grammar;
pub mod header_keep;
pub(crate) mod queue;
