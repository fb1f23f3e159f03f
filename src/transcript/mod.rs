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

mod core;
pub mod decode;
pub mod error_scan;
mod fast;
mod formats;
mod model;
#[cfg(test)]
mod tests;

pub use self::core::grammar::parse_status_line;
pub use self::core::header_keep;
pub use self::core::machine::Parser;
pub use decode::{Decoder, InputEncoding};
pub use fast::lane::{Frame, Item};
pub use formats::library::{self, Library};
pub use model::{
    Chain, ClientError, Exchange, MAX_REQUEST_BODY, Request, Response, Style, Transcript,
};

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
