//! What the parser hands out: requests, responses, exchanges and the transcript.
//!
//! The exchange is one request's attempt, as a transcript shows it — its interim answers, the
//! redirects that were followed, and the final response, or no response at all.

use std::collections::VecDeque;
use std::rc::Rc;
use std::time::SystemTime;

use crate::applog::{Client, Source};
use crate::json::error_body;
use crate::redact::Secrets;
use crate::transcript::{InputEncoding, Library, header_keep};

/// One request's attempt: the unit the input is cut into.
///
/// An exchange ends at its final response (a 101 ends one too); a redirect that was followed
/// (`curl -iL`, `curl -vL`, wget's `[following]`) and an interim 1xx stay in the same
/// exchange. A client's failure line (`curl: (7) ...`) between two captures is an exchange
/// of its own, one that got no response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchange {
    /// Its place in the input, counting from 1.
    pub index: u64,
    /// The final response: the last one that is not 1xx (a 101 counts as final), or the
    /// last 1xx if there is no other.
    pub final_response: Option<Response>,
    /// Every status of this exchange, in order, bounded.
    pub chain: Chain,
    /// Client error lines that belong to this exchange (`curl: (N) ...`, wget's failures).
    pub client_errors: Vec<ClientError>,
    /// The first line that started like a status line but was not one (`HTTP/1.1 4`).
    pub broken_status_line: Option<String>,
    /// The first request the transcript shows for this exchange, if any.
    pub request: Option<Rc<Request>>,
    /// When the capture tool says the exchange started, where it wrote a full timestamp
    /// (the text formats read today write none; HAR's `startedDateTime` is one).
    pub started: Option<SystemTime>,
    /// The credentials this exchange showed: what its requests sent and its responses
    /// issued (bounded; see [`Secrets`]).
    pub secrets: Secrets,
    /// What `curl -w` gave as `%{time_total}` for it, in microseconds.
    pub write_out_micros: Option<u64>,
    /// With `curl --trace-time`: how long after its request was sent its final response
    /// began, in microseconds.
    pub response_after_micros: Option<u64>,
}

impl Exchange {
    /// Whether a response ended the exchange: a final status (2xx-5xx) or a 101.
    pub fn got_response(&self) -> bool {
        self.final_response
            .as_ref()
            .is_some_and(|r| r.status >= 200 || r.status == 101)
    }

    /// The final status, when [`Exchange::got_response`].
    pub fn status(&self) -> Option<u16> {
        self.final_response
            .as_ref()
            .map(|r| r.status)
            .filter(|s| *s >= 200 || *s == 101)
    }
}

/// The client that printed a line, as far as its shape tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// A status code alone, as `curl -s -o /dev/null -w '%{http_code}' URL` prints it for
    /// one URL: the input is the code and nothing else.
    StatusCode,
    /// An entry of a HAR file (browser devtools, API clients, proxies).
    Har,
    /// A line or record an application's log holds about a call it made.
    AppLog(LogLine),
}

/// What an application's log line shows of the exchange besides its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogLine {
    /// The log format.
    pub source: Source,
    /// The HTTP client the line shows, when it shows one.
    pub client: Option<Client>,
    /// The status was not stated but read from Hike's rate-limit body.
    pub inferred: bool,
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
    /// The first [`Limits::max_body`](crate::transcript::Limits::max_body) bytes of the body, lines joined by `\n`.
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
    pub scanned: Option<error_body::ScannedErrors>,
    /// How many header fields past [`Limits::max_headers`](crate::transcript::Limits::max_headers) were not kept (those the
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
        // Most names differ in length: that is looked at here, before any call.
        .find(|(n, _)| {
            n.len() == name.len() && crate::ascii::eq_ignore_case(n.as_bytes(), name.as_bytes())
        })
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
    pub(crate) fn push(&mut self, code: u16, keep: usize) {
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
    /// The first non-blank line, when no status line was found (to tell what was given).
    pub first_line: Option<String>,
    /// How many bytes were read (after decoding to UTF-8).
    pub bytes: u64,
    /// The encoding the input was in, when a [`Decoder`](crate::transcript::Decoder) read it first.
    pub encoding: Option<InputEncoding>,
    /// With `curl --trace-time`: how long after its request was sent the final response
    /// began, in microseconds.
    pub response_after_micros: Option<u64>,
    /// The credentials the input showed: what its requests sent as credentials and what
    /// its responses issued (bounded; see [`Secrets`]).
    pub secrets: Secrets,
}

/// A request a log record names: its method (upper case), if any, and its URL or path.
pub type LoggedRequest = (Option<Rc<str>>, Rc<str>);

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
    /// The request a log record names: its method (upper case), if it names one, and its
    /// URL or path (empty when it names only a method). Shared: a log names the same few
    /// requests again and again.
    pub request: Option<LoggedRequest>,
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
