//! A streaming reader for HAR (HTTP Archive 1.2) files: browser devtools, Postman, Insomnia,
//! mitmproxy and other proxies export them.
//!
//! Feed it bytes in blocks of any size ([`HarParser::feed`]) and take the entries it has
//! completed ([`HarParser::take_entries`]) after each block; call [`HarParser::finish`] at the
//! end. It does no I/O and never panics. Memory stays bounded whatever the input: one entry
//! is built at a time, and only the start of a body is kept ([`Limits`]), so a 100 MiB
//! `content.text` costs a scan, not 100 MiB.
//!
//! A HAR is recognised by its content: a JSON object whose `log` holds an `entries` array.
//! Until that is seen the parser is [`Detect::Undecided`]; input that turns out not to be one
//! is [`Detect::NotHar`], and the caller reads it some other way.
//!
//! ```
//! use hike_status::har::{Detect, HarParser};
//!
//! let mut p = HarParser::new();
//! p.feed(br#"{"log": {"version": "1.2", "entries": [{"startedDateTime": "2026-11-25T12:00:00Z",
//!   "request": {"method": "GET", "url": "https://api.hikeup.com/api/v1/products", "headers": []},
//!   "response": {"status": 429, "statusText": "Too Many Requests", "httpVersion": "HTTP/1.1",
//!     "headers": [{"name": "X-Rate-Limit-Problem", "value": "Minute"}],
//!     "content": {"size": 0, "mimeType": "text/plain"}}}]}}"#);
//! assert_eq!(p.detect(), Detect::Har);
//! let entries = p.take_entries();
//! assert_eq!(entries[0].response.status, 429);
//! assert_eq!(entries[0].response.header("x-rate-limit-problem"), Some("Minute"));
//! assert!(p.finish().is_ok());
//! ```

mod convert;
mod entry;
#[cfg(test)]
mod tests;
mod text;

use std::fmt;

pub use crate::json::scan::SyntaxError;
pub use convert::{Converted, convert, is_abort, parse_time};

/// Bounds on what the reader keeps of one entry.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How much of a response body is kept, decoded.
    pub max_body: usize,
    /// How much of a request body (`postData.text`) is kept.
    pub max_request_body: usize,
    /// How many headers of one message are kept; the others are counted.
    pub max_headers: usize,
    /// The longest header (or form parameter) kept, as raw JSON; longer ones are counted.
    pub max_header: usize,
    /// How much of a URL is kept.
    pub max_url: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 64 * 1024,
            max_request_body: crate::transcript::MAX_REQUEST_BODY,
            max_headers: 128,
            max_header: 16 * 1024,
            max_url: 16 * 1024,
        }
    }
}

/// Where detection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detect {
    /// Not yet known: no `log.entries` seen, and the JSON has not failed.
    Undecided,
    /// A HAR: `log.entries` is an array.
    Har,
    /// Not a HAR: not JSON, not an object, or no `log.entries` array.
    NotHar,
}

/// The request of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarRequest {
    /// The method, such as `POST`.
    pub method: Option<String>,
    /// The URL, as written (not yet redacted), up to [`Limits::max_url`] bytes.
    pub url: String,
    /// The HTTP version as written (`HTTP/1.1`, `h2`, `http/2.0`).
    pub http_version: Option<String>,
    /// The headers kept, in order.
    pub headers: Vec<(String, String)>,
    /// How many headers were not kept.
    pub headers_omitted: u64,
    /// `postData.mimeType`.
    pub post_mime_type: Option<String>,
    /// The start of `postData.text`.
    pub post_text: Vec<u8>,
    /// `postData.params`, as name and value.
    pub post_params: Vec<(String, String)>,
}

/// The response of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarResponse {
    /// The status; 0 when no response was recorded (blocked, failed, aborted).
    pub status: u16,
    /// The status text.
    pub status_text: String,
    /// The HTTP version as written (`HTTP/1.1`, `h2`, `http/2.0`).
    pub http_version: String,
    /// The headers kept, in order.
    pub headers: Vec<(String, String)>,
    /// How many headers were not kept.
    pub headers_omitted: u64,
    /// `content.mimeType`.
    pub mime_type: Option<String>,
    /// The start of `content.text`, decoded when its `encoding` is `base64`.
    pub body: Vec<u8>,
    /// The body's size: `content.size` when given, else what the text holds.
    pub body_bytes: u64,
    /// Whether the body is longer than what was kept.
    pub body_truncated: bool,
    /// Whether the entry holds the body's text at all.
    pub body_present: bool,
    /// Chrome's `_error` (`net::ERR_NAME_NOT_RESOLVED`), Playwright's `_failureText` and
    /// kin, for a failed request.
    pub error: Option<String>,
    /// The status as written when it is negative (Playwright writes -1 for no response).
    pub negative_status: Option<i64>,
}

