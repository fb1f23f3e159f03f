//! An incremental parser for HTTP client transcripts.
//!
//! Feed it bytes in chunks of any size ([`Parser::feed`]), then call [`Parser::finish`] for a
//! [`Transcript`]. It reads what developers paste or pipe: `curl -i`, `-I`, `-iL`,
//! `curl -v ... 2>&1`, `wget -S`, HTTPie (`--print=hb`, `-v`, colored), HTTP/1.0 to HTTP/3
//! status lines with or without a reason phrase, CRLF or LF, and a bare status code.
//!
//! The input is a sequence of [`Exchange`]s: one request's attempt each, with its interim
//! answers, the redirects that were followed and the final response, or no response at all.
//! A body is bounded by its declared `Content-Length` where that can be trusted, so a
//! status line quoted inside a body is body text. A streaming parser
//! ([`Parser::streaming`]) hands out each exchange as soon as it is complete
//! ([`Parser::next_exchange`]); the default parser keeps only the last one. Runs of plain
//! `curl -i` exchanges take a fast lane that frames them from their bytes (see
//! [`Frame`]), with the same result as the line machine.
//!
//! It does no I/O and never panics. Memory is bounded whatever the input: a line is kept up
//! to [`Limits::max_line`] bytes, a body up to [`Limits::max_body`], and the chain of
//! statuses keeps its first and last [`Limits::chain_keep`] entries and counts the rest.
//!
//! ```
//! use hike_status::transcript::Parser;
//!
//! let mut p = Parser::new();
//! p.feed(b"HTTP/2 429\r\nx-rate-limit-problem: Minute\r\n\r\n");
//! let t = p.finish();
//! let last = t.last.final_response.unwrap();
//! assert_eq!(last.status, 429);
//! assert_eq!(last.header("X-Rate-Limit-Problem"), Some("Minute"));
//!
//! // Two captures in one log, streamed.
//! let mut p = Parser::streaming(Default::default());
//! p.feed(b"HTTP/1.1 500 Oops\r\nContent-Length: 21\r\n\r\noops\nHTTP/1.1 200 OK\n");
//! p.feed(b"HTTP/1.1 401 Unauthorized\r\n\r\n");
//! p.end();
//! let statuses: Vec<_> = std::iter::from_fn(|| p.next_exchange()).map(|x| x.status()).collect();
//! assert_eq!(statuses, [Some(500), Some(401)]);
//! ```

mod clients;
mod curl_modes;
mod curl_trace;
pub mod decode;
pub mod error_scan;
mod exchange;
mod fast;
mod fast_exchange;
mod framing;
mod grammar;
pub mod header_keep;
mod http_date;
mod jsliteral;
mod lane;
pub mod library;
mod library_dump;
mod library_follow;
mod lines;
mod machine;
mod queue;
#[cfg(test)]
mod tests;
mod trace_lines;
mod wget_modes;
mod write_out;

pub use decode::{Decoder, InputEncoding};
pub use exchange::Exchange;
pub use grammar::parse_status_line;
pub use lane::{Frame, Item};
pub use library::Library;
pub use machine::Parser;

use std::collections::VecDeque;
use std::rc::Rc;

use crate::redact::Secrets;

/// Bounds on what the parser keeps.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest line kept; the rest of a longer line is skipped.
    pub max_line: usize,
    /// How much of a response body is kept.
    pub max_body: usize,
    /// How many header lines of one message are kept; past it, those the analysis reads
    /// are kept too (up to `header_keep::MAX_EXTRA` more) and the others counted.
    pub max_headers: usize,
    /// How many statuses are kept at each end of the chain.
    pub chain_keep: usize,
    /// How many client error lines (`curl: (7) ...`) are kept.
    pub max_client_errors: usize,
}

impl Limits {
    /// Limits small enough that small inputs reach every cut-off (a long line, a full body
    /// prefix, a full chain): for tests and fuzzing.
    pub fn tiny() -> Limits {
        Limits {
            max_line: 48,
            max_body: 40,
            max_headers: 4,
            chain_keep: 2,
            max_client_errors: 1,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_line: 64 * 1024,
            max_body: 64 * 1024,
            max_headers: 128,
            chain_keep: 200,
            max_client_errors: 8,
        }
    }
}

/// The client that printed a line, as far as its shape tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Plain `HTTP/1.1 200 OK` blocks: `curl -i`, HTTPie.
    Plain,
    /// `curl -v`: `< ` response and `> ` request lines.
    CurlVerbose,
    /// `wget -S`: indented response headers.
    Wget,
    /// The error line an HTTP library threw (and what it dumps after it).
    Library(Library),
    /// What `curl -w` wrote: `%{json}`, or `%{http_code}` after a body.
    CurlWriteOut,
    /// An entry of a HAR file (browser devtools, API clients, proxies).
    Har,
}

