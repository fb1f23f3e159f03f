//! An incremental parser for HTTP client transcripts.
//!
//! Feed it bytes in chunks of any size ([`Parser::feed`]), then call [`Parser::finish`] for a
//! [`Transcript`]. It reads what developers paste or pipe: `curl -i`, `-I`, `-iL`,
//! `curl -v ... 2>&1`, `wget -S`, HTTPie (`--print=hb`, `-v`, colored), HTTP/1.0 to HTTP/3
//! status lines with or without a reason phrase, CRLF or LF, and a bare status code.
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
//! let last = t.final_response.unwrap();
//! assert_eq!(last.status, 429);
//! assert_eq!(last.header("X-Rate-Limit-Problem"), Some("Minute"));
//! ```

use std::collections::VecDeque;
use std::rc::Rc;

/// Bounds on what the parser keeps.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest line kept; the rest of a longer line is skipped.
    pub max_line: usize,
    /// How much of a response body is kept.
    pub max_body: usize,
    /// How many header lines of one message are kept.
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
}

/// How much of a request's body is kept: enough to find the credentials it sends.
const MAX_REQUEST_BODY: usize = 4096;

impl Request {
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
    /// Its place in the chain of statuses, counting from 1.
    pub position: u64,
}

impl Response {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
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
    /// How many statuses the transcript showed before it.
    pub after: u64,
}

/// What a transcript holds.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    /// The final response: the last one that is not 1xx, or the last 1xx if there is no other.
    pub final_response: Option<Response>,
    /// Every status seen, in order, bounded.
    pub chain: Chain,
    /// Client error lines: curl's `curl: (N) ...`, wget's connection failures.
    pub client_errors: Vec<ClientError>,
    /// The input was just a status code, as `curl -w '%{http_code}'` prints it (`000` too).
    pub bare_code: Option<u16>,
    /// The first line that started like a status line but was not one (`HTTP/1.1 4`).
    pub broken_status_line: Option<String>,
    /// Whether a request line was seen.
    pub saw_request: bool,
    /// The first non-blank line, when no status line was found (to tell what was given).
    pub first_line: Option<String>,
    /// How many bytes were read.
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
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

/// Where a line came from in a `curl -v` trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Plain,
    Response,
    Request,
}