impl HarResponse {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }
}

impl HarRequest {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }
}

fn find<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// One entry of the HAR: a request and its response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// Its place in `log.entries`, counting from 1.
    pub index: u64,
    /// `startedDateTime`, as written (ISO 8601).
    pub started: Option<String>,
    /// The request.
    pub request: HarRequest,
    /// The response.
    pub response: HarResponse,
    /// Chrome's `_resourceType` (`xhr`, `fetch`, `document`, ...).
    pub resource_type: Option<String>,
}

/// A HAR that breaks off: malformed, or cut short, inside an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarError {
    /// The entry it broke in, counting from 1.
    pub entry: u64,
    /// What was wrong, and where.
    pub syntax: SyntaxError,
}

impl fmt::Display for HarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the HAR breaks off in entry {} ({} at byte {}); the entries before it are reported",
            self.entry, self.syntax.what, self.syntax.offset
        )
    }
}

/// The streaming HAR reader.
pub struct HarParser {
    scanner: crate::json::scan::Scanner,
    builder: entry::Builder,
    error: Option<HarError>,
}

impl Default for HarParser {
    fn default() -> HarParser {
        HarParser::new()
    }
}

impl HarParser {
    /// A reader with the default [`Limits`].
    pub fn new() -> HarParser {
        HarParser::with_limits(Limits::default())
    }

    /// A reader with these limits.
    pub fn with_limits(limits: Limits) -> HarParser {
        HarParser {
            scanner: crate::json::scan::Scanner::new(),
            builder: entry::Builder::new(limits),
            error: None,
        }
    }

    /// Reads one block of input; returns where detection stands.
    pub fn feed(&mut self, block: &[u8]) -> Detect {
        if self.error.is_some() || self.scanner.done() {
            return self.detect();
        }
        if let Err(syntax) = self.scanner.feed(block, &mut self.builder) {
            self.fail(syntax);
        } else if self.builder.bad_entry {
            self.fail(SyntaxError {
                offset: self.scanner.offset(),
                what: "an entry is not a JSON object",
            });
        }
        if self.scanner.done() && self.builder.detect == Detect::Undecided {
            // The JSON ended with no `log.entries`.
            self.builder.detect = Detect::NotHar;
        }
        self.detect()
    }

    /// Where detection stands.
    pub fn detect(&self) -> Detect {
        self.builder.detect
    }

    /// Whether the reader needs no more input: the entries ended, or it stopped.
    pub fn done(&self) -> bool {
        self.error.is_some() || self.scanner.done()
    }

    /// The entries completed since the last call, in file order.
    pub fn take_entries(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.builder.ready)
    }

    /// How many entries were completed so far.
    pub fn entries_read(&self) -> u64 {
        self.builder.entries
    }

    /// How many bytes were read.
    pub fn bytes(&self) -> u64 {
        self.scanner.offset()
    }

    /// Ends the input. For a HAR: an error when it broke off before `log.entries` ended
    /// (entries completed before it are still taken with [`HarParser::take_entries`]).
    pub fn finish(&mut self) -> Result<(), HarError> {
        if self.error.is_none() && !self.builder.entries_done {
            if let Err(syntax) = self.scanner.finish() {
                self.fail(syntax);
            }
        }
        if self.builder.detect == Detect::Undecided {
            self.builder.detect = Detect::NotHar;
        }
        match (&self.error, self.builder.detect) {
            (Some(e), Detect::Har) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    fn fail(&mut self, syntax: SyntaxError) {
        match self.builder.detect {
            Detect::Har if !self.builder.entries_done => {
                // Whatever entry was open is dropped; the error names it.
                self.builder.abandon();
                self.error = Some(HarError {
                    entry: self.builder.entries + 1,
                    syntax,
                });
            }
            Detect::Har => {}
            _ => {
                self.builder.detect = Detect::NotHar;
                self.error = Some(HarError { entry: 0, syntax });
            }
        }
    }
}