/// A request as the transcript shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The method, such as `POST`, when shown.
    pub method: Option<String>,
    /// The request target or URL, as shown (not yet redacted).
    pub target: String,
    /// The request's headers, when the transcript shows them.
    pub headers: Vec<(String, String)>,
    /// Whether the transcript shows the request's headers at all (`curl -v`, HTTPie `-v`).
    pub headers_shown: bool,
    /// The start of the request's body, when the transcript shows it (HTTPie `-v`).
    pub body: Vec<u8>,
    /// Whether the capture shows the request went over TLS (`curl -v`: a TLS handshake, or
    /// a connection to port 443).
    pub tls: bool,
}

/// How much of a request's body is kept: enough to find the credentials it sends.
pub const MAX_REQUEST_BODY: usize = 4096;

impl Request {
    /// A request known only by its URL, as wget names it: no method, headers or body shown.
    pub fn url_only(target: String) -> Request {
        Request {
            method: None,
            target,
            headers: Vec::new(),
            headers_shown: false,
            body: Vec::new(),
            tls: false,
        }
    }

    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// One response of the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The protocol version as written: `1.1`, `2`, `3`.
    pub version: String,
    /// The status code.
    pub status: u16,
    /// The reason phrase, possibly empty (HTTP/2 has none).
    pub reason: String,
    /// The header fields, in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The first [`Limits::max_body`] bytes of the body, lines joined by `\n`.
    pub body: Vec<u8>,
    /// How many body bytes the transcript holds in all, as read (line ends included).
    pub body_bytes: u64,
    /// Whether the body was longer than what was kept.
    pub body_truncated: bool,
    /// The client the response's lines came from.
    pub style: Style,
    /// The request that preceded the response in the transcript, if shown.
    pub request: Option<Rc<Request>>,
    /// Its place among all the statuses of the input, counting from 1.
    pub position: u64,
    /// The errors a streaming scan found in a JSON error body longer than what was kept.
    pub scanned: Option<error_scan::ScannedErrors>,
    /// How many header fields past [`Limits::max_headers`] were not kept (those the
    /// analysis reads are kept wherever they stand).
    pub headers_skipped: u64,
}

impl Response {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The request id, from the first of [`header_keep::REQUEST_ID_HEADERS`] it carries.
    pub fn request_id(&self) -> Option<&str> {
        header_keep::REQUEST_ID_HEADERS
            .iter()
            .find_map(|h| self.header(h))
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The statuses seen, in order, bounded: the first and last few hundred, and a count of
/// those left out between.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chain {
    /// The first statuses seen.
    pub head: Vec<u16>,
    /// The last statuses seen after `head` was full.
    pub tail: VecDeque<u16>,
    /// How many statuses between `head` and `tail` were not kept.
    pub omitted: u64,
}

impl Chain {
    fn push(&mut self, code: u16, keep: usize) {
        if self.head.len() < keep {
            self.head.push(code);
        } else {
            if self.tail.len() == keep {
                self.tail.pop_front();
                self.omitted += 1;
            }
            self.tail.push_back(code);
        }
    }

    /// The kept statuses in order (`head` then `tail`).
    pub fn codes(&self) -> Vec<u16> {
        self.head.iter().chain(self.tail.iter()).copied().collect()
    }

    /// How many statuses were seen in all.
    pub fn total(&self) -> u64 {
        self.head.len() as u64 + self.tail.len() as u64 + self.omitted
    }
}

/// A client's own report that no response came (`curl: (7) Failed to connect ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError {
    /// The client's error number (curl's exit code), when it gives one.
    pub code: Option<u32>,
    /// The message as written (not yet sanitized).
    pub message: String,
    /// How many statuses the input showed before it.
    pub after: u64,
}

/// What a whole transcript holds: its last exchange, and what is known of the input as a
/// whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transcript {
    /// The last exchange: the one `explain` explains. Empty when the input held none, or
    /// when a streaming parser already handed it out.
    pub last: Exchange,
    /// How many exchanges the input holds.
    pub exchanges: u64,
    /// How many of them got a response.
    pub responded: u64,
    /// The input was just a status code, as `curl -w '%{http_code}'` prints it (`000` too).
    pub bare_code: Option<u16>,
    /// The first non-blank line, when no status line was found (to tell what was given).
    pub first_line: Option<String>,
    /// How many bytes were read (after decoding to UTF-8).
    pub bytes: u64,
    /// The encoding the input was in, when a [`Decoder`] read it first.
    pub encoding: Option<InputEncoding>,
    /// With `curl --trace-time`: how long after its request was sent the final response
    /// began, in microseconds.
    pub response_after_micros: Option<u64>,
    /// The credentials the input showed: what its requests sent as credentials and what
    /// its responses issued (bounded; see [`Secrets`]).
    pub secrets: Secrets,
}
