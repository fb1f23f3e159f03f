//! The fast lane's types: the cache of the last `Date` read ([`DateCache`]), and what it
//! reads an exchange's checked bytes into ([`Unit`]). The lane itself is in `mod.rs`;
//! what it hands out ([`Frame`](crate::transcript::Frame)) is in the model.

use std::time::SystemTime;

use crate::transcript::core::header_keep::REQUEST_ID_HEADERS;

/// The last `Date` value read and its time: the exchanges of a log come many a second.
#[derive(Debug, Default)]
pub(crate) struct DateCache {
    raw: Vec<u8>,
    time: Option<SystemTime>,
}

impl DateCache {
    pub(crate) fn parse(&mut self, value: &[u8]) -> Option<SystemTime> {
        if self.raw != value {
            self.raw.clear();
            self.raw.extend_from_slice(value);
            self.time = crate::transcript::fast::http_date::parse(value);
        }
        self.time
    }
}

/// A status line: its text, where the line after it begins, its status.
pub(crate) type StatusLine<'a> = (&'a [u8], usize, u16);

/// An exchange's bytes, checked: where it ends and what it holds.
pub(crate) struct Unit<'a> {
    /// Where the next status line begins.
    pub(crate) end: usize,
    /// The next status line, read.
    pub(crate) next: Option<StatusLine<'a>>,
    pub(crate) status: u16,
    pub(crate) status_line: &'a [u8],
    pub(crate) head_lines: u64,
    pub(crate) date: Option<&'a [u8]>,
    pub(crate) retry_after: Option<&'a [u8]>,
    pub(crate) problem: Option<&'a [u8]>,
    /// The first value of each of [`REQUEST_ID_HEADERS`].
    pub(crate) ids: [Option<&'a [u8]>; REQUEST_ID_HEADERS.len()],
    /// The body as the machine keeps it, when it may issue a credential.
    pub(crate) issues: Option<&'a [u8]>,
    /// The header lines, each with its line end.
    pub(crate) fields: &'a [u8],
    /// The body, as its length bounds it.
    pub(crate) body: &'a [u8],
}