/// The incremental transcript parser. See the [module docs](self).
#[derive(Debug)]
pub struct Parser {
    limits: Limits,
    state: State,
    /// The partial line carried over from the previous chunk.
    pending: Vec<u8>,
    /// Whether the pending line outgrew `max_line` (the rest of it is skipped).
    pending_overflow: bool,
    /// How many bytes of the line being handled were skipped past `max_line`.
    skipped: u64,
    /// In a body whose kept prefix is full: quiet lines are only counted.
    skip_body: bool,
    /// A `curl -v` response line (`< HTTP/...`) has been seen.
    verbose: bool,
    /// The size of the line being handled as read: its `\r`, the part past `max_line`, and
    /// its `\n` if it had one.
    raw_len: u64,
    current: Option<Response>,
    /// Indentation of the current response's status line (wget indents by two).
    indent: usize,
    request: Option<Request>,
    last_request: Option<Rc<Request>>,
    last_final: Option<Response>,
    /// The body so far holds a line (so the next line is joined with `\n`).
    body_started: bool,
    out: Transcript,
    nonblank_lines: u64,
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
            raw_len: 0,
            current: None,
            indent: 0,
            request: None,
            last_request: None,
            last_final: None,
            body_started: false,
            out: Transcript::default(),
            nonblank_lines: 0,
        }
    }

    /// Feeds the next chunk of input; chunks may split lines anywhere.
    pub fn feed(&mut self, mut chunk: &[u8]) {
        self.out.bytes += chunk.len() as u64;
        if !self.pending.is_empty() || self.pending_overflow {
            match memchr::memchr(b'\n', chunk) {
                Some(i) => {
                    self.extend_pending(&chunk[..i]);
                    let line = std::mem::take(&mut self.pending);
                    self.pending_overflow = false;
                    self.complete_line(&line, line.len() as u64 + self.skipped + 1);
                    self.skipped = 0;
                    self.pending = line;
                    self.pending.clear();
                    chunk = &chunk[i + 1..];
                }
                None => {
                    self.extend_pending(chunk);
                    return;
                }
            }
        }
        let mut start = 0;
        // Bytes of quiet body lines not yet counted: past the kept prefix of a body, a line
        // whose first bytes rule out every marker costs one comparison.
        let mut quiet = 0u64;
        for end in memchr::memchr_iter(b'\n', chunk) {
            let line = &chunk[start..end];
            if self.skip_body && is_quiet_body_line(line) {
                quiet += line.len() as u64 + 1;
                start = end + 1;
                continue;
            }
            if quiet > 0 {
                self.count_body(quiet);
                quiet = 0;
            }
            self.raw_len = line.len() as u64 + 1;
            if line.len() > self.limits.max_line {
                self.skipped = (line.len() - self.limits.max_line) as u64;
                self.line(&line[..self.limits.max_line]);
                self.skipped = 0;
            } else {
                self.line(line);
            }
            start = end + 1;
        }
        if quiet > 0 {
            self.count_body(quiet);
        }
        self.extend_pending(&chunk[start..]);
    }

    /// Handles a line put together across chunks, the same way `feed` handles one inside a
    /// chunk; `raw_len` is its size as read.
    fn complete_line(&mut self, line: &[u8], raw_len: u64) {
        if self.skip_body && is_quiet_body_line(line) {
            self.count_body(raw_len);
        } else {
            self.raw_len = raw_len;
            self.line(line);
        }
    }

    /// Counts body bytes past the kept prefix.
    fn count_body(&mut self, bytes: u64) {
        if let Some(r) = self.current.as_mut() {
            r.body_bytes += bytes;
        }
    }

    fn extend_pending(&mut self, bytes: &[u8]) {
        let room = self.limits.max_line.saturating_sub(self.pending.len());
        if bytes.len() > room {
            self.pending.extend_from_slice(&bytes[..room]);
            self.skipped += (bytes.len() - room) as u64;
            self.pending_overflow = true;
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    /// Ends the input and returns what the transcript holds.
    pub fn finish(mut self) -> Transcript {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.complete_line(&line, line.len() as u64 + self.skipped);
        }
        self.close_response();
        let mut out = self.out;
        out.final_response = self.last_final;
        if out.final_response.is_none() && out.chain.total() == 0 && self.nonblank_lines == 1 {
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
    fn line(&mut self, raw: &[u8]) {
        let mut line = raw;
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        // Fast path: most lines of a big body start with an ordinary byte.
        if self.state == State::ResponseBody && is_plain_body_start(line) {
            self.body_line(line);
            return;
        }
        let cleaned;
        if memchr::memchr2(0x1b, b'\r', line).is_some() {
            cleaned = clean_line(line);
            line = &cleaned;
        }
        // Progress meters are dropped here, once, however many stand before the text.
        while let Some(rest) = after_progress(line) {
            if rest.iter().all(u8::is_ascii_whitespace) {
                return;
            }
            line = rest;
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            self.nonblank_lines += 1;
            if self.out.first_line.is_none() {
                self.out.first_line = Some(lossy(&line[..line.len().min(256)]));
            }
        }
        self.dispatch(line);
    }

    fn dispatch(&mut self, line: &[u8]) {
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

    fn plain(&mut self, line: &[u8]) {
        if is_curl_noise(line) {
            return;
        }
        if let Some(mut err) = parse_client_error(line) {
            if self.out.client_errors.len() < self.limits.max_client_errors {
                err.after = self.out.chain.total();
                self.out.client_errors.push(err);
            }
            return;
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
            self.start_request(
                Request {
                    method: None,
                    target: url,
                    headers: Vec::new(),
                    headers_shown: false,
                    body: Vec::new(),
                },
                false,
            );
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
                }
            }
        }
    }

    fn current_style(&self) -> Option<Style> {
        self.current.as_ref().map(|r| r.style)
    }

    /// Parses a status line, or notes a broken one.
    fn try_status(&mut self, text: &[u8]) -> Option<(String, u16, String)> {
        if !text.starts_with(b"HTTP/") {
            return None;
        }
        match parse_status_line(text) {
            Some(s) => Some(s),
            None => {
                if self.out.broken_status_line.is_none() {
                    self.out.broken_status_line = Some(lossy(&text[..text.len().min(200)]));
                }
                None
            }
        }
    }

    fn start_response(
        &mut self,
        (version, status, reason): (String, u16, String),
        style: Style,
        indent: usize,
    ) {
        self.close_response();
        self.out.chain.push(status, self.limits.chain_keep);
        self.indent = indent;
        self.state = State::ResponseHeaders;
        self.body_started = false;
        if self.request.is_some() {
            self.last_request = self.request.take().map(Rc::new);
        }
        self.current = Some(Response {
            version,
            status,
            reason,
            headers: Vec::new(),
            body: Vec::new(),
            body_bytes: 0,
            body_truncated: false,
            style,
            request: self.last_request.clone(),
            position: self.out.chain.total(),
        });
    }

    fn close_response(&mut self) {
        self.skip_body = false;
        if let Some(r) = self.current.take() {
            let informational = r.status < 200;
            if !informational || self.last_final.as_ref().is_none_or(|f| f.status < 200) {
                self.last_final = Some(r);
            }
        }
        self.state = State::Outside;
    }

    fn start_request(&mut self, req: Request, shown: bool) {
        self.close_response();
        self.out.saw_request = true;
        self.request = Some(Request {
            headers_shown: shown,
            ..req
        });
        self.state = if shown {
            State::RequestHeaders
        } else {
            State::Outside
        };
    }

    fn header_or_end(&mut self, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            self.state = State::ResponseBody;
            return;
        }
        let max = self.limits.max_headers;
        match parse_header(text) {
            Some(h) => {
                if let Some(r) = self.current.as_mut() {
                    if r.headers.len() < max {
                        r.headers.push(h);
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

    fn request_header_or_end(&mut self, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            self.state = State::RequestBody;
            return;
        }
        let max = self.limits.max_headers;
        if let (Some(h), Some(req)) = (parse_header(text), self.request.as_mut()) {
            if req.headers.len() < max {
                req.headers.push(h);
            }
        } else {
            self.state = State::RequestBody;
        }
    }

    fn body_line(&mut self, line: &[u8]) {
        let Some(r) = self.current.as_mut() else {
            return;
        };
        let sep = usize::from(self.body_started);
        self.body_started = true;
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

/// Whether a line past a body's kept prefix surely is more body, from its first bytes:
/// no status line, request line, curl or wget marker, escape sequence or carriage return
/// can start this way.
#[inline]
fn is_quiet_body_line(line: &[u8]) -> bool {
    match line.first() {
        None => false,
        Some(b'{') | Some(b'}') => line.get(1) != Some(&b' '),
        Some(&b) => {
            !(b.is_ascii_uppercase()
                || b.is_ascii_digit()
                || b.is_ascii_whitespace()
                || b.is_ascii_control()
                || matches!(b, b'<' | b'>' | b'*' | b'c' | b'w' | b'-'))
        }
    }
}

/// Whether a body line surely is body text: a quiet start, and no escape sequence or
/// carriage return to resolve.
fn is_plain_body_start(line: &[u8]) -> bool {
    is_quiet_body_line(line) && memchr::memchr2(0x1b, b'\r', line).is_none()
}

/// wget's own lines between and after the headers: progress, saving, timestamps.
fn is_wget_noise(line: &[u8]) -> bool {
    const PREFIXES: &[&[u8]] = &[
        b"Saving to:",
        b"Length:",
        b"HTTP request sent",
        b"Connecting to ",
        b"Resolving ",
        b"Reusing existing connection",
        b"Location: ",
    ];
    if PREFIXES.iter().any(|p| line.starts_with(p)) {
        return true;
    }
    // `2026-11-25 12:10:52 ERROR 404: Not Found.` and `     0K ....   100% 48.1M=0s`
    let ts = line.len() > 20
        && line[..4].iter().all(u8::is_ascii_digit)
        && line[4] == b'-'
        && line[10] == b' '
        && line[13] == b':';
    let progress = {
        let t = trim_start(line);
        t.len() < line.len()
            && t.first().is_some_and(u8::is_ascii_digit)
            && t.iter().take_while(|b| b.is_ascii_digit()).count() < t.len()
            && t[t.iter().take_while(|b| b.is_ascii_digit()).count()] == b'K'
    };
    ts || progress
}

/// Strips escape sequences (HTTPie's colors) and drops what curl's progress meter wrote
/// before a carriage return. Other text before a `\r` stays, so a `\r` cannot make a
/// header line pass for a status line.
fn clean_line(line: &[u8]) -> Vec<u8> {
    let line = match memchr::memrchr(b'\r', line) {
        Some(i) if i + 1 < line.len() && is_overwritten(&line[..i]) => &line[i + 1..],
        _ => line,
    };
    let mut scratch = Vec::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b != 0x1b {
            scratch.push(b);
            i += 1;
            continue;
        }
        i += 1;
        match line.get(i) {
            Some(b'[') => {
                i += 1;
                while i < line.len() && !(0x40..=0x7e).contains(&line[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                i += 1;
                while i < line.len() && line[i] != 0x07 && line[i] != 0x1b {
                    i += 1;
                }
                if line.get(i) == Some(&0x1b) {
                    i += 1;
                }
                i += 1;
            }
            Some(_) => i += 1,
            None => {}
        }
    }
    scratch
}

/// Whether text before a `\r` is what a terminal would overwrite: nothing, or curl's
/// progress meter.
fn is_overwritten(before: &[u8]) -> bool {
    before
        .split(|b| *b == b'\r')
        .all(|part| part.iter().all(u8::is_ascii_whitespace) || is_progress_line(part))
}

fn split_side(line: &[u8]) -> (Side, &[u8]) {
    match line {
        [b'<'] => (Side::Response, &[]),
        [b'>'] => (Side::Request, &[]),
        [b'<', b' ', rest @ ..] => (Side::Response, rest),
        [b'>', b' ', rest @ ..] => (Side::Request, rest),
        _ => (Side::Plain, line),
    }
}

/// Lines of curl's own chatter that carry nothing about the response.
fn is_curl_noise(line: &[u8]) -> bool {
    line.starts_with(b"* ")
        || line == b"*"
        || line.starts_with(b"{ [")
        || line.starts_with(b"} [")
        || is_progress_heading(line)
}

/// The two heading lines curl prints above its progress meter.
fn is_progress_heading(line: &[u8]) -> bool {
    let t = trim_start(line);
    t.starts_with(b"% Total") || t.starts_with(b"Dload")
}

/// curl's progress meter and its two heading lines.
fn is_progress_line(line: &[u8]) -> bool {
    is_progress_heading(line)
        || after_progress(line).is_some_and(|rest| rest.iter().all(u8::is_ascii_whitespace))
}

/// What follows curl's progress meter on a line that begins with one: curl writes its
/// verbose lines (`*   Trying`, `< HTTP/1.1 504`) straight after the last update.
/// `100    26  100    26    0     0  92857      0 --:--:-- 0:00:01 --:--:-- 26000` is
/// eleven columns, three of them times, then the current speed.
fn after_progress(line: &[u8]) -> Option<&[u8]> {
    let is_time = |w: &[u8]| {
        w == b"--:--:--"
            || w.len() >= 7
                && w.iter().all(|b| b.is_ascii_digit() || *b == b':')
                && w.iter().filter(|b| **b == b':').count() == 2
    };
    let mut rest = trim_start(line);
    if !rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut times = 0;
    for _ in 0..11 {
        let end = rest.iter().position(|b| *b == b' ').unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        times += usize::from(is_time(&rest[..end]));
        rest = trim_start(&rest[end..]);
    }
    if times < 3 {
        return None;
    }
    // The speed: digits with a unit.
    let speed = rest
        .iter()
        .take_while(|b| b.is_ascii_digit() || b"kMGTP.".contains(b))
        .count();
    if speed == 0 {
        return None;
    }
    Some(&rest[speed..])
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// `HTTP/1.1 404 Not Found`, `HTTP/2 429`, `HTTP/1.1 422 ` → (version, code, reason).
pub fn parse_status_line(text: &[u8]) -> Option<(String, u16, String)> {
    let rest = text.strip_prefix(b"HTTP/")?;
    let vlen = rest
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    let version = &rest[..vlen];
    if version.is_empty() || version.len() > 4 || !version[0].is_ascii_digit() {
        return None;
    }
    let rest = &rest[vlen..];
    let spaces = rest.iter().take_while(|b| **b == b' ').count();
    if spaces == 0 {
        return None;
    }
    let rest = &rest[spaces..];
    if rest.len() < 3 || !rest[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if rest.len() > 3 && rest[3] != b' ' {
        return None;
    }
    let code = u16::from(rest[0] - b'0') * 100
        + u16::from(rest[1] - b'0') * 10
        + u16::from(rest[2] - b'0');
    if !(100..=599).contains(&code) {
        return None;
    }
    let reason = lossy(rest.get(4..).unwrap_or(&[])).trim().to_string();
    Some((lossy(version), code, reason))
}

/// `GET /path HTTP/1.1` → a request with method and target.
fn parse_request_line(text: &[u8]) -> Option<Request> {
    let first = *text.first()?;
    if !first.is_ascii_uppercase() || text.len() > 16 * 1024 {
        return None;
    }
    let mut parts = text.split(|b| *b == b' ').filter(|p| !p.is_empty());
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    if parts.next().is_some()
        || method.len() > 16
        || !method.iter().all(|b| b.is_ascii_uppercase() || *b == b'-')
        || !version.starts_with(b"HTTP/")
    {
        return None;
    }
    Some(Request {
        method: Some(lossy(method)),
        target: lossy(target),
        headers: Vec::new(),
        headers_shown: true,
        body: Vec::new(),
    })
}

/// `Name: value` → (name, value); the name must be a token.
fn parse_header(text: &[u8]) -> Option<(String, String)> {
    let colon = memchr::memchr(b':', text)?;
    let name = &text[..colon];
    if name.is_empty()
        || !name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b))
    {
        return None;
    }
    let value = &text[colon + 1..];
    let value = &value[..value.len().min(MAX_HEADER_VALUE)];
    Some((lossy(name), lossy(value).trim().to_string()))
}

/// The longest header value kept: with `max_headers` this bounds a message's headers.
const MAX_HEADER_VALUE: usize = 8 * 1024;

/// `curl: (7) Failed to connect ...`, and wget's failures to connect or resolve.
fn parse_client_error(line: &[u8]) -> Option<ClientError> {
    if let Some(rest) = line.strip_prefix(b"curl: (") {
        let close = memchr::memchr(b')', rest)?;
        let code = std::str::from_utf8(&rest[..close]).ok()?.parse().ok();
        return Some(ClientError {
            code,
            message: lossy(&rest[close + 1..]).trim().to_string(),
            after: 0,
        });
    }
    let wget_failure = line.starts_with(b"wget: unable to resolve")
        || (line.starts_with(b"Connecting to ")
            && memchr::memmem::find(line, b"failed:").is_some())
        || line.starts_with(b"wget: ");
    if wget_failure {
        return Some(ClientError {
            code: None,
            message: lossy(line).trim().to_string(),
            after: 0,
        });
    }
    None
}

/// wget's `--2026-11-25 12:10:52--  http://host/path` line names the URL it requests.
fn wget_request_url(line: &[u8]) -> Option<String> {
    let rest = line.strip_prefix(b"--")?;
    let end = memchr::memmem::find(rest, b"--  ")?;
    if end != 19 || !rest[0].is_ascii_digit() {
        return None;
    }
    Some(lossy(&rest[end + 4..]).trim().to_string())
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &[u8]) -> Transcript {
        let mut p = Parser::new();
        p.feed(input);
        p.finish()
    }

    #[test]
    fn status_lines() {
        assert_eq!(
            parse_status_line(b"HTTP/1.1 404 Not Found"),
            Some(("1.1".into(), 404, "Not Found".into()))
        );
        assert_eq!(
            parse_status_line(b"HTTP/2 429 "),
            Some(("2".into(), 429, "".into()))
        );
        assert_eq!(
            parse_status_line(b"HTTP/3 200"),
            Some(("3".into(), 200, "".into()))
        );
        assert_eq!(parse_status_line(b"HTTP/1.1 4"), None);
        assert_eq!(parse_status_line(b"HTTP/1.1 abc"), None);
        assert_eq!(parse_status_line(b"HTTP/1.1 4040"), None);
        assert_eq!(parse_status_line(b"HTTP/1.1 999 Nope"), None);
    }

    #[test]
    fn chunk_boundaries_do_not_matter() {
        let input = b"HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\nHTTP/1.1 200 OK\r\nX-Request-Id: r1\r\n\r\n{\"a\":1}";
        let whole = parse(input);
        for size in 1..8 {
            let mut p = Parser::new();
            for c in input.chunks(size) {
                p.feed(c);
            }
            let t = p.finish();
            assert_eq!(t.chain, whole.chain);
            assert_eq!(t.final_response, whole.final_response);
        }
        let f = whole.final_response.unwrap();
        assert_eq!(f.status, 200);
        assert_eq!(f.header("x-request-id"), Some("r1"));
        assert_eq!(f.body, b"{\"a\":1}");
        assert_eq!(whole.chain.codes(), [301, 200]);
    }

    #[test]
    fn interim_responses_are_not_final() {
        let t = parse(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n\r\n");
        assert_eq!(t.final_response.unwrap().status, 201);
        let t = parse(b"HTTP/1.1 100 Continue\r\n\r\n");
        assert_eq!(t.final_response.unwrap().status, 100);
    }

    #[test]
    fn progress_meter_prefixes_are_dropped() {
        let t = parse(b"> GET /x HTTP/1.1\r\n>\r\n\r  0     0    0     0    0     0      0      0 --:--:--  0:00:59 --:--:--     0< HTTP/1.1 504 Gateway Time-out\r\n< X-Request-Id: slow\r\n<\r\n");
        let f = t.final_response.unwrap();
        assert_eq!((f.status, f.header("x-request-id")), (504, Some("slow")));
        assert_eq!(
            after_progress(
                b"100    26  100    26    0     0  92857      0 --:--:-- --:--:-- --:--:-- 26000"
            ),
            Some(&b""[..])
        );
        assert_eq!(after_progress(b"100 apples and 26 pears"), None);
    }

    #[test]
    fn in_a_verbose_trace_body_text_starts_nothing() {
        let t = parse(b"> GET / HTTP/1.1\r\n>\r\n< HTTP/1.1 401 Unauthorized\r\n<\r\nHTTP/1.1 200 OK\nGET /x HTTP/1.1\nall good\n");
        assert_eq!(t.chain.codes(), [401]);
        let f = t.final_response.unwrap();
        assert_eq!(f.body, b"HTTP/1.1 200 OK\nGET /x HTTP/1.1\nall good");
    }

    #[test]
    fn a_bare_code() {
        assert_eq!(parse(b"404").bare_code, Some(404));
        assert_eq!(parse(b"000\n").bare_code, Some(0));
        assert_eq!(parse(b"404\n500\n").bare_code, None);
    }

    #[test]
    fn the_chain_is_bounded() {
        let mut p = Parser::with_limits(Limits {
            chain_keep: 3,
            ..Limits::default()
        });
        for i in 0..100u16 {
            p.feed(format!("HTTP/1.1 {} X\r\n\r\n", 200 + i).as_bytes());
        }
        let t = p.finish();
        assert_eq!(t.chain.codes(), [200, 201, 202, 297, 298, 299]);
        assert_eq!(t.chain.omitted, 94);
        assert_eq!(t.chain.total(), 100);
    }

    #[test]
    fn long_lines_and_bodies_are_cut() {
        let mut p = Parser::new();
        p.feed(b"HTTP/1.1 200 OK\r\n\r\n");
        let big = vec![b'x'; 1 << 20];
        p.feed(&big);
        p.feed(b"\n");
        p.feed(&big);
        let t = p.finish();
        let f = t.final_response.unwrap();
        assert!(f.body_truncated);
        assert!(f.body.len() <= Limits::default().max_body);
    }

    #[test]
    fn escape_sequences_are_stripped() {
        let t = parse(b"\x1b[34mHTTP\x1b[39;49;00m/\x1b[34m1.1\x1b[39;49;00m \x1b[34m422\x1b[39;49;00m \n\x1b[36mX-Request-Id\x1b[39;49;00m: abc\n");
        let f = t.final_response.unwrap();
        assert_eq!(f.status, 422);
        assert_eq!(f.header("X-Request-Id"), Some("abc"));
    }
}
