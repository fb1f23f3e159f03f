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
//! The files, in the order bytes go through them:
//!
//! - `decode.rs`: input in UTF-16 or Latin-1 made UTF-8 ([`Decoder`]).
//! - `machine/lines.rs`: bytes in chunks of any size become lines, bounded by
//!   [`Limits::max_line`]; quiet lines past a body's kept prefix are only counted.
//! - `fast/`: at a status line, runs of plain `curl -i` exchanges framed from their bytes
//!   (`mod.rs`), built into the same exchanges (`exchange.rs`); its types (`lane.rs`).
//! - `machine/mod.rs`: each line read for what it is (`formats::classify`) and
//!   dispatched; `machine/unframed.rs`: a body with no length to trust, ended by a status
//!   line glued to its last byte when header lines follow.
//! - `formats/`: the recognisers, one file per client family: `curl.rs` (`-v` failure
//!   lines), `curl_trace.rs` and `trace_grammar.rs` (`--trace`, `--trace-ascii`,
//!   `--trace-time`), `write_out.rs` (`-w`), `wget.rs`, `library/` (the error lines HTTP
//!   libraries throw, `dump.rs` what follows them, `record.rs` the Python log record a
//!   repeated line stands in, `js.rs` the JavaScript literals in an
//!   axios dump), `applog.rs` (what an application logs of its calls, read by
//!   [`crate::applog`] when no other family claims a line), and `markers.rs`, the markers
//!   every client adds (`curl -v` prefixes, progress meters, escape sequences, wget's
//!   chatter, failure lines).
//! - `core/grammar.rs`: status, request and header lines; `core/header_keep.rs`: which
//!   header fields a long block keeps.
//! - `core/assemble.rs`: the exchange being built; `core/framing.rs`: where one message
//!   and one exchange end; `core/queue.rs`: where completed exchanges go.
//! - `model.rs`: what comes out ([`Exchange`], [`Response`], [`Transcript`], ...).
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
mod fast;
mod formats;
mod machine;
mod model;
#[cfg(test)]
mod tests;

pub use self::core::grammar::parse_status_line;
pub use self::core::header_keep;
pub(crate) use self::fast::http_date;
pub use decode::{Decoder, InputEncoding};
pub use formats::library::{self, Library};
pub use model::{
    Chain, ClientError, Exchange, Frame, Item, LogLine, LoggedRequest, MAX_REQUEST_BODY, Request,
    Response, Style, Transcript,
};

use self::core::queue::Lane;
use self::core::queue::Outbox;
use self::machine::Machine;

/// The incremental transcript parser. See the [module docs](crate::transcript).
#[derive(Debug)]
pub struct Parser {
    machine: Machine,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::new()
    }
}

impl Parser {
    /// A parser with the default [`Limits`].
    pub fn new() -> Parser {
        Parser::with_limits(Limits::default())
    }

    /// A parser with the given limits.
    pub fn with_limits(limits: Limits) -> Parser {
        Parser::made(limits, Outbox::new(false, Lane::Count))
    }

    /// A parser that hands out every exchange as soon as it is complete: drain
    /// [`Parser::next_exchange`] after each [`Parser::feed`] and after [`Parser::end`].
    /// Undrained exchanges are kept, so a caller that never drains holds them all.
    pub fn streaming(limits: Limits) -> Parser {
        Parser::made(limits, Outbox::new(true, Lane::Exchanges))
    }

    /// A streaming parser for a summary of many exchanges: a run of plain `curl -i`
    /// exchanges comes out as [`Frame`]s, which hold only what a summary reads, and the
    /// others as [`Exchange`]s. Drain it with [`Parser::next_item`].
    pub fn streaming_frames(limits: Limits) -> Parser {
        Parser::made(limits, Outbox::new(true, Lane::Frames))
    }

    fn made(limits: Limits, outbox: Outbox) -> Parser {
        Parser {
            machine: Machine::new(limits, outbox),
        }
    }

    /// Turns the fast lane off (`false`): every exchange goes through the line machine. The
    /// result is the same either way; this is for comparing the two.
    pub fn fast_lane(mut self, on: bool) -> Parser {
        if !on {
            self.machine.asm.outbox.lane = Lane::Off;
        }
        self
    }

    /// Reads the times of log lines that name no year (syslog's) in `year`: the current
    /// year by default.
    pub fn log_year(mut self, year: i32) -> Parser {
        self.machine.year = year;
        self
    }

    /// Whether the frames handed out from now on carry the request ids of failures (they
    /// do unless told otherwise): a summary lists only the first failures.
    pub fn keep_request_ids(&mut self, on: bool) {
        self.machine.asm.outbox.frame_ids = on;
    }

    /// Feeds the next chunk of input; chunks may split lines anywhere.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.machine.feed(chunk);
    }

    /// Ends the input: the last exchange is complete (and, streaming, queued). Feeding
    /// after this is ignored.
    pub fn end(&mut self) {
        self.machine.end();
    }

    /// Ends the input and returns what the transcript holds. A streaming parser has
    /// handed its exchanges out already, so `last` is what was not drained, if anything.
    pub fn finish(self) -> Transcript {
        self.machine.finish()
    }

    /// How many exchanges have begun so far (for a progress line).
    pub fn exchanges_so_far(&self) -> u64 {
        self.machine.asm.out.exchanges
    }

    /// The next completed exchange, in input order (streaming parsers only). A parser made
    /// by [`Parser::streaming_frames`] hands out its frames by [`Parser::next_item`] only.
    pub fn next_exchange(&mut self) -> Option<Exchange> {
        self.machine.asm.outbox.next_exchange()
    }

    /// The next completed exchange or frame, in input order (streaming parsers only).
    pub fn next_item(&mut self) -> Option<Item> {
        self.machine.asm.outbox.done.pop_front()
    }

    /// Hands back an exchange the caller is done with: the exchanges the fast lane builds
    /// next reuse its buffers. Optional; only a streaming parser builds exchanges.
    pub fn recycle(&mut self, x: Exchange) {
        if self.machine.asm.outbox.lane == Lane::Exchanges {
            self.machine.fast.spare.keep(x);
        }
    }
}

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
