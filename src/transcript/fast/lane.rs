//! The fast lane's types: what it does ([`Lane`]), what it hands out ([`Frame`],
//! [`Item`]), and what it reads an exchange's checked bytes into ([`Unit`]). The lane
//! itself is in `fast.rs`.

use std::time::SystemTime;

use crate::redact::Secrets;
use crate::transcript::core::header_keep::REQUEST_ID_HEADERS;

/// What the fast lane does with the exchanges it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    /// Nothing: every exchange goes through the line machine (each is handed out whole).
    Off,
    /// Counts them (the default parser, which keeps only the last exchange).
    Count,
    /// Hands each out as a [`Frame`] (a streaming parser for a summary).
    Frames,
    /// Hands each out as the [`Exchange`](crate::transcript::Exchange) the machine would have built (a
    /// streaming parser).
    Exchanges,
}

/// An exchange the fast lane took: one plain response with its body, and the header fields
/// a summary of many exchanges reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// Its place in the input, counting from 1.
    pub index: u64,
    /// Its status (200 to 599, not a 3xx, 204 or 304).
    pub status: u16,
    /// Its `Date`, when it has one that parses.
    pub date: Option<SystemTime>,
    /// A 429's first `Retry-After`, trimmed.
    pub retry_after: Option<Box<str>>,
    /// A 429's first `X-Rate-Limit-Problem`, trimmed.
    pub rate_limit_problem: Option<Box<str>>,
    /// A 4xx's or 5xx's request id, as [`crate::transcript::Response::request_id`] finds it, while the
    /// parser is to keep them ([`Parser::keep_request_ids`](crate::transcript::Parser::keep_request_ids)).
    pub request_id: Option<Box<str>>,
    /// The credentials its body issued (bounded; see [`Secrets`]).
    pub secrets: Secrets,
}

/// One item a streaming parser hands out, in input order.
// Not boxed: a streaming parser's many exchanges would pay an allocation each, and a
// frame moved at an exchange's size costs less than that.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// An exchange, read by the line machine or built by the fast lane.
    Exchange(crate::transcript::Exchange),
    /// An exchange the fast lane took (only from [`Parser::streaming_frames`](crate::transcript::Parser::streaming_frames)).
    Frame(Frame),
}

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
