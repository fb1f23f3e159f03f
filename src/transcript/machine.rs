//! The state machine: lines in, messages grouped into a transcript out.

use std::collections::VecDeque;
use std::rc::Rc;

use super::clients::*;
use super::error_scan::ErrorScan;
use super::fast_exchange::Spare;
use super::header_keep;
use super::lane::{DateCache, Item, Lane};
use super::library_dump::Follow;
use super::trace_lines::Trace;

use super::grammar::*;
use super::{
    ClientError, Exchange, Limits, MAX_REQUEST_BODY, Request, Response, Style, Transcript,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Between messages, or in text that belongs to none.
    Outside,
    /// Reading a response's header lines.
    ResponseHeaders,
    /// Reading a response's body.
    ResponseBody,
    /// Reading a request's header lines.
    RequestHeaders,
    /// Reading a request's body (HTTPie `-v`).
    RequestBody,
}

/// The incremental transcript parser. See the [module docs](crate::transcript).
#[derive(Debug)]
pub struct Parser {
    pub(crate) limits: Limits,
    pub(crate) state: State,
    /// The partial line carried over from the previous chunk.
    pub(crate) pending: Vec<u8>,
    /// Whether the pending line outgrew `max_line` (the rest of it is skipped).
    pub(crate) pending_overflow: bool,
    /// How many bytes of the line being handled were skipped past `max_line`.
    pub(crate) skipped: u64,
    /// In a body whose kept prefix is full: quiet lines are only counted.
    pub(crate) skip_body: bool,
    /// A `curl -v` response line (`< HTTP/...`) has been seen.
    pub(crate) verbose: bool,
    /// `curl -v` showed the connection is over TLS (a handshake, or port 443).
    pub(crate) tls: bool,
    /// The size of the line being handled as read: its `\r`, the part past `max_line`, and
    /// its `\n` if it had one.
    pub(crate) raw_len: u64,
    pub(crate) current: Option<Response>,
    /// Indentation of the current response's status line (wget indents by two).
    pub(crate) indent: usize,
    pub(crate) request: Option<Request>,
    pub(crate) last_request: Option<Rc<Request>>,
    /// The body so far holds a line (so the next line is joined with `\n`).
    pub(crate) body_started: bool,
    pub(crate) out: Transcript,
    pub(crate) nonblank_lines: u64,
    /// What is being read after a library's error line (an axios dump, Guzzle's body).
    pub(crate) follow: Option<Follow>,
    /// Lines outside any message, kept (bounded) as the body `curl -w` may follow.
    pub(crate) orphans: Vec<u8>,
    /// A curl trace (`--trace`, `--trace-ascii`, `--trace-time`) being read.
    pub(crate) trace: Option<Trace>,
    /// Failures `curl -v` reported on `* ` lines; used when curl printed no `curl: (N)`.
    pub(crate) star_errors: Vec<ClientError>,
    /// The scan of the current error body for its errors, past the kept prefix too.
    pub(crate) scan: Option<ErrorScan>,
    /// The scan has had the line being read already (it outgrew `max_line` across chunks).
    pub(crate) scan_line_fed: bool,
    /// How many statuses the whole input showed so far.
    pub(crate) statuses: u64,
    /// The exchange being read.
    pub(crate) x: Exchange,
    /// Whether `x` has begun (a status, a request or a client error was seen).
    pub(crate) x_open: bool,
    /// Hand out every exchange (`next_exchange`) instead of keeping only the last.
    pub(crate) streaming: bool,
    /// Completed exchanges not yet handed out (streaming only).
    pub(crate) done: VecDeque<Item>,
    /// What the fast lane does with the runs of plain exchanges it takes.
    pub(crate) lane: Lane,
    /// The last `Date` a frame had, parsed.
    pub(crate) frame_date: DateCache,
    /// Frames carry the request ids of failures.
    pub(crate) frame_ids: bool,
    /// The last body the fast lane learned nothing from (bounded by `max_body`).
    pub(crate) barren_body: Vec<u8>,
    /// Buffers of an exchange handed back, for the next one the fast lane builds.
    pub(crate) spare: Spare,
    /// The last completed exchange (not streaming).
    pub(crate) last_done: Option<Exchange>,
    /// The input has ended (`end`).
    pub(crate) ended: bool,
    /// curl's `Issue another request` or wget's `[following]` was seen: the next request
    /// continues the exchange.
    pub(crate) redirect_follow: bool,
    /// A request was read after a 3xx of this exchange: the next status continues it.
    pub(crate) hop_request: bool,
    /// Bytes of lines read since the current response's header block ended.
    pub(crate) since_head: u64,
    /// Body bytes still to come by the declared `Content-Length`.
    pub(crate) body_left: Option<u64>,
    /// The first line of a counted body is yet to come (a status line there means the
    /// response sent no body: HEAD, `curl -iL` hops).
    pub(crate) body_check: bool,
    /// The counted body has ended: blank lines are skipped, text continues the body.
    pub(crate) after_body: bool,
    /// The line being handled had escape sequences or a carriage return to clean.
    pub(crate) line_cleaned: bool,
    /// The current response's head had lines that needed cleaning (HTTPie colors): its
    /// `Content-Length` does not describe what was printed.
    pub(crate) head_cleaned: bool,
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
        Parser {
            limits,
            state: State::Outside,
            pending: Vec::new(),
            pending_overflow: false,
            skipped: 0,
            skip_body: false,
            verbose: false,
            tls: false,
            raw_len: 0,
            current: None,
            indent: 0,
            request: None,
            last_request: None,
            body_started: false,
            out: Transcript::default(),
            nonblank_lines: 0,
            follow: None,
            scan: None,
            scan_line_fed: false,
            star_errors: Vec::new(),
            trace: None,
            x: Exchange::default(),
            x_open: false,
            streaming: false,
            done: VecDeque::new(),
            lane: Lane::Count,
            frame_date: DateCache::default(),
            frame_ids: true,
            barren_body: Vec::new(),
            spare: Spare::default(),
            last_done: None,
            ended: false,
            redirect_follow: false,
            hop_request: false,
            since_head: 0,
            body_left: None,
            body_check: false,
            after_body: false,
            line_cleaned: false,
            head_cleaned: false,
            statuses: 0,
            orphans: Vec::new(),
        }
    }

    /// Ends the input: the last exchange is complete (and, streaming, queued). Feeding
    /// after this is ignored.
    pub fn end(&mut self) {
        if self.ended {
            return;
        }
        if !self.pending.is_empty() || self.pending_overflow {
            let line = std::mem::take(&mut self.pending);
            self.pending_overflow = false;
            self.complete_line(&line, line.len() as u64 + self.skipped);
            self.scan_line_fed = false;
            self.skipped = 0;
        }
        self.flush_block();
        self.flush_star_errors();
        self.finish_write_out();
        self.end_exchange();
        self.ended = true;
    }

    /// Ends the input and returns what the transcript holds. A streaming parser has
    /// handed its exchanges out already, so `last` is what was not drained, if anything.
    pub fn finish(mut self) -> Transcript {
        self.end();
        let mut out = self.out;
        out.last = if self.streaming {
            match self.done.pop_back() {
                Some(Item::Exchange(x)) => Some(x),
                _ => None,
            }
        } else {
            self.last_done
        }
        .unwrap_or(self.x);
        out.response_after_micros = out.last.response_after_micros;
        if out.exchanges == 0 && self.nonblank_lines == 1 {
            if let Some(first) = &out.first_line {
                let t = first.trim();
                if t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()) {
                    out.bare_code = t.parse().ok();
                }
            }
        }
        out
    }

    /// Handles one line, without its `\n`.
    pub(crate) fn line(&mut self, raw: &[u8]) {
        let mut line = raw;
        if self.state == State::ResponseBody
            && (self.body_left.is_some() && self.counted_line(raw)
                || self.upgraded_line(raw)
                || self.glued_failure(raw))
        {
            return;
        }
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        if self.after_body && line.is_empty() {
            self.since_head += self.raw_len;
            return;
        }
        // Fast path: most lines of a big body start with an ordinary byte. (In a trace dump
        // the body comes in the dump; a plain line is its copy on stdout.)
        if self.state == State::ResponseBody && is_plain_body_start(line) && self.trace.is_none() {
            self.body_line(line);
            return;
        }
        let cleaned;
        self.line_cleaned = false;
        if memchr::memchr2(0x1b, b'\r', line).is_some() {
            cleaned = clean_line(line);
            line = &cleaned;
            self.line_cleaned = true;
        }
        // Progress meters are dropped here, once, however many stand before the text.
        while let Some(rest) = after_progress(line) {
            if rest.iter().all(u8::is_ascii_whitespace) {
                return;
            }
            line = rest;
        }
        if line.first().is_some_and(u8::is_ascii_digit) {
            line = self.trace_time(line);
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            self.nonblank_lines += 1;
            if self.out.first_line.is_none() {
                self.out.first_line = Some(lossy(&line[..line.len().min(256)]));
            }
        }
        if self.follow.is_some() && self.follow_line(line) {
            return;
        }
        if self.trace_line(line) {
            return;
        }
        self.dispatch(line);
    }

    pub(crate) fn dispatch(&mut self, line: &[u8]) {
        let (side, text) = split_side(line);
        match side {
            Side::Response => {
                if let Some(status) = self.try_status(text) {
                    self.verbose = true;
                    self.start_response(status, Style::CurlVerbose, 0);
                } else if self.state == State::ResponseHeaders
                    && self.current_style() == Some(Style::CurlVerbose)
                {
                    self.header_or_end(text);
                }
            }
            Side::Request => {
                if let Some(req) = parse_request_line(text) {
                    self.start_request(req, true);
                } else if self.state == State::RequestHeaders {
                    self.request_header_or_end(text);
                }
            }
            Side::Plain => self.plain(line),
        }
    }

    pub(crate) fn plain(&mut self, line: &[u8]) {
        if let Some(err) = super::curl_modes::star_failure(line) {
            // Kept apart: with `-S` curl says it again as `curl: (N) ...`.
            self.star_error(err);
            return;
        }
        if line.starts_with(b"* Issue another request") || line.ends_with(b"[following]") {
            self.redirect_follow = true;
        }
        if let Some(tls) = super::curl_modes::star_tls(line) {
            self.tls = tls || self.tls;
            if line.starts_with(b"* Connected to ") {
                self.tls = tls;
            }
        }
        if is_curl_noise(line) {
            return;
        }
        if self.wget_line(line) || self.write_out_line(line) {
            return;
        }
        if let Some(err) = parse_client_error(line) {
            self.client_error(err);
            return;
        }
        // A library's error line: between messages, or after another such line.
        let between = matches!(self.state, State::Outside | State::RequestBody)
            || matches!(self.current_style(), Some(Style::Library(_)));
        if between {
            if let Some(l) = super::library::parse_line(line) {
                self.start_library(l);
                return;
            }
        }
        // In a `curl -v` trace every response line starts `< `: a plain line that looks
        // like a status line is body text there.
        let indent = line.iter().take_while(|b| **b == b' ').count();
        if indent <= 8 && !self.verbose {
            if let Some(status) = self.try_status(&line[indent..]) {
                let style = if indent > 0 {
                    Style::Wget
                } else {
                    Style::Plain
                };
                self.start_response(status, style, indent);
                return;
            }
        }
        if let Some(url) = wget_request_url(line) {
            self.start_request(Request::url_only(url), false);
            return;
        }
        match self.state {
            State::ResponseHeaders if self.current_style() != Some(Style::CurlVerbose) => {
                if self.indent > 0 {
                    let ind = line.iter().take_while(|b| **b == b' ').count();
                    if ind >= self.indent {
                        self.header_or_end(&line[self.indent..]);
                        return;
                    }
                    // wget's own lines end the header block.
                    self.state = State::ResponseBody;
                    if !is_wget_noise(line) {
                        self.body_line(line);
                    }
                } else {
                    self.header_or_end(line);
                }
            }
            State::ResponseHeaders | State::ResponseBody
                if self.current_style() == Some(Style::Wget) && is_wget_noise(line) => {}
            State::ResponseHeaders | State::ResponseBody => {
                if self.state == State::ResponseHeaders {
                    // `curl -v`: an unprefixed line during headers is body output.
                    self.state = State::ResponseBody;
                }
                match parse_request_line(line).filter(|_| !self.verbose) {
                    Some(req) => self.start_request(req, true),
                    None => self.body_line(line),
                }
            }
            State::RequestHeaders => self.request_header_or_end(line),
            State::RequestBody | State::Outside => {
                if let Some(req) = parse_request_line(line) {
                    self.start_request(req, true);
                } else if let (State::RequestBody, Some(req)) = (self.state, self.request.as_mut())
                {
                    let room = MAX_REQUEST_BODY.saturating_sub(req.body.len());
                    if room > 0 {
                        req.body.extend_from_slice(&line[..line.len().min(room)]);
                        req.body.push(b'\n');
                    }
                } else if self.state == State::Outside && self.out.exchanges == 0 {
                    self.keep_orphan(line);
                }
            }
        }
    }

    pub(crate) fn current_style(&self) -> Option<Style> {
        self.current.as_ref().map(|r| r.style)
    }

    /// Parses a status line, or notes a broken one.
    pub(crate) fn try_status(&mut self, text: &[u8]) -> Option<(String, u16, String)> {
        if !text.starts_with(b"HTTP/") {
            return None;
        }
        match parse_status_line(text) {
            Some(s) => Some(s),
            None => {
                if self.x.broken_status_line.is_none() {
                    self.x.broken_status_line = Some(lossy(&text[..text.len().min(200)]));
                }
                None
            }
        }
    }

    pub(crate) fn header_or_end(&mut self, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            self.head_ended();
            return;
        }
        self.head_cleaned |= self.line_cleaned;
        let max = self.limits.max_headers;
        match parse_header(text) {
            Some(h) => {
                if let Some(r) = self.current.as_mut() {
                    if !header_keep::keep(&mut r.headers, max, h) {
                        r.headers_skipped += 1;
                    }
                }
            }
            None => {
                // Not a header: the block ended without a blank line.
                self.state = State::ResponseBody;
                self.body_line(text);
            }
        }
    }

    pub(crate) fn request_header_or_end(&mut self, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            self.state = State::RequestBody;
            return;
        }
        let max = self.limits.max_headers;
        if let (Some(h), Some(req)) = (parse_header(text), self.request.as_mut()) {
            header_keep::keep(&mut req.headers, max, h);
        } else {
            self.state = State::RequestBody;
        }
    }

    pub(crate) fn body_line(&mut self, line: &[u8]) {
        let Some(r) = self.current.as_mut() else {
            return;
        };
        let sep = usize::from(self.body_started);
        if !self.body_started && r.status >= 400 && self.scan.is_none() {
            self.scan = Some(ErrorScan::new());
        }
        self.body_started = true;
        self.after_body = false;
        if let Some(scan) = self.scan.as_mut() {
            if !std::mem::take(&mut self.scan_line_fed) {
                if sep == 1 {
                    scan.feed(b"\n");
                }
                scan.feed(line);
            }
        }
        r.body_bytes += self.raw_len;
        if r.body_truncated {
            // The kept prefix has ended; only count.
            return;
        }
        let room = self.limits.max_body.saturating_sub(r.body.len());
        if sep + line.len() > room || self.skipped > 0 {
            r.body_truncated = true;
            self.skip_body = true;
        }
        if sep == 1 && room > 0 {
            r.body.push(b'\n');
        }
        let take = line.len().min(room.saturating_sub(sep));
        r.body.extend_from_slice(&line[..take]);
    }
}
